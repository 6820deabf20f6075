"""
:class:`RankedEnum`: enums ordered by declaration, written once for CEFR levels, need
categories and urgencies.

>>> class Size(RankedEnum):
...     SMALL = "small"
...     LARGE = "large"
>>> Size.SMALL < Size.LARGE, Size.LARGE.rank
(True, 1)
"""

from __future__ import annotations

import enum
import functools

__all__ = ["RankedEnum"]


@functools.total_ordering
class RankedEnum(enum.Enum):
    """
    An enum whose members compare by declaration order: the first ranks lowest.

    The rank is fixed when a member is created (it is the number of members declared
    before it), so comparing costs two attribute reads. Members of different enums do
    not compare.
    """

    _rank_: int

    def __init__(self, *args: object) -> None:
        self._rank_ = len(type(self)._member_names_)

    @property
    def rank(self) -> int:
        """0 for the first member declared, then 1, 2, …"""
        return self._rank_

    def __lt__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, RankedEnum)
        return self._rank_ < other._rank_

    def __hash__(self) -> int:
        return hash(self._value_)
