"""The coaching programme: its coaches, languages, legal basis and target group
(coaching/programme.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jobcenter_core.coaching import (
    Coach,
    CoachingProgramme,
    CoachingTargetGroup,
    cites_section_16k,
)
from jobcenter_core.decisions import sgb2, sgb3
from jobcenter_core.offers import Employable
from jobcenter_core.rules import BenefitRegime


def test_by_default_a_programme_is_an_integration_measure_for_employable_sgb_ii_beneficiaries(
    programme: Callable[..., CoachingProgramme],
) -> None:
    """Without a legal basis given, SGB II § 16 Abs. 1 with SGB III § 45 Abs. 1 applies."""
    built = programme()

    assert (sgb2("16", "1"), sgb3("45", "1")) == built.legal_basis
    assert CoachingTargetGroup(regimes={BenefitRegime.SGB_II}, rule=Employable()) == (
        built.target_group
    )
    assert built.cites_section_16k is False


def test_a_programme_under_section_16k_says_so(
    programme: Callable[..., CoachingProgramme],
) -> None:
    """Holistic coaching cites SGB II § 16k, in whatever paragraph."""
    built = programme(legal_basis=(sgb2("16k", "1"),))

    assert built.cites_section_16k is True
    assert cites_section_16k([sgb2("16k")]) is True


def test_a_coach_takes_at_least_one_session_a_week() -> None:
    """A weekly capacity of 0 is refused, and the message shows the number."""
    with pytest.raises(ValueError, match=r"'weekly_capacity' must be >= 1 \(got 0\)"):
        Coach(id="coach-1", languages=frozenset({"uk"}), weekly_capacity=0)


def test_a_coach_coaches_in_at_least_one_language_given_as_an_iso_code() -> None:
    """No languages, or a language that is not an ISO 639 code, is refused."""
    with pytest.raises(ValueError, match="at least one language"):
        Coach(id="coach-1", languages=frozenset(), weekly_capacity=2)
    with pytest.raises(ValueError, match="ISO 639"):
        Coach(id="coach-1", languages=frozenset({"Ukrainian"}), weekly_capacity=2)


def test_coach_ids_of_a_programme_are_distinct(
    programme: Callable[..., CoachingProgramme],
) -> None:
    """Two coaches with one id are refused; the message does not repeat the id."""
    twice = (
        Coach(id="coach-1", languages=frozenset({"uk"}), weekly_capacity=2),
        Coach(id="coach-1", languages=frozenset({"ru"}), weekly_capacity=1),
    )

    with pytest.raises(ValueError, match="'coaches' lists a coach id twice"):
        programme(coaches=twice)


def test_a_programme_cites_at_least_one_legal_basis(
    programme: Callable[..., CoachingProgramme],
) -> None:
    """A measure is granted under some provision: an empty legal basis is refused."""
    with pytest.raises(ValueError, match="'legal_basis' must name at least one legal reference"):
        programme(legal_basis=())


def test_only_the_programme_languages_have_coaches(
    programme: Callable[..., CoachingProgramme],
) -> None:
    """A coach's Russian does not make Russian a language of a Ukrainian programme."""
    built = programme(
        coaches=(Coach(id="coach-1", languages=frozenset({"uk", "ru"}), weekly_capacity=2),)
    )

    assert (("coach-1",), ()) == (
        tuple(c.id for c in built.coaches_for("uk")),
        built.coaches_for("ru"),
    )
