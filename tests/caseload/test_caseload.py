"""The caseload picture: the Caseload value, its summary and pseudonymised records."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given

from jobcenter_core.caseload import (
    AgeBand,
    Caseload,
    ChildAgeBand,
    Tally,
    need_records,
    summarize,
    to_records,
)
from jobcenter_core.errors import InvalidInput
from jobcenter_core.households import ChildCare, Household, Member, Relationship, RelationshipKind
from jobcenter_core.needs import (
    Evidence,
    EvidenceKind,
    Need,
    NeedCategory,
    NeedsProfile,
    NeedStatus,
    Urgency,
)
from jobcenter_core.people import Person, ResidenceDocument, ResidenceStatus, Sex
from jobcenter_core.scenarios import synthetic_households
from jobcenter_core.strategies import caseloads

JUNE_21 = pendulum.date(2022, 6, 21)
CONSULTATION = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")
PERMIT = ResidenceStatus(document=ResidenceDocument.TEMPORARY_PROTECTION_PERMIT)


def person(pid: str, born: pendulum.Date, sex: Sex = Sex.FEMALE) -> Person:
    return Person(id=pid, birth_date=born, sex=sex, residence=PERMIT, name="Iryna")


def family(hid: str, *, children: tuple[tuple[pendulum.Date, ChildCare | None], ...]) -> Household:
    mother = person(f"{hid}-m", pendulum.date(1990, 4, 1))
    kids = [
        Member(person=person(f"{hid}-c{i}", born, Sex.MALE), child_care=care)
        for i, (born, care) in enumerate(children)
    ]
    return Household(
        id=hid,
        members=(Member(person=mother, primary_carer=True), *kids),
        relationships=tuple(
            Relationship(person=k.id, kind=RelationshipKind.CHILD, of=mother.id) for k in kids
        ),
    )


def need(subject: str, category: NeedCategory, urgency: Urgency = Urgency.NORMAL) -> Need:
    return Need(
        subject=subject,
        category=category,
        urgency=urgency,
        identified_on=pendulum.date(2022, 5, 30),
        identified_by=CONSULTATION,
    )


def test_someone_turning_25_on_the_reference_day_counts_as_25() -> None:
    """Completed years per BGB: on the 25th birthday the person is in the 25–50 band."""
    h = Household(id="h-1", members=(Member(person=person("p", pendulum.date(1997, 6, 21))),))

    summary = summarize(Caseload(households=[h]), on=JUNE_21)

    assert 1 == summary.persons_by_sex_and_age[(Sex.FEMALE, AgeBand.FROM_25_TO_50)]


def test_summary_counts_households_persons_and_employable_persons() -> None:
    """Two mothers and three children: 2 households, 5 persons, 2 employable women 25–50."""
    caseload = Caseload(
        households=[
            family("h-1", children=((pendulum.date(2021, 1, 5), ChildCare.NONE),)),
            family(
                "h-2",
                children=(
                    (pendulum.date(2018, 2, 1), ChildCare.KITA),
                    (pendulum.date(2012, 9, 1), None),
                ),
            ),
        ]
    )

    s = summarize(caseload, on=JUNE_21)

    assert (2, 5, 2, 2) == (
        s.households,
        s.persons,
        s.employable,
        s.employable_by_sex_and_age[(Sex.FEMALE, AgeBand.FROM_25_TO_50)],
    )


def test_children_are_counted_by_age_band_and_care() -> None:
    """Children by band and care; care not recorded counts under None."""
    caseload = Caseload(
        households=[
            family(
                "h-1",
                children=(
                    (pendulum.date(2021, 1, 5), ChildCare.NONE),
                    (pendulum.date(2018, 2, 1), ChildCare.KITA),
                    (pendulum.date(2012, 9, 1), None),
                ),
            )
        ]
    )

    s = summarize(caseload, on=JUNE_21)

    assert (
        (ChildAgeBand.UNDER_3, ChildCare.NONE),
        (ChildAgeBand.FROM_3_TO_5, ChildCare.KITA),
        (ChildAgeBand.FROM_6_TO_13, None),
    ) == tuple(k for k, _ in s.children_by_age_and_care)


def test_needs_are_counted_by_category_with_open_blocking_needs() -> None:
    """Unmet needs by category; blocking ones (childcare, acute psychosocial) apart."""
    h = family("h-1", children=((pendulum.date(2021, 1, 5), ChildCare.NONE),))
    profile = NeedsProfile(
        household_id="h-1",
        needs=[
            need("h-1-m", NeedCategory.CHILDCARE),
            need("h-1-m", NeedCategory.GERMAN_LANGUAGE),
            need("h-1-m", NeedCategory.PSYCHOSOCIAL_SUPPORT, Urgency.ACUTE),
            need("h-1", NeedCategory.HOUSING).observe(
                on=JUNE_21, by=CONSULTATION, status=NeedStatus.MET
            ),
        ],
    )

    s = summarize(Caseload(households=[h], profiles=[profile]), on=JUNE_21)

    assert (3, 0, 2) == (
        s.needs_by_category.total,
        s.needs_by_category[NeedCategory.HOUSING],
        s.open_blocking_needs,
    )


def test_140_families_and_their_employable_women_aged_25_to_50_are_counted_from_data() -> None:
    """140 synthetic families: households, employable persons, women 25–50 among them."""
    caseload = Caseload(households=synthetic_households(households=140, seed=2022, on=JUNE_21))

    s = summarize(caseload, on=JUNE_21)
    women_25_50 = s.employable_by_sex_and_age[(Sex.FEMALE, AgeBand.FROM_25_TO_50)]

    assert 140 == s.households
    assert s.employable == s.employable_by_sex_and_age.total
    assert women_25_50 == max(count for _, count in s.employable_by_sex_and_age)


def test_caseload_refuses_duplicate_households_and_stray_profiles() -> None:
    """All structural problems are reported at once, with paths."""
    h = family("h-1", children=())

    with pytest.raises(InvalidInput) as caught:
        Caseload(households=[h, h], profiles=[NeedsProfile(household_id="h-9")])

    assert ["$.households[1].id", "$.profiles[0].household_id"] == [
        p.path for p in caught.value.problems
    ]


def test_caseload_repr_shows_counts_only() -> None:
    """No ids, names or needs in the caseload's repr."""
    caseload = Caseload(households=[family("h-1", children=())])

    assert "Caseload(households=1, persons=1, profiles=0)" == repr(caseload)


def test_tally_counts_missing_keys_as_zero() -> None:
    """A tally answers 0 for a key it never saw."""
    assert 0 == Tally(items=[(Sex.MALE, 1)])[Sex.FEMALE]


# --- pseudonymised records -----------------------------------------------------------------


def records_caseload() -> Caseload:
    h = family("h-1", children=((pendulum.date(2021, 1, 5), ChildCare.NONE),))
    profile = NeedsProfile(
        household_id="h-1",
        needs=[
            need("h-1-m", NeedCategory.GERMAN_LANGUAGE),
            need("h-1-m", NeedCategory.PSYCHOSOCIAL_SUPPORT, Urgency.ACUTE),
        ],
    )
    return Caseload(households=[h], profiles=[profile])


def test_records_are_pseudonymised_by_default() -> None:
    """No names, no birth dates, no special-category columns or counts unless asked."""
    rows = to_records(records_caseload(), on=JUNE_21)

    text = repr(rows)
    assert "Iryna" not in text and "1990" not in text and "psychosocial" not in text
    assert (1, 0) == (rows[0]["unmet_needs"], rows[0]["blocking_needs"])


def test_special_category_needs_appear_only_when_asked_for() -> None:
    """include_special_categories adds the Art. 9 columns and counts them."""
    rows = to_records(records_caseload(), on=JUNE_21, include_special_categories=True)

    assert (True, 2, 1) == (
        rows[0]["need_psychosocial_support"],
        rows[0]["unmet_needs"],
        rows[0]["blocking_needs"],
    )


def test_need_records_leave_out_special_categories_by_default() -> None:
    """One row per need; special-category needs only when asked for."""
    default = need_records(records_caseload())
    full = need_records(records_caseload(), include_special_categories=True)

    assert (["german_language"], 2) == ([r["category"] for r in default], len(full))


@given(caseloads())
def test_records_have_the_same_plain_columns_in_every_row(caseload: Caseload) -> None:
    """Property: one row per person, equal column lists, values of plain types only."""
    rows = to_records(caseload, on=JUNE_21)

    assert caseload.person_count == len(rows)
    assert len({tuple(r) for r in rows}) <= 1
    for row in rows:
        for value in row.values():
            assert type(value) in (str, int, float, bool, pendulum.Date)


@given(caseloads())
def test_every_person_is_counted_once_and_the_employable_among_them(caseload: Caseload) -> None:
    """Property: every person is in one sex/age cell; employable persons are a subset."""
    s = summarize(caseload, on=JUNE_21)

    assert s.persons == s.persons_by_sex_and_age.total == caseload.person_count
    assert s.employable == s.employable_by_sex_and_age.total <= s.persons
    assert s.open_blocking_needs <= s.needs_by_category.total
