"""Readiness for work as policy: employable, work reasonable, no blocking need."""

from __future__ import annotations

from collections.abc import Callable

import pendulum
import pytest

from jobcenter_core.households import ChildCare, Household, Member, Relationship, RelationshipKind
from jobcenter_core.needs import Need, NeedCategory, NeedsProfile, Urgency
from jobcenter_core.people import Person, Sex
from jobcenter_core.rules import Readiness, employment_readiness, work_is_reasonable

JUNE_21 = pendulum.date(2022, 6, 21)
NeedOf = Callable[..., Need]
Mother = Callable[..., Person]
Single = Callable[[Person], Household]
WithChild = Callable[[Person, pendulum.Date, ChildCare], Household]


def test_employable_person_without_blocking_needs_is_ready(
    need: NeedOf, mother: Mother, single: Single
) -> None:
    """Employable, work reasonable, only non-blocking needs: ready."""
    profile = NeedsProfile(household_id="h-1", needs=[need(NeedCategory.GERMAN_LANGUAGE)])

    decision = employment_readiness(mother(), single(mother()), profile, on=JUNE_21)

    assert Readiness.READY == decision.value
    assert "no_blocking_needs" in decision.codes


def test_child_is_not_employable(mother: Mother, single: Single) -> None:
    """A 12-year-old is not employable (§ 8 with § 7 SGB II), whatever the needs."""
    child = mother(birth_date=pendulum.date(2010, 1, 1))

    decision = employment_readiness(
        child, single(child), NeedsProfile(household_id="h-1"), on=JUNE_21
    )

    assert Readiness.NOT_EMPLOYABLE == decision.value


def test_mother_of_a_toddler_without_care_is_not_yet_ready(
    mother: Mother, with_child: WithChild
) -> None:
    """§ 10 Abs. 1 Nr. 3: a child under 3 makes work unreasonable for the caring parent."""
    household = with_child(mother(), pendulum.date(2021, 3, 1), ChildCare.NONE)

    decision = employment_readiness(
        mother(), household, NeedsProfile(household_id="h-1"), on=JUNE_21
    )

    assert Readiness.NOT_YET == decision.value


def test_open_childcare_need_of_the_child_blocks_the_parent(
    need: NeedOf, mother: Mother, with_child: WithChild
) -> None:
    """A childcare need recorded on the child blocks the parent's readiness."""
    household = with_child(mother(), pendulum.date(2015, 3, 1), ChildCare.SCHOOL)
    profile = NeedsProfile(household_id="h-1", needs=[need(NeedCategory.CHILDCARE, subject="p-2")])

    decision = employment_readiness(mother(), household, profile, on=JUNE_21)

    assert (Readiness.NOT_YET, True) == (
        decision.value,
        "childcare_need_blocks_work" in decision.codes,
    )


def test_acute_psychosocial_need_blocks_readiness_without_naming_it(
    need: NeedOf, mother: Mother, single: Single
) -> None:
    """The reason says a special-category need blocks work, never which one."""
    profile = NeedsProfile(
        household_id="h-1",
        needs=[need(NeedCategory.PSYCHOSOCIAL_SUPPORT, urgency=Urgency.ACUTE)],
    )

    decision = employment_readiness(mother(), single(mother()), profile, on=JUNE_21)

    assert Readiness.NOT_YET == decision.value
    assert "special_category_need_blocks_work" in decision.codes
    assert "sychosocial" not in decision.explain() + repr(decision)


# --- one § 10 answer: the caring parent --------------------------------------------------


def _parents_of_a_two_year_old(*, mother_marked: bool) -> tuple[Person, Person, Household]:
    """Olena and Taras, married; their son born 2020-05-10 has no Kita place yet."""
    olena = Person(
        id="p-1", birth_date=pendulum.date(1990, 5, 4), sex=Sex.FEMALE, work_permitted=True
    )
    taras = Person(
        id="p-3", birth_date=pendulum.date(1987, 8, 1), sex=Sex.MALE, work_permitted=True
    )
    son = Person(id="p-2", birth_date=pendulum.date(2020, 5, 10), sex=Sex.MALE)
    household = Household(
        id="h-1",
        members=(
            Member(person=olena, primary_carer=mother_marked),
            Member(person=taras),
            Member(person=son, child_care=ChildCare.NONE),
        ),
        relationships=(
            Relationship(person="p-3", kind=RelationshipKind.SPOUSE, of="p-1"),
            Relationship(person="p-2", kind=RelationshipKind.CHILD, of="p-1"),
            Relationship(person="p-2", kind=RelationshipKind.CHILD, of="p-3"),
        ),
    )
    return olena, taras, household


def test_the_childcare_need_of_the_child_does_not_block_the_parent_who_does_not_care(
    need: NeedOf,
) -> None:
    """§ 10 Abs. 1 Nr. 3 spares one parent: with the mother marked as carer, the father is ready."""
    _, taras, household = _parents_of_a_two_year_old(mother_marked=True)
    profile = NeedsProfile(household_id="h-1", needs=[need(NeedCategory.CHILDCARE, subject="p-2")])

    decision = employment_readiness(taras, household, profile, on=JUNE_21)

    assert Readiness.READY == decision.value
    assert "childcare_need_blocks_work" not in decision.codes
    assert "childcare_need_of_the_carer" in decision.codes


def test_the_childcare_need_of_the_child_blocks_the_marked_carer(need: NeedOf) -> None:
    """The mother marked as the caring parent is not yet ready while the child has no place."""
    olena, _, household = _parents_of_a_two_year_old(mother_marked=True)
    profile = NeedsProfile(household_id="h-1", needs=[need(NeedCategory.CHILDCARE, subject="p-2")])

    decision = employment_readiness(olena, household, profile, on=JUNE_21)

    assert Readiness.NOT_YET == decision.value
    assert "childcare_need_blocks_work" in decision.codes


@pytest.mark.parametrize("parent", ["p-1", "p-3"])
def test_with_no_carer_marked_each_parent_asked_is_presumed_the_carer(
    need: NeedOf, parent: str
) -> None:
    """Neither marked: whoever is asked is presumed to care, and the decision says so."""
    olena, taras, household = _parents_of_a_two_year_old(mother_marked=False)
    person = olena if parent == "p-1" else taras
    profile = NeedsProfile(household_id="h-1", needs=[need(NeedCategory.CHILDCARE, subject="p-2")])

    decision = employment_readiness(person, household, profile, on=JUNE_21)

    assert Readiness.NOT_YET == decision.value
    assert ["primary_carer"] == [m.fact for m in decision.missing if m.fact == "primary_carer"]


@pytest.mark.parametrize("mother_marked", [True, False])
@pytest.mark.parametrize("parent", ["p-1", "p-3"])
def test_readiness_and_reasonableness_agree_on_who_cares(
    need: NeedOf, parent: str, mother_marked: bool
) -> None:
    """A parent whom work_is_reasonable spares is never held back by the children's care."""
    olena, taras, household = _parents_of_a_two_year_old(mother_marked=mother_marked)
    person = olena if parent == "p-1" else taras
    profile = NeedsProfile(household_id="h-1", needs=[need(NeedCategory.CHILDCARE, subject="p-2")])

    reasonable = work_is_reasonable(person, household, on=JUNE_21)
    ready = employment_readiness(person, household, profile, on=JUNE_21)

    assert reasonable.value == (Readiness.READY == ready.value)
