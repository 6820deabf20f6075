"""
Benchmark 4: rule evaluation against the cost of building the answers.

``is_employable`` and ``benefit_regime`` on synthetic persons (a million in the full run),
each reported as a ratio to constructing the same number of ``Decision`` objects directly
(three prebuilt reasons each): the floor for a per-person explained answer. Target:
``is_employable`` within 3x. ``benefit_regime`` (and ``benefit_regimes`` per household)
is reported without a target: its per-person target is retired, national-scale regime
answers get a bulk path of their own.

Every run starts cold: the answers ``is_employable`` keeps (per day and policy, by the
facts it reads) are built during the run, and a working-age answer is worked out once per
birth date, so the quick run (10^5 persons, about 22,600 birth dates) pays a larger share
of first answers than the full one (10^6 persons, about 30,700).

Persons are made in chunks of 100,000 so that a million never sit in memory at once; each
chunk is timed on its own and the times are summed (making the persons is not timed). Times
are CPU seconds of this process (the garbage collector included), which do not count the
time other processes on a shared machine hold the core. The
contenders take turns in blocks of about 10,000 persons; besides the ratio of the summed
times, the table gives the median of the per-block ratios, which a change in the machine's
load or a full garbage collection landing in one block moves less.

    uv run python benchmarks/bench_rules.py [--quick]
"""

from __future__ import annotations

import argparse
import collections
import statistics
import time
from typing import Any

import _data
from _common import table

CHUNK = 100_000
BLOCK = 3_700  # households, about 10,000 persons


def run(quick: bool) -> dict[str, Any]:
    """Time the rules on 10^5 (quick) or 10^6 persons; print and return the table."""
    try:
        from jobcenter_core.decisions import Decision, Reason
        from jobcenter_core.rules import benefit_regime, benefit_regimes, is_employable
    except ImportError as exc:
        print(f"### rule evaluation: skipped ({exc})\n")
        return {"skipped": str(exc)}

    persons = 100_000 if quick else 1_000_000
    on = _data.ON
    reasons = tuple(Reason(code=f"r{i}", message=f"reason {i}") for i in range(3))
    totals = collections.Counter[str]()
    block_ratios: dict[str, list[float]] = collections.defaultdict(list)
    employable = 0
    regimes = collections.Counter[str]()
    made = 0
    for chunk in _data.person_chunks(persons, chunk=CHUNK):
        # Blocks of about 10,000 persons, each timed with every contender in turn, so
        # that a change in the machine's load falls on all of them alike.
        for b in range(0, len(chunk), BLOCK):
            block = chunk[b : b + BLOCK]
            pairs = [(m.person, h) for h in block for m in h.members]
            people = [p for p, _ in pairs]
            made += len(pairs)

            start = time.process_time()
            floor = [Decision(value=True, reasons=reasons) for _ in people]
            floor_block = time.process_time() - start
            totals["floor"] += floor_block
            del floor

            start = time.process_time()
            answers = [is_employable(p, on=on) for p in people]
            seconds = time.process_time() - start
            totals["is_employable"] += seconds
            block_ratios["is_employable"].append(seconds / floor_block)
            employable += sum(1 for a in answers if a.value)
            del answers

            start = time.process_time()
            regime = [benefit_regime(p, h, on=on) for p, h in pairs]
            seconds = time.process_time() - start
            totals["benefit_regime"] += seconds
            block_ratios["benefit_regime"].append(seconds / floor_block)
            regimes.update(d.value.name for d in regime)

            start = time.process_time()
            batch = [benefit_regimes(h, on=on) for h in block]
            seconds = time.process_time() - start
            totals["benefit_regimes"] += seconds
            block_ratios["benefit_regimes"].append(seconds / floor_block)
            assert [d for b in batch for _, d in b] == regime, "benefit_regimes differs"
            del batch
            del regime

    floor_s = totals["floor"]

    def median(name: str) -> float:
        return statistics.median(block_ratios[name])

    rows = [
        ("Decision(...) directly (floor)", made, floor_s, floor_s / made * 1e6, 1.0, 1.0, "—"),
        (
            "is_employable",
            made,
            totals["is_employable"],
            totals["is_employable"] / made * 1e6,
            totals["is_employable"] / floor_s,
            median("is_employable"),
            f"{employable / made:.0%} employable",
        ),
        (
            "benefit_regime",
            made,
            totals["benefit_regime"],
            totals["benefit_regime"] / made * 1e6,
            totals["benefit_regime"] / floor_s,
            median("benefit_regime"),
            ", ".join(f"{k} {v / made:.0%}" for k, v in regimes.most_common()),
        ),
    ]
    rows.append(
        (
            "benefit_regimes (per household)",
            made,
            totals["benefit_regimes"],
            totals["benefit_regimes"] / made * 1e6,
            totals["benefit_regimes"] / floor_s,
            median("benefit_regimes"),
            "same answers as benefit_regime",
        )
    )
    print(
        table(
            f"Rule evaluation on {made:,} persons, on {on} "
            "(target: is_employable ratio <= 3; benefit_regime: no target, retired)",
            [
                "what",
                "persons",
                "total s",
                "µs/person",
                "ratio to floor",
                "median block ratio",
                "answers",
            ],
            rows,
        )
    )
    return {
        "persons": made,
        "floor_s": floor_s,
        "is_employable_s": totals["is_employable"],
        "benefit_regime_s": totals["benefit_regime"],
        "is_employable_ratio": totals["is_employable"] / floor_s,
        "benefit_regime_ratio": totals["benefit_regime"] / floor_s,
        "benefit_regimes_s": totals.get("benefit_regimes"),
        "median_block_ratios": {k: median(k) for k in block_ratios},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10^5 persons instead of 10^6")
    run(parser.parse_args().quick)


if __name__ == "__main__":
    main()
