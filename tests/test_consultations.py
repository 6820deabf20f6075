"""Consultations: who needs an interpreter, what a consultation shows, recording findings.

Booking interpreters is tested in tests/interpreting/."""

from __future__ import annotations

import attrs
import pendulum
import pytest

from jobcenter_core.consultations import (
    Booking,
    Caseworker,
    Consultation,
    Interpreter,
    InterpreterAssignment,
    LanguageShortfall,
    record_consultation,
)
from jobcenter_core.dates import TimeWindow, at_berlin
from jobcenter_core.errors import InvalidInput
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.needs import EvidenceKind, Finding, NeedCategory, NeedsProfile, Urgency
from jobcenter_core.people import Person, Sex

MAY_30 = pendulum.date(2022, 5, 30)
GERMAN_CASEWORKER = Caseworker(
    id="cw-1", languages=(LanguageSkill(language="de", level=CefrLevel.NATIVE),)
)


def speaker(person_id: str, *skills: tuple[str, CefrLevel]) -> Person:
    return Person(
        id=person_id,
        birth_date=pendulum.date(1988, 3, 2),
        sex=Sex.FEMALE,
        languages=tuple(LanguageSkill(language=lang, level=level) for lang, level in skills),
        name="Olena",
    )


def slot(hour: int, minutes: int = 60) -> TimeWindow:
    start = at_berlin(2022, 5, 30, hour)
    return TimeWindow(start=start, end=start.add(minutes=minutes))


def day(start: int = 8, end: int = 16) -> TimeWindow:
    return TimeWindow(start=at_berlin(2022, 5, 30, start), end=at_berlin(2022, 5, 30, end))


def consultation(
    cid: str, person_id: str, window: TimeWindow, language: str = "uk"
) -> Consultation:
    return Consultation(
        id=cid,
        household_id=f"h-{person_id}",
        person_id=person_id,
        caseworker_id="cw-1",
        window=window,
        language=language,
    )


UKRAINIAN = speaker("p-1", ("uk", CefrLevel.NATIVE))


# --- the consultation -------------------------------------------------------------------


def test_consultation_repr_shows_neither_names_nor_special_findings() -> None:
    """repr of a consultation hides special-category findings; persons hide names."""
    c = attrs.evolve(
        consultation("c-1", "p-1", slot(9)),
        findings=(Finding(subject="p-1", category=NeedCategory.PSYCHOSOCIAL_SUPPORT),),
    )

    text = repr(c) + repr(UKRAINIAN)

    assert "PSYCHO" not in text and "Olena" not in text


# --- record_consultation ----------------------------------------------------------------


def test_recording_a_consultation_turns_findings_into_needs() -> None:
    """Findings become needs identified on the consultation's day, with it as source."""
    c = attrs.evolve(
        consultation("c-1", "p-1", slot(9)),
        household_id="h-1",
        findings=(Finding(subject="p-1", category=NeedCategory.CHILDCARE, urgency=Urgency.HIGH),),
    )

    profile = record_consultation(NeedsProfile(household_id="h-1"), c)

    need = profile.needs[0]
    assert (MAY_30, EvidenceKind.CONSULTATION, "c-1", Urgency.HIGH) == (
        need.identified_on,
        need.identified_by.kind,
        need.identified_by.id,
        need.urgency,
    )


def test_recording_a_consultation_twice_changes_nothing() -> None:
    """The same consultation is the same evidence: no duplicate observations."""
    c = attrs.evolve(
        consultation("c-1", "p-1", slot(9)),
        household_id="h-1",
        findings=(Finding(subject="p-1", category=NeedCategory.GERMAN_LANGUAGE),),
    )
    once = record_consultation(NeedsProfile(household_id="h-1"), c)

    twice = record_consultation(once, c)

    assert once == twice


def test_a_late_evening_consultation_is_dated_in_berlin() -> None:
    """A consultation at 23:30 Berlin time (21:30 UTC) is dated that Berlin day."""
    late = TimeWindow(
        start=pendulum.datetime(2022, 5, 30, 21, 30, tz="UTC"),
        end=pendulum.datetime(2022, 5, 30, 22, 0, tz="UTC"),
    )
    c = Consultation(
        id="c-1", household_id="h-1", person_id="p-1", caseworker_id="cw-1", window=late,
        language="uk", findings=(Finding(subject="p-1", category=NeedCategory.HOUSING),),
    )  # fmt: skip

    profile = record_consultation(NeedsProfile(household_id="h-1"), c)

    assert MAY_30 == profile.needs[0].identified_on


def test_a_consultation_of_another_household_is_refused() -> None:
    """Findings go into the profile of the consultation's household only."""
    c = consultation("c-1", "p-1", slot(9))

    with pytest.raises(InvalidInput, match="another household"):
        record_consultation(NeedsProfile(household_id="h-other"), c)


def test_availability_may_be_given_as_pendulum_intervals() -> None:
    """Interpreters' availability accepts pendulum intervals and keeps them as windows."""
    interval = pendulum.interval(at_berlin(2022, 5, 30, 8), at_berlin(2022, 5, 30, 12))

    interpreter = Interpreter(id="i-1", languages=("uk",), availability=[interval])

    assert (day(8, 12),) == interpreter.availability


# --- pinned by mutation testing (issue 21) --------------------------------------------------


def test_missing_hours_are_those_of_the_language_asked() -> None:
    """The shortfall per language is the coordinator's signal; no language borrows another's."""
    assignment = InterpreterAssignment(
        shortfall=(
            LanguageShortfall(language="ar", consultations=1, minutes=30),
            LanguageShortfall(language="uk", consultations=2, minutes=90),
        )
    )

    assert (0.5, 1.5, 0.0) == (
        assignment.missing_hours("ar"),
        assignment.missing_hours("uk"),
        assignment.missing_hours("ru"),
    )


@pytest.mark.parametrize("code", ["DE", "Uk", "deu-x", "", "d"])
def test_language_codes_are_lower_case_iso_639_codes(code: str) -> None:
    """Languages are ISO 639 codes such as 'uk': 'DE' is refused by name, never folded."""
    with pytest.raises(ValueError, match="'language'"):
        consultation_in(code)
    with pytest.raises(ValueError, match="'languages'"):
        Interpreter(id="i-1", languages=(code,))


def consultation_in(language: str) -> Consultation:
    return Consultation(
        id="c-1",
        household_id="h-1",
        person_id="p-1",
        caseworker_id="cw-1",
        window=TimeWindow(start=at_berlin(2022, 5, 30, 9), end=at_berlin(2022, 5, 30, 10)),
        language=language,
    )


@pytest.mark.parametrize(
    ("start", "end", "available"),
    [
        ((9, 0), (10, 0), True),
        ((8, 0), (12, 0), True),
        ((7, 59), (9, 0), False),
        ((11, 30), (12, 1), False),
        ((12, 0), (13, 0), False),
        ((14, 0), (15, 0), True),
        ((11, 0), (15, 0), False),
    ],
)
def test_an_interpreter_is_available_for_a_slot_only_when_one_window_covers_it_wholly(
    start: tuple[int, int], end: tuple[int, int], available: bool
) -> None:
    """
    Availability 08:00 to 12:00 and 14:00 to 16:00: a slot crossing either end of a window,
    or spanning the gap, is not covered.
    """
    interpreter = Interpreter(
        id="i-1",
        languages=("uk",),
        availability=(
            TimeWindow(start=at_berlin(2022, 5, 30, 8), end=at_berlin(2022, 5, 30, 12)),
            TimeWindow(start=at_berlin(2022, 5, 30, 14), end=at_berlin(2022, 5, 30, 16)),
        ),
    )
    window = TimeWindow(start=at_berlin(2022, 5, 30, *start), end=at_berlin(2022, 5, 30, *end))

    assert available is interpreter.available_for(window)


def test_recording_a_consultation_of_another_household_names_the_field() -> None:
    """Bad input names the field: the consultation's household must be the profile's."""
    with pytest.raises(InvalidInput, match=r"\n  \$\.household_id: "):
        record_consultation(NeedsProfile(household_id="h-2"), consultation_in("uk"))


def test_applying_an_assignment_leaves_unbooked_consultations_as_they_are() -> None:
    """Only the served consultations get an interpreter; the others stay unchanged."""
    served, unserved = consultation_in("uk"), attrs.evolve(consultation_in("ar"), id="c-2")
    booking = Booking(
        consultation_id="c-1", interpreter_id="i-1", language="uk", window=served.window
    )

    applied = InterpreterAssignment(bookings=(booking,)).apply([served, unserved])

    assert [("c-1", "i-1"), ("c-2", None)] == [(c.id, c.interpreter_id) for c in applied]


def test_an_interpreters_languages_and_windows_are_kept_sorted_without_repeats() -> None:
    """Two equal interpreters compare equal however their languages and hours were listed."""
    late = TimeWindow(start=at_berlin(2022, 5, 30, 14), end=at_berlin(2022, 5, 30, 16))
    early = TimeWindow(start=at_berlin(2022, 5, 30, 8), end=at_berlin(2022, 5, 30, 12))

    interpreter = Interpreter(id="i-1", languages=("uk", "ru", "uk"), availability=(late, early))

    assert (("ru", "uk"), (early, late)) == (interpreter.languages, interpreter.availability)


def test_a_language_that_is_not_a_code_is_refused_by_field_name() -> None:
    """Bad input names the field and the expected type, never a sorting error."""
    with pytest.raises(TypeError, match="'languages'"):
        Interpreter(id="i-1", languages=("uk", 3))  # type: ignore[arg-type]
