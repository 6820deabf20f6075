"""
The roster's vocabulary: where a registration stands (:class:`RegistrationStatus`,
:class:`RosterEntry`), an open :class:`SeatOffer`, and the events a roster command
emits: frozen values a service can persist and :func:`~jobcenter_core.enrolment.replay`.

A registration arrives (:class:`Registered`) and is at once :class:`Rejected`,
:class:`Placed` or :class:`Waitlisted`. A seat freed for someone waiting is
:class:`SeatOffered` with a hold; the person :class:`Confirmed` or :class:`Declined` it,
or it lapsed (:class:`SeatOfferExpired`). A registration can be :class:`Cancelled`, a
placed one :class:`Moved` to another session, and the offer can gain a session
(:class:`SessionAdded`). :class:`OfferOpened` starts every roster.

>>> [RegistrationStatus(e) for e in ("waiting", "offered")]
[<RegistrationStatus.WAITING: 'waiting'>, <RegistrationStatus.OFFERED: 'offered'>]
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TypeAlias

import attrs
from pendulum import DateTime

from jobcenter_core.dates import optional_instant, to_instant
from jobcenter_core.decisions import Assumption, Reason
from jobcenter_core.enrolment import _fields as fields
from jobcenter_core.enrolment.registration import Commitment, Registration
from jobcenter_core.offers import GroupOffer, Session
from jobcenter_core.validators import (
    as_frozenset,
    aware_instant,
    instance_of,
    items_of,
    non_empty,
    optional,
    optional_non_empty,
)

__all__ = [
    "EVENT_TYPES",
    "Cancelled",
    "Confirmed",
    "Declined",
    "Event",
    "Moved",
    "OfferOpened",
    "Placed",
    "Registered",
    "RegistrationStatus",
    "Rejected",
    "RosterEntry",
    "SeatOffer",
    "SeatOfferExpired",
    "SeatOffered",
    "SessionAdded",
    "Waitlisted",
]


def caseworker_ids(items: Iterable[str] | None) -> frozenset[str] | None:
    """The case worker ids as a frozenset, or ``None`` when not given (presumed)."""
    return None if items is None else as_frozenset(items)


_CASEWORKER_IDS = optional(items_of(str))


class RegistrationStatus(enum.Enum):
    """Where a registration stands in an :class:`~jobcenter_core.enrolment.OfferState`.

    >>> RegistrationStatus.OFFERED.is_active, RegistrationStatus.LAPSED.is_active
    (True, False)
    """

    REGISTERED = "registered"
    """Recorded, not yet decided (only inside a transition)."""
    PLACED = "placed"
    """Holds a seat (placed on registration, or confirmed a seat offer)."""
    WAITING = "waiting"
    """On the waitlist."""
    OFFERED = "offered"
    """Holds a seat offer until it is confirmed, declined or lapses."""
    CANCELLED = "cancelled"
    DECLINED = "declined"
    LAPSED = "lapsed"
    """A seat offer lapsed unanswered; the registration ended."""
    REJECTED = "rejected"

    @property
    def is_active(self) -> bool:
        """Whether the registration still counts for its person (placed, waiting, offered)."""
        return self in _ACTIVE


_ACTIVE = frozenset(
    {RegistrationStatus.PLACED, RegistrationStatus.WAITING, RegistrationStatus.OFFERED}
)


@attrs.frozen(kw_only=True)
class RosterEntry:
    """
    One registration of an :class:`~jobcenter_core.enrolment.OfferState` and where it stands.

    Attributes:
        registration: the registration as it arrived.
        status: where it stands (never ``REGISTERED`` outside a transition).
        session_id: the session it holds a seat or a seat offer in (placed, offered), or
            the session whose seat offer it declined or let lapse; else ``None``.
        hold_until: while offered, the instant the seat offer lapses; else ``None``.
        queued_in: while waiting with ranked preferences, the sessions whose queue it
            waits in (its preferences that do not clash with a commitment, then sessions
            added since, in that order); else empty. A registration without preferences
            waits for any session.
        reasons: why it was rejected; else empty.

    >>> from jobcenter_core.dates import at_berlin
    >>> r = Registration(id="r-1", person_id="p-1", offer_id="o", registered_by="cw",
    ...                  registered_at=at_berlin(2022, 6, 13, 9))
    >>> RosterEntry(registration=r, status=RegistrationStatus.PLACED, session_id="s-1").session_id
    's-1'
    """

    registration: Registration = attrs.field(validator=instance_of(Registration))
    status: RegistrationStatus = attrs.field(validator=instance_of(RegistrationStatus))
    session_id: str | None = attrs.field(default=None, validator=optional_non_empty)
    hold_until: DateTime | None = attrs.field(
        default=None, converter=optional_instant, validator=optional(aware_instant)
    )
    queued_in: tuple[str, ...] = attrs.field(
        default=(), converter=fields.session_ids, validator=items_of(str)
    )
    reasons: tuple[Reason, ...] = attrs.field(
        default=(), converter=fields.reasons, validator=items_of(Reason)
    )


@attrs.frozen(kw_only=True)
class SeatOffer:
    """An open seat offer: *registration_id* may take a seat in *session_id* until *until*.

    >>> from jobcenter_core.dates import at_berlin
    >>> SeatOffer(registration_id="r-1", session_id="s-1", until=at_berlin(2022, 6, 17, 10)).until.isoformat()
    '2022-06-17T10:00:00+02:00'
    """

    registration_id: str = attrs.field(validator=non_empty)
    session_id: str = attrs.field(validator=non_empty)
    until: DateTime = attrs.field(converter=to_instant, validator=aware_instant)


@attrs.frozen(kw_only=True)
class OfferOpened:
    """The roster of *offer* was opened, respecting *commitments* and *caseworkers*.

    >>> from jobcenter_core.offers import GroupOffer
    >>> OfferOpened(offer=GroupOffer(id="o", title="t"), caseworkers=["cw-1"]).caseworkers
    frozenset({'cw-1'})
    """

    offer: GroupOffer = attrs.field(validator=instance_of(GroupOffer))
    commitments: tuple[Commitment, ...] = attrs.field(
        default=(), converter=fields.commitments, validator=items_of(Commitment)
    )
    caseworkers: frozenset[str] | None = attrs.field(
        default=None, converter=caseworker_ids, validator=_CASEWORKER_IDS
    )


@attrs.frozen(kw_only=True)
class Registered:
    """*registration* arrived; *presumed* lists the facts the checks had to presume.

    >>> from jobcenter_core.dates import at_berlin
    >>> r = Registration(id="r-1", person_id="p-1", offer_id="o", registered_by="cw",
    ...                  registered_at=at_berlin(2022, 6, 13, 9))
    >>> Registered(registration=r).presumed
    ()
    """

    registration: Registration = attrs.field(validator=instance_of(Registration))
    presumed: tuple[Assumption, ...] = attrs.field(
        default=(), converter=fields.assumptions, validator=items_of(Assumption)
    )


@attrs.frozen(kw_only=True)
class Rejected:
    """A registration was rejected for *reasons*.

    >>> from jobcenter_core.dates import at_berlin
    >>> Rejected(registration_id="r-1", reasons=(Reason(code="wrong_offer", message="other offer"),), at=at_berlin(2022, 6, 15, 10)).reasons[0].code
    'wrong_offer'
    """

    registration_id: str = attrs.field(validator=non_empty)
    reasons: tuple[Reason, ...] = attrs.field(converter=fields.reasons, validator=items_of(Reason))
    at: DateTime = attrs.field(converter=to_instant, validator=aware_instant)


@attrs.frozen(kw_only=True)
class Placed:
    """A registration was placed in *session_id* on arrival.

    >>> from jobcenter_core.dates import at_berlin
    >>> Placed(registration_id="r-1", session_id="s-1", at=at_berlin(2022, 6, 15, 10)).session_id
    's-1'
    """

    registration_id: str = attrs.field(validator=non_empty)
    session_id: str = attrs.field(validator=non_empty)
    at: DateTime = attrs.field(converter=to_instant, validator=aware_instant)


@attrs.frozen(kw_only=True)
class Waitlisted:
    """A registration joined the waitlist.

    >>> from jobcenter_core.dates import at_berlin
    >>> Waitlisted(registration_id="r-1", at=at_berlin(2022, 6, 15, 10)).registration_id
    'r-1'
    """

    registration_id: str = attrs.field(validator=non_empty)
    at: DateTime = attrs.field(converter=to_instant, validator=aware_instant)


@attrs.frozen(kw_only=True)
class SeatOffered:
    """A seat in *session_id* was offered to a waiting registration, held *until*.

    >>> from jobcenter_core.dates import at_berlin
    >>> e = SeatOffered(registration_id="r-1", session_id="s-1", at=at_berlin(2022, 6, 15, 10), until=at_berlin(2022, 6, 17, 10))
    >>> (e.until - e.at).in_hours()
    48
    """

    registration_id: str = attrs.field(validator=non_empty)
    session_id: str = attrs.field(validator=non_empty)
    at: DateTime = attrs.field(converter=to_instant, validator=aware_instant)
    until: DateTime = attrs.field(converter=to_instant, validator=aware_instant)


@attrs.frozen(kw_only=True)
class SeatOfferExpired:
    """A seat offer lapsed unanswered; the registration ended and the seat passes on.

    >>> from jobcenter_core.dates import at_berlin
    >>> SeatOfferExpired(registration_id="r-1", session_id="s-1", at=at_berlin(2022, 6, 15, 10)).session_id
    's-1'
    """

    registration_id: str = attrs.field(validator=non_empty)
    session_id: str = attrs.field(validator=non_empty)
    at: DateTime = attrs.field(converter=to_instant, validator=aware_instant)


@attrs.frozen(kw_only=True)
class Confirmed:
    """A seat offer was confirmed: the registration holds the seat.

    >>> from jobcenter_core.dates import at_berlin
    >>> Confirmed(registration_id="r-1", session_id="s-1", at=at_berlin(2022, 6, 15, 10)).registration_id
    'r-1'
    """

    registration_id: str = attrs.field(validator=non_empty)
    session_id: str = attrs.field(validator=non_empty)
    at: DateTime = attrs.field(converter=to_instant, validator=aware_instant)


@attrs.frozen(kw_only=True)
class Declined:
    """A seat offer was declined: the registration ended and the seat passes on.

    >>> from jobcenter_core.dates import at_berlin
    >>> Declined(registration_id="r-1", session_id="s-1", at=at_berlin(2022, 6, 15, 10)).registration_id
    'r-1'
    """

    registration_id: str = attrs.field(validator=non_empty)
    session_id: str = attrs.field(validator=non_empty)
    at: DateTime = attrs.field(converter=to_instant, validator=aware_instant)


@attrs.frozen(kw_only=True)
class Cancelled:
    """A registration was cancelled; a seat or seat offer it held is freed.

    >>> from jobcenter_core.dates import at_berlin
    >>> Cancelled(registration_id="r-1", at=at_berlin(2022, 6, 15, 10)).at.isoformat()
    '2022-06-15T10:00:00+02:00'
    """

    registration_id: str = attrs.field(validator=non_empty)
    at: DateTime = attrs.field(converter=to_instant, validator=aware_instant)


@attrs.frozen(kw_only=True)
class SessionAdded:
    """*session* was added to the offer; everyone waiting may take it.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.offers import Session, Venue
    >>> s = Session(id="s-2", start=at_berlin(2022, 6, 30, 9), end=at_berlin(2022, 6, 30, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=15)
    >>> SessionAdded(session=s, at=at_berlin(2022, 6, 15, 10)).session.capacity
    15
    """

    session: Session = attrs.field(validator=instance_of(Session))
    at: DateTime = attrs.field(converter=to_instant, validator=aware_instant)


@attrs.frozen(kw_only=True)
class Moved:
    """A placed registration moved from *from_session_id* to *to_session_id*.

    >>> from jobcenter_core.dates import at_berlin
    >>> Moved(registration_id="r-1", from_session_id="s-1", to_session_id="s-2", at=at_berlin(2022, 6, 15, 10)).to_session_id
    's-2'
    """

    registration_id: str = attrs.field(validator=non_empty)
    from_session_id: str = attrs.field(validator=non_empty)
    to_session_id: str = attrs.field(validator=non_empty)
    at: DateTime = attrs.field(converter=to_instant, validator=aware_instant)


Event: TypeAlias = (
    OfferOpened
    | Registered
    | Rejected
    | Placed
    | Waitlisted
    | SeatOffered
    | SeatOfferExpired
    | Confirmed
    | Declined
    | Cancelled
    | SessionAdded
    | Moved
)
"""Any roster event (frozen values a service can persist and
:func:`~jobcenter_core.enrolment.replay`)."""

EVENT_TYPES: tuple[type, ...] = (
    OfferOpened,
    Registered,
    Rejected,
    Placed,
    Waitlisted,
    SeatOffered,
    SeatOfferExpired,
    Confirmed,
    Declined,
    Cancelled,
    SessionAdded,
    Moved,
)
"""The classes of :data:`Event`, for ``isinstance`` checks."""
