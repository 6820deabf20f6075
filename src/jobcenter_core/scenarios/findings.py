"""
What a first consultation finds in a household: the needs, drawn in the categories the
Bocholt press release names, for the synthetic caseloads and the Bocholt story alike.

>>> import pendulum
>>> from jobcenter_core.scenarios.bocholt import bocholt_households
>>> from jobcenter_core.scenarios.draws import Draw
>>> found = draw_findings(Draw(1, pendulum.date(2022, 6, 21)), bocholt_households()[0])
>>> all(category in NeedCategory for _, category, _ in found)
True
"""

from __future__ import annotations

from collections.abc import Sequence

import pendulum
from pendulum import Date

from jobcenter_core.dates import completed_years
from jobcenter_core.households import ChildCare, Household
from jobcenter_core.languages import CefrLevel
from jobcenter_core.needs import (
    Evidence,
    NeedCategory,
    NeedsProfile,
    NeedStatus,
    Observation,
    Urgency,
)
from jobcenter_core.people import Person
from jobcenter_core.scenarios._trusted import CHECKED, Makers
from jobcenter_core.scenarios.draws import Draw

__all__ = [
    "ADULT_NEEDS",
    "CONSULTATIONS_FROM",
    "HOUSEHOLD_NEEDS",
    "Drawn",
    "draw_findings",
    "found_needs",
    "spoken_language",
]

CONSULTATIONS_FROM = pendulum.date(2022, 5, 23)
"""Individual consultations began in late May 2022 (the press release: "seit Ende Mai")."""

ADULT_NEEDS: tuple[tuple[NeedCategory, float], ...] = (
    (NeedCategory.PSYCHOSOCIAL_SUPPORT, 0.20),
    (NeedCategory.PSYCHOLOGICAL_COUNSELLING, 0.08),
    (NeedCategory.GERMAN_LANGUAGE, 0.85),
    (NeedCategory.LIVING_AND_WORKING_IN_GERMANY, 0.50),
    (NeedCategory.RECOGNITION_OF_QUALIFICATIONS, 0.15),
    (NeedCategory.APPLICATION_SUPPORT, 0.20),
    (NeedCategory.EMPLOYMENT, 0.60),
)
"""Needs of each adult of working age (18–64), with their probabilities."""

HOUSEHOLD_NEEDS: tuple[tuple[NeedCategory, float], ...] = (
    (NeedCategory.HOUSING, 0.10),
    (NeedCategory.TRANSLATION_SERVICES, 0.35),
    (NeedCategory.PUBLIC_TRANSPORT, 0.30),
    (NeedCategory.SOCIAL_DEPARTMENT_STORE, 0.25),
)
"""Needs of the whole household, with their probabilities."""

Drawn = tuple[str, NeedCategory, Urgency]
"""A drawn finding: (subject, category, urgency)."""


def draw_findings(
    d: Draw, household: Household, adult_needs: Sequence[tuple[NeedCategory, float]] = ADULT_NEEDS
) -> list[Drawn]:
    """
    What a first consultation finds in *household*: (subject, category, urgency), with
    the probabilities :func:`~jobcenter_core.scenarios.synthetic_caseload` lists;
    *adult_needs* replaces the table for adults of working age (18–64).
    """
    random = d.random
    out: list[Drawn] = []
    school_children = False
    children = False
    on = d.on
    for member in household.members:
        person = member.person
        age = completed_years(person.birth_date, on=on)
        if member.child_care is not None:
            children = True
            if member.child_care is ChildCare.SCHOOL:
                school_children = True
            elif member.child_care is ChildCare.NONE and age < 14:
                out.append((person.id, NeedCategory.CHILDCARE, Urgency.HIGH))
        if 15 <= age < 25 and random() < 0.40:
            out.append((person.id, NeedCategory.VOCATIONAL_TRAINING_SYSTEM, Urgency.NORMAL))
        if age < 18:
            continue
        if age >= 65:
            if random() < 0.20:
                out.append((person.id, NeedCategory.PSYCHOSOCIAL_SUPPORT, Urgency.NORMAL))
            continue
        german = person.level_in("de")
        for category, p in adult_needs:
            if random() >= p:
                continue
            urgency = Urgency.NORMAL
            if category is NeedCategory.GERMAN_LANGUAGE:
                if german is not None and german >= CefrLevel.B1:
                    continue
                urgency = Urgency.HIGH if random() < 0.3 else Urgency.NORMAL
            elif category.special_category:
                roll = random()
                urgency = (
                    Urgency.ACUTE if roll < 0.1 else Urgency.HIGH if roll < 0.4 else Urgency.NORMAL
                )
            elif category is NeedCategory.APPLICATION_SUPPORT:
                urgency = Urgency.HIGH if random() < 0.5 else Urgency.NORMAL
            out.append((person.id, category, urgency))
    for category, p in HOUSEHOLD_NEEDS:
        if random() < p:
            out.append((household.id, category, Urgency.LOW if random() < 0.2 else Urgency.NORMAL))
    if children and random() < 0.40:
        out.append((household.id, NeedCategory.CHILDREN_LEISURE, Urgency.NORMAL))
    if school_children and random() < 0.70:
        out.append((household.id, NeedCategory.SCHOOL_SYSTEM, Urgency.NORMAL))
    return out


def found_needs(
    household_id: str,
    findings: Sequence[Drawn],
    *,
    on: Date,
    by: Evidence,
    make: Makers = CHECKED,
) -> NeedsProfile:
    """
    The needs profile of *household_id* with *findings* as open needs, identified on
    *on* by *by*; needs of one urgency share their one-observation trail. *make* makes
    the values (the public constructors by default).

    >>> from jobcenter_core.needs import EvidenceKind
    >>> by = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")
    >>> profile = found_needs("h-1", [("p-1", NeedCategory.EMPLOYMENT, Urgency.HIGH)],
    ...                       on=pendulum.date(2022, 6, 1), by=by)
    >>> [(n.subject, n.category.value, n.urgency.value) for n in profile.needs]
    [('p-1', 'employment', 'high')]
    """
    trails: dict[Urgency, tuple[Observation, ...]] = {}  # one per urgency, shared
    needs = []
    for subject, category, urgency in findings:
        trail = trails.get(urgency)
        if trail is None:
            trail = trails[urgency] = (
                make.observation(on=on, by=by, urgency=urgency, status=NeedStatus.OPEN),
            )
        needs.append(
            make.need(
                subject=subject,
                category=category,
                urgency=urgency,
                identified_on=on,
                identified_by=by,
                status=NeedStatus.OPEN,
                trail=trail,
            )
        )
    return make.needs_profile(household_id=household_id, needs=needs)


def spoken_language(person: Person) -> str:
    """
    The language a consultation is held in from the person's side: their best language
    other than German (German when they speak no other).

    >>> from jobcenter_core.scenarios.bocholt import bocholt_households
    >>> spoken_language(bocholt_households()[0].members[0].person) in {"uk", "ru"}
    True
    """
    others = [s for s in person.languages if s.language != "de"]
    return max(others, key=lambda s: s.level).language if others else "de"
