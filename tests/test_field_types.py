"""
Every public value type refuses a value of the wrong type in any field, by name.

A constructor given a wrong type names the field, the type expected and the type given
(``'sex' must be a Sex (got str)``), and never repeats the value, which may be personal
data (DESIGN.md, rules 6 and 7). Collections check their members, so an enum collection
given strings (``GroupOffer(addresses={"housing"})``) is refused too.

The test finds one example of every public attrs type in a small corpus (the Bocholt
scenario, a roster's story, a coaching's lifecycle, an allocation, a national run …) and
builds it again with a wrong value in each field in turn.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from typing import Any

import attrs
import pendulum
import pytest

import jobcenter_core
from jobcenter_core import (
    DEFAULT_POLICY,
    Coach,
    CoachingFindings,
    CoachingProgramme,
    Decision,
    Delivery,
    Finding,
    GermanCourse,
    GroupOfferTopic,
    InvalidInput,
    NeedCategory,
    ProfessionalExperience,
    QualificationRecognition,
    Registration,
    Session,
    Venue,
    add_session,
    allocate,
    allocate_coaches,
    assign_interpreters,
    at_berlin,
    bocholt_june_2022,
    cancel,
    confirm,
    decline,
    expire,
    leistungsrechtsanpassung_2026,
    move_session,
    open_offer,
    refer,
    register,
    summarize,
)
from jobcenter_core.coaching import (
    ReferralEvent,
    cancel_referral,
    complete_coaching,
    decline_referral,
    record_no_show,
    record_session,
    start_coaching,
    waitlist_referral,
)
from jobcenter_core.enrolment import ANYONE
from jobcenter_core.national import run
from jobcenter_core.offers import AllOf, AnyOf, HasChildrenNeedingCare, LanguageAtLeast, Not
from jobcenter_core.scenarios import JOB_CENTRES

SECRET = "SECRET-4711"
"""What the wrong value shows in its repr and str: it must never reach a message."""


class Stranger:
    """A value of a type no field of the library takes."""

    def __repr__(self) -> str:
        return f"Stranger({SECRET})"

    __str__ = __repr__


def _public_attrs_types() -> list[type]:
    """Every attrs class named in the ``__all__`` of a public module of the library."""
    found: dict[type, None] = {}
    for module_info in pkgutil.walk_packages(jobcenter_core.__path__, "jobcenter_core."):
        name = module_info.name
        if any(part.startswith("_") for part in name.split(".")):
            continue
        if name.startswith(("jobcenter_core.testing", "jobcenter_core.strategies")):
            continue
        module = importlib.import_module(name)
        for public in getattr(module, "__all__", ()):
            value = getattr(module, public)
            if isinstance(value, type) and attrs.has(value) and value.__module__ == name:
                found[value] = None
    return sorted(found, key=lambda cls: (cls.__module__, cls.__name__))


def _walk(value: object, seen: dict[type, object], visited: set[int]) -> None:
    """Record the first instance of each attrs class reachable from *value*."""
    if id(value) in visited:
        return
    visited.add(id(value))
    if isinstance(value, tuple | list | frozenset | set):
        for item in value:
            _walk(item, seen, visited)
        return
    if isinstance(value, dict):
        for item in value.values():
            _walk(item, seen, visited)
        return
    if not attrs.has(type(value)):
        return
    seen.setdefault(type(value), value)
    for field in attrs.fields(type(value)):
        if not field.name.startswith("_"):
            _walk(getattr(value, field.name), seen, visited)


def _roster_story() -> list[object]:
    """A roster through every command: each kind of event, entry, snapshot and seat offer."""
    venue = Venue(name="Werkakademie", address="Bocholt")
    first = Session(
        id="s-1", start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12), venue=venue,
        capacity=1,
    )  # fmt: skip
    second = attrs.evolve(first, id="s-2", start=at_berlin(2022, 6, 30, 9), end=at_berlin(2022, 6, 30, 12))  # fmt: skip
    offer = jobcenter_core.GroupOffer(id="o", title="t", sessions=(first,))
    story = [open_offer(offer, caseworkers=ANYONE)]
    for i, offer_id in enumerate(("o", "o", "o", "o", "other")):
        registration = Registration(
            id=f"r-{i}", person_id=f"p-{i}", offer_id=offer_id, registered_by="cw",
            registered_at=at_berlin(2022, 6, 13, 9 + i),
        )  # fmt: skip
        story.append(register(story[-1].state, registration))  # placed, 3 wait, rejected
    story.append(cancel(story[-1].state, "r-0", at=at_berlin(2022, 6, 14, 9)))  # offered to r-1
    offered = story[-1].state
    story.append(confirm(offered, "r-1", at=at_berlin(2022, 6, 14, 10)))
    story.append(add_session(story[-1].state, second, at=at_berlin(2022, 6, 14, 11)))  # to r-2
    story.append(decline(story[-1].state, "r-2", at=at_berlin(2022, 6, 14, 12)))  # to r-3
    story.append(expire(story[-1].state, at=at_berlin(2022, 6, 17, 12)))  # r-3 lapses
    story.append(move_session(story[-1].state, "r-1", "s-2", at=at_berlin(2022, 6, 17, 13)))
    return [*story, offered.seat_offers(), story[-1].state.snapshot()]


def _coaching_story() -> list[object]:
    """A coaching referral through every command, and an allocation of coaches."""
    programme = CoachingProgramme(
        id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
        coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=1)],
        sessions_per_coaching=1,
    )  # fmt: skip

    def referral(n: int) -> Any:
        return refer(
            programme, id=f"r-{n}", person_id=f"p-{n}", referred_by="cw",
            reasons={NeedCategory.CHILDCARE}, language="uk", limited_mobility=True,
            at=at_berlin(2022, 6, 20, 9 + n),
        )  # fmt: skip

    made = [referral(n) for n in range(5)]
    allocation = allocate_coaches(
        [t.referral for t in made], programme, at=at_berlin(2022, 6, 22, 9)
    )
    accepted = allocation.referrals[0]
    started = start_coaching(accepted, at=at_berlin(2022, 6, 27, 9))
    held = record_session(started.referral, at=at_berlin(2022, 6, 27, 10))
    findings = CoachingFindings(
        referral_id=accepted.id, person_id=accepted.person_id, coach_id="coach-1",
        recorded_on=pendulum.date(2022, 6, 27),
        needs=(Finding(subject=accepted.person_id, category=NeedCategory.CHILDCARE),),
        strengths=("reliable",),
        experience=(ProfessionalExperience(occupation="nurse", years=8),),
        next_steps=(
            GroupOfferTopic(topic="t", categories={NeedCategory.EMPLOYMENT}),
            GermanCourse(target_level=jobcenter_core.CefrLevel.B1),
            QualificationRecognition(occupation="nurse", regulated=True),
        ),
    )  # fmt: skip
    done = complete_coaching(held.referral, findings, at=at_berlin(2022, 6, 27, 11))
    waiting = allocation.referrals[1]
    others = [
        waitlist_referral(made[4].referral, at=at_berlin(2022, 6, 23, 9)),
        decline_referral(waiting, at=at_berlin(2022, 6, 23, 9)),
        cancel_referral(allocation.referrals[2], by="jobcenter", at=at_berlin(2022, 6, 23, 9)),
    ]
    no_show_programme = attrs.evolve(
        programme, coaches=[Coach(id="coach-2", languages={"uk"}, weekly_capacity=1)]
    )
    second = allocate_coaches(
        [allocation.referrals[3]], no_show_programme, at=at_berlin(2022, 6, 24, 9)
    )
    no_show = record_no_show(second.referrals[0], at=at_berlin(2022, 6, 27, 9))
    return [programme, allocation, done, second, no_show, *others, *made]


def _corpus() -> dict[type, object]:
    scenario = bocholt_june_2022()
    batch = allocate(
        scenario.offer, scenario.registrations, candidates=scenario.candidates(),
        caseworkers={c.id for c in scenario.caseworkers},
    )  # fmt: skip
    interpreters = assign_interpreters(
        scenario.consultations, scenario.interpreters, persons=scenario.persons(),
        caseworkers=scenario.caseworkers,
    )  # fmt: skip
    national = run(households=60, seed=1, on=pendulum.date(2022, 6, 21))
    level = LanguageAtLeast(language="de", level=jobcenter_core.CefrLevel.A1)
    rules = AllOf(rules=(AnyOf(rules=(Not(rule=level), HasChildrenNeedingCare())),))
    stranger = Registration(
        id="r-x", person_id="p-x", offer_id="other", registered_by="cw",
        registered_at=at_berlin(2022, 6, 13, 9),
    )  # fmt: skip
    rejected = allocate(scenario.offer, [stranger], caseworkers=ANYONE)
    decision = Decision(
        value=True,
        reasons=(jobcenter_core.Reason(code="c", message="m"),),
        missing=(jobcenter_core.Assumption(fact="f", presumed="p"),),
    )
    profile = next(p for p in scenario.caseload.profiles if p.needs)
    household = next(h for h in scenario.caseload.households if h.id == profile.household_id)
    plan = jobcenter_core.prioritise(profile, household, on=scenario.on)
    roots = [
        scenario,
        plan,
        batch,
        batch.new_commitments(),
        rejected,
        decision,
        ReferralEvent(referral_id="r-1", at=at_berlin(2022, 6, 13, 9)),
        leistungsrechtsanpassung_2026(DEFAULT_POLICY),
        interpreters,
        jobcenter_core.count_bookings(
            scenario.consultations,
            scenario.interpreters,
            persons={p.id: p for p in scenario.persons()},
            caseworkers=scenario.caseworkers,
        ),
        summarize(scenario.caseload, on=scenario.on),
        national,
        DEFAULT_POLICY,
        JOB_CENTRES,
        rules,
        [category.info for category in NeedCategory],
        InvalidInput.one("$.id", "must not be empty").problems,
        [jobcenter_core.Candidate(person=p) for p in scenario.persons()][:1],
        [
            jobcenter_core.CareArrangement(carer="a", cared_for="b", secured_otherwise=False),
            jobcenter_core.WorkCapacity(hours_per_day=6, assessed_on=pendulum.date(2022, 6, 1)),
        ],
        _roster_story(),
        _coaching_story(),
        jobcenter_core.rule_columns(scenario.caseload, on=scenario.on),
        jobcenter_core.person_table(scenario.caseload, on=scenario.on),
    ]
    seen: dict[type, object] = {}
    visited: set[int] = set()
    for root in roots:
        _walk(root, seen, visited)
    return seen


PUBLIC_TYPES = _public_attrs_types()
CORPUS = _corpus()


def _cases() -> Iterator[Any]:
    for cls in PUBLIC_TYPES:
        for field in attrs.fields(cls):
            if not field.init or field.name.startswith("_"):
                continue
            if field.type in ("T", "K"):  # a generic value: any type is right
                continue
            yield pytest.param(cls, field.name, id=f"{cls.__name__}.{field.name}")


def _collection_cases() -> Iterator[Any]:
    for cls in PUBLIC_TYPES:
        for field in attrs.fields(cls):
            if field.init and str(field.type).startswith(("tuple[", "frozenset[")):
                yield pytest.param(cls, field.name, id=f"{cls.__name__}.{field.name}")


def test_the_corpus_holds_an_example_of_every_public_type() -> None:
    """The wrong-type tests below cover every public attrs type of the library."""
    missing = [cls.__qualname__ for cls in PUBLIC_TYPES if cls not in CORPUS]

    assert [] == missing


@pytest.mark.parametrize(("cls", "field"), list(_cases()))
def test_a_wrong_type_in_a_field_is_refused_naming_field_and_types(cls: type, field: str) -> None:
    """``Person(sex=Stranger())``: TypeError naming 'sex', Sex and Stranger, not the value."""
    example = CORPUS[cls]

    with pytest.raises(TypeError) as caught:
        attrs.evolve(example, **{field: Stranger()})

    message = str(caught.value)
    assert f"{field!r}" in message
    assert "(got Stranger" in message
    assert "must be" in message
    assert SECRET not in message


@pytest.mark.parametrize(("cls", "field"), list(_collection_cases()))
def test_a_wrong_member_in_a_collection_is_refused_by_name(cls: type, field: str) -> None:
    """``GroupOffer(addresses={"housing"})``: a collection checks every member's type."""
    example = CORPUS[cls]

    with pytest.raises(TypeError) as caught:
        attrs.evolve(example, **{field: (Stranger(),)})

    message = str(caught.value)
    assert f"{field!r}" in message
    assert SECRET not in message


def test_strings_for_enum_members_in_a_collection_are_refused() -> None:
    """The issue's example: need categories given as their JSON values are not categories."""
    with pytest.raises(TypeError, match=r"'addresses' must hold NeedCategory values \(got str\)"):
        jobcenter_core.GroupOffer(id="o", title="t", addresses={"housing"})  # type: ignore[arg-type]


def test_a_person_where_a_member_is_expected_is_refused_by_name() -> None:
    """The issue's example: a household of persons instead of members says so."""
    person = jobcenter_core.Person(
        id="p", birth_date=pendulum.date(1990, 1, 1), sex=jobcenter_core.Sex.FEMALE
    )

    with pytest.raises(
        TypeError, match=r"'members' must hold Member values \(got Person at index 0\)"
    ):
        jobcenter_core.Household(id="h", members=(person,))  # type: ignore[arg-type]


def test_a_string_for_an_enum_field_is_refused_without_attrs_raw_tuple() -> None:
    """The issue's example: ``Person(sex="female")`` names the field and both types."""
    with pytest.raises(TypeError) as caught:
        jobcenter_core.Person(id="p", birth_date=pendulum.date(1990, 1, 1), sex="female")  # type: ignore[arg-type]

    assert "'sex' must be a Sex (got str)" == str(caught.value)


def test_a_date_given_as_text_is_refused_by_name_without_the_text() -> None:
    """A birth date as a string: the field is named, the date (personal data) is not shown."""
    with pytest.raises(TypeError) as caught:
        jobcenter_core.Person(id="p", birth_date="1987-03-04", sex=jobcenter_core.Sex.FEMALE)  # type: ignore[arg-type]

    assert "'birth_date' must be a date (got str)" == str(caught.value)
