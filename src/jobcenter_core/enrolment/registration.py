"""
Registrations for a group offer, the order they are served in, and the seats people
already hold elsewhere.

A case worker registers a person for an offer (:class:`Registration`), naming the
sessions the person prefers. Seats go in the order of :func:`order_key`: higher
``priority`` first, then earlier ``registered_at``, then registration id. What the
priority is, is local policy: a :data:`PriorityRule` sets it (:func:`reprioritise`).
A :class:`Commitment` is a seat a person holds in another offer; nobody is placed in a
session that overlaps one.

Who may register is said when a roster opens or a batch is allocated, always by name:
the ids of the case workers (the Werkakademie's rule in June 2022: registrations went
through the case workers, nobody else registers), or :data:`ANYONE` for an offer with
open registration. Nothing is presumed: leaving it out is an error.

>>> from jobcenter_core.dates import at_berlin
>>> early = Registration(id="r-1", person_id="p-1", offer_id="lad", registered_by="cw-1",
...                      registered_at=at_berlin(2022, 6, 13, 9))
>>> urgent = attrs.evolve(early, id="r-2", person_id="p-2", priority=1,
...                       registered_at=at_berlin(2022, 6, 14, 9))
>>> [r.id for r in sorted([early, urgent], key=order_key)]
['r-2', 'r-1']
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from typing import Final, TypeAlias

import attrs
from pendulum import DateTime

from jobcenter_core.dates import instant_order, to_instant
from jobcenter_core.enrolment import _fields as fields
from jobcenter_core.offers import Candidate, GroupOffer, Session
from jobcenter_core.validators import aware_instant, items_of, non_empty, unique, whole_number

__all__ = [
    "ANYONE",
    "Commitment",
    "OpenRegistration",
    "OrderKey",
    "PriorityRule",
    "Registrars",
    "Registration",
    "commitments_by_person",
    "order_key",
    "preference_order",
    "registrars",
    "reprioritise",
]


class OpenRegistration(enum.Enum):
    """
    The registration of an offer is open: anyone may register a person, not only the
    case workers. Asked for by name as :data:`ANYONE`.

    >>> ANYONE
    <OpenRegistration.ANYONE: 'anyone'>
    """

    ANYONE = "anyone"


ANYONE: Final = OpenRegistration.ANYONE
"""Open registration: ``open_offer(offer, caseworkers=ANYONE)``, ``allocate(…, caseworkers=ANYONE)``."""

Registrars: TypeAlias = Iterable[str] | OpenRegistration
"""Who may register for an offer: the case workers' ids, or :data:`ANYONE`."""


def registrars(caseworkers: Registrars) -> frozenset[str] | None:
    """
    The ids of those allowed to register, or ``None`` for open registration
    (:data:`ANYONE`): how a roster and its events store *caseworkers*. Anything else
    (``None``, a single id as a string, ids that are not strings) is refused with a
    ``TypeError``: who may register is never presumed.

    >>> from jobcenter_core.enrolment.registration import registrars
    >>> sorted(registrars(["cw-2", "cw-1"])), registrars(ANYONE)
    (['cw-1', 'cw-2'], None)
    >>> registrars(None)
    Traceback (most recent call last):
    ...
    TypeError: 'caseworkers' must be the case workers' ids, or ANYONE for open registration (got NoneType)
    """
    if caseworkers is ANYONE:
        return None
    if isinstance(caseworkers, str | bytes) or not isinstance(caseworkers, Iterable):
        raise TypeError(
            "'caseworkers' must be the case workers' ids, or ANYONE for open registration "
            f"(got {type(caseworkers).__name__})"
        )
    ids = frozenset(caseworkers)
    for caseworker in ids:
        if not isinstance(caseworker, str):
            raise TypeError(f"'caseworkers' must hold str values (got {type(caseworker).__name__})")
    return ids


def _same(value: str) -> str:
    return value


def _instant_of(registered_at: DateTime) -> float:
    # Anything but an instant is refused by the field's validator, which runs next.
    return instant_order(registered_at) if isinstance(registered_at, DateTime) else 0.0


@attrs.frozen(kw_only=True)
class Registration:
    """
    A case worker's registration of a person for a group offer.

    Attributes:
        id: opaque identifier, unique among the offer's registrations.
        person_id: the registered person.
        offer_id: the offer registered for.
        preferences: session ids in order of preference; empty means "any session,
            earliest first".
        registered_at: the instant of registration (Europe/Berlin).
        registered_by: the id of the case worker who registered the person.
        priority: higher goes first (see :func:`order_key`); 0 by default, and may be
            negative.

    >>> from jobcenter_core.dates import at_berlin
    >>> Registration(id="r-1", person_id="p-1", offer_id="lad", preferences=("s-1", "s-1"),
    ...              registered_at=at_berlin(2022, 6, 13, 9), registered_by="cw-1")
    Traceback (most recent call last):
    ...
    ValueError: 'preferences' lists a session twice
    """

    id: str = attrs.field(validator=non_empty)
    person_id: str = attrs.field(validator=non_empty)
    offer_id: str = attrs.field(validator=non_empty)
    preferences: tuple[str, ...] = attrs.field(
        default=(),
        converter=fields.session_ids,
        validator=[items_of(str), unique(_same, "session")],
    )
    registered_at: DateTime = attrs.field(converter=to_instant, validator=aware_instant)
    registered_by: str = attrs.field(validator=non_empty)
    priority: int = attrs.field(default=0, validator=whole_number(minimum=None))
    # When registered_at happened, as instant_order gives it: the order key's second part.
    _instant: float = attrs.field(
        init=False,
        repr=False,
        eq=False,
        default=attrs.Factory(lambda self: _instant_of(self.registered_at), takes_self=True),
    )


OrderKey: TypeAlias = tuple[int, float, str]
"""``(-priority, POSIX timestamp of registered_at, id)``: smaller is served first."""


def order_key(registration: Registration) -> OrderKey:
    """
    The key registrations are served in: higher ``priority`` first, then earlier
    ``registered_at``, then registration id.

    "Earlier" is by the actual instant (:func:`~jobcenter_core.dates.instant_order`),
    also in the hour the clocks go back, where Berlin date-times compare by wall clock.

    >>> from jobcenter_core.dates import at_berlin
    >>> early = Registration(id="r-1", person_id="p-1", offer_id="o", registered_by="cw",
    ...                      registered_at=at_berlin(2022, 6, 13, 9))
    >>> urgent = attrs.evolve(early, id="r-2", priority=1, registered_at=at_berlin(2022, 6, 14, 9))
    >>> [r.id for r in sorted([early, urgent], key=order_key)]
    ['r-2', 'r-1']
    """
    return (-registration.priority, registration._instant, registration.id)


def preference_order(offer: GroupOffer) -> Callable[[Registration], Iterable[Session]]:
    """
    For each registration, the sessions of *offer* it may take, most preferred first: the
    sessions it ranked, or, for an empty preference list, every session, earliest first.
    The registration must name only sessions of the offer (as every registration that
    passed :func:`~jobcenter_core.enrolment.admission.may_take_part` does).

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.offers import Venue
    >>> from jobcenter_core.enrolment.registration import preference_order
    >>> v = Venue(name="Werkakademie", address="Bocholt")
    >>> offer = GroupOffer(id="o", title="t", sessions=(
    ...     Session(id="b", start=at_berlin(2022, 6, 30, 9), end=at_berlin(2022, 6, 30, 12), venue=v, capacity=1),
    ...     Session(id="a", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12), venue=v, capacity=1)))
    >>> anything = Registration(id="r-1", person_id="p-1", offer_id="o", registered_by="cw",
    ...                         registered_at=at_berlin(2022, 6, 13, 9))
    >>> [s.id for s in preference_order(offer)(anything)]
    ['a', 'b']
    """
    by_id = {s.id: s for s in offer.sessions}
    earliest_first: tuple[Session, ...] = ()

    def sessions_for(registration: Registration) -> Iterable[Session]:
        nonlocal earliest_first
        if registration.preferences:
            return map(by_id.__getitem__, registration.preferences)
        if len(earliest_first) != len(by_id):  # worked out on first need
            earliest_first = tuple(sorted(by_id.values(), key=_start_then_id))
        return earliest_first

    return sessions_for


def _start_then_id(session: Session) -> tuple[float, str]:
    return (instant_order(session.start), session.id)


@attrs.frozen(kw_only=True)
class Commitment:
    """
    A seat a person already holds elsewhere (another offer's session), from *start* to
    *end*: nobody is placed in a session that overlaps one of their commitments.

    >>> from jobcenter_core.dates import at_berlin
    >>> Commitment(person_id="p-1", offer_id="bt", session_id="s-1",
    ...            start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 11)).session_id
    's-1'
    """

    person_id: str = attrs.field(validator=non_empty)
    offer_id: str = attrs.field(validator=non_empty)
    session_id: str = attrs.field(validator=non_empty)
    start: DateTime = attrs.field(converter=to_instant, validator=aware_instant)
    end: DateTime = attrs.field(converter=to_instant, validator=aware_instant)

    @classmethod
    def of(cls, person_id: str, offer: GroupOffer, session: Session) -> Commitment:
        """The commitment of *person_id* holding a seat in *session* of *offer*."""
        return cls(
            person_id=person_id,
            offer_id=offer.id,
            session_id=session.id,
            start=session.start,
            end=session.end,
        )

    def clashes_with(self, session: Session) -> bool:
        """Whether *session* overlaps this seat in time (touching ends do not)."""
        return session.overlaps(self.start, self.end)


def commitments_by_person(
    commitments: Iterable[Commitment],
) -> dict[str, tuple[Commitment, ...]]:
    """
    *commitments* grouped by person, each person's in the order given.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.enrolment.registration import commitments_by_person
    >>> c = Commitment(person_id="p-1", offer_id="bt", session_id="s-1",
    ...                start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 11))
    >>> list(commitments_by_person([c, c]))
    ['p-1']
    """
    found: dict[str, list[Commitment]] = {}
    for c in commitments:
        found.setdefault(c.person_id, []).append(c)
    return {person_id: tuple(held) for person_id, held in found.items()}


PriorityRule: TypeAlias = Callable[[Registration, "Candidate | None"], int]
"""A function giving a registration its priority from the registration and the facts."""


def reprioritise(
    registrations: Iterable[Registration],
    rule: PriorityRule,
    *,
    candidates: Mapping[str, Candidate] | None = None,
) -> tuple[Registration, ...]:
    """
    *registrations* with ``priority`` set by *rule* (see the how-to "Write your own
    priority rule").

    >>> from jobcenter_core.dates import at_berlin
    >>> r = Registration(id="r-1", person_id="p-1", offer_id="o", registered_by="cw",
    ...                  registered_at=at_berlin(2022, 6, 13, 9))
    >>> reprioritise([r], lambda reg, facts: 5)[0].priority
    5
    """
    found = candidates or {}
    return tuple(attrs.evolve(r, priority=rule(r, found.get(r.person_id))) for r in registrations)
