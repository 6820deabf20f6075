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

from jobcenter_core.decisions import LegalReference
from jobcenter_core.errors import InvalidInput
from jobcenter_core.households import Household, Member, Relationship, RelationshipKind
from jobcenter_core.parameters import (
    DEFAULT_POLICY,
    AgeLimit,
    AgeLimitTable,
    Dated,
    Policy,
    RegistrationCatchUp,
    leistungsrechtsanpassung_2026,
)
from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex, WorkCapacity
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


# --- boundaries pinned by mutation testing (issue 21) ---------------------------------------

SGB_II, SGB_XII, ASYLBLG = BenefitRegime.SGB_II, BenefitRegime.SGB_XII, BenefitRegime.ASYLBLG


@pytest.mark.parametrize(
    ("first_issued_on", "regime"),
    [
        (D(2022, 2, 23), ASYLBLG),
        (D(2022, 2, 24), SGB_II),
        (D(2022, 5, 31), SGB_II),
        (D(2022, 6, 1), ASYLBLG),
    ],
)
def test_storage_in_the_central_register_suffices_only_for_permits_issued_before_section_74_took_effect(
    refugee: Refugee, household: Build, first_issued_on: Date, regime: BenefitRegime
) -> None:
    """
    SGB II § 74 Abs. 1 (catch-up rule): for a permit first issued from 2022-02-24 to
    2022-05-31, storage in the central register stands in for the identity registration
    until the catch-up deadline; a permit first issued on 2022-06-01, the day § 74 takes
    effect, or before the window, needs the registration itself.
    """
    p = refugee(
        "p-1",
        D(1990, 5, 5),
        first_issued_on=first_issued_on,
        registered_on=None,
        stored_in_central_register=True,
    )

    assert regime == benefit_regime(p, household(p), on=D(2022, 7, 1)).value


def test_an_unknown_first_issue_date_is_not_presumed_to_lie_in_the_catch_up_window(
    refugee: Refugee, household: Build
) -> None:
    """
    SGB II § 74 Abs. 1: without the identity registration, and with no first-issue date
    to place the permit in the catch-up window, the § 74 conditions are not met: AsylbLG,
    and the unknown date is listed as missing.
    """
    p = refugee(
        "p-1",
        D(1990, 5, 5),
        first_issued_on=None,
        registered_on=None,
        stored_in_central_register=True,
    )

    decision = benefit_regime(p, household(p), on=D(2022, 7, 1))

    assert ASYLBLG == decision.value
    assert ["residence.first_issued_on"] == [a.fact for a in decision.missing]


@pytest.mark.parametrize(
    ("on", "regime"),
    [
        (D(2023, 1, 30), SGB_II),
        (D(2023, 1, 31), SGB_II),
        (D(2023, 2, 1), SGB_XII),
    ],
)
def test_sozialgeld_ends_with_the_month_the_age_limit_is_reached(
    refugee: Refugee, household: Build, on: Date, regime: BenefitRegime
) -> None:
    """
    SGB II § 19 Abs. 1 S. 2 and SGB XII § 41 Abs. 2: a wife not able to work 3 hours a
    day, in her employable husband's unit, gets Sozialgeld to the end of the month she
    reaches the § 7a limit (born 1957-02-15: 2023-01-31), then SGB XII.
    """
    wife = refugee(
        "p-1",
        D(1957, 2, 15),
        work_capacity=WorkCapacity(hours_per_day=2, assessed_on=D(2022, 9, 1)),
    )
    husband = refugee("p-2", D(1970, 8, 8), sex=Sex.MALE)
    h = household(
        wife,
        husband,
        relationships=[Relationship(person="p-2", kind=RelationshipKind.SPOUSE, of="p-1")],
    )

    assert regime == benefit_regime(wife, h, on=on).value


@pytest.mark.parametrize(
    ("first_issued_on", "regime"),
    [
        (D(2025, 3, 31), SGB_II),
        (D(2026, 6, 30), SGB_II),
        (D(2026, 7, 1), ASYLBLG),
    ],
)
def test_under_the_2026_reform_only_a_grant_made_before_it_takes_effect_runs_out(
    refugee: Refugee, household: Build, first_issued_on: Date, regime: BenefitRegime
) -> None:
    """
    Planned Leistungsrechtsanpassungsgesetz (from 2026-07-01): a document first issued on
    or before 2025-03-31 stays in SGB II; one issued later but before the reform takes
    effect keeps SGB II until the approval period ends (2026-08-31 here); one first
    issued on the day the reform takes effect goes to the AsylbLG at once.
    """
    p = refugee(
        "p-1", D(1990, 5, 5), first_issued_on=first_issued_on, registered_on=first_issued_on
    )
    h = household(p, approval_period_ends_on=D(2026, 8, 31))
    reformed = leistungsrechtsanpassung_2026(DEFAULT_POLICY)

    assert regime == benefit_regime(p, h, on=D(2026, 7, 1), policy=reformed).value


@pytest.mark.parametrize(
    ("on", "regime"),
    [(D(2026, 8, 30), SGB_II), (D(2026, 8, 31), SGB_II), (D(2026, 9, 1), ASYLBLG)],
)
def test_under_the_2026_reform_an_existing_grant_runs_to_the_end_of_its_approval_period(
    refugee: Refugee, household: Build, on: Date, regime: BenefitRegime
) -> None:
    """
    Planned Leistungsrechtsanpassungsgesetz: a permit first issued 2025-06-02 (after the
    cut-off) under a grant approved to 2026-08-31: SGB II to that day, AsylbLG after.
    """
    p = refugee("p-1", D(1990, 5, 5), first_issued_on=D(2025, 6, 2), registered_on=D(2025, 6, 9))
    h = household(p, approval_period_ends_on=D(2026, 8, 31))
    reformed = leistungsrechtsanpassung_2026(DEFAULT_POLICY)

    assert regime == benefit_regime(p, h, on=on, policy=reformed).value


@pytest.mark.parametrize(
    ("first_issued_on", "regime"),
    [(D(2025, 3, 30), SGB_II), (D(2025, 3, 31), SGB_II), (D(2025, 4, 1), ASYLBLG)],
)
def test_under_the_2026_reform_a_document_first_issued_on_the_cut_off_day_stays_in_sgb2(
    refugee: Refugee, household: Build, first_issued_on: Date, regime: BenefitRegime
) -> None:
    """
    Planned Leistungsrechtsanpassungsgesetz: only documents first issued *after*
    2025-03-31 return to the AsylbLG; asked on 2026-09-01, after the grant ran out.
    """
    p = refugee(
        "p-1", D(1990, 5, 5), first_issued_on=first_issued_on, registered_on=first_issued_on
    )
    h = household(p, approval_period_ends_on=D(2026, 8, 31))
    reformed = leistungsrechtsanpassung_2026(DEFAULT_POLICY)

    assert regime == benefit_regime(p, h, on=D(2026, 9, 1), policy=reformed).value


@pytest.mark.parametrize(
    ("on", "stored", "regime"),
    [
        (D(2022, 10, 31), True, SGB_II),
        (D(2022, 11, 1), True, ASYLBLG),
        (D(2022, 10, 31), False, ASYLBLG),
    ],
)
def test_storage_in_the_central_register_suffices_only_until_the_catch_up_deadline(
    refugee: Refugee, household: Build, on: Date, stored: bool, regime: BenefitRegime
) -> None:
    """
    SGB II § 74 Abs. 1 (catch-up rule, deadline 2022-10-31 in the default policy): a
    permit issued in the window, stored in the central register, stands in for the
    identity registration up to the deadline; without the storage it never does.
    """
    p = refugee(
        "p-1",
        D(1990, 5, 5),
        first_issued_on=D(2022, 4, 11),
        registered_on=None,
        stored_in_central_register=stored,
    )

    assert regime == benefit_regime(p, household(p), on=on).value


# The default asks 3 hours a day (SGB II § 8 Abs. 1); this policy asks 2.5, so someone
# assessed at 2.75 hours is employable under it and not under the default.
_SHORTER_HOURS = attrs.evolve(
    DEFAULT_POLICY, min_daily_work_hours=Dated.always(2.5, note="test: 2.5 hours a day")
)


def _assessed(hours: float) -> WorkCapacity:
    return WorkCapacity(hours_per_day=hours, assessed_on=D(2022, 3, 1))


@pytest.mark.parametrize(
    ("policy", "regime"), [(DEFAULT_POLICY, SGB_XII), (_SHORTER_HOURS, SGB_II)]
)
def test_a_wife_gets_sozialgeld_only_where_the_policy_makes_her_husband_employable(
    refugee: Refugee, household: Build, policy: Policy, regime: BenefitRegime
) -> None:
    """
    SGB II § 8 Abs. 1 and § 19 Abs. 1 S. 2: she can work 1 hour a day, her husband
    2.75; under a policy asking 2.5 hours he is employable, they form a unit and she gets
    Sozialgeld; under the default neither is employable: SGB XII.
    """
    wife = refugee("p-1", D(1980, 2, 15), work_capacity=_assessed(1))
    husband = refugee("p-2", D(1978, 8, 8), sex=Sex.MALE, work_capacity=_assessed(2.75))
    h = household(
        wife,
        husband,
        relationships=[Relationship(person="p-2", kind=RelationshipKind.SPOUSE, of="p-1")],
    )

    assert regime == benefit_regime(wife, h, on=D(2022, 6, 21), policy=policy).value


def test_household_regimes_are_asked_under_the_policy_given(
    refugee: Refugee, household: Build
) -> None:
    """SGB II § 8 Abs. 1: assessed at 2.75 hours, SGB XII by default, SGB II under 2.5 hours."""
    p = refugee("p-1", D(1980, 2, 15), work_capacity=_assessed(2.75))
    h = household(p)

    assert [("p-1", SGB_XII)] == [
        (mid, d.value) for mid, d in benefit_regimes(h, on=D(2022, 6, 21))
    ]
    assert [("p-1", SGB_II)] == [
        (mid, d.value) for mid, d in benefit_regimes(h, on=D(2022, 6, 21), policy=_SHORTER_HOURS)
    ]


def test_the_regime_follows_the_persons_own_unit_not_the_first_members(
    refugee: Refugee, household: Build
) -> None:
    """
    SGB II § 7 Abs. 3, SGB XII § 146: the husband, listed first, is employable but
    permanently separated; she, not able to work 3 hours, is in no unit: SGB XII.
    """
    husband = refugee("p-2", D(1978, 8, 8), sex=Sex.MALE)
    wife = refugee("p-1", D(1980, 2, 15), work_capacity=_assessed(1))
    h = household(
        husband,
        wife,
        relationships=[
            Relationship(person="p-2", kind=RelationshipKind.SEPARATED_SPOUSE, of="p-1")
        ],
    )

    assert SGB_XII == benefit_regime(wife, h, on=D(2022, 6, 21)).value


@pytest.mark.parametrize(("husband_registered", "regime"), [(True, SGB_XII), (False, ASYLBLG)])
def test_what_was_presumed_on_the_way_is_listed_whatever_the_regime(
    refugee: Refugee, household: Build, husband_registered: bool, regime: BenefitRegime
) -> None:
    """
    SGB II § 74 Abs. 1: her identity registration is known to be made but not when
    (presumed on or before the day); the presumption is listed with SGB XII (no unit)
    and with the AsylbLG as a family member (her husband's registration is missing).
    """
    wife = refugee(
        "p-1",
        D(1980, 2, 15),
        registered_on=None,
        identity_registered=True,
        work_capacity=_assessed(1),
    )
    husband = refugee(
        "p-2",
        D(1978, 8, 8),
        sex=Sex.MALE,
        registered_on=D(2022, 4, 20) if husband_registered else None,
    )
    kind = RelationshipKind.SEPARATED_SPOUSE if husband_registered else RelationshipKind.SPOUSE
    h = household(wife, husband, relationships=[Relationship(person="p-2", kind=kind, of="p-1")])

    decision = benefit_regime(wife, h, on=D(2022, 6, 21))

    assert regime == decision.value
    assert "identity_registered_on" in [a.fact for a in decision.missing]


def test_past_the_age_limit_the_presumptions_are_listed_with_sgb_xii(
    refugee: Refugee, household: Build
) -> None:
    """SGB XII § 41 Abs. 2: past the limit in her husband's unit; the undated registration is listed."""
    wife = refugee(
        "p-1",
        D(1957, 2, 15),
        registered_on=None,
        identity_registered=True,
        work_capacity=_assessed(2),
    )
    husband = refugee("p-2", D(1970, 8, 8), sex=Sex.MALE)
    h = household(
        wife,
        husband,
        relationships=[Relationship(person="p-2", kind=RelationshipKind.SPOUSE, of="p-1")],
    )

    decision = benefit_regime(wife, h, on=D(2023, 2, 1))

    assert SGB_XII == decision.value
    assert "identity_registered_on" in [a.fact for a in decision.missing]


@pytest.mark.parametrize("born", [D(2022, 6, 20), D(2022, 6, 21)])
def test_a_child_born_on_the_day_has_a_regime_that_day(
    refugee: Refugee, household: Build, born: Date
) -> None:
    """SGB II § 74 with § 7 Abs. 3 Nr. 4: a child born on the day is a member that day."""
    mum = refugee("p-1", D(1990, 5, 5))
    baby = refugee("p-2", born, registered_on=None)
    h = household(
        mum, baby, relationships=[Relationship(person="p-2", kind=RelationshipKind.CHILD, of="p-1")]
    )

    regimes = benefit_regimes(h, on=D(2022, 6, 21))

    assert [("p-1", SGB_II), ("p-2", SGB_II)] == [(mid, d.value) for mid, d in regimes]


def test_a_family_member_follows_the_employable_members_of_her_own_unit_only(
    refugee: Refugee, household: Build
) -> None:
    """
    AsylbLG § 1 Abs. 1 Nr. 6: her husband, the unit's employable member, has no identity
    registration and gets AsylbLG, so does she; her brother in the household, employable
    and in SGB II but in a unit of his own, changes nothing.
    """
    wife = refugee("p-1", D(1980, 2, 15), work_capacity=_assessed(1))
    husband = refugee("p-2", D(1978, 8, 8), sex=Sex.MALE, registered_on=None)
    brother = refugee("p-3", D(1983, 3, 3), sex=Sex.MALE)
    h = household(
        wife,
        husband,
        brother,
        relationships=[
            Relationship(person="p-2", kind=RelationshipKind.SPOUSE, of="p-1"),
            Relationship(person="p-3", kind=RelationshipKind.RELATIVE, of="p-1"),
        ],
    )

    decision = benefit_regime(wife, h, on=D(2022, 6, 21))

    assert (ASYLBLG, "family_member_asylblg") == (decision.value, decision.codes[-1])


_BORN, _ISSUED, _REGISTERED = D(1990, 5, 5), D(2022, 4, 11), D(2022, 4, 20)


def _holder(
    *,
    born: Date = _BORN,
    first: Date | None = _ISSUED,
    registered: bool = True,
    registered_on: Date | None = _REGISTERED,
    stored: bool = False,
) -> Person:
    return Person(
        id="p-1",
        birth_date=born,
        sex=Sex.FEMALE,
        residence=ResidenceStatus(
            document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT, first_issued_on=first
        ),
        identity_registered=registered,
        identity_registered_on=registered_on,
        stored_in_central_register=stored,
    )


_REFORMED = leistungsrechtsanpassung_2026(DEFAULT_POLICY)

# Each § 74 path and the reason it gives, with the law that reason cites and what it
# presumes: (person, day, policy, end of the approval period) -> (regime, code, citation,
# presumed facts).
SECTION_74_PATHS = {
    "a child under 14 needs no identity registration": (
        _holder(born=D(2010, 1, 1), registered=False, registered_on=None),
        D(2022, 7, 1),
        DEFAULT_POLICY,
        None,
        (SGB_XII, "identity_registration_not_required", "AufenthG § 49", []),
    ),
    "a registration without a date is presumed made by the day": (
        _holder(registered_on=None),
        D(2022, 7, 1),
        DEFAULT_POLICY,
        None,
        (
            SGB_II,
            "identity_registered",
            "SGB II § 74 Abs. 1",
            ["identity_registered_on", "work_capacity"],
        ),
    ),
    "an unknown first-issue date leaves the catch-up rule unapplied": (
        _holder(first=None, registered=False, registered_on=None, stored=True),
        D(2022, 7, 1),
        DEFAULT_POLICY,
        None,
        (
            ASYLBLG,
            "identity_registration_missing",
            "SGB II § 74 Abs. 1",
            ["residence.first_issued_on"],
        ),
    ),
    "the reform presumes an unknown first issue before the cut-off": (
        _holder(first=None),
        D(2026, 7, 1),
        _REFORMED,
        None,
        (
            SGB_II,
            "issued_before_cutoff_presumed",
            "AsylbLG § 1",
            ["residence.first_issued_on", "work_capacity"],
        ),
    ),
    "the reform keeps a document issued by the cut-off in SGB II": (
        _holder(),
        D(2026, 7, 1),
        _REFORMED,
        None,
        (SGB_II, "issued_before_cutoff", "AsylbLG § 1", ["work_capacity"]),
    ),
    "the reform lets an existing grant run out": (
        _holder(first=D(2025, 6, 2), registered_on=D(2025, 6, 9)),
        D(2026, 7, 1),
        _REFORMED,
        D(2026, 8, 31),
        (SGB_II, "asylblg_return_transition", "AsylbLG § 1", ["work_capacity"]),
    ),
    "the reform returns a later document to the AsylbLG, presuming the grant's end": (
        _holder(first=D(2025, 6, 2), registered_on=D(2025, 6, 9)),
        D(2026, 10, 1),
        _REFORMED,
        None,
        (ASYLBLG, "asylblg_return", "AsylbLG § 1", ["approval_period_ends_on"]),
    ),
}


@pytest.mark.parametrize("path", SECTION_74_PATHS)
def test_each_section_74_path_gives_its_reason_citation_and_presumptions(path: str) -> None:
    """SGB II § 74 Abs. 1; AufenthG § 49; the planned Leistungsrechtsanpassungsgesetz."""
    person, on, policy, ends, (regime, code, citation, presumed) = SECTION_74_PATHS[path]
    h = Household(id="h-1", members=(Member(person=person),), approval_period_ends_on=ends)

    decision = benefit_regime(person, h, on=on, policy=policy)

    assert (regime, citation, presumed) == (
        decision.value,
        next(str(r.reference) for r in decision.reasons if r.code == code),
        [a.fact for a in decision.missing],
    )


_CERTAIN_CATCH_UP = attrs.evolve(
    DEFAULT_POLICY,
    registration_catch_up=Dated.always(
        RegistrationCatchUp(
            permits_issued_from=D(2022, 2, 24),
            permits_issued_until=D(2022, 5, 31),
            deadline=D(2022, 10, 31),
        ),
        reference=LegalReference(law="SGB II", section="74", paragraph="1", sentence="3"),
    ),
)


@pytest.mark.parametrize(
    ("policy", "citation", "ending"),
    [
        (DEFAULT_POLICY, "SGB II § 74 Abs. 1", "deadline (deadline uncertain)"),
        (_CERTAIN_CATCH_UP, "SGB II § 74 Abs. 1 S. 3", "registration deadline"),
    ],
)
def test_the_catch_up_rule_cites_its_own_law_and_says_when_its_deadline_is_uncertain(
    policy: Policy, citation: str, ending: str
) -> None:
    """
    SGB II § 74 Abs. 1 (catch-up rule): commentaries differ on the deadline, so the
    default says it is uncertain; a policy that fixes it and cites its own sentence says
    neither more nor less.
    """
    p = _holder(registered=False, registered_on=None, stored=True)
    h = Household(id="h-1", members=(Member(person=p),))

    decision = benefit_regime(p, h, on=D(2022, 7, 1), policy=policy)
    (reason,) = (r for r in decision.reasons if r.code == "central_register_suffices")

    assert (SGB_II, citation, True) == (
        decision.value,
        str(reason.reference),
        reason.message.endswith(ending),
    )


def test_the_registration_age_in_force_on_the_day_decides_and_is_cited() -> None:
    """
    SGB II § 74 Abs. 1 with AufenthG § 49 as a dated parameter: a policy raising the
    registration age to 16 from 2026-01-01 spares an unregistered girl of 15 from that
    day (AsylbLG the day before), citing the rule in force.
    """
    policy = attrs.evolve(
        DEFAULT_POLICY,
        identity_registration_min_age=DEFAULT_POLICY.identity_registration_min_age.change_from(
            D(2026, 1, 1), 16, reference=LegalReference(law="AufenthG", section="49", paragraph="6")
        ),
    )
    girl = _holder(born=D(2010, 3, 3), registered=False, registered_on=None)
    mum = attrs.evolve(_holder(born=D(1985, 1, 1)), id="p-2")
    h = Household(
        id="h-1",
        members=(Member(person=girl), Member(person=mum)),
        relationships=(Relationship(person="p-1", kind=RelationshipKind.CHILD, of="p-2"),),
    )

    before = benefit_regime(girl, h, on=D(2025, 12, 31), policy=policy)
    on_the_day = benefit_regime(girl, h, on=D(2026, 1, 1), policy=policy)

    assert ASYLBLG == before.value
    assert (SGB_II, "AufenthG § 49 Abs. 6") == (
        on_the_day.value,
        next(
            str(r.reference)
            for r in on_the_day.reasons
            if r.code == "identity_registration_not_required"
        ),
    )


@pytest.mark.parametrize(
    ("residence", "expected"),
    [
        (None, (BenefitRegime.OTHER, ("no_section_24_document",), ["residence"])),
        (
            ResidenceStatus(document=ResidenceDocument.ASYLUM_ARRIVAL_CERTIFICATE),
            (ASYLBLG, ("asylum_seeker",), []),
        ),
        (
            ResidenceStatus(document=ResidenceDocument.OTHER_PERMIT),
            (BenefitRegime.OTHER, ("no_section_24_document",), []),
        ),
    ],
)
def test_without_a_section_24_document_the_regime_says_why_and_what_it_presumed(
    residence: ResidenceStatus | None,
    expected: tuple[BenefitRegime, tuple[str, ...], list[str]],
) -> None:
    """
    SGB II § 74 Abs. 1 and AsylbLG § 1 Abs. 1 Nr. 1: an asylum seeker gets AsylbLG;
    other documents fall under the general rules (not modelled); an unknown residence is
    presumed to be no § 24 document, and listed.
    """
    p = Person(id="p-1", birth_date=D(1990, 5, 5), sex=Sex.FEMALE, residence=residence)
    h = Household(id="h-1", members=(Member(person=p),))

    decision = benefit_regime(p, h, on=D(2022, 6, 21))

    assert expected == (decision.value, decision.codes, [a.fact for a in decision.missing])


@pytest.mark.parametrize(
    ("on", "regime"),
    [(D(2023, 2, 28), SGB_II), (D(2023, 3, 1), SGB_XII)],
)
def test_sozialgeld_ends_with_the_age_limit_of_the_policy_given(
    refugee: Refugee, household: Build, on: Date, regime: BenefitRegime
) -> None:
    """
    SGB II § 7a as a parameter: under a table giving 66 years to those born in 1957, the
    wife born 1957-02-15 (not able to work 3 hours) keeps Sozialgeld in her husband's unit
    to 2023-02-28, a month longer than under the default 65 years and 11 months.
    """
    table = AgeLimitTable(
        before=AgeLimit(years=65),
        by_birth_year=((1957, AgeLimit(years=66)),),
        after=AgeLimit(years=67),
    )
    policy = attrs.evolve(DEFAULT_POLICY, upper_age_limit=Dated.always(table, note="test"))
    wife = refugee("p-1", D(1957, 2, 15), work_capacity=_assessed(2))
    husband = refugee("p-2", D(1970, 8, 8), sex=Sex.MALE)
    h = household(
        wife,
        husband,
        relationships=[Relationship(person="p-2", kind=RelationshipKind.SPOUSE, of="p-1")],
    )

    assert regime == benefit_regime(wife, h, on=on, policy=policy).value
