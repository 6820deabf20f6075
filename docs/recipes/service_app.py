"""
A small enrolment service: one group offer's roster behind a JSON API.

The recipe of ``docs/guide/62-howto-service.md``, run by ``tests/service/``. It needs
FastAPI (``uv sync --group service``); the library itself needs no web framework.

* Request bodies are read with ``from_json`` and answers written with ``to_json``: the
  library's own JSON, with its checks. FastAPI does not parse them; the OpenAPI
  document refers to the library's JSON Schemas, added as its components.
* ``InvalidInput`` is answered with 422 and a ``loc`` per problem, ``InvalidTransition``
  with 409.
* Every event of the offer is a row of an SQLite table, as the library's JSON. The
  events of one command are written in one transaction, and the roster in memory
  changes only once they are stored. At start the roster is rebuilt with ``replay``.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
import pendulum
from fastapi import FastAPI, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response

from jobcenter_core import (
    Event,
    GroupOffer,
    InvalidInput,
    InvalidTransition,
    OfferState,
    Registration,
    Transition,
    cancel,
    confirm,
    from_json,
    open_offer,
    register,
    replay,
    to_json,
)
from jobcenter_core.serialization import json_schema, json_schema_document, validation_errors

COMPONENTS = "#/components/schemas/"


@attrs.frozen(kw_only=True)
class At:
    """The body of a command that happens at an instant: ``{"at": "…"}``."""

    at: pendulum.DateTime


# --- the event log ------------------------------------------------------------------------

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS events (
    offer_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    event TEXT NOT NULL,
    PRIMARY KEY (offer_id, seq)
)
"""


def connect(database: str | Path) -> sqlite3.Connection:
    """The database, with the event table in place."""
    connection = sqlite3.connect(database, check_same_thread=False)
    with connection:
        connection.execute(SCHEMA_SQL)
    return connection


def load_events(connection: sqlite3.Connection, offer_id: str) -> list[Event]:
    """The events of an offer, in the order they happened."""
    rows = connection.execute(
        "SELECT event FROM events WHERE offer_id = ? ORDER BY seq", (offer_id,)
    )
    return [from_json(text, Event) for (text,) in rows]  # type: ignore[arg-type]


def append_events(connection: sqlite3.Connection, offer_id: str, events: Iterable[Event]) -> None:
    """Append *events* in one transaction: all of them are stored, or none."""
    with connection:  # commits, or rolls back if anything raises
        (last,) = connection.execute(
            "SELECT COALESCE(MAX(seq), 0) FROM events WHERE offer_id = ?", (offer_id,)
        ).fetchone()
        for seq, event in enumerate(events, start=last + 1):
            connection.execute(
                "INSERT INTO events (offer_id, seq, event) VALUES (?, ?, ?)",
                (offer_id, seq, to_json(event, Event)),
            )


# --- the app ---------------------------------------------------------------------------------


def _body(name: str) -> dict[str, Any]:
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": COMPONENTS + name}}},
        }
    }


def _answer(name: str) -> dict[int | str, dict[str, Any]]:
    return {
        200: {"content": {"application/json": {"schema": {"$ref": COMPONENTS + name}}}},
        409: {"description": "The command is not allowed in the registration's state"},
    }


def _json(text: str) -> Response:
    return Response(content=text, media_type="application/json")


def create_app(database: str | Path, offer: GroupOffer, *, caseworkers: Iterable[str]) -> FastAPI:
    """The service for *offer*, its events kept in *database* (opened if it is new)."""
    connection = connect(database)
    events = load_events(connection, offer.id)
    if not events:
        opened = open_offer(offer, caseworkers=caseworkers)
        append_events(connection, offer.id, opened.events)
        events = list(opened.events)
    roster: dict[str, OfferState] = {"state": replay(events)}
    lock = threading.Lock()  # one command at a time: read the state, store, then swap it

    app = FastAPI(title="Enrolment", version="1")

    def run(command: Any) -> Response:
        with lock:
            transition: Transition = command(roster["state"])
            append_events(connection, offer.id, transition.events)
            roster["state"] = transition.state
        return _json(to_json(transition.events, tuple[Event, ...]))

    @app.exception_handler(InvalidInput)
    async def invalid_input(request: Request, error: InvalidInput) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": validation_errors(error)})

    @app.exception_handler(InvalidTransition)
    async def invalid_transition(request: Request, error: InvalidTransition) -> JSONResponse:
        return JSONResponse(status_code=409, content={"detail": str(error)})

    @app.post("/registrations", openapi_extra=_body("Registration"), responses=_answer("Events"))
    async def post_registration(request: Request) -> Response:
        registration = from_json(await request.body(), Registration)
        return run(lambda state: register(state, registration))

    @app.post(
        "/registrations/{registration_id}/cancel",
        openapi_extra=_body("At"),
        responses=_answer("Events"),
    )
    async def post_cancel(registration_id: str, request: Request) -> Response:
        at = from_json(await request.body(), At).at
        return run(lambda state: cancel(state, registration_id, at=at))

    @app.post(
        "/registrations/{registration_id}/confirm",
        openapi_extra=_body("At"),
        responses=_answer("Events"),
    )
    async def post_confirm(registration_id: str, request: Request) -> Response:
        at = from_json(await request.body(), At).at
        return run(lambda state: confirm(state, registration_id, at=at))

    @app.get("/roster", responses=_answer("OfferState"))
    async def get_roster() -> Response:
        return _json(to_json(roster["state"]))

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(title=app.title, version=app.version, routes=app.routes)
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            schemas.update(json_schema_document(ref_prefix=COMPONENTS)["$defs"])
            schemas.update(json_schema(At, ref_prefix=COMPONENTS)["$defs"])
            events = json_schema(tuple[Event, ...], ref_prefix=COMPONENTS)
            schemas["Events"] = {"type": "array", "items": events["items"]}
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    app.state.connection = connection
    return app
