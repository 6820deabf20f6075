"""
Benchmark: batch allocation against the sorting bound, and the incremental roster.

Run from the repository root::

    uv run python benchmarks/bench_allocation.py           # up to 10^6 registrations
    uv run python benchmarks/bench_allocation.py --quick   # up to 10^5, a few seconds

Times are CPU seconds of this process (best of several runs), so other work on the
machine does not distort the ratios.

Part 1 allocates n registrations over m sessions (three preferences each, skewed
popularity: session i is drawn with weight 1/(i+1)) and prints, measured in the same run
on the same data, the time of ``allocate`` and of ``sorted(registrations, key=order_key)``
(the lower bound for any allocation that honours the order key), their ratio, and the peak
memory ``allocate`` itself allocates (tracemalloc, in a separate untimed run) next to the
process' peak resident size.

Part 2 times the incremental roster: per-operation time of ``register`` (joining the
waitlist) and of ``cancel`` + ``confirm`` (a seat freed, offered to the head of the
waitlist, confirmed) with 10^3, 10^4 and 10^5 people waiting.
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable

from jobcenter_core.dates import at_berlin
from jobcenter_core.enrolment import (
    ANYONE,
    Registration,
    SeatOffered,
    allocate,
    cancel,
    confirm,
    open_offer,
    order_key,
    register,
)
from jobcenter_core.offers import GroupOffer, Session, Venue

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _registrations import make_registrations

VENUE = Venue(name="Werkakademie", address="Bocholt")


def make_offer(sessions: int, capacity: int) -> GroupOffer:
    """An offer with *sessions* three-hour sessions of *capacity* seats, one a day."""
    base = at_berlin(2022, 6, 21, 9)
    return GroupOffer(
        id="o",
        title="Leben und Arbeiten in Deutschland",
        sessions=tuple(
            Session(
                id=f"s-{i:05d}",
                start=base.add(days=i),
                end=base.add(days=i, hours=3),
                venue=VENUE,
                capacity=capacity,
            )
            for i in range(sessions)
        ),
    )


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    """
    The best CPU time (``time.process_time``) of *repeat* calls of *fn*: CPU time does not
    count the time other processes on a busy machine take, so ratios stay comparable.
    """
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def peak_rss_mib() -> float:
    """The process' peak resident set size in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def allocation_row(n: int, m: int) -> str:
    """One table row: allocate vs sorted on n registrations over m sessions."""
    offer = make_offer(m, capacity=max(1, (n * 8) // (10 * m)))
    regs = make_registrations(n, offer)
    repeat = 5 if n <= 100_000 else 3
    sort_s = best_of(repeat, functools.partial(sorted, regs, key=order_key))
    alloc_s = best_of(repeat, functools.partial(allocate, offer, regs, caseworkers=ANYONE))
    result = allocate(offer, regs, caseworkers=ANYONE)
    placed = sum(len(rs) for _, rs in result.placements)
    del result
    gc.collect()
    tracemalloc.start()
    allocate(offer, regs, caseworkers=ANYONE)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return (
        f"| {n:,} | {m:,} | {alloc_s:.3f} | {sort_s:.3f} | {alloc_s / sort_s:.2f} "
        f"| {placed:,} | {n - placed:,} | {peak / 2**20:.0f} | {peak_rss_mib():.0f} |"
    )


def bench_allocation(sizes: list[tuple[int, int]]) -> None:
    """Part 1: the allocation table."""
    print("## allocate vs sorted(registrations, key=order_key)")
    print()
    print(
        "| n | sessions | allocate CPU s | sorted CPU s | ratio | placed | waiting "
        "| allocate peak MiB (tracemalloc) | process peak RSS MiB |"
    )
    print("|" + "---|" * 9)
    for n, m in sizes:
        print(allocation_row(n, m), flush=True)
        gc.collect()
    print()


def roster_registration(i: int, offer: GroupOffer, rng: random.Random) -> Registration:
    """Registration *i* for the roster benchmark: two of the three sessions, 10 % priority."""
    return Registration(
        id=f"r-{i:07d}",
        person_id=f"p-{i:07d}",
        offer_id=offer.id,
        preferences=tuple(rng.sample(offer.session_ids, 2)),
        registered_at=at_berlin(2022, 6, 1, 8).add(seconds=i),
        registered_by="cw-1",
        priority=1 if rng.random() < 0.1 else 0,
    )


def roster_row(waiting: int, ops: int) -> str:
    """One table row: per-operation CPU time with *waiting* people on the waitlist."""
    offer = make_offer(3, capacity=ops)
    state = open_offer(offer, caseworkers=["cw-1"]).state
    rng = random.Random(waiting)
    count = 3 * ops + waiting  # every seat taken, then the waitlist
    for i in range(count):
        state = register(state, roster_registration(i, offer, rng)).state
    fresh = [roster_registration(count + i, offer, rng) for i in range(ops)]
    start = time.process_time()
    for r in fresh:
        state = register(state, r).state
    register_us = (time.process_time() - start) / ops * 1e6
    placed = [r.id for _, rs in state.placements() for r in rs][:ops]
    at = at_berlin(2022, 6, 10, 9)
    start = time.process_time()
    for rid in placed:
        t = cancel(state, rid, at=at)
        state = t.state
        for event in t.events:
            if isinstance(event, SeatOffered):
                state = confirm(state, event.registration_id, at=at).state
    pair_us = (time.process_time() - start) / len(placed) * 1e6
    return f"| {state.waiting_count:,} | {register_us:.0f} | {pair_us:.0f} |"


def bench_roster(waiting_sizes: list[int], ops: int = 2_000) -> None:
    """Part 2: the roster table."""
    print("## incremental roster: CPU time per operation by waitlist length")
    print()
    print("| waiting | register (waitlisted) µs/op | cancel + confirm µs/pair |")
    print("|---|---|---|")
    for waiting in waiting_sizes:
        print(roster_row(waiting, ops), flush=True)
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="sizes up to 10^5 only")
    args = parser.parse_args()
    sizes = [(10_000, 100), (100_000, 1_000)]
    waiting = [1_000, 10_000]
    if not args.quick:
        sizes.append((1_000_000, 10_000))
        waiting.append(100_000)
    bench_allocation(sizes)
    bench_roster(waiting)


if __name__ == "__main__":
    main()
