"""Group offers, sessions and target-group rules as values (offers.py)."""

from __future__ import annotations

import pendulum
import pytest

from jobcenter_core.dates import at_berlin
from jobcenter_core.languages import CefrLevel
from jobcenter_core.needs import NeedCategory
from jobcenter_core.offers import (
    AllOf,
    Employable,
    Everyone,
    GroupOffer,
    HasChildrenNeedingCare,
    LanguageAtLeast,
    Not,
    Session,
    Venue,
    WantsWorkAtShortNotice,
    all_of,
    any_of,
    not_,
)

YUPIDU = Venue(name="Zentrale Unterkunft (ehem. Yupidu)", address="Bocholt")


def session(session_id: str = "s-0621", *, day: int = 21, capacity: int = 20) -> Session:
    return Session(
        id=session_id,
        start=at_berlin(2022, 6, day, 9),
        end=at_berlin(2022, 6, day, 12),
        venue=YUPIDU,
        capacity=capacity,
    )


def test_session_needs_at_least_one_seat() -> None:
    """A session with no seats is refused, naming the field and the value."""

    with pytest.raises(ValueError, match="'capacity' must be >= 1") as error:
        session(capacity=0)

    assert "'capacity' must be >= 1 (got 0)" == str(error.value)


def test_session_must_end_after_it_starts() -> None:
    """A session ending at its start is refused."""

    start = at_berlin(2022, 6, 21, 9)

    with pytest.raises(ValueError, match="'end' must be after 'start'"):
        Session(id="s", start=start, end=start, venue=YUPIDU, capacity=1)


def test_session_instants_are_kept_in_berlin_time() -> None:
    """A session given in UTC is the same instant rendered in Europe/Berlin."""

    utc = pendulum.datetime(2022, 6, 21, 7, tz="UTC")

    s = Session(id="s", start=utc, end=utc.add(hours=3), venue=YUPIDU, capacity=1)

    assert "2022-06-21T09:00:00+02:00" == s.start.isoformat()
    assert utc == s.start


def test_naive_session_start_is_refused() -> None:
    """A naive datetime has no zone, so the session refuses to guess one."""

    naive = pendulum.naive(2022, 6, 21, 9)

    with pytest.raises(ValueError, match="naive datetime"):
        Session(id="s", start=naive, end=naive.add(hours=1), venue=YUPIDU, capacity=1)


def test_venue_needs_an_address_unless_online() -> None:
    """A venue is an address such as the central accommodation, or online."""

    online = Venue(name="Videokonferenz", online=True)

    assert online.address is None
    with pytest.raises(ValueError, match="'address' must be given"):
        Venue(name="Werkakademie")


def test_offer_session_ids_must_be_unique() -> None:
    """Two sessions of one offer cannot share an id."""

    twice = (session("s-1"), session("s-1", day=30))

    with pytest.raises(ValueError, match="'sessions' lists a session id twice"):
        GroupOffer(id="lad", title="Leben und Arbeiten in Deutschland", sessions=twice)


def test_second_date_is_added_to_the_offer() -> None:
    """The 30 June 2022 session joins the offer after the 21 June one."""
    offer = GroupOffer(id="lad", title="Leben und Arbeiten in Deutschland", sessions=(session(),))

    extended = offer.with_session(session("s-0630", day=30))

    assert ("s-0621", "s-0630") == extended.session_ids
    assert ("s-0621",) == offer.session_ids


def test_offer_says_which_needs_it_addresses_and_for_whom() -> None:
    """An offer lists need categories and a target-group rule; the default is everyone."""

    offer = GroupOffer(
        id="bt",
        title="Bewerbungstraining",
        addresses=[NeedCategory.APPLICATION_SUPPORT, NeedCategory.EMPLOYMENT],
        target_group=all_of(Employable(), WantsWorkAtShortNotice()),
    )

    assert frozenset({NeedCategory.APPLICATION_SUPPORT, NeedCategory.EMPLOYMENT}) == offer.addresses
    assert AllOf(rules=(Employable(), WantsWorkAtShortNotice())) == offer.target_group
    assert Everyone() == GroupOffer(id="x", title="x").target_group


def test_target_group_rules_are_hashable_values() -> None:
    """Rules are frozen data: equal rules are equal and hash alike, so offers stay hashable."""

    a = any_of(LanguageAtLeast(language="de", level=CefrLevel.B1), not_(HasChildrenNeedingCare()))
    b = any_of(
        LanguageAtLeast(language="de", level=CefrLevel.B1), Not(rule=HasChildrenNeedingCare())
    )

    assert a == b
    assert 1 == len({a, b})
    assert hash(GroupOffer(id="x", title="x", target_group=a)) == hash(
        GroupOffer(id="x", title="x", target_group=b)
    )


def test_language_rule_needs_an_iso_code() -> None:
    """A language rule names the language by its ISO 639 code."""

    with pytest.raises(ValueError, match="'language' must be an ISO 639 code"):
        LanguageAtLeast(language="German", level=CefrLevel.B1)
