"""
Employability (*Erwerbsfähigkeit*, SGB II § 8): of working age, able to work at least
3 hours a day under normal labour-market conditions (Abs. 1), and, for a foreigner,
allowed to work (Abs. 2), which § 74 Abs. 1 S. 2 switches off for holders of a § 24
permit or Fiktionsbescheinigung from 2022-06-01.

Childcare duties do not reduce employability; they affect reasonableness
(:mod:`jobcenter_core.rules.reasonableness`).
"""

from __future__ import annotations

import datetime as _dt

from jobcenter_core.decisions import Assumption, Decision, Reason, sgb2
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Person
from jobcenter_core.rules._memo import answer_serial, memoised
from jobcenter_core.rules.working_age import is_of_working_age

__all__ = ["is_employable"]

_SECTION_8_1 = sgb2("8", "1")
_SECTION_8_2 = sgb2("8", "2")

_PERMISSION_NOT_REQUIRED = Reason(
    code="work_permission_not_required",
    message="§ 24 group: work permission not required",
    reference=sgb2("74", "1", sentence="2"),
)
_PERMISSION_PRESUMED = Reason(
    code="work_permission_presumed",
    message="work permission not recorded; presumed permitted",
    reference=_SECTION_8_2,
)
_PERMISSION_UNKNOWN = Assumption(fact="work_permitted", presumed="employment permitted")
_PERMITTED = Reason(
    code="work_permitted",
    message="employment is or could be permitted",
    reference=_SECTION_8_2,
)
_NOT_PERMITTED = Reason(
    code="work_not_permitted",
    message="employment is not and could not be permitted",
    reference=_SECTION_8_2,
)


_working_age_answer = answer_serial(is_of_working_age)


def _facts_read(person: Person, on: _dt.date, policy: Policy) -> object:
    """
    What :func:`is_employable` reads of a person (the key of its memo): the working-age
    answer (its serial number), the assessed hours, whether a § 24 document is held, and
    the work permission.
    """
    capacity = person.work_capacity
    return (
        _working_age_answer(person, on, policy),
        None if capacity is None else capacity.hours_per_day,
        person.holds_section_24_document,
        person.work_permitted,
    )


@memoised(_facts_read)
def is_employable(
    person: Person, *, on: _dt.date, policy: Policy = DEFAULT_POLICY
) -> Decision[bool]:
    """
    Whether *person* is employable (*erwerbsfähig*) on *on*: of working age, able to
    work at least the minimum hours a day, and allowed to work.

    An unassessed capacity is presumed sufficient; an unknown work permission is
    presumed given; both are listed in ``missing``. Holders of a § 24 permit or
    Fiktionsbescheinigung need no permission once § 74 SGB II is in force. Outside
    working age nothing else is examined, so nothing is presumed. Childcare duties do
    not reduce employability (see :func:`~jobcenter_core.rules.work_is_reasonable`).

    >>> import pendulum
    >>> from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex
    >>> p = Person(id="p-2", birth_date=pendulum.date(1990, 1, 15), sex=Sex.FEMALE,
    ...            residence=ResidenceStatus(document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT))
    >>> print(is_employable(p, on=pendulum.date(2022, 6, 21)).explain())
    yes
      - has completed 15 years and not reached the upper age limit [SGB II § 7a] (of_working_age)
      - no work capacity assessed; presumed able to work 3 hours a day [SGB II § 8 Abs. 1] (capacity_presumed)
      - § 24 group: work permission not required [SGB II § 74 Abs. 1 S. 2] (work_permission_not_required)
      ? work_capacity unknown, presumed at least 3 hours a day

    References:
        SGB II § 8 Abs. 1 and 2, § 74 Abs. 1 S. 2; § 7 Abs. 1 S. 1 Nr. 1, § 7a.
    """
    working_age = is_of_working_age(person, on=on, policy=policy)
    if not working_age.value:
        return working_age
    able, capacity, capacity_unknown = _able_to_work(person, on=on, policy=policy)
    allowed, permission, permission_unknown = _allowed_to_work(person, on=on, policy=policy)
    return Decision(
        value=able and allowed,
        reasons=(*working_age.reasons, capacity, permission),
        missing=(*capacity_unknown, *permission_unknown),
    )


def _able_to_work(
    person: Person, *, on: _dt.date, policy: Policy
) -> tuple[bool, Reason, tuple[Assumption, ...]]:
    """§ 8 Abs. 1: able to work at least the minimum hours a day (presumed if unassessed)."""
    minimum = policy.min_daily_work_hours.period_at(on)
    hours, reference = minimum.value, minimum.reference or _SECTION_8_1
    capacity = person.work_capacity
    if capacity is None:
        presumed = Reason(
            code="capacity_presumed",
            message=f"no work capacity assessed; presumed able to work {hours} hours a day",
            reference=reference,
        )
        unknown = Assumption(fact="work_capacity", presumed=f"at least {hours} hours a day")
        return True, presumed, (unknown,)
    if capacity.hours_per_day >= hours:
        sufficient = Reason(
            code="capacity_sufficient",
            message=f"able to work at least {hours} hours a day",
            reference=reference,
        )
        return True, sufficient, ()
    insufficient = Reason(
        code="capacity_insufficient",
        message=f"assessed as not able to work {hours} hours a day",
        reference=reference,
    )
    return False, insufficient, ()


def _allowed_to_work(
    person: Person, *, on: _dt.date, policy: Policy
) -> tuple[bool, Reason, tuple[Assumption, ...]]:
    """§ 8 Abs. 2, switched off for the § 24 group by § 74 Abs. 1 S. 2."""
    if person.holds_section_24_document and policy.section_74_in_force.at(on):
        return True, _PERMISSION_NOT_REQUIRED, ()
    if person.work_permitted is None:
        return True, _PERMISSION_PRESUMED, (_PERMISSION_UNKNOWN,)
    if person.work_permitted:
        return True, _PERMITTED, ()
    return False, _NOT_PERMITTED, ()
