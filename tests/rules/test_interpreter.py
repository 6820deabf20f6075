"""The interpreter rule as policy: a consultation needs an interpreter without a shared language."""

from __future__ import annotations

import attrs
import pendulum

from jobcenter_core.consultations import Caseworker
from jobcenter_core.decisions import LegalReference
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.parameters import DEFAULT_POLICY, Dated
from jobcenter_core.people import Person, Sex
from jobcenter_core.rules import needs_interpreter

MAY_30 = pendulum.date(2022, 5, 30)
GERMAN_CASEWORKER = Caseworker(
    id="cw-1", languages=(LanguageSkill(language="de", level=CefrLevel.NATIVE),)
)
OLENA = Person(id="p-1", birth_date=pendulum.date(1988, 3, 2), sex=Sex.FEMALE, name="Olena")


def speaker(person_id: str, *skills: tuple[str, CefrLevel]) -> Person:
    """Olena as *person_id*, speaking the languages of *skills* at their levels."""
    languages = tuple(LanguageSkill(language=code, level=level) for code, level in skills)
    return attrs.evolve(OLENA, id=person_id, languages=languages)


UKRAINIAN = speaker("p-1", ("uk", CefrLevel.NATIVE))


def test_no_shared_language_needs_an_interpreter() -> None:
    """A Ukrainian speaker and a German-speaking case worker need an interpreter."""
    decision = needs_interpreter(UKRAINIAN, GERMAN_CASEWORKER, on=MAY_30)

    assert (True, ("no_shared_language",)) == (decision.value, decision.codes)


def test_german_at_b1_needs_no_interpreter() -> None:
    """B1 in a shared language is enough under the default policy."""
    person = speaker("p-1", ("uk", CefrLevel.NATIVE), ("de", CefrLevel.B1))

    decision = needs_interpreter(person, GERMAN_CASEWORKER, on=MAY_30)

    assert (False, ("shared_language",)) == (decision.value, decision.codes)


def test_german_at_a2_still_needs_an_interpreter() -> None:
    """A2 is below the default level B1."""
    person = speaker("p-1", ("uk", CefrLevel.NATIVE), ("de", CefrLevel.A2))

    assert needs_interpreter(person, GERMAN_CASEWORKER, on=MAY_30).value


def test_the_case_workers_other_languages_count_too() -> None:
    """A case worker with Russian at B2 talks to a Russian speaker without interpreter."""
    caseworker = attrs.evolve(
        GERMAN_CASEWORKER,
        languages=(*GERMAN_CASEWORKER.languages, LanguageSkill(language="ru", level=CefrLevel.B2)),
    )
    person = speaker("p-1", ("uk", CefrLevel.NATIVE), ("ru", CefrLevel.C1))

    assert not needs_interpreter(person, caseworker, on=MAY_30).value


def test_the_interpreter_level_comes_from_the_policy() -> None:
    """With the level lowered to A2, A2 German suffices."""
    policy = attrs.evolve(DEFAULT_POLICY, interpreter_level=Dated.always(CefrLevel.A2, note="t"))
    person = speaker("p-1", ("uk", CefrLevel.NATIVE), ("de", CefrLevel.A2))

    assert not needs_interpreter(person, GERMAN_CASEWORKER, on=MAY_30, policy=policy).value


def test_unknown_languages_are_presumed_unshared_and_said_so() -> None:
    """No recorded language: an interpreter is needed, and the assumption is listed."""
    decision = needs_interpreter(speaker("p-1"), GERMAN_CASEWORKER, on=MAY_30)

    assert (True, ("languages",)) == (decision.value, tuple(m.fact for m in decision.missing))


# --- pinned by mutation testing (issue 21) --------------------------------------------------


def test_an_interpreter_is_needed_citing_german_as_the_official_language() -> None:
    """SGB X § 19 Abs. 1: German is the official language; without a shared one, interpret."""
    decision = needs_interpreter(UKRAINIAN, GERMAN_CASEWORKER, on=MAY_30)

    assert (True, ("no_shared_language",), "SGB X § 19 Abs. 1", ()) == (
        decision.value,
        decision.codes,
        str(decision.reasons[0].reference),
        decision.missing,
    )


def test_a_shared_language_cites_the_policy_that_sets_the_level() -> None:
    """The level for a shared language is a policy parameter, cited when it names its law."""
    reference = LegalReference(law="SGB I", section="17", paragraph="1")
    policy = attrs.evolve(
        DEFAULT_POLICY, interpreter_level=Dated.always(CefrLevel.B1, reference=reference)
    )
    german = speaker("p-1", ("de", CefrLevel.B1))

    decision = needs_interpreter(german, GERMAN_CASEWORKER, on=MAY_30, policy=policy)

    assert (False, ("shared_language",), "SGB I § 17 Abs. 1") == (
        decision.value,
        decision.codes,
        str(decision.reasons[0].reference),
    )


def test_the_level_in_force_on_the_day_decides() -> None:
    """A policy raising the level to B2 from 2026-07-01: B1 German needs an interpreter then."""
    policy = attrs.evolve(
        DEFAULT_POLICY,
        interpreter_level=DEFAULT_POLICY.interpreter_level.change_from(
            pendulum.date(2026, 7, 1), CefrLevel.B2, note="test"
        ),
    )
    german = speaker("p-1", ("de", CefrLevel.B1))

    assert [False, True] == [
        needs_interpreter(german, GERMAN_CASEWORKER, on=on, policy=policy).value
        for on in (pendulum.date(2026, 6, 30), pendulum.date(2026, 7, 1))
    ]


def test_a_shared_language_cites_the_rule_in_force_on_the_day() -> None:
    """From 2026-07-01 this policy grounds the B1 level in SGB I § 17; before, a local rule."""
    reference = LegalReference(law="SGB I", section="17", paragraph="1")
    policy = attrs.evolve(
        DEFAULT_POLICY,
        interpreter_level=DEFAULT_POLICY.interpreter_level.change_from(
            pendulum.date(2026, 7, 1), CefrLevel.B1, reference=reference
        ),
    )
    german = speaker("p-1", ("de", CefrLevel.B1))

    assert ["None", "SGB I § 17 Abs. 1"] == [
        str(needs_interpreter(german, GERMAN_CASEWORKER, on=on, policy=policy).reasons[0].reference)
        for on in (pendulum.date(2026, 6, 30), pendulum.date(2026, 7, 1))
    ]
