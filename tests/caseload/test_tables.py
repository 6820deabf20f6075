"""
Tables as columns: typed, compact, pseudonymised, and into pandas, polars and Arrow with
real date types and ordered categories.

The dataframe libraries come with the development groups (``uv sync --all-groups``); with
only the test group the conversions are skipped, the rest still runs.
"""

from __future__ import annotations

import datetime as _dt
import subprocess
import sys

import pendulum
import pytest

from jobcenter_core.caseload import (
    GERMAN_LEVELS,
    AgeBand,
    Caseload,
    Column,
    ColumnKind,
    Table,
    allocation_table,
    need_records,
    need_table,
    person_table,
    rule_table,
    to_records,
)
from jobcenter_core.enrolment import allocate
from jobcenter_core.errors import InvalidInput
from jobcenter_core.households import Household, Member
from jobcenter_core.people import Person, Sex
from jobcenter_core.scenarios import bocholt_june_2022, synthetic_caseload

ON = pendulum.date(2022, 6, 21)


@pytest.fixture(scope="module")
def caseload() -> Caseload:
    return synthetic_caseload(households=60, seed=11, on=ON)


def test_person_table_holds_the_values_of_to_records(caseload: Caseload) -> None:
    """Column by column, the person table says what the rows of to_records say."""
    rows = to_records(caseload, on=ON)

    table = person_table(caseload, on=ON)

    for name in table.names:
        expected = [r[name] for r in rows]
        if name in ("child_age_band", "child_care"):
            expected = [v or None for v in expected]
        assert expected == list(table[name]), name
    assert [_dt.date(2022, 6, 21)] * len(rows) == list(table["on"])


def test_need_table_holds_the_values_of_need_records() -> None:
    """The needs table has need_records' values, dates as datetime.date."""
    scenario = bocholt_june_2022()
    rows = need_records(scenario.caseload)

    table = need_table(scenario.caseload)

    for name in ("subject", "category", "urgency", "status", "unmet", "identified_on"):
        assert [r[name] for r in rows] == list(table[name]), name
    assert all(type(d) is _dt.date for d in table["identified_on"])


def test_no_birth_dates_names_or_special_categories_unless_asked(caseload: Caseload) -> None:
    """Coarsened and pseudonymised as to_records: bands, not birth dates; Art. 9 needs only on request."""
    p = Person(id="p-1", birth_date=pendulum.date(1988, 3, 2), sex=Sex.FEMALE, name="Olena")
    one = Caseload(households=[Household(id="h-1", members=(Member(person=p),))])

    table = person_table(one, on=ON)
    every_value = [v for c in table.columns for v in c]

    assert "Olena" not in every_value
    assert not any(isinstance(v, _dt.date) and v.year == 1988 for v in every_value)
    assert "need_psychosocial_support" not in table.names
    assert (
        "need_psychosocial_support"
        in person_table(one, on=ON, include_special_categories=True).names
    )
    assert "psychosocial_support" not in set(need_table(bocholt_june_2022().caseload)["category"])


def test_ordinal_columns_carry_their_order() -> None:
    """German levels run none < A1 < … < C2 < native; age bands from young to old."""
    table = person_table(bocholt_june_2022().caseload, on=ON)

    assert ColumnKind.ORDINAL is table["german_level"].kind
    assert GERMAN_LEVELS == table["german_level"].categories
    assert ("none", "A1", "A2", "B1", "B2", "C1", "C2", "native") == GERMAN_LEVELS
    assert tuple(b.value for b in AgeBand) == table["age_band"].categories


def test_rule_table_names_regime_unit_and_reasonableness() -> None:
    """The Bocholt caseload on 21 June 2022: regimes as categories, unit ids as member ids."""
    scenario = bocholt_june_2022()

    table = rule_table(scenario.caseload, on=scenario.on)

    assert ColumnKind.CATEGORY is table["regime"].kind
    assert set(table["regime"]) <= {"sgb_ii", "sgb_xii", "asylblg", "other"}
    person_ids = set(table["person_id"])
    assert {u for u in table["unit_id"] if u is not None} <= person_ids


def test_allocation_table_has_one_row_per_registration() -> None:
    """Placed, waitlisted (with positions from 1) and rejected: every registration once."""
    s = bocholt_june_2022()
    result = allocate(
        s.offer,
        s.registrations,
        candidates=s.candidates(),
        caseworkers={c.id for c in s.caseworkers},
    )

    table = allocation_table(result)

    assert sorted(r.id for r in s.registrations) == sorted(table["registration_id"])
    waiting = [
        p
        for p, o in zip(table["waitlist_position"], table["outcome"], strict=True)
        if o == "waitlisted"
    ]
    assert list(range(1, len(result.waitlist) + 1)) == waiting
    placed = [
        s for s, o in zip(table["session_id"], table["outcome"], strict=True) if o == "placed"
    ]
    assert all(placed)


def test_columns_refuse_a_value_of_another_type_by_path() -> None:
    """A bad value is named by column and row; a boolean is not a number."""
    with pytest.raises(InvalidInput, match=r"\$\.n\[1\]: must be int"):
        Column.integers("n", [1, True])
    with pytest.raises(InvalidInput, match=r"\$\.on\[0\]: must be date or None"):
        Column.dates("on", ["2022-06-21"])  # type: ignore[list-item]
    with pytest.raises(InvalidInput, match="same length"):
        Table.of(Column.integers("a", [1]), Column.integers("b", [1, 2]))


def test_columns_take_less_memory_than_a_tuple_of_references(caseload: Caseload) -> None:
    """Booleans a byte each, categories a code each: far below 8 bytes a reference."""
    table = person_table(caseload, on=ON)

    assert len(table) == table["employable"].nbytes
    assert table.nbytes < 8 * len(table) * len(table.names)


def test_pandas_gets_dates_and_ordered_categoricals(caseload: Caseload) -> None:
    """Real date dtypes, ordered categoricals that sort as the domain does."""
    pd = pytest.importorskip(
        "pandas", reason="pandas comes with the dataframes group, not the test group alone."
    )

    df = person_table(caseload, on=ON).to_pandas()

    assert str(df["on"].dtype).startswith("datetime64")
    assert df["german_level"].cat.ordered
    assert list(df["german_level"].cat.categories) == list(GERMAN_LEVELS)
    assert not df["sex"].cat.ordered
    assert df["employable"].dtype == bool
    assert df["unmet_needs"].dtype == "int64"
    assert isinstance(df, pd.DataFrame)


def test_polars_gets_date_and_enum(caseload: Caseload) -> None:
    """pl.Date and pl.Enum in the domain's order."""
    pl = pytest.importorskip(
        "polars", reason="polars comes with the dataframes group, not the test group alone."
    )

    df = person_table(caseload, on=ON).to_polars()

    assert pl.Date == df.schema["on"]
    assert pl.Enum(list(GERMAN_LEVELS)) == df.schema["german_level"]
    levels = df.sort("german_level")["german_level"].unique(maintain_order=True).to_list()
    assert sorted(levels, key=GERMAN_LEVELS.index) == levels


def test_arrow_gets_date32_and_dictionaries(caseload: Caseload) -> None:
    """date32 and dictionary columns, ordered for ordinals; missing values as nulls."""
    pa = pytest.importorskip(
        "pyarrow", reason="pyarrow comes with the dataframes group, not the test group alone."
    )

    table = person_table(caseload, on=ON).to_arrow()

    assert pa.date32() == table.schema.field("on").type
    assert table.schema.field("age_band").type.ordered
    assert table.column("child_age_band").null_count > 0


def test_a_missing_extra_is_named_in_the_error() -> None:
    """Without pandas installed, to_pandas says which extra to install."""
    script = (
        "import sys\n"
        "sys.modules['pandas'] = None\n"
        "from jobcenter_core.caseload import Column, Table\n"
        "try:\n"
        "    Table.of(Column.integers('n', [1])).to_pandas()\n"
        "except ImportError as e:\n"
        "    print(e)\n"
    )

    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)

    assert "jobcenter_core[pandas]" in out.stdout
