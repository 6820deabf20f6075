"""
A skipped test tells its reader why: every ``pytest.skip``, ``skipif``, ``mark.skip`` and
``importorskip`` in the tests and the docs gives a ``reason`` that is a sentence.

A bare ``importorskip("distributed")`` reports only that a module is missing; the reader
also needs to know where it comes from and why the run does not have it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIPPERS = ("skip", "skipif", "importorskip", "xfail")


def _python_blocks(path: Path) -> list[str]:
    """The Python a file runs: the module itself, or the doctest lines of a Markdown page."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        return [text]
    lines = [m.group(1) for m in re.finditer(r"^(?:>>>|\.\.\.) ?(.*)$", text, re.MULTILINE)]
    return ["\n".join(lines)] if lines else []


def _skips(source: str) -> list[ast.Call]:
    try:
        tree = ast.parse(source)
    except SyntaxError:  # a doctest fragment that is not a module on its own
        return []
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in SKIPPERS
    ]


def _text(node: ast.expr) -> str | None:
    """The text of a string literal, or of an f-string with ``{}`` for what it fills in."""
    if isinstance(node, ast.JoinedStr):
        return "".join(
            str(part.value) if isinstance(part, ast.Constant) else "{}" for part in node.values
        )
    try:
        return str(ast.literal_eval(node))
    except ValueError:
        return None


def _reason(call: ast.Call) -> str | None:
    for keyword in call.keywords:
        if keyword.arg == "reason":
            return _text(keyword.value)
    if call.func.attr == "skip" and call.args:  # type: ignore[attr-defined]
        return _text(call.args[0])
    return None


FILES = sorted(
    p
    for p in [*ROOT.glob("tests/**/*.py"), *ROOT.glob("docs/**/*.md"), ROOT / "README.md"]
    if p.name != Path(__file__).name
)


def test_every_skip_says_why_in_a_sentence() -> None:
    """A reason of a few words that ends like a sentence, for each skip in tests and docs."""
    calls = [
        (path, call) for path in FILES for source in _python_blocks(path) for call in _skips(source)
    ]

    vague = [
        f"{path.relative_to(ROOT)}, line {call.lineno}: {_reason(call)!r}"
        for path, call in calls
        if not (reason := _reason(call)) or len(reason.split()) < 6 or not reason.endswith(".")
    ]

    assert [] == vague
    assert calls, "the scan finds the skips there are"
