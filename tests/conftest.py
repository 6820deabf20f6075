"""Shared test configuration: Hypothesis profiles.

* ``default`` — quick, for every ``uv run pytest``.
* ``long`` — thousands of examples; select with ``HYPOTHESIS_PROFILE=long`` and run the
  slow tests with ``uv run pytest -m slow``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
