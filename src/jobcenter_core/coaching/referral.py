"""
A coaching referral and where it stands (coaching/referral.py): :class:`ReferralStatus`,
:class:`CoachingReferral`, the :class:`ReferralTransition` every lifecycle command
returns, and :func:`coach_loads`, how many referrals each coach holds.

A referral changes only through the lifecycle commands
(:mod:`jobcenter_core.coaching.lifecycle`); its :attr:`~CoachingReferral.history` holds
every event so far.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import NoneType

import attrs
from pendulum import Date, DateTime

from jobcenter_core.coaching import _fields as fields
from jobcenter_core.coaching.events import ReferralEvent
from jobcenter_core.coaching.findings import CoachingFindings
from jobcenter_core.coaching.programme import CoachingProgramme
from jobcenter_core.dates import optional_date, to_instant
from jobcenter_core.decisions import LegalReference, Reason
from jobcenter_core.needs import Blocking, NeedCategory
from jobcenter_core.validators import (
    aware_instant,
    calendar_date,
    instance_of,
    items_of,
    language_code,
    non_empty,
    not_empty,
    optional,
    optional_non_empty,
    whole_number,
)

__all__ = [
    "CoachingReferral",
    "ReferralStatus",
    "ReferralTransition",
    "coach_loads",
]


class ReferralStatus(enum.Enum):
    """Where a coaching referral stands."""

    REFERRED = "referred"
    WAITLISTED = "waitlisted"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"

    @property
    def is_waiting(self) -> bool:
        """Referred or waitlisted: waiting for a coach."""
        return self in (ReferralStatus.REFERRED, ReferralStatus.WAITLISTED)

    @property
    def is_active(self) -> bool:
        """Accepted or in progress: holding a place in a coach's week."""
        return self in (ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS)

    @property
    def is_final(self) -> bool:
        """Completed, declined, cancelled or no-show: no command applies any more."""
        return not (self.is_waiting or self.is_active)


@attrs.frozen(kw_only=True)
class CoachingReferral:
    """
    A person's referral to a coaching programme and where it stands.

    Build one with :func:`refer` and change it only with the lifecycle commands; each
    returns the new referral and the events, and :attr:`history` holds every event so
    far (``replay_referral(referral.history) == referral``).

    Attributes:
        id: opaque identifier.
        person_id: the referred person.
        programme_id: the programme.
        referred_by: the case worker's id.
        referred_at: when the referral was made (waiting time counts from here).
        reasons: need categories the referral is for (may be special-category data:
            not in ``repr``).
        language: the language the coaching is to be held in.
        limited_mobility: whether the person's mobility was limited when referred
            (:func:`~jobcenter_core.coaching.fit.mobility_limited`); it ranks the coaches'
            waitlist.
        legal_basis: the programme's legal basis when referred.
        status: where the referral stands.
        coach_id: the coach, once accepted.
        starts_on: the agreed start, once accepted.
        sessions_planned: sessions of the coaching, once accepted.
        sessions_held: sessions held so far.
        findings: the coach's findings, once completed.
        outcome: why it ended, for a declined referral (no sanction attaches).
        history: every event, in order.
    """

    id: str = attrs.field(validator=non_empty)
    person_id: str = attrs.field(validator=non_empty)
    programme_id: str = attrs.field(validator=non_empty)
    referred_by: str = attrs.field(validator=non_empty)
    referred_at: DateTime = attrs.field(converter=to_instant, validator=aware_instant)
    reasons: frozenset[NeedCategory] = attrs.field(
        converter=fields.need_categories,
        validator=[items_of(NeedCategory), not_empty("need category")],
        repr=False,
    )
    language: str = attrs.field(validator=language_code)
    limited_mobility: bool = attrs.field(validator=instance_of(bool), repr=False)
    legal_basis: tuple[LegalReference, ...] = attrs.field(
        converter=fields.legal_references, validator=items_of(LegalReference), repr=False
    )
    status: ReferralStatus = attrs.field(
        default=ReferralStatus.REFERRED, validator=instance_of(ReferralStatus)
    )
    coach_id: str | None = attrs.field(default=None, validator=optional_non_empty)
    starts_on: Date | None = attrs.field(
        default=None, converter=optional_date, validator=optional(calendar_date)
    )
    sessions_planned: int | None = attrs.field(
        default=None, validator=optional(whole_number(minimum=1))
    )
    sessions_held: int = attrs.field(default=0, validator=whole_number(minimum=0))
    findings: CoachingFindings | None = attrs.field(
        default=None, validator=instance_of((CoachingFindings, NoneType)), repr=False
    )
    outcome: Reason | None = attrs.field(default=None, validator=instance_of((Reason, NoneType)))
    history: tuple[ReferralEvent, ...] = attrs.field(
        default=(), converter=fields.referral_events, validator=items_of(ReferralEvent), repr=False
    )

    @property
    def referred_on(self) -> Date:
        """The day of the referral (Berlin)."""
        return self.referred_at.date()

    @property
    def updated_at(self) -> DateTime:
        """The instant of the latest event."""
        return self.history[-1].at if self.history else self.referred_at

    @property
    def has_blocking_reason(self) -> bool:
        """
        Whether a reason for the referral is of a category that can block taking up work
        (childcare, acute psychosocial need …; see :class:`~jobcenter_core.needs.Blocking`).
        """
        return any(c.info.blocking is not Blocking.NEVER for c in self.reasons)


@attrs.frozen(kw_only=True)
class ReferralTransition:
    """The result of a lifecycle command: the new *referral* and the *events* it took."""

    referral: CoachingReferral = attrs.field(validator=instance_of(CoachingReferral))
    events: tuple[ReferralEvent, ...] = attrs.field(
        converter=fields.referral_events, validator=items_of(ReferralEvent)
    )


def coach_loads(
    programme: CoachingProgramme, caseload: Iterable[CoachingReferral]
) -> Mapping[str, int]:
    """
    For each coach of *programme*, how many referrals of *caseload* the coach holds
    (accepted or in progress).

    >>> import pendulum
    >>> from jobcenter_core.coaching import (Coach, CoachingProgramme, Delivery,
    ...                                      accept_referral, refer)
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> referral = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10)).referral
    >>> accepted = accept_referral(referral, programme, coach_id="coach-1", caseload=(),
    ...                            starts_on=pendulum.date(2022, 6, 27),
    ...                            at=at_berlin(2022, 6, 23, 9)).referral
    >>> coach_loads(programme, [accepted])
    {'coach-1': 1}
    """
    loads = {c.id: 0 for c in programme.coaches}
    seen: set[str] = set()
    for r in caseload:
        if r.id in seen:
            continue
        seen.add(r.id)
        if r.programme_id == programme.id and r.status.is_active and r.coach_id in loads:
            assert r.coach_id is not None
            loads[r.coach_id] += 1
    return loads
