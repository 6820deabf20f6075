"""
Age bands: the coarsened ages a caseload is counted and exported by.

Ages are completed years on the reference day (BGB § 187 Abs. 2):

* persons (:class:`AgeBand`): under 15 (below the SGB II working age), 15–24 (the
  under-25s of § 7 Abs. 3 SGB II), 25–50, 51–64, 65 and over;
* children (:class:`ChildAgeBand`): 0–2 (§ 10 Abs. 1 Nr. 3: work of a caring parent not
  reasonable as a rule), 3–5 (Kita age, SGB VIII § 24 Abs. 3), 6–13 (school, care to be
  secured), 14–17.

>>> AgeBand.of(24), ChildAgeBand.of(4)
(<AgeBand.FROM_15_TO_24: '15-24'>, <ChildAgeBand.FROM_3_TO_5: '3-5'>)
"""

from __future__ import annotations

import enum

__all__ = ["AgeBand", "ChildAgeBand"]


class AgeBand(enum.Enum):
    """Age bands of persons, in completed years: under 15, 15–24, 25–50, 51–64, 65+."""

    UNDER_15 = "0-14"
    FROM_15_TO_24 = "15-24"
    FROM_25_TO_50 = "25-50"
    FROM_51_TO_64 = "51-64"
    FROM_65 = "65+"

    @classmethod
    def of(cls, years: int) -> AgeBand:
        """
        The band of someone *years* old.

        >>> AgeBand.of(14), AgeBand.of(50), AgeBand.of(51)
        (<AgeBand.UNDER_15: '0-14'>, <AgeBand.FROM_25_TO_50: '25-50'>, <AgeBand.FROM_51_TO_64: '51-64'>)
        """
        if years < 15:
            return cls.UNDER_15
        if years < 25:
            return cls.FROM_15_TO_24
        if years <= 50:
            return cls.FROM_25_TO_50
        if years <= 64:
            return cls.FROM_51_TO_64
        return cls.FROM_65


class ChildAgeBand(enum.Enum):
    """Age bands of minors, in completed years: 0–2, 3–5, 6–13, 14–17."""

    UNDER_3 = "0-2"
    FROM_3_TO_5 = "3-5"
    FROM_6_TO_13 = "6-13"
    FROM_14_TO_17 = "14-17"

    @classmethod
    def of(cls, years: int) -> ChildAgeBand | None:
        """
        The band of a minor *years* old; ``None`` for adults.

        >>> ChildAgeBand.of(2), ChildAgeBand.of(18)
        (<ChildAgeBand.UNDER_3: '0-2'>, None)
        """
        if years < 3:
            return cls.UNDER_3
        if years < 6:
            return cls.FROM_3_TO_5
        if years < 14:
            return cls.FROM_6_TO_13
        if years < 18:
            return cls.FROM_14_TO_17
        return None
