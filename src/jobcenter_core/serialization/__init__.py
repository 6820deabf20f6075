"""
JSON in and out: a cattrs converter that keeps every value exact and turns bad input into
one :class:`~jobcenter_core.errors.InvalidInput` listing every problem by JSON path.
"""

from __future__ import annotations

from jobcenter_core.serialization._legacy import (
    SCHEMA,
    JsonConverter,
    configure_converter,
    dump_document,
    from_json,
    load_document,
    make_converter,
    structure,
    to_json,
    unstructure,
)

__all__ = [
    "SCHEMA",
    "JsonConverter",
    "configure_converter",
    "dump_document",
    "from_json",
    "load_document",
    "make_converter",
    "structure",
    "to_json",
    "unstructure",
]
