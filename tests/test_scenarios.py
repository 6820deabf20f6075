"""Scenarios: seeded synthetic caseloads and the Bocholt June 2022 story (scenarios.py)."""

from __future__ import annotations

import random
from collections import Counter
from functools import cache

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobcenter_core.caseload import AgeBand, summarize
from jobcenter_core.coaching import CoachingFit, mobility_limited, referral_fit
from jobcenter_core.dates import completed_years
from jobcenter_core.enrolment import add_session, allocate, demand_signal, open_offer, register
from jobcenter_core.households import ChildCare, Household
from jobcenter_core.languages import CefrLevel
from jobcenter_core.needs import NeedCategory
from jobcenter_core.people import ResidenceDocument, Sex
from jobcenter_core.rules import BenefitRegime, benefit_regime, is_employable
from jobcenter_core.scenarios import (
    BOCHOLT_DAY,
    Scenario,
    bocholt_june_2022,
    synthetic_caseload,
    synthetic_households,
    synthetic_scenario,
)
from jobcenter_core.serialization import from_json, to_json

JUNE_21 = pendulum.date(2022, 6, 21)
SWITCH = pendulum.date(2022, 6, 1)


@cache
def bocholt() -> Scenario:
    return bocholt_june_2022()


@cache
def thousand() -> tuple[Household, ...]:
    return synthetic_households(households=1000, seed=2022, on=JUNE_21)


# --- synthetic caseloads ------------------------------------------------------------------


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

    result = allocate(scenario.offer, scenario.registrations, candidates=scenario.candidates())

    assert len(result.waitlist) > 0
    assert sum(s.capacity for s in scenario.offer.sessions) <= len(scenario.registrations) // 2


@pytest.mark.slow
def test_a_million_persons_can_be_generated() -> None:
    """The generator scales to national size (run with -m slow; see the report for times)."""

    households = synthetic_households(households=375_000, seed=1, on=JUNE_21)

    assert sum(len(h.members) for h in households) > 1_000_000


# --- Bocholt, June 2022 -------------------------------------------------------------------


def test_bocholt_has_140_households_with_180_employable_persons() -> None:
    """The press release: about 140 families with about 180 employable persons."""

    summary = summarize(bocholt().caseload, on=BOCHOLT_DAY)

    assert (140, 180) == (summary.households, summary.employable)


def test_bocholt_employable_persons_are_mostly_women_aged_25_to_50() -> None:
    """'Aktuell sind dies überwiegend Frauen in der Altersgruppe zwischen 25 und 50 Jahren.'"""

    summary = summarize(bocholt().caseload, on=BOCHOLT_DAY)

    women = summary.employable_by_sex_and_age[(Sex.FEMALE, AgeBand.FROM_25_TO_50)]
    assert women > summary.employable / 2


def test_bocholt_switches_from_asylblg_to_sgb_ii_on_1_june_2022() -> None:
    """Before 2022-06-01 everyone is under AsylbLG; from then most are under SGB II."""
    scenario = bocholt()

    def regimes(day: pendulum.Date) -> Counter[BenefitRegime]:
        return Counter(
            benefit_regime(m.person, h, on=day).value
            for h in scenario.caseload.households
            for m in h.members
        )

    before, after = regimes(SWITCH.subtract(days=1)), regimes(SWITCH)

    assert {BenefitRegime.ASYLBLG} == set(before)
    assert after[BenefitRegime.SGB_II] > after[BenefitRegime.ASYLBLG] + after[BenefitRegime.SGB_XII]


def test_bocholt_persons_not_able_to_work_fall_under_sgb_xii() -> None:
    """Those assessed below 3 hours a day, living alone, get SGB XII (§ 146 SGB XII)."""
    scenario = bocholt()

    unable = [
        (m.person, h)
        for h in scenario.caseload.households
        for m in h.members
        if m.person.work_capacity is not None and m.person.work_capacity.hours_per_day < 3
    ]

    assert unable
    assert all(
        benefit_regime(p, h, on=BOCHOLT_DAY).value is BenefitRegime.SGB_XII for p, h in unable
    )


def test_bocholt_documents_are_section_24_documents() -> None:
    """Everyone in the scenario holds a § 24 permit or a Fiktionsbescheinigung."""

    documents = {p.residence.document for p in bocholt().persons() if p.residence is not None}

    assert documents <= {
        ResidenceDocument.TEMPORARY_PROTECTION_PERMIT,
        ResidenceDocument.FICTION_CERTIFICATE,
    }


def test_bocholt_consultations_began_in_late_may_with_interpreters_from_the_integration_centre() -> (
    None
):
    """'seit Ende Mai': individual consultations from 2022-05-23, interpreters of the Kreis."""
    scenario = bocholt()

    first = min(c.window.start for c in scenario.consultations)

    assert pendulum.date(2022, 5, 23) == first.date()
    assert {"Kommunales Integrationszentrum Kreis Borken"} == {
        i.provider for i in scenario.interpreters
    }


def test_bocholt_needs_come_from_the_consultations() -> None:
    """Every need of the caseload was identified in one of the scenario's consultations."""
    scenario = bocholt()

    sources = {n.identified_by.id for p in scenario.caseload.profiles for n in p.needs}

    assert sources <= {c.id for c in scenario.consultations}


def test_bocholt_registrations_go_through_case_workers_after_a_consultation() -> None:
    """'Die Anmeldungen werden über die Beratungsfachkräfte koordiniert.'"""
    scenario = bocholt()
    caseworkers = {c.id for c in scenario.caseworkers}
    consulted = {c.person_id: c.window.end for c in scenario.consultations}

    for r in scenario.registrations:
        assert r.registered_by in caseworkers
        assert r.person_id in consulted
        assert consulted[r.person_id] <= r.registered_at < scenario.offer.sessions[0].start


def test_bocholt_first_session_is_oversubscribed_and_one_more_session_is_signalled() -> None:
    """More registrations than seats on 21 June, so the demand signal asks for one session."""
    scenario = bocholt()

    result = allocate(
        scenario.offer,
        scenario.registrations,
        candidates=scenario.candidates(),
        caseworkers={c.id for c in scenario.caseworkers},
    )

    assert 20 == len(result.placed_in("lad-2022-06-21"))
    assert 12 <= len(result.waitlist) <= 20
    assert 1 == demand_signal(result).value


def test_bocholt_session_of_30_june_takes_the_whole_waitlist() -> None:
    """Adding the 30 June session offers every waiting person a seat."""
    scenario = bocholt()
    state = open_offer(scenario.offer, caseworkers={c.id for c in scenario.caseworkers}).state
    for r in scenario.registrations:
        state = register(state, r, candidate=scenario.candidates()[r.person_id]).state
    waiting = state.waiting_count

    after = add_session(
        state, scenario.second_session, at=pendulum.datetime(2022, 6, 21, 14, tz="Europe/Berlin")
    ).state

    assert 0 == after.waiting_count
    assert waiting == after.held(scenario.second_session.id)


def test_bocholt_application_training_rejects_who_does_not_want_work_at_short_notice() -> None:
    """The training is for those who want work at short notice; another person is rejected."""
    scenario = bocholt()

    result = allocate(
        scenario.training, scenario.training_registrations, candidates=scenario.candidates()
    )

    assert 12 == len(result.placed_in(scenario.training.sessions[0].id))
    assert ["no_short_notice_wish"] == [
        c for r in result.rejections for c in r.codes if c == "no_short_notice_wish"
    ]


def test_bocholt_mothers_without_childcare_fit_the_online_coaching() -> None:
    """The online coaching suits women with little mobility because childcare is missing."""
    scenario = bocholt()
    fits = []
    for h in scenario.caseload.households:
        for m in h.members:
            if not m.primary_carer or not is_employable(m.person, on=BOCHOLT_DAY).value:
                continue
            mobility = scenario.mobility_of(m.person.id)
            if mobility_limited(m.person, h, on=BOCHOLT_DAY, mobility=mobility).value:
                fits.append(
                    referral_fit(
                        m.person, h, scenario.coaching, on=BOCHOLT_DAY, mobility=mobility
                    ).value
                )

    assert fits.count(CoachingFit.GOOD) >= 20


def test_bocholt_needs_include_the_topics_of_the_press_release() -> None:
    """Language, psychosocial support, transport, social stores, school system, childcare …"""

    summary = summarize(bocholt().caseload, on=BOCHOLT_DAY)

    found = {c for c, n in summary.needs_by_category if n}
    assert {
        NeedCategory.GERMAN_LANGUAGE,
        NeedCategory.PSYCHOSOCIAL_SUPPORT,
        NeedCategory.PSYCHOLOGICAL_COUNSELLING,
        NeedCategory.TRANSLATION_SERVICES,
        NeedCategory.PUBLIC_TRANSPORT,
        NeedCategory.SOCIAL_DEPARTMENT_STORE,
        NeedCategory.CHILDREN_LEISURE,
        NeedCategory.SCHOOL_SYSTEM,
        NeedCategory.CHILDCARE,
        NeedCategory.EMPLOYMENT,
    } <= found


def test_bocholt_scenario_is_the_same_on_every_call() -> None:
    """The scenario is data: two calls give equal values."""

    assert bocholt_june_2022() == bocholt()


def test_bocholt_scenario_repr_shows_counts_and_no_personal_data() -> None:
    """The repr names the scenario and counts, never a birth date or a need."""

    text = repr(bocholt())

    assert text.startswith("Scenario(name='Bocholt, June 2022', on=2022-06-21, households=140")
    assert "birth" not in text and "psychosocial" not in text


def test_bocholt_scenario_round_trips_through_json() -> None:
    """The scenario is plain data: JSON out and back in gives an equal value."""

    text = to_json(bocholt())

    assert bocholt() == from_json(text, Scenario)
