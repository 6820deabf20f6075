"""
The type of a value, as JSON writes it, read from the value itself, so that the
library's results can be written without spelling out their generic types.

A value's class says most of it. It leaves open what a generic class holds (a
``Decision`` of what?) and whether a tuple of ``(id, value)`` pairs is one: the value
answers both.

>>> from jobcenter_core import BenefitRegime, Decision
>>> from jobcenter_core.serialization.inference import infer_type
>>> infer_type(Decision(value=BenefitRegime.SGB_II))
jobcenter_core.decisions.Decision[jobcenter_core.rules.regime.BenefitRegime]
>>> infer_type((("p-1", Decision(value=True)), ("p-2", Decision(value=False))))
tuple[tuple[str, jobcenter_core.decisions.Decision[bool]], ...]
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

__all__ = ["infer_type"]


def _pairs_type(value: tuple[Any, ...]) -> Any:
    """``tuple[tuple[str, X], ...]`` if *value* is a non-empty tuple of pairs with
    distinct text ids, else ``None``."""
    if not value:
        return None
    for item in value:
        if item.__class__ is not tuple or len(item) != 2 or item[0].__class__ is not str:
            return None
    if len({key for key, _ in value}) != len(value):
        return None
    kinds = {infer_type(item) for _, item in value}
    item_type = kinds.pop() if len(kinds) == 1 else Any
    return tuple[tuple[str, item_type], ...]  # type: ignore[valid-type]


def _generic_type(value: Any, cls: type) -> Any:
    """*cls* with the type variables its fields hold directly bound from their values."""
    parameters = getattr(cls, "__parameters__", ())
    try:
        attrs.resolve_types(cls)  # as cattrs does: annotations may be strings
    except NameError:
        return cls
    bound: dict[Any, Any] = {}
    for field in attrs.fields(cls):
        if isinstance(field.type, TypeVar) and field.type in parameters:
            found = infer_type(getattr(value, field.name))
            if bound.setdefault(field.type, found) != found:
                return cls
    if set(bound) != set(parameters):
        return cls
    return cls[tuple(bound[p] for p in parameters)]  # type: ignore[index]


def infer_type(value: Any) -> Any:
    """
    The type that writes *value* as the library writes it:

    * an instance of a generic attrs class (``Decision``) with its type parameters
      taken from the fields that hold them (``Decision[BenefitRegime]``);
    * a non-empty tuple of ``(id, value)`` pairs with distinct ids as
      ``tuple[tuple[str, X], ...]``, written as an object keyed by id;
    * anything else as its own class, whose items cattrs writes each by its own class.

    >>> from jobcenter_core.serialization.inference import infer_type
    >>> infer_type(("a", "b")), infer_type(frozenset({"a"}))
    (<class 'tuple'>, <class 'frozenset'>)
    """
    cls = value.__class__
    if cls is tuple:
        return _pairs_type(value) or tuple
    if attrs.has(cls) and bool(getattr(cls, "__parameters__", None)):
        return _generic_type(value, cls)
    return cls
