"""
The search engine (interpreting/_search.py) against itself as first written
(``search_as_first_written.py``): the same jobs on the same machines, the same parts
unproven with the same bounds, at every budget; and :func:`served`, which says only which
jobs are served, against :func:`book`.
"""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import examples

from jobcenter_core.interpreting._search import _Part, book, served

Day = tuple[list[int], list[int], list[list[int]]]

FIRST_WRITTEN: dict[str, Any] = runpy.run_path(
    str(Path(__file__).parent / "search_as_first_written.py")
)
first_book = FIRST_WRITTEN["book"]

BUDGETS = st.sampled_from((0, 1, 3, 10, 40, 50_000))


@st.composite
def parts(draw: st.DrawFn, *, max_jobs: int = 14, max_machines: int = 8) -> Day:
    """Jobs on the quarter hours of one day, by start then end; machines often alike."""
    machines = draw(st.integers(min_value=1, max_value=max_machines))
    jobs = sorted(
        draw(st.lists(st.tuples(st.integers(0, 24), st.integers(1, 8)), max_size=max_jobs))
    )
    groups = draw(st.lists(st.sets(st.integers(0, machines - 1)), min_size=1, max_size=3))
    eligible = [sorted(draw(st.sampled_from(groups))) for _ in jobs]
    return [s for s, _ in jobs], [s + d for s, d in jobs], eligible


@st.composite
def crowded(draw: st.DrawFn) -> Day:
    """Too many jobs for few machines of up to three kinds: who runs which matters."""
    return draw(parts(max_jobs=12, max_machines=4))


def check_same_as_first_written(day: Day, budget: int) -> None:
    new, old = book(*day, budget=budget), first_book(*day, budget=budget)

    assert (new.machine_of, new.unproven, new.bounds) == (old.machine_of, old.unproven, old.bounds)


@settings(max_examples=examples(300), deadline=None)
@given(st.one_of(parts(), crowded()), BUDGETS)
def test_the_search_books_as_first_written(day: Day, budget: int) -> None:
    check_same_as_first_written(day, budget)


@pytest.mark.slow
@settings(max_examples=examples(10_000), deadline=None)
@given(st.one_of(parts(), crowded(), parts(max_jobs=24, max_machines=10)), BUDGETS)
def test_the_search_books_as_first_written_long_run(day: Day, budget: int) -> None:
    check_same_as_first_written(day, budget)


def check_served_as_booked(day: Day, budget: int) -> None:
    schedule = book(*day, budget=budget)
    unproven = {
        k: (len(group), bound, sum(1 for j in group if j in schedule.machine_of))
        for group, bound in zip(schedule.unproven, schedule.bounds, strict=True)
        for k in group
        if k not in schedule.machine_of
    }

    assert served(*day, budget=budget) == (set(schedule.machine_of), unproven)


@settings(max_examples=examples(300), deadline=None)
@given(st.one_of(parts(), crowded()), BUDGETS)
def test_the_jobs_served_are_the_jobs_booked(day: Day, budget: int) -> None:
    check_served_as_booked(day, budget)


@pytest.mark.slow
@settings(max_examples=examples(10_000), deadline=None)
@given(st.one_of(parts(), crowded(), parts(max_jobs=24, max_machines=10)), BUDGETS)
def test_the_jobs_served_are_the_jobs_booked_long_run(day: Day, budget: int) -> None:
    check_served_as_booked(day, budget)


@settings(max_examples=examples(300), deadline=None)
@given(crowded())
def test_served_either_way_is_what_the_walk_serves_when_it_says(day: Day) -> None:
    """When the pick of kind does not change which jobs are served, those are the walk's."""
    starts, ends, eligible = day
    jobs = [k for k in range(len(starts)) if eligible[k]]
    sub = ([starts[k] for k in jobs], [ends[k] for k in jobs], [eligible[k] for k in jobs])
    part = _Part(*sub, bounded=False)
    sure = part.served_either_way()
    exact = _Part(*sub)
    exact.budget = 50_000

    if sure is not None:
        assert sure == set(exact.walk(exact.most()))


def test_which_job_is_served_can_depend_on_the_machine_picked() -> None:
    """Job 0 on machine 0 leaves job 1 out, on machine 1 job 2: served either way says so."""
    part = _Part([0, 0, 0], [60, 60, 60], [[0, 1], [0], [1]], bounded=False)

    assert part.served_either_way() is None
    assert served([0, 0, 0], [60, 60, 60], [[0, 1], [0], [1]]) == ({0, 2}, {})


def test_a_part_whose_search_might_outrun_its_budget_is_searched_in_full() -> None:
    """Six jobs at once on six machines each: too many states for a budget of 100 steps."""
    part = _Part([0] * 6, [60] * 6, [list(range(6))] * 5 + [[0]], bounded=False)

    assert not part.steps_at_most(100)
    assert part.steps_at_most(50_000)


def test_the_multipliers_stop_once_a_schedule_serves_their_total() -> None:
    """
    Job 0 on either machine, job 1 (overlapping it) only on machine 0: the greedy puts job
    0 on machine 0 and serves one; the bound at no multipliers is 2, and 2 can be served,
    so the first round is the best and the search starts from 2.
    """
    part = _Part([0, 5], [10, 20], [[0, 1], [0]])

    assert (part.lower, part.upper, part.proven) == (1, 2, 2)
    assert part.rest == [0.0, 0.0, 0.0]
    assert book([0, 5], [10, 20], [[0, 1], [0]]).machine_of == {0: 1, 1: 0}
