"""
Field validators and converters shared by every value type, written once.

A validator guards one field's invariant (an id is not blank, a capacity is at least 1,
an end comes after its start); business conditions live in rule functions (DESIGN.md,
rule 1). Every message names the field and what was expected, in the style of attrs'
own validators. A message shows the offending value only where the value cannot be
personal data (a count, a capacity); text fields are never echoed. A value of the wrong
type raises ``TypeError`` naming the field, the type expected and the type given (never
the value); a value of the right type that breaks the field's rule raises ``ValueError``.

Converters (:func:`as_tuple`, :func:`as_frozenset`, and the date converters of
:mod:`jobcenter_core.dates`) normalise what they can and leave anything else as it
came, so that the field's validator refuses it by name: a converter does not know the
field it converts.

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
>>> Room(id=7, seats=3)
Traceback (most recent call last):
...
TypeError: 'id' must be a str (got int)
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Collection, Hashable, Iterable
from typing import Any, TypeVar

import attrs
from pendulum import Date, DateTime

__all__ = [
    "as_frozenset",
    "as_tuple",
    "aware_instant",
    "calendar_date",
    "end_after_start",
    "in_range",
    "instance_of",
    "is_language_code",
    "items_of",
    "language_code",
    "language_codes",
    "non_empty",
    "not_empty",
    "optional",
    "optional_non_empty",
    "pairs_of",
    "unique",
    "whole_number",
]

T = TypeVar("T")

Validator = Callable[[object, "attrs.Attribute[Any]", Any], None]
"""What attrs calls to check a field: ``(instance, attribute, value)``."""


def _wrong_type(attribute: attrs.Attribute[Any], expected: str, value: object) -> TypeError:
    return TypeError(f"{attribute.name!r} must be {expected} (got {type(value).__name__})")


def non_empty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """A non-empty string that is not only white space (an id, a title, a name)."""
    if value.__class__ is not str and not isinstance(value, str):
        raise _wrong_type(attribute, "a str", value)
    if not value.strip():
        raise ValueError(f"{attribute.name!r} must be a non-empty string")


def optional_non_empty(
    instance: object, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    """``None``, or a string as :func:`non_empty` wants it."""
    if value is None:
        return
    if not isinstance(value, str):
        raise _wrong_type(attribute, "a str or None", value)
    if not value.strip():
        raise ValueError(f"{attribute.name!r} must be a non-empty string when given")


def optional(validator: Validator) -> Validator:
    """
    A validator for an optional field: ``None``, or a value *validator* accepts.

    >>> @attrs.frozen
    ... class Plan:
    ...     sessions: int | None = attrs.field(default=None, validator=optional(whole_number(minimum=1)))
    >>> Plan(None).sessions, Plan(3).sessions
    (None, 3)
    >>> Plan(0)
    Traceback (most recent call last):
    ...
    ValueError: 'sessions' must be >= 1 (got 0)
    """

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            validator(instance, attribute, value)

    return check


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
        if not isinstance(value, str):
            raise _wrong_type(attribute, "a str", value)
        raise ValueError(f"{attribute.name!r} must be an ISO 639 code such as 'uk' or 'de'")


def language_codes(
    instance: object, attribute: attrs.Attribute[Collection[str]], value: Collection[str]
) -> None:
    """A tuple or frozenset of ISO 639 language codes."""
    _STR_ITEMS(instance, attribute, value)
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
            raise _wrong_type(attribute, "an integer", value)
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
        return " or ".join(_type_name(c) for c in cls)
    return "None" if cls is type(None) else cls.__name__


def instance_of(
    cls: type | tuple[type, ...], *, name: str | None = None
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

    An optional field names ``None`` among the types: ``instance_of((Colour, type(None)))``
    says ``'colour' must be a Colour or None (got str)``. A union of many classes may go
    by one *name* (``TargetGroupRule``).
    """
    name = name or _type_name(cls)
    expected = ("an " if name[0] in "AEIOUaeiou" else "a ") + name

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, cls):
            raise _wrong_type(attribute, expected, value)

    return check


def _refuse_item(
    attribute: attrs.Attribute[Any], value: Any, cls: type | tuple[type, ...], expected: str
) -> None:
    for index, item in enumerate(value):
        if not isinstance(item, cls):
            where = f" at index {index}" if isinstance(value, tuple) else ""
            raise TypeError(
                f"{attribute.name!r} must hold {expected} values (got {type(item).__name__}{where})"
            )


def items_of(
    cls: type | tuple[type, ...], *, name: str | None = None
) -> Callable[[object, attrs.Attribute[Any], Any], None]:
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
    >>> Box(3)
    Traceback (most recent call last):
    ...
    TypeError: 'sizes' must be a collection of int values (got int)
    """
    expected = name or _type_name(cls)

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        # Kept to a loop of isinstance: this runs for every tuple field of every value built.
        kind = value.__class__
        if kind is not tuple and kind is not frozenset and not isinstance(value, tuple | frozenset):
            raise _wrong_type(attribute, f"a collection of {expected} values", value)
        for item in value:
            if not isinstance(item, cls):
                _refuse_item(attribute, value, cls, expected)

    return check


_STR_ITEMS = items_of(str)


def pairs_of(
    first: type | tuple[type, ...], second: type | tuple[type, ...], *, what: str
) -> Callable[[object, attrs.Attribute[Any], Any], None]:
    """
    A validator for a tuple of ``(first, second)`` pairs, the rows of a small table
    (birth year and age limit, person id and mobility, session id and placements); *what*
    names a row in the message.

    >>> @attrs.frozen
    ... class Table:
    ...     rows: tuple[tuple[int, str], ...] = attrs.field(validator=pairs_of(int, str, what="(year, name)"))
    >>> Table(((1950, "a"), ("1951", "b")))
    Traceback (most recent call last):
    ...
    TypeError: 'rows' must hold (year, name) pairs (got a pair of str and str at index 1)
    """

    def check(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value.__class__ is not tuple:
            raise _wrong_type(attribute, f"a tuple of {what} pairs", value)
        for index, row in enumerate(value):
            if (
                row.__class__ is not tuple
                or len(row) != 2
                or not isinstance(row[0], first)
                or not isinstance(row[1], second)
            ):
                given = (
                    f"a pair of {type(row[0]).__name__} and {type(row[1]).__name__}"
                    if isinstance(row, tuple) and len(row) == 2
                    else type(row).__name__
                )
                raise TypeError(
                    f"{attribute.name!r} must hold {what} pairs (got {given} at index {index})"
                )

    return check


def as_tuple(items: Iterable[T]) -> tuple[T, ...]:
    """
    The converter of a tuple field: any iterable as a tuple. Anything that is not
    iterable, and a string (whose letters are never meant as the items), is left as it
    came, for the field's validator (:func:`items_of`) to refuse by name.

    >>> as_tuple(["a", "b"]), as_tuple(3), as_tuple("ab")
    (('a', 'b'), 3, 'ab')
    """
    if items.__class__ is tuple:
        return items
    if isinstance(items, str | bytes):
        return items  # type: ignore[return-value]  # refused by the field's validator
    try:
        iterator = iter(items)
    except TypeError:
        return items  # type: ignore[return-value]  # refused by the field's validator
    return tuple(iterator)


def as_frozenset(items: Iterable[T]) -> frozenset[T]:
    """
    The converter of a frozenset field: any iterable of hashable items as a frozenset.
    Anything else, a string included, is left as it came, for the field's validator to
    refuse by name.

    >>> sorted(as_frozenset(["b", "a", "b"])), as_frozenset(3), as_frozenset("uk")
    (['a', 'b'], 3, 'uk')
    """
    if items.__class__ is frozenset:
        return items
    if isinstance(items, str | bytes):
        return items  # type: ignore[return-value]  # refused by the field's validator
    try:
        return frozenset(items)
    except TypeError:  # not iterable, or an item that cannot be hashed
        return items  # type: ignore[return-value]  # refused by the field's validator


def calendar_date(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """
    A :class:`pendulum.Date` that is not a date-time (the converters of
    :mod:`jobcenter_core.dates` turn a ``datetime.date`` into one). Dates may be personal
    (a birth date): the message names the type given, never the value.

    >>> @attrs.frozen
    ... class Visit:
    ...     on: Date = attrs.field(validator=calendar_date)
    >>> Visit("2022-06-21")
    Traceback (most recent call last):
    ...
    TypeError: 'on' must be a date (got str)
    """
    if value.__class__ is not Date and (
        not isinstance(value, Date) or isinstance(value, _dt.datetime)
    ):
        raise _wrong_type(attribute, "a date", value)


def aware_instant(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """
    A zone-aware :class:`pendulum.DateTime` (the converters of :mod:`jobcenter_core.dates`
    turn any aware ``datetime`` into one in Berlin). A naive datetime is refused: guessing
    its zone would be a silent default.

    >>> import datetime
    >>> @attrs.frozen
    ... class Call:
    ...     at: DateTime = attrs.field(validator=aware_instant)
    >>> Call(datetime.datetime(2022, 6, 21, 9))
    Traceback (most recent call last):
    ...
    ValueError: 'at' must be zone-aware (got a naive datetime)
    """
    if not isinstance(value, DateTime):
        if isinstance(value, _dt.datetime) and value.utcoffset() is None:
            raise ValueError(f"{attribute.name!r} must be zone-aware (got a naive datetime)")
        raise _wrong_type(attribute, "a zone-aware datetime", value)
    if value.tzinfo is None:
        raise ValueError(f"{attribute.name!r} must be zone-aware (got a naive datetime)")


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
