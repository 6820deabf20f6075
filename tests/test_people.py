"""People: pseudonymous persons whose personal data never leaks into repr or messages."""

from __future__ import annotations

import datetime as _dt

import pendulum
import pytest
from hypothesis import given

from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.people import (
    Person,
    ResidenceDocument,
    ResidenceStatus,
    Sex,
    WorkCapacity,
)
from jobcenter_core.strategies import persons

D = pendulum.date


@given(persons())
def test_repr_never_shows_name_birth_date_residence_or_capacity(p: Person) -> None:
    """DESIGN.md rule 7: names, birth dates, residence and health data stay out of repr."""
    text = repr(p) + str(p)

    assert p.birth_date.isoformat() not in text
    assert str(p.birth_date.year) not in text
    if p.name is not None:
        assert p.name not in text
    assert "ResidenceStatus" not in text and "WorkCapacity" not in text


def test_registration_date_requires_the_registration_flag() -> None:
    """A registration day without the registration is contradictory; the message names fields."""
    with pytest.raises(ValueError, match="'identity_registered_on' is set but"):
        Person(
            id="p",
            birth_date=D(1990, 1, 1),
            sex=Sex.FEMALE,
            identity_registered_on=D(2022, 4, 20),
        )


def test_a_language_is_listed_once() -> None:
    """Each language carries one level."""
    with pytest.raises(ValueError, match="'languages' lists a language twice"):
        Person(
            id="p",
            birth_date=D(1990, 1, 1),
            sex=Sex.FEMALE,
            languages=(
                LanguageSkill(language="de", level=CefrLevel.A1),
                LanguageSkill(language="de", level=CefrLevel.B1),
            ),
        )


def test_id_must_not_be_blank() -> None:
    """Ids are opaque but present."""
    with pytest.raises(ValueError, match="'id' must be a non-empty string"):
        Person(id=" ", birth_date=D(1990, 1, 1), sex=Sex.FEMALE)


def test_birth_date_is_stored_as_pendulum_date() -> None:
    """A standard-library date is accepted and converted; a datetime is refused."""
    p = Person(id="p", birth_date=_dt.date(1990, 1, 1), sex=Sex.FEMALE)

    assert isinstance(p.birth_date, pendulum.Date)
    with pytest.raises(TypeError):
        Person(
            id="p",
            birth_date=_dt.datetime(1990, 1, 1, tzinfo=_dt.UTC),
            sex=Sex.FEMALE,
        )


@pytest.mark.parametrize("hours", [-0.5, 24.5])
def test_work_capacity_is_between_zero_and_24_hours(hours: float) -> None:
    """Hours a day, 0 to 24."""
    with pytest.raises(ValueError, match="hours_per_day"):
        WorkCapacity(hours_per_day=hours, assessed_on=D(2022, 6, 1))


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (ResidenceDocument.TEMPORARY_PROTECTION_PERMIT, True),
        (ResidenceDocument.FICTION_CERTIFICATE, True),
        (ResidenceDocument.ASYLUM_ARRIVAL_CERTIFICATE, False),
        (ResidenceDocument.OTHER_PERMIT, False),
        (ResidenceDocument.NONE, False),
    ],
)
def test_section_74_names_the_permit_and_the_fiktionsbescheinigung(
    document: ResidenceDocument, expected: bool
) -> None:
    """SGB II § 74 Abs. 1: § 24 permit or the Fiktionsbescheinigung issued on applying."""
    p = Person(
        id="p",
        birth_date=D(1990, 1, 1),
        sex=Sex.FEMALE,
        residence=ResidenceStatus(document=document),
    )

    assert expected == p.holds_section_24_document


def test_person_without_residence_holds_no_section_24_document() -> None:
    """Unknown residence is not a § 24 document."""
    p = Person(id="p", birth_date=D(1990, 1, 1), sex=Sex.FEMALE)

    assert p.holds_section_24_document is False


def test_level_in_a_language_not_spoken_is_none() -> None:
    """level_in answers None for languages the person does not speak."""
    p = Person(
        id="p",
        birth_date=D(1990, 1, 1),
        sex=Sex.FEMALE,
        languages=(LanguageSkill(language="uk", level=CefrLevel.NATIVE),),
    )

    assert (CefrLevel.NATIVE, None) == (p.level_in("uk"), p.level_in("de"))


def test_a_work_capacity_finding_is_never_shown_in_repr() -> None:
    """The hours and the day of a work-capacity assessment are health data (Art. 9 GDPR)."""
    capacity = WorkCapacity(hours_per_day=2.75, assessed_on=pendulum.date(2022, 6, 1))

    shown = repr(capacity) + str(capacity)

    assert "2.75" not in shown
    assert "2022" not in shown


def test_a_residence_status_is_never_shown_in_repr() -> None:
    """The residence document and its first-issue day stay out of repr and str."""
    status = ResidenceStatus(
        document=ResidenceDocument.FICTION_CERTIFICATE, first_issued_on=pendulum.date(2022, 4, 11)
    )

    shown = repr(status) + str(status)

    assert "FICTION" not in shown and "fiction" not in shown
    assert "2022" not in shown


@pytest.mark.parametrize("hours", [-2.75, 24.5])
def test_a_work_capacity_out_of_range_is_refused_without_echoing_the_hours(hours: float) -> None:
    """The error names the field and the range, never the assessed hours."""

    with pytest.raises(ValueError, match="'hours_per_day' must be from 0 to 24 hours") as error:
        WorkCapacity(hours_per_day=hours, assessed_on=pendulum.date(2022, 6, 1))

    assert str(hours) not in str(error.value)


def test_a_work_capacity_that_is_not_a_number_is_refused_naming_the_type() -> None:
    """Text where hours belong is a type error naming the field and the type given."""

    with pytest.raises(TypeError, match=r"'hours_per_day' must be a number of hours \(got str\)"):
        WorkCapacity(hours_per_day="2.75", assessed_on=pendulum.date(2022, 6, 1))  # type: ignore[arg-type]
