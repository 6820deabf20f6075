"""
The search engine as it was before the national run's speed work (issue 18), kept as the
reference the faster engine in ``src/jobcenter_core/interpreting/_search.py`` must match
job for job and machine for machine (``test_engine_search_versions.py`` loads it with
``runpy``). Its own docstring follows.

Engine: the most jobs on machines, exactly, by a bounded search (interpreting/_search.py).

Jobs are fixed intervals ``[start, end)`` in a given order (by start); each may run on
some machines; a machine runs one job at a time. :func:`book` serves as many jobs as any
schedule could and, walking the jobs in order, serves each one whenever that is still
possible with the jobs placed so far. This module speaks no law: the rule, and why, is
:func:`jobcenter_core.interpreting.assignment.assign_interpreters`; the tests check it
against brute force (``tests/interpreting/test_engine_search.py``).

How:

* **Parts.** Two jobs interact only if they overlap and share a machine; the connected
  parts of that relation are solved one by one (a part of one job goes to its smallest
  machine, as the search would place it).
* **Bound.** For multipliers ``lam`` (one per job, >= 0) the most jobs from job ``k`` on
  is at most ``sum(lam[k:])`` plus, per machine, the best total of ``1 - lam[j]`` over
  non-overlapping jobs it can run: a Lagrangian relaxation of "each job at most once".
  The multipliers come from a subgradient method (each round's tables computed once per
  kind of machine, machines that run the same jobs); the bound is then a lookup per
  machine at every step of the search.
* **Search.** Depth first over the jobs in order (run on a machine, or not), states
  ``(next job, when each machine is free again)`` memoised with what is known to be
  reachable and what is not, machines that can run exactly the same jobs treated as one,
  and states where every machine is free no later than in a state that failed skipped.
* **Budget.** The search counts its steps; a part that needs more than ``budget`` is
  scheduled by the earliest-end greedy instead and reported with its bound, so the
  caller can say how far from the most it may be.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs

__all__ = ["Schedule", "book"]

_MAX_DEPTH = 400
"""Parts with more jobs than this are not searched (the recursion would run too deep)."""

_KEPT_FAILURES = 32
"""How many failed states per job the search keeps to skip the states they dominate."""


class _Exhausted(Exception):
    """The search used up its budget."""


@attrs.frozen(kw_only=True)
class Schedule:
    """
    The result of :func:`book`: *machine_of* each served job; *unproven* the parts (as
    tuples of jobs) whose search ran out of budget, each with the most jobs it could
    serve at best (*bounds*, in the same order) and the number it serves.
    """

    machine_of: dict[int, int]
    unproven: tuple[tuple[int, ...], ...] = ()
    bounds: tuple[int, ...] = ()


def book(
    starts: Sequence[int],
    ends: Sequence[int],
    eligible: Sequence[Sequence[int]],
    *,
    budget: int = 50_000,
) -> Schedule:
    """
    Serve as many jobs as any schedule could: job ``k`` runs ``[starts[k], ends[k])`` on
    one of ``eligible[k]`` (machine numbers; a smaller number is preferred among equals);
    jobs are given in order of start. Walking the jobs in that order, a job is served
    whenever some schedule that keeps the jobs served so far on their machines still
    serves the most; its machine is one with which that holds (among machines that can
    run the same jobs, the one free latest before it, then with the least time booked,
    then the smaller number).

    >>> book([0, 0], [60, 60], [[0, 1], [0]]).machine_of
    {0: 1, 1: 0}
    """
    machine_of: dict[int, int] = {}
    unproven: list[tuple[int, ...]] = []
    bounds: list[int] = []
    for jobs in _parts(starts, ends, eligible):
        if len(jobs) == 1 and budget > 0:  # what the search below finds for a lone job
            machine_of[jobs[0]] = min(eligible[jobs[0]])
            continue
        part = _Part(
            [starts[k] for k in jobs], [ends[k] for k in jobs], [eligible[k] for k in jobs]
        )
        try:
            if len(jobs) > _MAX_DEPTH:
                raise _Exhausted
            part.budget = budget
            placed = part.walk(part.most())
        except _Exhausted:
            placed = part.greedy()
            unproven.append(tuple(jobs))
            bounds.append(part.upper)
        for j, machine in placed.items():
            machine_of[jobs[j]] = machine
    return Schedule(machine_of=machine_of, unproven=tuple(unproven), bounds=tuple(bounds))


def _parts(
    starts: Sequence[int], ends: Sequence[int], eligible: Sequence[Sequence[int]]
) -> list[list[int]]:
    """The jobs in groups that share no machine at overlapping times, each in job order."""
    parent = list(range(len(starts)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    on_machine: dict[int, list[int]] = {}
    for k in range(len(starts)):
        for machine in eligible[k]:
            on_machine.setdefault(machine, []).append(k)
    for jobs in on_machine.values():  # in order of start: join each to the latest-ending
        latest = -1
        for k in jobs:
            if latest >= 0 and starts[k] < ends[latest]:
                parent[root(k)] = root(latest)
            if latest < 0 or ends[k] > ends[latest]:
                latest = k
    parts: dict[int, list[int]] = {}
    for k in range(len(starts)):
        if eligible[k]:
            parts.setdefault(root(k), []).append(k)
    return list(parts.values())


_Busy = dict[int, int]  # machine -> end of its last job (only machines that have run one)


class _Part:
    """One part: its jobs (renumbered 0…), the bound, the memo and the search."""

    def __init__(self, starts: list[int], ends: list[int], eligible: list[Sequence[int]]) -> None:
        self.n = len(starts)
        self.starts, self.ends = starts, ends
        self.eligible = [sorted(e) for e in eligible]
        self.machines = sorted({m for e in eligible for m in e})
        runs: dict[int, list[int]] = {m: [] for m in self.machines}
        for k, e in enumerate(self.eligible):
            for m in e:
                runs[m].append(k)
        self.runs = runs
        self.run_starts = {m: [starts[k] for k in runs[m]] for m in self.machines}
        self.after = {
            m: [bisect.bisect_left(self.run_starts[m], ends[k]) for k in runs[m]]
            for m in self.machines
        }
        kinds: dict[tuple[int, ...], int] = {}
        self.kind = {m: kinds.setdefault(tuple(runs[m]), len(kinds)) for m in self.machines}
        self.kinds = len(kinds)
        self.first_run = {
            m: [bisect.bisect_left(runs[m], k) for k in range(self.n + 1)] for m in self.machines
        }
        self.budget = 0
        self.steps = 0
        self.memo: dict[tuple[int, tuple[tuple[int, int], ...]], tuple[int, int, int | None]] = {}
        self.failed: dict[int, list[tuple[int, list[list[int]]]]] = {}
        self.lower = len(self.greedy())
        self._relax()
        self.per_machine = [
            (m, self.first_run[m], self.run_starts[m], self.tables[m]) for m in self.machines
        ]

    # --- the bound ----------------------------------------------------------------------

    def _relax(self, rounds: int = 600, patience: int = 20) -> None:
        """Multipliers by the subgradient method; keeps the best and its tables."""
        n = self.n
        # Machines of one kind run the same jobs: one table per kind, counted per machine.
        first: dict[int, int] = {}
        for m in self.machines:
            first.setdefault(self.kind[m], m)
        kind_of_machine = [self.kind[m] for m in self.machines]
        by_kind = [
            _Runs(self.runs[m], self.after[m], kind_of_machine.count(kind))
            for kind, m in first.items()  # kinds 0, 1, … in order
        ]
        lower = self.lower
        lam = [0.0] * n
        best_total, best_lam = float("inf"), lam
        step_size, since = 2.0, 0
        for _ in range(rounds):
            total = sum(lam)
            used = [0] * n
            firsts = [runs.round(lam, used) for runs in by_kind]
            for kind in kind_of_machine:  # summed machine by machine, as one would
                total += firsts[kind]
            if total < best_total - 1e-9:
                best_total, best_lam, since = total, lam, 0
            else:
                since += 1
                if since >= patience:
                    step_size, since = step_size / 2, 0
            if int(best_total + 1e-7) <= lower or step_size < 1e-3:
                break
            norm = sum([(1 - u) * (1 - u) for u in used])  # the slack 1 - used, squared
            if norm == 0:
                break
            step = step_size * (total - lower) / norm
            lam = [  # max(0.0, v - step * slack), spelt out
                w if (w := v - step * (1 - u)) > 0.0 else 0.0
                for v, u in zip(lam, used, strict=True)
            ]
        tables = [runs.best(best_lam) for runs in by_kind]
        self.tables = {m: tables[self.kind[m]] for m in self.machines}
        self.rest = [0.0] * (n + 1)
        for k in range(n - 1, -1, -1):
            self.rest[k] = self.rest[k + 1] + best_lam[k]
        self.upper = min(n, int(best_total + 1e-7))

    def bound(self, k: int, busy: _Busy) -> int:
        """At most this many of jobs k… can be served with the machines busy as *busy*."""
        if k >= self.n:
            return 0
        total, start = self.rest[k], self.starts[k]
        for m, first_run, run_starts, table in self.per_machine:
            p = first_run[k]
            free_at = busy.get(m)
            if free_at is not None and free_at > start:
                q = bisect.bisect_left(run_starts, free_at)
                if q > p:
                    p = q
            total += table[p]
        return int(total + 1e-7)

    # --- the search ---------------------------------------------------------------------

    def _key(self, k: int, busy: _Busy) -> tuple[int, tuple[tuple[int, int], ...]]:
        start = self.starts[k]
        return (k, tuple(sorted((self.kind[m], t) for m, t in busy.items() if t > start)))

    def _profile(self, k: int, busy: _Busy) -> list[list[int]]:
        """Per kind of machine, when its busy machines are free, latest first."""
        start = self.starts[k]
        profile: list[list[int]] = [[] for _ in range(self.kinds)]
        for m, t in busy.items():
            if t > start:
                profile[self.kind[m]].append(t)
        for times in profile:
            times.sort(reverse=True)
        return profile

    def reaches(self, k: int, busy: _Busy, need: int) -> bool:
        """Whether *need* of jobs k… can be served with the machines busy as *busy*."""
        if need <= 0:
            return True
        if self.n - k < need:
            return False
        key = self._key(k, busy)
        lo, hi, choice = self.memo.get(key, (0, self.n - k, None))
        if need <= lo:
            return True
        if need > hi:
            return False
        profile = self._profile(k, busy)
        for known_need, known in self.failed.get(k, ()):
            if known_need <= need and _no_later(known, profile):
                self.memo[key] = (lo, need - 1, choice)
                return False
        self.steps += 1
        if self.steps > self.budget:
            raise _Exhausted
        hi = min(hi, self.bound(k, busy))
        found: int | None = None
        if need <= hi:
            for _, nxt, nxt_need, kind in self._options(k, busy, need):
                if self.reaches(k + 1, nxt, nxt_need):
                    found = kind
                    break
        if found is not None:
            self.memo[key] = (need, hi, found)
            return True
        self.memo[key] = (lo, need - 1, choice)
        failures = self.failed.setdefault(k, [])
        failures[:] = [(n, p) for n, p in failures if not (need <= n and _no_later(profile, p))][
            -_KEPT_FAILURES + 1 :
        ]
        failures.append((need, profile))
        return False

    def _options(
        self, k: int, busy: _Busy, need: int
    ) -> list[tuple[tuple[int, int, int], _Busy, int, int]]:
        """Run job k on a free machine of each kind, or not: most promising first."""
        start, end = self.starts[k], self.ends[k]
        options: list[tuple[tuple[int, int, int], _Busy, int, int]] = []
        kinds: set[int] = set()
        for m in self.eligible[k]:
            if busy.get(m, start) > start or self.kind[m] in kinds:
                continue
            kinds.add(self.kind[m])
            nxt = dict(busy)
            nxt[m] = end
            reach = self.bound(k + 1, nxt) + 1
            if reach >= need:
                options.append(((-reach, 0, len(options)), nxt, need - 1, self.kind[m]))
        reach = self.bound(k + 1, busy)
        if reach >= need:
            options.append(((-reach, 1, 0), busy, need, -1))
        options.sort(key=lambda option: option[0])
        return options

    def most(self) -> int:
        """The most jobs of this part any schedule serves."""
        need = self.upper
        while need > self.lower and not self.reaches(0, {}, need):
            need -= 1
        return need

    def walk(self, most: int) -> dict[int, int]:
        """The jobs in order, each served when the most can still be reached (see book)."""
        busy: _Busy = {}
        booked_time: dict[int, int] = {}
        placed: dict[int, int] = {}
        for k in range(self.n):
            need = most - len(placed)
            if need <= 0:
                break
            start, end = self.starts[k], self.ends[k]
            free = sorted(
                (m for m in self.eligible[k] if busy.get(m, start) <= start),
                key=lambda m: (-busy.get(m, -1), booked_time.get(m, 0), m),
            )
            witness = self.memo.get(self._key(k, busy), (0, 0, None))[2]
            if self.reaches(k, busy, need):  # refreshes the witness when it was not known
                witness = self.memo[self._key(k, busy)][2]
            chosen = next((m for m in free if self.kind[m] == witness), None)
            if chosen is None:  # the witness leaves job k out: could it run all the same?
                tried: set[int] = set()
                for m in free:
                    if self.kind[m] in tried:
                        continue
                    tried.add(self.kind[m])
                    if self.reaches(k + 1, {**busy, m: end}, need - 1):
                        chosen = m
                        break
            if chosen is not None:
                busy = {**busy, chosen: end}
                booked_time[chosen] = booked_time.get(chosen, 0) + end - start
                placed[k] = chosen
        return placed

    def greedy(self) -> dict[int, int]:
        """Earliest end first, each to the free machine free latest before it (best fit)."""
        booked: dict[int, list[int]] = {}
        placed: dict[int, int] = {}
        for k in sorted(range(self.n), key=lambda j: (self.ends[j], self.starts[j], j)):
            start, end = self.starts[k], self.ends[k]
            best: tuple[tuple[int, int], int] | None = None
            for m in self.eligible[k]:
                jobs = booked.get(m, [])
                if any(self.starts[j] < end and start < self.ends[j] for j in jobs):
                    continue
                previous = max((self.ends[j] for j in jobs if self.ends[j] <= start), default=-1)
                fit = (-previous, m)
                if best is None or fit < best[0]:
                    best = (fit, m)
            if best is not None:
                booked.setdefault(best[1], []).append(k)
                placed[k] = best[1]
        return placed


class _Runs:
    """
    The jobs one kind of machine runs, for the bound: *runs* (job numbers in order of
    start), run ``p`` followed without overlap first by run ``after[p]``; *count* machines.
    """

    def __init__(self, runs: list[int], after: list[int], count: int) -> None:
        self.runs, self.after, self.count = runs, after, count
        self.backwards = [(p, runs[p], after[p]) for p in range(len(runs) - 1, -1, -1)]

    def best(self, lam: Sequence[float]) -> list[float]:
        """best[p]: the most total ``1 - lam`` of non-overlapping runs from run p on."""
        best = [0.0] * (len(self.runs) + 1)
        later = 0.0  # best[p + 1]
        for p, job, after in self.backwards:
            take = 1.0 - lam[job] + best[after]
            if take > later:
                later = take
            best[p] = later
        return best

    def round(self, lam: Sequence[float], used: list[int]) -> float:
        """``best(lam)[0]``; adds *count* to ``used[j]`` for each job j of that best."""
        size = len(self.runs)
        best = [0.0] * (size + 1)
        taken = [False] * size
        later = 0.0
        for p, job, after in self.backwards:
            take = 1.0 - lam[job] + best[after]
            if take > later:
                later = take
                taken[p] = True
            best[p] = later
        runs, after_of, count = self.runs, self.after, self.count
        p = 0
        while p < size:
            if taken[p]:
                used[runs[p]] += count
                p = after_of[p]
            else:
                p += 1
        return later


def _no_later(a: list[list[int]], b: list[list[int]]) -> bool:
    """Whether profile *a* frees every kind of machine no later than *b* does."""
    for times_a, times_b in zip(a, b, strict=True):
        if len(times_a) > len(times_b):
            return False
        if any(x > y for x, y in zip(times_a, times_b, strict=False)):
            return False
    return True
