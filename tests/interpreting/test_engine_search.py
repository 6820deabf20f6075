"""
The search engine behind ``assign_interpreters`` (interpreting/_search.py) against brute
force over every schedule: it serves the most jobs any schedule serves, and, walking the
jobs in order, leaves a job out only if no schedule that keeps the earlier jobs where
they are serves it and still the most.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import examples

from jobcenter_core.interpreting._search import Schedule, book

Day = tuple[list[int], list[int], list[list[int]]]


@st.composite
def days(draw: st.DrawFn, *, max_jobs: int = 6, max_machines: int = 3) -> Day:
    """Jobs on the quarter hours of one day, by start then end; each on some machines."""
    machines = draw(st.integers(min_value=1, max_value=max_machines))
    jobs = sorted(
        draw(st.lists(st.tuples(st.integers(0, 16), st.integers(1, 6)), max_size=max_jobs))
    )
    eligible = [
        sorted(draw(st.sets(st.integers(0, machines - 1), max_size=machines))) for _ in jobs
    ]
    return [s for s, _ in jobs], [s + d for s, d in jobs], eligible


def schedules(day: Day) -> Iterator[tuple[int | None, ...]]:
    """Every schedule: for each job its machine or None, no machine running two at once."""
    starts, ends, eligible = day

    def extend(k: int, chosen: list[int | None]) -> Iterator[tuple[int | None, ...]]:
        if k == len(starts):
            yield tuple(chosen)
            return
        yield from extend(k + 1, [*chosen, None])
        for m in eligible[k]:
            if all(
                chosen[j] != m or ends[j] <= starts[k] or ends[k] <= starts[j] for j in range(k)
            ):
                yield from extend(k + 1, [*chosen, m])

    return extend(0, [])


def served(schedule: Sequence[int | None]) -> int:
    return sum(1 for m in schedule if m is not None)


def check_against_brute_force(day: Day, result: Schedule) -> None:
    """The result is a schedule, serves the most, and leaves out only what it must."""
    starts = day[0]
    everything = list(schedules(day))
    most = max(served(s) for s in everything)
    mine = tuple(result.machine_of.get(k) for k in range(len(starts)))

    assert mine in everything
    assert most == served(mine)
    for k, machine in enumerate(mine):
        if machine is None:
            assert not any(
                s[:k] == mine[:k] and s[k] is not None and served(s) == most for s in everything
            )


@settings(max_examples=examples(300))
@given(days())
def test_the_search_serves_as_many_jobs_as_any_schedule_and_the_earlier_first(day: Day) -> None:
    """Oracle: brute force over every schedule of up to six jobs on up to three machines."""
    result = book(*day)

    check_against_brute_force(day, result)
    assert () == result.unproven


@pytest.mark.slow
@settings(max_examples=examples(10_000))
@given(days(max_jobs=7, max_machines=3))
def test_the_search_against_brute_force_long_run(day: Day) -> None:
    """Oracle, ten thousand days of up to seven jobs."""
    check_against_brute_force(day, book(*day))


def test_two_jobs_at_once_go_to_the_machine_only_one_of_them_can_use_last() -> None:
    """The job both machines can run leaves machine 0 to the job only it can run."""
    result = book([0, 0], [60, 60], [[0, 1], [0]])

    assert {0: 1, 1: 0} == result.machine_of


def test_a_part_beyond_the_budget_is_scheduled_greedily_and_reported_with_its_bound() -> None:
    """With no search budget, the greedy schedules the part and the bound is reported."""
    starts, ends, eligible = [0, 0, 30], [60, 60, 90], [[0, 1], [0], [1]]

    result = book(starts, ends, eligible, budget=0)

    assert ((0, 1, 2),) == result.unproven
    assert len(result.bounds) == 1 and result.bounds[0] >= len(result.machine_of)


def test_jobs_back_to_back_share_a_machine() -> None:
    """Boundary: a job ending at 60 and one starting at 60 both run on the one machine."""
    result = book([0, 60], [60, 120], [[0], [0]])

    assert {0: 0, 1: 0} == result.machine_of
