"""
Engine: in one pass over a household, the members that
:func:`jobcenter_core.coaching.mobility_limited` says care for a child without a care
place (coaching/_carers.py).

The rule builds a :class:`~jobcenter_core.decisions.Decision` with its reasons for one
person at a time; a caseload run only needs to know for whom the answer carries the code
``caring_for_child_without_care_place``. This module speaks no law: the rule, and why, is
:func:`~jobcenter_core.coaching.mobility_limited`; the tests check the two agree
(``tests/coaching/test_engine_carers.py``).
"""

from __future__ import annotations

import datetime as _dt

from jobcenter_core.dates import completed_years
from jobcenter_core.households import ChildCare, Household, Member, RelationshipKind

__all__ = ["carers_among", "carers_without_care_place", "members_by_id", "parents_of_children"]

_CHILD = RelationshipKind.CHILD
_PARENT = RelationshipKind.PARENT
_NO_CARE = ChildCare.NONE


def carers_without_care_place(household: Household, *, on: _dt.date, below: int) -> set[str]:
    """
    The ids of the members of *household* with a child (in the household) born by *on*,
    under *below* completed years on *on*, whose care is ``None`` or ``ChildCare.NONE`` —
    counting, for each such child, its parents marked ``primary_carer`` if any is marked,
    and every parent otherwise.

    >>> import pendulum
    >>> from jobcenter_core.households import Member, Relationship
    >>> from jobcenter_core.people import Person, Sex
    >>> mother = Person(id="m", birth_date=pendulum.date(1990, 5, 4), sex=Sex.FEMALE)
    >>> child = Person(id="c", birth_date=pendulum.date(2018, 3, 1), sex=Sex.MALE)
    >>> h = Household(
    ...     id="h-1",
    ...     members=(Member(person=mother, primary_carer=True),
    ...              Member(person=child, child_care=ChildCare.NONE)),
    ...     relationships=(Relationship(person="c", kind=RelationshipKind.CHILD, of="m"),),
    ... )
    >>> carers_without_care_place(h, on=pendulum.date(2022, 6, 22), below=6)
    {'m'}
    """
    parents = parents_of_children(household)
    if not parents:
        return set()
    return carers_among(parents, members_by_id(household), on=on, below=below)


def parents_of_children(household: Household) -> dict[str, list[str]]:
    """Each member with a parent in *household* -> its parents (as ``Household.parents_of``,
    perhaps repeated)."""
    parents: dict[str, list[str]] = {}
    for r in household.relationships:
        kind = r.kind
        if kind is _CHILD:
            parents.setdefault(r.person, []).append(r.of)
        elif kind is _PARENT:
            parents.setdefault(r.of, []).append(r.person)
    return parents


def members_by_id(household: Household) -> dict[str, Member]:
    """The members of *household* by id."""
    return {m.person.id: m for m in household.members}


def carers_among(
    parents: dict[str, list[str]], members: dict[str, Member], *, on: _dt.date, below: int
) -> set[str]:
    """:func:`carers_without_care_place` from the household's *parents* and *members*."""
    found: set[str] = set()
    for child_id, of in parents.items():
        child = members[child_id]
        care = child.child_care
        if care is not None and care is not _NO_CARE:
            continue
        born = child.person.birth_date
        if born > on or completed_years(born, on=on) >= below:
            continue
        carers = [p for p in of if members[p].primary_carer]
        found.update(carers or of)
    return found
