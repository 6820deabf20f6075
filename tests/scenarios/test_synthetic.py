"""Synthetic caseloads: seeded, reproducible, shaped like the 2022 caseload (scenarios.synthetic)."""

from __future__ import annotations

import random
from collections import Counter
from functools import cache

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobcenter_core.caseload import AgeBand, summarize
from jobcenter_core.dates import completed_years
from jobcenter_core.enrolment import allocate
from jobcenter_core.households import ChildCare, Household
from jobcenter_core.languages import CefrLevel
from jobcenter_core.people import Sex
from jobcenter_core.scenarios import synthetic_caseload, synthetic_households, synthetic_scenario

JUNE_21 = pendulum.date(2022, 6, 21)


@cache
def thousand() -> tuple[Household, ...]:
    return synthetic_households(households=1000, seed=2022, on=JUNE_21)


def test_same_seed_gives_equal_caseloads() -> None:
    """Two runs with the same seed, size and day give equal values."""

    first = synthetic_caseload(households=50, seed=11, on=JUNE_21)
    second = synthetic_caseload(households=50, seed=11, on=JUNE_21)

    assert first == second


def test_another_seed_gives_another_caseload() -> None:
    """The seed matters: another seed draws other households."""

    first = synthetic_households(households=50, seed=11, on=JUNE_21)
    second = synthetic_households(households=50, seed=12, on=JUNE_21)

    assert first != second


def test_generation_leaves_the_global_random_state_alone() -> None:
    """The generator uses a private random.Random: the module-level RNG is untouched."""
    before = random.getstate()

    synthetic_caseload(households=20, seed=1, on=JUNE_21)

    assert before == random.getstate()


@given(seed=st.integers(), households=st.integers(min_value=0, max_value=12))
def test_every_synthetic_caseload_is_reproducible_with_unique_ids(
    seed: int, households: int
) -> None:
    """For any seed and size the result is reproducible, sized as asked, ids unique."""

    caseload = synthetic_caseload(households=households, seed=seed, on=JUNE_21)

    assert caseload == synthetic_caseload(households=households, seed=seed, on=JUNE_21)
    assert households == len(caseload.households)
    ids = [p.id for p in caseload.persons()]
    assert len(ids) == len(set(ids))


@given(
    on=st.dates(min_value=pendulum.date(2022, 2, 24), max_value=pendulum.date(2030, 12, 31)),
    seed=st.integers(min_value=0, max_value=10**6),
)
def test_nobody_is_born_after_arrival_and_no_document_is_dated_after_the_day(
    on: pendulum.Date, seed: int
) -> None:
    """Births precede the documents, and documents and registrations precede the day."""
    day = pendulum.date(on.year, on.month, on.day)

    households = synthetic_households(households=8, seed=seed, on=day)

    for household in households:
        for member in household.members:
            p = member.person
            assert p.birth_date <= day
            if p.residence is not None and p.residence.first_issued_on is not None:
                assert p.birth_date <= p.residence.first_issued_on <= day
            if p.identity_registered_on is not None:
                assert pendulum.date(2022, 2, 24) <= p.identity_registered_on <= day


def test_employable_persons_are_mostly_women_aged_25_to_50() -> None:
    """As in the press release, women aged 25-50 are the majority of the employable."""
    caseload = synthetic_caseload(households=1000, seed=2022, on=JUNE_21, with_needs=False)

    summary = summarize(caseload, on=JUNE_21)

    women = summary.employable_by_sex_and_age[(Sex.FEMALE, AgeBand.FROM_25_TO_50)]
    assert women / summary.employable > 0.5


def test_languages_are_ukrainian_and_russian_with_little_german() -> None:
    """Everyone speaks Ukrainian or Russian natively; few adults speak German at B1."""
    persons = [m.person for h in thousand() for m in h.members]

    natives = Counter(
        s.language for p in persons for s in p.languages if s.level is CefrLevel.NATIVE
    )
    german_b1 = sum(1 for p in persons if (p.level_in("de") or CefrLevel.A1) >= CefrLevel.B1)

    assert {"uk", "ru"} == set(natives)
    assert natives["uk"] > natives["ru"]
    assert german_b1 / len(persons) < 0.05


def test_most_hold_a_section_24_document_issued_in_spring_2022() -> None:
    """By 2022-06-21 most hold a § 24 permit or Fiktionsbescheinigung from March–June 2022."""
    persons = [m.person for h in thousand() for m in h.members]

    issued = [
        p.residence.first_issued_on
        for p in persons
        if p.residence is not None and p.residence.first_issued_on is not None
    ]

    assert len(issued) / len(persons) > 0.9
    assert all(pendulum.date(2022, 3, 1) <= day <= JUNE_21 for day in issued)


def test_some_caring_parents_have_no_childcare() -> None:
    """Some primary carers have a child under 6 without a care place (the coaching case)."""

    without_care = [
        h
        for h in thousand()
        for m in h.members
        if m.child_care is ChildCare.NONE and completed_years(m.person.birth_date, on=JUNE_21) < 6
    ]

    assert len(without_care) > 50


def test_synthetic_needs_come_from_consultations_after_late_may() -> None:
    """Every synthetic need was identified in a consultation between 2022-05-23 and the day."""

    caseload = synthetic_caseload(households=100, seed=5, on=JUNE_21)

    days = {n.identified_on for p in caseload.profiles for n in p.needs}
    assert days
    assert all(pendulum.date(2022, 5, 23) <= day <= JUNE_21 for day in days)


def test_a_later_reference_day_has_some_documents_issued_after_march_2025() -> None:
    """With a 2026 reference day some arrived late: the 2026 reform has someone to affect."""
    on = pendulum.date(2026, 10, 1)

    households = synthetic_households(households=1000, seed=3, on=on)

    late = [
        m.person
        for h in households
        for m in h.members
        if m.person.residence is not None
        and m.person.residence.first_issued_on is not None
        and m.person.residence.first_issued_on > pendulum.date(2025, 3, 31)
    ]
    assert late


def test_a_reference_day_before_the_war_is_refused() -> None:
    """The caseload is of refugees from the war that began on 2022-02-24."""

    with pytest.raises(ValueError, match="'on'"):
        synthetic_households(households=1, seed=1, on=pendulum.date(2022, 2, 23))


def test_a_negative_number_of_households_is_refused() -> None:
    """A caseload cannot have fewer than no households."""

    with pytest.raises(ValueError, match="'households'"):
        synthetic_caseload(households=-1, seed=1, on=JUNE_21)


def test_no_households_give_an_empty_caseload() -> None:
    """Zero households is a valid, empty caseload."""

    caseload = synthetic_caseload(households=0, seed=1, on=JUNE_21)

    assert (0, 0) == (len(caseload.households), len(caseload.profiles))


def test_synthetic_scenario_has_seats_for_about_half_of_the_registrations() -> None:
    """The synthetic offer has one 20-seat session per 40 registrations: a waitlist forms."""
    scenario = synthetic_scenario(households=200, seed=9, on=JUNE_21)

    result = allocate(
        scenario.offer,
        scenario.registrations,
        candidates=scenario.candidates(),
        caseworkers={c.id for c in scenario.caseworkers},
    )

    assert len(result.waitlist) > 0
    assert sum(s.capacity for s in scenario.offer.sessions) <= len(scenario.registrations) // 2


@pytest.mark.slow
def test_a_million_persons_can_be_generated() -> None:
    """The generator scales to national size (run with -m slow; see the report for times)."""

    households = synthetic_households(households=375_000, seed=1, on=JUNE_21)

    assert sum(len(h.members) for h in households) > 1_000_000
