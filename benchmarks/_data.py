"""
Seeded synthetic persons and households for the rule and serialization benchmarks.

Shaped like the Ukrainian caseload of 2022 (a mother of 20–50 with up to three
children, sometimes a partner or a grandparent; § 24 permits and Fiktionsbescheinigungen,
a few asylum seekers and others; most identity registrations made), but drawn with a
private ``random.Random`` so that a million persons take seconds, not minutes.
Values that many persons share (birth dates, residence statuses, language lists) are
shared objects, as they would be after parsing with interning; every person and
household is its own object with its own id.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pendulum

from jobcenter_core.households import (
    ChildCare,
    Household,
    MaritalStatus,
    Member,
    Relationship,
    RelationshipKind,
)
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.people import (
    Person,
    ResidenceDocument,
    ResidenceStatus,
    Sex,
    WorkCapacity,
)

ON = pendulum.date(2022, 6, 21)
"""The reference day of the benchmarks (the first Werkakademie session)."""

_EPOCH = pendulum.date(1930, 1, 1)
_DAYS: list[pendulum.Date] = [_EPOCH.add(days=i) for i in range(0, 93 * 366)]
_ON_INDEX = ON.toordinal() - _EPOCH.toordinal()
_ISSUED: list[pendulum.Date] = [pendulum.date(2022, 3, 1).add(days=i) for i in range(120)]
_UK = LanguageSkill(language="uk", level=CefrLevel.NATIVE)
_RU = LanguageSkill(language="ru", level=CefrLevel.NATIVE)
_LANGUAGES = (
    (_UK,),
    (_UK, LanguageSkill(language="ru", level=CefrLevel.B2)),
    (_RU,),
    (_UK, LanguageSkill(language="de", level=CefrLevel.A1)),
    (_UK, LanguageSkill(language="en", level=CefrLevel.B1)),
)
_CAPACITIES = (
    WorkCapacity(hours_per_day=2, assessed_on=pendulum.date(2022, 5, 2)),
    WorkCapacity(hours_per_day=6, assessed_on=pendulum.date(2022, 5, 2)),
)


class _Draw:
    """The random draws, from one private generator seeded by the caller."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.residences: dict[tuple[ResidenceDocument, int | None], ResidenceStatus] = {}
        self.count = 0

    def birth(self, years_before: int, spread: int) -> pendulum.Date:
        back = years_before * 365 + self.rng.randrange(spread * 365)
        return _DAYS[_ON_INDEX - back]

    def residence(self) -> ResidenceStatus | None:
        u = self.rng.random()
        if u < 0.70:
            doc = ResidenceDocument.TEMPORARY_PROTECTION_PERMIT
        elif u < 0.90:
            doc = ResidenceDocument.FICTION_CERTIFICATE
        elif u < 0.95:
            doc = ResidenceDocument.ASYLUM_ARRIVAL_CERTIFICATE
        elif u < 0.98:
            doc = ResidenceDocument.OTHER_PERMIT
        else:
            return None
        day = self.rng.randrange(len(_ISSUED)) if self.rng.random() < 0.9 else None
        key = (doc, day)
        found = self.residences.get(key)
        if found is None:
            found = ResidenceStatus(
                document=doc, first_issued_on=None if day is None else _ISSUED[day]
            )
            self.residences[key] = found
        return found

    def person(self, sex: Sex, birth: pendulum.Date, *, adult: bool) -> Person:
        self.count += 1
        rng = self.rng
        registered = rng.random() < 0.85
        return Person(
            id=f"p-{self.count:07d}",
            birth_date=birth,
            sex=sex,
            languages=_LANGUAGES[rng.randrange(len(_LANGUAGES))],
            residence=self.residence(),
            identity_registered=registered,
            identity_registered_on=(
                _ISSUED[rng.randrange(len(_ISSUED))] if registered and rng.random() < 0.9 else None
            ),
            stored_in_central_register=rng.random() < 0.9,
            work_capacity=(_CAPACITIES[rng.randrange(2)] if adult and rng.random() < 0.1 else None),
            work_permitted=None if rng.random() < 0.8 else rng.random() < 0.9,
        )


def _household(d: _Draw, number: int) -> Household:
    rng = d.rng
    mother = d.person(Sex.FEMALE, d.birth(20, 30), adult=True)
    members = [Member(person=mother, marital_status=MaritalStatus.MARRIED, primary_carer=True)]
    relationships = []
    if rng.random() < 0.25:
        partner = d.person(Sex.MALE, d.birth(22, 40), adult=True)
        members.append(Member(person=partner, marital_status=MaritalStatus.MARRIED))
        relationships.append(
            Relationship(person=partner.id, kind=RelationshipKind.SPOUSE, of=mother.id)
        )
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
        child = d.person(rng.choice((Sex.FEMALE, Sex.MALE)), d.birth(0, 20), adult=False)
        members.append(
            Member(
                person=child,
                marital_status=MaritalStatus.UNMARRIED,
                child_care=rng.choice((ChildCare.NONE, ChildCare.KITA, ChildCare.SCHOOL)),
            )
        )
        relationships.append(
            Relationship(person=child.id, kind=RelationshipKind.CHILD, of=mother.id)
        )
    if rng.random() < 0.1:
        grandmother = d.person(Sex.FEMALE, d.birth(55, 30), adult=True)
        members.append(Member(person=grandmother, marital_status=MaritalStatus.WIDOWED))
        relationships.append(
            Relationship(person=grandmother.id, kind=RelationshipKind.PARENT, of=mother.id)
        )
    return Household(
        id=f"h-{number:07d}",
        members=tuple(members),
        relationships=tuple(relationships),
        approval_period_ends_on=pendulum.date(2022, 11, 30) if rng.random() < 0.5 else None,
    )


def households(count: int, *, seed: int = 2022) -> list[Household]:
    """*count* synthetic households (about 2.7 persons each)."""
    d = _Draw(seed)
    return [_household(d, i + 1) for i in range(count)]


def person_chunks(persons: int, *, chunk: int, seed: int = 2022) -> Iterator[list[Household]]:
    """
    Households holding *persons* persons in all, in lists of about *chunk* persons, so
    that a million persons never need to be in memory at once.
    """
    d = _Draw(seed)
    number = 0
    made = 0
    while made < persons:
        batch: list[Household] = []
        in_batch = 0
        while in_batch < chunk and made < persons:
            number += 1
            h = _household(d, number)
            take = min(len(h.members), persons - made)
            if take < len(h.members):
                h = Household(id=h.id, members=h.members[:1])
                take = 1
            batch.append(h)
            in_batch += take
            made += take
        yield batch
