"""monitor(): a year followed part by part, with the year-to-date capaian, the year-end projection
and the realisasi still needed.

Realisasi is entered per triwulan (or month); the question in July is whether the year's target
will be met. :func:`monitor` answers it on the evaluation engine itself, in three steps:

1. every row of the year is checked and the units of a key are combined per part of the year,
   as ``evaluate(..., by=...)`` does (a bad row is never lost in a sum);
2. each variable's parts form its year to date by its accumulation (:mod:`iku.yeartodate`): a
   flow adds up, a stock takes its last value; a missing part before a later one is an issue
   (``period_gap``) and the year to date from it on is not computed, never taken as zero;
3. the indicators are evaluated on the year to date (a ratio from the year-to-date numerator
   and denominator) against the year's target, and on the year-end projection (flows at their
   run rate, stocks at their last value).

>>> import iku
>>> s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
>>> data = {"period": ["2025-Q1", "2025-Q2"], "pengaduan_diselesaikan": [10, 14],
...         "pengaduan": [20, 20]}
>>> m = iku.monitor(s, data, year=2025, targets={"IKU-6": {2025: 80}})
>>> row = [r for r in m.rows if r.indicator == "IKU-6"][-1]
>>> row.period, row.value, row.achievement, row.projected_value, row.needed
('2025-Q2', 60.0, 75.0, 60.0, 40.0)

By the year end the complaints received run at 20 a quarter (80 in all); 80 % of them is 64
resolved, of which 24 are: 40 still to resolve.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from iku.errors import ArgumentError, ColumnNotFoundError
from iku.messages import text
from iku.model import (
    Accumulation,
    Indicator,
    IndicatorSet,
    Ratio,
    Sasaran,
    Variable,
    VariableKind,
)
from iku.periods import KINDS, Period, PeriodKind, as_period, parse_periods
from iku.scales import Polarity, TargetRange
from iku.validation import Issue, IssueCode, Severity, make_issue
from iku.yeartodate import accumulate, accumulations, project, variables_of

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from iku.backends.table import TableOutput

__all__ = ["Monitoring", "MonitoringRow", "monitor", "projection_method"]


def projection_method(lang: str = "id") -> str:
    """How the year end is projected, in a sentence, as the reports state it."""
    return text("monitor.projection", lang)


_PART_COLUMN: Final = "__iku_part__"
_CONSEQUENCES: Final = frozenset({IssueCode.MISSING_VALUE, IssueCode.NOT_FINITE})


@attrs.frozen
class MonitoringRow:
    """One indicator of one key at one part of the year (a row of ``Monitoring.to_frame()``).

    ``value`` is the year to date, ``achievement`` its capaian against the year's ``target``,
    ``period_achievement`` against the part's own cumulative ``period_target`` (Rencana Aksi);
    ``projected_*`` are the year end at the present pace; ``needed`` is the realisasi still
    needed by the year end (see ``docs/monitoring.md``); ``warning`` is true when the projected
    predikat falls below the second band of the scale (Tinggi on PREDIKAT).
    """

    keys: Mapping[str, Any]
    indicator: str
    period: str
    value: float | None
    target: float | TargetRange | None
    achievement: float | None
    category: str | None
    period_target: float | TargetRange | None
    period_achievement: float | None
    projected_value: float | None
    projected_achievement: float | None
    projected_category: str | None
    needed: float | None
    warning: bool | None
    numerator: float | None
    denominator: float | None
    issues: tuple[str, ...]


class Monitoring:
    """The outcome of :func:`monitor`: per key, indicator and part of the year, the year to date
    against the year's and the part's targets, the year-end projection and what is still needed.

    ``to_frame()`` has them all (pandas, or polars for a polars input), ``rows`` as
    :class:`MonitoringRow` values; ``issues`` holds every issue, ``ok`` is true when none is an
    error. ``parts`` are the parts of the year found in the data, in order.
    """

    def __init__(self, state: _State) -> None:
        self._s = state
        self._rows: tuple[MonitoringRow, ...] | None = None

    @property
    def subject(self) -> Indicator | IndicatorSet:
        """What was monitored: an IndicatorSet or one Indicator."""
        return self._s.subject

    @property
    def year(self) -> int:
        """The year monitored."""
        return self._s.year

    @property
    def kind(self) -> PeriodKind:
        """What the parts of the year are: ``"quarter"``, ``"month"`` (or ``"year"``)."""
        return self._s.kind

    @property
    def parts(self) -> tuple[Period, ...]:
        """Every part of the year up to the last one found in the data."""
        last = int(self._s.part.max()) if len(self._s.part) else 0
        return tuple(Period(self.year, self.kind, i) for i in range(1, last + 1))

    @property
    def codes(self) -> tuple[str, ...]:
        """The indicator codes, in decree order."""
        return tuple(ind.code for ind in self._s.indicators)

    @property
    def keys(self) -> tuple[Any, ...]:
        """The names of the key columns."""
        return tuple(self._s.key_names)

    @property
    def issues(self) -> tuple[Issue, ...]:
        """Every issue: reading the data and the targets, the accumulations assumed, then
        each key and part of the year in order."""
        return self._s.issues

    @property
    def ok(self) -> bool:
        """True when no issue is an error (known without making the issues)."""
        return not self._s.has_errors

    @property
    def accumulations(self) -> Mapping[str, Accumulation]:
        """The accumulation used for each variable (stated, or chosen by the documented rule)."""
        return {code: how for code, (how, _) in self._s.accumulations.items()}

    def __len__(self) -> int:
        """The number of key and part rows (each holds every indicator)."""
        return len(self._s.part)

    @property
    def rows(self) -> tuple[MonitoringRow, ...]:
        """Every row as a :class:`MonitoringRow`: key and part, then indicator in decree order."""
        if self._rows is None:
            self._rows = tuple(
                self._s.row(i, j) for i in range(len(self)) for j in range(self._s.k)
            )
        return self._rows

    def to_frame(self) -> Any:
        """Every row as a long data frame: the key columns, then the columns of
        :data:`iku.report.monitoring.COLUMNS`. ``target`` and ``period_target`` are the lower
        bound of a range (``target_hi`` and ``period_target_hi`` follow when a target is one).
        polars in gives polars out."""
        from iku.report.monitoring import monitoring_frame

        return monitoring_frame(self)

    def to_records(self) -> list[dict[str, Any]]:
        """Every row as a plain dict (JSON-serialisable)."""
        out = []
        for row in self.rows:
            record: dict[str, Any] = dict(row.keys)
            fields = attrs.asdict(row, recurse=False)
            del fields["keys"]
            for name in ("target", "period_target"):
                value = fields[name]
                if isinstance(value, TargetRange):
                    fields[name] = [value.lo, value.hi]
            fields["issues"] = list(row.issues)
            record.update(fields)
            out.append(record)
        return out

    def to_markdown(self, lang: str = "id") -> str:
        """The monitoring table in Markdown (see :mod:`iku.report.monitoring`)."""
        from iku.report.monitoring import monitoring_markdown

        return monitoring_markdown(self, lang)

    def to_html(self, lang: str = "id") -> str:
        """A whole HTML page: the table with its early warnings and an inline SVG chart."""
        from iku.report.monitoring import monitoring_html

        return monitoring_html(self, lang)

    def to_text(self, lang: str = "id") -> str:
        """The monitoring table as plain text for a terminal."""
        from iku.report.monitoring import monitoring_text

        return monitoring_text(self, lang)

    def to_excel(self, path: Any, lang: str = "id") -> Any:
        """Write the monitoring table to an Excel workbook."""
        from iku.report.monitoring import monitoring_excel

        return monitoring_excel(self, path, lang)

    def plot(self, **options: Any) -> Any:
        """A matplotlib chart per indicator: the year to date against the target path, the
        projection dashed (see :func:`iku.report.monitoring.plot_monitoring`)."""
        from iku.report.monitoring import plot_monitoring

        return plot_monitoring(self, **options)

    def _repr_html_(self) -> str:
        from iku.report.monitoring import monitoring_html

        return monitoring_html(self, "id", page=False)

    def __repr__(self) -> str:
        s = self._s
        what = s.subject.id if isinstance(s.subject, IndicatorSet) else s.subject.code
        state = "ok" if self.ok else "with errors"
        return (
            f"<Monitoring of {what} in {s.year}: {len(self)} row(s) by {s.kind} x "
            f"{s.k} indicator(s), {state}>"
        )


# --- the state: columns of every output row ---------------------------------------------------


@attrs.define
class _Targets:
    """One indicator's targets: the year's, and each part's (by part number)."""

    year: Any = None
    parts: dict[int, Any] = attrs.field(factory=dict)


@attrs.define
class _State:
    subject: Indicator | IndicatorSet
    indicators: list[Indicator]
    year: int
    kind: PeriodKind
    key_names: list[Any]
    keys: list[Any]  # KeyColumn per key name, one value per output row
    part: npt.NDArray[np.intp]  # 1-based part of each output row
    unit: npt.NDArray[np.intp]  # the key (unit) of each output row, from 0, rows in order
    parts_per_year: int
    flavour: str
    targets: list[_Targets]
    accumulations: dict[str, tuple[Accumulation, str | None]]
    columns: dict[str, list[Any]]  # name -> one array per indicator
    early: list[Issue]  # reading the data and targets, accumulations assumed
    collect: Callable[[], tuple[list[Issue], dict[tuple[int, int], list[str]]]]
    has_errors: bool
    _found: tuple[tuple[Issue, ...], dict[tuple[int, int], list[str]]] | None = None

    def _issues_and_codes(self) -> tuple[tuple[Issue, ...], dict[tuple[int, int], list[str]]]:
        if self._found is None:
            rows, codes = self.collect()
            self._found = ((*self.early, *rows), codes)
        return self._found

    @property
    def issues(self) -> tuple[Issue, ...]:
        """Every issue (made on first use: a table of a million rows may have many)."""
        return self._issues_and_codes()[0]

    @property
    def codes(self) -> dict[tuple[int, int], list[str]]:
        """The issue codes of each (row, indicator) that has any."""
        return self._issues_and_codes()[1]

    @property
    def k(self) -> int:
        return len(self.indicators)

    def period_text(self, i: int) -> str:
        return str(Period(self.year, self.kind, int(self.part[i])))

    def row(self, i: int, j: int) -> MonitoringRow:
        c = self.columns

        def num(name: str) -> float | None:
            column = c[name][j]
            if isinstance(column, _Part):
                column = c[name][j] = column.get()
            if column is None:
                return None
            value = float(column if isinstance(column, float) else column[i])
            return None if value != value else value

        scale = self.indicators[j].categories
        labels = [*scale.labels, None]
        warning = int(c["warning"][j][i])
        return MonitoringRow(
            keys={key.name: key.python()[i] for key in self.keys},
            indicator=self.indicators[j].code,
            period=self.period_text(i),
            value=num("value"),
            target=self.targets[j].year,
            achievement=num("achievement"),
            category=labels[int(c["category"][j][i])],
            period_target=self.targets[j].parts.get(int(self.part[i])),
            period_achievement=num("period_achievement"),
            projected_value=num("projected_value"),
            projected_achievement=num("projected_achievement"),
            projected_category=labels[int(c["projected_category"][j][i])],
            needed=num("needed"),
            warning=None if warning < 0 else bool(warning),
            numerator=num("numerator"),
            denominator=num("denominator"),
            issues=tuple(self.codes.get((i, j), ())),
        )


# --- monitor() --------------------------------------------------------------------------------


def monitor(
    subject: Indicator | IndicatorSet,
    data: Any,
    *,
    year: Any,
    targets: Any = None,
    by: Any = None,
    rules: Any = None,
) -> Monitoring:
    """Follow ``subject`` (an IndicatorSet or one Indicator) through ``year`` on ``data``.

    ``data`` is a table (pandas or polars DataFrame, or a mapping of column to sequence) with a
    ``period`` column holding each row's part of the year (``"2025-Q1"``, ``"TW I 2025"``,
    ``"2025-03"``, ...; see :func:`iku.periods.parse_period`); rows of other years are left
    out. The parts are quarters if any row of the year is a quarter, else months. ``by`` names
    the key columns to combine units on (as in :func:`iku.evaluate`); without it, every column
    that is neither a variable nor ``period`` is a key.

    ``targets`` maps an indicator code to the year's target (a number or range), or to
    ``{period: target}`` where a period is the year (``2025``) or a part of it (``"2025-Q2"``,
    ``"TW II 2025"``): a part's target is cumulative, the Rencana Aksi up to that part. A table
    of ``indicator``, ``period``, ``target`` works too. ``rules`` are passed to the evaluation.

    Nothing raises for bad data: see :attr:`Monitoring.issues`.
    """
    if not isinstance(cast(object, subject), Indicator | IndicatorSet):
        msg = (
            "monitor() takes an IndicatorSet or an Indicator as its subject, "
            f"not {type(subject).__name__} (get one with iku.get_set or iku.load_set)"
        )
        raise ArgumentError(msg)
    the_year = _the_year(year)
    indicators = list(subject) if isinstance(subject, IndicatorSet) else [subject]
    found = accumulations(subject)
    given, target_issues = _given_targets(targets)
    return Monitoring(
        _run(subject, indicators, data, the_year, given, target_issues, by, rules, found)
    )


def _the_year(year: Any) -> int:
    period = as_period(year)
    if period is None or not period.is_year:
        msg = f"year is a year such as 2025, not {year!r}"
        raise ArgumentError(msg)
    return period.year


def _given_targets(targets: Any) -> tuple[Mapping[Any, Any], list[Issue]]:
    """The targets as a mapping, and the issues that came with them (a targets file's)."""
    if targets is None:
        return {}, []
    from iku.backends.targets import read_targets

    found = read_targets(targets)  # a mapping, a table or a TargetsFile and its issues
    return ({} if found.given is None else found.given), list(found.issues)


def _split_targets(
    spec: Any, code: str, year: int, kind: PeriodKind, issues: list[Issue]
) -> tuple[Any, dict[int, Any]]:
    """The year's target spec (as :func:`iku.evaluate` takes it) and the parts' targets."""
    from iku.backends.targets import lookup

    if not isinstance(spec, Mapping):
        return spec, {}
    annual: dict[Any, Any] = {}
    parts: dict[int, Any] = {}
    for key, value in spec.items():
        period = as_period(key)
        if period is None:
            if _is_blank(key):
                annual[key] = value
                continue
            issues.append(
                make_issue(IssueCode.BAD_PERIOD, indicator=code, variant="target", value=repr(key))
            )
            continue
        if period.is_year:
            annual[key] = value
        elif period.year == year and period.kind == kind:
            found, _ = lookup(value, None)
            parts[period.index] = found
    return annual, parts


def _is_blank(key: Any) -> bool:
    return key is None or (isinstance(key, float) and key != key)


_IDENTITY: dict[int, tuple[Indicator | IndicatorSet, IndicatorSet]] = {}


def _identity(subject: Indicator | IndicatorSet, variables: list[Variable]) -> IndicatorSet:
    """A set with one indicator per variable whose value is the variable itself: evaluating it
    with ``by`` checks every row and combines the units as the engine does."""
    entry = _IDENTITY.get(id(subject))
    if entry is not None and entry[0] is subject:
        return entry[1]
    inds = [Indicator(v.code, v.label, v.symbol) for v in variables]
    made = IndicatorSet(
        "iku.monitor.parts",
        "parts",
        "iku",
        (2000,),
        [Sasaran("S", "parts", inds)],
        variables,
    )
    if len(_IDENTITY) > 32:
        _IDENTITY.clear()
    _IDENTITY[id(subject)] = (subject, made)
    return made


_RELAXED: dict[int, tuple[Indicator | IndicatorSet, Indicator | IndicatorSet]] = {}


def _relaxed(subject: Indicator | IndicatorSet) -> Indicator | IndicatorSet:
    """The subject with its counts read as amounts: a year to date of counts may be a mean,
    and a projection at the run rate a fraction (the rows were checked as counts already)."""
    if not isinstance(subject, IndicatorSet):
        return subject
    entry = _RELAXED.get(id(subject))
    if entry is not None and entry[0] is subject:
        return entry[1]
    variables = [
        attrs.evolve(v, kind=VariableKind.AMOUNT) if v.kind is VariableKind.COUNT else v
        for v in subject.variables
    ]
    made = attrs.evolve(subject, variables=variables)
    if len(_RELAXED) > 32:
        _RELAXED.clear()
    _RELAXED[id(subject)] = (subject, made)
    return made


def _run(
    subject: Indicator | IndicatorSet,
    indicators: list[Indicator],
    data: Any,
    year: int,
    given: Mapping[Any, Any],
    target_issues: list[Issue],
    by: Any,
    rules: Any,
    found: dict[str, tuple[Accumulation, str | None]],
) -> _State:
    import numpy as np

    from iku.backends.columns import KeyColumn, Table, factorize, take
    from iku.evaluation import _by, evaluate

    if not isinstance(data, Mapping) and not _is_frame(data):
        msg = (
            "monitor() takes as data a table (a pandas or polars DataFrame, or a mapping of "
            f"column to list) with a period column, not {type(data).__name__}"
        )
        raise ArgumentError(msg)
    table = Table(data)
    if "period" not in table:
        shown = ", ".join(str(c) for c in table.names) or "none"
        msg = (
            "monitor() needs a period column (2025-Q1, TW I 2025, 2025-03, ...) in the data; "
            f"it has {shown}"
        )
        raise ColumnNotFoundError(msg)
    variables = variables_of(subject)
    declared = (
        {v.code for v in subject.variables}
        if isinstance(subject, IndicatorSet)
        else {v.code for v in variables}
    )
    names = _by(by)
    if names is None:
        key_names = [c for c in table.names if c not in declared and c != "period"]
    else:
        for name in names:
            if name not in table:
                shown = ", ".join(str(c) for c in table.names) or "none"
                msg = f"by names column {name!r}, which the data does not have (it has {shown})"
                raise ColumnNotFoundError(msg)
        key_names = [c for c in names if c != "period"]
    issues: list[Issue] = list(target_issues)

    # -- 1. the periods: read once per distinct value ------------------------------------------
    n = table.n
    codes, _, distinct = factorize([table.key("period")], n)
    read = parse_periods(distinct[0].python().tolist()) if n else parse_periods([])
    in_year = [p for p in read.periods if p is not None and p.year == year]
    kinds = {p.kind for p in in_year}
    kind: PeriodKind = "quarter" if "quarter" in kinds else "month" if "month" in kinds else "year"
    part_of = np.array(
        [
            p.index if p is not None and p.year == year and p.kind == kind else 0
            for p in read.periods
        ]
        + [0],
        dtype=np.intp,
    )
    bad_value = dict(read.unreadable)
    period_issues: list[Issue] = []
    for u, period in enumerate(read.periods):
        wrong_kind = period is not None and period.year == year and period.kind != kind
        if period is not None and not wrong_kind:
            continue
        rows = np.flatnonzero(codes == u).tolist()
        for i in rows:
            if u in bad_value:
                issue = make_issue(IssueCode.BAD_PERIOD, row=i, value=repr(bad_value[u]))
            elif wrong_kind:
                assert period is not None
                issue = make_issue(
                    IssueCode.BAD_PERIOD,
                    row=i,
                    variant="kind",
                    value=str(period),
                    kind=period.kind,
                    year=year,
                    parts=kind,
                )
            else:
                issue = make_issue(IssueCode.BAD_PERIOD, row=i, variant="missing")
            period_issues.append(issue)
    issues += sorted(period_issues, key=lambda issue: int(issue.row))
    row_part = part_of[codes] if n else np.zeros(0, dtype=np.intp)
    chosen = np.flatnonzero(row_part > 0)
    parts_per_year = KINDS[kind]

    # -- targets: the year's and the parts' ----------------------------------------------------
    splits = [
        _split_targets(given.get(ind.code), ind.code, year, kind, issues) for ind in indicators
    ]
    annual_specs = {ind.code: spec for ind, (spec, _) in zip(indicators, splits, strict=True)}
    target_values: list[_Targets] = []
    from iku.backends.targets import lookup

    for ind, (spec, parts) in zip(indicators, splits, strict=True):
        year_target, _ = lookup(spec, year)
        target_values.append(_Targets(year_target, parts))
        last = parts.get(parts_per_year)
        if last is not None and year_target is not None and not _reaches(last, year_target, ind):
            issues.append(
                make_issue(
                    IssueCode.INCONSISTENT_TARGETS,
                    indicator=ind.code,
                    period=str(Period(year, kind, parts_per_year)),
                    part_target=_shown(last),
                    year=year,
                    target=_shown(year_target),
                )
            )
    for code, (how, reason) in found.items():
        if reason is not None:
            issues.append(
                make_issue(
                    IssueCode.ACCUMULATION_ASSUMED,
                    variable=code,
                    variant=reason,
                    accumulation=str(how),
                    reason=reason,
                )
            )

    # -- 2. each part of each key: rows checked and combined by the engine --------------------
    every = len(chosen) == n  # every row is of the year, in order: nothing to take

    def pick(name: Any) -> Any:
        native = table.key(name).native
        return native if every else take(native, chosen)

    columns: dict[Any, Any] = {name: pick(name) for name in key_names}
    if names is not None:  # other columns too, so that an unknown one is reported
        for name in table.names:
            if name not in columns and name not in declared and name != "period":
                columns[name] = pick(name)
    columns["period"] = row_part[chosen]
    for v in variables:
        if v.code in table:
            columns[v.code] = pick(v.code)
    identity = _identity(subject, variables)
    # a target of 1 for each part's variable: the identity set's targets are no concern, and
    # none missing makes no issue to throw away
    ones = {v.code: 1.0 for v in variables}
    part_rows = row_part[chosen]
    unit_of, units, unit_keys = factorize(
        [KeyColumn(name, columns[name]) for name in key_names], len(chosen)
    )
    cells = unit_of * parts_per_year + part_rows - 1
    single = not len(cells) or int(np.bincount(cells).max()) <= 1
    fast = single and names is None
    if fast:
        # one row per key and part (the usual table): every row is its own group, so each
        # variable is checked as the engine checks it and no grouping is done; the issues of
        # the few bad rows are made by the engine itself, when they are asked for
        cell_values, bad_rows = _checked(variables, columns, len(chosen))
        group_part = part_rows
        stage_errors = bool(bad_rows.any())

        def stage_a_issues() -> tuple[TableOutput | None, npt.NDArray[np.intp]]:
            rows = np.flatnonzero(bad_rows)
            if not len(rows):
                return None, rows
            subset = {name: take(column, rows) for name, column in columns.items()}
            return evaluate(identity, subset, targets=ones).table_output, rows

    else:
        ev_parts = evaluate(identity, columns, by=[*key_names, "period"], targets=ones)
        out_a = ev_parts.table_output
        assert out_a is not None
        groups = out_a.n
        group_part = (
            np.asarray(out_a.periods.column.native, dtype=np.intp)
            if out_a.periods.column is not None and groups
            else np.zeros(groups, dtype=np.intp)
        )
        unit_of, units, unit_keys = factorize(out_a.keys, groups)
        cell_values = {v.code: out_a.indicators[j].value for j, v in enumerate(variables)}
        stage_errors = any(c.error is not None and bool(c.error.any()) for c in out_a.indicators)
        grouped_output = out_a

        def stage_a_issues() -> tuple[TableOutput | None, npt.NDArray[np.intp]]:
            return grouped_output, np.arange(grouped_output.n, dtype=np.intp)

    if not key_names:
        unit_keys = []
    present = np.zeros((units, parts_per_year), dtype=bool)
    present[unit_of, group_part - 1] = True
    last = np.zeros(units, dtype=np.intp)
    np.maximum.at(last, unit_of, group_part)
    total = int(last.sum())
    row_unit = np.repeat(np.arange(units, dtype=np.intp), last)
    starts = np.cumsum(last) - last
    row_part_out = (np.arange(total, dtype=np.intp) - np.repeat(starts, last) + 1).astype(np.intp)
    to_date: dict[str, npt.NDArray[np.float64]] = {}
    projected: dict[str, npt.NDArray[np.float64]] = {}
    cell_of = unit_of * parts_per_year + group_part - 1
    # every key has every part (the usual table): the cells are a units x parts grid already,
    # in order or after one permutation, and the output rows are that grid's cells
    complete = total == units * parts_per_year == len(cell_of)
    in_order = complete and bool((cell_of == np.arange(len(cell_of))).all())
    order = None
    if complete and not in_order:
        order = np.empty(len(cell_of), dtype=np.intp)
        order[cell_of] = np.arange(len(cell_of), dtype=np.intp)
    for v in variables:
        how = found[v.code][0]
        values = cell_values[v.code]
        if complete:
            grid = (values if order is None else values[order]).reshape(units, parts_per_year)
            ytd = accumulate(grid, how).reshape(-1)
        else:
            matrix = np.full((units, parts_per_year), np.nan)
            matrix[unit_of, group_part - 1] = values
            ytd = accumulate(matrix, how)[row_unit, row_part_out - 1]
        to_date[v.code] = ytd
        projected[v.code] = project(ytd, row_part_out, parts_per_year, how)

    # -- 3. the indicators on the year to date and on the projection, in one evaluation -------
    both = np.concatenate([np.arange(total), np.arange(total)]).astype(np.intp)
    table_b: dict[Any, Any] = {key.name: take(key.native, row_unit.take(both)) for key in unit_keys}
    part_text = np.array(
        [str(Period(year, kind, i)) for i in range(1, parts_per_year + 1)], dtype=object
    )
    table_b[_PART_COLUMN] = part_text[row_part_out.take(both) - 1]
    table_b["period"] = np.full(2 * total, year, dtype=np.int64)
    for v in variables:
        table_b[v.code] = np.concatenate([to_date[v.code], projected[v.code]])
    options = _with_rules(evaluate, rules, required=True)
    ev = evaluate(_relaxed(subject), table_b, targets=annual_specs, **options)
    out_b: TableOutput | None = ev.table_output
    assert out_b is not None

    kind_of = {v.code: v.kind for v in variables}
    counts = [
        isinstance(ind, Ratio)
        and all(kind_of.get(str(x)) is VariableKind.COUNT for x in ind.numerator.free_symbols)
        for ind in indicators
    ]
    result = _columns(
        out_b, indicators, target_values, total, row_part_out, counts, to_date, projected, rules
    )

    # -- the issues, made when first asked for: a row's own, and earlier parts' it depends on --
    def collect() -> tuple[list[Issue], dict[tuple[int, int], list[str]]]:

        row_start = np.cumsum(last) - last  # first output row of each unit
        marks: dict[int, dict[str, list[str]]] = {}  # row -> variable -> issue codes
        own_issues: list[tuple[int, Issue]] = []
        key_cols = [KeyColumn(k.name, k.native) for k in unit_keys]

        part_names = [str(p) for p in Period.of_year(year, kind)]

        def row_dict(r: int) -> dict[Any, Any]:
            u = int(row_unit[r])
            row = {key.name: key.python()[u] for key in key_cols}
            row["period"] = part_names[int(row_part_out[r]) - 1]
            return row

        def mark(u: int, p: int, variable_codes: Sequence[str], codes_: list[str]) -> None:
            """Mark the variables at unit u's part p and, unless they take their last value, at
            every later part of the unit."""
            first = int(row_start[u]) + p - 1
            for r in range(first, int(row_start[u] + last[u])):
                for code in variable_codes:
                    if r == first or found[code][0] is not Accumulation.LAST:
                        marks.setdefault(r, {}).setdefault(code, []).extend(codes_)

        checked, group_of = stage_a_issues()
        for j, ind_cols in enumerate(checked.indicators if checked is not None else ()):
            assert checked is not None
            mask = ind_cols.issue_rows()
            if mask is None:
                continue
            code = variables[j].code
            for g in np.flatnonzero(mask).tolist():
                u, p = int(unit_of[group_of[g]]), int(group_part[group_of[g]])
                r = int(row_start[u]) + p - 1
                row = row_dict(r)
                own = [
                    attrs.evolve(issue, indicator=None, row=row)
                    for issue in ind_cols.issues_at(g, row, checked)
                    if issue.variable is not None  # the identity set's own targets are no concern
                ]
                if not own:
                    continue
                own_issues.extend((r, issue) for issue in own)
                mark(u, p, [code], [str(issue.code) for issue in own])
        for r in np.flatnonzero(~present[row_unit, row_part_out - 1]).tolist():
            u, p = int(row_unit[r]), int(row_part_out[r])
            later = ", ".join(
                str(Period(year, kind, q))
                for q in range(p + 1, int(last[u]) + 1)
                if present[u, q - 1]
            )
            gap = make_issue(
                IssueCode.PERIOD_GAP,
                row=row_dict(r),
                period=str(Period(year, kind, p)),
                later=later,
            )
            own_issues.append((r, gap))
            mark(u, p, list(found), [str(gap.code)])

        row_codes: dict[tuple[int, int], list[str]] = {}
        for r, by_variable in marks.items():
            for j, ind in enumerate(indicators):
                hit = [c for v in ind.variables for c in by_variable.get(v, ())]
                if hit:
                    row_codes.setdefault((r, j), []).extend(hit)
        row_issues = list(own_issues)
        for j in range(len(indicators)):
            ind_b = out_b.indicators[j]
            mask = ind_b.issue_rows()
            if mask is None:
                continue
            for i in np.flatnonzero(mask).tolist():
                r = i if i < total else i - total
                row = row_dict(r)
                found_here = [
                    issue
                    for issue in ind_b.issues_at(i, row, out_b)
                    # a year to date that could not be formed: its cause is reported at its part
                    if not (issue.variable is not None and issue.code in _CONSEQUENCES)
                ]
                if i < total:
                    row_codes.setdefault((r, j), []).extend(str(issue.code) for issue in found_here)
                    row_issues += [(r, attrs.evolve(issue, row=row)) for issue in found_here]
                    continue
                # the projection: only what the year to date does not already say
                said = set(row_codes.get((r, j), ()))
                row_issues += [
                    (r, _projection_issue(attrs.evolve(issue, row=row)))
                    for issue in found_here
                    if str(issue.code) not in said
                ]
        row_issues.sort(key=lambda pair: pair[0])
        codes = {key: list(dict.fromkeys(value)) for key, value in row_codes.items() if value}
        return [issue for _, issue in row_issues], codes

    gaps = bool((~present[row_unit, row_part_out - 1]).any())
    has_errors = (
        gaps
        or any(issue.severity is Severity.ERROR for issue in issues)
        or stage_errors
        or any(c.error is not None and bool(c.error[:total].any()) for c in out_b.indicators)
    )

    row_keys = [KeyColumn(key.name, take(key.native, row_unit)) for key in unit_keys]
    return _State(
        subject=subject,
        indicators=indicators,
        year=year,
        kind=kind,
        key_names=[key.name for key in unit_keys],
        keys=row_keys,
        part=row_part_out,
        unit=row_unit,
        parts_per_year=parts_per_year,
        flavour=table.flavour,
        targets=target_values,
        accumulations=found,
        columns=result,
        early=issues,
        collect=collect,
        has_errors=has_errors,
    )


def _checked(
    variables: Sequence[Variable], columns: Mapping[Any, Any], n: int
) -> tuple[dict[str, npt.NDArray[np.float64]], npt.NDArray[np.bool_]]:
    """Each variable's values where they pass the engine's checks (NaN where not), and the rows
    with any value that does not."""
    import numpy as np

    from iku.backends.columns import Table
    from iku.validation import check_values

    table = Table(columns) if columns else None
    values: dict[str, npt.NDArray[np.float64]] = {}
    bad = np.zeros(n, dtype=bool)
    for v in variables:
        if table is None or v.code not in table:
            values[v.code] = np.full(n, np.nan)
            bad[:] = True
            continue
        column = table.column(v.code)
        status = check_values(
            column.values, str(v.kind), v.range, status=column.status, integral=column.integral
        )
        if status is None:
            values[v.code] = column.values
        else:
            wrong = status != 0
            values[v.code] = np.where(wrong, np.nan, column.values)
            bad |= wrong
    return values, bad


class _Part:
    """A ratio's numerator or denominator column, taken from the engine when first asked for."""

    __slots__ = ("columns", "name", "total")

    def __init__(self, columns: Any, name: str, total: int) -> None:
        self.columns, self.name, self.total = columns, name, total

    def get(self) -> npt.NDArray[np.float64]:
        found: npt.NDArray[np.float64] = getattr(self.columns, self.name)[: self.total]
        return found


def _with_rules(function: Any, rules: Any, *, required: bool = False) -> dict[str, Any]:
    """``{"rules": rules}`` for a function that takes them (the rules of capaian are passed
    through, never applied here); an :class:`ArgumentError` when the evaluation cannot."""
    if rules is None:
        return {}
    import inspect

    if "rules" in inspect.signature(function).parameters:
        return {"rules": rules}
    if required:
        msg = "rules= needs an evaluation that takes rules (iku.Rules), which this one does not"
        raise ArgumentError(msg)
    return {}


def _is_frame(data: Any) -> bool:
    from iku.backends.shapes import is_pandas_frame, is_polars_frame

    return is_pandas_frame(data) or is_polars_frame(data)


def _projection_issue(issue: Issue) -> Issue:
    """An issue of the projection: a warning, its messages saying so."""
    return attrs.evolve(
        issue,
        severity=Severity.WARNING,
        message=f"proyeksi akhir tahun: {issue.message}",
        message_en=f"year-end projection: {issue.message_en or issue.message}",
    )


def _bounds(target: Any, higher: bool) -> tuple[float, float]:
    """``(lo, hi)`` of a target (a number gives NaN for hi), NaN for none."""
    nan = float("nan")
    if target is None:
        return nan, nan
    if isinstance(target, TargetRange):
        return float(target.lo), float(target.hi)
    return float(target), nan


def _reaches(part: Any, year: Any, ind: Indicator) -> bool:
    """Whether the last part's cumulative target reaches the year's."""
    higher = ind.polarity is Polarity.HIGHER_IS_BETTER
    part_lo, part_hi = _bounds(part, higher)
    year_lo, year_hi = _bounds(year, higher)
    part_hi = part_lo if part_hi != part_hi else part_hi
    year_hi = year_lo if year_hi != year_hi else year_hi
    if higher:
        return bool(part_lo >= year_lo - 1e-9 * max(1.0, abs(year_lo)))
    return bool(part_hi <= year_hi + 1e-9 * max(1.0, abs(year_hi)))


def _shown(target: Any) -> str:
    from iku.setreader import compact_number

    if isinstance(target, TargetRange):
        return f"{compact_number(target.lo)}-{compact_number(target.hi)}"
    return str(compact_number(float(target)))


def _columns(
    out: TableOutput,
    indicators: list[Indicator],
    targets: list[_Targets],
    total: int,
    part: npt.NDArray[np.intp],
    counts: list[bool],
    to_date: Mapping[str, npt.NDArray[np.float64]],
    projected: Mapping[str, npt.NDArray[np.float64]],
    rules: Any = None,
) -> dict[str, list[Any]]:
    """Every output column, one entry per indicator: an array, or a number standing for every
    row (a year's target), or None (no part has a target). Categories stay band numbers
    (``int8``, -1 for none, as the engine keeps them) until a row or a frame asks for labels."""
    import numpy as np

    from iku.scales import achievement_array

    cols: dict[str, list[Any]] = {}

    def put(name: str, value: Any) -> None:
        cols.setdefault(name, []).append(value)

    for j, ind in enumerate(indicators):
        c = out.indicators[j]
        higher = c.kernel.higher
        value = c.value[:total]
        put("value", value)
        put("achievement", c.achievement[:total])
        put("category", c.category[:total])
        put("projected_value", c.value[total:])
        put("projected_achievement", c.achievement[total:])
        band = c.category[total:]
        put("projected_category", band)
        put("warning", np.where(band >= 0, band >= 2, -1).astype(np.int8))
        # a ratio's parts as the engine keeps them, taken when a row or a frame asks for them
        ratio = c.kernel.numerator is not None
        put("numerator", _Part(c, "numerator", total) if ratio else None)
        put("denominator", _Part(c, "denominator", total) if ratio else None)
        if targets[j].parts:  # the part's own cumulative target
            lo_of, hi_of = np.full(13, np.nan), np.full(13, np.nan)
            for index, target in targets[j].parts.items():
                lo_of[index], hi_of[index] = _bounds(target, higher)
            part_lo, part_hi = lo_of[part], hi_of[part]
            ranged = bool(np.isfinite(hi_of).any())
            put("period_target", part_lo)
            put("period_target_hi", part_hi)
            put(
                "period_achievement",
                achievement_array(
                    value,
                    part_lo,
                    "higher" if higher else "lower",
                    part_hi if ranged else None,
                    **_with_rules(achievement_array, rules),
                ),
            )
        else:
            put("period_target", None)
            put("period_target_hi", None)
            put("period_achievement", None)
        year_lo, year_hi = _bounds(targets[j].year, higher)
        put("target", year_lo)
        put("target_hi", year_hi)
        needed = None
        if targets[j].year is not None:
            needed = _needed(ind, c, total, targets[j].year, higher, counts[j], to_date, projected)
        put("needed", needed)
    return cols


def _needed(
    ind: Indicator,
    c: Any,
    total: int,
    target: Any,
    higher: bool,
    counts: bool,
    to_date: Mapping[str, npt.NDArray[np.float64]],
    projected: Mapping[str, npt.NDArray[np.float64]],
) -> npt.NDArray[np.float64]:
    """The realisasi still needed by the year end, in the units of what is counted: a ratio's
    numerator (with the denominator at its projected year-end value), an indicator of one
    variable that variable; NaN for other formulas. Never below zero."""
    import numpy as np

    lo, hi = _bounds(target, higher)
    goal = lo if higher or hi != hi else hi
    with np.errstate(invalid="ignore", divide="ignore"):
        if isinstance(ind, Ratio) and c.kernel.numerator is not None:
            # a numerator and a denominator that are one variable each (the usual ratio) are
            # read from the year to date and the projection, else from the engine's columns
            num, den = ind.numerator, ind.denominator
            numerator = to_date[str(num)] if num.is_Symbol else c.numerator[:total]
            denominator = projected[str(den)] if den.is_Symbol else c.denominator[total:]
            needed: npt.NDArray[np.float64] = denominator * (goal / float(ind.factor))
            needed -= numerator
            if counts:  # people and cases come whole: the next whole number
                needed -= 1e-9
                np.ceil(needed, out=needed)
        elif ind.formula.is_Symbol:
            needed = goal - c.value[:total]
        else:
            return np.full(total, np.nan)
        np.maximum(needed, 0.0, out=needed)  # NaN stays NaN
        needed[np.isnan(c.value[:total])] = np.nan
    return needed
