"""
The JSON format: values come back exactly, equal values give identical bytes, and the
format of every type is pinned by golden files.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import pathlib
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
    dump_document,
    from_json,
    load_document,
    make_converter,
    structure,
    to_json,
    unstructure,
)

GOLDEN = pathlib.Path(__file__).parent.parent / "golden"
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


def test_unstructure_gives_lists_for_arrays_of_any_kind() -> None:
    """JSON-ready data holds lists only: tuples of any length and sets become lists."""
    value = (("a", 1), frozenset({"b"}), ("c",))
    cl = tuple[tuple[str, int], frozenset[str], tuple[str, ...]]

    data = unstructure(value, cl)

    assert [["a", 1], ["b"], ["c"]] == data
    assert [list, list, list, list] == [type(data), *map(type, data)]


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


# --- every public type, through the shared strategies -----------------------------------


def _check_round_trip(make: Callable[[st.DataObject], Any], cl: Any, examples: int) -> None:
    @settings(
        max_examples=examples,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def round_trip(data: st.DataObject) -> None:
        value = data.draw(make(data))

        text = to_json(value, cl, converter=CONVERTER)
        back = from_json(text, cl, converter=CONVERTER)

        assert value == back
        assert text == to_json(back, cl, converter=CONVERTER)
        assert value == structure(
            unstructure(value, cl, converter=CONVERTER), cl, converter=CONVERTER
        )

    round_trip()


def test_every_public_type_survives_a_round_trip(strategy_case: Any) -> None:
    """structure(unstructure(x)) == x and equal values give byte-identical JSON."""
    _, make, cl = strategy_case

    _check_round_trip(make, cl, examples=15)


@pytest.mark.slow
def test_every_public_type_survives_many_round_trips(strategy_case: Any) -> None:
    """The same property with many more examples (``uv run pytest -m slow``)."""
    _, make, cl = strategy_case

    _check_round_trip(make, cl, examples=500)


def test_the_strategy_walk_covers_the_core_types(strategy_cases: list[Any]) -> None:
    """The generic round trip above really sees persons, households, policies and rosters."""
    drawn = {c[2] for c in strategy_cases}

    assert {Person, Household, Policy, OfferState, Transition} <= drawn
