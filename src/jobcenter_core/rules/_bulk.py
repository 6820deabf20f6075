"""
Engine: the rules' answers for a whole caseload on one day, as columns of values.

It speaks no law. It asks the readable rules, once for each *shape* of subject, and hands
the answer to every subject of that shape:

* a **person's shape** is what the person-level rules can tell apart of a person on the
  day: the birth date as its *birth class* (born by the day or not; the completed years
  placed among every whole number the policy holds, with ``<`` and ``==`` told apart;
  whether the day is past :func:`~jobcenter_core.rules.working_age_end`), the residence
  document, every date of the person placed among every date the policy holds and the
  day itself, and the other facts as they are;
* a **household's shape** is its members' shapes (with the member's own facts: marital
  status, child care, covering own needs, primary carer) in household order, its
  relationships and care arrangements by member position, and its approval period's end
  placed like any other date.

Two subjects of one shape differ only in what the rules cannot see through a comparison
with the policy's numbers and dates (ids, names, languages, the exact day within a class),
so the readable rules give them the same values. The differential tests in
``tests/rules/test_engine_bulk.py`` check that claim against the readable rules, so that a
rule which starts to compare with a number or a date the policy does not hold fails there
until this engine learns of it.

The tables (birth classes, residence and date classes, shapes and their answers) live
for one call: nothing is kept between calls, and no subject is held after it.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Callable, Hashable, Iterable, Sequence
from itertools import compress, repeat
from operator import add, attrgetter, itemgetter, mul
from typing import Any, TypeVar

import attrs

from jobcenter_core.households import Household, Member
from jobcenter_core.parameters import Policy
from jobcenter_core.people import Person
from jobcenter_core.rules.employability import is_employable
from jobcenter_core.rules.reasonableness import work_is_reasonable
from jobcenter_core.rules.regime import _ADULT, BenefitRegime, benefit_regime
from jobcenter_core.rules.unit_membership import benefit_unit
from jobcenter_core.rules.working_age import is_of_working_age, working_age_end

__all__ = ["HouseholdAnswers", "employable_values", "household_answers"]

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_BIRTH = attrgetter("birth_date")
_RESIDENCE = attrgetter("residence")
_REGISTERED = attrgetter("identity_registered")
_REGISTERED_ON = attrgetter("identity_registered_on")
_STORED = attrgetter("stored_in_central_register")
_CAPACITY = attrgetter("work_capacity")
_PERMITTED = attrgetter("work_permitted")
_PERSON = attrgetter("person")
_MARITAL = attrgetter("marital_status")
_CHILD_CARE = attrgetter("child_care")
_COVERS = attrgetter("covers_own_needs")
_CARER = attrgetter("primary_carer")
_MEMBERS = attrgetter("members")
_ID = attrgetter("id")


def _walk(value: object, found: list[_dt.date], depth: int = 0) -> None:
    """Every date inside *value* (attrs values and tuples of them)."""
    if depth > 8 or value is None:
        return
    if isinstance(value, _dt.date):
        found.append(value)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]
            _walk(getattr(value, field.name), found, depth + 1)
    elif isinstance(value, tuple | list | frozenset):
        for item in value:
            _walk(item, found, depth + 1)


class _Day:
    """The classes of one call: one day, one policy."""

    def __init__(self, on: _dt.date, policy: Policy) -> None:
        found: list[_dt.date] = []
        for dated in policy.parameters().values():
            _walk(dated, found)
        self.on = on
        self.policy = policy
        self.dates = sorted(
            {_dt.date.fromordinal(v.toordinal()) for v in found}
            | {_dt.date.fromordinal(on.toordinal())}
        )

    def ages(self, parameters: tuple[str, ...], *also: int) -> list[int]:
        """The whole numbers of the policy *parameters*, and *also*, in order."""
        dated = self.policy.parameters()
        numbers = {p.value for name in parameters for p in dated[name].periods}
        return sorted({n for n in numbers if type(n) is int} | set(also))

    def birth_classes(self, births: Sequence[_dt.date], ages: list[int]) -> _Coded:
        """
        Each birth date as what the person-level rules can tell of it on the day when
        they compare completed years with *ages*: born by the day or not, the years
        placed among *ages* (``<`` and ``==`` told apart), and whether the day is past
        :func:`~jobcenter_core.rules.working_age_end`.
        """
        on, policy = self.on, self.policy

        def birth_class(born: _dt.date) -> Hashable:
            if born > on:
                return None
            years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
            past_end = on > working_age_end(born, policy=policy)
            return (bisect.bisect_left(ages, years), bisect.bisect_right(ages, years), past_end)

        return _classes(births, birth_class)

    def birth_table(
        self, births: Iterable[_dt.date], ages: list[int]
    ) -> tuple[dict[_dt.date, int], list[_dt.date]]:
        """
        The class code of each distinct birth date (as :meth:`birth_classes`), and for
        each code one birth date of that class, to ask the rules about.
        """
        on, policy = self.on, self.policy
        interned: dict[Hashable, int] = {}
        representative: list[_dt.date] = []
        table: dict[_dt.date, int] = {}
        for born in set(births):
            if born > on:
                found: Hashable = None
            else:
                years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
                past_end = on > working_age_end(born, policy=policy)
                found = (
                    bisect.bisect_left(ages, years),
                    bisect.bisect_right(ages, years),
                    past_end,
                )
            code = interned.get(found)
            if code is None:
                code = interned[found] = len(representative)
                representative.append(born)
            table[born] = code
        return table, representative

    def years_class_of(self, parameters: tuple[str, ...]) -> Callable[[_dt.date], Hashable]:
        """The class of a birth date for a rule comparing years with *parameters*."""
        ages = self.ages(parameters)
        on = self.on

        def years_class(born: _dt.date) -> Hashable:
            if born > on:
                return None
            years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
            return (bisect.bisect_left(ages, years), bisect.bisect_right(ages, years))

        return years_class

    def date_class(self, day: _dt.date | None) -> Hashable:
        """Where *day* lies among the policy's dates and the day: before, on or after each."""
        if day is None:
            return None
        dates = self.dates
        plain = _dt.date.fromordinal(day.toordinal())
        return (bisect.bisect_left(dates, plain), bisect.bisect_right(dates, plain))

    def residence_class(self, residence: Any) -> Hashable:
        if residence is None:
            return None
        return (id(residence.document), self.date_class(residence.first_issued_on))

    @staticmethod
    def capacity_class(capacity: Any) -> Hashable:
        return None if capacity is None else capacity.hours_per_day

    def person_shapes(self, persons: Sequence[Person], ages: list[int]) -> list[int]:
        """The shape of each person, in order, for rules that compare years with *ages*."""
        key = _Key()
        key.codes(self.birth_classes(list(map(_BIRTH, persons)), ages))
        key.by_identity(list(map(_RESIDENCE, persons)), self.residence_class)
        key.flags(list(map(_REGISTERED, persons)))
        key.classes(list(map(_REGISTERED_ON, persons)), self.date_class)
        key.flags(list(map(_STORED, persons)))
        key.by_identity(list(map(_CAPACITY, persons)), self.capacity_class)
        key.classes(list(map(_PERMITTED, persons)), _same)
        return key.rows()


def _same(value: Hashable) -> Hashable:
    return value


class _AskedOnce(dict[K, V]):
    """
    Answers by shape, each worked out by ``answer(shape)`` the first time the shape is
    looked up (``dict.__missing__``), so that a column is answered in one pass of
    ``map(answers.__getitem__, shapes)`` at C speed.
    """

    __slots__ = ("_answer",)

    def __init__(self, answer: Callable[[K], V]) -> None:
        super().__init__()
        self._answer = answer

    def __missing__(self, key: K) -> V:
        value = self[key] = self._answer(key)
        return value


@attrs.frozen
class _Coded:
    """A column of class codes, 0 to ``size - 1``."""

    codes: list[int]
    size: int


def _classes(values: Sequence[Any], of: Callable[[Any], Hashable]) -> _Coded:
    """*values* as the codes of their classes ``of(value)``, each distinct value classed once."""
    interned: dict[Hashable, int] = {}
    table = {v: interned.setdefault(of(v), len(interned)) for v in set(values)}
    return _Coded(list(map(table.__getitem__, values)), max(len(interned), 1))


class _Key:
    """
    One whole number per row from columns of classes, built column by column (mixed
    radix: each column's codes step by the product of the sizes before it), so that rows
    of equal classes get equal numbers and others different ones. Evaluated in one pass
    by :meth:`rows`.
    """

    def __init__(self) -> None:
        self.stride = 1
        self.parts: list[Iterable[int]] = []

    def _add(self, codes: Iterable[int], size: int) -> None:
        self.parts.append(codes)
        self.stride *= max(size, 1)

    def classes(self, values: Sequence[Any], of: Callable[[Any], Hashable]) -> None:
        """A column of *values* as their classes ``of(value)``."""
        interned: dict[Hashable, int] = {}
        stride = self.stride
        table = {v: interned.setdefault(of(v), len(interned)) * stride for v in set(values)}
        self._add(map(table.__getitem__, values), len(interned))

    def codes(self, column: _Coded) -> None:
        """A column already coded."""
        if self.stride == 1:
            self._add(column.codes, column.size)
        else:
            self._add(map(mul, column.codes, repeat(self.stride)), column.size)

    def by_identity(self, values: Sequence[Any], of: Callable[[Any], Hashable]) -> None:
        """A column of shared objects (alive during the call) as their classes, by identity."""
        ids = list(map(id, values))
        interned: dict[Hashable, int] = {}
        stride = self.stride
        table = {
            key: interned.setdefault(of(value), len(interned)) * stride
            for key, value in dict(zip(ids, values, strict=True)).items()
        }
        self._add(map(table.__getitem__, ids), len(interned))

    def flags(self, values: Iterable[bool]) -> None:
        """A column of ``True``/``False``."""
        self._add(map(mul, values, repeat(self.stride)), 2)

    def rows(self) -> list[int]:
        key = self.parts[0]
        for part in self.parts[1:]:
            key = map(add, key, part)
        return list(key)


def _answers_by_shape(
    subjects: Sequence[T], shapes: Sequence[Hashable], answer: Callable[[T], Any]
) -> list[Any]:
    """
    ``answer(subject)`` for each subject, worked out once per shape: for the first
    subject of each shape, in their order (so that subjects asked about one after the
    other, such as the members of one household, stay together for the rules' own
    caches).
    """
    count = len(shapes)
    first = dict(zip(reversed(shapes), range(count - 1, -1, -1), strict=True))
    answers = {shape: answer(subjects[i]) for shape, i in sorted(first.items(), key=itemgetter(1))}
    return list(map(answers.__getitem__, shapes))


def _document(residence: Any) -> Hashable:
    return None if residence is None else id(residence.document)


def employable_values(persons: Sequence[Person], *, on: _dt.date, policy: Policy) -> list[bool]:
    """
    :func:`is_employable`'s value for each of *persons* on *on*, in order, asked once per
    shape of what the rule reads: the birth class, the residence document, the assessed
    hours and the work permission.
    """
    day = _Day(on, policy)
    key = _Key()
    key.codes(day.birth_classes(list(map(_BIRTH, persons)), day.ages(_EMPLOYABILITY_READS)))
    key.by_identity(list(map(_RESIDENCE, persons)), _document)
    key.by_identity(list(map(_CAPACITY, persons)), day.capacity_class)
    key.classes(list(map(_PERMITTED, persons)), _same)
    shapes = key.rows()
    return _answers_by_shape(
        persons, shapes, lambda p: is_employable(p, on=on, policy=policy).value
    )


def employable_from_facts(
    facts: Sequence[Sequence[Any]],
    represent: Callable[[_dt.date, Any, bool, bool | None], Person],
    *,
    on: _dt.date,
    policy: Policy,
    distinct_births: Iterable[_dt.date] | None = None,
) -> tuple[bool, ...]:
    """
    :func:`is_employable`'s value for each person given by *facts*: four columns (birth
    dates, assessed hours or None, whether a § 24 document is held, work permission or
    None), asked once per shape of a person ``represent(birth, hours, section_24,
    permitted)`` builds from the facts of one row. *distinct_births*, when the caller
    has them, spares a pass over the birth dates.

    One pass over the rows: each row's shape is the tuple of its birth class and its
    other three facts, looked up in a table that asks the rule on a shape's first miss.
    """
    births, hours, section_24, permitted = facts
    day = _Day(on, policy)
    table, born_as = day.birth_table(
        births if distinct_births is None else distinct_births, day.ages(_EMPLOYABILITY_READS)
    )

    def ask(shape: tuple[int, Any, bool, bool | None]) -> bool:
        code, h, s, p = shape
        return is_employable(represent(born_as[code], h, s, p), on=on, policy=policy).value

    answers: _AskedOnce[tuple[int, Any, bool, bool | None], bool] = _AskedOnce(ask)
    shapes = zip(map(table.__getitem__, births), hours, section_24, permitted, strict=True)
    return tuple(map(answers.__getitem__, shapes))


@attrs.frozen(kw_only=True)
class HouseholdAnswers:
    """The rules' values for every member of every household, in member order."""

    working_age: list[bool]
    employable: list[bool]
    regime: list[BenefitRegime | None]
    regime_codes: list[tuple[str, ...]]
    """The reason codes of each regime decision (empty for a person not yet born)."""
    unit_first: list[int | None]
    """The position (in the flat member order) of the first member of the member's unit."""
    reasonable: list[bool]


_EMPLOYABILITY_READS = ("lower_age_limit",)
"""The whole-number parameters :func:`is_employable` compares completed years with."""
_REGIME_READS = ("lower_age_limit", "identity_registration_min_age")
"""
The whole-number parameters :func:`benefit_regime` compares a person's completed years
with (and the age it names as a constant, ``_ADULT``).
"""
_UNIT_READS = ("unit_child_age_limit",)
"""The whole-number parameters :func:`benefit_unit` compares completed years with."""
_REASONABLENESS_READS = ("reasonable_child_age", "care_required_below_age")
"""The whole-number parameters :func:`work_is_reasonable` compares completed years with."""


def _relationship_shape(household: Household, ids: list[str]) -> Hashable:
    """The relationships by member position (every id in them is a member's: validated)."""
    at = ids.index
    return tuple((at(r.person), id(r.kind), at(r.of)) for r in household.relationships)


def _care_shape(household: Household, ids: list[str]) -> Hashable:
    """The care arrangements by member position."""
    at = ids.index
    return tuple(
        (at(a.carer), at(a.cared_for), a.secured_otherwise) for a in household.care_arrangements
    )


def _per_member(household: Household, rule: Callable[[Person, Household], T]) -> tuple[T, ...]:
    return tuple(rule(m.person, household) for m in household.members)


def household_answers(
    households: Sequence[Household], *, on: _dt.date, policy: Policy
) -> HouseholdAnswers:
    """
    The rules' values for every member of *households* on *on*.

    What each rule reads, and so the shape its answers are kept by:

    * :func:`is_of_working_age`, :func:`is_employable`: the person's shape;
    * :func:`benefit_unit`: for each member, the employability value, the completed
      years among :data:`_UNIT_READS`, marital status and whether own needs are
      covered; the relationships;
    * :func:`work_is_reasonable`: for each member, the completed years among
      :data:`_REASONABLENESS_READS`, child care and primary carer; the relationships
      and care arrangements;
    * :func:`benefit_regime`: the person's shape and the approval period's end; for a
      person not employable also whether in a unit and the regimes of the unit's
      employable members.
    """
    day = _Day(on, policy)
    members: list[Member] = [m for ms in map(_MEMBERS, households) for m in ms]
    persons = list(map(_PERSON, members))
    shapes = day.person_shapes(persons, day.ages(_REGIME_READS, _ADULT))

    def alone(person: Person) -> tuple[bool, bool]:
        return (
            is_of_working_age(person, on=on, policy=policy).value,
            is_employable(person, on=on, policy=policy).value,
        )

    person_answers = _answers_by_shape(persons, shapes, alone)
    working_age = [a[0] for a in person_answers]
    employable = [a[1] for a in person_answers]
    births = list(map(_BIRTH, persons))
    ids = list(map(_ID, persons))
    key = _Key()
    key.flags(employable)
    key.classes(births, day.years_class_of(_UNIT_READS))
    key.classes(list(map(id, map(_MARITAL, members))), _same)
    key.classes(list(map(_COVERS, members)), _same)
    unit_facts = key.rows()
    key = _Key()
    key.classes(births, day.years_class_of(_REASONABLENESS_READS))
    key.classes(list(map(id, map(_CHILD_CARE, members))), _same)
    key.flags(list(map(_CARER, members)))
    care_facts = key.rows()

    date_class = day.date_class
    unit_shapes: list[Hashable] = []
    care_shapes: list[Hashable] = []
    approval_of: list[Hashable] = []
    household_of: list[Household] = []
    start = 0
    for h in households:
        end = start + len(h.members)
        relations = _relationship_shape(h, ids[start:end]) if h.relationships else ()
        unit_shapes.append((tuple(unit_facts[start:end]), relations))
        care_shapes.append(
            (
                tuple(care_facts[start:end]),
                relations,
                _care_shape(h, ids[start:end]) if h.care_arrangements else (),
            )
        )
        approval = h.approval_period_ends_on
        approval_of.extend(repeat(None if approval is None else date_class(approval), end - start))
        household_of.extend(repeat(h, end - start))
        start = end

    def units_of(household: Household) -> tuple[int | None, ...]:
        ids = [m.person.id for m in household.members]
        return tuple(
            min(map(ids.index, unit)) if unit else None
            for unit in (
                benefit_unit(household, on=on, member_id=i, policy=policy).value for i in ids
            )
        )

    def reasonable_of(household: Household) -> tuple[bool, ...]:
        return _per_member(
            household, lambda p, h: work_is_reasonable(p, h, on=on, policy=policy).value
        )

    def regime_at(i: int) -> tuple[BenefitRegime | None, tuple[str, ...]]:
        person, household = persons[i], household_of[i]
        if person.birth_date > on:
            return None, ()  # the rule refuses a person not yet born
        decision = benefit_regime(person, household, on=on, policy=policy)
        return decision.value, decision.codes

    units = _answers_by_shape(households, unit_shapes, units_of)
    reasonable_by_household = _answers_by_shape(households, care_shapes, reasonable_of)

    # The regime of an employable member: the person's shape and the approval period.
    count = len(members)
    at = list(compress(range(count), employable))
    regime: list[BenefitRegime | None] = [None] * count
    regime_codes: list[tuple[str, ...]] = [()] * count
    found = _answers_by_shape(
        at,
        list(zip(compress(shapes, employable), compress(approval_of, employable), strict=True)),
        regime_at,
    )
    for i, (value, codes) in zip(at, found, strict=True):
        regime[i], regime_codes[i] = value, codes

    # Of one not employable, also whether in a unit and the regimes of the unit's
    # employable members.
    at = []
    regime_shapes: list[Hashable] = []
    start = 0
    for positions in units:
        size = len(positions)
        mine = employable[start : start + size]
        if not all(mine):
            regimes_in: dict[int | None, list[BenefitRegime | None]] = {}
            for j, (unit, e) in enumerate(zip(positions, mine, strict=True)):
                if e:
                    regimes_in.setdefault(unit, []).append(regime[start + j])
            for i, (unit, e) in enumerate(zip(positions, mine, strict=True)):
                if not e:
                    co = None if unit is None else tuple(regimes_in.get(unit, ()))
                    at.append(start + i)
                    regime_shapes.append((shapes[start + i], approval_of[start + i], co))
        start += size
    for i, (value, codes) in zip(at, _answers_by_shape(at, regime_shapes, regime_at), strict=True):
        regime[i], regime_codes[i] = value, codes

    unit_first: list[int | None] = []
    start = 0
    for positions in units:
        unit_first.extend(None if p is None else start + p for p in positions)
        start += len(positions)
    return HouseholdAnswers(
        working_age=working_age,
        employable=employable,
        regime=regime,
        regime_codes=regime_codes,
        unit_first=unit_first,
        reasonable=[r for rs in reasonable_by_household for r in rs],
    )
