"""
Enrolment in group offers, one module per concept:

* :mod:`~jobcenter_core.enrolment.registration` — registrations, the order key they are
  served in, priority rules, and seats held elsewhere (commitments);
* :mod:`~jobcenter_core.enrolment.admission` — the checks a registration passes (offer,
  sessions, case worker, target group, one registration per person);
* :mod:`~jobcenter_core.enrolment.allocation` — batch allocation (serial dictatorship);
* :mod:`~jobcenter_core.enrolment.events` — where a registration stands and the roster's
  events;
* :mod:`~jobcenter_core.enrolment.roster` — the incremental roster (:class:`OfferState`),
  its transitions and replay;
* :mod:`~jobcenter_core.enrolment.commands` — the roster commands: register, cancel,
  confirm, decline, expire, add a session, move a person;
* :mod:`~jobcenter_core.enrolment.demand` — the "add another session" signal.

The roster keeps its entries and indexes in persistent sorted maps
(``enrolment/_persistent.py``), an engine that speaks no law.
"""

from __future__ import annotations

from jobcenter_core.enrolment.allocation import Allocation, Outcome, Rejection, allocate
from jobcenter_core.enrolment.commands import (
    add_session,
    cancel,
    confirm,
    decline,
    expire,
    move_session,
    open_offer,
    register,
)
from jobcenter_core.enrolment.demand import demand_signal
from jobcenter_core.enrolment.events import (
    Cancelled,
    Confirmed,
    Declined,
    Event,
    Moved,
    OfferOpened,
    Placed,
    Registered,
    RegistrationStatus,
    Rejected,
    RosterEntry,
    SeatOffer,
    SeatOffered,
    SeatOfferExpired,
    SessionAdded,
    Waitlisted,
)
from jobcenter_core.enrolment.registration import (
    ANYONE,
    Commitment,
    OpenRegistration,
    PriorityRule,
    Registration,
    order_key,
    reprioritise,
)
from jobcenter_core.enrolment.roster import OfferState, RosterSnapshot, Transition, replay

__all__ = [
    "ANYONE",
    "Allocation",
    "Cancelled",
    "Commitment",
    "Confirmed",
    "Declined",
    "Event",
    "Moved",
    "OfferOpened",
    "OfferState",
    "OpenRegistration",
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
