"""The case-file format (testing/cases.py): strict YAML, every mistake named by line, case and path."""

from __future__ import annotations

import pickle
import textwrap

import pytest

from jobcenter_core.errors import InvalidInput
from jobcenter_core.testing.cases import CaseFileError, parse_cases, run_case

PERSON = "{id: p-1, birth_date: 1988-04-02, sex: female}"
HOUSEHOLD = (
    "{id: h-1, members: [{person: {id: m, birth_date: 1988-04-02, sex: female}},"
    " {person: {id: c, birth_date: 2015-09-01, sex: male}}],"
    " relationships: [{person: c, kind: child, of: m}]}"
)


def problems(text: str) -> list[str]:
    """The problems of a case file's *text*, each as it is printed."""
    with pytest.raises(CaseFileError) as caught:
        parse_cases(textwrap.dedent(text), source="policy.cases.yaml")
    assert str(caught.value).startswith("policy.cases.yaml: ")
    return [str(p) for p in caught.value.case_problems]


# --- strict YAML: nothing is read as what it is not ---------------------------------------------


def test_no_stays_text_and_is_refused_where_a_boolean_is_due() -> None:
    """YAML 1.1 would read NO as false; here it is text, and the field says what it wanted."""
    found = problems(
        """
        rule: is_employable
        cases:
          - name: work permitted
            person: {id: p-1, birth_date: 1988-04-02, sex: female, work_permitted: NO}
            on: 2022-06-21
            expect: true
        """
    )

    assert 1 == len(found)
    assert found[0].startswith(
        'line 5, case "work permitted": $.cases[0].person.work_permitted: expected true or false'
    )


def test_a_number_with_a_leading_zero_stays_text() -> None:
    """YAML 1.1 would read 0123 as the octal 83; here it is the text "0123", as in JSON."""
    (case,) = parse_cases(
        """
        rule: is_of_working_age
        cases:
          - {name: an id of digits, person: {id: 0123, birth_date: 1988-04-02, sex: female},
             on: 2022-06-21, expect: true}
        """
    )

    assert "0123" == dict(case.facts)["person"].id


def test_a_bare_date_is_text_read_by_the_json_converter() -> None:
    """An unquoted 2022-06-01 is not a YAML timestamp: the converter reads it as JSON would."""
    (case,) = parse_cases(
        "rule: school_entry_date\ncases:\n  - {name: n, birth_date: 2019-09-30, expect: 2025-08-01}\n"
    )

    assert run_case(case).passed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "cases: [\n",
            "line 2: $: not valid YAML: expected the node content, but found '<stream end>'",
        ),
        ("rule: x\nrule: y\ncases: []\n", "line 2: $.rule: key appears twice"),
        (
            "%YAML 1.1\n---\ncases: []\n",
            "line 2: $: case files are YAML 1.2: remove the %YAML directive",
        ),
        (
            "cases: []\n---\ncases: []\n",
            "line 2: $: one YAML document per file (remove the second '---')",
        ),
        ("cases: !!set {a}\n", "line 1: $.cases: unsupported tag"),
        ("1947: x\ncases: []\n", "line 1: $: keys must be text (quote them)"),
        ("cases: *nowhere\n", "line 1: $.cases: alias of an anchor not defined before it"),
    ],
    ids=["syntax", "duplicate-key", "yaml-1.1", "two-documents", "tag", "number-key", "alias"],
)
def test_yaml_mistakes_are_named_by_line_and_path(text: str, expected: str) -> None:
    """What the YAML reader refuses, it names with its line and JSON path."""
    assert [expected] == problems(text)


# --- the file and its cases ---------------------------------------------------------------------


def test_every_mistake_of_a_file_is_listed_at_once_with_line_case_and_path() -> None:
    """Unknown keys, a missing name, a repeated name, a missing rule: one error lists them all."""
    found = problems(
        """
        rule: school_entry_date
        colour: blue
        cases:
          - {birth_date: 2019-09-30, expect: 2025-08-01}
          - {name: twice, birth_date: 2019-09-30, expect: 2025-08-01}
          - {name: twice, birth_date: 2019-09-30, expect: 2025-08-01, colour: red}
          - {name: asks nothing, rule: nothing_at_all, expect: true}
        """
    )

    assert [
        "line 3: $.colour: unknown key",
        "line 5: $.cases[0].name: every case needs a name (text)",
        'line 7, case "twice": $.cases[2].colour: unknown key',
        'line 7, case "twice": $.cases[2].name: another case of this file has this name',
        'line 8, case "asks nothing": $.cases[3].rule: unknown rule; a case can ask '
        "add_session, allocate, benefit_regime, benefit_unit, benefit_units, "
        "childcare_entitlement, employment_readiness, in_target_group, is_employable, "
        "is_of_working_age, is_the_caring_parent, needs_interpreter, school_entry_date, "
        "work_is_reasonable, working_age_end",
    ] == found


def test_a_bad_fact_is_named_by_its_json_path_inside_the_household() -> None:
    """The facts are read by the JSON converter: its paths continue the case's path."""
    found = problems(
        """
        rule: benefit_regime
        cases:
          - name: a child's birth date and sex are wrong
            household:
              id: h-1
              members:
                - person: {id: m, birth_date: 1988-04-02, sex: female}
                - person: {id: c, birth_date: 2015-13-01, sex: boy}
            person: c
            on: 2022-06-21
            expect: sgb_ii
        """
    )

    assert 2 == len(found)
    assert found[0].startswith(
        'line 9, case "a child\'s birth date and sex are wrong": '
        "$.cases[0].household.members[1].person.birth_date: not a valid"
    )
    assert "$.cases[0].household.members[1].person.sex: expected one of" in found[1]


def test_problems_never_echo_a_birth_date() -> None:
    """Errors name the field, never the value (DESIGN.md rule 7)."""
    found = problems(
        """
        rule: school_entry_date
        cases:
          - {name: impossible day, birth_date: 2019-02-30, expect: 2025-08-01}
        """
    )

    assert not any("2019-02-30" in p for p in found)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            f"rule: benefit_regime, household: {HOUSEHOLD}, person: x, on: 2022-06-21, expect: sgb_ii",
            "$.cases[0].person: not the id of a member of the household",
        ),
        (
            f"rule: is_employable, person: {PERSON}, expect: true",
            "$.cases[0].on: required by is_employable (the reference day)",
        ),
        (
            "rule: school_entry_date, birth_date: 2019-09-30, on: 2022-06-21, expect: 2025-08-01",
            "$.cases[0].on: school_entry_date takes no day: use 'expect'",
        ),
        (
            f"rule: is_employable, person: {PERSON}, on: 2022-06-21",
            "$.cases[0]: give either 'expect' or 'expect_on'",
        ),
        (
            f"rule: is_employable, person: {PERSON}, on: 2022-06-21, expect: true, baseline: true",
            "$.cases[0].baseline: a baseline needs a policy other than the default",
        ),
        (
            f"rule: is_employable, person: {PERSON}, expect_on: {{2022-06-31: true}}",
            '$.cases[0].expect_on["2022-06-31"]: not a valid',
        ),
        (
            f"rule: is_employable, person: {PERSON}, on: 2022-06-21, expect: {{value: true, why: [x]}}",
            "$.cases[0].expect.why: unknown key",
        ),
        (
            f"rule: benefit_regime, household: {HOUSEHOLD}, person: c, on: 2022-06-21, expect: sgb2",
            "$.cases[0].expect: expected one of 'sgb_ii', 'sgb_xii', 'asylblg', 'other'",
        ),
        (
            "rule: school_entry_date, birth_date: 2019-09-30, expect: {value: 2025-08-01, reasons: [x]}",
            "$.cases[0].expect.reasons: unknown key",
        ),
        (
            f"rule: is_employable, person: {PERSON}, on: 2022-06-21, policy: reform_2099, expect: true",
            "$.cases[0].policy: unknown policy; give one of default, grundsicherung_2026, "
            "leistungsrechtsanpassung_2026, or reforms and changes",
        ),
        (
            f"rule: is_employable, person: {PERSON}, on: 2022-06-21, policy: {{reforms: [x]}}, expect: true",
            "$.cases[0].policy.reforms[0]: unknown reform; known: grundsicherung_2026, "
            "leistungsrechtsanpassung_2026",
        ),
        (
            f"rule: is_employable, person: {PERSON}, on: 2022-06-21, "
            "policy: {changes: {lunch_break: [{value: 1}]}}, expect: true",
            "$.cases[0].policy.changes.lunch_break: not a parameter of the policy",
        ),
        (
            f"rule: is_employable, person: {PERSON}, on: 2022-06-21, "
            "policy: {changes: {section_74_in_force: [{from: 2022-07-01, value: yes}]}}, expect: true",
            "$.cases[0].policy.changes.section_74_in_force[0].value: expected true or false",
        ),
    ],
    ids=[
        "not-a-member",
        "no-day",
        "day-not-taken",
        "no-expectation",
        "baseline-without-reform",
        "bad-day",
        "unknown-expectation",
        "bad-value",
        "no-reasons-for-a-date",
        "unknown-policy",
        "unknown-reform",
        "unknown-parameter",
        "bad-parameter-value",
    ],
)
def test_a_mistake_in_a_case_names_the_case_and_the_field(case: str, expected: str) -> None:
    """Each kind of mistake in a case is reported at its path, with the case's name and line."""
    found = problems(f"cases:\n  - {{name: the case, {case}}}\n")

    assert 1 == len(found), found
    assert found[0].startswith(f'line 2, case "the case": {expected}'), found[0]


def test_an_allocation_expectation_names_only_sessions_and_registrations_of_the_case() -> None:
    """A typo in a session or registration id is a mistake, not a silently empty session."""
    found = problems(
        """
        rule: allocate
        cases:
          - name: typos
            offer: {id: lad, title: t, sessions: [{id: s-0621, start: "2022-06-21T09:00:00+02:00[Europe/Berlin]",
                    end: "2022-06-21T12:00:00+02:00[Europe/Berlin]", venue: {name: v, address: a}, capacity: 2}]}
            registrations:
              - {id: r-1, person_id: p-1, offer_id: lad, registered_at: "2022-06-13T09:01:00+02:00[Europe/Berlin]", registered_by: cw-1}
            expect: {placements: {s-0612: [r-1]}, waitlist: [r-7]}
        """
    )

    assert [
        'line 9, case "typos": $.cases[0].expect.placements["s-0612"]: not a session of the offer',
        'line 9, case "typos": $.cases[0].expect.waitlist[0]: not a registration of the case',
    ] == found


def test_a_case_file_error_is_an_input_error_that_pickles() -> None:
    """CaseFileError is an InvalidInput (a ValueError) and survives a process boundary."""
    with pytest.raises(CaseFileError) as caught:
        parse_cases("cases: []\n", source="empty.cases.yaml")

    error = caught.value
    copy = pickle.loads(pickle.dumps(error))

    assert isinstance(error, InvalidInput) and isinstance(error, ValueError)
    assert (str(error), copy.case_problems) == (str(copy), error.case_problems)
    assert ["$.cases"] == [p.path for p in error.problems]


# --- running cases -------------------------------------------------------------------------------


def test_a_reform_case_checks_the_baseline_under_the_default_policy() -> None:
    """A baseline that does not hold fails, labelled as the baseline under the default policy."""
    (case,) = parse_cases(
        textwrap.dedent(
            """
            rule: work_is_reasonable
            cases:
              - name: one year suffices under the reform
                policy: grundsicherung_2026
                household:
                  id: h-1
                  members:
                    - person: {id: m, birth_date: 1990-01-01, sex: female}
                    - {person: {id: c, birth_date: 2024-09-01, sex: male}, child_care: kita}
                  relationships: [{person: c, kind: child, of: m}]
                person: m
                expect_on: {2026-07-01: true}
                baseline_on: {2026-07-01: true}
            """
        ),
        source="reform.cases.yaml",
    )

    report = run_case(case).report()

    assert "on 2026-07-01 (baseline, policy default):" in report
    assert "on 2026-07-01 (policy grundsicherung_2026)" not in report


def test_a_rule_that_refuses_the_facts_fails_the_case_with_the_error() -> None:
    """An input error raised by the rule is a failed case that names the error, not a crash."""
    (case,) = parse_cases(
        textwrap.dedent(
            """
            rule: benefit_regime
            cases:
              - name: asked before the birth
                household: {id: h-1, members: [{person: {id: b, birth_date: 2023-01-01, sex: male}}]}
                person: b
                on: 2022-06-21
                expect: sgb_ii
            """
        )
    )

    result = run_case(case)

    assert not result.passed
    assert "actual   InvalidInput: 1 problem in input:" in result.report()
    assert "2023-01-01" not in result.report()


def test_presumed_facts_can_name_what_was_presumed() -> None:
    """A presumption given as {fact, presumed} must match both."""
    text = textwrap.dedent(
        f"""
        rule: benefit_unit
        cases:
          - name: presumed
            household: {HOUSEHOLD}
            on: 2022-06-21
            expect: {{presumed_include: [{{fact: c.marital_status, presumed: married}}]}}
        """
    )
    (case,) = parse_cases(text)

    report = run_case(case).report()

    assert 'expected [{"fact": "c.marital_status", "presumed": "married"}]' in report
