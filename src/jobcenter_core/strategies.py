"""
Hypothesis strategies for the public types: kept under this name for existing users;
they live in :mod:`jobcenter_core.testing` (optional extra ``testing``).

>>> from hypothesis import find
>>> from jobcenter_core.strategies import persons
>>> find(persons(), lambda p: True).id
'p-0'
"""

from jobcenter_core.testing import *  # noqa: F403  (the same names, re-exported)
from jobcenter_core.testing import __all__ as __all__
