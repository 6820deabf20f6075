"""
JSON text: parsed strictly, written compactly.

:func:`parse` reads ``str`` or UTF-8 ``bytes`` with the :mod:`json` module and refuses
what is not JSON — invalid UTF-8, invalid or truncated text, ``NaN`` and ``Infinity``,
numbers too long to read, nesting too deep — with one
:class:`~jobcenter_core.errors.InvalidInput` at ``$``:

>>> from jobcenter_core.serialization.text import dump, parse
>>> parse(b'{"id": "p-1"}')
{'id': 'p-1'}
>>> parse('{"id": NaN}')
Traceback (most recent call last):
...
jobcenter_core.errors.InvalidInput: 1 problem in input:
  $: not valid JSON (NaN and Infinity are not JSON numbers)

:func:`dump` writes JSON-ready data compactly (or indented), keeping non-ASCII text as
it is and refusing ``NaN`` and ``Infinity``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Final

from jobcenter_core.errors import InvalidInput
from jobcenter_core.serialization.problems import Refused

__all__ = ["compact", "dump", "parse", "refuse_constant"]

compact: Final[Callable[[Any], str]] = json.JSONEncoder(
    ensure_ascii=False, allow_nan=False, separators=(",", ":")
).encode
"""JSON-ready data as compact text: what :func:`dump` writes without an indent."""


def refuse_constant(name: str) -> Any:
    """The ``parse_constant`` of :mod:`json`: ``NaN`` and ``Infinity`` are not JSON."""
    raise Refused("not valid JSON (NaN and Infinity are not JSON numbers)")


def parse(text: str | bytes | bytearray) -> Any:
    """
    JSON *text* (``str``, or UTF-8 ``bytes``, a byte order mark allowed) as dicts,
    lists, strings, numbers, booleans and ``None``; anything else raises
    :class:`~jobcenter_core.errors.InvalidInput` with one problem at ``$``.
    """
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
        return json.loads(text, parse_constant=refuse_constant)
    except json.JSONDecodeError as exc:
        kind = f"not valid JSON ({exc.msg.lower()} at line {exc.lineno}, column {exc.colno})"
    except Refused as exc:
        kind = exc.kind
    except RecursionError:
        kind = "not valid JSON (nested too deeply)"
    except ValueError:
        # e.g. an integer with more digits than Python converts (sys.int_info).
        kind = "not valid JSON (number too large)"
    raise InvalidInput.one("$", kind)


def dump(data: Any, indent: int | None = None) -> str:
    """
    JSON-ready *data* as text: compact, or indented by *indent* spaces.

    >>> dump({"a": [1, "ü"]})
    '{"a":[1,"ü"]}'
    """
    if indent is None:
        return compact(data)
    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=indent)
