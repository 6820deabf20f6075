"""
Children's care and school: the childcare a child is entitled to (SGB VIII § 24: day
care or a childminder from the completed 1st year, a Kita place from the completed 3rd
year until school entry) and the day school becomes compulsory in North Rhine-Westphalia
(SchulG NRW § 35 Abs. 1: 1 August of the year in which the 6th year is completed by the
beginning of 30 September).
"""

from __future__ import annotations

import datetime as _dt
import enum

import pendulum
from pendulum import Date

from jobcenter_core.dates import age_completed_on, completed_years
from jobcenter_core.decisions import Decision, Reason, cite
from jobcenter_core.parameters import DEFAULT_POLICY, Policy

__all__ = ["ChildcareEntitlement", "childcare_entitlement", "school_entry_date"]


class ChildcareEntitlement(enum.Enum):
    """The childcare a child is legally entitled to (SGB VIII § 24), or school."""

    NONE = "none"
    """Under one completed year: no unconditional entitlement (SGB VIII § 24 Abs. 1)."""
    DAYCARE_OR_CHILDMINDER = "daycare_or_childminder"
    """From the completed 1st year: day care or a childminder (SGB VIII § 24 Abs. 2)."""
    KITA = "kita"
    """From the completed 3rd year until school entry: a Kita place (SGB VIII § 24 Abs. 3)."""
    SCHOOL = "school"
    """From school entry (SchulG NRW § 35 Abs. 1)."""


_SGB_VIII_24_1 = cite("SGB VIII", "24", "1")


def school_entry_date(birth_date: _dt.date, *, policy: Policy = DEFAULT_POLICY) -> Date:
    """
    The day a child born on *birth_date* becomes obliged to attend school: the start of
    the school year (1 August) of the year in which the child completes 6 years before
    30 September begins, i.e. whose 6th birthday falls on or before 30 September.

    Someone born on 29 February completes the year at the end of 28 February in a
    common year; with a September cut-off this changes nothing.

    >>> import pendulum
    >>> school_entry_date(pendulum.date(2019, 9, 30))
    Date(2025, 8, 1)
    >>> school_entry_date(pendulum.date(2019, 10, 1))
    Date(2026, 8, 1)

    References:
        SchulG NRW § 35 Abs. 1; BGB § 187 Abs. 2, § 188 Abs. 2 and 3.
    """
    # The rule in force when the child completes its 6th year decides.
    rule = policy.school_entry.at(age_completed_on(birth_date, years=6))
    completed = age_completed_on(birth_date, years=rule.age)
    cutoff = pendulum.date(completed.year, rule.cutoff_month, rule.cutoff_day)
    year = completed.year if completed < cutoff else completed.year + 1
    return pendulum.date(year, rule.entry_month, rule.entry_day)


def childcare_entitlement(
    birth_date: _dt.date, *, on: _dt.date, policy: Policy = DEFAULT_POLICY
) -> Decision[ChildcareEntitlement]:
    """
    The childcare a child born on *birth_date* is entitled to on *on*: none under one
    completed year, day care or a childminder from 1, a Kita place from 3 until school
    entry, then school.

    >>> import pendulum
    >>> childcare_entitlement(pendulum.date(2019, 3, 4), on=pendulum.date(2022, 6, 21)).value
    <ChildcareEntitlement.KITA: 'kita'>
    >>> childcare_entitlement(pendulum.date(2021, 9, 1), on=pendulum.date(2022, 6, 21)).value
    <ChildcareEntitlement.NONE: 'none'>

    References:
        SGB VIII § 24 Abs. 1 to 3; SchulG NRW § 35 Abs. 1.
    """
    years = completed_years(birth_date, on=on)
    entry = school_entry_date(birth_date, policy=policy)
    daycare_age = policy.daycare_entitlement_age.at(on)
    kita_age = policy.kita_entitlement_age.at(on)
    if on >= entry:
        reason = Reason(
            code="school_age",
            message="has reached school entry",
            reference=policy.school_entry.reference_at(on),
        )
        return Decision(value=ChildcareEntitlement.SCHOOL, reasons=(reason,))
    if years >= kita_age:
        reason = Reason(
            code="kita_entitlement",
            message=f"has completed {kita_age} years: entitled to a Kita place until school",
            reference=policy.kita_entitlement_age.reference_at(on),
        )
        return Decision(value=ChildcareEntitlement.KITA, reasons=(reason,))
    if years >= daycare_age:
        reason = Reason(
            code="daycare_entitlement",
            message=f"has completed {daycare_age} year(s): entitled to day care or a childminder",
            reference=policy.daycare_entitlement_age.reference_at(on),
        )
        return Decision(value=ChildcareEntitlement.DAYCARE_OR_CHILDMINDER, reasons=(reason,))
    reason = Reason(
        code="under_daycare_age",
        message=f"under {daycare_age} year(s): no unconditional entitlement",
        reference=_SGB_VIII_24_1,
    )
    return Decision(value=ChildcareEntitlement.NONE, reasons=(reason,))
