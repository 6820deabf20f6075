"""
Tables as columns, not rows: :class:`Table`, a tuple of :class:`Column`, each one
sequence with a declared :class:`ColumnKind`, for pandas, polars and Arrow.

A column keeps its values compactly (booleans in a byte each, dates as day numbers,
categories as codes beside their labels, text as UTF-8 with offsets), and hands them out
as plain Python values: ``str``, ``int``, ``float``, ``bool``, ``datetime.date``, or a
category label; ``None`` where a value is missing. An *ordinal* column's categories are
in their order (``A1`` < ``B1`` < ``native``; ``0-14`` < ``15-24``), so that dataframes
sort and compare them as the domain does.

:meth:`Table.to_pandas`, :meth:`Table.to_polars` and :meth:`Table.to_arrow` import their
library only when called (the extras ``jobcenter_core[pandas]``, ``[polars]``,
``[arrow]``); pandas gets ``datetime64`` dates and (ordered) categoricals, polars
``pl.Date`` and ``pl.Enum``, Arrow ``date32`` and dictionaries.

>>> import datetime
>>> from jobcenter_core.caseload.bands import AgeBand
>>> t = Table.of(
...     Column.strings("person_id", ["p-1", "p-2"]),
...     Column.enums("age_band", [AgeBand.FROM_25_TO_50, None], AgeBand, ordered=True),
...     Column.dates("on", [datetime.date(2022, 6, 21)] * 2),
... )
>>> t.names, len(t)
(('person_id', 'age_band', 'on'), 2)
>>> list(t["age_band"]), t["on"][0]
(['25-50', None], datetime.date(2022, 6, 21))
>>> t.column("age_band").categories
('0-14', '15-24', '25-50', '51-64', '65+')
"""

from __future__ import annotations

import datetime as _dt
import enum
import importlib
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate
from types import ModuleType
from typing import TYPE_CHECKING, Any, overload

import attrs

from jobcenter_core.errors import InvalidInput
from jobcenter_core.validators import as_tuple, instance_of, items_of, non_empty

__all__ = ["Column", "ColumnKind", "Table"]

if TYPE_CHECKING:
    _Whole = array[int]
else:  # ``array`` takes no type argument at run time before Python 3.12
    _Whole = array

_EPOCH = _dt.date(1970, 1, 1).toordinal()
_MISSING_DAY = 0
"""The day number of a missing date (no date has ordinal 0)."""


class ColumnKind(enum.Enum):
    """The declared type of a :class:`Column`."""

    STRING = "string"
    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"
    DATE = "date"
    CATEGORY = "category"
    """Labels from a fixed set, unordered."""
    ORDINAL = "ordinal"
    """Labels from a fixed set, in order."""


def _require_extra(module: str, extra: str) -> ModuleType:
    """Import *module* of the optional *extra*, or say which extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{module} is needed for this: install the extra, "
            f"e.g. pip install 'jobcenter_core[{extra}]'"
        ) from exc


def _strings(items: Iterable[str]) -> tuple[str, ...]:
    return as_tuple(items)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Column(Sequence[Any]):
    """
    One column: a *name*, a declared *kind*, the *categories* of a category or ordinal
    column (in order), and the values, kept compactly. Build one with
    :meth:`strings`, :meth:`integers`, :meth:`floats`, :meth:`booleans`, :meth:`dates`
    or :meth:`enums`.

    >>> c = Column.booleans("employable", [True, False, True])
    >>> c.kind, list(c), c.nbytes
    (<ColumnKind.BOOLEAN: 'boolean'>, [True, False, True], 3)
    """

    name: str = attrs.field(validator=non_empty)
    kind: ColumnKind = attrs.field(validator=instance_of(ColumnKind))
    categories: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=items_of(str)
    )
    data: Any = attrs.field(validator=instance_of((array, bytes)))
    """The values: an ``array`` (codes, numbers, day numbers) or the UTF-8 text."""
    offsets: _Whole | None = attrs.field(default=None, validator=instance_of((array, type(None))))
    """Where each string starts and ends in ``data`` (strings only)."""
    valid: _Whole | None = attrs.field(default=None, validator=instance_of((array, type(None))))
    """1 where a string or number is present, 0 where missing; ``None`` if none is missing."""

    # --- building ------------------------------------------------------------------------

    @classmethod
    def strings(cls, name: str, values: Iterable[str | None]) -> Column:
        """A column of text; ``None`` marks a missing value."""
        given = list(values)
        missing = None in given
        valid = array("b", [v is not None for v in given]) if missing else None
        items = ["" if v is None else v for v in given] if missing else given
        _require_types(name, items, str)
        encoded = [s.encode() for s in items]  # type: ignore[union-attr]
        ends = list(accumulate(map(len, encoded), initial=0))
        offsets = array("i" if ends[-1] < 2**31 else "q", ends)
        return cls(
            name=name,
            kind=ColumnKind.STRING,
            data=b"".join(encoded),
            offsets=offsets,
            valid=valid,
        )

    @classmethod
    def integers(cls, name: str, values: Iterable[int | None]) -> Column:
        """A column of whole numbers (64 bits); ``None`` marks a missing value."""
        given = list(values)
        missing = None in given
        items = [0 if v is None else v for v in given] if missing else given
        _require_types(name, items, int)
        return cls(
            name=name,
            kind=ColumnKind.INTEGER,
            data=array("q", items),
            valid=array("b", [v is not None for v in given]) if missing else None,
        )

    @classmethod
    def floats(cls, name: str, values: Iterable[float]) -> Column:
        """A column of floating-point numbers."""
        items = list(values)
        _require_types(name, items, float, int)
        return cls(name=name, kind=ColumnKind.FLOAT, data=array("d", items))

    @classmethod
    def booleans(cls, name: str, values: Iterable[bool]) -> Column:
        """A column of ``True``/``False``, a byte each."""
        items = list(values)
        _require_types(name, items, bool)
        return cls(name=name, kind=ColumnKind.BOOLEAN, data=array("b", items))

    @classmethod
    def dates(cls, name: str, values: Iterable[_dt.date | None]) -> Column:
        """A column of days (``datetime.date``, pendulum's too); ``None`` marks a missing day."""
        items = list(values)
        _require_types(name, items, _dt.date, type(None))
        if any(isinstance(v, _dt.datetime) for v in items):
            raise InvalidInput.one(f"$.{name}", "must hold days, not instants")
        return cls(
            name=name,
            kind=ColumnKind.DATE,
            data=array("i", [_MISSING_DAY if v is None else v.toordinal() for v in items]),
        )

    @classmethod
    def enums(
        cls,
        name: str,
        values: Iterable[enum.Enum | None],
        of: type[enum.Enum],
        *,
        ordered: bool = False,
    ) -> Column:
        """
        A column of members of the enum *of*, kept as codes beside their labels (the
        members' values, in declaration order); *ordered* makes it an ordinal column.
        ``None`` marks a missing value.
        """
        members = list(of)
        code: dict[enum.Enum | None, int] = {m: i for i, m in enumerate(members)}
        code[None] = -1
        items = list(values)
        try:
            codes = array(_code_type(members), map(code.__getitem__, items))
        except KeyError:
            raise InvalidInput.one(f"$.{name}", f"must hold {of.__name__} members") from None
        return cls(
            name=name,
            kind=ColumnKind.ORDINAL if ordered else ColumnKind.CATEGORY,
            categories=tuple(str(m.value) for m in members),
            data=codes,
        )

    @classmethod
    def labels(
        cls, name: str, values: Iterable[str | None], categories: Sequence[str], *, ordered: bool
    ) -> Column:
        """A category (or, *ordered*, ordinal) column of labels from *categories*, in order."""
        code: dict[str | None, int] = {c: i for i, c in enumerate(categories)}
        code[None] = -1
        try:
            codes = array(_code_type(categories), map(code.__getitem__, values))
        except (KeyError, TypeError):
            raise InvalidInput.one(f"$.{name}", "must hold labels of its categories") from None
        return cls(
            name=name,
            kind=ColumnKind.ORDINAL if ordered else ColumnKind.CATEGORY,
            categories=tuple(categories),
            data=codes,
        )

    # --- reading -------------------------------------------------------------------------

    def __len__(self) -> int:
        if self.offsets is not None:
            return len(self.offsets) - 1
        return len(self.data)

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("column index out of range")
        kind = self.kind
        if self.valid is not None and not self.valid[index]:
            return None
        if kind is ColumnKind.STRING:
            assert self.offsets is not None
            return bytes(self.data[self.offsets[index] : self.offsets[index + 1]]).decode()
        value = self.data[index]
        if kind is ColumnKind.BOOLEAN:
            return bool(value)
        if kind is ColumnKind.DATE:
            return None if value == _MISSING_DAY else _dt.date.fromordinal(value)
        if kind in (ColumnKind.CATEGORY, ColumnKind.ORDINAL):
            return None if value < 0 else self.categories[value]
        return value

    def __iter__(self) -> Iterator[Any]:
        return (self[i] for i in range(len(self)))

    def __repr__(self) -> str:
        return f"Column({self.name!r}, {self.kind.value}, {len(self)} values)"

    @property
    def nbytes(self) -> int:
        """The bytes the values take (not counting the column object itself)."""
        size = len(self.data) * (1 if isinstance(self.data, bytes) else self.data.itemsize)
        for extra in (self.offsets, self.valid):
            if extra is not None:
                size += len(extra) * extra.itemsize
        return size + sum(sys.getsizeof(c) for c in self.categories)

    # --- into dataframe libraries ----------------------------------------------------------

    def _numpy(self, np: Any) -> Any:
        """The values as a numpy array (codes for categories, days for dates)."""
        kind = self.kind
        if kind is ColumnKind.BOOLEAN:
            return np.frombuffer(self.data, dtype=np.int8).astype(bool)
        if kind is ColumnKind.INTEGER:
            return np.frombuffer(self.data, dtype=np.int64).copy()
        if kind is ColumnKind.FLOAT:
            return np.frombuffer(self.data, dtype=np.float64).copy()
        if kind is ColumnKind.DATE:
            days = np.frombuffer(self.data, dtype=np.int32).astype(np.int64)
            out = (days - _EPOCH).astype("datetime64[D]")
            out[days == _MISSING_DAY] = np.datetime64("NaT")
            return out
        if kind in (ColumnKind.CATEGORY, ColumnKind.ORDINAL):
            width = np.int8 if self.data.itemsize == 1 else np.int16
            return np.frombuffer(self.data, dtype=width).astype(np.int32)
        return np.array(list(self), dtype=object)

    def to_pandas(self) -> Any:
        """The column as a pandas ``Series`` (see :meth:`Table.to_pandas`)."""
        pd = _require_extra("pandas", "pandas")
        np = importlib.import_module("numpy")
        kind = self.kind
        if kind is ColumnKind.STRING:
            return pd.Series(list(self), name=self.name, dtype="string")
        if kind is ColumnKind.DATE:
            return pd.Series(self._numpy(np).astype("datetime64[s]"), name=self.name)
        if kind is ColumnKind.INTEGER and self.valid is not None:
            return pd.Series(list(self), name=self.name, dtype="Int64")
        if kind in (ColumnKind.CATEGORY, ColumnKind.ORDINAL):
            values = pd.Categorical.from_codes(
                self._numpy(np),
                categories=list(self.categories),
                ordered=kind is ColumnKind.ORDINAL,
            )
            return pd.Series(values, name=self.name)
        return pd.Series(self._numpy(np), name=self.name)

    def to_polars(self) -> Any:
        """The column as a polars ``Series`` (see :meth:`Table.to_polars`)."""
        pl = _require_extra("polars", "polars")
        np = importlib.import_module("numpy")
        kind = self.kind
        if kind is ColumnKind.STRING:
            return pl.Series(self.name, list(self), dtype=pl.String)
        if kind is ColumnKind.DATE:
            return pl.Series(self.name, self._numpy(np), dtype=pl.Date)
        if kind in (ColumnKind.CATEGORY, ColumnKind.ORDINAL):
            return pl.Series(self.name, list(self), dtype=pl.Enum(list(self.categories)))
        if self.valid is not None:
            return pl.Series(self.name, list(self), dtype=pl.Int64)
        return pl.Series(self.name, self._numpy(np))

    def to_arrow(self) -> Any:
        """The column as a pyarrow ``Array`` (see :meth:`Table.to_arrow`)."""
        pa = _require_extra("pyarrow", "arrow")
        np = importlib.import_module("numpy")
        kind = self.kind
        if kind is ColumnKind.STRING:
            return pa.array(list(self), type=pa.string())
        if kind is ColumnKind.DATE:
            return pa.array(self._numpy(np), type=pa.date32())
        if kind in (ColumnKind.CATEGORY, ColumnKind.ORDINAL):
            codes = self._numpy(np)
            indices = pa.array(codes, mask=codes < 0, type=pa.int16())
            return pa.DictionaryArray.from_arrays(
                indices,
                pa.array(self.categories, type=pa.string()),
                ordered=kind is ColumnKind.ORDINAL,
            )
        if self.valid is not None:
            return pa.array(list(self), type=pa.int64())
        return pa.array(self._numpy(np))


def _code_type(categories: Sequence[object]) -> str:
    """The array type of codes for *categories*: a byte while they fit, else two."""
    return "b" if len(categories) < 128 else "h"


def _require_types(name: str, items: list[Any], *kinds: type) -> None:
    """Refuse, at its path, the first item of column *name* that is not of *kinds*."""
    bad = {
        t
        for t in set(map(type, items))
        if not issubclass(t, kinds) or (bool not in kinds and issubclass(t, bool))
    }
    if not bad:
        return
    wanted = " or ".join("None" if k is type(None) else k.__name__ for k in kinds)
    first = next(i for i, item in enumerate(items) if type(item) in bad)
    raise InvalidInput.one(f"$.{name}[{first}]", f"must be {wanted}")


def _columns(items: Iterable[Column]) -> tuple[Column, ...]:
    return as_tuple(items)


def _same_length(instance: Table, attribute: Any, value: tuple[Column, ...]) -> None:
    names = [c.name for c in value]
    if len(set(names)) != len(names):
        raise InvalidInput.one("$.columns", "column names must be unique")
    if len({len(c) for c in value}) > 1:
        raise InvalidInput.one("$.columns", "every column must have the same length")


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Table:
    """
    Columns of one length with unique names: a table without a dict per row.

    ``table["name"]`` is a column (a sequence of plain values), ``len(table)`` the
    number of rows, :attr:`nbytes` the bytes the values take.

    >>> t = Table.of(Column.integers("n", [1, 2]), Column.booleans("even", [False, True]))
    >>> t
    Table(rows=2, columns=('n', 'even'))
    >>> t.kinds
    {'n': 'integer', 'even': 'boolean'}
    """

    columns: tuple[Column, ...] = attrs.field(
        converter=_columns, validator=[items_of(Column), _same_length]
    )

    @classmethod
    def of(cls, *columns: Column) -> Table:
        """A table of *columns*, in order."""
        return cls(columns=columns)

    def __len__(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def __repr__(self) -> str:
        return f"Table(rows={len(self)}, columns={self.names})"

    def __getitem__(self, name: str) -> Column:
        return self.column(name)

    def column(self, name: str) -> Column:
        """The column called *name*; a ``KeyError`` naming it if there is none."""
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"no column {name!r}")

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(c.name for c in self.columns)

    @property
    def kinds(self) -> dict[str, str]:
        """Each column's declared kind."""
        return {c.name: c.kind.value for c in self.columns}

    @property
    def nbytes(self) -> int:
        """The bytes the values of all columns take."""
        return sum(c.nbytes for c in self.columns)

    def to_pandas(self) -> Any:
        """
        A pandas ``DataFrame`` (extra ``jobcenter_core[pandas]``): text as ``string``,
        dates as ``datetime64[s]``, categories as ``category`` (ordered for ordinal
        columns), booleans as ``bool``, numbers as ``int64``/``float64``.
        """
        pd = _require_extra("pandas", "pandas")
        return pd.DataFrame({c.name: c.to_pandas() for c in self.columns})

    def to_polars(self) -> Any:
        """
        A polars ``DataFrame`` (extra ``jobcenter_core[polars]``): dates as ``pl.Date``,
        categories and ordinals as ``pl.Enum`` in their order.
        """
        pl = _require_extra("polars", "polars")
        return pl.DataFrame([c.to_polars() for c in self.columns])

    def to_arrow(self) -> Any:
        """
        A pyarrow ``Table`` (extra ``jobcenter_core[arrow]``): dates as ``date32``,
        categories as dictionaries (ordered for ordinal columns).
        """
        pa = _require_extra("pyarrow", "arrow")
        return pa.table({c.name: c.to_arrow() for c in self.columns})
