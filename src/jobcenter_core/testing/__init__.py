"""
The optional extra ``testing``: Hypothesis strategies for the public types, one module
per domain package — :mod:`~jobcenter_core.testing.foundation` (dates, languages,
people, households, policies), :mod:`~jobcenter_core.testing.needs` (needs,
consultations, caseloads), :mod:`~jobcenter_core.testing.enrolment` (offers,
registrations, rosters) and :mod:`~jobcenter_core.testing.coaching` — and the policy
case files: :mod:`~jobcenter_core.testing.cases` (the format, reader and runner),
:mod:`~jobcenter_core.testing.case_rules` (the rules a case can ask) and
:mod:`~jobcenter_core.testing.plugin` (the pytest plugin that collects them).

Strategies produce realistic values (birth dates 1940–2024, mostly § 24 documents,
households with consistent relationships and plausible ages); dates are drawn with
:func:`hypothesis.strategies.dates` and converted to :class:`pendulum.Date`.

>>> from hypothesis import find
>>> from jobcenter_core.testing import persons
>>> find(persons(), lambda p: True).id
'p-0'

Where Hypothesis is missing this package still imports (pytest loads the case-file
plugin from it in every project that has the library installed); asking it for a
strategy then names the extra to install.
"""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING, Any

_HYPOTHESIS = importlib.util.find_spec("hypothesis") is not None

if _HYPOTHESIS:
    from jobcenter_core.testing.coaching import (
        COACHING_LANGUAGES,
        REFERRAL_COMMANDS,
        coaching_caseloads,
        coaching_findings,
        coaching_need_findings,
        coaching_programmes,
        mobilities,
        next_steps,
        referral_commands,
    )
    from jobcenter_core.testing.enrolment import (
        ENROLMENT_CASEWORKERS,
        ROSTER_COMMANDS,
        allocation_problems,
        commitments,
        group_offers,
        offer_states,
        registrations,
        roster_commands,
        roster_transitions,
        sessions,
        target_group_rules,
        venues,
    )
    from jobcenter_core.testing.foundation import (
        LANGUAGE_CODES,
        cefr_levels,
        households,
        language_skills,
        pendulum_dates,
        persons,
        policies,
        reference_dates,
        residence_statuses,
        work_capacities,
    )
    from jobcenter_core.testing.needs import (
        EVIDENCE_IDS,
        INTERPRETER_LANGUAGES,
        NEED_SUBJECTS,
        caseloads,
        caseworkers,
        consultation_days,
        evidences,
        findings,
        interpreters,
        needs,
        needs_profiles,
        observations,
    )
elif not TYPE_CHECKING:  # type checkers see the strategies, as where Hypothesis is installed

    def __getattr__(name: str) -> Any:
        """Say which extra to install when a strategy is asked for without Hypothesis."""
        if name in __all__:
            raise ImportError(
                "jobcenter_core.testing needs Hypothesis: install the 'testing' extra "
                "(pip install 'jobcenter-core[testing]' or uv add 'jobcenter-core[testing]')"
            )
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "COACHING_LANGUAGES",
    "ENROLMENT_CASEWORKERS",
    "EVIDENCE_IDS",
    "INTERPRETER_LANGUAGES",
    "LANGUAGE_CODES",
    "NEED_SUBJECTS",
    "REFERRAL_COMMANDS",
    "ROSTER_COMMANDS",
    "allocation_problems",
    "caseloads",
    "caseworkers",
    "cefr_levels",
    "coaching_caseloads",
    "coaching_findings",
    "coaching_need_findings",
    "coaching_programmes",
    "commitments",
    "consultation_days",
    "evidences",
    "findings",
    "group_offers",
    "households",
    "interpreters",
    "language_skills",
    "mobilities",
    "needs",
    "needs_profiles",
    "next_steps",
    "observations",
    "offer_states",
    "pendulum_dates",
    "persons",
    "policies",
    "reference_dates",
    "referral_commands",
    "registrations",
    "residence_statuses",
    "roster_commands",
    "roster_transitions",
    "sessions",
    "target_group_rules",
    "venues",
    "work_capacities",
]
