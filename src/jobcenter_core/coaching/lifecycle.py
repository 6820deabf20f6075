"""
The referral lifecycle (coaching/lifecycle.py): the commands that move a
:class:`~jobcenter_core.coaching.referral.CoachingReferral`, each a pure function
``(referral, …, *, at) -> ReferralTransition(referral, events)``, and
:func:`replay_referral`, which rebuilds a referral from its events.

======================  ==========================================  ===============
command                 allowed when the status is                  new status
======================  ==========================================  ===============
:func:`refer`           —                                           ``REFERRED``
``waitlist_referral``   ``REFERRED``                                ``WAITLISTED``
``accept_referral``     ``REFERRED``, ``WAITLISTED`` (capacity)     ``ACCEPTED``
``start_coaching``      ``ACCEPTED`` (not before the start date)    ``IN_PROGRESS``
``record_session``      ``IN_PROGRESS`` (up to the planned number)  ``IN_PROGRESS``
``complete_coaching``   ``IN_PROGRESS`` (after one session)         ``COMPLETED``
``decline_referral``    any open status                             ``DECLINED``
``cancel_referral``     any open status                             ``CANCELLED``
``record_no_show``      ``ACCEPTED``, ``IN_PROGRESS``               ``NO_SHOW``
======================  ==========================================  ===============

Anything else raises :class:`~jobcenter_core.errors.InvalidTransition` naming the status
and the command (``'waitlist'``, ``'accept'``, ``'start'``, ``'record_session'``,
``'complete'``, ``'decline'``, ``'cancel'``, ``'no_show'``); so does a command dated
before the referral's latest event. The events are frozen values
(:mod:`jobcenter_core.coaching.events`) and :func:`replay_referral` rebuilds a referral
from them.

>>> import pendulum
>>> from jobcenter_core.coaching import Coach, CoachingProgramme, Delivery
>>> from jobcenter_core.dates import at_berlin
>>> programme = CoachingProgramme(
...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
...     coaches=[Coach(id="coach-1", languages={"uk", "de"}, weekly_capacity=2)],
...     sessions_per_coaching=3,
... )
>>> t = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
...           reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
...           at=at_berlin(2022, 6, 22, 10))
>>> t = accept_referral(t.referral, programme, coach_id="coach-1",
...                     starts_on=pendulum.date(2022, 6, 27), caseload=(),
...                     at=at_berlin(2022, 6, 23, 9))
>>> t.referral.status, t.referral.coach_id
(<ReferralStatus.ACCEPTED: 'accepted'>, 'coach-1')
>>> replay_referral(t.referral.history) == t.referral
True

References:
    SGB II § 16 Abs. 1 with SGB III § 45; SGB II § 16k Abs. 4; SGB II § 31 Abs. 1 S. 1
    Nr. 3.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from typing import Final

import attrs
from pendulum import DateTime

from jobcenter_core.coaching._trusted import referral_from
from jobcenter_core.coaching.events import (
    Accepted,
    Completed,
    NoShow,
    ReferralCancelled,
    ReferralDeclined,
    ReferralEvent,
    ReferralWaitlisted,
    Referred,
    SessionHeld,
    Started,
)
from jobcenter_core.coaching.findings import CoachingFindings
from jobcenter_core.coaching.programme import CoachingProgramme, cites_section_16k
from jobcenter_core.coaching.referral import (
    CoachingReferral,
    ReferralStatus,
    ReferralTransition,
    coach_loads,
)
from jobcenter_core.dates import berlin_instant, instant_order
from jobcenter_core.decisions import Reason, sgb2
from jobcenter_core.errors import InvalidInput, InvalidTransition, Problem
from jobcenter_core.needs import NeedCategory

__all__ = [
    "accept_referral",
    "cancel_referral",
    "complete_coaching",
    "decline_referral",
    "record_no_show",
    "record_session",
    "refer",
    "replay_referral",
    "start_coaching",
    "waitlist_referral",
]

_NO_SANCTION_FOR_HOLISTIC_COACHING: Final = sgb2("16k", "4")
_SANCTION_FOR_REFUSING_A_MEASURE: Final = sgb2("31", "1", sentence="1", number="3")

# --- the state machine: one place where a referral changes ------------------------------

_COMMANDS: Final[Mapping[type[ReferralEvent], str]] = {
    Referred: "refer",
    ReferralWaitlisted: "waitlist",
    Accepted: "accept",
    Started: "start",
    SessionHeld: "record_session",
    Completed: "complete",
    ReferralDeclined: "decline",
    ReferralCancelled: "cancel",
    NoShow: "no_show",
}
"""The command that takes each event, by the name errors give it."""

_S = ReferralStatus
_OPEN: Final = frozenset({_S.REFERRED, _S.WAITLISTED, _S.ACCEPTED, _S.IN_PROGRESS})
_ALLOWED: Final[Mapping[str, frozenset[ReferralStatus]]] = {
    "waitlist": frozenset({_S.REFERRED}),
    "accept": frozenset({_S.REFERRED, _S.WAITLISTED}),
    "start": frozenset({_S.ACCEPTED}),
    "record_session": frozenset({_S.IN_PROGRESS}),
    "complete": frozenset({_S.IN_PROGRESS}),
    "decline": _OPEN,
    "cancel": _OPEN,
    "no_show": frozenset({_S.ACCEPTED, _S.IN_PROGRESS}),
}
"""Which status each command applies in; anything else raises InvalidTransition."""


def _check(referral: CoachingReferral, command: str, at: DateTime) -> None:
    if referral.status not in _ALLOWED[command]:
        raise InvalidTransition(status=referral.status.value, command=command)
    latest = referral.updated_at
    if instant_order(at) < instant_order(latest):  # by the instant, also when clocks go back
        raise InvalidTransition(
            status=referral.status.value,
            command=command,
            detail=f"the instant {at.isoformat()} is before the referral's latest event at "
            f"{latest.isoformat()}",
        )


def _apply(referral: CoachingReferral | None, event: ReferralEvent) -> CoachingReferral:
    """The referral after *event*; the one place where state changes (commands and replay)."""
    command = _COMMANDS.get(type(event))
    if command is None:
        raise TypeError(f"not a referral event: {type(event).__name__}")
    if isinstance(event, Referred):
        if referral is not None:
            raise InvalidTransition(status=referral.status.value, command=command)
        # CoachingReferral(id=event.referral_id, person_id=event.person_id, …,
        # history=(event,)), without checking the event's fields a second time.
        return referral_from(event)
    if referral is None:
        raise InvalidTransition(status="none", command=command, detail="no referral yet")
    if event.referral_id != referral.id:
        raise InvalidInput.one("$.referral_id", "does not match the referral")
    _check(referral, command, event.at)
    history = (*referral.history, event)
    match event:
        case ReferralWaitlisted():
            return attrs.evolve(referral, status=_S.WAITLISTED, history=history)
        case Accepted():
            return attrs.evolve(
                referral,
                status=_S.ACCEPTED,
                coach_id=event.coach_id,
                starts_on=event.starts_on,
                sessions_planned=event.sessions_planned,
                history=history,
            )
        case Started():
            assert referral.starts_on is not None
            if event.at.date() < referral.starts_on:
                raise InvalidTransition(
                    status=referral.status.value, command=command, detail="before the agreed start"
                )
            return attrs.evolve(referral, status=_S.IN_PROGRESS, history=history)
        case SessionHeld():
            assert referral.sessions_planned is not None
            if referral.sessions_held >= referral.sessions_planned:
                raise InvalidTransition(
                    status=referral.status.value,
                    command=command,
                    detail="every planned session has been held",
                )
            if event.number != referral.sessions_held + 1:
                raise InvalidInput.one("$.number", "is not the next session number")
            return attrs.evolve(referral, sessions_held=event.number, history=history)
        case Completed():
            if referral.sessions_held < 1:
                raise InvalidTransition(
                    status=referral.status.value, command=command, detail="no session held yet"
                )
            _check_findings(referral, event.findings)
            return attrs.evolve(
                referral, status=_S.COMPLETED, findings=event.findings, history=history
            )
        case ReferralDeclined():
            return attrs.evolve(referral, status=_S.DECLINED, outcome=event.reason, history=history)
        case ReferralCancelled():
            return attrs.evolve(referral, status=_S.CANCELLED, history=history)
    assert isinstance(event, NoShow)
    return attrs.evolve(referral, status=_S.NO_SHOW, history=history)


def _check_findings(referral: CoachingReferral, findings: CoachingFindings) -> None:
    problems = []
    if findings.referral_id != referral.id:
        problems.append(Problem("$.findings.referral_id", "does not match the referral"))
    if findings.person_id != referral.person_id:
        problems.append(Problem("$.findings.person_id", "is not the referred person"))
    if findings.coach_id != referral.coach_id:
        problems.append(Problem("$.findings.coach_id", "is not the referral's coach"))
    if problems:
        raise InvalidInput(problems)


def _step(referral: CoachingReferral, event: ReferralEvent) -> ReferralTransition:
    return ReferralTransition(referral=_apply(referral, event), events=(event,))


def replay_referral(events: Iterable[ReferralEvent]) -> CoachingReferral:
    """
    The referral rebuilt from its *events* (the first must be
    :class:`~jobcenter_core.coaching.events.Referred`).

    Each event is checked as the command that made it was — status, order in time, start
    date, session count — so a history that no sequence of commands could produce raises
    :class:`~jobcenter_core.errors.InvalidTransition`. Only the coach's capacity is not
    re-checked: it depends on the other referrals, and was checked when the referral was
    accepted.

    >>> from jobcenter_core.coaching import ReferralWaitlisted
    >>> from jobcenter_core.dates import at_berlin
    >>> replay_referral([ReferralWaitlisted(referral_id="r-1", at=at_berlin(2022, 6, 22, 10))])
    Traceback (most recent call last):
    ...
    jobcenter_core.errors.InvalidTransition: cannot 'waitlist' when status is 'none': no referral yet
    """
    referral: CoachingReferral | None = None
    for event in events:
        referral = _apply(referral, event)
    if referral is None:
        raise InvalidInput.one("$", "needs at least the Referred event")
    return referral


# --- the commands -----------------------------------------------------------------------


def refer(
    programme: CoachingProgramme,
    *,
    id: str,
    person_id: str,
    referred_by: str,
    reasons: Iterable[NeedCategory],
    language: str,
    limited_mobility: bool,
    at: _dt.datetime,
) -> ReferralTransition:
    """
    A case worker (*referred_by*) refers a person to *programme* for the need categories
    *reasons*, to be coached in *language*.

    *limited_mobility* is usually :func:`~jobcenter_core.coaching.fit.mobility_limited`'s
    value; it ranks the coaches' waitlist (:func:`~jobcenter_core.coaching.allocation.coaching_priority`).
    Check the fit first with :func:`~jobcenter_core.coaching.fit.referral_fit`.

    >>> from jobcenter_core.coaching import Coach, CoachingProgramme, Delivery
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages=frozenset({"uk"}),
    ...     delivery=Delivery.ONLINE,
    ...     coaches=(Coach(id="c-1", languages=frozenset({"uk"}), weekly_capacity=5),),
    ...     sessions_per_coaching=4,
    ... )
    >>> t = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...           reasons=[NeedCategory.CHILDCARE], language="uk", limited_mobility=True,
    ...           at=at_berlin(2022, 6, 22, 10))
    >>> t.referral.status, t.referral.referred_on, [type(e).__name__ for e in t.events]
    (<ReferralStatus.REFERRED: 'referred'>, Date(2022, 6, 22), ['Referred'])
    >>> refer(programme, id="r-2", person_id="p-1", referred_by="cw-1",
    ...       reasons=[NeedCategory.CHILDCARE], language="ru", limited_mobility=True,
    ...       at=at_berlin(2022, 6, 22, 10))
    Traceback (most recent call last):
    ...
    jobcenter_core.errors.InvalidInput: 1 problem in input:
      $.language: not a language of the programme

    References:
        SGB II § 16 Abs. 1 with SGB III § 45; SGB II § 16k.
    """
    if language not in programme.languages:
        raise InvalidInput.one("$.language", "not a language of the programme")
    event = Referred(
        referral_id=id,
        at=at,
        person_id=person_id,
        programme_id=programme.id,
        referred_by=referred_by,
        reasons=reasons,
        language=language,
        limited_mobility=limited_mobility,
        legal_basis=programme.legal_basis,
    )
    return ReferralTransition(referral=_apply(None, event), events=(event,))


def waitlist_referral(referral: CoachingReferral, *, at: _dt.datetime) -> ReferralTransition:
    """
    No coach is free: the referral waits for one.

    >>> from jobcenter_core.coaching import Coach, CoachingProgramme, Delivery
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> referral = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10)).referral
    >>> t = waitlist_referral(referral, at=at_berlin(2022, 6, 23, 9))
    >>> t.referral.status
    <ReferralStatus.WAITLISTED: 'waitlisted'>
    >>> waitlist_referral(t.referral, at=at_berlin(2022, 6, 23, 9))
    Traceback (most recent call last):
    ...
    jobcenter_core.errors.InvalidTransition: cannot 'waitlist' when status is 'waitlisted'
    """
    return _step(referral, ReferralWaitlisted(referral_id=referral.id, at=at))


def accept_referral(
    referral: CoachingReferral,
    programme: CoachingProgramme,
    *,
    coach_id: str,
    starts_on: _dt.date,
    caseload: Iterable[CoachingReferral],
    at: _dt.datetime,
) -> ReferralTransition:
    """
    Coach *coach_id* takes the referral from *starts_on*, capacity permitting.

    *caseload* is the programme's other referrals; the coach must hold fewer accepted or
    running coachings than the weekly capacity. A full coach raises
    :class:`~jobcenter_core.errors.InvalidTransition` (use
    :func:`~jobcenter_core.coaching.allocation.allocate_coaches` to assign only where there is
    room). A coach who is not the programme's, or who does not coach in the referral's
    language, is an input error.

    >>> import pendulum
    >>> from jobcenter_core.coaching import Coach, CoachingProgramme, Delivery
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> referral = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10)).referral
    >>> t = accept_referral(referral, programme, coach_id="coach-1", caseload=(),
    ...                     starts_on=pendulum.date(2022, 6, 27), at=at_berlin(2022, 6, 23, 9))
    >>> t.referral.status, t.referral.sessions_planned
    (<ReferralStatus.ACCEPTED: 'accepted'>, 3)
    >>> full = [attrs.evolve(t.referral, id=f"r-{i}") for i in (2, 3)]
    >>> accept_referral(referral, programme, coach_id="coach-1", caseload=full,
    ...                 starts_on=pendulum.date(2022, 6, 27), at=at_berlin(2022, 6, 23, 9))
    Traceback (most recent call last):
    ...
    jobcenter_core.errors.InvalidTransition: cannot 'accept' when status is 'referred': the coach has no free capacity
    """
    at_instant = berlin_instant(at)
    _check(referral, "accept", at_instant)
    if referral.programme_id != programme.id:
        raise InvalidInput.one("$.programme.id", "is not the referral's programme")
    try:
        coach = programme.coach(coach_id)
    except KeyError:
        raise InvalidInput.one("$.coach_id", "not a coach of the programme") from None
    if referral.language not in coach.languages:
        raise InvalidInput.one("$.coach_id", "the coach does not coach in the referral's language")
    others = [r for r in caseload if r.id != referral.id]
    if coach_loads(programme, others)[coach.id] >= coach.weekly_capacity:
        raise InvalidTransition(
            status=referral.status.value, command="accept", detail="the coach has no free capacity"
        )
    event = Accepted(
        referral_id=referral.id,
        at=at_instant,
        coach_id=coach.id,
        starts_on=starts_on,
        sessions_planned=programme.sessions_per_coaching,
    )
    return _step(referral, event)


def start_coaching(referral: CoachingReferral, *, at: _dt.datetime) -> ReferralTransition:
    """
    The coaching begins (not before the agreed start).

    >>> import pendulum
    >>> from jobcenter_core.coaching import Coach, CoachingProgramme, Delivery
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> referral = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10)).referral
    >>> accepted = accept_referral(referral, programme, coach_id="coach-1", caseload=(),
    ...                            starts_on=pendulum.date(2022, 6, 27),
    ...                            at=at_berlin(2022, 6, 23, 9)).referral
    >>> start_coaching(accepted, at=at_berlin(2022, 6, 27, 10)).referral.status
    <ReferralStatus.IN_PROGRESS: 'in_progress'>
    >>> start_coaching(accepted, at=at_berlin(2022, 6, 24, 10))
    Traceback (most recent call last):
    ...
    jobcenter_core.errors.InvalidTransition: cannot 'start' when status is 'accepted': before the agreed start
    """
    return _step(referral, Started(referral_id=referral.id, at=at))


def record_session(referral: CoachingReferral, *, at: _dt.datetime) -> ReferralTransition:
    """
    One more one-to-one session was held (at most the planned number).

    >>> import pendulum
    >>> from jobcenter_core.coaching import Coach, CoachingProgramme, Delivery
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=1)
    >>> referral = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10)).referral
    >>> accepted = accept_referral(referral, programme, coach_id="coach-1", caseload=(),
    ...                            starts_on=pendulum.date(2022, 6, 27),
    ...                            at=at_berlin(2022, 6, 23, 9)).referral
    >>> running = start_coaching(accepted, at=at_berlin(2022, 6, 27, 10)).referral
    >>> held = record_session(running, at=at_berlin(2022, 6, 27, 11)).referral
    >>> held.sessions_held
    1
    >>> record_session(held, at=at_berlin(2022, 7, 4, 11))
    Traceback (most recent call last):
    ...
    jobcenter_core.errors.InvalidTransition: cannot 'record_session' when status is 'in_progress': every planned session has been held
    """
    event = SessionHeld(referral_id=referral.id, at=at, number=referral.sessions_held + 1)
    return _step(referral, event)


def complete_coaching(
    referral: CoachingReferral, findings: CoachingFindings, *, at: _dt.datetime
) -> ReferralTransition:
    """
    The coach completes the coaching (after at least one session) and reports
    *findings*; feed them into the needs profile with
    :func:`~jobcenter_core.coaching.findings.apply_findings`.

    >>> import pendulum
    >>> from jobcenter_core.coaching import Coach, CoachingProgramme, Delivery
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> referral = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10)).referral
    >>> accepted = accept_referral(referral, programme, coach_id="coach-1", caseload=(),
    ...                            starts_on=pendulum.date(2022, 6, 27),
    ...                            at=at_berlin(2022, 6, 23, 9)).referral
    >>> running = start_coaching(accepted, at=at_berlin(2022, 6, 27, 10)).referral
    >>> held = record_session(running, at=at_berlin(2022, 6, 27, 11)).referral
    >>> findings = CoachingFindings(referral_id="r-1", person_id="p-1", coach_id="coach-1",
    ...                             recorded_on=pendulum.date(2022, 6, 27))
    >>> complete_coaching(held, findings, at=at_berlin(2022, 6, 27, 12)).referral.status
    <ReferralStatus.COMPLETED: 'completed'>
    """
    return _step(referral, Completed(referral_id=referral.id, at=at, findings=findings))


def decline_referral(referral: CoachingReferral, *, at: _dt.datetime) -> ReferralTransition:
    """
    The person declines the coaching; the referral records that no sanction attaches.

    Under SGB II § 16k (since 2023-07-01) Abs. 4 excludes the sanction for refusing a
    measure (§ 31 Abs. 1 S. 1 Nr. 3); a referral under § 16 with SGB III § 45 is a
    voluntary offer made without a written notice of legal consequences, so § 31 Abs. 1
    S. 1 Nr. 3 does not apply either. Either way the outcome carries the code
    ``no_sanctions_attach`` and cites the provision.

    >>> from jobcenter_core.coaching import Coach, CoachingProgramme, Delivery
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> referral = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10)).referral
    >>> t = decline_referral(referral, at=at_berlin(2022, 6, 23, 9))
    >>> t.referral.status, t.referral.outcome.code, str(t.referral.outcome.reference)
    (<ReferralStatus.DECLINED: 'declined'>, 'no_sanctions_attach', 'SGB II § 31 Abs. 1 S. 1 Nr. 3')

    References:
        SGB II § 16k Abs. 4; SGB II § 31 Abs. 1 S. 1 Nr. 3.
    """
    if cites_section_16k(referral.legal_basis):
        reason = Reason(
            code="no_sanctions_attach",
            message="declined holistic coaching: no sanction for refusing it",
            reference=_NO_SANCTION_FOR_HOLISTIC_COACHING,
        )
    else:
        reason = Reason(
            code="no_sanctions_attach",
            message="declined a voluntary referral made without notice of legal "
            "consequences: no sanction",
            reference=_SANCTION_FOR_REFUSING_A_MEASURE,
        )
    return _step(referral, ReferralDeclined(referral_id=referral.id, at=at, reason=reason))


def cancel_referral(referral: CoachingReferral, *, by: str, at: _dt.datetime) -> ReferralTransition:
    """
    The job centre or the provider (*by*, an id) cancels the referral.

    >>> from jobcenter_core.coaching import Coach, CoachingProgramme, Delivery
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> referral = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10)).referral
    >>> cancel_referral(referral, by="cw-1", at=at_berlin(2022, 6, 23, 9)).referral.status
    <ReferralStatus.CANCELLED: 'cancelled'>
    """
    return _step(referral, ReferralCancelled(referral_id=referral.id, at=at, by=by))


def record_no_show(referral: CoachingReferral, *, at: _dt.datetime) -> ReferralTransition:
    """
    The person did not come to the accepted or running coaching; the place is freed.

    >>> import pendulum
    >>> from jobcenter_core.coaching import Coach, CoachingProgramme, Delivery
    >>> from jobcenter_core.dates import at_berlin
    >>> programme = CoachingProgramme(
    ...     id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    ...     coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=2)],
    ...     sessions_per_coaching=3)
    >>> referral = refer(programme, id="r-1", person_id="p-1", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
    ...                  at=at_berlin(2022, 6, 22, 10)).referral
    >>> accepted = accept_referral(referral, programme, coach_id="coach-1", caseload=(),
    ...                            starts_on=pendulum.date(2022, 6, 27),
    ...                            at=at_berlin(2022, 6, 23, 9)).referral
    >>> record_no_show(accepted, at=at_berlin(2022, 6, 27, 11)).referral.status
    <ReferralStatus.NO_SHOW: 'no_show'>
    >>> record_no_show(referral, at=at_berlin(2022, 6, 27, 11))
    Traceback (most recent call last):
    ...
    jobcenter_core.errors.InvalidTransition: cannot 'no_show' when status is 'referred'
    """
    return _step(referral, NoShow(referral_id=referral.id, at=at))
