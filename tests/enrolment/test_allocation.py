"""Batch allocation: serial dictatorship in key order (enrolment/allocation.py)."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pytest

from jobcenter_core.dates import at_berlin
from jobcenter_core.enrolment import ANYONE, Commitment, Outcome, Registration, allocate
from jobcenter_core.errors import InvalidInput
from jobcenter_core.offers import GroupOffer, Session

CASEWORKERS = frozenset({"cw-1"})
"""The case worker who registers everyone in these tests (the fixtures' ``by``)."""


def test_first_registered_fill_the_session_and_the_rest_wait_in_key_order(
    offer: Callable[..., GroupOffer], reg: Callable[..., Registration], june_21: Session
) -> None:
    """Serial dictatorship: seats go in key order; the others wait in key order."""
    registrations = [reg(n, "s-0621") for n in (4, 2, 3, 1)]

    result = allocate(offer(june_21), registrations, caseworkers=CASEWORKERS)

    assert ["r-1", "r-2"] == [r.id for r in result.placed_in("s-0621")]
    assert ["r-3", "r-4"] == [r.id for r in result.waitlist]
    assert () == result.rejections


def test_each_person_takes_the_most_preferred_session_with_a_free_seat(
    offer: Callable[..., GroupOffer],
    reg: Callable[..., Registration],
    june_21: Session,
    june_30: Session,
) -> None:
    """Whoever finds the first choice full takes the second."""
    registrations = [reg(1, "s-0621"), reg(2, "s-0621"), reg(3, "s-0621", "s-0630")]

    result = allocate(offer(june_21, june_30), registrations, caseworkers=CASEWORKERS)

    assert "s-0630" == result.session_of("r-3")
    assert Outcome.PLACED == result.outcome("r-3")


def test_no_preference_means_any_session_earliest_first(
    offer: Callable[..., GroupOffer],
    reg: Callable[..., Registration],
    june_21: Session,
    june_30: Session,
) -> None:
    """An empty preference list takes the earliest session with room."""
    registrations = [reg(n) for n in range(1, 5)]

    result = allocate(offer(june_30, june_21), registrations, caseworkers=CASEWORKERS)

    assert {"s-0621": ["r-1", "r-2"], "s-0630": ["r-3", "r-4"]} == {
        sid: [r.id for r in regs] for sid, regs in result.placements
    }


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


def test_registration_by_someone_who_is_not_a_caseworker_is_rejected(
    offer: Callable[..., GroupOffer], reg: Callable[..., Registration], june_21: Session
) -> None:
    """Registrations go through the case workers."""
    registrations = [reg(1, by="cw-1"), reg(2, by="front-desk")]

    result = allocate(offer(june_21), registrations, caseworkers={"cw-1"})

    assert ["r-1"] == [r.id for r in result.placed_in("s-0621")]
    assert ("not_registered_by_caseworker",) == result.rejections[0].codes


def test_open_registration_is_asked_for_by_name(
    offer: Callable[..., GroupOffer], reg: Callable[..., Registration], june_21: Session
) -> None:
    """``caseworkers=ANYONE`` opens registration to anyone; nothing is presumed."""

    result = allocate(offer(june_21), [reg(1, by="front-desk")], caseworkers=ANYONE)

    assert Outcome.PLACED == result.outcome("r-1")
    assert () == result.missing


@pytest.mark.parametrize("caseworkers", [None, "cw-1", ["cw-1", 7]])
def test_who_may_register_is_never_presumed(
    offer: Callable[..., GroupOffer],
    reg: Callable[..., Registration],
    june_21: Session,
    caseworkers: object,
) -> None:
    """Without the case workers' ids or ANYONE, an allocation is refused, never guessed."""
    with pytest.raises(TypeError, match="'caseworkers' must"):
        allocate(offer(june_21), [reg(1)], caseworkers=caseworkers)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="caseworkers"):
        allocate(offer(june_21), [reg(1)])  # type: ignore[call-arg]


def test_unknown_session_and_other_offer_are_rejected_with_both_reasons(
    offer: Callable[..., GroupOffer], reg: Callable[..., Registration], june_21: Session
) -> None:
    """Every structural problem of a registration is listed."""
    bad = reg(1, "s-0701", offer_id="bt")

    result = allocate(offer(june_21), [bad], caseworkers={"cw-1"})

    assert ("wrong_offer", "unknown_session") == result.rejections[0].codes
    assert Outcome.REJECTED == result.explain("r-1").value


def test_second_registration_of_the_same_person_is_rejected_as_duplicate(
    offer: Callable[..., GroupOffer], reg: Callable[..., Registration], june_21: Session
) -> None:
    """Same person, same offer: the registration with the better key counts."""
    registrations = [reg(2, person="p-1"), reg(1, person="p-1")]

    result = allocate(offer(june_21), registrations, caseworkers=CASEWORKERS)

    assert ["r-1"] == [r.id for r in result.placed_in("s-0621")]
    assert "duplicate_registration" == result.rejections[0].codes[0]
    assert "r-2" == result.rejections[0].registration.id


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
