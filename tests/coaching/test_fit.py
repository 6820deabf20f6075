"""Who a coaching fits: limited mobility through missing childcare, language, target group,
legal basis and delivery (coaching/fit.py)."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis_budget import examples

from jobcenter_core.coaching import (
    Coach,
    CoachingFit,
    CoachingProgramme,
    CoachingTargetGroup,
    Delivery,
    Mobility,
    mobility_limited,
    referral_fit,
)
from jobcenter_core.decisions import sgb2
from jobcenter_core.errors import InvalidInput
from jobcenter_core.households import (
    ChildCare,
    Household,
    Member,
    Relationship,
    RelationshipKind,
)
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.offers import HasChildrenNeedingCare
from jobcenter_core.parameters import DEFAULT_POLICY, Dated
from jobcenter_core.people import (
    Person,
    Sex,
    WorkCapacity,
)
from jobcenter_core.strategies import (
    coaching_programmes,
    households,
    mobilities,
    reference_dates,
)

ON = pendulum.date(2022, 6, 22)
NEAR = Mobility(has_transport=True, distance_to_centre_km=3)
SECTION_16K = (sgb2("16k"),)


def alone(person: Person) -> Household:
    return Household(id="h-1", members=(Member(person=person),))


# --- mobility ---------------------------------------------------------------------------


def test_missing_kita_place_points_to_the_kita_entitlement(
    mother_and_child: Callable[..., tuple[Person, Household]],
) -> None:
    """A child past its third year without a place is entitled to one: the reason says so."""
    mother, household = mother_and_child()

    limited = mobility_limited(mother, household, on=ON, mobility=NEAR)

    [entitlement] = [r for r in limited.reasons if r.code == "care_place_entitlement"]
    assert "SGB VIII § 24 Abs. 3" == str(entitlement.reference)


def test_child_with_kita_place_does_not_limit_mobility(
    mother_and_child: Callable[..., tuple[Person, Household]],
) -> None:
    """A mother whose child is in a Kita, with transport and near the centre, is mobile."""
    mother, household = mother_and_child(care=ChildCare.KITA)

    limited = mobility_limited(mother, household, on=ON, mobility=NEAR)

    assert limited.value is False
    assert ("children_cared_for", "has_transport", "near_centre") == limited.codes


def test_child_of_fourteen_needs_no_care_place(
    mother_and_child: Callable[..., tuple[Person, Household]],
) -> None:
    """From the completed 14th year a child needs no secured care (local parameter)."""
    mother, household = mother_and_child(child_born=pendulum.date(2008, 1, 1))

    limited = mobility_limited(mother, household, on=ON, mobility=NEAR)

    assert limited.value is False
    assert "no_child_needing_care" in limited.codes


def test_child_not_yet_born_needs_no_care_place(
    mother_and_child: Callable[..., tuple[Person, Household]],
) -> None:
    """A child born after the reference day does not bind the parent yet."""
    mother, household = mother_and_child(child_born=pendulum.date(2022, 9, 1))

    limited = mobility_limited(mother, household, on=ON, mobility=NEAR)

    assert limited.value is False
    assert "no_child_needing_care" in limited.codes


def test_partner_who_is_primary_carer_frees_the_other_parent(
    ukrainian: Callable[..., Person], mother_and_child: Callable[..., tuple[Person, Household]]
) -> None:
    """When the partner is the children's primary carer, the other parent is not bound."""
    father = attrs.evolve(ukrainian("f"), sex=Sex.MALE)
    _, household = mother_and_child()
    household = attrs.evolve(
        household,
        members=(Member(person=father), *household.members),
        relationships=(
            *household.relationships,
            Relationship(person="c", kind=RelationshipKind.CHILD, of="f"),
            Relationship(person="f", kind=RelationshipKind.SPOUSE, of="m"),
        ),
    )

    limited = mobility_limited(father, household, on=ON, mobility=NEAR)

    assert limited.value is False
    assert "other_parent_cares" in limited.codes


def test_unrecorded_child_care_is_presumed_missing_and_said_so(
    mother_and_child: Callable[..., tuple[Person, Household]],
) -> None:
    """Care not recorded is presumed missing, and the presumption is listed."""
    mother, household = mother_and_child(care=None)

    limited = mobility_limited(mother, household, on=ON, mobility=NEAR)

    assert limited.value is True
    assert ["child_care"] == [m.fact for m in limited.missing]


def test_no_transport_limits_mobility(ukrainian: Callable[..., Person]) -> None:
    """Without a way to get to the centre, mobility is limited."""
    person = ukrainian()

    limited = mobility_limited(
        person,
        alone(person),
        on=ON,
        mobility=Mobility(has_transport=False, distance_to_centre_km=2),
    )

    assert limited.value is True
    assert "no_transport" in limited.codes


@pytest.mark.parametrize(
    ("distance", "expected"),
    [(10.0, False), (10.5, True), (40.0, True), (0.0, False)],
)
def test_living_more_than_ten_km_from_the_centre_limits_mobility(
    distance: float, expected: bool, ukrainian: Callable[..., Person]
) -> None:
    """Farther than the local threshold (10 km) from the centre limits mobility."""
    person = ukrainian()
    mobility = Mobility(has_transport=True, distance_to_centre_km=distance)

    limited = mobility_limited(person, alone(person), on=ON, mobility=mobility)

    assert expected == limited.value


def test_unknown_mobility_facts_are_listed_as_presumptions(
    ukrainian: Callable[..., Person],
) -> None:
    """Transport and distance not asked: presumed not limiting, and listed as missing."""
    person = ukrainian()

    limited = mobility_limited(
        person,
        alone(person),
        on=ON,
        mobility=Mobility(has_transport=None, distance_to_centre_km=None),
    )

    assert limited.value is False
    assert ["has_transport", "distance_to_centre_km"] == [m.fact for m in limited.missing]


def test_the_distance_that_counts_as_far_is_set_by_the_policy(
    ukrainian: Callable[..., Person],
) -> None:
    """A policy with a 5 km threshold makes 8 km far."""
    person = ukrainian()
    policy = attrs.evolve(
        DEFAULT_POLICY, coaching_far_from_centre_km=Dated.always(5.0, note="test")
    )
    mobility = Mobility(has_transport=True, distance_to_centre_km=8)

    limited = mobility_limited(person, alone(person), on=ON, mobility=mobility, policy=policy)

    assert limited.value is True


def test_repr_of_mobility_never_shows_the_distance() -> None:
    """The distance from home is a residence detail."""
    shown = repr(Mobility(has_transport=True, distance_to_centre_km=17.25))

    assert "17.25" not in shown


# --- fit --------------------------------------------------------------------------------


def test_mother_without_kita_place_is_a_good_fit_for_online_coaching(
    mother_and_child: Callable[..., tuple[Person, Household]],
    programme: Callable[..., CoachingProgramme],
) -> None:
    """A Ukrainian mother whose three-year-old has no Kita place fits the online coaching."""
    mother, household = mother_and_child()

    fit = referral_fit(mother, household, programme(), on=ON, mobility=NEAR)

    assert CoachingFit.GOOD == fit.value
    assert "caring_for_child_without_care_place" in fit.codes
    assert "online_suits_limited_mobility" in fit.codes
    assert "language_match" in fit.codes


def test_mother_without_kita_place_is_only_an_acceptable_fit_for_in_person_coaching(
    mother_and_child: Callable[..., tuple[Person, Household]],
    programme: Callable[..., CoachingProgramme],
) -> None:
    """Held in person, the same coaching would make her travel: acceptable, not good."""
    mother, household = mother_and_child()

    fit = referral_fit(
        mother, household, programme(delivery=Delivery.IN_PERSON), on=ON, mobility=NEAR
    )

    assert CoachingFit.ACCEPTABLE == fit.value
    assert "in_person_despite_limited_mobility" in fit.codes


def test_person_speaking_only_russian_does_not_fit_a_ukrainian_coaching(
    ukrainian: Callable[..., Person], programme: Callable[..., CoachingProgramme]
) -> None:
    """The coaching is held in Ukrainian; a Russian speaker without Ukrainian does not fit."""
    person = ukrainian(languages=(LanguageSkill(language="ru", level=CefrLevel.NATIVE),))

    fit = referral_fit(person, alone(person), programme(), on=ON, mobility=NEAR)

    assert CoachingFit.UNSUITABLE == fit.value
    assert "no_shared_language" in fit.codes


def test_ukrainian_below_b1_is_not_enough_for_coaching(
    ukrainian: Callable[..., Person], programme: Callable[..., CoachingProgramme]
) -> None:
    """A language counts at the level that makes an interpreter unnecessary (B1)."""
    person = ukrainian(languages=(LanguageSkill(language="uk", level=CefrLevel.A2),))

    fit = referral_fit(person, alone(person), programme(), on=ON, mobility=NEAR)

    assert CoachingFit.UNSUITABLE == fit.value


def test_programme_language_without_a_coach_does_not_fit(
    ukrainian: Callable[..., Person], programme: Callable[..., CoachingProgramme]
) -> None:
    """A programme language no coach speaks cannot carry the coaching."""
    prog = programme(
        languages=frozenset({"uk", "ru"}),
        coaches=(Coach(id="coach-1", languages=frozenset({"uk"}), weekly_capacity=2),),
    )
    person = ukrainian(languages=(LanguageSkill(language="ru", level=CefrLevel.C1),))

    fit = referral_fit(person, alone(person), prog, on=ON, mobility=NEAR)

    assert CoachingFit.UNSUITABLE == fit.value
    assert "no_coach_for_language" in fit.codes


def test_person_unable_to_work_three_hours_is_outside_the_target_group(
    ukrainian: Callable[..., Person], programme: Callable[..., CoachingProgramme]
) -> None:
    """An integration measure is for employable persons (SGB II § 8, § 16)."""
    person = ukrainian(work_capacity=WorkCapacity(hours_per_day=2, assessed_on=ON))

    fit = referral_fit(person, alone(person), programme(), on=ON, mobility=NEAR)

    assert CoachingFit.UNSUITABLE == fit.value
    assert "outside_target_group" in fit.codes


def test_before_the_switch_to_sgb_ii_a_refugee_is_outside_the_target_group(
    ukrainian: Callable[..., Person], programme: Callable[..., CoachingProgramme]
) -> None:
    """Before 2022-06-01 a § 24 permit holder received AsylbLG, not SGB II."""
    person = ukrainian()

    fit = referral_fit(
        person, alone(person), programme(), on=pendulum.date(2022, 5, 20), mobility=NEAR
    )

    assert CoachingFit.UNSUITABLE == fit.value
    assert "regime_outside_target_group" in fit.codes


def test_programme_for_parents_without_childcare_turns_away_a_person_without_children(
    ukrainian: Callable[..., Person],
    mother_and_child: Callable[..., tuple[Person, Household]],
    programme: Callable[..., CoachingProgramme],
) -> None:
    """A programme's target group is a group-offer rule, e.g. parents whose care is missing."""
    prog = programme(target_group=CoachingTargetGroup(rule=HasChildrenNeedingCare()))
    mother, household = mother_and_child()
    single = ukrainian("s")

    fits = [
        referral_fit(mother, household, prog, on=ON, mobility=NEAR).value,
        referral_fit(single, alone(single), prog, on=ON, mobility=NEAR).value,
    ]

    assert [CoachingFit.GOOD, CoachingFit.UNSUITABLE] == fits


def test_section_16k_programme_before_july_2023_has_no_legal_basis(
    ukrainian: Callable[..., Person], programme: Callable[..., CoachingProgramme]
) -> None:
    """§ 16k SGB II is in force from 2023-07-01 only."""
    person = ukrainian()

    fit = referral_fit(
        person, alone(person), programme(legal_basis=SECTION_16K), on=ON, mobility=NEAR
    )

    assert CoachingFit.UNSUITABLE == fit.value
    assert "legal_basis_not_in_force" in fit.codes


def test_online_section_16k_coaching_is_flagged_as_uncertain(
    ukrainian: Callable[..., Person], programme: Callable[..., CoachingProgramme]
) -> None:
    """Whether online coaching qualifies under § 16k is uncertain: the decision says so."""
    person = ukrainian()

    fit = referral_fit(
        person,
        alone(person),
        programme(legal_basis=SECTION_16K),
        on=pendulum.date(2023, 9, 1),
        mobility=NEAR,
    )

    assert CoachingFit.GOOD == fit.value
    assert "online_section_16k_uncertain" in fit.codes
    assert "online_delivery_under_section_16k" in [m.fact for m in fit.missing]


def test_person_outside_the_household_is_an_input_error(
    ukrainian: Callable[..., Person],
    mother_and_child: Callable[..., tuple[Person, Household]],
    programme: Callable[..., CoachingProgramme],
) -> None:
    """Fit is judged for a member of the household given."""
    _, household = mother_and_child()

    with pytest.raises(InvalidInput):
        referral_fit(ukrainian("x"), household, programme(), on=ON, mobility=NEAR)


FIT_RANK = {CoachingFit.UNSUITABLE: 0, CoachingFit.ACCEPTABLE: 1, CoachingFit.GOOD: 2}


@settings(max_examples=examples(50))
@given(
    household=households(),
    programme=coaching_programmes(),
    mobility=mobilities(),
    on=reference_dates(),
)
def test_online_delivery_is_never_a_worse_fit_than_in_person(
    household: Household, programme: CoachingProgramme, mobility: Mobility, on: pendulum.Date
) -> None:
    """For any person, the online variant of a programme fits at least as well."""
    assert isinstance(household, Household) and isinstance(mobility, Mobility)
    person = household.members[0].person
    online = CoachingProgramme(
        id=programme.id,
        provider=programme.provider,
        languages=programme.languages,
        delivery=Delivery.ONLINE,
        coaches=programme.coaches,
        sessions_per_coaching=programme.sessions_per_coaching,
        legal_basis=programme.legal_basis,
    )
    in_person = CoachingProgramme(
        id=programme.id,
        provider=programme.provider,
        languages=programme.languages,
        delivery=Delivery.IN_PERSON,
        coaches=programme.coaches,
        sessions_per_coaching=programme.sessions_per_coaching,
        legal_basis=programme.legal_basis,
    )

    fit_online = referral_fit(person, household, online, on=on, mobility=mobility)
    fit_in_person = referral_fit(person, household, in_person, on=on, mobility=mobility)

    assert FIT_RANK[fit_online.value] >= FIT_RANK[fit_in_person.value]
    assert fit_online.reasons
