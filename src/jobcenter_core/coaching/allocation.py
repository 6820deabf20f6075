"""
Allocating coaches (coaching/allocation.py): the order of the coaches' waitlist
(:func:`coaching_priority`, :data:`COACHING_ORDERINGS`) and the assignment of the
waiting referrals to coaches within their weekly capacity (:func:`allocate_coaches`).

Who can hardly get out because a child has no care place comes first: the coaching was
planned for them (SGB II § 10 Abs. 1 Nr. 3 and Abs. 3).

References:
    SGB II § 16 Abs. 1 with SGB III § 45; SGB II § 10 Abs. 1 Nr. 3 and Abs. 3.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping
from typing import Final, TypeAlias

import attrs
from pendulum import Date

from jobcenter_core.coaching.events import ReferralEvent
from jobcenter_core.coaching.lifecycle import accept_referral, waitlist_referral
from jobcenter_core.coaching.programme import CoachingProgramme
from jobcenter_core.coaching.referral import (
    CoachingReferral,
    ReferralStatus,
    ReferralTransition,
)
from jobcenter_core.dates import as_date, berlin_instant, instant_order
from jobcenter_core.decisions import Reason
from jobcenter_core.errors import InvalidInput, InvalidPolicy, Problem
from jobcenter_core.parameters import DEFAULT_POLICY, Policy

__all__ = [
    "COACHING_ORDERINGS",
    "CoachAllocation",
    "CoachAssignment",
    "PriorityKey",
    "Waiting",
    "allocate_coaches",
    "coaching_priority",
]

# --- the coaches' waitlist --------------------------------------------------------------

PriorityKey: TypeAlias = tuple[int, int, float, str]
"""
A sort key of the coaches' waitlist: smaller comes first. Its instant is
``instant_order(referred_at)``, so that the order is by the actual instant also in the
hour the clocks go back (Berlin date-times compare by wall clock).
"""


def _first_if(condition: bool) -> int:
    """0 (first) when *condition* holds, else 1."""
    return 0 if condition else 1


def _waiting_time(referral: CoachingReferral) -> tuple[float, str]:
    """The earlier referral first (by the actual instant), then the smaller id."""
    return (instant_order(referral.referred_at), referral.id)


def _mobility_first(referral: CoachingReferral) -> PriorityKey:
    return (
        _first_if(referral.limited_mobility),
        _first_if(referral.has_blocking_reason),
        *_waiting_time(referral),
    )


def _blocking_first(referral: CoachingReferral) -> PriorityKey:
    return (
        _first_if(referral.has_blocking_reason),
        _first_if(referral.limited_mobility),
        *_waiting_time(referral),
    )


def _first_come(referral: CoachingReferral) -> PriorityKey:
    return (0, 0, *_waiting_time(referral))


COACHING_ORDERINGS: Final[Mapping[str, Callable[[CoachingReferral], PriorityKey]]] = {
    "mobility_first": _mobility_first,
    "blocking_first": _blocking_first,
    "first_come": _first_come,
}
"""
The named orderings of the coaches' waitlist that ``policy.coaching_priority`` can name:

* ``mobility_first`` (default): limited mobility first, then a reason that can block
  taking up work, then the earlier referral, then the referral id;
* ``blocking_first``: a blocking reason first, then limited mobility, then as above;
* ``first_come``: the earlier referral, then the referral id.
"""


def coaching_priority(
    referral: CoachingReferral, *, on: _dt.date, policy: Policy = DEFAULT_POLICY
) -> PriorityKey:
    """
    The referral's place in the coaches' waitlist: a sort key, smaller first.

    The ordering is the one ``policy.coaching_priority`` names on day *on* (see
    :data:`COACHING_ORDERINGS`); by default limited mobility first, then a referral
    reason that can block taking up work (childcare, an acute psychosocial need), then
    waiting time (earlier referral first), then the referral id — deterministic, whatever
    the order the referrals come in.

    >>> import pendulum
    >>> from jobcenter_core.coaching import Coach, CoachingProgramme, Delivery, refer
    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.needs import NeedCategory
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> childcare = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                   reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                   at=at_berlin(2022, 6, 22, 10)).referral
    >>> earlier = refer(programme, id="r-2", person_id="p-2", referred_by="cw-1",
    ...                 reasons={NeedCategory.GERMAN_LANGUAGE}, language="uk",
    ...                 limited_mobility=False, at=at_berlin(2022, 6, 20, 10)).referral
    >>> on = pendulum.date(2022, 6, 23)
    >>> [r.id for r in sorted([earlier, childcare], key=lambda r: coaching_priority(r, on=on))]
    ['r-1', 'r-2']

    References:
        SGB II § 10 Abs. 1 Nr. 3 and Abs. 3 (why limited mobility through missing
        childcare comes first).
    """
    return _ordering(policy, on)(referral)


def _ordering(policy: Policy, on: _dt.date) -> Callable[[CoachingReferral], PriorityKey]:
    name = policy.coaching_priority.at(on)
    try:
        return COACHING_ORDERINGS[name]
    except KeyError:
        known = ", ".join(COACHING_ORDERINGS)
        raise InvalidPolicy(f"unknown coaching priority {name!r}; known: {known}") from None


# --- the allocation ---------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class CoachAssignment:
    """Referral *referral_id* went to coach *coach_id*, starting on *starts_on*."""

    referral_id: str
    coach_id: str
    starts_on: Date = attrs.field(converter=as_date)


@attrs.frozen(kw_only=True)
class Waiting:
    """Referral *referral_id* still waits, and *reason* says why."""

    referral_id: str
    reason: Reason


def _referrals(items: Iterable[CoachingReferral]) -> tuple[CoachingReferral, ...]:
    return tuple(items)


def _assignments(items: Iterable[CoachAssignment]) -> tuple[CoachAssignment, ...]:
    return tuple(items)


def _waiting(items: Iterable[Waiting]) -> tuple[Waiting, ...]:
    return tuple(items)


def _events(items: Iterable[ReferralEvent]) -> tuple[ReferralEvent, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class CoachAllocation:
    """
    The outcome of :func:`allocate_coaches`.

    Attributes:
        referrals: every input referral, updated, in input order.
        assignments: the referrals that got a coach, in priority order.
        waiting: the referrals still waiting, in priority order, each with its reason.
        events: every event the allocation took, in order.
    """

    referrals: tuple[CoachingReferral, ...] = attrs.field(converter=_referrals)
    assignments: tuple[CoachAssignment, ...] = attrs.field(converter=_assignments)
    waiting: tuple[Waiting, ...] = attrs.field(converter=_waiting)
    events: tuple[ReferralEvent, ...] = attrs.field(converter=_events)

    def explain(self, referral_id: str) -> str:
        """
        Why referral *referral_id* got a coach or still waits.

        >>> CoachAllocation(referrals=(), assignments=(), waiting=(), events=()).explain("r-9")
        'r-9: not waiting for a coach in this allocation'
        """
        for a in self.assignments:
            if a.referral_id == referral_id:
                return f"{referral_id}: assigned to {a.coach_id} from {a.starts_on}"
        for w in self.waiting:
            if w.referral_id == referral_id:
                return f"{referral_id}: waiting, {w.reason}"
        return f"{referral_id}: not waiting for a coach in this allocation"


_ALREADY_COACHED: Final = Reason(
    code="already_in_coaching", message="the person already has a coach in this programme"
)
_NO_COACH: Final = Reason(
    code="no_coach_for_language", message="no coach coaches in the referral's language"
)
_COACHES_FULL: Final = Reason(
    code="coaches_full", message="every coach for the language is fully booked"
)


def allocate_coaches(
    referrals: Iterable[CoachingReferral],
    programme: CoachingProgramme,
    *,
    at: _dt.datetime,
    starts_on: _dt.date | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> CoachAllocation:
    """
    Assign the waiting referrals of *programme* to coaches within their weekly capacity.

    The waiting referrals (referred or waitlisted) are taken in :func:`coaching_priority`
    order; each goes to a coach who coaches in its language and holds fewer coachings
    than the weekly capacity — the one with the most free places, then the smaller coach
    id — starting on *starts_on* (default: the day of *at*). A referral that finds no
    coach stays waiting with a reason (no coach for its language, every such coach full,
    the person already coached in this programme); a newly referred one is waitlisted.
    Accepted, running and finished referrals only count towards the coaches' load.

    Invariants (tested as properties): no coach above capacity; every waiting referral
    ends in exactly one of ``assignments`` and ``waiting``; the same result whatever the
    input order.

    >>> import pendulum
    >>> from jobcenter_core.coaching import Coach, CoachingProgramme, Delivery, refer
    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.needs import NeedCategory
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> waiting = [refer(programme, id=f"r-{i}", person_id=f"p-{i}", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10 + i)).referral
    ...            for i in (1, 2, 3)]
    >>> result = allocate_coaches(waiting, programme, at=at_berlin(2022, 6, 23, 9))
    >>> [(a.referral_id, a.coach_id) for a in result.assignments]
    [('r-1', 'coach-1'), ('r-2', 'coach-1')]
    >>> print(result.explain("r-3"))
    r-3: waiting, every coach for the language is fully booked (coaches_full)

    References:
        SGB II § 16 Abs. 1 with SGB III § 45.
    """
    at_instant = berlin_instant(at)
    begin = as_date(starts_on) if starts_on is not None else at_instant.date()
    items = tuple(referrals)
    _check_caseload(items, programme)

    holding: dict[str, list[CoachingReferral]] = {coach.id: [] for coach in programme.coaches}
    for r in items:
        if r.status.is_active and r.coach_id in holding:
            holding[r.coach_id].append(r)
    coached = {r.person_id for r in items if r.status.is_active}
    by_language = {code: programme.coaches_for(code) for code in programme.languages}
    full: set[str] = set()  # languages whose coaches are all booked (loads only grow here)
    queue = sorted(
        (r for r in items if r.status.is_waiting), key=_ordering(policy, at_instant.date())
    )
    updated: dict[str, CoachingReferral] = {}
    assignments: list[CoachAssignment] = []
    waiting: list[Waiting] = []
    events: list[ReferralEvent] = []
    for referral in queue:
        coaches = by_language.get(referral.language, ())
        free = (
            []
            if referral.language in full
            else [c for c in coaches if len(holding[c.id]) < c.weekly_capacity]
        )
        reason: Reason | None = None
        if referral.person_id in coached:
            reason = _ALREADY_COACHED
        elif not coaches:
            reason = _NO_COACH
        elif not free:
            full.add(referral.language)
            reason = _COACHES_FULL

        transition: ReferralTransition
        if reason is None:
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
            waiting.append(Waiting(referral_id=referral.id, reason=reason))
            if referral.status is not ReferralStatus.REFERRED:
                continue
            transition = waitlist_referral(referral, at=at_instant)
        updated[referral.id] = transition.referral
        events.extend(transition.events)
    return CoachAllocation(
        referrals=tuple(updated.get(r.id, r) for r in items),
        assignments=tuple(assignments),
        waiting=tuple(waiting),
        events=tuple(events),
    )


def _check_caseload(items: tuple[CoachingReferral, ...], programme: CoachingProgramme) -> None:
    """Ids distinct and every referral of *programme*, else ``InvalidInput`` by JSON path."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, r in enumerate(items):
        if r.id in seen:
            problems.append(Problem(f"$[{i}].id", "duplicate referral id"))
        seen.add(r.id)
        if r.programme_id != programme.id:
            problems.append(Problem(f"$[{i}].programme_id", "is not the programme's id"))
    if problems:
        raise InvalidInput(problems)
