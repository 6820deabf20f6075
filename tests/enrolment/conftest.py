"""
The story the enrolment tests tell: in June 2022 the Werkakademie in Bocholt offered
"Leben und Arbeiten in Deutschland" in the central accommodation (the former Yupidu), on
21 June and, as demand was high, again on 30 June; case worker ``cw-1`` registered people
from 13 June on.

The fixtures build that offer and its registrations; ``reg(n, "s-0621")`` is person
``p-n``'s registration ``r-n``, made at 09:n on 13 June, ranking the session of 21 June.
"""

from __future__ import annotations

from typing import Protocol

import pendulum
import pytest

from jobcenter_core.dates import at_berlin
from jobcenter_core.enrolment import OfferState, Registration, open_offer, register
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.offers import GroupOffer, Session, TargetGroupRule, Venue
from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex

YUPIDU = Venue(name="Zentrale Unterkunft (ehem. Yupidu)", address="Bocholt")


class OfferOf(Protocol):
    def __call__(
        self, *sessions: Session, target_group: TargetGroupRule | None = None
    ) -> GroupOffer: ...


class RegistrationOf(Protocol):
    def __call__(
        self,
        n: int,
        *preferences: str,
        priority: int = 0,
        person: str | None = None,
        minute: int | None = None,
        by: str = "cw-1",
        offer_id: str = "lad",
    ) -> Registration: ...


class RosterOf(Protocol):
    def __call__(self, waiting: int = 2) -> OfferState: ...


def morning_of(day: int) -> Session:
    """The session ``s-06dd`` on *day* June 2022, 9 to 12, two seats."""
    return Session(
        id=f"s-06{day:02}",
        start=at_berlin(2022, 6, day, 9),
        end=at_berlin(2022, 6, day, 12),
        venue=YUPIDU,
        capacity=2,
    )


@pytest.fixture
def june_21() -> Session:
    """21 June 2022, 9 to 12, two seats."""
    return morning_of(21)


@pytest.fixture
def june_30() -> Session:
    """30 June 2022, 9 to 12, two seats."""
    return morning_of(30)


@pytest.fixture
def offer() -> OfferOf:
    """The offer "Leben und Arbeiten in Deutschland" (``lad``) with the given sessions."""

    def make(*sessions: Session, target_group: TargetGroupRule | None = None) -> GroupOffer:
        extra = {} if target_group is None else {"target_group": target_group}
        return GroupOffer(
            id="lad",
            title="Leben und Arbeiten in Deutschland",
            sessions=sessions,
            **extra,  # type: ignore[arg-type]
        )

    return make


@pytest.fixture
def reg() -> RegistrationOf:
    """Registration ``r-n`` of person ``p-n`` (or *person*), made at 09:n on 13 June."""

    def make(
        n: int,
        *preferences: str,
        priority: int = 0,
        person: str | None = None,
        minute: int | None = None,
        by: str = "cw-1",
        offer_id: str = "lad",
    ) -> Registration:
        return Registration(
            id=f"r-{n}",
            person_id=person if person is not None else f"p-{n}",
            offer_id=offer_id,
            preferences=preferences,
            registered_at=at_berlin(2022, 6, 13, 9, n if minute is None else minute),
            registered_by=by,
            priority=priority,
        )

    return make


@pytest.fixture
def full_roster(offer: OfferOf, reg: RegistrationOf, june_21: Session) -> RosterOf:
    """The roster of 21 June (two seats) full, *waiting* people on the waitlist."""

    def make(waiting: int = 2) -> OfferState:
        state = open_offer(offer(june_21), caseworkers=["cw-1"]).state
        for n in range(1, 3 + waiting):
            state = register(state, reg(n, "s-0621")).state
        return state

    return make


class PersonOf(Protocol):
    def __call__(self, **changes: object) -> Person: ...


@pytest.fixture
def olena() -> PersonOf:
    """Olena, born 1988, native Ukrainian speaker with a § 24 permit, with *changes*."""

    def make(**changes: object) -> Person:
        fields: dict[str, object] = {
            "id": "p-1",
            "birth_date": pendulum.date(1988, 4, 2),
            "sex": Sex.FEMALE,
            "languages": (LanguageSkill(language="uk", level=CefrLevel.NATIVE),),
            "residence": ResidenceStatus(document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT),
        }
        fields.update(changes)
        return Person(**fields)  # type: ignore[arg-type]

    return make
