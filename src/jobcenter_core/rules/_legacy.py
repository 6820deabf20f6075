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
import operator
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
# force and the reasons citing them. A _Day holds the tables of one day under one policy,
# each built on first use; the last days asked about are kept by a bounded
# functools.lru_cache of a pure function of immutable arguments (_day), so it changes no
# answer, only how often the same reasons are built; a national analysis asks about a
# million persons on one day. The tables are split by rule so that each dated parameter
# is still read only where the rule reads it (a policy without a value for the day fails
# exactly where it failed before).


class _AgeDay(NamedTuple):
    lower: int
    lowest_upper: int
    reasons: tuple[Reason, Reason, Reason, Reason]
    """Not yet born, under the lower limit, past the upper limit, of working age."""


def _age_table(on: _dt.date, policy: Policy) -> _AgeDay:
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


def _capacity_table(on: _dt.date, policy: Policy) -> _CapacityDay:
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


def _employability_table(day: _Day) -> _EmployabilityDay:
    age = day.age
    capacity = day.capacity
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


def _registration_table(on: _dt.date, policy: Policy) -> _RegistrationDay:
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


def _catch_up_table(on: _dt.date, policy: Policy) -> _CatchUpDay:
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


def _reform_table(on: _dt.date, policy: Policy) -> _ReformDay | None:
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


class _Day:
    """
    The tables of one day under one policy, each built on first use. Hashed by identity,
    so that a cache key holding a day is cheap to hash (the cache that made the day holds
    it, so its id is not reused while a key refers to it).
    """

    __slots__ = (
        "_age",
        "_capacity",
        "_catch_up",
        "_employability",
        "_limit",
        "_reform",
        "_registration",
        "_section_74",
        "on",
        "policy",
    )

    def __init__(self, on: _dt.date, policy: Policy) -> None:
        self.on = on
        self.policy = policy
        self._age: _AgeDay | None = None
        self._capacity: _CapacityDay | None = None
        self._employability: _EmployabilityDay | None = None
        self._section_74: bool | None = None
        self._registration: _RegistrationDay | None = None
        self._catch_up: _CatchUpDay | None = None
        self._reform: tuple[_ReformDay | None] | None = None
        self._limit: int | None = None

    @property
    def age(self) -> _AgeDay:
        if self._age is None:
            self._age = _age_table(self.on, self.policy)
        return self._age

    @property
    def capacity(self) -> _CapacityDay:
        if self._capacity is None:
            self._capacity = _capacity_table(self.on, self.policy)
        return self._capacity

    @property
    def employability(self) -> _EmployabilityDay:
        if self._employability is None:
            self._employability = _employability_table(self)
        return self._employability

    @property
    def section_74(self) -> bool:
        """Whether § 74 SGB II is in force."""
        if self._section_74 is None:
            self._section_74 = self.policy.section_74_in_force.at(self.on)
        return self._section_74

    @property
    def registration(self) -> _RegistrationDay:
        if self._registration is None:
            self._registration = _registration_table(self.on, self.policy)
        return self._registration

    @property
    def catch_up(self) -> _CatchUpDay:
        if self._catch_up is None:
            self._catch_up = _catch_up_table(self.on, self.policy)
        return self._catch_up

    @property
    def reform(self) -> _ReformDay | None:
        """The optional AsylbLG return reform, if in force."""
        if self._reform is None:
            self._reform = (_reform_table(self.on, self.policy),)
        return self._reform[0]

    @property
    def limit(self) -> int:
        """The child age limit of the benefit unit."""
        if self._limit is None:
            self._limit = self.policy.unit_child_age_limit.at(self.on)
        return self._limit


@functools.lru_cache(maxsize=64)
def _day(on: _dt.date, policy: Policy) -> _Day:
    return _Day(on, policy)


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
    day = _day(on, policy)
    return day.age.reasons[_age_case(person, day)]


def _age_case(person: Person, day: _Day) -> int:
    """Not yet born (0), under the lower limit (1), past the upper limit (2), or of working age."""
    birth = person.birth_date
    if birth > day.on:
        return 0
    return _age_of(day, birth)[1]


@functools.lru_cache(maxsize=65_536)
def _age_of(day: _Day, birth: _dt.date) -> tuple[int, int]:
    """
    The years completed on the day by someone born on *birth* (by the day), and the age
    case (see :func:`_age_case`): what depends on the birth date alone, not the person,
    so it is worked out once per birth date (a caseload has a few tens of thousands).
    """
    on = day.on
    years = completed_years(birth, on=on)
    table = day.age
    if years < table.lower:
        return years, 1
    if years >= table.lowest_upper and on > working_age_end(birth, policy=day.policy):
        return years, 2
    return years, _OF_WORKING_AGE


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
    day = _day(on, policy)
    age, capacity, permission = _employability_case(person, day)
    # The answers are built once per day (_employability_table): an answer depends on the
    # person only through these three cases.
    return day.employability.answers[age][capacity][permission]


def _employability_case(
    person: Person,
    day: _Day,
    *,
    age: int | None = None,
    section_74_applies: bool | None = None,
) -> tuple[int, int, int]:
    """
    The age, capacity and permission case of *person*, indexes into
    ``day.employability.answers``; the age case and whether § 74 applies to the person,
    if already known.
    """
    table = day.employability
    if age is None:
        age = _age_case(person, day)
    capacity = person.work_capacity
    if capacity is None:
        capacity_case = 0
    elif capacity.hours_per_day >= table.hours:
        capacity_case = 1
    else:
        capacity_case = 2
    if section_74_applies is None:
        section_74_applies = person.holds_section_24_document and day.section_74
    if section_74_applies:
        permission = 0  # not required for the § 24 group
    elif person.work_permitted is None:
        permission = 1  # presumed
    elif person.work_permitted:
        permission = 2
    else:
        permission = 3  # not permitted
    return age, capacity_case, permission


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


# Tuples, not sets: testing membership compares by identity, without hashing an enum
# member (a Python call).
_MARRIED = tuple(s for s in MaritalStatus if s.is_married)
_PARTNERSHIPS = tuple(k for k in RelationshipKind if k.is_partner)


# --- household shapes ----------------------------------------------------------------------
#
# The benefit units (§ 7 Abs. 3), and the regime of a member who is not employable, depend
# on a household only through its *shape*: for each member a few cases (born by the day,
# the employability case, the conditions on a child of § 7 Abs. 3 Nr. 2 and 4, ...) and
# the relationships between the members by position. Member ids appear only in messages
# and in the facts of presumptions. So the unit rule works on positions, its result is
# kept per shape and day by a bounded functools.lru_cache (a caseload of a million persons
# has a few thousand shapes), and the ids are put in when an answer is made.


class _MemberShape(NamedTuple):
    """What the unit and regime rules read of one member born by the day."""

    employability: tuple[int, int, int]
    """The age, capacity and permission case as the unit rule reads it (:func:`_unit_case`)."""
    married: bool
    marital_unknown: bool
    covers_own_needs: bool | None
    over_limit: bool
    """Has completed the child age limit of the unit (25 years)."""
    primary_carer: bool
    regime: int = 0
    """For the regime rule: how the person alone answers (``_UNANSWERED`` ...)."""
    old_age: bool = False
    """For the regime rule, when unanswered: past the upper age limit."""
    incapable: bool = False
    """For the regime rule, when unanswered: an adult assessed below the minimum hours."""


# _MemberShape.regime: the person alone does not answer, or answers SGB II, OTHER, or
# another regime.
_UNANSWERED, _ANSWERED_SGB_II, _ANSWERED_OTHER, _ANSWERED_ELSE = range(4)

# Relationship kinds as the unit rule reads them (the others do not matter to it).
_PARTNER, _SEPARATED, _CHILD_OF, _PARENT_OF = range(4)

_Relation = tuple[int, int, int]
"""A relationship by kind and positions: (kind, person, of)."""


class _Shape(NamedTuple):
    members: tuple[_MemberShape | None, ...]
    """Each member in household order; None when not yet born on the day."""
    relations: tuple[_Relation, ...]


def _relation_kind(kind: RelationshipKind) -> int | None:
    if kind in _PARTNERSHIPS:
        return _PARTNER
    if kind is RelationshipKind.SEPARATED_SPOUSE:
        return _SEPARATED
    if kind is RelationshipKind.CHILD:
        return _CHILD_OF
    if kind is RelationshipKind.PARENT:
        return _PARENT_OF
    return None


def _regime_case(start: _Start) -> int:
    answer = start.answer
    if answer is None:
        return _UNANSWERED
    if answer.value is BenefitRegime.SGB_II:
        return _ANSWERED_SGB_II
    if answer.value is BenefitRegime.OTHER:
        return _ANSWERED_OTHER
    return _ANSWERED_ELSE


def _member_shape(
    member: Member, household: Household, day: _Day, *, regime: bool
) -> tuple[_MemberShape, _Start | None]:
    """
    The rules' view of *member*, born by the day, and, if asked for the *regime*, how
    the member's regime answer starts.
    """
    person = member.person
    years, age = _age_of(day, person.birth_date)
    employability = _employability_case(person, day, age=age)
    start, case, old_age, incapable = None, _UNANSWERED, False, False
    if regime:
        start = _start(person, household, day, years=years, employability=employability)
        case = _regime_case(start)
        if case == _UNANSWERED:
            table = day.employability
            # Past the upper age limit: the age case says so from the lower limit on.
            old_age = age == 2 or (
                age == 1
                and years >= table.age.lowest_upper
                and day.on > working_age_end(person.birth_date, policy=day.policy)
            )
            capacity = person.work_capacity
            incapable = (
                capacity is not None and years >= 18 and capacity.hours_per_day < table.hours
            )
    marital = member.marital_status
    # tuple.__new__ with the fields in order: a NamedTuple's own __new__ is a Python call.
    shape = tuple.__new__(
        _MemberShape,
        (
            _unit_case(employability),
            marital in _MARRIED,
            marital is MaritalStatus.UNKNOWN,
            member.covers_own_needs,
            years >= day.limit,
            member.primary_carer,
            case,
            old_age,
            incapable,
        ),
    )
    return shape, start


def _unit_case(employability: tuple[int, int, int]) -> tuple[int, int, int]:
    """
    The employability case as the unit rule reads it (the answer's value and
    presumptions), so that households differing only in what it does not read share a
    shape: outside working age nothing else counts, and a permission not required
    counts as one given.
    """
    age, capacity, permission = employability
    if age != _OF_WORKING_AGE:
        return _OUTSIDE_WORKING_AGE
    if permission == 2:  # permitted: like not required (0), nothing presumed
        return age, capacity, 0
    return employability


_OUTSIDE_WORKING_AGE = (1, 0, 0)
"""The unit rule's case of everyone outside working age (not employable, nothing presumed)."""


def _relations(household: Household) -> tuple[_Relation, ...]:
    position = {m.person.id: i for i, m in enumerate(household.members)}
    relations: list[_Relation] = []
    for r in household.relationships:
        kind = _relation_kind(r.kind)
        if kind is not None:
            relations.append((kind, position[r.person], position[r.of]))
    return tuple(relations)


def _shape(household: Household, day: _Day) -> _Shape:
    """The shape of *household* on the day, for the unit rule."""
    on = day.on
    return _Shape(
        members=tuple(
            _member_shape(m, household, day, regime=False)[0] if m.person.birth_date <= on else None
            for m in household.members
        ),
        relations=_relations(household),
    )


class _Links(NamedTuple):
    """
    The relationships by member position, each list in the order of
    :meth:`Household.partners_of`, :meth:`~Household.parents_of` and
    :meth:`~Household.children_of` (one pass instead of one per question).
    """

    partners: dict[int, list[int]]
    separated: dict[int, list[int]]
    parents: dict[int, list[int]]
    children: dict[int, list[int]]


def _links(relations: Iterable[_Relation]) -> _Links:
    links = _Links({}, {}, {}, {})

    def add(table: dict[int, list[int]], a: int, b: int) -> None:
        found = table.setdefault(a, [])
        if b not in found:
            found.append(b)

    for kind, person, of in relations:
        if kind == _PARTNER:
            add(links.partners, person, of)
            add(links.partners, of, person)
        elif kind == _SEPARATED:
            add(links.separated, person, of)
            add(links.separated, of, person)
        elif kind == _CHILD_OF:
            add(links.parents, person, of)
            add(links.children, of, person)
        else:
            add(links.parents, of, person)
            add(links.children, person, of)
    return links


# --- benefit units --------------------------------------------------------------------------

_Text = tuple[str | int, ...]
"""A message with members by position: the ints are put in as the members' ids."""

_Presumed = tuple[int, str, _Text]
"""A presumption about the member at a position: (position, fact, what is presumed)."""


class _ShapeNote(NamedTuple):
    """
    A reason (its code, message and reference) or a presumption, and the members it
    concerns (to filter per unit), by position.
    """

    about: frozenset[int]
    code: str = ""
    message: _Text = ()
    reference: LegalReference | None = None
    assumption: _Presumed | None = None


class _ShapeUnits(NamedTuple):
    units: tuple[frozenset[int], ...]
    notes: tuple[_ShapeNote, ...]
    employable: frozenset[int]


def _assume(about: int, fact: str, presumed: _Text) -> _ShapeNote:
    return _ShapeNote(about=frozenset((about,)), assumption=(about, fact, presumed))


class _Forest:
    """Union-find over member positions; the representative is the earliest member."""

    def __init__(self) -> None:
        self._parent: dict[int, int] = {}

    def add(self, item: int) -> None:
        self._parent.setdefault(item, item)

    def find(self, item: int) -> int:
        root = item
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[item] != root:
            self._parent[item], item = root, self._parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        self.add(a)
        self.add(b)
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self._parent[rb] = ra

    def roots(self) -> dict[int, int]:
        """Every item and its representative."""
        return {item: self.find(item) for item in list(self._parent)}

    def groups(self) -> tuple[frozenset[int], ...]:
        found: dict[int, list[int]] = {}
        for item in sorted(self._parent):  # in household order: each group keyed by its first
            found.setdefault(self.find(item), []).append(item)
        return tuple(frozenset(g) for g in found.values())


def _unit_child_problem(
    shape: _Shape, child: int, limit: int, links: _Links, born: set[int]
) -> tuple[str, _Text] | None:
    """Why *child* cannot be a § 7 Abs. 3 Nr. 2/4 child, as (code, message), or None."""
    member = shape.members[child]
    assert member is not None  # born
    if member.married:
        return "married_child_not_in_unit", (child, " is married: not in the parents' unit")
    if member.over_limit:
        return (
            "child_over_age_limit_not_in_unit",
            (child, f" has completed {limit} years: not in the parents' unit"),
        )
    if member.covers_own_needs is True:
        return (
            "child_covers_own_needs",
            (child, " covers own needs from own income or assets: not in the parents' unit"),
        )
    if any(k in born for k in links.children.get(child, ())):
        return (
            "child_with_own_child_forms_own_unit",
            (child, " has a child in the household and forms a separate unit"),
        )
    return None


def _child_assumptions(shape: _Shape, child: int) -> list[_ShapeNote]:
    member = shape.members[child]
    assert member is not None  # born
    notes: list[_ShapeNote] = []
    if member.marital_unknown:
        notes.append(_assume(child, "marital_status", ("unmarried",)))
    if member.covers_own_needs is None:
        notes.append(_assume(child, "covers_own_needs", ("cannot cover own needs",)))
    return notes


@functools.lru_cache(maxsize=16_384)
def _shape_units(day: _Day, shape: _Shape, explain: bool) -> _ShapeUnits:
    """
    The benefit units of a household of *shape* on the day, with notes: the
    presumptions made and, if *explain*, the reasons (the regime rule needs only the
    presumptions).
    """
    limit = day.limit
    members = shape.members
    born = [i for i, m in enumerate(members) if m is not None]
    born_set = set(born)
    links = _links(shape.relations)
    no_one: list[int] = []
    notes: list[_ShapeNote] = []
    said: set[tuple[str, frozenset[int]]] = set()

    def say(
        about: Iterable[int],
        code: str,
        message: _Text,
        reference: LegalReference,
        once: bool = False,
    ) -> None:
        """Record a reason if explaining (*once* per code and set of members: for pairs)."""
        if not explain:
            return
        members_about = frozenset(about)
        if once:
            key = (code, members_about)
            if key in said:
                return
            said.add(key)
        notes.append(_ShapeNote(members_about, code, message, reference))

    for i, m in enumerate(members):
        if m is None:
            say([i], "not_yet_born", (i, " is not yet born on the day"), _UNIT_NR_1)
    employable: dict[int, bool] = {}
    answers = day.employability.answers
    for i in born:
        member = members[i]
        assert member is not None
        age, capacity, permission = member.employability
        decision = answers[age][capacity][permission]
        employable[i] = decision.value
        for a in decision.missing:
            notes.append(_assume(i, a.fact, (a.presumed,)))

    forest = _Forest()
    # Phase 1: the employable members, their partners (Nr. 3) and, for an unmarried
    # employable child under the limit, the parents and a parent's partner (Nr. 2).
    for i in born:
        if not employable[i]:
            continue
        forest.add(i)
        say([i], "employable_member", (i, " is employable"), _UNIT_NR_1)
        for p in links.partners.get(i, no_one):
            if p in born_set:
                forest.union(i, p)
                say([i, p], "partner", (p, " is the partner of ", i), _UNIT_NR_3, once=True)
        for s in links.separated.get(i, no_one):
            say(
                [i, s],
                "separated_spouse_not_partner",
                (s, " is permanently separated from ", i, ": not a partner"),
                _UNIT_NR_3,
                once=True,
            )
        parents = [p for p in links.parents.get(i, no_one) if p in born_set]
        if parents and _unit_child_problem(shape, i, limit, links, born_set) is None:
            notes.extend(_child_assumptions(shape, i))
            for p in parents:
                forest.union(i, p)
                say(
                    [i, p],
                    "parent_of_employable_child",
                    (p, " is a parent of the unmarried employable child ", i, f" under {limit}"),
                    _UNIT_NR_2,
                )
                for q in links.partners.get(p, no_one):
                    if q in born_set and q != i and q not in parents:
                        forest.union(i, q)
                        say(
                            [i, q],
                            "partner_of_parent",
                            (q, " is the partner of ", i, "'s parent ", p),
                            _UNIT_NR_2,
                        )

    # Phase 2: unmarried children under the limit of anyone in a unit (Nr. 4). A child
    # whose parents sit in different units joins the unit of the primary carer, or of
    # the first parent in household order.
    core = forest.roots()
    for child in born:
        parents_in_units = [p for p in links.parents.get(child, no_one) if p in core]
        if not parents_in_units:
            continue
        if child in core and {core[p] for p in parents_in_units} == {core[child]}:
            continue  # already in the parents' unit through Nr. 2
        problem = _unit_child_problem(shape, child, limit, links, born_set)
        if problem is not None:
            code, message = problem
            say([child, *parents_in_units], code, message, _UNIT_NR_4)
            continue
        if child in core:
            continue
        notes.extend(_child_assumptions(shape, child))
        chosen = parents_in_units[0]
        if len({core[p] for p in parents_in_units}) > 1:
            carers = [p for p in parents_in_units if _is_primary_carer(shape, p)]
            if carers:
                chosen = carers[0]
            else:
                chosen = min(parents_in_units)
                notes.append(
                    _assume(child, "household_of_child", ("the unit of the parent ", chosen))
                )
        forest.union(chosen, child)
        say(
            [child, chosen],
            "child_under_age_limit",
            (
                child,
                f" is an unmarried child under {limit} of ",
                chosen,
                " without own sufficient means",
            ),
            _UNIT_NR_4,
        )

    units = forest.groups()
    in_unit = {i for u in units for i in u} if explain else born_set
    for i in born:
        if i not in in_unit:
            say(
                [i],
                "not_in_unit",
                (
                    i,
                    " is neither employable nor the partner, parent or child "
                    "of an employable member in the sense of § 7 Abs. 3",
                ),
                _UNIT_NR_1,
            )
    if not units:
        say(
            range(len(members)),
            "no_employable_member",
            ("no member is employable: no benefit unit",),
            _UNIT_NR_1,
        )
    return _ShapeUnits(
        units=units,
        notes=tuple(notes),
        employable=frozenset(k for k, v in employable.items() if v),
    )


def _is_primary_carer(shape: _Shape, position: int) -> bool:
    member = shape.members[position]
    return member is not None and member.primary_carer


def _text(text: _Text, ids: tuple[str, ...]) -> str:
    """*text* with the members' ids put in."""
    if len(text) == 1 and isinstance(text[0], str):
        return text[0]
    return "".join(ids[part] if isinstance(part, int) else part for part in text)


def _presumption(presumed: _Presumed, ids: tuple[str, ...]) -> Assumption:
    position, fact, what = presumed
    return Assumption(fact=f"{ids[position]}.{fact}", presumed=_text(what, ids))


class _Note(NamedTuple):
    """A note of :class:`_ShapeNote` for one household: with the members' ids put in."""

    about: frozenset[str]
    reason: Reason | None
    assumption: Assumption | None


class _Units(NamedTuple):
    units: tuple[frozenset[str], ...]
    notes: tuple[_Note, ...]


def _compute_units(household: Household, on: _dt.date, policy: Policy) -> _Units:
    """The benefit units of *household* on *on*, with every note (see :func:`_shape_units`)."""
    day = _day(on, policy)
    computed = _shape_units(day, _shape(household, day), True)
    ids = household.member_ids
    return _Units(
        units=tuple(frozenset(ids[i] for i in unit) for unit in computed.units),
        notes=tuple(
            _Note(
                about=frozenset(ids[i] for i in n.about),
                reason=(
                    Reason(code=n.code, message=_text(n.message, ids), reference=n.reference)
                    if n.code
                    else None
                ),
                assumption=None if n.assumption is None else _presumption(n.assumption, ids),
            )
            for n in computed.notes
        ),
    )


def _split(notes: Iterable[_Note]) -> tuple[tuple[Reason, ...], tuple[Assumption, ...]]:
    kept = list(notes)
    reasons = tuple(n.reason for n in kept if n.reason is not None)
    seen: dict[Assumption, None] = {}
    for n in kept:
        if n.assumption is not None:
            seen.setdefault(n.assumption, None)
    return reasons, tuple(seen)


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


def _unit_notes(
    household: Household, target: str, on: _dt.date, policy: Policy
) -> tuple[frozenset[str], list[_Note]]:
    """The unit of *target* (empty if none) and the notes that concern it or *target*."""
    computed = _compute_units(household, on, policy)
    unit = next((u for u in computed.units if target in u), frozenset[str]())
    scope = unit or frozenset({target})
    return unit, [n for n in computed.notes if n.about & scope]


# --- regime --------------------------------------------------------------------------------


class _Start(NamedTuple):
    """
    How a member's regime answer starts, from the person and the day alone: the whole
    *answer* when the household does not matter; else (not employable) the *reasons* and
    *missing* presumptions the answer begins with, and its reasons for each outcome of
    the benefit unit rule.
    """

    answer: Decision[BenefitRegime] | None
    reasons: tuple[Reason, ...] = ()
    missing: tuple[Assumption, ...] = ()
    old_age: tuple[Reason, ...] = ()
    family_member: tuple[Reason, ...] = ()
    sozialgeld: tuple[Reason, ...] = ()
    no_unit: tuple[Reason, ...] = ()


_SECTION_24_DOCUMENTS = tuple(d for d in ResidenceDocument if d.is_section_24)
"""A tuple: testing membership compares by identity, without hashing (a Python call)."""
_RESIDENCE_UNKNOWN_START = _Start(
    Decision(
        value=BenefitRegime.OTHER, reasons=(_NO_SECTION_24_DOCUMENT,), missing=(_RESIDENCE_UNKNOWN,)
    )
)
_ASYLUM_SEEKER_START = _Start(Decision(value=BenefitRegime.ASYLBLG, reasons=(_ASYLUM_SEEKER,)))
_OTHER_DOCUMENT_START = _Start(
    Decision(value=BenefitRegime.OTHER, reasons=(_NO_SECTION_24_DOCUMENT,))
)
_SECTION_74_NOT_IN_FORCE_START = _Start(
    Decision(value=BenefitRegime.ASYLBLG, reasons=(_SECTION_24_DOCUMENT, _SECTION_74_NOT_IN_FORCE))
)

# The § 74 identity-registration cases (see _registration_outcome).
_NOT_REQUIRED, _REGISTERED_UNDATED, _REGISTERED, _FIRST_ISSUE_UNKNOWN = range(4)
_CENTRAL_REGISTER_SUFFICES, _REGISTRATION_MISSING = 4, 5

# The cases of the optional AsylbLG return reform (see _start_for).
_NO_REFORM, _ISSUE_PRESUMED_BEFORE_CUTOFF, _ISSUED_BEFORE_CUTOFF = range(3)
_ASYLBLG_RETURN, _RETURN_TRANSITION = 3, 4


def _registration_case(person: Person, years: int, day: _Day) -> int:
    """Which § 74 identity-registration case *person*, *years* old on the day, is in."""
    on = day.on
    registration = day.registration
    if years < registration.min_age:
        return _NOT_REQUIRED
    if person.identity_registered:
        if person.identity_registered_on is None:
            return _REGISTERED_UNDATED
        if person.identity_registered_on <= on:
            return _REGISTERED
    catch_up = day.catch_up
    residence = person.residence
    first = residence.first_issued_on if residence is not None else None
    if person.stored_in_central_register and on <= catch_up.deadline:
        if first is None:
            return _FIRST_ISSUE_UNKNOWN
        if catch_up.issued_from <= first <= catch_up.issued_until:
            return _CENTRAL_REGISTER_SUFFICES
    return _REGISTRATION_MISSING


def _registration_outcome(
    case: int, day: _Day
) -> tuple[bool, tuple[Reason, ...], tuple[Assumption, ...]]:
    """Whether the § 74 identity-registration condition holds in *case*, and why."""
    if case == _NOT_REQUIRED:
        return True, (day.registration.not_required,), ()
    if case == _REGISTERED_UNDATED:
        return True, (_IDENTITY_REGISTERED_UNDATED,), (_IDENTITY_REGISTERED_ON_PRESUMED,)
    if case == _REGISTERED:
        return True, (_IDENTITY_REGISTERED,), ()
    if case == _FIRST_ISSUE_UNKNOWN:
        first_unknown = day.catch_up.first_issue_unknown
        return False, (first_unknown,), (_FIRST_ISSUED_OUTSIDE_CATCH_UP,)
    if case == _CENTRAL_REGISTER_SUFFICES:
        return True, (day.catch_up.central_register_suffices,), ()
    return False, (_IDENTITY_REGISTRATION_MISSING,), ()


def _start(
    person: Person,
    household: Household,
    day: _Day,
    *,
    years: int | None = None,
    employability: tuple[int, int, int] | None = None,
) -> _Start:
    """
    How *person*'s regime answer starts (see :class:`_Start`). The answer depends on the
    person only through a few cases, so the answers are built once per case and day
    (:func:`_start_for`), as :func:`is_employable`'s are. *years* (completed on the day)
    and the employability case (of :func:`is_employable`), if already known.
    """
    residence = person.residence
    if residence is None:
        return _RESIDENCE_UNKNOWN_START
    if residence.document not in _SECTION_24_DOCUMENTS:
        if residence.document is ResidenceDocument.ASYLUM_ARRIVAL_CERTIFICATE:
            return _ASYLUM_SEEKER_START
        return _OTHER_DOCUMENT_START
    if not day.section_74:
        return _SECTION_74_NOT_IN_FORCE_START

    on = day.on
    if years is None:
        years = _age_of(day, person.birth_date)[0]
    registration = _registration_case(person, years, day)
    if registration in (_FIRST_ISSUE_UNKNOWN, _REGISTRATION_MISSING):
        return _start_for(day, registration, _NO_REFORM, None, False, 0, 0, 0)

    reform = day.reform
    case, until, presumed = _NO_REFORM, None, False
    if reform is not None:
        first = residence.first_issued_on
        if first is None:
            case = _ISSUE_PRESUMED_BEFORE_CUTOFF
        elif first > reform.rule.first_issued_after:
            case = _ASYLBLG_RETURN
            if reform.start is not None and first < reform.start:
                end = household.approval_period_ends_on
                if end is None:
                    presumed = True
                    end = reform.rule.transition_ends
                runs_until = min(end, reform.rule.transition_ends)
                if on <= runs_until:
                    case, until = _RETURN_TRANSITION, runs_until
        else:
            case = _ISSUED_BEFORE_CUTOFF
        if case == _ASYLBLG_RETURN:
            return _start_for(day, registration, case, None, presumed, 0, 0, 0)

    # A § 24 holder with § 74 in force: is_employable's case is this one.
    if employability is None:
        employability = _employability_case(person, day, section_74_applies=True)
    return _start_for(day, registration, case, until, presumed, *employability)


@functools.lru_cache(maxsize=1024)
def _start_for(
    day: _Day,
    registration: int,
    reform: int,
    until: Date | None,
    approval_presumed: bool,
    age: int,
    capacity: int,
    permission: int,
) -> _Start:
    """
    The start of the regime answer of a § 24 holder on the day under § 74, by case: the
    identity registration, the AsylbLG return reform (*until* the existing grant runs,
    whose end may be presumed), and employability (indexes into
    ``day.employability.answers``).
    """
    registered, registration_reasons, missing = _registration_outcome(registration, day)
    reasons = (_SECTION_24_DOCUMENT, *registration_reasons)
    if not registered:
        not_met = Decision(
            value=BenefitRegime.ASYLBLG, reasons=(*reasons, _SECTION_74_NOT_MET), missing=missing
        )
        return _Start(not_met)

    rule = day.reform
    if rule is not None:
        if approval_presumed:
            missing += (
                Assumption(
                    fact="approval_period_ends_on",
                    presumed=f"the current grant runs to {rule.rule.transition_ends}",
                ),
            )
        if reform == _ISSUE_PRESUMED_BEFORE_CUTOFF:
            missing += (rule.first_issue_missing,)
            reasons += (rule.presumed_before_cutoff,)
        elif reform == _ISSUED_BEFORE_CUTOFF:
            reasons += (rule.issued_before_cutoff,)
        elif reform == _ASYLBLG_RETURN:
            returned = (*reasons, rule.asylblg_return)
            return _Start(Decision(value=BenefitRegime.ASYLBLG, reasons=returned, missing=missing))
        else:
            reasons += (
                Reason(
                    code="asylblg_return_transition",
                    message=f"document first issued after {rule.rule.first_issued_after}, "
                    f"but the existing grant runs until {until}",
                    reference=rule.reference,
                ),
            )

    employable = day.employability.answers[age][capacity][permission]
    reasons += employable.reasons
    missing += employable.missing
    if employable.value:
        sgb_ii = (*reasons, _EMPLOYABLE_SGB_II)
        return _Start(Decision(value=BenefitRegime.SGB_II, reasons=sgb_ii, missing=missing))
    return _Start(
        None,
        reasons=reasons,
        missing=missing,
        old_age=(*reasons, _OLD_AGE_SGB_XII),
        family_member=(*reasons, _FAMILY_MEMBER_ASYLBLG),
        sozialgeld=(*reasons, _SOZIALGELD_REASON),
        no_unit=(*reasons, _NOT_EMPLOYABLE_NO_UNIT, _SGB_II_REQUIRES_EMPLOYABILITY),
    )


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
    day = _day(on, policy)
    start = _start(person, household, day)
    if start.answer is not None:
        return start.answer
    # Not employable: the answer depends on the household's benefit units.
    regimes = _household_regimes(_Same(household), day)
    return next(d for mid, d in regimes if mid == person.id)


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
    return _regimes(household, _day(on, policy))


class _Same:
    """A cache key for one object: equal only to a key for the same object, cheap to hash."""

    __slots__ = ("value",)

    def __init__(self, value: Household) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.value is self.value


@functools.lru_cache(maxsize=64)
def _household_regimes(
    household: _Same, day: _Day
) -> tuple[tuple[str, Decision[BenefitRegime]], ...]:
    """
    :func:`benefit_regimes`, kept for the last few households asked about: the regime of a
    member who is not employable needs the household's benefit units, and a caseload
    analysis asks about every member of a household in turn. The key is the household
    object itself (it is immutable and the cache holds it, so its id is not reused), which
    spares hashing every member's facts.
    """
    return _regimes(household.value, day)


# Which of a _Start's reasons an unanswered member's regime gives.
_NO_UNIT_REASONS = operator.attrgetter("no_unit")
_OLD_AGE_REASONS = operator.attrgetter("old_age")
_FAMILY_MEMBER_REASONS = operator.attrgetter("family_member")
_SOZIALGELD_REASONS = operator.attrgetter("sozialgeld")


class _Recipe(NamedTuple):
    """How the regime of a member the person alone does not answer is made (by position)."""

    value: BenefitRegime
    reasons: operator.attrgetter[tuple[Reason, ...]]
    """Which of the member's start reasons (see :class:`_Start`)."""
    presumed: tuple[int, ...]
    """The presumptions about the unit, as indexes into ``_Recipes.presumed``."""
    incapable: bool
    """Whether the incapacity is presumed not permanent."""
    other: int | None
    """The member presumed to get SGB II under general rules, if any."""


class _Recipes(NamedTuple):
    presumed: tuple[_Presumed, ...]
    members: tuple[_Recipe | None, ...]
    """By position; None for a member the person alone answers (or not yet born)."""


@functools.lru_cache(maxsize=16_384)
def _shape_regimes(day: _Day, shape: _Shape) -> _Recipes:
    """
    The regimes of the members of a household of *shape* whom the person alone does not
    answer: by the benefit unit (§ 7 Abs. 3), with Sozialgeld (§ 19 Abs. 1 S. 2) for a
    member of a unit with a member under SGB II.
    """
    computed = _shape_units(day, shape, False)
    presumed: dict[_Presumed, int] = {}
    recipes: dict[int, _Recipe] = {}

    def regime(i: int) -> BenefitRegime:
        member = shape.members[i]
        assert member is not None  # born
        if member.regime == _ANSWERED_SGB_II:
            return BenefitRegime.SGB_II
        if member.regime == _ANSWERED_OTHER:
            return BenefitRegime.OTHER
        if member.regime == _ANSWERED_ELSE:
            return BenefitRegime.ASYLBLG  # or SGB XII: neither SGB II nor OTHER
        return recipe(i).value

    def recipe(i: int) -> _Recipe:
        found = recipes.get(i)
        if found is None:
            found = recipes[i] = make(i)
        return found

    def make(i: int) -> _Recipe:
        member = shape.members[i]
        assert member is not None  # born
        unit = next((u for u in computed.units if i in u), frozenset[int]())
        scope = unit or frozenset((i,))
        about = tuple(
            presumed.setdefault(n.assumption, len(presumed))
            for n in computed.notes
            if n.assumption is not None and n.about & scope
        )
        indexes = tuple(dict.fromkeys(about))
        if not unit:
            return _Recipe(BenefitRegime.SGB_XII, _NO_UNIT_REASONS, indexes, False, None)
        if member.old_age:
            return _Recipe(BenefitRegime.SGB_XII, _OLD_AGE_REASONS, indexes, False, None)
        # An employable member's regime never depends on the unit: no recursion.
        anchors = [
            (j, regime(j))
            for j in range(len(shape.members))
            if j in unit and j != i and j in computed.employable
        ]
        if not any(r is BenefitRegime.SGB_II for _, r in anchors):
            others = [j for j, r in anchors if r is BenefitRegime.OTHER]
            if not others:
                return _Recipe(
                    BenefitRegime.ASYLBLG, _FAMILY_MEMBER_REASONS, indexes, member.incapable, None
                )
            return _Recipe(
                BenefitRegime.SGB_II, _SOZIALGELD_REASONS, indexes, member.incapable, others[0]
            )
        return _Recipe(BenefitRegime.SGB_II, _SOZIALGELD_REASONS, indexes, member.incapable, None)

    members = tuple(
        None if m is None or m.regime != _UNANSWERED else recipe(i)
        for i, m in enumerate(shape.members)
    )
    return _Recipes(presumed=tuple(presumed), members=members)


def _regimes(household: Household, day: _Day) -> tuple[tuple[str, Decision[BenefitRegime]], ...]:
    on = day.on
    shapes: list[_MemberShape | None] = []
    starts: list[_Start | None] = []
    answered = True
    for m in household.members:
        if m.person.birth_date <= on:
            shape, start = _member_shape(m, household, day, regime=True)
            answered = answered and shape.regime != _UNANSWERED
            shapes.append(shape)
            starts.append(start)
        else:
            shapes.append(None)
            starts.append(None)
    if answered:
        # Every member is answered from the person alone: the units do not matter.
        return tuple(
            (m.person.id, s.answer)
            for m, s in zip(household.members, starts, strict=True)
            if s is not None and s.answer is not None
        )
    recipes = _shape_regimes(day, _Shape(tuple(shapes), _relations(household)))
    ids = household.member_ids
    presumed = [_presumption(p, ids) for p in recipes.presumed]
    found: list[tuple[str, Decision[BenefitRegime]]] = []
    for mid, start, recipe in zip(ids, starts, recipes.members, strict=True):
        if start is None:
            continue
        if start.answer is not None:
            found.append((mid, start.answer))
            continue
        assert recipe is not None
        missing = start.missing
        about = tuple(map(presumed.__getitem__, recipe.presumed))
        if missing:
            missing += tuple(a for a in about if a not in missing)
        else:
            missing = about
        if recipe.incapable:
            missing += (_INCAPACITY_NOT_PERMANENT,)
        if recipe.other is not None:
            missing += (
                Assumption(
                    fact=f"{ids[recipe.other]}.benefit_regime",
                    presumed="SGB II (general rules, not modelled)",
                ),
            )
        found.append(
            (mid, Decision(value=recipe.value, reasons=recipe.reasons(start), missing=missing))
        )
    return tuple(found)


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
