"""
JSON Schema: every document the library writes validates against the schema of its
type, and a document that ``from_json`` refuses for a structural reason (an unknown or
missing key, a value of the wrong JSON type, an enum value that does not exist, a tag
that names no class, an array of the wrong length) is refused by the schema too. What
``from_json`` accepts, the schema accepts.

The slow run validates 10³ generated documents per type (``uv run pytest -m slow -s
tests/serialization/test_schema.py`` prints the counts); the default run a few per type.
"""

from __future__ import annotations

import collections
import functools
import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobcenter_core import (
    InvalidInput,
    LanguageSkill,
    Person,
    RosterSnapshot,
    TargetGroupRule,
    from_json,
    make_converter,
    to_json,
)
from jobcenter_core.serialization.schema import DIALECT, json_schema, json_schema_document

Case = tuple[str, Callable[[st.DataObject], st.SearchStrategy[Any]], Any]

STRUCTURAL_KINDS = frozenset(
    {
        "unknown key",
        "required key missing",
        "expected a string",
        "expected an integer",
        "expected true or false",
        "expected a number",
        "expected an array",
        "expected an object",
        "integer out of range",
    }
)
"""What ``from_json`` refuses for a reason a JSON Schema can say, besides the
``expected one of …`` of enums and tags and ``expected an array of N items``."""

VALIDATED: collections.Counter[str] = collections.Counter()
"""Documents validated per type in this run."""

COMPARED: collections.Counter[str] = collections.Counter()
"""Spoilt documents by outcome in this run: read, refused by shape (and by the schema),
refused for other reasons only."""

_SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


@functools.cache
def _validator(cl: Any, rfc3339: bool = False) -> jsonschema.Draft202012Validator:
    converter = make_converter(instants="rfc3339") if rfc3339 else None
    schema = json_schema(cl, converter=converter)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _is_structural(kind: str) -> bool:
    return kind in STRUCTURAL_KINDS or kind.startswith(("expected one of", "expected an array of"))


# --- the schema document -----------------------------------------------------------------


def test_the_schema_document_is_a_valid_2020_12_schema_of_every_public_type() -> None:
    """One document, ``$defs`` by type name, that the 2020-12 meta-schema accepts."""
    from jobcenter_core.serialization.documents import PUBLIC_TYPES

    document = json_schema_document()

    jsonschema.Draft202012Validator.check_schema(document)
    assert DIALECT == document["$schema"]
    assert set(PUBLIC_TYPES) <= set(document["$defs"])


def test_a_class_is_an_object_with_its_keys_and_no_others() -> None:
    """Fields with defaults may be left out; unknown keys are refused."""
    person = json_schema(Person)["$defs"]["Person"]

    assert ["id", "birth_date", "sex"] == person["required"]
    assert person["additionalProperties"] is False
    assert {"$ref": "#/$defs/Sex"} == person["properties"]["sex"]


def test_a_tagged_union_is_one_of_its_classes_by_their_tag() -> None:
    """``oneOf`` with an OpenAPI discriminator on ``$type``; each variant has the constant tag."""
    schema = json_schema(TargetGroupRule)

    assert "$type" == schema["discriminator"]["propertyName"]
    assert "#/$defs/AllOf.tagged" == schema["discriminator"]["mapping"]["AllOf"]
    variant = schema["$defs"]["AllOf.tagged"]
    assert {"const": "AllOf"} == variant["properties"]["$type"]
    assert "$type" == variant["required"][0]


def test_fixed_tuples_sets_and_pairs_have_their_shapes() -> None:
    """``prefixItems`` for a fixed tuple, ``uniqueItems`` for a set, an object for pairs."""
    fixed = json_schema(tuple[str, int])
    unique = json_schema(frozenset[str])
    pairs = json_schema(tuple[tuple[str, LanguageSkill], ...])

    assert 2 == len(fixed["prefixItems"]) and fixed["items"] is False
    assert unique["uniqueItems"] is True
    assert {"$ref": "#/$defs/LanguageSkill"} == pairs["additionalProperties"]


def test_instants_are_a_pattern_and_a_named_format_of_the_converter() -> None:
    """The format names what the converter writes; the pattern accepts both forms it reads."""
    default = json_schema(pendulum.DateTime)
    rfc3339 = json_schema(pendulum.DateTime, converter=make_converter(instants="rfc3339"))
    validator = jsonschema.Draft202012Validator(default)

    assert "rfc9557-date-time" == default["format"]
    assert "date-time" == rfc3339["format"]
    assert validator.is_valid("2022-06-13T09:01:00+02:00[Europe/Berlin]")
    assert validator.is_valid("2022-06-13T07:01:00Z")
    assert not validator.is_valid("2022-06-13T09:01:00")


def test_a_ref_prefix_places_the_definitions_elsewhere() -> None:
    """For OpenAPI: references into ``#/components/schemas/``."""
    schema = json_schema(LanguageSkill, ref_prefix="#/components/schemas/")

    assert "#/components/schemas/LanguageSkill" == schema["$ref"]
    assert {"$ref": "#/components/schemas/CefrLevel"} == (
        schema["$defs"]["LanguageSkill"]["properties"]["level"]
    )


# --- every document the library writes validates ------------------------------------------


def _validate_written(data: st.DataObject, case: Case, draws: int) -> None:
    name, make, cl = case
    for _ in range(draws):
        value = data.draw(make(data))
        for rfc3339 in (False, True):
            converter = make_converter(instants="rfc3339") if rfc3339 else None
            document = json.loads(to_json(value, cl, converter=converter))
            errors = list(_validator(cl, rfc3339).iter_errors(document))
            assert [] == [f"{list(e.absolute_path)}: {e.message}" for e in errors[:3]]
        VALIDATED[name] += 1


@settings(max_examples=4, deadline=None, suppress_health_check=_SLOW_DATA)
@given(data=st.data())
def test_every_written_document_validates(strategy_case: Case, data: st.DataObject) -> None:
    """A few documents of each type, in RFC 9557 and in RFC 3339, match the schema."""
    _validate_written(data, strategy_case, draws=2)


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=_SLOW_DATA)
@given(data=st.data())
def test_every_written_document_validates_at_length(
    strategy_case: Case, data: st.DataObject
) -> None:
    """10³ documents of each type (100 examples of 10), in both instant formats."""
    _validate_written(data, strategy_case, draws=10)


# --- what from_json refuses for structural reasons, the schema refuses ---------------------

_JUNK = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-1000, 1000)
    | st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: not f.is_integer())
    | st.sampled_from(["", "x", "uk", "native", "female", "1990-03-01", "PT48H", "AllOf"])
    | st.sampled_from(["2022-06-21T09:00:00+02:00[Europe/Berlin]", "2022-06-21T07:00:00Z"]),
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=4), inner, max_size=2)
    ),
    max_leaves=4,
)
"""JSON values to put where they may not belong. No integral floats (``2.0``): JSON
Schema counts them as integers, and ``from_json`` does not (a limit of JSON Schema,
listed in the guide)."""


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _places(item, (*path, index))
    return found


@st.composite
def _spoiled(draw: st.DrawFn, document: Any) -> Any:
    """*document* with one to three edits of its shape: keys dropped or added, values
    replaced, items dropped or repeated."""
    document = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_places(document)))
        parent: Any = document
        for step in path[:-1]:
            parent = parent[step]
        target = parent[path[-1]] if path else document
        action = draw(st.sampled_from(["drop", "add", "replace", "repeat", "tag"]))
        if action == "drop" and path:
            del parent[path[-1]]
        elif action == "add" and isinstance(target, dict):
            target[draw(st.sampled_from(["nmae", "id", "$type", "value", "x"]))] = draw(_JUNK)
        elif action == "replace" and path:
            parent[path[-1]] = draw(_JUNK)
        elif action == "repeat" and isinstance(target, list) and target:
            target.append(json.loads(json.dumps(target[0])))
        elif action == "tag" and isinstance(target, dict) and "$type" in target:
            target["$type"] = draw(st.sampled_from(["AllOf", "Person", "Nothing", 1]))
    return document


def _compare(data: st.DataObject, case: Case) -> None:
    _, make, cl = case
    value = data.draw(make(data))
    document = data.draw(_spoiled(json.loads(to_json(value, cl))))
    valid = _validator(cl).is_valid(document)
    try:
        from_json(json.dumps(document), cl)
    except InvalidInput as error:
        structural = [p for p in error.problems if _is_structural(p.kind)]
        assert not (structural and valid), structural
        COMPARED["refused by shape" if structural else "refused otherwise"] += 1
    else:
        assert valid, "from_json read a document the schema refuses"
        COMPARED["read"] += 1


@settings(max_examples=10, deadline=None, suppress_health_check=_SLOW_DATA)
@given(data=st.data())
def test_what_from_json_refuses_by_shape_the_schema_refuses(
    strategy_case: Case, data: st.DataObject
) -> None:
    """A structural refusal is the schema's too; what from_json reads, the schema accepts."""
    _compare(data, strategy_case)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=_SLOW_DATA)
@given(data=st.data())
def test_what_from_json_refuses_by_shape_the_schema_refuses_at_length(
    strategy_case: Case, data: st.DataObject
) -> None:
    """The same, with 300 spoilt documents per type."""
    _compare(data, strategy_case)


@pytest.mark.parametrize(
    ("text", "cl"),
    [
        ('{"language": "uk", "level": "C3"}', LanguageSkill),
        ('{"language": "uk"}', LanguageSkill),
        ('{"language": "uk", "level": "B1", "nmae": 1}', LanguageSkill),
        ('{"language": 1, "level": "B1"}', LanguageSkill),
        ('{"$type": "Nothing"}', TargetGroupRule),
        ('{"rules": []}', TargetGroupRule),
        ('["uk", "uk"]', frozenset[str]),
        ('["uk"]', tuple[str, int]),
        ("9007199254740992", int),
        ('"2022-06-21T09:00:00"', pendulum.DateTime),
    ],
)
def test_named_structural_refusals_are_the_schemas_too(text: str, cl: Any) -> None:
    """Enum values, missing and unknown keys, types, tags, repeats, lengths, ranges, naive instants."""
    with pytest.raises(InvalidInput):
        from_json(text, cl)

    assert not _validator(cl).is_valid(json.loads(text))


def test_a_roster_snapshot_schema_is_the_schema_of_an_offer_state() -> None:
    """A roster is written as its snapshot: one schema for both."""
    from jobcenter_core import OfferState

    assert json_schema(RosterSnapshot)["$ref"] == json_schema(OfferState)["$ref"]


@pytest.mark.slow
def test_at_least_a_thousand_documents_were_validated_per_type(strategy_cases: list[Case]) -> None:
    """The slow run reached 10³ per type (printed with ``-s``)."""
    if not VALIDATED:
        pytest.skip("No document was validated: run it together with the slow validation test.")
    for name, _, _ in strategy_cases:
        print(f"{name}: {VALIDATED[name]} documents validated")
    print(f"spoilt documents: {dict(COMPARED)}")
    assert all(VALIDATED[name] >= 1000 for name, _, _ in strategy_cases), dict(VALIDATED)
