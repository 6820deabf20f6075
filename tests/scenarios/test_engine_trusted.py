"""
The trusted makers (``jobcenter_core.scenarios._trusted``) against the public constructors.

Every maker, given the fields of a value the public constructor made, must make an
equal value whose fields are those very objects; and whole generated partitions made
with the trusted makers must equal the same partitions made with the constructors. A few
hundred examples by default, 10,000 in the slow run (``uv run pytest -m slow``).
"""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobcenter_core.consultations import Consultation
from jobcenter_core.dates import berlin_instant
from jobcenter_core.enrolment import Registration, order_key
from jobcenter_core.households import Household
from jobcenter_core.needs import Evidence, EvidenceKind, NeedCategory, NeedsProfile, Urgency
from jobcenter_core.people import Person, Sex
from jobcenter_core.scenarios import JOB_CENTRES, KREIS_BORKEN, bocholt_june_2022
from jobcenter_core.scenarios import _trusted as trusted
from jobcenter_core.scenarios import national as national_module
from jobcenter_core.scenarios.builder import person_ids
from jobcenter_core.scenarios.draws import Draw
from jobcenter_core.scenarios.findings import found_needs
from jobcenter_core.scenarios.synthetic import draw_household, synthetic_households
from jobcenter_core.testing import (
    consultation_days,
    group_offers,
    households,
    needs,
    needs_profiles,
    observations,
    persons,
    registrations,
)

DEFAULT = settings(max_examples=200)
SLOW = settings(max_examples=10_000)
MAKERS = attrs.fields_dict(trusted.Makers)


def fields_of(value: Any) -> dict[str, Any]:
    """A value's fields as its constructor takes them (by alias)."""
    return {a.alias: getattr(value, a.name) for a in attrs.fields(type(value)) if a.init}


def assert_made_alike(maker: Any, value: Any) -> None:
    """*maker* given *value*'s fields makes an equal value of the same class whose every
    field is the very object the constructor kept (a field the constructor works out
    itself, not given: an equal value)."""
    made = maker(**fields_of(value))

    assert type(value) is type(made)
    assert value == made
    for a in attrs.fields(type(value)):
        if a.init:
            assert getattr(value, a.name) is getattr(made, a.name), a.name
        else:
            assert getattr(value, a.name) == getattr(made, a.name), a.name


def households_and_their_parts() -> st.SearchStrategy[Household]:
    return households(max_children=3)


def _check_values(data: st.DataObject) -> None:
    household = data.draw(households_and_their_parts())
    assert_made_alike(trusted.household, household)
    for member in household.members:
        assert_made_alike(trusted.member, member)
        assert_made_alike(trusted.person, member.person)
    for relationship in household.relationships:
        assert_made_alike(trusted.relationship, relationship)
    assert_made_alike(trusted.person, data.draw(persons()))
    assert_made_alike(trusted.observation, data.draw(observations()))
    need = data.draw(needs())
    assert_made_alike(trusted.need, need)
    consultations, _, _, _ = data.draw(consultation_days(max_consultations=3))
    for consultation in consultations:
        assert_made_alike(trusted.consultation, consultation)
    offer = data.draw(group_offers())
    for registration in data.draw(registrations(offer, max_size=3)):
        assert_made_alike(trusted.registration, registration)
        assert order_key(registration) == order_key(trusted.registration(**fields_of(registration)))


@DEFAULT
@given(st.data())
def test_each_trusted_maker_makes_what_its_constructor_makes(data: st.DataObject) -> None:
    """Persons, members, relationships, households, observations, needs, consultations
    and registrations: the same value, field for field."""
    _check_values(data)


@pytest.mark.slow
@SLOW
@given(st.data())
def test_each_trusted_maker_makes_what_its_constructor_makes_long(data: st.DataObject) -> None:
    """As above, with 10,000 examples."""
    _check_values(data)


def _check_profile(data: st.DataObject) -> None:
    profile = data.draw(needs_profiles(max_needs=6))
    # the needs in any order, and some of them twice or merged with another observation
    given_needs = data.draw(st.permutations(profile.needs))
    extra = data.draw(st.lists(needs(), max_size=3))

    expected = NeedsProfile(household_id=profile.household_id, needs=[*given_needs, *extra])
    made = trusted.needs_profile(household_id=profile.household_id, needs=[*given_needs, *extra])

    assert expected == made
    assert expected.needs == made.needs
    # a profile's needs, in its order already, make the same profile without sorting
    assert_made_alike(trusted.ordered_needs_profile, expected)


@DEFAULT
@given(st.data())
def test_a_trusted_needs_profile_is_the_canonical_profile(data: st.DataObject) -> None:
    """Needs in any order come out in the profile's order; needs with the same subject
    and category are merged as the constructor merges them. Needs in the profile's
    order make the same profile with the maker that trusts their order."""
    _check_profile(data)


@pytest.mark.slow
@SLOW
@given(st.data())
def test_a_trusted_needs_profile_is_the_canonical_profile_long(data: st.DataObject) -> None:
    """As above, with 10,000 examples."""
    _check_profile(data)


@pytest.mark.parametrize("seed", [1, 2022, "x"])
def test_a_trusted_scenario_and_caseload_are_what_their_constructors_make(
    seed: int | str,
) -> None:
    """A generated scenario's fields make the same scenario, and its caseload's the same
    caseload, field for field (the Bocholt story's too)."""
    on = pendulum.date(2022, 6, 21)
    for s in (
        *national_module.job_centre_scenarios("jc-001", households=150, seed=seed, on=on),
        bocholt_june_2022(),
    ):
        assert_made_alike(trusted.scenario, s)
        assert_made_alike(trusted.caseload, s.caseload)


def test_the_defaults_of_the_makers_are_the_constructors_defaults() -> None:
    """Fields not given get the constructor's default."""
    born = pendulum.date(1990, 1, 1)

    assert Person(id="p-1", birth_date=born, sex=Sex.FEMALE) == trusted.person(
        id="p-1", birth_date=born, sex=Sex.FEMALE
    )
    person = Person(id="p-1", birth_date=born, sex=Sex.FEMALE)
    assert Household(id="h-1", members=[trusted.member(person=person)]) == trusted.household(
        id="h-1", members=(trusted.member(person=person),)
    )
    assert NeedsProfile(household_id="h-1") == trusted.needs_profile(household_id="h-1")


def test_checked_makers_are_the_public_constructors() -> None:
    """CHECKED makes every value with its class; TRUSTED has a maker for each of them."""

    for name in MAKERS:
        constructor = getattr(trusted.CHECKED, name)
        assert isinstance(constructor, type)
        assert getattr(trusted.TRUSTED, name) is getattr(trusted, name)


def test_a_maker_refuses_to_load_when_its_class_has_other_fields() -> None:
    """A class that gained a field would leave it unset: the module refuses to load."""

    with pytest.raises(ImportError, match="Consultation"):
        trusted._fields_are(Consultation, "id", "household_id")


def test_a_maker_refuses_to_load_when_a_field_is_not_a_slot() -> None:
    """The makers set fields through their slots: a class without them is refused."""

    @attrs.frozen(slots=False)
    class Unslotted:
        a: int

    with pytest.raises(ImportError, match="'a' to be a slot"):
        trusted._fields_are(Unslotted, "a")


def test_a_trusted_registration_keeps_the_instant_order_of_the_hour_the_clocks_go_back() -> None:
    """02:15 CET (the second 02:15) came after 02:30 CEST: the order key says so."""
    first = berlin_instant(pendulum.datetime(2022, 10, 30, 0, 30, tz="UTC"))
    second = berlin_instant(pendulum.datetime(2022, 10, 30, 1, 15, tz="UTC"))
    common = {"person_id": "p-1", "offer_id": "o", "registered_by": "cw-1"}

    made = [
        trusted.registration(id="r-2", registered_at=second, **common),
        trusted.registration(id="r-1", registered_at=first, **common),
    ]

    assert [r.id for r in sorted(made, key=order_key)] == ["r-1", "r-2"]
    assert made[0] == Registration(id="r-2", registered_at=second, **common)


# --- whole partitions ------------------------------------------------------------------------


def _check_partition(data: st.DataObject) -> None:
    centre = data.draw(st.sampled_from([KREIS_BORKEN, JOB_CENTRES[1], JOB_CENTRES[200]]))
    local = data.draw(st.sampled_from(centre.local_job_centres))
    households_ = data.draw(st.integers(min_value=0, max_value=120))
    seed = data.draw(st.integers(min_value=0, max_value=10**6) | st.text(max_size=5))
    on = pendulum.date(2022, 2, 24).add(days=data.draw(st.integers(0, 700)))
    kwargs: dict[str, Any] = {"households": households_, "seed": seed, "on": on}

    made_trusted = national_module._scenario(centre, local, make=trusted.TRUSTED, **kwargs)
    made_checked = national_module._scenario(centre, local, make=trusted.CHECKED, **kwargs)

    assert made_checked == made_trusted


@settings(max_examples=60)
@given(st.data())
def test_a_trusted_partition_equals_the_partition_made_by_the_constructors(
    data: st.DataObject,
) -> None:
    """A local job centre's scenario on any day and seed: the same with either makers
    (which also checks that the trusted values pass every constructor's checks)."""
    _check_partition(data)


@pytest.mark.slow
@settings(max_examples=2_000)
@given(st.data())
def test_a_trusted_partition_equals_the_partition_made_by_the_constructors_long(
    data: st.DataObject,
) -> None:
    """As above, with 2,000 partitions."""
    _check_partition(data)


@settings(max_examples=30)
@given(
    st.integers(min_value=0, max_value=200),
    st.integers(min_value=0, max_value=10**6),
    st.integers(0, 700),
)
def test_synthetic_households_equal_those_made_by_the_constructors(
    count: int, seed: int, day: int
) -> None:
    """synthetic_households (trusted makers) against the same draws made with CHECKED."""
    on = pendulum.date(2022, 2, 24).add(days=day)
    d = Draw(seed, on)
    next_person = person_ids(7)

    checked = tuple(
        draw_household(d, f"h-{n:07d}", next_person, make=trusted.CHECKED)
        for n in range(1, count + 1)
    )

    assert checked == synthetic_households(households=count, seed=seed, on=on)


def test_needs_found_with_repeated_categories_are_merged() -> None:
    """A finding twice (same subject and category) is one need, as the constructor says."""
    by = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")
    findings = [
        ("p-1", NeedCategory.EMPLOYMENT, Urgency.HIGH),
        ("p-1", NeedCategory.EMPLOYMENT, Urgency.NORMAL),
        ("h-1", NeedCategory.HOUSING, Urgency.LOW),
    ]
    on = pendulum.date(2022, 6, 1)

    assert found_needs("h-1", findings, on=on, by=by) == found_needs(
        "h-1", findings, on=on, by=by, make=trusted.TRUSTED
    )
