"""
Converters: cattrs' preconf pattern with no global converter, classes tagged in unions,
private memos left out, and equal values shared within one document only.
"""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest

from jobcenter_core import Household, InvalidInput, Person, Relationship
from jobcenter_core.serialization import (
    configure_converter,
    from_json,
    make_converter,
    to_json,
    unstructure,
)

CONVERTER = make_converter()


def _problems(text: str, cl: Any) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        from_json(text, cl, converter=CONVERTER)
    return [str(p) for p in caught.value.problems]


def test_each_call_of_make_converter_gives_a_new_independent_converter() -> None:
    """No global converter: a hook registered on one converter does not leak to another."""
    mine = make_converter()
    mine.register_unstructure_hook(pendulum.Date, lambda d: "redacted")

    other = make_converter()

    assert '"redacted"' == mine.dumps(pendulum.date(2022, 6, 21))
    assert '"2022-06-21"' == other.dumps(pendulum.date(2022, 6, 21))
    assert '"2022-06-21"' == to_json(pendulum.date(2022, 6, 21))
    assert mine is not other


def test_configure_converter_sets_up_a_plain_cattrs_converter(household: Household) -> None:
    """The preconf pattern: any cattrs converter can be configured for this format."""
    import cattrs

    conv = cattrs.Converter()

    configure_converter(conv)

    assert unstructure(household, converter=CONVERTER) == conv.unstructure(household)
    assert household == conv.structure(conv.unstructure(household), Household)


def test_private_memo_fields_are_not_written() -> None:
    """Fields outside ``__init__`` (caches) never reach the JSON."""
    assert '{"id":"x"}' == to_json(WithMemo(id="x"), converter=make_converter())


@attrs.frozen(kw_only=True)
class Everyone:
    """A rule without fields."""


@attrs.frozen(kw_only=True)
class Speaks:
    """A rule with a field."""

    language: str


@attrs.frozen(kw_only=True)
class Offer:
    """A value whose field is a union of classes."""

    target: Everyone | Speaks | None


@attrs.frozen(kw_only=True)
class WithMemo:
    """A value with a private memo outside ``__init__``."""

    id: str
    _memo: int | None = attrs.field(init=False, default=None, eq=False)


def test_a_union_of_classes_is_tagged_with_the_class_name() -> None:
    """Values of a union of attrs classes carry ``$type`` so they can be told apart."""
    conv = make_converter()
    offer = Offer(target=Speaks(language="de"))

    text = conv.dumps(offer)

    assert '{"target":{"$type":"Speaks","language":"de"}}' == text
    assert offer == conv.loads(text, Offer)
    assert Offer(target=None) == conv.loads('{"target": null}', Offer)
    with pytest.raises(InvalidInput) as caught:
        conv.loads('{"target": {"$type": "Nobody"}}', Offer)
    assert ["$.target[\"$type\"]: expected one of 'Everyone', 'Speaks'"] == [
        str(p) for p in caught.value.problems
    ]


# --- values read once per document ------------------------------------------------------


def _person_json(id: str, level: str) -> str:
    return (
        f'{{"id": "{id}", "birth_date": "1990-03-01", "sex": "female",'
        f' "languages": [{{"language": "uk", "level": "{level}"}}]}}'
    )


def test_equal_dates_and_skills_in_one_document_become_one_shared_value() -> None:
    """Immutable values repeated in a document are read once (fewer objects to build)."""
    text = f"[{_person_json('p-1', 'native')}, {_person_json('p-2', 'native')}]"

    first, second = from_json(text, tuple[Person, ...], converter=CONVERTER)

    assert first.languages[0] is second.languages[0]
    assert first.birth_date is second.birth_date


def test_a_bad_object_equal_in_text_to_a_good_one_is_still_refused() -> None:
    """Sharing never lets a bad object pass: it is read, and refused, on its own."""
    relationship = '{"person": "p-1", "kind": "child", "of": "p-2"}'
    retyped = '{"person": "p-1", "kind": "child", "of": 1}'
    text = f"[{_person_json('p-1', 'native')}, {_person_json('p-2', 'Native')}]"

    with pytest.raises(InvalidInput) as caught:
        from_json(f"[{relationship}, {retyped}]", tuple[Relationship, ...], converter=CONVERTER)

    assert ["$[1].of: expected a string"] == [str(p) for p in caught.value.problems]
    assert [
        "$[1].languages[0].level: expected one of 'A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'"
    ] == _problems(text, tuple[Person, ...])


def test_values_are_shared_within_one_document_only() -> None:
    """Nothing read is kept once a call returns: two documents give separate values."""
    text = _person_json("p-1", "native")

    first = from_json(text, Person, converter=CONVERTER)
    second = from_json(text, Person, converter=CONVERTER)

    assert first == second
    assert first.languages[0] is not second.languages[0]
