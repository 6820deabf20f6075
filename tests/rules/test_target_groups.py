"""Target groups of offers as policy: SGB II § 16 Abs. 1 with SGB III § 45, § 10 Abs. 1 Nr. 3.

The offers' own tests (``tests/test_offers.py``) build the rules; these pin what the rule
decides and why, at the boundaries (pinned by mutation testing, issue 21).
"""

from __future__ import annotations

import attrs
import pendulum
import pytest
from pendulum import Date

from jobcenter_core.households import ChildCare, Household, Member, Relationship, RelationshipKind
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.offers import (
    Candidate,
    Employable,
    Everyone,
    HasChildrenNeedingCare,
    LanguageAtLeast,
    Not,
    TargetGroupRule,
    WantsWorkAtShortNotice,
    all_of,
    any_of,
)
from jobcenter_core.parameters import DEFAULT_POLICY, Dated
from jobcenter_core.people import Person, Sex, WorkCapacity
from jobcenter_core.rules import in_target_group

D = pendulum.date
ON = D(2022, 6, 21)
OLENA = Person(
    id="p-1",
    birth_date=D(1988, 4, 2),
    sex=Sex.FEMALE,
    languages=(LanguageSkill(language="de", level=CefrLevel.A2),),
)


def _mother_of(*children: tuple[str, Date, ChildCare | None]) -> Candidate:
    members = [Member(person=OLENA)]
    relationships = []
    for cid, born, care in children:
        members.append(
            Member(person=Person(id=cid, birth_date=born, sex=Sex.MALE), child_care=care)
        )
        relationships.append(Relationship(person=cid, kind=RelationshipKind.CHILD, of="p-1"))
    household = Household(id="h-1", members=tuple(members), relationships=tuple(relationships))
    return Candidate(person=OLENA, household=household)


@pytest.mark.parametrize(
    ("on", "needs_care"),
    [(D(2022, 3, 2), True), (D(2022, 3, 3), False), (D(2022, 3, 4), False)],
)
def test_a_child_needs_care_until_its_fourteenth_birthday(on: Date, needs_care: bool) -> None:
    """SGB II § 10 Abs. 1 Nr. 3 with the local care age 14: born 2008-03-03, no care."""
    candidate = _mother_of(("p-2", D(2008, 3, 3), ChildCare.NONE))

    assert needs_care is in_target_group(HasChildrenNeedingCare(), candidate, on=on).value


@pytest.mark.parametrize(
    ("on", "needs_care"),
    [(D(2022, 6, 20), False), (D(2022, 6, 21), True), (D(2022, 6, 22), True)],
)
def test_a_child_needs_care_from_the_day_it_is_born(on: Date, needs_care: bool) -> None:
    """SGB II § 10 Abs. 1 Nr. 3: a child counts from the day of its birth."""
    candidate = _mother_of(("p-2", D(2022, 6, 21), ChildCare.NONE))

    assert needs_care is in_target_group(HasChildrenNeedingCare(), candidate, on=on).value


def test_children_needing_care_are_counted_and_cited_with_unknown_care_presumed() -> None:
    """
    SGB II § 10 Abs. 1 Nr. 3: two children without secured care (one with care unknown,
    presumed not secured and listed); a third at the Kita does not count.
    """
    candidate = _mother_of(
        ("p-2", D(2017, 1, 1), ChildCare.NONE),
        ("p-3", D(2019, 1, 1), None),
        ("p-4", D(2018, 1, 1), ChildCare.KITA),
    )

    decision = in_target_group(HasChildrenNeedingCare(), candidate, on=ON)

    assert (True, ("children_need_care",), ["child_care"]) == (
        decision.value,
        decision.codes,
        [a.fact for a in decision.missing],
    )
    assert "SGB II § 10 Abs. 1 Nr. 3" == str(decision.reasons[0].reference)
    assert decision.reasons[0].message.startswith("2 ")


def test_children_whose_care_is_secured_are_said_not_to_need_it() -> None:
    """SGB II § 10 Abs. 1 Nr. 3: with the only child at the Kita, no child needs care."""
    decision = in_target_group(
        HasChildrenNeedingCare(), _mother_of(("p-2", D(2018, 1, 1), ChildCare.KITA)), on=ON
    )

    assert (False, ("no_children_needing_care",), "SGB II § 10 Abs. 1 Nr. 3") == (
        decision.value,
        decision.codes,
        str(decision.reasons[0].reference),
    )


def test_without_a_household_no_children_are_known_and_that_is_said() -> None:
    """The rule needs the household to know the children; without it, it presumes none."""
    decision = in_target_group(HasChildrenNeedingCare(), Candidate(person=OLENA), on=ON)

    assert (False, ("household_unknown",), ["household"]) == (
        decision.value,
        decision.codes,
        [a.fact for a in decision.missing],
    )


@pytest.mark.parametrize(("on", "needs_care"), [(D(2026, 6, 30), True), (D(2026, 7, 1), False)])
def test_the_care_age_in_force_on_the_day_decides(on: Date, needs_care: bool) -> None:
    """SGB II § 10 Abs. 1 Nr. 3 as a dated parameter: care age 14, lowered to 12 from 2026-07-01."""
    policy = attrs.evolve(
        DEFAULT_POLICY,
        care_required_below_age=DEFAULT_POLICY.care_required_below_age.change_from(
            D(2026, 7, 1), 12, note="test: a local care age of 12"
        ),
    )
    candidate = _mother_of(("p-2", D(2013, 5, 5), ChildCare.NONE))

    assert (
        needs_care
        is in_target_group(HasChildrenNeedingCare(), candidate, on=on, policy=policy).value
    )


@pytest.mark.parametrize(
    ("wants", "expected"),
    [
        (True, (True, ("wants_work_at_short_notice",), [])),
        (False, (False, ("no_short_notice_wish",), [])),
        (None, (False, ("short_notice_wish_unknown",), [("wants_work_at_short_notice", "no")])),
    ],
)
def test_the_wish_to_work_at_short_notice_is_taken_as_told_and_unknown_presumed_no(
    wants: bool | None, expected: tuple[bool, tuple[str, ...], list[tuple[str, str]]]
) -> None:
    """SGB III § 45 (activation measures for those who want work soon): the wish as recorded."""
    decision = in_target_group(
        WantsWorkAtShortNotice(), Candidate(person=OLENA, wants_work_at_short_notice=wants), on=ON
    )

    assert expected == (
        decision.value,
        decision.codes,
        [(a.fact, a.presumed) for a in decision.missing],
    )


@pytest.mark.parametrize(
    ("level", "met"), [(CefrLevel.A1, True), (CefrLevel.A2, True), (CefrLevel.B1, False)]
)
def test_a_language_requirement_is_met_at_the_level_named_or_above(
    level: CefrLevel, met: bool
) -> None:
    """The offer names a minimum level; A2 German meets A1 and A2, not B1."""
    decision = in_target_group(
        LanguageAtLeast(language="de", level=level), Candidate(person=OLENA), on=ON
    )

    assert (met, ("language_level_met",) if met else ("language_level_below",)) == (
        decision.value,
        decision.codes,
    )


def test_a_combined_rule_cites_the_parts_that_decided() -> None:
    """
    ``all of`` fails with its failing parts; ``any of`` passes with its passing parts;
    ``not`` turns the answer and says so.
    """
    candidate = Candidate(person=OLENA, wants_work_at_short_notice=True)
    b1 = LanguageAtLeast(language="de", level=CefrLevel.B1)
    wants = WantsWorkAtShortNotice()

    every = in_target_group(all_of(wants, b1), candidate, on=ON)
    some = in_target_group(any_of(b1, wants), candidate, on=ON)
    negated = in_target_group(Not(rule=b1), candidate, on=ON)

    assert (False, ("language_level_below",)) == (every.value, every.codes)
    assert (True, ("wants_work_at_short_notice",)) == (some.value, some.codes)
    assert (True, ("language_level_below", "negated_rule")) == (negated.value, negated.codes)


def test_an_offer_open_to_everyone_takes_anyone_and_says_so() -> None:
    """SGB II § 16 Abs. 1: an offer without a target group."""
    decision = in_target_group(Everyone(), Candidate(person=OLENA), on=ON)

    assert (True, ("open_to_everyone",)) == (decision.value, decision.codes)


_SHORTER_HOURS = attrs.evolve(
    DEFAULT_POLICY, min_daily_work_hours=Dated.always(2.5, note="test: 2.5 hours a day")
)
_ASSESSED = attrs.evolve(
    OLENA, work_capacity=WorkCapacity(hours_per_day=2.75, assessed_on=D(2022, 3, 1))
)


@pytest.mark.parametrize(
    ("rule", "default", "shorter"),
    [
        (Employable(), False, True),
        (all_of(Employable(), Everyone()), False, True),
        (any_of(Employable(), Not(rule=Everyone())), False, True),
        (Not(rule=Employable()), True, False),
    ],
)
def test_employability_in_a_target_group_is_asked_under_the_policy_given(
    rule: TargetGroupRule, default: bool, shorter: bool
) -> None:
    """
    SGB II § 8 Abs. 1 as a parameter: assessed at 2.75 hours a day, she is employable
    under a policy asking 2.5 hours, not under the default 3, however the rule nests.
    """
    candidate = Candidate(person=_ASSESSED)

    assert (default, shorter) == (
        in_target_group(rule, candidate, on=ON).value,
        in_target_group(rule, candidate, on=ON, policy=_SHORTER_HOURS).value,
    )


def test_a_failing_combined_rule_lists_what_its_failing_parts_presumed() -> None:
    """An unknown wish to work soon is presumed 'no' and listed, also inside ``all of``."""
    rule = all_of(WantsWorkAtShortNotice(), LanguageAtLeast(language="de", level=CefrLevel.A1))

    decision = in_target_group(rule, Candidate(person=OLENA), on=ON)

    assert (False, ["wants_work_at_short_notice"]) == (
        decision.value,
        [a.fact for a in decision.missing],
    )


@pytest.mark.parametrize(
    ("language", "shown"), [("de", "speaks de at A2, below B1"), ("en", "speaks en not at all")]
)
def test_a_language_below_the_level_says_the_level_found(language: str, shown: str) -> None:
    """The reason says at which level the person speaks the language, or that they do not."""
    decision = in_target_group(
        LanguageAtLeast(language=language, level=CefrLevel.B1), Candidate(person=OLENA), on=ON
    )

    assert decision.reasons[0].message.startswith(shown)


def test_every_child_without_secured_care_is_counted() -> None:
    """SGB II § 10 Abs. 1 Nr. 3: three children without a place are three, not one."""
    candidate = _mother_of(
        ("p-2", D(2017, 1, 1), ChildCare.NONE),
        ("p-3", D(2018, 1, 1), ChildCare.NONE),
        ("p-4", D(2019, 1, 1), None),
        ("p-5", D(2020, 1, 1), None),
    )

    (reason,) = in_target_group(HasChildrenNeedingCare(), candidate, on=ON).reasons

    assert reason.message.startswith("4 ")


@pytest.mark.parametrize("first", [D(2006, 1, 1), D(2022, 6, 22)])
def test_a_child_past_the_care_age_or_not_yet_born_listed_first_hides_no_child_needing_care(
    first: Date,
) -> None:
    """
    SGB II § 10 Abs. 1 Nr. 3: every child counts, in whatever order they are listed; a
    child of 16, or one born the day after, listed first leaves the five-year-old
    without care counted.
    """
    candidate = _mother_of(("p-2", first, ChildCare.NONE), ("p-3", D(2017, 3, 3), ChildCare.NONE))

    decision = in_target_group(HasChildrenNeedingCare(), candidate, on=ON)

    assert (True, ("children_need_care",)) == (decision.value, decision.codes)
    assert decision.reasons[0].message.startswith("1 ")
