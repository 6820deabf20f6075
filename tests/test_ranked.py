"""Enums ordered by declaration (CEFR levels, need categories, urgencies)."""

from __future__ import annotations

import pytest

from jobcenter_core.languages import CefrLevel
from jobcenter_core.needs import NeedCategory, Urgency
from jobcenter_core.ranked import RankedEnum


@pytest.mark.parametrize("ranked", [CefrLevel, NeedCategory, Urgency])
def test_rank_is_the_declaration_order(ranked: type[RankedEnum]) -> None:
    """Each member's rank is its position, and sorting follows it."""
    members = list(ranked)
    assert list(range(len(members))) == [m.rank for m in members]
    backwards = list(reversed(members))

    assert members == sorted(backwards)


def test_cefr_native_ranks_above_c2_and_b1_below_b2() -> None:
    assert CefrLevel.C2 < CefrLevel.NATIVE
    assert CefrLevel.B1 <= CefrLevel.B2
    assert max(CefrLevel) is CefrLevel.NATIVE


def test_members_of_different_enums_do_not_compare() -> None:
    with pytest.raises(TypeError):
        assert Urgency.LOW < CefrLevel.A1  # type: ignore[operator]


def test_members_stay_hashable_and_equal_only_to_themselves() -> None:
    assert {Urgency.LOW: 1}[Urgency.LOW] == 1
    assert Urgency.LOW != CefrLevel.A1
