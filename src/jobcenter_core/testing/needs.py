"""
Strategies for needs, consultations with interpreters and caseloads.
"""

from __future__ import annotations

import functools

import pendulum
from hypothesis import strategies as st

from jobcenter_core.caseload import Caseload
from jobcenter_core.consultations import Caseworker, Consultation, Interpreter
from jobcenter_core.dates import TimeWindow, at_berlin
from jobcenter_core.households import (
    Household,
)
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.needs import (
    Evidence,
    EvidenceKind,
    Finding,
    Need,
    NeedCategory,
    NeedsProfile,
    NeedStatus,
    Observation,
    Urgency,
)
from jobcenter_core.people import (
    Person,
    Sex,
)
from jobcenter_core.testing.foundation import cefr_levels, households

__all__ = [
    "EVIDENCE_IDS",
    "INTERPRETER_LANGUAGES",
    "NEED_SUBJECTS",
    "caseloads",
    "caseworkers",
    "consultation_days",
    "evidences",
    "findings",
    "interpreter_shortages",
    "interpreters",
    "needs",
    "needs_profiles",
    "observations",
]


NEED_SUBJECTS = ("h-0", "m-0", "m-1")
"""Subjects drawn by :func:`needs`: the household ``h-0`` and its first two members."""

EVIDENCE_IDS = ("c-1", "c-2", "g-1", "r-1")
"""Evidence ids drawn by :func:`evidences` (few, so that sources repeat)."""


_EVIDENCES = tuple(Evidence(kind=k, id=i) for k in EvidenceKind for i in EVIDENCE_IDS)
_OBSERVATION_DAYS = (
    *(pendulum.date(2022, 5, 1).add(days=7 * k) for k in range(35)),
    pendulum.date(2022, 5, 30),
    pendulum.date(2022, 6, 21),
)


def evidences() -> st.SearchStrategy[Evidence]:
    """
    Sources of findings: any kind, ids from :data:`EVIDENCE_IDS`.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import evidences
    >>> find(evidences(), lambda e: True).id
    'c-1'
    """
    return st.sampled_from(_EVIDENCES)


@functools.cache
def observations() -> st.SearchStrategy[Observation]:
    """
    Observations on a few days of 2022 (weekly from 1 May, plus 30 May and 21 June), so
    that days and sources repeat and merges meet equal and tied observations.
    """
    return st.builds(
        Observation,
        on=st.sampled_from(_OBSERVATION_DAYS),
        by=evidences(),
        urgency=st.sampled_from(Urgency),
        status=st.sampled_from(NeedStatus),
    )


@st.composite
def needs(
    draw: st.DrawFn,
    *,
    subjects: tuple[str, ...] = NEED_SUBJECTS,
    categories: tuple[NeedCategory, ...] | None = None,
    max_observations: int = 3,
) -> Need:
    """
    A need of one of *subjects* in one of *categories* (default: all) with a trail of
    one to *max_observations* observations.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import needs
    >>> find(needs(), lambda n: len(n.trail) == 2).subject
    'h-0'
    """
    return Need.from_trail(
        subject=draw(st.sampled_from(subjects)),
        category=draw(st.sampled_from(categories if categories is not None else _CATEGORIES)),
        trail=draw(_trails(max_observations)),
    )


_CATEGORIES = tuple(NeedCategory)


@functools.cache
def _trails(max_size: int) -> st.SearchStrategy[list[Observation]]:
    return st.lists(observations(), min_size=1, max_size=max_size)


def findings(subjects: tuple[str, ...] = NEED_SUBJECTS) -> st.SearchStrategy[Finding]:
    """Findings about one of *subjects*, any category, urgency and status."""
    return st.builds(
        Finding,
        subject=st.sampled_from(subjects),
        category=st.sampled_from(NeedCategory),
        urgency=st.sampled_from(Urgency),
        status=st.sampled_from(NeedStatus),
    )


def needs_profiles(
    *,
    household_id: str = "h-0",
    subjects: tuple[str, ...] = NEED_SUBJECTS,
    categories: tuple[NeedCategory, ...] | None = None,
    max_needs: int = 5,
) -> st.SearchStrategy[NeedsProfile]:
    """
    Profiles of *household_id* with up to *max_needs* needs of *subjects* (drawn from
    few subjects, categories and sources, so that merges meet the same keys).

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import needs_profiles
    >>> find(needs_profiles(), lambda p: len(p) == 1).household_id
    'h-0'
    """
    return st.lists(needs(subjects=subjects, categories=categories), max_size=max_needs).map(
        lambda ns: NeedsProfile(household_id=household_id, needs=ns)
    )


INTERPRETER_LANGUAGES = ("uk", "ru", "ar", "fa")
"""Languages drawn for consultations and interpreters (nobody here speaks German)."""

_CONSULTATION_DAY = (2022, 5, 30)


def _window(start_quarter: int, quarters: int) -> TimeWindow:
    start = at_berlin(*_CONSULTATION_DAY, 8).add(minutes=15 * start_quarter)
    return TimeWindow(start=start, end=start.add(minutes=15 * quarters))


def caseworkers(*, id: str = "cw-0") -> st.SearchStrategy[Caseworker]:
    """Case workers speaking German (native) and sometimes English, Russian or Ukrainian."""
    extra = st.lists(
        st.builds(LanguageSkill, language=st.sampled_from(("en", "ru", "uk")), level=cefr_levels()),
        max_size=2,
        unique_by=lambda s: s.language,
    )
    return extra.map(
        lambda skills: Caseworker(
            id=id, languages=(LanguageSkill(language="de", level=CefrLevel.NATIVE), *skills)
        )
    )


@st.composite
def interpreters(draw: st.DrawFn, *, id: str = "i-0") -> Interpreter:
    """
    An interpreter for one to three of :data:`INTERPRETER_LANGUAGES`, available in zero
    to two windows of 30 minutes to 8 hours on 2022-05-30 between 08:00 and 18:00.
    """
    windows = []
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        start = draw(st.integers(min_value=0, max_value=36))
        length = draw(st.integers(min_value=2, max_value=32))
        windows.append(_window(start, min(length, 40 - start)))
    return Interpreter(
        id=id,
        languages=draw(
            st.lists(st.sampled_from(INTERPRETER_LANGUAGES), min_size=1, max_size=3, unique=True)
        ),
        availability=windows,
        provider=draw(st.sampled_from(["Integrationszentrum", "Sprachmittlerpool"])),
    )


_DAY_LANGUAGES = st.sampled_from((*INTERPRETER_LANGUAGES, "en"))
_DAY_LEVELS = st.sampled_from((CefrLevel.NATIVE, CefrLevel.C1, CefrLevel.B1))
_DAY_GERMAN = st.sampled_from((None, CefrLevel.A1, CefrLevel.A2, CefrLevel.B1))


@functools.cache
def _caseworker(id: str) -> st.SearchStrategy[Caseworker]:
    return caseworkers(id=id)


@functools.cache
def _interpreter(id: str) -> st.SearchStrategy[Interpreter]:
    return interpreters(id=id)


@st.composite
def consultation_days(
    draw: st.DrawFn, *, max_consultations: int = 10, max_interpreters: int = 4
) -> tuple[
    tuple[Consultation, ...], tuple[Interpreter, ...], tuple[Person, ...], tuple[Caseworker, ...]
]:
    """
    A day of consultations for :func:`~jobcenter_core.interpreting.assign_interpreters`:
    ``(consultations, interpreters, persons, caseworkers)``. Consultations of 30 minutes
    to 2 hours start on the quarter hour between 08:00 and 16:00 on 2022-05-30, some in
    languages no interpreter has; some already name an interpreter.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import consultation_days
    >>> cs, its, ps, cws = find(consultation_days(), lambda d: len(d[0]) == 2)
    >>> [c.id for c in cs]
    ['c-0', 'c-1']
    """
    cws = (draw(_caseworker("cw-0")), draw(_caseworker("cw-1")))
    its = tuple(
        draw(_interpreter(f"i-{k}"))
        for k in range(draw(st.integers(min_value=0, max_value=max_interpreters)))
    )
    people: list[Person] = []
    consultations: list[Consultation] = []
    for k in range(draw(st.integers(min_value=0, max_value=max_consultations))):
        language = draw(_DAY_LANGUAGES)
        skills = [LanguageSkill(language=language, level=draw(_DAY_LEVELS))]
        german = draw(_DAY_GERMAN)
        if german is not None:
            skills.append(LanguageSkill(language="de", level=german))
        person = Person(
            id=f"p-{k}", birth_date=pendulum.date(1988, 1, 1), sex=Sex.FEMALE, languages=skills
        )
        people.append(person)
        prebooked = None
        if its and draw(st.integers(0, 4)) == 0:
            prebooked = its[draw(st.integers(0, len(its) - 1))].id
        consultations.append(
            Consultation(
                id=f"c-{k}",
                household_id=f"h-{k}",
                person_id=person.id,
                caseworker_id=cws[draw(st.integers(0, 1))].id,
                window=_window(
                    draw(st.integers(min_value=0, max_value=32)),
                    draw(st.integers(min_value=2, max_value=8)),
                ),
                language=language,
                interpreter_id=prebooked,
            )
        )
    return tuple(consultations), its, tuple(people), cws


_SHORTAGE_LANGUAGES = ("uk", "ru", "ar")


@st.composite
def interpreter_shortages(
    draw: st.DrawFn, *, max_consultations: int = 7, max_interpreters: int = 3
) -> tuple[
    tuple[Consultation, ...], tuple[Interpreter, ...], tuple[Person, ...], tuple[Caseworker, ...]
]:
    """
    A morning with too few interpreters, shaped like :func:`consultation_days` (the same
    four parts): every consultation needs one (nobody speaks German), in Ukrainian,
    Russian or Arabic, 30 minutes to 2 hours from the quarter hours between 08:00 and
    11:00 on 2022-05-30; interpreters of one or two of those languages, each available
    in one window, so that who takes which consultation decides how many are served.

    >>> from hypothesis import find
    >>> from jobcenter_core.testing.needs import interpreter_shortages
    >>> cs, its, ps, cws = find(interpreter_shortages(), lambda d: len(d[0]) >= 2)
    >>> [c.id for c in cs], [c.window.start.hour for c in cs]
    (['c-0', 'c-1'], [8, 8])
    """
    caseworker = Caseworker(
        id="cw-0", languages=(LanguageSkill(language="de", level=CefrLevel.NATIVE),)
    )
    its = []
    for k in range(draw(st.integers(min_value=1, max_value=max_interpreters))):
        start = draw(st.integers(min_value=0, max_value=8))
        length = draw(st.integers(min_value=2, max_value=20))
        its.append(
            Interpreter(
                id=f"i-{k}",
                languages=draw(
                    st.sets(st.sampled_from(_SHORTAGE_LANGUAGES), min_size=1, max_size=2)
                ),
                availability=(_window(start, length),),
            )
        )
    people: list[Person] = []
    consultations: list[Consultation] = []
    for k in range(draw(st.integers(min_value=0, max_value=max_consultations))):
        language = draw(st.sampled_from(_SHORTAGE_LANGUAGES))
        person = Person(
            id=f"p-{k}",
            birth_date=pendulum.date(1988, 1, 1),
            sex=Sex.FEMALE,
            languages=(LanguageSkill(language=language, level=CefrLevel.NATIVE),),
        )
        people.append(person)
        consultations.append(
            Consultation(
                id=f"c-{k}",
                household_id=f"h-{k}",
                person_id=person.id,
                caseworker_id=caseworker.id,
                window=_window(
                    draw(st.integers(min_value=0, max_value=12)),
                    draw(st.integers(min_value=2, max_value=8)),
                ),
                language=language,
            )
        )
    return tuple(consultations), tuple(its), tuple(people), (caseworker,)


@st.composite
def caseloads(draw: st.DrawFn, *, max_households: int = 3) -> Caseload:
    """
    A caseload of up to *max_households* households (``h-0`` …) from :func:`households`,
    each maybe with a needs profile of its household and first two members.

    >>> from hypothesis import find
    >>> from jobcenter_core.strategies import caseloads
    >>> len(find(caseloads(), lambda c: len(c.households) == 2).households)
    2
    """
    hs = [
        draw(_household(f"h-{i}"))
        for i in range(draw(st.integers(min_value=0, max_value=max_households)))
    ]
    profiles = []
    for h in hs:
        if draw(st.booleans()):
            profiles.append(draw(_profile(h.id, (h.id, *h.member_ids[:2]))))
    return Caseload(households=hs, profiles=profiles)


@functools.cache
def _household(id: str) -> st.SearchStrategy[Household]:
    return households(id=id)


@functools.cache
def _profile(household_id: str, subjects: tuple[str, ...]) -> st.SearchStrategy[NeedsProfile]:
    return needs_profiles(household_id=household_id, subjects=subjects)
