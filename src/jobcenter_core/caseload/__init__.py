"""
Caseloads: summaries and pseudonymised, coarsened records for analysis.
"""

from __future__ import annotations

from jobcenter_core.caseload._legacy import (
    AgeBand,
    Caseload,
    CaseloadSummary,
    ChildAgeBand,
    Tally,
    need_records,
    summarize,
    to_records,
)

__all__ = [
    "AgeBand",
    "Caseload",
    "CaseloadSummary",
    "ChildAgeBand",
    "Tally",
    "need_records",
    "summarize",
    "to_records",
]
