"""
Interpreter assignment (interpreting/assignment.py): booking the scarce interpreters
(*Sprachmittler*) for the consultations that need one.

Case workers in Bocholt held individual consultations with interpreters organised by the
Kreis' integration centre: "without them these conversations could not take place".
:func:`assign_interpreters` books them, deterministically and without double-booking
anyone, and says for every consultation left unserved why.

References:
    SGB X § 19 Abs. 1; SGB I § 17 Abs. 1.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Iterable
from typing import Protocol, TypeVar

from jobcenter_core.consultations import (
    Booking,
    Caseworker,
    Consultation,
    Interpreter,
    InterpreterAssignment,
    LanguageShortfall,
    Unserved,
)
from jobcenter_core.dates import TimeWindow
from jobcenter_core.decisions import Reason, cite
from jobcenter_core.errors import InvalidInput, Problem
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Person
from jobcenter_core.rules import needs_interpreter

__all__ = ["assign_interpreters"]

_SGB_X_19 = cite("SGB X", "19", "1")


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_K = TypeVar("_K", bound=_HasId)


def _index(items: Iterable[_K], what: str) -> dict[str, _K]:
    index: dict[str, _K] = {}
    problems: list[Problem] = []
    for i, item in enumerate(items):
        key = item.id
        if key in index:
            problems.append(Problem(f"$.{what}[{i}].id", "duplicate id"))
        index[key] = item
    if problems:
        raise InvalidInput(problems)
    return index


class _Calendar:
    """Bookings of one interpreter, sorted by start; never overlapping."""

    __slots__ = ("ends", "minutes", "starts")

    def __init__(self) -> None:
        self.starts: list[_dt.datetime] = []
        self.ends: list[_dt.datetime] = []
        self.minutes = 0

    def is_free(self, window: TimeWindow) -> bool:
        i = bisect.bisect_left(self.starts, window.start)
        if i > 0 and self.ends[i - 1] > window.start:
            return False
        return not (i < len(self.starts) and self.starts[i] < window.end)

    def previous_end(self, window: TimeWindow) -> float:
        """Timestamp of the end of the last booking before *window*; -inf if none."""
        i = bisect.bisect_left(self.starts, window.start)
        return self.ends[i - 1].timestamp() if i > 0 else float("-inf")

    def book(self, window: TimeWindow) -> None:
        i = bisect.bisect_left(self.starts, window.start)
        self.starts.insert(i, window.start)
        self.ends.insert(i, window.end)
        self.minutes += int(window.duration.total_minutes())


def _minutes(window: TimeWindow) -> int:
    return int(window.duration.total_minutes())


def assign_interpreters(
    consultations: Iterable[Consultation],
    interpreters: Iterable[Interpreter],
    *,
    persons: Iterable[Person],
    caseworkers: Iterable[Caseworker],
    policy: Policy = DEFAULT_POLICY,
) -> InterpreterAssignment:
    """
    Book interpreters for the consultations that need one (:func:`needs_interpreter` on
    the consultation's day), deterministically, without double-booking anyone.

    The rule:

    1. A consultation that already names an interpreter keeps that booking if the
       interpreter exists, interprets its language, is available for the whole slot and
       is not booked already at that time; otherwise it is reported as unserved
       (``prebooked_interpreter_unavailable``).
    2. The others are taken in order of end, then start, then id. Each gets, among the
       interpreters of its language who are available for the whole slot and free then,
       the *best fit*: the one whose previous booking ends latest before the slot (so
       longer free stretches stay open for later consultations), then the one with the
       fewest minutes booked, then the smallest id. When the interpreters of a language
       are available all day, this serves as many consultations as any assignment could
       (earliest-end-first with best fit, as for interval scheduling on identical
       machines); with patchy availability it is a good greedy rule, not an optimum.
    3. Unserved consultations say why: ``no_interpreter_for_language`` (nobody
       interprets it), ``no_availability`` (nobody of that language is available for the
       whole slot) or ``all_busy`` (those available are booked at that time).

    Input order does not matter. ``InvalidInput`` if a consultation names an unknown
    person or case worker, or ids repeat.

    >>> import pendulum
    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.consultations import Caseworker, Consultation, Interpreter
    >>> from jobcenter_core.dates import TimeWindow
    >>> from jobcenter_core.languages import CefrLevel, LanguageSkill
    >>> from jobcenter_core.people import Person, Sex
    >>> de = Caseworker(id="cw-1", languages=(LanguageSkill(language="de", level=CefrLevel.NATIVE),))
    >>> people = [Person(id=f"p-{i}", birth_date=pendulum.date(1990, 1, 1), sex=Sex.FEMALE,
    ...                  languages=(LanguageSkill(language="uk", level=CefrLevel.NATIVE),)) for i in (1, 2)]
    >>> nine = TimeWindow(start=at_berlin(2022, 5, 30, 9), end=at_berlin(2022, 5, 30, 10))
    >>> cs = [Consultation(id=f"c-{i}", household_id=f"h-{i}", person_id=f"p-{i}", caseworker_id="cw-1",
    ...                    window=nine, language="uk") for i in (1, 2)]
    >>> day = TimeWindow(start=at_berlin(2022, 5, 30, 8), end=at_berlin(2022, 5, 30, 16))
    >>> result = assign_interpreters(cs, [Interpreter(id="i-1", languages=("uk",), availability=(day,))],
    ...                              persons=people, caseworkers=[de])
    >>> [b.consultation_id for b in result.bookings], result.unserved[0].codes
    (['c-1'], ('all_busy',))
    >>> result.missing_hours("uk")
    1.0

    References:
        SGB X § 19 Abs. 1; SGB I § 17 Abs. 1.
    """
    consultation_list = sorted(consultations, key=lambda c: (c.window.start, c.id))
    interpreter_index = _index(interpreters, "interpreters")
    person_index = _index(persons, "persons")
    caseworker_index = _index(caseworkers, "caseworkers")
    _index(consultation_list, "consultations")
    problems: list[Problem] = []
    for i, c in enumerate(consultation_list):
        if c.person_id not in person_index:
            problems.append(Problem(f"$.consultations[{i}].person_id", "unknown person id"))
        if c.caseworker_id not in caseworker_index:
            problems.append(
                Problem(f"$.consultations[{i}].caseworker_id", "unknown case worker id")
            )
    if problems:
        raise InvalidInput(problems)

    by_language: dict[str, list[Interpreter]] = {}
    for interp in sorted(interpreter_index.values(), key=lambda x: x.id):
        for language in interp.languages:
            by_language.setdefault(language, []).append(interp)
    calendars: dict[str, _Calendar] = {key: _Calendar() for key in interpreter_index}

    needing: list[Consultation] = []
    not_needed: list[str] = []
    for c in consultation_list:
        person = person_index[c.person_id]
        caseworker = caseworker_index[c.caseworker_id]
        if needs_interpreter(person, caseworker, on=c.window.start.date(), policy=policy).value:
            needing.append(c)
        else:
            not_needed.append(c.id)

    bookings: list[Booking] = []
    unserved: list[Unserved] = []

    def book(c: Consultation, interp: Interpreter) -> None:
        calendars[interp.id].book(c.window)
        bookings.append(
            Booking(
                consultation_id=c.id, interpreter_id=interp.id, language=c.language, window=c.window
            )
        )

    for c in needing:
        if c.interpreter_id is None:
            continue
        named = interpreter_index.get(c.interpreter_id)
        if (
            named is not None
            and c.language in named.languages
            and named.available_for(c.window)
            and calendars[named.id].is_free(c.window)
        ):
            book(c, named)
        else:
            unserved.append(
                Unserved(
                    consultation_id=c.id,
                    language=c.language,
                    window=c.window,
                    reasons=(
                        Reason(
                            code="prebooked_interpreter_unavailable",
                            message="the named interpreter cannot take this slot",
                        ),
                    ),
                )
            )

    for c in sorted(needing, key=lambda c: (c.window.end, c.window.start, c.id)):
        if c.interpreter_id is not None:
            continue
        speakers = by_language.get(c.language, [])
        available = [i for i in speakers if i.available_for(c.window)]
        free = [i for i in available if calendars[i.id].is_free(c.window)]
        if free:
            chosen = min(
                free,
                key=lambda i: (
                    -calendars[i.id].previous_end(c.window),
                    calendars[i.id].minutes,
                    i.id,
                ),
            )
            book(c, chosen)
            continue
        if not speakers:
            reason = Reason(
                code="no_interpreter_for_language",
                message=f"no interpreter for {c.language}",
                reference=_SGB_X_19,
            )
        elif not available:
            reason = Reason(
                code="no_availability",
                message=f"no interpreter for {c.language} is available for the whole slot",
            )
        else:
            reason = Reason(
                code="all_busy",
                message=f"every available interpreter for {c.language} is booked then",
            )
        unserved.append(
            Unserved(consultation_id=c.id, language=c.language, window=c.window, reasons=(reason,))
        )

    totals: dict[str, list[int]] = {}
    for u in unserved:
        count_minutes = totals.setdefault(u.language, [0, 0])
        count_minutes[0] += 1
        count_minutes[1] += _minutes(u.window)
    return InterpreterAssignment(
        bookings=sorted(bookings, key=lambda b: (b.window.start, b.consultation_id)),
        unserved=sorted(unserved, key=lambda u: (u.window.start, u.consultation_id)),
        not_needed=not_needed,
        shortfall=(
            LanguageShortfall(language=lang, consultations=n, minutes=m)
            for lang, (n, m) in sorted(totals.items())
        ),
    )
