"""
The interpreter rule (rules/interpreter.py): whether a consultation needs an interpreter.

The official language of the job centre is German (SGB X § 19 Abs. 1); a consultation
needs an interpreter (*Sprachmittler*) when the person and the case worker share no
language at the policy's level (default B1).

References:
    SGB X § 19 Abs. 1; SGB I § 17 Abs. 1.
"""

from __future__ import annotations

import datetime as _dt

from jobcenter_core.consultations import Caseworker
from jobcenter_core.decisions import Assumption, Decision, Reason, cite
from jobcenter_core.languages import shared_languages
from jobcenter_core.parameters import DEFAULT_POLICY, Policy
from jobcenter_core.people import Person

__all__ = ["needs_interpreter"]


_SGB_X_19 = cite("SGB X", "19", "1")


_SGB_I_17 = cite("SGB I", "17", "1")


def needs_interpreter(
    person: Person, caseworker: Caseworker, *, on: _dt.date, policy: Policy = DEFAULT_POLICY
) -> Decision[bool]:
    """
    Whether a consultation between *person* and *caseworker* on *on* needs an interpreter:
    yes when they share no language at ``policy.interpreter_level`` (default B1) or above.

    A person with no recorded languages is presumed to share none (and the decision says
    so in ``missing``).

    >>> import pendulum
    >>> from jobcenter_core.consultations import Caseworker
    >>> from jobcenter_core.languages import CefrLevel, LanguageSkill
    >>> from jobcenter_core.people import Person, Sex
    >>> p = Person(id="p-1", birth_date=pendulum.date(1990, 1, 1), sex=Sex.MALE,
    ...            languages=(LanguageSkill(language="en", level=CefrLevel.B2),))
    >>> cw = Caseworker(id="cw-1", languages=(LanguageSkill(language="de", level=CefrLevel.NATIVE),
    ...                                       LanguageSkill(language="en", level=CefrLevel.B1)))
    >>> d = needs_interpreter(p, cw, on=pendulum.date(2022, 6, 1))
    >>> d.value, d.codes
    (False, ('shared_language',))

    References:
        SGB X § 19 Abs. 1 (German is the official language); SGB I § 17 Abs. 1.
    """
    level = policy.interpreter_level.at(on)
    shared = shared_languages(person.languages, caseworker.languages, at_least=level)
    missing: tuple[Assumption, ...] = ()
    if not person.languages:
        missing = (Assumption(fact="languages", presumed="none shared with the case worker"),)
    if shared:
        return Decision(
            value=False,
            reasons=(
                Reason(
                    code="shared_language",
                    message=f"share {', '.join(sorted(shared))} at {level.value} or above",
                    reference=policy.interpreter_level.reference_at(on),
                ),
            ),
        )
    return Decision(
        value=True,
        reasons=(
            Reason(
                code="no_shared_language",
                message=f"no shared language at {level.value} or above: an interpreter is needed",
                reference=_SGB_X_19,
            ),
        ),
        missing=missing,
    )
