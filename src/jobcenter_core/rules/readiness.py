"""
Readiness for work (rules/readiness.py): whether a person can take up work now.

:func:`~jobcenter_core.rules.employment_readiness` joins employability (SGB II § 8), reasonableness (§ 10) and
the unmet needs that block work into one :class:`Readiness` answer.

References:
    SGB II § 8, § 10 Abs. 1 Nr. 3 and 4, § 16a.
"""

from __future__ import annotations

import datetime as _dt
import enum

from jobcenter_core.decisions import Decision, Reason, sgb2
from jobcenter_core.errors import InvalidInput
from jobcenter_core.households import Household
from jobcenter_core.needs import Need, NeedCategory, NeedsProfile
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Person
from jobcenter_core.rules.employability import is_employable
from jobcenter_core.rules.reasonableness import is_the_caring_parent, work_is_reasonable

__all__ = ["Readiness", "employment_readiness"]


class Readiness(enum.Enum):
    """Whether a person can take up work now (see :func:`~jobcenter_core.rules.employment_readiness`)."""

    READY = "ready"
    """Employable, work is reasonable and no unmet need blocks it."""
    NOT_YET = "not_yet"
    """Employable, but work is not reasonable yet or an unmet need blocks it."""
    NOT_EMPLOYABLE = "not_employable"
    """Not employable in the sense of SGB II § 8 (age, capacity, permission)."""


def _relevant_subjects(person_id: str, household: Household) -> tuple[str, ...]:
    carers = (person_id, *household.partners_of(person_id))
    children = [c for carer in carers for c in household.children_of(carer)]
    return (person_id, household.id, *dict.fromkeys(children))


def employment_readiness(
    person: Person,
    household: Household,
    profile: NeedsProfile,
    *,
    on: _dt.date,
    policy: Policy = DEFAULT_POLICY,
) -> Decision[Readiness]:
    """
    Whether *person* can take up work on *on*: employable (SGB II § 8), work reasonable
    (§ 10) and no unmet need that blocks work — the person's own, the household's, or one
    of their or their partner's children.

    A childcare need of the children (or of the household) blocks only the parent who
    cares for them, the same parent :func:`~jobcenter_core.rules.work_is_reasonable`
    spares under § 10 Abs. 1 Nr. 3 (:func:`~jobcenter_core.rules.is_the_caring_parent`:
    the marked primary carer, a sole parent, or, when neither parent is marked, the
    person asked, presumed). The other parent's readiness does not wait for it.

    Reasons from the employability and reasonableness rules are kept; each blocking
    need adds a reason (a special-category need only as "a need of a special
    category", never by name).

    >>> import pendulum
    >>> from jobcenter_core.people import Person, Sex
    >>> from jobcenter_core.households import Household, Member
    >>> from jobcenter_core.needs import Evidence, EvidenceKind, Need, NeedCategory, NeedsProfile, Urgency
    >>> p = Person(id="p-1", birth_date=pendulum.date(1990, 5, 4), sex=Sex.FEMALE, work_permitted=True)
    >>> h = Household(id="h-1", members=(Member(person=p),))
    >>> by = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")
    >>> acute = Need(subject="p-1", category=NeedCategory.PSYCHOSOCIAL_SUPPORT, urgency=Urgency.ACUTE,
    ...              identified_on=pendulum.date(2022, 6, 1), identified_by=by)
    >>> d = employment_readiness(p, h, NeedsProfile(household_id="h-1", needs=[acute]),
    ...                          on=pendulum.date(2022, 6, 21))
    >>> d.value, "special_category_need_blocks_work" in d.codes
    (<Readiness.NOT_YET: 'not_yet'>, True)

    References:
        SGB II § 8, § 10 Abs. 1 Nr. 3 and 4, § 16a.
    """
    if profile.household_id != household.id:
        raise InvalidInput.one("$.household_id", "profile belongs to another household")
    employable = is_employable(person, on=on, policy=policy)
    if not employable.value:
        return employable.map(Readiness.NOT_EMPLOYABLE)
    reasonable = work_is_reasonable(person, household, on=on, policy=policy)
    caring = is_the_caring_parent(person, household)
    blockers: list[Need] = []
    left_to_the_carer = False
    for need in profile.of(*_relevant_subjects(person.id, household)):
        if not need.blocks_work:
            continue
        if _childcare_of_the_children(need, person) and not caring.value:
            left_to_the_carer = True
            continue
        blockers.append(need)
    reasons = [*employable.reasons, *reasonable.reasons]
    for need in blockers:
        if need.category.special_category:
            reasons.append(
                Reason(
                    code="special_category_need_blocks_work",
                    message="an acute need of a special category (Art. 9 GDPR) is unmet",
                    reference=sgb2("16a"),
                )
            )
        else:
            reasons.append(
                Reason(
                    code=f"{need.category.value}_need_blocks_work",
                    message=f"unmet need blocks work: {need.category.info.german_label}",
                    reference=need.category.legal_basis,
                )
            )
    if left_to_the_carer:
        reasons.append(_CHILDCARE_LEFT_TO_THE_CARER)
    if not blockers:
        reasons.append(Reason(code="no_blocking_needs", message="no unmet need blocks work"))
    ready = reasonable.value and not blockers
    missing = (*employable.missing, *reasonable.missing)
    if left_to_the_carer or any(_childcare_of_the_children(n, person) for n in blockers):
        missing += tuple(m for m in caring.missing if m not in missing)
    return Decision(
        value=Readiness.READY if ready else Readiness.NOT_YET, reasons=reasons, missing=missing
    )


def _childcare_of_the_children(need: Need, person: Person) -> bool:
    """A childcare need recorded on a child or on the household, not on the person."""
    return need.category is NeedCategory.CHILDCARE and need.subject != person.id


_CHILDCARE_LEFT_TO_THE_CARER = Reason(
    code="childcare_need_of_the_carer",
    message="the children's open childcare need blocks the parent who cares for them, not this one",
    reference=sgb2("10", "1", number="3"),
)
