"""Employability as policy: SGB II § 8 (capacity, permission) with § 74 Abs. 1 S. 2."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pendulum
import pytest
from hypothesis import given
from pendulum import Date

from jobcenter_core.decisions import LegalReference
from jobcenter_core.parameters import DEFAULT_POLICY, Dated
from jobcenter_core.people import Person, ResidenceDocument, WorkCapacity
from jobcenter_core.rules import is_employable, is_of_working_age
from jobcenter_core.testing import persons, policies, reference_dates

D = pendulum.date
LAW_DAY = D(2022, 6, 1)
Refugee = Callable[..., Person]


def test_unassessed_capacity_is_presumed_sufficient_and_listed_as_missing(
    refugee: Refugee,
) -> None:
    """SGB II § 8 Abs. 1: no assessment means presumed able to work 3 hours a day."""
    p = refugee("p-1", D(1990, 3, 1))

    decision = is_employable(p, on=D(2022, 6, 21))

    assert decision.value is True
    assert ["work_capacity"] == [a.fact for a in decision.missing]


def test_capacity_below_three_hours_means_not_employable(refugee: Refugee) -> None:
    """SGB II § 8 Abs. 1: less than 3 hours a day is not employable."""
    p = refugee(
        "p-1", D(1990, 3, 1), work_capacity=WorkCapacity(hours_per_day=2.5, assessed_on=LAW_DAY)
    )

    decision = is_employable(p, on=D(2022, 6, 21))

    assert decision.value is False
    assert "capacity_insufficient" in decision.codes


def test_capacity_of_exactly_three_hours_is_enough(refugee: Refugee) -> None:
    """SGB II § 8 Abs. 1: 'at least 3 hours'."""
    p = refugee(
        "p-1", D(1990, 3, 1), work_capacity=WorkCapacity(hours_per_day=3, assessed_on=LAW_DAY)
    )

    assert is_employable(p, on=D(2022, 6, 21)).value is True


@pytest.mark.parametrize(
    ("on", "employable", "code"),
    [
        (D(2022, 5, 31), False, "work_not_permitted"),
        (D(2022, 6, 1), True, "work_permission_not_required"),
        (D(2022, 6, 2), True, "work_permission_not_required"),
    ],
)
def test_section_24_group_needs_no_work_permission_from_june_2022(
    refugee: Refugee, on: Date, employable: bool, code: str
) -> None:
    """SGB II § 74 Abs. 1 S. 2 switches § 8 Abs. 2 off for the § 24 group from 2022-06-01."""
    p = refugee("p-1", D(1990, 3, 1), work_permitted=False)

    decision = is_employable(p, on=on)

    assert employable == decision.value
    assert code in decision.codes


def test_foreigner_without_work_permission_is_not_employable(refugee: Refugee) -> None:
    """SGB II § 8 Abs. 2: employment must be or could be permitted."""
    p = refugee("p-1", D(1990, 3, 1), document=ResidenceDocument.OTHER_PERMIT, work_permitted=False)

    assert is_employable(p, on=D(2022, 6, 21)).value is False


def test_unknown_work_permission_is_presumed_and_listed_as_missing(refugee: Refugee) -> None:
    """SGB II § 8 Abs. 2: an unknown permission is presumed, and said so."""
    p = refugee("p-1", D(1990, 3, 1), document=ResidenceDocument.OTHER_PERMIT)

    decision = is_employable(p, on=D(2022, 6, 21))

    assert decision.value is True
    assert "work_permitted" in [a.fact for a in decision.missing]


def test_pensioner_is_not_employable_whatever_the_capacity(refugee: Refugee) -> None:
    """SGB II § 7a: past the upper age limit nobody is employable."""
    p = refugee(
        "p-1", D(1950, 5, 5), work_capacity=WorkCapacity(hours_per_day=8, assessed_on=LAW_DAY)
    )

    decision = is_employable(p, on=D(2022, 6, 21))

    assert decision.value is False
    assert "upper_age_limit_reached" in decision.codes


@pytest.mark.parametrize(
    ("born", "last_day"),
    [
        (D(1957, 7, 1), D(2023, 5, 31)),
        (D(1960, 2, 29), D(2026, 6, 30)),
        (D(1962, 7, 15), D(2029, 3, 31)),
    ],
    ids=["born-on-the-1st", "born-on-29-february", "born-mid-month"],
)
def test_employability_ends_with_the_last_day_inside_the_upper_age_limit(
    refugee: Refugee, born: Date, last_day: Date
) -> None:
    """SGB II § 7a, BGB § 188: born on the 1st, the limit ends with the previous month;
    born on 29 February, it is counted to the 28th in a common year."""
    p = refugee("p-1", born, work_capacity=WorkCapacity(hours_per_day=8, assessed_on=LAW_DAY))

    last_in = is_employable(p, on=last_day)
    first_out = is_employable(p, on=last_day.add(days=1))

    assert (True, False) == (last_in.value, first_out.value)
    assert ("upper_age_limit_reached",) == first_out.codes


def test_child_born_on_29_february_is_employable_from_1_march_of_a_common_year(
    refugee: Refugee,
) -> None:
    """SGB II § 7 Abs. 1 S. 1 Nr. 1, BGB § 188 Abs. 3: the 15th year ends with 28 February."""
    p = refugee("p-1", D(2008, 2, 29))

    eve = is_employable(p, on=D(2023, 2, 28))
    first_of_march = is_employable(p, on=D(2023, 3, 1))

    assert (False, True) == (eve.value, first_of_march.value)
    assert ("under_lower_age_limit",) == eve.codes


def test_child_is_not_employable_and_nothing_about_work_is_presumed(refugee: Refugee) -> None:
    """SGB II § 7 Abs. 1 S. 1 Nr. 1, § 8: below 15 the age decides; capacity and
    permission are not examined, so no presumption about them is reported."""
    child = refugee("c-1", D(2020, 5, 5), registered_on=None, work_permitted=None)

    decision = is_employable(child, on=D(2022, 6, 21))

    assert decision.value is False
    assert ("under_lower_age_limit",) == decision.codes
    assert () == decision.missing


@given(persons(), reference_dates(), policies())
def test_nobody_is_employable_outside_working_age(p: Person, on: Date, policy: object) -> None:
    """SGB II § 7 Abs. 1, § 8: employability implies working age, whatever the policy."""
    employable = is_employable(p, on=on, policy=policy)  # type: ignore[arg-type]
    working_age = is_of_working_age(p, on=on, policy=policy)  # type: ignore[arg-type]

    assert not employable.value or working_age.value


# --- pinned by mutation testing (issue 21) --------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({}, (True, "capacity_presumed", "SGB II § 8 Abs. 1")),
        ({"hours": 3}, (True, "capacity_sufficient", "SGB II § 8 Abs. 1")),
        ({"hours": 2.5}, (False, "capacity_insufficient", "SGB II § 8 Abs. 1")),
        ({"permitted": True}, (True, "work_permitted", "SGB II § 8 Abs. 2")),
        ({"permitted": False}, (False, "work_not_permitted", "SGB II § 8 Abs. 2")),
        ({"permitted": None}, (True, "work_permission_presumed", "SGB II § 8 Abs. 2")),
    ],
)
def test_each_ground_of_section_8_gives_its_reason_and_cites_its_paragraph(
    refugee: Refugee, facts: dict[str, object], expected: tuple[bool, str, str]
) -> None:
    """
    SGB II § 8 Abs. 1 (3 hours a day) and Abs. 2 (permission to work), asked on
    2022-05-31, before § 74 Abs. 1 S. 2 makes the permission moot for the § 24 group.
    """
    hours = facts.get("hours")
    p = refugee(
        "p-1",
        D(1990, 3, 1),
        work_capacity=None
        if hours is None
        else WorkCapacity(hours_per_day=hours, assessed_on=D(2022, 3, 1)),
        work_permitted=facts.get("permitted", True),
    )
    value, code, citation = expected

    decision = is_employable(p, on=LAW_DAY.subtract(days=1))

    assert (value, citation) == (
        decision.value,
        next(str(r.reference) for r in decision.reasons if r.code == code),
    )


@pytest.mark.parametrize(("hours", "employable"), [(2.5, True), (2.49, False)])
def test_the_daily_hours_come_from_the_policy(
    refugee: Refugee, hours: float, employable: bool
) -> None:
    """SGB II § 8 Abs. 1 as a parameter: a policy asking 2.5 hours a day, citing its own rule."""
    policy = attrs.evolve(
        DEFAULT_POLICY,
        min_daily_work_hours=Dated.always(
            2.5, reference=LegalReference(law="SGB II", section="8", paragraph="1", sentence="2")
        ),
    )
    p = refugee(
        "p-1",
        D(1990, 3, 1),
        work_capacity=WorkCapacity(hours_per_day=hours, assessed_on=D(2022, 3, 1)),
    )

    decision = is_employable(p, on=D(2022, 6, 21), policy=policy)

    assert employable is decision.value
    assert "SGB II § 8 Abs. 1 S. 2" == str(decision.reasons[1].reference)


@pytest.mark.parametrize(("on", "employable"), [(D(2026, 6, 30), False), (D(2026, 7, 1), True)])
def test_the_daily_hours_in_force_on_the_day_decide(
    refugee: Refugee, on: Date, employable: bool
) -> None:
    """SGB II § 8 Abs. 1 as a dated parameter: 3 hours, 2.5 from 2026-07-01."""
    policy = attrs.evolve(
        DEFAULT_POLICY,
        min_daily_work_hours=DEFAULT_POLICY.min_daily_work_hours.change_from(
            D(2026, 7, 1), 2.5, note="test"
        ),
    )
    p = refugee(
        "p-1",
        D(1990, 3, 1),
        work_capacity=WorkCapacity(hours_per_day=2.75, assessed_on=D(2022, 3, 1)),
    )

    assert employable is is_employable(p, on=on, policy=policy).value
