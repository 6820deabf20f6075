"""
JSON Schema (draft 2020-12) of the library's JSON, made from the converter that reads
and writes it, so that key names, tags, dates, instants and durations are those really
sent.

:func:`json_schema` gives the schema of one type, :func:`json_schema_document` one
document whose ``$defs`` hold every public type. A small generator walks
:func:`attrs.fields` and follows the rules of
:func:`~jobcenter_core.serialization.configure_converter`:

* an attrs class is an object with one property per ``__init__`` field, the fields
  without a default required, and no other key (``additionalProperties: false``);
* an enum is its values (``enum``); a ``tuple[X, ...]`` an array; a fixed tuple an array
  of exactly its items (``prefixItems``); a set an array without repeats
  (``uniqueItems``); (id, value) pairs and mappings an object; ``X | None`` either;
* a tagged union (a field typed as a union of attrs classes, or as a class with
  subclasses) is ``oneOf`` its classes, each with its name as the constant ``"$type"``
  (``discriminator``, as OpenAPI reads it);
* a date is a ``pattern`` and the format ``date``; an instant a ``pattern`` that
  accepts RFC 3339 and RFC 9557, and the format ``date-time`` if the converter writes
  RFC 3339, else ``rfc9557-date-time``; a duration a ``pattern``.

>>> from jobcenter_core import LanguageSkill
>>> from jobcenter_core.serialization.schema import json_schema, json_schema_document
>>> schema = json_schema(LanguageSkill)
>>> schema["$ref"], schema["$defs"]["LanguageSkill"]["required"]
('#/$defs/LanguageSkill', ['language', 'level'])
>>> schema["$defs"]["CefrLevel"]["enum"]
['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native']

What a schema cannot say (a validator's bound, a date that does not exist, member ids
that must match) is checked by :func:`~jobcenter_core.serialization.from_json` alone;
the JSON guide lists these checks.
"""

from __future__ import annotations

import collections.abc as cabc
import datetime as _dt
import enum
import functools
import re
import types
import typing
from typing import Any, Final, TypeVar

import attrs
import cattrs
from pendulum import Date, DateTime, Duration

from jobcenter_core.enrolment import OfferState, RosterSnapshot
from jobcenter_core.serialization import scalars
from jobcenter_core.serialization.converter import pairs_value
from jobcenter_core.serialization.documents import PUBLIC_TYPES, _default_converter, _type_name
from jobcenter_core.serialization.unions import TAG, optional_target, tagged_members

__all__ = ["DIALECT", "json_schema", "json_schema_document"]

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
"""The JSON Schema dialect of every schema here."""

Schema = dict[str, Any]

_DATE: Final[Schema] = {
    "type": "string",
    "format": "date",
    "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
}
_DATE_TIME_PATTERN: Final = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})(\[!?[A-Za-z0-9_+/:-]{1,64}\])?$"
)
_DURATION: Final[Schema] = {
    "type": "string",
    "pattern": (
        r"^-?P(?!$)([0-9]{1,6}Y)?([0-9]{1,6}M)?([0-9]{1,7}W)?([0-9]{1,9}D)?"
        r"(T(?=[0-9])([0-9]{1,10}H)?([0-9]{1,12}M)?([0-9]{1,14}(\.[0-9]{1,6})?S)?)?$"
    ),
}
_SCALARS: Final[dict[Any, Schema]] = {
    str: {"type": "string"},
    bool: {"type": "boolean"},
    int: {"type": "integer", "minimum": -scalars.MAX_SAFE_INT, "maximum": scalars.MAX_SAFE_INT},
    float: {"type": "number"},
    types.NoneType: {"type": "null"},
    None: {"type": "null"},
    _dt.date: _DATE,
    Date: _DATE,
    _dt.timedelta: _DURATION,
    Duration: _DURATION,
}
_NAME_RE: Final = re.compile(r"[^A-Za-z0-9._-]+")


def _args(t: Any) -> tuple[Any, ...]:
    return typing.get_args(t)


class _Generator:
    """The schemas of types as *converter* writes them, with a ``$defs`` entry per
    class and enum, referred to as *ref_prefix* + name."""

    def __init__(self, converter: cattrs.Converter, ref_prefix: str) -> None:
        self.ref_prefix = ref_prefix
        self.defs: dict[str, Schema] = {}
        self.names: dict[Any, str] = {}
        rfc3339 = converter.get_unstructure_hook(DateTime) is scalars.unstructure_datetime_rfc3339
        self.date_time: Schema = {
            "type": "string",
            "format": "date-time" if rfc3339 else "rfc9557-date-time",
            "pattern": _DATE_TIME_PATTERN,
        }

    # --- names and references -----------------------------------------------------------

    def ref(self, name: str) -> Schema:
        return {"$ref": self.ref_prefix + name}

    def named(self, key: Any, name: str, make: typing.Callable[[], Schema]) -> Schema:
        """A reference to the definition of *key*, made by *make* the first time."""
        found = self.names.get(key)
        if found is None:
            found = name
            taken = set(self.names.values())
            number = 2
            while found in taken:
                found, number = f"{name}{number}", number + 1
            self.names[key] = found
            self.defs[found] = {}  # a class that holds itself finds its own name
            self.defs[found] = make()
        return self.ref(found)

    # --- types ----------------------------------------------------------------------------

    def of(self, t: Any) -> Schema:
        """The schema of values of type *t* (a ``$ref`` for classes and enums)."""
        if t is Any or isinstance(t, TypeVar):
            return {}
        if t in _SCALARS:
            return dict(_SCALARS[t])
        if t in (DateTime, _dt.datetime):
            return dict(self.date_time)
        if t is OfferState:
            return self.of(RosterSnapshot)
        if scalars.is_enum(t):
            return self.named(t, t.__name__, lambda: self.enum(t))
        members = tagged_members(t)
        if members is not None:
            if typing.get_origin(t) in (typing.Union, types.UnionType):
                return self.tagged(t, members)
            return self.named(("tagged", t), t.__name__, lambda: self.tagged(t, members))
        target = optional_target(t)
        if target is not None:
            return {"anyOf": [self.of(target), {"type": "null"}]}
        if typing.get_origin(t) in (typing.Union, types.UnionType):
            return {"anyOf": [self.of(a) for a in _args(t)]}
        value = pairs_value(t)
        if value is not None:
            return {"type": "object", "additionalProperties": self.of(value)}
        origin = typing.get_origin(t) or t
        if attrs.has(origin):
            return self.named(t, self.def_name(t), lambda: self.object(t))
        return self.collection(t, origin)

    def def_name(self, t: Any) -> str:
        if typing.get_origin(t) is None:
            name: str = t.__name__
            return name
        return _NAME_RE.sub("_", _type_name(t)).strip("_.")

    def collection(self, t: Any, origin: Any) -> Schema:
        args = _args(t)
        if origin is tuple and args and Ellipsis not in args:
            return {
                "type": "array",
                "prefixItems": [self.of(a) for a in args],
                "items": False,
                "minItems": len(args),
                "maxItems": len(args),
            }
        if origin in (frozenset, set, cabc.Set, cabc.MutableSet):
            return {
                "type": "array",
                "items": self.of(args[0] if args else Any),
                "uniqueItems": True,
            }
        if origin in (tuple, list, cabc.Sequence, cabc.MutableSequence):
            return {"type": "array", "items": self.of(args[0] if args else Any)}
        if origin in (dict, cabc.Mapping, cabc.MutableMapping):
            key, value = args if args else (str, Any)
            schema: Schema = {"type": "object", "additionalProperties": self.of(value)}
            if scalars.is_enum(key):
                schema["propertyNames"] = self.of(key)
            return schema
        raise TypeError(f"no JSON Schema for {t!r}")

    def enum(self, t: type[enum.Enum]) -> Schema:
        values = [m.value for m in t]
        kinds = {type(v) for v in values}
        schema: Schema = {"title": t.__name__, "enum": values}
        if kinds == {str}:
            schema = {"title": t.__name__, "type": "string", "enum": values}
        return schema

    def fields(self, cl: Any) -> tuple[dict[str, Schema], list[str]]:
        """The properties and required keys of attrs class *cl* (type variables bound)."""
        origin = typing.get_origin(cl) or cl
        attrs.resolve_types(origin)
        bound = dict(zip(getattr(origin, "__parameters__", ()), _args(cl), strict=False))
        properties: dict[str, Schema] = {}
        required: list[str] = []
        for a in attrs.fields(origin):
            if not a.init:
                continue
            t = a.type
            if isinstance(t, TypeVar):
                t = bound.get(t, Any)
            elif getattr(t, "__parameters__", ()):
                t = t[tuple(bound.get(p, Any) for p in t.__parameters__)]
            properties[a.name] = self.of(Any if t is None else t)
            if a.default is attrs.NOTHING:
                required.append(a.name)
        return properties, required

    def object(self, cl: Any, tag: str | None = None) -> Schema:
        properties, required = self.fields(cl)
        if tag is not None:
            properties = {TAG: {"const": tag}, **properties}
            required = [TAG, *required]
        return {
            "title": tag or self.def_name(cl),
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }

    def tagged(self, t: Any, members: dict[str, Any]) -> Schema:
        """``oneOf`` the members, each its object with its name under ``"$type"``."""
        refs = {
            tag: self.named(
                ("variant", member), f"{tag}.tagged", functools.partial(self.object, member, tag)
            )
            for tag, member in members.items()
        }
        variants: list[Schema] = list(refs.values())
        if types.NoneType in _args(t):
            variants.append({"type": "null"})
        return {
            "oneOf": variants,
            "discriminator": {
                "propertyName": TAG,
                "mapping": {tag: ref["$ref"] for tag, ref in refs.items()},
            },
        }


def json_schema(
    as_type: Any, *, converter: cattrs.Converter | None = None, ref_prefix: str = "#/$defs/"
) -> Schema:
    """
    The JSON Schema (draft 2020-12) of values of type *as_type*, as *converter* (by
    default, the library's) writes and reads them: a document with ``$defs`` for
    every class and enum it reaches.

    >>> import pendulum
    >>> from jobcenter_core.serialization.schema import json_schema
    >>> json_schema(tuple[pendulum.Date, ...])["items"]["format"]
    'date'
    >>> from jobcenter_core.serialization import make_converter
    >>> json_schema(pendulum.DateTime, converter=make_converter(instants="rfc3339"))["format"]
    'date-time'
    """
    generator = _Generator(converter or _default_converter(), ref_prefix)
    root = generator.of(as_type)
    return {"$schema": DIALECT, **root, "$defs": dict(sorted(generator.defs.items()))}


def json_schema_document(
    *, converter: cattrs.Converter | None = None, ref_prefix: str = "#/$defs/"
) -> Schema:
    """
    One JSON Schema document whose ``$defs`` hold every public type of the library
    (:data:`~jobcenter_core.serialization.documents.PUBLIC_TYPES`) by its name, with
    the classes and enums they reach. Use ``ref_prefix="#/components/schemas/"`` and
    its ``$defs`` as the components of an OpenAPI 3.1 document.

    >>> from jobcenter_core.serialization.schema import json_schema_document
    >>> document = json_schema_document()
    >>> document["$defs"]["Person"]["additionalProperties"]
    False
    >>> document["$defs"]["OfferState"]
    {'$ref': '#/$defs/RosterSnapshot'}
    """
    generator = _Generator(converter or _default_converter(), ref_prefix)
    roots = {name: generator.of(cl) for name, cl in sorted(PUBLIC_TYPES.items())}
    defs = dict(generator.defs)
    for name, schema in roots.items():
        if name not in defs:
            defs[name] = schema
    return {"$schema": DIALECT, "$defs": dict(sorted(defs.items()))}
