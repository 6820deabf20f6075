"""
Builders shared by the rule tests: the people and households of the stories the tests
tell (a Ukrainian family with § 24 permits, registered in April 2022, unless a test says
otherwise), as fixtures since test modules cannot import each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pendulum
import pytest
from pendulum import Date

from jobcenter_core.households import (
    ChildCare,
    Household,
    Member,
    Relationship,
    RelationshipKind,
)
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.needs import Evidence, EvidenceKind, Need, NeedCategory, NeedStatus, Urgency
from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex

ISSUED = pendulum.date(2022, 4, 11)
"""The day the § 24 permits of the stories were first issued."""
REGISTERED = pendulum.date(2022, 4, 20)
"""The day of the identity registration of the stories."""
FIRST_CONSULTATION = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")
"""The consultation of 30 May 2022 in which the needs of the stories were found."""


def _refugee(
    pid: str,
    born: Date,
    *,
    document: ResidenceDocument = ResidenceDocument.TEMPORARY_PROTECTION_PERMIT,
    first_issued_on: Date | None = ISSUED,
    registered_on: Date | None = REGISTERED,
    **facts: Any,
) -> Person:
    return Person(
        id=pid,
        birth_date=born,
        sex=facts.pop("sex", Sex.FEMALE),
        residence=ResidenceStatus(document=document, first_issued_on=first_issued_on),
        identity_registered=facts.pop("identity_registered", registered_on is not None),
        identity_registered_on=registered_on,
        **facts,
    )


def _household(
    *members: Member | Person,
    relationships: Iterable[Relationship | Iterable[Relationship]] = (),
    **facts: Any,
) -> Household:
    flat: list[Relationship] = []
    for r in relationships:
        flat.extend([r] if isinstance(r, Relationship) else r)
    return Household(
        id="h-1",
        members=tuple(m if isinstance(m, Member) else Member(person=m) for m in members),
        relationships=tuple(flat),
        **facts,
    )


def _child_of(child: str, *parents: str) -> tuple[Relationship, ...]:
    return tuple(Relationship(person=child, kind=RelationshipKind.CHILD, of=p) for p in parents)


@pytest.fixture(scope="session")
def refugee() -> Callable[..., Person]:
    """
    ``refugee(id, born, document=..., first_issued_on=..., registered_on=..., **facts)``:
    a person with a § 24 permit first issued on 2022-04-11 and the identity registration
    made on 2022-04-20, unless told otherwise.
    """
    return _refugee


@pytest.fixture(scope="session")
def household() -> Callable[..., Household]:
    """
    ``household(*members, relationships=(...), **facts)``: the household ``h-1``; members
    may be persons or members, relationships single or in groups (see ``child_of``).
    """
    return _household


@pytest.fixture(scope="session")
def child_of() -> Callable[..., tuple[Relationship, ...]]:
    """``child_of(child, *parents)``: *child* is the child of each parent."""
    return _child_of


def _need(category: NeedCategory, **facts: Any) -> Need:
    found = {
        "subject": "p-1",
        "urgency": Urgency.NORMAL,
        "status": NeedStatus.OPEN,
        "identified_on": pendulum.date(2022, 5, 30),
        "identified_by": FIRST_CONSULTATION,
    }
    return Need(category=category, **(found | facts))


def _olena(**changes: Any) -> Person:
    facts = {
        "id": "p-1",
        "birth_date": pendulum.date(1988, 3, 2),
        "sex": Sex.FEMALE,
        "languages": (LanguageSkill(language="uk", level=CefrLevel.NATIVE),),
        "residence": ResidenceStatus(document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT),
        "identity_registered": True,
        "name": "Olena",
    }
    return Person(**(facts | changes))


def _alone(person: Person) -> Household:
    return Household(id="h-1", members=(Member(person=person),))


def _with_child(person: Person, child_birth: Date, care: ChildCare) -> Household:
    child = Person(id="p-2", birth_date=child_birth, sex=Sex.MALE)
    return _household(
        Member(person=person, primary_carer=True),
        Member(person=child, child_care=care),
        relationships=_child_of("p-2", person.id),
    )


@pytest.fixture(scope="session")
def need() -> Callable[..., Need]:
    """
    ``need(category, **facts)``: an open need of normal urgency of ``p-1``, found in the
    consultation of 30 May 2022, unless told otherwise.
    """
    return _need


@pytest.fixture(scope="session")
def mother() -> Callable[..., Person]:
    """``mother(**changes)``: Olena (``p-1``), born 1988, Ukrainian, § 24 permit."""
    return _olena


@pytest.fixture(scope="session")
def single() -> Callable[[Person], Household]:
    """``single(person)``: *person* living alone (household ``h-1``)."""
    return _alone


@pytest.fixture(scope="session")
def with_child() -> Callable[[Person, Date, ChildCare], Household]:
    """``with_child(person, birth, care)``: *person*, the carer, and her son ``p-2``."""
    return _with_child
