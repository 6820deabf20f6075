"""
Benchmark 2: ``allocate`` against the ``matching`` package's hospital–resident solver.

On instances of 1,000 to 3,000 registrations (three preferences each, skewed popularity,
seats for 80 %) where every session ranks the people who ranked it by the same key
(:func:`~jobcenter_core.enrolment.order_key`), the resident-optimal stable matching and
serial dictatorship coincide: the benchmark checks that the placements are identical and
prints the speed ratio (target: ``allocate`` >= 100x faster). ``matching`` is timed from
its dictionaries to the solved matching (``create_from_dictionaries`` + ``solve``), as an
analyst would use it; ``allocate`` from the registrations to the allocation.

``matching`` deep-copies its players, which are linked through their preference lists,
so at a few thousand residents it fails with ``RecursionError`` under the default
recursion limit; the table shows where.

    uv run python benchmarks/bench_matching.py [--quick]
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from _common import best_of, table, timed

QUICK_SIZES = [1_000, 2_000]
FULL_SIZES = [1_000, 2_000, 3_000, 5_000, 10_000]


def _instance(n: int) -> tuple[Any, list[Any]]:
    from _registrations import make_registrations
    from bench_allocation import make_offer

    sessions = max(2, n // 100)
    offer = make_offer(sessions, capacity=(n * 8) // (10 * sessions))
    return offer, make_registrations(n, offer, seed=n)


def _solve_with_matching(offer: Any, registrations: list[Any]) -> dict[str, set[str]]:
    from matching.games import HospitalResident

    from jobcenter_core.enrolment import order_key

    ranked = sorted(registrations, key=order_key)
    resident_prefs = {r.id: list(r.preferences) for r in ranked}
    hospital_prefs: dict[str, list[str]] = {s.id: [] for s in offer.sessions}
    for r in ranked:
        for sid in r.preferences:
            hospital_prefs[sid].append(r.id)
    capacities = {s.id: s.capacity for s in offer.sessions}
    game = HospitalResident.create_from_dictionaries(resident_prefs, hospital_prefs, capacities)
    solved = game.solve(optimal="resident")
    return {h.name: {r.name for r in rs} for h, rs in solved.items()}


def run(quick: bool) -> dict[str, Any]:
    """Time both solvers per size; print and return the table."""
    try:
        import bench_allocation  # noqa: F401
        import matching  # noqa: F401

        from jobcenter_core.enrolment import ANYONE, allocate
    except ImportError as exc:
        print(f"### allocate vs matching: skipped ({exc})\n")
        return {"skipped": str(exc)}
    rows: list[dict[str, Any]] = []
    for n in QUICK_SIZES if quick else FULL_SIZES:
        offer, registrations = _instance(n)
        alloc_s = best_of(5, lambda: allocate(offer, registrations, caseworkers=ANYONE))  # noqa: B023
        ours = {
            sid: {r.id for r in rs}
            for sid, rs in allocate(offer, registrations, caseworkers=ANYONE).placements
        }
        try:
            matching_s, theirs = timed(lambda: _solve_with_matching(offer, registrations))  # noqa: B023
        except RecursionError:
            rows.append(
                {
                    "n": n,
                    "sessions": len(offer.sessions),
                    "allocate_s": alloc_s,
                    "matching_s": None,
                    "ratio": None,
                    "identical": f"matching: RecursionError (limit {sys.getrecursionlimit()})",
                }
            )
            continue
        identical = all(ours[sid] == theirs.get(sid, set()) for sid in ours)
        rows.append(
            {
                "n": n,
                "sessions": len(offer.sessions),
                "allocate_s": alloc_s,
                "matching_s": matching_s,
                "ratio": matching_s / alloc_s,
                "identical": "yes" if identical else "NO",
            }
        )
    print(
        table(
            "allocate vs matching.games.HospitalResident (resident-optimal), one common "
            "ranking (target: >= 100x)",
            [
                "registrations",
                "sessions",
                "allocate s",
                "matching s",
                "matching / allocate",
                "placements identical",
            ],
            [
                (
                    r["n"],
                    r["sessions"],
                    r["allocate_s"],
                    r["matching_s"],
                    r["ratio"],
                    r["identical"],
                )
                for r in rows
            ],
        )
    )
    return {"rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 and 2,000 registrations")
    run(parser.parse_args().quick)


if __name__ == "__main__":
    main()
