"""The benefit unit as policy: SGB II § 7 Abs. 3 Nr. 1 to 4.

The golden cases of § 7 Abs. 3 (partners, children under 25, separate units, the § 74
switch, the age limit) are data:
``src/jobcenter_core/testing/statute/benefit_unit.cases.yaml``. Here: privacy, input
errors and the properties.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pendulum import Date

from jobcenter_core.errors import InvalidInput
from jobcenter_core.households import (
    Household,
    Member,
    Relationship,
    RelationshipKind,
)
from jobcenter_core.people import Person, Sex, WorkCapacity
from jobcenter_core.rules import benefit_unit, benefit_units, is_employable
from jobcenter_core.testing import households, pendulum_dates, policies

D = pendulum.date
Refugee = Callable[..., Person]
Build = Callable[..., Household]
ChildOf = Callable[..., tuple[Relationship, ...]]


# --- § 7 Abs. 3: the benefit unit ------------------------------------------------------------


def test_unit_reasons_name_members_by_id_only(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """Reasons carry ids, never names or birth dates."""
    mum = refugee("m", D(1980, 4, 2), name="Olena")
    kid = refugee("c", D(1997, 6, 20), name="Taras")
    h = household(mum, kid, relationships=child_of("c", "m"))

    text = benefit_unit(h, on=D(2022, 6, 21)).explain()

    assert "Olena" not in text and "Taras" not in text
    assert "1980" not in text and "1997" not in text


def test_unit_of_an_unknown_member_is_an_input_error(refugee: Refugee, household: Build) -> None:
    """An id that is not a member is reported with its path."""
    h = household(refugee("m", D(1980, 4, 2)))

    with pytest.raises(InvalidInput) as caught:
        benefit_unit(h, on=D(2022, 6, 21), member_id="nobody")

    assert ["$.member_id"] == [p.path for p in caught.value.problems]


# --- properties ---------------------------------------------------------------------------------


def _born_by(day: Date) -> st.SearchStrategy[Date]:
    return pendulum_dates(max(day, D(2021, 1, 1)), D(2030, 12, 31))


@given(data=st.data())
def test_benefit_unit_of_an_employable_member_contains_that_member(data: st.DataObject) -> None:
    """SGB II § 7 Abs. 3 Nr. 1: each employable member belongs to their own unit."""
    h = data.draw(households())
    on = data.draw(_born_by(max(m.person.birth_date for m in h.members)))

    for m in h.members:
        if is_employable(m.person, on=on).value:
            assert m.id in benefit_unit(h, on=on, member_id=m.id).value


@given(data=st.data())
def test_benefit_units_are_disjoint_and_hold_only_members(data: st.DataObject) -> None:
    """SGB II § 7 Abs. 3: nobody belongs to two units."""
    h = data.draw(households())
    on = data.draw(_born_by(h.members[0].person.birth_date))

    units = benefit_units(h, on=on).value

    seen: list[str] = [mid for unit in units for mid in unit]
    assert len(seen) == len(set(seen))
    assert set(seen) <= set(h.member_ids)


@given(data=st.data())
def test_units_do_not_depend_on_the_order_of_relationships(data: st.DataObject) -> None:
    """The same facts in another order give the same units."""
    h = data.draw(households())
    on = data.draw(_born_by(h.members[0].person.birth_date))
    shuffled = attrs.evolve(h, relationships=data.draw(st.permutations(h.relationships)))

    assert set(benefit_units(h, on=on).value) == set(benefit_units(shuffled, on=on).value)


@given(data=st.data())
def test_unit_decisions_are_deterministic(data: st.DataObject) -> None:
    """Equal inputs give equal unit decisions."""
    h = data.draw(households())
    on = data.draw(_born_by(max(m.person.birth_date for m in h.members)))
    policy = data.draw(policies())

    first = benefit_units(h, on=on, policy=policy)
    second = benefit_units(attrs.evolve(h), on=on, policy=policy)

    assert first == second


@pytest.mark.parametrize("reverse", [False, True])
def test_a_child_of_separated_parents_both_marked_carers_joins_the_first_parent_in_household_order(
    reverse: bool,
) -> None:
    """§ 7 Abs. 3 Nr. 4: two marked carers in two units: the first member's unit, presumed."""
    mum = Person(id="m-0", birth_date=pendulum.date(1993, 1, 1), sex=Sex.FEMALE)
    dad = Person(id="m-1", birth_date=pendulum.date(1990, 1, 1), sex=Sex.MALE)
    child = Person(id="m-2", birth_date=pendulum.date(2016, 1, 1), sex=Sex.FEMALE)
    relationships = (
        Relationship(person="m-1", kind=RelationshipKind.SEPARATED_SPOUSE, of="m-0"),
        Relationship(person="m-2", kind=RelationshipKind.CHILD, of="m-0"),
        Relationship(person="m-2", kind=RelationshipKind.CHILD, of="m-1"),
    )
    household = Household(
        id="h",
        members=(
            Member(person=mum, primary_carer=True),
            Member(person=dad, primary_carer=True),
            Member(person=child),
        ),
        relationships=relationships[::-1] if reverse else relationships,
    )

    units = benefit_units(household, on=pendulum.date(2022, 6, 21))

    assert {frozenset({"m-0", "m-2"}), frozenset({"m-1"})} == set(units.value)
    assert "m-2.household_of_child" in [m.fact for m in units.missing]


# --- boundaries pinned by mutation testing (issue 21) ---------------------------------------


@pytest.mark.parametrize(
    ("on", "unit"),
    [
        (D(2023, 1, 30), {"p-1"}),
        (D(2023, 1, 31), {"p-1"}),
        (D(2023, 2, 1), set()),
    ],
)
def test_a_member_stays_in_the_unit_to_the_last_day_of_the_month_the_age_limit_is_reached(
    refugee: Refugee, household: Build, on: Date, unit: set[str]
) -> None:
    """
    SGB II § 7a with § 7 Abs. 3 Nr. 1: born 1957-02-15, the limit is 65 years and 11
    months, completed in January 2023; she is employable, so a unit, to 2023-01-31.
    """
    h = household(refugee("p-1", D(1957, 2, 15)))

    assert unit == set(benefit_unit(h, on=on).value)


@pytest.mark.parametrize(
    ("on", "unit"),
    [
        (D(2022, 6, 20), {"p-1"}),
        (D(2022, 6, 21), {"p-1", "p-2"}),
        (D(2022, 6, 22), {"p-1", "p-2"}),
    ],
)
def test_a_child_born_on_the_day_joins_the_parents_unit_that_day(
    refugee: Refugee, household: Build, child_of: ChildOf, on: Date, unit: set[str]
) -> None:
    """SGB II § 7 Abs. 3 Nr. 4: a child is a member from the day of its birth."""
    h = household(
        refugee("p-1", D(1990, 5, 5)),
        refugee("p-2", D(2022, 6, 21), registered_on=None),
        relationships=[child_of("p-2", "p-1")],
    )

    assert unit == set(benefit_unit(h, on=on).value)


@pytest.mark.parametrize(
    ("on", "unit"),
    [
        (D(2022, 5, 31), set()),
        (D(2022, 6, 1), {"p-1"}),
        (D(2022, 6, 2), {"p-1"}),
    ],
)
def test_a_section_24_holder_without_a_work_permission_forms_a_unit_from_the_day_section_74_applies(
    refugee: Refugee, household: Build, on: Date, unit: set[str]
) -> None:
    """
    SGB II § 8 Abs. 2 with § 74 Abs. 1 S. 2: before 2022-06-01 a foreigner whose
    employment is not permitted is not employable, so forms no unit; from then the § 24
    group needs no permission.
    """
    h = household(refugee("p-1", D(1990, 5, 5), work_permitted=False))

    assert unit == set(benefit_unit(h, on=on).value)


def test_a_foreigner_permitted_to_work_forms_a_unit_and_one_not_permitted_does_not(
    household: Build,
) -> None:
    """SGB II § 8 Abs. 2 with § 7 Abs. 3 Nr. 1: without a § 24 document the permission decides."""
    on = D(2022, 6, 21)

    def alone(permitted: bool) -> set[str]:
        p = Person(id="p-1", birth_date=D(1990, 5, 5), sex=Sex.MALE, work_permitted=permitted)
        return set(benefit_unit(household(p), on=on).value)

    assert {"p-1"} == alone(True)
    assert set() == alone(False)


@pytest.mark.parametrize("carer_listed_first", [True, False])
def test_a_child_of_parents_in_different_units_joins_the_unit_of_the_one_marked_carer(
    refugee: Refugee, household: Build, child_of: ChildOf, carer_listed_first: bool
) -> None:
    """
    SGB II § 7 Abs. 3 Nr. 4: a child whose separated parents both form a unit belongs
    to the unit of the parent who cares for it, wherever that parent is listed; only
    the member marked ``primary_carer`` is that parent.
    """
    mother = Member(person=refugee("p-1", D(1990, 5, 5)), primary_carer=True)
    father = Member(person=refugee("p-3", D(1988, 1, 9), sex=Sex.MALE))
    child = refugee("p-2", D(2017, 3, 3), registered_on=None)
    parents = (mother, father) if carer_listed_first else (father, mother)
    h = household(
        *parents,
        child,
        relationships=[
            child_of("p-2", "p-1", "p-3"),
            Relationship(person="p-3", kind=RelationshipKind.SEPARATED_SPOUSE, of="p-1"),
        ],
    )

    units = {frozenset(u) for u in benefit_units(h, on=D(2022, 6, 21)).value}

    assert {frozenset({"p-1", "p-2"}), frozenset({"p-3"})} == units


def _cited(decision: object) -> set[tuple[str, str]]:
    """Each reason of *decision* as (code, the citation it gives)."""
    return {(r.code, str(r.reference)) for r in decision.reasons}  # type: ignore[attr-defined]


def test_each_reason_of_the_unit_rule_cites_the_number_of_section_7_3_it_applies(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """
    SGB II § 7 Abs. 3: an employable daughter of 20 (Nr. 1) brings her mother (Nr. 2)
    and her mother's husband (Nr. 2, the partner of a parent) into her unit; the mother
    and her husband are partners (Nr. 3).
    """
    h = household(
        refugee("m", D(1975, 5, 5)),
        refugee("s", D(1972, 1, 9), sex=Sex.MALE),
        refugee("d", D(2002, 3, 3)),
        relationships=[
            child_of("d", "m"),
            Relationship(person="s", kind=RelationshipKind.SPOUSE, of="m"),
        ],
    )

    decision = benefit_unit(h, on=D(2022, 6, 21), member_id="d")

    assert {"m", "s", "d"} == set(decision.value)
    assert {
        ("employable_member", "SGB II § 7 Abs. 3 Nr. 1"),
        ("partner", "SGB II § 7 Abs. 3 Nr. 3"),
        ("parent_of_employable_child", "SGB II § 7 Abs. 3 Nr. 2"),
        ("partner_of_parent", "SGB II § 7 Abs. 3 Nr. 2"),
    } <= _cited(decision)


def test_the_other_parent_is_a_parent_of_the_employable_child_not_the_partner_of_a_parent(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """
    SGB II § 7 Abs. 3 Nr. 2: both parents of an unmarried employable child under 25
    join its unit as its parents; neither is reported as "the partner of a parent".
    """
    h = household(
        refugee("m", D(1975, 5, 5)),
        refugee("f", D(1972, 1, 9), sex=Sex.MALE),
        refugee("d", D(2002, 3, 3)),
        relationships=[
            child_of("d", "m", "f"),
            Relationship(person="f", kind=RelationshipKind.SPOUSE, of="m"),
        ],
    )

    decision = benefit_unit(h, on=D(2022, 6, 21), member_id="d")

    assert {"m", "f", "d"} == set(decision.value)
    assert 2 == decision.codes.count("parent_of_employable_child")
    assert "partner_of_parent" not in decision.codes


def test_a_couple_is_reported_as_partners_once(refugee: Refugee, household: Build) -> None:
    """SGB II § 7 Abs. 3 Nr. 3: two employable spouses are one pair, said once."""
    h = household(
        refugee("m", D(1975, 5, 5)),
        refugee("f", D(1972, 1, 9), sex=Sex.MALE),
        relationships=[Relationship(person="f", kind=RelationshipKind.SPOUSE, of="m")],
    )

    decision = benefit_unit(h, on=D(2022, 6, 21))

    assert 1 == decision.codes.count("partner")


def test_a_unit_reports_only_what_concerns_its_own_members(
    refugee: Refugee, household: Build
) -> None:
    """
    SGB II § 7 Abs. 3: a permanently separated spouse forms a unit of his own (Nr. 3);
    her unit's reasons say nothing about his employability.
    """
    h = household(
        refugee("m", D(1975, 5, 5)),
        refugee("x", D(1972, 1, 9), sex=Sex.MALE),
        relationships=[Relationship(person="x", kind=RelationshipKind.SEPARATED_SPOUSE, of="m")],
    )

    decision = benefit_unit(h, on=D(2022, 6, 21), member_id="m")

    assert {"m"} == set(decision.value)
    assert 1 == decision.codes.count("employable_member")
    assert ("separated_spouse_not_partner", "SGB II § 7 Abs. 3 Nr. 3") in _cited(decision)


def test_a_member_in_no_unit_is_told_so_citing_section_7_3_nr_1(
    refugee: Refugee, household: Build
) -> None:
    """SGB II § 7 Abs. 3 Nr. 1: a unit needs an employable member; a child alone has none."""
    h = household(refugee("c", D(2015, 5, 5), registered_on=None))

    decision = benefit_unit(h, on=D(2022, 6, 21))

    assert frozenset() == decision.value
    assert ("in_no_unit", "SGB II § 7 Abs. 3 Nr. 1") in _cited(decision)


@pytest.mark.parametrize(
    ("on", "units"),
    [
        (D(2022, 6, 20), [{"m", "d"}]),
        (D(2022, 6, 21), [{"m"}, {"d", "b"}]),
        (D(2022, 6, 22), [{"m"}, {"d", "b"}]),
    ],
)
def test_a_daughter_forms_her_own_unit_from_the_day_her_child_is_born(
    refugee: Refugee, household: Build, child_of: ChildOf, on: Date, units: list[set[str]]
) -> None:
    """
    SGB II § 7 Abs. 3 Nr. 4: an unmarried daughter under 25 belongs to her mother's unit
    until she has a child of her own in the household; from its birth day she and the
    child form a unit of their own.
    """
    h = household(
        refugee("m", D(1975, 5, 5)),
        refugee("d", D(2004, 3, 3)),
        refugee("b", D(2022, 6, 21), registered_on=None),
        relationships=[child_of("d", "m"), child_of("b", "d")],
    )

    assert units == [set(u) for u in benefit_units(h, on=on).value]


def test_a_member_not_yet_born_never_joins_a_unit_even_as_the_partner_of_a_parent(
    household: Build, child_of: ChildOf
) -> None:
    """
    SGB II § 7 Abs. 3: members not yet born on the day are left out, whatever their
    relationships (a household recorded today, asked about a day long past).
    """
    mum = Person(id="m", birth_date=D(1960, 5, 5), sex=Sex.FEMALE)
    daughter = Person(id="d", birth_date=D(1980, 3, 3), sex=Sex.FEMALE)
    husband = Person(id="s", birth_date=D(1999, 1, 9), sex=Sex.MALE)
    h = household(
        mum,
        daughter,
        husband,
        relationships=[
            child_of("d", "m"),
            Relationship(person="s", kind=RelationshipKind.SPOUSE, of="m"),
        ],
    )

    assert {"m", "d"} == set(benefit_unit(h, on=D(1998, 6, 1), member_id="d").value)


def test_a_child_joins_the_first_marked_carer_in_household_order_however_ids_sort(
    household: Build, child_of: ChildOf
) -> None:
    """
    SGB II § 7 Abs. 3 Nr. 4: two marked carers in two units: the unit of the one listed
    first in the household, whatever their ids (here the first has the larger id).
    """
    dad = Member(person=Person(id="z", birth_date=D(1990, 1, 1), sex=Sex.MALE), primary_carer=True)
    mum = Member(
        person=Person(id="a", birth_date=D(1993, 1, 1), sex=Sex.FEMALE), primary_carer=True
    )
    child = Person(id="k", birth_date=D(2016, 1, 1), sex=Sex.FEMALE)
    h = household(
        dad,
        mum,
        child,
        relationships=[
            child_of("k", "a", "z"),
            Relationship(person="z", kind=RelationshipKind.SEPARATED_SPOUSE, of="a"),
        ],
    )

    units = {frozenset(u) for u in benefit_units(h, on=D(2022, 6, 21)).value}

    assert {frozenset({"z", "k"}), frozenset({"a"})} == units


def test_a_younger_sibling_joins_the_unit_after_an_employable_one_already_in_it(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """
    SGB II § 7 Abs. 3 Nr. 2 and 4: the employable daughter of 20 is in her mother's unit
    through Nr. 2, her brother of 10 through Nr. 4, whatever the order they are listed in.
    """
    h = household(
        refugee("m", D(1975, 5, 5)),
        refugee("d", D(2002, 3, 3)),
        refugee("s", D(2012, 4, 4), sex=Sex.MALE, registered_on=None),
        relationships=[child_of("d", "m"), child_of("s", "m")],
    )

    decision = benefit_unit(h, on=D(2022, 6, 21))

    assert {"m", "d", "s"} == set(decision.value)
    assert ("child_under_age_limit", "SGB II § 7 Abs. 3 Nr. 4") in _cited(decision)


def test_a_child_over_the_age_limit_is_told_so_citing_section_7_3_nr_4(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """SGB II § 7 Abs. 3 Nr. 4: a son who has completed 25 years is not in his mother's unit."""
    h = household(
        refugee("m", D(1960, 5, 5)),
        refugee("s", D(1995, 4, 4), sex=Sex.MALE),
        relationships=[child_of("s", "m")],
    )

    decision = benefit_unit(h, on=D(2022, 6, 21))

    assert ("child_over_age_limit_not_in_unit", "SGB II § 7 Abs. 3 Nr. 4") in _cited(decision)


@pytest.mark.parametrize("member_id", ["m", "x"])
def test_each_of_two_separated_spouses_is_told_the_other_is_not_a_partner(
    refugee: Refugee, household: Build, member_id: str
) -> None:
    """SGB II § 7 Abs. 3 Nr. 3 a: permanently separated spouses are not partners."""
    h = household(
        refugee("m", D(1975, 5, 5)),
        refugee("x", D(1972, 1, 9), sex=Sex.MALE),
        relationships=[Relationship(person="x", kind=RelationshipKind.SEPARATED_SPOUSE, of="m")],
    )

    assert (
        "separated_spouse_not_partner"
        in benefit_unit(h, on=D(2022, 6, 21), member_id=member_id).codes
    )


@pytest.mark.parametrize("listed_as_person", [True, False])
def test_a_separated_spouse_not_employable_is_still_reported_as_not_a_partner(
    refugee: Refugee, household: Build, listed_as_person: bool
) -> None:
    """
    SGB II § 7 Abs. 3 Nr. 3 a: the employable wife's unit says her separated husband is
    no partner, however the relationship is written down; he, not able to work 3 hours a
    day, is in no unit.
    """
    husband = refugee(
        "x",
        D(1972, 1, 9),
        sex=Sex.MALE,
        work_capacity=WorkCapacity(hours_per_day=1, assessed_on=D(2022, 1, 3)),
    )
    rel = (
        Relationship(person="m", kind=RelationshipKind.SEPARATED_SPOUSE, of="x")
        if listed_as_person
        else Relationship(person="x", kind=RelationshipKind.SEPARATED_SPOUSE, of="m")
    )
    h = household(refugee("m", D(1975, 5, 5)), husband, relationships=[rel])

    decision = benefit_unit(h, on=D(2022, 6, 21), member_id="m")

    assert {"m"} == set(decision.value)
    assert "separated_spouse_not_partner" in decision.codes
