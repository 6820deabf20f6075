"""
Builders shared by the coaching tests, as factory fixtures: Olena-like Ukrainian
refugees and their households, the Ukrainian online programme, and referrals to it.

Each fixture returns a function (``programme()``, ``referred("r-2", …)``), so a test
reads as before and changes only what its story needs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pendulum
import pytest

from jobcenter_core.coaching import (
    Coach,
    CoachingProgramme,
    CoachingReferral,
    Delivery,
    accept_referral,
    refer,
)
from jobcenter_core.dates import at_berlin
from jobcenter_core.households import ChildCare, Household, Member, Relationship, RelationshipKind
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.needs import NeedCategory
from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex

MOTHER_BORN = pendulum.date(1988, 4, 12)
CHILD_BORN = pendulum.date(2019, 2, 10)
REFERRED_AT = at_berlin(2022, 6, 22, 10)


def _ukrainian(id: str = "m", *, born: pendulum.Date = MOTHER_BORN, **changes: Any) -> Person:
    person = Person(
        id=id,
        birth_date=born,
        sex=Sex.FEMALE,
        languages=(LanguageSkill(language="uk", level=CefrLevel.NATIVE),),
        residence=ResidenceStatus(
            document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT,
            first_issued_on=pendulum.date(2022, 4, 1),
        ),
        identity_registered=True,
        identity_registered_on=pendulum.date(2022, 4, 1),
    )
    return attrs.evolve(person, **changes)


def _mother_and_child(
    *,
    child_born: pendulum.Date = CHILD_BORN,
    care: ChildCare | None = ChildCare.NONE,
    mother: Person | None = None,
) -> tuple[Person, Household]:
    parent = mother if mother is not None else _ukrainian()
    child = Person(id="c", birth_date=child_born, sex=Sex.MALE)
    household = Household(
        id="h-1",
        members=(
            Member(person=parent, primary_carer=True),
            Member(person=child, child_care=care),
        ),
        relationships=(Relationship(person="c", kind=RelationshipKind.CHILD, of="m"),),
    )
    return parent, household


def _programme(
    *,
    delivery: Delivery = Delivery.ONLINE,
    coaches: tuple[Coach, ...] = (
        Coach(id="coach-1", languages=frozenset({"uk"}), weekly_capacity=2),
    ),
    languages: frozenset[str] = frozenset({"uk"}),
    **changes: Any,
) -> CoachingProgramme:
    built = CoachingProgramme(
        id="uk-online",
        provider="Werkakademie",
        languages=languages,
        delivery=delivery,
        coaches=coaches,
        sessions_per_coaching=3,
    )
    return attrs.evolve(built, **changes)


def _referred(
    id: str = "r-1",
    *,
    person_id: str = "p-1",
    reasons: frozenset[NeedCategory] = frozenset({NeedCategory.GERMAN_LANGUAGE}),
    limited_mobility: bool = False,
    at: pendulum.DateTime = REFERRED_AT,
    language: str = "uk",
    prog: CoachingProgramme | None = None,
) -> CoachingReferral:
    return refer(
        prog if prog is not None else _programme(),
        id=id,
        person_id=person_id,
        referred_by="cw-1",
        reasons=reasons,
        language=language,
        limited_mobility=limited_mobility,
        at=at,
    ).referral


def _accepted(referral: CoachingReferral | None = None) -> CoachingReferral:
    return accept_referral(
        referral if referral is not None else _referred(),
        _programme(),
        coach_id="coach-1",
        starts_on=pendulum.date(2022, 6, 27),
        caseload=(),
        at=at_berlin(2022, 6, 23, 9),
    ).referral


@pytest.fixture
def ukrainian() -> Callable[..., Person]:
    """A Ukrainian woman with a § 24 permit, registered in April 2022 (changes by keyword)."""
    return _ukrainian


@pytest.fixture
def mother_and_child() -> Callable[..., tuple[Person, Household]]:
    """A mother (``m``, primary carer) and her son (``c``, born 2019, no care place)."""
    return _mother_and_child


@pytest.fixture
def programme() -> Callable[..., CoachingProgramme]:
    """The online programme in Ukrainian with one coach of weekly capacity 2, 3 sessions."""
    return _programme


@pytest.fixture
def referred() -> Callable[..., CoachingReferral]:
    """A referral to the programme on 22 June 2022, 10:00, for a German-language need."""
    return _referred


@pytest.fixture
def accepted() -> Callable[..., CoachingReferral]:
    """A referral accepted by ``coach-1`` on 23 June, starting on 27 June 2022."""
    return _accepted
