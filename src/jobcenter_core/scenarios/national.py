"""
The national synthetic caseload, one job centre at a time: for each local job centre a
:class:`~jobcenter_core.scenarios.Scenario` with its households and their needs, case
workers, consultations, interpreters, two group offers whose sessions are spread over
days and times, registrations with one to three session preferences, and the online
coaching.

A national run of *N* households shares them among the 406 job centres of
:data:`~jobcenter_core.scenarios.job_centres.JOB_CENTRES` in proportion to their sizes,
and within a job centre among its local job centres. Each local job centre draws from its
own ``random.Random`` seeded with the run's seed and its id: a job centre's partition is
the same whether it is made alone, in another process, or with all the others.

>>> import pendulum
>>> on = pendulum.date(2022, 6, 21)
>>> bocholt = job_centre_scenarios("jc-001", households=140, seed=1, on=on)[1]
>>> bocholt.name, len(bocholt.caseload.households)
('Bocholt (Jobcenter Kreis Borken), seed 1', 26)
>>> bocholt == job_centre_scenarios("jc-001", households=140, seed=1, on=on)[1]
True
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence

from pendulum import Date, DateTime

from jobcenter_core.coaching import Mobility
from jobcenter_core.consultations import Caseworker, Consultation, Interpreter
from jobcenter_core.dates import TimeWindow, as_date, at_berlin
from jobcenter_core.languages import CefrLevel, LanguageSkill
from jobcenter_core.needs import EvidenceKind, NeedCategory, NeedsProfile
from jobcenter_core.offers import (
    Employable,
    GroupOffer,
    Session,
    Venue,
    WantsWorkAtShortNotice,
    all_of,
)
from jobcenter_core.scenarios._findings import draw_needs, make_profile
from jobcenter_core.scenarios._households import Households
from jobcenter_core.scenarios._trusted import TRUSTED, Makers
from jobcenter_core.scenarios.bocholt import INTEGRATION_CENTRE
from jobcenter_core.scenarios.builder import WAR_BEGAN, draw_mobility
from jobcenter_core.scenarios.draws import Draw, Weighted
from jobcenter_core.scenarios.findings import CONSULTATIONS_FROM, spoken_language
from jobcenter_core.scenarios.job_centres import (
    KREIS_BORKEN,
    JobCentre,
    LocalJobCentre,
    apportion,
    job_centre,
)
from jobcenter_core.scenarios.offers import Made, online_coaching, registrations_in_order
from jobcenter_core.scenarios.scenario import Scenario

__all__ = ["job_centre_scenarios", "local_job_centre_scenario"]

_CONSULTATION_DAYS = 90
"""Consultations were held in the 90 days before the reference day (from 2022-05-23)."""
_CONSULTATION_HOURS = (8, 9, 10, 11, 13, 14)
"""A case worker's six one-hour consultation slots a working day."""
_HOUSEHOLDS_PER_CASEWORKER = 50

_LAD_SLOTS = ((9, 12, 0.50), (13, 16, 0.35), (17, 20, 0.15))
"""The times of day of "Leben und Arbeiten in Deutschland" and how popular they are."""
_LAD_DAYS = 10
"""Its sessions are spread over the two working weeks after the reference day."""
_LAD_SEATS = 20
_LAD_PER_SESSION = 30
"""One session per 30 registrations: about a third of them wait."""

_TRAINING_SLOTS = ((9, 13, 0.6), (13, 17, 0.4))
_TRAINING_DAYS = 5
_TRAINING_FROM = 14
"""The application training runs in the working week two weeks after the reference day."""
_TRAINING_SEATS = 12
_TRAINING_PER_SESSION = 20

_PREFERENCES = Weighted([(1, 0.3), (2, 0.4), (3, 0.3)])
"""How many sessions a registration names, most preferred first."""
_WANTS_WORK_AT_SHORT_NOTICE = 0.9
"""Of those registered for the application training, who said they want work at short
notice (the others are outside its target group)."""

_INTERPRETER_LANGUAGES: Weighted[tuple[str, ...]] = Weighted(
    [(("ru", "uk"), 0.5), (("uk",), 0.3), (("ru",), 0.2)]
)
_BOTH = ("ru", "uk")
_INTERPRETER_PLANS: tuple[tuple[frozenset[int], int, int], ...] = (
    (frozenset({0, 1, 2, 3, 4}), 8, 12),
    (frozenset({0, 2, 4}), 8, 16),
    (frozenset({1, 3}), 8, 16),
    (frozenset({0, 1, 2, 3}), 12, 16),
)
"""Weekdays (Monday 0) and hours of the interpreters, as in Bocholt."""
_INTERPRETER_HOURS_PER_DAY = 4
"""Interpreter hours a working day one interpreter brings on average (about 4)."""

_HOUSEHOLDS_PER_COACH = 70

_DE = LanguageSkill(language="de", level=CefrLevel.NATIVE)
_RU = LanguageSkill(language="ru", level=CefrLevel.C1)
_UK = LanguageSkill(language="uk", level=CefrLevel.B2)
_EN = LanguageSkill(language="en", level=CefrLevel.B2)


def _working_days(first: int, count: int) -> list[int]:
    """The first *count* working days (Monday to Friday, as ordinals) from *first* on."""
    days: list[int] = []
    day = first
    while len(days) < count:
        if (day - 1) % 7 < 5:  # ordinal 1 (0001-01-01) was a Monday
            days.append(day)
        day += 1
    return days


class _Clock:
    """The instants and windows of one local job centre, each made once and shared."""

    def __init__(self, d: Draw) -> None:
        self.d = d
        self._instants: dict[tuple[int, int, int], DateTime] = {}
        self._windows: dict[tuple[int, int, int], TimeWindow] = {}

    def at(self, day: int, hour: int, minute: int = 0) -> DateTime:
        key = (day, hour, minute)
        found = self._instants.get(key)
        if found is None:
            date = self.d.date(day)
            found = self._instants[key] = at_berlin(date.year, date.month, date.day, hour, minute)
        return found

    def window(self, day: int, start: int, end: int) -> TimeWindow:
        key = (day, start, end)
        found = self._windows.get(key)
        if found is None:
            found = self._windows[key] = TimeWindow(
                start=self.at(day, start), end=self.at(day, end)
            )
        return found


def _caseworkers(tag: str, count: int) -> tuple[Caseworker, ...]:
    """German native speakers; every fifth also speaks Russian, every seventh Ukrainian,
    every second English."""
    out = []
    for k in range(1, count + 1):
        languages = [_DE]
        if k % 5 == 0:
            languages.append(_RU)
        if k % 7 == 0:
            languages.append(_UK)
        if k % 2 == 0:
            languages.append(_EN)
        out.append(Caseworker(id=f"cw-{tag}-{k:03d}", languages=tuple(languages)))
    return tuple(out)


def _interpreters(
    d: Draw, clock: _Clock, tag: str, provider: str, days: Sequence[int], consultations: int
) -> tuple[Interpreter, ...]:
    """Enough interpreters for about 90 % of the consultations' hours, each on the
    weekdays and hours of one of four plans; the first speaks both languages."""
    if not days:
        return ()
    count = max(1, round(0.9 * consultations / (len(days) * _INTERPRETER_HOURS_PER_DAY)))
    out = []
    for k in range(count):
        weekdays, start, end = _INTERPRETER_PLANS[k % len(_INTERPRETER_PLANS)]
        languages = _BOTH if k == 0 else d.weighted(_INTERPRETER_LANGUAGES)
        out.append(
            Interpreter(
                id=f"i-{tag}-{k + 1:03d}",
                languages=languages,
                provider=provider,
                availability=tuple(
                    clock.window(day, start, end) for day in days if (day - 1) % 7 in weekdays
                ),
            )
        )
    return tuple(out)


class _Offer:
    """
    Sessions spread over working days, times of day and rooms, with their popularity.

    The *i*-th session is on day ``i mod days`` at time ``i mod times``: with coprime
    numbers of days and times (10 and 3, 5 and 2) every pair comes once before a room
    is used twice, and even a few sessions cover different days and times of day.
    """

    def __init__(
        self,
        clock: _Clock,
        *,
        prefix: str,
        days: Sequence[int],
        slots: Sequence[tuple[int, int, float]],
        venue: str,
        sessions: int,
        capacity: int,
    ) -> None:
        if math.gcd(len(days), len(slots)) != 1:
            raise ValueError("the numbers of days and of times of day must be coprime")
        self.clock = clock
        self.prefix = prefix
        self.days = days
        self.slots = slots
        self.venue = venue
        self.capacity = capacity
        self.venues: dict[int, Venue] = {}
        self.sessions = tuple(self.session(i) for i in range(sessions))
        self.ids = tuple(s.id for s in self.sessions)
        self.popularity = Weighted(
            [(i, self.slots[self._slot(i)][2] * (1 - 0.03 * self._day(i))) for i in range(sessions)]
        )

    def _day(self, i: int) -> int:
        return i % len(self.days)

    def _slot(self, i: int) -> int:
        return i % len(self.slots)

    def session(self, i: int) -> Session:
        """The *i*-th session: each day and time of day once, then one more room."""
        room = i // (len(self.days) * len(self.slots)) + 1
        venue = self.venues.get(room)
        if venue is None:
            venue = self.venues[room] = Venue(name=f"{self.venue}, Raum {room}", address=self.venue)
        start, end, _ = self.slots[self._slot(i)]
        window = self.clock.window(self.days[self._day(i)], start, end)
        return Session(
            id=f"{self.prefix}-{i + 1:04d}",
            start=window.start,
            end=window.end,
            venue=venue,
            capacity=self.capacity,
        )

    def preferences(self, d: Draw, most: int) -> tuple[str, ...]:
        """One to *most* different sessions, each drawn as likely as it is popular."""
        wanted = min(d.weighted(_PREFERENCES), most, len(self.ids))
        chosen: list[int] = []
        while len(chosen) < wanted:
            i = d.weighted(self.popularity)
            if i not in chosen:
                chosen.append(i)
        return tuple([self.ids[i] for i in chosen])


def local_job_centre_scenario(
    centre: JobCentre,
    local: LocalJobCentre,
    *,
    households: int,
    seed: int | str,
    on: Date,
) -> Scenario:
    """
    The synthetic scenario of one local job centre with *households* households on *on*,
    drawn from ``random.Random(f"{seed}:{local.id}")`` only.

    * **Households** as :func:`~jobcenter_core.scenarios.synthetic_households` draws
      them, with ids ``h-<local>-000001`` and ``p-<local>-0000001``.
    * **Consultations**: one for each household, with its first member, on a working
      day drawn from the 90 days before *on* (not before 2022-05-23 nor before the
      household's documents were issued), in the next free one-hour slot of the
      local job centre's case workers (one per 50 households, at least two, and enough
      for twice the slots needed); a household whose day is full, or whose documents
      came later, has not been seen yet. What a consultation finds
      (:func:`~jobcenter_core.scenarios.synthetic_caseload` lists the probabilities) is
      the household's needs profile, with the consultation as its evidence; the
      consultations themselves carry no findings.
    * **Interpreters** of the integration centre for Ukrainian and Russian (both, only
      Ukrainian, only Russian: 50, 30, 20 %; the first one both), on the weekdays and
      hours of the four Bocholt plans, enough for about 90 % of the consultation hours.
    * **"Leben und Arbeiten in Deutschland"**: one 20-seat session per 30 persons with
      that need, spread over the ten working days after *on*, at 9-12,
      13-16 and 17-20 o'clock (popularity 50, 35, 15 %, a little less on later days),
      in as many rooms as needed; the case worker registers each person 10 minutes
      after the consultation with one, two or three sessions (30, 40, 30 %) drawn by
      popularity. ``second_session`` is the next session of the same pattern.
    * **Application training**: one 12-seat session per 20 persons with the need for
      application support, in the working week two weeks after *on* at 9-13 or 13-17
      o'clock, one or two preferences; 90 % of those registered want work at short
      notice (the others are outside its target group).
    * **Coaching**: the online coaching in Ukrainian with one coach per 70 households;
      the primary carers' mobility (90 % have transport, 0.5–14.5 km to the centre).

    >>> import pendulum
    >>> from jobcenter_core.scenarios.job_centres import KREIS_BORKEN
    >>> s = local_job_centre_scenario(KREIS_BORKEN, KREIS_BORKEN.local_job_centres[1],
    ...                               households=140, seed=2022, on=pendulum.date(2022, 6, 21))
    >>> len(s.caseload.households), 1 <= len(s.registrations[0].preferences) <= 3
    (140, True)
    """
    return _scenario(centre, local, households=households, seed=seed, on=on, make=TRUSTED)


def _scenario(
    centre: JobCentre,
    local: LocalJobCentre,
    *,
    households: int,
    seed: int | str,
    on: Date,
    make: Makers,
) -> Scenario:
    """:func:`local_job_centre_scenario` with its values made by *make*."""
    on = as_date(on)
    if households < 0:
        raise ValueError(f"'households' must be >= 0 (got {households})")
    if on < WAR_BEGAN:
        raise ValueError("'on' must be on or after 2022-02-24")
    d = Draw(f"{seed}:{local.id}", on)
    clock = _Clock(d)
    tag = local.id.removeprefix("jc-")
    # synthetic.draw_household, its draws written out (the engine of _households)
    drawn = Households(d, f"p-{tag}-", make=make)
    homes = [drawn.draw(f"h-{tag}-{n:06d}") for n in range(1, households + 1)]
    issued = drawn.issued  # the last day each household's documents were first issued

    # The consultations, what they found, and the registrations the case workers made.
    first = max(CONSULTATIONS_FROM.toordinal(), d.on_ordinal - _CONSULTATION_DAYS)
    days = [day for day in range(first, d.on_ordinal) if (day - 1) % 7 < 5]
    slots = len(_CONSULTATION_HOURS)
    caseworker_count = max(
        2,
        math.ceil(households / _HOUSEHOLDS_PER_CASEWORKER),
        math.ceil(2 * households / (max(1, len(days)) * slots)),
    )
    caseworkers = _caseworkers(tag, caseworker_count)
    booked = [0] * len(days)
    # by the identity of the (shared, alive) language tuples: hashing one hashes its skills
    spoken: dict[int, str] = {}
    consultations: list[Consultation] = []
    profiles: list[NeedsProfile] = []
    lad: list[tuple[DateTime, str, str]] = []
    training: list[tuple[DateTime, str, str]] = []
    for household, last_issued in zip(homes, issued, strict=True):
        # not before the members' documents were first issued
        lo = bisect.bisect_left(days, last_issued if last_issued > first else first)
        if lo == len(days):
            continue
        k = lo + d.below(len(days) - lo)
        slot = booked[k]
        if slot == caseworker_count * slots:
            continue  # the day is full: not seen yet
        booked[k] += 1
        day, hour = days[k], _CONSULTATION_HOURS[slot % slots]
        caseworker = caseworkers[slot // slots].id  # one case worker's day, then the next
        person = household.members[0].person
        language = spoken.get(id(person.languages))
        if language is None:
            language = spoken[id(person.languages)] = spoken_language(person)
        consultation = make.consultation(
            id=f"c-{tag}-{len(consultations) + 1:06d}",
            household_id=household.id,
            person_id=person.id,
            caseworker_id=caseworker,
            window=clock.window(day, hour, hour + 1),
            language=language,
        )
        consultations.append(consultation)
        # draw_findings and found_needs, in one pass (the engine of _findings)
        found, living_and_working, application = draw_needs(d, household)
        if not found:
            continue
        by = make.evidence(kind=EvidenceKind.CONSULTATION, id=consultation.id)
        profiles.append(make_profile(household.id, found, on=d.date(day), by=by, make=make))
        registered_at = clock.at(day, hour + 1, 10)
        for subject in living_and_working:
            lad.append((registered_at, subject, caseworker))
        for subject in application:
            training.append((registered_at, subject, caseworker))

    # The offers, their sessions and the preferences.
    after = _working_days(d.on_ordinal + 1, _LAD_DAYS)
    lad_offer = _Offer(
        clock,
        prefix=f"lad-{tag}",
        days=after,
        slots=_LAD_SLOTS,
        venue=f"Werkakademie {local.name}",
        sessions=max(1, math.ceil(len(lad) / _LAD_PER_SESSION)),
        capacity=_LAD_SEATS,
    )
    offer = GroupOffer(
        id=f"lad-{tag}",
        title="Leben und Arbeiten in Deutschland",
        addresses=frozenset({NeedCategory.LIVING_AND_WORKING_IN_GERMANY}),
        target_group=Employable(),
        interpretation_provided=True,
        sessions=lad_offer.sessions,
    )
    registrations = registrations_in_order(
        [(at, pid, cw, lad_offer.preferences(d, 3)) for at, pid, cw in lad],
        offer,
        prefix=f"lad-{tag}",
        digits=6,
        make=make,
    )
    training_offer = _Offer(
        clock,
        prefix=f"bt-{tag}",
        days=_working_days(d.on_ordinal + _TRAINING_FROM, _TRAINING_DAYS),
        slots=_TRAINING_SLOTS,
        venue=f"Werkakademie {local.name}",
        sessions=max(1, math.ceil(len(training) / _TRAINING_PER_SESSION)),
        capacity=_TRAINING_SEATS,
    )
    application_training = GroupOffer(
        id=f"bt-{tag}",
        title="Bewerbungstraining",
        addresses=frozenset({NeedCategory.APPLICATION_SUPPORT}),
        target_group=all_of(Employable(), WantsWorkAtShortNotice()),
        interpretation_provided=True,
        sessions=training_offer.sessions,
    )
    made: list[Made] = [(at, pid, cw, training_offer.preferences(d, 2)) for at, pid, cw in training]
    wants = frozenset(pid for _, pid, _, _ in made if d.chance(_WANTS_WORK_AT_SHORT_NOTICE))

    region = "Kreis Borken" if centre.id == KREIS_BORKEN.id else centre.name
    mobility: list[tuple[str, Mobility]] = [(pid, draw_mobility(d)) for pid in drawn.primary_carers]
    return make.scenario(
        name=(local.name if local.name == centre.name else f"{local.name} ({centre.name})")
        + f", seed {seed}",
        on=on,
        caseload=make.caseload(households=tuple(homes), profiles=tuple(profiles)),
        caseworkers=caseworkers,
        interpreters=_interpreters(
            d,
            clock,
            tag,
            INTEGRATION_CENTRE if region == "Kreis Borken" else f"Sprachmittler ({region})",
            days,
            len(consultations),
        ),
        consultations=tuple(consultations),
        offer=offer,
        registrations=registrations,
        second_session=lad_offer.session(len(lad_offer.sessions)),
        training=application_training,
        training_registrations=registrations_in_order(
            made, application_training, prefix=f"bt-{tag}", digits=6, make=make
        ),
        wants_work_at_short_notice=wants,
        coaching=online_coaching(
            max(1, math.ceil(households / _HOUSEHOLDS_PER_COACH)), region=region
        ),
        mobility=tuple(mobility),
    )


def job_centre_scenarios(
    centre: JobCentre | str, *, households: int, seed: int | str, on: Date
) -> tuple[Scenario, ...]:
    """
    The national run's partition for one job centre (or its id): *households* households
    shared among its local job centres by their weights, one
    :func:`local_job_centre_scenario` for each local job centre that has any.

    >>> import pendulum
    >>> [s.name for s in job_centre_scenarios("jc-002", households=3, seed=1,
    ...                                       on=pendulum.date(2022, 6, 21))]
    ['Jobcenter 002, seed 1']
    """
    if isinstance(centre, str):
        centre = job_centre(centre)
    shares = apportion(households, [local.weight for local in centre.local_job_centres])
    return tuple(
        local_job_centre_scenario(centre, local, households=count, seed=seed, on=on)
        for local, count in zip(centre.local_job_centres, shares, strict=True)
        if count
    )
