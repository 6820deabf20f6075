"""
Policy cases as data: golden cases that people who know the law can write and read.

A case file (``*.cases.yaml``) holds several cases; each names a rule
(:data:`~jobcenter_core.testing.case_rules.RULES`), the facts with the field names of the
JSON format, the reference day, the policy (the default, a named reform of
:data:`~jobcenter_core.parameters.REFORMS`, or changed parameters), and what is expected:
the value, and optionally the reason codes, the citations and the presumed facts. A case
under a reform can also say what the default policy decides (``baseline``), so that the
difference the reform makes is stated.

.. code-block:: yaml

    rule: benefit_regime
    cases:
      - name: a § 24 permit with the identity registration moves to SGB II on 1 June 2022
        household:
          id: h-1
          members:
            - person: {id: p-1, birth_date: 1988-04-02, sex: female,
                       residence: {document: temporary_protection_permit},
                       identity_registered: true}
        person: p-1
        expect_on:
          2022-05-31: asylblg
          2022-06-01: {value: sgb_ii, reasons_include: [employable_sgb_ii]}

The files are YAML 1.2 read strictly (:mod:`~jobcenter_core.testing._yaml`): a plain
value is text unless it is ``null``, ``true``, ``false`` or a JSON number, so ``NO``
stays ``"NO"`` and ``0123`` stays ``"0123"``. The facts are read by the library's JSON
converter, so a case file accepts exactly what a JSON document does. Every mistake is
reported at once, each naming the file, the line, the case and the field by JSON path
(:class:`CaseFileError`).

:func:`load_case_file` reads a file, :func:`parse_cases` a text, :func:`run_case` runs a
case; :mod:`~jobcenter_core.testing.plugin` collects case files in pytest and
:func:`check_command` is ``python -m jobcenter_core check PATH…``.
"""

from __future__ import annotations

import argparse
import sys
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, TextIO

import attrs
from pendulum import Date

from jobcenter_core.decisions import Assumption, LegalReference
from jobcenter_core.errors import InvalidInput, InvalidPolicy, JobcenterCoreError, Problem
from jobcenter_core.parameters import DEFAULT_POLICY, REFORMS, Dated, Policy, apply_reforms
from jobcenter_core.serialization import make_converter, structure
from jobcenter_core.serialization.problems import key_path
from jobcenter_core.testing import case_rules
from jobcenter_core.testing._files import CASE_FILE_SUFFIX, STATUTE_CASES, case_files_under
from jobcenter_core.testing._yaml import Text, read_yaml
from jobcenter_core.testing.case_rules import RULES, CaseRule, Mismatch

__all__ = [
    "CASE_FILE_SUFFIX",
    "STATUTE_CASES",
    "Case",
    "CaseFileError",
    "CaseProblem",
    "CaseResult",
    "Check",
    "Failure",
    "check_command",
    "load_case_file",
    "parse_cases",
    "run_case",
]


# --- errors ----------------------------------------------------------------------------


@attrs.frozen
class CaseProblem:
    """
    One mistake in a case file: its *line*, the *case* it is in (``None`` outside the
    cases), the field's JSON *path* and what is wrong (*kind*, never the value).

    >>> from jobcenter_core.testing.cases import CaseProblem
    >>> str(CaseProblem(12, "born on the 1st", "$.cases[0].on", "expected a date"))
    'line 12, case "born on the 1st": $.cases[0].on: expected a date'
    """

    line: int
    case: str | None
    path: str
    kind: str

    def __str__(self) -> str:
        where = f'line {self.line}, case "{self.case}"' if self.case else f"line {self.line}"
        return f"{where}: {self.path}: {self.kind}"


class CaseFileError(InvalidInput):
    """
    A case file that cannot be run: every problem found in *file*, each with its line,
    case and path (an :class:`~jobcenter_core.errors.InvalidInput`, so a ``ValueError``).
    """

    file: str
    case_problems: tuple[CaseProblem, ...]

    def __init__(self, file: str, problems: Iterable[CaseProblem]) -> None:
        self.case_problems = tuple(problems)
        super().__init__(Problem(p.path, p.kind) for p in self.case_problems)
        self.file = file
        count = len(self.case_problems)
        head = f"{file}: {count} problem{'s' if count != 1 else ''} in the case file:"
        self.args = ("\n".join([head, *(f"  {p}" for p in self.case_problems)]),)

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.file, self.case_problems))


# --- the cases -------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Check:
    """
    One expectation of a case: on the day *on* (``None`` for a rule without a day),
    under *policy* (named *policy_name*), the *expected* items (key, value); *baseline*
    marks what the default policy is expected to decide for a case under a reform.
    """

    on: Date | None
    policy: Policy = attrs.field(repr=False)
    policy_name: str
    expected: tuple[tuple[str, Any], ...]
    baseline: bool = False

    @property
    def label(self) -> str:
        """Where the check stands, for people: the day and the policy."""
        day = f"on {self.on}" if self.on is not None else "any day"
        kind = "baseline, " if self.baseline else ""
        return f"{day} ({kind}policy {self.policy_name})"


@attrs.frozen(kw_only=True)
class Case:
    """
    One case of a case file: its *name*, where it is (*file*, *line*), the *rule* it
    asks, the *facts* read into the library's types, its *checks* and an optional
    *note*.
    """

    file: str
    line: int
    name: str
    rule: str
    facts: tuple[tuple[str, Any], ...] = attrs.field(repr=False)
    checks: tuple[Check, ...]
    note: str = ""


@attrs.frozen(kw_only=True)
class Failure:
    """A failed check: what differed (*mismatches*) and the answer's ``explain()`` text."""

    check: Check
    mismatches: tuple[Mismatch, ...]
    explanation: str = ""


@attrs.frozen(kw_only=True)
class CaseResult:
    """The outcome of :func:`run_case`: the *case* and its *failures* (none: it passed)."""

    case: Case
    failures: tuple[Failure, ...] = ()

    @property
    def passed(self) -> bool:
        """Whether every check of the case passed."""
        return not self.failures

    def report(self) -> str:
        """
        The failures for people: the case, then per failed check the expected and the
        actual value of each key that differs, and the ``explain()`` text.
        """
        case = self.case
        lines = [f'case "{case.name}" ({case.file}:{case.line}), rule {case.rule}']
        if case.note:
            lines.append(f"  note: {case.note}")
        for failure in self.failures:
            lines.append(f"  {failure.check.label}:")
            for m in failure.mismatches:
                lines.append(f"    {m.key + ':':<18} expected {m.expected}")
                lines.append(f"    {'':<18} actual   {m.actual}")
            if failure.explanation:
                lines.append("    explain():")
                lines.extend(f"      {line}" for line in failure.explanation.splitlines())
        return "\n".join(lines)


# --- reading ---------------------------------------------------------------------------

_FILE_KEYS: Final = ("rule", "policy", "shared", "cases")
_CASE_KEYS: Final = (
    "name",
    "rule",
    "note",
    "policy",
    "on",
    "expect",
    "expect_on",
    "baseline",
    "baseline_on",
)
_CHANGE_KEYS: Final = ("from", "value", "note", "reference")
_PARAMETER_TYPES: Final[Mapping[str, Any]] = {
    name: typing.get_args(hint)[0] for name, hint in typing.get_type_hints(Policy).items()
}


def load_case_file(path: Path | str, *, source: str | None = None) -> tuple[Case, ...]:
    """
    The cases of the case file at *path* (shown as *source*, default the path), or a
    :class:`CaseFileError` listing every mistake.

    >>> from jobcenter_core.testing.cases import STATUTE_CASES, load_case_file
    >>> cases = load_case_file(STATUTE_CASES / "childcare.cases.yaml")
    >>> cases[0].rule, cases[0].checks[0].expected
    ('school_entry_date', (('value', Date(2025, 8, 1)),))
    """
    shown = str(path) if source is None else source
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CaseFileError(shown, [CaseProblem(1, None, "$", "not UTF-8 text")]) from None
    except OSError as error:
        kind = f"cannot be read ({error.strerror or type(error).__name__})"
        raise CaseFileError(shown, [CaseProblem(1, None, "$", kind)]) from None
    return parse_cases(text, source=shown)


def parse_cases(text: str, *, source: str = "<text>") -> tuple[Case, ...]:
    """
    The cases in *text*, a case file's content (named *source* in problems), or a
    :class:`CaseFileError` listing every mistake.

    >>> from jobcenter_core.testing.cases import parse_cases
    >>> parse_cases('''
    ... rule: school_entry_date
    ... cases:
    ...   - {name: born on 30 September, birth_date: 2019-09-30, expect: 2025-08-01}
    ... ''')[0].name
    'born on 30 September'
    >>> parse_cases('''
    ... cases:
    ...   - {name: a typo, rule: school_entry_date, birth_date: 2019-09-31, expect: NO}
    ... ''', source="typo.cases.yaml")
    Traceback (most recent call last):
    ...
    jobcenter_core.testing.cases.CaseFileError: typo.cases.yaml: 2 problems in the case file:
      line 3, case "a typo": $.cases[0].birth_date: not a valid ... date (YYYY-MM-DD)
      line 3, case "a typo": $.cases[0].expect: not a valid ... date (YYYY-MM-DD)
    """
    document = read_yaml(text)
    if document.problems:
        raise CaseFileError(
            source, [CaseProblem(p.line, None, p.path, p.kind) for p in document.problems]
        )
    reader = _Reader(document)
    cases = reader.cases(source)
    if reader.problems:
        raise CaseFileError(source, reader.problems)
    return cases


class _Reader:
    """Reads a case file's values, collecting every problem before giving up."""

    def __init__(self, document: Text) -> None:
        self.document = document
        self.converter = make_converter()
        self.problems: list[CaseProblem] = []
        self.case: str | None = None

    def problem(self, path: str, kind: str) -> None:
        self.problems.append(CaseProblem(self.document.line_of(path), self.case, path, kind))

    def unknown_keys(self, raw: Mapping[str, Any], path: str, known: Iterable[str]) -> None:
        allowed = set(known)
        for key in raw:
            if key not in allowed:
                self.problem(key_path(path, key), "unknown key")

    def structure(self, raw: Any, cl: Any, path: str) -> Any:
        """*raw* read as *cl* by the JSON converter, problems re-rooted at *path*."""
        try:
            return structure(raw, cl, converter=self.converter)
        except InvalidInput as error:
            for p in error.problems:
                self.problem(path + p.path[1:], p.kind)
            return _INVALID

    def mapping(self, raw: Any, path: str) -> Mapping[str, Any] | None:
        if isinstance(raw, dict):
            return raw
        self.problem(path, "expected a mapping (key: value)")
        return None

    # the file

    def cases(self, source: str) -> tuple[Case, ...]:
        raw = self.mapping(self.document.data, "$")
        if raw is None:
            return ()
        self.unknown_keys(raw, "$", _FILE_KEYS)
        rule = self.rule(raw["rule"], "$.rule") if "rule" in raw else None
        policy = self.policy(raw["policy"], "$.policy") if "policy" in raw else None
        listed = raw.get("cases")
        if not isinstance(listed, list) or not listed:
            self.problem("$.cases", "expected a list of one or more cases")
            return ()
        names: set[str] = set()
        found = []
        for index, case in enumerate(listed):
            path = f"$.cases[{index}]"
            read = self.one_case(case, path, source, rule, policy)
            if read is not None and read.name in names:
                self.problem(f"{path}.name", "another case of this file has this name")
            elif read is not None:
                names.add(read.name)
                found.append(read)
        self.case = None
        return tuple(found)

    def rule(self, raw: Any, path: str) -> CaseRule | None:
        if isinstance(raw, str) and raw in RULES:
            return RULES[raw]
        self.problem(path, f"unknown rule; a case can ask {', '.join(sorted(RULES))}")
        return None

    # one case

    def one_case(
        self,
        raw: Any,
        path: str,
        source: str,
        file_rule: CaseRule | None,
        file_policy: tuple[Policy, str] | None,
    ) -> Case | None:
        self.case = None
        case = self.mapping(raw, path)
        if case is None:
            return None
        name = case.get("name")
        if not isinstance(name, str) or not name.strip():
            self.problem(f"{path}.name", "every case needs a name (text)")
            name = None
        self.case = name
        rule = self.rule(case["rule"], f"{path}.rule") if "rule" in case else file_rule
        if rule is None:
            if "rule" not in case:
                self.problem(f"{path}.rule", "no rule: give 'rule' here or for the whole file")
            return None
        self.unknown_keys(case, path, (*_CASE_KEYS, *rule.facts))
        note = case.get("note", "")
        if not isinstance(note, str):
            self.problem(f"{path}.note", "expected a string")
        policy = file_policy
        if "policy" in case:
            policy = self.policy(case["policy"], f"{path}.policy")
        elif policy is None:
            policy = (DEFAULT_POLICY, "default")
        facts = self.facts(case, path, rule)
        checks = self.checks(case, path, rule, policy, facts)
        if name is None or policy is None or facts is None or checks is None:
            return None
        return Case(
            file=source,
            line=self.document.line_of(path),
            name=name,
            rule=rule.name,
            facts=tuple(facts.items()),
            checks=checks,
            note=note if isinstance(note, str) else "",
        )

    def facts(self, case: Mapping[str, Any], path: str, rule: CaseRule) -> dict[str, Any] | None:
        facts: dict[str, Any] = {}
        complete = True
        for key, fact in rule.facts.items():
            if key not in case:
                if fact.required:
                    self.problem(key_path(path, key), f"required by {rule.name}")
                    complete = False
                continue
            value = self.structure(case[key], fact.type, key_path(path, key))
            complete = complete and value is not _INVALID
            facts[key] = value
        household = facts.get("household")
        members = () if household in (None, _INVALID) else household.member_ids
        for key, fact in rule.facts.items():
            member = facts.get(key)
            known = bool(members) and isinstance(member, str)
            if fact.member and known and member not in members:
                self.problem(key_path(path, key), "not the id of a member of the household")
                complete = False
        return facts if complete else None

    # the checks

    def checks(
        self,
        case: Mapping[str, Any],
        path: str,
        rule: CaseRule,
        policy: tuple[Policy, str] | None,
        facts: Mapping[str, Any] | None,
    ) -> tuple[Check, ...] | None:
        if rule.day == "none":
            for key in ("on", "expect_on", "baseline_on"):
                if key in case:
                    self.problem(f"{path}.{key}", f"{rule.name} takes no day: use 'expect'")
        has_expect, has_expect_on = "expect" in case, "expect_on" in case
        if has_expect == has_expect_on:
            self.problem(path, "give either 'expect' or 'expect_on'")
            return None
        if "on" in case and has_expect_on:
            self.problem(f"{path}.on", "'expect_on' names its days: remove 'on'")
        if "baseline" in case and not has_expect:
            self.problem(f"{path}.baseline", "'baseline' goes with 'expect'")
        if "baseline_on" in case and not has_expect_on:
            self.problem(f"{path}.baseline_on", "'baseline_on' goes with 'expect_on'")
        if policy is not None and policy[1] == "default":
            for key in ("baseline", "baseline_on"):
                if key in case:
                    self.problem(
                        f"{path}.{key}", "a baseline needs a policy other than the default"
                    )
        if has_expect and rule.day == "required" and "on" not in case:
            self.problem(f"{path}.on", f"required by {rule.name} (the reference day)")
        on = self.structure(case["on"], Date, f"{path}.on") if "on" in case else None
        days: list[tuple[Date | None, Any, str, bool]] = []
        if has_expect:
            days.append((on, case["expect"], f"{path}.expect", False))
            if "baseline" in case:
                days.append((on, case["baseline"], f"{path}.baseline", True))
        else:
            days.extend(self.days(case["expect_on"], f"{path}.expect_on", baseline=False))
            if "baseline_on" in case:
                days.extend(self.days(case["baseline_on"], f"{path}.baseline_on", baseline=True))
        checks = []
        for day, raw, where, baseline in days:
            expected = self.expectation(raw, where, rule, facts)
            if policy is None or expected is None or day is _INVALID:
                continue
            used = (DEFAULT_POLICY, "default") if baseline else policy
            checks.append(
                Check(
                    on=day,
                    policy=used[0],
                    policy_name=used[1],
                    expected=expected,
                    baseline=baseline,
                )
            )
        return tuple(checks) if len(checks) == len(days) else None

    def days(
        self, raw: Any, path: str, *, baseline: bool
    ) -> list[tuple[Date | None, Any, str, bool]]:
        by_day = self.mapping(raw, path)
        if by_day is None:
            return []
        if not by_day:
            self.problem(path, "expected one or more days")
        found = []
        for text, expected in by_day.items():
            where = key_path(path, text)
            found.append((self.structure(text, Date, where), expected, where, baseline))
        return found

    def expectation(
        self, raw: Any, path: str, rule: CaseRule, facts: Mapping[str, Any] | None
    ) -> tuple[tuple[str, Any], ...] | None:
        keys = rule.expectations
        if isinstance(raw, dict):
            paths = {key: key_path(path, key) for key in raw}
        elif "value" in keys:
            raw, paths = {"value": raw}, {"value": path}
        else:
            self.problem(path, f"expected a mapping with {', '.join(keys)}")
            return None
        if not raw:
            self.problem(path, f"expects nothing: give one or more of {', '.join(keys)}")
            return None
        self.unknown_keys(raw, path, keys)
        items = []
        for key, value in raw.items():
            if key in keys:
                read = self.structure(value, _read_as(keys[key], value), paths[key])
                if read is not _INVALID:
                    items.append((key, read))
                    self.known_ids(key, read, paths[key], facts)
        return tuple(items) if len(items) == len(raw) else None

    def known_ids(self, key: str, value: Any, path: str, facts: Mapping[str, Any] | None) -> None:
        """Sessions and registrations an enrolment expectation names must be the case's."""
        if facts is None or "registrations" not in facts:
            return
        registrations = {r.id for r in facts["registrations"]}
        sessions = {s.id for s in facts["offer"].sessions}
        if "session" in facts:
            sessions.add(facts["session"].id)
        if key in ("placements", "seat_offers"):
            for session_id, ids in value.items():
                if session_id not in sessions:
                    self.problem(key_path(path, session_id), "not a session of the offer")
                for i, registration_id in enumerate(ids):
                    if registration_id not in registrations:
                        where = f"{key_path(path, session_id)}[{i}]"
                        self.problem(where, "not a registration of the case")
        elif key in ("waitlist", "rejections"):
            for i, registration_id in enumerate(value):
                if registration_id not in registrations:
                    where = (
                        key_path(path, registration_id) if key == "rejections" else f"{path}[{i}]"
                    )
                    self.problem(where, "not a registration of the case")

    # the policy

    def policy(self, raw: Any, path: str) -> tuple[Policy, str] | None:
        if raw == "default":
            return DEFAULT_POLICY, "default"
        if isinstance(raw, str):
            if raw in REFORMS:
                return apply_reforms(DEFAULT_POLICY, [raw]), raw
            known = ", ".join(["default", *sorted(REFORMS)])
            self.problem(path, f"unknown policy; give one of {known}, or reforms and changes")
            return None
        spec = self.mapping(raw, path)
        if spec is None:
            return None
        before = len(self.problems)
        self.unknown_keys(spec, path, ("reforms", "changes"))
        reforms = self.structure(spec.get("reforms", []), tuple[str, ...], f"{path}.reforms")
        policy = DEFAULT_POLICY
        names: list[str] = []
        if reforms is not _INVALID:
            for i, name in enumerate(reforms):
                if name not in REFORMS:
                    self.problem(
                        f"{path}.reforms[{i}]",
                        f"unknown reform; known: {', '.join(sorted(REFORMS))}",
                    )
                else:
                    policy = REFORMS[name](policy)
                    names.append(name)
        changes = self.mapping(spec.get("changes", {}), f"{path}.changes")
        for parameter, listed in (changes or {}).items():
            where = key_path(f"{path}.changes", parameter)
            changed = self.change(policy, parameter, listed, where)
            if changed is None:
                return None
            policy = changed
        if changes:
            names.append(f"with {', '.join(changes)} changed")
        if len(self.problems) > before:
            return None
        return policy, " ".join(names) or "default"

    def change(self, policy: Policy, parameter: str, listed: Any, path: str) -> Policy | None:
        value_type = _PARAMETER_TYPES.get(parameter)
        if value_type is None:
            self.problem(path, "not a parameter of the policy")
            return None
        if not isinstance(listed, list) or not listed:
            self.problem(path, "expected a list of changes ({from, value, note, reference})")
            return None
        dated: Dated[Any] = getattr(policy, parameter)
        for i, raw in enumerate(listed):
            where = f"{path}[{i}]"
            change = self.mapping(raw, where)
            if change is None:
                return None
            self.unknown_keys(change, where, _CHANGE_KEYS)
            if "value" not in change:
                self.problem(f"{where}.value", "required key missing")
                return None
            value = self.structure(change["value"], value_type, f"{where}.value")
            start = (
                self.structure(change["from"], Date, f"{where}.from") if "from" in change else None
            )
            reference = (
                self.structure(change["reference"], LegalReference, f"{where}.reference")
                if "reference" in change
                else None
            )
            note = change.get("note", f'case "{self.case}"' if reference is None else "")
            if not isinstance(note, str):
                self.problem(f"{where}.note", "expected a string")
                return None
            if _INVALID in (value, start, reference):
                return None
            try:
                if start is None:
                    dated = Dated.always(value, reference=reference, note=note)
                else:
                    dated = dated.change_from(start, value, reference=reference, note=note)
            except InvalidPolicy as error:
                self.problem(where, str(error))
                return None
        return attrs.evolve(policy, **{parameter: dated})


def _read_as(cl: Any, raw: Any) -> Any:
    """The type to read *raw* as: a ``presumed`` list item by item (a fact, or a mapping)."""
    if cl is not case_rules.PRESUMED or not isinstance(raw, list):
        return tuple[str, ...] if cl is case_rules.PRESUMED else cl
    items = tuple(Assumption if isinstance(item, dict) else str for item in raw)
    return types.GenericAlias(tuple, items) if items else tuple[()]


_INVALID: Final = object()
"""What a value that could not be read is, while the reader goes on to find more problems."""


# --- running ---------------------------------------------------------------------------


def run_case(case: Case) -> CaseResult:
    """
    Run every check of *case*: call its rule with its facts, on each day, under each
    policy, and compare the answer with what is expected.

    >>> from jobcenter_core.testing.cases import parse_cases, run_case
    >>> (case,) = parse_cases('''
    ... rule: school_entry_date
    ... cases:
    ...   - {name: born on 1 October, birth_date: 2019-10-01, expect: 2025-08-01}
    ... ''', source="school.cases.yaml")
    >>> print(run_case(case).report())
    case "born on 1 October" (school.cases.yaml:4), rule school_entry_date
      any day (policy default):
        value:             expected "2025-08-01"
                           actual   "2026-08-01"
    """
    rule = RULES[case.rule]
    facts = dict(case.facts)
    failures = []
    for check in case.checks:
        try:
            answer = rule.call(facts, check.on, check.policy)
        except JobcenterCoreError as error:
            refused = Mismatch("answer", "an answer", f"{type(error).__name__}: {error}")
            failures.append(Failure(check=check, mismatches=(refused,)))
            continue
        mismatches = []
        for key, expected in check.expected:
            found = case_rules.actual(rule, answer, key, check.policy, check.on)
            if not case_rules.compare(expected, found, key):
                mismatches.append(case_rules.mismatch(key, expected, found))
        if mismatches:
            explanation = case_rules.explain(rule, answer, tuple(mismatches))
            failures.append(
                Failure(check=check, mismatches=tuple(mismatches), explanation=explanation)
            )
    return CaseResult(case=case, failures=tuple(failures))


# --- the command -----------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m jobcenter_core check",
        description="Run policy case files (*.cases.yaml): exit 0 when every case passes, "
        "1 when one fails, 2 for a malformed file or bad arguments.",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="a case file or a directory of them"
    )
    parser.add_argument(
        "--statute", action="store_true", help="also run the library's own statute cases"
    )
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="print only failures and the summary"
    )
    return parser


def check_command(
    argv: Sequence[str], *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """
    ``python -m jobcenter_core check PATH…``: run the case files under each *PATH* (a
    file, or a directory searched for ``*.cases.yaml``), print each file's count and
    every failure, and answer 0 when every case passed, 1 when one failed, 2 for a
    malformed file or bad arguments.

    >>> from jobcenter_core.testing.cases import STATUTE_CASES, check_command
    >>> check_command(["--quiet", str(STATUTE_CASES / "childcare.cases.yaml")])
    9 passed, 0 failed
    0
    """
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit:  # argparse has printed the usage
        return exit.code if isinstance(exit.code, int) else 2
    paths: list[Path] = list(args.paths)
    if args.statute:
        paths.append(STATUTE_CASES)
    if not paths:
        print("check: give one or more PATHs (or --statute)", file=err)
        return 2
    files, missing = case_files_under(paths)
    for path in missing:
        print(f"check: {path}: no such file or directory", file=err)
    if not files and not missing:
        print("check: no case files (*.cases.yaml) found", file=err)
    malformed = bool(missing) or not files
    passed = failed = 0
    for path in files:
        try:
            cases = load_case_file(path)
        except CaseFileError as error:
            print(error, file=err)
            malformed = True
            continue
        results = [run_case(case) for case in cases]
        bad = [r for r in results if not r.passed]
        passed += len(results) - len(bad)
        failed += len(bad)
        if bad or not args.quiet:
            print(
                f"{path}: {len(results) - len(bad)} passed"
                + (f", {len(bad)} failed" if bad else ""),
                file=out,
            )
        for result in bad:
            print(f"FAILED {result.report()}", file=out)
    print(f"{passed} passed, {failed} failed", file=out)
    return 2 if malformed else 1 if failed else 0
