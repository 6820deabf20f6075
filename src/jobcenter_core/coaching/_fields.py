"""
Converters for the collection fields of the coaching values, written once: each takes
any iterable and keeps it as a tuple or frozenset, so a frozen value never holds a list
or set (anything else is left for the field's validator to refuse by name).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from jobcenter_core.decisions import LegalReference
from jobcenter_core.needs import NeedCategory
from jobcenter_core.validators import as_frozenset, as_tuple

if TYPE_CHECKING:
    from jobcenter_core.coaching.events import ReferralEvent

__all__ = ["legal_references", "need_categories", "referral_events"]


def need_categories(items: Iterable[NeedCategory]) -> frozenset[NeedCategory]:
    return as_frozenset(items)


def legal_references(items: Iterable[LegalReference]) -> tuple[LegalReference, ...]:
    return as_tuple(items)


def referral_events(items: Iterable[ReferralEvent]) -> tuple[ReferralEvent, ...]:
    return as_tuple(items)
