"""
Engine: the counts behind :func:`~jobcenter_core.caseload.summarize`, in one pass over
the persons that asks the readable rules once per *shape*, and one pass over the needs.

It speaks no law. It gives the same counts as the summary's readable pass over the
persons and needs (``_counted_per_person`` in :mod:`jobcenter_core.caseload.summary`):

* a person's **completed years** on the day are where the birth date lies among the last
  birth dates of each number of years up to 150 (:func:`bisect.bisect_left`: born on
  or before the last birth date of *n* years, *n* years completed, BGB § 187 Abs. 2 as
  :func:`~jobcenter_core.dates.completed_years` counts them);
* a person's **employability** (:func:`~jobcenter_core.rules.is_employable`) is asked
  once per shape of what the rule reads: the completed years placed among the policy's
  ``lower_age_limit`` values (``<`` and ``==`` told apart), whether the day is past
  :func:`~jobcenter_core.rules.working_age_end` (asked only of those who have completed
  the fewest years of any upper age limit in the policy's tables, less one: nobody
  younger can be past the end of the month in which that age is completed), the
  assessed hours, the residence document and the work permission. A person not yet
  born is not employable, as the summary counts, without asking. Capacity and residence
  objects are shared between persons, so a shape is first looked up by their identity
  and placed in its class on a miss;
* a **need** is counted by its status, category and urgency, the facts
  ``Need.is_unmet`` and ``Need.blocks_work`` read; both are asked of one need of each
  such shape.

Persons of one shape differ only in ids, names, languages, the exact birth day within a
class and the dates the rule does not compare, which the readable rule cannot tell apart.
``tests/caseload/test_engine_summary.py`` checks the counts against the readable pass on
the library's caseload strategies and policies, with near twins, at the law's edges
(birthdays, the end of working age, 29 February) and on national caseloads.

Enum members are counted by identity (``id``), since hashing an enum runs Python code;
they are singletons, and the tables below give them back. Where a person cannot be
classed (older than 150 years, or one for whom the policy has no upper age limit or the
limit's end is past the calendar) the engine declines with ``None`` and the summary
counts person by person, so that the readable rule answers or raises as it does. Nothing
is kept between calls.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as _dt
from collections import Counter
from collections.abc import Hashable
from itertools import chain
from operator import attrgetter
from typing import NamedTuple

from pendulum import Date

from jobcenter_core._landmarks import policy_numbers
from jobcenter_core.caseload.bands import ChildAgeBand
from jobcenter_core.caseload.caseload import Caseload
from jobcenter_core.errors import NoValueForDate
from jobcenter_core.households import ChildCare
from jobcenter_core.needs import NeedCategory
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Sex
from jobcenter_core.rules import is_employable, working_age_end

__all__ = ["Counts", "counted"]


class Counts(NamedTuple):
    """What the summary counts before it puts years into bands."""

    by_age: Counter[tuple[Sex, int]]
    """Persons by (sex, completed years; 0 if not yet born)."""
    employable_by_age: Counter[tuple[Sex, int]]
    """Employable persons by (sex, completed years)."""
    minors_by_age: Counter[tuple[int, ChildCare | None]]
    """Minors by (completed years, child care)."""
    needs: Counter[NeedCategory]
    """Unmet needs by category."""
    blocking: Counter[NeedCategory]
    """Needs that block work, by category."""


_NEEDS = attrgetter("needs")
_STATUS = attrgetter("status")
_CATEGORY = attrgetter("category")
_URGENCY = attrgetter("urgency")

_SEXES: dict[int, Sex] = {id(s): s for s in Sex}
_CARES: dict[int, ChildCare | None] = {id(c): c for c in (*ChildCare, None)}

_EMPLOYABILITY_READS = ("lower_age_limit",)
"""The policy's whole numbers :func:`is_employable` compares completed years with."""


def _lowest_upper_limit(policy: Policy) -> int:
    """
    The fewest completed years of any upper age limit in the policy's tables, less one:
    nobody younger is past :func:`~jobcenter_core.rules.working_age_end`, the end of the
    month in which an age of at least those years is completed.
    """
    return (
        min(
            limit.years
            for period in policy.upper_age_limit.periods
            for limit in (
                period.value.before,
                period.value.after,
                *(row for _, row in period.value.by_birth_year),
            )
        )
        - 1
    )


_SPAN = 150
"""The most completed years the engine classes; anyone older is left to the readable pass."""
_UNBORN = -1
_OLD = -2


def _last_birth_with(years: int, on: _dt.date) -> _dt.date:
    """
    The last birth date on which someone has completed *years* years by *on*: the same
    day *years* years earlier, or the last day of that month where it has no such day
    (29 February in a common year).
    """
    year = on.year - years
    return _dt.date(year, on.month, min(on.day, calendar.monthrange(year, on.month)[1]))


def counted(caseload: Caseload, *, on: Date, policy: Policy = DEFAULT_POLICY) -> Counts | None:
    """
    The summary's counts of *caseload* on *on*, or ``None`` where a person cannot be
    classed (see the module docstring).
    """
    if on.year <= _SPAN:
        return None
    # bounds[i] is the last birth date of _SPAN - i years, so that bisect_left gives
    # position i to a birth date with _SPAN - i completed years; len(bounds) if unborn.
    bounds = [_last_birth_with(years, on) for years in range(_SPAN, -1, -1)]
    unborn = len(bounds)
    years_at = [_SPAN - i for i in range(unborn)] + [0]
    ages = [n for n in policy_numbers(policy, _EMPLOYABILITY_READS) if type(n) is int]
    old_enough = _SPAN - _lowest_upper_limit(policy)  # positions of those who may be past
    classes: dict[tuple[int, int], int] = {}
    class_at = [
        classes.setdefault(
            (bisect.bisect_left(ages, y), bisect.bisect_right(ages, y)), len(classes)
        )
        for y in years_at
    ]
    code_at = [_OLD if i <= old_enough else c for i, c in enumerate(class_at)]
    code_at[0] = _OLD  # 150 years or more: declined below
    code_at[unborn] = _UNBORN

    known: dict[Hashable, bool] = {}  # by (code, id(capacity), id(residence), permission)
    known_get = known.get
    placed: dict[Hashable, bool] = {}  # by (code, hours, id(document), permission)
    counts: dict[tuple[int, int, int, bool], int] = {}
    counts_get = counts.get
    at_of = bisect.bisect_left
    old, unborn_code = _OLD, _UNBORN
    try:
        for household in caseload.households:
            for member in household.members:
                person = member.person
                born = person.birth_date
                i = at_of(bounds, born)
                code: Hashable = code_at[i]
                if code == old:
                    if i == 0:  # as old as the span or older
                        return None
                    code = (class_at[i], on > working_age_end(born, policy=policy))
                capacity = person.work_capacity
                residence = person.residence
                shape = (code, id(capacity), id(residence), person.work_permitted)
                employable = known_get(shape)
                if employable is None:
                    kind = (
                        code,
                        None if capacity is None else capacity.hours_per_day,
                        None if residence is None else id(residence.document),
                        person.work_permitted,
                    )
                    employable = placed.get(kind)
                    if employable is None:
                        employable = placed[kind] = (
                            code != unborn_code
                            and is_employable(person, on=on, policy=policy).value
                        )
                    known[shape] = employable
                key = (i, id(person.sex), id(member.child_care), employable)
                counts[key] = counts_get(key, 0) + 1
    except (NoValueForDate, OverflowError, ValueError):  # working_age_end cannot say
        return None
    by_age: Counter[tuple[Sex, int]] = Counter()
    employable_by_age: Counter[tuple[Sex, int]] = Counter()
    minors_by_age: Counter[tuple[int, ChildCare | None]] = Counter()
    for (i, sex_id, care_id, employable), count in counts.items():
        years = years_at[i]
        sex_and_years = (_SEXES[sex_id], years)
        by_age[sex_and_years] += count
        if ChildAgeBand.of(years) is not None:
            minors_by_age[(years, _CARES[care_id])] += count
        if employable:
            employable_by_age[sex_and_years] += count
    needs, blocking = _needs_counted(caseload)
    return Counts(by_age, employable_by_age, minors_by_age, needs, blocking)


def _needs_counted(caseload: Caseload) -> tuple[Counter[NeedCategory], Counter[NeedCategory]]:
    """Unmet needs and needs blocking work by category, asked once per (status, category,
    urgency)."""
    every = list(chain.from_iterable(map(_NEEDS, caseload.profiles)))
    shapes = list(
        zip(
            map(id, map(_STATUS, every)),
            map(id, map(_CATEGORY, every)),
            map(id, map(_URGENCY, every)),
            strict=True,
        )
    )
    needs: Counter[NeedCategory] = Counter()
    blocking: Counter[NeedCategory] = Counter()
    for shape, count in Counter(shapes).items():
        need = every[shapes.index(shape)]
        if need.is_unmet:
            needs[need.category] += count
            if need.blocks_work:
                blocking[need.category] += count
    return needs, blocking
