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
  born is not employable, as the summary counts, without asking;
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
counts person by person, so that the readable rule answers or raises as it does. The
tables of a day and policy (the birthdays, classes and bands of each number of years, a
pure function of the two) are kept for the last 16 pairs; no person, shape or answer is
kept between calls.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as _dt
import functools
from collections import Counter
from collections.abc import Hashable
from typing import Any, NamedTuple

from pendulum import Date

from jobcenter_core._landmarks import below_every_upper_age_limit, policy_numbers
from jobcenter_core.caseload.bands import AgeBand, ChildAgeBand
from jobcenter_core.caseload.caseload import Caseload
from jobcenter_core.errors import NoValueForDate
from jobcenter_core.households import ChildCare
from jobcenter_core.needs import NeedCategory
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Sex
from jobcenter_core.rules import is_employable, working_age_end

__all__ = ["Counts", "counted"]


class Counts(NamedTuple):
    """What the summary counts."""

    persons: Counter[tuple[Sex, AgeBand]]
    """Persons by (sex, age band; a person not yet born counts as 0 years old)."""
    employable: Counter[tuple[Sex, AgeBand]]
    """Employable persons by (sex, age band)."""
    children: Counter[tuple[ChildAgeBand, ChildCare | None]]
    """Minors by (age band, child care)."""
    needs: Counter[NeedCategory]
    """Unmet needs by category."""
    blocking: Counter[NeedCategory]
    """Needs that block work, by category."""


_SEXES: dict[int, Sex] = {id(s): s for s in Sex}
_CARES: dict[int, ChildCare | None] = {id(c): c for c in (*ChildCare, None)}
_AGE_BANDS: dict[int, AgeBand] = {id(b): b for b in AgeBand}
_CHILD_BANDS: dict[int, ChildAgeBand] = {id(b): b for b in ChildAgeBand}

_EMPLOYABILITY_READS = ("lower_age_limit",)
"""The policy's whole numbers :func:`is_employable` compares completed years with."""


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


class _Day(NamedTuple):
    """The tables of one day and policy: what a birth date's position tells."""

    bounds: tuple[_dt.date, ...]
    """The last birth date of each number of years, from _SPAN down to 0 (the day)."""
    cell_at: tuple[int, ...]
    """By position: the number of the (age band, child age band) of its years."""
    cells: tuple[tuple[int, int | None], ...]
    """By number: the identities of the age band and the child age band (or ``None``)."""
    class_at: tuple[int, ...]
    """By position: the number of its years' class among the policy's ages."""
    code_at: tuple[int, ...]
    """By position: its class, or _OLD (the end of working age to be asked), or _UNBORN."""


@functools.lru_cache(maxsize=16)
def _day(on: _dt.date, policy: Policy) -> _Day:
    """The tables of *on* and *policy* (a pure function of both, kept for the last few)."""
    # bounds[i] is the last birth date of _SPAN - i years, so that bisect_left gives
    # position i to a birth date with _SPAN - i completed years; len(bounds) if unborn.
    bounds = tuple(_last_birth_with(years, on) for years in range(_SPAN, -1, -1))
    years_at = [_SPAN - i for i in range(len(bounds))] + [0]
    ages = [n for n in policy_numbers(policy, _EMPLOYABILITY_READS) if type(n) is int]
    classes: dict[tuple[int, int], int] = {}
    class_at = tuple(
        classes.setdefault(
            (bisect.bisect_left(ages, y), bisect.bisect_right(ages, y)), len(classes)
        )
        for y in years_at
    )
    old_enough = _SPAN - below_every_upper_age_limit(policy)  # positions of those who may be past
    code_at = [_OLD if i <= old_enough else c for i, c in enumerate(class_at)]
    code_at[0] = _OLD  # 150 years or more: declined when met
    code_at[len(bounds)] = _UNBORN
    cells: dict[tuple[int, int | None], int] = {}
    cell_at = []
    for years in years_at:
        child_band = ChildAgeBand.of(years)
        cell = (id(AgeBand.of(years)), None if child_band is None else id(child_band))
        cell_at.append(cells.setdefault(cell, len(cells)))
    return _Day(bounds, tuple(cell_at), tuple(cells), class_at, tuple(code_at))


def counted(caseload: Caseload, *, on: Date, policy: Policy = DEFAULT_POLICY) -> Counts | None:
    """
    The summary's counts of *caseload* on *on*, or ``None`` where a person cannot be
    classed (see the module docstring).
    """
    if on.year <= _SPAN:
        return None
    bounds, cell_at, cells, class_at, code_at = _day(on, policy)
    answers: dict[Hashable, bool] = {}  # by (code, hours, id(document), permission)
    answers_get = answers.get
    keys: list[tuple[int, int, int, bool]] = []
    add = keys.append
    at_of = bisect.bisect_left
    old, unborn = _OLD, _UNBORN
    try:
        for household in caseload.households:
            for member in household.members:
                person = member.person
                i = at_of(bounds, person.birth_date)
                code: Hashable = code_at[i]
                if code == old:
                    if i == 0:  # as old as the span or older
                        return None
                    code = (class_at[i], on > working_age_end(person.birth_date, policy=policy))
                capacity = person.work_capacity
                residence = person.residence
                shape = (
                    code,
                    None if capacity is None else capacity.hours_per_day,
                    None if residence is None else id(residence.document),
                    person.work_permitted,
                )
                employable = answers_get(shape)
                if employable is None:
                    employable = answers[shape] = (
                        code != unborn and is_employable(person, on=on, policy=policy).value
                    )
                add((cell_at[i], id(person.sex), id(member.child_care), employable))
    except (NoValueForDate, OverflowError, ValueError):  # working_age_end cannot say
        return None
    # Counted by the members' identities until the end.
    persons: dict[tuple[int, int], int] = {}
    employable_persons: dict[tuple[int, int], int] = {}
    children: dict[tuple[int, int], int] = {}
    for (cell, sex_id, care_id, employable), count in Counter(keys).items():
        age_band, child_band = cells[cell]
        sex_band = (sex_id, age_band)
        persons[sex_band] = persons.get(sex_band, 0) + count
        if child_band is not None:
            minor = (child_band, care_id)
            children[minor] = children.get(minor, 0) + count
        if employable:
            employable_persons[sex_band] = employable_persons.get(sex_band, 0) + count
    needs, blocking = _needs_counted(caseload)
    return Counts(
        Counter({(_SEXES[s], _AGE_BANDS[b]): n for (s, b), n in persons.items()}),
        Counter({(_SEXES[s], _AGE_BANDS[b]): n for (s, b), n in employable_persons.items()}),
        Counter({(_CHILD_BANDS[b], _CARES[c]): n for (b, c), n in children.items()}),
        needs,
        blocking,
    )


def _needs_counted(caseload: Caseload) -> tuple[Counter[NeedCategory], Counter[NeedCategory]]:
    """Unmet needs and needs blocking work by category, asked of the first need of each
    (status, category, urgency)."""
    counted: dict[tuple[int, int, int], list[Any]] = {}  # shape -> [count, its first need]
    counted_get = counted.get
    for profile in caseload.profiles:
        for need in profile.needs:
            shape = (id(need.status), id(need.category), id(need.urgency))
            found = counted_get(shape)
            if found is None:
                counted[shape] = [1, need]
            else:
                found[0] += 1
    needs: Counter[NeedCategory] = Counter()
    blocking: Counter[NeedCategory] = Counter()
    for count, need in counted.values():
        if need.is_unmet:
            needs[need.category] += count
            if need.blocks_work:
                blocking[need.category] += count
    return needs, blocking
