"""Every case file in the guide runs (docs/guide/50-howto-test-your-policy.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jobcenter_core.testing.cases import parse_cases, run_case

GUIDE = Path(__file__).parents[2] / "docs" / "guide" / "50-howto-test-your-policy.md"
BLOCKS = re.findall(r"^```yaml\n(.*?)^```$", GUIDE.read_text(encoding="utf-8"), re.M | re.S)
CASE_FILES = [b for b in BLOCKS if not b.startswith("# OpenFisca")]


def test_the_guide_shows_case_files_and_one_openfisca_test() -> None:
    """The guide's YAML blocks are case files, but for the OpenFisca one it compares with."""
    assert 1 == len(BLOCKS) - len(CASE_FILES)
    assert 5 <= len(CASE_FILES)


@pytest.mark.parametrize("text", CASE_FILES, ids=[f"block-{i}" for i in range(len(CASE_FILES))])
def test_every_case_file_in_the_guide_passes(text: str) -> None:
    """Each case file the guide shows is read without a mistake and every case passes."""
    cases = parse_cases(text, source=GUIDE.name)

    reports = [run_case(case).report() for case in cases if not run_case(case).passed]

    assert [] == reports
