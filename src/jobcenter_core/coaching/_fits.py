"""
Engine: the value and reason codes of :func:`~jobcenter_core.coaching.referral_fit` for
many parents, the readable rule asked once per *shape* of what it reads
(coaching/_fits.py).

It speaks no law. :class:`FitAnswers` keeps, for one day and policy at a time, what the
rules answered, in three layers, each under a key that holds what the rule asked on a
miss reads (so that every person with the same key gets the same answer):

* a **person's answer** — the value and codes of
  :func:`~jobcenter_core.rules.is_employable` and
  :func:`~jobcenter_core.rules.benefit_regime` — by the person's shape: the birth date
  as its class on the day (not yet born; else the completed years placed among the
  policy's ``lower_age_limit`` and ``identity_registration_min_age``, ``<`` and ``==``
  told apart, and whether the day is past :func:`~jobcenter_core.rules.working_age_end`);
  the assessed hours placed among the policy's ``min_daily_work_hours``; the document,
  and every date (first issue, identity registration, the household's approval period's
  end) placed among every date the policy holds and the day itself; the other flags as
  they are (identity registered, stored in the central register, work permitted). Only
  an employable person's answer is kept: for any other, the regime reads the benefit
  unit, and the readable rule is asked as it stands;
* a **mobility answer** — the value and codes of
  :func:`~jobcenter_core.coaching.mobility_limited` — by whether the person is marked
  primary carer; the set of kinds of the person's own children young enough to need
  care (``policy.care_required_below_age``): cared for by another parent marked primary
  carer, care secured, or without a place — and then, only when the code
  ``care_place_entitlement`` is wanted (the one reason that reads it), what care the
  child is entitled to (:func:`~jobcenter_core.rules.childcare_entitlement`, asked once
  per birth date); and the transport, and the distance placed against
  ``policy.coaching_far_from_centre_km``;
* the **fit** — the value and codes of ``referral_fit`` — by the programme (its
  languages and whether a coach coaches in each, target group, whether it cites § 16k,
  delivery), whether the person speaks each of its languages at
  ``policy.interpreter_level``, the person's answer and the mobility answer: what
  ``referral_fit`` reads of the person and the household goes through those.

Each layer's key also holds which codes the caller wants (all, or a given set): only
the value and those codes are kept, never the messages or the presumptions. The
children's order and number change only the presumptions, so the key holds the set of
their kinds. A programme whose target-group rule is not ``Employable()`` or
``Everyone()`` reads more of the person: then the readable rule is asked each time.
:meth:`FitAnswers.carers` finds, in the same pass over a household that the fit then
reads again (the household asked about last is kept by identity, with it), whom
``mobility_limited`` says care for a child without a care place
(``coaching/_carers.py``), and :meth:`FitAnswers.employable` the value of
:func:`~jobcenter_core.rules.is_employable` by the person's shape, which the fit reads
next (the person asked about last and its shape are kept by identity, with it).

``tests/coaching/test_engine_fits.py`` checks the answers against the readable rule on
the library's strategies, with near twins that differ in one fact the rule reads, and at
the edges of the dates and ages it compares; ``tests/coaching/test_engine_carers.py``
checks the carers.

The object is explicit state of its owner — one batch of job centres in one process —
and is never shared between threads. Memory is bounded: at most ``size`` kept answers of
each kind (all forgotten when full), for one (day, policy) at a time.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Hashable

from jobcenter_core._landmarks import policy_numbers
from jobcenter_core._shapes import PersonShapes
from jobcenter_core.coaching._carers import carers_among, members_by_id, parents_of_children
from jobcenter_core.coaching.fit import CoachingFit, Mobility, mobility_limited, referral_fit
from jobcenter_core.coaching.programme import CoachingProgramme
from jobcenter_core.dates import completed_years
from jobcenter_core.households import ChildCare, Household, Member, RelationshipKind
from jobcenter_core.offers import Employable, Everyone
from jobcenter_core.parameters import Policy
from jobcenter_core.people import Person
from jobcenter_core.rules import (
    ChildcareEntitlement,
    benefit_regime,
    childcare_entitlement,
    is_employable,
)

__all__ = ["FitAnswers"]

Fit = tuple[CoachingFit, tuple[str, ...]]
"""The value of a fit and the codes of its reasons, in order."""

_AGES_READ = ("lower_age_limit", "identity_registration_min_age")
"""The policy's whole numbers that employability and the regime of an employable person
compare the person's completed years with."""
_HOURS_READ = ("min_daily_work_hours",)
"""The policy's numbers that employability compares assessed hours with."""
_KEPT_RULES = (Employable(), Everyone())
"""The target-group rules whose reads are in the person's answer."""
_OTHER_PARENT_CARES = 1
_SECURED = 2
_WITHOUT_PLACE = 4
_ENTITLEMENT_CODE = "care_place_entitlement"
"""The only code of the fit whose reason reads what care a child is entitled to."""
_NO_CARE = ChildCare.NONE
_CHILD = RelationshipKind.CHILD
_PARENT = RelationshipKind.PARENT


def _among(found: tuple[str, ...], codes: frozenset[str] | None) -> tuple[str, ...]:
    """The codes of *found* among *codes* (all without *codes*), in order."""
    return found if codes is None else tuple(c for c in found if c in codes)


class _Numbered:
    """Answers by number: equal answers get one number."""

    __slots__ = ("decoded", "numbers")

    def __init__(self) -> None:
        self.numbers: dict[Hashable, int] = {}
        self.decoded: list[Hashable] = []

    def number(self, answer: Hashable) -> int:
        found = self.numbers.get(answer)
        if found is None:
            found = self.numbers[answer] = len(self.decoded)
            self.decoded.append(answer)
        return found


class _Day:
    """The classes and kept answers of one day and policy."""

    __slots__ = (
        "care_age",
        "classes",
        "employables",
        "entitled",
        "fits",
        "km",
        "last",
        "last_members",
        "last_parents",
        "last_person",
        "last_shape",
        "mobility",
        "mobility_answers",
        "needing",
        "on",
        "person_answers",
        "persons",
        "policy",
        "programme_keys",
        "programmes",
        "size",
        "spoken",
        "wanted",
    )

    def __init__(self, on: _dt.date, policy: Policy, size: int) -> None:
        self.on = on
        self.policy = policy
        self.size = size
        self.classes = PersonShapes(
            on,
            policy,
            ages=policy_numbers(policy, _AGES_READ),
            hours=policy_numbers(policy, _HOURS_READ),
            size=size,
        )
        """Each person's shape, numbered (``_shapes.py``)."""
        level = policy.interpreter_level.at(on)
        self.spoken = frozenset(id(x) for x in type(level) if x >= level)
        self.care_age = policy.care_required_below_age.at(on)
        self.km = policy.coaching_far_from_centre_km.at(on)
        self.needing: dict[_dt.date, bool] = {}
        self.last: Household | None = None
        self.last_person: Person | None = None
        self.last_shape = 0
        self.employables: dict[Hashable, bool] = {}
        self.last_parents: dict[str, list[str]] = {}
        self.last_members: dict[str, Member] | None = None
        self.entitled: dict[_dt.date, int] = {}
        self.programmes: dict[int, tuple[CoachingProgramme, int, tuple[str, ...]]] = {}
        self.programme_keys = _Numbered()
        self.persons: dict[Hashable, int | None] = {}
        self.person_answers = _Numbered()
        self.mobility: dict[Hashable, int] = {}
        self.mobility_answers = _Numbered()
        self.fits: dict[Hashable, Fit] = {}
        self.wanted = _Numbered()

    # --- classes of facts -------------------------------------------------------------

    def needs_care(self, born: _dt.date) -> bool:
        """Whether a child born on *born* is born and under the care age."""
        found = self.needing.get(born)
        if found is None:
            on = self.on
            found = born <= on and completed_years(born, on=on) < self.care_age
            if len(self.needing) >= self.size:
                self.needing.clear()
            self.needing[born] = found
        return found

    def entitlement(self, born: _dt.date) -> int:
        """
        What care a child born on *born* is entitled to (asked once per birth date), as
        a bit of its own above the other kinds' bits.
        """
        found = self.entitled.get(born)
        if found is None:
            value = childcare_entitlement(born, on=self.on, policy=self.policy).value
            found = 8 << list(ChildcareEntitlement).index(value)
            if len(self.entitled) >= self.size:
                self.entitled.clear()
            self.entitled[born] = found
        return found

    def shape(self, p: Person) -> int:
        """
        The number of the person's shape (``_shapes.py``; 0 for a person not yet born),
        but the household's approval period; kept for the person asked about last (by
        identity, with the person).
        """
        if p is not self.last_person:
            self.last_shape = self.classes.shape(p)
            self.last_person = p
        return self.last_shape

    def employable(self, person: Person) -> bool:
        """:func:`~jobcenter_core.rules.is_employable`'s value, kept by the person's shape."""
        shape = self.shape(person)
        found = self.employables.get(shape)
        if found is None:
            found = is_employable(person, on=self.on, policy=self.policy).value
            if len(self.employables) >= self.size:
                self.employables.clear()
            self.employables[shape] = found
        return found

    def programme(self, programme: CoachingProgramme) -> tuple[int, tuple[str, ...]]:
        """
        The number of what the fit reads of the programme, and its languages in order
        (kept by identity, with the programme, so that its identity is not another's).
        """
        kept = self.programmes.get(id(programme))
        if kept is not None and kept[0] is programme:
            return kept[1], kept[2]
        languages = tuple(sorted(programme.languages))
        key = self.programme_keys.number(
            (
                tuple((code, bool(programme.coaches_for(code))) for code in languages),
                programme.target_group,
                programme.cites_section_16k,
                programme.delivery,
            )
        )
        if len(self.programmes) >= self.size:
            self.programmes.clear()
        self.programmes[id(programme)] = (programme, key, languages)
        return key, languages

    def parents(self, household: Household) -> dict[str, list[str]]:
        """
        Each child's parents in the household asked about last (kept with it, so that
        its identity is not another's).
        """
        if household is not self.last:
            self.last = household
            self.last_parents = parents_of_children(household)
            self.last_members = None
        return self.last_parents

    def members(self, household: Household) -> dict[str, Member]:
        """The members by id of the household asked about last (see :meth:`parents`)."""
        if household is not self.last:
            self.parents(household)
        found = self.last_members
        if found is None:
            found = self.last_members = members_by_id(household)
        return found

    def carers(self, household: Household) -> set[str]:
        needing, needs_care = self.needing, self.needs_care
        for m in household.members:  # without a child that needs care and has no place:
            care = m.child_care  # nobody, and the household's relationships are not read
            if care is None or care is _NO_CARE:
                born = m.person.birth_date
                needs = needing.get(born)
                if needs or (needs is None and needs_care(born)):
                    break
        else:
            return set()
        parents = self.parents(household)
        if not parents:
            return set()
        return carers_among(parents, self.members(household), on=self.on, below=self.care_age)

    def care(self, parent: Member, household: Household, *, entitlement: bool) -> int:
        """
        The kinds of *parent*'s own children that need care (see the module's
        docstring), as a set of bits: cared for by another parent marked primary carer,
        care secured, or without a place and (when *entitlement*) the care the child is
        entitled to.
        """
        pid = parent.person.id
        parents = self.parents(household)
        members = self.members(household)
        kinds = 0
        for child_id, of in parents.items():
            if pid not in of:
                continue
            child = members[child_id]
            born = child.person.birth_date
            if not self.needs_care(born):
                continue
            if not parent.primary_carer and any(members[p].primary_carer for p in of):
                kinds |= _OTHER_PARENT_CARES
                continue
            care = child.child_care
            if care is not None and care.is_secured:
                kinds |= _SECURED
                continue
            kinds |= self.entitlement(born) if entitlement else _WITHOUT_PLACE
        return kinds

    # --- kept answers -----------------------------------------------------------------

    def person_answer(self, person: Person, household: Household) -> int | None:
        """The number of the person's answer, or ``None`` when it is not kept."""
        shape = (self.shape(person), self.classes.date(household.approval_period_ends_on))
        persons = self.persons
        try:
            return persons[shape]
        except KeyError:
            pass
        answer: int | None = None
        if shape[0] != 0:
            on, policy = self.on, self.policy
            employable = is_employable(person, on=on, policy=policy)
            if employable.value:
                regime = benefit_regime(person, household, on=on, policy=policy)
                answer = self.person_answers.number((employable.codes, regime.value, regime.codes))
        if len(persons) >= self.size:
            persons.clear()
        persons[shape] = answer
        return answer

    def mobility_answer(
        self,
        member: Member,
        household: Household,
        mobility: Mobility,
        codes: frozenset[str] | None,
        wanted: int,
    ) -> int:
        """
        The number of the mobility answer of *member*, a member of *household*: its
        value and codes (those among *codes*, numbered *wanted*, if given).
        """
        person = member.person
        care = self.care(member, household, entitlement=codes is None or _ENTITLEMENT_CODE in codes)
        distance = mobility.distance_to_centre_km
        key = (
            wanted,
            member.primary_carer,
            care,
            mobility.has_transport,
            None if distance is None else distance > self.km,
        )
        kept = self.mobility
        found = kept.get(key)
        if found is None:
            limited = mobility_limited(
                person, household, on=self.on, mobility=mobility, policy=self.policy
            )
            found = self.mobility_answers.number((limited.value, _among(limited.codes, codes)))
            if len(kept) >= self.size:
                kept.clear()
            kept[key] = found
        return found

    def fit(
        self,
        person: Person,
        household: Household,
        programme: CoachingProgramme,
        mobility: Mobility,
        codes: frozenset[str] | None,
    ) -> Fit:
        member = self.members(household).get(person.id)
        if member is None or programme.target_group.rule not in _KEPT_RULES:
            return self.asked(person, household, programme, mobility, codes)
        answer = self.person_answer(person, household)
        if answer is None:
            return self.asked(person, household, programme, mobility, codes)
        wanted = -1 if codes is None else self.wanted.number(codes)
        moving = self.mobility_answer(member, household, mobility, codes, wanted)
        spoken = self.spoken
        programme_key, languages = self.programme(programme)
        key = (
            wanted,
            programme_key,
            tuple(id(person.level_in(code)) in spoken for code in languages),
            answer,
            moving,
        )
        fits = self.fits
        found = fits.get(key)
        if found is None:
            found = self.asked(person, household, programme, mobility, codes)
            if len(fits) >= self.size:
                fits.clear()
            fits[key] = found
        return found

    def asked(
        self,
        person: Person,
        household: Household,
        programme: CoachingProgramme,
        mobility: Mobility,
        codes: frozenset[str] | None,
    ) -> Fit:
        """The readable rule's answer, as it stands."""
        d = referral_fit(
            person, household, programme, on=self.on, mobility=mobility, policy=self.policy
        )
        return (d.value, _among(d.codes, codes))


class FitAnswers:
    """
    The value and reason codes of :func:`~jobcenter_core.coaching.referral_fit`, the
    readable rule asked once per shape of what it reads (see the module's docstring);
    kept for one (day, policy) at a time, at most *size* answers of each kind. Pass the
    same one for every scenario of a batch.

    >>> from jobcenter_core.coaching import Mobility, referral_fit
    >>> from jobcenter_core.parameters import DEFAULT_POLICY
    >>> from jobcenter_core.scenarios import bocholt_june_2022
    >>> scenario = bocholt_june_2022()
    >>> household = scenario.caseload.households[0]
    >>> person = household.members[0].person
    >>> asked = Mobility(has_transport=False, distance_to_centre_km=2)
    >>> value, codes = FitAnswers().fit(person, household, scenario.coaching,
    ...                                 on=scenario.on, mobility=asked, policy=DEFAULT_POLICY)
    >>> fit = referral_fit(person, household, scenario.coaching, on=scenario.on, mobility=asked)
    >>> (value, codes) == (fit.value, fit.codes)
    True
    """

    __slots__ = ("_day", "_size")

    def __init__(self, size: int = 1 << 16) -> None:
        self._size = size
        self._day: _Day | None = None

    def _day_of(self, on: _dt.date, policy: Policy) -> _Day:
        day = self._day
        if day is None or day.on != on or (day.policy is not policy and day.policy != policy):
            day = self._day = _Day(on, policy, self._size)
        return day

    def employable(self, person: Person, *, on: _dt.date, policy: Policy) -> bool:
        """
        ``is_employable(person, on=on, policy=policy).value``
        (:func:`~jobcenter_core.rules.is_employable`), kept by the person's shape, which
        the fit reads next.

        >>> import pendulum
        >>> from jobcenter_core.parameters import DEFAULT_POLICY
        >>> from jobcenter_core.people import Sex
        >>> p = Person(id="p", birth_date=pendulum.date(1990, 5, 4), sex=Sex.FEMALE)
        >>> FitAnswers().employable(p, on=pendulum.date(2022, 6, 22), policy=DEFAULT_POLICY)
        True
        """
        return self._day_of(on, policy).employable(person)

    def carers(self, household: Household, *, on: _dt.date, policy: Policy) -> set[str]:
        """
        The ids of the members of *household* whose
        :func:`~jobcenter_core.coaching.mobility_limited` answer on *on* says they care
        for a child without a care place (the code ``caring_for_child_without_care_place``),
        found in one pass over the household.

        >>> import pendulum
        >>> from jobcenter_core.households import ChildCare, Member, Relationship, RelationshipKind
        >>> from jobcenter_core.parameters import DEFAULT_POLICY
        >>> from jobcenter_core.people import Sex
        >>> mother = Person(id="m", birth_date=pendulum.date(1990, 5, 4), sex=Sex.FEMALE)
        >>> child = Person(id="c", birth_date=pendulum.date(2018, 3, 1), sex=Sex.MALE)
        >>> h = Household(
        ...     id="h-1",
        ...     members=(Member(person=mother, primary_carer=True),
        ...              Member(person=child, child_care=ChildCare.NONE)),
        ...     relationships=(Relationship(person="c", kind=RelationshipKind.CHILD, of="m"),),
        ... )
        >>> FitAnswers().carers(h, on=pendulum.date(2022, 6, 22), policy=DEFAULT_POLICY)
        {'m'}
        """
        return self._day_of(on, policy).carers(household)

    def fit(
        self,
        person: Person,
        household: Household,
        programme: CoachingProgramme,
        *,
        on: _dt.date,
        mobility: Mobility,
        policy: Policy,
        codes: frozenset[str] | None = None,
    ) -> Fit:
        """
        ``(value, codes)`` of ``referral_fit(person, household, programme, on=on,
        mobility=mobility, policy=policy)``, its errors too; with *codes*, only the codes
        among them (in order), which may spare the engine facts that only other codes
        read.
        """
        return self._day_of(on, policy).fit(person, household, programme, mobility, codes)
