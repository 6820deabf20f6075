"""
The incremental roster of one group offer: :class:`OfferState`, what a command returns
(:class:`Transition`), and how each event changes a roster (:func:`replay`).

A roster knows every registration it has seen and where it stands
(:class:`~jobcenter_core.enrolment.RosterEntry`): holding a seat, holding a seat offer,
waiting, or ended (cancelled, declined, lapsed, rejected). The commands that change it
are in :mod:`~jobcenter_core.enrolment.commands`; each returns the new state and the
events that lead there, and :func:`replay` rebuilds the state from those events. States
never change, so an old state stays valid.

>>> from jobcenter_core.offers import GroupOffer
>>> from jobcenter_core.enrolment import open_offer
>>> t = open_offer(GroupOffer(id="o", title="t"), caseworkers=["cw"])
>>> replay(t.events) == t.state
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple

import attrs
from pendulum import DateTime

from jobcenter_core.dates import berlin_instant, instant_order, optional_instant
from jobcenter_core.decisions import Reason
from jobcenter_core.enrolment import _fields as fields
from jobcenter_core.enrolment._persistent import SortedMap
from jobcenter_core.enrolment.allocation import Rejection
from jobcenter_core.enrolment.events import (
    EVENT_TYPES,
    Cancelled,
    Confirmed,
    Declined,
    Event,
    Moved,
    OfferOpened,
    Placed,
    Registered,
    RegistrationStatus,
    Rejected,
    RosterEntry,
    SeatOffer,
    SeatOffered,
    SeatOfferExpired,
    SessionAdded,
    Waitlisted,
    caseworker_ids,
)
from jobcenter_core.enrolment.registration import (
    Commitment,
    OrderKey,
    Registration,
    commitments_by_person,
    order_key,
)
from jobcenter_core.errors import InvalidInput, InvalidTransition, Problem, UnknownId
from jobcenter_core.offers import GroupOffer, Session
from jobcenter_core.validators import (
    as_tuple,
    aware_instant,
    instance_of,
    items_of,
    optional,
    whole_number,
)

__all__ = ["OfferState", "RosterSnapshot", "Transition", "replay"]

PLACED = RegistrationStatus.PLACED
WAITING = RegistrationStatus.WAITING
OFFERED = RegistrationStatus.OFFERED

ANY_SESSION = ""
"""The queue of those who wait for any session (a session id is never empty)."""


def _roster_entries(items: Iterable[RosterEntry]) -> tuple[RosterEntry, ...]:
    return as_tuple(items)


def _events(items: Iterable[Event]) -> tuple[Event, ...]:
    return as_tuple(items)


# The validators of the fields a roster and its snapshot share.
_OFFER = instance_of(GroupOffer)
_COMMITMENTS = items_of(Commitment)
_CASEWORKERS = optional(items_of(str))
_AS_OF = optional(aware_instant)


@attrs.frozen(kw_only=True)
class RosterSnapshot:
    """
    The facts of an :class:`OfferState`, from which the whole roster can be rebuilt:
    what :meth:`OfferState.snapshot` returns and :meth:`OfferState.from_snapshot` reads
    (and the JSON form of an ``OfferState``).

    Attributes:
        offer: the offer with every session, those added since it opened included.
        commitments: seats people hold elsewhere.
        caseworkers: the ids allowed to register, or ``None`` (presumed).
        as_of: the instant of the latest event, or ``None`` before the first.
        entries: every registration the roster has seen and where it stands; a
            snapshot lists them in registration id order.

    >>> from jobcenter_core.offers import GroupOffer
    >>> from jobcenter_core.enrolment import open_offer
    >>> state = open_offer(GroupOffer(id="o", title="t"), caseworkers=["cw-1"]).state
    >>> snapshot = state.snapshot()
    >>> snapshot.caseworkers, snapshot.entries
    (frozenset({'cw-1'}), ())
    >>> OfferState.from_snapshot(snapshot) == state
    True
    """

    offer: GroupOffer = attrs.field(validator=_OFFER)
    commitments: tuple[Commitment, ...] = attrs.field(
        default=(), converter=fields.commitments, validator=_COMMITMENTS
    )
    caseworkers: frozenset[str] | None = attrs.field(
        default=None, converter=caseworker_ids, validator=_CASEWORKERS
    )
    as_of: DateTime | None = attrs.field(default=None, converter=optional_instant, validator=_AS_OF)
    entries: tuple[RosterEntry, ...] = attrs.field(
        default=(), converter=_roster_entries, validator=items_of(RosterEntry)
    )


class Seats(NamedTuple):
    """The seats of one session that are taken (*booked*) and held by seat offers."""

    booked: int = 0
    held: int = 0


Queue = SortedMap[OrderKey, Registration]
"""Registrations waiting, by order key: the first is served first."""


def _sessions_of(state: OfferState) -> SortedMap[str, Session]:
    return SortedMap.of((s.id, s) for s in state.offer.sessions)


def _empty_seats_of(state: OfferState) -> SortedMap[str, Seats]:
    return SortedMap.of((s.id, Seats()) for s in state.offer.sessions)


def _commitments_of(state: OfferState) -> SortedMap[str, tuple[Commitment, ...]]:
    return SortedMap.of(commitments_by_person(state.commitments))


@attrs.frozen(kw_only=True)
class OfferState:
    """
    The roster of one group offer: who holds a seat, who holds a seat offer, who waits.

    Build it with :func:`~jobcenter_core.enrolment.open_offer` and change it only with
    the commands :func:`~jobcenter_core.enrolment.register`,
    :func:`~jobcenter_core.enrolment.cancel`, :func:`~jobcenter_core.enrolment.confirm`,
    :func:`~jobcenter_core.enrolment.decline`, :func:`~jobcenter_core.enrolment.expire`,
    :func:`~jobcenter_core.enrolment.add_session` and
    :func:`~jobcenter_core.enrolment.move_session`, each returning a :class:`Transition`.
    Old states stay valid and unchanged.

    Besides its entries, a state keeps indexes that follow from them, so that a command
    takes O(log n) for n registrations seen: each person's active registration, the seats
    taken and held per session, the queue of each session (those who ranked it and wait,
    in key order) and of those waiting for any session, and the open seat offers by the
    end of their hold. All are persistent sorted maps, shared between a state and the
    next. Two states are equal when their facts (offer, commitments, case workers,
    ``as_of`` and every entry) are; the indexes follow from them.

    Invariants: per session ``free + booked + held == capacity``; a free seat exists only
    while nobody eligible for it waits.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.offers import GroupOffer, Session, Venue
    >>> from jobcenter_core.enrolment import open_offer
    >>> s = Session(id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=1)
    >>> state = open_offer(GroupOffer(id="o", title="t", sessions=(s,)), caseworkers=["cw"]).state
    >>> state.free("s-1"), state.waiting_count
    (1, 0)
    """

    offer: GroupOffer = attrs.field(validator=_OFFER)
    commitments: tuple[Commitment, ...] = attrs.field(
        default=(), converter=fields.commitments, validator=_COMMITMENTS
    )
    caseworkers: frozenset[str] | None = attrs.field(
        default=None, converter=caseworker_ids, validator=_CASEWORKERS
    )
    as_of: DateTime | None = attrs.field(default=None, converter=optional_instant, validator=_AS_OF)
    waiting_count: int = attrs.field(default=0, validator=whole_number(minimum=0))
    # Every registration seen and where it stands, by registration id.
    _entries: SortedMap[str, RosterEntry] = attrs.field(factory=SortedMap, repr=False)
    # The indexes, which follow from the entries:
    # person id -> the id of their active registration (placed, waiting or offered);
    _active: SortedMap[str, str] = attrs.field(factory=SortedMap, repr=False, eq=False)
    # session id -> seats booked and held;
    _seats: SortedMap[str, Seats] = attrs.field(
        default=attrs.Factory(_empty_seats_of, takes_self=True), repr=False, eq=False
    )
    # session id (or ANY_SESSION) -> the registrations waiting in its queue;
    _queues: SortedMap[str, Queue] = attrs.field(factory=SortedMap, repr=False, eq=False)
    # (end of the hold, registration id) -> registration id of each open seat offer;
    _seat_offers: SortedMap[tuple[float, str], str] = attrs.field(
        factory=SortedMap, repr=False, eq=False
    )
    # session id -> session; person id -> their commitments.
    _sessions: SortedMap[str, Session] = attrs.field(
        default=attrs.Factory(_sessions_of, takes_self=True), repr=False, eq=False
    )
    _commitments_by_person: SortedMap[str, tuple[Commitment, ...]] = attrs.field(
        default=attrs.Factory(_commitments_of, takes_self=True), repr=False, eq=False
    )

    # snapshots ----------------------------------------------------------------------------

    def snapshot(self) -> RosterSnapshot:
        """
        The roster's facts, entries in registration id order (O(n)); equal states give
        equal snapshots.

        >>> from jobcenter_core.dates import at_berlin
        >>> from jobcenter_core.offers import GroupOffer
        >>> from jobcenter_core.enrolment import Registration, open_offer, register
        >>> state = open_offer(GroupOffer(id="o", title="t"), caseworkers=["cw"]).state
        >>> r = Registration(id="r-1", person_id="p-1", offer_id="o", registered_by="cw",
        ...                  registered_at=at_berlin(2022, 6, 13, 9))
        >>> [(e.registration.id, e.status.value) for e in register(state, r).state.snapshot().entries]
        [('r-1', 'waiting')]
        """
        return RosterSnapshot(
            offer=self.offer,
            commitments=self.commitments,
            caseworkers=self.caseworkers,
            as_of=self.as_of,
            entries=self._entries.values(),
        )

    @classmethod
    def from_snapshot(cls, snapshot: RosterSnapshot) -> OfferState:
        """
        The roster *snapshot* describes, equal to the state it was taken from (O(n log n)).

        Entries may come in any order. A snapshot no roster can be in — a registration id
        twice, a person active twice, a seat in an unknown session, a session over
        capacity, a hold without a seat offer … — raises
        :class:`~jobcenter_core.errors.InvalidInput` listing every problem by path
        (``$.entries[2].session_id``).

        >>> from jobcenter_core.dates import at_berlin
        >>> from jobcenter_core.offers import GroupOffer
        >>> from jobcenter_core.enrolment import Registration, RegistrationStatus, RosterEntry
        >>> r = Registration(id="r-1", person_id="p-1", offer_id="o", registered_by="cw",
        ...                  registered_at=at_berlin(2022, 6, 13, 9))
        >>> OfferState.from_snapshot(RosterSnapshot(offer=GroupOffer(id="o", title="t"),
        ...     entries=[RosterEntry(registration=r, status=RegistrationStatus.PLACED)]))
        Traceback (most recent call last):
        ...
        jobcenter_core.errors.InvalidInput: 1 problem in input:
          $.entries[0].session_id: required for a placed or offered registration
        """
        entries = _checked_entries(snapshot)
        draft = RosterDraft(
            OfferState(
                offer=snapshot.offer,
                commitments=snapshot.commitments,
                caseworkers=snapshot.caseworkers,
                as_of=snapshot.as_of,
            )
        )
        for entry in entries:
            draft.add(entry)
        return draft.state()

    # queries ------------------------------------------------------------------------------

    def entry(self, registration_id: str) -> RosterEntry:
        """
        Where *registration_id* stands; :class:`~jobcenter_core.errors.UnknownId` (a
        ``KeyError``) for a registration the roster never saw. (A *command* on such an
        id, such as :func:`~jobcenter_core.enrolment.cancel`, is an
        :class:`~jobcenter_core.errors.InvalidTransition`.)

        >>> from jobcenter_core.offers import GroupOffer
        >>> from jobcenter_core.enrolment import open_offer
        >>> open_offer(GroupOffer(id="o", title="t"), caseworkers=["cw"]).state.entry("r-1")
        Traceback (most recent call last):
        ...
        jobcenter_core.errors.UnknownId: unknown registration id
        """
        entry = self._entries.get(registration_id)
        if entry is None:
            raise UnknownId("registration id")
        return entry

    def status(self, registration_id: str) -> RegistrationStatus:
        """The status of *registration_id* (:class:`~jobcenter_core.errors.UnknownId` if unknown)."""
        return self.entry(registration_id).status

    def session_of(self, registration_id: str) -> str | None:
        """The session *registration_id* holds a seat or a seat offer in, or ``None``."""
        return self.entry(registration_id).session_id

    def _seats_of(self, session_id: str) -> Seats:
        seats = self._seats.get(session_id)
        if seats is None:
            raise UnknownId("session id")
        return seats

    def booked(self, session_id: str) -> int:
        """
        Seats taken in *session_id* (placed or confirmed);
        :class:`~jobcenter_core.errors.UnknownId` for a session the offer does not have.

        >>> from jobcenter_core.offers import GroupOffer
        >>> from jobcenter_core.enrolment import open_offer
        >>> open_offer(GroupOffer(id="o", title="t"), caseworkers=["cw"]).state.booked("nope")
        Traceback (most recent call last):
        ...
        jobcenter_core.errors.UnknownId: unknown session id
        """
        return self._seats_of(session_id).booked

    def held(self, session_id: str) -> int:
        """Seats held by open seat offers in *session_id* (``UnknownId`` if unknown)."""
        return self._seats_of(session_id).held

    def free(self, session_id: str) -> int:
        """Seats neither taken nor held in *session_id* (``UnknownId`` if unknown)."""
        booked, held = self._seats_of(session_id)
        return self._sessions[session_id].capacity - booked - held

    def _having(self, status: RegistrationStatus) -> Iterator[RosterEntry]:
        return (e for e in self._entries.values() if e.status is status)

    def waitlist(self) -> tuple[Registration, ...]:
        """The waiting registrations in key order (O(n log n): a query, not a transition)."""
        return tuple(sorted((e.registration for e in self._having(WAITING)), key=order_key))

    def placements(self) -> tuple[tuple[str, tuple[Registration, ...]], ...]:
        """``(session id, registrations holding a seat in key order)`` per session."""
        by_session: dict[str, list[Registration]] = {s.id: [] for s in self.offer.sessions}
        for e in self._having(PLACED):
            assert e.session_id is not None
            by_session[e.session_id].append(e.registration)
        return tuple(
            (sid, tuple(sorted(placed, key=order_key))) for sid, placed in by_session.items()
        )

    def rejections(self) -> tuple[Rejection, ...]:
        """The rejected registrations with reasons, in key order."""
        found = [
            Rejection(registration=e.registration, reasons=e.reasons)
            for e in self._having(RegistrationStatus.REJECTED)
        ]
        return tuple(sorted(found, key=lambda rejection: order_key(rejection.registration)))

    def seat_offers(self) -> tuple[SeatOffer, ...]:
        """The open seat offers, earliest end of hold first."""
        found = []
        for registration_id in self._seat_offers.values():
            entry = self._entries[registration_id]
            assert entry.session_id is not None and entry.hold_until is not None
            found.append(
                SeatOffer(
                    registration_id=registration_id,
                    session_id=entry.session_id,
                    until=entry.hold_until,
                )
            )
        return tuple(found)


@attrs.frozen(kw_only=True)
class Transition:
    """The new *state* after a command and the *events* that lead there from the old one.

    >>> from jobcenter_core.enrolment import open_offer
    >>> from jobcenter_core.offers import GroupOffer
    >>> t = open_offer(GroupOffer(id="o", title="t"), caseworkers=["cw"])
    >>> type(t).__name__, len(t.events)
    ('Transition', 1)
    """

    state: OfferState = attrs.field(validator=instance_of(OfferState))
    events: tuple[Event, ...] = attrs.field(
        converter=_events, validator=items_of(EVENT_TYPES, name="Event")
    )


# --- how each event changes a roster ---------------------------------------------------------


def _queue_ids(entry: RosterEntry) -> tuple[str, ...]:
    """The queues a waiting *entry* stands in (the common one when it ranked nothing)."""
    return entry.queued_in if entry.registration.preferences else (ANY_SESSION,)


def _hold_key(registration_id: str, until: DateTime) -> tuple[float, str]:
    return (instant_order(until), registration_id)


class RosterDraft:
    """
    An :class:`OfferState` being changed by one command (or a replay): each event's
    effect (:meth:`apply`) lands here, and the new state is built once, at the end
    (:meth:`state`).
    """

    def __init__(self, state: OfferState) -> None:
        self.before = state
        self.offer = state.offer
        self.as_of = state.as_of
        self.waiting_count = state.waiting_count
        self.entries = state._entries
        self.active = state._active
        self.seats = state._seats
        self.queues = state._queues
        self.seat_offers = state._seat_offers
        self.sessions = state._sessions
        self.arrived: RosterEntry | None = None
        self.events: list[Event] = []

    def state(self) -> OfferState:
        """
        The state the draft has reached, in O(1): its facts come from a state that was
        checked when built, or from the commands, so the field validators (which walk
        the commitments and the case workers) do not run again.
        """
        before = self.before
        state: OfferState = object.__new__(OfferState)
        for name, value in (
            ("offer", self.offer),
            ("commitments", before.commitments),
            ("caseworkers", before.caseworkers),
            ("as_of", self.as_of),
            ("waiting_count", self.waiting_count),
            ("_entries", self.entries),
            ("_active", self.active),
            ("_seats", self.seats),
            ("_queues", self.queues),
            ("_seat_offers", self.seat_offers),
            ("_sessions", self.sessions),
            ("_commitments_by_person", before._commitments_by_person),
        ):
            object.__setattr__(state, name, value)
        return state

    def transition(self) -> Transition:
        """The transition to the state the draft has reached, with the events recorded."""
        return Transition(state=self.state(), events=tuple(self.events))

    def record(self, event: Event) -> None:
        """Apply *event* and keep it for the transition."""
        self.events.append(event)
        self.apply(event)

    # what the commands ask -----------------------------------------------------------------

    def entry(self, registration_id: str) -> RosterEntry:
        arrived = self.arrived
        if arrived is not None and arrived.registration.id == registration_id:
            return arrived
        return self.entries[registration_id]

    def free(self, session_id: str) -> int:
        booked, held = self.seats[session_id]
        return self.sessions[session_id].capacity - booked - held

    def clashes(self, person_id: str, session: Session) -> bool:
        """Whether *session* overlaps a seat *person_id* holds elsewhere."""
        held = self.before._commitments_by_person.get(person_id, ())
        return any(c.clashes_with(session) for c in held)

    def head(self, session: Session) -> Registration | None:
        """
        Who gets a freed seat in *session*: the best order key among those waiting who may
        take it. Those who ranked sessions wait in the queue of each session they ranked
        (but one that clashes with their commitments); those who ranked none wait in one
        common queue, where whoever holds a clashing seat elsewhere is passed over.
        """
        best = self.queues.get(session.id, _NOBODY).first()
        for key, registration in self.queues.get(ANY_SESSION, _NOBODY).items():
            if best is not None and best[0] < key:
                break
            if not self.clashes(registration.person_id, session):
                return registration
        return best[1] if best is not None else None

    # effects -------------------------------------------------------------------------------

    def apply(self, event: Event) -> None:
        """Change the draft as *event* says: the one place a roster changes."""
        match event:
            case OfferOpened():
                raise InvalidTransition(
                    status="open", command="replay", detail="offer already open"
                )
            case Registered(registration=r):
                # It waits in the draft for its outcome, the next event.
                self.arrived = RosterEntry(registration=r, status=RegistrationStatus.REGISTERED)
                at = r.registered_at
            case Rejected(registration_id=rid, reasons=reasons, at=at):
                self.set_status(rid, RegistrationStatus.REJECTED, reasons=reasons)
            case Placed(registration_id=rid, session_id=sid, at=at):
                self.set_status(rid, PLACED, session_id=sid)
            case Waitlisted(registration_id=rid, at=at):
                r = self.entry(rid).registration
                queued = tuple(
                    p for p in r.preferences if not self.clashes(r.person_id, self.sessions[p])
                )
                self.set_status(rid, WAITING, queued_in=queued)
            case SeatOffered(registration_id=rid, session_id=sid, at=at, until=until):
                self.set_status(rid, OFFERED, session_id=sid, hold_until=until)
            case SeatOfferExpired(registration_id=rid, session_id=sid, at=at):
                self.set_status(rid, RegistrationStatus.LAPSED, session_id=sid)
            case Declined(registration_id=rid, session_id=sid, at=at):
                self.set_status(rid, RegistrationStatus.DECLINED, session_id=sid)
            case Confirmed(registration_id=rid, session_id=sid, at=at):
                self.set_status(rid, PLACED, session_id=sid)
            case Cancelled(registration_id=rid, at=at):
                self.set_status(rid, RegistrationStatus.CANCELLED)
            case Moved(registration_id=rid, to_session_id=sid, at=at):
                self.set_status(rid, PLACED, session_id=sid)
            case SessionAdded(session=session, at=at):
                self.add_session(session)
            case _:  # pragma: no cover
                raise TypeError(f"not an event: {type(event).__name__}")
        if self.as_of is None or at > self.as_of:
            self.as_of = at

    def set_status(
        self,
        registration_id: str,
        status: RegistrationStatus,
        *,
        session_id: str | None = None,
        hold_until: DateTime | None = None,
        queued_in: tuple[str, ...] = (),
        reasons: tuple[Reason, ...] = (),
    ) -> None:
        """Let *registration_id* stand where the arguments say, instead of where it stood."""
        before = self.entry(registration_id)
        self.arrived = None
        after = RosterEntry(
            registration=before.registration,
            status=status,
            session_id=session_id,
            hold_until=hold_until,
            queued_in=queued_in,
            reasons=reasons,
        )
        self.leave_indexes(before)
        self.entries = self.entries.set(registration_id, after)
        self.join_indexes(after)
        person_id = after.registration.person_id
        if after.status.is_active and not before.status.is_active:
            self.active = self.active.set(person_id, registration_id)
        elif before.status.is_active and not after.status.is_active:
            self.active = self.active.discard(person_id)

    def add(self, entry: RosterEntry) -> None:
        """Record *entry*, which the draft did not know, with its indexes."""
        r = entry.registration
        self.entries = self.entries.set(r.id, entry)
        self.join_indexes(entry)
        if entry.status.is_active:
            self.active = self.active.set(r.person_id, r.id)

    def join_indexes(self, entry: RosterEntry) -> None:
        """Count *entry*'s seat or seat offer, or queue it while it waits."""
        r = entry.registration
        if entry.status is PLACED:
            self.count(entry.session_id, booked=+1)
        elif entry.status is OFFERED:
            assert entry.hold_until is not None
            self.count(entry.session_id, held=+1)
            self.seat_offers = self.seat_offers.set(_hold_key(r.id, entry.hold_until), r.id)
        elif entry.status is WAITING:
            self.waiting_count += 1
            for queue_id in _queue_ids(entry):
                queue = self.queues.get(queue_id, _NOBODY)
                self.queues = self.queues.set(queue_id, queue.set(order_key(r), r))

    def leave_indexes(self, entry: RosterEntry) -> None:
        """Undo :meth:`join_indexes` for *entry*."""
        r = entry.registration
        if entry.status is PLACED:
            self.count(entry.session_id, booked=-1)
        elif entry.status is OFFERED:
            assert entry.hold_until is not None
            self.count(entry.session_id, held=-1)
            self.seat_offers = self.seat_offers.discard(_hold_key(r.id, entry.hold_until))
        elif entry.status is WAITING:
            self.waiting_count -= 1
            for queue_id in _queue_ids(entry):
                queue = self.queues[queue_id]
                self.queues = self.queues.set(queue_id, queue.discard(order_key(r)))

    def count(self, session_id: str | None, *, booked: int = 0, held: int = 0) -> None:
        assert session_id is not None
        seats = self.seats[session_id]
        self.seats = self.seats.set(
            session_id, Seats(booked=seats.booked + booked, held=seats.held + held)
        )

    def add_session(self, session: Session) -> None:
        """Add *session*; everyone waiting with ranked sessions also queues for it (O(n))."""
        self.offer = self.offer.with_session(session)
        self.sessions = self.sessions.set(session.id, session)
        self.seats = self.seats.set(session.id, Seats())
        queue = _NOBODY
        for entry in list(self._having(WAITING)):
            r = entry.registration
            if r.preferences and not self.clashes(r.person_id, session):
                queued_in = (*entry.queued_in, session.id)
                self.entries = self.entries.set(r.id, attrs.evolve(entry, queued_in=queued_in))
                queue = queue.set(order_key(r), r)
        self.queues = self.queues.set(session.id, queue)

    def _having(self, status: RegistrationStatus) -> Iterator[RosterEntry]:
        return (e for e in self.entries.values() if e.status is status)


_NOBODY: Queue = SortedMap()


def replay(events: Iterable[Event]) -> OfferState:
    """
    Rebuild the roster from its events (the first must be
    :class:`~jobcenter_core.enrolment.OfferOpened`).

    >>> from jobcenter_core.offers import GroupOffer
    >>> from jobcenter_core.enrolment import open_offer
    >>> t = open_offer(GroupOffer(id="o", title="t"), caseworkers=["cw"])
    >>> replay(t.events) == t.state
    True
    """
    iterator = iter(events)
    first = next(iterator, None)
    if not isinstance(first, OfferOpened):
        raise InvalidTransition(
            status="unknown", command="replay", detail="the first event must be OfferOpened"
        )
    draft = RosterDraft(opened(first))
    for event in iterator:
        draft.apply(event)
    return draft.state()


def opened(event: OfferOpened) -> OfferState:
    """The roster :class:`~jobcenter_core.enrolment.OfferOpened` starts: all seats free."""
    return OfferState(
        offer=event.offer, commitments=event.commitments, caseworkers=event.caseworkers
    )


# --- restoring a snapshot --------------------------------------------------------------------

_SEAT_STATUSES = frozenset({PLACED, OFFERED})
_SESSION_STATUSES = _SEAT_STATUSES | {RegistrationStatus.DECLINED, RegistrationStatus.LAPSED}


def _entry_problems(entry: RosterEntry, path: str, capacity: Mapping[str, int]) -> list[Problem]:
    """What is wrong with one entry of a snapshot on its own."""
    problems: list[Problem] = []
    status, sid = entry.status, entry.session_id
    if status is RegistrationStatus.REGISTERED:
        problems.append(Problem(f"{path}.status", "not a status a roster keeps"))
    if sid is None:
        if status in _SEAT_STATUSES:
            problems.append(
                Problem(f"{path}.session_id", "required for a placed or offered registration")
            )
    elif status not in _SESSION_STATUSES:
        problems.append(
            Problem(f"{path}.session_id", "only placed, offered, declined or lapsed have one")
        )
    elif sid not in capacity:
        problems.append(Problem(f"{path}.session_id", "not a session of the offer"))
    if (entry.hold_until is None) == (status is OFFERED):
        problems.append(Problem(f"{path}.hold_until", "given exactly when a seat is offered"))
    queued = entry.queued_in
    if queued and (status is not WAITING or not entry.registration.preferences):
        problems.append(
            Problem(f"{path}.queued_in", "only a waiting registration with preferences has one")
        )
    elif len(set(queued)) != len(queued) or not all(q in capacity for q in queued):
        problems.append(Problem(f"{path}.queued_in", "must name distinct sessions of the offer"))
    if entry.reasons and status is not RegistrationStatus.REJECTED:
        problems.append(Problem(f"{path}.reasons", "only a rejected registration has them"))
    return problems


def _checked_entries(snapshot: RosterSnapshot) -> list[RosterEntry]:
    """The entries of *snapshot*, or :class:`InvalidInput` with every problem found."""
    capacity = {s.id: s.capacity for s in snapshot.offer.sessions}
    taken = dict.fromkeys(capacity, 0)
    problems: list[Problem] = []
    seen: set[str] = set()
    active: set[str] = set()
    entries: list[RosterEntry] = []
    for i, entry in enumerate(snapshot.entries):
        path = f"$.entries[{i}]"
        found = _entry_problems(entry, path, capacity)
        problems += found
        r = entry.registration
        if r.id in seen:
            problems.append(Problem(f"{path}.registration.id", "registration id listed twice"))
        if entry.status.is_active:
            if r.person_id in active:
                problems.append(
                    Problem(f"{path}.registration.person_id", "person active in two registrations")
                )
            active.add(r.person_id)
        if found:
            continue
        seen.add(r.id)
        if entry.hold_until is not None:
            entry = attrs.evolve(entry, hold_until=berlin_instant(entry.hold_until))
        if entry.status in _SEAT_STATUSES:
            assert entry.session_id is not None
            taken[entry.session_id] += 1
        entries.append(entry)
    if any(taken[sid] > capacity[sid] for sid in capacity):
        problems.append(Problem("$.entries", "more seats placed and offered than a session has"))
    if problems:
        raise InvalidInput(problems)
    return entries
