"""
Rule answers that explain themselves: :class:`LegalReference`, :class:`Reason`,
:class:`Assumption` and :class:`Decision`.

A rule never answers with a bare ``True``: it returns a :class:`Decision` whose
``value`` is the answer, whose ``reasons`` say why (each with a stable ``code`` and,
where law applies, the :class:`LegalReference`), and whose ``missing`` lists the facts
that were unknown and how they were presumed.

>>> ref = LegalReference(law="SGB II", section="8", paragraph="1")
>>> d = Decision(
...     value=True,
...     reasons=(Reason(code="capacity_sufficient", message="can work 6 h a day", reference=ref),),
... )
>>> print(d.explain())
yes
  - can work 6 h a day [SGB II § 8 Abs. 1] (capacity_sufficient)
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from types import NoneType
from typing import Generic, TypeVar

import attrs

from jobcenter_core.validators import (
    as_tuple,
    instance_of,
    items_of,
    non_empty,
    optional_non_empty,
)

__all__ = [
    "Assumption",
    "Decision",
    "LegalReference",
    "Reason",
    "cite",
    "combine",
    "render_value",
    "sgb2",
    "sgb3",
]

T = TypeVar("T")
U = TypeVar("U")


@attrs.frozen(kw_only=True)
class LegalReference:
    """
    A citation: the *law* (``"SGB II"``), its *section* (``"7a"``), optionally the
    *paragraph* (Absatz), *sentence* (Satz) and *number* (Nummer), and a *url*.

    ``str()`` renders the German citation style.

    >>> str(LegalReference(law="SGB II", section="10", paragraph="1", number="3"))
    'SGB II § 10 Abs. 1 Nr. 3'
    >>> str(LegalReference(law="AZAV", section="3", paragraph="3"))
    'AZAV § 3 Abs. 3'
    >>> str(LegalReference(law="Art. 9 GDPR", section=""))
    'Art. 9 GDPR'
    """

    law: str = attrs.field(validator=non_empty)
    section: str = attrs.field(validator=instance_of(str))
    paragraph: str | None = attrs.field(default=None, validator=optional_non_empty)
    sentence: str | None = attrs.field(default=None, validator=optional_non_empty)
    number: str | None = attrs.field(default=None, validator=optional_non_empty)
    url: str | None = attrs.field(default=None, validator=optional_non_empty)

    def __str__(self) -> str:
        parts = [self.law]
        if self.section:
            parts.append(f"§ {self.section}")
        if self.paragraph:
            parts.append(f"Abs. {self.paragraph}")
        if self.sentence:
            parts.append(f"S. {self.sentence}")
        if self.number:
            parts.append(f"Nr. {self.number}")
        return " ".join(parts)


_SLUGS = {
    "SGB I": "sgb_1",
    "SGB II": "sgb_2",
    "SGB III": "sgb_3",
    "SGB VIII": "sgb_8",
    "SGB X": "sgb_10",
    "SGB XII": "sgb_12",
    "AsylbLG": "asylblg",
    "AufenthG": "aufenthg_2004",
    "AZAV": "azav",
    "BGB": "bgb",
    "IntV": "intv",
}
"""The federal laws the library cites, by the name of their page on gesetze-im-internet.de."""


def cite(
    law: str,
    section: str,
    paragraph: str | None = None,
    *,
    sentence: str | None = None,
    number: str | None = None,
) -> LegalReference:
    """
    A reference to *law*, with the official URL of the section where the law is one of
    the federal laws published on gesetze-im-internet.de (state law such as SchulG NRW
    has none). Every citation of the library is built here or by :func:`sgb2` and
    :func:`sgb3`.

    >>> ref = cite("AsylbLG", "1", "1", number="3")
    >>> str(ref), ref.url
    ('AsylbLG § 1 Abs. 1 Nr. 3', 'https://www.gesetze-im-internet.de/asylblg/__1.html')
    >>> cite("SchulG NRW", "35", "1").url is None
    True
    """
    slug = _SLUGS.get(law)
    return LegalReference(
        law=law,
        section=section,
        paragraph=paragraph,
        sentence=sentence,
        number=number,
        url=None if slug is None else f"https://www.gesetze-im-internet.de/{slug}/__{section}.html",
    )


def sgb2(
    section: str,
    paragraph: str | None = None,
    *,
    sentence: str | None = None,
    number: str | None = None,
) -> LegalReference:
    """
    A reference to the Second Book of the Social Code (SGB II) with its official URL.

    >>> ref = sgb2("10", "1", number="3")
    >>> str(ref), ref.url
    ('SGB II § 10 Abs. 1 Nr. 3', 'https://www.gesetze-im-internet.de/sgb_2/__10.html')
    """
    return cite("SGB II", section, paragraph, sentence=sentence, number=number)


def sgb3(
    section: str,
    paragraph: str | None = None,
    *,
    sentence: str | None = None,
    number: str | None = None,
) -> LegalReference:
    """
    A reference to the Third Book of the Social Code (SGB III) with its official URL.

    >>> str(sgb3("45", "1"))
    'SGB III § 45 Abs. 1'
    """
    return cite("SGB III", section, paragraph, sentence=sentence, number=number)


@attrs.frozen(kw_only=True)
class Reason:
    """
    One reason behind a decision: a stable machine-readable *code* (snake case, safe to
    match on), a short English *message* for people, and the *reference* where law applies.

    Messages never contain names, birth dates or special-category data.

    >>> r = Reason(code="under_15", message="has not completed the 15th year")
    >>> str(r)
    'has not completed the 15th year (under_15)'
    """

    code: str = attrs.field(validator=non_empty)
    message: str = attrs.field(validator=non_empty)
    reference: LegalReference | None = attrs.field(
        default=None, validator=instance_of((LegalReference, NoneType))
    )

    def __str__(self) -> str:
        ref = f" [{self.reference}]" if self.reference is not None else ""
        return f"{self.message}{ref} ({self.code})"


@attrs.frozen(kw_only=True)
class Assumption:
    """
    A fact the rule needed but did not have, and what it presumed instead.

    >>> str(Assumption(fact="work_capacity", presumed="at least 3 hours a day (not assessed)"))
    'work_capacity unknown, presumed at least 3 hours a day (not assessed)'
    """

    fact: str = attrs.field(validator=non_empty)
    presumed: str = attrs.field(validator=non_empty)

    def __str__(self) -> str:
        return f"{self.fact} unknown, presumed {self.presumed}"


def _reasons(items: Iterable[Reason]) -> tuple[Reason, ...]:
    return as_tuple(items)


def _assumptions(items: Iterable[Assumption]) -> tuple[Assumption, ...]:
    return as_tuple(items)


@attrs.frozen(kw_only=True)
class Decision(Generic[T]):
    """
    The answer of a rule: its *value*, the *reasons* for it and the facts *missing*.

    Equal inputs give equal decisions, so decisions can be compared and diffed (two
    policies on one caseload) and stored.

    >>> d = Decision(value=False, reasons=(Reason(code="x", message="because"),))
    >>> bool(d.value), d.codes
    (False, ('x',))
    """

    value: T
    reasons: tuple[Reason, ...] = attrs.field(
        default=(), converter=_reasons, validator=items_of(Reason)
    )
    missing: tuple[Assumption, ...] = attrs.field(
        default=(), converter=_assumptions, validator=items_of(Assumption)
    )

    @property
    def codes(self) -> tuple[str, ...]:
        """The reason codes, in order: handy for tests and for matching in services."""
        return tuple(r.code for r in self.reasons)

    @property
    def references(self) -> tuple[LegalReference, ...]:
        """The distinct legal references cited by the reasons, in first-cited order."""
        seen: dict[LegalReference, None] = {}
        for r in self.reasons:
            if r.reference is not None:
                seen.setdefault(r.reference, None)
        return tuple(seen)

    def map(self, value: U) -> Decision[U]:
        """
        The same reasons and missing facts with another *value*.

        >>> Decision(value=True).map("SGB_II").value
        'SGB_II'
        """
        return Decision(value=value, reasons=self.reasons, missing=self.missing)

    def explain(self) -> str:
        """
        A short readable account: the value, then one line per reason and per
        presumption.

        >>> d = Decision(
        ...     value=False,
        ...     reasons=(Reason(code="under_15", message="has not completed the 15th year"),),
        ...     missing=(Assumption(fact="work_capacity", presumed="sufficient"),),
        ... )
        >>> print(d.explain())
        no
          - has not completed the 15th year (under_15)
          ? work_capacity unknown, presumed sufficient
        """
        lines = [render_value(self.value)]
        lines.extend(f"  - {r}" for r in self.reasons)
        lines.extend(f"  ? {m}" for m in self.missing)
        return "\n".join(lines)


def render_value(value: object) -> str:
    """
    Render a decision value for people: booleans as yes/no, enums by name, sets sorted.

    >>> render_value(True), render_value(frozenset({"b", "a"}))
    ('yes', '{a, b}')
    """
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, frozenset):
        return "{" + ", ".join(sorted(render_value(v) for v in value)) + "}"
    return str(value)


def combine(*decisions: Decision[bool]) -> Decision[bool]:
    """
    All of *decisions*: true when every one is true, with every reason and presumption.

    >>> yes = Decision(value=True, reasons=(Reason(code="a", message="a"),))
    >>> no = Decision(value=False, reasons=(Reason(code="b", message="b"),))
    >>> combine(yes, no).value, combine(yes, no).codes
    (False, ('a', 'b'))
    """
    return Decision(
        value=all(d.value for d in decisions),
        reasons=tuple(r for d in decisions for r in d.reasons),
        missing=tuple(m for d in decisions for m in d.missing),
    )
