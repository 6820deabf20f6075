"""
``python -m jobcenter_core``: the Bocholt June 2022 walk-through, and national runs.

Without arguments it runs the library on
:func:`~jobcenter_core.scenarios.bocholt_june_2022` and prints a short report: the
caseload, the regime switch of 2022-06-01, the needs and interpreter hours of the
consultations, the 21 June session with its waitlist, the demand signal and the added
30 June session, the application training, the coaching referrals of parents without
childcare, and one explanation of a waitlisted person.

With ``--households N`` (and ``--seed S``, ``--on DAY``) it makes the national synthetic
caseload of *N* households in the 406 job centres and runs every stage on it
(:func:`jobcenter_core.national.run`), in ``--workers K`` processes, and prints the
totals in a report as short at 10⁶ households as at 10. A run that takes more than two
seconds shows its progress on stderr, at most a line a second. ``--seed``, ``--on``,
``--workers`` and ``--chunk-size`` set up a national run: without ``--households`` they
are refused, not ignored.

``--json`` prints either report as machine-readable JSON, as short as the text. No
network: the output depends only on the arguments (the clock only paces the progress
lines on stderr). A bad argument is one line on stderr and exit status 2.

``check PATH…`` runs policy case files (``*.cases.yaml``, the ``testing`` extra):
:func:`jobcenter_core.testing.cases.check_command`.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import NoReturn, TextIO

import pendulum
from pendulum import Date

from jobcenter_core.caseload import summarize
from jobcenter_core.dates import at_berlin, instant_order
from jobcenter_core.enrolment import (
    add_session,
    allocate,
    confirm,
    demand_signal,
    open_offer,
    order_key,
    register,
)
from jobcenter_core.interpreting import assign_interpreters
from jobcenter_core.national import coaching_stage
from jobcenter_core.national import run as national_run
from jobcenter_core.national.report import (
    Report,
    caseload_lines,
    caseload_section,
    coaching_section,
    national_report,
    needs_lines,
    render_national,
)
from jobcenter_core.parameters import DEFAULT_POLICY, REFORMS, Policy, apply_reforms
from jobcenter_core.rules import BenefitRegime, benefit_regimes
from jobcenter_core.scenarios import Scenario, bocholt_june_2022
from jobcenter_core.scenarios.builder import WAR_BEGAN

SWITCH = pendulum.date(2022, 6, 1)
"""The day § 74 SGB II moved the § 24 group from AsylbLG to SGB II."""


def _caseload_section(scenario: Scenario, policy: Policy) -> Report:
    return caseload_section(summarize(scenario.caseload, on=scenario.on, policy=policy))


def _regime_section(scenario: Scenario, policy: Policy) -> Report:
    days = [SWITCH.subtract(days=1), SWITCH, scenario.on]
    if scenario.on <= SWITCH:
        days = days[:2]
    counts: dict[str, dict[str, int]] = {}
    catch_up = 0
    for day in days:
        tally: Counter[str] = Counter()
        for household in scenario.caseload.households:
            for _, decision in benefit_regimes(household.born_by(day), on=day, policy=policy):
                tally[decision.value.value] += 1
                if day == SWITCH and "central_register_suffices" in decision.codes:
                    catch_up += 1
        counts[str(day)] = {r.value: tally[r.value] for r in BenefitRegime if tally[r.value]}
    return {"by_day": counts, "central_register_catch_up_on_switch": catch_up}


def _consultation_section(scenario: Scenario, policy: Policy) -> Report:
    if not scenario.consultations:
        return {"consultations": 0}
    result = assign_interpreters(
        scenario.consultations,
        scenario.interpreters,
        persons=scenario.persons(),
        caseworkers=scenario.caseworkers,
        policy=policy,
    )
    minutes = sum(b.window.duration.in_minutes() for b in result.bookings)
    return {
        "consultations": len(scenario.consultations),
        "first": str(min(c.window.start for c in scenario.consultations).date()),
        "last": str(max(c.window.start for c in scenario.consultations).date()),
        "interpreter_needed": len(result.bookings) + len(result.unserved),
        "interpreter_booked": len(result.bookings),
        "interpreter_hours_used": minutes / 60,
        "unserved": len(result.unserved),
        "unserved_reasons": dict(
            sorted(Counter(c for u in result.unserved for c in u.codes).items())
        ),
        "missing_hours_by_language": {s.language: s.hours for s in result.shortfall},
    }


def _offer_section(scenario: Scenario, policy: Policy) -> Report:
    offer = scenario.offer
    candidates = scenario.candidates()
    caseworkers = {c.id for c in scenario.caseworkers}
    batch = allocate(
        offer,
        scenario.registrations,
        candidates=candidates,
        caseworkers=caseworkers,
        on=scenario.on,
        policy=policy,
    )
    signal = demand_signal(batch, policy=policy, on=scenario.on)
    explained: Report = {}
    if batch.waitlist:
        head = batch.waitlist[0]
        explained = {
            "registration_id": head.id,
            "person_id": head.person_id,
            "explain": short_explanation(batch.explain(head.id).explain()),
        }

    # The same registrations one by one through the roster, in key order, recorded once
    # the last was made (time in a roster never runs backwards); then the added session.
    state = open_offer(offer, caseworkers=caseworkers).state
    recorded = max((r.registered_at for r in scenario.registrations), key=instant_order)
    for r in sorted(scenario.registrations, key=order_key):
        state = register(
            state,
            r,
            candidate=candidates.get(r.person_id),
            on=scenario.on,
            policy=policy,
            at=recorded,
        ).state
    waiting_before = state.waiting_count
    added = scenario.second_session
    decided_at = max(
        at_berlin(scenario.on.year, scenario.on.month, scenario.on.day, 14),
        recorded,
        key=instant_order,
    )
    transition = add_session(state, added, at=decided_at, policy=policy)
    state = transition.state
    offered = [o.registration_id for o in state.seat_offers() if o.session_id == added.id]
    confirmed_at = decided_at.add(hours=20)
    for registration_id in offered:
        state = confirm(state, registration_id, at=confirmed_at).state
    return {
        "offer": offer.title,
        "first_session": {
            "id": offer.sessions[0].id,
            "start": offer.sessions[0].start.isoformat(),
            "capacity": sum(s.capacity for s in offer.sessions),
            "sessions": len(offer.sessions),
        },
        "registrations": len(scenario.registrations),
        "placed": sum(len(rs) for _, rs in batch.placements),
        "waitlist": len(batch.waitlist),
        "rejected": len(batch.rejections),
        "demand_signal": {"extra_sessions": signal.value, "explain": signal.explain()},
        "added_session": {
            "id": added.id,
            "start": added.start.isoformat(),
            "capacity": added.capacity,
            "waiting_before": waiting_before,
            "seat_offers": len(offered),
            "confirmed": state.booked(added.id),
            "still_waiting": state.waiting_count,
        },
        "waitlisted_example": explained,
    }


def _training_section(scenario: Scenario, policy: Policy) -> Report:
    batch = allocate(
        scenario.training,
        scenario.training_registrations,
        candidates=scenario.candidates(),
        caseworkers={c.id for c in scenario.caseworkers},
        on=scenario.on,
        policy=policy,
    )
    return {
        "offer": scenario.training.title,
        "session_start": scenario.training.sessions[0].start.isoformat(),
        "registrations": len(scenario.training_registrations),
        "placed": sum(len(rs) for _, rs in batch.placements),
        "waitlist": len(batch.waitlist),
        "rejected": len(batch.rejections),
        "rejection_reasons": dict(
            sorted(
                Counter(
                    c for r in batch.rejections for c in r.codes if c.startswith(("not_", "no_"))
                ).items()
            )
        ),
    }


def _coaching_section(scenario: Scenario, policy: Policy) -> Report:
    programme = scenario.coaching
    coaching = coaching_stage(scenario, policy=policy)
    return {
        "programme": programme.provider,
        "delivery": programme.delivery.value,
        "languages": sorted(programme.languages),
        **coaching_section(coaching),
        "coach_capacity": coaching.coach_capacity,
    }


def build_report(scenario: Scenario, *, policy: Policy = DEFAULT_POLICY) -> Report:
    """Every section of the walk-through as plain JSON-ready values."""
    return {
        "scenario": scenario.name,
        "caseload": _caseload_section(scenario, policy),
        "regime_switch": _regime_section(scenario, policy),
        "consultations": _consultation_section(scenario, policy),
        "group_offer": _offer_section(scenario, policy),
        "application_training": _training_section(scenario, policy),
        "coaching": _coaching_section(scenario, policy),
    }


def short_explanation(text: str, *, most: int = 6) -> str:
    r"""
    An explanation cut to at most *most* lines, as the report shows it in text and JSON:
    an offer with many sessions explains a waitlisted person with a reason per full
    session, which the report sums up.

    >>> from jobcenter_core.__main__ import short_explanation
    >>> print(short_explanation("WAITLISTED\n" + "".join(f"  - s{i} full\n" for i in range(9)) + "  - waiting"))
    WAITLISTED
      - s0 full
      - s1 full
      - s2 full
        … 6 more sessions were full
      - waiting
    """
    lines = text.splitlines()
    if len(lines) <= most:
        return text
    return "\n".join([*lines[:4], f"    … {len(lines) - 5} more sessions were full", lines[-1]])


def _indent(text: str, by: str = "    ") -> str:
    return "\n".join(by + line for line in text.splitlines())


def render(report: Report) -> str:
    """The report as a short text for people."""
    c = report["caseload"]
    lines = [f"jobcenter_core walk-through: {report['scenario']} (as of {c['on']})", ""]
    lines.extend(caseload_lines(c))
    lines.append("")
    lines.append("Regime switch (SGB II § 74, in force 2022-06-01)")
    for day, counts in report["regime_switch"]["by_day"].items():
        parts = ", ".join(f"{k.upper()} {v}" for k, v in counts.items())
        lines.append(f"  {day}: {parts}")
    catch_up = report["regime_switch"]["central_register_catch_up_on_switch"]
    if catch_up:
        lines.append(f"  {catch_up} qualified through the central-register catch-up rule")
    lines.append("")
    k = report["consultations"]
    lines.append("Consultations")
    if k["consultations"]:
        lines.append(
            f"  {k['consultations']} individual consultations {k['first']} to {k['last']}; "
            f"{k['interpreter_needed']} needed an interpreter, {k['interpreter_booked']} booked "
            f"({k['interpreter_hours_used']:g} interpreter hours)"
        )
        if k["unserved"]:
            missing = ", ".join(
                f"{lang} {h:g} h" for lang, h in k["missing_hours_by_language"].items()
            )
            reasons = ", ".join(f"{code} {n}" for code, n in k["unserved_reasons"].items())
            lines.append(f"  {k['unserved']} without interpreter ({reasons}); missing: {missing}")
    else:
        lines.append("  none recorded (synthetic caseload: needs drawn directly)")
    lines.extend(needs_lines(c))
    lines.append("")
    g = report["group_offer"]
    first = g["first_session"]
    lines.append(f'Group offer "{g["offer"]}"')
    lines.append(
        f"  {first['start'][:10]}: {first['capacity']} seats, {g['registrations']} registrations "
        f"-> {g['placed']} placed, {g['waitlist']} waiting, {g['rejected']} rejected"
    )
    lines.append(f"  demand signal: {g['demand_signal']['extra_sessions']} extra session(s)")
    lines.append(_indent("\n".join(g["demand_signal"]["explain"].splitlines()[1:]), "  "))
    a = g["added_session"]
    lines.append(
        f"  added {a['start'][:10]} ({a['capacity']} seats): {a['seat_offers']} seat offers to "
        f"the {a['waiting_before']} waiting, {a['confirmed']} confirmed, "
        f"{a['still_waiting']} still waiting"
    )
    lines.append("")
    t = report["application_training"]
    lines.append(f'Application training "{t["offer"]}" ({t["session_start"][:10]})')
    lines.append(
        f"  {t['registrations']} registrations -> {t['placed']} placed, {t['waitlist']} waiting, "
        f"{t['rejected']} rejected"
        + (f" ({', '.join(t['rejection_reasons'])})" if t["rejection_reasons"] else "")
    )
    lines.append("")
    co = report["coaching"]
    lines.append(f"Online coaching in Ukrainian ({co['programme']})")
    fit = ", ".join(f"{k} {v}" for k, v in co["fit"].items())
    lines.append(
        f"  {co['parents_without_childcare']} employable parents without childcare; fit: {fit}"
        + (f" ({', '.join(co['unsuitable_reasons'])})" if co["unsuitable_reasons"] else "")
    )
    lines.append(
        f"  {co['referred']} referred -> {co['assigned']} assigned to coaches "
        f"(capacity {co['coach_capacity']}), {co['waiting']} waiting"
    )
    example = g["waitlisted_example"]
    if example:
        lines.append("")
        lines.append(
            f"Why is {example['registration_id']} (person {example['person_id']}) waiting "
            f"for {first['start'][:10]}?"
        )
        lines.append(_indent(example["explain"], "  "))
    return "\n".join(lines)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr, exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


SEED = 2022
"""The seed of a national run unless ``--seed`` gives another."""

ON = pendulum.date(2022, 6, 21)
"""The reference day of a national run unless ``--on`` gives another."""

NATIONAL_ONLY = ("seed", "on", "workers", "chunk_size")
"""The options that set up a national run: refused without ``--households``."""


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m jobcenter_core",
        description="The Bocholt June 2022 walk-through of jobcenter_core "
        "('check PATH…' runs policy case files).",
        epilog="--seed, --on, --workers and --chunk-size set up a national run and are "
        "refused without --households.",
    )
    parser.add_argument(
        "--households",
        type=_at_least_one,
        metavar="N",
        help="a national run on a synthetic caseload of N households in 406 job centres",
    )
    parser.add_argument(
        "--seed",
        type=_whole_number,
        metavar="S",
        help=f"seed of the synthetic caseload, a whole number (national run only; default {SEED})",
    )
    parser.add_argument(
        "--workers",
        type=_at_least_one,
        metavar="K",
        help="processes for the national run (national run only; default 1: this process)",
    )
    parser.add_argument(
        "--chunk-size",
        type=_at_least_one,
        metavar="C",
        help="job centres per task when the run is spread over workers (national run only; "
        "default 8)",
    )
    parser.add_argument(
        "--on",
        type=_reference_day,
        metavar="DAY",
        help=f"reference day of the national run, YYYY-MM-DD on or after {WAR_BEGAN} "
        f"(national run only; default {ON})",
    )
    parser.add_argument(
        "--reform",
        "--policy",
        action="append",
        default=[],
        choices=sorted(REFORMS),
        help="apply a named reform to the default policy (repeatable)",
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    return parser


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number (got {text!r})") from None


def _at_least_one(text: str) -> int:
    number = _whole_number(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1 (got {text!r})")
    return number


def _reference_day(text: str) -> Date:
    try:
        parsed = pendulum.Date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD (got {text!r})") from None
    day = pendulum.date(parsed.year, parsed.month, parsed.day)
    if day < WAR_BEGAN:
        raise argparse.ArgumentTypeError(
            f"expected a day on or after {WAR_BEGAN}, when the war began: the synthetic "
            f"caseload has no refugee households before (got {text!r})"
        )
    return day


class ProgressLines:
    """
    Progress of a long run on *stream*: nothing in its first *after* seconds, then a
    line ``<stage>: <percent>% (<done> of <total> households)`` at most every *every*
    seconds, and the line for 100 % once something was shown. *clock* tells the time
    in seconds (``time.monotonic`` by default).

    >>> import io
    >>> from jobcenter_core.__main__ import ProgressLines
    >>> ticks = iter([0.0, 0.5, 2.5, 2.9, 4.0, 4.1])
    >>> out = io.StringIO()
    >>> lines = ProgressLines(out, clock=lambda: next(ticks))
    >>> for done in (10, 20, 30, 40, 50):
    ...     lines("job centres", done, 50)
    >>> print(out.getvalue(), end="")
    job centres: 40% (20 of 50 households)
    job centres: 80% (40 of 50 households)
    job centres: 100% (50 of 50 households)
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        clock: Callable[[], float] = time.monotonic,
        after: float = 2.0,
        every: float = 1.0,
    ) -> None:
        self.stream = stream
        self.clock = clock
        self.after = after
        self.every = every
        self.started = clock()
        self.shown: float | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = self.clock()
        finished = done >= total and self.shown is not None
        if not finished:
            if now - self.started < self.after:
                return
            if self.shown is not None and now - self.shown < self.every:
                return
        self.shown = now
        percent = 100 * done // total if total else 100
        print(f"{stage}: {percent}% ({done} of {total} households)", file=self.stream, flush=True)


def tune_collector() -> None:
    """
    Raise the cyclic garbage collector's thresholds for a national run, in this process
    (and, as the pool's initializer, in each worker). The run makes millions of immutable,
    cycle-free values that reference counting frees; the collector would only scan them.
    A young collection comes after a million more objects made than freed, more than one
    job centre's partition holds, so that most values are freed before any collection
    sees them (at 50,000 the collector scanned each partition once or twice: about a fifth
    of the time of generating it). A library leaves the collector alone; the command line,
    which owns its process, tunes it.
    """
    gc.set_threshold(1_000_000, 20, 10)


def _national(args: argparse.Namespace, policy: Policy) -> Report:
    seed = SEED if args.seed is None else args.seed
    workers = 1 if args.workers is None else args.workers
    progress = ProgressLines(sys.stderr)
    tune_collector()
    with contextlib.ExitStack() as stack:
        pool = None
        if workers > 1:
            pool = stack.enter_context(
                ProcessPoolExecutor(max_workers=workers, initializer=tune_collector)
            )
        national = national_run(
            households=args.households,
            seed=seed,
            on=ON if args.on is None else args.on,
            policy=policy,
            executor=pool,
            chunk_size=args.chunk_size,
            progress=progress,
        )
    return national_report(national)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the walk-through (or a national run) with the command-line arguments *argv*; 0 on success."""
    if argv is None:
        argv = sys.argv[1:]
    if list(argv[:1]) == ["check"]:
        # The case files need the optional extra 'testing', so the command is imported here.
        from jobcenter_core.testing.cases import check_command

        return check_command(argv[1:])
    parser = _parser()
    args = parser.parse_args(argv)
    policy = apply_reforms(DEFAULT_POLICY, args.reform)
    if args.households is None:
        given = [
            f"--{name.replace('_', '-')}"
            for name in NATIONAL_ONLY
            if getattr(args, name) is not None
        ]
        if given:
            parser.error(f"{', '.join(given)}: only for a national run; give --households N too")
    if args.households is not None:
        report = _national(args, policy)
        text = render_national
    else:
        report = build_report(bocholt_june_2022(), policy=policy)
        text = render
    report["reforms"] = list(args.reform)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print(text(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
