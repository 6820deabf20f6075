"""The coach's findings fed back into the household's needs profile and the next plan
(coaching/findings.py)."""

from __future__ import annotations

from collections.abc import Callable

import pendulum
from hypothesis import given
from hypothesis import strategies as st

from jobcenter_core.coaching import (
    CoachingFindings,
    GermanCourse,
    GroupOfferTopic,
    apply_findings,
)
from jobcenter_core.households import (
    Household,
)
from jobcenter_core.languages import CefrLevel
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
from jobcenter_core.people import (
    Person,
)
from jobcenter_core.rules import prioritise
from jobcenter_core.strategies import (
    coaching_need_findings,
    needs_profiles,
)

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


def test_next_plan_puts_an_acute_need_found_in_coaching_first(
    mother_and_child: Callable[..., tuple[Person, Household]],
) -> None:
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


def test_a_need_the_coach_found_met_leaves_the_plan(
    mother_and_child: Callable[..., tuple[Person, Household]],
) -> None:
    """The coach reporting a need as met takes it out of the next plan."""
    _, household = mother_and_child()
    findings = coaching_findings(
        Finding(subject="m", category=NeedCategory.GERMAN_LANGUAGE, status=NeedStatus.MET)
    )

    plan = prioritise(
        apply_findings(consultation_profile(), findings), household, on=pendulum.date(2022, 7, 12)
    )

    assert [NeedCategory.EMPLOYMENT] == [step.need.category for step in plan.value]


@given(profile=needs_profiles(household_id="h-0"), data=st.data())
def test_applying_findings_keeps_every_observation_and_is_idempotent(
    profile: NeedsProfile, data: st.DataObject
) -> None:
    """Nothing is dropped, each finding is there with the coaching as a source, twice = once."""
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
