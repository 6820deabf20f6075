"""
Benchmark 6: the scarce people — coaches and interpreters — against the greedy rules
they replaced.

Three tables, each timing the library and the old greedy on the same data in one run,
with the time ratio and how many more people the library serves:

1. ``allocate_coaches`` on 10^5 waiting referrals and 10^3 coaches (10^4 and 10^2 in the
   quick run): Ukrainian, Russian, German and Arabic, a third of the coaches speaking two
   of them, capacities 1–4;
2. ``assign_interpreters`` on a day of 200 consultations and 30 interpreters (several
   seeded days; fewer in the quick run);
3. ``assign_interpreters`` on a national day: 406 job centres, each its own day of 5–120
   consultations and one interpreter per 5–8 consultations (the first 60 centres in the
   quick run).

The old greedy rules are kept here, as they were, to compare against: they are not part
of the library. Times are CPU seconds of this process (best of a few runs for the small
cases).

    uv run python benchmarks/bench_scarce.py [--quick]

The tests load the old rules from this module (to check the library never serves fewer),
so it imports the shared benchmark helpers only inside :func:`run`.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Iterable
from typing import Any

from jobcenter_core.coaching import (
    CoachAllocation,
    CoachAssignment,
    CoachingProgramme,
    CoachingReferral,
    ReferralStatus,
    Waiting,
    accept_referral,
    coaching_priority,
    waitlist_referral,
)
from jobcenter_core.consultations import (
    Booking,
    Caseworker,
    Consultation,
    Interpreter,
    InterpreterAssignment,
    Unserved,
)
from jobcenter_core.dates import TimeWindow, berlin_instant
from jobcenter_core.decisions import Reason
from jobcenter_core.people import Person
from jobcenter_core.rules import needs_interpreter

# --- the old greedy rules, as they were before issue 20 ---------------------------------


def old_allocate_coaches(
    referrals: Iterable[CoachingReferral],
    programme: CoachingProgramme,
    *,
    at: _dt.datetime,
    starts_on: _dt.date | None = None,
) -> CoachAllocation:
    """The old ``allocate_coaches``: each referral in priority order to a free coach."""
    at_instant = berlin_instant(at)
    begin = starts_on if starts_on is not None else at_instant.date()
    items = tuple(referrals)
    holding: dict[str, list[CoachingReferral]] = {coach.id: [] for coach in programme.coaches}
    for r in items:
        if r.status.is_active and r.coach_id in holding:
            holding[r.coach_id].append(r)
    coached = {r.person_id for r in items if r.status.is_active}
    by_language = {code: programme.coaches_for(code) for code in programme.languages}
    full: set[str] = set()
    on = at_instant.date()
    queue = sorted(
        (r for r in items if r.status.is_waiting), key=lambda r: coaching_priority(r, on=on)
    )
    updated: dict[str, CoachingReferral] = {}
    assignments: list[CoachAssignment] = []
    waiting: list[Waiting] = []
    for referral in queue:
        coaches = by_language.get(referral.language, ())
        free = (
            []
            if referral.language in full
            else [c for c in coaches if len(holding[c.id]) < c.weekly_capacity]
        )
        code = None
        if referral.person_id in coached:
            code = "already_in_coaching"
        elif not coaches:
            code = "no_coach_for_language"
        elif not free:
            full.add(referral.language)
            code = "coaches_full"
        if code is None:
            coach = min(free, key=lambda c: (len(holding[c.id]) - c.weekly_capacity, c.id))
            transition = accept_referral(
                referral,
                programme,
                coach_id=coach.id,
                starts_on=begin,
                caseload=holding[coach.id],
                at=at_instant,
            )
            holding[coach.id].append(transition.referral)
            coached.add(referral.person_id)
            assignments.append(
                CoachAssignment(referral_id=referral.id, coach_id=coach.id, starts_on=begin)
            )
        else:
            waiting.append(Waiting(referral_id=referral.id, reason=Reason(code=code, message=code)))
            if referral.status is not ReferralStatus.REFERRED:
                continue
            transition = waitlist_referral(referral, at=at_instant)
        updated[referral.id] = transition.referral
    return CoachAllocation(
        referrals=tuple(updated.get(r.id, r) for r in items),
        assignments=tuple(assignments),
        waiting=tuple(waiting),
        events=(),
    )


class _OldCalendar:
    """The bookings of one interpreter, sorted by start (the old greedy's calendar)."""

    def __init__(self) -> None:
        self.starts: list[Any] = []
        self.ends: list[Any] = []
        self.minutes = 0

    def is_free(self, window: TimeWindow) -> bool:
        i = bisect.bisect_left(self.starts, window.start)
        if i > 0 and self.ends[i - 1] > window.start:
            return False
        return not (i < len(self.starts) and self.starts[i] < window.end)

    def previous_end(self, window: TimeWindow) -> float:
        i = bisect.bisect_left(self.starts, window.start)
        return self.ends[i - 1].timestamp() if i > 0 else float("-inf")

    def book(self, window: TimeWindow) -> None:
        i = bisect.bisect_left(self.starts, window.start)
        self.starts.insert(i, window.start)
        self.ends.insert(i, window.end)
        self.minutes += int(window.duration.total_minutes())


def old_assign_interpreters(
    consultations: Iterable[Consultation],
    interpreters: Iterable[Interpreter],
    *,
    persons: Iterable[Person],
    caseworkers: Iterable[Caseworker],
) -> InterpreterAssignment:
    """The old ``assign_interpreters``: earliest end first, each to the best-fitting one."""
    in_time_order = sorted(consultations, key=lambda c: (c.window.start, c.id))
    interpreter_by_id = {i.id: i for i in interpreters}
    person_by_id = {p.id: p for p in persons}
    caseworker_by_id = {c.id: c for c in caseworkers}
    needing = [
        c
        for c in in_time_order
        if needs_interpreter(
            person_by_id[c.person_id],
            caseworker_by_id[c.caseworker_id],
            on=c.window.start.date(),
        ).value
    ]
    calendars = {key: _OldCalendar() for key in interpreter_by_id}
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

    def skip(c: Consultation) -> None:
        unserved.append(
            Unserved(
                consultation_id=c.id,
                language=c.language,
                window=c.window,
                reasons=(Reason(code="unserved", message="unserved"),),
            )
        )

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
            skip(c)
    speakers: dict[str, list[Interpreter]] = {}
    for interpreter in sorted(interpreter_by_id.values(), key=lambda i: i.id):
        for language in interpreter.languages:
            speakers.setdefault(language, []).append(interpreter)
    for c in sorted(needing, key=lambda c: (c.window.end, c.window.start, c.id)):
        if c.interpreter_id is not None:
            continue
        available = [i for i in speakers.get(c.language, []) if i.available_for(c.window)]
        free = [i for i in available if calendars[i.id].is_free(c.window)]
        if free:
            book(
                c,
                min(
                    free,
                    key=lambda i: (
                        -calendars[i.id].previous_end(c.window),
                        calendars[i.id].minutes,
                        i.id,
                    ),
                ),
            )
        else:
            skip(c)
    return InterpreterAssignment(bookings=bookings, unserved=unserved)
