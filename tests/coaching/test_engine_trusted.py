"""
The trusted referral maker (``jobcenter_core.coaching._trusted``, behind
:func:`~jobcenter_core.coaching.refer` and
:func:`~jobcenter_core.coaching.replay_referral`) against the public constructor: the
referral a ``Referred`` event makes is the one ``CoachingReferral(...)`` makes, field by
field, for any event.
"""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import examples

from jobcenter_core.coaching import CoachingReferral, Referred, replay_referral
from jobcenter_core.coaching._trusted import referral_from
from jobcenter_core.decisions import sgb2, sgb3
from jobcenter_core.needs import NeedCategory

_IDS = st.text(alphabet="abcxyz-019 ", min_size=1, max_size=8).filter(str.strip)
_INSTANTS = st.integers(min_value=0, max_value=3 * 366 * 24 * 60).map(
    lambda m: pendulum.datetime(2022, 1, 1, tz="Europe/Berlin").add(minutes=m)
)
_EVENTS = st.builds(
    Referred,
    referral_id=_IDS,
    at=_INSTANTS,
    person_id=_IDS,
    programme_id=_IDS,
    referred_by=_IDS,
    reasons=st.one_of(
        st.sets(st.sampled_from(NeedCategory), min_size=1),
        st.lists(st.sampled_from(NeedCategory), min_size=1),
    ),
    language=st.sampled_from(["uk", "ru", "de", "ar"]),
    limited_mobility=st.booleans(),
    legal_basis=st.lists(
        st.sampled_from([sgb2("16", "1"), sgb3("45", "1"), sgb2("16k")]), min_size=1, max_size=3
    ),
)


def _by_the_constructor(event: Referred) -> CoachingReferral:
    return CoachingReferral(
        id=event.referral_id,
        person_id=event.person_id,
        programme_id=event.programme_id,
        referred_by=event.referred_by,
        referred_at=event.at,
        reasons=event.reasons,
        language=event.language,
        limited_mobility=event.limited_mobility,
        legal_basis=event.legal_basis,
        history=(event,),
    )


def _check(event: Referred) -> None:
    made = referral_from(event)
    expected = _by_the_constructor(event)

    assert type(made) is CoachingReferral
    assert made == expected
    for field in attrs.fields(CoachingReferral):
        mine, theirs = getattr(made, field.name), getattr(expected, field.name)
        assert type(mine) is type(theirs), field.name
        assert mine == theirs, field.name
    assert hash(made) == hash(expected)
    assert replay_referral([event]) == expected


@settings(max_examples=examples(300))
@given(_EVENTS)
def test_the_trusted_referral_is_the_one_the_constructor_makes(event: Referred) -> None:
    """Every field equal, of the same type; replay makes it too."""
    _check(event)


@pytest.mark.slow
@settings(max_examples=examples(10_000))
@given(_EVENTS)
def test_the_trusted_referral_is_the_one_the_constructor_makes_long_run(event: Referred) -> None:
    """As above, with 10,000 events."""
    _check(event)
