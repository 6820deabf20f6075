"""
The bound of the search engine (interpreting/_search.py), computed once per kind of
machine, against the same subgradient method written machine by machine: the same
multipliers to the last bit, hence the same tables, the same search and the same bookings.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import examples

from jobcenter_core.interpreting._search import _Part, book

Day = tuple[list[int], list[int], list[list[int]]]


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


def best_runs(part: _Part, machine: int, lam: Sequence[float]) -> list[float]:
    runs, after = part.runs[machine], part.after[machine]
    best = [0.0] * (len(runs) + 1)
    for p in range(len(runs) - 1, -1, -1):
        take = 1.0 - lam[runs[p]] + best[after[p]]
        best[p] = take if take > best[p + 1] else best[p + 1]
    return best


def relax_machine_by_machine(
    part: _Part, rounds: int = 600, patience: int = 20
) -> tuple[dict[int, list[float]], list[float], int]:
    """The subgradient method as first written: every machine's table every round."""
    n = part.n
    lam = [0.0] * n
    best_total, best_lam = float("inf"), lam
    step_size, since = 2.0, 0
    for _ in range(rounds):
        total = sum(lam)
        used = [0] * n
        for m in part.machines:
            best = best_runs(part, m, lam)
            total += best[0]
            runs, after, p = part.runs[m], part.after[m], 0
            while p < len(runs):
                if 1.0 - lam[runs[p]] + best[after[p]] > best[p + 1]:
                    used[runs[p]] += 1
                    p = after[p]
                else:
                    p += 1
        if total < best_total - 1e-9:
            best_total, best_lam, since = total, lam, 0
        else:
            since += 1
            if since >= patience:
                step_size, since = step_size / 2, 0
        if int(best_total + 1e-7) <= part.lower or step_size < 1e-3:
            break
        slack = [1 - u for u in used]
        norm = sum(x * x for x in slack)
        if norm == 0:
            break
        step = step_size * (total - part.lower) / norm
        lam = [max(0.0, v - step * x) for v, x in zip(lam, slack, strict=True)]
    tables = {m: best_runs(part, m, best_lam) for m in part.machines}
    rest = [0.0] * (n + 1)
    for k in range(n - 1, -1, -1):
        rest[k] = rest[k + 1] + best_lam[k]
    return tables, rest, min(n, int(best_total + 1e-7))


def check_same_bound(day: Day) -> None:
    starts, ends, eligible = day
    jobs = [k for k in range(len(starts)) if eligible[k]]
    part = _Part([starts[k] for k in jobs], [ends[k] for k in jobs], [eligible[k] for k in jobs])

    tables, rest, upper = relax_machine_by_machine(part)

    assert (part.tables, part.rest, part.upper) == (tables, rest, upper)


@settings(max_examples=examples(300))
@given(parts())
def test_the_bound_per_kind_of_machine_is_the_bound_machine_by_machine(day: Day) -> None:
    check_same_bound(day)


@pytest.mark.slow
@settings(max_examples=examples(10_000))
@given(parts())
def test_the_bound_per_kind_of_machine_long_run(day: Day) -> None:
    check_same_bound(day)


def test_alike_machines_share_one_table() -> None:
    part = _Part([0, 0, 30], [60, 60, 90], [[0, 1, 2], [0, 1, 2], [3]])

    assert part.tables[0] is part.tables[1] is part.tables[2]
    assert part.tables[0] is not part.tables[3]


@settings(max_examples=examples(300))
@given(
    st.integers(0, 24),
    st.integers(1, 8),
    st.sets(st.integers(0, 9), min_size=1, max_size=6),
)
def test_a_lone_job_goes_where_the_search_would_place_it(
    start: int, duration: int, machines: set[int]
) -> None:
    eligible = sorted(machines)
    part = _Part([start], [start + duration], [eligible])
    part.budget = 50_000

    assert book([start], [start + duration], [eligible]).machine_of == {
        0: part.walk(part.most())[0]
    }


def test_a_lone_job_beyond_a_budget_of_nothing_is_reported_unproven() -> None:
    schedule = book([0], [60], [[2, 1]], budget=0)

    assert (schedule.machine_of, schedule.unproven, schedule.bounds) == ({0: 1}, ((0,),), (1,))
