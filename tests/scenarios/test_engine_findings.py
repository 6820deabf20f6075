"""
The findings engine (``jobcenter_core.scenarios._findings``) against the readable pair,
``draw_findings`` and ``found_needs``: from the same draws, the same needs profile, the
same subjects registered for the offers, and the same number of draws consumed.

Households come from the library's strategies and from the generator itself; near twins
differ in one fact the draw reads (the day of the 14th, 15th, 18th, 25th or 65th
birthday, the child care, the level of German). A few hundred examples by default,
10,000 in the slow run (``uv run pytest -m slow``).
"""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import examples
from pendulum import Date

from jobcenter_core.households import ChildCare, Household, MaritalStatus, Member
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.needs import Evidence, EvidenceKind, NeedCategory
from jobcenter_core.people import Person, Sex
from jobcenter_core.scenarios import _findings as engine
from jobcenter_core.scenarios._trusted import CHECKED, TRUSTED
from jobcenter_core.scenarios.builder import person_ids
from jobcenter_core.scenarios.draws import Draw
from jobcenter_core.scenarios.findings import (
    ADULT_NEEDS,
    HOUSEHOLD_NEEDS,
    draw_findings,
    found_needs,
)
from jobcenter_core.scenarios.synthetic import draw_household
from jobcenter_core.testing import households

BY = Evidence(kind=EvidenceKind.CONSULTATION, id="c-000001")
SEEDS = st.integers(min_value=0, max_value=10**9) | st.text(max_size=4)
DAYS = st.integers(min_value=0, max_value=1500).map(
    lambda n: pendulum.date(2022, 2, 24).add(days=n)
)


def assert_engine_is_the_readable_pair(seed: int | str, on: Date, household: Household) -> None:
    readable, fast = Draw(seed, on), Draw(seed, on)
    try:
        findings = draw_findings(readable, household)
    except ValueError:  # somebody born after the consultation day
        with pytest.raises(ValueError, match="before 'birth_date'"):
            engine.draw_needs(fast, household)
        return

    found, living_and_working, application = engine.draw_needs(fast, household)

    assert readable.rng.getstate() == fast.rng.getstate()
    assert living_and_working == [
        s for s, c, _ in findings if c is NeedCategory.LIVING_AND_WORKING_IN_GERMANY
    ]
    assert application == [
        s for s, c, _ in findings if c is NeedCategory.APPLICATION_SUPPORT and s != household.id
    ]
    assert bool(found) == bool(findings)
    if not findings:
        return
    expected = found_needs(household.id, findings, on=on, by=BY)
    assert [(s, c, engine._URGENCIES[u]) for s, _, c, u in found] == [
        (n.subject, n.category, n.urgency) for n in expected.needs
    ]
    for make in (CHECKED, TRUSTED):
        made = engine.make_profile(household.id, found, on=on, by=BY, make=make)
        assert type(made) is type(expected)
        assert made == expected
    # made as found_needs makes them: needs of one urgency share one trail
    made = engine.make_profile(household.id, found, on=on, by=BY, make=TRUSTED)
    trails = {n.urgency: n.trail for n in made.needs}
    assert all(n.trail is trails[n.urgency] for n in made.needs)


def _check_strategy_households(data: st.DataObject) -> None:
    household = data.draw(households(id=data.draw(st.sampled_from(["h-0", "m-0", "z"]))))
    assert_engine_is_the_readable_pair(data.draw(SEEDS), data.draw(DAYS), household)


@settings(max_examples=examples(200))
@given(st.data())
def test_the_engine_finds_what_the_readable_draw_finds_in_any_household(
    data: st.DataObject,
) -> None:
    """Any household of the strategies (its id sometimes a member's): the same profile
    from the same draws."""
    _check_strategy_households(data)


@pytest.mark.slow
@settings(max_examples=examples(10_000))
@given(st.data())
def test_the_engine_finds_what_the_readable_draw_finds_in_any_household_long(
    data: st.DataObject,
) -> None:
    """As above, with 10,000 examples."""
    _check_strategy_households(data)


def _check_generated_households(seed: int | str, on: Date, count: int) -> None:
    d = Draw(seed, on)
    next_person = person_ids(7)
    for n in range(count):
        household = draw_household(d, f"h-{n:06d}", next_person, make=TRUSTED)
        assert_engine_is_the_readable_pair(f"{seed}/{n}", on, household)


@settings(max_examples=examples(200))
@given(SEEDS, DAYS, st.integers(min_value=1, max_value=8))
def test_the_engine_finds_what_the_readable_draw_finds_in_generated_households(
    seed: int | str, on: Date, count: int
) -> None:
    """Households as the national run draws them: the same profile from the same draws."""
    _check_generated_households(seed, on, count)


@pytest.mark.slow
@settings(max_examples=examples(10_000))
@given(SEEDS, DAYS, st.integers(min_value=1, max_value=8))
def test_the_engine_finds_what_the_readable_draw_finds_in_generated_households_long(
    seed: int | str, on: Date, count: int
) -> None:
    """As above, with 10,000 examples."""
    _check_generated_households(seed, on, count)


ON = pendulum.date(2024, 2, 29)


def _twin(age: int, offset: int, care: ChildCare | None, german: CefrLevel | None) -> Household:
    """A mother and one more member whose birthday of *age* years is *offset* days from
    the consultation day (29 February 2024)."""
    born = pendulum.date(ON.year - age, 2, 28 if (ON.year - age) % 4 else 29).add(days=offset)
    skills = (LanguageSkill(language="uk", level=CefrLevel.NATIVE),)
    if german is not None:
        skills += (LanguageSkill(language="de", level=german),)
    mother = Person(
        id="p-1", birth_date=pendulum.date(1980, 3, 1), sex=Sex.FEMALE, languages=skills
    )
    other = Person(id="p-2", birth_date=born, sex=Sex.FEMALE, languages=skills)
    return Household(
        id="h-1",
        members=(
            Member(person=mother, marital_status=MaritalStatus.MARRIED, primary_carer=True),
            Member(person=other, child_care=care),
        ),
    )


@pytest.mark.parametrize("age", [14, 15, 18, 25, 65])
@pytest.mark.parametrize("offset", [-1, 0, 1], ids=["day-before", "birthday", "day-after"])
@pytest.mark.parametrize("care", [None, ChildCare.NONE, ChildCare.SCHOOL, ChildCare.KITA])
@pytest.mark.parametrize("german", [None, CefrLevel.A2, CefrLevel.B1])
def test_the_engine_draws_alike_around_the_birthdays_the_draw_compares(
    age: int, offset: int, care: ChildCare | None, german: CefrLevel | None
) -> None:
    """Childcare under 14, the training system from 15 to 24, adults' needs from 18 to
    64, psychosocial support from 65; German unless at B1: the day before, of and after
    the birthday (29 February among them), for many seeds."""
    household = _twin(age, offset, care, german)
    for seed in range(40):
        assert_engine_is_the_readable_pair(seed, ON, household)


def test_no_need_is_found_twice_so_none_is_merged() -> None:
    """The household's categories are not the persons', and no table names a category
    twice: the engine's profile never merges needs (the constructor would)."""
    person_categories = [c for c, _ in ADULT_NEEDS] + [
        NeedCategory.CHILDCARE,
        NeedCategory.VOCATIONAL_TRAINING_SYSTEM,
    ]
    household_categories = [c for c, _ in HOUSEHOLD_NEEDS] + [
        NeedCategory.CHILDREN_LEISURE,
        NeedCategory.SCHOOL_SYSTEM,
    ]

    assert len(set(person_categories)) == len(person_categories)
    assert len(set(household_categories)) == len(household_categories)
    assert not set(person_categories) & set(household_categories)
    assert NeedCategory.PSYCHOSOCIAL_SUPPORT in person_categories  # from 65 as from 18


def test_the_engine_tables_are_the_readable_tables() -> None:
    """The same categories and probabilities, in the same order."""
    assert [(c, p) for c, p, _, _ in engine._ADULT] == list(ADULT_NEEDS)
    assert [(c, p) for c, p, _ in engine._HOUSEHOLD] == list(HOUSEHOLD_NEEDS)
    assert all(rank == c.rank for c, _, rank, _ in engine._ADULT)
