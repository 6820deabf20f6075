"""
Shared by the JSON tests.

* ``olena`` and ``household``: Olena and her household, as the golden files
  ``tests/golden/person.json`` and ``household.json`` hold them.
* Every strategy of :mod:`jobcenter_core.strategies` with the type it draws, so that a
  property can be checked for every public type: a test that takes a ``strategy_case``
  argument, ``(name, make, cl)``, runs once per strategy (``make(data)`` is the
  strategy, its required arguments filled in from *data*, and *cl* the type it draws);
  the ``strategy_cases`` fixture is the whole list.
* Ways to spoil a good document, as fixtures that give Hypothesis strategies:
  ``edited`` (keys dropped, added, reordered or given other values, items dropped or
  repeated: mostly well-formed JSON of the wrong shape) and ``mutated`` (also nesting,
  huge numbers, duplicated members, and text that is truncated, not UTF-8 or not JSON);
  ``locations`` lists every place inside a JSON value.
"""

from __future__ import annotations

import inspect
import json
import pathlib
import sys
import types
import typing
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import strategies as st

import jobcenter_core.strategies as strategies
from jobcenter_core import Household, Person
from jobcenter_core.serialization import load_document

GOLDEN = pathlib.Path(__file__).parent.parent / "golden"


@pytest.fixture
def olena() -> Person:
    """Olena, as in ``tests/golden/person.json``."""
    person: Person = load_document((GOLDEN / "person.json").read_text(), Person)
    return person


@pytest.fixture
def household() -> Household:
    """Olena's household, as in ``tests/golden/household.json``."""
    value: Household = load_document((GOLDEN / "household.json").read_text(), Household)
    return value


Case = tuple[str, Callable[[st.DataObject], st.SearchStrategy[Any]], Any]

UNSUPPORTED = {
    "roster_commands": "test commands (kind, argument, minutes), not a domain value",
}
"""Strategies that draw no domain value, with the reason."""


def _resolve(annotation: Any, namespace: dict[str, Any]) -> Any:
    if isinstance(annotation, str):
        return eval(annotation, namespace)  # annotations of our own module, not input
    if isinstance(annotation, typing.ForwardRef):
        return eval(annotation.__forward_arg__, namespace)
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin is None or not args:
        return annotation
    resolved = tuple(_resolve(a, namespace) for a in args)
    if origin in (typing.Union, types.UnionType):
        return typing.Union[resolved]  # noqa: UP007
    return origin[resolved] if len(resolved) > 1 else origin[resolved[0]]


def _drawn_type(fn: Callable[..., Any], namespace: dict[str, Any]) -> Any:
    annotation = _resolve(inspect.signature(fn).return_annotation, namespace)
    if typing.get_origin(annotation) is st.SearchStrategy:
        (drawn,) = typing.get_args(annotation)
        return _resolve(drawn, namespace)
    return annotation


def _strategy_cases() -> list[Case]:
    """
    Every strategy of ``jobcenter_core.strategies`` with the type it draws (from its
    return annotation), but those in :data:`UNSUPPORTED`. Required arguments are filled
    generically: a value of a type another strategy draws is drawn from it, a strategy
    of such a type is passed as is, a string gets an id.
    """
    namespace: dict[str, Any] = {"st": st, "typing": typing}
    for name, module in list(sys.modules.items()):
        if name.startswith("jobcenter_core.testing"):
            namespace.update(vars(module))
    functions = {
        name: getattr(strategies, name)
        for name in strategies.__all__
        if callable(getattr(strategies, name)) and not isinstance(getattr(strategies, name), type)
    }
    drawn = {name: _drawn_type(fn, namespace) for name, fn in functions.items()}
    required = {
        name: [
            p
            for p in inspect.signature(fn).parameters.values()
            if p.default is inspect.Parameter.empty
            and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
        for name, fn in functions.items()
    }
    plain = {drawn[n]: functions[n] for n in functions if not required[n]}

    def filler(parameter: inspect.Parameter) -> Callable[[st.DataObject], Any] | None:
        t = _resolve(parameter.annotation, namespace)
        if t is str:
            return lambda data: f"{parameter.name}-0"
        if t in plain:
            return lambda data, make=plain[t]: data.draw(make())
        if typing.get_origin(t) is st.SearchStrategy and typing.get_args(t)[0] in plain:
            inner = plain[typing.get_args(t)[0]]
            return lambda data: inner()
        return None

    cases = []
    for name, fn in functions.items():
        fillers = {p.name: filler(p) for p in required[name]}
        if name in UNSUPPORTED or any(f is None for f in fillers.values()):
            continue

        def make(data: st.DataObject, fn: Any = fn, fillers: Any = fillers) -> Any:
            return fn(**{k: f(data) for k, f in fillers.items()})

        cases.append((name, make, drawn[name]))
    return sorted(cases, key=lambda c: c[0])


CASES = _strategy_cases()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "strategy_case" in metafunc.fixturenames:
        metafunc.parametrize("strategy_case", CASES, ids=[c[0] for c in CASES])


@pytest.fixture
def strategy_cases() -> list[Case]:
    """Every strategy with the type it draws (see the module)."""
    return CASES


# --- spoiling good documents -----------------------------------------------------------


def _locations(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every location inside a JSON value (keys and indices from the root)."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _locations(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _locations(item, (*path, index))
    return found


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        value = value[step]
    return value


_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**60), 2**60)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["", " ", "uk", "native", "female", "1990-03-01", "2023-02-29", "ü"])
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)
"""Arbitrary JSON values, with some that are valid in one field and not in another."""


@st.composite
def _edited(draw: st.DrawFn, document: Any) -> Any:
    """*document* (parsed JSON) with up to three edits: keys dropped, added, reordered or
    given other values, items dropped or repeated."""
    document = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(_locations(document)))
        parent: Any = _get(document, path[:-1])
        target = parent[path[-1]] if path else document
        action = draw(st.sampled_from(["drop", "add", "junk", "reorder", "repeat", "copy"]))
        if action == "drop" and path:
            del parent[path[-1]]
        elif action == "add" and isinstance(target, dict):
            target[draw(st.sampled_from(["nmae", "id", "level", "", "person"]))] = draw(_VALUES)
        elif action == "junk" and path:
            parent[path[-1]] = draw(_VALUES)
        elif action == "reorder" and isinstance(target, dict):
            items = list(target.items())
            target.clear()
            target.update(draw(st.permutations(items)))
        elif action == "repeat" and isinstance(target, list) and target:
            target.append(json.loads(json.dumps(target[0])))
        elif action == "copy" and path and isinstance(parent, dict) and isinstance(target, str):
            other = draw(st.sampled_from(sorted(parent)))
            parent[other] = target  # a value valid elsewhere, e.g. an id in a date field
    return document


JUNK = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)
"""Arbitrary JSON values."""


@st.composite
def _mutated(draw: st.DrawFn, document: Any) -> str | bytes:
    """*document* with one to three mutations, as text or bytes (sometimes broken)."""
    document = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_locations(document)))
        parent = _get(document, path[:-1]) if path else None
        action = draw(
            st.sampled_from(["drop", "add", "retype", "junk", "deep", "huge", "dup_member"])
        )
        if action == "drop" and path and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "drop" and path and isinstance(parent, list):
            parent.pop(path[-1])
        elif action == "add":
            target = _get(document, path)
            if isinstance(target, dict):
                target[draw(st.text(min_size=1, max_size=8))] = draw(JUNK)
            elif isinstance(target, list):
                target.append(draw(JUNK))
        elif action in ("retype", "junk") and path:
            parent[path[-1]] = draw(JUNK)
        elif action == "deep" and path:
            depth = draw(st.integers(10, 400))
            parent[path[-1]] = json.loads("[" * depth + "]" * depth)
        elif action == "huge" and path:
            parent[path[-1]] = draw(
                st.sampled_from([10**30, -(10**30), 2**53, 1.7e308, -1e-320, 10**300])
            )
        elif action == "dup_member" and isinstance(document, dict):
            members = document.get("members")
            if isinstance(members, list) and members:
                members.append(json.loads(json.dumps(members[0])))
    text = json.dumps(document, ensure_ascii=draw(st.booleans()))
    form = draw(st.sampled_from(["text", "text", "bytes", "truncated", "bad_utf8", "big_number"]))
    if form == "bytes":
        return text.encode("utf-8")
    if form == "truncated":
        return text[: draw(st.integers(0, max(0, len(text) - 1)))]
    if form == "bad_utf8":
        raw = text.encode("utf-8")
        at = draw(st.integers(0, len(raw)))
        return raw[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + raw[at:]
    if form == "big_number":
        return text.replace("1", "1" + "0" * draw(st.sampled_from([20, 400, 5000])), 1)
    return text


@pytest.fixture(scope="session")
def locations() -> Callable[[Any], list[tuple[Any, ...]]]:
    """Every location inside a JSON value, as tuples of keys and indices from the root."""
    return _locations


@pytest.fixture(scope="session")
def edited() -> Callable[[Any], st.SearchStrategy[Any]]:
    """A parsed JSON document with up to three edits of its shape and values."""
    return _edited


@pytest.fixture(scope="session")
def mutated() -> Callable[[Any], st.SearchStrategy[str | bytes]]:
    """A parsed JSON document mutated one to three times, as text or bytes."""
    return _mutated


@pytest.fixture(scope="session")
def junk() -> st.SearchStrategy[Any]:
    """Arbitrary JSON values."""
    return JUNK
