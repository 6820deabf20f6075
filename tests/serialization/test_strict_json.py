"""
Strict JSON: an object that names a key twice is refused on every reading path, with a
problem at each repeated key (I-JSON, RFC 7493 § 2.3), never read as its last value.
"""

from __future__ import annotations

import pytest

from jobcenter_core import InvalidInput, LegalReference, Person, dump_document, load_document
from jobcenter_core.serialization import from_json, make_converter

PERSON = '{"id":"p-1","birth_date":"1990-03-01","sex":"female"}'
TWICE = '{"id":"p-1","id":"p-2","birth_date":"1990-03-01","sex":"female"}'


def _problems(error: InvalidInput) -> list[str]:
    return [f"{p.path}: {p.kind}" for p in error.problems]


def test_a_repeated_key_is_refused_not_read_as_its_last_value() -> None:
    """A reviewer reading the first ``id`` is not fooled by a second one."""
    with pytest.raises(InvalidInput) as raised:
        from_json(TWICE, Person)

    assert ["$.id: duplicate key"] == _problems(raised.value)
    assert "1 problem in input:\n  $.id: duplicate key" == str(raised.value)


def test_a_repeated_key_in_an_array_item_is_refused_on_the_fast_path_too() -> None:
    """``from_json`` of an array reads item by item; a repeated key there is found too."""
    text = f"[{PERSON},{TWICE}]"

    for converter in (None, make_converter()):
        with pytest.raises(InvalidInput) as raised:
            from_json(text, tuple[Person, ...], converter=converter)

        assert ["$[1].id: duplicate key"] == _problems(raised.value)


def test_every_repeated_key_is_named_in_document_order() -> None:
    """Nested objects and keys that are not identifiers are found, each by its path."""
    text = (
        '{"a": {"x": 1, "x": 2}, "list": [{"first name": 1, "first name": 2}],'
        ' "a": 3, "b": {"c": {"d": [], "d": []}}}'
    )
    with pytest.raises(InvalidInput) as raised:
        from_json(text, dict[str, object])

    assert [
        "$.a.x: duplicate key",
        '$.list[0]["first name"]: duplicate key',
        "$.a: duplicate key",
        "$.b.c.d: duplicate key",
    ] == _problems(raised.value)


def test_a_converter_and_a_document_refuse_repeated_keys() -> None:
    """``JsonConverter.loads`` and ``load_document`` read through the same strict parser."""
    document = dump_document(LegalReference(law="SGB II", section="7a"))
    repeated = document.replace('"section":"7a"', '"section":"7a","section":"8"')

    with pytest.raises(InvalidInput) as by_converter:
        make_converter().loads(TWICE, Person)
    with pytest.raises(InvalidInput) as by_document:
        load_document(repeated)

    assert ["$.id: duplicate key"] == _problems(by_converter.value)
    assert ["$.data.section: duplicate key"] == _problems(by_document.value)


def test_the_message_names_the_key_but_not_the_values() -> None:
    """Keys are structure; the two values, which may be personal, are not echoed."""
    text = '{"id":"p-1","birth_date":"1990-03-01","birth_date":"1991-04-02","sex":"female"}'

    with pytest.raises(InvalidInput) as raised:
        from_json(text, Person)

    assert "1991" not in str(raised.value)
    assert "1990" not in str(raised.value)
    assert raised.value.__cause__ is None
    assert raised.value.__context__ is None
