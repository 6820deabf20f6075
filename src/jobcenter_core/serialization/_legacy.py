"""
JSON in and out: a cattrs converter that keeps every value exact and turns bad input
into one :class:`~jobcenter_core.errors.InvalidInput` listing every problem by JSON path.

This is the edge where untrusted data enters (DESIGN.md, rules 6 and 7). The converter is
generic over attrs classes, so every public type of the library, and every type a
module adds later, is written and read without code of its own:

* an attrs class is an object with one key per field, in field order; unknown keys,
  missing required keys and values of the wrong JSON type are problems; the type's own
  validators run and what they refuse is reported at the field's path;
* ``pendulum.Date`` is ``"YYYY-MM-DD"``; impossible dates (``2023-02-29``) are refused;
* ``pendulum.DateTime`` is ISO 8601 with the UTC offset *and* the IANA zone name in
  brackets (RFC 9557): ``"2022-06-21T09:00:00+02:00[Europe/Berlin]"``; naive values, an
  unknown zone or an offset the zone does not have at that instant are refused;
* ``pendulum.Duration`` is an exact ISO 8601 duration in hours, minutes and seconds
  (``"PT48H"``, ``"-PT1.5S"``), with years and months apart when the duration has them;
* enums are their values; tuples are arrays; frozensets are arrays sorted in a stable
  order, so equal values give byte-identical JSON;
* ``X | None`` is ``null`` or an ``X``; ``Decision[T]`` is ``{"value", "reasons",
  "missing"}`` with its reasons and legal references;
* a field typed as a union of attrs classes (a target-group rule, a roster event), or as
  an attrs class that has attrs subclasses, holds the object of the actual class with
  its class name under ``"$type"``;
* fields outside ``__init__`` (private memos) are not written;
* an :class:`~jobcenter_core.enrolment.OfferState`, whose roster lives in private
  indexes, is written as its :class:`~jobcenter_core.enrolment.RosterSnapshot`; reading
  one rebuilds the indexes (:meth:`~jobcenter_core.enrolment.OfferState.from_snapshot`)
  and refuses facts no roster can hold, each at its path.

Immutable values repeated within one document — dates, and objects of classes whose
fields are all text (language skills, residence statuses, legal references) — are read
once and shared by the values that contain them; nothing is kept after the call.

Checks that span fields run when those fields are valid; a household's duplicate and
unknown member ids are also checked on the raw document, so they are reported together
with field problems.

>>> import pendulum
>>> from jobcenter_core import Person, Sex
>>> p = Person(id="p-1", birth_date=pendulum.date(1990, 3, 1), sex=Sex.FEMALE)
>>> text = to_json(p)
>>> text
'{"id":"p-1","birth_date":"1990-03-01","sex":"female","languages":[],"residence":null,"identity_registered":false,"identity_registered_on":null,"stored_in_central_register":false,"work_capacity":null,"work_permitted":null,"name":null}'
>>> from_json(text, Person) == p
True
>>> from_json('{"id": "p-1", "birth_date": "2023-02-29", "sex": "f", "nmae": 1}', Person)
Traceback (most recent call last):
...
jobcenter_core.errors.InvalidInput: 3 problems in input:
  $.birth_date: not a valid ISO date (YYYY-MM-DD)
  $.sex: expected one of 'female', 'male', 'diverse', 'unspecified'
  $.nmae: unknown key

Messages name a path and the kind of problem, never the offending value, so they are
safe to log.

No global converter: :func:`make_converter` builds a new, fully configured converter and
:func:`configure_converter` configures one you made. :func:`to_json`,
:func:`from_json`, :func:`dump_document` and :func:`load_document` take an optional
``converter``; without one they use a private default converter that is built on first
use and never reconfigured afterwards (cattrs memoises the hooks it generates for each
type, a cache that does not change any result). Nothing outside this module can reach
or change that default, so results depend only on the arguments.

The default converter is also the fast one. :func:`to_json` (without *indent*) writes
the text straight from the values, through one function generated per class that fills
a template of pre-encoded keys, instead of building dicts and lists for ``json.dumps``;
:func:`from_json` reads a JSON array one item at a time, so that the dicts and lists of
only one item exist at once, and reads each object with a function generated per class
that checks the usual values inline and calls the class as the converter's hook would.
Both give exactly the text, values and errors of the general path: whatever they do not
expect — a field holding a value of another type, a problem in the input — goes the
general way, which then reports every problem as above.
"""

from __future__ import annotations

import collections.abc as cabc
import contextvars
import datetime as _dt
import enum
import functools
import itertools
import json
import math
import re
import sys
import types
import typing
from collections.abc import Callable, Iterable
from json.encoder import encode_basestring
from json.scanner import make_scanner
from typing import Any, Final, TypeVar

import attrs
import cattrs
import pendulum
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.strategies import configure_union_passthrough
from pendulum import Date, DateTime, Duration
from pendulum.tz import fixed_timezone

from jobcenter_core.enrolment import OfferState, RosterSnapshot
from jobcenter_core.errors import InvalidInput, Problem
from jobcenter_core.households import Household

__all__ = [
    "SCHEMA",
    "JsonConverter",
    "configure_converter",
    "dump_document",
    "from_json",
    "load_document",
    "make_converter",
    "structure",
    "to_json",
    "unstructure",
]

T = TypeVar("T")

SCHEMA: Final = "jobcenter_core/1"
"""The schema version written into every document by :func:`dump_document`."""

_MAX_SAFE_INT: Final = 2**53 - 1
"""Integers beyond ±(2**53 − 1) are not interoperable in JSON (RFC 7493 § 2.2)."""

_DOCUMENT_KEYS: Final = ("schema", "type", "data")


class _Bad(ValueError):
    """A value of the wrong shape; *kind* says what was expected, never what was given."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


# Tags on hooks this module makes, saying what each one does (see _tagged).
_FIELDS: Final = "_jobcenter_core_fields"  # the attrs class whose fields a hook writes
_ITEMS: Final = "_jobcenter_core_items"  # the item type of a sequence a hook writes
_SEQUENCE: Final = "_jobcenter_core_sequence"  # (item type, tuple or list) a hook reads
_READS: Final = "_jobcenter_core_reads"  # (attrs class, shared?) a generated hook reads
_SCALAR: Final = "_jobcenter_core_scalar"  # the type (str or bool) a primitive hook reads
_MEMBERS: Final = "_jobcenter_core_members"  # an enum hook's members by their text values
_OPTIONAL: Final = "_jobcenter_core_optional"  # the X of the X | None a hook reads
_F = TypeVar("_F", bound=Callable[..., Any])


def _tagged(fn: _F, key: str, value: Any) -> _F:
    """
    Hook *fn*, tagged with what it reads or writes: the default converter's generated
    writers (:class:`_Writers`) and its reading of arrays item by item
    (:func:`_read_array`) stand in only for hooks they recognise this way, so any other
    hook, or one changed later, is simply called.
    """
    fn.__dict__[key] = value
    return fn


def _tag(fn: object, key: str) -> Any:
    return getattr(fn, "__dict__", {}).get(key)


_SHARED: Final[contextvars.ContextVar[dict[Any, Any] | None]] = contextvars.ContextVar(
    "jobcenter_core_shared_values", default=None
)
"""
What the document being read has given so far, by raw JSON: dates by their text and
objects of text-only classes (:func:`_shared_structure_fn`). Immutable values equal in
the input are read once and shared. Set for each document by :func:`_structure_at` and
dropped when it is done, so nothing outlives the call.
"""


# --- primitives -------------------------------------------------------------------------


def _structure_str(obj: object, _: object) -> str:
    if obj.__class__ is not str:
        raise _Bad("expected a string")
    assert isinstance(obj, str)
    if not obj.isascii():
        try:
            obj.encode("utf-8")
        except UnicodeEncodeError:
            raise _Bad("not valid Unicode text (lone surrogate)") from None
    return obj


def _structure_bool(obj: object, _: object) -> bool:
    if obj is True or obj is False:
        return obj
    raise _Bad("expected true or false")


def _structure_int(obj: object, _: object) -> int:
    if obj.__class__ is not int:
        raise _Bad("expected an integer")
    assert isinstance(obj, int)
    if not -_MAX_SAFE_INT <= obj <= _MAX_SAFE_INT:
        raise _Bad("integer out of range")
    return obj


def _structure_float(obj: object, _: object) -> float:
    cls = obj.__class__
    if cls is float:
        assert isinstance(obj, float)
        if not math.isfinite(obj):
            raise _Bad("number out of range")
        return obj
    if cls is int:
        assert isinstance(obj, int)
        if not -_MAX_SAFE_INT <= obj <= _MAX_SAFE_INT:
            raise _Bad("number out of range")
        return float(obj)
    raise _Bad("expected a number")


_EnumHooks = Callable[[Any], Callable[[object, object], Any]]


def _primitive_hooks(
    enum_hooks: _EnumHooks,
) -> list[tuple[type, Callable[[object, object], Any]]]:
    """
    Strict hooks for ``str``, ``bool``, ``int`` and ``float``.

    They are registered by class, so subclasses dispatch to them too: a ``str``-valued
    enum (``class Kind(str, Enum)``) is handed on to its enum hook. The common case (the
    exact type, a valid value) returns from the first line.
    """

    def slow(obj: object, cl: Any, hook: Callable[[object, object], Any]) -> Any:
        if _is_enum(cl):
            return enum_hooks(cl)(obj, cl)
        return hook(obj, cl)

    def structure_str(obj: object, cl: Any) -> Any:
        if cl is str and obj.__class__ is str and obj.isascii():
            return obj
        return slow(obj, cl, _structure_str)

    def structure_bool(obj: object, cl: Any) -> Any:
        if cl is bool and (obj is True or obj is False):
            return obj
        return slow(obj, cl, _structure_bool)

    def structure_int(obj: object, cl: Any) -> Any:
        if cl is int and obj.__class__ is int and -_MAX_SAFE_INT <= obj <= _MAX_SAFE_INT:
            return obj
        return slow(obj, cl, _structure_int)

    def structure_float(obj: object, cl: Any) -> Any:
        if cl is float and obj.__class__ is float and math.isfinite(obj):
            return obj
        return slow(obj, cl, _structure_float)

    return [
        (str, _tagged(structure_str, _SCALAR, str)),
        (bool, _tagged(structure_bool, _SCALAR, bool)),
        (int, structure_int),
        (float, structure_float),
    ]


# --- dates, instants and durations ------------------------------------------------------

_DATE_KIND: Final = "not a valid ISO date (YYYY-MM-DD)"
_DATETIME_RE: Final = re.compile(
    r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)"
    r"(Z|[+-]\d{2}:\d{2}(?::\d{2})?)?"
    r"(?:\[([A-Za-z0-9_+\-/:]{1,64})\])?",
    re.ASCII,
)
_OFFSET_ZONE_RE: Final = re.compile(r"([+-])(\d{2}):(\d{2})", re.ASCII)
_DATETIME_KIND: Final = (
    "not a valid ISO date-time with offset and zone (e.g. 2022-06-21T09:00:00+02:00[Europe/Berlin])"
)
_DURATION_RE: Final = re.compile(
    r"(-)?P(?!$)(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,7})W)?(?:(\d{1,9})D)?"
    r"(?:T(?=\d)(?:(\d{1,10})H)?(?:(\d{1,12})M)?(?:(\d{1,14})(?:\.(\d{1,6}))?S)?)?",
    re.ASCII,
)


_unstructure_date: Final[Callable[[_dt.date], str]] = _dt.date.isoformat
"""``YYYY-MM-DD`` (the C method of ``datetime.date``, zero-padded to four year digits)."""


def _date_from_text(text: str) -> Date:
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.isascii():
        raise _Bad(_DATE_KIND)
    try:  # with the dashes in place, only YYYY-MM-DD digits pass
        return Date.fromisoformat(text)
    except ValueError:
        raise _Bad(_DATE_KIND) from None


def _structure_date(obj: object, _: object) -> Date:
    if obj.__class__ is not str:
        raise _Bad(_DATE_KIND)
    assert isinstance(obj, str)
    shared = _SHARED.get()
    if shared is None:
        return _date_from_text(obj)
    found: Date | None = shared.get(obj)
    if found is None:
        found = shared[obj] = _date_from_text(obj)
    return found


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


def _unstructure_datetime(value: _dt.datetime) -> str:
    return f"{value.isoformat()}[{_zone_name(value)}]"


def _zone(name: str) -> _dt.tzinfo:
    fixed = _OFFSET_ZONE_RE.fullmatch(name)
    if fixed is not None:
        hours, minutes = int(fixed[2]), int(fixed[3])
        if hours > 23 or minutes > 59:
            raise _Bad("unknown time zone")
        seconds = (hours * 60 + minutes) * 60
        return fixed_timezone(-seconds if fixed[1] == "-" else seconds)
    try:
        return pendulum.timezone(name)
    except (ValueError, OSError):
        raise _Bad("unknown time zone") from None


def _structure_datetime(obj: object, _: object) -> DateTime:
    if obj.__class__ is not str:
        raise _Bad(_DATETIME_KIND)
    assert isinstance(obj, str)
    match = _DATETIME_RE.fullmatch(obj)
    if match is None:
        raise _Bad(_DATETIME_KIND)
    local, offset, zone_name = match[1], match[2], match[3]
    if offset is None:
        raise _Bad("naive date-time: give the UTC offset and the zone")
    if zone_name is None:
        raise _Bad("missing zone name: add it in brackets, e.g. [Europe/Berlin]")
    try:
        parsed = _dt.datetime.fromisoformat(local + offset)
    except ValueError:
        raise _Bad(_DATETIME_KIND) from None
    zone = _zone(zone_name)
    try:
        in_zone = parsed.astimezone(zone)
    except (OverflowError, ValueError):
        raise _Bad("date-time out of range") from None
    if in_zone.utcoffset() != parsed.utcoffset():
        raise _Bad("offset does not match the zone at that instant")
    return pendulum.instance(in_zone)


_TD_DAYS = _dt.timedelta.days.__get__
_TD_SECONDS = _dt.timedelta.seconds.__get__
_TD_MICROSECONDS = _dt.timedelta.microseconds.__get__
_US_PER_DAY: Final = 86_400_000_000


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


def _unstructure_duration(value: _dt.timedelta) -> str:
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


def _structure_duration(obj: object, _: object) -> Duration:
    kind = "not a valid ISO 8601 duration (e.g. PT48H)"
    if obj.__class__ is not str:
        raise _Bad(kind)
    assert isinstance(obj, str)
    match = _DURATION_RE.fullmatch(obj)
    if match is None:
        raise _Bad(kind)
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
        raise _Bad("duration out of range") from None


# --- enums ------------------------------------------------------------------------------


def _is_enum(t: object) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


def _enum_structure_factory(cl: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    by_value = {(m.value.__class__, m.value): m for m in cl}
    by_text = {m.value: m for m in cl if m.value.__class__ is str}
    kind = "expected one of " + ", ".join(repr(m.value) for m in cl)

    def structure_enum(obj: object, _: object) -> enum.Enum:
        if obj.__class__ is str:  # the common case: one dict lookup
            member = by_text.get(obj)
            if member is not None:
                return member
        try:
            return by_value[(obj.__class__, obj)]
        except (KeyError, TypeError):
            raise _Bad(kind) from None

    if len(by_text) == len(by_value):  # all values are text: a reader can look them up
        _tagged(structure_enum, _MEMBERS, by_text)
    return structure_enum


def _unstructure_enum(value: enum.Enum) -> Any:
    return value._value_


# --- collections ------------------------------------------------------------------------

_ARRAY_TYPES: Final = (list, tuple)


def _args(t: Any) -> tuple[Any, ...]:
    return typing.get_args(t)


def _is_homogeneous(t: Any) -> bool:
    origin = typing.get_origin(t) or t
    if origin in (list, cabc.Sequence, cabc.MutableSequence):
        return True
    if origin is tuple:
        args = _args(t)
        return not args or (len(args) == 2 and args[1] is Ellipsis)
    return False


def _is_fixed_tuple(t: Any) -> bool:
    if (typing.get_origin(t) or t) is not tuple:
        return False
    args = _args(t)
    return bool(args) and not (len(args) == 2 and args[1] is Ellipsis)


def _is_set(t: Any) -> bool:
    return (typing.get_origin(t) or t) in (frozenset, set, cabc.Set, cabc.MutableSet)


def _is_mapping(t: Any) -> bool:
    return (typing.get_origin(t) or t) in (dict, cabc.Mapping, cabc.MutableMapping)


def _element_hooks(
    converter: cattrs.Converter, items: Iterable[Any]
) -> list[Callable[[Any, Any], Any]]:
    return [converter.get_structure_hook(t) for t in items]


def _structure_items(
    obj: list[Any] | tuple[Any, ...], hook: Callable[[Any, Any], Any], item_type: Any, cl: Any
) -> list[Any]:
    result: list[Any] = []
    append = result.append
    try:
        for item in obj:
            append(hook(item, item_type))
        return result
    except Exception as first:
        # Carry on after the first bad item (never structure an item twice: nested
        # retries would take exponential time) and collect every problem.
        failed = len(result)
        errors = [_with_index(first, failed, item_type)]
    for index in range(failed + 1, len(obj)):
        try:
            hook(obj[index], item_type)
        except Exception as exc:
            errors.append(_with_index(exc, index, item_type))
    raise IterableValidationError(f"While structuring {cl!r}", errors, cl)


def _with_index(exc: Exception, index: int, item_type: Any) -> Exception:
    exc.__notes__ = [
        *getattr(exc, "__notes__", []),
        IterableValidationNote(f"Structuring item @ index {index}", index, item_type),
    ]
    return exc


def _sequence_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(cl: Any) -> Callable[[Any, Any], Any]:
        args = _args(cl)
        item_type = args[0] if args else Any
        hook = converter.get_structure_hook(item_type)
        make = list if (typing.get_origin(cl) or cl) is list else tuple

        def structure_sequence(obj: Any, _: Any) -> Any:
            if obj.__class__ not in _ARRAY_TYPES:
                raise _Bad("expected an array")
            return make(_structure_items(obj, hook, item_type, cl))

        return _tagged(structure_sequence, _SEQUENCE, (item_type, make))

    return factory


def _fixed_tuple_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(cl: Any) -> Callable[[Any, Any], Any]:
        item_types = _args(cl)
        hooks = _element_hooks(converter, item_types)
        kind = f"expected an array of {len(item_types)} items"

        def structure_tuple(obj: Any, _: Any) -> tuple[Any, ...]:
            if obj.__class__ not in _ARRAY_TYPES or len(obj) != len(item_types):
                raise _Bad(kind)
            errors: list[Exception] = []
            result = []
            for index, (item, hook, item_type) in enumerate(
                zip(obj, hooks, item_types, strict=True)
            ):
                try:
                    result.append(hook(item, item_type))
                except Exception as exc:
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(
                            f"Structuring item @ index {index}", index, item_type
                        ),
                    ]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {cl!r}", errors, cl)
            return tuple(result)

        return structure_tuple

    return factory


def _set_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(cl: Any) -> Callable[[Any, Any], Any]:
        args = _args(cl)
        item_type = args[0] if args else Any
        hook = converter.get_structure_hook(item_type)
        make = set if (typing.get_origin(cl) or cl) in (set, cabc.MutableSet) else frozenset

        def structure_set(obj: Any, _: Any) -> Any:
            if obj.__class__ not in _ARRAY_TYPES:
                raise _Bad("expected an array")
            items = _structure_items(obj, hook, item_type, cl)
            result = make(items)
            if len(result) != len(items):
                raise _Bad("lists an item twice")
            return result

        return structure_set

    return factory


def _mapping_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(cl: Any) -> Callable[[Any, Any], Any]:
        args = _args(cl)
        key_type, value_type = args if len(args) == 2 else (Any, Any)
        key_hook = converter.get_structure_hook(key_type)
        value_hook = converter.get_structure_hook(value_type)

        def structure_mapping(obj: Any, _: Any) -> dict[Any, Any]:
            if obj.__class__ is not dict:
                raise _Bad("expected an object")
            result: dict[Any, Any] = {}
            errors: list[Exception] = []
            for key, value in obj.items():
                try:
                    result[key_hook(key, key_type)] = value_hook(value, value_type)
                except Exception as exc:
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"Structuring value @ key {key!r}", key, value_type),
                    ]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {cl!r}", errors, cl)
            return result

        return structure_mapping

    return factory


def _json_sort_key(item: Any) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _sorted_items(items: list[Any]) -> list[Any]:
    """Items of a set in a stable order: equal sets give equal lists."""
    if all(i.__class__ is str for i in items):
        return sorted(items)
    if all(i.__class__ is int for i in items):
        return sorted(items)
    return sorted(items, key=_json_sort_key)


def _unstructure_sequence_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(cl: Any) -> Callable[[Any], Any]:
        args = _args(cl)
        if _is_homogeneous(cl) and args:
            hook = converter.get_unstructure_hook(args[0])
            if hook is identity:  # strings, numbers: the items are already JSON
                return list

            def each_item(value: Any) -> list[Any]:
                return [hook(item) for item in value]

            return _tagged(each_item, _ITEMS, args[0])
        if _is_fixed_tuple(cl):
            hooks = [converter.get_unstructure_hook(a) for a in args]
            return lambda value: [h(item) for h, item in zip(hooks, value, strict=True)]
        unstructure = converter.unstructure
        return lambda value: [unstructure(item) for item in value]

    return factory


def _unstructure_set_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(cl: Any) -> Callable[[Any], Any]:
        args = _args(cl)
        hook = converter.get_unstructure_hook(args[0]) if args else converter.unstructure
        return lambda value: _sorted_items([hook(item) for item in value])

    return factory


def _is_attrs(t: Any) -> bool:
    return attrs.has(typing.get_origin(t) or t)


def _resolve_types(cl: Any) -> None:
    """
    Resolve the string annotations of attrs class *cl* (as cattrs would), also when one
    names a quoted type alias imported from another module of this library
    (``rule: TargetGroupRule`` where ``TargetGroupRule = "Everyone | AllOf | …"``): the
    alias's own names are then looked up in the library's loaded modules.
    """
    origin = typing.get_origin(cl) or cl
    if not isinstance(origin, type) or not attrs.has(origin):
        return
    try:
        attrs.resolve_types(origin)
    except NameError:
        namespace: dict[str, Any] = {}
        for name, module in list(sys.modules.items()):
            if module is not None and (
                name == "jobcenter_core" or name.startswith("jobcenter_core.")
            ):
                namespace.update((k, v) for k, v in vars(module).items() if not k.startswith("__"))
        attrs.resolve_types(origin, localns=namespace)


def _attrs_family(cl: Any) -> dict[str, Any]:
    """
    A non-generic attrs class and its attrs subclasses by class name, when it has any
    (then a field of that type may hold any of them, told apart by ``$type``); else
    empty.
    """
    if not isinstance(cl, type) or not attrs.has(cl):
        return {}
    family: dict[str, Any] = {}
    stack = [cl]
    while stack:
        member = stack.pop()
        if member.__name__ in family and family[member.__name__] is not member:
            raise TypeError(f"subclasses of {cl!r} need distinct class names")
        family[member.__name__] = member
        stack.extend(s for s in member.__subclasses__() if attrs.has(s))
    return family if len(family) > 1 else {}


def _plain_structure_fn(converter: cattrs.Converter, cl: Any) -> Callable[[Any, Any], Any]:
    _resolve_types(cl)
    return make_dict_structure_fn(cl, converter)


def _plain_unstructure_fn(converter: cattrs.Converter, cl: Any) -> Callable[[Any], Any]:
    # Fields that are not ``__init__`` arguments (private memos) are never written.
    _resolve_types(cl)
    origin = typing.get_origin(cl) or cl
    skip: dict[str, Any] = {a.name: override(omit=True) for a in attrs.fields(origin) if not a.init}
    return _tagged(make_dict_unstructure_fn(cl, converter, **skip), _FIELDS, cl)


def _is_text(t: Any) -> bool:
    target = _optional_target(t)
    t = t if target is None else target
    if _is_enum(t):
        return all(m.value.__class__ is str for m in t)
    return t is str or t is Date or t is DateTime or t is _dt.date or t is _dt.datetime


def _is_text_only(cl: Any) -> bool:
    """Whether every field of attrs class *cl* is written as a string or ``null``."""
    fields = [a for a in attrs.fields(cl) if a.init]
    return bool(fields) and all(_is_text(a.type) for a in fields)


def _shared_structure_fn(hook: Callable[[Any, Any], Any], cl: Any) -> Callable[[Any, Any], Any]:
    """
    *hook* for a text-only class, reading each distinct object once per document:
    equal objects (a language skill, a residence status, a legal reference) then give one
    shared frozen value. Only objects whose values are all strings or ``null`` are
    shared — the only ones a text-only class accepts, and none of them equals an object
    of other values — so a bad object is always read, and refused, on its own.
    """

    def structure_shared(obj: Any, _: Any) -> Any:
        memo = _SHARED.get()
        if memo is None or obj.__class__ is not dict:
            return hook(obj, cl)
        key = (cl, *obj.items())
        try:
            found = memo.get(key)
        except TypeError:  # an array or object inside: not text
            return hook(obj, cl)
        if found is None:
            found = memo[key] = hook(obj, cl)
        return found

    return _tagged(structure_shared, _READS, (cl, True))


def _attrs_structure_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    # cattrs' generated function, unwrapped for speed. Given something other than an
    # object it fails too (it reads keys and calls ``.keys()``), in ways that
    # ``_collect`` reports as "expected an object".
    def factory(cl: Any) -> Callable[[Any, Any], Any]:
        _resolve_types(cl)
        family = _attrs_family(cl)
        if family:
            return _tagged_structure_fn(
                family, lambda member: _plain_structure_fn(converter, member), optional=False
            )
        hook = make_dict_structure_fn(cl, converter)
        if typing.get_origin(cl) is not None:
            return hook
        if _is_text_only(cl):
            return _shared_structure_fn(hook, cl)
        return _tagged(hook, _READS, (cl, False))

    return factory


def _attrs_unstructure_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(cl: Any) -> Callable[[Any], Any]:
        _resolve_types(cl)
        if _attrs_family(cl):
            return _tagged_unstructure_fn(lambda member: _plain_unstructure_fn(converter, member))
        return _plain_unstructure_fn(converter, cl)

    return factory


_TAG: Final = "$type"
"""The key naming the class of a value whose field type is a union of attrs classes."""


def _union_members(t: Any) -> tuple[Any, ...] | None:
    """The attrs classes of a union of two or more of them (``None`` allowed), else ``None``."""
    if typing.get_origin(t) not in (typing.Union, types.UnionType):
        return None
    members = tuple(a for a in _args(t) if a is not types.NoneType)
    if len(members) < 2 or not all(_is_attrs(m) for m in members):
        return None
    return members


def _class_name(cl: Any) -> str:
    name: str = (typing.get_origin(cl) or cl).__name__
    return name


def _tagged_structure_fn(
    by_name: dict[str, Any],
    make_hook: Callable[[Any], Callable[[Any, Any], Any]],
    *,
    optional: bool,
) -> Callable[[Any, Any], Any]:
    kind = "expected one of " + ", ".join(repr(n) for n in by_name)
    tag_path = _key_path("$", _TAG)
    hooks: dict[str, Callable[[Any, Any], Any]] = {}  # made late: types may recurse

    def structure_tagged(obj: Any, _: Any) -> Any:
        if obj is None and optional:
            return None
        if obj.__class__ is not dict:
            raise _Bad("expected an object")
        name = obj.get(_TAG, _MISSING)
        if name is _MISSING:
            raise InvalidInput.one(tag_path, "required key missing")
        member = by_name.get(name) if name.__class__ is str else None
        if member is None:
            raise InvalidInput.one(tag_path, kind)
        hook = hooks.get(name)
        if hook is None:
            hook = hooks[name] = make_hook(member)
        return hook({k: v for k, v in obj.items() if k != _TAG}, member)

    return structure_tagged


def _tagged_unstructure_fn(
    make_hook: Callable[[Any], Callable[[Any], Any]],
) -> Callable[[Any], Any]:
    hooks: dict[type, Callable[[Any], Any]] = {}

    def unstructure_tagged(value: Any) -> Any:
        if value is None:
            return None
        cls = value.__class__
        hook = hooks.get(cls)
        if hook is None:
            hook = hooks[cls] = make_hook(cls)
        return {_TAG: cls.__name__, **hook(value)}

    return unstructure_tagged


def _union_structure_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(cl: Any) -> Callable[[Any, Any], Any]:
        members = _union_members(cl)
        assert members is not None
        by_name = {_class_name(m): m for m in members}
        if len(by_name) != len(members):
            raise TypeError(f"union members need distinct class names: {cl!r}")
        return _tagged_structure_fn(
            by_name,
            lambda member: _plain_structure_fn(converter, member),
            optional=types.NoneType in _args(cl),
        )

    return factory


def _union_unstructure_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(cl: Any) -> Callable[[Any], Any]:
        return _tagged_unstructure_fn(lambda member: _plain_unstructure_fn(converter, member))

    return factory


def _optional_target(t: Any) -> Any:
    """``X`` for ``X | None`` (one type and ``None``), else ``None``."""
    if typing.get_origin(t) not in (typing.Union, types.UnionType):
        return None
    args = _args(t)
    if len(args) != 2 or types.NoneType not in args:
        return None
    return args[0] if args[1] is types.NoneType else args[1]


def _optional_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(cl: Any) -> Callable[[Any, Any], Any]:
        target = _optional_target(cl)
        hook = converter.get_structure_hook(target)

        if target is str:  # the commonest optional: one call instead of two

            def structure_optional_str(obj: Any, _: Any) -> Any:
                if obj is None or (obj.__class__ is str and obj.isascii()):
                    return obj
                return hook(obj, target)

            return _tagged(structure_optional_str, _OPTIONAL, target)

        if target is bool:

            def structure_optional_bool(obj: Any, _: Any) -> Any:
                if obj is None or obj is True or obj is False:
                    return obj
                return hook(obj, target)

            return _tagged(structure_optional_bool, _OPTIONAL, target)

        def structure_optional(obj: Any, _: Any) -> Any:
            return None if obj is None else hook(obj, target)

        return _tagged(structure_optional, _OPTIONAL, target)

    return factory


# --- values kept as snapshots -----------------------------------------------------------


def _configure_snapshots(converter: cattrs.Converter) -> None:
    """
    An :class:`~jobcenter_core.enrolment.OfferState` keeps its roster in private indexes;
    in JSON it is its :class:`~jobcenter_core.enrolment.RosterSnapshot`, and reading one
    rebuilds the indexes with :meth:`~jobcenter_core.enrolment.OfferState.from_snapshot`
    (whose problems carry paths inside the snapshot).
    """

    def unstructure_offer_state(state: OfferState) -> Any:
        return converter.unstructure(state.snapshot(), RosterSnapshot)

    def structure_offer_state(obj: Any, _: Any) -> OfferState:
        snapshot = converter.get_structure_hook(RosterSnapshot)(obj, RosterSnapshot)
        return OfferState.from_snapshot(snapshot)

    converter.register_unstructure_hook_func(lambda t: t is OfferState, unstructure_offer_state)
    converter.register_structure_hook_func(lambda t: t is OfferState, structure_offer_state)


# --- the converter ----------------------------------------------------------------------


class JsonConverter(cattrs.Converter):
    """
    A cattrs converter for the library's JSON; :meth:`structure` raises
    :class:`~jobcenter_core.errors.InvalidInput` listing every problem by path.

    Build one with :func:`make_converter`.

    >>> from jobcenter_core import LegalReference
    >>> conv = make_converter()
    >>> conv.structure({"law": "SGB II", "section": "7a"}, LegalReference)
    LegalReference(law='SGB II', section='7a', paragraph=None, sentence=None, number=None, url=None)
    """

    def structure(self, obj: Any, cl: Any) -> Any:
        """*obj* (JSON-ready data) as a *cl*; :class:`InvalidInput` on any problem."""
        return _structure_at(self, obj, cl, "$")

    def dumps(self, value: Any, unstructure_as: Any = None, *, indent: int | None = None) -> str:
        """*value* as JSON text (compact unless *indent* is given)."""
        return _dumps(self.unstructure(value, unstructure_as=unstructure_as), indent)

    def loads(self, text: str | bytes, cl: Any) -> Any:
        """JSON *text* as a *cl*; :class:`InvalidInput` on any problem."""
        return _structure_at(self, _parse(text), cl, "$")


def configure_converter(converter: cattrs.Converter) -> None:
    """
    Configure *converter* (a :class:`cattrs.Converter`) for the library's JSON format.

    * attrs classes (generic ones included) as objects, with unknown keys forbidden and
      detailed validation on, so every problem is collected;
    * strings, integers (within ±(2**53 − 1)), floats (finite) and booleans strictly:
      no coercion between JSON types;
    * ``pendulum.Date`` as ``"YYYY-MM-DD"``, ``pendulum.DateTime`` as
      ``"2022-06-21T09:00:00+02:00[Europe/Berlin]"``, ``pendulum.Duration`` as ISO 8601
      (``"PT48H"``); the standard-library ``date``/``datetime``/``timedelta`` structure
      into the pendulum types;
    * enums as their values; tuples, lists and sequences as arrays; frozensets and sets
      as arrays in a stable sorted order (duplicates refused on input); mappings as
      objects; unions of JSON primitives passed through after a type check.

    >>> import cattrs, pendulum
    >>> conv = cattrs.Converter()
    >>> configure_converter(conv)
    >>> conv.unstructure(pendulum.datetime(2022, 6, 21, 9, tz="Europe/Berlin"))
    '2022-06-21T09:00:00+02:00[Europe/Berlin]'
    """
    converter.forbid_extra_keys = True
    converter.detailed_validation = True

    enum_hooks = functools.cache(_enum_structure_factory)
    for target, hook in _primitive_hooks(enum_hooks):
        converter.register_structure_hook(target, hook)

    converter.register_unstructure_hook(_dt.date, _unstructure_date)
    converter.register_unstructure_hook(Date, _unstructure_date)
    converter.register_unstructure_hook(_dt.datetime, _unstructure_datetime)
    converter.register_unstructure_hook(DateTime, _unstructure_datetime)
    converter.register_unstructure_hook(_dt.timedelta, _unstructure_duration)
    converter.register_unstructure_hook(Duration, _unstructure_duration)
    for cls, structure_hook in (
        (_dt.date, _structure_date),
        (Date, _structure_date),
        (_dt.datetime, _structure_datetime),
        (DateTime, _structure_datetime),
        (_dt.timedelta, _structure_duration),
        (Duration, _structure_duration),
    ):
        converter.register_structure_hook(cls, structure_hook)

    converter.register_unstructure_hook_func(_is_enum, _unstructure_enum)
    converter.register_structure_hook_factory(_is_enum, enum_hooks)

    configure_union_passthrough(typing.Union[str, bool, int, float, None], converter)  # noqa: UP007

    converter.register_unstructure_hook_factory(
        lambda t: _is_homogeneous(t) or _is_fixed_tuple(t), _unstructure_sequence_factory(converter)
    )
    converter.register_unstructure_hook_factory(_is_set, _unstructure_set_factory(converter))
    converter.register_structure_hook_factory(_is_homogeneous, _sequence_factory(converter))
    converter.register_structure_hook_factory(_is_fixed_tuple, _fixed_tuple_factory(converter))
    converter.register_structure_hook_factory(_is_set, _set_factory(converter))
    converter.register_structure_hook_factory(_is_mapping, _mapping_factory(converter))
    converter.register_structure_hook_factory(_is_attrs, _attrs_structure_factory(converter))
    converter.register_unstructure_hook_factory(_is_attrs, _attrs_unstructure_factory(converter))
    converter.register_structure_hook_factory(
        lambda t: _optional_target(t) is not None, _optional_factory(converter)
    )
    converter.register_structure_hook_factory(
        lambda t: _union_members(t) is not None, _union_structure_factory(converter)
    )
    converter.register_unstructure_hook_factory(
        lambda t: _union_members(t) is not None, _union_unstructure_factory(converter)
    )
    # `str | None` and the like are written as they are: the identity hook lets the
    # generated attrs functions skip the call per field.
    converter.register_unstructure_hook_func(
        lambda t: _optional_target(t) in (str, int, float, bool), identity
    )
    _configure_snapshots(converter)


def make_converter() -> JsonConverter:
    """
    A new converter for the library's JSON format (see :func:`configure_converter`).

    Make one and reuse it: building a converter costs more than using it.

    >>> import pendulum
    >>> conv = make_converter()
    >>> conv.dumps(pendulum.date(2022, 6, 21))
    '"2022-06-21"'
    >>> conv.loads('"2022-06-21"', pendulum.Date)
    Date(2022, 6, 21)
    """
    converter = JsonConverter(forbid_extra_keys=True, detailed_validation=True)
    configure_converter(converter)
    return converter


@functools.cache
def _default_converter() -> JsonConverter:
    # Private, built on first use and never reconfigured: see the module docstring.
    return make_converter()


# --- writing JSON text directly -------------------------------------------------------

_compact: Final[Callable[[Any], str]] = json.JSONEncoder(
    ensure_ascii=False, allow_nan=False, separators=(",", ":")
).encode
"""What :func:`_dumps` does without an indent."""


class _Unusual(Exception):
    """A value the writers leave to the general path, which writes it or refuses it."""


def _unusual(value: object) -> str:
    raise _Unusual


def _int_text(value: Any) -> str:
    if value.__class__ is not int:
        raise _Unusual
    return int.__repr__(value)


def _float_text(value: Any) -> str:
    if value.__class__ is not float or not math.isfinite(value):
        raise _Unusual
    return float.__repr__(value)


def _made_once(
    made: dict[Any, Callable[[Any, Any], Any]], cl: Any, make: Callable[[Any], Any]
) -> Any:
    """
    The function for *cl* in *made*, made by ``make(cl)`` on first use (a generated
    writer or reader, called as ``fn(value, memo)``). While it is made, a recursive
    type reaches its own function through *made*; if making it fails, nothing is kept.
    """
    found = made.get(cl)
    if found is None:
        made[cl] = lambda value, memo: made[cl](value, memo)
        try:
            found = made[cl] = make(cl)
        except BaseException:
            del made[cl]
            raise
    return found


_Writer = Callable[[Any, dict[Any, Any]], str]
"""A generated writer: the JSON text of a value, given the dates written so far."""


_YEAR_TEXT: Final = {year: f'"{year:04d}' for year in range(1900, 2100)}
_MONTH_DAY_TEXT: Final = tuple(
    tuple(f'-{month:02d}-{day:02d}"' for day in range(32)) for month in range(13)
)


def _date_text(value: _dt.date, memo: dict[Any, Any]) -> str:
    """
    The JSON text of a date as :func:`_unstructure_date` writes it, ``"YYYY-MM-DD"``;
    that of a ``pendulum.Date`` (not a subclass, which could compare equal to another) is
    put together from ready pieces, faster than ``isoformat``, and kept in *memo*.
    """
    if value.__class__ is not Date:
        return f'"{_unstructure_date(value)}"'
    year = _YEAR_TEXT.get(value.year)
    if year is None:
        text = f'"{_unstructure_date(value)}"'
    else:
        text = year + _MONTH_DAY_TEXT[value.month][value.day]
    memo[value] = text
    return text


def _array_writer(item: _Writer) -> _Writer:
    def write_array(value: Any, memo: dict[Any, Any]) -> str:
        # One join: for a long array, each copy of the text costs as much as writing it.
        parts = list(map(item, value, itertools.repeat(memo)))
        if not parts:
            return "[]"
        parts[0] = "[" + parts[0]
        parts[-1] += "]"
        return ",".join(parts)

    return write_array


_OPTIONAL_HOOK: Final = "Converter.gen_unstructure_optional.<locals>.unstructure_optional"
"""cattrs' hook for ``X | None``: ``None`` or what the hook of ``X`` gives."""

_SPECIAL: Final = (typing.Final, typing.Annotated)


class _Writers:
    """
    JSON text written straight from values, for the default converter: one generated
    function per attrs class, which puts its fields' text into a template of pre-encoded
    keys, with no dicts and lists in between.

    Each writer stands in for the converter's hook of its type (and that of each field)
    only where it gives the same text as ``json.dumps`` of what the hook returns; any other
    hook is called, and its result encoded as :func:`_dumps` would. A value the writers
    do not expect (the wrong type in a field, a float that is not finite) raises, and
    :func:`to_json` then takes the general path, so the text or the error is the same.

    A writer is called as ``write(value, memo)``, *memo* being the texts of the dates
    written so far in one call, by the date: most dates in a document recur.
    """

    def __init__(self, converter: cattrs.Converter) -> None:
        self._converter = converter
        self._writers: dict[Any, _Writer] = {}

    def write(self, value: Any, cl: Any) -> str:
        return self.writer(value.__class__ if cl is None else cl)(value, {})

    def writer(self, cl: Any) -> _Writer:
        found: _Writer = _made_once(self._writers, cl, self._make)
        return found

    def _make(self, cl: Any) -> _Writer:
        hook = self._converter.get_unstructure_hook(cl)
        if _tag(hook, _FIELDS) is cl and typing.get_origin(cl) is None:
            made = self._fields_writer(cl)
            if made is not None:
                return made
        items = self._items(cl, hook)
        if items is not None:
            return _array_writer(self.writer(items))
        namespace: dict[str, Any] = {}
        expression = self._expression(cl, hook, "x", namespace)
        for name, fn in namespace.items():
            if expression == f"{name}(x, m)":
                result: _Writer = fn
                return result
        result = eval(f"lambda x, m: {expression}", namespace)
        return result

    def _fields_writer(self, cl: type) -> _Writer | None:
        """
        A function that fills an f-string template of *cl*'s JSON object, its keys
        written out: ``f'{{"id":{encode(x0)},"birth_date":"{isoformat(x1)}",…}}'``.
        """
        namespace: dict[str, Any] = {}
        loads, parts = [], []
        for i, field in enumerate(a for a in attrs.fields(cl) if a.init):
            t = field.type
            if t is None or isinstance(t, str | TypeVar) or typing.get_origin(t) in _SPECIAL:
                return None  # cattrs has its own ways with these: not worth repeating here
            hook = self._converter.get_unstructure_hook(t)
            loads.append(f"    x{i} = v.{field.name}\n")
            parts.append(f"{_compact(field.name)}:{self._template(t, hook, f'x{i}', namespace)}")
        source = f"def write(v, m):\n{''.join(loads)}    return f'{{{{{','.join(parts)}}}}}'\n"
        exec(compile(source, f"<json writer {cl.__qualname__}>", "exec"), namespace)
        result: _Writer = namespace["write"]
        return result

    def _name(self, namespace: dict[str, Any], value: Any) -> str:
        name = f"n{len(namespace)}"
        namespace[name] = value
        return name

    def _scalar(self, t: Any, x: str, namespace: dict[str, Any]) -> str:
        if t is str:
            return f"{self._name(namespace, encode_basestring)}({x})"
        if t is bool:
            unusual = self._name(namespace, _unusual)
            return f'("true" if {x} is True else "false" if {x} is False else {unusual}({x}))'
        return f"{self._name(namespace, _int_text if t is int else _float_text)}({x})"

    def _template(self, t: Any, hook: Any, x: str, namespace: dict[str, Any]) -> str:
        """The JSON text of *x* in an f-string template, with its quotes or brackets as text."""
        items = self._items(t, hook)
        if items is not None:
            return f"[{{{self._join(items, x, namespace)}}}]"
        return f"{{{self._expression(t, hook, x, namespace)}}}"

    def _items(self, t: Any, hook: Any) -> Any:
        """The item type of a homogeneous sequence *t*, if *hook* writes one, else ``None``."""
        items = _tag(hook, _ITEMS)
        if items is None and hook is list and _is_homogeneous(t) and _args(t):
            items = _args(t)[0]
        return items

    def _join(self, items: Any, x: str, namespace: dict[str, Any]) -> str:
        item = self._name(namespace, self.writer(items))
        return f'("" if not {x} else ",".join([{item}(i, m) for i in {x}]))'

    def _expression(self, t: Any, hook: Any, x: str, namespace: dict[str, Any]) -> str:
        """Python source for the JSON text of *x*, a value unstructured by *hook* as a *t*."""
        target = _optional_target(t)
        if hook is identity:
            if t in (str, bool, int, float):
                return self._scalar(t, x, namespace)
            if target in (str, bool, int, float):
                return f'("null" if {x} is None else {self._scalar(target, x, namespace)})'
            return f"{self._name(namespace, _compact)}({x})"  # written as it is
        if hook is _unstructure_date:  # a date's text is never empty
            date, text = self._name(namespace, Date), self._name(namespace, _date_text)
            return f"((m.get({x}) if {x}.__class__ is {date} else None) or {text}({x}, m))"
        if hook is _unstructure_datetime or hook is _unstructure_duration:
            encode, text = self._name(namespace, encode_basestring), self._name(namespace, hook)
            return f"{encode}({text}({x}))"
        if hook is _unstructure_enum and _is_enum(t):
            by_id = {id(m): _compact(m._value_) for m in t}
            return f"{self._name(namespace, by_id)}[id({x})]"
        if target is not None and getattr(hook, "__qualname__", None) == _OPTIONAL_HOOK:
            inner = self._converter.get_unstructure_hook(target)
            return f'("null" if {x} is None else {self._expression(target, inner, x, namespace)})'
        items = self._items(t, hook)
        if items is not None:
            return f'("[" + {self._join(items, x, namespace)} + "]")'
        if _tag(hook, _FIELDS) is t and typing.get_origin(t) is None:
            return f"{self._name(namespace, self.writer(t))}({x}, m)"
        return f"{self._name(namespace, _compact)}({self._name(namespace, hook)}({x}))"


@functools.cache
def _default_writers() -> _Writers:
    return _Writers(_default_converter())


# --- reading parsed JSON directly -----------------------------------------------------


class _Readers:
    """
    Values read straight from parsed JSON, for the default converter: one function per
    attrs class, ``read(obj, memo)``, generated from the converter's hooks, which reads
    each field with the hook cattrs would call (the common ones written out inline) and
    calls the class with the same arguments as the hook cattrs generates.

    A reader gives the hook's value for valid input. Anything else raises — any
    exception, never a value — and :func:`from_json` then reads the document the general
    way, which reports every problem: a reader refuses, it never reports. Readers read
    what :mod:`json` parses (dicts, lists, ``str``, ``int``, ``float``, ``bool``,
    ``None``, never subclasses); *memo* is the document's shared values (:data:`_SHARED`).
    """

    def __init__(self, converter: cattrs.Converter) -> None:
        self.converter = converter
        self._readers: dict[Any, Callable[[Any, dict[Any, Any]], Any]] = {}

    def reader(self, cl: Any) -> Callable[[Any, dict[Any, Any]], Any]:
        found: Callable[[Any, dict[Any, Any]], Any] = _made_once(self._readers, cl, self._make)
        return found

    def _make(self, cl: Any) -> Callable[[Any, dict[Any, Any]], Any]:
        hook = self.converter.get_structure_hook(cl)
        reads = _tag(hook, _READS)
        if reads is not None and reads[0] is cl:
            made = self._fields_reader(cl, hook, shared=reads[1])
            if made is not None:
                return made
        return lambda obj, memo: hook(obj, cl)

    def _fields_reader(
        self, cl: type, hook: Callable[[Any, Any], Any], *, shared: bool
    ) -> Callable[[Any, Any], Any] | None:
        """
        A function that reads an object with a key for each field of *cl*, the way
        :func:`to_json` writes it, and calls *cl* with the fields' values. An object
        with fewer or other keys, or no object, is left to *hook*, the converter's hook.

        An object of a *shared* class (one whose fields are all text) is read once per
        document, as :func:`_shared_structure_fn` reads it: the key is the class and the
        raw values, which say as much as the items since the keys are the fields'.
        """
        converter = self.converter
        if (
            not getattr(converter, "forbid_extra_keys", False)
            or getattr(converter, "use_alias", False)
            or converter._prefer_attrib_converters
        ):
            return None  # the hooks cattrs makes then read objects differently
        fields = [a for a in attrs.fields(cl) if a.init]
        namespace: dict[str, Any] = {"cls": cl, "hook": hook}
        lines = [
            f"    if o.__class__ is not dict or len(o) != {len(fields)}:",
            "        return hook(o, cls)",
            # With as many keys as fields, a field's key missing means another is unknown.
            *(f"    x{i} = o[{field.name!r}]" for i, field in enumerate(fields)),
        ]
        values = [f"x{i}" for i in range(len(fields))]
        if shared:
            lines += [
                f"    key = (cls, {', '.join(values)})",
                "    found = memo.get(key)",
                "    if found is not None:",
                "        return found",
            ]
        for field, x in zip(fields, values, strict=True):
            t = field.type
            if t is None or isinstance(t, str | TypeVar) or typing.get_origin(t) in _SPECIAL:
                return None  # cattrs has its own ways with these: not worth repeating here
            lines += self._statements(t, x, "    ", namespace)
        arguments = ", ".join(f"{a.alias}={x}" for a, x in zip(fields, values, strict=True))
        made: Any = cl
        if made.__new__ is object.__new__ and type(cl).__call__ is type.__call__:
            # What calling cls does, without the dict of keyword arguments it makes.
            namespace.update(new=object.__new__, init=made.__init__)
            lines += ["    found = new(cls)", f"    init(found, {arguments})"]
        else:
            lines.append(f"    found = cls({arguments})")
        lines += ["    memo[key] = found", "    return found"] if shared else ["    return found"]
        source = "def read(o, memo):\n" + "".join(line + "\n" for line in lines)
        exec(compile(source, f"<json reader {cl.__qualname__}>", "exec"), namespace)
        result: Callable[[Any, Any], Any] = namespace["read"]
        return result

    def _name(self, namespace: dict[str, Any], value: Any) -> str:
        name = f"n{len(namespace)}"
        namespace[name] = value
        return name

    def _statements(self, t: Any, x: str, pad: str, namespace: dict[str, Any]) -> list[str]:
        """Python statements that replace *x*, parsed JSON, by its value as a *t*."""
        hook = self.converter.get_structure_hook(t)
        call = f"{self._name(namespace, hook)}({x}, {self._name(namespace, t)})"
        if _tag(hook, _SCALAR) is t is str:
            return [
                f"{pad}if {x}.__class__ is not str or not {x}.isascii():",
                f"{pad}    {x} = {call}",
            ]
        if _tag(hook, _SCALAR) is t is bool:
            return [f"{pad}if {x} is not True and {x} is not False:", f"{pad}    {x} = {call}"]
        members = _tag(hook, _MEMBERS)
        if members is not None:
            return [f"{pad}{x} = {self._name(namespace, members)}[{x}]"]
        if hook is _structure_date:  # a date is never false
            return [f"{pad}{x} = memo.get({x}) or {call}"]
        target = _tag(hook, _OPTIONAL)
        if target is not None:
            return [
                f"{pad}if {x} is not None:",
                *self._statements(target, x, pad + "    ", namespace),
            ]
        sequence = _tag(hook, _SEQUENCE)
        if sequence is not None:
            item_type, make = sequence
            item_hook = self.converter.get_structure_hook(item_type)
            if _tag(item_hook, _READS) is not None:
                item = f"{self._name(namespace, self.reader(item_type))}(i, memo)"
            else:
                item = f"{self._name(namespace, item_hook)}(i, {self._name(namespace, item_type)})"
            make_name = self._name(namespace, make)
            return [
                f"{pad}{x} = {make_name}([{item} for i in {x}]) if {x}.__class__ is list else {call}"
            ]
        reads = _tag(hook, _READS)
        if reads is not None and reads[0] is t:
            return [f"{pad}{x} = {self._name(namespace, self.reader(t))}({x}, memo)"]
        return [f"{pad}{x} = {call}"]


@functools.cache
def _default_readers() -> _Readers:
    return _Readers(_default_converter())


# --- reading an array item by item ----------------------------------------------------


_WHITESPACE: Final = re.compile(r"[ \t\n\r]*")


def _skip_whitespace(text: str, at: int) -> int:
    """Where the next token starts: JSON's whitespace skipped, as :mod:`json` does."""
    match = _WHITESPACE.match(text, at)
    return at if match is None else match.end()


def _read_array(readers: _Readers, text: str | bytes | bytearray, cl: Any) -> Any:
    """
    JSON *text* of an array read as a *cl* (a tuple or list), one item at a time: each
    item is parsed and then read by *readers* as the converter's hook for items reads it,
    so only one item's dicts and lists exist at once, not the whole document's (for 10⁵
    households, a gigabyte that Python's garbage collector would otherwise walk again and
    again while the values are built). The value is the one the hook for *cl* gives. Anything else
    raises — another type, another document, a problem in an item — and the caller then
    reads the document whole, which reports every problem.
    """
    sequence = _tag(readers.converter.get_structure_hook(cl), _SEQUENCE)
    if sequence is None:
        raise _Unusual
    item_type, make = sequence
    read_item = readers.reader(item_type)
    if isinstance(text, bytes | bytearray):
        text = bytes(text).decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    scan = make_scanner(typing.cast(Any, json.JSONDecoder(parse_constant=_refuse_constant)))
    skip = _skip_whitespace
    items: list[Any] = []
    memo: dict[Any, Any] = {}
    shared = _SHARED.set(memo)
    try:
        i = skip(text, 0)
        if text[i] != "[":
            raise _Unusual
        i = skip(text, i + 1)
        if text[i] != "]":
            while True:
                item, i = scan(text, i)
                items.append(read_item(item, memo))
                i = skip(text, i)
                if text[i] == "]":
                    break
                if text[i] != ",":
                    raise _Unusual
                i = skip(text, i + 1)
        if skip(text, i + 1) != len(text):
            raise _Unusual
        return make(items)
    finally:
        _SHARED.reset(shared)


# --- errors -----------------------------------------------------------------------------

_IDENTIFIER_RE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)
_FIELD_MESSAGE_RE: Final = re.compile(r"'([A-Za-z_][A-Za-z0-9_]*)' (.+)", re.ASCII | re.DOTALL)
_PERIOD_MESSAGE_RE: Final = re.compile(r"period (\d+): (.+)", re.DOTALL)
_MISSING: Final = object()


def _key_path(path: str, key: object) -> str:
    if isinstance(key, str) and _IDENTIFIER_RE.fullmatch(key):
        return f"{path}.{key}"
    text = key if isinstance(key, str) else repr(key)
    if len(text) > 40:
        text = text[:40] + "…"
    return f"{path}[{json.dumps(text, ensure_ascii=True)}]"


def _child(raw: object, key: object) -> object:
    if isinstance(raw, dict):
        return raw.get(key, _MISSING)
    if isinstance(raw, list | tuple) and isinstance(key, int) and 0 <= key < len(raw):
        return raw[key]
    return _MISSING


def _scalars(raw: object, budget: list[int]) -> Iterable[str]:
    """String forms of the scalar values inside *raw* (bounded), for the leak check."""
    stack = [raw]
    while stack and budget[0] > 0:
        item = stack.pop()
        budget[0] -= 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, str):
            yield item
        elif isinstance(item, int | float) and not isinstance(item, bool):
            yield repr(item)


def _echoes_input(text: str, raw: object) -> bool:
    lowered = text.lower()
    return any(len(value) >= 2 and value.lower() in lowered for value in _scalars(raw, [10_000]))


def _validator_problem(exc: BaseException, path: str, raw: object, cl: Any) -> Problem:
    """
    A problem from a type's own validator or post-init check, without its value.

    Validators name the field they guard (``'capacity' must be >= 1``): the field goes
    into the path, the rest of the message up to any appended value (``: -1``,
    ``(got …)``) is the kind. Whatever still contains a value from the input is replaced
    by a generic kind.
    """
    message = exc.args[0] if exc.args and isinstance(exc.args[0], str) else ""
    origin = typing.get_origin(cl) or cl
    names = {a.name for a in attrs.fields(origin)} if attrs.has(origin) else set()
    if isinstance(raw, dict):
        names |= {k for k in raw if isinstance(k, str)}
    field_match = _FIELD_MESSAGE_RE.match(message)
    if field_match is not None and field_match[1] in names:
        path, message = f"{path}.{field_match[1]}", field_match[2]
        raw = _child(raw, field_match[1]) if isinstance(raw, dict) else raw
    period_match = _PERIOD_MESSAGE_RE.match(message)
    if period_match is not None:
        path = f"{path}.periods[{period_match[1]}]"
        message = re.sub(r" (?:from|to) \S+", "", period_match[2])
    kind = re.split(r": | \(got |\n", message, maxsplit=1)[0].strip().rstrip(".")
    if not kind or len(kind) > 200 or _echoes_input(kind, raw):
        name = getattr(origin, "__name__", "value")
        kind = f"violates a rule of {name}"
    return Problem(path, kind)


def _reroot(problem: Problem, path: str) -> Problem:
    if problem.path == "$" or problem.path.startswith(("$.", "$[")):
        return Problem(path + problem.path[1:], problem.kind)
    return Problem(path, problem.kind)


def _is_household(cl: object) -> bool:
    return isinstance(cl, type) and issubclass(cl, Household)


def _raw_household_problems(raw: dict[Any, Any]) -> list[Problem]:
    """
    The checks of :func:`~jobcenter_core.households.household_problems`, run on the raw
    JSON of a household whose fields did not all structure (so the household's own check
    could not run): duplicate member ids and references to unknown members are then
    reported together with the field problems, not in a second round.
    """
    members = raw.get("members")
    if members.__class__ is not list:
        return []
    problems: list[Problem] = []
    seen: set[str] = set()
    complete = True
    for i, member in enumerate(members):
        person = member.get("person") if member.__class__ is dict else None
        member_id = person.get("id") if person.__class__ is dict else None
        if member_id.__class__ is not str or not member_id.strip():
            complete = False
            continue
        if member_id in seen:
            problems.append(Problem(f"$.members[{i}].person.id", "duplicate member id"))
        seen.add(member_id)
    if not complete:  # an unreadable id could be the one a reference names
        return problems
    for key, fields in (
        ("relationships", ("person", "of")),
        ("care_arrangements", ("carer", "cared_for")),
    ):
        items = raw.get(key)
        if items.__class__ is not list:
            continue
        for i, item in enumerate(items):
            if item.__class__ is not dict:
                continue
            for field in fields:
                ref = item.get(field)
                if ref.__class__ is str and ref not in seen:
                    problems.append(Problem(f"$.{key}[{i}].{field}", "unknown member id"))
    return problems


def _collect(exc: BaseException, path: str, raw: object, cl: Any, out: list[Problem]) -> None:
    target = _optional_target(cl) if raw is not None else None
    if (
        raw is not _MISSING
        and raw.__class__ is not dict
        and (_is_attrs(cl) or (target is not None and _is_attrs(target)))
    ):
        out.append(Problem(path, "expected an object"))
        return
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            _collect(sub, _key_path(path, note.name), _child(raw, note.name), note.type, out)
        for sub in without:
            if isinstance(sub, ForbiddenExtraKeysError):
                out.extend(
                    Problem(_key_path(path, k), "unknown key")
                    for k in sorted(sub.extra_fields, key=str)
                )
            elif isinstance(sub, InvalidInput):
                out.extend(_reroot(p, path) for p in sub.problems)
            elif isinstance(sub, ValueError | TypeError):
                out.append(_validator_problem(sub, path, raw, exc.cl))
            else:
                raise sub
        if with_notes and isinstance(raw, dict) and _is_household(exc.cl):
            known = {p.path for p in out}
            out.extend(
                p
                for p in (_reroot(p, path) for p in _raw_household_problems(raw))
                if p.path not in known
            )
    elif isinstance(exc, IterableValidationError):
        item_notes, without_notes = exc.group_exceptions()
        for sub, inote in item_notes:
            index = inote.index
            sub_path = f"{path}[{index}]" if isinstance(index, int) else _key_path(path, index)
            _collect(sub, sub_path, _child(raw, index), inote.type, out)
        for sub in without_notes:
            _collect(sub, path, raw, cl, out)
    elif isinstance(exc, _Bad):
        out.append(Problem(path, exc.kind))
    elif isinstance(exc, InvalidInput):
        out.extend(_reroot(p, path) for p in exc.problems)
    elif isinstance(exc, KeyError):
        out.append(Problem(path, "required key missing"))
    elif isinstance(exc, RecursionError):
        out.append(Problem(path, "nested too deeply"))
    elif isinstance(exc, ValueError | TypeError | OverflowError):
        out.append(Problem(path, "invalid value"))
    else:
        raise exc


def _structure_at(converter: cattrs.Converter, obj: Any, cl: Any, path: str) -> Any:
    error: InvalidInput | None = None
    shared = _SHARED.set({})  # values shared within this document only
    try:
        return cattrs.Converter.structure(converter, obj, cl)
    except Exception as exc:
        problems: list[Problem] = []
        try:
            _collect(exc, path, obj, cl, problems)
        except RecursionError:
            problems = [Problem(path, "nested too deeply")]
        error = InvalidInput(problems or [Problem(path, "invalid value")])
    finally:
        _SHARED.reset(shared)
    # Raised outside the handler: no chained exception carries the original message.
    raise error


# --- JSON text --------------------------------------------------------------------------


def _refuse_constant(name: str) -> Any:
    raise _Bad("not valid JSON (NaN and Infinity are not JSON numbers)")


def _parse(text: str | bytes | bytearray) -> Any:
    kind: str
    if isinstance(text, bytes | bytearray):
        decoded: str | None = None
        try:
            decoded = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            kind = f"not valid UTF-8 (at byte {exc.start})"
        if decoded is None:  # raised here, so no chained error carries the bytes
            raise InvalidInput.one("$", kind)
        text = decoded
    if not isinstance(text, str):
        raise TypeError(f"expected JSON text as str or bytes, got {type(text).__name__}")
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        kind = f"not valid JSON ({exc.msg.lower()} at line {exc.lineno}, column {exc.colno})"
    except _Bad as exc:
        kind = exc.kind
    except RecursionError:
        kind = "not valid JSON (nested too deeply)"
    except ValueError:
        # e.g. an integer with more digits than Python converts (sys.int_info).
        kind = "not valid JSON (number too large)"
    raise InvalidInput.one("$", kind)


def _dumps(data: Any, indent: int | None) -> str:
    if indent is None:
        return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=indent)


# --- the public functions ---------------------------------------------------------------


def unstructure(value: Any, cl: Any = None, *, converter: cattrs.Converter | None = None) -> Any:
    """
    *value* as JSON-ready data (dicts, lists, strings, numbers, booleans, ``None``).

    >>> from jobcenter_core import LegalReference
    >>> unstructure(LegalReference(law="SGB II", section="7a"))
    {'law': 'SGB II', 'section': '7a', 'paragraph': None, 'sentence': None, 'number': None, 'url': None}
    """
    conv = converter if converter is not None else _default_converter()
    return conv.unstructure(value, unstructure_as=cl)


def structure(data: Any, cl: type[T], *, converter: cattrs.Converter | None = None) -> T:
    """
    JSON-ready *data* as a value of type *cl*; one :class:`InvalidInput` lists every
    problem.

    >>> from jobcenter_core import LegalReference
    >>> structure({"law": "SGB II", "section": "7a"}, LegalReference).section
    '7a'
    >>> structure({"law": "", "section": 7}, LegalReference)
    Traceback (most recent call last):
    ...
    jobcenter_core.errors.InvalidInput: 1 problem in input:
      $.section: expected a string
    """
    conv = converter if converter is not None else _default_converter()
    result: T = _structure_at(conv, data, cl, "$")
    return result


def to_json(
    value: Any,
    cl: Any = None,
    *,
    converter: cattrs.Converter | None = None,
    indent: int | None = None,
) -> str:
    """
    *value* as JSON text: compact by default, byte-identical for equal values.

    Pass *cl* for a generic type whose parameters the value alone does not show
    (``Decision[frozenset[str]]``); *indent* for readable output.

    >>> from jobcenter_core import Decision, Reason
    >>> to_json(Decision(value=frozenset({"b", "a"}), reasons=(Reason(code="x", message="y"),)))
    '{"value":["a","b"],"reasons":[{"code":"x","message":"y","reference":null}],"missing":[]}'
    """
    if converter is None and indent is None:
        try:
            return _default_writers().write(value, cl)
        except Exception:
            pass  # an unusual value: written below as the hooks write it, or refused as they do
    conv = converter if converter is not None else _default_converter()
    return _dumps(conv.unstructure(value, unstructure_as=cl), indent)


def from_json(text: str | bytes, cl: type[T], *, converter: cattrs.Converter | None = None) -> T:
    """
    JSON *text* (``str``, or UTF-8 ``bytes``) as a value of type *cl*.

    Any problem — invalid UTF-8, invalid or truncated JSON, numbers out of range, unknown
    or missing keys, wrong types, impossible dates, naive date-times, values a type's
    validators refuse, duplicate or unknown member ids — ends in one
    :class:`~jobcenter_core.errors.InvalidInput` that lists every problem found with its
    JSON path. No partial value is returned.

    >>> from jobcenter_core import Decision
    >>> from_json('{"value": ["b", "a"], "reasons": [], "missing": []}', Decision[frozenset[str]]).value == {"a", "b"}
    True
    >>> from_json(b'{"value": tru', Decision[bool])
    Traceback (most recent call last):
    ...
    jobcenter_core.errors.InvalidInput: 1 problem in input:
      $: not valid JSON (expecting value at line 1, column 11)
    """
    conv = converter if converter is not None else _default_converter()
    if converter is None:
        try:
            value: T = _read_array(_default_readers(), text, cl)
            return value
        except Exception:
            pass  # not an array, or a problem in it: read whole below, to report every problem
    result: T = _structure_at(conv, _parse(text), cl, "$")
    return result


def _type_name(cl: Any) -> str:
    if cl is None or cl is types.NoneType:
        return "None"
    if cl is Ellipsis:
        return "..."
    origin = typing.get_origin(cl)
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_type_name(a) for a in _args(cl))
    if origin is not None:
        return f"{_type_name(origin)}[{', '.join(_type_name(a) for a in _args(cl))}]"
    name = getattr(cl, "__name__", None)
    return name if isinstance(name, str) else repr(cl)


def dump_document(
    value: Any,
    cl: Any = None,
    *,
    converter: cattrs.Converter | None = None,
    indent: int | None = None,
) -> str:
    """
    *value* as a versioned JSON document: ``{"schema": "jobcenter_core/1", "type": …,
    "data": …}``, so stored data can be recognised and migrated.

    >>> from jobcenter_core import LegalReference
    >>> dump_document(LegalReference(law="SGB II", section="7a"))
    '{"schema":"jobcenter_core/1","type":"LegalReference","data":{"law":"SGB II","section":"7a","paragraph":null,"sentence":null,"number":null,"url":null}}'
    """
    conv = converter if converter is not None else _default_converter()
    type_name = _type_name(cl if cl is not None else type(value))
    data = conv.unstructure(value, unstructure_as=cl)
    return _dumps({"schema": SCHEMA, "type": type_name, "data": data}, indent)


_NOT_DOMAIN_MODULES: Final = frozenset({"__main__", "serialization", "strategies", "testing"})


def _public_type(name: str) -> Any:
    """The public attrs class of the library called *name*, or ``None``."""
    import importlib
    import pkgutil

    import jobcenter_core  # the package imports this module: import late

    found: set[Any] = set()
    modules = [jobcenter_core] + [
        importlib.import_module(f"jobcenter_core.{info.name}")
        for info in sorted(pkgutil.iter_modules(jobcenter_core.__path__), key=lambda i: i.name)
        if info.name not in _NOT_DOMAIN_MODULES and not info.name.startswith("_")
    ]
    for module in modules:
        if name in getattr(module, "__all__", ()):
            candidate = getattr(module, name)
            if isinstance(candidate, type) and attrs.has(candidate):
                found.add(candidate)
    return found.pop() if len(found) == 1 else None


def load_document(
    text: str | bytes, cl: Any = None, *, converter: cattrs.Converter | None = None
) -> Any:
    """
    A value from a document written by :func:`dump_document`.

    With *cl* the document must hold that type; without it, the ``"type"`` must name a
    public attrs class of :mod:`jobcenter_core`. A document of another schema version is
    refused with a clear :class:`~jobcenter_core.errors.InvalidInput`.

    >>> from jobcenter_core import LegalReference
    >>> load_document(dump_document(LegalReference(law="AZAV", section="3")))
    LegalReference(law='AZAV', section='3', paragraph=None, sentence=None, number=None, url=None)
    >>> load_document('{"schema": "jobcenter_core/0", "type": "Person", "data": {}}')
    Traceback (most recent call last):
    ...
    jobcenter_core.errors.InvalidInput: 1 problem in input:
      $.schema: unsupported schema version (this library reads 'jobcenter_core/1')
    """
    conv = converter if converter is not None else _default_converter()
    document = _parse(text)
    if document.__class__ is not dict:
        raise InvalidInput.one("$", "expected a document object with schema, type and data")
    problems = [
        Problem(_key_path("$", k), "unknown key") for k in document if k not in _DOCUMENT_KEYS
    ]
    problems += [
        Problem(f"$.{k}", "required key missing") for k in _DOCUMENT_KEYS if k not in document
    ]
    if problems:
        raise InvalidInput(problems)
    if document["schema"] != SCHEMA:
        raise InvalidInput.one(
            "$.schema", f"unsupported schema version (this library reads {SCHEMA!r})"
        )
    type_name = document["type"]
    if cl is None:
        cl = _public_type(type_name) if isinstance(type_name, str) else None
        if cl is None:
            raise InvalidInput.one("$.type", "not a public type of jobcenter_core")
    elif type_name != _type_name(cl):
        raise InvalidInput.one("$.type", f"expected a document of type {_type_name(cl)!r}")
    return _structure_at(conv, document["data"], cl, "$.data")
