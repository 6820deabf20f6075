"""
Allocating coaches (coaching/allocation.py): the order of the coaches' waitlist
(:func:`coaching_priority`, :data:`COACHING_ORDERINGS`) and the assignment of the
waiting referrals to coaches within their weekly capacity (:func:`allocate_coaches`, and
its plan without the transitions, :func:`coach_plan`).

Who can hardly get out because a child has no care place comes first: the coaching was
planned for them (SGB II § 10 Abs. 1 Nr. 3 and Abs. 3).

References:
    SGB II § 16 Abs. 1 with SGB III § 45; SGB II § 10 Abs. 1 Nr. 3 and Abs. 3.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final, TypeAlias

import attrs
from pendulum import Date

from jobcenter_core.coaching import _fields as fields
from jobcenter_core.coaching._matching import assign_in_order
from jobcenter_core.coaching.events import ReferralEvent
from jobcenter_core.coaching.lifecycle import accept_referral, waitlist_referral
from jobcenter_core.coaching.programme import CoachingProgramme
from jobcenter_core.coaching.referral import (
    CoachingReferral,
    ReferralStatus,
    ReferralTransition,
)
from jobcenter_core.dates import as_date, berlin_instant, instant_order, to_date
from jobcenter_core.decisions import Reason
from jobcenter_core.errors import InvalidInput, InvalidPolicy, Problem
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.validators import as_tuple, calendar_date, instance_of, items_of, non_empty

__all__ = [
    "COACHING_ORDERINGS",
    "CoachAllocation",
    "CoachAssignment",
    "PriorityKey",
    "Waiting",
    "allocate_coaches",
    "coach_plan",
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

    referral_id: str = attrs.field(validator=non_empty)
    coach_id: str = attrs.field(validator=non_empty)
    starts_on: Date = attrs.field(converter=to_date, validator=calendar_date)


@attrs.frozen(kw_only=True)
class Waiting:
    """Referral *referral_id* still waits, and *reason* says why."""

    referral_id: str = attrs.field(validator=non_empty)
    reason: Reason = attrs.field(validator=instance_of(Reason))


def _referrals(items: Iterable[CoachingReferral]) -> tuple[CoachingReferral, ...]:
    return as_tuple(items)


def _assignments(items: Iterable[CoachAssignment]) -> tuple[CoachAssignment, ...]:
    return as_tuple(items)


def _waiting(items: Iterable[Waiting]) -> tuple[Waiting, ...]:
    return as_tuple(items)


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

    referrals: tuple[CoachingReferral, ...] = attrs.field(
        converter=_referrals, validator=items_of(CoachingReferral)
    )
    assignments: tuple[CoachAssignment, ...] = attrs.field(
        converter=_assignments, validator=items_of(CoachAssignment)
    )
    waiting: tuple[Waiting, ...] = attrs.field(converter=_waiting, validator=items_of(Waiting))
    events: tuple[ReferralEvent, ...] = attrs.field(
        converter=fields.referral_events, validator=items_of(ReferralEvent)
    )

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
    code="coaches_full",
    message=(
        "every coach for the language is fully booked, with running coachings and with "
        "referrals ahead of it that no other coach could take"
    ),
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
    Assign the waiting referrals of *programme* to coaches within their weekly capacity,
    serving as many as any assignment could, the higher priority first.

    The rule, for the waiting referrals (referred or waitlisted) of persons who do not
    already hold a coaching in the programme:

    1. **Who gets a coach.** The persons are taken in :func:`coaching_priority` order (a
       person referred twice stands at the place of the better referral). Each is kept if
       some assignment within the coaches' free places and languages places everyone kept
       so far and this person too — an *augmenting path* may move someone kept to another
       coach of one of their languages, but never leaves them without one. This serves as
       many persons as any assignment could, and among those assignments the
       higher-priority persons first: nobody waits whom an assignment could serve without
       displacing someone with a better key (the greedy over augmenting paths is exact
       here because the sets of persons that can be served together form a matroid).
    2. **Which coach.** The kept persons' referrals are taken in priority order; each goes
       to the coach of its language with the most free places, then the smaller coach id,
       among those that still leave a place for every kept person not yet placed. A
       person referred twice is placed through the first referral that finds such a coach;
       the other referral waits (``already_in_coaching``).

    The assignments start on *starts_on* (default: the day of *at*); a newly referred
    referral that waits is waitlisted. Each waiting referral says why:
    ``already_in_coaching`` (the person holds or gets a coaching in this programme),
    ``no_coach_for_language`` or ``coaches_full`` (every coach of its language is fully
    booked with running coachings and with referrals ahead of it that no other coach
    could take). Accepted, running and finished referrals only count towards the coaches'
    load.

    Where the simple greedy (each referral in order to any free coach) already serves as
    many, the result is the same whenever that greedy also served the higher-priority
    referrals; otherwise this rule serves more, or the same number with higher priority.

    Invariants (tested as properties, and against brute force on small caseloads): no
    coach above capacity; every waiting referral ends in exactly one of ``assignments``
    and ``waiting``; as many served as any assignment; the priority order among those;
    the same result whatever the input order.

    >>> import pendulum
    >>> from jobcenter_core.coaching import Coach, CoachingProgramme, Delivery, refer
    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.needs import NeedCategory
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk", "ru"},
    ...     delivery=Delivery.ONLINE, sessions_per_coaching=3,
    ...     coaches=[Coach(id="coach-a", languages={"uk", "ru"}, weekly_capacity=1),
    ...              Coach(id="coach-b", languages={"uk"}, weekly_capacity=1)])
    >>> waiting = [refer(programme, id=id, person_id=f"p-{id}", referred_by="cw-1",
    ...                  reasons={NeedCategory.GERMAN_LANGUAGE}, language=language,
    ...                  limited_mobility=False, at=at_berlin(2022, 6, 22, hour)).referral
    ...            for id, language, hour in (("r-1", "uk", 9), ("r-2", "ru", 10), ("r-3", "uk", 11))]
    >>> result = allocate_coaches(waiting, programme, at=at_berlin(2022, 6, 23, 9))
    >>> [(a.referral_id, a.coach_id) for a in result.assignments]
    [('r-1', 'coach-b'), ('r-2', 'coach-a')]
    >>> print(result.explain("r-3"))
    r-3: waiting, every coach for the language is fully booked, with running coachings and with referrals ahead of it that no other coach could take (coaches_full)

    References:
        SGB II § 16 Abs. 1 with SGB III § 45.
    """
    at_instant = berlin_instant(at)
    begin = as_date(starts_on) if starts_on is not None else at_instant.date()
    items = tuple(referrals)
    _check_caseload(items, programme)
    holding, coached, queue, plan = _planned(items, programme, on=at_instant.date(), policy=policy)

    updated: dict[str, CoachingReferral] = {}
    assignments: list[CoachAssignment] = []
    waiting: list[Waiting] = []
    events: list[ReferralEvent] = []
    served = {r.person_id for r in queue if r.id in plan}
    for referral in queue:
        transition: ReferralTransition
        coach_id = plan.get(referral.id)
        if coach_id is not None:
            transition = accept_referral(
                referral,
                programme,
                coach_id=coach_id,
                starts_on=begin,
                caseload=holding[coach_id],
                at=at_instant,
            )
            holding[coach_id].append(transition.referral)
            assignments.append(
                CoachAssignment(referral_id=referral.id, coach_id=coach_id, starts_on=begin)
            )
        else:
            if referral.person_id in coached or referral.person_id in served:
                reason = _ALREADY_COACHED
            elif not programme.coaches_for(referral.language):
                reason = _NO_COACH
            else:
                reason = _COACHES_FULL
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


def coach_plan(
    referrals: Iterable[CoachingReferral],
    programme: CoachingProgramme,
    *,
    at: _dt.datetime,
    policy: Policy = DEFAULT_POLICY,
) -> Mapping[str, str]:
    """
    Which waiting referrals :func:`allocate_coaches` would give a coach at *at*, and to
    whom: referral id -> coach id, in priority order. Nothing is changed and no event is
    made: the plan of the allocation (``allocate_coaches`` carries it out), for a preview,
    or to count the referrals that would be served.

    >>> from jobcenter_core.coaching import Coach, CoachingProgramme, Delivery, refer
    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.needs import NeedCategory
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     sessions_per_coaching=3, coaches=[Coach(id="coach-a", languages={"uk"}, weekly_capacity=1)])
    >>> waiting = [refer(programme, id=id, person_id=f"p-{id}", referred_by="cw-1",
    ...                  reasons={NeedCategory.GERMAN_LANGUAGE}, language="uk",
    ...                  limited_mobility=False, at=at_berlin(2022, 6, 22, hour)).referral
    ...            for id, hour in (("r-1", 10), ("r-2", 9))]
    >>> coach_plan(waiting, programme, at=at_berlin(2022, 6, 23, 9))
    {'r-2': 'coach-a'}

    References:
        SGB II § 16 Abs. 1 with SGB III § 45.
    """
    at_instant = berlin_instant(at)
    items = tuple(referrals)
    _check_caseload(items, programme)
    return _planned(items, programme, on=at_instant.date(), policy=policy)[3]


def _planned(
    items: tuple[CoachingReferral, ...],
    programme: CoachingProgramme,
    *,
    on: _dt.date,
    policy: Policy,
) -> tuple[dict[str, list[CoachingReferral]], set[str], list[CoachingReferral], dict[str, str]]:
    """
    The allocation's plan on day *on*: the referrals each coach holds, the persons
    holding a coaching, the waiting referrals in priority order, and referral id -> coach
    id for those that get a coach.
    """
    holding: dict[str, list[CoachingReferral]] = {coach.id: [] for coach in programme.coaches}
    for r in items:
        if r.status.is_active and r.coach_id in holding:
            holding[r.coach_id].append(r)
    coached = {r.person_id for r in items if r.status.is_active}
    queue = sorted((r for r in items if r.status.is_waiting), key=_ordering(policy, on))
    free = {c.id: max(0, c.weekly_capacity - len(holding[c.id])) for c in programme.coaches}
    plan = _assign(tuple(r for r in queue if r.person_id not in coached), programme, free)
    return holding, coached, queue, plan


def _assign(
    queue: Sequence[CoachingReferral], programme: CoachingProgramme, free: Mapping[str, int]
) -> dict[str, str]:
    """
    Rules 1 and 2 of :func:`allocate_coaches` by the matching engine: referral id -> coach
    id for the referrals that get a coach. *queue* is in priority order; *free* the free
    places per coach. Checked against :func:`_assign_readable` by differential tests.
    """
    return assign_in_order(
        [(r.id, r.person_id, r.language) for r in queue],
        [(c.id, c.languages & programme.languages, free[c.id]) for c in programme.coaches],
    )


# --- the readable rule (the specification of the engine) --------------------------------


def _assign_readable(
    queue: Sequence[CoachingReferral], programme: CoachingProgramme, free: Mapping[str, int]
) -> dict[str, str]:
    """Rules 1 and 2 of :func:`allocate_coaches`, as written there: the specification."""
    referrals_of: dict[str, list[CoachingReferral]] = {}
    for r in queue:  # persons in the order of their best referral
        referrals_of.setdefault(r.person_id, []).append(r)

    # 1. Who gets a coach: persons in priority order, each kept if an augmenting path
    #    places them without unplacing anyone kept.
    kept: list[str] = []
    for person in referrals_of:
        if _can_place([*kept, person], referrals_of, programme, free):
            kept.append(person)

    # 2. Which coach: referrals in priority order, the coach with the most free places
    #    (then the smaller id) that still leaves a place for every kept person.
    left = dict(free)
    unplaced = set(kept)
    plan: dict[str, str] = {}
    for r in queue:
        if r.person_id not in unplaced:
            continue
        coaches = [c for c in programme.coaches_for(r.language) if left[c.id] > 0]
        for coach in sorted(coaches, key=lambda c: (-left[c.id], c.id)):
            left[coach.id] -= 1
            rest = [p for p in kept if p in unplaced and p != r.person_id]
            if _can_place(rest, referrals_of, programme, left):
                plan[r.id] = coach.id
                unplaced.remove(r.person_id)
                break
            left[coach.id] += 1
    return plan


def _can_place(
    persons: Sequence[str],
    referrals_of: Mapping[str, Sequence[CoachingReferral]],
    programme: CoachingProgramme,
    free: Mapping[str, int],
) -> bool:
    """
    Whether every one of *persons* can have a coach of one of their referrals' languages
    at once, within *free* places: bipartite matching by augmenting paths (a person moves
    to another coach to make room, and so on, as long as nobody is left without one).
    """
    holders: dict[str, list[str]] = {c.id: [] for c in programme.coaches}

    def place(person: str, tried: set[str]) -> bool:
        for r in referrals_of[person]:
            for coach in programme.coaches_for(r.language):
                if coach.id in tried:
                    continue
                tried.add(coach.id)
                here = holders[coach.id]
                if len(here) < free[coach.id]:
                    here.append(person)
                    return True
                for other in list(here):
                    if place(other, tried):
                        here.remove(other)
                        here.append(person)
                        return True
        return False

    return all(place(person, set()) for person in persons)


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
