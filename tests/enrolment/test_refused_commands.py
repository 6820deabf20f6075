"""
A roster command that is not allowed says so (enrolment/commands.py): the
:class:`~jobcenter_core.errors.InvalidTransition` names the command refused, the status it
was refused in and, where the status alone does not say it, why — so that a case worker's
tool can tell the person what happened without reading the roster's log.

The roster below: 21 June (two seats) full with r-1 and r-2; r-1 cancelled on 15 June at
10:00, so its seat is offered to r-3 until 17 June, 10:00.

And what a command is judged under: the day and the policy a registration's target group
is judged on, the presumption it is admitted on, and the seat-offer hold in force on the
day a seat is freed.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pendulum
import pytest

from jobcenter_core.dates import at_berlin
from jobcenter_core.enrolment import (
    Commitment,
    OfferState,
    Registered,
    Registration,
    RegistrationStatus,
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
from jobcenter_core.enrolment.admission import PRESUMED_TARGET_GROUP
from jobcenter_core.errors import InvalidTransition
from jobcenter_core.offers import Candidate, Employable, GroupOffer, Session
from jobcenter_core.parameters import DEFAULT_POLICY, Dated
from jobcenter_core.people import Person, WorkCapacity

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


# --- what a registration is judged under, and how long a freed seat is held -------------------


def test_a_roster_registration_without_the_persons_facts_records_the_presumption(
    offer: Callable[..., GroupOffer], reg: Callable[..., Registration], june_21: Session
) -> None:
    """SGB II § 16 Abs. 1: an offer for employable people admits a registration without
    the person's facts only on the presumption that the target group is met; the roster's
    Registered event says so, as the batch allocation does."""
    state = open_offer(offer(june_21, target_group=Employable()), caseworkers=["cw-1"]).state

    t = register(state, reg(1, "s-0621"))

    assert RegistrationStatus.PLACED == t.state.status("r-1")
    [registered] = [e for e in t.events if isinstance(e, Registered)]
    assert (PRESUMED_TARGET_GROUP,) == registered.presumed


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (None, RegistrationStatus.REJECTED),
        (pendulum.date(2022, 6, 19), RegistrationStatus.REJECTED),
        (pendulum.date(2022, 6, 20), RegistrationStatus.PLACED),
    ],
)
def test_a_roster_judges_the_target_group_on_the_day_asked_by_default_the_day_registered(
    on: pendulum.Date | None,
    expected: RegistrationStatus,
    offer: Callable[..., GroupOffer],
    reg: Callable[..., Registration],
    olena: Callable[..., Person],
    june_21: Session,
) -> None:
    """SGB II § 7 Abs. 1 S. 1 Nr. 1 with § 7a: a girl who turns 15 on 20 June 2022,
    registered on 13 June, is of working age, and so in an offer for employable people,
    when judged on her birthday; not on the day before, nor on the day registered."""
    girl = Candidate(person=olena(birth_date=pendulum.date(2007, 6, 20)))
    state = open_offer(offer(june_21, target_group=Employable()), caseworkers=["cw-1"]).state

    t = register(state, reg(1, "s-0621"), candidate=girl, on=on)

    assert expected == t.state.status("r-1")


def test_a_roster_judges_the_target_group_under_the_policy_asked(
    offer: Callable[..., GroupOffer],
    reg: Callable[..., Registration],
    olena: Callable[..., Person],
    june_21: Session,
) -> None:
    """SGB II § 8 Abs. 1 as a parameter: able to work 3 hours a day, a person is
    employable under the law in force and placed, but rejected under a policy asking 4."""
    strict = attrs.evolve(DEFAULT_POLICY, min_daily_work_hours=Dated.always(4, note="test"))
    three_hours = WorkCapacity(hours_per_day=3.0, assessed_on=pendulum.date(2022, 3, 1))
    person = Candidate(person=olena(work_capacity=three_hours))
    state = open_offer(offer(june_21, target_group=Employable()), caseworkers=["cw-1"]).state

    statuses = [
        register(state, reg(1, "s-0621"), candidate=person, policy=p).state.status("r-1")
        for p in (DEFAULT_POLICY, strict)
    ]

    assert [RegistrationStatus.PLACED, RegistrationStatus.REJECTED] == statuses


HOLD_OF_24_HOURS_FROM_16_JUNE = attrs.evolve(
    DEFAULT_POLICY,
    seat_offer_hold=DEFAULT_POLICY.seat_offer_hold.change_from(
        pendulum.date(2022, 6, 16), pendulum.duration(hours=24), note="test: 24 hours"
    ),
)


@pytest.mark.parametrize(
    ("freed", "until"),
    [
        (at_berlin(2022, 6, 15, 23, 59), at_berlin(2022, 6, 17, 23, 59)),
        (at_berlin(2022, 6, 16, 0, 0), at_berlin(2022, 6, 17, 0, 0)),
        (at_berlin(2022, 6, 17, 10, 0), at_berlin(2022, 6, 18, 10, 0)),
    ],
)
def test_a_freed_seat_is_held_as_long_as_the_hold_in_force_on_the_day_it_is_freed(
    freed: pendulum.DateTime,
    until: pendulum.DateTime,
    full_roster: Callable[..., OfferState],
) -> None:
    """The seat-offer hold is a local parameter (48 hours at the Werkakademie): a policy
    shortening it to 24 hours from 16 June holds a seat freed the minute before midnight
    for 48 hours, and one freed at midnight or later for 24."""
    state = full_roster(waiting=1)

    t = cancel(state, "r-1", at=freed, policy=HOLD_OF_24_HOURS_FROM_16_JUNE)

    assert [until] == [o.until for o in t.state.seat_offers()]
