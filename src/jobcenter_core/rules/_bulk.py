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
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from itertools import accumulate, chain, compress, islice, repeat
from operator import add, attrgetter, itemgetter, mul
from typing import Any, TypeVar

import attrs

from jobcenter_core._landmarks import policy_dates, policy_numbers
from jobcenter_core.households import CareArrangement, Household, Member, Relationship
from jobcenter_core.parameters import Policy
from jobcenter_core.people import Person
from jobcenter_core.rules.employability import is_employable
from jobcenter_core.rules.reasonableness import work_is_reasonable
from jobcenter_core.rules.regime import _ADULT, BenefitRegime, benefit_regime
from jobcenter_core.rules.regime import _facts_read as _regime_facts
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
_APPROVAL = attrgetter("approval_period_ends_on")


class _Day:
    """The classes of one call: one day, one policy."""

    def __init__(self, on: _dt.date, policy: Policy) -> None:
        self.on = on
        self.policy = policy
        self.dates = policy_dates(policy, on)

    def ages(self, parameters: tuple[str, ...], *also: int) -> list[int]:
        """The whole numbers of the policy *parameters*, and *also*, in order."""
        return [n for n in policy_numbers(self.policy, parameters, *also) if type(n) is int]

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
    regime: list[BenefitRegime | None] | None
    regime_codes: list[tuple[str, ...]] | None
    """The reason codes of each regime decision (empty for a person not yet born)."""
    unit_first: list[int | None]
    """The position (in the flat member order) of the first member of the member's unit."""
    reasonable: list[bool] | None


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


def _per_member(household: Household, rule: Callable[[Person, Household], T]) -> tuple[T, ...]:
    return tuple(rule(m.person, household) for m in household.members)


def _grouped(codes: Sequence[int], sizes: Sequence[int], within: Sequence[int]) -> list[int]:
    """
    One whole number per group of consecutive *codes* (groups of *sizes*; *within* the
    position of each code in its group) that tells apart groups of different sequences
    of codes: the codes, plus one, as the digits of a number (so no two sequences, of
    any lengths, give one number). Worked out at C speed, and whole numbers are no
    work for the garbage collector.
    """
    base = max(codes, default=0) + 2
    weights = [base**j for j in range(max(sizes, default=0) + 1)]
    terms = iter(list(map(mul, map(add, codes, repeat(1)), map(weights.__getitem__, within))))
    return list(map(sum, map(islice, repeat(terms), sizes)))


def _paired(first: Sequence[int], second: Sequence[int]) -> list[int]:
    """One whole number for each pair of whole numbers >= 0, different for different pairs."""
    width = max(second, default=0) + 1
    return list(map(add, map(mul, first, repeat(width)), second))


def _expanded(values: Iterable[T], sizes: Iterable[int]) -> list[T]:
    """Each value repeated as often as its size says (a household's value for each member)."""
    return list(chain.from_iterable(map(repeat, values, sizes)))


def _firsts(keys: Sequence[Hashable], subjects: Sequence[T]) -> dict[Hashable, T]:
    """The first subject of each key, in the order the keys first come."""
    found = dict(zip(reversed(keys), reversed(subjects), strict=True))
    return dict(reversed(found.items()))


def _pair_codes(
    households: Sequence[Household],
    items_of: Callable[[Household], Sequence[Any]],
    ends: tuple[Callable[[Any], str], Callable[[Any], str]],
    middles_of: Callable[[list[Any]], list[Hashable]],
    position_of: dict[str, int] | None,
    size: int,
) -> tuple[list[int], list[int]]:
    """
    Items between two members (relationships, care arrangements) as whole numbers: the
    position of each end in its household and the class of the *middle* fact; and how
    many items each household has. *position_of* maps every member id to its position
    when ids are unique across the households; otherwise each household is looked at
    alone.
    """
    counts = list(map(len, map(items_of, households)))
    items = list(chain.from_iterable(map(items_of, households)))
    middles = middles_of(items)
    table = {m: i for i, m in enumerate(dict.fromkeys(middles))}
    kinds = len(table) or 1
    mids = map(table.__getitem__, middles)
    left: Iterator[int]
    right: Iterator[int]
    if position_of is not None:
        left = map(position_of.__getitem__, map(ends[0], items))
        right = map(position_of.__getitem__, map(ends[1], items))
    else:
        left_list: list[int] = []
        right_list: list[int] = []
        for h, n in zip(households, counts, strict=True):
            if n:
                at = {m.person.id: j for j, m in enumerate(h.members)}
                mine = items_of(h)
                left_list.extend(at[ends[0](x)] for x in mine)
                right_list.extend(at[ends[1](x)] for x in mine)
        left, right = iter(left_list), iter(right_list)
    codes = list(
        map(add, map(mul, map(add, map(mul, left, repeat(kinds)), mids), repeat(size)), right)
    )
    return codes, counts


_RELATIONSHIPS = attrgetter("relationships")
_CARE_ARRANGEMENTS = attrgetter("care_arrangements")
_RELATED = (attrgetter("person"), attrgetter("of"))
_CARING = (attrgetter("carer"), attrgetter("cared_for"))


def _kinds(relationships: list[Relationship]) -> list[Hashable]:
    return list(map(id, map(attrgetter("kind"), relationships)))


def _secured(arrangements: list[CareArrangement]) -> list[Hashable]:
    return list(map(attrgetter("secured_otherwise"), arrangements))


def household_answers(
    households: Sequence[Household],
    *,
    on: _dt.date,
    policy: Policy,
    regimes: bool = True,
    reasonableness: bool = True,
) -> HouseholdAnswers:
    """
    The rules' values for every member of *households* on *on* (the regimes and the
    reasonableness of work only when asked for: ``None`` otherwise).

    What each rule reads, and so the shape its answers are kept by (every shape a whole
    number, worked out column by column at C speed):

    * :func:`is_of_working_age`, :func:`is_employable`: the person's shape;
    * :func:`benefit_unit`: for each member, the employability value, the completed
      years among :data:`_UNIT_READS`, marital status, whether own needs are covered
      and whether marked the primary carer (it picks the parent's unit a child joins when
      the parents are in different units); the relationships by member position;
    * :func:`work_is_reasonable`: for each member, the completed years among
      :data:`_REASONABLENESS_READS`, child care and primary carer; the relationships
      and care arrangements by member position;
    * :func:`benefit_regime`: the person's shape and the approval period's end; for a
      person not employable also whether in a unit and the regimes of the unit's
      employable members, in order.
    """
    day = _Day(on, policy)
    sizes = list(map(len, map(_MEMBERS, households)))
    members: list[Member] = list(chain.from_iterable(map(_MEMBERS, households)))
    persons = list(map(_PERSON, members))
    count = len(members)
    shapes = day.person_shapes(persons, day.ages(_REGIME_READS, _ADULT))

    first_person = _firsts(shapes, persons)
    working_of = {
        s: is_of_working_age(p, on=on, policy=policy).value for s, p in first_person.items()
    }
    employable_of = {
        s: is_employable(p, on=on, policy=policy).value for s, p in first_person.items()
    }
    working_age = list(map(working_of.__getitem__, shapes))
    employable = list(map(employable_of.__getitem__, shapes))

    births = list(map(_BIRTH, persons))
    ids = list(map(_ID, persons))
    within = list(chain.from_iterable(map(range, sizes)))
    starts = list(accumulate(sizes, initial=0))[:-1]
    widest = max(sizes, default=1)
    positions = dict(zip(ids, within, strict=True))
    # Unless an id is in more than one household, every id names one member.
    position_of = positions if len(positions) == count else None
    relation_codes, relation_counts = _pair_codes(
        households, _RELATIONSHIPS, _RELATED, _kinds, position_of, widest
    )
    relations = _grouped(
        relation_codes, relation_counts, list(chain.from_iterable(map(range, relation_counts)))
    )
    key = _Key()
    key.flags(employable)
    key.classes(births, day.years_class_of(_UNIT_READS))
    key.classes(list(map(id, map(_MARITAL, members))), _same)
    key.classes(list(map(_COVERS, members)), _same)
    key.flags(list(map(_CARER, members)))
    unit_shapes = _paired(_grouped(key.rows(), sizes, within), relations)

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

    units_by = {k: units_of(h) for k, h in _firsts(unit_shapes, households).items()}
    in_unit = list(chain.from_iterable(map(units_by.__getitem__, unit_shapes)))
    member_starts = _expanded(starts, sizes)
    unit_first = [None if p is None else s + p for s, p in zip(member_starts, in_unit, strict=True)]
    reasonable: list[bool] | None = None
    if reasonableness:
        care_codes, care_counts = _pair_codes(
            households, _CARE_ARRANGEMENTS, _CARING, _secured, position_of, widest
        )
        cares = _grouped(
            care_codes, care_counts, list(chain.from_iterable(map(range, care_counts)))
        )
        key = _Key()
        key.classes(births, day.years_class_of(_REASONABLENESS_READS))
        key.classes(list(map(id, map(_CHILD_CARE, members))), _same)
        key.flags(list(map(_CARER, members)))
        care_shapes = _paired(_paired(_grouped(key.rows(), sizes, within), relations), cares)
        reasonable_by = {k: reasonable_of(h) for k, h in _firsts(care_shapes, households).items()}
        reasonable = list(chain.from_iterable(map(reasonable_by.__getitem__, care_shapes)))
    if not regimes:
        return HouseholdAnswers(
            working_age=working_age,
            employable=employable,
            regime=None,
            regime_codes=None,
            unit_first=unit_first,
            reasonable=reasonable,
        )

    # The regime: what the rule reads of the person and the household (its own key,
    # worked out once per person shape and approval period); of one not employable
    # also whether in a unit and the regimes of the unit's employable members, in order.
    approval_codes = _classes(list(map(_APPROVAL, households)), day.date_class).codes
    base = _paired(shapes, _expanded(approval_codes, sizes))
    household_at = _expanded(households, sizes)
    interned: dict[Hashable, int] = {}
    facts_of = {
        k: interned.setdefault(
            None
            if persons[i].birth_date > on
            else _regime_facts(persons[i], household_at[i], on, policy),
            len(interned),
        )
        for k, i in _firsts(base, range(count)).items()
    }
    facts = list(map(facts_of.__getitem__, base))

    def regime_at(i: int) -> tuple[BenefitRegime | None, tuple[str, ...]]:
        person = persons[i]
        if person.birth_date > on:
            return None, ()  # the rule refuses a person not yet born
        decision = benefit_regime(person, household_at[i], on=on, policy=policy)
        return decision.value, decision.codes

    at = list(compress(range(count), employable))
    first_at = _firsts(list(compress(facts, employable)), at)
    employable_regime = {k: regime_at(i) for k, i in first_at.items()}
    regime_code = {r: n for n, r in enumerate(BenefitRegime)}
    radix = len(regime_code) + 2
    together: dict[int, int] = {}
    rank: dict[int, int] = {}
    for g, k in zip(compress(unit_first, employable), compress(facts, employable), strict=True):
        if g is not None:
            value = employable_regime[k][0]
            n = rank.get(g, 0)
            rank[g] = n + 1
            digit = radix - 1 if value is None else regime_code[value] + 1
            together[g] = together.get(g, 0) + digit * radix**n
    others = [
        0 if e else (1 if g is None else 2 + together.get(g, 0))
        for e, g in zip(employable, unit_first, strict=True)
    ]
    keys = _paired(facts, others)
    answers = {k: regime_at(i) for k, i in _firsts(keys, range(count)).items()}
    found = list(map(answers.__getitem__, keys))
    return HouseholdAnswers(
        working_age=working_age,
        employable=employable,
        regime=list(map(itemgetter(0), found)),
        regime_codes=list(map(itemgetter(1), found)),
        unit_first=unit_first,
        reasonable=reasonable,
    )
