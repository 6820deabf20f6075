"""
The summary engine (``jobcenter_core.caseload._summary``, behind
:func:`~jobcenter_core.caseload.summarize`) against the summary's readable pass, person by
person and need by need (``_counted_per_person``).

The engine reads each person's completed years from a table of birthdays, asks
:func:`~jobcenter_core.rules.is_employable` once per shape of what it reads, and counts
needs by status, category and urgency. Its counts must be the readable pass's exactly.
The caseloads come with near twins: each drawn household with a copy whose members'
birth dates, assessed hours, residence documents and work permissions, and whose needs'
statuses and urgencies, are moved a little, so that a twin often shares a shape with the
original while differing in the exact facts; a shape that leaves out something a rule
reads gives the twin the original's answer, and fails here. A few hundred examples by
default, 10,000 in the slow run (``uv run pytest -m slow``).
"""

from __future__ import annotations

import datetime as _dt

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.support.hypothesis_budget import examples

from jobcenter_core.caseload import Caseload, summarize
from jobcenter_core.caseload import _summary as engine
from jobcenter_core.caseload.summary import _counted_per_person
from jobcenter_core.errors import InvalidInput, NoValueForDate
from jobcenter_core.households import ChildCare, Household, Member
from jobcenter_core.needs import (
    Evidence,
    EvidenceKind,
    Need,
    NeedCategory,
    NeedsProfile,
    NeedStatus,
    Urgency,
)
from jobcenter_core.parameters import (
    DEFAULT_POLICY,
    AgeLimit,
    AgeLimitTable,
    Dated,
    Period,
    Policy,
)
from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex, WorkCapacity
from jobcenter_core.scenarios import job_centre_scenarios
from jobcenter_core.testing import caseloads, policies, reference_dates

_SHIFTS = st.sampled_from([0, 1, -1, 7, -30, 365, -365, 366 * 3, -366 * 11])
_HOURS = st.sampled_from([None, 0.0, 2.5, 2.99, 3.0, 3.01, 6.0, 8.0])
_PERMITTED = st.sampled_from([None, True, False])
_DOCUMENTS = st.sampled_from(ResidenceDocument)


def _twin_person(p: Person, data: st.DataObject) -> Person:
    hours = data.draw(_HOURS)
    residence = p.residence
    if residence is not None and data.draw(st.booleans()):
        residence = attrs.evolve(residence, document=data.draw(_DOCUMENTS))
    try:
        return attrs.evolve(
            p,
            birth_date=p.birth_date.add(days=data.draw(_SHIFTS)),
            work_capacity=None
            if hours is None
            else WorkCapacity(hours_per_day=hours, assessed_on=pendulum.date(2022, 5, 2)),
            work_permitted=data.draw(_PERMITTED),
            residence=residence,
        )
    except (InvalidInput, ValueError):
        return p


def _twin(
    household: Household, profiles: dict[str, NeedsProfile], data: st.DataObject
) -> tuple[Household, NeedsProfile | None]:
    """A copy of *household* (id ``…-twin``) with its members' facts and its needs moved."""
    hid = f"{household.id}-twin"
    members = tuple(
        attrs.evolve(
            m,
            person=_twin_person(m.person, data),
            child_care=data.draw(st.one_of(st.none(), st.sampled_from(ChildCare)))
            if m.child_care is not None
            else None,
        )
        for m in household.members
    )
    try:
        twin = attrs.evolve(household, id=hid, members=members)
    except (InvalidInput, ValueError):
        twin = attrs.evolve(household, id=hid)
    profile = profiles.get(household.id)
    if profile is None:
        return twin, None
    needs = tuple(
        Need(
            subject=n.subject,
            category=n.category,
            status=data.draw(st.sampled_from(NeedStatus)),
            urgency=data.draw(st.sampled_from(Urgency)),
            identified_on=n.identified_on,
            identified_by=n.identified_by,
        )
        if data.draw(st.booleans())
        else n
        for n in profile.needs
    )
    try:
        return twin, NeedsProfile(household_id=hid, needs=needs)
    except (InvalidInput, ValueError):
        return twin, attrs.evolve(profile, household_id=hid)


def _with_twins(caseload: Caseload, data: st.DataObject) -> Caseload:
    profiles = {p.household_id: p for p in caseload.profiles}
    households = list(caseload.households)
    twin_profiles = list(caseload.profiles)
    for h in caseload.households:
        twin, profile = _twin(h, profiles, data)
        households.append(twin)
        if profile is not None:
            twin_profiles.append(profile)
    return Caseload(households=households, profiles=twin_profiles)


def _same_counts(caseload: Caseload, on: pendulum.Date, policy: Policy = DEFAULT_POLICY) -> None:
    found = engine.counted(caseload, on=on, policy=policy)
    assert found is not None
    assert _counted_per_person(caseload, on=on, policy=policy) == found


def _check(data: st.DataObject) -> None:
    caseload = _with_twins(data.draw(caseloads()), data)
    _same_counts(caseload, data.draw(reference_dates()), data.draw(policies()))


@given(data=st.data())
@settings(max_examples=examples(200), deadline=None)
def test_the_engine_counts_as_the_readable_pass(data: st.DataObject) -> None:
    """Persons by sex and years, the employable, minors by care and needs: as read one by one."""
    _check(data)


@pytest.mark.slow
@given(data=st.data())
@settings(max_examples=10_000, deadline=None)
def test_the_engine_counts_as_the_readable_pass_long(data: st.DataObject) -> None:
    """The same on 10,000 caseloads with their near twins."""
    _check(data)


# --- the law's edges -------------------------------------------------------------------------

JUNE_21 = pendulum.date(2022, 6, 21)


def _person(i: int, born: _dt.date, **facts: object) -> Member:
    return Member(
        person=Person(id=f"p-{i}", birth_date=born, sex=Sex.FEMALE, **facts),  # type: ignore[arg-type]
        child_care=ChildCare.NONE if born > JUNE_21.subtract(years=18) else None,
    )


def _everyone_born(births: list[pendulum.Date]) -> Caseload:
    section_24 = ResidenceStatus(document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT)
    return Caseload(
        households=[
            Household(id=f"h-{i}", members=(_person(i, born, residence=section_24),))
            for i, born in enumerate(births)
        ]
    )


def _around(day: pendulum.Date) -> list[pendulum.Date]:
    return [day.subtract(days=1), day, day.add(days=1)]


@pytest.mark.parametrize(
    "on",
    [
        pendulum.date(2022, 6, 21),
        pendulum.date(2024, 2, 28),
        pendulum.date(2024, 2, 29),
        pendulum.date(2024, 3, 1),
        pendulum.date(2023, 2, 28),
        pendulum.date(2023, 3, 1),
        pendulum.date(2022, 12, 31),
        pendulum.date(2023, 1, 1),
    ],
)
def test_birthdays_count_on_the_day_before_of_and_after_them(on: pendulum.Date) -> None:
    """The 3rd, 6th, 14th, 15th and 18th birthdays and the end of working age, each the day
    before, of and after, and those born on 29 February, count as read one by one."""
    births: list[pendulum.Date] = []
    for years in (0, 3, 6, 14, 15, 18, 64, 65, 66, 67, 68):
        births += _around(on.subtract(years=years))
    births += [pendulum.date(y, 2, 29) for y in (1952, 1956, 1960, 2004, 2008, 2012, 2020)]
    births += [pendulum.date(y, 3, 1) for y in (1956, 2004, 2008)]
    births += [pendulum.date(y, 2, 28) for y in (1956, 2004, 2008)]
    births += [on.add(days=1), on.add(years=1)]  # not yet born
    _same_counts(_everyone_born(births), on)


def test_the_end_of_working_age_counts_the_day_before_of_and_after_it() -> None:
    """Born 1956-02-29 (end of working age 2021-12-31) and 1957-07-01 (end 2023-04-30)."""
    caseload = _everyone_born([pendulum.date(1956, 2, 29), pendulum.date(1957, 7, 1)])
    for end in (pendulum.date(2021, 12, 31), pendulum.date(2023, 4, 30)):
        for on in _around(end):
            _same_counts(caseload, on)


def test_a_policy_whose_upper_limit_is_low_counts_as_the_readable_pass() -> None:
    """A policy whose § 7a table ends working age at 20 years: the engine asks the end of
    working age of younger persons too."""
    table = AgeLimitTable(
        before=AgeLimit(years=20),
        by_birth_year=((2000, AgeLimit(years=20, months=6)),),
        after=AgeLimit(years=21),
    )
    policy = attrs.evolve(DEFAULT_POLICY, upper_age_limit=Dated.always(table, note="a test table"))
    births = [
        b for years in (15, 18, 19, 20, 21, 22) for b in _around(JUNE_21.subtract(years=years))
    ]
    _same_counts(_everyone_born(births), JUNE_21, policy)


def test_a_person_of_150_years_or_more_is_left_to_the_readable_pass() -> None:
    """The engine declines; the summary counts person by person and gets the same numbers."""
    caseload = _everyone_born([pendulum.date(1850, 1, 1), pendulum.date(1990, 1, 1)])

    summary = summarize(caseload, on=JUNE_21)

    assert engine.counted(caseload, on=JUNE_21) is None
    assert (summary.persons, summary.employable) == (2, 1)


def test_needs_count_by_status_category_and_urgency() -> None:
    """Acute psychosocial support blocks work, high does not; childcare blocks while unmet."""
    by = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")
    needs = [
        Need(
            subject=f"p-{i}",
            category=c,
            urgency=u,
            status=s,
            identified_on=JUNE_21,
            identified_by=by,
        )
        for i, (c, u, s) in enumerate(
            [
                (NeedCategory.PSYCHOSOCIAL_SUPPORT, Urgency.ACUTE, NeedStatus.OPEN),
                (NeedCategory.PSYCHOSOCIAL_SUPPORT, Urgency.HIGH, NeedStatus.OPEN),
                (NeedCategory.CHILDCARE, Urgency.NORMAL, NeedStatus.IN_PROGRESS),
                (NeedCategory.CHILDCARE, Urgency.NORMAL, NeedStatus.MET),
            ]
        )
    ]
    caseload = attrs.evolve(
        _everyone_born([pendulum.date(1990, 1, 1)]),
        profiles=(NeedsProfile(household_id="h-0", needs=needs),),
    )

    counts = engine.counted(caseload, on=JUNE_21)

    assert counts is not None
    assert counts.needs == {NeedCategory.PSYCHOSOCIAL_SUPPORT: 2, NeedCategory.CHILDCARE: 1}
    assert counts.blocking == {NeedCategory.PSYCHOSOCIAL_SUPPORT: 1, NeedCategory.CHILDCARE: 1}
    _same_counts(caseload, JUNE_21)


@pytest.mark.parametrize("on", [pendulum.date(2022, 6, 21), pendulum.date(2026, 7, 1)])
def test_the_engine_counts_a_national_caseload_as_the_readable_pass(on: pendulum.Date) -> None:
    """Every local job centre of a job centre's partition of the national caseload."""
    for scenario in job_centre_scenarios("jc-007", households=600, seed=3, on=on):
        _same_counts(scenario.caseload, on)


def test_a_policy_without_an_upper_limit_for_a_birth_date_is_left_to_the_readable_pass() -> None:
    """A § 7a table in force only from 2000: for someone who completed 65 years before,
    the end of working age has no value; the engine declines, and the summary raises as
    the readable pass does."""
    period = Period(
        value=DEFAULT_POLICY.upper_age_limit.at(JUNE_21),
        start=pendulum.date(2000, 1, 1),
        note="a test table",
    )
    policy = attrs.evolve(DEFAULT_POLICY, upper_age_limit=Dated(periods=(period,)))
    caseload = _everyone_born([pendulum.date(1930, 5, 1), pendulum.date(1990, 1, 1)])

    assert engine.counted(caseload, on=JUNE_21, policy=policy) is None
    with pytest.raises(NoValueForDate):
        _counted_per_person(caseload, on=JUNE_21, policy=policy)
    with pytest.raises(NoValueForDate):
        summarize(caseload, on=JUNE_21, policy=policy)
