"""
Problems in input: what cattrs raises, turned into one
:class:`~jobcenter_core.errors.InvalidInput` that lists every problem by JSON path.

A converter configured with :func:`~jobcenter_core.serialization.configure_converter`
validates in detail: a class whose fields fail raises a
:class:`cattrs.errors.ClassValidationError`, an array with bad items an
:class:`cattrs.errors.IterableValidationError`, each an exception group whose members
carry notes naming the field or the index. :func:`structure_reporting` walks these
groups the way :func:`cattrs.transform_error` does, path by path, and turns each leaf
into a :class:`~jobcenter_core.errors.Problem`: a path and a kind of problem.

It walks the raw input beside the exceptions, which :func:`cattrs.transform_error`
cannot do, because several kinds are only known from the input: ``expected an object``
where an object was due and something else came, the tag of a tagged union
(``$.target["$type"]: required key missing``), and the member-id checks of a household,
which run on the raw document so that they are reported together with field problems.

>>> from jobcenter_core import LegalReference
>>> from jobcenter_core.serialization import make_converter
>>> from jobcenter_core.serialization.problems import structure_reporting
>>> structure_reporting(make_converter(), {"law": "SGB II", "section": 7, "x": 1}, LegalReference)
Traceback (most recent call last):
...
jobcenter_core.errors.InvalidInput: 2 problems in input:
  $.section: expected a string
  $.x: unknown key

Kinds never repeat a value from the input, so messages are safe to log (DESIGN.md,
rule 7): a hook says what it expected (:class:`Refused`), and what a type's own
validator says is cut before any value it appends, and replaced by a generic kind if it
still contains a value from the input.
"""

from __future__ import annotations

import json
import re
import types
import typing
from collections.abc import Iterable
from typing import Any, Final

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from jobcenter_core.errors import InvalidInput, Problem
from jobcenter_core.households import Household
from jobcenter_core.serialization import _shared
from jobcenter_core.serialization.unions import TAG, optional_target, tagged_members

__all__ = ["Refused", "key_path", "structure_reporting"]


class Refused(ValueError):
    """
    What a hook raises for a value it cannot read: *kind* says what was expected, never
    what was given; the problem is reported at the hook's path.

    >>> from jobcenter_core.serialization.problems import Refused
    >>> str(Refused("expected a string"))
    'expected a string'
    """

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


_IDENTIFIER_RE: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*", re.ASCII)
_FIELD_MESSAGE_RE: Final = re.compile(r"'([A-Za-z_][A-Za-z0-9_]*)' (.+)", re.ASCII | re.DOTALL)
_PERIOD_MESSAGE_RE: Final = re.compile(r"period (\d+): (.+)", re.DOTALL)
_MISSING: Final = object()


def key_path(path: str, key: object) -> str:
    """
    *path* followed by *key*: ``.key`` for an identifier, else the key quoted (and cut
    to 40 characters).

    >>> from jobcenter_core.serialization.problems import key_path
    >>> key_path("$.person", "nmae"), key_path("$", "$type")
    ('$.person.nmae', '$["$type"]')
    """
    if isinstance(key, str) and _IDENTIFIER_RE.fullmatch(key):
        return f"{path}.{key}"
    text = key if isinstance(key, str) else repr(key)
    if len(text) > 40:
        text = text[:40] + "…"
    return f"{path}[{json.dumps(text, ensure_ascii=True)}]"


def structure_reporting(converter: cattrs.Converter, obj: Any, cl: Any, *, path: str = "$") -> Any:
    """
    *obj* structured as a *cl* by *converter*; any failure becomes one
    :class:`~jobcenter_core.errors.InvalidInput` listing every problem, with paths
    starting at *path*.

    The error is raised outside the handler, so no chained exception carries the input.
    Equal dates and all-text objects within *obj* are read once and shared.
    """
    error: InvalidInput | None = None
    with _shared.one_document():
        try:
            return cattrs.Converter.structure(converter, obj, cl)
        except Exception as exc:
            problems: list[Problem] = []
            try:
                _collect(exc, path, obj, cl, problems)
            except RecursionError:
                problems = [Problem(path, "nested too deeply")]
            error = InvalidInput(problems or [Problem(path, "invalid value")])
    raise error


def _child(raw: object, key: object) -> object:
    if isinstance(raw, dict):
        return raw.get(key, _MISSING)
    if isinstance(raw, list | tuple) and isinstance(key, int) and 0 <= key < len(raw):
        return raw[key]
    return _MISSING


def _not_an_object(raw: object, cl: Any) -> bool:
    """Whether *raw* is given, and not the JSON object that a *cl* is written as."""
    if raw is _MISSING or raw.__class__ is dict:
        return False
    if raw is None and types.NoneType in typing.get_args(cl):
        return False
    target = optional_target(cl)
    t = cl if target is None else target
    return attrs.has(typing.get_origin(t) or t) or tagged_members(t) is not None


def _collect(exc: BaseException, path: str, raw: object, cl: Any, out: list[Problem]) -> None:
    """
    Append to *out* the problems in *exc*, raised while structuring *raw* (``_MISSING``
    if the input had nothing there) as a *cl* at *path*: down the exception groups by
    their notes, and down *raw* beside them.
    """
    if _not_an_object(raw, cl):
        out.append(Problem(path, "expected an object"))
        return
    members = tagged_members(cl)
    if members is not None and isinstance(raw, dict):
        tag = raw.get(TAG, _MISSING)
        if tag is _MISSING:
            out.append(Problem(key_path(path, TAG), "required key missing"))
            return
        member = members.get(tag) if tag.__class__ is str else None
        if member is None:
            kind = "expected one of " + ", ".join(repr(name) for name in members)
            out.append(Problem(key_path(path, TAG), kind))
            return
        cl = member
    if isinstance(exc, ClassValidationError):
        _collect_fields(exc, path, raw, out)
    elif isinstance(exc, IterableValidationError):
        item_notes, without_notes = exc.group_exceptions()
        for sub, note in item_notes:
            index = note.index
            sub_path = f"{path}[{index}]" if isinstance(index, int) else key_path(path, index)
            _collect(sub, sub_path, _child(raw, index), note.type, out)
        for sub in without_notes:
            _collect(sub, path, raw, cl, out)
    elif isinstance(exc, Refused):
        out.append(Problem(path, exc.kind))
    elif isinstance(exc, InvalidInput):
        out.extend(_reroot(p, path) for p in exc.problems)
    elif isinstance(exc, KeyError):
        out.append(Problem(path, "required key missing"))
    elif isinstance(exc, RecursionError):
        out.append(Problem(path, "nested too deeply"))
    elif isinstance(exc, ValueError | TypeError | OverflowError):
        out.append(Problem(path, "invalid value"))
    else:
        raise exc


def _collect_fields(exc: ClassValidationError, path: str, raw: object, out: list[Problem]) -> None:
    """The problems of one object: its fields', its unknown keys, its own checks."""
    with_notes, without = exc.group_exceptions()
    for sub, note in with_notes:
        _collect(sub, key_path(path, note.name), _child(raw, note.name), note.type, out)
    for sub in without:
        if isinstance(sub, ForbiddenExtraKeysError):
            out.extend(
                Problem(key_path(path, k), "unknown key") for k in sorted(sub.extra_fields, key=str)
            )
        elif isinstance(sub, InvalidInput):
            out.extend(_reroot(p, path) for p in sub.problems)
        elif isinstance(sub, ValueError | TypeError):
            out.append(_validator_problem(sub, path, raw, exc.cl))
        else:
            raise sub
    if with_notes and isinstance(raw, dict) and _is_household(exc.cl):
        known = {p.path for p in out}
        out.extend(
            p
            for p in (_reroot(p, path) for p in _raw_household_problems(raw))
            if p.path not in known
        )


def _reroot(problem: Problem, path: str) -> Problem:
    if problem.path == "$" or problem.path.startswith(("$.", "$[")):
        return Problem(path + problem.path[1:], problem.kind)
    return Problem(path, problem.kind)


# --- what a type's own validators say -------------------------------------------------


def _scalars(raw: object, budget: list[int]) -> Iterable[str]:
    """String forms of the scalar values inside *raw* (bounded), for the leak check."""
    stack = [raw]
    while stack and budget[0] > 0:
        item = stack.pop()
        budget[0] -= 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, str):
            yield item
        elif isinstance(item, int | float) and not isinstance(item, bool):
            yield repr(item)


def _echoes_input(text: str, raw: object) -> bool:
    lowered = text.lower()
    return any(len(value) >= 2 and value.lower() in lowered for value in _scalars(raw, [10_000]))


def _validator_problem(exc: BaseException, path: str, raw: object, cl: Any) -> Problem:
    """
    A problem from a type's own validator or post-init check, without its value.

    Validators name the field they guard (``'capacity' must be >= 1``): the field goes
    into the path, the rest of the message up to any appended value (``: -1``,
    ``(got …)``) is the kind. Whatever still contains a value from the input is replaced
    by a generic kind.
    """
    message = exc.args[0] if exc.args and isinstance(exc.args[0], str) else ""
    origin = typing.get_origin(cl) or cl
    names = {a.name for a in attrs.fields(origin)} if attrs.has(origin) else set()
    if isinstance(raw, dict):
        names |= {k for k in raw if isinstance(k, str)}
    field_match = _FIELD_MESSAGE_RE.match(message)
    if field_match is not None and field_match[1] in names:
        path, message = f"{path}.{field_match[1]}", field_match[2]
        raw = _child(raw, field_match[1]) if isinstance(raw, dict) else raw
    period_match = _PERIOD_MESSAGE_RE.match(message)
    if period_match is not None:
        path = f"{path}.periods[{period_match[1]}]"
        message = re.sub(r" (?:from|to) \S+", "", period_match[2])
    kind = re.split(r": | \(got |\n", message, maxsplit=1)[0].strip().rstrip(".")
    if not kind or len(kind) > 200 or _echoes_input(kind, raw):
        name = getattr(origin, "__name__", "value")
        kind = f"violates a rule of {name}"
    return Problem(path, kind)


# --- a household's member ids, checked on the raw document -----------------------------


def _is_household(cl: object) -> bool:
    return isinstance(cl, type) and issubclass(cl, Household)


def _raw_household_problems(raw: dict[Any, Any]) -> list[Problem]:
    """
    The checks of :func:`~jobcenter_core.households.household_problems`, run on the raw
    JSON of a household whose fields did not all structure (so the household's own check
    could not run): duplicate member ids and references to unknown members are then
    reported together with the field problems, not in a second round.
    """
    members = raw.get("members")
    if members.__class__ is not list:
        return []
    problems: list[Problem] = []
    seen: set[str] = set()
    complete = True
    for i, member in enumerate(members):
        person = member.get("person") if member.__class__ is dict else None
        member_id = person.get("id") if person.__class__ is dict else None
        if member_id.__class__ is not str or not member_id.strip():
            complete = False
            continue
        if member_id in seen:
            problems.append(Problem(f"$.members[{i}].person.id", "duplicate member id"))
        seen.add(member_id)
    if not complete:  # an unreadable id could be the one a reference names
        return problems
    for key, fields in (
        ("relationships", ("person", "of")),
        ("care_arrangements", ("carer", "cared_for")),
    ):
        items = raw.get(key)
        if items.__class__ is not list:
            continue
        for i, item in enumerate(items):
            if item.__class__ is not dict:
                continue
            for field in fields:
                ref = item.get(field)
                if ref.__class__ is str and ref not in seen:
                    problems.append(Problem(f"$.{key}[{i}].{field}", "unknown member id"))
    return problems
