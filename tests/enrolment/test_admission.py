"""Who may take part: target groups and the other admission checks (enrolment/admission.py)."""

from __future__ import annotations

from collections.abc import Callable

import attrs
import pendulum

from jobcenter_core.dates import at_berlin
from jobcenter_core.decisions import sgb2
from jobcenter_core.enrolment import ANYONE, Outcome, Registration, allocate
from jobcenter_core.enrolment.admission import PRESUMED_TARGET_GROUP, may_take_part
from jobcenter_core.households import ChildCare, Household, Member, Relationship, RelationshipKind
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.offers import (
    Candidate,
    Employable,
    GroupOffer,
    HasChildrenNeedingCare,
    LanguageAtLeast,
    Session,
    TargetGroupRule,
    WantsWorkAtShortNotice,
    all_of,
    any_of,
    not_,
)
from jobcenter_core.parameters import DEFAULT_POLICY, Dated
from jobcenter_core.people import Person, Sex, WorkCapacity
from jobcenter_core.rules import in_target_group


def test_person_outside_the_target_group_is_rejected_with_the_rule_reasons(
    offer: Callable[..., GroupOffer],
    reg: Callable[..., Registration],
    june_21: Session,
    olena: Callable[..., Person],
) -> None:
    """An offer held in German at B1 rejects someone with A2 German, saying why."""
    german_b1 = offer(june_21, target_group=LanguageAtLeast(language="de", level=CefrLevel.B1))
    person = olena(languages=(LanguageSkill(language="de", level=CefrLevel.A2),))

    result = allocate(
        german_b1, [reg(1)], candidates={"p-1": Candidate(person=person)}, caseworkers={"cw-1"}
    )

    assert ("not_in_target_group", "language_level_below") == result.rejections[0].codes


def test_application_training_is_for_employable_people_wanting_work_at_short_notice(
    offer: Callable[..., GroupOffer],
    reg: Callable[..., Registration],
    june_21: Session,
    olena: Callable[..., Person],
) -> None:
    """The Bewerbungstraining admits whoever wants to take up work at short notice."""
    rule = all_of(Employable(), WantsWorkAtShortNotice())
    keen = Candidate(person=olena(), wants_work_at_short_notice=True)
    not_now = Candidate(person=olena(id="p-2"), wants_work_at_short_notice=False)

    result = allocate(
        offer(june_21, target_group=rule),
        [reg(1), reg(2)],
        candidates={"p-1": keen, "p-2": not_now},
        caseworkers={"cw-1"},
    )

    assert ["r-1"] == [r.id for r in result.placed_in("s-0621")]
    assert "no_short_notice_wish" in result.rejections[0].codes
    assert () == result.missing


def test_without_person_facts_the_target_group_is_presumed_and_said_so(
    offer: Callable[..., GroupOffer], reg: Callable[..., Registration], june_21: Session
) -> None:
    """Missing facts never silently pass: the allocation lists the presumption."""

    result = allocate(offer(june_21, target_group=Employable()), [reg(1)], caseworkers={"cw-1"})

    assert Outcome.PLACED == result.outcome("r-1")
    assert "target_group" in [m.fact for m in result.missing]


def test_child_under_fourteen_without_care_makes_a_parent_one_with_children_needing_care(
    olena: Callable[..., Person],
) -> None:
    """An offer with childcare on site is for parents whose children's care is not secured."""
    mother = olena()
    child = Person(id="c-1", birth_date=pendulum.date(2016, 3, 1), sex=Sex.MALE)
    household = Household(
        id="h-1",
        members=(Member(person=mother), Member(person=child, child_care=ChildCare.NONE)),
        relationships=(Relationship(person="c-1", kind=RelationshipKind.CHILD, of="p-1"),),
    )

    decision = in_target_group(
        HasChildrenNeedingCare(),
        Candidate(person=mother, household=household),
        on=pendulum.date(2022, 6, 21),
    )

    assert decision.value is True
    assert ("children_need_care",) == decision.codes


def test_child_at_school_does_not_need_care_during_the_offer(olena: Callable[..., Person]) -> None:
    """Secured care (school) means no child needing care."""
    mother = olena()
    child = Person(id="c-1", birth_date=pendulum.date(2014, 3, 1), sex=Sex.MALE)
    household = Household(
        id="h-1",
        members=(Member(person=mother), Member(person=child, child_care=ChildCare.SCHOOL)),
        relationships=(Relationship(person="c-1", kind=RelationshipKind.CHILD, of="p-1"),),
    )

    decision = in_target_group(
        HasChildrenNeedingCare(),
        Candidate(person=mother, household=household),
        on=pendulum.date(2022, 6, 21),
    )

    assert decision.value is False


def test_unrecorded_short_notice_wish_is_presumed_absent_and_listed_as_missing(
    olena: Callable[..., Person],
) -> None:
    """Nobody is put into the application training on a guess."""

    decision = in_target_group(
        WantsWorkAtShortNotice(), Candidate(person=olena()), on=pendulum.date(2022, 6, 21)
    )

    assert decision.value is False
    assert ("wants_work_at_short_notice",) == tuple(m.fact for m in decision.missing)


def test_any_of_cites_the_rule_that_was_met(olena: Callable[..., Person]) -> None:
    """A met "any of" explains itself by the rule that admitted the person."""
    rule = any_of(WantsWorkAtShortNotice(), LanguageAtLeast(language="uk", level=CefrLevel.B2))

    decision = in_target_group(rule, Candidate(person=olena()), on=pendulum.date(2022, 6, 21))

    assert decision.value is True
    assert ("language_level_met",) == decision.codes
    assert () == decision.missing


def test_not_rule_inverts_the_answer_and_says_so(olena: Callable[..., Person]) -> None:
    """An offer for people without children needing care says so when it admits someone."""

    decision = in_target_group(
        not_(HasChildrenNeedingCare()),
        Candidate(person=olena(), household=None),
        on=pendulum.date(2022, 6, 21),
    )

    assert decision.value is True
    assert ("household_unknown", "negated_rule") == decision.codes
    assert ("household",) == tuple(m.fact for m in decision.missing)


# --- the admission rule itself, as mutation testing asked (issue 21) -----------------------


def _targeted(target_group: TargetGroupRule) -> GroupOffer:
    return GroupOffer(id="lad", title="Bewerbungstraining", target_group=target_group)


def _registration() -> Registration:
    return Registration(
        id="r-2",
        person_id="p-1",
        offer_id="lad",
        registered_by="cw-1",
        registered_at=at_berlin(2022, 6, 13, 9),
    )


def test_without_facts_a_targeted_offer_admits_on_the_presumption_it_names() -> None:
    """SGB II § 16 Abs. 1: a registration without the person's facts is admitted to an
    offer with a target group only on the named presumption that the group is met."""
    decision = may_take_part(
        _registration(), _targeted(Employable()), session_ids=(), caseworkers=ANYONE
    )

    assert decision.value is True
    assert (PRESUMED_TARGET_GROUP,) == decision.missing


def test_a_rejection_is_a_no_that_still_names_what_was_presumed() -> None:
    """A duplicate registration for a targeted offer without the person's facts is
    refused with a plain no, and the target-group presumption made on the way is still
    listed: nothing presumed goes unsaid."""
    decision = may_take_part(
        _registration(),
        _targeted(Employable()),
        session_ids=(),
        caseworkers=ANYONE,
        registered_as="r-1",
    )

    assert decision.value is False
    assert ("duplicate_registration",) == decision.codes
    assert (PRESUMED_TARGET_GROUP,) == decision.missing


def test_outside_the_target_group_cites_sgb_ii_section_16_paragraph_1(
    olena: Callable[..., Person],
) -> None:
    """The refusal of someone outside an offer's target group cites SGB II § 16 Abs. 1,
    under which the offer is granted, before the rule's own reasons."""
    german_b1 = _targeted(LanguageAtLeast(language="de", level=CefrLevel.B1))
    person = olena(languages=(LanguageSkill(language="de", level=CefrLevel.A2),))

    decision = may_take_part(
        _registration(),
        german_b1,
        session_ids=(),
        caseworkers=ANYONE,
        candidate=Candidate(person=person),
    )

    assert decision.value is False
    assert sgb2("16", "1") == decision.reasons[0].reference
    assert "SGB II § 16 Abs. 1" == str(decision.reasons[0].reference)


def test_the_target_group_is_judged_under_the_policy_asked(
    olena: Callable[..., Person],
) -> None:
    """SGB II § 8 Abs. 1 as a parameter: a person able to work 3 hours a day is
    employable under the law in force and admitted to an offer for employable people,
    but not under a policy asking 4 hours a day; the admission judges the target group
    under the policy it is given, not the default."""
    strict = attrs.evolve(
        DEFAULT_POLICY,
        min_daily_work_hours=Dated.always(4, reference=sgb2("8", "1")),
    )
    person = olena(
        work_capacity=WorkCapacity(hours_per_day=3.0, assessed_on=pendulum.date(2022, 3, 1))
    )
    asked = {
        "registration": _registration(),
        "offer": _targeted(Employable()),
        "session_ids": (),
        "caseworkers": ANYONE,
        "candidate": Candidate(person=person),
        "on": pendulum.date(2022, 6, 21),
    }

    assert may_take_part(**asked).value is True  # type: ignore[arg-type]
    assert may_take_part(**asked, policy=strict).value is False  # type: ignore[arg-type]


def test_the_target_group_is_judged_on_the_day_asked_by_default_the_day_of_registration(
    olena: Callable[..., Person],
) -> None:
    """SGB II § 7 Abs. 1 S. 1 Nr. 1 with § 7a: a girl who turns 15 on 20 June 2022 is not
    of working age when registered on 13 June, so not in an offer for employable people
    on that day (the default) nor on 19 June, but she is when the admission is asked for
    her birthday."""
    girl = olena(birth_date=pendulum.date(2007, 6, 20))
    asked = {
        "registration": _registration(),
        "offer": _targeted(Employable()),
        "session_ids": (),
        "caseworkers": ANYONE,
        "candidate": Candidate(person=girl),
    }

    assert may_take_part(**asked).value is False  # type: ignore[arg-type]
    assert may_take_part(**asked, on=pendulum.date(2022, 6, 19)).value is False  # type: ignore[arg-type]
    assert may_take_part(**asked, on=pendulum.date(2022, 6, 20)).value is True  # type: ignore[arg-type]
