"""
Privacy by default (DESIGN.md, rule 7): residence details, health-derived findings and
special-category needs (Art. 9 GDPR) never appear in ``repr``, ``str`` or an error
message, however the value was built.

Each case below is one field of one type that holds such a detail, with a value whose
text is recognisable. The tests check that text against the value's ``repr`` and ``str``
and those of the values that contain it, against the errors of building the value with
that field wrong or with another field wrong, and against the errors of reading it from
JSON the same two ways.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import attrs
import pendulum
import pytest

from jobcenter_core import (
    CareArrangement,
    Caseload,
    CefrLevel,
    CoachingFindings,
    Consultation,
    Dated,
    Evidence,
    EvidenceKind,
    Finding,
    GermanCourse,
    GroupOfferTopic,
    Household,
    LegalReference,
    Member,
    Need,
    NeedCategory,
    NeedsProfile,
    NoValueForDate,
    Period,
    Person,
    ProfessionalExperience,
    QualificationRecognition,
    ResidenceDocument,
    ResidenceStatus,
    Sex,
    TimeWindow,
    WorkCapacity,
    at_berlin,
    from_json,
    to_json,
)
from jobcenter_core.coaching import (
    Coach,
    CoachingProgramme,
    CoachingReferral,
    Completed,
    Delivery,
    Mobility,
    Referred,
    accept_referral,
    complete_coaching,
    record_session,
    refer,
    start_coaching,
)
from jobcenter_core.errors import InvalidInput, UnknownId
from jobcenter_core.offers import Candidate

D = pendulum.date
SECRET = "SECRET-4711"
"""Put into a bad value: whatever the error says, it must not repeat it."""


def _person(**changes: Any) -> Person:
    fields: dict[str, Any] = {
        "id": "p-1",
        "birth_date": D(1987, 3, 4),
        "sex": Sex.FEMALE,
        "name": "Olena Secretova",
        "residence": ResidenceStatus(
            document=ResidenceDocument.FICTION_CERTIFICATE, first_issued_on=D(2022, 4, 11)
        ),
        "identity_registered": True,
        "identity_registered_on": D(2022, 4, 9),
        "stored_in_central_register": True,
        "work_capacity": WorkCapacity(hours_per_day=2.75, assessed_on=D(2022, 6, 1)),
    }
    return Person(**{**fields, **changes})


def _household(**changes: Any) -> Household:
    fields: dict[str, Any] = {
        "id": "h-1",
        "members": (Member(person=_person()), Member(person=_person(id="p-2", name=None))),
        "care_arrangements": (
            CareArrangement(carer="p-1", cared_for="p-2", secured_otherwise=False),
        ),
    }
    return Household(**{**fields, **changes})


_BY = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")


def _need(**changes: Any) -> Need:
    fields: dict[str, Any] = {
        "subject": "p-1",
        "category": NeedCategory.PSYCHOSOCIAL_SUPPORT,
        "identified_on": D(2022, 5, 30),
        "identified_by": _BY,
    }
    return Need(**{**fields, **changes})


def _finding(**changes: Any) -> Finding:
    return Finding(**{"subject": "p-1", "category": NeedCategory.ADDICTION_COUNSELLING, **changes})


_PROGRAMME = CoachingProgramme(
    id="uk-online", provider="Werkakademie", languages={"uk"}, delivery=Delivery.ONLINE,
    coaches=[Coach(id="coach-1", languages={"uk"}, weekly_capacity=1)], sessions_per_coaching=1,
)  # fmt: skip


def _findings(**changes: Any) -> CoachingFindings:
    fields: dict[str, Any] = {
        "referral_id": "r-1",
        "person_id": "p-1",
        "coach_id": "coach-1",
        "recorded_on": D(2022, 6, 27),
        "needs": (_finding(category=NeedCategory.PSYCHOLOGICAL_COUNSELLING),),
        "strengths": ("keeps going despite the trauma",),
        "experience": (ProfessionalExperience(occupation="psychiatric nurse", years=8),),
        "next_steps": (
            GroupOfferTopic(topic="Gruppe", categories={NeedCategory.ADDICTION_COUNSELLING}),
            GermanCourse(target_level=CefrLevel.B1),
            QualificationRecognition(occupation="psychiatric nurse", regulated=True),
        ),
    }
    return CoachingFindings(**{**fields, **changes})


def _referral(**changes: Any) -> CoachingReferral:
    made = refer(
        _PROGRAMME, id="r-1", person_id="p-1", referred_by="cw-1",
        reasons={NeedCategory.ADDICTION_COUNSELLING}, language="uk", limited_mobility=True,
        at=at_berlin(2022, 6, 20, 9),
    ).referral  # fmt: skip
    return attrs.evolve(made, **changes) if changes else made


def _completed() -> CoachingReferral:
    accepted = accept_referral(
        _referral(), _PROGRAMME, coach_id="coach-1", caseload=(), starts_on=D(2022, 6, 27),
        at=at_berlin(2022, 6, 21, 9),
    ).referral  # fmt: skip
    started = start_coaching(accepted, at=at_berlin(2022, 6, 27, 9)).referral
    held = record_session(started, at=at_berlin(2022, 6, 27, 10)).referral
    return complete_coaching(held, _findings(), at=at_berlin(2022, 6, 27, 11)).referral


_SLOT = TimeWindow(start=at_berlin(2022, 5, 30, 9), end=at_berlin(2022, 5, 30, 10))


def _consultation(**changes: Any) -> Consultation:
    fields: dict[str, Any] = {
        "id": "c-1",
        "household_id": "h-1",
        "person_id": "p-1",
        "caseworker_id": "cw-1",
        "window": _SLOT,
        "language": "uk",
        "findings": (_finding(),),
    }
    return Consultation(**{**fields, **changes})


@attrs.frozen
class Case:
    """One field holding a private detail: how to build its type with a value in it."""

    name: str
    build: Callable[..., Any]
    field: str
    secrets: tuple[str, ...]
    """Texts the good value shows when printed: none may reach a repr, str or message."""
    wrong: object
    """A value of the wrong type or out of range for the field, showing a secret."""
    other: tuple[str, object]
    """Another field of the type and a wrong value for it."""
    hidden: tuple[str, ...] = ()
    """Field names a repr must not show either (the fact is in the name: a flag)."""


CASES = [
    Case("Person.name", _person, "name", ("Olena", "Secretova"), 4711, ("sex", "female")),
    Case("Person.birth_date", _person, "birth_date", ("1987",), "1987-03-04", ("sex", "female")),
    Case(
        "Person.residence",
        _person,
        "residence",
        ("fiction", "FICTION", "2022-04-11", "2022, 4, 11"),
        "fiction_certificate",
        ("sex", "female"),
    ),
    Case(
        "Person.identity_registered_on",
        _person,
        "identity_registered_on",
        ("2022-04-09", "2022, 4, 9"),
        "2022-04-09",
        ("sex", "female"),
        ("identity_registered",),
    ),
    Case(
        "Person.stored_in_central_register",
        _person,
        "stored_in_central_register",
        (),
        SECRET,
        ("sex", "female"),
        ("stored_in_central_register",),
    ),
    Case(
        "Person.work_capacity",
        _person,
        "work_capacity",
        ("2.75", "2022-06-01"),
        2.75,
        ("sex", "female"),
        ("hours_per_day",),
    ),
    Case(
        "ResidenceStatus.document",
        ResidenceStatus,
        "document",
        ("fiction", "FICTION"),
        "fiction_certificate",
        ("first_issued_on", "2022-04-11"),
    ),
    Case(
        "WorkCapacity.hours_per_day",
        WorkCapacity,
        "hours_per_day",
        ("2.75",),
        -2.75,
        ("assessed_on", "2022-06-01"),
    ),
    Case(
        "WorkCapacity.assessed_on",
        WorkCapacity,
        "assessed_on",
        ("2022-06-01", "2022, 6, 1"),
        "2022-06-01",
        ("hours_per_day", -2.75),
    ),
    Case(
        "CareArrangement.cared_for",
        CareArrangement,
        "cared_for",
        (),
        4711,
        ("secured_otherwise", "no"),
        ("carer='", "cared_for=", "secured_otherwise="),
    ),
    Case(
        "Household.care_arrangements",
        _household,
        "care_arrangements",
        (),
        ("p-1 cares for p-2",),
        ("id", 4711),
        ("CareArrangement(c", "cared_for=", "carer='"),
    ),
    Case(
        "Need.category",
        _need,
        "category",
        ("PSYCHOSOCIAL", "psychosocial", "Psychosoziale"),
        "psychosocial_support",
        ("identified_on", "2022-05-30"),
    ),
    Case(
        "Finding.category",
        _finding,
        "category",
        ("ADDICTION", "addiction", "Sucht"),
        "addiction_counselling",
        ("urgency", "acute"),
    ),
    Case(
        "Consultation.findings",
        _consultation,
        "findings",
        ("ADDICTION", "addiction"),
        ("addiction_counselling",),
        ("window", "2022-05-30"),
    ),
    Case(
        "CoachingFindings.needs",
        _findings,
        "needs",
        ("PSYCHOLOGICAL", "psychological"),
        ("psychological_counselling",),
        ("recorded_on", "2022-06-27"),
    ),
    Case(
        "CoachingFindings.strengths",
        _findings,
        "strengths",
        ("trauma",),
        "trauma",
        ("recorded_on", "2022-06-27"),
    ),
    Case(
        "CoachingFindings.experience",
        _findings,
        "experience",
        ("psychiatric",),
        ("psychiatric nurse",),
        ("recorded_on", "2022-06-27"),
    ),
    Case(
        "CoachingFindings.next_steps",
        _findings,
        "next_steps",
        ("ADDICTION", "psychiatric"),
        ("addiction",),
        ("recorded_on", "2022-06-27"),
    ),
    Case(
        "CoachingReferral.reasons",
        _referral,
        "reasons",
        ("ADDICTION", "addiction"),
        {"addiction_counselling"},
        ("referred_at", "2022-06-20"),
    ),
    Case(
        "CoachingReferral.limited_mobility",
        _referral,
        "limited_mobility",
        (),
        SECRET,
        ("referred_at", "2022-06-20"),
        ("limited_mobility",),
    ),
    Case(
        "Mobility.distance_to_centre_km",
        Mobility,
        "distance_to_centre_km",
        ("14.5",),
        "14.5 km",
        ("has_transport", "no"),
    ),
]
"""Each private field, a good value (in the builder) and wrong ones."""

_GOOD: dict[str, dict[str, object]] = {
    "ResidenceStatus.document": {
        "document": ResidenceDocument.FICTION_CERTIFICATE,
        "first_issued_on": D(2022, 4, 11),
    },
    "WorkCapacity.hours_per_day": {"hours_per_day": 2.75, "assessed_on": D(2022, 6, 1)},
    "WorkCapacity.assessed_on": {"hours_per_day": 2.75, "assessed_on": D(2022, 6, 1)},
    "CareArrangement.cared_for": {"carer": "p-1", "cared_for": "p-2", "secured_otherwise": False},
    "Mobility.distance_to_centre_km": {"has_transport": False, "distance_to_centre_km": 14.5},
}
"""Keyword arguments for the cases whose builder is the class itself."""


def _good(case: Case, **changes: object) -> Any:
    return case.build(**{**_GOOD.get(case.name, {}), **changes})


def _containers(value: Any) -> list[Any]:
    """*value* and values that contain it, as services hold them."""
    found = [value]
    if isinstance(value, Person):
        found += [
            Member(person=value),
            Candidate(person=value),
            _household(members=(Member(person=value),), care_arrangements=()),
        ]
    if isinstance(value, Household):
        found += [
            Caseload(households=(value,)),
            Candidate(person=value.members[0].person, household=value),
        ]
    if isinstance(value, Need):
        found += [NeedsProfile(household_id="h-1", needs=(value,))]
    if isinstance(value, CoachingFindings):
        found += [Completed(referral_id="r-1", at=at_berlin(2022, 6, 27, 11), findings=value)]
    if isinstance(value, CoachingReferral):
        found += [*value.history, _completed(), *_completed().history]
    if isinstance(value, ResidenceStatus):
        found += [_person(residence=value)]
    if isinstance(value, WorkCapacity):
        found += [_person(work_capacity=value)]
    if isinstance(value, CareArrangement):
        found += [_household(care_arrangements=(value,))]
    return found


def _leaks(text: str, secrets: tuple[str, ...]) -> list[str]:
    return [secret for secret in (*secrets, SECRET) if secret in text]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_detail_stays_out_of_repr_and_str(case: Case) -> None:
    """The value, and the values that hold it, print without the private detail."""
    value = _good(case)

    shown = " ".join(repr(v) + " " + str(v) for v in _containers(value))

    assert [] == _leaks(shown, (*case.secrets, *case.hidden))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_building_with_the_field_wrong_names_the_field_but_not_the_value(case: Case) -> None:
    """A wrong value in the private field is refused by name, its text not repeated."""
    with pytest.raises((TypeError, ValueError)) as caught:
        _good(case, **{case.field: case.wrong})

    message = str(caught.value)
    assert case.field in message
    assert [] == _leaks(message, (*case.secrets, str(case.wrong)))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_building_with_another_field_wrong_does_not_show_the_detail(case: Case) -> None:
    """The error of another field never carries the private one along."""
    field, wrong = case.other

    with pytest.raises((TypeError, ValueError)) as caught:
        _good(case, **{field: wrong})

    assert [] == _leaks(str(caught.value), case.secrets)


def _json_of(case: Case) -> tuple[type, dict[str, Any]]:
    value = _good(case)
    return type(value), json.loads(to_json(value))


def _wrong_in_json(good: object) -> object:
    """A JSON value of another kind than *good* (or out of range), carrying the marker."""
    if isinstance(good, bool) or good is None:
        return SECRET
    if isinstance(good, int | float):
        return -abs(good) - 0.5  # out of range or of the wrong kind: shows "3.25"
    if isinstance(good, list):
        return [[SECRET]]
    return [SECRET]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_reading_json_with_the_field_wrong_does_not_echo_it(case: Case) -> None:
    """``from_json`` names the path of the bad field, never what it held."""
    cls, data = _json_of(case)
    data[case.field] = wrong = _wrong_in_json(data[case.field])

    with pytest.raises(InvalidInput) as caught:
        from_json(json.dumps(data), cls)

    # The kind may list the values a field takes ("expected one of 'female', …"): the
    # vocabulary, never what the document held.
    message = str(caught.value)
    assert f"$.{case.field}" in message
    shown = str(abs(wrong)) if isinstance(wrong, float) else SECRET
    assert [] == _leaks(message, (shown,))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_reading_json_with_another_field_wrong_does_not_show_the_detail(case: Case) -> None:
    """A document whose private field is fine but another is not: the error stays quiet."""
    cls, data = _json_of(case)
    field, _ = case.other
    data[field] = [SECRET]

    with pytest.raises(InvalidInput) as caught:
        from_json(json.dumps(data), cls)

    assert [] == _leaks(str(caught.value), case.secrets)


def test_a_relatives_care_need_is_not_in_the_repr_of_the_arrangement_itself() -> None:
    """CareArrangement printed who cares for whom; it is health-related data."""
    arrangement = CareArrangement(carer="p-1", cared_for="p-2", secured_otherwise=False)

    assert "CareArrangement(...)" == repr(arrangement) == str(arrangement)


def test_an_unknown_special_category_need_is_not_named_by_the_lookup_error() -> None:
    """Updating a need the profile lacks: the error names neither subject nor category."""
    profile = NeedsProfile(household_id="h-1")

    with pytest.raises(UnknownId) as caught:
        profile.update("p-1", NeedCategory.ADDICTION_COUNSELLING, on=D(2022, 6, 1), by=_BY)

    assert [] == _leaks(str(caught.value), ("p-1", "ADDICTION", "addiction", "Sucht"))


def test_a_referral_rebuilt_from_json_keeps_its_findings_out_of_repr() -> None:
    """What comes back from storage is as quiet as what went in."""
    referral = _completed()

    again = from_json(to_json(referral), CoachingReferral)

    assert [] == _leaks(repr(again), ("PSYCHOLOGICAL", "ADDICTION", "trauma", "psychiatric"))
    assert referral == again


def test_a_referred_event_keeps_its_reasons_and_mobility_out_of_repr() -> None:
    """The event a service persists prints like the referral."""
    event = _referral().history[0]

    assert isinstance(event, Referred)
    assert [] == _leaks(repr(event), ("ADDICTION", "addiction", "limited_mobility"))


def test_a_dated_parameter_asked_for_a_day_it_lacks_does_not_repeat_the_day() -> None:
    """The day asked may be a birth date: NoValueForDate names the periods, not the day."""
    limit = Dated(periods=(Period(value=65, start=D(1947, 1, 1), reference=LegalReference(law="SGB II", section="7a")),))  # fmt: skip

    with pytest.raises(NoValueForDate) as caught:
        limit.at(D(1946, 9, 1))

    assert "1946" not in str(caught.value)
    assert "1947-01-01" in str(caught.value)
