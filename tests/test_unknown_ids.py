"""
One policy for lookups by id across the library (errors.py): an id the value does not
hold raises :class:`~jobcenter_core.errors.UnknownId`, a ``KeyError`` of the library that
says what kind of id is unknown and never repeats it.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable

import pendulum
import pytest

from jobcenter_core import (
    ANYONE,
    DEFAULT_POLICY,
    JobcenterCoreError,
    NeedCategory,
    NeedsProfile,
    UnknownId,
    allocate,
    apply_reforms,
    bocholt_june_2022,
    open_offer,
)
from jobcenter_core.national import run
from jobcenter_core.needs import Evidence, EvidenceKind
from jobcenter_core.scenarios import job_centre

SCENARIO = bocholt_june_2022()
HOUSEHOLD = SCENARIO.caseload.households[0]
ROSTER = open_offer(SCENARIO.offer, caseworkers=ANYONE).state
BATCH = allocate(SCENARIO.offer, SCENARIO.registrations, caseworkers=ANYONE)
NATIONAL = run(households=30, seed=1, on=pendulum.date(2022, 6, 21))
SECRET = "p-SECRET-4711"

LOOKUPS: dict[str, tuple[Callable[[], object], str]] = {
    "Household.member": (lambda: HOUSEHOLD.member(SECRET), "unknown member id"),
    "Household.person": (lambda: HOUSEHOLD.person(SECRET), "unknown member id"),
    "GroupOffer.session": (lambda: SCENARIO.offer.session(SECRET), "unknown session id"),
    "NeedsProfile.update": (
        lambda: NeedsProfile(household_id="h").update(
            SECRET,
            NeedCategory.HOUSING,
            on=pendulum.date(2022, 6, 1),
            by=Evidence(kind=EvidenceKind.CASE_WORKER, id="cw-1"),
        ),
        "unknown need: no need with that subject and category in the profile",
    ),
    "OfferState.status": (lambda: ROSTER.status(SECRET), "unknown registration id"),
    "OfferState.free": (lambda: ROSTER.free(SECRET), "unknown session id"),
    "Allocation.outcome": (
        lambda: BATCH.outcome(SECRET),
        "unknown registration id: not in this allocation",
    ),
    "Allocation.placed_in": (lambda: BATCH.placed_in(SECRET), "unknown session id"),
    "CoachingProgramme.coach": (lambda: SCENARIO.coaching.coach(SECRET), "unknown coach id"),
    "Scenario.household_of": (lambda: SCENARIO.household_of(SECRET), "unknown person id"),
    "NationalRun.job_centre": (
        lambda: NATIONAL.job_centre(SECRET),
        "unknown job centre id: not in the run (no households, or no such centre)",
    ),
    "scenarios.job_centre": (lambda: job_centre(SECRET), "unknown job centre id"),
}


@pytest.mark.parametrize("where", sorted(LOOKUPS))
def test_a_lookup_by_an_unknown_id_says_what_is_unknown(where: str) -> None:
    """Every lookup by id answers an unknown id the same way."""
    lookup, expected = LOOKUPS[where]

    with pytest.raises(UnknownId) as caught:
        lookup()

    assert expected == str(caught.value)
    assert SECRET not in str(caught.value) + repr(caught.value)
    assert isinstance(caught.value, KeyError)
    assert isinstance(caught.value, JobcenterCoreError)


def test_an_unknown_reform_lists_the_known_ones() -> None:
    """Reform names are library constants: the error may list them."""
    with pytest.raises(UnknownId) as caught:
        apply_reforms(DEFAULT_POLICY, ["no_such_reform"])

    assert str(caught.value).startswith("unknown reform; known: ")
    assert "grundsicherung_2026" in str(caught.value)


def test_an_unknown_id_error_survives_pickling() -> None:
    """Errors cross process boundaries (the national run's workers) intact."""
    error = UnknownId("session id")

    again = pickle.loads(pickle.dumps(error))

    assert (type(error), str(error), again.what) == (type(again), str(again), "session id")
