"""
What the bookings of many days add up to: :func:`assign_interpreters` run on each day's
consultations with the interpreters available that day, counted
(:func:`count_bookings`).

The national run and an analyst asking "how many consultations would go without an
interpreter, and for want of which language" need the numbers, not the bookings. The
readable definition is the loop in ``_counted_by_the_rule`` below; an engine
(``interpreting/_tally.py``) counts the same without building the bookings, and
``tests/interpreting/test_counts.py`` and ``tests/interpreting/test_engine_tally.py``
check the two against each other.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

import attrs
from pendulum import Date

from jobcenter_core.consultations import Caseworker, Consultation, Interpreter
from jobcenter_core.dates import TimeWindow
from jobcenter_core.errors import UnknownId
from jobcenter_core.interpreting._tally import tally_by_day
from jobcenter_core.interpreting.assignment import assign_interpreters
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Person
from jobcenter_core.validators import pairs_of, whole_number

__all__ = ["BookingCounts", "count_bookings"]

_COUNT = whole_number(minimum=0)


@attrs.frozen(kw_only=True)
class BookingCounts:
    """
    The counts of the bookings of several days: the consultations that needed an
    interpreter, those booked and their minutes, the codes of the unserved (each with
    how many consultations it was given to) and the minutes missing by language, both
    in order of code or language.
    """

    needing: int = attrs.field(validator=_COUNT)
    booked: int = attrs.field(validator=_COUNT)
    booked_minutes: int = attrs.field(validator=_COUNT)
    unserved_reasons: tuple[tuple[str, int], ...] = attrs.field(
        validator=pairs_of(str, int, what="(code, consultations)")
    )
    missing_minutes: tuple[tuple[str, int], ...] = attrs.field(
        validator=pairs_of(str, int, what="(language, minutes)")
    )


def count_bookings(
    consultations: Sequence[Consultation],
    interpreters: Iterable[Interpreter],
    *,
    persons: Mapping[str, Person],
    caseworkers: Sequence[Caseworker],
    policy: Policy = DEFAULT_POLICY,
) -> BookingCounts:
    """
    What :func:`~jobcenter_core.interpreting.assign_interpreters` books, day by day,
    counted: each day's *consultations* (by the day their window starts) among the
    *interpreters* available that day, each with that day's availability windows, the
    consultations' persons looked up by id in *persons*, and all *caseworkers*. An
    interpreter's booking on one day does not take their time on another, so the days
    are booked one by one, as an integration centre's coordinator books them.

    >>> from jobcenter_core.scenarios import bocholt_june_2022
    >>> s = bocholt_june_2022()
    >>> people = {m.person.id: m.person for h in s.caseload.households for m in h.members}
    >>> counts = count_bookings(s.consultations, s.interpreters, persons=people,
    ...                         caseworkers=s.caseworkers)
    >>> counts.needing, counts.booked, counts.missing_minutes
    (137, 124, (('ru', 480), ('uk', 300)))

    Raises:
        UnknownId: a consultation's person is not in *persons* (the id is not repeated).

    References:
        SGB X § 19 Abs. 1; SGB I § 17 Abs. 1.
    """
    if any(c.person_id not in persons for c in consultations):
        raise UnknownId("person id of a consultation: not in 'persons'")
    counts = tally_by_day(
        consultations, interpreters, persons=persons, caseworkers=caseworkers, policy=policy
    )
    return BookingCounts(
        needing=counts.needing,
        booked=counts.booked,
        booked_minutes=counts.booked_minutes,
        unserved_reasons=tuple(sorted(counts.reasons.items())),
        missing_minutes=tuple(sorted(counts.missing_minutes.items())),
    )


def _counted_by_the_rule(
    consultations: Sequence[Consultation],
    interpreters: Iterable[Interpreter],
    *,
    persons: Mapping[str, Person],
    caseworkers: Sequence[Caseworker],
    policy: Policy,
) -> BookingCounts:
    """:func:`count_bookings` as it reads: the rule asked for each day, its result counted."""
    days: dict[Date, tuple[list[Consultation], list[Interpreter]]] = {}
    for c in consultations:
        days.setdefault(c.window.start.date(), ([], []))[0].append(c)
    for interpreter in interpreters:
        windows: dict[Date, list[TimeWindow]] = defaultdict(list)
        for w in interpreter.availability:
            windows[w.start.date()].append(w)
        for day, available in windows.items():
            if day in days:
                days[day][1].append(attrs.evolve(interpreter, availability=available))
    needing = booked = minutes = 0
    reasons: Counter[str] = Counter()
    missing: Counter[str] = Counter()
    for todays, available_today in days.values():
        result = assign_interpreters(
            todays,
            available_today,
            persons=[persons[c.person_id] for c in todays],
            caseworkers=caseworkers,
            policy=policy,
        )
        booked += len(result.bookings)
        needing += len(result.bookings) + len(result.unserved)
        minutes += sum(
            int(b.window.end.timestamp() - b.window.start.timestamp()) // 60
            for b in result.bookings
        )
        reasons.update(code for u in result.unserved for code in u.codes)
        missing.update({s.language: s.minutes for s in result.shortfall})
    return BookingCounts(
        needing=needing,
        booked=booked,
        booked_minutes=minutes,
        unserved_reasons=tuple(sorted(reasons.items())),
        missing_minutes=tuple(sorted(missing.items())),
    )
