"""
Generate the figures of the documentation.

Run at build time by ``docs/conf.py``; ``uv run python docs/figures/make_figures.py`` does
the same by hand. The figures come from seeded synthetic data, so every build draws the
same picture. Plotting libraries belong to the ``docs`` dependency group only.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import attrs
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pendulum

from jobcenter_core import DEFAULT_POLICY, synthetic_scenario
from jobcenter_core.enrolment import ANYONE, Allocation, Registration, allocate
from jobcenter_core.offers import GroupOffer

HERE = Path(__file__).resolve().parent
ON = pendulum.date(2022, 6, 21)
SEED = 2022
HOUSEHOLDS = 2500


def _offer_and_registrations() -> tuple[GroupOffer, list[Registration]]:
    """The synthetic offer (one 20-seat session per site) and its registrations, each
    preferring one site; a few sites are in demand, as between real job-centre sites."""
    scenario = synthetic_scenario(households=HOUSEHOLDS, seed=SEED, on=ON)
    sessions = scenario.offer.sessions
    rng = random.Random(SEED)
    weights = [1 / (i + 1) ** 0.8 for i in range(len(sessions))]
    registrations = [
        attrs.evolve(r, preferences=(rng.choices(sessions, weights=weights)[0].id,))
        for r in scenario.registrations
    ]
    return scenario.offer, registrations


def _by_site(result: Allocation, offer: GroupOffer) -> dict[str, tuple[int, int, int]]:
    """(seats, placed, waiting) per site; a site's added sessions count with it."""
    rows: dict[str, list[int]] = {}
    for s in offer.sessions:
        row = rows.setdefault(s.id.split("+")[0], [0, 0, 0])
        row[0] += s.capacity
        row[1] += len(result.placed_in(s.id))
    for r in result.waitlist:
        rows[r.preferences[0]][2] += 1
    return {site: (row[0], row[1], row[2]) for site, row in rows.items()}


def _add_sessions(
    offer: GroupOffer, rows: dict[str, tuple[int, int, int]], registrations: list[Registration]
) -> tuple[GroupOffer, list[Registration]]:
    """Add ceil(waiting / capacity) weekly sessions at each site where at least a group
    waits (the demand signal, per site); the people waiting there take them next."""
    minimum = DEFAULT_POLICY.min_group_size.at(ON)
    sessions = list(offer.sessions)
    added_at: dict[str, tuple[str, ...]] = {}
    for session in offer.sessions:
        waiting = rows[session.id][2]
        if waiting < minimum:
            continue
        added = [
            attrs.evolve(
                session,
                id=f"{session.id}+{k}",
                start=session.start.add(weeks=k),
                end=session.end.add(weeks=k),
            )
            for k in range(1, math.ceil(waiting / session.capacity) + 1)
        ]
        sessions.extend(added)
        added_at[session.id] = tuple(a.id for a in added)
    moved = [
        attrs.evolve(r, preferences=(*r.preferences, *added_at.get(r.preferences[0], ())))
        for r in registrations
    ]
    return attrs.evolve(offer, sessions=tuple(sessions)), moved


def fill_and_waitlist(path: Path) -> None:
    """Seats, placements and waitlist per site of a synthetic caseload, before and after
    adding sessions where a group waits."""
    offer, registrations = _offer_and_registrations()
    before = allocate(offer, registrations, caseworkers=ANYONE)
    rows = _by_site(before, offer)
    grown, moved = _add_sessions(offer, rows, registrations)
    after = allocate(grown, moved, caseworkers=ANYONE)
    rows_after = _by_site(after, grown)

    sites = list(rows)
    x = list(range(len(sites)))
    fig, axes = plt.subplots(2, 1, figsize=(9, 6.5), sharex=True, sharey=True)
    panels = (
        (rows, f"Before: {len(offer.sessions)} sessions, {len(before.waitlist)} waiting"),
        (
            rows_after,
            f"After adding {len(grown.sessions) - len(offer.sessions)} sessions where a group "
            f"waited: {len(after.waitlist)} waiting",
        ),
    )
    for ax, (data, title) in zip(axes, panels, strict=True):
        seats = [data[s][0] for s in sites]
        ax.bar(x, seats, color="#e8e8e8", label="seats")
        ax.bar(x, [data[s][1] for s in sites], color="#4c72b0", label="placed")
        ax.bar(x, [data[s][2] for s in sites], bottom=seats, color="#dd8452", label="waiting")
        ax.set_ylabel("persons")
        ax.set_title(title)
    first_capacity = offer.sessions[0].capacity
    axes[0].axhline(
        first_capacity + DEFAULT_POLICY.min_group_size.at(ON),
        color="#c44e52",
        lw=0.8,
        ls="--",
        label="a group waits (AZAV § 3 Abs. 3)",
    )
    for ax in axes:
        ax.legend(loc="upper right", fontsize=8, frameon=False)
    axes[1].set_xticks(x, [str(i + 1) for i in x], fontsize=7)
    axes[1].set_xlabel(
        f"site (one {first_capacity}-seat session each; synthetic caseload of "
        f"{HOUSEHOLDS:,} households, seed {SEED})"
    )
    fig.tight_layout()
    fig.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(fig)


def main() -> None:
    """Write every figure next to this script."""
    fill_and_waitlist(HERE / "fill-and-waitlist.png")


if __name__ == "__main__":
    main()
