"""Input checks shared by the rules that take a household."""

from __future__ import annotations

from jobcenter_core.errors import InvalidInput
from jobcenter_core.households import Household, Member

__all__ = ["require_member"]


def require_member(household: Household, member_id: str, path: str) -> Member:
    """The member *member_id* of *household*; :class:`InvalidInput` at *path* if none."""
    try:
        return household.member(member_id)
    except KeyError:
        raise InvalidInput.one(path, "not a member of the household") from None
