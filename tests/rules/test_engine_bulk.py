"""
The bulk engine (``jobcenter_core.rules._bulk``, behind :func:`rule_columns` and
:func:`employable_column`) against the readable rules.

Every entry of every column must equal the value of the per-person rule, and
``explain`` must give exactly the per-person rule's decision. The households come in
families of near twins: each drawn household with copies whose members' birth dates and
registration dates are moved by a few days or years, so that copies often share a shape
with the original while differing in the exact facts; a shape that leaves out something
a rule reads gives the copy the original's answer, and fails here. Each check runs a few
hundred examples by default and 10,000 in the slow run (``uv run pytest -m slow``).
"""

from __future__ import annotations

import datetime

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import examples

from jobcenter_core.errors import InvalidInput, UnknownId
from jobcenter_core.households import Household, Member, Relationship, RelationshipKind
from jobcenter_core.parameters import DEFAULT_POLICY, Policy, leistungsrechtsanpassung_2026
from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex, WorkCapacity
from jobcenter_core.rules import (
    RULE_COLUMNS,
    benefit_regime,
    benefit_unit,
    employable_column,
    employable_from_columns,
    is_employable,
    is_of_working_age,
    rule_columns,
    work_is_reasonable,
    working_age_end,
)
from jobcenter_core.rules.regime import _facts_read as _regime_facts
from jobcenter_core.testing import households, persons, policies, reference_dates

DEFAULT = settings(max_examples=examples(200), deadline=None)
SLOW = settings(max_examples=examples(10_000), deadline=None)

_SHIFTS = st.sampled_from([0, 1, -1, 7, -30, 365, -365, 366 * 3, -366 * 11])


def _moved(household: Household, data: st.DataObject) -> Household:
    """
    *household* with its members' dates moved by drawn shifts and their primary-carer
    marks drawn anew (kept if still valid).
    """
    members = []
    for m in household.members:
        p = m.person
        shift = data.draw(_SHIFTS)
        registered = p.identity_registered_on
        moved_registration = data.draw(_SHIFTS)
        person = attrs.evolve(
            p,
            birth_date=p.birth_date.add(days=shift),
            identity_registered_on=(
                None if registered is None else registered.add(days=moved_registration)
            ),
        )
        # The primary-carer mark is drawn anew: it decides which parent's unit a child
        # joins when the parents are in different units (§ 7 Abs. 3 Nr. 4).
        members.append(attrs.evolve(m, person=person, primary_carer=data.draw(st.booleans())))
    try:
        return attrs.evolve(household, members=tuple(members))
    except (InvalidInput, ValueError):
        return household


def _renamed(household: Household, suffix: str) -> Household:
    """*household* with every member id (and every mention of one) ending in *suffix*."""
    return attrs.evolve(
        household,
        id=household.id + suffix,
        members=tuple(
            attrs.evolve(m, person=attrs.evolve(m.person, id=m.person.id + suffix))
            for m in household.members
        ),
        relationships=tuple(
            attrs.evolve(r, person=r.person + suffix, of=r.of + suffix)
            for r in household.relationships
        ),
        care_arrangements=tuple(
            attrs.evolve(c, carer=c.carer + suffix, cared_for=c.cared_for + suffix)
            for c in household.care_arrangements
        ),
    )


def _check_columns(data: st.DataObject) -> None:
    on = data.draw(reference_dates())
    policy = data.draw(policies())
    drawn = data.draw(st.lists(households(), min_size=1, max_size=3))
    family = [h2 for h in drawn for h2 in (h, _moved(h, data), _moved(h, data))]
    if data.draw(st.booleans()):  # ids unique across the households, or shared
        family = [_renamed(h, f"~{i}") for i, h in enumerate(family)]

    columns = rule_columns(family, on=on, policy=policy)

    i = 0
    for h in family:
        ids = h.member_ids
        for m in h.members:
            p = m.person
            unit = benefit_unit(h, on=on, member_id=p.id, policy=policy).value
            expected = (
                h.id,
                p.id,
                is_of_working_age(p, on=on, policy=policy).value,
                is_employable(p, on=on, policy=policy).value,
                benefit_regime(p, h, on=on, policy=policy).value if p.birth_date <= on else None,
                benefit_regime(p, h, on=on, policy=policy).codes if p.birth_date <= on else (),
                min(unit, key=ids.index) if unit else None,
                work_is_reasonable(p, h, on=on, policy=policy).value,
            )
            actual = (
                columns.household_id[i],
                columns.person_id[i],
                columns.of_working_age[i],
                columns.employable[i],
                columns.regime[i],
                columns.regime_codes[i],
                columns.unit_id[i],
                columns.work_reasonable[i],
            )
            assert expected == actual
            i += 1
    assert len(columns) == i
    assert columns.employable == employable_column(
        [m.person for h in family for m in h.members], on=on, policy=policy
    )


@DEFAULT
@given(st.data())
def test_rule_columns_equal_the_per_person_rules(data: st.DataObject) -> None:
    """Each column's entry is the per-person rule's value, for near-twin households."""
    _check_columns(data)


@pytest.mark.slow
@SLOW
@given(st.data())
def test_rule_columns_equal_the_per_person_rules_long(data: st.DataObject) -> None:
    """As above, with 10,000 examples."""
    _check_columns(data)


def _check_explain(data: st.DataObject) -> None:
    on = data.draw(reference_dates())
    policy = data.draw(policies())
    h = data.draw(households())
    columns = rule_columns([h], on=on, policy=policy)
    member = data.draw(st.sampled_from(h.members))
    p = member.person

    assert is_of_working_age(p, on=on, policy=policy) == columns.explain(p.id, "of_working_age")
    assert is_employable(p, on=on, policy=policy) == columns.explain(p.id, "employable")
    assert benefit_unit(h, on=on, member_id=p.id, policy=policy) == columns.explain(p.id, "unit_id")
    assert work_is_reasonable(p, h, on=on, policy=policy) == columns.explain(
        p.id, "work_reasonable"
    )
    if p.birth_date <= on:
        assert benefit_regime(p, h, on=on, policy=policy) == columns.explain(p.id)
    else:
        with pytest.raises(InvalidInput):
            columns.explain(p.id, "regime")


@DEFAULT
@given(st.data())
def test_explain_gives_exactly_the_per_person_decision(data: st.DataObject) -> None:
    """``explain`` is the readable rule's decision, reasons and presumptions included."""
    _check_explain(data)


@pytest.mark.slow
@SLOW
@given(st.data())
def test_explain_gives_exactly_the_per_person_decision_long(data: st.DataObject) -> None:
    """As above, with 10,000 examples."""
    _check_explain(data)


def test_explain_refuses_an_unknown_person_and_an_unknown_column() -> None:
    """An unknown person is an UnknownId that does not repeat the id; a bad column names the field."""
    on = pendulum.date(2022, 6, 21)
    columns = rule_columns([], on=on)

    with pytest.raises(UnknownId) as unknown:
        columns.explain("p-secret")
    with pytest.raises(InvalidInput, match=r"\$\.column"):
        columns.explain("p-secret", "age")

    assert "p-secret" not in str(unknown.value)
    assert len(columns) == 0
    assert set(RULE_COLUMNS) == {
        "of_working_age",
        "employable",
        "regime",
        "unit_id",
        "work_reasonable",
    }


def test_rule_columns_refuse_what_is_not_a_household_by_path() -> None:
    """A list holding something else is refused at its index, nothing computed."""
    on = pendulum.date(2022, 6, 21)

    with pytest.raises(InvalidInput, match=r"\$\.households\[0\]: must be a Household"):
        rule_columns(["h-1"], on=on)  # type: ignore[list-item]
    with pytest.raises(InvalidInput, match=r"\$\.persons\[0\]: must be a Person"):
        employable_column([None], on=on)  # type: ignore[list-item]


def _check_from_columns(data: st.DataObject) -> None:
    on = data.draw(reference_dates())
    policy = data.draw(policies())
    drawn = data.draw(st.lists(persons(), min_size=1, max_size=8))
    people = [
        attrs.evolve(p, birth_date=p.birth_date.add(days=data.draw(_SHIFTS)))
        for p in drawn
        for _ in range(2)
    ]
    facts = {
        "birth_date": [p.birth_date for p in people],
        "work_capacity_hours": [
            None if p.work_capacity is None else p.work_capacity.hours_per_day for p in people
        ],
        "holds_section_24_document": [p.holds_section_24_document for p in people],
        "work_permitted": [p.work_permitted for p in people],
    }

    values = employable_from_columns(**facts, on=on, policy=policy)

    assert values == tuple(is_employable(p, on=on, policy=policy).value for p in people)


@DEFAULT
@given(st.data())
def test_employability_from_columns_equals_the_per_person_rule(data: st.DataObject) -> None:
    """Each entry is ``is_employable``'s value for a person with those facts."""
    _check_from_columns(data)


@pytest.mark.slow
@SLOW
@given(st.data())
def test_employability_from_columns_equals_the_per_person_rule_long(data: st.DataObject) -> None:
    """As above, with 10,000 examples."""
    _check_from_columns(data)


@pytest.mark.parametrize(
    ("column", "bad", "path", "expected"),
    [
        ("birth_date", "1990-01-15", r"\$\.birth_date\[1\]", "must be date"),
        ("work_capacity_hours", "six", r"\$\.work_capacity_hours\[1\]", "must be float or int"),
        ("work_capacity_hours", [6], r"\$\.work_capacity_hours\[1\]", "must be float or int"),
        ("holds_section_24_document", 7, r"\$\.holds_section_24_document\[1\]", "must be bool"),
        ("work_permitted", 9, r"\$\.work_permitted\[1\]", "must be bool or None"),
    ],
)
def test_employability_from_columns_refuses_a_wrong_type_by_field_without_its_value(
    column: str, bad: object, path: str, expected: str
) -> None:
    """A wrong item is refused at its index with the types expected, its value never echoed."""
    facts: dict[str, list[object]] = {
        "birth_date": [datetime.date(1990, 1, 15)] * 3,
        "work_capacity_hours": [None, 6.0, 6],
        "holds_section_24_document": [True, True, False],
        "work_permitted": [None, True, False],
    }
    facts[column][1] = bad

    with pytest.raises(InvalidInput, match=path) as refused:
        employable_from_columns(**facts, on=pendulum.date(2022, 6, 21))  # type: ignore[arg-type]

    assert expected in str(refused.value)
    assert repr(bad) not in str(refused.value)


def test_employability_from_columns_refuses_columns_of_different_lengths() -> None:
    """Columns of different lengths are refused before anything is worked out."""
    with pytest.raises(InvalidInput, match="one length"):
        employable_from_columns(
            birth_date=[datetime.date(1990, 1, 15)],
            work_capacity_hours=[],
            holds_section_24_document=[True],
            work_permitted=[None],
            on=pendulum.date(2022, 6, 21),
        )


@pytest.mark.parametrize("number", [0, 1])
def test_employability_from_columns_refuses_a_number_for_a_yes_or_no(number: int) -> None:
    """``1`` equals ``True`` but is not a yes: the flags are checked item by item."""
    with pytest.raises(InvalidInput, match=r"\$\.holds_section_24_document\[1\]: must be bool"):
        employable_from_columns(
            birth_date=[datetime.date(1990, 1, 15)] * 2,
            work_capacity_hours=[None, None],
            holds_section_24_document=[True, number],  # type: ignore[list-item]
            work_permitted=[None, None],
            on=pendulum.date(2022, 6, 21),
        )


def _check_regime_facts(data: st.DataObject) -> None:
    on = data.draw(reference_dates())
    policy = data.draw(policies())
    drawn = data.draw(st.lists(households(), min_size=1, max_size=3))
    family = [h2 for h in drawn for h2 in (h, _moved(h, data), _moved(h, data))]
    answers: dict[object, tuple[object, tuple[str, ...]]] = {}
    for h in family:
        born = [m for m in h.members if m.person.birth_date <= on]
        decided = {m.id: benefit_regime(m.person, h, on=on, policy=policy) for m in born}
        employable = {m.id for m in born if is_employable(m.person, on=on, policy=policy).value}
        for m in born:
            unit = benefit_unit(h, on=on, member_id=m.id, policy=policy).value
            others = tuple(
                decided[o.id].value
                for o in born
                if o.id in unit and o.id != m.id and o.id in employable
            )
            key = (_regime_facts(m.person, h, on, policy), others if unit else None)
            decision = decided[m.id]
            assert answers.setdefault(key, (decision.value, decision.codes)) == (
                decision.value,
                decision.codes,
            )


@DEFAULT
@given(st.data())
def test_persons_with_the_facts_the_regime_rule_reads_get_one_regime(data: st.DataObject) -> None:
    """
    The regime rule's declared facts (``regime._facts_read``) and the unit's regimes
    decide its value and reason codes: near twins with equal facts never differ.
    """
    _check_regime_facts(data)


@pytest.mark.slow
@SLOW
@given(st.data())
def test_persons_with_the_facts_the_regime_rule_reads_get_one_regime_long(
    data: st.DataObject,
) -> None:
    """As above, with 10,000 examples."""
    _check_regime_facts(data)


def _check_some_columns(data: st.DataObject) -> None:
    on = data.draw(reference_dates())
    policy = data.draw(policies())
    family = data.draw(st.lists(households(), min_size=1, max_size=3))
    wanted = data.draw(st.sets(st.sampled_from(RULE_COLUMNS)))

    some = rule_columns(family, on=on, policy=policy, columns=wanted)
    every = rule_columns(family, on=on, policy=policy)

    for name in RULE_COLUMNS:
        assert getattr(some, name) == (getattr(every, name) if name in wanted else None)
    assert some.regime_codes == (every.regime_codes if "regime" in wanted else None)
    assert some.person_id == every.person_id


@DEFAULT
@given(st.data())
def test_the_columns_asked_for_equal_those_of_every_rule_and_the_others_are_none(
    data: st.DataObject,
) -> None:
    """Asking for some columns gives exactly those (as with every column) and ``None``."""
    _check_some_columns(data)


def test_rule_columns_refuse_an_unknown_column_by_path() -> None:
    """An unknown column name is refused at its index; a bare string is refused too."""
    on = pendulum.date(2022, 6, 21)

    with pytest.raises(InvalidInput, match=r"\$\.columns\[1\]: must be one of"):
        rule_columns([], on=on, columns=("regime", "age"))
    with pytest.raises(InvalidInput, match=r"\$\.columns: must be a collection"):
        rule_columns([], on=on, columns="regime")


def test_a_child_of_parents_in_two_units_joins_the_marked_carers_unit_in_the_columns() -> None:
    """
    SGB II § 7 Abs. 3 Nr. 4: a child whose parents are in different units joins the unit
    of the parent marked as its carer. Two households that differ only in which parent is
    marked get different units for the child, in the columns as by the per-person rule.
    """
    on = pendulum.date(2022, 6, 21)

    def family(hid: str, *, mother_marked: bool) -> Household:
        mum = Person(id=f"{hid}-1", birth_date=pendulum.date(1990, 2, 1), sex=Sex.FEMALE)
        dad = Person(id=f"{hid}-3", birth_date=pendulum.date(1988, 7, 9), sex=Sex.MALE)
        kid = Person(id=f"{hid}-2", birth_date=pendulum.date(2017, 3, 3), sex=Sex.MALE)
        return Household(
            id=hid,
            members=(
                Member(person=mum, primary_carer=mother_marked),
                Member(person=dad, primary_carer=not mother_marked),
                Member(person=kid),
            ),
            relationships=(
                Relationship(person=f"{hid}-2", kind=RelationshipKind.CHILD, of=f"{hid}-1"),
                Relationship(person=f"{hid}-2", kind=RelationshipKind.CHILD, of=f"{hid}-3"),
            ),
        )

    columns = rule_columns(
        [family("a", mother_marked=True), family("b", mother_marked=False)], on=on
    )

    assert ("a-1", "b-3") == (columns.unit_id[2], columns.unit_id[5])


def _boundary_persons(
    issued: tuple[datetime.date, ...], registered: tuple[datetime.date | None, ...]
) -> list[Person]:
    """Adults with a § 24 permit first issued on each of *issued*, registered on each."""
    found = []
    for i, first in enumerate(issued):
        for j, on_day in enumerate(registered):
            for document in (ResidenceDocument.TEMPORARY_PROTECTION_PERMIT, None):
                for central in (True, False):
                    found.append(
                        Person(
                            id=f"p-{i}-{j}-{document is None}-{central}",
                            birth_date=pendulum.date(1985, 5, 5),
                            sex=Sex.FEMALE,
                            residence=(
                                None
                                if document is None
                                else ResidenceStatus(document=document, first_issued_on=first)
                            ),
                            identity_registered=on_day is not None,
                            identity_registered_on=on_day,
                            stored_in_central_register=central,
                        )
                    )
    return found


def _assert_columns_equal_the_regime_rule(
    persons: list[Person], ends: tuple[datetime.date | None, ...], on: datetime.date, policy: Policy
) -> None:
    family = [
        Household(id=f"h-{k}-{p.id}", members=(Member(person=p),), approval_period_ends_on=end)
        for k, end in enumerate(ends)
        for p in persons
    ]
    columns = rule_columns(family, on=on, policy=policy)
    expected = [
        (
            benefit_regime(m.person, h, on=on, policy=policy).value,
            benefit_regime(m.person, h, on=on, policy=policy).codes,
        )
        for h in family
        for m in h.members
    ]
    assert expected == list(zip(columns.regime, columns.regime_codes, strict=True))


@pytest.mark.parametrize("on", [pendulum.date(2022, 6, 20), pendulum.date(2022, 6, 21)])
def test_the_columns_follow_the_regime_rule_at_the_edges_of_the_section_74_catch_up(
    on: datetime.date,
) -> None:
    """
    SGB II § 74: permits first issued the day before, on and after the first and the last
    day of the catch-up window (24 February and 31 May 2022), with the identity
    registered the day before, on and after the day asked, or not at all. Every person
    gets exactly the per-person regime and its reasons from the bulk engine.
    """
    d = pendulum.date
    issued = (
        d(2022, 2, 23),
        d(2022, 2, 24),
        d(2022, 2, 25),
        d(2022, 5, 30),
        d(2022, 5, 31),
        d(2022, 6, 1),
    )
    registered = (None, on.subtract(days=1), on, on.add(days=1))

    _assert_columns_equal_the_regime_rule(
        _boundary_persons(issued, registered), (None,), on, DEFAULT_POLICY
    )


@pytest.mark.parametrize(
    "on",
    [
        pendulum.date(2026, 6, 30),
        pendulum.date(2026, 7, 1),
        pendulum.date(2026, 9, 30),
        pendulum.date(2026, 10, 1),
    ],
)
def test_the_columns_follow_the_regime_rule_at_the_edges_of_the_planned_return_to_asylblg(
    on: datetime.date,
) -> None:
    """
    SGB II § 74 as the planned Leistungsrechtsanpassungsgesetz would amend it (in force
    1 July 2026, transition until 30 September 2026, permits first issued after
    31 March 2025): permits first issued the day before, on and after that date, and
    approval periods ending before, on and after the day asked. Every person gets
    exactly the per-person regime and its reasons from the bulk engine.
    """
    d = pendulum.date
    issued = (d(2025, 3, 30), d(2025, 3, 31), d(2025, 4, 1))
    registered = (None, d(2025, 5, 1))
    ends = (None, on.subtract(days=1), on, on.add(days=1), d(2026, 12, 31))

    _assert_columns_equal_the_regime_rule(
        _boundary_persons(issued, registered),
        ends,
        on,
        leistungsrechtsanpassung_2026(DEFAULT_POLICY),
    )


def _ages_and_hours_around(on: datetime.date) -> list[Person]:
    """
    Adults and children with a § 24 permit whose 14th or 18th birthday, or the end of
    whose working age, falls the day before, on or after *on*; each with daily hours
    just under, at and over the § 8 minimum of three, or none assessed.
    """
    births = [
        on.subtract(years=years).add(days=shift) for years in (14, 18) for shift in (-1, 0, 1)
    ]
    first = pendulum.date(1955, 1, 1)
    births += [
        first.add(days=k)
        for k in range(0, 366 * 4, 7)
        if abs((working_age_end(first.add(days=k)) - on).days) <= 1
    ] or [first]
    capacities = [None] + [
        WorkCapacity(hours_per_day=h, assessed_on=pendulum.date(2022, 4, 1))
        for h in (2.5, 3.0, 3.5)
    ]
    return [
        Person(
            id=f"p-{i}-{j}",
            birth_date=born,
            sex=Sex.MALE,
            residence=ResidenceStatus(
                document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT,
                first_issued_on=pendulum.date(2022, 3, 15),
            ),
            identity_registered=True,
            identity_registered_on=pendulum.date(2022, 3, 20),
            work_capacity=capacity,
        )
        for i, born in enumerate(births)
        for j, capacity in enumerate(capacities)
    ]


@pytest.mark.parametrize("on", [pendulum.date(2022, 6, 21), pendulum.date(2024, 2, 29)])
def test_the_columns_follow_the_regime_rule_at_the_birthdays_and_hours_it_compares(
    on: datetime.date,
) -> None:
    """
    SGB II § 74 with § 7a, § 8 Abs. 1 and AufenthG § 49: the 14th and the 18th birthday
    and the end of working age the day before, on and after the day asked (29 February
    among them), and daily hours under, at and over three. Every person gets exactly the
    per-person regime and its reasons from the bulk engine.
    """
    _assert_columns_equal_the_regime_rule(_ages_and_hours_around(on), (None,), on, DEFAULT_POLICY)
