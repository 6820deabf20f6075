"""
The rules: one module per legal rule or rule family, each a pure function of its inputs,
a reference day and a :class:`~jobcenter_core.parameters.Policy`, answering with a
:class:`~jobcenter_core.decisions.Decision` that cites the law.
"""

from __future__ import annotations

from jobcenter_core.rules._legacy import (
    BenefitRegime,
    ChildcareEntitlement,
    benefit_regime,
    benefit_regimes,
    benefit_unit,
    benefit_units,
    childcare_entitlement,
    is_employable,
    is_of_working_age,
    school_entry_date,
    work_is_reasonable,
    working_age_end,
)
from jobcenter_core.rules.interpreter import (
    needs_interpreter,
)
from jobcenter_core.rules.plan import (
    PlanStage,
    PlanStep,
    prioritise,
)
from jobcenter_core.rules.readiness import (
    Readiness,
    employment_readiness,
)
from jobcenter_core.rules.target_groups import (
    in_target_group,
)

__all__ = [
    "BenefitRegime",
    "ChildcareEntitlement",
    "PlanStage",
    "PlanStep",
    "Readiness",
    "benefit_regime",
    "benefit_regimes",
    "benefit_unit",
    "benefit_units",
    "childcare_entitlement",
    "employment_readiness",
    "in_target_group",
    "is_employable",
    "is_of_working_age",
    "needs_interpreter",
    "prioritise",
    "school_entry_date",
    "work_is_reasonable",
    "working_age_end",
]
