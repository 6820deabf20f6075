"""
The caseload picture: a :class:`Caseload` of households with their needs profiles,
:func:`summarize` for the numbers a job centre quotes (households, persons, employable
persons by sex and age band, children by age band and care, needs by category), and
:func:`to_records` / :func:`need_records` for flat, pseudonymised rows to load into a
dataframe.

Age bands (completed years on the reference day, BGB § 187 Abs. 2):

* persons (:class:`AgeBand`): under 15 (below the SGB II working age), 15–24 (the
  under-25s of § 7 Abs. 3 SGB II), 25–50, 51–64, 65 and over;
* children (:class:`ChildAgeBand`): 0–2 (§ 10 Abs. 1 Nr. 3: work of a caring parent not
  reasonable as a rule), 3–5 (Kita age, SGB VIII § 24 Abs. 3), 6–13 (school, care to be
  secured), 14–17.

A summary is one pass over the persons: linear time, no lookups across households.

>>> import pendulum
>>> from jobcenter_core.scenarios import synthetic_households
>>> on = pendulum.date(2022, 6, 21)
>>> caseload = Caseload(households=synthetic_households(households=140, seed=2022, on=on))
>>> summary = summarize(caseload, on=on)
>>> summary.households
140
>>> summary.persons == len(to_records(caseload, on=on))
True
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

import attrs
from pendulum import Date

from jobcenter_core.dates import as_date, completed_years
from jobcenter_core.errors import InvalidInput, Problem
from jobcenter_core.households import ChildCare, Household
from jobcenter_core.needs import NeedCategory, NeedsProfile
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Person, Sex
from jobcenter_core.rules import is_employable

__all__ = [
    "AgeBand",
    "Caseload",
    "CaseloadSummary",
    "ChildAgeBand",
    "Tally",
    "need_records",
    "summarize",
    "to_records",
]

K = TypeVar("K")

Record = dict[str, str | int | float | bool | Date]
"""A flat row: column name to a plain value."""


class AgeBand(enum.Enum):
    """Age bands of persons, in completed years: under 15, 15–24, 25–50, 51–64, 65+."""

    UNDER_15 = "0-14"
    FROM_15_TO_24 = "15-24"
    FROM_25_TO_50 = "25-50"
    FROM_51_TO_64 = "51-64"
    FROM_65 = "65+"

    @classmethod
    def of(cls, years: int) -> AgeBand:
        """
        The band of someone *years* old.

        >>> AgeBand.of(14), AgeBand.of(50), AgeBand.of(51)
        (<AgeBand.UNDER_15: '0-14'>, <AgeBand.FROM_25_TO_50: '25-50'>, <AgeBand.FROM_51_TO_64: '51-64'>)
        """
        return _AGE_BANDS[min(years, len(_AGE_BANDS) - 1)]


class ChildAgeBand(enum.Enum):
    """Age bands of minors, in completed years: 0–2, 3–5, 6–13, 14–17."""

    UNDER_3 = "0-2"
    FROM_3_TO_5 = "3-5"
    FROM_6_TO_13 = "6-13"
    FROM_14_TO_17 = "14-17"

    @classmethod
    def of(cls, years: int) -> ChildAgeBand | None:
        """
        The band of a minor *years* old; ``None`` for adults.

        >>> ChildAgeBand.of(2), ChildAgeBand.of(18)
        (<ChildAgeBand.UNDER_3: '0-2'>, None)
        """
        return _CHILD_BANDS[years] if years < len(_CHILD_BANDS) else None


def _bands() -> tuple[AgeBand, ...]:
    table = []
    for years in range(66):
        if years < 15:
            table.append(AgeBand.UNDER_15)
        elif years < 25:
            table.append(AgeBand.FROM_15_TO_24)
        elif years <= 50:
            table.append(AgeBand.FROM_25_TO_50)
        elif years <= 64:
            table.append(AgeBand.FROM_51_TO_64)
        else:
            table.append(AgeBand.FROM_65)
    return tuple(table)


_AGE_BANDS = _bands()
_CHILD_BANDS: tuple[ChildAgeBand, ...] = (
    *(ChildAgeBand.UNDER_3,) * 3,
    *(ChildAgeBand.FROM_3_TO_5,) * 3,
    *(ChildAgeBand.FROM_6_TO_13,) * 8,
    *(ChildAgeBand.FROM_14_TO_17,) * 4,
)


def _sort_key(key: object) -> tuple[object, ...]:
    """Enums in declaration order, ``None`` first, tuples element by element."""
    if isinstance(key, tuple):
        return tuple(_sort_key(k) for k in key)
    if isinstance(key, enum.Enum):
        return (_ENUM_POSITION.get(key, 0), str(key.value))
    if key is None:
        return (-1, "")
    return (0, str(key))


_ENUM_POSITION: dict[enum.Enum, int] = {}
for _enum in (Sex, AgeBand, ChildAgeBand, ChildCare, NeedCategory):
    for _i, _member in enumerate(_enum):
        _ENUM_POSITION[_member] = _i


def _items(items: Iterable[tuple[K, int]]) -> tuple[tuple[K, int], ...]:
    return tuple(sorted(items, key=lambda kv: _sort_key(kv[0])))


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

    items: tuple[tuple[K, int], ...] = attrs.field(default=(), converter=_items)

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


def _households(items: Iterable[Household]) -> tuple[Household, ...]:
    return tuple(items)


def _profiles(items: Iterable[NeedsProfile]) -> tuple[NeedsProfile, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True, repr=False)
class Caseload:
    """
    The households a job centre (or a team) looks after, with their needs *profiles*
    (at most one per household; households without one have no recorded needs).

    Household ids must be unique and every profile must belong to a household of the
    caseload; all problems are reported at once as
    :class:`~jobcenter_core.errors.InvalidInput`. ``repr`` shows only the counts.

    >>> Caseload(households=())
    Caseload(households=0, persons=0, profiles=0)
    """

    households: tuple[Household, ...] = attrs.field(converter=_households)
    profiles: tuple[NeedsProfile, ...] = attrs.field(default=(), converter=_profiles)

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        seen: set[str] = set()
        for i, h in enumerate(self.households):
            if h.id in seen:
                problems.append(Problem(f"$.households[{i}].id", "duplicate household id"))
            seen.add(h.id)
        profiled: set[str] = set()
        for i, p in enumerate(self.profiles):
            if p.household_id not in seen:
                problems.append(Problem(f"$.profiles[{i}].household_id", "unknown household id"))
            if p.household_id in profiled:
                problems.append(Problem(f"$.profiles[{i}].household_id", "second profile"))
            profiled.add(p.household_id)
        if problems:
            raise InvalidInput(problems)

    def __repr__(self) -> str:
        return (
            f"Caseload(households={len(self.households)}, persons={self.person_count}, "
            f"profiles={len(self.profiles)})"
        )

    @property
    def person_count(self) -> int:
        """The number of persons in all households."""
        return sum(len(h.members) for h in self.households)

    def persons(self) -> Iterator[Person]:
        """Every person, household by household."""
        for h in self.households:
            for m in h.members:
                yield m.person

    def profile_of(self, household_id: str) -> NeedsProfile:
        """The needs profile of *household_id* (an empty one if none was given)."""
        for p in self.profiles:
            if p.household_id == household_id:
                return p
        return NeedsProfile(household_id=household_id)


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

    on: Date
    households: int
    persons: int
    employable: int
    persons_by_sex_and_age: Tally[tuple[Sex, AgeBand]]
    employable_by_sex_and_age: Tally[tuple[Sex, AgeBand]]
    children_by_age_and_care: Tally[tuple[ChildAgeBand, ChildCare | None]]
    needs_by_category: Tally[NeedCategory]
    blocking_needs_by_category: Tally[NeedCategory]

    @property
    def open_blocking_needs(self) -> int:
        """Unmet needs that block work."""
        return self.blocking_needs_by_category.total

    @property
    def children(self) -> int:
        """Minors (under 18 completed years)."""
        return self.children_by_age_and_care.total


_BAND_ORDER = tuple(AgeBand)
_AGE_BAND_POSITIONS = tuple(_BAND_ORDER.index(band) for band in _AGE_BANDS)


def _sex_age_items(counts: Counter[tuple[str, int]]) -> list[tuple[tuple[Sex, AgeBand], int]]:
    return [((Sex(sex), _BAND_ORDER[band]), n) for (sex, band), n in counts.items()]


def _child_items(
    counts: Counter[tuple[int, str | None]],
) -> list[tuple[tuple[ChildAgeBand, ChildCare | None], int]]:
    merged: Counter[tuple[ChildAgeBand, ChildCare | None]] = Counter()
    for (years, care), n in counts.items():
        merged[(_CHILD_BANDS[years], None if care is None else ChildCare(care))] += n
    return list(merged.items())


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
    # Counted under plain keys (enum values, band positions): hashing an enum runs Python
    # code, hashing a str or int does not; that is most of the cost outside the rules.
    by_sex_age: Counter[tuple[str, int]] = Counter()
    employable_by: Counter[tuple[str, int]] = Counter()
    children: Counter[tuple[int, str | None]] = Counter()
    persons = 0
    employable = 0
    last_band = len(_AGE_BAND_POSITIONS) - 1
    child_ages = len(_CHILD_BANDS)
    for household in caseload.households:
        for member in household.members:
            person = member.person
            persons += 1
            born = person.birth_date <= on
            years = completed_years(person.birth_date, on=on) if born else 0
            key = (person.sex.value, _AGE_BAND_POSITIONS[min(years, last_band)])
            by_sex_age[key] += 1
            if years < child_ages:
                care = member.child_care
                children[(years, None if care is None else care.value)] += 1
            if born and is_employable(person, on=on, policy=policy).value:
                employable += 1
                employable_by[key] += 1
    needs: Counter[NeedCategory] = Counter()
    blocking: Counter[NeedCategory] = Counter()
    for profile in caseload.profiles:
        for need in profile.needs:
            if need.is_unmet:
                needs[need.category] += 1
                if need.blocks_work:
                    blocking[need.category] += 1
    return CaseloadSummary(
        on=on,
        households=len(caseload.households),
        persons=persons,
        employable=employable,
        persons_by_sex_and_age=Tally(items=_sex_age_items(by_sex_age)),
        employable_by_sex_and_age=Tally(items=_sex_age_items(employable_by)),
        children_by_age_and_care=Tally(items=_child_items(children)),
        needs_by_category=Tally(items=needs.items()),
        blocking_needs_by_category=Tally(items=blocking.items()),
    )


_NO_NEEDS: frozenset[NeedCategory] = frozenset()


def _categories(include_special_categories: bool) -> tuple[NeedCategory, ...]:
    return tuple(c for c in NeedCategory if include_special_categories or not c.special_category)


def to_records(
    caseload: Caseload,
    *,
    on: _dt.date,
    include_special_categories: bool = False,
    policy: Policy = DEFAULT_POLICY,
) -> tuple[Record, ...]:
    """
    One flat row per person, for pandas or polars; pseudonymised and coarsened.

    Columns, the same in every row and in this order: ``on`` (date), ``household_id``,
    ``person_id`` (the pseudonymous ids), ``sex``, ``age_band`` (:class:`AgeBand`
    value), ``child_age_band`` and ``child_care`` (``""`` for adults; care ``"unknown"``
    when not recorded), ``german_level`` (CEFR level or ``"none"``), ``employable``,
    ``unmet_needs`` and ``blocking_needs`` (counts over the person's own needs), then
    ``need_<category>`` (``True`` when the person has an unmet need of it) for every
    category. No names, no birth dates, no residence or capacity details; special-category
    needs (Art. 9 GDPR) are neither columns nor counted unless
    *include_special_categories* is true.

    >>> import pendulum
    >>> from jobcenter_core.households import Household, Member
    >>> p = Person(id="p-1", birth_date=pendulum.date(1988, 3, 2), sex=Sex.FEMALE, name="Olena")
    >>> rows = to_records(Caseload(households=[Household(id="h-1", members=(Member(person=p),))]),
    ...                   on=pendulum.date(2022, 6, 21))
    >>> {k: rows[0][k] for k in ("person_id", "sex", "age_band", "employable")}
    {'person_id': 'p-1', 'sex': 'female', 'age_band': '25-50', 'employable': True}
    >>> "Olena" in repr(rows) or "1988" in repr(rows) or "need_psychosocial_support" in rows[0]
    False

    References:
        Art. 9 GDPR; SGB I § 35; SGB X § 67 ff.
    """
    on = as_date(on)
    categories = _categories(include_special_categories)
    columns = {c: f"need_{c.value}" for c in categories}
    no_needs = dict.fromkeys(columns.values(), False)
    profiles = {p.household_id: p for p in caseload.profiles}
    rows: list[Record] = []
    for household in caseload.households:
        profile = profiles.get(household.id)
        unmet_by_subject: dict[str, set[NeedCategory]] = {}
        blocking_by_subject: Counter[str] = Counter()
        if profile is not None:
            for need in profile.needs:
                if not need.is_unmet or need.category not in categories:
                    continue
                unmet_by_subject.setdefault(need.subject, set()).add(need.category)
                if need.blocks_work:
                    blocking_by_subject[need.subject] += 1
        for member in household.members:
            person = member.person
            born = person.birth_date <= on
            years = completed_years(person.birth_date, on=on) if born else 0
            child_band = ChildAgeBand.of(years)
            unmet = unmet_by_subject.get(person.id, _NO_NEEDS)
            german = person.level_in("de")
            row: Record = {
                "on": on,
                "household_id": household.id,
                "person_id": person.id,
                "sex": person.sex.value,
                "age_band": AgeBand.of(years).value,
                "child_age_band": child_band.value if child_band is not None else "",
                "child_care": (
                    ""
                    if child_band is None
                    else (member.child_care.value if member.child_care is not None else "unknown")
                ),
                "german_level": german.value if german is not None else "none",
                "employable": born and is_employable(person, on=on, policy=policy).value,
                "unmet_needs": len(unmet),
                "blocking_needs": blocking_by_subject[person.id],
            }
            row.update(no_needs)
            for category in unmet:
                row[columns[category]] = True
            rows.append(row)
    return tuple(rows)


def need_records(
    caseload: Caseload, *, include_special_categories: bool = False
) -> tuple[Record, ...]:
    """
    One flat row per need, for pandas or polars; special-category needs only when
    *include_special_categories* is true.

    Columns: ``household_id``, ``subject`` (a person id or the household id),
    ``household_need`` (whether the subject is the household), ``category``,
    ``special_category``, ``urgency``, ``status``, ``unmet``, ``blocks_work``,
    ``identified_on`` and ``updated_on`` (dates), ``identified_by_kind`` and
    ``updated_by_kind`` (kinds of evidence), ``observations`` (length of the trail).

    >>> import pendulum
    >>> from jobcenter_core.households import Household, Member
    >>> from jobcenter_core.needs import Evidence, EvidenceKind, Need
    >>> p = Person(id="p-1", birth_date=pendulum.date(1988, 3, 2), sex=Sex.FEMALE)
    >>> by = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")
    >>> profile = NeedsProfile(household_id="h-1", needs=[
    ...     Need(subject="p-1", category=c, identified_on=pendulum.date(2022, 5, 30), identified_by=by)
    ...     for c in (NeedCategory.GERMAN_LANGUAGE, NeedCategory.PSYCHOSOCIAL_SUPPORT)])
    >>> caseload = Caseload(households=[Household(id="h-1", members=(Member(person=p),))],
    ...                     profiles=[profile])
    >>> [r["category"] for r in need_records(caseload)]
    ['german_language']
    >>> [r["category"] for r in need_records(caseload, include_special_categories=True)]
    ['psychosocial_support', 'german_language']
    """
    rows: list[Record] = []
    for profile in caseload.profiles:
        for need in profile.needs:
            if need.category.special_category and not include_special_categories:
                continue
            rows.append(
                {
                    "household_id": profile.household_id,
                    "subject": need.subject,
                    "household_need": need.subject == profile.household_id,
                    "category": need.category.value,
                    "special_category": need.category.special_category,
                    "urgency": need.urgency.value,
                    "status": need.status.value,
                    "unmet": need.is_unmet,
                    "blocks_work": need.blocks_work,
                    "identified_on": need.identified_on,
                    "updated_on": need.updated_on,
                    "identified_by_kind": need.identified_by.kind.value,
                    "updated_by_kind": need.updated_by.kind.value,
                    "observations": len(need.trail),
                }
            )
    return tuple(rows)
