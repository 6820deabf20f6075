"""The country's job centres as data: 406 of them, Kreis Borken named (scenarios.job_centres)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobcenter_core.scenarios import (
    JOB_CENTRES,
    KREIS_BORKEN,
    Carrier,
    households_by_job_centre,
    job_centre,
)
from jobcenter_core.scenarios.job_centres import apportion


def test_there_are_406_job_centres_104_of_them_municipal() -> None:
    """About 406 job centres, about 104 run by an approved municipal carrier (SGB II § 6a)."""

    carriers = [c.carrier for c in JOB_CENTRES]

    assert 406 == len(JOB_CENTRES)
    assert 104 == carriers.count(Carrier.MUNICIPAL)
    assert 302 == carriers.count(Carrier.JOINT)


def test_kreis_borken_has_a_local_job_centre_in_each_of_its_17_towns() -> None:
    """The seed's job centre: municipal, 17 local job centres, Bocholt among them."""

    names = [local.name for local in KREIS_BORKEN.local_job_centres]

    assert Carrier.MUNICIPAL is KREIS_BORKEN.carrier
    assert 17 == len(names)
    assert "Bocholt" in names
    assert KREIS_BORKEN is job_centre("jc-001")


def test_at_the_national_scale_kreis_borken_has_its_800_families() -> None:
    """At 250,000 households (the Ukrainians in SGB II) Kreis Borken has the seed's 800."""

    counts = households_by_job_centre(250_000)

    assert 250_000 == sum(counts)
    assert 800 == counts[0]


def test_job_centres_differ_in_size_more_than_a_hundredfold() -> None:
    """Sizes are realistic: the largest job centre is over a hundred times the smallest."""

    sizes = [c.size for c in JOB_CENTRES]

    assert max(sizes) > 100 * min(sizes)


def test_job_centre_ids_are_unique_and_local_ids_name_their_job_centre() -> None:
    """Every id is unique; a local job centre's id starts with its job centre's id."""

    ids = [c.id for c in JOB_CENTRES]
    local_ids = [local.id for c in JOB_CENTRES for local in c.local_job_centres]

    assert len(ids) == len(set(ids))
    assert len(local_ids) == len(set(local_ids))
    assert all(
        local.id.startswith(c.id + "-") for c in JOB_CENTRES for local in c.local_job_centres
    )


def test_an_unknown_job_centre_is_a_key_error() -> None:
    """Asking for a job centre that does not exist raises KeyError."""

    with pytest.raises(KeyError):
        job_centre("jc-999")


@given(
    total=st.integers(min_value=0, max_value=10**7),
    weights=st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=30),
)
def test_apportion_shares_everything_each_by_its_quota_rounded(
    total: int, weights: list[int]
) -> None:
    """Largest remainder: the shares add up, and each is its exact quota rounded down or up."""

    shares = apportion(total, weights)

    assert total == sum(shares)
    whole = sum(weights)
    for share, weight in zip(shares, weights, strict=True):
        assert total * weight // whole <= share <= -(-total * weight // whole)


def test_apportion_refuses_a_negative_total() -> None:
    """A negative number of households cannot be shared."""

    with pytest.raises(ValueError, match="'total'"):
        apportion(-1, [1, 2])
