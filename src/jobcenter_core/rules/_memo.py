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
import itertools
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

__all__ = ["answer_serial", "clear", "kept_for_recent", "memoised", "remembered"]

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
    The answers kept for one day and policy, each with its serial number: the *recent*
    ones and the *older* ones. When *size* answers are recent, they become the older ones
    and the ones before them are forgotten; an older answer asked for again becomes
    recent. So the answers asked for often stay, and at most twice *size* are kept.
    """

    __slots__ = ("distinct", "older", "recent", "size")

    def __init__(self, size: int) -> None:
        self.size = size
        self.recent: dict[Hashable, tuple[Any, int]] = {}
        self.older: dict[Hashable, tuple[Any, int]] = {}
        self.distinct: dict[Any, tuple[Any, int]] = {}
        """Each distinct answer once, with its serial: equal answers are one object."""

    def keep(self, key: Hashable, answer: Any) -> tuple[Any, int]:
        """Keep *answer* for *key*: the answer kept (an equal one, if any) and its serial."""
        if len(self.recent) >= self.size:
            self.older = self.recent
            self.recent = {}
            self.distinct = {}
        kept = self.distinct.get(answer)
        if kept is None:
            kept = self.distinct[answer] = (answer, next(_SERIALS))
        self.recent[key] = kept
        return kept

    def promote(self, key: Hashable, kept: tuple[Any, int]) -> tuple[Any, int]:
        """Make an older answer recent again."""
        if len(self.recent) >= self.size:
            self.older = self.recent
            self.recent = {}
            self.distinct = {}
        self.recent[key] = self.distinct.setdefault(kept[0], kept)
        return self.recent[key]


_SERIALS = itertools.count()
"""Serial numbers of answers, never given twice (see :func:`answer_serial`)."""

_SERIAL_OF: dict[Callable[..., Any], Callable[[Any, Any, Any], int]] = {}
"""The serial-number function of each memoised rule."""


def answer_serial(rule: Callable[..., Any]) -> Callable[[Any, Any, Any], int]:
    """
    ``serial(subject, on, policy)``: a number for the answer the memoised *rule* gives,
    the same for equal answers kept together and never given to another answer. Another
    rule that reads *subject* only through *rule*'s answer can key its own memo on it.

    >>> @memoised(lambda word, on, policy: len(word))
    ... def long(word, *, on, policy=None):
    ...     return len(word) > 3
    >>> serial = answer_serial(long)
    >>> serial("four", 1, None) == serial("five", 1, None) != serial("six", 1, None)
    True
    """
    return _SERIAL_OF[rule]


_NOWHERE: Any = object()
"""A day and policy no caller asks about: the state of a memo that has forgotten."""


def memoised(
    facts: Callable[[Any, Any, Any], Hashable], *, size: int = 1 << 16, days: int = 4
) -> Callable[[F], F]:
    """
    Wrap ``rule(subject, *, on, policy=...)`` so that its answers are kept per *on* and
    *policy*, keyed by ``facts(subject, on, policy)``: for up to *days* (day, policy)
    pairs, the answers asked for most recently (at least *size*, at most twice as many).

    >>> calls = []
    >>> @memoised(lambda word, on, policy: len(word))
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

        def kept(subject: Any, on: Hashable, policy: Hashable) -> tuple[Any, int]:
            """The answer for *subject* and its serial, worked out if not kept."""
            last_on, last_policy, answers = last
            if on is not last_on or policy is not last_policy:
                answers = answers_for(on, policy)
            key = facts(subject, on, policy)
            found = answers.recent.get(key)
            if found is None:
                found = answers.older.get(key)
                if found is None:
                    return answers.keep(key, rule(subject, on=on, policy=policy))
                return answers.promote(key, found)
            return found

        @functools.wraps(rule)
        def answer(
            subject: Any = _BY_NAME, /, *, on: Hashable, policy: Hashable = default, **named: Any
        ) -> Any:
            if named:  # the subject passed by its name: answered by the rule itself
                return rule(
                    *(() if subject is _BY_NAME else (subject,)), on=on, policy=policy, **named
                )
            return kept(subject, on, policy)[0]

        def serial(subject: Any, on: Any, policy: Any) -> int:
            return kept(subject, on, policy)[1]

        _FORGETTERS.append(forget)
        _SERIAL_OF[answer] = serial
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
