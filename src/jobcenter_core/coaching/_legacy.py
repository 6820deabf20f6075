"""
Referrals to (online) individual coaching: the programme and its coaches, who fits it,
the referral lifecycle as pure transitions, allocating coaches within their weekly
capacity, and feeding the coach's findings back into the household's needs.

The seed plans an online individual coaching in Ukrainian: a person's needs are worked
out one to one, the findings go straight back to the case worker for the next steps, and
it suits women who can hardly get out because childcare is missing (DOMAIN.md §1, §7).

* :class:`CoachingProgramme` — provider, languages, delivery (:class:`Delivery`), the
  :class:`Coach` es with their weekly capacity, sessions per coaching, legal basis and
  target group (:class:`CoachingTargetGroup`).
* :func:`referral_fit` — whether a programme fits a person (:class:`CoachingFit`), with a
  reason for every yes and no; :func:`mobility_limited` reads the person's
  :class:`Mobility` facts and the children's care.
* :class:`CoachingReferral` and its lifecycle :func:`refer` → :func:`accept` (or
  :func:`waitlist`) → :func:`start` → :func:`record_session` → :func:`complete`, and
  :func:`decline`, :func:`cancel`, :func:`no_show`. Every command is a pure function
  ``(referral, …, *, at) -> ReferralTransition(referral, events)``; the events are frozen
  values and :func:`replay` rebuilds a referral from them.
* :func:`coaching_priority` and :func:`allocate_coaches` — the coaches' waitlist order
  and the capacity-respecting assignment.
* :class:`CoachingFindings` and :func:`apply_findings` — the coach's report, merged into
  the household's :class:`~jobcenter_core.needs.NeedsProfile`.

>>> import pendulum
>>> from jobcenter_core.dates import at_berlin
>>> programme = CoachingProgramme(
...     id="uk-online",
...     provider="Werkakademie",
...     languages=frozenset({"uk"}),
...     delivery=Delivery.ONLINE,
...     coaches=(Coach(id="coach-1", languages=frozenset({"uk", "de"}), weekly_capacity=2),),
...     sessions_per_coaching=3,
... )
>>> t = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
...           reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
...           at=at_berlin(2022, 6, 22, 10))
>>> t = accept(t.referral, programme, coach_id="coach-1", starts_on=pendulum.date(2022, 6, 27),
...            caseload=(), at=at_berlin(2022, 6, 23, 9))
>>> t.referral.status, t.referral.coach_id
(<ReferralStatus.ACCEPTED: 'accepted'>, 'coach-1')
>>> from jobcenter_core.coaching import replay  # enrolment has its own replay
>>> replay(t.referral.history) == t.referral
True

References:
    SGB II § 16 Abs. 1 with SGB III § 45; SGB II § 16k (since 2023-07-01); SGB II § 10
    Abs. 1 Nr. 3 and Abs. 3.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Iterable, Mapping
from typing import Final, TypeAlias

import attrs
from pendulum import Date, DateTime

from jobcenter_core.dates import as_date, berlin_instant, completed_years, instant_order
from jobcenter_core.decisions import Assumption, Decision, LegalReference, Reason, sgb2
from jobcenter_core.errors import InvalidInput, InvalidPolicy, InvalidTransition, Problem
from jobcenter_core.households import ChildCare, Household, Member
from jobcenter_core.languages import CefrLevel
from jobcenter_core.needs import (
    Blocking,
    Evidence,
    EvidenceKind,
    Finding,
    NeedCategory,
    NeedsProfile,
)
from jobcenter_core.offers import Candidate, Employable, TargetGroupRule
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Person
from jobcenter_core.rules import (
    BenefitRegime,
    ChildcareEntitlement,
    benefit_regime,
    childcare_entitlement,
    in_target_group,
)

__all__ = [
    "COACHING_ORDERINGS",
    "Accepted",
    "Cancelled",
    "Coach",
    "CoachAllocation",
    "CoachAssignment",
    "CoachingFindings",
    "CoachingFit",
    "CoachingProgramme",
    "CoachingReferral",
    "CoachingTargetGroup",
    "Completed",
    "Declined",
    "Delivery",
    "GermanCourse",
    "GroupOfferTopic",
    "Mobility",
    "NextStep",
    "NoShow",
    "ProfessionalExperience",
    "QualificationRecognition",
    "ReferralEvent",
    "ReferralStatus",
    "ReferralTransition",
    "Referred",
    "SessionHeld",
    "Started",
    "Waiting",
    "Waitlisted",
    "accept",
    "allocate_coaches",
    "apply_findings",
    "cancel",
    "coach_loads",
    "coaching_priority",
    "complete",
    "decline",
    "mobility_limited",
    "no_show",
    "record_session",
    "refer",
    "referral_fit",
    "replay",
    "start",
    "waitlist",
]

# --- legal references -------------------------------------------------------------------


_SECTION_16: Final = sgb2("16", "1")
_SECTION_45_SGB3: Final = LegalReference(
    law="SGB III",
    section="45",
    paragraph="1",
    url="https://www.gesetze-im-internet.de/sgb_3/__45.html",
)
_SECTION_16K: Final = sgb2("16k")
_SECTION_16K_NO_SANCTION: Final = sgb2("16k", "4")
_SECTION_31_MEASURE: Final = sgb2("31", "1", sentence="1", number="3")
_SECTION_10_CHILD: Final = sgb2("10", "1", number="3")
_SECTION_10_MEASURES: Final = sgb2("10", "3")
_SGB8_24 = {
    ChildcareEntitlement.DAYCARE_OR_CHILDMINDER: LegalReference(
        law="SGB VIII", section="24", paragraph="2"
    ),
    ChildcareEntitlement.KITA: LegalReference(law="SGB VIII", section="24", paragraph="3"),
}

# --- validators and converters ----------------------------------------------------------


def _non_empty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name!r} must be a non-empty string")


def _language_codes(items: Iterable[str]) -> frozenset[str]:
    return frozenset(items)


def _some_languages(
    instance: object, attribute: attrs.Attribute[frozenset[str]], value: frozenset[str]
) -> None:
    if not value:
        raise ValueError(f"{attribute.name!r} must name at least one language")
    for code in value:
        if not (2 <= len(code) <= 3 and code.isascii() and code.isalpha() and code.islower()):
            raise ValueError(f"{attribute.name!r} must hold ISO 639 codes such as 'uk'")


def _at_least_one(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{attribute.name!r} must be an integer >= 1")


def _not_negative(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{attribute.name!r} must be an integer >= 0")


def _optional_date(value: _dt.date | None) -> Date | None:
    return None if value is None else as_date(value)


def _categories(items: Iterable[NeedCategory]) -> frozenset[NeedCategory]:
    return frozenset(items)


def _some_categories(
    instance: object,
    attribute: attrs.Attribute[frozenset[NeedCategory]],
    value: frozenset[NeedCategory],
) -> None:
    if not value:
        raise ValueError(f"{attribute.name!r} must name at least one need category")


def _references(items: Iterable[LegalReference]) -> tuple[LegalReference, ...]:
    return tuple(items)


def _some_references(
    instance: object,
    attribute: attrs.Attribute[tuple[LegalReference, ...]],
    value: tuple[LegalReference, ...],
) -> None:
    if not value:
        raise ValueError(f"{attribute.name!r} must cite at least one legal reference")


def _regimes(items: Iterable[BenefitRegime]) -> frozenset[BenefitRegime]:
    return frozenset(items)


# --- the programme ----------------------------------------------------------------------


class Delivery(enum.Enum):
    """How a coaching is held."""

    ONLINE = "online"
    """By video call: nobody has to travel (the seed's plan)."""
    IN_PERSON = "in_person"
    """At the provider's or the job centre's premises."""


@attrs.frozen(kw_only=True)
class Coach:
    """
    A coach of a programme: the *languages* the coach coaches in (ISO 639 codes) and the
    *weekly_capacity* in sessions.

    Every coaching the coach holds takes one session a week, so a coach carries at most
    *weekly_capacity* accepted or running coachings at a time.

    >>> Coach(id="coach-1", languages=frozenset({"uk"}), weekly_capacity=0)
    Traceback (most recent call last):
    ...
    ValueError: 'weekly_capacity' must be an integer >= 1
    """

    id: str = attrs.field(validator=_non_empty)
    languages: frozenset[str] = attrs.field(converter=_language_codes, validator=_some_languages)
    weekly_capacity: int = attrs.field(validator=_at_least_one)


def _coaches(items: Iterable[Coach]) -> tuple[Coach, ...]:
    return tuple(items)


def _distinct_coaches(
    instance: object, attribute: attrs.Attribute[tuple[Coach, ...]], value: tuple[Coach, ...]
) -> None:
    ids = [c.id for c in value]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{attribute.name!r} lists a coach id twice")


@attrs.frozen(kw_only=True)
class CoachingTargetGroup:
    """
    Who a programme is for: persons whose benefit regime is one of *regimes* and who
    meet *rule*, a target-group rule of the group offers
    (:mod:`jobcenter_core.offers`, evaluated by
    :func:`jobcenter_core.rules.in_target_group`). The defaults describe an
    integration measure under SGB II § 16: employable SGB II beneficiaries.

    >>> from jobcenter_core.offers import Employable
    >>> group = CoachingTargetGroup()
    >>> group.regimes == frozenset({BenefitRegime.SGB_II}), group.rule == Employable()
    (True, True)

    References:
        SGB II § 16 Abs. 1 (benefits for employable beneficiaries), § 8.
    """

    regimes: frozenset[BenefitRegime] = attrs.field(
        default=frozenset({BenefitRegime.SGB_II}), converter=_regimes
    )
    rule: TargetGroupRule = attrs.field(factory=Employable)


_DEFAULT_LEGAL_BASIS: Final = (_SECTION_16, _SECTION_45_SGB3)


@attrs.frozen(kw_only=True)
class CoachingProgramme:
    """
    An individual coaching programme offered by a *provider*.

    Attributes:
        id: opaque identifier.
        provider: the organisation that runs it (a Maßnahmeträger, the Werkakademie).
        languages: the languages it is held in (ISO 639 codes).
        delivery: online or in person.
        coaches: its coaches, ids unique.
        sessions_per_coaching: how many one-to-one sessions a coaching has.
        legal_basis: what the job centre grants it under. Default: SGB II § 16 Abs. 1
            with SGB III § 45 Abs. 1 (activation and integration measure). From
            2023-07-01 a programme may cite SGB II § 16k (holistic coaching) instead;
            whether an *online* coaching qualifies under § 16k is **uncertain** (a BA
            note speaks of in-person work), and :func:`referral_fit` says so.
        target_group: who it is for.

    >>> p = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages=frozenset({"uk"}),
    ...     delivery=Delivery.ONLINE,
    ...     coaches=(Coach(id="c-1", languages=frozenset({"uk"}), weekly_capacity=5),),
    ...     sessions_per_coaching=4,
    ... )
    >>> [str(r) for r in p.legal_basis]
    ['SGB II § 16 Abs. 1', 'SGB III § 45 Abs. 1']
    >>> [c.id for c in p.coaches_for("uk")], p.coaches_for("ru")
    (['c-1'], ())

    References:
        SGB II § 16 Abs. 1; SGB III § 45 Abs. 1; SGB II § 16k.
    """

    id: str = attrs.field(validator=_non_empty)
    provider: str = attrs.field(validator=_non_empty)
    languages: frozenset[str] = attrs.field(converter=_language_codes, validator=_some_languages)
    delivery: Delivery = attrs.field(validator=attrs.validators.instance_of(Delivery))
    coaches: tuple[Coach, ...] = attrs.field(converter=_coaches, validator=_distinct_coaches)
    sessions_per_coaching: int = attrs.field(validator=_at_least_one)
    legal_basis: tuple[LegalReference, ...] = attrs.field(
        default=_DEFAULT_LEGAL_BASIS, converter=_references, validator=_some_references
    )
    target_group: CoachingTargetGroup = attrs.field(factory=CoachingTargetGroup)

    def coach(self, coach_id: str) -> Coach:
        """The coach with *coach_id*; ``KeyError`` if the programme has none."""
        for c in self.coaches:
            if c.id == coach_id:
                return c
        raise KeyError(coach_id)

    def coaches_for(self, language: str) -> tuple[Coach, ...]:
        """The coaches who coach in *language*, if it is a language of the programme."""
        if language not in self.languages:
            return ()
        return tuple(c for c in self.coaches if language in c.languages)

    @property
    def cites_section_16k(self) -> bool:
        """Whether the legal basis cites SGB II § 16k (holistic coaching)."""
        return any(r.law == "SGB II" and r.section == "16k" for r in self.legal_basis)


# --- fit: language, mobility, target group ----------------------------------------------


def _distance(value: float | None) -> float | None:
    return None if value is None else float(value)


def _non_negative_distance(
    instance: object, attribute: attrs.Attribute[float | None], value: float | None
) -> None:
    if value is not None and not value >= 0:
        raise ValueError(f"{attribute.name!r} must be >= 0")


@attrs.frozen(kw_only=True)
class Mobility:
    """
    What limits a person's getting to the centre, as asked in the consultation.

    Both facts are required: ``None`` says "not asked", and the rules then presume the
    fact does not limit mobility and list the presumption in ``Decision.missing``.
    The distance is a residence detail: never in ``repr``.

    Attributes:
        has_transport: whether the person can get to the centre (a bus or train
            connection they can use, a ticket, a car).
        distance_to_centre_km: the distance from home to the job centre or the provider.

    >>> Mobility(has_transport=False, distance_to_centre_km=14.5)
    Mobility(has_transport=False)
    """

    has_transport: bool | None
    distance_to_centre_km: float | None = attrs.field(
        converter=_distance, validator=_non_negative_distance, repr=False
    )


class CoachingFit(enum.Enum):
    """How well a coaching programme fits a person (:func:`referral_fit`)."""

    GOOD = "good"
    """Language, target group and delivery fit."""
    ACCEPTABLE = "acceptable"
    """Language and target group fit, but the person would have to travel although their
    mobility is limited (an in-person programme)."""
    UNSUITABLE = "unsuitable"
    """No shared language, outside the target group, or no valid legal basis."""


def mobility_limited(
    person: Person,
    household: Household,
    *,
    on: _dt.date,
    mobility: Mobility,
    policy: Policy = DEFAULT_POLICY,
) -> Decision[bool]:
    """
    Whether the person can hardly get to the centre: a caring parent whose child has no
    care place, no transport, or living farther than
    ``policy.coaching_far_from_centre_km`` from the centre.

    A child needs care below ``policy.care_required_below_age`` completed years; a parent
    is the caring one when marked ``primary_carer``, or when no parent of that child in
    the household is marked (then each parent counts, and the presumption is listed). A
    child whose care is not recorded is presumed to have no place, and that is listed too.
    Where the child is entitled to a place (SGB VIII § 24) a reason says so: a next step
    for the case worker.

    >>> import pendulum
    >>> from jobcenter_core.people import Person, Sex
    >>> from jobcenter_core.households import Member, Relationship, RelationshipKind
    >>> mother = Person(id="m", birth_date=pendulum.date(1990, 5, 4), sex=Sex.FEMALE)
    >>> child = Person(id="c", birth_date=pendulum.date(2018, 3, 1), sex=Sex.MALE)
    >>> h = Household(
    ...     id="h-1",
    ...     members=(Member(person=mother, primary_carer=True),
    ...              Member(person=child, child_care=ChildCare.NONE)),
    ...     relationships=(Relationship(person="c", kind=RelationshipKind.CHILD, of="m"),),
    ... )
    >>> d = mobility_limited(mother, h, on=pendulum.date(2022, 6, 22),
    ...                      mobility=Mobility(has_transport=True, distance_to_centre_km=3))
    >>> d.value, d.codes
    (True, ('caring_for_child_without_care_place', 'care_place_entitlement', 'has_transport', 'near_centre'))

    References:
        SGB II § 10 Abs. 1 Nr. 3 and Abs. 3; SGB VIII § 24 Abs. 2 and 3.
    """
    member = _member_of(household, person)
    reasons: list[Reason] = []
    missing: list[Assumption] = []
    care_age = policy.care_required_below_age.at(on)

    needing_care = 0
    without_place = 0
    cared_by_other = 0
    entitlements: set[ChildcareEntitlement] = set()
    for child_id in household.children_of(person.id):
        child = household.member(child_id)
        born = child.person.birth_date
        if born > on or completed_years(born, on=on) >= care_age:
            continue
        needing_care += 1
        parents = household.parents_of(child_id)
        marked = [p for p in parents if household.member(p).primary_carer]
        if marked and not member.primary_carer:
            cared_by_other += 1
            continue
        if not marked and len(parents) > 1:
            missing.append(
                Assumption(fact="primary_carer", presumed="each parent cares for the child")
            )
        care = child.child_care
        if care is None:
            missing.append(Assumption(fact="child_care", presumed="no care place"))
            care = ChildCare.NONE
        if care.is_secured:
            continue
        without_place += 1
        entitlement = childcare_entitlement(child.person.birth_date, on=on, policy=policy)
        entitlements.add(entitlement.value)

    if without_place:
        reasons.append(
            Reason(
                code="caring_for_child_without_care_place",
                message=f"cares for a child under {care_age} without a care place",
                reference=_SECTION_10_CHILD,
            )
        )
        for kind in (ChildcareEntitlement.DAYCARE_OR_CHILDMINDER, ChildcareEntitlement.KITA):
            if kind in entitlements:
                reasons.append(
                    Reason(
                        code="care_place_entitlement",
                        message="the child is entitled to a care place: a next step",
                        reference=_SGB8_24[kind],
                    )
                )
                break
    elif needing_care and cared_by_other == needing_care:
        reasons.append(
            Reason(
                code="other_parent_cares",
                message="the other parent is the children's primary carer",
                reference=_SECTION_10_CHILD,
            )
        )
    elif needing_care:
        reasons.append(
            Reason(
                code="children_cared_for",
                message=f"every child under {care_age} in the person's care has a care place",
                reference=_SECTION_10_CHILD,
            )
        )
    else:
        reasons.append(
            Reason(code="no_child_needing_care", message=f"has no child under {care_age}")
        )

    if mobility.has_transport is None:
        missing.append(Assumption(fact="has_transport", presumed="can get to the centre"))
    elif mobility.has_transport:
        reasons.append(Reason(code="has_transport", message="can get to the centre"))
    else:
        reasons.append(Reason(code="no_transport", message="has no way to get to the centre"))

    threshold = policy.coaching_far_from_centre_km.at(on)
    far = False
    if mobility.distance_to_centre_km is None:
        missing.append(
            Assumption(fact="distance_to_centre_km", presumed=f"within {threshold:g} km")
        )
    elif mobility.distance_to_centre_km > threshold:
        far = True
        reasons.append(
            Reason(code="far_from_centre", message=f"lives more than {threshold:g} km away")
        )
    else:
        reasons.append(Reason(code="near_centre", message=f"lives within {threshold:g} km"))

    limited = bool(without_place) or mobility.has_transport is False or far
    return Decision(value=limited, reasons=tuple(reasons), missing=tuple(dict.fromkeys(missing)))


def _member_of(household: Household, person: Person) -> Member:
    try:
        member = household.member(person.id)
    except KeyError:
        raise InvalidInput.one("$.person.id", "not a member of the household") from None
    return member


def referral_fit(
    person: Person,
    household: Household,
    programme: CoachingProgramme,
    *,
    on: _dt.date,
    mobility: Mobility,
    policy: Policy = DEFAULT_POLICY,
) -> Decision[CoachingFit]:
    """
    How well *programme* fits *person* on day *on*, with a reason for every yes and no.

    * **Language**: the person speaks a language of the programme at
      ``policy.interpreter_level`` or above (the level at which a conversation needs no
      interpreter), and a coach of the programme coaches in it.
    * **Target group**: the person's benefit regime is one the programme is for, and the
      person meets the programme's target-group rule — by default: employable
      (SGB II § 8, § 16 Abs. 1).
    * **Legal basis**: a programme citing SGB II § 16k needs § 16k in force
      (``policy.section_16k_in_force``, from 2023-07-01); for an online programme under
      § 16k the reasons say that it is uncertain whether online delivery qualifies.
    * **Delivery**: when :func:`mobility_limited` says yes, online delivery is preferred;
      an in-person programme is then only :attr:`CoachingFit.ACCEPTABLE`.

    >>> import pendulum
    >>> from jobcenter_core.people import (LanguageSkill, Person, ResidenceDocument,
    ...                                    ResidenceStatus, Sex)
    >>> from jobcenter_core.households import Member, Relationship, RelationshipKind
    >>> mother = Person(id="m", birth_date=pendulum.date(1990, 5, 4), sex=Sex.FEMALE,
    ...                 languages=(LanguageSkill(language="uk", level=CefrLevel.NATIVE),),
    ...                 residence=ResidenceStatus(document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT),
    ...                 identity_registered=True)
    >>> child = Person(id="c", birth_date=pendulum.date(2019, 3, 1), sex=Sex.MALE)
    >>> h = Household(
    ...     id="h-1",
    ...     members=(Member(person=mother, primary_carer=True),
    ...              Member(person=child, child_care=ChildCare.NONE)),
    ...     relationships=(Relationship(person="c", kind=RelationshipKind.CHILD, of="m"),),
    ... )
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages=frozenset({"uk"}),
    ...     delivery=Delivery.ONLINE,
    ...     coaches=(Coach(id="c-1", languages=frozenset({"uk"}), weekly_capacity=5),),
    ...     sessions_per_coaching=4,
    ... )
    >>> fit = referral_fit(mother, h, programme, on=pendulum.date(2022, 6, 22),
    ...                    mobility=Mobility(has_transport=True, distance_to_centre_km=3))
    >>> fit.value
    <CoachingFit.GOOD: 'good'>
    >>> "online_suits_limited_mobility" in fit.codes
    True

    References:
        SGB II § 16 Abs. 1 with SGB III § 45; SGB II § 16k; SGB II § 8; SGB II § 10
        Abs. 1 Nr. 3 and Abs. 3.
    """
    _member_of(household, person)
    reasons: list[Reason] = []
    missing: list[Assumption] = []
    suitable = True

    # Language.
    level: CefrLevel = policy.interpreter_level.at(on)
    spoken = sorted(
        code
        for code in programme.languages
        if (own := person.level_in(code)) is not None and own >= level
    )
    coached = [code for code in spoken if programme.coaches_for(code)]
    if coached:
        reasons.append(
            Reason(
                code="language_match",
                message=f"speaks {', '.join(coached)} at {level.value} or above, "
                "a language of the coaching",
            )
        )
    elif spoken:
        suitable = False
        reasons.append(
            Reason(
                code="no_coach_for_language",
                message=f"no coach of the programme coaches in {', '.join(spoken)}",
            )
        )
    else:
        suitable = False
        reasons.append(
            Reason(
                code="no_shared_language",
                message=f"speaks no language of the programme at {level.value} or above",
            )
        )

    # Target group.
    group = programme.target_group
    regime = benefit_regime(person, household, on=on, policy=policy)
    missing.extend(regime.missing)
    if regime.value in group.regimes:
        reasons.append(
            Reason(
                code="regime_in_target_group",
                message=f"receives benefits under {regime.value.name}, as the programme requires",
                reference=_SECTION_16,
            )
        )
    else:
        suitable = False
        reasons.extend(regime.reasons)
        reasons.append(
            Reason(
                code="regime_outside_target_group",
                message=f"benefit regime {regime.value.name} is not one the programme is for",
                reference=_SECTION_16,
            )
        )
    member = in_target_group(
        group.rule, Candidate(person=person, household=household), on=on, policy=policy
    )
    reasons.extend(member.reasons)
    missing.extend(member.missing)
    if member.value:
        reasons.append(
            Reason(
                code="in_target_group",
                message="meets the programme's target-group rule",
                reference=_SECTION_16,
            )
        )
    else:
        suitable = False
        reasons.append(
            Reason(
                code="outside_target_group",
                message="does not meet the programme's target-group rule",
                reference=_SECTION_16,
            )
        )

    # Legal basis.
    if programme.cites_section_16k:
        if not policy.section_16k_in_force.at(on):
            suitable = False
            reasons.append(
                Reason(
                    code="legal_basis_not_in_force",
                    message="SGB II § 16k is not in force on that day",
                    reference=policy.section_16k_in_force.reference_at(on) or _SECTION_16K,
                )
            )
        elif programme.delivery is Delivery.ONLINE:
            reasons.append(
                Reason(
                    code="online_section_16k_uncertain",
                    message="uncertain whether online coaching qualifies under § 16k",
                    reference=_SECTION_16K,
                )
            )
            missing.append(
                Assumption(
                    fact="online_delivery_under_section_16k",
                    presumed="qualifies (a BA note speaks of in-person work)",
                )
            )

    # Delivery and mobility.
    limited = mobility_limited(person, household, on=on, mobility=mobility, policy=policy)
    reasons.extend(limited.reasons)
    missing.extend(limited.missing)
    fit = CoachingFit.GOOD
    if programme.delivery is Delivery.ONLINE:
        if limited.value:
            reasons.append(
                Reason(
                    code="online_suits_limited_mobility",
                    message="online coaching needs no travel, which suits limited mobility",
                )
            )
        else:
            reasons.append(Reason(code="online_delivery", message="held online"))
    elif limited.value:
        fit = CoachingFit.ACCEPTABLE
        reasons.append(
            Reason(
                code="in_person_despite_limited_mobility",
                message="held in person although mobility is limited: online is preferred",
                reference=_SECTION_10_MEASURES,
            )
        )
    else:
        reasons.append(
            Reason(code="in_person_reachable", message="can reach an in-person coaching")
        )

    return Decision(
        value=fit if suitable else CoachingFit.UNSUITABLE,
        reasons=tuple(reasons),
        missing=tuple(dict.fromkeys(missing)),
    )


# --- findings ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ProfessionalExperience:
    """
    Work the person has done: the *occupation* and *years* in it.

    >>> ProfessionalExperience(occupation="nurse", years=8).years
    8
    """

    occupation: str = attrs.field(validator=_non_empty)
    years: int = attrs.field(validator=_not_negative)


@attrs.frozen(kw_only=True)
class GroupOfferTopic:
    """
    A recommended next step: a group offer on *topic* addressing *categories*
    (for example "Bewerbungstraining" for application support).

    >>> GroupOfferTopic(topic="Bewerbungstraining",
    ...                 categories=frozenset({NeedCategory.APPLICATION_SUPPORT})).topic
    'Bewerbungstraining'
    """

    topic: str = attrs.field(validator=_non_empty)
    categories: frozenset[NeedCategory] = attrs.field(
        converter=_categories, validator=_some_categories, repr=False
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

    target_level: CefrLevel = attrs.field(validator=attrs.validators.instance_of(CefrLevel))
    job_related: bool = False


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

    occupation: str = attrs.field(validator=_non_empty)
    regulated: bool | None


NextStep: TypeAlias = GroupOfferTopic | GermanCourse | QualificationRecognition
"""A recommended next step of :class:`CoachingFindings`."""


def _findings(items: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(items)


def _strengths(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _experience(items: Iterable[ProfessionalExperience]) -> tuple[ProfessionalExperience, ...]:
    return tuple(items)


def _next_steps(items: Iterable[NextStep]) -> tuple[NextStep, ...]:
    return tuple(items)


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

    referral_id: str = attrs.field(validator=_non_empty)
    person_id: str = attrs.field(validator=_non_empty)
    coach_id: str = attrs.field(validator=_non_empty)
    recorded_on: Date = attrs.field(converter=as_date)
    needs: tuple[Finding, ...] = attrs.field(default=(), converter=_findings, repr=False)
    strengths: tuple[str, ...] = attrs.field(default=(), converter=_strengths, repr=False)
    experience: tuple[ProfessionalExperience, ...] = attrs.field(
        default=(), converter=_experience, repr=False
    )
    next_steps: tuple[NextStep, ...] = attrs.field(default=(), converter=_next_steps, repr=False)


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


# --- referral lifecycle -----------------------------------------------------------------


class ReferralStatus(enum.Enum):
    """Where a coaching referral stands."""

    REFERRED = "referred"
    WAITLISTED = "waitlisted"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"

    @property
    def is_waiting(self) -> bool:
        """Referred or waitlisted: waiting for a coach."""
        return self in (ReferralStatus.REFERRED, ReferralStatus.WAITLISTED)

    @property
    def is_active(self) -> bool:
        """Accepted or in progress: holding a place in a coach's week."""
        return self in (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS)

    @property
    def is_final(self) -> bool:
        """Completed, declined, cancelled or no-show: no command applies any more."""
        return not (self.is_waiting or self.is_active)


def _instant(value: _dt.datetime) -> DateTime:
    return berlin_instant(value)


@attrs.frozen(kw_only=True)
class ReferralEvent:
    """
    Something that happened to coaching referral *referral_id* at instant *at* (Berlin).

    The subclasses are the events a service persists; :func:`replay` rebuilds the
    referral from them.
    """

    referral_id: str = attrs.field(validator=_non_empty)
    at: DateTime = attrs.field(converter=_instant)


@attrs.frozen(kw_only=True)
class Referred(ReferralEvent):
    """A case worker referred the person to the programme (see :func:`refer`)."""

    person_id: str = attrs.field(validator=_non_empty)
    programme_id: str = attrs.field(validator=_non_empty)
    referred_by: str = attrs.field(validator=_non_empty)
    reasons: frozenset[NeedCategory] = attrs.field(
        converter=_categories, validator=_some_categories, repr=False
    )
    language: str = attrs.field(validator=_non_empty)
    limited_mobility: bool = attrs.field(repr=False)
    legal_basis: tuple[LegalReference, ...] = attrs.field(
        converter=_references, validator=_some_references, repr=False
    )


@attrs.frozen(kw_only=True)
class Waitlisted(ReferralEvent):
    """No coach was free: the referral waits (see :func:`waitlist`)."""


@attrs.frozen(kw_only=True)
class Accepted(ReferralEvent):
    """A coach took the referral, starting on *starts_on* (see :func:`accept`)."""

    coach_id: str = attrs.field(validator=_non_empty)
    starts_on: Date = attrs.field(converter=as_date)
    sessions_planned: int = attrs.field(validator=_at_least_one)


@attrs.frozen(kw_only=True)
class Started(ReferralEvent):
    """The coaching began (see :func:`start`)."""


@attrs.frozen(kw_only=True)
class SessionHeld(ReferralEvent):
    """Session number *number* (1, 2, …) was held (see :func:`record_session`)."""

    number: int = attrs.field(validator=_at_least_one)


@attrs.frozen(kw_only=True)
class Completed(ReferralEvent):
    """The coach completed the coaching and reported *findings* (see :func:`complete`)."""

    findings: CoachingFindings = attrs.field(repr=False)


@attrs.frozen(kw_only=True)
class Declined(ReferralEvent):
    """The person declined; *reason* records that no sanction attaches (see :func:`decline`)."""

    reason: Reason


@attrs.frozen(kw_only=True)
class Cancelled(ReferralEvent):
    """The job centre or the provider (*by*) cancelled the referral (see :func:`cancel`)."""

    by: str = attrs.field(validator=_non_empty)


@attrs.frozen(kw_only=True)
class NoShow(ReferralEvent):
    """The person did not come to the coaching (see :func:`no_show`)."""


def _events(items: Iterable[ReferralEvent]) -> tuple[ReferralEvent, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class CoachingReferral:
    """
    A person's referral to a coaching programme and where it stands.

    Build one with :func:`refer` and change it only with the lifecycle commands; each
    returns the new referral and the events, and :attr:`history` holds every event so
    far (``replay(referral.history) == referral``).

    Attributes:
        id: opaque identifier.
        person_id: the referred person.
        programme_id: the programme.
        referred_by: the case worker's id.
        referred_at: when the referral was made (waiting time counts from here).
        reasons: need categories the referral is for (may be special-category data:
            not in ``repr``).
        language: the language the coaching is to be held in.
        limited_mobility: whether the person's mobility was limited when referred
            (:func:`mobility_limited`); it ranks the coaches' waitlist.
        legal_basis: the programme's legal basis when referred.
        status: where the referral stands.
        coach_id: the coach, once accepted.
        starts_on: the agreed start, once accepted.
        sessions_planned: sessions of the coaching, once accepted.
        sessions_held: sessions held so far.
        findings: the coach's findings, once completed.
        outcome: why it ended, for a declined referral (no sanction attaches).
        history: every event, in order.
    """

    id: str = attrs.field(validator=_non_empty)
    person_id: str = attrs.field(validator=_non_empty)
    programme_id: str = attrs.field(validator=_non_empty)
    referred_by: str = attrs.field(validator=_non_empty)
    referred_at: DateTime = attrs.field(converter=_instant)
    reasons: frozenset[NeedCategory] = attrs.field(
        converter=_categories, validator=_some_categories, repr=False
    )
    language: str = attrs.field(validator=_non_empty)
    limited_mobility: bool = attrs.field(repr=False)
    legal_basis: tuple[LegalReference, ...] = attrs.field(converter=_references, repr=False)
    status: ReferralStatus = ReferralStatus.REFERRED
    coach_id: str | None = None
    starts_on: Date | None = attrs.field(default=None, converter=_optional_date)
    sessions_planned: int | None = None
    sessions_held: int = 0
    findings: CoachingFindings | None = attrs.field(default=None, repr=False)
    outcome: Reason | None = None
    history: tuple[ReferralEvent, ...] = attrs.field(default=(), converter=_events, repr=False)

    @property
    def referred_on(self) -> Date:
        """The day of the referral (Berlin)."""
        return self.referred_at.date()

    @property
    def updated_at(self) -> DateTime:
        """The instant of the latest event."""
        return self.history[-1].at if self.history else self.referred_at

    @property
    def has_blocking_reason(self) -> bool:
        """
        Whether a reason for the referral is of a category that can block taking up work
        (childcare, acute psychosocial need …; see :class:`~jobcenter_core.needs.Blocking`).
        """
        return any(c.info.blocking is not Blocking.NEVER for c in self.reasons)


@attrs.frozen(kw_only=True)
class ReferralTransition:
    """The result of a lifecycle command: the new *referral* and the *events* it took."""

    referral: CoachingReferral
    events: tuple[ReferralEvent, ...] = attrs.field(converter=_events)


_COMMANDS: Final[Mapping[type[ReferralEvent], str]] = {
    Referred: "refer",
    Waitlisted: "waitlist",
    Accepted: "accept",
    Started: "start",
    SessionHeld: "record_session",
    Completed: "complete",
    Declined: "decline",
    Cancelled: "cancel",
    NoShow: "no_show",
}

_S = ReferralStatus
_OPEN = frozenset({_S.REFERRED, _S.WAITLISTED, _S.ACCEPTED, _S.IN_PROGRESS})
_ALLOWED: Final[Mapping[str, frozenset[ReferralStatus]]] = {
    "waitlist": frozenset({_S.REFERRED}),
    "accept": frozenset({_S.REFERRED, _S.WAITLISTED}),
    "start": frozenset({_S.ACCEPTED}),
    "record_session": frozenset({_S.IN_PROGRESS}),
    "complete": frozenset({_S.IN_PROGRESS}),
    "decline": _OPEN,
    "cancel": _OPEN,
    "no_show": frozenset({_S.ACCEPTED, _S.IN_PROGRESS}),
}
"""Which status each command applies in; anything else raises InvalidTransition."""


def _check(referral: CoachingReferral, command: str, at: DateTime) -> None:
    if referral.status not in _ALLOWED[command]:
        raise InvalidTransition(status=referral.status.value, command=command)
    if at < referral.updated_at:
        raise InvalidTransition(
            status=referral.status.value,
            command=command,
            detail="the instant is before the referral's latest event",
        )


def _apply(referral: CoachingReferral | None, event: ReferralEvent) -> CoachingReferral:
    """The referral after *event*; the one place where state changes (commands and replay)."""
    command = _COMMANDS.get(type(event))
    if command is None:
        raise TypeError(f"not a referral event: {type(event).__name__}")
    if isinstance(event, Referred):
        if referral is not None:
            raise InvalidTransition(status=referral.status.value, command=command)
        return CoachingReferral(
            id=event.referral_id,
            person_id=event.person_id,
            programme_id=event.programme_id,
            referred_by=event.referred_by,
            referred_at=event.at,
            reasons=event.reasons,
            language=event.language,
            limited_mobility=event.limited_mobility,
            legal_basis=event.legal_basis,
            history=(event,),
        )
    if referral is None:
        raise InvalidTransition(status="none", command=command, detail="no referral yet")
    if event.referral_id != referral.id:
        raise InvalidInput.one("$.referral_id", "does not match the referral")
    _check(referral, command, event.at)
    history = (*referral.history, event)
    if isinstance(event, Waitlisted):
        return attrs.evolve(referral, status=_S.WAITLISTED, history=history)
    if isinstance(event, Accepted):
        return attrs.evolve(
            referral,
            status=_S.ACCEPTED,
            coach_id=event.coach_id,
            starts_on=event.starts_on,
            sessions_planned=event.sessions_planned,
            history=history,
        )
    if isinstance(event, Started):
        assert referral.starts_on is not None
        if event.at.date() < referral.starts_on:
            raise InvalidTransition(
                status=referral.status.value, command=command, detail="before the agreed start"
            )
        return attrs.evolve(referral, status=_S.IN_PROGRESS, history=history)
    if isinstance(event, SessionHeld):
        assert referral.sessions_planned is not None
        if referral.sessions_held >= referral.sessions_planned:
            raise InvalidTransition(
                status=referral.status.value,
                command=command,
                detail="every planned session has been held",
            )
        if event.number != referral.sessions_held + 1:
            raise InvalidInput.one("$.number", "is not the next session number")
        return attrs.evolve(referral, sessions_held=event.number, history=history)
    if isinstance(event, Completed):
        if referral.sessions_held < 1:
            raise InvalidTransition(
                status=referral.status.value, command=command, detail="no session held yet"
            )
        findings = event.findings
        problems = []
        if findings.referral_id != referral.id:
            problems.append(Problem("$.findings.referral_id", "does not match the referral"))
        if findings.person_id != referral.person_id:
            problems.append(Problem("$.findings.person_id", "is not the referred person"))
        if findings.coach_id != referral.coach_id:
            problems.append(Problem("$.findings.coach_id", "is not the referral's coach"))
        if problems:
            raise InvalidInput(problems)
        return attrs.evolve(referral, status=_S.COMPLETED, findings=findings, history=history)
    if isinstance(event, Declined):
        return attrs.evolve(referral, status=_S.DECLINED, outcome=event.reason, history=history)
    if isinstance(event, Cancelled):
        return attrs.evolve(referral, status=_S.CANCELLED, history=history)
    assert isinstance(event, NoShow)
    return attrs.evolve(referral, status=_S.NO_SHOW, history=history)


def _step(referral: CoachingReferral, event: ReferralEvent) -> ReferralTransition:
    return ReferralTransition(referral=_apply(referral, event), events=(event,))


def replay(events: Iterable[ReferralEvent]) -> CoachingReferral:
    """
    The referral rebuilt from its *events* (the first must be :class:`Referred`).

    Each event is checked as the command that made it was — status, order in time, start
    date, session count — so a history that no sequence of commands could produce raises
    :class:`~jobcenter_core.errors.InvalidTransition`. Only the coach's capacity is not
    re-checked: it depends on the other referrals, and was checked when the referral was
    accepted.

    >>> from jobcenter_core.coaching import Waitlisted, replay
    >>> from jobcenter_core.dates import at_berlin
    >>> replay([Waitlisted(referral_id="r-1", at=at_berlin(2022, 6, 22, 10))])
    Traceback (most recent call last):
    ...
    jobcenter_core.errors.InvalidTransition: cannot 'waitlist' when status is 'none': no referral yet
    """
    referral: CoachingReferral | None = None
    for event in events:
        referral = _apply(referral, event)
    if referral is None:
        raise InvalidInput.one("$", "needs at least the Referred event")
    return referral


def refer(
    programme: CoachingProgramme,
    *,
    id: str,
    person_id: str,
    referred_by: str,
    reasons: Iterable[NeedCategory],
    language: str,
    limited_mobility: bool,
    at: _dt.datetime,
) -> ReferralTransition:
    """
    A case worker (*referred_by*) refers a person to *programme* for the need categories
    *reasons*, to be coached in *language*.

    *limited_mobility* is usually :func:`mobility_limited`'s value; it ranks the coaches'
    waitlist (:func:`coaching_priority`). Check the fit first with :func:`referral_fit`.

    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages=frozenset({"uk"}),
    ...     delivery=Delivery.ONLINE,
    ...     coaches=(Coach(id="c-1", languages=frozenset({"uk"}), weekly_capacity=5),),
    ...     sessions_per_coaching=4,
    ... )
    >>> t = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...           reasons=[NeedCategory.CHILDCARE], language="uk", limited_mobility=True,
    ...           at=at_berlin(2022, 6, 22, 10))
    >>> t.referral.status, t.referral.referred_on, [type(e).__name__ for e in t.events]
    (<ReferralStatus.REFERRED: 'referred'>, Date(2022, 6, 22), ['Referred'])
    >>> refer(programme, id="r-2", person_id="p-1", referred_by="cw-1",
    ...       reasons=[NeedCategory.CHILDCARE], language="ru", limited_mobility=True,
    ...       at=at_berlin(2022, 6, 22, 10))
    Traceback (most recent call last):
    ...
    jobcenter_core.errors.InvalidInput: 1 problem in input:
      $.language: not a language of the programme

    References:
        SGB II § 16 Abs. 1 with SGB III § 45; SGB II § 16k.
    """
    if language not in programme.languages:
        raise InvalidInput.one("$.language", "not a language of the programme")
    event = Referred(
        referral_id=id,
        at=at,
        person_id=person_id,
        programme_id=programme.id,
        referred_by=referred_by,
        reasons=reasons,
        language=language,
        limited_mobility=limited_mobility,
        legal_basis=programme.legal_basis,
    )
    return ReferralTransition(referral=_apply(None, event), events=(event,))


def waitlist(referral: CoachingReferral, *, at: _dt.datetime) -> ReferralTransition:
    """
    No coach is free: the referral waits for one.

    >>> import pendulum
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> referral = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10)).referral
    >>> t = waitlist(referral, at=at_berlin(2022, 6, 23, 9))
    >>> t.referral.status
    <ReferralStatus.WAITLISTED: 'waitlisted'>
    >>> waitlist(t.referral, at=at_berlin(2022, 6, 23, 9))
    Traceback (most recent call last):
    ...
    jobcenter_core.errors.InvalidTransition: cannot 'waitlist' when status is 'waitlisted'
    """
    return _step(referral, Waitlisted(referral_id=referral.id, at=at))


def coach_loads(
    programme: CoachingProgramme, caseload: Iterable[CoachingReferral]
) -> Mapping[str, int]:
    """
    For each coach of *programme*, how many referrals of *caseload* the coach holds
    (accepted or in progress).

    >>> import pendulum
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> referral = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10)).referral
    >>> accepted = accept(referral, programme, coach_id="coach-1", caseload=(),
    ...                   starts_on=pendulum.date(2022, 6, 27), at=at_berlin(2022, 6, 23, 9)).referral
    >>> coach_loads(programme, [accepted])
    {'coach-1': 1}
    """
    loads = {c.id: 0 for c in programme.coaches}
    seen: set[str] = set()
    for r in caseload:
        if r.id in seen:
            continue
        seen.add(r.id)
        if r.programme_id == programme.id and r.status.is_active and r.coach_id in loads:
            assert r.coach_id is not None
            loads[r.coach_id] += 1
    return loads


def _accepted(
    referral: CoachingReferral,
    programme: CoachingProgramme,
    coach: Coach,
    starts_on: _dt.date,
    at: _dt.datetime,
) -> ReferralTransition:
    event = Accepted(
        referral_id=referral.id,
        at=at,
        coach_id=coach.id,
        starts_on=starts_on,
        sessions_planned=programme.sessions_per_coaching,
    )
    return _step(referral, event)


def accept(
    referral: CoachingReferral,
    programme: CoachingProgramme,
    *,
    coach_id: str,
    starts_on: _dt.date,
    caseload: Iterable[CoachingReferral],
    at: _dt.datetime,
) -> ReferralTransition:
    """
    Coach *coach_id* takes the referral from *starts_on*, capacity permitting.

    *caseload* is the programme's other referrals; the coach must hold fewer accepted or
    running coachings than the weekly capacity. A full coach raises
    :class:`~jobcenter_core.errors.InvalidTransition` (use :func:`allocate_coaches` to
    assign only where there is room). A coach who is not the programme's, or who does
    not coach in the referral's language, is an input error.

    >>> import pendulum
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> referral = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10)).referral
    >>> t = accept(referral, programme, coach_id="coach-1", caseload=(),
    ...            starts_on=pendulum.date(2022, 6, 27), at=at_berlin(2022, 6, 23, 9))
    >>> t.referral.status, t.referral.sessions_planned
    (<ReferralStatus.ACCEPTED: 'accepted'>, 3)
    >>> full = [attrs.evolve(t.referral, id=f"r-{i}") for i in (2, 3)]
    >>> accept(referral, programme, coach_id="coach-1", caseload=full,
    ...        starts_on=pendulum.date(2022, 6, 27), at=at_berlin(2022, 6, 23, 9))
    Traceback (most recent call last):
    ...
    jobcenter_core.errors.InvalidTransition: cannot 'accept' when status is 'referred': the coach has no free capacity
    """
    at_instant = berlin_instant(at)
    _check(referral, "accept", at_instant)
    if referral.programme_id != programme.id:
        raise InvalidInput.one("$.programme.id", "is not the referral's programme")
    try:
        coach = programme.coach(coach_id)
    except KeyError:
        raise InvalidInput.one("$.coach_id", "not a coach of the programme") from None
    if referral.language not in coach.languages:
        raise InvalidInput.one("$.coach_id", "the coach does not coach in the referral's language")
    others = [r for r in caseload if r.id != referral.id]
    if coach_loads(programme, others)[coach.id] >= coach.weekly_capacity:
        raise InvalidTransition(
            status=referral.status.value, command="accept", detail="the coach has no free capacity"
        )
    return _accepted(referral, programme, coach, starts_on, at_instant)


def start(referral: CoachingReferral, *, at: _dt.datetime) -> ReferralTransition:
    """
    The coaching begins (not before the agreed start).

    >>> import pendulum
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> referral = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10)).referral
    >>> accepted = accept(referral, programme, coach_id="coach-1", caseload=(),
    ...                   starts_on=pendulum.date(2022, 6, 27), at=at_berlin(2022, 6, 23, 9)).referral
    >>> start(accepted, at=at_berlin(2022, 6, 27, 10)).referral.status
    <ReferralStatus.IN_PROGRESS: 'in_progress'>
    """
    return _step(referral, Started(referral_id=referral.id, at=at))


def record_session(referral: CoachingReferral, *, at: _dt.datetime) -> ReferralTransition:
    """
    One more one-to-one session was held (at most the planned number).

    >>> import pendulum
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> referral = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10)).referral
    >>> accepted = accept(referral, programme, coach_id="coach-1", caseload=(),
    ...                   starts_on=pendulum.date(2022, 6, 27), at=at_berlin(2022, 6, 23, 9)).referral
    >>> t = start(accepted, at=at_berlin(2022, 6, 27, 10))
    >>> record_session(t.referral, at=at_berlin(2022, 6, 27, 11)).referral.sessions_held
    1
    """
    event = SessionHeld(referral_id=referral.id, at=at, number=referral.sessions_held + 1)
    return _step(referral, event)


def complete(
    referral: CoachingReferral, findings: CoachingFindings, *, at: _dt.datetime
) -> ReferralTransition:
    """
    The coach completes the coaching (after at least one session) and reports
    *findings*; feed them into the needs profile with :func:`apply_findings`.

    >>> import pendulum
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> referral = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10)).referral
    >>> accepted = accept(referral, programme, coach_id="coach-1", caseload=(),
    ...                   starts_on=pendulum.date(2022, 6, 27), at=at_berlin(2022, 6, 23, 9)).referral
    >>> t = start(accepted, at=at_berlin(2022, 6, 27, 10))
    >>> t = record_session(t.referral, at=at_berlin(2022, 6, 27, 11))
    >>> findings = CoachingFindings(referral_id="r-1", person_id="p-1", coach_id="coach-1",
    ...                             recorded_on=pendulum.date(2022, 6, 27))
    >>> complete(t.referral, findings, at=at_berlin(2022, 6, 27, 12)).referral.status
    <ReferralStatus.COMPLETED: 'completed'>
    """
    return _step(referral, Completed(referral_id=referral.id, at=at, findings=findings))


def decline(referral: CoachingReferral, *, at: _dt.datetime) -> ReferralTransition:
    """
    The person declines the coaching; the referral records that no sanction attaches.

    Under SGB II § 16k (since 2023-07-01) Abs. 4 excludes the sanction for refusing a
    measure (§ 31 Abs. 1 S. 1 Nr. 3); a referral under § 16 with SGB III § 45 is a
    voluntary offer made without a written notice of legal consequences, so § 31 Abs. 1
    S. 1 Nr. 3 does not apply either. Either way the outcome carries the code
    ``no_sanctions_attach`` and cites the provision.

    >>> import pendulum
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> referral = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10)).referral
    >>> from jobcenter_core.coaching import decline
    >>> t = decline(referral, at=at_berlin(2022, 6, 23, 9))
    >>> t.referral.status, t.referral.outcome.code, str(t.referral.outcome.reference)
    (<ReferralStatus.DECLINED: 'declined'>, 'no_sanctions_attach', 'SGB II § 31 Abs. 1 S. 1 Nr. 3')

    References:
        SGB II § 16k Abs. 4; SGB II § 31 Abs. 1 S. 1 Nr. 3.
    """
    if any(r.law == "SGB II" and r.section == "16k" for r in referral.legal_basis):
        reason = Reason(
            code="no_sanctions_attach",
            message="declined holistic coaching: no sanction for refusing it",
            reference=_SECTION_16K_NO_SANCTION,
        )
    else:
        reason = Reason(
            code="no_sanctions_attach",
            message="declined a voluntary referral made without notice of legal "
            "consequences: no sanction",
            reference=_SECTION_31_MEASURE,
        )
    return _step(referral, Declined(referral_id=referral.id, at=at, reason=reason))


def cancel(referral: CoachingReferral, *, by: str, at: _dt.datetime) -> ReferralTransition:
    """
    The job centre or the provider (*by*, an id) cancels the referral.

    >>> import pendulum
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> referral = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10)).referral
    >>> from jobcenter_core.coaching import cancel
    >>> cancel(referral, by="cw-1", at=at_berlin(2022, 6, 23, 9)).referral.status
    <ReferralStatus.CANCELLED: 'cancelled'>
    """
    return _step(referral, Cancelled(referral_id=referral.id, at=at, by=by))


def no_show(referral: CoachingReferral, *, at: _dt.datetime) -> ReferralTransition:
    """
    The person did not come to the accepted or running coaching; the place is freed.

    >>> import pendulum
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> referral = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10)).referral
    >>> accepted = accept(referral, programme, coach_id="coach-1", caseload=(),
    ...                   starts_on=pendulum.date(2022, 6, 27), at=at_berlin(2022, 6, 23, 9)).referral
    >>> no_show(accepted, at=at_berlin(2022, 6, 27, 11)).referral.status
    <ReferralStatus.NO_SHOW: 'no_show'>
    >>> no_show(referral, at=at_berlin(2022, 6, 27, 11))
    Traceback (most recent call last):
    ...
    jobcenter_core.errors.InvalidTransition: cannot 'no_show' when status is 'referred'
    """
    return _step(referral, NoShow(referral_id=referral.id, at=at))


# --- priority and allocation ------------------------------------------------------------

PriorityKey: TypeAlias = tuple[int, int, float, str]
"""
A sort key of the coaches' waitlist: smaller comes first. Its instant is
``instant_order(referred_at)``, so that the order is by the actual instant also in the
hour the clocks go back (Berlin date-times compare by wall clock).
"""


def _mobility_first(referral: CoachingReferral) -> PriorityKey:
    return (
        0 if referral.limited_mobility else 1,
        0 if referral.has_blocking_reason else 1,
        instant_order(referral.referred_at),
        referral.id,
    )


def _blocking_first(referral: CoachingReferral) -> PriorityKey:
    return (
        0 if referral.has_blocking_reason else 1,
        0 if referral.limited_mobility else 1,
        instant_order(referral.referred_at),
        referral.id,
    )


def _first_come(referral: CoachingReferral) -> PriorityKey:
    return (0, 0, instant_order(referral.referred_at), referral.id)


COACHING_ORDERINGS: Final[Mapping[str, Callable[[CoachingReferral], PriorityKey]]] = {
    "mobility_first": _mobility_first,
    "blocking_first": _blocking_first,
    "first_come": _first_come,
}
"""
The named orderings of the coaches' waitlist that ``policy.coaching_priority`` can name:

* ``mobility_first`` (default): limited mobility first, then a reason that can block
  taking up work, then the earlier referral, then the referral id;
* ``blocking_first``: a blocking reason first, then limited mobility, then as above;
* ``first_come``: the earlier referral, then the referral id.
"""


def coaching_priority(
    referral: CoachingReferral, *, on: _dt.date, policy: Policy = DEFAULT_POLICY
) -> PriorityKey:
    """
    The referral's place in the coaches' waitlist: a sort key, smaller first.

    The ordering is the one ``policy.coaching_priority`` names on day *on* (see
    :data:`COACHING_ORDERINGS`); by default limited mobility first, then a referral
    reason that can block taking up work (childcare, an acute psychosocial need), then
    waiting time (earlier referral first), then the referral id — deterministic, whatever
    the order the referrals come in.

    >>> import pendulum
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> referral = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10)).referral
    >>> coaching_priority(referral, on=pendulum.date(2022, 6, 23))[:2]
    (0, 0)

    References:
        SGB II § 10 Abs. 1 Nr. 3 and Abs. 3 (why limited mobility through missing
        childcare comes first).
    """
    return _ordering(policy, on)(referral)


def _ordering(policy: Policy, on: _dt.date) -> Callable[[CoachingReferral], PriorityKey]:
    name = policy.coaching_priority.at(on)
    try:
        return COACHING_ORDERINGS[name]
    except KeyError:
        known = ", ".join(COACHING_ORDERINGS)
        raise InvalidPolicy(f"unknown coaching priority {name!r}; known: {known}") from None


@attrs.frozen(kw_only=True)
class CoachAssignment:
    """Referral *referral_id* went to coach *coach_id*, starting on *starts_on*."""

    referral_id: str
    coach_id: str
    starts_on: Date = attrs.field(converter=as_date)


@attrs.frozen(kw_only=True)
class Waiting:
    """Referral *referral_id* still waits, and *reason* says why."""

    referral_id: str
    reason: Reason


def _referrals(items: Iterable[CoachingReferral]) -> tuple[CoachingReferral, ...]:
    return tuple(items)


def _assignments(items: Iterable[CoachAssignment]) -> tuple[CoachAssignment, ...]:
    return tuple(items)


def _waiting(items: Iterable[Waiting]) -> tuple[Waiting, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class CoachAllocation:
    """
    The outcome of :func:`allocate_coaches`.

    Attributes:
        referrals: every input referral, updated, in input order.
        assignments: the referrals that got a coach, in priority order.
        waiting: the referrals still waiting, in priority order, each with its reason.
        events: every event the allocation took, in order.
    """

    referrals: tuple[CoachingReferral, ...] = attrs.field(converter=_referrals)
    assignments: tuple[CoachAssignment, ...] = attrs.field(converter=_assignments)
    waiting: tuple[Waiting, ...] = attrs.field(converter=_waiting)
    events: tuple[ReferralEvent, ...] = attrs.field(converter=_events)

    def explain(self, referral_id: str) -> str:
        """
        Why referral *referral_id* got a coach or still waits.

        >>> CoachAllocation(referrals=(), assignments=(), waiting=(), events=()).explain("r-9")
        'r-9: not waiting for a coach in this allocation'
        """
        for a in self.assignments:
            if a.referral_id == referral_id:
                return f"{referral_id}: assigned to {a.coach_id} from {a.starts_on}"
        for w in self.waiting:
            if w.referral_id == referral_id:
                return f"{referral_id}: waiting, {w.reason}"
        return f"{referral_id}: not waiting for a coach in this allocation"


_ALREADY_COACHED: Final = Reason(
    code="already_in_coaching", message="the person already has a coach in this programme"
)
_NO_COACH: Final = Reason(
    code="no_coach_for_language", message="no coach coaches in the referral's language"
)
_COACHES_FULL: Final = Reason(
    code="coaches_full", message="every coach for the language is fully booked"
)


def allocate_coaches(
    referrals: Iterable[CoachingReferral],
    programme: CoachingProgramme,
    *,
    at: _dt.datetime,
    starts_on: _dt.date | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> CoachAllocation:
    """
    Assign the waiting referrals of *programme* to coaches within their weekly capacity.

    The waiting referrals (referred or waitlisted) are taken in :func:`coaching_priority`
    order; each goes to a coach who coaches in its language and holds fewer coachings
    than the weekly capacity — the one with the most free places, then the smaller coach
    id — starting on *starts_on* (default: the day of *at*). A referral that finds no
    coach stays waiting with a reason (no coach for its language, every such coach full,
    the person already coached in this programme); a newly referred one is waitlisted.
    Accepted, running and finished referrals only count towards the coaches' load.

    Invariants (tested as properties): no coach above capacity; every waiting referral
    ends in exactly one of ``assignments`` and ``waiting``; the same result whatever the
    input order.

    >>> import pendulum
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> waiting = [refer(programme, id=f"r-{i}", person_id=f"p-{i}", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10 + i)).referral
    ...            for i in (1, 2, 3)]
    >>> result = allocate_coaches(waiting, programme, at=at_berlin(2022, 6, 23, 9))
    >>> [(a.referral_id, a.coach_id) for a in result.assignments]
    [('r-1', 'coach-1'), ('r-2', 'coach-1')]
    >>> print(result.explain("r-3"))
    r-3: waiting, every coach for the language is fully booked (coaches_full)

    References:
        SGB II § 16 Abs. 1 with SGB III § 45.
    """
    at_instant = berlin_instant(at)
    begin = as_date(starts_on) if starts_on is not None else at_instant.date()
    items = tuple(referrals)
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, r in enumerate(items):
        if r.id in seen:
            problems.append(Problem(f"$[{i}].id", "duplicate referral id"))
        seen.add(r.id)
        if r.programme_id != programme.id:
            problems.append(Problem(f"$[{i}].programme_id", "is not the programme's id"))
    if problems:
        raise InvalidInput(problems)

    loads = dict(coach_loads(programme, items))
    coached = {r.person_id for r in items if r.status.is_active}
    queue = sorted(
        (r for r in items if r.status.is_waiting), key=_ordering(policy, at_instant.date())
    )
    by_language = {code: programme.coaches_for(code) for code in programme.languages}
    full: set[str] = set()  # languages whose coaches are all booked (loads only grow here)
    updated: dict[str, CoachingReferral] = {}
    assignments: list[CoachAssignment] = []
    waiting: list[Waiting] = []
    events: list[ReferralEvent] = []
    for referral in queue:
        reason: Reason | None = None
        coaches = by_language.get(referral.language, ())
        free = (
            []
            if referral.language in full
            else [c for c in coaches if loads[c.id] < c.weekly_capacity]
        )
        if referral.person_id in coached:
            reason = _ALREADY_COACHED
        elif not coaches:
            reason = _NO_COACH
        elif not free:
            full.add(referral.language)
            reason = _COACHES_FULL
        if reason is None:
            coach = min(free, key=lambda c: (loads[c.id] - c.weekly_capacity, c.id))
            transition = _accepted(referral, programme, coach, begin, at_instant)
            loads[coach.id] += 1
            coached.add(referral.person_id)
            assignments.append(
                CoachAssignment(referral_id=referral.id, coach_id=coach.id, starts_on=begin)
            )
        else:
            waiting.append(Waiting(referral_id=referral.id, reason=reason))
            if referral.status is not _S.REFERRED:
                continue
            transition = waitlist(referral, at=at_instant)
        updated[referral.id] = transition.referral
        events.extend(transition.events)
    return CoachAllocation(
        referrals=tuple(updated.get(r.id, r) for r in items),
        assignments=tuple(assignments),
        waiting=tuple(waiting),
        events=tuple(events),
    )
