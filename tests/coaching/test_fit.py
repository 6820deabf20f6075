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
from jobcenter_core.decisions import Decision, LegalReference, sgb2
from jobcenter_core.errors import InvalidInput
from jobcenter_core.households import (
    ChildCare,
    Household,
    Member,
    Relationship,
    RelationshipKind,
)
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.offers import Everyone, HasChildrenNeedingCare, WantsWorkAtShortNotice
from jobcenter_core.parameters import DEFAULT_POLICY, Dated
from jobcenter_core.people import (
    Person,
    Sex,
    WorkCapacity,
)
from jobcenter_core.rules import BenefitRegime
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


def _cited(decision: Decision[CoachingFit] | Decision[bool]) -> dict[str, LegalReference | None]:
    """What each reason of *decision* cites, by reason code."""
    return {r.code: r.reference for r in decision.reasons}


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


def _family(*parents: Member, children: tuple[Person, ...]) -> Household:
    """*parents* (ids ``m`` and ``f``) and their *children*, none with a care place."""
    return Household(
        id="h-1",
        members=(*parents, *(Member(person=c, child_care=ChildCare.NONE) for c in children)),
        relationships=tuple(
            Relationship(person=c.id, kind=RelationshipKind.CHILD, of=p.person.id)
            for c in children
            for p in parents
        ),
    )


def _child(id: str, born: pendulum.Date) -> Person:
    return Person(id=id, birth_date=born, sex=Sex.MALE)


def test_a_parent_whose_partner_cares_for_every_young_child_is_not_bound_by_them(
    ukrainian: Callable[..., Person],
) -> None:
    """SGB II § 10 Abs. 1 Nr. 3: the upbringing binds the parent who cares. With the
    mother the primary carer of both young children, the father is not bound by either."""
    mother = Member(person=ukrainian("m"), primary_carer=True)
    father = Member(person=attrs.evolve(ukrainian("f"), sex=Sex.MALE))
    children = (_child("c-1", pendulum.date(2019, 2, 10)), _child("c-2", pendulum.date(2021, 5, 3)))
    household = _family(mother, father, children=children)

    limited = mobility_limited(father.person, household, on=ON, mobility=NEAR)

    assert limited.value is False
    assert "other_parent_cares" in limited.codes


@pytest.mark.parametrize(("care", "bound"), [(ChildCare.NONE, True), (ChildCare.KITA, False)])
def test_with_neither_parent_marked_each_counts_as_caring_and_that_is_presumed(
    care: ChildCare, bound: bool, ukrainian: Callable[..., Person]
) -> None:
    """Neither parent marked the primary carer: each parent counts as caring for the
    child — bound by it without a care place, free with one — and either way the
    decision lists that presumption."""
    mother = Member(person=ukrainian("m"))
    father = Member(person=attrs.evolve(ukrainian("f"), sex=Sex.MALE))
    household = _family(mother, father, children=(_child("c", pendulum.date(2019, 2, 10)),))
    household = attrs.evolve(
        household,
        members=(*household.members[:2], attrs.evolve(household.members[2], child_care=care)),
    )

    limited = [
        mobility_limited(p.person, household, on=ON, mobility=NEAR) for p in (mother, father)
    ]

    assert [bound, bound] == [d.value for d in limited]
    assert all("primary_carer" in [m.fact for m in d.missing] for d in limited)


@pytest.mark.parametrize("partner_in_household", [False, True])
def test_no_carer_is_presumed_for_a_sole_parent_or_one_marked_primary_carer(
    partner_in_household: bool, ukrainian: Callable[..., Person]
) -> None:
    """A presumption is made only where it decides something: a mother who is the child's
    only parent in the household is its carer, marked or not; marked the primary carer,
    she is its carer with the father there too. Nothing about the carer is presumed."""
    father = Member(person=attrs.evolve(ukrainian("f"), sex=Sex.MALE))
    mother = Member(person=ukrainian("m"), primary_carer=partner_in_household)
    parents = (mother, father) if partner_in_household else (mother,)
    household = _family(*parents, children=(_child("c", pendulum.date(2019, 2, 10)),))

    limited = mobility_limited(mother.person, household, on=ON, mobility=NEAR)

    assert limited.value is True
    assert "primary_carer" not in [m.fact for m in limited.missing]


@pytest.mark.parametrize(
    ("born", "needs_care"),
    [
        (pendulum.date(2022, 6, 21), True),
        (pendulum.date(2022, 6, 22), True),
        (pendulum.date(2022, 6, 23), False),
    ],
)
def test_a_child_born_on_the_day_needs_care_and_one_born_the_day_after_not_yet(
    born: pendulum.Date, needs_care: bool, ukrainian: Callable[..., Person]
) -> None:
    """SGB II § 10 Abs. 1 Nr. 3: a newborn binds the parent from the day of birth."""
    mother = Member(person=ukrainian("m"), primary_carer=True)
    household = _family(mother, children=(_child("c", born),))

    limited = mobility_limited(mother.person, household, on=ON, mobility=NEAR)

    assert needs_care == limited.value
    assert needs_care == ("caring_for_child_without_care_place" in limited.codes)


@pytest.mark.parametrize(
    ("born", "needs_care"),
    [
        (pendulum.date(2008, 6, 23), True),
        (pendulum.date(2008, 6, 22), False),
        (pendulum.date(2008, 6, 21), False),
    ],
)
def test_a_child_needs_a_care_place_until_the_day_before_the_14th_birthday(
    born: pendulum.Date, needs_care: bool, ukrainian: Callable[..., Person]
) -> None:
    """Care must be secured below 14 completed years (local parameter to § 10 Abs. 1
    Nr. 3): on 22 June 2022 a child turning 14 the next day still needs it; one turning
    14 that day, or the day before, no longer does."""
    mother = Member(person=ukrainian("m"), primary_carer=True)
    household = _family(mother, children=(_child("c", born),))

    limited = mobility_limited(mother.person, household, on=ON, mobility=NEAR)

    assert needs_care == limited.value


@pytest.mark.parametrize(
    ("care", "asked", "code"),
    [
        (ChildCare.NONE, "m", "caring_for_child_without_care_place"),
        (ChildCare.KITA, "m", "children_cared_for"),
        (ChildCare.NONE, "f", "other_parent_cares"),
    ],
)
def test_every_answer_about_a_childs_care_cites_section_10_paragraph_1_number_3(
    care: ChildCare, asked: str, code: str, ukrainian: Callable[..., Person]
) -> None:
    """SGB II § 10 Abs. 1 Nr. 3 (work must not endanger a child's upbringing): whether
    the child binds the parent asked, has a place, or is cared for by the other parent,
    the reason cites it."""
    mother = Member(person=ukrainian("m"), primary_carer=True)
    father = Member(person=attrs.evolve(ukrainian("f"), sex=Sex.MALE))
    household = _family(mother, father, children=(_child("c", pendulum.date(2019, 2, 10)),))
    household = attrs.evolve(
        household,
        members=(
            *household.members[:2],
            attrs.evolve(household.members[2], child_care=care),
        ),
    )
    parent = mother if asked == "m" else father

    limited = mobility_limited(parent.person, household, on=ON, mobility=NEAR)

    assert sgb2("10", "1", number="3") == _cited(limited)[code]


CARE_BELOW_12_FROM_2023 = attrs.evolve(
    DEFAULT_POLICY,
    care_required_below_age=DEFAULT_POLICY.care_required_below_age.change_from(
        pendulum.date(2023, 1, 1), 12, note="test: 12 from 2023"
    ),
)


@pytest.mark.parametrize(
    ("on", "limited_mobility"),
    [(pendulum.date(2022, 12, 31), True), (pendulum.date(2023, 1, 1), False)],
)
def test_the_care_age_in_force_on_the_day_decides_whether_a_child_needs_a_place(
    on: pendulum.Date, limited_mobility: bool, ukrainian: Callable[..., Person]
) -> None:
    """A policy lowering the care age from 14 to 12 on 1 January 2023: a twelve-year-old
    binds the mother on 31 December 2022, not on 1 January 2023."""
    mother = Member(person=ukrainian("m"), primary_carer=True)
    household = _family(mother, children=(_child("c", pendulum.date(2010, 5, 1)),))

    limited = mobility_limited(
        mother.person, household, on=on, mobility=NEAR, policy=CARE_BELOW_12_FROM_2023
    )

    assert limited_mobility == limited.value


def test_the_care_place_entitlement_is_judged_under_the_policy_asked(
    ukrainian: Callable[..., Person],
) -> None:
    """SGB VIII § 24: a two-year-old is entitled to day care (Abs. 2); under a policy
    giving the Kita place from the completed 2nd year, to a Kita place (Abs. 3)."""
    mother = Member(person=ukrainian("m"), primary_carer=True)
    household = _family(mother, children=(_child("c", pendulum.date(2020, 3, 1)),))
    kita_from_two = attrs.evolve(DEFAULT_POLICY, kita_entitlement_age=Dated.always(2, note="t"))

    cited = [
        {r.code: r.reference for r in d.reasons}["care_place_entitlement"]
        for d in (
            mobility_limited(mother.person, household, on=ON, mobility=NEAR, policy=p)
            for p in (DEFAULT_POLICY, kita_from_two)
        )
    ]

    assert ["SGB VIII § 24 Abs. 2", "SGB VIII § 24 Abs. 3"] == [str(c) for c in cited]


FAR_FROM_5_KM_IN_2023 = attrs.evolve(
    DEFAULT_POLICY,
    coaching_far_from_centre_km=DEFAULT_POLICY.coaching_far_from_centre_km.change_from(
        pendulum.date(2023, 1, 1), 5.0, note="test: 5 km from 2023"
    ),
)


@pytest.mark.parametrize(
    ("on", "codes"),
    [
        (pendulum.date(2022, 12, 31), ("has_transport", "near_centre")),
        (pendulum.date(2023, 1, 1), ("has_transport", "far_from_centre")),
    ],
)
def test_the_distance_threshold_in_force_on_the_day_decides_what_is_far(
    on: pendulum.Date, codes: tuple[str, ...], ukrainian: Callable[..., Person]
) -> None:
    """8 km from the centre: near while the threshold is 10 km, far from the day a
    policy lowers it to 5 km; the reason says which."""
    person = ukrainian()
    eight_km = Mobility(has_transport=True, distance_to_centre_km=8)

    limited = mobility_limited(
        person, alone(person), on=on, mobility=eight_km, policy=FAR_FROM_5_KM_IN_2023
    )

    assert (codes[-1] == "far_from_centre") == limited.value
    assert ("no_child_needing_care", *codes) == limited.codes


def test_a_person_outside_the_household_is_refused_naming_the_field(
    ukrainian: Callable[..., Person],
    mother_and_child: Callable[..., tuple[Person, Household]],
) -> None:
    """Mobility is judged for a member of the household given; the error names the
    field, never the person."""
    _, household = mother_and_child()

    with pytest.raises(InvalidInput) as caught:
        mobility_limited(ukrainian("x"), household, on=ON, mobility=NEAR)

    assert ["$.person.id"] == [p.path for p in caught.value.problems]


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
    assert sgb2("10", "3") == _cited(fit)["in_person_despite_limited_mobility"]


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
    assert sgb2("16", "1") == _cited(fit)["outside_target_group"]


def test_before_the_switch_to_sgb_ii_a_refugee_is_outside_the_target_group(
    ukrainian: Callable[..., Person], programme: Callable[..., CoachingProgramme]
) -> None:
    """Before 2022-06-01 a § 24 permit holder received AsylbLG, not SGB II."""
    person = ukrainian()

    fit = referral_fit(
        person, alone(person), programme(), on=pendulum.date(2022, 5, 20), mobility=NEAR
    )

    assert CoachingFit.UNSUITABLE == fit.value
    assert sgb2("16", "1") == _cited(fit)["regime_outside_target_group"]


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
    assert sgb2("16k") == _cited(fit)["online_section_16k_uncertain"]
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


# --- the grounds of a fit, and the day and policy it is judged under -------------------


@pytest.mark.parametrize(
    ("delivery", "ground"),
    [(Delivery.IN_PERSON, "in_person_reachable"), (Delivery.ONLINE, "online_delivery")],
)
def test_a_mobile_employable_beneficiary_is_a_good_fit_on_the_grounds_of_section_16(
    delivery: Delivery,
    ground: str,
    ukrainian: Callable[..., Person],
    programme: Callable[..., CoachingProgramme],
) -> None:
    """SGB II § 16 Abs. 1: an integration measure for an employable SGB II beneficiary.
    Regime and target group each cite § 16 Abs. 1; the delivery is named as a ground."""
    person = ukrainian()

    fit = referral_fit(person, alone(person), programme(delivery=delivery), on=ON, mobility=NEAR)

    assert CoachingFit.GOOD == fit.value
    cited = _cited(fit)
    assert sgb2("16", "1") == cited["regime_in_target_group"]
    assert sgb2("16", "1") == cited["in_target_group"]
    assert ground in cited


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (pendulum.date(2023, 6, 30), CoachingFit.UNSUITABLE),
        (pendulum.date(2023, 7, 1), CoachingFit.GOOD),
        (pendulum.date(2023, 7, 2), CoachingFit.GOOD),
    ],
)
def test_an_in_person_section_16k_coaching_has_its_legal_basis_from_1_july_2023(
    on: pendulum.Date,
    expected: CoachingFit,
    ukrainian: Callable[..., Person],
    programme: Callable[..., CoachingProgramme],
) -> None:
    """SGB II § 16k (Bürgergeld-Gesetz, second stage) is in force from 1 July 2023: the
    day before, a § 16k coaching has no legal basis, citing § 16k; from that day it has."""
    person = ukrainian()
    prog = programme(delivery=Delivery.IN_PERSON, legal_basis=SECTION_16K)

    fit = referral_fit(person, alone(person), prog, on=on, mobility=NEAR)

    assert expected == fit.value
    if expected is CoachingFit.UNSUITABLE:
        assert sgb2("16k") == _cited(fit)["legal_basis_not_in_force"]
    else:
        assert "legal_basis_not_in_force" not in fit.codes


BUERGERGELD_GESETZ = LegalReference(law="Bürgergeld-Gesetz", section="")


@pytest.mark.parametrize(
    ("reference", "cited"),
    [(None, sgb2("16k")), (BUERGERGELD_GESETZ, BUERGERGELD_GESETZ)],
)
def test_section_16k_not_in_force_cites_the_policys_reference_or_else_section_16k(
    reference: LegalReference | None,
    cited: LegalReference,
    ukrainian: Callable[..., Person],
    programme: Callable[..., CoachingProgramme],
) -> None:
    """The missing legal basis cites what the policy gives for § 16k not being in force
    on the day, and § 16k itself when the policy gives nothing."""
    person = ukrainian()
    not_yet = Dated.always(False, reference=reference, note="§ 16k not in force")
    policy = attrs.evolve(DEFAULT_POLICY, section_16k_in_force=not_yet)
    prog = programme(legal_basis=SECTION_16K)

    fit = referral_fit(person, alone(person), prog, on=ON, mobility=NEAR, policy=policy)

    assert CoachingFit.UNSUITABLE == fit.value
    assert cited == _cited(fit)["legal_basis_not_in_force"]


B2_FROM_2023 = attrs.evolve(
    DEFAULT_POLICY,
    interpreter_level=DEFAULT_POLICY.interpreter_level.change_from(
        pendulum.date(2023, 1, 1), CefrLevel.B2, note="test: B2 from 2023"
    ),
)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (pendulum.date(2022, 12, 31), CoachingFit.GOOD),
        (pendulum.date(2023, 1, 1), CoachingFit.UNSUITABLE),
    ],
)
def test_a_language_at_the_interpreter_level_in_force_on_the_day_carries_the_coaching(
    on: pendulum.Date,
    expected: CoachingFit,
    ukrainian: Callable[..., Person],
    programme: Callable[..., CoachingProgramme],
) -> None:
    """Ukrainian at exactly B1 suffices while the policy asks B1 (the level itself, not
    only above it); from the day it asks B2, B1 no longer does."""
    person = ukrainian(languages=(LanguageSkill(language="uk", level=CefrLevel.B1),))

    fit = referral_fit(
        person, alone(person), programme(), on=on, mobility=NEAR, policy=B2_FROM_2023
    )

    assert expected == fit.value


@pytest.mark.parametrize(
    ("regimes", "expected"),
    [
        (frozenset({BenefitRegime.SGB_II}), CoachingFit.GOOD),
        (frozenset({BenefitRegime.ASYLBLG}), CoachingFit.UNSUITABLE),
    ],
)
def test_a_registration_of_unknown_date_is_presumed_in_time_and_listed_with_the_fit(
    regimes: frozenset[BenefitRegime],
    expected: CoachingFit,
    ukrainian: Callable[..., Person],
    programme: Callable[..., CoachingProgramme],
) -> None:
    """SGB II § 74: from 1 June 2022 a § 24 holder registered in time receives SGB II. A
    registration whose date is unknown is presumed in time; that presumption decides the
    regime, so the fit lists it whether the regime is the programme's or not."""
    person = ukrainian(identity_registered_on=None)
    prog = programme(target_group=CoachingTargetGroup(regimes=regimes, rule=Everyone()))

    fit = referral_fit(person, alone(person), prog, on=pendulum.date(2022, 6, 1), mobility=NEAR)

    assert expected == fit.value
    assert "identity_registered_on" in [m.fact for m in fit.missing]


def test_an_unrecorded_wish_for_short_notice_work_is_presumed_no_and_listed(
    ukrainian: Callable[..., Person], programme: Callable[..., CoachingProgramme]
) -> None:
    """A programme for people who want work at short notice: a wish not recorded is
    presumed absent, and the fit lists the presumption of its target-group rule."""
    person = ukrainian()
    prog = programme(target_group=CoachingTargetGroup(rule=WantsWorkAtShortNotice()))

    fit = referral_fit(person, alone(person), prog, on=ON, mobility=NEAR)

    assert CoachingFit.UNSUITABLE == fit.value
    assert "wants_work_at_short_notice" in [m.fact for m in fit.missing]


def test_the_policys_minimum_daily_hours_decide_regime_and_target_group(
    ukrainian: Callable[..., Person], programme: Callable[..., CoachingProgramme]
) -> None:
    """SGB II § 8 Abs. 1 asks three hours a day; under a policy that asks two, a person
    able to work two hours is employable, receives SGB II and fits the measure."""
    person = ukrainian(work_capacity=WorkCapacity(hours_per_day=2, assessed_on=ON))
    two_hours = attrs.evolve(DEFAULT_POLICY, min_daily_work_hours=Dated.always(2, note="test"))

    fits = [
        referral_fit(person, alone(person), programme(), on=ON, mobility=NEAR, policy=p).value
        for p in (DEFAULT_POLICY, two_hours)
    ]

    assert [CoachingFit.UNSUITABLE, CoachingFit.GOOD] == fits


def test_the_policys_distance_threshold_decides_whether_in_person_coaching_is_good(
    ukrainian: Callable[..., Person], programme: Callable[..., CoachingProgramme]
) -> None:
    """8 km from the centre is near under the default 10 km, far under a policy of 5 km:
    an in-person coaching is then only acceptable (SGB II § 10 Abs. 3)."""
    person = ukrainian()
    five_km = attrs.evolve(DEFAULT_POLICY, coaching_far_from_centre_km=Dated.always(5.0, note="t"))
    eight_km = Mobility(has_transport=True, distance_to_centre_km=8)
    in_person = programme(delivery=Delivery.IN_PERSON)

    fits = [
        referral_fit(person, alone(person), in_person, on=ON, mobility=eight_km, policy=p).value
        for p in (DEFAULT_POLICY, five_km)
    ]

    assert [CoachingFit.GOOD, CoachingFit.ACCEPTABLE] == fits
