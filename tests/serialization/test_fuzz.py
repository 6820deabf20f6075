"""Fuzzing the JSON edge: whatever the document, only InvalidInput escapes, with paths."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobcenter_core import Decision, Household, InvalidInput, OfferState, Person, Policy
from jobcenter_core.serialization import from_json, load_document, make_converter, to_json
from jobcenter_core.strategies import households, offer_states, persons, policies

CONVERTER = make_converter()
PATH = re.compile(r'^\$(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\]|\["(?:[^"\\]|\\.)*"\])*$')
"""A JSON path as the messages write it: ``$``, ``.key``, ``[3]``, ``["odd key"]``."""

Mutated = Callable[[Any], st.SearchStrategy[str | bytes]]


def _error_of(read: Any) -> InvalidInput | None:
    """The InvalidInput *read* raises, or ``None`` if it reads a value; any other
    exception escapes and fails the test."""
    try:
        read()
    except InvalidInput as error:
        return error
    return None


def _assert_only_invalid_input(payload: str | bytes, cl: Any) -> None:
    error = _error_of(lambda: from_json(payload, cl, converter=CONVERTER))

    if error is not None:
        assert error.problems
        for problem in error.problems:
            assert PATH.match(problem.path), problem.path
            assert problem.kind.strip()
        assert error.__context__ is None


FAST = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
LONG = settings(
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _payloads(values: st.SearchStrategy[Any], mutated: Mutated) -> st.SearchStrategy[str | bytes]:
    """Documents of *values*, mutated."""
    return values.flatmap(lambda v: mutated(json.loads(to_json(v, converter=CONVERTER))))


@FAST
@given(data=st.data())
def test_a_mutated_household_document_ends_in_invalid_input_or_a_household(
    data: st.DataObject, mutated: Mutated
) -> None:
    """Dropped, added or retyped fields never raise anything but InvalidInput."""
    payload = data.draw(_payloads(households(), mutated))

    _assert_only_invalid_input(payload, Household)


@FAST
@given(data=st.data())
def test_a_mutated_person_document_ends_in_invalid_input_or_a_person(
    data: st.DataObject, mutated: Mutated
) -> None:
    """The same for a single person."""
    payload = data.draw(_payloads(persons(), mutated))

    _assert_only_invalid_input(payload, Person)


@FAST
@given(data=st.data())
def test_a_mutated_roster_document_ends_in_invalid_input_or_a_roster(
    data: st.DataObject, mutated: Mutated
) -> None:
    """A roster's facts are checked as they are rebuilt: still only InvalidInput."""
    payload = data.draw(_payloads(offer_states(), mutated))

    _assert_only_invalid_input(payload, OfferState)


@FAST
@given(
    data=st.data(),
    cl=st.sampled_from([Household, Person, Policy, Decision[bool], OfferState]),
)
def test_arbitrary_json_never_raises_anything_but_invalid_input(
    data: st.DataObject, cl: Any, junk: st.SearchStrategy[Any]
) -> None:
    """Any JSON value read as a domain type is a value or an InvalidInput with paths."""
    text = data.draw(junk.map(json.dumps))

    _assert_only_invalid_input(text, cl)


@FAST
@given(st.binary(max_size=64))
def test_arbitrary_bytes_never_raise_anything_but_invalid_input(payload: bytes) -> None:
    """Random bytes are refused with a reason at the root."""
    _assert_only_invalid_input(payload, Household)


@FAST
@given(st.binary(max_size=64) | st.text(max_size=64))
def test_arbitrary_documents_never_raise_anything_but_invalid_input(payload: Any) -> None:
    """The document reader is as strict as the value reader."""
    error = _error_of(lambda: load_document(payload, converter=CONVERTER))

    if error is not None:
        assert all(PATH.match(p.path) for p in error.problems)


@FAST
@given(households())
def test_mutations_never_echo_personal_values(household: Household) -> None:
    """Whatever breaks, names and birth dates stay out of the message."""
    data = json.loads(to_json(household, converter=CONVERTER))
    person = data["members"][0]["person"]
    person["name"] = "Olena Secret"
    person["birth_date"] = person["birth_date"][:8] + "32"
    person["work_capacity"] = {"hours_per_day": -7.25, "assessed_on": "2022-06-01"}

    with pytest.raises(InvalidInput) as caught:
        from_json(json.dumps(data), Household, converter=CONVERTER)

    message = str(caught.value)
    assert "Olena" not in message
    assert person["birth_date"] not in message
    assert "7.25" not in message


@pytest.mark.slow
@LONG
@given(data=st.data())
def test_many_mutated_household_documents_end_in_invalid_input_or_a_household(
    data: st.DataObject, mutated: Mutated
) -> None:
    """The long run of the household fuzz (``uv run pytest -m slow``)."""
    payload = data.draw(_payloads(households(), mutated))

    _assert_only_invalid_input(payload, Household)


@pytest.mark.slow
@LONG
@given(data=st.data())
def test_many_mutated_policy_documents_end_in_invalid_input_or_a_policy(
    data: st.DataObject, mutated: Mutated
) -> None:
    """Policies nest deepest (dated periods of tables of tuples): fuzz them long too."""
    payload = data.draw(_payloads(policies(), mutated))

    _assert_only_invalid_input(payload, Policy)


@pytest.mark.parametrize("depth", [50, 400])
def test_deeply_nested_recursive_rules_are_read_or_refused_cleanly(depth: int) -> None:
    """A recursive type (a target-group rule of rules) nested deeply ends in a value or
    in InvalidInput, never in a RecursionError."""
    from jobcenter_core.offers import AllOf

    text = '{"rules": [' + '{"$type": "AllOf", "rules": [' * depth + "]}" * depth + "]}"

    error = _error_of(lambda: from_json(text, AllOf, converter=CONVERTER))

    if depth <= 50:
        assert error is None
    else:
        assert error is not None
        assert ["nested too deeply"] == [p.kind for p in error.problems]
