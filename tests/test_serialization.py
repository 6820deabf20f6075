"""JSON in and out: exact round trips, stable bytes, and one precise error for bad input."""

from __future__ import annotations

import datetime as _dt
import inspect
import json
import os
import pathlib
import sys
import typing
from collections.abc import Callable
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jobcenter_core.strategies as strategies
from jobcenter_core import (
    DEFAULT_POLICY,
    CareArrangement,
    CefrLevel,
    ChildCare,
    Decision,
    GroupOffer,
    Household,
    InvalidInput,
    LanguageSkill,
    LegalReference,
    MaritalStatus,
    Member,
    OfferState,
    Person,
    Policy,
    Reason,
    Registration,
    Relationship,
    RelationshipKind,
    ResidenceDocument,
    ResidenceStatus,
    Session,
    Sex,
    TimeWindow,
    Transition,
    Venue,
    WorkCapacity,
    at_berlin,
    cancel,
    open_offer,
    register,
)
from jobcenter_core.decisions import Assumption
from jobcenter_core.serialization import (
    SCHEMA,
    configure_converter,
    dump_document,
    from_json,
    load_document,
    make_converter,
    structure,
    to_json,
    unstructure,
)

GOLDEN = pathlib.Path(__file__).parent / "golden"
CONVERTER = make_converter()


# --- fixtures: one family, written out by hand -------------------------------------------


def _olena() -> Person:
    return Person(
        id="p-olena",
        birth_date=pendulum.date(1988, 2, 29),
        sex=Sex.FEMALE,
        languages=(
            LanguageSkill(language="uk", level=CefrLevel.NATIVE),
            LanguageSkill(language="de", level=CefrLevel.A2),
        ),
        residence=ResidenceStatus(
            document=ResidenceDocument.FICTION_CERTIFICATE,
            first_issued_on=pendulum.date(2022, 4, 11),
        ),
        identity_registered=True,
        identity_registered_on=pendulum.date(2022, 5, 30),
        stored_in_central_register=True,
        work_capacity=WorkCapacity(hours_per_day=6.5, assessed_on=pendulum.date(2022, 6, 1)),
        work_permitted=True,
        name="Olena",
    )


def _household() -> Household:
    child = Person(id="p-child", birth_date=pendulum.date(2019, 9, 3), sex=Sex.MALE)
    grandmother = Person(id="p-gran", birth_date=pendulum.date(1950, 1, 1), sex=Sex.FEMALE)
    return Household(
        id="h-bocholt-1",
        members=(
            Member(person=_olena(), marital_status=MaritalStatus.MARRIED, primary_carer=True),
            Member(person=child, child_care=ChildCare.KITA),
            Member(person=grandmother, marital_status=MaritalStatus.WIDOWED),
        ),
        relationships=(
            Relationship(person="p-child", kind=RelationshipKind.CHILD, of="p-olena"),
            Relationship(person="p-gran", kind=RelationshipKind.PARENT, of="p-olena"),
        ),
        care_arrangements=(
            CareArrangement(carer="p-olena", cared_for="p-gran", secured_otherwise=False),
        ),
        approval_period_ends_on=pendulum.date(2022, 11, 30),
    )


def _decision() -> Decision[frozenset[str]]:
    ref = LegalReference(
        law="SGB II",
        section="7",
        paragraph="3",
        url="https://www.gesetze-im-internet.de/sgb_2/__7.html",
    )
    return Decision(
        value=frozenset({"p-olena", "p-child"}),
        reasons=(Reason(code="parent_and_child", message="a parent and her child", reference=ref),),
        missing=(Assumption(fact="covers_own_needs", presumed="does not"),),
    )


def _roster() -> OfferState:
    """A small roster: one seat, one person placed then cancelled, one holding the seat
    offer, one waiting for any session, one rejected (unknown session)."""
    session = Session(
        id="s-0621",
        start=at_berlin(2022, 6, 21, 9),
        end=at_berlin(2022, 6, 21, 12),
        venue=Venue(name="Zentrale Unterkunft", address="Bocholt"),
        capacity=1,
    )
    offer = GroupOffer(id="lad", title="Leben und Arbeiten in Deutschland", sessions=(session,))
    state = open_offer(offer, caseworkers=["cw-1"]).state
    for n, preferences in enumerate([("s-0621",), ("s-0621",), (), ("s-0701",)], start=1):
        registration = Registration(
            id=f"r-{n}",
            person_id=f"p-{n}",
            offer_id="lad",
            preferences=preferences,
            registered_at=at_berlin(2022, 6, 13, 9, n),
            registered_by="cw-1",
        )
        state = register(state, registration).state
    return cancel(state, "r-1", at=at_berlin(2022, 6, 15, 10)).state


def _problems(text: str | bytes, cl: Any) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        from_json(text, cl, converter=CONVERTER)
    return [str(p) for p in caught.value.problems]


# --- round trips of hand-made values -----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cl"),
    [
        (_olena(), Person),
        (_household(), Household),
        (_decision(), Decision[frozenset[str]]),
        (DEFAULT_POLICY, Policy),
        (
            TimeWindow(start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12)),
            TimeWindow,
        ),
    ],
    ids=["person", "household", "decision", "policy", "time_window"],
)
def test_values_survive_a_round_trip_through_json(value: Any, cl: Any) -> None:
    """Writing a value and reading it back gives an equal value and the same text again."""
    text = to_json(value, cl, converter=CONVERTER)

    back = from_json(text, cl, converter=CONVERTER)

    assert value == back
    assert text == to_json(back, cl, converter=CONVERTER)


def test_a_date_is_written_as_an_iso_calendar_date_and_read_as_a_pendulum_date() -> None:
    """Dates are ``YYYY-MM-DD`` and come back as :class:`pendulum.Date`."""
    day = pendulum.date(2022, 6, 21)

    back = from_json(to_json(day), pendulum.Date)

    assert '"2022-06-21"' == to_json(day)
    assert day == back
    assert pendulum.Date is type(back)


def test_an_instant_keeps_its_offset_and_its_zone_name() -> None:
    """Instants are ISO 8601 with offset and the IANA zone in brackets (RFC 9557)."""
    instant = at_berlin(2022, 6, 21, 9)

    text = to_json(instant)
    back = from_json(text, pendulum.DateTime)

    assert '"2022-06-21T09:00:00+02:00[Europe/Berlin]"' == text
    assert instant == back
    assert pendulum.DateTime is type(back)
    assert "Europe/Berlin" == back.timezone_name


def test_the_repeated_hour_at_the_end_of_summer_time_stays_the_right_instant() -> None:
    """02:30 on 30 October 2022 happens twice in Berlin; the offset says which one."""
    first = pendulum.datetime(2022, 10, 30, 0, 30, tz="UTC").in_timezone("Europe/Berlin")
    second = pendulum.datetime(2022, 10, 30, 1, 30, tz="UTC").in_timezone("Europe/Berlin")

    texts = [to_json(first), to_json(second)]
    back = [from_json(t, pendulum.DateTime) for t in texts]

    assert [
        '"2022-10-30T02:30:00+02:00[Europe/Berlin]"',
        '"2022-10-30T02:30:00+01:00[Europe/Berlin]"',
    ] == texts
    assert [first.timestamp(), second.timestamp()] == [b.timestamp() for b in back]


def test_an_instant_in_utc_or_at_a_fixed_offset_keeps_its_zone() -> None:
    """UTC stays UTC and a bare offset stays a fixed offset: nothing moves to Berlin."""
    utc = pendulum.datetime(2022, 6, 21, 7, tz="UTC")
    fixed = pendulum.datetime(2022, 6, 21, 9, tz=pendulum.FixedTimezone(7200))

    back_utc = from_json(to_json(utc), pendulum.DateTime)
    back_fixed = from_json(to_json(fixed), pendulum.DateTime)

    assert '"2022-06-21T07:00:00+00:00[UTC]"' == to_json(utc)
    assert '"2022-06-21T09:00:00+02:00[+02:00]"' == to_json(fixed)
    assert ("UTC", utc) == (back_utc.timezone_name, back_utc)
    assert ("+02:00", fixed) == (back_fixed.timezone_name, back_fixed)


@pytest.mark.parametrize(
    ("duration", "text"),
    [
        (pendulum.duration(hours=48), "PT48H"),
        (pendulum.duration(minutes=90, microseconds=5), "PT1H30M0.000005S"),
        (pendulum.duration(), "PT0S"),
        (-pendulum.duration(seconds=1, microseconds=500_000), "-PT1.5S"),
        (pendulum.duration(years=1, months=2, days=3), "P1Y2MT72H"),
    ],
)
def test_durations_are_exact_iso_8601_lengths(duration: pendulum.Duration, text: str) -> None:
    """A duration is written exactly and read back as an equal :class:`pendulum.Duration`."""
    written = to_json(duration)

    back = from_json(written, pendulum.Duration)

    assert json.dumps(text) == written
    assert duration == back
    assert pendulum.Duration is type(back)
    assert (duration.years, duration.months) == (back.years, back.months)


def test_equal_sets_give_identical_bytes_whatever_their_insertion_order() -> None:
    """Frozensets are written sorted, so equal values are byte-identical."""
    a = Decision(value=frozenset(["p-3", "p-1", "p-2"]))
    b = Decision(value=frozenset(["p-2", "p-3", "p-1"]))

    text_a, text_b = to_json(a), to_json(b)

    assert text_a == text_b
    assert '{"value":["p-1","p-2","p-3"],"reasons":[],"missing":[]}' == text_a


def test_a_set_of_tuples_of_sets_is_sorted_at_every_level() -> None:
    """Nested sets (the benefit units of a household) are stable too."""
    units = (frozenset({"b", "a"}), frozenset({"c"}))
    cl = Decision[tuple[frozenset[str], ...]]

    text = to_json(Decision(value=units), cl)

    assert '{"value":[["a","b"],["c"]],"reasons":[],"missing":[]}' == text
    assert units == from_json(text, cl).value


def test_enums_are_written_as_their_values() -> None:
    """An enum member is its value in JSON."""
    skill = LanguageSkill(language="uk", level=CefrLevel.NATIVE)

    text = to_json(skill)

    assert '{"language":"uk","level":"native"}' == text
    assert skill == from_json(text, LanguageSkill)


# --- golden files ------------------------------------------------------------------------


def _golden_cases() -> dict[str, tuple[Any, Any]]:
    return {
        "person": (_olena(), Person),
        "household": (_household(), Household),
        "decision": (_decision(), Decision[frozenset[str]]),
        "offer_state": (_roster(), OfferState),
    }


@pytest.mark.parametrize("name", sorted(_golden_cases()))
def test_the_json_format_matches_the_golden_file(name: str) -> None:
    """The JSON of core values is fixed: a change to it shows up here and in review."""
    value, cl = _golden_cases()[name]
    expected = (GOLDEN / f"{name}.json").read_text(encoding="utf-8")

    actual = dump_document(value, cl, converter=CONVERTER, indent=2) + "\n"

    assert expected == actual
    assert value == load_document(expected, cl, converter=CONVERTER)


def _bocholt_samples() -> dict[str, Any]:
    """The first value of every non-generic attrs type inside the Bocholt scenario, found
    walking its fields in order (set members in their JSON order), if not too big for a
    readable golden file (the scenario and the caseload are covered by their parts)."""
    from jobcenter_core.scenarios import bocholt_june_2022

    found: dict[str, Any] = {}

    def walk(value: Any) -> None:
        cls = type(value)
        if attrs.has(cls):
            if not getattr(cls, "__parameters__", ()) and cls.__name__ not in found:
                found[cls.__name__] = value
            for field in attrs.fields(cls):
                if field.init:
                    walk(getattr(value, field.name))
        elif isinstance(value, tuple):
            for item in value:
                walk(item)
        elif isinstance(value, frozenset):
            for item in sorted(value, key=to_json):
                walk(item)

    walk(bocholt_june_2022())
    return {
        name: value
        for name, value in sorted(found.items())
        if len(to_json(value, converter=CONVERTER)) <= 20_000
    }


_BOCHOLT = _bocholt_samples()


@pytest.mark.parametrize("name", sorted(_BOCHOLT))
def test_the_bocholt_types_match_their_golden_files(name: str) -> None:
    """Each type of the Bocholt scenario has a golden file: format changes show in review.

    Regenerate after an intended change with ``UPDATE_GOLDEN=1 uv run pytest`` and review
    the diff.
    """
    value = _BOCHOLT[name]
    path = GOLDEN / "bocholt" / f"{name}.json"
    actual = dump_document(value, converter=CONVERTER, indent=2) + "\n"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")

    expected = path.read_text(encoding="utf-8")

    assert expected == actual
    assert value == load_document(expected, converter=CONVERTER)


def test_the_whole_bocholt_scenario_survives_a_round_trip() -> None:
    """The walk-through's scenario (households, offers, coaching …) is exact in JSON."""
    from jobcenter_core.scenarios import Scenario, bocholt_june_2022

    scenario = bocholt_june_2022()

    text = to_json(scenario, converter=CONVERTER)
    back = from_json(text, Scenario, converter=CONVERTER)

    assert scenario == back
    assert text == to_json(back, converter=CONVERTER)


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


def test_the_events_of_a_roster_survive_a_round_trip() -> None:
    """Roster events are what a service persists: each comes back as its own class."""
    from jobcenter_core.enrolment import Event, open_offer, register
    from jobcenter_core.scenarios import bocholt_june_2022

    scenario = bocholt_june_2022()
    opened = open_offer(scenario.offer, caseworkers=[c.id for c in scenario.caseworkers])
    events, state = list(opened.events), opened.state
    for registration in scenario.registrations[:6]:
        step = register(state, registration, on=scenario.on)
        events, state = events + list(step.events), step.state
    cl = tuple[Event, ...]

    text = to_json(tuple(events), cl, converter=CONVERTER)
    back = from_json(text, cl, converter=CONVERTER)

    assert tuple(events) == back
    assert [type(e) for e in events] == [type(e) for e in back]
    assert text.startswith('[{"$type":"OfferOpened",')


# --- documents ---------------------------------------------------------------------------


def test_a_document_names_its_schema_and_type() -> None:
    """The envelope carries the schema version and the type of its data."""
    text = dump_document(_household(), converter=CONVERTER)

    document = json.loads(text)

    assert [SCHEMA, "Household"] == [document["schema"], document["type"]]
    assert _household() == load_document(text, converter=CONVERTER)
    assert _household() == load_document(text, Household, converter=CONVERTER)


def test_a_document_of_an_unknown_schema_version_is_refused_clearly() -> None:
    """Data written by a newer library is not guessed at."""
    text = dump_document(_olena(), converter=CONVERTER).replace(SCHEMA, "jobcenter_core/2")

    with pytest.raises(InvalidInput) as caught:
        load_document(text, converter=CONVERTER)

    assert ["$.schema: unsupported schema version (this library reads 'jobcenter_core/1')"] == [
        str(p) for p in caught.value.problems
    ]


def test_a_document_of_another_type_is_refused() -> None:
    """Asking for a Household and getting a Person document is an error, not a guess."""
    text = dump_document(_olena(), converter=CONVERTER)

    with pytest.raises(InvalidInput) as caught:
        load_document(text, Household, converter=CONVERTER)

    assert ["$.type: expected a document of type 'Household'"] == [
        str(p) for p in caught.value.problems
    ]


def test_problems_inside_a_document_are_reported_under_data() -> None:
    """Paths in a document start at ``$.data``."""
    document = json.loads(dump_document(_olena(), converter=CONVERTER))
    document["data"]["birth_date"] = "1988-02-30"

    with pytest.raises(InvalidInput) as caught:
        load_document(json.dumps(document), converter=CONVERTER)

    assert ["$.data.birth_date: not a valid ISO date (YYYY-MM-DD)"] == [
        str(p) for p in caught.value.problems
    ]


def test_a_document_must_name_a_public_type() -> None:
    """The type is looked up among the library's public attrs classes only."""
    text = json.dumps({"schema": SCHEMA, "type": "os.system", "data": {}})

    assert ["$.type: not a public type of jobcenter_core"] == _document_problems(text)


def _document_problems(text: str) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        load_document(text, converter=CONVERTER)
    return [str(p) for p in caught.value.problems]


# --- bad input: one error, every problem, a path each, no values ------------------------


def _bad_household_document() -> dict[str, Any]:
    data = json.loads(to_json(_household()))
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


def test_every_problem_of_a_bad_household_is_listed_with_its_path() -> None:
    """One InvalidInput lists each bad field, in document order, by JSON path."""
    text = json.dumps(_bad_household_document())

    problems = _problems(text, Household)

    assert [
        "$.members[0].person.name: expected a string",
        "$.members[1].person.birth_date: not a valid ISO date (YYYY-MM-DD)",
        "$.members[1].person.nickname: unknown key",
        "$.members[2].person.id: required key missing",
        "$.members[2].person.sex: expected one of 'female', 'male', 'diverse', 'unspecified'",
        "$.members[2].person.work_capacity.hours_per_day: must be from 0 to 24 hours",
    ] == problems


def test_error_messages_never_echo_personal_values() -> None:
    """Names, birth dates and capacities stay out of the message (safe for logs)."""
    data = _bad_household_document()
    data["members"][0]["person"]["birth_date"] = "1988-02-30"

    with pytest.raises(InvalidInput) as caught:
        from_json(json.dumps(data), Household, converter=CONVERTER)

    message = str(caught.value)
    for value in ("Olena", "Sasha", "1988-02-30", "2023-02-29", "-2", "42", "p-olena"):
        assert value not in message
    assert caught.value.__cause__ is None
    assert caught.value.__context__ is None


def test_duplicate_member_ids_and_unknown_references_are_reported_with_paths() -> None:
    """The household's own checks come back relative to the household."""
    data = json.loads(to_json(_household()))
    data["members"][2]["person"]["id"] = "p-child"
    data["care_arrangements"][0]["cared_for"] = "p-nobody"

    problems = _problems(json.dumps({"h": data}), dict[str, Household])

    assert [
        "$.h.members[2].person.id: duplicate member id",
        "$.h.relationships[1].person: unknown member id",
        "$.h.care_arrangements[0].cared_for: unknown member id",
    ] == problems


def test_household_checks_are_reported_together_with_field_problems() -> None:
    """A duplicate id is listed even when another member's fields are wrong too."""
    data = json.loads(to_json(_household()))
    data["members"][2]["person"]["id"] = "p-child"
    data["members"][0]["person"]["birth_date"] = "1988-13-01"

    problems = _problems(json.dumps(data), Household)

    assert [
        "$.members[0].person.birth_date: not a valid ISO date (YYYY-MM-DD)",
        "$.members[2].person.id: duplicate member id",
        "$.relationships[1].person: unknown member id",
        "$.care_arrangements[0].cared_for: unknown member id",
    ] == problems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"2022-06-21T09:00:00"', "naive date-time: give the UTC offset and the zone"),
        (
            '"2022-06-21T09:00:00+02:00"',
            "missing zone name: add it in brackets, e.g. [Europe/Berlin]",
        ),
        (
            '"2022-06-21T09:00:00+01:00[Europe/Berlin]"',
            "offset does not match the zone at that instant",
        ),
        ('"2022-06-21T09:00:00+02:00[Europe/Bocholt]"', "unknown time zone"),
        (
            '"2023-02-29T09:00:00+01:00[Europe/Berlin]"',
            "not a valid ISO date-time with offset and zone (e.g. 2022-06-21T09:00:00+02:00[Europe/Berlin])",
        ),
        (
            '"21.06.2022 09:00"',
            "not a valid ISO date-time with offset and zone (e.g. 2022-06-21T09:00:00+02:00[Europe/Berlin])",
        ),
        (
            "1655794800",
            "not a valid ISO date-time with offset and zone (e.g. 2022-06-21T09:00:00+02:00[Europe/Berlin])",
        ),
    ],
)
def test_instants_without_an_exact_zone_are_refused(text: str, expected: str) -> None:
    """Naive, zone-less, inconsistent or impossible instants are refused with a reason."""
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


def test_no_partial_value_is_returned_when_one_field_is_bad() -> None:
    """Reading is all or nothing."""
    data = json.loads(to_json(_household()))
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


# --- converters --------------------------------------------------------------------------


def test_each_call_of_make_converter_gives_a_new_independent_converter() -> None:
    """No global converter: a hook registered on one converter does not leak to another."""
    mine = make_converter()
    mine.register_unstructure_hook(pendulum.Date, lambda d: "redacted")

    other = make_converter()

    assert '"redacted"' == mine.dumps(pendulum.date(2022, 6, 21))
    assert '"2022-06-21"' == other.dumps(pendulum.date(2022, 6, 21))
    assert '"2022-06-21"' == to_json(pendulum.date(2022, 6, 21))
    assert mine is not other


def test_configure_converter_sets_up_a_plain_cattrs_converter() -> None:
    """The preconf pattern: any cattrs converter can be configured for this format."""
    import cattrs

    conv = cattrs.Converter()

    configure_converter(conv)

    assert unstructure(_household(), converter=CONVERTER) == conv.unstructure(_household())
    assert _household() == conv.structure(conv.unstructure(_household()), Household)


def test_private_memo_fields_are_not_written() -> None:
    """Fields outside ``__init__`` (caches) never reach the JSON."""
    assert '{"id":"x"}' == to_json(WithMemo(id="x"), converter=make_converter())


@attrs.frozen(kw_only=True)
class Everyone:
    """A rule without fields."""


@attrs.frozen(kw_only=True)
class Speaks:
    """A rule with a field."""

    language: str


@attrs.frozen(kw_only=True)
class Offer:
    """A value whose field is a union of classes."""

    target: Everyone | Speaks | None


@attrs.frozen(kw_only=True)
class WithMemo:
    """A value with a private memo outside ``__init__``."""

    id: str
    _memo: int | None = attrs.field(init=False, default=None, eq=False)


def test_a_union_of_classes_is_tagged_with_the_class_name() -> None:
    """Values of a union of attrs classes carry ``$type`` so they can be told apart."""
    conv = make_converter()
    offer = Offer(target=Speaks(language="de"))

    text = conv.dumps(offer)

    assert '{"target":{"$type":"Speaks","language":"de"}}' == text
    assert offer == conv.loads(text, Offer)
    assert Offer(target=None) == conv.loads('{"target": null}', Offer)
    with pytest.raises(InvalidInput) as caught:
        conv.loads('{"target": {"$type": "Nobody"}}', Offer)
    assert ["$.target[\"$type\"]: expected one of 'Everyone', 'Speaks'"] == [
        str(p) for p in caught.value.problems
    ]


# --- values read once per document ------------------------------------------------------


def _person_json(id: str, level: str) -> str:
    return (
        f'{{"id": "{id}", "birth_date": "1990-03-01", "sex": "female",'
        f' "languages": [{{"language": "uk", "level": "{level}"}}]}}'
    )


def test_equal_dates_and_skills_in_one_document_become_one_shared_value() -> None:
    """Immutable values repeated in a document are read once (fewer objects to build)."""
    text = f"[{_person_json('p-1', 'native')}, {_person_json('p-2', 'native')}]"

    first, second = from_json(text, tuple[Person, ...], converter=CONVERTER)

    assert first.languages[0] is second.languages[0]
    assert first.birth_date is second.birth_date


def test_a_bad_object_equal_in_text_to_a_good_one_is_still_refused() -> None:
    """Sharing never lets a bad object pass: it is read, and refused, on its own."""
    relationship = '{"person": "p-1", "kind": "child", "of": "p-2"}'
    retyped = '{"person": "p-1", "kind": "child", "of": 1}'
    text = f"[{_person_json('p-1', 'native')}, {_person_json('p-2', 'Native')}]"

    with pytest.raises(InvalidInput) as caught:
        from_json(f"[{relationship}, {retyped}]", tuple[Relationship, ...], converter=CONVERTER)

    assert ["$[1].of: expected a string"] == [str(p) for p in caught.value.problems]
    assert [
        "$[1].languages[0].level: expected one of 'A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'"
    ] == _problems(text, tuple[Person, ...])


def test_values_are_shared_within_one_document_only() -> None:
    """Nothing read is kept once a call returns: two documents give separate values."""
    text = _person_json("p-1", "native")

    first = from_json(text, Person, converter=CONVERTER)
    second = from_json(text, Person, converter=CONVERTER)

    assert first == second
    assert first.languages[0] is not second.languages[0]


# --- every public type, through the shared strategies -----------------------------------


def _resolve(annotation: Any, namespace: dict[str, Any]) -> Any:
    if isinstance(annotation, str):
        return eval(annotation, namespace)  # annotations of our own module, not input
    if isinstance(annotation, typing.ForwardRef):
        return eval(annotation.__forward_arg__, namespace)
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin is None or not args:
        return annotation
    resolved = tuple(_resolve(a, namespace) for a in args)
    if origin in (typing.Union, __import__("types").UnionType):
        return typing.Union[resolved]  # noqa: UP007
    return origin[resolved] if len(resolved) > 1 else origin[resolved[0]]


def _drawn_type(fn: Callable[..., Any], namespace: dict[str, Any]) -> Any:
    annotation = _resolve(inspect.signature(fn).return_annotation, namespace)
    if typing.get_origin(annotation) is st.SearchStrategy:
        (drawn,) = typing.get_args(annotation)
        return _resolve(drawn, namespace)
    return annotation


def _strategy_cases() -> list[tuple[str, Callable[[st.DataObject], st.SearchStrategy[Any]], Any]]:
    """
    Every strategy of ``jobcenter_core.strategies`` with the type it draws (from its
    return annotation). Required arguments are filled generically: a value of a type
    another strategy draws is drawn from it, a strategy of such a type is passed as is,
    a string gets an id.
    """
    namespace: dict[str, Any] = {"st": st, "typing": typing}
    for name, module in list(sys.modules.items()):
        if name.startswith("jobcenter_core.testing"):
            namespace.update(vars(module))
    functions = {
        name: getattr(strategies, name)
        for name in strategies.__all__
        if callable(getattr(strategies, name)) and not isinstance(getattr(strategies, name), type)
    }
    drawn = {name: _drawn_type(fn, namespace) for name, fn in functions.items()}
    required = {
        name: [
            p
            for p in inspect.signature(fn).parameters.values()
            if p.default is inspect.Parameter.empty
            and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
        for name, fn in functions.items()
    }
    plain = {drawn[n]: functions[n] for n in functions if not required[n]}

    def filler(parameter: inspect.Parameter) -> Callable[[st.DataObject], Any] | None:
        t = _resolve(parameter.annotation, namespace)
        if t is str:
            return lambda data: f"{parameter.name}-0"
        if t in plain:
            return lambda data, make=plain[t]: data.draw(make())
        if typing.get_origin(t) is st.SearchStrategy and typing.get_args(t)[0] in plain:
            inner = plain[typing.get_args(t)[0]]
            return lambda data: inner()
        return None

    cases = []
    for name, fn in functions.items():
        fillers = {p.name: filler(p) for p in required[name]}
        if any(f is None for f in fillers.values()):
            continue

        def make(data: st.DataObject, fn: Any = fn, fillers: Any = fillers) -> Any:
            return fn(**{k: f(data) for k, f in fillers.items()})

        cases.append((name, make, drawn[name]))
    return sorted(cases, key=lambda c: c[0])


_CASES = _strategy_cases()
_UNSUPPORTED = {
    "roster_commands": "test commands (kind, argument, minutes), not a domain value",
}


def _check_round_trip(
    name: str, fn: Callable[[st.DataObject], Any], cl: Any, examples: int
) -> None:
    if name in _UNSUPPORTED:
        pytest.skip(_UNSUPPORTED[name])

    @settings(
        max_examples=examples,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def round_trip(data: st.DataObject) -> None:
        value = data.draw(fn(data))

        text = to_json(value, cl, converter=CONVERTER)
        back = from_json(text, cl, converter=CONVERTER)

        assert value == back
        assert text == to_json(back, cl, converter=CONVERTER)
        assert value == structure(
            unstructure(value, cl, converter=CONVERTER), cl, converter=CONVERTER
        )

    round_trip()


@pytest.mark.parametrize(("name", "fn", "cl"), _CASES, ids=[c[0] for c in _CASES])
def test_every_public_type_survives_a_round_trip(
    name: str, fn: Callable[[st.DataObject], Any], cl: Any
) -> None:
    """structure(unstructure(x)) == x and equal values give byte-identical JSON."""
    _check_round_trip(name, fn, cl, examples=15)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "fn", "cl"), _CASES, ids=[c[0] for c in _CASES])
def test_every_public_type_survives_many_round_trips(
    name: str, fn: Callable[[st.DataObject], Any], cl: Any
) -> None:
    """The same property with many more examples (``uv run pytest -m slow``)."""
    _check_round_trip(name, fn, cl, examples=500)


def test_the_strategy_walk_covers_the_core_types() -> None:
    """The generic round trip above really sees persons, households, policies and rosters."""
    drawn = {c[2] for c in _CASES}

    assert {Person, Household, Policy, OfferState, Transition} <= drawn


# --- rosters: an OfferState is written as its snapshot ----------------------------------


def test_a_roster_is_written_as_its_snapshot_and_read_back_equal() -> None:
    """The JSON of an OfferState is its RosterSnapshot; reading it rebuilds the roster."""
    state = _roster()

    text = to_json(state, converter=CONVERTER)
    back = from_json(text, OfferState, converter=CONVERTER)

    assert to_json(state.snapshot(), converter=CONVERTER) == text
    assert state == back
    assert text == to_json(back, converter=CONVERTER)
    assert state.seat_offers() == back.seat_offers()


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.roster_transitions())
def test_rosters_reached_by_random_commands_survive_a_round_trip(transition: Transition) -> None:
    """Any roster (and the transition that reached it) reads back equal, byte for byte."""
    state = transition.state

    text = to_json(transition, converter=CONVERTER)
    back = from_json(text, Transition, converter=CONVERTER)

    assert transition == back
    assert text == to_json(back, converter=CONVERTER)
    assert state.waitlist() == back.state.waitlist()
    assert state.placements() == back.state.placements()


def test_an_impossible_roster_is_refused_with_paths_inside_the_document() -> None:
    """Problems of a roster's facts carry their JSON path, also inside a transition."""
    data = unstructure(_roster(), converter=CONVERTER)
    data["entries"][1]["hold_until"] = None
    data["entries"][2]["session_id"] = "s-0701"
    transition = {"state": data, "events": []}

    with pytest.raises(InvalidInput) as caught:
        structure(transition, Transition, converter=CONVERTER)

    assert [
        "$.state.entries[1].hold_until: given exactly when a seat is offered",
        "$.state.entries[2].session_id: only placed, offered, declined or lapsed have one",
    ] == [str(p) for p in caught.value.problems]


def test_dates_from_the_whole_supported_range_round_trip() -> None:
    """Years 1–9999 are written with four digits and read back."""
    for day in (pendulum.date(1, 1, 1), pendulum.date(999, 12, 31), pendulum.date(9999, 12, 31)):
        assert day == from_json(to_json(day), pendulum.Date)


@given(
    st.datetimes(
        min_value=_dt.datetime(1900, 1, 1),  # noqa: DTZ001 - naive bounds, aware values
        max_value=_dt.datetime(2100, 1, 1),  # noqa: DTZ001
        timezones=st.sampled_from(
            [
                pendulum.timezone("Europe/Berlin"),
                pendulum.timezone("UTC"),
                pendulum.timezone("America/New_York"),
            ]
        ),
    )
)
def test_any_aware_instant_round_trips_with_its_zone_and_offset(value: _dt.datetime) -> None:
    """Offsets (also historic ones with seconds) and zone names survive."""
    instant = pendulum.instance(value)

    text = to_json(instant)
    back = from_json(text, pendulum.DateTime)

    assert instant.timestamp() == back.timestamp()
    assert instant.timezone_name == back.timezone_name
    assert text == to_json(back)


@given(st.timedeltas(min_value=_dt.timedelta(days=-(10**6)), max_value=_dt.timedelta(days=10**6)))
def test_any_duration_round_trips_exactly(value: _dt.timedelta) -> None:
    """Microsecond-exact, negative ones too."""
    duration = pendulum.duration(
        days=value.days, seconds=value.seconds, microseconds=value.microseconds
    )

    back = from_json(to_json(duration), pendulum.Duration)

    assert duration == back


# --- the default converter: its writers, and reading item by item, change nothing ------


def _outcome(read: Callable[[], Any]) -> Any:
    """What *read* gives: a value, the problems of its InvalidInput, or another error."""
    try:
        return read()
    except InvalidInput as error:
        return [str(p) for p in error.problems]
    except (ValueError, TypeError, AttributeError) as error:
        return (type(error), str(error))


def _check_default_converter(
    name: str, fn: Callable[[st.DataObject], Any], cl: Any, examples: int
) -> None:
    if name in _UNSUPPORTED:
        pytest.skip(_UNSUPPORTED[name])

    @settings(
        max_examples=examples,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def same_results(data: st.DataObject) -> None:
        value = data.draw(fn(data))

        text = to_json(value, cl, converter=CONVERTER)
        array = to_json((value, value), tuple[cl, ...], converter=CONVERTER)

        assert text == to_json(value, cl)
        assert array == to_json((value, value), tuple[cl, ...])
        assert value == from_json(text, cl)
        assert (value, value) == from_json(array, tuple[cl, ...])
        assert value == structure(unstructure(value, cl), cl)
        assert text == to_json(from_json(text, cl), cl)

    same_results()


@pytest.mark.parametrize(("name", "fn", "cl"), _CASES, ids=[c[0] for c in _CASES])
def test_the_default_converter_writes_and_reads_every_public_type_as_a_made_one(
    name: str, fn: Callable[[st.DataObject], Any], cl: Any
) -> None:
    """The default converter's generated writers, and its reading of arrays item by
    item, give the same JSON and the same values as a converter's hooks."""
    _check_default_converter(name, fn, cl, examples=10)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "fn", "cl"), _CASES, ids=[c[0] for c in _CASES])
def test_the_default_converter_writes_and_reads_many_values_as_a_made_one(
    name: str, fn: Callable[[st.DataObject], Any], cl: Any
) -> None:
    """The same property with many more examples (``uv run pytest -m slow``)."""
    _check_default_converter(name, fn, cl, examples=300)


@attrs.frozen(kw_only=True)
class _Reading:
    """A class with a field of each JSON scalar type (attrs does not check them)."""

    count: int = 1
    value: float = 0.5
    flag: bool = True
    note: str | None = None


@pytest.mark.parametrize(
    "value",
    [
        attrs.evolve(_olena(), work_permitted=1),
        attrs.evolve(_olena(), name=7),
        _Reading(count=True),
        _Reading(count=2**70),
        _Reading(value=1),
        _Reading(value=-0.0),
        _Reading(flag=0),
        _Reading(note=b"x"),
        Decision(value=3, reasons=()),
    ],
    ids=repr,
)
def test_a_value_of_an_unexpected_type_in_a_field_is_written_as_the_hooks_write_it(
    value: Any,
) -> None:
    """What a generated writer does not expect, the converter's hooks write (or refuse)."""
    expected = _outcome(lambda: to_json(value, converter=CONVERTER))

    assert expected == _outcome(lambda: to_json(value))


def test_a_float_that_json_cannot_hold_is_refused_as_the_hooks_refuse_it() -> None:
    """Infinity is not JSON: the error is json's own, with or without the fast writer."""
    reading = _Reading(value=float("inf"))

    with pytest.raises(ValueError, match="Out of range float") as made:
        to_json(reading, converter=CONVERTER)
    with pytest.raises(ValueError, match="Out of range float") as default:
        to_json(reading)

    assert str(made.value) == str(default.value)


def test_text_that_json_escapes_is_written_as_json_dumps_writes_it() -> None:
    """Quotes, backslashes, control characters and non-ASCII text keep their escapes."""
    person = attrs.evolve(_olena(), name='Ölena "O" \\ \n\t\x00\u2028 😀')
    surrogate = attrs.evolve(_olena(), name="\ud800")

    text = to_json(person)

    assert to_json(person, converter=CONVERTER) == text
    assert person == from_json(text, Person)
    assert to_json(surrogate, converter=CONVERTER) == to_json(surrogate)
    assert ["$.name: not valid Unicode text (lone surrogate)"] == _outcome(
        lambda: from_json(to_json(surrogate), Person)
    )


_OLENA_JSON = to_json(_olena(), converter=CONVERTER)


@pytest.mark.parametrize(
    "text",
    [
        "[]",
        " [ ] ",
        "\ufeff[]",
        f"[{_person_json('p-1', 'native')}]",
        f"\n[ {_person_json('p-1', 'native')} ,\r\n\t{_person_json('p-2', 'B1')} ]\n",
        f"[{_person_json('p-1', 'native')},]",
        f"[{_person_json('p-1', 'native')}] []",
        f"[{_person_json('p-1', 'native')}",
        f"[{_person_json('p-1', 'native')} {_person_json('p-2', 'B1')}]",
        f"[{_person_json('p-1', 'native')}, NaN]",
        f"[{_person_json('p-1', 'Native')}, {_person_json('p-2', 'B1')}, 3]",
        f"[{_person_json('p-1', 'native').replace('p-1', 'Ölena')}]",
        "[" + _OLENA_JSON[:-1] + ', "nmae": 1}]',
        "[" + _OLENA_JSON.replace('"identity_registered":true', '"identity_registered":1') + "]",
        "[" + _OLENA_JSON.replace('"sex":"female"', '"sex":"F\u00e9male"') + "]",
        f'[{_person_json("p-1", "native")[:-1]}, "name": "\\ud800"}}]',
        '{"id": "p-1"}',
        _OLENA_JSON + "]",
        '"[]"',
        "",
        "[" * 5000 + "]" * 5000,
    ],
)
def test_an_array_is_read_item_by_item_with_the_same_result(text: str) -> None:
    """from_json of a tuple reads its array one item at a time; what it gives, or the
    problems it reports, are those of reading the whole document with the hooks."""
    cl = tuple[Person, ...]

    expected = _outcome(lambda: from_json(text, cl, converter=CONVERTER))

    assert expected == _outcome(lambda: from_json(text, cl))
    assert expected == _outcome(lambda: from_json(text.encode("utf-8"), cl))


@pytest.mark.parametrize(
    "text", ["[1,2]", "[1 23]", "[1,,2]", "[1]]", "[[1]]", "[1.0]", "[true]", "[1e400]", "[-0]"]
)
def test_an_array_of_numbers_is_read_item_by_item_with_the_same_result(text: str) -> None:
    """The same for arrays of plain numbers, broken ones included."""
    cl = tuple[int, ...]

    expected = _outcome(lambda: from_json(text, cl, converter=CONVERTER))

    assert expected == _outcome(lambda: from_json(text, cl))


def test_an_array_of_bytes_that_are_not_utf_8_is_refused_as_a_whole() -> None:
    """Bytes are decoded strictly before any item is read."""
    payload = ("[" + _OLENA_JSON + "]").encode("utf-8").replace(b"Olena", b"Ol\xe9na")

    expected = _outcome(lambda: from_json(payload, tuple[Person, ...], converter=CONVERTER))

    assert ["$: not valid UTF-8 (at byte 412)"] == expected
    assert expected == _outcome(lambda: from_json(payload, tuple[Person, ...]))


def test_the_default_converter_shares_equal_values_within_one_document() -> None:
    """Read item by item, repeated dates and skills are still read once per document."""
    text = f"[{_OLENA_JSON}, {_OLENA_JSON.replace('p-olena', 'p-2')}]"

    first, second = from_json(text, tuple[Person, ...])
    third = from_json(text, tuple[Person, ...])[0]

    assert first.languages[0] is second.languages[0]
    assert first.birth_date is second.birth_date
    assert first.languages[0] is not third.languages[0]


# --- the default converter's generated readers and writers change nothing ------------

_JUNK = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**60), 2**60)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["", " ", "uk", "native", "female", "1990-03-01", "2023-02-29", "ü"])
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
"""Arbitrary JSON values, with some that are valid in one field and not in another."""


def _locations(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every location inside a JSON value (keys and indices from the root)."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _locations(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _locations(item, (*path, index))
    return found


@st.composite
def _mutated(draw: st.DrawFn, document: Any) -> Any:
    """*document* (parsed JSON) with up to three edits: keys dropped, added, reordered or
    given other values, items dropped or repeated."""
    document = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(_locations(document)))
        parent: Any = document
        for step in path[:-1]:
            parent = parent[step]
        target = parent[path[-1]] if path else document
        action = draw(st.sampled_from(["drop", "add", "junk", "reorder", "repeat", "copy"]))
        if action == "drop" and path:
            del parent[path[-1]]
        elif action == "add" and isinstance(target, dict):
            target[draw(st.sampled_from(["nmae", "id", "level", "", "person"]))] = draw(_JUNK)
        elif action == "junk" and path:
            parent[path[-1]] = draw(_JUNK)
        elif action == "reorder" and isinstance(target, dict):
            items = list(target.items())
            target.clear()
            target.update(draw(st.permutations(items)))
        elif action == "repeat" and isinstance(target, list) and target:
            target.append(json.loads(json.dumps(target[0])))
        elif action == "copy" and path and isinstance(parent, dict) and isinstance(target, str):
            other = draw(st.sampled_from(sorted(parent)))
            parent[other] = target  # a value valid elsewhere, e.g. an id in a date field
    return document


def _outcomes(text: str, cl: Any) -> tuple[Any, Any]:
    """What the default converter and a made one give for *text*, read as *cl*."""
    return (
        _outcome(lambda: from_json(text, cl, converter=CONVERTER)),
        _outcome(lambda: from_json(text, cl)),
    )


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(strategies.households(), min_size=1, max_size=3).flatmap(
        lambda hs: _mutated([json.loads(to_json(h, converter=CONVERTER)) for h in hs])
    )
)
def test_an_array_of_edited_households_reads_as_a_made_converter_reads_it(document: Any) -> None:
    """Generated readers give the same households, or the same problems at the same
    paths, as a converter's hooks, whatever keys and values an item has."""
    made, default = _outcomes(json.dumps(document), tuple[Household, ...])

    assert made == default


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(strategies.persons(), min_size=1, max_size=3).flatmap(
        lambda ps: _mutated([json.loads(to_json(p, converter=CONVERTER)) for p in ps])
    )
)
def test_an_array_of_edited_persons_reads_as_a_made_converter_reads_it(document: Any) -> None:
    """The same for persons, whose skills, residence and dates are read inline."""
    made, default = _outcomes(json.dumps(document), list[Person])

    assert made == default


def test_objects_with_their_keys_in_another_order_or_left_out_read_the_same() -> None:
    """A reader takes each field by its key: the order of keys does not matter, and an
    object without its optional keys is read with the defaults."""
    full = json.loads(to_json(_olena()))
    reordered = dict(reversed(list(full.items())))
    short = {"id": "p-2", "birth_date": "1990-03-01", "sex": "male"}
    text = json.dumps([full, reordered, short])

    made, default = _outcomes(text, tuple[Person, ...])

    assert made == default
    assert (
        _olena(),
        _olena(),
        Person(id="p-2", birth_date=pendulum.date(1990, 3, 1), sex=Sex.MALE),
    ) == default


@pytest.mark.parametrize(
    "change",
    [
        {"language": "uk", "level": "A1", "x": None},
        {"language": "UK", "level": "A1"},
        {"language": "uk", "level": "a1"},
        {"language": "uk"},
        {"language": ["uk"], "level": "A1"},
        {"level": "A1", "language": "uk"},
        "uk",
    ],
    ids=repr,
)
def test_a_bad_skill_after_an_equal_good_one_is_still_refused(change: Any) -> None:
    """Skills are read once per document by their values; a different object (other or
    missing keys, other values) is still read, and refused, on its own."""
    good = {"language": "uk", "level": "A1"}
    person = json.loads(to_json(_olena()))
    other = dict(person, id="p-2", languages=[change])
    text = json.dumps(
        [dict(person, languages=[good]), other, dict(person, id="p-3", languages=[good])]
    )

    made, default = _outcomes(text, tuple[Person, ...])

    assert made == default


@attrs.frozen(kw_only=True)
class _Everything:
    """A class whose fields take each kind of reading: scalars, optionals, containers."""

    count: int
    share: float
    flag: bool | None
    note: str = "x"
    day: pendulum.Date | None = None
    at: pendulum.DateTime | None = None
    hold: pendulum.Duration | None = None
    codes: frozenset[str] = frozenset()
    pair: tuple[int, str] | None = None
    table: dict[str, int] = attrs.field(factory=dict)
    kind: Sex | int = 0


@pytest.mark.parametrize(
    "item",
    [
        {"count": 1, "share": 0.5, "flag": None},
        {"count": 1, "share": 1, "flag": True, "note": "ü", "day": "2022-06-21"},
        {"count": 2**60, "share": 0.5, "flag": None},
        {"count": True, "share": 0.5, "flag": 0},
        {"count": 1, "share": 0.5, "flag": None, "at": "2022-06-21T09:00:00+02:00[Europe/Berlin]"},
        {"count": 1, "share": 0.5, "flag": None, "at": "2022-06-21T09:00:00"},
        {"count": 1, "share": 0.5, "flag": None, "hold": "PT48H", "codes": ["b", "a"]},
        {"count": 1, "share": 0.5, "flag": None, "codes": ["a", "a"], "pair": [1, "x"]},
        {"count": 1, "share": 0.5, "flag": None, "pair": [1], "table": {"a": "b"}},
        {"count": 1, "share": 0.5, "flag": None, "table": {"a": 1}, "kind": "female"},
        {"count": 1, "share": 0.5, "flag": None, "kind": 3},
        {"count": 1, "share": 0.5, "flag": None, "kind": "x"},
        {"count": 1, "share": 0.5, "flag": None, "note": "\ud800"},
    ],
    ids=repr,
)
def test_every_kind_of_field_reads_as_a_made_converter_reads_it(item: dict[str, Any]) -> None:
    """Fields a reader leaves to the converter's hooks, and those it reads inline, give
    the same values and problems as the hooks alone."""
    full = {
        "count": 1, "share": 0.5, "flag": None, "note": "x", "day": None, "at": None,
        "hold": None, "codes": [], "pair": None, "table": {}, "kind": 0,
    }  # fmt: skip
    texts = [json.dumps([item]), json.dumps([{**full, **item}])]

    outcomes = [_outcomes(text, tuple[_Everything, ...]) for text in texts]

    assert [made for made, _ in outcomes] == [default for _, default in outcomes]


class _Impostor(pendulum.Date):
    """A date that claims to be Olena's birthday (1988-02-29)."""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return hash(pendulum.date(1988, 2, 29))


class _DayLike(typing.NamedTuple):
    """Not a date, though it has a year, a month and a day."""

    year: int
    month: int
    day: int


@pytest.mark.parametrize(
    "day",
    [
        pendulum.date(1, 1, 1),
        pendulum.date(1899, 12, 31),
        pendulum.date(1900, 1, 1),
        pendulum.date(2024, 2, 29),
        pendulum.date(2099, 12, 31),
        pendulum.date(2100, 1, 1),
        pendulum.date(9999, 12, 31),
        _dt.date(2022, 6, 21),
        pendulum.datetime(2022, 6, 21, 9, tz="Europe/Berlin"),
        "2022-06-21",
        _DayLike(year=2022, month=6, day=21),
        _Impostor(2022, 6, 21),
    ],
    ids=repr,
)
def test_any_date_in_a_date_field_is_written_as_the_hooks_write_it(day: Any) -> None:
    """Dates are written from ready pieces and remembered within a call: the text, or
    the error, is still the hooks'."""
    person = _olena()
    object.__setattr__(person, "birth_date", day)  # past the converter, as a bug might
    persons, cl = (_olena(), person, person), tuple[Person, ...]

    expected = _outcome(lambda: to_json(persons, cl, converter=CONVERTER))

    assert expected == _outcome(lambda: to_json(persons, cl))


_WRONG_VALUES: tuple[Any, ...] = (
    None, True, False, 0, 1, 1.5, "", " ", "x", "uk", "A1", "female", "child", "p-olena",
    "2022-06-21", "2022-13-01", "\u00fc", [], ["x"], {}, {"a": 1},
)  # fmt: skip
"""Values of every JSON type, some of them valid in some field."""


@pytest.mark.parametrize("wrong", _WRONG_VALUES, ids=repr)
def test_any_value_in_any_place_of_a_household_reads_as_a_made_converter_reads_it(
    wrong: Any,
) -> None:
    """Each place of a household (every field of every object, every item), given each
    kind of value in turn: the generated readers give what the hooks give."""
    document = json.loads(to_json(_household()))
    mismatches = []

    for location in _locations(document)[1:]:
        changed = json.loads(json.dumps(document))
        parent = changed
        for step in location[:-1]:
            parent = parent[step]
        parent[location[-1]] = wrong
        made, default = _outcomes(json.dumps([document, changed]), tuple[Household, ...])
        if made != default:
            mismatches.append(location)

    assert [] == mismatches


@attrs.frozen(kw_only=True)
class _Text:
    first: str
    second: str | None


@attrs.frozen(kw_only=True)
class _OtherText:
    one: str
    two: str | None


@attrs.frozen(kw_only=True)
class _Texts:
    text: _Text
    other: _OtherText


def test_equal_text_of_two_classes_reads_as_two_values() -> None:
    """Objects of text-only classes are shared by their values within one class only."""
    text = json.dumps(
        [{"text": {"first": "a", "second": None}, "other": {"one": "a", "two": None}}]
    )

    made, default = _outcomes(text, tuple[_Texts, ...])

    assert made == default
    assert (
        _Texts(text=_Text(first="a", second=None), other=_OtherText(one="a", two=None)),
    ) == default


@given(st.lists(strategies.pendulum_dates(), max_size=20))
def test_lists_of_dates_are_written_as_the_hooks_write_them(days: list[pendulum.Date]) -> None:
    """Repeated and distinct dates, across the whole range, give the hooks' text."""
    cl = tuple[pendulum.Date, ...]

    assert to_json(tuple(days), cl, converter=CONVERTER) == to_json(tuple(days), cl)


def test_objects_made_while_writing_never_borrow_each_others_text() -> None:
    """Values made and dropped while the call writes them (here by a generator) are each
    written as the hooks write them, whatever memory they reuse."""
    codes = ["aa", "bb", "cc", "dd", "ee", "ff", "gg", "hh"]
    cl = tuple[LanguageSkill, ...]

    def skills() -> Any:
        return (LanguageSkill(language=code, level=CefrLevel.A1) for code in codes)

    assert to_json(skills(), cl, converter=CONVERTER) == to_json(skills(), cl)
