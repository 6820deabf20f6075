"""
Where case files are: their suffix, the library's own statute cases, and the files under
a list of paths. Standard library only, so that the pytest plugin can import it while
pytest starts, without the ``testing`` extra.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Final

__all__ = ["CASE_FILE_SUFFIX", "STATUTE_CASES", "case_files_under"]

CASE_FILE_SUFFIX: Final = ".cases.yaml"
"""The ending of a case file's name (``regime.cases.yaml``)."""

STATUTE_CASES: Final = Path(__file__).parent / "statute"
"""The directory of the library's own statute cases, shipped with the package."""


def case_files_under(paths: Iterable[Path]) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """
    The case files named by *paths* — a file as it is, a directory by every
    ``*.cases.yaml`` below it, sorted — and the paths that do not exist.

    >>> files, missing = case_files_under([STATUTE_CASES, Path("no/such/place")])
    >>> "childcare.cases.yaml" in [f.name for f in files], [str(p) for p in missing]
    (True, ['no/such/place'])
    """
    files: list[Path] = []
    missing: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.rglob(f"*{CASE_FILE_SUFFIX}")))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(path)
    return tuple(dict.fromkeys(files)), tuple(missing)
