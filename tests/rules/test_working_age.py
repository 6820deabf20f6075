"""Working age as policy: SGB II § 7 Abs. 1 S. 1 Nr. 1 (15 years) and § 7a (the upper limit)."""

from __future__ import annotations

from collections.abc import Callable

import pendulum
import pytest
from pendulum import Date

from jobcenter_core.parameters import DEFAULT_POLICY, AgeLimit
from jobcenter_core.people import Person
from jobcenter_core.rules import is_employable, is_of_working_age, working_age_end

D = pendulum.date
Refugee = Callable[..., Person]

SECTION_7A_GOLDEN = [
    # (birth y, m, d, limit years, limit months, last day inside the limit)
    (1946, 1, 1, 65, 0, (2010, 12, 31)),
    (1946, 3, 15, 65, 0, (2011, 3, 31)),
    (1946, 8, 31, 65, 0, (2011, 8, 31)),
    (1946, 9, 1, 65, 0, (2011, 8, 31)),
    (1947, 1, 1, 65, 1, (2012, 1, 31)),
    (1947, 4, 15, 65, 1, (2012, 5, 31)),
    (1947, 9, 30, 65, 1, (2012, 10, 31)),
    (1948, 1, 1, 65, 2, (2013, 2, 28)),
    (1948, 5, 15, 65, 2, (2013, 7, 31)),
    (1948, 10, 31, 65, 2, (2013, 12, 31)),
    (1948, 2, 29, 65, 2, (2013, 4, 30)),
    (1949, 1, 1, 65, 3, (2014, 3, 31)),
    (1949, 6, 15, 65, 3, (2014, 9, 30)),
    (1949, 11, 30, 65, 3, (2015, 2, 28)),
    (1950, 1, 1, 65, 4, (2015, 4, 30)),
    (1950, 7, 15, 65, 4, (2015, 11, 30)),
    (1950, 12, 31, 65, 4, (2016, 4, 30)),
    (1951, 1, 1, 65, 5, (2016, 5, 31)),
    (1951, 8, 15, 65, 5, (2017, 1, 31)),
    (1951, 1, 31, 65, 5, (2016, 6, 30)),
    (1952, 1, 1, 65, 6, (2017, 6, 30)),
    (1952, 9, 15, 65, 6, (2018, 3, 31)),
    (1952, 12, 31, 65, 6, (2018, 6, 30)),
    (1952, 2, 29, 65, 6, (2017, 8, 31)),
    (1953, 1, 1, 65, 7, (2018, 7, 31)),
    (1953, 10, 15, 65, 7, (2019, 5, 31)),
    (1953, 3, 31, 65, 7, (2018, 10, 31)),
    (1954, 1, 1, 65, 8, (2019, 8, 31)),
    (1954, 11, 15, 65, 8, (2020, 7, 31)),
    (1954, 4, 30, 65, 8, (2019, 12, 31)),
    (1955, 1, 1, 65, 9, (2020, 9, 30)),
    (1955, 12, 15, 65, 9, (2021, 9, 30)),
    (1955, 5, 31, 65, 9, (2021, 2, 28)),
    (1956, 1, 1, 65, 10, (2021, 10, 31)),
    (1956, 1, 15, 65, 10, (2021, 11, 30)),
    (1956, 6, 30, 65, 10, (2022, 4, 30)),
    (1956, 2, 29, 65, 10, (2021, 12, 31)),
    (1957, 1, 1, 65, 11, (2022, 11, 30)),
    (1957, 2, 15, 65, 11, (2023, 1, 31)),
    (1957, 7, 31, 65, 11, (2023, 6, 30)),
    (1958, 1, 1, 66, 0, (2023, 12, 31)),
    (1958, 3, 15, 66, 0, (2024, 3, 31)),
    (1958, 8, 31, 66, 0, (2024, 8, 31)),
    (1959, 1, 1, 66, 2, (2025, 2, 28)),
    (1959, 4, 15, 66, 2, (2025, 6, 30)),
    (1959, 9, 30, 66, 2, (2025, 11, 30)),
    (1960, 1, 1, 66, 4, (2026, 4, 30)),
    (1960, 5, 15, 66, 4, (2026, 9, 30)),
    (1960, 10, 31, 66, 4, (2027, 2, 28)),
    (1960, 2, 29, 66, 4, (2026, 6, 30)),
    (1961, 1, 1, 66, 6, (2027, 6, 30)),
    (1961, 6, 15, 66, 6, (2027, 12, 31)),
    (1961, 11, 30, 66, 6, (2028, 5, 31)),
    (1962, 1, 1, 66, 8, (2028, 8, 31)),
    (1962, 7, 15, 66, 8, (2029, 3, 31)),
    (1962, 12, 31, 66, 8, (2029, 8, 31)),
    (1963, 1, 1, 66, 10, (2029, 10, 31)),
    (1963, 8, 15, 66, 10, (2030, 6, 30)),
    (1963, 1, 31, 66, 10, (2029, 11, 30)),
    (1964, 1, 1, 67, 0, (2030, 12, 31)),
    (1964, 9, 15, 67, 0, (2031, 9, 30)),
    (1964, 12, 31, 67, 0, (2031, 12, 31)),
    (1964, 2, 29, 67, 0, (2031, 2, 28)),
    (1965, 1, 1, 67, 0, (2031, 12, 31)),
    (1965, 10, 15, 67, 0, (2032, 10, 31)),
    (1965, 3, 31, 67, 0, (2032, 3, 31)),
]


GOLDEN_IDS = [f"{y}-{m:02d}-{d:02d}" for y, m, d, *_ in SECTION_7A_GOLDEN]


@pytest.mark.parametrize(
    ("year", "month", "day", "years", "months", "last_day"), SECTION_7A_GOLDEN, ids=GOLDEN_IDS
)
def test_section_7a_table_gives_the_last_day_inside_the_upper_age_limit(
    year: int, month: int, day: int, years: int, months: int, last_day: tuple[int, int, int]
) -> None:
    """SGB II § 7a: limit by birth year, reached at the end of the month it is completed."""
    born = D(year, month, day)

    limit = DEFAULT_POLICY.upper_age_limit.at(born.add(years=65)).limit_for(year)
    end = working_age_end(born)

    assert AgeLimit(years=years, months=months) == limit
    assert D(*last_day) == end


@pytest.mark.parametrize(
    ("year", "month", "day", "years", "months", "last_day"), SECTION_7A_GOLDEN, ids=GOLDEN_IDS
)
def test_working_age_ends_with_the_last_day_inside_the_upper_age_limit(
    refugee: Refugee,
    year: int,
    month: int,
    day: int,
    years: int,
    months: int,
    last_day: tuple[int, int, int],
) -> None:
    """SGB II § 7a: of working age on the last day inside the limit, not on the day after."""
    p = refugee("p-1", D(year, month, day))
    last = D(*last_day)

    last_in = is_of_working_age(p, on=last)
    first_out = is_of_working_age(p, on=last.add(days=1))

    assert (True, False) == (last_in.value, first_out.value)
    assert ("upper_age_limit_reached",) == first_out.codes


def test_person_born_on_the_first_reaches_the_limit_in_the_previous_month(
    refugee: Refugee,
) -> None:
    """Born 1946-09-01: 65 completed at the end of 2011-08-31, the limit then (DOMAIN §3)."""
    p = refugee("p-1", D(1946, 9, 1))

    last_in = is_of_working_age(p, on=D(2011, 8, 31))
    first_out = is_of_working_age(p, on=D(2011, 9, 1))

    assert (True, False) == (last_in.value, first_out.value)
    assert ("upper_age_limit_reached",) == first_out.codes


def test_person_born_on_29_february_reaches_the_limit_by_the_bgb_count(
    refugee: Refugee,
) -> None:
    """Born 1956-02-29: 65 years 10 months completed at the end of 2021-12-28 (BGB § 188
    Abs. 2), so the limit is reached at the end of December 2021."""
    p = refugee("p-1", D(1956, 2, 29))

    last_in = is_of_working_age(p, on=D(2021, 12, 31))
    first_out = is_of_working_age(p, on=D(2022, 1, 1))

    assert (True, False) == (last_in.value, first_out.value)


def test_working_age_starts_on_the_fifteenth_birthday(refugee: Refugee) -> None:
    """SGB II § 7 Abs. 1 S. 1 Nr. 1: the 15th year is completed at the end of the eve."""
    p = refugee("p-1", D(2007, 6, 1))

    before = is_of_working_age(p, on=D(2022, 5, 31))
    on_birthday = is_of_working_age(p, on=D(2022, 6, 1))

    assert (False, True) == (before.value, on_birthday.value)
    assert ("under_lower_age_limit",) == before.codes


def test_child_born_on_29_february_is_of_working_age_from_1_march_in_a_common_year(
    refugee: Refugee,
) -> None:
    """BGB § 188 Abs. 3: born 2008-02-29, the 15th year ends with 2023-02-28."""
    p = refugee("p-1", D(2008, 2, 29))

    eve = is_of_working_age(p, on=D(2023, 2, 28))
    first_of_march = is_of_working_age(p, on=D(2023, 3, 1))

    assert (False, True) == (eve.value, first_of_march.value)


def test_nobody_is_of_working_age_before_being_born(refugee: Refugee) -> None:
    """A day before the birth is a business 'no', not an error."""
    p = refugee("p-1", D(2023, 1, 1))

    decision = is_employable(p, on=D(2022, 6, 21))

    assert decision.value is False
    assert "not_yet_born" in decision.codes
    assert ("not_yet_born",) == is_of_working_age(p, on=D(2022, 6, 21)).codes


@pytest.mark.parametrize("on", [D(2022, 5, 31), D(2022, 6, 1), D(2022, 6, 2)])
def test_the_section_74_switch_does_not_change_working_age(refugee: Refugee, on: Date) -> None:
    """SGB II § 74 changes the regime and the work permission, not the age limits."""
    p = refugee("p-1", D(1957, 6, 1))

    decision = is_of_working_age(p, on=on)

    assert (True, ("of_working_age",)) == (decision.value, decision.codes)
