"""The Bocholt June 2022 story as data: caseload, switch, consultations, offers (scenarios.bocholt)."""

from __future__ import annotations

from collections import Counter
from functools import cache

import pendulum

from jobcenter_core.caseload import AgeBand, summarize
from jobcenter_core.coaching import CoachingFit, mobility_limited, referral_fit
from jobcenter_core.enrolment import add_session, allocate, demand_signal, open_offer, register
from jobcenter_core.needs import NeedCategory
from jobcenter_core.people import ResidenceDocument, Sex
from jobcenter_core.rules import BenefitRegime, benefit_regime, is_employable
from jobcenter_core.scenarios import BOCHOLT_DAY, Scenario, bocholt_june_2022
from jobcenter_core.serialization import from_json, to_json

SWITCH = pendulum.date(2022, 6, 1)


@cache
def bocholt() -> Scenario:
    return bocholt_june_2022()


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
        scenario.training,
        scenario.training_registrations,
        candidates=scenario.candidates(),
        caseworkers={c.id for c in scenario.caseworkers},
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
