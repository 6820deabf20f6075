"""
The benchmark command: every performance benchmark of jobcenter_core, one table each.

    uv run python benchmarks/run.py            # the full run (under 10 minutes on 2 cores)
    uv run python benchmarks/run.py --quick    # a smoke run (about two minutes)
    uv run python benchmarks/run.py --only rules serialization
    uv run python benchmarks/run.py --json docs/figures/perf_results.json

Each table compares the library with its floor or its alternative measured in the same
run, on the same data, so ratios hold across machines better than seconds do:

1. ``scaling``: ``allocate`` vs ``sorted(registrations, key=order_key)``, 10^4 to 10^6
   registrations, growth and peak memory (each size in its own subprocess);
2. ``matching``: ``allocate`` vs the ``matching`` package's hospital–resident solver;
3. ``roster``: the incremental roster, time per operation by waitlist length;
4. ``rules``: ``is_employable`` and ``benefit_regime`` vs building the ``Decision`` objects;
5. ``serialization``: ``to_json``/``from_json`` vs ``json`` and vs pydantic v2;
6. ``scarce`` and 7. ``national``: see their modules;
8. ``openfisca``: ``employable_column`` and ``rule_columns`` vs an OpenFisca system with
   § 7a and § 8, 10^4 to 10^6 persons (each size in its own subprocess).

A benchmark whose module is missing is skipped with a message. Benchmarks read the clock
and the machine; they are not part of the test run. ``--json`` writes every measured
number (and the machine) for ``docs/figures/perf_scaling.py``, which draws the scaling plot.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _common import machine

BENCHMARKS = {
    "scaling": "bench_scaling",
    "matching": "bench_matching",
    "roster": "bench_roster",
    "rules": "bench_rules",
    "serialization": "bench_serialization",
    "scarce": "bench_scarce",
    "national": "bench_national",
    "openfisca": "bench_openfisca",
}
"""Benchmark name -> module in this folder; each module has ``run(quick) -> dict``."""


def _run_one(name: str, quick: bool) -> dict[str, Any]:
    """Run one benchmark; a module that cannot be imported is skipped with a message."""
    try:
        module = importlib.import_module(BENCHMARKS[name])
    except ImportError as exc:
        print(f"### {name}: skipped ({exc})\n")
        return {"skipped": str(exc)}
    result: dict[str, Any] = module.run(quick)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes: a smoke run")
    parser.add_argument("--only", nargs="+", choices=list(BENCHMARKS), help="run only these")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    args = parser.parse_args()

    about = machine()
    command = "uv run python benchmarks/run.py" + (" --quick" if args.quick else "")
    print("## jobcenter_core benchmarks\n")
    print(f"- command: `{command}`")
    print(f"- machine: {about['cores']} cores, {about['cpu']}, {about['os']}")
    print(f"- Python: {about['python']}")
    print(f"- started: {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}\n", flush=True)

    results: dict[str, Any] = {"machine": about, "command": command, "quick": args.quick}
    started = time.perf_counter()
    for name in args.only or BENCHMARKS:
        t0 = time.perf_counter()
        results[name] = _run_one(name, args.quick)
        results[name]["wall_s"] = time.perf_counter() - t0
        print(f"({name}: {results[name]['wall_s']:.0f} s)\n", flush=True)
    results["wall_s"] = time.perf_counter() - started
    print(f"Total: {results['wall_s']:.0f} s")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=1, default=str)
            f.write("\n")
        print(f"Results written to {args.json}")


if __name__ == "__main__":
    main()
