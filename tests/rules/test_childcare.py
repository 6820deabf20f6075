"""Children's care and school as policy: SGB VIII § 24 and SchulG NRW § 35 Abs. 1.

The golden cases (school entry by birth date, the childcare entitlement by age) are data:
``src/jobcenter_core/testing/statute/childcare.cases.yaml``.
"""

from __future__ import annotations

import datetime as _dt

import pendulum
from hypothesis import given
from pendulum import Date

from jobcenter_core.rules import school_entry_date
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
