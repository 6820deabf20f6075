"""
The roster commands: open an offer, register, cancel, confirm, decline, expire, add a
session, move a person. Each is a function ``(state, …, *, at) -> Transition``.

The policy they keep (DESIGN.md):

* a registration passes the same checks as in batch allocation
  (:mod:`~jobcenter_core.enrolment.admission`) and then takes its most preferred session
  with a free seat, unless someone eligible for that seat already waits; else it waits;
* a freed seat (a cancellation, a declined or lapsed seat offer, a move, a new session)
  is offered to the head of the waitlist — the best order key that may take it — and
  held for ``policy.seat_offer_hold`` (48 hours); a freed seat is never taken by a
  newcomer while someone waits;
* the person confirms within the hold and takes the seat, or declines, or lets the hold
  lapse (:func:`expire`), and the seat passes on to whoever waits next;
* a registration that ended (cancelled, declined, lapsed, rejected) never comes back;
* time never runs backwards: a command dated before the roster's latest event (a
  registration by its ``registered_at``) is refused, so the events replay as they
  happened.

A command that is not allowed in the registration's status, or dated before the latest
event, raises :class:`~jobcenter_core.errors.InvalidTransition`.

>>> from jobcenter_core.dates import at_berlin
>>> from jobcenter_core.offers import GroupOffer, Session, Venue
>>> from jobcenter_core.enrolment import Registration
>>> s = Session(id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=1)
>>> state = open_offer(GroupOffer(id="o", title="t", sessions=(s,)), caseworkers=["cw"]).state
>>> for i in range(2):
...     state = register(state, Registration(id=f"r-{i}", person_id=f"p-{i}", offer_id="o",
...         registered_by="cw", registered_at=at_berlin(2022, 6, 13, 9 + i))).state
>>> t = cancel(state, "r-0", at=at_berlin(2022, 6, 15, 10))
>>> [(type(e).__name__, e.registration_id) for e in t.events]
[('Cancelled', 'r-0'), ('SeatOffered', 'r-1')]

References:
    SGB II § 16 Abs. 1 with SGB III § 45.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Collection, Iterable

from pendulum import DateTime

from jobcenter_core.dates import berlin_instant, instant_order
from jobcenter_core.enrolment.admission import may_take_part
from jobcenter_core.enrolment.events import (
    Cancelled,
    Confirmed,
    Declined,
    Moved,
    OfferOpened,
    Placed,
    Registered,
    RegistrationStatus,
    Rejected,
    RosterEntry,
    SeatOffered,
    SeatOfferExpired,
    SessionAdded,
    Waitlisted,
)
from jobcenter_core.enrolment.registration import (
    ANYONE,
    Commitment,
    Registrars,
    Registration,
    preference_order,
    registrars,
)
from jobcenter_core.enrolment.roster import OfferState, RosterDraft, Transition, opened
from jobcenter_core.errors import InvalidTransition
from jobcenter_core.offers import Candidate, GroupOffer, Session
from jobcenter_core.parameters import DEFAULT_POLICY, Policy

__all__ = [
    "add_session",
    "cancel",
    "confirm",
    "decline",
    "expire",
    "move_session",
    "open_offer",
    "register",
]

_ACTIVE = frozenset(
    {RegistrationStatus.PLACED, RegistrationStatus.WAITING, RegistrationStatus.OFFERED}
)


def open_offer(
    offer: GroupOffer,
    *,
    commitments: Iterable[Commitment] = (),
    caseworkers: Registrars,
) -> Transition:
    """
    Open the roster of *offer*: every seat free, nobody waiting.

    *caseworkers* says who may register, and must be given: the case workers' ids (a
    registration by anyone else is rejected, ``not_registered_by_caseworker``), or
    :data:`~jobcenter_core.enrolment.ANYONE` for open registration (the roster then
    stores ``caseworkers=None``). *commitments* are seats people hold elsewhere.

    >>> from jobcenter_core.offers import GroupOffer
    >>> t = open_offer(GroupOffer(id="o", title="t"), caseworkers=["cw-1"])
    >>> t.state.caseworkers, type(t.events[0]).__name__
    (frozenset({'cw-1'}), 'OfferOpened')
    >>> from jobcenter_core.enrolment import ANYONE
    >>> open_offer(GroupOffer(id="o", title="t"), caseworkers=ANYONE).state.caseworkers is None
    True
    """
    event = OfferOpened(
        offer=offer, commitments=tuple(commitments), caseworkers=registrars(caseworkers)
    )
    return Transition(state=opened(event), events=(event,))


def register(
    state: OfferState,
    registration: Registration,
    *,
    candidate: Candidate | None = None,
    on: _dt.date | None = None,
    policy: Policy = DEFAULT_POLICY,
    at: _dt.datetime | None = None,
) -> Transition:
    """
    Register a person: rejected (the checks of :func:`~jobcenter_core.enrolment.allocate`),
    placed in the most preferred session that has a free seat and nobody eligible for it
    waiting, or waitlisted.

    The instant of the events is *at*, when the roster records the registration: by
    default the registration's ``registered_at``. A registration the roster learns of
    late (made before the roster's latest event: an import in key order, a late entry)
    is recorded with a later *at*; its ``registered_at`` still sets its place in the
    order key. An *at* before the roster's latest event, or before ``registered_at``, is
    refused with :class:`~jobcenter_core.errors.InvalidTransition`: time in a roster
    never runs backwards.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.offers import GroupOffer, Session, Venue
    >>> s = Session(id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=1)
    >>> state = open_offer(GroupOffer(id="o", title="t", sessions=(s,)), caseworkers=["cw"]).state
    >>> regs = [Registration(id=f"r-{i}", person_id=f"p-{i}", offer_id="o", registered_by="cw",
    ...                      registered_at=at_berlin(2022, 6, 13, 9 + i)) for i in range(2)]
    >>> first = register(state, regs[0])
    >>> [type(e).__name__ for e in first.events]
    ['Registered', 'Placed']
    >>> [type(e).__name__ for e in register(first.state, regs[1]).events]
    ['Registered', 'Waitlisted']

    References:
        SGB II § 16 Abs. 1 with SGB III § 45.
    """
    r = registration
    d = RosterDraft(state)
    known = d.entries.get(r.id)
    if known is not None:
        raise InvalidTransition(
            status=known.status.value, command="register", detail="registration id already known"
        )
    at = r.registered_at if at is None else berlin_instant(at)
    _not_before_latest(state, at, "register")
    if _before(at, r.registered_at):
        raise InvalidTransition(
            status="open",
            command="register",
            detail=f"recorded at {at.isoformat()}, before it was made at "
            f"{r.registered_at.isoformat()}",
        )
    admitted = may_take_part(
        r,
        d.offer,
        session_ids=d.sessions,
        caseworkers=ANYONE if state.caseworkers is None else state.caseworkers,
        candidate=candidate,
        on=on,
        policy=policy,
        registered_as=d.active.get(r.person_id),
    )
    d.record(Registered(registration=r, presumed=admitted.missing))
    if not admitted.value:
        d.record(Rejected(registration_id=r.id, reasons=admitted.reasons, at=at))
        return d.transition()
    for session in preference_order(d.offer)(r):
        if (
            d.free(session.id) > 0
            and not d.clashes(r.person_id, session)
            and d.head(session) is None
        ):
            d.record(Placed(registration_id=r.id, session_id=session.id, at=at))
            break
    else:
        d.record(Waitlisted(registration_id=r.id, at=at))
    return d.transition()


def cancel(
    state: OfferState, registration_id: str, *, at: _dt.datetime, policy: Policy = DEFAULT_POLICY
) -> Transition:
    """
    Cancel a registration (placed, waiting or holding a seat offer). A seat it frees is
    offered to the head of the waitlist, never to a newcomer; a cancelled registration
    never comes back.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.offers import GroupOffer, Session, Venue
    >>> s = Session(id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=1)
    >>> state = open_offer(GroupOffer(id="o", title="t", sessions=(s,)), caseworkers=["cw"]).state
    >>> for i in range(2):
    ...     state = register(state, Registration(id=f"r-{i}", person_id=f"p-{i}", offer_id="o",
    ...         registered_by="cw", registered_at=at_berlin(2022, 6, 13, 9 + i))).state
    >>> t = cancel(state, "r-0", at=at_berlin(2022, 6, 15, 10))
    >>> [type(e).__name__ for e in t.events], t.state.seat_offers()[0].until.isoformat()
    (['Cancelled', 'SeatOffered'], '2022-06-17T10:00:00+02:00')
    """
    instant = berlin_instant(at)
    _not_before_latest(state, instant, "cancel")
    d = RosterDraft(state)
    entry = _entry_for(d, registration_id, "cancel", _ACTIVE)
    d.record(Cancelled(registration_id=registration_id, at=instant))
    if entry.session_id is not None:  # it held a seat or a seat offer
        _offer_free_seats(d, d.sessions[entry.session_id], at=instant, policy=policy)
    return d.transition()


def confirm(state: OfferState, registration_id: str, *, at: _dt.datetime) -> Transition:
    """
    Confirm a seat offer before its hold ends: the registration takes the seat.

    ``InvalidTransition`` when there is no open seat offer or its hold has passed.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.offers import GroupOffer, Session, Venue
    >>> s = Session(id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=1)
    >>> state = open_offer(GroupOffer(id="o", title="t", sessions=(s,)), caseworkers=["cw"]).state
    >>> for i in range(3):
    ...     state = register(state, Registration(id=f"r-{i}", person_id=f"p-{i}", offer_id="o",
    ...         registered_by="cw", registered_at=at_berlin(2022, 6, 13, 9 + i))).state
    >>> state = cancel(state, "r-0", at=at_berlin(2022, 6, 15, 10)).state
    >>> confirm(state, "r-1", at=at_berlin(2022, 6, 16, 9)).state.status("r-1")
    <RegistrationStatus.PLACED: 'placed'>
    """
    instant = berlin_instant(at)
    _not_before_latest(state, instant, "confirm")
    d = RosterDraft(state)
    entry = _entry_for(d, registration_id, "confirm", {RegistrationStatus.OFFERED})
    assert entry.session_id is not None and entry.hold_until is not None
    if not _before(instant, entry.hold_until):
        raise InvalidTransition(
            status=entry.status.value,
            command="confirm",
            detail=f"the seat offer lapsed at {entry.hold_until.isoformat()}",
        )
    d.record(Confirmed(registration_id=registration_id, session_id=entry.session_id, at=instant))
    return d.transition()


def decline(
    state: OfferState, registration_id: str, *, at: _dt.datetime, policy: Policy = DEFAULT_POLICY
) -> Transition:
    """
    Decline a seat offer: the registration ends and the seat passes to the next person
    waiting.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.offers import GroupOffer, Session, Venue
    >>> s = Session(id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=1)
    >>> state = open_offer(GroupOffer(id="o", title="t", sessions=(s,)), caseworkers=["cw"]).state
    >>> for i in range(3):
    ...     state = register(state, Registration(id=f"r-{i}", person_id=f"p-{i}", offer_id="o",
    ...         registered_by="cw", registered_at=at_berlin(2022, 6, 13, 9 + i))).state
    >>> state = cancel(state, "r-0", at=at_berlin(2022, 6, 15, 10)).state
    >>> t = decline(state, "r-1", at=at_berlin(2022, 6, 15, 12))
    >>> [(type(e).__name__, e.registration_id) for e in t.events]
    [('Declined', 'r-1'), ('SeatOffered', 'r-2')]
    """
    instant = berlin_instant(at)
    _not_before_latest(state, instant, "decline")
    d = RosterDraft(state)
    entry = _entry_for(d, registration_id, "decline", {RegistrationStatus.OFFERED})
    assert entry.session_id is not None
    d.record(Declined(registration_id=registration_id, session_id=entry.session_id, at=instant))
    _offer_free_seats(d, d.sessions[entry.session_id], at=instant, policy=policy)
    return d.transition()


def expire(state: OfferState, *, at: _dt.datetime, policy: Policy = DEFAULT_POLICY) -> Transition:
    """
    Let every seat offer whose hold ended by *at* lapse, passing each seat on to the
    next person waiting (whose new hold starts at *at*).

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.offers import GroupOffer, Session, Venue
    >>> s = Session(id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=1)
    >>> state = open_offer(GroupOffer(id="o", title="t", sessions=(s,)), caseworkers=["cw"]).state
    >>> for i in range(3):
    ...     state = register(state, Registration(id=f"r-{i}", person_id=f"p-{i}", offer_id="o",
    ...         registered_by="cw", registered_at=at_berlin(2022, 6, 13, 9 + i))).state
    >>> state = cancel(state, "r-0", at=at_berlin(2022, 6, 15, 10)).state
    >>> t = expire(state, at=at_berlin(2022, 6, 17, 10))
    >>> [(type(e).__name__, e.registration_id) for e in t.events]
    [('SeatOfferExpired', 'r-1'), ('SeatOffered', 'r-2')]
    """
    instant = berlin_instant(at)
    _not_before_latest(state, instant, "expire")
    d = RosterDraft(state)
    lapsed = []
    for (hold_ends, _), registration_id in d.seat_offers.items():  # earliest end first
        if hold_ends > instant_order(instant):
            break
        lapsed.append(d.entry(registration_id))
    if not lapsed:
        return Transition(state=state, events=())
    for entry in lapsed:
        assert entry.session_id is not None
        d.record(
            SeatOfferExpired(
                registration_id=entry.registration.id, session_id=entry.session_id, at=instant
            )
        )
        _offer_free_seats(d, d.sessions[entry.session_id], at=instant, policy=policy)
    return d.transition()


def add_session(
    state: OfferState, session: Session, *, at: _dt.datetime, policy: Policy = DEFAULT_POLICY
) -> Transition:
    """
    Add *session* to the offer and offer its seats to the waitlist in key order (the
    second date of 30 June 2022). Everyone waiting may take the new session, since
    nobody could rank it when registering.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.offers import GroupOffer, Session, Venue
    >>> s = Session(id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=1)
    >>> state = open_offer(GroupOffer(id="o", title="t", sessions=(s,)), caseworkers=["cw"]).state
    >>> for i in range(3):
    ...     state = register(state, Registration(id=f"r-{i}", person_id=f"p-{i}", offer_id="o",
    ...         registered_by="cw", registered_at=at_berlin(2022, 6, 13, 9 + i))).state
    >>> june_30 = Session(id="s-2", start=at_berlin(2022, 6, 30, 9), end=at_berlin(2022, 6, 30, 12),
    ...                   venue=s.venue, capacity=5)
    >>> t = add_session(state, june_30, at=at_berlin(2022, 6, 17, 9))
    >>> [type(e).__name__ for e in t.events]
    ['SessionAdded', 'SeatOffered', 'SeatOffered']
    >>> t.state.free("s-2"), t.state.held("s-2")
    (3, 2)
    """
    instant = berlin_instant(at)
    _not_before_latest(state, instant, "add_session")
    d = RosterDraft(state)
    if session.id in d.sessions:
        raise InvalidTransition(
            status="open", command="add_session", detail="the offer already has that session id"
        )
    d.record(SessionAdded(session=session, at=instant))
    _offer_free_seats(d, session, at=instant, policy=policy)
    return d.transition()


def move_session(
    state: OfferState,
    registration_id: str,
    session_id: str,
    *,
    at: _dt.datetime,
    policy: Policy = DEFAULT_POLICY,
) -> Transition:
    """
    Move a placed person to another session with a free seat; the seat left behind is
    offered to the waitlist.

    ``InvalidTransition`` when the registration holds no seat, or the target is unknown,
    the same session, full, or overlaps a seat the person holds elsewhere.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.offers import GroupOffer, Session, Venue
    >>> s = Session(id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=1)
    >>> state = open_offer(GroupOffer(id="o", title="t", sessions=(s,)), caseworkers=["cw"]).state
    >>> for i in range(3):
    ...     state = register(state, Registration(id=f"r-{i}", person_id=f"p-{i}", offer_id="o",
    ...         registered_by="cw", registered_at=at_berlin(2022, 6, 13, 9 + i))).state
    >>> june_30 = Session(id="s-2", start=at_berlin(2022, 6, 30, 9), end=at_berlin(2022, 6, 30, 12),
    ...                   venue=s.venue, capacity=5)
    >>> state = add_session(state, june_30, at=at_berlin(2022, 6, 14, 9)).state
    >>> t = move_session(state, "r-0", "s-2", at=at_berlin(2022, 6, 15, 9))
    >>> t.state.session_of("r-0"), [o.session_id for o in t.state.seat_offers()]
    ('s-2', ['s-2', 's-2'])
    """
    instant = berlin_instant(at)
    _not_before_latest(state, instant, "move_session")
    d = RosterDraft(state)
    entry = _entry_for(d, registration_id, "move_session", {RegistrationStatus.PLACED})
    assert entry.session_id is not None
    if session_id not in d.sessions or session_id == entry.session_id:
        raise InvalidTransition(
            status="placed", command="move_session", detail="unknown or same session"
        )
    target = d.sessions[session_id]
    if d.free(session_id) <= 0 or d.clashes(entry.registration.person_id, target):
        raise InvalidTransition(
            status="placed", command="move_session", detail="no free seat the person can take"
        )
    d.record(
        Moved(
            registration_id=registration_id,
            from_session_id=entry.session_id,
            to_session_id=session_id,
            at=instant,
        )
    )
    _offer_free_seats(d, d.sessions[entry.session_id], at=instant, policy=policy)
    return d.transition()


def _offer_free_seats(d: RosterDraft, session: Session, *, at: DateTime, policy: Policy) -> None:
    """Offer each free seat of *session* to the head of the waitlist, held from *at*."""
    until: DateTime | None = None
    while d.free(session.id) > 0:
        head = d.head(session)
        if head is None:
            break
        if until is None:
            until = at + policy.seat_offer_hold.at(at.date())
        d.record(SeatOffered(registration_id=head.id, session_id=session.id, at=at, until=until))


def _entry_for(
    d: RosterDraft,
    registration_id: str,
    command: str,
    statuses: Collection[RegistrationStatus],
) -> RosterEntry:
    """The entry *command* acts on, which must have one of *statuses*."""
    entry = d.entries.get(registration_id)
    if entry is None:
        raise InvalidTransition(status="unknown", command=command, detail="no such registration")
    if entry.status not in statuses:
        raise InvalidTransition(status=entry.status.value, command=command)
    return entry


def _not_before_latest(state: OfferState, instant: DateTime, command: str) -> None:
    """Refuse *command* dated *instant* when the roster's latest event came after it."""
    latest = state.as_of
    if latest is not None and _before(instant, latest):
        raise InvalidTransition(
            status="open",
            command=command,
            detail=f"dated {instant.isoformat()}, before the roster's latest event at "
            f"{latest.isoformat()}: time in a roster never runs backwards",
        )


def _before(instant: DateTime, other: DateTime) -> bool:
    """Whether *instant* came before *other* (also in the hour the clocks go back)."""
    return instant_order(instant) < instant_order(other)
