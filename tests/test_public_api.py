"""
The public API: an explicit, sorted ``__all__`` that holds the DESIGN.md contract.

The names below are what services import; the table pins each one and its kind, so that
removing or retyping a public name (say ``allocate``) fails here before it fails a
caller. Adding a name means adding it here, on purpose.
"""

from __future__ import annotations

import enum
import inspect
import types
import typing

import attrs
import pytest

import jobcenter_core

PUBLIC_NAMES = {
    "GERMAN_LEVELS": "constant",
    "RULE_COLUMNS": "constant",
    "Column": "value",
    "ColumnKind": "enum",
    "Table": "value",
    "RuleColumns": "value",
    "allocation_table": "function",
    "coaching_table": "function",
    "need_table": "function",
    "person_table": "function",
    "rule_table": "function",
    "employable_column": "function",
    "employable_from_columns": "function",
    "rule_columns": "function",
    "ANYONE": "constant",
    "BERLIN": "constant",
    "COACHING_ORDERINGS": "constant",
    "DEFAULT_POLICY": "constant",
    "REFORMS": "constant",
    "AgeBand": "enum",
    "AllOf": "value",
    "Allocation": "value",
    "AnyOf": "value",
    "Assumption": "value",
    "BenefitRegime": "enum",
    "Blocking": "enum",
    "Booking": "value",
    "BookingCounts": "value",
    "Cancelled": "value",
    "Candidate": "value",
    "CareArrangement": "value",
    "Caseload": "value",
    "CaseloadSummary": "value",
    "Caseworker": "value",
    "CategoryInfo": "value",
    "CefrLevel": "enum",
    "ChildAgeBand": "enum",
    "ChildCare": "enum",
    "ChildcareEntitlement": "enum",
    "Coach": "value",
    "CoachAllocation": "value",
    "CoachAssignment": "value",
    "CoachingFindings": "value",
    "CoachingFit": "enum",
    "CoachingProgramme": "value",
    "CoachingReferral": "value",
    "CoachingTargetGroup": "value",
    "Commitment": "value",
    "Confirmed": "value",
    "Consultation": "value",
    "Dated": "value",
    "Decision": "value",
    "Declined": "value",
    "Delivery": "enum",
    "Employable": "value",
    "Event": "type alias",
    "Everyone": "value",
    "Evidence": "value",
    "EvidenceKind": "enum",
    "Finding": "value",
    "GermanCourse": "value",
    "GroupOffer": "value",
    "GroupOfferTopic": "value",
    "HasChildrenNeedingCare": "value",
    "Household": "value",
    "Interpreter": "value",
    "InterpreterAssignment": "value",
    "InvalidInput": "error",
    "InvalidPolicy": "error",
    "InvalidTransition": "error",
    "JobcenterCoreError": "error",
    "JsonConverter": "class",
    "LanguageAtLeast": "value",
    "LanguageShortfall": "value",
    "LanguageSkill": "value",
    "LegalReference": "value",
    "MaritalStatus": "enum",
    "Member": "value",
    "Mobility": "value",
    "Moved": "value",
    "Need": "value",
    "NeedCategory": "enum",
    "NeedStatus": "enum",
    "NeedsProfile": "value",
    "NoValueForDate": "error",
    "Not": "value",
    "Observation": "value",
    "OfferOpened": "value",
    "OfferState": "value",
    "OpenRegistration": "enum",
    "Outcome": "enum",
    "Period": "value",
    "Person": "value",
    "Placed": "value",
    "PlanStage": "enum",
    "PlanStep": "value",
    "Policy": "value",
    "PriorityRule": "function",
    "Problem": "value",
    "ProfessionalExperience": "value",
    "QualificationRecognition": "value",
    "Readiness": "enum",
    "Reason": "value",
    "ReferralStatus": "enum",
    "ReferralTransition": "value",
    "Registered": "value",
    "Registration": "value",
    "RegistrationStatus": "enum",
    "Rejected": "value",
    "Rejection": "value",
    "Relationship": "value",
    "RelationshipKind": "enum",
    "ResidenceDocument": "enum",
    "ResidenceStatus": "value",
    "RosterEntry": "value",
    "RosterSnapshot": "value",
    "Scenario": "value",
    "SeatOffer": "value",
    "SeatOfferExpired": "value",
    "SeatOffered": "value",
    "Session": "value",
    "SessionAdded": "value",
    "Sex": "enum",
    "Tally": "value",
    "TargetGroupRule": "type alias",
    "TimeWindow": "value",
    "Transition": "value",
    "UnknownId": "error",
    "Unserved": "value",
    "Urgency": "enum",
    "Venue": "value",
    "Waitlisted": "value",
    "WantsWorkAtShortNotice": "value",
    "WorkCapacity": "value",
    "__version__": "constant",
    "add_session": "function",
    "age_completed_on": "function",
    "all_of": "function",
    "allocate": "function",
    "allocate_coaches": "function",
    "any_of": "function",
    "apply_findings": "function",
    "apply_reforms": "function",
    "assign_interpreters": "function",
    "at_berlin": "function",
    "benefit_regime": "function",
    "benefit_regimes": "function",
    "benefit_unit": "function",
    "benefit_units": "function",
    "bocholt_june_2022": "function",
    "cancel": "function",
    "childcare_entitlement": "function",
    "coach_loads": "function",
    "coach_plan": "function",
    "count_bookings": "function",
    "coaching_priority": "function",
    "completed_years": "function",
    "configure_converter": "function",
    "confirm": "function",
    "decline": "function",
    "demand_signal": "function",
    "dump_document": "function",
    "employment_readiness": "function",
    "end_of_month": "function",
    "expire": "function",
    "from_json": "function",
    "grundsicherung_2026": "function",
    "in_target_group": "function",
    "instant_order": "function",
    "is_employable": "function",
    "is_of_working_age": "function",
    "is_the_caring_parent": "function",
    "leistungsrechtsanpassung_2026": "function",
    "load_document": "function",
    "make_converter": "function",
    "mobility_limited": "function",
    "move_session": "function",
    "need_records": "function",
    "needs_interpreter": "function",
    "not_": "function",
    "open_offer": "function",
    "order_key": "function",
    "prioritise": "function",
    "record_consultation": "function",
    "refer": "function",
    "referral_fit": "function",
    "register": "function",
    "replay": "function",
    "reprioritise": "function",
    "school_entry_date": "function",
    "structure": "function",
    "summarize": "function",
    "synthetic_caseload": "function",
    "synthetic_households": "function",
    "synthetic_scenario": "function",
    "to_json": "function",
    "to_records": "function",
    "unstructure": "function",
    "work_is_reasonable": "function",
    "working_age_end": "function",
}
"""Every public name of ``jobcenter_core`` and its kind."""

CONTRACT_SIGNATURES = {
    "completed_years": ("birth_date", "*on"),
    "working_age_end": ("birth_date", "*policy"),
    "is_of_working_age": ("person", "*on", "*policy"),
    "is_employable": ("person", "*on", "*policy"),
    "benefit_regime": ("person", "household", "*on", "*policy"),
    "benefit_unit": ("household", "*on", "*member_id", "*policy"),
    "work_is_reasonable": ("person", "household", "*on", "*policy"),
    "school_entry_date": ("birth_date", "*policy"),
    "allocate": (
        "offer",
        "registrations",
        "*policy",
        "*commitments",
        "*candidates",
        "*caseworkers",
        "*on",
    ),
    "cancel": ("state", "registration_id", "*at", "*policy"),
    "add_session": ("state", "session", "*at", "*policy"),
    "demand_signal": ("roster", "*policy", "*on", "*session_capacity"),
    "apply_findings": ("profile", "findings"),
    "make_converter": ("*instants",),
}
"""The parameters of the DESIGN.md contract functions; ``*`` marks keyword-only."""


def _kind(obj: object) -> str:
    if isinstance(obj, type):
        if issubclass(obj, enum.Enum):
            return "enum"
        if issubclass(obj, BaseException):
            return "error"
        return "value" if attrs.has(obj) else "class"
    if callable(obj):
        return "function"
    if typing.get_origin(obj) is not None or isinstance(obj, types.UnionType):
        return "type alias"
    return "constant"


def test_all_is_sorted_and_importable() -> None:
    """``__all__`` is sorted as ruff keeps it and every name in it exists."""
    names = list(jobcenter_core.__all__)

    # isort style, as ruff's RUF022 keeps it: CONSTANTS, then Classes, then functions.
    def group(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)

    assert sorted(names, key=group) == names
    for name in names:
        assert hasattr(jobcenter_core, name), name


def test_the_public_names_are_exactly_the_pinned_ones() -> None:
    """Nothing public disappears (or appears) without this table changing with it."""
    assert sorted(PUBLIC_NAMES) == sorted(jobcenter_core.__all__)


@pytest.mark.parametrize("name", sorted(PUBLIC_NAMES))
def test_each_public_name_keeps_its_kind(name: str) -> None:
    """A value type stays a frozen attrs value, an enum an enum, a function a function."""
    obj = getattr(jobcenter_core, name)

    assert PUBLIC_NAMES[name] == _kind(obj)
    if PUBLIC_NAMES[name] == "value":
        assert obj.__setattr__ is not object.__setattr__, f"{name} must be frozen"


@pytest.mark.parametrize("name", sorted(CONTRACT_SIGNATURES))
def test_contract_functions_keep_their_parameters(name: str) -> None:
    """The DESIGN.md contract functions take the same parameters, dates keyword-only."""
    signature = inspect.signature(getattr(jobcenter_core, name))

    actual = tuple(
        ("*" if p.kind is p.KEYWORD_ONLY else "") + p.name for p in signature.parameters.values()
    )
    assert CONTRACT_SIGNATURES[name] == actual


def test_version_comes_from_package_metadata() -> None:
    """``__version__`` is the installed distribution's version."""
    assert jobcenter_core.__version__.count(".") >= 2


def test_the_strategies_without_hypothesis_say_which_extra_to_install() -> None:
    """Importing the strategies where Hypothesis is missing names the 'testing' extra."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "sys.modules['hypothesis'] = None  # as if it were not installed\n"
        "try:\n"
        "    import jobcenter_core.strategies\n"
        "except ImportError as e:\n"
        "    print(e)\n"
    )

    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)

    assert "install the 'testing' extra" in out.stdout
