"""The benefit regime as policy: SGB II § 74 and what follows from the benefit unit.

The golden cases — the switch on 2022-06-01 (day before, of, after), the identity
registration, children, SGB XII and Sozialgeld, the planned 2026 reform and a later § 74
— are data: ``src/jobcenter_core/testing/statute/regime.cases.yaml``. Here: the input
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
from jobcenter_core.households import Household, Member, Relationship, RelationshipKind
from jobcenter_core.parameters import Policy
from jobcenter_core.people import Person, Sex
from jobcenter_core.rules import (
    BenefitRegime,
    benefit_regime,
    benefit_regimes,
    benefit_unit,
    is_employable,
)
from jobcenter_core.testing import households, pendulum_dates, policies, reference_dates

D = pendulum.date
Refugee = Callable[..., Person]
Build = Callable[..., Household]


def test_regime_needs_the_person_to_be_a_member_of_the_household(
    refugee: Refugee, household: Build
) -> None:
    """A person outside the household is an input error, reported with its path."""
    p = refugee("p-1", D(1988, 4, 2))
    other = refugee("p-2", D(1988, 4, 2))

    with pytest.raises(InvalidInput) as caught:
        benefit_regime(p, household(other), on=D(2022, 6, 21))

    assert ["$.person.id"] == [problem.path for problem in caught.value.problems]


def test_regime_of_a_person_not_yet_born_is_an_input_error(
    refugee: Refugee, household: Build
) -> None:
    """Asking for the regime before the birth is reported with the path of the birth date."""
    p = refugee("p-1", D(2023, 1, 1), registered_on=None)

    with pytest.raises(InvalidInput) as caught:
        benefit_regime(p, household(p), on=D(2022, 6, 21))

    assert ["$.person.birth_date"] == [problem.path for problem in caught.value.problems]


# --- properties ---------------------------------------------------------------------------------


def _born_by_all(h: Household) -> st.SearchStrategy[Date]:
    latest = max(m.person.birth_date for m in h.members)
    return pendulum_dates(max(latest, D(2021, 1, 1)), D(2030, 12, 31))


@given(data=st.data())
def test_employable_regime_member_is_never_in_sgb12(data: st.DataObject) -> None:
    """SGB XII only for those not employable (SGB II § 7 Abs. 1 S. 1 Nr. 2, § 21 SGB XII)."""
    h = data.draw(households())
    member = data.draw(st.sampled_from(h.members)).person
    on = data.draw(pendulum_dates(max(member.birth_date, D(2021, 1, 1)), D(2030, 12, 31)))
    policy = data.draw(policies())

    regime = benefit_regime(member, h, on=on, policy=policy).value

    if is_employable(member, on=on, policy=policy).value:
        assert BenefitRegime.SGB_XII != regime


@given(households(), reference_dates(), policies())
def test_household_regimes_equal_each_members_regime(
    h: Household, on: Date, policy: Policy
) -> None:
    """benefit_regimes of the household as it stood that day answers as benefit_regime does."""
    expected = tuple(
        (m.person.id, benefit_regime(m.person, h, on=on, policy=policy))
        for m in h.members
        if m.person.birth_date <= on
    )

    actual = benefit_regimes(h.born_by(on), on=on, policy=policy)

    assert expected == actual


@given(data=st.data())
def test_regime_decisions_are_deterministic(data: st.DataObject) -> None:
    """Equal inputs give equal regime decisions."""
    h = data.draw(households())
    member = data.draw(st.sampled_from(h.members)).person
    on = data.draw(_born_by_all(h))
    policy = data.draw(policies())

    first = benefit_regime(member, h, on=on, policy=policy)
    second = benefit_regime(member, attrs.evolve(h), on=on, policy=policy)

    assert first == second


_UNIT_OUTCOMES = {
    "sozialgeld",
    "family_member_asylblg",
    "old_age_sgb_xii",
    "not_employable_no_unit",
}


@given(households(), reference_dates(), policies())
def test_regime_that_follows_the_unit_presumes_what_the_unit_rule_presumes(
    h: Household, on: Date, policy: Policy
) -> None:
    """A regime decided by the benefit unit lists the unit's presumptions as its own."""
    for member_id, regime in benefit_regimes(h.born_by(on), on=on, policy=policy):
        if _UNIT_OUTCOMES.isdisjoint(regime.codes):
            continue

        unit = benefit_unit(h, on=on, member_id=member_id, policy=policy)

        assert set(unit.missing) <= set(regime.missing)


def test_a_member_not_yet_born_is_refused_by_path_never_left_out_silently() -> None:
    """No regime for someone born after the day: the error names the member's path."""
    mum = Person(id="m", birth_date=pendulum.date(1990, 5, 4), sex=Sex.FEMALE)
    baby = Person(id="b", birth_date=pendulum.date(2022, 9, 1), sex=Sex.MALE)
    h = Household(id="h", members=(Member(person=mum), Member(person=baby)))

    with pytest.raises(InvalidInput) as error:
        benefit_regimes(h, on=pendulum.date(2022, 6, 21))

    assert ["$.members[1].person.birth_date"] == [p.path for p in error.value.problems]
    assert "2022-09-01" not in str(error.value)


def test_the_household_as_it_stood_that_day_leaves_the_unborn_out_on_purpose() -> None:
    """household.born_by(on) drops members born later, with their relationships."""
    mum = Person(id="m", birth_date=pendulum.date(1990, 5, 4), sex=Sex.FEMALE)
    baby = Person(id="b", birth_date=pendulum.date(2022, 9, 1), sex=Sex.MALE)
    h = Household(
        id="h",
        members=(Member(person=mum), Member(person=baby)),
        relationships=(Relationship(person="b", kind=RelationshipKind.CHILD, of="m"),),
    )

    regimes = benefit_regimes(h.born_by(pendulum.date(2022, 8, 31)), on=pendulum.date(2022, 8, 31))

    assert ["m"] == [member_id for member_id, _ in regimes]
