"""BGB age arithmetic (BGB § 187 Abs. 2, § 188 Abs. 2 and 3)."""

from __future__ import annotations

from datetime import date, timedelta

import pendulum
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from jobcenter_core.dates import (
    TimeWindow,
    add_months,
    age_completed_on,
    at_berlin,
    berlin_instant,
    completed_years,
    days_in_month,
    end_of_month,
)

D = pendulum.date


def test_born_on_first_of_month_completes_year_on_last_day_of_previous_month() -> None:
    """Born 1946-09-01: 65 years are completed at the end of 2011-08-31 (DOMAIN.md §3)."""
    expected = D(2011, 8, 31)

    actual = age_completed_on(D(1946, 9, 1), years=65)

    assert expected == actual


def test_born_on_29_february_completes_year_on_28_february_in_common_year() -> None:
    expected = D(2023, 2, 28)

    actual = age_completed_on(D(2000, 2, 29), years=23)

    assert expected == actual


def test_born_on_29_february_completes_year_on_28_february_in_leap_year() -> None:
    expected = D(2024, 2, 28)

    actual = age_completed_on(D(2000, 2, 29), years=24)

    assert expected == actual


def test_born_on_1_march_completes_year_on_29_february_in_leap_year() -> None:
    assert D(2024, 2, 29) == age_completed_on(D(2000, 3, 1), years=24)
    assert D(2023, 2, 28) == age_completed_on(D(2000, 3, 1), years=23)


def test_month_arithmetic_ends_on_last_day_when_corresponding_day_is_missing() -> None:
    """§ 188 Abs. 3 BGB: born 31 August, 65 y 6 m end with the last day of February."""
    assert D(2018, 2, 28) == age_completed_on(D(1952, 8, 31), years=65, months=6)
    assert D(2020, 2, 29) == age_completed_on(D(1954, 8, 31), years=65, months=6)


def test_born_on_1_january_completes_a_year_on_31_december_of_the_year_before() -> None:
    """The day before the corresponding day, across the turn of the year."""
    assert D(2021, 12, 31) == age_completed_on(D(2007, 1, 1), years=15)
    assert D(2022, 12, 31) == age_completed_on(D(2007, 1, 1), years=15, months=12)
    assert isinstance(age_completed_on(D(2007, 1, 1), years=15), pendulum.Date)


def test_february_has_29_days_in_a_leap_year_and_28_otherwise() -> None:
    """The Gregorian rule: every fourth year, not every hundredth, every four hundredth."""
    assert [days_in_month(y, 2) for y in (2023, 2024, 1900, 2000)] == [28, 29, 28, 29]
    assert [days_in_month(2022, m) for m in range(1, 13)] == [
        31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
    ]  # fmt: skip


def test_a_month_outside_1_to_12_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="'month' must be 1 to 12"):
        days_in_month(2022, 13)


def test_naive_year_addition_differs_on_the_first_of_a_month() -> None:
    """The reason this module exists: naive ``add(years=…)`` lands a day late."""
    naive = D(1946, 9, 1).add(years=65)

    bgb = age_completed_on(D(1946, 9, 1), years=65)

    assert naive != bgb
    assert naive.subtract(days=1) == bgb


def test_year_counts_on_the_birthday_itself() -> None:
    assert 15 == completed_years(D(2007, 6, 1), on=D(2022, 6, 1))
    assert 14 == completed_years(D(2007, 6, 1), on=D(2022, 5, 31))


def test_born_29_february_has_not_completed_year_on_28_february() -> None:
    """The year is completed at the *end* of 28 February, so on 1 March it counts."""
    assert 17 == completed_years(D(2004, 2, 29), on=D(2022, 2, 28))
    assert 18 == completed_years(D(2004, 2, 29), on=D(2022, 3, 1))
    assert 20 == completed_years(D(2004, 2, 29), on=D(2024, 2, 29))


def test_completed_years_refuses_a_day_before_birth() -> None:
    with pytest.raises(ValueError, match="before"):
        completed_years(D(2000, 1, 2), on=D(2000, 1, 1))


@given(
    birth=st.dates(min_value=D(1900, 1, 1), max_value=D(2030, 12, 31)),
    years=st.integers(min_value=0, max_value=90),
)
def test_age_is_completed_exactly_the_day_after_its_completion_day(birth: date, years: int) -> None:
    """Property: on the completion day the age is not yet reached; the next day it is."""
    day = age_completed_on(birth, years=years)

    if years >= 1:
        assert years - 1 == completed_years(birth, on=day)
    assert years == completed_years(birth, on=day.add(days=1))


@given(
    birth=st.dates(min_value=D(1900, 1, 1), max_value=D(2030, 12, 31)),
    on=st.dates(min_value=D(1900, 1, 1), max_value=D(2120, 12, 31)),
)
def test_completed_years_never_decreases(birth: date, on: date) -> None:
    """Property: age never goes down from one day to the next."""
    assume(on >= birth)

    today, tomorrow = completed_years(birth, on=on), completed_years(birth, on=on + timedelta(1))

    assert today <= tomorrow <= today + 1


def test_end_of_month_and_add_months() -> None:
    assert D(2024, 2, 29) == end_of_month(D(2024, 2, 1))
    assert D(2023, 2, 28) == add_months(D(2022, 11, 30), 3)


def test_instants_are_moved_to_berlin_and_naive_ones_refused() -> None:
    utc = pendulum.datetime(2022, 6, 21, 7, tz="UTC")

    berlin = berlin_instant(utc)

    assert berlin == utc
    assert "Europe/Berlin" == berlin.timezone_name
    with pytest.raises(ValueError, match="naive"):
        berlin_instant(pendulum.naive(2022, 6, 21, 9))


def test_time_window_needs_end_after_start() -> None:
    with pytest.raises(ValueError, match="'end' must be after 'start'"):
        TimeWindow(start=at_berlin(2022, 6, 21, 10), end=at_berlin(2022, 6, 21, 10))


def test_a_wall_time_the_clocks_skip_is_refused() -> None:
    """02:30 on 27 March 2022 never happened in Berlin: no silent 03:30 instead."""

    with pytest.raises(ValueError, match="does not exist in Europe/Berlin"):
        at_berlin(2022, 3, 27, 2, 30)


def test_the_minutes_around_the_skipped_hour_exist() -> None:
    """01:59 and 03:00 on the day the clocks go forward exist, one minute apart."""

    before = at_berlin(2022, 3, 27, 1, 59)
    after = at_berlin(2022, 3, 27, 3, 0)

    assert 60 == (after - before).total_seconds()


def test_a_wall_time_the_clocks_pass_twice_is_the_later_instant_unless_asked() -> None:
    """02:30 on 30 October 2022 happened twice; fold=0 asks for the first (CEST)."""

    later = at_berlin(2022, 10, 30, 2, 30)
    earlier = at_berlin(2022, 10, 30, 2, 30, fold=0)

    assert "+01:00" == later.isoformat()[-6:]
    assert "+02:00" == earlier.isoformat()[-6:]
    assert 3600 == (later - earlier).total_seconds()
