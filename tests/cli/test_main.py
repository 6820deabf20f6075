"""The main job: `python -m jobcenter_core` walks through Bocholt, June 2022 (__main__.py)."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pendulum
import pytest

from jobcenter_core.__main__ import ProgressLines, build_report, main
from jobcenter_core.scenarios import synthetic_scenario


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert 0 == main(list(argv))
    return capsys.readouterr().out


def test_walk_through_reports_the_bocholt_story(capsys: pytest.CaptureFixture[str]) -> None:
    """The report names every step of the story: caseload to the waitlisted person's why."""

    out = run(capsys)

    assert "140 households" in out and "180 employable" in out
    for heading in (
        "Regime switch (SGB II § 74, in force 2022-06-01)",
        "Consultations",
        'Group offer "Leben und Arbeiten in Deutschland"',
        'Application training "Bewerbungstraining"',
        "Online coaching in Ukrainian",
        "WAITLISTED",
    ):
        assert heading in out
    assert "2022-05-31: ASYLBLG 371" in out
    assert "added 2022-06-30" in out


def test_json_output_carries_the_same_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints one JSON document with the walk-through's sections."""

    report = json.loads(run(capsys, "--json"))

    assert 140 == report["caseload"]["households"]
    assert 180 == report["caseload"]["employable"]
    group = report["group_offer"]
    assert group["registrations"] == group["placed"] + group["waitlist"] + group["rejected"]
    assert 1 == group["demand_signal"]["extra_sessions"]
    assert 0 == group["added_session"]["still_waiting"]
    assert report["consultations"]["interpreter_hours_used"] > 0
    assert report["coaching"]["referred"] == (
        report["coaching"]["assigned"] + report["coaching"]["waiting"]
    )


def test_same_arguments_give_the_same_report(capsys: pytest.CaptureFixture[str]) -> None:
    """No clock and no global randomness: the output depends only on the arguments."""

    first = run(capsys, "--households", "30", "--seed", "4")
    second = run(capsys, "--households", "30", "--seed", "4")

    assert first == second


def test_synthetic_caseload_is_selected_by_households_and_seed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--households N --seed S runs the walk-through on a synthetic caseload."""

    report = json.loads(run(capsys, "--households", "40", "--seed", "8", "--json"))

    assert "synthetic (seed 8, 40 households)" == report["scenario"]
    assert 40 == report["caseload"]["households"]


def test_a_named_reform_is_applied_and_reported(capsys: pytest.CaptureFixture[str]) -> None:
    """--reform NAME applies the reform; the report lists it."""

    report = json.loads(
        run(
            capsys,
            "--households",
            "20",
            "--on",
            "2026-10-01",
            "--reform",
            "leistungsrechtsanpassung_2026",
            "--json",
        )
    )

    assert ["leistungsrechtsanpassung_2026"] == report["reforms"]
    assert "2026-10-01" in report["regime_switch"]["by_day"]


def test_an_unknown_reform_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """argparse refuses a reform it does not know, with exit status 2."""

    with pytest.raises(SystemExit) as stopped:
        main(["--reform", "no_such_reform"])

    assert 2 == stopped.value.code
    assert "invalid choice" in capsys.readouterr().err


def test_households_must_be_at_least_one(capsys: pytest.CaptureFixture[str]) -> None:
    """A synthetic caseload needs at least one household."""

    with pytest.raises(SystemExit) as stopped:
        main(["--households", "0"])

    assert 2 == stopped.value.code


def test_the_module_runs_as_a_program() -> None:
    """`python -m jobcenter_core` exits with 0 and prints the report."""

    done = subprocess.run(
        [sys.executable, "-m", "jobcenter_core"], capture_output=True, text=True, check=False
    )

    assert 0 == done.returncode
    assert done.stdout.startswith("jobcenter_core walk-through: Bocholt, June 2022")


def test_report_counts_special_category_needs_only_as_one_total(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Art. 9 GDPR needs appear as one total, never by category, in text and JSON."""

    text = run(capsys)
    report = json.loads(run(capsys, "--json"))

    assert "psychosocial" not in text and "counselling" not in text
    assert "psychosocial_support" not in report["caseload"]["needs_by_category"]
    assert report["caseload"]["special_category_needs"] > 0


def test_national_run_with_two_workers_prints_the_same_report(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--workers 2 spreads the job centres over two processes; the report is the same."""

    alone = run(capsys, "--households", "600", "--seed", "3")
    spread = run(capsys, "--households", "600", "--seed", "3", "--workers", "2")

    assert alone == spread
    assert alone.startswith("jobcenter_core walk-through: synthetic (seed 3, 600 households)")
    assert "Job centres (national run)" in alone


def test_the_national_report_stays_short_at_any_size(capsys: pytest.CaptureFixture[str]) -> None:
    """The text report has the same few dozen lines for 20 households as for 3,000."""

    small = run(capsys, "--households", "20").splitlines()
    large = run(capsys, "--households", "3000").splitlines()

    assert len(large) <= 40
    assert len(small) - 3 <= len(large) <= len(small) + 3


def test_a_quick_run_shows_no_progress(capsys: pytest.CaptureFixture[str]) -> None:
    """Progress appears only for runs over two seconds; a small run leaves stderr empty."""

    assert 0 == main(["--households", "10"])

    assert "" == capsys.readouterr().err


def test_progress_lines_are_at_most_one_a_second() -> None:
    """After two quiet seconds, at most one line a second, and the last one at 100 %."""
    ticks = iter([0.0, 1.0, 2.0, 2.2, 2.4, 3.1, 3.2])
    out = io.StringIO()
    lines = ProgressLines(out, clock=lambda: next(ticks))

    for done in (1, 2, 3, 4, 5, 6):
        lines("job centres", done, 6)

    assert [
        "job centres: 33% (2 of 6 households)",
        "job centres: 83% (5 of 6 households)",
        "job centres: 100% (6 of 6 households)",
    ] == out.getvalue().splitlines()


def test_workers_must_be_at_least_one(capsys: pytest.CaptureFixture[str]) -> None:
    """--workers 0 is a usage error."""

    with pytest.raises(SystemExit) as stopped:
        main(["--households", "10", "--workers", "0"])

    assert 2 == stopped.value.code
    assert "--workers" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (
            ["--households", "3", "--on", "1950-01-01"],
            "--on: expected a day on or after 2022-02-24",
        ),
        (["--households", "3", "--on", "2022-13-01"], "--on: expected a date YYYY-MM-DD"),
        (["--households", "3", "--seed", "1.5"], "--seed: expected a whole number"),
        (["--households", "-3"], "--households: expected a whole number of at least 1"),
        (["--households", "many"], "--households: expected a whole number"),
        (["--households", "3", "--workers", "x"], "--workers: expected a whole number"),
        (
            ["--households", "3", "--workers", "-1"],
            "--workers: expected a whole number of at least",
        ),
        (["--households", "3", "--chunk-size", "0"], "--chunk-size: expected a whole number of at"),
        (["--seed", "5"], "--seed: only for a national run; give --households N too"),
        (["--on", "2022-06-01", "--workers", "2"], "--on, --workers: only for a national run"),
        (["--chunk-size", "4"], "--chunk-size: only for a national run"),
        (["--no-such-option"], "unrecognized arguments: --no-such-option"),
    ],
)
def test_every_bad_argument_is_a_one_line_usage_error_with_status_2(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """No traceback, no silently ignored option: one line on stderr, exit status 2."""

    with pytest.raises(SystemExit) as stopped:
        main(argv)

    err = capsys.readouterr().err
    assert 2 == stopped.value.code
    assert 1 == len(err.splitlines())
    assert err.startswith("python -m jobcenter_core: error: ")
    assert says in err


def test_a_day_before_the_war_is_refused_before_any_work_as_a_subprocess() -> None:
    """The issue's example, run as a program: one line and status 2, not an 18-line traceback."""

    done = subprocess.run(
        [sys.executable, "-m", "jobcenter_core", "--households", "3", "--on", "1950-01-01"],
        capture_output=True,
        text=True,
        check=False,
    )

    assert 2 == done.returncode
    assert "" == done.stdout
    assert 1 == len(done.stderr.splitlines())
    assert "Traceback" not in done.stderr


def test_help_says_which_options_belong_to_the_national_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--help names the refusal, so nobody learns it from an error."""

    with pytest.raises(SystemExit) as stopped:
        main(["--help"])

    out = " ".join(capsys.readouterr().out.split())
    assert 0 == stopped.value.code
    assert "refused without --households" in out
    assert "a whole number (national run only; default 2022)" in out


def test_a_whole_number_seed_is_the_seed_of_the_run(capsys: pytest.CaptureFixture[str]) -> None:
    """--seed 7 and the default 2022 are both used as numbers: the report names them."""

    seven = json.loads(run(capsys, "--households", "20", "--seed", "7", "--json"))
    default = json.loads(run(capsys, "--households", "20", "--json"))

    assert "synthetic (seed 7, 20 households)" == seven["scenario"]
    assert "synthetic (seed 2022, 20 households)" == default["scenario"]


def test_json_of_a_national_run_stays_as_short_as_the_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The JSON report is a few kilobytes at 3,000 households, as at 20."""

    small = run(capsys, "--households", "20", "--json")
    large = run(capsys, "--households", "3000", "--json")

    assert len(large) < 8_000
    assert len(large) < 2 * len(small)


def test_the_walk_through_explains_a_waitlisted_person_in_a_few_lines_on_any_offer() -> None:
    """On a synthetic offer of many sessions the example's explanation is cut, in JSON too."""
    scenario = synthetic_scenario(households=2000, seed=1, on=pendulum.date(2022, 6, 21))

    report = build_report(scenario)

    explanation = report["group_offer"]["waitlisted_example"]["explain"]
    assert len(explanation.splitlines()) <= 6
    assert "more sessions were full" in explanation
    assert len(json.dumps(report)) < 8_000
