"""
Consultations with interpreters: :class:`Caseworker`, :class:`Interpreter`,
:class:`Consultation`, whether a consultation needs an interpreter, booking interpreters
for a list of consultations, and recording what a consultation found.

Case workers in Bocholt held individual consultations (*Einzelgespräche*) with
interpreters (*Sprachmittler*) organised by the Kreis' integration centre: "without them
these conversations could not take place". The official language of the job centre is
German (SGB X § 19 Abs. 1); a consultation needs an interpreter when the person and the
case worker share no language at the policy's level (default B1).

>>> import pendulum
>>> from jobcenter_core.dates import TimeWindow, at_berlin
>>> from jobcenter_core.languages import CefrLevel, LanguageSkill
>>> from jobcenter_core.people import Person, Sex
>>> olena = Person(id="p-1", birth_date=pendulum.date(1988, 3, 2), sex=Sex.FEMALE,
...                languages=(LanguageSkill(language="uk", level=CefrLevel.NATIVE),))
>>> cw = Caseworker(id="cw-1", languages=(LanguageSkill(language="de", level=CefrLevel.NATIVE),))
>>> needs_interpreter(olena, cw, on=pendulum.date(2022, 5, 30)).value
True
>>> slot = TimeWindow(start=at_berlin(2022, 5, 30, 9), end=at_berlin(2022, 5, 30, 10))
>>> c = Consultation(id="c-1", household_id="h-1", person_id="p-1", caseworker_id="cw-1",
...                  window=slot, language="uk")
>>> iryna = Interpreter(id="i-1", languages=("uk", "ru"), provider="Integrationszentrum",
...                     availability=(TimeWindow(start=at_berlin(2022, 5, 30, 8),
...                                              end=at_berlin(2022, 5, 30, 16)),))
>>> result = assign_interpreters([c], [iryna], persons=[olena], caseworkers=[cw])
>>> [(b.consultation_id, b.interpreter_id) for b in result.bookings]
[('c-1', 'i-1')]

References:
    SGB X § 19 Abs. 1; SGB I § 17 Abs. 1.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Iterable
from typing import Protocol, TypeVar

import attrs
import pendulum
from pendulum import DateTime

from jobcenter_core.dates import TimeWindow
from jobcenter_core.decisions import Assumption, Decision, LegalReference, Reason
from jobcenter_core.errors import InvalidInput, Problem
from jobcenter_core.languages import LanguageSkill, shared_languages
from jobcenter_core.needs import Evidence, EvidenceKind, Finding, NeedsProfile
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Person
from jobcenter_core.validators import language_code, language_codes, non_empty, optional_non_empty

__all__ = [
    "Booking",
    "Caseworker",
    "Consultation",
    "Interpreter",
    "InterpreterAssignment",
    "LanguageShortfall",
    "Unserved",
    "assign_interpreters",
    "needs_interpreter",
    "record_consultation",
]

_SGB_X_19 = LegalReference(
    law="SGB X",
    section="19",
    paragraph="1",
    url="https://www.gesetze-im-internet.de/sgb_10/__19.html",
)
_SGB_I_17 = LegalReference(
    law="SGB I",
    section="17",
    paragraph="1",
    url="https://www.gesetze-im-internet.de/sgb_1/__17.html",
)


def _skills(items: Iterable[LanguageSkill]) -> tuple[LanguageSkill, ...]:
    return tuple(items)


def _codes(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(items)))


def _window(value: TimeWindow | pendulum.Interval[DateTime]) -> TimeWindow:
    if isinstance(value, pendulum.Interval):
        return TimeWindow.from_interval(value)
    return value


def _windows(
    items: Iterable[TimeWindow | pendulum.Interval[DateTime]],
) -> tuple[TimeWindow, ...]:
    return tuple(sorted((_window(w) for w in items), key=lambda w: (w.start, w.end)))


def _findings(items: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class Caseworker:
    """
    A case worker (*Beratungsfachkraft*) and the languages they speak.

    >>> from jobcenter_core.languages import CefrLevel
    >>> Caseworker(id="cw-1", languages=(LanguageSkill(language="de", level=CefrLevel.NATIVE),)).id
    'cw-1'
    """

    id: str = attrs.field(validator=non_empty)
    languages: tuple[LanguageSkill, ...] = attrs.field(default=(), converter=_skills)


@attrs.frozen(kw_only=True)
class Interpreter:
    """
    An interpreter (*Sprachmittler*) who interprets between German and each of
    *languages* (ISO 639-1 codes, kept sorted), available in the *availability* windows
    (:class:`~jobcenter_core.dates.TimeWindow` values or :class:`pendulum.Interval` values
    of Berlin instants, kept sorted), organised by *provider* (e.g. the Kreis' integration
    centre).

    >>> from jobcenter_core.dates import at_berlin
    >>> i = Interpreter(id="i-1", languages=("uk", "ru"), provider="Integrationszentrum")
    >>> i.languages
    ('ru', 'uk')
    >>> [w.duration.in_hours() for w in Interpreter(id="i-2", languages=("uk",), availability=[
    ...     pendulum.interval(at_berlin(2022, 6, 1, 8), at_berlin(2022, 6, 1, 12))]).availability]
    [4]
    """

    id: str = attrs.field(validator=non_empty)
    languages: tuple[str, ...] = attrs.field(converter=_codes, validator=language_codes)
    availability: tuple[TimeWindow, ...] = attrs.field(default=(), converter=_windows)
    provider: str = ""

    def available_for(self, window: TimeWindow) -> bool:
        """Whether one availability window covers *window* wholly."""
        return any(a.contains(window) for a in self.availability)


@attrs.frozen(kw_only=True)
class Consultation:
    """
    An individual consultation: who (*person_id* of household *household_id*), with which
    case worker, when (*window*, Berlin instants), in which *language* the person speaks,
    with which interpreter (``None`` if none), and what it *found*.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.needs import NeedCategory
    >>> slot = TimeWindow(start=at_berlin(2022, 5, 30, 9), end=at_berlin(2022, 5, 30, 10))
    >>> c = Consultation(id="c-1", household_id="h-1", person_id="p-1", caseworker_id="cw-1",
    ...                  window=slot, language="uk",
    ...                  findings=(Finding(subject="p-1", category=NeedCategory.PSYCHOSOCIAL_SUPPORT),))
    >>> "PSYCHO" in repr(c)
    False
    >>> c.evidence
    Evidence(kind=<EvidenceKind.CONSULTATION: 'consultation'>, id='c-1')
    """

    id: str = attrs.field(validator=non_empty)
    household_id: str = attrs.field(validator=non_empty)
    person_id: str = attrs.field(validator=non_empty)
    caseworker_id: str = attrs.field(validator=non_empty)
    window: TimeWindow = attrs.field(
        converter=_window, validator=attrs.validators.instance_of(TimeWindow)
    )
    language: str = attrs.field(validator=language_code)
    interpreter_id: str | None = attrs.field(default=None, validator=optional_non_empty)
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_findings)

    @property
    def evidence(self) -> Evidence:
        """This consultation as the source of a finding."""
        return Evidence(kind=EvidenceKind.CONSULTATION, id=self.id)


def needs_interpreter(
    person: Person, caseworker: Caseworker, *, on: _dt.date, policy: Policy = DEFAULT_POLICY
) -> Decision[bool]:
    """
    Whether a consultation between *person* and *caseworker* on *on* needs an interpreter:
    yes when they share no language at ``policy.interpreter_level`` (default B1) or above.

    A person with no recorded languages is presumed to share none (and the decision says
    so in ``missing``).

    >>> import pendulum
    >>> from jobcenter_core.languages import CefrLevel
    >>> from jobcenter_core.people import Person, Sex
    >>> p = Person(id="p-1", birth_date=pendulum.date(1990, 1, 1), sex=Sex.MALE,
    ...            languages=(LanguageSkill(language="en", level=CefrLevel.B2),))
    >>> cw = Caseworker(id="cw-1", languages=(LanguageSkill(language="de", level=CefrLevel.NATIVE),
    ...                                       LanguageSkill(language="en", level=CefrLevel.B1)))
    >>> d = needs_interpreter(p, cw, on=pendulum.date(2022, 6, 1))
    >>> d.value, d.codes
    (False, ('shared_language',))

    References:
        SGB X § 19 Abs. 1 (German is the official language); SGB I § 17 Abs. 1.
    """
    level = policy.interpreter_level.at(on)
    shared = shared_languages(person.languages, caseworker.languages, at_least=level)
    missing: tuple[Assumption, ...] = ()
    if not person.languages:
        missing = (Assumption(fact="languages", presumed="none shared with the case worker"),)
    if shared:
        return Decision(
            value=False,
            reasons=(
                Reason(
                    code="shared_language",
                    message=f"share {', '.join(sorted(shared))} at {level.value} or above",
                    reference=policy.interpreter_level.reference_at(on),
                ),
            ),
        )
    return Decision(
        value=True,
        reasons=(
            Reason(
                code="no_shared_language",
                message=f"no shared language at {level.value} or above: an interpreter is needed",
                reference=_SGB_X_19,
            ),
        ),
        missing=missing,
    )


# --- booking interpreters ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Booking:
    """Interpreter *interpreter_id* booked for consultation *consultation_id*."""

    consultation_id: str
    interpreter_id: str
    language: str
    window: TimeWindow


def _reasons(items: Iterable[Reason]) -> tuple[Reason, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class Unserved:
    """A consultation that needs an interpreter and got none, with the *reasons*."""

    consultation_id: str
    language: str
    window: TimeWindow
    reasons: tuple[Reason, ...] = attrs.field(converter=_reasons)

    @property
    def codes(self) -> tuple[str, ...]:
        """The reason codes."""
        return tuple(r.code for r in self.reasons)


@attrs.frozen(kw_only=True)
class LanguageShortfall:
    """
    For one *language*: how many *consultations* got no interpreter and how many
    interpreter *minutes* are missing for them.

    >>> LanguageShortfall(language="uk", consultations=3, minutes=270).hours
    4.5
    """

    language: str
    consultations: int
    minutes: int

    @property
    def hours(self) -> float:
        """The missing interpreter time in hours."""
        return self.minutes / 60


def _bookings(items: Iterable[Booking]) -> tuple[Booking, ...]:
    return tuple(items)


def _unserved(items: Iterable[Unserved]) -> tuple[Unserved, ...]:
    return tuple(items)


def _shortfalls(items: Iterable[LanguageShortfall]) -> tuple[LanguageShortfall, ...]:
    return tuple(items)


def _ids(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


@attrs.frozen(kw_only=True)
class InterpreterAssignment:
    """
    The outcome of :func:`assign_interpreters`: every consultation is in exactly one of
    *bookings* (served), *unserved* (needs an interpreter, got none, with reasons) and
    *not_needed* (ids of consultations without need). *shortfall* sums the unserved time
    per language, sorted by language — the signal for the coordinator.
    """

    bookings: tuple[Booking, ...] = attrs.field(default=(), converter=_bookings)
    unserved: tuple[Unserved, ...] = attrs.field(default=(), converter=_unserved)
    not_needed: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    shortfall: tuple[LanguageShortfall, ...] = attrs.field(default=(), converter=_shortfalls)

    def missing_hours(self, language: str) -> float:
        """Interpreter hours missing for *language* (0.0 when none)."""
        for s in self.shortfall:
            if s.language == language:
                return s.hours
        return 0.0

    def apply(self, consultations: Iterable[Consultation]) -> tuple[Consultation, ...]:
        """*consultations* with the booked interpreter set on each served one."""
        booked = {b.consultation_id: b.interpreter_id for b in self.bookings}
        return tuple(
            attrs.evolve(c, interpreter_id=booked[c.id]) if c.id in booked else c
            for c in consultations
        )


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_K = TypeVar("_K", bound=_HasId)


def _index(items: Iterable[_K], what: str) -> dict[str, _K]:
    index: dict[str, _K] = {}
    problems: list[Problem] = []
    for i, item in enumerate(items):
        key = item.id
        if key in index:
            problems.append(Problem(f"$.{what}[{i}].id", "duplicate id"))
        index[key] = item
    if problems:
        raise InvalidInput(problems)
    return index


class _Calendar:
    """Bookings of one interpreter, sorted by start; never overlapping."""

    __slots__ = ("ends", "minutes", "starts")

    def __init__(self) -> None:
        self.starts: list[_dt.datetime] = []
        self.ends: list[_dt.datetime] = []
        self.minutes = 0

    def is_free(self, window: TimeWindow) -> bool:
        i = bisect.bisect_left(self.starts, window.start)
        if i > 0 and self.ends[i - 1] > window.start:
            return False
        return not (i < len(self.starts) and self.starts[i] < window.end)

    def previous_end(self, window: TimeWindow) -> float:
        """Timestamp of the end of the last booking before *window*; -inf if none."""
        i = bisect.bisect_left(self.starts, window.start)
        return self.ends[i - 1].timestamp() if i > 0 else float("-inf")

    def book(self, window: TimeWindow) -> None:
        i = bisect.bisect_left(self.starts, window.start)
        self.starts.insert(i, window.start)
        self.ends.insert(i, window.end)
        self.minutes += int(window.duration.total_minutes())


def _minutes(window: TimeWindow) -> int:
    return int(window.duration.total_minutes())


def assign_interpreters(
    consultations: Iterable[Consultation],
    interpreters: Iterable[Interpreter],
    *,
    persons: Iterable[Person],
    caseworkers: Iterable[Caseworker],
    policy: Policy = DEFAULT_POLICY,
) -> InterpreterAssignment:
    """
    Book interpreters for the consultations that need one (:func:`needs_interpreter` on
    the consultation's day), deterministically, without double-booking anyone.

    The rule:

    1. A consultation that already names an interpreter keeps that booking if the
       interpreter exists, interprets its language, is available for the whole slot and
       is not booked already at that time; otherwise it is reported as unserved
       (``prebooked_interpreter_unavailable``).
    2. The others are taken in order of end, then start, then id. Each gets, among the
       interpreters of its language who are available for the whole slot and free then,
       the *best fit*: the one whose previous booking ends latest before the slot (so
       longer free stretches stay open for later consultations), then the one with the
       fewest minutes booked, then the smallest id. When the interpreters of a language
       are available all day, this serves as many consultations as any assignment could
       (earliest-end-first with best fit, as for interval scheduling on identical
       machines); with patchy availability it is a good greedy rule, not an optimum.
    3. Unserved consultations say why: ``no_interpreter_for_language`` (nobody
       interprets it), ``no_availability`` (nobody of that language is available for the
       whole slot) or ``all_busy`` (those available are booked at that time).

    Input order does not matter. ``InvalidInput`` if a consultation names an unknown
    person or case worker, or ids repeat.

    >>> import pendulum
    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.languages import CefrLevel
    >>> from jobcenter_core.people import Person, Sex
    >>> de = Caseworker(id="cw-1", languages=(LanguageSkill(language="de", level=CefrLevel.NATIVE),))
    >>> people = [Person(id=f"p-{i}", birth_date=pendulum.date(1990, 1, 1), sex=Sex.FEMALE,
    ...                  languages=(LanguageSkill(language="uk", level=CefrLevel.NATIVE),)) for i in (1, 2)]
    >>> nine = TimeWindow(start=at_berlin(2022, 5, 30, 9), end=at_berlin(2022, 5, 30, 10))
    >>> cs = [Consultation(id=f"c-{i}", household_id=f"h-{i}", person_id=f"p-{i}", caseworker_id="cw-1",
    ...                    window=nine, language="uk") for i in (1, 2)]
    >>> day = TimeWindow(start=at_berlin(2022, 5, 30, 8), end=at_berlin(2022, 5, 30, 16))
    >>> result = assign_interpreters(cs, [Interpreter(id="i-1", languages=("uk",), availability=(day,))],
    ...                              persons=people, caseworkers=[de])
    >>> [b.consultation_id for b in result.bookings], result.unserved[0].codes
    (['c-1'], ('all_busy',))
    >>> result.missing_hours("uk")
    1.0

    References:
        SGB X § 19 Abs. 1; SGB I § 17 Abs. 1.
    """
    consultation_list = sorted(consultations, key=lambda c: (c.window.start, c.id))
    interpreter_index = _index(interpreters, "interpreters")
    person_index = _index(persons, "persons")
    caseworker_index = _index(caseworkers, "caseworkers")
    _index(consultation_list, "consultations")
    problems: list[Problem] = []
    for i, c in enumerate(consultation_list):
        if c.person_id not in person_index:
            problems.append(Problem(f"$.consultations[{i}].person_id", "unknown person id"))
        if c.caseworker_id not in caseworker_index:
            problems.append(
                Problem(f"$.consultations[{i}].caseworker_id", "unknown case worker id")
            )
    if problems:
        raise InvalidInput(problems)

    by_language: dict[str, list[Interpreter]] = {}
    for interp in sorted(interpreter_index.values(), key=lambda x: x.id):
        for language in interp.languages:
            by_language.setdefault(language, []).append(interp)
    calendars: dict[str, _Calendar] = {key: _Calendar() for key in interpreter_index}

    needing: list[Consultation] = []
    not_needed: list[str] = []
    for c in consultation_list:
        person = person_index[c.person_id]
        caseworker = caseworker_index[c.caseworker_id]
        if needs_interpreter(person, caseworker, on=c.window.start.date(), policy=policy).value:
            needing.append(c)
        else:
            not_needed.append(c.id)

    bookings: list[Booking] = []
    unserved: list[Unserved] = []

    def book(c: Consultation, interp: Interpreter) -> None:
        calendars[interp.id].book(c.window)
        bookings.append(
            Booking(
                consultation_id=c.id, interpreter_id=interp.id, language=c.language, window=c.window
            )
        )

    for c in needing:
        if c.interpreter_id is None:
            continue
        named = interpreter_index.get(c.interpreter_id)
        if (
            named is not None
            and c.language in named.languages
            and named.available_for(c.window)
            and calendars[named.id].is_free(c.window)
        ):
            book(c, named)
        else:
            unserved.append(
                Unserved(
                    consultation_id=c.id,
                    language=c.language,
                    window=c.window,
                    reasons=(
                        Reason(
                            code="prebooked_interpreter_unavailable",
                            message="the named interpreter cannot take this slot",
                        ),
                    ),
                )
            )

    for c in sorted(needing, key=lambda c: (c.window.end, c.window.start, c.id)):
        if c.interpreter_id is not None:
            continue
        speakers = by_language.get(c.language, [])
        available = [i for i in speakers if i.available_for(c.window)]
        free = [i for i in available if calendars[i.id].is_free(c.window)]
        if free:
            chosen = min(
                free,
                key=lambda i: (
                    -calendars[i.id].previous_end(c.window),
                    calendars[i.id].minutes,
                    i.id,
                ),
            )
            book(c, chosen)
            continue
        if not speakers:
            reason = Reason(
                code="no_interpreter_for_language",
                message=f"no interpreter for {c.language}",
                reference=_SGB_X_19,
            )
        elif not available:
            reason = Reason(
                code="no_availability",
                message=f"no interpreter for {c.language} is available for the whole slot",
            )
        else:
            reason = Reason(
                code="all_busy",
                message=f"every available interpreter for {c.language} is booked then",
            )
        unserved.append(
            Unserved(consultation_id=c.id, language=c.language, window=c.window, reasons=(reason,))
        )

    totals: dict[str, list[int]] = {}
    for u in unserved:
        count_minutes = totals.setdefault(u.language, [0, 0])
        count_minutes[0] += 1
        count_minutes[1] += _minutes(u.window)
    return InterpreterAssignment(
        bookings=sorted(bookings, key=lambda b: (b.window.start, b.consultation_id)),
        unserved=sorted(unserved, key=lambda u: (u.window.start, u.consultation_id)),
        not_needed=not_needed,
        shortfall=(
            LanguageShortfall(language=lang, consultations=n, minutes=m)
            for lang, (n, m) in sorted(totals.items())
        ),
    )


def record_consultation(profile: NeedsProfile, consultation: Consultation) -> NeedsProfile:
    """
    *profile* with the consultation's findings as needs, identified on the consultation's
    day (in Berlin) with the consultation as their source. Recording the same
    consultation twice changes nothing.

    >>> from jobcenter_core.dates import at_berlin
    >>> from jobcenter_core.needs import NeedCategory
    >>> slot = TimeWindow(start=at_berlin(2022, 5, 30, 9), end=at_berlin(2022, 5, 30, 10))
    >>> c = Consultation(id="c-1", household_id="h-1", person_id="p-1", caseworker_id="cw-1",
    ...                  window=slot, language="uk",
    ...                  findings=(Finding(subject="p-1", category=NeedCategory.CHILDCARE),
    ...                            Finding(subject="h-1", category=NeedCategory.HOUSING)))
    >>> profile = record_consultation(NeedsProfile(household_id="h-1"), c)
    >>> [(n.subject, n.category.name, str(n.identified_on)) for n in profile.needs]
    [('h-1', 'HOUSING', '2022-05-30'), ('p-1', 'CHILDCARE', '2022-05-30')]
    >>> record_consultation(profile, c) == profile
    True
    """
    if profile.household_id != consultation.household_id:
        raise InvalidInput.one("$.household_id", "consultation belongs to another household")
    return profile.record(
        consultation.findings, on=consultation.window.start.date(), by=consultation.evidence
    )
