"""count_bookings: the bookings of many days counted, as assign_interpreters books each day."""

from __future__ import annotations

import pendulum
import pytest

from jobcenter_core.errors import UnknownId
from jobcenter_core.interpreting import BookingCounts, count_bookings
from jobcenter_core.interpreting.counts import _counted_by_the_rule
from jobcenter_core.parameters import DEFAULT_POLICY
from jobcenter_core.people import Person
from jobcenter_core.scenarios import Scenario, bocholt_june_2022, job_centre_scenarios


def _persons(scenario: Scenario) -> dict[str, Person]:
    return {m.person.id: m.person for h in scenario.caseload.households for m in h.members}


def _both(scenario: Scenario) -> tuple[BookingCounts, BookingCounts]:
    persons, caseworkers = _persons(scenario), scenario.caseworkers
    return (
        count_bookings(
            scenario.consultations, scenario.interpreters, persons=persons, caseworkers=caseworkers
        ),
        _counted_by_the_rule(
            scenario.consultations,
            scenario.interpreters,
            persons=persons,
            caseworkers=caseworkers,
            policy=DEFAULT_POLICY,
        ),
    )


def test_the_bocholt_bookings_count_as_the_rule_books_them_day_by_day() -> None:
    counted, by_the_rule = _both(bocholt_june_2022())

    assert counted == by_the_rule
    assert counted.needing >= counted.booked > 0


@pytest.mark.parametrize(
    "on",
    [pendulum.date(2022, 5, 31), pendulum.date(2022, 6, 1), pendulum.date(2022, 6, 21)],
)
def test_national_partitions_count_as_the_rule_books_them_day_by_day(on: pendulum.Date) -> None:
    """Partitions whose consultations run over weeks before the day, the day before, of
    and after the § 74 switch among them: the same numbers, reasons and missing minutes."""
    needing = 0
    for scenario in job_centre_scenarios("jc-001", households=300, seed=3, on=on):
        counted, by_the_rule = _both(scenario)
        assert counted == by_the_rule
        needing += counted.needing
    assert needing > 0


def test_reasons_and_missing_minutes_come_in_order_of_code_and_language() -> None:
    counted, _ = _both(
        next(
            iter(
                job_centre_scenarios(
                    "jc-001", households=600, seed=1, on=pendulum.date(2022, 6, 21)
                )
            )
        )
    )

    assert list(counted.unserved_reasons) == sorted(counted.unserved_reasons)
    assert list(counted.missing_minutes) == sorted(counted.missing_minutes)


def test_a_consultation_whose_person_is_not_given_is_refused_without_its_id() -> None:
    scenario = bocholt_june_2022()
    persons = _persons(scenario)
    missing = scenario.consultations[0].person_id
    del persons[missing]

    with pytest.raises(UnknownId) as refused:
        count_bookings(
            scenario.consultations,
            scenario.interpreters,
            persons=persons,
            caseworkers=scenario.caseworkers,
        )

    assert "persons" in str(refused.value)
    assert missing not in str(refused.value)
