"""
The engine behind the coaching stage's parent filter (coaching/_carers.py) against the
readable rule it shortens, :func:`mobility_limited`: the same members care for a child
without a care place, household by household, on any day and under any policy.
"""

from __future__ import annotations

import datetime as _dt

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import examples

from jobcenter_core.coaching import FitAnswers, Mobility, mobility_limited
from jobcenter_core.coaching._carers import carers_without_care_place
from jobcenter_core.households import ChildCare, Household, Member, Relationship, RelationshipKind
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Person, Sex
from jobcenter_core.strategies import households, policies, reference_dates

NOT_ASKED = Mobility(has_transport=None, distance_to_centre_km=None)


def by_the_rule(household: Household, on: _dt.date, policy: Policy) -> set[str]:
    return {
        m.person.id
        for m in household.members
        if "caring_for_child_without_care_place"
        in mobility_limited(m.person, household, on=on, mobility=NOT_ASKED, policy=policy).codes
    }


def by_the_engine(household: Household, on: _dt.date, policy: Policy) -> set[str]:
    below = policy.care_required_below_age.at(on)
    return carers_without_care_place(household, on=on, below=below)


@settings(max_examples=examples(300))
@given(households(), reference_dates(), policies())
def test_the_engine_finds_the_carers_the_readable_rule_finds(
    household: Household, on: pendulum.Date, policy: Policy
) -> None:
    assert by_the_engine(household, on, policy) == by_the_rule(household, on, policy)


@settings(max_examples=examples(300))
@given(households(), policies(), st.data())
def test_the_engine_agrees_with_the_rule_around_the_birthday_a_child_reaches_the_care_age(
    household: Household, policy: Policy, data: st.DataObject
) -> None:
    """The days around a member's birthday at the care age: where an age rule can slip."""
    member = data.draw(st.sampled_from(household.members))
    below = policy.care_required_below_age.at(member.person.birth_date)
    birthday = member.person.birth_date.add(years=below)
    on = birthday.add(days=data.draw(st.integers(min_value=-1, max_value=1)))

    assert by_the_engine(household, on, policy) == by_the_rule(household, on, policy)


@settings(max_examples=examples(300))
@given(st.lists(households(), min_size=1, max_size=3), reference_dates(), policies())
def test_fit_answers_find_the_carers_the_readable_rule_finds(
    drawn: list[Household], on: pendulum.Date, policy: Policy
) -> None:
    """FitAnswers.carers, asked about several households in turn, as the readable rule."""
    kept = FitAnswers()
    for household in [*drawn, *drawn]:
        assert kept.carers(household, on=on, policy=policy) == by_the_rule(household, on, policy)


@pytest.mark.slow
@settings(max_examples=examples(10_000))
@given(households(), reference_dates(), policies())
def test_the_engine_finds_the_carers_the_readable_rule_finds_long_run(
    household: Household, on: pendulum.Date, policy: Policy
) -> None:
    assert by_the_engine(household, on, policy) == by_the_rule(household, on, policy)


@pytest.mark.parametrize(
    ("on", "mother_counts"),
    [
        (pendulum.date(2025, 2, 9), True),  # the day before the child's birthday
        (pendulum.date(2025, 2, 10), False),  # the birthday: the year counts
        (pendulum.date(2025, 2, 11), False),
    ],
)
@pytest.mark.parametrize("marked", [True, False])
def test_a_child_stops_needing_care_on_the_birthday_that_reaches_the_care_age(
    on: pendulum.Date, mother_counts: bool, marked: bool
) -> None:
    below = DEFAULT_POLICY.care_required_below_age.at(on)
    child_born = pendulum.date(2025 - below, 2, 10)
    mother = Person(id="m", birth_date=pendulum.date(1990, 5, 4), sex=Sex.FEMALE)
    father = Person(id="f", birth_date=pendulum.date(1988, 1, 4), sex=Sex.MALE)
    child = Person(id="c", birth_date=child_born, sex=Sex.MALE)
    household = Household(
        id="h-1",
        members=(
            Member(person=mother, primary_carer=marked),
            Member(person=father),
            Member(person=child, child_care=None),
        ),
        relationships=(
            Relationship(person="c", kind=RelationshipKind.CHILD, of="m"),
            Relationship(person="f", kind=RelationshipKind.PARENT, of="c"),
        ),
    )
    expected = ({"m"} if marked else {"m", "f"}) if mother_counts else set()

    assert by_the_engine(household, on, DEFAULT_POLICY) == expected
    assert by_the_rule(household, on, DEFAULT_POLICY) == expected


def test_a_child_with_a_care_place_makes_no_carer() -> None:
    on = pendulum.date(2022, 6, 22)
    mother = Person(id="m", birth_date=pendulum.date(1990, 5, 4), sex=Sex.FEMALE)
    child = Person(id="c", birth_date=pendulum.date(2020, 3, 1), sex=Sex.MALE)
    household = Household(
        id="h-1",
        members=(Member(person=mother), Member(person=child, child_care=ChildCare.KITA)),
        relationships=(Relationship(person="c", kind=RelationshipKind.CHILD, of="m"),),
    )

    assert by_the_engine(household, on, DEFAULT_POLICY) == set()
    assert by_the_rule(household, on, DEFAULT_POLICY) == set()
