"""Readiness for work as policy: employable, work reasonable, no blocking need."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pendulum
import pytest

from jobcenter_core.households import ChildCare, Household, Member, Relationship, RelationshipKind
from jobcenter_core.needs import Need, NeedCategory, NeedsProfile, Urgency
from jobcenter_core.parameters import DEFAULT_POLICY, Dated, Policy, grundsicherung_2026
from jobcenter_core.people import Person, Sex, WorkCapacity
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


# --- pinned by mutation testing (issue 21) --------------------------------------------------


def _family(
    *, son_born: pendulum.Date, son_care: ChildCare, stepchild: bool = False
) -> tuple[Person, Person, Household]:
    """
    Olena (marked carer) and Taras, married; their son ``p-2``, and with *stepchild*
    Taras's daughter ``p-4`` of 8 at school (his child only).
    """
    olena = Person(
        id="p-1", birth_date=pendulum.date(1990, 5, 4), sex=Sex.FEMALE, work_permitted=True
    )
    taras = Person(
        id="p-3", birth_date=pendulum.date(1987, 8, 1), sex=Sex.MALE, work_permitted=True
    )
    son = Person(id="p-2", birth_date=son_born, sex=Sex.MALE)
    daughter = Person(id="p-4", birth_date=pendulum.date(2014, 2, 2), sex=Sex.FEMALE)
    members = [
        Member(person=olena, primary_carer=True),
        Member(person=taras),
        Member(person=son, child_care=son_care),
    ]
    relationships = [
        Relationship(person="p-3", kind=RelationshipKind.SPOUSE, of="p-1"),
        Relationship(person="p-2", kind=RelationshipKind.CHILD, of="p-1"),
        Relationship(person="p-2", kind=RelationshipKind.CHILD, of="p-3"),
    ]
    if stepchild:
        members.append(Member(person=daughter, child_care=ChildCare.SCHOOL))
        relationships.append(Relationship(person="p-4", kind=RelationshipKind.CHILD, of="p-3"))
    household = Household(id="h-1", members=tuple(members), relationships=tuple(relationships))
    return olena, taras, household


def test_an_acute_need_of_a_child_blocks_the_parent_who_does_not_care_for_the_children(
    need: NeedOf,
) -> None:
    """
    SGB II § 16a Nr. 3: only the children's *childcare* need is left to the caring
    parent; a child's acute psychosocial need blocks either parent.
    """
    _, taras, household = _family(son_born=pendulum.date(2012, 5, 10), son_care=ChildCare.SCHOOL)
    profile = NeedsProfile(
        household_id="h-1",
        needs=[need(NeedCategory.PSYCHOSOCIAL_SUPPORT, subject="p-2", urgency=Urgency.ACUTE)],
    )

    decision = employment_readiness(taras, household, profile, on=JUNE_21)

    assert Readiness.NOT_YET == decision.value
    assert ("special_category_need_blocks_work", "SGB II § 16a") in {
        (r.code, str(r.reference)) for r in decision.reasons
    }


def test_a_parents_own_childcare_need_blocks_that_parent_even_if_not_the_marked_carer(
    need: NeedOf,
) -> None:
    """
    SGB II § 10 Abs. 1 Nr. 3, § 16a Nr. 1: a childcare need recorded on the person is the
    person's own and blocks them, whoever is marked as the children's carer.
    """
    _, taras, household = _family(son_born=pendulum.date(2012, 5, 10), son_care=ChildCare.SCHOOL)
    profile = NeedsProfile(household_id="h-1", needs=[need(NeedCategory.CHILDCARE, subject="p-3")])

    decision = employment_readiness(taras, household, profile, on=JUNE_21)

    assert Readiness.NOT_YET == decision.value
    assert ("childcare_need_blocks_work", "SGB II § 16a Nr. 1") in {
        (r.code, str(r.reference)) for r in decision.reasons
    }


def test_the_childcare_need_of_the_partners_child_blocks_the_marked_carer(need: NeedOf) -> None:
    """
    SGB II § 10 Abs. 1 Nr. 3: the children of the person *or of the partner* count; the
    stepdaughter's open childcare need blocks Olena, the marked carer.
    """
    olena, _, household = _family(
        son_born=pendulum.date(2012, 5, 10), son_care=ChildCare.SCHOOL, stepchild=True
    )
    profile = NeedsProfile(household_id="h-1", needs=[need(NeedCategory.CHILDCARE, subject="p-4")])

    assert Readiness.NOT_YET == employment_readiness(olena, household, profile, on=JUNE_21).value


def test_a_need_that_does_not_block_work_hides_no_later_one_that_does(need: NeedOf) -> None:
    """
    SGB II § 16a: every unmet need is looked at; the household's housing need (which
    does not block work) comes first in the profile, the person's acute need still blocks.
    """
    _, taras, household = _family(son_born=pendulum.date(2012, 5, 10), son_care=ChildCare.SCHOOL)
    profile = NeedsProfile(
        household_id="h-1",
        needs=[
            need(NeedCategory.HOUSING, subject="h-1"),
            need(NeedCategory.PSYCHOSOCIAL_SUPPORT, subject="p-3", urgency=Urgency.ACUTE),
        ],
    )

    assert Readiness.NOT_YET == employment_readiness(taras, household, profile, on=JUNE_21).value


def test_a_childcare_need_left_to_the_carer_hides_no_later_need_that_blocks(
    need: NeedOf,
) -> None:
    """The son's childcare need is Olena's to wait for; the stepdaughter's acute need blocks Taras."""
    _, taras, household = _family(
        son_born=pendulum.date(2012, 5, 10), son_care=ChildCare.SCHOOL, stepchild=True
    )
    profile = NeedsProfile(
        household_id="h-1",
        needs=[
            need(NeedCategory.CHILDCARE, subject="p-2"),
            need(NeedCategory.PSYCHOSOCIAL_SUPPORT, subject="p-4", urgency=Urgency.ACUTE),
        ],
    )

    decision = employment_readiness(taras, household, profile, on=JUNE_21)

    assert Readiness.NOT_YET == decision.value
    assert "childcare_need_of_the_carer" in decision.codes


def test_a_ready_person_is_not_told_that_a_childcare_need_waits_for_the_carer(
    need: NeedOf,
) -> None:
    """Without a childcare need of the children there is nothing left to the carer."""
    _, taras, household = _family(son_born=pendulum.date(2012, 5, 10), son_care=ChildCare.SCHOOL)

    decision = employment_readiness(taras, household, NeedsProfile(household_id="h-1"), on=JUNE_21)

    assert Readiness.READY == decision.value
    assert "childcare_need_of_the_carer" not in decision.codes


def test_the_presumed_carer_is_listed_as_missing_when_a_school_childs_childcare_need_blocks(
    need: NeedOf,
) -> None:
    """
    SGB II § 10 Abs. 1 Nr. 3: with neither parent marked, the parent asked is presumed
    the carer; the son of 10 at school leaves work reasonable, but his open childcare
    need blocks the presumed carer, and the presumption is listed.
    """
    _, taras, household = _family(son_born=pendulum.date(2012, 5, 10), son_care=ChildCare.SCHOOL)
    unmarked = Household(
        id="h-1",
        members=tuple(Member(person=m.person, child_care=m.child_care) for m in household.members),
        relationships=household.relationships,
    )
    profile = NeedsProfile(household_id="h-1", needs=[need(NeedCategory.CHILDCARE, subject="p-2")])

    decision = employment_readiness(taras, unmarked, profile, on=JUNE_21)

    assert Readiness.NOT_YET == decision.value
    assert "primary_carer" in [m.fact for m in decision.missing]


@pytest.mark.parametrize(
    ("policy", "readiness"),
    [(DEFAULT_POLICY, Readiness.NOT_YET), (grundsicherung_2026(DEFAULT_POLICY), Readiness.READY)],
)
def test_readiness_asks_reasonableness_under_the_policy_given(
    policy: Policy, readiness: Readiness
) -> None:
    """
    SGB II § 10 Abs. 1 Nr. 3 as a parameter: the planned 2026 reform makes work reasonable
    once the youngest child has completed its 1st year; Olena's son of 2 has a Kita place.
    """
    olena, _, household = _family(son_born=pendulum.date(2024, 5, 10), son_care=ChildCare.KITA)
    on = pendulum.date(2026, 7, 1)

    decision = employment_readiness(
        olena, household, NeedsProfile(household_id="h-1"), on=on, policy=policy
    )

    assert readiness == decision.value


@pytest.mark.parametrize(
    ("hours", "readiness"), [(3, Readiness.NOT_EMPLOYABLE), (2.5, Readiness.READY)]
)
def test_readiness_asks_employability_under_the_policy_given(
    hours: float, readiness: Readiness
) -> None:
    """
    SGB II § 8 Abs. 1 as a parameter: assessed able to work 2.75 hours a day, she is not
    employable under the default 3 hours, and ready under a policy asking 2.5.
    """
    policy = attrs.evolve(DEFAULT_POLICY, min_daily_work_hours=Dated.always(hours, note="test"))
    assessed = Person(
        id="p-1",
        birth_date=pendulum.date(1990, 5, 4),
        sex=Sex.FEMALE,
        work_permitted=True,
        work_capacity=WorkCapacity(hours_per_day=2.75, assessed_on=pendulum.date(2022, 3, 1)),
    )
    h = Household(id="h-1", members=(Member(person=assessed),))

    decision = employment_readiness(assessed, h, NeedsProfile(household_id="h-1"), on=JUNE_21)
    under_policy = employment_readiness(
        assessed, h, NeedsProfile(household_id="h-1"), on=JUNE_21, policy=policy
    )

    assert Readiness.NOT_EMPLOYABLE == decision.value
    assert readiness == under_policy.value
