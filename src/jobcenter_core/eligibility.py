"""
Eligibility rules: working age, employability, the benefit regime, the benefit unit,
reasonableness of work and the children's care and school dates.

Every rule is a pure function of its inputs, a reference day ``on`` and a
:class:`~jobcenter_core.parameters.Policy`, and answers with a
:class:`~jobcenter_core.decisions.Decision` whose reasons cite the law. Reasons name
members by their pseudonymous id only, never by name or birth date.

>>> import pendulum
>>> from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex
>>> from jobcenter_core.households import Household, Member
>>> olena = Person(
...     id="p-1", birth_date=pendulum.date(1988, 4, 2), sex=Sex.FEMALE,
...     residence=ResidenceStatus(document=ResidenceDocument.FICTION_CERTIFICATE),
...     identity_registered=True, identity_registered_on=pendulum.date(2022, 4, 20),
... )
>>> home = Household(id="h-1", members=(Member(person=olena),))
>>> benefit_regime(olena, home, on=pendulum.date(2022, 5, 31)).value
<BenefitRegime.ASYLBLG: 'asylblg'>
>>> benefit_regime(olena, home, on=pendulum.date(2022, 6, 1)).value
<BenefitRegime.SGB_II: 'sgb_ii'>
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
from collections.abc import Iterable
from typing import NamedTuple

import attrs
import pendulum
from pendulum import Date

from jobcenter_core.dates import age_completed_on, completed_years, end_of_month
from jobcenter_core.decisions import Assumption, Decision, LegalReference, Reason, sgb2
from jobcenter_core.errors import InvalidInput
from jobcenter_core.households import Household, MaritalStatus, Member, RelationshipKind
from jobcenter_core.parameters import DEFAULT_POLICY, AsylblgReturn, Policy
from jobcenter_core.people import Person, ResidenceDocument

__all__ = [
    "BenefitRegime",
    "ChildcareEntitlement",
    "benefit_regime",
    "benefit_regimes",
    "benefit_unit",
    "benefit_units",
    "childcare_entitlement",
    "is_employable",
    "is_of_working_age",
    "school_entry_date",
    "work_is_reasonable",
    "working_age_end",
]


class BenefitRegime(enum.Enum):
    """Which body of law provides a person's subsistence benefits."""

    SGB_II = "sgb_ii"
    """Basic income support for jobseekers (Bürgergeld, or Sozialgeld in a benefit unit)."""
    SGB_XII = "sgb_xii"
    """Social assistance, for those not able to work and not in an SGB II benefit unit."""
    ASYLBLG = "asylblg"
    """Asylum Seekers' Benefits Act."""
    OTHER = "other"
    """General rules not modelled here (no § 24 document)."""


class ChildcareEntitlement(enum.Enum):
    """The childcare a child is legally entitled to (SGB VIII § 24), or school."""

    NONE = "none"
    """Under one completed year: no unconditional entitlement (SGB VIII § 24 Abs. 1)."""
    DAYCARE_OR_CHILDMINDER = "daycare_or_childminder"
    """From the completed 1st year: day care or a childminder (SGB VIII § 24 Abs. 2)."""
    KITA = "kita"
    """From the completed 3rd year until school entry: a Kita place (SGB VIII § 24 Abs. 3)."""
    SCHOOL = "school"
    """From school entry (SchulG NRW § 35 Abs. 1)."""


# --- references ---------------------------------------------------------------------------


_SECTION_7A = sgb2("7a")
_SECTION_8_1 = sgb2("8", "1")
_SECTION_8_2 = sgb2("8", "2")
_SECTION_74_1 = sgb2("74", "1")
_SECTION_74_1_2 = sgb2("74", "1", sentence="2")
_SOZIALGELD = sgb2("19", "1", sentence="2")
_UNIT_NR_1 = sgb2("7", "3", number="1")
_UNIT_NR_2 = sgb2("7", "3", number="2")
_UNIT_NR_3 = sgb2("7", "3", number="3")
_UNIT_NR_4 = sgb2("7", "3", number="4")
_EMPLOYABLE_REQUIRED = sgb2("7", "1", sentence="1", number="2")
_REASONABLE = sgb2("10", "1")
_CHILD_UPBRINGING = sgb2("10", "1", number="3")
_RELATIVE_CARE = sgb2("10", "1", number="4")
_ASYLBLG_SECTION_24 = LegalReference(
    law="AsylbLG",
    section="1",
    paragraph="1",
    number="3",
    url="https://www.gesetze-im-internet.de/asylblg/__1.html",
)
_ASYLBLG_SEEKERS = LegalReference(
    law="AsylbLG",
    section="1",
    paragraph="1",
    number="1",
    url="https://www.gesetze-im-internet.de/asylblg/__1.html",
)
_ASYLBLG_FAMILY = attrs.evolve(_ASYLBLG_SEEKERS, number="6")
_SGB_XII_74 = LegalReference(
    law="SGB XII", section="146", url="https://www.gesetze-im-internet.de/sgb_12/__146.html"
)
_SGB_XII_OLD_AGE = LegalReference(
    law="SGB XII",
    section="41",
    paragraph="2",
    url="https://www.gesetze-im-internet.de/sgb_12/__41.html",
)
_SGB_VIII_24 = "https://www.gesetze-im-internet.de/sgb_8/__24.html"


# Reasons that depend on nothing: built once, shared by every answer (they are immutable).
_UPPER_AGE_LIMIT_REACHED = Reason(
    code="upper_age_limit_reached",
    message="has passed the upper age limit (end of the month the § 7a age is reached)",
    reference=_SECTION_7A,
)
_PERMISSION_NOT_REQUIRED = Reason(
    code="work_permission_not_required",
    message="§ 24 group: work permission not required",
    reference=_SECTION_74_1_2,
)
_PERMISSION_PRESUMED = Reason(
    code="work_permission_presumed",
    message="work permission not recorded; presumed permitted",
    reference=_SECTION_8_2,
)
_PERMISSION_MISSING = Assumption(fact="work_permitted", presumed="employment permitted")
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
_IDENTITY_REGISTERED_UNDATED = Reason(
    code="identity_registered",
    message="identity registration made (date unknown)",
    reference=_SECTION_74_1,
)
_IDENTITY_REGISTERED_ON_PRESUMED = Assumption(
    fact="identity_registered_on", presumed="on or before the day"
)
_IDENTITY_REGISTERED = Reason(
    code="identity_registered",
    message="identity registration made",
    reference=_SECTION_74_1,
)
_IDENTITY_REGISTRATION_MISSING = Reason(
    code="identity_registration_missing",
    message="no identity registration made by the day",
    reference=_SECTION_74_1,
)
_FIRST_ISSUED_OUTSIDE_CATCH_UP = Assumption(
    fact="residence.first_issued_on", presumed="outside the catch-up window"
)
_ASYLUM_SEEKER = Reason(
    code="asylum_seeker",
    message="asylum seeker: benefits under AsylbLG",
    reference=_ASYLBLG_SEEKERS,
)
_NO_SECTION_24_DOCUMENT = Reason(
    code="no_section_24_document",
    message="no § 24 permit or Fiktionsbescheinigung: general rules, not modelled",
    reference=_SECTION_74_1,
)
_RESIDENCE_UNKNOWN = Assumption(fact="residence", presumed="no § 24 document")
_SECTION_24_DOCUMENT = Reason(
    code="section_24_document",
    message="holds a § 24 permit or Fiktionsbescheinigung",
    reference=_SECTION_74_1,
)
_SECTION_74_NOT_IN_FORCE = Reason(
    code="section_74_not_in_force",
    message="§ 74 SGB II not yet in force: benefits under AsylbLG",
    reference=_ASYLBLG_SECTION_24,
)
_SECTION_74_NOT_MET = Reason(
    code="section_74_conditions_not_met",
    message="§ 74 conditions not met: benefits under AsylbLG",
    reference=_ASYLBLG_SECTION_24,
)
_EMPLOYABLE_SGB_II = Reason(
    code="employable_sgb_ii",
    message="§ 74 conditions met and employable: SGB II",
    reference=sgb2("7", "1", sentence="1"),
)
_OLD_AGE_SGB_XII = Reason(
    code="old_age_sgb_xii",
    message="past the upper age limit: basic income in old age under SGB XII, not Sozialgeld",
    reference=_SGB_XII_OLD_AGE,
)
_INCAPACITY_NOT_PERMANENT = Assumption(
    fact="permanent_full_incapacity",
    presumed="not permanent (SGB XII § 41 Abs. 3 not checked)",
)
_FAMILY_MEMBER_ASYLBLG = Reason(
    code="family_member_asylblg",
    message="the employable members of the unit get AsylbLG: "
    "benefits under AsylbLG as their family member",
    reference=_ASYLBLG_FAMILY,
)
_SOZIALGELD_REASON = Reason(
    code="sozialgeld",
    message="not employable but in a benefit unit with an employable member: "
    "Sozialgeld under SGB II",
    reference=_SOZIALGELD,
)
_NOT_EMPLOYABLE_NO_UNIT = Reason(
    code="not_employable_no_unit",
    message="not employable and not in a benefit unit with an employable member: SGB XII",
    reference=_SGB_XII_74,
)
_SGB_II_REQUIRES_EMPLOYABILITY = Reason(
    code="sgb_ii_requires_employability",
    message="SGB II requires employability or a benefit unit with an employable member",
    reference=_EMPLOYABLE_REQUIRED,
)


# What depends only on the day and the policy, never on the person: the dated values in
# force and the reasons citing them. Each table is built on first use by a bounded
# functools.lru_cache of a pure function of immutable arguments (a Policy caches its own
# hash), so it changes no answer, only how often the same reasons are built; a national
# analysis asks about a million persons on one day. The tables are split by rule so that
# each dated parameter is still read only where the rule reads it (a policy without a
# value for the day fails exactly where it failed before).


class _AgeDay(NamedTuple):
    lower: int
    lowest_upper: int
    reasons: tuple[Reason, Reason, Reason, Reason]
    """Not yet born, under the lower limit, past the upper limit, of working age."""


@functools.lru_cache(maxsize=64)
def _age_day(on: _dt.date, policy: Policy) -> _AgeDay:
    lower = policy.lower_age_limit.at(on)
    lower_ref = policy.lower_age_limit.reference_at(on)
    return _AgeDay(
        lower=lower,
        lowest_upper=_lowest_upper_limit(policy),
        reasons=(
            Reason(code="not_yet_born", message="not yet born on the day", reference=lower_ref),
            Reason(
                code="under_lower_age_limit",
                message=f"has not completed {lower} years",
                reference=lower_ref,
            ),
            _UPPER_AGE_LIMIT_REACHED,
            Reason(
                code="of_working_age",
                message=f"has completed {lower} years and not reached the upper age limit",
                reference=_SECTION_7A,
            ),
        ),
    )


class _CapacityDay(NamedTuple):
    hours: int
    presumed: Reason
    missing: Assumption
    sufficient: Reason
    insufficient: Reason


@functools.lru_cache(maxsize=64)
def _capacity_day(on: _dt.date, policy: Policy) -> _CapacityDay:
    hours = policy.min_daily_work_hours.at(on)
    hours_ref = policy.min_daily_work_hours.reference_at(on) or _SECTION_8_1
    return _CapacityDay(
        hours=hours,
        presumed=Reason(
            code="capacity_presumed",
            message=f"no work capacity assessed; presumed able to work {hours} hours a day",
            reference=hours_ref,
        ),
        missing=Assumption(fact="work_capacity", presumed=f"at least {hours} hours a day"),
        sufficient=Reason(
            code="capacity_sufficient",
            message=f"able to work at least {hours} hours a day",
            reference=hours_ref,
        ),
        insufficient=Reason(
            code="capacity_insufficient",
            message=f"assessed as not able to work {hours} hours a day",
            reference=hours_ref,
        ),
    )


_PERMISSIONS = (_PERMISSION_NOT_REQUIRED, _PERMISSION_PRESUMED, _PERMITTED, _NOT_PERMITTED)


class _EmployabilityDay(NamedTuple):
    age: _AgeDay
    hours: int
    answers: tuple[tuple[tuple[Decision[bool], ...], ...], ...]
    """Every answer of :func:`is_employable`, by age, capacity and permission case."""


@functools.lru_cache(maxsize=64)
def _employability_day(on: _dt.date, policy: Policy) -> _EmployabilityDay:
    age = _age_day(on, policy)
    capacity = _capacity_day(on, policy)
    capacities = (capacity.presumed, capacity.sufficient, capacity.insufficient)

    def answer(a: int, c: int, p: int) -> Decision[bool]:
        if a != _OF_WORKING_AGE:
            # Outside working age nobody is employable (§ 8 with § 7 Abs. 1 S. 1 Nr. 1,
            # § 7a): capacity and permission are not examined, so nothing is presumed.
            return Decision(value=False, reasons=(age.reasons[a],))
        missing = ((capacity.missing,) if c == 0 else ()) + (
            (_PERMISSION_MISSING,) if p == 1 else ()
        )
        return Decision(
            value=a == _OF_WORKING_AGE and c != 2 and p != 3,
            reasons=(age.reasons[a], capacities[c], _PERMISSIONS[p]),
            missing=missing,
        )

    return _EmployabilityDay(
        age=age,
        hours=capacity.hours,
        answers=tuple(
            tuple(tuple(answer(a, c, p) for p in range(4)) for c in range(3)) for a in range(4)
        ),
    )


class _RegistrationDay(NamedTuple):
    min_age: int
    not_required: Reason


@functools.lru_cache(maxsize=64)
def _registration_day(on: _dt.date, policy: Policy) -> _RegistrationDay:
    min_age = policy.identity_registration_min_age.at(on)
    return _RegistrationDay(
        min_age=min_age,
        not_required=Reason(
            code="identity_registration_not_required",
            message=f"under {min_age}: no identity registration required",
            reference=policy.identity_registration_min_age.reference_at(on),
        ),
    )


class _CatchUpDay(NamedTuple):
    deadline: Date
    issued_from: Date
    issued_until: Date
    first_issue_unknown: Reason
    central_register_suffices: Reason


@functools.lru_cache(maxsize=64)
def _catch_up_day(on: _dt.date, policy: Policy) -> _CatchUpDay:
    period = policy.registration_catch_up.period_at(on)
    rule = period.value
    reference = period.reference or _SECTION_74_1
    caveat = " (deadline uncertain)" if period.uncertain else ""
    return _CatchUpDay(
        deadline=rule.deadline,
        issued_from=rule.permits_issued_from,
        issued_until=rule.permits_issued_until,
        first_issue_unknown=Reason(
            code="identity_registration_missing",
            message="no identity registration; first-issue date unknown, so the "
            "catch-up rule cannot be applied",
            reference=reference,
        ),
        central_register_suffices=Reason(
            code="central_register_suffices",
            message="permit issued in the catch-up window and stored in the central "
            f"register: suffices until the registration deadline{caveat}",
            reference=reference,
        ),
    )


class _ReformDay(NamedTuple):
    rule: AsylblgReturn
    start: Date | None
    reference: LegalReference
    presumed_before_cutoff: Reason
    first_issue_missing: Assumption
    asylblg_return: Reason
    issued_before_cutoff: Reason


@functools.lru_cache(maxsize=64)
def _reform_day(on: _dt.date, policy: Policy) -> _ReformDay | None:
    period = policy.asylblg_return.period_at(on)
    rule = period.value
    if rule is None:
        return None
    reference = period.reference or _SECTION_74_1
    return _ReformDay(
        rule=rule,
        start=period.start,
        reference=reference,
        presumed_before_cutoff=Reason(
            code="issued_before_cutoff_presumed",
            message="first-issue date unknown; presumed before the AsylbLG return cut-off",
            reference=reference,
        ),
        first_issue_missing=Assumption(
            fact="residence.first_issued_on", presumed=f"on or before {rule.first_issued_after}"
        ),
        asylblg_return=Reason(
            code="asylblg_return",
            message=f"document first issued after {rule.first_issued_after}: "
            "benefits under AsylbLG again",
            reference=reference,
        ),
        issued_before_cutoff=Reason(
            code="issued_before_cutoff",
            message=f"document first issued on or before {rule.first_issued_after}",
            reference=reference,
        ),
    )


# --- age ------------------------------------------------------------------------------------


def working_age_end(birth_date: _dt.date, *, policy: Policy = DEFAULT_POLICY) -> Date:
    """
    Last day on which a person born on *birth_date* is inside the upper age limit.

    The § 7a table gives the age by year of birth (65 years for those born before 1947
    up to 67 years from 1964); the limit is reached at the end of the month in which
    that age is completed, counted per BGB (a year of life is completed at the end of
    the day before the birthday). The table in force on the day the person completes 65
    years applies.

    >>> import pendulum
    >>> working_age_end(pendulum.date(1946, 9, 1))
    Date(2011, 8, 31)
    >>> working_age_end(pendulum.date(1952, 2, 29))
    Date(2017, 8, 31)

    References:
        SGB II § 7a; BGB § 187 Abs. 2, § 188 Abs. 2 and 3.
    """
    table = policy.upper_age_limit.at(age_completed_on(birth_date, years=65))
    limit = table.limit_for(birth_date.year)
    completed = age_completed_on(birth_date, years=limit.years, months=limit.months)
    return end_of_month(completed)


def _lowest_upper_limit(policy: Policy) -> int:
    """The fewest completed years at which any § 7a table of *policy* can be reached."""
    return min(
        min(
            p.value.before.years,
            p.value.after.years,
            *(limit.years for _, limit in p.value.by_birth_year),
        )
        for p in policy.upper_age_limit.periods
    )


def is_of_working_age(
    person: Person, *, on: _dt.date, policy: Policy = DEFAULT_POLICY
) -> Decision[bool]:
    """
    Whether *person* is of working age on *on*: has completed the lower age limit
    (15 years) and has not passed :func:`working_age_end`. Nobody is of working age
    before being born.

    >>> import pendulum
    >>> from jobcenter_core.people import Person, Sex
    >>> teen = Person(id="p-7", birth_date=pendulum.date(2007, 6, 2), sex=Sex.MALE)
    >>> is_of_working_age(teen, on=pendulum.date(2022, 6, 1)).codes
    ('under_lower_age_limit',)
    >>> is_of_working_age(teen, on=pendulum.date(2022, 6, 2)).value
    True

    References:
        SGB II § 7 Abs. 1 S. 1 Nr. 1, § 7a.
    """
    reason = _age_reason(person, on, policy)
    return Decision(value=reason.code == "of_working_age", reasons=(reason,))


_OF_WORKING_AGE = 3
"""The index of ``of_working_age`` in ``_AgeDay.reasons``."""


def _age_reason(person: Person, on: _dt.date, policy: Policy) -> Reason:
    """The one reason :func:`is_of_working_age` gives (the answer is yes for ``of_working_age``)."""
    day = _age_day(on, policy)
    return day.reasons[_age_case(person, on, policy, day)]


def _age_case(person: Person, on: _dt.date, policy: Policy, day: _AgeDay) -> int:
    """Not yet born (0), under the lower limit (1), past the upper limit (2), or of working age."""
    birth = person.birth_date
    if birth > on:
        return 0
    years = completed_years(birth, on=on)
    if years < day.lower:
        return 1
    if years >= day.lowest_upper and on > working_age_end(birth, policy=policy):
        return 2
    return _OF_WORKING_AGE


# --- employability -------------------------------------------------------------------------


def is_employable(
    person: Person, *, on: _dt.date, policy: Policy = DEFAULT_POLICY
) -> Decision[bool]:
    """
    Whether *person* is employable (*erwerbsfähig*) on *on*: of working age, able to
    work at least the minimum hours a day, and allowed to work.

    An unassessed capacity is presumed sufficient; an unknown work permission is
    presumed given; both are listed in ``missing``. Holders of a § 24 permit or
    Fiktionsbescheinigung need no permission once § 74 SGB II is in force. Childcare
    duties do not reduce employability (see :func:`work_is_reasonable`).

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
        SGB II § 8 Abs. 1 and 2, § 74 Abs. 1 S. 2.
    """
    day = _employability_day(on, policy)
    age = _age_case(person, on, policy, day.age)
    capacity = person.work_capacity
    if capacity is None:
        capacity_case = 0
    elif capacity.hours_per_day >= day.hours:
        capacity_case = 1
    else:
        capacity_case = 2
    if person.holds_section_24_document and policy.section_74_in_force.at(on):
        permission = 0  # not required for the § 24 group
    elif person.work_permitted is None:
        permission = 1  # presumed
    elif person.work_permitted:
        permission = 2
    else:
        permission = 3  # not permitted
    # The answers are built once per day (_employability_day): an answer depends on the
    # person only through these three cases.
    return day.answers[age][capacity_case][permission]


# --- helpers for household rules ----------------------------------------------------------


def _require_member(household: Household, member_id: str, path: str) -> Member:
    try:
        return household.member(member_id)
    except KeyError:
        raise InvalidInput.one(path, "not a member of the household") from None


def _born_by(person: Person, on: _dt.date) -> bool:
    return person.birth_date <= on


def _years(person: Person, on: _dt.date) -> int:
    return completed_years(person.birth_date, on=on)


def _partners(household: Household, member_id: str) -> tuple[str, ...]:
    """Partners in the sense of § 7 Abs. 3 Nr. 3 (separated spouses excluded)."""
    return household.partners_of(member_id)


def _separated_from(household: Household, member_id: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for r in household.relationships:
        if r.kind is RelationshipKind.SEPARATED_SPOUSE:
            if r.person == member_id:
                found[r.of] = None
            elif r.of == member_id:
                found[r.person] = None
    return tuple(found)


def _is_unmarried(member: Member) -> bool:
    return not member.marital_status.is_married


# --- benefit units --------------------------------------------------------------------------


class _Note(NamedTuple):
    """
    A reason (its code, message and reference) or an assumption, and the member ids it
    concerns (to filter per unit). The :class:`Reason` is built only when asked for: the
    regime rule needs a unit's members and presumptions, not its reasons.
    """

    about: frozenset[str]
    code: str = ""
    message: str = ""
    reference: LegalReference | None = None
    assumption: Assumption | None = None


def _note(about: Iterable[str], code: str, message: str, reference: LegalReference) -> _Note:
    return _Note(about=frozenset(about), code=code, message=message, reference=reference)


def _assume(about: str, fact: str, presumed: str) -> _Note:
    return _Note(
        about=frozenset({about}), assumption=Assumption(fact=f"{about}.{fact}", presumed=presumed)
    )


@attrs.frozen(kw_only=True)
class _Units:
    units: tuple[frozenset[str], ...]
    notes: tuple[_Note, ...]
    employable: frozenset[str]


class _Forest:
    """Union-find over member ids; the representative is the earliest member."""

    def __init__(self, order: dict[str, int]) -> None:
        self._order = order
        self._parent: dict[str, str] = {}

    def add(self, item: str) -> None:
        self._parent.setdefault(item, item)

    def find(self, item: str) -> str:
        root = item
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[item] != root:
            self._parent[item], item = root, self._parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        self.add(a)
        self.add(b)
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            first, second = sorted((ra, rb), key=self._order.__getitem__)
            self._parent[second] = first

    def roots(self) -> dict[str, str]:
        """Every item and its representative."""
        return {item: self.find(item) for item in list(self._parent)}

    def groups(self) -> tuple[frozenset[str], ...]:
        found: dict[str, set[str]] = {}
        for item in sorted(self._parent, key=self._order.__getitem__):
            found.setdefault(self.find(item), set()).add(item)
        return tuple(frozenset(g) for g in found.values())


def _unit_child_problem(
    household: Household, child: Member, on: _dt.date, limit: int
) -> tuple[str, str] | None:
    """Why *child* cannot be a § 7 Abs. 3 Nr. 2/4 child, as (code, message), or None."""
    cid = child.id
    if not _is_unmarried(child):
        return "married_child_not_in_unit", f"{cid} is married: not in the parents' unit"
    if _years(child.person, on) >= limit:
        return (
            "child_over_age_limit_not_in_unit",
            f"{cid} has completed {limit} years: not in the parents' unit",
        )
    if child.covers_own_needs is True:
        return (
            "child_covers_own_needs",
            f"{cid} covers own needs from own income or assets: not in the parents' unit",
        )
    if any(_born_by(household.person(k), on) for k in household.children_of(cid)):
        return (
            "child_with_own_child_forms_own_unit",
            f"{cid} has a child in the household and forms a separate unit",
        )
    return None


def _child_assumptions(child: Member) -> list[_Note]:
    notes: list[_Note] = []
    if child.marital_status is MaritalStatus.UNKNOWN:
        notes.append(_assume(child.id, "marital_status", "unmarried"))
    if child.covers_own_needs is None:
        notes.append(_assume(child.id, "covers_own_needs", "cannot cover own needs"))
    return notes


def _compute_units(household: Household, on: _dt.date, policy: Policy) -> _Units:
    order = {mid: i for i, mid in enumerate(household.member_ids)}
    limit = policy.unit_child_age_limit.at(on)
    born = [m for m in household.members if _born_by(m.person, on)]
    born_ids = {m.id for m in born}
    notes: list[_Note] = []
    said: set[tuple[str, frozenset[str]]] = set()

    def say(about: list[str], code: str, message: str, reference: LegalReference) -> None:
        """Record a reason once per code and set of members (a pair is said once)."""
        key = (code, frozenset(about))
        if key not in said:
            said.add(key)
            notes.append(_note(about, code, message, reference))

    for m in household.members:
        if m.id not in born_ids:
            notes.append(
                _note([m.id], "not_yet_born", f"{m.id} is not yet born on the day", _UNIT_NR_1)
            )
    employable: dict[str, bool] = {}
    for m in born:
        decision = is_employable(m.person, on=on, policy=policy)
        employable[m.id] = decision.value
        notes.extend(
            _Note(
                about=frozenset({m.id}),
                assumption=Assumption(fact=f"{m.id}.{a.fact}", presumed=a.presumed),
            )
            for a in decision.missing
        )

    forest = _Forest(order)
    # Phase 1: the employable members, their partners (Nr. 3) and, for an unmarried
    # employable child under the limit, the parents and a parent's partner (Nr. 2).
    for m in born:
        if not employable[m.id]:
            continue
        forest.add(m.id)
        notes.append(_note([m.id], "employable_member", f"{m.id} is employable", _UNIT_NR_1))
        for p in _partners(household, m.id):
            if p in born_ids:
                forest.union(m.id, p)
                say([m.id, p], "partner", f"{p} is the partner of {m.id}", _UNIT_NR_3)
        for s in _separated_from(household, m.id):
            say(
                [m.id, s],
                "separated_spouse_not_partner",
                f"{s} is permanently separated from {m.id}: not a partner",
                _UNIT_NR_3,
            )
        parents = [p for p in household.parents_of(m.id) if p in born_ids]
        if parents:
            problem = _unit_child_problem(household, m, on, limit)
            if problem is None:
                notes.extend(_child_assumptions(m))
                for p in parents:
                    forest.union(m.id, p)
                    notes.append(
                        _note(
                            [m.id, p],
                            "parent_of_employable_child",
                            f"{p} is a parent of the unmarried employable child {m.id} "
                            f"under {limit}",
                            _UNIT_NR_2,
                        )
                    )
                    for q in _partners(household, p):
                        if q in born_ids and q != m.id and q not in parents:
                            forest.union(m.id, q)
                            notes.append(
                                _note(
                                    [m.id, q],
                                    "partner_of_parent",
                                    f"{q} is the partner of {m.id}'s parent {p}",
                                    _UNIT_NR_2,
                                )
                            )

    # Phase 2: unmarried children under the limit of anyone in a unit (Nr. 4). A child
    # whose parents sit in different units joins the unit of the primary carer, or of
    # the first parent in household order.
    core = forest.roots()
    for child in born:
        parents_in_units = [p for p in household.parents_of(child.id) if p in core]
        if not parents_in_units:
            continue
        if child.id in core and {core[p] for p in parents_in_units} == {core[child.id]}:
            continue  # already in the parents' unit through Nr. 2
        problem = _unit_child_problem(household, child, on, limit)
        if problem is not None:
            code, message = problem
            notes.append(_note([child.id, *parents_in_units], code, message, _UNIT_NR_4))
            continue
        if child.id in core:
            continue
        notes.extend(_child_assumptions(child))
        roots = sorted({core[p] for p in parents_in_units}, key=order.__getitem__)
        chosen = parents_in_units[0]
        if len(roots) > 1:
            carers = [p for p in parents_in_units if household.member(p).primary_carer]
            if carers:
                chosen = carers[0]
            else:
                chosen = min(parents_in_units, key=order.__getitem__)
                notes.append(
                    _assume(child.id, "household_of_child", f"the unit of the parent {chosen}")
                )
        forest.union(chosen, child.id)
        notes.append(
            _note(
                [child.id, chosen],
                "child_under_age_limit",
                f"{child.id} is an unmarried child under {limit} of {chosen} "
                "without own sufficient means",
                _UNIT_NR_4,
            )
        )

    units = forest.groups()
    in_unit = {mid for u in units for mid in u}
    for m in born:
        if m.id not in in_unit:
            notes.append(
                _note(
                    [m.id],
                    "not_in_unit",
                    f"{m.id} is neither employable nor the partner, parent or child "
                    "of an employable member in the sense of § 7 Abs. 3",
                    _UNIT_NR_1,
                )
            )
    if not units:
        notes.append(
            _note(
                household.member_ids,
                "no_employable_member",
                "no member is employable: no benefit unit",
                _UNIT_NR_1,
            )
        )
    return _Units(
        units=units,
        notes=tuple(notes),
        employable=frozenset(k for k, v in employable.items() if v),
    )


def _split(notes: Iterable[_Note]) -> tuple[tuple[Reason, ...], tuple[Assumption, ...]]:
    kept = list(notes)
    reasons = tuple(
        Reason(code=n.code, message=n.message, reference=n.reference) for n in kept if n.code
    )
    return reasons, _assumptions_of(kept)


def _assumptions_of(notes: Iterable[_Note]) -> tuple[Assumption, ...]:
    seen: dict[Assumption, None] = {}
    for n in notes:
        if n.assumption is not None:
            seen.setdefault(n.assumption, None)
    return tuple(seen)


def benefit_units(
    household: Household, *, on: _dt.date, policy: Policy = DEFAULT_POLICY
) -> Decision[tuple[frozenset[str], ...]]:
    """
    The benefit units (*Bedarfsgemeinschaften*) in *household* on *on*, as disjoint sets
    of member ids, ordered by their first member in household order.

    A unit forms around each employable member (Nr. 1) with their partner (Nr. 3; not a
    permanently separated spouse), for an unmarried employable child under 25 also the
    parents in the household and a parent's partner (Nr. 2), and the unmarried children
    under 25 of all of these who cannot cover their own needs (Nr. 4); a child with a
    child of its own forms a separate unit. Overlapping units are one unit. Members not
    yet born on *on* are left out. Unknown marital status is presumed unmarried and an
    unknown ``covers_own_needs`` presumed false, both listed in ``missing``.

    >>> import pendulum
    >>> from jobcenter_core.people import Person, Sex
    >>> from jobcenter_core.households import Household, Member, Relationship, RelationshipKind
    >>> mum = Person(id="m", birth_date=pendulum.date(1985, 3, 1), sex=Sex.FEMALE)
    >>> kid = Person(id="c", birth_date=pendulum.date(2016, 5, 5), sex=Sex.MALE)
    >>> gran = Person(id="g", birth_date=pendulum.date(1950, 1, 1), sex=Sex.FEMALE)
    >>> h = Household(id="h", members=(Member(person=mum), Member(person=kid), Member(person=gran)),
    ...               relationships=(Relationship(person="c", kind=RelationshipKind.CHILD, of="m"),
    ...                              Relationship(person="g", kind=RelationshipKind.PARENT, of="m")))
    >>> units = benefit_units(h, on=pendulum.date(2022, 6, 21))
    >>> [sorted(u) for u in units.value]
    [['c', 'm']]
    >>> "not_in_unit" in units.codes
    True

    References:
        SGB II § 7 Abs. 3 Nr. 1 to 4.
    """
    computed = _compute_units(household, on, policy)
    reasons, missing = _split(computed.notes)
    return Decision(value=computed.units, reasons=reasons, missing=missing)


def benefit_unit(
    household: Household,
    *,
    on: _dt.date,
    member_id: str | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> Decision[frozenset[str]]:
    """
    The benefit unit (*Bedarfsgemeinschaft*) of *member_id* (default: the reference
    person, the first member) on *on*; the empty set when that member is in none.

    See :func:`benefit_units` for how units are formed; the reasons and presumptions
    here are those that concern this unit's members or *member_id*.

    >>> import pendulum
    >>> from jobcenter_core.people import Person, Sex
    >>> from jobcenter_core.households import Household, Member, Relationship, RelationshipKind
    >>> a = Person(id="a", birth_date=pendulum.date(1985, 3, 1), sex=Sex.FEMALE)
    >>> b = Person(id="b", birth_date=pendulum.date(1983, 7, 9), sex=Sex.MALE)
    >>> h = Household(id="h", members=(Member(person=a), Member(person=b)),
    ...               relationships=(Relationship(person="b", kind=RelationshipKind.SPOUSE, of="a"),))
    >>> sorted(benefit_unit(h, on=pendulum.date(2022, 6, 21)).value)
    ['a', 'b']

    References:
        SGB II § 7 Abs. 3.
    """
    target = household.member_ids[0] if member_id is None else member_id
    _require_member(household, target, "$.member_id")
    unit, notes = _unit_notes(household, target, on, policy)
    reasons, missing = _split(notes)
    if not unit:
        reasons += (
            Reason(
                code="in_no_unit",
                message=f"{target} belongs to no benefit unit",
                reference=_UNIT_NR_1,
            ),
        )
    return Decision(value=unit, reasons=reasons, missing=missing)


class _HouseholdOnDay:
    """
    A household on one day under one policy, for the regime rule: its benefit units and
    its employable members' regimes, each worked out at most once. A fresh one serves one
    call of :func:`benefit_regime`, or all members in :func:`benefit_regimes`; nothing is
    kept between calls.
    """

    __slots__ = ("_regimes", "_units", "household", "on", "policy")

    def __init__(self, household: Household, on: _dt.date, policy: Policy) -> None:
        self.household = household
        self.on = on
        self.policy = policy
        self._units: _Units | None = None
        self._regimes: dict[str, Decision[BenefitRegime]] = {}

    def units(self) -> _Units:
        if self._units is None:
            self._units = _compute_units(self.household, self.on, self.policy)
        return self._units

    def unit_notes(self, target: str) -> tuple[frozenset[str], list[_Note]]:
        """The unit of *target* (empty if none) and the notes that concern it or *target*."""
        computed = self.units()
        unit = next((u for u in computed.units if target in u), frozenset[str]())
        scope = unit or frozenset({target})
        return unit, [n for n in computed.notes if n.about & scope]

    def regime(self, person: Person) -> Decision[BenefitRegime]:
        found = self._regimes.get(person.id)
        if found is None:
            found = self._regimes[person.id] = _regime(person, self)
        return found


def _unit_notes(
    household: Household, target: str, on: _dt.date, policy: Policy
) -> tuple[frozenset[str], list[_Note]]:
    """The unit of *target* (empty if none) and the notes that concern it or *target*."""
    return _HouseholdOnDay(household, on, policy).unit_notes(target)


# --- regime --------------------------------------------------------------------------------


def _registration_check(
    person: Person, on: _dt.date, policy: Policy
) -> tuple[bool, list[Reason], list[Assumption]]:
    """Whether the § 74 identity-registration condition holds on *on*."""
    registration = _registration_day(on, policy)
    if _years(person, on) < registration.min_age:
        return True, [registration.not_required], []
    if person.identity_registered:
        if person.identity_registered_on is None:
            return True, [_IDENTITY_REGISTERED_UNDATED], [_IDENTITY_REGISTERED_ON_PRESUMED]
        if person.identity_registered_on <= on:
            return True, [_IDENTITY_REGISTERED], []
    catch_up = _catch_up_day(on, policy)
    residence = person.residence
    first = residence.first_issued_on if residence is not None else None
    if person.stored_in_central_register and on <= catch_up.deadline:
        if first is None:
            return False, [catch_up.first_issue_unknown], [_FIRST_ISSUED_OUTSIDE_CATCH_UP]
        if catch_up.issued_from <= first <= catch_up.issued_until:
            return True, [catch_up.central_register_suffices], []
    return False, [_IDENTITY_REGISTRATION_MISSING], []


def benefit_regime(
    person: Person,
    household: Household,
    *,
    on: _dt.date,
    policy: Policy = DEFAULT_POLICY,
) -> Decision[BenefitRegime]:
    """
    Which body of law provides *person*'s subsistence benefits on *on*.

    * No § 24 permit or Fiktionsbescheinigung: ``OTHER`` (general rules, not modelled),
      except asylum seekers (Ankunftsnachweis, Aufenthaltsgestattung): ``ASYLBLG``.
    * Before § 74 SGB II is in force (2022-06-01): ``ASYLBLG``.
    * From then, § 74 requires the identity registration from the completed 14th year
      (or, for permits issued 2022-02-24 to 2022-05-31, storage in the central register
      until the catch-up deadline); without it: ``ASYLBLG``.
    * With the optional 2026 reform: a document first issued after the cut-off means
      ``ASYLBLG``, except while an existing grant runs out (until the approval period
      ends, at the latest the transition end).
    * Otherwise ``SGB_II`` when employable, or when in a benefit unit with an employable
      member (Sozialgeld) unless past the upper age limit; else ``SGB_XII``.

    *person* must be a member of *household*.

    >>> import pendulum
    >>> from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex
    >>> from jobcenter_core.households import Household, Member
    >>> p = Person(id="p-3", birth_date=pendulum.date(1984, 11, 30), sex=Sex.FEMALE,
    ...            residence=ResidenceStatus(document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT),
    ...            identity_registered=True, identity_registered_on=pendulum.date(2022, 7, 4))
    >>> h = Household(id="h-3", members=(Member(person=p),))
    >>> print(benefit_regime(p, h, on=pendulum.date(2022, 6, 21)).explain())
    ASYLBLG
      - holds a § 24 permit or Fiktionsbescheinigung [SGB II § 74 Abs. 1] (section_24_document)
      - no identity registration made by the day [SGB II § 74 Abs. 1] (identity_registration_missing)
      - § 74 conditions not met: benefits under AsylbLG [AsylbLG § 1 Abs. 1 Nr. 3] (section_74_conditions_not_met)
    >>> benefit_regime(p, h, on=pendulum.date(2022, 7, 4)).value
    <BenefitRegime.SGB_II: 'sgb_ii'>

    References:
        SGB II § 74, § 7 Abs. 1 S. 1 Nr. 2, § 19 Abs. 1 S. 2; SGB XII § 146, § 41;
        AsylbLG § 1 Abs. 1; planned Leistungsrechtsanpassungsgesetz (optional reform).
    """
    _require_member(household, person.id, "$.person.id")
    if not _born_by(person, on):
        raise InvalidInput.one("$.person.birth_date", "is after 'on'")
    return _regime(person, _HouseholdOnDay(household, on, policy))


def benefit_regimes(
    household: Household, *, on: _dt.date, policy: Policy = DEFAULT_POLICY
) -> tuple[tuple[str, Decision[BenefitRegime]], ...]:
    """
    :func:`benefit_regime` for every member of *household* born by *on*, as
    ``(member id, decision)`` pairs in household order.

    The answers are those of :func:`benefit_regime`; the household's benefit units and
    its employable members' regimes are worked out once instead of once per member, which
    is what a caseload-wide analysis wants (see the performance guide).

    >>> import pendulum
    >>> from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex
    >>> from jobcenter_core.households import Household, Member, Relationship, RelationshipKind
    >>> permit = ResidenceStatus(document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT)
    >>> mum = Person(id="m", birth_date=pendulum.date(1985, 3, 1), sex=Sex.FEMALE,
    ...              residence=permit, identity_registered=True)
    >>> kid = Person(id="c", birth_date=pendulum.date(2016, 5, 5), sex=Sex.MALE, residence=permit)
    >>> h = Household(id="h", members=(Member(person=mum), Member(person=kid)),
    ...               relationships=(Relationship(person="c", kind=RelationshipKind.CHILD, of="m"),))
    >>> [(mid, d.value.name) for mid, d in benefit_regimes(h, on=pendulum.date(2022, 6, 21))]
    [('m', 'SGB_II'), ('c', 'SGB_II')]

    References:
        As :func:`benefit_regime`.
    """
    day = _HouseholdOnDay(household, on, policy)
    return tuple(
        (m.person.id, day.regime(m.person)) for m in household.members if _born_by(m.person, on)
    )


def _regime(person: Person, day: _HouseholdOnDay) -> Decision[BenefitRegime]:
    """:func:`benefit_regime` for a member born by the day."""
    household, on, policy = day.household, day.on, day.policy
    residence = person.residence
    if residence is None or not residence.document.is_section_24:
        if (
            residence is not None
            and residence.document is ResidenceDocument.ASYLUM_ARRIVAL_CERTIFICATE
        ):
            return Decision(value=BenefitRegime.ASYLBLG, reasons=(_ASYLUM_SEEKER,))
        found = () if residence is not None else (_RESIDENCE_UNKNOWN,)
        return Decision(
            value=BenefitRegime.OTHER, reasons=(_NO_SECTION_24_DOCUMENT,), missing=found
        )
    reasons: list[Reason] = [_SECTION_24_DOCUMENT]

    if not policy.section_74_in_force.at(on):
        reasons.append(_SECTION_74_NOT_IN_FORCE)
        return Decision(value=BenefitRegime.ASYLBLG, reasons=reasons)

    registered, reasons_, missing = _registration_check(person, on, policy)
    reasons.extend(reasons_)
    if not registered:
        reasons.append(_SECTION_74_NOT_MET)
        return Decision(value=BenefitRegime.ASYLBLG, reasons=reasons, missing=missing)

    reform = _reform_day(on, policy)
    if reform is not None:
        first = residence.first_issued_on
        if first is None:
            missing.append(reform.first_issue_missing)
            reasons.append(reform.presumed_before_cutoff)
        elif first > reform.rule.first_issued_after:
            if reform.start is not None and first < reform.start:
                end = household.approval_period_ends_on
                if end is None:
                    missing.append(
                        Assumption(
                            fact="approval_period_ends_on",
                            presumed=f"the current grant runs to {reform.rule.transition_ends}",
                        )
                    )
                    end = reform.rule.transition_ends
                runs_until: Date | None = min(end, reform.rule.transition_ends)
            else:
                runs_until = None
            if runs_until is None or on > runs_until:
                reasons.append(reform.asylblg_return)
                return Decision(value=BenefitRegime.ASYLBLG, reasons=reasons, missing=missing)
            reasons.append(
                Reason(
                    code="asylblg_return_transition",
                    message=f"document first issued after {reform.rule.first_issued_after}, "
                    f"but the existing grant runs until {runs_until}",
                    reference=reform.reference,
                )
            )
        else:
            reasons.append(reform.issued_before_cutoff)

    employable = is_employable(person, on=on, policy=policy)
    reasons.extend(employable.reasons)
    missing.extend(employable.missing)
    if employable.value:
        reasons.append(_EMPLOYABLE_SGB_II)
        return Decision(value=BenefitRegime.SGB_II, reasons=reasons, missing=missing)

    # What benefit_unit(household, on=on, member_id=person.id) says, without its reasons.
    unit, notes = day.unit_notes(person.id)
    missing.extend(a for a in _assumptions_of(notes) if a not in missing)
    if unit:
        if _years(person, on) >= _age_day(on, policy).lowest_upper and on > working_age_end(
            person.birth_date, policy=policy
        ):
            reasons.append(_OLD_AGE_SGB_XII)
            return Decision(value=BenefitRegime.SGB_XII, reasons=reasons, missing=missing)
        if (
            person.work_capacity is not None
            and _years(person, on) >= 18
            and person.work_capacity.hours_per_day < policy.min_daily_work_hours.at(on)
        ):
            missing.append(_INCAPACITY_NOT_PERMANENT)
        anchors = _unit_anchors(day, unit - {person.id})
        if not any(r is BenefitRegime.SGB_II for _, r in anchors):
            others = [m for m, r in anchors if r is BenefitRegime.OTHER]
            if not others:
                reasons.append(_FAMILY_MEMBER_ASYLBLG)
                return Decision(value=BenefitRegime.ASYLBLG, reasons=reasons, missing=missing)
            missing.append(
                Assumption(
                    fact=f"{others[0]}.benefit_regime",
                    presumed="SGB II (general rules, not modelled)",
                )
            )
        reasons.append(_SOZIALGELD_REASON)
        return Decision(value=BenefitRegime.SGB_II, reasons=reasons, missing=missing)
    reasons.append(_NOT_EMPLOYABLE_NO_UNIT)
    reasons.append(_SGB_II_REQUIRES_EMPLOYABILITY)
    return Decision(value=BenefitRegime.SGB_XII, reasons=reasons, missing=missing)


def _unit_anchors(day: _HouseholdOnDay, others: frozenset[str]) -> list[tuple[str, BenefitRegime]]:
    """The employable members among *others*, in household order, with their regime."""
    employable = day.units().employable
    found: list[tuple[str, BenefitRegime]] = []
    for m in day.household.members:
        mid = m.person.id
        if mid in others and mid in employable:
            # An employable member's regime never depends on the unit: no recursion.
            found.append((mid, day.regime(m.person).value))
    return found


# --- reasonableness -------------------------------------------------------------------------


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
    _require_member(household, person.id, "$.person.id")
    young_age = policy.reasonable_child_age.at(on)
    young_ref = policy.reasonable_child_age.reference_at(on) or _CHILD_UPBRINGING
    care_age = policy.care_required_below_age.at(on)
    care_ref = policy.care_required_below_age.reference_at(on) or _CHILD_UPBRINGING
    reasons: list[Reason] = []
    missing: list[Assumption] = []
    value = True

    couple = [person.id, *_partners(household, person.id)]
    children: dict[str, None] = {}
    for parent in couple:
        for c in household.children_of(parent):
            if c != person.id and _born_by(household.person(c), on):
                children[c] = None
    young = [c for c in children if _years(household.person(c), on) < young_age]
    uncared: list[str] = []
    presumed_uncared: list[str] = []
    for c in children:
        if c in young or _years(household.person(c), on) >= care_age:
            continue
        care = household.member(c).child_care
        if care is None:
            presumed_uncared.append(c)
        elif not care.is_secured:
            uncared.append(c)

    if young or uncared or presumed_uncared:
        designated = [p for p in couple if household.member(p).primary_carer]
        if designated and person.id not in designated:
            carer_is_person = False
        elif designated or len(couple) == 1:
            carer_is_person = True
        else:
            carer_is_person = True
            missing.append(
                Assumption(
                    fact="primary_carer",
                    presumed=f"{person.id} is the parent who cares for the children",
                )
            )
        if young:
            if carer_is_person:
                value = False
                reasons.append(
                    Reason(
                        code="child_under_age_cared_for",
                        message=f"cares for a child under {young_age} years",
                        reference=young_ref,
                    )
                )
            else:
                reasons.append(
                    Reason(
                        code="partner_cares_for_young_child",
                        message=f"the partner cares for the children under {young_age} years",
                        reference=young_ref,
                    )
                )
        if uncared or presumed_uncared:
            if presumed_uncared:
                missing.append(
                    Assumption(
                        fact="child_care",
                        presumed=f"not secured for {', '.join(presumed_uncared)}",
                    )
                )
            if carer_is_person:
                value = False
                reasons.append(
                    Reason(
                        code="child_care_not_secured"
                        if uncared
                        else "child_care_presumed_not_secured",
                        message=f"care of a child aged {young_age} to {care_age - 1} years is "
                        "not secured",
                        reference=care_ref,
                    )
                )
            else:
                reasons.append(
                    Reason(
                        code="partner_cares_for_child_without_care",
                        message="the partner cares for the children whose care is not secured",
                        reference=care_ref,
                    )
                )
    if children and not (young or uncared or presumed_uncared):
        reasons.append(
            Reason(
                code="child_care_secured",
                message="every child is old enough or its care is secured",
                reference=care_ref,
            )
        )

    for arrangement in household.care_arrangements:
        if arrangement.carer != person.id:
            continue
        if arrangement.secured_otherwise:
            reasons.append(
                Reason(
                    code="relative_care_secured_otherwise",
                    message="the care of a relative can be secured otherwise",
                    reference=_RELATIVE_CARE,
                )
            )
        else:
            value = False
            reasons.append(
                Reason(
                    code="caring_for_relative",
                    message="cares for a relative and the care cannot be secured otherwise",
                    reference=_RELATIVE_CARE,
                )
            )

    if not reasons:
        reasons.append(
            Reason(
                code="no_care_obligations",
                message="no children or relatives to care for",
                reference=_REASONABLE,
            )
        )
    return Decision(value=value, reasons=tuple(reasons), missing=tuple(missing))


# --- children: school and childcare -----------------------------------------------------------


def school_entry_date(birth_date: _dt.date, *, policy: Policy = DEFAULT_POLICY) -> Date:
    """
    The day a child born on *birth_date* becomes obliged to attend school: the start of
    the school year (1 August) of the year in which the child completes 6 years before
    30 September begins, i.e. whose 6th birthday falls on or before 30 September.

    Someone born on 29 February completes the year at the end of 28 February in a
    common year; with a September cut-off this changes nothing.

    >>> import pendulum
    >>> school_entry_date(pendulum.date(2019, 9, 30))
    Date(2025, 8, 1)
    >>> school_entry_date(pendulum.date(2019, 10, 1))
    Date(2026, 8, 1)

    References:
        SchulG NRW § 35 Abs. 1; BGB § 187 Abs. 2, § 188 Abs. 2 and 3.
    """
    # The rule in force when the child completes its 6th year decides.
    rule = policy.school_entry.at(age_completed_on(birth_date, years=6))
    completed = age_completed_on(birth_date, years=rule.age)
    cutoff = pendulum.date(completed.year, rule.cutoff_month, rule.cutoff_day)
    year = completed.year if completed < cutoff else completed.year + 1
    return pendulum.date(year, rule.entry_month, rule.entry_day)


def childcare_entitlement(
    birth_date: _dt.date, *, on: _dt.date, policy: Policy = DEFAULT_POLICY
) -> Decision[ChildcareEntitlement]:
    """
    The childcare a child born on *birth_date* is entitled to on *on*: none under one
    completed year, day care or a childminder from 1, a Kita place from 3 until school
    entry, then school.

    >>> import pendulum
    >>> childcare_entitlement(pendulum.date(2019, 3, 4), on=pendulum.date(2022, 6, 21)).value
    <ChildcareEntitlement.KITA: 'kita'>
    >>> childcare_entitlement(pendulum.date(2021, 9, 1), on=pendulum.date(2022, 6, 21)).value
    <ChildcareEntitlement.NONE: 'none'>

    References:
        SGB VIII § 24 Abs. 1 to 3; SchulG NRW § 35 Abs. 1.
    """
    years = completed_years(birth_date, on=on)
    entry = school_entry_date(birth_date, policy=policy)
    daycare_age = policy.daycare_entitlement_age.at(on)
    kita_age = policy.kita_entitlement_age.at(on)
    if on >= entry:
        reason = Reason(
            code="school_age",
            message="has reached school entry",
            reference=policy.school_entry.reference_at(on),
        )
        return Decision(value=ChildcareEntitlement.SCHOOL, reasons=(reason,))
    if years >= kita_age:
        reason = Reason(
            code="kita_entitlement",
            message=f"has completed {kita_age} years: entitled to a Kita place until school",
            reference=policy.kita_entitlement_age.reference_at(on),
        )
        return Decision(value=ChildcareEntitlement.KITA, reasons=(reason,))
    if years >= daycare_age:
        reason = Reason(
            code="daycare_entitlement",
            message=f"has completed {daycare_age} year(s): entitled to day care or a childminder",
            reference=policy.daycare_entitlement_age.reference_at(on),
        )
        return Decision(value=ChildcareEntitlement.DAYCARE_OR_CHILDMINDER, reasons=(reason,))
    reason = Reason(
        code="under_daycare_age",
        message=f"under {daycare_age} year(s): no unconditional entitlement",
        reference=LegalReference(law="SGB VIII", section="24", paragraph="1", url=_SGB_VIII_24),
    )
    return Decision(value=ChildcareEntitlement.NONE, reasons=(reason,))
