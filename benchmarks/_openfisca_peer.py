"""
The peer of the rule-column benchmark: a minimal OpenFisca tax-benefit system with the
§ 7a SGB II age table and § 8 employability, computed with numpy over arrays.

One entity (the person), four inputs (birth date; assessed hours a day, -1 when not
assessed; holds a § 24 document; work permission, -1 unknown / 0 no / 1 yes) and two
formulas (``of_working_age``, ``employable``) with the parameters of
``jobcenter_core.DEFAULT_POLICY``: the lower age limit, the § 7a table (months of age by
birth year, a single-amount scale), the minimum hours and the day § 74 took effect.
Written as an OpenFisca country package would be, so that the comparison is with what an
analyst would build in that tool.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import numpy as np
from openfisca_core.entities import build_entity
from openfisca_core.parameters import ParameterNode
from openfisca_core.periods import DateUnit
from openfisca_core.periods import period as make_period
from openfisca_core.simulations import SimulationBuilder
from openfisca_core.taxbenefitsystems import TaxBenefitSystem
from openfisca_core.variables import Variable

from jobcenter_core.parameters import DEFAULT_POLICY, AgeLimit

Person = build_entity(key="person", plural="persons", label="A person", is_person=True)


class birth_date(Variable):  # noqa: N801 - OpenFisca names variables by their class
    value_type = _dt.date
    entity = Person
    definition_period = DateUnit.ETERNITY
    label = "Birth date"


class work_capacity_hours(Variable):  # noqa: N801
    value_type = float
    default_value = -1.0
    entity = Person
    definition_period = DateUnit.ETERNITY
    label = "Assessed hours a day; -1 when not assessed (presumed sufficient)"


class section_24_document(Variable):  # noqa: N801
    value_type = bool
    entity = Person
    definition_period = DateUnit.ETERNITY
    label = "Holds a § 24 permit or Fiktionsbescheinigung"


class work_permitted(Variable):  # noqa: N801
    value_type = int
    default_value = -1
    entity = Person
    definition_period = DateUnit.ETERNITY
    label = "Work permission: -1 unknown (presumed), 0 no, 1 yes"


class of_working_age(Variable):  # noqa: N801
    value_type = bool
    entity = Person
    definition_period = DateUnit.DAY
    label = "SGB II § 7 Abs. 1 S. 1 Nr. 1, § 7a"

    def formula(person: Any, period: Any, parameters: Any) -> Any:  # noqa: N805
        p = parameters(period)
        born = person("birth_date", period)
        start = period.start
        on = np.datetime64(f"{start.year:04d}-{start.month:02d}-{start.day:02d}", "D")
        birth_month = born.astype("datetime64[M]")
        year = born.astype("datetime64[Y]").astype(np.int64) + 1970
        month = birth_month.astype(np.int64) % 12 + 1
        day = (born - birth_month.astype("datetime64[D]")).astype(np.int64) + 1
        years = (
            start.year
            - year
            - ((start.month < month) | ((start.month == month) & (start.day < day)))
        )
        # BGB § 188: the age is completed at the end of the day before the birthday, so
        # someone born on the 1st reaches it in the month before; § 7a: end of that month.
        last_month = birth_month.astype(np.int64) + p.upper_age_limit_months.calc(year) - (day == 1)
        on_month = (start.year - 1970) * 12 + start.month - 1
        return (born <= on) & (years >= p.lower_age_limit) & (on_month <= last_month)


class employable(Variable):  # noqa: N801
    value_type = bool
    entity = Person
    definition_period = DateUnit.DAY
    label = "SGB II § 8 Abs. 1 and 2, § 74 Abs. 1 S. 2"

    def formula(person: Any, period: Any, parameters: Any) -> Any:  # noqa: N805
        p = parameters(period)
        hours = person("work_capacity_hours", period)
        able = (hours < 0) | (hours >= p.min_daily_work_hours)
        permission = person("work_permitted", period)
        allowed = (person("section_24_document", period) & p.section_74_in_force) | (
            permission != 0
        )
        return person("of_working_age", period) & able & allowed


def _months(limit: AgeLimit) -> int:
    return 12 * limit.years + limit.months


def parameters() -> ParameterNode:
    """The parameters, from ``DEFAULT_POLICY`` (one period each, as on the benchmark day)."""
    policy = DEFAULT_POLICY
    since = "1900-01-01"
    table = policy.upper_age_limit.periods[-1].value
    rows = [(0, table.before), *table.by_birth_year, (table.by_birth_year[-1][0] + 1, table.after)]
    brackets = [
        {"threshold": {since: {"value": year}}, "amount": {since: {"value": _months(limit)}}}
        for year, limit in rows
    ]
    in_force = {
        (str(p.start) if p.start is not None else since): p.value
        for p in policy.section_74_in_force.periods
    }
    return ParameterNode(
        "",
        data={
            "lower_age_limit": {"values": {since: policy.lower_age_limit.periods[-1].value}},
            "min_daily_work_hours": {
                "values": {since: policy.min_daily_work_hours.periods[-1].value}
            },
            "section_74_in_force": {"values": in_force},
            "upper_age_limit_months": {"metadata": {"type": "single_amount"}, "brackets": brackets},
        },
    )


def system() -> TaxBenefitSystem:
    """The tax-benefit system: the person entity, the variables and the parameters."""
    tbs = TaxBenefitSystem([Person])
    for variable in (
        birth_date,
        work_capacity_hours,
        section_24_document,
        work_permitted,
        of_working_age,
        employable,
    ):
        tbs.add_variable(variable)
    tbs.parameters = parameters()
    return tbs


def inputs(persons: list[Any]) -> dict[str, np.ndarray]:
    """The input arrays for *persons* (``jobcenter_core`` persons); not part of the timing."""
    return {
        "birth_date": np.array([p.birth_date.isoformat() for p in persons], dtype="datetime64[D]"),
        "work_capacity_hours": np.array(
            [-1.0 if p.work_capacity is None else p.work_capacity.hours_per_day for p in persons]
        ),
        "section_24_document": np.array([p.holds_section_24_document for p in persons]),
        "work_permitted": np.array(
            [-1 if p.work_permitted is None else int(p.work_permitted) for p in persons]
        ),
    }


def employable_on(
    tbs: TaxBenefitSystem, arrays: dict[str, np.ndarray], day: _dt.date
) -> np.ndarray:
    """Build the simulation from *arrays* and compute ``employable`` on *day*."""
    builder = SimulationBuilder()
    builder.create_entities(tbs)
    builder.declare_person_entity("person", np.arange(len(arrays["birth_date"])))
    simulation = builder.build(tbs)
    eternity = make_period("eternity")
    for name, values in arrays.items():
        simulation.set_input(name, eternity, values)
    result: np.ndarray = simulation.calculate("employable", make_period(f"day:{day.isoformat()}"))
    return result
