"""
Needs: what a household or one of its members needs help with, where the job centre
learnt it, and what to do first.

* :class:`NeedCategory` names the topic (psychosocial support, German, employment,
  childcare …); its :attr:`~NeedCategory.info` carries the German label, whether the
  topic is special-category data (Art. 9 GDPR), the legal basis of help for it, and
  whether an open need of the kind blocks taking up work.
* :class:`Need` is one topic for one *subject* (a person id or the household id), with an
  :class:`Urgency`, a :class:`NeedStatus` and the trail of :class:`Observation` values it
  was built from: each says on which day which :class:`Evidence` (a consultation, a group
  event, a coaching …) assessed the need how.
* :class:`NeedsProfile` holds a household's needs, one per (subject, category), with pure
  operations :meth:`~NeedsProfile.add`, :meth:`~NeedsProfile.update` and
  :meth:`~NeedsProfile.merge`; :class:`Finding` is what a consultation, group event or
  coaching found, before it is dated and attributed.
* What comes first and whether a person can take up work are rules, in
  :mod:`jobcenter_core.rules` (:func:`~jobcenter_core.rules.prioritise`,
  :func:`~jobcenter_core.rules.employment_readiness`).

**Merge semantics.** A need *is* its trail: the set of observations. Merging two needs
(or two profiles) takes the union of the trails, so merging is associative, commutative
and idempotent, merging the same evidence twice changes nothing, and nothing is dropped.
The observations are ordered by :attr:`Observation.sort_key` — day, then kind of
evidence, then evidence id, then status, then urgency — and the *latest* observation
gives the need's current ``status`` and ``urgency``; the *earliest* gives
``identified_on`` and ``identified_by``.

Special-category needs never show their category in ``repr``:

>>> import pendulum
>>> need = Need(
...     subject="p-1",
...     category=NeedCategory.PSYCHOSOCIAL_SUPPORT,
...     urgency=Urgency.HIGH,
...     identified_on=pendulum.date(2022, 5, 30),
...     identified_by=Evidence(kind=EvidenceKind.CONSULTATION, id="c-1"),
... )
>>> "PSYCHOSOCIAL" in repr(need)
False
>>> need.category.info.german_label
'Psychosoziale Betreuung'

References:
    SGB II § 16, § 16a; Art. 9 GDPR.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Iterator
from types import NoneType

import attrs
from pendulum import Date

from jobcenter_core.dates import to_date
from jobcenter_core.decisions import LegalReference, sgb2, sgb3
from jobcenter_core.errors import UnknownId
from jobcenter_core.ranked import RankedEnum
from jobcenter_core.validators import as_tuple, calendar_date, instance_of, items_of, non_empty

__all__ = [
    "Blocking",
    "CategoryInfo",
    "Evidence",
    "EvidenceKind",
    "Finding",
    "Need",
    "NeedCategory",
    "NeedStatus",
    "NeedsProfile",
    "Observation",
    "Urgency",
]


# --- categories -------------------------------------------------------------------------


class Blocking(enum.Enum):
    """When an unmet need of a category stands in the way of taking up work."""

    NEVER = "never"
    """The need never blocks work (German, housing, information …)."""
    WHILE_UNMET = "while_unmet"
    """Blocks while open or in progress, whatever its urgency (childcare without a place)."""
    WHEN_ACUTE = "when_acute"
    """Blocks while open or in progress with :attr:`Urgency.ACUTE` (acute psychosocial need)."""


def _references(items: Iterable[LegalReference]) -> tuple[LegalReference, ...]:
    return as_tuple(items)


@attrs.frozen(kw_only=True)
class CategoryInfo:
    """
    What the library knows about a :class:`NeedCategory`.

    Attributes:
        german_label: the label case workers use.
        special_category: health or similar data under Art. 9 GDPR; never shown in
            ``repr``/``str``, left out of exports unless asked for.
        legal_basis: the main legal basis of help for it, or ``None`` where there is none
            (an information need).
        see_also: further references (the entitlement behind it, the instrument).
        blocking: whether an unmet need of the kind blocks taking up work.

    >>> NeedCategory.CHILDCARE.info.blocking
    <Blocking.WHILE_UNMET: 'while_unmet'>
    >>> str(NeedCategory.CHILDCARE.info.legal_basis)
    'SGB II § 16a Nr. 1'
    """

    german_label: str = attrs.field(validator=non_empty)
    special_category: bool = attrs.field(default=False, validator=instance_of(bool))
    legal_basis: LegalReference | None = attrs.field(
        default=None, validator=instance_of((LegalReference, NoneType))
    )
    see_also: tuple[LegalReference, ...] = attrs.field(
        default=(), converter=_references, validator=items_of(LegalReference)
    )
    blocking: Blocking = attrs.field(default=Blocking.NEVER, validator=instance_of(Blocking))


class NeedCategory(RankedEnum):
    """
    The topic of a need. The declaration order is the tie-break order of prioritisation.

    >>> NeedCategory.GERMAN_LANGUAGE.info.german_label
    'Deutsch lernen'
    >>> [c.name for c in NeedCategory if c.info.special_category]
    ['PSYCHOSOCIAL_SUPPORT', 'PSYCHOLOGICAL_COUNSELLING', 'ADDICTION_COUNSELLING']
    """

    PSYCHOSOCIAL_SUPPORT = "psychosocial_support"
    PSYCHOLOGICAL_COUNSELLING = "psychological_counselling"
    ADDICTION_COUNSELLING = "addiction_counselling"
    CHILDCARE = "childcare"
    HOUSING = "housing"
    DEBT_COUNSELLING = "debt_counselling"
    GERMAN_LANGUAGE = "german_language"
    TRANSLATION_SERVICES = "translation_services"
    SCHOOL_SYSTEM = "school_system"
    PUBLIC_TRANSPORT = "public_transport"
    SOCIAL_DEPARTMENT_STORE = "social_department_store"
    CHILDREN_LEISURE = "children_leisure"
    LIVING_AND_WORKING_IN_GERMANY = "living_and_working_in_germany"
    RECOGNITION_OF_QUALIFICATIONS = "recognition_of_qualifications"
    VOCATIONAL_TRAINING_SYSTEM = "vocational_training_system"
    APPLICATION_SUPPORT = "application_support"
    EMPLOYMENT = "employment"

    @property
    def info(self) -> CategoryInfo:
        """The category's metadata (label, Art. 9 flag, legal basis, blocking)."""
        return _CATEGORY_INFO[self]

    @property
    def german_label(self) -> str:
        """Shortcut for ``info.german_label``."""
        return _CATEGORY_INFO[self].german_label

    @property
    def special_category(self) -> bool:
        """Shortcut for ``info.special_category`` (Art. 9 GDPR)."""
        return _CATEGORY_INFO[self].special_category

    @property
    def legal_basis(self) -> LegalReference | None:
        """Shortcut for ``info.legal_basis``."""
        return _CATEGORY_INFO[self].legal_basis


_SECTION_16 = sgb2("16", "1")
_ACUTE = Blocking.WHEN_ACUTE

_CATEGORY_INFO: dict[NeedCategory, CategoryInfo] = {
    NeedCategory.PSYCHOSOCIAL_SUPPORT: CategoryInfo(
        german_label="Psychosoziale Betreuung",
        special_category=True,
        legal_basis=sgb2("16a", number="3"),
        blocking=_ACUTE,
    ),
    NeedCategory.PSYCHOLOGICAL_COUNSELLING: CategoryInfo(
        german_label="Psychologische Beratung",
        special_category=True,
        legal_basis=sgb2("16a", number="3"),
        blocking=_ACUTE,
    ),
    NeedCategory.ADDICTION_COUNSELLING: CategoryInfo(
        german_label="Suchtberatung",
        special_category=True,
        legal_basis=sgb2("16a", number="4"),
        blocking=_ACUTE,
    ),
    NeedCategory.CHILDCARE: CategoryInfo(
        german_label="Kinderbetreuung",
        legal_basis=sgb2("16a", number="1"),
        see_also=(
            LegalReference(law="SGB VIII", section="24"),
            sgb2("10", "1", number="3"),
        ),
        blocking=Blocking.WHILE_UNMET,
    ),
    NeedCategory.HOUSING: CategoryInfo(german_label="Wohnen", legal_basis=sgb2("22")),
    NeedCategory.DEBT_COUNSELLING: CategoryInfo(
        german_label="Schuldnerberatung", legal_basis=sgb2("16a", number="2")
    ),
    NeedCategory.GERMAN_LANGUAGE: CategoryInfo(
        german_label="Deutsch lernen",
        legal_basis=LegalReference(law="AufenthG", section="44a", paragraph="1"),
        see_also=(
            LegalReference(law="IntV", section="3", paragraph="2"),
            LegalReference(law="AufenthG", section="45a"),
        ),
    ),
    NeedCategory.TRANSLATION_SERVICES: CategoryInfo(german_label="Übersetzungsbüros"),
    NeedCategory.SCHOOL_SYSTEM: CategoryInfo(
        german_label="Schulsystem",
        see_also=(LegalReference(law="SchulG NRW", section="35", paragraph="1"),),
    ),
    NeedCategory.PUBLIC_TRANSPORT: CategoryInfo(german_label="ÖPNV"),
    NeedCategory.SOCIAL_DEPARTMENT_STORE: CategoryInfo(german_label="Sozialkaufhaus"),
    NeedCategory.CHILDREN_LEISURE: CategoryInfo(
        german_label="Freizeitangebote für Kinder", legal_basis=sgb2("28", "7")
    ),
    NeedCategory.LIVING_AND_WORKING_IN_GERMANY: CategoryInfo(
        german_label="Leben und Arbeiten in Deutschland",
        legal_basis=_SECTION_16,
        see_also=(sgb3("45", "1"),),
    ),
    NeedCategory.RECOGNITION_OF_QUALIFICATIONS: CategoryInfo(
        german_label="Anerkennung ausländischer Abschlüsse",
        legal_basis=LegalReference(law="BQFG", section=""),
        see_also=(sgb3("44"),),
    ),
    NeedCategory.VOCATIONAL_TRAINING_SYSTEM: CategoryInfo(
        german_label="Ausbildungssystem", legal_basis=_SECTION_16, see_also=(sgb3("29"),)
    ),
    NeedCategory.APPLICATION_SUPPORT: CategoryInfo(
        german_label="Bewerbungstraining", legal_basis=_SECTION_16, see_also=(sgb3("45", "1"),)
    ),
    NeedCategory.EMPLOYMENT: CategoryInfo(
        german_label="Arbeit", legal_basis=_SECTION_16, see_also=(sgb3("35"),)
    ),
}


# --- urgency, status, evidence ----------------------------------------------------------


class Urgency(RankedEnum):
    """How pressing a need is; ordered LOW < NORMAL < HIGH < ACUTE."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    ACUTE = "acute"


class NeedStatus(enum.Enum):
    """Where a need stands: ``OPEN`` and ``IN_PROGRESS`` are unmet; ``MET``, ``DECLINED`` not."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    MET = "met"
    DECLINED = "declined"

    @property
    def is_unmet(self) -> bool:
        """Open or in progress."""
        return self in (NeedStatus.OPEN, NeedStatus.IN_PROGRESS)


_STATUS_RANK = {s: i for i, s in enumerate(NeedStatus)}


class EvidenceKind(enum.Enum):
    """Where a finding about a need comes from."""

    CONSULTATION = "consultation"
    """An individual consultation (*Einzelgespräch*) with a case worker."""
    GROUP_EVENT = "group_event"
    """A group event or group offer session."""
    COACHING = "coaching"
    """An (online) individual coaching, reported back to the case worker."""
    POTENTIAL_ANALYSIS = "potential_analysis"
    """The *Potenzialanalyse* / *Kooperationsplan* review (SGB II § 15)."""
    CASE_WORKER = "case_worker"
    """A case worker's update outside a consultation (a call, a letter)."""
    SELF_REPORT = "self_report"
    """The person's own statement (a form, a message)."""


_KIND_RANK = {k: i for i, k in enumerate(EvidenceKind)}


@attrs.frozen(kw_only=True, order=False)
class Evidence:
    """
    The source of a finding: its *kind* and the *id* of the consultation, group event,
    coaching referral … it comes from.

    >>> Evidence(kind=EvidenceKind.COACHING, id="ref-7")
    Evidence(kind=<EvidenceKind.COACHING: 'coaching'>, id='ref-7')
    """

    kind: EvidenceKind = attrs.field(validator=instance_of(EvidenceKind))
    id: str = attrs.field(validator=non_empty)

    @property
    def sort_key(self) -> tuple[int, str]:
        """The tie-break between sources on one day: kind (declaration order), then id."""
        return (_KIND_RANK[self.kind], self.id)


@attrs.frozen(kw_only=True)
class Observation:
    """
    One assessment of a need: on day *on*, source *by* found it at *urgency* with
    *status*. A :class:`Need` is the set of its observations.

    >>> import pendulum
    >>> o = Observation(on=pendulum.date(2022, 6, 21), by=Evidence(kind=EvidenceKind.GROUP_EVENT, id="g-1"),
    ...                 urgency=Urgency.NORMAL, status=NeedStatus.IN_PROGRESS)
    >>> o.status.is_unmet
    True
    """

    on: Date = attrs.field(converter=to_date, validator=calendar_date)
    by: Evidence = attrs.field(validator=instance_of(Evidence))
    urgency: Urgency = attrs.field(validator=instance_of(Urgency))
    status: NeedStatus = attrs.field(validator=instance_of(NeedStatus))

    @property
    def sort_key(self) -> tuple[Date, int, str, int, int]:
        """
        The order of observations: day, kind of evidence, evidence id, status, urgency.

        A total order on observations, so "the latest" is well defined whatever order
        they arrive in.
        """
        return (self.on, *self.by.sort_key, _STATUS_RANK[self.status], self.urgency.rank)


# --- needs ------------------------------------------------------------------------------


def _category_repr(category: NeedCategory) -> str:
    return "<special category>" if category.special_category else repr(category)


def _trail(items: Iterable[Observation]) -> tuple[Observation, ...]:
    given = as_tuple(items)
    if given.__class__ is not tuple or not all(isinstance(o, Observation) for o in given):
        return given  # refused by the field's validator, by name
    return tuple(sorted(set(given), key=lambda o: o.sort_key))


def _own_observation(need: Need) -> tuple[Observation, ...]:
    try:
        observation = Observation(
            on=need.identified_on,
            by=need.identified_by,
            urgency=need.urgency,
            status=need.status,
        )
    except (TypeError, ValueError):  # a field of the need is wrong: its validator says which
        return ()
    return (observation,)


def _trail_consistent(
    instance: Need,
    attribute: attrs.Attribute[tuple[Observation, ...]],
    value: tuple[Observation, ...],
) -> None:
    if not value:
        raise ValueError(f"{attribute.name!r} must not be empty")
    first, last = value[0], value[-1]
    if (first.on, first.by) != (instance.identified_on, instance.identified_by):
        raise ValueError(f"{attribute.name!r} must start with 'identified_on' and 'identified_by'")
    if (last.urgency, last.status) != (instance.urgency, instance.status):
        raise ValueError(f"{attribute.name!r} must end with the need's 'urgency' and 'status'")


@attrs.frozen(kw_only=True)
class Need:
    """
    A need of one *subject* (a person id, or the household id for the whole household)
    in one *category*.

    Give ``urgency``, ``status``, ``identified_on`` and ``identified_by`` for a new need;
    the *trail* then holds that one observation. A need built by merging or updating
    carries every observation in its trail: ``urgency`` and ``status`` are the latest
    observation's, ``identified_on`` and ``identified_by`` the earliest's.

    Attributes:
        subject: a person id, or the household id for a need of the whole household.
        category: the topic; hidden in ``repr`` when it is special-category data.
        urgency: as last assessed.
        status: as last assessed.
        identified_on: the day the need was first identified.
        identified_by: the source that first identified it.
        trail: every observation, in :attr:`Observation.sort_key` order, no duplicates.

    >>> import pendulum
    >>> c1 = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")
    >>> need = Need(subject="p-1", category=NeedCategory.GERMAN_LANGUAGE,
    ...             identified_on=pendulum.date(2022, 5, 30), identified_by=c1)
    >>> need.status, need.urgency
    (<NeedStatus.OPEN: 'open'>, <Urgency.NORMAL: 'normal'>)
    >>> later = need.observe(on=pendulum.date(2022, 7, 1), by=Evidence(kind=EvidenceKind.COACHING, id="r-1"),
    ...                      status=NeedStatus.IN_PROGRESS)
    >>> later.status, later.identified_by.id, later.updated_by.id, len(later.trail)
    (<NeedStatus.IN_PROGRESS: 'in_progress'>, 'c-1', 'r-1', 2)
    """

    subject: str = attrs.field(validator=non_empty)
    category: NeedCategory = attrs.field(validator=instance_of(NeedCategory), repr=_category_repr)
    urgency: Urgency = attrs.field(default=Urgency.NORMAL, validator=instance_of(Urgency))
    status: NeedStatus = attrs.field(default=NeedStatus.OPEN, validator=instance_of(NeedStatus))
    identified_on: Date = attrs.field(converter=to_date, validator=calendar_date)
    identified_by: Evidence = attrs.field(validator=instance_of(Evidence))
    trail: tuple[Observation, ...] = attrs.field(
        default=attrs.Factory(_own_observation, takes_self=True),
        converter=_trail,
        validator=[items_of(Observation), _trail_consistent],
        repr=False,
    )

    @classmethod
    def from_trail(
        cls, *, subject: str, category: NeedCategory, trail: Iterable[Observation]
    ) -> Need:
        """
        The need whose observations are *trail* (at least one).

        >>> import pendulum
        >>> by = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")
        >>> o = Observation(on=pendulum.date(2022, 5, 30), by=by, urgency=Urgency.HIGH,
        ...                 status=NeedStatus.OPEN)
        >>> Need.from_trail(subject="h-1", category=NeedCategory.HOUSING, trail=[o]).urgency
        <Urgency.HIGH: 'high'>
        """
        ordered = _trail(trail)
        items_of(Observation)(None, attrs.fields(cls).trail, ordered)  # by name, as the field
        if not ordered:
            raise ValueError("'trail' must not be empty")
        first, last = ordered[0], ordered[-1]
        return cls(
            subject=subject,
            category=category,
            urgency=last.urgency,
            status=last.status,
            identified_on=first.on,
            identified_by=first.by,
            trail=ordered,
        )

    @property
    def key(self) -> tuple[str, NeedCategory]:
        """The pair of subject and category; a profile holds one need per key."""
        return (self.subject, self.category)

    @property
    def id(self) -> str:
        """
        A stable id, ``"<subject>/<category value>"``.

        It names the category, so treat it like the category itself: as special-category
        data where the category is (it is not part of ``repr``).
        """
        return f"{self.subject}/{self.category.value}"

    @property
    def latest(self) -> Observation:
        """The latest observation (it gives ``status`` and ``urgency``)."""
        return self.trail[-1]

    @property
    def updated_on(self) -> Date:
        """The day of the latest observation."""
        return self.trail[-1].on

    @property
    def updated_by(self) -> Evidence:
        """The source of the latest observation."""
        return self.trail[-1].by

    @property
    def sources(self) -> tuple[Evidence, ...]:
        """Every distinct source in the trail, in trail order."""
        return tuple(dict.fromkeys(o.by for o in self.trail))

    @property
    def is_unmet(self) -> bool:
        """Whether the need is open or in progress."""
        return self.status.is_unmet

    @property
    def blocks_work(self) -> bool:
        """
        Whether this need, as it stands, blocks taking up work: unmet, and of a category
        that blocks while unmet (childcare) or when acute (psychosocial support).

        >>> import pendulum
        >>> by = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")
        >>> Need(subject="p-1", category=NeedCategory.PSYCHOSOCIAL_SUPPORT, urgency=Urgency.HIGH,
        ...      identified_on=pendulum.date(2022, 5, 30), identified_by=by).blocks_work
        False

        References:
            SGB II § 10 Abs. 1 Nr. 3, § 16a.
        """
        if not self.status.is_unmet:
            return False
        blocking = self.category.info.blocking
        if blocking is Blocking.WHILE_UNMET:
            return True
        return blocking is Blocking.WHEN_ACUTE and self.urgency is Urgency.ACUTE

    def observe(
        self,
        *,
        on: _dt.date,
        by: Evidence,
        status: NeedStatus | None = None,
        urgency: Urgency | None = None,
    ) -> Need:
        """
        This need with one more observation; *status* and *urgency* default to the
        current ones. An observation earlier than the latest is kept in the trail but
        does not change the current state (later evidence wins).

        >>> import pendulum
        >>> by = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")
        >>> n = Need(subject="p-1", category=NeedCategory.HOUSING,
        ...          identified_on=pendulum.date(2022, 6, 1), identified_by=by)
        >>> n.observe(on=pendulum.date(2022, 6, 1), by=by) == n
        True
        """
        observation = Observation(
            on=on,
            by=by,
            urgency=self.urgency if urgency is None else urgency,
            status=self.status if status is None else status,
        )
        return Need.from_trail(
            subject=self.subject, category=self.category, trail=(*self.trail, observation)
        )

    def merge(self, other: Need) -> Need:
        """
        The need with the observations of both (same subject and category required).

        Associative, commutative and idempotent: ``a.merge(a) == a``.

        >>> import pendulum
        >>> a = Need(subject="p-1", category=NeedCategory.EMPLOYMENT, identified_on=pendulum.date(2022, 6, 1),
        ...          identified_by=Evidence(kind=EvidenceKind.CONSULTATION, id="c-1"))
        >>> b = Need(subject="p-1", category=NeedCategory.EMPLOYMENT, status=NeedStatus.MET,
        ...          identified_on=pendulum.date(2022, 9, 1),
        ...          identified_by=Evidence(kind=EvidenceKind.COACHING, id="r-1"))
        >>> a.merge(b) == b.merge(a), a.merge(b).status, a.merge(a) == a
        (True, <NeedStatus.MET: 'met'>, True)
        """
        if other.key != self.key:
            raise ValueError("'other' must have the same subject and category")
        if other is self or other.trail == self.trail:
            return self
        return Need.from_trail(
            subject=self.subject, category=self.category, trail=(*self.trail, *other.trail)
        )


@attrs.frozen(kw_only=True)
class Finding:
    """
    What a consultation, group event or coaching found about one need, before it is
    dated and attributed: the *subject*, *category*, *urgency* and *status*.
    :meth:`to_need` turns it into a :class:`Need` with its source and day.

    >>> import pendulum
    >>> f = Finding(subject="p-1", category=NeedCategory.PSYCHOLOGICAL_COUNSELLING)
    >>> "COUNSELLING" in repr(f)
    False
    >>> f.to_need(on=pendulum.date(2022, 7, 4), by=Evidence(kind=EvidenceKind.COACHING, id="r-1")).identified_by.kind
    <EvidenceKind.COACHING: 'coaching'>
    """

    subject: str = attrs.field(validator=non_empty)
    category: NeedCategory = attrs.field(validator=instance_of(NeedCategory), repr=_category_repr)
    urgency: Urgency = attrs.field(default=Urgency.NORMAL, validator=instance_of(Urgency))
    status: NeedStatus = attrs.field(default=NeedStatus.OPEN, validator=instance_of(NeedStatus))

    def to_need(self, *, on: _dt.date, by: Evidence) -> Need:
        """The need this finding states, identified on *on* by *by*."""
        return Need(
            subject=self.subject,
            category=self.category,
            urgency=self.urgency,
            status=self.status,
            identified_on=on,
            identified_by=by,
        )


# --- profiles ---------------------------------------------------------------------------


def _canonical_needs(items: Iterable[Need]) -> tuple[Need, ...]:
    given = as_tuple(items)
    if given.__class__ is not tuple or not all(isinstance(n, Need) for n in given):
        return given  # refused by the field's validator, by name
    by_key: dict[tuple[str, NeedCategory], Need] = {}
    for need in given:
        known = by_key.get(need.key)
        by_key[need.key] = need if known is None else known.merge(need)
    return tuple(by_key[k] for k in sorted(by_key, key=lambda k: (k[0], k[1].rank)))


@attrs.frozen(kw_only=True)
class NeedsProfile:
    """
    The needs of one household and its members, one :class:`Need` per (subject,
    category), sorted by subject and category.

    Building a profile merges needs with the same key, so a profile is canonical: two
    profiles with the same observations are equal whatever order they were built in.

    >>> import pendulum
    >>> c1 = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")
    >>> on = pendulum.date(2022, 5, 30)
    >>> profile = NeedsProfile(household_id="h-1").add(
    ...     Need(subject="p-1", category=NeedCategory.CHILDCARE, identified_on=on, identified_by=c1)
    ... ).add(
    ...     Need(subject="p-1", category=NeedCategory.GERMAN_LANGUAGE, identified_on=on, identified_by=c1)
    ... )
    >>> [n.category.name for n in profile.needs]
    ['CHILDCARE', 'GERMAN_LANGUAGE']
    >>> met = profile.update("p-1", NeedCategory.CHILDCARE, on=pendulum.date(2022, 8, 1),
    ...                      by=Evidence(kind=EvidenceKind.CASE_WORKER, id="cw-1"), status=NeedStatus.MET)
    >>> [n.category.name for n in met.unmet()]
    ['GERMAN_LANGUAGE']
    >>> profile.merge(met) == met.merge(profile) == met
    True
    """

    household_id: str = attrs.field(validator=non_empty)
    needs: tuple[Need, ...] = attrs.field(
        default=(), converter=_canonical_needs, validator=items_of(Need)
    )

    def __iter__(self) -> Iterator[Need]:
        return iter(self.needs)

    def __len__(self) -> int:
        return len(self.needs)

    def get(self, subject: str, category: NeedCategory) -> Need | None:
        """The need of *subject* in *category*, or ``None``."""
        for need in self.needs:
            if need.subject == subject and need.category is category:
                return need
        return None

    def of(self, *subjects: str) -> tuple[Need, ...]:
        """The needs of the given subjects (person ids or the household id), in order."""
        wanted = set(subjects)
        return tuple(n for n in self.needs if n.subject in wanted)

    def unmet(self) -> tuple[Need, ...]:
        """The needs that are open or in progress."""
        return tuple(n for n in self.needs if n.status.is_unmet)

    def blocking(self) -> tuple[Need, ...]:
        """The needs that block taking up work as they stand (:attr:`Need.blocks_work`)."""
        return tuple(n for n in self.needs if n.blocks_work)

    def add(self, *needs: Need) -> NeedsProfile:
        """
        This profile with *needs* added; a need whose (subject, category) is already
        there is merged into it (its observations join the trail).
        """
        return NeedsProfile(household_id=self.household_id, needs=(*self.needs, *needs))

    def update(
        self,
        subject: str,
        category: NeedCategory,
        *,
        on: _dt.date,
        by: Evidence,
        status: NeedStatus | None = None,
        urgency: Urgency | None = None,
    ) -> NeedsProfile:
        """
        This profile with one more observation of an existing need (see
        :meth:`Need.observe`). :class:`~jobcenter_core.errors.UnknownId` (a ``KeyError``)
        if the profile has no such need; the message names neither the subject nor the
        category.
        """
        need = self.get(subject, category)
        if need is None:
            raise UnknownId("need: no need with that subject and category in the profile")
        updated = need.observe(on=on, by=by, status=status, urgency=urgency)
        return NeedsProfile(
            household_id=self.household_id,
            needs=tuple(updated if n.key == need.key else n for n in self.needs),
        )

    def record(self, findings: Iterable[Finding], *, on: _dt.date, by: Evidence) -> NeedsProfile:
        """
        This profile with *findings* from source *by* on day *on* merged in (each becomes
        an observation of its need; a new need where there was none).

        >>> import pendulum
        >>> profile = NeedsProfile(household_id="h-1").record(
        ...     [Finding(subject="p-1", category=NeedCategory.GERMAN_LANGUAGE)],
        ...     on=pendulum.date(2022, 7, 4), by=Evidence(kind=EvidenceKind.COACHING, id="r-1"))
        >>> profile.get("p-1", NeedCategory.GERMAN_LANGUAGE).identified_by.id
        'r-1'
        """
        return self.add(*(f.to_need(on=on, by=by) for f in findings))

    def merge(self, other: NeedsProfile) -> NeedsProfile:
        """
        The profile with the needs and observations of both (same household required).

        Associative, commutative and idempotent; merging the same evidence twice is a
        no-op and no observation is dropped.
        """
        if other.household_id != self.household_id:
            raise ValueError("'other' must belong to the same household")
        return NeedsProfile(household_id=self.household_id, needs=(*self.needs, *other.needs))


# --- rules: what comes first ------------------------------------------------------------
