"""Properties of coaching referrals: lifecycle consistency, capacity, conservation, findings."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobcenter_core.coaching import (
    Accepted,
    Cancelled,
    CoachingFindings,
    CoachingFit,
    CoachingProgramme,
    CoachingReferral,
    Completed,
    Declined,
    Delivery,
    NoShow,
    ReferralEvent,
    ReferralStatus,
    ReferralTransition,
    Referred,
    SessionHeld,
    Started,
    Waitlisted,
    accept,
    allocate_coaches,
    apply_findings,
    cancel,
    coach_loads,
    coaching_priority,
    complete,
    decline,
    no_show,
    record_session,
    refer,
    referral_fit,
    replay,
    start,
    waitlist,
)
from jobcenter_core.errors import InvalidTransition
from jobcenter_core.needs import EvidenceKind, NeedCategory
from jobcenter_core.strategies import (
    coaching_caseloads,
    coaching_need_findings,
    coaching_programmes,
    households,
    mobilities,
    needs_profiles,
    reference_dates,
    referral_commands,
)

START = pendulum.datetime(2022, 6, 20, 9, tz="Europe/Berlin")

STATUS_AFTER: dict[type[ReferralEvent], ReferralStatus] = {
    Referred: ReferralStatus.REFERRED,
    Waitlisted: ReferralStatus.WAITLISTED,
    Accepted: ReferralStatus.ACCEPTED,
    Started: ReferralStatus.IN_PROGRESS,
    Completed: ReferralStatus.COMPLETED,
    Declined: ReferralStatus.DECLINED,
    Cancelled: ReferralStatus.CANCELLED,
    NoShow: ReferralStatus.NO_SHOW,
}


def run(
    referral: CoachingReferral,
    programme: CoachingProgramme,
    command: str,
    at: pendulum.DateTime,
    choice: int,
) -> ReferralTransition:
    if command == "waitlist":
        return waitlist(referral, at=at)
    if command == "accept":
        coaches = programme.coaches_for(referral.language)
        coach = coaches[choice % len(coaches)]
        return accept(
            referral,
            programme,
            coach_id=coach.id,
            starts_on=at.date().add(days=choice % 3),
            caseload=(),
            at=at,
        )
    if command == "start":
        return start(referral, at=at)
    if command == "record_session":
        return record_session(referral, at=at)
    if command == "complete":
        findings = CoachingFindings(
            referral_id=referral.id,
            person_id=referral.person_id,
            coach_id=referral.coach_id or "coach-0",
            recorded_on=at.date(),
        )
        return complete(referral, findings, at=at)
    if command == "decline":
        return decline(referral, at=at)
    if command == "cancel":
        return cancel(referral, by="cw-1", at=at)
    assert command == "no_show"
    return no_show(referral, at=at)


def attempt(
    referral: CoachingReferral,
    programme: CoachingProgramme,
    command: str,
    at: pendulum.DateTime,
    choice: int,
) -> ReferralTransition | InvalidTransition:
    try:
        return run(referral, programme, command, at, choice)
    except InvalidTransition as error:
        return error


def expected_status(history: tuple[ReferralEvent, ...]) -> ReferralStatus:
    for event in reversed(history):
        if not isinstance(event, SessionHeld):
            return STATUS_AFTER[type(event)]
    raise AssertionError("a history starts with Referred")


@given(programme=coaching_programmes(), commands=referral_commands())
def test_any_command_sequence_raises_or_stays_consistent_with_its_events(
    programme: CoachingProgramme, commands: tuple[tuple[str, int, int], ...]
) -> None:
    """Every command either raises InvalidTransition or yields a referral its events rebuild."""
    language = sorted(programme.languages)[0]
    referral = refer(
        programme,
        id="r-1",
        person_id="p-1",
        referred_by="cw-1",
        reasons={NeedCategory.CHILDCARE},
        language=language,
        limited_mobility=True,
        at=START,
    ).referral
    clock = START
    for command, minutes, choice in commands:
        if command == "accept" and not programme.coaches_for(language):
            continue
        clock = clock.add(minutes=minutes)

        outcome = attempt(referral, programme, command, clock, choice)

        if isinstance(outcome, InvalidTransition):
            assert (referral.status.value, command) == (outcome.status, outcome.command)
            continue
        transition = outcome

        new = transition.referral
        assert (*referral.history, *transition.events) == new.history
        assert new == replay(new.history)
        assert expected_status(new.history) == new.status
        assert sum(isinstance(e, SessionHeld) for e in new.history) == new.sessions_held
        assert new.sessions_planned is None or new.sessions_held <= new.sessions_planned
        assert (new.coach_id is not None) == any(isinstance(e, Accepted) for e in new.history)
        referral = new


@given(programme=coaching_programmes(), data=st.data())
def test_allocation_never_exceeds_a_coachs_weekly_capacity(
    programme: CoachingProgramme, data: st.DataObject
) -> None:
    """After allocating, no coach holds more coachings than the weekly capacity."""
    caseload = data.draw(coaching_caseloads(programme))

    result = allocate_coaches(caseload, programme, at=START.add(days=15))

    loads = coach_loads(programme, result.referrals)
    for coach in programme.coaches:
        assert loads[coach.id] <= coach.weekly_capacity


@given(programme=coaching_programmes(), data=st.data())
def test_every_waiting_referral_is_placed_or_waits_never_lost_or_doubled(
    programme: CoachingProgramme, data: st.DataObject
) -> None:
    """Conservation: each waiting referral ends in exactly one outcome; others are untouched."""
    caseload = data.draw(coaching_caseloads(programme))
    waiting_before = [r.id for r in caseload if r.status.is_waiting]

    result = allocate_coaches(caseload, programme, at=START.add(days=15))

    placed = [a.referral_id for a in result.assignments]
    waiting = [w.referral_id for w in result.waiting]
    assert sorted(waiting_before) == sorted(placed + waiting)
    assert [r.id for r in caseload] == [r.id for r in result.referrals]
    for before, after in zip(caseload, result.referrals, strict=True):
        if not before.status.is_waiting:
            assert before == after
        elif after.id in placed:
            assert ReferralStatus.ACCEPTED == after.status
        else:
            assert ReferralStatus.WAITLISTED == after.status
        assert after == replay(after.history)


@given(programme=coaching_programmes(), data=st.data())
def test_allocation_does_not_depend_on_input_order(
    programme: CoachingProgramme, data: st.DataObject
) -> None:
    """The same referrals in another order get the same coaches and the same waitlist."""
    caseload = data.draw(coaching_caseloads(programme))
    shuffled = data.draw(st.permutations(caseload))
    at = START.add(days=15)

    first = allocate_coaches(caseload, programme, at=at)
    second = allocate_coaches(shuffled, programme, at=at)

    assert first.assignments == second.assignments
    assert first.waiting == second.waiting
    assert sorted(first.referrals, key=lambda r: r.id) == sorted(
        second.referrals, key=lambda r: r.id
    )


@given(programme=coaching_programmes(), data=st.data())
def test_nobody_waits_for_a_full_coach_while_a_lower_priority_got_one(
    programme: CoachingProgramme, data: st.DataObject
) -> None:
    """Placements and waitlist follow the priority order; 'full' means full at the end."""
    caseload = data.draw(coaching_caseloads(programme))
    at = START.add(days=15)

    result = allocate_coaches(caseload, programme, at=at)

    by_id = {r.id: r for r in caseload}
    on = at.date()
    keys = [coaching_priority(by_id[w.referral_id], on=on) for w in result.waiting]
    assert sorted(keys) == keys
    loads = coach_loads(programme, result.referrals)
    for w in result.waiting:
        if w.reason.code == "coaches_full":
            language = by_id[w.referral_id].language
            for coach in programme.coaches_for(language):
                assert loads[coach.id] == coach.weekly_capacity


@given(profile=needs_profiles(household_id="h-0"), data=st.data())
def test_applying_findings_keeps_every_observation_and_is_idempotent(
    profile: object, data: st.DataObject
) -> None:
    """Nothing is dropped, each finding is there with the coaching as a source, twice = once."""
    from jobcenter_core.needs import NeedsProfile

    assert isinstance(profile, NeedsProfile)
    found = data.draw(st.lists(coaching_need_findings("m-0"), max_size=4))
    findings = CoachingFindings(
        referral_id="r-1",
        person_id="m-0",
        coach_id="coach-0",
        recorded_on=pendulum.date(2022, 7, 11),
        needs=found,
    )

    updated = apply_findings(profile, findings)

    for need in profile:
        merged = updated.get(need.subject, need.category)
        assert merged is not None
        assert set(need.trail) <= set(merged.trail)
    for finding in findings.needs:
        merged = updated.get(finding.subject, finding.category)
        assert merged is not None
        assert any(o.by.kind is EvidenceKind.COACHING and o.by.id == "r-1" for o in merged.trail)
    assert updated == apply_findings(updated, findings)


FIT_RANK = {CoachingFit.UNSUITABLE: 0, CoachingFit.ACCEPTABLE: 1, CoachingFit.GOOD: 2}


@settings(max_examples=50)
@given(
    household=households(),
    programme=coaching_programmes(),
    mobility=mobilities(),
    on=reference_dates(),
)
def test_online_delivery_is_never_a_worse_fit_than_in_person(
    household: object, programme: CoachingProgramme, mobility: object, on: pendulum.Date
) -> None:
    """For any person, the online variant of a programme fits at least as well."""
    from jobcenter_core.coaching import Mobility
    from jobcenter_core.households import Household

    assert isinstance(household, Household) and isinstance(mobility, Mobility)
    person = household.members[0].person
    online = CoachingProgramme(
        id=programme.id,
        provider=programme.provider,
        languages=programme.languages,
        delivery=Delivery.ONLINE,
        coaches=programme.coaches,
        sessions_per_coaching=programme.sessions_per_coaching,
        legal_basis=programme.legal_basis,
    )
    in_person = CoachingProgramme(
        id=programme.id,
        provider=programme.provider,
        languages=programme.languages,
        delivery=Delivery.IN_PERSON,
        coaches=programme.coaches,
        sessions_per_coaching=programme.sessions_per_coaching,
        legal_basis=programme.legal_basis,
    )

    fit_online = referral_fit(person, household, online, on=on, mobility=mobility)
    fit_in_person = referral_fit(person, household, in_person, on=on, mobility=mobility)

    assert FIT_RANK[fit_online.value] >= FIT_RANK[fit_in_person.value]
    assert fit_online.reasons


@pytest.mark.slow
@settings(max_examples=2000)
@given(programme=coaching_programmes(), data=st.data())
def test_allocation_capacity_and_conservation_long_run(
    programme: CoachingProgramme, data: st.DataObject
) -> None:
    """The capacity and conservation properties over many more caseloads."""
    caseload = data.draw(coaching_caseloads(programme, max_size=40))

    result = allocate_coaches(caseload, programme, at=START.add(days=15))

    loads = coach_loads(programme, result.referrals)
    assert all(loads[c.id] <= c.weekly_capacity for c in programme.coaches)
    assert sorted(r.id for r in caseload if r.status.is_waiting) == sorted(
        [a.referral_id for a in result.assignments] + [w.referral_id for w in result.waiting]
    )
