"""
Mutation testing of the rule modules, one module at a time (issue 21).

    uv run --group mutation python tools/mutation.py                 # every rule module
    uv run --group mutation python tools/mutation.py regime needs    # some of them
    uv run --group mutation python tools/mutation.py --report        # table of the last runs
    uv run --group mutation python tools/mutation.py --survivors regime
    uv run --group mutation python tools/mutation.py --retest regime  # survivors again, after new tests

Runs mutmut 3 (configured in ``[tool.mutmut]`` of ``pyproject.toml``: only the rule
modules, only the lines the tests cover) on each module in turn, at low priority
(``nice -n 10``) with at most two children, with the Hypothesis profile ``mutation``
(few, derandomized examples; see ``tests/conftest.py``). Then it prints, per module, the
mutants killed, surviving, listed as equivalent in ``tests/mutation/equivalents.toml``,
the score over the non-equivalent mutants, and the time the module took.

mutmut keeps its results in ``mutants/`` (git-ignored): a second run only tests mutants
without a result (new tests are noticed, but do not reopen a verdict: ``--retest`` runs the
surviving mutants again). Delete ``mutants/`` for a full run from scratch.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import os
import subprocess
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENTS = ROOT / "tests" / "mutation" / "equivalents.toml"

MODULES: dict[str, str] = {
    "working_age": "jobcenter_core.rules.working_age",
    "employability": "jobcenter_core.rules.employability",
    "unit_membership": "jobcenter_core.rules.unit_membership",
    "regime": "jobcenter_core.rules.regime",
    "reasonableness": "jobcenter_core.rules.reasonableness",
    "childcare": "jobcenter_core.rules.childcare",
    "target_groups": "jobcenter_core.rules.target_groups",
    "interpreter": "jobcenter_core.rules.interpreter",
    "readiness": "jobcenter_core.rules.readiness",
    "plan": "jobcenter_core.rules.plan",
    "needs": "jobcenter_core.needs",
    "consultations": "jobcenter_core.consultations",
    "enrolment.allocation": "jobcenter_core.enrolment.allocation",
    "enrolment.roster": "jobcenter_core.enrolment.roster",
    "enrolment.commands": "jobcenter_core.enrolment.commands",
    "enrolment.admission": "jobcenter_core.enrolment.admission",
    "coaching.fit": "jobcenter_core.coaching.fit",
    "coaching.lifecycle": "jobcenter_core.coaching.lifecycle",
    "coaching.allocation": "jobcenter_core.coaching.allocation",
    "interpreting.assignment": "jobcenter_core.interpreting.assignment",
}

# mutmut 3's exit codes (mutmut.stats.status_by_exit_code), folded into what the table shows.
_KILLED = {1, 3, 36, 37, -24, 24, 152, 255}  # failing test, pytest error, timeout, type check
_SURVIVED = {0}
_NO_TESTS = {5, 33}


def equivalents() -> dict[str, str]:
    """The mutants judged equivalent, each with its one-line reason."""
    with EQUIVALENTS.open("rb") as f:
        listed = tomllib.load(f).get("equivalent", [])
    return {e["mutant"]: e["reason"] for e in listed}


def results(module: str) -> dict[str, int | None]:
    """mutmut's last result for each mutant of *module* (None: not yet tested)."""
    meta = ROOT / "mutants" / "src" / (module.replace(".", "/") + ".py.meta")
    if not meta.exists():
        return {}
    exit_codes: dict[str, int | None] = json.loads(meta.read_text())["exit_code_by_key"]
    return exit_codes


class _Prose(ast.NodeTransformer):
    """Blanks every string constant with a space in it: a message, not a code."""

    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        if isinstance(node.value, str) and any(c.isspace() for c in node.value):
            return ast.copy_location(ast.Constant(value="…"), node)
        return node


def _shape(function: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """The function without its name and its prose."""
    blank = copy.deepcopy(function)
    blank.name = ""
    return ast.dump(_Prose().visit(blank))


def prose_only(module: str) -> set[str]:
    """
    The mutants of *module* that change nothing but the wording of a message (a string
    constant with a space in it, such as a reason's ``message``). Reason codes, citations,
    values and presumptions are the rules' contract; their wording is not, and the tests
    do not pin it (they would be tests of an implementation detail).
    """
    source = ROOT / "mutants" / "src" / (module.replace(".", "/") + ".py")
    if not source.exists():
        return set()
    functions = {
        node.name: node
        for node in ast.walk(ast.parse(source.read_text()))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and "__mutmut_" in node.name
    }
    found: set[str] = set()
    for name in results(module):
        function_name = name.removeprefix(module + ".")
        mutant = functions.get(function_name)
        original = functions.get(function_name.rpartition("__mutmut_")[0] + "__mutmut_orig")
        if mutant is not None and original is not None and _shape(mutant) == _shape(original):
            found.add(name)
    return found


def tally(module: str, equivalent: dict[str, str]) -> Counter[str]:
    """The verdicts on *module*'s mutants, by kind."""
    counts: Counter[str] = Counter()
    prose = prose_only(module)
    for name, code in results(module).items():
        if name in equivalent:
            counts["equivalent"] += 1
        elif name in prose and code not in _KILLED:
            counts["wording"] += 1
        elif code in _KILLED:
            counts["killed"] += 1
        elif code in _SURVIVED:
            counts["survived"] += 1
        elif code in _NO_TESTS:
            counts["no tests"] += 1
        elif code is None:
            counts["not run"] += 1
        else:
            counts["other"] += 1
    return counts


def survivors(module: str, equivalent: dict[str, str]) -> list[str]:
    """The mutants of *module* no test killed, less the equivalent and wording ones."""
    skip = equivalent.keys() | prose_only(module)
    return sorted(
        name
        for name, code in results(module).items()
        if code in _SURVIVED | _NO_TESTS and name not in skip
    )


def run(patterns: list[str], max_children: int) -> float:
    """
    One mutmut run over the mutants matching *patterns*; the seconds it took. One run for
    all modules: each run first measures coverage with the whole selection of tests.
    """
    env = os.environ | {"HYPOTHESIS_PROFILE": "mutation"}
    command = ["nice", "-n", "10", "mutmut", "run", "--max-children", str(max_children)]
    started = time.monotonic()
    subprocess.run([*command, *patterns], cwd=ROOT, env=env, check=False)
    return time.monotonic() - started


def mutant_seconds(module: str) -> float:
    """The seconds the tests of *module*'s mutants ran, as mutmut measured them."""
    meta = ROOT / "mutants" / "src" / (module.replace(".", "/") + ".py.meta")
    if not meta.exists():
        return 0.0
    durations: dict[str, float] = json.loads(meta.read_text()).get("durations_by_key", {})
    return sum(durations.values())


def table(rows: list[tuple[str, Counter[str], float]]) -> str:
    """Per module: the verdicts, the score and the test time of its mutants (summed)."""
    lines = [
        "| module | mutants | killed | survived | no tests | equivalent | wording | score | test time |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, c, seconds in rows:
        judged = c["killed"] + c["survived"] + c["no tests"]
        score = f"{100 * c['killed'] / judged:.1f} %" if judged else "–"
        took = f"{seconds / 60:.1f} min"
        total = sum(c.values())
        lines.append(
            f"| {name} | {total} | {c['killed']} | {c['survived']} | {c['no tests']} "
            f"| {c['equivalent']} | {c['wording']} | {score} | {took} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", metavar="module", help=", ".join(MODULES))
    parser.add_argument("--report", action="store_true", help="only print the last results")
    parser.add_argument("--survivors", action="store_true", help="list surviving mutants")
    parser.add_argument("--retest", action="store_true", help="run the survivors again")
    parser.add_argument("--max-children", type=int, default=2)
    args = parser.parse_args(argv)
    unknown = [m for m in args.modules if m not in MODULES]
    if unknown:
        parser.error(f"unknown module(s) {', '.join(unknown)}; choose from {', '.join(MODULES)}")
    chosen = args.modules or list(MODULES)
    equivalent = equivalents()

    if args.survivors:
        for name in chosen:
            print(*survivors(MODULES[name], equivalent), sep="\n")
        return 0

    wall = None
    if args.retest:
        again = [m for name in chosen for m in survivors(MODULES[name], equivalent)]
        if again:
            wall = run(again, args.max_children)
    elif not args.report:
        wall = run([f"{MODULES[name]}.*" for name in chosen], args.max_children)
    rows = [
        (name, tally(MODULES[name], equivalent), mutant_seconds(MODULES[name])) for name in chosen
    ]
    print(table(rows))
    if wall is not None:
        print(f"\nwall time {wall / 60:.1f} min, at most {args.max_children} children")
    return 0


if __name__ == "__main__":
    sys.exit(main())
