"""
Engine: a JSON array read one item at a time.

A document that is one JSON array (a caseload's households, a roster's events) is read
with the :mod:`json` module's scanner one item at a time, each item structured by the
converter's hook for items as soon as it is parsed, so that only one item's dicts and
lists exist at once, not the whole document's. For 10⁵ households those would be a
gigabyte, which the garbage collector walks again and again while the values are being
built.

Reading gives a value or raises — any exception, never a report: the caller then reads
the document whole, which reports every problem. It gives exactly the values and errors
of reading the document whole; the differential tests in
``tests/serialization/test_engine_fast.py`` check that. (Writing has an engine of its
own, :mod:`~jobcenter_core.serialization._writer`.)
"""

from __future__ import annotations

import collections.abc as cabc
import json
import re
import typing
from json.scanner import make_scanner
from typing import Any, Final

import cattrs

from jobcenter_core.serialization import _shared
from jobcenter_core.serialization.converter import pairs_value
from jobcenter_core.serialization.text import object_without_duplicates, refuse_constant

__all__ = ["read_array"]

_WHITESPACE: Final = re.compile(r"[ \t\n\r]*")


class _NotAnArray(Exception):
    """The document is not one array of items (the caller reads it whole)."""


def _array_of(cl: Any) -> tuple[Any, type] | None:
    """The item type and the class of *cl* if it is ``tuple[X, ...]`` or ``list[X]``."""
    origin, args = typing.get_origin(cl), typing.get_args(cl)
    if pairs_value(cl) is not None:  # written as an object
        return None
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return args[0], tuple
    if origin in (list, cabc.MutableSequence) and len(args) == 1:
        return args[0], list
    return None


def read_array(json_text: str | bytes | bytearray, cl: Any, converter: cattrs.Converter) -> Any:
    """
    JSON text of an array as a *cl* (``tuple[X, ...]`` or ``list[X]``), as *converter*
    reads it; any exception if it is something else or has a problem.
    """
    array = _array_of(cl)
    if array is None:
        raise _NotAnArray
    item_type, make = array
    read = converter.get_structure_hook(item_type)
    if isinstance(json_text, bytes | bytearray):
        json_text = bytes(json_text).decode("utf-8")
    if json_text.startswith("\ufeff"):
        json_text = json_text[1:]
    decoder = json.JSONDecoder(
        parse_constant=refuse_constant, object_pairs_hook=object_without_duplicates
    )
    scan = make_scanner(typing.cast(Any, decoder))

    def skip(at: int) -> int:
        """Where the next token starts: JSON's whitespace skipped, as :mod:`json` does."""
        return _WHITESPACE.match(json_text, at).end()  # type: ignore[union-attr]

    items: list[Any] = []
    with _shared.one_document():
        i = skip(0)
        if json_text[i] != "[":
            raise _NotAnArray
        i = skip(i + 1)
        if json_text[i] != "]":
            while True:
                item, i = scan(json_text, i)
                items.append(read(item, item_type))
                i = skip(i)
                if json_text[i] == "]":
                    break
                if json_text[i] != ",":
                    raise _NotAnArray
                i = skip(i + 1)
        if skip(i + 1) != len(json_text):
            raise _NotAnArray
    return make(items)
