"""
Scenarios: seeded synthetic caseloads and the Bocholt June 2022 story as data.

:func:`synthetic_caseload` draws households shaped like the ones the press release
describes (mothers aged 25–50 with their children, Ukrainian and Russian speakers with
little German, § 24 permits and Fiktionsbescheinigungen issued around the 2022 switch),
from a private :class:`random.Random` seeded by the caller: the same seed gives equal
values, and nothing global is touched. It scales from ten to a million persons.

>>> import pendulum
>>> a = synthetic_households(households=3, seed=7, on=pendulum.date(2022, 6, 21))
>>> a == synthetic_households(households=3, seed=7, on=pendulum.date(2022, 6, 21))
True
>>> len(a), a[0].id
(3, 'h-0000001')
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import attrs
import pendulum
from pendulum import Date

from jobcenter_core.caseload import Caseload
from jobcenter_core.coaching import Coach, CoachingProgramme, Delivery, Mobility
from jobcenter_core.consultations import (
    Caseworker,
    Consultation,
    Interpreter,
    record_consultation,
)
from jobcenter_core.dates import (
    TimeWindow,
    add_months,
    as_date,
    at_berlin,
    completed_years,
    days_in_month,
    end_of_month,
)
from jobcenter_core.enrolment import Registration
from jobcenter_core.households import (
    ChildCare,
    Household,
    MaritalStatus,
    Member,
    Relationship,
    RelationshipKind,
)
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.needs import (
    Evidence,
    EvidenceKind,
    Finding,
    Need,
    NeedCategory,
    NeedsProfile,
    NeedStatus,
    Observation,
    Urgency,
)
from jobcenter_core.offers import (
    Candidate,
    Employable,
    GroupOffer,
    Session,
    Venue,
    WantsWorkAtShortNotice,
    all_of,
)
from jobcenter_core.people import (
    Person,
    ResidenceDocument,
    ResidenceStatus,
    Sex,
    WorkCapacity,
)

__all__ = [
    "BOCHOLT_DAY",
    "FIRST_SESSION",
    "INTEGRATION_CENTRE",
    "SECOND_SESSION",
    "TRAINING_SESSION",
    "WERKAKADEMIE",
    "YUPIDU",
    "Scenario",
    "bocholt_caseworkers",
    "bocholt_households",
    "bocholt_interpreters",
    "bocholt_june_2022",
    "synthetic_caseload",
    "synthetic_households",
    "synthetic_scenario",
]

T = TypeVar("T")

_WAR_BEGAN = pendulum.date(2022, 2, 24)
"""Permits under § 24 AufenthG were issued for arrivals from this day on."""
_FIRST_WAVE_END = pendulum.date(2022, 6, 30)
"""Most of the caseload arrived before the end of June 2022."""
_CATCH_UP_UNTIL = pendulum.date(2022, 5, 31).toordinal()
_BOCHOLT_ARRIVALS = (pendulum.date(2022, 3, 5).toordinal(), pendulum.date(2022, 5, 20).toordinal())

# --- documented distributions ----------------------------------------------------------

_HOUSEHOLD_KINDS: tuple[tuple[str, float], ...] = (
    ("single_parent", 0.50),
    ("two_parents", 0.10),
    ("three_generations", 0.12),
    ("single_adult", 0.15),
    ("older", 0.08),
    ("parent_with_adult_child", 0.05),
)
_CHILD_COUNTS: tuple[tuple[int, float], ...] = ((1, 0.45), (2, 0.35), (3, 0.15), (4, 0.05))


def _cumulative(table: Sequence[tuple[object, float]]) -> list[float]:
    total = 0.0
    out = []
    for _, weight in table:
        total += weight
        out.append(total)
    return out


def _same_day_years_before(on: Date, years: int) -> Date:
    """The day *years* years before *on* (28 February for 29 February in a common year)."""
    year = on.year - years
    return pendulum.date(year, on.month, min(on.day, days_in_month(year, on.month)))


_DOCUMENT_CODES = {document: i for i, document in enumerate(ResidenceDocument)}

_NO_DOCUMENT = ResidenceDocument.NONE
_FICTION = ResidenceDocument.FICTION_CERTIFICATE
_PERMIT = ResidenceDocument.TEMPORARY_PROTECTION_PERMIT
_WAR_BEGAN_ORDINAL = _WAR_BEGAN.toordinal()


class _Draw:
    """Every random choice of the generator, from one private ``random.Random``."""

    def __init__(self, seed: int | str, on: Date) -> None:
        self.rng = random.Random(seed)
        self.random = self.rng.random
        self._approval_ends: dict[int, Date] = {}
        self._birth_spans: dict[int, tuple[int, int]] = {}
        self._residences: dict[int, ResidenceStatus] = {}
        self.on = on
        self.on_ordinal = on.toordinal()
        self.approval_known = on >= pendulum.date(2022, 6, 1)
        self._dates: dict[int, Date] = {}
        self._skills: dict[tuple[str, ...], tuple[LanguageSkill, ...]] = {}
        self._kinds = [k for k, _ in _HOUSEHOLD_KINDS]
        self._kind_cum = _cumulative(_HOUSEHOLD_KINDS)
        self._counts = [k for k, _ in _CHILD_COUNTS]
        self._count_cum = _cumulative(_CHILD_COUNTS)

    def date(self, ordinal: int) -> Date:
        found = self._dates.get(ordinal)
        if found is None:
            found = self._dates[ordinal] = Date.fromordinal(ordinal)
        return found

    def chance(self, p: float) -> bool:
        return self.random() < p

    def below(self, n: int) -> int:
        """A whole number in ``[0, n)`` (faster than ``randrange`` for this use)."""
        return int(self.random() * n)

    def between(self, low: int, high: int) -> int:
        """A whole number in ``[low, high]``."""
        return low + int(self.random() * (high - low + 1))

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def kind(self) -> str:
        return self._kinds[bisect.bisect(self._kind_cum, self.random() * self._kind_cum[-1])]

    def child_count(self) -> int:
        return self._counts[bisect.bisect(self._count_cum, self.random() * self._count_cum[-1])]

    def birth(self, age: int) -> int:
        """A birth day (ordinal) on which one has completed exactly *age* years on ``on``."""
        span = self._birth_spans.get(age)
        if span is None:
            latest = _same_day_years_before(self.on, age).toordinal()
            earliest = _same_day_years_before(self.on, age + 1).toordinal() + 1
            span = self._birth_spans[age] = (earliest, latest - earliest + 1)
        return span[0] + int(self.random() * span[1])

    def adult_age(self, low: int, high: int, mode: float) -> int:
        return int(self.rng.triangular(low, high + 0.999, mode))

    def approval_end(self, months: int) -> Date:
        """The end of an approval period ending *months* months after ``on``."""
        found = self._approval_ends.get(months)
        if found is None:
            found = self._approval_ends[months] = end_of_month(add_months(self.on, months))
        return found

    def residence(self, document: ResidenceDocument, issued: int | None) -> ResidenceStatus:
        """The (shared) residence status of *document* first issued on day *issued*."""
        key = _DOCUMENT_CODES[document] + (0 if issued is None else 4 * issued)
        found = self._residences.get(key)
        if found is None:
            found = self._residences[key] = ResidenceStatus(
                document=document, first_issued_on=None if issued is None else self.date(issued)
            )
        return found

    def skills(self, pairs: tuple[str, ...]) -> tuple[LanguageSkill, ...]:
        """Language skills from ``(language, level, language, level, …)``, shared."""
        found = self._skills.get(pairs)
        if found is None:
            found = self._skills[pairs] = tuple(
                LanguageSkill(language=pairs[i], level=CefrLevel(pairs[i + 1]))
                for i in range(0, len(pairs), 2)
            )
        return found


_EN_LEVELS = ("A2", "A2", "B1", "B1", "B2")
_DE_LEVELS = ("A1", "A1", "A1", "A2", "A2", "B1")


def _languages(d: _Draw, native: str, age: int) -> tuple[LanguageSkill, ...]:
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


def _arrival(d: _Draw) -> int:
    """The household's arrival day (an ordinal): 80 % in the first wave, the rest later."""
    first_start = _WAR_BEGAN.toordinal() + 5
    first_end = min(_FIRST_WAVE_END.toordinal(), d.on_ordinal - 1)
    if first_end < first_start:
        first_end = first_start
    if d.on_ordinal - 14 > _FIRST_WAVE_END.toordinal() and d.chance(0.2):
        return d.between(_FIRST_WAVE_END.toordinal() + 1, d.on_ordinal - 14)
    return d.between(first_start, first_end)


class _Builder:
    """
    Builds one household's members and relationships.

    In *controlled* mode (the Bocholt scenario) documents, identity registrations and
    work capacities are what the caller says; otherwise they are drawn.
    """

    def __init__(
        self,
        d: _Draw,
        household_id: str,
        next_person: Callable[[], str],
        *,
        controlled: bool = False,
    ) -> None:
        self.d = d
        self.household_id = household_id
        self.next_person = next_person
        self.controlled = controlled
        self.members: list[Member] = []
        self.relationships: list[Relationship] = []
        self.native = "uk" if d.chance(0.65) else "ru"
        if controlled:
            self.arrival = d.between(_BOCHOLT_ARRIVALS[0], _BOCHOLT_ARRIVALS[1])
        else:
            self.arrival = _arrival(d)

    def residence(
        self, age: int, registered: bool
    ) -> tuple[ResidenceStatus | None, bool, Date | None]:
        d = self.d
        random = d.random
        issued = self.arrival + int(random() * 40)
        if issued > d.on_ordinal:
            issued = d.on_ordinal
        roll = random()
        if roll < 0.05 and not self.controlled:
            status = d.residence(_NO_DOCUMENT, None)
        elif roll < 0.28:
            status = d.residence(_FICTION, issued)
        else:
            status = d.residence(_PERMIT, issued)
        if self.controlled:
            if not registered and age >= 14:
                # made up later: the permit falls in the § 74 catch-up window
                status = d.residence(status.document, min(issued, _CATCH_UP_UNTIL))
            registered = registered and age >= 14
        else:
            registered = age >= 14 and random() < 0.92
        if registered:
            day = issued - int(random() * 21)
            return status, True, d.date(day if day > _WAR_BEGAN_ORDINAL else _WAR_BEGAN_ORDINAL)
        return status, False, None

    def capacity(self, age: int, hours: float | None) -> WorkCapacity | None:
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
        return WorkCapacity(hours_per_day=hours, assessed_on=d.date(assessed))

    def person(
        self, *, age: int, sex: Sex, hours: float | None = None, registered: bool = True
    ) -> Person:
        d = self.d
        status, is_registered, registered_on = self.residence(age, registered)
        born = d.birth(age)
        if born > self.arrival:
            born = self.arrival  # everybody was born before the household arrived
        return Person(
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
        p = self.person(age=age, sex=sex, hours=hours, registered=registered)
        self.members.append(Member(person=p, marital_status=marital, primary_carer=primary_carer))
        return p.id

    def care(self, age: int) -> ChildCare | None:
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
        p = self.person(age=age, sex=Sex.FEMALE if self.d.random() < 0.5 else Sex.MALE)
        self.members.append(
            Member(
                person=p,
                marital_status=MaritalStatus.UNMARRIED,
                child_care=self.care(age) if care is None else care,
            )
        )
        for parent in parents:
            self.relationships.append(
                Relationship(person=p.id, kind=RelationshipKind.CHILD, of=parent)
            )
        return p.id

    def children(
        self, parents: Sequence[str], parent_age: int, count: int, *, oldest: int = 17
    ) -> None:
        oldest = max(0, min(oldest, parent_age - 18))
        for _ in range(count):
            self.child(age=self.d.between(0, oldest), parents=parents)

    def household(self) -> Household:
        d = self.d
        ends: Date | None = None
        if d.approval_known:
            ends = d.approval_end(int(d.random() * 12))
        return Household(
            id=self.household_id,
            members=tuple(self.members),
            relationships=tuple(self.relationships),
            approval_period_ends_on=ends,
        )


_MOTHER_MARITAL = (
    (MaritalStatus.MARRIED, 0.55),
    (MaritalStatus.DIVORCED, 0.20),
    (MaritalStatus.UNMARRIED, 0.15),
    (MaritalStatus.WIDOWED, 0.10),
)


def _marital(d: _Draw, table: Sequence[tuple[MaritalStatus, float]]) -> MaritalStatus:
    roll = d.random()
    for status, weight in table:
        roll -= weight
        if roll < 0:
            return status
    return table[-1][0]


def _build(b: _Builder, kind: str) -> None:
    d = b.d
    if kind == "single_parent":
        female = d.chance(0.95)
        age = d.adult_age(22, 50, 35)
        parent = b.adult(
            age=age,
            sex=Sex.FEMALE if female else Sex.MALE,
            marital=_marital(d, _MOTHER_MARITAL),
            primary_carer=True,
        )
        b.children([parent], age, d.child_count())
    elif kind == "two_parents":
        age = d.adult_age(25, 50, 36)
        mother = b.adult(age=age, sex=Sex.FEMALE, marital=MaritalStatus.MARRIED, primary_carer=True)
        father = b.adult(
            age=min(age + d.between(0, 8), 64), sex=Sex.MALE, marital=MaritalStatus.MARRIED
        )
        b.relationships.append(Relationship(person=father, kind=RelationshipKind.SPOUSE, of=mother))
        b.children([mother, father], age, max(d.child_count(), 3 if d.chance(0.5) else 1))
    elif kind == "three_generations":
        age = d.adult_age(24, 45, 33)
        mother = b.adult(
            age=age, sex=Sex.FEMALE, marital=_marital(d, _MOTHER_MARITAL), primary_carer=True
        )
        grandmother = b.adult(
            age=min(age + d.between(20, 30), 85),
            sex=Sex.FEMALE,
            marital=MaritalStatus.WIDOWED if d.chance(0.5) else MaritalStatus.MARRIED,
        )
        b.relationships.append(
            Relationship(person=grandmother, kind=RelationshipKind.PARENT, of=mother)
        )
        b.children([mother], age, d.child_count())
    elif kind == "single_adult":
        b.adult(
            age=d.adult_age(18, 64, 30),
            sex=Sex.FEMALE if d.chance(0.75) else Sex.MALE,
            marital=MaritalStatus.UNMARRIED if d.chance(0.5) else MaritalStatus.MARRIED,
        )
    elif kind == "older":
        couple = d.chance(0.3)
        first = b.adult(
            age=d.adult_age(60, 85, 68),
            sex=Sex.FEMALE if couple or d.chance(0.7) else Sex.MALE,
            marital=MaritalStatus.MARRIED if couple or d.chance(0.4) else MaritalStatus.WIDOWED,
        )
        if couple:
            partner = b.adult(
                age=d.adult_age(60, 85, 70), sex=Sex.MALE, marital=MaritalStatus.MARRIED
            )
            b.relationships.append(
                Relationship(person=partner, kind=RelationshipKind.SPOUSE, of=first)
            )
    else:  # parent_with_adult_child
        age = d.adult_age(40, 60, 47)
        parent = b.adult(age=age, sex=Sex.FEMALE, marital=_marital(d, _MOTHER_MARITAL))
        b.child(age=d.between(18, 24), parents=[parent])
        if d.chance(0.5):
            b.child(age=d.between(0, 14), parents=[parent])


def synthetic_households(*, households: int, seed: int | str, on: Date) -> tuple[Household, ...]:
    """
    *households* synthetic refugee households as of *on*, drawn reproducibly from *seed*.

    Every draw comes from one private ``random.Random(seed)``: equal arguments give equal
    values, in any process, and no global state is read or changed. Ids are
    ``h-0000001``… and ``p-0000001``…; nobody has a name. *on* must be on or after
    2022-02-24; ages are completed years on *on*.

    The distributions, chosen to match the press release (mostly women aged 25–50 with
    children, few men of working age, § 24 documents from spring 2022):

    ======================== ===== ========================================================
    household                share members
    ======================== ===== ========================================================
    single parent            50 %  a mother (95 %) or father aged 22–50 (mode 35), children
    two parents              10 %  a mother 25–50 (mode 36), her husband 0–8 years older
                                   (at most 64), children, three or more in half of them
    three generations        12 %  a mother 24–45 (mode 33), her mother 20–30 years older
                                   (at most 85), children
    single adult             15 %  a woman (75 %) or man aged 18–64 (mode 30)
    older                     8 %  a person 60–85 (mode 68, 70 % women), in 30 % of them
                                   with a husband 60–85
    parent with adult child   5 %  a mother 40–60 (mode 47), a child 18–24, in half of
                                   them a child 0–14
    ======================== ===== ========================================================

    * **Children** per parent: 1 (45 %), 2 (35 %), 3 (15 %), 4 (5 %), aged uniformly 0
      to the parent's age minus 18 (at most 17), girls and boys alike. **Care**: 6–17
      school (95 %) or none; 3–5 Kita (65 %) or none; 1–2 Kita (30 %), childminder
      (15 %) or none; under 1 none. The mothers are marked as the primary carers.
    * **Languages**: the household speaks Ukrainian (65 %) or Russian (35 %) natively;
      from age 10 each person also speaks the other one at B2 or C1 (60 % of the
      Ukrainian, 25 % of the Russian speakers), English at A2–B2 (30 %) and German at
      A1–B1 (14 %, mostly A1 or A2).
    * **Arrival and documents**: a household arrives on a day uniform between 2022-03-01
      and 2022-06-30 (or *on*); when *on* is later than mid-July 2022, 20 % arrive
      uniformly between 2022-07-01 and two weeks before *on* instead. Nobody is born
      after the arrival. Each person's document is first issued 0–39 days after the
      arrival (never after *on*): a § 24 permit (72 %), a Fiktionsbescheinigung (23 %)
      or none yet (5 %). From age 14, 92 % have the identity registration, 0–20 days
      before the document; 97 % are stored in the central register.
    * **Work capacity** of adults: not assessed (85 %; 60 % from age 65), assessed at 6
      or 8 hours a day (10 %), or at 1.5–2.5 hours (5 %; 30 % from age 65), that is not
      able to work in the sense of SGB II § 8.
    * **Marital status** of mothers: married (55 %, the husband mostly still in
      Ukraine), divorced (20 %), unmarried (15 %), widowed (10 %).
    * **Approval period** (from *on* = 2022-06-01): ends at the end of a month 0–11
      months after *on*.

    >>> hs = synthetic_households(households=2, seed=1, on=pendulum.date(2022, 6, 21))
    >>> [len(h.members) for h in hs] == [len(h.members) for h in
    ...     synthetic_households(households=2, seed=1, on=pendulum.date(2022, 6, 21))]
    True

    References:
        AufenthG § 24 Abs. 1, § 81 Abs. 5, § 49; SGB II § 8 Abs. 1, § 74.
    """
    on = as_date(on)
    if households < 0:
        raise ValueError("'households' must be >= 0")
    if on < _WAR_BEGAN:
        raise ValueError("'on' must be on or after 2022-02-24")
    d = _Draw(seed, on)
    counter = 0

    def next_person() -> str:
        nonlocal counter
        counter += 1
        return f"p-{counter:07d}"

    out: list[Household] = []
    for n in range(1, households + 1):
        b = _Builder(d, f"h-{n:07d}", next_person)
        _build(b, d.kind())
        out.append(b.household())
    return tuple(out)


# --- needs found in consultations ------------------------------------------------------

_CONSULTATIONS_FROM = pendulum.date(2022, 5, 23)
"""Individual consultations began in late May 2022 (the press release: "seit Ende Mai")."""

_ADULT_NEEDS: tuple[tuple[NeedCategory, float], ...] = (
    (NeedCategory.PSYCHOSOCIAL_SUPPORT, 0.20),
    (NeedCategory.PSYCHOLOGICAL_COUNSELLING, 0.08),
    (NeedCategory.GERMAN_LANGUAGE, 0.85),
    (NeedCategory.LIVING_AND_WORKING_IN_GERMANY, 0.50),
    (NeedCategory.RECOGNITION_OF_QUALIFICATIONS, 0.15),
    (NeedCategory.APPLICATION_SUPPORT, 0.20),
    (NeedCategory.EMPLOYMENT, 0.60),
)
"""Needs of each adult of working age (18–64), with their probabilities."""

_HOUSEHOLD_NEEDS: tuple[tuple[NeedCategory, float], ...] = (
    (NeedCategory.HOUSING, 0.10),
    (NeedCategory.TRANSLATION_SERVICES, 0.35),
    (NeedCategory.PUBLIC_TRANSPORT, 0.30),
    (NeedCategory.SOCIAL_DEPARTMENT_STORE, 0.25),
)
"""Needs of the whole household, with their probabilities."""

_Drawn = tuple[str, NeedCategory, Urgency]
"""A drawn finding: (subject, category, urgency)."""


def _draw_findings(
    d: _Draw, household: Household, adult_needs: Sequence[tuple[NeedCategory, float]] = _ADULT_NEEDS
) -> list[_Drawn]:
    """What a first consultation finds in *household*: (subject, category, urgency)."""
    random = d.random
    out: list[_Drawn] = []
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
    for category, p in _HOUSEHOLD_NEEDS:
        if random() < p:
            out.append((household.id, category, Urgency.LOW if random() < 0.2 else Urgency.NORMAL))
    if children and random() < 0.40:
        out.append((household.id, NeedCategory.CHILDREN_LEISURE, Urgency.NORMAL))
    if school_children and random() < 0.70:
        out.append((household.id, NeedCategory.SCHOOL_SYSTEM, Urgency.NORMAL))
    return out


def _synthetic_profile(d: _Draw, household: Household, number: int) -> NeedsProfile | None:
    """The needs one consultation found, on a day in the 90 days before ``on`` and after
    the household's documents were issued (``None`` when there was none yet)."""
    earliest = _CONSULTATIONS_FROM.toordinal()
    for member in household.members:
        residence = member.person.residence
        if residence is not None and residence.first_issued_on is not None:
            earliest = max(earliest, residence.first_issued_on.toordinal())
    if earliest > d.on_ordinal:
        return None
    findings = _draw_findings(d, household)
    if not findings:
        return None
    day = d.date(max(earliest, d.on_ordinal - d.below(90)))
    by = Evidence(kind=EvidenceKind.CONSULTATION, id=f"c-{number:07d}")
    trails: list[tuple[Urgency, tuple[Observation, ...]]] = []  # one per urgency, shared
    needs = []
    for subject, category, urgency in findings:
        trail = next((t for known, t in trails if known is urgency), None)
        if trail is None:
            trail = (Observation(on=day, by=by, urgency=urgency, status=NeedStatus.OPEN),)
            trails.append((urgency, trail))
        needs.append(
            Need(
                subject=subject,
                category=category,
                urgency=urgency,
                identified_on=day,
                identified_by=by,
                trail=trail,
            )
        )
    return NeedsProfile(household_id=household.id, needs=needs)


def synthetic_caseload(
    *, households: int, seed: int | str, on: Date, with_needs: bool = True
) -> Caseload:
    """
    A seeded synthetic :class:`~jobcenter_core.caseload.Caseload` of *households*
    households as of *on*, with the needs a first consultation found (unless
    *with_needs* is false, which is about twice as fast).

    The households are those of :func:`synthetic_households` with the same arguments.
    Each household has one consultation on a day in the 90 days before *on*, not before
    2022-05-23 (when the consultations began) nor before its documents were issued; it
    finds needs in the categories the press release names:

    * each adult aged 18–64: psychosocial support 20 % (acute 10 %, high 30 % of
      those), psychological counselling 8 %, German 85 % (unless at B1 already; high
      30 %), "living and working in Germany" 50 %, recognition of qualifications 15 %,
      application support 20 % (high 50 %), employment 60 %;
    * each person aged 15–24: the vocational training system 40 %; aged 65 and over:
      psychosocial support 20 %;
    * each child under 14 without a care place: childcare (high urgency);
    * the household: housing 10 %, translation services 35 %, public transport 30 %,
      social department store 25 % (each low urgency in 20 %), leisure for children
      40 % (with children), the school system 70 % (with children at school).

    >>> on = pendulum.date(2022, 6, 21)
    >>> caseload = synthetic_caseload(households=140, seed=2022, on=on)
    >>> caseload
    Caseload(households=140, persons=..., profiles=...)
    >>> caseload == synthetic_caseload(households=140, seed=2022, on=on)
    True

    References:
        SGB II § 16, § 16a; AufenthG § 44a; BQFG.
    """
    homes = synthetic_households(households=households, seed=seed, on=on)
    if not with_needs:
        return Caseload(households=homes)
    d = _Draw(f"{seed}/needs", as_date(on))
    profiles = []
    for number, household in enumerate(homes, start=1):
        profile = _synthetic_profile(d, household, number)
        if profile is not None:
            profiles.append(profile)
    return Caseload(households=homes, profiles=profiles)


# --- Bocholt, June 2022 ---------------------------------------------------------------

BOCHOLT_DAY = pendulum.date(2022, 6, 21)
"""The reference day of the Bocholt scenario: the first "Leben und Arbeiten" session."""

_BOCHOLT_COMPOSITION: tuple[tuple[str, int], ...] = (
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


def _bocholt_household(b: _Builder, kind: str, index: int) -> None:
    d = b.d
    if kind == "mother_young_children":
        age = d.adult_age(25, 45, 34)
        mother = b.adult(
            age=age, sex=Sex.FEMALE, marital=_marital(d, _MOTHER_MARITAL), primary_carer=True
        )
        count = d.child_count()
        if index < _WITHOUT_CARE_PLACE:
            b.child(age=d.between(1, 5), parents=[mother], care=ChildCare.NONE)
            count -= 1
        b.children([mother], age, count, oldest=14)
    elif kind == "mother_with_teen":
        age = d.adult_age(35, 50, 42)
        mother = b.adult(
            age=age, sex=Sex.FEMALE, marital=_marital(d, _MOTHER_MARITAL), primary_carer=True
        )
        b.child(age=d.between(15, 17), parents=[mother], care=ChildCare.SCHOOL)
        b.children([mother], age, d.below(3), oldest=14)
    elif kind == "three_generations":
        age = d.adult_age(25, 40, 32)
        mother = b.adult(
            age=age, sex=Sex.FEMALE, marital=_marital(d, _MOTHER_MARITAL), primary_carer=True
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
        parent = b.adult(age=age, sex=Sex.FEMALE, marital=_marital(d, _MOTHER_MARITAL))
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
    d = _Draw("bocholt-2022-06", BOCHOLT_DAY)
    counter = 0

    def next_person() -> str:
        nonlocal counter
        counter += 1
        return f"p-{counter:04d}"

    out: list[Household] = []
    for kind, count in _BOCHOLT_COMPOSITION:
        for index in range(count):
            b = _Builder(d, f"h-{len(out) + 1:03d}", next_person, controlled=True)
            _bocholt_household(b, kind, index)
            out.append(b.household())
    return tuple(out)


# --- Bocholt: the job centre's people, the consultations, the offers --------------------

_BOCHOLT_ADULT_NEEDS: tuple[tuple[NeedCategory, float], ...] = (
    (NeedCategory.PSYCHOSOCIAL_SUPPORT, 0.20),
    (NeedCategory.PSYCHOLOGICAL_COUNSELLING, 0.08),
    (NeedCategory.GERMAN_LANGUAGE, 0.90),
    (NeedCategory.LIVING_AND_WORKING_IN_GERMANY, 0.26),
    (NeedCategory.RECOGNITION_OF_QUALIFICATIONS, 0.15),
    (NeedCategory.APPLICATION_SUPPORT, 0.12),
    (NeedCategory.EMPLOYMENT, 0.60),
)
"""As :data:`_ADULT_NEEDS`, tuned so that about 38 people ask for the first group offer."""

_HOLIDAYS_NRW_2022 = frozenset(
    {pendulum.date(2022, 5, 26), pendulum.date(2022, 6, 6), pendulum.date(2022, 6, 16)}
)
"""Ascension Day, Whit Monday and Corpus Christi: public holidays in NRW."""

_SLOT_HOURS: tuple[int, ...] = (8, 9, 10, 11, 13, 14, 15, 8, 10, 14)
"""The ten consultation slots of a day at the job centre (an hour each, some in parallel)."""

INTEGRATION_CENTRE = "Kommunales Integrationszentrum Kreis Borken"
"""The provider of the interpreters (*Sprachmittler*) in the Bocholt scenario."""


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
    days = _working_days(_CONSULTATIONS_FROM, pendulum.date(2022, 6, 30))
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


def _spoken(person: Person) -> str:
    """The language a consultation is held in from the person's side: the best non-German."""
    others = [s for s in person.languages if s.language != "de"]
    return max(others, key=lambda s: s.level).language if others else "de"


def _bocholt_consultations(d: _Draw, households: Sequence[Household]) -> tuple[Consultation, ...]:
    days = _working_days(_CONSULTATIONS_FROM, pendulum.date(2022, 6, 20))
    caseworkers = ("cw-1", "cw-2", "cw-3", "cw-4", "cw-5", "cw-6")
    per_day = len(_SLOT_HOURS)
    out: list[Consultation] = []
    for household in households:
        findings = _draw_findings(d, household, _BOCHOLT_ADULT_NEEDS)
        adults = [
            m.person
            for m in household.members
            if m.child_care is None and completed_years(m.person.birth_date, on=d.on) >= 18
        ]
        # every adult of working age is seen; older people only as the household's first
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
                    language=_spoken(person),
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
    by_household: dict[str, NeedsProfile] = {
        h.id: NeedsProfile(household_id=h.id) for h in households
    }
    for c in consultations:
        by_household[c.household_id] = record_consultation(by_household[c.household_id], c)
    return tuple(p for p in by_household.values() if p.needs)


YUPIDU = Venue(name="Zentrale Unterkunft (ehemaliges Yupidu)", address="Bocholt")
"""The central accommodation in the former "Yupidu" building, where group events were held."""

WERKAKADEMIE = Venue(name="Werkakademie, Jobcenter Bocholt", address="Bocholt")
"""The rooms of the Werkakademie team at the job centre."""


def _session(ident: str, day: Date, hours: tuple[int, int], venue: Venue, capacity: int) -> Session:
    return Session(
        id=ident,
        start=at_berlin(day.year, day.month, day.day, hours[0]),
        end=at_berlin(day.year, day.month, day.day, hours[1]),
        venue=venue,
        capacity=capacity,
    )


FIRST_SESSION = _session("lad-2022-06-21", pendulum.date(2022, 6, 21), (9, 12), YUPIDU, 20)
"""The first "Leben und Arbeiten in Deutschland" session: 21 June 2022, 20 seats."""

SECOND_SESSION = _session("lad-2022-06-30", pendulum.date(2022, 6, 30), (9, 12), YUPIDU, 20)
"""The session added because demand was so high: 30 June 2022, 20 seats."""

TRAINING_SESSION = _session("bt-2022-07-05", pendulum.date(2022, 7, 5), (9, 13), WERKAKADEMIE, 12)
"""The application training (*Bewerbungstraining*): 5 July 2022, 12 seats."""


def _registrations_for(
    offer: GroupOffer,
    consultations: Sequence[Consultation],
    category: NeedCategory,
    prefix: str,
    preferences: tuple[str, ...],
) -> tuple[Registration, ...]:
    """The case workers register whoever a consultation found the *category* need for,
    10 minutes after the consultation; ids follow the instants."""
    made: list[tuple[pendulum.DateTime, str, str]] = []
    seen: set[str] = set()
    for c in consultations:
        for f in c.findings:
            if f.category is category and f.subject not in seen:
                seen.add(f.subject)
                made.append((c.window.end.add(minutes=10), f.subject, c.caseworker_id))
    made.sort()
    return tuple(
        Registration(
            id=f"{prefix}-{n:03d}",
            person_id=person_id,
            offer_id=offer.id,
            preferences=preferences,
            registered_at=at,
            registered_by=caseworker,
        )
        for n, (at, person_id, caseworker) in enumerate(made, start=1)
    )


def _mobility(d: _Draw, households: Sequence[Household]) -> tuple[tuple[str, Mobility], ...]:
    out: list[tuple[str, Mobility]] = []
    for h in households:
        for m in h.members:
            if m.child_care is None:
                out.append(
                    (
                        m.person.id,
                        Mobility(
                            has_transport=d.chance(0.9),
                            distance_to_centre_km=round(0.5 + d.random() * 14, 1),
                        ),
                    )
                )
    return tuple(out)


def _persons(items: Iterable[tuple[str, Mobility]]) -> tuple[tuple[str, Mobility], ...]:
    return tuple(items)


def _caseworker_tuple(items: Iterable[Caseworker]) -> tuple[Caseworker, ...]:
    return tuple(items)


def _interpreter_tuple(items: Iterable[Interpreter]) -> tuple[Interpreter, ...]:
    return tuple(items)


def _consultation_tuple(items: Iterable[Consultation]) -> tuple[Consultation, ...]:
    return tuple(items)


def _registration_tuple(items: Iterable[Registration]) -> tuple[Registration, ...]:
    return tuple(items)


def _id_set(items: Iterable[str]) -> frozenset[str]:
    return frozenset(items)


@attrs.frozen(kw_only=True, repr=False)
class Scenario:
    """
    A job centre's situation on one day, as data: the caseload with its needs, the
    people who work with it, the consultations held, and the group offers and coaching
    programme with their registrations. :func:`bocholt_june_2022` builds the one the
    press release tells.

    Attributes:
        name: a short name.
        on: the reference day.
        caseload: households and the needs profiles the consultations produced.
        caseworkers: the case workers (registrations go through them).
        interpreters: the interpreters available for consultations.
        consultations: the individual consultations held, without interpreter bookings
            (:func:`~jobcenter_core.interpreting.assign_interpreters` makes those).
        offer: the group offer "Leben und Arbeiten in Deutschland", with its first
            session only.
        registrations: the case workers' registrations for *offer*.
        second_session: the session added when the waitlist grew.
        training: the application training (*Bewerbungstraining*).
        training_registrations: the registrations for *training*.
        wants_work_at_short_notice: ids of the persons who told their case worker they
            want to take up work at short notice.
        coaching: the online individual coaching programme in Ukrainian.
        mobility: ``(person id, Mobility)`` for the adults, as asked in the
            consultations (residence details: never in ``repr``).

    ``repr`` shows counts only.

    >>> s = bocholt_june_2022()
    >>> s.household_of("p-0002").id, s.mobility_of("p-0001").has_transport
    ('h-001', True)
    >>> s.candidates()["p-0001"].wants_work_at_short_notice
    False
    """

    name: str
    on: Date = attrs.field(converter=as_date)
    caseload: Caseload
    caseworkers: tuple[Caseworker, ...] = attrs.field(converter=_caseworker_tuple)
    interpreters: tuple[Interpreter, ...] = attrs.field(converter=_interpreter_tuple)
    consultations: tuple[Consultation, ...] = attrs.field(converter=_consultation_tuple)
    offer: GroupOffer
    registrations: tuple[Registration, ...] = attrs.field(converter=_registration_tuple)
    second_session: Session
    training: GroupOffer
    training_registrations: tuple[Registration, ...] = attrs.field(converter=_registration_tuple)
    wants_work_at_short_notice: frozenset[str] = attrs.field(converter=_id_set)
    coaching: CoachingProgramme
    mobility: tuple[tuple[str, Mobility], ...] = attrs.field(converter=_persons)

    def __repr__(self) -> str:
        return (
            f"Scenario(name={self.name!r}, on={self.on}, households="
            f"{len(self.caseload.households)}, consultations={len(self.consultations)}, "
            f"registrations={len(self.registrations)})"
        )

    def persons(self) -> tuple[Person, ...]:
        """Every person of the caseload."""
        return tuple(self.caseload.persons())

    def household_of(self, person_id: str) -> Household:
        """The household *person_id* lives in; ``KeyError`` if none."""
        for h in self.caseload.households:
            if person_id in h.member_ids:
                return h
        raise KeyError(person_id)

    def mobility_of(self, person_id: str) -> Mobility:
        """What was asked about the person's mobility (not asked: both facts ``None``)."""
        for pid, mobility in self.mobility:
            if pid == person_id:
                return mobility
        return Mobility(has_transport=None, distance_to_centre_km=None)

    def candidates(self) -> dict[str, Candidate]:
        """The enrolment facts of every person, by person id (for ``allocate``)."""
        return {
            m.person.id: Candidate(
                person=m.person,
                household=h,
                wants_work_at_short_notice=m.person.id in self.wants_work_at_short_notice,
            )
            for h in self.caseload.households
            for m in h.members
        }


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
    d = _Draw("bocholt-2022-06/consultations", BOCHOLT_DAY)
    consultations = _bocholt_consultations(d, households)
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
    coaching = _coaching_programme(2)
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
        coaching=coaching,
        mobility=_mobility(_Draw("bocholt-2022-06/mobility", BOCHOLT_DAY), households),
    )


def _coaching_programme(coaches: int) -> CoachingProgramme:
    return CoachingProgramme(
        id="uk-online-coaching",
        provider="Online-Einzelcoaching (Kreis Borken)",
        languages=frozenset({"uk"}),
        delivery=Delivery.ONLINE,
        coaches=tuple(
            Coach(
                id=f"coach-{i}",
                languages=frozenset({"uk", "ru", "de"} if i % 2 else {"uk", "de"}),
                weekly_capacity=5 if i % 2 else 4,
            )
            for i in range(1, coaches + 1)
        ),
        sessions_per_coaching=4,
    )


def _synthetic_registrations(
    caseload: Caseload, offer: GroupOffer, category: NeedCategory, prefix: str
) -> tuple[Registration, ...]:
    """Registrations of everyone with an unmet *category* need, made on the day the need
    was identified (16:00 plus a few seconds each); ids follow the instants."""
    made: list[tuple[pendulum.DateTime, str, str]] = []
    for profile in caseload.profiles:
        for need in profile.needs:
            if need.category is category and need.subject != profile.household_id:
                day = need.identified_on
                n = len(made)
                at = at_berlin(day.year, day.month, day.day, 16).add(seconds=n % 7200)
                made.append((at, need.subject, f"cw-{n % 6 + 1}"))
    made.sort()
    return tuple(
        Registration(
            id=f"{prefix}-{n:07d}",
            person_id=person_id,
            offer_id=offer.id,
            registered_at=at,
            registered_by=caseworker,
        )
        for n, (at, person_id, caseworker) in enumerate(made, start=1)
    )


def _sessions(prefix: str, first_day: Date, count: int, capacity: int) -> tuple[Session, ...]:
    return tuple(
        _session(
            f"{prefix}-{i + 1:05d}",
            first_day.add(days=i // 100),
            (9, 12),
            Venue(name=f"Standort {i % 100 + 1}", address="synthetic"),
            capacity,
        )
        for i in range(count)
    )


def synthetic_scenario(*, households: int, seed: int | str, on: Date) -> Scenario:
    """
    A :class:`Scenario` around a synthetic caseload: the caseload of
    :func:`synthetic_caseload`, the Bocholt case workers, a "Leben und Arbeiten in
    Deutschland" offer with one 20-seat session per 40 persons asking for it (so about
    half of them wait), an application training with one 12-seat session per 24 persons,
    and the online coaching programme with one coach per 70 households. There are no
    consultation records (the needs come straight from the profiles).

    >>> s = synthetic_scenario(households=50, seed=1, on=pendulum.date(2022, 6, 21))
    >>> s.name, len(s.caseload.households)
    ('synthetic (seed 1, 50 households)', 50)
    """
    on = as_date(on)
    caseload = synthetic_caseload(households=households, seed=seed, on=on)
    first_day = on.add(days=1)
    offer = GroupOffer(
        id="lad",
        title="Leben und Arbeiten in Deutschland",
        addresses=frozenset({NeedCategory.LIVING_AND_WORKING_IN_GERMANY}),
        target_group=Employable(),
        interpretation_provided=True,
    )
    registrations = _synthetic_registrations(
        caseload, offer, NeedCategory.LIVING_AND_WORKING_IN_GERMANY, "lad"
    )
    count = max(1, len(registrations) // 40)
    offer = attrs.evolve(offer, sessions=_sessions("lad", first_day, count, 20))
    second = _session(
        f"lad-{count + 1:05d}", first_day.add(days=9 + count // 100), (9, 12), YUPIDU, 20
    )
    training = GroupOffer(
        id="bt",
        title="Bewerbungstraining",
        addresses=frozenset({NeedCategory.APPLICATION_SUPPORT}),
        target_group=all_of(Employable(), WantsWorkAtShortNotice()),
        interpretation_provided=True,
    )
    training_registrations = _synthetic_registrations(
        caseload, training, NeedCategory.APPLICATION_SUPPORT, "bt"
    )
    training = attrs.evolve(
        training,
        sessions=_sessions(
            "bt", first_day.add(days=14), max(1, len(training_registrations) // 24), 12
        ),
    )
    return Scenario(
        name=f"synthetic (seed {seed}, {households} households)",
        on=on,
        caseload=caseload,
        caseworkers=bocholt_caseworkers(),
        interpreters=(),
        consultations=(),
        offer=offer,
        registrations=registrations,
        second_session=second,
        training=training,
        training_registrations=training_registrations,
        wants_work_at_short_notice=frozenset(r.person_id for r in training_registrations),
        coaching=_coaching_programme(max(2, households // 70)),
        mobility=(),
    )
