"""
The plan (rules/plan.py): what comes first among a household's unmet needs.

:func:`~jobcenter_core.rules.prioritise` orders the unmet needs of a :class:`~jobcenter_core.needs.NeedsProfile`
into :class:`PlanStep` values by :class:`PlanStage`: blocking preconditions first
(stabilisation, childcare), German before application training below the integration
course's target level.

References:
    SGB II § 10 Abs. 1 Nr. 3, § 16, § 16a; AufenthG § 44a; IntV § 3 Abs. 2.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable

import attrs
from pendulum import Date

from jobcenter_core.decisions import Assumption, Decision, Reason, cite, sgb2
from jobcenter_core.errors import InvalidInput, Problem
from jobcenter_core.households import Household
from jobcenter_core.languages import CefrLevel
from jobcenter_core.needs import Blocking, Need, NeedCategory, NeedsProfile
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.validators import as_tuple, instance_of, items_of, whole_number

__all__ = ["PlanStage", "PlanStep", "prioritise"]


class PlanStage(enum.Enum):
    """
    The stages of a plan, in order: blocking preconditions first, work last.

    ``LANGUAGE`` comes before ``WORK`` (application training, job search) unless the
    person already speaks German at the integration course's target level; then German
    moves to ``LANGUAGE_ALONGSIDE_WORK`` (a job-related course next to the job search).
    """

    STABILISE = "stabilise"
    """Acute special-category needs (psychosocial support, counselling): blocking."""
    SECURE_CARE = "secure_care"
    """Childcare without a place: blocking (SGB II § 10 Abs. 1 Nr. 3)."""
    BASICS = "basics"
    """Housing, debts, non-acute psychosocial support and counselling."""
    LANGUAGE = "language"
    """German below the integration course's target level."""
    ORIENTATION = "orientation"
    """Finding one's way: school system, transport, translation, shops, leisure."""
    QUALIFICATION = "qualification"
    """Recognition of qualifications, the vocational training system."""
    WORK = "work"
    """Application training and employment."""
    LANGUAGE_ALONGSIDE_WORK = "language_alongside_work"
    """German when the target level is already reached."""

    @property
    def rank(self) -> int:
        """Position in the plan (0 = first)."""
        return _STAGE_RANK[self]


_STAGE_RANK = {s: i for i, s in enumerate(PlanStage)}


_BASE_STAGE: dict[NeedCategory, PlanStage] = {
    NeedCategory.PSYCHOSOCIAL_SUPPORT: PlanStage.BASICS,
    NeedCategory.PSYCHOLOGICAL_COUNSELLING: PlanStage.BASICS,
    NeedCategory.ADDICTION_COUNSELLING: PlanStage.BASICS,
    NeedCategory.CHILDCARE: PlanStage.SECURE_CARE,
    NeedCategory.HOUSING: PlanStage.BASICS,
    NeedCategory.DEBT_COUNSELLING: PlanStage.BASICS,
    NeedCategory.GERMAN_LANGUAGE: PlanStage.LANGUAGE,
    NeedCategory.TRANSLATION_SERVICES: PlanStage.ORIENTATION,
    NeedCategory.SCHOOL_SYSTEM: PlanStage.ORIENTATION,
    NeedCategory.PUBLIC_TRANSPORT: PlanStage.ORIENTATION,
    NeedCategory.SOCIAL_DEPARTMENT_STORE: PlanStage.ORIENTATION,
    NeedCategory.CHILDREN_LEISURE: PlanStage.ORIENTATION,
    NeedCategory.LIVING_AND_WORKING_IN_GERMANY: PlanStage.ORIENTATION,
    NeedCategory.RECOGNITION_OF_QUALIFICATIONS: PlanStage.QUALIFICATION,
    NeedCategory.VOCATIONAL_TRAINING_SYSTEM: PlanStage.QUALIFICATION,
    NeedCategory.APPLICATION_SUPPORT: PlanStage.WORK,
    NeedCategory.EMPLOYMENT: PlanStage.WORK,
}


def _reasons(items: Iterable[Reason]) -> tuple[Reason, ...]:
    return as_tuple(items)


@attrs.frozen(kw_only=True)
class PlanStep:
    """
    One step of a household's plan: the *need* to work on, its *stage* and the
    *reasons* for its place. ``repr`` shows the rank and the need (with a special
    category hidden), not the stage or reasons, which could reveal it.

    >>> import pendulum
    >>> from jobcenter_core.needs import Evidence, EvidenceKind, Need, NeedCategory, Urgency
    >>> by = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")
    >>> need = Need(subject="p-1", category=NeedCategory.PSYCHOSOCIAL_SUPPORT, urgency=Urgency.ACUTE,
    ...             identified_on=pendulum.date(2022, 5, 30), identified_by=by)
    >>> step = PlanStep(rank=1, need=need, stage=PlanStage.STABILISE)
    >>> "STABILISE" in repr(step) or "PSYCHO" in repr(step)
    False
    """

    rank: int = attrs.field(validator=whole_number(minimum=1))
    need: Need = attrs.field(validator=instance_of(Need))
    stage: PlanStage = attrs.field(validator=instance_of(PlanStage), repr=False)
    reasons: tuple[Reason, ...] = attrs.field(
        default=(), converter=_reasons, validator=items_of(Reason), repr=False
    )


_REF_10_CARE = sgb2("10", "1", number="3")


_REF_INTV = cite("IntV", "3", "2")


def _stage_of(
    need: Need, german: CefrLevel | None, target: CefrLevel
) -> tuple[PlanStage, tuple[Reason, ...]]:
    category = need.category
    basis = category.legal_basis
    if need.blocks_work and category.info.blocking is Blocking.WHEN_ACUTE:
        return PlanStage.STABILISE, (
            Reason(
                code="acute_need_first",
                message="acute need of a special category (Art. 9 GDPR): stabilise first",
                reference=basis,
            ),
        )
    if category is NeedCategory.CHILDCARE:
        return PlanStage.SECURE_CARE, (
            Reason(
                code="childcare_before_work",
                message="care for the children must be secured before work is reasonable",
                reference=_REF_10_CARE,
            ),
        )
    if category is NeedCategory.GERMAN_LANGUAGE:
        if german is not None and german >= target:
            return PlanStage.LANGUAGE_ALONGSIDE_WORK, (
                Reason(
                    code="german_at_target_level",
                    message=f"German at {target.value} or above: language course alongside work",
                    reference=_REF_INTV,
                ),
            )
        return PlanStage.LANGUAGE, (
            Reason(
                code="german_before_application_training",
                message=f"German below {target.value}: language before application training",
                reference=_REF_INTV,
            ),
        )
    stage = _BASE_STAGE[category]
    message = {
        PlanStage.BASICS: "basic needs come before orientation and work",
        PlanStage.ORIENTATION: "orientation in everyday life",
        PlanStage.QUALIFICATION: "qualifications before the job search",
        PlanStage.WORK: "the way into work comes after its preconditions",
    }[stage]
    return stage, (Reason(code=f"stage_{stage.value}", message=message, reference=basis),)


def prioritise(
    profile: NeedsProfile,
    household: Household,
    *,
    on: _dt.date,
    policy: Policy = DEFAULT_POLICY,
) -> Decision[tuple[PlanStep, ...]]:
    """
    An ordered plan of a household's unmet needs, with the reasons for each place.

    The order is by :class:`PlanStage` — acute special-category needs (stabilisation) and
    childcare without a place first, because they block work; then basic needs; German
    below the integration course's target level (default B1) before orientation,
    qualifications and application training; German at or above the target level last,
    alongside work. Inside a stage: higher urgency first, then category order
    (:class:`~jobcenter_core.needs.NeedCategory` declaration order), then earlier identification, then subject
    id — so the plan is the same whatever order the needs were recorded in. Met and
    declined needs are left out.

    A need's subject must be a member of *household* or the household itself;
    otherwise :class:`~jobcenter_core.errors.InvalidInput`.

    >>> import pendulum
    >>> from jobcenter_core.people import Person, Sex
    >>> from jobcenter_core.households import Household, Member
    >>> from jobcenter_core.needs import Evidence, EvidenceKind, Need, NeedCategory, NeedsProfile
    >>> mother = Person(id="p-1", birth_date=pendulum.date(1990, 5, 4), sex=Sex.FEMALE)
    >>> household = Household(id="h-1", members=(Member(person=mother),))
    >>> c1 = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")
    >>> on = pendulum.date(2022, 6, 1)
    >>> profile = NeedsProfile(household_id="h-1", needs=[
    ...     Need(subject="p-1", category=c, identified_on=on, identified_by=c1)
    ...     for c in (NeedCategory.EMPLOYMENT, NeedCategory.APPLICATION_SUPPORT,
    ...               NeedCategory.GERMAN_LANGUAGE, NeedCategory.CHILDCARE)
    ... ])
    >>> plan = prioritise(profile, household, on=on)
    >>> [step.need.category.name for step in plan.value]
    ['CHILDCARE', 'GERMAN_LANGUAGE', 'APPLICATION_SUPPORT', 'EMPLOYMENT']
    >>> plan.value[1].reasons[0].code
    'german_before_application_training'

    References:
        SGB II § 10 Abs. 1 Nr. 3, § 16, § 16a; AufenthG § 44a; IntV § 3 Abs. 2.
    """
    if profile.household_id != household.id:
        raise InvalidInput.one("$.household_id", "profile belongs to another household")
    members = {m.person.id: m.person for m in household.members}
    problems = [
        Problem(f"$.needs[{i}].subject", "not a member of the household")
        for i, need in enumerate(profile.needs)
        if need.subject != household.id and need.subject not in members
    ]
    if problems:
        raise InvalidInput(problems)
    target = policy.integration_course_target.at(on)
    missing: list[Assumption] = []
    ranked: list[tuple[tuple[int, int, int, Date, str], Need, PlanStage, tuple[Reason, ...]]] = []
    left_out = 0
    for need in profile.needs:
        if not need.is_unmet:
            left_out += 1
            continue
        person = members.get(need.subject)
        german = person.level_in("de") if person is not None else None
        if person is None and need.category is NeedCategory.GERMAN_LANGUAGE:
            missing.append(
                Assumption(fact="german_level", presumed="below the target (a household need)")
            )
        stage, why = _stage_of(need, german, target)
        key = (stage.rank, -need.urgency.rank, need.category.rank, need.identified_on, need.subject)
        ranked.append((key, need, stage, why))
    ranked.sort(key=lambda item: item[0])
    steps = tuple(
        PlanStep(rank=i, need=need, stage=stage, reasons=why)
        for i, (_, need, stage, why) in enumerate(ranked, start=1)
    )
    reasons = [
        Reason(
            code="blocking_preconditions_first",
            message="needs that block work come first (stabilisation, childcare)",
            reference=_REF_10_CARE,
        ),
        Reason(
            code="language_before_application_training",
            message=f"German before application training unless at {target.value} already",
            reference=policy.integration_course_target.reference_at(on),
        ),
    ]
    if left_out:
        reasons.append(
            Reason(
                code="met_or_declined_left_out",
                message=f"{left_out} met or declined need(s) left out of the plan",
            )
        )
    return Decision(value=steps, reasons=reasons, missing=missing)
