"""
The national run: the synthetic caseload of the whole country, 406 job centres, through
every stage — rules, consultations, allocation, coaching, summary — one job centre at a
time, in this process or spread over workers by any
:class:`concurrent.futures.Executor` (a process pool, a Dask cluster).

* :mod:`~jobcenter_core.national.outcome`: :class:`RunOutcome` and its parts, counts that
  add up exactly (:func:`merge`);
* :mod:`~jobcenter_core.national.pipeline`: the stages and :func:`run_job_centre`, a
  pure function of a job centre, the households, the seed, the day and the policy;
* :mod:`~jobcenter_core.national.run`: :func:`run` over all job centres and its
  :class:`NationalRun`.

>>> import pendulum
>>> national = run(households=2_000, seed=1, on=pendulum.date(2022, 6, 21))
>>> national.total.summary.households
2000
"""

from __future__ import annotations

from jobcenter_core.national._regimes import RegimeAnswers
from jobcenter_core.national.outcome import (
    CoachingOutcome,
    InterpretingOutcome,
    OfferOutcome,
    RunOutcome,
    merge,
)
from jobcenter_core.national.pipeline import (
    allocation_stage,
    coaching_stage,
    consultations_stage,
    regimes_stage,
    run_job_centre,
    run_job_centres,
    run_local_job_centre,
    summary_stage,
)
from jobcenter_core.national.run import DEFAULT_CHUNK_SIZE, NationalRun, Progress, run

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "CoachingOutcome",
    "InterpretingOutcome",
    "NationalRun",
    "OfferOutcome",
    "Progress",
    "RegimeAnswers",
    "RunOutcome",
    "allocation_stage",
    "coaching_stage",
    "consultations_stage",
    "merge",
    "regimes_stage",
    "run",
    "run_job_centre",
    "run_job_centres",
    "run_local_job_centre",
    "summary_stage",
]
