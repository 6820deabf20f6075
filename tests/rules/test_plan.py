"""The plan as policy: which needs come first on the way into work (SGB II § 10, § 16)."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobcenter_core.decisions import LegalReference
from jobcenter_core.errors import InvalidInput
from jobcenter_core.households import Household, Member
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.needs import Need, NeedCategory, NeedsProfile, NeedStatus, Urgency
from jobcenter_core.parameters import DEFAULT_POLICY, Dated
from jobcenter_core.people import Person, Sex
from jobcenter_core.rules import PlanStage, prioritise
from jobcenter_core.testing import needs_profiles

JUNE_21 = pendulum.date(2022, 6, 21)
NeedOf = Callable[..., Need]
Mother = Callable[..., Person]
Single = Callable[[Person], Household]


def plan_categories(profile: NeedsProfile, household: Household, **kw: object) -> list[str]:
    decision = prioritise(profile, household, on=JUNE_21, **kw)  # type: ignore[arg-type]
    return [step.need.category.name for step in decision.value]


def test_blocking_preconditions_come_before_employment(
    need: NeedOf, mother: Mother, single: Single
) -> None:
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


def test_german_below_b1_comes_before_application_training(
    need: NeedOf, mother: Mother, single: Single
) -> None:
    """Language before application training for someone with A2 German."""
    person = mother(languages=(LanguageSkill(language="de", level=CefrLevel.A2),))
    profile = NeedsProfile(
        household_id="h-1",
        needs=[need(NeedCategory.APPLICATION_SUPPORT), need(NeedCategory.GERMAN_LANGUAGE)],
    )

    actual = plan_categories(profile, single(person))

    assert ["GERMAN_LANGUAGE", "APPLICATION_SUPPORT"] == actual


def test_german_at_b1_goes_alongside_work_after_application_training(
    need: NeedOf, mother: Mother, single: Single
) -> None:
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


def test_the_german_target_level_comes_from_the_policy(
    need: NeedOf, mother: Mother, single: Single
) -> None:
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


def test_met_and_declined_needs_are_left_out_of_the_plan(
    need: NeedOf, mother: Mother, single: Single
) -> None:
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


def test_higher_urgency_comes_first_within_a_stage(
    need: NeedOf, mother: Mother, single: Single
) -> None:
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


def test_each_plan_step_cites_its_reason(need: NeedOf, mother: Mother, single: Single) -> None:
    """Childcare is planned first because of § 10 Abs. 1 Nr. 3 SGB II."""
    profile = NeedsProfile(household_id="h-1", needs=[need(NeedCategory.CHILDCARE)])

    step = prioritise(profile, single(mother()), on=JUNE_21).value[0]

    assert ("childcare_before_work", "SGB II § 10 Abs. 1 Nr. 3") == (
        step.reasons[0].code,
        str(step.reasons[0].reference),
    )


def test_a_need_of_someone_outside_the_household_is_invalid_input(
    need: NeedOf, mother: Mother, single: Single
) -> None:
    """Subjects must be members or the household itself."""
    profile = NeedsProfile(household_id="h-1", needs=[need(NeedCategory.HOUSING, subject="p-9")])

    with pytest.raises(InvalidInput, match=r"\$\.needs\[0\]\.subject"):
        prioritise(profile, single(mother()), on=JUNE_21)


def test_plan_reasons_never_name_a_special_category(
    need: NeedOf, mother: Mother, single: Single
) -> None:
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


# --- pinned by mutation testing (issue 21) --------------------------------------------------


def test_a_household_need_for_german_is_presumed_below_the_target_and_says_so(
    need: NeedOf, mother: Mother, single: Single
) -> None:
    """
    AufenthG § 44a, IntV § 3 Abs. 2: a need for German of the whole household has no
    level to read; it is planned as German below B1 (before application training), and
    the presumption is listed as missing.
    """
    profile = NeedsProfile(
        household_id="h-1",
        needs=[
            need(NeedCategory.APPLICATION_SUPPORT),
            need(NeedCategory.GERMAN_LANGUAGE, subject="h-1"),
        ],
    )

    decision = prioritise(profile, single(mother()), on=JUNE_21)

    assert ["GERMAN_LANGUAGE", "APPLICATION_SUPPORT"] == [
        s.need.category.name for s in decision.value
    ]
    assert ["german_level"] == [a.fact for a in decision.missing]


def test_a_persons_need_for_german_is_planned_by_the_level_recorded_without_presumption(
    need: NeedOf, mother: Mother, single: Single
) -> None:
    """IntV § 3 Abs. 2: at B1 already, German goes alongside work; nothing is presumed."""
    olena = mother(languages=(LanguageSkill(language="de", level=CefrLevel.B1),))
    profile = NeedsProfile(
        household_id="h-1",
        needs=[need(NeedCategory.GERMAN_LANGUAGE), need(NeedCategory.APPLICATION_SUPPORT)],
    )

    decision = prioritise(profile, single(olena), on=JUNE_21)

    assert ["APPLICATION_SUPPORT", "GERMAN_LANGUAGE"] == [
        s.need.category.name for s in decision.value
    ]
    assert () == decision.missing


def _every_category(need: NeedOf) -> NeedsProfile:
    return NeedsProfile(
        household_id="h-1",
        needs=[
            need(
                c,
                urgency=Urgency.ACUTE if c is NeedCategory.PSYCHOSOCIAL_SUPPORT else Urgency.NORMAL,
            )
            for c in NeedCategory
        ],
    )


# One row per plan step of a person with every need (acute psychosocial support, no German):
# rank, category, the reason code and the law it cites.
EVERY_STEP = [
    (1, "PSYCHOSOCIAL_SUPPORT", "acute_need_first", "SGB II § 16a Nr. 3"),
    (2, "CHILDCARE", "childcare_before_work", "SGB II § 10 Abs. 1 Nr. 3"),
    (3, "PSYCHOLOGICAL_COUNSELLING", "stage_basics", "SGB II § 16a Nr. 3"),
    (4, "ADDICTION_COUNSELLING", "stage_basics", "SGB II § 16a Nr. 4"),
    (5, "HOUSING", "stage_basics", "SGB II § 22"),
    (6, "DEBT_COUNSELLING", "stage_basics", "SGB II § 16a Nr. 2"),
    (7, "GERMAN_LANGUAGE", "german_before_application_training", "IntV § 3 Abs. 2"),
    (8, "TRANSLATION_SERVICES", "stage_orientation", "None"),
    (9, "SCHOOL_SYSTEM", "stage_orientation", "None"),
    (10, "PUBLIC_TRANSPORT", "stage_orientation", "None"),
    (11, "SOCIAL_DEPARTMENT_STORE", "stage_orientation", "None"),
    (12, "CHILDREN_LEISURE", "stage_orientation", "SGB II § 28 Abs. 7"),
    (13, "LIVING_AND_WORKING_IN_GERMANY", "stage_orientation", "SGB II § 16 Abs. 1"),
    (14, "RECOGNITION_OF_QUALIFICATIONS", "stage_qualification", "BQFG"),
    (15, "VOCATIONAL_TRAINING_SYSTEM", "stage_qualification", "SGB II § 16 Abs. 1"),
    (16, "APPLICATION_SUPPORT", "stage_work", "SGB II § 16 Abs. 1"),
    (17, "EMPLOYMENT", "stage_work", "SGB II § 16 Abs. 1"),
]


def test_each_plan_step_gives_its_rank_reason_and_the_law_it_rests_on(
    need: NeedOf, mother: Mother, single: Single
) -> None:
    """
    SGB II § 10 Abs. 1 Nr. 3, § 16, § 16a; IntV § 3 Abs. 2: the plan ranks from 1 and
    cites, for each step, the legal basis of the help (none for mere orientation).
    """
    plan = prioritise(_every_category(need), single(mother()), on=JUNE_21)

    assert EVERY_STEP == [
        (s.rank, s.need.category.name, s.reasons[0].code, str(s.reasons[0].reference))
        for s in plan.value
    ]


def test_german_at_the_target_level_cites_the_integration_course_ordinance(
    need: NeedOf, mother: Mother, single: Single
) -> None:
    """IntV § 3 Abs. 2: at B1, German goes alongside work, and the step says why."""
    olena = mother(languages=(LanguageSkill(language="de", level=CefrLevel.B1),))
    profile = NeedsProfile(household_id="h-1", needs=[need(NeedCategory.GERMAN_LANGUAGE)])

    (step,) = prioritise(profile, single(olena), on=JUNE_21).value

    assert ("german_at_target_level", "IntV § 3 Abs. 2") == (
        step.reasons[0].code,
        str(step.reasons[0].reference),
    )


def test_the_plan_states_its_two_ordering_principles_with_their_law(
    need: NeedOf, mother: Mother, single: Single
) -> None:
    """SGB II § 10 Abs. 1 Nr. 3 (blocking needs first); IntV § 3 Abs. 2 (German first)."""
    plan = prioritise(_every_category(need), single(mother()), on=JUNE_21)

    assert [
        ("blocking_preconditions_first", "SGB II § 10 Abs. 1 Nr. 3"),
        ("language_before_application_training", "IntV § 3 Abs. 2"),
    ] == [(r.code, str(r.reference)) for r in plan.reasons]


@pytest.mark.parametrize("met", [0, 1, 2])
def test_the_plan_says_how_many_met_or_declined_needs_it_left_out(
    need: NeedOf, mother: Mother, single: Single, met: int
) -> None:
    """Met and declined needs are no steps; the plan says how many it left out, if any."""
    done = [NeedCategory.HOUSING, NeedCategory.DEBT_COUNSELLING][:met]
    profile = NeedsProfile(
        household_id="h-1",
        needs=[
            need(NeedCategory.EMPLOYMENT),
            *(need(c, status=NeedStatus.MET) for c in done),
        ],
    )

    plan = prioritise(profile, single(mother()), on=JUNE_21)

    left_out = [r for r in plan.reasons if r.code == "met_or_declined_left_out"]
    assert ["EMPLOYMENT"] == [s.need.category.name for s in plan.value]
    assert ([met] if met else []) == [int(r.message.split()[0]) for r in left_out]


@pytest.mark.parametrize(
    ("on", "first", "cited"),
    [
        (pendulum.date(2026, 6, 30), "GERMAN_LANGUAGE", "IntV § 3 Abs. 2"),
        (pendulum.date(2026, 7, 1), "APPLICATION_SUPPORT", "IntV § 3 Abs. 2 Nr. 9"),
        (pendulum.date(2026, 7, 2), "APPLICATION_SUPPORT", "IntV § 3 Abs. 2 Nr. 9"),
    ],
)
def test_the_german_target_level_in_force_on_the_day_decides(
    need: NeedOf, mother: Mother, single: Single, on: pendulum.Date, first: str, cited: str
) -> None:
    """
    IntV § 3 Abs. 2 as a dated parameter: a target lowered to A2 from 2026-07-01 puts a
    person with A2 German on application training first from that day, and the plan
    cites the rule in force.
    """
    reference = LegalReference(law="IntV", section="3", paragraph="2", number="9")
    policy = attrs.evolve(
        DEFAULT_POLICY,
        integration_course_target=DEFAULT_POLICY.integration_course_target.change_from(
            pendulum.date(2026, 7, 1), CefrLevel.A2, reference=reference
        ),
    )
    olena = mother(languages=(LanguageSkill(language="de", level=CefrLevel.A2),))
    profile = NeedsProfile(
        household_id="h-1",
        needs=[need(NeedCategory.APPLICATION_SUPPORT), need(NeedCategory.GERMAN_LANGUAGE)],
    )

    plan = prioritise(profile, single(olena), on=on, policy=policy)

    assert first == plan.value[0].need.category.name
    assert cited == next(
        str(r.reference) for r in plan.reasons if r.code == "language_before_application_training"
    )
