"""
JSON text: parsed strictly, written compactly.

:func:`parse` reads ``str`` or UTF-8 ``bytes`` with the :mod:`json` module and refuses
what is not JSON — invalid UTF-8, invalid or truncated text, ``NaN`` and ``Infinity``,
numbers too long to read, nesting too deep — with one
:class:`~jobcenter_core.errors.InvalidInput` at ``$``. An object that names a key twice
is refused too (I-JSON, RFC 7493 § 2.3: readers disagree about which value wins), with
one problem at each repeated key:

>>> from jobcenter_core.serialization.text import dump, parse
>>> parse(b'{"id": "p-1"}')
{'id': 'p-1'}
>>> parse('{"id": NaN}')
Traceback (most recent call last):
...
jobcenter_core.errors.InvalidInput: 1 problem in input:
  $: not valid JSON (NaN and Infinity are not JSON numbers)
>>> parse('{"id": "p-1", "languages": [{"language": "uk", "language": "de"}]}')
Traceback (most recent call last):
...
jobcenter_core.errors.InvalidInput: 1 problem in input:
  $.languages[0].language: duplicate key

:func:`dump` writes JSON-ready data compactly (or indented), keeping non-ASCII text as
it is and refusing ``NaN`` and ``Infinity``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Final

from jobcenter_core.errors import InvalidInput, Problem
from jobcenter_core.serialization.problems import Refused, key_path

__all__ = [
    "DuplicateKey",
    "compact",
    "dump",
    "object_without_duplicates",
    "parse",
    "refuse_constant",
]

compact: Final[Callable[[Any], str]] = json.JSONEncoder(
    ensure_ascii=False, allow_nan=False, separators=(",", ":")
).encode
"""JSON-ready data as compact text: what :func:`dump` writes without an indent."""


def refuse_constant(name: str) -> Any:
    """The ``parse_constant`` of :mod:`json`: ``NaN`` and ``Infinity`` are not JSON."""
    raise Refused("not valid JSON (NaN and Infinity are not JSON numbers)")


class DuplicateKey(ValueError):
    """An object names a key twice: :func:`parse` then finds where."""


def object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """
    The ``object_pairs_hook`` of :mod:`json`: the object as a dict, or
    :class:`DuplicateKey` if a key repeats.

    >>> from jobcenter_core.serialization.text import object_without_duplicates
    >>> object_without_duplicates([("a", 1), ("a", 2)])
    Traceback (most recent call last):
    ...
    jobcenter_core.serialization.text.DuplicateKey: duplicate key
    """
    found = dict(pairs)
    if len(found) < len(pairs):
        raise DuplicateKey("duplicate key")
    return found


class _Pairs(list[tuple[str, Any]]):
    """An object's pairs as :mod:`json` read them, duplicates kept."""


def _duplicates(tree: Any, out: list[Problem]) -> None:
    """Append to *out* each repeated key in *tree*, in document order."""
    stack: list[tuple[Any, str, bool]] = [(tree, "$", False)]
    while stack:
        node, path, repeated = stack.pop()
        if repeated:
            out.append(Problem(path, "duplicate key"))
        children: list[tuple[Any, str, bool]] = []
        if isinstance(node, _Pairs):
            seen: set[str] = set()
            for key, value in node:
                children.append((value, key_path(path, key), key in seen))
                seen.add(key)
        elif isinstance(node, list):
            children = [(item, f"{path}[{i}]", False) for i, item in enumerate(node)]
        stack.extend(reversed(children))


def _duplicate_key_problems(text: str) -> list[Problem]:
    """Every repeated key of *text* (valid JSON) by path, in document order."""
    tree = json.loads(text, parse_constant=refuse_constant, object_pairs_hook=_Pairs)
    problems: list[Problem] = []
    _duplicates(tree, problems)
    return problems


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
        return json.loads(
            text, parse_constant=refuse_constant, object_pairs_hook=object_without_duplicates
        )
    except DuplicateKey:
        kind = ""
    except json.JSONDecodeError as exc:
        kind = f"not valid JSON ({exc.msg.lower()} at line {exc.lineno}, column {exc.colno})"
    except Refused as exc:
        kind = exc.kind
    except RecursionError:
        kind = "not valid JSON (nested too deeply)"
    except ValueError:
        # e.g. an integer with more digits than Python converts (sys.int_info).
        kind = "not valid JSON (number too large)"
    if not kind:  # outside the handler, so no chained error carries the text
        raise InvalidInput(_duplicate_key_problems(text))
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
