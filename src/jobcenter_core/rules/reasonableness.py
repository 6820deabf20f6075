"""
Reasonableness of work (*Zumutbarkeit*, SGB II § 10 Abs. 1 Nr. 3 and 4): work is
unreasonable if it would endanger the upbringing of one's own or the partner's child (a
child under 3 completed years, for one caring parent; an older child only while its care
is not secured), or if it cannot be reconciled with caring for a relative whose care
cannot be secured otherwise. The same limits apply to integration measures (Abs. 3).
"""

from __future__ import annotations

import datetime as _dt

from jobcenter_core.dates import completed_years
from jobcenter_core.decisions import Assumption, Decision, Reason, combine, sgb2
from jobcenter_core.households import Household
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Person
from jobcenter_core.rules._inputs import require_member

__all__ = ["is_the_caring_parent", "work_is_reasonable"]

_CHILD_UPBRINGING = sgb2("10", "1", number="3")
_RELATIVE_CARE = sgb2("10", "1", number="4")
_NO_CARE_OBLIGATIONS = Reason(
    code="no_care_obligations",
    message="no children or relatives to care for",
    reference=sgb2("10", "1"),
)
_RELATIVE_CARE_SECURED_OTHERWISE = Reason(
    code="relative_care_secured_otherwise",
    message="the care of a relative can be secured otherwise",
    reference=_RELATIVE_CARE,
)
_MARKED_PRIMARY_CARER = Reason(
    code="marked_primary_carer",
    message="marked as the parent who cares for the children",
    reference=_CHILD_UPBRINGING,
)
_PARTNER_MARKED_PRIMARY_CARER = Reason(
    code="partner_marked_primary_carer",
    message="the partner is marked as the parent who cares for the children",
    reference=_CHILD_UPBRINGING,
)
_SOLE_PARENT = Reason(
    code="sole_parent",
    message="no partner in the household: the parent who cares for the children",
    reference=_CHILD_UPBRINGING,
)
_NO_PRIMARY_CARER_MARKED = Reason(
    code="no_primary_carer_marked",
    message="neither parent is marked as the one who cares for the children",
    reference=_CHILD_UPBRINGING,
)
_CARING_FOR_RELATIVE = Reason(
    code="caring_for_relative",
    message="cares for a relative and the care cannot be secured otherwise",
    reference=_RELATIVE_CARE,
)


def work_is_reasonable(
    person: Person,
    household: Household,
    *,
    on: _dt.date,
    policy: Policy = DEFAULT_POLICY,
) -> Decision[bool]:
    """
    Whether work is reasonable (*zumutbar*) for *person* on *on*, as far as the
    upbringing of children and the care of relatives go.

    Children of the person or of the person's partner count. A child under 3 completed
    years, or a child from 3 up to the care age (14, a local parameter) whose care is
    not secured (no Kita, childminder, school or other care), makes work unreasonable
    for *one* caring parent: the member marked ``primary_carer``; a sole parent; or,
    when two parents live together and neither is marked, the person asked (presumed,
    listed in ``missing``). Caring for a relative whose care cannot be secured otherwise
    also makes work unreasonable. Other grounds of § 10 are not modelled.

    >>> import pendulum
    >>> from jobcenter_core.people import Person, Sex
    >>> from jobcenter_core.households import (
    ...     ChildCare, Household, Member, Relationship, RelationshipKind)
    >>> mum = Person(id="m", birth_date=pendulum.date(1990, 2, 1), sex=Sex.FEMALE)
    >>> baby = Person(id="b", birth_date=pendulum.date(2021, 3, 1), sex=Sex.MALE)
    >>> h = Household(id="h", members=(Member(person=mum), Member(person=baby)),
    ...               relationships=(Relationship(person="b", kind=RelationshipKind.CHILD, of="m"),))
    >>> work_is_reasonable(mum, h, on=pendulum.date(2022, 6, 21)).codes
    ('child_under_age_cared_for',)
    >>> work_is_reasonable(mum, h, on=pendulum.date(2024, 3, 1)).codes
    ('child_care_presumed_not_secured',)

    References:
        SGB II § 10 Abs. 1 Nr. 3 and 4.
    """
    require_member(household, person.id, "$.person.id")
    decision = combine(
        _upbringing_allows_work(person, household, on=on, policy=policy),
        _care_of_relatives_allows_work(person, household),
    )
    if not decision.reasons:
        return Decision(value=True, reasons=(_NO_CARE_OBLIGATIONS,))
    return decision


def _upbringing_allows_work(
    person: Person, household: Household, *, on: _dt.date, policy: Policy
) -> Decision[bool]:
    """
    Nr. 3: the children of *person* or of the partner born by *on*: under the young age
    (3) they need a caring parent; up to the care age (14) they need secured care (an
    unknown care is presumed not secured). Work is unreasonable for the caring parent
    only. No reasons without children.
    """
    young_age = policy.reasonable_child_age.at(on)
    young_ref = policy.reasonable_child_age.reference_at(on) or _CHILD_UPBRINGING
    care_age = policy.care_required_below_age.at(on)
    care_ref = policy.care_required_below_age.reference_at(on) or _CHILD_UPBRINGING

    couple = [person.id, *household.partners_of(person.id)]
    children: dict[str, int] = {}
    for parent in couple:
        for c in household.children_of(parent):
            born = household.person(c).birth_date
            if c != person.id and born <= on:
                children[c] = completed_years(born, on=on)
    young = [c for c, years in children.items() if years < young_age]
    uncared: list[str] = []
    presumed_uncared: list[str] = []
    for c, years in children.items():
        if years < young_age or years >= care_age:
            continue
        care = household.member(c).child_care
        if care is None:
            presumed_uncared.append(c)
        elif not care.is_secured:
            uncared.append(c)
    if not children:
        return Decision(value=True)
    if not (young or uncared or presumed_uncared):
        secured = Reason(
            code="child_care_secured",
            message="every child is old enough or its care is secured",
            reference=care_ref,
        )
        return Decision(value=True, reasons=(secured,))

    reasons: list[Reason] = []
    caring = is_the_caring_parent(person, household)
    person_cares = caring.value
    missing = list(caring.missing)
    if young:
        if person_cares:
            code, message = (
                "child_under_age_cared_for",
                f"cares for a child under {young_age} years",
            )
        else:
            code = "partner_cares_for_young_child"
            message = f"the partner cares for the children under {young_age} years"
        reasons.append(Reason(code=code, message=message, reference=young_ref))
    if uncared or presumed_uncared:
        if presumed_uncared:
            missing.append(
                Assumption(
                    fact="child_care", presumed=f"not secured for {', '.join(presumed_uncared)}"
                )
            )
        if person_cares:
            code = "child_care_not_secured" if uncared else "child_care_presumed_not_secured"
            message = f"care of a child aged {young_age} to {care_age - 1} years is not secured"
        else:
            code = "partner_cares_for_child_without_care"
            message = "the partner cares for the children whose care is not secured"
        reasons.append(Reason(code=code, message=message, reference=care_ref))
    return Decision(value=not person_cares, reasons=reasons, missing=missing)


def is_the_caring_parent(person: Person, household: Household) -> Decision[bool]:
    """
    Whether *person* is the one parent whom § 10 Abs. 1 Nr. 3 spares for the upbringing of
    the children: the member marked ``primary_carer`` (of the person and the partner); a
    sole parent; or, when two parents live together and neither is marked, the person
    asked (presumed, and listed in ``missing``).

    :func:`work_is_reasonable` and :func:`~jobcenter_core.rules.employment_readiness` both
    ask this, so that they never disagree about who cares for the children.

    >>> import pendulum
    >>> from jobcenter_core.people import Person, Sex
    >>> from jobcenter_core.households import Household, Member, Relationship, RelationshipKind
    >>> mum = Person(id="m", birth_date=pendulum.date(1990, 2, 1), sex=Sex.FEMALE)
    >>> dad = Person(id="d", birth_date=pendulum.date(1988, 7, 9), sex=Sex.MALE)
    >>> h = Household(id="h", members=(Member(person=mum, primary_carer=True), Member(person=dad)),
    ...               relationships=(Relationship(person="d", kind=RelationshipKind.SPOUSE, of="m"),))
    >>> is_the_caring_parent(mum, h).codes, is_the_caring_parent(dad, h).codes
    (('marked_primary_carer',), ('partner_marked_primary_carer',))

    References:
        SGB II § 10 Abs. 1 Nr. 3.
    """
    require_member(household, person.id, "$.person.id")
    couple = [person.id, *household.partners_of(person.id)]
    designated = [p for p in couple if household.member(p).primary_carer]
    if person.id in designated:
        return Decision(value=True, reasons=(_MARKED_PRIMARY_CARER,))
    if designated:
        return Decision(value=False, reasons=(_PARTNER_MARKED_PRIMARY_CARER,))
    if len(couple) == 1:
        return Decision(value=True, reasons=(_SOLE_PARENT,))
    presumed = Assumption(
        fact="primary_carer", presumed=f"{person.id} is the parent who cares for the children"
    )
    return Decision(value=True, reasons=(_NO_PRIMARY_CARER_MARKED,), missing=(presumed,))


def _care_of_relatives_allows_work(person: Person, household: Household) -> Decision[bool]:
    """Nr. 4: caring for a relative whose care cannot be secured otherwise."""
    allowed = True
    reasons: list[Reason] = []
    for arrangement in household.care_arrangements:
        if arrangement.carer != person.id:
            continue
        if arrangement.secured_otherwise:
            reasons.append(_RELATIVE_CARE_SECURED_OTHERWISE)
        else:
            allowed = False
            reasons.append(_CARING_FOR_RELATIVE)
    return Decision(value=allowed, reasons=reasons)
