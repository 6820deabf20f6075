"""
The "add another session" signal: how many extra sessions the people waiting for an
offer justify.

Group measures are priced for a minimum group (``policy.min_group_size``, 12 participants
under AZAV § 3 Abs. 3). Once that many wait, each further session of the offer's size
fills from the waitlist (:func:`~jobcenter_core.enrolment.add_session`), so the signal
recommends ``ceil(waiting / session capacity)`` sessions; below it, none.

References:
    AZAV § 3 Abs. 3.
"""

from __future__ import annotations

import datetime as _dt
import math

from jobcenter_core.decisions import Decision, Reason, cite
from jobcenter_core.enrolment.allocation import Allocation
from jobcenter_core.enrolment.roster import OfferState
from jobcenter_core.parameters import DEFAULT_POLICY, Policy

__all__ = ["demand_signal"]


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
    for an :class:`~jobcenter_core.enrolment.Allocation`, of its first session). *session_capacity* defaults to the
    largest session of the offer.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.offers import GroupOffer, Session, Venue
    >>> s = Session(id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12),
    ...             venue=Venue(name="Werkakademie", address="Bocholt"), capacity=20)
    >>> from jobcenter_core.enrolment import Registration, allocate
    >>> regs = [Registration(id=f"r-{i:02}", person_id=f"p-{i}", offer_id="o", registered_by="cw",
    ...                      registered_at=at_berlin(2022, 6, 13, 9, i)) for i in range(35)]
    >>> signal = demand_signal(allocate(GroupOffer(id="o", title="t", sessions=(s,)), regs, caseworkers={"cw"}))
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
    reference = policy.min_group_size.reference_at(day) or cite("AZAV", "3", "3")
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
