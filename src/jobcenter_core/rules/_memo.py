"""
Engine: keep answers already given, so that a caseload asks each question once.

Three ways, none of which knows what a rule decides:

* :func:`memoised` for a rule ``rule(subject, *, on, policy)`` whose answer depends on
  the subject only through ``facts(subject)``: every subject with the same facts gets the
  same answer on the same day under the same policy, so it is worked out once and handed
  out again (answers are immutable values; equal answers are kept as one object).
* :func:`remembered` for a function of hashable, immutable arguments
  (:func:`functools.lru_cache`).
* :func:`kept_for_recent` for a rule about a subject asked about several times in a row
  (each member of a household in turn): the answers for the last few subjects, by
  identity.

The readable rule stays the specification and is kept as ``__wrapped__``; the
differential tests in ``tests/rules/test_engine_memo.py`` check that each wrapped rule
answers as its readable version, so that a rule which starts to read another fact fails
there until its key says so. Memory is bounded: for :func:`memoised`, answers for at
most ``days`` (day, policy) pairs (all forgotten when another is asked about), for each
the answers asked for most recently (at most twice ``size``). The state is replaced,
never half-changed, so that threads sharing a rule never read the answers of another day.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

__all__ = ["clear", "kept_for_recent", "memoised", "remembered"]

F = TypeVar("F", bound=Callable[..., Any])

_BY_NAME: Any = object()
"""Stands for a subject not passed by position."""

_FORGETTERS: list[Callable[[], None]] = []
"""How to forget the answers of every wrapped rule, for :func:`clear`."""


def clear() -> None:
    """Forget every answer kept by every wrapped rule."""
    for forget in _FORGETTERS:
        forget()


def remembered(size: int = 1 << 16) -> Callable[[F], F]:
    """
    Keep the last *size* answers of a function of hashable, immutable arguments
    (:func:`functools.lru_cache`).

    >>> @remembered(2)
    ... def twice(n):
    ...     return 2 * n
    >>> twice(21), twice.__wrapped__(21)
    (42, 42)
    """

    def decorate(function: F) -> F:
        cached = functools.lru_cache(maxsize=size)(function)
        _FORGETTERS.append(cached.cache_clear)
        return cast(F, cached)

    return decorate


class _Answers:
    """
    The answers kept for one day and policy: the *recent* ones and the *older* ones. When
    *size* answers are recent, they become the older ones and the ones before them are
    forgotten; an older answer asked for again becomes recent. So the answers asked for
    often stay, and at most twice *size* are kept.
    """

    __slots__ = ("distinct", "older", "recent", "size")

    def __init__(self, size: int) -> None:
        self.size = size
        self.recent: dict[Hashable, Any] = {}
        self.older: dict[Hashable, Any] = {}
        self.distinct: dict[Any, Any] = {}
        """Each distinct answer once: equal answers for different keys are one object."""

    def keep(self, key: Hashable, answer: Any) -> Any:
        """Keep *answer* for *key*; the answer kept (an equal one kept before, if any)."""
        if len(self.recent) >= self.size:
            self.older = self.recent
            self.recent = {}
            self.distinct = {}
        answer = self.recent[key] = self.distinct.setdefault(answer, answer)
        return answer


_NOWHERE: Any = object()
"""A day and policy no caller asks about: the state of a memo that has forgotten."""


def memoised(
    facts: Callable[[Any], Hashable], *, size: int = 1 << 16, days: int = 4
) -> Callable[[F], F]:
    """
    Wrap ``rule(subject, *, on, policy=...)`` so that its answers are kept per *on* and
    *policy*, keyed by ``facts(subject)``: for up to *days* (day, policy) pairs, the
    answers asked for most recently (at least *size*, at most twice as many).

    >>> calls = []
    >>> @memoised(len)
    ... def rule(word, *, on, policy=None):
    ...     calls.append(word)
    ...     return len(word) > 3
    >>> rule("four", on=1), rule("five", on=1), rule("five", on=2), calls
    (True, True, True, ['four', 'five'])
    >>> rule.__wrapped__("five", on=1)
    True
    """

    def decorate(rule: F) -> F:
        default = inspect.signature(rule).parameters["policy"].default
        by_day: dict[tuple[Hashable, Hashable], _Answers] = {}
        last: tuple[Any, Any, _Answers] = (_NOWHERE, _NOWHERE, _Answers(size))

        def answers_for(on: Hashable, policy: Hashable) -> _Answers:
            nonlocal last
            answers = by_day.get((on, policy))
            if answers is None:
                if len(by_day) >= days:
                    by_day.clear()
                answers = by_day[on, policy] = _Answers(size)
            last = (on, policy, answers)
            return answers

        def forget() -> None:
            nonlocal last
            by_day.clear()
            last = (_NOWHERE, _NOWHERE, _Answers(size))

        _FORGETTERS.append(forget)

        @functools.wraps(rule)
        def answer(
            subject: Any = _BY_NAME, /, *, on: Hashable, policy: Hashable = default, **named: Any
        ) -> Any:
            if named:  # the subject passed by its name: answered by the rule itself
                return rule(
                    *(() if subject is _BY_NAME else (subject,)), on=on, policy=policy, **named
                )
            last_on, last_policy, answers = last
            if on is not last_on or policy is not last_policy:
                answers = answers_for(on, policy)
            key = facts(subject)
            found = answers.recent.get(key)
            if found is None:
                found = answers.older.get(key)
                if found is None:
                    found = rule(subject, on=on, policy=policy)
                found = answers.keep(key, found)
            return found

        return cast(F, answer)

    return decorate


def kept_for_recent(count: int = 64) -> Callable[[F], F]:
    """
    Wrap ``rule(subject, *, on, policy)`` so that its answers for up to *count* recent
    (subject, day, policy) are kept (all forgotten when full), the subject by identity: a
    caller that asks about each member of a household in turn has the household worked
    out once. The subject is held with its answer, so no other object has its id.

    >>> calls = []
    >>> @kept_for_recent(2)
    ... def rule(words, *, on, policy):
    ...     calls.append(on)
    ...     return len(words)
    >>> words = ["a", "b"]
    >>> rule(words, on=1, policy=None), rule(words, on=1, policy=None), calls
    (2, 2, [1])
    >>> rule(["a", "b"], on=1, policy=None), calls
    (2, [1, 1])
    """

    def decorate(rule: F) -> F:
        kept: dict[tuple[int, Hashable, Hashable], tuple[Any, Any]] = {}
        _FORGETTERS.append(kept.clear)

        @functools.wraps(rule)
        def answer(subject: Any, *, on: Hashable, policy: Hashable) -> Any:
            key = (id(subject), on, policy)
            found = kept.get(key)
            if found is not None and found[0] is subject:
                return found[1]
            result = rule(subject, on=on, policy=policy)
            if len(kept) >= count:
                kept.clear()
            kept[key] = (subject, result)
            return result

        return cast(F, answer)

    return decorate
