"""Problems as a web service answers them: a ``loc`` per problem, no framework imported."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobcenter_core import Household, InvalidInput, from_json
from jobcenter_core.serialization.problems import key_path
from jobcenter_core.serialization.web import loc, validation_errors


@given(st.lists(st.text(max_size=12) | st.integers(0, 10**6), max_size=5))
def test_a_path_reads_back_as_the_keys_and_indices_it_was_made_of(steps: list[str | int]) -> None:
    """``loc`` undoes the library's paths, quoted keys included (up to the 40-character cut)."""
    steps = [s for s in steps if not isinstance(s, str) or len(s) <= 40]
    path = "$"
    for step in steps:
        path = f"{path}[{step}]" if isinstance(step, int) else key_path(path, step)

    assert steps == loc(path)


def test_each_problem_of_a_household_becomes_one_error_with_its_loc() -> None:
    """The 422 detail a FastAPI app sends, one entry per problem, under ``body``."""
    text = '{"id": "h", "members": [{"person": {"id": "p", "birth_date": "x", "sex": "m"}}]}'
    with pytest.raises(InvalidInput) as raised:
        from_json(text, Household)

    detail = validation_errors(raised.value)

    assert [
        ["body", "members", 0, "person", "birth_date"],
        ["body", "members", 0, "person", "sex"],
    ] == [d["loc"] for d in detail]
    assert {"invalid_input"} == {d["type"] for d in detail}


def test_a_prefix_can_name_another_part_of_the_request() -> None:
    """A query or a path parameter is named as the service wants."""
    error = InvalidInput.one("$.on", "not a valid ISO date (YYYY-MM-DD)")

    assert [["query", "on"]] == [d["loc"] for d in validation_errors(error, prefix=("query",))]


def test_no_web_framework_is_imported_with_the_library() -> None:
    """The helper is plain data: importing the library imports neither FastAPI nor pydantic."""
    code = (
        "import sys, jobcenter_core, jobcenter_core.serialization.web;"
        "print(sorted(m for m in ('fastapi', 'pydantic', 'starlette') if m in sys.modules))"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert "[]" == result.stdout.strip()
