"""
Dates and instants: the ``Europe/Berlin`` zone, BGB age arithmetic, month ends and time
windows.

All age arithmetic of the library lives here, written once (DOMAIN.md §3). Under
§ 187 Abs. 2 and § 188 Abs. 2 BGB the day of birth counts as a full day, so a year of
life is completed *at the end of the day before the birthday*. Two edges follow that
naive ``date.add(years=n)`` gets wrong:

* born on the 1st of a month, a year is completed on the last day of the *previous*
  month (which matters wherever a limit is reached "at the end of the month");
* born on 29 February, a year is completed at the end of 28 February in every year
  (§ 188 Abs. 3 BGB).

>>> import pendulum
>>> age_completed_on(pendulum.date(1946, 9, 1), years=65)
Date(2011, 8, 31)
>>> age_completed_on(pendulum.date(2004, 2, 29), years=18)
Date(2022, 2, 28)
>>> completed_years(pendulum.date(2004, 2, 29), on=pendulum.date(2022, 2, 28))
17
>>> completed_years(pendulum.date(2004, 2, 29), on=pendulum.date(2022, 3, 1))
18

References:
    BGB § 187 Abs. 2, § 188 Abs. 2 and 3.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from typing import Final

import attrs
import pendulum
from pendulum import Date, DateTime, Duration
from pendulum.tz.exceptions import AmbiguousTime, NonExistingTime

from jobcenter_core.validators import aware_instant, end_after_start

__all__ = [
    "BERLIN",
    "TimeWindow",
    "add_months",
    "age_completed_on",
    "as_date",
    "at_berlin",
    "berlin_instant",
    "completed_years",
    "days_in_month",
    "end_of_month",
    "instant_order",
    "is_leap_year",
    "optional_date",
    "optional_instant",
    "overlaps",
    "to_date",
    "to_instant",
]

BERLIN: Final = pendulum.timezone("Europe/Berlin")
"""The zone of every instant in the library."""


def as_date(value: _dt.date) -> Date:
    """
    *value* as a :class:`pendulum.Date` (a plain ``datetime.date`` is converted; a
    datetime is refused, since taking its date would silently drop the time).

    >>> as_date(__import__("datetime").date(2022, 6, 1))
    Date(2022, 6, 1)
    """
    if isinstance(value, _dt.datetime):
        raise TypeError("expected a date, got a datetime")
    if isinstance(value, Date):
        return value
    if isinstance(value, _dt.date):
        return pendulum.date(value.year, value.month, value.day)
    raise TypeError(f"expected a date, got {type(value).__name__}")


def to_date(value: _dt.date) -> Date:
    """
    The converter of every date field: a ``datetime.date`` as a :class:`pendulum.Date`.
    Anything else (a datetime, a string) is left as it came, for the field's validator
    (:func:`~jobcenter_core.validators.calendar_date`) to refuse by name.

    >>> to_date(__import__("datetime").date(2022, 6, 1)), to_date("2022-06-01")
    (Date(2022, 6, 1), '2022-06-01')
    """
    if value.__class__ is Date:
        return value
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return pendulum.date(value.year, value.month, value.day)
    return value  # type: ignore[return-value]  # refused by the field's validator


def optional_date(value: _dt.date | None) -> Date | None:
    """
    ``None``, or *value* converted as :func:`to_date` does: the converter of every
    optional date field.

    >>> optional_date(None) is None
    True
    """
    return None if value is None else to_date(value)


def berlin_instant(value: _dt.datetime) -> DateTime:
    """
    A zone-aware instant as a :class:`pendulum.DateTime` in ``Europe/Berlin``.

    The instant is kept; only its rendering moves to Berlin time. Naive datetimes are
    refused: guessing their zone would be a silent default.

    >>> berlin_instant(pendulum.datetime(2022, 6, 21, 7, 0, tz="UTC"))
    DateTime(2022, 6, 21, 9, 0, 0, tzinfo=Timezone('Europe/Berlin'))
    """
    if value.__class__ is DateTime and value.tzinfo is BERLIN:  # the common case, fast
        return value
    if not isinstance(value, _dt.datetime):
        raise TypeError(f"expected a zone-aware datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive datetime: give an instant with a time zone")
    return _in_berlin(value)


def _in_berlin(value: _dt.datetime) -> DateTime:
    """An aware *value* as a pendulum instant in Berlin."""
    instant = value if isinstance(value, DateTime) else pendulum.instance(value)
    if instant.timezone_name == "Europe/Berlin":
        return instant
    return instant.in_timezone(BERLIN)


def to_instant(value: _dt.datetime) -> DateTime:
    """
    The converter of every instant field: a zone-aware datetime as a Berlin
    :class:`pendulum.DateTime` (see :func:`berlin_instant`). Anything else (a naive
    datetime, a string) is left as it came, for the field's validator
    (:func:`~jobcenter_core.validators.aware_instant`) to refuse by name.

    >>> to_instant(pendulum.datetime(2022, 6, 21, 7, tz="UTC")).isoformat()
    '2022-06-21T09:00:00+02:00'
    """
    if value.__class__ is DateTime and value.tzinfo is BERLIN:  # the common case, fast
        return value
    if (
        isinstance(value, _dt.datetime)
        and value.tzinfo is not None
        and value.utcoffset() is not None
    ):
        return _in_berlin(value)
    return value  # type: ignore[return-value]  # refused by the field's validator


def optional_instant(value: _dt.datetime | None) -> DateTime | None:
    """``None``, or *value* converted as :func:`to_instant` does.

    >>> optional_instant(None) is None
    True
    """
    return None if value is None else to_instant(value)


def instant_order(value: _dt.datetime) -> float:
    """
    A sort key for *value* that orders instants as they happened: its POSIX timestamp.

    Two Berlin date-times share one ``tzinfo``, and Python then compares them by wall
    clock, fold ignored: in the hour the clocks go back, 02:15 CET (the second 02:15)
    would sort before 02:30 CEST, which came 45 minutes earlier. Sort by this key
    wherever "first come, first served" applies. The float keeps microseconds apart for
    this century. Working the key out goes through the time zone, a microsecond or two:
    keep it where an instant is sorted often.

    >>> first = berlin_instant(pendulum.datetime(2022, 10, 30, 0, 30, tz="UTC"))
    >>> second = berlin_instant(pendulum.datetime(2022, 10, 30, 1, 15, tz="UTC"))
    >>> (first.strftime("%H:%M %Z"), second.strftime("%H:%M %Z"))
    ('02:30 CEST', '02:15 CET')
    >>> second < first
    True
    >>> instant_order(first) < instant_order(second)
    True
    """
    return value.timestamp()


def at_berlin(
    year: int,
    month: int,
    day: int,
    hour: int = 0,
    minute: int = 0,
    second: int = 0,
    *,
    fold: int = 1,
) -> DateTime:
    """
    The instant at the given wall-clock time in Berlin.

    A wall time the clocks skip (02:00–02:59 on the last Sunday of March) does not exist
    and is refused with a ``ValueError``; guessing an hour later would be a silent
    default. A wall time the clocks pass twice (02:00–02:59 on the last Sunday of
    October) is the later instant (CET, ``fold=1``) unless ``fold=0`` asks for the
    earlier one (CEST).

    >>> at_berlin(2022, 6, 21, 9, 30).isoformat()
    '2022-06-21T09:30:00+02:00'
    >>> at_berlin(2022, 10, 30, 2, 30).isoformat(), at_berlin(2022, 10, 30, 2, 30, fold=0).isoformat()
    ('2022-10-30T02:30:00+01:00', '2022-10-30T02:30:00+02:00')
    >>> at_berlin(2022, 3, 27, 2, 30)
    Traceback (most recent call last):
    ...
    ValueError: 2022-03-27 02:30 does not exist in Europe/Berlin: the clocks go forward from 02:00 to 03:00
    """
    if fold not in (0, 1):
        raise ValueError(f"'fold' must be 0 or 1 (got {fold!r})")
    try:
        return pendulum.datetime(
            year, month, day, hour, minute, second, tz=BERLIN, raise_on_unknown_times=True
        )
    except AmbiguousTime:
        return pendulum.datetime(year, month, day, hour, minute, second, tz=BERLIN, fold=fold)
    except NonExistingTime:
        raise ValueError(
            f"{year:04d}-{month:02d}-{day:02d} {hour:02d}:{minute:02d} does not exist in "
            "Europe/Berlin: the clocks go forward from 02:00 to 03:00"
        ) from None


def is_leap_year(year: int) -> bool:
    """
    Whether *year* has a 29 February.

    >>> is_leap_year(2024), is_leap_year(2100), is_leap_year(2000)
    (True, False, True)
    """
    return calendar.isleap(year)


def days_in_month(year: int, month: int) -> int:
    """
    The number of days of *month* in *year*.

    >>> days_in_month(2024, 2), days_in_month(2023, 2)
    (29, 28)
    """
    if not 1 <= month <= 12:
        raise ValueError(f"'month' must be 1 to 12, not {month!r}")
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS_IN_MONTH[month - 1]


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
"""The days of each month in a common year."""


def end_of_month(day: _dt.date) -> Date:
    """
    The last day of the month *day* falls in.

    >>> end_of_month(pendulum.date(2024, 2, 10))
    Date(2024, 2, 29)
    """
    return pendulum.date(day.year, day.month, days_in_month(day.year, day.month))


def add_months(day: _dt.date, months: int) -> Date:
    """
    *day* moved by *months* calendar months, clipped to the month's last day
    (31 January + 1 month = 28 or 29 February).

    >>> add_months(pendulum.date(2022, 1, 31), 1)
    Date(2022, 2, 28)
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    return pendulum.date(year, month0 + 1, min(day.day, days_in_month(year, month0 + 1)))


def age_completed_on(birth_date: _dt.date, *, years: int, months: int = 0) -> Date:
    """
    The day at whose end a person born on *birth_date* completes an age of *years* years
    and *months* months.

    The period starts at the beginning of the birth day (§ 187 Abs. 2 S. 2 BGB) and ends
    with the day before the day that corresponds in number to the birth day
    (§ 188 Abs. 2 BGB); where that day is missing in the final month, with the last day
    of that month (§ 188 Abs. 3 BGB).

    >>> age_completed_on(pendulum.date(1990, 6, 15), years=30)
    Date(2020, 6, 14)
    >>> age_completed_on(pendulum.date(1950, 1, 1), years=65, months=4)
    Date(2015, 4, 30)
    >>> age_completed_on(pendulum.date(1952, 8, 31), years=65, months=6)
    Date(2018, 2, 28)

    References:
        BGB § 187 Abs. 2, § 188 Abs. 2 and 3.
    """
    if years < 0 or months < 0:
        raise ValueError("'years' and 'months' must be >= 0")
    index = (birth_date.year + years) * 12 + (birth_date.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    if birth_date.day <= days_in_month(year, month):
        # The day before the corresponding day: in the same month, or the last of the
        # month before when the corresponding day is the 1st.
        if birth_date.day > 1:
            return pendulum.date(year, month, birth_date.day - 1)
        year, month0 = divmod(index - 1, 12)
        return pendulum.date(year, month0 + 1, days_in_month(year, month0 + 1))
    # The corresponding day does not exist (29 Feb in a common year, the 31st in a
    # 30-day month): the period ends with the last day of that month (§ 188 Abs. 3 BGB).
    return pendulum.date(year, month, days_in_month(year, month))


def completed_years(birth_date: _dt.date, *, on: _dt.date) -> int:
    """
    The number of years of life completed by the start of day *on*.

    A year is completed at the end of the day before the birthday (§ 187 Abs. 2,
    § 188 Abs. 2 BGB), so on the birthday itself the year counts; someone born on
    29 February completes each year at the end of 28 February (§ 188 Abs. 3 BGB).

    >>> completed_years(pendulum.date(2007, 6, 1), on=pendulum.date(2022, 6, 1))
    15
    >>> completed_years(pendulum.date(2007, 6, 2), on=pendulum.date(2022, 6, 1))
    14

    References:
        BGB § 187 Abs. 2, § 188 Abs. 2 and 3.
    """
    if on < birth_date:
        raise ValueError("'on' is before 'birth_date'")
    years = on.year - birth_date.year
    if (on.month, on.day) < (birth_date.month, birth_date.day):
        years -= 1
    # Born 29 Feb: in a common year the year is completed at the end of 28 Feb, so on
    # 1 March it counts; the month/day comparison above already gives that, because
    # (3, 1) > (2, 29). Nothing else to correct.
    return years


def overlaps(
    start: _dt.datetime, end: _dt.datetime, other_start: _dt.datetime, other_end: _dt.datetime
) -> bool:
    """
    Whether the half-open spans ``[start, end)`` and ``[other_start, other_end)`` share an
    instant; spans that only touch (one ends when the other starts) do not.

    >>> overlaps(at_berlin(2022, 6, 21, 9), at_berlin(2022, 6, 21, 12),
    ...          at_berlin(2022, 6, 21, 12), at_berlin(2022, 6, 21, 13))
    False
    """
    return start < other_end and other_start < end


@attrs.frozen(kw_only=True)
class TimeWindow:
    """
    A half-open span of time ``[start, end)`` between two Berlin instants, such as a
    session, a consultation slot or an interpreter's availability.

    >>> w = TimeWindow(start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 12))
    >>> w.duration.in_hours()
    3
    >>> w.overlaps(TimeWindow(start=at_berlin(2022, 6, 21, 12), end=at_berlin(2022, 6, 21, 13)))
    False
    """

    start: DateTime = attrs.field(converter=to_instant, validator=aware_instant)
    end: DateTime = attrs.field(converter=to_instant, validator=[aware_instant, end_after_start])

    @property
    def duration(self) -> Duration:
        """The length of the window."""
        return self.end - self.start

    def overlaps(self, other: TimeWindow) -> bool:
        """Whether the two windows share any instant (touching ends do not overlap)."""
        return overlaps(self.start, self.end, other.start, other.end)

    def contains(self, other: TimeWindow) -> bool:
        """Whether *other* lies wholly inside this window."""
        return self.start <= other.start and other.end <= self.end

    def to_interval(self) -> pendulum.Interval[DateTime]:
        """
        This window as a :class:`pendulum.Interval`.

        >>> TimeWindow(start=at_berlin(2022, 6, 21, 9), end=at_berlin(2022, 6, 21, 10)).to_interval().in_minutes()
        60
        """
        return pendulum.interval(self.start, self.end)

    @classmethod
    def from_interval(cls, interval: pendulum.Interval[DateTime]) -> TimeWindow:
        """A window spanning a :class:`pendulum.Interval` of two aware instants."""
        return cls(start=interval.start, end=interval.end)
