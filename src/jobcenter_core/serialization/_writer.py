"""
Engine: JSON text written straight from the values, without building dicts.

The converter writes a value in two steps: cattrs' hooks unstructure it into dicts and
lists, and :mod:`json` encodes those, so every object of a caseload is built twice,
once as a dict and once as text, and the dicts alone take longer to encode than
pydantic takes to write the same objects. This engine writes the text directly:
exactly the text of the two steps, byte for byte.

For each type it makes, once, an *encoder*: a function from a value to its JSON text,
chosen by the type and by the converter's hook for it. An attrs class has a template:
the texts between its values, keys already encoded (``{"id":``, ``,"birth_date":``,
…), and for each value its attribute path and its encoder. A field holding a plain
attrs class is part of the template (``person.birth_date``), so that a member and its
person are one template. An object is written by fetching its values with one
:func:`operator.attrgetter`, encoding them with ``map(operator.call, encoders,
values)`` and joining them with the texts between; an object of up to three values
calls its encoders directly. Many encoders are C functions, so that no Python code runs
for the value at all: :mod:`json`'s own string encoder for text, and for the value of
an enum fetched as ``sex._value_``; a dictionary of dates' texts by day for a date.
Booleans, numbers, optionals, arrays, sets, tagged unions, instants, durations and
rosters have small Python encoders.

An encoder returns exactly the text of the converter and :mod:`json`, or raises; the
encoder of the object or array around it then writes that value with the converter's
hook and :mod:`json`. So a value the engine does not know (a type it has no encoder
for, a value of a type its field does not declare, a float that json refuses) is
written, or refused, exactly as before, only slower. The differential tests in
``tests/serialization/test_engine_writer.py`` check the text against
``json.dumps(converter.unstructure(value))`` for every strategy of
:mod:`jobcenter_core.testing`, and for the same values with unusual fields.
"""

from __future__ import annotations

import datetime as _dt
import json.encoder
import operator
import threading
import typing
from collections.abc import Callable, Iterator
from typing import Any, Final, TypeVar

import attrs
import cattrs
from cattrs.fns import identity
from pendulum import Date

from jobcenter_core.enrolment import OfferState, RosterSnapshot
from jobcenter_core.serialization import scalars
from jobcenter_core.serialization.converter import pairs_value
from jobcenter_core.serialization.text import compact
from jobcenter_core.serialization.unions import TAG, optional_target, tagged_members

__all__ = ["Writer"]

Encoder = Callable[[Any], str]
"""A value's JSON text, or an exception when the value is not one the encoder knows."""

_string: Final[Encoder] = json.encoder.encode_basestring
"""A ``str`` as a JSON string, as :mod:`json` writes it (C); anything else raises."""

_call: Final = operator.call
_isoformat: Final[Callable[[_dt.date], str]] = _dt.date.isoformat


# --- scalars: exactly what json writes for a value the hook leaves as it is ----------------


def _boolean(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    raise TypeError("not a bool")


def _number(value: Any) -> str:
    """An ``int`` or a finite ``float``, as json writes it."""
    if value.__class__ is int:
        return int.__repr__(value)
    if value.__class__ is float and value - value == 0.0:  # finite
        return float.__repr__(value)
    raise TypeError("not an int or a finite float")


def _or_null(encode: Encoder) -> Encoder:
    def encode_optional(value: Any) -> str:
        return "null" if value is None else encode(value)

    return encode_optional


_AS_IS: Final[dict[Any, Encoder]] = {str: _string, bool: _boolean, int: _number, float: _number}
"""The encoders of the types whose hook is the identity (a float field may hold an int)."""

_AS_IS_OR_NULL: Final[dict[Any, Encoder]] = {
    str: _or_null(_string),
    bool: _or_null(_boolean),
    int: _or_null(_number),
    float: _or_null(_number),
}
"""The same for ``X | None``, whose hook is the identity too."""


def _enum_texts(t: Any) -> dict[str, str]:
    """The texts of the values of an enum whose values are all strings, by value."""
    return {m.value: _string(m.value) for m in t}


def _enum(t: Any, *, optional: bool = False) -> Encoder:
    """A member of enum *t* (or ``None``, if *optional*) by its value's text."""
    texts = _enum_texts(t)

    def encode_enum(value: Any) -> str:
        if optional and value is None:
            return "null"
        return texts[value._value_]

    return encode_enum


_DATES: Final = 100_000
"""How many dates' texts a writer keeps (about 270 years of days)."""


class _Day(Date):
    """
    A day as a key of :class:`_DateTexts`. A date looked up is compared with the key,
    by the key, which compares dates by their day: a date subclass that claims to equal
    every date is not asked, as it would be if the key were of a class it derives from.
    """

    __slots__ = ()


class _DateTexts(dict[Any, str]):
    """
    The texts of dates, as ``date.isoformat`` and json write them (``"2022-06-21"``),
    and ``null`` for ``None`` if *null*: found by ``__getitem__`` in C, made once per
    day (of at most ``_DATES`` days at a time). Anything but a date (or ``None``)
    raises.
    """

    __slots__ = ("_fixed",)

    def __init__(self, *, null: bool = False) -> None:
        self._fixed = {None: "null"} if null else {}
        super().__init__(self._fixed)

    def __missing__(self, value: Any) -> str:
        text = '"' + _isoformat(value) + '"'  # raises for anything but a date
        if len(self) >= _DATES:
            self.clear()
            self.update(self._fixed)
        self[_Day.fromordinal(_dt.date.toordinal(value))] = text
        return text


def _is_str_enum(t: Any) -> bool:
    return scalars.is_enum(t) and all(m.value.__class__ is str for m in t)


def _array_item(t: Any) -> Any:
    """``X`` for ``tuple[X, ...]`` and ``list[X]``, else ``None``."""
    origin, args = typing.get_origin(t), typing.get_args(t)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0]
    if origin is list and len(args) == 1:
        return args[0]
    return None


def _set_item(t: Any) -> Any:
    """``X`` for ``frozenset[X]`` and ``set[X]``, else ``None``."""
    origin, args = typing.get_origin(t), typing.get_args(t)
    return args[0] if origin in (frozenset, set) and len(args) == 1 else None


_RUNTIME: Final = object()
"""The type of a field that has none (or an unbound type variable): cattrs then writes
the value by its own class."""


class _Template:
    """
    The text of an attrs object: constant texts (``{"id":``, ``,"sex":`` …, ``}``) and
    between each two of them a value, fetched by its attribute path and encoded.
    """

    def __init__(self) -> None:
        self.texts = [""]
        self.paths: list[str] = []
        self.encoders: list[Encoder] = []

    def text(self, text: str) -> None:
        self.texts[-1] += text

    def value(self, path: str, encode: Encoder) -> None:
        self.paths.append(path)
        self.encoders.append(encode)
        self.texts.append("")

    def compile(self, fallback: Encoder, *, optional: bool = False) -> Encoder:
        """
        The encoder of the object (and of ``None`` as ``null``, if *optional*); a value
        it cannot write is written by *fallback*.

        Objects of up to three values (a language skill, a residence status, a
        relationship: most objects of a caseload) have encoders of their own that call
        each value's encoder directly, about twice as fast as the general one.
        """
        texts, paths, encoders = self.texts, self.paths, self.encoders
        if not paths:
            (t0,) = texts
            return lambda value: "null" if optional and value is None else t0
        if len(paths) == 1:
            (t0, t1), (e0,), get_one = texts, encoders, operator.attrgetter(*paths)

            def encode_one(value: Any) -> str:
                if optional and value is None:
                    return "null"
                try:
                    return f"{t0}{e0(get_one(value))}{t1}"
                except Exception:
                    return fallback(value)

            return encode_one
        get = operator.attrgetter(*paths)
        if len(paths) == 2:
            (t0, t1, t2), (e0, e1) = texts, encoders

            def encode_two(value: Any) -> str:
                if optional and value is None:
                    return "null"
                try:
                    v0, v1 = get(value)
                    return f"{t0}{e0(v0)}{t1}{e1(v1)}{t2}"
                except Exception:
                    return fallback(value)

            return encode_two
        if len(paths) == 3:
            (t0, t1, t2, t3), (e0, e1, e2) = texts, encoders

            def encode_three(value: Any) -> str:
                if optional and value is None:
                    return "null"
                try:
                    v0, v1, v2 = get(value)
                    return f"{t0}{e0(v0)}{t1}{e1(v1)}{t2}{e2(v2)}{t3}"
                except Exception:
                    return fallback(value)

            return encode_three
        # texts and values alternating: the values' places are filled on each call
        pieces: list[str | None] = [None] * (2 * len(texts) - 1)
        pieces[::2] = texts
        all_encoders = tuple(encoders)

        def encode_object(value: Any) -> str:
            if optional and value is None:
                return "null"
            try:
                parts = pieces.copy()
                parts[1::2] = map(_call, all_encoders, get(value))
                return "".join(parts)  # type: ignore[arg-type]
            except Exception:
                return fallback(value)

        return encode_object


class Writer:
    """
    Compact JSON text of values exactly as *converter* (configured by
    :func:`~jobcenter_core.serialization.configure_converter`, and not changed
    afterwards) and :mod:`json` write them.

    The encoder of each type is made on first use and kept: a cache by type, which
    changes no result.
    """

    def __init__(self, converter: cattrs.Converter) -> None:
        self._converter = converter
        self._encoders: dict[Any, Encoder] = {}
        self._building: dict[Any, Encoder] = {}
        self._lock = threading.RLock()
        self._dates = _DateTexts()
        self._optional_dates = _DateTexts(null=True)

    def write(self, value: Any, cl: Any = None) -> str:
        """*value* as compact JSON text, as ``json`` writes ``converter.unstructure(value, cl)``."""
        try:
            return self.encoder(value.__class__ if cl is None else cl)(value)
        except Exception:
            if isinstance(value, Iterator):  # read once: its error is the hook's
                raise
            return compact(self._converter.unstructure(value, unstructure_as=cl))

    def encoder(self, t: Any) -> Encoder:
        """The encoder of values of type *t*."""
        found = self._encoders.get(t)
        if found is not None:
            return found
        with self._lock:
            found = self._encoders.get(t) or self._building.get(t)
            if found is not None:
                return found
            # A type that contains itself (a rule of rules) finds its own encoder
            # through the cache, once it is made.
            self._building[t] = lambda value: self._encoders[t](value)
            try:
                found = self._encoders[t] = self._make(t)
            finally:
                del self._building[t]
            return found

    # --- making encoders ----------------------------------------------------------------

    def _hook(self, t: Any) -> Callable[[Any], Any]:
        if t is _RUNTIME:
            return self._converter.unstructure
        return self._converter.get_unstructure_hook(t)

    def _general(self, t: Any) -> Encoder:
        """The converter's hook and json: right for every value, and slow."""
        hook = self._hook(t)
        return lambda value: compact(hook(value))

    def _make(self, t: Any) -> Encoder:
        if t is _RUNTIME:
            return lambda value: self.encoder(value.__class__)(value)
        hook = self._hook(t)
        if hook is identity:
            target = optional_target(t)
            if target in _AS_IS_OR_NULL:
                return _AS_IS_OR_NULL[target]
            return _AS_IS.get(t) or self._general(t)
        if hook is _isoformat:
            return self._dates.__getitem__
        if hook is scalars.unstructure_enum:
            return _enum(t) if _is_str_enum(t) else self._general(t)
        if hook in (
            scalars.unstructure_datetime,
            scalars.unstructure_datetime_rfc3339,
            scalars.unstructure_duration,
        ):
            return lambda value: _string(hook(value))
        if t is OfferState:
            snapshot = self.encoder(RosterSnapshot)
            return lambda state: snapshot(state.snapshot())
        members = tagged_members(t)
        if members is not None:
            return self._tagged(t, members)
        general = self._general(t)
        target = optional_target(t)
        if target is not None:
            if self._hook(target) is _isoformat:
                return self._optional_dates.__getitem__
            if self._hook(target) is scalars.unstructure_enum and _is_str_enum(target):
                return _enum(target, optional=True)
            template = self._template(target) if _is_plain_object(target) else None
            if template is not None:
                return template.compile(general, optional=True)
            return _or_null(self.encoder(target))
        value_type = pairs_value(t)
        if value_type is not None:
            return self._pairs(value_type, general)
        if t is tuple or t is list:  # cattrs writes each item by its own class
            return self._array(self.encoder(_RUNTIME), general)
        item = _array_item(t)
        if item is not None:
            return self._array(self.encoder(item), general)
        item = _set_item(t)
        if item is not None:
            return self._set(item, general)
        if _is_plain_object(t):
            template = self._template(t)
            if template is not None:
                return template.compile(general)
        return general

    def _array(self, encode_item: Encoder, general: Encoder) -> Encoder:
        def encode_array(value: Any) -> str:
            if value.__class__ is not tuple and value.__class__ is not list:
                return general(value)  # any other iterable: read once, by the hook
            try:
                if len(value) == 1:  # the most common lengths, without a join
                    return f"[{encode_item(value[0])}]"
                if not value:
                    return "[]"
                return f"[{','.join(map(encode_item, value))}]"
            except Exception:
                return general(value)

        return encode_array

    def _pairs(self, value_type: Any, general: Encoder) -> Encoder:
        """(id, value) pairs as an object keyed by id; an id twice is the hook's error."""
        encode_value = self.encoder(_RUNTIME if value_type is Any else value_type)

        def encode_pairs(value: Any) -> str:
            if value.__class__ is not tuple:
                return general(value)
            try:
                texts = [f"{_string(key)}:{encode_value(item)}" for key, item in value]
            except Exception:
                return general(value)
            if len({key for key, _ in value}) != len(value):
                return general(value)
            return "{" + ",".join(texts) + "}"

        return encode_pairs

    def _set(self, item: Any, general: Encoder) -> Encoder:
        """Sets of text (strings, or enums with text values): sorted as the hook sorts them."""
        if self._hook(item) is identity and item is str:
            value_of: Callable[[Any], Any] | None = None
        elif self._hook(item) is scalars.unstructure_enum and _is_str_enum(item):
            value_of = scalars.unstructure_enum
        else:
            return general

        def encode_set(value: Any) -> str:
            if value.__class__ is not frozenset and value.__class__ is not set:
                return general(value)
            texts = list(value) if value_of is None else list(map(value_of, value))
            if not all(text.__class__ is str for text in texts):
                return general(value)
            return f"[{','.join(map(_string, sorted(texts)))}]"

        return encode_set

    def _tagged(self, t: Any, members: dict[str, Any]) -> Encoder:
        """The object of the value's own class, its class name under ``"$type"`` first."""
        general = self._general(t)
        by_class = {}
        for tag, member in members.items():
            cl = typing.get_origin(member) or member  # written as its own class
            template = self._template(cl, tag=_string(TAG) + ":" + _string(tag))
            by_class[cl] = general if template is None else template.compile(general)

        def encode_tagged(value: Any) -> str:
            if value is None:
                return "null"
            encode = by_class.get(value.__class__)
            return general(value) if encode is None else encode(value)

        return encode_tagged

    def _template(self, cl: Any, *, tag: str | None = None) -> _Template | None:
        """The template of attrs class *cl*; ``None`` if the engine does not know how
        cattrs writes one of its fields."""
        template = _Template()
        return template if self._add_object(template, cl, "", tag) else None

    def _add_object(self, template: _Template, cl: Any, path: str, tag: str | None) -> bool:
        """Add the fields of attrs class *cl* at *path* to *template*; ``False`` if the
        engine does not know how cattrs writes them."""
        fields = _fields(cl)
        if fields is None:
            return False
        template.text("{" + ("" if tag is None else tag))
        separator = "" if tag is None else ","
        for name, t in fields:
            template.text(separator + _string(name) + ":")
            separator = ","
            self._add_value(template, t, f"{path}.{name}" if path else name)
        template.text("}")
        return True

    def _add_value(self, template: _Template, t: Any, path: str) -> None:
        hook = None if t is _RUNTIME else self._hook(t)
        if hook is scalars.unstructure_enum and _is_str_enum(t):
            template.value(path + "._value_", _enum_texts(t).__getitem__)
            return
        if _is_plain_object(t) and self._add_object(template, t, path, None):
            return
        template.value(path, self.encoder(t))


def _is_plain_object(t: Any) -> bool:
    """Whether cattrs writes *t* with the hook it makes for an attrs class."""
    cl = typing.get_origin(t) or t
    return (
        isinstance(cl, type)
        and attrs.has(cl)
        and cl is not OfferState
        and tagged_members(t) is None
    )


def _fields(cl: Any) -> list[tuple[str, Any]] | None:
    """
    The keys of an attrs class (its ``__init__`` fields, in order) with their types as
    cattrs reads them (type variables bound by *cl*'s arguments); ``None`` if a type
    cannot be resolved.
    """
    origin = typing.get_origin(cl) or cl
    try:
        attrs.resolve_types(origin)
    except NameError:
        return None
    bound = dict(zip(getattr(origin, "__parameters__", ()), typing.get_args(cl), strict=False))
    fields: list[tuple[str, Any]] = []
    for a in attrs.fields(origin):
        if not a.init:
            continue
        t = a.type
        if t is None:
            t = _RUNTIME
        elif isinstance(t, TypeVar):
            t = bound.get(t, _RUNTIME)
        elif getattr(t, "__parameters__", ()):
            if not all(p in bound for p in t.__parameters__):
                return None
            t = t[tuple(bound[p] for p in t.__parameters__)]
        fields.append((a.name, t))
    return fields
