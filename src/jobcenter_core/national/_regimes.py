"""
Engine: the benefit regimes of many households, counted, with the readable rule asked
once per *shape* of what it reads.

It speaks no law. :class:`RegimeAnswers` keeps, for one day and policy at a time, what
:func:`~jobcenter_core.rules.benefit_regime` answered for a member of a household (the
regime, and whether the § 74 central-register catch-up is among its reasons), under a key
that holds what the rule reads of the member and the household on that day:

* a **person's shape**: the birth date as its class on the day (not yet born; else the
  completed years placed among the ages the rules compare them with — the policy's
  ``lower_age_limit``, ``identity_registration_min_age`` and ``unit_child_age_limit``,
  and 18 — with ``<`` and ``==`` told apart, and whether the day is past
  :func:`~jobcenter_core.rules.working_age_end`); the assessed hours placed among the
  policy's ``min_daily_work_hours``; every date (identity registration, first issue of
  the document) placed among every date the policy holds and the day itself; the other
  facts as they are (document, flags, work permission);
* an **employable** member's answer (:func:`~jobcenter_core.rules.is_employable`, asked
  once per person's shape) is kept by the person's shape and the approval period's end;
* a member **not employable** by its shape, the approval period's end, whether it is in
  a benefit unit (:func:`~jobcenter_core.rules.benefit_unit`, asked once per shape of
  what the unit reads: for every member in order the birth class among the unit's age
  limit, employability, marital status, covering own needs and primary carer; the
  relationships and care arrangements by member position) and the set of regimes of
  the employable members of its unit;
* the answers of **all the members of a household with a member not employable**, by
  what those answers read of the household: the approval period's end, for each member
  in order its answer if employable (else its shape), its birth class among the unit's
  age limit, marital status, covering own needs and primary carer, and the relationships
  and care arrangements by member position.

Every class and shape is numbered as it is first met (shapes from 1, never a number
twice), so that keys are flat tuples of small numbers, hashed quickly.

Members differ within one key only in ids, names, sex, languages, the exact day or
number within a class, the facts of other members the unit does not read, and the
order of the unit's regimes; the readable rule tells none of these apart, so it gives them the same values.
``tests/national/test_engine_regimes.py`` checks that against the readable rule on the
library's household strategies and on national caseloads, and checks that the key knows
every field of the types it reads, so that a new field fails there until the key learns
of it. A household with a member not yet born is asked as ``household.born_by(day)``,
without keeping.

The object is explicit state of its owner — one batch of job centres in one process —
and is never shared between threads. Memory is bounded: at most ``size`` kept answers of
each kind (all forgotten when full), for one (day, policy) at a time.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from typing import cast

from jobcenter_core._landmarks import policy_numbers
from jobcenter_core._shapes import PersonShapes, placed
from jobcenter_core.decisions import Decision
from jobcenter_core.households import Household
from jobcenter_core.parameters import Policy
from jobcenter_core.people import Person
from jobcenter_core.rules import (
    BenefitRegime,
    benefit_regime,
    benefit_regimes,
    benefit_unit,
    is_employable,
)

__all__ = ["RegimeAnswers"]

_CATCH_UP = "central_register_suffices"
_ADULT = 18
"""An age the regime rule names as a constant (SGB XII § 41 Abs. 3 concerns adults)."""

Answer = tuple[BenefitRegime, bool]
"""A member's regime, and whether it is SGB II through the catch-up rule."""


_AGES_READ = ("lower_age_limit", "identity_registration_min_age", "unit_child_age_limit")
"""The policy's whole numbers the regime rule (with employability and the benefit unit)
compares a member's completed years with."""
_HOURS_READ = ("min_daily_work_hours",)
"""The policy's numbers the regime rule (through employability) compares assessed hours with."""


class _Day:
    """The classes and kept answers of one day and policy."""

    __slots__ = (
        "alone",
        "decoded",
        "employable",
        "homes",
        "numbered",
        "on",
        "others",
        "persons",
        "policy",
        "size",
        "unit_ages",
        "unit_births",
        "units",
    )

    def __init__(self, on: _dt.date, policy: Policy, size: int) -> None:
        self.on = on
        self.policy = policy
        self.size = size
        self.persons = PersonShapes(
            on,
            policy,
            ages=policy_numbers(policy, _AGES_READ, _ADULT),
            hours=policy_numbers(policy, _HOURS_READ),
            size=size,
        )
        """Each person's shape, numbered (``_shapes.py``)."""
        self.unit_ages = sorted({p.value for p in policy.unit_child_age_limit.periods})
        self.unit_births: dict[_dt.date, int] = {}
        self.units: dict[Hashable, tuple[int | None, ...]] = {}
        self.employable: dict[int, bool] = {}
        self.alone: dict[Hashable, int] = {}
        self.others: dict[Hashable, int] = {}
        self.homes: dict[Hashable, tuple[int, ...]] = {}
        """Every member's answer, by the shape of the whole household."""
        self.numbered: dict[Answer, int] = {}
        self.decoded: list[Answer] = []

    def unit_years(self, born: _dt.date) -> int:
        """A birth date as the benefit unit reads it of another member: born, and the years
        placed among the unit's age limits (``unit_child_age_limit``)."""
        found = self.unit_births.get(born)
        if found is None:
            persons = self.persons
            found = (
                0
                if born > self.on
                else persons.number(("unit", placed(self.unit_ages, persons.years(born))))
            )
            if len(self.unit_births) >= self.size:
                self.unit_births.clear()
            self.unit_births[born] = found
        return found

    def code(self, decision: Decision[BenefitRegime]) -> int:
        """The number of a decision's answer (answers are counted by number)."""
        answer = (
            decision.value,
            decision.value is BenefitRegime.SGB_II and _CATCH_UP in decision.codes,
        )
        found = self.numbered.get(answer)
        if found is None:
            found = self.numbered[answer] = len(self.decoded)
            self.decoded.append(answer)
        return found

    def keep(
        self, kept: dict[Hashable, int], key: Hashable, person: Person, household: Household
    ) -> int:
        answer = self.code(benefit_regime(person, household, on=self.on, policy=self.policy))
        if len(kept) >= self.size:
            kept.clear()
        kept[key] = answer
        return answer

    def answers_of(self, household: Household) -> list[Answer]:
        """Each member's answer, in household order."""
        return [self.decoded[a] for a in self.answers(household)]

    def answers(self, household: Household) -> Sequence[int]:
        """The number of each member's answer, in household order."""
        members = household.members
        persons = [m.person for m in members]
        shape = self.persons.shape
        shapes = [shape(p) for p in persons]
        if 0 in shapes:  # a member not yet born: asked as it stood
            return [
                self.code(d)
                for _, d in benefit_regimes(
                    household.born_by(self.on), on=self.on, policy=self.policy
                )
            ]
        employable = self.employable
        known = [employable.get(s) for s in shapes]
        if None in known:
            for i, (p, s) in enumerate(zip(persons, shapes, strict=True)):
                if known[i] is None:
                    if len(employable) >= self.size:
                        employable.clear()
                    known[i] = employable[s] = is_employable(
                        p, on=self.on, policy=self.policy
                    ).value
        flags = cast(list[bool], known)
        day = household.approval_period_ends_on
        approval = -1 if day is None else (self.persons.placed.get(day) or self.persons.date(day))
        alone = self.alone
        found: list[int] = []
        for p, s, e in zip(persons, shapes, flags, strict=True):
            if e:
                answer = alone.get((s, approval))
                found.append(
                    self.keep(alone, (s, approval), p, household) if answer is None else answer
                )
            else:
                found.append(-s)
        if all(flags):
            return found
        # What the others' answers read of the household, flat: the day's class of the
        # approval period's end, each member's answer if employable (else its shape,
        # negated) and birth as the unit reads it, the members' marks, the relationships
        # and the care arrangements by member position.
        at = {p.id: i for i, p in enumerate(persons)}
        unit_years = self.unit_years
        # What the benefit unit reads: the members' births as it reads them and marks,
        # the relationships and the care arrangements by member position.
        reads: list[Hashable] = []
        for p, m in zip(persons, members, strict=True):
            reads += (
                unit_years(p.birth_date),
                id(m.marital_status),
                m.covers_own_needs,
                m.primary_carer,
            )
        reads.append(len(household.relationships))
        for r in household.relationships:
            reads += (at[r.person], id(r.kind), at[r.of])
        for c in household.care_arrangements:
            reads += (at[c.carer], at[c.cared_for], c.secured_otherwise)
        key = (approval, len(found), *found, *reads)
        kept = self.homes.get(key)
        if kept is None:
            kept = self.worked_out(household, persons, shapes, flags, found, approval, at, reads)
            if len(self.homes) >= self.size:
                self.homes.clear()
            self.homes[key] = kept
        return kept

    def worked_out(
        self,
        household: Household,
        persons: list[Person],
        shapes: list[int],
        flags: list[bool],
        found: list[int],
        approval: int,
        at: dict[str, int],
        reads: list[Hashable],
    ) -> tuple[int, ...]:
        """Each member's answer in a household with a member not employable, given the
        employable members' answers (*found*) and what the unit reads (*reads*)."""
        units = self.unit_of(household, persons, flags, at, reads)
        # The regimes of the employable members, by unit (before any other is filled in).
        regimes_in: dict[int | None, set[int]] = {}
        for unit, a, e in zip(units, found, flags, strict=True):
            if e:
                regimes_in.setdefault(unit, set()).add(a)
        others = self.others
        answers = list(found)
        for i, (p, s, e) in enumerate(zip(persons, shapes, flags, strict=True)):
            if not e:
                mine = units[i]
                key = (s, approval, mine is None, frozenset(regimes_in.get(mine, ())))
                answer = others.get(key)
                answers[i] = self.keep(others, key, p, household) if answer is None else answer
        return tuple(answers)

    def unit_of(
        self,
        household: Household,
        persons: list[Person],
        flags: list[bool],
        at: dict[str, int],
        reads: list[Hashable],
    ) -> tuple[int | None, ...]:
        """
        Each member's benefit unit (:func:`~jobcenter_core.rules.benefit_unit`) as the
        position of its first member, or ``None``; kept by what the unit reads (*reads*)
        and the members' employability.
        """
        key = (len(flags), *flags, *reads)
        units = self.units.get(key)
        if units is None:
            units = tuple(
                min(map(at.__getitem__, unit)) if unit else None
                for unit in (
                    benefit_unit(household, on=self.on, member_id=p.id, policy=self.policy).value
                    for p in persons
                )
            )
            if len(self.units) >= self.size:
                self.units.clear()
            self.units[key] = units
        return units


class RegimeAnswers:
    """
    The benefit regimes of households counted, the readable rule asked once per shape of
    household (see the module's docstring); kept for one (day, policy) at a time, at most
    *size* answers.

    >>> from jobcenter_core.parameters import DEFAULT_POLICY
    >>> from jobcenter_core.scenarios import bocholt_june_2022
    >>> scenario = bocholt_june_2022()
    >>> regimes, catch_up = RegimeAnswers().count(
    ...     scenario.caseload.households, on=scenario.on, policy=DEFAULT_POLICY)
    >>> regimes[BenefitRegime.SGB_II], catch_up
    (354, 3)
    """

    __slots__ = ("_day", "_size")

    def __init__(self, size: int = 1 << 16) -> None:
        self._size = size
        self._day: _Day | None = None

    def _day_of(self, on: _dt.date, policy: Policy) -> _Day:
        day = self._day
        if day is None or day.on != on or (day.policy is not policy and day.policy != policy):
            day = self._day = _Day(on, policy, self._size)
        return day

    def count(
        self, households: Iterable[Household], *, on: _dt.date, policy: Policy
    ) -> tuple[Counter[BenefitRegime], int]:
        """
        How many members of *households* born by *on* are in each regime, and how many are
        in SGB II only through the § 74 central-register catch-up rule.
        """
        day = self._day_of(on, policy)
        answers = day.answers
        found: Counter[int] = Counter()
        for household in households:
            found.update(answers(household))
        regimes: Counter[BenefitRegime] = Counter()
        catch_up = 0
        for code, times in found.items():
            regime, caught_up = day.decoded[code]
            regimes[regime] += times
            catch_up += caught_up * times
        return regimes, catch_up
