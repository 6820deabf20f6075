"""
Who may take part in a group offer: the checks a registration passes before it is placed
or waitlisted, the same in batch :func:`~jobcenter_core.enrolment.allocate` and in the
roster's :func:`~jobcenter_core.enrolment.register`.

A registration is rejected, with every reason that applies, when it

* is for another offer, or names a session the offer does not have;
* was not made by one of the case workers (the local rule of the Werkakademie: in June
  2022 registrations went through the case workers), unless the offer's registration is
  open (:data:`~jobcenter_core.enrolment.ANYONE`);
* is for a person outside the offer's target group
  (:func:`jobcenter_core.rules.in_target_group`), checked only when the above pass;
* repeats a person who already holds a registration for the offer, checked last.

Who may register is always given, never presumed: the case workers' ids, or
:data:`~jobcenter_core.enrolment.ANYONE`. The person's facts may be missing: they are
then presumed in the target group, and the decision says so.

>>> from jobcenter_core.dates import at_berlin
>>> from jobcenter_core.offers import GroupOffer
>>> from jobcenter_core.enrolment import Registration
>>> from jobcenter_core.enrolment.admission import may_take_part
>>> r = Registration(id="r-1", person_id="p-1", offer_id="bt", preferences=("s-9",),
...                  registered_by="front-desk", registered_at=at_berlin(2022, 6, 13, 9))
>>> may_take_part(r, GroupOffer(id="lad", title="t"), session_ids=(), caseworkers={"cw-1"}).codes
('wrong_offer', 'unknown_session', 'not_registered_by_caseworker')

References:
    SGB II § 16 Abs. 1 with SGB III § 45.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Collection

from jobcenter_core.decisions import Assumption, Decision, Reason, sgb2
from jobcenter_core.enrolment.registration import ANYONE, OpenRegistration, Registration
from jobcenter_core.offers import Candidate, Everyone, GroupOffer
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.rules import in_target_group

__all__ = ["PRESUMED_TARGET_GROUP", "may_take_part"]

PRESUMED_TARGET_GROUP = Assumption(
    fact="target_group",
    presumed="met for registrations whose person facts were not given",
)
"""Said when a person without facts was presumed in the target group."""


def may_take_part(
    registration: Registration,
    offer: GroupOffer,
    *,
    session_ids: Collection[str],
    caseworkers: Collection[str] | OpenRegistration,
    candidate: Candidate | None = None,
    on: _dt.date | None = None,
    policy: Policy = DEFAULT_POLICY,
    registered_as: str | None = None,
) -> Decision[bool]:
    """
    Whether *registration* may be placed or waitlisted for *offer*, with the reasons to
    reject it and the facts presumed (see the module docstring).

    *session_ids* are the ids of the offer's sessions (sessions added to a roster
    included); *caseworkers* the ids allowed to register, or
    :data:`~jobcenter_core.enrolment.ANYONE` for open registration;
    *candidate* the person's facts for the target group, checked on day *on* (by default
    the day of registration); *registered_as* the id of another registration the person
    already holds for the offer, if any.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.offers import GroupOffer
    >>> from jobcenter_core.enrolment import ANYONE, Registration
    >>> from jobcenter_core.enrolment.admission import may_take_part
    >>> r = Registration(id="r-2", person_id="p-1", offer_id="lad", registered_by="cw-1",
    ...                  registered_at=at_berlin(2022, 6, 13, 9))
    >>> print(may_take_part(r, GroupOffer(id="lad", title="t"), session_ids=(), caseworkers=ANYONE,
    ...                     registered_as="r-1").explain())
    no
      - the person is already registered for this offer (r-1) (duplicate_registration)

    References:
        SGB II § 16 Abs. 1 with SGB III § 45.
    """
    return _decide(
        registration,
        offer,
        session_ids=session_ids,
        caseworkers=caseworkers,
        candidate=candidate,
        on=on,
        registered_as=registered_as,
        outside=lambda c, day: _target_group(offer, c, on=day, policy=policy),
    )


def _decide(
    registration: Registration,
    offer: GroupOffer,
    *,
    session_ids: Collection[str],
    caseworkers: Collection[str] | OpenRegistration,
    candidate: Candidate | None,
    on: _dt.date | None,
    registered_as: str | None,
    outside: Callable[[Candidate, _dt.date], list[Reason]],
) -> Decision[bool]:
    """
    :func:`may_take_part`, with the reasons a candidate is outside the offer's target
    group on a day given by *outside*: :func:`_target_group` itself, or the answers an
    allocation keeps by shape (``enrolment/_admission.py``).
    """
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
            Reason(code="unknown_session", message=f"the offer has no session {', '.join(unknown)}")
        )
    if caseworkers is not ANYONE and registration.registered_by not in caseworkers:
        reasons.append(
            Reason(
                code="not_registered_by_caseworker",
                message="registrations go through the case workers (local rule of the Werkakademie)",
            )
        )
    facts_missing = False
    if not reasons and not isinstance(offer.target_group, Everyone):
        if candidate is None:
            facts_missing = True
        else:
            day = on if on is not None else registration.registered_at.date()
            reasons = outside(candidate, day)
    if not reasons and registered_as is not None:
        reasons = [
            Reason(
                code="duplicate_registration",
                message=f"the person is already registered for this offer ({registered_as})",
            )
        ]
    presumed = _PRESUMED[facts_missing]
    if reasons:
        return Decision(value=False, reasons=reasons, missing=presumed)
    return _ADMITTED[facts_missing]


_PRESUMED = {False: (), True: (PRESUMED_TARGET_GROUP,)}
"""What was presumed, by whether the facts for the target group were missing."""

_ADMITTED = {key: Decision(value=True, missing=presumed) for key, presumed in _PRESUMED.items()}
"""The answer for an admitted registration: the same value for each set of presumptions."""


def _target_group(
    offer: GroupOffer, candidate: Candidate, *, on: _dt.date, policy: Policy
) -> list[Reason]:
    """The reasons to reject *candidate* as outside the target group of *offer*."""
    decision = in_target_group(offer.target_group, candidate, on=on, policy=policy)
    if decision.value:
        return []
    head = Reason(
        code="not_in_target_group",
        message=f"not in the target group of offer {offer.id}",
        reference=sgb2("16", "1"),
    )
    return [head, *decision.reasons]
