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
import math
import operator
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from typing import Any, TypeAlias

import attrs
from pendulum import DateTime

from jobcenter_core.dates import berlin_instant, completed_years
from jobcenter_core.decisions import Assumption, Decision, LegalReference, Reason
from jobcenter_core.eligibility import is_employable
from jobcenter_core.errors import InvalidInput, InvalidTransition, Problem
from jobcenter_core.households import Household
from jobcenter_core.offers import (
    AllOf,
    AnyOf,
    Employable,
    Everyone,
    GroupOffer,
    HasChildrenNeedingCare,
    LanguageAtLeast,
    Not,
    Session,
    TargetGroupRule,
    WantsWorkAtShortNotice,
)
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Person

__all__ = [
    "Allocation",
    "Cancelled",
    "Candidate",
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
    "in_target_group",
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


OrderKey: TypeAlias = tuple[int, DateTime, str]


def order_key(registration: Registration) -> OrderKey:
    """
    The key registrations are served in: higher ``priority`` first, then earlier
    ``registered_at``, then registration id.

    >>> from jobcenter_core.dates import at_berlin
    >>> early = Registration(id="r-1", person_id="p-1", offer_id="o", registered_by="cw",
    ...                      registered_at=at_berlin(2022, 6, 13, 9))
    >>> urgent = attrs.evolve(early, id="r-2", priority=1, registered_at=at_berlin(2022, 6, 14, 9))
    >>> [r.id for r in sorted([early, urgent], key=order_key)]
    ['r-2', 'r-1']
    """
    return (-registration.priority, registration.registered_at, registration.id)


@attrs.frozen(kw_only=True)
class Candidate:
    """
    What the enrolment rules know about a registered person: the *person*, their
    *household* (for children and their care) and whether they told their case worker
    they want to take up work at short notice (``None`` when not asked).

    >>> import pendulum
    >>> from jobcenter_core.people import Person, Sex
    >>> c = Candidate(person=Person(id="p-1", birth_date=pendulum.date(1990, 3, 1), sex=Sex.FEMALE),
    ...               wants_work_at_short_notice=True)
    >>> c.person_id
    'p-1'
    """

    person: Person
    household: Household | None = None
    wants_work_at_short_notice: bool | None = None

    @property
    def person_id(self) -> str:
        """The person's id."""
        return self.person.id


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


def in_target_group(
    rule: TargetGroupRule, candidate: Candidate, *, on: _dt.date, policy: Policy = DEFAULT_POLICY
) -> Decision[bool]:
    """
    Whether *candidate* is in the target group *rule* on *on*, with reasons.

    The reasons are those of the parts that decided: a failed ``AllOf`` cites its failing
    rules, a met ``AnyOf`` its met rules.

    >>> import pendulum
    >>> from jobcenter_core.languages import CefrLevel, LanguageSkill
    >>> from jobcenter_core.offers import LanguageAtLeast, WantsWorkAtShortNotice, all_of
    >>> from jobcenter_core.people import Person, Sex
    >>> olena = Person(id="p-1", birth_date=pendulum.date(1988, 4, 2), sex=Sex.FEMALE,
    ...                languages=(LanguageSkill(language="de", level=CefrLevel.A2),))
    >>> rule = all_of(WantsWorkAtShortNotice(), LanguageAtLeast(language="de", level=CefrLevel.B1))
    >>> d = in_target_group(rule, Candidate(person=olena, wants_work_at_short_notice=True),
    ...                     on=pendulum.date(2022, 6, 21))
    >>> d.value, d.codes
    (False, ('language_level_below',))

    References:
        SGB II § 16 Abs. 1 with SGB III § 45; § 8 (employability); § 10 Abs. 1 Nr. 3
        (care of children).
    """
    match rule:
        case Everyone():
            return Decision(
                value=True,
                reasons=(Reason(code="open_to_everyone", message="the offer is open to everyone"),),
            )
        case Employable():
            return is_employable(candidate.person, on=on, policy=policy)
        case WantsWorkAtShortNotice():
            return _wants_work(candidate)
        case LanguageAtLeast(language=language, level=level):
            found = candidate.person.level_in(language)
            if found is not None and found >= level:
                return Decision(
                    value=True,
                    reasons=(
                        Reason(
                            code="language_level_met",
                            message=f"speaks {language} at {found.value}, at least {level.value}",
                        ),
                    ),
                )
            shown = "not at all" if found is None else f"at {found.value}"
            return Decision(
                value=False,
                reasons=(
                    Reason(
                        code="language_level_below",
                        message=f"speaks {language} {shown}, below {level.value}",
                    ),
                ),
            )
        case HasChildrenNeedingCare():
            return _children_needing_care(candidate, on=on, policy=policy)
        case AllOf(rules=rules) | AnyOf(rules=rules):
            # The answer cites the parts that decided it: for "all of", the failing parts
            # when it fails; for "any of", the passing parts when it passes.
            parts = [in_target_group(r, candidate, on=on, policy=policy) for r in rules]
            met = all if isinstance(rule, AllOf) else any
            value = met(p.value for p in parts)
            decisive = (
                parts
                if isinstance(rule, AllOf) == value
                else [p for p in parts if p.value == value]
            )
            return Decision(
                value=value,
                reasons=tuple(x for p in decisive for x in p.reasons),
                missing=tuple(m for p in decisive for m in p.missing),
            )
        case Not(rule=inner):
            part = in_target_group(inner, candidate, on=on, policy=policy)
            negation = Reason(
                code="negated_rule", message="the offer is for people for whom this does not hold"
            )
            return Decision(
                value=not part.value, reasons=(*part.reasons, negation), missing=part.missing
            )
    raise TypeError(f"not a target-group rule: {type(rule).__name__}")  # pragma: no cover


def _wants_work(candidate: Candidate) -> Decision[bool]:
    wants = candidate.wants_work_at_short_notice
    if wants is None:
        return Decision(
            value=False,
            reasons=(
                Reason(
                    code="short_notice_wish_unknown",
                    message="no wish to take up work at short notice recorded",
                ),
            ),
            missing=(Assumption(fact="wants_work_at_short_notice", presumed="no"),),
        )
    if wants:
        return Decision(
            value=True,
            reasons=(
                Reason(
                    code="wants_work_at_short_notice",
                    message="wants to take up work at short notice",
                ),
            ),
        )
    return Decision(
        value=False,
        reasons=(
            Reason(
                code="no_short_notice_wish",
                message="does not want to take up work at short notice",
            ),
        ),
    )


def _children_needing_care(candidate: Candidate, *, on: _dt.date, policy: Policy) -> Decision[bool]:
    household = candidate.household
    if household is None:
        return Decision(
            value=False,
            reasons=(
                Reason(code="household_unknown", message="no household given: no children known"),
            ),
            missing=(Assumption(fact="household", presumed="no children needing care"),),
        )
    below = policy.care_required_below_age.at(on)
    missing: list[Assumption] = []
    count = 0
    for child_id in household.children_of(candidate.person.id):
        member = household.member(child_id)
        birth = member.person.birth_date
        if birth > on or completed_years(birth, on=on) >= below:
            continue
        if member.child_care is None:
            missing.append(Assumption(fact="child_care", presumed="not secured"))
            count += 1
        elif not member.child_care.is_secured:
            count += 1
    if count:
        reason = Reason(
            code="children_need_care",
            message=f"{count} child(ren) under {below} without secured care",
            reference=_CHILD_UPBRINGING,
        )
        return Decision(value=True, reasons=(reason,), missing=tuple(missing))
    reason = Reason(
        code="no_children_needing_care",
        message=f"no child under {below} without secured care",
        reference=_CHILD_UPBRINGING,
    )
    return Decision(value=False, reasons=(reason,))


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


# --- a persistent sorted map (private) --------------------------------------------------------

_FANOUT = 32
"""A node splits above this many entries; an update copies one node per level."""


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
            return (_Node(keys, (*items[:j], value, *items[j + 1 :]), True),), False
        return _split((*keys[:j], key, *keys[j:]), (*items[:j], value, *items[j:]), True), True
    i = max(bisect.bisect_right(keys, key) - 1, 0)
    parts, added = _insert(items[i], key, value)
    heads = tuple(p.keys[0] for p in parts)
    return _split(
        keys[:i] + heads + keys[i + 1 :], items[:i] + parts + items[i + 1 :], False
    ), added


def _remove(node: _Node, key: Any) -> _Node | None:
    """*node* without *key* (``None`` when it became empty); ``KeyError`` if absent."""
    keys, items = node.keys, node.items
    if node.leaf:
        j = bisect.bisect_left(keys, key)
        if j == len(keys) or keys[j] != key:
            raise KeyError(key)
        if len(keys) == 1:
            return None
        return _Node(keys[:j] + keys[j + 1 :], items[:j] + items[j + 1 :], True)
    i = bisect.bisect_right(keys, key) - 1
    if i < 0:
        raise KeyError(key)
    child = _remove(items[i], key)
    if child is None:
        if len(keys) == 1:
            return None
        return _Node(keys[:i] + keys[i + 1 :], items[:i] + items[i + 1 :], False)
    return _Node(
        (*keys[:i], child.keys[0], *keys[i + 1 :]), (*items[:i], child, *items[i + 1 :]), False
    )


def _walk(node: _Node) -> Iterator[tuple[Any, Any]]:
    if node.leaf:
        yield from zip(node.keys, node.items, strict=True)
    else:
        for child in node.items:
            yield from _walk(child)


def _walk_from(node: _Node, key: Any) -> Iterator[tuple[Any, Any]]:
    if node.leaf:
        j = bisect.bisect_left(node.keys, key)
        yield from zip(node.keys[j:], node.items[j:], strict=True)
        return
    i = max(bisect.bisect_right(node.keys, key) - 1, 0)
    yield from _walk_from(node.items[i], key)
    for child in node.items[i + 1 :]:
        yield from _walk(child)


class _Sorted:
    """
    A persistent sorted map (a B+ tree with path copying): an update returns a new map
    that shares every node off the path to the key.

    Keys are unique and comparable. Lookup and update are O(log n) — an update copies
    one node of at most ``_FANOUT`` entries per level (4 levels hold 10⁵ entries) — so
    the cost of a roster operation does not grow with the waitlist. Nodes are not
    rebalanced after removals; empty ones are dropped.
    """

    __slots__ = ("_root", "_size")

    def __init__(self, root: _Node | None = None, size: int = 0) -> None:
        self._root = root
        self._size = size

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

    def get(self, key: Any, default: Any = None) -> Any:
        """The value at *key*, or *default*."""
        node = self._root
        if node is None:
            return default
        while not node.leaf:
            i = bisect.bisect_right(node.keys, key) - 1
            if i < 0:
                return default
            node = node.items[i]
        keys = node.keys
        j = bisect.bisect_left(keys, key)
        return node.items[j] if j < len(keys) and keys[j] == key else default

    def __contains__(self, key: Any) -> bool:
        return self.get(key, _MISSING) is not _MISSING

    def set(self, key: Any, value: Any) -> _Sorted:
        """A copy with *key* mapped to *value*."""
        if self._root is None:
            return _Sorted(_Node((key,), (value,), True), 1)
        parts, added = _insert(self._root, key, value)
        root = parts[0] if len(parts) == 1 else _Node(tuple(p.keys[0] for p in parts), parts, False)
        return _Sorted(root, self._size + added)

    def remove(self, key: Any) -> _Sorted:
        """A copy without *key* (``KeyError`` if absent)."""
        if self._root is None:
            raise KeyError(key)
        root = _remove(self._root, key)
        while root is not None and not root.leaf and len(root.items) == 1:
            root = root.items[0]
        return _Sorted(root, self._size - 1)

    def first(self) -> tuple[Any, Any] | None:
        """The smallest key and its value, or ``None`` when empty."""
        node = self._root
        if node is None:
            return None
        while not node.leaf:
            node = node.items[0]
        return node.keys[0], node.items[0]

    def items(self) -> Iterator[tuple[Any, Any]]:
        """The items in key order."""
        if self._root is not None:
            yield from _walk(self._root)

    def items_from(self, key: Any) -> Iterator[tuple[Any, Any]]:
        """The items with keys at or after *key*, in key order."""
        if self._root is not None:
            yield from _walk_from(self._root, key)

    def values(self) -> Iterator[Any]:
        """The values in key order."""
        for _, value in self.items():
            yield value

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Sorted):
            return NotImplemented
        return self._size == other._size and list(self.items()) == list(other.items())

    def __hash__(self) -> int:
        return hash(tuple(self.items()))

    def __repr__(self) -> str:
        return f"<{self._size} items>"


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
    Every update costs O(log n) lookups plus copying one small chunk, so the cost of an
    operation does not grow with the length of the waitlist.

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
    _entries: _Sorted = attrs.field(factory=_Sorted, repr=False)
    _active: _Sorted = attrs.field(factory=_Sorted, repr=False)
    _seats: _Sorted = attrs.field(factory=_Sorted, repr=False)
    _queues: _Sorted = attrs.field(factory=_Sorted, repr=False)
    _holds: _Sorted = attrs.field(factory=_Sorted, repr=False)
    _windows: _Sorted = attrs.field(factory=_Sorted, repr=False)
    _pending: Registration | None = attrs.field(default=None, repr=False)

    # snapshots ----------------------------------------------------------------------------

    def snapshot(self) -> RosterSnapshot:
        """
        The roster's facts, entries in registration id order (O(n)); equal states give
        equal snapshots.

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
            entries=tuple(self._entries.values()),
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
        entry: RosterEntry | None = self._entries.get(registration_id)
        if entry is None:
            raise InvalidTransition(
                status="unknown", command=command, detail="no such registration"
            )
        return entry

    def status(self, registration_id: str) -> RegistrationStatus:
        """The status of *registration_id* (``InvalidTransition`` if unknown)."""
        return self._entry(registration_id).status

    def session_of(self, registration_id: str) -> str | None:
        """The session *registration_id* holds a seat or a seat offer in, or ``None``."""
        return self._entry(registration_id).session_id

    def _counts(self, session_id: str) -> tuple[int, int]:
        counts: tuple[int, int] | None = self._seats.get(session_id)
        if counts is None:
            raise KeyError(session_id)
        return counts

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

    def waitlist(self) -> tuple[Registration, ...]:
        """The waiting registrations in key order (O(n log n): a query, not a transition)."""
        waiting = [
            e.registration for e in self._entries.values() if e.status is RegistrationStatus.WAITING
        ]
        return tuple(sorted(waiting, key=order_key))

    def placements(self) -> tuple[tuple[str, tuple[Registration, ...]], ...]:
        """``(session id, registrations holding a seat in key order)`` per session."""
        by_session: dict[str, list[Registration]] = {s.id: [] for s in self.offer.sessions}
        for e in self._entries.values():
            if e.status is RegistrationStatus.PLACED:
                by_session[e.session_id].append(e.registration)
        return tuple((sid, tuple(sorted(regs, key=order_key))) for sid, regs in by_session.items())

    def rejections(self) -> tuple[Rejection, ...]:
        """The rejected registrations with reasons, in key order."""
        found = [
            Rejection(registration=e.registration, reasons=e.reasons)
            for e in self._entries.values()
            if e.status is RegistrationStatus.REJECTED
        ]
        return tuple(sorted(found, key=lambda rej: order_key(rej.registration)))

    def seat_offers(self) -> tuple[SeatOffer, ...]:
        """The open seat offers, earliest deadline first."""
        return tuple(
            SeatOffer(registration_id=rid, session_id=sid, until=until)
            for (until, rid), sid in self._holds.items()
        )


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
    queues: list[tuple[tuple[str, OrderKey], str]] = []
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
            holds.append(((entry.hold_until, r.id), sid))  # type: ignore[arg-type]
        elif entry.status is RegistrationStatus.WAITING:
            waiting += 1
            key = order_key(r)
            queues.extend(((q, key), r.id) for q in _queue_ids(entry))
    for sid, (booked, held) in seats.items():
        if booked + held > capacity[sid]:
            problems.append(
                Problem("$.entries", "more seats placed and offered than a session has")
            )
            break
    if problems:
        raise InvalidInput(problems)
    windows = _windows_by_person(snapshot.commitments)
    return OfferState(
        offer=offer,
        commitments=snapshot.commitments,
        caseworkers=snapshot.caseworkers,
        as_of=snapshot.as_of,
        waiting_count=waiting,
        entries=_Sorted.from_sorted(sorted(entries.items())),
        active=_Sorted.from_sorted(sorted(active.items())),
        seats=_Sorted.from_sorted(sorted(seats.items())),
        queues=_Sorted.from_sorted(sorted(queues)),
        holds=_Sorted.from_sorted(sorted(holds)),
        windows=_Sorted.from_sorted(sorted((k, tuple(v)) for k, v in windows.items())),
    )


# Effects: how each event changes the state (used by the commands and by replay) -------------


def _later(a: DateTime | None, b: DateTime) -> DateTime:
    return b if a is None or b > a else a


def _with(state: OfferState, **changes: Any) -> OfferState:
    """*state* with *changes* (a fast ``attrs.evolve`` for the hot path)."""
    get = changes.get
    return OfferState(
        offer=get("offer", state.offer),
        commitments=state.commitments,
        caseworkers=state.caseworkers,
        as_of=get("as_of", state.as_of),
        waiting_count=get("waiting_count", state.waiting_count),
        entries=get("entries", state._entries),
        active=get("active", state._active),
        seats=get("seats", state._seats),
        queues=get("queues", state._queues),
        holds=get("holds", state._holds),
        windows=state._windows,
        pending=get("pending", None),
    )


def _entry(
    entry: RosterEntry,
    status: RegistrationStatus,
    *,
    session_id: str | None = None,
    hold_until: DateTime | None = None,
    queued_in: tuple[str, ...] = (),
    reasons: tuple[Reason, ...] = (),
) -> RosterEntry:
    return RosterEntry(
        registration=entry.registration,
        status=status,
        session_id=session_id,
        hold_until=hold_until,
        queued_in=queued_in,
        reasons=reasons,
    )


def _clashes(state: OfferState, person_id: str, session: Session) -> bool:
    windows: tuple[tuple[DateTime, DateTime], ...] | None = state._windows.get(person_id)
    if not windows:
        return False
    return any(session.overlaps(start, end) for start, end in windows)


def _queues_for(state: OfferState, registration: Registration) -> tuple[str, ...]:
    if not registration.preferences:
        return (_ANY,)
    by_id = {s.id: s for s in state.offer.sessions}
    return tuple(
        p for p in registration.preferences if not _clashes(state, registration.person_id, by_id[p])
    )


def _queue_ids(entry: RosterEntry) -> tuple[str, ...]:
    """The queues a waiting *entry* stands in (the common one when it ranked nothing)."""
    return entry.queued_in if entry.registration.preferences else (_ANY,)


def _dequeue(state: OfferState, entry: RosterEntry) -> _Sorted:
    queues = state._queues
    key = order_key(entry.registration)
    for sid in _queue_ids(entry):
        queues = queues.remove((sid, key))
    return queues


def _bump(seats: _Sorted, session_id: str, booked: int = 0, held: int = 0) -> _Sorted:
    b, h = seats.get(session_id)
    return seats.set(session_id, (b + booked, h + held))


def _decided(state: OfferState, registration_id: str) -> RosterEntry:
    """The entry of the registration an outcome event is about (just registered or known)."""
    pending = state._pending
    if pending is not None and pending.id == registration_id:
        return RosterEntry(registration=pending, status=RegistrationStatus.REGISTERED)
    entry: RosterEntry = state._entries.get(registration_id)
    return entry


def _apply(state: OfferState, event: Event) -> OfferState:
    """The state after *event*: the single place where state changes (commands and replay)."""
    entries = state._entries
    match event:
        case OfferOpened():
            raise InvalidTransition(status="open", command="replay", detail="offer already open")
        case Registered(registration=r):
            # The registration waits in `pending` for its outcome, the next event.
            return _with(state, pending=r, as_of=_later(state.as_of, r.registered_at))
        case Rejected(registration_id=rid, reasons=reasons, at=at):
            e = _decided(state, rid)
            return _with(
                state,
                entries=entries.set(rid, _entry(e, RegistrationStatus.REJECTED, reasons=reasons)),
                as_of=_later(state.as_of, at),
            )
        case Placed(registration_id=rid, session_id=sid, at=at):
            e = _decided(state, rid)
            return _with(
                state,
                entries=entries.set(rid, _entry(e, RegistrationStatus.PLACED, session_id=sid)),
                active=state._active.set(e.registration.person_id, rid),
                seats=_bump(state._seats, sid, booked=1),
                as_of=_later(state.as_of, at),
            )
        case Waitlisted(registration_id=rid, at=at):
            e = _decided(state, rid)
            queued = _queues_for(state, e.registration)
            queues = state._queues
            key = order_key(e.registration)
            for sid in queued:
                queues = queues.set((sid, key), rid)
            return _with(
                state,
                entries=entries.set(
                    rid,
                    _entry(
                        e,
                        RegistrationStatus.WAITING,
                        queued_in=queued if e.registration.preferences else (),
                    ),
                ),
                active=state._active.set(e.registration.person_id, rid),
                queues=queues,
                waiting_count=state.waiting_count + 1,
                as_of=_later(state.as_of, at),
            )
        case SeatOffered(registration_id=rid, session_id=sid, at=at, until=until):
            e = entries.get(rid)
            return _with(
                state,
                entries=entries.set(
                    rid,
                    _entry(e, RegistrationStatus.OFFERED, session_id=sid, hold_until=until),
                ),
                queues=_dequeue(state, e),
                seats=_bump(state._seats, sid, held=1),
                holds=state._holds.set((until, rid), sid),
                waiting_count=state.waiting_count - 1,
                as_of=_later(state.as_of, at),
            )
        case (
            SeatOfferExpired(registration_id=rid, session_id=sid, at=at)
            | Declined(registration_id=rid, session_id=sid, at=at)
        ):
            e = entries.get(rid)
            status = (
                RegistrationStatus.LAPSED
                if isinstance(event, SeatOfferExpired)
                else RegistrationStatus.DECLINED
            )
            return _with(
                state,
                entries=entries.set(rid, _entry(e, status, session_id=sid)),
                active=state._active.remove(e.registration.person_id),
                seats=_bump(state._seats, sid, held=-1),
                holds=state._holds.remove((e.hold_until, rid)),
                as_of=_later(state.as_of, at),
            )
        case Confirmed(registration_id=rid, session_id=sid, at=at):
            e = entries.get(rid)
            return _with(
                state,
                entries=entries.set(rid, _entry(e, RegistrationStatus.PLACED, session_id=sid)),
                seats=_bump(state._seats, sid, booked=1, held=-1),
                holds=state._holds.remove((e.hold_until, rid)),
                as_of=_later(state.as_of, at),
            )
        case Cancelled(registration_id=rid, at=at):
            e = entries.get(rid)
            changes: dict[str, Any] = {}
            if e.status is RegistrationStatus.PLACED:
                changes["seats"] = _bump(state._seats, e.session_id, booked=-1)
            elif e.status is RegistrationStatus.OFFERED:
                changes["seats"] = _bump(state._seats, e.session_id, held=-1)
                changes["holds"] = state._holds.remove((e.hold_until, rid))
            else:
                changes["queues"] = _dequeue(state, e)
                changes["waiting_count"] = state.waiting_count - 1
            return _with(
                state,
                entries=entries.set(rid, _entry(e, RegistrationStatus.CANCELLED)),
                active=state._active.remove(e.registration.person_id),
                as_of=_later(state.as_of, at),
                **changes,
            )
        case SessionAdded(session=session, at=at):
            return _add_session_effect(state, session, at)
        case Moved(registration_id=rid, from_session_id=old, to_session_id=new, at=at):
            e = entries.get(rid)
            seats = _bump(_bump(state._seats, old, booked=-1), new, booked=1)
            return _with(
                state,
                entries=entries.set(rid, _entry(e, RegistrationStatus.PLACED, session_id=new)),
                seats=seats,
                as_of=_later(state.as_of, at),
            )
    raise TypeError(f"not an event: {type(event).__name__}")  # pragma: no cover


def _add_session_effect(state: OfferState, session: Session, at: DateTime) -> OfferState:
    """Add *session*; everyone waiting with ranked sessions also queues for it (O(waiting))."""
    entries = state._entries
    queues = state._queues
    for e in state._entries.values():
        if (
            e.status is RegistrationStatus.WAITING
            and e.registration.preferences
            and not _clashes(state, e.registration.person_id, session)
        ):
            queues = queues.set((session.id, order_key(e.registration)), e.registration.id)
            entries = entries.set(
                e.registration.id,
                _entry(e, RegistrationStatus.WAITING, queued_in=(*e.queued_in, session.id)),
            )
    return _with(
        state,
        offer=state.offer.with_session(session),
        entries=entries,
        seats=state._seats.set(session.id, (0, 0)),
        queues=queues,
        as_of=_later(state.as_of, at),
    )


def _step(state: OfferState, event: Event, events: list[Event]) -> OfferState:
    events.append(event)
    return _apply(state, event)


def _head(state: OfferState, session: Session) -> tuple[OrderKey, str] | None:
    """The best-keyed waiting registration eligible for *session*, or ``None``."""
    best: tuple[OrderKey, str] | None = None
    for (sid, key), rid in state._queues.items_from((session.id,)):
        if sid == session.id:
            best = (key, rid)
        break
    for (sid, key), rid in state._queues.items_from((_ANY,)):
        if sid != _ANY or (best is not None and best[0] < key):
            break
        person = state._entries.get(rid).registration.person_id
        if not _clashes(state, person, session):
            best = (key, rid)
            break
    return best


def _promote(
    state: OfferState, session: Session, *, at: DateTime, policy: Policy, events: list[Event]
) -> OfferState:
    """Offer the free seats of *session* to the head of the waitlist, one by one."""
    hold = policy.seat_offer_hold.at(at.date())
    while state.free(session.id) > 0:
        head = _head(state, session)
        if head is None:
            break
        state = _step(
            state,
            SeatOffered(registration_id=head[1], session_id=session.id, at=at, until=at + hold),
            events,
        )
    return state


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
    windows: dict[str, list[tuple[DateTime, DateTime]]] = _windows_by_person(event.commitments)
    return OfferState(
        offer=event.offer,
        commitments=event.commitments,
        caseworkers=event.caseworkers,
        seats=_Sorted.from_sorted(sorted((s.id, (0, 0)) for s in event.offer.sessions)),
        windows=_Sorted.from_sorted(sorted((k, tuple(v)) for k, v in windows.items())),
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
    known: RosterEntry | None = state._entries.get(r.id)
    if known is not None:
        raise InvalidTransition(
            status=known.status.value, command="register", detail="registration id already known"
        )
    offer = state.offer
    session_ids = frozenset(offer.session_ids)
    presumed: list[Assumption] = []
    if state.caseworkers is None:
        presumed.append(_PRESUMED_CASEWORKER)
    reasons = _structural_reasons(r, offer, session_ids, state.caseworkers)
    if not reasons:
        reasons, presumed_group = _target_group_check(r, offer, candidate, on=on, policy=policy)
        if presumed_group:
            presumed.append(_PRESUMED_TARGET_GROUP)
    if not reasons:
        other: str | None = state._active.get(r.person_id)
        if other is not None:
            reasons = [_duplicate_reason(r, other)]
    events: list[Event] = []
    at = r.registered_at
    state = _step(state, Registered(registration=r, presumed=presumed), events)
    if reasons:
        state = _step(state, Rejected(registration_id=r.id, reasons=reasons, at=at), events)
        return Transition(state=state, events=tuple(events))
    for session in _candidate_sessions(offer, r.preferences):
        if (
            state.free(session.id) > 0
            and not _clashes(state, r.person_id, session)
            and _head(state, session) is None
        ):
            state = _step(state, Placed(registration_id=r.id, session_id=session.id, at=at), events)
            break
    else:
        state = _step(state, Waitlisted(registration_id=r.id, at=at), events)
    return Transition(state=state, events=tuple(events))


def _active_entry(state: OfferState, registration_id: str, command: str) -> RosterEntry:
    entry = state._entry(registration_id, command)
    if not entry.status.is_active:
        raise InvalidTransition(status=entry.status.value, command=command)
    return entry


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
    entry = _active_entry(state, registration_id, "cancel")
    events: list[Event] = []
    state = _step(state, Cancelled(registration_id=registration_id, at=instant), events)
    if entry.session_id is not None and entry.status is not RegistrationStatus.WAITING:
        session = state.offer.session(entry.session_id)
        state = _promote(state, session, at=instant, policy=policy, events=events)
    return Transition(state=state, events=tuple(events))


def _offered_entry(state: OfferState, registration_id: str, command: str) -> RosterEntry:
    entry = state._entry(registration_id, command)
    if entry.status is not RegistrationStatus.OFFERED:
        raise InvalidTransition(status=entry.status.value, command=command)
    return entry


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
    entry = _offered_entry(state, registration_id, "confirm")
    assert entry.hold_until is not None and entry.session_id is not None
    if instant >= entry.hold_until:
        raise InvalidTransition(
            status=entry.status.value,
            command="confirm",
            detail=f"the seat offer lapsed at {entry.hold_until.isoformat()}",
        )
    event = Confirmed(registration_id=registration_id, session_id=entry.session_id, at=instant)
    return Transition(state=_apply(state, event), events=(event,))


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
    entry = _offered_entry(state, registration_id, "decline")
    assert entry.session_id is not None
    events: list[Event] = []
    state = _step(
        state,
        Declined(registration_id=registration_id, session_id=entry.session_id, at=instant),
        events,
    )
    state = _promote(
        state, state.offer.session(entry.session_id), at=instant, policy=policy, events=events
    )
    return Transition(state=state, events=tuple(events))


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
    lapsed: list[tuple[str, str]] = []
    for (until, rid), sid in state._holds.items():
        if until > instant:
            break
        lapsed.append((rid, sid))
    events: list[Event] = []
    for rid, sid in lapsed:
        state = _step(
            state, SeatOfferExpired(registration_id=rid, session_id=sid, at=instant), events
        )
        state = _promote(state, state.offer.session(sid), at=instant, policy=policy, events=events)
    return Transition(state=state, events=tuple(events))


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
    events: list[Event] = []
    state = _step(state, SessionAdded(session=session, at=instant), events)
    state = _promote(state, session, at=instant, policy=policy, events=events)
    return Transition(state=state, events=tuple(events))


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
    if state.free(session_id) <= 0 or _clashes(state, entry.registration.person_id, target):
        raise InvalidTransition(
            status="placed", command="move_session", detail="no free seat the person can take"
        )
    events: list[Event] = []
    state = _step(
        state,
        Moved(
            registration_id=registration_id,
            from_session_id=entry.session_id,
            to_session_id=session_id,
            at=instant,
        ),
        events,
    )
    state = _promote(
        state, state.offer.session(entry.session_id), at=instant, policy=policy, events=events
    )
    return Transition(state=state, events=tuple(events))


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
    state = _opened(first)
    for event in iterator:
        state = _apply(state, event)
    return state


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
