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

__all__ = ["policy_dates", "policy_numbers"]


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
