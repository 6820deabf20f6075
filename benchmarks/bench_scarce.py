"""
Benchmark 6: the scarce people — coaches and interpreters — against the greedy rules
they replaced.

Three tables, each timing the library and the old greedy on the same data in one run,
with the time ratio and how many more people the library serves:

1. ``allocate_coaches`` on 10^5 waiting referrals and 10^3 coaches (10^4 and 10^2 in the
   quick run): Ukrainian, Russian, German and Arabic, a third of the coaches speaking two
   of them, about as many places as referrals (where the order of placing decides how
   many are served; with far fewer places every place is filled either way);
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

import argparse
import bisect
import datetime as _dt
import random
import time
from collections.abc import Callable, Iterable
from typing import Any

import pendulum

from jobcenter_core.coaching import (
    Coach,
    CoachAllocation,
    CoachAssignment,
    CoachingProgramme,
    CoachingReferral,
    Delivery,
    ReferralStatus,
    Waiting,
    accept_referral,
    coaching_priority,
    refer,
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
from jobcenter_core.dates import TimeWindow, at_berlin, berlin_instant
from jobcenter_core.decisions import Reason
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.needs import NeedCategory
from jobcenter_core.people import Person, Sex
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


# --- the data -------------------------------------------------------------------------

_COACHING_LANGUAGES = ("uk", "ru", "de", "ar")
_REFERRED = at_berlin(2022, 6, 1, 8)


_COACH_LANGUAGES = (
    ({"uk"}, 45),
    ({"ru"}, 15),
    ({"de"}, 10),
    ({"uk", "ru"}, 10),
    ({"uk", "ar"}, 20),
)
"""The coaches' languages and their shares (%): every Arabic-speaking coach also coaches in
Ukrainian, so who takes their places decides how many Arabic referrals are served."""


def coaching_case(referrals: int, coaches: int, seed: int) -> tuple[Any, list[Any]]:
    """A programme of *coaches* coaches with about one place per referral, and *referrals*
    waiting referrals (50 % Ukrainian, 20 % Russian, 10 % German, 20 % Arabic; 2 % of the
    persons referred twice)."""
    rng = random.Random(seed)
    weights = (50, 20, 10, 20)
    staff = [
        Coach(
            id=f"coach-{i:04d}",
            languages=rng.choices(
                [languages for languages, _ in _COACH_LANGUAGES],
                [share for _, share in _COACH_LANGUAGES],
            )[0],
            weekly_capacity=rng.randint(50, 150) * referrals // (100 * coaches),
        )
        for i in range(coaches)
    ]
    programme = CoachingProgramme(
        id="bench",
        provider="Werkakademie",
        languages=_COACHING_LANGUAGES,
        delivery=Delivery.ONLINE,
        coaches=staff,
        sessions_per_coaching=3,
    )
    reasons = (NeedCategory.CHILDCARE, NeedCategory.GERMAN_LANGUAGE)
    cases = []
    for i in range(referrals):
        person = rng.randrange(i) if i and rng.random() < 0.02 else i
        cases.append(
            refer(
                programme,
                id=f"r-{i:06d}",
                person_id=f"p-{person:06d}",
                referred_by="cw-1",
                reasons=(reasons[i % 2],),
                language=rng.choices(_COACHING_LANGUAGES, weights)[0],
                limited_mobility=rng.random() < 0.3,
                at=_REFERRED.add(seconds=i),
            ).referral
        )
    return programme, cases


_DAY_LANGUAGES = ("uk", "ru", "ar", "fa", "tr", "ti")
_DAY_WEIGHTS = (50, 15, 15, 10, 5, 5)
_INTERPRETER_LANGUAGES = (
    ("uk",),
    ("uk",),
    ("uk",),
    ("uk", "ru"),
    ("uk", "ru"),
    ("ru",),
    ("ar",),
    ("ar",),
    ("fa",),
    ("ar", "fa"),
    ("tr",),
    ("ti",),
)
_CASEWORKER = Caseworker(
    id="cw-1", languages=(LanguageSkill(language="de", level=CefrLevel.NATIVE),)
)


def interpreter_day(
    consultations: int, interpreters: int, seed: int, day: int = 0
) -> dict[str, Any]:
    """One job centre's day: consultations 30 min to 2 h from 8:00, interpreters of one or two
    languages, available all day, in the morning, the afternoon or in two stretches."""
    rng = random.Random(seed)
    date = pendulum.date(2022, 5, 30).add(days=day)

    def at(minutes: int) -> Any:
        return at_berlin(date.year, date.month, date.day, 8).add(minutes=minutes)

    people, cs = [], []
    for k in range(consultations):
        language = rng.choices(_DAY_LANGUAGES, _DAY_WEIGHTS)[0]
        start = 15 * rng.randrange(0, 29)
        length = rng.choice((30, 45, 60, 60, 60, 90, 120))
        people.append(
            Person(
                id=f"p-{seed}-{k}",
                birth_date=pendulum.date(1985, 1, 1),
                sex=Sex.FEMALE,
                languages=(LanguageSkill(language=language, level=CefrLevel.NATIVE),),
            )
        )
        cs.append(
            Consultation(
                id=f"c-{seed}-{k:03d}",
                household_id=f"h-{seed}-{k}",
                person_id=people[-1].id,
                caseworker_id="cw-1",
                window=TimeWindow(start=at(start), end=at(min(start + length, 9 * 60))),
                language=language,
            )
        )
    staff = []
    for i in range(interpreters):
        kind = rng.random()
        if kind < 0.5:
            windows = [(0, 9 * 60)]
        elif kind < 0.7:
            windows = [(0, 4 * 60 + 30)]
        elif kind < 0.9:
            windows = [(4 * 60, 9 * 60)]
        else:
            a = 30 * rng.randrange(0, 8)
            windows = [(a, a + 120), (a + 180, a + 300)]
        staff.append(
            Interpreter(
                id=f"i-{seed}-{i:02d}",
                languages=rng.choice(_INTERPRETER_LANGUAGES),
                availability=[TimeWindow(start=at(a), end=at(b)) for a, b in windows],
            )
        )
    return {
        "consultations": cs,
        "interpreters": staff,
        "persons": people,
        "caseworkers": [_CASEWORKER],
    }


def national_day(centres: int, seed: int) -> list[dict[str, Any]]:
    """*centres* job centres, each its own day of 5–120 consultations, one interpreter per 5–8."""
    rng = random.Random(seed)
    days = []
    for centre in range(centres):
        n = rng.randint(5, 120)
        days.append(interpreter_day(n, max(1, n // rng.randint(5, 8)), seed * 1000 + centre))
    return days


# --- the benchmark --------------------------------------------------------------------


def _cpu(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def _mip_most(day: dict[str, Any], result: InterpreterAssignment) -> int | None:
    """The most consultations any assignment serves, by the HiGHS MIP solver if installed."""
    try:
        import highspy
    except ImportError:
        return None
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    unserved = {u.consultation_id for u in result.unserved}
    open_ = [
        c
        for c in day["consultations"]
        if c.id in unserved or c.id in {b.consultation_id for b in result.bookings}
    ]
    x: dict[tuple[int, int], Any] = {}
    for k, c in enumerate(open_):
        for i, it in enumerate(day["interpreters"]):
            if c.language in it.languages and it.available_for(c.window):
                x[k, i] = h.addVariable(0, 1)
                h.changeColIntegrality(x[k, i].index, highspy.HighsVarType.kInteger)
    if not x:
        return 0
    for k in range(len(open_)):
        row = [v for (kk, _), v in x.items() if kk == k]
        if len(row) > 1:
            h.addConstr(sum(row) <= 1)
    for i in range(len(day["interpreters"])):
        mine = [k for (k, ii) in x if ii == i]
        for k in mine:  # the consultations running at the start of consultation k
            clique = [
                j
                for j in mine
                if open_[j].window.start <= open_[k].window.start < open_[j].window.end
            ]
            if len(clique) > 1:
                h.addConstr(sum(x[j, i] for j in clique) <= 1)
    h.maximize(sum(x.values()))
    return round(h.getInfo().objective_function_value)


def _unproven(result: InterpreterAssignment) -> int:
    return sum(1 for u in result.unserved if "not_proven_most" in u.codes)


def run(quick: bool) -> dict[str, Any]:
    """Time the library and the old greedy rules; print and return the three tables."""
    from _common import table

    from jobcenter_core.coaching import allocate_coaches
    from jobcenter_core.interpreting import assign_interpreters

    out: dict[str, Any] = {}

    # 1. Coaches.
    referrals, coaches = (10_000, 100) if quick else (100_000, 1_000)
    programme, cases = coaching_case(referrals, coaches, seed=20)
    at = at_berlin(2022, 7, 1, 9)
    new_s, new = _cpu(lambda: allocate_coaches(cases, programme, at=at))
    old_s, old = _cpu(lambda: old_allocate_coaches(cases, programme, at=at))
    places = sum(c.weekly_capacity for c in programme.coaches)
    rows = [
        [
            referrals,
            coaches,
            places,
            len(new.assignments),
            len(old.assignments),
            len(new.assignments) - len(old.assignments),
            new_s,
            old_s,
            new_s / old_s,
        ]
    ]
    print(
        table(
            "allocate_coaches vs the old greedy",
            [
                "referrals",
                "coaches",
                "places",
                "served",
                "old served",
                "served more",
                "library CPU s",
                "old CPU s",
                "time ratio",
            ],
            rows,
        )
    )
    out["coaching"] = rows

    # 2. A day of 200 consultations and 30 interpreters.
    rows = []
    for seed in range(2 if quick else 5):
        day = interpreter_day(200, 30, seed)
        new_s, new = _cpu(lambda: assign_interpreters(**day))  # noqa: B023
        old_s, old = _cpu(lambda: old_assign_interpreters(**day))  # noqa: B023
        rows.append(
            [
                seed,
                len(new.bookings),
                len(old.bookings),
                len(new.bookings) - len(old.bookings),
                _mip_most(day, new),
                _unproven(new),
                new_s,
                old_s,
                new_s / old_s,
            ]
        )
    print(
        table(
            "assign_interpreters vs the old greedy: a day of 200 consultations, 30 interpreters",
            [
                "seed",
                "served",
                "old served",
                "served more",
                "MIP optimum (HiGHS)",
                "unproven",
                "library CPU s",
                "old CPU s",
                "time ratio",
            ],
            rows,
        )
    )
    out["interpreter_day"] = rows

    # 3. A national day: 406 job centres.
    centres = 60 if quick else 406
    days = national_day(centres, seed=406)
    totals = {"new": 0.0, "old": 0.0}
    served = {"new": 0, "old": 0}
    unproven = 0
    slowest = 0.0
    for day in days:
        seconds, new = _cpu(lambda: assign_interpreters(**day))  # noqa: B023
        totals["new"] += seconds
        slowest = max(slowest, seconds)
        served["new"] += len(new.bookings)
        unproven += _unproven(new)
        seconds, old = _cpu(lambda: old_assign_interpreters(**day))  # noqa: B023
        totals["old"] += seconds
        served["old"] += len(old.bookings)
    rows = [
        [
            centres,
            sum(len(d["consultations"]) for d in days),
            served["new"],
            served["old"],
            served["new"] - served["old"],
            unproven,
            totals["new"],
            totals["old"],
            totals["new"] / totals["old"],
            slowest,
        ]
    ]
    print(
        table(
            "assign_interpreters vs the old greedy: a national day",
            [
                "job centres",
                "consultations",
                "served",
                "old served",
                "served more",
                "unproven",
                "library CPU s",
                "old CPU s",
                "time ratio",
                "slowest centre s",
            ],
            rows,
        )
    )
    out["national_day"] = rows
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    run(parser.parse_args().quick)
