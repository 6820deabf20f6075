"""
What a national run counts, as values that add up: :class:`RunOutcome` for a local job
centre, a job centre or the country, made of :class:`InterpretingOutcome`,
:class:`OfferOutcome`, :class:`CoachingOutcome`, the caseload's
:class:`~jobcenter_core.caseload.CaseloadSummary` and tallies of benefit regimes.

Every field is a count, a :class:`~jobcenter_core.caseload.Tally` of counts, or the
reference day, so outcomes merge exactly: ``a + b`` adds the counts field by field, in
any order and grouping, and the national outcome is the sum of the job centres'. The
values are plain frozen attrs classes: they pickle, so they travel between processes
and machines.

>>> import pendulum
>>> on = pendulum.date(2022, 6, 21)
>>> empty = RunOutcome.empty(on=on)
>>> (empty + empty) == empty, empty.summary.households
(True, 0)
"""

from __future__ import annotations

from collections import Counter
from typing import Any, TypeVar, cast

import attrs
from pendulum import Date

from jobcenter_core.caseload import Caseload, CaseloadSummary, Tally, summarize
from jobcenter_core.dates import to_date
from jobcenter_core.rules import BenefitRegime
from jobcenter_core.validators import calendar_date, instance_of, whole_number

__all__ = ["CoachingOutcome", "InterpretingOutcome", "OfferOutcome", "RunOutcome", "merge"]

T = TypeVar("T")


def merge(a: T, b: T) -> T:
    """
    The sum of two outcomes of the same kind: counts and tallies added field by field;
    days must be equal (``ValueError`` otherwise).

    >>> merge(Tally(items=[("uk", 2)]), Tally(items=[("uk", 1), ("ru", 1)])).items
    (('ru', 1), ('uk', 3))
    """
    if isinstance(a, Tally) and isinstance(b, Tally):
        counts: Counter[Any] = Counter(dict(a.items))
        counts.update(dict(b.items))
        return Tally(items=counts.items())  # type: ignore[return-value]
    if isinstance(a, bool) or isinstance(b, bool):
        raise TypeError("outcomes hold counts, not flags")
    if isinstance(a, int) and isinstance(b, int):
        return a + b  # type: ignore[return-value]
    if isinstance(a, Date) and isinstance(b, Date):
        if a != b:
            raise ValueError("only outcomes for the same day add up")
        return a
    kind = type(a)
    if type(b) is kind and attrs.has(kind):
        fields = attrs.fields(kind)
        return cast(
            T, kind(**{f.name: merge(getattr(a, f.name), getattr(b, f.name)) for f in fields})
        )
    raise TypeError(f"cannot add {type(a).__name__} and {type(b).__name__}")


_COUNT = whole_number(minimum=0)
_TALLY = instance_of(Tally)


@attrs.frozen(kw_only=True)
class InterpretingOutcome:
    """
    Interpreters booked for the consultations (:func:`~jobcenter_core.interpreting.assign_interpreters`).

    Attributes:
        consultations: consultations held.
        needing: those that needed an interpreter.
        booked: those an interpreter was booked for.
        booked_minutes: interpreter minutes booked.
        unserved_reasons: unserved consultations by reason code.
        missing_minutes: interpreter minutes missing, by language.
    """

    consultations: int = attrs.field(default=0, validator=_COUNT)
    needing: int = attrs.field(default=0, validator=_COUNT)
    booked: int = attrs.field(default=0, validator=_COUNT)
    booked_minutes: int = attrs.field(default=0, validator=_COUNT)
    unserved_reasons: Tally[str] = attrs.field(factory=Tally, validator=_TALLY)
    missing_minutes: Tally[str] = attrs.field(factory=Tally, validator=_TALLY)

    def __add__(self, other: InterpretingOutcome) -> InterpretingOutcome:
        return merge(self, other)

    @property
    def unserved(self) -> int:
        """Consultations that needed an interpreter and got none."""
        return self.needing - self.booked


@attrs.frozen(kw_only=True)
class OfferOutcome:
    """
    One group offer allocated in every local job centre (:func:`~jobcenter_core.enrolment.allocate`).

    Attributes:
        offers: local job centres that ran the offer.
        sessions: sessions, and *seats* in them.
        registrations: registrations, each in exactly one of *placed*, *waitlist* and
            *rejected*.
        placed_by_choice: placed registrations by the rank of their session in the
            registration's preferences (1 = first choice; 0 = no preferences).
        rejection_reasons: rejected registrations' reason codes.
        extra_sessions: sessions the demand signal recommends adding.
    """

    offers: int = attrs.field(default=0, validator=_COUNT)
    sessions: int = attrs.field(default=0, validator=_COUNT)
    seats: int = attrs.field(default=0, validator=_COUNT)
    registrations: int = attrs.field(default=0, validator=_COUNT)
    placed: int = attrs.field(default=0, validator=_COUNT)
    waitlist: int = attrs.field(default=0, validator=_COUNT)
    rejected: int = attrs.field(default=0, validator=_COUNT)
    placed_by_choice: Tally[int] = attrs.field(factory=Tally, validator=_TALLY)
    rejection_reasons: Tally[str] = attrs.field(factory=Tally, validator=_TALLY)
    extra_sessions: int = attrs.field(default=0, validator=_COUNT)

    def __add__(self, other: OfferOutcome) -> OfferOutcome:
        return merge(self, other)


@attrs.frozen(kw_only=True)
class CoachingOutcome:
    """
    The online coaching: who it was considered for, who was referred and who got a coach
    (:func:`~jobcenter_core.coaching.referral_fit`, :func:`~jobcenter_core.coaching.allocate_coaches`).

    Attributes:
        coaches: coaches, with *coach_capacity* coachings a week between them.
        parents_without_childcare: employable primary carers whose child has no care place.
        fit: those parents by :class:`~jobcenter_core.coaching.CoachingFit` value.
        unsuitable_reasons: the reason codes of the unsuitable ones.
        referred: referrals made (every parent not unsuitable).
        assigned: referrals that got a coach; the others wait.
    """

    coaches: int = attrs.field(default=0, validator=_COUNT)
    coach_capacity: int = attrs.field(default=0, validator=_COUNT)
    parents_without_childcare: int = attrs.field(default=0, validator=_COUNT)
    fit: Tally[str] = attrs.field(factory=Tally, validator=_TALLY)
    unsuitable_reasons: Tally[str] = attrs.field(factory=Tally, validator=_TALLY)
    referred: int = attrs.field(default=0, validator=_COUNT)
    assigned: int = attrs.field(default=0, validator=_COUNT)

    def __add__(self, other: CoachingOutcome) -> CoachingOutcome:
        return merge(self, other)

    @property
    def waiting(self) -> int:
        """Referrals still waiting for a coach."""
        return self.referred - self.assigned


@attrs.frozen(kw_only=True)
class RunOutcome:
    """
    What a run counted for a local job centre, a job centre or the whole country.

    Attributes:
        on: the reference day.
        job_centres: job centres and *local_job_centres* counted.
        summary: the caseload's numbers (:func:`~jobcenter_core.caseload.summarize`).
        regimes: persons by (day, :class:`~jobcenter_core.rules.BenefitRegime`) on each
            day the run looked at.
        central_register_catch_up: persons in SGB II on a day only through the § 74
            central-register catch-up rule, by day.
        interpreting: the consultations' interpreters.
        offer: "Leben und Arbeiten in Deutschland".
        training: the application training.
        coaching: the online coaching.

    ``a + b`` adds two outcomes of the same day (:func:`merge`).
    """

    on: Date = attrs.field(converter=to_date, validator=calendar_date)
    job_centres: int = attrs.field(default=0, validator=_COUNT)
    local_job_centres: int = attrs.field(default=0, validator=_COUNT)
    summary: CaseloadSummary = attrs.field(validator=instance_of(CaseloadSummary))
    regimes: Tally[tuple[Date, BenefitRegime]] = attrs.field(factory=Tally, validator=_TALLY)
    central_register_catch_up: Tally[Date] = attrs.field(factory=Tally, validator=_TALLY)
    interpreting: InterpretingOutcome = attrs.field(
        factory=InterpretingOutcome, validator=instance_of(InterpretingOutcome)
    )
    offer: OfferOutcome = attrs.field(factory=OfferOutcome, validator=instance_of(OfferOutcome))
    training: OfferOutcome = attrs.field(factory=OfferOutcome, validator=instance_of(OfferOutcome))
    coaching: CoachingOutcome = attrs.field(
        factory=CoachingOutcome, validator=instance_of(CoachingOutcome)
    )

    def __add__(self, other: RunOutcome) -> RunOutcome:
        return merge(self, other)

    @classmethod
    def empty(cls, *, on: Date) -> RunOutcome:
        """The outcome of no households on *on*: the zero of ``+``."""
        return cls(on=on, summary=summarize(Caseload(households=()), on=on))
