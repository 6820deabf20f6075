"""
What interpreter assignment (interpreting/assignment.py) is judged under and how it says
what it could not do: the day and the policy that decide whether a consultation needs an
interpreter, the citation and the language of an unserved consultation's reason, two
consultations naming the same interpreter, what a group beyond the search budget says,
and input errors that name the field.
"""

from __future__ import annotations

import functools

import attrs
import pendulum
import pytest

from jobcenter_core.consultations import Caseworker, Consultation, Interpreter
from jobcenter_core.dates import TimeWindow, at_berlin
from jobcenter_core.decisions import cite
from jobcenter_core.errors import InvalidInput
from jobcenter_core.interpreting import _search, assign_interpreters
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.parameters import DEFAULT_POLICY
from jobcenter_core.people import Person, Sex

CASEWORKER = Caseworker(
    id="cw-1", languages=(LanguageSkill(language="de", level=CefrLevel.NATIVE),)
)


def _speaker(person_id: str, *skills: tuple[str, CefrLevel]) -> Person:
    languages = tuple(LanguageSkill(language=code, level=level) for code, level in skills)
    return Person(
        id=person_id, birth_date=pendulum.date(1988, 3, 2), sex=Sex.FEMALE, languages=languages
    )


UKRAINIAN = _speaker("p-1", ("uk", CefrLevel.NATIVE))
GERMAN_B1 = _speaker("p-2", ("uk", CefrLevel.NATIVE), ("de", CefrLevel.B1))


def _slot(year: int, month: int, day: int, hour: int) -> TimeWindow:
    start = at_berlin(year, month, day, hour)
    return TimeWindow(start=start, end=start.add(hours=1))


def _consultation(
    cid: str, person: Person, window: TimeWindow, language: str = "uk", **changes: object
) -> Consultation:
    c = Consultation(
        id=cid,
        household_id=f"h-{person.id}",
        person_id=person.id,
        caseworker_id=CASEWORKER.id,
        window=window,
        language=language,
    )
    return attrs.evolve(c, **changes)


def _all_week(interpreter_id: str, *languages: str) -> Interpreter:
    week = TimeWindow(start=at_berlin(2022, 12, 26, 0), end=at_berlin(2023, 1, 7, 0))
    return Interpreter(id=interpreter_id, languages=languages, availability=(week,))


B2_FROM_2023 = attrs.evolve(
    DEFAULT_POLICY,
    interpreter_level=DEFAULT_POLICY.interpreter_level.change_from(
        pendulum.date(2023, 1, 1), CefrLevel.B2, note="test: B2 from 2023"
    ),
)


@pytest.mark.parametrize(
    ("day", "needs_one"),
    [
        (pendulum.date(2022, 12, 30), False),
        (pendulum.date(2023, 1, 2), True),
    ],
)
def test_whether_a_consultation_needs_an_interpreter_is_judged_on_its_day_and_policy(
    day: pendulum.Date, needs_one: bool
) -> None:
    """SGB X § 19 Abs. 1: German at the level the policy asks on the consultation's day
    needs no interpreter. A person with German at B1 needs none while the policy asks
    B1, and one from the day it asks B2."""
    c = _consultation("c-1", GERMAN_B1, _slot(day.year, day.month, day.day, 9))

    result = assign_interpreters(
        [c],
        [_all_week("i-1", "uk")],
        persons=[GERMAN_B1],
        caseworkers=[CASEWORKER],
        policy=B2_FROM_2023,
    )

    assert (["c-1"] if needs_one else []) == [b.consultation_id for b in result.bookings]
    assert ([] if needs_one else ["c-1"]) == list(result.not_needed)


def test_nobody_for_the_language_cites_german_as_the_official_language() -> None:
    """SGB X § 19 Abs. 1: German is the official language; a consultation in a language
    nobody interprets is unserved citing it, and the reason names the language."""
    c = _consultation("c-1", UKRAINIAN, _slot(2022, 12, 30, 9))

    result = assign_interpreters(
        [c], [_all_week("i-1", "ru")], persons=[UKRAINIAN], caseworkers=[CASEWORKER]
    )

    [reason] = result.unserved[0].reasons
    assert ("no_interpreter_for_language", cite("SGB X", "19", "1")) == (
        reason.code,
        reason.reference,
    )
    assert "uk" in reason.message


def test_every_reason_for_an_unserved_consultation_names_its_language() -> None:
    """Unserved for want of availability, or because everyone is booked then: the reason
    says for which language, so the coordinator knows whom to look for."""
    only_afternoon = Interpreter(
        id="i-1",
        languages=("uk",),
        availability=(
            TimeWindow(start=at_berlin(2022, 12, 30, 13), end=at_berlin(2022, 12, 30, 17)),
        ),
    )
    other = _speaker("p-3", ("uk", CefrLevel.NATIVE))
    morning = _consultation("c-1", UKRAINIAN, _slot(2022, 12, 30, 9))
    at_two = [
        _consultation("c-2", UKRAINIAN, _slot(2022, 12, 30, 14)),
        _consultation("c-3", other, _slot(2022, 12, 30, 14)),
    ]

    result = assign_interpreters(
        [morning, *at_two], [only_afternoon], persons=[UKRAINIAN, other], caseworkers=[CASEWORKER]
    )

    reasons = {u.consultation_id: u.reasons[0] for u in result.unserved}
    assert ["no_availability", "all_busy"] == [reasons["c-1"].code, reasons["c-3"].code]
    assert all("uk" in r.message for r in reasons.values())


@pytest.mark.parametrize(("second_at", "both_kept"), [(9, False), (10, True)])
def test_an_interpreter_named_for_two_consultations_keeps_both_only_if_they_do_not_overlap(
    second_at: int, both_kept: bool
) -> None:
    """A prebooked interpreter is never booked twice at once: of two overlapping
    consultations naming them, the earlier keeps them; back to back, both do."""
    other = _speaker("p-3", ("uk", CefrLevel.NATIVE))
    first = _consultation("c-1", UKRAINIAN, _slot(2022, 12, 30, 9), interpreter_id="i-1")
    second = _consultation("c-2", other, _slot(2022, 12, 30, second_at), interpreter_id="i-1")

    result = assign_interpreters(
        [first, second],
        [_all_week("i-1", "uk")],
        persons=[UKRAINIAN, other],
        caseworkers=[CASEWORKER],
    )

    assert (["c-1", "c-2"] if both_kept else ["c-1"]) == [
        b.consultation_id for b in result.bookings
    ]


def test_each_repeated_id_is_refused_naming_its_field() -> None:
    """Ids must be unique per kind: each repeat is named by its list and position."""
    i = _all_week("i-1", "uk")
    c = _consultation("c-1", UKRAINIAN, _slot(2022, 12, 30, 9))
    later = _consultation("c-1", UKRAINIAN, _slot(2022, 12, 30, 10))
    cases = [
        ({"consultations": [c], "interpreters": [i, i]}, "$.interpreters[1].id"),
        ({"consultations": [c], "persons": [UKRAINIAN, UKRAINIAN]}, "$.persons[1].id"),
        ({"consultations": [c], "caseworkers": [CASEWORKER, CASEWORKER]}, "$.caseworkers[1].id"),
        ({"consultations": [c, later]}, "$.consultations[1].id"),
    ]

    named = []
    for changes, _ in cases:
        given: dict[str, object] = {
            "interpreters": [i],
            "persons": [UKRAINIAN],
            "caseworkers": [CASEWORKER],
            **changes,
        }
        consultations = given.pop("consultations")
        with pytest.raises(InvalidInput) as caught:
            assign_interpreters(consultations, **given)  # type: ignore[arg-type]
        named.append([p.path for p in caught.value.problems])

    assert [[path] for _, path in cases] == named


def test_a_group_beyond_the_search_budget_says_its_size_and_how_many_it_serves(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Past its search budget the group is booked greedily, and each consultation left
    unserved says how large the group is, how many of it are served and how many more
    might at most be: three Ukrainian consultations at nine, two interpreters."""
    monkeypatch.setattr(_search, "book", functools.partial(_search.book, budget=0))
    people = [_speaker(f"p-{n}", ("uk", CefrLevel.NATIVE)) for n in (1, 2, 3)]
    at_nine = [_consultation(f"c-{p.id}", p, _slot(2022, 12, 30, 9)) for p in people]
    two = [_all_week("i-1", "uk"), _all_week("i-2", "uk")]

    result = assign_interpreters(at_nine, two, persons=people, caseworkers=[CASEWORKER])

    [unserved] = result.unserved
    assert ("all_busy", "not_proven_most") == unserved.codes
    assert "group of 3 consultations: 2 are served" in unserved.reasons[1].message


def test_a_consultation_whose_only_interpreter_is_prebooked_then_says_all_busy_for_its_language() -> (
    None
):
    """An interpreter prebooked at that time cannot take another consultation: it is
    unserved as ``all_busy``, and the reason names the language."""
    other = _speaker("p-3", ("uk", CefrLevel.NATIVE))
    prebooked = _consultation("c-1", UKRAINIAN, _slot(2022, 12, 30, 9), interpreter_id="i-1")
    same_time = _consultation("c-2", other, _slot(2022, 12, 30, 9))

    result = assign_interpreters(
        [prebooked, same_time],
        [_all_week("i-1", "uk")],
        persons=[UKRAINIAN, other],
        caseworkers=[CASEWORKER],
    )

    [unserved] = result.unserved
    assert ("c-2", ("all_busy",)) == (unserved.consultation_id, unserved.codes)
    assert "uk" in unserved.reasons[0].message
