"""Needs: categories, merging evidence, prioritisation and readiness for work."""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobcenter_core.errors import InvalidInput
from jobcenter_core.households import ChildCare, Household, Member, Relationship, RelationshipKind
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.needs import (
    Blocking,
    Evidence,
    EvidenceKind,
    Finding,
    Need,
    NeedCategory,
    NeedsProfile,
    NeedStatus,
    Observation,
    Urgency,
)
from jobcenter_core.parameters import DEFAULT_POLICY, Dated
from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex
from jobcenter_core.rules import PlanStage, Readiness, employment_readiness, prioritise
from jobcenter_core.strategies import needs, needs_profiles

MAY_30 = pendulum.date(2022, 5, 30)
JUNE_21 = pendulum.date(2022, 6, 21)
JULY_4 = pendulum.date(2022, 7, 4)
CONSULTATION = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")
GROUP_EVENT = Evidence(kind=EvidenceKind.GROUP_EVENT, id="g-1")
COACHING = Evidence(kind=EvidenceKind.COACHING, id="r-1")


def need(
    category: NeedCategory,
    *,
    subject: str = "p-1",
    urgency: Urgency = Urgency.NORMAL,
    status: NeedStatus = NeedStatus.OPEN,
    on: pendulum.Date = MAY_30,
    by: Evidence = CONSULTATION,
) -> Need:
    return Need(
        subject=subject,
        category=category,
        urgency=urgency,
        status=status,
        identified_on=on,
        identified_by=by,
    )


def mother(**changes: object) -> Person:
    person = Person(
        id="p-1",
        birth_date=pendulum.date(1988, 3, 2),
        sex=Sex.FEMALE,
        languages=(LanguageSkill(language="uk", level=CefrLevel.NATIVE),),
        residence=ResidenceStatus(document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT),
        identity_registered=True,
        name="Olena",
    )
    return attrs.evolve(person, **changes)


def single(person: Person) -> Household:
    return Household(id="h-1", members=(Member(person=person),))


def with_child(person: Person, child_birth: pendulum.Date, care: ChildCare) -> Household:
    child = Person(id="p-2", birth_date=child_birth, sex=Sex.MALE)
    return Household(
        id="h-1",
        members=(Member(person=person, primary_carer=True), Member(person=child, child_care=care)),
        relationships=(Relationship(person="p-2", kind=RelationshipKind.CHILD, of="p-1"),),
    )


# --- categories -------------------------------------------------------------------------


def test_the_seed_lists_at_least_fourteen_need_categories() -> None:
    """The press release's topics are all categories, each with a German label."""
    expected = {
        "PSYCHOSOCIAL_SUPPORT", "GERMAN_LANGUAGE", "EMPLOYMENT", "APPLICATION_SUPPORT",
        "CHILDCARE", "SCHOOL_SYSTEM", "TRANSLATION_SERVICES", "PSYCHOLOGICAL_COUNSELLING",
        "PUBLIC_TRANSPORT", "SOCIAL_DEPARTMENT_STORE", "CHILDREN_LEISURE",
        "RECOGNITION_OF_QUALIFICATIONS", "VOCATIONAL_TRAINING_SYSTEM", "HOUSING",
    }  # fmt: skip

    actual = {c.name for c in NeedCategory if c.german_label}

    assert expected <= actual


def test_psychosocial_support_and_counselling_are_special_category_data() -> None:
    """Mental-health topics are Art. 9 GDPR data; German and employment are not."""
    expected = {
        NeedCategory.PSYCHOSOCIAL_SUPPORT,
        NeedCategory.PSYCHOLOGICAL_COUNSELLING,
        NeedCategory.ADDICTION_COUNSELLING,
    }

    actual = {c for c in NeedCategory if c.special_category}

    assert expected == actual


@pytest.mark.parametrize(
    ("category", "citation"),
    [
        (NeedCategory.PSYCHOSOCIAL_SUPPORT, "SGB II § 16a Nr. 3"),
        (NeedCategory.CHILDCARE, "SGB II § 16a Nr. 1"),
        (NeedCategory.APPLICATION_SUPPORT, "SGB II § 16 Abs. 1"),
        (NeedCategory.GERMAN_LANGUAGE, "AufenthG § 44a Abs. 1"),
        (NeedCategory.RECOGNITION_OF_QUALIFICATIONS, "BQFG"),
        (NeedCategory.HOUSING, "SGB II § 22"),
    ],
)
def test_categories_cite_the_legal_basis_of_help(category: NeedCategory, citation: str) -> None:
    """Where the law provides help for a topic, the category cites it."""
    actual = str(category.legal_basis)

    assert citation == actual


def test_application_support_cites_section_45_sgb_iii_as_the_instrument() -> None:
    """§ 16 SGB II opens the instruments of § 45 SGB III for application training."""
    actual = [str(r) for r in NeedCategory.APPLICATION_SUPPORT.info.see_also]

    assert "SGB III § 45 Abs. 1" in actual


def test_only_childcare_and_acute_mental_health_needs_can_block_work() -> None:
    """Childcare without a place and acute psychosocial needs are the blocking preconditions."""
    expected = {
        NeedCategory.CHILDCARE: Blocking.WHILE_UNMET,
        NeedCategory.PSYCHOSOCIAL_SUPPORT: Blocking.WHEN_ACUTE,
        NeedCategory.PSYCHOLOGICAL_COUNSELLING: Blocking.WHEN_ACUTE,
        NeedCategory.ADDICTION_COUNSELLING: Blocking.WHEN_ACUTE,
    }

    actual = {c: c.info.blocking for c in NeedCategory if c.info.blocking is not Blocking.NEVER}

    assert expected == actual


# --- needs ------------------------------------------------------------------------------


def test_unmet_childcare_need_blocks_work_whatever_its_urgency() -> None:
    """A childcare need blocks work while open or in progress."""
    low = need(NeedCategory.CHILDCARE, urgency=Urgency.LOW, status=NeedStatus.IN_PROGRESS)

    assert low.blocks_work


def test_met_childcare_need_no_longer_blocks_work() -> None:
    """Once care is secured (need met), it does not block work."""
    met = need(NeedCategory.CHILDCARE, status=NeedStatus.MET)

    assert not met.blocks_work


def test_psychosocial_need_blocks_work_only_when_acute() -> None:
    """A high but not acute psychosocial need does not block work; an acute one does."""
    high = need(NeedCategory.PSYCHOSOCIAL_SUPPORT, urgency=Urgency.HIGH)
    acute = need(NeedCategory.PSYCHOSOCIAL_SUPPORT, urgency=Urgency.ACUTE)

    assert (False, True) == (high.blocks_work, acute.blocks_work)


def test_special_category_is_never_shown_in_repr() -> None:
    """repr of a need, finding or profile hides a special category, even in a trail."""
    acute = need(NeedCategory.PSYCHOLOGICAL_COUNSELLING, urgency=Urgency.ACUTE)
    profile = NeedsProfile(household_id="h-1", needs=[acute])
    finding = Finding(subject="p-1", category=NeedCategory.ADDICTION_COUNSELLING)

    text = repr(acute) + repr(profile) + repr(finding) + str(acute)

    for word in ("PSYCHO", "COUNSELLING", "ADDICTION", "psycho", "counselling", "addiction"):
        assert word not in text


def test_non_special_category_is_shown_in_repr() -> None:
    """Ordinary categories stay readable in repr."""
    german = need(NeedCategory.GERMAN_LANGUAGE)

    assert "GERMAN_LANGUAGE" in repr(german)


def test_later_observation_decides_status_and_urgency() -> None:
    """Later findings refine earlier ones: the latest observation gives the current state."""
    first = need(NeedCategory.GERMAN_LANGUAGE, urgency=Urgency.HIGH, on=MAY_30)
    later = need(
        NeedCategory.GERMAN_LANGUAGE, status=NeedStatus.IN_PROGRESS, on=JULY_4, by=COACHING
    )

    merged = first.merge(later)

    assert (NeedStatus.IN_PROGRESS, Urgency.NORMAL) == (merged.status, merged.urgency)


def test_first_identification_is_kept_after_updates() -> None:
    """identified_on / identified_by keep the first finding; updated_* the latest."""
    first = need(NeedCategory.HOUSING, on=MAY_30, by=CONSULTATION)

    updated = first.observe(on=JULY_4, by=COACHING, status=NeedStatus.MET)

    assert (MAY_30, CONSULTATION, JULY_4, COACHING) == (
        updated.identified_on,
        updated.identified_by,
        updated.updated_on,
        updated.updated_by,
    )


def test_an_older_finding_arriving_late_does_not_override_the_current_state() -> None:
    """Evidence is ordered by its day, not by when it was recorded."""
    current = need(NeedCategory.EMPLOYMENT, status=NeedStatus.MET, on=JULY_4, by=COACHING)

    late = current.observe(on=MAY_30, by=CONSULTATION, status=NeedStatus.OPEN)

    assert (NeedStatus.MET, 2, CONSULTATION) == (late.status, len(late.trail), late.identified_by)


def test_same_day_findings_are_ordered_by_kind_of_evidence_then_id() -> None:
    """On one day a group event's finding comes after a consultation's (declaration order)."""
    consultation = need(NeedCategory.EMPLOYMENT, status=NeedStatus.OPEN, by=CONSULTATION)
    group = need(NeedCategory.EMPLOYMENT, status=NeedStatus.IN_PROGRESS, by=GROUP_EVENT)

    assert (
        NeedStatus.IN_PROGRESS
        == consultation.merge(group).status
        == group.merge(consultation).status
    )


def test_merging_the_same_evidence_twice_is_a_no_op() -> None:
    """Recording a consultation's finding twice changes nothing."""
    once = need(NeedCategory.CHILDCARE)

    twice = once.merge(need(NeedCategory.CHILDCARE))

    assert once == twice


def test_merging_keeps_every_observation() -> None:
    """Nothing is silently dropped: the trail holds every distinct observation."""
    a = need(NeedCategory.CHILDCARE, on=MAY_30)
    b = need(NeedCategory.CHILDCARE, on=JUNE_21, by=GROUP_EVENT, urgency=Urgency.HIGH)
    c = need(NeedCategory.CHILDCARE, on=JULY_4, by=COACHING, status=NeedStatus.MET)

    merged = a.merge(b).merge(c)

    assert a.trail + b.trail + c.trail == merged.trail


def test_merging_needs_of_different_subjects_is_refused() -> None:
    """Only needs with the same subject and category merge."""
    with pytest.raises(ValueError, match="same subject and category"):
        need(NeedCategory.CHILDCARE).merge(need(NeedCategory.CHILDCARE, subject="p-2"))


def test_a_trail_that_contradicts_the_fields_is_refused() -> None:
    """urgency and status must be the latest observation's, identification the first's."""
    latest = Observation(on=JULY_4, by=COACHING, urgency=Urgency.LOW, status=NeedStatus.MET)

    with pytest.raises(ValueError, match="'trail' must end"):
        Need(
            subject="p-1",
            category=NeedCategory.HOUSING,
            identified_on=MAY_30,
            identified_by=CONSULTATION,
            trail=(
                Observation(
                    on=MAY_30, by=CONSULTATION, urgency=Urgency.NORMAL, status=NeedStatus.OPEN
                ),
                latest,
            ),
        )


def test_profile_holds_one_need_per_subject_and_category() -> None:
    """Adding a need that is already there merges it into the existing one."""
    profile = NeedsProfile(household_id="h-1").add(need(NeedCategory.CHILDCARE))

    profile = profile.add(need(NeedCategory.CHILDCARE, on=JULY_4, by=COACHING))

    assert (1, 2) == (len(profile), len(profile.needs[0].trail))


def test_updating_a_need_the_profile_does_not_hold_is_an_error() -> None:
    """update refines existing needs only; add creates them."""
    with pytest.raises(KeyError):
        NeedsProfile(household_id="h-1").update(
            "p-1", NeedCategory.HOUSING, on=JULY_4, by=COACHING, status=NeedStatus.MET
        )


def test_profiles_of_different_households_do_not_merge() -> None:
    """A profile belongs to one household."""
    with pytest.raises(ValueError, match="same household"):
        NeedsProfile(household_id="h-1").merge(NeedsProfile(household_id="h-2"))


def test_recording_findings_makes_them_needs_with_their_source() -> None:
    """A coaching's findings become needs identified by the coaching on its day."""
    findings = [Finding(subject="p-1", category=NeedCategory.GERMAN_LANGUAGE, urgency=Urgency.HIGH)]

    profile = NeedsProfile(household_id="h-1").record(findings, on=JULY_4, by=COACHING)

    assert (need(NeedCategory.GERMAN_LANGUAGE, urgency=Urgency.HIGH, on=JULY_4, by=COACHING),) == (
        profile.needs
    )


@given(needs(), needs(), needs())
def test_need_merge_is_associative(a: Need, b: Need, c: Need) -> None:
    """(a ∪ b) ∪ c == a ∪ (b ∪ c) for needs of the same key."""
    b = Need.from_trail(subject=a.subject, category=a.category, trail=b.trail)
    c = Need.from_trail(subject=a.subject, category=a.category, trail=c.trail)

    assert a.merge(b).merge(c) == a.merge(b.merge(c))


@given(needs(), needs())
def test_need_merge_is_commutative_and_idempotent(a: Need, b: Need) -> None:
    """Order of evidence does not matter; merging twice changes nothing."""
    b = Need.from_trail(subject=a.subject, category=a.category, trail=b.trail)

    assert a.merge(b) == b.merge(a)
    assert a.merge(b).merge(b) == a.merge(b)
    assert a.merge(a) == a


@given(needs_profiles(), needs_profiles(), needs_profiles())
def test_profile_merge_is_associative(a: NeedsProfile, b: NeedsProfile, c: NeedsProfile) -> None:
    """Merging profiles in any grouping gives the same profile."""
    assert a.merge(b).merge(c) == a.merge(b.merge(c))


@given(needs_profiles(), needs_profiles())
def test_profile_merge_is_commutative_and_idempotent(a: NeedsProfile, b: NeedsProfile) -> None:
    """Merging is order-free, and merging the same evidence again is a no-op."""
    assert a.merge(b) == b.merge(a)
    assert a.merge(b).merge(b) == a.merge(b)
    assert a.merge(a) == a


@given(needs_profiles(), needs_profiles())
def test_profile_merge_drops_no_observation(a: NeedsProfile, b: NeedsProfile) -> None:
    """Every observation of either profile is in the merge."""
    merged = a.merge(b)

    expected = {(n.key, o) for p in (a, b) for n in p for o in n.trail}
    actual = {(n.key, o) for n in merged for o in n.trail}

    assert expected == actual


# --- prioritise -------------------------------------------------------------------------


def plan_categories(profile: NeedsProfile, household: Household, **kw: object) -> list[str]:
    decision = prioritise(profile, household, on=JUNE_21, **kw)  # type: ignore[arg-type]
    return [step.need.category.name for step in decision.value]


def test_blocking_preconditions_come_before_employment() -> None:
    """Psychosocial stabilisation and childcare come before any step into work."""
    profile = NeedsProfile(
        household_id="h-1",
        needs=[
            need(NeedCategory.EMPLOYMENT, urgency=Urgency.ACUTE),
            need(NeedCategory.CHILDCARE, urgency=Urgency.LOW),
            need(NeedCategory.PSYCHOSOCIAL_SUPPORT, urgency=Urgency.ACUTE),
        ],
    )

    actual = plan_categories(profile, single(mother()))

    assert ["PSYCHOSOCIAL_SUPPORT", "CHILDCARE", "EMPLOYMENT"] == actual


def test_german_below_b1_comes_before_application_training() -> None:
    """Language before application training for someone with A2 German."""
    person = mother(languages=(LanguageSkill(language="de", level=CefrLevel.A2),))
    profile = NeedsProfile(
        household_id="h-1",
        needs=[need(NeedCategory.APPLICATION_SUPPORT), need(NeedCategory.GERMAN_LANGUAGE)],
    )

    actual = plan_categories(profile, single(person))

    assert ["GERMAN_LANGUAGE", "APPLICATION_SUPPORT"] == actual


def test_german_at_b1_goes_alongside_work_after_application_training() -> None:
    """Someone who already has B1 German goes to application training first."""
    person = mother(languages=(LanguageSkill(language="de", level=CefrLevel.B1),))
    profile = NeedsProfile(
        household_id="h-1",
        needs=[need(NeedCategory.APPLICATION_SUPPORT), need(NeedCategory.GERMAN_LANGUAGE)],
    )

    plan = prioritise(profile, single(person), on=JUNE_21)

    assert [
        (NeedCategory.APPLICATION_SUPPORT, PlanStage.WORK),
        (NeedCategory.GERMAN_LANGUAGE, PlanStage.LANGUAGE_ALONGSIDE_WORK),
    ] == [(s.need.category, s.stage) for s in plan.value]


def test_the_german_target_level_comes_from_the_policy() -> None:
    """With a B2 integration target, B1 German still comes before application training."""
    person = mother(languages=(LanguageSkill(language="de", level=CefrLevel.B1),))
    policy = attrs.evolve(
        DEFAULT_POLICY, integration_course_target=Dated.always(CefrLevel.B2, note="test")
    )
    profile = NeedsProfile(
        household_id="h-1",
        needs=[need(NeedCategory.APPLICATION_SUPPORT), need(NeedCategory.GERMAN_LANGUAGE)],
    )

    actual = plan_categories(profile, single(person), policy=policy)

    assert ["GERMAN_LANGUAGE", "APPLICATION_SUPPORT"] == actual


def test_met_and_declined_needs_are_left_out_of_the_plan() -> None:
    """Only open and in-progress needs are planned; the decision says how many were left out."""
    profile = NeedsProfile(
        household_id="h-1",
        needs=[
            need(NeedCategory.HOUSING, status=NeedStatus.MET),
            need(NeedCategory.PUBLIC_TRANSPORT, status=NeedStatus.DECLINED),
            need(NeedCategory.EMPLOYMENT, status=NeedStatus.IN_PROGRESS),
        ],
    )

    plan = prioritise(profile, single(mother()), on=JUNE_21)

    assert [NeedCategory.EMPLOYMENT] == [s.need.category for s in plan.value]
    assert "met_or_declined_left_out" in plan.codes


def test_higher_urgency_comes_first_within_a_stage() -> None:
    """Inside the orientation stage, a high-urgency need precedes a normal one."""
    profile = NeedsProfile(
        household_id="h-1",
        needs=[
            need(NeedCategory.TRANSLATION_SERVICES),
            need(NeedCategory.CHILDREN_LEISURE, urgency=Urgency.HIGH),
        ],
    )

    actual = plan_categories(profile, single(mother()))

    assert ["CHILDREN_LEISURE", "TRANSLATION_SERVICES"] == actual


def test_each_plan_step_cites_its_reason() -> None:
    """Childcare is planned first because of § 10 Abs. 1 Nr. 3 SGB II."""
    profile = NeedsProfile(household_id="h-1", needs=[need(NeedCategory.CHILDCARE)])

    step = prioritise(profile, single(mother()), on=JUNE_21).value[0]

    assert ("childcare_before_work", "SGB II § 10 Abs. 1 Nr. 3") == (
        step.reasons[0].code,
        str(step.reasons[0].reference),
    )


def test_a_need_of_someone_outside_the_household_is_invalid_input() -> None:
    """Subjects must be members or the household itself."""
    profile = NeedsProfile(household_id="h-1", needs=[need(NeedCategory.HOUSING, subject="p-9")])

    with pytest.raises(InvalidInput, match=r"\$\.needs\[0\]\.subject"):
        prioritise(profile, single(mother()), on=JUNE_21)


def test_plan_reasons_never_name_a_special_category() -> None:
    """Neither the decision's reasons nor its repr reveal an acute psychosocial need."""
    profile = NeedsProfile(
        household_id="h-1",
        needs=[need(NeedCategory.PSYCHOSOCIAL_SUPPORT, urgency=Urgency.ACUTE)],
    )

    plan = prioritise(profile, single(mother()), on=JUNE_21)

    text = repr(plan) + plan.explain()
    assert "PSYCHOSOCIAL" not in text and "psychosocial" not in text


GERMAN_LEVELS = st.sampled_from([None, CefrLevel.A1, CefrLevel.A2, CefrLevel.B1, CefrLevel.C1])


@given(GERMAN_LEVELS, GERMAN_LEVELS, st.data())
def test_plan_does_not_depend_on_the_order_needs_were_recorded(
    first: CefrLevel | None, second: CefrLevel | None, data: st.DataObject
) -> None:
    """The same needs in any order give the same plan, stages in order, blocking first."""
    members = [
        Person(
            id=f"m-{i}",
            birth_date=pendulum.date(1985, 1, 1),
            sex=Sex.FEMALE,
            languages=() if level is None else (LanguageSkill(language="de", level=level),),
        )
        for i, level in enumerate((first, second))
    ]
    household = Household(id="h-0", members=[Member(person=p) for p in members])
    profile = data.draw(needs_profiles(household_id="h-0", subjects=("h-0", "m-0", "m-1")))
    shuffled = data.draw(st.permutations(profile.needs))

    plan = prioritise(profile, household, on=JUNE_21)
    again = prioritise(NeedsProfile(household_id="h-0", needs=shuffled), household, on=JUNE_21)

    assert plan == again
    stages = [s.stage.rank for s in plan.value]
    assert sorted(stages) == stages
    blocking = [s.need.blocks_work for s in plan.value]
    assert sorted(blocking, reverse=True) == blocking


# --- employment readiness ---------------------------------------------------------------


def test_employable_person_without_blocking_needs_is_ready() -> None:
    """Employable, work reasonable, only non-blocking needs: ready."""
    profile = NeedsProfile(household_id="h-1", needs=[need(NeedCategory.GERMAN_LANGUAGE)])

    decision = employment_readiness(mother(), single(mother()), profile, on=JUNE_21)

    assert Readiness.READY == decision.value
    assert "no_blocking_needs" in decision.codes


def test_child_is_not_employable() -> None:
    """A 12-year-old is not employable (§ 8 with § 7 SGB II), whatever the needs."""
    child = mother(birth_date=pendulum.date(2010, 1, 1))

    decision = employment_readiness(
        child, single(child), NeedsProfile(household_id="h-1"), on=JUNE_21
    )

    assert Readiness.NOT_EMPLOYABLE == decision.value


def test_mother_of_a_toddler_without_care_is_not_yet_ready() -> None:
    """§ 10 Abs. 1 Nr. 3: a child under 3 makes work unreasonable for the caring parent."""
    household = with_child(mother(), pendulum.date(2021, 3, 1), ChildCare.NONE)

    decision = employment_readiness(
        mother(), household, NeedsProfile(household_id="h-1"), on=JUNE_21
    )

    assert Readiness.NOT_YET == decision.value


def test_open_childcare_need_of_the_child_blocks_the_parent() -> None:
    """A childcare need recorded on the child blocks the parent's readiness."""
    household = with_child(mother(), pendulum.date(2015, 3, 1), ChildCare.SCHOOL)
    profile = NeedsProfile(household_id="h-1", needs=[need(NeedCategory.CHILDCARE, subject="p-2")])

    decision = employment_readiness(mother(), household, profile, on=JUNE_21)

    assert (Readiness.NOT_YET, True) == (
        decision.value,
        "childcare_need_blocks_work" in decision.codes,
    )


def test_acute_psychosocial_need_blocks_readiness_without_naming_it() -> None:
    """The reason says a special-category need blocks work, never which one."""
    profile = NeedsProfile(
        household_id="h-1",
        needs=[need(NeedCategory.PSYCHOSOCIAL_SUPPORT, urgency=Urgency.ACUTE)],
    )

    decision = employment_readiness(mother(), single(mother()), profile, on=JUNE_21)

    assert Readiness.NOT_YET == decision.value
    assert "special_category_need_blocks_work" in decision.codes
    assert "sychosocial" not in decision.explain() + repr(decision)
