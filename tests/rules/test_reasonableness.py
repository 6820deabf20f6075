"""Reasonableness of work as policy: SGB II § 10 Abs. 1 Nr. 3 and 4.

The golden cases of § 10 Abs. 1 Nr. 3 and 4 (child ages, secured care, the caring parent,
relatives, the planned 2026 reform) are data:
``src/jobcenter_core/testing/statute/reasonableness.cases.yaml``. Here: the properties.
"""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pendulum import Date

from jobcenter_core.decisions import LegalReference
from jobcenter_core.errors import InvalidInput
from jobcenter_core.households import (
    CareArrangement,
    ChildCare,
    Household,
    Member,
    Relationship,
    RelationshipKind,
)
from jobcenter_core.parameters import DEFAULT_POLICY
from jobcenter_core.people import Person, Sex
from jobcenter_core.rules import is_the_caring_parent, work_is_reasonable
from jobcenter_core.testing import households, pendulum_dates, policies

D = pendulum.date


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


# --- boundaries pinned by mutation testing (issue 21) ---------------------------------------

ON = D(2022, 6, 21)


def _parent_and_child(
    child_born: Date,
    care: ChildCare | None,
    *,
    parent_id: str = "p-1",
    child_id: str = "p-2",
    carer: bool = False,
) -> tuple[Person, Household]:
    mum = Person(id=parent_id, birth_date=D(1990, 2, 1), sex=Sex.FEMALE)
    child = Person(id=child_id, birth_date=child_born, sex=Sex.MALE)
    h = Household(
        id="h-1",
        members=(Member(person=mum, primary_carer=carer), Member(person=child, child_care=care)),
        relationships=(Relationship(person=child_id, kind=RelationshipKind.CHILD, of=parent_id),),
    )
    return mum, h


@pytest.mark.parametrize(
    ("care", "reasonable", "code"),
    [
        (ChildCare.NONE, False, "child_care_not_secured"),
        (None, False, "child_care_presumed_not_secured"),
        (ChildCare.KITA, True, "child_care_secured"),
    ],
)
def test_care_known_not_to_be_secured_makes_work_unreasonable_like_unknown_care(
    care: ChildCare | None, reasonable: bool, code: str
) -> None:
    """
    SGB II § 10 Abs. 1 Nr. 3: for a child of 5, work is unreasonable while its care is
    not secured, whether that is known or presumed; with a Kita place it is reasonable.
    """
    mum, h = _parent_and_child(D(2017, 3, 3), care)

    decision = work_is_reasonable(mum, h, on=ON)

    assert (reasonable, (code,)) == (decision.value, decision.codes)


@pytest.mark.parametrize(
    ("parent_id", "child_id"), [("p-1", "p-2"), ("p-2", "p-1"), ("mother", "child")]
)
def test_whether_work_is_reasonable_does_not_depend_on_how_ids_are_spelled(
    parent_id: str, child_id: str
) -> None:
    """SGB II § 10 Abs. 1 Nr. 3: every child of the parent counts, whatever its id."""
    mum, h = _parent_and_child(D(2021, 3, 1), None, parent_id=parent_id, child_id=child_id)

    decision = work_is_reasonable(mum, h, on=ON)

    assert (False, ("child_under_age_cared_for",)) == (decision.value, decision.codes)


@pytest.mark.parametrize(
    ("on", "reasonable", "code"),
    [
        (D(2022, 6, 20), True, "no_care_obligations"),
        (D(2022, 6, 21), False, "child_under_age_cared_for"),
        (D(2022, 6, 22), False, "child_under_age_cared_for"),
    ],
)
def test_a_child_born_on_the_day_makes_work_unreasonable_from_that_day(
    on: Date, reasonable: bool, code: str
) -> None:
    """SGB II § 10 Abs. 1 Nr. 3: a child counts from the day of its birth."""
    mum, h = _parent_and_child(D(2022, 6, 21), None)

    decision = work_is_reasonable(mum, h, on=on)

    assert (reasonable, (code,)) == (decision.value, decision.codes)


@pytest.mark.parametrize(
    ("on", "reasonable", "code"),
    [
        (D(2024, 2, 29), False, "child_under_age_cared_for"),
        (D(2024, 3, 1), True, "child_care_secured"),
        (D(2024, 3, 2), True, "child_care_secured"),
    ],
)
def test_a_child_with_a_kita_place_stops_sparing_the_parent_on_its_third_birthday(
    on: Date, reasonable: bool, code: str
) -> None:
    """SGB II § 10 Abs. 1 Nr. 3: under 3 completed years the child needs its parent."""
    mum, h = _parent_and_child(D(2021, 3, 1), ChildCare.KITA)

    decision = work_is_reasonable(mum, h, on=on)

    assert (reasonable, (code,)) == (decision.value, decision.codes)


@pytest.mark.parametrize(
    ("on", "reasonable", "code"),
    [
        (D(2022, 3, 2), False, "child_care_not_secured"),
        (D(2022, 3, 3), True, "child_care_secured"),
        (D(2022, 3, 4), True, "child_care_secured"),
    ],
)
def test_a_child_without_care_stops_sparing_the_parent_on_its_fourteenth_birthday(
    on: Date, reasonable: bool, code: str
) -> None:
    """SGB II § 10 Abs. 1 Nr. 3 (care age 14 in the default policy): born 2008-03-03."""
    mum, h = _parent_and_child(D(2008, 3, 3), ChildCare.NONE)

    decision = work_is_reasonable(mum, h, on=on)

    assert (reasonable, (code,)) == (decision.value, decision.codes)


def _couple_with_baby(*, mother_marked: bool, father_marked: bool) -> Household:
    mum = Person(id="p-1", birth_date=D(1990, 2, 1), sex=Sex.FEMALE)
    dad = Person(id="p-3", birth_date=D(1988, 7, 9), sex=Sex.MALE)
    baby = Person(id="p-2", birth_date=D(2021, 3, 1), sex=Sex.MALE)
    return Household(
        id="h-1",
        members=(
            Member(person=mum, primary_carer=mother_marked),
            Member(person=dad, primary_carer=father_marked),
            Member(person=baby),
        ),
        relationships=(
            Relationship(person="p-3", kind=RelationshipKind.SPOUSE, of="p-1"),
            Relationship(person="p-2", kind=RelationshipKind.CHILD, of="p-1"),
            Relationship(person="p-2", kind=RelationshipKind.CHILD, of="p-3"),
        ),
    )


def test_only_the_parent_marked_as_carer_is_spared_for_a_young_child() -> None:
    """
    SGB II § 10 Abs. 1 Nr. 3: the upbringing spares *one* parent; with the mother marked
    as the carer, work stays reasonable for the father.
    """
    h = _couple_with_baby(mother_marked=True, father_marked=False)
    mum, dad = h.person("p-1"), h.person("p-3")

    assert (False, ("child_under_age_cared_for",)) == (
        work_is_reasonable(mum, h, on=ON).value,
        work_is_reasonable(mum, h, on=ON).codes,
    )
    assert (True, ("partner_cares_for_young_child",)) == (
        work_is_reasonable(dad, h, on=ON).value,
        work_is_reasonable(dad, h, on=ON).codes,
    )


def test_the_partner_of_the_parent_marked_as_carer_of_a_child_without_care_is_told_so() -> None:
    """
    SGB II § 10 Abs. 1 Nr. 3: a five-year-old without a care place spares the mother,
    marked as the carer; for the father work stays reasonable, because the partner cares
    for the child whose care is not secured.
    """
    mum = Person(id="p-1", birth_date=D(1990, 2, 1), sex=Sex.FEMALE)
    dad = Person(id="p-3", birth_date=D(1988, 7, 9), sex=Sex.MALE)
    child = Person(id="p-2", birth_date=D(2017, 3, 3), sex=Sex.MALE)
    h = Household(
        id="h-1",
        members=(
            Member(person=mum, primary_carer=True),
            Member(person=dad),
            Member(person=child, child_care=ChildCare.NONE),
        ),
        relationships=(
            Relationship(person="p-3", kind=RelationshipKind.SPOUSE, of="p-1"),
            Relationship(person="p-2", kind=RelationshipKind.CHILD, of="p-1"),
            Relationship(person="p-2", kind=RelationshipKind.CHILD, of="p-3"),
        ),
    )

    mother, father = work_is_reasonable(mum, h, on=ON), work_is_reasonable(dad, h, on=ON)

    assert (False, ("child_care_not_secured",)) == (mother.value, mother.codes)
    assert (True, ("partner_cares_for_child_without_care",)) == (father.value, father.codes)


def test_with_neither_parent_marked_the_parent_asked_is_presumed_the_carer() -> None:
    """SGB II § 10 Abs. 1 Nr. 3: the presumption is listed as missing."""
    h = _couple_with_baby(mother_marked=False, father_marked=False)

    decision = is_the_caring_parent(h.person("p-3"), h)

    assert (True, ("no_primary_carer_marked",), ["primary_carer"]) == (
        decision.value,
        decision.codes,
        [a.fact for a in decision.missing],
    )


@pytest.mark.parametrize(
    ("carer", "secured_otherwise", "reasonable", "codes"),
    [
        ("p-1", False, False, ("caring_for_relative",)),
        ("p-1", True, True, ("relative_care_secured_otherwise",)),
        ("p-2", False, True, ("no_care_obligations",)),
    ],
)
def test_caring_for_a_relative_makes_work_unreasonable_only_for_the_carer_and_only_when_care_cannot_be_secured_otherwise(
    carer: str, secured_otherwise: bool, reasonable: bool, codes: tuple[str, ...]
) -> None:
    """SGB II § 10 Abs. 1 Nr. 4."""
    me = Person(id="p-1", birth_date=D(1970, 2, 1), sex=Sex.FEMALE)
    sister = Person(id="p-2", birth_date=D(1972, 2, 1), sex=Sex.FEMALE)
    gran = Person(id="p-3", birth_date=D(1940, 2, 1), sex=Sex.FEMALE)
    h = Household(
        id="h-1",
        members=(Member(person=me), Member(person=sister), Member(person=gran)),
        care_arrangements=(
            CareArrangement(carer=carer, cared_for="p-3", secured_otherwise=secured_otherwise),
        ),
    )

    decision = work_is_reasonable(me, h, on=ON)

    assert (reasonable, codes) == (decision.value, decision.codes)


def test_a_child_without_care_on_its_third_birthday_needs_secured_care() -> None:
    """
    SGB II § 10 Abs. 1 Nr. 3: from 3 completed years the child no longer needs its parent
    at home, but its care must be secured; on the 3rd birthday without a place it is not.
    """
    mum, h = _parent_and_child(D(2019, 6, 21), ChildCare.NONE)

    decision = work_is_reasonable(mum, h, on=ON)

    assert (False, ("child_care_not_secured",)) == (decision.value, decision.codes)


def test_an_older_child_listed_first_hides_no_younger_child_without_care() -> None:
    """SGB II § 10 Abs. 1 Nr. 3: every child counts, in whatever order they are listed."""
    mum = Person(id="p-1", birth_date=D(1980, 2, 1), sex=Sex.FEMALE)
    teen = Person(id="p-2", birth_date=D(2006, 1, 1), sex=Sex.MALE)
    small = Person(id="p-3", birth_date=D(2017, 3, 3), sex=Sex.FEMALE)
    h = Household(
        id="h-1",
        members=(
            Member(person=mum),
            Member(person=teen, child_care=ChildCare.NONE),
            Member(person=small, child_care=ChildCare.NONE),
        ),
        relationships=(
            Relationship(person="p-2", kind=RelationshipKind.CHILD, of="p-1"),
            Relationship(person="p-3", kind=RelationshipKind.CHILD, of="p-1"),
        ),
    )

    decision = work_is_reasonable(mum, h, on=ON)

    assert (False, ("child_care_not_secured",)) == (decision.value, decision.codes)


def test_the_reason_states_the_ages_for_which_care_must_be_secured() -> None:
    """SGB II § 10 Abs. 1 Nr. 3 with the local care age 14: children aged 3 to 13."""
    mum, h = _parent_and_child(D(2017, 3, 3), ChildCare.NONE)

    (reason,) = work_is_reasonable(mum, h, on=ON).reasons

    assert "aged 3 to 13 years" in reason.message


def test_a_relative_cared_for_by_someone_else_listed_first_hides_no_care_of_ones_own() -> None:
    """SGB II § 10 Abs. 1 Nr. 4: every care arrangement of the person counts."""
    me = Person(id="p-1", birth_date=D(1970, 2, 1), sex=Sex.FEMALE)
    sister = Person(id="p-2", birth_date=D(1972, 2, 1), sex=Sex.FEMALE)
    gran = Person(id="p-3", birth_date=D(1940, 2, 1), sex=Sex.FEMALE)
    grandad = Person(id="p-4", birth_date=D(1938, 2, 1), sex=Sex.MALE)
    h = Household(
        id="h-1",
        members=(
            Member(person=me),
            Member(person=sister),
            Member(person=gran),
            Member(person=grandad),
        ),
        care_arrangements=(
            CareArrangement(carer="p-2", cared_for="p-3", secured_otherwise=False),
            CareArrangement(carer="p-1", cared_for="p-4", secured_otherwise=False),
        ),
    )

    decision = work_is_reasonable(me, h, on=ON)

    assert (False, ("caring_for_relative",)) == (decision.value, decision.codes)


_YOUNG_REF = LegalReference(law="SGB II", section="10", paragraph="1", sentence="1", number="3")
_CARE_REF = LegalReference(law="KiföG NRW", section="1")
_DATED = attrs.evolve(
    DEFAULT_POLICY,
    reasonable_child_age=DEFAULT_POLICY.reasonable_child_age.change_from(
        D(2026, 7, 1), 1, reference=_YOUNG_REF
    ),
    care_required_below_age=DEFAULT_POLICY.care_required_below_age.change_from(
        D(2026, 7, 1), 12, reference=_CARE_REF
    ),
)


@pytest.mark.parametrize(
    ("born", "care", "on", "expected"),
    [
        (
            D(2025, 1, 1),
            None,
            D(2026, 6, 30),
            ("child_under_age_cared_for", "SGB II § 10 Abs. 1 Nr. 3"),
        ),
        (D(2025, 1, 1), ChildCare.NONE, D(2026, 7, 1), ("child_care_not_secured", "KiföG NRW § 1")),
        (D(2025, 1, 1), ChildCare.KITA, D(2026, 7, 1), ("child_care_secured", "KiföG NRW § 1")),
        (D(2024, 1, 1), None, D(2026, 7, 1), ("child_care_presumed_not_secured", "KiföG NRW § 1")),
        (
            D(2013, 1, 1),
            ChildCare.NONE,
            D(2026, 6, 30),
            ("child_care_not_secured", "SGB II § 10 Abs. 1 Nr. 3"),
        ),
        (D(2013, 1, 1), ChildCare.NONE, D(2026, 7, 1), ("child_care_secured", "KiföG NRW § 1")),
        (
            D(2026, 1, 1),
            None,
            D(2026, 7, 1),
            ("child_under_age_cared_for", "SGB II § 10 Abs. 1 S. 1 Nr. 3"),
        ),
    ],
)
def test_the_ages_and_the_law_in_force_on_the_day_decide_and_are_cited(
    born: Date, care: ChildCare | None, on: Date, expected: tuple[str, str]
) -> None:
    """
    SGB II § 10 Abs. 1 Nr. 3 as dated parameters: from 2026-07-01 this policy spares a
    parent only for a child under 1 and asks secured care only up to 11 (citing a Land
    law); each reason cites the rule in force on the day.
    """
    mum, h = _parent_and_child(born, care)

    (reason,) = work_is_reasonable(mum, h, on=on, policy=_DATED).reasons

    assert expected == (reason.code, str(reason.reference))


def test_the_marked_carer_and_the_partner_are_told_who_cares() -> None:
    """SGB II § 10 Abs. 1 Nr. 3: one parent, the marked one, is the caring parent."""
    h = _couple_with_baby(mother_marked=True, father_marked=False)

    mum = is_the_caring_parent(h.person("p-1"), h)
    dad = is_the_caring_parent(h.person("p-3"), h)

    assert (True, ("marked_primary_carer",)) == (mum.value, mum.codes)
    assert (False, ("partner_marked_primary_carer",)) == (dad.value, dad.codes)


def test_asking_about_someone_outside_the_household_names_the_field() -> None:
    """Bad input names the field: the person must be a member of the household."""
    _, h = _parent_and_child(D(2017, 3, 3), ChildCare.KITA)
    stranger = Person(id="p-9", birth_date=D(1980, 1, 1), sex=Sex.MALE)

    with pytest.raises(InvalidInput, match=r"\n  \$\.person\.id: "):
        work_is_reasonable(stranger, h, on=ON)
    with pytest.raises(InvalidInput, match=r"\n  \$\.person\.id: "):
        is_the_caring_parent(stranger, h)
