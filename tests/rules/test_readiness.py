"""Readiness for work as policy: employable, work reasonable, no blocking need."""

from __future__ import annotations

from collections.abc import Callable

import pendulum

from jobcenter_core.households import ChildCare, Household
from jobcenter_core.needs import Need, NeedCategory, NeedsProfile, Urgency
from jobcenter_core.people import Person
from jobcenter_core.rules import Readiness, employment_readiness

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
