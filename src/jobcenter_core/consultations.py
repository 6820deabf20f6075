"""
Consultations with interpreters: :class:`Caseworker`, :class:`Interpreter` and
:class:`Consultation`; the results of booking interpreters (:class:`Booking`,
:class:`Unserved`, :class:`LanguageShortfall`, :class:`InterpreterAssignment`); and
:func:`record_consultation`, which files what a consultation found in the household's
needs profile.

Case workers in Bocholt held individual consultations (*Einzelgespräche*) with
interpreters (*Sprachmittler*) organised by the Kreis' integration centre. Whether a
consultation needs an interpreter is a rule
(:func:`jobcenter_core.rules.needs_interpreter`); booking them is
:func:`jobcenter_core.interpreting.assignment.assign_interpreters`.

>>> from jobcenter_core.dates import TimeWindow, at_berlin
>>> slot = TimeWindow(start=at_berlin(2022, 5, 30, 9), end=at_berlin(2022, 5, 30, 10))
>>> c = Consultation(id="c-1", household_id="h-1", person_id="p-1", caseworker_id="cw-1",
...                  window=slot, language="uk")
>>> c.evidence.kind.value
'consultation'

References:
    SGB X § 19 Abs. 1; SGB I § 17 Abs. 1.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
import pendulum
from pendulum import DateTime

from jobcenter_core.dates import TimeWindow
from jobcenter_core.decisions import Reason
from jobcenter_core.errors import InvalidInput
from jobcenter_core.languages import LanguageSkill
from jobcenter_core.needs import Evidence, EvidenceKind, Finding, NeedsProfile
from jobcenter_core.validators import (
    as_tuple,
    instance_of,
    items_of,
    language_code,
    language_codes,
    non_empty,
    optional_non_empty,
    whole_number,
)

__all__ = [
    "Booking",
    "Caseworker",
    "Consultation",
    "Interpreter",
    "InterpreterAssignment",
    "LanguageShortfall",
    "Unserved",
    "record_consultation",
]


def _skills(items: Iterable[LanguageSkill]) -> tuple[LanguageSkill, ...]:
    return as_tuple(items)


def _codes(items: Iterable[str]) -> tuple[str, ...]:
    given = as_tuple(items)
    if given.__class__ is not tuple or not all(isinstance(code, str) for code in given):
        return given  # refused by the field's validator, by name
    return tuple(sorted(set(given)))


def _window(value: TimeWindow | pendulum.Interval[DateTime]) -> TimeWindow:
    if isinstance(value, pendulum.Interval):
        return TimeWindow.from_interval(value)
    return value


def _windows(
    items: Iterable[TimeWindow | pendulum.Interval[DateTime]],
) -> tuple[TimeWindow, ...]:
    given = as_tuple(items)
    if given.__class__ is not tuple:
        return given  # type: ignore[return-value]  # refused by the field's validator
    windows = tuple(_window(w) for w in given)
    if not all(isinstance(w, TimeWindow) for w in windows):
        return windows  # refused by the field's validator, by name
    return tuple(sorted(windows, key=lambda w: (w.start, w.end)))


def _findings(items: Iterable[Finding]) -> tuple[Finding, ...]:
    return as_tuple(items)


@attrs.frozen(kw_only=True)
class Caseworker:
    """
    A case worker (*Beratungsfachkraft*) and the languages they speak.

    >>> from jobcenter_core.languages import CefrLevel
    >>> Caseworker(id="cw-1", languages=(LanguageSkill(language="de", level=CefrLevel.NATIVE),)).id
    'cw-1'
    """

    id: str = attrs.field(validator=non_empty)
    languages: tuple[LanguageSkill, ...] = attrs.field(
        default=(), converter=_skills, validator=items_of(LanguageSkill)
    )


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
    availability: tuple[TimeWindow, ...] = attrs.field(
        default=(), converter=_windows, validator=items_of(TimeWindow)
    )
    provider: str = attrs.field(default="", validator=instance_of(str))

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
    window: TimeWindow = attrs.field(converter=_window, validator=instance_of(TimeWindow))
    language: str = attrs.field(validator=language_code)
    interpreter_id: str | None = attrs.field(default=None, validator=optional_non_empty)
    findings: tuple[Finding, ...] = attrs.field(
        default=(), converter=_findings, validator=items_of(Finding)
    )

    @property
    def evidence(self) -> Evidence:
        """This consultation as the source of a finding."""
        return Evidence(kind=EvidenceKind.CONSULTATION, id=self.id)


# --- booking interpreters ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Booking:
    """Interpreter *interpreter_id* booked for consultation *consultation_id*."""

    consultation_id: str = attrs.field(validator=non_empty)
    interpreter_id: str = attrs.field(validator=non_empty)
    language: str = attrs.field(validator=language_code)
    window: TimeWindow = attrs.field(validator=instance_of(TimeWindow))


def _reasons(items: Iterable[Reason]) -> tuple[Reason, ...]:
    return as_tuple(items)


@attrs.frozen(kw_only=True)
class Unserved:
    """A consultation that needs an interpreter and got none, with the *reasons*."""

    consultation_id: str = attrs.field(validator=non_empty)
    language: str = attrs.field(validator=language_code)
    window: TimeWindow = attrs.field(validator=instance_of(TimeWindow))
    reasons: tuple[Reason, ...] = attrs.field(converter=_reasons, validator=items_of(Reason))

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

    language: str = attrs.field(validator=language_code)
    consultations: int = attrs.field(validator=whole_number(minimum=0))
    minutes: int = attrs.field(validator=whole_number(minimum=0))

    @property
    def hours(self) -> float:
        """The missing interpreter time in hours."""
        return self.minutes / 60


def _bookings(items: Iterable[Booking]) -> tuple[Booking, ...]:
    return as_tuple(items)


def _unserved(items: Iterable[Unserved]) -> tuple[Unserved, ...]:
    return as_tuple(items)


def _shortfalls(items: Iterable[LanguageShortfall]) -> tuple[LanguageShortfall, ...]:
    return as_tuple(items)


def _ids(items: Iterable[str]) -> tuple[str, ...]:
    return as_tuple(items)


@attrs.frozen(kw_only=True)
class InterpreterAssignment:
    """
    The outcome of :func:`assign_interpreters`: every consultation is in exactly one of
    *bookings* (served), *unserved* (needs an interpreter, got none, with reasons) and
    *not_needed* (ids of consultations without need). *shortfall* sums the unserved time
    per language, sorted by language — the signal for the coordinator.
    """

    bookings: tuple[Booking, ...] = attrs.field(
        default=(), converter=_bookings, validator=items_of(Booking)
    )
    unserved: tuple[Unserved, ...] = attrs.field(
        default=(), converter=_unserved, validator=items_of(Unserved)
    )
    not_needed: tuple[str, ...] = attrs.field(default=(), converter=_ids, validator=items_of(str))
    shortfall: tuple[LanguageShortfall, ...] = attrs.field(
        default=(), converter=_shortfalls, validator=items_of(LanguageShortfall)
    )

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
