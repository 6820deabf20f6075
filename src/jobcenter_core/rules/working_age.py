"""
Working age: from the completed 15th year (SGB II § 7 Abs. 1 S. 1 Nr. 1) to the end of
the month in which the § 7a age limit is reached (65 to 67 years by year of birth).

Years of life are counted per BGB § 187 Abs. 2 and § 188 Abs. 2 and 3: a year is
completed at the end of the day before the birthday, so someone born on the 1st of a
month reaches the limit in the previous month, and someone born on 29 February completes
a year at the end of 28 February in a common year.

>>> import pendulum
>>> working_age_end(pendulum.date(1956, 2, 29))
Date(2021, 12, 31)
"""

from __future__ import annotations

import datetime as _dt

from pendulum import Date

from jobcenter_core.dates import age_completed_on, completed_years, end_of_month
from jobcenter_core.decisions import Decision, Reason, sgb2
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Person
from jobcenter_core.rules._memo import memoised, remembered

__all__ = ["is_of_working_age", "working_age_end"]

_SECTION_7A = sgb2("7a")

_UPPER_AGE_LIMIT_REACHED = Reason(
    code="upper_age_limit_reached",
    message="has passed the upper age limit (end of the month the § 7a age is reached)",
    reference=_SECTION_7A,
)


@remembered()
def working_age_end(birth_date: _dt.date, *, policy: Policy = DEFAULT_POLICY) -> Date:
    """
    Last day on which a person born on *birth_date* is inside the upper age limit.

    The § 7a table gives the age by year of birth (65 years for those born before 1947
    up to 67 years from 1964); the limit is reached at the end of the month in which
    that age is completed, counted per BGB (a year of life is completed at the end of
    the day before the birthday). The table in force on the day the person completes 65
    years applies.

    >>> import pendulum
    >>> working_age_end(pendulum.date(1946, 9, 1))
    Date(2011, 8, 31)
    >>> working_age_end(pendulum.date(1952, 2, 29))
    Date(2017, 8, 31)

    References:
        SGB II § 7a; BGB § 187 Abs. 2, § 188 Abs. 2 and 3.
    """
    table = policy.upper_age_limit.at(age_completed_on(birth_date, years=65))
    limit = table.limit_for(birth_date.year)
    completed = age_completed_on(birth_date, years=limit.years, months=limit.months)
    return end_of_month(completed)


def _birth_date(person: Person, on: object, policy: object) -> object:
    """What :func:`is_of_working_age` reads of a person (the key of its memo)."""
    return person.birth_date


@memoised(_birth_date)
def is_of_working_age(
    person: Person, *, on: _dt.date, policy: Policy = DEFAULT_POLICY
) -> Decision[bool]:
    """
    Whether *person* is of working age on *on*: has completed the lower age limit
    (15 years) and has not passed :func:`working_age_end`. Nobody is of working age
    before being born.

    >>> import pendulum
    >>> from jobcenter_core.people import Person, Sex
    >>> teen = Person(id="p-7", birth_date=pendulum.date(2007, 6, 2), sex=Sex.MALE)
    >>> is_of_working_age(teen, on=pendulum.date(2022, 6, 1)).codes
    ('under_lower_age_limit',)
    >>> is_of_working_age(teen, on=pendulum.date(2022, 6, 2)).value
    True

    References:
        SGB II § 7 Abs. 1 S. 1 Nr. 1, § 7a; BGB § 187 Abs. 2, § 188 Abs. 2 and 3.
    """
    lower_limit = policy.lower_age_limit.period_at(on)
    lower, lower_reference = lower_limit.value, lower_limit.reference
    born = person.birth_date
    if born > on:
        reason = Reason(
            code="not_yet_born", message="not yet born on the day", reference=lower_reference
        )
        return Decision(value=False, reasons=(reason,))
    if completed_years(born, on=on) < lower:
        reason = Reason(
            code="under_lower_age_limit",
            message=f"has not completed {lower} years",
            reference=lower_reference,
        )
        return Decision(value=False, reasons=(reason,))
    if on > working_age_end(born, policy=policy):
        return Decision(value=False, reasons=(_UPPER_AGE_LIMIT_REACHED,))
    reason = Reason(
        code="of_working_age",
        message=f"has completed {lower} years and not reached the upper age limit",
        reference=_SECTION_7A,
    )
    return Decision(value=True, reasons=(reason,))
