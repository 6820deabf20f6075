"""
Engine: the generators' values made without checking them a second time.

A synthetic caseload of 10⁶ households is millions of frozen values, each of whose
fields the generator has just drawn in the form the field's converter would give it (a
tuple, a :class:`pendulum.Date`, a float). The public constructors would convert and
validate every field again and check every household's member ids; that costs more than
drawing the values. The makers here set the fields directly, as attrs' own frozen
``__init__`` does: ``object.__new__``, then each field through its slot (the member
descriptor Python makes for each name in a class's ``__slots__``; calling its
``__set__`` is what ``object.__setattr__`` does after looking the name up). The values
are the same objects the constructors would make, and equal to them.

A maker trusts its caller: the generators of this package, which build values of the
right types, unique ids and needs that do not repeat. Anything else must use the public
constructors. :data:`CHECKED` are the public constructors behind the same names, so a
generator runs with either; ``tests/scenarios/test_engine_trusted.py`` checks every
maker against its constructor (generated values, field by field) and whole generated
scenarios made with :data:`TRUSTED` against the same made with :data:`CHECKED`.

The makers know each class's fields; if a class gains or loses a field (or stops being
slotted), importing this module fails, so a maker never leaves a new field unset.

No code is generated or compiled here: each maker is a plain function.
"""

from __future__ import annotations

import itertools
import types
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from pendulum import Date, DateTime

from jobcenter_core.caseload import Caseload
from jobcenter_core.coaching import CoachingProgramme, Mobility
from jobcenter_core.consultations import Caseworker, Consultation, Interpreter
from jobcenter_core.dates import TimeWindow, instant_order
from jobcenter_core.enrolment import Registration
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
from jobcenter_core.offers import GroupOffer, Session
from jobcenter_core.people import Person, ResidenceStatus, Sex, WorkCapacity
from jobcenter_core.scenarios.scenario import Scenario

__all__ = ["CHECKED", "TRUSTED", "Makers"]

_new = object.__new__
_Setter = Callable[[Any, Any], None]


def _slots(cls: type[Any], *names: str) -> tuple[_Setter, ...]:
    """
    The setters of *cls*'s fields *names*, in order: each slot's ``__set__``. Refuse to
    load when *cls*'s fields are no longer *names* (a maker would miss one) or a field is
    not a slot.
    """
    actual = tuple(a.name for a in attrs.fields(cls))
    if actual != names:
        raise ImportError(
            f"the trusted maker of {cls.__name__} sets {names}, but its fields are {actual}"
        )
    setters = []
    for name in names:
        slot = next((vars(k)[name] for k in cls.__mro__ if name in vars(k)), None)
        if not isinstance(slot, types.MemberDescriptorType):
            raise ImportError(f"the trusted maker of {cls.__name__} needs {name!r} to be a slot")
        setters.append(slot.__set__)
    return tuple(setters)


def _fields_are(cls: type[Any], *names: str) -> None:
    """Refuse to load when *cls*'s fields are no longer *names*: a maker would miss one."""
    _slots(cls, *names)


(
    _person_id,
    _person_birth_date,
    _person_sex,
    _person_languages,
    _person_residence,
    _person_identity_registered,
    _person_identity_registered_on,
    _person_stored_in_central_register,
    _person_work_capacity,
    _person_work_permitted,
    _person_name,
) = _slots(
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
(
    _member_person,
    _member_marital_status,
    _member_child_care,
    _member_covers_own_needs,
    _member_primary_carer,
) = _slots(Member, "person", "marital_status", "child_care", "covers_own_needs", "primary_carer")
_relationship_person, _relationship_kind, _relationship_of = _slots(
    Relationship, "person", "kind", "of"
)
(
    _household_id,
    _household_members,
    _household_relationships,
    _household_care_arrangements,
    _household_approval_period_ends_on,
) = _slots(
    Household, "id", "members", "relationships", "care_arrangements", "approval_period_ends_on"
)
_evidence_kind, _evidence_id = _slots(Evidence, "kind", "id")
_observation_on, _observation_by, _observation_urgency, _observation_status = _slots(
    Observation, "on", "by", "urgency", "status"
)
(
    _need_subject,
    _need_category,
    _need_urgency,
    _need_status,
    _need_identified_on,
    _need_identified_by,
    _need_trail,
) = _slots(
    Need, "subject", "category", "urgency", "status", "identified_on", "identified_by", "trail"
)
_profile_household_id, _profile_needs = _slots(NeedsProfile, "household_id", "needs")
(
    _consultation_id,
    _consultation_household_id,
    _consultation_person_id,
    _consultation_caseworker_id,
    _consultation_window,
    _consultation_language,
    _consultation_interpreter_id,
    _consultation_findings,
) = _slots(
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
(
    _registration_id,
    _registration_person_id,
    _registration_offer_id,
    _registration_preferences,
    _registration_registered_at,
    _registration_registered_by,
    _registration_priority,
    _registration_instant,
) = _slots(
    Registration,
    "id",
    "person_id",
    "offer_id",
    "preferences",
    "registered_at",
    "registered_by",
    "priority",
    "_instant",
)

_caseload_households, _caseload_profiles = _slots(Caseload, "households", "profiles")
_SCENARIO_FIELDS = (
    "name",
    "on",
    "caseload",
    "caseworkers",
    "interpreters",
    "consultations",
    "offer",
    "registrations",
    "second_session",
    "training",
    "training_registrations",
    "wants_work_at_short_notice",
    "coaching",
    "mobility",
)
_scenario_setters = _slots(Scenario, *_SCENARIO_FIELDS)


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
    _person_id(p, id)
    _person_birth_date(p, birth_date)
    _person_sex(p, sex)
    _person_languages(p, languages)
    _person_residence(p, residence)
    _person_identity_registered(p, identity_registered)
    _person_identity_registered_on(p, identity_registered_on)
    _person_stored_in_central_register(p, stored_in_central_register)
    _person_work_capacity(p, work_capacity)
    _person_work_permitted(p, work_permitted)
    _person_name(p, name)
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
    _member_person(m, person)
    _member_marital_status(m, marital_status)
    _member_child_care(m, child_care)
    _member_covers_own_needs(m, covers_own_needs)
    _member_primary_carer(m, primary_carer)
    return m


def relationship(*, person: str, kind: RelationshipKind, of: str) -> Relationship:
    """A :class:`~jobcenter_core.households.Relationship` between two different members."""
    r: Relationship = _new(Relationship)
    _relationship_person(r, person)
    _relationship_kind(r, kind)
    _relationship_of(r, of)
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
    _household_id(h, id)
    _household_members(h, members)
    _household_relationships(h, relationships)
    _household_care_arrangements(h, care_arrangements)
    _household_approval_period_ends_on(h, approval_period_ends_on)
    return h


def evidence(*, kind: EvidenceKind, id: str) -> Evidence:  # the field's name
    """An :class:`~jobcenter_core.needs.Evidence` of these fields, as given."""
    e: Evidence = _new(Evidence)
    _evidence_kind(e, kind)
    _evidence_id(e, id)
    return e


def observation(*, on: Date, by: Evidence, urgency: Urgency, status: NeedStatus) -> Observation:
    """An :class:`~jobcenter_core.needs.Observation` of these fields, as given."""
    o: Observation = _new(Observation)
    _observation_on(o, on)
    _observation_by(o, by)
    _observation_urgency(o, urgency)
    _observation_status(o, status)
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
    _need_subject(n, subject)
    _need_category(n, category)
    _need_urgency(n, urgency)
    _need_status(n, status)
    _need_identified_on(n, identified_on)
    _need_identified_by(n, identified_by)
    _need_trail(n, trail)
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
    _profile_household_id(p, household_id)
    _profile_needs(p, tuple(ordered))
    return p


def ordered_needs_profile(*, household_id: str, needs: tuple[Need, ...] = ()) -> NeedsProfile:
    """A :class:`~jobcenter_core.needs.NeedsProfile` of *needs*, which are in its canonical
    order (by subject and category) already, without two of the same subject and category."""
    p: NeedsProfile = _new(NeedsProfile)
    _profile_household_id(p, household_id)
    _profile_needs(p, needs)
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
    _consultation_id(c, id)
    _consultation_household_id(c, household_id)
    _consultation_person_id(c, person_id)
    _consultation_caseworker_id(c, caseworker_id)
    _consultation_window(c, window)
    _consultation_language(c, language)
    _consultation_interpreter_id(c, interpreter_id)
    _consultation_findings(c, findings)
    return c


def registration(
    *,
    id: str,  # the field's name
    person_id: str,
    offer_id: str,
    preferences: tuple[str, ...] = (),
    registered_at: DateTime,
    registered_by: str,
    priority: int = 0,
) -> Registration:
    """A :class:`~jobcenter_core.enrolment.Registration` of these fields, as given
    (*preferences* without repeats, *registered_at* a Berlin instant), with the order key's
    instant the constructor computes."""
    r: Registration = _new(Registration)
    _registration_id(r, id)
    _registration_person_id(r, person_id)
    _registration_offer_id(r, offer_id)
    _registration_preferences(r, preferences)
    _registration_registered_at(r, registered_at)
    _registration_registered_by(r, registered_by)
    _registration_priority(r, priority)
    _registration_instant(r, instant_order(registered_at))
    return r


def caseload(
    *, households: tuple[Household, ...], profiles: tuple[NeedsProfile, ...] = ()
) -> Caseload:
    """A :class:`~jobcenter_core.caseload.Caseload` of these tuples, as given: household
    ids unique, at most one profile per household, each of a household of the caseload."""
    c: Caseload = _new(Caseload)
    _caseload_households(c, households)
    _caseload_profiles(c, profiles)
    return c


def scenario(
    *,
    name: str,
    on: Date,
    caseload: Caseload,
    caseworkers: tuple[Caseworker, ...],
    interpreters: tuple[Interpreter, ...],
    consultations: tuple[Consultation, ...],
    offer: GroupOffer,
    registrations: tuple[Registration, ...],
    second_session: Session,
    training: GroupOffer,
    training_registrations: tuple[Registration, ...],
    wants_work_at_short_notice: frozenset[str],
    coaching: CoachingProgramme,
    mobility: tuple[tuple[str, Mobility], ...],
) -> Scenario:
    """A :class:`~jobcenter_core.scenarios.Scenario` of these fields, as given (tuples, a
    frozenset, a :class:`pendulum.Date`)."""
    s: Scenario = _new(Scenario)
    values = (
        name,
        on,
        caseload,
        caseworkers,
        interpreters,
        consultations,
        offer,
        registrations,
        second_session,
        training,
        training_registrations,
        wants_work_at_short_notice,
        coaching,
        mobility,
    )
    for setter, value in zip(_scenario_setters, values, strict=True):
        setter(s, value)
    return s


@attrs.frozen(kw_only=True)
class Makers:
    """How a generator makes its values: one callable per type, called with the type's
    fields by name (``ordered_needs_profile`` for needs in the profile's order already)."""

    person: Callable[..., Person]
    member: Callable[..., Member]
    relationship: Callable[..., Relationship]
    household: Callable[..., Household]
    evidence: Callable[..., Evidence]
    observation: Callable[..., Observation]
    need: Callable[..., Need]
    needs_profile: Callable[..., NeedsProfile]
    ordered_needs_profile: Callable[..., NeedsProfile]
    consultation: Callable[..., Consultation]
    registration: Callable[..., Registration]
    caseload: Callable[..., Caseload]
    scenario: Callable[..., Scenario]


CHECKED = Makers(
    person=Person,
    member=Member,
    relationship=Relationship,
    household=Household,
    evidence=Evidence,
    observation=Observation,
    need=Need,
    needs_profile=NeedsProfile,
    ordered_needs_profile=NeedsProfile,
    consultation=Consultation,
    registration=Registration,
    caseload=Caseload,
    scenario=Scenario,
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
    ordered_needs_profile=ordered_needs_profile,
    consultation=consultation,
    registration=registration,
    caseload=caseload,
    scenario=scenario,
)
"""The makers of this module: the fields as given."""
