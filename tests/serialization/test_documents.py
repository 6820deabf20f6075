"""
Versioned documents: the envelope names the schema version and the type, so stored data
can be recognised and migrated, and a document is read only as what it says it holds.
"""

from __future__ import annotations

import json

import pytest

from jobcenter_core import Household, InvalidInput, Person
from jobcenter_core.serialization import SCHEMA, dump_document, load_document, make_converter

CONVERTER = make_converter()


def test_a_document_names_its_schema_and_type(household: Household) -> None:
    """The envelope carries the schema version and the type of its data."""
    text = dump_document(household, converter=CONVERTER)

    document = json.loads(text)

    assert [SCHEMA, "Household"] == [document["schema"], document["type"]]
    assert household == load_document(text, converter=CONVERTER)
    assert household == load_document(text, Household, converter=CONVERTER)


def test_a_document_of_an_unknown_schema_version_is_refused_clearly(olena: Person) -> None:
    """Data written by a newer library is not guessed at."""
    text = dump_document(olena, converter=CONVERTER).replace(SCHEMA, "jobcenter_core/2")

    with pytest.raises(InvalidInput) as caught:
        load_document(text, converter=CONVERTER)

    assert ["$.schema: unsupported schema version (this library reads 'jobcenter_core/1')"] == [
        str(p) for p in caught.value.problems
    ]


def test_a_document_of_another_type_is_refused(olena: Person) -> None:
    """Asking for a Household and getting a Person document is an error, not a guess."""
    text = dump_document(olena, converter=CONVERTER)

    with pytest.raises(InvalidInput) as caught:
        load_document(text, Household, converter=CONVERTER)

    assert ["$.type: expected a document of type 'Household'"] == [
        str(p) for p in caught.value.problems
    ]


def test_problems_inside_a_document_are_reported_under_data(olena: Person) -> None:
    """Paths in a document start at ``$.data``."""
    document = json.loads(dump_document(olena, converter=CONVERTER))
    document["data"]["birth_date"] = "1988-02-30"

    with pytest.raises(InvalidInput) as caught:
        load_document(json.dumps(document), converter=CONVERTER)

    assert ["$.data.birth_date: not a valid ISO date (YYYY-MM-DD)"] == [
        str(p) for p in caught.value.problems
    ]


def test_a_document_must_name_a_public_type() -> None:
    """The type is looked up among the library's public attrs classes only."""
    text = json.dumps({"schema": SCHEMA, "type": "os.system", "data": {}})

    assert ["$.type: not a public type of jobcenter_core"] == _document_problems(text)


def _document_problems(text: str) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        load_document(text, converter=CONVERTER)
    return [str(p) for p in caught.value.problems]
