"""
Engine: keep the answers of a rule per reference day and policy, keyed by the facts the
rule reads of its subject.

A rule ``rule(subject, *, on, policy)`` whose answer depends on the subject only through
``facts(subject)`` gives the same answer for every subject with the same facts on the
same day under the same policy, so the answer can be worked out once and handed out
again (answers are immutable values). :func:`memoised` wraps the rule: the readable rule
stays the specification and is kept as ``__wrapped__``; the differential tests in
``tests/rules/test_engine_memo.py`` check that the wrapped rule answers as the readable
one, so that a rule which starts to read another fact fails there until its key says so.

The memory is bounded: answers for at most ``days`` (day, policy) pairs, for each the
answers asked for most recently (at most twice ``size``). Nothing here knows what a rule
decides.
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

_TABLES: list[dict[Any, Any]] = []
"""The tables of every wrapped rule, for :func:`clear`."""


_CACHES: list[Any] = []
"""The caches of every :func:`remembered` function, for :func:`clear`."""


def clear() -> None:
    """Forget every answer kept by every wrapped rule."""
    for tables in _TABLES:
        tables.clear()
    for cache in _CACHES:
        cache.cache_clear()


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
        _CACHES.append(cached)
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


def memoised(
    facts: Callable[[Any], Hashable], *, size: int = 1 << 16, days: int = 4
) -> Callable[[F], F]:
    """
    Wrap ``rule(subject, *, on, policy=...)`` so that its answers are kept per *on* and
    *policy*, keyed by ``facts(subject)``: for each of the last *days* (day, policy)
    pairs, the answers asked for most recently (at least *size*, at most twice as many).

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
        tables: dict[Hashable, _Answers] = {}
        _TABLES.append(tables)
        last_on: object = None
        last_policy: object = None
        last_answers = _Answers(size)

        def answers_for(on: Hashable, policy: Hashable) -> _Answers:
            nonlocal last_on, last_policy, last_answers
            key = (on, policy)
            answers = tables.get(key)
            if answers is None:
                if len(tables) >= days:
                    del tables[next(iter(tables))]
                answers = tables[key] = _Answers(size)
            last_on, last_policy, last_answers = on, policy, answers
            return answers

        @functools.wraps(rule)
        def answer(
            subject: Any = _BY_NAME, /, *, on: Hashable, policy: Hashable = default, **named: Any
        ) -> Any:
            if named:  # the subject passed by its name: answered by the rule itself
                return rule(
                    *(() if subject is _BY_NAME else (subject,)), on=on, policy=policy, **named
                )
            if on is last_on and policy is last_policy and tables:
                answers = last_answers
            else:
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
    Wrap ``rule(subject, *, on, policy)`` so that its answers for the last *count*
    (subject, day, policy) asked about are kept, the subject by identity: a caller that
    asks about each member of a household in turn has the household worked out once.
    The subject is held with its answer, so it is not another object with the same id.

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
        _TABLES.append(kept)

        @functools.wraps(rule)
        def answer(subject: Any, *, on: Hashable, policy: Hashable) -> Any:
            key = (id(subject), on, policy)
            found = kept.get(key)
            if found is not None and found[0] is subject:
                return found[1]
            result = rule(subject, on=on, policy=policy)
            if len(kept) >= count:
                del kept[next(iter(kept))]
            kept[key] = (subject, result)
            return result

        return cast(F, answer)

    return decorate
