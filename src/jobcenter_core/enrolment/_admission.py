"""
Engine: the target-group check of one allocation, with the readable rule asked once per
*shape* of candidate.

It speaks no law. :class:`TargetGroupAnswers` keeps, for one offer and policy (one call
of :func:`~jobcenter_core.enrolment.allocate`), the reasons the admission check gives a
candidate outside the offer's target group (``admission._target_group``, which asks
:func:`~jobcenter_core.rules.in_target_group`), under a key of what the rule reads of the
candidate on the day, leaf by leaf of the offer's target-group rule:

* :class:`~jobcenter_core.offers.Employable` — what
  :func:`~jobcenter_core.rules.is_employable` reads: born by the day or not; the
  completed years placed among the policy's ``lower_age_limit`` values (``<`` and ``==``
  told apart) and, for those who have completed the fewest years of any upper age limit
  in the policy's tables less one, whether the day is past
  :func:`~jobcenter_core.rules.working_age_end` (nobody younger can be past the end of
  the month in which that age is completed); the assessed hours; the residence
  document (by identity: enum members are singletons); the work permission;
* :class:`~jobcenter_core.offers.WantsWorkAtShortNotice` — the recorded wish;
* :class:`~jobcenter_core.offers.LanguageAtLeast` — the person's level in the language;
* :class:`~jobcenter_core.offers.Everyone` — nothing;
* ``AllOf``, ``AnyOf`` and ``Not`` — the keys of their parts;
* :class:`~jobcenter_core.offers.HasChildrenNeedingCare` (or any other rule) — no key:
  the readable rule is asked for that candidate.

Candidates of one key differ only in ids, names, other languages, the exact birth day
within a class and facts the rule does not read, so the readable rule gives them the same
reasons. ``tests/enrolment/test_engine_admission.py`` checks that against the readable
check on the library's strategies with near twins and at the law's edges. The answers
live for one allocation: nothing is kept between calls.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Callable, Hashable

from jobcenter_core._landmarks import below_every_upper_age_limit, policy_numbers
from jobcenter_core.decisions import Reason
from jobcenter_core.enrolment.admission import _target_group
from jobcenter_core.offers import (
    AllOf,
    AnyOf,
    Candidate,
    Employable,
    Everyone,
    GroupOffer,
    LanguageAtLeast,
    Not,
    TargetGroupRule,
    WantsWorkAtShortNotice,
)
from jobcenter_core.parameters import Policy
from jobcenter_core.rules import working_age_end

__all__ = ["TargetGroupAnswers"]

_YEARS = 150
"""Completed years up to which the classes among the policy's ages are tabled."""
_EMPLOYABILITY_READS = ("lower_age_limit",)
"""The policy's whole numbers :func:`is_employable` compares completed years with."""


class TargetGroupAnswers:
    """
    The reasons a candidate is outside *offer*'s target group on a day (none if inside),
    kept by shape of what the rule reads (see the module docstring) for one allocation.

    >>> import pendulum
    >>> from jobcenter_core.offers import Candidate, Employable, GroupOffer
    >>> from jobcenter_core.parameters import DEFAULT_POLICY
    >>> from jobcenter_core.people import Person, Sex
    >>> answers = TargetGroupAnswers(
    ...     GroupOffer(id="o", title="t", target_group=Employable()), DEFAULT_POLICY)
    >>> child = Person(id="p-1", birth_date=pendulum.date(2015, 3, 1), sex=Sex.MALE)
    >>> [r.code for r in answers.reasons(Candidate(person=child), pendulum.date(2022, 6, 21))]
    ['not_in_target_group', 'under_lower_age_limit']
    """

    __slots__ = ("_classes", "_kept", "_key", "_lowest", "_offer", "_policy")

    def __init__(self, offer: GroupOffer, policy: Policy) -> None:
        self._offer = offer
        self._policy = policy
        self._kept: dict[Hashable, tuple[Reason, ...]] = {}
        self._lowest = below_every_upper_age_limit(policy)
        self._key = self._key_of(offer.target_group)
        ages = [n for n in policy_numbers(policy, _EMPLOYABILITY_READS) if type(n) is int]
        self._classes = [
            (bisect.bisect_left(ages, years), bisect.bisect_right(ages, years))
            for years in range(_YEARS)
        ]

    def reasons(self, candidate: Candidate, day: _dt.date) -> list[Reason]:
        """What ``admission._target_group`` answers for *candidate* on *day*."""
        key = self._key(candidate, day)
        if key is None:
            return _target_group(self._offer, candidate, on=day, policy=self._policy)
        found = self._kept.get(key)
        if found is None:
            found = self._kept[key] = tuple(
                _target_group(self._offer, candidate, on=day, policy=self._policy)
            )
        return list(found)

    def _key_of(self, rule: TargetGroupRule) -> _Key:
        """How to key a candidate for *rule* on a day (``None``: not kept)."""
        read = self._reading(rule)
        if read is None:
            return _not_kept
        return lambda candidate, day: (day, read(candidate, day))

    def _reading(self, rule: TargetGroupRule) -> _Key | None:
        """What *rule* reads of a candidate on a day, or ``None`` if not keyed."""
        match rule:
            case Everyone():
                return _nothing
            case Employable():
                return self._employability
            case WantsWorkAtShortNotice():
                return _wish
            case LanguageAtLeast(language=language):
                return lambda candidate, day: candidate.person.level_in(language)
            case AllOf(rules=rules) | AnyOf(rules=rules):
                parts = [self._reading(r) for r in rules]
                if any(part is None for part in parts):
                    return None
                readings = tuple(p for p in parts if p is not None)
                if len(readings) == 2:
                    first, second = readings
                    return lambda candidate, day: (first(candidate, day), second(candidate, day))
                return lambda candidate, day: tuple(read(candidate, day) for read in readings)
            case Not(rule=inner):
                return self._reading(inner)
        return None

    def _employability(self, candidate: Candidate, day: _dt.date) -> Hashable:
        person = candidate.person
        born = person.birth_date
        if born > day:
            birth: Hashable = None
        else:
            # completed years as dates.completed_years counts them (BGB § 187 Abs. 2)
            years = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
            birth = self._classes[years] if years < _YEARS else years
            if years >= self._lowest:
                birth = (birth, day > working_age_end(born, policy=self._policy))
        capacity = person.work_capacity
        residence = person.residence
        return (
            birth,
            None if capacity is None else capacity.hours_per_day,
            None if residence is None else id(residence.document),
            person.work_permitted,
        )


_Key = Callable[[Candidate, _dt.date], Hashable]


def _not_kept(candidate: Candidate, day: _dt.date) -> None:
    return None


def _nothing(candidate: Candidate, day: _dt.date) -> Hashable:
    return ()


def _wish(candidate: Candidate, day: _dt.date) -> Hashable:
    return candidate.wants_work_at_short_notice
