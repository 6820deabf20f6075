"""
The rules: one module per legal rule or rule family, each a pure function of its inputs,
a reference day and a :class:`~jobcenter_core.parameters.Policy`, answering with a
:class:`~jobcenter_core.decisions.Decision` that cites the law.

* :mod:`~jobcenter_core.rules.working_age`: working age (SGB II § 7 Abs. 1 S. 1 Nr. 1, § 7a);
* :mod:`~jobcenter_core.rules.employability`: employability (§ 8, § 74 Abs. 1 S. 2);
* :mod:`~jobcenter_core.rules.unit_membership`: the benefit unit (§ 7 Abs. 3);
* :mod:`~jobcenter_core.rules.regime`: the benefit regime (§ 74, § 7, § 19; SGB XII; AsylbLG);
* :mod:`~jobcenter_core.rules.reasonableness`: reasonableness of work (§ 10 Abs. 1 Nr. 3, 4);
* :mod:`~jobcenter_core.rules.childcare`: childcare entitlement and school entry
  (SGB VIII § 24, SchulG NRW § 35);
* :mod:`~jobcenter_core.rules.target_groups`, :mod:`~jobcenter_core.rules.interpreter`,
  :mod:`~jobcenter_core.rules.plan`, :mod:`~jobcenter_core.rules.readiness`: the target
  groups of offers, the interpreter rule, the plan of needs and readiness for work;
* :mod:`~jobcenter_core.rules.columns`: the eligibility rules for a whole caseload on a
  day as columns of values, with each person's decision on demand.

Engines that make a rule fast live in private modules (``_memo``, ``_bulk``) and speak
no law.
"""

from __future__ import annotations

from jobcenter_core.rules.childcare import (
    ChildcareEntitlement,
    childcare_entitlement,
    school_entry_date,
)
from jobcenter_core.rules.columns import (
    RULE_COLUMNS,
    RuleColumns,
    employable_column,
    employable_from_columns,
    rule_columns,
)
from jobcenter_core.rules.employability import is_employable
from jobcenter_core.rules.interpreter import needs_interpreter
from jobcenter_core.rules.plan import PlanStage, PlanStep, prioritise
from jobcenter_core.rules.readiness import Readiness, employment_readiness
from jobcenter_core.rules.reasonableness import is_the_caring_parent, work_is_reasonable
from jobcenter_core.rules.regime import BenefitRegime, benefit_regime, benefit_regimes
from jobcenter_core.rules.target_groups import in_target_group
from jobcenter_core.rules.unit_membership import benefit_unit, benefit_units
from jobcenter_core.rules.working_age import is_of_working_age, working_age_end

__all__ = [
    "RULE_COLUMNS",
    "BenefitRegime",
    "ChildcareEntitlement",
    "PlanStage",
    "PlanStep",
    "Readiness",
    "RuleColumns",
    "benefit_regime",
    "benefit_regimes",
    "benefit_unit",
    "benefit_units",
    "childcare_entitlement",
    "employable_column",
    "employable_from_columns",
    "employment_readiness",
    "in_target_group",
    "is_employable",
    "is_of_working_age",
    "is_the_caring_parent",
    "needs_interpreter",
    "prioritise",
    "rule_columns",
    "school_entry_date",
    "work_is_reasonable",
    "working_age_end",
]
