"""
Shared helpers for the benchmarks: timing, markdown tables, the machine description.

Benchmarks are scripts, not library code: they may read the clock and the machine.
"""

from __future__ import annotations

import gc
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    """The best wall time in seconds of *repeat* calls of *fn* (garbage collected before each)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def best_of_with_result(repeat: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    """The best wall time in seconds of *repeat* calls of *fn*, and the last result."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        result = None
        seconds, result = timed(fn)
        best = min(best, seconds)
    return best, result


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """One call of *fn*: (wall seconds, result)."""
    gc.collect()
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def measured_apart(script: str, *args: str) -> dict[str, Any]:
    """
    Run benchmark *script* (a file beside this one) with ``--one`` and *args* in a fresh
    Python process, so that each size starts with a clean heap and its own peak memory;
    the script prints its row as JSON on its last line.
    """
    here = os.path.dirname(os.path.abspath(__file__))
    out = subprocess.run(
        [sys.executable, os.path.join(here, script), "--one", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    row: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return row


def peak_rss_mib() -> float:
    """This process' peak resident set size in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def table(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A markdown table with a ``###`` title, cells formatted by :func:`cell`."""
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join("---" for _ in header) + "|")
    lines.extend("| " + " | ".join(cell(v) for v in row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def cell(value: object) -> str:
    """Integers with thousands separators, floats to three significant figures."""
    if isinstance(value, bool) or value is None:
        return "—" if value is None else str(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if value == 0:
            return "0"
        if abs(value) >= 100:
            return f"{value:,.0f}"
        return f"{value:.3g}"
    return str(value)


def machine() -> dict[str, str]:
    """The machine the numbers were measured on: cores, CPU model, Python, OS."""
    cpu = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "cores": str(len(os.sched_getaffinity(0))),
        "cpu": cpu,
        "python": f"{platform.python_implementation()} {sys.version.split()[0]}",
        "os": f"{platform.system()} {platform.release()}",
    }
