"""Policy as data: dated parameters, the statutory tables, the default policy and reforms."""

from __future__ import annotations

import datetime as _dt

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pendulum import Date

from jobcenter_core.decisions import LegalReference
from jobcenter_core.errors import InvalidPolicy, NoValueForDate
from jobcenter_core.parameters import (
    DEFAULT_POLICY,
    REFORMS,
    SECTION_7A_TABLE,
    AgeLimit,
    AsylblgReturn,
    Dated,
    Period,
    apply_reforms,
    grundsicherung_2026,
    leistungsrechtsanpassung_2026,
)
from jobcenter_core.strategies import pendulum_dates

D = pendulum.date
REF = LegalReference(law="SGB II", section="74")


def test_dated_value_rejects_a_gap_between_periods() -> None:
    """Validity periods must meet: a gap leaves days without law."""
    with pytest.raises(InvalidPolicy, match="gap from 2022-06-01 to 2022-07-01"):
        Dated(
            periods=(
                Period(value=1, end=D(2022, 6, 1), reference=REF),
                Period(value=2, start=D(2022, 7, 1), reference=REF),
            )
        )


def test_dated_value_rejects_overlapping_periods() -> None:
    """Two values must never hold on the same day."""
    with pytest.raises(InvalidPolicy, match="overlaps"):
        Dated(
            periods=(
                Period(value=1, end=D(2022, 6, 1), reference=REF),
                Period(value=2, start=D(2022, 5, 1), reference=REF),
            )
        )


def test_dated_value_needs_at_least_one_period() -> None:
    """An empty parameter is no parameter."""
    with pytest.raises(InvalidPolicy, match="at least one period"):
        Dated(periods=())


def test_only_the_first_period_may_be_open_at_the_start() -> None:
    """'Since always' can only come first."""
    with pytest.raises(InvalidPolicy, match="period 1: only the first"):
        Dated(
            periods=(
                Period(value=1, end=D(2022, 6, 1), reference=REF),
                Period(value=2, reference=REF),
            )
        )


def test_period_needs_a_reference_or_a_note() -> None:
    """Every value names its source: the law, or whose local rule it is."""
    with pytest.raises(InvalidPolicy, match="'reference'"):
        Period(value=1)


def test_period_end_must_follow_its_start() -> None:
    """A period of no days is an error."""
    with pytest.raises(InvalidPolicy, match="'end' must be after 'start'"):
        Period(value=1, start=D(2022, 6, 1), end=D(2022, 6, 1), reference=REF)


def test_value_on_the_first_day_of_a_period_is_the_new_value() -> None:
    """Periods are half-open: the start day belongs to the new period."""
    flag = DEFAULT_POLICY.section_74_in_force

    assert (False, True) == (flag.at(D(2022, 5, 31)), flag.at(D(2022, 6, 1)))


def test_asking_outside_every_period_raises_no_value_for_date() -> None:
    """A parameter that begins later has no value before its start."""
    later = Dated(periods=(Period(value=1, start=D(2022, 6, 1), reference=REF),))

    with pytest.raises(NoValueForDate):
        later.at(D(2022, 5, 31))


def test_change_from_keeps_the_past_and_replaces_the_future() -> None:
    """A reform changes the law from its day on and leaves earlier days alone."""
    changed = DEFAULT_POLICY.section_74_in_force.change_from(D(2026, 7, 1), False, reference=REF)

    assert [False, True, True, False] == [
        changed.at(d) for d in (D(2022, 5, 31), D(2022, 6, 1), D(2026, 6, 30), D(2026, 7, 1))
    ]
    assert 3 == len(changed.periods)


def test_change_from_before_every_period_replaces_them_all() -> None:
    """A change from before the first start leaves one period."""
    later = Dated(periods=(Period(value=1, start=D(2022, 6, 1), reference=REF),))

    changed = later.change_from(D(2020, 1, 1), 2, reference=REF)

    assert (2, 1) == (changed.at(D(2024, 1, 1)), len(changed.periods))


@given(
    start=pendulum_dates(_dt.date(2000, 1, 1), _dt.date(2040, 12, 31)),
    day=pendulum_dates(_dt.date(1990, 1, 1), _dt.date(2050, 12, 31)),
)
def test_change_from_holds_exactly_from_its_day(start: Date, day: Date) -> None:
    """After change_from(start, v), the value is v from start on and unchanged before."""
    base = DEFAULT_POLICY.section_74_in_force

    changed = base.change_from(start, None, note="test")

    expected = None if day >= start else base.at(day)
    assert expected == changed.at(day)


def test_reference_comes_with_every_value() -> None:
    """Each value carries the law it comes from."""
    ref = DEFAULT_POLICY.lower_age_limit.reference_at(D(2022, 6, 1))

    assert "SGB II § 7 Abs. 1 S. 1 Nr. 1" == str(ref)


def test_every_default_parameter_names_its_source_on_every_period() -> None:
    """DESIGN.md rule 4: every value has a LegalReference or a note."""
    for name, dated in DEFAULT_POLICY.parameters().items():
        for period in dated.periods:
            assert period.reference is not None or period.note.strip(), name


def test_uncertain_parameters_say_why() -> None:
    """Values not confirmed against the official text are marked and explained."""
    uncertain = [
        (name, p)
        for name, dated in DEFAULT_POLICY.parameters().items()
        for p in dated.periods
        if p.uncertain
    ]

    assert uncertain
    assert all(p.note.strip() for _, p in uncertain)
    assert "registration_catch_up" in [name for name, _ in uncertain]


@pytest.mark.parametrize(
    ("year", "limit"),
    [
        (1930, AgeLimit(years=65)),
        (1946, AgeLimit(years=65)),
        (1947, AgeLimit(years=65, months=1)),
        (1957, AgeLimit(years=65, months=11)),
        (1958, AgeLimit(years=66)),
        (1959, AgeLimit(years=66, months=2)),
        (1963, AgeLimit(years=66, months=10)),
        (1964, AgeLimit(years=67)),
        (2000, AgeLimit(years=67)),
    ],
)
def test_section_7a_table_edges(year: int, limit: AgeLimit) -> None:
    """SGB II § 7a: 65 years before 1947, one month a year to 1958, two to 1964, then 67."""
    assert limit == SECTION_7A_TABLE.limit_for(year)


def test_age_limit_reads_in_years_and_months() -> None:
    """The limit prints as people say it."""
    assert ("65 y 6 m", "67 y") == (str(AgeLimit(years=65, months=6)), str(AgeLimit(years=67)))


def test_leistungsrechtsanpassung_returns_late_permits_to_asylblg_from_july_2026() -> None:
    """The planned reform: permits first issued after 2025-03-31, from 2026-07-01."""
    reformed = leistungsrechtsanpassung_2026(DEFAULT_POLICY)

    before = reformed.asylblg_return.at(D(2026, 6, 30))
    after = reformed.asylblg_return.at(D(2026, 7, 1))

    assert before is None
    assert AsylblgReturn(first_issued_after=D(2025, 3, 31), transition_ends=D(2026, 9, 30)) == after
    assert reformed.asylblg_return.period_at(D(2026, 7, 1)).uncertain


def test_default_policy_holds_no_planned_reform() -> None:
    """Planned changes are named reforms, not the default."""
    assert DEFAULT_POLICY.asylblg_return.at(D(2030, 1, 1)) is None
    assert 3 == DEFAULT_POLICY.reasonable_child_age.at(D(2030, 1, 1))
    assert "Bürgergeld" == DEFAULT_POLICY.benefit_name.at(D(2030, 1, 1))


def test_grundsicherung_renames_the_benefit_and_lowers_the_child_age() -> None:
    """The planned 13th amendment: Grundsicherungsgeld and a child age of 1 from 2026-07-01."""
    reformed = grundsicherung_2026(DEFAULT_POLICY)

    assert ("Bürgergeld", 3) == (
        reformed.benefit_name.at(D(2026, 6, 30)),
        reformed.reasonable_child_age.at(D(2026, 6, 30)),
    )
    assert ("Grundsicherungsgeld", 1) == (
        reformed.benefit_name.at(D(2026, 7, 1)),
        reformed.reasonable_child_age.at(D(2026, 7, 1)),
    )


def test_benefit_name_changes_on_1_january_2023() -> None:
    """Bürgergeld-Gesetz: Arbeitslosengeld II became Bürgergeld."""
    name = DEFAULT_POLICY.benefit_name

    assert ("Arbeitslosengeld II", "Bürgergeld") == (
        name.at(D(2022, 12, 31)),
        name.at(D(2023, 1, 1)),
    )


def test_reforms_apply_in_order_and_commute_here() -> None:
    """The two reforms touch different parameters, so their order does not matter."""
    one = apply_reforms(DEFAULT_POLICY, ["leistungsrechtsanpassung_2026", "grundsicherung_2026"])
    other = apply_reforms(DEFAULT_POLICY, ["grundsicherung_2026", "leistungsrechtsanpassung_2026"])

    assert one == other
    assert {"leistungsrechtsanpassung_2026", "grundsicherung_2026"} == set(REFORMS)


def test_unknown_reform_name_lists_the_known_ones() -> None:
    """A typo in a reform name is an error that helps."""
    with pytest.raises(KeyError, match="grundsicherung_2026"):
        apply_reforms(DEFAULT_POLICY, ["grundsicherung_2027"])


def test_policy_is_immutable_and_changed_with_evolve() -> None:
    """DESIGN.md rule 1: change a parameter with attrs.evolve."""
    changed = attrs.evolve(DEFAULT_POLICY, min_group_size=Dated.always(8, note="test"))

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        DEFAULT_POLICY.min_group_size = changed.min_group_size  # type: ignore[misc]
    assert (12, 8) == (
        DEFAULT_POLICY.min_group_size.at(D(2022, 6, 21)),
        changed.min_group_size.at(D(2022, 6, 21)),
    )


@given(st.sampled_from(sorted(REFORMS)))
def test_every_reform_leaves_the_law_before_july_2026_alone(name: str) -> None:
    """Reforms change the future only: every parameter is unchanged up to 2026-06-30."""
    reformed = REFORMS[name](DEFAULT_POLICY)

    for param, dated in DEFAULT_POLICY.parameters().items():
        for day in (D(2022, 6, 1), D(2026, 6, 30)):
            assert dated.at(day) == reformed.parameters()[param].at(day), param
