"""
The Bocholt job centre in June 2022, as the press release of the Kreis Borken tells it,
as data: the day, the venues and sessions, the integration centre's interpreters, the
case workers, 140 households, 175 consultations and the registrations they led to.

About 140 refugee households from Ukraine with 180 employable persons, mostly women aged
25–50, switched from AsylbLG to SGB II on 2022-06-01. Six case workers held individual
consultations from 23 May 2022 with interpreters of the Kreis' integration centre. The
Werkakademie's first group offer "Leben und Arbeiten in Deutschland" on 21 June 2022
drew more registrations than seats, so a second session on 30 June followed; an
application training and an online individual coaching in Ukrainian were planned.

Everything is deterministic: the story's random facts come from fixed seeds.

>>> FIRST_SESSION.start.isoformat(), FIRST_SESSION.capacity
('2022-06-21T09:00:00+02:00', 20)
"""

from __future__ import annotations

from collections.abc import Sequence

import pendulum
from pendulum import Date

from jobcenter_core.caseload import Caseload
from jobcenter_core.coaching import Mobility
from jobcenter_core.consultations import (
    Caseworker,
    Consultation,
    Interpreter,
    record_consultation,
)
from jobcenter_core.dates import TimeWindow, at_berlin, completed_years
from jobcenter_core.enrolment import Registration
from jobcenter_core.households import (
    ChildCare,
    Household,
    MaritalStatus,
    Relationship,
    RelationshipKind,
)
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.needs import Finding, NeedCategory, NeedsProfile
from jobcenter_core.offers import (
    Employable,
    GroupOffer,
    Venue,
    WantsWorkAtShortNotice,
    all_of,
)
from jobcenter_core.people import Sex
from jobcenter_core.scenarios.builder import (
    HouseholdBuilder,
    child_count,
    draw_mobility,
    mother_marital_status,
    person_ids,
)
from jobcenter_core.scenarios.draws import Draw
from jobcenter_core.scenarios.findings import (
    CONSULTATIONS_FROM,
    draw_findings,
    spoken_language,
)
from jobcenter_core.scenarios.offers import (
    Made,
    online_coaching,
    registrations_in_order,
    session,
)
from jobcenter_core.scenarios.scenario import Scenario

__all__ = [
    "BOCHOLT_DAY",
    "FIRST_SESSION",
    "INTEGRATION_CENTRE",
    "SECOND_SESSION",
    "TRAINING_SESSION",
    "WERKAKADEMIE",
    "YUPIDU",
    "bocholt_caseworkers",
    "bocholt_households",
    "bocholt_interpreters",
    "bocholt_june_2022",
]

# --- the day, the venues, the sessions ---------------------------------------------------

BOCHOLT_DAY = pendulum.date(2022, 6, 21)
"""The reference day of the Bocholt scenario: the first "Leben und Arbeiten" session."""

YUPIDU = Venue(name="Zentrale Unterkunft (ehemaliges Yupidu)", address="Bocholt")
"""The central accommodation in the former "Yupidu" building, where group events were held."""

WERKAKADEMIE = Venue(name="Werkakademie, Jobcenter Bocholt", address="Bocholt")
"""The rooms of the Werkakademie team at the job centre."""

INTEGRATION_CENTRE = "Kommunales Integrationszentrum Kreis Borken"
"""The provider of the interpreters (*Sprachmittler*) in the Bocholt scenario."""

FIRST_SESSION = session("lad-2022-06-21", pendulum.date(2022, 6, 21), (9, 12), YUPIDU, 20)
"""The first "Leben und Arbeiten in Deutschland" session: 21 June 2022, 20 seats."""

SECOND_SESSION = session("lad-2022-06-30", pendulum.date(2022, 6, 30), (9, 12), YUPIDU, 20)
"""The session added because demand was so high: 30 June 2022, 20 seats."""

TRAINING_SESSION = session("bt-2022-07-05", pendulum.date(2022, 7, 5), (9, 13), WERKAKADEMIE, 12)
"""The application training (*Bewerbungstraining*): 5 July 2022, 12 seats."""


# --- the households ------------------------------------------------------------------------

_COMPOSITION: tuple[tuple[str, int], ...] = (
    ("mother_young_children", 55),
    ("mother_with_teen", 20),
    ("three_generations", 15),
    ("single_adult", 15),
    ("two_parents", 10),
    ("parent_with_adult_child", 10),
    ("older", 10),
    ("not_able_to_work", 5),
)
"""Household kinds of the Bocholt scenario: 140 households, 180 employable persons."""

_WITHOUT_CARE_PLACE = 20
"""Mothers of young children whose youngest child aged 1–5 has no care place."""
_REGISTRATION_MADE_UP_LATER = 3
"""Single adults without an identity registration, relying on the catch-up rule."""


def _household(b: HouseholdBuilder, kind: str, index: int) -> None:
    """The members of the *index*-th household of *kind*."""
    d = b.d
    if kind == "mother_young_children":
        age = d.adult_age(25, 45, 34)
        mother = b.adult(
            age=age, sex=Sex.FEMALE, marital=mother_marital_status(d), primary_carer=True
        )
        count = child_count(d)
        if index < _WITHOUT_CARE_PLACE:
            b.child(age=d.between(1, 5), parents=[mother], care=ChildCare.NONE)
            count -= 1
        b.children([mother], age, count, oldest=14)
    elif kind == "mother_with_teen":
        age = d.adult_age(35, 50, 42)
        mother = b.adult(
            age=age, sex=Sex.FEMALE, marital=mother_marital_status(d), primary_carer=True
        )
        b.child(age=d.between(15, 17), parents=[mother], care=ChildCare.SCHOOL)
        b.children([mother], age, d.below(3), oldest=14)
    elif kind == "three_generations":
        age = d.adult_age(25, 40, 32)
        mother = b.adult(
            age=age, sex=Sex.FEMALE, marital=mother_marital_status(d), primary_carer=True
        )
        grandmother = b.adult(age=d.between(55, 63), sex=Sex.FEMALE, marital=MaritalStatus.WIDOWED)
        b.relationships.append(
            Relationship(person=grandmother, kind=RelationshipKind.PARENT, of=mother)
        )
        b.children([mother], age, 1 + d.below(2), oldest=14)
    elif kind == "single_adult":
        female = index < 12
        b.adult(
            age=d.adult_age(20, 60, 30) if female else d.between(60, 63),
            sex=Sex.FEMALE if female else Sex.MALE,
            marital=MaritalStatus.UNMARRIED if d.chance(0.5) else MaritalStatus.MARRIED,
            registered=index >= _REGISTRATION_MADE_UP_LATER,
        )
    elif kind == "two_parents":
        age = d.adult_age(28, 45, 36)
        mother = b.adult(age=age, sex=Sex.FEMALE, marital=MaritalStatus.MARRIED, primary_carer=True)
        father = b.adult(
            age=min(age + d.between(0, 8), 55), sex=Sex.MALE, marital=MaritalStatus.MARRIED
        )
        b.relationships.append(Relationship(person=father, kind=RelationshipKind.SPOUSE, of=mother))
        b.children([mother, father], age, 3 + d.below(2), oldest=14)
    elif kind == "parent_with_adult_child":
        age = d.adult_age(40, 55, 47)
        parent = b.adult(age=age, sex=Sex.FEMALE, marital=mother_marital_status(d))
        b.child(age=d.between(18, 24), parents=[parent])
        if d.chance(0.4):
            b.child(age=d.between(6, 14), parents=[parent], care=ChildCare.SCHOOL)
    elif kind == "older":
        first = b.adult(
            age=d.between(68, 85),
            sex=Sex.FEMALE if index < 8 else Sex.MALE,
            marital=MaritalStatus.WIDOWED if index < 6 else MaritalStatus.MARRIED,
        )
        if 6 <= index < 8:
            partner = b.adult(age=d.between(68, 85), sex=Sex.MALE, marital=MaritalStatus.MARRIED)
            b.relationships.append(
                Relationship(person=partner, kind=RelationshipKind.SPOUSE, of=first)
            )
    else:  # not_able_to_work
        b.adult(
            age=d.between(45, 62),
            sex=Sex.FEMALE if index < 4 else Sex.MALE,
            marital=MaritalStatus.DIVORCED,
            hours=d.pick((1.5, 2.0, 2.5)),
        )


def bocholt_households() -> tuple[Household, ...]:
    """
    The 140 refugee households of the Bocholt scenario (about 180 employable persons on
    2022-06-21, mostly women aged 25–50), as the press release of June 2022 describes
    them. Deterministic: every call returns equal values.

    >>> hs = bocholt_households()
    >>> len(hs), hs[0].id
    (140, 'h-001')
    """
    d = Draw("bocholt-2022-06", BOCHOLT_DAY)
    next_person = person_ids(4)
    out: list[Household] = []
    for kind, count in _COMPOSITION:
        for index in range(count):
            b = HouseholdBuilder(d, f"h-{len(out) + 1:03d}", next_person, controlled=True)
            _household(b, kind, index)
            out.append(b.household())
    return tuple(out)


# --- the job centre's people ---------------------------------------------------------------

_HOLIDAYS_NRW_2022 = frozenset(
    {pendulum.date(2022, 5, 26), pendulum.date(2022, 6, 6), pendulum.date(2022, 6, 16)}
)
"""Ascension Day, Whit Monday and Corpus Christi: public holidays in NRW."""


def _working_days(first: Date, last: Date) -> list[Date]:
    days = []
    day = first
    while day <= last:
        if day.isoweekday() <= 5 and day not in _HOLIDAYS_NRW_2022:
            days.append(day)
        day = day.add(days=1)
    return days


def _de(level: CefrLevel = CefrLevel.NATIVE) -> LanguageSkill:
    return LanguageSkill(language="de", level=level)


def bocholt_caseworkers() -> tuple[Caseworker, ...]:
    """
    The case workers (*Beratungsfachkräfte*) of the Bocholt scenario: ``cw-1`` … ``cw-6``
    of the case-management team, ``cw-4`` also speaking Russian, and the Werkakademie
    team ``wa-1`` … ``wa-4``.

    >>> [c.id for c in bocholt_caseworkers()][:3]
    ['cw-1', 'cw-2', 'cw-3']
    """
    en_b2 = LanguageSkill(language="en", level=CefrLevel.B2)
    ru_c1 = LanguageSkill(language="ru", level=CefrLevel.C1)
    languages: dict[str, tuple[LanguageSkill, ...]] = {
        "cw-1": (_de(),),
        "cw-2": (_de(), en_b2),
        "cw-3": (_de(),),
        "cw-4": (_de(), ru_c1),
        "cw-5": (_de(), LanguageSkill(language="en", level=CefrLevel.B1)),
        "cw-6": (_de(),),
        "wa-1": (_de(), en_b2),
        "wa-2": (_de(),),
        "wa-3": (_de(),),
        "wa-4": (_de(),),
    }
    return tuple(Caseworker(id=k, languages=v) for k, v in languages.items())


def bocholt_interpreters() -> tuple[Interpreter, ...]:
    """
    The interpreters the integration centre organises for Bocholt, with their weekday
    availability from 23 May to 30 June 2022.

    >>> [(i.id, i.languages) for i in bocholt_interpreters()]
    [('i-1', ('ru', 'uk')), ('i-2', ('uk',)), ('i-3', ('ru',)), ('i-4', ('ru', 'uk'))]
    """
    days = _working_days(CONSULTATIONS_FROM, pendulum.date(2022, 6, 30))
    plans: tuple[tuple[str, tuple[str, ...], frozenset[int], int, int], ...] = (
        ("i-1", ("uk", "ru"), frozenset({1, 2, 3, 4, 5}), 8, 12),
        ("i-2", ("uk",), frozenset({1, 3, 5}), 8, 16),
        ("i-3", ("ru",), frozenset({2, 4}), 8, 16),
        ("i-4", ("uk", "ru"), frozenset({1, 2, 3, 4}), 12, 16),
    )
    return tuple(
        Interpreter(
            id=ident,
            languages=languages,
            provider=INTEGRATION_CENTRE,
            availability=tuple(
                TimeWindow(
                    start=at_berlin(day.year, day.month, day.day, start),
                    end=at_berlin(day.year, day.month, day.day, end),
                )
                for day in days
                if day.isoweekday() in weekdays
            ),
        )
        for ident, languages, weekdays, start, end in plans
    )


# --- the consultations and what they found ----------------------------------------------

_ADULT_NEEDS: tuple[tuple[NeedCategory, float], ...] = (
    (NeedCategory.PSYCHOSOCIAL_SUPPORT, 0.20),
    (NeedCategory.PSYCHOLOGICAL_COUNSELLING, 0.08),
    (NeedCategory.GERMAN_LANGUAGE, 0.90),
    (NeedCategory.LIVING_AND_WORKING_IN_GERMANY, 0.26),
    (NeedCategory.RECOGNITION_OF_QUALIFICATIONS, 0.15),
    (NeedCategory.APPLICATION_SUPPORT, 0.12),
    (NeedCategory.EMPLOYMENT, 0.60),
)
"""As :data:`~jobcenter_core.scenarios.findings.ADULT_NEEDS`, tuned so that about 38
people ask for the first group offer."""

_SLOT_HOURS: tuple[int, ...] = (8, 9, 10, 11, 13, 14, 15, 8, 10, 14)
"""The ten consultation slots of a day at the job centre (an hour each, some in parallel)."""


def _consultations(d: Draw, households: Sequence[Household]) -> tuple[Consultation, ...]:
    """Every adult of working age is seen (older people only as the household's first),
    ten slots a working day from 23 May, the case workers taking turns."""
    days = _working_days(CONSULTATIONS_FROM, pendulum.date(2022, 6, 20))
    caseworkers = ("cw-1", "cw-2", "cw-3", "cw-4", "cw-5", "cw-6")
    per_day = len(_SLOT_HOURS)
    out: list[Consultation] = []
    for household in households:
        findings = draw_findings(d, household, _ADULT_NEEDS)
        adults = [
            m.person
            for m in household.members
            if m.child_care is None and completed_years(m.person.birth_date, on=d.on) >= 18
        ]
        seen = adults[:1] + [p for p in adults[1:] if completed_years(p.birth_date, on=d.on) < 65]
        for k, person in enumerate(seen):
            mine = [
                f
                for f in findings
                if f[0] == person.id or (k == 0 and f[0] not in {q.id for q in seen})
            ]
            number = len(out)
            day_index, slot = divmod(number, per_day)
            day = days[day_index % len(days)]
            caseworker = caseworkers[(slot + day_index) % len(caseworkers)]
            start = at_berlin(day.year, day.month, day.day, _SLOT_HOURS[slot])
            out.append(
                Consultation(
                    id=f"c-{number + 1:03d}",
                    household_id=household.id,
                    person_id=person.id,
                    caseworker_id=caseworker,
                    window=TimeWindow(start=start, end=start.add(hours=1)),
                    language=spoken_language(person),
                    findings=tuple(
                        Finding(subject=subject, category=category, urgency=urgency)
                        for subject, category, urgency in mine
                    ),
                )
            )
    return tuple(out)


def _profiles(
    households: Sequence[Household], consultations: Sequence[Consultation]
) -> tuple[NeedsProfile, ...]:
    """The needs profiles the consultations' findings make."""
    by_household: dict[str, NeedsProfile] = {
        h.id: NeedsProfile(household_id=h.id) for h in households
    }
    for c in consultations:
        by_household[c.household_id] = record_consultation(by_household[c.household_id], c)
    return tuple(p for p in by_household.values() if p.needs)


def _mobility(d: Draw, households: Sequence[Household]) -> tuple[tuple[str, Mobility], ...]:
    """What the adults said about their transport (90 % have it) and distance (0.5–14.5 km)."""
    out: list[tuple[str, Mobility]] = []
    for h in households:
        for m in h.members:
            if m.child_care is None:
                out.append((m.person.id, draw_mobility(d)))
    return tuple(out)


# --- the offers and their registrations ----------------------------------------------------


def _registrations_for(
    offer: GroupOffer,
    consultations: Sequence[Consultation],
    category: NeedCategory,
    prefix: str,
    preferences: tuple[str, ...],
) -> tuple[Registration, ...]:
    """The case workers register whoever a consultation found the *category* need for,
    10 minutes after the consultation; ids follow the instants."""
    made: list[Made] = []
    seen: set[str] = set()
    for c in consultations:
        for f in c.findings:
            if f.category is category and f.subject not in seen:
                seen.add(f.subject)
                made.append((c.window.end.add(minutes=10), f.subject, c.caseworker_id, preferences))
    return registrations_in_order(made, offer, prefix=prefix, digits=3)


def bocholt_june_2022() -> Scenario:
    """
    The Bocholt job centre in June 2022, as the press release of the Kreis Borken tells it.

    About 140 refugee households from Ukraine with 180 employable persons, mostly women
    aged 25–50, switched from AsylbLG to SGB II on 2022-06-01. Six case workers held 175
    individual consultations from 23 May 2022 with interpreters of the Kreis' integration
    centre. The Werkakademie's first group offer "Leben und Arbeiten in Deutschland" on
    21 June 2022 drew more registrations than seats, so a second session on 30 June
    followed; an application training for those who want work at short notice and an
    online individual coaching in Ukrainian were planned. Deterministic: every call
    returns an equal value.

    >>> s = bocholt_june_2022()
    >>> s
    Scenario(name='Bocholt, June 2022', on=2022-06-21, households=140, consultations=175, registrations=...)
    >>> len(s.registrations) > s.offer.sessions[0].capacity
    True

    References:
        SGB II § 74 (the switch), § 16 Abs. 1 with SGB III § 45 (group offers).
    """
    households = bocholt_households()
    consultations = _consultations(Draw("bocholt-2022-06/consultations", BOCHOLT_DAY), households)
    offer = GroupOffer(
        id="lad-2022",
        title="Leben und Arbeiten in Deutschland",
        addresses=frozenset({NeedCategory.LIVING_AND_WORKING_IN_GERMANY}),
        target_group=Employable(),
        language="de",
        interpretation_provided=True,
        sessions=(FIRST_SESSION,),
    )
    training = GroupOffer(
        id="bt-2022",
        title="Bewerbungstraining",
        addresses=frozenset({NeedCategory.APPLICATION_SUPPORT}),
        target_group=all_of(Employable(), WantsWorkAtShortNotice()),
        language="de",
        interpretation_provided=True,
        sessions=(TRAINING_SESSION,),
    )
    registrations = _registrations_for(
        offer, consultations, NeedCategory.LIVING_AND_WORKING_IN_GERMANY, "lad", ()
    )
    training_registrations = _registrations_for(
        training,
        consultations,
        NeedCategory.APPLICATION_SUPPORT,
        "bt",
        (TRAINING_SESSION.id,),
    )
    wants = frozenset(r.person_id for r in training_registrations)
    # One case worker registers a person who wants work, but not at short notice: the
    # target-group rule rejects the registration, with its reason.
    employment = next(
        f.subject
        for c in consultations
        for f in c.findings
        if f.category is NeedCategory.EMPLOYMENT and f.subject not in wants
    )
    last = training_registrations[-1]
    training_registrations += (
        Registration(
            id=f"bt-{len(training_registrations) + 1:03d}",
            person_id=employment,
            offer_id=training.id,
            preferences=(TRAINING_SESSION.id,),
            registered_at=last.registered_at.add(minutes=5),
            registered_by=last.registered_by,
        ),
    )
    return Scenario(
        name="Bocholt, June 2022",
        on=BOCHOLT_DAY,
        caseload=Caseload(households=households, profiles=_profiles(households, consultations)),
        caseworkers=bocholt_caseworkers(),
        interpreters=bocholt_interpreters(),
        consultations=consultations,
        offer=offer,
        registrations=registrations,
        second_session=SECOND_SESSION,
        training=training,
        training_registrations=training_registrations,
        wants_work_at_short_notice=wants,
        coaching=online_coaching(2),
        mobility=_mobility(Draw("bocholt-2022-06/mobility", BOCHOLT_DAY), households),
    )
