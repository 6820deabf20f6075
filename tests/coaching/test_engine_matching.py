"""
The matching engine behind ``allocate_coaches`` (coaching/_matching.py) against the
readable rule it implements (``allocation._assign_readable``): the same coach for the
same referral, on caseloads where coaches are short.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis_budget import examples

from jobcenter_core.coaching import CoachingProgramme, CoachingReferral, coach_loads
from jobcenter_core.coaching.allocation import _assign, _assign_readable, coaching_priority
from jobcenter_core.dates import at_berlin
from jobcenter_core.testing.coaching import coaching_shortages

ON = at_berlin(2022, 7, 5, 9).date()

Shortage = tuple[CoachingProgramme, tuple[CoachingReferral, ...]]


def both(shortage: Shortage) -> tuple[dict[str, str], dict[str, str]]:
    """The engine's and the readable rule's plan for the waiting referrals of *shortage*."""
    programme, caseload = shortage
    loads = coach_loads(programme, caseload)
    free = {c.id: max(0, c.weekly_capacity - loads[c.id]) for c in programme.coaches}
    coached = {r.person_id for r in caseload if r.status.is_active}
    queue = sorted(
        (r for r in caseload if r.status.is_waiting and r.person_id not in coached),
        key=lambda r: coaching_priority(r, on=ON),
    )
    return _assign(queue, programme, free), _assign_readable(queue, programme, free)


@settings(max_examples=examples(200))
@given(coaching_shortages(max_referrals=24, max_coaches=6))
def test_the_engine_places_each_referral_with_the_coach_the_readable_rule_gives(
    shortage: Shortage,
) -> None:
    """Differential: the engine's plan equals the readable rule's, referral by referral."""
    engine, readable = both(shortage)

    assert readable == engine


@pytest.mark.slow
@settings(max_examples=examples(10_000))
@given(coaching_shortages(max_referrals=24, max_coaches=6))
def test_the_engine_agrees_with_the_readable_rule_long_run(shortage: Shortage) -> None:
    """Differential, ten thousand caseloads."""
    engine, readable = both(shortage)

    assert readable == engine
