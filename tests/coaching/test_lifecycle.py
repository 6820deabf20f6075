"""The referral lifecycle: commands, events, replay, and what no command may do
(coaching/lifecycle.py, coaching/referral.py, coaching/events.py)."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pendulum
import pytest
from hypothesis import given

from jobcenter_core import coaching, enrolment
from jobcenter_core.coaching import (
    Accepted,
    Coach,
    CoachingFindings,
    CoachingProgramme,
    CoachingReferral,
    Completed,
    NoShow,
    ReferralCancelled,
    ReferralDeclined,
    ReferralEvent,
    ReferralStatus,
    ReferralTransition,
    ReferralWaitlisted,
    Referred,
    SessionHeld,
    Started,
    accept_referral,
    cancel_referral,
    coach_loads,
    complete_coaching,
    decline_referral,
    record_no_show,
    record_session,
    refer,
    replay_referral,
    start_coaching,
    waitlist_referral,
)
from jobcenter_core.dates import at_berlin
from jobcenter_core.decisions import sgb2
from jobcenter_core.errors import InvalidInput, InvalidTransition
from jobcenter_core.needs import (
    Finding,
    NeedCategory,
)
from jobcenter_core.strategies import (
    coaching_programmes,
    referral_commands,
)

SECTION_16K = (sgb2("16k"),)
START = pendulum.datetime(2022, 6, 20, 9, tz="Europe/Berlin")


@pytest.fixture
def in_progress_with_one_session(
    accepted: Callable[..., CoachingReferral],
) -> Callable[[], CoachingReferral]:
    """A referral accepted, started on 27 June and with its first session held."""

    def build() -> CoachingReferral:
        running = start_coaching(accepted(), at=at_berlin(2022, 6, 27, 10)).referral
        return record_session(running, at=at_berlin(2022, 6, 27, 11)).referral

    return build


def findings_for(referral: CoachingReferral, *needs: Finding) -> CoachingFindings:
    return CoachingFindings(
        referral_id=referral.id,
        person_id=referral.person_id,
        coach_id="coach-1",
        recorded_on=pendulum.date(2022, 7, 11),
        needs=needs,
    )


# --- the commands -----------------------------------------------------------------------


def test_referral_runs_from_referral_to_findings(accepted: Callable[..., CoachingReferral]) -> None:
    """Refer, accept, start, three sessions, complete: each step is an event in the history."""
    referral = accepted()
    referral = start_coaching(referral, at=at_berlin(2022, 6, 27, 10)).referral
    for day in (27, 28, 29):
        referral = record_session(referral, at=at_berlin(2022, 6, day, 11)).referral

    done = complete_coaching(referral, findings_for(referral), at=at_berlin(2022, 7, 11, 9))

    assert ReferralStatus.COMPLETED == done.referral.status
    assert 3 == done.referral.sessions_held
    assert [Referred, Accepted, Started, SessionHeld, SessionHeld, SessionHeld, Completed] == [
        type(e) for e in done.referral.history
    ]
    assert done.referral == replay_referral(done.referral.history)


def test_accepting_with_a_full_coach_is_an_invalid_transition(
    programme: Callable[..., CoachingProgramme],
    referred: Callable[..., CoachingReferral],
    accepted: Callable[..., CoachingReferral],
) -> None:
    """A coach with two coachings and a weekly capacity of two takes no third."""
    full = [accepted(referred(f"r-{i}", person_id=f"p-{i}")) for i in (2, 3)]

    with pytest.raises(InvalidTransition) as raised:
        accept_referral(
            referred(),
            programme(),
            coach_id="coach-1",
            starts_on=pendulum.date(2022, 6, 27),
            caseload=full,
            at=at_berlin(2022, 6, 23, 9),
        )

    assert ("referred", "accept") == (raised.value.status, raised.value.command)


def test_a_finished_coaching_frees_the_coachs_place(
    programme: Callable[..., CoachingProgramme],
    referred: Callable[..., CoachingReferral],
    accepted: Callable[..., CoachingReferral],
) -> None:
    """Completed, declined or no-show coachings no longer count towards a coach's load."""
    ended = [
        record_no_show(
            accepted(referred("r-2", person_id="p-2")), at=at_berlin(2022, 6, 27, 9)
        ).referral,
        decline_referral(
            accepted(referred("r-3", person_id="p-3")), at=at_berlin(2022, 6, 27, 9)
        ).referral,
    ]

    loads = coach_loads(programme(), ended)

    assert {"coach-1": 0} == dict(loads)


def test_coach_who_does_not_speak_the_language_is_an_input_error(
    programme: Callable[..., CoachingProgramme], referred: Callable[..., CoachingReferral]
) -> None:
    """A Russian-only coach cannot take a coaching in Ukrainian."""
    prog = programme(
        languages=frozenset({"uk", "ru"}),
        coaches=(Coach(id="coach-ru", languages=frozenset({"ru"}), weekly_capacity=3),),
    )

    with pytest.raises(InvalidInput):
        accept_referral(
            referred(prog=prog),
            prog,
            coach_id="coach-ru",
            starts_on=pendulum.date(2022, 6, 27),
            caseload=(),
            at=at_berlin(2022, 6, 23, 9),
        )


def test_completed_coaching_cannot_be_accepted_again(
    in_progress_with_one_session: Callable[[], CoachingReferral],
) -> None:
    """A finished referral takes no further command; the error names status and command."""
    referral = in_progress_with_one_session()
    done = complete_coaching(
        referral, findings_for(referral), at=at_berlin(2022, 7, 11, 9)
    ).referral

    with pytest.raises(InvalidTransition) as raised:
        waitlist_referral(done, at=at_berlin(2022, 7, 12, 9))

    assert ("completed", "waitlist") == (raised.value.status, raised.value.command)


def test_declining_holistic_coaching_records_that_no_sanction_attaches(
    programme: Callable[..., CoachingProgramme], referred: Callable[..., CoachingReferral]
) -> None:
    """Under § 16k Abs. 4 SGB II refusing the coaching carries no sanction: it is recorded."""
    prog = programme(legal_basis=SECTION_16K)
    referral = referred(prog=prog, at=at_berlin(2023, 9, 1, 10))

    declined = decline_referral(referral, at=at_berlin(2023, 9, 4, 10)).referral

    assert ReferralStatus.DECLINED == declined.status
    assert declined.outcome is not None
    assert "no_sanctions_attach" == declined.outcome.code
    assert "SGB II § 16k Abs. 4" == str(declined.outcome.reference)


def test_declining_a_voluntary_referral_under_section_16_carries_no_sanction(
    accepted: Callable[..., CoachingReferral],
) -> None:
    """A 2022 referral under § 16 with § 45 SGB III is voluntary: declining has no sanction."""
    declined = decline_referral(accepted(), at=at_berlin(2022, 6, 24, 10)).referral

    assert declined.outcome is not None
    assert "no_sanctions_attach" == declined.outcome.code
    assert "SGB II § 31 Abs. 1 S. 1 Nr. 3" == str(declined.outcome.reference)


def test_coaching_cannot_start_before_the_agreed_day(
    accepted: Callable[..., CoachingReferral],
) -> None:
    """Accepted from 27 June, the coaching cannot start on 24 June."""
    with pytest.raises(InvalidTransition, match="before the agreed start"):
        start_coaching(accepted(), at=at_berlin(2022, 6, 24, 10))


def test_a_coaching_holds_no_more_sessions_than_planned(
    in_progress_with_one_session: Callable[[], CoachingReferral],
) -> None:
    """A coaching of three sessions records no fourth."""
    referral = in_progress_with_one_session()
    referral = record_session(referral, at=at_berlin(2022, 6, 28, 11)).referral
    referral = record_session(referral, at=at_berlin(2022, 6, 29, 11)).referral

    with pytest.raises(InvalidTransition, match="every planned session"):
        record_session(referral, at=at_berlin(2022, 6, 30, 11))


def test_coaching_without_a_session_cannot_be_completed(
    accepted: Callable[..., CoachingReferral],
) -> None:
    """Findings need at least one session."""
    running = start_coaching(accepted(), at=at_berlin(2022, 6, 27, 10)).referral

    with pytest.raises(InvalidTransition, match="no session held"):
        complete_coaching(running, findings_for(running), at=at_berlin(2022, 6, 27, 12))


def test_findings_about_another_person_are_an_input_error(
    in_progress_with_one_session: Callable[[], CoachingReferral],
) -> None:
    """A coach's findings must be about the referred person and from the referral's coach."""
    referral = in_progress_with_one_session()
    wrong = attrs.evolve(findings_for(referral), person_id="p-9", coach_id="coach-9")

    with pytest.raises(InvalidInput) as raised:
        complete_coaching(referral, wrong, at=at_berlin(2022, 7, 11, 9))

    assert ["$.findings.person_id", "$.findings.coach_id"] == [
        p.path for p in raised.value.problems
    ]


def test_a_command_cannot_go_back_in_time(accepted: Callable[..., CoachingReferral]) -> None:
    """An instant before the referral's latest event is refused."""
    with pytest.raises(InvalidTransition, match="before the referral's latest event"):
        cancel_referral(accepted(), by="cw-1", at=at_berlin(2022, 6, 22, 9))


def test_no_show_ends_an_accepted_coaching(
    referred: Callable[..., CoachingReferral], accepted: Callable[..., CoachingReferral]
) -> None:
    """A person who does not come ends the coaching; a waiting referral cannot no-show."""
    gone = record_no_show(accepted(), at=at_berlin(2022, 6, 27, 11)).referral

    assert ReferralStatus.NO_SHOW == gone.status
    with pytest.raises(InvalidTransition):
        record_no_show(referred(), at=at_berlin(2022, 6, 27, 11))


def test_replaying_a_history_with_an_illegal_step_fails(
    accepted: Callable[..., CoachingReferral],
) -> None:
    """A history that no sequence of commands could make does not replay."""
    referral = accepted()
    started = Started(referral_id=referral.id, at=at_berlin(2022, 6, 27, 10))

    with pytest.raises(InvalidTransition):
        replay_referral((*referral.history, started, started))


def test_repr_of_a_referral_never_shows_its_reasons_or_findings(
    referred: Callable[..., CoachingReferral],
    in_progress_with_one_session: Callable[[], CoachingReferral],
) -> None:
    """Referral reasons and findings may be special-category data (Art. 9 GDPR)."""
    referral = referred(reasons=frozenset({NeedCategory.PSYCHOSOCIAL_SUPPORT}))
    running = in_progress_with_one_session()
    findings = findings_for(
        running,
        Finding(subject="p-1", category=NeedCategory.PSYCHOLOGICAL_COUNSELLING),
    )
    done = complete_coaching(running, findings, at=at_berlin(2022, 7, 11, 9))

    shown = repr(referral) + repr(done.referral) + repr(done.events) + repr(findings)

    assert "PSYCHO" not in shown


# --- any sequence of commands -----------------------------------------------------------


STATUS_AFTER: dict[type[ReferralEvent], ReferralStatus] = {
    Referred: ReferralStatus.REFERRED,
    ReferralWaitlisted: ReferralStatus.WAITLISTED,
    Accepted: ReferralStatus.ACCEPTED,
    Started: ReferralStatus.IN_PROGRESS,
    Completed: ReferralStatus.COMPLETED,
    ReferralDeclined: ReferralStatus.DECLINED,
    ReferralCancelled: ReferralStatus.CANCELLED,
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
        return waitlist_referral(referral, at=at)
    if command == "accept":
        coaches = programme.coaches_for(referral.language)
        coach = coaches[choice % len(coaches)]
        return accept_referral(
            referral,
            programme,
            coach_id=coach.id,
            starts_on=at.date().add(days=choice % 3),
            caseload=(),
            at=at,
        )
    if command == "start":
        return start_coaching(referral, at=at)
    if command == "record_session":
        return record_session(referral, at=at)
    if command == "complete":
        findings = CoachingFindings(
            referral_id=referral.id,
            person_id=referral.person_id,
            coach_id=referral.coach_id or "coach-0",
            recorded_on=at.date(),
        )
        return complete_coaching(referral, findings, at=at)
    if command == "decline":
        return decline_referral(referral, at=at)
    if command == "cancel":
        return cancel_referral(referral, by="cw-1", at=at)
    assert command == "no_show"
    return record_no_show(referral, at=at)


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
        assert new == replay_referral(new.history)
        assert expected_status(new.history) == new.status
        assert sum(isinstance(e, SessionHeld) for e in new.history) == new.sessions_held
        assert new.sessions_planned is None or new.sessions_held <= new.sessions_planned
        assert (new.coach_id is not None) == any(isinstance(e, Accepted) for e in new.history)
        referral = new


# --- names ------------------------------------------------------------------------------


def test_coaching_and_enrolment_share_no_name() -> None:
    """Enrolment's Waitlisted, Declined, cancel, replay … are not the coaching's."""
    shared = set(coaching.__all__) & set(enrolment.__all__)

    assert set() == shared


# --- pinned by mutation testing (issue 21) --------------------------------------------------


def test_an_event_of_another_referral_does_not_replay_into_this_one(
    accepted: Callable[..., CoachingReferral],
) -> None:
    """A referral's history holds its own events only: another referral's start is refused."""
    referral = accepted()
    elsewhere = Started(referral_id="r-other", at=at_berlin(2022, 6, 27, 10))

    with pytest.raises(InvalidInput, match="referral_id"):
        replay_referral((*referral.history, elsewhere))


def test_a_completed_coaching_keeps_the_coachs_findings(
    in_progress_with_one_session: Callable[[], CoachingReferral],
) -> None:
    """SGB II § 16 Abs. 1: the findings of the coaching are what it hands back to the case worker."""
    running = in_progress_with_one_session()
    findings = findings_for(
        running, Finding(subject=running.person_id, category=NeedCategory.HOUSING)
    )

    done = complete_coaching(running, findings, at=at_berlin(2022, 7, 11, 9)).referral

    assert findings == done.findings


def test_a_no_show_is_recorded_in_the_history(accepted: Callable[..., CoachingReferral]) -> None:
    """Every change is an event: the no-show too, so the history replays to it."""
    gone = record_no_show(accepted(), at=at_berlin(2022, 6, 27, 11)).referral

    assert (NoShow, gone) == (type(gone.history[-1]), replay_referral(gone.history))
