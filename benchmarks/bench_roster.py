"""
Benchmark 3: the incremental roster under a long mixed stream of operations.

One stream of operations (10^6 in the full run) on one offer (10 sessions of 100 seats):
``register``, ``cancel`` (a seat holder or someone waiting; a freed seat is offered to
the head of the waitlist), ``confirm`` (an open seat offer) and ``expire`` (the clock
advances one minute every ten operations, so 48-hour holds lapse and pass on). The stream first
grows the waitlist to 10^3 people and holds it there with a mix of the four operations,
then grows it to 10^4 and to 10^5 in the same way. Each operation is timed on its own
(building the new ``Registration`` is not timed); the table shows the time per operation
at each waitlist length, and how much of it the garbage collector took (its pauses fall
inside the timed operations). Target: O(log n) per operation, n the registrations the
roster has seen (it keeps every one of them), so the time grows by a few microseconds
at most from one length to the next.

    uv run python benchmarks/bench_roster.py [--quick]
"""

from __future__ import annotations

import argparse
import collections
import gc
import random
import time
from typing import Any

from _common import table

SESSIONS = 10
CAPACITY = 100


class _Bag:
    """A set of ids with O(1) add, remove and random choice."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.where: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.items)

    def add(self, item: str) -> None:
        if item not in self.where:
            self.where[item] = len(self.items)
            self.items.append(item)

    def discard(self, item: str) -> None:
        i = self.where.pop(item, None)
        if i is None:
            return
        last = self.items.pop()
        if i < len(self.items):
            self.items[i] = last
            self.where[last] = i

    def choice(self, rng: random.Random) -> str:
        return self.items[rng.randrange(len(self.items))]


class _GcClock:
    """Seconds spent in garbage collections, from ``gc.callbacks``."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start


def run(quick: bool) -> dict[str, Any]:
    """Run the stream; print and return the per-level table."""
    gc_clock = _GcClock()
    gc.callbacks.append(gc_clock)
    try:
        return _run(quick, gc_clock)
    finally:
        gc.callbacks.remove(gc_clock)


def _run(quick: bool, gc_clock: _GcClock) -> dict[str, Any]:
    try:
        from bench_allocation import make_offer

        from jobcenter_core.dates import at_berlin
        from jobcenter_core.enrolment import (
            Cancelled,
            Confirmed,
            Placed,
            Registration,
            SeatOffered,
            SeatOfferExpired,
            Waitlisted,
            cancel,
            confirm,
            expire,
            open_offer,
            register,
        )
    except ImportError as exc:
        print(f"### incremental roster: skipped ({exc})\n")
        return {"skipped": str(exc)}

    total_ops = 100_000 if quick else 1_000_000
    levels = [1_000, 10_000] if quick else [1_000, 10_000, 100_000]
    offer = make_offer(SESSIONS, capacity=CAPACITY)
    session_ids = offer.session_ids
    state = open_offer(offer, caseworkers=["cw-1"]).state
    rng = random.Random(2022)
    start_at = at_berlin(2022, 5, 1, 8)
    now = start_at
    seated = _Bag()  # placed or confirmed
    waiting = _Bag()
    offered: dict[str, Any] = {}  # registration id -> hold end
    offered_bag = _Bag()
    count = 0
    done = 0
    seats = SESSIONS * CAPACITY
    fill_ops = levels[-1] + seats
    mixed_per_level = max(1_000, (total_ops - fill_ops) // len(levels))

    def track(events: tuple[Any, ...]) -> None:
        for e in events:
            if isinstance(e, Placed | Confirmed):
                seated.add(e.registration_id)
                waiting.discard(e.registration_id)
                offered.pop(e.registration_id, None)
                offered_bag.discard(e.registration_id)
            elif isinstance(e, Waitlisted):
                waiting.add(e.registration_id)
            elif isinstance(e, SeatOffered):
                waiting.discard(e.registration_id)
                offered[e.registration_id] = e.until
                offered_bag.add(e.registration_id)
            elif isinstance(e, SeatOfferExpired | Cancelled):
                for bag in (seated, waiting, offered_bag):
                    bag.discard(e.registration_id)
                offered.pop(e.registration_id, None)

    rows = []
    for level in levels:
        spent: collections.Counter[str] = collections.Counter()
        counts: collections.Counter[str] = collections.Counter()
        measured = 0
        waiting_sum = 0
        gc_before = None
        while measured < mixed_per_level:
            if done % 10 == 0:  # the clock advances a minute every ten operations
                now = start_at.add(minutes=done // 10)
            done += 1
            filling = state.waiting_count < level
            u = rng.random()
            if filling or u < 0.3:
                op = "register"
                count += 1
                registration = Registration(
                    id=f"r-{count:07d}",
                    person_id=f"p-{count:07d}",
                    offer_id=offer.id,
                    preferences=tuple(rng.sample(session_ids, 3)),
                    registered_at=now,
                    registered_by="cw-1",
                    priority=1 if rng.random() < 0.1 else 0,
                )
                t0 = time.perf_counter()
                transition = register(state, registration)
            elif u < 0.6 and len(seated) + len(waiting):
                op = "cancel"
                pool = seated if rng.random() < 0.8 and len(seated) else waiting
                rid = pool.choice(rng) if len(pool) else seated.choice(rng)
                t0 = time.perf_counter()
                transition = cancel(state, rid, at=now)
            elif u < 0.9 and len(offered_bag):
                rid = offered_bag.choice(rng)
                if offered[rid] > now:
                    op = "confirm"
                    t0 = time.perf_counter()
                    transition = confirm(state, rid, at=now)
                else:
                    op = "expire"
                    t0 = time.perf_counter()
                    transition = expire(state, at=now)
            else:
                op = "expire"
                t0 = time.perf_counter()
                transition = expire(state, at=now)
            elapsed = time.perf_counter() - t0
            state = transition.state
            track(transition.events)
            if not filling:
                if gc_before is None:
                    gc_before = gc_clock.seconds
                spent[op] += elapsed
                counts[op] += 1
                measured += 1
                waiting_sum += state.waiting_count
        per_op = sum(spent.values()) / measured * 1e6
        in_gc = (gc_clock.seconds - (gc_before or 0.0)) / measured * 1e6
        seen = len(state.snapshot().entries)
        rows.append(
            {
                "level": level,
                "registrations_seen": seen,
                "mean_waiting": waiting_sum / measured,
                "ops": measured,
                "us_per_op": per_op,
                "us_gc_per_op": in_gc,
                **{f"us_{k}": spent[k] / counts[k] * 1e6 for k in counts},
                **{f"n_{k}": counts[k] for k in counts},
            }
        )
    kinds = ["register", "cancel", "confirm", "expire"]
    print(
        table(
            f"Incremental roster: {done:,} operations in one stream, time per operation by "
            "waitlist length (target: O(log n))",
            ["waiting (mean)", "registrations seen", "mixed ops timed", "µs/op (all)"]
            + [f"µs/{k}" for k in kinds]
            + ["µs/op in GC"],
            [
                (
                    round(r["mean_waiting"]),
                    r["registrations_seen"],
                    r["ops"],
                    r["us_per_op"],
                    *(r.get(f"us_{k}") for k in kinds),
                    r["us_gc_per_op"],
                )
                for r in rows
            ],
        )
    )
    print(
        f"Of the {done:,} operations, those that grew the waitlist to the next length "
        "were not timed (all registrations).\n"
    )
    return {"operations": done, "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10^5 operations, up to 10^4 waiting")
    run(parser.parse_args().quick)


if __name__ == "__main__":
    main()
