"""
The README's set-up works on a fresh clone: ``uv run python -m jobcenter_core`` and
``uv run pytest`` with nothing but Python 3.11 and uv, installing only the runtime and
the ``test`` dependency group (no Sphinx, no matplotlib, no pydantic).

The test clones this repository's committed ``HEAD`` into a temporary directory (work
not yet committed is not part of it) and runs the commands there with uv, which makes
the clone's own ``.venv``. It takes some seconds, so it runs with the slow tests
(``uv run pytest -m slow``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

DEVELOPMENT_ONLY = (
    "sphinx",
    "myst-parser",
    "furo",
    "matplotlib",
    "pydantic",
    "highspy",
    "matching",
    "mypy",
    "ruff",
    "distributed",
)
"""Packages of the lint, docs, bench and national groups: a fresh set-up has none."""

LIST_DISTRIBUTIONS = (
    "import importlib.metadata as m; "
    "print('\\n'.join(sorted(d.metadata['Name'].lower() for d in m.distributions())))"
)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(
            f"{name} is not on the PATH of this test run, and the README's set-up is made "
            f"with it: the fresh clone cannot be set up here."
        )
    return found


def _clean_environment() -> dict[str, str]:
    """This run's environment without the settings that would point uv at our .venv."""
    drop = {"VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "PYTHONPATH", "UV_ACTIVE"}
    return {k: v for k, v in os.environ.items() if k not in drop}


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh clone of the committed HEAD, as a newcomer gets it."""
    git = _tool("git")
    if not (ROOT / ".git").exists():
        pytest.skip(
            "The tests do not run from a git checkout (no .git beside them), so there is "
            "nothing to clone."
        )
    head = subprocess.run(
        [git, "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    target = tmp_path_factory.mktemp("fresh") / "jobcenter_core"
    subprocess.run(
        [git, "clone", "--quiet", "--no-checkout", str(ROOT), str(target)],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [git, "-C", str(target), "checkout", "--quiet", head], check=True, capture_output=True
    )
    return target


def _uv_run(clone: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_tool("uv"), "run", *command],
        cwd=clone,
        env=_clean_environment(),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.mark.slow
def test_the_main_job_runs_on_a_fresh_clone(clone: Path) -> None:
    """The README's first command: the walk-through, exit status 0."""
    done = _uv_run(clone, "python", "-m", "jobcenter_core")

    assert 0 == done.returncode, done.stderr[-2000:]
    assert done.stdout.startswith("jobcenter_core walk-through: Bocholt, June 2022")


@pytest.mark.slow
def test_a_fresh_clone_installs_only_the_runtime_and_the_test_group(clone: Path) -> None:
    """No documentation, benchmark, lint or cluster package is installed by ``uv run``."""
    done = _uv_run(clone, "python", "-c", LIST_DISTRIBUTIONS)

    installed = set(done.stdout.split())
    assert 0 == done.returncode, done.stderr[-2000:]
    assert {"jobcenter-core", "attrs", "cattrs", "pendulum", "pytest", "hypothesis"} <= installed
    assert [] == sorted(installed & set(DEVELOPMENT_ONLY))
    assert len(installed) <= 20, sorted(installed)


@pytest.mark.slow
def test_the_tests_of_a_fresh_clone_are_found_with_that_environment(clone: Path) -> None:
    """The README's second command finds and imports every test, doc page and doctest
    with only the test group (running them all is the rest of this test run)."""
    done = _uv_run(clone, "pytest", "--collect-only", "-q", "-p", "no:cacheprovider")

    assert 0 == done.returncode, (done.stdout + done.stderr)[-3000:]
    assert "collected" in done.stdout


def test_the_readme_names_the_two_commands_this_test_runs() -> None:
    """If the README's set-up changes, this test must change with it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert "uv run python -m jobcenter_core" in readme
    assert "uv run pytest" in readme
