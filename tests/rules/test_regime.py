"""The benefit regime as policy: SGB II § 74 and what follows from the benefit unit."""

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
from jobcenter_core.parameters import DEFAULT_POLICY, Policy, leistungsrechtsanpassung_2026
from jobcenter_core.people import Person, ResidenceDocument, Sex, WorkCapacity
from jobcenter_core.rules import (
    BenefitRegime,
    benefit_regime,
    benefit_regimes,
    benefit_unit,
    is_employable,
)
from jobcenter_core.testing import households, pendulum_dates, policies, reference_dates

D = pendulum.date
LAW_DAY = D(2022, 6, 1)
REFORMED = leistungsrechtsanpassung_2026(DEFAULT_POLICY)
Refugee = Callable[..., Person]
Build = Callable[..., Household]
ChildOf = Callable[..., tuple[Relationship, ...]]
Spouses = Callable[[str, str], Relationship]


# --- § 74: the regime --------------------------------------------------------------------------


def test_fiktionsbescheinigung_with_identity_registration_gets_sgb2_from_june_2022(
    refugee: Refugee, household: Build
) -> None:
    """SGB II § 74: AsylbLG up to 2022-05-31, SGB II from 2022-06-01."""
    p = refugee("p-1", D(1988, 4, 2), document=ResidenceDocument.FICTION_CERTIFICATE)
    h = household(p)

    before = benefit_regime(p, h, on=D(2022, 5, 31))
    after = benefit_regime(p, h, on=LAW_DAY)
    day_after = benefit_regime(p, h, on=D(2022, 6, 2))

    assert BenefitRegime.ASYLBLG == before.value
    assert BenefitRegime.SGB_II == after.value
    assert after == day_after
    assert "section_74_not_in_force" in before.codes
    assert "employable_sgb_ii" in after.codes


def test_registration_counts_from_its_day(refugee: Refugee, household: Build) -> None:
    """SGB II § 74 Abs. 1: without the registration (and no catch-up) AsylbLG stays."""
    p = refugee("p-1", D(1988, 4, 2), first_issued_on=D(2022, 6, 15), registered_on=D(2022, 7, 4))
    h = household(p)

    before = benefit_regime(p, h, on=D(2022, 7, 3))
    after = benefit_regime(p, h, on=D(2022, 7, 4))

    assert (BenefitRegime.ASYLBLG, BenefitRegime.SGB_II) == (before.value, after.value)
    assert "identity_registration_missing" in before.codes


def test_registration_with_unknown_date_is_presumed_made_and_listed_as_missing(
    refugee: Refugee, household: Build
) -> None:
    """SGB II § 74 Abs. 1: a registration without a date is presumed made by the day."""
    p = refugee("p-1", D(1988, 4, 2), registered_on=None, identity_registered=True)

    decision = benefit_regime(p, household(p), on=D(2022, 6, 21))

    assert BenefitRegime.SGB_II == decision.value
    assert "identity_registered_on" in [a.fact for a in decision.missing]


def test_central_register_suffices_until_the_catch_up_deadline(
    refugee: Refugee, household: Build
) -> None:
    """SGB II § 74: permits of 2022-02-24..05-31 in the AZR qualify until 2022-10-31."""
    p = refugee(
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


def test_central_register_does_not_suffice_for_permits_after_may_2022(
    refugee: Refugee, household: Build
) -> None:
    """SGB II § 74: the catch-up rule covers only permits up to 2022-05-31."""
    p = refugee(
        "p-1",
        D(1988, 4, 2),
        first_issued_on=D(2022, 6, 1),
        registered_on=None,
        stored_in_central_register=True,
    )

    assert BenefitRegime.ASYLBLG == benefit_regime(p, household(p), on=D(2022, 7, 1)).value


def test_catch_up_deadline_is_a_replaceable_parameter(refugee: Refugee, household: Build) -> None:
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
    p = refugee(
        "p-1",
        D(1988, 4, 2),
        first_issued_on=D(2022, 3, 10),
        registered_on=None,
        stored_in_central_register=True,
    )

    decision = benefit_regime(p, household(p), on=D(2022, 9, 1), policy=earlier)

    assert BenefitRegime.ASYLBLG == decision.value


def test_child_under_fourteen_needs_no_registration_and_gets_sozialgeld(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """AufenthG § 49 from 14 years; SGB II § 19 Abs. 1 S. 2: Sozialgeld in the unit."""
    mum = refugee("m", D(1988, 4, 2))
    kid = refugee("c", D(2010, 9, 1), registered_on=None)
    h = household(mum, kid, relationships=child_of("c", "m"))

    decision = benefit_regime(kid, h, on=D(2022, 6, 21))

    assert BenefitRegime.SGB_II == decision.value
    assert "identity_registration_not_required" in decision.codes
    assert "sozialgeld" in decision.codes


def test_child_who_has_completed_fourteen_needs_the_registration(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """AufenthG § 49: required from the completed 14th year (on the 14th birthday)."""
    mum = refugee("m", D(1988, 4, 2))
    kid = refugee("c", D(2008, 6, 21), registered_on=None, first_issued_on=D(2022, 6, 10))
    h = household(mum, kid, relationships=child_of("c", "m"))

    before = benefit_regime(kid, h, on=D(2022, 6, 20))
    birthday = benefit_regime(kid, h, on=D(2022, 6, 21))

    assert (BenefitRegime.SGB_II, BenefitRegime.ASYLBLG) == (before.value, birthday.value)


def test_not_employable_person_alone_goes_to_sgb12(refugee: Refugee, household: Build) -> None:
    """SGB II § 7 Abs. 1 S. 1 Nr. 2, SGB XII § 146: no employability, no unit, SGB XII."""
    p = refugee(
        "p-1", D(1980, 1, 10), work_capacity=WorkCapacity(hours_per_day=1, assessed_on=LAW_DAY)
    )

    decision = benefit_regime(p, household(p), on=D(2022, 6, 21))

    assert BenefitRegime.SGB_XII == decision.value
    assert "not_employable_no_unit" in decision.codes


def test_partner_unable_to_work_gets_sozialgeld_presuming_incapacity_not_permanent(
    refugee: Refugee, household: Build, spouses: Spouses
) -> None:
    """SGB II § 19 Abs. 1 S. 2; SGB XII § 41 Abs. 3 (permanent full incapacity) not checked."""
    wife = refugee("w", D(1988, 4, 2))
    husband = refugee(
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


def test_child_unable_to_work_for_health_reasons_is_not_presumed_permanently_incapable(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """SGB XII § 41 Abs. 3 concerns adults: the presumption is made from 18 years only."""
    mum = refugee("m", D(1980, 4, 2))
    kid = refugee(
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


def test_child_of_a_parent_under_general_rules_gets_sozialgeld_presuming_sgb2(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """SGB II § 19 Abs. 1 S. 2: the parent's own regime (general rules) is not modelled."""
    dad = refugee("d", D(1985, 4, 2), sex=Sex.MALE, document=ResidenceDocument.OTHER_PERMIT)
    kid = refugee("c", D(2015, 9, 1), registered_on=None)
    h = household(dad, kid, relationships=child_of("c", "d"))

    decision = benefit_regime(kid, h, on=D(2022, 6, 21))

    assert BenefitRegime.SGB_II == decision.value
    assert "sozialgeld" in decision.codes
    assert ("d.benefit_regime", "SGB II (general rules, not modelled)") in [
        (a.fact, a.presumed) for a in decision.missing
    ]


def test_grandmother_living_with_adult_daughter_goes_to_sgb12(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """SGB II § 7 Abs. 3: a parent of a child over 25 is not in the child's unit."""
    daughter = refugee("d", D(1990, 1, 10))
    gran = refugee("g", D(1950, 1, 10))
    h = household(daughter, gran, relationships=child_of("d", "g"))

    decision = benefit_regime(gran, h, on=D(2022, 6, 21))

    assert BenefitRegime.SGB_XII == decision.value


def test_pensioner_spouse_of_employable_person_gets_sgb12_not_sozialgeld(
    refugee: Refugee, household: Build, spouses: Spouses
) -> None:
    """SGB II § 19 Abs. 1 S. 2, SGB XII § 41: past the age limit no Sozialgeld."""
    wife = refugee("w", D(1962, 1, 10))
    husband = refugee("h", D(1954, 1, 10), sex=Sex.MALE)
    h = household(wife, husband, relationships=[spouses("w", "h")])

    decision = benefit_regime(husband, h, on=D(2022, 6, 21))

    assert BenefitRegime.SGB_XII == decision.value
    assert "old_age_sgb_xii" in decision.codes


def test_child_of_a_parent_under_asylblg_gets_asylblg_too(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """AsylbLG § 1 Abs. 1 Nr. 6: family members follow the employable member's regime."""
    mum = refugee("m", D(1988, 4, 2), first_issued_on=D(2022, 7, 1), registered_on=None)
    kid = refugee("c", D(2015, 9, 1), registered_on=None)
    h = household(mum, kid, relationships=child_of("c", "m"))

    decision = benefit_regime(kid, h, on=D(2022, 7, 5))

    assert BenefitRegime.ASYLBLG == decision.value
    assert "family_member_asylblg" in decision.codes


def test_person_without_section_24_document_is_outside_the_model(
    refugee: Refugee, household: Build
) -> None:
    """SGB II § 74 covers the § 24 group only; other residents follow general rules."""
    p = refugee("p-1", D(1988, 4, 2), document=ResidenceDocument.OTHER_PERMIT)

    assert BenefitRegime.OTHER == benefit_regime(p, household(p), on=D(2022, 6, 21)).value


def test_asylum_seeker_gets_asylblg(refugee: Refugee, household: Build) -> None:
    """AsylbLG § 1 Abs. 1 Nr. 1: asylum seekers."""
    p = refugee("p-1", D(1988, 4, 2), document=ResidenceDocument.ASYLUM_ARRIVAL_CERTIFICATE)

    assert BenefitRegime.ASYLBLG == benefit_regime(p, household(p), on=D(2022, 6, 21)).value


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


# --- the optional 2026 reform ---------------------------------------------------------------


def test_permit_after_march_2025_returns_to_asylblg_after_the_approval_period(
    refugee: Refugee, household: Build
) -> None:
    """Leistungsrechtsanpassung 2026: the grant runs until the approval period ends."""
    p = refugee("p-1", D(1988, 4, 2), first_issued_on=D(2025, 4, 1), registered_on=D(2025, 4, 1))
    h = household(p, approval_period_ends_on=D(2026, 8, 31))

    def regime(on: Date) -> BenefitRegime:
        return benefit_regime(p, h, on=on, policy=REFORMED).value

    assert BenefitRegime.SGB_II == regime(D(2026, 6, 30))
    assert BenefitRegime.SGB_II == regime(D(2026, 7, 1))
    assert BenefitRegime.SGB_II == regime(D(2026, 8, 31))
    assert BenefitRegime.ASYLBLG == regime(D(2026, 9, 1))


def test_transition_ends_at_the_end_of_september_2026_at_the_latest(
    refugee: Refugee, household: Build
) -> None:
    """Leistungsrechtsanpassung 2026: at most to the end of the 3rd month after entry."""
    p = refugee("p-1", D(1988, 4, 2), first_issued_on=D(2025, 4, 1), registered_on=D(2025, 4, 1))
    h = household(p, approval_period_ends_on=D(2027, 3, 31))

    last = benefit_regime(p, h, on=D(2026, 9, 30), policy=REFORMED)
    after = benefit_regime(p, h, on=D(2026, 10, 1), policy=REFORMED)

    assert (BenefitRegime.SGB_II, BenefitRegime.ASYLBLG) == (last.value, after.value)
    assert "asylblg_return_transition" in last.codes
    assert "asylblg_return" in after.codes


def test_unknown_approval_period_is_presumed_to_run_to_the_transition_end(
    refugee: Refugee, household: Build
) -> None:
    """The transition presumes the longest grant when its end is unknown, and says so."""
    p = refugee("p-1", D(1988, 4, 2), first_issued_on=D(2025, 4, 1), registered_on=D(2025, 4, 1))

    decision = benefit_regime(p, household(p), on=D(2026, 9, 30), policy=REFORMED)

    assert BenefitRegime.SGB_II == decision.value
    assert "approval_period_ends_on" in [a.fact for a in decision.missing]


def test_permit_first_issued_after_the_reform_gets_asylblg_at_once(
    refugee: Refugee, household: Build
) -> None:
    """No existing grant can run out for a permit first issued after 2026-07-01."""
    p = refugee("p-1", D(1988, 4, 2), first_issued_on=D(2026, 7, 2), registered_on=D(2026, 7, 2))
    h = household(p, approval_period_ends_on=D(2026, 12, 31))

    assert BenefitRegime.ASYLBLG == benefit_regime(p, h, on=D(2026, 7, 3), policy=REFORMED).value


def test_permit_issued_on_the_cutoff_day_stays_in_sgb2(refugee: Refugee, household: Build) -> None:
    """Leistungsrechtsanpassung 2026: only permits first issued *after* 2025-03-31."""
    p = refugee("p-1", D(1988, 4, 2), first_issued_on=D(2025, 3, 31), registered_on=D(2025, 3, 31))

    decision = benefit_regime(p, household(p), on=D(2026, 10, 1), policy=REFORMED)

    assert BenefitRegime.SGB_II == decision.value
    assert "issued_before_cutoff" in decision.codes


def test_unknown_first_issue_date_is_presumed_before_the_cutoff(
    refugee: Refugee, household: Build
) -> None:
    """An unknown first-issue date keeps SGB II, listed in missing."""
    p = refugee("p-1", D(1988, 4, 2), first_issued_on=None)

    decision = benefit_regime(p, household(p), on=D(2026, 10, 1), policy=REFORMED)

    assert BenefitRegime.SGB_II == decision.value
    assert "residence.first_issued_on" in [a.fact for a in decision.missing]


def test_default_policy_keeps_late_permits_in_sgb2(refugee: Refugee, household: Build) -> None:
    """The 2026 return to AsylbLG is a named reform, not the default."""
    p = refugee("p-1", D(1988, 4, 2), first_issued_on=D(2025, 4, 1), registered_on=D(2025, 4, 1))

    assert BenefitRegime.SGB_II == benefit_regime(p, household(p), on=D(2026, 10, 1)).value


# --- boundaries the law names ---------------------------------------------------------------


def test_child_of_a_parent_switches_to_sozialgeld_with_the_parent_on_1_june_2022(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """SGB II § 74 and § 19 Abs. 1 S. 2: the child follows the parent from 2022-06-01."""
    mum = refugee("m", D(1988, 4, 2))
    kid = refugee("c", D(2015, 9, 1), registered_on=None)
    h = household(mum, kid, relationships=child_of("c", "m"))

    regimes = [benefit_regime(kid, h, on=on) for on in (D(2022, 5, 31), LAW_DAY, D(2022, 6, 2))]

    assert [BenefitRegime.ASYLBLG, BenefitRegime.SGB_II, BenefitRegime.SGB_II] == [
        d.value for d in regimes
    ]
    assert "sozialgeld" in regimes[1].codes


def test_child_born_on_29_february_needs_the_registration_from_1_march_of_a_common_year(
    refugee: Refugee, household: Build, child_of: ChildOf
) -> None:
    """AufenthG § 49, BGB § 188 Abs. 3: born 2012-02-29, the 14th year ends with 2026-02-28."""
    mum = refugee("m", D(1988, 4, 2))
    kid = refugee("c", D(2012, 2, 29), registered_on=None, first_issued_on=D(2022, 6, 10))
    h = household(mum, kid, relationships=child_of("c", "m"))

    eve = benefit_regime(kid, h, on=D(2026, 2, 28))
    first_of_march = benefit_regime(kid, h, on=D(2026, 3, 1))

    assert (BenefitRegime.SGB_II, BenefitRegime.ASYLBLG) == (eve.value, first_of_march.value)
    assert "identity_registration_not_required" in eve.codes
    assert "identity_registration_missing" in first_of_march.codes


@pytest.mark.parametrize(
    ("born", "last_day"),
    [(D(1957, 7, 1), D(2023, 5, 31)), (D(1960, 2, 29), D(2026, 6, 30))],
    ids=["born-on-the-1st", "born-on-29-february"],
)
def test_spouse_past_the_upper_age_limit_moves_from_sgb2_to_sgb12(
    refugee: Refugee, household: Build, spouses: Spouses, born: Date, last_day: Date
) -> None:
    """SGB II § 7a, SGB XII § 41: SGB II up to the last day inside the limit, then old-age
    basic income, not Sozialgeld (born on the 1st: the month before; on 29 February:
    counted to the 28th)."""
    wife = refugee("w", D(1970, 1, 10))
    husband = refugee("h", born, sex=Sex.MALE)
    h = household(wife, husband, relationships=[spouses("w", "h")])

    last_in = benefit_regime(husband, h, on=last_day)
    first_out = benefit_regime(husband, h, on=last_day.add(days=1))

    assert (BenefitRegime.SGB_II, BenefitRegime.SGB_XII) == (last_in.value, first_out.value)
    assert "employable_sgb_ii" in last_in.codes
    assert "old_age_sgb_xii" in first_out.codes


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
