"""
Engine: what :func:`~jobcenter_core.interpreting.assign_interpreters` reports for
consultations day by day, counted without building its results (interpreting/_tally.py).

The national run needs only the counts of a day's assignment: how many consultations
needed an interpreter, how many were served and for how many minutes, the unserved by
reason and their minutes by language. :func:`tally_by_day` counts exactly those:

* **Need, once per shape.** Whether a consultation needs an interpreter is
  :func:`~jobcenter_core.rules.needs_interpreter`, asked once per distinct
  ``(level, languages the person speaks at it or above, languages the case worker
  speaks at it or above)``: the rule reads, of the policy on the day, only
  ``interpreter_level``, and compares only those two sets of languages (the level is
  the key, not the day, so days share answers).
* **Times as numbers.** Availability, overlaps and minutes are compared as POSIX
  timestamps (the same instants, the same order), the search's times as the rule's
  whole seconds; each window's day and timestamps are worked out once (consultations
  share their slot's window).
* **The served, not on whom.** The counts depend on which consultations are served, not
  on which interpreter serves them: :func:`~jobcenter_core.interpreting._search.served`.
* **Reasons from the rule.** The reason codes are the rule's own
  (``assignment._why_unserved`` and friends), asked once per distinct case.

A day whose input the rule would refuse (a repeated id, an unknown case worker) is
handed to the rule itself, which raises its error. The engine speaks no law of its own;
``tests/interpreting/test_engine_tally.py`` checks it against the rule's results.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import attrs
from pendulum import Date

from jobcenter_core.consultations import Caseworker, Consultation, Interpreter
from jobcenter_core.dates import TimeWindow
from jobcenter_core.interpreting import _search
from jobcenter_core.interpreting.assignment import (
    _PREBOOKED_UNAVAILABLE,
    _all_busy,
    _not_proven,
    _why_unserved,
    assign_interpreters,
)
from jobcenter_core.interpreting.assignment import (
    _minutes as _duration_minutes,
)
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.parameters import Policy
from jobcenter_core.people import Person
from jobcenter_core.rules import needs_interpreter

__all__ = ["DayCounts", "tally_by_day"]


@attrs.define(kw_only=True)
class DayCounts:
    """What the assignments of the days add up to (see the module's docstring)."""

    needing: int = 0
    booked: int = 0
    booked_minutes: int = 0
    reasons: Counter[str] = attrs.field(factory=Counter)
    missing_minutes: Counter[str] = attrs.field(factory=Counter)

    def add(self, needing: int, booked: int, minutes: int) -> None:
        """One day's needing, booked and booked minutes added."""
        self.needing += needing
        self.booked += booked
        self.booked_minutes += minutes


_Window = tuple[float, float]  # start and end as POSIX timestamps
_Available = tuple[Interpreter, list[TimeWindow], list[_Window]]  # windows of one day


def tally_by_day(
    consultations: Sequence[Consultation],
    interpreters: Iterable[Interpreter],
    *,
    persons: Mapping[str, Person],
    caseworkers: Sequence[Caseworker],
    policy: Policy,
) -> DayCounts:
    """
    The counts of :func:`assign_interpreters` run on each day's *consultations* (by the
    day of their start) with the *interpreters* available that day (each with that
    day's availability windows), the consultations' *persons* and all *caseworkers*.

    >>> from jobcenter_core.parameters import DEFAULT_POLICY
    >>> from jobcenter_core.scenarios import bocholt_june_2022
    >>> s = bocholt_june_2022()
    >>> people = {m.person.id: m.person for h in s.caseload.households for m in h.members}
    >>> counts = tally_by_day(s.consultations, s.interpreters, persons=people,
    ...                       caseworkers=s.caseworkers, policy=DEFAULT_POLICY)
    >>> counts.needing >= counts.booked
    True
    """
    times = _Times()
    days: dict[Date, list[Consultation]] = {}
    for c in consultations:
        days.setdefault(times.day(c.window), []).append(c)
    # Each interpreter with that day's windows, in the order given (as the rule gets them).
    available: dict[Date, list[_Available]] = {day: [] for day in days}
    for interpreter in interpreters:
        windows: dict[Date, list[TimeWindow]] = {}
        for w in interpreter.availability:
            windows.setdefault(times.day(w), []).append(w)
        for day, todays_windows in windows.items():
            if day in available:
                spans = [times.stamps(w) for w in todays_windows]
                available[day].append((interpreter, todays_windows, spans))
    caseworker_by_id = {cw.id: cw for cw in caseworkers}
    day_counts = DayCounts()
    needs = _Needs(policy)
    reasons = _Reasons()
    for day, todays in days.items():
        people = [persons[c.person_id] for c in todays]
        interpreters_today = available[day]
        if not _well_formed(todays, people, interpreters_today, caseworker_by_id, caseworkers):
            _count_by_the_rule(day_counts, todays, interpreters_today, people, caseworkers, policy)
            continue
        _count_day(
            day_counts,
            todays,
            interpreters_today,
            [
                needs.of(p, caseworker_by_id[c.caseworker_id], day)
                for c, p in zip(todays, people, strict=True)
            ],
            reasons,
            times,
        )
    return day_counts


def _well_formed(
    consultations: Sequence[Consultation],
    people: Sequence[Person],
    interpreters: Sequence[_Available],
    caseworker_by_id: Mapping[str, Caseworker],
    caseworkers: Sequence[Caseworker],
) -> bool:
    """
    No id repeats, every case worker is known and every consultation's person is the
    person of its id: the rule would accept the day.
    """
    return (
        len({i.id for i, _, _ in interpreters}) == len(interpreters)
        and len({p.id for p in people}) == len(people)
        and len(caseworker_by_id) == len(caseworkers)
        and len({c.id for c in consultations}) == len(consultations)
        and all(c.caseworker_id in caseworker_by_id for c in consultations)
        and all(p.id == c.person_id for c, p in zip(consultations, people, strict=True))
    )


def _count_by_the_rule(
    counts: DayCounts,
    consultations: Sequence[Consultation],
    interpreters: Sequence[_Available],
    people: Sequence[Person],
    caseworkers: Sequence[Caseworker],
    policy: Policy,
) -> None:
    """The day counted from the rule's own result (or its error)."""
    on_the_day = [attrs.evolve(i, availability=windows) for i, windows, _ in interpreters]
    result = assign_interpreters(
        consultations, on_the_day, persons=people, caseworkers=caseworkers, policy=policy
    )
    counts.add(
        len(result.bookings) + len(result.unserved),
        len(result.bookings),
        sum(
            _minutes(b.window.start.timestamp(), b.window.end.timestamp()) for b in result.bookings
        ),
    )
    counts.reasons.update(code for u in result.unserved for code in u.codes)
    counts.missing_minutes.update({s.language: s.minutes for s in result.shortfall})


def _count_day(
    counts: DayCounts,
    consultations: Sequence[Consultation],
    interpreters: Sequence[_Available],
    needed: Sequence[bool],
    reasons: _Reasons,
    times: _Times,
) -> None:
    """One day, as the rule books it (steps 1 to 4 of ``assign_interpreters``)."""
    timed = [
        (times.stamps(c.window), c.id, c)
        for c, yes in zip(consultations, needed, strict=True)
        if yes
    ]
    if not timed:
        return
    timed.sort(key=lambda t: (t[0], t[1]))  # by start, end, id: the instants' own order
    needing = [c for _, _, c in timed]
    windows = [w for w, _, _ in timed]
    spans_of = {i.id: spans for i, _, spans in interpreters}
    booked: dict[str, list[_Window]] = {i.id: [] for i, _, _ in interpreters}
    by_id = {i.id: i for i, _, _ in interpreters}
    served = minutes = 0
    unserved: list[tuple[Consultation, _Window, tuple[str, ...]]] = []

    # 1. Prebooked interpreters keep their consultations, if they can take them.
    for c, w in zip(needing, windows, strict=True):
        if c.interpreter_id is None:
            continue
        named = by_id.get(c.interpreter_id)
        if (
            named is not None
            and c.language in named.languages
            and _covers(spans_of[named.id], w)
            and _free(booked[named.id], w)
        ):
            booked[named.id].append(w)
            served += 1
            minutes += _minutes(*w)
        else:
            unserved.append((c, w, reasons.prebooked))

    # 2. Who could take each of the others (the same for the same language and slot,
    # while nobody is prebooked).
    ranked = sorted(by_id)
    by_language: dict[str, list[tuple[int, list[_Window], list[_Window]]]] = {}
    for n, i in enumerate(ranked):
        for language in by_id[i].languages:
            by_language.setdefault(language, []).append((n, spans_of[i], booked[i]))
    prebooked = any(booked.values())
    options: dict[tuple[str, _Window], tuple[list[int], tuple[str, ...]]] = {}
    open_: list[tuple[Consultation, _Window]] = []
    eligible: list[list[int]] = []
    for c, w in zip(needing, windows, strict=True):
        if c.interpreter_id is not None:
            continue
        slot = (c.language, w)
        found = None if prebooked else options.get(slot)
        if found is None:
            found = options[slot] = _who_can(
                c.language, w, by_language.get(c.language, []), reasons
            )
        free, why = found
        if free:
            open_.append((c, w))
            eligible.append(free)
        else:
            unserved.append((c, w, why))

    # 3. The most that can be served, the earlier consultations first.
    done, unproven = _search.served(
        [int(s) for _, (s, _) in open_], [int(e) for _, (_, e) in open_], eligible
    )
    for k, (c, w) in enumerate(open_):
        if k in done:
            served += 1
            minutes += _minutes(*w)
        elif k in unproven:
            why = (*reasons.busy(c.language), reasons.unproven(*unproven[k]))
            unserved.append((c, w, why))
        else:
            unserved.append((c, w, reasons.busy(c.language)))

    # 4. The unserved, by reason and their minutes by language.
    counts.add(served + len(unserved), served, minutes)
    missing: dict[str, int] = {}
    for c, (start, end), codes in unserved:
        counts.reasons.update(codes)
        # the rule's minutes (of the window's duration); the same number for whole seconds
        if start.is_integer() and end.is_integer():
            lost = int(end - start) // 60
        else:
            lost = _duration_minutes(c.window)
        missing[c.language] = missing.get(c.language, 0) + lost
    counts.missing_minutes.update(missing)


def _who_can(
    language: str,
    w: _Window,
    of_language: Sequence[tuple[int, list[_Window], list[_Window]]],
    reasons: _Reasons,
) -> tuple[list[int], tuple[str, ...]]:
    """
    The interpreters (by number) of *language* available for the whole slot *w* and not
    booked then; if none, why (``assign_interpreters`` steps 2 and 4).
    """
    start, end = w
    free: list[int] = []
    available = False
    for n, spans, booked in of_language:
        for s, e in spans:  # Interpreter.available_for: one window covers the slot
            if s <= start and end <= e:
                break
        else:
            continue
        available = True
        if not any(s < end and start < e for s, e in booked):  # half-open: back to back
            free.append(n)
    if free:
        return free, ()
    return free, reasons.why(language, bool(of_language), available)


def _covers(spans: Sequence[_Window], w: _Window) -> bool:
    """One availability window covers *w* wholly (``Interpreter.available_for``)."""
    start, end = w
    return any(s <= start and end <= e for s, e in spans)


def _free(booked: Sequence[_Window], w: _Window) -> bool:
    """No booking overlaps *w* (half-open: back to back is free)."""
    start, end = w
    return not any(s < end and start < e for s, e in booked)


def _minutes(start: float, end: float) -> int:
    """Whole minutes from *start* to *end* (as the national run counts booked minutes)."""
    return int(end - start) // 60


class _Needs:
    """
    :func:`needs_interpreter`'s answers. The rule compares the languages the person
    and the case worker each speak at the policy's ``interpreter_level`` on the day or
    above, and nothing else of them: its answers are kept by that level and those two
    sets of languages. The same language tuples recur, so each tuple's set is kept by
    the tuple's identity (with the tuple, so that its identity stays its own).
    """

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.levels: dict[Date, _Level] = {}
        self.by_level: dict[CefrLevel, _Level] = {}

    def of(self, person: Person, caseworker: Caseworker, day: Date) -> bool:
        at = self.levels.get(day)
        if at is None:
            level = self.policy.interpreter_level.at(day)
            at = self.by_level.get(level)
            if at is None:
                at = self.by_level[level] = _Level(level)
            self.levels[day] = at
        kept = at.kept
        spoken, theirs = person.languages, caseworker.languages
        mine = kept.get(id(spoken))
        yours = kept.get(id(theirs))
        key = (
            mine[1] if mine is not None and mine[0] is spoken else at.spoken(spoken),
            yours[1] if yours is not None and yours[0] is theirs else at.spoken(theirs),
        )
        answer = at.answers.get(key)
        if answer is None:
            answer = at.answers[key] = needs_interpreter(
                person, caseworker, on=day, policy=self.policy
            ).value
        return answer


class _Level:
    """The answers at one level, and each language tuple's languages at that level or above."""

    def __init__(self, level: CefrLevel) -> None:
        self.at_least = frozenset(other for other in CefrLevel if other >= level)
        self.answers: dict[tuple[frozenset[str], frozenset[str]], bool] = {}
        self.kept: dict[int, tuple[tuple[LanguageSkill, ...], frozenset[str]]] = {}

    def spoken(self, skills: tuple[LanguageSkill, ...]) -> frozenset[str]:
        """The languages of *skills* at the level or above (kept by the tuple)."""
        languages = frozenset([s.language for s in skills if s.level in self.at_least])
        self.kept[id(skills)] = (skills, languages)
        return languages


class _Times:
    """
    Each window's day (of its start, in Berlin) and its ends as POSIX timestamps, kept
    by the window's identity (with the window): consultations share their slots.
    """

    def __init__(self) -> None:
        self.days: dict[int, tuple[TimeWindow, Date]] = {}
        self.kept: dict[int, tuple[TimeWindow, _Window]] = {}

    def day(self, w: TimeWindow) -> Date:
        kept = self.days.get(id(w))
        if kept is not None and kept[0] is w:
            return kept[1]
        day = w.start.date()
        self.days[id(w)] = (w, day)
        return day

    def stamps(self, w: TimeWindow) -> _Window:
        kept = self.kept.get(id(w))
        if kept is not None and kept[0] is w:
            return kept[1]
        stamps = (w.start.timestamp(), w.end.timestamp())
        self.kept[id(w)] = (w, stamps)
        return stamps


class _Reasons:
    """The rule's reason codes, asked once per case."""

    def __init__(self) -> None:
        self.prebooked = (_PREBOOKED_UNAVAILABLE.code,)
        self.kept: dict[tuple[str, bool, bool], tuple[str, ...]] = {}
        self.kept_busy: dict[str, tuple[str, ...]] = {}

    def why(self, language: str, interpreted: bool, available: bool) -> tuple[str, ...]:
        key = (language, interpreted, available)
        codes = self.kept.get(key)
        if codes is None:
            stand_in: list[Interpreter] = [_STAND_IN]
            codes = self.kept[key] = (
                _why_unserved(
                    language, stand_in if interpreted else [], stand_in if available else []
                ).code,
            )
        return codes

    def busy(self, language: str) -> tuple[str, ...]:
        codes = self.kept_busy.get(language)
        if codes is None:
            codes = self.kept_busy[language] = (_all_busy(language).code,)
        return codes

    def unproven(self, size: int, bound: int, served: int) -> str:
        return _not_proven(size, bound, served).code


_STAND_IN = Interpreter(id="stand-in", languages=("de",))
"""Any interpreter: ``_why_unserved`` asks only whether there are some."""
