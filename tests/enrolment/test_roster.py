"""The incremental roster: waitlist, seat offers, sessions added, snapshots (enrolment/roster.py, commands.py).

The 21 June → 30 June story (a session added and offered to those waiting) is data:
``src/jobcenter_core/testing/statute/allocation.cases.yaml``.
"""

from __future__ import annotations

import datetime as _dt
import enum
import pickle
from collections.abc import Callable

import attrs
import pendulum
import pytest

from jobcenter_core.dates import at_berlin
from jobcenter_core.enrolment import (
    Confirmed,
    Event,
    OfferState,
    Registration,
    RegistrationStatus,
    RosterEntry,
    SeatOffered,
    SeatOfferExpired,
    Transition,
    add_session,
    cancel,
    confirm,
    decline,
    expire,
    move_session,
    open_offer,
    register,
    replay,
)
from jobcenter_core.errors import InvalidInput, InvalidTransition
from jobcenter_core.offers import GroupOffer, Session

CW = ["cw-1"]


def test_registration_is_placed_while_there_is_room_and_waitlisted_after(
    full_roster: Callable[..., OfferState],
) -> None:
    """Register places directly while a preferred session has room."""

    state = full_roster(waiting=1)

    assert RegistrationStatus.PLACED == state.status("r-1")
    assert RegistrationStatus.WAITING == state.status("r-3")
    assert (0, 2, 0, 1) == (
        state.free("s-0621"),
        state.booked("s-0621"),
        state.held("s-0621"),
        state.waiting_count,
    )


def test_freed_seat_goes_to_the_head_of_the_waitlist_with_a_48_hour_hold(
    full_roster: Callable[..., OfferState],
) -> None:
    """A cancellation offers the seat to the first person waiting, held for 48 hours."""
    state = full_roster(waiting=2)

    t = cancel(state, "r-1", at=at_berlin(2022, 6, 15, 10))

    offered = [e for e in t.events if isinstance(e, SeatOffered)]
    assert ["r-3"] == [e.registration_id for e in offered]
    assert at_berlin(2022, 6, 17, 10) == offered[0].until
    assert (0, 1, 1) == (t.state.free("s-0621"), t.state.booked("s-0621"), t.state.held("s-0621"))


def test_newcomer_never_takes_a_seat_held_for_someone_waiting(
    reg: Callable[..., Registration], full_roster: Callable[..., OfferState]
) -> None:
    """While the seat offer is open, a new registration joins the waitlist."""
    state = cancel(full_roster(waiting=1), "r-1", at=at_berlin(2022, 6, 15, 10)).state

    t = register(state, reg(9, "s-0621", minute=59), at=at_berlin(2022, 6, 15, 11))

    assert RegistrationStatus.WAITING == t.state.status("r-9")


def test_confirmed_seat_offer_takes_the_seat(full_roster: Callable[..., OfferState]) -> None:
    """Confirming within the hold books the seat."""
    state = cancel(full_roster(waiting=1), "r-1", at=at_berlin(2022, 6, 15, 10)).state

    t = confirm(state, "r-3", at=at_berlin(2022, 6, 16, 9))

    assert (Confirmed,) == tuple(type(e) for e in t.events)
    assert RegistrationStatus.PLACED == t.state.status("r-3")
    assert (2, 0) == (t.state.booked("s-0621"), t.state.held("s-0621"))


def test_confirming_after_the_hold_has_passed_is_an_invalid_transition(
    full_roster: Callable[..., OfferState],
) -> None:
    """A lapsed seat offer cannot be confirmed."""
    state = cancel(full_roster(waiting=1), "r-1", at=at_berlin(2022, 6, 15, 10)).state

    with pytest.raises(InvalidTransition, match="lapsed"):
        confirm(state, "r-3", at=at_berlin(2022, 6, 17, 10))


def test_in_the_hour_the_clocks_go_back_a_hold_ends_by_the_actual_instant(
    full_roster: Callable[..., OfferState],
) -> None:
    """A hold that ended at 02:30 CEST has ended at 02:15 CET, 45 minutes later."""
    freed_at = pendulum.datetime(2022, 10, 28, 0, 30, tz="UTC")  # 02:30 CEST
    after_hold = pendulum.datetime(2022, 10, 30, 1, 15, tz="UTC")  # 02:15 CET
    state = cancel(full_roster(waiting=2), "r-1", at=freed_at).state

    lapsed = expire(state, at=after_hold)

    assert "02:30 CEST" == state.seat_offers()[0].until.strftime("%H:%M %Z")
    assert RegistrationStatus.LAPSED == lapsed.state.status("r-3")
    with pytest.raises(InvalidTransition, match="lapsed"):
        confirm(state, "r-3", at=after_hold)


def test_expired_seat_offer_passes_to_the_next_person_waiting(
    full_roster: Callable[..., OfferState],
) -> None:
    """Expiry ends the lapsed registration and offers the seat on, with a new hold."""
    state = cancel(full_roster(waiting=2), "r-1", at=at_berlin(2022, 6, 15, 10)).state

    t = expire(state, at=at_berlin(2022, 6, 17, 10))

    assert [SeatOfferExpired, SeatOffered] == [type(e) for e in t.events]
    assert RegistrationStatus.LAPSED == t.state.status("r-3")
    assert "r-4" == t.state.seat_offers()[0].registration_id
    assert at_berlin(2022, 6, 19, 10) == t.state.seat_offers()[0].until


def test_expiry_before_the_hold_ends_changes_nothing(
    full_roster: Callable[..., OfferState],
) -> None:
    """An offer still inside its hold stays open."""
    state = cancel(full_roster(waiting=1), "r-1", at=at_berlin(2022, 6, 15, 10)).state

    t = expire(state, at=at_berlin(2022, 6, 17, 9, 59))

    assert () == t.events
    assert state == t.state


def test_declined_seat_passes_on_and_frees_when_nobody_waits(
    full_roster: Callable[..., OfferState],
) -> None:
    """Declining hands the seat on; with nobody waiting the seat becomes free."""
    state = cancel(full_roster(waiting=1), "r-1", at=at_berlin(2022, 6, 15, 10)).state

    t = decline(state, "r-3", at=at_berlin(2022, 6, 15, 12))

    assert RegistrationStatus.DECLINED == t.state.status("r-3")
    assert 1 == t.state.free("s-0621")


def test_cancelling_after_confirming_frees_the_seat_for_the_next_person(
    full_roster: Callable[..., OfferState],
) -> None:
    """No resurrected offer: the cancelled registration is gone, the next person is offered."""
    state = cancel(full_roster(waiting=2), "r-1", at=at_berlin(2022, 6, 15, 10)).state
    state = confirm(state, "r-3", at=at_berlin(2022, 6, 15, 11)).state

    t = cancel(state, "r-3", at=at_berlin(2022, 6, 16, 9))

    assert RegistrationStatus.CANCELLED == t.state.status("r-3")
    assert ["r-4"] == [o.registration_id for o in t.state.seat_offers()]


def test_cancelling_twice_is_an_invalid_transition(full_roster: Callable[..., OfferState]) -> None:
    """A cancelled registration cannot be cancelled again."""
    state = cancel(full_roster(), "r-1", at=at_berlin(2022, 6, 15, 10)).state

    with pytest.raises(InvalidTransition, match="cannot 'cancel' when status is 'cancelled'"):
        cancel(state, "r-1", at=at_berlin(2022, 6, 15, 11))


def test_confirming_without_a_seat_offer_is_an_invalid_transition(
    full_roster: Callable[..., OfferState],
) -> None:
    """Only an open seat offer can be confirmed."""

    with pytest.raises(InvalidTransition, match="status is 'waiting'"):
        confirm(full_roster(), "r-3", at=at_berlin(2022, 6, 15, 10))


def test_registering_a_known_registration_id_again_is_an_invalid_transition(
    reg: Callable[..., Registration], full_roster: Callable[..., OfferState]
) -> None:
    """Registration ids are unique within a roster."""

    with pytest.raises(InvalidTransition, match="already known"):
        register(full_roster(), reg(1, "s-0621"))


def test_adding_a_session_with_a_known_id_is_an_invalid_transition(
    june_21: Session, full_roster: Callable[..., OfferState]
) -> None:
    """Session ids stay unique."""

    with pytest.raises(InvalidTransition, match="already has that session id"):
        add_session(full_roster(), june_21, at=at_berlin(2022, 6, 17, 9))


def test_moving_to_another_session_offers_the_old_seat_to_the_waitlist(
    reg: Callable[..., Registration], june_30: Session, full_roster: Callable[..., OfferState]
) -> None:
    """A person moved from 21 to 30 June frees the 21 June seat for whoever waits."""
    state = add_session(full_roster(waiting=0), june_30, at=at_berlin(2022, 6, 14, 9)).state
    state = register(state, reg(7, "s-0621", minute=40), at=at_berlin(2022, 6, 14, 10)).state

    t = move_session(state, "r-1", "s-0630", at=at_berlin(2022, 6, 15, 9))

    assert "s-0630" == t.state.session_of("r-1")
    assert ["r-7"] == [o.registration_id for o in t.state.seat_offers()]


def test_moving_into_a_full_session_is_an_invalid_transition(
    reg: Callable[..., Registration], june_30: Session, full_roster: Callable[..., OfferState]
) -> None:
    """A move needs a free seat."""
    state = full_roster(waiting=0)
    state = add_session(state, june_30, at=at_berlin(2022, 6, 14, 9)).state
    for n in (7, 8):
        state = register(
            state, reg(n, "s-0630", minute=40 + n), at=at_berlin(2022, 6, 14, 10)
        ).state

    with pytest.raises(InvalidTransition, match="no free seat"):
        move_session(state, "r-1", "s-0630", at=at_berlin(2022, 6, 15, 9))


def test_replaying_the_events_rebuilds_the_roster(
    offer: Callable[..., GroupOffer],
    reg: Callable[..., Registration],
    june_21: Session,
    june_30: Session,
) -> None:
    """Events are enough to rebuild the state a service persisted."""
    opened = open_offer(offer(june_21), caseworkers=CW)
    events = list(opened.events)
    state = opened.state
    steps = [reg(n, "s-0621") for n in range(1, 6)]
    for r in steps:
        t = register(state, r)
        state, events = t.state, events + list(t.events)
    for t_fn in (
        lambda s: cancel(s, "r-1", at=at_berlin(2022, 6, 15, 10)),
        lambda s: expire(s, at=at_berlin(2022, 6, 17, 10)),
        lambda s: add_session(s, june_30, at=at_berlin(2022, 6, 17, 11)),
    ):
        t = t_fn(state)
        state, events = t.state, events + list(t.events)

    rebuilt = replay(events)

    assert state == rebuilt
    assert [r.id for r in state.waitlist()] == [r.id for r in rebuilt.waitlist()]


@pytest.fixture
def every_status_roster(
    offer: Callable[..., GroupOffer], reg: Callable[..., Registration], june_21: Session
) -> tuple[OfferState, list[Event]]:
    """June 21 (2 seats): placed, offered, waiting (ranked and any session), cancelled,
    declined, lapsed and rejected registrations, and the events that lead there."""
    opened = open_offer(offer(june_21), caseworkers=CW)
    state, events = opened.state, list(opened.events)

    def run(t: Transition) -> None:
        nonlocal state, events
        state, events = t.state, events + list(t.events)

    for n in range(1, 9):  # odd numbers rank June 21, even ones take any session
        run(register(state, reg(n, *(("s-0621",) if n % 2 else ()))))
    run(register(state, reg(9, "s-0701")))
    run(cancel(state, "r-1", at=at_berlin(2022, 6, 15, 10)))  # seat offered to r-3
    run(decline(state, "r-3", at=at_berlin(2022, 6, 15, 11)))  # then to r-4
    run(expire(state, at=at_berlin(2022, 6, 17, 11)))  # r-4 lapses, r-5 offered
    run(confirm(state, "r-5", at=at_berlin(2022, 6, 17, 12)))
    run(cancel(state, "r-2", at=at_berlin(2022, 6, 17, 13)))  # r-6 offered
    return state, events


def test_every_status_roster_has_every_status_a_roster_keeps(
    every_status_roster: tuple[OfferState, list[Event]],
) -> None:
    """The fixture above covers each status outside a transition."""

    state, _ = every_status_roster

    statuses = {e.status for e in state.snapshot().entries}
    assert set(RegistrationStatus) - {RegistrationStatus.REGISTERED} == statuses


def test_a_snapshot_rebuilds_an_equal_roster_that_acts_the_same(
    reg: Callable[..., Registration],
    june_30: Session,
    every_status_roster: tuple[OfferState, list[Event]],
) -> None:
    """from_snapshot(snapshot()) is the same roster: equal, and the next commands agree."""
    state, _ = every_status_roster

    rebuilt = OfferState.from_snapshot(state.snapshot())

    assert state == rebuilt
    assert state.snapshot() == rebuilt.snapshot()
    later = at_berlin(2022, 6, 20, 9)
    assert expire(state, at=later) == expire(rebuilt, at=later)
    assert add_session(state, june_30, at=later) == add_session(rebuilt, june_30, at=later)
    assert register(state, reg(10), at=later) == register(rebuilt, reg(10), at=later)


def test_rosters_from_the_same_events_are_equal_and_one_fact_more_is_not(
    reg: Callable[..., Registration], every_status_roster: tuple[OfferState, list[Event]]
) -> None:
    """Equality compares what the roster holds, however it was reached."""
    state, events = every_status_roster

    replayed = replay(events)
    one_more = register(state, reg(10), at=at_berlin(2022, 6, 20, 9)).state

    assert state == replayed
    assert hash(state) == hash(replayed)
    assert state != one_more


def test_a_snapshot_lists_entries_by_registration_id_and_reads_them_in_any_order(
    every_status_roster: tuple[OfferState, list[Event]],
) -> None:
    """The order of entries is stable on the way out and free on the way in."""
    state, _ = every_status_roster
    snapshot = state.snapshot()

    shuffled = attrs.evolve(snapshot, entries=tuple(reversed(snapshot.entries)))

    assert sorted(ids_ := [e.registration.id for e in snapshot.entries]) == ids_
    assert state == OfferState.from_snapshot(shuffled)


def test_an_impossible_snapshot_is_refused_with_every_problem(
    reg: Callable[..., Registration], full_roster: Callable[..., OfferState]
) -> None:
    """A snapshot no roster can be in names each bad entry field by path."""
    state = full_roster(waiting=1)
    entries = state.snapshot().entries
    placed = entries[0]
    broken = (
        placed,
        entries[1],
        attrs.evolve(
            entries[2], status=RegistrationStatus.PLACED, session_id="s-0621", queued_in=()
        ),
        attrs.evolve(placed, status=RegistrationStatus.OFFERED),
        RosterEntry(registration=reg(4, person="p-1"), status=RegistrationStatus.WAITING),
        RosterEntry(registration=reg(5), status=RegistrationStatus.PLACED, session_id="s-0701"),
    )

    with pytest.raises(InvalidInput) as caught:
        OfferState.from_snapshot(attrs.evolve(state.snapshot(), entries=broken))

    assert [
        "$.entries[3].hold_until: given exactly when a seat is offered",
        "$.entries[3].registration.id: registration id listed twice",
        "$.entries[3].registration.person_id: person active in two registrations",
        "$.entries[4].registration.person_id: person active in two registrations",
        "$.entries[5].session_id: not a session of the offer",
        "$.entries: more seats placed and offered than a session has",
    ] == [str(p) for p in caught.value.problems]


def test_a_roster_is_unchanged_by_the_transitions_that_follow_it(
    reg: Callable[..., Registration], every_status_roster: tuple[OfferState, list[Event]]
) -> None:
    """Old states stay valid: commands on a state, or twice on it, never change it."""
    state, _ = every_status_roster
    before = state.snapshot()
    later = at_berlin(2022, 6, 20, 9)

    first = cancel(state, "r-5", at=later)
    second = cancel(state, "r-5", at=later)
    expire(first.state, at=later.add(days=3))
    register(state, reg(10), at=later)

    assert before == state.snapshot()
    assert first == second
    assert RegistrationStatus.PLACED == state.status("r-5")


def test_a_pickled_roster_is_equal_and_acts_the_same(
    every_status_roster: tuple[OfferState, list[Event]],
) -> None:
    """A roster survives pickling (its indexes are rebuilt from their items)."""
    state, _ = every_status_roster

    copy = pickle.loads(pickle.dumps(state))

    later = at_berlin(2022, 6, 20, 9)
    assert state == copy
    assert cancel(state, "r-5", at=later) == cancel(copy, "r-5", at=later)


def test_roster_rejects_what_allocate_rejects(
    offer: Callable[..., GroupOffer], reg: Callable[..., Registration], june_21: Session
) -> None:
    """The incremental checks are the batch checks."""
    state = open_offer(offer(june_21), caseworkers=CW).state

    t = register(state, reg(1, "s-0701", by="front-desk"))

    assert RegistrationStatus.REJECTED == t.state.status("r-1")
    assert ("unknown_session", "not_registered_by_caseworker") == t.state.rejections()[0].codes


def _reachable(value: object, seen: set[int]) -> list[object]:
    """Every object reachable from *value* through fields, slots and collection items."""
    found: list[object] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        found.append(item)
        if isinstance(item, str | bytes | int | float | enum.Enum | _dt.date | _dt.tzinfo):
            continue
        if isinstance(item, dict | list | set | tuple | frozenset):
            stack.extend(item.values() if isinstance(item, dict) else item)
        elif attrs.has(type(item)):
            stack.extend(getattr(item, a.name) for a in attrs.fields(type(item)))
        else:
            slots = [s for k in type(item).__mro__ for s in getattr(k, "__slots__", ())]
            stack.extend(getattr(item, s) for s in slots if s != "__weakref__" and hasattr(item, s))
            stack.extend(getattr(item, "__dict__", {}).values())
    return found


def test_no_mutable_collection_is_reachable_from_a_roster(
    every_status_roster: tuple[OfferState, list[Event]],
) -> None:
    """A frozen roster holds no dict, list or set, so no later change can break an old state."""
    state, _ = every_status_roster

    mutable = {
        type(item).__name__
        for item in _reachable(state, set())
        if isinstance(item, dict | list | set | bytearray)
    }

    assert set() == mutable
