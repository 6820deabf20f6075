"""
One household at a time: its members with their documents, languages, work capacity and
care, and the relationships between them, drawn from a :class:`~.draws.Draw`.

The synthetic generator draws every fact; a *controlled* build (the Bocholt story) takes
documents, identity registrations and work capacities from the caller.

>>> import pendulum
>>> from jobcenter_core.people import Sex
>>> from jobcenter_core.households import MaritalStatus
>>> from jobcenter_core.scenarios.draws import Draw
>>> b = HouseholdBuilder(Draw(1, pendulum.date(2022, 6, 21)), "h-1", person_ids(3))
>>> mother = b.adult(age=34, sex=Sex.FEMALE, marital=MaritalStatus.MARRIED, primary_carer=True)
>>> b.children([mother], 34, 2)
>>> [m.id for m in b.household().members]
['p-001', 'p-002', 'p-003']
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import pendulum
from pendulum import Date

from jobcenter_core.coaching import Mobility
from jobcenter_core.households import (
    ChildCare,
    Household,
    MaritalStatus,
    Member,
    Relationship,
    RelationshipKind,
)
from jobcenter_core.languages import LanguageSkill
from jobcenter_core.people import (
    Person,
    ResidenceDocument,
    ResidenceStatus,
    Sex,
    WorkCapacity,
)
from jobcenter_core.scenarios._trusted import CHECKED, Makers
from jobcenter_core.scenarios.draws import Draw, Weighted

__all__ = [
    "WAR_BEGAN",
    "HouseholdBuilder",
    "child_count",
    "draw_mobility",
    "mother_marital_status",
    "person_ids",
]

WAR_BEGAN = pendulum.date(2022, 2, 24)
"""Permits under § 24 AufenthG were issued for arrivals from this day on."""
_FIRST_WAVE_END = pendulum.date(2022, 6, 30).toordinal()
"""Most of the caseload arrived before the end of June 2022."""
_CONTROLLED_ARRIVALS = (
    pendulum.date(2022, 3, 5).toordinal(),
    pendulum.date(2022, 5, 20).toordinal(),
)
"""The households of a controlled build (the Bocholt story) arrived in these days."""
_CATCH_UP_UNTIL = pendulum.date(2022, 5, 31).toordinal()
"""A permit made up for a missing identity registration was issued by this day (§ 74)."""

_CHILD_COUNTS = Weighted([(1, 0.45), (2, 0.35), (3, 0.15), (4, 0.05)])
_MOTHER_MARITAL = (
    (MaritalStatus.MARRIED, 0.55),
    (MaritalStatus.DIVORCED, 0.20),
    (MaritalStatus.UNMARRIED, 0.15),
    (MaritalStatus.WIDOWED, 0.10),
)
_EN_LEVELS = ("A2", "A2", "B1", "B1", "B2")
_DE_LEVELS = ("A1", "A1", "A1", "A2", "A2", "B1")


def person_ids(digits: int) -> Callable[[], str]:
    """
    The next pseudonymous person id on each call: ``p-0001``, ``p-0002``, … with *digits*
    digits.

    >>> next_person = person_ids(4)
    >>> next_person(), next_person()
    ('p-0001', 'p-0002')
    """
    numbers = itertools.count(1)
    return lambda: f"p-{next(numbers):0{digits}d}"


def child_count(d: Draw) -> int:
    """Children of a parent: 1 (45 %), 2 (35 %), 3 (15 %) or 4 (5 %)."""
    return d.weighted(_CHILD_COUNTS)


def mother_marital_status(d: Draw) -> MaritalStatus:
    """A mother is married (55 %, the husband mostly still in Ukraine), divorced (20 %),
    unmarried (15 %) or widowed (10 %)."""
    roll = d.random()
    for status, weight in _MOTHER_MARITAL:
        roll -= weight
        if roll < 0:
            return status
    return _MOTHER_MARITAL[-1][0]


def draw_mobility(d: Draw) -> Mobility:
    """
    What an adult says about getting to the job centre: transport (90 %) and a distance
    of 0.5–14.5 km.

    >>> m = draw_mobility(Draw(1, pendulum.date(2022, 6, 21)))
    >>> 0.5 <= m.distance_to_centre_km <= 14.5
    True
    """
    has_transport = d.chance(0.9)
    return d.mobility(has_transport, round(0.5 + d.random() * 14, 1))


def _languages(d: Draw, native: str, age: int) -> tuple[LanguageSkill, ...]:
    if age < 10:
        return d.skills((native, "native"))
    random = d.random
    pairs: tuple[str, ...] = (native, "native")
    if random() < (0.6 if native == "uk" else 0.25):
        pairs += ("ru" if native == "uk" else "uk", "C1" if random() < 0.5 else "B2")
    if random() < 0.3:
        pairs += ("en", _EN_LEVELS[int(random() * len(_EN_LEVELS))])
    if random() < 0.14:
        pairs += ("de", _DE_LEVELS[int(random() * len(_DE_LEVELS))])
    return d.skills(pairs)


def _arrival(d: Draw) -> int:
    """The household's arrival day (an ordinal): 80 % in the first wave, the rest later."""
    first_start = WAR_BEGAN.toordinal() + 5
    first_end = min(_FIRST_WAVE_END, d.on_ordinal - 1)
    if first_end < first_start:
        first_end = first_start
    if d.on_ordinal - 14 > _FIRST_WAVE_END and d.chance(0.2):
        return d.between(_FIRST_WAVE_END + 1, d.on_ordinal - 14)
    return d.between(first_start, first_end)


class HouseholdBuilder:
    """
    Builds one household's members and relationships.

    In *controlled* mode (the Bocholt scenario) documents, identity registrations and
    work capacities are what the caller says; otherwise they are drawn. *make* makes the
    values (the public constructors unless a generator passes its trusted makers).
    """

    def __init__(
        self,
        d: Draw,
        household_id: str,
        next_person: Callable[[], str],
        *,
        controlled: bool = False,
        make: Makers = CHECKED,
    ) -> None:
        self.d = d
        self.make = make
        self.household_id = household_id
        self.next_person = next_person
        self.controlled = controlled
        self.members: list[Member] = []
        self.relationships: list[Relationship] = []
        self.native = "uk" if d.chance(0.65) else "ru"
        if controlled:
            self.arrival = d.between(*_CONTROLLED_ARRIVALS)
        else:
            self.arrival = _arrival(d)

    def residence(
        self, age: int, registered: bool
    ) -> tuple[ResidenceStatus | None, bool, Date | None]:
        """A person's document, whether the identity is registered, and since when."""
        d = self.d
        random = d.random
        issued = self.arrival + int(random() * 40)
        if issued > d.on_ordinal:
            issued = d.on_ordinal
        roll = random()
        if roll < 0.05 and not self.controlled:
            status = d.residence(ResidenceDocument.NONE, None)
        elif roll < 0.28:
            status = d.residence(ResidenceDocument.FICTION_CERTIFICATE, issued)
        else:
            status = d.residence(ResidenceDocument.TEMPORARY_PROTECTION_PERMIT, issued)
        if self.controlled:
            if not registered and age >= 14:
                # made up later: the permit falls in the § 74 catch-up window
                status = d.residence(status.document, min(issued, _CATCH_UP_UNTIL))
            registered = registered and age >= 14
        else:
            registered = age >= 14 and random() < 0.92
        if registered:
            day = max(issued - int(random() * 21), WAR_BEGAN.toordinal())
            return status, True, d.date(day)
        return status, False, None

    def capacity(self, age: int, hours: float | None) -> WorkCapacity | None:
        """An assessed work capacity, or ``None`` when there was no assessment."""
        d = self.d
        if self.controlled:
            if hours is None:
                return None
        elif age < 18:
            return None
        else:
            roll = d.random()
            unable = 0.30 if age >= 65 else 0.05
            if roll >= unable + 0.10:
                return None
            hours = d.pick((1.5, 2.0, 2.5)) if roll < unable else d.pick((6.0, 8.0))
        assessed = min(self.arrival + d.between(30, 119), d.on_ordinal)
        return d.work_capacity(hours, assessed)

    def person(
        self, *, age: int, sex: Sex, hours: float | None = None, registered: bool = True
    ) -> Person:
        """A new person of *age* completed years, with the next id."""
        d = self.d
        status, is_registered, registered_on = self.residence(age, registered)
        born = d.birth(age)
        if born > self.arrival:
            born = self.arrival  # everybody was born before the household arrived
        return self.make.person(
            id=self.next_person(),
            birth_date=d.date(born),
            sex=sex,
            languages=_languages(d, self.native, age),
            residence=status,
            identity_registered=is_registered,
            identity_registered_on=registered_on,
            stored_in_central_register=self.controlled or d.random() < 0.97,
            work_capacity=self.capacity(age, hours),
        )

    def adult(
        self,
        *,
        age: int,
        sex: Sex,
        marital: MaritalStatus,
        primary_carer: bool = False,
        hours: float | None = None,
        registered: bool = True,
    ) -> str:
        """Adds an adult member; returns the person id."""
        p = self.person(age=age, sex=sex, hours=hours, registered=registered)
        self.members.append(
            self.make.member(person=p, marital_status=marital, primary_carer=primary_carer)
        )
        return p.id

    def relate(self, person: str, kind: RelationshipKind, of: str) -> None:
        """Adds that member *person* is the *kind* of member *of*."""
        self.relationships.append(self.make.relationship(person=person, kind=kind, of=of))

    def care(self, age: int) -> ChildCare | None:
        """A child's care: 6–17 school (95 %) or none; 3–5 Kita (65 %) or none; 1–2 Kita
        (30 %), childminder (15 %) or none; under 1 none."""
        d = self.d
        if age >= 18:
            return None
        if age >= 6:
            return ChildCare.SCHOOL if d.chance(0.95) else ChildCare.NONE
        if age >= 3:
            return ChildCare.KITA if d.chance(0.65) else ChildCare.NONE
        if age >= 1:
            roll = d.random()
            if roll < 0.30:
                return ChildCare.KITA
            if roll < 0.45:
                return ChildCare.CHILDMINDER
        return ChildCare.NONE

    def child(self, *, age: int, parents: Sequence[str], care: ChildCare | None = None) -> str:
        """Adds a child of *parents* (a girl or a boy alike); returns the person id."""
        p = self.person(age=age, sex=Sex.FEMALE if self.d.random() < 0.5 else Sex.MALE)
        self.members.append(
            self.make.member(
                person=p,
                marital_status=MaritalStatus.UNMARRIED,
                child_care=self.care(age) if care is None else care,
            )
        )
        for parent in parents:
            self.relate(p.id, RelationshipKind.CHILD, parent)
        return p.id

    def children(
        self, parents: Sequence[str], parent_age: int, count: int, *, oldest: int = 17
    ) -> None:
        """Adds *count* children aged 0 to the parent's age minus 18 (at most *oldest*)."""
        oldest = max(0, min(oldest, parent_age - 18))
        for _ in range(count):
            self.child(age=self.d.between(0, oldest), parents=parents)

    def household(self) -> Household:
        """The household built, with an approval period ending 0–11 months after ``on``."""
        d = self.d
        ends: Date | None = None
        if d.approval_known:
            ends = d.approval_end(int(d.random() * 12))
        return self.make.household(
            id=self.household_id,
            members=tuple(self.members),
            relationships=tuple(self.relationships),
            approval_period_ends_on=ends,
        )
