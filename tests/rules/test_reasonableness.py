"""Reasonableness of work as policy: SGB II § 10 Abs. 1 Nr. 3 and 4.

The golden cases of § 10 Abs. 1 Nr. 3 and 4 (child ages, secured care, the caring parent,
relatives, the planned 2026 reform) are data:
``src/jobcenter_core/testing/statute/reasonableness.cases.yaml``. Here: the properties.
"""

from __future__ import annotations

import attrs
import pendulum
from hypothesis import given
from hypothesis import strategies as st

from jobcenter_core.rules import work_is_reasonable
from jobcenter_core.testing import households, pendulum_dates, policies

D = pendulum.date


# --- properties ---------------------------------------------------------------------------------


@given(data=st.data())
def test_reasonableness_decisions_are_deterministic(data: st.DataObject) -> None:
    """Equal inputs give equal reasonableness decisions."""
    h = data.draw(households())
    member = data.draw(st.sampled_from(h.members)).person
    latest = max(m.person.birth_date for m in h.members)
    on = data.draw(pendulum_dates(max(latest, D(2021, 1, 1)), D(2030, 12, 31)))
    policy = data.draw(policies())

    first = work_is_reasonable(member, h, on=on, policy=policy)
    second = work_is_reasonable(member, attrs.evolve(h), on=on, policy=policy)

    assert first == second
