"""
Strategies for coaching: programmes, mobility, findings, referrals in every state.
"""

from __future__ import annotations

import attrs
import pendulum
from hypothesis import strategies as st
from pendulum import Date

from jobcenter_core.coaching import (
    Coach,
    CoachingFindings,
    CoachingProgramme,
    CoachingReferral,
    Delivery,
    GermanCourse,
    GroupOfferTopic,
    Mobility,
    NextStep,
    ProfessionalExperience,
    QualificationRecognition,
    accept_referral,
    cancel_referral,
    coach_loads,
    complete_coaching,
    decline_referral,
    record_no_show,
    record_session,
    refer,
    start_coaching,
    waitlist_referral,
)
from jobcenter_core.decisions import sgb2
from jobcenter_core.needs import (
    Finding,
    NeedCategory,
    NeedStatus,
    Urgency,
)
from jobcenter_core.testing.foundation import cefr_levels

__all__ = [
    "COACHING_LANGUAGES",
    "REFERRAL_COMMANDS",
    "coaching_caseloads",
    "coaching_findings",
    "coaching_need_findings",
    "coaching_programmes",
    "coaching_shortages",
    "mobilities",
    "next_steps",
    "referral_commands",
]


COACHING_LANGUAGES = ("uk", "ru", "de")
"""Languages drawn for coaching programmes and coaches."""


def mobilities() -> st.SearchStrategy[Mobility]:
    """
    Mobility facts, each sometimes unknown (``None``): transport, distance 0–60 km.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import mobilities
    >>> find(mobilities(), lambda m: m.has_transport is False).has_transport
    False
    """
    return st.builds(
        Mobility,
        has_transport=st.one_of(st.none(), st.booleans()),
        distance_to_centre_km=st.one_of(
            st.none(), st.integers(min_value=0, max_value=120).map(lambda d: d / 2)
        ),
    )


_LANGUAGE_SUBSETS = st.integers(min_value=1, max_value=2 ** len(COACHING_LANGUAGES) - 1)
_WEEKLY_CAPACITY = st.integers(min_value=1, max_value=4)
_SESSIONS = st.integers(min_value=1, max_value=8)
_DELIVERIES = st.sampled_from(Delivery)


def _subset(items: tuple[str, ...] | list[str], mask: int) -> frozenset[str]:
    chosen = frozenset(x for i, x in enumerate(items) if mask >> i & 1)
    return chosen or frozenset(items[:1])


@st.composite
def coaching_programmes(
    draw: st.DrawFn, *, id: str = "prog-0", max_coaches: int = 4
) -> CoachingProgramme:
    """
    A coaching programme in one to three of :data:`COACHING_LANGUAGES` with one to
    *max_coaches* coaches (ids ``coach-0`` …, each coaching in some of the programme's
    languages, weekly capacity 1–4), 1–8 sessions, online or in person, and the default
    legal basis or SGB II § 16k.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import coaching_programmes
    >>> find(coaching_programmes(), lambda p: len(p.coaches) == 2).coaches[1].id
    'coach-1'
    """
    languages = _subset(COACHING_LANGUAGES, draw(_LANGUAGE_SUBSETS))
    ordered = sorted(languages)
    count = draw(st.integers(min_value=1, max_value=max_coaches))
    coaches = tuple(
        Coach(
            id=f"coach-{i}",
            languages=_subset(ordered, draw(_LANGUAGE_SUBSETS)),
            weekly_capacity=draw(_WEEKLY_CAPACITY),
        )
        for i in range(count)
    )
    programme = CoachingProgramme(
        id=id,
        provider="Werkakademie",
        languages=languages,
        delivery=draw(_DELIVERIES),
        coaches=coaches,
        sessions_per_coaching=draw(_SESSIONS),
    )
    if draw(st.booleans()):
        return programme
    return attrs.evolve(programme, legal_basis=(sgb2("16k"),))


def coaching_need_findings(person_id: str) -> st.SearchStrategy[Finding]:
    """Needs a coach may report about *person_id*: any category, urgency and status."""
    return st.builds(
        Finding,
        subject=st.just(person_id),
        category=st.sampled_from(NeedCategory),
        urgency=st.sampled_from(Urgency),
        status=st.sampled_from(NeedStatus),
    )


def next_steps() -> st.SearchStrategy[NextStep]:
    """A recommended next step: a group offer topic, a German course or a recognition."""
    return st.one_of(
        st.builds(
            GroupOfferTopic,
            topic=st.sampled_from(["Bewerbungstraining", "Leben und Arbeiten in Deutschland"]),
            categories=st.sets(st.sampled_from(NeedCategory), min_size=1, max_size=3),
        ),
        st.builds(GermanCourse, target_level=cefr_levels(), job_related=st.booleans()),
        st.builds(
            QualificationRecognition,
            occupation=st.sampled_from(["nurse", "teacher", "electrician", "accountant"]),
            regulated=st.one_of(st.none(), st.booleans()),
        ),
    )


def coaching_findings(
    *, referral_id: str, person_id: str, coach_id: str, recorded_on: st.SearchStrategy[Date]
) -> st.SearchStrategy[CoachingFindings]:
    """
    Findings of the coaching *referral_id*: up to five needs (categories distinct),
    strengths, experience and next steps, recorded on a day from *recorded_on*.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import coaching_findings, pendulum_dates
    >>> f = find(coaching_findings(referral_id="r-0", person_id="p-0", coach_id="coach-0",
    ...                           recorded_on=pendulum_dates(pendulum.date(2022, 7, 1))),
    ...          lambda f: True)
    >>> f.referral_id, f.needs
    ('r-0', ())
    """
    return st.builds(
        CoachingFindings,
        referral_id=st.just(referral_id),
        person_id=st.just(person_id),
        coach_id=st.just(coach_id),
        recorded_on=recorded_on,
        needs=st.lists(
            coaching_need_findings(person_id), max_size=5, unique_by=lambda n: n.category
        ).map(tuple),
        strengths=st.lists(
            st.sampled_from(["reliable", "organised", "speaks English"]), max_size=2
        ).map(tuple),
        experience=st.lists(
            st.builds(
                ProfessionalExperience,
                occupation=st.sampled_from(["nurse", "teacher", "cook"]),
                years=st.integers(min_value=0, max_value=30),
            ),
            max_size=2,
        ).map(tuple),
        next_steps=st.lists(next_steps(), max_size=3).map(tuple),
    )


REFERRAL_COMMANDS = (
    "waitlist",
    "accept",
    "start",
    "record_session",
    "complete",
    "decline",
    "cancel",
    "no_show",
)
"""
The lifecycle commands after :func:`~jobcenter_core.coaching.lifecycle.refer`, by the names
:class:`~jobcenter_core.errors.InvalidTransition` gives them (``"accept"`` is
:func:`~jobcenter_core.coaching.lifecycle.accept_referral`, ``"no_show"`` is
:func:`~jobcenter_core.coaching.lifecycle.record_no_show`, and so on).
"""


_COMMAND_STEP = st.tuples(
    st.sampled_from(REFERRAL_COMMANDS),
    st.integers(min_value=-60, max_value=10 * 24 * 60),
    st.integers(min_value=0, max_value=7),
)


@st.composite
def _lifecycle_path(draw: st.DrawFn) -> tuple[tuple[str, int, int], ...]:
    """The usual path (maybe waitlisted, accepted, started, sessions, completed) with noise."""
    names = ["waitlist"] if draw(st.booleans()) else []
    names += ["accept", "start"]
    names += ["record_session"] * draw(st.integers(min_value=0, max_value=9))
    names += ["complete"]
    path = [
        (name, draw(st.integers(min_value=0, max_value=4 * 24 * 60)), draw(st.integers(0, 7)))
        for name in names
    ]
    for step in draw(st.lists(_COMMAND_STEP, max_size=3)):
        path.insert(draw(st.integers(min_value=0, max_value=len(path))), step)
    return tuple(path)


def referral_commands(
    max_size: int = 12,
) -> st.SearchStrategy[tuple[tuple[str, int, int], ...]]:
    """
    Command sequences for a referral's lifecycle: each a (command name, minutes after the
    previous command — sometimes negative —, a choice index for the coach). Half are
    random sequences of up to *max_size* commands, half the usual path from acceptance
    to completion with a few random commands mixed in.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import referral_commands
    >>> find(referral_commands(), lambda c: len(c) == 1)
    (('waitlist', 0, 0),)
    """
    return st.one_of(st.lists(_COMMAND_STEP, max_size=max_size).map(tuple), _lifecycle_path())


_COACHING_START = pendulum.datetime(2022, 6, 20, 9, tz="Europe/Berlin")
_REFERRAL_MINUTES = st.integers(min_value=0, max_value=14 * 24 * 60)
_REFERRAL_REASONS = st.sets(st.sampled_from(NeedCategory), min_size=1, max_size=3)
_STAGES = st.sampled_from(["referred", "waitlisted", "accepted", "started", "final"])
_ENDINGS = st.sampled_from(["complete", "decline", "cancel", "no_show"])
_CHOICE = st.integers(min_value=0, max_value=63)


def _accepted_by_a_free_coach(
    draw: st.DrawFn,
    referral: CoachingReferral,
    programme: CoachingProgramme,
    caseload: list[CoachingReferral],
    loads: dict[str, int],
    at: pendulum.DateTime,
) -> CoachingReferral | None:
    """*referral* accepted at *at* by a drawn coach of its language with a free place
    (counted in *loads*), or ``None`` when every such coach is full."""
    free = [c for c in programme.coaches_for(referral.language) if loads[c.id] < c.weekly_capacity]
    if not free:
        return None
    coach = free[draw(_CHOICE) % len(free)]
    loads[coach.id] += 1
    return accept_referral(
        referral, programme, coach_id=coach.id, starts_on=at.date(), caseload=caseload, at=at
    ).referral


@st.composite
def coaching_caseloads(
    draw: st.DrawFn, programme: CoachingProgramme, *, max_size: int = 12
) -> tuple[CoachingReferral, ...]:
    """
    Referrals to *programme* (ids ``r-0`` …, persons from a small pool so some repeat)
    in every state, built with the lifecycle commands only, so coaches' capacity is
    respected: referred, waitlisted, accepted, in progress, completed, declined,
    cancelled, no-show.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import coaching_caseloads, coaching_programmes
    >>> programme = find(coaching_programmes(), lambda p: True)
    >>> find(coaching_caseloads(programme), lambda c: len(c) == 2)[1].id
    'r-1'
    """
    caseload: list[CoachingReferral] = []
    languages = sorted(programme.languages)
    loads = dict(coach_loads(programme, ()))
    for i in range(draw(st.integers(min_value=0, max_value=max_size))):
        at = _COACHING_START.add(minutes=draw(_REFERRAL_MINUTES))
        referral = refer(
            programme,
            id=f"r-{i}",
            person_id=f"p-{draw(_CHOICE) % (max_size + 1)}",
            referred_by="cw-0",
            reasons=draw(_REFERRAL_REASONS),
            language=languages[draw(_CHOICE) % len(languages)],
            limited_mobility=draw(st.booleans()),
            at=at,
        ).referral
        stage = draw(_STAGES)
        if stage != "referred" and draw(st.booleans()):
            referral = waitlist_referral(referral, at=at).referral
        accepted = None
        if stage in ("accepted", "started", "final"):
            accepted = _accepted_by_a_free_coach(draw, referral, programme, caseload, loads, at)
        if accepted is not None:
            referral = accepted
            coach = programme.coach(str(referral.coach_id))
            if stage in ("started", "final"):
                referral = start_coaching(referral, at=at).referral
                for _ in range(draw(_CHOICE) % (programme.sessions_per_coaching + 1)):
                    referral = record_session(referral, at=at).referral
            if stage == "final":
                loads[coach.id] -= 1
                ending = draw(_ENDINGS)
                if ending == "complete" and referral.sessions_held:
                    findings = CoachingFindings(
                        referral_id=referral.id,
                        person_id=referral.person_id,
                        coach_id=coach.id,
                        recorded_on=at.date(),
                    )
                    referral = complete_coaching(referral, findings, at=at).referral
                elif ending == "decline":
                    referral = decline_referral(referral, at=at).referral
                elif ending == "no_show":
                    referral = record_no_show(referral, at=at).referral
                else:
                    referral = cancel_referral(referral, by="cw-0", at=at).referral
        caseload.append(referral)
    return tuple(caseload)


@st.composite
def coaching_shortages(
    draw: st.DrawFn, *, max_referrals: int = 10, max_coaches: int = 4
) -> tuple[CoachingProgramme, tuple[CoachingReferral, ...]]:
    """
    A programme with too few coach places and a caseload that is mostly waiting: where
    the order of placing matters. Two or three languages; one to *max_coaches* coaches
    (``coach-0`` …) of one or two of them, one or two places each; up to
    *max_referrals* waiting referrals (``r-0`` …) of persons from a small pool, so some
    are referred twice; and now and then a running coaching that holds a place.

    >>> from hypothesis import find
    >>> from jobcenter_core.testing.coaching import coaching_shortages
    >>> programme, caseload = find(coaching_shortages(), lambda d: len(d[1]) >= 2)
    >>> [r.id for r in caseload]
    ['r-0', 'r-1']
    """
    languages = COACHING_LANGUAGES[: draw(st.integers(min_value=2, max_value=3))]
    coaches = tuple(
        Coach(
            id=f"coach-{i}",
            languages=draw(st.sets(st.sampled_from(languages), min_size=1, max_size=2)),
            weekly_capacity=draw(st.integers(min_value=1, max_value=2)),
        )
        for i in range(draw(st.integers(min_value=1, max_value=max_coaches)))
    )
    programme = CoachingProgramme(
        id="prog-0",
        provider="Werkakademie",
        languages=languages,
        delivery=Delivery.ONLINE,
        coaches=coaches,
        sessions_per_coaching=3,
    )
    caseload: list[CoachingReferral] = []
    loads = dict(coach_loads(programme, ()))
    for i in range(draw(st.integers(min_value=0, max_value=max_referrals))):
        at = _COACHING_START.add(minutes=draw(_REFERRAL_MINUTES))
        referral = refer(
            programme,
            id=f"r-{i}",
            person_id=f"p-{draw(st.integers(min_value=0, max_value=max_referrals))}",
            referred_by="cw-0",
            reasons=draw(_REFERRAL_REASONS),
            language=draw(st.sampled_from(languages)),
            limited_mobility=draw(st.booleans()),
            at=at,
        ).referral
        if draw(st.integers(min_value=0, max_value=5)) == 0:
            accepted = _accepted_by_a_free_coach(draw, referral, programme, caseload, loads, at)
            referral = accepted if accepted is not None else referral
        caseload.append(referral)
    return programme, tuple(caseload)
