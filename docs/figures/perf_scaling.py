"""
Draw the log-log scaling plot of the performance guide from the benchmark results.

    uv run python benchmarks/run.py --json docs/figures/perf_results.json
    uv run python docs/figures/perf_scaling.py

Reads ``docs/figures/perf_results.json`` (or the path given as the first argument) and
writes ``docs/figures/perf_scaling.png``: allocation time against the sorting bound and an
n log n reference, ``allocate`` against ``matching``, and the roster's time per operation
against the waitlist length.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

HERE = Path(__file__).resolve().parent


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "perf_results.json"
    results = json.loads(source.read_text(encoding="utf-8"))
    fig, axes = plt.subplots(1, 3, figsize=(14, 4.4))

    ax = axes[0]
    rows = sorted(
        (r for r in results.get("scaling", {}).get("rows", []) if r["n"] == 100 * r["sessions"]),
        key=lambda r: r["n"],
    )
    if rows:
        n = [r["n"] for r in rows]
        ax.loglog(n, [r["allocate_s"] for r in rows], "o-", label="allocate")
        ax.loglog(n, [r["sorted_s"] for r in rows], "s-", label="sorted(…, key=order_key)")
        first = rows[0]
        scale = first["sorted_s"] / (first["n"] * math.log2(first["n"]))
        ax.loglog(n, [scale * x * math.log2(x) for x in n], ":", color="grey", label="n log n")
        ax.loglog(
            n,
            [first["sorted_s"] * (x / first["n"]) ** 2 for x in n],
            "--",
            color="lightgrey",
            label="n² (for contrast)",
        )
        ax.set_ylim(min(r["sorted_s"] for r in rows) / 3, max(r["allocate_s"] for r in rows) * 5)
    ax.set_title("Batch allocation (100 registrations per session)")
    ax.set_xlabel("registrations")
    ax.set_ylabel("seconds")
    ax.legend(fontsize=8)

    ax = axes[1]
    rows = results.get("matching", {}).get("rows", [])
    if rows:
        ax.loglog([r["n"] for r in rows], [r["allocate_s"] for r in rows], "o-", label="allocate")
        ok = [r for r in rows if r["matching_s"] is not None]
        ax.loglog(
            [r["n"] for r in ok],
            [r["matching_s"] for r in ok],
            "s-",
            label="matching HospitalResident",
        )
        for r in rows:
            if r["matching_s"] is None:
                ax.annotate(
                    "RecursionError", (r["n"], r["allocate_s"] * 30), fontsize=8, ha="center"
                )
    ax.set_title("Against the matching package")
    ax.set_xlabel("registrations")
    ax.set_ylabel("seconds")
    ax.legend(fontsize=8)

    ax = axes[2]
    rows = results.get("roster", {}).get("rows", [])
    if rows:
        waiting = [r["mean_waiting"] for r in rows]
        ax.loglog(waiting, [r["us_per_op"] for r in rows], "o-", label="all operations")
        if all("us_gc_per_op" in r for r in rows):
            outside = [r["us_per_op"] - r["us_gc_per_op"] for r in rows]
            ax.loglog(waiting, outside, "o--", label="all, outside the GC")
        for kind, marker in (("register", "s"), ("cancel", "^"), ("confirm", "v"), ("expire", "x")):
            ys = [r.get(f"us_{kind}") for r in rows]
            if all(y is not None for y in ys):
                ax.loglog(waiting, ys, marker + ":", label=kind)
        top = max(r["us_per_op"] for r in rows)
        ax.set_ylim(top / 100, top * 10)
    ax.set_title("Incremental roster")
    ax.set_xlabel("people waiting")
    ax.set_ylabel("µs per operation")
    ax.legend(fontsize=8)

    about = results.get("machine", {})
    fig.suptitle(
        f"jobcenter_core benchmarks — {about.get('cores', '?')} cores, {about.get('cpu', '?')}, "
        f"{about.get('python', '?')}",
        fontsize=10,
    )
    fig.tight_layout()
    out = HERE / "perf_scaling.png"
    fig.savefig(out, dpi=110)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
