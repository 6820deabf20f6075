"""
Engine: JSON text written straight from the values (``serialization/_writer.py``) is
byte for byte the text of ``json.dumps(converter.unstructure(value))``, compact.

``to_json`` without ``converter=`` writes with the engine. Every test here compares its
text, or the error it raises, with the converter's hooks and :mod:`json`: for every
strategy of :mod:`jobcenter_core.testing`, for values whose fields were then given
unusual values (text with quotes, control characters and lone surrogates, floats that
are integral, huge, negative zero or not finite, booleans where numbers belong, values
of the wrong type altogether), and for a converter from ``make_converter()``.
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
from collections.abc import Callable
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobcenter_core import CefrLevel, Decision, LanguageSkill, Person, Reason, Sex
from jobcenter_core.households import ChildCare
from jobcenter_core.offers import AllOf, AnyOf, Employable, LanguageAtLeast, Not
from jobcenter_core.serialization import make_converter, to_json
from jobcenter_core.serialization._writer import Writer
from jobcenter_core.serialization.documents import _default_converter

MADE = make_converter()
_SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large]


def _reference(value: Any, cl: Any, converter: Any) -> str:
    """The text the engine must write: the converter's hooks, then json, compact."""
    data = converter.unstructure(value, unstructure_as=cl)
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _outcome(write: Callable[..., str], *args: Any, **kwargs: Any) -> Any:
    """The text ``write(*args, **kwargs)`` gives, or the type and message of what it raises."""
    try:
        return write(*args, **kwargs)
    except Exception as error:  # the same error, whichever writes it
        return (type(error), str(error))


def _assert_written_as_the_hooks_write(value: Any, cl: Any) -> None:
    """The engine writes *value* (and an array of it) as the hooks and json do, with
    the default converter and with a made one."""
    for converter in (_default_converter(), MADE):
        writer = Writer(converter)
        for item, item_cl in ((value, cl), ((value, value), tuple[cl, ...])):
            expected = _outcome(_reference, item, item_cl, converter)

            assert expected == _outcome(writer.write, item, item_cl)
    assert _outcome(to_json, value, cl, converter=MADE) == _outcome(to_json, value, cl)


# --- unusual values in any field -----------------------------------------------------------

_UNUSUAL_TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec=None, categories=["Cc", "Cs", "Zl", "Zp", "Po"])),
    st.sampled_from(
        ['"', "\\", '\\"', "\x00", "\x1f\x7f", "\u2028\u2029", "😀", "Ölena", "%s", "{}"]
    ),
)
_UNUSUAL_NUMBERS = st.one_of(
    st.floats(),  # not finite ones too: json refuses them, and so must the engine
    st.sampled_from([0.0, -0.0, 1.0, 2.0**53, 1e300, -1e-300, 5e-324, 1e16, 123456789.0]),
    st.integers(),
    st.sampled_from([0, 1, -1, 2**53, -(2**53), 2**70, True, False]),
)
_UNUSUAL = st.one_of(
    _UNUSUAL_TEXT,
    _UNUSUAL_NUMBERS,
    st.none(),
    st.sampled_from([*Sex, *CefrLevel, *ChildCare]),
    st.sampled_from([(), frozenset(), [], {}, ("uk",), frozenset({"b", "a"}), {"a": 1}]),
    st.dates().map(lambda d: pendulum.date(d.year, d.month, d.day)),
    st.sampled_from(
        [
            _dt.date(2022, 6, 21),
            pendulum.datetime(2022, 6, 21, 9, tz="Europe/Berlin"),
            _dt.datetime(2022, 6, 21, 9),  # noqa: DTZ001 - naive on purpose: refused
            pendulum.duration(hours=48),
            _dt.timedelta(days=-1),
        ]
    ),
    st.sampled_from(
        [Employable(), Not(rule=Employable()), LanguageSkill(language="uk", level=CefrLevel.B1)]
    ),
)
"""Values that a field may hold (attrs checks no types), each as json writes it or refuses it."""


def _objects(value: Any) -> list[Any]:
    """The attrs objects inside *value*, itself included, each once."""
    found: dict[int, Any] = {}
    stack = [value]
    while stack:
        item = stack.pop()
        if attrs.has(item.__class__) and id(item) not in found:
            found[id(item)] = item
            stack.extend(getattr(item, a.name) for a in attrs.fields(item.__class__))
        elif isinstance(item, tuple | list | frozenset | set):
            stack.extend(item)
    return list(found.values())


@st.composite
def _spoiled(draw: st.DrawFn, value: Any) -> Any:
    """A copy of *value* with up to three fields of its objects given unusual values
    (past the validators, as a bug might)."""
    spoiled = copy.deepcopy(value)
    objects = [o for o in _objects(spoiled) if [a for a in attrs.fields(o.__class__) if a.init]]
    for _ in range(draw(st.integers(0, 3)) if objects else 0):
        target = draw(st.sampled_from(objects))
        field = draw(st.sampled_from([a for a in attrs.fields(target.__class__) if a.init]))
        object.__setattr__(target, field.name, draw(_UNUSUAL))
    return spoiled


# --- every strategy ------------------------------------------------------------------------


def _check(strategy_case: Any, data: st.DataObject, *, spoil: bool) -> None:
    _, make, cl = strategy_case
    value = data.draw(make(data))
    if spoil:
        value = data.draw(_spoiled(value))

    _assert_written_as_the_hooks_write(value, cl)


def _check_every_value(strategy_case: Any, examples: int, *, spoil: bool) -> None:
    @settings(max_examples=examples, deadline=None, suppress_health_check=_SLOW_DATA)
    @given(data=st.data())
    def same_text(data: st.DataObject) -> None:
        _check(strategy_case, data, spoil=spoil)

    same_text()


def test_every_public_type_is_written_as_the_hooks_write_it(strategy_case: Any) -> None:
    """For each strategy, the engine's text is the hooks' and json's, byte for byte."""
    _check_every_value(strategy_case, examples=10, spoil=False)


def test_unusual_values_in_any_field_are_written_or_refused_as_the_hooks_do(
    strategy_case: Any,
) -> None:
    """Unusual values in a field — odd text, floats and integers, values of the wrong
    type — give the hooks' text, or the same error."""
    _check_every_value(strategy_case, examples=10, spoil=True)


@pytest.mark.slow
def test_ten_thousand_values_are_written_as_the_hooks_write_them(
    strategy_cases: list[Any],
) -> None:
    """Ten thousand values from every strategy, half of them spoiled (``uv run pytest -m
    slow``)."""

    @settings(max_examples=10_000, deadline=None, suppress_health_check=_SLOW_DATA)
    @given(data=st.data())
    def same_text(data: st.DataObject) -> None:
        _check(data.draw(st.sampled_from(strategy_cases)), data, spoil=data.draw(st.booleans()))

    same_text()


# --- the shapes the engine writes in its own way ---------------------------------------------


@attrs.frozen(kw_only=True)
class _Nothing:
    """A class without fields."""


@attrs.frozen(kw_only=True)
class _One:
    """A class with one field."""

    day: pendulum.Date


_DAY = pendulum.date(2022, 6, 21)
_AT = pendulum.datetime(2022, 6, 21, 9, tz="Europe/Berlin")
_HOLD = pendulum.duration(hours=48)


@attrs.frozen(kw_only=True)
class _Everything:
    """A field of every kind the engine has an encoder for, and some it has not."""

    text: str = "x"
    number: float = 0.5
    count: int = 1
    flag: bool = True
    maybe_text: str | None = None
    maybe_flag: bool | None = None
    maybe_count: int | None = None
    day: pendulum.Date = _DAY
    maybe_day: pendulum.Date | None = None
    at: pendulum.DateTime = _AT
    hold: pendulum.Duration = _HOLD
    sex: Sex = Sex.FEMALE
    care: ChildCare | None = None
    codes: frozenset[str] = frozenset()
    sexes: frozenset[Sex] = frozenset()
    levels: tuple[CefrLevel, ...] = ()
    pair: tuple[int, str] = (1, "a")
    table: dict[str, int] = attrs.field(factory=dict)
    days: list[pendulum.Date] = attrs.field(factory=list)
    nothing: _Nothing = _Nothing()
    nothings: tuple[_Nothing, ...] = ()
    ones: tuple[_One, ...] = ()
    maybe_one: _One | None = None
    rule: Employable | Not | AllOf | None = None
    rules: tuple[Employable | Not | AllOf | AnyOf | LanguageAtLeast, ...] = ()
    anything: Any = None


_SHAPES = [
    _Everything(),
    _Everything(
        text='"\\\n\x00\u2028😀',
        number=-0.0,
        count=2**60,
        flag=False,
        maybe_text="ü",
        maybe_flag=False,
        maybe_count=-3,
        maybe_day=_DAY,
        sex=Sex.MALE,
        care=ChildCare.KITA,
        codes=frozenset({"b", "a", "ä", "B", '"', "#", "\\", "\x00"}),
        sexes=frozenset(Sex),
        levels=(CefrLevel.A1, CefrLevel.NATIVE),
        table={"a": 1},
        days=[_DAY, pendulum.date(1, 1, 1), pendulum.date(9999, 12, 31)],
        nothings=(_Nothing(), _Nothing()),
        ones=(_One(day=_DAY), _One(day=_dt.date(2000, 2, 29))),
        maybe_one=_One(day=_DAY),
        rule=AllOf(rules=(Not(rule=Employable()), AnyOf(rules=()))),
        rules=(Employable(), LanguageAtLeast(language="de", level=CefrLevel.A2), AllOf(rules=())),
        anything=(Sex.FEMALE, _DAY, [None]),
    ),
    _Everything(number=1e300, ones=(_One(day=_DAY),) * 50, days=[_DAY] * 3),
    _Everything(number=float("inf")),
    _Everything(number=float("nan")),
    _Everything(number=2.0, count=True, flag=1, maybe_flag=0, maybe_count=False),
    _Everything(sex=CefrLevel.A1, care=Sex.MALE, levels=(CefrLevel.B1, ChildCare.KITA)),
    _Everything(care=CefrLevel.NATIVE, sexes=frozenset({ChildCare.NONE})),
    Decision(value=frozenset({"b", "a"}), reasons=(Reason(code="x", message="y"),)),
    Decision(value=(Sex.FEMALE, 1.5), reasons=()),
    (_Nothing(), _One(day=_DAY), Sex.MALE, _DAY, "x", None, 1, 2.5, True),
    [_One(day=_DAY), [_Nothing()]],
    (),
    _Nothing(),
    _One(day=_DAY),
    Person(id="p-1", birth_date=_DAY, sex=Sex.FEMALE, name="Olena"),
]


@pytest.mark.parametrize("value", _SHAPES, ids=lambda v: type(v).__name__)
@pytest.mark.parametrize("typed", [True, False], ids=["with its type", "without"])
def test_each_kind_of_field_is_written_as_the_hooks_write_it(value: Any, typed: bool) -> None:
    """Every kind of field, empty and full, nested unions, generic classes, classes
    without fields or with one, arrays of any class: the hooks' text."""
    cl = None
    if typed and isinstance(value, Decision):
        cl = Decision[frozenset[str]] if isinstance(value.value, frozenset) else Decision[Any]
    elif typed and not isinstance(value, tuple | list):
        cl = type(value)

    _assert_written_as_the_hooks_write(value, cl)


class _Impostor(pendulum.Date):
    """A date that claims to equal every date, and hashes as 1988-02-29."""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return hash(pendulum.date(1988, 2, 29))


@pytest.mark.parametrize(
    "day",
    [
        _Impostor(2022, 6, 21),
        pendulum.datetime(1988, 2, 29, 23, tz="Europe/Berlin"),
        _dt.datetime(1988, 2, 29),  # noqa: DTZ001 - naive on purpose: written as a day
        "1988-02-29",
        None,
        19880229,
    ],
    ids=repr,
)
def test_a_date_field_gets_the_text_of_its_own_day_whatever_was_written_before(day: Any) -> None:
    """Dates' texts are kept, by day: a value that only claims to be a day already
    written, or is not a date at all, still gets its own text, or the hooks' error."""
    first = _One(day=pendulum.date(1988, 2, 29))
    second = _One(day=pendulum.date(1988, 2, 29))
    object.__setattr__(second, "day", day)
    values = (first, second, _Everything(maybe_day=first.day), _Everything(maybe_day=day))

    for value in values:
        _assert_written_as_the_hooks_write(value, type(value))
    _assert_written_as_the_hooks_write(values[:2], tuple[_One, ...])


def test_a_made_converter_writes_the_text_of_the_default_one() -> None:
    """A converter from make_converter() writes, through its hooks and json, exactly
    what the engine writes for the default converter."""
    person = Person(id="p-1", birth_date=_DAY, sex=Sex.FEMALE, name='"Olena"\n')

    text = to_json((person, person), tuple[Person, ...])

    assert text == to_json((person, person), tuple[Person, ...], converter=MADE)
    assert text == _reference((person, person), tuple[Person, ...], MADE)


@pytest.mark.parametrize("typed", [True, False], ids=["with its type", "without"])
@pytest.mark.parametrize("bad", [False, True], ids=["good items", "a bad item"])
def test_items_made_while_writing_are_read_once_and_written_as_the_hooks_write_them(
    typed: bool, bad: bool
) -> None:
    """A generator of items is read once, by whichever writes it: the same text, or the
    same error, as the hooks and json."""
    items = [_One(day=_DAY), _One(day=pendulum.date(2000, 1, 1)), _One(day=_DAY)]
    if bad:
        object.__setattr__(items[1], "day", "2000-01-01")
    cl = tuple[_One, ...] if typed else None

    expected = _outcome(_reference, iter(items), cl, _default_converter())

    assert expected == _outcome(Writer(_default_converter()).write, iter(items), cl)
    assert expected == _outcome(to_json, iter(items), cl)
