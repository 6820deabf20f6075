"""
Field validators and converters shared by every value type, written once.

A validator guards one field's invariant (an id is not blank, a capacity is at least 1,
an end comes after its start); business conditions live in rule functions (DESIGN.md,
rule 1). Every message names the field and what was expected, in the style of attrs'
own validators. A message shows the offending value only where the value cannot be
personal data (a count, a capacity); text fields are never echoed.

>>> import attrs
>>> @attrs.frozen(kw_only=True)
... class Room:
...     id: str = attrs.field(validator=non_empty)
...     seats: int = attrs.field(validator=whole_number(minimum=1))
>>> Room(id=" ", seats=3)
Traceback (most recent call last):
...
ValueError: 'id' must be a non-empty string
>>> Room(id="r-1", seats=0)
Traceback (most recent call last):
...
ValueError: 'seats' must be >= 1 (got 0)
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable
from typing import Any

import attrs

__all__ = [
    "end_after_start",
    "in_range",
    "instance_of",
    "is_language_code",
    "items_of",
    "language_code",
    "language_codes",
    "non_empty",
    "not_empty",
    "optional_non_empty",
    "unique",
    "whole_number",
]


def non_empty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """A non-empty string that is not only white space (an id, a title, a name)."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name!r} must be a non-empty string")


def optional_non_empty(
    instance: object, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    """``None``, or a string as :func:`non_empty` wants it."""
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise ValueError(f"{attribute.name!r} must be a non-empty string when given")


def is_language_code(value: object) -> bool:
    """
    Whether *value* is a lower-case ISO 639 code of two or three letters.

    >>> is_language_code("uk"), is_language_code("DE"), is_language_code("ukr1")
    (True, False, False)
    """
    return (
        isinstance(value, str)
        and 2 <= len(value) <= 3
        and value.isascii()
        and value.isalpha()
        and value.islower()
    )


def language_code(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """An ISO 639 language code such as ``"uk"`` or ``"de"``."""
    if not is_language_code(value):
        raise ValueError(f"{attribute.name!r} must be an ISO 639 code such as 'uk' or 'de'")


def language_codes(
    instance: object, attribute: attrs.Attribute[Collection[str]], value: Collection[str]
) -> None:
    """A collection of ISO 639 language codes."""
    if not all(is_language_code(code) for code in value):
        raise ValueError(f"{attribute.name!r} must hold ISO 639 codes such as 'uk'")


def whole_number(*, minimum: int | None) -> Callable[[object, attrs.Attribute[int], int], None]:
    """
    A validator for an ``int`` (not a ``bool``) of at least *minimum* (any ``int`` when
    *minimum* is ``None``): a count, a capacity, a priority. The value is shown, since
    such numbers are never personal.
    """

    def check(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueError(f"{attribute.name!r} must be an integer (got {type(value).__name__})")
        if minimum is not None and value < minimum:
            raise ValueError(f"{attribute.name!r} must be >= {minimum} (got {value})")

    return check


def not_empty(what: str) -> Callable[[object, attrs.Attribute[Any], Any], None]:
    """A validator for a collection that must hold at least one *what*."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not value:
            raise ValueError(f"{attribute.name!r} must name at least one {what}")

    return check


def unique(
    key: Callable[[Any], Hashable], what: str
) -> Callable[[object, attrs.Attribute[Any], Any], None]:
    """
    A validator for a collection in which no two items share a *key* (an id, a language);
    the message names *what* repeats, never the repeated value.

    >>> @attrs.frozen
    ... class Day:
    ...     slots: tuple[str, ...] = attrs.field(validator=unique(lambda s: s, "slot"))
    >>> Day(("a", "a"))
    Traceback (most recent call last):
    ...
    ValueError: 'slots' lists a slot twice
    """

    def check(instance: object, attribute: attrs.Attribute[Any], value: Collection[Any]) -> None:
        keys = [key(item) for item in value]
        if len(keys) != len(set(keys)):
            raise ValueError(f"{attribute.name!r} lists a {what} twice")

    return check


def end_after_start(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The *end* field of a value whose ``start`` field is set before it: strictly later."""
    if not value > instance.start:
        raise ValueError(f"{attribute.name!r} must be after 'start'")


def _type_name(cls: type | tuple[type, ...]) -> str:
    if isinstance(cls, tuple):
        return " or ".join(c.__name__ for c in cls)
    return cls.__name__


def instance_of(
    cls: type | tuple[type, ...],
) -> Callable[[object, attrs.Attribute[Any], Any], None]:
    """
    A validator for a field that must hold a *cls* (an enum member, a value type); the
    message names the field, the expected type and the type given, never the value.

    >>> import enum
    >>> class Colour(enum.Enum):
    ...     RED = "red"
    >>> @attrs.frozen
    ... class Pen:
    ...     colour: Colour = attrs.field(validator=instance_of(Colour))
    >>> Pen("red")
    Traceback (most recent call last):
    ...
    TypeError: 'colour' must be a Colour (got str)
    """
    expected = _type_name(cls)

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, cls):
            raise TypeError(f"{attribute.name!r} must be a {expected} (got {type(value).__name__})")

    return check


def items_of(cls: type | tuple[type, ...]) -> Callable[[object, attrs.Attribute[Any], Any], None]:
    """
    A validator for a tuple or frozenset whose every item must be a *cls*; the message
    names the field, the expected type and the type of the first item that is not,
    never its value.

    >>> @attrs.frozen
    ... class Box:
    ...     sizes: tuple[int, ...] = attrs.field(validator=items_of(int))
    >>> Box((1, "2"))
    Traceback (most recent call last):
    ...
    TypeError: 'sizes' must hold int values (got str at index 1)
    """
    expected = _type_name(cls)

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        for index, item in enumerate(value):
            if not isinstance(item, cls):
                where = f" at index {index}" if isinstance(value, tuple) else ""
                raise TypeError(
                    f"{attribute.name!r} must hold {expected} values "
                    f"(got {type(item).__name__}{where})"
                )

    return check


def in_range(
    low: float, high: float, *, unit: str
) -> Callable[[object, attrs.Attribute[Any], Any], None]:
    """
    A validator for a number (``int`` or ``float``, not ``bool``) from *low* to *high*
    inclusive, in *unit*. The message never shows the value: such numbers may be health
    data (hours of work capacity).

    >>> @attrs.frozen
    ... class Capacity:
    ...     hours: float = attrs.field(validator=in_range(0, 24, unit="hours"))
    >>> Capacity(-2.75)
    Traceback (most recent call last):
    ...
    ValueError: 'hours' must be from 0 to 24 hours
    """

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(
                f"{attribute.name!r} must be a number of {unit} (got {type(value).__name__})"
            )
        if not low <= value <= high:
            raise ValueError(f"{attribute.name!r} must be from {low:g} to {high:g} {unit}")

    return check
