"""``python -m jobcenter_core check PATH…``: the case files without pytest (testing/cases.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobcenter_core.__main__ import main
from jobcenter_core.testing.cases import STATUTE_CASES

GOOD = "rule: school_entry_date\ncases:\n  - {name: born 2019-09-30, birth_date: 2019-09-30, expect: 2025-08-01}\n"
WRONG = "rule: school_entry_date\ncases:\n  - {name: born 2019-10-01, birth_date: 2019-10-01, expect: 2025-08-01}\n"
BROKEN = "rule: school_entry_date\ncases:\n  - {name: no date, expect: 2025-08-01}\n"


def test_the_library_s_own_statute_cases_all_pass(capsys: pytest.CaptureFixture[str]) -> None:
    """The shipped statute cases pass when run by the command, as in CI."""

    code = main(["check", "--statute"])

    out = capsys.readouterr().out
    assert 0 == code
    assert out.splitlines()[-1].endswith(" passed, 0 failed")
    assert "section_7a.cases.yaml: 68 passed" in out


def test_a_failing_case_exits_with_1_and_prints_its_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One wrong expectation: exit code 1, the case's report, the totals."""
    (tmp_path / "good.cases.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "wrong.cases.yaml").write_text(WRONG, encoding="utf-8")

    code = main(["check", str(tmp_path)])

    out = capsys.readouterr().out
    assert 1 == code
    assert 'FAILED case "born 2019-10-01"' in out
    assert 'expected "2025-08-01"' in out and 'actual   "2026-08-01"' in out
    assert "1 passed, 1 failed" == out.splitlines()[-1]


def test_a_malformed_file_exits_with_2_and_names_the_mistake(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A malformed file is reported on stderr and makes the exit code 2; the others still run."""
    (tmp_path / "good.cases.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "broken.cases.yaml").write_text(BROKEN, encoding="utf-8")

    code = main(["check", str(tmp_path)])

    captured = capsys.readouterr()
    assert 2 == code
    assert (
        'line 3, case "no date": $.cases[0].birth_date: required by school_entry_date'
        in captured.err
    )
    assert "1 passed, 0 failed" == captured.out.splitlines()[-1]


@pytest.mark.parametrize(
    "argv", [["check"], ["check", "no/such/file.cases.yaml"], ["check", "--no-such-option"]]
)
def test_bad_arguments_exit_with_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """No path, a missing path or an unknown option: exit code 2 and a message on stderr."""

    code = main(argv)

    assert 2 == code
    assert capsys.readouterr().err


def test_the_statute_cases_are_shipped_inside_the_package() -> None:
    """The statute cases live in the package, so the wheel carries them."""
    names = sorted(p.name for p in STATUTE_CASES.glob("*.cases.yaml"))

    assert [
        "allocation.cases.yaml",
        "benefit_unit.cases.yaml",
        "childcare.cases.yaml",
        "reasonableness.cases.yaml",
        "regime.cases.yaml",
        "section_7a.cases.yaml",
        "working_age.cases.yaml",
    ] == names
