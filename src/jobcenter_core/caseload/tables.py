"""
The tables analysts ask for, as :class:`~jobcenter_core.caseload.table.Table` columns:
persons (:func:`person_table`), needs (:func:`need_table`), the rules' values per person
(:func:`rule_table`), the outcome of an allocation (:func:`allocation_table`) and of a
coach allocation (:func:`coaching_table`).

Each is pseudonymised and coarsened as :func:`~jobcenter_core.caseload.to_records` is: ids
instead of names, age bands instead of birth dates, and no special-category needs (Art. 9
GDPR) unless *include_special_categories* is true. Built column by column, never a dict
per row.

>>> import pendulum
>>> from jobcenter_core.scenarios import synthetic_caseload
>>> on = pendulum.date(2022, 6, 21)
>>> caseload = synthetic_caseload(households=20, seed=3, on=on)
>>> people = person_table(caseload, on=on)
>>> len(people) == caseload.person_count, people.kinds["age_band"], people.kinds["on"]
(True, 'ordinal', 'date')
>>> rule_table(caseload, on=on).names
('household_id', 'person_id', 'age_band', 'of_working_age', 'employable', 'regime', 'unit_id', 'work_reasonable')
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterable
from typing import TypeVar

from jobcenter_core.caseload.bands import AgeBand, ChildAgeBand
from jobcenter_core.caseload.caseload import Caseload
from jobcenter_core.caseload.table import Column, Table
from jobcenter_core.coaching import CoachAllocation
from jobcenter_core.dates import as_date
from jobcenter_core.enrolment import Allocation, Outcome, Registration
from jobcenter_core.households import ChildCare, Household
from jobcenter_core.languages import CefrLevel
from jobcenter_core.needs import EvidenceKind, NeedCategory, NeedStatus, Urgency
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Sex
from jobcenter_core.rules import BenefitRegime, employable_column, rule_columns

__all__ = [
    "GERMAN_LEVELS",
    "allocation_table",
    "coaching_table",
    "need_table",
    "person_table",
    "rule_table",
]

GERMAN_LEVELS = ("none", *(level.value for level in CefrLevel))
"""The German levels of :func:`person_table`, in order: none, A1 … C2, native."""
T = TypeVar("T")
_CHILD_CARE = (*(c.value for c in ChildCare), "unknown")


def _years(born: _dt.date, on: _dt.date) -> int:
    """Completed years on *on* (BGB § 187 Abs. 2); 0 before birth."""
    if born > on:
        return 0
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _age_bands(households: Iterable[Household], on: _dt.date) -> list[AgeBand]:
    bands: dict[_dt.date, AgeBand] = {}
    out = []
    for h in households:
        for m in h.members:
            born = m.person.birth_date
            band = bands.get(born)
            if band is None:
                band = bands[born] = AgeBand.of(_years(born, on))
            out.append(band)
    return out


def person_table(
    caseload: Caseload,
    *,
    on: _dt.date,
    include_special_categories: bool = False,
    policy: Policy = DEFAULT_POLICY,
) -> Table:
    """
    One row per person: the columns of :func:`~jobcenter_core.caseload.to_records`,
    typed. ``on`` (date), ``household_id``, ``person_id``, ``sex`` (category),
    ``age_band`` (ordinal), ``child_age_band`` (ordinal; missing for adults),
    ``child_care`` (category, ``unknown`` when not recorded; missing for adults),
    ``german_level`` (ordinal: none, A1 … C2, native), ``employable``, ``unmet_needs``,
    ``blocking_needs``, then ``need_<category>`` for each category. No names, no birth
    dates; special-category needs neither columns nor counted unless
    *include_special_categories*.

    >>> import pendulum
    >>> from jobcenter_core.households import Household, Member
    >>> from jobcenter_core.people import Person, Sex
    >>> p = Person(id="p-1", birth_date=pendulum.date(1988, 3, 2), sex=Sex.FEMALE, name="Olena")
    >>> t = person_table(Caseload(households=[Household(id="h-1", members=(Member(person=p),))]),
    ...                  on=pendulum.date(2022, 6, 21))
    >>> [t[c][0] for c in ("person_id", "sex", "age_band", "german_level", "employable")]
    ['p-1', 'female', '25-50', 'none', True]
    >>> "need_psychosocial_support" in t.names
    False

    References:
        Art. 9 GDPR; SGB I § 35; SGB X § 67 ff.
    """
    day = as_date(on)
    categories = tuple(
        c for c in NeedCategory if include_special_categories or not c.special_category
    )
    wanted = frozenset(categories)
    households = caseload.households
    profiles = {p.household_id: p for p in caseload.profiles}
    persons = [m.person for h in households for m in h.members]
    household_id: list[str] = []
    child_band: list[ChildAgeBand | None] = []
    child_care: list[str | None] = []
    german: list[str] = []
    unmet_count: list[int] = []
    blocking_count: list[int] = []
    needs: dict[NeedCategory, list[bool]] = {c: [] for c in categories}
    for h in households:
        unmet: dict[str, set[NeedCategory]] = {}
        blocking: Counter[str] = Counter()
        profile = profiles.get(h.id)
        if profile is not None:
            for need in profile.needs:
                if need.is_unmet and need.category in wanted:
                    unmet.setdefault(need.subject, set()).add(need.category)
                    if need.blocks_work:
                        blocking[need.subject] += 1
        for m in h.members:
            person = m.person
            household_id.append(h.id)
            band = ChildAgeBand.of(_years(person.birth_date, day))
            child_band.append(band)
            child_care.append(
                None
                if band is None
                else (m.child_care.value if m.child_care is not None else "unknown")
            )
            level = person.level_in("de")
            german.append("none" if level is None else level.value)
            own = unmet.get(person.id, set())
            unmet_count.append(len(own))
            blocking_count.append(blocking[person.id])
            for c, column in needs.items():
                column.append(c in own)
    return Table.of(
        Column.dates("on", [day] * len(persons)),
        Column.strings("household_id", household_id),
        Column.strings("person_id", [p.id for p in persons]),
        Column.enums("sex", [p.sex for p in persons], Sex),
        Column.enums("age_band", _age_bands(households, day), AgeBand, ordered=True),
        Column.enums("child_age_band", child_band, ChildAgeBand, ordered=True),
        Column.labels("child_care", child_care, _CHILD_CARE, ordered=False),
        Column.labels("german_level", german, GERMAN_LEVELS, ordered=True),
        Column.booleans("employable", employable_column(persons, on=day, policy=policy)),
        Column.integers("unmet_needs", unmet_count),
        Column.integers("blocking_needs", blocking_count),
        *(Column.booleans(f"need_{c.value}", column) for c, column in needs.items()),
    )


def need_table(caseload: Caseload, *, include_special_categories: bool = False) -> Table:
    """
    One row per need: the columns of :func:`~jobcenter_core.caseload.need_records`,
    typed (``category``, ``urgency`` and ``status`` as categories in their order,
    ``identified_on`` and ``updated_on`` as dates). Special-category needs only when
    *include_special_categories* is true.

    >>> import pendulum
    >>> from jobcenter_core.scenarios import bocholt_june_2022
    >>> t = need_table(bocholt_june_2022().caseload)
    >>> t.kinds["category"], t.kinds["identified_on"], "psychosocial_support" in set(t["category"])
    ('ordinal', 'date', False)
    """
    rows = [
        (profile.household_id, need)
        for profile in caseload.profiles
        for need in profile.needs
        if include_special_categories or not need.category.special_category
    ]
    needs = [n for _, n in rows]
    return Table.of(
        Column.strings("household_id", [h for h, _ in rows]),
        Column.strings("subject", [n.subject for n in needs]),
        Column.booleans("household_need", [n.subject == h for h, n in rows]),
        Column.enums("category", [n.category for n in needs], NeedCategory, ordered=True),
        Column.booleans("special_category", [n.category.special_category for n in needs]),
        Column.enums("urgency", [n.urgency for n in needs], Urgency, ordered=True),
        Column.enums("status", [n.status for n in needs], NeedStatus),
        Column.booleans("unmet", [n.is_unmet for n in needs]),
        Column.booleans("blocks_work", [n.blocks_work for n in needs]),
        Column.dates("identified_on", [n.identified_on for n in needs]),
        Column.dates("updated_on", [n.updated_on for n in needs]),
        Column.enums("identified_by_kind", [n.identified_by.kind for n in needs], EvidenceKind),
        Column.enums("updated_by_kind", [n.updated_by.kind for n in needs], EvidenceKind),
        Column.integers("observations", [len(n.trail) for n in needs]),
    )


def rule_table(
    caseload: Caseload | Iterable[Household],
    *,
    on: _dt.date,
    policy: Policy = DEFAULT_POLICY,
) -> Table:
    """
    One row per person: the rules' values on *on* from
    :func:`~jobcenter_core.rules.rule_columns` — ``of_working_age``, ``employable``,
    ``regime`` (category; missing for a person not yet born), ``unit_id`` (the first
    member of the person's benefit unit; missing when in none), ``work_reasonable`` —
    with ``household_id``, ``person_id`` and ``age_band`` (ordinal). Ask
    ``rule_columns(...).explain(person_id, column)`` why.

    >>> import pendulum
    >>> from jobcenter_core.scenarios import bocholt_june_2022
    >>> s = bocholt_june_2022()
    >>> t = rule_table(s.caseload, on=s.on)
    >>> t.kinds["regime"], t.column("regime").categories
    ('category', ('sgb_ii', 'sgb_xii', 'asylblg', 'other'))

    References:
        As :func:`~jobcenter_core.rules.rule_columns`.
    """
    day = as_date(on)
    households = caseload.households if isinstance(caseload, Caseload) else tuple(caseload)
    columns = rule_columns(households, on=day, policy=policy)
    return Table.of(
        Column.strings("household_id", columns.household_id),
        Column.strings("person_id", columns.person_id),
        Column.enums("age_band", _age_bands(columns.households, day), AgeBand, ordered=True),
        Column.booleans("of_working_age", _asked(columns.of_working_age)),
        Column.booleans("employable", _asked(columns.employable)),
        Column.enums("regime", _asked(columns.regime), BenefitRegime),
        Column.strings("unit_id", _asked(columns.unit_id)),
        Column.booleans("work_reasonable", _asked(columns.work_reasonable)),
    )


def _asked(values: tuple[T, ...] | None) -> tuple[T, ...]:
    """A rule column asked for (every one is, by default): never ``None``."""
    if values is None:
        raise AssertionError("a rule column asked for is missing")
    return values


def allocation_table(allocation: Allocation) -> Table:
    """
    One row per registration of *allocation*: ``registration_id``, ``person_id``,
    ``priority``, ``outcome`` (placed, waitlisted, rejected), ``session_id`` (missing
    unless placed), ``waitlist_position`` (1 for the head; missing unless waitlisted)
    and ``reason_codes`` (the codes of ``allocation.explain``, space-separated), in the
    order placed (session by session), waitlisted, rejected.

    >>> from jobcenter_core.enrolment import allocate
    >>> from jobcenter_core.scenarios import bocholt_june_2022
    >>> s = bocholt_june_2022()
    >>> result = allocate(s.offer, s.registrations, candidates=s.candidates(),
    ...                   caseworkers={c.id for c in s.caseworkers})
    >>> t = allocation_table(result)
    >>> t.kinds["outcome"], list(t["waitlist_position"])[19:22], t["reason_codes"][0]
    ('category', [None, 1, 2], 'placed')
    """
    registrations: list[tuple[Registration, Outcome, str | None, int | None]] = [
        (r, Outcome.PLACED, session, None)
        for session, placed in allocation.placements
        for r in placed
    ]
    registrations += [
        (r, Outcome.WAITLISTED, None, i + 1) for i, r in enumerate(allocation.waitlist)
    ]
    registrations += [(x.registration, Outcome.REJECTED, None, None) for x in allocation.rejections]
    return Table.of(
        Column.strings("registration_id", [r.id for r, *_ in registrations]),
        Column.strings("person_id", [r.person_id for r, *_ in registrations]),
        Column.integers("priority", [r.priority for r, *_ in registrations]),
        Column.enums("outcome", [o for _, o, _, _ in registrations], Outcome),
        Column.strings("session_id", [s for _, _, s, _ in registrations]),
        Column.integers("waitlist_position", [p for *_, p in registrations]),
        Column.strings(
            "reason_codes",
            [" ".join(dict.fromkeys(allocation.explain(r.id).codes)) for r, *_ in registrations],
        ),
    )


def coaching_table(
    allocation: CoachAllocation, *, include_special_categories: bool = False
) -> Table:
    """
    One row per referral of a coach *allocation*: ``referral_id``, ``person_id``,
    ``programme_id``, ``language``, ``assigned`` (whether a coach was found),
    ``coach_id`` and ``starts_on`` (missing unless assigned), ``waiting_reason`` (the
    code; missing unless waiting), ``limited_mobility`` and ``needs`` (the need
    categories referred for, space-separated; special categories only when
    *include_special_categories*).

    >>> from jobcenter_core import NeedCategory, allocate_coaches, at_berlin, refer
    >>> from jobcenter_core.scenarios import bocholt_june_2022
    >>> s = bocholt_june_2022()
    >>> referral = refer(s.coaching, id="cr-001", person_id="p-0001", referred_by="cw-1",
    ...                  reasons={NeedCategory.CHILDCARE}, language="uk",
    ...                  limited_mobility=True, at=at_berlin(2022, 6, 22, 10)).referral
    >>> t = coaching_table(allocate_coaches([referral], s.coaching, at=at_berlin(2022, 6, 27, 9)))
    >>> t["coach_id"][0], t["starts_on"][0], t["needs"][0]
    ('coach-1', datetime.date(2022, 6, 27), 'childcare')
    """
    assigned = {a.referral_id: a for a in allocation.assignments}
    waiting = {w.referral_id: w for w in allocation.waiting}
    referrals = allocation.referrals
    return Table.of(
        Column.strings("referral_id", [r.id for r in referrals]),
        Column.strings("person_id", [r.person_id for r in referrals]),
        Column.strings("programme_id", [r.programme_id for r in referrals]),
        Column.strings("language", [r.language for r in referrals]),
        Column.booleans("assigned", [r.id in assigned for r in referrals]),
        Column.strings(
            "coach_id",
            [assigned[r.id].coach_id if r.id in assigned else None for r in referrals],
        ),
        Column.dates(
            "starts_on",
            [assigned[r.id].starts_on if r.id in assigned else None for r in referrals],
        ),
        Column.strings(
            "waiting_reason",
            [waiting[r.id].reason.code if r.id in waiting else None for r in referrals],
        ),
        Column.booleans("limited_mobility", [r.limited_mobility for r in referrals]),
        Column.strings(
            "needs",
            [
                " ".join(
                    sorted(
                        c.value
                        for c in r.reasons
                        if include_special_categories or not c.special_category
                    )
                )
                for r in referrals
            ],
        ),
    )
