"""
The admission engine (``jobcenter_core.enrolment._admission``, behind
:func:`~jobcenter_core.enrolment.allocate`) against the readable target-group check of
:func:`~jobcenter_core.enrolment.admission.may_take_part` (``admission._target_group``,
which asks :func:`~jobcenter_core.rules.in_target_group`).

One :class:`TargetGroupAnswers` is asked about many candidates in a row, as one
allocation asks it: households' members, each with near twins whose birth dates,
assessed hours, residence documents, work permissions, languages and wishes are moved a
little, so that a twin often shares a key with the original while differing in the exact
facts; a key that leaves out something the rule reads gives the twin the original's
reasons, and fails here. A few hundred examples by default, 10,000 in the slow run
(``uv run pytest -m slow``). Batch allocation against registering one by one (which asks
the readable check) is in ``test_properties.py``.
"""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.support.hypothesis_budget import examples

from jobcenter_core.enrolment._admission import TargetGroupAnswers
from jobcenter_core.enrolment.admission import _target_group
from jobcenter_core.errors import InvalidInput
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.offers import (
    AllOf,
    Candidate,
    Employable,
    GroupOffer,
    HasChildrenNeedingCare,
    Not,
    WantsWorkAtShortNotice,
)
from jobcenter_core.parameters import DEFAULT_POLICY, AgeLimit, AgeLimitTable, Dated, Policy
from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex, WorkCapacity
from jobcenter_core.testing import households, policies, reference_dates, target_group_rules

_SHIFTS = st.sampled_from([0, 1, -1, 7, -30, 365, -365, 366 * 3, -366 * 11])
_HOURS = st.sampled_from([None, 0.0, 2.5, 2.99, 3.0, 3.01, 6.0, 8.0])
_WISHES = st.sampled_from([None, True, False])
_LANGUAGES = st.sampled_from(
    [
        (),
        (LanguageSkill(language="de", level=CefrLevel.A1),),
        (LanguageSkill(language="de", level=CefrLevel.B1),),
        (LanguageSkill(language="uk", level=CefrLevel.C2),),
    ]
)


def _twin(person: Person, data: st.DataObject) -> Person:
    hours = data.draw(_HOURS)
    residence = person.residence
    if data.draw(st.booleans()):
        residence = ResidenceStatus(document=data.draw(st.sampled_from(ResidenceDocument)))
    try:
        return attrs.evolve(
            person,
            birth_date=person.birth_date.add(days=data.draw(_SHIFTS)),
            work_capacity=None
            if hours is None
            else WorkCapacity(hours_per_day=hours, assessed_on=pendulum.date(2022, 5, 2)),
            work_permitted=data.draw(_WISHES),
            residence=residence,
            languages=data.draw(_LANGUAGES) if data.draw(st.booleans()) else person.languages,
        )
    except (InvalidInput, ValueError):
        return person


def _check(data: st.DataObject) -> None:
    offer = GroupOffer(id="o-1", title="t", target_group=data.draw(target_group_rules()))
    policy: Policy = data.draw(policies())
    day = data.draw(reference_dates())
    answers = TargetGroupAnswers(offer, policy)
    for household in (data.draw(households(id=f"h-{i}")) for i in range(2)):
        for member in household.members:
            for person in (member.person, _twin(member.person, data), _twin(member.person, data)):
                candidate = Candidate(
                    person=person,
                    household=household,
                    wants_work_at_short_notice=data.draw(_WISHES),
                )
                assert _target_group(offer, candidate, on=day, policy=policy) == answers.reasons(
                    candidate, day
                )


@given(data=st.data())
@settings(max_examples=examples(200), deadline=None)
def test_kept_target_group_reasons_equal_the_readable_check(data: st.DataObject) -> None:
    """Every candidate's reasons, kept by shape, are what the readable check says."""
    _check(data)


@pytest.mark.slow
@given(data=st.data())
@settings(max_examples=10_000, deadline=None)
def test_kept_target_group_reasons_equal_the_readable_check_long(data: st.DataObject) -> None:
    """The same on 10,000 offers, days and policies."""
    _check(data)


# --- the law's edges -------------------------------------------------------------------------

JUNE_21 = pendulum.date(2022, 6, 21)
_RULES = [
    Employable(),
    AllOf(rules=(Employable(), WantsWorkAtShortNotice())),
    Not(rule=Employable()),
    HasChildrenNeedingCare(),
]


def _candidates(births: list[pendulum.Date]) -> list[Candidate]:
    section_24 = ResidenceStatus(document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT)
    return [
        Candidate(
            person=Person(
                id=f"p-{i}",
                birth_date=born,
                sex=Sex.FEMALE,
                residence=section_24 if i % 2 else None,
            ),
            wants_work_at_short_notice=bool(i % 3),
        )
        for i, born in enumerate(births)
    ]


def _around(day: pendulum.Date) -> list[pendulum.Date]:
    return [day.subtract(days=1), day, day.add(days=1)]


def _same(candidates: list[Candidate], days: list[pendulum.Date], policy: Policy) -> None:
    for rule in _RULES:
        offer = GroupOffer(id="o-1", title="t", target_group=rule)
        answers = TargetGroupAnswers(offer, policy)
        for day in days:
            for c in candidates:
                assert _target_group(offer, c, on=day, policy=policy) == answers.reasons(c, day)


@pytest.mark.parametrize("on", [JUNE_21, pendulum.date(2024, 2, 29), pendulum.date(2023, 3, 1)])
def test_the_15th_birthday_and_the_end_of_working_age_the_day_before_of_and_after(
    on: pendulum.Date,
) -> None:
    """Born 15, 64–68 years before the day (each the day before, of and after), on
    29 February, or not yet born: the kept reasons are the readable check's."""
    births = [
        b for years in (14, 15, 16, 64, 65, 66, 67, 68) for b in _around(on.subtract(years=years))
    ]
    births += [pendulum.date(1956, 2, 29), pendulum.date(2008, 2, 29), on.add(days=1)]
    _same(_candidates(births), [on], DEFAULT_POLICY)


def test_the_end_of_working_age_is_told_apart_on_the_day_before_of_and_after_it() -> None:
    """Born 1956-02-29: working age ends 2021-12-31; born 1957-07-01: it ends 2023-04-30."""
    candidates = _candidates([pendulum.date(1956, 2, 29), pendulum.date(1957, 7, 1)])
    days = _around(pendulum.date(2021, 12, 31)) + _around(pendulum.date(2023, 4, 30))
    _same(candidates, days, DEFAULT_POLICY)


def test_the_day_section_74_takes_effect_is_told_apart() -> None:
    """2022-05-31, 2022-06-01 and 2022-06-02 for holders of a § 24 document and others."""
    _same(
        _candidates([pendulum.date(1990, 1, 15)] * 4),
        _around(pendulum.date(2022, 6, 1)),
        DEFAULT_POLICY,
    )


def test_a_policy_whose_upper_limit_is_low_is_asked_of_younger_persons_too() -> None:
    """A § 7a table ending working age at 20 years: the end is told apart at 19 to 22."""
    table = AgeLimitTable(
        before=AgeLimit(years=20),
        by_birth_year=((2000, AgeLimit(years=20, months=6)),),
        after=AgeLimit(years=21),
    )
    policy = attrs.evolve(DEFAULT_POLICY, upper_age_limit=Dated.always(table, note="a test table"))
    births = [b for years in (18, 19, 20, 21, 22) for b in _around(JUNE_21.subtract(years=years))]
    _same(_candidates(births), [JUNE_21], policy)
