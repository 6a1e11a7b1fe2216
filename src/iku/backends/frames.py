"""Evaluations as data frames: the long results frame and the issues frame, pandas or polars.

The results frame is built from the columnar results (:mod:`iku.backends.columnar`), with no
Python object per row: numbers are taken as they are, band numbers become categories (pandas)
or Enums (polars) by their codes, the issue codes an Arrow list column made from offsets (a
``list<string>`` ``pd.ArrowDtype`` in pandas when pyarrow is installed, else a list per row),
and key columns keep the type they had in the input (a pandas ``category`` stays one).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from iku.backends.columnar import RESULT_COLUMNS, Labels, Results
from iku.backends.columns import python_values, take
from iku.errors import MissingDependencyError

if TYPE_CHECKING:
    from iku.backends.columns import KeyColumn
    from iku.backends.table import TableOutput
    from iku.validation import Issue

__all__ = [
    "ISSUE_COLUMNS",
    "RESULT_COLUMNS",
    "frame_of",
    "issues_frame",
    "pandas_frame",
    "polars_frame",
    "results_frame",
]

ISSUE_COLUMNS = ("row", "indicator", "variable", "code", "severity", "message")
"""The columns of ``Evaluation.issues_frame()`` after the key columns."""


def pandas_module() -> Any:
    """pandas, or a :class:`MissingDependencyError` naming the extra that installs it."""
    try:
        import pandas
    except ImportError:
        msg = "this needs pandas: pip install 'iku[pandas]'"
        raise MissingDependencyError(msg) from None
    return pandas


def polars_module() -> Any:
    """polars, or a :class:`MissingDependencyError` naming the extra that installs it."""
    try:
        import polars
    except ImportError:
        msg = "this needs polars: pip install 'iku[polars]'"
        raise MissingDependencyError(msg) from None
    return polars


def _arrow_or_none() -> Any | None:
    """pyarrow if it is installed (frames are then built from Arrow buffers), else None."""
    try:
        import pyarrow
    except ImportError:
        return None
    return pyarrow


def results_frame(results: Results) -> Any:
    """``ev.to_frame()``: a polars frame for a polars input, else pandas."""
    if results.flavour == "polars":
        return polars_frame(results)
    return pandas_frame(results)


def polars_frame_of(parts: Iterable[Results]) -> Any:
    """The results given in slices (:func:`~iku.backends.columnar.batches`) as one polars
    frame whose chunks are the slices: only one slice's numpy columns are alive at a time,
    so the frame costs little memory beyond itself (polars reads a chunked frame as one)."""
    pl = polars_module()
    frames = [polars_frame(part) for part in parts]
    if len(frames) == 1:
        return frames[0]
    return pl.concat(frames, how="vertical", rechunk=False)


def frame_of(columns: dict[Any, Any], flavour: str) -> Any:
    """A pandas or polars frame (``flavour``) of ``columns``: numpy arrays (float NaN becomes
    null in polars), pandas or polars Series, or lists. For tables other than the results
    (monitoring's); the results have their own builders below."""
    if flavour == "polars":
        pl = polars_module()
        return pl.DataFrame([_polars_series(pl, str(name), v) for name, v in columns.items()])
    pd = pandas_module()
    length = max((len(v) for v in columns.values() if hasattr(v, "__len__")), default=0)
    data = {
        name: values.reset_index(drop=True) if isinstance(values, pd.Series) else values
        for name, values in columns.items()
    }
    return pd.DataFrame(data, index=pd.RangeIndex(length))


_frame = frame_of  # its first name


# --- pandas ----------------------------------------------------------------------------------


def pandas_frame(results: Results) -> Any:
    """The results as a pandas DataFrame (see :meth:`iku.Evaluation.to_frame`)."""
    pd = pandas_module()
    results.check_keys()
    rows = results.row_index()
    columns: dict[Any, Any] = {key.name: _pandas_take(key, rows) for key in results.keys}
    columns["indicator"] = _pandas_text(pd, results.codes, results.indicator_index())
    if results.period is not None:
        columns["period"] = _pandas_take(results.period, rows)
    else:
        columns["period"] = pd.Series([results.period_single]).take(np.zeros(results.size, np.intp))
    for name in RESULT_COLUMNS[2:]:
        if name == "category":
            columns[name] = _categorical(pd, results.category)
        elif name == "grade":
            columns[name] = _categorical(pd, results.grade)
        elif name == "issues":
            columns[name] = _pandas_issues(pd, results)
        else:
            columns[name] = results.numbers[name]
            if name == "target" and results.ranged:
                columns["target_hi"] = results.numbers["target_hi"]
    data = {
        name: values.reset_index(drop=True) if isinstance(values, pd.Series) else values
        for name, values in columns.items()
    }
    return pd.DataFrame(data, index=pd.RangeIndex(results.size), copy=False)


def _pandas_take(key: KeyColumn, rows: npt.NDArray[np.intp]) -> Any:
    return take(key.native, rows)


def _pandas_text(pd: Any, names: Sequence[str], index: npt.NDArray[Any]) -> Any:
    """Text gathered by ``index`` in pandas' default text dtype (Arrow-backed where pandas
    makes text so by default, built from Arrow buffers with no Python string per row)."""
    pa = _arrow_or_none()
    dtype = pd.Series(["x"]).dtype
    if pa is not None and isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        chunks = pa.chunked_array([pa.array(list(names), pa.large_string()).take(index)])
        return pd.Series(pd.array(chunks, dtype=dtype), copy=False)
    return np.array(list(names), dtype=object)[index]


def _categorical(pd: Any, labels: Labels) -> Any:
    return pd.Categorical.from_codes(
        labels.codes, categories=list(labels.labels), ordered=labels.ordered
    )


def _pandas_issues(pd: Any, results: Results) -> Any:
    """The issue codes: an Arrow ``list<string>`` column, or lists of text without pyarrow."""
    if _arrow_or_none() is not None:
        from iku.backends.arrow import issue_lists

        return pd.arrays.ArrowExtensionArray(issue_lists(results))
    # a list of its own on every row
    return np.fromiter(results.code_lists(), dtype=object, count=results.size)


# --- polars ----------------------------------------------------------------------------------


def polars_frame(results: Results) -> Any:
    """The results as a polars DataFrame (see :meth:`iku.Evaluation.to_frame`)."""
    pl = polars_module()
    results.check_keys()
    rows = _Rows(results)
    series = [_polars_key(pl, key.native, rows).alias(str(key.name)) for key in results.keys]
    codes = pl.Series("indicator", list(results.codes), dtype=pl.String)
    series.append(codes.gather(results.indicator_index()))
    if results.period is not None:
        series.append(_polars_key(pl, results.period.native, rows).alias("period"))
    else:
        single = _polars_series(pl, "period", [results.period_single])
        series.append(single.gather(np.zeros(results.size, dtype=np.uint32)))
    del rows
    for name in RESULT_COLUMNS[2:]:
        if name in ("category", "grade"):
            labels = results.category if name == "category" else results.grade
            series.append(_enum(pl, name, labels))
        elif name == "issues":
            series.append(_polars_issues(pl, results))
        else:
            series.append(pl.Series(name, results.numbers[name], nan_to_null=True))
            if name == "target" and results.ranged:
                hi = results.numbers["target_hi"]
                series.append(pl.Series("target_hi", hi, nan_to_null=True))
    return pl.DataFrame(series)


class _Rows:
    """The output row of each entry, made once if a key column needs it (as ``u32``, what
    polars gathers by)."""

    def __init__(self, results: Results) -> None:
        self.results = results
        self.repeat = len(results.codes)
        self._index: npt.NDArray[Any] | None = None

    @property
    def index(self) -> npt.NDArray[Any]:
        if self._index is None:
            small = self.results.start + self.results.n < 2**32
            self._index = self.results.row_index(np.uint32 if small else np.int64)
        return self._index

    @property
    def window(self) -> slice:
        return slice(self.results.start, self.results.start + self.results.n)


def _polars_key(pl: Any, native: Any, rows: _Rows) -> Any:
    """A key column with each row's value repeated for its indicators: numbers without nulls
    by ``numpy.repeat`` (no index needed), anything else gathered."""
    if isinstance(native, pl.Series):
        if native.dtype.is_numeric() and not native.null_count():
            values = native.to_numpy()[rows.window]
            return pl.Series(native.name, np.repeat(values, rows.repeat), dtype=native.dtype)
        return native.gather(rows.index)
    return _polars_series(pl, "", take(native, rows.index))


def _polars_series(pl: Any, name: str, values: Any) -> Any:
    if isinstance(values, pl.Series):
        return values.alias(name)
    if isinstance(values, np.ndarray) and values.dtype.kind == "f":
        return pl.Series(name, values, nan_to_null=True)
    if isinstance(values, np.ndarray) and values.dtype.kind in "iuUb":
        return pl.Series(name, values)
    items = values.tolist() if isinstance(values, np.ndarray) else list(values)
    try:
        return pl.Series(name, items)
    except (TypeError, ValueError, OverflowError, pl.exceptions.PolarsError):
        return pl.Series(name, items, dtype=pl.Object)


def _enum(pl: Any, name: str, labels: Labels) -> Any:
    """A polars Enum gathered from the labels by band number (null where there is none)."""
    dtype = pl.Enum(list(labels.labels))
    index = pl.Series(labels.codes)
    index = pl.select(pl.when(index >= 0).then(index)).to_series()
    return pl.Series(name, list(labels.labels), dtype=dtype).gather(index)


def _polars_issues(pl: Any, results: Results) -> Any:
    pa = _arrow_or_none()
    if pa is not None:
        from iku.backends.arrow import issue_lists

        return pl.Series("issues", issue_lists(results, large=True))
    return pl.Series("issues", results.code_lists(), dtype=pl.List(pl.String))


# --- issues ----------------------------------------------------------------------------------


def issues_frame(out: TableOutput | None, issues: Sequence[Issue], lang: str = "id") -> Any:
    """``ev.issues_frame(lang)``: one row per issue, with the row's keys when it has them
    (``out`` is the table evaluated, None for one unit)."""
    key_names: list[Any] = [key.name for key in out.keys] if out is not None else []
    if out is not None and out.has_period_column:
        key_names.append("period")
    columns: dict[Any, list[Any]] = {name: [] for name in key_names}
    for name in ISSUE_COLUMNS:
        columns.setdefault(name, [])
    input_keys = _input_keys(out, key_names) if out is not None and out.grouped else {}
    for issue in issues:
        row = issue.row
        for name in key_names:
            if isinstance(row, dict):
                columns[name].append(row.get(name))
            elif isinstance(row, int) and name in input_keys:
                columns[name].append(input_keys[name][row])
            else:
                columns[name].append(None)
        columns["row"].append(row if isinstance(row, int) else None)
        columns["indicator"].append(issue.indicator)
        columns["variable"].append(issue.variable)
        columns["code"].append(str(issue.code))
        columns["severity"].append(str(issue.severity))
        columns["message"].append(issue.describe(lang))
    flavour = "polars" if out is not None and out.flavour == "polars" else "pandas"
    if flavour == "pandas":
        pd = pandas_module()
        frame = pd.DataFrame(
            {name: pd.Series(values, dtype=object) for name, values in columns.items()}
        )
        frame["row"] = pd.array(columns["row"], dtype="Int64")
        return frame
    pl = polars_module()
    return pl.DataFrame([_polars_series(pl, str(name), values) for name, values in columns.items()])


def _input_keys(out: TableOutput, names: Sequence[Any]) -> dict[Any, npt.NDArray[np.object_]]:
    """Key values of the input rows, by input row position (for grouped evaluations)."""
    found = {}
    for name in names:
        if name in out.table:
            found[name] = python_values(out.table.key(name).native)
    return found
