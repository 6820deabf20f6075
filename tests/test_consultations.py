"""Consultations: who needs an interpreter, booking interpreters, recording findings."""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobcenter_core.consultations import (
    Caseworker,
    Consultation,
    Interpreter,
    InterpreterAssignment,
    record_consultation,
)
from jobcenter_core.dates import TimeWindow, at_berlin
from jobcenter_core.errors import InvalidInput
from jobcenter_core.interpreting import assign_interpreters
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.needs import EvidenceKind, Finding, NeedCategory, NeedsProfile, Urgency
from jobcenter_core.people import Person, Sex
from jobcenter_core.strategies import consultation_days

MAY_30 = pendulum.date(2022, 5, 30)
GERMAN_CASEWORKER = Caseworker(
    id="cw-1", languages=(LanguageSkill(language="de", level=CefrLevel.NATIVE),)
)


def speaker(person_id: str, *skills: tuple[str, CefrLevel]) -> Person:
    return Person(
        id=person_id,
        birth_date=pendulum.date(1988, 3, 2),
        sex=Sex.FEMALE,
        languages=tuple(LanguageSkill(language=lang, level=level) for lang, level in skills),
        name="Olena",
    )


def slot(hour: int, minutes: int = 60) -> TimeWindow:
    start = at_berlin(2022, 5, 30, hour)
    return TimeWindow(start=start, end=start.add(minutes=minutes))


def day(start: int = 8, end: int = 16) -> TimeWindow:
    return TimeWindow(start=at_berlin(2022, 5, 30, start), end=at_berlin(2022, 5, 30, end))


def consultation(
    cid: str, person_id: str, window: TimeWindow, language: str = "uk"
) -> Consultation:
    return Consultation(
        id=cid,
        household_id=f"h-{person_id}",
        person_id=person_id,
        caseworker_id="cw-1",
        window=window,
        language=language,
    )


UKRAINIAN = speaker("p-1", ("uk", CefrLevel.NATIVE))
UKRAINIAN_2 = speaker("p-2", ("uk", CefrLevel.NATIVE))


# --- assign_interpreters ----------------------------------------------------------------


def assign(
    consultations: list[Consultation], interpreters: list[Interpreter], *persons: Person
) -> InterpreterAssignment:
    return assign_interpreters(
        consultations,
        interpreters,
        persons=persons or (UKRAINIAN, UKRAINIAN_2),
        caseworkers=[GERMAN_CASEWORKER],
    )


def test_an_interpreter_of_the_language_is_booked() -> None:
    """A Ukrainian interpreter available all day takes the 9 o'clock consultation."""
    interpreter = Interpreter(id="i-1", languages=("uk",), availability=(day(),))

    result = assign([consultation("c-1", "p-1", slot(9))], [interpreter])

    assert [("c-1", "i-1")] == [(b.consultation_id, b.interpreter_id) for b in result.bookings]


def test_nobody_for_the_language_is_reported_with_the_missing_hours() -> None:
    """No Farsi interpreter: the consultation is unserved and 1.5 h of Farsi are missing."""
    person = speaker("p-1", ("fa", CefrLevel.NATIVE))
    interpreter = Interpreter(id="i-1", languages=("uk",), availability=(day(),))

    result = assign([consultation("c-1", "p-1", slot(9, 90), "fa")], [interpreter], person)

    assert (("no_interpreter_for_language",), 1.5) == (
        result.unserved[0].codes,
        result.missing_hours("fa"),
    )


def test_an_interpreter_must_be_available_for_the_whole_slot() -> None:
    """Availability until 10:00 does not cover a 9:30–10:30 consultation."""
    interpreter = Interpreter(id="i-1", languages=("uk",), availability=(day(8, 10),))

    result = assign(
        [
            consultation(
                "c-1",
                "p-1",
                slot(9).__class__(
                    start=at_berlin(2022, 5, 30, 9, 30), end=at_berlin(2022, 5, 30, 10, 30)
                ),
            )
        ],
        [interpreter],
    )

    assert ("no_availability",) == result.unserved[0].codes


def test_an_interpreter_is_never_booked_twice_at_once() -> None:
    """Two consultations at 9 with one interpreter: the second is reported as all busy."""
    interpreter = Interpreter(id="i-1", languages=("uk",), availability=(day(),))

    result = assign(
        [consultation("c-2", "p-2", slot(9)), consultation("c-1", "p-1", slot(9, 30))],
        [interpreter],
    )

    assert (["c-1"], ["c-2"], ("all_busy",)) == (
        [b.consultation_id for b in result.bookings],
        [u.consultation_id for u in result.unserved],
        result.unserved[0].codes,
    )


def test_back_to_back_consultations_share_an_interpreter() -> None:
    """9–10 and 10–11 do not overlap (half-open windows)."""
    interpreter = Interpreter(id="i-1", languages=("uk",), availability=(day(),))

    result = assign(
        [consultation("c-1", "p-1", slot(9)), consultation("c-2", "p-2", slot(10))], [interpreter]
    )

    assert 2 == len(result.bookings)


def test_the_best_fitting_interpreter_is_chosen() -> None:
    """After i-1 took 9–10, 10–11 also goes to i-1, keeping i-2 free all day."""
    both = [
        Interpreter(id="i-1", languages=("uk",), availability=(day(),)),
        Interpreter(id="i-2", languages=("uk", "ru"), availability=(day(),)),
    ]

    result = assign(
        [consultation("c-1", "p-1", slot(9)), consultation("c-2", "p-2", slot(10))], both
    )

    assert ["i-1", "i-1"] == [b.interpreter_id for b in result.bookings]


def test_a_long_consultation_does_not_crowd_out_two_short_ones() -> None:
    """With one interpreter, 10–11 and 12–13 are served rather than 9–17 alone."""
    person_3 = speaker("p-3", ("uk", CefrLevel.NATIVE))
    interpreter = Interpreter(id="i-1", languages=("uk",), availability=(day(8, 18),))

    result = assign(
        [
            consultation("c-long", "p-1", slot(9, 8 * 60)),
            consultation("c-2", "p-2", slot(10)),
            consultation("c-3", "p-3", slot(12)),
        ],
        [interpreter],
        UKRAINIAN,
        UKRAINIAN_2,
        person_3,
    )

    assert (["c-2", "c-3"], ["c-long"]) == (
        [b.consultation_id for b in result.bookings],
        [u.consultation_id for u in result.unserved],
    )


def test_consultations_without_need_are_not_booked() -> None:
    """A person with B2 German needs no interpreter; the consultation is listed as such."""
    person = speaker("p-1", ("uk", CefrLevel.NATIVE), ("de", CefrLevel.B2))
    interpreter = Interpreter(id="i-1", languages=("uk",), availability=(day(),))

    result = assign([consultation("c-1", "p-1", slot(9))], [interpreter], person)

    assert ((), ("c-1",)) == (result.bookings, result.not_needed)


def test_a_prebooked_interpreter_is_kept() -> None:
    """A consultation that names a suitable interpreter keeps them."""
    interpreters = [
        Interpreter(id="i-1", languages=("uk",), availability=(day(),)),
        Interpreter(id="i-2", languages=("uk",), availability=(day(),)),
    ]
    prebooked = attrs.evolve(consultation("c-1", "p-1", slot(9)), interpreter_id="i-2")

    result = assign([prebooked], interpreters)

    assert "i-2" == result.bookings[0].interpreter_id


def test_a_prebooked_interpreter_who_cannot_come_is_reported() -> None:
    """Naming an interpreter outside their availability is reported, not silently rebooked."""
    interpreter = Interpreter(id="i-1", languages=("uk",), availability=(day(12, 16),))
    prebooked = attrs.evolve(consultation("c-1", "p-1", slot(9)), interpreter_id="i-1")

    result = assign([prebooked], [interpreter])

    assert ("prebooked_interpreter_unavailable",) == result.unserved[0].codes


def test_unknown_person_is_invalid_input() -> None:
    """Every consultation must name a known person and case worker."""
    with pytest.raises(InvalidInput, match=r"\$\.consultations\[0\]\.person_id"):
        assign([consultation("c-1", "p-9", slot(9))], [], UKRAINIAN)


def test_apply_sets_the_booked_interpreter_on_each_consultation() -> None:
    """The assignment can be written back onto the consultations."""
    interpreter = Interpreter(id="i-1", languages=("uk",), availability=(day(),))
    consultations = [consultation("c-1", "p-1", slot(9))]

    booked = assign(consultations, [interpreter]).apply(consultations)

    assert "i-1" == booked[0].interpreter_id


def test_consultation_repr_shows_neither_names_nor_special_findings() -> None:
    """repr of a consultation hides special-category findings; persons hide names."""
    c = attrs.evolve(
        consultation("c-1", "p-1", slot(9)),
        findings=(Finding(subject="p-1", category=NeedCategory.PSYCHOSOCIAL_SUPPORT),),
    )

    text = repr(c) + repr(UKRAINIAN)

    assert "PSYCHO" not in text and "Olena" not in text


Day = tuple[
    tuple[Consultation, ...], tuple[Interpreter, ...], tuple[Person, ...], tuple[Caseworker, ...]
]


def run(day_: Day) -> tuple[InterpreterAssignment, dict[str, Consultation], dict[str, Interpreter]]:
    consultations, interpreters, persons, caseworkers = day_
    result = assign_interpreters(
        consultations, interpreters, persons=persons, caseworkers=caseworkers
    )
    return result, {c.id: c for c in consultations}, {i.id: i for i in interpreters}


@given(consultation_days())
def test_no_interpreter_is_booked_twice_at_once(day_: Day) -> None:
    """Property: the bookings of one interpreter never overlap."""
    result, _, _ = run(day_)

    for a in result.bookings:
        for b in result.bookings:
            if a is not b and a.interpreter_id == b.interpreter_id:
                assert not a.window.overlaps(b.window)


@given(consultation_days())
def test_every_consultation_needing_an_interpreter_is_served_or_reported(day_: Day) -> None:
    """Property: each consultation is in exactly one of bookings, unserved, not needed."""
    result, consultations, _ = run(day_)

    ids = (
        [b.consultation_id for b in result.bookings]
        + [u.consultation_id for u in result.unserved]
        + list(result.not_needed)
    )

    assert sorted(consultations) == sorted(ids)
    assert all(u.reasons for u in result.unserved)


@given(consultation_days())
def test_bookings_match_language_and_availability(day_: Day) -> None:
    """Property: a booked interpreter interprets the language and is available throughout."""
    result, _, interpreters = run(day_)

    for b in result.bookings:
        interpreter = interpreters[b.interpreter_id]
        assert b.language in interpreter.languages
        assert interpreter.available_for(b.window)


@given(consultation_days())
def test_missing_hours_add_up_the_unserved_consultations(day_: Day) -> None:
    """Property: the shortfall per language is the unserved time in that language."""
    result, _, _ = run(day_)

    for shortfall in result.shortfall:
        unserved = [u for u in result.unserved if u.language == shortfall.language]
        assert len(unserved) == shortfall.consultations
        assert sum(u.window.duration.in_minutes() for u in unserved) == shortfall.minutes


@given(consultation_days(), st.randoms(use_true_random=False))
def test_assignment_does_not_depend_on_input_order(day_: Day, random: object) -> None:
    """Property: shuffled consultations and interpreters give the same assignment."""
    consultations, interpreters, persons, caseworkers = day_
    shuffled_c = list(consultations)
    shuffled_i = list(interpreters)
    random.shuffle(shuffled_c)  # type: ignore[attr-defined]
    random.shuffle(shuffled_i)  # type: ignore[attr-defined]

    expected = assign_interpreters(
        consultations, interpreters, persons=persons, caseworkers=caseworkers
    )
    actual = assign_interpreters(shuffled_c, shuffled_i, persons=persons, caseworkers=caseworkers)

    assert expected == actual


@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=16), st.integers(min_value=1, max_value=8)),
        max_size=8,
    ),
    st.integers(min_value=1, max_value=3),
)
def test_with_all_day_interpreters_as_many_consultations_as_possible_are_served(
    slots: list[tuple[int, int]], interpreter_count: int
) -> None:
    """Property: no other assignment serves more (brute force over subsets, k interpreters)."""
    windows = [
        TimeWindow(
            start=at_berlin(2022, 5, 30, 8).add(minutes=30 * s),
            end=at_berlin(2022, 5, 30, 8).add(minutes=30 * (s + n)),
        )
        for s, n in slots
    ]
    persons = [speaker(f"p-{i}", ("uk", CefrLevel.NATIVE)) for i in range(len(windows))]
    consultations = [consultation(f"c-{i}", f"p-{i}", w) for i, w in enumerate(windows)]
    interpreters = [
        Interpreter(id=f"i-{k}", languages=("uk",), availability=(day(8, 20),))
        for k in range(interpreter_count)
    ]

    served = len(assign(consultations, interpreters, *persons).bookings) if persons else 0

    def depth(chosen: list[TimeWindow]) -> int:
        return max(
            (sum(1 for w in chosen if w.start <= p.start < w.end) for p in chosen), default=0
        )

    best = max(
        (
            bin(mask).count("1")
            for mask in range(1 << len(windows))
            if depth([w for i, w in enumerate(windows) if mask >> i & 1]) <= interpreter_count
        ),
        default=0,
    )
    assert best == served


# --- record_consultation ----------------------------------------------------------------


def test_recording_a_consultation_turns_findings_into_needs() -> None:
    """Findings become needs identified on the consultation's day, with it as source."""
    c = attrs.evolve(
        consultation("c-1", "p-1", slot(9)),
        household_id="h-1",
        findings=(Finding(subject="p-1", category=NeedCategory.CHILDCARE, urgency=Urgency.HIGH),),
    )

    profile = record_consultation(NeedsProfile(household_id="h-1"), c)

    need = profile.needs[0]
    assert (MAY_30, EvidenceKind.CONSULTATION, "c-1", Urgency.HIGH) == (
        need.identified_on,
        need.identified_by.kind,
        need.identified_by.id,
        need.urgency,
    )


def test_recording_a_consultation_twice_changes_nothing() -> None:
    """The same consultation is the same evidence: no duplicate observations."""
    c = attrs.evolve(
        consultation("c-1", "p-1", slot(9)),
        household_id="h-1",
        findings=(Finding(subject="p-1", category=NeedCategory.GERMAN_LANGUAGE),),
    )
    once = record_consultation(NeedsProfile(household_id="h-1"), c)

    twice = record_consultation(once, c)

    assert once == twice


def test_a_late_evening_consultation_is_dated_in_berlin() -> None:
    """A consultation at 23:30 Berlin time (21:30 UTC) is dated that Berlin day."""
    late = TimeWindow(
        start=pendulum.datetime(2022, 5, 30, 21, 30, tz="UTC"),
        end=pendulum.datetime(2022, 5, 30, 22, 0, tz="UTC"),
    )
    c = Consultation(
        id="c-1", household_id="h-1", person_id="p-1", caseworker_id="cw-1", window=late,
        language="uk", findings=(Finding(subject="p-1", category=NeedCategory.HOUSING),),
    )  # fmt: skip

    profile = record_consultation(NeedsProfile(household_id="h-1"), c)

    assert MAY_30 == profile.needs[0].identified_on


def test_a_consultation_of_another_household_is_refused() -> None:
    """Findings go into the profile of the consultation's household only."""
    c = consultation("c-1", "p-1", slot(9))

    with pytest.raises(InvalidInput, match="another household"):
        record_consultation(NeedsProfile(household_id="h-other"), c)


def test_availability_may_be_given_as_pendulum_intervals() -> None:
    """Interpreters' availability accepts pendulum intervals and keeps them as windows."""
    interval = pendulum.interval(at_berlin(2022, 5, 30, 8), at_berlin(2022, 5, 30, 12))

    interpreter = Interpreter(id="i-1", languages=("uk",), availability=[interval])

    assert (day(8, 12),) == interpreter.availability
