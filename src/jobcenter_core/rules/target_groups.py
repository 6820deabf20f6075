"""
Target groups (rules/target_groups.py): whether a person is in the group an offer or a
coaching programme is meant for.

An offer names its target group as a rule *value* (:mod:`jobcenter_core.offers`:
:class:`~jobcenter_core.offers.Employable`, :class:`~jobcenter_core.offers.LanguageAtLeast`
… and the combinators); :func:`~jobcenter_core.rules.in_target_group` evaluates it for one
:class:`~jobcenter_core.offers.Candidate` on a day and answers with a
:class:`~jobcenter_core.decisions.Decision` that cites the law. Enrolment and coaching
both use it.

References:
    SGB II § 16 Abs. 1 with SGB III § 45; § 8; § 10 Abs. 1 Nr. 3.
"""

from __future__ import annotations

import datetime as _dt

from jobcenter_core.dates import completed_years
from jobcenter_core.decisions import Assumption, Decision, Reason, sgb2
from jobcenter_core.offers import (
    AllOf,
    AnyOf,
    Candidate,
    Employable,
    Everyone,
    HasChildrenNeedingCare,
    LanguageAtLeast,
    Not,
    TargetGroupRule,
    WantsWorkAtShortNotice,
)
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.rules.employability import is_employable

__all__ = ["in_target_group"]

_CHILD_UPBRINGING = sgb2("10", "1", number="3")


def in_target_group(
    rule: TargetGroupRule, candidate: Candidate, *, on: _dt.date, policy: Policy = DEFAULT_POLICY
) -> Decision[bool]:
    """
    Whether *candidate* is in the target group *rule* on *on*, with reasons.

    The reasons are those of the parts that decided: a failed ``AllOf`` cites its failing
    rules, a met ``AnyOf`` its met rules.

    >>> import pendulum
    >>> from jobcenter_core.languages import CefrLevel, LanguageSkill
    >>> from jobcenter_core.offers import LanguageAtLeast, WantsWorkAtShortNotice, all_of
    >>> from jobcenter_core.people import Person, Sex
    >>> olena = Person(id="p-1", birth_date=pendulum.date(1988, 4, 2), sex=Sex.FEMALE,
    ...                languages=(LanguageSkill(language="de", level=CefrLevel.A2),))
    >>> rule = all_of(WantsWorkAtShortNotice(), LanguageAtLeast(language="de", level=CefrLevel.B1))
    >>> from jobcenter_core.offers import Candidate
    >>> d = in_target_group(rule, Candidate(person=olena, wants_work_at_short_notice=True),
    ...                     on=pendulum.date(2022, 6, 21))
    >>> d.value, d.codes
    (False, ('language_level_below',))

    References:
        SGB II § 16 Abs. 1 with SGB III § 45; § 8 (employability); § 10 Abs. 1 Nr. 3
        (care of children).
    """
    match rule:
        case Everyone():
            return Decision(
                value=True,
                reasons=(Reason(code="open_to_everyone", message="the offer is open to everyone"),),
            )
        case Employable():
            return is_employable(candidate.person, on=on, policy=policy)
        case WantsWorkAtShortNotice():
            return _wants_work(candidate)
        case LanguageAtLeast(language=language, level=level):
            found = candidate.person.level_in(language)
            if found is not None and found >= level:
                return Decision(
                    value=True,
                    reasons=(
                        Reason(
                            code="language_level_met",
                            message=f"speaks {language} at {found.value}, at least {level.value}",
                        ),
                    ),
                )
            shown = "not at all" if found is None else f"at {found.value}"
            return Decision(
                value=False,
                reasons=(
                    Reason(
                        code="language_level_below",
                        message=f"speaks {language} {shown}, below {level.value}",
                    ),
                ),
            )
        case HasChildrenNeedingCare():
            return _children_needing_care(candidate, on=on, policy=policy)
        case AllOf(rules=rules) | AnyOf(rules=rules):
            # The answer cites the parts that decided it: for "all of", the failing parts
            # when it fails; for "any of", the passing parts when it passes.
            parts = [in_target_group(r, candidate, on=on, policy=policy) for r in rules]
            met = all if isinstance(rule, AllOf) else any
            value = met(p.value for p in parts)
            decisive = (
                parts
                if isinstance(rule, AllOf) == value
                else [p for p in parts if p.value == value]
            )
            return Decision(
                value=value,
                reasons=tuple(x for p in decisive for x in p.reasons),
                missing=tuple(m for p in decisive for m in p.missing),
            )
        case Not(rule=inner):
            part = in_target_group(inner, candidate, on=on, policy=policy)
            negation = Reason(
                code="negated_rule", message="the offer is for people for whom this does not hold"
            )
            return Decision(
                value=not part.value, reasons=(*part.reasons, negation), missing=part.missing
            )
    raise TypeError(f"not a target-group rule: {type(rule).__name__}")  # pragma: no cover


def _wants_work(candidate: Candidate) -> Decision[bool]:
    wants = candidate.wants_work_at_short_notice
    if wants is None:
        return Decision(
            value=False,
            reasons=(
                Reason(
                    code="short_notice_wish_unknown",
                    message="no wish to take up work at short notice recorded",
                ),
            ),
            missing=(Assumption(fact="wants_work_at_short_notice", presumed="no"),),
        )
    if wants:
        return Decision(
            value=True,
            reasons=(
                Reason(
                    code="wants_work_at_short_notice",
                    message="wants to take up work at short notice",
                ),
            ),
        )
    return Decision(
        value=False,
        reasons=(
            Reason(
                code="no_short_notice_wish",
                message="does not want to take up work at short notice",
            ),
        ),
    )


def _children_needing_care(candidate: Candidate, *, on: _dt.date, policy: Policy) -> Decision[bool]:
    household = candidate.household
    if household is None:
        return Decision(
            value=False,
            reasons=(
                Reason(code="household_unknown", message="no household given: no children known"),
            ),
            missing=(Assumption(fact="household", presumed="no children needing care"),),
        )
    below = policy.care_required_below_age.at(on)
    missing: list[Assumption] = []
    count = 0
    for child_id in household.children_of(candidate.person.id):
        member = household.member(child_id)
        birth = member.person.birth_date
        if birth > on or completed_years(birth, on=on) >= below:
            continue
        if member.child_care is None:
            missing.append(Assumption(fact="child_care", presumed="not secured"))
            count += 1
        elif not member.child_care.is_secured:
            count += 1
    if count:
        reason = Reason(
            code="children_need_care",
            message=f"{count} child(ren) under {below} without secured care",
            reference=_CHILD_UPBRINGING,
        )
        return Decision(value=True, reasons=(reason,), missing=tuple(missing))
    reason = Reason(
        code="no_children_needing_care",
        message=f"no child under {below} without secured care",
        reference=_CHILD_UPBRINGING,
    )
    return Decision(value=False, reasons=(reason,))
