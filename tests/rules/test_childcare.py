"""Children's care and school as policy: SGB VIII § 24 and SchulG NRW § 35 Abs. 1.

The golden cases (school entry by birth date, the childcare entitlement by age) are data:
``src/jobcenter_core/testing/statute/childcare.cases.yaml``.
"""

from __future__ import annotations

import datetime as _dt

import attrs
import pendulum
import pytest
from hypothesis import given
from pendulum import Date

from jobcenter_core.decisions import LegalReference
from jobcenter_core.parameters import DEFAULT_POLICY, SchoolEntryRule
from jobcenter_core.rules import ChildcareEntitlement, childcare_entitlement, school_entry_date
from jobcenter_core.testing import pendulum_dates

D = pendulum.date


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


# --- pinned by mutation testing (issue 21) --------------------------------------------------

_REFORM = pendulum.date(2027, 8, 1)
_DAYCARE_REF = LegalReference(law="SGB VIII", section="24", paragraph="2", sentence="2")
_KITA_REF = LegalReference(law="SGB VIII", section="24", paragraph="3", sentence="2")
_SCHOOL_REF = LegalReference(law="SchulG NRW", section="35", paragraph="2")
_LATER = attrs.evolve(
    DEFAULT_POLICY,
    daycare_entitlement_age=DEFAULT_POLICY.daycare_entitlement_age.change_from(
        _REFORM, 2, reference=_DAYCARE_REF
    ),
    kita_entitlement_age=DEFAULT_POLICY.kita_entitlement_age.change_from(
        _REFORM, 4, reference=_KITA_REF
    ),
    school_entry=DEFAULT_POLICY.school_entry.change_from(
        pendulum.date(2027, 1, 1),
        SchoolEntryRule(age=6, cutoff_month=6, cutoff_day=30, entry_month=8, entry_day=1),
        reference=_SCHOOL_REF,
    ),
)
"""
A policy with later entitlements from 2027-08-01 (day care from 2, a Kita place from 4)
and, from 2027-01-01, school entry for children 6 by 30 June.
"""


@pytest.mark.parametrize(
    ("born", "on", "expected"),
    [
        (D(2026, 5, 5), D(2027, 7, 31), ("daycare_entitlement", "SGB VIII § 24 Abs. 2")),
        (D(2026, 5, 5), D(2027, 8, 1), ("under_daycare_age", "SGB VIII § 24 Abs. 1")),
        (D(2024, 5, 5), D(2027, 7, 31), ("kita_entitlement", "SGB VIII § 24 Abs. 3")),
        (D(2024, 5, 5), D(2027, 8, 1), ("daycare_entitlement", "SGB VIII § 24 Abs. 2 S. 2")),
        (D(2023, 5, 5), D(2027, 8, 1), ("kita_entitlement", "SGB VIII § 24 Abs. 3 S. 2")),
    ],
)
def test_the_entitlement_ages_in_force_on_the_day_decide_and_are_cited(
    born: Date, on: Date, expected: tuple[str, str]
) -> None:
    """SGB VIII § 24 Abs. 1 to 3 as dated parameters: the day before and of the change."""
    (reason,) = childcare_entitlement(born, on=on, policy=_LATER).reasons

    assert expected == (reason.code, str(reason.reference))


@pytest.mark.parametrize(
    ("born", "entry"),
    [
        (D(2020, 8, 15), D(2026, 8, 1)),
        (D(2021, 6, 30), D(2027, 8, 1)),
        (D(2021, 7, 1), D(2028, 8, 1)),
    ],
)
def test_school_entry_follows_the_rule_in_force_when_the_child_completes_six_years(
    born: Date, entry: Date
) -> None:
    """
    SchulG NRW § 35 Abs. 1: the rule in force on the day the child completes its 6th
    year decides. Born 2020-08-15, 6 in August 2026 under the September cut-off: school
    from 2026-08-01; born in 2021, 6 under the June cut-off (in force from 2027-01-01).
    """
    assert entry == school_entry_date(born, policy=_LATER)


def test_the_childcare_entitlement_asks_school_entry_under_the_policy_given() -> None:
    """
    SGB VIII § 24 Abs. 3 and SchulG NRW § 35 as dated parameters: born 2021-08-15, the
    child starts school on 2028-08-01 under the June cut-off, so on 2027-09-01 it is
    still entitled to a Kita place; the school reason cites the rule in force.
    """
    kita = childcare_entitlement(D(2021, 8, 15), on=D(2027, 9, 1), policy=_LATER)
    school = childcare_entitlement(D(2021, 8, 15), on=D(2028, 8, 1), policy=_LATER)

    assert ChildcareEntitlement.KITA == kita.value
    assert (ChildcareEntitlement.SCHOOL, "SchulG NRW § 35 Abs. 2") == (
        school.value,
        str(school.reasons[0].reference),
    )
