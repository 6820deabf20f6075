"""The national run: pure per job centre, exact merging, any executor (national.run)."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from functools import cache

import attrs
import pendulum
import pytest

from jobcenter_core.caseload import Caseload, summarize
from jobcenter_core.national import (
    NationalRun,
    RunOutcome,
    run,
    run_job_centre,
    run_local_job_centre,
)
from jobcenter_core.scenarios import bocholt_june_2022, job_centre_scenarios

JUNE_21 = pendulum.date(2022, 6, 21)
HOUSEHOLDS = 1_500


@cache
def single_process() -> NationalRun:
    """The reference: 1,500 households, seed 11, one job centre after another here."""
    return run(households=HOUSEHOLDS, seed=11, on=JUNE_21)


def test_the_national_outcome_is_the_sum_of_the_job_centres() -> None:
    """Outcomes add up exactly: the total is the sum of the job centres' outcomes."""
    national = single_process()

    parts = RunOutcome.empty(on=JUNE_21)
    for _, outcome in national.by_job_centre:
        parts += outcome

    assert national.total == parts
    assert HOUSEHOLDS == national.total.summary.households


def test_a_job_centre_outcome_is_the_same_computed_alone() -> None:
    """run_job_centre is a pure function of its arguments: alone it gives the run's part."""
    national = single_process()
    job_centre_id, part = national.by_job_centre[7]

    alone = run_job_centre(job_centre_id, households=part.summary.households, seed=11, on=JUNE_21)

    assert part == alone


def test_merged_summaries_equal_the_summary_of_the_whole_caseload() -> None:
    """The sum of the local job centres' summaries is the summary of all their households."""
    scenarios = job_centre_scenarios("jc-001", households=300, seed=2, on=JUNE_21)

    merged = RunOutcome.empty(on=JUNE_21)
    for scenario in scenarios:
        merged += run_local_job_centre(scenario)
    whole = Caseload(
        households=[h for s in scenarios for h in s.caseload.households],
        profiles=[p for s in scenarios for p in s.caseload.profiles],
    )

    assert summarize(whole, on=JUNE_21) == merged.summary


def test_outcomes_add_up_in_any_order_and_grouping() -> None:
    """Adding outcomes is commutative and associative: batches may finish in any order."""
    (_, a), (_, b), (_, c) = single_process().by_job_centre[:3]

    assert a + b == b + a
    assert (a + b) + c == a + (b + c)
    assert a + RunOutcome.empty(on=JUNE_21) == a


def test_outcomes_of_different_days_do_not_add() -> None:
    """A sum of outcomes is for one day: adding another day's is an error."""
    a = RunOutcome.empty(on=JUNE_21)
    b = RunOutcome.empty(on=pendulum.date(2022, 6, 22))

    with pytest.raises(ValueError, match="same day"):
        _ = a + b


def test_an_outcome_pickles_to_an_equal_value() -> None:
    """A job centre's outcome travels between processes and machines unchanged."""
    _, outcome = single_process().by_job_centre[0]

    assert outcome == pickle.loads(pickle.dumps(outcome))


def test_every_registration_ends_in_exactly_one_outcome() -> None:
    """Placed, waiting and rejected add up to the registrations, for both offers."""
    total = single_process().total

    for offer in (total.offer, total.training):
        assert offer.registrations == offer.placed + offer.waitlist + offer.rejected
        assert offer.placed == offer.placed_by_choice.total


def test_bocholt_walk_through_numbers_come_out_of_the_pipeline() -> None:
    """The pipeline on the Bocholt story gives the story's numbers."""

    outcome = run_local_job_centre(bocholt_june_2022())

    assert (140, 180) == (outcome.summary.households, outcome.summary.employable)
    assert 38 == outcome.offer.registrations
    assert 175 == outcome.interpreting.consultations


def test_a_process_pool_gives_the_single_process_result() -> None:
    """ProcessPoolExecutor with batches of job centres: identical to the single-process run."""

    with ProcessPoolExecutor(max_workers=2) as pool:
        spread = run(households=HOUSEHOLDS, seed=11, on=JUNE_21, executor=pool, chunk_size=16)

    assert single_process() == spread


@pytest.mark.parametrize("chunk_size", [7, 406])
def test_the_batch_size_does_not_change_the_result(chunk_size: int) -> None:
    """However the job centres are batched, the run is the same."""

    with ThreadPoolExecutor(max_workers=2) as pool:
        batched = run(
            households=HOUSEHOLDS, seed=11, on=JUNE_21, executor=pool, chunk_size=chunk_size
        )

    assert single_process() == batched


@pytest.mark.slow
def test_a_dask_cluster_gives_the_single_process_result() -> None:
    """Dask's executor on a local cluster of two worker processes: identical results."""
    distributed = pytest.importorskip(
        "distributed",
        reason="Dask's distributed is not installed: it comes with the 'national' dependency "
        "group (uv sync --group national), which the default test run does not install.",
    )

    with (
        distributed.LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = run(
            households=HOUSEHOLDS,
            seed=11,
            on=JUNE_21,
            executor=client.get_executor(),
            chunk_size=16,
        )

    assert single_process() == on_dask


def test_progress_is_reported_after_each_batch_up_to_all_households() -> None:
    """The progress callback sees the households done grow to the total."""
    seen: list[tuple[str, int, int]] = []

    national = run(
        households=500, seed=1, on=JUNE_21, chunk_size=100, progress=lambda *a: seen.append(a)
    )

    done = [d for _, d, _ in seen]
    assert done == sorted(done)
    assert ("job centres", 500, 500) == seen[-1]
    assert -(-len(national.by_job_centre) // 100) == len(seen)


def test_regimes_are_counted_on_each_day_asked() -> None:
    """With days, every person born by then is counted on each of them."""
    days = (pendulum.date(2022, 5, 31), JUNE_21)

    total = run(households=300, seed=2, on=JUNE_21, days=days).total

    by_day = {day: sum(n for (d, _), n in total.regimes if d == day) for day in days}
    assert by_day[JUNE_21] == total.summary.persons
    assert 0 < by_day[days[0]] <= by_day[JUNE_21]


def test_a_negative_number_of_households_or_batch_size_is_refused() -> None:
    """Bad arguments are refused before any work, naming the argument."""

    with pytest.raises(ValueError, match="'households'"):
        run(households=-1, seed=1, on=JUNE_21)
    with pytest.raises(ValueError, match="'chunk_size'"):
        run(households=10, seed=1, on=JUNE_21, chunk_size=0)


def test_an_unknown_job_centre_is_a_key_error() -> None:
    """run_job_centre refuses an id that is not one of the 406."""

    with pytest.raises(KeyError):
        run_job_centre("jc-999", households=1, seed=1, on=JUNE_21)


def test_the_repr_shows_the_size_only() -> None:
    """A national run's repr is short."""

    assert repr(single_process()).startswith("NationalRun(households=1500, seed=11")
    assert attrs.has(NationalRun)
