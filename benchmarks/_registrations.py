"""
Registrations for the allocation benchmarks, fast at a million.

The same data as ``make_registrations`` in the enrolment benchmark
(``bench_allocation.py``), draw for draw: it passes precomputed cumulative weights to
``random.choices``, which then makes exactly the same draws, instead of the weights, from
which ``random.choices`` rebuilds the cumulative sums on every call (O(sessions) per
registration: hours at 10^6 registrations over 10^4 sessions).
"""

from __future__ import annotations

import itertools
import random
from typing import Any

from jobcenter_core.dates import at_berlin
from jobcenter_core.enrolment import Registration


def make_registrations(n: int, offer: Any, *, seed: int = 2022) -> list[Registration]:
    """*n* registrations with three distinct preferences each, skewed popularity, shuffled."""
    rng = random.Random(seed)
    ids = offer.session_ids
    cumulative = list(itertools.accumulate(1 / (i + 1) for i in range(len(ids))))
    base = at_berlin(2022, 6, 1, 8)
    instants = [base.add(minutes=i) for i in range(min(n, 100_000))]
    regs = []
    for i in range(n):
        prefs: list[str] = []
        while len(prefs) < min(3, len(ids)):
            pick = rng.choices(ids, cum_weights=cumulative, k=3)
            prefs = list(dict.fromkeys(prefs + pick))[:3]
        regs.append(
            Registration(
                id=f"r-{i:07d}",
                person_id=f"p-{i:07d}",
                offer_id="o",
                preferences=tuple(prefs),
                registered_at=instants[rng.randrange(len(instants))],
                registered_by="cw-1",
                priority=1 if rng.random() < 0.1 else 0,
            )
        )
    rng.shuffle(regs)
    return regs
