"""The eligibility rules as policy statements: age, employability, regime, unit, care."""

from __future__ import annotations

import datetime as _dt
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pendulum import Date

from jobcenter_core.errors import InvalidInput
from jobcenter_core.households import (
    CareArrangement,
    ChildCare,
    Household,
    MaritalStatus,
    Member,
    Relationship,
    RelationshipKind,
)
from jobcenter_core.parameters import (
    DEFAULT_POLICY,
    AgeLimit,
    Policy,
    grundsicherung_2026,
    leistungsrechtsanpassung_2026,
)
from jobcenter_core.people import (
    Person,
    ResidenceDocument,
    ResidenceStatus,
    Sex,
    WorkCapacity,
)
from jobcenter_core.rules import (
    BenefitRegime,
    ChildcareEntitlement,
    benefit_regime,
    benefit_regimes,
    benefit_unit,
    benefit_units,
    childcare_entitlement,
    is_employable,
    is_of_working_age,
    school_entry_date,
    work_is_reasonable,
    working_age_end,
)
from jobcenter_core.rules._legacy import (
    _age_of,
    _day,
    _household_regimes,
    _shape,
    _shape_regimes,
    _shape_units,
    _start_for,
)
from jobcenter_core.strategies import (
    households,
    pendulum_dates,
    persons,
    policies,
    reference_dates,
)

D = pendulum.date
LAW_DAY = D(2022, 6, 1)
REFORMED = leistungsrechtsanpassung_2026(DEFAULT_POLICY)
ISSUED = D(2022, 4, 11)
REGISTERED = D(2022, 4, 20)


def person(
    pid: str,
    born: Date,
    *,
    document: ResidenceDocument = ResidenceDocument.TEMPORARY_PROTECTION_PERMIT,
    first_issued_on: Date | None = ISSUED,
    registered_on: Date | None = REGISTERED,
    **kwargs: Any,
) -> Person:
    """A Ukrainian refugee with a § 24 permit, registered in April 2022, unless told otherwise."""
    return Person(
        id=pid,
        birth_date=born,
        sex=kwargs.pop("sex", Sex.FEMALE),
        residence=ResidenceStatus(document=document, first_issued_on=first_issued_on),
        identity_registered=kwargs.pop("identity_registered", registered_on is not None),
        identity_registered_on=registered_on,
        **kwargs,
    )


def child_of(child: str, *parents: str) -> tuple[Relationship, ...]:
    return tuple(Relationship(person=child, kind=RelationshipKind.CHILD, of=p) for p in parents)


def spouses(a: str, b: str) -> Relationship:
    return Relationship(person=b, kind=RelationshipKind.SPOUSE, of=a)


def household(*members: Member | Person, relationships: Any = (), **kwargs: Any) -> Household:
    ms = tuple(m if isinstance(m, Member) else Member(person=m) for m in members)
    return Household(id="h-1", members=ms, relationships=tuple(relationships), **kwargs)


def flat(*groups: tuple[Relationship, ...] | Relationship) -> list[Relationship]:
    out: list[Relationship] = []
    for g in groups:
        out.extend(g if isinstance(g, tuple) else (g,))
    return out


# --- § 7a: the upper age limit --------------------------------------------------------------

SECTION_7A_GOLDEN = [
    # (birth y, m, d, limit years, limit months, last day inside the limit)
    (1946, 1, 1, 65, 0, (2010, 12, 31)),
    (1946, 3, 15, 65, 0, (2011, 3, 31)),
    (1946, 8, 31, 65, 0, (2011, 8, 31)),
    (1946, 9, 1, 65, 0, (2011, 8, 31)),
    (1947, 1, 1, 65, 1, (2012, 1, 31)),
    (1947, 4, 15, 65, 1, (2012, 5, 31)),
    (1947, 9, 30, 65, 1, (2012, 10, 31)),
    (1948, 1, 1, 65, 2, (2013, 2, 28)),
    (1948, 5, 15, 65, 2, (2013, 7, 31)),
    (1948, 10, 31, 65, 2, (2013, 12, 31)),
    (1948, 2, 29, 65, 2, (2013, 4, 30)),
    (1949, 1, 1, 65, 3, (2014, 3, 31)),
    (1949, 6, 15, 65, 3, (2014, 9, 30)),
    (1949, 11, 30, 65, 3, (2015, 2, 28)),
    (1950, 1, 1, 65, 4, (2015, 4, 30)),
    (1950, 7, 15, 65, 4, (2015, 11, 30)),
    (1950, 12, 31, 65, 4, (2016, 4, 30)),
    (1951, 1, 1, 65, 5, (2016, 5, 31)),
    (1951, 8, 15, 65, 5, (2017, 1, 31)),
    (1951, 1, 31, 65, 5, (2016, 6, 30)),
    (1952, 1, 1, 65, 6, (2017, 6, 30)),
    (1952, 9, 15, 65, 6, (2018, 3, 31)),
    (1952, 12, 31, 65, 6, (2018, 6, 30)),
    (1952, 2, 29, 65, 6, (2017, 8, 31)),
    (1953, 1, 1, 65, 7, (2018, 7, 31)),
    (1953, 10, 15, 65, 7, (2019, 5, 31)),
    (1953, 3, 31, 65, 7, (2018, 10, 31)),
    (1954, 1, 1, 65, 8, (2019, 8, 31)),
    (1954, 11, 15, 65, 8, (2020, 7, 31)),
    (1954, 4, 30, 65, 8, (2019, 12, 31)),
    (1955, 1, 1, 65, 9, (2020, 9, 30)),
    (1955, 12, 15, 65, 9, (2021, 9, 30)),
    (1955, 5, 31, 65, 9, (2021, 2, 28)),
    (1956, 1, 1, 65, 10, (2021, 10, 31)),
    (1956, 1, 15, 65, 10, (2021, 11, 30)),
    (1956, 6, 30, 65, 10, (2022, 4, 30)),
    (1956, 2, 29, 65, 10, (2021, 12, 31)),
    (1957, 1, 1, 65, 11, (2022, 11, 30)),
    (1957, 2, 15, 65, 11, (2023, 1, 31)),
    (1957, 7, 31, 65, 11, (2023, 6, 30)),
    (1958, 1, 1, 66, 0, (2023, 12, 31)),
    (1958, 3, 15, 66, 0, (2024, 3, 31)),
    (1958, 8, 31, 66, 0, (2024, 8, 31)),
    (1959, 1, 1, 66, 2, (2025, 2, 28)),
    (1959, 4, 15, 66, 2, (2025, 6, 30)),
    (1959, 9, 30, 66, 2, (2025, 11, 30)),
    (1960, 1, 1, 66, 4, (2026, 4, 30)),
    (1960, 5, 15, 66, 4, (2026, 9, 30)),
    (1960, 10, 31, 66, 4, (2027, 2, 28)),
    (1960, 2, 29, 66, 4, (2026, 6, 30)),
    (1961, 1, 1, 66, 6, (2027, 6, 30)),
    (1961, 6, 15, 66, 6, (2027, 12, 31)),
    (1961, 11, 30, 66, 6, (2028, 5, 31)),
    (1962, 1, 1, 66, 8, (2028, 8, 31)),
    (1962, 7, 15, 66, 8, (2029, 3, 31)),
    (1962, 12, 31, 66, 8, (2029, 8, 31)),
    (1963, 1, 1, 66, 10, (2029, 10, 31)),
    (1963, 8, 15, 66, 10, (2030, 6, 30)),
    (1963, 1, 31, 66, 10, (2029, 11, 30)),
    (1964, 1, 1, 67, 0, (2030, 12, 31)),
    (1964, 9, 15, 67, 0, (2031, 9, 30)),
    (1964, 12, 31, 67, 0, (2031, 12, 31)),
    (1964, 2, 29, 67, 0, (2031, 2, 28)),
    (1965, 1, 1, 67, 0, (2031, 12, 31)),
    (1965, 10, 15, 67, 0, (2032, 10, 31)),
    (1965, 3, 31, 67, 0, (2032, 3, 31)),
]


@pytest.mark.parametrize(
    ("year", "month", "day", "years", "months", "last_day"),
    SECTION_7A_GOLDEN,
    ids=[f"{y}-{m:02d}-{d:02d}" for y, m, d, *_ in SECTION_7A_GOLDEN],
)
def test_section_7a_table_gives_the_last_day_inside_the_upper_age_limit(
    year: int, month: int, day: int, years: int, months: int, last_day: tuple[int, int, int]
) -> None:
    """SGB II § 7a: limit by birth year, reached at the end of the month it is completed."""
    born = D(year, month, day)

    limit = DEFAULT_POLICY.upper_age_limit.at(born.add(years=65)).limit_for(year)
    end = working_age_end(born)

    assert AgeLimit(years=years, months=months) == limit
    assert D(*last_day) == end


def test_person_born_on_the_first_reaches_the_limit_in_the_previous_month() -> None:
    """Born 1946-09-01: 65 completed at the end of 2011-08-31, the limit then (DOMAIN §3)."""
    p = person("p-1", D(1946, 9, 1))

    last_in = is_of_working_age(p, on=D(2011, 8, 31))
    first_out = is_of_working_age(p, on=D(2011, 9, 1))

    assert (True, False) == (last_in.value, first_out.value)
    assert ("upper_age_limit_reached",) == first_out.codes


def test_working_age_starts_on_the_fifteenth_birthday() -> None:
    """SGB II § 7 Abs. 1 S. 1 Nr. 1: the 15th year is completed at the end of the eve."""
    p = person("p-1", D(2007, 6, 1))

    before = is_of_working_age(p, on=D(2022, 5, 31))
    on_birthday = is_of_working_age(p, on=D(2022, 6, 1))

    assert (False, True) == (before.value, on_birthday.value)
    assert ("under_lower_age_limit",) == before.codes


def test_nobody_is_of_working_age_before_being_born() -> None:
    """A day before the birth is a business 'no', not an error."""
    p = person("p-1", D(2023, 1, 1))

    decision = is_employable(p, on=D(2022, 6, 21))

    assert decision.value is False
    assert "not_yet_born" in decision.codes


# --- § 8: employability ----------------------------------------------------------------------


def test_unassessed_capacity_is_presumed_sufficient_and_listed_as_missing() -> None:
    """SGB II § 8 Abs. 1: no assessment means presumed able to work 3 hours a day."""
    p = person("p-1", D(1990, 3, 1))

    decision = is_employable(p, on=D(2022, 6, 21))

    assert decision.value is True
    assert ["work_capacity"] == [a.fact for a in decision.missing]


def test_capacity_below_three_hours_means_not_employable() -> None:
    """SGB II § 8 Abs. 1: less than 3 hours a day is not employable."""
    p = person(
        "p-1", D(1990, 3, 1), work_capacity=WorkCapacity(hours_per_day=2.5, assessed_on=LAW_DAY)
    )

    decision = is_employable(p, on=D(2022, 6, 21))

    assert decision.value is False
    assert "capacity_insufficient" in decision.codes


def test_capacity_of_exactly_three_hours_is_enough() -> None:
    """SGB II § 8 Abs. 1: 'at least 3 hours'."""
    p = person(
        "p-1", D(1990, 3, 1), work_capacity=WorkCapacity(hours_per_day=3, assessed_on=LAW_DAY)
    )

    assert is_employable(p, on=D(2022, 6, 21)).value is True


def test_section_24_group_needs_no_work_permission_from_june_2022() -> None:
    """SGB II § 74 Abs. 1 S. 2 switches § 8 Abs. 2 off for the § 24 group."""
    p = person("p-1", D(1990, 3, 1), work_permitted=False)

    before = is_employable(p, on=D(2022, 5, 31))
    after = is_employable(p, on=LAW_DAY)

    assert (False, True) == (before.value, after.value)
    assert "work_not_permitted" in before.codes
    assert "work_permission_not_required" in after.codes


def test_foreigner_without_work_permission_is_not_employable() -> None:
    """SGB II § 8 Abs. 2: employment must be or could be permitted."""
    p = person("p-1", D(1990, 3, 1), document=ResidenceDocument.OTHER_PERMIT, work_permitted=False)

    assert is_employable(p, on=D(2022, 6, 21)).value is False


def test_unknown_work_permission_is_presumed_and_listed_as_missing() -> None:
    """SGB II § 8 Abs. 2: an unknown permission is presumed, and said so."""
    p = person("p-1", D(1990, 3, 1), document=ResidenceDocument.OTHER_PERMIT)

    decision = is_employable(p, on=D(2022, 6, 21))

    assert decision.value is True
    assert "work_permitted" in [a.fact for a in decision.missing]


def test_pensioner_is_not_employable_whatever_the_capacity() -> None:
    """SGB II § 7a: past the upper age limit nobody is employable."""
    p = person(
        "p-1", D(1950, 5, 5), work_capacity=WorkCapacity(hours_per_day=8, assessed_on=LAW_DAY)
    )

    decision = is_employable(p, on=D(2022, 6, 21))

    assert decision.value is False
    assert "upper_age_limit_reached" in decision.codes


def test_child_is_not_employable_and_nothing_about_work_is_presumed() -> None:
    """SGB II § 7 Abs. 1 S. 1 Nr. 1, § 8: below 15 the age decides; capacity and
    permission are not examined, so no presumption about them is reported."""
    child = person("c-1", D(2020, 5, 5), registered_on=None, work_permitted=None)

    decision = is_employable(child, on=D(2022, 6, 21))

    assert decision.value is False
    assert ("under_lower_age_limit",) == decision.codes
    assert () == decision.missing


# --- § 74: the regime --------------------------------------------------------------------------


def test_fiktionsbescheinigung_with_identity_registration_gets_sgb2_from_june_2022() -> None:
    """SGB II § 74: AsylbLG up to 2022-05-31, SGB II from 2022-06-01."""
    p = person("p-1", D(1988, 4, 2), document=ResidenceDocument.FICTION_CERTIFICATE)
    h = household(p)

    before = benefit_regime(p, h, on=D(2022, 5, 31))
    after = benefit_regime(p, h, on=LAW_DAY)

    assert BenefitRegime.ASYLBLG == before.value
    assert BenefitRegime.SGB_II == after.value
    assert "section_74_not_in_force" in before.codes
    assert "employable_sgb_ii" in after.codes


def test_registration_counts_from_its_day() -> None:
    """SGB II § 74 Abs. 1: without the registration (and no catch-up) AsylbLG stays."""
    p = person("p-1", D(1988, 4, 2), first_issued_on=D(2022, 6, 15), registered_on=D(2022, 7, 4))
    h = household(p)

    before = benefit_regime(p, h, on=D(2022, 7, 3))
    after = benefit_regime(p, h, on=D(2022, 7, 4))

    assert (BenefitRegime.ASYLBLG, BenefitRegime.SGB_II) == (before.value, after.value)
    assert "identity_registration_missing" in before.codes


def test_registration_with_unknown_date_is_presumed_made_and_listed_as_missing() -> None:
    """SGB II § 74 Abs. 1: a registration without a date is presumed made by the day."""
    p = person("p-1", D(1988, 4, 2), registered_on=None, identity_registered=True)

    decision = benefit_regime(p, household(p), on=D(2022, 6, 21))

    assert BenefitRegime.SGB_II == decision.value
    assert "identity_registered_on" in [a.fact for a in decision.missing]


def test_central_register_suffices_until_the_catch_up_deadline() -> None:
    """SGB II § 74: permits of 2022-02-24..05-31 in the AZR qualify until 2022-10-31."""
    p = person(
        "p-1",
        D(1988, 4, 2),
        first_issued_on=D(2022, 3, 10),
        registered_on=None,
        stored_in_central_register=True,
    )
    h = household(p)

    deadline = benefit_regime(p, h, on=D(2022, 10, 31))
    after = benefit_regime(p, h, on=D(2022, 11, 1))

    assert (BenefitRegime.SGB_II, BenefitRegime.ASYLBLG) == (deadline.value, after.value)
    assert "central_register_suffices" in deadline.codes


def test_central_register_does_not_suffice_for_permits_after_may_2022() -> None:
    """SGB II § 74: the catch-up rule covers only permits up to 2022-05-31."""
    p = person(
        "p-1",
        D(1988, 4, 2),
        first_issued_on=D(2022, 6, 1),
        registered_on=None,
        stored_in_central_register=True,
    )

    assert BenefitRegime.ASYLBLG == benefit_regime(p, household(p), on=D(2022, 7, 1)).value


def test_catch_up_deadline_is_a_replaceable_parameter() -> None:
    """The uncertain deadline (2022-10-31 or 2022-08-31) is data, not code."""
    rule = DEFAULT_POLICY.registration_catch_up.at(LAW_DAY)
    earlier = attrs.evolve(
        DEFAULT_POLICY,
        registration_catch_up=attrs.evolve(
            DEFAULT_POLICY.registration_catch_up,
            periods=(
                attrs.evolve(
                    DEFAULT_POLICY.registration_catch_up.periods[0],
                    value=attrs.evolve(rule, deadline=D(2022, 8, 31)),
                ),
            ),
        ),
    )
    p = person(
        "p-1",
        D(1988, 4, 2),
        first_issued_on=D(2022, 3, 10),
        registered_on=None,
        stored_in_central_register=True,
    )

    decision = benefit_regime(p, household(p), on=D(2022, 9, 1), policy=earlier)

    assert BenefitRegime.ASYLBLG == decision.value


def test_child_under_fourteen_needs_no_registration_and_gets_sozialgeld() -> None:
    """AufenthG § 49 from 14 years; SGB II § 19 Abs. 1 S. 2: Sozialgeld in the unit."""
    mum = person("m", D(1988, 4, 2))
    kid = person("c", D(2010, 9, 1), registered_on=None)
    h = household(mum, kid, relationships=child_of("c", "m"))

    decision = benefit_regime(kid, h, on=D(2022, 6, 21))

    assert BenefitRegime.SGB_II == decision.value
    assert "identity_registration_not_required" in decision.codes
    assert "sozialgeld" in decision.codes


def test_child_who_has_completed_fourteen_needs_the_registration() -> None:
    """AufenthG § 49: required from the completed 14th year (on the 14th birthday)."""
    mum = person("m", D(1988, 4, 2))
    kid = person("c", D(2008, 6, 21), registered_on=None, first_issued_on=D(2022, 6, 10))
    h = household(mum, kid, relationships=child_of("c", "m"))

    before = benefit_regime(kid, h, on=D(2022, 6, 20))
    birthday = benefit_regime(kid, h, on=D(2022, 6, 21))

    assert (BenefitRegime.SGB_II, BenefitRegime.ASYLBLG) == (before.value, birthday.value)


def test_not_employable_person_alone_goes_to_sgb12() -> None:
    """SGB II § 7 Abs. 1 S. 1 Nr. 2, SGB XII § 146: no employability, no unit, SGB XII."""
    p = person(
        "p-1", D(1980, 1, 10), work_capacity=WorkCapacity(hours_per_day=1, assessed_on=LAW_DAY)
    )

    decision = benefit_regime(p, household(p), on=D(2022, 6, 21))

    assert BenefitRegime.SGB_XII == decision.value
    assert "not_employable_no_unit" in decision.codes


def test_partner_unable_to_work_gets_sozialgeld_presuming_incapacity_not_permanent() -> None:
    """SGB II § 19 Abs. 1 S. 2; SGB XII § 41 Abs. 3 (permanent full incapacity) not checked."""
    wife = person("w", D(1988, 4, 2))
    husband = person(
        "h",
        D(1986, 1, 10),
        sex=Sex.MALE,
        work_capacity=WorkCapacity(hours_per_day=2, assessed_on=LAW_DAY),
    )
    h = household(wife, husband, relationships=[spouses("w", "h")])

    decision = benefit_regime(husband, h, on=D(2022, 6, 21))

    assert BenefitRegime.SGB_II == decision.value
    assert "sozialgeld" in decision.codes
    assert "permanent_full_incapacity" in [a.fact for a in decision.missing]


def test_child_unable_to_work_for_health_reasons_is_not_presumed_permanently_incapable() -> None:
    """SGB XII § 41 Abs. 3 concerns adults: the presumption is made from 18 years only."""
    mum = person("m", D(1980, 4, 2))
    kid = person(
        "c",
        D(2006, 6, 22),
        registered_on=LAW_DAY,
        work_capacity=WorkCapacity(hours_per_day=1, assessed_on=LAW_DAY),
    )
    h = household(mum, kid, relationships=child_of("c", "m"))

    seventeen = benefit_regime(kid, h, on=D(2024, 6, 21))
    eighteen = benefit_regime(kid, h, on=D(2024, 6, 22))

    assert "permanent_full_incapacity" not in [a.fact for a in seventeen.missing]
    assert "permanent_full_incapacity" in [a.fact for a in eighteen.missing]


def test_child_of_a_parent_under_general_rules_gets_sozialgeld_presuming_sgb2() -> None:
    """SGB II § 19 Abs. 1 S. 2: the parent's own regime (general rules) is not modelled."""
    dad = person("d", D(1985, 4, 2), sex=Sex.MALE, document=ResidenceDocument.OTHER_PERMIT)
    kid = person("c", D(2015, 9, 1), registered_on=None)
    h = household(dad, kid, relationships=child_of("c", "d"))

    decision = benefit_regime(kid, h, on=D(2022, 6, 21))

    assert BenefitRegime.SGB_II == decision.value
    assert "sozialgeld" in decision.codes
    assert ("d.benefit_regime", "SGB II (general rules, not modelled)") in [
        (a.fact, a.presumed) for a in decision.missing
    ]


def test_grandmother_living_with_adult_daughter_goes_to_sgb12() -> None:
    """SGB II § 7 Abs. 3: a parent of a child over 25 is not in the child's unit."""
    daughter = person("d", D(1990, 1, 10))
    gran = person("g", D(1950, 1, 10))
    h = household(daughter, gran, relationships=child_of("d", "g"))

    decision = benefit_regime(gran, h, on=D(2022, 6, 21))

    assert BenefitRegime.SGB_XII == decision.value


def test_pensioner_spouse_of_employable_person_gets_sgb12_not_sozialgeld() -> None:
    """SGB II § 19 Abs. 1 S. 2, SGB XII § 41: past the age limit no Sozialgeld."""
    wife = person("w", D(1962, 1, 10))
    husband = person("h", D(1954, 1, 10), sex=Sex.MALE)
    h = household(wife, husband, relationships=[spouses("w", "h")])

    decision = benefit_regime(husband, h, on=D(2022, 6, 21))

    assert BenefitRegime.SGB_XII == decision.value
    assert "old_age_sgb_xii" in decision.codes


def test_child_of_a_parent_under_asylblg_gets_asylblg_too() -> None:
    """AsylbLG § 1 Abs. 1 Nr. 6: family members follow the employable member's regime."""
    mum = person("m", D(1988, 4, 2), first_issued_on=D(2022, 7, 1), registered_on=None)
    kid = person("c", D(2015, 9, 1), registered_on=None)
    h = household(mum, kid, relationships=child_of("c", "m"))

    decision = benefit_regime(kid, h, on=D(2022, 7, 5))

    assert BenefitRegime.ASYLBLG == decision.value
    assert "family_member_asylblg" in decision.codes


def test_person_without_section_24_document_is_outside_the_model() -> None:
    """SGB II § 74 covers the § 24 group only; other residents follow general rules."""
    p = person("p-1", D(1988, 4, 2), document=ResidenceDocument.OTHER_PERMIT)

    assert BenefitRegime.OTHER == benefit_regime(p, household(p), on=D(2022, 6, 21)).value


def test_asylum_seeker_gets_asylblg() -> None:
    """AsylbLG § 1 Abs. 1 Nr. 1: asylum seekers."""
    p = person("p-1", D(1988, 4, 2), document=ResidenceDocument.ASYLUM_ARRIVAL_CERTIFICATE)

    assert BenefitRegime.ASYLBLG == benefit_regime(p, household(p), on=D(2022, 6, 21)).value


def test_regime_needs_the_person_to_be_a_member_of_the_household() -> None:
    """A person outside the household is an input error, reported with its path."""
    p = person("p-1", D(1988, 4, 2))
    other = person("p-2", D(1988, 4, 2))

    with pytest.raises(InvalidInput) as caught:
        benefit_regime(p, household(other), on=D(2022, 6, 21))

    assert ["$.person.id"] == [problem.path for problem in caught.value.problems]


def test_regime_of_a_person_not_yet_born_is_an_input_error() -> None:
    """Asking for the regime before the birth is reported with the path of the birth date."""
    p = person("p-1", D(2023, 1, 1), registered_on=None)

    with pytest.raises(InvalidInput) as caught:
        benefit_regime(p, household(p), on=D(2022, 6, 21))

    assert ["$.person.birth_date"] == [problem.path for problem in caught.value.problems]


# --- the optional 2026 reform ---------------------------------------------------------------


def test_permit_after_march_2025_returns_to_asylblg_after_the_approval_period() -> None:
    """Leistungsrechtsanpassung 2026: the grant runs until the approval period ends."""
    p = person("p-1", D(1988, 4, 2), first_issued_on=D(2025, 4, 1), registered_on=D(2025, 4, 1))
    h = household(p, approval_period_ends_on=D(2026, 8, 31))

    def regime(on: Date) -> BenefitRegime:
        return benefit_regime(p, h, on=on, policy=REFORMED).value

    assert BenefitRegime.SGB_II == regime(D(2026, 6, 30))
    assert BenefitRegime.SGB_II == regime(D(2026, 7, 1))
    assert BenefitRegime.SGB_II == regime(D(2026, 8, 31))
    assert BenefitRegime.ASYLBLG == regime(D(2026, 9, 1))


def test_transition_ends_at_the_end_of_september_2026_at_the_latest() -> None:
    """Leistungsrechtsanpassung 2026: at most to the end of the 3rd month after entry."""
    p = person("p-1", D(1988, 4, 2), first_issued_on=D(2025, 4, 1), registered_on=D(2025, 4, 1))
    h = household(p, approval_period_ends_on=D(2027, 3, 31))

    last = benefit_regime(p, h, on=D(2026, 9, 30), policy=REFORMED)
    after = benefit_regime(p, h, on=D(2026, 10, 1), policy=REFORMED)

    assert (BenefitRegime.SGB_II, BenefitRegime.ASYLBLG) == (last.value, after.value)
    assert "asylblg_return_transition" in last.codes
    assert "asylblg_return" in after.codes


def test_unknown_approval_period_is_presumed_to_run_to_the_transition_end() -> None:
    """The transition presumes the longest grant when its end is unknown, and says so."""
    p = person("p-1", D(1988, 4, 2), first_issued_on=D(2025, 4, 1), registered_on=D(2025, 4, 1))

    decision = benefit_regime(p, household(p), on=D(2026, 9, 30), policy=REFORMED)

    assert BenefitRegime.SGB_II == decision.value
    assert "approval_period_ends_on" in [a.fact for a in decision.missing]


def test_permit_first_issued_after_the_reform_gets_asylblg_at_once() -> None:
    """No existing grant can run out for a permit first issued after 2026-07-01."""
    p = person("p-1", D(1988, 4, 2), first_issued_on=D(2026, 7, 2), registered_on=D(2026, 7, 2))
    h = household(p, approval_period_ends_on=D(2026, 12, 31))

    assert BenefitRegime.ASYLBLG == benefit_regime(p, h, on=D(2026, 7, 3), policy=REFORMED).value


def test_permit_issued_on_the_cutoff_day_stays_in_sgb2() -> None:
    """Leistungsrechtsanpassung 2026: only permits first issued *after* 2025-03-31."""
    p = person("p-1", D(1988, 4, 2), first_issued_on=D(2025, 3, 31), registered_on=D(2025, 3, 31))

    decision = benefit_regime(p, household(p), on=D(2026, 10, 1), policy=REFORMED)

    assert BenefitRegime.SGB_II == decision.value
    assert "issued_before_cutoff" in decision.codes


def test_unknown_first_issue_date_is_presumed_before_the_cutoff() -> None:
    """An unknown first-issue date keeps SGB II, listed in missing."""
    p = person("p-1", D(1988, 4, 2), first_issued_on=None)

    decision = benefit_regime(p, household(p), on=D(2026, 10, 1), policy=REFORMED)

    assert BenefitRegime.SGB_II == decision.value
    assert "residence.first_issued_on" in [a.fact for a in decision.missing]


def test_default_policy_keeps_late_permits_in_sgb2() -> None:
    """The 2026 return to AsylbLG is a named reform, not the default."""
    p = person("p-1", D(1988, 4, 2), first_issued_on=D(2025, 4, 1), registered_on=D(2025, 4, 1))

    assert BenefitRegime.SGB_II == benefit_regime(p, household(p), on=D(2026, 10, 1)).value


# --- § 7 Abs. 3: the benefit unit ------------------------------------------------------------


def test_couple_and_their_young_children_form_one_unit() -> None:
    """SGB II § 7 Abs. 3 Nr. 1, 3 and 4."""
    mum, dad = person("m", D(1988, 4, 2)), person("f", D(1986, 1, 5), sex=Sex.MALE)
    kid, teen = person("c", D(2016, 2, 2)), person("t", D(2006, 7, 7))
    h = household(
        mum,
        dad,
        kid,
        teen,
        relationships=flat(spouses("m", "f"), child_of("c", "m", "f"), child_of("t", "m")),
    )

    decision = benefit_unit(h, on=D(2022, 6, 21))

    assert frozenset({"m", "f", "c", "t"}) == decision.value
    assert "partner" in decision.codes


def test_permanently_separated_spouse_is_not_a_partner() -> None:
    """SGB II § 7 Abs. 3 Nr. 3 a: 'nicht dauernd getrennt lebend'."""
    mum, ex = person("m", D(1988, 4, 2)), person("x", D(1986, 1, 5), sex=Sex.MALE)
    h = household(
        mum,
        ex,
        relationships=[Relationship(person="x", kind=RelationshipKind.SEPARATED_SPOUSE, of="m")],
    )

    units = benefit_units(h, on=D(2022, 6, 21))

    assert (frozenset({"m"}), frozenset({"x"})) == units.value
    assert "separated_spouse_not_partner" in units.codes


def test_child_who_has_completed_25_is_not_in_the_parents_unit() -> None:
    """SGB II § 7 Abs. 3 Nr. 4: children under 25 only."""
    mum = person("m", D(1960, 4, 2))
    son = person("s", D(1997, 6, 21), sex=Sex.MALE)
    h = household(mum, son, relationships=child_of("s", "m"))

    before = benefit_unit(h, on=D(2022, 6, 20), member_id="m")
    birthday = benefit_unit(h, on=D(2022, 6, 21), member_id="m")

    assert frozenset({"m", "s"}) == before.value
    assert frozenset({"m"}) == birthday.value
    assert "child_over_age_limit_not_in_unit" in birthday.codes


def test_married_child_is_not_in_the_parents_unit() -> None:
    """SGB II § 7 Abs. 3 Nr. 4: unmarried children only."""
    mum = person("m", D(1970, 4, 2))
    daughter = Member(person=person("d", D(2001, 1, 1)), marital_status=MaritalStatus.MARRIED)
    h = household(mum, daughter, relationships=child_of("d", "m"))

    decision = benefit_unit(h, on=D(2022, 6, 21))

    assert frozenset({"m"}) == decision.value
    assert "married_child_not_in_unit" in decision.codes


def test_child_covering_own_needs_is_not_in_the_parents_unit() -> None:
    """SGB II § 7 Abs. 3 Nr. 4: only children who cannot cover their own needs."""
    mum = person("m", D(1970, 4, 2))
    son = Member(
        person=person("s", D(2003, 1, 1), sex=Sex.MALE),
        marital_status=MaritalStatus.UNMARRIED,
        covers_own_needs=True,
    )
    h = household(mum, son, relationships=child_of("s", "m"))

    units = benefit_units(h, on=D(2022, 6, 21))

    assert (frozenset({"m"}), frozenset({"s"})) == units.value
    assert "child_covers_own_needs" in units.codes


def test_child_with_own_child_forms_a_separate_unit() -> None:
    """SGB II § 7 Abs. 3: a young mother and her baby are a unit of their own."""
    gran = person("g", D(1975, 4, 2))
    mother = person("d", D(2003, 1, 1))
    baby = person("b", D(2022, 1, 15), registered_on=None)
    h = household(gran, mother, baby, relationships=flat(child_of("d", "g"), child_of("b", "d")))

    units = benefit_units(h, on=D(2022, 6, 21))

    assert (frozenset({"g"}), frozenset({"d", "b"})) == units.value
    assert "child_with_own_child_forms_own_unit" in units.codes


def test_employable_child_under_25_brings_a_pensioner_parent_into_the_unit() -> None:
    """SGB II § 7 Abs. 3 Nr. 2: parents of an unmarried employable child under 25."""
    mum = person("m", D(1956, 3, 3))
    partner = person("p", D(1955, 3, 3), sex=Sex.MALE)
    son = person("s", D(2002, 1, 1), sex=Sex.MALE)
    h = household(
        mum,
        partner,
        son,
        relationships=flat(
            Relationship(person="p", kind=RelationshipKind.RESPONSIBILITY_COMMUNITY, of="m"),
            child_of("s", "m"),
        ),
    )

    decision = benefit_unit(h, on=D(2022, 6, 21), member_id="m")

    assert frozenset({"m", "p", "s"}) == decision.value
    assert {"parent_of_employable_child", "partner_of_parent"} <= set(decision.codes)


def test_household_without_employable_member_has_no_unit() -> None:
    """SGB II § 7 Abs. 3: a unit needs an employable member."""
    gran = person("g", D(1950, 4, 2))
    h = household(gran)

    decision = benefit_unit(h, on=D(2022, 6, 21))

    assert frozenset() == decision.value
    assert {"no_employable_member", "in_no_unit"} <= set(decision.codes)


def test_unknown_marital_status_and_means_are_presumed_and_listed() -> None:
    """Unknown facts about a child are presumed (unmarried, needy) and said so."""
    mum = person("m", D(1980, 4, 2))
    kid = person("c", D(2005, 1, 1))
    h = household(mum, kid, relationships=child_of("c", "m"))

    decision = benefit_unit(h, on=D(2022, 6, 21))

    facts = {a.fact for a in decision.missing}
    assert {"c.marital_status", "c.covers_own_needs"} <= facts


def test_unit_reasons_name_members_by_id_only() -> None:
    """Reasons carry ids, never names or birth dates."""
    mum = person("m", D(1980, 4, 2), name="Olena")
    kid = person("c", D(1997, 6, 20), name="Taras")
    h = household(mum, kid, relationships=child_of("c", "m"))

    text = benefit_unit(h, on=D(2022, 6, 21)).explain()

    assert "Olena" not in text and "Taras" not in text
    assert "1980" not in text and "1997" not in text


def test_unit_of_an_unknown_member_is_an_input_error() -> None:
    """An id that is not a member is reported with its path."""
    h = household(person("m", D(1980, 4, 2)))

    with pytest.raises(InvalidInput) as caught:
        benefit_unit(h, on=D(2022, 6, 21), member_id="nobody")

    assert ["$.member_id"] == [p.path for p in caught.value.problems]


def test_members_not_yet_born_are_left_out() -> None:
    """A household recorded later may hold a child not yet born on the day."""
    mum = person("m", D(1980, 4, 2))
    baby = person("b", D(2023, 1, 1))
    h = household(mum, baby, relationships=child_of("b", "m"))

    decision = benefit_units(h, on=D(2022, 6, 21))

    assert (frozenset({"m"}),) == decision.value
    assert "not_yet_born" in decision.codes


# --- § 10: reasonableness ------------------------------------------------------------------


def test_child_under_three_makes_work_unreasonable_for_one_parent() -> None:
    """SGB II § 10 Abs. 1 Nr. 3: one caring parent is exempt, not both."""
    mum = Member(person=person("m", D(1990, 1, 1)), primary_carer=True)
    dad = Member(person=person("f", D(1989, 1, 1), sex=Sex.MALE))
    baby = Member(person=person("b", D(2021, 3, 1), registered_on=None))
    h = household(mum, dad, baby, relationships=flat(spouses("m", "f"), child_of("b", "m", "f")))

    for_mum = work_is_reasonable(mum.person, h, on=D(2022, 6, 21))
    for_dad = work_is_reasonable(dad.person, h, on=D(2022, 6, 21))

    assert (False, True) == (for_mum.value, for_dad.value)
    assert "partner_cares_for_young_child" in for_dad.codes


def test_single_parent_of_a_child_under_three_is_exempt() -> None:
    """SGB II § 10 Abs. 1 Nr. 3: a sole parent is the caring parent."""
    mum = person("m", D(1990, 1, 1))
    baby = person("b", D(2021, 3, 1), registered_on=None)
    h = household(mum, baby, relationships=child_of("b", "m"))

    decision = work_is_reasonable(mum, h, on=D(2022, 6, 21))

    assert decision.value is False
    assert () == decision.missing


def test_two_parents_without_a_designated_carer_presume_the_person_asked() -> None:
    """SGB II § 10 Abs. 1 Nr. 3: the carer is unknown, so the person asked is presumed."""
    mum, dad = person("m", D(1990, 1, 1)), person("f", D(1989, 1, 1), sex=Sex.MALE)
    baby = person("b", D(2021, 3, 1), registered_on=None)
    h = household(mum, dad, baby, relationships=flat(spouses("m", "f"), child_of("b", "m")))

    decision = work_is_reasonable(dad, h, on=D(2022, 6, 21))

    assert decision.value is False
    assert ["primary_carer"] == [a.fact for a in decision.missing]


def test_third_birthday_ends_the_exemption_when_care_is_secured() -> None:
    """SGB II § 10 Abs. 1 Nr. 3: from 3 completed years, secured care makes work reasonable."""
    mum = person("m", D(1990, 1, 1))
    kid = Member(person=person("c", D(2019, 6, 21), registered_on=None), child_care=ChildCare.KITA)
    h = household(mum, kid, relationships=child_of("c", "m"))

    before = work_is_reasonable(mum, h, on=D(2022, 6, 20))
    birthday = work_is_reasonable(mum, h, on=D(2022, 6, 21))

    assert (False, True) == (before.value, birthday.value)
    assert "child_care_secured" in birthday.codes


def test_child_over_three_without_care_makes_work_unreasonable() -> None:
    """SGB II § 10 Abs. 1 Nr. 3: reasonable only 'soweit die Betreuung sichergestellt ist'."""
    mum = person("m", D(1990, 1, 1))
    kid = Member(person=person("c", D(2017, 6, 21), registered_on=None), child_care=ChildCare.NONE)
    h = household(mum, kid, relationships=child_of("c", "m"))

    decision = work_is_reasonable(mum, h, on=D(2022, 6, 21))

    assert decision.value is False
    assert "child_care_not_secured" in decision.codes


def test_unknown_care_of_a_school_child_is_presumed_not_secured() -> None:
    """An unknown care arrangement is presumed missing, and said so."""
    mum = person("m", D(1990, 1, 1))
    kid = person("c", D(2014, 6, 21), registered_on=None)
    h = household(mum, kid, relationships=child_of("c", "m"))

    decision = work_is_reasonable(mum, h, on=D(2022, 6, 21))

    assert decision.value is False
    assert ["child_care"] == [a.fact for a in decision.missing]


def test_teenager_needs_no_secured_care() -> None:
    """From 14 years (local parameter) a child's care no longer limits a parent's work."""
    mum = person("m", D(1980, 1, 1))
    kid = person("c", D(2008, 6, 21), registered_on=None)
    h = household(mum, kid, relationships=child_of("c", "m"))

    assert work_is_reasonable(mum, h, on=D(2022, 6, 21)).value is True


def test_partners_child_counts_like_ones_own() -> None:
    """SGB II § 10 Abs. 1 Nr. 3: 'des Kindes ihrer Partnerin oder ihres Partners'."""
    mum, step = person("m", D(1990, 1, 1)), person("s", D(1985, 1, 1), sex=Sex.MALE)
    baby = person("b", D(2021, 3, 1), registered_on=None)
    h = household(
        step,
        mum,
        baby,
        relationships=flat(
            Relationship(person="s", kind=RelationshipKind.RESPONSIBILITY_COMMUNITY, of="m"),
            child_of("b", "m"),
        ),
    )

    decision = work_is_reasonable(step, h, on=D(2022, 6, 21))

    assert decision.value is False


def test_caring_for_a_relative_that_cannot_be_secured_otherwise_is_a_reason() -> None:
    """SGB II § 10 Abs. 1 Nr. 4."""
    carer, gran = person("m", D(1980, 1, 1)), person("g", D(1945, 1, 1))
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


def test_person_without_care_duties_may_reasonably_work() -> None:
    """SGB II § 10 Abs. 1: every work is reasonable unless an exception applies."""
    p = person("p", D(1980, 1, 1))

    decision = work_is_reasonable(p, household(p), on=D(2022, 6, 21))

    assert decision.value is True
    assert ("no_care_obligations",) == decision.codes


def test_grundsicherung_reform_lowers_the_child_age_to_one_from_july_2026() -> None:
    """Planned 13th amendment: from 2026-07-01 a child of 1 with care secured suffices."""
    reformed = grundsicherung_2026(DEFAULT_POLICY)
    mum = person("m", D(1990, 1, 1))
    kid = Member(person=person("c", D(2024, 9, 1), registered_on=None), child_care=ChildCare.KITA)
    h = household(mum, kid, relationships=child_of("c", "m"))

    before = work_is_reasonable(mum, h, on=D(2026, 6, 30), policy=reformed)
    after = work_is_reasonable(mum, h, on=D(2026, 7, 1), policy=reformed)
    default = work_is_reasonable(mum, h, on=D(2026, 7, 1))

    assert (False, True, False) == (before.value, after.value, default.value)


# --- children: school and childcare ---------------------------------------------------------


@pytest.mark.parametrize(
    ("born", "entry"),
    [
        (D(2019, 9, 30), D(2025, 8, 1)),
        (D(2019, 10, 1), D(2026, 8, 1)),
        (D(2020, 9, 30), D(2026, 8, 1)),
        (D(2020, 2, 29), D(2026, 8, 1)),
        (D(2016, 1, 1), D(2022, 8, 1)),
        (D(2016, 12, 31), D(2023, 8, 1)),
    ],
)
def test_nrw_school_entry_is_1_august_of_the_year_of_the_sixth_birthday_by_30_september(
    born: Date, entry: Date
) -> None:
    """SchulG NRW § 35 Abs. 1."""
    assert entry == school_entry_date(born)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2020, 2, 29), ChildcareEntitlement.NONE),
        (D(2020, 3, 1), ChildcareEntitlement.DAYCARE_OR_CHILDMINDER),
        (D(2022, 2, 28), ChildcareEntitlement.DAYCARE_OR_CHILDMINDER),
        (D(2022, 3, 1), ChildcareEntitlement.KITA),
        (D(2025, 7, 31), ChildcareEntitlement.KITA),
        (D(2025, 8, 1), ChildcareEntitlement.SCHOOL),
    ],
)
def test_childcare_entitlement_follows_sgb8_section_24_until_school(
    on: Date, expected: ChildcareEntitlement
) -> None:
    """SGB VIII § 24 Abs. 1 to 3: none, day care from 1, Kita from 3, then school."""
    born = D(2019, 3, 1)

    assert expected == childcare_entitlement(born, on=on).value


# --- properties ---------------------------------------------------------------------------------


def _on_or_after(day: _dt.date) -> st.SearchStrategy[Date]:
    return pendulum_dates(max(day, _dt.date(2021, 1, 1)), _dt.date(2030, 12, 31))


@given(data=st.data())
def test_nobody_is_employable_outside_working_age(data: st.DataObject) -> None:
    """SGB II § 7 Abs. 1, § 8: employability implies working age, whatever the policy."""
    p = data.draw(persons())
    on = data.draw(reference_dates())
    policy = data.draw(policies())

    employable = is_employable(p, on=on, policy=policy)
    working_age = is_of_working_age(p, on=on, policy=policy)

    assert not employable.value or working_age.value


@given(data=st.data())
def test_benefit_unit_of_an_employable_member_contains_that_member(data: st.DataObject) -> None:
    """SGB II § 7 Abs. 3 Nr. 1: each employable member belongs to their own unit."""
    h = data.draw(households())
    on = data.draw(_on_or_after(max(m.person.birth_date for m in h.members)))

    for m in h.members:
        if is_employable(m.person, on=on).value:
            assert m.id in benefit_unit(h, on=on, member_id=m.id).value


@given(data=st.data())
def test_benefit_units_are_disjoint_and_hold_only_members(data: st.DataObject) -> None:
    """SGB II § 7 Abs. 3: nobody belongs to two units."""
    h = data.draw(households())
    on = data.draw(_on_or_after(h.members[0].person.birth_date))

    units = benefit_units(h, on=on).value

    seen: list[str] = [mid for unit in units for mid in unit]
    assert len(seen) == len(set(seen))
    assert set(seen) <= set(h.member_ids)


@given(data=st.data())
def test_units_do_not_depend_on_the_order_of_relationships(data: st.DataObject) -> None:
    """The same facts in another order give the same units."""
    h = data.draw(households())
    on = data.draw(_on_or_after(h.members[0].person.birth_date))
    shuffled = attrs.evolve(h, relationships=data.draw(st.permutations(h.relationships)))

    assert set(benefit_units(h, on=on).value) == set(benefit_units(shuffled, on=on).value)


@given(data=st.data())
def test_decisions_are_deterministic(data: st.DataObject) -> None:
    """Equal inputs give equal decisions (regime, unit, reasonableness)."""
    h = data.draw(households())
    member = data.draw(st.sampled_from(h.members)).person
    on = data.draw(_on_or_after(max(m.person.birth_date for m in h.members)))
    policy = data.draw(policies())
    rebuilt = attrs.evolve(h)

    first = (
        benefit_regime(member, h, on=on, policy=policy),
        benefit_units(h, on=on, policy=policy),
        work_is_reasonable(member, h, on=on, policy=policy),
    )
    second = (
        benefit_regime(member, rebuilt, on=on, policy=policy),
        benefit_units(rebuilt, on=on, policy=policy),
        work_is_reasonable(member, rebuilt, on=on, policy=policy),
    )

    assert first == second


@given(data=st.data())
def test_employable_regime_member_is_never_in_sgb12(data: st.DataObject) -> None:
    """SGB XII only for those not employable (SGB II § 7 Abs. 1 S. 1 Nr. 2, § 21 SGB XII)."""
    h = data.draw(households())
    member = data.draw(st.sampled_from(h.members)).person
    on = data.draw(_on_or_after(member.birth_date))
    policy = data.draw(policies())

    regime = benefit_regime(member, h, on=on, policy=policy).value

    if is_employable(member, on=on, policy=policy).value:
        assert BenefitRegime.SGB_XII != regime


@given(born=pendulum_dates(_dt.date(1940, 1, 1), _dt.date(2024, 12, 31)))
def test_school_entry_is_on_1_august_between_ages_five_and_seven(born: Date) -> None:
    """SchulG NRW § 35 Abs. 1: the child is 5 or 6 on the day of entry."""
    entry = school_entry_date(born)

    assert (8, 1) == (entry.month, entry.day)
    assert (
        5
        <= entry.year - born.year - (1 if (entry.month, entry.day) < (born.month, born.day) else 0)
        <= 6
    )


@given(data=st.data())
def test_household_regimes_equal_each_members_regime(data: st.DataObject) -> None:
    """benefit_regimes answers for every member born by the day as benefit_regime does."""
    h = data.draw(households())
    on = data.draw(reference_dates())
    policy = data.draw(policies())

    expected = tuple(
        (m.person.id, benefit_regime(m.person, h, on=on, policy=policy))
        for m in h.members
        if m.person.birth_date <= on
    )
    actual = benefit_regimes(h, on=on, policy=policy)

    assert expected == actual


@given(data=st.data())
def test_answers_for_one_policy_do_not_leak_into_another(data: st.DataObject) -> None:
    """The per-day tables of one policy never answer for another policy on the same day."""
    person = data.draw(persons())
    on = data.draw(_on_or_after(person.birth_date))
    strict = attrs.evolve(
        DEFAULT_POLICY,
        min_daily_work_hours=DEFAULT_POLICY.min_daily_work_hours.change_from(
            D(1900, 1, 1), 25, note="no one can work 25 hours a day"
        ),
    )

    with_default = is_employable(person, on=on)
    with_strict = is_employable(person, on=on, policy=strict)

    assert "capacity_presumed" in with_strict.codes or not with_strict.value
    assert with_default.value or not with_strict.value


@given(data=st.data())
def test_regimes_asked_member_by_member_follow_every_change_of_the_household(
    data: st.DataObject,
) -> None:
    """A household changed after its members were asked about is answered afresh."""
    h = data.draw(households())
    on = data.draw(reference_dates())
    policy = data.draw(policies())
    changed = attrs.evolve(
        h,
        relationships=data.draw(st.permutations(h.relationships))[1:],
        members=tuple(attrs.evolve(m, covers_own_needs=None) for m in h.members),
    )
    born = [m.person for m in h.members if m.person.birth_date <= on]

    asked_before = [benefit_regime(p, h, on=on, policy=policy) for p in reversed(born)]
    actual = [benefit_regime(p, changed, on=on, policy=policy) for p in born]

    assert [d for _, d in benefit_regimes(h, on=on, policy=policy)] == asked_before[::-1]
    assert [d for _, d in benefit_regimes(changed, on=on, policy=policy)] == actual


def _clear_rule_caches() -> None:
    for cache in (_day, _age_of, _start_for, _shape_units, _shape_regimes, _household_regimes):
        cache.cache_clear()


def _answers(h: Household, on: Date, policy: Policy) -> tuple[Any, ...]:
    regimes = benefit_regimes(h, on=on, policy=policy)
    units = benefit_units(h, on=on, policy=policy)
    unit = [benefit_unit(h, on=on, member_id=mid, policy=policy) for mid in h.member_ids]
    return regimes, units, unit


@given(data=st.data())
def test_answers_about_a_household_do_not_depend_on_households_asked_before(
    data: st.DataObject,
) -> None:
    """Rules kept per household shape answer as if asked fresh, whatever was asked before."""
    first = data.draw(households())
    second = data.draw(households())
    on = data.draw(reference_dates())
    policy = data.draw(policies())
    _clear_rule_caches()
    fresh = _answers(second, on, policy)

    _clear_rule_caches()
    _answers(first, on, policy)
    after_first = _answers(second, on, policy)

    assert fresh == after_first


@given(data=st.data())
def test_regime_rule_presumes_what_the_unit_rule_presumes(data: st.DataObject) -> None:
    """The regime rule's lean view of the units (no reasons) has the unit rule's presumptions."""
    h = data.draw(households())
    on = data.draw(reference_dates())
    policy = data.draw(policies())

    day = _day(on, policy)
    shape = _shape(h, day)

    explained = _shape_units(day, shape, True)
    lean = _shape_units(day, shape, False)

    assert explained.units == lean.units
    assert explained.employable == lean.employable
    assert [n for n in explained.notes if n.assumption is not None] == list(lean.notes)
