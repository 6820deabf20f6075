"""
The benefit regime (*Rechtskreis*): which body of law provides a person's subsistence
benefits on a day, SGB II, SGB XII or the AsylbLG.

SGB II § 74 (inserted by the *Sofortzuschlags- und Einmalzahlungsgesetz* of 23 May 2022,
in force 2022-06-01) moves holders of a § 24 residence permit or Fiktionsbescheinigung
who have had the identity registration (AufenthG § 49) from the AsylbLG to SGB II. Those
not employable get *Sozialgeld* in a benefit unit with an employable member (SGB II § 19
Abs. 1 S. 2), unless past the age limit (SGB XII § 41); without such a unit, SGB XII
(§ 146). The planned *Leistungsrechtsanpassungsgesetz* (an optional, named reform)
returns documents first issued after 2025-03-31 to the AsylbLG.

>>> import pendulum
>>> from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex
>>> from jobcenter_core.households import Household, Member
>>> olena = Person(
...     id="p-1", birth_date=pendulum.date(1988, 4, 2), sex=Sex.FEMALE,
...     residence=ResidenceStatus(document=ResidenceDocument.FICTION_CERTIFICATE),
...     identity_registered=True, identity_registered_on=pendulum.date(2022, 4, 20),
... )
>>> home = Household(id="h-1", members=(Member(person=olena),))
>>> benefit_regime(olena, home, on=pendulum.date(2022, 5, 31)).value
<BenefitRegime.ASYLBLG: 'asylblg'>
>>> benefit_regime(olena, home, on=pendulum.date(2022, 6, 1)).value
<BenefitRegime.SGB_II: 'sgb_ii'>
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Hashable

from jobcenter_core.dates import completed_years
from jobcenter_core.decisions import Assumption, Decision, Reason, cite, sgb2
from jobcenter_core.errors import InvalidInput, Problem
from jobcenter_core.households import Household
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus
from jobcenter_core.rules._inputs import require_member
from jobcenter_core.rules._memo import answer_serial
from jobcenter_core.rules.employability import is_employable
from jobcenter_core.rules.unit_membership import benefit_unit
from jobcenter_core.rules.working_age import working_age_end

__all__ = ["BenefitRegime", "benefit_regime", "benefit_regimes"]


class BenefitRegime(enum.Enum):
    """Which body of law provides a person's subsistence benefits."""

    SGB_II = "sgb_ii"
    """Basic income support for jobseekers (Bürgergeld, or Sozialgeld in a benefit unit)."""
    SGB_XII = "sgb_xii"
    """Social assistance, for those not able to work and not in an SGB II benefit unit."""
    ASYLBLG = "asylblg"
    """Asylum Seekers' Benefits Act."""
    OTHER = "other"
    """General rules not modelled here (no § 24 document)."""


_SECTION_74_1 = sgb2("74", "1")

_NO_SECTION_24_DOCUMENT = Reason(
    code="no_section_24_document",
    message="no § 24 permit or Fiktionsbescheinigung: general rules, not modelled",
    reference=_SECTION_74_1,
)
_RESIDENCE_UNKNOWN = Assumption(fact="residence", presumed="no § 24 document")
_ASYLUM_SEEKER = Reason(
    code="asylum_seeker",
    message="asylum seeker: benefits under AsylbLG",
    reference=cite("AsylbLG", "1", "1", number="1"),
)
_SECTION_24_DOCUMENT = Reason(
    code="section_24_document",
    message="holds a § 24 permit or Fiktionsbescheinigung",
    reference=_SECTION_74_1,
)
_SECTION_74_NOT_IN_FORCE = Reason(
    code="section_74_not_in_force",
    message="§ 74 SGB II not yet in force: benefits under AsylbLG",
    reference=cite("AsylbLG", "1", "1", number="3"),
)
_SECTION_74_NOT_MET = Reason(
    code="section_74_conditions_not_met",
    message="§ 74 conditions not met: benefits under AsylbLG",
    reference=cite("AsylbLG", "1", "1", number="3"),
)
_IDENTITY_REGISTERED = Reason(
    code="identity_registered",
    message="identity registration made",
    reference=_SECTION_74_1,
)
_IDENTITY_REGISTERED_UNDATED = Reason(
    code="identity_registered",
    message="identity registration made (date unknown)",
    reference=_SECTION_74_1,
)
_REGISTRATION_DATE_UNKNOWN = Assumption(
    fact="identity_registered_on", presumed="on or before the day"
)
_IDENTITY_REGISTRATION_MISSING = Reason(
    code="identity_registration_missing",
    message="no identity registration made by the day",
    reference=_SECTION_74_1,
)
_FIRST_ISSUE_UNKNOWN = Assumption(
    fact="residence.first_issued_on", presumed="outside the catch-up window"
)
_EMPLOYABLE_SGB_II = Reason(
    code="employable_sgb_ii",
    message="§ 74 conditions met and employable: SGB II",
    reference=sgb2("7", "1", sentence="1"),
)
_NOT_EMPLOYABLE_NO_UNIT = Reason(
    code="not_employable_no_unit",
    message="not employable and not in a benefit unit with an employable member: SGB XII",
    reference=cite("SGB XII", "146"),
)
_SGB_II_REQUIRES_EMPLOYABILITY = Reason(
    code="sgb_ii_requires_employability",
    message="SGB II requires employability or a benefit unit with an employable member",
    reference=sgb2("7", "1", sentence="1", number="2"),
)
_OLD_AGE_SGB_XII = Reason(
    code="old_age_sgb_xii",
    message="past the upper age limit: basic income in old age under SGB XII, not Sozialgeld",
    reference=cite("SGB XII", "41", "2"),
)
_INCAPACITY_NOT_PERMANENT = Assumption(
    fact="permanent_full_incapacity",
    presumed="not permanent (SGB XII § 41 Abs. 3 not checked)",
)
_FAMILY_MEMBER_ASYLBLG = Reason(
    code="family_member_asylblg",
    message="the employable members of the unit get AsylbLG: "
    "benefits under AsylbLG as their family member",
    reference=cite("AsylbLG", "1", "1", number="6"),
)
_SOZIALGELD = Reason(
    code="sozialgeld",
    message="not employable but in a benefit unit with an employable member: "
    "Sozialgeld under SGB II",
    reference=sgb2("19", "1", sentence="2"),
)
_GENERAL_RULES_PRESUMED = "SGB II (general rules, not modelled)"
_ADULT = 18
"""SGB XII § 41 Abs. 3 (permanent full incapacity) concerns adults."""


def benefit_regime(
    person: Person,
    household: Household,
    *,
    on: _dt.date,
    policy: Policy = DEFAULT_POLICY,
) -> Decision[BenefitRegime]:
    """
    Which body of law provides *person*'s subsistence benefits on *on*.

    * No § 24 permit or Fiktionsbescheinigung: ``OTHER`` (general rules, not modelled),
      except asylum seekers (Ankunftsnachweis, Aufenthaltsgestattung): ``ASYLBLG``.
    * Before § 74 SGB II is in force (2022-06-01): ``ASYLBLG``.
    * From then, § 74 requires the identity registration from the completed 14th year
      (or, for permits issued 2022-02-24 to 2022-05-31, storage in the central register
      until the catch-up deadline); without it: ``ASYLBLG``.
    * With the optional 2026 reform: a document first issued after the cut-off means
      ``ASYLBLG``, except while an existing grant runs out (until the approval period
      ends, at the latest the transition end).
    * Otherwise ``SGB_II`` when employable, or when in a benefit unit with an employable
      member (Sozialgeld) unless past the upper age limit; else ``SGB_XII``.

    *person* must be a member of *household*.

    >>> import pendulum
    >>> from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex
    >>> from jobcenter_core.households import Household, Member
    >>> p = Person(id="p-3", birth_date=pendulum.date(1984, 11, 30), sex=Sex.FEMALE,
    ...            residence=ResidenceStatus(document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT),
    ...            identity_registered=True, identity_registered_on=pendulum.date(2022, 7, 4))
    >>> h = Household(id="h-3", members=(Member(person=p),))
    >>> print(benefit_regime(p, h, on=pendulum.date(2022, 6, 21)).explain())
    ASYLBLG
      - holds a § 24 permit or Fiktionsbescheinigung [SGB II § 74 Abs. 1] (section_24_document)
      - no identity registration made by the day [SGB II § 74 Abs. 1] (identity_registration_missing)
      - § 74 conditions not met: benefits under AsylbLG [AsylbLG § 1 Abs. 1 Nr. 3] (section_74_conditions_not_met)
    >>> benefit_regime(p, h, on=pendulum.date(2022, 7, 4)).value
    <BenefitRegime.SGB_II: 'sgb_ii'>

    References:
        SGB II § 74, § 7 Abs. 1 S. 1 Nr. 2, § 19 Abs. 1 S. 2; SGB XII § 146, § 41;
        AsylbLG § 1 Abs. 1; planned Leistungsrechtsanpassungsgesetz (optional reform).
    """
    require_member(household, person.id, "$.person.id")
    if person.birth_date > on:
        raise InvalidInput.one("$.person.birth_date", "is after 'on'")
    residence = person.residence
    if residence is None:
        return Decision(
            value=BenefitRegime.OTHER,
            reasons=(_NO_SECTION_24_DOCUMENT,),
            missing=(_RESIDENCE_UNKNOWN,),
        )
    if not residence.document.is_section_24:
        if residence.document is ResidenceDocument.ASYLUM_ARRIVAL_CERTIFICATE:
            return Decision(value=BenefitRegime.ASYLBLG, reasons=(_ASYLUM_SEEKER,))
        return Decision(value=BenefitRegime.OTHER, reasons=(_NO_SECTION_24_DOCUMENT,))
    reasons = [_SECTION_24_DOCUMENT]
    if not policy.section_74_in_force.at(on):
        reasons.append(_SECTION_74_NOT_IN_FORCE)
        return Decision(value=BenefitRegime.ASYLBLG, reasons=reasons)

    registered = _identity_registered(person, residence, on=on, policy=policy)
    reasons.extend(registered.reasons)
    missing = list(registered.missing)
    if not registered.value:
        reasons.append(_SECTION_74_NOT_MET)
        return Decision(value=BenefitRegime.ASYLBLG, reasons=reasons, missing=missing)

    returned = _returns_to_asylblg(residence, household, on=on, policy=policy)
    reasons.extend(returned.reasons)
    missing.extend(returned.missing)
    if returned.value:
        return Decision(value=BenefitRegime.ASYLBLG, reasons=reasons, missing=missing)

    employable = is_employable(person, on=on, policy=policy)
    reasons.extend(employable.reasons)
    missing.extend(employable.missing)
    if employable.value:
        reasons.append(_EMPLOYABLE_SGB_II)
        return Decision(value=BenefitRegime.SGB_II, reasons=reasons, missing=missing)

    # Not employable: the regime follows the benefit unit (SGB II § 7 Abs. 3).
    return _regime_in_the_unit(person, household, reasons, missing, on=on, policy=policy)


def benefit_regimes(
    household: Household, *, on: _dt.date, policy: Policy = DEFAULT_POLICY
) -> tuple[tuple[str, Decision[BenefitRegime]], ...]:
    """
    :func:`benefit_regime` for every member of *household*, as ``(member id,
    decision)`` pairs in household order.

    A member born after *on* has no regime on that day: such a member is refused with
    an :class:`~jobcenter_core.errors.InvalidInput` naming each one by path, never left
    out silently. Ask about ``household.born_by(on)`` to leave them out on purpose.

    >>> import pendulum
    >>> from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex
    >>> from jobcenter_core.households import Household, Member, Relationship, RelationshipKind
    >>> permit = ResidenceStatus(document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT)
    >>> mum = Person(id="m", birth_date=pendulum.date(1985, 3, 1), sex=Sex.FEMALE,
    ...              residence=permit, identity_registered=True)
    >>> kid = Person(id="c", birth_date=pendulum.date(2016, 5, 5), sex=Sex.MALE, residence=permit)
    >>> h = Household(id="h", members=(Member(person=mum), Member(person=kid)),
    ...               relationships=(Relationship(person="c", kind=RelationshipKind.CHILD, of="m"),))
    >>> [(mid, d.value.name) for mid, d in benefit_regimes(h, on=pendulum.date(2022, 6, 21))]
    [('m', 'SGB_II'), ('c', 'SGB_II')]

    References:
        As :func:`benefit_regime`.
    """
    unborn = [
        Problem(f"$.members[{i}].person.birth_date", _BORN_AFTER_ON)
        for i, m in enumerate(household.members)
        if m.person.birth_date > on
    ]
    if unborn:
        raise InvalidInput(unborn)
    return tuple(
        (m.id, benefit_regime(m.person, household, on=on, policy=policy)) for m in household.members
    )


_BORN_AFTER_ON = "is after 'on': not yet born (leave such members out with household.born_by(on))"


_employable_answer = answer_serial(is_employable)


def _facts_read(person: Person, household: Household, on: _dt.date, policy: Policy) -> Hashable:
    """
    What :func:`benefit_regime`'s value and reasons read of *person* and *household* on
    *on* under *policy*, besides the benefit unit (whether the person is in one, and the
    regimes of its employable members other than the person, in household order): each
    fact as the rule compares it. Two persons with equal facts and equal units get one
    value and one list of reason codes, so that a caseload asks the rule once for them
    (checked against the rule in ``tests/rules/test_engine_bulk.py``).
    """
    residence = person.residence
    first = None if residence is None else residence.first_issued_on
    window = policy.registration_catch_up.at(on)
    reform_period = policy.asylblg_return.period_at(on)
    reform = reform_period.value
    years = completed_years(person.birth_date, on=on)
    registered_on = person.identity_registered_on
    capacity = person.work_capacity
    ends = household.approval_period_ends_on
    return (
        None if residence is None else residence.document,
        years < policy.identity_registration_min_age.at(on),
        years >= _ADULT,
        person.identity_registered,
        None if registered_on is None else registered_on <= on,
        person.stored_in_central_register,
        None
        if first is None
        else (
            window.permits_issued_from <= first,
            first <= window.permits_issued_until,
            reform is not None and first <= reform.first_issued_after,
            reform_period.start is not None and first < reform_period.start,
        ),
        None
        if reform is None
        else (ends is None, ends is not None and on <= min(ends, reform.transition_ends)),
        _employable_answer(person, on, policy),
        on > working_age_end(person.birth_date, policy=policy),
        None if capacity is None else capacity.hours_per_day < policy.min_daily_work_hours.at(on),
    )


def _regime_in_the_unit(
    person: Person,
    household: Household,
    reasons: list[Reason],
    missing: list[Assumption],
    *,
    on: _dt.date,
    policy: Policy,
) -> Decision[BenefitRegime]:
    """
    The regime of a § 24 holder who meets § 74 but is not employable, after *reasons*
    and *missing* so far: SGB XII without a benefit unit (SGB XII § 146) or past the upper
    age limit (§ 41); else what the unit's employable members get: Sozialgeld under
    SGB II (§ 19 Abs. 1 S. 2), or AsylbLG as their family member.
    """
    unit = benefit_unit(household, on=on, member_id=person.id, policy=policy)
    missing.extend(a for a in unit.missing if a not in missing)
    if not unit.value:
        reasons.extend((_NOT_EMPLOYABLE_NO_UNIT, _SGB_II_REQUIRES_EMPLOYABILITY))
        return Decision(value=BenefitRegime.SGB_XII, reasons=reasons, missing=missing)
    if on > working_age_end(person.birth_date, policy=policy):
        reasons.append(_OLD_AGE_SGB_XII)
        return Decision(value=BenefitRegime.SGB_XII, reasons=reasons, missing=missing)
    if _assessed_below_minimum_hours_as_adult(person, on=on, policy=policy):
        missing.append(_INCAPACITY_NOT_PERMANENT)
    employable_members = [
        m
        for m in household.members
        if m.id in unit.value
        and m.id != person.id
        and is_employable(m.person, on=on, policy=policy).value
    ]
    # An employable member's regime does not depend on the unit: no circle.
    regimes = [
        (m.id, benefit_regime(m.person, household, on=on, policy=policy).value)
        for m in employable_members
    ]
    if not any(regime is BenefitRegime.SGB_II for _, regime in regimes):
        under_general_rules = [mid for mid, regime in regimes if regime is BenefitRegime.OTHER]
        if not under_general_rules:
            reasons.append(_FAMILY_MEMBER_ASYLBLG)
            return Decision(value=BenefitRegime.ASYLBLG, reasons=reasons, missing=missing)
        missing.append(
            Assumption(
                fact=f"{under_general_rules[0]}.benefit_regime", presumed=_GENERAL_RULES_PRESUMED
            )
        )
    reasons.append(_SOZIALGELD)
    return Decision(value=BenefitRegime.SGB_II, reasons=reasons, missing=missing)


def _identity_registered(
    person: Person, residence: ResidenceStatus, *, on: _dt.date, policy: Policy
) -> Decision[bool]:
    """
    § 74 Abs. 1: the identity registration (AufenthG § 49) is made by *on*, or not yet
    required (under 14 completed years); or, for a permit issued in the catch-up window,
    storage in the central register suffices until the catch-up deadline.
    """
    min_age = policy.identity_registration_min_age.at(on)
    if completed_years(person.birth_date, on=on) < min_age:
        not_required = Reason(
            code="identity_registration_not_required",
            message=f"under {min_age}: no identity registration required",
            reference=policy.identity_registration_min_age.reference_at(on),
        )
        return Decision(value=True, reasons=(not_required,))
    if person.identity_registered:
        if person.identity_registered_on is None:
            return Decision(
                value=True,
                reasons=(_IDENTITY_REGISTERED_UNDATED,),
                missing=(_REGISTRATION_DATE_UNKNOWN,),
            )
        if person.identity_registered_on <= on:
            return Decision(value=True, reasons=(_IDENTITY_REGISTERED,))
    catch_up = policy.registration_catch_up.period_at(on)
    window = catch_up.value
    reference = catch_up.reference or _SECTION_74_1
    first = residence.first_issued_on
    if person.stored_in_central_register and on <= window.deadline:
        if first is None:
            first_issue_unknown = Reason(
                code="identity_registration_missing",
                message="no identity registration; first-issue date unknown, so the "
                "catch-up rule cannot be applied",
                reference=reference,
            )
            return Decision(
                value=False, reasons=(first_issue_unknown,), missing=(_FIRST_ISSUE_UNKNOWN,)
            )
        if window.permits_issued_from <= first <= window.permits_issued_until:
            caveat = " (deadline uncertain)" if catch_up.uncertain else ""
            suffices = Reason(
                code="central_register_suffices",
                message="permit issued in the catch-up window and stored in the central "
                f"register: suffices until the registration deadline{caveat}",
                reference=reference,
            )
            return Decision(value=True, reasons=(suffices,))
    return Decision(value=False, reasons=(_IDENTITY_REGISTRATION_MISSING,))


def _returns_to_asylblg(
    residence: ResidenceStatus, household: Household, *, on: _dt.date, policy: Policy
) -> Decision[bool]:
    """
    The optional 2026 reform: a document first issued after the cut-off returns its
    holder to the AsylbLG, except while an existing SGB II grant runs out (until its
    approval period ends, at the latest the transition end). No reasons without it.
    """
    period = policy.asylblg_return.period_at(on)
    reform = period.value
    if reform is None:
        return Decision(value=False)
    reference = period.reference or _SECTION_74_1
    cutoff = reform.first_issued_after
    first = residence.first_issued_on
    if first is None:
        presumed_before = Reason(
            code="issued_before_cutoff_presumed",
            message="first-issue date unknown; presumed before the AsylbLG return cut-off",
            reference=reference,
        )
        unknown = Assumption(fact="residence.first_issued_on", presumed=f"on or before {cutoff}")
        return Decision(value=False, reasons=(presumed_before,), missing=(unknown,))
    if first <= cutoff:
        before = Reason(
            code="issued_before_cutoff",
            message=f"document first issued on or before {cutoff}",
            reference=reference,
        )
        return Decision(value=False, reasons=(before,))

    grant_presumed: tuple[Assumption, ...] = ()
    if period.start is not None and first < period.start:
        # An SGB II grant made before the reform runs until its approval period ends.
        ends = household.approval_period_ends_on
        if ends is None:
            grant_presumed = (
                Assumption(
                    fact="approval_period_ends_on",
                    presumed=f"the current grant runs to {reform.transition_ends}",
                ),
            )
            ends = reform.transition_ends
        runs_until = min(ends, reform.transition_ends)
        if on <= runs_until:
            transition = Reason(
                code="asylblg_return_transition",
                message=f"document first issued after {cutoff}, "
                f"but the existing grant runs until {runs_until}",
                reference=reference,
            )
            return Decision(value=False, reasons=(transition,), missing=grant_presumed)
    returned = Reason(
        code="asylblg_return",
        message=f"document first issued after {cutoff}: benefits under AsylbLG again",
        reference=reference,
    )
    return Decision(value=True, reasons=(returned,), missing=grant_presumed)


def _assessed_below_minimum_hours_as_adult(person: Person, *, on: _dt.date, policy: Policy) -> bool:
    """
    An adult assessed as able to work less than the minimum hours: whether the
    incapacity is permanent (SGB XII § 41 Abs. 3) is not checked, so it is presumed not.
    """
    capacity = person.work_capacity
    return (
        capacity is not None
        and completed_years(person.birth_date, on=on) >= _ADULT
        and capacity.hours_per_day < policy.min_daily_work_hours.at(on)
    )
