"""
The regimes engine (``jobcenter_core.national._regimes``, behind
:class:`~jobcenter_core.national.RegimeAnswers` and the rules stage) against the readable
rule :func:`~jobcenter_core.rules.benefit_regimes`.

Every member's kept answer (regime, and whether SGB II through the § 74 catch-up rule)
must be what the readable rule says of ``household.born_by(on)``. The households come in
families of near twins, asked one after the other with one ``RegimeAnswers``: each drawn
household with copies whose birth dates, registration dates, first-issue dates, assessed
hours and approval period are moved a little, so that copies often share a key with the
original while differing in the exact facts; a key that leaves out something the rule
reads gives the copy the original's answer, and fails here. A few hundred examples by
default, 10,000 in the slow run (``uv run pytest -m slow``).
"""

from __future__ import annotations

from collections import Counter

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobcenter_core.errors import InvalidInput
from jobcenter_core.households import CareArrangement, Household, Member, Relationship
from jobcenter_core.national import RegimeAnswers, regimes_stage
from jobcenter_core.parameters import DEFAULT_POLICY, AgeLimit, AgeLimitTable, Dated, Policy
from jobcenter_core.people import Person, ResidenceStatus, WorkCapacity
from jobcenter_core.rules import BenefitRegime, benefit_regimes
from jobcenter_core.scenarios import job_centre_scenarios
from jobcenter_core.testing import households, policies, reference_dates

DEFAULT = settings(max_examples=200, deadline=None)
SLOW = settings(max_examples=10_000, deadline=None)

_SHIFTS = st.sampled_from([0, 1, -1, 7, -30, 365, -365, 366 * 3, -366 * 11])
_HOURS = st.sampled_from([0.0, 2.5, 2.99, 3.0, 3.01, 6.0, 8.0])


def _moved_date(day: pendulum.Date | None, data: st.DataObject) -> pendulum.Date | None:
    return None if day is None else day.add(days=data.draw(_SHIFTS))


def _moved(household: Household, data: st.DataObject) -> Household:
    """*household* with its members' facts moved a little (kept if still valid)."""
    members = []
    for m in household.members:
        p = m.person
        residence = p.residence
        capacity = p.work_capacity
        try:
            person = attrs.evolve(
                p,
                id=p.id,
                birth_date=_moved_date(p.birth_date, data),
                identity_registered_on=_moved_date(p.identity_registered_on, data),
                residence=None
                if residence is None
                else attrs.evolve(
                    residence, first_issued_on=_moved_date(residence.first_issued_on, data)
                ),
                work_capacity=None
                if capacity is None
                else attrs.evolve(capacity, hours_per_day=data.draw(_HOURS)),
            )
        except (InvalidInput, ValueError):
            person = p
        members.append(attrs.evolve(m, person=person))
    try:
        return attrs.evolve(
            household,
            members=tuple(members),
            approval_period_ends_on=_moved_date(household.approval_period_ends_on, data),
        )
    except (InvalidInput, ValueError):
        return household


def _readable(household: Household, on: pendulum.Date, policy: Policy) -> list[object]:
    return [
        (d.value, d.value is BenefitRegime.SGB_II and "central_register_suffices" in d.codes)
        for _, d in benefit_regimes(household.born_by(on), on=on, policy=policy)
    ]


def _check_answers(data: st.DataObject) -> None:
    on = data.draw(reference_dates())
    policy = data.draw(policies())
    drawn = data.draw(st.lists(households(), min_size=1, max_size=3))
    family = [h2 for h in drawn for h2 in (h, _moved(h, data), _moved(h, data))]
    kept = RegimeAnswers()

    for h in family:
        assert kept._day_of(on, policy).answers_of(h) == _readable(h, on, policy)

    expected: Counter[BenefitRegime] = Counter()
    for h in family:
        expected.update(regime for regime, _ in _readable(h, on, policy))
    counted, catch_up = RegimeAnswers().count(family, on=on, policy=policy)
    assert counted == expected
    assert catch_up == sum(c for h in family for _, c in _readable(h, on, policy))


@DEFAULT
@given(st.data())
def test_kept_regimes_equal_the_readable_rule(data: st.DataObject) -> None:
    """Each member's kept answer is the readable rule's, for near-twin households."""
    _check_answers(data)


@pytest.mark.slow
@SLOW
@given(st.data())
def test_kept_regimes_equal_the_readable_rule_long(data: st.DataObject) -> None:
    """As above, with 10,000 examples."""
    _check_answers(data)


@pytest.mark.parametrize("on", [pendulum.date(2022, 5, 31), pendulum.date(2022, 6, 21)])
def test_kept_regimes_equal_the_readable_rule_on_a_national_caseload(on: pendulum.Date) -> None:
    """Two job centres' caseloads asked with one RegimeAnswers: every member as the rule says."""
    kept = RegimeAnswers()
    for jc in ("jc-001", "jc-002"):
        for scenario in job_centre_scenarios(jc, households=600, seed=3, on=on):
            for h in scenario.caseload.households:
                assert kept._day_of(on, DEFAULT_POLICY).answers_of(h) == _readable(
                    h, on, DEFAULT_POLICY
                )


def test_the_rules_stage_counts_as_the_readable_rule_with_or_without_kept_answers() -> None:
    """The stage with one RegimeAnswers for all scenarios and several days counts as the rule."""
    on = pendulum.date(2022, 6, 21)
    days = (pendulum.date(2022, 5, 31), on, pendulum.date(2022, 11, 1))
    kept = RegimeAnswers()
    for scenario in job_centre_scenarios("jc-003", households=300, seed=5, on=on):
        regimes: Counter[tuple[pendulum.Date, BenefitRegime]] = Counter()
        catch_up: Counter[pendulum.Date] = Counter()
        for day in days:
            for h in scenario.caseload.households:
                for regime, caught_up in _readable(h, day, DEFAULT_POLICY):
                    regimes[(day, regime)] += 1
                    catch_up[day] += caught_up
        expected = (dict(regimes), {d: n for d, n in catch_up.items() if n})

        with_kept = regimes_stage(scenario, days=days, answers=kept)
        fresh = regimes_stage(scenario, days=days)

        assert (dict(with_kept[0].items), dict(with_kept[1].items)) == expected
        assert fresh == with_kept


def test_the_key_knows_every_field_of_what_it_reads() -> None:
    """A new field on a type the rule reads fails here until the engine's key learns of it."""
    known = {
        Person: {
            "id",
            "birth_date",
            "sex",
            "languages",
            "residence",
            "identity_registered",
            "identity_registered_on",
            "stored_in_central_register",
            "work_capacity",
            "work_permitted",
            "name",
        },
        ResidenceStatus: {"document", "first_issued_on"},
        WorkCapacity: {"hours_per_day", "assessed_on"},
        Member: {"person", "marital_status", "child_care", "covers_own_needs", "primary_carer"},
        Household: {
            "id",
            "members",
            "relationships",
            "care_arrangements",
            "approval_period_ends_on",
        },
        Relationship: {"person", "kind", "of"},
        CareArrangement: {"carer", "cared_for", "secured_otherwise"},
    }
    for kind, fields in known.items():
        assert {f.name for f in attrs.fields(kind)} == fields, kind.__name__


def test_a_policy_whose_upper_age_limit_is_low_is_counted_as_the_readable_rule() -> None:
    """A § 7a table that ends working age at 20 years (20 years and 6 months from the
    cohort of 2000): the engine tells apart those past it the day before, of and after
    the 19th to 22nd birthdays, as the readable rule does."""
    table = AgeLimitTable(
        before=AgeLimit(years=20),
        by_birth_year=((2000, AgeLimit(years=20, months=6)),),
        after=AgeLimit(years=21),
    )
    policy = attrs.evolve(DEFAULT_POLICY, upper_age_limit=Dated.always(table, note="a test table"))
    on = pendulum.date(2022, 6, 21)
    template = next(iter(job_centre_scenarios("jc-002", households=20, seed=1, on=on)))
    family = []
    for years in (19, 20, 21, 22):
        birthday = on.subtract(years=years)
        for born in (birthday.subtract(days=1), birthday, birthday.add(days=1)):
            for household in template.caseload.households[:5]:
                members = tuple(
                    attrs.evolve(m, person=attrs.evolve(m.person, birth_date=born))
                    if m.person.birth_date <= on.subtract(years=18)
                    else m
                    for m in household.members
                )
                family.append(attrs.evolve(household, members=members))
    kept = RegimeAnswers()
    for h in family:
        assert kept._day_of(on, policy).answers_of(h) == _readable(h, on, policy)


def test_only_those_not_yet_born_are_classed_as_not_yet_born() -> None:
    """The engine's sentinel for a member not yet born (its households are asked of the
    readable rule as they stood) is given to no one born by the day, the first class
    met included."""
    on = pendulum.date(2022, 6, 21)
    day = RegimeAnswers()._day_of(on, DEFAULT_POLICY)
    scenario = next(iter(job_centre_scenarios("jc-002", households=20, seed=1, on=on)))
    persons = [m.person for h in scenario.caseload.households for m in h.members]
    assert all(day.persons.shape(p) != 0 for p in persons if p.birth_date <= on)
    assert day.persons.shape(attrs.evolve(persons[0], birth_date=on.add(days=1))) == 0
