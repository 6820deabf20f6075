"""
Rule columns: the eligibility rules for a whole caseload on one day, as columns of
values, with the full :class:`~jobcenter_core.decisions.Decision` of any one person on
demand.

One call answers working age (SGB II § 7 Abs. 1 S. 1 Nr. 1, § 7a), employability (§ 8),
the benefit unit (§ 7 Abs. 3), the benefit regime (§ 74; SGB XII; AsylbLG) and the
reasonableness of work (§ 10 Abs. 1 Nr. 3, 4) for every member of every household:
one tuple per rule, one entry per person, in household and member order, and no
``Decision`` made per person. :meth:`RuleColumns.explain` gives the decision behind
any entry: exactly what the readable rule gives for that person.

The values come from the readable rules themselves, asked once for each shape of person
or household that the rules can tell apart (the engine ``rules/_bulk.py``, tested
against the readable rules value by value).

>>> import pendulum
>>> from jobcenter_core.scenarios import synthetic_households
>>> on = pendulum.date(2022, 6, 21)
>>> households = synthetic_households(households=50, seed=7, on=on)
>>> columns = rule_columns(households, on=on)
>>> len(columns) == sum(len(h.members) for h in households)
True
>>> pid = columns.person_id[0]
>>> columns.explain(pid, "employable").value == columns.employable[0]
True
"""

from __future__ import annotations

import bisect
import datetime as _dt
import itertools
import operator
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol, TypeVar

import attrs
from pendulum import Date

from jobcenter_core.dates import as_date, to_date
from jobcenter_core.decisions import Decision
from jobcenter_core.errors import InvalidInput, UnknownId
from jobcenter_core.households import Household
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex, WorkCapacity
from jobcenter_core.rules import _bulk
from jobcenter_core.rules.employability import is_employable
from jobcenter_core.rules.reasonableness import work_is_reasonable
from jobcenter_core.rules.regime import BenefitRegime, benefit_regime
from jobcenter_core.rules.unit_membership import benefit_unit
from jobcenter_core.rules.working_age import is_of_working_age
from jobcenter_core.validators import calendar_date, instance_of

__all__ = [
    "RULE_COLUMNS",
    "HasHouseholds",
    "RuleColumns",
    "employable_column",
    "employable_from_columns",
    "rule_columns",
]

T = TypeVar("T")

RULE_COLUMNS = ("of_working_age", "employable", "regime", "unit_id", "work_reasonable")
"""The rule columns of :class:`RuleColumns`, each explained by :meth:`RuleColumns.explain`."""


class HasHouseholds(Protocol):
    """Anything with ``households``, such as a :class:`~jobcenter_core.caseload.Caseload`."""

    @property
    def households(self) -> tuple[Household, ...]: ...


def _column_of(
    kinds: type | tuple[type, ...], *, optional: bool = False
) -> Callable[[object, Any, Any], None]:
    """
    A validator for a tuple column whose every item must be of *kinds*, checked by the
    distinct types (a million entries are checked at C speed); the message names the
    field, the types and the first wrong item's type and index, never its value. An
    *optional* column may be ``None`` (not asked for).
    """
    allowed = kinds if isinstance(kinds, tuple) else (kinds,)
    expected = " or ".join("None" if k is type(None) else k.__name__ for k in allowed)

    def check(instance: object, attribute: Any, value: Any) -> None:
        if value is None and optional:
            return
        if not isinstance(value, tuple):
            got = type(value).__name__
            raise TypeError(
                f"{attribute.name!r} must be a collection of {expected} values (got {got})"
            )
        bad = {t for t in set(map(type, value)) if not issubclass(t, allowed)}
        if bad:
            i, item = next((i, v) for i, v in enumerate(value) if type(v) in bad)
            raise TypeError(
                f"{attribute.name!r} must hold {expected} values "
                f"(got {type(item).__name__} at index {i})"
            )

    return check


@attrs.frozen(kw_only=True, repr=False, eq=False)
class RuleColumns:
    """
    The rules' values for every member of some households on one day, as columns.

    ``household_id`` and ``person_id`` say whose each entry is; ``of_working_age``,
    ``employable`` and ``work_reasonable`` are booleans; ``regime`` a
    :class:`~jobcenter_core.rules.BenefitRegime` (``None`` for a person not yet born,
    whom the regime rule refuses) and ``regime_codes`` the reason codes of its decision
    (as ``explain(person_id).codes`` gives them; empty for a person not yet born), so
    that a whole caseload can be counted by why, not only by what; ``unit_id`` the id of the first member (in household
    order) of the person's benefit unit, ``None`` when in none. ``repr`` shows only the
    day and the count.
    """

    on: Date = attrs.field(converter=to_date, validator=calendar_date)
    household_id: tuple[str, ...] = attrs.field(validator=_column_of(str))
    person_id: tuple[str, ...] = attrs.field(validator=_column_of(str))
    of_working_age: tuple[bool, ...] | None = attrs.field(validator=_column_of(bool, optional=True))
    employable: tuple[bool, ...] | None = attrs.field(validator=_column_of(bool, optional=True))
    regime: tuple[BenefitRegime | None, ...] | None = attrs.field(
        validator=_column_of((BenefitRegime, type(None)), optional=True)
    )
    regime_codes: tuple[tuple[str, ...], ...] | None = attrs.field(
        validator=_column_of(tuple, optional=True)
    )
    unit_id: tuple[str | None, ...] | None = attrs.field(
        validator=_column_of((str, type(None)), optional=True)
    )
    work_reasonable: tuple[bool, ...] | None = attrs.field(
        validator=_column_of(bool, optional=True)
    )
    policy: Policy = attrs.field(validator=instance_of(Policy))
    households: tuple[Household, ...] = attrs.field(validator=_column_of(Household))
    starts: tuple[int, ...] = attrs.field(validator=_column_of(int))
    """Where each household's members start in the columns."""

    def __len__(self) -> int:
        return len(self.person_id)

    def __repr__(self) -> str:
        return f"RuleColumns(on={self.on}, persons={len(self)})"

    def explain(self, person_id: str, column: str = "regime") -> Decision[Any]:
        """
        The decision behind *column*'s entry for *person_id*: exactly what the readable
        rule gives (:func:`~jobcenter_core.rules.is_of_working_age`,
        :func:`~jobcenter_core.rules.is_employable`,
        :func:`~jobcenter_core.rules.benefit_regime`,
        :func:`~jobcenter_core.rules.benefit_unit` or
        :func:`~jobcenter_core.rules.work_is_reasonable`). An unknown person is an
        :class:`~jobcenter_core.errors.UnknownId`; an unknown column an
        :class:`~jobcenter_core.errors.InvalidInput`.

        >>> import pendulum
        >>> from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex
        >>> from jobcenter_core.households import Household, Member
        >>> p = Person(id="p-1", birth_date=pendulum.date(1988, 3, 1), sex=Sex.FEMALE,
        ...     residence=ResidenceStatus(document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT),
        ...     identity_registered=True, identity_registered_on=pendulum.date(2022, 4, 4))
        >>> columns = rule_columns([Household(id="h-1", members=(Member(person=p),))],
        ...                        on=pendulum.date(2022, 6, 1))
        >>> columns.regime
        (<BenefitRegime.SGB_II: 'sgb_ii'>,)
        >>> columns.explain("p-1").codes[-1]
        'employable_sgb_ii'
        """
        if column not in RULE_COLUMNS:
            raise InvalidInput.one("$.column", f"must be one of {', '.join(RULE_COLUMNS)}")
        try:
            position = self.person_id.index(person_id)
        except ValueError:
            raise UnknownId("person id") from None
        index = bisect.bisect_right(self.starts, position) - 1
        household = self.households[index]
        person = household.members[position - self.starts[index]].person
        on, policy = self.on, self.policy
        if column == "of_working_age":
            return is_of_working_age(person, on=on, policy=policy)
        if column == "employable":
            return is_employable(person, on=on, policy=policy)
        if column == "regime":
            return benefit_regime(person, household, on=on, policy=policy)
        if column == "unit_id":
            return benefit_unit(household, on=on, member_id=person.id, policy=policy)
        return work_is_reasonable(person, household, on=on, policy=policy)


def rule_columns(
    households: Iterable[Household] | HasHouseholds,
    *,
    on: _dt.date,
    policy: Policy = DEFAULT_POLICY,
    columns: Iterable[str] = RULE_COLUMNS,
) -> RuleColumns:
    """
    The eligibility rules for every member of *households* (or of a caseload) on *on*, as
    :class:`RuleColumns`: working age, employability, benefit unit, regime and
    reasonableness, one entry per person in household and member order.

    Each entry equals the value of the per-person rule; :meth:`RuleColumns.explain`
    gives its decision. Persons not yet born on *on* are listed, with ``regime``
    ``None``.

    *columns* names the columns wanted (of :data:`RULE_COLUMNS`; all by default); the
    others are ``None``. Asking for fewer saves work where a rule is not needed by the
    ones asked for: ``columns=("regime", "unit_id")`` leaves out the reasonableness of
    work. An unknown name is refused.

    >>> import pendulum
    >>> from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex
    >>> from jobcenter_core.households import Household, Member, Relationship, RelationshipKind
    >>> permit = ResidenceStatus(document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT)
    >>> mum = Person(id="m", birth_date=pendulum.date(1985, 3, 1), sex=Sex.FEMALE,
    ...              residence=permit, identity_registered=True)
    >>> kid = Person(id="c", birth_date=pendulum.date(2021, 5, 5), sex=Sex.MALE, residence=permit)
    >>> h = Household(id="h", members=(Member(person=mum), Member(person=kid)),
    ...               relationships=(Relationship(person="c", kind=RelationshipKind.CHILD, of="m"),))
    >>> columns = rule_columns([h], on=pendulum.date(2022, 6, 21))
    >>> [r.name for r in columns.regime], columns.unit_id, columns.work_reasonable
    (['SGB_II', 'SGB_II'], ('m', 'm'), (False, True))
    >>> some = rule_columns([h], on=pendulum.date(2022, 6, 21), columns=("regime", "unit_id"))
    >>> some.unit_id, some.work_reasonable is None
    (('m', 'm'), True)

    References:
        SGB II § 7 Abs. 1 S. 1 Nr. 1 and Abs. 3, § 7a, § 8, § 10 Abs. 1 Nr. 3 and 4,
        § 74; SGB XII § 146, § 41; AsylbLG § 1 Abs. 1.
    """
    day = as_date(on)
    wanted = _wanted(columns)
    source: Any = getattr(households, "households", households)
    listed: tuple[Household, ...] = tuple(source)
    _require_all(listed, Household, "$.households")
    answers = _bulk.household_answers(
        listed,
        on=day,
        policy=policy,
        regimes="regime" in wanted,
        reasonableness="work_reasonable" in wanted,
    )
    sizes = list(map(len, map(_MEMBERS, listed)))
    starts = tuple(itertools.accumulate(sizes, initial=0))[:-1]
    person_ids = tuple(map(_PERSON_ID, itertools.chain.from_iterable(map(_MEMBERS, listed))))

    def kept(name: str, values: list[T] | None) -> tuple[T, ...] | None:
        return None if values is None or name not in wanted else tuple(values)

    return RuleColumns(
        on=day,
        household_id=tuple(
            itertools.chain.from_iterable(map(itertools.repeat, map(_ID, listed), sizes))
        ),
        person_id=person_ids,
        of_working_age=kept("of_working_age", answers.working_age),
        employable=kept("employable", answers.employable),
        regime=kept("regime", answers.regime),
        regime_codes=kept("regime", answers.regime_codes),
        unit_id=(
            tuple([None if p is None else person_ids[p] for p in answers.unit_first])
            if "unit_id" in wanted
            else None
        ),
        work_reasonable=kept("work_reasonable", answers.reasonable),
        policy=policy,
        households=listed,
        starts=starts,
    )


_MEMBERS = operator.attrgetter("members")
_PERSON_ID = operator.attrgetter("person.id")
_ID = operator.attrgetter("id")


def _wanted(columns: Iterable[str]) -> frozenset[str]:
    """The rule columns asked for; an unknown name is refused at its path."""
    if isinstance(columns, str):
        raise InvalidInput.one("$.columns", "must be a collection of column names")
    named = tuple(columns)
    for i, name in enumerate(named):
        if name not in RULE_COLUMNS:
            raise InvalidInput.one(f"$.columns[{i}]", f"must be one of {', '.join(RULE_COLUMNS)}")
    return frozenset(named)


def employable_column(
    persons: Iterable[Person], *, on: _dt.date, policy: Policy = DEFAULT_POLICY
) -> tuple[bool, ...]:
    """
    :func:`~jobcenter_core.rules.is_employable`'s value for each of *persons* on *on*, in
    order: the employability column alone, for persons without their households.

    >>> import pendulum
    >>> from jobcenter_core.people import Person, Sex
    >>> people = [Person(id=f"p-{y}", birth_date=pendulum.date(y, 1, 2), sex=Sex.FEMALE)
    ...           for y in (1950, 1980, 2010)]
    >>> employable_column(people, on=pendulum.date(2022, 6, 21))
    (False, True, False)

    References:
        SGB II § 8 Abs. 1 and 2, § 74 Abs. 1 S. 2; § 7 Abs. 1 S. 1 Nr. 1, § 7a.
    """
    listed = persons if isinstance(persons, list | tuple) else list(persons)
    _require_all(listed, Person, "$.persons")
    return tuple(_bulk.employable_values(listed, on=as_date(on), policy=policy))


_A_SECTION_24_DOCUMENT = next(d for d in ResidenceDocument if d.is_section_24)
_FACT_TYPES: dict[str, tuple[type, ...]] = {
    "birth_date": (_dt.date,),
    "work_capacity_hours": (float, int, type(None)),
    "holds_section_24_document": (bool,),
    "work_permitted": (bool, type(None)),
}


def employable_from_columns(
    *,
    birth_date: Sequence[_dt.date],
    work_capacity_hours: Sequence[float | None],
    holds_section_24_document: Sequence[bool],
    work_permitted: Sequence[bool | None],
    on: _dt.date,
    policy: Policy = DEFAULT_POLICY,
) -> tuple[bool, ...]:
    """
    :func:`~jobcenter_core.rules.is_employable`'s value for persons given as columns of
    the facts the rule reads, as an analyst holds them in a dataframe (or OpenFisca in its
    input arrays): birth dates, assessed hours a day (``None``: not assessed), whether a
    § 24 permit or Fiktionsbescheinigung is held, and the work permission (``None``:
    unknown). Each entry equals the rule's value for a person with those facts.

    Columns of different lengths, or holding a value of another type, are refused with
    an :class:`~jobcenter_core.errors.InvalidInput` naming the column.

    >>> import datetime
    >>> employable_from_columns(
    ...     birth_date=[datetime.date(1990, 1, 15), datetime.date(1990, 1, 15)],
    ...     work_capacity_hours=[None, 2.0],
    ...     holds_section_24_document=[True, True],
    ...     work_permitted=[None, None],
    ...     on=datetime.date(2022, 6, 21))
    (True, False)

    References:
        SGB II § 8 Abs. 1 and 2, § 74 Abs. 1 S. 2; § 7 Abs. 1 S. 1 Nr. 1, § 7a.
    """
    columns = {
        "birth_date": birth_date,
        "work_capacity_hours": work_capacity_hours,
        "holds_section_24_document": holds_section_24_document,
        "work_permitted": work_permitted,
    }
    lengths = {len(c) for c in columns.values()}
    if len(lengths) > 1:
        raise InvalidInput.one("$", "the columns must have one length")
    distinct_births = _distinct(birth_date)
    _require_types(birth_date, _FACT_TYPES["birth_date"], "$.birth_date", distinct_births)
    _require_types(
        work_capacity_hours,
        _FACT_TYPES["work_capacity_hours"],
        "$.work_capacity_hours",
        _distinct(work_capacity_hours),
    )
    for name in ("holds_section_24_document", "work_permitted"):
        _require_types(columns[name], _FACT_TYPES[name], f"$.{name}")
    day = as_date(on)

    def represent(
        born: _dt.date, hours: float | None, section_24: bool, permitted: bool | None
    ) -> Person:
        return Person(
            id="represented",
            birth_date=born,
            sex=Sex.FEMALE,
            residence=ResidenceStatus(document=_A_SECTION_24_DOCUMENT) if section_24 else None,
            work_capacity=(
                None if hours is None else WorkCapacity(hours_per_day=hours, assessed_on=day)
            ),
            work_permitted=permitted,
        )

    facts = (birth_date, work_capacity_hours, holds_section_24_document, work_permitted)
    return _bulk.employable_from_facts(
        facts, represent, on=day, policy=policy, distinct_births=distinct_births
    )


def _distinct(column: Sequence[T]) -> set[T] | None:
    """The distinct values of *column*; ``None`` if one cannot be hashed."""
    try:
        return set(column)
    except TypeError:
        return None


def _require_types(
    column: Sequence[object],
    allowed: tuple[type, ...],
    path: str,
    distinct: Iterable[object] | None = None,
) -> None:
    """
    Refuse *column* at the index of its first item not of an *allowed* type, naming the
    types and never the value. The types are gathered at C speed, of the *distinct*
    values when given (a value equal to an allowed one, such as ``6`` and ``6.0``
    hours, is read as that one; flags are checked item by item, since ``1 == True``);
    the index is looked for only when one is wrong.
    """
    kinds = set(map(type, column if distinct is None else distinct))
    bad = {t for t in kinds if not issubclass(t, allowed)}
    if bad:
        expected = " or ".join("None" if t is type(None) else t.__name__ for t in allowed)
        first = next(i for i, value in enumerate(column) if not isinstance(value, allowed))
        raise InvalidInput.one(f"{path}[{first}]", f"must be {expected}")


def _require_all(items: Iterable[object], kind: type, path: str) -> None:
    """Refuse, at its path, the first of *items* that is not a *kind*."""
    if set(map(type, items)) <= {kind}:
        return
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            raise InvalidInput.one(f"{path}[{i}]", f"must be a {kind.__name__}")
