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
from jobcenter_core.rules import BenefitRegime

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

    consultations: int = 0
    needing: int = 0
    booked: int = 0
    booked_minutes: int = 0
    unserved_reasons: Tally[str] = attrs.field(factory=Tally)
    missing_minutes: Tally[str] = attrs.field(factory=Tally)

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

    offers: int = 0
    sessions: int = 0
    seats: int = 0
    registrations: int = 0
    placed: int = 0
    waitlist: int = 0
    rejected: int = 0
    placed_by_choice: Tally[int] = attrs.field(factory=Tally)
    rejection_reasons: Tally[str] = attrs.field(factory=Tally)
    extra_sessions: int = 0

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

    coaches: int = 0
    coach_capacity: int = 0
    parents_without_childcare: int = 0
    fit: Tally[str] = attrs.field(factory=Tally)
    unsuitable_reasons: Tally[str] = attrs.field(factory=Tally)
    referred: int = 0
    assigned: int = 0

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

    on: Date
    job_centres: int = 0
    local_job_centres: int = 0
    summary: CaseloadSummary
    regimes: Tally[tuple[Date, BenefitRegime]] = attrs.field(factory=Tally)
    central_register_catch_up: Tally[Date] = attrs.field(factory=Tally)
    interpreting: InterpretingOutcome = attrs.field(factory=InterpretingOutcome)
    offer: OfferOutcome = attrs.field(factory=OfferOutcome)
    training: OfferOutcome = attrs.field(factory=OfferOutcome)
    coaching: CoachingOutcome = attrs.field(factory=CoachingOutcome)

    def __add__(self, other: RunOutcome) -> RunOutcome:
        return merge(self, other)

    @classmethod
    def empty(cls, *, on: Date) -> RunOutcome:
        """The outcome of no households on *on*: the zero of ``+``."""
        return cls(on=on, summary=summarize(Caseload(households=()), on=on))
