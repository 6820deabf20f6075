"""
Converters for the tuple fields of the enrolment values, written once: each takes any
iterable and keeps it as a tuple, so a frozen value never holds a list (anything else is
left for the field's validator to refuse by name).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from jobcenter_core.decisions import Assumption, Reason
from jobcenter_core.validators import as_tuple

if TYPE_CHECKING:
    from jobcenter_core.enrolment.registration import Commitment

__all__ = ["assumptions", "commitments", "reasons", "session_ids"]


def session_ids(items: Iterable[str]) -> tuple[str, ...]:
    return as_tuple(items)


def reasons(items: Iterable[Reason]) -> tuple[Reason, ...]:
    return as_tuple(items)


def assumptions(items: Iterable[Assumption]) -> tuple[Assumption, ...]:
    return as_tuple(items)


def commitments(items: Iterable[Commitment]) -> tuple[Commitment, ...]:
    return as_tuple(items)
