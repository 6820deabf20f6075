"""
Enrolment: :class:`Registration` for a group offer, batch :func:`allocate`, the
incremental roster :class:`OfferState` with waitlist promotion and seat offers, and the
"add another session" :func:`demand_signal`.

**Allocation semantics** (DESIGN.md, the policy every caller may assume):

* the *order key* (:func:`order_key`) is higher ``priority`` first, then earlier
  ``registered_at``, then registration id — the same result whatever the input order;
* registrations are walked in key order; each takes its most preferred session that
  still has a free seat and does not overlap a seat the person already holds
  (``commitments``); an empty preference list means "any session, earliest first"
  (serial dictatorship, which equals deferred acceptance when all sessions rank people
  by the same key);
* a registration for another offer, naming an unknown session, made by someone who is
  not a case worker, for a person outside the target group, or repeating a person
  already registered (same person, same offer) is rejected with reasons; eligible but
  not placed means the waitlist, in key order.

Registrations go through the case workers (the Werkakademie's rule in June 2022):

>>> from jobcenter_core.dates import at_berlin
>>> from jobcenter_core.offers import GroupOffer, Session, Venue
>>> venue = Venue(name="Zentrale Unterkunft", address="Bocholt")
>>> offer = GroupOffer(id="lad", title="Leben und Arbeiten in Deutschland", sessions=(
...     Session(id="s-0621", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
...             venue=venue, capacity=2),))
>>> regs = [Registration(id=f"r-{i}", person_id=f"p-{i}", offer_id="lad", preferences=("s-0621",),
...                      registered_at=at_berlin(2022, 6, 13, 9 + i), registered_by="cw-1")
...         for i in range(3)]
>>> result = allocate(offer, regs)
>>> [r.id for r in result.placed_in("s-0621")], [r.id for r in result.waitlist]
(['r-0', 'r-1'], ['r-2'])
>>> print(result.explain("r-2").explain())
WAITLISTED
  - session s-0621 was full; the worst key holding a seat there is r-1 (priority 0, registered 2022-06-13T10:00:00+02:00) (session_full)
  - waiting at position 1 of 1 (waitlisted)
  ? registered_by unknown, presumed a case worker for every registration (no case worker list given)

References:
    SGB II § 16 Abs. 1 with SGB III § 45; AZAV § 3 Abs. 3 (group size).
"""

from __future__ import annotations

import bisect
import datetime as _dt
import enum
import itertools
import math
import operator
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import Any, TypeAlias

import attrs
from pendulum import DateTime

from jobcenter_core.dates import berlin_instant, instant_order
from jobcenter_core.decisions import Assumption, Decision, LegalReference, Reason
from jobcenter_core.errors import InvalidInput, InvalidTransition, Problem
from jobcenter_core.offers import (
    Candidate,
    Everyone,
    GroupOffer,
    Session,
)
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.rules import in_target_group

__all__ = [
    "Allocation",
    "Cancelled",
    "Commitment",
    "Confirmed",
    "Declined",
    "Event",
    "Moved",
    "OfferOpened",
    "OfferState",
    "Outcome",
    "Placed",
    "PriorityRule",
    "Registered",
    "Registration",
    "RegistrationStatus",
    "Rejected",
    "Rejection",
    "RosterEntry",
    "RosterSnapshot",
    "SeatOffer",
    "SeatOfferExpired",
    "SeatOffered",
    "SessionAdded",
    "Transition",
    "Waitlisted",
    "add_session",
    "allocate",
    "cancel",
    "confirm",
    "decline",
    "demand_signal",
    "expire",
    "move_session",
    "open_offer",
    "order_key",
    "register",
    "replay",
    "reprioritise",
]

_MEASURES = LegalReference(law="SGB II", section="16", paragraph="1")
_EMPLOYABLE = LegalReference(law="SGB II", section="8", paragraph="1")
_CHILD_UPBRINGING = LegalReference(law="SGB II", section="10", paragraph="1", number="3")
_GROUP_SIZE = LegalReference(law="AZAV", section="3", paragraph="3")


def _non_empty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name!r} must be a non-empty string")


def _ids(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _unique_ids(
    instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    if len(value) != len(set(value)):
        raise ValueError(f"{attribute.name!r} must not name a session twice")


def _priority(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{attribute.name!r} must be an int (got {type(value).__name__})")


# --- registrations and facts --------------------------------------------------------------


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
        priority: higher goes first (see :func:`order_key`); 0 by default.

    >>> from jobcenter_core.dates import at_berlin
    >>> Registration(id="r-1", person_id="p-1", offer_id="lad", preferences=("s-1", "s-1"),
    ...              registered_at=at_berlin(2022, 6, 13, 9), registered_by="cw-1")
    Traceback (most recent call last):
    ...
    ValueError: 'preferences' must not name a session twice
    """

    id: str = attrs.field(validator=_non_empty)
    person_id: str = attrs.field(validator=_non_empty)
    offer_id: str = attrs.field(validator=_non_empty)
    preferences: tuple[str, ...] = attrs.field(default=(), converter=_ids, validator=_unique_ids)
    registered_at: DateTime = attrs.field(converter=berlin_instant)
    registered_by: str = attrs.field(validator=_non_empty)
    priority: int = attrs.field(default=0, validator=_priority)
    # instant_order(registered_at), for order_key: worked out once, as it goes through
    # the time zone (a microsecond or two), and a registration is ordered often.
    _timestamp: float = attrs.field(
        init=False,
        repr=False,
        eq=False,
        default=attrs.Factory(lambda self: instant_order(self.registered_at), takes_self=True),
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
    return (-registration.priority, registration._timestamp, registration.id)


def _aware_instant(value: _dt.datetime) -> DateTime:
    return berlin_instant(value)


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

    person_id: str = attrs.field(validator=_non_empty)
    offer_id: str = attrs.field(validator=_non_empty)
    session_id: str = attrs.field(validator=_non_empty)
    start: DateTime = attrs.field(converter=_aware_instant)
    end: DateTime = attrs.field(converter=_aware_instant)

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


# --- target groups --------------------------------------------------------------------------


# --- rejections (shared by allocate and register) -----------------------------------------


def _structural_reasons(
    registration: Registration,
    offer: GroupOffer,
    session_ids: Collection[str],
    caseworkers: Collection[str] | None,
) -> list[Reason]:
    reasons: list[Reason] = []
    if registration.offer_id != offer.id:
        reasons.append(
            Reason(
                code="wrong_offer",
                message=f"registered for offer {registration.offer_id}, not {offer.id}",
            )
        )
    unknown = [p for p in registration.preferences if p not in session_ids]
    if unknown:
        reasons.append(
            Reason(
                code="unknown_session",
                message=f"the offer has no session {', '.join(unknown)}",
            )
        )
    if caseworkers is not None and registration.registered_by not in caseworkers:
        reasons.append(
            Reason(
                code="not_registered_by_caseworker",
                message="registrations go through the case workers (local rule of the Werkakademie)",
            )
        )
    return reasons


def _target_group_check(
    registration: Registration,
    offer: GroupOffer,
    candidate: Candidate | None,
    *,
    on: _dt.date | None,
    policy: Policy,
) -> tuple[list[Reason], bool]:
    """Reasons to reject for the target group, and whether membership was presumed."""
    if isinstance(offer.target_group, Everyone):
        return [], False
    if candidate is None:
        return [], True
    day = on if on is not None else registration.registered_at.date()
    decision = in_target_group(offer.target_group, candidate, on=day, policy=policy)
    if decision.value:
        return [], False
    head = Reason(
        code="not_in_target_group",
        message=f"not in the target group of offer {offer.id}",
        reference=_MEASURES,
    )
    return [head, *decision.reasons], False


def _duplicate_reason(registration: Registration, other_id: str) -> Reason:
    return Reason(
        code="duplicate_registration",
        message=f"the person is already registered for this offer ({other_id})",
    )


_PRESUMED_TARGET_GROUP = Assumption(
    fact="target_group",
    presumed="met for registrations whose person facts were not given",
)
_PRESUMED_CASEWORKER = Assumption(
    fact="registered_by",
    presumed="a case worker for every registration (no case worker list given)",
)


# --- batch allocation -----------------------------------------------------------------------


class Outcome(enum.Enum):
    """Where a registration ended: placed in a session, on the waitlist, or rejected.

    >>> Outcome.WAITLISTED.value
    'waitlisted'
    """

    PLACED = "placed"
    WAITLISTED = "waitlisted"
    REJECTED = "rejected"


def _reasons(items: Iterable[Reason]) -> tuple[Reason, ...]:
    return tuple(items)


def _assumptions(items: Iterable[Assumption]) -> tuple[Assumption, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class Rejection:
    """
    A rejected *registration* with the *reasons* (and any facts presumed on the way).

    >>> from jobcenter_core.dates import at_berlin
    >>> r = Registration(id="r-1", person_id="p-1", offer_id="o", registered_by="x",
    ...                  registered_at=at_berlin(2022, 6, 13, 9))
    >>> Rejection(registration=r, reasons=(Reason(code="wrong_offer", message="other offer"),)).codes
    ('wrong_offer',)
    """

    registration: Registration
    reasons: tuple[Reason, ...] = attrs.field(converter=_reasons)
    missing: tuple[Assumption, ...] = attrs.field(default=(), converter=_assumptions)

    @property
    def codes(self) -> tuple[str, ...]:
        """The reason codes."""
        return tuple(r.code for r in self.reasons)


def _registrations(items: Iterable[Registration]) -> tuple[Registration, ...]:
    return tuple(items)


def _placements(
    items: Iterable[tuple[str, tuple[Registration, ...]]],
) -> tuple[tuple[str, tuple[Registration, ...]], ...]:
    return tuple(items)


def _rejections(items: Iterable[Rejection]) -> tuple[Rejection, ...]:
    return tuple(items)


def _commitments(items: Iterable[Commitment]) -> tuple[Commitment, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class Allocation:
    """
    The result of :func:`allocate`: every registration is in exactly one of
    *placements*, *waitlist* and *rejections*.

    Attributes:
        offer: the offer allocated.
        placements: ``(session id, registrations in key order)`` for every session of the
            offer, in the offer's order (``dict(allocation.placements)`` maps them).
        waitlist: eligible registrations not placed, in key order.
        rejections: rejected registrations with reasons, in key order.
        missing: facts that were not given and how they were presumed.
        commitments: the commitments the allocation respected.

    >>> from jobcenter_core.offers import GroupOffer
    >>> allocate(GroupOffer(id="o", title="t"), [], caseworkers=["cw-1"])
    Allocation(offer=GroupOffer(id='o', title='t', addresses=frozenset(), target_group=Everyone(), language='de', interpretation_provided=False, sessions=()), placements=(), waitlist=(), rejections=(), missing=())
    """

    offer: GroupOffer
    placements: tuple[tuple[str, tuple[Registration, ...]], ...] = attrs.field(
        converter=_placements
    )
    waitlist: tuple[Registration, ...] = attrs.field(converter=_registrations)
    rejections: tuple[Rejection, ...] = attrs.field(converter=_rejections)
    missing: tuple[Assumption, ...] = attrs.field(default=(), converter=_assumptions)
    commitments: tuple[Commitment, ...] = attrs.field(
        default=(), converter=_commitments, repr=False
    )
    _index: dict[str, tuple[Outcome, Any, int]] | None = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
    )

    def placed_in(self, session_id: str) -> tuple[Registration, ...]:
        """The registrations placed in *session_id*, in key order (``KeyError`` if unknown)."""
        for sid, regs in self.placements:
            if sid == session_id:
                return regs
        raise KeyError(session_id)

    def _lookup(self, registration_id: str) -> tuple[Outcome, Any, int]:
        index = self._index
        if index is None:
            index = {}
            for sid, regs in self.placements:
                for pos, r in enumerate(regs):
                    index[r.id] = (Outcome.PLACED, sid, pos)
            for pos, r in enumerate(self.waitlist):
                index[r.id] = (Outcome.WAITLISTED, r, pos)
            for pos, rej in enumerate(self.rejections):
                index[rej.registration.id] = (Outcome.REJECTED, rej, pos)
            # A private memo: invisible to equality and repr, computed once on demand.
            object.__setattr__(self, "_index", index)
        return index[registration_id]

    def outcome(self, registration_id: str) -> Outcome:
        """
        Where *registration_id* ended (``KeyError`` for an id not allocated).

        >>> import pendulum
        >>> empty = allocate(GroupOffer(id="o", title="t"), [])
        >>> empty.waitlist
        ()
        """
        return self._lookup(registration_id)[0]

    def session_of(self, registration_id: str) -> str | None:
        """The session *registration_id* was placed in, or ``None``."""
        outcome, where, _ = self._lookup(registration_id)
        return where if outcome is Outcome.PLACED else None

    def explain(self, registration_id: str) -> Decision[Outcome]:
        """
        Why *registration_id* ended where it did: for each session ranked above the one
        it got (or every ranked session, when waitlisted) whether it was full — naming
        the worst key that held a seat there — or overlapped a commitment.

        See the module example.
        """
        outcome, where, pos = self._lookup(registration_id)
        if outcome is Outcome.REJECTED:
            return Decision(value=outcome, reasons=where.reasons, missing=where.missing)
        registration = self._registration(registration_id, outcome, where, pos)
        rosters = dict(self.placements)
        reasons: list[Reason] = []
        clashes = [c for c in self.commitments if c.person_id == registration.person_id]
        for session in _candidate_sessions(self.offer, registration.preferences):
            if outcome is Outcome.PLACED and session.id == where:
                reasons.append(
                    Reason(
                        code="placed",
                        message=f"placed in session {session.id} ({session.start.isoformat()})",
                    )
                )
                break
            clash = next((c for c in clashes if session.overlaps(c.start, c.end)), None)
            if clash is not None:
                reasons.append(
                    Reason(
                        code="overlaps_commitment",
                        message=f"session {session.id} overlaps a seat already held "
                        f"({clash.offer_id}/{clash.session_id})",
                    )
                )
                continue
            roster = rosters[session.id]
            worst = roster[-1]
            reasons.append(
                Reason(
                    code="session_full",
                    message=f"session {session.id} was full; the worst key holding a seat "
                    f"there is {worst.id} (priority {worst.priority}, registered "
                    f"{worst.registered_at.isoformat()})",
                )
            )
        if outcome is Outcome.WAITLISTED:
            reasons.append(
                Reason(
                    code="waitlisted",
                    message=f"waiting at position {pos + 1} of {len(self.waitlist)}",
                )
            )
        return Decision(value=outcome, reasons=reasons, missing=self.missing)

    def _registration(
        self, registration_id: str, outcome: Outcome, where: Any, pos: int
    ) -> Registration:
        if outcome is Outcome.WAITLISTED:
            return self.waitlist[pos]
        registration: Registration = self.placed_in(where)[pos]
        return registration

    def new_commitments(self) -> tuple[Commitment, ...]:
        """
        The seats this allocation gave, as commitments to respect when allocating the
        next offer.

        >>> allocate(GroupOffer(id="o", title="t"), []).new_commitments()
        ()
        """
        sessions = {s.id: s for s in self.offer.sessions}
        return tuple(
            Commitment.of(r.person_id, self.offer, sessions[sid])
            for sid, regs in self.placements
            for r in regs
        )


def _candidate_sessions(offer: GroupOffer, preferences: tuple[str, ...]) -> tuple[Session, ...]:
    """The sessions a registration may take, in the order it would take them."""
    if preferences:
        by_id = {s.id: s for s in offer.sessions}
        return tuple(by_id[p] for p in preferences if p in by_id)
    return tuple(sorted(offer.sessions, key=lambda s: (s.start, s.id)))


def _windows_by_person(
    commitments: Iterable[Commitment],
) -> dict[str, list[tuple[DateTime, DateTime]]]:
    found: dict[str, list[tuple[DateTime, DateTime]]] = {}
    for c in commitments:
        found.setdefault(c.person_id, []).append((c.start, c.end))
    return found


def allocate(
    offer: GroupOffer,
    registrations: Iterable[Registration],
    *,
    policy: Policy = DEFAULT_POLICY,
    commitments: Iterable[Commitment] = (),
    candidates: Mapping[str, Candidate] | None = None,
    caseworkers: Collection[str] | None = None,
    on: _dt.date | None = None,
) -> Allocation:
    """
    Place *registrations* in the sessions of *offer* (serial dictatorship in
    :func:`order_key` order; see the module docstring for the semantics).

    The facts for the checks are optional, so ``allocate(offer, registrations)`` works:

    * *candidates* maps person ids to :class:`Candidate` facts for the target-group rule;
      a person without facts is presumed in the target group, and ``missing`` says so
      (an offer for :class:`~jobcenter_core.offers.Everyone` needs none);
    * *caseworkers* are the ids of the case workers; without them every
      ``registered_by`` is presumed a case worker, and ``missing`` says so;
    * *on* is the day the target group is checked; by default the day of each
      registration;
    * *commitments* are seats people already hold elsewhere.

    Runs in O(n log n): one sort by the order key, then one pass.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.offers import GroupOffer, Session, Venue
    >>> v = Venue(name="Werkakademie", address="Bocholt")
    >>> offer = GroupOffer(id="o", title="t", sessions=(
    ...     Session(id="a", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12), venue=v, capacity=1),
    ...     Session(id="b", start=at_berlin(2022, 6, 30, 9), end=at_berlin(2022, 6, 30, 12), venue=v, capacity=1)))
    >>> regs = [Registration(id=f"r-{i}", person_id=f"p-{i}", offer_id="o", registered_by="cw",
    ...                      registered_at=at_berlin(2022, 6, 13, 9 + i)) for i in range(2)]
    >>> [(sid, [r.id for r in rs]) for sid, rs in allocate(offer, regs, caseworkers={"cw"}).placements]
    [('a', ['r-0']), ('b', ['r-1'])]

    References:
        SGB II § 16 Abs. 1 with SGB III § 45.
    """
    sessions = offer.sessions
    index = {s.id: i for i, s in enumerate(sessions)}
    valid_ids = frozenset(index)
    earliest_first = tuple(index[s.id] for s in _candidate_sessions(offer, ()))
    free = [s.capacity for s in sessions]
    rosters: list[list[Registration]] = [[] for _ in sessions]
    windows = [(s.start, s.end) for s in sessions]
    commitment_list = tuple(commitments)
    held = _windows_by_person(commitment_list)
    cw = frozenset(caseworkers) if caseworkers is not None else None
    offer_id = offer.id
    open_offer_ = isinstance(offer.target_group, Everyone)
    waitlist: list[Registration] = []
    rejections: list[Rejection] = []
    first_of_person: dict[str, str] = {}
    presumed_target_group = False
    ordered = sorted(registrations, key=order_key)
    for r in ordered:
        prefs = r.preferences
        if (
            r.offer_id != offer_id
            or not valid_ids.issuperset(prefs)
            or (cw is not None and r.registered_by not in cw)
            or not open_offer_
        ):
            reasons = _structural_reasons(r, offer, valid_ids, cw)
            if not reasons:
                candidate = None if candidates is None else candidates.get(r.person_id)
                reasons, presumed = _target_group_check(r, offer, candidate, on=on, policy=policy)
                presumed_target_group = presumed_target_group or presumed
            if reasons:
                rejections.append(Rejection(registration=r, reasons=reasons))
                continue
        pid = r.person_id
        other = first_of_person.setdefault(pid, r.id)
        if other != r.id:
            rejections.append(Rejection(registration=r, reasons=(_duplicate_reason(r, other),)))
            continue
        mine = held.get(pid) if held else None
        for i in map(index.__getitem__, prefs) if prefs else earliest_first:
            if free[i]:
                if mine is not None:
                    start, end = windows[i]
                    if any(s < end and start < e for s, e in mine):
                        continue
                free[i] -= 1
                rosters[i].append(r)
                break
        else:
            waitlist.append(r)
    if len(set(map(_registration_id, ordered))) != len(ordered):
        _raise_duplicate_ids(ordered)
    missing: list[Assumption] = []
    if presumed_target_group:
        missing.append(_PRESUMED_TARGET_GROUP)
    if cw is None:
        missing.append(_PRESUMED_CASEWORKER)
    return Allocation(
        offer=offer,
        placements=tuple((s.id, tuple(rosters[i])) for i, s in enumerate(sessions)),
        waitlist=waitlist,
        rejections=rejections,
        missing=missing,
        commitments=commitment_list,
    )


_registration_id = operator.attrgetter("id")


def _raise_duplicate_ids(registrations: Iterable[Registration]) -> None:
    seen: set[str] = set()
    problems: list[Problem] = []
    for i, r in enumerate(registrations):
        if r.id in seen:
            problems.append(Problem(f"$[{i}].id", "duplicate registration id"))
        seen.add(r.id)
    if problems:
        raise InvalidInput(problems)


# --- priority rules -----------------------------------------------------------------------

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


# --- persistent indexes (private) -------------------------------------------------------------
#
# An OfferState never changes; a transition returns a new one that shares almost everything
# with the old. The roster lives in two kinds of persistent structures: a hash trie
# (:class:`_Map`) for lookups by id, and a B+ tree (:class:`_Sorted`) for the
# registrations in order of arrival, the waitlist queues and the seat-offer deadlines,
# the last two read from their smallest key.

_BITS = 5
"""A hash-trie node has 2**5 = 32 slots, each picked by the next five bits of the hash."""
_HASH_BITS = 64
_HASH_MASK = (1 << _HASH_BITS) - 1

_BRANCH = object()
"""In a hash-trie node, the key of a slot whose value is a child node."""

_Trie: TypeAlias = tuple[Any, ...]
"""
A node of :class:`_Map`: ``(keys, value, value, …)`` with ``keys = (bitmap, key, key, …)``,
so that ``keys[i]`` and ``node[i]`` belong together. The bitmap marks the used slots;
each used slot, in order, holds a key and its value, or ``_BRANCH`` and a child node.
Below the last hash bit a node is a bucket: bitmap 0 and the keys whose hashes are all
equal. Keeping the keys (strings, ints, ``_BRANCH``) in a tuple of their own matters to
Python's garbage collector: that tuple holds no object it tracks, so the collector stops
tracking it and never walks it again, and a changed value copies only the node, sharing
the keys. A node whose values hold no tracked object either (a map from ids to ids) is
left alone by the collector altogether.
"""

_EMPTY_TRIE: _Trie = ((0,),)


def _trie_set(root: _Trie, h: int, key: Any, value: Any, shift: int = 0) -> tuple[_Trie, bool]:
    """
    The node replacing *root* (at *shift* bits down) with *key* (hash *h*) set, and
    whether *key* is new: the nodes on the path are copied, all others shared.
    """
    path: list[list[Any]] = []  # copies of the nodes above, the slot to fill last
    slots: list[int] = []
    node, added = root, True
    while True:
        keys = node[0]
        if shift >= _HASH_BITS:  # a bucket of equal hashes
            copy = list(node)
            for i in range(1, len(keys)):
                if keys[i] == key:
                    copy[i], added = value, False
                    break
            else:
                copy[0] = (*keys, key)
                copy.append(value)
            break
        bitmap = keys[0]
        bit = 1 << ((h >> shift) & 31)
        i = 1 + (bitmap & (bit - 1)).bit_count()
        copy = list(node)
        if not bitmap & bit:
            copy[0] = (bitmap | bit, *keys[1:i], key, *keys[i:])
            copy.insert(i, value)
        elif keys[i] is _BRANCH:
            path.append(copy)
            slots.append(i)
            node = node[i]
            shift += _BITS
            continue
        elif keys[i] == key:
            copy[i], added = value, False
        else:  # two keys in one slot: push both one level down
            k = keys[i]
            child, _ = _trie_set(_EMPTY_TRIE, hash(k) & _HASH_MASK, k, node[i], shift + _BITS)
            copy[0] = (*keys[:i], _BRANCH, *keys[i + 1 :])
            copy[i] = _trie_set(child, h, key, value, shift + _BITS)[0]
        break
    new = tuple(copy)
    while path:
        parent = path.pop()
        parent[slots.pop()] = new
        new = tuple(parent)
    return new, added


def _trie_build(items: list[tuple[int, Any, Any]], shift: int) -> _Trie:
    """The node holding *items* ``(hash, key, value)`` with distinct keys (bulk loading)."""
    if shift >= _HASH_BITS:
        return ((0, *(key for _, key, _ in items)), *(value for _, _, value in items))
    slots: dict[int, list[tuple[int, Any, Any]]] = {}
    for item in items:
        slots.setdefault((item[0] >> shift) & 31, []).append(item)
    bitmap = 0
    keys: list[Any] = []
    values: list[Any] = []
    for slot in sorted(slots):
        group = slots[slot]
        bitmap |= 1 << slot
        if len(group) == 1:
            keys.append(group[0][1])
            values.append(group[0][2])
        else:
            keys.append(_BRANCH)
            values.append(_trie_build(group, shift + _BITS))
    return ((bitmap, *keys), *values)


class _Map:
    """
    A persistent hash map (a hash array mapped trie): :meth:`set` returns a new map that
    shares every node off the path to the key.

    A lookup or update visits one node per five bits of the key's hash that other keys
    share, about log₃₂ n levels (three for 10⁴ keys, four for 10⁵), and an update copies
    one node of at most 32 slots per level. Keys are hashable; iteration order is arbitrary.
    Maps compare and hash by their items; pickling stores the items, since string hashes
    differ between processes.
    """

    __slots__ = ("_root", "_size")

    def __init__(self, root: _Trie = _EMPTY_TRIE, size: int = 0) -> None:
        self._root = root
        self._size = size

    @classmethod
    def of(cls, items: Mapping[Any, Any]) -> _Map:
        """A map of *items* (O(n))."""
        found = [(hash(k) & _HASH_MASK, k, v) for k, v in items.items()]
        return cls(_trie_build(found, 0), len(found)) if found else cls()

    def __len__(self) -> int:
        return self._size

    def get(self, key: Any, default: Any = None) -> Any:
        """The value at *key*, or *default*."""
        node = self._root
        h = hash(key) & _HASH_MASK
        shift = 0
        while shift < _HASH_BITS:
            keys = node[0]
            bitmap = keys[0]
            bit = 1 << ((h >> shift) & 31)
            if not bitmap & bit:
                return default
            i = 1 + (bitmap & (bit - 1)).bit_count()
            k = keys[i]
            if k is not _BRANCH:
                return node[i] if k == key else default
            node = node[i]
            shift += _BITS
        keys = node[0]
        for j in range(1, len(keys)):
            if keys[j] == key:
                return node[j]
        return default

    def set(self, key: Any, value: Any) -> _Map:
        """A copy with *key* mapped to *value*."""
        root, added = _trie_set(self._root, hash(key) & _HASH_MASK, key, value)
        return _Map(root, self._size + added)

    def items(self) -> Iterator[tuple[Any, Any]]:
        """The items, in no particular order."""
        stack = [self._root]
        while stack:
            node = stack.pop()
            keys = node[0]
            for j in range(1, len(node)):
                if keys[j] is _BRANCH:
                    stack.append(node[j])
                else:
                    yield keys[j], node[j]

    def values(self) -> Iterator[Any]:
        """The values, in no particular order."""
        for _, value in self.items():
            yield value

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Map):
            return NotImplemented
        return self._size == other._size and all(
            other.get(k, _MISSING) == v for k, v in self.items()
        )

    def __hash__(self) -> int:
        return hash(frozenset(self.items()))

    def __reduce__(self) -> tuple[Any, ...]:
        return _Map.of, (dict(self.items()),)

    def __repr__(self) -> str:
        return f"<{self._size} items>"


_FANOUT = 32
"""A B+ tree node splits above this many entries; an update copies one node per level."""


class _Node:
    """A node of :class:`_Sorted`: a leaf (keys, values) or an inner node (first keys, children)."""

    __slots__ = ("items", "keys", "leaf")

    def __init__(self, keys: tuple[Any, ...], items: tuple[Any, ...], leaf: bool) -> None:
        self.keys = keys
        self.items = items
        self.leaf = leaf


def _split(keys: tuple[Any, ...], items: tuple[Any, ...], leaf: bool) -> tuple[_Node, ...]:
    if len(keys) <= _FANOUT:
        return (_Node(keys, items, leaf),)
    h = len(keys) // 2
    return (_Node(keys[:h], items[:h], leaf), _Node(keys[h:], items[h:], leaf))


def _insert(node: _Node, key: Any, value: Any) -> tuple[tuple[_Node, ...], bool]:
    """The node(s) replacing *node* with *key* set, and whether *key* is new."""
    keys, items = node.keys, node.items
    if node.leaf:
        j = bisect.bisect_left(keys, key)
        if j < len(keys) and keys[j] == key:
            copy = list(items)
            copy[j] = value
            return (_Node(keys, tuple(copy), True),), False
        return _split((*keys[:j], key, *keys[j:]), (*items[:j], value, *items[j:]), True), True
    i = max(bisect.bisect_right(keys, key) - 1, 0)
    parts, added = _insert(items[i], key, value)
    if len(parts) == 1:  # the usual case: replace one child (and its first key if it changed)
        children = list(items)
        children[i] = child = parts[0]
        if child.keys[0] != keys[i]:
            firsts = list(keys)
            firsts[i] = child.keys[0]
            keys = tuple(firsts)
        return (_Node(keys, tuple(children), False),), added
    heads = (parts[0].keys[0], parts[1].keys[0])
    return _split(
        keys[:i] + heads + keys[i + 1 :], items[:i] + parts + items[i + 1 :], False
    ), added


def _rest(node: _Node, count: int) -> _Node | None:
    """*node* without the first *count* keys of its first leaf (``None`` when empty)."""
    if node.leaf:
        return (
            _Node(node.keys[count:], node.items[count:], True) if len(node.keys) > count else None
        )
    child = _rest(node.items[0], count)
    if child is None:
        return _Node(node.keys[1:], node.items[1:], False) if len(node.keys) > 1 else None
    return _Node((child.keys[0], *node.keys[1:]), (child, *node.items[1:]), False)


def _walk(node: _Node) -> Iterator[tuple[Any, Any]]:
    if node.leaf:
        yield from zip(node.keys, node.items, strict=True)
    else:
        for child in node.items:
            yield from _walk(child)


def _push(node: _Node, leaf: _Node) -> tuple[_Node, ...]:
    """The node(s) replacing *node* with *leaf* added after its last leaf."""
    if node.leaf:
        return node, leaf
    parts = _push(node.items[-1], leaf)
    return _split((*node.keys[:-1], *(p.keys[0] for p in parts)), (*node.items[:-1], *parts), False)


def _last_key(node: _Node) -> Any:
    while not node.leaf:
        node = node.items[-1]
    return node.keys[-1]


def _first_leaf(node: _Node) -> _Node:
    while not node.leaf:
        node = node.items[0]
    return node


class _Sorted:
    """
    A persistent sorted map read from its smallest key: an update returns a new map that
    shares almost everything with the old one.

    It is a B+ tree with path copying, plus a *tail*: the items with the largest keys, up
    to ``_FANOUT`` of them. Keys mostly arrive in increasing order (registrations and seat
    offers follow the clock), so an update usually copies only the tail, and a full tail
    joins the tree as its last leaf. Any other key goes into the tree, copying one node
    of at most ``_FANOUT`` entries per level (three levels hold 10⁴ entries, four 10⁵).
    At the front, :meth:`rest` only counts the items of the first leaf it *skips*, and
    drops the leaf once all are gone. So appending and taking the first item copy no
    more than one small node, however long the map. Keys are unique and comparable.
    """

    __slots__ = ("_root", "_size", "_skip", "_tail_keys", "_tail_values")

    def __init__(
        self,
        root: _Node | None = None,
        size: int = 0,
        tail_keys: tuple[Any, ...] = (),
        tail_values: tuple[Any, ...] = (),
        skip: int = 0,
    ) -> None:
        self._root = root
        self._size = size
        self._tail_keys = tail_keys
        self._tail_values = tail_values
        self._skip = skip  # items at the front of the first leaf that are gone

    @classmethod
    def from_sorted(cls, items: Iterable[tuple[Any, Any]]) -> _Sorted:
        """A map of *items*, already sorted by key with unique keys."""
        pairs = list(items)
        if not pairs:
            return cls()
        step = _FANOUT // 2 or 1
        level = [
            _Node(
                tuple(k for k, _ in pairs[i : i + step]),
                tuple(v for _, v in pairs[i : i + step]),
                True,
            )
            for i in range(0, len(pairs), step)
        ]
        while len(level) > 1:
            level = [
                _Node(
                    tuple(n.keys[0] for n in level[i : i + step]), tuple(level[i : i + step]), False
                )
                for i in range(0, len(level), step)
            ]
        return cls(level[0], len(pairs))

    def __len__(self) -> int:
        return self._size

    def __bool__(self) -> bool:
        return self._size > 0

    def set(self, key: Any, value: Any) -> _Sorted:
        """A copy with *key* mapped to *value*."""
        root, keys, values = self._root, self._tail_keys, self._tail_values
        if root is None or (key >= keys[0] if keys else key > _last_key(root)):
            j = bisect.bisect_left(keys, key)
            if j < len(keys) and keys[j] == key:
                values = (*values[:j], value, *values[j + 1 :])
                return _Sorted(root, self._size, keys, values, self._skip)
            keys, values = (*keys[:j], key, *keys[j:]), (*values[:j], value, *values[j:])
            if len(keys) < _FANOUT:
                return _Sorted(root, self._size + 1, keys, values, self._skip)
            leaf = _Node(keys, values, True)
            parts = _push(root, leaf) if root is not None else (leaf,)
            keys = values = ()
            added, skip = True, self._skip
        else:
            if self._skip:  # drop the skipped items for good before inserting among them
                root = _rest(root, self._skip)
            assert root is not None
            parts, added = _insert(root, key, value)
            skip = 0
        root = parts[0] if len(parts) == 1 else _Node(tuple(p.keys[0] for p in parts), parts, False)
        return _Sorted(root, self._size + added, keys, values, skip)

    def first(self) -> tuple[Any, Any] | None:
        """The smallest key and its value, or ``None`` when empty."""
        if self._root is None:
            return (self._tail_keys[0], self._tail_values[0]) if self._tail_keys else None
        leaf = _first_leaf(self._root)
        return leaf.keys[self._skip], leaf.items[self._skip]

    def rest(self) -> _Sorted:
        """A copy without the smallest key (``KeyError`` when empty)."""
        root, keys, values = self._root, self._tail_keys, self._tail_values
        if root is None:
            if not keys:
                raise KeyError("empty")
            return _Sorted(None, self._size - 1, keys[1:], values[1:])
        skip = self._skip + 1
        if skip < len(_first_leaf(root).keys):
            return _Sorted(root, self._size - 1, keys, values, skip)
        root = _rest(root, skip)
        while root is not None and not root.leaf and len(root.items) == 1:
            root = root.items[0]
        return _Sorted(root, self._size - 1, keys, values)

    def get(self, key: Any, default: Any = None) -> Any:
        """The value at *key*, or *default*."""
        root, keys, values = self._root, self._tail_keys, self._tail_values
        if root is not None and (not keys or key < keys[0]):
            node = root
            while not node.leaf:
                node = node.items[max(bisect.bisect_right(node.keys, key) - 1, 0)]
            keys, values = node.keys, node.items
            if self._skip and node is _first_leaf(root) and keys[self._skip] > key:
                return default  # among the items that are gone
        j = bisect.bisect_left(keys, key)
        return values[j] if j < len(keys) and keys[j] == key else default

    def items(self) -> Iterator[tuple[Any, Any]]:
        """The items in key order."""
        if self._root is not None:
            yield from itertools.islice(_walk(self._root), self._skip, None)
        yield from zip(self._tail_keys, self._tail_values, strict=True)

    def values(self) -> Iterator[Any]:
        """The values in key order."""
        for _, value in self.items():
            yield value

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Sorted):
            return NotImplemented
        return self._size == other._size and all(
            a == b for a, b in zip(self.items(), other.items(), strict=True)
        )

    def __hash__(self) -> int:
        return hash(tuple(self.items()))

    def __repr__(self) -> str:
        return f"<{self._size} items>"


_EMPTY_SORTED = _Sorted()
_MISSING = object()


# --- the incremental roster -------------------------------------------------------------------


class RegistrationStatus(enum.Enum):
    """Where a registration stands in an :class:`OfferState`.

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
    One registration of an :class:`OfferState` and where it stands.

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

    registration: Registration
    status: RegistrationStatus
    session_id: str | None = None
    hold_until: DateTime | None = None
    queued_in: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    reasons: tuple[Reason, ...] = attrs.field(default=(), converter=_reasons)


_ANY = ""
"""The queue of registrations that take any session (session ids are never empty)."""


@attrs.frozen(kw_only=True)
class SeatOffer:
    """An open seat offer: *registration_id* may take a seat in *session_id* until *until*.

    >>> from jobcenter_core.dates import at_berlin
    >>> SeatOffer(registration_id="r-1", session_id="s-1", until=at_berlin(2022, 6, 17, 10)).until.isoformat()
    '2022-06-17T10:00:00+02:00'
    """

    registration_id: str
    session_id: str
    until: DateTime


# Events ---------------------------------------------------------------------------------------


def _caseworker_ids(items: Iterable[str] | None) -> frozenset[str] | None:
    return None if items is None else frozenset(items)


@attrs.frozen(kw_only=True)
class OfferOpened:
    """The roster of *offer* was opened, respecting *commitments* and *caseworkers*.

    >>> from jobcenter_core.offers import GroupOffer
    >>> OfferOpened(offer=GroupOffer(id="o", title="t"), caseworkers=["cw-1"]).caseworkers
    frozenset({'cw-1'})
    """

    offer: GroupOffer
    commitments: tuple[Commitment, ...] = attrs.field(default=(), converter=_commitments)
    caseworkers: frozenset[str] | None = attrs.field(default=None, converter=_caseworker_ids)


@attrs.frozen(kw_only=True)
class Registered:
    """*registration* arrived; *presumed* lists the facts the checks had to presume.

    >>> from jobcenter_core.dates import at_berlin
    >>> r = Registration(id="r-1", person_id="p-1", offer_id="o", registered_by="cw",
    ...                  registered_at=at_berlin(2022, 6, 13, 9))
    >>> Registered(registration=r).presumed
    ()
    """

    registration: Registration
    presumed: tuple[Assumption, ...] = attrs.field(default=(), converter=_assumptions)


@attrs.frozen(kw_only=True)
class Rejected:
    """A registration was rejected for *reasons*.

    >>> from jobcenter_core.dates import at_berlin
    >>> Rejected(registration_id="r-1", reasons=(Reason(code="wrong_offer", message="other offer"),), at=at_berlin(2022, 6, 15, 10)).reasons[0].code
    'wrong_offer'
    """

    registration_id: str
    reasons: tuple[Reason, ...] = attrs.field(converter=_reasons)
    at: DateTime


@attrs.frozen(kw_only=True)
class Placed:
    """A registration was placed in *session_id* on arrival.

    >>> from jobcenter_core.dates import at_berlin
    >>> Placed(registration_id="r-1", session_id="s-1", at=at_berlin(2022, 6, 15, 10)).session_id
    's-1'
    """

    registration_id: str
    session_id: str
    at: DateTime


@attrs.frozen(kw_only=True)
class Waitlisted:
    """A registration joined the waitlist.

    >>> from jobcenter_core.dates import at_berlin
    >>> Waitlisted(registration_id="r-1", at=at_berlin(2022, 6, 15, 10)).registration_id
    'r-1'
    """

    registration_id: str
    at: DateTime


@attrs.frozen(kw_only=True)
class SeatOffered:
    """A seat in *session_id* was offered to a waiting registration, held *until*.

    >>> from jobcenter_core.dates import at_berlin
    >>> e = SeatOffered(registration_id="r-1", session_id="s-1", at=at_berlin(2022, 6, 15, 10), until=at_berlin(2022, 6, 17, 10))
    >>> (e.until - e.at).in_hours()
    48
    """

    registration_id: str
    session_id: str
    at: DateTime
    until: DateTime


@attrs.frozen(kw_only=True)
class SeatOfferExpired:
    """A seat offer lapsed unanswered; the registration ended and the seat passes on.

    >>> from jobcenter_core.dates import at_berlin
    >>> SeatOfferExpired(registration_id="r-1", session_id="s-1", at=at_berlin(2022, 6, 15, 10)).session_id
    's-1'
    """

    registration_id: str
    session_id: str
    at: DateTime


@attrs.frozen(kw_only=True)
class Confirmed:
    """A seat offer was confirmed: the registration holds the seat.

    >>> from jobcenter_core.dates import at_berlin
    >>> Confirmed(registration_id="r-1", session_id="s-1", at=at_berlin(2022, 6, 15, 10)).registration_id
    'r-1'
    """

    registration_id: str
    session_id: str
    at: DateTime


@attrs.frozen(kw_only=True)
class Declined:
    """A seat offer was declined: the registration ended and the seat passes on.

    >>> from jobcenter_core.dates import at_berlin
    >>> Declined(registration_id="r-1", session_id="s-1", at=at_berlin(2022, 6, 15, 10)).registration_id
    'r-1'
    """

    registration_id: str
    session_id: str
    at: DateTime


@attrs.frozen(kw_only=True)
class Cancelled:
    """A registration was cancelled; a seat or seat offer it held is freed.

    >>> from jobcenter_core.dates import at_berlin
    >>> Cancelled(registration_id="r-1", at=at_berlin(2022, 6, 15, 10)).at.isoformat()
    '2022-06-15T10:00:00+02:00'
    """

    registration_id: str
    at: DateTime


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

    session: Session
    at: DateTime


@attrs.frozen(kw_only=True)
class Moved:
    """A placed registration moved from *from_session_id* to *to_session_id*.

    >>> from jobcenter_core.dates import at_berlin
    >>> Moved(registration_id="r-1", from_session_id="s-1", to_session_id="s-2", at=at_berlin(2022, 6, 15, 10)).to_session_id
    's-2'
    """

    registration_id: str
    from_session_id: str
    to_session_id: str
    at: DateTime


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
"""Any roster event (frozen values a service can persist and :func:`replay`)."""


# The state ------------------------------------------------------------------------------------


def _optional_instant(value: _dt.datetime | None) -> DateTime | None:
    return None if value is None else berlin_instant(value)


def _roster_entries(items: Iterable[RosterEntry]) -> tuple[RosterEntry, ...]:
    return tuple(items)


_Fact: TypeAlias = tuple[
    str, str | None, DateTime | None, tuple[str, ...] | None, tuple[Reason, ...], float
]
"""
Where a registration stands, as an :class:`OfferState` keeps it: the fields of its
:class:`RosterEntry` but the registration (kept apart: it never changes), the status by
its value, and ``queued_in`` ``None`` when a waiting registration queues for exactly the
sessions it ranked (the usual case). So a fact holds only strings and tuples of strings,
unless it is a seat offer's (its hold) or a rejection's (its reasons). Python's garbage
collector stops tracking such a tuple, and a map node holding only such tuples, once it
has looked at it; a ``RosterEntry`` and every node holding one it would walk again and
again, for every registration the roster has seen.
"""

_PLACED = RegistrationStatus.PLACED.value
_WAITING = RegistrationStatus.WAITING.value
_OFFERED = RegistrationStatus.OFFERED.value
_STATUS = {s.value: s for s in RegistrationStatus}


def _waiting_fact(registration: Registration, queued_in: tuple[str, ...]) -> _Fact:
    queued = None if queued_in == registration.preferences else queued_in
    return (_WAITING, None, None, queued, (), registration._timestamp)


def _queued_in(registration: Registration, fact: _Fact) -> tuple[str, ...]:
    return registration.preferences if fact[3] is None else fact[3]


def _fact(entry: RosterEntry) -> _Fact:
    r = entry.registration
    if entry.status is RegistrationStatus.WAITING:
        return _waiting_fact(r, entry.queued_in)
    status = entry.status.value
    return (
        status,
        entry.session_id,
        entry.hold_until,
        entry.queued_in,
        entry.reasons,
        r._timestamp,
    )


def _changed(fact: _Fact, status: str, session_id: str | None = None) -> _Fact:
    """*fact* with *status* in *session_id* (no hold, queue or reasons)."""
    return (status, session_id, None, (), (), fact[5])


def _registration_key(registration: Registration) -> tuple[float, str]:
    return (registration._timestamp, registration.id)


def _roster_entry(registrations: _Sorted, registration_id: str, fact: _Fact) -> RosterEntry:
    status, session_id, hold_until, _, reasons, timestamp = fact
    registration = registrations.get((timestamp, registration_id))
    return RosterEntry(
        registration=registration,
        status=_STATUS[status],
        session_id=session_id,
        hold_until=hold_until,
        queued_in=_queued_in(registration, fact),
        reasons=reasons,
    )


@attrs.frozen(kw_only=True)
class RosterSnapshot:
    """
    The facts of an :class:`OfferState`, from which the whole roster can be rebuilt:
    what :meth:`OfferState.snapshot` returns and :meth:`OfferState.from_snapshot` reads
    (and the JSON form of an ``OfferState``).

    Attributes:
        offer: the offer with every session, those added since it opened included.
        commitments: seats people hold elsewhere.
        caseworkers: the ids allowed to register, or ``None`` (presumed).
        as_of: the instant of the latest event, or ``None`` before the first.
        entries: every registration the roster has seen and where it stands; a
            snapshot lists them in registration id order.

    >>> from jobcenter_core.offers import GroupOffer
    >>> state = open_offer(GroupOffer(id="o", title="t"), caseworkers=["cw-1"]).state
    >>> snapshot = state.snapshot()
    >>> snapshot.caseworkers, snapshot.entries
    (frozenset({'cw-1'}), ())
    >>> OfferState.from_snapshot(snapshot) == state
    True
    """

    offer: GroupOffer
    commitments: tuple[Commitment, ...] = attrs.field(default=(), converter=_commitments)
    caseworkers: frozenset[str] | None = attrs.field(default=None, converter=_caseworker_ids)
    as_of: DateTime | None = attrs.field(default=None, converter=_optional_instant)
    entries: tuple[RosterEntry, ...] = attrs.field(default=(), converter=_roster_entries)


@attrs.frozen(kw_only=True)
class OfferState:
    """
    The roster of one group offer: who holds a seat, who holds a seat offer, who waits.

    Build it with :func:`open_offer` and change it only with the transitions
    :func:`register`, :func:`cancel`, :func:`confirm`, :func:`decline`, :func:`expire`,
    :func:`add_session` and :func:`move_session`, each returning a :class:`Transition`.
    A transition applies its events to a draft and builds the new state once; old states
    stay valid and unchanged. The roster lives in persistent indexes: where each
    registration stands and each person's latest registration in hash tries keyed by id,
    the registrations themselves (which never change) in a B+ tree in order of arrival,
    the waitlist queues and the seat-offer deadlines in B+ trees too. An index is never
    searched for an item to remove: an item whose registration has moved on (a queue item
    of someone no longer waiting, a deadline of a seat offer no longer open) is stale and
    is dropped once it reaches the front. So an operation copies a few paths of small
    nodes, as many levels as the tries are deep (log₃₂ of the registrations seen: four for
    10⁵); joining a queue or the registrations at the end and leaving a queue at its front
    copy less. Where a registration stands is kept in tuples of strings, which Python's
    garbage collector soon stops tracking, so that a roster holding every registration it
    has seen does not make each collection walk all of them again. Two states are equal
    when their facts (offer, commitments, case workers, ``as_of`` and every entry) are;
    the indexes follow from them.

    Invariants: per session ``free + booked + held == capacity``; a free seat exists only
    while nobody eligible for it waits.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.offers import GroupOffer, Session, Venue
    >>> s = Session(id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=1)
    >>> state = open_offer(GroupOffer(id="o", title="t", sessions=(s,))).state
    >>> state.free("s-1"), state.waiting_count
    (1, 0)
    """

    offer: GroupOffer
    commitments: tuple[Commitment, ...] = attrs.field(default=(), converter=_commitments)
    caseworkers: frozenset[str] | None = attrs.field(default=None, converter=_caseworker_ids)
    as_of: DateTime | None = None
    waiting_count: int = 0
    # The facts: every registration seen, by id, and where each stands (_Fact).
    _registrations: _Sorted = attrs.field(factory=_Sorted, repr=False)
    _facts: _Map = attrs.field(factory=_Map, repr=False)
    # Indexes that follow from the facts (never changed once the state is built):
    # person id -> id of their latest registration that was placed or waitlisted;
    _latest: _Map = attrs.field(factory=_Map, repr=False, eq=False)
    # session id -> (booked, held);
    _seats: Mapping[str, tuple[int, int]] = attrs.field(factory=dict, repr=False, eq=False)
    # session id (or _ANY) -> queue: queue key -> registration id, stale items allowed;
    _queues: Mapping[str, _Sorted] = attrs.field(factory=dict, repr=False, eq=False)
    # (hold end, registration id) -> registration id, stale items allowed;
    _holds: _Sorted = attrs.field(factory=_Sorted, repr=False, eq=False)
    # person id -> their commitments' time windows; session id -> session.
    _windows: Mapping[str, tuple[tuple[DateTime, DateTime], ...]] = attrs.field(
        factory=dict, repr=False, eq=False
    )
    _sessions: Mapping[str, Session] = attrs.field(factory=dict, repr=False, eq=False)

    # snapshots ----------------------------------------------------------------------------

    def snapshot(self) -> RosterSnapshot:
        """
        The roster's facts, entries in registration id order (O(n log n)); equal states
        give equal snapshots.

        >>> from jobcenter_core.dates import at_berlin
        >>> from jobcenter_core.offers import GroupOffer
        >>> state = open_offer(GroupOffer(id="o", title="t")).state
        >>> r = Registration(id="r-1", person_id="p-1", offer_id="o", registered_by="cw",
        ...                  registered_at=at_berlin(2022, 6, 13, 9))
        >>> [(e.registration.id, e.status.value) for e in register(state, r).state.snapshot().entries]
        [('r-1', 'waiting')]
        """
        return RosterSnapshot(
            offer=self.offer,
            commitments=self.commitments,
            caseworkers=self.caseworkers,
            as_of=self.as_of,
            entries=tuple(
                _roster_entry(self._registrations, rid, fact)
                for rid, fact in sorted(self._facts.items(), key=operator.itemgetter(0))
            ),
        )

    @classmethod
    def from_snapshot(cls, snapshot: RosterSnapshot) -> OfferState:
        """
        The roster *snapshot* describes, equal to the state it was taken from (O(n log n)).

        Entries may come in any order. A snapshot no roster can be in — a registration id
        twice, a person active twice, a seat in an unknown session, a session over
        capacity, a hold without a seat offer … — raises
        :class:`~jobcenter_core.errors.InvalidInput` listing every problem by path
        (``$.entries[2].session_id``).

        >>> from jobcenter_core.dates import at_berlin
        >>> from jobcenter_core.offers import GroupOffer
        >>> r = Registration(id="r-1", person_id="p-1", offer_id="o", registered_by="cw",
        ...                  registered_at=at_berlin(2022, 6, 13, 9))
        >>> OfferState.from_snapshot(RosterSnapshot(offer=GroupOffer(id="o", title="t"),
        ...     entries=[RosterEntry(registration=r, status=RegistrationStatus.PLACED)]))
        Traceback (most recent call last):
        ...
        jobcenter_core.errors.InvalidInput: 1 problem in input:
          $.entries[0].session_id: required for a placed or offered registration
        """
        return _restored(snapshot)

    # queries ------------------------------------------------------------------------------

    def _entry(self, registration_id: str, command: str = "query") -> RosterEntry:
        fact: _Fact | None = self._facts.get(registration_id)
        if fact is None:
            raise InvalidTransition(
                status="unknown", command=command, detail="no such registration"
            )
        return _roster_entry(self._registrations, registration_id, fact)

    def _having(self, status: RegistrationStatus) -> Iterator[RosterEntry]:
        """The entries with *status*, in no particular order."""
        for rid, fact in self._facts.items():
            if fact[0] == status.value:
                yield _roster_entry(self._registrations, rid, fact)

    def status(self, registration_id: str) -> RegistrationStatus:
        """The status of *registration_id* (``InvalidTransition`` if unknown)."""
        return self._entry(registration_id).status

    def session_of(self, registration_id: str) -> str | None:
        """The session *registration_id* holds a seat or a seat offer in, or ``None``."""
        return self._entry(registration_id).session_id

    def booked(self, session_id: str) -> int:
        """Seats taken in *session_id* (placed or confirmed)."""
        return self._counts(session_id)[0]

    def held(self, session_id: str) -> int:
        """Seats held by open seat offers in *session_id*."""
        return self._counts(session_id)[1]

    def free(self, session_id: str) -> int:
        """Seats neither taken nor held in *session_id*."""
        booked, held = self._counts(session_id)
        return self.offer.session(session_id).capacity - booked - held

    def _counts(self, session_id: str) -> tuple[int, int]:
        return self._seats[session_id]

    def waitlist(self) -> tuple[Registration, ...]:
        """The waiting registrations in key order (O(n log n): a query, not a transition)."""
        waiting = [e.registration for e in self._having(RegistrationStatus.WAITING)]
        return tuple(sorted(waiting, key=order_key))

    def placements(self) -> tuple[tuple[str, tuple[Registration, ...]], ...]:
        """``(session id, registrations holding a seat in key order)`` per session."""
        by_session: dict[str, list[Registration]] = {s.id: [] for s in self.offer.sessions}
        for e in self._having(RegistrationStatus.PLACED):
            assert e.session_id is not None
            by_session[e.session_id].append(e.registration)
        return tuple((sid, tuple(sorted(regs, key=order_key))) for sid, regs in by_session.items())

    def rejections(self) -> tuple[Rejection, ...]:
        """The rejected registrations with reasons, in key order."""
        found = [
            Rejection(registration=e.registration, reasons=e.reasons)
            for e in self._having(RegistrationStatus.REJECTED)
        ]
        return tuple(sorted(found, key=lambda rej: order_key(rej.registration)))

    def seat_offers(self) -> tuple[SeatOffer, ...]:
        """The open seat offers, earliest deadline first."""
        found = []
        for rid in self._holds.values():
            entry = self._entry(rid)
            if entry.status is RegistrationStatus.OFFERED:
                assert entry.session_id is not None and entry.hold_until is not None
                found.append(
                    SeatOffer(
                        registration_id=rid, session_id=entry.session_id, until=entry.hold_until
                    )
                )
        return tuple(found)


@attrs.frozen(kw_only=True)
class Transition:
    """The new *state* after a command and the *events* that lead there from the old one.

    >>> from jobcenter_core.enrolment import open_offer
    >>> from jobcenter_core.offers import GroupOffer
    >>> t = open_offer(GroupOffer(id="o", title="t"))
    >>> type(t).__name__, len(t.events)
    ('Transition', 1)
    """

    state: OfferState
    events: tuple[Event, ...]


_SEAT_STATUSES = frozenset({RegistrationStatus.PLACED, RegistrationStatus.OFFERED})
_SESSION_STATUSES = _SEAT_STATUSES | {RegistrationStatus.DECLINED, RegistrationStatus.LAPSED}


def _entry_problems(entry: RosterEntry, path: str, capacity: Mapping[str, int]) -> list[Problem]:
    """What is wrong with one entry of a snapshot on its own."""
    problems: list[Problem] = []
    status, sid = entry.status, entry.session_id
    if status is RegistrationStatus.REGISTERED:
        problems.append(Problem(f"{path}.status", "not a status a roster keeps"))
    if sid is None:
        if status in _SEAT_STATUSES:
            problems.append(
                Problem(f"{path}.session_id", "required for a placed or offered registration")
            )
    elif status not in _SESSION_STATUSES:
        problems.append(
            Problem(f"{path}.session_id", "only placed, offered, declined or lapsed have one")
        )
    elif sid not in capacity:
        problems.append(Problem(f"{path}.session_id", "not a session of the offer"))
    if (entry.hold_until is None) == (status is RegistrationStatus.OFFERED):
        problems.append(Problem(f"{path}.hold_until", "given exactly when a seat is offered"))
    queued = entry.queued_in
    if queued and (status is not RegistrationStatus.WAITING or not entry.registration.preferences):
        problems.append(
            Problem(f"{path}.queued_in", "only a waiting registration with preferences has one")
        )
    elif len(set(queued)) != len(queued) or not all(q in capacity for q in queued):
        problems.append(Problem(f"{path}.queued_in", "must name distinct sessions of the offer"))
    if entry.reasons and status is not RegistrationStatus.REJECTED:
        problems.append(Problem(f"{path}.reasons", "only a rejected registration has them"))
    return problems


def _restored(snapshot: RosterSnapshot) -> OfferState:
    """The roster *snapshot* describes (see :meth:`OfferState.from_snapshot`)."""
    offer = snapshot.offer
    capacity = {s.id: s.capacity for s in offer.sessions}
    seats = dict.fromkeys(capacity, (0, 0))
    problems: list[Problem] = []
    entries: dict[str, RosterEntry] = {}
    active: dict[str, str] = {}
    queues: dict[str, list[tuple[OrderKey, str]]] = {}
    holds: list[tuple[tuple[DateTime, str], str]] = []
    waiting = 0
    for i, entry in enumerate(snapshot.entries):
        path = f"$.entries[{i}]"
        found = _entry_problems(entry, path, capacity)
        problems += found
        r = entry.registration
        if r.id in entries:
            problems.append(Problem(f"{path}.registration.id", "registration id listed twice"))
        if entry.status.is_active:
            if r.person_id in active:
                problems.append(
                    Problem(f"{path}.registration.person_id", "person active in two registrations")
                )
            active[r.person_id] = r.id
        if found:
            continue
        if entry.hold_until is not None:
            entry = attrs.evolve(entry, hold_until=berlin_instant(entry.hold_until))
        entries[r.id] = entry
        sid = entry.session_id
        if entry.status is RegistrationStatus.PLACED:
            seats[sid] = (seats[sid][0] + 1, seats[sid][1])  # type: ignore[index]
        elif entry.status is RegistrationStatus.OFFERED:
            seats[sid] = (seats[sid][0], seats[sid][1] + 1)  # type: ignore[index]
            holds.append(((entry.hold_until, r.id), r.id))  # type: ignore[arg-type]
        elif entry.status is RegistrationStatus.WAITING:
            waiting += 1
            key = order_key(r)
            for q in _queue_ids(entry):
                queues.setdefault(q, []).append((key, r.id))
    for sid, (booked, held) in seats.items():
        if booked + held > capacity[sid]:
            problems.append(
                Problem("$.entries", "more seats placed and offered than a session has")
            )
            break
    if problems:
        raise InvalidInput(problems)
    return OfferState(
        offer=offer,
        commitments=snapshot.commitments,
        caseworkers=snapshot.caseworkers,
        as_of=snapshot.as_of,
        waiting_count=waiting,
        registrations=_Sorted.from_sorted(
            sorted((_registration_key(e.registration), e.registration) for e in entries.values())
        ),
        facts=_Map.of({rid: _fact(e) for rid, e in entries.items()}),
        latest=_Map.of(active),
        seats=seats,
        queues={q: _Sorted.from_sorted(sorted(items)) for q, items in queues.items()},
        holds=_Sorted.from_sorted(sorted(holds)),
        windows=_windows(snapshot.commitments),
        sessions={s.id: s for s in offer.sessions},
    )


# Effects: how each event changes the state (used by the commands and by replay) -------------


def _windows(
    commitments: Iterable[Commitment],
) -> dict[str, tuple[tuple[DateTime, DateTime], ...]]:
    return {k: tuple(v) for k, v in _windows_by_person(commitments).items()}


def _later(a: DateTime | None, b: DateTime) -> DateTime:
    return b if a is None or b > a else a


def _clashes(
    windows: Mapping[str, tuple[tuple[DateTime, DateTime], ...]], person_id: str, session: Session
) -> bool:
    found = windows.get(person_id)
    return bool(found) and any(session.overlaps(start, end) for start, end in found or ())


def _queue_ids(entry: RosterEntry) -> tuple[str, ...]:
    """The queues a waiting *entry* stands in (the common one when it ranked nothing)."""
    return entry.queued_in if entry.registration.preferences else (_ANY,)


_ACTIVE_VALUES = frozenset(s.value for s in _ACTIVE)


def _active_id(facts: _Map, latest: _Map, person_id: str) -> str | None:
    """The id of the active registration of *person_id*, or ``None``."""
    rid: str | None = latest.get(person_id)
    if rid is None or facts.get(rid)[0] not in _ACTIVE_VALUES:
        return None
    return rid


class _Draft:
    """
    An :class:`OfferState` being changed by one transition (or a replay): every event's
    effect lands here, and the new state is built once, at the end.
    """

    __slots__ = (
        "as_of",
        "before",
        "events",
        "facts",
        "holds",
        "known",
        "latest",
        "offer",
        "pending",
        "queues",
        "registrations",
        "seats",
        "sessions",
        "waiting",
    )

    def __init__(self, state: OfferState) -> None:
        self.before = state
        self.known: dict[str, _Fact] = {}
        self.offer = state.offer
        self.sessions = state._sessions
        self.as_of = state.as_of
        self.waiting = state.waiting_count
        self.registrations = state._registrations
        self.facts = state._facts
        self.latest = state._latest
        self.seats = dict(state._seats)
        self.queues = dict(state._queues)
        self.holds = state._holds
        self.pending: Registration | None = None
        self.events: list[Event] = []

    def record(self, event: Event) -> None:
        """Apply *event* and keep it for the transition."""
        self.events.append(event)
        _apply(self, event)

    def state(self) -> OfferState:
        """The new state."""
        before = self.before
        return OfferState(
            offer=self.offer,
            commitments=before.commitments,
            caseworkers=before.caseworkers,
            as_of=self.as_of,
            waiting_count=self.waiting,
            registrations=self.registrations,
            facts=self.facts,
            latest=self.latest,
            seats=self.seats,
            queues=self.queues,
            holds=self.holds,
            windows=before._windows,
            sessions=self.sessions,
        )

    def transition(self) -> Transition:
        """The transition to the new state."""
        return Transition(state=self.state(), events=tuple(self.events))

    def fact(self, registration_id: str) -> _Fact:
        """Where *registration_id* stands (each looked up once per transition)."""
        fact = self.known.get(registration_id)
        if fact is None:
            fact = self.known[registration_id] = self.facts.get(registration_id)
        return fact

    def registration(self, registration_id: str) -> Registration:
        fact = self.fact(registration_id)
        registration: Registration = self.registrations.get((fact[5], registration_id))
        return registration

    def put(self, registration_id: str, fact: _Fact) -> None:
        self.facts = self.facts.set(registration_id, fact)
        self.known[registration_id] = fact

    def free(self, session_id: str) -> int:
        booked, held = self.seats[session_id]
        return self.sessions[session_id].capacity - booked - held

    def count(self, session_id: str, *, booked: int = 0, held: int = 0) -> None:
        b, h = self.seats[session_id]
        self.seats[session_id] = (b + booked, h + held)

    def clashes(self, person_id: str, session: Session) -> bool:
        return _clashes(self.before._windows, person_id, session)

    def queue(self, queue_id: str) -> _Sorted:
        """The queue *queue_id* without the stale items at its front (dropped for good)."""
        queue = start = self.queues.get(queue_id, _EMPTY_SORTED)
        first = queue.first()
        while first is not None and self.fact(first[1])[0] != _WAITING:
            queue = queue.rest()
            first = queue.first()
        if queue is not start:
            self.queues[queue_id] = queue
        return queue


def _decided(d: _Draft, registration_id: str) -> Registration:
    """The registration an outcome event is about (just registered, and now kept, or known)."""
    pending = d.pending
    if pending is not None and pending.id == registration_id:
        d.pending = None
        d.registrations = d.registrations.set(_registration_key(pending), pending)
        return pending
    return d.registration(registration_id)


def _apply(d: _Draft, event: Event) -> None:
    """Apply *event* to *d*: the single place where a roster changes (commands and replay)."""
    match event:
        case OfferOpened():
            raise InvalidTransition(status="open", command="replay", detail="offer already open")
        case Registered(registration=r):
            # The registration waits in `pending` for its outcome, the next event.
            d.pending = r
            at = r.registered_at
        case Rejected(registration_id=rid, reasons=reasons, at=at):
            r = _decided(d, rid)
            d.put(rid, (RegistrationStatus.REJECTED.value, None, None, (), reasons, r._timestamp))
        case Placed(registration_id=rid, session_id=sid, at=at):
            r = _decided(d, rid)
            d.put(rid, (_PLACED, sid, None, (), (), r._timestamp))
            d.latest = d.latest.set(r.person_id, rid)
            d.count(sid, booked=1)
        case Waitlisted(registration_id=rid, at=at):
            r = _decided(d, rid)
            if r.preferences:
                queued = tuple(
                    p for p in r.preferences if not d.clashes(r.person_id, d.sessions[p])
                )
            else:
                queued = (_ANY,)
            key = order_key(r)
            for sid in queued:
                d.queues[sid] = d.queues.get(sid, _EMPTY_SORTED).set(key, rid)
            d.put(rid, _waiting_fact(r, queued if r.preferences else ()))
            d.latest = d.latest.set(r.person_id, rid)
            d.waiting += 1
        case SeatOffered(registration_id=rid, session_id=sid, at=at, until=until):
            d.put(rid, (_OFFERED, sid, until, (), (), d.fact(rid)[5]))
            d.count(sid, held=1)
            d.holds = d.holds.set((until, rid), rid)
            d.waiting -= 1
        case (
            SeatOfferExpired(registration_id=rid, session_id=sid, at=at)
            | Declined(registration_id=rid, session_id=sid, at=at)
        ):
            status = (
                RegistrationStatus.LAPSED
                if isinstance(event, SeatOfferExpired)
                else RegistrationStatus.DECLINED
            )
            d.put(rid, _changed(d.fact(rid), status.value, sid))
            d.count(sid, held=-1)
        case Confirmed(registration_id=rid, session_id=sid, at=at):
            d.put(rid, _changed(d.fact(rid), _PLACED, sid))
            d.count(sid, booked=1, held=-1)
        case Cancelled(registration_id=rid, at=at):
            fact = d.fact(rid)
            was, held_in = fact[0], fact[1]
            d.put(rid, _changed(fact, RegistrationStatus.CANCELLED.value))
            if held_in is None:  # waiting
                d.waiting -= 1
            elif was == _PLACED:
                d.count(held_in, booked=-1)
            else:  # offered
                d.count(held_in, held=-1)
        case SessionAdded(session=session, at=at):
            _add_session_effect(d, session)
        case Moved(registration_id=rid, from_session_id=old, to_session_id=new, at=at):
            d.put(rid, _changed(d.fact(rid), _PLACED, new))
            d.count(old, booked=-1)
            d.count(new, booked=1)
        case _:  # pragma: no cover
            raise TypeError(f"not an event: {type(event).__name__}")
    d.as_of = _later(d.as_of, at)


def _add_session_effect(d: _Draft, session: Session) -> None:
    """Add *session*; everyone waiting with ranked sessions also queues for it (O(n))."""
    queued: list[tuple[OrderKey, str]] = []
    for rid, fact in d.facts.items():
        if fact[0] != _WAITING:
            continue
        r = d.registration(rid)
        if r.preferences and not d.clashes(r.person_id, session):
            queued.append((order_key(r), rid))
            d.put(rid, _waiting_fact(r, (*_queued_in(r, fact), session.id)))
    d.offer = d.offer.with_session(session)
    d.sessions = {**d.sessions, session.id: session}
    d.seats[session.id] = (0, 0)
    d.queues[session.id] = _Sorted.from_sorted(sorted(queued))


def _head(d: _Draft, session: Session) -> tuple[OrderKey, str] | None:
    """The best-keyed waiting registration eligible for *session*, or ``None``."""
    best: tuple[OrderKey, str] | None = d.queue(session.id).first()
    for key, rid in d.queue(_ANY).items():
        if best is not None and best[0] < key:
            break
        if d.fact(rid)[0] == _WAITING and not d.clashes(d.registration(rid).person_id, session):
            best = (key, rid)
            break
    return best


def _promote(d: _Draft, session: Session, *, at: DateTime, policy: Policy) -> None:
    """Offer the free seats of *session* to the head of the waitlist, one by one."""
    until: DateTime | None = None
    while d.free(session.id) > 0:
        head = _head(d, session)
        if head is None:
            break
        if until is None:
            until = at + policy.seat_offer_hold.at(at.date())
        d.record(SeatOffered(registration_id=head[1], session_id=session.id, at=at, until=until))


# Commands -----------------------------------------------------------------------------------


def open_offer(
    offer: GroupOffer,
    *,
    commitments: Iterable[Commitment] = (),
    caseworkers: Iterable[str] | None = None,
) -> Transition:
    """
    Open the roster of *offer*: every seat free, nobody waiting.

    *commitments* are seats people hold elsewhere; *caseworkers* the ids allowed to
    register (``None``: presumed, and each :class:`Registered` event says so).

    >>> from jobcenter_core.offers import GroupOffer
    >>> t = open_offer(GroupOffer(id="o", title="t"), caseworkers=["cw-1"])
    >>> t.state.caseworkers, type(t.events[0]).__name__
    (frozenset({'cw-1'}), 'OfferOpened')
    """
    event = OfferOpened(
        offer=offer, commitments=tuple(commitments), caseworkers=_caseworker_ids(caseworkers)
    )
    return Transition(state=_opened(event), events=(event,))


def _opened(event: OfferOpened) -> OfferState:
    sessions = event.offer.sessions
    return OfferState(
        offer=event.offer,
        commitments=event.commitments,
        caseworkers=event.caseworkers,
        seats={s.id: (0, 0) for s in sessions},
        windows=_windows(event.commitments),
        sessions={s.id: s for s in sessions},
    )


def register(
    state: OfferState,
    registration: Registration,
    *,
    candidate: Candidate | None = None,
    on: _dt.date | None = None,
    policy: Policy = DEFAULT_POLICY,
) -> Transition:
    """
    Register a person: rejected (same checks as :func:`allocate`), placed in the most
    preferred session that has room and nobody eligible waiting for it, or waitlisted.

    The instant is the registration's ``registered_at``.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.offers import GroupOffer, Session, Venue
    >>> s = Session(id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=1)
    >>> from jobcenter_core.enrolment import open_offer, register
    >>> state = open_offer(GroupOffer(id="o", title="t", sessions=(s,)), caseworkers=["cw"]).state
    >>> regs = [Registration(id=f"r-{i}", person_id=f"p-{i}", offer_id="o", registered_by="cw",
    ...                      registered_at=at_berlin(2022, 6, 13, 9 + i)) for i in range(2)]
    >>> first = register(state, regs[0])
    >>> [type(e).__name__ for e in first.events]
    ['Registered', 'Placed']
    >>> [type(e).__name__ for e in register(first.state, regs[1]).events]
    ['Registered', 'Waitlisted']

    References:
        SGB II § 16 Abs. 1 with SGB III § 45.
    """
    r = registration
    known: _Fact | None = state._facts.get(r.id)
    if known is not None:
        raise InvalidTransition(
            status=known[0], command="register", detail="registration id already known"
        )
    offer = state.offer
    presumed: list[Assumption] = []
    if state.caseworkers is None:
        presumed.append(_PRESUMED_CASEWORKER)
    reasons = _structural_reasons(r, offer, state._sessions.keys(), state.caseworkers)
    if not reasons:
        reasons, presumed_group = _target_group_check(r, offer, candidate, on=on, policy=policy)
        if presumed_group:
            presumed.append(_PRESUMED_TARGET_GROUP)
    if not reasons:
        other = _active_id(state._facts, state._latest, r.person_id)
        if other is not None:
            reasons = [_duplicate_reason(r, other)]
    d = _Draft(state)
    at = r.registered_at
    d.record(Registered(registration=r, presumed=presumed))
    if reasons:
        d.record(Rejected(registration_id=r.id, reasons=reasons, at=at))
        return d.transition()
    ranked = (
        [d.sessions[p] for p in r.preferences]
        if r.preferences
        else _candidate_sessions(offer, r.preferences)
    )
    for session in ranked:
        if (
            d.free(session.id) > 0
            and not d.clashes(r.person_id, session)
            and _head(d, session) is None
        ):
            d.record(Placed(registration_id=r.id, session_id=session.id, at=at))
            break
    else:
        d.record(Waitlisted(registration_id=r.id, at=at))
    return d.transition()


def _draft_for(
    state: OfferState, registration_id: str, command: str, statuses: Collection[str]
) -> tuple[_Draft, _Fact]:
    """A draft of *state* for *command* on a registration in one of *statuses*, and its fact."""
    fact: _Fact | None = state._facts.get(registration_id)
    if fact is None:
        raise InvalidTransition(status="unknown", command=command, detail="no such registration")
    if fact[0] not in statuses:
        raise InvalidTransition(status=fact[0], command=command)
    d = _Draft(state)
    d.known[registration_id] = fact
    return d, fact


def cancel(
    state: OfferState, registration_id: str, *, at: _dt.datetime, policy: Policy = DEFAULT_POLICY
) -> Transition:
    """
    Cancel a registration (placed, waiting or holding a seat offer). A seat it frees is
    offered to the head of the waitlist, never to a newcomer; a cancelled registration
    never comes back.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.offers import GroupOffer, Session, Venue
    >>> s = Session(id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=1)
    >>> from jobcenter_core.enrolment import cancel, open_offer, register
    >>> state = open_offer(GroupOffer(id="o", title="t", sessions=(s,))).state
    >>> for i in range(2):
    ...     state = register(state, Registration(id=f"r-{i}", person_id=f"p-{i}", offer_id="o",
    ...         registered_by="cw", registered_at=at_berlin(2022, 6, 13, 9 + i))).state
    >>> t = cancel(state, "r-0", at=at_berlin(2022, 6, 15, 10))
    >>> [type(e).__name__ for e in t.events], t.state.seat_offers()[0].until.isoformat()
    (['Cancelled', 'SeatOffered'], '2022-06-17T10:00:00+02:00')
    """
    instant = berlin_instant(at)
    d, (status, session_id, *_) = _draft_for(state, registration_id, "cancel", _ACTIVE_VALUES)
    d.record(Cancelled(registration_id=registration_id, at=instant))
    if session_id is not None and status != _WAITING:
        _promote(d, d.sessions[session_id], at=instant, policy=policy)
    return d.transition()


def confirm(state: OfferState, registration_id: str, *, at: _dt.datetime) -> Transition:
    """
    Confirm a seat offer before it lapses: the registration takes the seat.

    ``InvalidTransition`` when there is no open seat offer or its hold has passed.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.enrolment import cancel, confirm, open_offer, register
    >>> from jobcenter_core.offers import GroupOffer, Session, Venue
    >>> s = Session(id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=1)
    >>> state = open_offer(GroupOffer(id="o", title="t", sessions=(s,))).state
    >>> for i in range(3):
    ...     state = register(state, Registration(id=f"r-{i}", person_id=f"p-{i}", offer_id="o",
    ...         registered_by="cw", registered_at=at_berlin(2022, 6, 13, 9 + i))).state
    >>> state = cancel(state, "r-0", at=at_berlin(2022, 6, 15, 10)).state
    >>> confirm(state, "r-1", at=at_berlin(2022, 6, 16, 9)).state.status("r-1")
    <RegistrationStatus.PLACED: 'placed'>
    """
    instant = berlin_instant(at)
    d, (_, session_id, hold_until, *_) = _draft_for(state, registration_id, "confirm", (_OFFERED,))
    assert hold_until is not None and session_id is not None
    if instant >= hold_until:
        raise InvalidTransition(
            status=_OFFERED,
            command="confirm",
            detail=f"the seat offer lapsed at {hold_until.isoformat()}",
        )
    d.record(Confirmed(registration_id=registration_id, session_id=session_id, at=instant))
    return d.transition()


def decline(
    state: OfferState, registration_id: str, *, at: _dt.datetime, policy: Policy = DEFAULT_POLICY
) -> Transition:
    """
    Decline a seat offer: the registration ends and the seat passes to the next person
    waiting.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.enrolment import cancel, decline, open_offer, register
    >>> from jobcenter_core.offers import GroupOffer, Session, Venue
    >>> s = Session(id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=1)
    >>> state = open_offer(GroupOffer(id="o", title="t", sessions=(s,))).state
    >>> for i in range(3):
    ...     state = register(state, Registration(id=f"r-{i}", person_id=f"p-{i}", offer_id="o",
    ...         registered_by="cw", registered_at=at_berlin(2022, 6, 13, 9 + i))).state
    >>> state = cancel(state, "r-0", at=at_berlin(2022, 6, 15, 10)).state
    >>> t = decline(state, "r-1", at=at_berlin(2022, 6, 15, 12))
    >>> [(type(e).__name__, e.registration_id) for e in t.events]
    [('Declined', 'r-1'), ('SeatOffered', 'r-2')]
    """
    instant = berlin_instant(at)
    d, (_, session_id, *_) = _draft_for(state, registration_id, "decline", (_OFFERED,))
    assert session_id is not None
    d.record(Declined(registration_id=registration_id, session_id=session_id, at=instant))
    _promote(d, d.sessions[session_id], at=instant, policy=policy)
    return d.transition()


def expire(state: OfferState, *, at: _dt.datetime, policy: Policy = DEFAULT_POLICY) -> Transition:
    """
    Let every seat offer whose hold ended by *at* lapse, passing each seat on to the
    next person waiting (whose new hold starts at *at*).

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.enrolment import cancel, expire, open_offer, register
    >>> from jobcenter_core.offers import GroupOffer, Session, Venue
    >>> s = Session(id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=1)
    >>> state = open_offer(GroupOffer(id="o", title="t", sessions=(s,))).state
    >>> for i in range(3):
    ...     state = register(state, Registration(id=f"r-{i}", person_id=f"p-{i}", offer_id="o",
    ...         registered_by="cw", registered_at=at_berlin(2022, 6, 13, 9 + i))).state
    >>> state = cancel(state, "r-0", at=at_berlin(2022, 6, 15, 10)).state
    >>> t = expire(state, at=at_berlin(2022, 6, 17, 10))
    >>> [(type(e).__name__, e.registration_id) for e in t.events]
    [('SeatOfferExpired', 'r-1'), ('SeatOffered', 'r-2')]
    """
    instant = berlin_instant(at)
    lapsed: list[tuple[str, str | None]] = []  # (registration id, session id)
    holds = state._holds
    first = holds.first()
    while first is not None and first[0][0] <= instant:  # every deadline passed: drop it
        status, sid, *_ = state._facts.get(first[1])
        if status == _OFFERED:
            lapsed.append((first[1], sid))
        holds = holds.rest()
        first = holds.first()
    if holds is state._holds:
        return Transition(state=state, events=())
    d = _Draft(state)
    d.holds = holds
    for rid, sid in lapsed:
        assert sid is not None
        d.record(SeatOfferExpired(registration_id=rid, session_id=sid, at=instant))
        _promote(d, d.sessions[sid], at=instant, policy=policy)
    return d.transition()


def add_session(
    state: OfferState, session: Session, *, at: _dt.datetime, policy: Policy = DEFAULT_POLICY
) -> Transition:
    """
    Add *session* to the offer and offer its seats to the waitlist in key order (the
    second date of 30 June 2022). Everyone waiting may take the new session, since
    nobody could rank it when registering.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.enrolment import add_session, open_offer, register
    >>> from jobcenter_core.offers import GroupOffer, Session, Venue
    >>> s = Session(id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=1)
    >>> state = open_offer(GroupOffer(id="o", title="t", sessions=(s,))).state
    >>> for i in range(3):
    ...     state = register(state, Registration(id=f"r-{i}", person_id=f"p-{i}", offer_id="o",
    ...         registered_by="cw", registered_at=at_berlin(2022, 6, 13, 9 + i))).state
    >>> june_30 = Session(id="s-2", start=at_berlin(2022, 6, 30, 9), end=at_berlin(2022, 6, 30, 12),
    ...                   venue=s.venue, capacity=5)
    >>> t = add_session(state, june_30, at=at_berlin(2022, 6, 17, 9))
    >>> [type(e).__name__ for e in t.events]
    ['SessionAdded', 'SeatOffered', 'SeatOffered']
    >>> t.state.free("s-2"), t.state.held("s-2")
    (3, 2)
    """
    instant = berlin_instant(at)
    if session.id in state.offer.session_ids:
        raise InvalidTransition(
            status="open", command="add_session", detail="the offer already has that session id"
        )
    d = _Draft(state)
    d.record(SessionAdded(session=session, at=instant))
    _promote(d, session, at=instant, policy=policy)
    return d.transition()


def move_session(
    state: OfferState,
    registration_id: str,
    session_id: str,
    *,
    at: _dt.datetime,
    policy: Policy = DEFAULT_POLICY,
) -> Transition:
    """
    Move a placed person to another session with a free seat; the seat left behind is
    offered to the waitlist.

    ``InvalidTransition`` when the registration holds no seat, or the target is unknown,
    the same session, full, or overlaps a seat the person holds elsewhere.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.enrolment import add_session, move_session, open_offer, register
    >>> from jobcenter_core.offers import GroupOffer, Session, Venue
    >>> s = Session(id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=1)
    >>> state = open_offer(GroupOffer(id="o", title="t", sessions=(s,))).state
    >>> for i in range(3):
    ...     state = register(state, Registration(id=f"r-{i}", person_id=f"p-{i}", offer_id="o",
    ...         registered_by="cw", registered_at=at_berlin(2022, 6, 13, 9 + i))).state
    >>> june_30 = Session(id="s-2", start=at_berlin(2022, 6, 30, 9), end=at_berlin(2022, 6, 30, 12),
    ...                   venue=s.venue, capacity=5)
    >>> state = add_session(state, june_30, at=at_berlin(2022, 6, 14, 9)).state
    >>> t = move_session(state, "r-0", "s-2", at=at_berlin(2022, 6, 15, 9))
    >>> t.state.session_of("r-0"), [o.session_id for o in t.state.seat_offers()]
    ('s-2', ['s-2', 's-2'])
    """
    instant = berlin_instant(at)
    entry = state._entry(registration_id, "move_session")
    if entry.status is not RegistrationStatus.PLACED:
        raise InvalidTransition(status=entry.status.value, command="move_session")
    assert entry.session_id is not None
    if session_id not in state.offer.session_ids or session_id == entry.session_id:
        raise InvalidTransition(
            status="placed", command="move_session", detail="unknown or same session"
        )
    target = state.offer.session(session_id)
    if state.free(session_id) <= 0 or _clashes(
        state._windows, entry.registration.person_id, target
    ):
        raise InvalidTransition(
            status="placed", command="move_session", detail="no free seat the person can take"
        )
    d = _Draft(state)
    d.record(
        Moved(
            registration_id=registration_id,
            from_session_id=entry.session_id,
            to_session_id=session_id,
            at=instant,
        )
    )
    _promote(d, d.sessions[entry.session_id], at=instant, policy=policy)
    return d.transition()


def replay(events: Iterable[Event]) -> OfferState:
    """
    Rebuild the roster from its events (the first must be :class:`OfferOpened`).

    >>> from jobcenter_core.offers import GroupOffer
    >>> from jobcenter_core.enrolment import open_offer, replay
    >>> t = open_offer(GroupOffer(id="o", title="t"))
    >>> replay(t.events) == t.state
    True
    """
    iterator = iter(events)
    first = next(iterator, None)
    if not isinstance(first, OfferOpened):
        raise InvalidTransition(
            status="unknown", command="replay", detail="the first event must be OfferOpened"
        )
    d = _Draft(_opened(first))
    for event in iterator:
        _apply(d, event)
    return d.state()


# --- the demand signal ------------------------------------------------------------------------


def demand_signal(
    roster: OfferState | Allocation,
    *,
    policy: Policy = DEFAULT_POLICY,
    on: _dt.date | None = None,
    session_capacity: int | None = None,
) -> Decision[int]:
    """
    How many extra sessions to schedule: ``ceil(waiting / session capacity)`` once the
    waitlist reaches ``policy.min_group_size`` (12 participants, AZAV § 3 Abs. 3), else 0.

    *on* picks the policy's value; by default the day of the roster's latest event (or,
    for an :class:`Allocation`, of its first session). *session_capacity* defaults to the
    largest session of the offer.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.offers import GroupOffer, Session, Venue
    >>> s = Session(id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=20)
    >>> regs = [Registration(id=f"r-{i:02}", person_id=f"p-{i}", offer_id="o", registered_by="cw",
    ...                      registered_at=at_berlin(2022, 6, 13, 9, i)) for i in range(35)]
    >>> signal = demand_signal(allocate(GroupOffer(id="o", title="t", sessions=(s,)), regs))
    >>> signal.value, signal.codes
    (1, ('waitlist_reaches_min_group_size', 'sessions_needed'))

    References:
        AZAV § 3 Abs. 3.
    """
    offer = roster.offer
    if isinstance(roster, Allocation):
        waiting = len(roster.waitlist)
        default_day = offer.sessions[0].start.date() if offer.sessions else None
    else:
        waiting = roster.waiting_count
        default_day = roster.as_of.date() if roster.as_of is not None else None
    day = on if on is not None else default_day
    if day is None:
        raise ValueError("'on' must be given for a roster without sessions or events")
    capacity = session_capacity
    if capacity is None:
        if not offer.sessions:
            raise ValueError("'session_capacity' must be given for an offer without sessions")
        capacity = max(s.capacity for s in offer.sessions)
    if capacity < 1:
        raise ValueError(f"'session_capacity' must be >= 1 (got {capacity})")
    minimum = policy.min_group_size.at(day)
    reference = policy.min_group_size.reference_at(day) or _GROUP_SIZE
    if waiting < minimum:
        return Decision(
            value=0,
            reasons=(
                Reason(
                    code="waitlist_below_min_group_size",
                    message=f"{waiting} waiting, fewer than a group of {minimum}",
                    reference=reference,
                ),
            ),
        )
    needed = math.ceil(waiting / capacity)
    return Decision(
        value=needed,
        reasons=(
            Reason(
                code="waitlist_reaches_min_group_size",
                message=f"{waiting} waiting, at least a group of {minimum}",
                reference=reference,
            ),
            Reason(
                code="sessions_needed",
                message=f"{needed} extra session(s) of {capacity} seats",
            ),
        ),
    )
