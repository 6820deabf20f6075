"""
The events of a coaching referral (coaching/events.py): frozen values a service
persists, one per step of the lifecycle, from :class:`Referred` to :class:`Completed`,
:class:`ReferralDeclined`, :class:`ReferralCancelled` or :class:`NoShow`.

The lifecycle commands (:mod:`jobcenter_core.coaching.lifecycle`) take them;
:func:`~jobcenter_core.coaching.lifecycle.replay_referral` rebuilds a referral from them. Their
JSON names them by class under ``"$type"``.

>>> from jobcenter_core.dates import at_berlin
>>> ReferralWaitlisted(referral_id="r-1", at=at_berlin(2022, 6, 23, 9)).at.isoformat()
'2022-06-23T09:00:00+02:00'
"""

from __future__ import annotations

import attrs
from pendulum import Date, DateTime

from jobcenter_core.coaching import _fields as fields
from jobcenter_core.coaching.findings import CoachingFindings
from jobcenter_core.dates import to_date, to_instant
from jobcenter_core.decisions import LegalReference, Reason
from jobcenter_core.needs import NeedCategory
from jobcenter_core.validators import (
    aware_instant,
    calendar_date,
    instance_of,
    items_of,
    language_code,
    non_empty,
    not_empty,
    whole_number,
)

__all__ = [
    "Accepted",
    "Completed",
    "NoShow",
    "ReferralCancelled",
    "ReferralDeclined",
    "ReferralEvent",
    "ReferralWaitlisted",
    "Referred",
    "SessionHeld",
    "Started",
]


@attrs.frozen(kw_only=True)
class ReferralEvent:
    """
    Something that happened to coaching referral *referral_id* at instant *at* (Berlin).

    The subclasses are the events a service persists;
    :func:`~jobcenter_core.coaching.lifecycle.replay_referral` rebuilds the referral from them.
    """

    referral_id: str = attrs.field(validator=non_empty)
    at: DateTime = attrs.field(converter=to_instant, validator=aware_instant)


@attrs.frozen(kw_only=True)
class Referred(ReferralEvent):
    """A case worker referred the person to the programme (see :func:`~jobcenter_core.coaching.lifecycle.refer`)."""

    person_id: str = attrs.field(validator=non_empty)
    programme_id: str = attrs.field(validator=non_empty)
    referred_by: str = attrs.field(validator=non_empty)
    reasons: frozenset[NeedCategory] = attrs.field(
        converter=fields.need_categories,
        validator=[items_of(NeedCategory), not_empty("need category")],
        repr=False,
    )
    language: str = attrs.field(validator=language_code)
    limited_mobility: bool = attrs.field(validator=instance_of(bool), repr=False)
    legal_basis: tuple[LegalReference, ...] = attrs.field(
        converter=fields.legal_references,
        validator=[items_of(LegalReference), not_empty("legal reference")],
        repr=False,
    )


@attrs.frozen(kw_only=True)
class ReferralWaitlisted(ReferralEvent):
    """No coach was free: the referral waits (see :func:`~jobcenter_core.coaching.lifecycle.waitlist_referral`)."""


@attrs.frozen(kw_only=True)
class Accepted(ReferralEvent):
    """A coach took the referral, starting on *starts_on* (see :func:`~jobcenter_core.coaching.lifecycle.accept_referral`)."""

    coach_id: str = attrs.field(validator=non_empty)
    starts_on: Date = attrs.field(converter=to_date, validator=calendar_date)
    sessions_planned: int = attrs.field(validator=whole_number(minimum=1))


@attrs.frozen(kw_only=True)
class Started(ReferralEvent):
    """The coaching began (see :func:`~jobcenter_core.coaching.lifecycle.start_coaching`)."""


@attrs.frozen(kw_only=True)
class SessionHeld(ReferralEvent):
    """Session number *number* (1, 2, …) was held (see :func:`~jobcenter_core.coaching.lifecycle.record_session`)."""

    number: int = attrs.field(validator=whole_number(minimum=1))


@attrs.frozen(kw_only=True)
class Completed(ReferralEvent):
    """The coach completed the coaching and reported *findings* (see :func:`~jobcenter_core.coaching.lifecycle.complete_coaching`)."""

    findings: CoachingFindings = attrs.field(validator=instance_of(CoachingFindings), repr=False)


@attrs.frozen(kw_only=True)
class ReferralDeclined(ReferralEvent):
    """The person declined; *reason* records that no sanction attaches (see :func:`~jobcenter_core.coaching.lifecycle.decline_referral`)."""

    reason: Reason = attrs.field(validator=instance_of(Reason))


@attrs.frozen(kw_only=True)
class ReferralCancelled(ReferralEvent):
    """The job centre or the provider (*by*) cancelled the referral (see :func:`~jobcenter_core.coaching.lifecycle.cancel_referral`)."""

    by: str = attrs.field(validator=non_empty)


@attrs.frozen(kw_only=True)
class NoShow(ReferralEvent):
    """The person did not come to the coaching (see :func:`~jobcenter_core.coaching.lifecycle.record_no_show`)."""
