"""Tables read as float64 columns with what is wrong with each value; keys factorised for grouping.

A table is a pandas DataFrame, a polars DataFrame or a mapping of column name to a sequence of
one common length. Each variable column becomes a :class:`Column`: float64 values (taken
without copying where the source already is float64), and the status of values that are no
number at all (missing, text, bools...), found with vectorised operations where the source is
typed and by looking at each value only in object columns. Missing is the same in every
source: None, NaN (a float NaN, numpy's, pandas' marker of a blank cell, a polars NaN), pandas'
NA/NaT, polars' null; an infinity is not finite.
"""

from __future__ import annotations

import contextlib
import math
import re
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from iku.backends.shapes import is_pandas_frame, is_polars_frame, is_series, sequence_length
from iku.validation import MISSING, NOT_A_NUMBER, OK, check_status, is_pandas_missing

__all__ = ["Column", "KeyColumn", "Table", "factorize", "python_values", "read_column", "take"]

Floats = npt.NDArray[np.float64]
Status = npt.NDArray[np.int8]
Codes = npt.NDArray[np.intp]
Objects = npt.NDArray[np.object_]


class Column:
    """One variable column: float64 ``values`` (NaN where there is no number), ``status`` of
    the values that are no number (None when all are), and the raw value of a row for messages."""

    __slots__ = ("integral", "raw", "status", "values")

    def __init__(
        self,
        values: Floats,
        status: Status | None,
        raw: Callable[[int], object],
        *,
        integral: bool = False,
    ) -> None:
        self.values = values
        self.status = status
        self.raw = raw
        self.integral = integral


def _nothing(i: int) -> None:
    return None


def _absent(n: int) -> Column:
    return Column(np.full(n, math.nan), np.full(n, MISSING, dtype=np.int8), _nothing)


def _not_numbers(
    n: int, missing: npt.NDArray[np.bool_] | None, raw: Callable[[int], object]
) -> Column:
    status = np.full(n, NOT_A_NUMBER, dtype=np.int8)
    if missing is not None:
        status[missing] = MISSING
    return Column(np.full(n, math.nan), status, raw)


def _object_array(items: Iterable[object], n: int) -> Objects:
    # np.array(items) would unpack nested sequences and turn bools into numbers
    return np.fromiter(items, dtype=object, count=n)


def _from_objects(items: Objects, raw: Callable[[int], object]) -> Column:
    """Inspect each value of an object column: one pass over its types, vectorised per type."""
    n = len(items)
    values = np.full(n, math.nan)
    status = np.zeros(n, dtype=np.int8)
    kinds = list(map(type, items))
    # compared by id: numpy would treat a numpy type on one side of == as an array-like
    ids = np.fromiter(map(id, kinds), dtype=np.int64, count=n)
    for kind in set(kinds):
        where = np.flatnonzero(ids == id(kind))
        if (
            kind is float
            or kind is int
            or (issubclass(kind, np.number) and kind.__module__ == "numpy")
        ):
            try:
                values[where] = items[where].astype(np.float64)
                continue
            except OverflowError:
                pass
        for i in where.tolist():
            values[i], status[i] = check_status(items[i], "real", None)
    return Column(values, status if status.any() else None, raw)


def _from_numpy(array: npt.NDArray[Any], raw: Callable[[int], object] | None = None) -> Column:
    raw = raw or array.__getitem__
    n, kind = len(array), array.dtype.kind
    if isinstance(array, np.ma.MaskedArray):
        column = _from_numpy(np.ma.getdata(array), raw)
        mask = np.ma.getmaskarray(array)
        if mask.any():
            status = column.status if column.status is not None else np.zeros(n, dtype=np.int8)
            status[mask] = MISSING
            column.status = status
        return column
    if kind == "f":
        return Column(array.astype(np.float64, copy=False), None, raw)
    if kind in "iu":
        return Column(array.astype(np.float64), None, raw, integral=True)
    if kind == "O":
        return _from_objects(array, raw)
    return _not_numbers(n, None, raw)


def _from_sequence(values: Sequence[Any]) -> Column:
    return _from_objects(_object_array(values, len(values)), values.__getitem__)


def _from_pandas(series: Any) -> Column:
    import pandas as pd

    dtype, n, raw = series.dtype, len(series), series.iloc.__getitem__
    if isinstance(dtype, np.dtype):
        if dtype.kind == "f":
            values = series.to_numpy(dtype=np.float64, copy=False)
            return Column(values, None, raw)
        if dtype.kind in "iu":
            return Column(series.to_numpy(dtype=np.float64), None, raw, integral=True)
        if dtype.kind == "O":
            column = _from_objects(series.to_numpy(), raw)
            missing = _pandas_missing(series)  # what pandas calls missing: NaN, None, NA, NaT
            if missing.any():
                status = column.status if column.status is not None else np.zeros(n, np.int8)
                status[missing] = MISSING
                column.status = status
            return column
        return _not_numbers(n, series.isna().to_numpy(), raw)
    if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_numeric_dtype(dtype):
        if isinstance(dtype, pd.CategoricalDtype):
            return _from_objects(series.to_numpy(dtype=object), raw)
        return _not_numbers(n, series.isna().to_numpy(), raw)
    missing = series.isna().to_numpy()
    values = series.to_numpy(dtype=np.float64, na_value=math.nan)
    known = np.where(missing, MISSING, OK).astype(np.int8) if missing.any() else None
    integral = pd.api.types.is_integer_dtype(dtype)
    return Column(values, known, raw, integral=integral)


def _pandas_missing(series: Any) -> npt.NDArray[np.bool_]:
    try:
        return np.asarray(series.isna().to_numpy(), dtype=bool)
    except Exception:  # pandas cannot look at some values (Decimal("sNaN")): look one by one
        return np.fromiter(map(_missing, series.tolist()), dtype=bool, count=len(series))


def _missing(value: object) -> bool:
    if value is None or is_pandas_missing(value):
        return True
    try:
        return isinstance(value, float | np.floating) and bool(value != value)
    except Exception:
        return False


def _from_polars(series: Any) -> Column:
    import polars as pl

    dtype, n, raw = series.dtype, len(series), series.__getitem__
    missing = series.is_null().to_numpy() if series.null_count() else None
    status = None
    if missing is not None:
        status = np.where(missing, MISSING, OK).astype(np.int8)
    if dtype.is_float() or dtype.is_decimal():
        values = series.cast(pl.Float64).to_numpy()
        return Column(values, status, raw)
    if dtype.is_integer():
        values = series.cast(pl.Float64).to_numpy()
        return Column(values, status, raw, integral=True)
    if dtype == pl.Object:
        return _from_objects(_object_array(series.to_list(), n), raw)
    return _not_numbers(n, missing, raw)


def read_column(value: Any) -> Column:
    """A :class:`Column` from any column-like value (numpy array, pandas or polars Series, a
    sequence)."""
    if isinstance(value, np.ndarray):
        return _from_numpy(value)
    pandas, polars = sys.modules.get("pandas"), sys.modules.get("polars")
    if pandas is not None and isinstance(value, pandas.Series | pandas.Index):
        return _from_pandas(pandas.Series(value) if isinstance(value, pandas.Index) else value)
    if polars is not None and isinstance(value, polars.Series):
        return _from_polars(value)
    return _from_sequence(value)


class KeyColumn:
    """A key column: ``native`` as the source holds it (to build output frames) and its Python
    values on demand (for ``Result.keys`` and ``Issue.row``)."""

    __slots__ = ("_python", "name", "native")

    def __init__(self, name: Any, native: Any) -> None:
        self.name = name
        self.native = native
        self._python: Objects | None = None

    def python(self) -> Objects:
        """Every value as a Python object (numpy scalars turned into int, float, str...)."""
        if self._python is None:
            self._python = python_values(self.native)
        return self._python

    def take(self, index: Codes) -> KeyColumn:
        """The rows at ``index``, in the source's own type."""
        return KeyColumn(self.name, take(self.native, index))


def python_values(native: Any) -> Objects:
    """Python objects of a column (numpy array, pandas or polars Series, or a sequence)."""
    if isinstance(native, np.ndarray):
        out = native.astype(object) if native.dtype != object else native
        return np.asarray(out, dtype=object)
    pandas = sys.modules.get("pandas")
    if pandas is not None and isinstance(native, pandas.Series | pandas.Index):
        items = native.tolist()
    elif hasattr(native, "to_list"):
        items = native.to_list()
    else:
        items = list(native)
    return _object_array(items, len(items))


def take(native: Any, index: Codes) -> Any:
    """``native[index]`` keeping the source's type (pandas keeps its dtype, polars its)."""
    pandas = sys.modules.get("pandas")
    if pandas is not None and isinstance(native, pandas.Series):
        return pandas.Series(native.array.take(index), name=native.name)
    if isinstance(native, np.ndarray):
        return native[index]
    polars = sys.modules.get("polars")
    if polars is not None and isinstance(native, polars.Series):
        return native.gather(index)
    return _object_array((native[i] for i in index.tolist()), len(index))


class Table:
    """The columns of a table, read lazily, and its flavour: ``"pandas"``, ``"polars"`` or
    ``"numpy"`` (a mapping of sequences).

    ``duplicates`` names the columns the table has more than once, with how many times: pandas
    allows repeated labels, and polars' readers rename a repeated header ``x`` to
    ``x_duplicated_0``; a mapping cannot repeat a key.
    """

    def __init__(self, data: Any) -> None:
        if is_pandas_frame(data):
            self.flavour = "pandas"
            named = [name for name in data.index.names if name is not None]
            if named:  # a named index (df.set_index("kelurahan")) holds keys: make them columns
                # (a level named like a column stays out)
                with contextlib.suppress(ValueError, TypeError):
                    data = data.reset_index(level=named)
            self.names: tuple[Any, ...] = tuple(dict.fromkeys(data.columns))
            self.n = len(data)
            self._get: Callable[[Any], Any] = _FirstColumn(data)
            self.duplicates: dict[Any, int] = {}
            if len(self.names) < len(data.columns):
                counts = Counter(data.columns)
                self.duplicates = {name: count for name, count in counts.items() if count > 1}
        elif is_polars_frame(data):
            if not hasattr(data, "to_numpy"):  # a LazyFrame
                data = data.collect()
            self.flavour = "polars"
            self.names = tuple(data.columns)
            self.n = data.height
            self._get = data.get_column
            self.duplicates = _renamed_duplicates(self.names)
        else:
            self.flavour = "numpy"
            self.names = tuple(data)
            lengths = [sequence_length(v) for v in data.values()]
            self.n = lengths[0] or 0 if lengths else 0
            self._get = data.__getitem__
            self.duplicates = {}
        self._columns: dict[Any, Column] = {}

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def column(self, name: str) -> Column:
        """Variable column ``name`` (all ``missing_value`` when the table has no such column)."""
        if name not in self._columns:
            if name not in self.names:
                self._columns[name] = _absent(self.n)
            elif self.flavour == "pandas":
                self._columns[name] = _from_pandas(self._get(name))
            elif self.flavour == "polars":
                self._columns[name] = _from_polars(self._get(name))
            else:
                self._columns[name] = read_column(self._get(name))
        return self._columns[name]

    def key(self, name: Any) -> KeyColumn:
        """Key column ``name`` as the source holds it."""
        native = self._get(name)
        if self.flavour == "numpy" and not isinstance(native, np.ndarray) and not is_series(native):
            native = _object_array(native, len(native))
        return KeyColumn(name, native)


class _FirstColumn:
    """``frame[name]`` as a Series, the first one where a name is repeated (a class rather than
    a closure, so that a table pickles)."""

    __slots__ = ("frame",)

    def __init__(self, frame: Any) -> None:
        self.frame = frame

    def __call__(self, name: Any) -> Any:
        found = self.frame[name]
        return found.iloc[:, 0] if found.ndim == 2 else found


_RENAMED: Final = re.compile(r"(.+)_duplicated_(\d+)")


def _renamed_duplicates(names: Sequence[Any]) -> dict[Any, int]:
    """Columns a polars reader found twice: ``x`` and ``x_duplicated_0``, ``x_duplicated_1``..."""
    present = set(names)
    counts: dict[Any, int] = {}
    for name in names:
        found = _RENAMED.fullmatch(name) if isinstance(name, str) else None
        if found is not None and found.group(1) in present:
            counts[found.group(1)] = counts.get(found.group(1), 1) + 1
    return counts


# --- grouping -------------------------------------------------------------------------------

_DENSE: Final = 4
"""Integer keys spanning at most this many times the row count are factorised by counting."""


def factorize(columns: Sequence[KeyColumn], n: int) -> tuple[Codes, int, list[KeyColumn]]:
    """Group ids of ``n`` rows by the values of ``columns``: ``(codes, count, keys)`` where
    ``codes[i]`` is row i's group, groups are sorted by their keys (where the keys can be
    compared; else in order of first appearance), and ``keys`` holds each group's key values."""
    if not columns:
        return np.zeros(n, dtype=np.intp), (1 if n else 0), []
    dense = _factorize_dense(columns, n)
    if dense is not None:
        return dense
    codes, uniques = _factorize_one(columns[0].native)
    keys = [KeyColumn(columns[0].name, uniques)]
    count = len(uniques)
    for column in columns[1:]:
        part, uniques = _factorize_one(column.native)
        size = len(uniques)
        # combine with the groups so far and renumber at once, so codes stay below n * size
        distinct, codes = _compress(codes * size + part, count * size)
        keys = [key.take(distinct // size) for key in keys]
        keys.append(KeyColumn(column.name, take(uniques, distinct % size)))
        count = len(distinct)
    return codes, count, keys


def _integers(native: Any) -> npt.NDArray[Any] | None:
    """The values of an integer key column without missing values, else None."""
    pandas, polars = sys.modules.get("pandas"), sys.modules.get("polars")
    if pandas is not None and isinstance(native, pandas.Series):
        dtype = native.dtype
        if isinstance(dtype, np.dtype) and dtype.kind in "iu":
            return np.asarray(native.to_numpy())
        return None
    if polars is not None and isinstance(native, polars.Series):
        if native.dtype.is_integer() and not native.null_count():
            return np.asarray(native.to_numpy())
        return None
    if isinstance(native, np.ndarray) and native.dtype.kind in "iu":
        return native
    return None


def _small_ints(native: Any) -> npt.NDArray[Any] | None:
    """:func:`_integers`, of a type whose every value fits in an ``intp``."""
    ints = _integers(native)
    if ints is None or (ints.dtype.kind == "u" and ints.dtype.itemsize >= 8):
        return None
    return ints


def _factorize_dense(
    columns: Sequence[KeyColumn], n: int
) -> tuple[Codes, int, list[KeyColumn]] | None:
    """:func:`factorize` of integer keys whose combined span is small (units numbered 1 to
    1,000 by year, say): one group number per row from all the keys at once, then one count,
    as a hand-written ``numpy.bincount`` grouping does. None when the keys are not such."""
    found = []
    span = 1
    for column in columns:
        ints = _small_ints(column.native)
        if ints is None or not len(ints):
            return None
        lo, hi = int(ints.min()), int(ints.max())
        size = hi - lo + 1
        span *= size
        if span > _DENSE * n + 1024:
            return None
        found.append((column, ints, lo, size))
    combined = np.zeros(n, dtype=np.intp)
    for _, ints, lo, size in found:
        combined *= size
        combined += ints.astype(np.intp, copy=False)
        combined -= lo
    distinct, codes = _compress(combined, span)
    count = len(distinct)
    keys = []
    polars = sys.modules.get("polars")
    for column, ints, lo, size in reversed(found):
        values = (distinct % size + lo).astype(ints.dtype)
        distinct = distinct // size
        native: Any = values
        if polars is not None and isinstance(column.native, polars.Series):
            native = polars.Series(column.native.name, values, dtype=column.native.dtype)
        keys.append(KeyColumn(column.name, native))
    return codes, count, keys[::-1]


def _compress(codes: Codes, span: int) -> tuple[Codes, Codes]:
    """The distinct values of ``codes`` (sorted) and each code's position among them."""
    if span <= _DENSE * len(codes) + 1024:
        present = np.bincount(codes, minlength=span) > 0
        remap = np.cumsum(present) - 1
        return np.flatnonzero(present), remap[codes]
    distinct, inverse = np.unique(codes, return_inverse=True)
    return distinct, inverse.reshape(-1)


def _factorize_one(native: Any) -> tuple[Codes, Any]:
    """Codes and sorted distinct values of one key column."""
    pandas, polars = sys.modules.get("pandas"), sys.modules.get("polars")
    if pandas is not None and isinstance(native, pandas.Series):
        if isinstance(native.dtype, np.dtype) and native.dtype.kind in "iub":
            return _factorize_numpy(native.to_numpy())
        return _factorize_pandas(native)
    if polars is not None and isinstance(native, polars.Series):
        if native.dtype.is_integer() and not native.null_count():
            codes, uniques = _factorize_numpy(native.to_numpy())
            return codes, polars.Series(native.name, uniques, dtype=native.dtype)
        return _factorize_polars(native)
    return _factorize_numpy(np.asarray(native) if not isinstance(native, np.ndarray) else native)


def _factorize_numpy(array: npt.NDArray[Any]) -> tuple[Codes, Any]:
    if array.dtype.kind in "iub" and len(array):
        ints = array.astype(np.int64, copy=False)
        lo, hi = int(ints.min()), int(ints.max())
        if hi - lo <= _DENSE * len(ints) + 1024:
            distinct, codes = _compress((ints - lo).astype(np.intp), hi - lo + 1)
            return codes, (distinct + lo).astype(array.dtype)
    if array.dtype.kind == "O":
        pandas = sys.modules.get("pandas")
        if pandas is not None:
            codes, uniques = _factorize_pandas(pandas.Series(array, dtype=object))
            # pandas turns a None key into NaN: keep the keys as they were given
            first = np.full(len(uniques), len(array), dtype=np.intp)
            np.minimum.at(first, codes, np.arange(len(array), dtype=np.intp))
            return codes, array[first]
        try:
            distinct, codes = np.unique(array, return_inverse=True)
            return codes.reshape(-1).astype(np.intp), distinct
        except TypeError:
            return _factorize_python(array)
    distinct, codes = np.unique(array, return_inverse=True)
    return codes.reshape(-1).astype(np.intp), distinct


def _factorize_pandas(series: Any) -> tuple[Codes, Any]:
    import pandas as pd

    for sort in (True, False):
        try:
            with warnings.catch_warnings():  # pandas warns while sorting huge integers
                warnings.simplefilter("ignore", RuntimeWarning)
                codes, uniques = pd.factorize(series, sort=sort, use_na_sentinel=False)
            return codes.astype(np.intp, copy=False), pd.Series(uniques, name=series.name)
        except Exception:  # keys that cannot be compared or hashed (or Decimal("sNaN"))
            continue
    return _factorize_python(series.to_numpy(dtype=object))


def _factorize_polars(series: Any) -> tuple[Codes, Any]:
    import polars as pl

    frame = pl.DataFrame({"k": series}).with_row_index("i")
    grouped = frame.group_by("k").agg(pl.col("i"))
    try:
        grouped = grouped.sort("k", nulls_last=True)
    except pl.exceptions.PolarsError:  # keys that cannot be sorted keep their first appearance
        grouped = frame.group_by("k", maintain_order=True).agg(pl.col("i"))
    rows = grouped.get_column("i")
    codes = np.empty(len(series), dtype=np.intp)
    sizes = rows.list.len().to_numpy()
    codes[rows.explode().to_numpy()] = np.repeat(np.arange(len(grouped), dtype=np.intp), sizes)
    return codes, grouped.get_column("k").alias(series.name)


def _factorize_python(items: Objects) -> tuple[Codes, Any]:
    """First-appearance factorisation of values that numpy cannot sort (mixed types, None,
    even unhashable values, which are grouped by their repr)."""
    seen: dict[Any, int] = {}
    codes = np.empty(len(items), dtype=np.intp)
    firsts: list[int] = []
    for i, item in enumerate(items.tolist()):
        try:
            key: Any = (type(item), item) if bool(item == item) else ("nan", type(item))
            hash(key)
        except Exception:  # unhashable, or a value whose == is not a bool
            key = ("repr", type(item), repr(item))
        code = seen.setdefault(key, len(seen))
        if code == len(firsts):
            firsts.append(i)
        codes[i] = code
    return codes, items[np.array(firsts, dtype=np.intp)]
