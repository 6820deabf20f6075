"""
The country's 406 job centres, as data for national runs: :class:`JobCentre` with its
local job centres (:class:`LocalJobCentre`), the table :data:`JOB_CENTRES`, and how a
number of households is shared among them (:func:`households_by_job_centre`).

Germany has about 406 job centres: about 104 run by an approved municipal carrier
(*zugelassener kommunaler Träger*, SGB II § 6a) and about 302 joint institutions of the
Federal Employment Agency and the municipality (*gemeinsame Einrichtung*, § 44b). One of
them is the Jobcenter Kreis Borken, a municipal one with a local job centre in each of
its 17 towns and municipalities; Bocholt is one of them.

Only Kreis Borken is named: its size is the seed's "about 800 refugee families" and its
local job centres are weighted by their population. The other 405 are synthetic
(``Jobcenter 002`` …), with sizes drawn once from a log-normal distribution so that the
largest is over a hundred times the smallest, as in the country; the sizes add up to
the ≈ 250,000 households of Ukrainians receiving SGB II benefits (DOMAIN.md § 9). The
table is the same in every process: it is fixed data, not drawn from a run's seed.

>>> len(JOB_CENTRES), KREIS_BORKEN.name, len(KREIS_BORKEN.local_job_centres)
(406, 'Jobcenter Kreis Borken', 17)
>>> households_by_job_centre(250_000)[0]
800

References:
    SGB II § 6a, § 6d, § 44b.
"""

from __future__ import annotations

import enum
import random
from collections.abc import Sequence

import attrs

from jobcenter_core.errors import UnknownId
from jobcenter_core.validators import as_tuple, instance_of, items_of, non_empty, whole_number

__all__ = [
    "JOB_CENTRES",
    "KREIS_BORKEN",
    "Carrier",
    "JobCentre",
    "LocalJobCentre",
    "apportion",
    "households_by_job_centre",
    "job_centre",
]


class Carrier(enum.Enum):
    """
    Who runs a job centre.

    >>> Carrier.MUNICIPAL.value
    'municipal'
    """

    JOINT = "joint"
    """A joint institution of the Federal Employment Agency and the municipality (SGB II § 44b)."""
    MUNICIPAL = "municipal"
    """An approved municipal carrier, *zugelassener kommunaler Träger* (SGB II § 6a)."""


def _locals(items: Sequence[LocalJobCentre]) -> tuple[LocalJobCentre, ...]:
    return as_tuple(items)


@attrs.frozen(kw_only=True)
class LocalJobCentre:
    """
    A local job centre (*Standort*): its *id*, *name* and *weight*, its relative size
    within its job centre.

    >>> LocalJobCentre(id="jc-001-02", name="Bocholt", weight=715).name
    'Bocholt'
    """

    id: str = attrs.field(validator=non_empty)
    name: str = attrs.field(validator=non_empty)
    weight: int = attrs.field(validator=whole_number(minimum=1))


@attrs.frozen(kw_only=True)
class JobCentre:
    """
    A job centre: its *id* and *name*, who runs it (*carrier*), its *size* (refugee
    households at the 2022 scale, used as a weight) and its local job centres.

    >>> centre = job_centre("jc-001")
    >>> centre.carrier, centre.size, centre.local_job_centres[1].name
    (<Carrier.MUNICIPAL: 'municipal'>, 800, 'Bocholt')
    """

    id: str = attrs.field(validator=non_empty)
    name: str = attrs.field(validator=non_empty)
    carrier: Carrier = attrs.field(validator=instance_of(Carrier))
    size: int = attrs.field(validator=whole_number(minimum=1))
    local_job_centres: tuple[LocalJobCentre, ...] = attrs.field(
        converter=_locals, validator=items_of(LocalJobCentre)
    )

    @property
    def number(self) -> int:
        """The job centre's position in :data:`JOB_CENTRES`, from 1."""
        return int(self.id.removeprefix("jc-"))


def apportion(total: int, weights: Sequence[int]) -> tuple[int, ...]:
    """
    *total* shared in proportion to *weights* by the largest-remainder method: the shares
    add up to *total*, each is its exact quota rounded down or up, and ties go to the
    earlier weight. Deterministic and independent of anything but its arguments.

    >>> apportion(10, [5, 3, 2])
    (5, 3, 2)
    >>> apportion(4, [1, 1, 1])
    (2, 1, 1)
    >>> sum(apportion(1_000_003, [7, 11, 13]))
    1000003
    """
    if total < 0:
        raise ValueError(f"'total' must be >= 0 (got {total})")
    whole = sum(weights)
    if whole <= 0:
        raise ValueError("'weights' must add up to more than 0")
    shares = [total * w // whole for w in weights]
    left = total - sum(shares)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in by_remainder[:left]:
        shares[i] += 1
    return tuple(shares)


# --- the table ------------------------------------------------------------------------------

_BORKEN_TOWNS: tuple[tuple[str, int], ...] = (
    ("Ahaus", 399),
    ("Bocholt", 715),
    ("Borken", 429),
    ("Gescher", 173),
    ("Gronau (Westf.)", 496),
    ("Heek", 88),
    ("Heiden", 83),
    ("Isselburg", 110),
    ("Legden", 75),
    ("Raesfeld", 116),
    ("Reken", 150),
    ("Rhede", 196),
    ("Schöppingen", 82),
    ("Stadtlohn", 207),
    ("Südlohn", 95),
    ("Velen", 133),
    ("Vreden", 232),
)
"""Kreis Borken's 17 towns and municipalities with their population in hundreds (about
2022, rounded): the weights of their local job centres."""

_BORKEN_FAMILIES = 800
"""Refugee families in the Kreis Borken in June 2022 (the seed)."""

_NATIONAL_HOUSEHOLDS = 250_000
"""Households of Ukrainians receiving SGB II benefits, about 2023-2025 (≈ 673,000 persons)."""

_JOB_CENTRES = 406
_MUNICIPAL = 104
"""Job centres run by an approved municipal carrier (SGB II § 6a); Kreis Borken is one."""

_HOUSEHOLDS_PER_LOCAL = 500
"""A synthetic job centre has one local job centre per about this many households."""


def _synthetic_sizes() -> tuple[int, ...]:
    """The 405 other job centres' sizes: log-normal (σ = 0.9), shared out so that all
    406 add up to :data:`_NATIONAL_HOUSEHOLDS`; drawn from a fixed private seed."""
    rng = random.Random("jobcenter_core/job-centres")
    raw = [round(rng.lognormvariate(0.0, 0.9) * 10**6) for _ in range(_JOB_CENTRES - 1)]
    return apportion(_NATIONAL_HOUSEHOLDS - _BORKEN_FAMILIES, raw)


def _table() -> tuple[JobCentre, ...]:
    borken = JobCentre(
        id="jc-001",
        name="Jobcenter Kreis Borken",
        carrier=Carrier.MUNICIPAL,
        size=_BORKEN_FAMILIES,
        local_job_centres=tuple(
            LocalJobCentre(id=f"jc-001-{i:02d}", name=name, weight=weight)
            for i, (name, weight) in enumerate(_BORKEN_TOWNS, start=1)
        ),
    )
    rng = random.Random("jobcenter_core/job-centre-carriers")
    municipal = set(rng.sample(range(2, _JOB_CENTRES + 1), _MUNICIPAL - 1))
    centres = [borken]
    for number, size in enumerate(_synthetic_sizes(), start=2):
        name = f"Jobcenter {number:03d}"
        count = max(1, round(size / _HOUSEHOLDS_PER_LOCAL))
        centres.append(
            JobCentre(
                id=f"jc-{number:03d}",
                name=name,
                carrier=Carrier.MUNICIPAL if number in municipal else Carrier.JOINT,
                size=size,
                local_job_centres=tuple(
                    LocalJobCentre(
                        id=f"jc-{number:03d}-{i:02d}",
                        name=name if count == 1 else f"{name}, Standort {i}",
                        weight=1,
                    )
                    for i in range(1, count + 1)
                ),
            )
        )
    return tuple(centres)


JOB_CENTRES: tuple[JobCentre, ...] = _table()
"""The 406 job centres, ``jc-001`` (Kreis Borken) to ``jc-406``."""

KREIS_BORKEN: JobCentre = JOB_CENTRES[0]
"""The Jobcenter Kreis Borken with its 17 local job centres (Bocholt among them)."""

_BY_ID = {c.id: c for c in JOB_CENTRES}


def job_centre(job_centre_id: str) -> JobCentre:
    """
    The job centre of :data:`JOB_CENTRES` with *job_centre_id*;
    :class:`~jobcenter_core.errors.UnknownId` (a ``KeyError``) if none.

    >>> job_centre("jc-001").name
    'Jobcenter Kreis Borken'
    """
    found = _BY_ID.get(job_centre_id)
    if found is None:
        raise UnknownId("job centre id")
    return found


def households_by_job_centre(
    households: int, job_centres: Sequence[JobCentre] = JOB_CENTRES
) -> tuple[int, ...]:
    """
    How many of *households* households each job centre of *job_centres* has, in
    proportion to their sizes (:func:`apportion`). At 250,000 households, the national
    scale of 2022-2025, Kreis Borken has its 800 families.

    >>> counts = households_by_job_centre(1_000_000)
    >>> sum(counts), counts[0], max(counts) > 100 * min(counts)
    (1000000, 3200, True)
    """
    return apportion(households, [c.size for c in job_centres])
