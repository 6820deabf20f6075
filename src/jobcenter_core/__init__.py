"""
jobcenter_core: immutable types and pure, law-citing rules for job-centre support of
refugee households under German SGB II.

Households and their members, needs, consultations with interpreters, group offers
with sessions, capacity and waitlists, and referrals to online coaching: every rule
answers with a :class:`Decision` that cites the law, and takes its reference date
explicitly. No storage, no network, no clock.
"""

from __future__ import annotations

import importlib.metadata

from jobcenter_core.dates import (
    BERLIN,
    TimeWindow,
    age_completed_on,
    at_berlin,
    completed_years,
    end_of_month,
)
from jobcenter_core.decisions import Assumption, Decision, LegalReference, Reason
from jobcenter_core.errors import (
    InvalidInput,
    InvalidPolicy,
    InvalidTransition,
    JobcenterCoreError,
    NoValueForDate,
    Problem,
)
from jobcenter_core.households import (
    CareArrangement,
    ChildCare,
    Household,
    MaritalStatus,
    Member,
    Relationship,
    RelationshipKind,
)
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.parameters import (
    DEFAULT_POLICY,
    REFORMS,
    Dated,
    Period,
    Policy,
    apply_reforms,
    grundsicherung_2026,
    leistungsrechtsanpassung_2026,
)
from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex, WorkCapacity

__version__ = importlib.metadata.version("jobcenter-core")

__all__ = [
    "BERLIN",
    "DEFAULT_POLICY",
    "REFORMS",
    "Assumption",
    "CareArrangement",
    "CefrLevel",
    "ChildCare",
    "Dated",
    "Decision",
    "Household",
    "InvalidInput",
    "InvalidPolicy",
    "InvalidTransition",
    "JobcenterCoreError",
    "LanguageSkill",
    "LegalReference",
    "MaritalStatus",
    "Member",
    "NoValueForDate",
    "Period",
    "Person",
    "Policy",
    "Problem",
    "Reason",
    "Relationship",
    "RelationshipKind",
    "ResidenceDocument",
    "ResidenceStatus",
    "Sex",
    "TimeWindow",
    "WorkCapacity",
    "__version__",
    "age_completed_on",
    "apply_reforms",
    "at_berlin",
    "completed_years",
    "end_of_month",
    "grundsicherung_2026",
    "leistungsrechtsanpassung_2026",
]
