"""Sphinx configuration for the jobcenter_core documentation."""

from __future__ import annotations

import importlib.metadata
import runpy
from pathlib import Path

project = "jobcenter_core"
author = "jobcenter_core developers"
copyright = "2026, jobcenter_core developers"
release = importlib.metadata.version("jobcenter-core")
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "furo"
html_title = "jobcenter_core"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": False}
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True

# The doctest builder runs every `>>>` example of the API reference (the docstrings).
# Docstring examples run with their module's public names in scope, as under pytest.
doctest_global_setup = """
import importlib, pkgutil
import pendulum
import jobcenter_core
for _info in pkgutil.iter_modules(jobcenter_core.__path__):
    if _info.name.startswith("_"):
        continue
    _module = importlib.import_module(f"jobcenter_core.{_info.name}")
    globals().update({_n: _v for _n, _v in vars(_module).items() if not _n.startswith("_")})
"""
# Hypothesis and the standard library are documented elsewhere; no network for intersphinx.
nitpicky = False
suppress_warnings = ["myst.header"]

# Figures from seeded synthetic data, regenerated on every build (the script is
# deterministic, so the committed PNG only changes when the data or the library does).
runpy.run_path(
    str(Path(__file__).resolve().parent / "figures" / "make_figures.py"), run_name="__main__"
)
