"""Needs: categories, merging evidence, prioritisation and readiness for work."""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given

from jobcenter_core.needs import (
    Blocking,
    Evidence,
    EvidenceKind,
    Finding,
    Need,
    NeedCategory,
    NeedsProfile,
    NeedStatus,
    Observation,
    Urgency,
)
from jobcenter_core.strategies import needs, needs_profiles

MAY_30 = pendulum.date(2022, 5, 30)
JUNE_21 = pendulum.date(2022, 6, 21)
JULY_4 = pendulum.date(2022, 7, 4)
CONSULTATION = Evidence(kind=EvidenceKind.CONSULTATION, id="c-1")
GROUP_EVENT = Evidence(kind=EvidenceKind.GROUP_EVENT, id="g-1")
COACHING = Evidence(kind=EvidenceKind.COACHING, id="r-1")


def need(
    category: NeedCategory,
    *,
    subject: str = "p-1",
    urgency: Urgency = Urgency.NORMAL,
    status: NeedStatus = NeedStatus.OPEN,
    on: pendulum.Date = MAY_30,
    by: Evidence = CONSULTATION,
) -> Need:
    return Need(
        subject=subject,
        category=category,
        urgency=urgency,
        status=status,
        identified_on=on,
        identified_by=by,
    )


# --- categories -------------------------------------------------------------------------


def test_the_seed_lists_at_least_fourteen_need_categories() -> None:
    """The press release's topics are all categories, each with a German label."""
    expected = {
        "PSYCHOSOCIAL_SUPPORT", "GERMAN_LANGUAGE", "EMPLOYMENT", "APPLICATION_SUPPORT",
        "CHILDCARE", "SCHOOL_SYSTEM", "TRANSLATION_SERVICES", "PSYCHOLOGICAL_COUNSELLING",
        "PUBLIC_TRANSPORT", "SOCIAL_DEPARTMENT_STORE", "CHILDREN_LEISURE",
        "RECOGNITION_OF_QUALIFICATIONS", "VOCATIONAL_TRAINING_SYSTEM", "HOUSING",
    }  # fmt: skip

    actual = {c.name for c in NeedCategory if c.german_label}

    assert expected <= actual


def test_psychosocial_support_and_counselling_are_special_category_data() -> None:
    """Mental-health topics are Art. 9 GDPR data; German and employment are not."""
    expected = {
        NeedCategory.PSYCHOSOCIAL_SUPPORT,
        NeedCategory.PSYCHOLOGICAL_COUNSELLING,
        NeedCategory.ADDICTION_COUNSELLING,
    }

    actual = {c for c in NeedCategory if c.special_category}

    assert expected == actual


@pytest.mark.parametrize(
    ("category", "citation"),
    [
        (NeedCategory.PSYCHOSOCIAL_SUPPORT, "SGB II § 16a Nr. 3"),
        (NeedCategory.CHILDCARE, "SGB II § 16a Nr. 1"),
        (NeedCategory.APPLICATION_SUPPORT, "SGB II § 16 Abs. 1"),
        (NeedCategory.GERMAN_LANGUAGE, "AufenthG § 44a Abs. 1"),
        (NeedCategory.RECOGNITION_OF_QUALIFICATIONS, "BQFG"),
        (NeedCategory.HOUSING, "SGB II § 22"),
    ],
)
def test_categories_cite_the_legal_basis_of_help(category: NeedCategory, citation: str) -> None:
    """Where the law provides help for a topic, the category cites it."""
    actual = str(category.legal_basis)

    assert citation == actual


def test_application_support_cites_section_45_sgb_iii_as_the_instrument() -> None:
    """§ 16 SGB II opens the instruments of § 45 SGB III for application training."""
    actual = [str(r) for r in NeedCategory.APPLICATION_SUPPORT.info.see_also]

    assert "SGB III § 45 Abs. 1" in actual


def test_only_childcare_and_acute_mental_health_needs_can_block_work() -> None:
    """Childcare without a place and acute psychosocial needs are the blocking preconditions."""
    expected = {
        NeedCategory.CHILDCARE: Blocking.WHILE_UNMET,
        NeedCategory.PSYCHOSOCIAL_SUPPORT: Blocking.WHEN_ACUTE,
        NeedCategory.PSYCHOLOGICAL_COUNSELLING: Blocking.WHEN_ACUTE,
        NeedCategory.ADDICTION_COUNSELLING: Blocking.WHEN_ACUTE,
    }

    actual = {c: c.info.blocking for c in NeedCategory if c.info.blocking is not Blocking.NEVER}

    assert expected == actual


# --- needs ------------------------------------------------------------------------------


def test_unmet_childcare_need_blocks_work_whatever_its_urgency() -> None:
    """A childcare need blocks work while open or in progress."""
    low = need(NeedCategory.CHILDCARE, urgency=Urgency.LOW, status=NeedStatus.IN_PROGRESS)

    assert low.blocks_work


def test_met_childcare_need_no_longer_blocks_work() -> None:
    """Once care is secured (need met), it does not block work."""
    met = need(NeedCategory.CHILDCARE, status=NeedStatus.MET)

    assert not met.blocks_work


def test_psychosocial_need_blocks_work_only_when_acute() -> None:
    """A high but not acute psychosocial need does not block work; an acute one does."""
    high = need(NeedCategory.PSYCHOSOCIAL_SUPPORT, urgency=Urgency.HIGH)
    acute = need(NeedCategory.PSYCHOSOCIAL_SUPPORT, urgency=Urgency.ACUTE)

    assert (False, True) == (high.blocks_work, acute.blocks_work)


def test_special_category_is_never_shown_in_repr() -> None:
    """repr of a need, finding or profile hides a special category, even in a trail."""
    acute = need(NeedCategory.PSYCHOLOGICAL_COUNSELLING, urgency=Urgency.ACUTE)
    profile = NeedsProfile(household_id="h-1", needs=[acute])
    finding = Finding(subject="p-1", category=NeedCategory.ADDICTION_COUNSELLING)

    text = repr(acute) + repr(profile) + repr(finding) + str(acute)

    for word in ("PSYCHO", "COUNSELLING", "ADDICTION", "psycho", "counselling", "addiction"):
        assert word not in text


def test_non_special_category_is_shown_in_repr() -> None:
    """Ordinary categories stay readable in repr."""
    german = need(NeedCategory.GERMAN_LANGUAGE)

    assert "GERMAN_LANGUAGE" in repr(german)


def test_later_observation_decides_status_and_urgency() -> None:
    """Later findings refine earlier ones: the latest observation gives the current state."""
    first = need(NeedCategory.GERMAN_LANGUAGE, urgency=Urgency.HIGH, on=MAY_30)
    later = need(
        NeedCategory.GERMAN_LANGUAGE, status=NeedStatus.IN_PROGRESS, on=JULY_4, by=COACHING
    )

    merged = first.merge(later)

    assert (NeedStatus.IN_PROGRESS, Urgency.NORMAL) == (merged.status, merged.urgency)


def test_first_identification_is_kept_after_updates() -> None:
    """identified_on / identified_by keep the first finding; updated_* the latest."""
    first = need(NeedCategory.HOUSING, on=MAY_30, by=CONSULTATION)

    updated = first.observe(on=JULY_4, by=COACHING, status=NeedStatus.MET)

    assert (MAY_30, CONSULTATION, JULY_4, COACHING) == (
        updated.identified_on,
        updated.identified_by,
        updated.updated_on,
        updated.updated_by,
    )


def test_an_older_finding_arriving_late_does_not_override_the_current_state() -> None:
    """Evidence is ordered by its day, not by when it was recorded."""
    current = need(NeedCategory.EMPLOYMENT, status=NeedStatus.MET, on=JULY_4, by=COACHING)

    late = current.observe(on=MAY_30, by=CONSULTATION, status=NeedStatus.OPEN)

    assert (NeedStatus.MET, 2, CONSULTATION) == (late.status, len(late.trail), late.identified_by)


def test_same_day_findings_are_ordered_by_kind_of_evidence_then_id() -> None:
    """On one day a group event's finding comes after a consultation's (declaration order)."""
    consultation = need(NeedCategory.EMPLOYMENT, status=NeedStatus.OPEN, by=CONSULTATION)
    group = need(NeedCategory.EMPLOYMENT, status=NeedStatus.IN_PROGRESS, by=GROUP_EVENT)

    assert (
        NeedStatus.IN_PROGRESS
        == consultation.merge(group).status
        == group.merge(consultation).status
    )


def test_merging_the_same_evidence_twice_is_a_no_op() -> None:
    """Recording a consultation's finding twice changes nothing."""
    once = need(NeedCategory.CHILDCARE)

    twice = once.merge(need(NeedCategory.CHILDCARE))

    assert once == twice


def test_merging_keeps_every_observation() -> None:
    """Nothing is silently dropped: the trail holds every distinct observation."""
    a = need(NeedCategory.CHILDCARE, on=MAY_30)
    b = need(NeedCategory.CHILDCARE, on=JUNE_21, by=GROUP_EVENT, urgency=Urgency.HIGH)
    c = need(NeedCategory.CHILDCARE, on=JULY_4, by=COACHING, status=NeedStatus.MET)

    merged = a.merge(b).merge(c)

    assert a.trail + b.trail + c.trail == merged.trail


def test_merging_needs_of_different_subjects_is_refused() -> None:
    """Only needs with the same subject and category merge."""
    with pytest.raises(ValueError, match="same subject and category"):
        need(NeedCategory.CHILDCARE).merge(need(NeedCategory.CHILDCARE, subject="p-2"))


def test_a_trail_that_contradicts_the_fields_is_refused() -> None:
    """urgency and status must be the latest observation's, identification the first's."""
    latest = Observation(on=JULY_4, by=COACHING, urgency=Urgency.LOW, status=NeedStatus.MET)

    with pytest.raises(ValueError, match="'trail' must end"):
        Need(
            subject="p-1",
            category=NeedCategory.HOUSING,
            identified_on=MAY_30,
            identified_by=CONSULTATION,
            trail=(
                Observation(
                    on=MAY_30, by=CONSULTATION, urgency=Urgency.NORMAL, status=NeedStatus.OPEN
                ),
                latest,
            ),
        )


def test_profile_holds_one_need_per_subject_and_category() -> None:
    """Adding a need that is already there merges it into the existing one."""
    profile = NeedsProfile(household_id="h-1").add(need(NeedCategory.CHILDCARE))

    profile = profile.add(need(NeedCategory.CHILDCARE, on=JULY_4, by=COACHING))

    assert (1, 2) == (len(profile), len(profile.needs[0].trail))


def test_updating_a_need_the_profile_does_not_hold_is_an_error() -> None:
    """update refines existing needs only; add creates them."""
    with pytest.raises(KeyError):
        NeedsProfile(household_id="h-1").update(
            "p-1", NeedCategory.HOUSING, on=JULY_4, by=COACHING, status=NeedStatus.MET
        )


def test_profiles_of_different_households_do_not_merge() -> None:
    """A profile belongs to one household."""
    with pytest.raises(ValueError, match="same household"):
        NeedsProfile(household_id="h-1").merge(NeedsProfile(household_id="h-2"))


def test_recording_findings_makes_them_needs_with_their_source() -> None:
    """A coaching's findings become needs identified by the coaching on its day."""
    findings = [Finding(subject="p-1", category=NeedCategory.GERMAN_LANGUAGE, urgency=Urgency.HIGH)]

    profile = NeedsProfile(household_id="h-1").record(findings, on=JULY_4, by=COACHING)

    assert (need(NeedCategory.GERMAN_LANGUAGE, urgency=Urgency.HIGH, on=JULY_4, by=COACHING),) == (
        profile.needs
    )


@given(needs(), needs(), needs())
def test_need_merge_is_associative(a: Need, b: Need, c: Need) -> None:
    """(a ∪ b) ∪ c == a ∪ (b ∪ c) for needs of the same key."""
    b = Need.from_trail(subject=a.subject, category=a.category, trail=b.trail)
    c = Need.from_trail(subject=a.subject, category=a.category, trail=c.trail)

    assert a.merge(b).merge(c) == a.merge(b.merge(c))


@given(needs(), needs())
def test_need_merge_is_commutative_and_idempotent(a: Need, b: Need) -> None:
    """Order of evidence does not matter; merging twice changes nothing."""
    b = Need.from_trail(subject=a.subject, category=a.category, trail=b.trail)

    assert a.merge(b) == b.merge(a)
    assert a.merge(b).merge(b) == a.merge(b)
    assert a.merge(a) == a


@given(needs_profiles(), needs_profiles(), needs_profiles())
def test_profile_merge_is_associative(a: NeedsProfile, b: NeedsProfile, c: NeedsProfile) -> None:
    """Merging profiles in any grouping gives the same profile."""
    assert a.merge(b).merge(c) == a.merge(b.merge(c))


@given(needs_profiles(), needs_profiles())
def test_profile_merge_is_commutative_and_idempotent(a: NeedsProfile, b: NeedsProfile) -> None:
    """Merging is order-free, and merging the same evidence again is a no-op."""
    assert a.merge(b) == b.merge(a)
    assert a.merge(b).merge(b) == a.merge(b)
    assert a.merge(a) == a


@given(needs_profiles(), needs_profiles())
def test_profile_merge_drops_no_observation(a: NeedsProfile, b: NeedsProfile) -> None:
    """Every observation of either profile is in the merge."""
    merged = a.merge(b)

    expected = {(n.key, o) for p in (a, b) for n in p for o in n.trail}
    actual = {(n.key, o) for n in merged for o in n.trail}

    assert expected == actual


# --- pinned by mutation testing (issue 21) --------------------------------------------------


def test_a_trail_that_does_not_start_at_the_identification_is_refused() -> None:
    """The first observation is the identification: its day and source are the need's."""
    with pytest.raises(ValueError, match="'trail' must start"):
        Need(
            subject="p-1",
            category=NeedCategory.HOUSING,
            identified_on=MAY_30,
            identified_by=CONSULTATION,
            trail=(
                Observation(
                    on=JUNE_21, by=CONSULTATION, urgency=Urgency.NORMAL, status=NeedStatus.OPEN
                ),
            ),
        )
    with pytest.raises(ValueError, match="'trail' must start"):
        Need(
            subject="p-1",
            category=NeedCategory.HOUSING,
            identified_on=MAY_30,
            identified_by=CONSULTATION,
            trail=(
                Observation(
                    on=MAY_30, by=GROUP_EVENT, urgency=Urgency.NORMAL, status=NeedStatus.OPEN
                ),
            ),
        )


def test_an_empty_trail_is_refused() -> None:
    """A need is the set of its observations: at least the identification."""
    with pytest.raises(ValueError, match="'trail' must not be empty"):
        Need.from_trail(subject="p-1", category=NeedCategory.HOUSING, trail=())


def test_a_profile_finds_the_need_of_the_subject_and_category_asked_only() -> None:
    """One need per (subject, category): asking for one never answers with another."""
    profile = NeedsProfile(
        household_id="h-1",
        needs=[
            need(NeedCategory.HOUSING, subject="p-1"),
            need(NeedCategory.CHILDCARE, subject="p-2"),
            need(NeedCategory.HOUSING, subject="p-2", urgency=Urgency.HIGH),
        ],
    )

    found = profile.get("p-2", NeedCategory.HOUSING)

    assert found is not None
    assert ("p-2", NeedCategory.HOUSING, Urgency.HIGH) == (
        found.subject,
        found.category,
        found.urgency,
    )
    assert profile.get("p-1", NeedCategory.CHILDCARE) is None
    assert profile.get("p-3", NeedCategory.HOUSING) is None


def test_updating_one_need_leaves_the_others_of_the_profile_as_they_were() -> None:
    """An observation belongs to one need (subject and category)."""
    profile = NeedsProfile(
        household_id="h-1",
        needs=[
            need(NeedCategory.HOUSING, subject="p-1"),
            need(NeedCategory.HOUSING, subject="p-2"),
        ],
    )

    updated = profile.update(
        "p-2", NeedCategory.HOUSING, on=JULY_4, by=COACHING, status=NeedStatus.MET
    )

    assert [NeedStatus.OPEN, NeedStatus.MET] == [n.status for n in updated]


def test_a_profile_lists_needs_by_subject_then_category() -> None:
    """A canonical profile: by subject, then by category in declaration order."""
    profile = NeedsProfile(
        household_id="h-1",
        needs=[
            need(NeedCategory.CHILDCARE, subject="p-2"),
            need(NeedCategory.HOUSING, subject="p-1"),
            need(NeedCategory.GERMAN_LANGUAGE, subject="p-1"),
        ],
    )

    assert [("p-1", "HOUSING"), ("p-1", "GERMAN_LANGUAGE"), ("p-2", "CHILDCARE")] == [
        (n.subject, n.category.name) for n in profile
    ]


def test_needs_and_trails_of_the_wrong_type_are_refused_by_field_name() -> None:
    """Bad input names the field and the expected type; nothing half-built."""
    with pytest.raises(TypeError, match="'needs'"):
        NeedsProfile(household_id="h-1", needs=("housing",))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="'trail'"):
        Need.from_trail(subject="p-1", category=NeedCategory.HOUSING, trail=("seen",))  # type: ignore[arg-type]


def test_an_observation_changes_only_what_it_observes() -> None:
    """A new urgency keeps the status; a new status keeps the urgency."""
    first = need(NeedCategory.HOUSING)

    more_urgent = first.observe(on=JULY_4, by=COACHING, urgency=Urgency.HIGH)
    met = first.observe(on=JULY_4, by=COACHING, status=NeedStatus.MET)

    assert (Urgency.HIGH, NeedStatus.OPEN) == (more_urgent.urgency, more_urgent.status)
    assert (Urgency.NORMAL, NeedStatus.MET) == (met.urgency, met.status)


def test_updating_a_need_the_profile_lacks_says_so_without_naming_it() -> None:
    """The error names neither the subject nor the category (they may be special data)."""
    with pytest.raises(KeyError, match="no need with that subject and category"):
        NeedsProfile(household_id="h-1").update(
            "p-1", NeedCategory.PSYCHOSOCIAL_SUPPORT, on=JULY_4, by=COACHING
        )


def test_updating_a_need_in_a_profile_records_the_urgency_observed() -> None:
    """An observation through the profile carries its urgency like one on the need itself."""
    profile = NeedsProfile(household_id="h-1", needs=[need(NeedCategory.HOUSING)])

    updated = profile.update(
        "p-1", NeedCategory.HOUSING, on=JULY_4, by=COACHING, urgency=Urgency.HIGH
    )

    assert [(Urgency.HIGH, NeedStatus.OPEN)] == [(n.urgency, n.status) for n in updated]
