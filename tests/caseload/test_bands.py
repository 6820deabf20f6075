"""Age bands: the coarsened ages a caseload is counted and exported by (caseload.bands)."""

from __future__ import annotations

import pytest

from jobcenter_core.caseload import AgeBand, ChildAgeBand


@pytest.mark.parametrize(
    ("years", "band"),
    [
        (0, AgeBand.UNDER_15),
        (14, AgeBand.UNDER_15),
        (15, AgeBand.FROM_15_TO_24),
        (24, AgeBand.FROM_15_TO_24),
        (25, AgeBand.FROM_25_TO_50),
        (50, AgeBand.FROM_25_TO_50),
        (51, AgeBand.FROM_51_TO_64),
        (64, AgeBand.FROM_51_TO_64),
        (65, AgeBand.FROM_65),
        (99, AgeBand.FROM_65),
    ],
)
def test_age_bands_follow_completed_years(years: int, band: AgeBand) -> None:
    """Bands: under 15, 15–24, 25–50, 51–64, 65+ (completed years, both ends inclusive)."""
    assert band == AgeBand.of(years)


@pytest.mark.parametrize(
    ("years", "band"),
    [
        (2, ChildAgeBand.UNDER_3),
        (3, ChildAgeBand.FROM_3_TO_5),
        (6, ChildAgeBand.FROM_6_TO_13),
        (13, ChildAgeBand.FROM_6_TO_13),
        (14, ChildAgeBand.FROM_14_TO_17),
        (17, ChildAgeBand.FROM_14_TO_17),
        (18, None),
    ],
)
def test_child_age_bands_follow_the_care_rules(years: int, band: ChildAgeBand | None) -> None:
    """Child bands: 0–2 (§ 10 SGB II), 3–5 (Kita), 6–13 (school), 14–17; adults none."""
    assert band == ChildAgeBand.of(years)
