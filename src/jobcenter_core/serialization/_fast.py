"""
Engine: the default converter's happy path.

Reading, a second converter made like the default one but without detailed validation
reads the input: cattrs then generates hooks that stop at the first problem instead of
collecting every one, and do less work on the way. It is only ever asked for a value:
whatever it raises, the caller reads the input again with the detailed converter, which
reports every problem. A JSON array is read one item at a time with the :mod:`json`
module's scanner, so that only one item's dicts and lists exist at once, not the whole
document's (for 10⁵ households, a gigabyte that Python's garbage collector would walk
again and again while the values are built).

Writing, an array is written one item at a time with the :mod:`json` module's encoder,
for the same reason.

Both give exactly the values, text and errors of the detailed converter; the
differential tests in ``tests/serialization/test_engine_fast.py`` check that.
"""

from __future__ import annotations

import collections.abc as cabc
import functools
import json
import re
import typing
from json.scanner import make_scanner
from typing import Any, Final

import cattrs

from jobcenter_core.serialization import _shared, text
from jobcenter_core.serialization.converter import JsonConverter, make_converter

__all__ = ["from_json", "structure", "to_json"]


@functools.cache
def _happy_path() -> JsonConverter:
    converter = make_converter()
    converter.detailed_validation = False  # before any hook is made
    return converter


def structure(data: Any, cl: Any) -> Any:
    """*data* as a *cl*, or any exception if there is a problem."""
    with _shared.one_document():
        return _happy_path().get_structure_hook(cl)(data, cl)


def from_json(json_text: str | bytes | bytearray, cl: Any) -> Any:
    """JSON text as a *cl*, or any exception if there is a problem."""
    array = _array_of(cl)
    if array is None:
        return structure(text.parse(json_text), cl)
    item_type, make = array
    with _shared.one_document():
        return make(_read_items(json_text, item_type))


def _array_of(cl: Any) -> tuple[Any, type] | None:
    """The item type and the class of *cl*, if it is a tuple ``tuple[X, ...]`` or a list."""
    origin, args = typing.get_origin(cl), typing.get_args(cl)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0], tuple
    if origin in (list, cabc.MutableSequence) and len(args) == 1:
        return args[0], list
    return None


_WHITESPACE: Final = re.compile(r"[ \t\n\r]*")


class _NotAnArray(Exception):
    """The text is not one JSON array (the caller parses it whole, and reports why)."""


def _read_items(json_text: str | bytes | bytearray, item_type: Any) -> list[Any]:
    if isinstance(json_text, bytes | bytearray):
        json_text = bytes(json_text).decode("utf-8")
    if json_text.startswith("\ufeff"):
        json_text = json_text[1:]
    scan = make_scanner(typing.cast(Any, json.JSONDecoder(parse_constant=text.refuse_constant)))
    skip = _WHITESPACE.match
    read = _happy_path().get_structure_hook(item_type)
    items: list[Any] = []
    i = skip(json_text).end()  # type: ignore[union-attr]
    if json_text[i] != "[":
        raise _NotAnArray
    i = skip(json_text, i + 1).end()  # type: ignore[union-attr]
    if json_text[i] != "]":
        while True:
            item, i = scan(json_text, i)
            items.append(read(item, item_type))
            i = skip(json_text, i).end()  # type: ignore[union-attr]
            if json_text[i] == "]":
                break
            if json_text[i] != ",":
                raise _NotAnArray
            i = skip(json_text, i + 1).end()  # type: ignore[union-attr]
    if skip(json_text, i + 1).end() != len(json_text):  # type: ignore[union-attr]
        raise _NotAnArray
    return items


def to_json(value: Any, cl: Any, converter: cattrs.Converter) -> str:
    """*value* as compact JSON text, as *converter* writes it."""
    array = _array_of(cl) if cl is not None else None
    if array is None and cl is None and value.__class__ in (tuple, list):
        array = (None, value.__class__)
    if array is None:
        return text.compact(converter.unstructure(value, unstructure_as=cl))
    item_type = array[0]
    write = (
        converter.unstructure if item_type is None else converter.get_unstructure_hook(item_type)
    )
    encode = text.compact
    return "[" + ",".join([encode(write(item)) for item in value]) + "]"
