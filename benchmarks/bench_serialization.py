"""
Benchmark 5: JSON of households against the codec floor and against pydantic v2.

``to_json`` / ``from_json`` of one JSON array of households (100,000 in the full run)
against

* ``json.dumps`` / ``json.loads`` of the equivalent plain dicts and lists (the same JSON
  text): the codec floor, which neither builds nor checks a domain value (target: within
  3x), and
* a pydantic v2 model of the same shape (same field names, the library's own enums,
  unknown keys forbidden, frozen, non-empty ids, and the same check that relationships
  name members), what many would pick instead (target: no slower). The pydantic models
  read the library's JSON text unchanged, which shows the shapes agree.

The library is timed twice: with its default converter (which writes the text straight
from the values, the engine in ``serialization/_writer.py``, and reads a JSON array one
item at a time, the engine in ``serialization/_fast.py``) and with a converter from
``make_converter()`` (cattrs' hooks and ``json``, the whole document at once), which
shows what the engines are worth.

Every row is checked: the round trip gives back equal households, and pydantic's
output parses to the same plain data.

Times are CPU seconds of this process (user + system, the garbage collector included),
best of three rounds in the quick run (one in the full run), and for the three writers
best of two more rounds: every codec here runs on one thread, and CPU time does
not count the time other processes on a shared machine hold the cores. Each codec is
timed with the same values alive (the households and their JSON text) plus its own
input, so none pays the garbage collector for another's output.

    uv run python benchmarks/bench_serialization.py [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import json
import time
from collections.abc import Callable
from typing import Any

import _data
from _common import table

WRITE_ROUNDS = 2
"""Extra rounds of the three writers (about 20 s each at 10^5 households, with the
garbage collections before each)."""


def _cpu_time(fn: Callable[[], Any]) -> tuple[float, Any]:
    """The CPU time in seconds of one call of *fn* (garbage collected before), and its result."""
    gc.collect()
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def _pydantic_adapter() -> Any:
    """A pydantic TypeAdapter for a tuple of households shaped like the library's JSON."""
    from typing import Annotated

    from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator

    from jobcenter_core.households import ChildCare, MaritalStatus, RelationshipKind
    from jobcenter_core.languages import CefrLevel
    from jobcenter_core.people import ResidenceDocument, Sex

    id_ = Annotated[str, Field(min_length=1)]

    class _Model(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)

    class LanguageSkill(_Model):
        language: Annotated[str, Field(min_length=2, max_length=3)]
        level: CefrLevel

    class ResidenceStatus(_Model):
        document: ResidenceDocument
        first_issued_on: dt.date | None = None

    class WorkCapacity(_Model):
        hours_per_day: Annotated[float, Field(ge=0, le=24)]
        assessed_on: dt.date

    class Person(_Model):
        id: id_
        birth_date: dt.date
        sex: Sex
        languages: tuple[LanguageSkill, ...] = ()
        residence: ResidenceStatus | None = None
        identity_registered: bool = False
        identity_registered_on: dt.date | None = None
        stored_in_central_register: bool = False
        work_capacity: WorkCapacity | None = None
        work_permitted: bool | None = None
        name: str | None = None

    class Member(_Model):
        person: Person
        marital_status: MaritalStatus = MaritalStatus.UNKNOWN
        child_care: ChildCare | None = None
        covers_own_needs: bool | None = None
        primary_carer: bool = False

    class Relationship(_Model):
        person: id_
        kind: RelationshipKind
        of: id_

    class CareArrangement(_Model):
        carer: id_
        cared_for: id_
        secured_otherwise: bool

    class Household(_Model):
        id: id_
        members: Annotated[tuple[Member, ...], Field(min_length=1)]
        relationships: tuple[Relationship, ...] = ()
        care_arrangements: tuple[CareArrangement, ...] = ()
        approval_period_ends_on: dt.date | None = None

        @model_validator(mode="after")
        def _members_known(self) -> Household:
            ids = {m.person.id for m in self.members}
            if len(ids) != len(self.members):
                raise ValueError("duplicate member id")
            for r in self.relationships:
                if r.person not in ids or r.of not in ids:
                    raise ValueError("unknown member id")
            for c in self.care_arrangements:
                if c.carer not in ids or c.cared_for not in ids:
                    raise ValueError("unknown member id")
            return self

    return TypeAdapter(tuple[Household, ...])


def run(quick: bool) -> dict[str, Any]:
    """Time the three codecs on 10^4 (quick) or 10^5 households; print and return the table."""
    try:
        from jobcenter_core.households import Household
        from jobcenter_core.serialization import from_json, make_converter, to_json
    except ImportError as exc:
        print(f"### serialization: skipped ({exc})\n")
        return {"skipped": str(exc)}
    count = 10_000 if quick else 100_000
    households = tuple(_data.households(count))
    persons = sum(len(h.members) for h in households)
    cl = tuple[Household, ...]
    repeat = 3 if quick else 1
    adapter = _pydantic_adapter()
    converter = make_converter()

    def dumps(data: Any) -> str:
        return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))

    times: dict[str, float] = {}

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        seconds, result = _cpu_time(fn)
        times[name] = min(seconds, times.get(name, seconds))
        return result

    models: Any = None
    for round_ in range(repeat):  # in rounds, so that a busy spell slows every codec alike
        text = timed("to_json", lambda: to_json(households, cl))
        plain = timed("loads", functools.partial(json.loads, text))
        plain_text = timed("dumps", functools.partial(dumps, plain))
        assert plain_text == text, "the plain dicts are not the same JSON"
        del plain, plain_text
        back = timed("from_json", functools.partial(from_json, text, cl))
        assert back == households, "the round trip changed the households"
        del back
        made_text = timed("to_json_made", lambda: to_json(households, cl, converter=converter))
        assert made_text == text, "a made converter wrote other text"
        del made_text
        back = timed("from_json_made", functools.partial(from_json, text, cl, converter=converter))
        assert back == households, "a made converter read other households"
        del back
        models = timed("pydantic_validate", functools.partial(adapter.validate_json, text))
        pydantic_text = timed("pydantic_dump", functools.partial(adapter.dump_json, models))
        if round_ < repeat - 1:  # the last round's models serve the extra write rounds
            del models
        assert json.loads(pydantic_text) == json.loads(text), "pydantic wrote another shape"
    # Writing takes a few seconds, reading much longer: the writers get more rounds, all
    # three with the same inputs alive (the plain dicts and the pydantic models), so that
    # one slow spell does not decide the write ratios.
    plain = json.loads(text)
    for _ in range(WRITE_ROUNDS):
        timed("to_json", lambda: to_json(households, cl))
        timed("dumps", functools.partial(dumps, plain))
        timed("pydantic_dump", functools.partial(adapter.dump_json, models))
    del plain, models
    rows = [
        (
            "write",
            "json.dumps of plain dicts (floor)",
            times["dumps"],
            1.0,
            times["dumps"] / times["pydantic_dump"],
        ),
        (
            "write",
            "pydantic v2 dump_json",
            times["pydantic_dump"],
            times["pydantic_dump"] / times["dumps"],
            1.0,
        ),
        (
            "write",
            "to_json",
            times["to_json"],
            times["to_json"] / times["dumps"],
            times["to_json"] / times["pydantic_dump"],
        ),
        (
            "write",
            "to_json with a made converter (whole document)",
            times["to_json_made"],
            times["to_json_made"] / times["dumps"],
            times["to_json_made"] / times["pydantic_dump"],
        ),
        (
            "read",
            "json.loads to plain dicts (floor)",
            times["loads"],
            1.0,
            times["loads"] / times["pydantic_validate"],
        ),
        (
            "read",
            "pydantic v2 validate_json",
            times["pydantic_validate"],
            times["pydantic_validate"] / times["loads"],
            1.0,
        ),
        (
            "read",
            "from_json",
            times["from_json"],
            times["from_json"] / times["loads"],
            times["from_json"] / times["pydantic_validate"],
        ),
        (
            "read",
            "from_json with a made converter (whole document)",
            times["from_json_made"],
            times["from_json_made"] / times["loads"],
            times["from_json_made"] / times["pydantic_validate"],
        ),
    ]
    print(
        table(
            f"JSON of {count:,} households ({persons:,} persons, {len(text) / 2**20:.0f} MiB "
            "of JSON) (targets: to_json/from_json within 3x of the floor, no slower than "
            "pydantic)",
            ["direction", "codec", "CPU s", "ratio to floor", "ratio to pydantic"],
            rows,
        )
    )
    return {"households": count, "persons": persons, "json_mib": len(text) / 2**20, **times}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="10^4 households instead of 10^5")
    run(parser.parse_args().quick)


if __name__ == "__main__":
    main()
