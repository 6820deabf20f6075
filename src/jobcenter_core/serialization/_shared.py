"""
Engine: equal immutable values within one document are read once and shared.

Most dates in a caseload recur (a birth date, the day of an assessment), and so do small
all-text objects (a language skill, a residence status, a legal reference). While one
document is read (:func:`one_document`), the hooks keep what they have read by its raw
JSON, and an equal raw value gives the same frozen object again: fewer objects to build
and to keep. Nothing is kept once the document is read.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterator
from typing import Any, Final

_MEMO: Final[contextvars.ContextVar[dict[Any, Any] | None]] = contextvars.ContextVar(
    "jobcenter_core_shared_values", default=None
)


@contextlib.contextmanager
def one_document() -> Iterator[None]:
    """Share equal values read inside the ``with`` block, and only there."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def read_once(read: Callable[[str], Any]) -> Callable[[Any, Any], Any]:
    """A structure hook for text: *read* once per distinct text in a document."""

    def structure_text(obj: Any, _: Any) -> Any:
        memo = _MEMO.get()
        if memo is None or obj.__class__ is not str:
            return read(obj)
        found = memo.get(obj)
        if found is None:
            found = memo[obj] = read(obj)
        return found

    return structure_text


def read_object_once(hook: Callable[[Any, Any], Any], cl: Any) -> Callable[[Any, Any], Any]:
    """
    *hook* for a class whose fields are all text or ``null``, reading each distinct
    object once per document. Only objects whose values are all strings or ``null`` can
    be found again — the only ones such a class accepts, and none of them equals an
    object of other values — so a bad object is always read, and refused, on its own.
    """

    def structure_shared(obj: Any, _: Any) -> Any:
        memo = _MEMO.get()
        if memo is None or obj.__class__ is not dict:
            return hook(obj, cl)
        key = (cl, *obj, *obj.values())  # the keys in order, then the values
        try:
            found = memo.get(key)
        except TypeError:  # an array or object inside: not text
            return hook(obj, cl)
        if found is None:
            found = memo[key] = hook(obj, cl)
        return found

    return structure_shared
