"""
Scenarios: the Bocholt June 2022 story as data, and synthetic caseloads of any size.

* :mod:`~jobcenter_core.scenarios.scenario`: :class:`Scenario`, a job centre's
  situation on one day;
* :mod:`~jobcenter_core.scenarios.bocholt`: the story's fixed data (:data:`BOCHOLT_DAY`,
  the venues and sessions, the integration centre, case workers, interpreters,
  households) and :func:`bocholt_june_2022`;
* :mod:`~jobcenter_core.scenarios.synthetic`: :func:`synthetic_households`,
  :func:`synthetic_caseload` and :func:`synthetic_scenario`, seeded and reproducible;
* :mod:`~jobcenter_core.scenarios.job_centres`: the country's 406 job centres
  (:data:`JOB_CENTRES`, :data:`KREIS_BORKEN` with its 17 local job centres) and
  :func:`households_by_job_centre`;
* :mod:`~jobcenter_core.scenarios.national`: the national synthetic caseload, one job
  centre at a time (:func:`job_centre_scenarios`, :func:`local_job_centre_scenario`);
* behind them: :mod:`~jobcenter_core.scenarios.draws` (every random choice, from one
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
from jobcenter_core.scenarios.job_centres import (
    JOB_CENTRES,
    KREIS_BORKEN,
    Carrier,
    JobCentre,
    LocalJobCentre,
    households_by_job_centre,
    job_centre,
)
from jobcenter_core.scenarios.national import job_centre_scenarios, local_job_centre_scenario
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
    "JOB_CENTRES",
    "KREIS_BORKEN",
    "SECOND_SESSION",
    "TRAINING_SESSION",
    "WERKAKADEMIE",
    "YUPIDU",
    "Carrier",
    "JobCentre",
    "LocalJobCentre",
    "Scenario",
    "bocholt_caseworkers",
    "bocholt_households",
    "bocholt_interpreters",
    "bocholt_june_2022",
    "households_by_job_centre",
    "job_centre",
    "job_centre_scenarios",
    "local_job_centre_scenario",
    "synthetic_caseload",
    "synthetic_households",
    "synthetic_scenario",
]
