"""
The counting engine behind the national run's consultations stage
(interpreting/_tally.py) against the rule: ``assign_interpreters`` run on each day's
consultations with each interpreter's windows of that day, its results counted, as the
stage counted them before the engine.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import examples

from jobcenter_core.consultations import Caseworker, Consultation, Interpreter
from jobcenter_core.dates import TimeWindow, at_berlin
from jobcenter_core.errors import InvalidInput
from jobcenter_core.interpreting._tally import tally_by_day
from jobcenter_core.interpreting.counts import _counted_by_the_rule
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Person, Sex
from jobcenter_core.scenarios import bocholt_june_2022
from jobcenter_core.strategies import consultation_days
from jobcenter_core.testing.needs import interpreter_shortages

Week = tuple[
    tuple[Consultation, ...], tuple[Interpreter, ...], dict[str, Person], tuple[Caseworker, ...]
]
Counts = tuple[int, int, int, dict[str, int], dict[str, int]]


def counted_by_the_rule(
    consultations: Sequence[Consultation],
    interpreters: Sequence[Interpreter],
    persons: dict[str, Person],
    caseworkers: Sequence[Caseworker],
    policy: Policy = DEFAULT_POLICY,
) -> Counts:
    """The stage as first written: the rule day by day, its results counted (the readable
    definition of ``count_bookings``)."""
    counts = _counted_by_the_rule(
        consultations, interpreters, persons=persons, caseworkers=caseworkers, policy=policy
    )
    return (
        counts.needing,
        counts.booked,
        counts.booked_minutes,
        dict(counts.unserved_reasons),
        dict(counts.missing_minutes),
    )


def counted_by_the_engine(week: Week, policy: Policy = DEFAULT_POLICY) -> Counts:
    consultations, interpreters, persons, caseworkers = week
    counts = tally_by_day(
        consultations, interpreters, persons=persons, caseworkers=caseworkers, policy=policy
    )
    return (
        counts.needing,
        counts.booked,
        counts.booked_minutes,
        dict(counts.reasons),
        dict(counts.missing_minutes),
    )


def _moved(w: TimeWindow, days: int) -> TimeWindow:
    return TimeWindow(start=w.start.add(days=days), end=w.end.add(days=days))


@st.composite
def weeks(draw: st.DrawFn, *, max_days: int = 3) -> Week:
    """
    One to three days of consultations (each a ``consultation_days`` or an
    ``interpreter_shortages`` day, moved on by its number of days): the interpreters of
    the same id are one interpreter with the windows and languages of all their days.
    """
    consultations: list[Consultation] = []
    persons: dict[str, Person] = {}
    languages: dict[str, set[str]] = defaultdict(set)
    windows: dict[str, list[TimeWindow]] = defaultdict(list)
    caseworkers: tuple[Caseworker, ...] = ()
    for d in range(draw(st.integers(min_value=1, max_value=max_days))):
        day = draw(st.one_of(consultation_days(max_consultations=8), interpreter_shortages()))
        cs, its, people, cws = day
        caseworkers = caseworkers or cws
        for p in people:
            persons[f"d{d}-{p.id}"] = attrs.evolve(p, id=f"d{d}-{p.id}")
        for c in cs:
            consultations.append(
                attrs.evolve(
                    c,
                    id=f"d{d}-{c.id}",
                    person_id=f"d{d}-{c.person_id}",
                    caseworker_id=caseworkers[0].id
                    if c.caseworker_id not in {cw.id for cw in caseworkers}
                    else c.caseworker_id,
                    window=_moved(c.window, d),
                )
            )
        for i in its:
            languages[i.id].update(i.languages)
            windows[i.id].extend(_moved(w, d) for w in i.availability)
    interpreters = tuple(
        Interpreter(id=i, languages=sorted(languages[i]), availability=windows[i])
        for i in sorted(languages)
    )
    return tuple(consultations), interpreters, persons, caseworkers


def check_same_counts(week: Week) -> None:
    consultations, interpreters, persons, caseworkers = week

    assert counted_by_the_engine(week) == counted_by_the_rule(
        consultations, interpreters, persons, caseworkers
    )


@settings(max_examples=examples(200), deadline=None)
@given(weeks())
def test_the_engine_counts_what_the_rule_books_day_by_day(week: Week) -> None:
    check_same_counts(week)


@pytest.mark.slow
@settings(max_examples=examples(10_000), deadline=None)
@given(weeks())
def test_the_engine_counts_what_the_rule_books_long_run(week: Week) -> None:
    check_same_counts(week)


def test_the_engine_counts_the_bocholt_scenario_as_the_rule() -> None:
    s = bocholt_june_2022()
    persons = {m.person.id: m.person for h in s.caseload.households for m in h.members}

    week: Week = (s.consultations, s.interpreters, persons, s.caseworkers)

    assert counted_by_the_engine(week) == counted_by_the_rule(
        s.consultations, s.interpreters, persons, s.caseworkers
    )


# --- the need, kept by what the rule compares -------------------------------------------

GERMAN = Caseworker(id="cw-1", languages=(LanguageSkill(language="de", level=CefrLevel.NATIVE),))
NINE = TimeWindow(start=at_berlin(2022, 5, 30, 9), end=at_berlin(2022, 5, 30, 10))
ALL_DAY = TimeWindow(start=at_berlin(2022, 5, 30, 8), end=at_berlin(2022, 5, 30, 16))
UKRAINIAN = Interpreter(id="i-1", languages=("uk",), availability=(ALL_DAY,))


def one_consultation(german: CefrLevel | None, on: TimeWindow = NINE) -> Week:
    skills = [LanguageSkill(language="uk", level=CefrLevel.NATIVE)]
    if german is not None:
        skills.append(LanguageSkill(language="de", level=german))
    person = Person(
        id="p-1", birth_date=pendulum.date(1988, 1, 1), sex=Sex.FEMALE, languages=skills
    )
    c = Consultation(
        id="c-1", household_id="h-1", person_id="p-1", caseworker_id="cw-1", window=on,
        language="uk",
    )  # fmt: skip
    return (c,), (UKRAINIAN,), {"p-1": person}, (GERMAN,)


@pytest.mark.parametrize(
    ("german", "needing"),
    [(None, 1), (CefrLevel.A2, 1), (CefrLevel.B1, 0), (CefrLevel.B2, 0)],
)
def test_german_just_below_at_and_above_the_interpreter_level(
    german: CefrLevel | None, needing: int
) -> None:
    """Boundary: B1 German (the default level) needs no interpreter, A2 does."""
    week = one_consultation(german)

    assert counted_by_the_engine(week)[0] == needing
    assert counted_by_the_engine(week) == counted_by_the_rule(*week)


def test_near_twins_in_one_run_each_get_the_rules_answer() -> None:
    """Twins that differ only in their German level, in one run: the kept answers differ."""
    a2, b1 = one_consultation(CefrLevel.A2), one_consultation(CefrLevel.B1)
    twin = attrs.evolve(b1[0][0], id="c-2", person_id="p-2")
    week: Week = (
        (a2[0][0], twin),
        a2[1],
        {"p-1": a2[2]["p-1"], "p-2": attrs.evolve(b1[2]["p-1"], id="p-2")},
        a2[3],
    )

    assert counted_by_the_engine(week)[:2] == (1, 1)
    assert counted_by_the_engine(week) == counted_by_the_rule(*week)


def test_the_level_of_the_day_before_of_and_after_a_change_of_policy() -> None:
    """The level is read on each day: A2 German suffices from 31 May 2022 on, not before."""
    policy = attrs.evolve(
        DEFAULT_POLICY,
        interpreter_level=DEFAULT_POLICY.interpreter_level.change_from(
            pendulum.date(2022, 5, 31), CefrLevel.A2, note="test: A2 from 31 May 2022"
        ),
    )
    days = [_moved(NINE, d) for d in (0, 1, 2)]  # 30 May, 31 May, 1 June
    cs, its, persons, cws = one_consultation(CefrLevel.A2)
    consultations = tuple(
        attrs.evolve(cs[0], id=f"c-{d}", person_id=f"p-{d}", window=w) for d, w in enumerate(days)
    )
    everyone = {f"p-{d}": attrs.evolve(persons["p-1"], id=f"p-{d}") for d in range(3)}
    interpreter = attrs.evolve(its[0], availability=[_moved(ALL_DAY, d) for d in (0, 1, 2)])
    week: Week = (consultations, (interpreter,), everyone, cws)

    assert counted_by_the_engine(week, policy)[0] == 1
    assert counted_by_the_engine(week, policy) == counted_by_the_rule(
        consultations, (interpreter,), everyone, cws, policy
    )


# --- what the rule refuses --------------------------------------------------------------


def test_a_repeated_consultation_id_is_refused_as_the_rule_refuses_it() -> None:
    cs, its, persons, cws = one_consultation(None)
    twice = (cs[0], attrs.evolve(cs[0], window=_moved(NINE, 0)))
    week: Week = (twice, its, persons, cws)

    with pytest.raises(InvalidInput) as by_the_rule:
        counted_by_the_rule(*week)
    with pytest.raises(InvalidInput) as by_the_engine:
        counted_by_the_engine(week)

    assert by_the_engine.value.problems == by_the_rule.value.problems


def test_a_person_with_two_consultations_on_one_day_is_refused_as_by_the_rule() -> None:
    cs, its, persons, cws = one_consultation(None)
    ten = TimeWindow(start=at_berlin(2022, 5, 30, 10), end=at_berlin(2022, 5, 30, 11))
    week: Week = ((cs[0], attrs.evolve(cs[0], id="c-2", window=ten)), its, persons, cws)

    with pytest.raises(InvalidInput) as by_the_rule:
        counted_by_the_rule(*week)
    with pytest.raises(InvalidInput) as by_the_engine:
        counted_by_the_engine(week)

    assert by_the_engine.value.problems == by_the_rule.value.problems


def test_an_unknown_case_worker_is_refused_as_by_the_rule() -> None:
    cs, its, persons, cws = one_consultation(None)
    week: Week = ((attrs.evolve(cs[0], caseworker_id="cw-9"),), its, persons, cws)

    with pytest.raises(InvalidInput) as by_the_rule:
        counted_by_the_rule(*week)
    with pytest.raises(InvalidInput) as by_the_engine:
        counted_by_the_engine(week)

    assert by_the_engine.value.problems == by_the_rule.value.problems


def test_a_prebooked_interpreter_keeps_or_loses_the_consultation_as_by_the_rule() -> None:
    """Two consultations prebooked with one interpreter at once: the earlier keeps it."""
    cs, its, persons, cws = one_consultation(None)
    first = attrs.evolve(cs[0], interpreter_id="i-1")
    second = attrs.evolve(first, id="c-2", person_id="p-2")
    everyone = {**persons, "p-2": attrs.evolve(persons["p-1"], id="p-2")}
    week: Week = ((first, second), its, everyone, cws)

    assert counted_by_the_engine(week)[:2] == (2, 1)
    assert counted_by_the_engine(week) == counted_by_the_rule(*week)


def test_a_person_filed_under_another_id_is_refused_as_by_the_rule() -> None:
    cs, its, persons, cws = one_consultation(None)
    week: Week = (cs, its, {"p-1": attrs.evolve(persons["p-1"], id="p-2")}, cws)

    with pytest.raises(InvalidInput) as by_the_rule:
        counted_by_the_rule(*week)
    with pytest.raises(InvalidInput) as by_the_engine:
        counted_by_the_engine(week)

    assert by_the_engine.value.problems == by_the_rule.value.problems
