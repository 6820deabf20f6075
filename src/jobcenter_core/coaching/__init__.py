"""
Online coaching in Ukrainian: the programme, who it fits, the referral lifecycle,
allocating coaches, and the findings fed back into needs.

The seed plans an online individual coaching in Ukrainian: a person's needs are worked
out one to one, the findings go straight back to the case worker for the next steps, and
it suits women who can hardly get out because childcare is missing (DOMAIN.md §1, §7).

* :mod:`~jobcenter_core.coaching.programme` — the programme, its coaches and target group;
* :mod:`~jobcenter_core.coaching.fit` — ``mobility_limited`` and ``referral_fit``;
* :mod:`~jobcenter_core.coaching.findings` — the coach's findings and ``apply_findings``;
* :mod:`~jobcenter_core.coaching.events` — the referral events a service persists;
* :mod:`~jobcenter_core.coaching.referral` — the referral, its status and ``coach_loads``;
* :mod:`~jobcenter_core.coaching.lifecycle` — the commands ``refer`` →
  ``accept_referral`` (or ``waitlist_referral``) → ``start_coaching`` →
  ``record_session`` → ``complete_coaching``, and ``decline_referral``,
  ``cancel_referral``, ``record_no_show``; ``replay_referral``;
* :mod:`~jobcenter_core.coaching.allocation` — the coaches' waitlist order
  (``coaching_priority``), ``allocate_coaches`` and its plan, ``coach_plan``;
* ``FitAnswers`` — ``referral_fit``'s value and codes for many parents, asked once per
  shape of what it reads (an engine, ``_fits.py``, for the national run).

Every public name of these modules is importable from here.
Enrolment has its own ``Waitlisted``, ``Declined``, ``Cancelled``, ``cancel``,
``decline`` and ``replay``; the coaching names say ``referral`` or ``coaching``.

References:
    SGB II § 16 Abs. 1 with SGB III § 45; SGB II § 16k (since 2023-07-01); SGB II § 10
    Abs. 1 Nr. 3 and Abs. 3.
"""

from __future__ import annotations

from jobcenter_core.coaching._fits import FitAnswers
from jobcenter_core.coaching.allocation import (
    COACHING_ORDERINGS,
    CoachAllocation,
    CoachAssignment,
    PriorityKey,
    Waiting,
    allocate_coaches,
    coach_plan,
    coaching_priority,
)
from jobcenter_core.coaching.events import (
    Accepted,
    Completed,
    NoShow,
    ReferralCancelled,
    ReferralDeclined,
    ReferralEvent,
    ReferralWaitlisted,
    Referred,
    SessionHeld,
    Started,
)
from jobcenter_core.coaching.findings import (
    CoachingFindings,
    GermanCourse,
    GroupOfferTopic,
    NextStep,
    ProfessionalExperience,
    QualificationRecognition,
    apply_findings,
)
from jobcenter_core.coaching.fit import CoachingFit, Mobility, mobility_limited, referral_fit
from jobcenter_core.coaching.lifecycle import (
    accept_referral,
    cancel_referral,
    complete_coaching,
    decline_referral,
    record_no_show,
    record_session,
    refer,
    replay_referral,
    start_coaching,
    waitlist_referral,
)
from jobcenter_core.coaching.programme import (
    Coach,
    CoachingProgramme,
    CoachingTargetGroup,
    Delivery,
    cites_section_16k,
)
from jobcenter_core.coaching.referral import (
    CoachingReferral,
    ReferralStatus,
    ReferralTransition,
    coach_loads,
)

__all__ = [
    "COACHING_ORDERINGS",
    "Accepted",
    "Coach",
    "CoachAllocation",
    "CoachAssignment",
    "CoachingFindings",
    "CoachingFit",
    "CoachingProgramme",
    "CoachingReferral",
    "CoachingTargetGroup",
    "Completed",
    "Delivery",
    "FitAnswers",
    "GermanCourse",
    "GroupOfferTopic",
    "Mobility",
    "NextStep",
    "NoShow",
    "PriorityKey",
    "ProfessionalExperience",
    "QualificationRecognition",
    "ReferralCancelled",
    "ReferralDeclined",
    "ReferralEvent",
    "ReferralStatus",
    "ReferralTransition",
    "ReferralWaitlisted",
    "Referred",
    "SessionHeld",
    "Started",
    "Waiting",
    "accept_referral",
    "allocate_coaches",
    "apply_findings",
    "cancel_referral",
    "cites_section_16k",
    "coach_loads",
    "coach_plan",
    "coaching_priority",
    "complete_coaching",
    "decline_referral",
    "mobility_limited",
    "record_no_show",
    "record_session",
    "refer",
    "referral_fit",
    "replay_referral",
    "start_coaching",
    "waitlist_referral",
]
