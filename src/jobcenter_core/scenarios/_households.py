"""
Engine: synthetic households drawn as
:func:`~jobcenter_core.scenarios.synthetic.draw_household` draws them, for the national
partitions' loop.

The readable generator is a :class:`~jobcenter_core.scenarios.builder.HouseholdBuilder`
whose every fact is a method (a person's document, birth day, languages, work capacity,
care) calling the :class:`~jobcenter_core.scenarios.draws.Draw`'s methods; a household
of three is about a hundred calls. The engine makes the same draws in the same order,
with each person's facts drawn in one function body and the draws written out
(``random() < p`` for a chance, ``low + int(random() * n)`` for a whole number, as the
``Draw`` methods compute them), and makes the same values with the caller's makers. One
:class:`Households` serves a whole partition and keeps what its households share: the
language lists by the draws that chose them, the residence statuses by day.

``tests/scenarios/test_engine_households.py`` checks it against ``draw_household`` with
the public constructors: equal households, and the same draws consumed.
"""

from __future__ import annotations

from pendulum import Date

from jobcenter_core.households import (
    ChildCare,
    Household,
    MaritalStatus,
    Member,
    Relationship,
    RelationshipKind,
)
from jobcenter_core.languages import LanguageSkill
from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex
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

__all__ = ["Households"]

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


def _pairs(native: str, other: int, english: int, german: int) -> tuple[str, ...]:
    """The ``(language, level, …)`` pairs builder._languages makes from these draws."""
    pairs: tuple[str, ...] = (native, "native")
    if other:
        pairs += ("ru" if native == "uk" else "uk", "C1" if other == 1 else "B2")
    if english:
        pairs += ("en", _EN_LEVELS[english - 1])
    if german:
        pairs += ("de", _DE_LEVELS[german - 1])
    return pairs


class Households:
    """
    Draws one partition's households from *d*, one at a time, with person ids
    ``<prefix>0000001``, ``<prefix>0000002``, … (as ``person_ids`` numbers them); keeps the values they share (language lists by the draws that chose
    them, residence statuses by day) and, in :attr:`issued`, the last day (an ordinal) a
    household's documents were first issued, household by household (0: none yet), and
    in :attr:`primary_carers` the ids of the primary carers, in the order drawn.
    """

    __slots__ = (
        "_births",
        "_days",
        "_fictions",
        "_languages",
        "_no_document",
        "_permits",
        "arrival",
        "d",
        "issued",
        "last_issued",
        "make",
        "members",
        "native",
        "persons",
        "prefix",
        "primary_carers",
        "relationships",
    )

    def __init__(self, d: Draw, prefix: str, *, make: Makers) -> None:
        self.d = d
        self.prefix = prefix
        self.persons = 0  # the persons drawn so far
        self.make = make
        self.issued: list[int] = []
        self.primary_carers: list[str] = []
        self.members: list[Member] = []
        self.relationships: list[Relationship] = []
        self.arrival = 0
        self.native = "uk"
        self.last_issued = 0
        self._languages: dict[int, tuple[LanguageSkill, ...]] = {}
        self._births: dict[int, tuple[int, int]] = {}  # Draw.birth_span by age
        self._days: dict[int, Date] = {}  # the identity registrations' days, from d.date
        self._fictions: dict[int, ResidenceStatus] = {}
        self._permits: dict[int, ResidenceStatus] = {}
        self._no_document = d.residence(_NONE, None)

    def draw(self, household_id: str) -> Household:
        """The household ``synthetic.draw_household(d, household_id, next_person,
        make=make)`` draws from the same draws, *next_person* numbering the persons as
        this does."""
        d = self.d
        random = d.random
        # HouseholdBuilder.__init__: the native language and the arrival
        self.native = "uk" if random() < 0.65 else "ru"
        on = d.on_ordinal
        last = min(_FIRST_WAVE_END, on - 1)
        if last < _FIRST_ARRIVALS:
            last = _FIRST_ARRIVALS
        if on - 14 > _FIRST_WAVE_END and random() < 0.2:
            self.arrival = _FIRST_WAVE_END + 1 + int(random() * (on - 14 - _FIRST_WAVE_END))
        else:
            self.arrival = _FIRST_ARRIVALS + int(random() * (last - _FIRST_ARRIVALS + 1))
        self.last_issued = 0
        _build(self, d, d.weighted(_HOUSEHOLD_KINDS))
        # HouseholdBuilder.household
        ends = d.approval_end(int(random() * 12)) if d.approval_known else None
        household = self.make.household(
            id=household_id,
            members=tuple(self.members),
            relationships=tuple(self.relationships),
            approval_period_ends_on=ends,
        )
        self.members.clear()
        self.relationships.clear()
        self.issued.append(self.last_issued)
        return household

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
            status = self._no_document
        else:
            shared = self._fictions if roll < 0.28 else self._permits
            found = shared.get(issued)
            if found is None:
                found = shared[issued] = d.residence(_FICTION if roll < 0.28 else _PERMIT, issued)
            status = found
            if issued > self.last_issued:
                self.last_issued = issued
        registered_on = None
        registered = age >= 14 and random() < 0.92
        if registered:
            day = issued - int(random() * 21)
            if day < _WAR_BEGAN:
                day = _WAR_BEGAN
            registered_on = self._days.get(day)
            if registered_on is None:
                registered_on = self._days[day] = d.date(day)
        # Draw.birth
        span = self._births.get(age)
        if span is None:
            span = self._births[age] = d.birth_span(age)
        born = span[0] + int(random() * span[1])
        if born > arrival:
            born = arrival
        # the languages (builder._languages), known by the draws that chose them
        native = self.native
        if age < 10:
            code = 1 if native == "uk" else 0
            languages = self._languages.get(code)
            if languages is None:
                languages = self._languages[code] = d.skills((native, "native"))
        else:
            other = english = german = 0
            if random() < (0.6 if native == "uk" else 0.25):
                other = 1 if random() < 0.5 else 2
            if random() < 0.3:
                english = 1 + int(random() * 5)
            if random() < 0.14:
                german = 1 + int(random() * 6)
            code = 2 + (((1 if native == "uk" else 0) * 3 + other) * 6 + english) * 7 + german
            languages = self._languages.get(code)
            if languages is None:
                languages = self._languages[code] = d.skills(_pairs(native, other, english, german))
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
        self.persons += 1
        return self.make.person(
            id=f"{self.prefix}{self.persons:07d}",
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
        if primary_carer:
            self.primary_carers.append(p.id)
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


def _build(b: Households, d: Draw, kind: str) -> None:
    """The members of a household of *kind*: synthetic._build, its draws written out."""
    random = d.random
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
