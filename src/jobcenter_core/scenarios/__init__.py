"""
Scenarios: the Bocholt June 2022 story as data, and synthetic caseloads of any size.

* :mod:`~jobcenter_core.scenarios.scenario`: :class:`Scenario`, a job centre's
  situation on one day;
* :mod:`~jobcenter_core.scenarios.bocholt`: the story's fixed data (:data:`BOCHOLT_DAY`,
  the venues and sessions, the integration centre, case workers, interpreters,
  households) and :func:`bocholt_june_2022`;
* :mod:`~jobcenter_core.scenarios.synthetic`: :func:`synthetic_households`,
  :func:`synthetic_caseload` and :func:`synthetic_scenario`, seeded and reproducible;
* behind both: :mod:`~jobcenter_core.scenarios.draws` (every random choice, from one
  private ``random.Random``), :mod:`~jobcenter_core.scenarios.builder` (one household's
  members) and :mod:`~jobcenter_core.scenarios.findings` (the needs a first consultation
  finds).

>>> import pendulum
>>> a = synthetic_households(households=3, seed=7, on=pendulum.date(2022, 6, 21))
>>> a == synthetic_households(households=3, seed=7, on=pendulum.date(2022, 6, 21))
True
>>> bocholt_june_2022().on == BOCHOLT_DAY
True
"""

from __future__ import annotations

from jobcenter_core.scenarios.bocholt import (
    BOCHOLT_DAY,
    FIRST_SESSION,
    INTEGRATION_CENTRE,
    SECOND_SESSION,
    TRAINING_SESSION,
    WERKAKADEMIE,
    YUPIDU,
    bocholt_caseworkers,
    bocholt_households,
    bocholt_interpreters,
    bocholt_june_2022,
)
from jobcenter_core.scenarios.scenario import Scenario
from jobcenter_core.scenarios.synthetic import (
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
