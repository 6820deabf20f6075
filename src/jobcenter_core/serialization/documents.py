"""
JSON in and out: values as text and back, and versioned documents.

:func:`to_json` and :func:`from_json` write and read one value; :func:`unstructure` and
:func:`structure` do the same with JSON-ready data (dicts, lists, strings, numbers,
booleans and ``None``); :func:`dump_document` and :func:`load_document` wrap a value in
an envelope that names the schema version and the type, for anything stored.

>>> import pendulum
>>> from jobcenter_core import Person, Sex
>>> p = Person(id="p-1", birth_date=pendulum.date(1990, 3, 1), sex=Sex.FEMALE)
>>> text = to_json(p)
>>> text
'{"id":"p-1","birth_date":"1990-03-01","sex":"female","languages":[],"residence":null,"identity_registered":false,"identity_registered_on":null,"stored_in_central_register":false,"work_capacity":null,"work_permitted":null,"name":null}'
>>> from_json(text, Person) == p
True
>>> from_json('{"id": "p-1", "birth_date": "2023-02-29", "sex": "f", "nmae": 1}', Person)
Traceback (most recent call last):
...
jobcenter_core.errors.InvalidInput: 3 problems in input:
  $.birth_date: not a valid ISO date (YYYY-MM-DD)
  $.sex: expected one of 'female', 'male', 'diverse', 'unspecified'
  $.nmae: unknown key

Messages name a path and the kind of problem, never the offending value, so they are
safe to log.

Each function takes an optional ``converter``. Without one it uses a private default,
built on first use and never reconfigured afterwards (cattrs memoises the hooks it
generates for each type, a cache that does not change any result); nothing outside this
package can reach or change it, so results depend only on the arguments. With the
default, :func:`to_json` writes the text straight from the values, without building
dicts (``_writer``), and :func:`from_json` reads a JSON array one item at a time
(``_fast``): faster, and with exactly the text, values and errors of the converter's
hooks and :mod:`json`.
"""

from __future__ import annotations

import functools
import importlib
import types
import typing
import warnings
from collections.abc import Mapping
from typing import Any, Final, TypeVar, overload

import attrs
import cattrs

from jobcenter_core.errors import InvalidInput, Problem
from jobcenter_core.serialization import _fast, _writer
from jobcenter_core.serialization.converter import JsonConverter, make_converter
from jobcenter_core.serialization.inference import infer_type
from jobcenter_core.serialization.problems import key_path, structure_reporting
from jobcenter_core.serialization.text import dump, parse

__all__ = [
    "PUBLIC_TYPES",
    "SCHEMA",
    "dump_document",
    "from_json",
    "load_document",
    "structure",
    "to_json",
    "unstructure",
]

T = TypeVar("T")

SCHEMA: Final = "jobcenter_core/1"
"""The schema version written into every document by :func:`dump_document`."""

_DOCUMENT_KEYS: Final = ("schema", "type", "data")


@functools.cache
def _default_converter() -> JsonConverter:
    # Private, built on first use and never reconfigured: see the module docstring.
    return make_converter()


@functools.cache
def _default_writer() -> _writer.Writer:
    # Writes text as the default converter and json do: see the module docstring.
    return _writer.Writer(_default_converter())


def _the_type(as_type: Any, cl: Any, *, required: str | None = None) -> Any:
    """
    The type a caller gave: *as_type*, or *cl* (its old name, still accepted by keyword,
    with a :class:`DeprecationWarning`). *required* is the call to show when neither is given.
    """
    if cl is not None:
        if as_type is not None:
            raise TypeError("give the type once, as as_type (cl is its old name)")
        warnings.warn(
            "cl= is deprecated: pass the type positionally or as as_type=",
            DeprecationWarning,
            stacklevel=3,
        )
        return cl
    if as_type is None and required is not None:
        raise TypeError(f"give the type to read, e.g. {required}")
    return as_type


def unstructure(
    value: Any,
    as_type: Any = None,
    *,
    converter: cattrs.Converter | None = None,
    cl: Any = None,
) -> Any:
    """
    *value* as JSON-ready data (dicts, lists, strings, numbers, booleans, ``None``),
    written as a value of type *as_type* (by default, the type
    :func:`~jobcenter_core.serialization.inference.infer_type` reads from the value).

    >>> from jobcenter_core import LegalReference
    >>> unstructure(LegalReference(law="SGB II", section="7a"))
    {'law': 'SGB II', 'section': '7a', 'paragraph': None, 'sentence': None, 'number': None, 'url': None}
    """
    as_type = _the_type(as_type, cl)
    conv = converter if converter is not None else _default_converter()
    return conv.unstructure(value, unstructure_as=infer_type(value) if as_type is None else as_type)


@overload
def structure(data: Any, as_type: type[T], *, converter: cattrs.Converter | None = None) -> T: ...
@overload
def structure(data: Any, *, converter: cattrs.Converter | None = None, cl: type[T]) -> T: ...
def structure(
    data: Any, as_type: Any = None, *, converter: cattrs.Converter | None = None, cl: Any = None
) -> Any:
    """
    JSON-ready *data* as a value of type *as_type*; one :class:`InvalidInput` lists
    every problem.

    >>> from jobcenter_core import LegalReference
    >>> structure({"law": "SGB II", "section": "7a"}, LegalReference).section
    '7a'
    >>> structure({"law": "", "section": 7}, LegalReference)
    Traceback (most recent call last):
    ...
    jobcenter_core.errors.InvalidInput: 1 problem in input:
      $.section: expected a string
    """
    as_type = _the_type(as_type, cl, required="structure(data, Household)")
    conv = converter if converter is not None else _default_converter()
    return structure_reporting(conv, data, as_type)


def to_json(
    value: Any,
    as_type: Any = None,
    *,
    converter: cattrs.Converter | None = None,
    indent: int | None = None,
    cl: Any = None,
) -> str:
    """
    *value* as JSON text: compact by default, byte-identical for equal values.

    Without *as_type*, the type is read from the value
    (:func:`~jobcenter_core.serialization.inference.infer_type`): a ``Decision`` with
    what it holds, and a tuple of ``(id, value)`` pairs, such as
    :func:`~jobcenter_core.rules.benefit_regimes` answers, as an object keyed by id.
    Pass *as_type* where the value cannot show it (an empty tuple of pairs is ``[]``
    unless typed); *indent* for readable output.

    >>> from jobcenter_core import Decision, Reason
    >>> to_json(Decision(value=frozenset({"b", "a"}), reasons=(Reason(code="x", message="y"),)))
    '{"value":["a","b"],"reasons":[{"code":"x","message":"y","reference":null}],"missing":[]}'
    >>> to_json((("p-1", Decision(value=True)), ("p-2", Decision(value=False))))
    '{"p-1":{"value":true,"reasons":[],"missing":[]},"p-2":{"value":false,"reasons":[],"missing":[]}}'
    """
    as_type = _the_type(as_type, cl)
    if as_type is None:
        as_type = infer_type(value)
    if converter is None and indent is None:
        return _default_writer().write(value, as_type)
    conv = converter if converter is not None else _default_converter()
    return dump(conv.unstructure(value, unstructure_as=as_type), indent)


@overload
def from_json(
    text: str | bytes, as_type: type[T], *, converter: cattrs.Converter | None = None
) -> T: ...
@overload
def from_json(
    text: str | bytes, *, converter: cattrs.Converter | None = None, cl: type[T]
) -> T: ...
def from_json(
    text: str | bytes,
    as_type: Any = None,
    *,
    converter: cattrs.Converter | None = None,
    cl: Any = None,
) -> Any:
    """
    JSON *text* (``str``, or UTF-8 ``bytes``) as a value of type *as_type*:
    ``from_json(text, Person)`` or ``from_json(text, as_type=Person)``. (The
    parameter was called ``cl``; ``cl=`` still works, with a :class:`DeprecationWarning`.)

    Any problem — invalid UTF-8, invalid or truncated JSON, numbers out of range, unknown
    or missing keys, wrong types, impossible dates, naive date-times, values a type's
    validators refuse, duplicate or unknown member ids — ends in one
    :class:`~jobcenter_core.errors.InvalidInput` that lists every problem found with its
    JSON path. No partial value is returned.

    >>> from jobcenter_core import Decision
    >>> from_json('{"value": ["b", "a"], "reasons": [], "missing": []}', Decision[frozenset[str]]).value == {"a", "b"}
    True
    >>> from_json(b'{"value": tru', Decision[bool])
    Traceback (most recent call last):
    ...
    jobcenter_core.errors.InvalidInput: 1 problem in input:
      $: not valid JSON (expecting value at line 1, column 11)
    """
    as_type = _the_type(as_type, cl, required="from_json(text, Household)")
    if converter is None:
        converter = _default_converter()
        try:
            return _fast.read_array(text, as_type, converter)
        except Exception:
            pass  # not an array, or a problem in it: read whole below, to report every one
    return structure_reporting(converter, parse(text), as_type)


def _type_name(cl: Any) -> str:
    if cl is None or cl is types.NoneType:
        return "None"
    if cl is Ellipsis:
        return "..."
    origin = typing.get_origin(cl)
    if origin in (typing.Union, types.UnionType):
        return " | ".join(_type_name(a) for a in typing.get_args(cl))
    if origin is not None:
        return f"{_type_name(origin)}[{', '.join(_type_name(a) for a in typing.get_args(cl))}]"
    name = getattr(cl, "__name__", None)
    return name if isinstance(name, str) else repr(cl)


def dump_document(
    value: Any,
    as_type: Any = None,
    *,
    converter: cattrs.Converter | None = None,
    indent: int | None = None,
    cl: Any = None,
) -> str:
    """
    *value* as a versioned JSON document: ``{"schema": "jobcenter_core/1", "type": …,
    "data": …}``, so stored data can be recognised and migrated.

    >>> from jobcenter_core import LegalReference
    >>> dump_document(LegalReference(law="SGB II", section="7a"))
    '{"schema":"jobcenter_core/1","type":"LegalReference","data":{"law":"SGB II","section":"7a","paragraph":null,"sentence":null,"number":null,"url":null}}'
    """
    as_type = _the_type(as_type, cl)
    conv = converter if converter is not None else _default_converter()
    if as_type is None:
        # Written as to_json writes it; named by its class, but a tuple by what it holds,
        # so that (id, value) pairs are read back as the object they are written as.
        as_type = infer_type(value)
        type_name = _type_name(as_type if value.__class__ is tuple else type(value))
    else:
        type_name = _type_name(as_type)
    data = conv.unstructure(value, unstructure_as=as_type)
    return dump({"schema": SCHEMA, "type": type_name, "data": data}, indent)


_DOMAIN: Final = tuple(
    importlib.import_module(f"jobcenter_core.{name}")
    for name in (
        "caseload", "coaching", "consultations", "dates", "decisions", "enrolment",
        "errors", "households", "interpreting", "languages", "needs", "offers",
        "parameters", "people", "ranked", "rules", "scenarios", "validators",
    )
)  # fmt: skip
"""The packages and modules whose public attrs classes a document may name."""


_NOT_ON_THE_WIRE: Final = frozenset({"Column", "Table"})
"""Public attrs classes that hold binary arrays for DataFrames: they travel as Arrow
(:meth:`~jobcenter_core.caseload.Table.to_arrow`), not as JSON documents."""


def _public_types() -> Mapping[str, type]:
    """The public attrs classes of the library by name; a name two classes share is left out."""
    found: dict[str, set[type]] = {}
    for module in _DOMAIN:
        for name in module.__all__:
            candidate = getattr(module, name)
            if name in _NOT_ON_THE_WIRE:
                continue
            if isinstance(candidate, type) and attrs.has(candidate):
                found.setdefault(name, set()).add(candidate)
    return types.MappingProxyType(
        {name: next(iter(classes)) for name, classes in found.items() if len(classes) == 1}
    )


PUBLIC_TYPES: Final = _public_types()
"""
Every public attrs class of the library by its name, as ``"type"`` of a document names
it (a name that two classes share names neither).
"""


def load_document(
    text: str | bytes,
    as_type: Any = None,
    *,
    converter: cattrs.Converter | None = None,
    cl: Any = None,
) -> Any:
    """
    A value from a document written by :func:`dump_document`.

    With *as_type* the document must hold that type; without it, the ``"type"`` must name a
    public attrs class of :mod:`jobcenter_core` (:data:`PUBLIC_TYPES`). A document of
    another schema version is refused with a clear
    :class:`~jobcenter_core.errors.InvalidInput`.

    >>> from jobcenter_core import LegalReference
    >>> load_document(dump_document(LegalReference(law="AZAV", section="3")))
    LegalReference(law='AZAV', section='3', paragraph=None, sentence=None, number=None, url=None)
    >>> load_document('{"schema": "jobcenter_core/0", "type": "Person", "data": {}}')
    Traceback (most recent call last):
    ...
    jobcenter_core.errors.InvalidInput: 1 problem in input:
      $.schema: unsupported schema version (this library reads 'jobcenter_core/1')
    """
    as_type = _the_type(as_type, cl)
    conv = converter if converter is not None else _default_converter()
    document = parse(text)
    if document.__class__ is not dict:
        raise InvalidInput.one("$", "expected a document object with schema, type and data")
    problems = [
        Problem(key_path("$", k), "unknown key") for k in document if k not in _DOCUMENT_KEYS
    ]
    problems += [
        Problem(f"$.{k}", "required key missing") for k in _DOCUMENT_KEYS if k not in document
    ]
    if problems:
        raise InvalidInput(problems)
    if document["schema"] != SCHEMA:
        raise InvalidInput.one(
            "$.schema", f"unsupported schema version (this library reads {SCHEMA!r})"
        )
    type_name = document["type"]
    if as_type is None:
        as_type = PUBLIC_TYPES.get(type_name) if isinstance(type_name, str) else None
        if as_type is None:
            raise InvalidInput.one("$.type", "not a public type of jobcenter_core")
    elif type_name != _type_name(as_type):
        raise InvalidInput.one("$.type", f"expected a document of type {_type_name(as_type)!r}")
    return structure_reporting(conv, document["data"], as_type, path="$.data")
