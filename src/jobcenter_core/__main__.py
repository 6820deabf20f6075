"""``python -m jobcenter_core``: a worked example of the library (see the README)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import pendulum

from jobcenter_core.dates import age_completed_on, completed_years, end_of_month
from jobcenter_core.parameters import DEFAULT_POLICY


def main(argv: Sequence[str] | None = None) -> int:
    """Print a short worked example of the BGB age arithmetic and the § 74 switch."""
    birth = pendulum.date(1958, 3, 1)
    limit = DEFAULT_POLICY.upper_age_limit.at(pendulum.date(2022, 6, 1)).limit_for(birth.year)
    completed = age_completed_on(birth, years=limit.years, months=limit.months)
    print("jobcenter_core: a worked example")
    print(f"  born {birth}: upper age limit {limit} (SGB II § 7a)")
    print(f"  completed on {completed}; limit reached at the end of {end_of_month(completed)}")
    print(f"  age on 2022-06-21: {completed_years(birth, on=pendulum.date(2022, 6, 21))}")
    for day in (pendulum.date(2022, 5, 31), pendulum.date(2022, 6, 1)):
        in_force = DEFAULT_POLICY.section_74_in_force.at(day)
        print(f"  {day}: SGB II § 74 in force: {'yes' if in_force else 'no'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
