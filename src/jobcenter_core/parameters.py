"""
Policy as data: dated parameters (:class:`Dated`), the statutory tables, the
:class:`Policy` every rule takes, and the planned reforms as functions ``Policy -> Policy``.

A :class:`Dated` value is a sequence of half-open validity periods ``[start, end)``
without gaps or overlaps, each value carrying the :class:`LegalReference` it comes from.
:data:`DEFAULT_POLICY` is the law as verified (DOMAIN.md §2–7); parameters that could not
be confirmed against the official text are marked ``uncertain`` and say so.

>>> import pendulum
>>> DEFAULT_POLICY.section_74_in_force.at(pendulum.date(2022, 5, 31))
False
>>> DEFAULT_POLICY.section_74_in_force.at(pendulum.date(2022, 6, 1))
True
>>> reformed = grundsicherung_2026(DEFAULT_POLICY)
>>> reformed.benefit_name.at(pendulum.date(2026, 7, 1))
'Grundsicherungsgeld'
"""

from __future__ import annotations

import datetime as _dt
import itertools
from collections.abc import Callable, Iterable, Mapping
from types import NoneType
from typing import Any, Generic, TypeVar

import attrs
import pendulum
from pendulum import Date, Duration

from jobcenter_core.dates import as_date, optional_date, to_date
from jobcenter_core.decisions import LegalReference, sgb2
from jobcenter_core.errors import InvalidPolicy, NoValueForDate, UnknownId
from jobcenter_core.languages import CefrLevel
from jobcenter_core.validators import (
    as_tuple,
    calendar_date,
    instance_of,
    items_of,
    optional,
    pairs_of,
    whole_number,
)

__all__ = [
    "DEFAULT_POLICY",
    "REFORMS",
    "SECTION_7A_TABLE",
    "AgeLimit",
    "AgeLimitTable",
    "AsylblgReturn",
    "Dated",
    "Period",
    "Policy",
    "RegistrationCatchUp",
    "SchoolEntryRule",
    "apply_reforms",
    "grundsicherung_2026",
    "leistungsrechtsanpassung_2026",
]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class Period(Generic[T]):
    """
    One validity period of a dated parameter: *value* holds from *start* (inclusive;
    ``None`` = since always) until *end* (exclusive; ``None`` = until further notice).

    Every value names its source: a *reference* to the law, or, for a local rule without
    a statute, a *note* saying whose rule it is. ``uncertain`` marks values that could not
    be confirmed against the official text.
    """

    value: T
    start: Date | None = attrs.field(
        default=None, converter=optional_date, validator=optional(calendar_date)
    )
    end: Date | None = attrs.field(
        default=None, converter=optional_date, validator=optional(calendar_date)
    )
    reference: LegalReference | None = attrs.field(
        default=None, validator=instance_of((LegalReference, NoneType))
    )
    note: str = attrs.field(default="", validator=instance_of(str))
    uncertain: bool = attrs.field(default=False, validator=instance_of(bool))

    def __attrs_post_init__(self) -> None:
        if self.start is not None and self.end is not None and not self.start < self.end:
            raise InvalidPolicy("'end' must be after 'start'")
        if self.reference is None and not self.note.strip():
            raise InvalidPolicy("a period needs a 'reference' or, for a local rule, a 'note'")

    def covers(self, on: _dt.date) -> bool:
        """Whether *on* lies in ``[start, end)``."""
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


def _periods(items: Iterable[Period[Any]]) -> tuple[Period[Any], ...]:
    return as_tuple(items)


def _check_periods(
    instance: object, attribute: attrs.Attribute[Any], periods: tuple[Period[Any], ...]
) -> None:
    if not periods:
        raise InvalidPolicy("a dated parameter needs at least one period")
    for i, period in enumerate(periods):
        if period.start is None and i != 0:
            raise InvalidPolicy(f"period {i}: only the first period may be open at the start")
        if period.end is None and i != len(periods) - 1:
            raise InvalidPolicy(f"period {i}: only the last period may be open at the end")
    for i, (before, after) in enumerate(itertools.pairwise(periods), start=1):
        assert before.end is not None and after.start is not None
        if after.start > before.end:
            raise InvalidPolicy(f"period {i}: gap from {before.end} to {after.start}")
        if after.start < before.end:
            raise InvalidPolicy(f"period {i}: overlaps the previous period from {after.start}")


@attrs.frozen(kw_only=True)
class Dated(Generic[T]):
    """
    A parameter whose value depends on the date: half-open validity periods, checked
    for gaps and overlaps when built.

    >>> ref = LegalReference(law="SGB II", section="74")
    >>> flag = Dated(periods=(
    ...     Period(value=False, end=pendulum.date(2022, 6, 1), reference=ref),
    ...     Period(value=True, start=pendulum.date(2022, 6, 1), reference=ref),
    ... ))
    >>> flag.at(pendulum.date(2022, 6, 1))
    True
    >>> Dated(periods=(
    ...     Period(value=1, end=pendulum.date(2022, 6, 1), reference=ref),
    ...     Period(value=2, start=pendulum.date(2022, 7, 1), reference=ref),
    ... ))
    Traceback (most recent call last):
    ...
    jobcenter_core.errors.InvalidPolicy: period 1: gap from 2022-06-01 to 2022-07-01
    """

    periods: tuple[Period[T], ...] = attrs.field(
        converter=_periods, validator=[items_of(Period), _check_periods]
    )

    @classmethod
    def always(
        cls,
        value: T,
        *,
        reference: LegalReference | None = None,
        note: str = "",
        uncertain: bool = False,
    ) -> Dated[T]:
        """
        A value that holds at every date.

        >>> Dated.always(12, reference=LegalReference(law="AZAV", section="3")).at(pendulum.date(1900, 1, 1))
        12
        """
        return cls(
            periods=(Period(value=value, reference=reference, note=note, uncertain=uncertain),)
        )

    def period_at(self, on: _dt.date) -> Period[T]:
        """The period covering *on*; :class:`~jobcenter_core.errors.NoValueForDate` if none."""
        for period in self.periods:
            if period.covers(on):
                return period
        # The day asked may be personal (a birth date): the message names the periods only.
        first, last = self.periods[0].start, self.periods[-1].end
        raise NoValueForDate(
            f"no value for the day asked: the periods run from {first or 'always'} "
            f"until {last or 'further notice'}"
        )

    def at(self, on: _dt.date) -> T:
        """The value in force on *on*."""
        return self.period_at(on).value

    def reference_at(self, on: _dt.date) -> LegalReference | None:
        """The legal reference of the value in force on *on*."""
        return self.period_at(on).reference

    def change_from(
        self,
        start: _dt.date,
        value: T,
        *,
        reference: LegalReference | None = None,
        note: str = "",
        uncertain: bool = False,
    ) -> Dated[T]:
        """
        A copy in which *value* holds from *start* on, replacing whatever held from then.

        >>> ref = LegalReference(law="SGB II", section="10")
        >>> d = Dated.always(3, reference=ref).change_from(pendulum.date(2026, 7, 1), 1, reference=ref)
        >>> d.at(pendulum.date(2026, 6, 30)), d.at(pendulum.date(2026, 7, 1))
        (3, 1)
        """
        start_date = as_date(start)
        kept: list[Period[T]] = []
        for period in self.periods:
            if period.start is not None and period.start >= start_date:
                continue
            if period.end is None or period.end > start_date:
                period = attrs.evolve(period, end=start_date)
            kept.append(period)
        kept.append(
            Period(
                value=value, start=start_date, reference=reference, note=note, uncertain=uncertain
            )
        )
        return Dated(periods=tuple(kept))


# --- statutory tables -------------------------------------------------------------------


def _below_twelve(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value >= 12:
        raise ValueError(f"{attribute.name!r} must be < 12 (got {value})")


@attrs.frozen(kw_only=True)
class AgeLimit:
    """An age of *years* and *months*, e.g. the upper age limit of 65 years 3 months."""

    years: int = attrs.field(validator=whole_number(minimum=0))
    months: int = attrs.field(default=0, validator=[whole_number(minimum=0), _below_twelve])

    def __str__(self) -> str:
        return f"{self.years} y {self.months} m" if self.months else f"{self.years} y"


def _rows(items: Iterable[tuple[int, AgeLimit]]) -> tuple[tuple[int, AgeLimit], ...]:
    return as_tuple(items)


def _consecutive_years(
    instance: object, attribute: attrs.Attribute[Any], value: tuple[tuple[int, AgeLimit], ...]
) -> None:
    years = [year for year, _ in value]
    if not years or years != list(range(years[0], years[0] + len(years))):
        raise ValueError(f"{attribute.name!r} must list consecutive years, at least one")


@attrs.frozen(kw_only=True)
class AgeLimitTable:
    """
    The § 7a SGB II table: the upper age limit by year of birth.

    *by_birth_year* maps each listed year to its limit; years before the first listed
    year take *before*, years after the last listed year take *after*.

    >>> SECTION_7A_TABLE.limit_for(1949)
    AgeLimit(years=65, months=3)
    >>> SECTION_7A_TABLE.limit_for(1940), SECTION_7A_TABLE.limit_for(1990)
    (AgeLimit(years=65, months=0), AgeLimit(years=67, months=0))
    """

    before: AgeLimit = attrs.field(validator=instance_of(AgeLimit))
    by_birth_year: tuple[tuple[int, AgeLimit], ...] = attrs.field(
        converter=_rows,
        validator=[pairs_of(int, AgeLimit, what="(birth year, AgeLimit)"), _consecutive_years],
    )
    after: AgeLimit = attrs.field(validator=instance_of(AgeLimit))

    def limit_for(self, birth_year: int) -> AgeLimit:
        """The limit for a person born in *birth_year*."""
        first, last = self.by_birth_year[0][0], self.by_birth_year[-1][0]
        if birth_year < first:
            return self.before
        if birth_year > last:
            return self.after
        return self.by_birth_year[birth_year - first][1]


def _section_7a_table() -> AgeLimitTable:
    months = {1947: 1, 1948: 2, 1949: 3, 1950: 4, 1951: 5, 1952: 6, 1953: 7, 1954: 8,
              1955: 9, 1956: 10, 1957: 11}  # fmt: skip
    rows = [(year, AgeLimit(years=65, months=m)) for year, m in months.items()]
    rows += [(1958, AgeLimit(years=66))]
    rows += [(1958 + k, AgeLimit(years=66, months=2 * k)) for k in range(1, 6)]
    return AgeLimitTable(
        before=AgeLimit(years=65), by_birth_year=tuple(rows), after=AgeLimit(years=67)
    )


SECTION_7A_TABLE = _section_7a_table()


@attrs.frozen(kw_only=True)
class RegistrationCatchUp:
    """
    The § 74 SGB II transitional rule for the identity registration (§ 49 AufenthG):
    for permits issued from *permits_issued_from* to *permits_issued_until* without a
    registration, storage in the central register (AZR) sufficed if the registration was
    made up by *deadline*.
    """

    permits_issued_from: Date = attrs.field(converter=to_date, validator=calendar_date)
    permits_issued_until: Date = attrs.field(converter=to_date, validator=calendar_date)
    deadline: Date = attrs.field(converter=to_date, validator=calendar_date)


@attrs.frozen(kw_only=True)
class AsylblgReturn:
    """
    The planned 2026 return to AsylbLG (Leistungsrechtsanpassungsgesetz): persons whose
    § 24 permit or Fiktionsbescheinigung was first issued after *first_issued_after* get
    AsylbLG; existing SGB II grants run until their approval period ends, at the latest
    to *transition_ends* (end of the 3rd month after entry into force).
    """

    first_issued_after: Date = attrs.field(converter=to_date, validator=calendar_date)
    transition_ends: Date = attrs.field(converter=to_date, validator=calendar_date)


@attrs.frozen(kw_only=True)
class SchoolEntryRule:
    """
    When school becomes compulsory: on *entry_month*/*entry_day* (the school year start)
    of the year in which a child completes *age* years by the beginning of
    *cutoff_month*/*cutoff_day* (NRW: 1 August; 6 years; 30 September).
    """

    age: int = attrs.field(validator=whole_number(minimum=0))
    cutoff_month: int = attrs.field(validator=whole_number(minimum=1))
    cutoff_day: int = attrs.field(validator=whole_number(minimum=1))
    entry_month: int = attrs.field(validator=whole_number(minimum=1))
    entry_day: int = attrs.field(validator=whole_number(minimum=1))


# --- the policy -------------------------------------------------------------------------

_D = pendulum.date


_DATED = instance_of(Dated)


# cache_hash: a policy is immutable and deep, so its hash (used to key the per-day rule
# tables in eligibility) is computed once per instance instead of on every call.
@attrs.frozen(kw_only=True, cache_hash=True)
class Policy:
    """
    Every legal and local parameter the rules use, each a :class:`Dated` value.

    Rules take ``policy: Policy = DEFAULT_POLICY``. Change a parameter with
    :func:`attrs.evolve`; a reform is a function ``Policy -> Policy`` (see
    :data:`REFORMS`).

    Attributes:
        lower_age_limit: completed years from which a person is of working age
            (SGB II § 7 Abs. 1 S. 1 Nr. 1).
        upper_age_limit: the § 7a SGB II table by year of birth.
        min_daily_work_hours: hours a day a person must be able to work (SGB II § 8 Abs. 1).
        section_74_in_force: whether § 74 SGB II (Ukraine regime switch) applies.
        identity_registration_min_age: completed years from which the identity
            registration is required (AufenthG § 49).
        registration_catch_up: the transitional rule for registrations made up later.
        asylblg_return: the planned 2026 return to AsylbLG, or ``None``.
        unit_child_age_limit: children below these completed years belong to the
            parents' benefit unit (SGB II § 7 Abs. 3 Nr. 2 and 4).
        reasonable_child_age: from these completed years work is reasonable when care is
            secured (SGB II § 10 Abs. 1 Nr. 3).
        care_required_below_age: below these completed years a child's care must be
            secured before a parent's work is reasonable (local parameter).
        daycare_entitlement_age / kita_entitlement_age: SGB VIII § 24 Abs. 2 and 3.
        school_entry: NRW SchulG § 35 Abs. 1.
        benefit_name: what the SGB II benefit is called.
        interpreter_level: a shared language at this level or above makes an
            interpreter unnecessary (local parameter).
        integration_course_target: the target level of the integration course
            (IntV § 3 Abs. 2).
        min_group_size: waiting people that justify another group session (AZAV § 3 Abs. 3).
        seat_offer_hold: how long a seat offer is held before it passes on (local).
        section_16k_in_force: whether SGB II § 16k (holistic coaching) is in force.
        coaching_far_from_centre_km: living farther than this from the centre limits a
            person's mobility, so online coaching is preferred (local parameter).
        coaching_priority: the name of the coaches' waitlist ordering (local parameter;
            see :data:`jobcenter_core.coaching.allocation.COACHING_ORDERINGS`).
    """

    lower_age_limit: Dated[int] = attrs.field(validator=_DATED)
    upper_age_limit: Dated[AgeLimitTable] = attrs.field(validator=_DATED)
    min_daily_work_hours: Dated[int] = attrs.field(validator=_DATED)
    section_74_in_force: Dated[bool] = attrs.field(validator=_DATED)
    identity_registration_min_age: Dated[int] = attrs.field(validator=_DATED)
    registration_catch_up: Dated[RegistrationCatchUp] = attrs.field(validator=_DATED)
    asylblg_return: Dated[AsylblgReturn | None] = attrs.field(validator=_DATED)
    unit_child_age_limit: Dated[int] = attrs.field(validator=_DATED)
    reasonable_child_age: Dated[int] = attrs.field(validator=_DATED)
    care_required_below_age: Dated[int] = attrs.field(validator=_DATED)
    daycare_entitlement_age: Dated[int] = attrs.field(validator=_DATED)
    kita_entitlement_age: Dated[int] = attrs.field(validator=_DATED)
    school_entry: Dated[SchoolEntryRule] = attrs.field(validator=_DATED)
    benefit_name: Dated[str] = attrs.field(validator=_DATED)
    interpreter_level: Dated[CefrLevel] = attrs.field(validator=_DATED)
    integration_course_target: Dated[CefrLevel] = attrs.field(validator=_DATED)
    min_group_size: Dated[int] = attrs.field(validator=_DATED)
    seat_offer_hold: Dated[Duration] = attrs.field(validator=_DATED)
    section_16k_in_force: Dated[bool] = attrs.field(validator=_DATED)
    coaching_far_from_centre_km: Dated[float] = attrs.field(validator=_DATED)
    coaching_priority: Dated[str] = attrs.field(validator=_DATED)

    def parameters(self) -> Mapping[str, Dated[object]]:
        """Every parameter by name, in declaration order (for docs and policy diffs)."""
        return {a.name: getattr(self, a.name) for a in attrs.fields(type(self))}


_SWITCH = _D(2022, 6, 1)
_SECTION_74 = sgb2("74")

DEFAULT_POLICY = Policy(
    lower_age_limit=Dated.always(15, reference=sgb2("7", "1", sentence="1", number="1")),
    upper_age_limit=Dated.always(SECTION_7A_TABLE, reference=sgb2("7a")),
    min_daily_work_hours=Dated.always(3, reference=sgb2("8", "1")),
    section_74_in_force=Dated(
        periods=(
            Period(
                value=False,
                end=_SWITCH,
                reference=_SECTION_74,
                note="before the Sofortzuschlags- und Einmalzahlungsgesetz (BGBl. I 2022 S. 760)",
            ),
            Period(
                value=True,
                start=_SWITCH,
                reference=_SECTION_74,
                note="Sofortzuschlags- und Einmalzahlungsgesetz of 23 May 2022, BGBl. I 2022 S. 760",
            ),
        )
    ),
    identity_registration_min_age=Dated.always(
        14, reference=LegalReference(law="AufenthG", section="49")
    ),
    registration_catch_up=Dated.always(
        RegistrationCatchUp(
            permits_issued_from=_D(2022, 2, 24),
            permits_issued_until=_D(2022, 5, 31),
            deadline=_D(2022, 10, 31),
        ),
        reference=sgb2("74", "1"),
        note="deadline 2022-10-31 per the commentary consulted; another says 2022-08-31",
        uncertain=True,
    ),
    asylblg_return=Dated.always(None, reference=_SECTION_74, note="no return to AsylbLG in force"),
    unit_child_age_limit=Dated.always(25, reference=sgb2("7", "3", number="4")),
    reasonable_child_age=Dated.always(3, reference=sgb2("10", "1", number="3")),
    care_required_below_age=Dated.always(
        14,
        reference=sgb2("10", "1", number="3"),
        note="local parameter: § 10 names no age; children under 14 (JuSchG § 1) need "
        "secured care before a parent's work is reasonable",
        uncertain=True,
    ),
    daycare_entitlement_age=Dated.always(
        1, reference=LegalReference(law="SGB VIII", section="24", paragraph="2")
    ),
    kita_entitlement_age=Dated.always(
        3, reference=LegalReference(law="SGB VIII", section="24", paragraph="3")
    ),
    school_entry=Dated.always(
        SchoolEntryRule(age=6, cutoff_month=9, cutoff_day=30, entry_month=8, entry_day=1),
        reference=LegalReference(law="SchulG NRW", section="35", paragraph="1"),
    ),
    benefit_name=Dated(
        periods=(
            Period(value="Arbeitslosengeld II", end=_D(2023, 1, 1), reference=sgb2("19")),
            Period(
                value="Bürgergeld",
                start=_D(2023, 1, 1),
                reference=sgb2("19"),
                note="Bürgergeld-Gesetz of 16 December 2022",
            ),
        )
    ),
    interpreter_level=Dated.always(
        CefrLevel.B1, note="local parameter: a consultation needs B1 in a shared language"
    ),
    integration_course_target=Dated.always(
        CefrLevel.B1, reference=LegalReference(law="IntV", section="3", paragraph="2")
    ),
    min_group_size=Dated.always(
        12, reference=LegalReference(law="AZAV", section="3", paragraph="3")
    ),
    seat_offer_hold=Dated.always(
        pendulum.duration(hours=48), note="local parameter of the Werkakademie: 48 hours"
    ),
    section_16k_in_force=Dated(
        periods=(
            Period(value=False, end=_D(2023, 7, 1), reference=sgb2("16k"), note="not yet enacted"),
            Period(
                value=True,
                start=_D(2023, 7, 1),
                reference=sgb2("16k"),
                note="Bürgergeld-Gesetz of 16 December 2022, second stage",
            ),
        )
    ),
    coaching_far_from_centre_km=Dated.always(
        10.0, note="local parameter: more than 10 km from the centre limits mobility"
    ),
    coaching_priority=Dated.always(
        "mobility_first",
        note="local parameter: limited mobility, then blocking needs, then waiting time",
    ),
)
"""The law as verified (DOMAIN.md §2–7); the planned 2026 changes are not in it."""


# --- reforms ----------------------------------------------------------------------------

_REFORM_START = _D(2026, 7, 1)


def leistungsrechtsanpassung_2026(policy: Policy) -> Policy:
    """
    The planned *Leistungsrechtsanpassungsgesetz*: from 2026-07-01, persons whose § 24
    permit or Fiktionsbescheinigung was first issued after 2025-03-31 get AsylbLG again;
    existing SGB II grants run until their approval period ends, at the latest until
    2026-09-30 (end of the 3rd month after entry into force).

    Uncertain: cabinet decision 2025-11-19; the final vote and promulgation were not
    confirmed, hence a named reform and not part of :data:`DEFAULT_POLICY`.

    >>> reformed = leistungsrechtsanpassung_2026(DEFAULT_POLICY)
    >>> reformed.asylblg_return.at(pendulum.date(2026, 7, 1))
    AsylblgReturn(first_issued_after=Date(2025, 3, 31), transition_ends=Date(2026, 9, 30))
    >>> reformed.asylblg_return.at(pendulum.date(2026, 6, 30)) is None
    True

    References:
        SGB II § 74 (as amended by the planned Leistungsrechtsanpassungsgesetz);
        AsylbLG § 1.
    """
    rule = AsylblgReturn(first_issued_after=_D(2025, 3, 31), transition_ends=_D(2026, 9, 30))
    return attrs.evolve(
        policy,
        asylblg_return=policy.asylblg_return.change_from(
            _REFORM_START,
            rule,
            reference=LegalReference(law="AsylbLG", section="1"),
            note="planned Leistungsrechtsanpassungsgesetz (cabinet 2025-11-19)",
            uncertain=True,
        ),
    )


def grundsicherung_2026(policy: Policy) -> Policy:
    """
    The planned 13th SGB II amendment: from 2026-07-01 the benefit is called
    "Grundsicherungsgeld", and (in a draft) work becomes reasonable for a parent once the
    youngest child has completed its 1st year, down from 3.

    Uncertain: staged entry into force from 2026-07-01 and the child-age threshold were
    not confirmed, hence a named reform and not part of :data:`DEFAULT_POLICY`.

    >>> reformed = grundsicherung_2026(DEFAULT_POLICY)
    >>> reformed.reasonable_child_age.at(pendulum.date(2026, 7, 1))
    1

    References:
        SGB II § 10 Abs. 1 Nr. 3 and § 19 (as amended by the planned 13th amendment).
    """
    note = "planned 13th SGB II amendment (draft)"
    return attrs.evolve(
        policy,
        benefit_name=policy.benefit_name.change_from(
            _REFORM_START, "Grundsicherungsgeld", reference=sgb2("19"), note=note, uncertain=True
        ),
        reasonable_child_age=policy.reasonable_child_age.change_from(
            _REFORM_START, 1, reference=sgb2("10", "1", number="3"), note=note, uncertain=True
        ),
    )


REFORMS: Mapping[str, Callable[[Policy], Policy]] = {
    "leistungsrechtsanpassung_2026": leistungsrechtsanpassung_2026,
    "grundsicherung_2026": grundsicherung_2026,
}
"""The named reforms, for command lines and policy comparisons."""


def apply_reforms(policy: Policy, names: Iterable[str]) -> Policy:
    """
    *policy* with the named reforms applied in order.

    >>> apply_reforms(DEFAULT_POLICY, ["grundsicherung_2026"]).benefit_name.at(pendulum.date(2027, 1, 1))
    'Grundsicherungsgeld'
    """
    for name in names:
        try:
            reform = REFORMS[name]
        except KeyError:
            raise UnknownId("reform", known=REFORMS) from None
        policy = reform(policy)
    return policy
