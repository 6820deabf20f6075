"""
The roster's indexes (enrolment/roster.py) against a reference model that keeps nothing
but the entries in a plain dict and works out everything else from them at every step:
free seats by counting, the waitlist by sorting, the head of the queue by searching.

Both run the same random commands (``jobcenter_core.testing.roster_commands``); after
each command they must agree on the events, the snapshot and every query.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import examples
from pendulum import DateTime

from jobcenter_core.dates import at_berlin, instant_order
from jobcenter_core.enrolment import (
    Cancelled,
    Commitment,
    Confirmed,
    Declined,
    Event,
    Moved,
    OfferState,
    Placed,
    Registered,
    Registration,
    RegistrationStatus,
    Rejected,
    RosterEntry,
    RosterSnapshot,
    SeatOffer,
    SeatOffered,
    SeatOfferExpired,
    SessionAdded,
    Waitlisted,
    add_session,
    cancel,
    confirm,
    decline,
    expire,
    move_session,
    open_offer,
    order_key,
    register,
)
from jobcenter_core.enrolment.admission import may_take_part
from jobcenter_core.enrolment.registration import preference_order
from jobcenter_core.errors import InvalidTransition
from jobcenter_core.offers import GroupOffer, Session
from jobcenter_core.parameters import Policy
from jobcenter_core.testing import commitments, group_offers, policies, roster_commands

PLACED = RegistrationStatus.PLACED
WAITING = RegistrationStatus.WAITING
OFFERED = RegistrationStatus.OFFERED


@attrs.define
class Reference:
    """The roster as plain data: the entries by registration id, nothing derived."""

    offer: GroupOffer
    commitments: tuple[Commitment, ...]
    caseworkers: frozenset[str]
    entries: dict[str, RosterEntry] = attrs.field(factory=dict)
    as_of: DateTime | None = None
    events: list[Event] = attrs.field(factory=list)

    # what follows from the entries --------------------------------------------------------

    def clashes(self, person_id: str, session: Session) -> bool:
        return any(
            c.person_id == person_id and session.overlaps(c.start, c.end) for c in self.commitments
        )

    def having(self, status: RegistrationStatus) -> list[RosterEntry]:
        return [e for e in self.entries.values() if e.status is status]

    def booked(self, session_id: str) -> int:
        return sum(1 for e in self.having(PLACED) if e.session_id == session_id)

    def held(self, session_id: str) -> int:
        return sum(1 for e in self.having(OFFERED) if e.session_id == session_id)

    def free(self, session_id: str) -> int:
        capacity = self.offer.session(session_id).capacity
        return capacity - self.booked(session_id) - self.held(session_id)

    def waitlist(self) -> list[Registration]:
        return sorted((e.registration for e in self.having(WAITING)), key=order_key)

    def head(self, session: Session) -> Registration | None:
        for r in self.waitlist():
            entry = self.entries[r.id]
            if (
                session.id in entry.queued_in
                if r.preferences
                else not self.clashes(r.person_id, session)
            ):
                return r
        return None

    def active_registration(self, person_id: str) -> str | None:
        return next(
            (
                e.registration.id
                for e in self.entries.values()
                if e.status.is_active and e.registration.person_id == person_id
            ),
            None,
        )

    def seat_offers(self) -> list[SeatOffer]:
        offered = sorted(
            self.having(OFFERED),
            key=lambda e: (instant_order(e.hold_until), e.registration.id),  # type: ignore[arg-type]
        )
        return [
            SeatOffer(
                registration_id=e.registration.id, session_id=e.session_id, until=e.hold_until
            )  # type: ignore[arg-type]
            for e in offered
        ]

    def snapshot(self) -> RosterSnapshot:
        return RosterSnapshot(
            offer=self.offer,
            commitments=self.commitments,
            caseworkers=self.caseworkers,
            as_of=self.as_of,
            entries=[self.entries[rid] for rid in sorted(self.entries)],
        )

    # the commands ---------------------------------------------------------------------------

    def emit(self, event: Event, at: DateTime, rid: str | None = None, **where: Any) -> None:
        self.events.append(event)
        if rid is not None:
            registration = self.entries[rid].registration
            self.entries[rid] = RosterEntry(registration=registration, **where)
        if self.as_of is None or at > self.as_of:
            self.as_of = at

    def not_before_latest(self, at: DateTime, command: str) -> None:
        if self.as_of is not None and instant_order(at) < instant_order(self.as_of):
            raise InvalidTransition(status="open", command=command)

    def entry(self, rid: str, command: str, *statuses: RegistrationStatus) -> RosterEntry:
        if rid not in self.entries:
            raise InvalidTransition(status="unknown", command=command)
        entry = self.entries[rid]
        if entry.status not in statuses:
            raise InvalidTransition(status=entry.status.value, command=command)
        return entry

    def offer_free_seats(self, session: Session, at: DateTime, policy: Policy) -> None:
        while self.free(session.id) > 0 and (head := self.head(session)) is not None:
            until = at + policy.seat_offer_hold.at(at.date())
            self.emit(
                SeatOffered(registration_id=head.id, session_id=session.id, at=at, until=until),
                at,
                head.id,
                status=OFFERED,
                session_id=session.id,
                hold_until=until,
            )

    def register(self, r: Registration, policy: Policy, at: DateTime) -> None:
        if r.id in self.entries:
            raise InvalidTransition(status="known", command="register")
        self.not_before_latest(at, "register")
        if instant_order(at) < instant_order(r.registered_at):
            raise InvalidTransition(status="open", command="register")
        decision = may_take_part(
            r,
            self.offer,
            session_ids=self.offer.session_ids,
            caseworkers=self.caseworkers,
            policy=policy,
            registered_as=self.active_registration(r.person_id),
        )
        self.entries[r.id] = RosterEntry(registration=r, status=RegistrationStatus.REGISTERED)
        self.emit(Registered(registration=r, presumed=decision.missing), at)
        if not decision.value:
            event = Rejected(registration_id=r.id, reasons=decision.reasons, at=at)
            self.emit(event, at, r.id, status=RegistrationStatus.REJECTED, reasons=decision.reasons)
            return
        for s in preference_order(self.offer)(r):
            if self.free(s.id) > 0 and not self.clashes(r.person_id, s) and self.head(s) is None:
                event = Placed(registration_id=r.id, session_id=s.id, at=at)
                self.emit(event, at, r.id, status=PLACED, session_id=s.id)
                return
        queued = [p for p in r.preferences if not self.clashes(r.person_id, self.offer.session(p))]
        self.emit(
            Waitlisted(registration_id=r.id, at=at), at, r.id, status=WAITING, queued_in=queued
        )

    def cancel(self, rid: str, at: DateTime, policy: Policy) -> None:
        self.not_before_latest(at, "cancel")
        entry = self.entry(rid, "cancel", PLACED, WAITING, OFFERED)
        self.emit(
            Cancelled(registration_id=rid, at=at), at, rid, status=RegistrationStatus.CANCELLED
        )
        if entry.session_id is not None:
            self.offer_free_seats(self.offer.session(entry.session_id), at, policy)

    def confirm(self, rid: str, at: DateTime) -> None:
        self.not_before_latest(at, "confirm")
        entry = self.entry(rid, "confirm", OFFERED)
        assert entry.hold_until is not None and entry.session_id is not None
        if instant_order(at) >= instant_order(entry.hold_until):
            raise InvalidTransition(status="offered", command="confirm")
        event = Confirmed(registration_id=rid, session_id=entry.session_id, at=at)
        self.emit(event, at, rid, status=PLACED, session_id=entry.session_id)

    def decline(self, rid: str, at: DateTime, policy: Policy) -> None:
        self.not_before_latest(at, "decline")
        entry = self.entry(rid, "decline", OFFERED)
        assert entry.session_id is not None
        event = Declined(registration_id=rid, session_id=entry.session_id, at=at)
        self.emit(event, at, rid, status=RegistrationStatus.DECLINED, session_id=entry.session_id)
        self.offer_free_seats(self.offer.session(entry.session_id), at, policy)

    def expire(self, at: DateTime, policy: Policy) -> None:
        self.not_before_latest(at, "expire")
        lapsed = [o for o in self.seat_offers() if instant_order(o.until) <= instant_order(at)]
        for o in lapsed:
            event = SeatOfferExpired(
                registration_id=o.registration_id, session_id=o.session_id, at=at
            )
            self.emit(
                event,
                at,
                o.registration_id,
                status=RegistrationStatus.LAPSED,
                session_id=o.session_id,
            )
            self.offer_free_seats(self.offer.session(o.session_id), at, policy)

    def add_session(self, session: Session, at: DateTime, policy: Policy) -> None:
        self.not_before_latest(at, "add_session")
        if session.id in self.offer.session_ids:
            raise InvalidTransition(status="open", command="add_session")
        self.offer = self.offer.with_session(session)
        for e in self.having(WAITING):
            r = e.registration
            if r.preferences and not self.clashes(r.person_id, session):
                self.entries[r.id] = attrs.evolve(e, queued_in=(*e.queued_in, session.id))
        self.emit(SessionAdded(session=session, at=at), at)
        self.offer_free_seats(session, at, policy)

    def move(self, rid: str, session_id: str, at: DateTime, policy: Policy) -> None:
        self.not_before_latest(at, "move_session")
        entry = self.entry(rid, "move_session", PLACED)
        assert entry.session_id is not None
        if session_id not in self.offer.session_ids or session_id == entry.session_id:
            raise InvalidTransition(status="placed", command="move_session")
        target = self.offer.session(session_id)
        if self.free(session_id) <= 0 or self.clashes(entry.registration.person_id, target):
            raise InvalidTransition(status="placed", command="move_session")
        event = Moved(
            registration_id=rid, from_session_id=entry.session_id, to_session_id=session_id, at=at
        )
        self.emit(event, at, rid, status=PLACED, session_id=session_id)
        self.offer_free_seats(self.offer.session(entry.session_id), at, policy)


def agree(state: OfferState, reference: Reference) -> None:
    """The roster answers every query as the reference does."""
    assert reference.snapshot() == state.snapshot()
    assert reference.waitlist() == list(state.waitlist())
    assert len(reference.waitlist()) == state.waiting_count
    assert reference.seat_offers() == list(state.seat_offers())
    for s in reference.offer.sessions:
        assert (reference.booked(s.id), reference.held(s.id), reference.free(s.id)) == (
            state.booked(s.id),
            state.held(s.id),
            state.free(s.id),
        )


def run_both(
    offer: GroupOffer,
    commands: tuple[tuple[str, object, int], ...],
    held: tuple[Commitment, ...],
    policy: Policy,
) -> None:
    caseworkers = frozenset({"cw-1", "cw-2"})
    opened = open_offer(offer, commitments=held, caseworkers=caseworkers)
    state = opened.state
    reference = Reference(offer=offer, commitments=held, caseworkers=caseworkers)
    clock = at_berlin(2022, 6, 14, 9)
    known: list[str] = []
    for kind, argument, minutes in commands:
        clock = clock.add(minutes=minutes)
        before = len(reference.events)
        refused = False
        try:
            if kind == "register":
                assert isinstance(argument, Registration)
                known.append(argument.id)
                reference.register(argument, policy, clock)
            elif kind == "add_session":
                assert isinstance(argument, Session)
                reference.add_session(argument, clock, policy)
            elif kind == "move":
                which, where = argument  # type: ignore[misc]
                ids = reference.offer.session_ids
                if not ids:
                    continue
                reference.move(known[which], ids[where % len(ids)], clock, policy)
            elif kind == "expire":
                reference.expire(clock, policy)
            elif kind == "cancel":
                reference.cancel(known[argument], clock, policy)  # type: ignore[index]
            elif kind == "confirm":
                reference.confirm(known[argument], clock)  # type: ignore[index]
            else:
                reference.decline(known[argument], clock, policy)  # type: ignore[index]
        except InvalidTransition:
            refused = True

        try:
            if kind == "register":
                t = register(state, argument, policy=policy, at=clock)  # type: ignore[arg-type]
            elif kind == "add_session":
                t = add_session(state, argument, at=clock, policy=policy)  # type: ignore[arg-type]
            elif kind == "move":
                ids = state.offer.session_ids
                which, where = argument  # type: ignore[misc]
                t = move_session(
                    state, known[which], ids[where % len(ids)], at=clock, policy=policy
                )
            elif kind == "expire":
                t = expire(state, at=clock, policy=policy)
            elif kind == "cancel":
                t = cancel(state, known[argument], at=clock, policy=policy)  # type: ignore[index]
            elif kind == "confirm":
                t = confirm(state, known[argument], at=clock)  # type: ignore[index]
            else:
                t = decline(state, known[argument], at=clock, policy=policy)  # type: ignore[index]
        except InvalidTransition:
            assert refused, f"{kind} refused by the roster only"
            continue

        assert not refused, f"{kind} refused by the reference only"
        assert tuple(reference.events[before:]) == t.events
        state = t.state
        agree(state, reference)


@st.composite
def runs(
    draw: st.DrawFn, max_size: int, max_capacity: int = 3, valid_only: bool = False
) -> tuple[GroupOffer, tuple[tuple[str, object, int], ...], tuple[Commitment, ...]]:
    """An offer of up to three sessions, commands for its roster, and commitments."""
    offer = draw(group_offers(min_sessions=0, max_sessions=3, max_capacity=max_capacity))
    commands = draw(roster_commands(offer, max_size=max_size, valid_only=valid_only))
    return offer, commands, draw(commitments(offer))


@settings(max_examples=examples(100))
@given(runs(max_size=30), policies())
def test_the_roster_acts_as_the_reference_at_every_step(
    run: tuple[GroupOffer, tuple[tuple[str, object, int], ...], tuple[Commitment, ...]],
    policy: Policy,
) -> None:
    """Same events, same snapshot, same answers, command after command."""
    offer, commands, held = run

    run_both(offer, commands, held, policy)


@settings(max_examples=examples(200))
@given(runs(max_size=30, max_capacity=1, valid_only=True), policies())
def test_the_roster_acts_as_the_reference_when_seats_are_scarce(
    run: tuple[GroupOffer, tuple[tuple[str, object, int], ...], tuple[Commitment, ...]],
    policy: Policy,
) -> None:
    """The same with sessions of one seat and registrations that pass the checks, so that
    people wait and freed seats pass on to them."""
    offer, commands, held = run

    run_both(offer, commands, held, policy)


@pytest.mark.slow
@settings(max_examples=examples(10_000))
@given(st.one_of(runs(max_size=50), runs(max_size=50, max_capacity=1, valid_only=True)), policies())
def test_the_roster_acts_as_the_reference_over_long_runs(
    run: tuple[GroupOffer, tuple[tuple[str, object, int], ...], tuple[Commitment, ...]],
    policy: Policy,
) -> None:
    """The reference comparison on ten thousand runs of up to 50 commands, half of them
    with seats scarce."""
    offer, commands, held = run

    run_both(offer, commands, held, policy)
