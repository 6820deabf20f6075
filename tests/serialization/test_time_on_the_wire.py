"""
Instants on the wire: RFC 9557 (offset and zone name) and RFC 3339 (offset or ``Z``)
are both read; RFC 9557 is written by default, RFC 3339 on request, and what the
library writes in RFC 3339 is read by ``datetime.fromisoformat`` and by pydantic.
"""

from __future__ import annotations

import datetime as _dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobcenter_core import InvalidInput, TimeWindow, from_json, make_converter, to_json
from jobcenter_core.dates import BERLIN

RFC3339 = make_converter(instants="rfc3339")


def _same_instant(a: _dt.datetime, b: _dt.datetime) -> bool:
    """Whether *a* and *b* are one instant: ``==`` between zones is never true for a
    time in the repeated hour (PEP 495), a difference is."""
    return a - b == _dt.timedelta(0)


NINE_AM_BERLIN = pendulum.datetime(2022, 6, 13, 9, 1, tz="Europe/Berlin")


@pytest.mark.parametrize(
    "text",
    [
        '"2022-06-13T09:01:00+02:00"',
        '"2022-06-13T07:01:00Z"',
        '"2022-06-13T07:01:00z"',
        '"2022-06-13t07:01:00+00:00"',
        '"2022-06-13T03:01:00-04:00"',
    ],
)
def test_an_rfc_3339_instant_is_kept_exactly_and_shown_in_berlin(text: str) -> None:
    """An offset without a zone name fixes the instant; the library shows it in Berlin."""
    value = from_json(text, pendulum.DateTime)

    assert NINE_AM_BERLIN == value
    assert "Europe/Berlin" == value.timezone_name
    assert '"2022-06-13T09:01:00+02:00[Europe/Berlin]"' == to_json(value)


def test_an_rfc_9557_instant_keeps_its_zone() -> None:
    """The zone in brackets is kept: the value is the same instant in that zone."""
    value = from_json('"2022-06-13T03:01:00-04:00[America/New_York]"', pendulum.DateTime)

    assert NINE_AM_BERLIN == value
    assert "America/New_York" == value.timezone_name


def test_utc_with_a_zone_name_is_read_as_that_instant_in_that_zone() -> None:
    """RFC 9557: ``Z`` with a zone says the local offset is not known, not that it is 0."""
    value = from_json('"2022-06-13T07:01:00Z[Europe/Berlin]"', pendulum.DateTime)

    assert NINE_AM_BERLIN == value
    assert "Europe/Berlin" == value.timezone_name


def test_an_offset_that_disagrees_with_the_zone_is_invalid_input() -> None:
    """The repeated hour in autumn has two offsets; any other is refused."""
    with pytest.raises(InvalidInput) as raised:
        from_json('"2022-06-13T09:01:00+01:00[Europe/Berlin]"', pendulum.DateTime)

    assert ["$: offset does not match the zone at that instant"] == [
        f"{p.path}: {p.kind}" for p in raised.value.problems
    ]


def test_both_offsets_of_the_repeated_hour_in_autumn_are_read() -> None:
    """30 October 2022, 02:30 happened twice in Berlin: the offset says which."""
    first = from_json('"2022-10-30T02:30:00+02:00[Europe/Berlin]"', pendulum.DateTime)
    second = from_json('"2022-10-30T02:30:00+01:00[Europe/Berlin]"', pendulum.DateTime)

    assert pendulum.duration(hours=1) == second - first


def test_a_naive_date_time_is_still_refused() -> None:
    """A local time without an offset names no instant."""
    with pytest.raises(InvalidInput, match="naive date-time"):
        from_json('"2022-06-13T09:01:00"', pendulum.DateTime)


def test_rfc_9557_is_the_default_output_and_rfc_3339_is_offered() -> None:
    """``make_converter(instants="rfc3339")`` writes the offset without the bracket."""
    window = TimeWindow(start=NINE_AM_BERLIN, end=NINE_AM_BERLIN.add(hours=2))

    assert (
        '{"start":"2022-06-13T09:01:00+02:00[Europe/Berlin]","end":"2022-06-13T11:01:00+02:00[Europe/Berlin]"}'
        == to_json(window)
    )
    assert '{"start":"2022-06-13T09:01:00+02:00","end":"2022-06-13T11:01:00+02:00"}' == to_json(
        window, converter=RFC3339
    )


def test_a_converter_refuses_an_unknown_instant_format() -> None:
    """Only the two formats exist; a typo is not silently the default."""
    with pytest.raises(ValueError, match="rfc9557"):
        make_converter(instants="iso")  # type: ignore[arg-type]


instants = st.datetimes(
    min_value=_dt.datetime(1900, 1, 1),  # noqa: DTZ001 (st.datetimes wants naive bounds)
    max_value=_dt.datetime(2100, 12, 31),  # noqa: DTZ001
    timezones=st.sampled_from(
        [BERLIN, pendulum.timezone("UTC"), pendulum.timezone("America/New_York")]
    ),
).map(pendulum.instance)


@given(instants)
def test_rfc_3339_output_is_read_by_the_standard_library_as_the_same_instant(
    value: pendulum.DateTime,
) -> None:
    """``datetime.fromisoformat`` (Python 3.11) reads what the library writes in RFC 3339."""
    text = RFC3339.dumps(value)[1:-1]

    assert _same_instant(value, _dt.datetime.fromisoformat(text))


@given(instants)
def test_rfc_3339_output_is_read_back_as_the_same_instant_in_berlin(
    value: pendulum.DateTime,
) -> None:
    """Round trip through RFC 3339: the instant exactly, the zone Berlin."""
    back = from_json(RFC3339.dumps(value), pendulum.DateTime)

    assert _same_instant(value, back)
    assert "Europe/Berlin" == back.timezone_name


@given(instants)
def test_rfc_3339_output_is_read_by_pydantic_as_the_same_instant(
    value: pendulum.DateTime,
) -> None:
    """pydantic's strict datetime parser reads the library's RFC 3339 output."""
    pydantic = pytest.importorskip(
        "pydantic",
        reason="pydantic is in the service and bench dependency groups, not installed here.",
    )
    text = RFC3339.dumps(value)

    read = pydantic.TypeAdapter(_dt.datetime).validate_json(text)

    assert _same_instant(value, read)
