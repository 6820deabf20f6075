"""
The landmarks of a policy: every date it names and the numbers of given parameters.

An engine that classes facts by what the rules can tell apart (``rules/_bulk.py``,
``national/_regimes.py``) places each date among the policy's dates and each number
among the parameters' values; the two read them from here. No law: only where a policy's
values lie.
"""

from __future__ import annotations

import datetime as _dt

import attrs

from jobcenter_core.parameters import Policy

__all__ = ["below_every_upper_age_limit", "policy_dates", "policy_numbers"]


def _walk(value: object, found: set[_dt.date], depth: int = 0) -> None:
    """Every date inside *value* (attrs values and tuples of them), as a plain date."""
    if depth > 8 or value is None:
        return
    if isinstance(value, _dt.date):
        found.add(_dt.date.fromordinal(value.toordinal()))
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]
            _walk(getattr(value, field.name), found, depth + 1)
    elif isinstance(value, tuple | list | frozenset):
        for item in value:
            _walk(item, found, depth + 1)


def policy_dates(policy: Policy, *also: _dt.date) -> list[_dt.date]:
    """
    Every date *policy* names (the starts of its periods and the dates inside its
    values), and *also*, as plain dates in order.

    >>> import datetime
    >>> from jobcenter_core.parameters import DEFAULT_POLICY
    >>> datetime.date(2022, 6, 1) in policy_dates(DEFAULT_POLICY)
    True
    """
    found: set[_dt.date] = set()
    for dated in policy.parameters().values():
        _walk(dated, found)
    return sorted(found | {_dt.date.fromordinal(d.toordinal()) for d in also})


def policy_numbers(policy: Policy, names: tuple[str, ...], *also: float) -> list[float]:
    """
    Every number the parameters *names* of *policy* take in any period, and *also*, in
    order.

    >>> from jobcenter_core.parameters import DEFAULT_POLICY
    >>> policy_numbers(DEFAULT_POLICY, ("lower_age_limit", "identity_registration_min_age"), 18)
    [14, 15, 18]
    """
    dated = policy.parameters()
    found = {p.value for name in names for p in dated[name].periods}
    numbers = {n for n in found if isinstance(n, int | float) and not isinstance(n, bool)}
    return sorted(numbers | set(also))


def below_every_upper_age_limit(policy: Policy) -> int:
    """
    The fewest completed years of any upper age limit in *policy*'s tables, less one:
    nobody with at most these completed years is past
    :func:`~jobcenter_core.rules.working_age_end`, the end of the month in which an age of
    at least those years is completed.

    >>> from jobcenter_core.parameters import DEFAULT_POLICY
    >>> below_every_upper_age_limit(DEFAULT_POLICY)
    64
    """
    return (
        min(
            limit.years
            for period in policy.upper_age_limit.periods
            for limit in (
                period.value.before,
                period.value.after,
                *(row for _, row in period.value.by_birth_year),
            )
        )
        - 1
    )
