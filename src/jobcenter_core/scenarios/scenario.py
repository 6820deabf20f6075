"""
A job centre's situation on one day, as data: :class:`Scenario`.

>>> from jobcenter_core.scenarios import bocholt_june_2022
>>> bocholt_june_2022().offer.title
'Leben und Arbeiten in Deutschland'
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs
from pendulum import Date

from jobcenter_core.caseload import Caseload
from jobcenter_core.coaching import CoachingProgramme, Mobility
from jobcenter_core.consultations import Caseworker, Consultation, Interpreter
from jobcenter_core.dates import to_date
from jobcenter_core.enrolment import Registration
from jobcenter_core.errors import UnknownId
from jobcenter_core.households import Household
from jobcenter_core.offers import Candidate, GroupOffer, Session
from jobcenter_core.people import Person
from jobcenter_core.validators import (
    as_frozenset,
    as_tuple,
    calendar_date,
    instance_of,
    items_of,
    non_empty,
    pairs_of,
)

__all__ = ["Scenario"]


def _mobility_pairs(items: Iterable[tuple[str, Mobility]]) -> tuple[tuple[str, Mobility], ...]:
    return as_tuple(items)


def _caseworker_tuple(items: Iterable[Caseworker]) -> tuple[Caseworker, ...]:
    return as_tuple(items)


def _interpreter_tuple(items: Iterable[Interpreter]) -> tuple[Interpreter, ...]:
    return as_tuple(items)


def _consultation_tuple(items: Iterable[Consultation]) -> tuple[Consultation, ...]:
    return as_tuple(items)


def _registration_tuple(items: Iterable[Registration]) -> tuple[Registration, ...]:
    return as_tuple(items)


def _id_set(items: Iterable[str]) -> frozenset[str]:
    return as_frozenset(items)


_REGISTRATIONS = items_of(Registration)
_OFFER = instance_of(GroupOffer)


@attrs.frozen(kw_only=True, repr=False)
class Scenario:
    """
    A job centre's situation on one day, as data: the caseload with its needs, the
    people who work with it, the consultations held, and the group offers and coaching
    programme with their registrations. :func:`~jobcenter_core.scenarios.bocholt_june_2022`
    builds the one the press release tells.

    Attributes:
        name: a short name.
        on: the reference day.
        caseload: households and the needs profiles the consultations produced.
        caseworkers: the case workers (registrations go through them).
        interpreters: the interpreters available for consultations.
        consultations: the individual consultations held, without interpreter bookings
            (:func:`~jobcenter_core.interpreting.assign_interpreters` makes those).
        offer: the group offer "Leben und Arbeiten in Deutschland", with its first
            session only.
        registrations: the case workers' registrations for *offer*.
        second_session: the session added when the waitlist grew.
        training: the application training (*Bewerbungstraining*).
        training_registrations: the registrations for *training*.
        wants_work_at_short_notice: ids of the persons who told their case worker they
            want to take up work at short notice.
        coaching: the online individual coaching programme in Ukrainian.
        mobility: ``(person id, Mobility)`` for the adults, as asked in the
            consultations (residence details: never in ``repr``).

    ``repr`` shows counts only.

    >>> from jobcenter_core.scenarios import bocholt_june_2022
    >>> s = bocholt_june_2022()
    >>> s.household_of("p-0002").id, s.mobility_of("p-0001").has_transport
    ('h-001', True)
    >>> s.candidates()["p-0001"].wants_work_at_short_notice
    False
    """

    name: str = attrs.field(validator=non_empty)
    on: Date = attrs.field(converter=to_date, validator=calendar_date)
    caseload: Caseload = attrs.field(validator=instance_of(Caseload))
    caseworkers: tuple[Caseworker, ...] = attrs.field(
        converter=_caseworker_tuple, validator=items_of(Caseworker)
    )
    interpreters: tuple[Interpreter, ...] = attrs.field(
        converter=_interpreter_tuple, validator=items_of(Interpreter)
    )
    consultations: tuple[Consultation, ...] = attrs.field(
        converter=_consultation_tuple, validator=items_of(Consultation)
    )
    offer: GroupOffer = attrs.field(validator=_OFFER)
    registrations: tuple[Registration, ...] = attrs.field(
        converter=_registration_tuple, validator=_REGISTRATIONS
    )
    second_session: Session = attrs.field(validator=instance_of(Session))
    training: GroupOffer = attrs.field(validator=_OFFER)
    training_registrations: tuple[Registration, ...] = attrs.field(
        converter=_registration_tuple, validator=_REGISTRATIONS
    )
    wants_work_at_short_notice: frozenset[str] = attrs.field(
        converter=_id_set, validator=items_of(str)
    )
    coaching: CoachingProgramme = attrs.field(validator=instance_of(CoachingProgramme))
    mobility: tuple[tuple[str, Mobility], ...] = attrs.field(
        converter=_mobility_pairs, validator=pairs_of(str, Mobility, what="(person id, Mobility)")
    )

    def __repr__(self) -> str:
        return (
            f"Scenario(name={self.name!r}, on={self.on}, households="
            f"{len(self.caseload.households)}, consultations={len(self.consultations)}, "
            f"registrations={len(self.registrations)})"
        )

    def persons(self) -> tuple[Person, ...]:
        """Every person of the caseload."""
        return tuple(self.caseload.persons())

    def household_of(self, person_id: str) -> Household:
        """
        The household *person_id* lives in; :class:`~jobcenter_core.errors.UnknownId` (a
        ``KeyError``) if none.
        """
        for h in self.caseload.households:
            if person_id in h.member_ids:
                return h
        raise UnknownId("person id")

    def mobility_of(self, person_id: str) -> Mobility:
        """What was asked about the person's mobility (not asked: both facts ``None``)."""
        for pid, mobility in self.mobility:
            if pid == person_id:
                return mobility
        return Mobility(has_transport=None, distance_to_centre_km=None)

    def candidates(self) -> dict[str, Candidate]:
        """The enrolment facts of every person, by person id (for ``allocate``)."""
        return {
            m.person.id: Candidate(
                person=m.person,
                household=h,
                wants_work_at_short_notice=m.person.id in self.wants_work_at_short_notice,
            )
            for h in self.caseload.households
            for m in h.members
        }
