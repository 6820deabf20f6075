"""
The national run for one job centre, as a pure function: :func:`run_job_centre` makes the
job centre's partition of the synthetic national caseload and runs every stage on each
of its local job centres; :func:`run_local_job_centre` runs the stages on one
:class:`~jobcenter_core.scenarios.Scenario`.

The stages, each a pure function of the scenario, the days and the policy:

1. :func:`regimes_stage` — the rules: every person's benefit regime on each day
   (:func:`~jobcenter_core.rules.benefit_regimes`, once per household and day);
2. :func:`consultations_stage` — interpreters booked for the consultations, day by day
   (:func:`~jobcenter_core.interpreting.assign_interpreters`);
3. :func:`allocation_stage` — both group offers allocated by preference
   (:func:`~jobcenter_core.enrolment.allocate`) and the demand signal;
4. :func:`coaching_stage` — the parents without childcare, their fit for the online
   coaching, their referrals and the coaches' allocation;
5. :func:`summary_stage` — the caseload's numbers (:func:`~jobcenter_core.caseload.summarize`).

Nothing here reads a clock or global state, and every result is an
:class:`~jobcenter_core.national.RunOutcome`, which pickles and adds up.

>>> import pendulum
>>> on = pendulum.date(2022, 6, 21)
>>> borken = run_job_centre("jc-001", households=200, seed=1, on=on)
>>> borken.summary.households, borken.local_job_centres
(200, 17)
>>> borken == run_job_centre("jc-001", households=200, seed=1, on=on)
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import attrs
from pendulum import Date

from jobcenter_core.caseload import CaseloadSummary, Tally, summarize
from jobcenter_core.coaching import (
    CoachingFit,
    CoachingReferral,
    FitAnswers,
    Mobility,
    coach_plan,
    refer,
)
from jobcenter_core.dates import as_date, at_berlin
from jobcenter_core.enrolment import Allocation, Registration, allocate, demand_signal
from jobcenter_core.interpreting import count_bookings
from jobcenter_core.national._regimes import RegimeAnswers
from jobcenter_core.national.outcome import (
    CoachingOutcome,
    InterpretingOutcome,
    OfferOutcome,
    RunOutcome,
)
from jobcenter_core.needs import NeedCategory
from jobcenter_core.offers import Candidate, GroupOffer
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Person
from jobcenter_core.rules import BenefitRegime
from jobcenter_core.scenarios import Scenario, job_centre, job_centre_scenarios

__all__ = [
    "allocation_stage",
    "coaching_stage",
    "consultations_stage",
    "regimes_stage",
    "run_job_centre",
    "run_job_centres",
    "run_local_job_centre",
    "summary_stage",
]

_UNSUITABLE_CODES = frozenset(
    {
        "no_shared_language",
        "no_coach_for_language",
        "not_employable",
        "regime_outside_target_group",
        "legal_basis_not_in_force",
    }
)
"""The reasons that make the coaching unsuitable for a parent, as the walk-through counts them."""

_NOT_ASKED = Mobility(has_transport=None, distance_to_centre_km=None)


# --- 1. the rules ---------------------------------------------------------------------------


def regimes_stage(
    scenario: Scenario,
    *,
    days: Sequence[Date],
    policy: Policy = DEFAULT_POLICY,
    answers: RegimeAnswers | None = None,
) -> tuple[Tally[tuple[Date, BenefitRegime]], Tally[Date]]:
    """
    Every person's benefit regime on each of *days* (those born by then), and how many
    are in SGB II only through the § 74 central-register catch-up rule, by day: what
    :func:`~jobcenter_core.rules.benefit_regimes` answers for ``household.born_by(day)``,
    counted.

    *answers* keeps the rule's answers by shape of household
    (:class:`~jobcenter_core.national.RegimeAnswers`), so that a run asks the rule once
    per shape; pass the same one for every scenario of a batch. Without it, a fresh one
    is used.

    >>> from jobcenter_core.scenarios import bocholt_june_2022
    >>> scenario = bocholt_june_2022()
    >>> regimes, catch_up = regimes_stage(scenario, days=[scenario.on])
    >>> regimes[(scenario.on, BenefitRegime.SGB_II)], catch_up[scenario.on]
    (354, 3)

    References:
        SGB II § 74, § 7; SGB XII § 146; AsylbLG § 1.
    """
    kept = RegimeAnswers() if answers is None else answers
    regimes: Counter[tuple[Date, BenefitRegime]] = Counter()
    catch_up: Counter[Date] = Counter()
    for day in days:
        counted, caught_up = kept.count(scenario.caseload.households, on=day, policy=policy)
        for regime, n in counted.items():
            regimes[(day, regime)] += n
        if caught_up:
            catch_up[day] += caught_up
    return Tally(items=regimes.items()), Tally(items=catch_up.items())


# --- 2. the consultations ------------------------------------------------------------------


def consultations_stage(
    scenario: Scenario, *, policy: Policy = DEFAULT_POLICY
) -> InterpretingOutcome:
    """
    Interpreters booked for the consultations, one day at a time, as the integration
    centre's coordinator books them: each day's consultations among the interpreters
    available that day (:func:`~jobcenter_core.interpreting.assign_interpreters` on the
    day's consultations and each interpreter with that day's availability windows),
    counted (:func:`~jobcenter_core.interpreting.count_bookings`, whose engine asks the
    rule only what the counts depend on).

    >>> from jobcenter_core.scenarios import bocholt_june_2022
    >>> outcome = consultations_stage(bocholt_june_2022())
    >>> outcome.consultations, outcome.needing >= outcome.booked
    (175, True)

    References:
        SGB X § 19 Abs. 1; SGB I § 17 Abs. 1.
    """
    if not scenario.consultations:
        return InterpretingOutcome()
    persons: dict[str, Person] = {
        m.person.id: m.person for h in scenario.caseload.households for m in h.members
    }
    counts = count_bookings(
        scenario.consultations,
        scenario.interpreters,
        persons=persons,
        caseworkers=scenario.caseworkers,
        policy=policy,
    )
    return InterpretingOutcome(
        consultations=len(scenario.consultations),
        needing=counts.needing,
        booked=counts.booked,
        booked_minutes=counts.booked_minutes,
        unserved_reasons=Tally(items=counts.unserved_reasons),
        missing_minutes=Tally(items=counts.missing_minutes),
    )


# --- 3. the group offers ---------------------------------------------------------------------


def _offer_outcome(
    offer: GroupOffer, batch: Allocation, registrations: Sequence[Registration], extra: int
) -> OfferOutcome:
    by_choice: Counter[int] = Counter()
    for session_id, placed in batch.placements:
        for r in placed:
            by_choice[r.preferences.index(session_id) + 1 if r.preferences else 0] += 1
    return OfferOutcome(
        offers=1,
        sessions=len(offer.sessions),
        seats=sum(s.capacity for s in offer.sessions),
        registrations=len(registrations),
        placed=by_choice.total(),
        waitlist=len(batch.waitlist),
        rejected=len(batch.rejections),
        placed_by_choice=Tally(items=by_choice.items()),
        rejection_reasons=Tally(
            items=Counter(code for r in batch.rejections for code in r.codes).items()
        ),
        extra_sessions=extra,
    )


def allocation_stage(
    scenario: Scenario, *, policy: Policy = DEFAULT_POLICY
) -> tuple[OfferOutcome, OfferOutcome]:
    """
    "Leben und Arbeiten in Deutschland" and the application training allocated by the
    registrations' preferences (serial dictatorship in priority order), with the demand
    signal for "Leben und Arbeiten".

    >>> from jobcenter_core.scenarios import bocholt_june_2022
    >>> offer, training = allocation_stage(bocholt_june_2022())
    >>> offer.registrations, offer.placed, offer.waitlist, offer.extra_sessions
    (38, 20, 18, 1)

    References:
        SGB II § 16 Abs. 1 with SGB III § 45.
    """
    offers = (
        (scenario.offer, scenario.registrations),
        (scenario.training, scenario.training_registrations),
    )
    # One Candidate per registered person, for both offers.
    registered = {r.person_id for _, registrations in offers for r in registrations}
    wants = scenario.wants_work_at_short_notice
    known: dict[str, Candidate] = {}
    for household in scenario.caseload.households:
        for member in household.members:
            person = member.person
            if person.id in registered:
                known[person.id] = Candidate(
                    person=person,
                    household=household,
                    wants_work_at_short_notice=person.id in wants,
                )
    caseworkers = {c.id for c in scenario.caseworkers}
    outcomes = []
    for offer, registrations in offers:
        candidates = {r.person_id: known[r.person_id] for r in registrations}
        batch = allocate(
            offer,
            registrations,
            candidates=candidates,
            caseworkers=caseworkers,
            on=scenario.on,
            policy=policy,
        )
        extra = (
            demand_signal(batch, policy=policy, on=scenario.on).value
            if offer is scenario.offer
            else 0
        )
        outcomes.append(_offer_outcome(offer, batch, registrations, extra))
    return outcomes[0], outcomes[1]


# --- 4. the coaching -------------------------------------------------------------------------


def coaching_stage(
    scenario: Scenario,
    *,
    policy: Policy = DEFAULT_POLICY,
    answers: FitAnswers | None = None,
) -> CoachingOutcome:
    """
    The employable primary carers whose child has no care place, how well the online
    coaching fits them, their referrals (by the case worker who saw them, or the first
    case worker) the day after the scenario's day, and how many of them the coaches'
    allocation four days later serves (its plan,
    :func:`~jobcenter_core.coaching.coach_plan`).

    *answers* keeps what :func:`~jobcenter_core.coaching.referral_fit` answered by shape
    of what it reads (:class:`~jobcenter_core.coaching.FitAnswers`), so that a run asks
    the rule once per shape; pass the same one for every scenario of a batch. Without
    it, a fresh one is used.

    >>> from jobcenter_core.scenarios import bocholt_june_2022
    >>> coaching = coaching_stage(bocholt_june_2022())
    >>> coaching.parents_without_childcare, coaching.referred, coaching.assigned
    (54, 41, 9)

    References:
        SGB II § 16 Abs. 1 with SGB III § 45, § 16k; SGB II § 10 Abs. 1 Nr. 3.
    """
    programme = scenario.coaching
    on = scenario.on
    referred_at = at_berlin(on.year, on.month, on.day, 10).add(days=1)
    mobility = dict(scenario.mobility)
    caseworker_of = {c.person_id: c.caseworker_id for c in scenario.consultations}
    fallback = scenario.caseworkers[0].id
    parents = 0
    fits: Counter[str] = Counter()
    unsuitable: Counter[str] = Counter()
    referrals: list[CoachingReferral] = []
    kept = FitAnswers() if answers is None else answers
    for household in scenario.caseload.households:
        # Whom mobility_limited says care for a child without a care place, all at once.
        without_place = kept.carers(household, on=on, policy=policy)
        if not without_place:
            continue
        for member in household.members:
            person = member.person
            if not member.primary_carer or person.id not in without_place:
                continue
            if not kept.employable(person, on=on, policy=policy):
                continue
            asked = mobility.get(person.id, _NOT_ASKED)
            parents += 1
            fit, codes = kept.fit(
                person,
                household,
                programme,
                on=on,
                mobility=asked,
                policy=policy,
                codes=_UNSUITABLE_CODES,
            )
            fits[fit.value] += 1
            if fit is CoachingFit.UNSUITABLE:
                unsuitable.update(codes)
                continue
            referrals.append(
                refer(
                    programme,
                    id=f"cr-{len(referrals) + 1:03d}",
                    person_id=person.id,
                    referred_by=caseworker_of.get(person.id, fallback),
                    reasons={NeedCategory.CHILDCARE},
                    language="uk",
                    limited_mobility=True,
                    at=referred_at,
                ).referral
            )
    # Only the number served is reported: the allocation's plan, without its transitions.
    plan = coach_plan(referrals, programme, at=referred_at.add(days=4), policy=policy)
    return CoachingOutcome(
        coaches=len(programme.coaches),
        coach_capacity=sum(c.weekly_capacity for c in programme.coaches),
        parents_without_childcare=parents,
        fit=Tally(items=fits.items()),
        unsuitable_reasons=Tally(items=unsuitable.items()),
        referred=len(referrals),
        assigned=len(plan),
    )


# --- 5. the summary --------------------------------------------------------------------------


def summary_stage(scenario: Scenario, *, policy: Policy = DEFAULT_POLICY) -> CaseloadSummary:
    """
    The caseload's numbers on the scenario's day (:func:`~jobcenter_core.caseload.summarize`).

    >>> from jobcenter_core.scenarios import bocholt_june_2022
    >>> summary_stage(bocholt_june_2022()).employable
    180
    """
    return summarize(scenario.caseload, on=scenario.on, policy=policy)


# --- the whole run ---------------------------------------------------------------------------


def run_local_job_centre(
    scenario: Scenario,
    *,
    days: Sequence[Date] = (),
    policy: Policy = DEFAULT_POLICY,
    answers: RegimeAnswers | None = None,
    fits: FitAnswers | None = None,
) -> RunOutcome:
    """
    Every stage on one local job centre's *scenario*; regimes on *days* (default: the
    scenario's day), with the rule's answers kept in *answers* (as for
    :func:`regimes_stage`) and the coaching fit's in *fits* (as for
    :func:`coaching_stage`).

    >>> from jobcenter_core.scenarios import bocholt_june_2022
    >>> outcome = run_local_job_centre(bocholt_june_2022())
    >>> outcome.summary.employable, outcome.offer.registrations == (
    ...     outcome.offer.placed + outcome.offer.waitlist + outcome.offer.rejected)
    (180, True)
    """
    regimes, catch_up = regimes_stage(
        scenario, days=days or (scenario.on,), policy=policy, answers=answers
    )
    offer, training = allocation_stage(scenario, policy=policy)
    return RunOutcome(
        on=scenario.on,
        local_job_centres=1,
        summary=summary_stage(scenario, policy=policy),
        regimes=regimes,
        central_register_catch_up=catch_up,
        interpreting=consultations_stage(scenario, policy=policy),
        offer=offer,
        training=training,
        coaching=coaching_stage(scenario, policy=policy, answers=fits),
    )


def run_job_centre(
    job_centre_id: str,
    *,
    households: int,
    seed: int | str,
    on: Date,
    days: Sequence[Date] = (),
    policy: Policy = DEFAULT_POLICY,
    answers: RegimeAnswers | None = None,
    fits: FitAnswers | None = None,
) -> RunOutcome:
    """
    The national run's result for one job centre with *households* households: its
    partition of the synthetic caseload
    (:func:`~jobcenter_core.scenarios.job_centre_scenarios`), every stage on each local
    job centre, summed. A pure function of its arguments: the same in any process.
    *answers* keeps the benefit-regime rule's answers across its local job centres (and
    across job centres, when passed for each), *fits* the coaching fit's: the result is
    the same with or without.

    >>> import pendulum
    >>> outcome = run_job_centre("jc-002", households=40, seed=1, on=pendulum.date(2022, 6, 21))
    >>> outcome.job_centres, outcome.summary.households
    (1, 40)
    """
    on = as_date(on)
    job_centre(job_centre_id)  # KeyError for an unknown id, before any work
    kept = RegimeAnswers() if answers is None else answers
    kept_fits = FitAnswers() if fits is None else fits
    total = RunOutcome.empty(on=on)
    for scenario in job_centre_scenarios(job_centre_id, households=households, seed=seed, on=on):
        total += run_local_job_centre(
            scenario, days=days, policy=policy, answers=kept, fits=kept_fits
        )
    return attrs.evolve(total, job_centres=1 if households else 0)


def run_job_centres(
    work: Sequence[tuple[str, int]],
    *,
    seed: int | str,
    on: Date,
    days: Sequence[Date] = (),
    policy: Policy = DEFAULT_POLICY,
    answers: RegimeAnswers | None = None,
    fits: FitAnswers | None = None,
) -> tuple[tuple[str, RunOutcome], ...]:
    """
    :func:`run_job_centre` for each ``(job centre id, households)`` of *work*: one task
    of a national run, the unit an executor runs. The benefit-regime rule's answers are
    kept for the whole batch (in *answers*, or a fresh
    :class:`~jobcenter_core.national.RegimeAnswers`), and so are the coaching fit's (in
    *fits*, or a fresh :class:`~jobcenter_core.coaching.FitAnswers`).

    >>> import pendulum
    >>> done = run_job_centres([("jc-002", 10), ("jc-003", 5)], seed=1,
    ...                        on=pendulum.date(2022, 6, 21))
    >>> [(jc, outcome.summary.households) for jc, outcome in done]
    [('jc-002', 10), ('jc-003', 5)]
    """
    kept = RegimeAnswers() if answers is None else answers
    kept_fits = FitAnswers() if fits is None else fits
    return tuple(
        (
            jc,
            run_job_centre(
                jc,
                households=n,
                seed=seed,
                on=on,
                days=days,
                policy=policy,
                answers=kept,
                fits=kept_fits,
            ),
        )
        for jc, n in work
    )
