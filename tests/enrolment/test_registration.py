"""Registrations: the order they are served in, and priority rules (enrolment/registration.py)."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pendulum
import pytest

from jobcenter_core.dates import at_berlin
from jobcenter_core.enrolment import (
    Registration,
    SeatOffered,
    allocate,
    cancel,
    order_key,
    register,
    reprioritise,
)
from jobcenter_core.offers import Candidate, GroupOffer, Session

# 2022-10-30, the night the clocks go back: 02:30 CEST comes 45 minutes before 02:15 CET.
BEFORE_FALL_BACK = pendulum.datetime(2022, 10, 30, 0, 30, tz="UTC")
AFTER_FALL_BACK = pendulum.datetime(2022, 10, 30, 1, 15, tz="UTC")


def test_order_key_serves_higher_priority_then_earlier_registration_then_id(
    reg: Callable[..., Registration],
) -> None:
    """Priority first, then registration time, then id: input order never matters."""
    late_urgent = reg(9, priority=1)
    early = reg(1)
    tie_b = reg(3, minute=5)
    tie_a = Registration(
        id="r-2",
        person_id="p-2",
        offer_id="lad",
        registered_at=at_berlin(2022, 6, 13, 9, 5),
        registered_by="cw-1",
    )

    ordered = sorted([tie_b, early, tie_a, late_urgent], key=order_key)

    assert ["r-9", "r-1", "r-2", "r-3"] == [r.id for r in ordered]


def test_in_the_hour_the_clocks_go_back_the_earlier_registration_is_served_first(
    offer: Callable[..., GroupOffer], reg: Callable[..., Registration], june_21: Session
) -> None:
    """First come, first served by the actual instant, not by the wall clock."""
    earlier = attrs.evolve(reg(2, "s-0621"), registered_at=BEFORE_FALL_BACK)
    later = attrs.evolve(reg(1, "s-0621"), registered_at=AFTER_FALL_BACK)
    single_seat = attrs.evolve(june_21, capacity=1)

    result = allocate(offer(single_seat), [later, earlier], caseworkers={"cw-1"})

    assert (2, 15) == (later.registered_at.hour, later.registered_at.minute)
    assert {"s-0621": ["r-2"]} == {sid: [r.id for r in rs] for sid, rs in result.placements}
    assert ["r-1"] == [r.id for r in result.waitlist]


def test_in_the_hour_the_clocks_go_back_the_roster_queues_by_the_actual_instant(
    full_roster: Callable[..., object], reg: Callable[..., Registration]
) -> None:
    """A waitlist built across the fall-back hour is in the order people registered."""
    state = full_roster(waiting=0)
    later = attrs.evolve(reg(5, "s-0621"), registered_at=AFTER_FALL_BACK)
    earlier = attrs.evolve(reg(6, "s-0621"), registered_at=BEFORE_FALL_BACK)

    state = register(state, later).state  # type: ignore[arg-type]
    state = register(state, earlier, at=AFTER_FALL_BACK).state  # type: ignore[arg-type]
    freed = cancel(state, "r-1", at=at_berlin(2022, 10, 31, 9))

    assert ["r-6"] == [e.registration_id for e in freed.events if isinstance(e, SeatOffered)]


def test_a_priority_rule_reorders_the_queue(
    offer: Callable[..., GroupOffer],
    reg: Callable[..., Registration],
    olena: Callable[..., object],
    june_21: Session,
) -> None:
    """A priority rule sets priorities; the order key does the rest."""
    registrations = [reg(1, "s-0621"), reg(2, "s-0621"), reg(3, "s-0621")]
    facts = {"p-3": Candidate(person=olena(id="p-3"), wants_work_at_short_notice=True)}  # type: ignore[arg-type]

    def short_notice_first(r: Registration, c: Candidate | None) -> int:
        return 1 if c is not None and c.wants_work_at_short_notice else 0

    result = allocate(
        offer(june_21),
        reprioritise(registrations, short_notice_first, candidates=facts),
        caseworkers={"cw-1"},
    )

    assert ["r-3", "r-1"] == [r.id for r in result.placed_in("s-0621")]


def test_a_priority_may_be_negative_and_then_goes_after_the_default(
    reg: Callable[..., Registration],
) -> None:
    """Priority 0 is the default; a negative priority serves a registration later."""
    later = reg(1, priority=-1)
    default = reg(2)

    ordered = sorted([later, default], key=order_key)

    assert ["r-2", "r-1"] == [r.id for r in ordered]


def test_a_registration_names_each_session_once(reg: Callable[..., Registration]) -> None:
    """Preferences rank sessions; naming one twice is an input error."""

    with pytest.raises(ValueError, match="'preferences' lists a session twice"):
        reg(1, "s-0621", "s-0621")
