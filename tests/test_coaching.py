"""Coaching referrals: fit, lifecycle, waitlist order, coach allocation and findings."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest

from jobcenter_core.coaching import (
    Accepted,
    Coach,
    CoachingFindings,
    CoachingFit,
    CoachingProgramme,
    CoachingReferral,
    CoachingTargetGroup,
    Completed,
    Delivery,
    GermanCourse,
    GroupOfferTopic,
    Mobility,
    ReferralStatus,
    Referred,
    SessionHeld,
    Started,
    accept,
    allocate_coaches,
    apply_findings,
    cancel,
    coach_loads,
    coaching_priority,
    complete,
    decline,
    mobility_limited,
    no_show,
    record_session,
    refer,
    referral_fit,
    replay,
    start,
    waitlist,
)
from jobcenter_core.dates import at_berlin
from jobcenter_core.decisions import LegalReference
from jobcenter_core.errors import InvalidInput, InvalidPolicy, InvalidTransition
from jobcenter_core.households import (
    ChildCare,
    Household,
    Member,
    Relationship,
    RelationshipKind,
)
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.needs import (
    Evidence,
    EvidenceKind,
    Finding,
    Need,
    NeedCategory,
    NeedsProfile,
    NeedStatus,
    Urgency,
)
from jobcenter_core.offers import HasChildrenNeedingCare
from jobcenter_core.parameters import DEFAULT_POLICY, Dated
from jobcenter_core.people import (
    Person,
    ResidenceDocument,
    ResidenceStatus,
    Sex,
    WorkCapacity,
)
from jobcenter_core.rules import prioritise

ON = pendulum.date(2022, 6, 22)
AT = at_berlin(2022, 6, 22, 10)
NEAR = Mobility(has_transport=True, distance_to_centre_km=3)
SECTION_16K = (LegalReference(law="SGB II", section="16k"),)
MOTHER_BORN = pendulum.date(1988, 4, 12)
CHILD_BORN = pendulum.date(2019, 2, 10)


def ukrainian(id: str = "m", *, born: pendulum.Date = MOTHER_BORN, **changes: Any) -> Person:
    person = Person(
        id=id,
        birth_date=born,
        sex=Sex.FEMALE,
        languages=(LanguageSkill(language="uk", level=CefrLevel.NATIVE),),
        residence=ResidenceStatus(
            document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT,
            first_issued_on=pendulum.date(2022, 4, 1),
        ),
        identity_registered=True,
        identity_registered_on=pendulum.date(2022, 4, 1),
    )
    return attrs.evolve(person, **changes)


def mother_and_child(
    *,
    child_born: pendulum.Date = CHILD_BORN,
    care: ChildCare | None = ChildCare.NONE,
    mother: Person | None = None,
) -> tuple[Person, Household]:
    parent = mother if mother is not None else ukrainian()
    child = Person(id="c", birth_date=child_born, sex=Sex.MALE)
    household = Household(
        id="h-1",
        members=(
            Member(person=parent, primary_carer=True),
            Member(person=child, child_care=care),
        ),
        relationships=(Relationship(person="c", kind=RelationshipKind.CHILD, of="m"),),
    )
    return parent, household


def alone(person: Person) -> Household:
    return Household(id="h-1", members=(Member(person=person),))


def programme(
    *,
    delivery: Delivery = Delivery.ONLINE,
    coaches: tuple[Coach, ...] = (
        Coach(id="coach-1", languages=frozenset({"uk"}), weekly_capacity=2),
    ),
    languages: frozenset[str] = frozenset({"uk"}),
    **changes: Any,
) -> CoachingProgramme:
    built = CoachingProgramme(
        id="uk-online",
        provider="Werkakademie",
        languages=languages,
        delivery=delivery,
        coaches=coaches,
        sessions_per_coaching=3,
    )
    return attrs.evolve(built, **changes)


def referred(
    id: str = "r-1",
    *,
    person_id: str = "p-1",
    reasons: frozenset[NeedCategory] = frozenset({NeedCategory.GERMAN_LANGUAGE}),
    limited_mobility: bool = False,
    at: pendulum.DateTime = AT,
    language: str = "uk",
    prog: CoachingProgramme | None = None,
) -> CoachingReferral:
    return refer(
        prog if prog is not None else programme(),
        id=id,
        person_id=person_id,
        referred_by="cw-1",
        reasons=reasons,
        language=language,
        limited_mobility=limited_mobility,
        at=at,
    ).referral


def accepted(referral: CoachingReferral | None = None) -> CoachingReferral:
    return accept(
        referral if referral is not None else referred(),
        programme(),
        coach_id="coach-1",
        starts_on=pendulum.date(2022, 6, 27),
        caseload=(),
        at=at_berlin(2022, 6, 23, 9),
    ).referral


def in_progress_with_one_session() -> CoachingReferral:
    running = start(accepted(), at=at_berlin(2022, 6, 27, 10)).referral
    return record_session(running, at=at_berlin(2022, 6, 27, 11)).referral


def findings_for(referral: CoachingReferral, *needs: Finding) -> CoachingFindings:
    return CoachingFindings(
        referral_id=referral.id,
        person_id=referral.person_id,
        coach_id="coach-1",
        recorded_on=pendulum.date(2022, 7, 11),
        needs=needs,
    )


# --- fit --------------------------------------------------------------------------------


def test_mother_without_kita_place_is_a_good_fit_for_online_coaching() -> None:
    """A Ukrainian mother whose three-year-old has no Kita place fits the online coaching."""
    mother, household = mother_and_child()

    fit = referral_fit(mother, household, programme(), on=ON, mobility=NEAR)

    assert CoachingFit.GOOD == fit.value
    assert "caring_for_child_without_care_place" in fit.codes
    assert "online_suits_limited_mobility" in fit.codes
    assert "language_match" in fit.codes


def test_mother_without_kita_place_is_only_an_acceptable_fit_for_in_person_coaching() -> None:
    """Held in person, the same coaching would make her travel: acceptable, not good."""
    mother, household = mother_and_child()

    fit = referral_fit(
        mother, household, programme(delivery=Delivery.IN_PERSON), on=ON, mobility=NEAR
    )

    assert CoachingFit.ACCEPTABLE == fit.value
    assert "in_person_despite_limited_mobility" in fit.codes


def test_missing_kita_place_points_to_the_kita_entitlement() -> None:
    """A child past its third year without a place is entitled to one: the reason says so."""
    mother, household = mother_and_child()

    limited = mobility_limited(mother, household, on=ON, mobility=NEAR)

    [entitlement] = [r for r in limited.reasons if r.code == "care_place_entitlement"]
    assert "SGB VIII § 24 Abs. 3" == str(entitlement.reference)


def test_child_with_kita_place_does_not_limit_mobility() -> None:
    """A mother whose child is in a Kita, with transport and near the centre, is mobile."""
    mother, household = mother_and_child(care=ChildCare.KITA)

    limited = mobility_limited(mother, household, on=ON, mobility=NEAR)

    assert limited.value is False
    assert ("children_cared_for", "has_transport", "near_centre") == limited.codes


def test_child_of_fourteen_needs_no_care_place() -> None:
    """From the completed 14th year a child needs no secured care (local parameter)."""
    mother, household = mother_and_child(child_born=pendulum.date(2008, 1, 1))

    limited = mobility_limited(mother, household, on=ON, mobility=NEAR)

    assert limited.value is False
    assert "no_child_needing_care" in limited.codes


def test_partner_who_is_primary_carer_frees_the_other_parent() -> None:
    """When the partner is the children's primary carer, the other parent is not bound."""
    father = attrs.evolve(ukrainian("f"), sex=Sex.MALE)
    _, household = mother_and_child()
    household = attrs.evolve(
        household,
        members=(Member(person=father), *household.members),
        relationships=(
            *household.relationships,
            Relationship(person="c", kind=RelationshipKind.CHILD, of="f"),
            Relationship(person="f", kind=RelationshipKind.SPOUSE, of="m"),
        ),
    )

    limited = mobility_limited(father, household, on=ON, mobility=NEAR)

    assert limited.value is False
    assert "other_parent_cares" in limited.codes


def test_unrecorded_child_care_is_presumed_missing_and_said_so() -> None:
    """Care not recorded is presumed missing, and the presumption is listed."""
    mother, household = mother_and_child(care=None)

    limited = mobility_limited(mother, household, on=ON, mobility=NEAR)

    assert limited.value is True
    assert ["child_care"] == [m.fact for m in limited.missing]


def test_no_transport_limits_mobility() -> None:
    """Without a way to get to the centre, mobility is limited."""
    person = ukrainian()

    limited = mobility_limited(
        person,
        alone(person),
        on=ON,
        mobility=Mobility(has_transport=False, distance_to_centre_km=2),
    )

    assert limited.value is True
    assert "no_transport" in limited.codes


@pytest.mark.parametrize(
    ("distance", "expected"),
    [(10.0, False), (10.5, True), (40.0, True), (0.0, False)],
)
def test_living_more_than_ten_km_from_the_centre_limits_mobility(
    distance: float, expected: bool
) -> None:
    """Farther than the local threshold (10 km) from the centre limits mobility."""
    person = ukrainian()
    mobility = Mobility(has_transport=True, distance_to_centre_km=distance)

    limited = mobility_limited(person, alone(person), on=ON, mobility=mobility)

    assert expected == limited.value


def test_unknown_mobility_facts_are_listed_as_presumptions() -> None:
    """Transport and distance not asked: presumed not limiting, and listed as missing."""
    person = ukrainian()

    limited = mobility_limited(
        person,
        alone(person),
        on=ON,
        mobility=Mobility(has_transport=None, distance_to_centre_km=None),
    )

    assert limited.value is False
    assert ["has_transport", "distance_to_centre_km"] == [m.fact for m in limited.missing]


def test_distance_threshold_is_policy() -> None:
    """A policy with a 5 km threshold makes 8 km far."""
    person = ukrainian()
    policy = attrs.evolve(
        DEFAULT_POLICY, coaching_far_from_centre_km=Dated.always(5.0, note="test")
    )
    mobility = Mobility(has_transport=True, distance_to_centre_km=8)

    limited = mobility_limited(person, alone(person), on=ON, mobility=mobility, policy=policy)

    assert limited.value is True


def test_person_speaking_only_russian_does_not_fit_a_ukrainian_coaching() -> None:
    """The coaching is held in Ukrainian; a Russian speaker without Ukrainian does not fit."""
    person = ukrainian(languages=(LanguageSkill(language="ru", level=CefrLevel.NATIVE),))

    fit = referral_fit(person, alone(person), programme(), on=ON, mobility=NEAR)

    assert CoachingFit.UNSUITABLE == fit.value
    assert "no_shared_language" in fit.codes


def test_ukrainian_below_b1_is_not_enough_for_coaching() -> None:
    """A language counts at the level that makes an interpreter unnecessary (B1)."""
    person = ukrainian(languages=(LanguageSkill(language="uk", level=CefrLevel.A2),))

    fit = referral_fit(person, alone(person), programme(), on=ON, mobility=NEAR)

    assert CoachingFit.UNSUITABLE == fit.value


def test_programme_language_without_a_coach_does_not_fit() -> None:
    """A programme language no coach speaks cannot carry the coaching."""
    prog = programme(
        languages=frozenset({"uk", "ru"}),
        coaches=(Coach(id="coach-1", languages=frozenset({"uk"}), weekly_capacity=2),),
    )
    person = ukrainian(languages=(LanguageSkill(language="ru", level=CefrLevel.C1),))

    fit = referral_fit(person, alone(person), prog, on=ON, mobility=NEAR)

    assert CoachingFit.UNSUITABLE == fit.value
    assert "no_coach_for_language" in fit.codes


def test_person_unable_to_work_three_hours_is_outside_the_target_group() -> None:
    """An integration measure is for employable persons (SGB II § 8, § 16)."""
    person = ukrainian(work_capacity=WorkCapacity(hours_per_day=2, assessed_on=ON))

    fit = referral_fit(person, alone(person), programme(), on=ON, mobility=NEAR)

    assert CoachingFit.UNSUITABLE == fit.value
    assert "outside_target_group" in fit.codes


def test_before_the_switch_to_sgb_ii_a_refugee_is_outside_the_target_group() -> None:
    """Before 2022-06-01 a § 24 permit holder received AsylbLG, not SGB II."""
    person = ukrainian()

    fit = referral_fit(
        person, alone(person), programme(), on=pendulum.date(2022, 5, 20), mobility=NEAR
    )

    assert CoachingFit.UNSUITABLE == fit.value
    assert "regime_outside_target_group" in fit.codes


def test_section_16k_programme_before_july_2023_has_no_legal_basis() -> None:
    """§ 16k SGB II is in force from 2023-07-01 only."""
    person = ukrainian()

    fit = referral_fit(
        person, alone(person), programme(legal_basis=SECTION_16K), on=ON, mobility=NEAR
    )

    assert CoachingFit.UNSUITABLE == fit.value
    assert "legal_basis_not_in_force" in fit.codes


def test_online_section_16k_coaching_is_flagged_as_uncertain() -> None:
    """Whether online coaching qualifies under § 16k is uncertain: the decision says so."""
    person = ukrainian()

    fit = referral_fit(
        person,
        alone(person),
        programme(legal_basis=SECTION_16K),
        on=pendulum.date(2023, 9, 1),
        mobility=NEAR,
    )

    assert CoachingFit.GOOD == fit.value
    assert "online_section_16k_uncertain" in fit.codes
    assert "online_delivery_under_section_16k" in [m.fact for m in fit.missing]


def test_person_outside_the_household_is_an_input_error() -> None:
    """Fit is judged for a member of the household given."""
    _, household = mother_and_child()

    with pytest.raises(InvalidInput):
        referral_fit(ukrainian("x"), household, programme(), on=ON, mobility=NEAR)


# --- lifecycle --------------------------------------------------------------------------


def test_referral_runs_from_referral_to_findings() -> None:
    """Refer, accept, start, three sessions, complete: each step is an event in the history."""
    referral = accepted()
    referral = start(referral, at=at_berlin(2022, 6, 27, 10)).referral
    for day in (27, 28, 29):
        referral = record_session(referral, at=at_berlin(2022, 6, day, 11)).referral

    done = complete(referral, findings_for(referral), at=at_berlin(2022, 7, 11, 9))

    assert ReferralStatus.COMPLETED == done.referral.status
    assert 3 == done.referral.sessions_held
    assert [Referred, Accepted, Started, SessionHeld, SessionHeld, SessionHeld, Completed] == [
        type(e) for e in done.referral.history
    ]
    assert done.referral == replay(done.referral.history)


def test_accepting_with_a_full_coach_is_an_invalid_transition() -> None:
    """A coach with two coachings and a weekly capacity of two takes no third."""
    full = [accepted(referred(f"r-{i}", person_id=f"p-{i}")) for i in (2, 3)]

    with pytest.raises(InvalidTransition) as raised:
        accept(
            referred(),
            programme(),
            coach_id="coach-1",
            starts_on=pendulum.date(2022, 6, 27),
            caseload=full,
            at=at_berlin(2022, 6, 23, 9),
        )

    assert ("referred", "accept") == (raised.value.status, raised.value.command)


def test_a_finished_coaching_frees_the_coachs_place() -> None:
    """Completed, declined or no-show coachings no longer count towards a coach's load."""
    ended = [
        no_show(accepted(referred("r-2", person_id="p-2")), at=at_berlin(2022, 6, 27, 9)).referral,
        decline(accepted(referred("r-3", person_id="p-3")), at=at_berlin(2022, 6, 27, 9)).referral,
    ]

    loads = coach_loads(programme(), ended)

    assert {"coach-1": 0} == dict(loads)


def test_coach_who_does_not_speak_the_language_is_an_input_error() -> None:
    """A Russian-only coach cannot take a coaching in Ukrainian."""
    prog = programme(
        languages=frozenset({"uk", "ru"}),
        coaches=(Coach(id="coach-ru", languages=frozenset({"ru"}), weekly_capacity=3),),
    )

    with pytest.raises(InvalidInput):
        accept(
            referred(prog=prog),
            prog,
            coach_id="coach-ru",
            starts_on=pendulum.date(2022, 6, 27),
            caseload=(),
            at=at_berlin(2022, 6, 23, 9),
        )


def test_completed_coaching_cannot_be_accepted_again() -> None:
    """A finished referral takes no further command; the error names status and command."""
    referral = in_progress_with_one_session()
    done = complete(referral, findings_for(referral), at=at_berlin(2022, 7, 11, 9)).referral

    with pytest.raises(InvalidTransition) as raised:
        waitlist(done, at=at_berlin(2022, 7, 12, 9))

    assert ("completed", "waitlist") == (raised.value.status, raised.value.command)


def test_declining_holistic_coaching_records_that_no_sanction_attaches() -> None:
    """Under § 16k Abs. 4 SGB II refusing the coaching carries no sanction: it is recorded."""
    prog = programme(legal_basis=SECTION_16K)
    referral = referred(prog=prog, at=at_berlin(2023, 9, 1, 10))

    declined = decline(referral, at=at_berlin(2023, 9, 4, 10)).referral

    assert ReferralStatus.DECLINED == declined.status
    assert declined.outcome is not None
    assert "no_sanctions_attach" == declined.outcome.code
    assert "SGB II § 16k Abs. 4" == str(declined.outcome.reference)


def test_declining_a_voluntary_referral_under_section_16_carries_no_sanction() -> None:
    """A 2022 referral under § 16 with § 45 SGB III is voluntary: declining has no sanction."""
    declined = decline(accepted(), at=at_berlin(2022, 6, 24, 10)).referral

    assert declined.outcome is not None
    assert "no_sanctions_attach" == declined.outcome.code
    assert "SGB II § 31 Abs. 1 S. 1 Nr. 3" == str(declined.outcome.reference)


def test_coaching_cannot_start_before_the_agreed_day() -> None:
    """Accepted from 27 June, the coaching cannot start on 24 June."""
    with pytest.raises(InvalidTransition, match="before the agreed start"):
        start(accepted(), at=at_berlin(2022, 6, 24, 10))


def test_no_more_sessions_than_planned() -> None:
    """A coaching of three sessions records no fourth."""
    referral = in_progress_with_one_session()
    referral = record_session(referral, at=at_berlin(2022, 6, 28, 11)).referral
    referral = record_session(referral, at=at_berlin(2022, 6, 29, 11)).referral

    with pytest.raises(InvalidTransition, match="every planned session"):
        record_session(referral, at=at_berlin(2022, 6, 30, 11))


def test_coaching_without_a_session_cannot_be_completed() -> None:
    """Findings need at least one session."""
    running = start(accepted(), at=at_berlin(2022, 6, 27, 10)).referral

    with pytest.raises(InvalidTransition, match="no session held"):
        complete(running, findings_for(running), at=at_berlin(2022, 6, 27, 12))


def test_findings_about_another_person_are_an_input_error() -> None:
    """A coach's findings must be about the referred person and from the referral's coach."""
    referral = in_progress_with_one_session()
    wrong = attrs.evolve(findings_for(referral), person_id="p-9", coach_id="coach-9")

    with pytest.raises(InvalidInput) as raised:
        complete(referral, wrong, at=at_berlin(2022, 7, 11, 9))

    assert ["$.findings.person_id", "$.findings.coach_id"] == [
        p.path for p in raised.value.problems
    ]


def test_a_command_cannot_go_back_in_time() -> None:
    """An instant before the referral's latest event is refused."""
    with pytest.raises(InvalidTransition, match="before the referral's latest event"):
        cancel(accepted(), by="cw-1", at=at_berlin(2022, 6, 22, 9))


def test_no_show_ends_an_accepted_coaching() -> None:
    """A person who does not come ends the coaching; a waiting referral cannot no-show."""
    gone = no_show(accepted(), at=at_berlin(2022, 6, 27, 11)).referral

    assert ReferralStatus.NO_SHOW == gone.status
    with pytest.raises(InvalidTransition):
        no_show(referred(), at=at_berlin(2022, 6, 27, 11))


def test_replaying_a_history_with_an_illegal_step_fails() -> None:
    """A history that no sequence of commands could make does not replay."""
    referral = accepted()
    started = Started(referral_id=referral.id, at=at_berlin(2022, 6, 27, 10))

    with pytest.raises(InvalidTransition):
        replay((*referral.history, started, started))


def test_repr_of_a_referral_never_shows_its_reasons_or_findings() -> None:
    """Referral reasons and findings may be special-category data (Art. 9 GDPR)."""
    referral = referred(reasons=frozenset({NeedCategory.PSYCHOSOCIAL_SUPPORT}))
    running = in_progress_with_one_session()
    findings = findings_for(
        running,
        Finding(subject="p-1", category=NeedCategory.PSYCHOLOGICAL_COUNSELLING),
    )
    done = complete(running, findings, at=at_berlin(2022, 7, 11, 9))

    shown = repr(referral) + repr(done.referral) + repr(done.events) + repr(findings)

    assert "PSYCHO" not in shown


def test_repr_of_mobility_never_shows_the_distance() -> None:
    """The distance from home is a residence detail."""
    shown = repr(Mobility(has_transport=True, distance_to_centre_km=17.25))

    assert "17.25" not in shown


# --- priority and allocation ------------------------------------------------------------


def test_limited_mobility_comes_first_on_the_coaches_waitlist() -> None:
    """A later referral with limited mobility goes before an earlier one without."""
    early = referred("r-1", at=at_berlin(2022, 6, 20, 9))
    late_limited = referred("r-2", limited_mobility=True, at=at_berlin(2022, 6, 22, 9))

    ordered = sorted([early, late_limited], key=lambda r: coaching_priority(r, on=ON))

    assert ["r-2", "r-1"] == [r.id for r in ordered]


def test_blocking_need_comes_before_waiting_time() -> None:
    """Among equally mobile persons, a childcare need goes before an earlier German need."""
    early = referred("r-1", at=at_berlin(2022, 6, 20, 9))
    blocking = referred(
        "r-2", reasons=frozenset({NeedCategory.CHILDCARE}), at=at_berlin(2022, 6, 22, 9)
    )

    ordered = sorted([early, blocking], key=lambda r: coaching_priority(r, on=ON))

    assert ["r-2", "r-1"] == [r.id for r in ordered]


def test_among_equals_the_earlier_referral_goes_first_then_the_id() -> None:
    """Waiting time decides among equals, and the id decides a tie."""
    a = referred("r-b", at=at_berlin(2022, 6, 20, 9))
    b = referred("r-a", at=at_berlin(2022, 6, 20, 9))
    c = referred("r-0", at=at_berlin(2022, 6, 21, 9))

    ordered = sorted([c, a, b], key=lambda r: coaching_priority(r, on=ON))

    assert ["r-a", "r-b", "r-0"] == [r.id for r in ordered]


def test_in_the_hour_the_clocks_go_back_the_earlier_referral_goes_first() -> None:
    """Waiting time counts by the actual instant: 02:30 CEST is before 02:15 CET."""
    earlier = referred("r-b", at=pendulum.datetime(2022, 10, 30, 0, 30, tz="UTC"))
    later = referred("r-a", at=pendulum.datetime(2022, 10, 30, 1, 15, tz="UTC"))

    ordered = sorted([later, earlier], key=lambda r: coaching_priority(r, on=ON))

    assert (2, 15) == (later.referred_at.hour, later.referred_at.minute)
    assert ["r-b", "r-a"] == [r.id for r in ordered]


def test_policy_can_order_the_waitlist_first_come_first_served() -> None:
    """The ordering is named in the policy; 'first_come' ignores mobility and needs."""
    policy = attrs.evolve(DEFAULT_POLICY, coaching_priority=Dated.always("first_come", note="t"))
    early = referred("r-1", at=at_berlin(2022, 6, 20, 9))
    late_limited = referred("r-2", limited_mobility=True, at=at_berlin(2022, 6, 22, 9))

    ordered = sorted(
        [late_limited, early], key=lambda r: coaching_priority(r, on=ON, policy=policy)
    )

    assert ["r-1", "r-2"] == [r.id for r in ordered]


def test_unknown_ordering_name_is_an_invalid_policy() -> None:
    """A policy naming an ordering that does not exist is refused."""
    policy = attrs.evolve(DEFAULT_POLICY, coaching_priority=Dated.always("lottery", note="t"))

    with pytest.raises(InvalidPolicy):
        coaching_priority(referred(), on=ON, policy=policy)


def test_allocation_fills_coaches_up_to_their_weekly_capacity() -> None:
    """Two coaches of capacity 2 and 1 take three of five referrals; two wait in order."""
    prog = programme(
        coaches=(
            Coach(id="coach-1", languages=frozenset({"uk"}), weekly_capacity=2),
            Coach(id="coach-2", languages=frozenset({"uk"}), weekly_capacity=1),
        )
    )
    referrals = [
        referred(f"r-{i}", person_id=f"p-{i}", at=at_berlin(2022, 6, 20, 9 + i), prog=prog)
        for i in range(5)
    ]

    result = allocate_coaches(referrals, prog, at=at_berlin(2022, 6, 23, 9))

    assert [("r-0", "coach-1"), ("r-1", "coach-1"), ("r-2", "coach-2")] == sorted(
        (a.referral_id, a.coach_id) for a in result.assignments
    )
    assert ["r-3", "r-4"] == [w.referral_id for w in result.waiting]
    assert {"coach-1": 2, "coach-2": 1} == dict(coach_loads(prog, result.referrals))


def test_allocation_gives_the_coach_with_most_free_places_first() -> None:
    """Load is spread: the coach with more free places takes the next referral."""
    prog = programme(
        coaches=(
            Coach(id="coach-1", languages=frozenset({"uk"}), weekly_capacity=1),
            Coach(id="coach-2", languages=frozenset({"uk"}), weekly_capacity=3),
        )
    )

    result = allocate_coaches([referred(prog=prog)], prog, at=at_berlin(2022, 6, 23, 9))

    assert "coach-2" == result.assignments[0].coach_id


def test_unplaced_new_referrals_are_waitlisted_with_a_reason() -> None:
    """A referral no coach can take is waitlisted, and the allocation says why."""
    prog = programme(languages=frozenset({"uk", "ru"}))
    referral = referred(language="ru", prog=prog)

    result = allocate_coaches([referral], prog, at=at_berlin(2022, 6, 23, 9))

    assert ReferralStatus.WAITLISTED == result.referrals[0].status
    assert "no_coach_for_language" == result.waiting[0].reason.code
    assert "r-1: waiting" in result.explain("r-1")


def test_person_already_coached_is_not_assigned_a_second_coach() -> None:
    """A second referral of a person with a running coaching waits."""
    running = accepted()
    again = referred("r-2", person_id=running.person_id, at=at_berlin(2022, 6, 24, 9))

    result = allocate_coaches([running, again], programme(), at=at_berlin(2022, 6, 24, 10))

    assert "already_in_coaching" == result.waiting[0].reason.code


def test_allocation_refuses_referrals_of_another_programme() -> None:
    """Referrals are allocated within their own programme."""
    other = attrs.evolve(referred(), programme_id="other")

    with pytest.raises(InvalidInput):
        allocate_coaches([other], programme(), at=at_berlin(2022, 6, 23, 9))


def test_allocation_events_replay_to_the_allocated_referrals() -> None:
    """The allocation's events are the referrals' new history entries."""
    referrals = [referred(f"r-{i}", person_id=f"p-{i}") for i in range(4)]

    result = allocate_coaches(referrals, programme(), at=at_berlin(2022, 6, 23, 9))

    for r in result.referrals:
        assert r == replay(r.history)
    assert len(result.events) == sum(len(r.history) - 1 for r in result.referrals)


# --- findings ---------------------------------------------------------------------------

C1 = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")


def consultation_profile() -> NeedsProfile:
    return NeedsProfile(
        household_id="h-1",
        needs=(
            Need(
                subject="m",
                category=NeedCategory.EMPLOYMENT,
                identified_on=pendulum.date(2022, 5, 30),
                identified_by=C1,
            ),
            Need(
                subject="m",
                category=NeedCategory.GERMAN_LANGUAGE,
                urgency=Urgency.LOW,
                identified_on=pendulum.date(2022, 5, 30),
                identified_by=C1,
            ),
        ),
    )


def coaching_findings(*needs: Finding) -> CoachingFindings:
    return CoachingFindings(
        referral_id="r-1",
        person_id="m",
        coach_id="coach-1",
        recorded_on=pendulum.date(2022, 7, 11),
        needs=needs,
        next_steps=(
            GermanCourse(target_level=CefrLevel.B1),
            GroupOfferTopic(
                topic="Leben und Arbeiten in Deutschland",
                categories=frozenset({NeedCategory.LIVING_AND_WORKING_IN_GERMANY}),
            ),
        ),
    )


def test_findings_add_new_needs_with_the_coaching_as_source() -> None:
    """A need the coach found becomes a need in the profile, identified by the coaching."""
    findings = coaching_findings(
        Finding(subject="m", category=NeedCategory.CHILDCARE, urgency=Urgency.HIGH)
    )

    updated = apply_findings(consultation_profile(), findings)

    need = updated.get("m", NeedCategory.CHILDCARE)
    assert need is not None
    assert Evidence(kind=EvidenceKind.COACHING, id="r-1") == need.identified_by
    assert pendulum.date(2022, 7, 11) == need.identified_on


def test_findings_refine_an_existing_need_and_keep_its_history() -> None:
    """The coach's later assessment sets the urgency; the consultation stays in the trail."""
    findings = coaching_findings(
        Finding(subject="m", category=NeedCategory.GERMAN_LANGUAGE, urgency=Urgency.HIGH)
    )

    updated = apply_findings(consultation_profile(), findings)

    need = updated.get("m", NeedCategory.GERMAN_LANGUAGE)
    assert need is not None
    assert Urgency.HIGH == need.urgency
    assert C1 == need.identified_by
    assert [C1, Evidence(kind=EvidenceKind.COACHING, id="r-1")] == list(need.sources)


def test_findings_never_drop_a_need() -> None:
    """Needs the coach did not mention stay in the profile as they were."""
    before = consultation_profile()

    updated = apply_findings(before, coaching_findings())

    assert before == updated


def test_applying_the_same_findings_twice_changes_nothing() -> None:
    """Findings are evidence: merging the same evidence twice is a no-op."""
    findings = coaching_findings(
        Finding(subject="m", category=NeedCategory.PSYCHOSOCIAL_SUPPORT, urgency=Urgency.ACUTE)
    )
    once = apply_findings(consultation_profile(), findings)

    twice = apply_findings(once, findings)

    assert once == twice


def test_next_plan_puts_an_acute_need_found_in_coaching_first() -> None:
    """After the coaching found an acute psychosocial need, the case worker's plan starts there."""
    _, household = mother_and_child()
    before = prioritise(consultation_profile(), household, on=pendulum.date(2022, 7, 12))
    findings = coaching_findings(
        Finding(subject="m", category=NeedCategory.PSYCHOSOCIAL_SUPPORT, urgency=Urgency.ACUTE),
        Finding(subject="m", category=NeedCategory.CHILDCARE, urgency=Urgency.HIGH),
    )

    after = prioritise(
        apply_findings(consultation_profile(), findings), household, on=pendulum.date(2022, 7, 12)
    )

    assert NeedCategory.GERMAN_LANGUAGE == before.value[0].need.category
    assert [
        NeedCategory.PSYCHOSOCIAL_SUPPORT,
        NeedCategory.CHILDCARE,
        NeedCategory.GERMAN_LANGUAGE,
        NeedCategory.EMPLOYMENT,
    ] == [step.need.category for step in after.value]


def test_a_need_the_coach_found_met_leaves_the_plan() -> None:
    """The coach reporting a need as met takes it out of the next plan."""
    _, household = mother_and_child()
    findings = coaching_findings(
        Finding(subject="m", category=NeedCategory.GERMAN_LANGUAGE, status=NeedStatus.MET)
    )

    plan = prioritise(
        apply_findings(consultation_profile(), findings), household, on=pendulum.date(2022, 7, 12)
    )

    assert [NeedCategory.EMPLOYMENT] == [step.need.category for step in plan.value]


def test_child_not_yet_born_needs_no_care_place() -> None:
    """A child born after the reference day does not bind the parent yet."""
    mother, household = mother_and_child(child_born=pendulum.date(2022, 9, 1))

    limited = mobility_limited(mother, household, on=ON, mobility=NEAR)

    assert limited.value is False
    assert "no_child_needing_care" in limited.codes


def test_programme_for_parents_without_childcare_turns_away_a_person_without_children() -> None:
    """A programme's target group is a group-offer rule, e.g. parents whose care is missing."""
    prog = programme(target_group=CoachingTargetGroup(rule=HasChildrenNeedingCare()))
    mother, household = mother_and_child()
    single = ukrainian("s")

    fits = [
        referral_fit(mother, household, prog, on=ON, mobility=NEAR).value,
        referral_fit(single, alone(single), prog, on=ON, mobility=NEAR).value,
    ]

    assert [CoachingFit.GOOD, CoachingFit.UNSUITABLE] == fits
