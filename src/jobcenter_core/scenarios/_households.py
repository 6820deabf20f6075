"""
Engine: one synthetic household drawn as
:func:`~jobcenter_core.scenarios.synthetic.draw_household` draws it, for the national
partitions' loop.

The readable generator is a :class:`~jobcenter_core.scenarios.builder.HouseholdBuilder`
whose every fact is a method (a person's document, birth day, languages, work capacity,
care) calling the :class:`~jobcenter_core.scenarios.draws.Draw`'s methods; a household
of three is about a hundred calls. The engine makes the same draws in the same order,
with each person's facts drawn in one function body and the draws written out
(``random() < p`` for a chance, ``low + int(random() * n)`` for a whole number, as the
``Draw`` methods compute them), and makes the same values with the caller's makers.

``tests/scenarios/test_engine_households.py`` checks it against ``draw_household`` with
the public constructors: equal households, and the same draws consumed.
"""

from __future__ import annotations

from collections.abc import Callable

from jobcenter_core.households import (
    ChildCare,
    Household,
    MaritalStatus,
    Member,
    Relationship,
    RelationshipKind,
)
from jobcenter_core.people import Person, ResidenceDocument, Sex
from jobcenter_core.scenarios._trusted import Makers
from jobcenter_core.scenarios.builder import (
    _DE_LEVELS,
    _EN_LEVELS,
    _FIRST_WAVE_END,
    WAR_BEGAN,
    child_count,
    mother_marital_status,
)
from jobcenter_core.scenarios.draws import Draw
from jobcenter_core.scenarios.synthetic import _HOUSEHOLD_KINDS

__all__ = ["draw_household"]

_WAR_BEGAN = WAR_BEGAN.toordinal()
_FIRST_ARRIVALS = _WAR_BEGAN + 5
_NONE = ResidenceDocument.NONE
_FICTION = ResidenceDocument.FICTION_CERTIFICATE
_PERMIT = ResidenceDocument.TEMPORARY_PROTECTION_PERMIT
_FEMALE = Sex.FEMALE
_MALE = Sex.MALE
_MARRIED = MaritalStatus.MARRIED
_UNMARRIED = MaritalStatus.UNMARRIED
_WIDOWED = MaritalStatus.WIDOWED
_SPOUSE = RelationshipKind.SPOUSE
_PARENT = RelationshipKind.PARENT
_CHILD = RelationshipKind.CHILD
_UNABLE_HOURS = (1.5, 2.0, 2.5)
_ABLE_HOURS = (6.0, 8.0)


class _Household:
    """One household's members and relationships as they are drawn."""

    __slots__ = (
        "arrival",
        "d",
        "id",
        "issued",
        "make",
        "members",
        "native",
        "next_person",
        "relationships",
    )

    def __init__(
        self, d: Draw, household_id: str, next_person: Callable[[], str], make: Makers
    ) -> None:
        self.d = d
        self.id = household_id
        self.next_person = next_person
        self.make = make
        self.members: list[Member] = []
        self.relationships: list[Relationship] = []
        self.issued = 0  # the last day a member's document was first issued (0: none)
        random = d.random
        self.native = "uk" if random() < 0.65 else "ru"
        on = d.on_ordinal
        last = min(_FIRST_WAVE_END, on - 1)
        if last < _FIRST_ARRIVALS:
            last = _FIRST_ARRIVALS
        if on - 14 > _FIRST_WAVE_END and random() < 0.2:
            self.arrival = _FIRST_WAVE_END + 1 + int(random() * (on - 14 - _FIRST_WAVE_END))
        else:
            self.arrival = _FIRST_ARRIVALS + int(random() * (last - _FIRST_ARRIVALS + 1))

    def person(self, age: int, sex: Sex) -> Person:
        """A new person: HouseholdBuilder.person, its draws written out."""
        d = self.d
        random = d.random
        on = d.on_ordinal
        arrival = self.arrival
        # the document, and whether and since when the identity is registered
        issued = arrival + int(random() * 40)
        if issued > on:
            issued = on
        roll = random()
        if roll < 0.05:
            status = d.residence(_NONE, None)
        else:
            status = d.residence(_FICTION if roll < 0.28 else _PERMIT, issued)
            if issued > self.issued:
                self.issued = issued
        registered_on = None
        registered = age >= 14 and random() < 0.92
        if registered:
            day = issued - int(random() * 21)
            registered_on = d.date(day if day > _WAR_BEGAN else _WAR_BEGAN)
        born = d.birth(age)
        if born > arrival:
            born = arrival
        # the languages
        native = self.native
        if age < 10:
            languages = d.skills((native, "native"))
        else:
            pairs: tuple[str, ...] = (native, "native")
            if random() < (0.6 if native == "uk" else 0.25):
                pairs += ("ru" if native == "uk" else "uk", "C1" if random() < 0.5 else "B2")
            if random() < 0.3:
                pairs += ("en", _EN_LEVELS[int(random() * 5)])
            if random() < 0.14:
                pairs += ("de", _DE_LEVELS[int(random() * 6)])
            languages = d.skills(pairs)
        stored = random() < 0.97
        # the work capacity, if assessed
        capacity = None
        if age >= 18:
            roll = random()
            unable = 0.30 if age >= 65 else 0.05
            if roll < unable + 0.10:
                if roll < unable:
                    hours = _UNABLE_HOURS[int(random() * 3)]
                else:
                    hours = _ABLE_HOURS[int(random() * 2)]
                assessed = arrival + 30 + int(random() * 90)
                capacity = d.work_capacity(hours, assessed if assessed < on else on)
        return self.make.person(
            id=self.next_person(),
            birth_date=d.date(born),
            sex=sex,
            languages=languages,
            residence=status,
            identity_registered=registered,
            identity_registered_on=registered_on,
            stored_in_central_register=stored,
            work_capacity=capacity,
        )

    def adult(self, age: int, sex: Sex, marital: MaritalStatus, primary_carer: bool = False) -> str:
        p = self.person(age, sex)
        self.members.append(
            self.make.member(person=p, marital_status=marital, primary_carer=primary_carer)
        )
        return p.id

    def relate(self, person: str, kind: RelationshipKind, of: str) -> None:
        self.relationships.append(self.make.relationship(person=person, kind=kind, of=of))

    def child(self, age: int, parents: list[str]) -> None:
        random = self.d.random
        p = self.person(age, _FEMALE if random() < 0.5 else _MALE)
        care: ChildCare | None = ChildCare.NONE
        if age >= 18:
            care = None
        elif age >= 6:
            care = ChildCare.SCHOOL if random() < 0.95 else ChildCare.NONE
        elif age >= 3:
            care = ChildCare.KITA if random() < 0.65 else ChildCare.NONE
        elif age >= 1:
            roll = random()
            care = (
                ChildCare.KITA
                if roll < 0.30
                else ChildCare.CHILDMINDER
                if roll < 0.45
                else ChildCare.NONE
            )
        make = self.make
        self.members.append(make.member(person=p, marital_status=_UNMARRIED, child_care=care))
        for parent in parents:
            self.relationships.append(make.relationship(person=p.id, kind=_CHILD, of=parent))

    def children(self, parents: list[str], parent_age: int, count: int) -> None:
        oldest = max(0, min(17, parent_age - 18)) + 1
        random = self.d.random
        for _ in range(count):
            self.child(int(random() * oldest), parents)

    def household(self) -> Household:
        d = self.d
        ends = d.approval_end(int(d.random() * 12)) if d.approval_known else None
        return self.make.household(
            id=self.id,
            members=tuple(self.members),
            relationships=tuple(self.relationships),
            approval_period_ends_on=ends,
        )


def draw_household(
    d: Draw,
    household_id: str,
    next_person: Callable[[], str],
    *,
    make: Makers,
    issued: list[int],
) -> Household:
    """The household ``synthetic.draw_household(d, household_id, next_person, make=make)``
    draws, from the same draws; appends to *issued* the last day (an ordinal) a member's
    document was first issued (0 when nobody has one yet)."""
    b = _Household(d, household_id, next_person, make)
    random = d.random
    kind = d.weighted(_HOUSEHOLD_KINDS)
    if kind == "single_parent":
        female = random() < 0.95
        age = d.adult_age(22, 50, 35)
        parent = b.adult(age, _FEMALE if female else _MALE, mother_marital_status(d), True)
        b.children([parent], age, child_count(d))
    elif kind == "two_parents":
        age = d.adult_age(25, 50, 36)
        mother = b.adult(age, _FEMALE, _MARRIED, True)
        father = b.adult(min(age + int(random() * 9), 64), _MALE, _MARRIED)
        b.relate(father, _SPOUSE, mother)
        b.children([mother, father], age, max(child_count(d), 3 if random() < 0.5 else 1))
    elif kind == "three_generations":
        age = d.adult_age(24, 45, 33)
        mother = b.adult(age, _FEMALE, mother_marital_status(d), True)
        grandmother = b.adult(
            min(age + 20 + int(random() * 11), 85),
            _FEMALE,
            _WIDOWED if random() < 0.5 else _MARRIED,
        )
        b.relate(grandmother, _PARENT, mother)
        b.children([mother], age, child_count(d))
    elif kind == "single_adult":
        age = d.adult_age(18, 64, 30)
        sex = _FEMALE if random() < 0.75 else _MALE
        b.adult(age, sex, _UNMARRIED if random() < 0.5 else _MARRIED)
    elif kind == "older":
        couple = random() < 0.3
        age = d.adult_age(60, 85, 68)
        sex = _FEMALE if couple or random() < 0.7 else _MALE
        first = b.adult(age, sex, _MARRIED if couple or random() < 0.4 else _WIDOWED)
        if couple:
            partner = b.adult(d.adult_age(60, 85, 70), _MALE, _MARRIED)
            b.relate(partner, _SPOUSE, first)
    else:  # parent_with_adult_child
        age = d.adult_age(40, 60, 47)
        parent = b.adult(age, _FEMALE, mother_marital_status(d))
        b.child(18 + int(random() * 7), [parent])
        if random() < 0.5:
            b.child(int(random() * 15), [parent])
    issued.append(b.issued)
    return b.household()
