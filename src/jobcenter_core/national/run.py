"""
The national run: :func:`run` shares *N* households among the 406 job centres, runs
:func:`~jobcenter_core.national.run_job_centre` for each (in this process, or on any
:class:`concurrent.futures.Executor` in batches of job centres), and adds the results up
into a :class:`NationalRun`.

The result does not depend on the executor, the batch size or the order in which the
batches finish: each job centre's partition is drawn from its own seeded stream, and
outcomes add up exactly.

>>> import pendulum
>>> national = run(households=2_000, seed=1, on=pendulum.date(2022, 6, 21))
>>> national.total.summary.households, national.total.job_centres  # 6 small ones have none
(2000, 400)
>>> national.total == sum((o for _, o in national.by_job_centre), RunOutcome.empty(on=national.on))
True
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, Future, as_completed

import attrs
from pendulum import Date

from jobcenter_core.coaching import FitAnswers
from jobcenter_core.dates import as_date, to_date
from jobcenter_core.errors import UnknownId
from jobcenter_core.national._regimes import RegimeAnswers
from jobcenter_core.national.outcome import RunOutcome
from jobcenter_core.national.pipeline import run_job_centres
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.scenarios import JOB_CENTRES, households_by_job_centre
from jobcenter_core.validators import as_tuple, calendar_date, instance_of, pairs_of, whole_number

__all__ = ["DEFAULT_CHUNK_SIZE", "NationalRun", "Progress", "run"]

DEFAULT_CHUNK_SIZE = 8
"""Job centres per task on an executor: about 50 tasks for the country, each worth
hundreds of milliseconds or more, so a task's overhead (milliseconds on Dask) is small."""

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` after each batch: households done so far."""


def _by_centre(items: Iterable[tuple[str, RunOutcome]]) -> tuple[tuple[str, RunOutcome], ...]:
    return as_tuple(items)


@attrs.frozen(kw_only=True, repr=False)
class NationalRun:
    """
    The result of :func:`run`: what was asked (*households*, *seed*, *on*), the
    country's *total* and each job centre's outcome (*by_job_centre*, in the order of
    :data:`~jobcenter_core.scenarios.JOB_CENTRES`, job centres without households left
    out).
    """

    households: int = attrs.field(validator=whole_number(minimum=0))
    seed: int | str = attrs.field(validator=instance_of((int, str)))
    on: Date = attrs.field(converter=to_date, validator=calendar_date)
    total: RunOutcome = attrs.field(validator=instance_of(RunOutcome))
    by_job_centre: tuple[tuple[str, RunOutcome], ...] = attrs.field(
        converter=_by_centre,
        validator=pairs_of(str, RunOutcome, what="(job centre id, RunOutcome)"),
    )

    def __repr__(self) -> str:
        return (
            f"NationalRun(households={self.households}, seed={self.seed!r}, on={self.on}, "
            f"job_centres={len(self.by_job_centre)})"
        )

    def job_centre(self, job_centre_id: str) -> RunOutcome:
        """
        The outcome of one job centre; :class:`~jobcenter_core.errors.UnknownId` (a
        ``KeyError``) if it had no households.

        >>> import pendulum
        >>> national = run(households=500, seed=1, on=pendulum.date(2022, 6, 21))
        >>> national.job_centre("jc-001").summary.households
        2
        """
        for jc, outcome in self.by_job_centre:
            if jc == job_centre_id:
                return outcome
        raise UnknownId("job centre id: not in the run (no households, or no such centre)")


def _batches(work: Sequence[tuple[str, int]], size: int) -> list[list[tuple[str, int]]]:
    return [list(work[i : i + size]) for i in range(0, len(work), size)]


def run(
    *,
    households: int,
    seed: int | str,
    on: Date,
    policy: Policy = DEFAULT_POLICY,
    days: Sequence[Date] = (),
    executor: Executor | None = None,
    chunk_size: int | None = None,
    progress: Progress | None = None,
) -> NationalRun:
    """
    The national run of *households* synthetic households on *on*: every job centre's
    partition through every stage (:mod:`~jobcenter_core.national.pipeline`), summed.

    * *days*: the days on which benefit regimes are counted (default: *on*).
    * *executor*: runs the batches, e.g. a
      :class:`~concurrent.futures.ProcessPoolExecutor` or a Dask
      ``Client(...).get_executor()``; without one they run here, one after another.
    * *chunk_size*: job centres per batch (default :data:`DEFAULT_CHUNK_SIZE` on an
      executor, 1 here).
    * *progress*: called as ``progress("job centres", done, total)`` with the households
      done after each batch, in this process.

    The result is the same whatever the executor and batch size.

    >>> import pendulum
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> on = pendulum.date(2022, 6, 21)
    >>> with ThreadPoolExecutor(2) as pool:
    ...     threaded = run(households=300, seed=4, on=on, executor=pool, chunk_size=50)
    >>> threaded == run(households=300, seed=4, on=on)
    True
    """
    on = as_date(on)
    if households < 0:
        raise ValueError(f"'households' must be >= 0 (got {households})")
    if chunk_size is not None and chunk_size < 1:
        raise ValueError(f"'chunk_size' must be >= 1 (got {chunk_size})")
    counts = households_by_job_centre(households)
    work = [(c.id, n) for c, n in zip(JOB_CENTRES, counts, strict=True) if n]
    size = chunk_size or (1 if executor is None else DEFAULT_CHUNK_SIZE)
    batches = _batches(work, size)
    task = functools.partial(run_job_centres, seed=seed, on=on, days=tuple(days), policy=policy)
    done = 0
    results: dict[str, RunOutcome] = {}

    def collect(
        batch: Sequence[tuple[str, int]], outcomes: Sequence[tuple[str, RunOutcome]]
    ) -> None:
        nonlocal done
        results.update(outcomes)
        done += sum(n for _, n in batch)
        if progress is not None:
            progress("job centres", done, households)

    if executor is None:
        # One process, one batch of work: the rules' answers are kept across all of it.
        answers, fits = RegimeAnswers(), FitAnswers()
        for batch in batches:
            collect(batch, task(batch, answers=answers, fits=fits))
    else:
        # The biggest batches first, so that no worker is left with a large one at the end.
        largest_first = sorted(batches, key=lambda b: -sum(n for _, n in b))
        pending: dict[Future[tuple[tuple[str, RunOutcome], ...]], list[tuple[str, int]]] = {
            executor.submit(task, batch): batch for batch in largest_first
        }
        for future in as_completed(pending):
            collect(pending[future], future.result())
    by_job_centre = tuple((jc, results[jc]) for jc, _ in work)
    total = RunOutcome.empty(on=on)
    for _, outcome in by_job_centre:
        total += outcome
    return NationalRun(
        households=households, seed=seed, on=on, total=total, by_job_centre=by_job_centre
    )
