"""Reasonableness of work as policy: SGB II § 10 Abs. 1 Nr. 3 and 4."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pendulum import Date

from jobcenter_core.households import (
    CareArrangement,
    ChildCare,
    Household,
    Member,
    Relationship,
    RelationshipKind,
)
from jobcenter_core.parameters import DEFAULT_POLICY, grundsicherung_2026
from jobcenter_core.people import Person, Sex
from jobcenter_core.rules import is_the_caring_parent, work_is_reasonable
from jobcenter_core.testing import households, pendulum_dates, policies

D = pendulum.date
Refugee = Callable[..., Person]
Build = Callable[..., Household]
ChildOf = Callable[..., tuple[Relationship, ...]]
Spouses = Callable[[str, str], Relationship]


# --- § 10: reasonableness ------------------------------------------------------------------


def test_child_under_three_makes_work_unreasonable_for_one_parent(
    refugee: Refugee, household: Build, child_of: ChildOf, spouses: Spouses
) -> None:
    """SGB II § 10 Abs. 1 Nr. 3: one caring parent is exempt, not both."""
    mum = Member(person=refugee("m", D(1990, 1, 1)), primary_carer=True)
    dad = Member(person=refugee("f", D(1989, 1, 1), sex=Sex.MALE))
    baby = Member(person=refugee("b", D(2021, 3, 1), registered_on=None))
    h = household(mum, dad, baby, relationships=(spouses("m", "f"), child_of("b", "m", "f")))

    for_mum = work_is_reasonable(mum.person, h, on=D(2022, 6, 21))
    for_dad = work_is_reasonable(dad.person, h, on=D(2022, 6, 21))

    assert (False, True) == (for_mum.value, for_dad.value)
    assert "partner_cares_for_young_child" in for_dad.codes


def test_single_parent_of_a_child_under_three_is_exempt(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """SGB II § 10 Abs. 1 Nr. 3: a sole parent is the caring parent."""
    mum = refugee("m", D(1990, 1, 1))
    baby = refugee("b", D(2021, 3, 1), registered_on=None)
    h = household(mum, baby, relationships=child_of("b", "m"))

    decision = work_is_reasonable(mum, h, on=D(2022, 6, 21))

    assert decision.value is False
    assert () == decision.missing


def test_two_parents_without_a_designated_carer_presume_the_person_asked(
    refugee: Refugee, household: Build, child_of: ChildOf, spouses: Spouses
) -> None:
    """SGB II § 10 Abs. 1 Nr. 3: the carer is unknown, so the person asked is presumed."""
    mum, dad = refugee("m", D(1990, 1, 1)), refugee("f", D(1989, 1, 1), sex=Sex.MALE)
    baby = refugee("b", D(2021, 3, 1), registered_on=None)
    h = household(mum, dad, baby, relationships=(spouses("m", "f"), child_of("b", "m")))

    decision = work_is_reasonable(dad, h, on=D(2022, 6, 21))

    assert decision.value is False
    assert ["primary_carer"] == [a.fact for a in decision.missing]


def test_third_birthday_ends_the_exemption_when_care_is_secured(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """SGB II § 10 Abs. 1 Nr. 3: from 3 completed years, secured care makes work reasonable."""
    mum = refugee("m", D(1990, 1, 1))
    kid = Member(person=refugee("c", D(2019, 6, 21), registered_on=None), child_care=ChildCare.KITA)
    h = household(mum, kid, relationships=child_of("c", "m"))

    before = work_is_reasonable(mum, h, on=D(2022, 6, 20))
    birthday = work_is_reasonable(mum, h, on=D(2022, 6, 21))

    assert (False, True) == (before.value, birthday.value)
    assert "child_care_secured" in birthday.codes


def test_child_over_three_without_care_makes_work_unreasonable(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """SGB II § 10 Abs. 1 Nr. 3: reasonable only 'soweit die Betreuung sichergestellt ist'."""
    mum = refugee("m", D(1990, 1, 1))
    kid = Member(person=refugee("c", D(2017, 6, 21), registered_on=None), child_care=ChildCare.NONE)
    h = household(mum, kid, relationships=child_of("c", "m"))

    decision = work_is_reasonable(mum, h, on=D(2022, 6, 21))

    assert decision.value is False
    assert "child_care_not_secured" in decision.codes


def test_unknown_care_of_a_school_child_is_presumed_not_secured(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """An unknown care arrangement is presumed missing, and said so."""
    mum = refugee("m", D(1990, 1, 1))
    kid = refugee("c", D(2014, 6, 21), registered_on=None)
    h = household(mum, kid, relationships=child_of("c", "m"))

    decision = work_is_reasonable(mum, h, on=D(2022, 6, 21))

    assert decision.value is False
    assert ["child_care"] == [a.fact for a in decision.missing]


def test_teenager_needs_no_secured_care(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """From 14 years (local parameter) a child's care no longer limits a parent's work."""
    mum = refugee("m", D(1980, 1, 1))
    kid = refugee("c", D(2008, 6, 21), registered_on=None)
    h = household(mum, kid, relationships=child_of("c", "m"))

    assert work_is_reasonable(mum, h, on=D(2022, 6, 21)).value is True


def test_partners_child_counts_like_ones_own(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """SGB II § 10 Abs. 1 Nr. 3: 'des Kindes ihrer Partnerin oder ihres Partners'."""
    mum, step = refugee("m", D(1990, 1, 1)), refugee("s", D(1985, 1, 1), sex=Sex.MALE)
    baby = refugee("b", D(2021, 3, 1), registered_on=None)
    h = household(
        step,
        mum,
        baby,
        relationships=(
            Relationship(person="s", kind=RelationshipKind.RESPONSIBILITY_COMMUNITY, of="m"),
            child_of("b", "m"),
        ),
    )

    decision = work_is_reasonable(step, h, on=D(2022, 6, 21))

    assert decision.value is False


def test_caring_for_a_relative_that_cannot_be_secured_otherwise_is_a_reason(
    refugee: Refugee, household: Build
) -> None:
    """SGB II § 10 Abs. 1 Nr. 4."""
    carer, gran = refugee("m", D(1980, 1, 1)), refugee("g", D(1945, 1, 1))
    cared = household(
        carer,
        gran,
        care_arrangements=[CareArrangement(carer="m", cared_for="g", secured_otherwise=False)],
    )
    secured = household(
        carer,
        gran,
        care_arrangements=[CareArrangement(carer="m", cared_for="g", secured_otherwise=True)],
    )

    assert work_is_reasonable(carer, cared, on=D(2022, 6, 21)).value is False
    assert work_is_reasonable(carer, secured, on=D(2022, 6, 21)).value is True


def test_person_without_care_duties_may_reasonably_work(refugee: Refugee, household: Build) -> None:
    """SGB II § 10 Abs. 1: every work is reasonable unless an exception applies."""
    p = refugee("p", D(1980, 1, 1))

    decision = work_is_reasonable(p, household(p), on=D(2022, 6, 21))

    assert decision.value is True
    assert ("no_care_obligations",) == decision.codes


def test_grundsicherung_reform_lowers_the_child_age_to_one_from_july_2026(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """Planned 13th amendment: from 2026-07-01 a child of 1 with care secured suffices."""
    reformed = grundsicherung_2026(DEFAULT_POLICY)
    mum = refugee("m", D(1990, 1, 1))
    kid = Member(person=refugee("c", D(2024, 9, 1), registered_on=None), child_care=ChildCare.KITA)
    h = household(mum, kid, relationships=child_of("c", "m"))

    before = work_is_reasonable(mum, h, on=D(2026, 6, 30), policy=reformed)
    after = work_is_reasonable(mum, h, on=D(2026, 7, 1), policy=reformed)
    default = work_is_reasonable(mum, h, on=D(2026, 7, 1))

    assert (False, True, False) == (before.value, after.value, default.value)


# --- boundaries the law names ---------------------------------------------------------------


def test_child_born_on_29_february_completes_three_years_with_28_february(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """SGB II § 10 Abs. 1 Nr. 3, BGB § 188 Abs. 3: born 2020-02-29, the 3rd year ends with
    2023-02-28; with a Kita place work is reasonable from 1 March."""
    mum = refugee("m", D(1990, 1, 1))
    kid = Member(person=refugee("c", D(2020, 2, 29), registered_on=None), child_care=ChildCare.KITA)
    h = household(mum, kid, relationships=child_of("c", "m"))

    eve = work_is_reasonable(mum, h, on=D(2023, 2, 28))
    first_of_march = work_is_reasonable(mum, h, on=D(2023, 3, 1))

    assert (False, True) == (eve.value, first_of_march.value)


@pytest.mark.parametrize(
    ("on", "reasonable"), [(D(2022, 5, 31), False), (D(2022, 6, 1), True), (D(2022, 6, 2), True)]
)
def test_child_born_on_the_1st_of_june_2019_completes_three_years_as_section_74_starts(
    refugee: Refugee, household: Build, child_of: ChildOf, on: Date, reasonable: bool
) -> None:
    """SGB II § 10 Abs. 1 Nr. 3 counts the child's years, not the § 74 switch: born on
    2019-06-01, the 3rd year ends with 2022-05-31."""
    mum = refugee("m", D(1990, 1, 1))
    kid = Member(person=refugee("c", D(2019, 6, 1), registered_on=None), child_care=ChildCare.KITA)
    h = household(mum, kid, relationships=child_of("c", "m"))

    decision = work_is_reasonable(mum, h, on=on)

    assert reasonable == decision.value


# --- properties ---------------------------------------------------------------------------------


@given(data=st.data())
def test_reasonableness_decisions_are_deterministic(data: st.DataObject) -> None:
    """Equal inputs give equal reasonableness decisions."""
    h = data.draw(households())
    member = data.draw(st.sampled_from(h.members)).person
    latest = max(m.person.birth_date for m in h.members)
    on = data.draw(pendulum_dates(max(latest, D(2021, 1, 1)), D(2030, 12, 31)))
    policy = data.draw(policies())

    first = work_is_reasonable(member, h, on=on, policy=policy)
    second = work_is_reasonable(member, attrs.evolve(h), on=on, policy=policy)

    assert first == second


def test_a_sole_parent_is_the_caring_parent() -> None:
    """§ 10 Abs. 1 Nr. 3: with no partner in the household, the parent is the one who cares."""
    mum = Person(id="m", birth_date=pendulum.date(1990, 2, 1), sex=Sex.FEMALE)
    baby = Person(id="b", birth_date=pendulum.date(2021, 3, 1), sex=Sex.MALE)
    household = Household(
        id="h",
        members=(Member(person=mum), Member(person=baby)),
        relationships=(Relationship(person="b", kind=RelationshipKind.CHILD, of="m"),),
    )

    decision = is_the_caring_parent(mum, household)

    assert (True, ("sole_parent",), ()) == (decision.value, decision.codes, decision.missing)
