"""
A roster's log replays as it happened, and asks for what it knows (enrolment/commands.py,
roster.py): time never runs backwards, lookups by an unknown id say what is unknown, and
who may register is always said.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jobcenter_core.dates import at_berlin
from jobcenter_core.enrolment import (
    ANYONE,
    OfferState,
    Registration,
    RegistrationStatus,
    SeatOffered,
    Transition,
    add_session,
    allocate,
    cancel,
    confirm,
    decline,
    expire,
    move_session,
    open_offer,
    register,
)
from jobcenter_core.errors import InvalidTransition, JobcenterCoreError, UnknownId
from jobcenter_core.offers import GroupOffer, Session

LATEST = at_berlin(2022, 6, 15, 10)
"""The instant of the latest event of the roster below (the cancellation of r-1)."""

EARLIER = at_berlin(2022, 6, 15, 9)


@pytest.fixture
def offered(full_roster: Callable[..., OfferState]) -> OfferState:
    """21 June full; r-1 cancelled at 15 June 10:00, so its seat is offered to r-3."""
    return cancel(full_roster(waiting=1), "r-1", at=LATEST).state


def _commands(
    reg: Callable[..., Registration], june_30: Session
) -> dict[str, Callable[[OfferState, object], Transition]]:
    return {
        "register": lambda s, at: register(s, reg(9, "s-0621"), at=at),  # type: ignore[arg-type]
        "cancel": lambda s, at: cancel(s, "r-2", at=at),  # type: ignore[arg-type]
        "confirm": lambda s, at: confirm(s, "r-3", at=at),  # type: ignore[arg-type]
        "decline": lambda s, at: decline(s, "r-3", at=at),  # type: ignore[arg-type]
        "expire": lambda s, at: expire(s, at=at),  # type: ignore[arg-type]
        "add_session": lambda s, at: add_session(s, june_30, at=at),  # type: ignore[arg-type]
        "move_session": lambda s, at: move_session(s, "r-2", "s-0621", at=at),  # type: ignore[arg-type]
    }


COMMANDS = ["register", "cancel", "confirm", "decline", "expire", "add_session", "move_session"]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_dated_before_the_latest_event_is_refused_naming_both_instants(
    command: str,
    offered: OfferState,
    reg: Callable[..., Registration],
    june_30: Session,
) -> None:
    """Time in a roster never runs backwards, so its events replay as they happened."""
    act = _commands(reg, june_30)[command]

    with pytest.raises(InvalidTransition) as caught:
        act(offered, EARLIER)

    message = str(caught.value)
    assert command in message
    assert EARLIER.isoformat() in message
    assert LATEST.isoformat() in message


@pytest.mark.parametrize("command", ["register", "confirm", "decline", "expire", "add_session"])
def test_a_command_at_the_instant_of_the_latest_event_is_taken(
    command: str,
    offered: OfferState,
    reg: Callable[..., Registration],
    june_30: Session,
) -> None:
    """The same instant is not earlier: several things may happen in one minute."""
    act = _commands(reg, june_30)[command]

    t = act(offered, LATEST)

    assert LATEST == t.state.as_of


def test_a_registration_by_default_happens_when_it_was_made(
    offered: OfferState, reg: Callable[..., Registration]
) -> None:
    """Without *at*, a registration made before the latest event is refused, naming both."""
    late = reg(9, "s-0621")

    with pytest.raises(InvalidTransition) as caught:
        register(offered, late)

    assert late.registered_at.isoformat() in str(caught.value)
    assert LATEST.isoformat() in str(caught.value)


def test_a_registration_learnt_late_is_recorded_then_and_queues_by_when_it_was_made(
    full_roster: Callable[..., OfferState], reg: Callable[..., Registration]
) -> None:
    """Recorded at *at*, ranked by ``registered_at``: made at 09:00, r-9 waits before r-3."""
    state = full_roster(waiting=1)
    late = reg(9, "s-0621", minute=0)
    recorded = at_berlin(2022, 6, 15, 8)

    t = register(state, late, at=recorded)
    freed = cancel(t.state, "r-1", at=at_berlin(2022, 6, 15, 9))

    assert [recorded] == [e.at for e in t.events if hasattr(e, "at")]
    assert ["r-9", "r-3"] == [r.id for r in t.state.waitlist()]
    assert ["r-9"] == [e.registration_id for e in freed.events if isinstance(e, SeatOffered)]


def test_a_registration_cannot_be_recorded_before_it_was_made(
    full_roster: Callable[..., OfferState], reg: Callable[..., Registration]
) -> None:
    """*at* before ``registered_at`` is refused: nothing is recorded before it happens."""
    with pytest.raises(InvalidTransition, match="before it was made"):
        register(full_roster(waiting=0), reg(9, "s-0621"), at=at_berlin(2022, 6, 13, 9, 5))


# --- lookups by an unknown id ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "what"),
    [
        (lambda s: s.entry("nope"), "unknown registration id"),
        (lambda s: s.status("nope"), "unknown registration id"),
        (lambda s: s.session_of("nope"), "unknown registration id"),
        (lambda s: s.booked("nope"), "unknown session id"),
        (lambda s: s.held("nope"), "unknown session id"),
        (lambda s: s.free("nope"), "unknown session id"),
        (lambda s: s.offer.session("nope"), "unknown session id"),
    ],
)
def test_a_roster_asked_for_an_unknown_id_says_what_is_unknown(
    query: Callable[[OfferState], object], what: str, full_roster: Callable[..., OfferState]
) -> None:
    """``state.booked("nope")``: an UnknownId (a KeyError of the library), not a bare KeyError."""
    with pytest.raises(UnknownId) as caught:
        query(full_roster(waiting=1))

    assert what == str(caught.value)
    assert "nope" not in str(caught.value)
    assert isinstance(caught.value, KeyError)
    assert isinstance(caught.value, JobcenterCoreError)


def test_an_allocation_asked_for_an_unknown_id_says_what_is_unknown(
    offer: Callable[..., GroupOffer], reg: Callable[..., Registration], june_21: Session
) -> None:
    """The batch result answers like the roster: UnknownId for ids it never saw."""
    result = allocate(offer(june_21), [reg(1)], caseworkers={"cw-1"})

    for query in (result.outcome, result.session_of, result.explain, result.placed_in):
        with pytest.raises(UnknownId, match=r"^unknown"):
            query("nope")


def test_a_command_on_an_unknown_registration_is_an_invalid_transition(
    full_roster: Callable[..., OfferState],
) -> None:
    """Commands refuse what they cannot apply; only queries raise UnknownId."""
    with pytest.raises(InvalidTransition, match="no such registration"):
        cancel(full_roster(waiting=1), "nope", at=at_berlin(2022, 6, 20, 9))


# --- who may register -------------------------------------------------------------------------


def test_a_roster_opened_without_its_case_workers_is_refused(
    offer: Callable[..., GroupOffer], june_21: Session
) -> None:
    """Open registration is never a default: ``open_offer(offer)`` says what is missing."""
    with pytest.raises(TypeError, match="caseworkers"):
        open_offer(offer(june_21))  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="ANYONE for open registration"):
        open_offer(offer(june_21), caseworkers=None)  # type: ignore[arg-type]


def test_open_registration_asked_for_by_name_lets_anyone_register(
    offer: Callable[..., GroupOffer], reg: Callable[..., Registration], june_21: Session
) -> None:
    """``caseworkers=ANYONE``: the front desk may register, and nothing is presumed."""
    state = open_offer(offer(june_21), caseworkers=ANYONE).state

    t = register(state, reg(1, by="front-desk"))

    assert RegistrationStatus.PLACED == t.state.status("r-1")
    assert () == t.events[0].presumed  # type: ignore[union-attr]
    assert t.state.caseworkers is None


def test_a_roster_of_case_workers_rejects_anyone_else(
    offer: Callable[..., GroupOffer], reg: Callable[..., Registration], june_21: Session
) -> None:
    """As the group-offers guide says: with case workers named, nobody else registers."""
    state = open_offer(offer(june_21), caseworkers=["cw-1"]).state

    t = register(state, reg(1, by="front-desk"))

    assert RegistrationStatus.REJECTED == t.state.status("r-1")
