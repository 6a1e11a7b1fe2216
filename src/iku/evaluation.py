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
from itertools import starmap
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias, cast

from iku.backends.plan import Plan, plan_for
from iku.backends.scalar import evaluate_unit
from iku.backends.shapes import is_pandas_frame, is_polars_frame, sequence_length
from iku.backends.sources import DataSource, TargetsSource, is_data_source
from iku.backends.targets import read_targets
from iku.errors import ArgumentError, ColumnNotFoundError, ResultNotFoundError, ValidationError
from iku.model import Indicator, IndicatorSet
from iku.results import Result
from iku.scales import Rules
from iku.validation import Issue, Severity, is_pandas_missing

if TYPE_CHECKING:  # the table backends need numpy: imported when a table is evaluated
    from os import PathLike

    from iku.backends.columnar import Results
    from iku.backends.columns import Table
    from iku.backends.table import TableOutput
    from iku.budget import Budget, Method
    from iku.sasaran import SasaranResult
    from iku.scales import Scale

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


class Evaluation:
    """The outcome of :func:`evaluate`: a Result per row and indicator, and every issue.

    ``ev[code]`` is the Result of an indicator when there is one row (one unit); in a table,
    ``ev[code, i]`` is row ``i``'s and ``ev.to_frame()`` has them all. ``len(ev)`` counts rows
    (groups with ``by``). A table's results are kept as columns: Results and Issues are made
    when first asked for.
    """

    __slots__ = (
        "_budget",
        "_issues",
        "_plan",
        "_results",
        "_rows",
        "_rules",
        "_table",
        "_unit_issues",
    )
    __iter__ = None  # not a sequence of Results: use .results

    def __init__(
        self,
        plan: Plan,
        *,
        rows: Sequence[Result] = (),
        unit_issues: Sequence[Issue] = (),
        table: TableOutput | None = None,
        budget: Budget | None = None,
        rules: Rules | None = None,
    ) -> None:
        self._plan = plan
        self._budget = budget
        self._rules = rules
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
    def rules(self) -> Rules:
        """The set-wide rules of this evaluation: the set's, with those given to ``evaluate``
        over them (an indicator may have its own: :meth:`rules_of`)."""
        return self._plan.set_rules(self._rules)

    def rules_of(self, code: str) -> Rules:
        """The rules the indicator ``code`` was evaluated by."""
        codes = self._plan.codes
        if code not in codes:
            msg = f"no indicator {code!r} in this evaluation (it has {', '.join(codes)})"
            raise ResultNotFoundError(msg)
        return self._plan.rules(self._rules)[codes.index(code)]

    def sasaran(self) -> tuple[SasaranResult, ...]:
        """The capaian of each sasaran, per period (and key with ``by``), from its indicators'
        capaian by the rules' ``sasaran`` method (see :mod:`iku.sasaran`); empty for a lone
        indicator."""
        from iku.sasaran import sasaran_results

        return sasaran_results(self)

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
            period = self._rows[0].period if self._rows else None
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
            if self._table is None:
                self._results = tuple(self._rows)  # one unit: made by the backend
            else:
                self._results = tuple(starmap(Result, self._table.rows()))
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
            if self._budget is not None:
                self._issues += self._budget.issues
        return self._issues

    @property
    def ok(self) -> bool:
        """True when no issue is an error (warnings such as a missing target are allowed)."""
        if self._budget is not None and not self._budget.ok:
            return False
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
            "budget": self._budget,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(  # type: ignore[misc]
            state["plan"],
            rows=state["rows"],
            unit_issues=state["unit"],
            table=state["table"],
            budget=state.get("budget"),
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
            return self._rows[j]
        return Result(*self._table.result_row(row, j))

    def _columnar(self) -> Results:
        from iku.backends.columnar import columnar

        return columnar(self._plan, table=self._table, rows=self._rows)

    def to_frame(self, *, across_years: bool = False) -> Any:
        """Every result as a long data frame: the key columns, then ``indicator``, ``period``,
        ``value``, ``target`` (``target_hi`` too if a target is a range), ``achievement``,
        ``category``, ``grade``, ``numerator``, ``denominator`` and ``issues`` (a list of issue
        codes). polars in gives polars out; anything else gives pandas. A number that could not
        be computed is null (NaN in pandas), never 0.

        With pyarrow installed, the ``issues`` column of a pandas frame is an Arrow list column
        (``pd.ArrowDtype``); its cells read as lists. A polars frame of more than about a
        million entries (rows times indicators) comes in chunks, one per slice it was built
        from, so that building it costs little memory beyond the frame; ``rechunk()`` joins them.

        ``across_years=True`` adds, before ``issues``, the comparisons of an LKjIP across years
        (see :mod:`iku.acrossyears`): ``previous_value`` (the realisasi of the year before),
        ``end_target`` and ``end_achievement`` (the target at the end of the set's period and
        the capaian against it) and ``trend`` (``"better"``, ``"worse"``, ``"same"``)."""
        from iku.backends.columnar import batches
        from iku.backends.frames import polars_frame_of, results_frame

        if self._table is not None and self._table.flavour == "polars":
            frame = polars_frame_of(batches(self._plan, table=self._table, rows=self._rows))
        else:
            frame = results_frame(self._columnar())
        if not across_years:
            return frame
        from iku.acrossyears import years_frame

        return years_frame(self, frame)

    def to_records(self) -> list[dict[str, Any]]:
        """Every row of :meth:`to_frame` as a plain dict, ready for ``json.dumps`` (no pandas
        needed): the key columns, ``indicator`` with its ``name`` and ``unit``, then the
        columns of ``to_frame()``; numbers are Python floats or None; ``issues`` is a list of
        dicts with ``code``, ``severity``, ``message`` (Indonesian), ``message_en``,
        ``indicator``, ``variable``, ``row`` and ``place`` (where in a file, or None).

        >>> from iku import Ratio, Variable
        >>> iku2 = Ratio("IKU-2", "PSKS diberdayakan", Variable("a", "A"), Variable("b", "B"))
        >>> (record,) = evaluate(iku2, {"a": 45, "b": 0}).to_records()
        >>> record["name"], record["value"], record["issues"][0]["code"]
        ('PSKS diberdayakan', None, 'denominator_zero')
        """
        return self._columnar().records(details=True)

    def to_arrow(self) -> Any:
        """The rows of :meth:`to_frame` as a ``pyarrow.Table`` (needs pyarrow: the
        ``parquet`` extra). ``indicator``, ``category`` and ``grade`` are dictionary-encoded
        text, ``issues`` a ``list<string>`` column, numbers float64 with nulls."""
        from iku.backends.arrow import arrow_table

        return arrow_table(self._columnar())

    def to_parquet(self, path: str | PathLike[str]) -> None:
        """Write the rows of :meth:`to_frame` to a Parquet file (needs pyarrow: the
        ``parquet`` extra; written by polars' writer when polars is installed)."""
        from iku.backends.arrow import write_parquet
        from iku.backends.columnar import batches

        write_parquet(lambda: batches(self._plan, table=self._table, rows=self._rows), path)

    def to_csv(self, path: str | PathLike[str]) -> None:
        """Write the rows of :meth:`to_frame` to a CSV file (UTF-8, ``,`` between cells, an
        empty cell where a number is missing), the issue codes joined by ``;``. A text cell
        that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
        ``'`` so that a spreadsheet shows it as text instead of running it. Needs pyarrow (the
        ``parquet`` extra); written by polars' writer when polars is installed."""
        from iku.backends.arrow import write_csv
        from iku.backends.columnar import batches

        write_csv(batches(self._plan, table=self._table, rows=self._rows), path)

    def issues_frame(self, lang: str = "id") -> Any:
        """Every issue as a data frame a user can filter: the row's key columns, ``row`` (a
        position, when that is how the row is known), ``indicator``, ``variable``, ``code``,
        ``severity`` and ``message`` in ``lang`` ("id" or "en")."""
        from iku.backends.frames import issues_frame

        return issues_frame(self._table, self.issues, lang)

    @property
    def budget(self) -> Budget | None:
        """The budget given to :func:`evaluate` (``budget=``), read and checked; None without
        one (see :mod:`iku.budget`)."""
        return self._budget

    def efficiency(self, *, method: Method = "difference", scale: Scale | None = None) -> Any:
        """The efficiency of the budget per sasaran and period, as a frame (polars in gives
        polars out, else pandas): ``sasaran`` (and ``indicator`` for a budget per indicator),
        ``period``, ``pagu``, ``realisasi``, ``achievement`` (the capaian of the sasaran),
        ``absorption`` (serapan, percent), ``efficiency`` (capaian minus serapan in points, or
        with ``method="ratio"`` capaian / serapan), ``category`` (by ``scale``, default
        :data:`iku.EFISIENSI`), ``cost_per_unit`` and ``cost_unit`` (the realisasi per unit
        counted, where the indicator counts something) and ``issues``. See :mod:`iku.budget`."""
        from iku.budget import efficiency_frame

        return efficiency_frame(self, method=method, scale=scale)

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
    budget: Any = None,
    rules: Rules | None = None,
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
    formulas applied. A column (or key) named like an indicator's code, in any case, gives
    that indicator's realisasi directly (a published percentage); its parts, where present,
    only cross-check it. ``rules`` (:class:`~iku.Rules`) override, for this run, every field
    they give of the set's and the indicators' own rules.

    Bad data never raises unless ``strict`` is true; then one :class:`~iku.ValidationError`
    carries every issue when any is an error. Arguments of the wrong kind raise
    :class:`~iku.errors.ArgumentError` (a TypeError) or, for a ``by`` column that is not in
    the data, :class:`~iku.errors.ColumnNotFoundError` (a KeyError).

    ``budget`` is a table of ``sasaran`` (or ``indicator``), ``period``, ``pagu`` and
    ``realisasi`` (rupiah) for a set: it is checked (its issues come last in
    ``Evaluation.issues``) and compared with the capaian by ``Evaluation.efficiency()`` (see
    :mod:`iku.budget`).
    """
    if not isinstance(cast(object, subject), Indicator | IndicatorSet):
        msg = (
            "evaluate() takes an IndicatorSet or an Indicator as its subject, "
            f"not {type(subject).__name__} (get one with iku.get_set or iku.load_set)"
        )
        raise ArgumentError(msg)
    plan = plan_for(subject)
    if rules is not None and not isinstance(cast(object, rules), Rules):
        msg = f"rules is a Rules value, not {type(rules).__name__}"
        raise ArgumentError(msg)
    every_rules = plan.rules(rules)
    given = read_targets(targets, plan.code_set if plan.set is not None else None)
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
        rows, unit_issues = evaluate_unit(plan, unit, given, period, every_rules)
        evaluation = Evaluation(plan, rows=rows, unit_issues=[*first, *unit_issues], rules=rules)
    else:
        for name in names or ():
            if name not in table:
                columns = ", ".join(str(c) for c in table.names) or "none"
                msg = f"by names column {name!r}, which the data does not have (it has {columns})"
                raise ColumnNotFoundError(msg)
        from iku.backends.table import evaluate_table

        output = evaluate_table(
            plan,
            table,
            given,
            period,
            names,
            placer=placer,
            first_issues=first,
            rules=every_rules,
        )
        evaluation = Evaluation(plan, table=output, rules=rules)
    if budget is not None:
        from iku.budget import read_budget

        subject_set = plan.set if isinstance(subject, IndicatorSet) else None
        if subject_set is None:
            msg = "a budget belongs to an indicator set: evaluate an IndicatorSet with budget="
            raise ArgumentError(msg)
        evaluation._budget = read_budget(budget, subject_set)
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
