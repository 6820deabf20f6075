"""
The households engine (``jobcenter_core.scenarios._households``) against the readable
generator, ``synthetic.draw_household`` with the public constructors: from the same
draws, equal households, and the same draws consumed (so the households after them are
the same too); and the last day a member's document was first issued and the primary
carers, as the households say.

Reference days range over the whole window the generator accepts, among them the days
where its branches turn: the first day of the war, the end of the first wave of arrivals
(30 June 2022) and two weeks after it, and 1 June 2022 (approval periods). A few hundred
examples by default, 10,000 in the slow run (``uv run pytest -m slow``).
"""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import examples
from pendulum import Date

from jobcenter_core.households import Household
from jobcenter_core.scenarios import _households as engine
from jobcenter_core.scenarios._trusted import CHECKED, TRUSTED
from jobcenter_core.scenarios.builder import person_ids
from jobcenter_core.scenarios.draws import Draw
from jobcenter_core.scenarios.synthetic import draw_household

SEEDS = st.integers(min_value=0, max_value=10**9) | st.text(max_size=4)
WAR_BEGAN = pendulum.date(2022, 2, 24)
DAYS = st.integers(min_value=0, max_value=1500).map(lambda n: WAR_BEGAN.add(days=n))


def last_issued(household: Household) -> int:
    """The last day (an ordinal) a member's document was first issued, 0 if none."""
    return max(
        (
            m.person.residence.first_issued_on.toordinal()
            for m in household.members
            if m.person.residence is not None and m.person.residence.first_issued_on is not None
        ),
        default=0,
    )


def carers(household: Household) -> list[str]:
    return [m.person.id for m in household.members if m.primary_carer]


def assert_engine_draws_the_readable_households(seed: int | str, on: Date, count: int) -> None:
    readable, fast, fast_checked = Draw(seed, on), Draw(seed, on), Draw(seed, on)
    readable_ids = person_ids(7)
    drawn = engine.Households(fast, "p-", make=TRUSTED)
    drawn_checked = engine.Households(fast_checked, "p-", make=CHECKED)
    for n in range(count):
        household_id = f"h-{n:06d}"
        expected = draw_household(readable, household_id, readable_ids, make=CHECKED)
        made = drawn.draw(household_id)
        made_checked = drawn_checked.draw(household_id)

        assert made == expected
        assert made_checked == expected
        assert readable.rng.getstate() == fast.rng.getstate()
        assert drawn.issued[-1] == last_issued(expected)
        assert drawn.primary_carers[len(drawn.primary_carers) - len(carers(expected)) :] == (
            carers(expected)
        )
    assert drawn.issued == drawn_checked.issued
    assert drawn.primary_carers == drawn_checked.primary_carers


@settings(max_examples=examples(200))
@given(SEEDS, DAYS, st.integers(min_value=1, max_value=12))
def test_the_engine_draws_the_households_the_readable_generator_draws(
    seed: int | str, on: Date, count: int
) -> None:
    """Any seed and reference day: the same households from the same draws."""
    assert_engine_draws_the_readable_households(seed, on, count)


@pytest.mark.slow
@settings(max_examples=examples(10_000))
@given(SEEDS, DAYS, st.integers(min_value=1, max_value=12))
def test_the_engine_draws_the_households_the_readable_generator_draws_long(
    seed: int | str, on: Date, count: int
) -> None:
    """As above, with 10,000 examples."""
    assert_engine_draws_the_readable_households(seed, on, count)


@pytest.mark.parametrize(
    "on",
    [
        pendulum.date(2022, 2, 24),  # the war began: arrivals clamped to five days later
        pendulum.date(2022, 3, 1),
        pendulum.date(2022, 5, 31),
        pendulum.date(2022, 6, 1),  # approval periods from this day on
        pendulum.date(2022, 6, 30),  # the end of the first wave
        pendulum.date(2022, 7, 1),
        pendulum.date(2022, 7, 14),
        pendulum.date(2022, 7, 15),  # later arrivals possible from the day after
        pendulum.date(2022, 7, 16),
        pendulum.date(2024, 2, 29),
    ],
)
def test_the_engine_draws_alike_on_the_days_the_generator_turns(on: Date) -> None:
    """The days around the generator's own edges: 200 households each."""
    assert_engine_draws_the_readable_households(f"edge:{on}", on, 200)
