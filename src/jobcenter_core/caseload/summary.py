"""
The caseload's numbers on one day: households, persons, employable persons by sex and
age band, children by age band and care, and needs by category, as a job centre quotes
them. A summary is one pass over the persons: linear time, no lookups across households.

>>> import pendulum
>>> from jobcenter_core.scenarios import bocholt_june_2022
>>> summary = summarize(bocholt_june_2022().caseload, on=pendulum.date(2022, 6, 21))
>>> summary.households, summary.employable
(140, 180)
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar

import attrs
from pendulum import Date

from jobcenter_core.caseload import _summary as _engine
from jobcenter_core.caseload.bands import AgeBand, ChildAgeBand
from jobcenter_core.caseload.caseload import Caseload
from jobcenter_core.dates import as_date, completed_years, to_date
from jobcenter_core.households import ChildCare
from jobcenter_core.needs import NeedCategory
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Sex
from jobcenter_core.rules import is_employable
from jobcenter_core.validators import as_tuple, calendar_date, instance_of, whole_number

__all__ = ["CaseloadSummary", "Tally", "summarize"]

K = TypeVar("K")

_ORDERED_ENUMS: tuple[type[enum.Enum], ...] = (Sex, AgeBand, ChildAgeBand, ChildCare, NeedCategory)
"""Enums whose members a tally lists in declaration order (others by value)."""

_ORDER: dict[int, tuple[int, str]] = {
    id(member): (position, str(member.value))
    for kind in _ORDERED_ENUMS
    for position, member in enumerate(kind)
}
"""The sort key of each member of the ordered enums, by identity (hashing an enum runs
Python code)."""


def _sort_key(key: object) -> tuple[object, ...]:
    """Enums in declaration order, ``None`` first, tuples element by element."""
    if isinstance(key, tuple):
        return tuple(map(_sort_key, key))
    if isinstance(key, enum.Enum):
        ordered = _ORDER.get(id(key))
        return (0, str(key.value)) if ordered is None else ordered
    if key is None:
        return (-1, "")
    return (0, str(key))


def _items(items: Iterable[tuple[K, int]]) -> tuple[tuple[K, int], ...]:
    given = as_tuple(items)
    if given.__class__ is not tuple or not all(_is_pair(kv) for kv in given):
        return given  # refused by the field's validator, by name
    return tuple(sorted(given, key=lambda kv: _sort_key(kv[0])))


def _is_pair(item: object) -> bool:
    return isinstance(item, tuple) and len(item) == 2


def _counts(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, tuple) or not all(_is_pair(kv) for kv in value):
        raise TypeError(
            f"{attribute.name!r} must be a collection of (key, count) pairs "
            f"(got {type(value).__name__})"
        )
    for _, count in value:
        if isinstance(count, bool) or not isinstance(count, int):
            raise TypeError(f"{attribute.name!r} must count in int (got {type(count).__name__})")


@attrs.frozen(kw_only=True)
class Tally(Generic[K]):
    """
    Counts by key, as an immutable value: *items* are ``(key, count)`` pairs in the keys'
    declaration order. Keys not present count 0.

    >>> t = Tally(items=[(Sex.MALE, 2), (Sex.FEMALE, 5)])
    >>> t[Sex.FEMALE], t[Sex.DIVERSE], t.total
    (5, 0, 7)
    >>> t.items
    ((<Sex.FEMALE: 'female'>, 5), (<Sex.MALE: 'male'>, 2))
    """

    items: tuple[tuple[K, int], ...] = attrs.field(default=(), converter=_items, validator=_counts)

    def __getitem__(self, key: K) -> int:
        for k, count in self.items:
            if k == key:
                return count
        return 0

    def __iter__(self) -> Iterator[tuple[K, int]]:
        return iter(self.items)

    @property
    def total(self) -> int:
        """The sum of the counts."""
        return sum(count for _, count in self.items)

    def where(self, keep: Callable[[K], bool]) -> int:
        """
        The sum of the counts whose key satisfies the predicate *keep*.

        >>> Tally(items=[((Sex.FEMALE, AgeBand.FROM_25_TO_50), 3),
        ...              ((Sex.MALE, AgeBand.FROM_25_TO_50), 1)]).where(lambda k: k[0] is Sex.FEMALE)
        3
        """
        return sum(count for k, count in self.items if keep(k))


_COUNT = whole_number(minimum=0)
_TALLY = instance_of(Tally)


@attrs.frozen(kw_only=True)
class CaseloadSummary:
    """
    The numbers of a caseload on one day (:func:`summarize`).

    Attributes:
        on: the reference day.
        households: number of households.
        persons: number of persons.
        employable: persons employable on *on* (SGB II § 8, via
            :func:`~jobcenter_core.rules.is_employable`).
        persons_by_sex_and_age: persons by (sex, :class:`AgeBand`).
        employable_by_sex_and_age: employable persons by (sex, :class:`AgeBand`).
        children_by_age_and_care: minors by (:class:`ChildAgeBand`, care); care is the
            member's :class:`~jobcenter_core.households.ChildCare` or ``None`` when not
            recorded.
        needs_by_category: unmet needs (open or in progress) by category.
        blocking_needs_by_category: unmet needs that block work, by category.
    """

    on: Date = attrs.field(converter=to_date, validator=calendar_date)
    households: int = attrs.field(validator=_COUNT)
    persons: int = attrs.field(validator=_COUNT)
    employable: int = attrs.field(validator=_COUNT)
    persons_by_sex_and_age: Tally[tuple[Sex, AgeBand]] = attrs.field(validator=_TALLY)
    employable_by_sex_and_age: Tally[tuple[Sex, AgeBand]] = attrs.field(validator=_TALLY)
    children_by_age_and_care: Tally[tuple[ChildAgeBand, ChildCare | None]] = attrs.field(
        validator=_TALLY
    )
    needs_by_category: Tally[NeedCategory] = attrs.field(validator=_TALLY)
    blocking_needs_by_category: Tally[NeedCategory] = attrs.field(validator=_TALLY)

    @property
    def open_blocking_needs(self) -> int:
        """Unmet needs that block work."""
        return self.blocking_needs_by_category.total

    @property
    def children(self) -> int:
        """Minors (under 18 completed years)."""
        return self.children_by_age_and_care.total


def summarize(
    caseload: Caseload, *, on: _dt.date, policy: Policy = DEFAULT_POLICY
) -> CaseloadSummary:
    """
    The caseload's numbers on *on*, in one pass over its persons and needs.

    A person born after *on* (a data error, or an expected child) counts as 0 years old
    and not employable.

    The seed's "about 140 families with about 180 employable persons, mostly women aged
    25 to 50" is ``households``, ``employable`` and
    ``employable_by_sex_and_age.where(lambda k: k == (Sex.FEMALE, AgeBand.FROM_25_TO_50))``.

    >>> import pendulum
    >>> from jobcenter_core.households import Household, Member
    >>> from jobcenter_core.people import Person
    >>> mother = Person(id="p-1", birth_date=pendulum.date(1988, 3, 2), sex=Sex.FEMALE)
    >>> son = Person(id="p-2", birth_date=pendulum.date(2020, 1, 9), sex=Sex.MALE)
    >>> h = Household(id="h-1", members=(Member(person=mother), Member(person=son, child_care=ChildCare.NONE)))
    >>> s = summarize(Caseload(households=[h]), on=pendulum.date(2022, 6, 21))
    >>> s.persons, s.employable, s.employable_by_sex_and_age[(Sex.FEMALE, AgeBand.FROM_25_TO_50)]
    (2, 1, 1)
    >>> s.children_by_age_and_care.items
    (((<ChildAgeBand.UNDER_3: '0-2'>, <ChildCare.NONE: 'none'>), 1),)

    References:
        SGB II § 7 Abs. 1, § 8.
    """
    on = as_date(on)
    counts = _engine.counted(caseload, on=on, policy=policy)
    if counts is None:  # facts the engine cannot class: the readable pass answers
        counts = _counted_per_person(caseload, on=on, policy=policy)
    return CaseloadSummary(
        on=on,
        households=len(caseload.households),
        persons=counts.persons.total(),
        employable=counts.employable.total(),
        persons_by_sex_and_age=Tally(items=counts.persons.items()),
        employable_by_sex_and_age=Tally(items=counts.employable.items()),
        children_by_age_and_care=Tally(items=counts.children.items()),
        needs_by_category=Tally(items=counts.needs.items()),
        blocking_needs_by_category=Tally(items=counts.blocking.items()),
    )


def _counted_per_person(caseload: Caseload, *, on: Date, policy: Policy) -> _engine.Counts:
    """
    The summary's counts, one person and one need at a time: the readable specification
    of :func:`jobcenter_core.caseload._summary.counted` (the engine :func:`summarize`
    uses), which the differential tests compare with it.
    """
    # Counted by age in years first, and put in bands once per age at the end.
    by_age: Counter[tuple[Sex, int]] = Counter()
    employable_by_age: Counter[tuple[Sex, int]] = Counter()
    minors_by_age: Counter[tuple[int, ChildCare | None]] = Counter()
    for household in caseload.households:
        for member in household.members:
            person = member.person
            born = person.birth_date <= on
            years = completed_years(person.birth_date, on=on) if born else 0
            sex_and_years = (person.sex, years)
            by_age[sex_and_years] += 1
            if ChildAgeBand.of(years) is not None:
                minors_by_age[(years, member.child_care)] += 1
            if born and is_employable(person, on=on, policy=policy).value:
                employable_by_age[sex_and_years] += 1
    persons: Counter[tuple[Sex, AgeBand]] = Counter()
    for (sex, years), count in by_age.items():
        persons[(sex, AgeBand.of(years))] += count
    employable: Counter[tuple[Sex, AgeBand]] = Counter()
    for (sex, years), count in employable_by_age.items():
        employable[(sex, AgeBand.of(years))] += count
    children: Counter[tuple[ChildAgeBand, ChildCare | None]] = Counter()
    for (years, care), count in minors_by_age.items():
        child_band = ChildAgeBand.of(years)
        if child_band is not None:  # always: only minors are counted
            children[(child_band, care)] += count
    needs: Counter[NeedCategory] = Counter()
    blocking: Counter[NeedCategory] = Counter()
    for profile in caseload.profiles:
        for need in profile.needs:
            if need.is_unmet:
                needs[need.category] += 1
                if need.blocks_work:
                    blocking[need.category] += 1
    return _engine.Counts(persons, employable, children, needs, blocking)
