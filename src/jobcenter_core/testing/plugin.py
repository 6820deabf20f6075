"""
The pytest plugin of the ``testing`` extra: every ``*.cases.yaml`` that pytest comes
across (next to your tests, or under a directory you name) is collected, and each case
in it is one test.

The plugin is registered as the ``pytest11`` entry point
``jobcenter_core.testing.plugin``, so it is active wherever the library is installed;
``-p no:jobcenter_core.testing.plugin`` turns it off. Loading it costs nothing: the case
machinery (and ruamel.yaml) is imported only when a case file is found.

A failing case shows its name and line, and for each failed check the day, the policy,
the expected and the actual value of every key that differs, and the answer's
``explain()`` text; a malformed case file is a collection error listing every mistake,
each with its line, case and JSON path.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from jobcenter_core.testing._files import CASE_FILE_SUFFIX

if TYPE_CHECKING:
    from jobcenter_core.testing.cases import Case

__all__ = ["CaseFailed", "CaseFileCollector", "CaseItem", "pytest_collect_file"]


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect *file_path* when it is a case file (``*.cases.yaml``)."""
    if file_path.name.endswith(CASE_FILE_SUFFIX):
        collector: CaseFileCollector = CaseFileCollector.from_parent(parent, path=file_path)
        return collector
    return None


class CaseFailed(AssertionError):
    """A case whose answer is not the one expected; the message is the case's report."""


class CaseFileCollector(pytest.File):
    """A case file: one :class:`CaseItem` per case."""

    def collect(self) -> Iterator[CaseItem]:
        """The cases of the file, or a collection error listing every mistake in it."""
        # Imported here, when a case file is found: loading the plugin must stay cheap and
        # work without the extra, in every project that has the library installed.
        from jobcenter_core.testing.cases import CaseFileError, load_case_file

        try:
            cases = load_case_file(self.path, source=self._shown())
        except CaseFileError as error:
            raise self.CollectError(str(error)) from None
        for case in cases:
            yield CaseItem.from_parent(self, name=case.name, case=case)

    def _shown(self) -> str:
        try:
            return str(self.path.relative_to(self.config.rootpath))
        except ValueError:
            return str(self.path)


class CaseItem(pytest.Item):
    """One case of a case file, run as a test."""

    def __init__(self, *, case: Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        """Run every check of the case; :class:`CaseFailed` with the report if one fails."""
        from jobcenter_core.testing.cases import run_case

        result = run_case(self.case)
        if not result.passed:
            raise CaseFailed(result.report())

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str | Any:
        """The case's report for a failed case; pytest's own for anything else."""
        if isinstance(excinfo.value, CaseFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self) -> tuple[Path, int, str]:
        """Where the case is: the file, its line (0-based) and its name."""
        return self.path, self.case.line - 1, f"case: {self.case.name}"
