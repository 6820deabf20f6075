"""
Pages whose examples need the dataframe libraries (the ``dataframes`` and ``docs``
development groups) are left out of a test run that has only the ``test`` group; CI
installs every group and runs them all.
"""

from __future__ import annotations

import importlib.util

_DATAFRAME_PAGES = ["guide/65-howto-pandas.md"]

collect_ignore = (
    []
    if all(importlib.util.find_spec(m) for m in ("pandas", "polars", "matplotlib"))
    else _DATAFRAME_PAGES
)
