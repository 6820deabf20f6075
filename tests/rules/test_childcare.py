"""Children's care and school as policy: SGB VIII § 24 and SchulG NRW § 35 Abs. 1."""

from __future__ import annotations

import datetime as _dt

import pendulum
import pytest
from hypothesis import given
from pendulum import Date

from jobcenter_core.rules import ChildcareEntitlement, childcare_entitlement, school_entry_date
from jobcenter_core.testing import pendulum_dates

D = pendulum.date


@pytest.mark.parametrize(
    ("born", "entry"),
    [
        (D(2019, 9, 30), D(2025, 8, 1)),
        (D(2019, 10, 1), D(2026, 8, 1)),
        (D(2020, 9, 30), D(2026, 8, 1)),
        (D(2020, 2, 29), D(2026, 8, 1)),
        (D(2016, 1, 1), D(2022, 8, 1)),
        (D(2016, 12, 31), D(2023, 8, 1)),
    ],
)
def test_nrw_school_entry_is_1_august_of_the_year_of_the_sixth_birthday_by_30_september(
    born: Date, entry: Date
) -> None:
    """SchulG NRW § 35 Abs. 1."""
    assert entry == school_entry_date(born)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2020, 2, 29), ChildcareEntitlement.NONE),
        (D(2020, 3, 1), ChildcareEntitlement.DAYCARE_OR_CHILDMINDER),
        (D(2022, 2, 28), ChildcareEntitlement.DAYCARE_OR_CHILDMINDER),
        (D(2022, 3, 1), ChildcareEntitlement.KITA),
        (D(2025, 7, 31), ChildcareEntitlement.KITA),
        (D(2025, 8, 1), ChildcareEntitlement.SCHOOL),
    ],
)
def test_childcare_entitlement_follows_sgb8_section_24_until_school(
    on: Date, expected: ChildcareEntitlement
) -> None:
    """SGB VIII § 24 Abs. 1 to 3: none, day care from 1, Kita from 3, then school."""
    born = D(2019, 3, 1)

    assert expected == childcare_entitlement(born, on=on).value


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2021, 2, 28), ChildcareEntitlement.NONE),
        (D(2021, 3, 1), ChildcareEntitlement.DAYCARE_OR_CHILDMINDER),
        (D(2023, 2, 28), ChildcareEntitlement.DAYCARE_OR_CHILDMINDER),
        (D(2023, 3, 1), ChildcareEntitlement.KITA),
        (D(2026, 7, 31), ChildcareEntitlement.KITA),
        (D(2026, 8, 1), ChildcareEntitlement.SCHOOL),
    ],
)
def test_child_born_on_29_february_completes_its_years_with_28_february(
    on: Date, expected: ChildcareEntitlement
) -> None:
    """SGB VIII § 24, BGB § 188 Abs. 3: born 2020-02-29, each year ends with 28 February
    in a common year; school from 2026-08-01 (SchulG NRW § 35 Abs. 1)."""
    born = D(2020, 2, 29)

    assert expected == childcare_entitlement(born, on=on).value


@pytest.mark.parametrize("on", [D(2022, 5, 31), D(2022, 6, 1), D(2022, 6, 2)])
def test_the_section_74_switch_does_not_change_the_childcare_entitlement(on: Date) -> None:
    """SGB VIII § 24 holds for every child whatever its benefit regime."""
    born = D(2019, 3, 1)

    assert ChildcareEntitlement.KITA == childcare_entitlement(born, on=on).value


@given(born=pendulum_dates(_dt.date(1940, 1, 1), _dt.date(2024, 12, 31)))
def test_school_entry_is_on_1_august_between_ages_five_and_seven(born: Date) -> None:
    """SchulG NRW § 35 Abs. 1: the child is 5 or 6 on the day of entry."""
    entry = school_entry_date(born)

    assert (8, 1) == (entry.month, entry.day)
    assert (
        5
        <= entry.year - born.year - (1 if (entry.month, entry.day) < (born.month, born.day) else 0)
        <= 6
    )
