"""
Engine: the generators' values made without checking them a second time.

A synthetic caseload of 10⁶ households is millions of frozen values, each of whose
fields the generator has just drawn in the form the field's converter would give it (a
tuple, a :class:`pendulum.Date`, a float). The public constructors would convert and
validate every field again and check every household's member ids; that costs more than
drawing the values. The makers here set the fields directly (``object.__new__`` and
``object.__setattr__``, as attrs' own frozen ``__init__`` does), so the values are the
same objects the constructors would make, and equal to them.

A maker trusts its caller: the generators of this package, which build values of the
right types, unique ids and needs that do not repeat. Anything else must use the public
constructors. :data:`CHECKED` are the public constructors behind the same names, so a
generator runs with either; ``tests/scenarios/test_engine_trusted.py`` checks every
maker against its constructor (generated values, field by field) and whole generated
scenarios made with :data:`TRUSTED` against the same made with :data:`CHECKED`.

The makers know each class's fields; if a class gains or loses a field, importing this
module fails, so a maker never leaves a new field unset.

No code is generated or compiled here: each maker is a plain function.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from pendulum import Date

from jobcenter_core.consultations import Consultation
from jobcenter_core.dates import TimeWindow
from jobcenter_core.households import (
    CareArrangement,
    ChildCare,
    Household,
    MaritalStatus,
    Member,
    Relationship,
    RelationshipKind,
)
from jobcenter_core.languages import LanguageSkill
from jobcenter_core.needs import (
    Evidence,
    EvidenceKind,
    Finding,
    Need,
    NeedCategory,
    NeedsProfile,
    NeedStatus,
    Observation,
    Urgency,
)
from jobcenter_core.people import Person, ResidenceStatus, Sex, WorkCapacity

__all__ = ["CHECKED", "TRUSTED", "Makers"]

_new = object.__new__
_set = object.__setattr__


def _fields_are(cls: type[Any], *names: str) -> None:
    """Refuse to load when *cls*'s fields are no longer *names*: a maker would miss one."""
    actual = tuple(a.name for a in attrs.fields(cls))
    if actual != names:
        raise ImportError(
            f"the trusted maker of {cls.__name__} sets {names}, but its fields are {actual}"
        )


_fields_are(
    Person,
    "id",
    "birth_date",
    "sex",
    "languages",
    "residence",
    "identity_registered",
    "identity_registered_on",
    "stored_in_central_register",
    "work_capacity",
    "work_permitted",
    "name",
)
_fields_are(Member, "person", "marital_status", "child_care", "covers_own_needs", "primary_carer")
_fields_are(Relationship, "person", "kind", "of")
_fields_are(
    Household, "id", "members", "relationships", "care_arrangements", "approval_period_ends_on"
)
_fields_are(Evidence, "kind", "id")
_fields_are(Observation, "on", "by", "urgency", "status")
_fields_are(
    Need, "subject", "category", "urgency", "status", "identified_on", "identified_by", "trail"
)
_fields_are(NeedsProfile, "household_id", "needs")
_fields_are(
    Consultation,
    "id",
    "household_id",
    "person_id",
    "caseworker_id",
    "window",
    "language",
    "interpreter_id",
    "findings",
)


def person(
    *,
    id: str,  # the field's name
    birth_date: Date,
    sex: Sex,
    languages: tuple[LanguageSkill, ...] = (),
    residence: ResidenceStatus | None = None,
    identity_registered: bool = False,
    identity_registered_on: Date | None = None,
    stored_in_central_register: bool = False,
    work_capacity: WorkCapacity | None = None,
    work_permitted: bool | None = None,
    name: str | None = None,
) -> Person:
    """A :class:`~jobcenter_core.people.Person` of these fields, as given."""
    p: Person = _new(Person)
    _set(p, "id", id)
    _set(p, "birth_date", birth_date)
    _set(p, "sex", sex)
    _set(p, "languages", languages)
    _set(p, "residence", residence)
    _set(p, "identity_registered", identity_registered)
    _set(p, "identity_registered_on", identity_registered_on)
    _set(p, "stored_in_central_register", stored_in_central_register)
    _set(p, "work_capacity", work_capacity)
    _set(p, "work_permitted", work_permitted)
    _set(p, "name", name)
    return p


def member(
    *,
    person: Person,
    marital_status: MaritalStatus = MaritalStatus.UNKNOWN,
    child_care: ChildCare | None = None,
    covers_own_needs: bool | None = None,
    primary_carer: bool = False,
) -> Member:
    """A :class:`~jobcenter_core.households.Member` of these fields, as given."""
    m: Member = _new(Member)
    _set(m, "person", person)
    _set(m, "marital_status", marital_status)
    _set(m, "child_care", child_care)
    _set(m, "covers_own_needs", covers_own_needs)
    _set(m, "primary_carer", primary_carer)
    return m


def relationship(*, person: str, kind: RelationshipKind, of: str) -> Relationship:
    """A :class:`~jobcenter_core.households.Relationship` between two different members."""
    r: Relationship = _new(Relationship)
    _set(r, "person", person)
    _set(r, "kind", kind)
    _set(r, "of", of)
    return r


def household(
    *,
    id: str,  # the field's name
    members: tuple[Member, ...],
    relationships: tuple[Relationship, ...] = (),
    care_arrangements: tuple[CareArrangement, ...] = (),
    approval_period_ends_on: Date | None = None,
) -> Household:
    """A :class:`~jobcenter_core.households.Household` whose member ids are unique and
    whose relationships name its members."""
    h: Household = _new(Household)
    _set(h, "id", id)
    _set(h, "members", members)
    _set(h, "relationships", relationships)
    _set(h, "care_arrangements", care_arrangements)
    _set(h, "approval_period_ends_on", approval_period_ends_on)
    return h


def evidence(*, kind: EvidenceKind, id: str) -> Evidence:  # the field's name
    """An :class:`~jobcenter_core.needs.Evidence` of these fields, as given."""
    e: Evidence = _new(Evidence)
    _set(e, "kind", kind)
    _set(e, "id", id)
    return e


def observation(*, on: Date, by: Evidence, urgency: Urgency, status: NeedStatus) -> Observation:
    """An :class:`~jobcenter_core.needs.Observation` of these fields, as given."""
    o: Observation = _new(Observation)
    _set(o, "on", on)
    _set(o, "by", by)
    _set(o, "urgency", urgency)
    _set(o, "status", status)
    return o


def need(
    *,
    subject: str,
    category: NeedCategory,
    urgency: Urgency,
    status: NeedStatus,
    identified_on: Date,
    identified_by: Evidence,
    trail: tuple[Observation, ...],
) -> Need:
    """A :class:`~jobcenter_core.needs.Need` whose *trail* is sorted, without repeats,
    starts on *identified_on* by *identified_by* and ends with its urgency and status."""
    n: Need = _new(Need)
    _set(n, "subject", subject)
    _set(n, "category", category)
    _set(n, "urgency", urgency)
    _set(n, "status", status)
    _set(n, "identified_on", identified_on)
    _set(n, "identified_by", identified_by)
    _set(n, "trail", trail)
    return n


_RANK = {category: category.rank for category in NeedCategory}


def _need_key(n: Need) -> tuple[str, int]:
    return (n.subject, _RANK[n.category])


def needs_profile(*, household_id: str, needs: Sequence[Need] = ()) -> NeedsProfile:
    """
    A :class:`~jobcenter_core.needs.NeedsProfile` of *needs* in its canonical order (by
    subject and category). Needs with the same subject and category are merged, which
    only the public constructor does: such a profile is made by it.
    """
    ordered = sorted(needs, key=_need_key)
    for a, b in itertools.pairwise(ordered):
        if a.subject == b.subject and a.category is b.category:
            return NeedsProfile(household_id=household_id, needs=needs)
    p: NeedsProfile = _new(NeedsProfile)
    _set(p, "household_id", household_id)
    _set(p, "needs", tuple(ordered))
    return p


def consultation(
    *,
    id: str,  # the field's name
    household_id: str,
    person_id: str,
    caseworker_id: str,
    window: TimeWindow,
    language: str,
    interpreter_id: str | None = None,
    findings: tuple[Finding, ...] = (),
) -> Consultation:
    """A :class:`~jobcenter_core.consultations.Consultation` of these fields, as given."""
    c: Consultation = _new(Consultation)
    _set(c, "id", id)
    _set(c, "household_id", household_id)
    _set(c, "person_id", person_id)
    _set(c, "caseworker_id", caseworker_id)
    _set(c, "window", window)
    _set(c, "language", language)
    _set(c, "interpreter_id", interpreter_id)
    _set(c, "findings", findings)
    return c


@attrs.frozen(kw_only=True)
class Makers:
    """How a generator makes its values: one callable per type, called with the type's
    fields by name."""

    person: Callable[..., Person]
    member: Callable[..., Member]
    relationship: Callable[..., Relationship]
    household: Callable[..., Household]
    evidence: Callable[..., Evidence]
    observation: Callable[..., Observation]
    need: Callable[..., Need]
    needs_profile: Callable[..., NeedsProfile]
    consultation: Callable[..., Consultation]


CHECKED = Makers(
    person=Person,
    member=Member,
    relationship=Relationship,
    household=Household,
    evidence=Evidence,
    observation=Observation,
    need=Need,
    needs_profile=NeedsProfile,
    consultation=Consultation,
)
"""The public constructors: every field converted and validated."""

TRUSTED = Makers(
    person=person,
    member=member,
    relationship=relationship,
    household=household,
    evidence=evidence,
    observation=observation,
    need=need,
    needs_profile=needs_profile,
    consultation=consultation,
)
"""The makers of this module: the fields as given."""
