"""Enrolment: batch allocation, the incremental roster and the demand signal (enrolment.py)."""

from __future__ import annotations

import gc
import pickle

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobcenter_core.dates import at_berlin
from jobcenter_core.enrolment import (
    Commitment,
    Confirmed,
    Event,
    OfferState,
    Outcome,
    Registration,
    RegistrationStatus,
    RosterEntry,
    SeatOffered,
    SeatOfferExpired,
    Transition,
    add_session,
    allocate,
    cancel,
    confirm,
    decline,
    demand_signal,
    expire,
    move_session,
    open_offer,
    order_key,
    register,
    replay,
    reprioritise,
)
from jobcenter_core.enrolment._legacy import _Sorted
from jobcenter_core.errors import InvalidInput, InvalidTransition
from jobcenter_core.households import ChildCare, Household, Member, Relationship, RelationshipKind
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.offers import (
    Candidate,
    Employable,
    GroupOffer,
    HasChildrenNeedingCare,
    LanguageAtLeast,
    Session,
    Venue,
    WantsWorkAtShortNotice,
    all_of,
    any_of,
    not_,
)
from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex
from jobcenter_core.rules import in_target_group

YUPIDU = Venue(name="Zentrale Unterkunft (ehem. Yupidu)", address="Bocholt")
JUNE_21 = Session(
    id="s-0621",
    start=at_berlin(2022, 6, 21, 9),
    end=at_berlin(2022, 6, 21, 12),
    venue=YUPIDU,
    capacity=2,
)
JUNE_30 = Session(
    id="s-0630",
    start=at_berlin(2022, 6, 30, 9),
    end=at_berlin(2022, 6, 30, 12),
    venue=YUPIDU,
    capacity=2,
)


def offer(*sessions: Session, target_group: object = None) -> GroupOffer:
    extra = {} if target_group is None else {"target_group": target_group}
    return GroupOffer(
        id="lad",
        title="Leben und Arbeiten in Deutschland",
        sessions=sessions,
        **extra,  # type: ignore[arg-type]
    )


def reg(
    n: int,
    *prefs: str,
    priority: int = 0,
    person: str | None = None,
    minute: int | None = None,
    by: str = "cw-1",
    offer_id: str = "lad",
) -> Registration:
    return Registration(
        id=f"r-{n}",
        person_id=person if person is not None else f"p-{n}",
        offer_id=offer_id,
        preferences=prefs,
        registered_at=at_berlin(2022, 6, 13, 9, n if minute is None else minute),
        registered_by=by,
        priority=priority,
    )


def ids(registrations: tuple[Registration, ...]) -> list[str]:
    return [r.id for r in registrations]


def olena(**changes: object) -> Person:
    fields: dict[str, object] = {
        "id": "p-1",
        "birth_date": pendulum.date(1988, 4, 2),
        "sex": Sex.FEMALE,
        "languages": (LanguageSkill(language="uk", level=CefrLevel.NATIVE),),
        "residence": ResidenceStatus(document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT),
    }
    fields.update(changes)
    return Person(**fields)  # type: ignore[arg-type]


# --- order key and batch allocation ---------------------------------------------------------


def test_order_key_serves_higher_priority_then_earlier_registration_then_id() -> None:
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

    assert ["r-9", "r-1", "r-2", "r-3"] == ids(tuple(ordered))


def test_first_registered_fill_the_session_and_the_rest_wait_in_key_order() -> None:
    """Serial dictatorship: seats go in key order; the others wait in key order."""
    registrations = [reg(n, "s-0621") for n in (4, 2, 3, 1)]

    result = allocate(offer(JUNE_21), registrations)

    assert ["r-1", "r-2"] == ids(result.placed_in("s-0621"))
    assert ["r-3", "r-4"] == ids(result.waitlist)
    assert () == result.rejections


def test_each_person_takes_the_most_preferred_session_with_a_free_seat() -> None:
    """Whoever finds the first choice full takes the second."""
    registrations = [reg(1, "s-0621"), reg(2, "s-0621"), reg(3, "s-0621", "s-0630")]

    result = allocate(offer(JUNE_21, JUNE_30), registrations)

    assert "s-0630" == result.session_of("r-3")
    assert Outcome.PLACED == result.outcome("r-3")


def test_no_preference_means_any_session_earliest_first() -> None:
    """An empty preference list takes the earliest session with room."""
    registrations = [reg(n) for n in range(1, 5)]

    result = allocate(offer(JUNE_30, JUNE_21), registrations)

    assert {"s-0621": ["r-1", "r-2"], "s-0630": ["r-3", "r-4"]} == {
        sid: ids(regs) for sid, regs in result.placements
    }


def test_nobody_gets_a_session_overlapping_a_seat_held_elsewhere() -> None:
    """A commitment in another offer at the same time rules the session out."""
    training = Commitment(
        person_id="p-1",
        offer_id="bt",
        session_id="bt-1",
        start=at_berlin(2022, 6, 21, 11),
        end=at_berlin(2022, 6, 21, 13),
    )

    result = allocate(offer(JUNE_21, JUNE_30), [reg(1)], commitments=[training])

    assert "s-0630" == result.session_of("r-1")
    assert "overlaps_commitment" == result.explain("r-1").codes[0]


def test_registration_by_someone_who_is_not_a_caseworker_is_rejected() -> None:
    """Registrations go through the case workers."""
    registrations = [reg(1, by="cw-1"), reg(2, by="front-desk")]

    result = allocate(offer(JUNE_21), registrations, caseworkers={"cw-1"})

    assert ["r-1"] == ids(result.placed_in("s-0621"))
    assert ("not_registered_by_caseworker",) == result.rejections[0].codes


def test_without_a_caseworker_list_every_registrar_is_presumed_a_caseworker() -> None:
    """The contract call works without facts and says what it presumed."""

    result = allocate(offer(JUNE_21), [reg(1, by="front-desk")])

    assert Outcome.PLACED == result.outcome("r-1")
    assert ("registered_by",) == tuple(m.fact for m in result.missing)


def test_unknown_session_and_other_offer_are_rejected_with_both_reasons() -> None:
    """Every structural problem of a registration is listed."""
    bad = reg(1, "s-0701", offer_id="bt")

    result = allocate(offer(JUNE_21), [bad], caseworkers={"cw-1"})

    assert ("wrong_offer", "unknown_session") == result.rejections[0].codes
    assert Outcome.REJECTED == result.explain("r-1").value


def test_second_registration_of_the_same_person_is_rejected_as_duplicate() -> None:
    """Same person, same offer: the registration with the better key counts."""
    registrations = [reg(2, person="p-1"), reg(1, person="p-1")]

    result = allocate(offer(JUNE_21), registrations)

    assert ["r-1"] == ids(result.placed_in("s-0621"))
    assert "duplicate_registration" == result.rejections[0].codes[0]
    assert "r-2" == result.rejections[0].registration.id


def test_duplicate_registration_ids_are_an_input_error() -> None:
    """Two registrations with one id cannot each have one outcome."""
    twice = [reg(1), Registration(**{**_fields(reg(1)), "person_id": "p-9"})]

    with pytest.raises(InvalidInput, match="duplicate registration id"):
        allocate(offer(JUNE_21), twice)


def _fields(r: Registration) -> dict[str, object]:
    return {
        "id": r.id,
        "person_id": r.person_id,
        "offer_id": r.offer_id,
        "preferences": r.preferences,
        "registered_at": r.registered_at,
        "registered_by": r.registered_by,
        "priority": r.priority,
    }


def test_explain_names_the_full_session_and_the_worst_key_holding_a_seat() -> None:
    """A waitlisted person learns which session was full and who holds its last seat."""
    registrations = [reg(1, "s-0621"), reg(2, "s-0621"), reg(3, "s-0621")]

    why = allocate(offer(JUNE_21), registrations).explain("r-3")

    assert Outcome.WAITLISTED == why.value
    assert ("session_full", "waitlisted") == why.codes
    assert "worst key holding a seat there is r-2" in why.reasons[0].message


def test_allocation_hands_its_seats_on_as_commitments_for_the_next_offer() -> None:
    """Placements become commitments, so the application training avoids clashes."""
    first = allocate(offer(JUNE_21), [reg(1)])
    training = GroupOffer(
        id="bt",
        title="Bewerbungstraining",
        sessions=(
            Session(
                id="bt-1",
                start=at_berlin(2022, 6, 21, 10),
                end=at_berlin(2022, 6, 21, 12),
                venue=YUPIDU,
                capacity=5,
            ),
        ),
    )

    second = allocate(training, [reg(1, offer_id="bt")], commitments=first.new_commitments())

    assert ["r-1"] == ids(second.waitlist)


# --- target groups ------------------------------------------------------------------------------


def test_person_outside_the_target_group_is_rejected_with_the_rule_reasons() -> None:
    """An offer held in German at B1 rejects someone with A2 German, saying why."""
    german_b1 = offer(JUNE_21, target_group=LanguageAtLeast(language="de", level=CefrLevel.B1))
    person = olena(languages=(LanguageSkill(language="de", level=CefrLevel.A2),))

    result = allocate(german_b1, [reg(1)], candidates={"p-1": Candidate(person=person)})

    assert ("not_in_target_group", "language_level_below") == result.rejections[0].codes


def test_application_training_is_for_employable_people_wanting_work_at_short_notice() -> None:
    """The Bewerbungstraining admits whoever wants to take up work at short notice."""
    rule = all_of(Employable(), WantsWorkAtShortNotice())
    keen = Candidate(person=olena(), wants_work_at_short_notice=True)
    not_now = Candidate(person=olena(id="p-2"), wants_work_at_short_notice=False)

    result = allocate(
        offer(JUNE_21, target_group=rule),
        [reg(1), reg(2)],
        candidates={"p-1": keen, "p-2": not_now},
        caseworkers={"cw-1"},
    )

    assert ["r-1"] == ids(result.placed_in("s-0621"))
    assert "no_short_notice_wish" in result.rejections[0].codes
    assert () == result.missing


def test_without_person_facts_the_target_group_is_presumed_and_said_so() -> None:
    """Missing facts never silently pass: the allocation lists the presumption."""

    result = allocate(offer(JUNE_21, target_group=Employable()), [reg(1)])

    assert Outcome.PLACED == result.outcome("r-1")
    assert "target_group" in [m.fact for m in result.missing]


def test_child_under_fourteen_without_care_makes_a_parent_one_with_children_needing_care() -> None:
    """An offer with childcare on site is for parents whose children's care is not secured."""
    mother = olena()
    child = Person(id="c-1", birth_date=pendulum.date(2016, 3, 1), sex=Sex.MALE)
    household = Household(
        id="h-1",
        members=(Member(person=mother), Member(person=child, child_care=ChildCare.NONE)),
        relationships=(Relationship(person="c-1", kind=RelationshipKind.CHILD, of="p-1"),),
    )

    decision = in_target_group(
        HasChildrenNeedingCare(),
        Candidate(person=mother, household=household),
        on=pendulum.date(2022, 6, 21),
    )

    assert decision.value is True
    assert ("children_need_care",) == decision.codes


def test_child_at_school_does_not_need_care_during_the_offer() -> None:
    """Secured care (school) means no child needing care."""
    mother = olena()
    child = Person(id="c-1", birth_date=pendulum.date(2014, 3, 1), sex=Sex.MALE)
    household = Household(
        id="h-1",
        members=(Member(person=mother), Member(person=child, child_care=ChildCare.SCHOOL)),
        relationships=(Relationship(person="c-1", kind=RelationshipKind.CHILD, of="p-1"),),
    )

    decision = in_target_group(
        HasChildrenNeedingCare(),
        Candidate(person=mother, household=household),
        on=pendulum.date(2022, 6, 21),
    )

    assert decision.value is False


def test_unrecorded_short_notice_wish_is_presumed_absent_and_listed_as_missing() -> None:
    """Nobody is put into the application training on a guess."""

    decision = in_target_group(
        WantsWorkAtShortNotice(), Candidate(person=olena()), on=pendulum.date(2022, 6, 21)
    )

    assert decision.value is False
    assert ("wants_work_at_short_notice",) == tuple(m.fact for m in decision.missing)


def test_any_of_cites_the_rule_that_was_met() -> None:
    """A met "any of" explains itself by the rule that admitted the person."""
    rule = any_of(WantsWorkAtShortNotice(), LanguageAtLeast(language="uk", level=CefrLevel.B2))

    decision = in_target_group(rule, Candidate(person=olena()), on=pendulum.date(2022, 6, 21))

    assert decision.value is True
    assert ("language_level_met",) == decision.codes
    assert () == decision.missing


def test_not_rule_inverts_the_answer_and_says_so() -> None:
    """An offer for people without children needing care says so when it admits someone."""

    decision = in_target_group(
        not_(HasChildrenNeedingCare()),
        Candidate(person=olena(), household=None),
        on=pendulum.date(2022, 6, 21),
    )

    assert decision.value is True
    assert ("household_unknown", "negated_rule") == decision.codes
    assert ("household",) == tuple(m.fact for m in decision.missing)


def test_priority_rule_reorders_the_queue() -> None:
    """A priority rule sets priorities; the order key does the rest."""
    registrations = [reg(1, "s-0621"), reg(2, "s-0621"), reg(3, "s-0621")]
    facts = {"p-3": Candidate(person=olena(id="p-3"), wants_work_at_short_notice=True)}

    def short_notice_first(r: Registration, c: Candidate | None) -> int:
        return 1 if c is not None and c.wants_work_at_short_notice else 0

    result = allocate(
        offer(JUNE_21), reprioritise(registrations, short_notice_first, candidates=facts)
    )

    assert ["r-3", "r-1"] == ids(result.placed_in("s-0621"))


# --- the incremental roster ---------------------------------------------------------------------

CW = ["cw-1"]


# 2022-10-30, the night the clocks go back: 02:30 CEST comes 45 minutes before 02:15 CET.
BEFORE_FALL_BACK = pendulum.datetime(2022, 10, 30, 0, 30, tz="UTC")
AFTER_FALL_BACK = pendulum.datetime(2022, 10, 30, 1, 15, tz="UTC")


def test_in_the_hour_the_clocks_go_back_the_earlier_registration_is_served_first() -> None:
    """First come, first served by the actual instant, not by the wall clock."""
    earlier = attrs.evolve(reg(2, "s-0621"), registered_at=BEFORE_FALL_BACK)
    later = attrs.evolve(reg(1, "s-0621"), registered_at=AFTER_FALL_BACK)
    single_seat = attrs.evolve(JUNE_21, capacity=1)

    result = allocate(offer(single_seat), [later, earlier])

    assert (2, 15) == (later.registered_at.hour, later.registered_at.minute)
    assert {"s-0621": ["r-2"]} == {sid: ids(regs) for sid, regs in result.placements}
    assert ["r-1"] == ids(result.waitlist)


def test_in_the_hour_the_clocks_go_back_the_roster_queues_by_the_actual_instant() -> None:
    """A waitlist built across the fall-back hour is in the order people registered."""
    state = full_roster(waiting=0)
    later = attrs.evolve(reg(5, "s-0621"), registered_at=AFTER_FALL_BACK)
    earlier = attrs.evolve(reg(6, "s-0621"), registered_at=BEFORE_FALL_BACK)

    state = register(register(state, later).state, earlier).state
    freed = cancel(state, "r-1", at=at_berlin(2022, 10, 31, 9))

    assert ["r-6"] == [e.registration_id for e in freed.events if isinstance(e, SeatOffered)]


def full_roster(waiting: int = 2) -> OfferState:
    """June 21 (2 seats) full, *waiting* people on the waitlist."""
    state = open_offer(offer(JUNE_21), caseworkers=CW).state
    for n in range(1, 3 + waiting):
        state = register(state, reg(n, "s-0621")).state
    return state


def test_registration_is_placed_while_there_is_room_and_waitlisted_after() -> None:
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


def test_freed_seat_goes_to_the_head_of_the_waitlist_with_a_48_hour_hold() -> None:
    """A cancellation offers the seat to the first person waiting, held for 48 hours."""
    state = full_roster(waiting=2)

    t = cancel(state, "r-1", at=at_berlin(2022, 6, 15, 10))

    offered = [e for e in t.events if isinstance(e, SeatOffered)]
    assert ["r-3"] == [e.registration_id for e in offered]
    assert at_berlin(2022, 6, 17, 10) == offered[0].until
    assert (0, 1, 1) == (t.state.free("s-0621"), t.state.booked("s-0621"), t.state.held("s-0621"))


def test_newcomer_never_takes_a_seat_held_for_someone_waiting() -> None:
    """While the seat offer is open, a new registration joins the waitlist."""
    state = cancel(full_roster(waiting=1), "r-1", at=at_berlin(2022, 6, 15, 10)).state

    t = register(state, reg(9, "s-0621", minute=59))

    assert RegistrationStatus.WAITING == t.state.status("r-9")


def test_confirmed_seat_offer_takes_the_seat() -> None:
    """Confirming within the hold books the seat."""
    state = cancel(full_roster(waiting=1), "r-1", at=at_berlin(2022, 6, 15, 10)).state

    t = confirm(state, "r-3", at=at_berlin(2022, 6, 16, 9))

    assert (Confirmed,) == tuple(type(e) for e in t.events)
    assert RegistrationStatus.PLACED == t.state.status("r-3")
    assert (2, 0) == (t.state.booked("s-0621"), t.state.held("s-0621"))


def test_confirming_after_the_hold_has_passed_is_an_invalid_transition() -> None:
    """A lapsed seat offer cannot be confirmed."""
    state = cancel(full_roster(waiting=1), "r-1", at=at_berlin(2022, 6, 15, 10)).state

    with pytest.raises(InvalidTransition, match="lapsed"):
        confirm(state, "r-3", at=at_berlin(2022, 6, 17, 10))


def test_expired_seat_offer_passes_to_the_next_person_waiting() -> None:
    """Expiry ends the lapsed registration and offers the seat on, with a new hold."""
    state = cancel(full_roster(waiting=2), "r-1", at=at_berlin(2022, 6, 15, 10)).state

    t = expire(state, at=at_berlin(2022, 6, 17, 10))

    assert [SeatOfferExpired, SeatOffered] == [type(e) for e in t.events]
    assert RegistrationStatus.LAPSED == t.state.status("r-3")
    assert "r-4" == t.state.seat_offers()[0].registration_id
    assert at_berlin(2022, 6, 19, 10) == t.state.seat_offers()[0].until


def test_expiry_before_the_hold_ends_changes_nothing() -> None:
    """An offer still inside its hold stays open."""
    state = cancel(full_roster(waiting=1), "r-1", at=at_berlin(2022, 6, 15, 10)).state

    t = expire(state, at=at_berlin(2022, 6, 17, 9, 59))

    assert () == t.events
    assert state == t.state


def test_declined_seat_passes_on_and_frees_when_nobody_waits() -> None:
    """Declining hands the seat on; with nobody waiting the seat becomes free."""
    state = cancel(full_roster(waiting=1), "r-1", at=at_berlin(2022, 6, 15, 10)).state

    t = decline(state, "r-3", at=at_berlin(2022, 6, 15, 12))

    assert RegistrationStatus.DECLINED == t.state.status("r-3")
    assert 1 == t.state.free("s-0621")


def test_cancelling_after_confirming_frees_the_seat_for_the_next_person() -> None:
    """No resurrected offer: the cancelled registration is gone, the next person is offered."""
    state = cancel(full_roster(waiting=2), "r-1", at=at_berlin(2022, 6, 15, 10)).state
    state = confirm(state, "r-3", at=at_berlin(2022, 6, 15, 11)).state

    t = cancel(state, "r-3", at=at_berlin(2022, 6, 16, 9))

    assert RegistrationStatus.CANCELLED == t.state.status("r-3")
    assert ["r-4"] == [o.registration_id for o in t.state.seat_offers()]


def test_cancelling_twice_is_an_invalid_transition() -> None:
    """A cancelled registration cannot be cancelled again."""
    state = cancel(full_roster(), "r-1", at=at_berlin(2022, 6, 15, 10)).state

    with pytest.raises(InvalidTransition, match="cannot 'cancel' when status is 'cancelled'"):
        cancel(state, "r-1", at=at_berlin(2022, 6, 15, 11))


def test_confirming_without_a_seat_offer_is_an_invalid_transition() -> None:
    """Only an open seat offer can be confirmed."""

    with pytest.raises(InvalidTransition, match="status is 'waiting'"):
        confirm(full_roster(), "r-3", at=at_berlin(2022, 6, 15, 10))


def test_registering_a_known_registration_id_again_is_an_invalid_transition() -> None:
    """Registration ids are unique within a roster."""

    with pytest.raises(InvalidTransition, match="already known"):
        register(full_roster(), reg(1, "s-0621"))


def test_second_session_on_30_june_is_filled_from_the_waitlist_in_key_order() -> None:
    """The 21 June → 30 June story: the new session's seats go to those waiting, in order."""
    state = full_roster(waiting=3)

    t = add_session(state, JUNE_30, at=at_berlin(2022, 6, 17, 9))

    offered = [e.registration_id for e in t.events if isinstance(e, SeatOffered)]
    assert ["r-3", "r-4"] == offered
    assert ["r-5"] == ids(t.state.waitlist())
    assert (0, 2) == (t.state.free("s-0630"), t.state.held("s-0630"))


def test_adding_a_session_with_a_known_id_is_an_invalid_transition() -> None:
    """Session ids stay unique."""

    with pytest.raises(InvalidTransition, match="already has that session id"):
        add_session(full_roster(), JUNE_21, at=at_berlin(2022, 6, 17, 9))


def test_moving_to_another_session_offers_the_old_seat_to_the_waitlist() -> None:
    """A person moved from 21 to 30 June frees the 21 June seat for whoever waits."""
    state = add_session(full_roster(waiting=0), JUNE_30, at=at_berlin(2022, 6, 14, 9)).state
    state = register(state, reg(7, "s-0621", minute=40)).state

    t = move_session(state, "r-1", "s-0630", at=at_berlin(2022, 6, 15, 9))

    assert "s-0630" == t.state.session_of("r-1")
    assert ["r-7"] == [o.registration_id for o in t.state.seat_offers()]


def test_moving_into_a_full_session_is_an_invalid_transition() -> None:
    """A move needs a free seat."""
    state = full_roster(waiting=0)
    state = add_session(state, JUNE_30, at=at_berlin(2022, 6, 14, 9)).state
    for n in (7, 8):
        state = register(state, reg(n, "s-0630", minute=40 + n)).state

    with pytest.raises(InvalidTransition, match="no free seat"):
        move_session(state, "r-1", "s-0630", at=at_berlin(2022, 6, 15, 9))


def test_replaying_the_events_rebuilds_the_roster() -> None:
    """Events are enough to rebuild the state a service persisted."""
    opened = open_offer(offer(JUNE_21), caseworkers=CW)
    events = list(opened.events)
    state = opened.state
    steps = [reg(n, "s-0621") for n in range(1, 6)]
    for r in steps:
        t = register(state, r)
        state, events = t.state, events + list(t.events)
    for t_fn in (
        lambda s: cancel(s, "r-1", at=at_berlin(2022, 6, 15, 10)),
        lambda s: expire(s, at=at_berlin(2022, 6, 17, 10)),
        lambda s: add_session(s, JUNE_30, at=at_berlin(2022, 6, 17, 11)),
    ):
        t = t_fn(state)
        state, events = t.state, events + list(t.events)

    rebuilt = replay(events)

    assert state == rebuilt
    assert ids(state.waitlist()) == ids(rebuilt.waitlist())


def test_roster_rejects_what_allocate_rejects() -> None:
    """The incremental checks are the batch checks."""
    state = open_offer(offer(JUNE_21), caseworkers=CW).state

    t = register(state, reg(1, "s-0701", by="front-desk"))

    assert RegistrationStatus.REJECTED == t.state.status("r-1")
    assert ("unknown_session", "not_registered_by_caseworker") == t.state.rejections()[0].codes


# --- snapshots ------------------------------------------------------------------------------


def every_status_roster() -> tuple[OfferState, list[Event]]:
    """June 21 (2 seats): placed, offered, waiting (ranked and any session), cancelled,
    declined, lapsed and rejected registrations, and the events that lead there."""
    opened = open_offer(offer(JUNE_21), caseworkers=CW)
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


def test_every_status_roster_has_every_status_a_roster_keeps() -> None:
    """The fixture below covers each status outside a transition."""

    state, _ = every_status_roster()

    statuses = {e.status for e in state.snapshot().entries}
    assert set(RegistrationStatus) - {RegistrationStatus.REGISTERED} == statuses


def test_a_snapshot_rebuilds_an_equal_roster_that_acts_the_same() -> None:
    """from_snapshot(snapshot()) is the same roster: equal, and the next commands agree."""
    state, _ = every_status_roster()

    rebuilt = OfferState.from_snapshot(state.snapshot())

    assert state == rebuilt
    assert state.snapshot() == rebuilt.snapshot()
    later = at_berlin(2022, 6, 20, 9)
    assert expire(state, at=later) == expire(rebuilt, at=later)
    assert add_session(state, JUNE_30, at=later) == add_session(rebuilt, JUNE_30, at=later)
    assert register(state, reg(10)) == register(rebuilt, reg(10))


def test_rosters_from_the_same_events_are_equal_and_one_fact_more_is_not() -> None:
    """Equality compares what the roster holds, however it was reached."""
    state, events = every_status_roster()

    replayed = replay(events)
    one_more = register(state, reg(10)).state

    assert state == replayed
    assert hash(state) == hash(replayed)
    assert state != one_more


def test_a_snapshot_lists_entries_by_registration_id_and_reads_them_in_any_order() -> None:
    """The order of entries is stable on the way out and free on the way in."""
    state, _ = every_status_roster()
    snapshot = state.snapshot()

    shuffled = attrs.evolve(snapshot, entries=tuple(reversed(snapshot.entries)))

    assert sorted(ids_ := [e.registration.id for e in snapshot.entries]) == ids_
    assert state == OfferState.from_snapshot(shuffled)


def test_an_impossible_snapshot_is_refused_with_every_problem() -> None:
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


def test_a_roster_is_unchanged_by_the_transitions_that_follow_it() -> None:
    """Old states stay valid: commands on a state, or twice on it, never change it."""
    state, _ = every_status_roster()
    before = state.snapshot()
    later = at_berlin(2022, 6, 20, 9)

    first = cancel(state, "r-5", at=later)
    second = cancel(state, "r-5", at=later)
    expire(first.state, at=later.add(days=3))
    register(state, reg(10))

    assert before == state.snapshot()
    assert first == second
    assert RegistrationStatus.PLACED == state.status("r-5")


def test_a_pickled_roster_is_equal_and_acts_the_same() -> None:
    """A roster survives pickling (its indexes are rebuilt from their items)."""
    state, _ = every_status_roster()

    copy = pickle.loads(pickle.dumps(state))

    later = at_berlin(2022, 6, 20, 9)
    assert state == copy
    assert cancel(state, "r-5", at=later) == cancel(copy, "r-5", at=later)


def test_a_roster_keeps_its_facts_out_of_the_garbage_collectors_sight() -> None:
    """Facts without a hold or reasons hold only atoms, so the collector stops tracking them."""
    state, _ = every_status_roster()

    gc.collect()
    gc.collect()  # a tuple nested in a new tuple is let go one collection later

    tracked = {
        rid
        for rid, fact in state._facts.items()
        if gc.is_tracked(fact) or any(gc.is_tracked(x) for x in fact)
    }
    assert {"r-6", "r-9"} == tracked  # r-6 holds a seat offer (its hold), r-9 was rejected


KEYS = st.one_of(st.none(), st.integers(-50, 50))


@given(st.lists(KEYS, max_size=200), st.integers(0, 5), st.integers(-60, 260))
def test_roster_sorted_index_looks_keys_up_like_a_dict_in_every_version(
    steps: list[int | None], drift: int, probe: int
) -> None:
    """The sorted index (tail and tree) finds what a dict would and equals a fresh one."""
    versions: list[tuple[_Sorted, dict[int, int]]] = [(_Sorted(), {})]

    for i, step in enumerate(steps):
        index, expected = versions[-1]
        if step is None:
            if expected:
                smallest = min(expected)
                rest = {k: v for k, v in expected.items() if k != smallest}
                versions.append((index.rest(), rest))
            continue
        key = step + i * drift  # mostly increasing keys, as registrations arrive
        versions.append((index.set(key, i), {**expected, key: i}))

    for index, expected in versions:
        fresh = _Sorted.from_sorted(sorted(expected.items()))
        assert all(v == index.get(k) for k, v in expected.items())
        assert expected.get(probe) == index.get(probe)
        assert fresh == index
        assert hash(fresh) == hash(index)


# --- the demand signal ----------------------------------------------------------------------


def test_demand_signal_asks_for_sessions_once_twelve_are_waiting() -> None:
    """ceil(waiting / capacity) sessions once the waitlist reaches the AZAV group size."""
    big = Session(
        id="s-0621",
        start=JUNE_21.start,
        end=JUNE_21.end,
        venue=YUPIDU,
        capacity=10,
    )
    registrations = [reg(n, minute=n % 60, person=f"p-{n}") for n in range(10 + 25)]
    registrations = [
        Registration(**{**_fields(r), "id": f"r-{k:02}"}) for k, r in enumerate(registrations)
    ]

    signal = demand_signal(allocate(offer(big), registrations))

    assert 3 == signal.value
    assert "AZAV § 3 Abs. 3" == str(signal.reasons[0].reference)


def test_demand_signal_is_zero_below_the_minimum_group_size() -> None:
    """Eleven waiting do not justify another group."""
    state = full_roster(waiting=11)

    signal = demand_signal(state)

    assert 0 == signal.value
    assert ("waitlist_below_min_group_size",) == signal.codes


def test_demand_signal_counts_the_twelfth_person_waiting() -> None:
    """Twelve waiting for sessions of two seats: six more sessions."""

    signal = demand_signal(full_roster(waiting=12))

    assert 6 == signal.value
