"""
Strategies for offers and enrolment: sessions, offers, registrations, commitments, roster commands and roster states.
"""

from __future__ import annotations

from hypothesis import strategies as st

from jobcenter_core import enrolment as _enrolment
from jobcenter_core.dates import at_berlin
from jobcenter_core.enrolment import Commitment, OfferState, Registration, Transition
from jobcenter_core.errors import InvalidTransition
from jobcenter_core.languages import CefrLevel
from jobcenter_core.needs import (
    NeedCategory,
)
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
    Venue,
    WantsWorkAtShortNotice,
)

__all__ = [
    "ENROLMENT_CASEWORKERS",
    "ROSTER_COMMANDS",
    "allocation_problems",
    "commitments",
    "group_offers",
    "offer_states",
    "registrations",
    "roster_commands",
    "roster_transitions",
    "sessions",
    "target_group_rules",
    "venues",
]


ENROLMENT_CASEWORKERS = ("cw-1", "cw-2")
"""Case worker ids drawn for registrations; ``"front-desk"`` is drawn as a non-case worker."""

_SESSION_BASE = at_berlin(2022, 6, 21, 8)
_REGISTRATION_BASE = at_berlin(2022, 6, 13, 8)
_VENUES = st.sampled_from(
    [
        Venue(name="Zentrale Unterkunft (ehem. Yupidu)", address="Bocholt"),
        Venue(name="Werkakademie", address="Bocholt"),
        Venue(name="Videokonferenz", online=True),
    ]
)


def venues() -> st.SearchStrategy[Venue]:
    """The central accommodation, the Werkakademie, or online."""
    return _VENUES


@st.composite
def sessions(draw: st.DrawFn, *, id: str = "s-0", max_capacity: int = 4) -> Session:
    """
    A session of 1–4 hours starting within two days of 2022-06-21 08:00 (so sessions
    often overlap), with 1–*max_capacity* seats.

    >>> from hypothesis import find
    >>> find(sessions(id="s-7"), lambda s: True).capacity
    1
    """
    start = _SESSION_BASE.add(hours=draw(st.integers(min_value=0, max_value=47)))
    return Session(
        id=id,
        start=start,
        end=start.add(hours=draw(st.integers(min_value=1, max_value=4))),
        venue=draw(_VENUES),
        capacity=draw(st.integers(min_value=1, max_value=max_capacity)),
        childcare_on_site=draw(st.booleans()),
    )


_RULE_LEAVES = st.one_of(
    st.just(Everyone()),
    st.just(Employable()),
    st.just(WantsWorkAtShortNotice()),
    st.just(HasChildrenNeedingCare()),
    st.builds(
        LanguageAtLeast,
        language=st.sampled_from(("de", "uk", "en")),
        level=st.sampled_from(CefrLevel),
    ),
)
_TARGET_GROUP_RULES = st.recursive(
    _RULE_LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda rs: AllOf(rules=rs)),
        st.lists(inner, max_size=3).map(lambda rs: AnyOf(rules=rs)),
        inner.map(lambda r: Not(rule=r)),
    ),
    max_leaves=5,
)


def target_group_rules() -> st.SearchStrategy[TargetGroupRule]:
    """
    Target-group rules: the leaves and nested ``AllOf``/``AnyOf``/``Not`` of up to five.

    >>> from hypothesis import find
    >>> find(target_group_rules(), lambda r: isinstance(r, Not))
    Not(rule=Everyone())
    """
    return _TARGET_GROUP_RULES


@st.composite
def group_offers(
    draw: st.DrawFn,
    *,
    id: str = "o-0",
    min_sessions: int = 1,
    max_sessions: int = 4,
    max_capacity: int = 4,
    target_groups: st.SearchStrategy[TargetGroupRule] | None = None,
) -> GroupOffer:
    """
    An offer with *min_sessions*–*max_sessions* sessions (ids ``s-0`` …) and a target
    group from *target_groups* (default: :class:`~jobcenter_core.offers.Everyone`).

    >>> from hypothesis import find
    >>> find(group_offers(), lambda o: len(o.sessions) == 2).session_ids
    ('s-0', 's-1')
    """
    count = draw(st.integers(min_value=min_sessions, max_value=max_sessions))
    return GroupOffer(
        id=id,
        title="Leben und Arbeiten in Deutschland",
        addresses=frozenset({NeedCategory.LIVING_AND_WORKING_IN_GERMANY}),
        target_group=draw(target_groups) if target_groups is not None else Everyone(),
        language="de",
        interpretation_provided=draw(st.booleans()),
        sessions=tuple(
            draw(sessions(id=f"s-{i}", max_capacity=max_capacity)) for i in range(count)
        ),
    )


@st.composite
def registrations(
    draw: st.DrawFn,
    offer: GroupOffer,
    *,
    min_size: int = 0,
    max_size: int = 20,
    people: int = 8,
    valid_only: bool = False,
    first_id: int = 0,
) -> tuple[Registration, ...]:
    """
    Registrations ``r-000`` … for *offer* by *people* persons (``p-0`` …, so some register
    twice), with ranked preferences (sometimes none), registration instants on a
    half-hour grid (ties happen), priorities 0–2 and, unless *valid_only*, sometimes an
    unknown session, another offer or a registrar who is not a case worker.

    >>> from hypothesis import find
    >>> offer = find(group_offers(), lambda o: True)
    >>> find(registrations(offer), lambda rs: len(rs) == 1)[0].id
    'r-000'
    """
    ids = list(offer.session_ids)
    choices = ids if valid_only else [*ids, "s-unknown"]
    registrars = ENROLMENT_CASEWORKERS if valid_only else (*ENROLMENT_CASEWORKERS, "front-desk")
    offers = (offer.id,) if valid_only else (offer.id, offer.id, offer.id, "o-other")
    count = draw(st.integers(min_value=min_size, max_value=max_size))
    found = []
    for k in range(count):
        prefs = draw(st.lists(st.sampled_from(choices), unique=True, max_size=3)) if choices else []
        found.append(
            Registration(
                id=f"r-{first_id + k:03d}",
                person_id=f"p-{draw(st.integers(min_value=0, max_value=people - 1))}",
                offer_id=draw(st.sampled_from(offers)),
                preferences=tuple(prefs),
                registered_at=_REGISTRATION_BASE.add(
                    minutes=30 * draw(st.integers(min_value=0, max_value=40))
                ),
                registered_by=draw(st.sampled_from(registrars)),
                priority=draw(st.integers(min_value=0, max_value=2)),
            )
        )
    return tuple(found)


@st.composite
def commitments(
    draw: st.DrawFn, offer: GroupOffer, *, people: int = 8, max_size: int = 4
) -> tuple[Commitment, ...]:
    """
    Seats people ``p-0`` … hold in another offer (``o-elsewhere``): windows near the
    offer's sessions, so they often overlap one.

    >>> from hypothesis import find
    >>> offer = find(group_offers(), lambda o: True)
    >>> find(commitments(offer), lambda cs: len(cs) == 1)[0].offer_id
    'o-elsewhere'
    """
    found = []
    for k in range(draw(st.integers(min_value=0, max_value=max_size))):
        start = _SESSION_BASE.add(hours=draw(st.integers(min_value=0, max_value=48)))
        found.append(
            Commitment(
                person_id=f"p-{draw(st.integers(min_value=0, max_value=people - 1))}",
                offer_id="o-elsewhere",
                session_id=f"x-{k}",
                start=start,
                end=start.add(hours=draw(st.integers(min_value=1, max_value=3))),
            )
        )
    return tuple(found)


@st.composite
def allocation_problems(
    draw: st.DrawFn,
    *,
    max_registrations: int = 20,
    valid_only: bool = False,
    target_groups: st.SearchStrategy[TargetGroupRule] | None = None,
) -> tuple[GroupOffer, tuple[Registration, ...], tuple[Commitment, ...]]:
    """
    An offer, registrations for it (see :func:`registrations`) and commitments elsewhere.

    >>> from hypothesis import find
    >>> offer, regs, held = find(allocation_problems(), lambda p: len(p[1]) == 2)
    >>> [r.id for r in regs]
    ['r-000', 'r-001']
    """
    offer = draw(group_offers(target_groups=target_groups))
    regs = draw(registrations(offer, max_size=max_registrations, valid_only=valid_only))
    return offer, regs, draw(commitments(offer))


ROSTER_COMMANDS = ("register", "cancel", "confirm", "decline", "expire", "add_session", "move")
"""The command kinds :func:`roster_commands` draws."""


@st.composite
def roster_commands(
    draw: st.DrawFn, offer: GroupOffer, *, max_size: int = 30, valid_only: bool = False
) -> tuple[tuple[str, object, int], ...]:
    """
    A random sequence of roster commands ``(kind, argument, minutes)``: *kind* from
    :data:`ROSTER_COMMANDS`; *argument* a :class:`Registration` (register; see
    :func:`registrations` for *valid_only*), a :class:`Session` (add_session), a pair of
    ints (move: which registration, which session) or an int choosing a registration;
    *minutes* the time that passes before the command (holds of 48 hours lapse when
    enough passes).

    >>> from hypothesis import find
    >>> offer = find(group_offers(), lambda o: True)
    >>> find(roster_commands(offer), lambda cs: len(cs) == 1)[0][0]
    'register'
    """
    commands: list[tuple[str, object, int]] = []
    registered = 0
    added = 0
    for _ in range(draw(st.integers(min_value=0, max_value=max_size))):
        kind = draw(st.sampled_from(ROSTER_COMMANDS))
        minutes = draw(st.sampled_from((0, 5, 60, 24 * 60, 3 * 24 * 60)))
        argument: object
        if kind == "register" or registered == 0:
            kind = "register"
            argument = draw(
                registrations(
                    offer, min_size=1, max_size=1, first_id=registered, valid_only=valid_only
                )
            )[0]
            registered += 1
        elif kind == "add_session":
            argument = draw(sessions(id=f"s-added-{added}"))
            added += 1
        elif kind == "move":
            argument = (draw(st.integers(0, registered - 1)), draw(st.integers(0, 7)))
        else:
            argument = draw(st.integers(min_value=0, max_value=registered - 1))
        commands.append((kind, argument, minutes))
    return tuple(commands)


# --- roster states (serialization): states reached by random roster commands ------------------


def _run_roster(
    offer: GroupOffer,
    commands: tuple[tuple[str, object, int], ...],
    held: tuple[Commitment, ...],
) -> Transition:
    """The last transition that succeeded when *commands* run on a new roster of *offer*."""
    last = _enrolment.open_offer(offer, commitments=held, caseworkers=ENROLMENT_CASEWORKERS)
    state = last.state
    clock = at_berlin(2022, 6, 14, 9)
    known: list[str] = []
    for kind, argument, minutes in commands:
        clock = clock.add(minutes=minutes)
        try:
            if isinstance(argument, Registration):
                known.append(argument.id)
                t = _enrolment.register(state, argument, at=clock)
            elif isinstance(argument, Session):
                t = _enrolment.add_session(state, argument, at=clock)
            elif kind == "expire":
                t = _enrolment.expire(state, at=clock)
            elif isinstance(argument, tuple):
                ids = state.offer.session_ids
                if not ids:
                    continue
                which, where = argument
                t = _enrolment.move_session(state, known[which], ids[where % len(ids)], at=clock)
            else:
                assert isinstance(argument, int)
                command = {
                    "cancel": _enrolment.cancel,
                    "confirm": _enrolment.confirm,
                    "decline": _enrolment.decline,
                }[kind]
                t = command(state, known[argument], at=clock)
        except InvalidTransition:
            continue
        state, last = t.state, t
    return last


@st.composite
def roster_transitions(draw: st.DrawFn, *, max_commands: int = 20) -> Transition:
    """
    The last transition of a roster driven by up to *max_commands* random
    :func:`roster_commands` (offers of 0–3 sessions of up to 3 seats, with commitments).

    >>> from hypothesis import find
    >>> type(find(roster_transitions(), lambda t: True).events[0]).__name__
    'OfferOpened'
    """
    offer = draw(group_offers(min_sessions=0, max_sessions=3, max_capacity=3))
    commands = draw(roster_commands(offer, max_size=max_commands))
    return _run_roster(offer, commands, draw(commitments(offer)))


def offer_states(*, max_commands: int = 20) -> st.SearchStrategy[OfferState]:
    """
    Rosters reached by up to *max_commands* random :func:`roster_commands`: people placed,
    waiting, holding seat offers, cancelled, declined, lapsed and rejected.

    >>> from hypothesis import find
    >>> find(offer_states(), lambda s: s.waiting_count > 0).waiting_count
    1
    """
    return roster_transitions(max_commands=max_commands).map(lambda t: t.state)
