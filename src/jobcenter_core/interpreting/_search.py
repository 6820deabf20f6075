"""
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

Faster, with the same results (``tests/interpreting/test_engine_search_versions.py``
checks them against the engine as first written, ``search_as_first_written.py``):

* **Per kind.** Tables, first runs and the bound with no machine busy are worked out
  once per kind of machine and job; the bound of a state changes only the shares of
  its busy machines, summed machine by machine in the same order (the same floats).
* **Early stop.** The subgradient method stops as soon as its best total is a whole
  number a short search shows some schedule serves: every later total is at least the
  most served, so none could be lower by the ``1e-9`` an improvement needs; the
  multipliers are those the full method ends with.
* **Only who is served.** :func:`served` answers which jobs :func:`book` serves, not on
  which machine (the national run counts no more): a part the greedy serves whole
  needs no search, and a small part whose multipliers take long to settle, and whose
  walk serves the same jobs whichever kind of machine it picks, needs no exact bound (any bound gives the same answers; only the
  order of the search, hence the kind picked, depends on it) — as long as the search
  provably cannot run out of budget, so that :func:`book` would not have fallen back to
  the greedy.
"""

from __future__ import annotations

import bisect
import copy
import functools
import operator
from collections.abc import Callable, Iterable, Sequence

import attrs

__all__ = ["Schedule", "book", "served"]

_MAX_DEPTH = 400
"""Parts with more jobs than this are not searched (the recursion would run too deep)."""

_KEPT_FAILURES = 32
"""How many failed states per job the search keeps to skip the states they dominate."""

_PROBE_STEPS = 50
"""How many steps the search may take to show that the bound's total can be served."""

_QUICK_ROUNDS = 20
"""Rounds of the multipliers after which :func:`served` tries the search either way."""

_EITHER_WAY_ROUNDS = 20
"""Rounds of the multipliers for the bound of :meth:`_Part.served_either_way`."""

_EITHER_WAY_JOBS = 10
"""Parts of up to this many jobs are tried by :meth:`_Part.served_either_way` first."""

_EITHER_WAY_STATES = 64
"""How many states of the walk :meth:`_Part.served_either_way` follows at most."""

_MARGIN = 5e-10
"""How far below its exact value a total of the bound may be computed (float sums)."""


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
        placed, proven = _solve(part, budget)
        if not proven:
            unproven.append(tuple(jobs))
            bounds.append(part.upper)
        for j, machine in placed.items():
            machine_of[jobs[j]] = machine
    return Schedule(machine_of=machine_of, unproven=tuple(unproven), bounds=tuple(bounds))


def _solve(part: _Part, budget: int) -> tuple[dict[int, int], bool]:
    """The part's jobs placed (by the search, or by the greedy if it ran out of budget)."""
    try:
        if part.n > _MAX_DEPTH:
            raise _Exhausted
        part.budget = budget
        return part.walk(part.most()), True
    except _Exhausted:
        return part.greedy(), False


def served(
    starts: Sequence[int],
    ends: Sequence[int],
    eligible: Sequence[Sequence[int]],
    *,
    budget: int = 50_000,
) -> tuple[set[int], dict[int, tuple[int, int, int]]]:
    """
    The jobs :func:`book` serves, not on which machine: a lone job and every job of a
    part the greedy serves whole without searching (the search could serve no more, so
    it serves them all); in a small part whose multipliers take more than a few rounds
    and whose search cannot outrun *budget* (:meth:`_Part.steps_at_most`), the jobs
    the walk serves whichever kind of machine it picks, if that does not change them
    (:meth:`_Part.served_either_way`); the others as :func:`book` serves them. Also, for each job left out of a part whose
    search ran out of budget: the part's number of jobs, its bound and how many of its
    jobs are served.

    >>> served([0, 0, 0], [60, 60, 60], [[0, 1], [0], [1]])
    ({0, 2}, {})
    """
    done: set[int] = set()
    unproven: dict[int, tuple[int, int, int]] = {}
    for jobs in _parts(starts, ends, eligible):
        if len(jobs) == 1:  # served, by the search or the greedy
            done.add(jobs[0])
            continue
        lower = _greedy_count(jobs, starts, ends, eligible)
        if lower == len(jobs):
            done.update(jobs)
            continue
        part = _Part(
            [starts[k] for k in jobs],
            [ends[k] for k in jobs],
            [eligible[k] for k in jobs],
            bounded=False,
            lower=lower,
        )
        if not part.bind(_QUICK_ROUNDS):  # the full method's multipliers take long
            if part.n <= _EITHER_WAY_JOBS and part.steps_at_most(budget):
                sure = part.served_either_way(bind=False)
                if sure is not None:
                    done.update(jobs[j] for j in sure)
                    continue
            part.bind()
        placed, proven = _solve(part, budget)
        done.update(jobs[j] for j in placed)
        if not proven:
            left_out = [k for j, k in enumerate(jobs) if j not in placed]
            unproven.update((k, (part.n, part.upper, len(placed))) for k in left_out)
    return done, unproven


def _parts(
    starts: Sequence[int], ends: Sequence[int], eligible: Sequence[Sequence[int]]
) -> list[list[int]]:
    """The jobs in groups that share no machine at overlapping times, each in job order."""
    group = list(range(len(starts)))  # union-find: each job's link towards its group's root
    latest: dict[int, int] = {}  # machine -> its job ending latest so far
    for k in range(len(starts)):  # in order of start: join each to the latest-ending
        start, end = starts[k], ends[k]
        for machine in eligible[k]:
            j = latest.get(machine)
            if j is None:
                latest[machine] = k
                continue
            if start < ends[j]:
                a, b = k, j
                while group[a] != a:
                    group[a] = a = group[group[a]]
                while group[b] != b:
                    group[b] = b = group[group[b]]
                group[a] = b
            if end > ends[j]:
                latest[machine] = k
    parts: dict[int, list[int]] = {}
    for k in range(len(starts)):
        if eligible[k]:
            root = k
            while group[root] != root:
                root = group[root]
            parts.setdefault(root, []).append(k)
    return list(parts.values())


_Busy = dict[int, int]  # machine -> end of its last job (only machines that have run one)


class _Part:
    """One part: its jobs (renumbered 0…), the bound, the memo and the search."""

    def __init__(
        self,
        starts: list[int],
        ends: list[int],
        eligible: list[Sequence[int]],
        *,
        bounded: bool = True,
        lower: int | None = None,
    ) -> None:
        n = self.n = len(starts)
        self.starts, self.ends = starts, ends
        self.eligible = [sorted(e) for e in eligible]
        machines = self.machines = sorted({m for e in self.eligible for m in e})
        runs: dict[int, list[int]] = {m: [] for m in machines}
        for k, e in enumerate(self.eligible):
            for m in e:
                runs[m].append(k)
        # Machines of one kind run the same jobs: what depends only on the jobs, per kind.
        kinds: dict[tuple[int, ...], int] = {}
        kind = self.kind = {m: kinds.setdefault(tuple(runs[m]), len(kinds)) for m in machines}
        self.kinds = len(kinds)
        kind_runs = [list(jobs) for jobs in kinds]  # kinds 0, 1, … in order
        self.kind_starts = [[starts[k] for k in jobs] for jobs in kind_runs]
        kind_after = [
            [bisect.bisect_left(run_starts, ends[k]) for k in jobs]
            for jobs, run_starts in zip(kind_runs, self.kind_starts, strict=True)
        ]
        self.kind_first = [_firsts(jobs, n) for jobs in kind_runs]
        self.runs = {m: kind_runs[kind[m]] for m in machines}
        self.after = {m: kind_after[kind[m]] for m in machines}
        self.position = {m: i for i, m in enumerate(machines)}
        self.budget = 0
        self.steps = 0
        self.memo: dict[tuple[int, tuple[tuple[int, int], ...]], tuple[int, int, int | None]] = {}
        self.failed: dict[int, list[tuple[int, list[list[int]]]]] = {}
        self.lower = self._greedy_count() if lower is None else lower  # (given: the same)
        self.proven = self.lower  # the most jobs known to be served by some schedule
        self.kind_of_machine = [kind[m] for m in machines]
        self.by_kind = [
            _Runs(jobs, after, self.kind_of_machine.count(number))
            for number, (jobs, after) in enumerate(zip(kind_runs, kind_after, strict=True))
        ]
        self.upper = n
        if bounded:
            self.bind()

    def bind(self, rounds: int = 600, *, probe: bool = True) -> bool:
        """
        The bound: the multipliers of :func:`_relax` (after at most *rounds*; stopping
        early by a short search only if *probe*), their tables and *upper*; the search
        starts afresh. Whether the multipliers are those of the full method (it stopped
        by its own rules within *rounds*, with *probe*).
        """
        best_lam, best_total, stopped = _relax(
            self.by_kind,
            self.kind_of_machine,
            self.n,
            self.lower,
            self._serves if probe else _never,
            rounds,
        )
        self._use(best_lam)
        self.upper = min(self.n, int(best_total + 1e-7))
        self.memo, self.failed, self.steps = {}, {}, 0
        return stopped and probe

    def steps_at_most(self, budget: int) -> bool:
        """
        Whether the search cannot take more than *budget* steps, whatever its bound: it
        steps at most ``n - k`` times per state of job k (each step narrows what is known
        of the state), and a state of job k is which machine, if any, runs each earlier
        job still running when job k starts, machines of one kind being one (the
        state's key names kinds).
        """
        starts, ends, n = self.starts, self.ends, self.n
        kinds = [len({self.kind[m] for m in e}) for e in self.eligible]
        total = 0
        for k in range(n):
            states, start = 1, starts[k]
            for j in range(k):
                if ends[j] > start:
                    states *= 1 + kinds[j]
            total += states * (n - k)
            if total > budget:
                return False
        return True

    def served_either_way(self, budget: int = 2_000, *, bind: bool = True) -> set[int] | None:
        """
        The jobs :meth:`walk` serves, whichever kind of machine it picks for each among
        those that keep the most reachable; None if that changes which jobs it serves
        (or the search takes more than *budget* steps). With a bound from a few rounds
        of the multipliers: any bound gives the same answers, only the order of the
        search (hence the kind :meth:`walk` picks) depends on it.
        """
        if bind:
            self.bind(rounds=_EITHER_WAY_ROUNDS, probe=False)
        self.memo, self.failed, self.steps = {}, {}, 0
        self.budget = budget
        n = self.n
        try:
            most = self.most()
            served: set[int] = set()
            states: list[_Busy] = [{}]
            for k in range(n):
                need = most - len(served)
                if need <= 0:
                    break
                if need == n - k:  # every job from here on is served
                    served.update(range(k, n))
                    break
                start, end = self.starts[k], self.ends[k]
                verdicts: set[bool] = set()
                following: dict[tuple[int, tuple[tuple[int, int], ...]], _Busy] = {}
                for busy in states:
                    children: list[_Busy] = []
                    kinds: set[int] = set()
                    for m in self.eligible[k]:
                        if busy.get(m, start) > start or self.kind[m] in kinds:
                            continue
                        kinds.add(self.kind[m])
                        child = {**busy, m: end}
                        if self.reaches(k + 1, child, need - 1):
                            children.append(child)
                    verdicts.add(bool(children))
                    for nxt in children or [busy]:
                        following.setdefault(self._key(k + 1, nxt), nxt)
                if len(verdicts) > 1 or len(following) > _EITHER_WAY_STATES:
                    return None
                if True in verdicts:
                    served.add(k)
                states = list(following.values())
        except _Exhausted:
            return None
        return served

    def _use(self, lam: list[float]) -> None:
        """The bound's tables for the multipliers *lam*."""
        n = self.n
        kind_tables = self.kind_tables = [runs.best(lam) for runs in self.by_kind]
        self.tables = {m: kind_tables[self.kind[m]] for m in self.machines}
        rest = self.rest = [0.0] * (n + 1)
        for k in range(n - 1, -1, -1):
            rest[k] = rest[k + 1] + lam[k]
        # The bound with no machine busy past job k's start: each machine's share, in order.
        self.shares = [
            [kind_tables[i][self.kind_first[i][k]] for i in self.kind_of_machine] for k in range(n)
        ]
        self.free_bound = [
            int(functools.reduce(operator.add, self.shares[k], rest[k]) + 1e-7) for k in range(n)
        ]

    def _serves(self, need: int, lam: list[float]) -> bool:
        """
        Whether some schedule serves *need* jobs, by a short search bounded with the
        multipliers *lam* (any multipliers give a bound); False if it runs too long.
        """
        if need <= self.proven:
            return True
        probe = copy.copy(self)
        probe._use(lam)
        probe.memo, probe.failed, probe.steps, probe.budget = {}, {}, 0, _PROBE_STEPS
        try:
            found = probe.reaches(0, {}, need)
        except _Exhausted:
            return False
        if found:
            self.proven = need
        return found

    # --- the bound ----------------------------------------------------------------------

    def bound(self, k: int, busy: _Busy) -> int:
        """At most this many of jobs k… can be served with the machines busy as *busy*."""
        return self._shares(k, busy)[1]

    # --- the search ---------------------------------------------------------------------

    def _key(self, k: int, busy: _Busy) -> tuple[int, tuple[tuple[int, int], ...]]:
        start, kind = self.starts[k], self.kind
        running = [(kind[m], t) for m, t in busy.items() if t > start]
        if len(running) > 1:
            running.sort()
        return (k, tuple(running))

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

    def reaches(self, k: int, busy: _Busy, need: int, bound: int | None = None) -> bool:
        """
        Whether *need* of jobs k… can be served with the machines busy as *busy*
        (*bound*: :meth:`bound` of that state, if the caller knows it).
        """
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
        known_failures = self.failed.get(k)
        profile = self._profile(k, busy) if known_failures else None
        for known_need, known in known_failures or ():
            if known_need <= need and _no_later(known, profile):  # type: ignore[arg-type]
                self.memo[key] = (lo, need - 1, choice)
                return False
        self.steps += 1
        if self.steps > self.budget:
            raise _Exhausted
        hi = min(hi, self.bound(k, busy) if bound is None else bound)
        found: int | None = None
        if need <= hi:
            for (minus_reach, _, _), nxt, nxt_need, kind in self._options(k, busy, need):
                # the reach is the bound of the option's state, plus one if it runs job k
                if self.reaches(k + 1, nxt, nxt_need, -minus_reach - (kind >= 0)):
                    found = kind
                    break
        if found is not None:
            self.memo[key] = (need, hi, found)
            return True
        self.memo[key] = (lo, need - 1, choice)
        if profile is None:
            profile = self._profile(k, busy)
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
        after = k + 1
        # Only machines still busy when job k starts matter from here on (jobs go by start).
        busy = {m: t for m, t in busy.items() if t > start}
        shares = self._shares(after, busy)  # of the state without job k
        for m in self.eligible[k]:
            kind = self.kind[m]
            if m in busy or kind in kinds:
                continue
            kinds.add(kind)
            nxt = {**busy, m: end}
            # bound(after, nxt) + 1: machine m, free before job k, now busy until its end;
            # its share changes only if that end passes runs of its kind from job after on
            reach = shares[1] + 1
            if after < self.n and end > self.starts[after]:
                q = bisect.bisect_left(self.kind_starts[kind], end)
                if q > self.kind_first[kind][after]:
                    own = shares[0].copy()
                    own[self.position[m]] = self.kind_tables[kind][q]
                    reach = int(functools.reduce(operator.add, own, self.rest[after]) + 1e-7) + 1
            if reach >= need:
                options.append(((-reach, 0, len(options)), nxt, need - 1, kind))
        reach = shares[1]
        if reach >= need:
            options.append(((-reach, 1, 0), busy, need, -1))
        options.sort()  # by the first items, which differ
        return options

    def _shares(self, k: int, busy: _Busy) -> tuple[list[float], int]:
        """Each machine's share of the bound of job k on (do not change it), the bound."""
        if k >= self.n:
            return [], 0
        start = self.starts[k]
        shares: list[float] | None = None
        for m, free_at in busy.items():
            if free_at > start:
                kind = self.kind[m]
                q = bisect.bisect_left(self.kind_starts[kind], free_at)
                if q > self.kind_first[kind][k]:
                    if shares is None:
                        shares = self.shares[k].copy()
                    shares[self.position[m]] = self.kind_tables[kind][q]
        if shares is None:
            return self.shares[k], self.free_bound[k]
        # the shares summed machine by machine, as one would
        return shares, int(functools.reduce(operator.add, shares, self.rest[k]) + 1e-7)

    def most(self) -> int:
        """The most jobs of this part any schedule serves."""
        if self.proven >= self.upper:
            return self.upper
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

    def _greedy_count(self) -> int:
        """How many jobs :meth:`greedy` serves."""
        return _greedy_count(range(self.n), self.starts, self.ends, self.eligible)

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


def _greedy_count(
    jobs: Iterable[int],
    starts: Sequence[int],
    ends: Sequence[int],
    eligible: Sequence[Sequence[int]],
) -> int:
    """
    How many of *jobs* :meth:`_Part.greedy` serves: earliest end first, each on the
    free machine free latest before it (taken in order of end, a job overlaps a
    machine's jobs exactly when it starts before the last of them ends).
    """
    last: dict[int, int] = {}  # machine -> end of its last job, the latest so far
    served = 0
    for k in sorted(jobs, key=lambda j: (ends[j], starts[j], j)):
        start = starts[k]
        chosen, previous = -1, -1
        for m in eligible[k]:
            free_at = last.get(m)
            if free_at is None:
                free_at = -1  # as the greedy counts a machine with no job yet
            elif free_at > start:
                continue
            if chosen < 0 or free_at > previous or (free_at == previous and m < chosen):
                chosen, previous = m, free_at
        if chosen >= 0:
            last[chosen] = ends[k]
            served += 1
    return served


def _never(need: int, lam: list[float]) -> bool:
    """For :func:`_relax`: no schedule is looked for."""
    return False


def _firsts(jobs: list[int], n: int) -> list[int]:
    """For each job k = 0…n, how many of *jobs* (in order) come before it."""
    firsts: list[int] = []
    p, size = 0, len(jobs)
    for k in range(n + 1):
        while p < size and jobs[p] < k:
            p += 1
        firsts.append(p)
    return firsts


def _relax(
    by_kind: list[_Runs],
    kind_of_machine: list[int],
    n: int,
    lower: int,
    serves: Callable[[int, list[float]], bool],
    rounds: int = 600,
    patience: int = 20,
) -> tuple[list[float], float, bool]:
    """
    Multipliers by the subgradient method: the best, its total and whether the method
    stopped by its own rules (rather than after *rounds*: then more rounds would change
    nothing).

    Stops early, with what the full method returns, once the best total is a whole
    number of jobs some schedule serves (*serves*): no multipliers give a total below
    the most jobs served, so no later round can improve on it by more than ``1e-9``
    (the float sums err by far less than the margin ``_MARGIN`` allowed for them).
    """
    lam = [0.0] * n
    best_total, best_lam = float("inf"), lam
    step_size, since = 2.0, 0
    asked = lower
    for _ in range(rounds):
        total = sum(lam)
        used = [0] * n
        gain = [1.0 - v for v in lam]
        firsts = [runs.round(gain, used) for runs in by_kind]
        for kind in kind_of_machine:  # summed machine by machine, as one would
            total += firsts[kind]
        if total < best_total - 1e-9:
            best_total, best_lam, since = total, lam, 0
            whole = int(best_total + 1e-7)
            if whole > asked and best_total <= whole + 1e-9 - _MARGIN:
                asked = whole  # asked once per whole number
                if serves(whole, lam):
                    break
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
            w if (w := v - step * (1 - u)) > 0.0 else 0.0 for v, u in zip(lam, used, strict=True)
        ]
    else:
        return best_lam, best_total, False
    return best_lam, best_total, True


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

    def round(self, gain: Sequence[float], used: list[int]) -> float:
        """
        ``best(lam)[0]`` given ``gain[j] = 1.0 - lam[j]``; adds *count* to ``used[j]``
        for each job j of that best (run p is taken where ``best[p] > best[p + 1]``).
        """
        size = len(self.runs)
        best = [0.0] * (size + 1)
        later = 0.0
        for p, job, after in self.backwards:
            take = gain[job] + best[after]
            if take > later:
                later = take
            best[p] = later
        runs, after_of, count = self.runs, self.after, self.count
        p = 0
        while p < size:
            if best[p] > best[p + 1]:
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
