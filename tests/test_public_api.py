"""The public API: an explicit, sorted ``__all__`` that holds the DESIGN.md contract."""

from __future__ import annotations

import jobcenter_core


def test_all_is_sorted_and_importable() -> None:
    names = list(jobcenter_core.__all__)

    # isort style, as ruff's RUF022 keeps it: CONSTANTS, then Classes, then functions.
    def group(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)

    assert sorted(names, key=group) == names
    for name in names:
        assert hasattr(jobcenter_core, name), name


def test_version_comes_from_package_metadata() -> None:
    assert jobcenter_core.__version__.count(".") >= 2
