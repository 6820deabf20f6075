"""
A national run's results are pinned: the report for a fixed seed, and every object of a
generated partition, stay exactly what they were when pinned, whatever is done to make
the run faster.

The reports in ``pinned/`` are ``python -m jobcenter_core --households N --seed S --json``
as it printed them; the digests are of every generated scenario as JSON. A change that
is meant to change results (another distribution, another rule) updates them, and says
so in its commit.
"""

from __future__ import annotations

import hashlib
import json
import pathlib

import pendulum
import pytest

from jobcenter_core.__main__ import main
from jobcenter_core.scenarios import job_centre_scenarios
from jobcenter_core.serialization import make_converter

PINNED = pathlib.Path(__file__).parent / "pinned"


def national_report_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert 0 == main([*argv, "--json"])
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("argv", "pinned"),
    [
        (("--households", "3000", "--seed", "1"), "report_3000_seed1.json"),
        (
            ("--households", "3000", "--seed", "7", "--on", "2022-05-31"),
            "report_3000_seed7_2022-05-31.json",
        ),
    ],
)
def test_the_national_report_for_a_seed_is_the_pinned_one(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], pinned: str
) -> None:
    """The same seed, size and day give the report pinned in pinned/, number for number."""

    report = national_report_json(capsys, *argv)

    assert json.loads((PINNED / pinned).read_text(encoding="utf-8")) == report


@pytest.mark.slow
@pytest.mark.parametrize(
    ("households", "pinned"),
    [(20_000, "report_20000_seed1.json"), (100_000, "report_100000_seed1.json")],
)
def test_the_national_report_at_scale_is_the_pinned_one(
    capsys: pytest.CaptureFixture[str], households: int, pinned: str
) -> None:
    """At 2 x 10^4 and 10^5 households the report is the pinned one too."""

    report = national_report_json(capsys, "--households", str(households), "--seed", "1")

    assert json.loads((PINNED / pinned).read_text(encoding="utf-8")) == report


@pytest.mark.parametrize(
    ("job_centre", "households", "seed", "digest"),
    [
        ("jc-001", 400, 3, "9f740c0f9e95d4ec3ad67628e87de51c12d1abbc5c4d05ca4462ade6d5c78afb"),
        ("jc-017", 900, "x", "e6240e6a3d72460e84b23623105cf7b5da05cad79a7968ca8c8223a0d6de5037"),
    ],
)
def test_a_generated_partition_is_the_pinned_one_object_for_object(
    job_centre: str, households: int, seed: int | str, digest: str
) -> None:
    """Every household, need, consultation, session and registration of a job centre's
    partition is as pinned: the digest of all its scenarios as JSON.

    The digests were taken again when ``(id, value)`` pairs came to be written as JSON
    objects (issue 15): the partitions pickled before that change equal those made after
    it, value for value; only their text changed."""
    converter = make_converter()

    scenarios = job_centre_scenarios(
        job_centre, households=households, seed=seed, on=pendulum.date(2022, 6, 21)
    )

    text = json.dumps([converter.unstructure(s) for s in scenarios], sort_keys=True, default=str)
    assert digest == hashlib.sha256(text.encode()).hexdigest()
