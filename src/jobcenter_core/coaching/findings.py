"""
What the coach reports back (coaching/findings.py): needs, strengths, professional
experience and recommended next steps (:class:`CoachingFindings`), and
:func:`apply_findings`, which merges the needs into the household's needs profile.

The seed: "the findings go straight back to the case worker for the next steps".

References:
    SGB II § 16 Abs. 1, § 15 (the findings feed the Kooperationsplan).
"""

from __future__ import annotations

from collections.abc import Iterable
from types import NoneType
from typing import TypeAlias

import attrs
from pendulum import Date

from jobcenter_core.coaching import _fields as fields
from jobcenter_core.dates import to_date
from jobcenter_core.languages import CefrLevel
from jobcenter_core.needs import Evidence, EvidenceKind, Finding, NeedCategory, NeedsProfile
from jobcenter_core.validators import (
    as_tuple,
    calendar_date,
    instance_of,
    items_of,
    non_empty,
    not_empty,
    whole_number,
)

__all__ = [
    "CoachingFindings",
    "GermanCourse",
    "GroupOfferTopic",
    "NextStep",
    "ProfessionalExperience",
    "QualificationRecognition",
    "apply_findings",
]


@attrs.frozen(kw_only=True)
class ProfessionalExperience:
    """
    Work the person has done: the *occupation* and *years* in it.

    >>> ProfessionalExperience(occupation="nurse", years=8).years
    8
    """

    occupation: str = attrs.field(validator=non_empty)
    years: int = attrs.field(validator=whole_number(minimum=0))


@attrs.frozen(kw_only=True)
class GroupOfferTopic:
    """
    A recommended next step: a group offer on *topic* addressing *categories*
    (for example "Bewerbungstraining" for application support).

    >>> GroupOfferTopic(topic="Bewerbungstraining",
    ...                 categories=frozenset({NeedCategory.APPLICATION_SUPPORT})).topic
    'Bewerbungstraining'
    """

    topic: str = attrs.field(validator=non_empty)
    categories: frozenset[NeedCategory] = attrs.field(
        converter=fields.need_categories,
        validator=[items_of(NeedCategory), not_empty("need category")],
        repr=False,
    )


@attrs.frozen(kw_only=True)
class GermanCourse:
    """
    A recommended next step: a German course to *target_level*; *job_related* for a
    *Berufssprachkurs* (DeuFöV) rather than an integration course.

    >>> GermanCourse(target_level=CefrLevel.B1).job_related
    False

    References:
        AufenthG § 44a, § 45a; IntV § 3 Abs. 2.
    """

    target_level: CefrLevel = attrs.field(validator=instance_of(CefrLevel))
    job_related: bool = attrs.field(default=False, validator=instance_of(bool))


@attrs.frozen(kw_only=True)
class QualificationRecognition:
    """
    A recommended next step: applying for recognition of a foreign qualification in
    *occupation*; *regulated* when the occupation may only be practised after
    recognition (``None`` when not yet known).

    >>> QualificationRecognition(occupation="nurse", regulated=True).regulated
    True

    References:
        BQFG (since 2012-04-01).
    """

    occupation: str = attrs.field(validator=non_empty)
    regulated: bool | None = attrs.field(validator=instance_of((bool, NoneType)))


NextStep: TypeAlias = GroupOfferTopic | GermanCourse | QualificationRecognition
"""A recommended next step of :class:`CoachingFindings`."""


def _needs(items: Iterable[Finding]) -> tuple[Finding, ...]:
    return as_tuple(items)


def _strengths(items: Iterable[str]) -> tuple[str, ...]:
    return as_tuple(items)


def _experience(items: Iterable[ProfessionalExperience]) -> tuple[ProfessionalExperience, ...]:
    return as_tuple(items)


def _next_steps(items: Iterable[NextStep]) -> tuple[NextStep, ...]:
    return as_tuple(items)


NEXT_STEPS: tuple[type, ...] = (GroupOfferTopic, GermanCourse, QualificationRecognition)
"""The classes of :data:`NextStep`, for ``isinstance`` checks."""


@attrs.frozen(kw_only=True)
class CoachingFindings:
    """
    What the coach reports back to the case worker at the end of a coaching.

    Needs, strengths and next steps may be special-category data (Art. 9 GDPR): they
    are never in ``repr``.

    Attributes:
        referral_id: the coaching referral; the source of the needs in the profile.
        person_id: the coached person.
        coach_id: who recorded the findings.
        recorded_on: the day of the report.
        needs: needs identified (:class:`~jobcenter_core.needs.Finding`: subject,
            category, urgency, status).
        strengths: strengths in the person's words and the coach's.
        experience: professional experience.
        next_steps: recommended next steps (a group offer topic, a German course level,
            recognition of a qualification).

    >>> import pendulum
    >>> from jobcenter_core.needs import Urgency
    >>> f = CoachingFindings(referral_id="r-1", person_id="p-1", coach_id="coach-1",
    ...                      recorded_on=pendulum.date(2022, 7, 20),
    ...                      needs=(Finding(subject="p-1", category=NeedCategory.PSYCHOSOCIAL_SUPPORT,
    ...                                     urgency=Urgency.HIGH),))
    >>> "PSYCHOSOCIAL" in repr(f)
    False
    """

    referral_id: str = attrs.field(validator=non_empty)
    person_id: str = attrs.field(validator=non_empty)
    coach_id: str = attrs.field(validator=non_empty)
    recorded_on: Date = attrs.field(converter=to_date, validator=calendar_date)
    needs: tuple[Finding, ...] = attrs.field(
        default=(), converter=_needs, validator=items_of(Finding), repr=False
    )
    strengths: tuple[str, ...] = attrs.field(
        default=(), converter=_strengths, validator=items_of(str), repr=False
    )
    experience: tuple[ProfessionalExperience, ...] = attrs.field(
        default=(), converter=_experience, validator=items_of(ProfessionalExperience), repr=False
    )
    next_steps: tuple[NextStep, ...] = attrs.field(
        default=(),
        converter=_next_steps,
        validator=items_of(NEXT_STEPS, name="NextStep"),
        repr=False,
    )


def apply_findings(profile: NeedsProfile, findings: CoachingFindings) -> NeedsProfile:
    """
    The household's needs profile with the coach's findings merged in.

    Each :class:`~jobcenter_core.needs.Finding` becomes a
    :class:`~jobcenter_core.needs.Need` observed on ``findings.recorded_on`` with the
    coaching referral as its source (:attr:`~jobcenter_core.needs.EvidenceKind.COACHING`),
    and is merged with
    :meth:`NeedsProfile.merge <jobcenter_core.needs.NeedsProfile.merge>`: new needs are
    added, existing ones gain the coaching's observation (the later observation sets the
    current urgency and status), nothing is dropped, and applying the same findings
    twice changes nothing.

    >>> import pendulum
    >>> from jobcenter_core.needs import Need, Urgency
    >>> c1 = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")
    >>> profile = NeedsProfile(household_id="h-1", needs=(
    ...     Need(subject="p-1", category=NeedCategory.GERMAN_LANGUAGE,
    ...          identified_on=pendulum.date(2022, 5, 30), identified_by=c1),))
    >>> findings = CoachingFindings(
    ...     referral_id="r-1", person_id="p-1", coach_id="coach-1",
    ...     recorded_on=pendulum.date(2022, 7, 20),
    ...     needs=(Finding(subject="p-1", category=NeedCategory.GERMAN_LANGUAGE, urgency=Urgency.HIGH),
    ...            Finding(subject="p-1", category=NeedCategory.RECOGNITION_OF_QUALIFICATIONS)))
    >>> updated = apply_findings(profile, findings)
    >>> [(n.category.name, n.urgency.name, n.updated_by.kind.name) for n in updated]
    [('GERMAN_LANGUAGE', 'HIGH', 'COACHING'), ('RECOGNITION_OF_QUALIFICATIONS', 'NORMAL', 'COACHING')]
    >>> apply_findings(updated, findings) == updated
    True

    References:
        SGB II § 16 Abs. 1, § 15 (the findings feed the Kooperationsplan).
    """
    source = Evidence(kind=EvidenceKind.COACHING, id=findings.referral_id)
    found = NeedsProfile(
        household_id=profile.household_id,
        needs=tuple(f.to_need(on=findings.recorded_on, by=source) for f in findings.needs),
    )
    return profile.merge(found)
