"""
Properties of allocation and of the incremental roster, with Hypothesis: capacity, one
outcome each, no overlaps, no justified envy, batch equals one by one, replay.

The ``slow`` variants run larger problems; the profile sets how many:
``HYPOTHESIS_PROFILE=long uv run pytest -m slow tests/enrolment/test_properties.py`` runs
5,000 examples each.
"""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobcenter_core.dates import at_berlin, instant_order
from jobcenter_core.decisions import Reason
from jobcenter_core.enrolment import (
    Allocation,
    Commitment,
    Event,
    OfferState,
    Registration,
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
)
from jobcenter_core.errors import InvalidTransition
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.offers import Candidate, GroupOffer, Session
from jobcenter_core.people import Person, Sex, WorkCapacity
from jobcenter_core.strategies import (
    ENROLMENT_CASEWORKERS,
    allocation_problems,
    commitments,
    group_offers,
    pendulum_dates,
    policies,
    roster_commands,
    target_group_rules,
)

ADULT_BIRTH_DATES = pendulum_dates(pendulum.date(1950, 1, 1), pendulum.date(2006, 12, 31))

Problem = tuple[GroupOffer, tuple[Registration, ...], tuple[Commitment, ...]]


def clashes(session: Session, person_id: str, held: tuple[Commitment, ...]) -> bool:
    return any(c.person_id == person_id and session.overlaps(c.start, c.end) for c in held)


def ranked(offer: GroupOffer, r: Registration) -> list[Session]:
    if r.preferences:
        return [offer.session(p) for p in r.preferences]
    return sorted(offer.sessions, key=lambda s: (s.start, s.id))


def check_allocation(
    offer: GroupOffer,
    regs: tuple[Registration, ...],
    held: tuple[Commitment, ...],
    result: Allocation,
) -> None:
    placed = dict(result.placements)
    # capacity never exceeded, rosters in key order
    for s in offer.sessions:
        assert len(placed[s.id]) <= s.capacity
        assert list(placed[s.id]) == sorted(placed[s.id], key=order_key)
    # each registration in exactly one outcome
    outcomes = [r.id for rs in placed.values() for r in rs]
    outcomes += [r.id for r in result.waitlist] + [x.registration.id for x in result.rejections]
    assert sorted(outcomes) == sorted(r.id for r in regs)
    assert list(result.waitlist) == sorted(result.waitlist, key=order_key)
    # no person in two overlapping sessions (one seat per offer; none clashing elsewhere)
    people = [r.person_id for rs in placed.values() for r in rs]
    assert len(people) == len(set(people))
    for sid, rs in placed.items():
        for r in rs:
            assert not clashes(offer.session(sid), r.person_id, held)
    # no justified envy
    got = {r.id: sid for sid, rs in placed.items() for r in rs}
    for r in [*result.waitlist, *(r for rs in placed.values() for r in rs)]:
        for s in ranked(offer, r):
            if got.get(r.id) == s.id:
                break
            if clashes(s, r.person_id, held):
                continue
            assert len(placed[s.id]) == s.capacity
            assert all(order_key(other) < order_key(r) for other in placed[s.id])
    # every rejection has reasons
    assert all(x.reasons for x in result.rejections)


@given(allocation_problems(), st.randoms(use_true_random=False))
def test_allocation_invariants_hold_and_input_order_does_not_matter(
    problem: Problem, rnd: object
) -> None:
    """Capacity, one outcome each, no overlaps, no justified envy, independent of input order."""
    offer, regs, held = problem
    shuffled = list(regs)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]

    result = allocate(offer, regs, commitments=held, caseworkers=ENROLMENT_CASEWORKERS)

    check_allocation(offer, regs, held, result)
    assert result == allocate(offer, shuffled, commitments=held, caseworkers=ENROLMENT_CASEWORKERS)


@pytest.mark.slow
@given(allocation_problems(max_registrations=60), st.randoms(use_true_random=False))
def test_allocation_invariants_hold_for_many_larger_problems(problem: Problem, rnd: object) -> None:
    """The allocation invariants, on thousands of problems of up to 60 registrations."""
    offer, regs, held = problem
    shuffled = list(regs)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]

    result = allocate(offer, shuffled, commitments=held, caseworkers=ENROLMENT_CASEWORKERS)

    check_allocation(offer, regs, held, result)


LANGUAGES = st.lists(
    st.builds(
        LanguageSkill,
        language=st.sampled_from(("de", "uk", "en")),
        level=st.sampled_from(CefrLevel),
    ),
    max_size=2,
    unique_by=lambda skill: skill.language,
)


@st.composite
def candidates(draw: st.DrawFn, people: int = 8) -> dict[str, Candidate]:
    """Facts for some of the people p-0 … (the others have none): adults, languages, wishes."""
    found = {}
    for i in range(people):
        if draw(st.integers(0, 4)) == 0:
            continue
        person = Person(
            id=f"p-{i}",
            birth_date=draw(ADULT_BIRTH_DATES),
            sex=Sex.FEMALE,
            languages=draw(LANGUAGES),
            work_capacity=draw(
                st.sampled_from(
                    [None, WorkCapacity(hours_per_day=2, assessed_on=pendulum.date(2022, 5, 30))]
                )
            ),
        )
        found[person.id] = Candidate(
            person=person,
            wants_work_at_short_notice=draw(st.one_of(st.none(), st.booleans())),
        )
    return found


def one_by_one(
    offer: GroupOffer,
    regs: tuple[Registration, ...],
    held: tuple[Commitment, ...],
    facts: dict[str, Candidate],
) -> OfferState:
    state = open_offer(offer, commitments=held, caseworkers=ENROLMENT_CASEWORKERS).state
    # Recorded in key order once all were made: time in the roster never runs backwards.
    recorded = max((r.registered_at for r in regs), default=None, key=instant_order)
    for r in sorted(regs, key=order_key):
        state = register(state, r, candidate=facts.get(r.person_id), at=recorded).state
    return state


@given(allocation_problems(target_groups=target_group_rules()), candidates())
def test_batch_allocation_equals_registering_one_by_one_in_key_order(
    problem: Problem, facts: dict[str, Candidate]
) -> None:
    """Batch and incremental give the same placements, waitlist and rejections."""
    offer, regs, held = problem

    batch = allocate(
        offer, regs, commitments=held, candidates=facts, caseworkers=ENROLMENT_CASEWORKERS
    )
    state = one_by_one(offer, regs, held, facts)

    assert batch.placements == state.placements()
    assert batch.waitlist == state.waitlist()
    assert batch.rejections == state.rejections()


@pytest.mark.slow
@given(allocation_problems(max_registrations=40, target_groups=target_group_rules()), candidates())
def test_batch_equals_one_by_one_for_many_problems(
    problem: Problem, facts: dict[str, Candidate]
) -> None:
    """Batch equals incremental, on thousands of problems with target groups."""
    offer, regs, held = problem

    batch = allocate(
        offer, regs, commitments=held, candidates=facts, caseworkers=ENROLMENT_CASEWORKERS
    )
    state = one_by_one(offer, regs, held, facts)

    assert (batch.placements, batch.waitlist, batch.rejections) == (
        state.placements(),
        state.waitlist(),
        state.rejections(),
    )


def check_roster(state: OfferState) -> None:
    seat_offers = state.seat_offers()
    placed = dict(state.placements())
    waiting = state.waitlist()
    assert state.waiting_count == len(waiting)
    for s in state.offer.sessions:
        free, booked, held = state.free(s.id), state.booked(s.id), state.held(s.id)
        assert free >= 0
        assert free + booked + held == s.capacity
        assert booked == len(placed[s.id])
        assert held == sum(1 for o in seat_offers if o.session_id == s.id)
        if free > 0:
            # a free seat exists only while nobody who ranked it (or any session) waits for it
            for w in waiting:
                if not w.preferences or s.id in w.preferences:
                    assert clashes(s, w.person_id, state.commitments)
        for r in placed[s.id]:
            assert not clashes(s, r.person_id, state.commitments)
    active = [r.person_id for rs in placed.values() for r in rs]
    active += [w.person_id for w in waiting]
    active += [state.entry(o.registration_id).registration.person_id for o in seat_offers]
    assert len(active) == len(set(active))


def drive(
    offer: GroupOffer,
    commands: tuple[tuple[str, object, int], ...],
    held: tuple[Commitment, ...],
    policy: object,
) -> tuple[OfferState, list[Event]]:
    opened = open_offer(offer, commitments=held, caseworkers=ENROLMENT_CASEWORKERS)
    state, events = opened.state, list(opened.events)
    clock = at_berlin(2022, 6, 14, 9)
    known: list[str] = []
    for kind, argument, minutes in commands:
        clock = clock.add(minutes=minutes)
        t: Transition
        try:
            if kind == "register":
                assert isinstance(argument, Registration)
                t = register(state, argument, policy=policy, at=clock)  # type: ignore[arg-type]
                known.append(argument.id)
            elif kind == "add_session":
                assert isinstance(argument, Session)
                t = add_session(state, argument, at=clock, policy=policy)  # type: ignore[arg-type]
            elif kind == "move":
                which, where = argument  # type: ignore[misc]
                sessions = state.offer.session_ids
                if not sessions:
                    continue
                t = move_session(
                    state, known[which], sessions[where % len(sessions)], at=clock, policy=policy
                )  # type: ignore[arg-type]
            elif kind == "expire":
                t = expire(state, at=clock, policy=policy)  # type: ignore[arg-type]
            else:
                rid = known[argument]  # type: ignore[index]
                if kind == "cancel":
                    t = cancel(state, rid, at=clock, policy=policy)  # type: ignore[arg-type]
                elif kind == "confirm":
                    t = confirm(state, rid, at=clock)
                else:
                    t = decline(state, rid, at=clock, policy=policy)  # type: ignore[arg-type]
        except InvalidTransition:
            continue
        state = t.state
        events.extend(t.events)
        check_roster(state)
    return state, events


@st.composite
def roster_runs(
    draw: st.DrawFn, max_size: int = 30
) -> tuple[GroupOffer, tuple[tuple[str, object, int], ...], tuple[Commitment, ...]]:
    offer = draw(group_offers(min_sessions=0, max_sessions=3, max_capacity=3))
    return offer, draw(roster_commands(offer, max_size=max_size)), draw(commitments(offer))


@given(roster_runs(), policies())
def test_roster_conserves_seats_at_every_step_and_replays_from_its_events(
    run: tuple[GroupOffer, tuple[tuple[str, object, int], ...], tuple[Commitment, ...]],
    policy: object,
) -> None:
    """free + booked + held = capacity after every command; replaying the events rebuilds the state."""
    offer, commands, held = run

    state, events = drive(offer, commands, held, policy)

    assert state == replay(events)


@pytest.mark.slow
@given(roster_runs(max_size=80), policies())
def test_roster_invariants_hold_over_long_random_runs(
    run: tuple[GroupOffer, tuple[tuple[str, object, int], ...], tuple[Commitment, ...]],
    policy: object,
) -> None:
    """The roster invariants over thousands of runs of up to 80 commands."""
    offer, commands, held = run

    state, events = drive(offer, commands, held, policy)

    assert state == replay(events)


@given(group_offers(), st.integers(0, 60), st.integers(0, 60), policies())
def test_demand_signal_never_falls_as_more_people_wait(
    offer: GroupOffer, a: int, b: int, policy: object
) -> None:
    """More people waiting never means fewer extra sessions."""
    fewer, more = sorted((a, b))
    regs = tuple(
        Registration(
            id=f"r-{i:03}",
            person_id=f"p-{i}",
            offer_id=offer.id,
            registered_by="cw-1",
            registered_at=at_berlin(2022, 6, 13, 9, i % 60),
        )
        for i in range(more)
    )

    def signal(waiting: int) -> int:
        roster = Allocation(offer=offer, placements=(), waitlist=regs[:waiting], rejections=())
        return demand_signal(roster, policy=policy, on=pendulum.date(2022, 6, 21)).value  # type: ignore[arg-type]

    assert signal(fewer) <= signal(more)
    assert (signal(more) > 0) == (more >= 12)


def test_rejection_reasons_are_stable_snake_case_codes() -> None:
    """Reason codes are safe to match on."""

    reasons = [Reason(code="duplicate_registration", message="x")]

    assert all(r.code.replace("_", "").isalnum() and r.code.islower() for r in reasons)
