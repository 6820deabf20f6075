"""The serialization API other services call: its names and their parameters stay."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

import jobcenter_core.serialization as serialization
from jobcenter_core.serialization import (
    JsonConverter,
    configure_converter,
    dump_document,
    from_json,
    load_document,
    make_converter,
    structure,
    to_json,
    unstructure,
)


def test_the_package_exports_the_converter_the_functions_and_the_schema_version() -> None:
    """Each name is importable from ``jobcenter_core.serialization``."""
    expected = [
        "SCHEMA",
        "JsonConverter",
        "configure_converter",
        "dump_document",
        "from_json",
        "infer_type",
        "json_schema",
        "json_schema_document",
        "load_document",
        "make_converter",
        "structure",
        "to_json",
        "unstructure",
        "validation_errors",
    ]

    assert expected == serialization.__all__
    assert "jobcenter_core/1" == serialization.SCHEMA


@pytest.mark.parametrize(
    ("function", "parameters"),
    [
        (configure_converter, "converter, *, instants=rfc9557"),
        (make_converter, "*, instants=rfc9557"),
        (to_json, "value, as_type=None, *, converter=None, indent=None, cl=None"),
        (from_json, "text, as_type=None, *, converter=None, cl=None"),
        (structure, "data, as_type=None, *, converter=None, cl=None"),
        (unstructure, "value, as_type=None, *, converter=None, cl=None"),
        (dump_document, "value, as_type=None, *, converter=None, indent=None, cl=None"),
        (load_document, "text, as_type=None, *, converter=None, cl=None"),
        (JsonConverter.structure, "self, obj, cl"),
        (JsonConverter.dumps, "self, value, unstructure_as=None, *, indent=None"),
        (JsonConverter.loads, "self, text, cl"),
    ],
    ids=lambda x: None if isinstance(x, str) else x.__qualname__,
)
def test_the_functions_keep_their_parameters(function: Callable[..., Any], parameters: str) -> None:
    """Callers pass arguments by these names and in this order."""
    actual = []
    for parameter in inspect.signature(function).parameters.values():
        if parameter.kind is parameter.KEYWORD_ONLY and "*" not in actual:
            actual.append("*")
        default = parameter.default
        actual.append(
            parameter.name if default is parameter.empty else f"{parameter.name}={default}"
        )

    assert parameters == ", ".join(actual)


def test_the_type_reads_at_the_call_site_and_its_old_name_still_works() -> None:
    """``as_type=`` names the type; ``cl=``, its old name, warns but still reads."""
    from jobcenter_core import LegalReference

    text = '{"law": "SGB II", "section": "7a"}'

    new = from_json(text, as_type=LegalReference)
    with pytest.warns(DeprecationWarning, match="as_type"):
        old = from_json(text, cl=LegalReference)

    assert new == old == from_json(text, LegalReference)


def test_a_missing_or_doubled_type_is_a_type_error() -> None:
    """Reading needs one type: none, or both names at once, is a programming error."""
    from jobcenter_core import LegalReference

    with pytest.raises(TypeError, match="from_json"):
        from_json("{}")
    with pytest.raises(TypeError, match="once"):
        from_json("{}", LegalReference, cl=LegalReference)  # type: ignore[call-overload]
