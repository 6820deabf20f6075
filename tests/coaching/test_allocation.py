"""The coaches' waitlist and allocating coaches within their weekly capacity
(coaching/allocation.py)."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobcenter_core.coaching import (
    Coach,
    CoachingProgramme,
    CoachingReferral,
    ReferralStatus,
    allocate_coaches,
    coach_loads,
    coaching_priority,
    replay_referral,
)
from jobcenter_core.dates import at_berlin
from jobcenter_core.errors import InvalidInput, InvalidPolicy
from jobcenter_core.needs import (
    NeedCategory,
)
from jobcenter_core.parameters import DEFAULT_POLICY, Dated
from jobcenter_core.strategies import (
    coaching_caseloads,
    coaching_programmes,
)

ON = pendulum.date(2022, 6, 22)
START = pendulum.datetime(2022, 6, 20, 9, tz="Europe/Berlin")


# --- the waitlist order -----------------------------------------------------------------


def test_limited_mobility_comes_first_on_the_coaches_waitlist(
    referred: Callable[..., CoachingReferral],
) -> None:
    """A later referral with limited mobility goes before an earlier one without."""
    early = referred("r-1", at=at_berlin(2022, 6, 20, 9))
    late_limited = referred("r-2", limited_mobility=True, at=at_berlin(2022, 6, 22, 9))

    ordered = sorted([early, late_limited], key=lambda r: coaching_priority(r, on=ON))

    assert ["r-2", "r-1"] == [r.id for r in ordered]


def test_blocking_need_comes_before_waiting_time(referred: Callable[..., CoachingReferral]) -> None:
    """Among equally mobile persons, a childcare need goes before an earlier German need."""
    early = referred("r-1", at=at_berlin(2022, 6, 20, 9))
    blocking = referred(
        "r-2", reasons=frozenset({NeedCategory.CHILDCARE}), at=at_berlin(2022, 6, 22, 9)
    )

    ordered = sorted([early, blocking], key=lambda r: coaching_priority(r, on=ON))

    assert ["r-2", "r-1"] == [r.id for r in ordered]


def test_among_equals_the_earlier_referral_goes_first_then_the_id(
    referred: Callable[..., CoachingReferral],
) -> None:
    """Waiting time decides among equals, and the id decides a tie."""
    a = referred("r-b", at=at_berlin(2022, 6, 20, 9))
    b = referred("r-a", at=at_berlin(2022, 6, 20, 9))
    c = referred("r-0", at=at_berlin(2022, 6, 21, 9))

    ordered = sorted([c, a, b], key=lambda r: coaching_priority(r, on=ON))

    assert ["r-a", "r-b", "r-0"] == [r.id for r in ordered]


def test_in_the_hour_the_clocks_go_back_the_earlier_referral_goes_first(
    referred: Callable[..., CoachingReferral],
) -> None:
    """Waiting time counts by the actual instant: 02:30 CEST is before 02:15 CET."""
    earlier = referred("r-b", at=pendulum.datetime(2022, 10, 30, 0, 30, tz="UTC"))
    later = referred("r-a", at=pendulum.datetime(2022, 10, 30, 1, 15, tz="UTC"))

    ordered = sorted([later, earlier], key=lambda r: coaching_priority(r, on=ON))

    assert (2, 15) == (later.referred_at.hour, later.referred_at.minute)
    assert ["r-b", "r-a"] == [r.id for r in ordered]


def test_policy_can_order_the_waitlist_first_come_first_served(
    referred: Callable[..., CoachingReferral],
) -> None:
    """The ordering is named in the policy; 'first_come' ignores mobility and needs."""
    policy = attrs.evolve(DEFAULT_POLICY, coaching_priority=Dated.always("first_come", note="t"))
    early = referred("r-1", at=at_berlin(2022, 6, 20, 9))
    late_limited = referred("r-2", limited_mobility=True, at=at_berlin(2022, 6, 22, 9))

    ordered = sorted(
        [late_limited, early], key=lambda r: coaching_priority(r, on=ON, policy=policy)
    )

    assert ["r-1", "r-2"] == [r.id for r in ordered]


def test_unknown_ordering_name_is_an_invalid_policy(
    referred: Callable[..., CoachingReferral],
) -> None:
    """A policy naming an ordering that does not exist is refused."""
    policy = attrs.evolve(DEFAULT_POLICY, coaching_priority=Dated.always("lottery", note="t"))

    with pytest.raises(InvalidPolicy):
        coaching_priority(referred(), on=ON, policy=policy)


# --- allocation -------------------------------------------------------------------------


def test_allocation_fills_coaches_up_to_their_weekly_capacity(
    programme: Callable[..., CoachingProgramme], referred: Callable[..., CoachingReferral]
) -> None:
    """Two coaches of capacity 2 and 1 take three of five referrals; two wait in order."""
    prog = programme(
        coaches=(
            Coach(id="coach-1", languages=frozenset({"uk"}), weekly_capacity=2),
            Coach(id="coach-2", languages=frozenset({"uk"}), weekly_capacity=1),
        )
    )
    referrals = [
        referred(f"r-{i}", person_id=f"p-{i}", at=at_berlin(2022, 6, 20, 9 + i), prog=prog)
        for i in range(5)
    ]

    result = allocate_coaches(referrals, prog, at=at_berlin(2022, 6, 23, 9))

    assert [("r-0", "coach-1"), ("r-1", "coach-1"), ("r-2", "coach-2")] == sorted(
        (a.referral_id, a.coach_id) for a in result.assignments
    )
    assert ["r-3", "r-4"] == [w.referral_id for w in result.waiting]
    assert {"coach-1": 2, "coach-2": 1} == dict(coach_loads(prog, result.referrals))


def test_allocation_gives_the_coach_with_most_free_places_first(
    programme: Callable[..., CoachingProgramme], referred: Callable[..., CoachingReferral]
) -> None:
    """Load is spread: the coach with more free places takes the next referral."""
    prog = programme(
        coaches=(
            Coach(id="coach-1", languages=frozenset({"uk"}), weekly_capacity=1),
            Coach(id="coach-2", languages=frozenset({"uk"}), weekly_capacity=3),
        )
    )

    result = allocate_coaches([referred(prog=prog)], prog, at=at_berlin(2022, 6, 23, 9))

    assert "coach-2" == result.assignments[0].coach_id


def test_unplaced_new_referrals_are_waitlisted_with_a_reason(
    programme: Callable[..., CoachingProgramme], referred: Callable[..., CoachingReferral]
) -> None:
    """A referral no coach can take is waitlisted, and the allocation says why."""
    prog = programme(languages=frozenset({"uk", "ru"}))
    referral = referred(language="ru", prog=prog)

    result = allocate_coaches([referral], prog, at=at_berlin(2022, 6, 23, 9))

    assert ReferralStatus.WAITLISTED == result.referrals[0].status
    assert "no_coach_for_language" == result.waiting[0].reason.code
    assert "r-1: waiting" in result.explain("r-1")


def test_person_already_coached_is_not_assigned_a_second_coach(
    programme: Callable[..., CoachingProgramme],
    referred: Callable[..., CoachingReferral],
    accepted: Callable[..., CoachingReferral],
) -> None:
    """A second referral of a person with a running coaching waits."""
    running = accepted()
    again = referred("r-2", person_id=running.person_id, at=at_berlin(2022, 6, 24, 9))

    result = allocate_coaches([running, again], programme(), at=at_berlin(2022, 6, 24, 10))

    assert "already_in_coaching" == result.waiting[0].reason.code


def test_allocation_refuses_referrals_of_another_programme(
    programme: Callable[..., CoachingProgramme], referred: Callable[..., CoachingReferral]
) -> None:
    """Referrals are allocated within their own programme."""
    other = attrs.evolve(referred(), programme_id="other")

    with pytest.raises(InvalidInput):
        allocate_coaches([other], programme(), at=at_berlin(2022, 6, 23, 9))


def test_allocation_events_replay_to_the_allocated_referrals(
    programme: Callable[..., CoachingProgramme], referred: Callable[..., CoachingReferral]
) -> None:
    """The allocation's events are the referrals' new history entries."""
    referrals = [referred(f"r-{i}", person_id=f"p-{i}") for i in range(4)]

    result = allocate_coaches(referrals, programme(), at=at_berlin(2022, 6, 23, 9))

    for r in result.referrals:
        assert r == replay_referral(r.history)
    assert len(result.events) == sum(len(r.history) - 1 for r in result.referrals)


# --- properties -------------------------------------------------------------------------


@given(programme=coaching_programmes(), data=st.data())
def test_allocation_never_exceeds_a_coachs_weekly_capacity(
    programme: CoachingProgramme, data: st.DataObject
) -> None:
    """After allocating, no coach holds more coachings than the weekly capacity."""
    caseload = data.draw(coaching_caseloads(programme))

    result = allocate_coaches(caseload, programme, at=START.add(days=15))

    loads = coach_loads(programme, result.referrals)
    for coach in programme.coaches:
        assert loads[coach.id] <= coach.weekly_capacity


@given(programme=coaching_programmes(), data=st.data())
def test_every_waiting_referral_is_placed_or_waits_never_lost_or_doubled(
    programme: CoachingProgramme, data: st.DataObject
) -> None:
    """Conservation: each waiting referral ends in exactly one outcome; others are untouched."""
    caseload = data.draw(coaching_caseloads(programme))
    waiting_before = [r.id for r in caseload if r.status.is_waiting]

    result = allocate_coaches(caseload, programme, at=START.add(days=15))

    placed = [a.referral_id for a in result.assignments]
    waiting = [w.referral_id for w in result.waiting]
    assert sorted(waiting_before) == sorted(placed + waiting)
    assert [r.id for r in caseload] == [r.id for r in result.referrals]
    for before, after in zip(caseload, result.referrals, strict=True):
        if not before.status.is_waiting:
            assert before == after
        elif after.id in placed:
            assert ReferralStatus.ACCEPTED == after.status
        else:
            assert ReferralStatus.WAITLISTED == after.status
        assert after == replay_referral(after.history)


@given(programme=coaching_programmes(), data=st.data())
def test_allocation_does_not_depend_on_input_order(
    programme: CoachingProgramme, data: st.DataObject
) -> None:
    """The same referrals in another order get the same coaches and the same waitlist."""
    caseload = data.draw(coaching_caseloads(programme))
    shuffled = data.draw(st.permutations(caseload))
    at = START.add(days=15)

    first = allocate_coaches(caseload, programme, at=at)
    second = allocate_coaches(shuffled, programme, at=at)

    assert first.assignments == second.assignments
    assert first.waiting == second.waiting
    assert sorted(first.referrals, key=lambda r: r.id) == sorted(
        second.referrals, key=lambda r: r.id
    )


@given(programme=coaching_programmes(), data=st.data())
def test_nobody_waits_for_a_full_coach_while_a_lower_priority_got_one(
    programme: CoachingProgramme, data: st.DataObject
) -> None:
    """Placements and waitlist follow the priority order; 'full' means full at the end."""
    caseload = data.draw(coaching_caseloads(programme))
    at = START.add(days=15)

    result = allocate_coaches(caseload, programme, at=at)

    by_id = {r.id: r for r in caseload}
    on = at.date()
    keys = [coaching_priority(by_id[w.referral_id], on=on) for w in result.waiting]
    assert sorted(keys) == keys
    loads = coach_loads(programme, result.referrals)
    for w in result.waiting:
        if w.reason.code == "coaches_full":
            language = by_id[w.referral_id].language
            for coach in programme.coaches_for(language):
                assert loads[coach.id] == coach.weekly_capacity


@pytest.mark.slow
@settings(max_examples=2000)
@given(programme=coaching_programmes(), data=st.data())
def test_allocation_capacity_and_conservation_long_run(
    programme: CoachingProgramme, data: st.DataObject
) -> None:
    """The capacity and conservation properties over many more caseloads."""
    caseload = data.draw(coaching_caseloads(programme, max_size=40))

    result = allocate_coaches(caseload, programme, at=START.add(days=15))

    loads = coach_loads(programme, result.referrals)
    assert all(loads[c.id] <= c.weekly_capacity for c in programme.coaches)
    assert sorted(r.id for r in caseload if r.status.is_waiting) == sorted(
        [a.referral_id for a in result.assignments] + [w.referral_id for w in result.waiting]
    )
