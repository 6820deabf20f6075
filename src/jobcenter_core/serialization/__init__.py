"""
JSON in and out: a cattrs converter that keeps every value exact and turns bad input into
one :class:`~jobcenter_core.errors.InvalidInput` listing every problem by JSON path.

* :mod:`~jobcenter_core.serialization.converter`: :func:`make_converter` and
  :func:`configure_converter` (cattrs' preconf pattern), :class:`JsonConverter`;
* :mod:`~jobcenter_core.serialization.scalars`: the hooks for strings, numbers,
  booleans, dates, instants, durations and enums;
* :mod:`~jobcenter_core.serialization.unions`: values tagged with their class under
  ``"$type"``;
* :mod:`~jobcenter_core.serialization.problems`: cattrs' errors as one ``InvalidInput``
  with JSON paths;
* :mod:`~jobcenter_core.serialization.text`: JSON text, parsed strictly;
* :mod:`~jobcenter_core.serialization.documents`: :func:`to_json`, :func:`from_json`,
  :func:`structure`, :func:`unstructure` and the versioned documents;
* :mod:`~jobcenter_core.serialization.inference`: the type of a result, read from it;
* :mod:`~jobcenter_core.serialization.schema`: :func:`json_schema` and
  :func:`json_schema_document`, JSON Schema made from the converter;
* :mod:`~jobcenter_core.serialization.web`: :func:`validation_errors`, problems as a
  web service answers them (no web framework imported).

Behind :func:`to_json` and :func:`from_json` without ``converter=``, three private
engines make the default converter fast, each giving exactly the text, values and
errors of the hooks and :mod:`json`, and each checked against them by a differential
test (``tests/serialization/test_engine_*.py``):

* ``_writer``: JSON text written straight from the values, without building dicts;
* ``_fast``: a JSON array read one item at a time;
* ``_shared``: equal dates and all-text objects read once per document, and shared.
"""

from __future__ import annotations

from jobcenter_core.serialization.converter import (
    JsonConverter,
    configure_converter,
    make_converter,
)
from jobcenter_core.serialization.documents import (
    SCHEMA,
    dump_document,
    from_json,
    load_document,
    structure,
    to_json,
    unstructure,
)
from jobcenter_core.serialization.inference import infer_type
from jobcenter_core.serialization.schema import json_schema, json_schema_document
from jobcenter_core.serialization.web import validation_errors

__all__ = [
    "SCHEMA",
    "JsonConverter",
    "configure_converter",
    "dump_document",
    "from_json",
    "infer_type",
    "json_schema",
    "json_schema_document",
    "load_document",
    "make_converter",
    "structure",
    "to_json",
    "unstructure",
    "validation_errors",
]
