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
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, Protocol, TypeVar

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

_OFFICIAL_LANGUAGE: Final = cite("SGB X", "19", "1")
_PREBOOKED_UNAVAILABLE: Final = Reason(
    code="prebooked_interpreter_unavailable",
    message="the named interpreter cannot take this slot",
)


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
    in_time_order = sorted(consultations, key=lambda c: (c.window.start, c.id))
    interpreter_by_id = _by_id(interpreters, "interpreters")
    person_by_id = _by_id(persons, "persons")
    caseworker_by_id = _by_id(caseworkers, "caseworkers")
    _by_id(in_time_order, "consultations")
    _check_participants(in_time_order, person_by_id, caseworker_by_id)

    needing: list[Consultation] = []
    not_needed: list[str] = []
    for c in in_time_order:
        person, caseworker = person_by_id[c.person_id], caseworker_by_id[c.caseworker_id]
        if needs_interpreter(person, caseworker, on=c.window.start.date(), policy=policy).value:
            needing.append(c)
        else:
            not_needed.append(c.id)

    calendars = {key: _Calendar() for key in interpreter_by_id}
    bookings: list[Booking] = []
    unserved: list[Unserved] = []

    def book(c: Consultation, interpreter: Interpreter) -> None:
        calendars[interpreter.id].book(c.window)
        bookings.append(
            Booking(
                consultation_id=c.id,
                interpreter_id=interpreter.id,
                language=c.language,
                window=c.window,
            )
        )

    # 1. Prebooked interpreters keep their consultations, if they can take them.
    for c in needing:
        if c.interpreter_id is None:
            continue
        named = interpreter_by_id.get(c.interpreter_id)
        if (
            named is not None
            and c.language in named.languages
            and named.available_for(c.window)
            and calendars[named.id].is_free(c.window)
        ):
            book(c, named)
        else:
            unserved.append(_unserved(c, _PREBOOKED_UNAVAILABLE))

    # 2. The others, earliest end first, each to the best-fitting free interpreter.
    speakers = _speakers_by_language(interpreter_by_id.values())
    for c in sorted(needing, key=lambda c: (c.window.end, c.window.start, c.id)):
        if c.interpreter_id is not None:
            continue
        of_language = speakers.get(c.language, [])
        available = [i for i in of_language if i.available_for(c.window)]
        free = [i for i in available if calendars[i.id].is_free(c.window)]
        if free:
            book(c, min(free, key=lambda i: _best_fit(calendars[i.id], c.window, i.id)))
        else:
            # 3. Nobody could take it: say why.
            unserved.append(_unserved(c, _why_unserved(c.language, of_language, available)))

    return InterpreterAssignment(
        bookings=sorted(bookings, key=lambda b: (b.window.start, b.consultation_id)),
        unserved=sorted(unserved, key=lambda u: (u.window.start, u.consultation_id)),
        not_needed=not_needed,
        shortfall=_shortfall(unserved),
    )


def _why_unserved(
    language: str, of_language: Sequence[Interpreter], available: Sequence[Interpreter]
) -> Reason:
    if not of_language:
        return Reason(
            code="no_interpreter_for_language",
            message=f"no interpreter for {language}",
            reference=_OFFICIAL_LANGUAGE,
        )
    if not available:
        return Reason(
            code="no_availability",
            message=f"no interpreter for {language} is available for the whole slot",
        )
    return Reason(
        code="all_busy", message=f"every available interpreter for {language} is booked then"
    )


def _unserved(c: Consultation, reason: Reason) -> Unserved:
    return Unserved(consultation_id=c.id, language=c.language, window=c.window, reasons=(reason,))


def _best_fit(
    calendar: _Calendar, window: TimeWindow, interpreter_id: str
) -> tuple[float, int, str]:
    """Smaller fits better: the latest previous end, then the fewest minutes, then the id."""
    return (-calendar.previous_end(window), calendar.minutes, interpreter_id)


def _speakers_by_language(interpreters: Iterable[Interpreter]) -> dict[str, list[Interpreter]]:
    """The interpreters of each language, by id."""
    speakers: dict[str, list[Interpreter]] = {}
    for interpreter in sorted(interpreters, key=lambda i: i.id):
        for language in interpreter.languages:
            speakers.setdefault(language, []).append(interpreter)
    return speakers


def _shortfall(unserved: Iterable[Unserved]) -> tuple[LanguageShortfall, ...]:
    """The unserved consultations and their minutes per language, by language."""
    totals: dict[str, tuple[int, int]] = {}
    for u in unserved:
        count, minutes = totals.get(u.language, (0, 0))
        totals[u.language] = (count + 1, minutes + _minutes(u.window))
    return tuple(
        LanguageShortfall(language=language, consultations=count, minutes=minutes)
        for language, (count, minutes) in sorted(totals.items())
    )


def _minutes(window: TimeWindow) -> int:
    return int(window.duration.total_minutes())


# --- input checks -----------------------------------------------------------------------


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_K = TypeVar("_K", bound=_HasId)


def _by_id(items: Iterable[_K], what: str) -> dict[str, _K]:
    """*items* by id; ``InvalidInput`` naming ``$.{what}[i].id`` for each repeated id."""
    index: dict[str, _K] = {}
    problems: list[Problem] = []
    for i, item in enumerate(items):
        if item.id in index:
            problems.append(Problem(f"$.{what}[{i}].id", "duplicate id"))
        index[item.id] = item
    if problems:
        raise InvalidInput(problems)
    return index


def _check_participants(
    consultations: Sequence[Consultation],
    person_by_id: Mapping[str, Person],
    caseworker_by_id: Mapping[str, Caseworker],
) -> None:
    problems: list[Problem] = []
    for i, c in enumerate(consultations):
        if c.person_id not in person_by_id:
            problems.append(Problem(f"$.consultations[{i}].person_id", "unknown person id"))
        if c.caseworker_id not in caseworker_by_id:
            problems.append(
                Problem(f"$.consultations[{i}].caseworker_id", "unknown case worker id")
            )
    if problems:
        raise InvalidInput(problems)


# --- an interpreter's calendar ----------------------------------------------------------


class _Calendar:
    """The bookings of one interpreter, sorted by start and never overlapping."""

    __slots__ = ("ends", "minutes", "starts")

    def __init__(self) -> None:
        self.starts: list[_dt.datetime] = []
        self.ends: list[_dt.datetime] = []
        self.minutes = 0

    def is_free(self, window: TimeWindow) -> bool:
        """No booking overlaps *window* (half-open: back to back is free)."""
        i = bisect.bisect_left(self.starts, window.start)
        if i > 0 and self.ends[i - 1] > window.start:
            return False
        return not (i < len(self.starts) and self.starts[i] < window.end)

    def previous_end(self, window: TimeWindow) -> float:
        """Timestamp of the end of the last booking before *window*; -inf if none."""
        i = bisect.bisect_left(self.starts, window.start)
        return self.ends[i - 1].timestamp() if i > 0 else float("-inf")

    def book(self, window: TimeWindow) -> None:
        """Add a booking of *window*, which must be free."""
        i = bisect.bisect_left(self.starts, window.start)
        self.starts.insert(i, window.start)
        self.ends.insert(i, window.end)
        self.minutes += _minutes(window)
