"""
The coaching programme (coaching/programme.py): who offers it, in which languages, how
it is held, its coaches with their weekly capacity, its legal basis and its target group.

>>> programme = CoachingProgramme(
...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
...     coaches=[Coach(id="coach-1", languages={"uk", "de"}, weekly_capacity=2)],
...     sessions_per_coaching=3,
... )
>>> [str(reference) for reference in programme.legal_basis]
['SGB II § 16 Abs. 1', 'SGB III § 45 Abs. 1']

References:
    SGB II § 16 Abs. 1 with SGB III § 45 Abs. 1; SGB II § 16k (since 2023-07-01).
"""

from __future__ import annotations

import enum
import operator
from collections.abc import Iterable
from typing import Final

import attrs

from jobcenter_core.coaching import _fields as fields
from jobcenter_core.decisions import LegalReference, sgb2, sgb3
from jobcenter_core.errors import UnknownId
from jobcenter_core.offers import TARGET_GROUP_RULES, Employable, TargetGroupRule
from jobcenter_core.rules import BenefitRegime
from jobcenter_core.validators import (
    as_frozenset,
    as_tuple,
    instance_of,
    items_of,
    language_codes,
    non_empty,
    not_empty,
    unique,
    whole_number,
)

__all__ = [
    "Coach",
    "CoachingProgramme",
    "CoachingTargetGroup",
    "Delivery",
    "cites_section_16k",
]


class Delivery(enum.Enum):
    """How a coaching is held."""

    ONLINE = "online"
    """By video call: nobody has to travel (the seed's plan)."""
    IN_PERSON = "in_person"
    """At the provider's or the job centre's premises."""


def _languages(items: Iterable[str]) -> frozenset[str]:
    return as_frozenset(items)


@attrs.frozen(kw_only=True)
class Coach:
    """
    A coach of a programme: the *languages* the coach coaches in (ISO 639 codes) and the
    *weekly_capacity* in sessions.

    Every coaching the coach holds takes one session a week, so a coach carries at most
    *weekly_capacity* accepted or running coachings at a time.

    >>> Coach(id="coach-1", languages=frozenset({"uk"}), weekly_capacity=0)
    Traceback (most recent call last):
    ...
    ValueError: 'weekly_capacity' must be >= 1 (got 0)
    """

    id: str = attrs.field(validator=non_empty)
    languages: frozenset[str] = attrs.field(
        converter=_languages, validator=[not_empty("language"), language_codes]
    )
    weekly_capacity: int = attrs.field(validator=whole_number(minimum=1))


def _coaches(items: Iterable[Coach]) -> tuple[Coach, ...]:
    return as_tuple(items)


def _regimes(items: Iterable[BenefitRegime]) -> frozenset[BenefitRegime]:
    return as_frozenset(items)


@attrs.frozen(kw_only=True)
class CoachingTargetGroup:
    """
    Who a programme is for: persons whose benefit regime is one of *regimes* and who
    meet *rule*, a target-group rule of the group offers
    (:mod:`jobcenter_core.offers`, evaluated by
    :func:`jobcenter_core.rules.in_target_group`). The defaults describe an
    integration measure under SGB II § 16: employable SGB II beneficiaries.

    >>> from jobcenter_core.offers import Employable
    >>> group = CoachingTargetGroup()
    >>> group.regimes == frozenset({BenefitRegime.SGB_II}), group.rule == Employable()
    (True, True)

    References:
        SGB II § 16 Abs. 1 (benefits for employable beneficiaries), § 8.
    """

    regimes: frozenset[BenefitRegime] = attrs.field(
        default=frozenset({BenefitRegime.SGB_II}),
        converter=_regimes,
        validator=items_of(BenefitRegime),
    )
    rule: TargetGroupRule = attrs.field(
        factory=Employable, validator=instance_of(TARGET_GROUP_RULES, name="TargetGroupRule")
    )


_INTEGRATION_MEASURE: Final = (sgb2("16", "1"), sgb3("45", "1"))
"""The default legal basis: an activation and integration measure."""


@attrs.frozen(kw_only=True)
class CoachingProgramme:
    """
    An individual coaching programme offered by a *provider*.

    Attributes:
        id: opaque identifier.
        provider: the organisation that runs it (a Maßnahmeträger, the Werkakademie).
        languages: the languages it is held in (ISO 639 codes).
        delivery: online or in person.
        coaches: its coaches, ids unique.
        sessions_per_coaching: how many one-to-one sessions a coaching has.
        legal_basis: what the job centre grants it under. Default: SGB II § 16 Abs. 1
            with SGB III § 45 Abs. 1 (activation and integration measure). From
            2023-07-01 a programme may cite SGB II § 16k (holistic coaching) instead;
            whether an *online* coaching qualifies under § 16k is **uncertain** (a BA
            note speaks of in-person work), and
            :func:`~jobcenter_core.coaching.fit.referral_fit` says so.
        target_group: who it is for.

    >>> p = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages=frozenset({"uk"}),
    ...     delivery=Delivery.ONLINE,
    ...     coaches=(Coach(id="c-1", languages=frozenset({"uk"}), weekly_capacity=5),),
    ...     sessions_per_coaching=4,
    ... )
    >>> [c.id for c in p.coaches_for("uk")], p.coaches_for("ru")
    (['c-1'], ())
    >>> p.cites_section_16k
    False

    References:
        SGB II § 16 Abs. 1; SGB III § 45 Abs. 1; SGB II § 16k.
    """

    id: str = attrs.field(validator=non_empty)
    provider: str = attrs.field(validator=non_empty)
    languages: frozenset[str] = attrs.field(
        converter=_languages, validator=[not_empty("language"), language_codes]
    )
    delivery: Delivery = attrs.field(validator=instance_of(Delivery))
    coaches: tuple[Coach, ...] = attrs.field(
        converter=_coaches,
        validator=[items_of(Coach), unique(operator.attrgetter("id"), "coach id")],
    )
    sessions_per_coaching: int = attrs.field(validator=whole_number(minimum=1))
    legal_basis: tuple[LegalReference, ...] = attrs.field(
        default=_INTEGRATION_MEASURE,
        converter=fields.legal_references,
        validator=[items_of(LegalReference), not_empty("legal reference")],
    )
    target_group: CoachingTargetGroup = attrs.field(
        factory=CoachingTargetGroup, validator=instance_of(CoachingTargetGroup)
    )

    def coach(self, coach_id: str) -> Coach:
        """
        The coach with *coach_id*; :class:`~jobcenter_core.errors.UnknownId` (a
        ``KeyError``) if the programme has none.
        """
        for c in self.coaches:
            if c.id == coach_id:
                return c
        raise UnknownId("coach id")

    def coaches_for(self, language: str) -> tuple[Coach, ...]:
        """The coaches who coach in *language*, if it is a language of the programme."""
        if language not in self.languages:
            return ()
        return tuple(c for c in self.coaches if language in c.languages)

    @property
    def cites_section_16k(self) -> bool:
        """Whether the legal basis cites SGB II § 16k (holistic coaching)."""
        return cites_section_16k(self.legal_basis)


def cites_section_16k(legal_basis: Iterable[LegalReference]) -> bool:
    """
    Whether *legal_basis* cites SGB II § 16k (holistic coaching), in any paragraph.

    >>> from jobcenter_core.decisions import sgb2, sgb3
    >>> cites_section_16k([sgb2("16k")]), cites_section_16k([sgb2("16", "1"), sgb3("45", "1")])
    (True, False)
    """
    return any(r.law == "SGB II" and r.section == "16k" for r in legal_basis)
