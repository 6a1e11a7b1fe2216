"""Evaluations as data frames: the long results frame and the issues frame, pandas or polars.

Built only when asked for, straight from the columns of a table evaluation: values and
achievements are stacked row-major (row, then indicator), band numbers become labels once, and
key columns keep the type they had in the input (a pandas ``category`` stays one).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from iku.backends.columns import python_values, take
from iku.errors import MissingDependencyError
from iku.scales import Scale, TargetRange

if TYPE_CHECKING:
    from iku.backends.table import TableOutput
    from iku.evaluation import Evaluation, Result
    from iku.validation import Issue

__all__ = ["ISSUE_COLUMNS", "RESULT_COLUMNS", "issues_frame", "results_frame"]

RESULT_COLUMNS = (
    "indicator",
    "period",
    "value",
    "target",
    "achievement",
    "category",
    "grade",
    "numerator",
    "denominator",
    "issues",
)
"""The columns of ``Evaluation.to_frame()`` after the key columns (``target_hi`` follows
``target`` when a target is a range)."""

ISSUE_COLUMNS = ("row", "indicator", "variable", "code", "severity", "message")
"""The columns of ``Evaluation.issues_frame()`` after the key columns."""


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        msg = "this needs pandas: pip install 'iku[pandas]'"
        raise MissingDependencyError(msg) from None
    return pandas


def _frame(columns: dict[Any, Any], flavour: str) -> Any:
    if flavour == "polars":
        import polars as pl

        return pl.DataFrame([_polars_series(name, values) for name, values in columns.items()])
    pd = _pandas()
    length = max((len(v) for v in columns.values() if hasattr(v, "__len__")), default=0)
    data = {
        name: (values.reset_index(drop=True) if isinstance(values, pd.Series) else values)
        for name, values in columns.items()
    }
    return pd.DataFrame(data, index=pd.RangeIndex(length))


def _polars_series(name: Any, values: Any) -> Any:
    import polars as pl

    if isinstance(values, pl.Series):
        return values.alias(str(name))
    if isinstance(values, np.ndarray) and values.dtype.kind == "f":
        return pl.Series(str(name), values, nan_to_null=True)
    if isinstance(values, _Labels):
        return values.polars(str(name))
    if isinstance(values, _Issues):
        return values.polars(str(name))
    if isinstance(values, np.ndarray) and values.dtype.kind == "U":
        return pl.Series(str(name), values, dtype=pl.String)
    items = values.tolist() if isinstance(values, np.ndarray) else list(values)
    try:
        return pl.Series(str(name), items)
    except (TypeError, ValueError, OverflowError, pl.exceptions.PolarsError):
        return pl.Series(str(name), items, dtype=pl.Object)


class _Labels:
    """Band numbers and their labels: a pandas Categorical or a polars Enum when framed."""

    def __init__(self, codes: npt.NDArray[np.int16], labels: Sequence[str], ordered: bool) -> None:
        self.codes, self.labels, self.ordered = codes, tuple(labels), ordered

    def __len__(self) -> int:
        return len(self.codes)

    def polars(self, name: str) -> Any:
        """A polars Enum gathered from the labels by code (null where there is none)."""
        import polars as pl

        labels = pl.Series(name, list(self.labels), dtype=pl.Enum(list(self.labels)))
        index = pl.Series(self.codes.astype(np.int64))
        index = pl.select(pl.when(index >= 0).then(index)).to_series()  # -1: no band, null
        return labels.gather(index).alias(name)

    def pandas(self) -> Any:
        pd = _pandas()
        return pd.Categorical.from_codes(
            self.codes, categories=list(self.labels), ordered=self.ordered
        )


def _labels(parts: Sequence[tuple[npt.NDArray[np.int8], Scale | None]], n: int) -> _Labels:
    """Stack per-indicator band numbers (row-major) into one labelled column."""
    labels: list[str] = []
    luts = []
    for _, scale in parts:
        names = [] if scale is None else list(scale.labels)
        for label in names:
            if label not in labels:
                labels.append(label)
        luts.append(np.array([labels.index(x) for x in names] + [-1], dtype=np.int16))
    stacked = np.empty((n, len(parts)), dtype=np.int16)
    for j, ((codes, _), lut) in enumerate(zip(parts, luts, strict=True)):
        stacked[:, j] = lut[codes] if len(codes) else -1  # -1 indexes the lut's last: none
    # labels from the lowest band up; ordered when every indicator shares one scale
    order = labels[::-1]
    remap = np.array([order.index(x) for x in labels] + [-1], dtype=np.int16)
    scales = {scale for _, scale in parts if scale is not None}
    return _Labels(remap[stacked.ravel()], order, ordered=len(scales) == 1)


def results_frame(ev: Evaluation) -> Any:
    """``ev.to_frame()``: long format, one row per output row and indicator."""
    out = ev.table_output
    if out is None:
        return _results_frame_of(ev.results, "pandas")
    return _table_frame(out)


def _table_frame(out: TableOutput) -> Any:
    n, inds = out.n, out.indicators
    k = len(inds)
    repeat = np.repeat(np.arange(n, dtype=np.intp), k)
    columns: dict[Any, Any] = {key.name: take(key.native, repeat) for key in out.keys}
    codes = np.array([ind.code for ind in inds], dtype=object if out.flavour != "polars" else str)
    columns["indicator"] = np.tile(codes, n)
    if out.periods.column is not None:
        columns["period"] = take(out.periods.column.native, repeat)
    else:
        columns["period"] = np.full(n * k, out.periods.single, dtype=object)

    def stack(arrays: Sequence[Any]) -> npt.NDArray[np.float64]:
        block = np.empty((n, k), dtype=np.float64)
        for j, array in enumerate(arrays):
            block[:, j] = math.nan if array is None else array
        return block.ravel()

    columns["value"] = stack([ind.value for ind in inds])
    columns["target"] = stack([ind.targets.lo for ind in inds])
    if any(ind.targets.ranged for ind in inds):
        columns["target_hi"] = stack(
            [ind.targets.upper() if ind.targets.ranged else None for ind in inds]
        )
    columns["achievement"] = stack([ind.achievement for ind in inds])
    columns["category"] = _labels([(ind.category, ind.kernel.categories) for ind in inds], n)
    none = np.full(n, -1, dtype=np.int8)
    grades = [(ind.grade if ind.grade is not None else none, ind.kernel.grades) for ind in inds]
    columns["grade"] = _labels(grades, n)
    columns["numerator"] = stack([ind.numerator for ind in inds])
    columns["denominator"] = stack([ind.denominator for ind in inds])
    columns["issues"] = _issue_codes(out)
    if out.flavour != "polars":
        columns["category"] = columns["category"].pandas()
        columns["grade"] = columns["grade"].pandas()
        columns["issues"] = columns["issues"].pandas()
    return _frame(columns, out.flavour)


class _Issues:
    """The ``issues`` column: the codes of the few rows that have issues, by position."""

    def __init__(self, size: int, positions: list[int], codes: list[list[str]]) -> None:
        self.size, self.positions, self.codes = size, positions, codes

    def __len__(self) -> int:
        return self.size

    def pandas(self) -> npt.NDArray[np.object_]:
        """An object array of lists (a list of its own on every row)."""
        column: npt.NDArray[np.object_] = np.frompyfunc(lambda _: [], 1, 1)(
            np.empty(self.size, dtype=object)
        )
        for position, codes in zip(self.positions, self.codes, strict=True):
            column[position] = codes
        return column

    def polars(self, name: str) -> Any:
        """A list column, built by joining the few rows with issues to the empty rest."""
        import polars as pl

        text = pl.List(pl.String)
        sparse = pl.DataFrame(
            {
                "i": pl.Series(self.positions, dtype=pl.Int64),
                name: pl.Series(self.codes, dtype=text),
            }
        )
        rows = pl.DataFrame({"i": pl.int_range(0, self.size, eager=True, dtype=pl.Int64)})
        joined = rows.join(sparse, on="i", how="left", maintain_order="left")
        empty = pl.lit([], dtype=text)
        return joined.select(pl.col(name).fill_null(empty)).to_series()


def _issue_codes(out: TableOutput) -> _Issues:
    k = len(out.indicators)
    found: list[tuple[int, list[str]]] = []
    for j, ind in enumerate(out.indicators):
        rows = ind.issue_rows()
        if rows is not None:
            found += [(i * k + j, ind.codes_at(i)) for i in np.flatnonzero(rows).tolist()]
    found.sort(key=lambda item: item[0])
    return _Issues(out.n * k, [p for p, _ in found], [c for _, c in found])


def _results_frame_of(results: Sequence[Result], flavour: str) -> Any:
    ranged = any(isinstance(r.target, TargetRange) for r in results)
    columns: dict[str, Any] = {
        "indicator": [r.code for r in results],
        "period": [r.period for r in results],
        "value": _floats(r.value for r in results),
        "target": _floats(_lo(r.target) for r in results),
    }
    if ranged:
        columns["target_hi"] = _floats(
            r.target.hi if isinstance(r.target, TargetRange) else None for r in results
        )
    columns["achievement"] = _floats(r.achievement for r in results)
    columns["category"] = [r.category for r in results]
    columns["grade"] = [r.grade for r in results]
    columns["numerator"] = _floats(r.numerator for r in results)
    columns["denominator"] = _floats(r.denominator for r in results)
    columns["issues"] = [[str(issue.code) for issue in r.issues] for r in results]
    return _frame(columns, flavour)


def _lo(target: object) -> float | None:
    if isinstance(target, TargetRange):
        return target.lo
    return target  # type: ignore[return-value]


def _floats(values: Any) -> npt.NDArray[np.float64]:
    return np.array([math.nan if v is None else v for v in values], dtype=np.float64)


def issues_frame(ev: Evaluation, lang: str = "id") -> Any:
    """``ev.issues_frame(lang)``: one row per issue, with the row's keys when it has them."""
    out = ev.table_output
    issues: Sequence[Issue] = ev.issues
    key_names: list[Any] = list(ev.key_columns)
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
        pd = _pandas()
        frame = pd.DataFrame(
            {name: pd.Series(values, dtype=object) for name, values in columns.items()}
        )
        frame["row"] = pd.array(columns["row"], dtype="Int64")
        return frame
    return _frame(columns, flavour)


def _input_keys(out: TableOutput, names: Sequence[Any]) -> dict[Any, npt.NDArray[np.object_]]:
    """Key values of the input rows, by input row position (for grouped evaluations)."""
    found = {}
    for name in names:
        if name in out.table:
            found[name] = python_values(out.table.key(name).native)
    return found
