"""The national synthetic caseload, one job centre at a time (scenarios.national)."""

from __future__ import annotations

import random
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from functools import cache

import pendulum
import pytest

from jobcenter_core.needs import NeedCategory
from jobcenter_core.scenarios import (
    JOB_CENTRES,
    KREIS_BORKEN,
    Scenario,
    households_by_job_centre,
    job_centre_scenarios,
    local_job_centre_scenario,
)

JUNE_21 = pendulum.date(2022, 6, 21)


@cache
def large() -> Scenario:
    """A large local job centre: 3,000 households in Bocholt."""
    bocholt = KREIS_BORKEN.local_job_centres[1]
    return local_job_centre_scenario(KREIS_BORKEN, bocholt, households=3000, seed=2022, on=JUNE_21)


def _partition(index: int) -> tuple[Scenario, ...]:
    centre = JOB_CENTRES[index]
    return job_centre_scenarios(
        centre, households=households_by_job_centre(20_000)[index], seed=7, on=JUNE_21
    )


def test_a_partition_is_the_same_made_alone_or_after_the_others() -> None:
    """Job centre k's partition does not depend on which partitions were made before it."""

    alone = _partition(5)
    for index in range(5):
        _partition(index)
    after_the_others = _partition(5)

    assert alone == after_the_others


def test_a_partition_is_the_same_made_in_another_process() -> None:
    """Each partition draws from its own seeded stream: another process makes it equal."""

    with ProcessPoolExecutor(max_workers=1) as pool:
        elsewhere = pool.submit(_partition, 3).result()

    assert _partition(3) == elsewhere


def test_another_seed_makes_another_partition() -> None:
    """The run's seed matters."""

    first = job_centre_scenarios("jc-002", households=50, seed=1, on=JUNE_21)
    second = job_centre_scenarios("jc-002", households=50, seed=2, on=JUNE_21)

    assert first != second


def test_generation_leaves_the_global_random_state_alone() -> None:
    """No global random state: the module-level generator is untouched."""
    before = random.getstate()

    job_centre_scenarios("jc-001", households=100, seed=1, on=JUNE_21)

    assert before == random.getstate()


def test_households_are_shared_among_the_local_job_centres_by_weight() -> None:
    """Kreis Borken's households go to its 17 towns by population; Bocholt has the most."""

    scenarios = job_centre_scenarios(KREIS_BORKEN, households=800, seed=1, on=JUNE_21)

    sizes = {s.name.split(" (")[0]: len(s.caseload.households) for s in scenarios}
    assert 800 == sum(sizes.values())
    assert 17 == len(sizes)
    assert max(sizes, key=lambda name: sizes[name]) == "Bocholt"
    assert 140 <= sizes["Bocholt"] <= 160


def test_ids_are_unique_across_the_local_job_centres() -> None:
    """Household, person, consultation and registration ids name their local job centre."""

    scenarios = job_centre_scenarios(KREIS_BORKEN, households=400, seed=3, on=JUNE_21)

    persons = [p.id for s in scenarios for p in s.caseload.persons()]
    households = [h.id for s in scenarios for h in s.caseload.households]
    registrations = [r.id for s in scenarios for r in s.registrations]
    assert len(persons) == len(set(persons))
    assert len(households) == len(set(households))
    assert len(registrations) == len(set(registrations))


def test_every_registration_names_one_to_three_sessions_of_its_offer() -> None:
    """Registrations carry 1-3 distinct preferences, all sessions of the offer."""
    scenario = large()
    sessions = set(scenario.offer.session_ids)

    lengths = Counter(len(r.preferences) for r in scenario.registrations)

    assert {1, 2, 3} == set(lengths)
    for r in scenario.registrations:
        assert len(set(r.preferences)) == len(r.preferences)
        assert sessions.issuperset(r.preferences)


def test_sessions_are_spread_over_days_and_times_of_day() -> None:
    """Sessions fall on ten working days and at three times of day, none at a weekend."""

    starts = [s.start for s in large().offer.sessions]

    assert 10 == len({start.date() for start in starts})
    assert {9, 13, 17} == {start.hour for start in starts}
    assert all(start.isoweekday() <= 5 for start in starts)
    assert all(start.date() > JUNE_21 for start in starts)


def test_morning_sessions_are_the_most_popular() -> None:
    """Preferences follow popularity: mornings most, evenings least, as first choices."""
    scenario = large()
    hour = {s.id: s.start.hour for s in scenario.offer.sessions}

    first_choices = Counter(hour[r.preferences[0]] for r in scenario.registrations)

    assert first_choices[9] > first_choices[13] > first_choices[17]


def test_about_a_third_of_the_registrations_find_no_seat() -> None:
    """One 20-seat session per 30 registrations: demand exceeds the seats."""
    scenario = large()

    seats = sum(s.capacity for s in scenario.offer.sessions)

    assert seats < len(scenario.registrations) <= 1.6 * seats


def test_registrations_follow_a_living_and_working_need_found_in_a_consultation() -> None:
    """Everyone registered for the first offer has that need; the case worker saw them."""
    scenario = large()
    with_need = {
        n.subject
        for p in scenario.caseload.profiles
        for n in p.needs
        if n.category is NeedCategory.LIVING_AND_WORKING_IN_GERMANY
    }
    caseworkers = {c.id for c in scenario.caseworkers}

    assert {r.person_id for r in scenario.registrations} == with_need
    assert all(r.registered_by in caseworkers for r in scenario.registrations)


def test_consultations_are_before_the_day_and_no_case_worker_is_double_booked() -> None:
    """Consultations fall on working days before the day, one at a time per case worker."""
    scenario = large()

    slots = Counter((c.caseworker_id, c.window.start) for c in scenario.consultations)

    assert all(c.window.start.date() < JUNE_21 for c in scenario.consultations)
    assert all(c.window.start.isoweekday() <= 5 for c in scenario.consultations)
    assert 1 == max(slots.values())


def test_needs_are_identified_in_the_households_consultation() -> None:
    """Every need's evidence is the household's consultation, on its day."""
    scenario = large()
    consultation = {c.household_id: c for c in scenario.consultations}

    for profile in scenario.caseload.profiles:
        c = consultation[profile.household_id]
        for need in profile.needs:
            assert c.id == need.identified_by.id
            assert c.window.start.date() == need.identified_on


def test_interpreters_interpret_ukrainian_and_russian() -> None:
    """The interpreters cover the households' languages; the first one both of them."""

    interpreters = large().interpreters

    assert ("ru", "uk") == interpreters[0].languages
    assert {"ru", "uk"} == {lang for i in interpreters for lang in i.languages}
    assert all(i.availability for i in interpreters)


def test_most_registered_for_the_training_want_work_at_short_notice() -> None:
    """About 90 % of the application training's registrations want work at short notice."""
    scenario = large()

    wanting = [
        r
        for r in scenario.training_registrations
        if r.person_id in scenario.wants_work_at_short_notice
    ]

    assert 0.8 < len(wanting) / len(scenario.training_registrations) < 1.0


def test_a_day_before_the_consultations_began_has_none() -> None:
    """Before 2022-05-23 nobody has been seen: no consultations, no needs, no registrations."""

    (scenario,) = job_centre_scenarios(
        "jc-002", households=30, seed=1, on=pendulum.date(2022, 5, 2)
    )

    assert () == scenario.consultations
    assert () == scenario.caseload.profiles
    assert () == scenario.registrations


def test_no_households_make_no_scenarios() -> None:
    """A job centre without households has nothing to run."""

    assert () == job_centre_scenarios("jc-003", households=0, seed=1, on=JUNE_21)


def test_a_negative_number_of_households_is_refused() -> None:
    """A local job centre cannot have fewer than no households."""

    with pytest.raises(ValueError, match="'households'"):
        local_job_centre_scenario(
            KREIS_BORKEN, KREIS_BORKEN.local_job_centres[0], households=-1, seed=1, on=JUNE_21
        )
