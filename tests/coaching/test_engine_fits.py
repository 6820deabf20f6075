"""
The fit engine (``jobcenter_core.coaching._fits``, behind
:class:`~jobcenter_core.coaching.FitAnswers` and the coaching stage) against the readable
rule :func:`~jobcenter_core.coaching.referral_fit`.

Every kept answer (the fit's value and the codes of its reasons) must be what the
readable rule says. The households come in families of near twins, asked one after the
other with one ``FitAnswers``: each drawn household with copies whose birth dates,
registration and first-issue dates, assessed hours, approval period, primary carers,
children's care and languages are moved a little, each member asked with mobility facts
around the policy's distance, under several programmes and target groups. A key that
leaves out something the rule reads gives a twin the original's answer, and fails here.
A few hundred examples by default, 10,000 in the slow run (``uv run pytest -m slow``).
Then the law's edges one by one: the day before, of and after each date the rules
compare, asked in turn with one ``FitAnswers``.
"""

from __future__ import annotations

from collections import Counter

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import examples

from jobcenter_core.caseload import Tally
from jobcenter_core.coaching import (
    Coach,
    CoachingFit,
    CoachingProgramme,
    CoachingTargetGroup,
    Delivery,
    FitAnswers,
    Mobility,
    allocate_coaches,
    refer,
    referral_fit,
)
from jobcenter_core.dates import at_berlin
from jobcenter_core.errors import InvalidInput
from jobcenter_core.households import (
    CareArrangement,
    ChildCare,
    Household,
    Member,
    Relationship,
    RelationshipKind,
)
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.national import coaching_stage
from jobcenter_core.national.outcome import CoachingOutcome
from jobcenter_core.national.pipeline import _NOT_ASKED, _UNSUITABLE_CODES
from jobcenter_core.needs import NeedCategory
from jobcenter_core.offers import (
    Employable,
    Everyone,
    HasChildrenNeedingCare,
    LanguageAtLeast,
    WantsWorkAtShortNotice,
)
from jobcenter_core.parameters import DEFAULT_POLICY, Policy, leistungsrechtsanpassung_2026
from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex, WorkCapacity
from jobcenter_core.rules import BenefitRegime, is_employable, working_age_end
from jobcenter_core.scenarios import Scenario, job_centre_scenarios
from jobcenter_core.strategies import (
    coaching_programmes,
    households,
    mobilities,
    policies,
    reference_dates,
)

_SHIFTS = st.sampled_from([0, 1, -1, 7, -30, 365, -365, 366 * 3, -366 * 11])
_HOURS = st.sampled_from([0.0, 2.5, 2.99, 3.0, 3.01, 6.0, 8.0])
_CARE = st.sampled_from([None, *ChildCare])
_LEVELS = st.sampled_from([None, CefrLevel.A1, CefrLevel.A2, CefrLevel.B1, CefrLevel.B2])
_GROUPS = st.sampled_from(
    [
        CoachingTargetGroup(),
        CoachingTargetGroup(regimes={BenefitRegime.SGB_II, BenefitRegime.ASYLBLG}),
        CoachingTargetGroup(regimes={BenefitRegime.ASYLBLG}, rule=Everyone()),
        CoachingTargetGroup(rule=Everyone()),
        CoachingTargetGroup(rule=LanguageAtLeast(language="de", level=CefrLevel.A2)),
        CoachingTargetGroup(rule=HasChildrenNeedingCare()),
        CoachingTargetGroup(rule=WantsWorkAtShortNotice()),
    ]
)


def _moved_date(day: pendulum.Date | None, data: st.DataObject) -> pendulum.Date | None:
    return None if day is None else day.add(days=data.draw(_SHIFTS))


def _languages(data: st.DataObject) -> tuple[LanguageSkill, ...]:
    levels = {code: data.draw(_LEVELS) for code in ("uk", "ru", "de")}
    return tuple(
        LanguageSkill(language=code, level=level)
        for code, level in levels.items()
        if level is not None
    )


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
                languages=_languages(data) if data.draw(st.booleans()) else p.languages,
            )
        except (InvalidInput, ValueError):
            person = p
        members.append(
            attrs.evolve(
                m,
                person=person,
                primary_carer=data.draw(st.booleans())
                if data.draw(st.booleans())
                else m.primary_carer,
                child_care=data.draw(_CARE) if m.child_care is not None else None,
            )
        )
    try:
        return attrs.evolve(
            household,
            members=tuple(members),
            approval_period_ends_on=_moved_date(household.approval_period_ends_on, data),
        )
    except (InvalidInput, ValueError):
        return household


Answer = tuple[object, ...]


def _readable(
    person: Person,
    household: Household,
    programme: CoachingProgramme,
    on: pendulum.Date,
    mobility: Mobility,
    policy: Policy,
    codes: frozenset[str] | None = None,
) -> Answer:
    try:
        d = referral_fit(person, household, programme, on=on, mobility=mobility, policy=policy)
    except InvalidInput as e:
        return ("refused", str(e))
    return (d.value, tuple(c for c in d.codes if codes is None or c in codes))


def _kept(
    kept: FitAnswers,
    person: Person,
    household: Household,
    programme: CoachingProgramme,
    on: pendulum.Date,
    mobility: Mobility,
    policy: Policy,
    codes: frozenset[str] | None = None,
) -> Answer:
    try:
        return kept.fit(
            person, household, programme, on=on, mobility=mobility, policy=policy, codes=codes
        )
    except InvalidInput as e:
        return ("refused", str(e))


_CODES = st.sampled_from(
    [
        None,
        _UNSUITABLE_CODES,
        frozenset({"care_place_entitlement"}),
        frozenset({"caring_for_child_without_care_place", "far_from_centre"}),
        frozenset(),
    ]
)


def _check_answers(data: st.DataObject) -> None:
    on = data.draw(reference_dates())
    policy = data.draw(policies())
    km = policy.coaching_far_from_centre_km.at(on)
    drawn = data.draw(st.lists(households(), min_size=1, max_size=2))
    family = [h2 for h in drawn for h2 in (h, _moved(h, data), _moved(h, data), _moved(h, data))]
    programmes = data.draw(st.lists(coaching_programmes(), min_size=1, max_size=2))
    programmes = [
        attrs.evolve(p, target_group=data.draw(_GROUPS)) if data.draw(st.booleans()) else p
        for p in programmes
    ]
    asked = [
        data.draw(mobilities()),
        Mobility(
            has_transport=data.draw(st.one_of(st.none(), st.booleans())),
            distance_to_centre_km=km + data.draw(st.sampled_from([-0.5, 0.0, 0.5])),
        ),
    ]
    wanted = data.draw(st.lists(_CODES, min_size=1, max_size=2))
    kept = FitAnswers()

    for household in family:
        for member in household.members:
            p = member.person
            expected = is_employable(p, on=on, policy=policy).value
            assert kept.employable(p, on=on, policy=policy) == expected
            for programme in programmes:
                for mobility in asked:
                    for codes in wanted:
                        args = (member.person, household, programme, on, mobility, policy, codes)
                        assert _kept(kept, *args) == _readable(*args)


@settings(max_examples=examples(200), deadline=None)
@given(st.data())
def test_kept_fits_equal_the_readable_rule(data: st.DataObject) -> None:
    """Each kept fit is the readable rule's, for near-twin households and mobilities."""
    _check_answers(data)


@pytest.mark.slow
@settings(max_examples=examples(10_000), deadline=None)
@given(st.data())
def test_kept_fits_equal_the_readable_rule_long_run(data: st.DataObject) -> None:
    """As above, with 10,000 examples."""
    _check_answers(data)


# --- the law's edges, twins asked in turn with one FitAnswers ---------------------------

ON = pendulum.date(2022, 6, 21)
PERMIT = ResidenceStatus(
    document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT,
    first_issued_on=pendulum.date(2022, 3, 10),
)
PROGRAMME = CoachingProgramme(
    id="uk-online",
    provider="Werkakademie",
    languages=frozenset({"uk", "ru"}),
    delivery=Delivery.ONLINE,
    coaches=(Coach(id="c-1", languages=frozenset({"uk"}), weekly_capacity=5),),
    sessions_per_coaching=4,
)
NOT_ASKED = Mobility(has_transport=None, distance_to_centre_km=None)
CHILD_BORN = pendulum.date(2020, 3, 1)


def _mother(**changes: object) -> Person:
    facts: dict[str, object] = {
        "id": "m",
        "birth_date": pendulum.date(1990, 5, 4),
        "sex": Sex.FEMALE,
        "languages": (LanguageSkill(language="uk", level=CefrLevel.NATIVE),),
        "residence": PERMIT,
        "identity_registered": True,
        "identity_registered_on": pendulum.date(2022, 4, 1),
    }
    facts.update(changes)
    return Person(**facts)  # type: ignore[arg-type]


def _family(
    mother: Person,
    child_born: pendulum.Date = CHILD_BORN,
    *,
    care: ChildCare | None = ChildCare.NONE,
    marked: bool = True,
) -> Household:
    child = Person(id="c", birth_date=child_born, sex=Sex.MALE, residence=PERMIT)
    father = Person(id="f", birth_date=pendulum.date(1988, 1, 4), sex=Sex.MALE, residence=PERMIT)
    return Household(
        id="h-1",
        members=(
            Member(person=mother, primary_carer=marked),
            Member(person=father),
            Member(person=child, child_care=care),
        ),
        relationships=(
            Relationship(person="c", kind=RelationshipKind.CHILD, of="m"),
            Relationship(person="f", kind=RelationshipKind.PARENT, of="c"),
        ),
    )


def _asked_in_turn(
    twins: list[tuple[Household, Mobility]],
    *,
    on: pendulum.Date = ON,
    policy: Policy = DEFAULT_POLICY,
) -> list[Answer]:
    """Each twin's mother asked in turn with one FitAnswers; each answer checked."""
    kept = FitAnswers()
    answers = []
    for household, mobility in twins:
        for member in household.members:
            for codes in (None, _UNSUITABLE_CODES, frozenset({"care_place_entitlement"})):
                args = (member.person, household, PROGRAMME, on, mobility, policy, codes)
                assert _kept(kept, *args) == _readable(*args)
        mother = household.members[0].person
        answers.append(_kept(kept, mother, household, PROGRAMME, on, mobility, policy))
    return answers


def _around(day: pendulum.Date) -> list[pendulum.Date]:
    return [day.subtract(days=1), day, day.add(days=1)]


@pytest.mark.parametrize("years", [1, 3, DEFAULT_POLICY.care_required_below_age.at(ON)])
def test_a_childs_birthdays_at_the_ages_the_rules_compare(years: int) -> None:
    """Day care from 1, Kita from 3, no care needed from the care age: before, on, after."""
    birthdays = _around(ON.subtract(years=years))

    _asked_in_turn([(_family(_mother(), born), NOT_ASKED) for born in birthdays])


def test_a_child_around_the_school_entry_cut_off() -> None:
    """A child born 30 September or 1 October six years before: school on 1 August or not."""
    on = pendulum.date(2025, 8, 1)
    twins = [
        (_family(_mother(), born), NOT_ASKED)
        for born in (pendulum.date(2019, 9, 30), pendulum.date(2019, 10, 1))
    ]

    for day in _around(on):
        _asked_in_turn(twins, on=day)


def test_the_identity_registration_the_day_before_of_and_after() -> None:
    """§ 74: registered by the day or not."""
    twins = [(_family(_mother(identity_registered_on=d)), NOT_ASKED) for d in _around(ON)]

    answers = _asked_in_turn(twins)

    assert answers[0] == answers[1] != answers[2]


@pytest.mark.parametrize(
    "first_issued",
    [
        *_around(pendulum.date(2022, 2, 24)),
        *_around(pendulum.date(2022, 5, 31)),
    ],
)
def test_permits_around_the_catch_up_window_with_the_central_register(
    first_issued: pendulum.Date,
) -> None:
    """Stored in the central register, not registered: the permit's first issue decides."""
    residence = attrs.evolve(PERMIT, first_issued_on=first_issued)
    twins = [
        (
            _family(
                _mother(
                    residence=residence,
                    identity_registered=False,
                    identity_registered_on=None,
                    stored_in_central_register=True,
                )
            ),
            NOT_ASKED,
        ),
        (_family(_mother(residence=residence)), NOT_ASKED),
    ]

    for day in _around(pendulum.date(2022, 10, 31)):
        _asked_in_turn(twins, on=day)


def test_the_approval_period_around_the_day_under_the_asylblg_return_reform() -> None:
    """A permit first issued after the reform's cut-off: the grant runs to its approval end."""
    reformed = leistungsrechtsanpassung_2026(DEFAULT_POLICY)
    on = pendulum.date(2026, 8, 14)
    mother = _mother(residence=attrs.evolve(PERMIT, first_issued_on=pendulum.date(2025, 6, 2)))
    twins = [
        (attrs.evolve(_family(mother), approval_period_ends_on=ends), NOT_ASKED)
        for ends in (*_around(on), pendulum.date(2026, 9, 30), None)
    ]

    answers = _asked_in_turn(twins, on=on, policy=reformed)

    assert answers[0] != answers[1] == answers[2]


def test_the_end_of_working_age_the_day_before_of_and_after() -> None:
    """The mother is employable through the day her working age ends, not after."""
    mother = _mother(birth_date=pendulum.date(1956, 2, 29))
    end = working_age_end(mother.birth_date)
    twins = [(_family(mother), NOT_ASKED), (_family(_mother()), NOT_ASKED)]

    for day in _around(end):
        _asked_in_turn(twins, on=day)
        assert is_employable(mother, on=day).value == (day <= end)


def test_distances_at_the_policys_far_from_centre_limit() -> None:
    """Just within, at and beyond the distance that limits mobility, with and without transport."""
    km = DEFAULT_POLICY.coaching_far_from_centre_km.at(ON)
    twins = [
        (_family(_mother(), care=care), Mobility(has_transport=transport, distance_to_centre_km=d))
        for care in (ChildCare.NONE, ChildCare.KITA)
        for transport in (None, True, False)
        for d in (km - 0.5, km, km + 0.5, None)
    ]

    answers = _asked_in_turn(twins)

    assert len(set(answers)) > 1


@pytest.mark.parametrize("care", [None, *ChildCare])
@pytest.mark.parametrize("marked", [True, False])
def test_care_places_and_primary_carers(care: ChildCare | None, marked: bool) -> None:
    """Each care of the child, with the mother marked primary carer or no parent marked."""
    twins = [
        (_family(_mother(), care=care, marked=marked), NOT_ASKED),
        (_family(_mother(), care=ChildCare.NONE, marked=True), NOT_ASKED),
    ]

    _asked_in_turn(twins)


def test_languages_around_the_interpreter_level() -> None:
    """Ukrainian below, at and above the level; Russian without a coach for it."""
    twins = [
        (_family(_mother(languages=(LanguageSkill(language=code, level=level),))), NOT_ASKED)
        for code in ("uk", "ru", "de")
        for level in (CefrLevel.A2, CefrLevel.B1, CefrLevel.B2)
    ]

    answers = _asked_in_turn(twins)

    assert {a[0] for a in answers} == {CoachingFit.GOOD, CoachingFit.UNSUITABLE}


def test_a_person_who_is_no_member_is_refused_as_the_rule_refuses() -> None:
    """Not a member of the household: the same error as the readable rule's."""
    stranger = _mother(id="x")
    household = _family(_mother())

    args = (stranger, household, PROGRAMME, ON, NOT_ASKED, DEFAULT_POLICY)
    assert _kept(FitAnswers(), *args) == _readable(*args)
    assert _readable(*args)[0] == "refused"


# --- the stage -------------------------------------------------------------------------


def test_the_coaching_stage_counts_as_the_readable_rules_with_or_without_kept_answers() -> None:
    """The stage with one FitAnswers for all scenarios counts as the readable rules do."""
    on = pendulum.date(2022, 6, 21)
    kept = FitAnswers()
    for jc in ("jc-001", "jc-003"):
        for scenario in job_centre_scenarios(jc, households=400, seed=5, on=on):
            with_kept = coaching_stage(scenario, answers=kept)
            fresh = coaching_stage(scenario)

            assert with_kept == fresh == _stage_by_the_readable_rules(scenario)


def _stage_by_the_readable_rules(s: Scenario) -> CoachingOutcome:
    """The coaching stage as it was written before the engine: every rule asked as it stands."""
    programme = s.coaching
    on = s.on
    referred_at = at_berlin(on.year, on.month, on.day, 10).add(days=1)
    mobility = dict(s.mobility)
    caseworker_of = {c.person_id: c.caseworker_id for c in s.consultations}
    fallback = s.caseworkers[0].id
    parents = 0
    fits: Counter[str] = Counter()
    unsuitable: Counter[str] = Counter()
    referrals = []
    for household in s.caseload.households:
        for member in household.members:
            person = member.person
            if not member.primary_carer:
                continue
            asked = mobility.get(person.id, _NOT_ASKED)
            limited = referral_fit(person, household, programme, on=on, mobility=asked)
            if "caring_for_child_without_care_place" not in limited.codes:
                continue
            if not is_employable(person, on=on).value:
                continue
            parents += 1
            fits[limited.value.value] += 1
            if limited.value is CoachingFit.UNSUITABLE:
                unsuitable.update(c for c in limited.codes if c in _UNSUITABLE_CODES)
                continue
            referrals.append(
                refer(
                    programme,
                    id=f"cr-{len(referrals) + 1:03d}",
                    person_id=person.id,
                    referred_by=caseworker_of.get(person.id, fallback),
                    reasons={NeedCategory.CHILDCARE},
                    language="uk",
                    limited_mobility=True,
                    at=referred_at,
                ).referral
            )
    allocation = allocate_coaches(referrals, programme, at=referred_at.add(days=4))
    return CoachingOutcome(
        coaches=len(programme.coaches),
        coach_capacity=sum(c.weekly_capacity for c in programme.coaches),
        parents_without_childcare=parents,
        fit=Tally(items=fits.items()),
        unsuitable_reasons=Tally(items=unsuitable.items()),
        referred=len(referrals),
        assigned=len(allocation.assignments),
    )


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
        Mobility: {"has_transport", "distance_to_centre_km"},
        CoachingTargetGroup: {"regimes", "rule"},
    }
    for kind, fields in known.items():
        assert {f.name for f in attrs.fields(kind)} == fields, kind.__name__
    assert {f.name for f in attrs.fields(Employable)} == set()
