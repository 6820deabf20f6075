"""
People: :class:`Person` with languages, residence status, identity registration and
work capacity.

Identifiers are opaque pseudonymous strings. Names are optional; names, birth dates,
residence details and work capacity (health data, Art. 9 GDPR) never appear in
``repr`` or ``str`` (DESIGN.md, rule 7).

>>> import pendulum
>>> p = Person(
...     id="p-1",
...     birth_date=pendulum.date(1990, 3, 1),
...     sex=Sex.FEMALE,
...     languages=(LanguageSkill(language="uk", level=CefrLevel.NATIVE),),
...     name="Olena",
... )
>>> p
Person(id='p-1', sex=<Sex.FEMALE: 'female'>, languages=(LanguageSkill(language='uk', level=<CefrLevel.NATIVE: 'native'>),), work_permitted=None)
>>> "Olena" in repr(p) or "1990" in str(p)
False
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from types import NoneType

import attrs
from pendulum import Date

from jobcenter_core.dates import optional_date, to_date
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.validators import (
    as_tuple,
    calendar_date,
    in_range,
    instance_of,
    items_of,
    non_empty,
    optional,
    unique,
)

__all__ = [
    "CefrLevel",
    "LanguageSkill",
    "Person",
    "ResidenceDocument",
    "ResidenceStatus",
    "Sex",
    "WorkCapacity",
]


class Sex(enum.Enum):
    """Sex as recorded (the statistics the seed quotes are by sex)."""

    FEMALE = "female"
    MALE = "male"
    DIVERSE = "diverse"
    UNSPECIFIED = "unspecified"


class ResidenceDocument(enum.Enum):
    """The residence document a person holds."""

    TEMPORARY_PROTECTION_PERMIT = "temporary_protection_permit"
    """Residence permit for temporary protection, § 24 Abs. 1 AufenthG."""
    FICTION_CERTIFICATE = "fiction_certificate"
    """Fiktionsbescheinigung after applying for the § 24 permit (§ 81 Abs. 5 AufenthG)."""
    ASYLUM_ARRIVAL_CERTIFICATE = "asylum_arrival_certificate"
    """Ankunftsnachweis or Aufenthaltsgestattung of an asylum seeker (AsylbLG § 1)."""
    OTHER_PERMIT = "other_permit"
    """Any other title (settlement permit, EU citizen, German national …)."""
    NONE = "none"
    """No document yet."""

    @property
    def is_section_24(self) -> bool:
        """Whether the document is one § 74 SGB II names (permit or Fiktionsbescheinigung)."""
        return self in _SECTION_24


_SECTION_24 = (ResidenceDocument.TEMPORARY_PROTECTION_PERMIT, ResidenceDocument.FICTION_CERTIFICATE)
"""The § 24 documents, as a tuple: membership compares by identity, without hashing."""


@attrs.frozen(kw_only=True)
class ResidenceStatus:
    """
    The residence *document* and the day it was *first_issued_on* (the 2026 reform turns
    on that date), if known. Residence details: never in ``repr`` or ``str``.

    >>> import pendulum
    >>> status = ResidenceStatus(document=ResidenceDocument.FICTION_CERTIFICATE,
    ...                          first_issued_on=pendulum.date(2022, 4, 11))
    >>> status.document.is_section_24, status
    (True, ResidenceStatus(...))
    """

    document: ResidenceDocument = attrs.field(validator=instance_of(ResidenceDocument), repr=False)
    first_issued_on: Date | None = attrs.field(
        default=None, converter=optional_date, validator=optional(calendar_date), repr=False
    )

    def __repr__(self) -> str:
        return "ResidenceStatus(...)"


def _hours(value: float) -> float:
    """An int of hours as a float; anything else is left for the validator to refuse."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


@attrs.frozen(kw_only=True)
class WorkCapacity:
    """
    An assessed capacity to work, in *hours_per_day* under normal labour-market conditions
    (SGB II § 8 Abs. 1), assessed on *assessed_on*. Health-derived (Art. 9 GDPR): never in
    ``repr`` or ``str``, never in an error message.

    >>> import pendulum
    >>> WorkCapacity(hours_per_day=2.75, assessed_on=pendulum.date(2022, 6, 1))
    WorkCapacity(...)
    >>> WorkCapacity(hours_per_day=-2.75, assessed_on=pendulum.date(2022, 6, 1))
    Traceback (most recent call last):
    ...
    ValueError: 'hours_per_day' must be from 0 to 24 hours
    """

    hours_per_day: float = attrs.field(
        converter=_hours, validator=in_range(0, 24, unit="hours"), repr=False
    )
    assessed_on: Date = attrs.field(converter=to_date, validator=calendar_date, repr=False)

    def __repr__(self) -> str:
        return "WorkCapacity(...)"


def _language_of(skill: LanguageSkill) -> str:
    return skill.language


def _languages(items: Iterable[LanguageSkill]) -> tuple[LanguageSkill, ...]:
    return as_tuple(items)


def _registration_date_needs_flag(
    instance: Person, attribute: attrs.Attribute[Date | None], value: Date | None
) -> None:
    if value is not None and not instance.identity_registered:
        raise ValueError(f"{attribute.name!r} is set but 'identity_registered' is false")


@attrs.frozen(kw_only=True)
class Person:
    """
    A person known to the job centre.

    Attributes:
        id: opaque pseudonymous identifier.
        birth_date: day of birth (never in ``repr``).
        sex: as recorded.
        languages: languages with CEFR levels, each language once.
        residence: residence document and first-issue date, if known (never in ``repr``).
        identity_registered: whether the identity registration (*erkennungsdienstliche
            Behandlung*, § 49 AufenthG) was made; biometrics are never stored, only this
            flag and its date.
        identity_registered_on: the day of the registration, if known.
        stored_in_central_register: whether the person is stored in the central foreigners
            register (AZR), which sufficed for a while under § 74 SGB II.
        work_capacity: assessed hours a day, or ``None`` when not assessed (health data).
        work_permitted: whether employment is or could be permitted (SGB II § 8 Abs. 2),
            ``None`` when unknown; irrelevant for the § 24 group under § 74 SGB II.
        name: optional, never in ``repr``, never in messages.
    """

    id: str = attrs.field(validator=non_empty)
    birth_date: Date = attrs.field(converter=to_date, validator=calendar_date, repr=False)
    sex: Sex = attrs.field(validator=instance_of(Sex))
    languages: tuple[LanguageSkill, ...] = attrs.field(
        default=(),
        converter=_languages,
        validator=[items_of(LanguageSkill), unique(_language_of, "language")],
    )
    residence: ResidenceStatus | None = attrs.field(
        default=None, validator=instance_of((ResidenceStatus, NoneType)), repr=False
    )
    identity_registered: bool = attrs.field(default=False, validator=instance_of(bool), repr=False)
    identity_registered_on: Date | None = attrs.field(
        default=None,
        converter=optional_date,
        validator=[optional(calendar_date), _registration_date_needs_flag],
        repr=False,
    )
    stored_in_central_register: bool = attrs.field(
        default=False, validator=instance_of(bool), repr=False
    )
    work_capacity: WorkCapacity | None = attrs.field(
        default=None, validator=instance_of((WorkCapacity, NoneType)), repr=False
    )
    work_permitted: bool | None = attrs.field(default=None, validator=instance_of((bool, NoneType)))
    name: str | None = attrs.field(default=None, validator=instance_of((str, NoneType)), repr=False)

    def level_in(self, language: str) -> CefrLevel | None:
        """
        The person's level in *language* (ISO 639-1), or ``None``.

        >>> import pendulum
        >>> Person(id="x", birth_date=pendulum.date(1990, 1, 1), sex=Sex.MALE,
        ...        languages=(LanguageSkill(language="de", level=CefrLevel.A2),)).level_in("de")
        <CefrLevel.A2: 'A2'>
        """
        for skill in self.languages:
            if skill.language == language:
                return skill.level
        return None

    @property
    def holds_section_24_document(self) -> bool:
        """Whether the person holds a § 24 permit or a Fiktionsbescheinigung for it."""
        return self.residence is not None and self.residence.document.is_section_24
