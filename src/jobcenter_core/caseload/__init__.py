"""
Caseloads: summaries and pseudonymised, coarsened records for analysis.

* :mod:`~jobcenter_core.caseload.caseload`: :class:`Caseload`, the households with their
  needs profiles;
* :mod:`~jobcenter_core.caseload.bands`: :class:`AgeBand` and :class:`ChildAgeBand`,
  the coarsened ages;
* :mod:`~jobcenter_core.caseload.summary`: :func:`summarize` into a
  :class:`CaseloadSummary` of :class:`Tally` counts, the numbers a job centre quotes;
* :mod:`~jobcenter_core.caseload.records`: :func:`to_records` and :func:`need_records`,
  flat rows for a dataframe;
* :mod:`~jobcenter_core.caseload.table`: :class:`Table` of typed :class:`Column`, with
  ``to_pandas()``, ``to_polars()`` and ``to_arrow()`` (optional extras);
* :mod:`~jobcenter_core.caseload.tables`: the tables analysts ask for:
  :func:`person_table`, :func:`need_table`, :func:`rule_table`,
  :func:`allocation_table`, :func:`coaching_table`.

>>> import pendulum
>>> from jobcenter_core.scenarios import synthetic_households
>>> on = pendulum.date(2022, 6, 21)
>>> caseload = Caseload(households=synthetic_households(households=140, seed=2022, on=on))
>>> summary = summarize(caseload, on=on)
>>> summary.households
140
>>> summary.persons == len(to_records(caseload, on=on))
True
"""

from __future__ import annotations

from jobcenter_core.caseload.bands import AgeBand, ChildAgeBand
from jobcenter_core.caseload.caseload import Caseload
from jobcenter_core.caseload.records import need_records, to_records
from jobcenter_core.caseload.summary import CaseloadSummary, Tally, summarize
from jobcenter_core.caseload.table import Column, ColumnKind, Table
from jobcenter_core.caseload.tables import (
    GERMAN_LEVELS,
    allocation_table,
    coaching_table,
    need_table,
    person_table,
    rule_table,
)

__all__ = [
    "GERMAN_LEVELS",
    "AgeBand",
    "Caseload",
    "CaseloadSummary",
    "ChildAgeBand",
    "Column",
    "ColumnKind",
    "Table",
    "Tally",
    "allocation_table",
    "coaching_table",
    "need_records",
    "need_table",
    "person_table",
    "rule_table",
    "summarize",
    "to_records",
]
