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
        "load_document",
        "make_converter",
        "structure",
        "to_json",
        "unstructure",
    ]

    assert expected == serialization.__all__
    assert "jobcenter_core/1" == serialization.SCHEMA


@pytest.mark.parametrize(
    ("function", "parameters"),
    [
        (configure_converter, "converter, *, instants=rfc9557"),
        (make_converter, "*, instants=rfc9557"),
        (to_json, "value, cl=None, *, converter=None, indent=None"),
        (from_json, "text, cl, *, converter=None"),
        (structure, "data, cl, *, converter=None"),
        (unstructure, "value, cl=None, *, converter=None"),
        (dump_document, "value, cl=None, *, converter=None, indent=None"),
        (load_document, "text, cl=None, *, converter=None"),
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
