"""Batch allocation: serial dictatorship in key order (enrolment/allocation.py).

The story cases (who fills the 21 June session, preferences, rejections by the case
worker rule, duplicates) are data:
``src/jobcenter_core/testing/statute/allocation.cases.yaml``. Here: commitments,
explanations and input errors.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

from jobcenter_core.dates import at_berlin
from jobcenter_core.enrolment import Commitment, Outcome, Registration, allocate
from jobcenter_core.errors import InvalidInput
from jobcenter_core.offers import GroupOffer, Session

CASEWORKERS = frozenset({"cw-1"})
"""The case worker who registers everyone in these tests (the fixtures' ``by``)."""


def test_nobody_gets_a_session_overlapping_a_seat_held_elsewhere(
    offer: Callable[..., GroupOffer],
    reg: Callable[..., Registration],
    june_21: Session,
    june_30: Session,
) -> None:
    """A commitment in another offer at the same time rules the session out."""
    training = Commitment(
        person_id="p-1",
        offer_id="bt",
        session_id="bt-1",
        start=at_berlin(2022, 6, 21, 11),
        end=at_berlin(2022, 6, 21, 13),
    )

    result = allocate(
        offer(june_21, june_30), [reg(1)], commitments=[training], caseworkers=CASEWORKERS
    )

    assert "s-0630" == result.session_of("r-1")
    assert "overlaps_commitment" == result.explain("r-1").codes[0]


def test_duplicate_registration_ids_are_an_input_error(
    offer: Callable[..., GroupOffer], reg: Callable[..., Registration], june_21: Session
) -> None:
    """Two registrations with one id cannot each have one outcome."""
    twice = [reg(1), attrs.evolve(reg(1), person_id="p-9")]

    with pytest.raises(InvalidInput, match="duplicate registration id"):
        allocate(offer(june_21), twice, caseworkers=CASEWORKERS)


def test_explain_names_the_full_session_and_the_worst_key_holding_a_seat(
    offer: Callable[..., GroupOffer], reg: Callable[..., Registration], june_21: Session
) -> None:
    """A waitlisted person learns which session was full and who holds its last seat."""
    registrations = [reg(1, "s-0621"), reg(2, "s-0621"), reg(3, "s-0621")]

    why = allocate(offer(june_21), registrations, caseworkers=CASEWORKERS).explain("r-3")

    assert Outcome.WAITLISTED == why.value
    assert ("session_full", "waitlisted") == why.codes
    assert "worst key holding a seat there is r-2" in why.reasons[0].message


def test_allocation_hands_its_seats_on_as_commitments_for_the_next_offer(
    offer: Callable[..., GroupOffer], reg: Callable[..., Registration], june_21: Session
) -> None:
    """Placements become commitments, so the application training avoids clashes."""
    first = allocate(offer(june_21), [reg(1)], caseworkers=CASEWORKERS)
    training = GroupOffer(
        id="bt",
        title="Bewerbungstraining",
        sessions=(
            Session(
                id="bt-1",
                start=at_berlin(2022, 6, 21, 10),
                end=at_berlin(2022, 6, 21, 12),
                venue=june_21.venue,
                capacity=5,
            ),
        ),
    )

    second = allocate(
        training,
        [reg(1, offer_id="bt")],
        commitments=first.new_commitments(),
        caseworkers=CASEWORKERS,
    )

    assert ["r-1"] == [r.id for r in second.waitlist]
