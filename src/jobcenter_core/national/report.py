"""
A national run as a short report: :func:`national_report` gives plain JSON-ready values,
:func:`render_national` a text of about thirty lines whatever the size of the run.
:func:`caseload_section` is the caseload part, shared with the Bocholt walk-through of
``python -m jobcenter_core``.

Special-category needs (Art. 9 GDPR) appear only as one total, never by category.

>>> import pendulum
>>> from jobcenter_core.national import run
>>> report = national_report(run(households=500, seed=1, on=pendulum.date(2022, 6, 21)))
>>> report["caseload"]["households"], report["scenario"]
(500, 'synthetic (seed 1, 500 households)')
>>> print(render_national(report).splitlines()[0])
jobcenter_core walk-through: synthetic (seed 1, 500 households) (as of 2022-06-21)
"""

from __future__ import annotations

from typing import Any

from jobcenter_core.caseload import AgeBand, CaseloadSummary
from jobcenter_core.national.outcome import CoachingOutcome, OfferOutcome, RunOutcome
from jobcenter_core.national.run import NationalRun
from jobcenter_core.people import Sex
from jobcenter_core.scenarios import KREIS_BORKEN

__all__ = [
    "Report",
    "caseload_lines",
    "caseload_section",
    "coaching_section",
    "national_report",
    "needs_lines",
    "render_national",
]

Report = dict[str, Any]
"""A report: section name to plain values (str, int, float, lists and dicts of them)."""


def caseload_section(summary: CaseloadSummary) -> Report:
    """
    The caseload's numbers as plain values: households, persons, the employable by sex
    and age band, children and those without a care place, and the open needs by
    category (special categories only as one total).

    >>> import pendulum
    >>> from jobcenter_core.caseload import summarize
    >>> from jobcenter_core.scenarios import bocholt_june_2022
    >>> section = caseload_section(summarize(bocholt_june_2022().caseload, on=pendulum.date(2022, 6, 21)))
    >>> section["households"], section["employable"], "psychosocial_support" in section["needs_by_category"]
    (140, 180, False)

    References:
        Art. 9 GDPR; SGB II § 8.
    """
    by_sex_age = summary.employable_by_sex_and_age
    women_25_50 = by_sex_age[(Sex.FEMALE, AgeBand.FROM_25_TO_50)]
    children_without_care = sum(
        count
        for (_, care), count in summary.children_by_age_and_care
        if care is None or not care.is_secured
    )
    return {
        "on": str(summary.on),
        "households": summary.households,
        "persons": summary.persons,
        "employable": summary.employable,
        "employable_women_25_50": women_25_50,
        "employable_by_sex_and_age": [
            {"sex": sex.value, "age_band": band.value, "count": count}
            for (sex, band), count in by_sex_age
        ],
        "children": summary.children,
        "children_without_care_place": children_without_care,
        # Art. 9 GDPR categories only as one total, as in the exports (privacy by default)
        "needs_by_category": {
            c.value: n for c, n in summary.needs_by_category if not c.special_category
        },
        "special_category_needs": summary.needs_by_category.where(lambda c: c.special_category),
        "blocking_needs": summary.open_blocking_needs,
    }


def coaching_section(coaching: CoachingOutcome) -> Report:
    """
    The coaching's numbers as plain values: parents without childcare, their fit, the
    reasons it did not fit, and the referrals made, assigned and waiting.

    >>> coaching_section(CoachingOutcome(referred=3, assigned=1))["waiting"]
    2
    """
    return {
        "parents_without_childcare": coaching.parents_without_childcare,
        "fit": dict(coaching.fit.items),
        "unsuitable_reasons": dict(coaching.unsuitable_reasons.items),
        "referred": coaching.referred,
        "assigned": coaching.assigned,
        "waiting": coaching.waiting,
    }


def caseload_lines(caseload: Report) -> list[str]:
    """
    A :func:`caseload_section` as report lines: households, persons and the employable,
    the employable by age band and sex, and the children without a care place.

    >>> import pendulum
    >>> from jobcenter_core.caseload import summarize
    >>> from jobcenter_core.scenarios import bocholt_june_2022
    >>> lines = caseload_lines(caseload_section(summarize(bocholt_june_2022().caseload,
    ...                                                   on=pendulum.date(2022, 6, 21))))
    >>> print(lines[0]); print(lines[-1])
    Caseload
      194 children, 63 without a care place
    """
    c = caseload
    lines = [
        "Caseload",
        f"  {c['households']} households, {c['persons']} persons, "
        f"{c['employable']} employable (SGB II § 8); {c['employable_women_25_50']} of "
        "them women aged 25-50",
    ]
    by_band: dict[str, dict[str, int]] = {}
    for row in c["employable_by_sex_and_age"]:
        by_band.setdefault(row["age_band"], {})[row["sex"]] = row["count"]
    for band, counts in by_band.items():
        parts = ", ".join(f"{sex} {n}" for sex, n in counts.items())
        lines.append(f"    employable aged {band:>5}: {parts}")
    lines.append(
        f"  {c['children']} children, {c['children_without_care_place']} without a care place"
    )
    return lines


def needs_lines(caseload: Report) -> list[str]:
    """
    The open needs of a :func:`caseload_section` as report lines: the total, then three
    categories a line, most frequent first, the special categories as one total.

    >>> needs_lines({"needs_by_category": {"housing": 2, "employment": 5},
    ...              "special_category_needs": 1, "blocking_needs": 0})
    ['  needs found (8 open, 0 blocking work):', '    employment 5; housing 2; special categories (Art. 9 GDPR) 1']
    """
    needs = sorted(caseload["needs_by_category"].items(), key=lambda kv: (-kv[1], kv[0]))
    needs.append(("special categories (Art. 9 GDPR)", caseload["special_category_needs"]))
    lines = [
        f"  needs found ({sum(n for _, n in needs)} open, "
        f"{caseload['blocking_needs']} blocking work):"
    ]
    for i in range(0, len(needs), 3):
        lines.append("    " + "; ".join(f"{cat} {n}" for cat, n in needs[i : i + 3]))
    return lines


def _offer_section(title: str, offer: OfferOutcome) -> Report:
    return {
        "offer": title,
        "offers": offer.offers,
        "sessions": offer.sessions,
        "seats": offer.seats,
        "registrations": offer.registrations,
        "placed": offer.placed,
        "placed_by_choice": {str(rank): n for rank, n in offer.placed_by_choice},
        "waitlist": offer.waitlist,
        "rejected": offer.rejected,
        "rejection_reasons": dict(offer.rejection_reasons.items),
        "extra_sessions": offer.extra_sessions,
    }


def national_report(national: NationalRun) -> Report:
    """
    Every section of a national run's *total* as plain JSON-ready values: the job
    centres, the caseload, the benefit regimes, the consultations' interpreters, the two
    group offers and the coaching.

    >>> import json, pendulum
    >>> from jobcenter_core.national import run
    >>> report = national_report(run(households=100, seed=1, on=pendulum.date(2022, 6, 21)))
    >>> list(report)[:4]
    ['scenario', 'job_centres', 'caseload', 'regime_switch']
    >>> json.loads(json.dumps(report)) == report
    True
    """
    total: RunOutcome = national.total
    try:
        borken = national.job_centre(KREIS_BORKEN.id).summary.households
    except KeyError:
        borken = 0
    regimes: dict[str, dict[str, int]] = {}
    for (day, regime), count in total.regimes:
        regimes.setdefault(str(day), {})[regime.value] = count
    interpreting = total.interpreting
    coaching = total.coaching
    return {
        "scenario": f"synthetic (seed {national.seed}, {national.households} households)",
        "job_centres": {
            "job_centres": total.job_centres,
            "local_job_centres": total.local_job_centres,
            "largest": max((o.summary.households for _, o in national.by_job_centre), default=0),
            "kreis_borken": borken,
        },
        "caseload": caseload_section(total.summary),
        "regime_switch": {
            "by_day": regimes,
            "central_register_catch_up": {
                str(day): n for day, n in total.central_register_catch_up
            },
        },
        "consultations": {
            "consultations": interpreting.consultations,
            "interpreter_needed": interpreting.needing,
            "interpreter_booked": interpreting.booked,
            "interpreter_hours_used": interpreting.booked_minutes / 60,
            "unserved": interpreting.unserved,
            "unserved_reasons": dict(interpreting.unserved_reasons.items),
            "missing_hours_by_language": {
                language: minutes / 60 for language, minutes in interpreting.missing_minutes
            },
        },
        "group_offer": _offer_section("Leben und Arbeiten in Deutschland", total.offer),
        "application_training": _offer_section("Bewerbungstraining", total.training),
        "coaching": {
            "coaches": coaching.coaches,
            "coach_capacity": coaching.coach_capacity,
            **coaching_section(coaching),
        },
    }


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{key} {n}" for key, n in counts.items())


def _offer_lines(g: Report) -> list[str]:
    choices = {"1": "first", "2": "second", "3": "third", "0": "no"}
    by_choice = ", ".join(
        f"{n} {choices[rank]} choice" for rank, n in g["placed_by_choice"].items()
    )
    lines = [
        f"  {g['sessions']} sessions with {g['seats']} seats in {g['offers']} local job centres",
        f"  {g['registrations']} registrations -> {g['placed']} placed ({by_choice}), "
        f"{g['waitlist']} waiting, {g['rejected']} rejected",
    ]
    failed = {k: n for k, n in g["rejection_reasons"].items() if k.startswith(("not_", "no_"))}
    if failed:
        lines.append(f"  rejected: {_counts(failed)}")
    return lines


def render_national(report: Report) -> str:
    """
    The national report as a short text for people: the same length at any size.

    >>> import pendulum
    >>> from jobcenter_core.national import run
    >>> text = render_national(national_report(run(households=100, seed=1,
    ...                                            on=pendulum.date(2022, 6, 21))))
    >>> len(text.splitlines()) < 40, "Online coaching in Ukrainian" in text
    (True, True)
    """
    c = report["caseload"]
    j = report["job_centres"]
    # The same first line as the Bocholt walk-through's: the national run walks through
    # the same story in every job centre.
    lines = [f"jobcenter_core walk-through: {report['scenario']} (as of {c['on']})", ""]
    lines.append("Job centres (national run)")
    lines.append(
        f"  {j['job_centres']} job centres with {j['local_job_centres']} local job centres; "
        f"households: {j['largest']} in the largest, {j['kreis_borken']} in Kreis Borken"
    )
    lines.append("")
    lines.extend(caseload_lines(c))
    lines.append("")
    lines.append("Benefit regimes (SGB II § 74)")
    catch_up = report["regime_switch"]["central_register_catch_up"]
    for day, counts in report["regime_switch"]["by_day"].items():
        parts = ", ".join(f"{k.upper()} {v}" for k, v in counts.items())
        extra = f"; {catch_up[day]} through the catch-up rule" if catch_up.get(day) else ""
        lines.append(f"  {day}: {parts}{extra}")
    lines.append("")
    k = report["consultations"]
    lines.append("Consultations")
    lines.append(
        f"  {k['consultations']} individual consultations; {k['interpreter_needed']} needed an "
        f"interpreter, {k['interpreter_booked']} booked "
        f"({k['interpreter_hours_used']:g} interpreter hours)"
    )
    if k["unserved"]:
        missing = ", ".join(f"{lang} {h:g} h" for lang, h in k["missing_hours_by_language"].items())
        lines.append(
            f"  {k['unserved']} without interpreter ({_counts(k['unserved_reasons'])}); "
            f"missing: {missing}"
        )
    lines.extend(needs_lines(c))
    lines.append("")
    g = report["group_offer"]
    lines.append(f'Group offer "{g["offer"]}"')
    lines.extend(_offer_lines(g))
    lines.append(f"  demand signal: {g['extra_sessions']} extra session(s)")
    lines.append("")
    t = report["application_training"]
    lines.append(f'Application training "{t["offer"]}"')
    lines.extend(_offer_lines(t))
    lines.append("")
    co = report["coaching"]
    lines.append("Online coaching in Ukrainian")
    fit = _counts(co["fit"])
    unsuitable = f" ({', '.join(co['unsuitable_reasons'])})" if co["unsuitable_reasons"] else ""
    lines.append(
        f"  {co['parents_without_childcare']} employable parents without childcare; "
        f"fit: {fit}{unsuitable}"
    )
    lines.append(
        f"  {co['referred']} referred -> {co['assigned']} assigned to {co['coaches']} coaches "
        f"(capacity {co['coach_capacity']}), {co['waiting']} waiting"
    )
    return "\n".join(lines)
