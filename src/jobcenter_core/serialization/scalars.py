"""
The hooks for JSON's scalars that cattrs does not have: strict strings, numbers and
booleans, pendulum's dates, instants and durations, and enums by value.

Each structure hook reads exactly one JSON type and coerces nothing; what it cannot read
it refuses with a :class:`~jobcenter_core.serialization.problems.Refused` that says what
was expected, never what was given:

>>> import pendulum
>>> from jobcenter_core.serialization.scalars import (
...     structure_datetime, structure_int, unstructure_duration)
>>> structure_int(True, int)
Traceback (most recent call last):
...
jobcenter_core.serialization.problems.Refused: expected an integer
>>> structure_datetime("2022-06-21T09:00:00+02:00[Europe/Berlin]", None)
DateTime(2022, 6, 21, 9, 0, 0, tzinfo=Timezone('Europe/Berlin'))
>>> unstructure_duration(pendulum.duration(hours=48))
'PT48H'
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import math
import operator
import re
from collections.abc import Callable
from typing import Any, Final

import pendulum
from pendulum import Date, DateTime, Duration
from pendulum.tz import fixed_timezone

from jobcenter_core.serialization import _shared
from jobcenter_core.serialization.problems import Refused

__all__ = [
    "MAX_SAFE_INT",
    "enum_structure_factory",
    "is_enum",
    "structure_bool",
    "structure_date",
    "structure_datetime",
    "structure_duration",
    "structure_float",
    "structure_int",
    "structure_str",
    "unstructure_date",
    "unstructure_datetime",
    "unstructure_datetime_rfc3339",
    "unstructure_duration",
    "unstructure_enum",
]

MAX_SAFE_INT: Final = 2**53 - 1
"""Integers beyond ±(2**53 − 1) are not interoperable in JSON (RFC 7493 § 2.2)."""


# --- strings, numbers, booleans ---------------------------------------------------------


def is_enum(t: object) -> bool:
    """Whether *t* is an enum class."""
    return isinstance(t, type) and issubclass(t, enum.Enum)


def _str(obj: object) -> str:
    if obj.__class__ is not str:
        raise Refused("expected a string")
    assert isinstance(obj, str)
    if not obj.isascii():
        try:
            obj.encode("utf-8")
        except UnicodeEncodeError:
            raise Refused("not valid Unicode text (lone surrogate)") from None
    return obj


def structure_str(obj: object, cl: Any) -> Any:
    """A JSON string as ``str`` (no lone surrogates); a ``str`` enum by its value."""
    if cl is str and obj.__class__ is str and obj.isascii():
        return obj
    if is_enum(cl):  # hooks for str are found for its subclasses too
        return _enum_hook(cl)(obj, cl)
    return _str(obj)


def structure_bool(obj: object, cl: Any) -> Any:
    """``true`` or ``false`` as ``bool``: no numbers, no strings."""
    if cl is bool and (obj is True or obj is False):
        return obj
    if is_enum(cl):
        return _enum_hook(cl)(obj, cl)
    if obj is True or obj is False:
        return obj
    raise Refused("expected true or false")


def structure_int(obj: object, cl: Any) -> Any:
    """A JSON integer within ±(2**53 − 1) as ``int``: no booleans, no floats."""
    if cl is int and obj.__class__ is int and -MAX_SAFE_INT <= obj <= MAX_SAFE_INT:
        return obj
    if is_enum(cl):
        return _enum_hook(cl)(obj, cl)
    if obj.__class__ is not int:
        raise Refused("expected an integer")
    if not -MAX_SAFE_INT <= obj <= MAX_SAFE_INT:
        raise Refused("integer out of range")
    return obj


def structure_float(obj: object, cl: Any) -> Any:
    """A finite JSON number as ``float`` (an integer within ±(2**53 − 1) too)."""
    if cl is float and obj.__class__ is float and math.isfinite(obj):
        return obj
    if is_enum(cl):
        return _enum_hook(cl)(obj, cl)
    if obj.__class__ is float:
        raise Refused("number out of range")
    if obj.__class__ is int:
        assert isinstance(obj, int)
        if not -MAX_SAFE_INT <= obj <= MAX_SAFE_INT:
            raise Refused("number out of range")
        return float(obj)
    raise Refused("expected a number")


# --- enums ------------------------------------------------------------------------------


def enum_structure_factory(cl: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    """
    A hook reading a member of enum *cl* by its value, of the value's own JSON type
    (``1`` is not ``1.0``, nor ``true``); anything else is refused naming the values.
    """
    by_value = {(m.value.__class__, m.value): m for m in cl}
    by_text = {m.value: m for m in cl if m.value.__class__ is str}
    kind = "expected one of " + ", ".join(repr(m.value) for m in cl)

    def structure_enum(obj: object, _: object) -> enum.Enum:
        if obj.__class__ is str:
            member = by_text.get(obj)
            if member is not None:
                return member
        try:
            return by_value[(obj.__class__, obj)]
        except (KeyError, TypeError):
            raise Refused(kind) from None

    return structure_enum


_enum_hook: Final = functools.cache(enum_structure_factory)
"""The hook of each enum, made once: the hooks for ``str``, ``int``, ``float`` and ``bool``
hand a subclass that is an enum (``class Kind(str, Enum)``) on to it."""


unstructure_enum: Final[Callable[[enum.Enum], Any]] = operator.attrgetter("_value_")
"""An enum member as its value."""


# --- dates ------------------------------------------------------------------------------

_DATE_KIND: Final = "not a valid ISO date (YYYY-MM-DD)"

unstructure_date: Final[Callable[[_dt.date], str]] = _dt.date.isoformat
"""A date as ``YYYY-MM-DD`` (zero-padded to four year digits)."""


def _date(text: Any) -> Date:
    if (
        text.__class__ is not str
        or len(text) != 10
        or text[4] != "-"
        or text[7] != "-"
        or not text.isascii()
    ):
        raise Refused(_DATE_KIND)
    try:  # with the dashes in place, only YYYY-MM-DD digits pass
        return Date.fromisoformat(text)
    except ValueError:
        raise Refused(_DATE_KIND) from None


structure_date: Final = _shared.read_once(_date)
"""``"YYYY-MM-DD"`` as a ``pendulum.Date``; impossible dates (``2023-02-29``) are refused."""


# --- instants ---------------------------------------------------------------------------

_DATETIME_RE: Final = re.compile(
    r"(\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)"
    r"([Zz]|[+-]\d{2}:\d{2})?"
    r"(?:\[!?([A-Za-z0-9_+\-/:]{1,64})\])?",
    re.ASCII,
)
_OFFSET_ZONE_RE: Final = re.compile(r"([+-])(\d{2}):(\d{2})", re.ASCII)
_DATETIME_KIND: Final = (
    "not a valid RFC 3339 or RFC 9557 date-time (e.g. 2022-06-21T09:00:00+02:00"
    " or 2022-06-21T09:00:00+02:00[Europe/Berlin])"
)
_BERLIN: Final = pendulum.timezone("Europe/Berlin")
"""Where an instant given without a zone name (RFC 3339) is shown."""


def _zone_name(value: _dt.datetime) -> str:
    tz = value.tzinfo
    if tz is None or value.utcoffset() is None:
        raise ValueError("a naive datetime cannot be written: it has no zone")
    name = getattr(tz, "key", None) or getattr(tz, "name", None)
    if isinstance(name, str) and name:
        return name
    offset = value.utcoffset()
    assert offset is not None
    seconds = int(offset.total_seconds())
    if seconds % 60:
        raise ValueError("a zone without a name must be a whole-minute offset")
    sign = "-" if seconds < 0 else "+"
    hours, minutes = divmod(abs(seconds) // 60, 60)
    return f"{sign}{hours:02d}:{minutes:02d}"


def unstructure_datetime(value: _dt.datetime) -> str:
    """
    An instant as ISO 8601 with its UTC offset and its zone name in brackets
    (RFC 9557); a zone without a name is written as its offset.
    """
    return f"{value.isoformat()}[{_zone_name(value)}]"


def unstructure_datetime_rfc3339(value: _dt.datetime) -> str:
    """
    An instant as RFC 3339: ISO 8601 with its UTC offset and no zone name, which every
    RFC 3339 parser reads (``datetime.fromisoformat``, pydantic, msgspec, JavaScript's
    ``Date``). Read back, it is the same instant, shown in ``Europe/Berlin``.

    >>> import pendulum
    >>> from jobcenter_core.serialization.scalars import unstructure_datetime_rfc3339
    >>> unstructure_datetime_rfc3339(pendulum.datetime(2022, 6, 21, 9, tz="Europe/Berlin"))
    '2022-06-21T09:00:00+02:00'
    """
    _zone_name(value)  # naive values and odd offsets are refused as in RFC 9557
    return value.isoformat()


def _zone(name: str) -> _dt.tzinfo:
    fixed = _OFFSET_ZONE_RE.fullmatch(name)
    if fixed is not None:
        hours, minutes = int(fixed[2]), int(fixed[3])
        if hours > 23 or minutes > 59:
            raise Refused("unknown time zone")
        seconds = (hours * 60 + minutes) * 60
        return fixed_timezone(-seconds if fixed[1] == "-" else seconds)
    try:
        return pendulum.timezone(name)
    except (ValueError, OSError):
        raise Refused("unknown time zone") from None


def structure_datetime(obj: object, _: object) -> DateTime:
    """
    An instant with its UTC offset as a ``pendulum.DateTime``:

    * RFC 9557, ``"2022-06-21T09:00:00+02:00[Europe/Berlin]"``: in that zone; an
      unknown zone, or an offset the zone does not have at that instant, is refused;
    * RFC 3339, ``"2022-06-21T07:00:00Z"`` or ``"2022-06-21T09:00:00+02:00"``: the same
      instant, exactly, shown in ``Europe/Berlin`` (the offset names no zone).

    Naive values (no offset) are refused: they name no instant. Fractions of a second
    beyond microseconds are refused rather than rounded.
    """
    if obj.__class__ is not str:
        raise Refused(_DATETIME_KIND)
    assert isinstance(obj, str)
    match = _DATETIME_RE.fullmatch(obj)
    if match is None:
        raise Refused(_DATETIME_KIND)
    local, offset, zone_name = match[1], match[2], match[3]
    if offset is None:
        raise Refused("naive date-time: give the UTC offset (RFC 3339), and the zone if known")
    utc_unknown_local = offset in ("Z", "z")  # RFC 9557: the local offset is not known
    if len(local) > 26:  # more than six decimal places: not exact as a datetime
        raise Refused("more than six decimal places of a second")
    try:
        parsed = _dt.datetime.fromisoformat(
            local.replace("t", "T") + ("+00:00" if utc_unknown_local else offset)
        )
    except ValueError:
        raise Refused(_DATETIME_KIND) from None
    zone = _BERLIN if zone_name is None else _zone(zone_name)
    try:
        in_zone = parsed.astimezone(zone)
    except (OverflowError, ValueError):
        raise Refused("date-time out of range") from None
    if (
        zone_name is not None
        and not utc_unknown_local
        and in_zone.utcoffset() != parsed.utcoffset()
    ):
        raise Refused("offset does not match the zone at that instant")
    return pendulum.instance(in_zone)


# --- durations --------------------------------------------------------------------------

_DURATION_RE: Final = re.compile(
    r"(-)?P(?!$)(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,7})W)?(?:(\d{1,9})D)?"
    r"(?:T(?=\d)(?:(\d{1,10})H)?(?:(\d{1,12})M)?(?:(\d{1,14})(?:\.(\d{1,6}))?S)?)?",
    re.ASCII,
)
_US_PER_DAY: Final = 86_400_000_000
_TD_DAYS = _dt.timedelta.days.__get__
_TD_SECONDS = _dt.timedelta.seconds.__get__
_TD_MICROSECONDS = _dt.timedelta.microseconds.__get__


def _microseconds(value: _dt.timedelta) -> int:
    # pendulum.Duration overrides days/seconds with its own split; read the timedelta's.
    seconds = int(_TD_DAYS(value)) * 86_400 + int(_TD_SECONDS(value))
    return seconds * 1_000_000 + int(_TD_MICROSECONDS(value))


def _iso_time(us: int) -> str:
    seconds, micro = divmod(us, 1_000_000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    text = "T"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if seconds or micro:
        text += f"{seconds}.{micro:06d}".rstrip("0").rstrip(".") + "S"
    return "" if text == "T" else text


def unstructure_duration(value: _dt.timedelta) -> str:
    """
    A duration as an exact ISO 8601 duration in hours, minutes and seconds, with years
    and months apart when it has them (and they have the sign of the rest).
    """
    total = _microseconds(value)
    years = getattr(value, "years", 0) if isinstance(value, Duration) else 0
    months = getattr(value, "months", 0) if isinstance(value, Duration) else 0
    rest = total - (years * 365 + months * 30) * _US_PER_DAY
    signs = {(x > 0) - (x < 0) for x in (years, months, rest)} - {0}
    if len(signs) > 1:  # mixed signs: keep the exact length only
        years = months = 0
        rest = total
    sign = "-" if (years < 0 or months < 0 or rest < 0) else ""
    years, months, rest = abs(years), abs(months), abs(rest)
    date_part = (f"{years}Y" if years else "") + (f"{months}M" if months else "")
    time_part = _iso_time(rest)
    if not date_part and not time_part:
        return "PT0S"
    return f"{sign}P{date_part}{time_part}"


def structure_duration(obj: object, _: object) -> Duration:
    """An ISO 8601 duration (``"PT48H"``, ``"-PT1.5S"``, ``"P1Y2MT72H"``) as a ``pendulum.Duration``."""
    kind = "not a valid ISO 8601 duration (e.g. PT48H)"
    if obj.__class__ is not str:
        raise Refused(kind)
    assert isinstance(obj, str)
    match = _DURATION_RE.fullmatch(obj)
    if match is None:
        raise Refused(kind)
    sign, y, mo, w, d, h, mi, s, frac = match.groups()
    factor = -1 if sign else 1  # negated part by part: Duration.__neg__ rounds via float
    try:
        return pendulum.duration(
            years=factor * int(y or 0),
            months=factor * int(mo or 0),
            weeks=factor * int(w or 0),
            days=factor * int(d or 0),
            hours=factor * int(h or 0),
            minutes=factor * int(mi or 0),
            seconds=factor * int(s or 0),
            microseconds=factor * int((frac or "").ljust(6, "0")),
        )
    except OverflowError:
        raise Refused("duration out of range") from None
