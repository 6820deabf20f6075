"""
Strategies for the ground and the types: dates, languages, people, households, policies.
"""

from __future__ import annotations

import datetime as _dt

import pendulum
from hypothesis import strategies as st
from pendulum import Date

from jobcenter_core.dates import as_date
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
    "LANGUAGE_CODES",
    "cefr_levels",
    "households",
    "language_skills",
    "pendulum_dates",
    "persons",
    "policies",
    "reference_dates",
    "residence_statuses",
    "work_capacities",
]


LANGUAGE_CODES = ("uk", "ru", "de", "en", "pl", "ar", "tr", "fa")
"""Languages drawn by :func:`language_skills` (ISO 639-1)."""


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
    return st.dates(min_value=low, max_value=high).map(as_date)


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
    return as_date(_dt.date(low.year, low.month, low.day) + _dt.timedelta(days=offset))


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
