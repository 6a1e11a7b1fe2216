"""Whole tables at once: every step of the evaluation on numpy columns, with no loop over rows.

The steps are those of the one-unit evaluation (:mod:`iku.backends.scalar`), each done on a
column: the checks give one status array per variable, every later step a boolean mask per
indicator and issue code. Masks are kept as they are; :class:`Issue` values are made only for the
rows someone asks about (``ev.issues``, ``ev.results``, a frame). Categories stay band numbers
(``int8``) until a frame or a Result needs their labels.

With ``by``, rows are first checked one by one, then grouped: each variable is aggregated per
group (sums with ``numpy.bincount``), and the formula applied to the aggregates, a ratio of
sums. Before summing, every input row is checked as if it stood alone: its values, and a
ratio's parts (a zero denominator, a numerator above its denominator). A group with a bad input
row in what an indicator needs gets no value for that indicator and carries the row's issues,
each naming its input row (keys and place).

A variable whose column the data lacks (or has twice) is one issue about the data, not one per
row: every row carries that same issue, and ``Evaluation.issues`` lists it once.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from iku.backends.columns import KeyColumn, Table, factorize
from iku.backends.issues import (
    GroupedVariableSource,
    IssueSource,
    OverSource,
    RowSumSource,
    SharedSource,
    TargetSource,
    ValueSource,
    VariableSource,
    ZeroSource,
    ZeroTargetSource,
)
from iku.backends.kernels import Kernel, bands
from iku.backends.plan import Plan
from iku.backends.scalar import ResultFields
from iku.backends.targets import GivenTargets, Problem, Target, lookup
from iku.checks import IssueCode, Severity
from iku.scales import TargetRange, achievement_array
from iku.validation import Issue, RowKeys, check_values, make_issue, show_value

__all__ = ["IndicatorColumns", "Placer", "TableOutput", "evaluate_table"]

Floats = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]
Codes = npt.NDArray[np.intp]
_NAN: Final = math.nan

Placer = Any
"""``place(row, column) -> str | None`` of a data source (a bound method), or None."""


def _or(a: Mask | None, b: Mask | None) -> Mask | None:
    if a is None:
        return b
    if b is None:
        return a
    return a | b


def _without(mask: Mask, error: Mask | None) -> Mask | None:
    """``mask`` on the rows that have no error yet, or None if that leaves none."""
    if error is not None:
        mask = mask & ~error
    return mask if mask.any() else None


# --- periods and targets ---------------------------------------------------------------------


class _Periods:
    """The period of each output row: one for all (``column`` None) or a column of them."""

    def __init__(self, single: Any, column: KeyColumn | None) -> None:
        self.single, self.column = single, column
        self._codes: Codes | None = None
        self._distinct: list[Any] | None = None
        self._expanded: dict[tuple[Any, ...], npt.NDArray[Any]] = {}

    def at(self, i: int) -> Any:
        return self.single if self.column is None else self.column.python()[i]

    def factorized(self, n: int) -> tuple[Codes, list[Any]]:
        """A code per row and the distinct periods (Python values)."""
        if self.column is None:
            return np.zeros(n, dtype=np.intp), [self.single]
        if self._codes is None:
            codes, _, keys = factorize([self.column], n)
            self._codes, self._distinct = codes, keys[0].python().tolist()
        assert self._distinct is not None
        return self._codes, self._distinct

    def expand(self, values: Sequence[Any], n: int) -> npt.NDArray[Any]:
        """One value per distinct period, as a column (shared by indicators with the same)."""
        key = tuple((type(value).__name__, value) for value in values)  # True is not 1.0
        if key not in self._expanded:
            codes, _ = self.factorized(n)
            column = np.asarray(values) if values else np.empty(0)
            self._expanded[key] = column.take(codes)
        return self._expanded[key]


class _Targets:
    """One indicator's target per row: ``lo`` (and ``hi`` for ranges) as a number or an array,
    the target objects for Results, and why a row has none."""

    def __init__(
        self, code: str, spec: object, periods: _Periods, n: int, given: GivenTargets
    ) -> None:
        self.indicator, self.spec, self.periods, self.given = code, spec, periods, given
        self.codes: Codes | None = None
        if not isinstance(spec, Mapping) or periods.column is None:
            # the same target for every row (messages still name each row's own period)
            found, problem = lookup(spec, periods.single if periods.column is None else None)
            self.found: list[Target | None] = [found]
            self.problems: list[Problem | None] = [problem]
        else:
            self.codes, distinct = periods.factorized(n)
            pairs = [lookup(spec, period) for period in distinct]
            self.found = [found for found, _ in pairs]
            self.problems = [problem for _, problem in pairs]
        lo = [
            _NAN if t is None else (t.lo if isinstance(t, TargetRange) else t) for t in self.found
        ]
        # A plain target has no upper bound (NaN): a value equal to a plain 0 target is a zero
        # target, not "inside a range from 0 to 0".
        hi = [t.hi if isinstance(t, TargetRange) else _NAN for t in self.found]
        self.ranged = any(isinstance(t, TargetRange) for t in self.found)
        self.any_zero = any(a == 0 or b == 0 for a, b in zip(lo, hi, strict=True))
        self.n = n
        if self.codes is None:
            self.lo: float | Floats = lo[0]
            self.hi: float | Floats = hi[0]
        else:
            self.lo = periods.expand(lo, n)
            self.hi = periods.expand(hi, n) if self.ranged else self.lo

    def _index(self, i: int) -> int:
        return 0 if self.codes is None else int(self.codes[i])

    def at(self, i: int) -> Target | None:
        return self.found[self._index(i)]

    def upper(self) -> float | Floats:
        """The upper bound of each row's target, NaN where it is not a range (for frames)."""
        hi = [t.hi if isinstance(t, TargetRange) else _NAN for t in self.found]
        return hi[0] if self.codes is None else self.periods.expand(hi, self.n)

    def _rows(self, flags: list[bool], n: int) -> Mask | None:
        if not any(flags):
            return None
        if self.codes is None:
            return np.ones(n, dtype=bool)
        return self.periods.expand(flags, n)

    def missing_rows(self, n: int) -> Mask | None:
        """Rows without a usable target."""
        return self._rows([problem is not None for problem in self.problems], n)

    def error_rows(self, n: int) -> Mask | None:
        """Rows whose target is an error (not a number), not merely missing."""
        flags = [p is not None and p.code.severity is Severity.ERROR for p in self.problems]
        return self._rows(flags, n)

    def problem(self, i: int) -> Problem:
        """Why row ``i`` has no target, naming its own period."""
        _, problem = lookup(self.spec, self.periods.at(i))
        return problem or Problem(IssueCode.MISSING_TARGET, "none", {})

    def code_at(self, i: int) -> IssueCode:
        """The issue code of :meth:`problem`, without making its message."""
        problem = self.problems[self._index(i)]
        return IssueCode.MISSING_TARGET if problem is None else problem.code

    def place(self, i: int) -> str | None:
        """The place of row ``i``'s target in the targets file, None when unknown."""
        if self.given.place is None:
            return None
        return self.given.place_of(self.indicator, self.periods.at(i))


# --- one indicator on whole columns ----------------------------------------------------------


class IndicatorColumns:
    """The results of one indicator as columns: ``value``, ``achievement`` (NaN where None),
    ``category``/``grade`` band numbers (-1 where None), a ratio's ``numerator`` and
    ``denominator``, and the sources of its issues."""

    def __init__(
        self,
        k: Kernel,
        value: Floats,
        parts: tuple[tuple[Floats, Mask | None], tuple[Floats, Mask | None]] | None,
        targets: _Targets,
        achievement: Floats,
        category: npt.NDArray[np.int8],
        grade: npt.NDArray[np.int8] | None,
        sources: list[IssueSource],
        error: Mask | None,
    ) -> None:
        self.kernel, self.value, self.targets = k, value, targets
        self.achievement, self.category, self.grade = achievement, category, grade
        self.sources, self.error = sources, error
        self._parts = parts
        self._numerator: Floats | None = None
        self._denominator: Floats | None = None

    @property
    def numerator(self) -> Floats | None:
        """A ratio's numerator (NaN where it could not be computed), else None."""
        if self._parts is None:
            return None
        if self._numerator is None:
            self._numerator = _finite_or_nan(*self._parts[0])
        return self._numerator

    @property
    def denominator(self) -> Floats | None:
        """A ratio's denominator (NaN where it could not be computed), else None."""
        if self._parts is None:
            return None
        if self._denominator is None:
            self._denominator = _finite_or_nan(*self._parts[1])
        return self._denominator

    @property
    def code(self) -> str:
        return self.kernel.code

    @property
    def has_errors(self) -> bool:
        """True when some row has an error (warnings aside)."""
        return any(s.has_error and s.mask is not None and bool(s.mask.any()) for s in self.sources)

    def issue_rows(self, *, shared: bool = True) -> Mask | None:
        """Rows that have at least one issue (``shared=False``: besides the data's own)."""
        found: Mask | None = None
        for source in self.sources:
            if shared or not source.shared:
                found = _or(found, source.mask)
        return found

    def issues_at(
        self, i: int, row: Any, where: TableOutput, *, shared: bool = True
    ) -> list[Issue]:
        """The issues of output row ``i``, in the order of the steps."""
        out: list[Issue] = []
        for source in self.sources:
            if source.mask is not None and source.mask[i] and (shared or not source.shared):
                out += source.issues(i, row, where)
        return out

    def codes_at(self, i: int) -> list[str]:
        """The issue codes of output row ``i`` (what a frame's ``issues`` column holds)."""
        out: list[str] = []
        for source in self.sources:
            if source.mask is not None and source.mask[i]:
                out += [str(code) for code in source.codes(i)]
        return out


def _as_column(x: Any, n: int) -> Floats:
    if isinstance(x, np.ndarray) and x.shape == (n,):
        return x.astype(np.float64, copy=False)
    return np.full(n, float(x))


def _finite_or_nan(x: Floats, error: Mask | None) -> Floats:
    """``x`` with NaN where ``error`` or where not finite (a new array only if needed)."""
    with np.errstate(invalid="ignore"):
        lo, hi = x.min(initial=0.0), x.max(initial=0.0)
    if error is None and lo > -math.inf and hi < math.inf:
        return x
    bad = ~np.isfinite(x)
    if error is not None:
        bad |= error
    return np.where(bad, _NAN, x) if bad.any() else x


class _Inputs:
    """The input rows of a grouped evaluation, for checking each row before it is summed."""

    def __init__(
        self, env: Mapping[str, Floats], bad: Mapping[str, Mask | None], groups: Codes, count: int
    ) -> None:
        self.env, self.bad, self.groups, self.count = env, bad, groups, count
        self.n = len(groups)

    def of_groups(self, rows: Mask) -> Mask:
        """The groups holding any of ``rows``."""
        mask = np.zeros(self.count, dtype=bool)
        mask[self.groups[rows]] = True
        return mask


def _row_checks(
    k: Kernel,
    inputs: _Inputs,
    sources: list[IssueSource],
    zero_groups: Mask | None,
    over_groups: Mask | None,
) -> Mask | None:
    """Steps 2 and 3 on each input row of a grouped evaluation, before summing: its own
    denominators and a proportion's parts. A row is reported where its group's sum does not
    show the same problem (``zero_groups``, ``over_groups``: the group's own issue says it).
    Returns the groups that may not be summed (a row's error); a row's zero denominator is a
    warning (its numbers can still be summed)."""
    n, env, code, groups = inputs.n, inputs.env, k.code, inputs.groups
    error = _part_error(k.variables, inputs.bad)
    zero_rows: Mask | None = None
    for part in k.denominators:
        zero = _zeros(_as_column(part.array(env), n), _or(error, zero_rows))
        if zero is None:
            continue
        zero_rows = _or(zero_rows, zero)
        if zero_groups is not None:
            zero = _without(zero, zero_groups[groups])
        if zero is not None:
            rows = np.flatnonzero(zero)
            issue = IssueCode.DENOMINATOR_ZERO
            found = RowSumSource(code, issue, rows, groups[rows], inputs.count, text=part.text)
            sources.append(found)
    if not (k.proportion and k.numerator is not None and k.denominator is not None):
        return None
    numerator = _as_column(k.numerator.array(env), n)
    denominator = _as_column(k.denominator.array(env), n)
    over = _without(numerator > denominator, _or(error, zero_rows))
    if over is not None and over_groups is not None:
        over = _without(over, over_groups[groups])
    if over is None:
        return None
    rows = np.flatnonzero(over)
    issue = IssueCode.NUMERATOR_EXCEEDS_DENOMINATOR
    parts = (numerator, denominator)
    sources.append(RowSumSource(code, issue, rows, groups[rows], inputs.count, parts=parts))
    return inputs.of_groups(over)


def _indicator(
    k: Kernel,
    env: Mapping[str, Floats],
    n: int,
    bad: Mapping[str, Mask | None],
    sources: list[IssueSource],
    spec: object,
    periods: _Periods,
    given: GivenTargets,
    inputs: _Inputs | None,
) -> IndicatorColumns:
    """Steps 2 to 8 for one indicator on columns; ``bad`` marks each variable's bad rows and
    ``sources`` already holds the variable issues (step 1). ``inputs`` are the rows before
    grouping (None without ``by``)."""
    code, grouped = k.code, inputs is not None
    error: Mask | None = None
    for name in k.variables:
        error = _or(error, bad[name])
    numerator = denominator = None
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if k.numerator is not None and k.denominator is not None:
            numerator = _as_column(k.numerator.array(env), n)
            denominator = _as_column(k.denominator.array(env), n)
        if inputs is not None:
            zero_groups = over_groups = None
            for part in k.denominators:
                divisor = denominator if part is k.denominator else part.array(env)
                zero_groups = _or(zero_groups, _as_column(divisor, n) == 0)
            if k.proportion and numerator is not None and denominator is not None:
                over_groups = numerator > denominator
            error = _or(error, _row_checks(k, inputs, sources, zero_groups, over_groups))
        zero_error: Mask | None = None
        for part in k.denominators:
            divisor = denominator if part is k.denominator else _as_column(part.array(env), n)
            assert divisor is not None
            zero = _zeros(divisor, error)
            if zero is not None:
                sources.append(ZeroSource(code, zero, grouped, part.text))
                zero_error = _or(zero_error, zero)
        error = _or(error, zero_error)
        if k.proportion and numerator is not None and denominator is not None:
            over = _without(numerator > denominator, error)
            if over is not None:
                sources.append(OverSource(code, over, grouped, numerator, denominator))
                error = _or(error, over)
        if numerator is not None and denominator is not None:
            raw = numerator / denominator
            raw *= k.factor
        else:
            raw = _as_column(k.formula.array(env), n)
            if raw is env.get(k.formula.symbol or ""):
                raw = raw.copy()
        infinite = _nonfinite(raw, error)
        if infinite is not None:
            sources.append(ValueSource(code, infinite, grouped, IssueCode.NOT_FINITE, raw, {}))
            error = _or(error, infinite)
        if k.scale is not None:
            lo, hi = k.scale
            outside = _outside(raw, lo, hi, error)
            if outside is not None:
                bounds = {"lo": show_value(lo), "hi": show_value(hi)}
                issue = IssueCode.OUT_OF_SCALE
                sources.append(ValueSource(code, outside, grouped, issue, raw, bounds))
                error = _or(error, outside)
    value = raw if error is None else np.where(error, _NAN, raw)
    parts = None
    if numerator is not None and denominator is not None:
        assert k.numerator is not None
        assert k.denominator is not None
        parts = (
            (numerator, _part_error(k.numerator.variables, bad)),
            (denominator, _part_error(k.denominator.variables, bad)),
        )
    targets = _Targets(code, spec, periods, n, given)
    has_value = None if error is None else ~error
    missing = targets.missing_rows(n)
    if missing is not None:
        missing = missing if has_value is None else missing & has_value
        if missing.any():
            wrong = targets.error_rows(n)
            has_error = wrong is not None and bool((wrong & missing).any())
            sources.append(TargetSource(code, missing, targets, has_error))
    achievement = achievement_array(
        value,
        targets.lo,
        "higher" if k.higher else "lower",
        targets.hi if targets.ranged else None,
    )
    zero_target = _zero_target_rows(value, targets, has_value)
    if zero_target is not None:
        sources.append(ZeroTargetSource(code, zero_target, targets))
    category = bands(k.categories).codes(achievement)
    grade = bands(k.grades).codes(value) if k.grades is not None else None
    return IndicatorColumns(k, value, parts, targets, achievement, category, grade, sources, error)


def _part_error(names: Sequence[str], bad: Mapping[str, Mask | None]) -> Mask | None:
    error: Mask | None = None
    for name in names:
        error = _or(error, bad[name])
    return error


def _zeros(divisor: Floats, error: Mask | None) -> Mask | None:
    """Rows without an error yet whose divisor is 0."""
    if error is None and (divisor.min(initial=1.0) > 0 or divisor.max(initial=-1.0) < 0):
        return None  # a quick answer for the usual column: all positive (NaN fails it)
    return _without(divisor == 0, error)


def _nonfinite(x: Floats, error: Mask | None) -> Mask | None:
    """Rows without an error yet whose value is NaN or infinite."""
    if error is None and x.min(initial=0.0) > -math.inf and x.max(initial=0.0) < math.inf:
        return None
    return _without(~np.isfinite(x), error)


def _outside(x: Floats, lo: float, hi: float, error: Mask | None) -> Mask | None:
    """Rows without an error yet whose value lies outside ``lo .. hi``."""
    if error is None and x.min(initial=lo) >= lo and x.max(initial=hi) <= hi:
        return None
    return _without((x < lo) | (x > hi), error)


def _zero_target_rows(value: Floats, targets: _Targets, has_value: Mask | None) -> Mask | None:
    """Rows with a value whose target used is 0 (for a range: the bound used)."""
    if not targets.any_zero:
        return None
    lo, hi = targets.lo, targets.hi
    with np.errstate(invalid="ignore"):
        used = np.where(value > hi, hi, lo) if targets.ranged else np.broadcast_to(lo, value.shape)
        zero = used == 0
        if targets.ranged:
            zero &= ~((value >= lo) & (value <= hi))
    if has_value is not None:
        zero &= has_value
    return zero if zero.any() else None


# --- the table -------------------------------------------------------------------------------


class TableOutput:
    """Everything an :class:`~iku.Evaluation` of a table holds: output rows (input rows, or
    groups with ``by``), their keys and periods, one :class:`IndicatorColumns` per indicator,
    and ``table_issues``, the issues about the data and targets as a whole (a reader's first).

    It is also what names an input row in an issue (:class:`~iku.backends.issues.Where`):
    :meth:`input_row` and :meth:`place`.
    """

    def __init__(
        self,
        plan: Plan,
        table: Table,
        n: int,
        keys: list[KeyColumn],
        periods: _Periods,
        indicators: list[IndicatorColumns],
        table_issues: list[Issue],
        grouped: bool,
        *,
        input_keys: Sequence[KeyColumn] = (),
        input_period: KeyColumn | None = None,
        placer: Placer = None,
    ) -> None:
        self.plan, self.table, self.n, self.keys = plan, table, n, keys
        self.periods, self.indicators = periods, indicators
        self.table_issues, self.grouped = table_issues, grouped
        self.input_keys, self.input_period, self.placer = tuple(input_keys), input_period, placer
        self.has_period_column = periods.column is not None
        self.has_errors = any(ind.has_errors for ind in indicators) or any(
            issue.severity is Severity.ERROR for issue in table_issues
        )

    @property
    def flavour(self) -> str:
        return self.table.flavour

    def keys_at(self, i: int) -> Mapping[str, Any]:
        """``Result.keys`` of output row ``i``."""
        return RowKeys({key.name: key.python()[i] for key in self.keys})

    def row_at(self, i: int) -> Any:
        """``Issue.row`` of output row ``i``: its keys with the period, else its position."""
        if not self.grouped:
            return self.input_row(i)
        if not self.keys and not self.has_period_column:
            return i
        row = dict(self.keys_at(i))
        if self.has_period_column:
            row["period"] = self.periods.at(i)
        return RowKeys(row)

    def input_row(self, position: int) -> Any:
        """``Issue.row`` of input row ``position``: its keys (every column that is not a
        variable) with its period; its position when it has none, or, with ``by``, none but
        its group's."""
        if not self.input_keys and self.input_period is None:
            return position
        row = {key.name: key.python()[position] for key in self.input_keys}
        if self.input_period is not None:
            row["period"] = self.input_period.python()[position]
        return RowKeys(row)

    def place(self, position: int, column: str | None = None) -> str | None:
        """The place of input row ``position`` in the file it was read from, None when the
        data came from no file."""
        if self.placer is None:
            return None
        found: str | None = self.placer(position, column)
        return found

    def result_row(self, i: int, j: int) -> ResultFields:
        """The fields of the Result of indicator ``j`` on output row ``i``."""
        return self._row(i, self.indicators[j], self.row_at(i))

    def _row(self, i: int, ind: IndicatorColumns, row: Any) -> ResultFields:
        k = ind.kernel
        grade = None
        if ind.grade is not None:
            grade = bands(k.grades).label(int(ind.grade[i]))
        return ResultFields(
            k.code,
            self.periods.at(i),
            _number(ind.value[i]),
            ind.targets.at(i),
            _number(ind.achievement[i]),
            bands(k.categories).label(int(ind.category[i])),
            grade,
            None if ind.numerator is None else _number(ind.numerator[i]),
            None if ind.denominator is None else _number(ind.denominator[i]),
            tuple(ind.issues_at(i, row, self)),
            self.keys_at(i),
        )

    def rows(self) -> Iterator[ResultFields]:
        """Every Result's fields, row-major."""
        for i in range(self.n):
            row = self.row_at(i)
            for ind in self.indicators:
                yield self._row(i, ind, row)

    def issues(self) -> list[Issue]:
        """Every issue: the data's and the targets' own, then each row's in row-major order
        (an issue about the data as a whole, carried by many rows, is listed once)."""
        out = list(self.table_issues)
        marked = [ind.issue_rows(shared=False) for ind in self.indicators]
        every: Mask | None = None
        for mask in marked:
            every = _or(every, mask)
        if every is None:
            return out
        for i in np.flatnonzero(every).tolist():
            row = self.row_at(i)
            for ind, mask in zip(self.indicators, marked, strict=True):
                if mask is not None and mask[i]:
                    out += ind.issues_at(i, row, self, shared=False)
        return out


def _number(x: Any) -> float | None:
    value = float(x)
    return None if value != value else value


def _data_issues(
    plan: Plan, table: Table, unknown: Sequence[Any]
) -> tuple[list[Issue], dict[str, Issue]]:
    """Issues about the data as a whole: a column given twice, a variable's column missing, a
    column that is no variable. Also returns the issue that makes each such variable unusable
    (every row of it carries that one issue)."""
    issues: list[Issue] = []
    unusable: dict[str, Issue] = {}
    for name, count in table.duplicates.items():
        issue = make_issue(IssueCode.DUPLICATE_COLUMN, variable=str(name), count=count)
        issues.append(issue)
        if name in plan.specs:
            unusable[name] = issue
    for code in plan.specs:
        if code not in table and code not in unusable:
            issue = make_issue(IssueCode.MISSING_VALUE, variable=code, variant="column")
            issues.append(issue)
            unusable[code] = issue
    issues += [make_issue(IssueCode.UNKNOWN_VARIABLE, variable=str(name)) for name in unknown]
    return issues, unusable


def evaluate_table(
    plan: Plan,
    table: Table,
    targets: GivenTargets,
    period: Any,
    by: Sequence[Any] | None,
    *,
    placer: Placer = None,
    first_issues: Sequence[Issue] = (),
) -> TableOutput:
    """Evaluate every indicator of ``plan`` on ``table`` (``by`` checked by the caller).

    ``placer`` is the ``place(row, column)`` of the data source the table came from, and
    ``first_issues`` what was found before (reading the data and targets): they come first.
    """
    n = table.n
    has_period = "period" in table and "period" not in plan.declared
    others = [c for c in table.names if c not in plan.declared and c != "period"]
    if by is None:
        key_names = others
        unknown: list[Any] = []
    else:
        key_names = [c for c in dict.fromkeys(by) if c != "period"]
        unknown = [c for c in others if plan.set is not None and c not in key_names]
    found, unusable = _data_issues(plan, table, unknown)
    table_issues = [*first_issues, *found]
    columns = {code: table.column(code) for code in plan.specs if code not in unusable}
    status = {
        code: check_values(
            column.values,
            plan.specs[code].kind,
            plan.specs[code].range,
            status=column.status,
            integral=column.integral,
        )
        for code, column in columns.items()
    }
    nothing = np.full(n, _NAN) if unusable else None
    input_env = {code: column.values for code, column in columns.items()}
    for code in unusable:
        input_env[code] = nothing  # type: ignore[assignment]
    inputs: _Inputs | None = None
    if by is None:
        keys = [table.key(name) for name in key_names]
        periods = _Periods(period, table.key("period") if has_period else None)
        bad: dict[str, Mask | None] = {
            code: None if s is None else s != 0 for code, s in status.items()
        }
        env = input_env
        count = n

        def variable_sources(k: Kernel) -> list[IssueSource]:
            return [
                VariableSource(k.code, plan.specs[v], st, columns[v])
                for v in k.variables
                if v in columns and (st := status[v]) is not None
            ]

    else:
        by_keys = [table.key(name) for name in key_names]
        if has_period:
            by_keys.append(table.key("period"))
        groups, count, group_keys = factorize(by_keys, n)
        keys = group_keys[: len(key_names)]
        periods = _Periods(period, group_keys[-1] if has_period else None)
        input_bad = {code: None if s is None else s != 0 for code, s in status.items()}
        bad = {}
        for code, s in status.items():
            if s is None:
                bad[code] = None
            else:
                mask = np.zeros(count, dtype=bool)
                mask[groups[s != 0]] = True
                bad[code] = mask
        env = {
            code: _aggregate(column.values, plan.specs[code].aggregation, groups, count)
            for code, column in columns.items()
        }
        every_input = np.ones(n, dtype=bool) if unusable else None
        for code in unusable:
            env[code] = np.full(count, _NAN)
            input_bad[code] = every_input
        inputs = _Inputs(input_env, input_bad, groups, count)

        def variable_sources(k: Kernel) -> list[IssueSource]:
            return [
                GroupedVariableSource(k.code, plan.specs[v], st, columns[v], groups, count)
                for v in k.variables
                if v in columns and (st := status[v]) is not None
            ]

    every = np.ones(count, dtype=bool) if unusable else None
    for code in unusable:
        bad[code] = every
    indicators = []
    given = targets.given
    for k in plan.kernels:
        spec = given.get(k.code) if given is not None else None
        sources = variable_sources(k)
        sources += [SharedSource(unusable[v], every) for v in k.variables if v in unusable]  # type: ignore[arg-type]
        indicators.append(_indicator(k, env, count, bad, sources, spec, periods, targets, inputs))
    input_period: KeyColumn | None = periods.column
    if by is None:
        input_keys = keys
    elif any(name not in key_names for name in others):
        input_keys = [table.key(name) for name in others]
        input_period = table.key("period") if has_period else None
    else:  # no key says more than the group's: an input row is named by its position
        input_keys, input_period = [], None
    return TableOutput(
        plan,
        table,
        count,
        keys,
        periods,
        indicators,
        table_issues,
        by is not None,
        input_keys=input_keys,
        input_period=input_period,
        placer=placer,
    )


def _aggregate(values: Floats, how: str, groups: Codes, count: int) -> Floats:
    """Each group's sum, mean, min or max of ``values``."""
    if how in ("sum", "mean"):
        total: Floats = np.bincount(groups, weights=values, minlength=count).astype(
            np.float64, copy=False
        )
        if how == "sum":
            return total
        return total / np.bincount(groups, minlength=count)
    out = np.full(count, math.inf if how == "min" else -math.inf)
    (np.minimum if how == "min" else np.maximum).at(out, groups, values)
    return out
