"""Fuzzing the JSON edge: whatever the document, only InvalidInput escapes, with paths."""

from __future__ import annotations

import json
import re
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

JUNK = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)
"""Arbitrary JSON values."""


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every location inside a JSON value (keys and indices from the root)."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


@st.composite
def mutated(draw: st.DrawFn, document: Any) -> str | bytes:
    """*document* with one to three mutations, as text or bytes (sometimes broken)."""
    document = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_paths(document)))
        parent = _get(document, path[:-1]) if path else None
        action = draw(
            st.sampled_from(["drop", "add", "retype", "junk", "deep", "huge", "dup_member"])
        )
        if action == "drop" and path and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "drop" and path and isinstance(parent, list):
            parent.pop(path[-1])
        elif action == "add":
            target = _get(document, path)
            if isinstance(target, dict):
                target[draw(st.text(min_size=1, max_size=8))] = draw(JUNK)
            elif isinstance(target, list):
                target.append(draw(JUNK))
        elif action in ("retype", "junk") and path:
            parent[path[-1]] = draw(JUNK)
        elif action == "deep" and path:
            depth = draw(st.integers(10, 400))
            parent[path[-1]] = json.loads("[" * depth + "]" * depth)
        elif action == "huge" and path:
            parent[path[-1]] = draw(
                st.sampled_from([10**30, -(10**30), 2**53, 1.7e308, -1e-320, 10**300])
            )
        elif action == "dup_member" and isinstance(document, dict):
            members = document.get("members")
            if isinstance(members, list) and members:
                members.append(json.loads(json.dumps(members[0])))
    text = json.dumps(document, ensure_ascii=draw(st.booleans()))
    form = draw(st.sampled_from(["text", "text", "bytes", "truncated", "bad_utf8", "big_number"]))
    if form == "bytes":
        return text.encode("utf-8")
    if form == "truncated":
        return text[: draw(st.integers(0, max(0, len(text) - 1)))]
    if form == "bad_utf8":
        raw = text.encode("utf-8")
        at = draw(st.integers(0, len(raw)))
        return raw[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + raw[at:]
    if form == "big_number":
        return text.replace("1", "1" + "0" * draw(st.sampled_from([20, 400, 5000])), 1)
    return text


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


def _household_payloads() -> st.SearchStrategy[str | bytes]:
    return households().flatmap(lambda h: mutated(json.loads(to_json(h, converter=CONVERTER))))


def _person_payloads() -> st.SearchStrategy[str | bytes]:
    return persons().flatmap(lambda p: mutated(json.loads(to_json(p, converter=CONVERTER))))


@FAST
@given(_household_payloads())
def test_a_mutated_household_document_ends_in_invalid_input_or_a_household(
    payload: str | bytes,
) -> None:
    """Dropped, added or retyped fields never raise anything but InvalidInput."""
    _assert_only_invalid_input(payload, Household)


@FAST
@given(_person_payloads())
def test_a_mutated_person_document_ends_in_invalid_input_or_a_person(payload: str | bytes) -> None:
    """The same for a single person."""
    _assert_only_invalid_input(payload, Person)


@FAST
@given(offer_states().flatmap(lambda s: mutated(json.loads(to_json(s, converter=CONVERTER)))))
def test_a_mutated_roster_document_ends_in_invalid_input_or_a_roster(
    payload: str | bytes,
) -> None:
    """A roster's facts are checked as they are rebuilt: still only InvalidInput."""
    _assert_only_invalid_input(payload, OfferState)


@FAST
@given(
    JUNK.map(json.dumps),
    st.sampled_from([Household, Person, Policy, Decision[bool], OfferState]),
)
def test_arbitrary_json_never_raises_anything_but_invalid_input(text: str, cl: Any) -> None:
    """Any JSON value read as a domain type is a value or an InvalidInput with paths."""
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


def _outcome(read: Any) -> Any:
    """What *read* gives: a value, or the problems of its InvalidInput as text."""
    try:
        return read()
    except InvalidInput as error:
        return [str(p) for p in error.problems]


def _assert_default_converter_agrees(payload: str | bytes, cl: Any) -> None:
    """The default converter (which reads an array item by item) gives what a made
    converter gives: the same value or the same problems, for the document and for an
    array of it."""
    array = b"[%s, %s]" % ((payload,) * 2) if isinstance(payload, bytes) else f"[{payload}]"

    assert _outcome(lambda: from_json(payload, cl, converter=CONVERTER)) == _outcome(
        lambda: from_json(payload, cl)
    )
    assert _outcome(lambda: from_json(array, tuple[cl, ...], converter=CONVERTER)) == _outcome(
        lambda: from_json(array, tuple[cl, ...])
    )


@FAST
@given(_household_payloads())
def test_the_default_converter_reads_a_mutated_household_as_a_made_one(
    payload: str | bytes,
) -> None:
    """Whatever the mutation, the default converter agrees with a made one."""
    _assert_default_converter_agrees(payload, Household)


@FAST
@given(_person_payloads())
def test_the_default_converter_reads_a_mutated_person_as_a_made_one(payload: str | bytes) -> None:
    """The same for a single person."""
    _assert_default_converter_agrees(payload, Person)


@pytest.mark.slow
@LONG
@given(_household_payloads())
def test_the_default_converter_reads_many_mutated_households_as_a_made_one(
    payload: str | bytes,
) -> None:
    """The long run of the comparison (``uv run pytest -m slow``)."""
    _assert_default_converter_agrees(payload, Household)


@pytest.mark.slow
@LONG
@given(_household_payloads())
def test_many_mutated_household_documents_end_in_invalid_input_or_a_household(
    payload: str | bytes,
) -> None:
    """The long run of the household fuzz (``uv run pytest -m slow``)."""
    _assert_only_invalid_input(payload, Household)


@pytest.mark.slow
@LONG
@given(policies().flatmap(lambda p: mutated(json.loads(to_json(p, converter=CONVERTER)))))
def test_many_mutated_policy_documents_end_in_invalid_input_or_a_policy(
    payload: str | bytes,
) -> None:
    """Policies nest deepest (dated periods of tables of tuples): fuzz them long too."""
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
