"""
Who a coaching fits (coaching/fit.py): whether a person can hardly get to the centre
(:func:`mobility_limited`) and how well a programme fits a person (:func:`referral_fit`).

The seed's coaching suits women who can hardly get out because their children have no
care place: online delivery needs no travel. Both rules answer with a
:class:`~jobcenter_core.decisions.Decision` that gives a reason for every yes and no and
lists the facts that were not asked.

References:
    SGB II § 16 Abs. 1 with SGB III § 45; SGB II § 16k; SGB II § 8; SGB II § 10 Abs. 1
    Nr. 3 and Abs. 3; SGB VIII § 24 Abs. 2 and 3.
"""

from __future__ import annotations

import datetime as _dt
import enum
from types import NoneType
from typing import Final

import attrs

from jobcenter_core.coaching.programme import CoachingProgramme, CoachingTargetGroup, Delivery
from jobcenter_core.dates import completed_years
from jobcenter_core.decisions import Assumption, Decision, Reason, cite, sgb2
from jobcenter_core.errors import InvalidInput
from jobcenter_core.households import ChildCare, Household, Member
from jobcenter_core.offers import Candidate
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Person
from jobcenter_core.rules import (
    ChildcareEntitlement,
    benefit_regime,
    childcare_entitlement,
    in_target_group,
)
from jobcenter_core.validators import instance_of

__all__ = [
    "CoachingFit",
    "Mobility",
    "mobility_limited",
    "referral_fit",
]

_INTEGRATION_BENEFITS: Final = sgb2("16", "1")
_HOLISTIC_COACHING: Final = sgb2("16k")
_CHILD_UPBRINGING: Final = sgb2("10", "1", number="3")
_MEASURES_FOR_PARENTS: Final = sgb2("10", "3")
_CARE_PLACE_ENTITLEMENT: Final = {
    ChildcareEntitlement.DAYCARE_OR_CHILDMINDER: cite("SGB VIII", "24", "2"),
    ChildcareEntitlement.KITA: cite("SGB VIII", "24", "3"),
}


def _distance(value: float | None) -> float | None:
    """An int of kilometres as a float; anything else is left for the validator."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _non_negative_distance(
    instance: object, attribute: attrs.Attribute[float | None], value: float | None
) -> None:
    # A residence detail: the message never shows the value.
    if value is None:
        return
    if not isinstance(value, float):
        raise TypeError(
            f"{attribute.name!r} must be a number of km or None (got {type(value).__name__})"
        )
    if not value >= 0:
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

    has_transport: bool | None = attrs.field(validator=instance_of((bool, NoneType)))
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


# --- mobility ---------------------------------------------------------------------------


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
    childcare = _caring_for_a_child_without_care_place(member, household, on=on, policy=policy)
    transport = _without_transport(mobility)
    distance = _far_from_centre(mobility, km=policy.coaching_far_from_centre_km.at(on))
    parts = (childcare, transport, distance)
    return Decision(
        value=any(part.value for part in parts),
        reasons=tuple(r for part in parts for r in part.reasons),
        missing=tuple(dict.fromkeys(m for part in parts for m in part.missing)),
    )


def _member_of(household: Household, person: Person) -> Member:
    try:
        return household.member(person.id)
    except KeyError:
        raise InvalidInput.one("$.person.id", "not a member of the household") from None


def _caring_for_a_child_without_care_place(
    parent: Member, household: Household, *, on: _dt.date, policy: Policy
) -> Decision[bool]:
    """
    Whether *parent* cares for a child young enough to need care that has no care place
    (SGB II § 10 Abs. 1 Nr. 3), and whether that child is entitled to one (SGB VIII § 24).
    """
    care_age = policy.care_required_below_age.at(on)
    missing: list[Assumption] = []
    needing_care = [
        child_id
        for child_id in household.children_of(parent.person.id)
        if _needs_care(household.member(child_id), on=on, below=care_age)
    ]
    cared_for_by_other_parent = 0
    without_place: list[Member] = []
    for child_id in needing_care:
        parents = household.parents_of(child_id)
        carers = [p for p in parents if household.member(p).primary_carer]
        if carers and not parent.primary_carer:
            cared_for_by_other_parent += 1
            continue
        if not carers and len(parents) > 1:
            missing.append(
                Assumption(fact="primary_carer", presumed="each parent cares for the child")
            )
        child = household.member(child_id)
        care = child.child_care
        if care is None:
            missing.append(Assumption(fact="child_care", presumed="no care place"))
            care = ChildCare.NONE
        if not care.is_secured:
            without_place.append(child)

    if without_place:
        reasons = [
            Reason(
                code="caring_for_child_without_care_place",
                message=f"cares for a child under {care_age} without a care place",
                reference=_CHILD_UPBRINGING,
            )
        ]
        entitled = {
            childcare_entitlement(child.person.birth_date, on=on, policy=policy).value
            for child in without_place
        }
        for kind, reference in _CARE_PLACE_ENTITLEMENT.items():
            if kind in entitled:
                reasons.append(
                    Reason(
                        code="care_place_entitlement",
                        message="the child is entitled to a care place: a next step",
                        reference=reference,
                    )
                )
                break
        return Decision(value=True, reasons=reasons, missing=missing)
    if needing_care and cared_for_by_other_parent == len(needing_care):
        reason = Reason(
            code="other_parent_cares",
            message="the other parent is the children's primary carer",
            reference=_CHILD_UPBRINGING,
        )
    elif needing_care:
        reason = Reason(
            code="children_cared_for",
            message=f"every child under {care_age} in the person's care has a care place",
            reference=_CHILD_UPBRINGING,
        )
    else:
        reason = Reason(code="no_child_needing_care", message=f"has no child under {care_age}")
    return Decision(value=False, reasons=(reason,), missing=missing)


def _needs_care(child: Member, *, on: _dt.date, below: int) -> bool:
    """Born by *on* and under *below* completed years."""
    born = child.person.birth_date
    return born <= on and completed_years(born, on=on) < below


def _without_transport(mobility: Mobility) -> Decision[bool]:
    if mobility.has_transport is None:
        return Decision(
            value=False,
            missing=(Assumption(fact="has_transport", presumed="can get to the centre"),),
        )
    if mobility.has_transport:
        return Decision(
            value=False, reasons=(Reason(code="has_transport", message="can get to the centre"),)
        )
    return Decision(
        value=True,
        reasons=(Reason(code="no_transport", message="has no way to get to the centre"),),
    )


def _far_from_centre(mobility: Mobility, *, km: float) -> Decision[bool]:
    distance = mobility.distance_to_centre_km
    if distance is None:
        return Decision(
            value=False,
            missing=(Assumption(fact="distance_to_centre_km", presumed=f"within {km:g} km"),),
        )
    if distance > km:
        return Decision(
            value=True,
            reasons=(Reason(code="far_from_centre", message=f"lives more than {km:g} km away"),),
        )
    return Decision(
        value=False, reasons=(Reason(code="near_centre", message=f"lives within {km:g} km"),)
    )


# --- fit --------------------------------------------------------------------------------


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
    >>> from jobcenter_core.coaching import Coach
    >>> from jobcenter_core.households import Member
    >>> from jobcenter_core.languages import CefrLevel, LanguageSkill
    >>> from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex
    >>> olena = Person(id="p-1", birth_date=pendulum.date(1990, 5, 4), sex=Sex.FEMALE,
    ...                languages=(LanguageSkill(language="uk", level=CefrLevel.NATIVE),),
    ...                residence=ResidenceStatus(document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT),
    ...                identity_registered=True)
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages=frozenset({"uk"}),
    ...     delivery=Delivery.ONLINE,
    ...     coaches=(Coach(id="c-1", languages=frozenset({"uk"}), weekly_capacity=5),),
    ...     sessions_per_coaching=4,
    ... )
    >>> fit = referral_fit(olena, Household(id="h-1", members=(Member(person=olena),)), programme,
    ...                    on=pendulum.date(2022, 6, 22),
    ...                    mobility=Mobility(has_transport=False, distance_to_centre_km=3))
    >>> fit.value
    <CoachingFit.GOOD: 'good'>
    >>> "online_suits_limited_mobility" in fit.codes
    True

    References:
        SGB II § 16 Abs. 1 with SGB III § 45; SGB II § 16k; SGB II § 8; SGB II § 10
        Abs. 1 Nr. 3 and Abs. 3.
    """
    _member_of(household, person)
    language = _speaks_a_coached_language(person, programme, on=on, policy=policy)
    regime = _regime_in_target_group(
        person, household, programme.target_group, on=on, policy=policy
    )
    rule = _meets_target_group_rule(person, household, programme.target_group, on=on, policy=policy)
    legal_basis = _legal_basis_holds(programme, on=on, policy=policy)
    limited = mobility_limited(person, household, on=on, mobility=mobility, policy=policy)
    delivery = _delivery_suits(programme.delivery, mobility_limited=limited.value)

    suitable = language.value and regime.value and rule.value and legal_basis.value
    parts = (language, regime, rule, legal_basis, limited, delivery)
    return Decision(
        value=delivery.value if suitable else CoachingFit.UNSUITABLE,
        reasons=tuple(r for part in parts for r in part.reasons),
        missing=tuple(dict.fromkeys(m for part in parts for m in part.missing)),
    )


def _speaks_a_coached_language(
    person: Person, programme: CoachingProgramme, *, on: _dt.date, policy: Policy
) -> Decision[bool]:
    """A language of the programme at the interpreter level, in which a coach coaches."""
    level = policy.interpreter_level.at(on)
    spoken = sorted(
        code
        for code in programme.languages
        if (own := person.level_in(code)) is not None and own >= level
    )
    coached = [code for code in spoken if programme.coaches_for(code)]
    if coached:
        reason = Reason(
            code="language_match",
            message=f"speaks {', '.join(coached)} at {level.value} or above, "
            "a language of the coaching",
        )
    elif spoken:
        reason = Reason(
            code="no_coach_for_language",
            message=f"no coach of the programme coaches in {', '.join(spoken)}",
        )
    else:
        reason = Reason(
            code="no_shared_language",
            message=f"speaks no language of the programme at {level.value} or above",
        )
    return Decision(value=bool(coached), reasons=(reason,))


def _regime_in_target_group(
    person: Person,
    household: Household,
    group: CoachingTargetGroup,
    *,
    on: _dt.date,
    policy: Policy,
) -> Decision[bool]:
    """The person's benefit regime is one the programme is for (SGB II § 16 Abs. 1)."""
    regime = benefit_regime(person, household, on=on, policy=policy)
    if regime.value in group.regimes:
        reason = Reason(
            code="regime_in_target_group",
            message=f"receives benefits under {regime.value.name}, as the programme requires",
            reference=_INTEGRATION_BENEFITS,
        )
        return Decision(value=True, reasons=(reason,), missing=regime.missing)
    reason = Reason(
        code="regime_outside_target_group",
        message=f"benefit regime {regime.value.name} is not one the programme is for",
        reference=_INTEGRATION_BENEFITS,
    )
    return Decision(value=False, reasons=(*regime.reasons, reason), missing=regime.missing)


def _meets_target_group_rule(
    person: Person,
    household: Household,
    group: CoachingTargetGroup,
    *,
    on: _dt.date,
    policy: Policy,
) -> Decision[bool]:
    """The person meets the programme's target-group rule (by default: employable)."""
    candidate = Candidate(person=person, household=household)
    member = in_target_group(group.rule, candidate, on=on, policy=policy)
    if member.value:
        reason = Reason(
            code="in_target_group",
            message="meets the programme's target-group rule",
            reference=_INTEGRATION_BENEFITS,
        )
    else:
        reason = Reason(
            code="outside_target_group",
            message="does not meet the programme's target-group rule",
            reference=_INTEGRATION_BENEFITS,
        )
    return Decision(value=member.value, reasons=(*member.reasons, reason), missing=member.missing)


def _legal_basis_holds(
    programme: CoachingProgramme, *, on: _dt.date, policy: Policy
) -> Decision[bool]:
    """A programme under SGB II § 16k needs § 16k in force; online under § 16k is uncertain."""
    if not programme.cites_section_16k:
        return Decision(value=True)
    if not policy.section_16k_in_force.at(on):
        reason = Reason(
            code="legal_basis_not_in_force",
            message="SGB II § 16k is not in force on that day",
            reference=policy.section_16k_in_force.reference_at(on) or _HOLISTIC_COACHING,
        )
        return Decision(value=False, reasons=(reason,))
    if programme.delivery is Delivery.ONLINE:
        reason = Reason(
            code="online_section_16k_uncertain",
            message="uncertain whether online coaching qualifies under § 16k",
            reference=_HOLISTIC_COACHING,
        )
        presumption = Assumption(
            fact="online_delivery_under_section_16k",
            presumed="qualifies (a BA note speaks of in-person work)",
        )
        return Decision(value=True, reasons=(reason,), missing=(presumption,))
    return Decision(value=True)


def _delivery_suits(delivery: Delivery, *, mobility_limited: bool) -> Decision[CoachingFit]:
    """Online suits everybody; in person is only acceptable when mobility is limited."""
    if delivery is Delivery.ONLINE and mobility_limited:
        reason = Reason(
            code="online_suits_limited_mobility",
            message="online coaching needs no travel, which suits limited mobility",
        )
        return Decision(value=CoachingFit.GOOD, reasons=(reason,))
    if delivery is Delivery.ONLINE:
        reason = Reason(code="online_delivery", message="held online")
        return Decision(value=CoachingFit.GOOD, reasons=(reason,))
    if mobility_limited:
        reason = Reason(
            code="in_person_despite_limited_mobility",
            message="held in person although mobility is limited: online is preferred",
            reference=_MEASURES_FOR_PARENTS,
        )
        return Decision(value=CoachingFit.ACCEPTABLE, reasons=(reason,))
    reason = Reason(code="in_person_reachable", message="can reach an in-person coaching")
    return Decision(value=CoachingFit.GOOD, reasons=(reason,))
