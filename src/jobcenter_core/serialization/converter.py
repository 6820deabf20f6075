"""
The library's JSON converter, in cattrs' preconf style: :func:`configure_converter`
configures a :class:`cattrs.Converter` you made, :func:`make_converter` makes a new,
configured :class:`JsonConverter`. There is no global converter.

cattrs does what it does — attrs classes (generic ones included) as objects with
unknown keys forbidden, sequences, tuples, sets and mappings, optionals, unions of JSON
scalars, tagged unions (:mod:`~jobcenter_core.serialization.unions`) — with detailed
validation, so that every problem is found. The library adds what JSON needs and cattrs
has not: strict scalars and pendulum's types
(:mod:`~jobcenter_core.serialization.scalars`), a check that an array is an array and an
object an object before cattrs reads it, sets as sorted arrays so that equal values give
equal bytes, and a roster written as its snapshot.

>>> import pendulum
>>> from jobcenter_core import LanguageSkill, CefrLevel
>>> converter = make_converter()
>>> converter.dumps(LanguageSkill(language="uk", level=CefrLevel.NATIVE))
'{"language":"uk","level":"native"}'
>>> converter.loads('{"language": "uk", "level": "C3"}', LanguageSkill)
Traceback (most recent call last):
...
jobcenter_core.errors.InvalidInput: 1 problem in input:
  $.level: expected one of 'A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'
"""

from __future__ import annotations

import collections.abc as cabc
import datetime as _dt
import json
import types
import typing
from collections.abc import Callable
from typing import Any, Final, Literal

import attrs
import cattrs
from cattrs.cols import (
    homogenous_tuple_structure_factory,
    is_any_set,
    is_mapping,
    is_sequence,
    list_structure_factory,
)
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn
from cattrs.strategies import configure_union_passthrough
from pendulum import Date, DateTime, Duration

from jobcenter_core.enrolment import OfferState, RosterSnapshot
from jobcenter_core.serialization import _shared, scalars
from jobcenter_core.serialization.problems import Refused, structure_reporting
from jobcenter_core.serialization.text import dump, parse
from jobcenter_core.serialization.unions import (
    configure_tagged_unions,
    optional_target,
    tagged_members,
)

__all__ = [
    "InstantFormat",
    "JsonConverter",
    "configure_converter",
    "make_converter",
    "pairs_value",
]

InstantFormat = Literal["rfc9557", "rfc3339"]
"""How a converter writes instants: with the zone name in brackets (RFC 9557, the
default) or with the offset only (RFC 3339). Both are read either way."""


class JsonConverter(cattrs.Converter):
    """
    A cattrs converter for the library's JSON; :meth:`structure` raises
    :class:`~jobcenter_core.errors.InvalidInput` listing every problem by path.

    Build one with :func:`make_converter`.

    >>> from jobcenter_core import LegalReference
    >>> conv = make_converter()
    >>> conv.structure({"law": "SGB II", "section": "7a"}, LegalReference)
    LegalReference(law='SGB II', section='7a', paragraph=None, sentence=None, number=None, url=None)
    """

    def structure(self, obj: Any, cl: Any) -> Any:
        """*obj* (JSON-ready data) as a *cl*; :class:`InvalidInput` on any problem."""
        return structure_reporting(self, obj, cl)

    def dumps(self, value: Any, unstructure_as: Any = None, *, indent: int | None = None) -> str:
        """*value* as JSON text (compact unless *indent* is given)."""
        return dump(self.unstructure(value, unstructure_as=unstructure_as), indent)

    def loads(self, text: str | bytes, cl: Any) -> Any:
        """JSON *text* as a *cl*; :class:`InvalidInput` on any problem."""
        return structure_reporting(self, parse(text), cl)


def configure_converter(
    converter: cattrs.Converter, *, instants: InstantFormat = "rfc9557"
) -> None:
    """
    Configure *converter* (a :class:`cattrs.Converter`) for the library's JSON format.

    * attrs classes (generic ones included) as objects, one key per ``__init__`` field in
      field order, with unknown keys forbidden and detailed validation on, so every
      problem is collected; a class whose fields are all text is read once per document
      and shared;
    * strings, integers (within ±(2**53 − 1)), floats (finite) and booleans strictly:
      no coercion between JSON types;
    * ``pendulum.Date`` as ``"YYYY-MM-DD"``, ``pendulum.DateTime`` as
      ``"2022-06-21T09:00:00+02:00[Europe/Berlin]"`` (RFC 9557), or with
      ``instants="rfc3339"`` as ``"2022-06-21T09:00:00+02:00"`` (RFC 3339); both forms
      (and ``Z``) are read, an RFC 3339 instant shown in ``Europe/Berlin``;
      ``pendulum.Duration`` as ISO 8601 (``"PT48H"``); the standard-library
      ``date``/``datetime``/``timedelta`` structure into the pendulum types;
    * enums as their values; tuples, lists and sequences as arrays; frozensets and sets
      as arrays in a stable sorted order (duplicates refused on input); mappings as
      objects, and so are (id, value) pairs, ``tuple[tuple[str, X], ...]``, keyed by
      id in their order (an id that appears twice cannot be written); unions of JSON scalars passed through after a type check; unions of attrs
      classes, and attrs classes with subclasses, tagged with ``"$type"``;
    * an :class:`~jobcenter_core.enrolment.OfferState` as its
      :class:`~jobcenter_core.enrolment.RosterSnapshot`, rebuilt with
      :meth:`~jobcenter_core.enrolment.OfferState.from_snapshot` when read.

    >>> import cattrs, pendulum
    >>> conv = cattrs.Converter()
    >>> configure_converter(conv)
    >>> conv.unstructure(pendulum.datetime(2022, 6, 21, 9, tz="Europe/Berlin"))
    '2022-06-21T09:00:00+02:00[Europe/Berlin]'
    """
    if instants not in ("rfc9557", "rfc3339"):
        raise ValueError(f"instants must be 'rfc9557' or 'rfc3339', got {instants!r}")
    converter.forbid_extra_keys = True
    converter.detailed_validation = True
    _configure_scalars(converter)
    if instants == "rfc3339":
        for cls in (_dt.datetime, DateTime):
            converter.register_unstructure_hook(cls, scalars.unstructure_datetime_rfc3339)
    configure_union_passthrough(typing.Union[str, bool, int, float, None], converter)  # noqa: UP007
    _configure_collections(converter)
    converter.register_structure_hook_factory(_is_text_only, _read_once_factory(converter))
    configure_tagged_unions(converter)
    _configure_rosters(converter)


def make_converter(*, instants: InstantFormat = "rfc9557") -> JsonConverter:
    """
    A new converter for the library's JSON format (see :func:`configure_converter`).

    Make one and reuse it: building a converter costs more than using it. With
    ``instants="rfc3339"`` it writes instants without the zone name, for clients whose
    parsers cannot read the bracket (Python's ``datetime.fromisoformat``, pydantic).

    >>> import pendulum
    >>> conv = make_converter()
    >>> conv.dumps(pendulum.date(2022, 6, 21))
    '"2022-06-21"'
    >>> conv.loads('"2022-06-21"', pendulum.Date)
    Date(2022, 6, 21)
    >>> make_converter(instants="rfc3339").dumps(pendulum.datetime(2022, 6, 21, 9, tz="Europe/Berlin"))
    '"2022-06-21T09:00:00+02:00"'
    """
    converter = JsonConverter(forbid_extra_keys=True, detailed_validation=True)
    configure_converter(converter, instants=instants)
    return converter


# --- scalars ----------------------------------------------------------------------------


_SCALARS: Final[tuple[tuple[type, Callable[[Any, Any], Any], Callable[[Any], Any] | None], ...]] = (
    (str, scalars.structure_str, None),
    (bool, scalars.structure_bool, None),
    (int, scalars.structure_int, None),
    (float, scalars.structure_float, None),
    (_dt.date, scalars.structure_date, scalars.unstructure_date),
    (Date, scalars.structure_date, scalars.unstructure_date),
    (_dt.datetime, scalars.structure_datetime, scalars.unstructure_datetime),
    (DateTime, scalars.structure_datetime, scalars.unstructure_datetime),
    (_dt.timedelta, scalars.structure_duration, scalars.unstructure_duration),
    (Duration, scalars.structure_duration, scalars.unstructure_duration),
)
"""Each scalar type with its structure hook and, unless cattrs writes it as it is, its
unstructure hook. The standard library's types read as pendulum's."""


def _configure_scalars(converter: cattrs.Converter) -> None:
    for cls, structure_hook, unstructure_hook in _SCALARS:
        converter.register_structure_hook(cls, structure_hook)
        if unstructure_hook is not None:
            converter.register_unstructure_hook(cls, unstructure_hook)
    converter.register_structure_hook_factory(scalars.is_enum, scalars.enum_structure_factory)
    converter.register_unstructure_hook_func(scalars.is_enum, scalars.unstructure_enum)
    # `str | None` and the like are written as they are: with the identity hook, the
    # functions cattrs generates for attrs classes take such a field without a call.
    converter.register_unstructure_hook_func(
        lambda t: optional_target(t) in (str, int, float, bool), identity
    )


# --- arrays and objects -----------------------------------------------------------------


def _args(t: Any) -> tuple[Any, ...]:
    return typing.get_args(t)


def _is_fixed_tuple(t: Any) -> bool:
    args = _args(t)
    return typing.get_origin(t) is tuple and bool(args) and Ellipsis not in args


def pairs_value(t: Any) -> Any:
    """
    ``X`` for ``tuple[tuple[str, X], ...]``, a tuple of (id, value) pairs, which JSON
    holds as an object keyed by id; else ``None``.

    >>> from jobcenter_core.serialization.converter import pairs_value
    >>> pairs_value(tuple[tuple[str, int], ...]), pairs_value(tuple[int, ...])
    (<class 'int'>, None)
    >>> pairs_value(tuple[tuple[str, ...], ...]) is None  # rows of strings, not pairs
    True
    """
    args = _args(t)
    if typing.get_origin(t) is not tuple or len(args) != 2 or args[1] is not Ellipsis:
        return None
    item = args[0]
    item_args = _args(item)
    if (
        typing.get_origin(item) is not tuple
        or len(item_args) != 2
        or item_args[0] is not str
        or item_args[1] is Ellipsis
    ):
        return None
    return item_args[1]


def _is_optional_object(t: Any) -> bool:
    """``X | None`` where ``X`` is not a JSON scalar (those pass through, type-checked)."""
    target = optional_target(t)
    return target is not None and target not in (str, int, float, bool)


def _is_pairs(t: Any) -> bool:
    return pairs_value(t) is not None


def _is_array(obj: Any) -> bool:
    return obj.__class__ is list or obj.__class__ is tuple


def _configure_collections(converter: cattrs.Converter) -> None:
    """
    Arrays and objects of the right JSON type only, read by cattrs' own hooks; sets
    without duplicates, and written sorted; every array written as a list.
    """

    def structure_sequence(cl: Any) -> Callable[[Any, Any], Any]:
        if (typing.get_origin(cl) or cl) in (list, cabc.MutableSequence):
            hook = list_structure_factory(cl, converter)
        else:
            hook = homogenous_tuple_structure_factory(cl, converter)

        def structure_array(obj: Any, cl: Any) -> Any:
            if not _is_array(obj):
                raise Refused("expected an array")
            return hook(obj, cl)

        return structure_array

    def structure_fixed_tuple(cl: Any) -> Callable[[Any, Any], Any]:
        hook = converter.gen_structure_hetero_tuple(cl)
        length = len(_args(cl))
        kind = f"expected an array of {length} items"

        def structure_tuple(obj: Any, cl: Any) -> Any:
            if not _is_array(obj) or len(obj) != length:
                raise Refused(kind)
            return hook(obj, cl)

        return structure_tuple

    def structure_set(cl: Any) -> Callable[[Any, Any], Any]:
        args = _args(cl)
        items = types.GenericAlias(tuple, (args[0] if args else Any, ...))
        hook = converter.get_structure_hook(items)
        make = set if (typing.get_origin(cl) or cl) in (set, cabc.MutableSet) else frozenset

        def structure_set(obj: Any, _: Any) -> Any:
            read = hook(obj, items)
            result = make(read)
            if len(result) != len(read):
                raise Refused("lists an item twice")
            return result

        return structure_set

    def unstructure_set(cl: Any) -> Callable[[Any], Any]:
        args = _args(cl)
        hook = converter.get_unstructure_hook(args[0]) if args else converter.unstructure
        return lambda value: _sorted_items([hook(item) for item in value])

    def structure_mapping(cl: Any) -> Callable[[Any, Any], Any]:
        hook = converter.gen_structure_mapping(cl)

        def structure_object(obj: Any, cl: Any) -> Any:
            if obj.__class__ is not dict:
                raise Refused("expected an object")
            return hook(obj, cl)

        return structure_object

    converter.register_structure_hook_factory(is_sequence, structure_sequence)
    converter.register_structure_hook_factory(_is_fixed_tuple, structure_fixed_tuple)
    converter.register_unstructure_hook_factory(
        _is_fixed_tuple, lambda cl: converter.gen_unstructure_hetero_tuple(cl, unstructure_to=list)
    )
    converter.register_structure_hook_factory(is_any_set, structure_set)
    converter.register_unstructure_hook_factory(is_any_set, unstructure_set)
    converter.register_structure_hook_factory(is_mapping, structure_mapping)

    def structure_pairs(cl: Any) -> Callable[[Any, Any], Any]:
        as_dict: Any = types.GenericAlias(dict, (str, pairs_value(cl)))
        hook = converter.gen_structure_mapping(as_dict)

        def structure_object(obj: Any, _: Any) -> Any:
            if obj.__class__ is not dict:
                raise Refused("expected an object")
            return tuple(hook(obj, as_dict).items())

        return structure_object

    def unstructure_pairs(cl: Any) -> Callable[[Any], Any]:
        value = pairs_value(cl)
        hook = converter.unstructure if value is Any else converter.get_unstructure_hook(value)

        def unstructure_object(pairs: Any) -> dict[str, Any]:
            written = {key: hook(item) for key, item in pairs}
            if len(written) != len(pairs):
                raise ValueError("an id appears twice: the pairs cannot be written as an object")
            return written

        return unstructure_object

    converter.register_structure_hook_factory(_is_pairs, structure_pairs)
    converter.register_unstructure_hook_factory(_is_pairs, unstructure_pairs)

    def structure_optional(cl: Any) -> Callable[[Any, Any], Any]:
        # cattrs' own hook for `X | None` finds the hook of X on every call; this one
        # finds it once. The same hook, so the same values and errors.
        target = optional_target(cl)
        hook = converter.get_structure_hook(target)
        return lambda obj, _: None if obj is None else hook(obj, target)

    converter.register_structure_hook_factory(_is_optional_object, structure_optional)


def _json_sort_key(item: Any) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _sorted_items(items: list[Any]) -> list[Any]:
    """Items of a set in a stable order: equal sets give equal lists."""
    if all(i.__class__ is str for i in items):
        return sorted(items)
    if all(i.__class__ is int for i in items):
        return sorted(items)
    return sorted(items, key=_json_sort_key)


# --- values shared within a document ----------------------------------------------------


def _is_text(t: Any) -> bool:
    target = optional_target(t)
    t = t if target is None else target
    if scalars.is_enum(t):
        return all(m.value.__class__ is str for m in t)
    return t in (str, Date, DateTime, _dt.date, _dt.datetime)


def _is_text_only(cl: Any) -> bool:
    """Whether *cl* is a plain attrs class whose every field is written as text or ``null``."""
    if not isinstance(cl, type) or not attrs.has(cl) or tagged_members(cl) is not None:
        return False
    try:
        attrs.resolve_types(cl)
    except NameError:
        return False
    fields = [a for a in attrs.fields(cl) if a.init]
    return bool(fields) and all(_is_text(a.type) for a in fields)


def _read_once_factory(converter: cattrs.Converter) -> Callable[[Any], Any]:
    def factory(cl: Any) -> Callable[[Any, Any], Any]:
        return _shared.read_object_once(make_dict_structure_fn(cl, converter), cl)

    return factory


# --- rosters ----------------------------------------------------------------------------


def _configure_rosters(converter: cattrs.Converter) -> None:
    """
    An :class:`~jobcenter_core.enrolment.OfferState` is written as its
    :meth:`~jobcenter_core.enrolment.OfferState.snapshot`; reading one rebuilds it with
    :meth:`~jobcenter_core.enrolment.OfferState.from_snapshot`, whose problems carry
    paths inside the snapshot.
    """

    def unstructure_offer_state(state: OfferState) -> Any:
        return converter.unstructure(state.snapshot(), RosterSnapshot)

    def structure_offer_state(obj: Any, _: Any) -> OfferState:
        snapshot = converter.get_structure_hook(RosterSnapshot)(obj, RosterSnapshot)
        return OfferState.from_snapshot(snapshot)

    converter.register_unstructure_hook_func(lambda t: t is OfferState, unstructure_offer_state)
    converter.register_structure_hook_func(lambda t: t is OfferState, structure_offer_state)
