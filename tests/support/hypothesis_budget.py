"""
How many examples a property test asks of Hypothesis.

A test that wants more examples than the profile's default says so with
``@settings(max_examples=examples(300))``. An explicit count overrides every profile, so
without this the ``mutation`` profile (``HYPOTHESIS_PROFILE=mutation``, set by
``tools/mutation.py``) could not cut the heavy differential tests down to a handful of
examples while each mutant runs; with it, they take the profile's count.

>>> examples(300) in (300, MUTATION_EXAMPLES)
True
"""

from __future__ import annotations

import os

#: Examples per property test while mutants run (the ``mutation`` profile in
#: ``tests/conftest.py`` registers the same number).
MUTATION_EXAMPLES = 5


def mutating() -> bool:
    """Whether the tests run against a mutant (the ``mutation`` Hypothesis profile)."""
    return os.environ.get("HYPOTHESIS_PROFILE") == "mutation"


def examples(wanted: int) -> int:
    """*wanted*, or the ``mutation`` profile's few examples while mutants run."""
    return min(wanted, MUTATION_EXAMPLES) if mutating() else wanted
