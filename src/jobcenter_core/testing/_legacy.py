"""
Hypothesis strategies for the public types (optional extra ``testing``).

Shared file: each module's owner appends a clearly headed section for its own types.
Strategies produce realistic values (birth dates 1940–2024, mostly § 24 documents,
households with consistent relationships and plausible ages); dates are drawn with
:func:`hypothesis.strategies.dates` and converted to :class:`pendulum.Date`.

>>> from hypothesis import find
>>> from jobcenter_core.strategies import persons
>>> find(persons(), lambda p: True).id
'p-0'
"""

from __future__ import annotations

import datetime as _dt
import functools

import attrs
import pendulum
from hypothesis import strategies as st
from pendulum import Date

from jobcenter_core import enrolment as _enrolment
from jobcenter_core.caseload import Caseload
from jobcenter_core.coaching import (
    Coach,
    CoachingFindings,
    CoachingProgramme,
    CoachingReferral,
    Delivery,
    GermanCourse,
    GroupOfferTopic,
    Mobility,
    NextStep,
    ProfessionalExperience,
    QualificationRecognition,
    accept,
    cancel,
    coach_loads,
    complete,
    decline,
    no_show,
    record_session,
    refer,
    start,
    waitlist,
)
from jobcenter_core.consultations import Caseworker, Consultation, Interpreter
from jobcenter_core.dates import TimeWindow, at_berlin
from jobcenter_core.decisions import LegalReference
from jobcenter_core.enrolment import Commitment, OfferState, Registration, Transition
from jobcenter_core.errors import InvalidTransition
from jobcenter_core.households import (
    CareArrangement,
    ChildCare,
    Household,
    MaritalStatus,
    Member,
    Relationship,
    RelationshipKind,
)
from jobcenter_core.languages import CefrLevel, LanguageSkill
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
from jobcenter_core.offers import (
    AllOf,
    AnyOf,
    Employable,
    Everyone,
    GroupOffer,
    HasChildrenNeedingCare,
    LanguageAtLeast,
    Not,
    Session,
    TargetGroupRule,
    Venue,
    WantsWorkAtShortNotice,
)
from jobcenter_core.parameters import (
    DEFAULT_POLICY,
    Policy,
    grundsicherung_2026,
    leistungsrechtsanpassung_2026,
)
from jobcenter_core.people import (
    Person,
    ResidenceDocument,
    ResidenceStatus,
    Sex,
    WorkCapacity,
)

__all__ = [
    "COACHING_LANGUAGES",
    "ENROLMENT_CASEWORKERS",
    "EVIDENCE_IDS",
    "INTERPRETER_LANGUAGES",
    "LANGUAGE_CODES",
    "NEED_SUBJECTS",
    "REFERRAL_COMMANDS",
    "ROSTER_COMMANDS",
    "allocation_problems",
    "caseloads",
    "caseworkers",
    "cefr_levels",
    "coaching_caseloads",
    "coaching_findings",
    "coaching_need_findings",
    "coaching_programmes",
    "commitments",
    "consultation_days",
    "evidences",
    "findings",
    "group_offers",
    "households",
    "interpreters",
    "language_skills",
    "mobilities",
    "needs",
    "needs_profiles",
    "next_steps",
    "observations",
    "offer_states",
    "pendulum_dates",
    "persons",
    "policies",
    "reference_dates",
    "referral_commands",
    "registrations",
    "residence_statuses",
    "roster_commands",
    "roster_transitions",
    "sessions",
    "target_group_rules",
    "venues",
    "work_capacities",
]

# --- foundation: dates, languages, people, households, policies ---------------------------

LANGUAGE_CODES = ("uk", "ru", "de", "en", "pl", "ar", "tr", "fa")
"""Languages drawn by :func:`language_skills` (ISO 639-1)."""


def _to_pendulum(day: _dt.date) -> Date:
    return pendulum.date(day.year, day.month, day.day)


def pendulum_dates(
    min_value: _dt.date = _dt.date(1940, 1, 1), max_value: _dt.date = _dt.date(2030, 12, 31)
) -> st.SearchStrategy[Date]:
    """
    Days between *min_value* and *max_value* (inclusive) as :class:`pendulum.Date`.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import pendulum_dates
    >>> find(pendulum_dates(pendulum.date(2022, 6, 1)), lambda d: True)
    Date(2022, 6, 1)
    """
    low = _dt.date(min_value.year, min_value.month, min_value.day)
    high = _dt.date(max_value.year, max_value.month, max_value.day)
    return st.dates(min_value=low, max_value=high).map(_to_pendulum)


def reference_dates() -> st.SearchStrategy[Date]:
    """
    Reference days ``on`` for the rules: 2021–2028, with the days the law changes
    (2022-05-31/06-01, the catch-up deadline, 2026-06-30/07-01, 2026-09-30/10-01) mixed in.
    """
    edges = [
        pendulum.date(2022, 5, 31),
        pendulum.date(2022, 6, 1),
        pendulum.date(2022, 10, 31),
        pendulum.date(2022, 11, 1),
        pendulum.date(2026, 6, 30),
        pendulum.date(2026, 7, 1),
        pendulum.date(2026, 9, 30),
        pendulum.date(2026, 10, 1),
    ]
    return st.one_of(
        st.sampled_from(edges), pendulum_dates(_dt.date(2021, 1, 1), _dt.date(2028, 12, 31))
    )


def cefr_levels() -> st.SearchStrategy[CefrLevel]:
    """Any CEFR level."""
    return st.sampled_from(CefrLevel)


def language_skills(max_size: int = 3) -> st.SearchStrategy[tuple[LanguageSkill, ...]]:
    """
    Up to *max_size* skills in distinct languages (as :attr:`Person.languages` expects).

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import language_skills
    >>> find(language_skills(), lambda s: len(s) == 2)[0].language
    'uk'
    """
    return st.lists(
        st.builds(LanguageSkill, language=st.sampled_from(LANGUAGE_CODES), level=cefr_levels()),
        max_size=max_size,
        unique_by=lambda s: s.language,
    ).map(tuple)


def _day_between(draw: st.DrawFn, low: _dt.date, high: _dt.date) -> Date:
    """A day in ``[low, high]``, drawn as an offset (cheaper than a new dates strategy)."""
    offset = draw(st.integers(min_value=0, max_value=max((high - low).days, 0)))
    return _to_pendulum(_dt.date(low.year, low.month, low.day) + _dt.timedelta(days=offset))


_SECTION_24_DOCUMENTS = (
    ResidenceDocument.TEMPORARY_PROTECTION_PERMIT,
    ResidenceDocument.FICTION_CERTIFICATE,
)


def residence_statuses() -> st.SearchStrategy[ResidenceStatus]:
    """Residence statuses, mostly § 24 permits or Fiktionsbescheinigungen (2022–2027)."""
    return _RESIDENCE_STATUSES


def work_capacities() -> st.SearchStrategy[WorkCapacity]:
    """Assessed capacities of 0–8 hours a day (in half hours), assessed 2021–2027."""
    return _WORK_CAPACITIES


def _person(draw: st.DrawFn, person_id: str, birth: Date) -> Person:
    registered = draw(st.booleans())
    registered_on = draw(_REGISTRATION_DAYS) if registered else None
    return Person(
        id=person_id,
        birth_date=birth,
        sex=draw(_SEXES),
        languages=draw(_LANGUAGE_SKILLS),
        residence=draw(_RESIDENCES),
        identity_registered=registered,
        identity_registered_on=registered_on,
        stored_in_central_register=draw(st.booleans()),
        work_capacity=draw(_OPTIONAL_CAPACITIES),
        work_permitted=draw(_OPTIONAL_BOOLS),
        name=draw(_NAMES),
    )


@st.composite
def persons(
    draw: st.DrawFn,
    *,
    id: str | None = None,
    birth_dates: st.SearchStrategy[Date] | None = None,
) -> Person:
    """
    A person with a realistic profile: born 1940–2024 (or from *birth_dates*), mostly a
    § 24 document, sometimes identity-registered (with or without the date), capacity
    and permission sometimes unknown. *id* defaults to ``"p-0"``.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import persons
    >>> find(persons(id="x"), lambda p: p.holds_section_24_document).id
    'x'
    """
    birth = draw(birth_dates if birth_dates is not None else _BIRTH_DATES)
    return _person(draw, id if id is not None else "p-0", birth)


_PARTNER_KINDS = (
    RelationshipKind.SPOUSE,
    RelationshipKind.REGISTERED_PARTNER,
    RelationshipKind.RESPONSIBILITY_COMMUNITY,
    RelationshipKind.SEPARATED_SPOUSE,
)
_LAST_BIRTH = _dt.date(2024, 12, 31)


def _child_member(draw: st.DrawFn, person: Person) -> Member:
    return Member(
        person=person,
        marital_status=draw(_CHILD_MARITAL_STATUSES),
        child_care=draw(_CHILD_CARE),
        covers_own_needs=draw(_OPTIONAL_BOOLS),
    )


def _adult_member(draw: st.DrawFn, person: Person) -> Member:
    return Member(
        person=person,
        marital_status=draw(_MARITAL_STATUSES),
        covers_own_needs=draw(_OPTIONAL_BOOLS),
        primary_carer=draw(st.booleans()),
    )


@st.composite
def households(draw: st.DrawFn, *, id: str = "h-0", max_children: int = 4) -> Household:
    """
    A household with consistent relationships: a reference adult (``m-0``), maybe a
    partner (spouse, registered partner, community, or separated spouse), up to
    *max_children* children born 16–45 years after the reference person (some of them
    adults, some with their own child), maybe a parent or another relative, and maybe a
    care arrangement. Member ids are ``m-0``, ``m-1`` …; the approval period end is
    sometimes known.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import households
    >>> find(households(), lambda h: True).member_ids
    ('m-0',)
    """
    ids = (f"m-{n}" for n in range(1000))
    ref = _person(draw, next(ids), draw(_ADULT_BIRTH_DATES))
    members: list[Member] = [_adult_member(draw, ref)]
    relationships: list[Relationship] = []
    parents = [ref.id]
    if draw(st.booleans()):
        partner = _person(draw, next(ids), draw(_ADULT_BIRTH_DATES))
        members.append(_adult_member(draw, partner))
        kind = draw(st.sampled_from(_PARTNER_KINDS))
        relationships.append(Relationship(person=partner.id, kind=kind, of=ref.id))
        parents.append(partner.id)
    births = {m.id: m.person.birth_date for m in members}
    for _ in range(draw(st.integers(min_value=0, max_value=max_children))):
        of = parents if draw(st.booleans()) else parents[:1]
        start = max(births[p] for p in of).add(years=16)
        end = min(min(births[p] for p in of).add(years=45), _LAST_BIRTH)
        if start > end:
            of = parents[:1]
            start = births[ref.id].add(years=16)
            end = min(births[ref.id].add(years=45), _LAST_BIRTH)
        if start > end:
            break
        child = _person(draw, next(ids), _day_between(draw, start, end))
        members.append(_child_member(draw, child))
        for parent in of:
            relationships.append(
                Relationship(person=child.id, kind=RelationshipKind.CHILD, of=parent)
            )
        grand_start = child.birth_date.add(years=15)
        if grand_start <= _LAST_BIRTH and draw(st.integers(0, 3)) == 0:
            grandchild = _person(draw, next(ids), _day_between(draw, grand_start, _LAST_BIRTH))
            members.append(_child_member(draw, grandchild))
            relationships.append(
                Relationship(person=grandchild.id, kind=RelationshipKind.CHILD, of=child.id)
            )
    if draw(st.integers(0, 4)) == 0:
        oldest = ref.birth_date.subtract(years=16)
        elder = _person(
            draw,
            next(ids),
            _day_between(draw, _dt.date(1930, 1, 1), max(oldest, _dt.date(1930, 1, 1))),
        )
        members.append(Member(person=elder, marital_status=draw(_MARITAL_STATUSES)))
        kind = draw(st.sampled_from([RelationshipKind.PARENT, RelationshipKind.RELATIVE]))
        relationships.append(Relationship(person=elder.id, kind=kind, of=ref.id))
    care: list[CareArrangement] = []
    if len(members) > 1 and draw(st.integers(0, 3)) == 0:
        carer, cared = draw(st.permutations([m.id for m in members]))[:2]
        care.append(
            CareArrangement(carer=carer, cared_for=cared, secured_otherwise=draw(st.booleans()))
        )
    return Household(
        id=id,
        members=tuple(members),
        relationships=tuple(relationships),
        care_arrangements=tuple(care),
        approval_period_ends_on=draw(_APPROVAL_ENDS),
    )


def policies() -> st.SearchStrategy[Policy]:
    """
    :data:`~jobcenter_core.parameters.DEFAULT_POLICY` and the named 2026 reforms, alone
    and combined.

    >>> from hypothesis import find
    >>> from jobcenter_core.parameters import DEFAULT_POLICY
    >>> from jobcenter_core.strategies import policies
    >>> find(policies(), lambda p: True) is DEFAULT_POLICY
    True
    """
    return _POLICIES


# Strategies built once (building them per draw dominated the run time).
_BIRTH_DATES = pendulum_dates(_dt.date(1940, 1, 1), _LAST_BIRTH)
_ADULT_BIRTH_DATES = pendulum_dates(_dt.date(1940, 1, 1), _dt.date(2006, 12, 31))
_REGISTRATION_DAYS = st.one_of(
    st.none(), pendulum_dates(_dt.date(2022, 3, 1), _dt.date(2027, 12, 31))
)
_RESIDENCE_STATUSES = st.builds(
    ResidenceStatus,
    document=st.one_of(st.sampled_from(_SECTION_24_DOCUMENTS), st.sampled_from(ResidenceDocument)),
    first_issued_on=st.one_of(
        st.none(), pendulum_dates(_dt.date(2022, 2, 24), _dt.date(2027, 12, 31))
    ),
)
_RESIDENCES = st.one_of(st.none(), _RESIDENCE_STATUSES, _RESIDENCE_STATUSES)
_WORK_CAPACITIES = st.builds(
    WorkCapacity,
    hours_per_day=st.integers(min_value=0, max_value=16).map(lambda h: h / 2),
    assessed_on=pendulum_dates(_dt.date(2021, 1, 1), _dt.date(2027, 12, 31)),
)
_OPTIONAL_CAPACITIES = st.one_of(st.none(), _WORK_CAPACITIES)
_OPTIONAL_BOOLS = st.one_of(st.none(), st.booleans())
_SEXES = st.sampled_from(Sex)
_LANGUAGE_SKILLS = language_skills()
_NAMES = st.one_of(st.none(), st.sampled_from(["Olena", "Mykola", "Iryna", "Taras"]))
_MARITAL_STATUSES = st.sampled_from(MaritalStatus)
_CHILD_MARITAL_STATUSES = st.sampled_from(
    [MaritalStatus.UNMARRIED, MaritalStatus.UNKNOWN, MaritalStatus.MARRIED]
)
_CHILD_CARE = st.one_of(st.none(), st.sampled_from(ChildCare))
_APPROVAL_ENDS = st.one_of(st.none(), pendulum_dates(_dt.date(2022, 6, 30), _dt.date(2027, 12, 31)))
_POLICIES = st.sampled_from(
    [
        DEFAULT_POLICY,
        leistungsrechtsanpassung_2026(DEFAULT_POLICY),
        grundsicherung_2026(DEFAULT_POLICY),
        grundsicherung_2026(leistungsrechtsanpassung_2026(DEFAULT_POLICY)),
    ]
)


# --- end of foundation section; other modules append their sections below ----------------


# --- coaching: programmes, mobility, findings, referrals in every state ------------------

COACHING_LANGUAGES = ("uk", "ru", "de")
"""Languages drawn for coaching programmes and coaches."""


def mobilities() -> st.SearchStrategy[Mobility]:
    """
    Mobility facts, each sometimes unknown (``None``): transport, distance 0–60 km.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import mobilities
    >>> find(mobilities(), lambda m: m.has_transport is False).has_transport
    False
    """
    return st.builds(
        Mobility,
        has_transport=st.one_of(st.none(), st.booleans()),
        distance_to_centre_km=st.one_of(
            st.none(), st.integers(min_value=0, max_value=120).map(lambda d: d / 2)
        ),
    )


_LANGUAGE_SUBSETS = st.integers(min_value=1, max_value=2 ** len(COACHING_LANGUAGES) - 1)
_WEEKLY_CAPACITY = st.integers(min_value=1, max_value=4)
_SESSIONS = st.integers(min_value=1, max_value=8)
_DELIVERIES = st.sampled_from(Delivery)


def _subset(items: tuple[str, ...] | list[str], mask: int) -> frozenset[str]:
    chosen = frozenset(x for i, x in enumerate(items) if mask >> i & 1)
    return chosen or frozenset(items[:1])


@st.composite
def coaching_programmes(
    draw: st.DrawFn, *, id: str = "prog-0", max_coaches: int = 4
) -> CoachingProgramme:
    """
    A coaching programme in one to three of :data:`COACHING_LANGUAGES` with one to
    *max_coaches* coaches (ids ``coach-0`` …, each coaching in some of the programme's
    languages, weekly capacity 1–4), 1–8 sessions, online or in person, and the default
    legal basis or SGB II § 16k.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import coaching_programmes
    >>> find(coaching_programmes(), lambda p: len(p.coaches) == 2).coaches[1].id
    'coach-1'
    """
    languages = _subset(COACHING_LANGUAGES, draw(_LANGUAGE_SUBSETS))
    ordered = sorted(languages)
    count = draw(st.integers(min_value=1, max_value=max_coaches))
    coaches = tuple(
        Coach(
            id=f"coach-{i}",
            languages=_subset(ordered, draw(_LANGUAGE_SUBSETS)),
            weekly_capacity=draw(_WEEKLY_CAPACITY),
        )
        for i in range(count)
    )
    programme = CoachingProgramme(
        id=id,
        provider="Werkakademie",
        languages=languages,
        delivery=draw(_DELIVERIES),
        coaches=coaches,
        sessions_per_coaching=draw(_SESSIONS),
    )
    if draw(st.booleans()):
        return programme
    return attrs.evolve(programme, legal_basis=(LegalReference(law="SGB II", section="16k"),))


def coaching_need_findings(person_id: str) -> st.SearchStrategy[Finding]:
    """Needs a coach may report about *person_id*: any category, urgency and status."""
    return st.builds(
        Finding,
        subject=st.just(person_id),
        category=st.sampled_from(NeedCategory),
        urgency=st.sampled_from(Urgency),
        status=st.sampled_from(NeedStatus),
    )


def next_steps() -> st.SearchStrategy[NextStep]:
    """A recommended next step: a group offer topic, a German course or a recognition."""
    return st.one_of(
        st.builds(
            GroupOfferTopic,
            topic=st.sampled_from(["Bewerbungstraining", "Leben und Arbeiten in Deutschland"]),
            categories=st.sets(st.sampled_from(NeedCategory), min_size=1, max_size=3),
        ),
        st.builds(GermanCourse, target_level=cefr_levels(), job_related=st.booleans()),
        st.builds(
            QualificationRecognition,
            occupation=st.sampled_from(["nurse", "teacher", "electrician", "accountant"]),
            regulated=st.one_of(st.none(), st.booleans()),
        ),
    )


def coaching_findings(
    *, referral_id: str, person_id: str, coach_id: str, recorded_on: st.SearchStrategy[Date]
) -> st.SearchStrategy[CoachingFindings]:
    """
    Findings of the coaching *referral_id*: up to five needs (categories distinct),
    strengths, experience and next steps, recorded on a day from *recorded_on*.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import coaching_findings, pendulum_dates
    >>> f = find(coaching_findings(referral_id="r-0", person_id="p-0", coach_id="coach-0",
    ...                           recorded_on=pendulum_dates(pendulum.date(2022, 7, 1))),
    ...          lambda f: True)
    >>> f.referral_id, f.needs
    ('r-0', ())
    """
    return st.builds(
        CoachingFindings,
        referral_id=st.just(referral_id),
        person_id=st.just(person_id),
        coach_id=st.just(coach_id),
        recorded_on=recorded_on,
        needs=st.lists(
            coaching_need_findings(person_id), max_size=5, unique_by=lambda n: n.category
        ).map(tuple),
        strengths=st.lists(
            st.sampled_from(["reliable", "organised", "speaks English"]), max_size=2
        ).map(tuple),
        experience=st.lists(
            st.builds(
                ProfessionalExperience,
                occupation=st.sampled_from(["nurse", "teacher", "cook"]),
                years=st.integers(min_value=0, max_value=30),
            ),
            max_size=2,
        ).map(tuple),
        next_steps=st.lists(next_steps(), max_size=3).map(tuple),
    )


REFERRAL_COMMANDS = (
    "waitlist",
    "accept",
    "start",
    "record_session",
    "complete",
    "decline",
    "cancel",
    "no_show",
)
"""The lifecycle commands after :func:`~jobcenter_core.coaching.refer`."""


_COMMAND_STEP = st.tuples(
    st.sampled_from(REFERRAL_COMMANDS),
    st.integers(min_value=-60, max_value=10 * 24 * 60),
    st.integers(min_value=0, max_value=7),
)


@st.composite
def _lifecycle_path(draw: st.DrawFn) -> tuple[tuple[str, int, int], ...]:
    """The usual path (maybe waitlisted, accepted, started, sessions, completed) with noise."""
    names = ["waitlist"] if draw(st.booleans()) else []
    names += ["accept", "start"]
    names += ["record_session"] * draw(st.integers(min_value=0, max_value=9))
    names += ["complete"]
    path = [
        (name, draw(st.integers(min_value=0, max_value=4 * 24 * 60)), draw(st.integers(0, 7)))
        for name in names
    ]
    for step in draw(st.lists(_COMMAND_STEP, max_size=3)):
        path.insert(draw(st.integers(min_value=0, max_value=len(path))), step)
    return tuple(path)


def referral_commands(
    max_size: int = 12,
) -> st.SearchStrategy[tuple[tuple[str, int, int], ...]]:
    """
    Command sequences for a referral's lifecycle: each a (command name, minutes after the
    previous command — sometimes negative —, a choice index for the coach). Half are
    random sequences of up to *max_size* commands, half the usual path from acceptance
    to completion with a few random commands mixed in.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import referral_commands
    >>> find(referral_commands(), lambda c: len(c) == 1)
    (('waitlist', 0, 0),)
    """
    return st.one_of(st.lists(_COMMAND_STEP, max_size=max_size).map(tuple), _lifecycle_path())


_COACHING_START = pendulum.datetime(2022, 6, 20, 9, tz="Europe/Berlin")
_REFERRAL_MINUTES = st.integers(min_value=0, max_value=14 * 24 * 60)
_REFERRAL_REASONS = st.sets(st.sampled_from(NeedCategory), min_size=1, max_size=3)
_STAGES = st.sampled_from(["referred", "waitlisted", "accepted", "started", "final"])
_ENDINGS = st.sampled_from(["complete", "decline", "cancel", "no_show"])
_CHOICE = st.integers(min_value=0, max_value=63)


@st.composite
def coaching_caseloads(
    draw: st.DrawFn, programme: CoachingProgramme, *, max_size: int = 12
) -> tuple[CoachingReferral, ...]:
    """
    Referrals to *programme* (ids ``r-0`` …, persons from a small pool so some repeat)
    in every state, built with the lifecycle commands only, so coaches' capacity is
    respected: referred, waitlisted, accepted, in progress, completed, declined,
    cancelled, no-show.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import coaching_caseloads, coaching_programmes
    >>> programme = find(coaching_programmes(), lambda p: True)
    >>> find(coaching_caseloads(programme), lambda c: len(c) == 2)[1].id
    'r-1'
    """
    caseload: list[CoachingReferral] = []
    languages = sorted(programme.languages)
    loads = dict(coach_loads(programme, ()))
    for i in range(draw(st.integers(min_value=0, max_value=max_size))):
        at = _COACHING_START.add(minutes=draw(_REFERRAL_MINUTES))
        referral = refer(
            programme,
            id=f"r-{i}",
            person_id=f"p-{draw(_CHOICE) % (max_size + 1)}",
            referred_by="cw-0",
            reasons=draw(_REFERRAL_REASONS),
            language=languages[draw(_CHOICE) % len(languages)],
            limited_mobility=draw(st.booleans()),
            at=at,
        ).referral
        stage = draw(_STAGES)
        if stage != "referred" and draw(st.booleans()):
            referral = waitlist(referral, at=at).referral
        free = [
            c for c in programme.coaches_for(referral.language) if loads[c.id] < c.weekly_capacity
        ]
        if stage in ("accepted", "started", "final") and free:
            coach = free[draw(_CHOICE) % len(free)]
            referral = accept(
                referral,
                programme,
                coach_id=coach.id,
                starts_on=at.date(),
                caseload=caseload,
                at=at,
            ).referral
            loads[coach.id] += 1
            if stage in ("started", "final"):
                referral = start(referral, at=at).referral
                for _ in range(draw(_CHOICE) % (programme.sessions_per_coaching + 1)):
                    referral = record_session(referral, at=at).referral
            if stage == "final":
                loads[coach.id] -= 1
                ending = draw(_ENDINGS)
                if ending == "complete" and referral.sessions_held:
                    findings = CoachingFindings(
                        referral_id=referral.id,
                        person_id=referral.person_id,
                        coach_id=coach.id,
                        recorded_on=at.date(),
                    )
                    referral = complete(referral, findings, at=at).referral
                elif ending == "decline":
                    referral = decline(referral, at=at).referral
                elif ending == "no_show":
                    referral = no_show(referral, at=at).referral
                else:
                    referral = cancel(referral, by="cw-0", at=at).referral
        caseload.append(referral)
    return tuple(caseload)


# --- needs / consultations / caseload ----------------------------------------------------

NEED_SUBJECTS = ("h-0", "m-0", "m-1")
"""Subjects drawn by :func:`needs`: the household ``h-0`` and its first two members."""

EVIDENCE_IDS = ("c-1", "c-2", "g-1", "r-1")
"""Evidence ids drawn by :func:`evidences` (few, so that sources repeat)."""


_EVIDENCES = tuple(Evidence(kind=k, id=i) for k in EvidenceKind for i in EVIDENCE_IDS)
_OBSERVATION_DAYS = (
    *(pendulum.date(2022, 5, 1).add(days=7 * k) for k in range(35)),
    pendulum.date(2022, 5, 30),
    pendulum.date(2022, 6, 21),
)


def evidences() -> st.SearchStrategy[Evidence]:
    """
    Sources of findings: any kind, ids from :data:`EVIDENCE_IDS`.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import evidences
    >>> find(evidences(), lambda e: True).id
    'c-1'
    """
    return st.sampled_from(_EVIDENCES)


@functools.cache
def observations() -> st.SearchStrategy[Observation]:
    """
    Observations on a few days of 2022 (weekly from 1 May, plus 30 May and 21 June), so
    that days and sources repeat and merges meet equal and tied observations.
    """
    return st.builds(
        Observation,
        on=st.sampled_from(_OBSERVATION_DAYS),
        by=evidences(),
        urgency=st.sampled_from(Urgency),
        status=st.sampled_from(NeedStatus),
    )


@st.composite
def needs(
    draw: st.DrawFn,
    *,
    subjects: tuple[str, ...] = NEED_SUBJECTS,
    categories: tuple[NeedCategory, ...] | None = None,
    max_observations: int = 3,
) -> Need:
    """
    A need of one of *subjects* in one of *categories* (default: all) with a trail of
    one to *max_observations* observations.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import needs
    >>> find(needs(), lambda n: len(n.trail) == 2).subject
    'h-0'
    """
    return Need.from_trail(
        subject=draw(st.sampled_from(subjects)),
        category=draw(st.sampled_from(categories if categories is not None else _CATEGORIES)),
        trail=draw(_trails(max_observations)),
    )


_CATEGORIES = tuple(NeedCategory)


@functools.cache
def _trails(max_size: int) -> st.SearchStrategy[list[Observation]]:
    return st.lists(observations(), min_size=1, max_size=max_size)


def findings(subjects: tuple[str, ...] = NEED_SUBJECTS) -> st.SearchStrategy[Finding]:
    """Findings about one of *subjects*, any category, urgency and status."""
    return st.builds(
        Finding,
        subject=st.sampled_from(subjects),
        category=st.sampled_from(NeedCategory),
        urgency=st.sampled_from(Urgency),
        status=st.sampled_from(NeedStatus),
    )


def needs_profiles(
    *,
    household_id: str = "h-0",
    subjects: tuple[str, ...] = NEED_SUBJECTS,
    categories: tuple[NeedCategory, ...] | None = None,
    max_needs: int = 5,
) -> st.SearchStrategy[NeedsProfile]:
    """
    Profiles of *household_id* with up to *max_needs* needs of *subjects* (drawn from
    few subjects, categories and sources, so that merges meet the same keys).

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import needs_profiles
    >>> find(needs_profiles(), lambda p: len(p) == 1).household_id
    'h-0'
    """
    return st.lists(needs(subjects=subjects, categories=categories), max_size=max_needs).map(
        lambda ns: NeedsProfile(household_id=household_id, needs=ns)
    )


INTERPRETER_LANGUAGES = ("uk", "ru", "ar", "fa")
"""Languages drawn for consultations and interpreters (nobody here speaks German)."""

_CONSULTATION_DAY = (2022, 5, 30)


def _window(start_quarter: int, quarters: int) -> TimeWindow:
    start = at_berlin(*_CONSULTATION_DAY, 8).add(minutes=15 * start_quarter)
    return TimeWindow(start=start, end=start.add(minutes=15 * quarters))


def caseworkers(*, id: str = "cw-0") -> st.SearchStrategy[Caseworker]:
    """Case workers speaking German (native) and sometimes English, Russian or Ukrainian."""
    extra = st.lists(
        st.builds(LanguageSkill, language=st.sampled_from(("en", "ru", "uk")), level=cefr_levels()),
        max_size=2,
        unique_by=lambda s: s.language,
    )
    return extra.map(
        lambda skills: Caseworker(
            id=id, languages=(LanguageSkill(language="de", level=CefrLevel.NATIVE), *skills)
        )
    )


@st.composite
def interpreters(draw: st.DrawFn, *, id: str = "i-0") -> Interpreter:
    """
    An interpreter for one to three of :data:`INTERPRETER_LANGUAGES`, available in zero
    to two windows of 30 minutes to 8 hours on 2022-05-30 between 08:00 and 18:00.
    """
    windows = []
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        start = draw(st.integers(min_value=0, max_value=36))
        length = draw(st.integers(min_value=2, max_value=32))
        windows.append(_window(start, min(length, 40 - start)))
    return Interpreter(
        id=id,
        languages=draw(
            st.lists(st.sampled_from(INTERPRETER_LANGUAGES), min_size=1, max_size=3, unique=True)
        ),
        availability=windows,
        provider=draw(st.sampled_from(["Integrationszentrum", "Sprachmittlerpool"])),
    )


_DAY_LANGUAGES = st.sampled_from((*INTERPRETER_LANGUAGES, "en"))
_DAY_LEVELS = st.sampled_from((CefrLevel.NATIVE, CefrLevel.C1, CefrLevel.B1))
_DAY_GERMAN = st.sampled_from((None, CefrLevel.A1, CefrLevel.A2, CefrLevel.B1))


@functools.cache
def _caseworker(id: str) -> st.SearchStrategy[Caseworker]:
    return caseworkers(id=id)


@functools.cache
def _interpreter(id: str) -> st.SearchStrategy[Interpreter]:
    return interpreters(id=id)


@st.composite
def consultation_days(
    draw: st.DrawFn, *, max_consultations: int = 10, max_interpreters: int = 4
) -> tuple[
    tuple[Consultation, ...], tuple[Interpreter, ...], tuple[Person, ...], tuple[Caseworker, ...]
]:
    """
    A day of consultations for :func:`~jobcenter_core.interpreting.assign_interpreters`:
    ``(consultations, interpreters, persons, caseworkers)``. Consultations of 30 minutes
    to 2 hours start on the quarter hour between 08:00 and 16:00 on 2022-05-30, some in
    languages no interpreter has; some already name an interpreter.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import consultation_days
    >>> cs, its, ps, cws = find(consultation_days(), lambda d: len(d[0]) == 2)
    >>> [c.id for c in cs]
    ['c-0', 'c-1']
    """
    cws = (draw(_caseworker("cw-0")), draw(_caseworker("cw-1")))
    its = tuple(
        draw(_interpreter(f"i-{k}"))
        for k in range(draw(st.integers(min_value=0, max_value=max_interpreters)))
    )
    people: list[Person] = []
    consultations: list[Consultation] = []
    for k in range(draw(st.integers(min_value=0, max_value=max_consultations))):
        language = draw(_DAY_LANGUAGES)
        skills = [LanguageSkill(language=language, level=draw(_DAY_LEVELS))]
        german = draw(_DAY_GERMAN)
        if german is not None:
            skills.append(LanguageSkill(language="de", level=german))
        person = Person(
            id=f"p-{k}", birth_date=pendulum.date(1988, 1, 1), sex=Sex.FEMALE, languages=skills
        )
        people.append(person)
        prebooked = None
        if its and draw(st.integers(0, 4)) == 0:
            prebooked = its[draw(st.integers(0, len(its) - 1))].id
        consultations.append(
            Consultation(
                id=f"c-{k}",
                household_id=f"h-{k}",
                person_id=person.id,
                caseworker_id=cws[draw(st.integers(0, 1))].id,
                window=_window(
                    draw(st.integers(min_value=0, max_value=32)),
                    draw(st.integers(min_value=2, max_value=8)),
                ),
                language=language,
                interpreter_id=prebooked,
            )
        )
    return tuple(consultations), its, tuple(people), cws


@st.composite
def caseloads(draw: st.DrawFn, *, max_households: int = 3) -> Caseload:
    """
    A caseload of up to *max_households* households (``h-0`` …) from :func:`households`,
    each maybe with a needs profile of its household and first two members.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import caseloads
    >>> len(find(caseloads(), lambda c: len(c.households) == 2).households)
    2
    """
    hs = [
        draw(_household(f"h-{i}"))
        for i in range(draw(st.integers(min_value=0, max_value=max_households)))
    ]
    profiles = []
    for h in hs:
        if draw(st.booleans()):
            profiles.append(draw(_profile(h.id, (h.id, *h.member_ids[:2]))))
    return Caseload(households=hs, profiles=profiles)


@functools.cache
def _household(id: str) -> st.SearchStrategy[Household]:
    return households(id=id)


@functools.cache
def _profile(household_id: str, subjects: tuple[str, ...]) -> st.SearchStrategy[NeedsProfile]:
    return needs_profiles(household_id=household_id, subjects=subjects)


# --- offers / enrolment: sessions, offers, registrations, commitments, roster commands ------

ENROLMENT_CASEWORKERS = ("cw-1", "cw-2")
"""Case worker ids drawn for registrations; ``"front-desk"`` is drawn as a non-case worker."""

_SESSION_BASE = at_berlin(2022, 6, 21, 8)
_REGISTRATION_BASE = at_berlin(2022, 6, 13, 8)
_VENUES = st.sampled_from(
    [
        Venue(name="Zentrale Unterkunft (ehem. Yupidu)", address="Bocholt"),
        Venue(name="Werkakademie", address="Bocholt"),
        Venue(name="Videokonferenz", online=True),
    ]
)


def venues() -> st.SearchStrategy[Venue]:
    """The central accommodation, the Werkakademie, or online."""
    return _VENUES


@st.composite
def sessions(draw: st.DrawFn, *, id: str = "s-0", max_capacity: int = 4) -> Session:
    """
    A session of 1–4 hours starting within two days of 2022-06-21 08:00 (so sessions
    often overlap), with 1–*max_capacity* seats.

    >>> from hypothesis import find
    >>> find(sessions(id="s-7"), lambda s: True).capacity
    1
    """
    start = _SESSION_BASE.add(hours=draw(st.integers(min_value=0, max_value=47)))
    return Session(
        id=id,
        start=start,
        end=start.add(hours=draw(st.integers(min_value=1, max_value=4))),
        venue=draw(_VENUES),
        capacity=draw(st.integers(min_value=1, max_value=max_capacity)),
        childcare_on_site=draw(st.booleans()),
    )


_RULE_LEAVES = st.one_of(
    st.just(Everyone()),
    st.just(Employable()),
    st.just(WantsWorkAtShortNotice()),
    st.just(HasChildrenNeedingCare()),
    st.builds(
        LanguageAtLeast,
        language=st.sampled_from(("de", "uk", "en")),
        level=st.sampled_from(CefrLevel),
    ),
)
_TARGET_GROUP_RULES = st.recursive(
    _RULE_LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda rs: AllOf(rules=rs)),
        st.lists(inner, max_size=3).map(lambda rs: AnyOf(rules=rs)),
        inner.map(lambda r: Not(rule=r)),
    ),
    max_leaves=5,
)


def target_group_rules() -> st.SearchStrategy[TargetGroupRule]:
    """
    Target-group rules: the leaves and nested ``AllOf``/``AnyOf``/``Not`` of up to five.

    >>> from hypothesis import find
    >>> find(target_group_rules(), lambda r: isinstance(r, Not))
    Not(rule=Everyone())
    """
    return _TARGET_GROUP_RULES


@st.composite
def group_offers(
    draw: st.DrawFn,
    *,
    id: str = "o-0",
    min_sessions: int = 1,
    max_sessions: int = 4,
    max_capacity: int = 4,
    target_groups: st.SearchStrategy[TargetGroupRule] | None = None,
) -> GroupOffer:
    """
    An offer with *min_sessions*–*max_sessions* sessions (ids ``s-0`` …) and a target
    group from *target_groups* (default: :class:`~jobcenter_core.offers.Everyone`).

    >>> from hypothesis import find
    >>> find(group_offers(), lambda o: len(o.sessions) == 2).session_ids
    ('s-0', 's-1')
    """
    count = draw(st.integers(min_value=min_sessions, max_value=max_sessions))
    return GroupOffer(
        id=id,
        title="Leben und Arbeiten in Deutschland",
        addresses=frozenset({NeedCategory.LIVING_AND_WORKING_IN_GERMANY}),
        target_group=draw(target_groups) if target_groups is not None else Everyone(),
        language="de",
        interpretation_provided=draw(st.booleans()),
        sessions=tuple(
            draw(sessions(id=f"s-{i}", max_capacity=max_capacity)) for i in range(count)
        ),
    )


@st.composite
def registrations(
    draw: st.DrawFn,
    offer: GroupOffer,
    *,
    min_size: int = 0,
    max_size: int = 20,
    people: int = 8,
    valid_only: bool = False,
    first_id: int = 0,
) -> tuple[Registration, ...]:
    """
    Registrations ``r-000`` … for *offer* by *people* persons (``p-0`` …, so some register
    twice), with ranked preferences (sometimes none), registration instants on a
    half-hour grid (ties happen), priorities 0–2 and, unless *valid_only*, sometimes an
    unknown session, another offer or a registrar who is not a case worker.

    >>> from hypothesis import find
    >>> offer = find(group_offers(), lambda o: True)
    >>> find(registrations(offer), lambda rs: len(rs) == 1)[0].id
    'r-000'
    """
    ids = list(offer.session_ids)
    choices = ids if valid_only else [*ids, "s-unknown"]
    registrars = ENROLMENT_CASEWORKERS if valid_only else (*ENROLMENT_CASEWORKERS, "front-desk")
    offers = (offer.id,) if valid_only else (offer.id, offer.id, offer.id, "o-other")
    count = draw(st.integers(min_value=min_size, max_value=max_size))
    found = []
    for k in range(count):
        prefs = draw(st.lists(st.sampled_from(choices), unique=True, max_size=3)) if choices else []
        found.append(
            Registration(
                id=f"r-{first_id + k:03d}",
                person_id=f"p-{draw(st.integers(min_value=0, max_value=people - 1))}",
                offer_id=draw(st.sampled_from(offers)),
                preferences=tuple(prefs),
                registered_at=_REGISTRATION_BASE.add(
                    minutes=30 * draw(st.integers(min_value=0, max_value=40))
                ),
                registered_by=draw(st.sampled_from(registrars)),
                priority=draw(st.integers(min_value=0, max_value=2)),
            )
        )
    return tuple(found)


@st.composite
def commitments(
    draw: st.DrawFn, offer: GroupOffer, *, people: int = 8, max_size: int = 4
) -> tuple[Commitment, ...]:
    """
    Seats people ``p-0`` … hold in another offer (``o-elsewhere``): windows near the
    offer's sessions, so they often overlap one.

    >>> from hypothesis import find
    >>> offer = find(group_offers(), lambda o: True)
    >>> find(commitments(offer), lambda cs: len(cs) == 1)[0].offer_id
    'o-elsewhere'
    """
    found = []
    for k in range(draw(st.integers(min_value=0, max_value=max_size))):
        start = _SESSION_BASE.add(hours=draw(st.integers(min_value=0, max_value=48)))
        found.append(
            Commitment(
                person_id=f"p-{draw(st.integers(min_value=0, max_value=people - 1))}",
                offer_id="o-elsewhere",
                session_id=f"x-{k}",
                start=start,
                end=start.add(hours=draw(st.integers(min_value=1, max_value=3))),
            )
        )
    return tuple(found)


@st.composite
def allocation_problems(
    draw: st.DrawFn,
    *,
    max_registrations: int = 20,
    valid_only: bool = False,
    target_groups: st.SearchStrategy[TargetGroupRule] | None = None,
) -> tuple[GroupOffer, tuple[Registration, ...], tuple[Commitment, ...]]:
    """
    An offer, registrations for it (see :func:`registrations`) and commitments elsewhere.

    >>> from hypothesis import find
    >>> offer, regs, held = find(allocation_problems(), lambda p: len(p[1]) == 2)
    >>> [r.id for r in regs]
    ['r-000', 'r-001']
    """
    offer = draw(group_offers(target_groups=target_groups))
    regs = draw(registrations(offer, max_size=max_registrations, valid_only=valid_only))
    return offer, regs, draw(commitments(offer))


ROSTER_COMMANDS = ("register", "cancel", "confirm", "decline", "expire", "add_session", "move")
"""The command kinds :func:`roster_commands` draws."""


@st.composite
def roster_commands(
    draw: st.DrawFn, offer: GroupOffer, *, max_size: int = 30
) -> tuple[tuple[str, object, int], ...]:
    """
    A random sequence of roster commands ``(kind, argument, minutes)``: *kind* from
    :data:`ROSTER_COMMANDS`; *argument* a :class:`Registration` (register), a
    :class:`Session` (add_session), a pair of ints (move: which registration, which
    session) or an int choosing a registration; *minutes* the time that passes before
    the command (holds of 48 hours lapse when enough passes).

    >>> from hypothesis import find
    >>> offer = find(group_offers(), lambda o: True)
    >>> find(roster_commands(offer), lambda cs: len(cs) == 1)[0][0]
    'register'
    """
    commands: list[tuple[str, object, int]] = []
    registered = 0
    added = 0
    for _ in range(draw(st.integers(min_value=0, max_value=max_size))):
        kind = draw(st.sampled_from(ROSTER_COMMANDS))
        minutes = draw(st.sampled_from((0, 5, 60, 24 * 60, 3 * 24 * 60)))
        argument: object
        if kind == "register" or registered == 0:
            kind = "register"
            argument = draw(registrations(offer, min_size=1, max_size=1, first_id=registered))[0]
            registered += 1
        elif kind == "add_session":
            argument = draw(sessions(id=f"s-added-{added}"))
            added += 1
        elif kind == "move":
            argument = (draw(st.integers(0, registered - 1)), draw(st.integers(0, 7)))
        else:
            argument = draw(st.integers(min_value=0, max_value=registered - 1))
        commands.append((kind, argument, minutes))
    return tuple(commands)


# --- roster states (serialization): states reached by random roster commands ------------------


def _run_roster(
    offer: GroupOffer,
    commands: tuple[tuple[str, object, int], ...],
    held: tuple[Commitment, ...],
) -> Transition:
    """The last transition that succeeded when *commands* run on a new roster of *offer*."""
    last = _enrolment.open_offer(offer, commitments=held, caseworkers=ENROLMENT_CASEWORKERS)
    state = last.state
    clock = at_berlin(2022, 6, 14, 9)
    known: list[str] = []
    for kind, argument, minutes in commands:
        clock = clock.add(minutes=minutes)
        try:
            if isinstance(argument, Registration):
                known.append(argument.id)
                t = _enrolment.register(state, argument)
            elif isinstance(argument, Session):
                t = _enrolment.add_session(state, argument, at=clock)
            elif kind == "expire":
                t = _enrolment.expire(state, at=clock)
            elif isinstance(argument, tuple):
                ids = state.offer.session_ids
                if not ids:
                    continue
                which, where = argument
                t = _enrolment.move_session(state, known[which], ids[where % len(ids)], at=clock)
            else:
                assert isinstance(argument, int)
                command = {
                    "cancel": _enrolment.cancel,
                    "confirm": _enrolment.confirm,
                    "decline": _enrolment.decline,
                }[kind]
                t = command(state, known[argument], at=clock)
        except InvalidTransition:
            continue
        state, last = t.state, t
    return last


@st.composite
def roster_transitions(draw: st.DrawFn, *, max_commands: int = 20) -> Transition:
    """
    The last transition of a roster driven by up to *max_commands* random
    :func:`roster_commands` (offers of 0–3 sessions of up to 3 seats, with commitments).

    >>> from hypothesis import find
    >>> type(find(roster_transitions(), lambda t: True).events[0]).__name__
    'OfferOpened'
    """
    offer = draw(group_offers(min_sessions=0, max_sessions=3, max_capacity=3))
    commands = draw(roster_commands(offer, max_size=max_commands))
    return _run_roster(offer, commands, draw(commitments(offer)))


def offer_states(*, max_commands: int = 20) -> st.SearchStrategy[OfferState]:
    """
    Rosters reached by up to *max_commands* random :func:`roster_commands`: people placed,
    waiting, holding seat offers, cancelled, declined, lapsed and rejected.

    >>> from hypothesis import find
    >>> find(offer_states(), lambda s: s.waiting_count > 0).waiting_count
    1
    """
    return roster_transitions(max_commands=max_commands).map(lambda t: t.state)
