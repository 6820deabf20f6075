"""
The memo engine (``jobcenter_core.rules._memo``) against the readable rules it wraps.

Each memoised rule must answer as its readable version (``rule.__wrapped__``) whatever
was asked before and in which order. The persons asked about come in pairs that share
the facts a memo keys on and differ in everything else, so a readable rule that starts
to read another fact fails here until its memo key says so. Each check runs a few
hundred examples by default and 10,000 in the slow run (``uv run pytest -m slow``).
"""

from __future__ import annotations

import datetime as _dt
import sys
import threading

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import examples

from jobcenter_core.households import Household
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Person, Sex
from jobcenter_core.rules import (
    _memo,
    benefit_regime,
    benefit_regimes,
    benefit_unit,
    benefit_units,
    is_employable,
    is_of_working_age,
    working_age_end,
)
from jobcenter_core.rules.unit_membership import _form_units
from jobcenter_core.testing import (
    households,
    persons,
    policies,
    reference_dates,
)

DEFAULT = settings(max_examples=examples(200))
SLOW = settings(max_examples=examples(10_000))

# A few birth dates, so that persons drawn apart often share one: the 1st of a month,
# 29 February, around the working-age limits of the reference days.
_BIRTH_DATES = st.sampled_from(
    [
        pendulum.date(1957, 7, 1),
        pendulum.date(1960, 2, 29),
        pendulum.date(1988, 4, 2),
        pendulum.date(2007, 6, 1),
        pendulum.date(2012, 2, 29),
    ]
)


def _twin(a: Person, b: Person) -> Person:
    """
    *b* with the facts the memo of :func:`is_employable` keys on taken from *a* (assessed
    hours, whether a § 24 document is held, work permission) and every other fact of
    *b*'s own; the two share the last key fact, the working-age answer, whenever their
    birth dates give the same answer (often: both are drawn from a few dates).
    """
    residence = (
        b.residence if b.holds_section_24_document == a.holds_section_24_document else a.residence
    )
    capacity = a.work_capacity
    if a.work_capacity is not None and b.work_capacity is not None:
        capacity = attrs.evolve(b.work_capacity, hours_per_day=a.work_capacity.hours_per_day)
    return attrs.evolve(
        b,
        id="twin",
        residence=residence,
        work_capacity=capacity,
        work_permitted=a.work_permitted,
    )


# --- is_employable ------------------------------------------------------------------------


def _check_is_employable(data: st.DataObject) -> None:
    on = data.draw(reference_dates())
    policy = data.draw(policies())
    asked = data.draw(st.lists(persons(birth_dates=_BIRTH_DATES), min_size=1, max_size=3))
    others = data.draw(
        st.lists(persons(birth_dates=_BIRTH_DATES), min_size=len(asked), max_size=len(asked))
    )
    pairs = [p for a, b in zip(asked, others, strict=True) for p in (a, _twin(a, b))]
    _memo.clear()

    for p in pairs:
        expected = is_employable.__wrapped__(p, on=on, policy=policy)

        actual = is_employable(p, on=on, policy=policy)

        assert expected == actual


@DEFAULT
@given(st.data())
def test_memoised_is_employable_answers_as_the_readable_rule(data: st.DataObject) -> None:
    """Persons sharing the memo's key facts but nothing else get the readable answer."""
    _check_is_employable(data)


@pytest.mark.slow
@SLOW
@given(st.data())
def test_memoised_is_employable_answers_as_the_readable_rule_long(data: st.DataObject) -> None:
    """As above, with 10,000 examples."""
    _check_is_employable(data)


# --- is_of_working_age and working_age_end ----------------------------------------------------


def _check_working_age(data: st.DataObject) -> None:
    on = data.draw(reference_dates())
    policy = data.draw(policies())
    asked = data.draw(st.lists(persons(birth_dates=_BIRTH_DATES), min_size=1, max_size=3))
    others = data.draw(st.lists(persons(), min_size=len(asked), max_size=len(asked)))
    pairs = [
        p
        for a, b in zip(asked, others, strict=True)
        for p in (a, attrs.evolve(b, birth_date=a.birth_date))
    ]
    _memo.clear()

    for p in pairs:
        expected_end = working_age_end.__wrapped__(p.birth_date, policy=policy)
        expected = is_of_working_age.__wrapped__(p, on=on, policy=policy)

        actual_end = working_age_end(p.birth_date, policy=policy)
        actual = is_of_working_age(p, on=on, policy=policy)

        assert (expected_end, expected) == (actual_end, actual)


@DEFAULT
@given(st.data())
def test_memoised_working_age_answers_as_the_readable_rule(data: st.DataObject) -> None:
    """Persons sharing a birth date but nothing else get the readable answer."""
    _check_working_age(data)


@pytest.mark.slow
@SLOW
@given(st.data())
def test_memoised_working_age_answers_as_the_readable_rule_long(data: st.DataObject) -> None:
    """As above, with 10,000 examples."""
    _check_working_age(data)


# --- the order of questions -------------------------------------------------------------------


def _answers(people: list[Person], on: pendulum.Date, policy: Policy) -> list[object]:
    return [
        (is_of_working_age(p, on=on, policy=policy), is_employable(p, on=on, policy=policy))
        for p in people
    ]


def _check_order(data: st.DataObject) -> None:
    on = data.draw(reference_dates())
    policy = data.draw(policies())
    first = data.draw(persons(birth_dates=_BIRTH_DATES))
    second = _twin(first, data.draw(persons(birth_dates=_BIRTH_DATES)))

    _memo.clear()
    forward = _answers([first, second], on, policy)
    _memo.clear()
    backward = _answers([second, first], on, policy)

    assert forward == backward[::-1]


@DEFAULT
@given(st.data())
def test_memoised_answers_do_not_depend_on_the_order_of_questions(data: st.DataObject) -> None:
    """Asking A then B gives A and B the answers they get when asked B then A."""
    _check_order(data)


@pytest.mark.slow
@SLOW
@given(st.data())
def test_memoised_answers_do_not_depend_on_the_order_of_questions_long(
    data: st.DataObject,
) -> None:
    """As above, with 10,000 examples."""
    _check_order(data)


@given(persons(), reference_dates())
def test_answers_for_one_policy_do_not_leak_into_another(person: Person, on: pendulum.Date) -> None:
    """The answers kept for one policy never answer for another policy on the same day."""
    strict = attrs.evolve(
        DEFAULT_POLICY,
        min_daily_work_hours=DEFAULT_POLICY.min_daily_work_hours.change_from(
            _dt.date(1900, 1, 1), 25, note="no one can work 25 hours a day"
        ),
    )

    with_default = is_employable(person, on=on)
    with_strict = is_employable(person, on=on, policy=strict)

    assert "capacity_presumed" in with_strict.codes or not with_strict.value
    assert with_default.value or not with_strict.value


def test_a_subject_passed_by_name_is_answered_by_the_readable_rule() -> None:
    """``is_employable(person=...)`` works as the readable rule's signature promises."""
    p = Person(id="p-1", birth_date=pendulum.date(1988, 4, 2), sex=Sex.FEMALE)
    on = pendulum.date(2022, 6, 21)

    assert is_employable.__wrapped__(p, on=on) == is_employable(person=p, on=on)  # type: ignore[call-arg]


# --- households asked one after another -----------------------------------------------------


def _household_answers(h: Household, on: pendulum.Date, policy: Policy) -> tuple[object, ...]:
    regimes = benefit_regimes(h.born_by(on), on=on, policy=policy)
    units = benefit_units(h, on=on, policy=policy)
    unit = [benefit_unit(h, on=on, member_id=mid, policy=policy) for mid in h.member_ids]
    return regimes, units, unit


def _check_households(data: st.DataObject) -> None:
    first = data.draw(households())
    second = data.draw(households())
    on = data.draw(reference_dates())
    policy = data.draw(policies())
    _memo.clear()
    fresh = _household_answers(second, on, policy)
    expected = _form_units.__wrapped__(second, on=on, policy=policy)

    _memo.clear()
    _household_answers(first, on, policy)
    after_first = _household_answers(second, on, policy)
    actual = _form_units(second, on=on, policy=policy)

    assert fresh == after_first
    assert expected == actual


@DEFAULT
@given(st.data())
def test_answers_about_a_household_do_not_depend_on_households_asked_before(
    data: st.DataObject,
) -> None:
    """Units kept for recent households answer as if asked fresh, whatever came before."""
    _check_households(data)


@pytest.mark.slow
@SLOW
@given(st.data())
def test_answers_about_a_household_do_not_depend_on_households_asked_before_long(
    data: st.DataObject,
) -> None:
    """As above, with 10,000 examples."""
    _check_households(data)


@given(households(), reference_dates(), policies(), st.data())
def test_regimes_asked_member_by_member_follow_every_change_of_the_household(
    h: Household, on: pendulum.Date, policy: Policy, data: st.DataObject
) -> None:
    """A household changed after its members were asked about is answered afresh."""
    changed = attrs.evolve(
        h,
        relationships=data.draw(st.permutations(h.relationships))[1:],
        members=tuple(attrs.evolve(m, covers_own_needs=None) for m in h.members),
    )
    born = [m.person for m in h.members if m.person.birth_date <= on]

    asked_before = [benefit_regime(p, h, on=on, policy=policy) for p in reversed(born)]
    actual = [benefit_regime(p, changed, on=on, policy=policy) for p in born]

    assert [d for _, d in benefit_regimes(h.born_by(on), on=on, policy=policy)] == asked_before[
        ::-1
    ]
    assert [d for _, d in benefit_regimes(changed.born_by(on), on=on, policy=policy)] == actual


def test_threads_asking_about_different_days_get_each_days_answers() -> None:
    """Two threads sharing the memo, each on its own day, never get the other day's answer."""
    p = Person(id="p-1", birth_date=pendulum.date(2007, 6, 1), sex=Sex.FEMALE)
    days = (pendulum.date(2022, 5, 31), pendulum.date(2022, 6, 1))
    expected = {on: is_employable.__wrapped__(p, on=on) for on in days}
    wrong: list[pendulum.Date] = []

    def ask(on: pendulum.Date) -> None:
        for _ in range(3_000):
            if is_employable(p, on=on) != expected[on]:
                wrong.append(on)

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=ask, args=(on,)) for on in days]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(switch)

    assert [] == wrong
