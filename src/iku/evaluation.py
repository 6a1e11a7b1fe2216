"""evaluate(): indicators computed on data, compared with targets, every input checked.

One unit is a mapping of variable code to value; a table is a pandas or polars DataFrame or a
mapping of column to sequence. Bad data never raises (unless ``strict=True``) and never loses
the rest: a value that cannot be computed is None, with the reasons in its issues, and every
other row and indicator is still evaluated. The rules, step by step, are in
``docs/evaluation.md``.

>>> from iku import Ratio, Variable
>>> iku2 = Ratio("IKU-2", "Persentase PSKS yang diberdayakan",
...              Variable("psks_diberdayakan", "PSKS yang diberdayakan"),
...              Variable("psks", "Jumlah PSKS"))
>>> ev = evaluate(iku2, {"psks_diberdayakan": 45, "psks": 50}, targets={"IKU-2": 80})
>>> r = ev["IKU-2"]
>>> r.value, r.achievement, r.category
(90.0, 112.5, 'Sangat Tinggi')
>>> evaluate(iku2, {"psks_diberdayakan": 45, "psks": 0}).issues[0].message_en
'the denominator psks is zero, so no value can be computed'
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias, cast

import attrs

from iku.backends.plan import Plan, plan_for
from iku.backends.scalar import ResultFields, evaluate_unit
from iku.backends.shapes import is_pandas_frame, is_polars_frame, sequence_length
from iku.backends.sources import DataSource, TargetsSource, is_data_source
from iku.backends.targets import read_targets
from iku.errors import ArgumentError, ColumnNotFoundError, ResultNotFoundError, ValidationError
from iku.model import Indicator, IndicatorSet
from iku.scales import TargetRange
from iku.validation import Issue, RowKeys, Severity, is_pandas_missing

if TYPE_CHECKING:  # the table backends need numpy: imported when a table is evaluated
    from iku.backends.columns import Table
    from iku.backends.table import TableOutput

__all__ = ["By", "Data", "Evaluation", "Period", "Result", "Targets", "evaluate"]


class FrameLike(Protocol):
    """A data frame (pandas, polars), seen by what every one has: named ``columns``."""

    @property
    def columns(self) -> Any:
        """The frame's column names."""
        ...


Data: TypeAlias = "Mapping[Any, Any] | FrameLike | DataSource"
"""What ``evaluate`` takes as data: one unit (a mapping of variable code to value), a table (a
mapping of column to sequence, a pandas or polars DataFrame) or data read from a file."""

Targets: TypeAlias = "Mapping[Any, Any] | FrameLike | TargetsSource | None"
"""What ``evaluate`` takes as targets: indicator code to a target, a range or ``{period:
target}``; a table of indicator, period, target; or targets read from a file."""

Period: TypeAlias = "int | str | None"
"""A period: a year (``2025``) or a part of one (``"2025-Q1"``)."""

By: TypeAlias = "str | Sequence[str] | None"
"""The key columns to group on: a column name or a list of them (``[]``: one group per period)."""


@attrs.frozen
class Result:
    """One indicator on one unit (or row, or group) and period.

    ``value`` is the realisasi (None when it cannot be computed: see ``issues``), ``target`` the
    number or :class:`~iku.TargetRange` it was compared with, ``achievement`` the capaian in
    percent, ``category`` its predikat, ``grade`` an index's grade of its own value.
    ``numerator`` and ``denominator`` are a ratio's parts (a group's sums with ``by``);
    ``keys`` are the row's key columns (empty for one unit).
    """

    code: str
    period: Any
    value: float | None
    target: float | TargetRange | None
    achievement: float | None
    category: str | None
    grade: str | None
    numerator: float | None = None
    denominator: float | None = None
    issues: tuple[Issue, ...] = ()
    keys: Mapping[str, Any] = attrs.field(factory=RowKeys, hash=False, converter=RowKeys)

    @property
    def ok(self) -> bool:
        """True when no issue is an error (warnings allowed)."""
        return not any(issue.severity is Severity.ERROR for issue in self.issues)


class Evaluation:
    """The outcome of :func:`evaluate`: a Result per row and indicator, and every issue.

    ``ev[code]`` is the Result of an indicator when there is one row (one unit); in a table,
    ``ev[code, i]`` is row ``i``'s and ``ev.to_frame()`` has them all. ``len(ev)`` counts rows
    (groups with ``by``). A table's results are kept as columns: Results and Issues are made
    when first asked for.
    """

    __slots__ = ("_issues", "_plan", "_results", "_rows", "_table", "_unit_issues")
    __iter__ = None  # not a sequence of Results: use .results

    def __init__(
        self,
        plan: Plan,
        *,
        rows: Sequence[ResultFields] = (),
        unit_issues: Sequence[Issue] = (),
        table: TableOutput | None = None,
    ) -> None:
        self._plan = plan
        self._rows = rows
        self._unit_issues = tuple(unit_issues)
        self._table = table
        self._results: tuple[Result, ...] | None = None
        self._issues: tuple[Issue, ...] | None = None

    @property
    def subject(self) -> Indicator | IndicatorSet:
        """What was evaluated: an IndicatorSet or one Indicator."""
        return self._plan.subject

    @property
    def set(self) -> IndicatorSet | None:
        """The IndicatorSet evaluated, or None for a lone Indicator."""
        return self._plan.set

    @property
    def codes(self) -> tuple[str, ...]:
        """The indicator codes, in decree order."""
        return self._plan.codes

    @property
    def key_columns(self) -> tuple[Any, ...]:
        """Names of the key columns (``by``, or a table's non-variable columns); ``period``
        is not among them. Each Result's ``keys`` holds its values of them."""
        return () if self._table is None else tuple(key.name for key in self._table.keys)

    @property
    def keys(self) -> tuple[Any, ...]:
        """Deprecated name of :attr:`key_columns` (``Result.keys`` holds values, not names)."""
        warnings.warn(
            "Evaluation.keys is deprecated: use Evaluation.key_columns (the names of the key "
            "columns; Result.keys holds a row's values of them)",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.key_columns

    @property
    def table_output(self) -> TableOutput | None:
        """The columns of a table evaluation, None for one unit: what the frames, the columnar
        form and the reports are built from (:class:`~iku.backends.table.TableOutput`: ``n``
        output rows, ``keys``, ``periods``, one ``IndicatorColumns`` per indicator)."""
        return self._table

    @property
    def periods(self) -> tuple[Any, ...]:
        """The distinct periods evaluated (empty when none was known)."""
        if self._table is None:
            period = self._rows[0][1] if self._rows else None
            return () if period is None else (period,)
        periods = self._table.periods
        if periods.column is None:
            return () if periods.single is None else (periods.single,)
        _, distinct = periods.factorized(self._table.n)
        return tuple(p for p in distinct if not _is_missing(p))

    def __len__(self) -> int:
        return 1 if self._table is None else self._table.n

    @property
    def results(self) -> tuple[Result, ...]:
        """Every Result, row by row, indicators in decree order."""
        if self._results is None:
            rows = self._rows if self._table is None else self._table.rows()
            self._results = tuple(Result(*row) for row in rows)
        return self._results

    @property
    def issues(self) -> tuple[Issue, ...]:
        """Every issue: about the data as a whole (unknown columns) first, then row by row."""
        if self._issues is None:
            if self._table is None:
                found = list(self._unit_issues)
                for row in self._rows:
                    found += row.issues
                self._issues = tuple(found)
            else:
                self._issues = tuple(self._table.issues())
        return self._issues

    @property
    def ok(self) -> bool:
        """True when no issue is an error (warnings such as a missing target are allowed)."""
        if self._table is not None:
            return not self._table.has_errors
        return not any(issue.severity is Severity.ERROR for issue in self.issues)

    def __getstate__(self) -> dict[str, Any]:
        # Results and Issues are made again on demand; the plan is found again by its subject
        return {
            "plan": self._plan,
            "rows": self._rows,
            "unit": self._unit_issues,
            "table": self._table,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(  # type: ignore[misc]
            state["plan"], rows=state["rows"], unit_issues=state["unit"], table=state["table"]
        )

    def __getitem__(self, key: str | tuple[str, int]) -> Result:
        code, row = key if isinstance(key, tuple) else (key, None)
        codes = self._plan.codes
        if code not in codes:
            msg = f"no indicator {code!r} in this evaluation (it has {', '.join(codes)})"
            raise ResultNotFoundError(msg)
        j, n = codes.index(code), len(self)
        if row is None:
            if n != 1:
                msg = (
                    f"the evaluation has {n} rows: use ev[{code!r}, i] for row i, "
                    "or ev.to_frame() for all of them"
                )
                raise ResultNotFoundError(msg)
            row = 0
        if isinstance(row, bool) or not isinstance(row, int) or not -n <= row < n:
            msg = f"row {row!r} is out of range: the evaluation has {n} row(s)"
            raise ResultNotFoundError(msg)
        row %= n
        if self._results is not None:
            return self._results[row * len(codes) + j]
        if self._table is None:
            return Result(*self._rows[j])
        return Result(*self._table.result_row(row, j))

    def to_frame(self) -> Any:
        """Every result as a long data frame: the key columns, then ``indicator``, ``period``,
        ``value``, ``target`` (``target_hi`` too if a target is a range), ``achievement``,
        ``category``, ``grade``, ``numerator``, ``denominator`` and ``issues`` (a list of issue
        codes). polars in gives polars out; anything else gives pandas."""
        from iku.backends.frames import results_frame

        return results_frame(self)

    def issues_frame(self, lang: str = "id") -> Any:
        """Every issue as a data frame a user can filter: the row's key columns, ``row`` (a
        position, when that is how the row is known), ``indicator``, ``variable``, ``code``,
        ``severity`` and ``message`` in ``lang`` ("id" or "en")."""
        from iku.backends.frames import issues_frame

        return issues_frame(self, lang)

    def plot(self, **options: Any) -> Any:
        """A matplotlib chart of the capaian (see :func:`iku.report.plot.plot_evaluation`)."""
        from iku.report.plot import plot_evaluation

        return plot_evaluation(self, **options)

    def _repr_html_(self) -> str:
        from iku.report.html import evaluation_html

        return str(evaluation_html(self))

    def __repr__(self) -> str:
        what = self.subject.id if isinstance(self.subject, IndicatorSet) else self.subject.code
        state = "ok" if self.ok else "with errors"
        return (
            f"<Evaluation of {what}: {len(self)} row(s) x {len(self.codes)} indicator(s), {state}>"
        )


def evaluate(
    subject: Indicator | IndicatorSet,
    data: Data,
    *,
    targets: Targets = None,
    period: Period = None,
    by: By = None,
    strict: bool = False,
) -> Evaluation:
    """Evaluate ``subject`` (an IndicatorSet or one Indicator) on ``data`` against ``targets``.

    ``data`` is one unit (a mapping of variable code to value), a table (a pandas or polars
    DataFrame, or a mapping whose every value is a sequence of one common length), or data read
    from a file (``iku.io``: its issues come first, and every issue of a row names its place).
    A table's ``period`` column gives each row's period; else ``period`` applies to every row.
    ``targets`` maps indicator codes to a number, a range ``(lo, hi)`` or ``{year: target}``;
    a DataFrame with columns ``indicator``, ``target`` (and ``period``, ``target_hi``) works too,
    and so do targets read from a file.
    ``by`` names key columns to group rows on (a column name or a list of them; an empty list
    makes one group per period): every row is checked, then variables are aggregated, then the
    formulas applied.

    Bad data never raises unless ``strict`` is true; then one :class:`~iku.ValidationError`
    carries every issue when any is an error. Arguments of the wrong kind raise
    :class:`~iku.errors.ArgumentError` (a TypeError) or, for a ``by`` column that is not in
    the data, :class:`~iku.errors.ColumnNotFoundError` (a KeyError).
    """
    if not isinstance(cast(object, subject), Indicator | IndicatorSet):
        msg = (
            "evaluate() takes an IndicatorSet or an Indicator as its subject, "
            f"not {type(subject).__name__} (get one with iku.get_set or iku.load_set)"
        )
        raise ArgumentError(msg)
    plan = plan_for(subject)
    given = read_targets(targets, plan.set.codes if plan.set is not None else None)
    names = _by(by)
    first: list[Issue] = []
    placer = None
    table: Table | None = None
    if is_pandas_frame(data) or is_polars_frame(data):
        table = _table(data)
    elif isinstance(data, Mapping):
        if _is_table(data):
            table = _table(data)
        elif names is not None:
            table = _table({name: [value] for name, value in data.items()})
    elif is_data_source(data):
        source = cast(DataSource, data)
        table, placer = _table(dict(source.columns)), source.place
        first += source.issues
    else:
        msg = (
            "evaluate() takes as data a mapping of variable code to value (one unit), or a "
            f"table (a pandas or polars DataFrame, or a mapping of column to list), not "
            f"{type(data).__name__}"
        )
        raise ArgumentError(msg)
    first += given.issues
    if table is None:
        unit = cast(Mapping[Any, Any], data)
        rows, unit_issues = evaluate_unit(plan, unit, given, period)
        evaluation = Evaluation(plan, rows=rows, unit_issues=[*first, *unit_issues])
    else:
        for name in names or ():
            if name not in table:
                columns = ", ".join(str(c) for c in table.names) or "none"
                msg = f"by names column {name!r}, which the data does not have (it has {columns})"
                raise ColumnNotFoundError(msg)
        from iku.backends.table import evaluate_table

        output = evaluate_table(
            plan, table, given, period, names, placer=placer, first_issues=first
        )
        evaluation = Evaluation(plan, table=output)
    if strict and not evaluation.ok:
        raise ValidationError(evaluation.issues)
    return evaluation


def _is_missing(value: object) -> bool:
    """None, pandas' NA/NaT, or NaN (a period that is not there)."""
    if value is None or is_pandas_missing(value):
        return True
    try:
        return bool(value != value)
    except Exception:  # a value that cannot even be compared with itself
        return False


def _table(data: Any) -> Table:
    from iku.backends.columns import Table

    return Table(data)


def _is_table(data: Mapping[Any, Any]) -> bool:
    """A mapping is a table when every value is a sequence (not text) of one common length."""
    length = None
    for value in data.values():
        kind = type(value)
        if kind is int or kind is float or kind is str:  # the usual one unit, found at once
            return False
        found = sequence_length(value)
        if found is None or (length is not None and found != length):
            return False
        length = found
    return length is not None


def _by(by: Any) -> list[Any] | None:
    if by is None:
        return None
    if isinstance(by, str):
        return [by]
    if isinstance(by, list | tuple):
        try:
            return list(dict.fromkeys(by))
        except TypeError:
            pass
    msg = f"by is a column name or a list of column names, not {by!r}"
    raise ArgumentError(msg)
