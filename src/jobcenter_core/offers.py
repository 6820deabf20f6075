"""
Group offers: :class:`GroupOffer` with its :class:`Session` values (time, :class:`Venue`,
capacity) and the target-group rules that say who an offer is for.

An offer is data. Who is in its target group is a *rule value* — :class:`Employable`,
:class:`WantsWorkAtShortNotice`, :class:`LanguageAtLeast`, :class:`HasChildrenNeedingCare`
and the combinators :func:`all_of`, :func:`any_of` and :func:`not_` — so an offer stays
hashable, comparable and serialisable. The rules are *evaluated* by
:func:`jobcenter_core.rules.in_target_group`, which answers with a
:class:`~jobcenter_core.decisions.Decision` citing the law.

The Werkakademie's first offer of June 2022:

>>> from jobcenter_core.dates import at_berlin
>>> from jobcenter_core.needs import NeedCategory
>>> yupidu = Venue(name="Zentrale Unterkunft (ehem. Yupidu)", address="Bocholt")
>>> first = Session(id="s-0621", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
...                 venue=yupidu, capacity=20)
>>> offer = GroupOffer(
...     id="lad-2022", title="Leben und Arbeiten in Deutschland",
...     addresses=frozenset({NeedCategory.LIVING_AND_WORKING_IN_GERMANY}),
...     target_group=Employable(), language="de", interpretation_provided=True,
...     sessions=(first,),
... )
>>> offer.session("s-0621").capacity
20
>>> Session(id="s-x", start=first.start, end=first.end, venue=yupidu, capacity=0)
Traceback (most recent call last):
...
ValueError: 'capacity' must be >= 1 (got 0)

References:
    SGB II § 16 Abs. 1 with SGB III § 45 (activation and integration measures in groups).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from types import NoneType
from typing import Any, TypeAlias

import attrs
from pendulum import DateTime

from jobcenter_core.dates import TimeWindow, to_instant
from jobcenter_core.errors import UnknownId
from jobcenter_core.households import Household
from jobcenter_core.languages import CefrLevel
from jobcenter_core.needs import NeedCategory
from jobcenter_core.people import Person
from jobcenter_core.validators import (
    as_frozenset,
    as_tuple,
    aware_instant,
    end_after_start,
    instance_of,
    items_of,
    language_code,
    non_empty,
    unique,
    whole_number,
)

__all__ = [
    "TARGET_GROUP_RULES",
    "AllOf",
    "AnyOf",
    "Candidate",
    "Employable",
    "Everyone",
    "GroupOffer",
    "HasChildrenNeedingCare",
    "LanguageAtLeast",
    "Not",
    "Session",
    "TargetGroupRule",
    "Venue",
    "WantsWorkAtShortNotice",
    "all_of",
    "any_of",
    "not_",
]


# --- venues and sessions ------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Venue:
    """
    Where a session takes place: a *name* and either an *address* (such as the central
    accommodation) or ``online=True``.

    >>> Venue(name="Videokonferenz", online=True).online
    True
    >>> Venue(name="nowhere")
    Traceback (most recent call last):
    ...
    ValueError: 'address' must be given unless the venue is online
    """

    name: str = attrs.field(validator=non_empty)
    address: str | None = attrs.field(default=None, validator=instance_of((str, NoneType)))
    online: bool = attrs.field(default=False, validator=instance_of(bool))

    def __attrs_post_init__(self) -> None:
        if not self.online and (self.address is None or not self.address.strip()):
            raise ValueError("'address' must be given unless the venue is online")


@attrs.frozen(kw_only=True)
class Session:
    """
    One date of a group offer: *start* and *end* instants (Europe/Berlin, half-open), the
    *venue*, the *capacity* (seats, at least 1) and whether childcare is provided on site.

    >>> from jobcenter_core.dates import at_berlin
    >>> s = Session(id="s-1", start=at_berlin(2022, 6, 30, 9), end=at_berlin(2022, 6, 30, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=20)
    >>> s.window.duration.in_hours(), s.childcare_on_site
    (3, False)
    """

    id: str = attrs.field(validator=non_empty)
    start: DateTime = attrs.field(converter=to_instant, validator=aware_instant)
    end: DateTime = attrs.field(converter=to_instant, validator=[aware_instant, end_after_start])
    venue: Venue = attrs.field(validator=instance_of(Venue))
    capacity: int = attrs.field(validator=whole_number(minimum=1))
    childcare_on_site: bool = attrs.field(default=False, validator=instance_of(bool))

    @property
    def window(self) -> TimeWindow:
        """The session's time as a :class:`~jobcenter_core.dates.TimeWindow`."""
        return TimeWindow(start=self.start, end=self.end)

    def overlaps(self, start: _dt.datetime, end: _dt.datetime) -> bool:
        """Whether the session shares an instant with ``[start, end)`` (touching ends do not)."""
        return self.start < end and start < self.end


# --- target-group rules -------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Everyone:
    """
    The target group of an open offer: every registered person.

    >>> Everyone()
    Everyone()
    """


@attrs.frozen(kw_only=True)
class Employable:
    """
    Employable persons (*erwerbsfähig*, SGB II § 8), as decided by
    :func:`jobcenter_core.rules.is_employable`.

    >>> Employable() == Employable()
    True

    References:
        SGB II § 8 Abs. 1 and 2, § 7a.
    """


@attrs.frozen(kw_only=True)
class WantsWorkAtShortNotice:
    """
    Persons who told their case worker they want to take up work at short notice (the
    target group of the application training). The fact is recorded per person in
    :attr:`Candidate.wants_work_at_short_notice`.

    >>> all_of(Employable(), WantsWorkAtShortNotice())
    AllOf(rules=(Employable(), WantsWorkAtShortNotice()))
    """


@attrs.frozen(kw_only=True)
class LanguageAtLeast:
    """
    Persons who speak *language* (ISO 639-1) at *level* or above.

    >>> LanguageAtLeast(language="de", level=CefrLevel.A2)
    LanguageAtLeast(language='de', level=<CefrLevel.A2: 'A2'>)
    """

    language: str = attrs.field(validator=language_code)
    level: CefrLevel = attrs.field(validator=instance_of(CefrLevel))


@attrs.frozen(kw_only=True)
class HasChildrenNeedingCare:
    """
    Parents with at least one child in the household younger than
    ``policy.care_required_below_age`` whose care is not secured (no Kita, childminder,
    school or other care): the people an offer with childcare on site, or an online
    offer, is meant for.

    >>> not_(HasChildrenNeedingCare())
    Not(rule=HasChildrenNeedingCare())

    References:
        SGB II § 10 Abs. 1 Nr. 3.
    """


def _rules(items: Iterable[TargetGroupRule]) -> tuple[TargetGroupRule, ...]:
    return as_tuple(items)


def _is_rule(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _RULE_VALIDATOR(instance, attribute, value)


def _are_rules(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _RULES_VALIDATOR(instance, attribute, value)


@attrs.frozen(kw_only=True)
class AllOf:
    """
    Persons in every one of *rules* (an empty ``AllOf`` admits everyone).

    >>> AllOf(rules=(Employable(),)).rules
    (Employable(),)
    """

    rules: tuple[TargetGroupRule, ...] = attrs.field(converter=_rules, validator=_are_rules)


@attrs.frozen(kw_only=True)
class AnyOf:
    """
    Persons in at least one of *rules* (an empty ``AnyOf`` admits nobody).

    >>> any_of(WantsWorkAtShortNotice(), HasChildrenNeedingCare()).rules[1]
    HasChildrenNeedingCare()
    """

    rules: tuple[TargetGroupRule, ...] = attrs.field(converter=_rules, validator=_are_rules)


@attrs.frozen(kw_only=True)
class Not:
    """
    Persons *not* in *rule*.

    >>> Not(rule=Everyone())
    Not(rule=Everyone())
    """

    rule: TargetGroupRule = attrs.field(validator=_is_rule)


TargetGroupRule: TypeAlias = (
    Everyone
    | Employable
    | WantsWorkAtShortNotice
    | LanguageAtLeast
    | HasChildrenNeedingCare
    | AllOf
    | AnyOf
    | Not
)
"""Any target-group rule value (a frozen, serialisable predicate)."""

TARGET_GROUP_RULES: tuple[type, ...] = (
    Everyone,
    Employable,
    WantsWorkAtShortNotice,
    LanguageAtLeast,
    HasChildrenNeedingCare,
    AllOf,
    AnyOf,
    Not,
)
"""The classes of :data:`TargetGroupRule`, for ``isinstance`` checks."""

_RULE_VALIDATOR = instance_of(TARGET_GROUP_RULES, name="TargetGroupRule")
_RULES_VALIDATOR = items_of(TARGET_GROUP_RULES, name="TargetGroupRule")


def all_of(*rules: TargetGroupRule) -> AllOf:
    """
    A rule met when every one of *rules* is met.

    >>> all_of(Employable(), LanguageAtLeast(language="de", level=CefrLevel.A1))
    AllOf(rules=(Employable(), LanguageAtLeast(language='de', level=<CefrLevel.A1: 'A1'>)))
    """
    return AllOf(rules=rules)


def any_of(*rules: TargetGroupRule) -> AnyOf:
    """
    A rule met when at least one of *rules* is met.

    >>> any_of(Employable())
    AnyOf(rules=(Employable(),))
    """
    return AnyOf(rules=rules)


def not_(rule: TargetGroupRule) -> Not:
    """
    A rule met when *rule* is not.

    >>> not_(Employable())
    Not(rule=Employable())
    """
    return Not(rule=rule)


# --- the offer ----------------------------------------------------------------------------


def _categories(items: Iterable[NeedCategory]) -> frozenset[NeedCategory]:
    return as_frozenset(items)


def _session_id(session: Session) -> str:
    return session.id


def _sessions(items: Iterable[Session]) -> tuple[Session, ...]:
    return as_tuple(items)


@attrs.frozen(kw_only=True)
class GroupOffer:
    """
    A group offer of the Werkakademie: what it is about, who it is for, in which language,
    and its sessions.

    Attributes:
        id: opaque identifier.
        title: the offer's title, e.g. "Leben und Arbeiten in Deutschland".
        addresses: the need categories the offer addresses.
        target_group: who the offer is for (a rule value; :class:`Everyone` by default).
        language: language of instruction (ISO 639-1).
        interpretation_provided: whether interpreters (*Sprachmittler*) attend.
        sessions: the sessions, ids unique; an offer may start without any.

    >>> offer = GroupOffer(id="bt-1", title="Bewerbungstraining", language="de")
    >>> offer.sessions, offer.target_group
    ((), Everyone())
    """

    id: str = attrs.field(validator=non_empty)
    title: str = attrs.field(validator=non_empty)
    addresses: frozenset[NeedCategory] = attrs.field(
        default=frozenset(), converter=_categories, validator=items_of(NeedCategory)
    )
    target_group: TargetGroupRule = attrs.field(factory=Everyone, validator=_is_rule)
    language: str = attrs.field(default="de", validator=language_code)
    interpretation_provided: bool = attrs.field(default=False, validator=instance_of(bool))
    sessions: tuple[Session, ...] = attrs.field(
        default=(),
        converter=_sessions,
        validator=[items_of(Session), unique(_session_id, "session id")],
    )

    @property
    def session_ids(self) -> tuple[str, ...]:
        """The session ids in the offer's order."""
        return tuple(s.id for s in self.sessions)

    def session(self, session_id: str) -> Session:
        """
        The session with *session_id*; :class:`~jobcenter_core.errors.UnknownId` (a
        ``KeyError``) if the offer has none.
        """
        for s in self.sessions:
            if s.id == session_id:
                return s
        raise UnknownId("session id")

    def with_session(self, session: Session) -> GroupOffer:
        """
        A copy with *session* added (its id must be new).

        >>> from jobcenter_core.dates import at_berlin
        >>> s = Session(id="s-1", start=at_berlin(2022, 7, 5, 9), end=at_berlin(2022, 7, 5, 12),
        ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=12)
        >>> GroupOffer(id="bt-1", title="Bewerbungstraining").with_session(s).session_ids
        ('s-1',)
        """
        return attrs.evolve(self, sessions=(*self.sessions, session))


# --- who registers ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Candidate:
    """
    What the target-group rules know about a registered person: the *person*, their
    *household* (for children and their care) and whether they told their case worker
    they want to take up work at short notice (``None`` when not asked).

    >>> import pendulum
    >>> from jobcenter_core.people import Person, Sex
    >>> c = Candidate(person=Person(id="p-1", birth_date=pendulum.date(1990, 3, 1), sex=Sex.FEMALE),
    ...               wants_work_at_short_notice=True)
    >>> c.person_id
    'p-1'
    """

    person: Person = attrs.field(validator=instance_of(Person))
    household: Household | None = attrs.field(
        default=None, validator=instance_of((Household, NoneType))
    )
    wants_work_at_short_notice: bool | None = attrs.field(
        default=None, validator=instance_of((bool, NoneType))
    )

    @property
    def person_id(self) -> str:
        """The person's id."""
        return self.person.id
