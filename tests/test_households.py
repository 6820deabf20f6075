"""Households: members, directed relationships, care, and structural validation with paths."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given

from jobcenter_core.errors import InvalidInput
from jobcenter_core.households import (
    CareArrangement,
    ChildCare,
    Household,
    MaritalStatus,
    Member,
    Relationship,
    RelationshipKind,
    household_problems,
)
from jobcenter_core.people import Person, Sex
from jobcenter_core.strategies import households

D = pendulum.date
BORN = D(1990, 1, 1)


def member(pid: str, born: pendulum.Date = BORN) -> Member:
    return Member(person=Person(id=pid, birth_date=born, sex=Sex.FEMALE))


def paths(error: InvalidInput) -> list[str]:
    return [p.path for p in error.problems]


def test_relationship_naming_an_unknown_member_is_rejected_with_its_path() -> None:
    """Every relationship must name members of the household."""
    with pytest.raises(InvalidInput) as caught:
        Household(
            id="h",
            members=(member("a"),),
            relationships=(Relationship(person="a", kind=RelationshipKind.SPOUSE, of="z"),),
        )

    assert ["$.relationships[0].of"] == paths(caught.value)


def test_duplicate_member_ids_are_rejected_with_the_path_of_the_second() -> None:
    """Member ids are unique in a household."""
    with pytest.raises(InvalidInput) as caught:
        Household(id="h", members=(member("a"), member("b"), member("a")))

    assert ["$.members[2].person.id"] == paths(caught.value)


def test_all_problems_are_reported_at_once() -> None:
    """One error lists every problem, members, relationships and care arrangements."""
    with pytest.raises(InvalidInput) as caught:
        Household(
            id="h",
            members=(member("a"), member("a")),
            relationships=(Relationship(person="x", kind=RelationshipKind.CHILD, of="y"),),
            care_arrangements=(CareArrangement(carer="a", cared_for="q", secured_otherwise=False),),
        )

    assert [
        "$.members[1].person.id",
        "$.relationships[0].person",
        "$.relationships[0].of",
        "$.care_arrangements[0].cared_for",
    ] == paths(caught.value)


def test_household_needs_a_member() -> None:
    """An empty household is an input error."""
    with pytest.raises(InvalidInput) as caught:
        Household(id="h", members=())

    assert ["$.members"] == paths(caught.value)


def test_problem_messages_never_repeat_the_offending_values() -> None:
    """Messages name paths and kinds, not ids or names (DESIGN.md rule 7)."""
    with pytest.raises(InvalidInput) as caught:
        Household(
            id="h",
            members=(member("olena-secret"),),
            relationships=(
                Relationship(person="olena-secret", kind=RelationshipKind.CHILD, of="taras"),
            ),
        )

    assert "taras" not in str(caught.value)
    assert "olena-secret" not in str(caught.value)


def test_a_person_cannot_be_related_to_themselves() -> None:
    """A relationship joins two different people."""
    with pytest.raises(ValueError, match="two different people"):
        Relationship(person="a", kind=RelationshipKind.CHILD, of="a")


def test_child_and_parent_relationships_read_both_ways() -> None:
    """'c is the CHILD of m' and 'f is the PARENT of c' both make parents and children."""
    h = Household(
        id="h",
        members=(member("m"), member("f"), member("c", D(2015, 1, 1))),
        relationships=(
            Relationship(person="c", kind=RelationshipKind.CHILD, of="m"),
            Relationship(person="f", kind=RelationshipKind.PARENT, of="c"),
        ),
    )

    assert ("m", "f") == h.parents_of("c")
    assert (("c",), ("c",)) == (h.children_of("m"), h.children_of("f"))


def test_separated_spouse_is_not_a_partner() -> None:
    """SGB II § 7 Abs. 3 Nr. 3: only partners not permanently separated."""
    h = Household(
        id="h",
        members=(member("a"), member("b"), member("c")),
        relationships=(
            Relationship(person="b", kind=RelationshipKind.SEPARATED_SPOUSE, of="a"),
            Relationship(person="c", kind=RelationshipKind.RESPONSIBILITY_COMMUNITY, of="a"),
        ),
    )

    assert ("c",) == h.partners_of("a")
    assert ("a",) == h.partners_of("c")


def test_member_lookup_of_an_unknown_id_raises_key_error() -> None:
    """member() and person() raise KeyError for ids not in the household."""
    h = Household(id="h", members=(member("a"),))

    with pytest.raises(KeyError):
        h.member("b")


def test_any_care_but_none_counts_as_secured() -> None:
    """SGB II § 10 Abs. 1 Nr. 3: Kita, childminder, school or other care."""
    secured = {c for c in ChildCare if c.is_secured}

    assert set(ChildCare) - {ChildCare.NONE} == secured


def test_married_means_married_or_registered_partnership() -> None:
    """SGB II § 7 Abs. 3 Nr. 4 'unverheiratet'; unknown is not married."""
    married = {s for s in MaritalStatus if s.is_married}

    assert {MaritalStatus.MARRIED, MaritalStatus.REGISTERED_PARTNERSHIP} == married


def test_household_repr_hides_care_arrangements_and_approval_period() -> None:
    """Care of relatives is health-related (Art. 9 GDPR): never in repr."""
    h = Household(
        id="h",
        members=(member("a"), member("b")),
        care_arrangements=(CareArrangement(carer="a", cared_for="b", secured_otherwise=False),),
        approval_period_ends_on=D(2026, 8, 31),
    )

    text = repr(h)

    assert "CareArrangement" not in text
    assert "2026" not in text


@given(households())
def test_generated_households_are_sound(h: Household) -> None:
    """The shared strategy builds households the validator accepts, parents older than children."""
    assert [] == household_problems(h)
    for mid in h.member_ids:
        for parent in h.parents_of(mid):
            assert h.person(parent).birth_date < h.person(mid).birth_date
