"""
Benchmark 8: rule columns side by side with OpenFisca.

The peer is a minimal OpenFisca tax-benefit system with § 7a SGB II's age table and § 8
employability (``_openfisca_peer.py``), computed with numpy. On the same synthetic
persons and day (10^4, 10^5 and 10^6 persons; 10^5 at most in the quick run), each size
in its own subprocess so that its peak memory is its own:

* ``employable_from_columns`` (the facts § 8 reads, as Python lists) against OpenFisca
  building its simulation from the same facts as numpy arrays and computing
  ``employable`` (making the lists and arrays from the persons is not timed on either
  side; neither is building the tax-benefit system). Target: <= 2x OpenFisca's time,
  and equal person by person (0 mismatches). ``employable_column(persons)``, which reads
  the facts from the person objects itself, is shown beside it.
* ``rule_columns(households)`` (working age, employability, benefit unit, regime and
  reasonableness for every member of every household) against the same OpenFisca time.
  Its columns are checked against the per-person rules on every person
  (``is_of_working_age``, ``is_employable``, ``benefit_regime``, ``benefit_unit``,
  ``work_is_reasonable``) and its employability against OpenFisca.
* ``rule_columns(households, columns=("regime", "unit_id"))``, the regime and unit
  columns alone (no reasonableness of work), against the same OpenFisca time: the
  target, <= 5x. Checked equal to the full call's columns.
* The floor: :func:`read_facts`, a pure-Python pass that only reads every fact the
  regime and unit rules read (no rule asked, nothing compared), as a ratio to the same
  OpenFisca time.

Times are CPU seconds of the process (garbage collection included), the best of three
runs taken in turns (one run of ``rule_columns`` at 10^6); peak memory is the
process' peak resident set size after making the data and after each contender.

    uv run python benchmarks/bench_openfisca.py [--quick]
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import math
import sys
import time
from collections.abc import Callable
from itertools import chain
from operator import attrgetter
from typing import Any

import _data
from _common import measured_apart, peak_rss_mib, table

FULL_SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (10_000, 100_000)


def _cpu(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


_PERSON_FACTS = (
    "id",
    "birth_date",
    "residence",
    "identity_registered",
    "identity_registered_on",
    "stored_in_central_register",
    "work_capacity",
    "work_permitted",
)
"""What the employability, unit and regime rules read of each person."""


def read_facts(households: list[Any]) -> int:
    """
    The floor of any pure-Python engine for the regime and unit columns: only *read*,
    one attribute at a time at C speed (``map(attrgetter(...))``, no tuple per row),
    every fact the regime and unit rules read of the persons, members and households
    (each person's eight facts, its residence document and first issue, its assessed
    hours; each member's marital status and own means; each household's relationships
    and approval period). No rule is asked and nothing is compared.
    """
    members = list(chain.from_iterable(map(attrgetter("members"), households)))
    persons = list(map(attrgetter("person"), members))
    read = [list(map(attrgetter(name), persons)) for name in _PERSON_FACTS]
    residences = list(filter(None, read[2]))
    read.append(list(map(attrgetter("document"), residences)))
    read.append(list(map(attrgetter("first_issued_on"), residences)))
    read.append(list(map(attrgetter("hours_per_day"), filter(None, read[6]))))
    read.append(list(map(attrgetter("marital_status"), members)))
    read.append(list(map(attrgetter("covers_own_needs"), members)))
    read.append(list(map(attrgetter("approval_period_ends_on"), households)))
    relationships = list(chain.from_iterable(map(attrgetter("relationships"), households)))
    for name in ("person", "kind", "of"):
        read.append(list(map(attrgetter(name), relationships)))
    return sum(map(len, read))


def one(persons_wanted: int) -> dict[str, Any]:
    """Measure one size in this process (called in a subprocess by :func:`run`)."""
    import _openfisca_peer as peer
    import numpy as np

    from jobcenter_core.rules import (
        benefit_regime,
        benefit_unit,
        employable_column,
        employable_from_columns,
        is_employable,
        is_of_working_age,
        rule_columns,
        work_is_reasonable,
    )

    on = _data.ON
    households = [h for chunk in _data.person_chunks(persons_wanted, chunk=100_000) for h in chunk]
    persons = [m.person for h in households for m in h.members]
    data_mib = peak_rss_mib()
    arrays = peer.inputs(persons)
    tbs = peer.system()
    facts = {
        "birth_date": [p.birth_date for p in persons],
        "work_capacity_hours": [
            None if p.work_capacity is None else p.work_capacity.hours_per_day for p in persons
        ],
        "holds_section_24_document": [p.holds_section_24_document for p in persons],
        "work_permitted": [p.work_permitted for p in persons],
    }

    openfisca_s = library_s = from_columns_s = floor_s = float("inf")
    for _ in range(3):
        seconds, expected = _cpu(lambda: peer.employable_on(tbs, arrays, on))
        openfisca_s = min(openfisca_s, seconds)
        seconds, _ = _cpu(lambda: read_facts(households))
        floor_s = min(floor_s, seconds)
        seconds, from_columns = _cpu(lambda: employable_from_columns(**facts, on=on))
        from_columns_s = min(from_columns_s, seconds)
        seconds, actual = _cpu(lambda: employable_column(persons, on=on))
        library_s = min(library_s, seconds)
    employable_mismatches = int((np.asarray(from_columns, dtype=bool) != expected).sum())
    employable_mismatches += int((np.asarray(actual, dtype=bool) != expected).sum())
    after_employable_mib = peak_rss_mib()

    columns_s = regime_unit_s = float("inf")
    columns = regime_unit = None
    for _ in range(1 if persons_wanted >= 1_000_000 else 3):
        columns = regime_unit = None
        seconds, regime_unit = _cpu(
            lambda: rule_columns(households, on=on, columns=("regime", "unit_id"))
        )
        regime_unit_s = min(regime_unit_s, seconds)
        seconds, columns = _cpu(lambda: rule_columns(households, on=on))
        columns_s = min(columns_s, seconds)
    assert columns is not None and regime_unit is not None
    regime_unit_mismatches = sum(
        a != b for a, b in zip(regime_unit.regime or (), columns.regime or (), strict=True)
    ) + sum(a != b for a, b in zip(regime_unit.unit_id or (), columns.unit_id or (), strict=True))
    regime_unit = None
    after_columns_mib = peak_rss_mib()
    columns_vs_openfisca = int((np.asarray(columns.employable, dtype=bool) != expected).sum())

    # Every entry against the per-person rules.
    start = time.process_time()
    rule_mismatches = 0
    i = 0
    for h in households:
        ids = h.member_ids
        for m in h.members:
            p = m.person
            unit = benefit_unit(h, on=on, member_id=p.id).value
            wanted = (
                is_of_working_age(p, on=on).value,
                is_employable(p, on=on).value,
                benefit_regime(p, h, on=on).value if p.birth_date <= on else None,
                min(unit, key=ids.index) if unit else None,
                work_is_reasonable(p, h, on=on).value,
            )
            got = (
                columns.of_working_age[i],
                columns.employable[i],
                columns.regime[i],
                columns.unit_id[i],
                columns.work_reasonable[i],
            )
            rule_mismatches += wanted != got
            i += 1
    per_person_s = time.process_time() - start

    # Memory: the person and rule tables as columns against the pandas frames made of them.
    from jobcenter_core.caseload import Caseload, person_table, rule_table

    person_table_s, people = _cpu(lambda: person_table(Caseload(households=households), on=on))
    rules = rule_table(households, on=on)
    memory: dict[str, float] = {
        "person_table_s": person_table_s,
        "person_table_mib": people.nbytes / 2**20,
        "rule_table_mib": rules.nbytes / 2**20,
    }
    try:
        people_df = people.to_pandas()
        rules_df = rules.to_pandas()
    except ImportError:
        pass
    else:
        memory["person_frame_mib"] = people_df.memory_usage(deep=True).sum() / 2**20
        memory["rule_frame_mib"] = rules_df.memory_usage(deep=True).sum() / 2**20
    return {
        **memory,
        "persons": len(persons),
        "households": len(households),
        "openfisca_s": openfisca_s,
        "employable_from_columns_s": from_columns_s,
        "employable_ratio": from_columns_s / openfisca_s,
        "employable_column_s": library_s,
        "employable_column_ratio": library_s / openfisca_s,
        "employable_mismatches": employable_mismatches,
        "rule_columns_s": columns_s,
        "regime_unit_s": regime_unit_s,
        "regime_unit_ratio": regime_unit_s / openfisca_s,
        "regime_unit_vs_all_mismatches": regime_unit_mismatches,
        "read_facts_s": floor_s,
        "read_facts_ratio": floor_s / openfisca_s,
        "rule_columns_ratio": columns_s / openfisca_s,
        "rule_columns_vs_openfisca_mismatches": columns_vs_openfisca,
        "rule_columns_vs_rules_mismatches": rule_mismatches,
        "per_person_rules_s": per_person_s,
        "employable_share": float(expected.mean()),
        "data_peak_mib": data_mib,
        "after_employable_peak_mib": after_employable_mib,
        "after_columns_peak_mib": after_columns_mib,
    }


def run(quick: bool) -> dict[str, Any]:
    """Run every size in its own subprocess; print and return the table."""
    try:
        import _openfisca_peer  # noqa: F401

        import jobcenter_core.rules.columns  # noqa: F401
    except ImportError as exc:
        print(f"### rule columns vs OpenFisca: skipped ({exc})\n")
        return {"skipped": str(exc)}
    rows: list[dict[str, Any]] = []
    for n in QUICK_SIZES if quick else FULL_SIZES:
        rows.append(measured_apart("bench_openfisca.py", str(n)))
        print(f"  ... {n:,} persons measured", file=sys.stderr)
    for before, after in itertools.pairwise(rows):
        growth = math.log(after["persons"] / before["persons"])
        for key in (
            "openfisca_s",
            "employable_from_columns_s",
            "employable_column_s",
            "rule_columns_s",
            "regime_unit_s",
        ):
            after[key.replace("_s", "_exponent")] = math.log(after[key] / before[key]) / growth
    print(
        table(
            f"Rule columns vs OpenFisca on {_data.ON} (targets at 10^6: employable <= 2x "
            "OpenFisca with 0 mismatches; rule_columns <= 5x)",
            [
                "persons",
                "OpenFisca s (build + compute)",
                "employable_from_columns s",
                "ratio",
                "employable_column(persons) s",
                "ratio",
                "mismatches",
                "rule_columns s",
                "ratio",
                "mismatches (vs rules / vs OpenFisca)",
                "growth exponent (OpenFisca / from columns / persons / rule_columns)",
                "peak RSS MiB: data / employable / rule_columns",
            ],
            [
                (
                    r["persons"],
                    r["openfisca_s"],
                    r["employable_from_columns_s"],
                    r["employable_ratio"],
                    r["employable_column_s"],
                    r["employable_column_ratio"],
                    r["employable_mismatches"],
                    r["rule_columns_s"],
                    r["rule_columns_ratio"],
                    f"{r['rule_columns_vs_rules_mismatches']} / "
                    f"{r['rule_columns_vs_openfisca_mismatches']}",
                    f"{r['openfisca_exponent']:.2f} / "
                    f"{r['employable_from_columns_exponent']:.2f} / "
                    f"{r['employable_column_exponent']:.2f} / {r['rule_columns_exponent']:.2f}"
                    if "openfisca_exponent" in r
                    else "—",
                    f"{r['data_peak_mib']:.0f} / {r['after_employable_peak_mib']:.0f} / "
                    f"{r['after_columns_peak_mib']:.0f}",
                )
                for r in rows
            ],
        )
    )
    print(
        table(
            "Regime and unit columns alone vs OpenFisca (target at 10^6: <= 5x), and the "
            "floor: a pure-Python pass that only reads the facts those rules read",
            [
                "persons",
                "OpenFisca s",
                "rule_columns(columns=('regime', 'unit_id')) s",
                "ratio",
                "mismatches (vs all columns)",
                "growth exponent",
                "reading the facts s (no rules)",
                "ratio",
            ],
            [
                (
                    r["persons"],
                    r["openfisca_s"],
                    r["regime_unit_s"],
                    r["regime_unit_ratio"],
                    r["regime_unit_vs_all_mismatches"],
                    f"{r['regime_unit_exponent']:.2f}" if "regime_unit_exponent" in r else "—",
                    r["read_facts_s"],
                    r["read_facts_ratio"],
                )
                for r in rows
            ],
        )
    )
    print(
        table(
            "Columns vs pandas: the bytes the values take (Table.nbytes; "
            "DataFrame.memory_usage(deep=True)) (target: columns <= the DataFrame)",
            [
                "persons",
                "person_table s",
                "person table MiB",
                "its DataFrame MiB",
                "rule table MiB",
                "its DataFrame MiB",
            ],
            [
                (
                    r["persons"],
                    r["person_table_s"],
                    r["person_table_mib"],
                    r.get("person_frame_mib"),
                    r["rule_table_mib"],
                    r.get("rule_frame_mib"),
                )
                for r in rows
            ],
        )
    )
    return {"rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10^4 and 10^5 persons only")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one)))
    else:
        run(args.quick)


if __name__ == "__main__":
    main()
