"""
The service recipe (``docs/recipes/service_app.py``) through FastAPI's ``TestClient``:
register, cancel and confirm through the API; restart the app on the same database
file and find the identical roster; refuse bad bodies with 422 and a ``loc`` per
problem, illegal commands with 409; and keep the event log as it was when a write
fails half-way.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytest.importorskip(
    "fastapi", reason="FastAPI is in the service dependency group: uv sync --group service."
)
pytest.importorskip("httpx2", reason="TestClient needs httpx2, in the service dependency group.")

from fastapi.testclient import TestClient

from jobcenter_core import GroupOffer, Session, Venue
from jobcenter_core.dates import at_berlin

RECIPE = Path(__file__).resolve().parents[2] / "docs" / "recipes" / "service_app.py"
SESSION = Session(
    id="s-1",
    start=at_berlin(2022, 6, 21, 9),
    end=at_berlin(2022, 6, 21, 12),
    venue=Venue(name="Werkakademie", address="Bocholt"),
    capacity=1,
)
OFFER = GroupOffer(id="o-1", title="Bewerbungstraining", sessions=(SESSION,))


def _recipe() -> ModuleType:
    spec = importlib.util.spec_from_file_location("service_app", RECIPE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["service_app"] = module
    spec.loader.exec_module(module)
    return module


service_app = _recipe()


def _client(database: Path) -> TestClient:
    app = service_app.create_app(database, OFFER, caseworkers=["cw-1"])
    return TestClient(app, raise_server_exceptions=False)


def _registration(number: int) -> dict[str, Any]:
    return {
        "id": f"r-{number}",
        "person_id": f"p-{number}",
        "offer_id": "o-1",
        "registered_at": f"2022-06-13T0{7 + number}:00:00Z",
        "registered_by": "cw-1",
    }


def _rows(database: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(database) as connection:
        return list(connection.execute("SELECT seq, event FROM events ORDER BY seq"))


def _story(client: TestClient) -> None:
    """Three people for one seat; the first cancels, the second confirms the offered seat."""
    for number in range(3):
        assert 200 == client.post("/registrations", json=_registration(number)).status_code
    assert (
        200
        == client.post(
            "/registrations/r-0/cancel", json={"at": "2022-06-15T10:00:00+02:00"}
        ).status_code
    )
    assert (
        200
        == client.post(
            "/registrations/r-1/confirm", json={"at": "2022-06-16T09:00:00+02:00"}
        ).status_code
    )


def test_a_restarted_service_rebuilds_the_identical_roster_from_its_events(tmp_path: Path) -> None:
    """Nothing lost, nothing duplicated: replaying the stored events gives the same roster."""
    database = tmp_path / "enrolment.sqlite"
    client = _client(database)
    _story(client)
    roster = client.get("/roster").text
    rows = _rows(database)

    restarted = _client(database)

    assert roster == restarted.get("/roster").text
    assert rows == _rows(database)
    statuses = {e["registration"]["id"]: e["status"] for e in json.loads(roster)["entries"]}
    assert {"r-0": "cancelled", "r-1": "placed", "r-2": "waiting"} == statuses


def test_each_event_is_one_row_of_the_librarys_json(tmp_path: Path) -> None:
    """The log is readable without the service: one tagged JSON object per event."""
    database = tmp_path / "enrolment.sqlite"
    _story(_client(database))

    kinds = [json.loads(event)["$type"] for _, event in _rows(database)]

    assert "OfferOpened" == kinds[0]
    assert {"Registered", "Placed", "Waitlisted", "Cancelled", "SeatOffered", "Confirmed"} <= set(
        kinds
    )


def test_a_bad_registration_is_answered_with_422_and_a_loc_per_problem(tmp_path: Path) -> None:
    """Each problem at its place in the body; nothing is stored."""
    database = tmp_path / "enrolment.sqlite"
    client = _client(database)
    before = _rows(database)
    body = {
        **_registration(0),
        "registered_at": "2022-06-13T09:00:00",
        "priority": "high",
        "nmae": 1,
    }

    answer = client.post("/registrations", json=body)

    assert 422 == answer.status_code
    assert [["body", "registered_at"], ["body", "priority"], ["body", "nmae"]] == [
        d["loc"] for d in answer.json()["detail"]
    ]
    assert before == _rows(database)


def test_a_repeated_key_in_a_body_is_answered_with_422_at_that_key(tmp_path: Path) -> None:
    """Strict JSON at the edge: the second ``id`` does not silently win."""
    client = _client(tmp_path / "enrolment.sqlite")
    text = json.dumps(_registration(0)).replace('"id": "r-0"', '"id": "r-0", "id": "r-9"')

    answer = client.post(
        "/registrations", content=text, headers={"content-type": "application/json"}
    )

    assert 422 == answer.status_code
    assert [
        {"loc": ["body", "id"], "msg": "duplicate key", "type": "invalid_input"}
    ] == answer.json()["detail"]


def test_confirming_without_a_seat_offer_is_answered_with_409(tmp_path: Path) -> None:
    """A command the registration's state does not allow is a conflict, and changes nothing."""
    database = tmp_path / "enrolment.sqlite"
    client = _client(database)
    for number in range(2):
        client.post("/registrations", json=_registration(number))
    before = (_rows(database), client.get("/roster").text)

    answer = client.post("/registrations/r-1/confirm", json={"at": "2022-06-16T09:00:00+02:00"})

    assert 409 == answer.status_code
    assert "cannot 'confirm'" in answer.json()["detail"]
    assert before == (_rows(database), client.get("/roster").text)


def test_a_write_that_fails_half_way_leaves_the_log_and_the_roster_as_they_were(
    tmp_path: Path,
) -> None:
    """A registration writes two events; if the second cannot be stored, neither is."""
    database = tmp_path / "enrolment.sqlite"
    client = _client(database)
    before = (_rows(database), client.get("/roster").text)
    with sqlite3.connect(database) as connection:  # the disk fills up after one more row
        connection.execute(
            "CREATE TRIGGER full BEFORE INSERT ON events WHEN (SELECT COUNT(*) FROM events) >= 2"
            " BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )

    failed = client.post("/registrations", json=_registration(0))

    assert 500 == failed.status_code
    assert before == (_rows(database), client.get("/roster").text)
    with sqlite3.connect(database) as connection:
        connection.execute("DROP TRIGGER full")
    assert 200 == client.post("/registrations", json=_registration(0)).status_code
    assert 3 == len(_rows(database))


def test_the_openapi_document_carries_the_librarys_schemas(tmp_path: Path) -> None:
    """Bodies and answers refer to components made by ``json_schema_document``."""
    client = _client(tmp_path / "enrolment.sqlite")

    document = client.get("/openapi.json").json()

    body = document["paths"]["/registrations"]["post"]["requestBody"]["content"]["application/json"]
    assert {"$ref": "#/components/schemas/Registration"} == body["schema"]
    registration = document["components"]["schemas"]["Registration"]
    assert registration["additionalProperties"] is False
    assert "Registered.tagged" in document["components"]["schemas"]
    assert (
        "#/components/schemas/At"
        == (
            document["paths"]["/registrations/{registration_id}/confirm"]["post"]["requestBody"][
                "content"
            ]["application/json"]["schema"]["$ref"]
        )
    )
