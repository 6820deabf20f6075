"""Shared test configuration: Hypothesis profiles.

* ``default`` — quick, for every ``uv run pytest``.
* ``long`` — thousands of examples; select with ``HYPOTHESIS_PROFILE=long`` and run the
  slow tests with ``uv run pytest -m slow``.
* ``mutation`` — what each mutant runs (``HYPOTHESIS_PROFILE=mutation``, set by
  ``tools/mutation.py``): few examples, derandomized so a mutant's verdict does not depend
  on luck, no example database, and no ``differing_executors`` health check (mutmut runs
  the tests through its trampolines in forked children). Tests that ask for an explicit
  count write ``max_examples=examples(N)`` (``tests/support/hypothesis_budget.py``), so
  that this profile's count holds for them too.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis_budget import MUTATION_EXAMPLES

settings.register_profile(
    "default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True)
settings.register_profile(
    "mutation",
    max_examples=MUTATION_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.differing_executors, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
