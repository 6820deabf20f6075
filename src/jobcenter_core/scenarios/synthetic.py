"""
Seeded synthetic households, caseloads and scenarios of any size, shaped like the
households the Bocholt press release describes (mothers aged 25–50 with their children,
Ukrainian and Russian speakers with little German, § 24 permits and
Fiktionsbescheinigungen issued around the 2022 switch).

Every draw comes from a private :class:`random.Random` seeded by the caller: the same
seed gives equal values, and nothing global is touched. It scales from ten to a million
persons.

>>> import pendulum
>>> a = synthetic_households(households=3, seed=7, on=pendulum.date(2022, 6, 21))
>>> a == synthetic_households(households=3, seed=7, on=pendulum.date(2022, 6, 21))
True
>>> len(a), a[0].id
(3, 'h-0000001')
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
from pendulum import Date

from jobcenter_core.caseload import Caseload
from jobcenter_core.dates import as_date, at_berlin
from jobcenter_core.enrolment import Registration
from jobcenter_core.households import (
    Household,
    MaritalStatus,
    RelationshipKind,
)
from jobcenter_core.needs import (
    Evidence,
    EvidenceKind,
    NeedCategory,
    NeedsProfile,
)
from jobcenter_core.offers import (
    Employable,
    GroupOffer,
    Session,
    Venue,
    WantsWorkAtShortNotice,
    all_of,
)
from jobcenter_core.people import Sex
from jobcenter_core.scenarios._trusted import CHECKED, TRUSTED, Makers
from jobcenter_core.scenarios.bocholt import YUPIDU, bocholt_caseworkers
from jobcenter_core.scenarios.builder import (
    WAR_BEGAN,
    HouseholdBuilder,
    child_count,
    mother_marital_status,
    person_ids,
)
from jobcenter_core.scenarios.draws import Draw, Weighted
from jobcenter_core.scenarios.findings import CONSULTATIONS_FROM, draw_findings, found_needs
from jobcenter_core.scenarios.offers import (
    Made,
    online_coaching,
    registrations_in_order,
    session,
)
from jobcenter_core.scenarios.scenario import Scenario

__all__ = ["synthetic_caseload", "synthetic_households", "synthetic_scenario"]

# --- households ----------------------------------------------------------------------------

_HOUSEHOLD_KINDS = Weighted(
    [
        ("single_parent", 0.50),
        ("two_parents", 0.10),
        ("three_generations", 0.12),
        ("single_adult", 0.15),
        ("older", 0.08),
        ("parent_with_adult_child", 0.05),
    ]
)


def _build(b: HouseholdBuilder, kind: str) -> None:
    """The members of a household of *kind* (see :func:`synthetic_households`)."""
    d = b.d
    if kind == "single_parent":
        female = d.chance(0.95)
        age = d.adult_age(22, 50, 35)
        parent = b.adult(
            age=age,
            sex=Sex.FEMALE if female else Sex.MALE,
            marital=mother_marital_status(d),
            primary_carer=True,
        )
        b.children([parent], age, child_count(d))
    elif kind == "two_parents":
        age = d.adult_age(25, 50, 36)
        mother = b.adult(age=age, sex=Sex.FEMALE, marital=MaritalStatus.MARRIED, primary_carer=True)
        father = b.adult(
            age=min(age + d.between(0, 8), 64), sex=Sex.MALE, marital=MaritalStatus.MARRIED
        )
        b.relate(father, RelationshipKind.SPOUSE, mother)
        b.children([mother, father], age, max(child_count(d), 3 if d.chance(0.5) else 1))
    elif kind == "three_generations":
        age = d.adult_age(24, 45, 33)
        mother = b.adult(
            age=age, sex=Sex.FEMALE, marital=mother_marital_status(d), primary_carer=True
        )
        grandmother = b.adult(
            age=min(age + d.between(20, 30), 85),
            sex=Sex.FEMALE,
            marital=MaritalStatus.WIDOWED if d.chance(0.5) else MaritalStatus.MARRIED,
        )
        b.relate(grandmother, RelationshipKind.PARENT, mother)
        b.children([mother], age, child_count(d))
    elif kind == "single_adult":
        b.adult(
            age=d.adult_age(18, 64, 30),
            sex=Sex.FEMALE if d.chance(0.75) else Sex.MALE,
            marital=MaritalStatus.UNMARRIED if d.chance(0.5) else MaritalStatus.MARRIED,
        )
    elif kind == "older":
        couple = d.chance(0.3)
        first = b.adult(
            age=d.adult_age(60, 85, 68),
            sex=Sex.FEMALE if couple or d.chance(0.7) else Sex.MALE,
            marital=MaritalStatus.MARRIED if couple or d.chance(0.4) else MaritalStatus.WIDOWED,
        )
        if couple:
            partner = b.adult(
                age=d.adult_age(60, 85, 70), sex=Sex.MALE, marital=MaritalStatus.MARRIED
            )
            b.relate(partner, RelationshipKind.SPOUSE, first)
    else:  # parent_with_adult_child
        age = d.adult_age(40, 60, 47)
        parent = b.adult(age=age, sex=Sex.FEMALE, marital=mother_marital_status(d))
        b.child(age=d.between(18, 24), parents=[parent])
        if d.chance(0.5):
            b.child(age=d.between(0, 14), parents=[parent])


def synthetic_households(*, households: int, seed: int | str, on: Date) -> tuple[Household, ...]:
    """
    *households* synthetic refugee households as of *on*, drawn reproducibly from *seed*.

    Every draw comes from one private ``random.Random(seed)``: equal arguments give equal
    values, in any process, and no global state is read or changed. Ids are
    ``h-0000001``… and ``p-0000001``…; nobody has a name. *on* must be on or after
    2022-02-24; ages are completed years on *on*.

    The distributions, chosen to match the press release (mostly women aged 25–50 with
    children, few men of working age, § 24 documents from spring 2022):

    ======================== ===== ========================================================
    household                share members
    ======================== ===== ========================================================
    single parent            50 %  a mother (95 %) or father aged 22–50 (mode 35), children
    two parents              10 %  a mother 25–50 (mode 36), her husband 0–8 years older
                                   (at most 64), children, three or more in half of them
    three generations        12 %  a mother 24–45 (mode 33), her mother 20–30 years older
                                   (at most 85), children
    single adult             15 %  a woman (75 %) or man aged 18–64 (mode 30)
    older                     8 %  a person 60–85 (mode 68, 70 % women), in 30 % of them
                                   with a husband 60–85
    parent with adult child   5 %  a mother 40–60 (mode 47), a child 18–24, in half of
                                   them a child 0–14
    ======================== ===== ========================================================

    * **Children** per parent: 1 (45 %), 2 (35 %), 3 (15 %), 4 (5 %), aged uniformly 0
      to the parent's age minus 18 (at most 17), girls and boys alike. **Care**: 6–17
      school (95 %) or none; 3–5 Kita (65 %) or none; 1–2 Kita (30 %), childminder
      (15 %) or none; under 1 none. The mothers are marked as the primary carers.
    * **Languages**: the household speaks Ukrainian (65 %) or Russian (35 %) natively;
      from age 10 each person also speaks the other one at B2 or C1 (60 % of the
      Ukrainian, 25 % of the Russian speakers), English at A2–B2 (30 %) and German at
      A1–B1 (14 %, mostly A1 or A2).
    * **Arrival and documents**: a household arrives on a day uniform between 2022-03-01
      and 2022-06-30 (or *on*); when *on* is later than mid-July 2022, 20 % arrive
      uniformly between 2022-07-01 and two weeks before *on* instead. Nobody is born
      after the arrival. Each person's document is first issued 0–39 days after the
      arrival (never after *on*): a § 24 permit (72 %), a Fiktionsbescheinigung (23 %)
      or none yet (5 %). From age 14, 92 % have the identity registration, 0–20 days
      before the document; 97 % are stored in the central register.
    * **Work capacity** of adults: not assessed (85 %; 60 % from age 65), assessed at 6
      or 8 hours a day (10 %), or at 1.5–2.5 hours (5 %; 30 % from age 65), that is not
      able to work in the sense of SGB II § 8.
    * **Marital status** of mothers: married (55 %, the husband mostly still in
      Ukraine), divorced (20 %), unmarried (15 %), widowed (10 %).
    * **Approval period** (from *on* = 2022-06-01): ends at the end of a month 0–11
      months after *on*.

    >>> import pendulum
    >>> hs = synthetic_households(households=2, seed=1, on=pendulum.date(2022, 6, 21))
    >>> [len(h.members) for h in hs] == [len(h.members) for h in
    ...     synthetic_households(households=2, seed=1, on=pendulum.date(2022, 6, 21))]
    True

    References:
        AufenthG § 24 Abs. 1, § 81 Abs. 5, § 49; SGB II § 8 Abs. 1, § 74.
    """
    on = as_date(on)
    if households < 0:
        raise ValueError("'households' must be >= 0")
    if on < WAR_BEGAN:
        raise ValueError("'on' must be on or after 2022-02-24")
    d = Draw(seed, on)
    next_person = person_ids(7)
    out: list[Household] = []
    for n in range(1, households + 1):
        out.append(draw_household(d, f"h-{n:07d}", next_person, make=TRUSTED))
    return tuple(out)


def draw_household(
    d: Draw, household_id: str, next_person: Callable[[], str], *, make: Makers = CHECKED
) -> Household:
    """
    One household drawn from *d* as :func:`synthetic_households` describes, with id
    *household_id* and its members' ids from *next_person*; *make* makes the values
    (the public constructors by default).

    >>> import pendulum
    >>> d = Draw(1, pendulum.date(2022, 6, 21))
    >>> draw_household(d, "h-1", person_ids(3)).members[0].person.id
    'p-001'
    """
    b = HouseholdBuilder(d, household_id, next_person, make=make)
    _build(b, d.weighted(_HOUSEHOLD_KINDS))
    return b.household()


# --- needs found in a first consultation ------------------------------------------------


def _profile(d: Draw, household: Household, number: int) -> NeedsProfile | None:
    """The needs one consultation found, on a day in the 90 days before ``on`` and after
    the household's documents were issued (``None`` when there was none yet)."""
    earliest = CONSULTATIONS_FROM.toordinal()
    for member in household.members:
        residence = member.person.residence
        if residence is not None and residence.first_issued_on is not None:
            earliest = max(earliest, residence.first_issued_on.toordinal())
    if earliest > d.on_ordinal:
        return None
    findings = draw_findings(d, household)
    if not findings:
        return None
    day = d.date(max(earliest, d.on_ordinal - d.below(90)))
    by = Evidence(kind=EvidenceKind.CONSULTATION, id=f"c-{number:07d}")
    return found_needs(household.id, findings, on=day, by=by, make=TRUSTED)


def synthetic_caseload(
    *, households: int, seed: int | str, on: Date, with_needs: bool = True
) -> Caseload:
    """
    A seeded synthetic :class:`~jobcenter_core.caseload.Caseload` of *households*
    households as of *on*, with the needs a first consultation found (unless
    *with_needs* is false, which is about twice as fast).

    The households are those of :func:`synthetic_households` with the same arguments.
    Each household has one consultation on a day in the 90 days before *on*, not before
    2022-05-23 (when the consultations began) nor before its documents were issued; it
    finds needs in the categories the press release names:

    * each adult aged 18–64: psychosocial support 20 % (acute 10 %, high 30 % of
      those), psychological counselling 8 %, German 85 % (unless at B1 already; high
      30 %), "living and working in Germany" 50 %, recognition of qualifications 15 %,
      application support 20 % (high 50 %), employment 60 %;
    * each person aged 15–24: the vocational training system 40 %; aged 65 and over:
      psychosocial support 20 %;
    * each child under 14 without a care place: childcare (high urgency);
    * the household: housing 10 %, translation services 35 %, public transport 30 %,
      social department store 25 % (each low urgency in 20 %), leisure for children
      40 % (with children), the school system 70 % (with children at school).

    >>> import pendulum
    >>> on = pendulum.date(2022, 6, 21)
    >>> caseload = synthetic_caseload(households=140, seed=2022, on=on)
    >>> caseload
    Caseload(households=140, persons=..., profiles=...)
    >>> caseload == synthetic_caseload(households=140, seed=2022, on=on)
    True

    References:
        SGB II § 16, § 16a; AufenthG § 44a; BQFG.
    """
    homes = synthetic_households(households=households, seed=seed, on=on)
    if not with_needs:
        return Caseload(households=homes)
    d = Draw(f"{seed}/needs", as_date(on))
    profiles = []
    for number, household in enumerate(homes, start=1):
        profile = _profile(d, household, number)
        if profile is not None:
            profiles.append(profile)
    return Caseload(households=homes, profiles=profiles)


# --- the scenario -----------------------------------------------------------------------


def _registrations(
    caseload: Caseload, offer: GroupOffer, category: NeedCategory, prefix: str
) -> tuple[Registration, ...]:
    """Registrations of everyone with an unmet *category* need, made on the day the need
    was identified (16:00 plus a few seconds each); ids follow the instants."""
    made: list[Made] = []
    for profile in caseload.profiles:
        for need in profile.needs:
            if need.category is category and need.subject != profile.household_id:
                day = need.identified_on
                n = len(made)
                at = at_berlin(day.year, day.month, day.day, 16).add(seconds=n % 7200)
                made.append((at, need.subject, f"cw-{n % 6 + 1}", ()))
    return registrations_in_order(made, offer, prefix=prefix, digits=7)


def _sessions(prefix: str, first_day: Date, count: int, capacity: int) -> tuple[Session, ...]:
    return tuple(
        session(
            f"{prefix}-{i + 1:05d}",
            first_day.add(days=i // 100),
            (9, 12),
            Venue(name=f"Standort {i % 100 + 1}", address="synthetic"),
            capacity,
        )
        for i in range(count)
    )


def synthetic_scenario(*, households: int, seed: int | str, on: Date) -> Scenario:
    """
    A :class:`~jobcenter_core.scenarios.Scenario` around a synthetic caseload: the caseload of
    :func:`synthetic_caseload`, the Bocholt case workers, a "Leben und Arbeiten in
    Deutschland" offer with one 20-seat session per 40 persons asking for it (so about
    half of them wait), an application training with one 12-seat session per 24 persons,
    and the online coaching programme with one coach per 70 households. There are no
    consultation records (the needs come straight from the profiles).

    >>> import pendulum
    >>> s = synthetic_scenario(households=50, seed=1, on=pendulum.date(2022, 6, 21))
    >>> s.name, len(s.caseload.households)
    ('synthetic (seed 1, 50 households)', 50)
    """
    on = as_date(on)
    caseload = synthetic_caseload(households=households, seed=seed, on=on)
    first_day = on.add(days=1)
    offer = GroupOffer(
        id="lad",
        title="Leben und Arbeiten in Deutschland",
        addresses=frozenset({NeedCategory.LIVING_AND_WORKING_IN_GERMANY}),
        target_group=Employable(),
        interpretation_provided=True,
    )
    registrations = _registrations(
        caseload, offer, NeedCategory.LIVING_AND_WORKING_IN_GERMANY, "lad"
    )
    count = max(1, len(registrations) // 40)
    offer = attrs.evolve(offer, sessions=_sessions("lad", first_day, count, 20))
    second = session(
        f"lad-{count + 1:05d}", first_day.add(days=9 + count // 100), (9, 12), YUPIDU, 20
    )
    training = GroupOffer(
        id="bt",
        title="Bewerbungstraining",
        addresses=frozenset({NeedCategory.APPLICATION_SUPPORT}),
        target_group=all_of(Employable(), WantsWorkAtShortNotice()),
        interpretation_provided=True,
    )
    training_registrations = _registrations(
        caseload, training, NeedCategory.APPLICATION_SUPPORT, "bt"
    )
    training = attrs.evolve(
        training,
        sessions=_sessions(
            "bt", first_day.add(days=14), max(1, len(training_registrations) // 24), 12
        ),
    )
    return Scenario(
        name=f"synthetic (seed {seed}, {households} households)",
        on=on,
        caseload=caseload,
        caseworkers=bocholt_caseworkers(),
        interpreters=(),
        consultations=(),
        offer=offer,
        registrations=registrations,
        second_session=second,
        training=training,
        training_registrations=training_registrations,
        wants_work_at_short_notice=frozenset(r.person_id for r in training_registrations),
        coaching=online_coaching(max(2, households // 70)),
        mobility=(),
    )
