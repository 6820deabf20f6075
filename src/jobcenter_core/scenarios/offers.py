"""
The offers of the scenarios: sessions by the hour, the online coaching in Ukrainian, and
registrations numbered in the order they were made.

>>> import pendulum
>>> from jobcenter_core.offers import Venue
>>> s = session("s-1", pendulum.date(2022, 6, 21), (9, 12), Venue(name="Yupidu", address="Bocholt"), 20)
>>> s.start.isoformat(), s.end.isoformat()
('2022-06-21T09:00:00+02:00', '2022-06-21T12:00:00+02:00')
"""

from __future__ import annotations

from collections.abc import Iterable

from pendulum import Date, DateTime

from jobcenter_core.coaching import Coach, CoachingProgramme, Delivery
from jobcenter_core.dates import at_berlin
from jobcenter_core.enrolment import Registration
from jobcenter_core.offers import GroupOffer, Session, Venue
from jobcenter_core.scenarios._trusted import CHECKED, Makers

__all__ = ["Made", "online_coaching", "registrations_in_order", "session"]


def session(ident: str, day: Date, hours: tuple[int, int], venue: Venue, capacity: int) -> Session:
    """A session on *day* from ``hours[0]`` to ``hours[1]`` o'clock, Berlin time."""
    return Session(
        id=ident,
        start=at_berlin(day.year, day.month, day.day, hours[0]),
        end=at_berlin(day.year, day.month, day.day, hours[1]),
        venue=venue,
        capacity=capacity,
    )


def online_coaching(coaches: int, *, region: str = "Kreis Borken") -> CoachingProgramme:
    """
    The online individual coaching in Ukrainian of the Kreis Borken (or of *region*),
    four sessions a coaching, with *coaches* coaches (odd ones also speak Russian and
    take five a week, even ones four).

    >>> [c.weekly_capacity for c in online_coaching(2).coaches]
    [5, 4]
    >>> online_coaching(1, region="Jobcenter 002").provider
    'Online-Einzelcoaching (Jobcenter 002)'
    """
    return CoachingProgramme(
        id="uk-online-coaching",
        provider=f"Online-Einzelcoaching ({region})",
        languages=frozenset({"uk"}),
        delivery=Delivery.ONLINE,
        coaches=tuple(
            Coach(
                id=f"coach-{i}",
                languages=frozenset({"uk", "ru", "de"} if i % 2 else {"uk", "de"}),
                weekly_capacity=5 if i % 2 else 4,
            )
            for i in range(1, coaches + 1)
        ),
        sessions_per_coaching=4,
    )


Made = tuple[DateTime, str, str, tuple[str, ...]]
"""A registration as a case worker made it: (at, person id, case worker id, preferences)."""


def registrations_in_order(
    made: Iterable[Made],
    offer: GroupOffer,
    *,
    prefix: str,
    digits: int,
    make: Makers = CHECKED,
) -> tuple[Registration, ...]:
    """
    The registrations for *offer* made as ``(at, person id, case worker id,
    preferences)``, in the order of their instants (then person ids), with ids
    ``<prefix>-1``, ``<prefix>-2``, … of *digits* digits; *make* makes them (the public
    constructor by default).

    >>> import pendulum
    >>> from jobcenter_core.dates import at_berlin
    >>> offer = GroupOffer(id="o", title="Leben und Arbeiten in Deutschland")
    >>> made = [(at_berlin(2022, 6, 2, 11), "p-2", "cw-1", ()), (at_berlin(2022, 6, 1, 9), "p-1", "cw-1", ())]
    >>> [(r.id, r.person_id) for r in registrations_in_order(made, offer, prefix="lad", digits=3)]
    [('lad-001', 'p-1'), ('lad-002', 'p-2')]
    """
    registration = make.registration
    offer_id = offer.id
    return tuple(
        registration(
            id=f"{prefix}-{n:0{digits}d}",
            person_id=person_id,
            offer_id=offer_id,
            preferences=preferences,
            registered_at=at,
            registered_by=caseworker,
        )
        for n, (at, person_id, caseworker, preferences) in enumerate(sorted(made), start=1)
    )
