"""
Batch allocation: every registration for a group offer placed in a session, put on the
waitlist or rejected, in one call.

**Allocation semantics** (DESIGN.md, the policy every caller may assume):

* the *order key* (:func:`~jobcenter_core.enrolment.order_key`) is higher ``priority``
  first, then earlier ``registered_at``, then registration id — the same result whatever
  the input order;
* registrations are walked in key order; each takes its most preferred session that
  still has a free seat and does not overlap a seat the person already holds
  (``commitments``); an empty preference list means "any session, earliest first"
  (serial dictatorship, which equals deferred acceptance when all sessions rank people
  by the same key);
* a registration for another offer, naming an unknown session, made by someone who is
  not a case worker (unless registration is open: :data:`~jobcenter_core.enrolment.ANYONE`),
  for a person outside the target group, or repeating a person already registered (same
  person, same offer) is rejected with reasons (:mod:`~jobcenter_core.enrolment.admission`);
  eligible but not placed means the waitlist, in key order.

Registrations go through the case workers (the Werkakademie's rule in June 2022), whose
ids every allocation is given:

>>> from jobcenter_core.dates import at_berlin
>>> from jobcenter_core.offers import GroupOffer, Session, Venue
>>> from jobcenter_core.enrolment import Registration
>>> venue = Venue(name="Zentrale Unterkunft", address="Bocholt")
>>> offer = GroupOffer(id="lad", title="Leben und Arbeiten in Deutschland", sessions=(
...     Session(id="s-0621", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
...             venue=venue, capacity=2),))
>>> regs = [Registration(id=f"r-{i}", person_id=f"p-{i}", offer_id="lad", preferences=("s-0621",),
...                      registered_at=at_berlin(2022, 6, 13, 9 + i), registered_by="cw-1")
...         for i in range(3)]
>>> result = allocate(offer, regs, caseworkers={"cw-1"})
>>> [r.id for r in result.placed_in("s-0621")], [r.id for r in result.waitlist]
(['r-0', 'r-1'], ['r-2'])
>>> print(result.explain("r-2").explain())
WAITLISTED
  - session s-0621 was full; the worst key holding a seat there is r-1 (priority 0, registered 2022-06-13T10:00:00+02:00) (session_full)
  - waiting at position 1 of 1 (waitlisted)

References:
    SGB II § 16 Abs. 1 with SGB III § 45.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

import attrs

from jobcenter_core.decisions import Assumption, Decision, Reason
from jobcenter_core.enrolment import _fields as fields
from jobcenter_core.enrolment._admission import TargetGroupAnswers
from jobcenter_core.enrolment.admission import PRESUMED_TARGET_GROUP, _decide
from jobcenter_core.enrolment.registration import (
    ANYONE,
    Commitment,
    Registrars,
    Registration,
    commitments_by_person,
    order_key,
    preference_order,
    registrars,
)
from jobcenter_core.errors import InvalidInput, Problem, UnknownId
from jobcenter_core.offers import Candidate, Everyone, GroupOffer
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.validators import as_tuple, instance_of, items_of, pairs_of

__all__ = ["Allocation", "Outcome", "Rejection", "allocate"]


class Outcome(enum.Enum):
    """Where a registration ended: placed in a session, on the waitlist, or rejected.

    >>> Outcome.WAITLISTED.value
    'waitlisted'
    """

    PLACED = "placed"
    WAITLISTED = "waitlisted"
    REJECTED = "rejected"


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

    registration: Registration = attrs.field(validator=instance_of(Registration))
    reasons: tuple[Reason, ...] = attrs.field(converter=fields.reasons, validator=items_of(Reason))
    missing: tuple[Assumption, ...] = attrs.field(
        default=(), converter=fields.assumptions, validator=items_of(Assumption)
    )

    @property
    def codes(self) -> tuple[str, ...]:
        """The reason codes."""
        return tuple(r.code for r in self.reasons)


def _registrations(items: Iterable[Registration]) -> tuple[Registration, ...]:
    return as_tuple(items)


def _placements(
    items: Iterable[tuple[str, tuple[Registration, ...]]],
) -> tuple[tuple[str, tuple[Registration, ...]], ...]:
    return as_tuple(items)


def _rejections(items: Iterable[Rejection]) -> tuple[Rejection, ...]:
    return as_tuple(items)


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

    offer: GroupOffer = attrs.field(validator=instance_of(GroupOffer))
    placements: tuple[tuple[str, tuple[Registration, ...]], ...] = attrs.field(
        converter=_placements, validator=pairs_of(str, tuple, what="(session id, registrations)")
    )
    waitlist: tuple[Registration, ...] = attrs.field(
        converter=_registrations, validator=items_of(Registration)
    )
    rejections: tuple[Rejection, ...] = attrs.field(
        converter=_rejections, validator=items_of(Rejection)
    )
    missing: tuple[Assumption, ...] = attrs.field(
        default=(), converter=fields.assumptions, validator=items_of(Assumption)
    )
    commitments: tuple[Commitment, ...] = attrs.field(
        default=(), converter=fields.commitments, validator=items_of(Commitment), repr=False
    )
    # Where each registration ended, (outcome, session id or rejection, position), by
    # registration id: a lookup table made on first use, outside equality and repr.
    _where: Mapping[str, tuple[Outcome, Any, int]] | None = attrs.field(
        init=False, default=None, eq=False, repr=False, hash=False
    )

    def placed_in(self, session_id: str) -> tuple[Registration, ...]:
        """
        The registrations placed in *session_id*, in key order
        (:class:`~jobcenter_core.errors.UnknownId` for a session not in the offer).
        """
        for sid, placed in self.placements:
            if sid == session_id:
                return placed
        raise UnknownId("session id")

    def _lookup(self, registration_id: str) -> tuple[Outcome, Any, int]:
        where = self._where
        if where is None:
            found: dict[str, tuple[Outcome, Any, int]] = {}
            for sid, placed in self.placements:
                for position, r in enumerate(placed):
                    found[r.id] = (Outcome.PLACED, sid, position)
            for position, r in enumerate(self.waitlist):
                found[r.id] = (Outcome.WAITLISTED, None, position)
            for position, rejection in enumerate(self.rejections):
                found[rejection.registration.id] = (Outcome.REJECTED, rejection, position)
            where = MappingProxyType(found)
            object.__setattr__(self, "_where", where)
        found_at = where.get(registration_id)
        if found_at is None:
            raise UnknownId("registration id: not in this allocation")
        return found_at

    def outcome(self, registration_id: str) -> Outcome:
        """
        Where *registration_id* ended (:class:`~jobcenter_core.errors.UnknownId` for an id
        not allocated).

        >>> empty = allocate(GroupOffer(id="o", title="t"), [], caseworkers=["cw-1"])
        >>> empty.waitlist
        ()
        """
        return self._lookup(registration_id)[0]

    def session_of(self, registration_id: str) -> str | None:
        """The session *registration_id* was placed in, or ``None``."""
        outcome, session_id, _ = self._lookup(registration_id)
        return session_id if outcome is Outcome.PLACED else None

    def explain(self, registration_id: str) -> Decision[Outcome]:
        """
        Why *registration_id* ended where it did: for each session ranked above the one
        it got (or every ranked session, when waitlisted) whether it was full — naming
        the worst key that held a seat there — or overlapped a commitment.

        See the module example.
        """
        outcome, where, position = self._lookup(registration_id)
        if outcome is Outcome.REJECTED:
            return Decision(value=outcome, reasons=where.reasons, missing=where.missing)
        if outcome is Outcome.PLACED:
            registration = self.placed_in(where)[position]
        else:
            registration = self.waitlist[position]
        placements = dict(self.placements)
        held = [c for c in self.commitments if c.person_id == registration.person_id]
        reasons: list[Reason] = []
        for session in preference_order(self.offer)(registration):
            if session.id == where:
                reasons.append(
                    Reason(
                        code="placed",
                        message=f"placed in session {session.id} ({session.start.isoformat()})",
                    )
                )
                break
            clash = next((c for c in held if c.clashes_with(session)), None)
            if clash is not None:
                reasons.append(
                    Reason(
                        code="overlaps_commitment",
                        message=f"session {session.id} overlaps a seat already held "
                        f"({clash.offer_id}/{clash.session_id})",
                    )
                )
                continue
            worst = placements[session.id][-1]
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
                    message=f"waiting at position {position + 1} of {len(self.waitlist)}",
                )
            )
        return Decision(value=outcome, reasons=reasons, missing=self.missing)

    def new_commitments(self) -> tuple[Commitment, ...]:
        """
        The seats this allocation gave, as commitments to respect when allocating the
        next offer.

        >>> allocate(GroupOffer(id="o", title="t"), [], caseworkers=["cw-1"]).new_commitments()
        ()
        """
        sessions = {s.id: s for s in self.offer.sessions}
        return tuple(
            Commitment.of(r.person_id, self.offer, sessions[sid])
            for sid, placed in self.placements
            for r in placed
        )


def allocate(
    offer: GroupOffer,
    registrations: Iterable[Registration],
    *,
    policy: Policy = DEFAULT_POLICY,
    commitments: Iterable[Commitment] = (),
    candidates: Mapping[str, Candidate] | None = None,
    caseworkers: Registrars,
    on: _dt.date | None = None,
) -> Allocation:
    """
    Place *registrations* in the sessions of *offer*: serial dictatorship in
    :func:`~jobcenter_core.enrolment.order_key` order (see the module docstring).

    Who may register is required, the facts for the checks are optional:

    * *caseworkers* are the ids of the case workers, the only ones who may register; or
      :data:`~jobcenter_core.enrolment.ANYONE` for an offer with open registration
      (anything else, ``None`` included, is a ``TypeError``: never presumed);
    * *candidates* maps person ids to :class:`~jobcenter_core.offers.Candidate` facts for
      the target-group rule; a person without facts is presumed in the target group, and
      ``missing`` says so (an offer for :class:`~jobcenter_core.offers.Everyone` needs
      none);
    * *on* is the day the target group is checked; by default the day of each
      registration;
    * *commitments* are seats people already hold elsewhere.

    Two registrations with one id are an input error
    (:class:`~jobcenter_core.errors.InvalidInput`). Runs in O(n log n): one sort by the
    order key, then one pass.

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
    ordered = sorted(registrations, key=order_key)
    _refuse_repeated_ids(ordered)
    commitments = tuple(commitments)
    held = commitments_by_person(commitments)
    session_ids = frozenset(offer.session_ids)
    allowed = registrars(caseworkers)
    caseworker_ids = ANYONE if allowed is None else allowed
    sessions_for = preference_order(offer)
    free = {s.id: s.capacity for s in offer.sessions}
    placements: dict[str, list[Registration]] = {s.id: [] for s in offer.sessions}
    waitlist: list[Registration] = []
    rejections: list[Rejection] = []
    registered: dict[str, str] = {}  # person id -> their registration that counts
    outside = TargetGroupAnswers(offer, policy).reasons

    for registration in ordered:
        person_id = registration.person_id
        admitted = _decide(  # may_take_part, its target group asked once per shape
            registration,
            offer,
            session_ids=session_ids,
            caseworkers=caseworker_ids,
            candidate=candidates.get(person_id) if candidates is not None else None,
            on=on,
            registered_as=registered.get(person_id),
            outside=outside,
        )
        if not admitted.value:
            rejections.append(Rejection(registration=registration, reasons=admitted.reasons))
            continue
        registered[person_id] = registration.id
        mine = held.get(person_id)
        for session in sessions_for(registration):
            if free[session.id] > 0 and not (mine and any(c.clashes_with(session) for c in mine)):
                free[session.id] -= 1
                placements[session.id].append(registration)
                break
        else:
            waitlist.append(registration)

    missing = []
    if not isinstance(offer.target_group, Everyone) and any(
        candidates is None or person_id not in candidates for person_id in registered
    ):  # someone was admitted whose facts were not given
        missing.append(PRESUMED_TARGET_GROUP)
    return Allocation(
        offer=offer,
        placements=[(sid, tuple(placed)) for sid, placed in placements.items()],
        waitlist=waitlist,
        rejections=rejections,
        missing=missing,
        commitments=commitments,
    )


def _refuse_repeated_ids(registrations: list[Registration]) -> None:
    """Raise :class:`~jobcenter_core.errors.InvalidInput` naming each repeated id."""
    if len({r.id for r in registrations}) == len(registrations):
        return
    seen: set[str] = set()
    problems: list[Problem] = []
    for i, r in enumerate(registrations):
        if r.id in seen:
            problems.append(Problem(f"$[{i}].id", "duplicate registration id"))
        seen.add(r.id)
    if problems:
        raise InvalidInput(problems)
