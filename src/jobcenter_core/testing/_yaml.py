"""
Engine: YAML text read as JSON values, strictly, with the line of every value.

ruamel.yaml parses the YAML 1.2 syntax into events; this module builds the values itself,
so that a plain scalar is ``null`` (also ``~`` or nothing), ``true`` or ``false`` as the
YAML 1.2 core schema spells them, a number only as JSON writes one (YAML 1.2's JSON
schema: no leading zero, no ``0o``/``0x``, no ``.inf``), and text otherwise: ``NO``,
``0123`` and ``2022-06-01`` are text, as they would be in JSON. Quoted and block scalars
are text. Mappings become dicts (keys must be text, each once), sequences lists. Anchors
and aliases, and ``<<`` merge keys, are followed. Every value's line is kept by its JSON
path, so that a problem found later can name the line.

It speaks no law and knows nothing of case files.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from typing import Any, Final

import attrs

try:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.events import (
        AliasEvent,
        DocumentEndEvent,
        DocumentStartEvent,
        Event,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
    )
except ImportError as missing:  # pragma: no cover - depends on the environment
    raise ImportError(
        "reading case files needs ruamel.yaml: install the 'testing' extra "
        "(pip install 'jobcenter-core[testing]' or uv add 'jobcenter-core[testing]')"
    ) from missing

from jobcenter_core.serialization.problems import key_path

__all__ = ["Text", "YamlProblem", "read_yaml"]

_TAG: Final = "tag:yaml.org,2002:"
_NULL: Final = re.compile(r"null|Null|NULL|~|")
_TRUE: Final = re.compile(r"true|True|TRUE")
_FALSE: Final = re.compile(r"false|False|FALSE")
_INTEGER: Final = re.compile(r"-?(0|[1-9][0-9]*)")
_FLOAT: Final = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_MAX_DEPTH: Final = 64


@attrs.frozen
class YamlProblem:
    """One thing wrong with the YAML: the *path* of the value, its *line* (1-based), what."""

    path: str
    line: int
    kind: str


@attrs.frozen(kw_only=True)
class Text:
    """
    A YAML document read as JSON values: *data*, and the *lines* of its values by JSON
    path (``$.cases[0].on``). *problems* lists what could not be read; when it is not
    empty, *data* must not be used.
    """

    data: Any
    lines: Mapping[str, int]
    problems: tuple[YamlProblem, ...] = ()

    def line_of(self, path: str) -> int:
        """The line of the value at *path*, or of the nearest value that holds it."""
        while True:
            line = self.lines.get(path)
            if line is not None:
                return line
            cut = max(path.rfind("."), path.rfind("["))
            if cut <= 0:
                return self.lines.get("$", 1)
            path = path[:cut]


class _Stop(Exception):
    """The text cannot be read on: a syntax error or a structure too deep."""


def read_yaml(text: str) -> Text:
    """
    The single YAML 1.2 document in *text* as JSON values (dicts, lists, text, numbers,
    booleans, ``None``), with the line of each value; problems are listed, never raised.

    >>> doc = read_yaml("on: 2022-06-01\\nanswer: NO\\nid: 0123\\nhours: 3\\n")
    >>> doc.data, doc.line_of("$.answer")
    ({'on': '2022-06-01', 'answer': 'NO', 'id': '0123', 'hours': 3}, 2)
    >>> read_yaml("a: 1\\na: 2\\n").problems
    (YamlProblem(path='$.a', line=2, kind='key appears twice'),)
    """
    reader = _Reader()
    try:
        data = reader.document(iter(YAML(typ="safe", pure=True).parse(io.StringIO(text))))
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = error.problem or error.context or "not valid YAML"
        reader.problems.append(YamlProblem("$", line, f"not valid YAML: {what}"))
        data = None
    except _Stop:
        data = None
    return Text(data=data, lines=reader.lines, problems=tuple(reader.problems))


class _Reader:
    def __init__(self) -> None:
        self.lines: dict[str, int] = {}
        self.problems: list[YamlProblem] = []
        self.anchors: dict[str, Any] = {}

    def problem(self, path: str, event: Event, kind: str) -> None:
        self.problems.append(YamlProblem(path, event.start_mark.line + 1, kind))

    def document(self, events: Iterator[Event]) -> Any:
        next(events)  # the stream starts
        start = next(events)
        if isinstance(start, StreamEndEvent):
            return None
        assert isinstance(start, DocumentStartEvent)
        if start.version is not None and tuple(start.version) != (1, 2):
            self.problem("$", start, "case files are YAML 1.2: remove the %YAML directive")
        data = self.node(next(events), events, "$", 0)
        end = next(events)
        assert isinstance(end, DocumentEndEvent)
        after = next(events)
        if not isinstance(after, StreamEndEvent):
            self.problem("$", after, "one YAML document per file (remove the second '---')")
        return data

    def node(self, event: Event, events: Iterator[Event], path: str, depth: int) -> Any:
        if depth > _MAX_DEPTH:
            self.problem(path, event, "nested too deeply")
            raise _Stop
        self.lines.setdefault(path, event.start_mark.line + 1)
        if isinstance(event, AliasEvent):
            if event.anchor not in self.anchors:
                self.problem(path, event, "alias of an anchor not defined before it")
                return None
            return self.anchors[event.anchor]
        if isinstance(event, ScalarEvent):
            value = self.scalar(event, path)
        elif isinstance(event, SequenceStartEvent):
            self.collection_tag(event, path, "seq")
            value = self.sequence(events, path, depth)
        elif isinstance(event, MappingStartEvent):
            self.collection_tag(event, path, "map")
            value = self.mapping(events, path, depth)
        else:  # pragma: no cover - the parser sends only these where a node is due
            raise AssertionError(f"unexpected {type(event).__name__}")
        if event.anchor is not None:
            self.anchors[event.anchor] = value
        return value

    def collection_tag(
        self, event: SequenceStartEvent | MappingStartEvent, path: str, kind: str
    ) -> None:
        if event.tag not in (None, "!", _TAG + kind):
            self.problem(path, event, "unsupported tag")

    def sequence(self, events: Iterator[Event], path: str, depth: int) -> list[Any]:
        items: list[Any] = []
        for event in events:
            if isinstance(event, SequenceEndEvent):
                return items
            items.append(self.node(event, events, f"{path}[{len(items)}]", depth + 1))
        raise AssertionError("unterminated sequence")  # pragma: no cover - the parser ends it

    def mapping(self, events: Iterator[Event], path: str, depth: int) -> dict[str, Any]:
        own: dict[str, Any] = {}
        merged: list[dict[str, Any]] = []
        for event in events:
            if isinstance(event, MappingEndEvent):
                result: dict[str, Any] = {}
                for source in reversed(merged):  # the first merged mapping wins
                    result.update(source)
                result.update(own)
                return result
            if isinstance(event, ScalarEvent) and event.style is None and event.value == "<<":
                value = self.node(next(events), events, path, depth + 1)
                merged.extend(self.merge_sources(value, event, path))
                continue
            if isinstance(event, ScalarEvent):
                key = self.scalar(event, path)
            else:
                key = self.node(event, events, path, depth + 1)
            if not isinstance(key, str):
                self.problem(path, event, "keys must be text (quote them)")
                self.node(next(events), events, path, depth + 1)
                continue
            child = key_path(path, key)
            if key in own:
                self.problem(child, event, "key appears twice")
            self.lines[child] = event.start_mark.line + 1
            own[key] = self.node(next(events), events, child, depth + 1)
        raise AssertionError("unterminated mapping")  # pragma: no cover - the parser ends it

    def merge_sources(self, value: Any, event: Event, path: str) -> list[dict[str, Any]]:
        sources = value if isinstance(value, list) else [value]
        if not all(isinstance(s, dict) for s in sources):
            self.problem(path, event, "'<<' merges a mapping or a list of mappings")
            return []
        return sources

    def scalar(self, event: ScalarEvent, path: str) -> Any:
        text: str = event.value
        tag = event.tag
        if tag is None and event.style is None:
            return _plain(text)
        if tag in (None, "!", _TAG + "str"):
            return text
        kind = tag.removeprefix(_TAG)
        value = _plain(text)
        expected = {"int": int, "float": float, "bool": bool, "null": type(None)}.get(kind)
        if expected is None:
            self.problem(path, event, "unsupported tag")
            return None
        if expected is float and type(value) is int:
            return float(value)
        if type(value) is not expected:
            self.problem(path, event, f"not a JSON {kind}")
            return None
        return value


def _plain(text: str) -> Any:
    """A plain scalar as JSON would read it: null, a boolean, a JSON number, or text."""
    if _NULL.fullmatch(text):
        return None
    if _TRUE.fullmatch(text):
        return True
    if _FALSE.fullmatch(text):
        return False
    if _INTEGER.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text
