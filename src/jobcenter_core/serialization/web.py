"""
Problems in a web service's terms: an :class:`~jobcenter_core.errors.InvalidInput` as
the ``detail`` of an HTTP 422 answer, each problem with a ``loc`` (the path as a list of
keys and indices), as FastAPI and pydantic report validation errors.

No web framework is imported: the answer is plain data, for any of them.

>>> from jobcenter_core import InvalidInput, Person, from_json
>>> from jobcenter_core.serialization.web import validation_errors
>>> try:
...     from_json('{"id": "p-1", "birth_date": "1990-02-30", "sex": "f"}', Person)
... except InvalidInput as error:
...     detail = validation_errors(error)
>>> detail[0]
{'loc': ['body', 'birth_date'], 'msg': 'not a valid ISO date (YYYY-MM-DD)', 'type': 'invalid_input'}
>>> detail[1]["loc"]
['body', 'sex']
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any, Final

from jobcenter_core.errors import InvalidInput

__all__ = ["loc", "validation_errors"]

_STEP_RE: Final = re.compile(
    r'\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]', re.ASCII
)


def loc(path: str) -> list[str | int]:
    """
    A problem's JSON path (``$.members[0].person["first name"]``) as a list of keys and
    indices.

    >>> from jobcenter_core.serialization.web import loc
    >>> loc('$.members[0].person["first name"]')
    ['members', 0, 'person', 'first name']
    >>> loc("$")
    []
    """
    if not path.startswith("$"):
        raise ValueError("a problem's path starts with $")
    steps: list[str | int] = []
    at = 1
    while at < len(path):
        match = _STEP_RE.match(path, at)
        if match is None:
            raise ValueError("not a path of a problem")
        key, index, quoted = match.groups()
        if key is not None:
            steps.append(key)
        elif index is not None:
            steps.append(int(index))
        else:
            steps.append(json.loads(quoted))
        at = match.end()
    return steps


def validation_errors(
    error: InvalidInput, *, prefix: Sequence[str | int] = ("body",)
) -> list[dict[str, Any]]:
    """
    Each problem of *error* as ``{"loc": [...], "msg": kind, "type": "invalid_input"}``,
    its ``loc`` after *prefix* (``"body"``, as FastAPI reports a request body). The
    kinds never repeat a value from the input, so the answer is safe to send and log.
    """
    return [
        {"loc": [*prefix, *loc(p.path)], "msg": p.kind, "type": "invalid_input"}
        for p in error.problems
    ]
