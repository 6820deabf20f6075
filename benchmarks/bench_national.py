"""
Benchmark 6: the national run end to end — 10^4, 10^5 and 10^6 households in the 406 job
centres — where the time goes, its growth, its memory, and the speed-up with two workers;
and the generator against constructing the same objects directly.

1. **End to end** (each size in a fresh subprocess, so that its peak resident set size
   is its own): every job centre's partition is generated
   (:func:`~jobcenter_core.scenarios.job_centre_scenarios`) and run through the stages of
   :mod:`jobcenter_core.national.pipeline` one after another in one process, timing each
   stage (wall and CPU seconds): generate, rules, consultations, allocation, coaching,
   summary. The rules stage keeps the rule's answers for the whole process
   (:class:`~jobcenter_core.national.RegimeAnswers`), as ``run`` does in one process; a
   worker keeps them for its batch. The coaching stage is given one
   :class:`~jobcenter_core.coaching.FitAnswers` for the whole process too. Then the same job centres on a ``ProcessPoolExecutor`` of two workers, in
   batches of 8 (:func:`jobcenter_core.national.run`), for the speed-up. The garbage
   collector is tuned as ``python -m jobcenter_core`` tunes it (``tune_collector``).
   Targets: growth linear, 10^6 on one core <= 90 s and <= 4 GiB peak.

   Every size runs all 406 job centres. ``--tenth`` runs a tenth of them at 10^6 (every
   tenth one) and scales the times by the households they cover, then runs the largest
   job centre, which sets the peak memory, untimed: a quicker look, which overstates the
   time, because the answers a run keeps (the rules' per shape) are worked out afresh
   for a tenth of the households instead of once for all of them.

2. **Generation vs construction**: three partitions at the 10^5 scale (the largest job
   centre, Kreis Borken, a median one) generated, against calling every constructor of
   the same object graph with its final arguments and keeping the objects (attrs
   validators and converters included), in CPU seconds, the best of five. Target:
   <= 2x. The generator makes its values with the trusted makers
   (``scenarios/_trusted.py``); the table also times the same generation with every
   value made by its public constructor, the gain that engine earns.

    uv run python benchmarks/bench_national.py [--quick] [--tenth]
    uv run python benchmarks/bench_national.py --stages 1000000 [--tenth]   # stages only
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import math
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

from _common import measured_apart, peak_rss_mib, table

QUICK_SIZES = [1_000, 10_000]
FULL_SIZES = [10_000, 100_000, 1_000_000]
SAMPLED_FROM = 1_000_000
"""Sizes from this one on run a tenth of the job centres with ``--tenth``."""
STAGES = ("generate", "rules", "consultations", "allocation", "coaching", "summary")
SEED = 1


def _on() -> Any:
    import pendulum

    return pendulum.date(2022, 6, 21)


def _work(households: int, sample: bool) -> list[tuple[str, int]]:
    """(job centre id, households) of the run, or of every tenth job centre."""
    from jobcenter_core.scenarios import JOB_CENTRES, households_by_job_centre

    counts = households_by_job_centre(households)
    return [
        (c.id, n)
        for i, (c, n) in enumerate(zip(JOB_CENTRES, counts, strict=True))
        if n and (not sample or i % 10 == 0)
    ]


def _largest(households: int) -> tuple[str, int]:
    """The job centre with the most households, which sets a run's peak memory."""
    from jobcenter_core.scenarios import JOB_CENTRES, households_by_job_centre

    counts = households_by_job_centre(households)
    i = max(range(len(counts)), key=counts.__getitem__)
    return JOB_CENTRES[i].id, counts[i]


def staged(work: Iterable[tuple[str, int]]) -> tuple[dict[str, float], dict[str, float], Any]:
    """Every stage of every job centre in *work*, timed: (wall s, CPU s, total outcome)."""
    from jobcenter_core.coaching import FitAnswers
    from jobcenter_core.national import RegimeAnswers, RunOutcome
    from jobcenter_core.national import pipeline as p
    from jobcenter_core.scenarios import job_centre_scenarios

    on = _on()
    wall: Counter[str] = Counter()
    cpu: Counter[str] = Counter()

    def clock(stage: str, fn: Callable[[], Any]) -> Any:
        w, c = time.perf_counter(), time.process_time()
        result = fn()
        wall[stage] += time.perf_counter() - w
        cpu[stage] += time.process_time() - c
        return result

    total = RunOutcome.empty(on=on)
    answers = RegimeAnswers()  # kept for the whole process, as run() keeps it
    fits = FitAnswers()  # the same for the coaching fit
    for jc, n in work:
        scenarios = clock(
            "generate",
            lambda jc=jc, n=n: job_centre_scenarios(jc, households=n, seed=SEED, on=on),
        )
        for s in scenarios:
            regimes, catch_up = clock(
                "rules",
                lambda: p.regimes_stage(s, days=(on,), answers=answers),  # noqa: B023
            )
            interpreting = clock("consultations", lambda: p.consultations_stage(s))  # noqa: B023
            offer, training = clock("allocation", lambda: p.allocation_stage(s))  # noqa: B023
            coaching = clock(
                "coaching",
                lambda: p.coaching_stage(s, answers=fits),  # noqa: B023
            )
            summary = clock("summary", lambda: p.summary_stage(s))  # noqa: B023
            total += RunOutcome(
                on=on,
                local_job_centres=1,
                summary=summary,
                regimes=regimes,
                central_register_catch_up=catch_up,
                interpreting=interpreting,
                offer=offer,
                training=training,
                coaching=coaching,
            )
        del scenarios
    return dict(wall), dict(cpu), total


def one(households: int, sample: bool) -> dict[str, Any]:
    """Measure one size in this process (called in a subprocess by :func:`run`), with the
    garbage collector tuned as the command line tunes it."""
    from jobcenter_core.__main__ import tune_collector
    from jobcenter_core.national import DEFAULT_CHUNK_SIZE, run_job_centres
    from jobcenter_core.scenarios import JOB_CENTRES

    tune_collector()
    work = _work(households, sample)
    covered = sum(n for _, n in work)
    gc.collect()
    wall, cpu, total = staged(work)
    if sample:  # the peak is the largest job centre's, in or out of the sample
        staged([_largest(households)])
    peak = peak_rss_mib()
    scale = households / covered
    # The same job centres on two worker processes, in batches of 8 as run() makes them
    # for all 406 (a tenth of the job centres: batches of one, as many batches as a run).
    size = max(1, round(DEFAULT_CHUNK_SIZE * len(work) / len(JOB_CENTRES)))
    batches = [work[i : i + size] for i in range(0, len(work), size)]
    batches.sort(key=lambda b: -sum(n for _, n in b))
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2, initializer=tune_collector) as pool:
        futures = [pool.submit(run_job_centres, b, seed=SEED, on=_on()) for b in batches]
        for f in as_completed(futures):
            f.result()
    two_wall = time.perf_counter() - start
    children_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "households": households,
        "covered": covered,
        "job_centres": len(work),
        "sampled": sample,
        "persons": round(total.summary.persons * scale),
        "wall_s": {k: v * scale for k, v in wall.items()},
        "cpu_s": {k: v * scale for k, v in cpu.items()},
        "one_wall_s": sum(wall.values()) * scale,
        "one_cpu_s": sum(cpu.values()) * scale,
        "two_wall_s": two_wall * scale,
        "peak_mib": peak,
        "worker_peak_mib": children_peak,
    }


def stages(households: int, tenth: bool) -> dict[str, Any]:
    """The one-core run of *households* (every tenth job centre with *tenth*) in this
    process, collector tuned: µs of CPU a household by stage, and in all."""
    from jobcenter_core.__main__ import tune_collector

    tune_collector()
    work = _work(households, tenth)
    covered = sum(n for _, n in work)
    _, cpu, _ = staged(work)
    per = {stage: round(cpu.get(stage, 0.0) / covered * 1e6, 1) for stage in STAGES}
    return {
        "households": covered,
        "µs_cpu_per_household": per,
        "total": round(sum(per.values()), 1),
    }


# --- generation vs constructing the same objects ---------------------------------------------


def _plan(root: object) -> list[tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]]:
    """Every object of *root*'s graph once, children first, as (constructor, args, kwargs)
    with the final field values (the children themselves)."""
    import attrs
    import pendulum
    from pendulum import Date, DateTime

    seen: set[int] = set()
    plan: list[tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]] = []

    def visit(obj: Any) -> None:
        if id(obj) in seen:
            return
        if isinstance(obj, tuple | frozenset | list):
            seen.add(id(obj))
            for x in obj:
                visit(x)
        elif isinstance(obj, DateTime):
            seen.add(id(obj))
            args = (obj.year, obj.month, obj.day, obj.hour, obj.minute, obj.second)
            plan.append((pendulum.datetime, args, {"tz": obj.tzinfo}))
        elif isinstance(obj, Date):
            seen.add(id(obj))
            plan.append((Date, (obj.year, obj.month, obj.day), {}))
        elif attrs.has(type(obj)):
            seen.add(id(obj))
            kwargs = {}
            for a in attrs.fields(type(obj)):
                if a.init:
                    value = getattr(obj, a.name)
                    visit(value)
                    kwargs[a.alias] = value
            plan.append((type(obj), (), kwargs))

    visit(root)
    return plan


def _construct(plan: list[tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]]) -> float:
    """CPU seconds to call every constructor of *plan*, keeping the objects."""
    gc.collect()
    kept = []
    start = time.process_time()
    for make, args, kwargs in plan:
        kept.append(make(*args, **kwargs))
    seconds = time.process_time() - start
    del kept
    return seconds


def generation(quick: bool) -> dict[str, Any]:
    """Generating three partitions vs constructing their objects directly: CPU seconds,
    the best of five of each, so that other processes on the machine do not count."""
    from jobcenter_core.scenarios import (
        JOB_CENTRES,
        KREIS_BORKEN,
        households_by_job_centre,
        job_centre_scenarios,
    )
    from jobcenter_core.scenarios import national as national_module
    from jobcenter_core.scenarios._trusted import CHECKED
    from jobcenter_core.scenarios.job_centres import apportion

    scale = 10_000 if quick else 100_000
    counts = households_by_job_centre(scale)
    by_size = sorted(range(len(counts)), key=counts.__getitem__)
    chosen = [by_size[-1], JOB_CENTRES.index(KREIS_BORKEN), by_size[len(by_size) // 2]]
    rows = []
    for i in chosen:
        centre, n = JOB_CENTRES[i], counts[i]

        def make(centre: Any = centre, n: int = n) -> Any:
            return job_centre_scenarios(centre, households=n, seed=SEED, on=_on())

        def make_checked(centre: Any = centre, n: int = n) -> Any:
            """The same partition with every value made by its public constructor."""
            shares = apportion(n, [local.weight for local in centre.local_job_centres])
            return tuple(
                national_module._scenario(
                    centre, local, households=k, seed=SEED, on=_on(), make=CHECKED
                )
                for local, k in zip(centre.local_job_centres, shares, strict=True)
                if k
            )

        generate_s = []
        checked_s = []
        construct_s = []
        for _ in range(5):
            gc.collect()
            start = time.process_time()
            made = make()
            generate_s.append(time.process_time() - start)
            gc.collect()
            start = time.process_time()
            checked = make_checked()
            checked_s.append(time.process_time() - start)
            assert checked == made
            del checked
            plan = _plan(made)
            del made
            construct_s.append(_construct(plan))
        rows.append(
            {
                "job_centre": centre.name,
                "households": n,
                "objects": len(plan),
                "generate_s": min(generate_s),
                "checked_s": min(checked_s),
                "construct_s": min(construct_s),
            }
        )
    return {
        "rows": rows,
        "ratio": sum(r["generate_s"] for r in rows) / sum(r["construct_s"] for r in rows),
    }


# --- the tables ----------------------------------------------------------------------------------


def run(quick: bool, tenth: bool = False) -> dict[str, Any]:
    """Run every size in its own subprocess and the generation comparison; print the tables."""
    try:
        import jobcenter_core.national  # noqa: F401
    except ImportError as exc:
        print(f"### national run: skipped ({exc})\n")
        return {"skipped": str(exc)}
    rows: list[dict[str, Any]] = []
    for n in QUICK_SIZES if quick else FULL_SIZES:
        sample = n >= SAMPLED_FROM and tenth
        rows.append(measured_apart("bench_national.py", str(n), *(["--sample"] if sample else [])))
        print(f"  ... {n:,} households measured", file=sys.stderr)
    for before, after in itertools.pairwise(rows):
        growth = math.log(after["households"] / before["households"])
        after["exponent"] = math.log(after["one_cpu_s"] / before["one_cpu_s"]) / growth

    def size(r: dict[str, Any]) -> str:
        return f"{r['households']:,}" + (
            f" (scaled from every 10th job centre, {r['job_centres']})" if r["sampled"] else ""
        )

    print(
        table(
            "national run end to end (target at 10^6: one core <= 90 s, peak <= 4 GiB; "
            "growth linear)",
            [
                "households",
                "persons",
                "one core: wall s",
                "CPU s",
                "µs CPU / household",
                "growth exponent",
                "2 workers: wall s",
                "speed-up",
                "peak RSS MiB (one core / a worker)",
            ],
            [
                (
                    size(r),
                    r["persons"],
                    r["one_wall_s"],
                    r["one_cpu_s"],
                    r["one_cpu_s"] / r["households"] * 1e6,
                    f"{r['exponent']:.2f}" if "exponent" in r else "—",
                    r["two_wall_s"],
                    r["one_wall_s"] / r["two_wall_s"],
                    f"{r['peak_mib']:.0f} / {r['worker_peak_mib']:.0f}",
                )
                for r in rows
            ],
        )
    )
    print(
        table(
            "where the time goes (CPU seconds; µs per household in brackets)",
            ["households", *STAGES],
            [
                (
                    size(r),
                    *(
                        f"{r['cpu_s'].get(s, 0.0):.1f} "
                        f"({r['cpu_s'].get(s, 0.0) / r['households'] * 1e6:.0f})"
                        for s in STAGES
                    ),
                )
                for r in rows
            ],
        )
    )
    print(
        "Growth exponent: log(t2/t1) / log(n2/n1) of the CPU time; 1.0 is linear. "
        "Speed-up: one-core wall time / two-worker wall time on the same job centres "
        "(a shared machine gives less than 2).\n"
    )
    made = generation(quick)
    print(
        table(
            f"generation vs constructing the same objects (target <= 2x; ratio "
            f"{made['ratio']:.2f})",
            [
                "job centre",
                "households",
                "objects",
                "generate s",
                "construct s",
                "ratio",
                "generate with constructors s",
                "trusted makers' gain",
            ],
            [
                (
                    r["job_centre"],
                    r["households"],
                    r["objects"],
                    r["generate_s"],
                    r["construct_s"],
                    r["generate_s"] / r["construct_s"],
                    r["checked_s"],
                    r["checked_s"] / r["generate_s"],
                )
                for r in made["rows"]
            ],
        )
    )
    return {"rows": rows, "generation": made}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10^3 and 10^4 households")
    parser.add_argument(
        "--tenth", action="store_true", help="every tenth job centre at 10^6, scaled"
    )
    parser.add_argument(
        "--stages",
        type=int,
        metavar="HOUSEHOLDS",
        help="only the one-core run of that many households, µs of CPU a household by stage",
    )
    parser.add_argument("--one", type=int, metavar="HOUSEHOLDS", help=argparse.SUPPRESS)
    parser.add_argument("--sample", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.sample)))
    elif args.stages:
        print(json.dumps(stages(args.stages, args.tenth)))
    else:
        run(args.quick, args.tenth)


if __name__ == "__main__":
    main()
