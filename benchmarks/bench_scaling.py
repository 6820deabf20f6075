"""
Benchmark 1: batch allocation against the sorting bound, its growth and its memory.

``allocate`` on n registrations over m sessions (three preferences each, skewed
popularity: session i drawn with weight 1/(i+1); seats for 80 % of the registrations),
divided by ``sorted(registrations, key=order_key)`` on the same data in the same process:
the lower bound for any allocation that honours the order key. Target: <= 2x at 10^6.

Each size runs in a fresh subprocess, so that its peak resident set size
(``getrusage(RUSAGE_SELF).ru_maxrss``) is its own: the table shows the peak after the
registrations were made (the data) and the peak after ``allocate`` ran (target: <= 1 GiB
at 10^6). tracemalloc would attribute memory more finely but slows allocation several
times and inflates the peak, so it is not used.

The data comes from the enrolment benchmark's generator (``bench_allocation.py``).

    uv run python benchmarks/bench_scaling.py [--quick]
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import math
import sys
from typing import Any

from _common import best_of, measured_apart, peak_rss_mib, table, timed

QUICK_SIZES = [(10_000, 100), (100_000, 1_000)]
FULL_SIZES = [(10_000, 100), (100_000, 1_000), (1_000_000, 10_000)]


def one(n: int, m: int) -> dict[str, Any]:
    """Measure one size in this process (called in a subprocess by :func:`run`)."""
    from _registrations import make_registrations
    from bench_allocation import make_offer

    from jobcenter_core.enrolment import ANYONE, allocate, order_key

    offer = make_offer(m, capacity=max(1, (n * 8) // (10 * m)))
    registrations = make_registrations(n, offer)
    gc.collect()
    data_mib = peak_rss_mib()
    first_s, result = timed(lambda: allocate(offer, registrations, caseworkers=ANYONE))
    after_mib = peak_rss_mib()
    placed = sum(len(rs) for _, rs in result.placements)
    waiting = len(result.waitlist)
    del result
    repeat = 3 if n <= 10_000 else 2 if n <= 100_000 else 1
    sort_s = best_of(repeat, lambda: sorted(registrations, key=order_key))
    alloc_s = min(
        first_s, best_of(repeat, lambda: allocate(offer, registrations, caseworkers=ANYONE))
    )
    return {
        "n": n,
        "sessions": m,
        "allocate_s": alloc_s,
        "sorted_s": sort_s,
        "ratio": alloc_s / sort_s,
        "placed": placed,
        "waiting": waiting,
        "data_peak_mib": data_mib,
        "allocate_peak_mib": after_mib,
        "process_peak_mib": peak_rss_mib(),
    }


def run(quick: bool) -> dict[str, Any]:
    """Run every size in its own subprocess; print and return the table."""
    try:
        import bench_allocation  # noqa: F401

        import jobcenter_core.enrolment  # noqa: F401
    except ImportError as exc:
        print(f"### allocation vs sorting: skipped ({exc})\n")
        return {"skipped": str(exc)}
    rows: list[dict[str, Any]] = []
    for n, m in QUICK_SIZES if quick else FULL_SIZES:
        rows.append(measured_apart("bench_scaling.py", str(n), str(m)))
        print(f"  ... {n:,} registrations over {m:,} sessions measured", file=sys.stderr)
    diagonal = sorted((r for r in rows if r["n"] == 100 * r["sessions"]), key=lambda r: r["n"])
    for before, after in itertools.pairwise(diagonal):
        growth = math.log(after["n"] / before["n"])
        after["allocate_exponent"] = math.log(after["allocate_s"] / before["allocate_s"]) / growth
        after["sorted_exponent"] = math.log(after["sorted_s"] / before["sorted_s"]) / growth
    for r in rows:
        r["ns_per_n_log2_n"] = r["allocate_s"] / (r["n"] * math.log2(r["n"])) * 1e9
    print(
        table(
            "allocate vs sorted(registrations, key=order_key) (target: ratio <= 2 at 10^6, "
            "peak <= 1 GiB)",
            [
                "registrations",
                "sessions",
                "allocate s",
                "sorted s",
                "ratio",
                "growth exponent (allocate / sorted)",
                "allocate ns / (n log2 n)",
                "placed",
                "waiting",
                "peak RSS MiB: data / after allocate",
            ],
            [
                (
                    r["n"],
                    r["sessions"],
                    r["allocate_s"],
                    r["sorted_s"],
                    r["ratio"],
                    f"{r['allocate_exponent']:.2f} / {r['sorted_exponent']:.2f}"
                    if "allocate_exponent" in r
                    else "—",
                    r["ns_per_n_log2_n"],
                    r["placed"],
                    r["waiting"],
                    f"{r['data_peak_mib']:.0f} / {r['allocate_peak_mib']:.0f}",
                )
                for r in rows
            ],
        )
    )
    print(
        "Growth exponent: log(t2/t1) / log(n2/n1) between rows with 100 registrations per "
        "session; n log n gives about 1.1 for a tenfold n, quadratic growth 2.\n"
    )
    return {"rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="up to 10^5 registrations")
    parser.add_argument(
        "--one", nargs=2, type=int, metavar=("N", "SESSIONS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(*args.one)))
    else:
        run(args.quick)


if __name__ == "__main__":
    main()
