"""
Errors raised by :mod:`jobcenter_core`.

The library raises only for programmer or input errors; a business "no" is a
:class:`~jobcenter_core.decisions.Decision`, never an exception. Every concrete error
subclasses :class:`JobcenterCoreError` and the builtin it resembles, so callers may catch
either.

Messages never contain personal values (names, birth dates, needs): they name the field
and the kind of problem only (DESIGN.md, rule 7).

What each kind of mistake raises:

* input that cannot become a value (JSON, a snapshot, a household whose relationships
  name strangers): :class:`InvalidInput`, listing every problem by path;
* a value of the wrong type in a field: ``TypeError`` naming the field, the type
  expected and the type given (``'sex' must be a Sex (got str)``); a value of the right
  type that breaks the field's rule: ``ValueError`` naming the field;
* a command its state does not allow (a roster, a coaching referral), including one
  dated before the latest event or naming a registration the roster never saw:
  :class:`InvalidTransition`;
* a **lookup by id** that finds nothing — ``Household.member``, ``GroupOffer.session``,
  ``NeedsProfile.update``, ``OfferState.entry``/``status``/``booked``/``free``…,
  ``Allocation.outcome``/``placed_in``…, ``CoachingProgramme.coach``,
  ``Scenario.household_of``, ``NationalRun.job_centre``, ``job_centre``: :class:`UnknownId`,
  a ``KeyError`` that says which kind of id is unknown (and never repeats it). Lookups
  that may find nothing by design say so in their name and return ``None``
  (``NeedsProfile.get``).

>>> from jobcenter_core.errors import InvalidInput, Problem
>>> err = InvalidInput([Problem("$.members[2].birth_date", "not a valid ISO date")])
>>> print(err)
1 problem in input:
  $.members[2].birth_date: not a valid ISO date
>>> isinstance(err, ValueError)
True
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from jobcenter_core.validators import instance_of

__all__ = [
    "InvalidInput",
    "InvalidPolicy",
    "InvalidTransition",
    "JobcenterCoreError",
    "NoValueForDate",
    "Problem",
    "UnknownId",
]


class JobcenterCoreError(Exception):
    """Base class of every error this library raises."""


_TEXT = instance_of(str)


@attrs.frozen
class Problem:
    """
    One thing wrong with an input: where (*path*, a JSON path such as ``$.members[0].id``)
    and what (*kind*, a short phrase that never repeats the offending value).

    >>> str(Problem("$.capacity", "must be >= 1"))
    '$.capacity: must be >= 1'
    """

    path: str = attrs.field(validator=_TEXT)
    kind: str = attrs.field(validator=_TEXT)

    def __str__(self) -> str:
        return f"{self.path}: {self.kind}"


class InvalidInput(JobcenterCoreError, ValueError):
    """
    Input that cannot become a domain value; lists every problem found, each with its path.

    No partial object is ever returned alongside this error.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("InvalidInput needs at least one problem")
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in input:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))

    def __reduce__(self) -> tuple[type[InvalidInput], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))

    @classmethod
    def one(cls, path: str, kind: str) -> InvalidInput:
        """
        An error with a single problem.

        >>> print(InvalidInput.one("$.id", "must not be empty"))
        1 problem in input:
          $.id: must not be empty
        """
        return cls([Problem(path, kind)])


class InvalidTransition(JobcenterCoreError, ValueError):
    """
    A command that is not allowed in the current state of a lifecycle
    (a waitlist, a seat offer, a coaching referral).

    >>> str(InvalidTransition(status="completed", command="accept"))
    "cannot 'accept' when status is 'completed'"
    """

    status: str
    command: str

    def __init__(self, *, status: str, command: str, detail: str = "") -> None:
        self.status = status
        self.command = command
        message = f"cannot {command!r} when status is {status!r}"
        super().__init__(f"{message}: {detail}" if detail else message)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_transition, (self.status, self.command, self._detail()))

    def _detail(self) -> str:
        text = str(self)
        _, _, detail = text.partition(": ")
        return detail


def _rebuild_transition(status: str, command: str, detail: str) -> InvalidTransition:
    return InvalidTransition(status=status, command=command, detail=detail)


class InvalidPolicy(JobcenterCoreError, ValueError):
    """A policy parameter whose validity periods have a gap, an overlap or no entries."""


class NoValueForDate(JobcenterCoreError, LookupError):
    """A dated parameter was asked for a date outside every validity period it has."""


class UnknownId(JobcenterCoreError, KeyError):
    """
    A lookup by an id that the value does not hold: a member of a household, a session of
    an offer, a registration or session of a roster, a coach of a programme …

    A ``KeyError``, so ``except KeyError`` still catches it. The message says *what* kind
    of id is unknown and never repeats the id (ids are pseudonyms of people; a need's key
    names its category), nor what else is known — except for names that are library
    constants, such as the reforms, listed in *known*.

    >>> str(UnknownId("session id"))
    'unknown session id'
    >>> isinstance(UnknownId("member id"), KeyError)
    True
    >>> str(UnknownId("reform", known=("grundsicherung_2026",)))
    'unknown reform; known: grundsicherung_2026'
    """

    what: str

    def __init__(self, what: str, *, known: Iterable[str] = ()) -> None:
        self.what = what
        self._known = tuple(known)
        hint = f"; known: {', '.join(self._known)}" if self._known else ""
        super().__init__(f"unknown {what}{hint}")

    def __str__(self) -> str:  # KeyError's own would put the message in quotes
        return str(self.args[0])

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_unknown_id, (self.what, self._known))


def _rebuild_unknown_id(what: str, known: tuple[str, ...]) -> UnknownId:
    return UnknownId(what, known=known)
