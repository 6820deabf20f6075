"""The "add another session" signal (enrolment/demand.py)."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from jobcenter_core.enrolment import OfferState, Registration, allocate, demand_signal
from jobcenter_core.offers import GroupOffer, Session


def test_demand_signal_asks_for_sessions_once_twelve_are_waiting(
    offer: Callable[..., GroupOffer], reg: Callable[..., Registration], june_21: Session
) -> None:
    """ceil(waiting / capacity) sessions once the waitlist reaches the AZAV group size."""
    big = attrs.evolve(june_21, capacity=10)
    registrations = [
        attrs.evolve(reg(n, minute=n % 60, person=f"p-{n}"), id=f"r-{n:02}") for n in range(10 + 25)
    ]

    signal = demand_signal(allocate(offer(big), registrations, caseworkers={"cw-1"}))

    assert 3 == signal.value
    assert "AZAV § 3 Abs. 3" == str(signal.reasons[0].reference)


def test_demand_signal_is_zero_below_the_minimum_group_size(
    full_roster: Callable[..., OfferState],
) -> None:
    """Eleven waiting do not justify another group."""
    state = full_roster(waiting=11)

    signal = demand_signal(state)

    assert 0 == signal.value
    assert ("waitlist_below_min_group_size",) == signal.codes


def test_demand_signal_counts_the_twelfth_person_waiting(
    full_roster: Callable[..., OfferState],
) -> None:
    """Twelve waiting for sessions of two seats: six more sessions."""

    signal = demand_signal(full_roster(waiting=12))

    assert 6 == signal.value
