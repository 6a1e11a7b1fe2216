"""Whole tables at once: every step of the evaluation on numpy columns, with no loop over rows.

The steps are those of the one-unit evaluation (:mod:`iku.backends.scalar`), each done on a
column: the checks give one status array per variable, every later step a boolean mask per
indicator and issue code. Masks are kept as they are; :class:`Issue` values are made only for the
rows someone asks about (``ev.issues``, ``ev.results``, a frame). Categories stay band numbers
(``int8``) until a frame or a Result needs their labels.

With ``by``, rows are first checked one by one, then grouped: each variable is aggregated per
group (sums with ``numpy.bincount``), and the formula applied to the aggregates, a ratio of
sums. A group with a bad input row in a variable an indicator needs gets no value for that
indicator and carries the row's issues.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from iku.backends.columns import KeyColumn, Table, factorize
from iku.backends.given import GivenColumn, apply_given, given_column
from iku.backends.issues import (
    GroupedVariableSource,
    MaskSource,
    Source,
    VariableSource,
    over_issue,
    target_issue_of,
    value_issue,
    zero_issue,
    zero_target_issue,
)
from iku.backends.kernels import Kernel, bands
from iku.backends.plan import Plan
from iku.backends.scalar import Row
from iku.backends.targets import Target, lookup
from iku.scales import Lower, Rules, TargetRange, capaian_array
from iku.validation import Issue, IssueCode, check_values, make_issue, show_value

__all__ = ["IndicatorColumns", "TableOutput", "evaluate_table"]

Floats = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]
Codes = npt.NDArray[np.intp]
_NAN: Final = math.nan


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
    and the target objects for Results."""

    def __init__(self, spec: object, periods: _Periods, n: int) -> None:
        self.spec, self.periods = spec, periods
        self.codes: Codes | None = None
        if not isinstance(spec, Mapping) or periods.column is None:
            # the same target for every row (messages still name each row's own period)
            found, problem = lookup(spec, periods.single if periods.column is None else None)
            self.found: list[Target | None] = [found]
            self.missing: list[bool] = [problem is not None]
        else:
            self.codes, distinct = periods.factorized(n)
            pairs = [lookup(spec, period) for period in distinct]
            self.found = [found for found, _ in pairs]
            self.missing = [problem is not None for _, problem in pairs]
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

    def at(self, i: int) -> Target | None:
        return self.found[0 if self.codes is None else int(self.codes[i])]

    def upper(self) -> float | Floats:
        """The upper bound of each row's target, NaN where it is not a range (for frames)."""
        hi = [t.hi if isinstance(t, TargetRange) else _NAN for t in self.found]
        return hi[0] if self.codes is None else self.periods.expand(hi, self.n)

    def missing_rows(self, n: int) -> Mask | None:
        if not any(self.missing):
            return None
        if self.codes is None:
            return np.ones(n, dtype=bool)
        return self.periods.expand(self.missing, n)

    def problem(self, i: int) -> tuple[str, dict[str, Any]]:
        _, problem = lookup(self.spec, self.periods.at(i))
        return problem or ("none", {})


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
        sources: list[Source],
        error: Mask | None,
        given: Mask | None = None,
    ) -> None:
        self.kernel, self.value, self.targets = k, value, targets
        self.achievement, self.category, self.grade = achievement, category, grade
        self.sources, self.error = sources, error
        self.given = given
        """The rows whose value is a realisasi given directly (None: none)."""
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

    def issue_rows(self) -> Mask | None:
        """Rows that have at least one issue."""
        found: Mask | None = None
        for source in self.sources:
            found = _or(found, source.mask)
        return found

    def issues_at(self, i: int, row: Any) -> list[Issue]:
        """The issues of output row ``i``, in the order of the steps."""
        out: list[Issue] = []
        for source in self.sources:
            if source.mask is not None and source.mask[i]:
                out += source.issues(i, row)
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


def _indicator(
    k: Kernel,
    env: Mapping[str, Floats],
    n: int,
    bad: Mapping[str, Mask | None],
    sources: list[Source],
    spec: object,
    periods: _Periods,
    rules: Rules,
    given: GivenColumn | None = None,
) -> IndicatorColumns:
    """Steps 2 to 8 for one indicator on columns; ``bad`` marks each variable's bad rows and
    ``sources`` already holds the variable issues (step 1). ``given`` is its realisasi given
    directly, if the data has a column of it."""
    code = k.code
    error: Mask | None = None
    for name in k.variables:
        error = _or(error, bad[name])
    numerator = denominator = None
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if k.numerator is not None and k.denominator is not None:
            numerator = _as_column(k.numerator.array(env), n)
            denominator = _as_column(k.denominator.array(env), n)
        zero_error: Mask | None = None
        for part in k.denominators:
            divisor = denominator if part is k.denominator else _as_column(part.array(env), n)
            assert divisor is not None
            zero = _zeros(divisor, error)
            if zero is not None:
                sources.append(
                    MaskSource(IssueCode.DENOMINATOR_ZERO, zero, zero_issue(code, part.text))
                )
                zero_error = _or(zero_error, zero)
        error = _or(error, zero_error)
        if k.proportion and numerator is not None and denominator is not None:
            over = _without(numerator > denominator, error)
            if over is not None:
                make = over_issue(code, numerator, denominator)
                sources.append(MaskSource(IssueCode.NUMERATOR_EXCEEDS_DENOMINATOR, over, make))
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
            make = value_issue(code, IssueCode.NOT_FINITE, raw)
            sources.append(MaskSource(IssueCode.NOT_FINITE, infinite, make))
            error = _or(error, infinite)
        if k.scale is not None:
            lo, hi = k.scale
            outside = _outside(raw, lo, hi, error)
            if outside is not None:
                make = value_issue(
                    code, IssueCode.OUT_OF_SCALE, raw, lo=show_value(lo), hi=show_value(hi)
                )
                sources.append(MaskSource(IssueCode.OUT_OF_SCALE, outside, make))
                error = _or(error, outside)
    value = raw if error is None else np.where(error, _NAN, raw)
    used = None
    if given is not None:
        value, error, used = apply_given(k, given, value, error, sources)
    value = rules.round_values(value)
    parts = None
    if numerator is not None and denominator is not None:
        assert k.numerator is not None
        assert k.denominator is not None
        parts = (
            (numerator, _part_error(k.numerator.variables, bad)),
            (denominator, _part_error(k.denominator.variables, bad)),
        )
    targets = _Targets(spec, periods, n)
    has_value = None if error is None else ~error
    missing = targets.missing_rows(n)
    if missing is not None:
        missing = missing if has_value is None else missing & has_value
        if missing.any():
            make = target_issue_of(code, targets.problem)
            sources.append(MaskSource(IssueCode.MISSING_TARGET, missing, make))
    achievement = capaian_array(
        value, targets.lo, k.higher, targets.hi if targets.ranged else None, rules
    )
    zero_target = _zero_target_rows(value, targets, has_value)
    if zero_target is not None:
        make = zero_target_issue(code)
        sources.append(MaskSource(IssueCode.ZERO_TARGET, zero_target, make))
    if not k.higher and rules.lower is Lower.INVERSE:
        zero_value = _zero_value_rows(value, targets, has_value, zero_target)
        if zero_value is not None:
            make = zero_value_issue(code)
            sources.append(MaskSource(IssueCode.ZERO_VALUE, zero_value, make))
    category = bands(k.categories).codes(achievement)
    grade = bands(k.grades).codes(value) if k.grades is not None else None
    return IndicatorColumns(
        k, value, parts, targets, achievement, category, grade, sources, error, used
    )


def _part_error(names: Sequence[str], bad: Mapping[str, Mask | None]) -> Mask | None:
    error: Mask | None = None
    for name in names:
        error = _or(error, bad[name])
    return error


def _zeros(divisor: Floats, error: Mask | None) -> Mask | None:
    """Rows without an error yet whose divisor is 0."""
    with np.errstate(invalid="ignore"):
        if error is None and (divisor.min(initial=1.0) > 0 or divisor.max(initial=-1.0) < 0):
            return None  # a quick answer for the usual column: all positive (NaN fails it)
        return _without(divisor == 0, error)


def _nonfinite(x: Floats, error: Mask | None) -> Mask | None:
    """Rows without an error yet whose value is NaN or infinite."""
    with np.errstate(invalid="ignore"):
        if error is None and x.min(initial=0.0) > -math.inf and x.max(initial=0.0) < math.inf:
            return None
        return _without(~np.isfinite(x), error)


def _outside(x: Floats, lo: float, hi: float, error: Mask | None) -> Mask | None:
    """Rows without an error yet whose value lies outside ``lo .. hi``."""
    with np.errstate(invalid="ignore"):
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


def _zero_value_rows(
    value: Floats, targets: _Targets, has_value: Mask | None, zero_target: Mask | None
) -> Mask | None:
    """Rows with a value of 0 and a target (neither 0 nor a range holding it): under "inverse"
    they have no capaian."""
    with np.errstate(invalid="ignore"):
        zero = value == 0
        if not zero.any():
            return None
        zero &= ~np.isnan(targets.lo)  # no target: a missing_target already
        if targets.ranged:
            zero &= ~((value >= targets.lo) & (value <= targets.hi))
    if has_value is not None:
        zero &= has_value
    if zero_target is not None:
        zero &= ~zero_target
    return zero if zero.any() else None


def zero_value_issue(code: str) -> Any:
    """``zero_value``."""
    return lambda i, row: make_issue(IssueCode.ZERO_VALUE, indicator=code, row=row)


# --- the table -------------------------------------------------------------------------------


class TableOutput:
    """Everything an :class:`~iku.Evaluation` of a table holds: output rows (input rows, or
    groups with ``by``), their keys and periods, one :class:`IndicatorColumns` per indicator."""

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
    ) -> None:
        self.plan, self.table, self.n, self.keys = plan, table, n, keys
        self.periods, self.indicators = periods, indicators
        self.table_issues, self.grouped = table_issues, grouped
        self.has_period_column = periods.column is not None
        self.has_errors = any(ind.error is not None and bool(ind.error.any()) for ind in indicators)

    @property
    def flavour(self) -> str:
        return self.table.flavour

    def keys_at(self, i: int) -> Mapping[str, Any]:
        """``Result.keys`` of output row ``i``."""
        return {key.name: key.python()[i] for key in self.keys}

    def row_at(self, i: int) -> Any:
        """``Issue.row`` of output row ``i``: its keys with the period, else its position."""
        if not self.keys and not self.has_period_column:
            return i
        row = dict(self.keys_at(i))
        if self.has_period_column:
            row["period"] = self.periods.at(i)
        return row

    def result_row(self, i: int, j: int) -> Row:
        """The fields of the Result of indicator ``j`` on output row ``i``."""
        return self._row(i, self.indicators[j], self.row_at(i))

    def _row(self, i: int, ind: IndicatorColumns, row: Any) -> Row:
        k = ind.kernel
        grade = None
        if ind.grade is not None:
            grade = bands(k.grades).label(int(ind.grade[i]))
        return (
            k.code,
            self.periods.at(i),
            _number(ind.value[i]),
            ind.targets.at(i),
            _number(ind.achievement[i]),
            bands(k.categories).label(int(ind.category[i])),
            grade,
            None if ind.numerator is None else _number(ind.numerator[i]),
            None if ind.denominator is None else _number(ind.denominator[i]),
            tuple(ind.issues_at(i, row)),
            self.keys_at(i),
            ind.given is not None and bool(ind.given[i]),
        )

    def rows(self) -> Iterator[Row]:
        """Every Result's fields, row-major."""
        for i in range(self.n):
            row = self.row_at(i)
            for ind in self.indicators:
                yield self._row(i, ind, row)

    def issues(self) -> list[Issue]:
        """Every issue: the table's own, then each row's in row-major order."""
        out = list(self.table_issues)
        marked = [ind.issue_rows() for ind in self.indicators]
        every: Mask | None = None
        for mask in marked:
            every = _or(every, mask)
        if every is None:
            return out
        for i in np.flatnonzero(every).tolist():
            row = self.row_at(i)
            for ind, mask in zip(self.indicators, marked, strict=True):
                if mask is not None and mask[i]:
                    out += ind.issues_at(i, row)
        return out


def _number(x: Any) -> float | None:
    value = float(x)
    return None if value != value else value


def evaluate_table(
    plan: Plan,
    table: Table,
    targets: Mapping[Any, Any] | None,
    period: Any,
    by: Sequence[Any] | None,
    rules: Sequence[Rules] | None = None,
) -> TableOutput:
    """Evaluate every indicator of ``plan`` on ``table`` (``by`` checked by the caller) by
    ``rules``, one per kernel (default: the subject's own)."""
    n = table.n
    has_period = "period" in table and "period" not in plan.declared
    given_names: dict[str, Any] = {}  # indicator code -> the column giving its realisasi
    for c in table.names:
        found = plan.given_code(c) if c != "period" else None
        if found is not None and (by is None or c not in by):
            given_names.setdefault(found, c)
    taken = set(given_names.values())
    if by is None:
        key_names = [
            c for c in table.names if c not in plan.declared and c != "period" and c not in taken
        ]
        unknown: list[Any] = []
    else:
        key_names = [c for c in dict.fromkeys(by) if c != "period"]
        unknown = [
            c
            for c in table.names
            if plan.set is not None
            and c not in plan.declared
            and c not in key_names
            and c != "period"
            and c not in taken
        ]
    table_issues = [make_issue(IssueCode.UNKNOWN_VARIABLE, variable=str(name)) for name in unknown]
    columns = {code: table.column(code) for code in plan.specs}
    status = {
        code: check_values(
            column.values,
            plan.specs[code].kind,
            plan.specs[code].range,
            status=column.status,
            nan_is_missing=column.nan_is_missing,
            integral=column.integral,
        )
        for code, column in columns.items()
    }
    every_rules = plan.rules() if rules is None else rules
    given: dict[str, GivenColumn] = {}
    if by is None:
        given = {code: given_column(c, table.column(c)) for code, c in given_names.items()}
        keys = [table.key(name) for name in key_names]
        periods = _Periods(period, table.key("period") if has_period else None)
        bad = {code: None if s is None else s != 0 for code, s in status.items()}
        env = {code: column.values for code, column in columns.items()}
        count = n

        def variable_sources(k: Kernel) -> list[Source]:
            return [
                VariableSource(k.code, plan.specs[v], st, columns[v])
                for v in k.variables
                if (st := status[v]) is not None
            ]

    else:
        by_keys = [table.key(name) for name in key_names]
        if has_period:
            by_keys.append(table.key("period"))
        groups, count, group_keys = factorize(by_keys, n)
        given = {
            code: given_column(c, table.column(c), groups, count) for code, c in given_names.items()
        }
        keys = group_keys[: len(key_names)]
        periods = _Periods(period, group_keys[-1] if has_period else None)
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

        def variable_sources(k: Kernel) -> list[Source]:
            return [
                GroupedVariableSource(k.code, plan.specs[v], st, columns[v], groups, count)
                for v in k.variables
                if (st := status[v]) is not None
            ]

    indicators = []
    for k, own in zip(plan.kernels, every_rules, strict=True):
        spec = targets.get(k.code) if targets is not None else None
        sources = variable_sources(k)
        indicators.append(
            _indicator(k, env, count, bad, sources, spec, periods, own, given.get(k.code))
        )
    return TableOutput(plan, table, count, keys, periods, indicators, table_issues, by is not None)


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
