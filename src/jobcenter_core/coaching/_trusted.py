"""
Engine: the referral a :class:`~jobcenter_core.coaching.Referred` event makes, without
checking its fields a second time (coaching/_trusted.py).

A ``Referred`` event holds every field a new
:class:`~jobcenter_core.coaching.CoachingReferral` takes from it, already converted
(a frozenset of need categories, a tuple of references, a Berlin instant) and checked by
the same validators as the referral's (the event's are, if anything, stricter: it needs a
legal reference). The public constructor would convert and check them all again, which
costs as much as making the event; :func:`referral_from` sets the fields directly
(``object.__new__`` and ``object.__setattr__``, as attrs' own frozen ``__init__`` does),
so the referral is the one the constructor would make, and equal to it.

It speaks no law. ``tests/coaching/test_engine_trusted.py`` checks it against the
constructor on generated events. The maker knows the referral's fields; if the class
gains or loses one, importing this module fails, so a new field is never left unset.
"""

from __future__ import annotations

import attrs

from jobcenter_core.coaching.events import Referred
from jobcenter_core.coaching.referral import CoachingReferral, ReferralStatus

__all__ = ["referral_from"]

_new = object.__new__
_set = object.__setattr__

_FIELDS = (
    "id",
    "person_id",
    "programme_id",
    "referred_by",
    "referred_at",
    "reasons",
    "language",
    "limited_mobility",
    "legal_basis",
    "status",
    "coach_id",
    "starts_on",
    "sessions_planned",
    "sessions_held",
    "findings",
    "outcome",
    "history",
)
if tuple(a.name for a in attrs.fields(CoachingReferral)) != _FIELDS:  # pragma: no cover
    raise ImportError(
        f"the trusted maker of CoachingReferral sets {_FIELDS}, but its fields are "
        f"{tuple(a.name for a in attrs.fields(CoachingReferral))}"
    )


def referral_from(event: Referred) -> CoachingReferral:
    """
    The new referral *event* makes: what ``CoachingReferral(id=event.referral_id, …,
    history=(event,))`` makes.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.decisions import sgb2
    >>> from jobcenter_core.needs import NeedCategory
    >>> event = Referred(referral_id="r-1", at=at_berlin(2022, 6, 22, 10), person_id="p-1",
    ...                  programme_id="uk-online", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk",
    ...                  limited_mobility=True, legal_basis=[sgb2("16", "1")])
    >>> referral_from(event).status, referral_from(event).history == (event,)
    (<ReferralStatus.REFERRED: 'referred'>, True)
    """
    r = _new(CoachingReferral)
    _set(r, "id", event.referral_id)
    _set(r, "person_id", event.person_id)
    _set(r, "programme_id", event.programme_id)
    _set(r, "referred_by", event.referred_by)
    _set(r, "referred_at", event.at)
    _set(r, "reasons", event.reasons)
    _set(r, "language", event.language)
    _set(r, "limited_mobility", event.limited_mobility)
    _set(r, "legal_basis", event.legal_basis)
    _set(r, "status", ReferralStatus.REFERRED)
    _set(r, "coach_id", None)
    _set(r, "starts_on", None)
    _set(r, "sessions_planned", None)
    _set(r, "sessions_held", 0)
    _set(r, "findings", None)
    _set(r, "outcome", None)
    _set(r, "history", (event,))
    return r
