"""The coaches' waitlist and allocating coaches within their weekly capacity
(coaching/allocation.py)."""

from __future__ import annotations

import runpy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import examples

from jobcenter_core.coaching import (
    Coach,
    CoachingProgramme,
    CoachingReferral,
    ReferralStatus,
    accept_referral,
    allocate_coaches,
    coach_loads,
    coach_plan,
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
from jobcenter_core.testing.coaching import coaching_shortages

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


@given(programme=coaching_programmes(), data=st.data())
def test_the_plan_is_the_allocations_assignments_without_changing_anything(
    programme: CoachingProgramme, data: st.DataObject
) -> None:
    """coach_plan names the referrals allocate_coaches assigns, to the same coaches, in order."""
    caseload = data.draw(coaching_caseloads(programme))
    at = START.add(days=15)

    plan = coach_plan(caseload, programme, at=at)

    assignments = allocate_coaches(caseload, programme, at=at).assignments
    assert [(a.referral_id, a.coach_id) for a in assignments] == list(plan.items())


def test_the_plan_refuses_referrals_of_another_programme(
    programme: Callable[..., CoachingProgramme], referred: Callable[..., CoachingReferral]
) -> None:
    """As allocate_coaches does: a referral of another programme is bad input."""
    other = attrs.evolve(referred(), programme_id="another")

    with pytest.raises(InvalidInput, match=r"\$\[0\]\.programme_id"):
        coach_plan([other], programme(), at=START.add(days=15))


@pytest.mark.slow
@settings(max_examples=examples(2000))
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


# --- the scarce coaches: the most served, the higher priority first (issue 20) -----------


def _ukrainian_then_russian(
    prog: CoachingProgramme, referred: Callable[..., CoachingReferral]
) -> list[CoachingReferral]:
    """A Ukrainian referral at 9:00 and a Russian one at 10:00 on 20 June, two persons."""
    return [
        referred("r-uk", person_id="p-1", at=at_berlin(2022, 6, 20, 9), prog=prog),
        referred("r-ru", person_id="p-2", language="ru", at=at_berlin(2022, 6, 20, 10), prog=prog),
    ]


def _bilingual_programme(programme: Callable[..., CoachingProgramme]) -> CoachingProgramme:
    """coach-a coaches in Ukrainian and Russian, coach-b only in Ukrainian; one place each."""
    return programme(
        languages=frozenset({"uk", "ru"}),
        coaches=(
            Coach(id="coach-a", languages=frozenset({"uk", "ru"}), weekly_capacity=1),
            Coach(id="coach-b", languages=frozenset({"uk"}), weekly_capacity=1),
        ),
    )


def test_the_bilingual_coach_takes_the_russian_referral_so_both_are_served(
    programme: Callable[..., CoachingProgramme], referred: Callable[..., CoachingReferral]
) -> None:
    """Issue 20: a Ukrainian and a Russian referral, coach-a speaks both: both get a coach."""
    prog = _bilingual_programme(programme)

    result = allocate_coaches(
        _ukrainian_then_russian(prog, referred), prog, at=at_berlin(2022, 6, 23, 9)
    )

    assert [("r-uk", "coach-b"), ("r-ru", "coach-a")] == [
        (a.referral_id, a.coach_id) for a in result.assignments
    ]
    assert () == result.waiting


def test_a_higher_priority_referral_is_served_before_a_lower_one_of_equal_count(
    programme: Callable[..., CoachingProgramme], referred: Callable[..., CoachingReferral]
) -> None:
    """Two can be served either way; the second in line (Russian) beats the third (Ukrainian)."""
    prog = _bilingual_programme(programme)
    first = referred("r-1", person_id="p-1", at=at_berlin(2022, 6, 20, 9), prog=prog)
    second = referred(
        "r-2", person_id="p-2", language="ru", at=at_berlin(2022, 6, 20, 10), prog=prog
    )
    third = referred("r-3", person_id="p-3", at=at_berlin(2022, 6, 20, 11), prog=prog)

    result = allocate_coaches([third, second, first], prog, at=at_berlin(2022, 6, 23, 9))

    assert ["r-1", "r-2"] == [a.referral_id for a in result.assignments]
    assert ("r-3", "coaches_full") == (result.waiting[0].referral_id, result.waiting[0].reason.code)
    assert "referrals ahead of it that no other coach could take" in result.explain("r-3")


def test_a_person_referred_twice_is_served_through_the_referral_that_leaves_room(
    programme: Callable[..., CoachingProgramme], referred: Callable[..., CoachingReferral]
) -> None:
    """p-1's Ukrainian referral would take the only Ukrainian coach; her Russian one serves both."""
    prog = programme(
        languages=frozenset({"uk", "ru"}),
        coaches=(
            Coach(id="coach-uk", languages=frozenset({"uk"}), weekly_capacity=1),
            Coach(id="coach-ru", languages=frozenset({"ru"}), weekly_capacity=1),
        ),
    )
    first_uk = referred("r-1", person_id="p-1", at=at_berlin(2022, 6, 20, 9), prog=prog)
    other_uk = referred("r-2", person_id="p-2", at=at_berlin(2022, 6, 20, 10), prog=prog)
    first_ru = referred(
        "r-3", person_id="p-1", language="ru", at=at_berlin(2022, 6, 20, 11), prog=prog
    )

    result = allocate_coaches([first_uk, other_uk, first_ru], prog, at=at_berlin(2022, 6, 23, 9))

    assert [("r-2", "coach-uk"), ("r-3", "coach-ru")] == [
        (a.referral_id, a.coach_id) for a in result.assignments
    ]
    assert [("r-1", "already_in_coaching")] == [
        (w.referral_id, w.reason.code) for w in result.waiting
    ]


def test_a_coach_full_with_running_coachings_takes_nobody(
    programme: Callable[..., CoachingProgramme],
    referred: Callable[..., CoachingReferral],
    accepted: Callable[..., CoachingReferral],
) -> None:
    """Boundary: capacity 2, two running: the third waits as coaches_full; one running: one more."""
    running = [accepted(referred(f"r-{i}", person_id=f"p-{i}")) for i in (1, 2)]
    newcomer = referred("r-3", person_id="p-3", at=at_berlin(2022, 6, 24, 9))
    at = at_berlin(2022, 6, 24, 10)

    full = allocate_coaches([*running, newcomer], programme(), at=at)
    one_free = allocate_coaches([running[0], newcomer], programme(), at=at)

    assert ("coaches_full", ()) == (full.waiting[0].reason.code, full.assignments)
    assert ["r-3"] == [a.referral_id for a in one_free.assignments]


def test_no_waiting_referrals_allocate_nothing(
    programme: Callable[..., CoachingProgramme], accepted: Callable[..., CoachingReferral]
) -> None:
    """Boundary: only running coachings: nothing assigned, nothing waits, nothing changes."""
    running = accepted()

    result = allocate_coaches([running], programme(), at=at_berlin(2022, 6, 24, 10))

    assert ((), (), (running,)) == (result.assignments, result.waiting, result.referrals)


OLD_ALLOCATE_COACHES = runpy.run_path(
    str(Path(__file__).parents[2] / "benchmarks" / "bench_scarce.py")
)["old_allocate_coaches"]
"""The old greedy ``allocate_coaches``, kept in the benchmark that compares against it."""


def test_the_old_greedy_left_the_russian_referral_waiting(
    programme: Callable[..., CoachingProgramme], referred: Callable[..., CoachingReferral]
) -> None:
    """The issue's example against the old rule kept in the benchmark: it served one."""
    prog = _bilingual_programme(programme)

    old = OLD_ALLOCATE_COACHES(
        _ukrainian_then_russian(prog, referred), prog, at=at_berlin(2022, 6, 23, 9)
    )

    assert ["r-ru"] == [w.referral_id for w in old.waiting]


def _servable_person_sets(
    caseload: tuple[CoachingReferral, ...], programme: CoachingProgramme
) -> set[frozenset[str]]:
    """Brute force: every set of waiting persons some assignment could serve at once."""
    loads = coach_loads(programme, caseload)
    coached = {r.person_id for r in caseload if r.status.is_active}
    coaches = programme.coaches
    states = {(tuple(max(0, c.weekly_capacity - loads[c.id]) for c in coaches), frozenset[str]())}
    for r in caseload:
        if not r.status.is_waiting or r.person_id in coached:
            continue
        grown = set(states)
        for free, persons in states:
            if r.person_id in persons:
                continue
            for j, coach in enumerate(coaches):
                if free[j] and coach in programme.coaches_for(r.language):
                    less = (*free[:j], free[j] - 1, *free[j + 1 :])
                    grown.add((less, persons | {r.person_id}))
        states = grown
    return {persons for _, persons in states}


def _rank_of_persons(caseload: tuple[CoachingReferral, ...], on: pendulum.Date) -> dict[str, Any]:
    """Each waiting person's place in the queue: the key of their best waiting referral."""
    rank: dict[str, Any] = {}
    for r in caseload:
        if r.status.is_waiting:
            key = coaching_priority(r, on=on)
            rank[r.person_id] = min(rank.get(r.person_id, key), key)
    return rank


def _most_and_first_by_brute_force(
    caseload: tuple[CoachingReferral, ...], programme: CoachingProgramme, *, on: pendulum.Date
) -> tuple[int, frozenset[str]]:
    """The most persons any assignment serves, and of those sets the first in priority."""
    rank = _rank_of_persons(caseload, on)
    possible = _servable_person_sets(caseload, programme)
    most = max(len(s) for s in possible)
    best = min((s for s in possible if len(s) == most), key=lambda s: sorted(rank[p] for p in s))
    return most, best


def _served_persons(caseload: tuple[CoachingReferral, ...], result: Any) -> frozenset[str]:
    by_id = {r.id: r for r in caseload}
    return frozenset(by_id[a.referral_id].person_id for a in result.assignments)


@settings(max_examples=examples(200))
@given(shortage=coaching_shortages())
def test_as_many_are_served_as_any_assignment_and_the_higher_priority_first(
    shortage: tuple[CoachingProgramme, tuple[CoachingReferral, ...]],
) -> None:
    """Property: the served persons are the most any assignment serves, and of all such
    sets the one that is first in priority order (brute force over every assignment)."""
    programme, caseload = shortage
    at = START.add(days=15)

    result = allocate_coaches(caseload, programme, at=at)

    most, best = _most_and_first_by_brute_force(caseload, programme, on=at.date())
    served = _served_persons(caseload, result)
    assert most == len(served)
    assert best == served


@given(shortage=coaching_shortages(max_referrals=20, max_coaches=6))
def test_never_fewer_are_served_than_by_the_old_greedy(
    shortage: tuple[CoachingProgramme, tuple[CoachingReferral, ...]],
) -> None:
    """Property: the allocation serves at least as many referrals as the old greedy rule."""
    programme, caseload = shortage
    at = START.add(days=15)

    new = allocate_coaches(caseload, programme, at=at)
    old = OLD_ALLOCATE_COACHES(caseload, programme, at=at)

    assert len(new.assignments) >= len(old.assignments)


@given(shortage=coaching_shortages(max_referrals=20, max_coaches=6))
def test_every_coaches_full_referral_finds_its_coaches_full_at_the_end(
    shortage: tuple[CoachingProgramme, tuple[CoachingReferral, ...]],
) -> None:
    """Property: 'coaches_full' is true of the result: every coach of the language is full."""
    programme, caseload = shortage

    result = allocate_coaches(caseload, programme, at=START.add(days=15))

    loads = coach_loads(programme, result.referrals)
    by_id = {r.id: r for r in caseload}
    for w in result.waiting:
        if w.reason.code == "coaches_full":
            for coach in programme.coaches_for(by_id[w.referral_id].language):
                assert loads[coach.id] >= coach.weekly_capacity


@given(shortage=coaching_shortages(max_referrals=20, max_coaches=6), data=st.data())
def test_a_short_supply_of_coaches_is_allocated_alike_in_any_input_order(
    shortage: tuple[CoachingProgramme, tuple[CoachingReferral, ...]], data: st.DataObject
) -> None:
    """Property: persons referred twice and bilingual coaches: the same result in any order."""
    programme, caseload = shortage
    shuffled = data.draw(st.permutations(caseload))
    at = START.add(days=15)

    first = allocate_coaches(caseload, programme, at=at)
    second = allocate_coaches(shuffled, programme, at=at)

    assert (first.assignments, first.waiting) == (second.assignments, second.waiting)


@pytest.mark.slow
@settings(max_examples=examples(5_000))
@given(shortage=coaching_shortages())
def test_as_many_are_served_as_any_assignment_long_run(
    shortage: tuple[CoachingProgramme, tuple[CoachingReferral, ...]],
) -> None:
    """Oracle, five thousand caseloads: the most persons, the first in priority order."""
    programme, caseload = shortage
    at = START.add(days=15)

    result = allocate_coaches(caseload, programme, at=at)

    served = _served_persons(caseload, result)
    assert (len(served), served) == _most_and_first_by_brute_force(
        caseload, programme, on=at.date()
    )


# --- pinned by mutation testing (issue 21) --------------------------------------------------


@pytest.mark.parametrize(
    ("ordering", "first"),
    [("mobility_first", "r-mobility"), ("blocking_first", "r-blocking")],
)
def test_the_policy_names_whether_limited_mobility_or_a_blocking_need_comes_first(
    referred: Callable[..., CoachingReferral], ordering: str, first: str
) -> None:
    """
    SGB II § 16 (local ranking rule): under ``blocking_first`` a childcare need goes
    before limited mobility, under ``mobility_first`` (default) the other way round;
    the later referral is first either way.
    """
    policy = attrs.evolve(DEFAULT_POLICY, coaching_priority=Dated.always(ordering, note="t"))
    mobility = referred("r-mobility", limited_mobility=True, at=at_berlin(2022, 6, 20, 9))
    blocking = referred(
        "r-blocking", reasons=frozenset({NeedCategory.CHILDCARE}), at=at_berlin(2022, 6, 21, 9)
    )
    plain = referred("r-plain", at=at_berlin(2022, 6, 19, 9))

    ordered = sorted(
        [plain, mobility, blocking], key=lambda r: coaching_priority(r, on=ON, policy=policy)
    )

    assert [first, "r-plain"] == [ordered[0].id, ordered[-1].id]


def test_under_blocking_first_limited_mobility_still_goes_before_waiting_time(
    referred: Callable[..., CoachingReferral],
) -> None:
    """Among referrals without a blocking need, limited mobility decides before waiting time."""
    policy = attrs.evolve(
        DEFAULT_POLICY, coaching_priority=Dated.always("blocking_first", note="t")
    )
    early = referred("r-1", at=at_berlin(2022, 6, 20, 9))
    late_limited = referred("r-2", limited_mobility=True, at=at_berlin(2022, 6, 22, 9))

    ordered = sorted(
        [early, late_limited], key=lambda r: coaching_priority(r, on=ON, policy=policy)
    )

    assert ["r-2", "r-1"] == [r.id for r in ordered]


def test_a_coachs_load_counts_only_the_referrals_of_the_programme(
    referred: Callable[..., CoachingReferral],
    accepted: Callable[..., CoachingReferral],
    programme: Callable[..., CoachingProgramme],
) -> None:
    """A coach working for two programmes: each programme counts its own referrals, once."""
    other_programme = programme(id="uk-in-person")
    other = accept_referral(
        referred("r-2", person_id="p-2", prog=other_programme),
        other_programme,
        coach_id="coach-1",
        starts_on=pendulum.date(2022, 6, 27),
        caseload=(),
        at=at_berlin(2022, 6, 23, 9),
    ).referral
    mine = accepted(referred("r-1"))

    assert {"coach-1": 1} == dict(coach_loads(programme(), [mine, other, mine]))
    assert {"coach-1": 1} == dict(coach_loads(other_programme, [mine, other]))
