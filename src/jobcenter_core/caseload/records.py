"""
Flat, pseudonymised records of a caseload, for pandas or polars: one row per person
(:func:`to_records`) or per need (:func:`need_records`), of plain values only. No
names, no birth dates (an :class:`~jobcenter_core.caseload.AgeBand` instead), and no
special-category needs (Art. 9 GDPR) unless asked for.

>>> import pendulum
>>> from jobcenter_core.scenarios import synthetic_caseload
>>> caseload = synthetic_caseload(households=3, seed=1, on=pendulum.date(2022, 6, 21))
>>> len(to_records(caseload, on=pendulum.date(2022, 6, 21))) == caseload.person_count
True
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter

from pendulum import Date

from jobcenter_core.caseload.bands import AgeBand, ChildAgeBand
from jobcenter_core.caseload.caseload import Caseload
from jobcenter_core.dates import as_date, completed_years
from jobcenter_core.needs import NeedCategory
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.rules import is_employable

__all__ = ["Record", "need_records", "to_records"]

Record = dict[str, str | int | float | bool | Date]
"""A flat row: column name to a plain value."""

_NO_NEEDS: frozenset[NeedCategory] = frozenset()


def _categories(include_special_categories: bool) -> tuple[NeedCategory, ...]:
    return tuple(c for c in NeedCategory if include_special_categories or not c.special_category)


def to_records(
    caseload: Caseload,
    *,
    on: _dt.date,
    include_special_categories: bool = False,
    policy: Policy = DEFAULT_POLICY,
) -> tuple[Record, ...]:
    """
    One flat row per person, for pandas or polars; pseudonymised and coarsened.

    Columns, the same in every row and in this order: ``on`` (date), ``household_id``,
    ``person_id`` (the pseudonymous ids), ``sex``, ``age_band`` (:class:`AgeBand`
    value), ``child_age_band`` and ``child_care`` (``""`` for adults; care ``"unknown"``
    when not recorded), ``german_level`` (CEFR level or ``"none"``), ``employable``,
    ``unmet_needs`` and ``blocking_needs`` (counts over the person's own needs), then
    ``need_<category>`` (``True`` when the person has an unmet need of it) for every
    category. No names, no birth dates, no residence or capacity details; special-category
    needs (Art. 9 GDPR) are neither columns nor counted unless
    *include_special_categories* is true.

    >>> import pendulum
    >>> from jobcenter_core.households import Household, Member
    >>> from jobcenter_core.people import Person, Sex
    >>> p = Person(id="p-1", birth_date=pendulum.date(1988, 3, 2), sex=Sex.FEMALE, name="Olena")
    >>> rows = to_records(Caseload(households=[Household(id="h-1", members=(Member(person=p),))]),
    ...                   on=pendulum.date(2022, 6, 21))
    >>> {k: rows[0][k] for k in ("person_id", "sex", "age_band", "employable")}
    {'person_id': 'p-1', 'sex': 'female', 'age_band': '25-50', 'employable': True}
    >>> "Olena" in repr(rows) or "1988" in repr(rows) or "need_psychosocial_support" in rows[0]
    False

    References:
        Art. 9 GDPR; SGB I § 35; SGB X § 67 ff.
    """
    on = as_date(on)
    categories = _categories(include_special_categories)
    columns = {c: f"need_{c.value}" for c in categories}
    no_needs = dict.fromkeys(columns.values(), False)
    profiles = {p.household_id: p for p in caseload.profiles}
    rows: list[Record] = []
    for household in caseload.households:
        profile = profiles.get(household.id)
        unmet_by_subject: dict[str, set[NeedCategory]] = {}
        blocking_by_subject: Counter[str] = Counter()
        if profile is not None:
            for need in profile.needs:
                if not need.is_unmet or need.category not in categories:
                    continue
                unmet_by_subject.setdefault(need.subject, set()).add(need.category)
                if need.blocks_work:
                    blocking_by_subject[need.subject] += 1
        for member in household.members:
            person = member.person
            born = person.birth_date <= on
            years = completed_years(person.birth_date, on=on) if born else 0
            child_band = ChildAgeBand.of(years)
            unmet = unmet_by_subject.get(person.id, _NO_NEEDS)
            german = person.level_in("de")
            row: Record = {
                "on": on,
                "household_id": household.id,
                "person_id": person.id,
                "sex": person.sex.value,
                "age_band": AgeBand.of(years).value,
                "child_age_band": child_band.value if child_band is not None else "",
                "child_care": (
                    ""
                    if child_band is None
                    else (member.child_care.value if member.child_care is not None else "unknown")
                ),
                "german_level": german.value if german is not None else "none",
                "employable": born and is_employable(person, on=on, policy=policy).value,
                "unmet_needs": len(unmet),
                "blocking_needs": blocking_by_subject[person.id],
            }
            row.update(no_needs)
            for category in unmet:
                row[columns[category]] = True
            rows.append(row)
    return tuple(rows)


def need_records(
    caseload: Caseload, *, include_special_categories: bool = False
) -> tuple[Record, ...]:
    """
    One flat row per need, for pandas or polars; special-category needs only when
    *include_special_categories* is true.

    Columns: ``household_id``, ``subject`` (a person id or the household id),
    ``household_need`` (whether the subject is the household), ``category``,
    ``special_category``, ``urgency``, ``status``, ``unmet``, ``blocks_work``,
    ``identified_on`` and ``updated_on`` (dates), ``identified_by_kind`` and
    ``updated_by_kind`` (kinds of evidence), ``observations`` (length of the trail).

    >>> import pendulum
    >>> from jobcenter_core.households import Household, Member
    >>> from jobcenter_core.needs import Evidence, EvidenceKind, Need, NeedsProfile
    >>> from jobcenter_core.people import Person, Sex
    >>> p = Person(id="p-1", birth_date=pendulum.date(1988, 3, 2), sex=Sex.FEMALE)
    >>> by = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")
    >>> profile = NeedsProfile(household_id="h-1", needs=[
    ...     Need(subject="p-1", category=c, identified_on=pendulum.date(2022, 5, 30), identified_by=by)
    ...     for c in (NeedCategory.GERMAN_LANGUAGE, NeedCategory.PSYCHOSOCIAL_SUPPORT)])
    >>> caseload = Caseload(households=[Household(id="h-1", members=(Member(person=p),))],
    ...                     profiles=[profile])
    >>> [r["category"] for r in need_records(caseload)]
    ['german_language']
    >>> [r["category"] for r in need_records(caseload, include_special_categories=True)]
    ['psychosocial_support', 'german_language']
    """
    rows: list[Record] = []
    for profile in caseload.profiles:
        for need in profile.needs:
            if need.category.special_category and not include_special_categories:
                continue
            rows.append(
                {
                    "household_id": profile.household_id,
                    "subject": need.subject,
                    "household_need": need.subject == profile.household_id,
                    "category": need.category.value,
                    "special_category": need.category.special_category,
                    "urgency": need.urgency.value,
                    "status": need.status.value,
                    "unmet": need.is_unmet,
                    "blocks_work": need.blocks_work,
                    "identified_on": need.identified_on,
                    "updated_on": need.updated_on,
                    "identified_by_kind": need.identified_by.kind.value,
                    "updated_by_kind": need.updated_by.kind.value,
                    "observations": len(need.trail),
                }
            )
    return tuple(rows)
