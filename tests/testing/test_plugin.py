"""The pytest plugin (testing/plugin.py): case files next to a user's tests are tests."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest


def assert_lines_in_order(output: str, *expected: str) -> None:
    """Each of *expected* is in a line of *output*, in this order (plain text, no patterns)."""
    lines = iter(output.splitlines())
    for text in expected:
        assert any(text in line for line in lines), text


PASSING = """\
rule: school_entry_date
cases:
  - {name: born on 30 September 2019, birth_date: 2019-09-30, expect: 2025-08-01}
  - {name: born on 1 October 2019, birth_date: 2019-10-01, expect: 2026-08-01}
"""

FAILING = """\
rule: benefit_regime
cases:
  - name: the § 24 group gets SGB II already in May 2022
    household:
      id: h-1
      members:
        - person: {id: p-1, birth_date: 1988-04-02, sex: female,
                   residence: {document: temporary_protection_permit},
                   identity_registered: true}
    person: p-1
    on: 2022-05-31
    expect: {value: sgb_ii, reasons_include: [employable_sgb_ii]}
"""


def test_case_files_next_to_the_tests_are_collected_one_test_per_case(
    pytester: pytest.Pytester,
) -> None:
    """Every *.cases.yaml pytest comes across is collected, each case one passing test."""
    pytester.makefile(".cases.yaml", school=PASSING)
    pytester.makepyfile(test_nothing="def test_nothing():\n    '''A Python test beside.'''\n")

    result = pytester.runpytest("-v")

    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(["*school.cases.yaml::born on 30 September 2019 PASSED*"])


def test_a_failing_case_shows_its_name_expected_and_actual_and_the_explanation(
    pytester: pytest.Pytester,
) -> None:
    """The failure names the case and its line, the day and policy, and says why."""
    pytester.makefile(".cases.yaml", regime=FAILING)

    result = pytester.runpytest()

    result.assert_outcomes(failed=1)
    assert_lines_in_order(
        result.stdout.str(),
        'case "the § 24 group gets SGB II already in May 2022" (regime.cases.yaml:3), rule benefit_regime',
        "on 2022-05-31 (policy default):",
        'value:             expected "sgb_ii"',
        'actual   "asylblg"',
        'reasons_include:   expected ["employable_sgb_ii"]',
        'actual   ["section_24_document", "section_74_not_in_force"]',
        "explain():",
        "ASYLBLG",
        "[AsylbLG § 1 Abs. 1 Nr. 3] (section_74_not_in_force)",
    )


def test_a_malformed_case_file_is_a_collection_error_naming_each_mistake(
    pytester: pytest.Pytester,
) -> None:
    """A collection error lists every mistake with line, case and JSON path."""
    pytester.makefile(
        ".cases.yaml",
        broken="rule: school_entry_date\ncases:\n  - {name: typo, birth_date: 2019-02-30, expect: 2025-08-01}\n",
    )

    result = pytester.runpytest()

    result.assert_outcomes(errors=1)
    assert_lines_in_order(
        result.stdout.str(),
        "ERROR collecting broken.cases.yaml",
        "broken.cases.yaml: 1 problem in the case file:",
        'line 3, case "typo": $.cases[0].birth_date: not a valid',
    )


def test_the_plugin_loads_without_hypothesis_and_without_ruamel_yaml() -> None:
    """Where the 'testing' extra is missing, pytest still starts: loading the plugin needs neither."""
    script = textwrap.dedent(
        """
        import sys
        sys.modules["hypothesis"] = None  # as if they were not installed
        sys.modules["ruamel"] = None
        sys.modules["ruamel.yaml"] = None
        import jobcenter_core.testing.plugin
        print("loaded", "jobcenter_core.testing.cases" in sys.modules)
        """
    )

    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)

    assert "loaded False" == out.stdout.strip()
