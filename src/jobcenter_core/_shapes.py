"""
Engine: a person's *shape* on a day — the facts that employability and the benefit
regime read of a person, each placed into the class the rules can tell apart — numbered,
so that engines keep answers under flat keys of small numbers.

It speaks no law. The classes:

* the birth date: not yet born (``0``), or the completed years placed among the ages
  the caller names (with ``<`` and ``==`` told apart) and whether the day is past
  :func:`~jobcenter_core.rules.working_age_end` (asked only of those older than every
  § 7a limit of the policy, :func:`~jobcenter_core._landmarks.below_every_upper_age_limit`);
* a date (identity registration, first issue of the document, the end of an approval
  period): placed among every date the policy holds and the day itself (``-1`` for none);
* assessed hours: placed among the numbers the caller names (``-1`` for none);
* the other facts as they are (the residence document by identity, flags, work
  permission).

Every class is numbered from 1 as it is first met, so that a kept class is never falsy
and ``get(…) or work_out(…)`` finds it; shapes are numbered from 1 and a number is
never given twice, so that answers kept by number elsewhere stay right when the shapes
are forgotten. Used by ``national/_regimes.py`` and ``coaching/_fits.py``, whose
differential tests check the answers kept by these shapes against the readable rules.
Memory is bounded: at most *size* shapes (all forgotten when full).

>>> import pendulum
>>> from jobcenter_core.parameters import DEFAULT_POLICY
>>> from jobcenter_core.people import Person, Sex
>>> shapes = PersonShapes(pendulum.date(2022, 6, 21), DEFAULT_POLICY, ages=[15, 18],
...                       hours=[3.0])
>>> one = Person(id="p-1", birth_date=pendulum.date(1990, 1, 1), sex=Sex.FEMALE)
>>> two = Person(id="p-2", birth_date=pendulum.date(1991, 5, 5), sex=Sex.MALE)
>>> shapes.shape(one) == shapes.shape(two) > 0
True
>>> shapes.shape(Person(id="p-3", birth_date=pendulum.date(2023, 1, 1), sex=Sex.MALE))
0
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Hashable, Sequence
from typing import Any

from jobcenter_core._landmarks import below_every_upper_age_limit, policy_dates
from jobcenter_core.parameters import Policy
from jobcenter_core.people import Person
from jobcenter_core.rules import working_age_end

__all__ = ["PersonShapes", "placed"]


def placed(among: Sequence[Any], value: Any) -> tuple[int, int]:
    """Where *value* lies among the sorted *among*, with ``<`` and ``==`` told apart.

    >>> placed([14, 15, 18], 15), placed([14, 15, 18], 16)
    ((1, 2), (2, 2))
    """
    return (bisect.bisect_left(among, value), bisect.bisect_right(among, value))


class PersonShapes:
    """The numbered classes and shapes of persons on one day under one policy (see the
    module's docstring), the completed years placed among *ages* and assessed hours
    among *hours*."""

    __slots__ = (
        "ages",
        "births",
        "classes",
        "dates",
        "hours",
        "hours_read",
        "next_shape",
        "on",
        "placed",
        "policy",
        "shapes",
        "size",
        "young",
    )

    def __init__(
        self,
        on: _dt.date,
        policy: Policy,
        *,
        ages: Sequence[float],
        hours: Sequence[float],
        size: int = 1 << 16,
    ) -> None:
        self.on = on
        self.policy = policy
        self.size = size
        self.ages = sorted(ages)
        self.hours_read = sorted(hours)
        self.dates = policy_dates(policy, on)
        self.young = below_every_upper_age_limit(policy)
        """Completed years at which nobody is past the end of working age."""
        self.classes: dict[Hashable, int] = {}
        self.births: dict[_dt.date, int] = {}
        self.placed: dict[_dt.date, int] = {}
        self.hours: dict[float, int] = {}
        self.shapes: dict[Hashable, int] = {}
        self.next_shape = 1

    def number(self, found: Hashable) -> int:
        """The number of a class, from 1."""
        n = self.classes.get(found)
        if n is None:
            n = self.classes[found] = len(self.classes) + 1
        return n

    def years(self, born: _dt.date) -> int:
        """Completed years on the day of a person born by then (BGB § 187, § 188)."""
        on = self.on
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

    def birth(self, born: _dt.date) -> int:
        """A birth date's class: ``0`` if not yet born."""
        found = self.births.get(born)
        if found is None:
            if born > self.on:
                found = 0
            else:
                years = self.years(born)
                found = self.number(
                    (
                        "born",
                        placed(self.ages, years),
                        years > self.young and self.on > working_age_end(born, policy=self.policy),
                    )
                )
            if len(self.births) >= self.size:
                self.births.clear()
            self.births[born] = found
        return found

    def date(self, day: _dt.date | None) -> int:
        """A date's class: ``-1`` for none."""
        if day is None:
            return -1
        found = self.placed.get(day)
        if found is None:
            if len(self.placed) >= self.size:
                self.placed.clear()
            found = self.placed[day] = self.number(
                ("date", placed(self.dates, _dt.date.fromordinal(day.toordinal())))
            )
        return found

    def hours_class(self, hours: float) -> int:
        """Assessed hours' class."""
        found = self.hours.get(hours)
        if found is None:
            found = self.hours[hours] = self.number(("hours", placed(self.hours_read, hours)))
        return found

    def shape(self, p: Person) -> int:
        """The number of the person's shape; ``0`` for a person not yet born."""
        born = self.births.get(p.birth_date) or self.birth(p.birth_date)
        if not born:
            return 0
        dated = self.placed
        residence = p.residence
        if residence is None:
            document = issued = -1
        else:
            document = id(residence.document)
            day = residence.first_issued_on
            issued = -1 if day is None else (dated.get(day) or self.date(day))
        day = p.identity_registered_on
        capacity = p.work_capacity
        key = (
            born,
            document,
            issued,
            p.identity_registered,
            -1 if day is None else (dated.get(day) or self.date(day)),
            p.stored_in_central_register,
            -1
            if capacity is None
            else (
                self.hours.get(capacity.hours_per_day) or self.hours_class(capacity.hours_per_day)
            ),
            p.work_permitted,
        )
        found = self.shapes.get(key)
        if found is None:
            if len(self.shapes) >= self.size:
                self.shapes.clear()
            found = self.shapes[key] = self.next_shape
            self.next_shape += 1
        return found
