"""
What a case file can ask: each rule by the name a case gives in ``rule:``, the keys its
facts are given under (with the type each is read as, by the JSON converter), whether it
takes a reference day, and what its answer is compared with.

=========================  ==========================================  =====  ============
rule                       facts                                       day    answer
=========================  ==========================================  =====  ============
``working_age_end``        ``birth_date``                              no     a date
``school_entry_date``      ``birth_date``                              no     a date
``childcare_entitlement``  ``birth_date``                              yes    a decision
``is_of_working_age``      ``person``                                  yes    a decision
``is_employable``          ``person``                                  yes    a decision
``needs_interpreter``      ``person``, ``caseworker``                  yes    a decision
``in_target_group``        ``target_group``, ``candidate``             yes    a decision
``benefit_regime``         ``household``, ``person`` (a member's id)   yes    a decision
``work_is_reasonable``     ``household``, ``person`` (a member's id)   yes    a decision
``is_the_caring_parent``   ``household``, ``person`` (a member's id)   no     a decision
``employment_readiness``   ``household``, ``person``, ``profile``      yes    a decision
``benefit_unit``           ``household``, ``member_id`` (optional)     yes    a decision
``benefit_units``          ``household``                               yes    a decision
``allocate``               ``offer``, ``registrations``, optional      may    an allocation
                           ``candidates``, ``caseworkers``,
                           ``commitments``
``add_session``            as ``allocate``, and ``session``, ``at``    may    a roster
=========================  ==========================================  =====  ============

A decision is compared by ``value``, ``reasons`` (the codes), ``citations`` (the legal
references as written, ``SGB II § 74``) and ``presumed`` (the facts that were missing),
each exactly or, with ``_include``, at least; an allocation or roster by
``placements``, ``waitlist``, ``rejections`` (their reason codes), ``seat_offers``
(roster), ``demand_signal`` (extra sessions) and ``presumed`` (allocation).

>>> from jobcenter_core.testing.case_rules import RULES
>>> sorted(RULES)[:3]
['add_session', 'allocate', 'benefit_regime']
>>> RULES["benefit_regime"].facts["person"].member
True
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
from collections.abc import Callable, Mapping
from typing import Any, Final, Literal

import attrs
from pendulum import Date, DateTime

from jobcenter_core.consultations import Caseworker
from jobcenter_core.decisions import Assumption, Decision
from jobcenter_core.enrolment import (
    ANYONE,
    Allocation,
    Commitment,
    OfferState,
    OpenRegistration,
    Registration,
    add_session,
    allocate,
    demand_signal,
    open_offer,
    register,
)
from jobcenter_core.errors import InvalidInput
from jobcenter_core.households import Household
from jobcenter_core.needs import NeedsProfile
from jobcenter_core.offers import Candidate, GroupOffer, Session, TargetGroupRule
from jobcenter_core.parameters import Policy
from jobcenter_core.people import Person
from jobcenter_core.rules import (
    BenefitRegime,
    ChildcareEntitlement,
    Readiness,
    benefit_regime,
    benefit_unit,
    benefit_units,
    childcare_entitlement,
    employment_readiness,
    in_target_group,
    is_employable,
    is_of_working_age,
    is_the_caring_parent,
    needs_interpreter,
    school_entry_date,
    work_is_reasonable,
    working_age_end,
)

__all__ = [
    "PRESUMED",
    "RULES",
    "Answer",
    "CaseRule",
    "Fact",
    "Mismatch",
    "actual",
    "compare",
    "explain",
    "json_form",
    "mismatch",
]

Facts = Mapping[str, Any]
"""The facts of a case, read into the library's types, by key."""

Answer = Literal["decision", "value", "allocation", "roster"]
"""What a rule answers: a decision, a plain value, an allocation or a roster."""

Day = Literal["required", "none", "optional"]


@attrs.frozen
class Fact:
    """
    One fact a rule takes: read as *type* by the JSON converter; *required* or not; a
    *member* fact is the id of a member of the case's household (the rule is given the
    member's person).
    """

    type: Any
    required: bool = True
    member: bool = False


@attrs.frozen(kw_only=True)
class CaseRule:
    """
    A rule a case can name: its *facts* by key, whether it takes a reference *day*, what
    it *answers* (and the type of the answer's *value*), and how it is *called* with the
    facts, the day and the policy.
    """

    name: str
    facts: Mapping[str, Fact]
    day: Day
    answer: Answer
    value_type: Any
    call: Callable[[Facts, Date | None, Policy], Any]

    @property
    def expectations(self) -> Mapping[str, Any]:
        """The keys an expectation of this rule may have, with the type each is read as."""
        keys = dict(_EXPECTATIONS[self.answer])
        if self.answer in ("decision", "value"):
            keys = {"value": self.value_type, **keys}
        return keys


@attrs.frozen
class Mismatch:
    """What a check found different: the expectation's *key*, *expected* and *actual*, as JSON."""

    key: str
    expected: str
    actual: str


_CODES = tuple[str, ...]
_BY_SESSION = dict[str, tuple[str, ...]]

PRESUMED: Final = tuple[str | Assumption, ...]
"""The type of a ``presumed`` expectation: facts by name, or with what was presumed."""

_EXPECTATIONS: Final[Mapping[Answer, Mapping[str, Any]]] = {
    "decision": {
        "reasons": _CODES,
        "reasons_include": _CODES,
        "citations": _CODES,
        "citations_include": _CODES,
        "presumed": PRESUMED,
        "presumed_include": PRESUMED,
    },
    "value": {},
    "allocation": {
        "placements": _BY_SESSION,
        "waitlist": _CODES,
        "rejections": _BY_SESSION,
        "demand_signal": int,
        "presumed": PRESUMED,
        "presumed_include": PRESUMED,
    },
    "roster": {
        "placements": _BY_SESSION,
        "seat_offers": _BY_SESSION,
        "waitlist": _CODES,
        "rejections": _BY_SESSION,
        "demand_signal": int,
    },
}


def json_form(value: Any) -> Any:
    """
    *value* as it is written in a case file (and in JSON): dates as text, enums by
    value, sets as sorted lists.

    >>> import pendulum
    >>> from jobcenter_core.rules import BenefitRegime
    >>> from jobcenter_core.testing.case_rules import json_form
    >>> json_form((frozenset({"m", "c"}), pendulum.date(2022, 6, 1), BenefitRegime.SGB_II))
    [['c', 'm'], '2022-06-01', 'sgb_ii']
    """
    if isinstance(value, enum.Enum):
        return json_form(value.value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return sorted((json_form(v) for v in value), key=_json_text)
    if isinstance(value, tuple | list):
        return [json_form(v) for v in value]
    if isinstance(value, dict):
        return {k: json_form(v) for k, v in value.items()}
    if attrs.has(type(value)):
        return {k: json_form(v) for k, v in attrs.asdict(value, recurse=False).items()}
    return value


def _json_text(value: Any) -> str:
    return json.dumps(json_form(value), ensure_ascii=False)


# --- the rules -------------------------------------------------------------------------


def _member(facts: Facts, key: str = "person") -> Person:
    household: Household = facts["household"]
    return household.person(facts[key])


def _candidates(facts: Facts) -> dict[str, Candidate] | None:
    given: tuple[Candidate, ...] | None = facts.get("candidates")
    return None if given is None else {c.person_id: c for c in given}


def _who_may_register(facts: Facts) -> frozenset[str] | OpenRegistration:
    """The case workers, or ANYONE when the case says ``open_registration: true``: who
    may register is never presumed, so a case gives one or the other."""
    if facts.get("open_registration", False):
        return ANYONE
    given: frozenset[str] | None = facts.get("caseworkers")
    if given is None:
        raise InvalidInput.one(
            "$.caseworkers", "required: the case workers' ids, or open_registration: true"
        )
    return given


def _allocate(facts: Facts, on: Date | None, policy: Policy) -> Allocation:
    return allocate(
        facts["offer"],
        facts["registrations"],
        policy=policy,
        commitments=facts.get("commitments", ()),
        candidates=_candidates(facts),
        caseworkers=_who_may_register(facts),
        on=on,
    )


def _add_session(facts: Facts, on: Date | None, policy: Policy) -> OfferState:
    opened = open_offer(
        facts["offer"],
        commitments=facts.get("commitments", ()),
        caseworkers=_who_may_register(facts),
    )
    state = opened.state
    candidates = _candidates(facts) or {}
    for registration in facts["registrations"]:
        candidate = candidates.get(registration.person_id)
        state = register(state, registration, candidate=candidate, on=on, policy=policy).state
    return add_session(state, facts["session"], at=facts["at"], policy=policy).state


_PERSON = Fact(Person)
_HOUSEHOLD = Fact(Household)
_MEMBER = Fact(str, member=True)
_BIRTH_DATE = Fact(Date)
_ENROLMENT = {
    "offer": Fact(GroupOffer),
    "registrations": Fact(tuple[Registration, ...]),
    "candidates": Fact(tuple[Candidate, ...], required=False),
    "caseworkers": Fact(frozenset[str], required=False),
    "open_registration": Fact(bool, required=False),
    "commitments": Fact(tuple[Commitment, ...], required=False),
}


def _rule(
    name: str,
    facts: Mapping[str, Fact],
    day: Day,
    answer: Answer,
    value_type: Any,
    call: Callable[[Facts, Date | None, Policy], Any],
) -> tuple[str, CaseRule]:
    rule = CaseRule(
        name=name, facts=facts, day=day, answer=answer, value_type=value_type, call=call
    )
    return name, rule


def _day(on: Date | None) -> Date:
    assert on is not None  # the loader gives a day to every rule that takes one
    return on


def _of_birth_date(rule: Callable[..., Any]) -> Callable[[Facts, Date | None, Policy], Any]:
    return lambda f, on, policy: rule(f["birth_date"], on=_day(on), policy=policy)


def _of_person(rule: Callable[..., Any]) -> Callable[[Facts, Date | None, Policy], Any]:
    return lambda f, on, policy: rule(f["person"], on=_day(on), policy=policy)


def _of_member(rule: Callable[..., Any]) -> Callable[[Facts, Date | None, Policy], Any]:
    return lambda f, on, policy: rule(_member(f), f["household"], on=_day(on), policy=policy)


_AS_MEMBER = {"household": _HOUSEHOLD, "person": _MEMBER}

RULES: Final[Mapping[str, CaseRule]] = dict(
    [
        _rule(
            "working_age_end",
            {"birth_date": _BIRTH_DATE},
            "none",
            "value",
            Date,
            lambda f, on, policy: working_age_end(f["birth_date"], policy=policy),
        ),
        _rule(
            "school_entry_date",
            {"birth_date": _BIRTH_DATE},
            "none",
            "value",
            Date,
            lambda f, on, policy: school_entry_date(f["birth_date"], policy=policy),
        ),
        _rule(
            "childcare_entitlement",
            {"birth_date": _BIRTH_DATE},
            "required",
            "decision",
            ChildcareEntitlement,
            _of_birth_date(childcare_entitlement),
        ),
        _rule(
            "is_of_working_age",
            {"person": _PERSON},
            "required",
            "decision",
            bool,
            _of_person(is_of_working_age),
        ),
        _rule(
            "is_employable",
            {"person": _PERSON},
            "required",
            "decision",
            bool,
            _of_person(is_employable),
        ),
        _rule(
            "needs_interpreter",
            {"person": _PERSON, "caseworker": Fact(Caseworker)},
            "required",
            "decision",
            bool,
            lambda f, on, policy: needs_interpreter(
                f["person"], f["caseworker"], on=_day(on), policy=policy
            ),
        ),
        _rule(
            "in_target_group",
            {"target_group": Fact(TargetGroupRule), "candidate": Fact(Candidate)},
            "required",
            "decision",
            bool,
            lambda f, on, policy: in_target_group(
                f["target_group"], f["candidate"], on=_day(on), policy=policy
            ),
        ),
        _rule(
            "benefit_regime",
            _AS_MEMBER,
            "required",
            "decision",
            BenefitRegime,
            _of_member(benefit_regime),
        ),
        _rule(
            "work_is_reasonable",
            _AS_MEMBER,
            "required",
            "decision",
            bool,
            _of_member(work_is_reasonable),
        ),
        _rule(
            "is_the_caring_parent",
            _AS_MEMBER,
            "none",
            "decision",
            bool,
            lambda f, on, policy: is_the_caring_parent(_member(f), f["household"]),
        ),
        _rule(
            "employment_readiness",
            _AS_MEMBER | {"profile": Fact(NeedsProfile)},
            "required",
            "decision",
            Readiness,
            lambda f, on, policy: employment_readiness(
                _member(f), f["household"], f["profile"], on=_day(on), policy=policy
            ),
        ),
        _rule(
            "benefit_unit",
            {"household": _HOUSEHOLD, "member_id": Fact(str, required=False, member=True)},
            "required",
            "decision",
            frozenset[str],
            lambda f, on, policy: benefit_unit(
                f["household"], on=_day(on), member_id=f.get("member_id"), policy=policy
            ),
        ),
        _rule(
            "benefit_units",
            {"household": _HOUSEHOLD},
            "required",
            "decision",
            tuple[frozenset[str], ...],
            lambda f, on, policy: benefit_units(f["household"], on=_day(on), policy=policy),
        ),
        _rule("allocate", _ENROLMENT, "optional", "allocation", None, _allocate),
        _rule(
            "add_session",
            _ENROLMENT | {"session": Fact(Session), "at": Fact(DateTime)},
            "optional",
            "roster",
            None,
            _add_session,
        ),
    ]
)
"""Every rule a case can name, by name."""


# --- comparing answers -----------------------------------------------------------------


def _ids(registrations: tuple[Registration, ...]) -> list[str]:
    return [r.id for r in registrations]


def actual(rule: CaseRule, answer: Any, key: str, policy: Policy, on: Date | None) -> Any:
    """
    What *answer* says for the expectation *key*, in the form the expectation is read in.

    >>> import pendulum
    >>> from jobcenter_core.testing.case_rules import RULES, actual
    >>> from jobcenter_core.parameters import DEFAULT_POLICY
    >>> actual(RULES["school_entry_date"], pendulum.date(2025, 8, 1), "value", DEFAULT_POLICY, None)
    Date(2025, 8, 1)
    """
    if rule.answer == "value":
        return answer
    if rule.answer == "decision":
        decision: Decision[Any] = answer
        kind = key.removesuffix("_include")
        if kind == "value":
            return decision.value
        if kind == "reasons":
            return decision.codes
        if kind == "citations":
            return tuple(str(r) for r in decision.references)
        return decision.missing
    roster: Allocation | OfferState = answer
    if key == "placements":
        placements = roster.placements if isinstance(roster, Allocation) else roster.placements()
        return {sid: tuple(_ids(placed)) for sid, placed in placements}
    if key == "waitlist":
        waiting = roster.waitlist if isinstance(roster, Allocation) else roster.waitlist()
        return tuple(_ids(waiting))
    if key == "rejections":
        rejections = roster.rejections if isinstance(roster, Allocation) else roster.rejections()
        return {r.registration.id: tuple(c.code for c in r.reasons) for r in rejections}
    if key == "seat_offers":
        assert isinstance(roster, OfferState)
        offers: dict[str, tuple[str, ...]] = {s.id: () for s in roster.offer.sessions}
        for offer in roster.seat_offers():
            offers[offer.session_id] += (offer.registration_id,)
        return offers
    if key == "demand_signal":
        return demand_signal(roster, policy=policy, on=on).value
    assert isinstance(roster, Allocation)
    return roster.missing


def compare(expected: Any, found: Any, key: str) -> bool:
    """
    Whether *found* meets the expectation *key*: ``_include`` keys ask for at least the
    expected items; placements, seat offers and rejections list the sessions (or
    registrations) that have any, the others are expected empty; the rest is equality.

    >>> from jobcenter_core.testing.case_rules import compare
    >>> compare(("a",), ("a", "b"), "reasons_include"), compare(("a",), ("a", "b"), "reasons")
    (True, False)
    >>> compare({"s-1": ("r-1",)}, {"s-1": ("r-1",), "s-2": ()}, "placements")
    True
    """
    if key.startswith("presumed"):
        return _presumed(expected, found, include=key.endswith("_include"))
    if key.endswith("_include"):
        return set(expected) <= set(found)
    if key in ("placements", "seat_offers", "rejections"):
        return bool(expected == {k: v for k, v in found.items() if v or k in expected})
    return bool(expected == found)


def _presumed(
    expected: tuple[str | Assumption, ...], found: tuple[Assumption, ...], *, include: bool
) -> bool:
    """A presumption named by its fact matches on the fact, one with what was presumed on both."""

    def meets(item: str | Assumption, assumption: Assumption) -> bool:
        return item == (assumption.fact if isinstance(item, str) else assumption)

    if include:
        return all(any(meets(item, a) for a in found) for item in expected)
    return len(expected) == len(found) and all(map(meets, expected, found))


def explain(rule: CaseRule, answer: Any, mismatches: tuple[Mismatch, ...]) -> str:
    """
    The ``explain()`` text behind a failed check: the decision's, or for an allocation
    that of every registration whose outcome differs (a roster has none).
    """
    if rule.answer == "decision":
        decision: Decision[Any] = answer
        return decision.explain()
    if rule.answer != "allocation":
        return ""
    allocation: Allocation = answer
    named: dict[str, None] = {}
    for mismatch in mismatches:
        if mismatch.key in ("placements", "waitlist", "rejections"):
            for text in (mismatch.expected, mismatch.actual):
                for registration_id in _mentioned(json.loads(text)):
                    named.setdefault(registration_id, None)
    known = {r.id for r in _all_registrations(allocation)}
    lines = []
    for registration_id in named:
        if registration_id in known:
            lines.append(f"{registration_id}: {allocation.explain(registration_id).explain()}")
    return "\n".join(lines)


def _mentioned(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(i for v in value.values() for i in _mentioned(v))]
    if isinstance(value, list):
        return [i for v in value for i in _mentioned(v)]
    return [value] if isinstance(value, str) else []


def _all_registrations(allocation: Allocation) -> list[Registration]:
    placed = [r for _, regs in allocation.placements for r in regs]
    return [*placed, *allocation.waitlist, *(r.registration for r in allocation.rejections)]


def mismatch(key: str, expected: Any, found: Any) -> Mismatch:
    """
    A :class:`Mismatch` with both sides written as JSON; presumptions as their facts
    unless the expectation says what was presumed.

    >>> from jobcenter_core.decisions import Assumption
    >>> from jobcenter_core.testing.case_rules import mismatch
    >>> mismatch("presumed", ("work_capacity",), (Assumption(fact="c.marital_status", presumed="unmarried"),))
    Mismatch(key='presumed', expected='["work_capacity"]', actual='["c.marital_status"]')
    """
    if key.startswith("presumed") and all(isinstance(item, str) for item in expected):
        found = tuple(a.fact for a in found)
    return Mismatch(key, _json_text(expected), _json_text(found))
