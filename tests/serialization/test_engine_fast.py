"""
Engine: a JSON array read one item at a time (``serialization/_fast.py``) gives exactly
the values and errors of reading it whole; and the default converter writes the text a
made one writes.

Without ``converter=``, ``from_json`` reads an array item by item and reads the document
whole only when something is wrong, to report every problem; ``to_json`` writes with
the text engine (``serialization/_writer.py``, checked against the hooks in
``test_engine_writer.py``). Every test here compares the default with a made converter,
which always reads and writes whole: on every public type, and on documents that are
edited, reordered, mutated, broken or simply wrong.
"""

from __future__ import annotations

import datetime as _dt
import json
import pathlib
import typing
from collections.abc import Callable
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jobcenter_core.strategies as strategies
from jobcenter_core import (
    CefrLevel,
    Decision,
    Household,
    InvalidInput,
    LanguageSkill,
    Person,
    Sex,
)
from jobcenter_core.serialization import (
    from_json,
    load_document,
    make_converter,
    structure,
    to_json,
    unstructure,
)

GOLDEN = pathlib.Path(__file__).parent.parent / "golden"
CONVERTER = make_converter()
_SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large]


def _golden(name: str, cl: type) -> Any:
    """The value of ``tests/golden/<name>.json`` (Olena and her household)."""
    return load_document((GOLDEN / f"{name}.json").read_text(), cl)


def _olena() -> Person:
    olena: Person = _golden("person", Person)
    return olena


def _household() -> Household:
    household: Household = _golden("household", Household)
    return household


def _person_json(id: str, level: str) -> str:
    return (
        f'{{"id": "{id}", "birth_date": "1990-03-01", "sex": "female",'
        f' "languages": [{{"language": "uk", "level": "{level}"}}]}}'
    )


def _outcome(read: Callable[[], Any]) -> Any:
    """What *read* gives: a value, the problems of its InvalidInput, or another error."""
    try:
        return read()
    except InvalidInput as error:
        return [str(p) for p in error.problems]
    except (ValueError, TypeError, AttributeError) as error:
        return (type(error), str(error))


# --- every public type -----------------------------------------------------------------


def _check_default_converter(
    make: Callable[[st.DataObject], st.SearchStrategy[Any]], cl: Any, data: st.DataObject
) -> None:
    value = data.draw(make(data))

    text = to_json(value, cl, converter=CONVERTER)
    array = to_json((value, value), tuple[cl, ...], converter=CONVERTER)

    assert text == to_json(value, cl)
    assert array == to_json((value, value), tuple[cl, ...])
    assert value == from_json(text, cl)
    assert (value, value) == from_json(array, tuple[cl, ...])
    assert value == structure(unstructure(value, cl), cl)
    assert text == to_json(from_json(text, cl), cl)


def _check_every_value(strategy_case: Any, examples: int) -> None:
    _, make, cl = strategy_case

    @settings(max_examples=examples, suppress_health_check=_SLOW_DATA)
    @given(data=st.data())
    def same_results(data: st.DataObject) -> None:
        _check_default_converter(make, cl, data)

    same_results()


def test_the_default_converter_writes_and_reads_every_public_type_as_a_made_one(
    strategy_case: Any,
) -> None:
    """The default converter, which writes and reads arrays item by item, gives the same
    JSON and the same values as a made converter."""
    _check_every_value(strategy_case, examples=10)


@pytest.mark.slow
def test_the_default_converter_writes_and_reads_many_values_as_a_made_one(
    strategy_case: Any,
) -> None:
    """The same property with many more examples (``uv run pytest -m slow``)."""
    _check_every_value(strategy_case, examples=300)


@pytest.mark.slow
def test_ten_thousand_values_of_every_kind_read_and_write_as_a_made_converter_does(
    strategy_cases: list[Any],
) -> None:
    """Ten thousand values drawn from every strategy at once (``uv run pytest -m slow``)."""

    @settings(max_examples=10_000, suppress_health_check=_SLOW_DATA)
    @given(data=st.data())
    def same_results(data: st.DataObject) -> None:
        _, make, cl = data.draw(st.sampled_from(strategy_cases))
        _check_default_converter(make, cl, data)

    same_results()


@attrs.frozen(kw_only=True)
class _Reading:
    """A class with a field of each JSON scalar type (attrs does not check them)."""

    count: int = 1
    value: float = 0.5
    flag: bool = True
    note: str | None = None


def _unchecked(make: Any) -> Any:
    """A value built with validators off: what a caller who turned them off may hold."""
    with attrs.validators.disabled():
        return make()


@pytest.mark.parametrize(
    "value",
    [
        _unchecked(lambda: attrs.evolve(_olena(), work_permitted=1)),
        _unchecked(lambda: attrs.evolve(_olena(), name=7)),
        _Reading(count=True),
        _Reading(count=2**70),
        _Reading(value=1),
        _Reading(value=-0.0),
        _Reading(flag=0),
        _Reading(note=b"x"),
        Decision(value=3, reasons=()),
    ],
    ids=repr,
)
def test_a_value_of_an_unexpected_type_in_a_field_is_written_as_the_hooks_write_it(
    value: Any,
) -> None:
    """A value of the wrong type in a field (a class whose fields attrs does not check, or
    a value built with validators off) is written, or refused, item by item as it is
    whole."""
    expected = _outcome(lambda: to_json(value, converter=CONVERTER))

    assert expected == _outcome(lambda: to_json(value))


def test_a_float_that_json_cannot_hold_is_refused_as_the_hooks_refuse_it() -> None:
    """Infinity is not JSON: the error is json's own, item by item or whole."""
    reading = _Reading(value=float("inf"))

    with pytest.raises(ValueError, match="Out of range float") as made:
        to_json(reading, converter=CONVERTER)
    with pytest.raises(ValueError, match="Out of range float") as default:
        to_json(reading)

    assert str(made.value) == str(default.value)


def test_text_that_json_escapes_is_written_as_json_dumps_writes_it() -> None:
    """Quotes, backslashes, control characters and non-ASCII text keep their escapes."""
    person = attrs.evolve(_olena(), name='Ölena "O" \\ \n\t\x00\u2028 😀')
    surrogate = attrs.evolve(_olena(), name="\ud800")

    text = to_json(person)

    assert to_json(person, converter=CONVERTER) == text
    assert person == from_json(text, Person)
    assert to_json(surrogate, converter=CONVERTER) == to_json(surrogate)
    assert ["$.name: not valid Unicode text (lone surrogate)"] == _outcome(
        lambda: from_json(to_json(surrogate), Person)
    )


_OLENA_JSON = to_json(_olena(), converter=CONVERTER)


@pytest.mark.parametrize(
    "text",
    [
        "[]",
        " [ ] ",
        "\ufeff[]",
        f"[{_person_json('p-1', 'native')}]",
        f"\n[ {_person_json('p-1', 'native')} ,\r\n\t{_person_json('p-2', 'B1')} ]\n",
        f"[{_person_json('p-1', 'native')},]",
        f"[{_person_json('p-1', 'native')}] []",
        f"[{_person_json('p-1', 'native')}",
        f"[{_person_json('p-1', 'native')} {_person_json('p-2', 'B1')}]",
        f"[{_person_json('p-1', 'native')}, NaN]",
        f"[{_person_json('p-1', 'Native')}, {_person_json('p-2', 'B1')}, 3]",
        f"[{_person_json('p-1', 'native').replace('p-1', 'Ölena')}]",
        "[" + _OLENA_JSON[:-1] + ', "nmae": 1}]',
        "[" + _OLENA_JSON.replace('"identity_registered":true', '"identity_registered":1') + "]",
        "[" + _OLENA_JSON.replace('"sex":"female"', '"sex":"F\u00e9male"') + "]",
        f'[{_person_json("p-1", "native")[:-1]}, "name": "\\ud800"}}]',
        '{"id": "p-1"}',
        _OLENA_JSON + "]",
        '"[]"',
        "",
        "[" * 5000 + "]" * 5000,
    ],
)
def test_an_array_is_read_item_by_item_with_the_same_result(text: str) -> None:
    """from_json of a tuple reads its array one item at a time; what it gives, or the
    problems it reports, are those of reading the whole document with the hooks."""
    cl = tuple[Person, ...]

    expected = _outcome(lambda: from_json(text, cl, converter=CONVERTER))

    assert expected == _outcome(lambda: from_json(text, cl))
    assert expected == _outcome(lambda: from_json(text.encode("utf-8"), cl))


@pytest.mark.parametrize(
    "text", ["[1,2]", "[1 23]", "[1,,2]", "[1]]", "[[1]]", "[1.0]", "[true]", "[1e400]", "[-0]"]
)
def test_an_array_of_numbers_is_read_item_by_item_with_the_same_result(text: str) -> None:
    """The same for arrays of plain numbers, broken ones included."""
    cl = tuple[int, ...]

    expected = _outcome(lambda: from_json(text, cl, converter=CONVERTER))

    assert expected == _outcome(lambda: from_json(text, cl))


def test_an_array_of_bytes_that_are_not_utf_8_is_refused_as_a_whole() -> None:
    """Bytes are decoded strictly before any item is read."""
    payload = ("[" + _OLENA_JSON + "]").encode("utf-8").replace(b"Olena", b"Ol\xe9na")

    expected = _outcome(lambda: from_json(payload, tuple[Person, ...], converter=CONVERTER))

    assert ["$: not valid UTF-8 (at byte 412)"] == expected
    assert expected == _outcome(lambda: from_json(payload, tuple[Person, ...]))


def test_the_default_converter_shares_equal_values_within_one_document() -> None:
    """Read item by item, repeated dates and skills are still read once per document."""
    text = f"[{_OLENA_JSON}, {_OLENA_JSON.replace('p-olena', 'p-2')}]"

    first, second = from_json(text, tuple[Person, ...])
    third = from_json(text, tuple[Person, ...])[0]

    assert first.languages[0] is second.languages[0]
    assert first.birth_date is second.birth_date
    assert first.languages[0] is not third.languages[0]


# --- reading: whatever the document, item by item gives what the whole document gives


def _outcomes(text: str, cl: Any) -> tuple[Any, Any]:
    """What the default converter and a made one give for *text*, read as *cl*."""
    return (
        _outcome(lambda: from_json(text, cl, converter=CONVERTER)),
        _outcome(lambda: from_json(text, cl)),
    )


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_an_array_of_edited_households_reads_as_a_made_converter_reads_it(
    data: st.DataObject, edited: Callable[[Any], st.SearchStrategy[Any]]
) -> None:
    """Read item by item, the households are the same, or the problems the same at the
    same paths, as read whole by a made converter, whatever keys and values an item has."""
    document = data.draw(
        st.lists(strategies.households(), min_size=1, max_size=3).flatmap(
            lambda hs: edited([json.loads(to_json(h, converter=CONVERTER)) for h in hs])
        )
    )

    made, default = _outcomes(json.dumps(document), tuple[Household, ...])

    assert made == default


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_an_array_of_edited_persons_reads_as_a_made_converter_reads_it(
    data: st.DataObject, edited: Callable[[Any], st.SearchStrategy[Any]]
) -> None:
    """The same for persons, whose skills, residence and dates are shared per document."""
    document = data.draw(
        st.lists(strategies.persons(), min_size=1, max_size=3).flatmap(
            lambda ps: edited([json.loads(to_json(p, converter=CONVERTER)) for p in ps])
        )
    )

    made, default = _outcomes(json.dumps(document), list[Person])

    assert made == default


def test_objects_with_their_keys_in_another_order_or_left_out_read_the_same() -> None:
    """Each field is read by its key: the order of keys does not matter, and an object
    without its optional keys is read with the defaults."""
    full = json.loads(to_json(_olena()))
    reordered = dict(reversed(list(full.items())))
    short = {"id": "p-2", "birth_date": "1990-03-01", "sex": "male"}
    text = json.dumps([full, reordered, short])

    made, default = _outcomes(text, tuple[Person, ...])

    assert made == default
    assert (
        _olena(),
        _olena(),
        Person(id="p-2", birth_date=pendulum.date(1990, 3, 1), sex=Sex.MALE),
    ) == default


@pytest.mark.parametrize(
    "change",
    [
        {"language": "uk", "level": "A1", "x": None},
        {"language": "UK", "level": "A1"},
        {"language": "uk", "level": "a1"},
        {"language": "uk"},
        {"language": ["uk"], "level": "A1"},
        {"level": "A1", "language": "uk"},
        "uk",
    ],
    ids=repr,
)
def test_a_bad_skill_after_an_equal_good_one_is_still_refused(change: Any) -> None:
    """Skills are read once per document by their values; a different object (other or
    missing keys, other values) is still read, and refused, on its own."""
    good = {"language": "uk", "level": "A1"}
    person = json.loads(to_json(_olena()))
    other = dict(person, id="p-2", languages=[change])
    text = json.dumps(
        [dict(person, languages=[good]), other, dict(person, id="p-3", languages=[good])]
    )

    made, default = _outcomes(text, tuple[Person, ...])

    assert made == default


@attrs.frozen(kw_only=True)
class _Everything:
    """A class whose fields take each kind of reading: scalars, optionals, containers."""

    count: int
    share: float
    flag: bool | None
    note: str = "x"
    day: pendulum.Date | None = None
    at: pendulum.DateTime | None = None
    hold: pendulum.Duration | None = None
    codes: frozenset[str] = frozenset()
    pair: tuple[int, str] | None = None
    table: dict[str, int] = attrs.field(factory=dict)
    kind: Sex | int = 0


@pytest.mark.parametrize(
    "item",
    [
        {"count": 1, "share": 0.5, "flag": None},
        {"count": 1, "share": 1, "flag": True, "note": "ü", "day": "2022-06-21"},
        {"count": 2**60, "share": 0.5, "flag": None},
        {"count": True, "share": 0.5, "flag": 0},
        {"count": 1, "share": 0.5, "flag": None, "at": "2022-06-21T09:00:00+02:00[Europe/Berlin]"},
        {"count": 1, "share": 0.5, "flag": None, "at": "2022-06-21T09:00:00"},
        {"count": 1, "share": 0.5, "flag": None, "hold": "PT48H", "codes": ["b", "a"]},
        {"count": 1, "share": 0.5, "flag": None, "codes": ["a", "a"], "pair": [1, "x"]},
        {"count": 1, "share": 0.5, "flag": None, "pair": [1], "table": {"a": "b"}},
        {"count": 1, "share": 0.5, "flag": None, "table": {"a": 1}, "kind": "female"},
        {"count": 1, "share": 0.5, "flag": None, "kind": 3},
        {"count": 1, "share": 0.5, "flag": None, "kind": "x"},
        {"count": 1, "share": 0.5, "flag": None, "note": "\ud800"},
    ],
    ids=repr,
)
def test_every_kind_of_field_reads_as_a_made_converter_reads_it(item: dict[str, Any]) -> None:
    """Every kind of field (scalars, optionals, sets, tuples, mappings, unions) gives the
    same values and problems item by item as whole."""
    full = {
        "count": 1, "share": 0.5, "flag": None, "note": "x", "day": None, "at": None,
        "hold": None, "codes": [], "pair": None, "table": {}, "kind": 0,
    }  # fmt: skip
    texts = [json.dumps([item]), json.dumps([{**full, **item}])]

    outcomes = [_outcomes(text, tuple[_Everything, ...]) for text in texts]

    assert [made for made, _ in outcomes] == [default for _, default in outcomes]


class _Impostor(pendulum.Date):
    """A date that claims to be Olena's birthday (1988-02-29)."""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return hash(pendulum.date(1988, 2, 29))


class _DayLike(typing.NamedTuple):
    """Not a date, though it has a year, a month and a day."""

    year: int
    month: int
    day: int


@pytest.mark.parametrize(
    "day",
    [
        pendulum.date(1, 1, 1),
        pendulum.date(1899, 12, 31),
        pendulum.date(1900, 1, 1),
        pendulum.date(2024, 2, 29),
        pendulum.date(2099, 12, 31),
        pendulum.date(2100, 1, 1),
        pendulum.date(9999, 12, 31),
        _dt.date(2022, 6, 21),
        pendulum.datetime(2022, 6, 21, 9, tz="Europe/Berlin"),
        "2022-06-21",
        _DayLike(year=2022, month=6, day=21),
        _Impostor(2022, 6, 21),
    ],
    ids=repr,
)
def test_any_date_in_a_date_field_is_written_as_the_hooks_write_it(day: Any) -> None:
    """Whatever sits in a date field (a date of any year, a datetime, a string, an
    impostor that equals every date), the text or the error is the hooks'."""
    person = _olena()
    object.__setattr__(person, "birth_date", day)  # past the converter, as a bug might
    persons, cl = (_olena(), person, person), tuple[Person, ...]

    expected = _outcome(lambda: to_json(persons, cl, converter=CONVERTER))

    assert expected == _outcome(lambda: to_json(persons, cl))


_WRONG_VALUES: tuple[Any, ...] = (
    None, True, False, 0, 1, 1.5, "", " ", "x", "uk", "A1", "female", "child", "p-olena",
    "2022-06-21", "2022-13-01", "\u00fc", [], ["x"], {}, {"a": 1},
)  # fmt: skip
"""Values of every JSON type, some of them valid in some field."""


@pytest.mark.parametrize("wrong", _WRONG_VALUES, ids=repr)
def test_any_value_in_any_place_of_a_household_reads_as_a_made_converter_reads_it(
    wrong: Any, locations: Callable[[Any], list[tuple[Any, ...]]]
) -> None:
    """Each place of a household (every field of every object, every item), given each
    kind of value in turn: the default converter gives what a made converter gives."""
    document = json.loads(to_json(_household()))
    mismatches = []

    for location in locations(document)[1:]:
        changed = json.loads(json.dumps(document))
        parent = changed
        for step in location[:-1]:
            parent = parent[step]
        parent[location[-1]] = wrong
        made, default = _outcomes(json.dumps([document, changed]), tuple[Household, ...])
        if made != default:
            mismatches.append(location)

    assert [] == mismatches


@attrs.frozen(kw_only=True)
class _Text:
    first: str
    second: str | None


@attrs.frozen(kw_only=True)
class _OtherText:
    one: str
    two: str | None


@attrs.frozen(kw_only=True)
class _Texts:
    text: _Text
    other: _OtherText


def test_equal_text_of_two_classes_reads_as_two_values() -> None:
    """Objects of text-only classes are shared by their values within one class only."""
    text = json.dumps(
        [{"text": {"first": "a", "second": None}, "other": {"one": "a", "two": None}}]
    )

    made, default = _outcomes(text, tuple[_Texts, ...])

    assert made == default
    assert (
        _Texts(text=_Text(first="a", second=None), other=_OtherText(one="a", two=None)),
    ) == default


@given(st.lists(strategies.pendulum_dates(), max_size=20))
def test_lists_of_dates_are_written_as_the_hooks_write_them(days: list[pendulum.Date]) -> None:
    """Repeated and distinct dates, across the whole range, give the hooks' text."""
    cl = tuple[pendulum.Date, ...]

    assert to_json(tuple(days), cl, converter=CONVERTER) == to_json(tuple(days), cl)


def test_objects_made_while_writing_never_borrow_each_others_text() -> None:
    """Values made and dropped while the call writes them (here by a generator) are each
    written as the hooks write them, whatever memory they reuse."""
    codes = ["aa", "bb", "cc", "dd", "ee", "ff", "gg", "hh"]
    cl = tuple[LanguageSkill, ...]

    def skills() -> Any:
        return (LanguageSkill(language=code, level=CefrLevel.A1) for code in codes)

    assert to_json(skills(), cl, converter=CONVERTER) == to_json(skills(), cl)


# --- mutated documents, broken text included -------------------------------------------

_FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=_SLOW_DATA)


def _fuzz_outcome(read: Any) -> Any:
    """What *read* gives: a value, or the problems of its InvalidInput as text."""
    try:
        return read()
    except InvalidInput as error:
        return [str(p) for p in error.problems]


def _assert_default_converter_agrees(payload: str | bytes, cl: Any) -> None:
    """The default converter (which reads an array item by item) gives what a made
    converter gives: the same value or the same problems, for the document and for an
    array of it."""
    array = b"[%s, %s]" % ((payload,) * 2) if isinstance(payload, bytes) else f"[{payload}]"

    assert _fuzz_outcome(lambda: from_json(payload, cl, converter=CONVERTER)) == _fuzz_outcome(
        lambda: from_json(payload, cl)
    )
    assert _fuzz_outcome(
        lambda: from_json(array, tuple[cl, ...], converter=CONVERTER)
    ) == _fuzz_outcome(lambda: from_json(array, tuple[cl, ...]))


def _mutated_households(mutated: Callable[[Any], Any]) -> st.SearchStrategy[str | bytes]:
    return strategies.households().flatmap(
        lambda h: mutated(json.loads(to_json(h, converter=CONVERTER)))
    )


@_FUZZ
@given(data=st.data())
def test_the_default_converter_reads_a_mutated_household_as_a_made_one(
    data: st.DataObject, mutated: Callable[[Any], Any]
) -> None:
    """Whatever the mutation, the default converter agrees with a made one."""
    payload = data.draw(_mutated_households(mutated))

    _assert_default_converter_agrees(payload, Household)


@_FUZZ
@given(data=st.data())
def test_the_default_converter_reads_a_mutated_person_as_a_made_one(
    data: st.DataObject, mutated: Callable[[Any], Any]
) -> None:
    """The same for a single person."""
    payload = data.draw(
        strategies.persons().flatmap(lambda p: mutated(json.loads(to_json(p, converter=CONVERTER))))
    )

    _assert_default_converter_agrees(payload, Person)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=_SLOW_DATA)
@given(data=st.data())
def test_the_default_converter_reads_many_mutated_households_as_a_made_one(
    data: st.DataObject, mutated: Callable[[Any], Any]
) -> None:
    """The long run of the comparison (``uv run pytest -m slow``)."""
    payload = data.draw(_mutated_households(mutated))

    _assert_default_converter_agrees(payload, Household)
