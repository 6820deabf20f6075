"""
The random draws behind the scenarios, from one private :class:`random.Random`.

Every choice a generator makes (a chance, a whole number, an age, a birth day, a weighted
pick) is a method of :class:`Draw`, seeded by the caller: the same seed gives the same
draws in any process, and nothing global is read or changed. Values many persons share
(days, residence statuses, language lists, work capacities, approval ends, mobility
answers) are made once per draw and shared, as they would be after parsing with interning.

>>> import pendulum
>>> on = pendulum.date(2022, 6, 21)
>>> [Draw(7, on).between(1, 6) for _ in range(3)] == [Draw(7, on).between(1, 6)] * 3
True
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence
from typing import Generic, TypeVar

import pendulum
from pendulum import Date

from jobcenter_core.coaching import Mobility
from jobcenter_core.dates import add_months, days_in_month, end_of_month
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.people import ResidenceDocument, ResidenceStatus, WorkCapacity

__all__ = ["Draw", "Weighted"]

T = TypeVar("T")

_APPROVALS_FROM = pendulum.date(2022, 6, 1)
"""Approval periods (SGB II) exist from the switch of 2022-06-01 on."""

_date_from_ordinal = super(Date, Date).fromordinal
"""``datetime.date.fromordinal`` for :class:`pendulum.Date`: the same ``Date`` that
``Date.fromordinal`` returns (which makes it, then makes it again from its year, month
and day), made once."""


class Weighted(Generic[T]):
    """
    Values with their weights, for :meth:`Draw.weighted`.

    >>> Weighted([("a", 0.25), ("b", 0.75)]).values
    ('a', 'b')
    """

    def __init__(self, table: Sequence[tuple[T, float]]) -> None:
        self.values = tuple(value for value, _ in table)
        self.cumulative = tuple(itertools.accumulate(weight for _, weight in table))


def _same_day_years_before(on: Date, years: int) -> Date:
    """The day *years* years before *on* (28 February for 29 February in a common year)."""
    year = on.year - years
    return pendulum.date(year, on.month, min(on.day, days_in_month(year, on.month)))


class Draw:
    """Every random choice of a generator, from one private ``random.Random(seed)``."""

    def __init__(self, seed: int | str, on: Date) -> None:
        self.rng = random.Random(seed)
        self.random = self.rng.random
        self.on = on
        self.on_ordinal = on.toordinal()
        self.approval_known = on >= _APPROVALS_FROM
        self._approval_ends: dict[int, Date] = {}
        self._birth_spans: dict[int, tuple[int, int]] = {}
        self._residences: dict[tuple[int, int | None], ResidenceStatus] = {}
        self._dates: dict[int, Date] = {}
        self._skills: dict[tuple[str, ...], tuple[LanguageSkill, ...]] = {}
        self._capacities: dict[tuple[float, int], WorkCapacity] = {}
        self._mobilities: dict[tuple[bool, float], Mobility] = {}

    def date(self, ordinal: int) -> Date:
        """The (shared) day with this proleptic Gregorian *ordinal*."""
        found = self._dates.get(ordinal)
        if found is None:
            found = self._dates[ordinal] = _date_from_ordinal(ordinal)
        return found

    def chance(self, p: float) -> bool:
        """True with probability *p*."""
        return self.random() < p

    def below(self, n: int) -> int:
        """A whole number in ``[0, n)``."""
        return int(self.random() * n)

    def between(self, low: int, high: int) -> int:
        """A whole number in ``[low, high]``."""
        return low + int(self.random() * (high - low + 1))

    def pick(self, items: Sequence[T]) -> T:
        """One of *items*, each as likely."""
        return items[int(self.random() * len(items))]

    def weighted(self, table: Weighted[T]) -> T:
        """One of the table's values, as likely as its weight."""
        cumulative = table.cumulative
        return table.values[bisect.bisect(cumulative, self.random() * cumulative[-1])]

    def birth(self, age: int) -> int:
        """A birth day (ordinal) on which one has completed exactly *age* years on ``on``."""
        span = self._birth_spans.get(age)
        if span is None:
            span = self.birth_span(age)
        return span[0] + int(self.random() * span[1])

    def birth_span(self, age: int) -> tuple[int, int]:
        """The first birth day (ordinal) on which one has completed exactly *age* years on
        ``on``, and the number of such days (:meth:`birth` draws one of them)."""
        span = self._birth_spans.get(age)
        if span is None:
            latest = _same_day_years_before(self.on, age).toordinal()
            earliest = _same_day_years_before(self.on, age + 1).toordinal() + 1
            span = self._birth_spans[age] = (earliest, latest - earliest + 1)
        return span

    def adult_age(self, low: int, high: int, mode: float) -> int:
        """An age in ``[low, high]``, triangular around *mode*."""
        return int(self.rng.triangular(low, high + 0.999, mode))

    def approval_end(self, months: int) -> Date:
        """The end of an approval period ending *months* months after ``on``."""
        found = self._approval_ends.get(months)
        if found is None:
            found = self._approval_ends[months] = end_of_month(add_months(self.on, months))
        return found

    def residence(self, document: ResidenceDocument, issued: int | None) -> ResidenceStatus:
        """The (shared) residence status of *document* first issued on day *issued*."""
        # keyed by the identity of the document (an enum member, kept alive by the status
        # made for it): hashing an enum member is a Python call
        key = (id(document), issued)
        found = self._residences.get(key)
        if found is None:
            found = self._residences[key] = ResidenceStatus(
                document=document, first_issued_on=None if issued is None else self.date(issued)
            )
        return found

    def skills(self, pairs: tuple[str, ...]) -> tuple[LanguageSkill, ...]:
        """Language skills from ``(language, level, language, level, …)``, shared."""
        found = self._skills.get(pairs)
        if found is None:
            found = self._skills[pairs] = tuple(
                LanguageSkill(language=pairs[i], level=CefrLevel(pairs[i + 1]))
                for i in range(0, len(pairs), 2)
            )
        return found

    def work_capacity(self, hours: float, assessed: int) -> WorkCapacity:
        """The (shared) work capacity of *hours* a day assessed on day *assessed*."""
        key = (hours, assessed)
        found = self._capacities.get(key)
        if found is None:
            found = self._capacities[key] = WorkCapacity(
                hours_per_day=hours, assessed_on=self.date(assessed)
            )
        return found

    def mobility(self, has_transport: bool, km: float) -> Mobility:
        """The (shared) answers about getting to the job centre."""
        key = (has_transport, km)
        found = self._mobilities.get(key)
        if found is None:
            found = self._mobilities[key] = Mobility(
                has_transport=has_transport, distance_to_centre_km=km
            )
        return found
