"""
Languages and the Common European Framework of Reference (CEFR) levels.

Languages are ISO 639-1 codes (``"uk"`` Ukrainian, ``"ru"`` Russian, ``"de"`` German,
``"en"`` English); levels run A1 < A2 < B1 < B2 < C1 < C2 < NATIVE.

>>> CefrLevel.B1 <= CefrLevel.B2
True
>>> LanguageSkill(language="uk", level=CefrLevel.NATIVE)
LanguageSkill(language='uk', level=<CefrLevel.NATIVE: 'native'>)
"""

from __future__ import annotations

import attrs

from jobcenter_core.ranked import RankedEnum
from jobcenter_core.validators import instance_of, language_code

__all__ = ["CefrLevel", "LanguageSkill", "best_level", "shared_languages"]


class CefrLevel(RankedEnum):
    """A language level of the CEFR, ordered; ``NATIVE`` ranks above C2."""

    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"
    NATIVE = "native"


@attrs.frozen(kw_only=True)
class LanguageSkill:
    """
    A *language* (ISO 639-1 code) spoken at a CEFR *level*.

    >>> LanguageSkill(language="de", level=CefrLevel.A2).level < CefrLevel.B1
    True
    """

    language: str = attrs.field(validator=language_code)
    level: CefrLevel = attrs.field(validator=instance_of(CefrLevel))


def best_level(skills: tuple[LanguageSkill, ...], language: str) -> CefrLevel | None:
    """
    The highest level in *language* among *skills*, or ``None``.

    >>> best_level((LanguageSkill(language="de", level=CefrLevel.A2),), "de")
    <CefrLevel.A2: 'A2'>
    >>> best_level((), "de") is None
    True
    """
    levels = [s.level for s in skills if s.language == language]
    return max(levels) if levels else None


def shared_languages(
    a: tuple[LanguageSkill, ...], b: tuple[LanguageSkill, ...], *, at_least: CefrLevel
) -> frozenset[str]:
    """
    The languages both *a* and *b* speak at *at_least* the given level.

    >>> uk = LanguageSkill(language="uk", level=CefrLevel.NATIVE)
    >>> de = LanguageSkill(language="de", level=CefrLevel.C2)
    >>> sorted(shared_languages((uk,), (de, uk), at_least=CefrLevel.B1))
    ['uk']
    """
    left = {s.language for s in a if s.level >= at_least}
    return frozenset(s.language for s in b if s.level >= at_least and s.language in left)
