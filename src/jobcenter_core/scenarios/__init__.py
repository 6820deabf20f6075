"""
Scenarios: the Bocholt June 2022 story as data, and synthetic caseloads of any size.
"""

from __future__ import annotations

from jobcenter_core.scenarios._legacy import (
    BOCHOLT_DAY,
    FIRST_SESSION,
    INTEGRATION_CENTRE,
    SECOND_SESSION,
    TRAINING_SESSION,
    WERKAKADEMIE,
    YUPIDU,
    Scenario,
    bocholt_caseworkers,
    bocholt_households,
    bocholt_interpreters,
    bocholt_june_2022,
    synthetic_caseload,
    synthetic_households,
    synthetic_scenario,
)

__all__ = [
    "BOCHOLT_DAY",
    "FIRST_SESSION",
    "INTEGRATION_CENTRE",
    "SECOND_SESSION",
    "TRAINING_SESSION",
    "WERKAKADEMIE",
    "YUPIDU",
    "Scenario",
    "bocholt_caseworkers",
    "bocholt_households",
    "bocholt_interpreters",
    "bocholt_june_2022",
    "synthetic_caseload",
    "synthetic_households",
    "synthetic_scenario",
]
