"""
The benefit unit (*Bedarfsgemeinschaft*, SGB II § 7 Abs. 3): who in a household is
assessed together with an employable member.

Members of a unit are (Nr. 1) the employable beneficiaries; (Nr. 2) the parents, or a
parent, in the household of an unmarried employable child under 25, and that parent's
partner; (Nr. 3) the partner: spouse or registered partner not permanently separated,
or a responsibility and support community; (Nr. 4) the unmarried children under 25 of
(1) to (3) in the household who cannot cover their needs from their own income or
assets. A child under 25 with a child of its own forms a separate unit. Reasons name
members by their pseudonymous id only, never by name or birth date.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import attrs

from jobcenter_core.dates import completed_years
from jobcenter_core.decisions import Assumption, Decision, LegalReference, Reason, sgb2
from jobcenter_core.households import Household, MaritalStatus, Member, RelationshipKind
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.rules._inputs import require_member
from jobcenter_core.rules._memo import kept_for_recent
from jobcenter_core.rules.employability import is_employable

__all__ = ["benefit_unit", "benefit_units"]

_NR_1 = sgb2("7", "3", number="1")
_NR_2 = sgb2("7", "3", number="2")
_NR_3 = sgb2("7", "3", number="3")
_NR_4 = sgb2("7", "3", number="4")


def benefit_units(
    household: Household, *, on: _dt.date, policy: Policy = DEFAULT_POLICY
) -> Decision[tuple[frozenset[str], ...]]:
    """
    The benefit units (*Bedarfsgemeinschaften*) in *household* on *on*, as disjoint sets
    of member ids, ordered by their first member in household order.

    A unit forms around each employable member (Nr. 1) with their partner (Nr. 3; not a
    permanently separated spouse), for an unmarried employable child under 25 also the
    parents in the household and a parent's partner (Nr. 2), and the unmarried children
    under 25 of all of these who cannot cover their own needs (Nr. 4); a child with a
    child of its own forms a separate unit. Overlapping units are one unit. Members not
    yet born on *on* are left out. Unknown marital status is presumed unmarried and an
    unknown ``covers_own_needs`` presumed false, both listed in ``missing``.

    >>> import pendulum
    >>> from jobcenter_core.people import Person, Sex
    >>> from jobcenter_core.households import Household, Member, Relationship, RelationshipKind
    >>> mum = Person(id="m", birth_date=pendulum.date(1985, 3, 1), sex=Sex.FEMALE)
    >>> kid = Person(id="c", birth_date=pendulum.date(2016, 5, 5), sex=Sex.MALE)
    >>> gran = Person(id="g", birth_date=pendulum.date(1950, 1, 1), sex=Sex.FEMALE)
    >>> h = Household(id="h", members=(Member(person=mum), Member(person=kid), Member(person=gran)),
    ...               relationships=(Relationship(person="c", kind=RelationshipKind.CHILD, of="m"),
    ...                              Relationship(person="g", kind=RelationshipKind.PARENT, of="m")))
    >>> units = benefit_units(h, on=pendulum.date(2022, 6, 21))
    >>> [sorted(u) for u in units.value]
    [['c', 'm']]
    >>> "not_in_unit" in units.codes
    True

    References:
        SGB II § 7 Abs. 3 Nr. 1 to 4.
    """
    units, notes = _form_units(household, on=on, policy=policy)
    return Decision(value=units, reasons=_reasons(notes), missing=_presumptions(notes))


def benefit_unit(
    household: Household,
    *,
    on: _dt.date,
    member_id: str | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> Decision[frozenset[str]]:
    """
    The benefit unit (*Bedarfsgemeinschaft*) of *member_id* (default: the reference
    person, the first member) on *on*; the empty set when that member is in none.

    See :func:`benefit_units` for how units are formed; the reasons and presumptions
    here are those that concern this unit's members or *member_id*.

    >>> import pendulum
    >>> from jobcenter_core.people import Person, Sex
    >>> from jobcenter_core.households import Household, Member, Relationship, RelationshipKind
    >>> a = Person(id="a", birth_date=pendulum.date(1985, 3, 1), sex=Sex.FEMALE)
    >>> b = Person(id="b", birth_date=pendulum.date(1983, 7, 9), sex=Sex.MALE)
    >>> h = Household(id="h", members=(Member(person=a), Member(person=b)),
    ...               relationships=(Relationship(person="b", kind=RelationshipKind.SPOUSE, of="a"),))
    >>> sorted(benefit_unit(h, on=pendulum.date(2022, 6, 21)).value)
    ['a', 'b']

    References:
        SGB II § 7 Abs. 3.
    """
    target = household.member_ids[0] if member_id is None else member_id
    require_member(household, target, "$.member_id")
    units, notes = _form_units(household, on=on, policy=policy)
    unit = next((u for u in units if target in u), frozenset[str]())
    concerned = [n for n in notes if n.about & (unit or {target})]
    reasons = _reasons(concerned)
    if not unit:
        in_no_unit = Reason(
            code="in_no_unit", message=f"{target} belongs to no benefit unit", reference=_NR_1
        )
        reasons += (in_no_unit,)
    return Decision(value=unit, reasons=reasons, missing=_presumptions(concerned))


@kept_for_recent()
def _form_units(
    household: Household, *, on: _dt.date, policy: Policy
) -> tuple[tuple[frozenset[str], ...], tuple[_Note, ...]]:
    """The units of *household* on *on* and every reason and presumption on the way."""
    limit = policy.unit_child_age_limit.at(on)
    born = [m for m in household.members if m.person.birth_date <= on]
    born_ids = {m.id for m in born}
    notes = _Notes()
    for m in household.members:
        if m.id not in born_ids:
            notes.reason([m.id], "not_yet_born", f"{m.id} is not yet born on the day", _NR_1)
    employable: list[Member] = []
    for m in born:
        decision = is_employable(m.person, on=on, policy=policy)
        if decision.value:
            employable.append(m)
        for unknown in decision.missing:
            notes.presume(m.id, unknown.fact, unknown.presumed)

    units = _Units(household.member_ids)
    for m in employable:
        _join_partner_and_parents(household, m, born_ids, units, notes, on=on, limit=limit)
    _join_children(household, born, units, notes, on=on, limit=limit)

    formed = units.units()
    in_a_unit = {mid for unit in formed for mid in unit}
    for m in born:
        if m.id not in in_a_unit:
            notes.reason(
                [m.id],
                "not_in_unit",
                f"{m.id} is neither employable nor the partner, parent or child "
                "of an employable member in the sense of § 7 Abs. 3",
                _NR_1,
            )
    if not formed:
        notes.reason(
            household.member_ids,
            "no_employable_member",
            "no member is employable: no benefit unit",
            _NR_1,
        )
    return formed, tuple(notes.items)


def _join_partner_and_parents(
    household: Household,
    employable: Member,
    born_ids: set[str],
    units: _Units,
    notes: _Notes,
    *,
    on: _dt.date,
    limit: int,
) -> None:
    """
    Nr. 1: the employable member; Nr. 3: with the partner (not a permanently separated
    spouse); Nr. 2: for an unmarried employable child under the age limit, with the
    parents and a parent's partner.
    """
    me = employable.id
    units.add(me)
    notes.reason([me], "employable_member", f"{me} is employable", _NR_1)
    for partner in household.partners_of(me):
        if partner in born_ids:
            units.join(me, partner)
            notes.reason_once([me, partner], "partner", f"{partner} is the partner of {me}", _NR_3)
    for spouse in _separated_spouses_of(household, me):
        notes.reason_once(
            [me, spouse],
            "separated_spouse_not_partner",
            f"{spouse} is permanently separated from {me}: not a partner",
            _NR_3,
        )
    parents = [p for p in household.parents_of(me) if p in born_ids]
    if not parents:
        return
    if _why_not_a_child_of_the_unit(household, employable, on=on, limit=limit) is not None:
        return  # married, over the age limit, covering own needs or with a child of its own
    _presume_child_facts(notes, employable)
    for parent in parents:
        units.join(me, parent)
        notes.reason(
            [me, parent],
            "parent_of_employable_child",
            f"{parent} is a parent of the unmarried employable child {me} under {limit}",
            _NR_2,
        )
        for partner in household.partners_of(parent):
            if partner in born_ids and partner != me and partner not in parents:
                units.join(me, partner)
                notes.reason(
                    [me, partner],
                    "partner_of_parent",
                    f"{partner} is the partner of {me}'s parent {parent}",
                    _NR_2,
                )


def _join_children(
    household: Household,
    born: list[Member],
    units: _Units,
    notes: _Notes,
    *,
    on: _dt.date,
    limit: int,
) -> None:
    """
    Nr. 4: the unmarried children under the age limit of anyone in a unit, who cannot
    cover their own needs. A child whose parents sit in different units joins the unit
    of the primary carer; when neither parent or both are marked, the unit of the first
    parent in household order (presumed). The order the relationships are listed in
    never matters.
    """
    unit_of = units.unit_of()
    for child in born:
        parents = sorted(
            (p for p in household.parents_of(child.id) if p in unit_of),
            key=household.member_ids.index,
        )
        if not parents:
            continue
        if child.id in unit_of and {unit_of[p] for p in parents} == {unit_of[child.id]}:
            continue  # already in the parents' unit through Nr. 2
        problem = _why_not_a_child_of_the_unit(household, child, on=on, limit=limit)
        if problem is not None:
            code, message = problem
            notes.reason([child.id, *parents], code, message, _NR_4)
            continue
        if child.id in unit_of:
            continue
        _presume_child_facts(notes, child)
        chosen = parents[0]
        if len({unit_of[p] for p in parents}) > 1:
            carers = [p for p in parents if household.member(p).primary_carer]
            if len(carers) == 1:
                chosen = carers[0]
            elif carers:
                chosen = carers[0]
                notes.presume(child.id, "household_of_child", f"the unit of the parent {chosen}")
            else:
                chosen = min(parents, key=household.member_ids.index)
                notes.presume(child.id, "household_of_child", f"the unit of the parent {chosen}")
        units.join(chosen, child.id)
        notes.reason(
            [child.id, chosen],
            "child_under_age_limit",
            f"{child.id} is an unmarried child under {limit} of {chosen} "
            "without own sufficient means",
            _NR_4,
        )


def _why_not_a_child_of_the_unit(
    household: Household, child: Member, *, on: _dt.date, limit: int
) -> tuple[str, str] | None:
    """Why *child* cannot be a child of the unit (Nr. 2 and 4), as (code, message); or None."""
    cid = child.id
    if child.marital_status.is_married:
        return "married_child_not_in_unit", f"{cid} is married: not in the parents' unit"
    if completed_years(child.person.birth_date, on=on) >= limit:
        return (
            "child_over_age_limit_not_in_unit",
            f"{cid} has completed {limit} years: not in the parents' unit",
        )
    if child.covers_own_needs is True:
        return (
            "child_covers_own_needs",
            f"{cid} covers own needs from own income or assets: not in the parents' unit",
        )
    if any(household.person(k).birth_date <= on for k in household.children_of(cid)):
        return (
            "child_with_own_child_forms_own_unit",
            f"{cid} has a child in the household and forms a separate unit",
        )
    return None


def _presume_child_facts(notes: _Notes, child: Member) -> None:
    """An unknown marital status is presumed unmarried, unknown means insufficient."""
    if child.marital_status is MaritalStatus.UNKNOWN:
        notes.presume(child.id, "marital_status", "unmarried")
    if child.covers_own_needs is None:
        notes.presume(child.id, "covers_own_needs", "cannot cover own needs")


def _separated_spouses_of(household: Household, member_id: str) -> tuple[str, ...]:
    """The permanently separated spouses of *member_id*: not partners (Nr. 3)."""
    found: dict[str, None] = {}
    for r in household.relationships:
        if r.kind is RelationshipKind.SEPARATED_SPOUSE:
            if r.person == member_id:
                found[r.of] = None
            elif r.of == member_id:
                found[r.person] = None
    return tuple(found)


@attrs.frozen
class _Note:
    """A reason or a presumption of the unit rule, and the members it concerns."""

    about: frozenset[str]
    reason: Reason | None = None
    presumption: Assumption | None = None


class _Notes:
    """The reasons and presumptions of the unit rule, in the order they arise."""

    def __init__(self) -> None:
        self.items: list[_Note] = []
        self._said: set[tuple[str, frozenset[str]]] = set()

    def reason(
        self, about: Iterable[str], code: str, message: str, reference: LegalReference
    ) -> None:
        reason = Reason(code=code, message=message, reference=reference)
        self.items.append(_Note(about=frozenset(about), reason=reason))

    def reason_once(
        self, about: Iterable[str], code: str, message: str, reference: LegalReference
    ) -> None:
        """A reason about a pair, said once however often the pair is met."""
        key = (code, frozenset(about))
        if key not in self._said:
            self._said.add(key)
            self.reason(key[1], code, message, reference)

    def presume(self, member_id: str, fact: str, presumed: str) -> None:
        presumption = Assumption(fact=f"{member_id}.{fact}", presumed=presumed)
        self.items.append(_Note(about=frozenset({member_id}), presumption=presumption))


def _reasons(notes: Iterable[_Note]) -> tuple[Reason, ...]:
    return tuple(n.reason for n in notes if n.reason is not None)


def _presumptions(notes: Iterable[_Note]) -> tuple[Assumption, ...]:
    """Each presumption once, in first-made order."""
    found = dict.fromkeys(n.presumption for n in notes if n.presumption is not None)
    return tuple(found)


class _Units:
    """Members joined into units; each unit is known by its first member in household order."""

    def __init__(self, order: Iterable[str]) -> None:
        self._position = {mid: i for i, mid in enumerate(order)}
        self._unit_of: dict[str, str] = {}

    def add(self, member_id: str) -> None:
        self._unit_of.setdefault(member_id, member_id)

    def join(self, a: str, b: str) -> None:
        """Put *a* and *b*, and everyone in a unit with either, into one unit."""
        self.add(a)
        self.add(b)
        first, second = sorted((self._unit_of[a], self._unit_of[b]), key=self._position.__getitem__)
        if first != second:
            for member_id, unit in self._unit_of.items():
                if unit == second:
                    self._unit_of[member_id] = first

    def unit_of(self) -> dict[str, str]:
        """Each member in a unit, and the first member of that unit."""
        return dict(self._unit_of)

    def units(self) -> tuple[frozenset[str], ...]:
        """The units, in household order of their first members."""
        found: dict[str, set[str]] = {}
        for member_id in sorted(self._unit_of, key=self._position.__getitem__):
            found.setdefault(self._unit_of[member_id], set()).add(member_id)
        return tuple(frozenset(unit) for unit in found.values())
