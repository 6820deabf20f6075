"""The benefit unit as policy: SGB II § 7 Abs. 3 Nr. 1 to 4."""

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
    MaritalStatus,
    Member,
    Relationship,
    RelationshipKind,
)
from jobcenter_core.people import Person, Sex
from jobcenter_core.rules import benefit_unit, benefit_units, is_employable
from jobcenter_core.testing import households, pendulum_dates, policies

D = pendulum.date
Refugee = Callable[..., Person]
Build = Callable[..., Household]
ChildOf = Callable[..., tuple[Relationship, ...]]
Spouses = Callable[[str, str], Relationship]


# --- § 7 Abs. 3: the benefit unit ------------------------------------------------------------


def test_couple_and_their_young_children_form_one_unit(
    refugee: Refugee, household: Build, child_of: ChildOf, spouses: Spouses
) -> None:
    """SGB II § 7 Abs. 3 Nr. 1, 3 and 4."""
    mum, dad = refugee("m", D(1988, 4, 2)), refugee("f", D(1986, 1, 5), sex=Sex.MALE)
    kid, teen = refugee("c", D(2016, 2, 2)), refugee("t", D(2006, 7, 7))
    h = household(
        mum,
        dad,
        kid,
        teen,
        relationships=(spouses("m", "f"), child_of("c", "m", "f"), child_of("t", "m")),
    )

    decision = benefit_unit(h, on=D(2022, 6, 21))

    assert frozenset({"m", "f", "c", "t"}) == decision.value
    assert "partner" in decision.codes


def test_permanently_separated_spouse_is_not_a_partner(refugee: Refugee, household: Build) -> None:
    """SGB II § 7 Abs. 3 Nr. 3 a: 'nicht dauernd getrennt lebend'."""
    mum, ex = refugee("m", D(1988, 4, 2)), refugee("x", D(1986, 1, 5), sex=Sex.MALE)
    h = household(
        mum,
        ex,
        relationships=[Relationship(person="x", kind=RelationshipKind.SEPARATED_SPOUSE, of="m")],
    )

    units = benefit_units(h, on=D(2022, 6, 21))

    assert (frozenset({"m"}), frozenset({"x"})) == units.value
    assert "separated_spouse_not_partner" in units.codes


def test_child_who_has_completed_25_is_not_in_the_parents_unit(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """SGB II § 7 Abs. 3 Nr. 4: children under 25 only."""
    mum = refugee("m", D(1960, 4, 2))
    son = refugee("s", D(1997, 6, 21), sex=Sex.MALE)
    h = household(mum, son, relationships=child_of("s", "m"))

    before = benefit_unit(h, on=D(2022, 6, 20), member_id="m")
    birthday = benefit_unit(h, on=D(2022, 6, 21), member_id="m")

    assert frozenset({"m", "s"}) == before.value
    assert frozenset({"m"}) == birthday.value
    assert "child_over_age_limit_not_in_unit" in birthday.codes


def test_married_child_is_not_in_the_parents_unit(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """SGB II § 7 Abs. 3 Nr. 4: unmarried children only."""
    mum = refugee("m", D(1970, 4, 2))
    daughter = Member(person=refugee("d", D(2001, 1, 1)), marital_status=MaritalStatus.MARRIED)
    h = household(mum, daughter, relationships=child_of("d", "m"))

    decision = benefit_unit(h, on=D(2022, 6, 21))

    assert frozenset({"m"}) == decision.value
    assert "married_child_not_in_unit" in decision.codes


def test_child_covering_own_needs_is_not_in_the_parents_unit(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """SGB II § 7 Abs. 3 Nr. 4: only children who cannot cover their own needs."""
    mum = refugee("m", D(1970, 4, 2))
    son = Member(
        person=refugee("s", D(2003, 1, 1), sex=Sex.MALE),
        marital_status=MaritalStatus.UNMARRIED,
        covers_own_needs=True,
    )
    h = household(mum, son, relationships=child_of("s", "m"))

    units = benefit_units(h, on=D(2022, 6, 21))

    assert (frozenset({"m"}), frozenset({"s"})) == units.value
    assert "child_covers_own_needs" in units.codes


def test_child_with_own_child_forms_a_separate_unit(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """SGB II § 7 Abs. 3: a young mother and her baby are a unit of their own."""
    gran = refugee("g", D(1975, 4, 2))
    mother = refugee("d", D(2003, 1, 1))
    baby = refugee("b", D(2022, 1, 15), registered_on=None)
    h = household(gran, mother, baby, relationships=(child_of("d", "g"), child_of("b", "d")))

    units = benefit_units(h, on=D(2022, 6, 21))

    assert (frozenset({"g"}), frozenset({"d", "b"})) == units.value
    assert "child_with_own_child_forms_own_unit" in units.codes


def test_employable_child_under_25_brings_a_pensioner_parent_into_the_unit(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """SGB II § 7 Abs. 3 Nr. 2: parents of an unmarried employable child under 25."""
    mum = refugee("m", D(1956, 3, 3))
    partner = refugee("p", D(1955, 3, 3), sex=Sex.MALE)
    son = refugee("s", D(2002, 1, 1), sex=Sex.MALE)
    h = household(
        mum,
        partner,
        son,
        relationships=(
            Relationship(person="p", kind=RelationshipKind.RESPONSIBILITY_COMMUNITY, of="m"),
            child_of("s", "m"),
        ),
    )

    decision = benefit_unit(h, on=D(2022, 6, 21), member_id="m")

    assert frozenset({"m", "p", "s"}) == decision.value
    assert {"parent_of_employable_child", "partner_of_parent"} <= set(decision.codes)


def test_household_without_employable_member_has_no_unit(
    refugee: Refugee, household: Build
) -> None:
    """SGB II § 7 Abs. 3: a unit needs an employable member."""
    gran = refugee("g", D(1950, 4, 2))
    h = household(gran)

    decision = benefit_unit(h, on=D(2022, 6, 21))

    assert frozenset() == decision.value
    assert {"no_employable_member", "in_no_unit"} <= set(decision.codes)


def test_unknown_marital_status_and_means_are_presumed_and_listed(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """Unknown facts about a child are presumed (unmarried, needy) and said so."""
    mum = refugee("m", D(1980, 4, 2))
    kid = refugee("c", D(2005, 1, 1))
    h = household(mum, kid, relationships=child_of("c", "m"))

    decision = benefit_unit(h, on=D(2022, 6, 21))

    facts = {a.fact for a in decision.missing}
    assert {"c.marital_status", "c.covers_own_needs"} <= facts


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


def test_members_not_yet_born_are_left_out(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """A household recorded later may hold a child not yet born on the day."""
    mum = refugee("m", D(1980, 4, 2))
    baby = refugee("b", D(2023, 1, 1))
    h = household(mum, baby, relationships=child_of("b", "m"))

    decision = benefit_units(h, on=D(2022, 6, 21))

    assert (frozenset({"m"}),) == decision.value
    assert "not_yet_born" in decision.codes


# --- boundaries the law names ---------------------------------------------------------------


def test_section_24_holder_without_work_permission_forms_a_unit_from_1_june_2022(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """SGB II § 74 Abs. 1 S. 2: from 2022-06-01 the § 24 group is employable without a
    work permission, so the mother and her child form a unit."""
    mum = refugee("m", D(1988, 4, 2), work_permitted=False)
    kid = refugee("c", D(2015, 9, 1), registered_on=None)
    h = household(mum, kid, relationships=child_of("c", "m"))

    units = [benefit_units(h, on=on).value for on in (D(2022, 5, 31), D(2022, 6, 1), D(2022, 6, 2))]

    assert [(), (frozenset({"m", "c"}),), (frozenset({"m", "c"}),)] == units


def test_child_born_on_29_february_leaves_the_parents_unit_on_1_march_after_turning_25(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """SGB II § 7 Abs. 3 Nr. 4, BGB § 188 Abs. 3: born 1996-02-29, the 25th year ends with
    2021-02-28."""
    mum = refugee("m", D(1970, 4, 2))
    son = refugee("s", D(1996, 2, 29), sex=Sex.MALE)
    h = household(mum, son, relationships=child_of("s", "m"))

    eve = benefit_unit(h, on=D(2021, 2, 28))
    first_of_march = benefit_unit(h, on=D(2021, 3, 1))

    assert frozenset({"m", "s"}) == eve.value
    assert frozenset({"m"}) == first_of_march.value
    assert "child_over_age_limit_not_in_unit" in first_of_march.codes


@pytest.mark.parametrize(
    ("born", "last_day"),
    [(D(1957, 7, 1), D(2023, 5, 31)), (D(1960, 2, 29), D(2026, 6, 30))],
    ids=["born-on-the-1st", "born-on-29-february"],
)
def test_nobody_past_the_upper_age_limit_forms_a_unit_alone(
    refugee: Refugee, household: Build, born: Date, last_day: Date
) -> None:
    """SGB II § 7 Abs. 3 Nr. 1 with § 7a: a unit up to the last day inside the limit."""
    p = refugee("p", born)
    h = household(p)

    last_in = benefit_unit(h, on=last_day)
    first_out = benefit_unit(h, on=last_day.add(days=1))

    assert (frozenset({"p"}), frozenset()) == (last_in.value, first_out.value)
    assert "no_employable_member" in first_out.codes


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
