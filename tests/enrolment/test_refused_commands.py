"""
A roster command that is not allowed says so (enrolment/commands.py): the
:class:`~jobcenter_core.errors.InvalidTransition` names the command refused, the status it
was refused in and, where the status alone does not say it, why — so that a case worker's
tool can tell the person what happened without reading the roster's log.

The roster below: 21 June (two seats) full with r-1 and r-2; r-1 cancelled on 15 June at
10:00, so its seat is offered to r-3 until 17 June, 10:00.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

from jobcenter_core.dates import at_berlin
from jobcenter_core.enrolment import (
    Commitment,
    OfferState,
    Registration,
    Transition,
    add_session,
    cancel,
    confirm,
    decline,
    expire,
    move_session,
    open_offer,
    register,
)
from jobcenter_core.errors import InvalidTransition
from jobcenter_core.offers import GroupOffer, Session

LATEST = at_berlin(2022, 6, 15, 10)
"""The cancellation of r-1, the roster's latest event."""

LATER = at_berlin(2022, 6, 15, 11)
EARLIER = at_berlin(2022, 6, 15, 9)
HOLD_ENDS = at_berlin(2022, 6, 17, 10)

Command = Callable[[OfferState], Transition]


@pytest.fixture
def offered(full_roster: Callable[..., OfferState]) -> OfferState:
    """r-2 placed, r-1 cancelled at LATEST, its seat offered to r-3 until HOLD_ENDS."""
    return cancel(full_roster(waiting=1), "r-1", at=LATEST).state


def _refusals(
    reg: Callable[..., Registration], june_21: Session, june_30: Session
) -> dict[str, tuple[Command, str, str, str]]:
    """Each refused command: the command, then the command, status and reason it names."""
    made_at_noon = attrs.evolve(reg(9, "s-0621"), registered_at=at_berlin(2022, 6, 15, 12))
    return {
        "register an id already known": (
            lambda s: register(s, reg(2, "s-0621"), at=LATER),
            "register",
            "placed",
            "already known",
        ),
        "register before it was made": (
            lambda s: register(s, made_at_noon, at=LATER),
            "register",
            "open",
            "before it was made",
        ),
        "cancel a registration that does not exist": (
            lambda s: cancel(s, "r-99", at=LATER),
            "cancel",
            "unknown",
            "no such registration",
        ),
        "cancel twice": (lambda s: cancel(s, "r-1", at=LATER), "cancel", "cancelled", ""),
        "confirm without a seat offer": (
            lambda s: confirm(s, "r-2", at=LATER),
            "confirm",
            "placed",
            "",
        ),
        "confirm when the hold has ended": (
            lambda s: confirm(s, "r-3", at=HOLD_ENDS),
            "confirm",
            "offered",
            "lapsed",
        ),
        "confirm a registration that does not exist": (
            lambda s: confirm(s, "r-99", at=LATER),
            "confirm",
            "unknown",
            "no such registration",
        ),
        "decline without a seat offer": (
            lambda s: decline(s, "r-2", at=LATER),
            "decline",
            "placed",
            "",
        ),
        "decline a registration that does not exist": (
            lambda s: decline(s, "r-99", at=LATER),
            "decline",
            "unknown",
            "no such registration",
        ),
        "add a session id the offer has": (
            lambda s: add_session(s, june_21, at=LATER),
            "add_session",
            "open",
            "already has that session id",
        ),
        "move a seat offer": (
            lambda s: move_session(s, "r-3", "s-0630", at=LATER),
            "move_session",
            "offered",
            "",
        ),
        "move a registration that does not exist": (
            lambda s: move_session(s, "r-99", "s-0621", at=LATER),
            "move_session",
            "unknown",
            "no such registration",
        ),
        "move into the same session": (
            lambda s: move_session(s, "r-2", "s-0621", at=LATER),
            "move_session",
            "placed",
            "same session",
        ),
        "move into a session the offer does not have": (
            lambda s: move_session(s, "r-2", "s-0630", at=LATER),
            "move_session",
            "placed",
            "unknown or same session",
        ),
    }


REFUSALS = [
    "register an id already known",
    "register before it was made",
    "cancel a registration that does not exist",
    "cancel twice",
    "confirm without a seat offer",
    "confirm when the hold has ended",
    "confirm a registration that does not exist",
    "decline without a seat offer",
    "decline a registration that does not exist",
    "add a session id the offer has",
    "move a seat offer",
    "move a registration that does not exist",
    "move into the same session",
    "move into a session the offer does not have",
]


@pytest.mark.parametrize("refusal", REFUSALS)
def test_a_refused_command_names_itself_the_status_it_met_and_why(
    refusal: str,
    offered: OfferState,
    reg: Callable[..., Registration],
    june_21: Session,
    june_30: Session,
) -> None:
    """A command the registration's status does not allow raises InvalidTransition with
    the command and the status; a refusal the status does not explain says why."""
    act, command, status, why = _refusals(reg, june_21, june_30)[refusal]

    with pytest.raises(InvalidTransition) as caught:
        act(offered)

    assert (command, status) == (caught.value.command, caught.value.status)
    assert why in str(caught.value)
    assert f"cannot {command!r} when status is {status!r}" in str(caught.value)


COMMANDS = ["register", "cancel", "confirm", "decline", "expire", "add_session", "move_session"]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_command_dated_before_the_latest_event_is_refused_as_the_command_it_is(
    command: str,
    offered: OfferState,
    reg: Callable[..., Registration],
    june_30: Session,
) -> None:
    """Time in a roster never runs backwards: a command dated before the latest event is
    refused by its own name, with the roster open, and says that time never runs back."""
    act: dict[str, Command] = {
        "register": lambda s: register(s, reg(9, "s-0621"), at=EARLIER),
        "cancel": lambda s: cancel(s, "r-2", at=EARLIER),
        "confirm": lambda s: confirm(s, "r-3", at=EARLIER),
        "decline": lambda s: decline(s, "r-3", at=EARLIER),
        "expire": lambda s: expire(s, at=EARLIER),
        "add_session": lambda s: add_session(s, june_30, at=EARLIER),
        "move_session": lambda s: move_session(s, "r-2", "s-0621", at=EARLIER),
    }

    with pytest.raises(InvalidTransition) as caught:
        act[command](offered)

    assert (command, "open") == (caught.value.command, caught.value.status)
    assert "never runs backwards" in str(caught.value)


def test_a_move_into_a_full_session_or_one_that_clashes_is_refused_saying_so(
    offer: Callable[..., GroupOffer],
    reg: Callable[..., Registration],
    june_21: Session,
    june_30: Session,
) -> None:
    """A move needs a free seat the person can take: 30 June full, or p-1 holding a
    seat elsewhere on the morning of 30 June, refuse the move of r-1 there."""
    elsewhere = Commitment(
        person_id="p-1",
        offer_id="bt",
        session_id="bt-1",
        start=at_berlin(2022, 6, 30, 10),
        end=at_berlin(2022, 6, 30, 11),
    )
    free = open_offer(offer(june_21, june_30), caseworkers=["cw-1"]).state
    clash = open_offer(offer(june_21, june_30), commitments=[elsewhere], caseworkers=["cw-1"]).state
    full = free
    for n in (1, 2, 3):
        full = register(full, reg(n, "s-0621" if n == 1 else "s-0630")).state
    clash = register(clash, reg(1, "s-0621")).state

    refused = []
    for state in (full, clash):
        with pytest.raises(InvalidTransition) as caught:
            move_session(state, "r-1", "s-0630", at=LATER)
        refused.append((caught.value.command, caught.value.status))
        assert "no free seat the person can take" in str(caught.value)

    assert [("move_session", "placed")] * 2 == refused
