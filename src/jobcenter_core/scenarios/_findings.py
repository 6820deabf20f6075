"""
Engine: the needs a first consultation finds, drawn and made as
:func:`~jobcenter_core.scenarios.findings.draw_findings` (with its default tables) and
:func:`~jobcenter_core.scenarios.findings.found_needs` draw and make them, for the
generators' loops.

The readable pair draws ``(subject, category, urgency)`` in the order of its tables, and
the profile then sorts its needs by subject and category rank. The engine makes the same
draws in the same order, from tables whose ranks and kinds of urgency are worked out
once; it keeps each finding as ``(subject, rank, category, urgency index)``, so that the
plain order of these tuples is the profile's order, and makes the needs in that order,
with one one-observation trail per urgency as ``found_needs`` shares them. No need
repeats, so none is merged: a category is drawn at most once per person, and the
household's categories are not the persons' (a test pins that).

``tests/scenarios/test_engine_findings.py`` checks the engine against the readable pair:
the same profile, and the same draws consumed.
"""

from __future__ import annotations

from pendulum import Date

from jobcenter_core.dates import completed_years
from jobcenter_core.households import ChildCare, Household
from jobcenter_core.languages import CefrLevel
from jobcenter_core.needs import Evidence, NeedCategory, NeedsProfile, NeedStatus, Urgency
from jobcenter_core.scenarios._trusted import Makers
from jobcenter_core.scenarios.draws import Draw
from jobcenter_core.scenarios.findings import ADULT_NEEDS, HOUSEHOLD_NEEDS

__all__ = ["Found", "draw_needs", "make_profile"]

_URGENCIES = (Urgency.LOW, Urgency.NORMAL, Urgency.HIGH, Urgency.ACUTE)
_LOW, _NORMAL, _HIGH, _ACUTE = range(4)
"""Indexes into :data:`_URGENCIES`."""

_PLAIN, _GERMAN, _SPECIAL, _APPLICATION = range(4)
"""How an adult's need gets its urgency (as ``draw_findings`` decides it)."""


def _kind(category: NeedCategory) -> int:
    if category is NeedCategory.GERMAN_LANGUAGE:
        return _GERMAN
    if category.special_category:
        return _SPECIAL
    if category is NeedCategory.APPLICATION_SUPPORT:
        return _APPLICATION
    return _PLAIN


_ADULT = tuple((category, p, category.rank, _kind(category)) for category, p in ADULT_NEEDS)
_HOUSEHOLD = tuple((category, p, category.rank) for category, p in HOUSEHOLD_NEEDS)
_CHILDCARE = NeedCategory.CHILDCARE
_CHILDCARE_RANK = _CHILDCARE.rank
_TRAINING_SYSTEM = NeedCategory.VOCATIONAL_TRAINING_SYSTEM
_TRAINING_SYSTEM_RANK = _TRAINING_SYSTEM.rank
_PSYCHOSOCIAL = NeedCategory.PSYCHOSOCIAL_SUPPORT
_PSYCHOSOCIAL_RANK = _PSYCHOSOCIAL.rank
_LIVING_AND_WORKING = NeedCategory.LIVING_AND_WORKING_IN_GERMANY
_LEISURE = NeedCategory.CHILDREN_LEISURE
_LEISURE_RANK = _LEISURE.rank
_SCHOOL_SYSTEM = NeedCategory.SCHOOL_SYSTEM
_SCHOOL_SYSTEM_RANK = _SCHOOL_SYSTEM.rank
_SCHOOL = ChildCare.SCHOOL
_NO_CARE = ChildCare.NONE
_B1 = CefrLevel.B1
_OPEN = NeedStatus.OPEN

Found = list[tuple[str, int, NeedCategory, int]]
"""The findings of one consultation in the profile's order: (subject, category rank,
category, urgency index)."""


def draw_needs(d: Draw, household: Household) -> tuple[Found, list[str], list[str]]:
    """
    What a first consultation finds in *household*, drawn from *d* as ``draw_findings``
    draws it: the findings in the profile's order, and, in the order drawn, the subjects
    found to need "living and working in Germany" and the persons (not the household)
    found to need application support.
    """
    random = d.random
    on = d.on
    household_id = household.id
    found: Found = []
    living_and_working: list[str] = []
    application: list[str] = []
    school_children = False
    children = False
    for member in household.members:
        person = member.person
        subject = person.id
        age = completed_years(person.birth_date, on=on)
        care = member.child_care
        if care is not None:
            children = True
            if care is _SCHOOL:
                school_children = True
            elif care is _NO_CARE and age < 14:
                found.append((subject, _CHILDCARE_RANK, _CHILDCARE, _HIGH))
        if 15 <= age < 25 and random() < 0.40:
            found.append((subject, _TRAINING_SYSTEM_RANK, _TRAINING_SYSTEM, _NORMAL))
        if age < 18:
            continue
        if age >= 65:
            if random() < 0.20:
                found.append((subject, _PSYCHOSOCIAL_RANK, _PSYCHOSOCIAL, _NORMAL))
            continue
        for category, p, rank, kind in _ADULT:
            if random() >= p:
                continue
            urgency = _NORMAL
            if kind == _GERMAN:
                german = person.level_in("de")
                if german is not None and german >= _B1:
                    continue
                urgency = _HIGH if random() < 0.3 else _NORMAL
            elif kind == _SPECIAL:
                roll = random()
                urgency = _ACUTE if roll < 0.1 else _HIGH if roll < 0.4 else _NORMAL
            elif kind == _APPLICATION:
                urgency = _HIGH if random() < 0.5 else _NORMAL
                if subject != household_id:
                    application.append(subject)
            elif category is _LIVING_AND_WORKING:
                living_and_working.append(subject)
            found.append((subject, rank, category, urgency))
    for category, p, rank in _HOUSEHOLD:
        if random() < p:
            found.append((household_id, rank, category, _LOW if random() < 0.2 else _NORMAL))
    if children and random() < 0.40:
        found.append((household_id, _LEISURE_RANK, _LEISURE, _NORMAL))
    if school_children and random() < 0.70:
        found.append((household_id, _SCHOOL_SYSTEM_RANK, _SCHOOL_SYSTEM, _NORMAL))
    found.sort()  # (subject, rank) never repeats: the categories are never compared
    return found, living_and_working, application


def make_profile(
    household_id: str, found: Found, *, on: Date, by: Evidence, make: Makers
) -> NeedsProfile:
    """The needs profile of *household_id* with *found* (from :func:`draw_needs`) as
    open needs identified on *on* by *by*, as ``found_needs`` makes it."""
    observation = make.observation
    need = make.need
    trails: list[tuple[object, ...] | None] = [None, None, None, None]
    needs = []
    for subject, _, category, u in found:
        urgency = _URGENCIES[u]
        trail = trails[u]
        if trail is None:
            trail = trails[u] = (observation(on=on, by=by, urgency=urgency, status=_OPEN),)
        needs.append(
            need(
                subject=subject,
                category=category,
                urgency=urgency,
                status=_OPEN,
                identified_on=on,
                identified_by=by,
                trail=trail,
            )
        )
    return make.ordered_needs_profile(household_id=household_id, needs=tuple(needs))
