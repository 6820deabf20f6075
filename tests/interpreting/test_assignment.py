"""
Booking interpreters for the consultations that need one (interpreting/assignment.py):
language, availability for the whole slot, never two bookings at once, the best fit,
prebooked interpreters, and the shortfall per language.
"""

from __future__ import annotations

import functools
import runpy
from pathlib import Path

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import examples

from jobcenter_core.consultations import (
    Caseworker,
    Consultation,
    Interpreter,
    InterpreterAssignment,
)
from jobcenter_core.dates import TimeWindow, at_berlin
from jobcenter_core.errors import InvalidInput
from jobcenter_core.interpreting import _search, assign_interpreters
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.people import Person, Sex
from jobcenter_core.strategies import consultation_days
from jobcenter_core.testing.needs import interpreter_shortages

GERMAN_CASEWORKER = Caseworker(
    id="cw-1", languages=(LanguageSkill(language="de", level=CefrLevel.NATIVE),)
)


def speaker(person_id: str, *skills: tuple[str, CefrLevel]) -> Person:
    """A woman born in 1988 who speaks each (language, level) of *skills*."""
    languages = tuple(LanguageSkill(language=code, level=level) for code, level in skills)
    return Person(
        id=person_id, birth_date=pendulum.date(1988, 3, 2), sex=Sex.FEMALE, languages=languages
    )


def slot(hour: int, minutes: int = 60) -> TimeWindow:
    """A consultation slot on Monday 30 May 2022 from *hour* o'clock."""
    start = at_berlin(2022, 5, 30, hour)
    return TimeWindow(start=start, end=start.add(minutes=minutes))


def day(start: int = 8, end: int = 16) -> TimeWindow:
    """An interpreter's availability on 30 May 2022 from *start* to *end* o'clock."""
    return TimeWindow(start=at_berlin(2022, 5, 30, start), end=at_berlin(2022, 5, 30, end))


def consultation(
    cid: str, person_id: str, window: TimeWindow, language: str = "uk"
) -> Consultation:
    """Consultation *cid* of *person_id* (household ``h-<person_id>``) with ``cw-1``."""
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


def assign(
    consultations: list[Consultation], interpreters: list[Interpreter], *persons: Person
) -> InterpreterAssignment:
    """Assign for the two Ukrainian speakers (or *persons*) and the German case worker."""
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
    half_past_nine_to_half_past_ten = TimeWindow(
        start=at_berlin(2022, 5, 30, 9, 30), end=at_berlin(2022, 5, 30, 10, 30)
    )

    result = assign(
        [consultation("c-1", "p-1", half_past_nine_to_half_past_ten)],
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


# --- properties -------------------------------------------------------------------------


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


# --- the most consultations served, the earlier first (issue 20) -------------------------


RUSSIAN = speaker("p-2", ("ru", CefrLevel.NATIVE))
BILINGUAL_INTERPRETERS = [
    Interpreter(id="i-1", languages=("uk", "ru"), availability=(day(),)),
    Interpreter(id="i-2", languages=("uk",), availability=(day(),)),
]
"""Issue 20: i-1 interprets Ukrainian and Russian, i-2 only Ukrainian; both free all day."""
UK_AND_RU_AT_NINE = [
    consultation("c-1", "p-1", slot(9)),
    consultation("c-2", "p-2", slot(9), "ru"),
]
"""Issue 20: a Ukrainian (c-1, p-1) and a Russian (c-2, p-2) consultation, both 9–10."""


def test_the_bilingual_interpreter_takes_the_russian_consultation_so_both_are_served() -> None:
    """Issue 20: uk (c-1) and ru (c-2) at 9–10, i-1 speaks both, i-2 only uk: both served."""
    interpreters, consultations = BILINGUAL_INTERPRETERS, UK_AND_RU_AT_NINE

    result = assign(consultations, interpreters, UKRAINIAN, RUSSIAN)

    assert [("c-1", "i-2"), ("c-2", "i-1")] == sorted(
        (b.consultation_id, b.interpreter_id) for b in result.bookings
    )
    assert () == result.unserved


def test_the_interpreter_free_for_longer_is_kept_for_the_longer_consultation() -> None:
    """i-1 is free 9–11, i-2 only 9–10: the hour 9–10 goes to i-2, so both are served."""
    interpreters = [
        Interpreter(id="i-1", languages=("uk",), availability=(day(9, 11),)),
        Interpreter(id="i-2", languages=("uk",), availability=(day(9, 10),)),
    ]
    consultations = [consultation("c-1", "p-1", slot(9)), consultation("c-2", "p-2", slot(9, 120))]

    result = assign(consultations, interpreters)

    assert [("c-1", "i-2"), ("c-2", "i-1")] == [
        (b.consultation_id, b.interpreter_id) for b in result.bookings
    ]


def test_the_earlier_consultation_is_served_when_only_one_of_two_can_be() -> None:
    """9:00–10:00 and 9:30–10:30, one interpreter: the earlier one is booked."""
    interpreter = Interpreter(id="i-1", languages=("uk",), availability=(day(),))
    later = consultation(
        "c-1",
        "p-1",
        TimeWindow(start=at_berlin(2022, 5, 30, 9, 30), end=at_berlin(2022, 5, 30, 10, 30)),
    )
    earlier = consultation("c-2", "p-2", slot(9))

    result = assign([later, earlier], [interpreter])

    assert (["c-2"], ["c-1"]) == (
        [b.consultation_id for b in result.bookings],
        [u.consultation_id for u in result.unserved],
    )


def test_availability_ending_with_the_slot_covers_it() -> None:
    """Boundary: availability 8–10 covers 9–10 (the window's end is the slot's end)."""
    interpreter = Interpreter(id="i-1", languages=("uk",), availability=(day(8, 10),))

    result = assign([consultation("c-1", "p-1", slot(9))], [interpreter])

    assert ["c-1"] == [b.consultation_id for b in result.bookings]


def test_a_prebooked_slot_blocks_the_interpreter_for_the_others() -> None:
    """i-1 is prebooked 9–10 for c-1; c-2 at 9:30 cannot have i-1 and says all_busy."""
    interpreter = Interpreter(id="i-1", languages=("uk",), availability=(day(),))
    prebooked = attrs.evolve(consultation("c-1", "p-1", slot(9)), interpreter_id="i-1")
    other = consultation(
        "c-2",
        "p-2",
        TimeWindow(start=at_berlin(2022, 5, 30, 9, 30), end=at_berlin(2022, 5, 30, 10, 30)),
    )

    result = assign([prebooked, other], [interpreter])

    assert (["c-1"], ("all_busy",)) == (
        [b.consultation_id for b in result.bookings],
        result.unserved[0].codes,
    )


def test_a_group_beyond_the_search_budget_says_how_many_more_might_be_served(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without search budget the greedy books the group and the unserved say the bound."""
    monkeypatch.setattr(_search, "book", functools.partial(_search.book, budget=0))
    interpreters, consultations = BILINGUAL_INTERPRETERS, UK_AND_RU_AT_NINE

    result = assign(consultations, interpreters, UKRAINIAN, RUSSIAN)

    assert [("c-2", ("all_busy", "not_proven_most"))] == [
        (u.consultation_id, u.codes) for u in result.unserved
    ]
    assert "at most 1 more might be" in result.unserved[0].reasons[1].message


OLD_ASSIGN_INTERPRETERS = runpy.run_path(
    str(Path(__file__).parents[2] / "benchmarks" / "bench_scarce.py")
)["old_assign_interpreters"]
"""The old greedy ``assign_interpreters``, kept in the benchmark that compares against it."""


def test_the_old_greedy_left_the_russian_consultation_unserved() -> None:
    """The issue's example against the old rule kept in the benchmark: it served one."""
    interpreters, consultations = BILINGUAL_INTERPRETERS, UK_AND_RU_AT_NINE

    old = OLD_ASSIGN_INTERPRETERS(
        consultations, interpreters, persons=[UKRAINIAN, RUSSIAN], caseworkers=[GERMAN_CASEWORKER]
    )

    assert ["c-2"] == [u.consultation_id for u in old.unserved]


@given(interpreter_shortages(max_consultations=12, max_interpreters=5))
def test_never_fewer_consultations_are_served_than_by_the_old_greedy(day_: Day) -> None:
    """Property: at least as many bookings as the old earliest-end greedy made."""
    consultations, interpreters, persons, caseworkers = day_

    new = assign_interpreters(consultations, interpreters, persons=persons, caseworkers=caseworkers)
    old = OLD_ASSIGN_INTERPRETERS(
        consultations, interpreters, persons=persons, caseworkers=caseworkers
    )

    assert len(new.bookings) >= len(old.bookings)


def _most_by_brute_force(day_: Day, result: InterpreterAssignment) -> int:
    """Every way to book the consultations not prebooked, by brute force: the most served."""
    consultations, interpreters, _, _ = day_
    prebooked = {b.consultation_id for b in result.bookings} & {
        c.id for c in consultations if c.interpreter_id is not None
    }
    busy = [(b.interpreter_id, b.window) for b in result.bookings if b.consultation_id in prebooked]
    open_ = [c for c in consultations if c.interpreter_id is None and c.id not in result.not_needed]

    def most(k: int, taken: list[tuple[str, TimeWindow]]) -> int:
        if k == len(open_):
            return 0
        c = open_[k]
        best = most(k + 1, taken)
        for i in interpreters:
            if (
                c.language in i.languages
                and i.available_for(c.window)
                and not any(who == i.id and w.overlaps(c.window) for who, w in taken)
            ):
                best = max(best, 1 + most(k + 1, [*taken, (i.id, c.window)]))
        return best

    return len(prebooked) + most(0, busy)


@settings(max_examples=examples(300))
@given(
    st.one_of(consultation_days(max_consultations=7, max_interpreters=3), interpreter_shortages())
)
def test_as_many_consultations_are_served_as_any_assignment_could(day_: Day) -> None:
    """Oracle: brute force over every booking of the consultations of a small day."""
    result = run(day_)[0]

    assert _most_by_brute_force(day_, result) == len(result.bookings)


@pytest.mark.slow
@settings(max_examples=examples(10_000))
@given(
    st.one_of(consultation_days(max_consultations=7, max_interpreters=3), interpreter_shortages())
)
def test_as_many_consultations_are_served_as_any_assignment_could_long_run(day_: Day) -> None:
    """Oracle, ten thousand small days."""
    result = run(day_)[0]

    assert _most_by_brute_force(day_, result) == len(result.bookings)
