"""
Results ready to send: ``(id, value)`` pairs are written as an object keyed by id, and
``to_json`` reads the type of a library result from the value, so no caller spells out
``tuple[tuple[str, Decision[BenefitRegime]], ...]``.
"""

from __future__ import annotations

import json
from typing import Any

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobcenter_core import (
    Allocation,
    BenefitRegime,
    Decision,
    Household,
    InvalidInput,
    Member,
    Person,
    Relationship,
    RelationshipKind,
    ResidenceDocument,
    ResidenceStatus,
    Sex,
    allocate,
    benefit_regimes,
    benefit_units,
    from_json,
    make_converter,
    to_json,
    unstructure,
)
from jobcenter_core.strategies import ENROLMENT_CASEWORKERS, allocation_problems

ON = pendulum.date(2022, 6, 21)
PERMIT = ResidenceStatus(document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT)
MUM = Person(
    id="m", birth_date=pendulum.date(1985, 3, 1), sex=Sex.FEMALE, residence=PERMIT,
    identity_registered=True,
)  # fmt: skip
KID = Person(id="c", birth_date=pendulum.date(2016, 5, 5), sex=Sex.MALE, residence=PERMIT)
HOUSEHOLD = Household(
    id="h",
    members=(Member(person=MUM), Member(person=KID)),
    relationships=(Relationship(person="c", kind=RelationshipKind.CHILD, of="m"),),
)
REGIMES = tuple[tuple[str, Decision[BenefitRegime]], ...]


def test_benefit_regimes_are_written_as_an_object_keyed_by_member_id() -> None:
    """The answer for each member is found by id, without knowing the answer's type."""
    result = benefit_regimes(HOUSEHOLD, on=ON)

    written = json.loads(to_json(result))

    assert ["m", "c"] == list(written)
    assert "sgb_ii" == written["c"]["value"]
    assert result == from_json(to_json(result), REGIMES)


def test_the_inferred_type_writes_what_the_spelt_out_type_writes() -> None:
    """Inference is a convenience: with or without the type, the text is the same."""
    result = benefit_regimes(HOUSEHOLD, on=ON)

    assert to_json(result, REGIMES) == to_json(result)
    assert to_json(result, REGIMES) == make_converter().dumps(result, REGIMES)
    assert unstructure(result, REGIMES) == unstructure(result)


def test_benefit_units_are_written_without_spelling_the_generic_type() -> None:
    """A unit has no id of its own: the units are an array of sorted arrays of member ids."""
    units = benefit_units(HOUSEHOLD, on=ON)

    written = json.loads(to_json(units))

    assert [["c", "m"]] == written["value"]
    assert units == from_json(to_json(units), Decision[tuple[frozenset[str], ...]])


@settings(max_examples=50, deadline=None)
@given(allocation_problems(max_registrations=8))
def test_an_allocation_lists_its_placements_by_session_id(problem: tuple) -> None:  # type: ignore[type-arg]
    """``placements`` is an object from session id to the registrations placed there."""
    offer, registrations, commitments = problem
    allocation = allocate(
        offer, registrations, commitments=commitments, caseworkers=ENROLMENT_CASEWORKERS
    )

    written = json.loads(to_json(allocation))

    assert [s.id for s in offer.sessions] == list(written["placements"])
    assert allocation == from_json(to_json(allocation), Allocation)


def test_pairs_given_as_an_array_are_refused() -> None:
    """The object form is the only form: the old array of pairs is refused by path."""
    with pytest.raises(InvalidInput) as raised:
        from_json('[["m", {"value": "sgb_ii"}]]', REGIMES)

    assert ["$: expected an object"] == [f"{p.path}: {p.kind}" for p in raised.value.problems]


def test_rows_of_strings_stay_arrays_not_pairs() -> None:
    """Only ``(id, value)`` pairs become objects: a tuple of tuples of strings (such as
    the reason codes of a regime column) stays an array of arrays, both ways."""
    rows = (("catch_up", "employable_sgb_ii"), ("a", "b"), ())
    as_type = tuple[tuple[str, ...], ...]

    text = to_json(rows, as_type)

    assert '[["catch_up","employable_sgb_ii"],["a","b"],[]]' == text
    assert rows == from_json(text, as_type)


def test_a_problem_inside_is_reported_at_its_id() -> None:
    """A bad value is found under its id, as in any object."""
    with pytest.raises(InvalidInput) as raised:
        from_json('{"m": {"value": "sgb_ii"}, "c": {"value": "sgb_3"}}', REGIMES)

    assert ["$.c.value: expected one of 'sgb_ii', 'sgb_xii', 'asylblg', 'other'"] == [
        f"{p.path}: {p.kind}" for p in raised.value.problems
    ]


@given(st.lists(st.sampled_from(["a", "b"]), min_size=2, max_size=4))
def test_pairs_with_an_id_twice_cannot_be_written_as_an_object(ids: list[str]) -> None:
    """Typed as pairs, an id twice is refused, not silently merged; untyped, it is an array."""
    value = tuple((i, 1) for i in ids)
    typed = tuple[tuple[str, int], ...]
    if len(set(ids)) == len(ids):
        return

    with pytest.raises(ValueError, match="twice"):
        to_json(value, typed)
    with pytest.raises(ValueError, match="twice"):
        to_json(value, typed, converter=make_converter())
    assert json.loads(to_json(value)) == [list(p) for p in value]


@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "c", 1]), st.integers(-3, 3) | st.text(max_size=2)),
        max_size=4,
    ).map(tuple)
    | st.lists(st.integers(), max_size=2)
)
def test_the_fast_writer_writes_pairs_as_the_hooks_do(value: Any) -> None:
    """The engine gives the hooks' text, or their error, for pairs good and bad."""
    from jobcenter_core.serialization._writer import Writer
    from jobcenter_core.serialization.text import compact

    typed = tuple[tuple[str, int], ...]
    converter = make_converter()

    def outcome(write: Any) -> Any:
        try:
            return write()
        except Exception as error:  # the same error, whichever writes it
            return type(error), str(error)

    expected = outcome(lambda: compact(converter.unstructure(value, typed)))

    assert expected == outcome(lambda: Writer(converter).write(value, typed))


def test_a_document_of_a_result_holds_the_object_and_names_the_pairs_type() -> None:
    """``dump_document`` writes a result as ``to_json`` does, and reads back by its type."""
    from jobcenter_core import dump_document, load_document

    result = benefit_regimes(HOUSEHOLD, on=ON)

    document = json.loads(dump_document(result))

    assert "tuple[tuple[str, Decision[BenefitRegime]], ...]" == document["type"]
    assert json.loads(to_json(result)) == document["data"]
    assert result == load_document(dump_document(result), REGIMES)
