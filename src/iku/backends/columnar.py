"""The one columnar form of an evaluation's results, which every output reads.

``to_frame()`` (pandas or polars), ``to_records()``, ``to_arrow()``, ``to_parquet()`` and
``to_csv()`` all start from :class:`Results`, built by :func:`columnar` from an evaluation's
parts: one entry per output row and indicator, row-major (row 0's indicators in decree order,
then row 1's...), held as numpy arrays. Numbers are float64 with NaN where there is none;
predikat and grade are band numbers with their labels (:class:`Labels`); the issues of each
entry are an Arrow-style list: ``issue_offsets`` (entry ``p``'s issues are
``issue_codes[issue_offsets[p]:issue_offsets[p + 1]]``) over small integers, each the position
of an :class:`~iku.IssueCode` in :data:`CODES`. No Python object is made per entry: strings
and :class:`~iku.Issue` values are made only for whoever asks for them.

:data:`RESULT_COLUMNS` (from :mod:`iku.backends.layout`, which needs no numpy) names the
columns once, for every output (frames, records, SQL, the command line's CSV and JSON, Excel's
results sheet).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import numpy.typing as npt

from iku.backends.layout import (
    CODES,
    NUMBER_COLUMNS,
    RESULT_COLUMNS,
    code_number,
    result_columns,
)
from iku.errors import ArgumentError
from iku.model import Indicator
from iku.scales import Scale, TargetRange

if TYPE_CHECKING:
    from iku.backends.columns import KeyColumn
    from iku.backends.plan import Plan
    from iku.backends.table import TableOutput
    from iku.results import Result
    from iku.validation import Issue

__all__ = [
    "CODES",
    "NUMBER_COLUMNS",
    "RESULT_COLUMNS",
    "Labels",
    "Results",
    "code_number",
    "columnar",
    "result_columns",
]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]


class Labels:
    """A column of labels as band numbers: ``codes[p]`` indexes ``labels`` (-1: no label).

    ``labels`` run from the lowest band up; ``ordered`` is true when every indicator shares one
    scale (so that the order means something across rows)."""

    __slots__ = ("codes", "labels", "ordered")

    def __init__(
        self, codes: npt.NDArray[np.int8 | np.int16], labels: Sequence[str], ordered: bool
    ) -> None:
        self.codes, self.labels, self.ordered = codes, tuple(labels), ordered

    def __len__(self) -> int:
        return len(self.codes)

    def python(self) -> list[str | None]:
        """Every label as a Python string (None where there is none)."""
        names = np.array([*self.labels, None], dtype=object)
        out: list[str | None] = names[self.codes].tolist()  # -1 picks the None at the end
        return out


class Results:
    """The results of an evaluation as columns (see the module's docstring).

    ``size`` entries: ``n`` output rows (from row ``start`` of the evaluation: a writer takes
    them in slices) times the ``indicators``' ``len(codes)``. ``keys`` hold the key columns of
    every output row as their source holds them; ``period`` the periods of the rows (a key
    column) or ``period_single`` the one period of all. ``numbers`` maps each number
    column (``target_hi`` only when a target is a range) to its ``size`` floats.
    """

    __slots__ = (
        "_issues_at",
        "category",
        "codes",
        "flavour",
        "grade",
        "indicators",
        "issue_codes",
        "issue_offsets",
        "keys",
        "n",
        "numbers",
        "period",
        "period_single",
        "start",
    )

    def __init__(
        self,
        *,
        n: int,
        start: int = 0,
        indicators: Sequence[Indicator],
        keys: Sequence[KeyColumn],
        period: KeyColumn | None,
        period_single: Any,
        numbers: Mapping[str, Floats],
        category: Labels,
        grade: Labels,
        issue_offsets: Ints,
        issue_codes: npt.NDArray[np.int8],
        issues_at: Callable[[int], Sequence[Issue]],
        flavour: str,
    ) -> None:
        self.n, self.start = n, start
        self.indicators = tuple(indicators)
        self.codes = tuple(ind.code for ind in self.indicators)
        self.keys, self.period, self.period_single = tuple(keys), period, period_single
        self.numbers = dict(numbers)
        self.category, self.grade = category, grade
        self.issue_offsets, self.issue_codes = issue_offsets, issue_codes
        self._issues_at = issues_at
        self.flavour = flavour

    @property
    def size(self) -> int:
        """How many entries: rows times indicators."""
        return self.n * len(self.codes)

    @property
    def ranged(self) -> bool:
        """True when a target is a range (the results have ``target_hi``)."""
        return "target_hi" in self.numbers

    @property
    def columns(self) -> tuple[Any, ...]:
        """Every column's name in order: the keys, then :func:`result_columns`."""
        return (*(key.name for key in self.keys), *result_columns(self.ranged))

    def check_keys(self, fields: Sequence[str] = ()) -> None:
        """Refuse a key column named like a result column (or one of ``fields``): one would
        hide the other."""
        taken = {*result_columns(True), *fields}
        for key in self.keys:
            if key.name in taken:
                msg = (
                    f"the data's key column {key.name!r} has the name of a column of the "
                    f"results ({', '.join(sorted(taken))}): rename it before evaluating"
                )
                raise ArgumentError(msg)

    def row_index(self, dtype: Any = np.intp) -> npt.NDArray[Any]:
        """The output row of each entry (to repeat the keys and periods)."""
        rows = np.arange(self.start, self.start + self.n, dtype=dtype)
        return np.repeat(rows, len(self.codes))

    def indicator_index(self) -> npt.NDArray[np.int8 | np.int16]:
        """The indicator of each entry, by position in :attr:`codes`."""
        kind = np.int8 if len(self.codes) < 128 else np.int16
        return np.tile(np.arange(len(self.codes), dtype=kind), self.n)

    def issue_names(self) -> list[str]:
        """The issue codes of every issue, as text, entries in order (for an Arrow list)."""
        names = np.array([str(code) for code in CODES], dtype=object)
        out: list[str] = names[self.issue_codes].tolist()
        return out

    def issues_at(self, p: int) -> Sequence[Issue]:
        """The :class:`~iku.Issue` values of entry ``p``, messages and all."""
        if self.issue_offsets[p] == self.issue_offsets[p + 1]:
            return ()
        return self._issues_at(p)

    def code_lists(self) -> list[list[str]]:
        """The issue codes of every entry as lists of text (what a frame's cells hold)."""
        names = self.issue_names()
        bounds = self.issue_offsets.tolist()
        if not names:
            return [[] for _ in range(self.size)]
        return [names[a:b] for a, b in itertools.pairwise(bounds)]

    def records(self, *, details: bool = False) -> list[dict[str, Any]]:
        """Every entry as a dict of plain Python values (None for a missing number).

        The keys of the row, then :func:`result_columns`; with ``details``, ``name`` and
        ``unit`` follow ``indicator`` and the issues are dicts (see :func:`issue_record`),
        else their codes.
        """
        from iku.report.table import plain  # one definition of a JSON-ready value

        self.check_keys(("name", "unit") if details else ())
        rows = self.row_index()
        columns: dict[str, list[Any]] = {}
        for key in self.keys:
            columns[str(key.name)] = _take([plain(v) for v in key.python().tolist()], rows)
        columns["indicator"] = list(self.codes) * self.n
        if details:
            columns["name"] = [ind.name for ind in self.indicators] * self.n
            columns["unit"] = [ind.unit for ind in self.indicators] * self.n
        if self.period is None:
            columns["period"] = [plain(self.period_single)] * self.size
        else:
            columns["period"] = _take([plain(v) for v in self.period.python().tolist()], rows)
        for name in result_columns(self.ranged):
            if name in self.numbers:
                columns[name] = _python_floats(self.numbers[name])
        columns["category"] = self.category.python()
        columns["grade"] = self.grade.python()
        if details:
            columns["issues"] = [
                [issue_record(issue) for issue in self.issues_at(p)] for p in range(self.size)
            ]
        else:
            columns["issues"] = self.code_lists()
        names = [str(key.name) for key in self.keys] + [
            name
            for name in ("indicator", "name", "unit", *result_columns(self.ranged)[1:])
            if name in columns
        ]
        return [dict(zip(names, values, strict=True)) for values in _rows(columns, names)]


def _rows(columns: Mapping[str, list[Any]], names: Sequence[str]) -> Iterator[tuple[Any, ...]]:
    return zip(*(columns[name] for name in names), strict=True)


def _take(values: list[Any], index: npt.NDArray[np.intp]) -> list[Any]:
    out: list[Any] = np.array([*values, None], dtype=object)[:-1][index].tolist()
    return out


def _python_floats(x: Floats) -> list[float | None]:
    """Python floats, None for NaN."""
    missing = np.isnan(x)
    if not missing.any():
        out: list[float | None] = x.tolist()
        return out
    boxed = x.astype(object)
    boxed[missing] = None
    found: list[float | None] = boxed.tolist()
    return found


def issue_record(issue: Issue) -> dict[str, Any]:
    """An issue as a plain dict: ``code``, ``severity``, ``message`` (Indonesian),
    ``message_en``, ``indicator``, ``variable``, ``row`` (a position or the row's keys) and
    ``place`` (where in a file, None when the data came from no file)."""
    from iku.report.table import plain

    return {
        "code": str(issue.code),
        "severity": str(issue.severity),
        "message": issue.message,
        "message_en": issue.message_en if issue.message_en is not None else issue.message,
        "indicator": issue.indicator,
        "variable": issue.variable,
        "row": plain(issue.row),
        "place": issue.place,
    }


# --- building ------------------------------------------------------------------------------

BATCH: Final = 1 << 20
"""About how many entries (rows times indicators) a writer lays out at a time."""


def columnar(plan: Plan, *, table: TableOutput | None, rows: Sequence[Result]) -> Results:
    """The results of an evaluation of ``plan``: a table's (``table``) or one unit's
    (``rows``, one per indicator)."""
    indicators = _indicators(plan)
    if table is not None:
        return _of_table(table, indicators, 0, table.n, _IssueIndex(table))
    return _of_rows(rows, indicators, plan)


def batches(
    plan: Plan, *, table: TableOutput | None, rows: Sequence[Result], size: int = BATCH
) -> Iterator[Results]:
    """The results of :func:`columnar` in slices of whole output rows, about ``size`` entries
    each (at least one slice, empty if there are no rows): what a file writer needs at a
    time, so that writing costs little memory beyond the evaluation itself."""
    if table is None:
        yield columnar(plan, table=table, rows=rows)
        return
    indicators = _indicators(plan)
    index = _IssueIndex(table)
    step = max(1, size // max(1, len(indicators)))
    for start in range(0, max(table.n, 1), step):
        yield _of_table(table, indicators, start, min(start + step, table.n), index)


def _indicators(plan: Plan) -> tuple[Indicator, ...]:
    if plan.set is not None:
        return tuple(plan.set[code] for code in plan.codes)
    assert isinstance(plan.subject, Indicator)
    return (plan.subject,)


def _of_table(
    out: TableOutput, indicators: Sequence[Indicator], start: int, stop: int, index: _IssueIndex
) -> Results:
    """Output rows ``start`` to ``stop`` of a table's results."""
    inds = out.indicators
    n, k = stop - start, len(inds)
    whole = start == 0 and stop == out.n

    def part(array: Any) -> Any:
        if whole or array is None or not isinstance(array, np.ndarray) or array.ndim == 0:
            return array
        return array[start:stop]

    def stack(arrays: Sequence[Any]) -> Floats:
        found: Floats = _interleave(
            [math.nan if a is None else part(a) for a in arrays], n, np.float64
        )
        return found

    targets = [ind.targets for ind in inds]
    numbers = {
        "value": stack([ind.value for ind in inds]),
        # the targets of these rows only: an evaluation keeps no column of targets per row
        "target": _interleave([t.lo_rows(start, stop) for t in targets], n, np.float64),
    }
    if any(t.ranged for t in targets):
        upper = [t.upper_rows(start, stop) if t.ranged else math.nan for t in targets]
        numbers["target_hi"] = _interleave(upper, n, np.float64)
    numbers["achievement"] = stack([ind.achievement for ind in inds])
    for side, name in enumerate(("numerator", "denominator")):
        parts = [ind.parts() for ind in inds]
        column = stack([None if p is None else p[side][0] for p in parts])
        for j, p in enumerate(parts):  # NaN where the part cannot be used or is not finite
            if p is not None:
                _unusable(column, j, k, part(p[side][0]), part(p[side][1]))
        numbers[name] = column
    category = _labels([(part(ind.category), ind.kernel.categories) for ind in inds], n)
    none = np.full(n, -1, dtype=np.int8)
    grade = _labels(
        [(part(ind.grade) if ind.grade is not None else none, ind.kernel.grades) for ind in inds],
        n,
    )
    offsets, codes = index.lists(start, stop)

    def issues_at(p: int) -> Sequence[Issue]:
        i, j = divmod(p, k)
        return inds[j].issues_at(start + i, out.row_at(start + i), out)

    periods = out.periods
    return Results(
        n=n,
        start=start,
        indicators=indicators,
        keys=out.keys,
        period=periods.column,
        period_single=periods.single,
        numbers=numbers,
        category=category,
        grade=grade,
        issue_offsets=offsets,
        issue_codes=codes,
        issues_at=issues_at,
        flavour=out.flavour,
    )


def _labels(parts: Sequence[tuple[npt.NDArray[np.int8], Scale | None]], n: int) -> Labels:
    """Per-indicator band numbers (each scale's highest band first) stacked row-major into one
    column of labels, numbered from the lowest band up."""
    labels: list[str] = []
    for _, scale in parts:
        for label in () if scale is None else scale.labels:
            if label not in labels:
                labels.append(label)
    order = labels[::-1]  # each scale lists its highest band first
    kind = np.int8 if len(order) < 128 else np.int16
    columns: list[Any] = []
    for codes, scale in parts:
        names = () if scale is None else scale.labels
        # a band number's label's place in ``order``; -1 (no band) picks the last entry, -1
        lut = np.array([order.index(x) for x in names] + [-1], dtype=kind)
        columns.append(lut[codes] if len(codes) and scale is not None else -1)
    scales = {scale for _, scale in parts if scale is not None}
    return Labels(_interleave(columns, n, kind), order, ordered=len(scales) == 1)


def _unusable(column: Floats, j: int, k: int, x: Floats, error: Mask | None) -> None:
    """NaN in ``column`` (interleaved, ``k`` values a row) at indicator ``j``'s rows where
    ``error`` or where ``x`` is not finite."""
    with np.errstate(invalid="ignore"):
        lo, hi = x.min(initial=0.0), x.max(initial=0.0)
    bad = None if lo > -math.inf and hi < math.inf else ~np.isfinite(x)
    if error is not None:
        bad = error if bad is None else bad | error
    if bad is not None:
        column[np.flatnonzero(bad) * k + j] = math.nan


_CHUNK: Final = 1 << 14
"""Rows interleaved at a time: a block of rows times indicators that stays in the cache."""


def _interleave(columns: Sequence[Any], n: int, dtype: Any) -> Any:
    """``columns`` (arrays of ``n`` values, or one value for all) side by side, row-major: row
    0's values, then row 1's... Written a slice of rows at a time, so that each slice of the
    result is filled while it is in the cache, not swept once per column."""
    block = np.empty((n, len(columns)), dtype=dtype)
    for start in range(0, n, _CHUNK):
        stop = min(start + _CHUNK, n)
        for j, column in enumerate(columns):
            block[start:stop, j] = column[start:stop] if isinstance(column, np.ndarray) else column
    return block.reshape(-1)


class _IssueIndex:
    """Where a table's issues are: for each indicator and source (in the order of the steps),
    the output rows that have some, how many, and their code numbers (see
    ``Source.code_rows``), asked once and sliced for each batch of rows."""

    def __init__(self, out: TableOutput) -> None:
        self.k = len(out.indicators)
        self.found: list[tuple[int, npt.NDArray[np.intp], npt.NDArray[np.intp], Any, Any]] = []
        for j, ind in enumerate(out.indicators):
            for source in ind.sources:
                if source.mask is None:
                    continue
                rows, sizes, numbers = source.code_rows()
                if len(rows):
                    ends = np.cumsum(sizes)
                    self.found.append((j, rows, sizes, ends, numbers))

    def lists(self, start: int, stop: int) -> tuple[Ints, npt.NDArray[np.int8]]:
        """The issue codes of the entries of rows ``start`` to ``stop`` as offsets and code
        numbers, each entry's in the order of :meth:`IndicatorColumns.codes_at`."""
        k = self.k
        size = (stop - start) * k
        found = []
        for j, rows, sizes, ends, numbers in self.found:
            lo, hi = np.searchsorted(rows, (start, stop))
            if lo < hi:
                first = int(ends[lo - 1]) if lo else 0
                picked = numbers[first : int(ends[hi - 1])]
                found.append(((rows[lo:hi] - start) * k + j, sizes[lo:hi], picked))
        if not found:
            return np.zeros(size + 1, dtype=np.int64), np.zeros(0, dtype=np.int8)
        # every code with its entry, sources in the order of the steps; a stable sort by entry
        # keeps that order within each entry
        entries = np.concatenate([np.repeat(e, sizes) for e, sizes, _ in found])
        numbers = np.concatenate([numbers for _, _, numbers in found])
        order = np.argsort(entries, kind="stable")
        entries, codes = entries[order], numbers[order]
        starts = np.flatnonzero(np.diff(entries, prepend=-1))  # each entry's first code
        # offsets: 0 up to the first entry with codes, then each such entry's end, and so on
        ends = np.append(starts[1:], len(entries))
        values = np.concatenate(([0], ends))
        runs = np.diff(np.concatenate(([-1], entries[starts], [size])))
        offsets: Ints = np.repeat(values, runs).astype(np.int64, copy=False)
        return offsets, codes


def _of_rows(rows: Sequence[Result], indicators: Sequence[Indicator], plan: Plan) -> Results:
    """One unit: a Result per indicator."""
    kernels = plan.kernels

    def floats(values: Sequence[Any]) -> Floats:
        return np.array([math.nan if v is None else v for v in values], dtype=np.float64)

    targets = [row.target for row in rows]
    numbers = {
        "value": floats([row.value for row in rows]),
        "target": floats([t.lo if isinstance(t, TargetRange) else t for t in targets]),
    }
    if any(isinstance(t, TargetRange) for t in targets):
        numbers["target_hi"] = floats(
            [t.hi if isinstance(t, TargetRange) else None for t in targets]
        )
    numbers["achievement"] = floats([row.achievement for row in rows])
    numbers["numerator"] = floats([row.numerator for row in rows])
    numbers["denominator"] = floats([row.denominator for row in rows])

    def band(label: str | None, scale: Scale | None) -> npt.NDArray[np.int8]:
        number = -1 if label is None or scale is None else scale.labels.index(label)
        return np.full(1, number, dtype=np.int8)

    pairs = list(zip(rows, kernels, strict=True))
    count = 1 if rows else 0
    category = _labels([(band(r.category, k.categories), k.categories) for r, k in pairs], count)
    grade = _labels([(band(r.grade, k.grades), k.grades) for r, k in pairs], count)
    lists = [[code_number(issue.code) for issue in row.issues] for row in rows]
    offsets = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(x) for x in lists], out=offsets[1:])
    codes = np.array([c for x in lists for c in x], dtype=np.int8)
    return Results(
        n=count,
        indicators=indicators,
        keys=(),
        period=None,
        period_single=rows[0].period if rows else None,
        numbers=numbers,
        category=category,
        grade=grade,
        issue_offsets=offsets,
        issue_codes=codes,
        issues_at=lambda p: rows[p].issues,
        flavour="numpy",
    )
