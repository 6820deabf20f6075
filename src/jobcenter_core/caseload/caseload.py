"""
The caseload: the households a job centre (or a team) looks after, with their needs
profiles.

>>> Caseload(households=())
Caseload(households=0, persons=0, profiles=0)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from jobcenter_core.errors import InvalidInput, Problem
from jobcenter_core.households import Household
from jobcenter_core.needs import NeedsProfile
from jobcenter_core.people import Person
from jobcenter_core.validators import as_tuple, items_of

__all__ = ["Caseload"]


def _households(items: Iterable[Household]) -> tuple[Household, ...]:
    return as_tuple(items)


def _profiles(items: Iterable[NeedsProfile]) -> tuple[NeedsProfile, ...]:
    return as_tuple(items)


@attrs.frozen(kw_only=True, repr=False)
class Caseload:
    """
    The households a job centre (or a team) looks after, with their needs *profiles*
    (at most one per household; households without one have no recorded needs).

    Household ids must be unique and every profile must belong to a household of the
    caseload; all problems are reported at once as
    :class:`~jobcenter_core.errors.InvalidInput`. ``repr`` shows only the counts.

    >>> Caseload(households=())
    Caseload(households=0, persons=0, profiles=0)
    """

    households: tuple[Household, ...] = attrs.field(
        converter=_households, validator=items_of(Household)
    )
    profiles: tuple[NeedsProfile, ...] = attrs.field(
        default=(), converter=_profiles, validator=items_of(NeedsProfile)
    )

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        seen: set[str] = set()
        for i, h in enumerate(self.households):
            if h.id in seen:
                problems.append(Problem(f"$.households[{i}].id", "duplicate household id"))
            seen.add(h.id)
        profiled: set[str] = set()
        for i, p in enumerate(self.profiles):
            if p.household_id not in seen:
                problems.append(Problem(f"$.profiles[{i}].household_id", "unknown household id"))
            if p.household_id in profiled:
                problems.append(Problem(f"$.profiles[{i}].household_id", "second profile"))
            profiled.add(p.household_id)
        if problems:
            raise InvalidInput(problems)

    def __repr__(self) -> str:
        return (
            f"Caseload(households={len(self.households)}, persons={self.person_count}, "
            f"profiles={len(self.profiles)})"
        )

    @property
    def person_count(self) -> int:
        """The number of persons in all households."""
        return sum(len(h.members) for h in self.households)

    def persons(self) -> Iterator[Person]:
        """Every person, household by household."""
        for h in self.households:
            for m in h.members:
                yield m.person

    def profile_of(self, household_id: str) -> NeedsProfile:
        """The needs profile of *household_id* (an empty one if none was given)."""
        for p in self.profiles:
            if p.household_id == household_id:
                return p
        return NeedsProfile(household_id=household_id)
