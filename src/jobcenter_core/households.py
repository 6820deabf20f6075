"""
Households: :class:`Household`, :class:`Member`, :class:`Relationship`, the children's
:class:`ChildCare` and the care of relatives (:class:`CareArrangement`).

A household is the people living together; who of them form a benefit unit
(*Bedarfsgemeinschaft*, SGB II § 7 Abs. 3) is a rule
(:func:`jobcenter_core.rules.benefit_unit`), not a field.

Relationships are directed facts, "*person* is the *kind* of *of*":
``Relationship(person="c", kind=RelationshipKind.CHILD, of="m")`` says c is m's child.

>>> import pendulum
>>> from jobcenter_core.people import Person, Sex
>>> mother = Person(id="m", birth_date=pendulum.date(1990, 5, 4), sex=Sex.FEMALE)
>>> child = Person(id="c", birth_date=pendulum.date(2020, 1, 9), sex=Sex.MALE)
>>> h = Household(
...     id="h-1",
...     members=(Member(person=mother), Member(person=child, child_care=ChildCare.NONE)),
...     relationships=(Relationship(person="c", kind=RelationshipKind.CHILD, of="m"),),
... )
>>> h.children_of("m"), h.parents_of("c")
(('c',), ('m',))
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable
from types import NoneType

import attrs
from pendulum import Date

from jobcenter_core.dates import optional_date
from jobcenter_core.errors import InvalidInput, Problem, UnknownId
from jobcenter_core.people import Person
from jobcenter_core.validators import (
    as_tuple,
    calendar_date,
    instance_of,
    items_of,
    non_empty,
    optional,
)

__all__ = [
    "CareArrangement",
    "ChildCare",
    "Household",
    "MaritalStatus",
    "Member",
    "Relationship",
    "RelationshipKind",
]


class MaritalStatus(enum.Enum):
    """Marital status; ``UNKNOWN`` is presumed unmarried by the rules, and said so."""

    UNMARRIED = "unmarried"
    MARRIED = "married"
    REGISTERED_PARTNERSHIP = "registered_partnership"
    DIVORCED = "divorced"
    WIDOWED = "widowed"
    UNKNOWN = "unknown"

    @property
    def is_married(self) -> bool:
        """Married or in a registered partnership (SGB II § 7 Abs. 3 Nr. 4: 'unverheiratet')."""
        return self in (MaritalStatus.MARRIED, MaritalStatus.REGISTERED_PARTNERSHIP)


class ChildCare(enum.Enum):
    """How a child is cared for while a parent works (SGB II § 10 Abs. 1 Nr. 3)."""

    NONE = "none"
    KITA = "kita"
    CHILDMINDER = "childminder"
    SCHOOL = "school"
    OTHER = "other"

    @property
    def is_secured(self) -> bool:
        """Whether the care counts as secured."""
        return self is not ChildCare.NONE


class RelationshipKind(enum.Enum):
    """What *person* is of *of* in a :class:`Relationship`."""

    SPOUSE = "spouse"
    """Married, not permanently separated (SGB II § 7 Abs. 3 Nr. 3 a)."""
    REGISTERED_PARTNER = "registered_partner"
    """Registered partnership, not permanently separated (§ 7 Abs. 3 Nr. 3 b)."""
    RESPONSIBILITY_COMMUNITY = "responsibility_community"
    """Partners in a responsibility and support community (§ 7 Abs. 3 Nr. 3 c, Abs. 3a)."""
    SEPARATED_SPOUSE = "separated_spouse"
    """Married but permanently separated: not a partner in the benefit unit."""
    CHILD = "child"
    PARENT = "parent"
    RELATIVE = "relative"
    OTHER = "other"

    @property
    def is_partner(self) -> bool:
        """Whether this is a partnership in the sense of SGB II § 7 Abs. 3 Nr. 3."""
        return self in _PARTNER_KINDS


_PARTNER_KINDS = frozenset(
    {
        RelationshipKind.SPOUSE,
        RelationshipKind.REGISTERED_PARTNER,
        RelationshipKind.RESPONSIBILITY_COMMUNITY,
    }
)


@attrs.frozen(kw_only=True)
class Relationship:
    """*person* is the *kind* of *of* (both member ids of the same household)."""

    person: str = attrs.field(validator=non_empty)
    kind: RelationshipKind = attrs.field(validator=instance_of(RelationshipKind))
    of: str = attrs.field(validator=non_empty)

    def __attrs_post_init__(self) -> None:
        if self.person == self.of:
            raise ValueError("a relationship needs two different people")


@attrs.frozen(kw_only=True)
class CareArrangement:
    """
    *carer* cares for the relative *cared_for* (SGB II § 10 Abs. 1 Nr. 4); whether the
    care could be *secured_otherwise*. A relative's need of care is health data (Art. 9
    GDPR): never in ``repr`` or ``str``, of a household or of the arrangement itself.

    >>> CareArrangement(carer="p-1", cared_for="p-2", secured_otherwise=False)
    CareArrangement(...)
    """

    carer: str = attrs.field(validator=non_empty, repr=False)
    cared_for: str = attrs.field(validator=non_empty, repr=False)
    secured_otherwise: bool = attrs.field(validator=instance_of(bool), repr=False)

    def __repr__(self) -> str:
        return "CareArrangement(...)"


@attrs.frozen(kw_only=True)
class Member:
    """
    A person in a household, with the facts the rules need about them there.

    Attributes:
        person: the person.
        marital_status: matters for children under 25 (SGB II § 7 Abs. 3 Nr. 4).
        child_care: how a child is cared for; ``None`` for adults or when unknown.
        covers_own_needs: whether the person can cover their needs from own income or
            assets (§ 7 Abs. 3 Nr. 4); ``None`` when unknown (presumed not, and said so).
        primary_carer: this member is the parent who cares for the young children
            (§ 10 Abs. 1 Nr. 3 exempts one caring parent).
    """

    person: Person = attrs.field(validator=instance_of(Person))
    marital_status: MaritalStatus = attrs.field(
        default=MaritalStatus.UNKNOWN, validator=instance_of(MaritalStatus)
    )
    child_care: ChildCare | None = attrs.field(
        default=None, validator=instance_of((ChildCare, NoneType))
    )
    covers_own_needs: bool | None = attrs.field(
        default=None, validator=instance_of((bool, NoneType))
    )
    primary_carer: bool = attrs.field(default=False, validator=instance_of(bool))

    @property
    def id(self) -> str:
        """The person's id."""
        return self.person.id


def _members(items: Iterable[Member]) -> tuple[Member, ...]:
    return as_tuple(items)


def _relationships(items: Iterable[Relationship]) -> tuple[Relationship, ...]:
    return as_tuple(items)


def _care(items: Iterable[CareArrangement]) -> tuple[CareArrangement, ...]:
    return as_tuple(items)


@attrs.frozen(kw_only=True)
class Household:
    """
    People living together, with their relationships and care arrangements.

    The first member is the reference person (the applicant). Building a household
    checks that member ids are unique and that every relationship and care arrangement
    names members; all problems are reported at once as one
    :class:`~jobcenter_core.errors.InvalidInput` with JSON paths.

    Attributes:
        id: opaque identifier.
        members: at least one member, ids unique.
        relationships: directed facts between members.
        care_arrangements: members caring for relatives (§ 10 Abs. 1 Nr. 4).
        approval_period_ends_on: end of the current SGB II approval period
            (*Bewilligungszeitraum*), if known; the 2026 transition rule needs it.
    """

    id: str = attrs.field(validator=non_empty)
    members: tuple[Member, ...] = attrs.field(converter=_members, validator=items_of(Member))
    relationships: tuple[Relationship, ...] = attrs.field(
        default=(), converter=_relationships, validator=items_of(Relationship)
    )
    care_arrangements: tuple[CareArrangement, ...] = attrs.field(
        default=(), converter=_care, validator=items_of(CareArrangement), repr=False
    )
    approval_period_ends_on: Date | None = attrs.field(
        default=None, converter=optional_date, validator=optional(calendar_date), repr=False
    )

    def __attrs_post_init__(self) -> None:
        problems = household_problems(self)
        if problems:
            raise InvalidInput(problems)

    @property
    def member_ids(self) -> tuple[str, ...]:
        """Member ids in order."""
        return tuple(m.person.id for m in self.members)

    def member(self, member_id: str) -> Member:
        """
        The member with *member_id*; :class:`~jobcenter_core.errors.UnknownId` (a
        ``KeyError``) if there is none.
        """
        for m in self.members:
            if m.person.id == member_id:
                return m
        raise UnknownId("member id")

    def person(self, member_id: str) -> Person:
        """The person with *member_id*; :class:`~jobcenter_core.errors.UnknownId` if none."""
        return self.member(member_id).person

    def partners_of(self, member_id: str) -> tuple[str, ...]:
        """Ids of *member_id*'s partners (spouse, registered partner, community)."""
        found: dict[str, None] = {}
        for r in self.relationships:
            if r.kind.is_partner:
                if r.person == member_id:
                    found[r.of] = None
                elif r.of == member_id:
                    found[r.person] = None
        return tuple(found)

    def children_of(self, member_id: str) -> tuple[str, ...]:
        """Ids of *member_id*'s own children in the household."""
        found: dict[str, None] = {}
        for r in self.relationships:
            if r.kind is RelationshipKind.CHILD and r.of == member_id:
                found[r.person] = None
            elif r.kind is RelationshipKind.PARENT and r.person == member_id:
                found[r.of] = None
        return tuple(found)

    def parents_of(self, member_id: str) -> tuple[str, ...]:
        """Ids of *member_id*'s parents in the household."""
        found: dict[str, None] = {}
        for r in self.relationships:
            if r.kind is RelationshipKind.CHILD and r.person == member_id:
                found[r.of] = None
            elif r.kind is RelationshipKind.PARENT and r.of == member_id:
                found[r.person] = None
        return tuple(found)

    def born_by(self, day: _dt.date) -> Household:
        """
        This household as it stood on *day*: without the members born after it, and
        without their relationships and care arrangements. Rules that answer for every
        member (:func:`~jobcenter_core.rules.benefit_regimes`) refuse a member not yet
        born; ask them about ``household.born_by(on)`` to leave such members out on
        purpose.

        >>> import pendulum
        >>> from jobcenter_core.people import Person, Sex
        >>> mum = Person(id="m", birth_date=pendulum.date(1990, 5, 4), sex=Sex.FEMALE)
        >>> baby = Person(id="b", birth_date=pendulum.date(2022, 9, 1), sex=Sex.MALE)
        >>> h = Household(id="h", members=(Member(person=mum), Member(person=baby)),
        ...               relationships=(Relationship(person="b", kind=RelationshipKind.CHILD, of="m"),))
        >>> h.born_by(pendulum.date(2022, 6, 21)).member_ids
        ('m',)
        """
        born = {m.person.id for m in self.members if m.person.birth_date <= day}
        if len(born) == len(self.members):
            return self
        return attrs.evolve(
            self,
            members=tuple(m for m in self.members if m.person.id in born),
            relationships=tuple(r for r in self.relationships if r.person in born and r.of in born),
            care_arrangements=tuple(
                c for c in self.care_arrangements if c.carer in born and c.cared_for in born
            ),
        )


def household_problems(household: Household) -> list[Problem]:
    """
    Every structural problem of *household*, with JSON paths (empty when sound).

    Used by :class:`Household` itself and by the JSON converter; messages name paths and
    kinds only, never values.
    """
    problems: list[Problem] = []
    if not household.members:
        problems.append(Problem("$.members", "must list at least one member"))
    seen: set[str] = set()
    for i, m in enumerate(household.members):
        if m.person.id in seen:
            problems.append(Problem(f"$.members[{i}].person.id", "duplicate member id"))
        seen.add(m.person.id)
    for i, r in enumerate(household.relationships):
        for field in ("person", "of"):
            if getattr(r, field) not in seen:
                problems.append(Problem(f"$.relationships[{i}].{field}", "unknown member id"))
    for i, c in enumerate(household.care_arrangements):
        for field in ("carer", "cared_for"):
            if getattr(c, field) not in seen:
                problems.append(Problem(f"$.care_arrangements[{i}].{field}", "unknown member id"))
    return problems
