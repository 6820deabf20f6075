"""
Bad input: one InvalidInput lists every problem, each with its JSON path and the kind of
problem, never the value; nothing is coerced and no partial value is returned.
"""

from __future__ import annotations

import json
from typing import Any

import pendulum
import pytest

from jobcenter_core import (
    CefrLevel,
    Household,
    InvalidInput,
    LegalReference,
    Person,
    TimeWindow,
)
from jobcenter_core.serialization import (
    from_json,
    make_converter,
    structure,
    to_json,
)

CONVERTER = make_converter()


def _problems(text: str | bytes, cl: Any) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        from_json(text, cl, converter=CONVERTER)
    return [str(p) for p in caught.value.problems]


def _bad_household_document(household: Household) -> dict[str, Any]:
    data = json.loads(to_json(household))
    data["members"][0]["person"]["name"] = 42
    data["members"][1]["person"]["birth_date"] = "2023-02-29"
    data["members"][1]["person"]["nickname"] = "Sasha"
    data["members"][2]["person"]["sex"] = "w"
    data["members"][2]["person"]["work_capacity"] = {
        "hours_per_day": -2,
        "assessed_on": "2022-06-01",
    }
    del data["members"][2]["person"]["id"]
    return data


def test_every_problem_of_a_bad_household_is_listed_with_its_path(household: Household) -> None:
    """One InvalidInput lists each bad field, in document order, by JSON path."""
    text = json.dumps(_bad_household_document(household))

    problems = _problems(text, Household)

    assert [
        "$.members[0].person.name: expected a string",
        "$.members[1].person.birth_date: not a valid ISO date (YYYY-MM-DD)",
        "$.members[1].person.nickname: unknown key",
        "$.members[2].person.id: required key missing",
        "$.members[2].person.sex: expected one of 'female', 'male', 'diverse', 'unspecified'",
        "$.members[2].person.work_capacity.hours_per_day: must be from 0 to 24 hours",
    ] == problems


def test_error_messages_never_echo_personal_values(household: Household) -> None:
    """Names, birth dates and capacities stay out of the message (safe for logs)."""
    data = _bad_household_document(household)
    data["members"][0]["person"]["birth_date"] = "1988-02-30"

    with pytest.raises(InvalidInput) as caught:
        from_json(json.dumps(data), Household, converter=CONVERTER)

    message = str(caught.value)
    for value in ("Olena", "Sasha", "1988-02-30", "2023-02-29", "-2", "42", "p-olena"):
        assert value not in message
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None


def test_duplicate_member_ids_and_unknown_references_are_reported_with_paths(
    household: Household,
) -> None:
    """The household's own checks come back relative to the household."""
    data = json.loads(to_json(household))
    data["members"][2]["person"]["id"] = "p-child"
    data["care_arrangements"][0]["cared_for"] = "p-nobody"

    problems = _problems(json.dumps({"h": data}), dict[str, Household])

    assert [
        "$.h.members[2].person.id: duplicate member id",
        "$.h.relationships[1].person: unknown member id",
        "$.h.care_arrangements[0].cared_for: unknown member id",
    ] == problems


def test_household_checks_are_reported_together_with_field_problems(household: Household) -> None:
    """A duplicate id is listed even when another member's fields are wrong too."""
    data = json.loads(to_json(household))
    data["members"][2]["person"]["id"] = "p-child"
    data["members"][0]["person"]["birth_date"] = "1988-13-01"

    problems = _problems(json.dumps(data), Household)

    assert [
        "$.members[0].person.birth_date: not a valid ISO date (YYYY-MM-DD)",
        "$.members[2].person.id: duplicate member id",
        "$.relationships[1].person: unknown member id",
        "$.care_arrangements[0].cared_for: unknown member id",
    ] == problems


_NOT_A_DATE_TIME = (
    "not a valid RFC 3339 or RFC 9557 date-time (e.g. 2022-06-21T09:00:00+02:00"
    " or 2022-06-21T09:00:00+02:00[Europe/Berlin])"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '"2022-06-21T09:00:00"',
            "naive date-time: give the UTC offset (RFC 3339), and the zone if known",
        ),
        (
            '"2022-06-21T09:00:00[Europe/Berlin]"',
            "naive date-time: give the UTC offset (RFC 3339), and the zone if known",
        ),
        (
            '"2022-06-21T09:00:00+01:00[Europe/Berlin]"',
            "offset does not match the zone at that instant",
        ),
        ('"2022-06-21T09:00:00+02:00[Europe/Bocholt]"', "unknown time zone"),
        ('"2022-06-21T09:00:00.1234567+02:00"', "more than six decimal places of a second"),
        ('"2023-02-29T09:00:00+01:00[Europe/Berlin]"', _NOT_A_DATE_TIME),
        ('"2023-02-29T09:00:00Z"', _NOT_A_DATE_TIME),
        ('"21.06.2022 09:00"', _NOT_A_DATE_TIME),
        ("1655794800", _NOT_A_DATE_TIME),
    ],
)
def test_instants_that_name_no_exact_instant_are_refused(text: str, expected: str) -> None:
    """Naive, inconsistent or impossible instants are refused with a reason."""
    assert [f"$: {expected}"] == _problems(text, pendulum.DateTime)


@pytest.mark.parametrize(
    "text", ['"2023-02-29"', '"2022-6-21"', '"20220621"', '"2022-06-21T00:00:00"', "20220621"]
)
def test_impossible_or_loosely_written_dates_are_refused(text: str) -> None:
    """Only real calendar dates written ``YYYY-MM-DD`` are dates."""
    assert ["$: not a valid ISO date (YYYY-MM-DD)"] == _problems(text, pendulum.Date)


@pytest.mark.parametrize(
    ("text", "cl", "expected"),
    [
        ("1", str, "$: expected a string"),
        ('"1"', int, "$: expected an integer"),
        ("true", int, "$: expected an integer"),
        ("1.5", int, "$: expected an integer"),
        ("1", bool, "$: expected true or false"),
        ('"1.5"', float, "$: expected a number"),
        ("9007199254740992", int, "$: integer out of range"),
        ("1e400", float, "$: number out of range"),
        ('"abc"', tuple[str, ...], "$: expected an array"),
        ('{"a": 1}', tuple[str, ...], "$: expected an array"),
        ('["a", "a"]', frozenset[str], "$: lists an item twice"),
        ("[1, 2]", tuple[int, str, int], "$: expected an array of 3 items"),
        ("[]", Person, "$: expected an object"),
        ("null", Person, "$: expected an object"),
        ('"A1"', CefrLevel, "$: expected one of 'A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'"),
    ],
)
def test_values_of_the_wrong_json_type_are_never_coerced(text: str, cl: Any, expected: str) -> None:
    """No silent coercion: a number is not a string, a string is not a list."""
    if expected.endswith("'native'"):
        assert CefrLevel.A1 == from_json(text, cl)
        return
    assert [expected] == _problems(text, cl)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (b'{"id": "\xff"}', "$: not valid UTF-8 (at byte 8)"),
        (
            b'{"id": "p-1", "birth',
            "$: not valid JSON (unterminated string starting at at line 1, column 15)",
        ),
        ('{"id": NaN}', "$: not valid JSON (NaN and Infinity are not JSON numbers)"),
        ("[" * 100_000, "$: not valid JSON (nested too deeply)"),
        ("1" * 5_000, "$: not valid JSON (number too large)"),
        ("", "$: not valid JSON (expecting value at line 1, column 1)"),
    ],
)
def test_text_that_is_not_json_is_refused_at_the_root(payload: str | bytes, expected: str) -> None:
    """Broken bytes, truncated text and pathological numbers end in InvalidInput too."""
    problems = _problems(payload, Person)

    assert [expected] == problems


def test_a_lone_surrogate_in_a_string_is_refused() -> None:
    """Escaped halves of a UTF-16 pair are not text."""
    text = json.dumps({"law": "SGB II", "section": "\ud800"})

    assert ["$.section: not valid Unicode text (lone surrogate)"] == _problems(text, LegalReference)


def test_a_validator_that_names_a_field_is_reported_at_that_field() -> None:
    """Cross-field validators (end after start) report the field they guard."""
    text = json.dumps(
        {
            "start": "2022-06-21T12:00:00+02:00[Europe/Berlin]",
            "end": "2022-06-21T09:00:00+02:00[Europe/Berlin]",
        }
    )

    assert ["$.end: must be after 'start'"] == _problems(text, TimeWindow)


def test_no_partial_value_is_returned_when_one_field_is_bad(household: Household) -> None:
    """Reading is all or nothing."""
    data = json.loads(to_json(household))
    data["members"][1]["child_care"] = "grandmother"

    with pytest.raises(InvalidInput):
        from_json(json.dumps(data), Household, converter=CONVERTER)


def test_structure_of_python_data_reports_like_from_json() -> None:
    """``structure`` takes already-parsed JSON and reports the same way."""
    data = {"law": "SGB II", "section": "7a", "paragraph": " "}

    with pytest.raises(InvalidInput) as caught:
        structure(data, LegalReference, converter=CONVERTER)

    assert ["$.paragraph: must be a non-empty string when given"] == [
        str(p) for p in caught.value.problems
    ]


def test_invalid_input_is_a_value_error() -> None:
    """Callers may catch the builtin they expect."""
    with pytest.raises(ValueError, match=r"\$\.section: required key missing"):
        from_json('{"law": "SGB II"}', LegalReference)


def test_an_offer_with_a_negative_capacity_or_a_duplicate_session_is_refused() -> None:
    """The offer's own validators are reported at the field they guard."""
    from jobcenter_core.offers import GroupOffer
    from jobcenter_core.scenarios import bocholt_june_2022

    data = json.loads(to_json(bocholt_june_2022().offer, converter=CONVERTER))
    negative = json.loads(json.dumps(data))
    negative["sessions"][0]["capacity"] = -3
    duplicate = json.loads(json.dumps(data))
    duplicate["sessions"].append(duplicate["sessions"][0])

    assert ["$.sessions[0].capacity: must be >= 1"] == _problems(json.dumps(negative), GroupOffer)
    assert ["$.sessions: lists a session id twice"] == _problems(json.dumps(duplicate), GroupOffer)
