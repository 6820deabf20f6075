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
from jobcenter_core.interpreting import _search
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
    the consultation's day): as many consultations as any assignment could serve, the
    earlier ones first, nobody booked twice at once.

    The rule:

    1. A consultation that already names an interpreter keeps that booking if the
       interpreter exists, interprets its language, is available for the whole slot and
       is not booked already at that time; otherwise it is reported as unserved
       (``prebooked_interpreter_unavailable``).
    2. Each other consultation can have an interpreter of its language who is available
       for the whole slot and not prebooked then. Of all the ways to book them, those
       that serve the most consultations are the candidates (consultations have fixed
       times, so this is interval scheduling with eligibility: hard in general, exact
       here by a bounded search, see below).
    3. **Priority: the earlier consultation first.** The consultations are taken in time
       order (start, then end, then id) and each is booked whenever some assignment that
       keeps the bookings made so far still serves the most; it gets an interpreter with
       whom that holds — among interpreters who could take exactly the same
       consultations, the one whose previous booking ends latest (so longer free
       stretches stay open), then the one with the fewest minutes booked, then the
       smallest id. Consultations carry no priority of their own; time is the order the
       data gives, and a later consultation leaves the coordinator more time to find
       another interpreter or move it.
    4. Unserved consultations say why: ``no_interpreter_for_language`` (nobody
       interprets it), ``no_availability`` (nobody of that language is available for the
       whole slot) or ``all_busy`` (those available are booked then, or booking one would
       serve fewer consultations in all).

    **Exact, within a bound.** The consultations fall into groups that share no
    interpreter at overlapping times; each group is searched (depth first over the day,
    with a Lagrangian bound per interpreter and memoised states) and the search ends with
    a proof that no assignment serves more. A group of more than 400 consultations, or
    one whose search needs more than 50,000 steps, is booked by the earliest-end greedy
    instead (earliest end first, the best-fitting free interpreter) and each of its
    unserved consultations carries a second reason, ``not_proven_most``, saying how many
    more of the group's consultations might at most be served. Every day of the
    benchmarks (200 consultations and 30 interpreters; the 406 job centres of a national
    day) was solved exactly, and the tests check the count against brute force.

    Input order does not matter. ``InvalidInput`` if a consultation names an unknown
    person or case worker, or ids repeat.

    >>> import pendulum
    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.consultations import Caseworker, Consultation, Interpreter
    >>> from jobcenter_core.dates import TimeWindow
    >>> from jobcenter_core.languages import CefrLevel, LanguageSkill
    >>> from jobcenter_core.people import Person, Sex
    >>> de = Caseworker(id="cw-1", languages=(LanguageSkill(language="de", level=CefrLevel.NATIVE),))
    >>> people = [Person(id=f"p-{lang}", birth_date=pendulum.date(1990, 1, 1), sex=Sex.FEMALE,
    ...                  languages=(LanguageSkill(language=lang, level=CefrLevel.NATIVE),))
    ...           for lang in ("uk", "ru")]
    >>> nine = TimeWindow(start=at_berlin(2022, 5, 30, 9), end=at_berlin(2022, 5, 30, 10))
    >>> cs = [Consultation(id=f"c-{lang}", household_id=f"h-{lang}", person_id=f"p-{lang}",
    ...                    caseworker_id="cw-1", window=nine, language=lang) for lang in ("uk", "ru")]
    >>> day = TimeWindow(start=at_berlin(2022, 5, 30, 8), end=at_berlin(2022, 5, 30, 16))
    >>> both = Interpreter(id="i-1", languages=("uk", "ru"), availability=(day,))
    >>> ukrainian = Interpreter(id="i-2", languages=("uk",), availability=(day,))
    >>> result = assign_interpreters(cs, [both, ukrainian], persons=people, caseworkers=[de])
    >>> sorted((b.consultation_id, b.interpreter_id) for b in result.bookings)
    [('c-ru', 'i-1'), ('c-uk', 'i-2')]
    >>> result = assign_interpreters(cs, [ukrainian], persons=people, caseworkers=[de])
    >>> [(u.consultation_id, u.codes) for u in result.unserved], result.missing_hours("ru")
    ([('c-ru', ('no_interpreter_for_language',))], 1.0)

    References:
        SGB X § 19 Abs. 1; SGB I § 17 Abs. 1.
    """
    in_time_order = sorted(consultations, key=lambda c: (c.window.start, c.window.end, c.id))
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

    booked: dict[str, list[TimeWindow]] = {key: [] for key in interpreter_by_id}
    bookings: list[Booking] = []
    unserved: list[Unserved] = []

    def book(c: Consultation, interpreter_id: str) -> None:
        booked[interpreter_id].append(c.window)
        bookings.append(
            Booking(
                consultation_id=c.id,
                interpreter_id=interpreter_id,
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
            and _free(booked[named.id], c.window)
        ):
            book(c, named.id)
        else:
            unserved.append(_unserved(c, _PREBOOKED_UNAVAILABLE))

    # 2. Who could take each of the others: language, availability, not prebooked then.
    ranked = sorted(interpreter_by_id)  # a smaller number is preferred among equals
    number = {i: n for n, i in enumerate(ranked)}
    by_language: dict[str, list[Interpreter]] = {}
    for i in ranked:
        for language in interpreter_by_id[i].languages:
            by_language.setdefault(language, []).append(interpreter_by_id[i])
    open_: list[Consultation] = []
    eligible: list[list[int]] = []
    for c in needing:
        if c.interpreter_id is not None:
            continue
        of_language = by_language.get(c.language, [])
        available = [i for i in of_language if i.available_for(c.window)]
        free = [number[i.id] for i in available if _free(booked[i.id], c.window)]
        if free:
            open_.append(c)
            eligible.append(free)
        else:
            unserved.append(_unserved(c, _why_unserved(c.language, of_language, available)))

    # 3. The most that can be served, the earlier consultations first.
    schedule = _search.book(
        [_seconds(c.window.start) for c in open_],
        [_seconds(c.window.end) for c in open_],
        eligible,
    )
    unproven = {
        k: _not_proven(len(group), bound, sum(1 for j in group if j in schedule.machine_of))
        for group, bound in zip(schedule.unproven, schedule.bounds, strict=True)
        for k in group
    }
    for k, c in enumerate(open_):
        if k in schedule.machine_of:
            book(c, ranked[schedule.machine_of[k]])
        else:
            # 4. Nobody could take it: say why.
            reasons = [_all_busy(c.language)]
            if k in unproven:
                reasons.append(unproven[k])
            unserved.append(_unserved(c, *reasons))

    return InterpreterAssignment(
        bookings=sorted(bookings, key=lambda b: (b.window.start, b.consultation_id)),
        unserved=sorted(unserved, key=lambda u: (u.window.start, u.consultation_id)),
        not_needed=not_needed,
        shortfall=_shortfall(unserved),
    )


def _free(booked: Sequence[TimeWindow], window: TimeWindow) -> bool:
    """No booking overlaps *window* (half-open: back to back is free)."""
    return not any(w.overlaps(window) for w in booked)


def _seconds(instant: _dt.datetime) -> int:
    return int(instant.timestamp())


def _all_busy(language: str) -> Reason:
    return Reason(
        code="all_busy",
        message=(
            f"every available interpreter for {language} is booked then, or booking one "
            "would serve fewer consultations in all"
        ),
    )


def _not_proven(size: int, bound: int, served: int) -> Reason:
    return Reason(
        code="not_proven_most",
        message=(
            f"the search for the most that can be served stopped at its limit in this "
            f"group of {size} consultations: {served} are served, at most "
            f"{bound - served} more might be"
        ),
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
    return _all_busy(language)


def _unserved(c: Consultation, *reasons: Reason) -> Unserved:
    return Unserved(consultation_id=c.id, language=c.language, window=c.window, reasons=reasons)


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
