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
from iku.backends.given import GivenColumn, ZeroValueSource, apply_given, given_column
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
from iku.backends.kernels import Bands, Kernel, Part
from iku.backends.layout import code_number
from iku.backends.plan import Plan
from iku.backends.scalar import ResultFields
from iku.backends.targets import GivenTargets, Problem, Target, lookup
from iku.checks import IssueCode, Severity
from iku.periods import as_period
from iku.scales import Lower, Rules, TargetRange, capaian_array
from iku.validation import Issue, RowKeys, check_values, make_issue, show_value

__all__ = ["IndicatorColumns", "Placer", "TableOutput", "evaluate_table"]

Floats = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]
Codes = npt.NDArray[np.intp]
PeriodCodes = npt.NDArray[np.signedinteger[Any]]
"""Each row's period as a number into the distinct periods (int8 for fewer than 128)."""
_NAN: Final = math.nan
_HUGE: Final = 2**1000  # ints of fewer bits than this are floats without overflow

Placer = Any
"""``place(row, column) -> str | None`` of a data source (a bound method), or None."""


def _or(a: Mask | None, b: Mask | None) -> Mask | None:
    if a is None:
        return b
    if b is None:
        return a
    return a | b


# --- periods and targets ---------------------------------------------------------------------


class _Periods:
    """The period of each output row: one for all (``column`` None) or a column of them."""

    def __init__(self, single: Any, column: KeyColumn | None) -> None:
        self.single, self.column = single, column
        self._codes: PeriodCodes | None = None
        self._distinct: list[Any] | None = None
        self._expanded: dict[tuple[Any, ...], npt.NDArray[Any]] | None = {}

    def at(self, i: int) -> Any:
        return self.single if self.column is None else self.column.python()[i]

    def factorized(self, n: int) -> tuple[PeriodCodes, list[Any]]:
        """A code per row and the distinct periods (Python values)."""
        if self.column is None:
            return np.zeros(n, dtype=np.intp), [self.single]
        if self._codes is None:
            codes, _, keys = factorize([self.column], n)
            distinct = keys[0].python().tolist()
            # kept for the evaluation's life: as small as the number of periods allows
            small = np.int8 if len(distinct) < 2**7 else np.int16 if len(distinct) < 2**15 else None
            self._codes = codes if small is None else codes.astype(small)
            self._distinct = distinct
        assert self._distinct is not None
        return self._codes, self._distinct

    def expand(self, values: Sequence[Any], n: int) -> npt.NDArray[Any]:
        """One value per distinct period, as a column (shared by indicators with the same
        while the table is evaluated; made anew on each call after :meth:`release`)."""
        key = tuple((type(value).__name__, value) for value in values)  # True is not 1.0
        if self._expanded is not None and key in self._expanded:
            return self._expanded[key]
        codes, _ = self.factorized(n)
        column = (np.asarray(values) if values else np.empty(0)).take(codes)
        if self._expanded is not None:
            self._expanded[key] = column
        return column

    def release(self) -> None:
        """Forget the columns made by :meth:`expand` once the table is evaluated: an evaluation
        keeps no column per row of what it can make again from a value per period."""
        self._expanded = None


class _Targets:
    """One indicator's target per row: ``lo`` (and ``hi`` for ranges) as a number or an array,
    the target objects for Results, and why a row has none."""

    __slots__ = (
        "_each",
        "_hi",
        "_lo",
        "any_zero",
        "codes",
        "complete",
        "found",
        "given",
        "indicator",
        "n",
        "periods",
        "problems",
        "ranged",
        "spec",
    )

    def __init__(
        self, code: str, spec: object, periods: _Periods, n: int, given: GivenTargets
    ) -> None:
        self.indicator, self.spec, self.periods, self.given = code, spec, periods, given
        self.codes: PeriodCodes | None = None
        self.n = n
        kind = type(spec)
        if (kind is float and spec - spec == 0.0) or (kind is int and -_HUGE < spec < _HUGE):  # type: ignore[operator]
            # the usual target: one finite number for every row
            number = float(spec)  # type: ignore[arg-type]
            self.found: list[Target | None] = [number]
            self.problems: list[Problem | None] = [None]
            self.ranged, self.any_zero, self.complete = False, number == 0, True
            self._lo, self._hi = number, _NAN
            self._each: tuple[list[float], list[float]] | None = None
            return
        if not isinstance(spec, Mapping) or periods.column is None:
            # the same target for every row (messages still name each row's own period)
            found, problem = lookup(spec, periods.single if periods.column is None else None)
            self.found = [found]
            self.problems = [problem]
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
        self.complete = all(problem is None for problem in self.problems)
        self.any_zero = any(a == 0 or b == 0 for a, b in zip(lo, hi, strict=True))
        self._each = None
        if self.codes is None:
            self._lo, self._hi = lo[0], hi[0]
        else:  # a column per row is made when asked for (no rows: no period, no target)
            self._lo, self._hi = _NAN, _NAN
            self._each = (lo, hi)

    @property
    def lo(self) -> float | Floats:
        """The target (a range's lower bound) of every row: one number, or a column."""
        return self._lo if self._each is None else self.periods.expand(self._each[0], self.n)

    @property
    def hi(self) -> float | Floats:
        """A range's upper bound of every row (NaN for a plain target; ``lo`` when no target of
        the indicator is a range)."""
        if self._each is None:
            return self._hi
        return self.periods.expand(self._each[1] if self.ranged else self._each[0], self.n)

    def lo_rows(self, start: int, stop: int) -> float | Floats:
        """:attr:`lo` of rows ``start`` to ``stop`` only."""
        if self._each is None or self.codes is None:
            return self._lo
        return np.asarray(self._each[0], dtype=np.float64).take(self.codes[start:stop])

    def upper_rows(self, start: int, stop: int) -> float | Floats:
        """The upper bound of the targets of rows ``start`` to ``stop``, NaN where a target is
        not a range (for frames)."""
        if self._each is None or self.codes is None:
            return self._hi
        return np.asarray(self._each[1], dtype=np.float64).take(self.codes[start:stop])

    def _index(self, i: int) -> int:
        return 0 if self.codes is None else int(self.codes[i])

    def at(self, i: int) -> Target | None:
        return self.found[self._index(i)]

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

    def code_numbers(self, rows: Codes) -> npt.NDArray[np.int8]:
        """:meth:`code_at` of each of ``rows`` at once, as numbers (see
        :func:`iku.backends.columnar.code_number`), for the columnar results."""
        codes = [IssueCode.MISSING_TARGET if p is None else p.code for p in self.problems]
        lut = np.array([code_number(code) for code in codes], dtype=np.int8)
        if self.codes is None:
            return np.full(len(rows), lut[0], dtype=np.int8)
        found: npt.NDArray[np.int8] = lut[self.codes[rows]]
        return found

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

    __slots__ = (
        "_denominator",
        "_numerator",
        "_parts",
        "achievement",
        "category",
        "error",
        "given",
        "grade",
        "kernel",
        "sources",
        "targets",
        "value",
    )

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

    def parts(self) -> tuple[tuple[Floats, Mask | None], tuple[Floats, Mask | None]] | None:
        """A ratio's numerator and denominator as computed, each with the rows where it cannot
        be used (a bad variable), for whoever masks them itself without a copy per indicator
        (the columnar results); None for an indicator that is no ratio."""
        return self._parts

    @property
    def code(self) -> str:
        return self.kernel.code

    @property
    def has_errors(self) -> bool:
        """True when some row has an error (warnings aside)."""
        for source in self.sources:
            if source.has_error and source.mask is not None and source.mask.any():
                return True
        return False

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


def _computed(part: Part, env: Mapping[str, Floats], n: int) -> Floats:
    """A part's column: a variable's own (float64 already), else computed."""
    if part.symbol is not None:
        return env[part.symbol]
    return _as_column(part.array(env), n)


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


def _rows_before_the_sum(
    ks: Sequence[Kernel],
    inputs: _Inputs,
    sources: Sequence[list[IssueSource]],
    error: Mask,
    zero: Mask,
    owners: Sequence[int],
    texts: Sequence[str],
    top: Floats,
    bottom: Floats,
    ratios: Sequence[int],
) -> None:
    """Steps 2 and 3 on each input row of a block's indicators, before the rows are summed:
    every denominator (each one apart) and a proportion's parts, on the rows whose variables
    passed. A row is reported where its group's sum, all of whose rows passed, does not show
    the same problem (``zero`` and ``top > bottom`` of the groups: the group's own issue says
    it). A row's zero denominator is a warning (its numbers can still be summed); a row's
    numerator above its denominator an error that leaves its group (``error``) without a value.
    """
    n, env, groups, count = inputs.n, inputs.env, inputs.groups, inputs.count
    passed = ~error  # groups whose every row passed its variables
    # the rows are looked at where they may have a problem only (a few): no mask of every row
    own_top = [_computed(ks[j].numerator, env, n) for j in ratios]  # type: ignore[arg-type]
    own_bottom = [_computed(ks[j].denominator, env, n) for j in ratios]  # type: ignore[arg-type]
    row_of = {j: r for r, j in enumerate(ratios)}

    def usable(j: int, rows: Codes) -> Codes:
        """Those of ``rows`` whose variables (of indicator ``j``) passed."""
        for name in ks[j].variables:
            mask = inputs.bad[name]
            if mask is not None and len(rows):
                rows = rows[~mask[rows]]
        return rows

    row_zero: dict[int, Codes] = {}  # each indicator's usable rows with a zero denominator
    p = 0
    for j, k in enumerate(ks):
        for part in k.denominators:  # in the order of ``owners``: the denominators as written
            assert owners[p] == j
            divisor = own_bottom[row_of[j]] if part is k.denominator else _computed(part, env, n)
            rows = usable(j, np.flatnonzero(divisor == 0))
            if len(rows):
                row_zero[j] = np.union1d(row_zero[j], rows) if j in row_zero else rows
                rows = rows[~(zero[p] & passed[j])[groups[rows]]]  # the group's sum says it
            if len(rows):
                issue = IssueCode.DENOMINATOR_ZERO
                made = RowSumSource(k.code, issue, rows, groups[rows], count, text=texts[p])
                sources[j].append(made)
            p += 1
    for r, j in enumerate(ratios):
        if not ks[j].proportion:
            continue
        rows = usable(j, np.flatnonzero(own_top[r] > own_bottom[r]))
        if j in row_zero and len(rows):
            rows = rows[~np.isin(rows, row_zero[j])]
        summed_over = (top[r] > bottom[r]) & passed[j]
        rows = rows[~summed_over[groups[rows]]]  # the group's sum says it
        if not len(rows):
            continue
        issue = IssueCode.NUMERATOR_EXCEEDS_DENOMINATOR
        parts = (own_top[r], own_bottom[r])
        made = RowSumSource(ks[j].code, issue, rows, groups[rows], count, parts=parts)
        sources[j].append(made)
        error[j, groups[rows]] = True


_BLOCK: Final = 1 << 16
"""Indicators are evaluated together in blocks of about this many values (rows x indicators):
on a few rows, a whole set in one pass of each numpy operation (a call costs the same on ten
values as on a thousand); on a large table, one indicator at a time (no copy of its columns)."""


def _blocks(kernels: Sequence[Kernel], n: int) -> Iterator[Sequence[Kernel]]:
    size = max(1, _BLOCK // max(n, 1))
    for start in range(0, len(kernels), size):
        yield kernels[start : start + size]


def _stack(rows: Sequence[Floats], n: int) -> Floats:
    """Rows as one (len(rows), n) array: a view of a single row, else a copy."""
    if len(rows) == 1:
        return rows[0].reshape(1, n)
    return np.stack(rows) if rows else np.empty((0, n))


def _block(
    ks: Sequence[Kernel],
    env: Mapping[str, Floats],
    n: int,
    bad: Mapping[str, Mask | None],
    sources: Sequence[list[IssueSource]],
    specs: Sequence[object],
    periods: _Periods,
    given: GivenTargets,
    inputs: _Inputs | None,
    rules: Sequence[Rules],
    realisasi: Sequence[GivenColumn | None],
) -> list[IndicatorColumns]:
    """Steps 2 to 8 for a block of indicators, each step one numpy operation on a (indicators,
    rows) array. ``bad`` marks each variable's bad rows and ``sources`` (one list per indicator)
    already hold the variable issues (step 1). ``inputs`` are the rows before grouping (None
    without ``by``). ``rules`` are each indicator's, ``realisasi`` its realisasi given directly
    (a column named like its code) or None. Call under ``numpy.errstate(all="ignore")``:
    divisions by zero and overflows are found, not warned about."""
    b, grouped = len(ks), inputs is not None
    error = np.zeros((b, n), dtype=bool)
    for j, k in enumerate(ks):
        for name in k.variables:
            mask = bad[name]
            if mask is not None:
                error[j] |= mask
    # ratios: their parts, computed apart
    ratios = [j for j, k in enumerate(ks) if k.numerator is not None and k.denominator is not None]
    top = _stack([_computed(ks[j].numerator, env, n) for j in ratios], n)  # type: ignore[arg-type]
    bottom = _stack([_computed(ks[j].denominator, env, n) for j in ratios], n)  # type: ignore[arg-type]
    row_of = {j: r for r, j in enumerate(ratios)}
    # step 2: every denominator as written
    owners: list[int] = []
    texts: list[str] = []
    divisors: list[Floats] = []
    for j, k in enumerate(ks):
        for part in k.denominators:
            owners.append(j)
            texts.append(part.text)
            if part is k.denominator:
                divisors.append(bottom[row_of[j]])
            else:
                divisors.append(_computed(part, env, n))
    if len(divisors) == len(ratios) and owners == ratios and len(ratios) == b:
        zero = bottom == 0  # the usual block: each ratio's own denominator, nothing else
    else:
        zero = _stack(divisors, n) == 0 if divisors else np.zeros((0, n), dtype=bool)
    if inputs is not None:  # each input row before it is summed (by)
        _rows_before_the_sum(ks, inputs, sources, error, zero, owners, texts, top, bottom, ratios)
    zero_error = np.zeros((b, n), dtype=bool)
    for p in np.flatnonzero(zero.any(axis=1)).tolist():
        j = owners[p]
        mask = zero[p] & ~error[j]
        if mask.any():
            sources[j].append(ZeroSource(ks[j].code, mask, grouped, texts[p]))
            zero_error[j] |= mask
    error |= zero_error
    # step 3: a proportion's numerator above its denominator
    proportions = [r for r, j in enumerate(ratios) if ks[j].proportion]
    if proportions:
        over = top[proportions] > bottom[proportions]
        over &= ~error[[ratios[r] for r in proportions]]
        for q in np.flatnonzero(over.any(axis=1)).tolist():
            r = proportions[q]
            j = ratios[r]
            sources[j].append(OverSource(ks[j].code, over[q], grouped, top[r], bottom[r]))
            error[j] |= over[q]
    # step 4: the value
    if ratios:
        factors = np.array([ks[j].factor for j in ratios], dtype=np.float64)
        ratio_values = top / bottom
        ratio_values *= factors[:, None]
    if len(ratios) == b:
        raw = ratio_values
    else:
        raw = np.empty((b, n))
        if ratios:
            raw[ratios] = ratio_values
        for j, k in enumerate(ks):
            if j not in row_of:
                raw[j] = _as_column(k.formula.array(env), n)
    infinite = ~np.isfinite(raw)
    infinite &= ~error
    for j in np.flatnonzero(infinite.any(axis=1)).tolist():
        found_rows = infinite[j]
        sources[j].append(
            ValueSource(ks[j].code, found_rows, grouped, IssueCode.NOT_FINITE, raw[j], {})
        )
        error[j] |= found_rows
    # step 5: an index's scale
    for j, k in enumerate(ks):
        if k.scale is not None:
            lo, hi = k.scale
            outside = ((raw[j] < lo) | (raw[j] > hi)) & ~error[j]
            if outside.any():
                bounds = {"lo": show_value(lo), "hi": show_value(hi)}
                issue = IssueCode.OUT_OF_SCALE
                sources[j].append(ValueSource(k.code, outside, grouped, issue, raw[j], bounds))
                error[j] |= outside
    # step 6: no value where anything went wrong
    failed: Mask = np.asarray(error.any(axis=1))
    value = np.where(error, _NAN, raw) if failed.any() else raw
    # a realisasi given directly, where the data has one; the realisasi rounded by the rules
    used: list[Mask | None] = [None] * b
    for j, found_given in enumerate(realisasi):
        if found_given is None:
            continue
        if value is raw:
            value = raw.copy()  # raw stays what the value issues show
        row_value, row_error, used[j] = apply_given(
            ks[j], found_given, value[j], error[j] if failed[j] else None, sources[j]
        )
        value[j] = row_value
        error[j] = False if row_error is None else row_error
        failed[j] = row_error is not None
    rounds: dict[int, bool] = {}  # per rules object: most indicators share their set's
    for j, own in enumerate(rules):
        if rounds.setdefault(id(own), own.value_decimals is not None):
            if value is raw:
                value = raw.copy()
            value[j] = own.round_values(value[j])
    # step 7: the targets
    targets = [_Targets(k.code, spec, periods, n, given) for k, spec in zip(ks, specs, strict=True)]
    for j, (k, t) in enumerate(zip(ks, targets, strict=True)):
        missing = None if t.complete else t.missing_rows(n)
        if missing is not None:
            missing = missing & ~error[j] if failed[j] else missing
            if missing.any():
                wrong = t.error_rows(n)
                has_error = wrong is not None and bool((wrong & missing).any())
                sources[j].append(TargetSource(k.code, missing, t, has_error))
    # step 8: capaian, predikat, grade
    achievement = _achievements(ks, value, targets, n, rules)
    for j, (k, t) in enumerate(zip(ks, targets, strict=True)):
        zero_target = None
        if t.any_zero:
            zero_target = _zero_target_rows(value[j], t, ~error[j] if failed[j] else None)
            if zero_target is not None:
                sources[j].append(ZeroTargetSource(k.code, zero_target, t))
        if not k.higher and rules[j].lower is Lower.INVERSE:
            has_value = ~error[j] if failed[j] else None
            zero_value = _zero_value_rows(value[j], t, has_value, zero_target)
            if zero_value is not None:
                sources[j].append(ZeroValueSource(k.code, zero_value))
    prepared = [k.prepared_bands() for k in ks]
    category = _bands([found[0] for found in prepared], achievement)
    grade = _bands([found[1] for found in prepared], value)
    out = []
    any_bad = any(mask is not None for mask in bad.values())
    for j, k in enumerate(ks):
        parts = None
        if j in row_of:
            assert k.numerator is not None
            assert k.denominator is not None
            r = row_of[j]
            if any_bad:
                parts = (
                    (top[r], _part_error(k.numerator.variables, bad)),
                    (bottom[r], _part_error(k.denominator.variables, bad)),
                )
            else:
                parts = ((top[r], None), (bottom[r], None))
        out.append(
            IndicatorColumns(
                k,
                value[j],
                parts,
                targets[j],
                achievement[j],
                category[j],
                grade[j] if k.grades is not None else None,
                sources[j],
                error[j] if failed[j] else None,
                used[j],
            )
        )
    return out


def _achievements(
    ks: Sequence[Kernel],
    value: Floats,
    targets: Sequence[_Targets],
    n: int,
    rules: Sequence[Rules],
) -> Floats:
    """The capaian of a block: one call of :func:`~iku.scales.capaian_array` per polarity
    (and per kind of target: plain numbers, or ranges; and per rules where they matter)."""
    b = len(ks)
    if all(t.codes is None for t in targets):  # one target per indicator: one column of them
        lo = np.repeat(np.array([t.lo for t in targets], dtype=np.float64)[:, None], n, axis=1)
    else:
        lo = np.empty((b, n))
        for j, t in enumerate(targets):
            lo[j] = t.lo
    out = np.empty((b, n))
    groups: dict[tuple[bool, bool, Rules | None], list[int]] = {}
    plain: dict[int, bool] = {}  # per rules object: most indicators share their set's
    for j, (k, t) in enumerate(zip(ks, targets, strict=True)):
        own: Rules | None = rules[j]
        if own is None:
            pass
        elif plain.get(id(own)) is None:
            plain[id(own)] = own.plain
        if own is not None and plain[id(own)] and (k.higher or own.lower is Lower.REFLECT):
            own = None  # the default formula: one call for all of them
        groups.setdefault((k.higher, t.ranged, own), []).append(j)
    for (higher, ranged, own), rows in groups.items():
        every = len(rows) == b
        hi = None
        if ranged:
            hi = np.empty((len(rows), n))
            for q, j in enumerate(rows):
                hi[q] = targets[j].hi
        found = capaian_array(
            value if every else value[rows],
            lo if every else lo[rows],
            higher,
            hi,
            _PLAIN if own is None else own,
        )
        if every:
            return found.reshape(b, n)
        out[rows] = found
    return out


def _bands(prepared: Sequence[Bands | None], x: Floats) -> npt.NDArray[np.int8]:
    """Band numbers of a block, one call per scale (indicators without one: -1)."""
    b, n = x.shape
    out = np.full((b, n), -1, dtype=np.int8)
    groups: dict[int, list[int]] = {}
    scales: dict[int, Bands] = {}
    for j, scale in enumerate(prepared):
        if scale is not None:  # by identity: hashing a scale costs more than classifying
            groups.setdefault(id(scale), []).append(j)
            scales[id(scale)] = scale
    for key, rows in groups.items():
        scale = scales[key]
        if len(rows) == b:
            return np.asarray(scale.codes(x.ravel()).reshape(b, n))
        out[rows] = scale.codes(x[rows].ravel()).reshape(len(rows), n)
    return out


def _part_error(names: Sequence[str], bad: Mapping[str, Mask | None]) -> Mask | None:
    if len(names) == 1:
        return bad[names[0]]
    error: Mask | None = None
    for name in names:
        error = _or(error, bad[name])
    return error


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


_PLAIN: Final = Rules()


def _zero_value_rows(
    value: Floats, targets: _Targets, has_value: Mask | None, zero_target: Mask | None
) -> Mask | None:
    """Rows with a value of 0 and a target (neither 0 nor a range holding it): under "inverse"
    rules they have no capaian."""
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
        if ind.grade is not None and k.grade_bands is not None:
            grade = k.grade_bands.label(int(ind.grade[i]))
        return ResultFields(
            k.code,
            self.periods.at(i),
            _number(ind.value[i]),
            ind.targets.at(i),
            _number(ind.achievement[i]),
            k.category_bands.label(int(ind.category[i])),
            grade,
            None if ind.numerator is None else _number(ind.numerator[i]),
            None if ind.denominator is None else _number(ind.denominator[i]),
            tuple(ind.issues_at(i, row, self)),
            self.keys_at(i),
            ind.given is not None and bool(ind.given[i]),
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
    rules: Sequence[Rules] | None = None,
) -> TableOutput:
    """Evaluate every indicator of ``plan`` on ``table`` (``by`` checked by the caller).

    ``placer`` is the ``place(row, column)`` of the data source the table came from, and
    ``first_issues`` what was found before (reading the data and targets): they come first.
    ``rules`` are each kernel's rules (default: the subject's own). A column named like an
    indicator's code gives its realisasi directly (:mod:`iku.backends.given`).
    """
    n = table.n
    has_period = "period" in table and "period" not in plan.declared
    every_rules = plan.rules() if rules is None else rules
    given_names: dict[str, Any] = {}  # indicator code -> the column giving its realisasi
    for c in table.names:
        found_code = plan.given_code(c) if c != "period" else None
        if found_code is not None and (by is None or c not in by):
            given_names.setdefault(found_code, c)
    taken = set(given_names.values())
    others = [c for c in table.names if c not in plan.declared and c != "period" and c not in taken]
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
    realisasi: dict[str, GivenColumn] = {}
    if by is None:
        realisasi = {code: given_column(c, table.column(c)) for code, c in given_names.items()}
        keys = [table.key(name) for name in key_names]
        periods = _Periods(period, table.key("period") if has_period else None)
        bad: dict[str, Mask | None] = {
            code: None if s is None else s != 0 for code, s in status.items()
        }
        env = input_env
        count = n

        def variable_sources(k: Kernel) -> list[IssueSource]:
            return [
                VariableSource(k.code, plan.specs[v], st, columns[v], bad[v])
                for v in k.variables
                if v in columns and (st := status[v]) is not None
            ]

    else:
        by_keys = [table.key(name) for name in key_names]
        if has_period:
            by_keys.append(table.key("period"))
        groups, count, group_keys = factorize(by_keys, n)
        realisasi = {
            code: given_column(c, table.column(c), groups, count) for code, c in given_names.items()
        }
        keys = group_keys[: len(key_names)]
        periods = _Periods(period, group_keys[-1] if has_period else None)
        input_bad = {code: None if s is None else s != 0 for code, s in status.items()}
        bad = {}
        for code, rows in input_bad.items():
            if rows is None:
                bad[code] = None
            else:
                mask = np.zeros(count, dtype=bool)
                mask[groups[rows]] = True
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
                GroupedVariableSource(k.code, plan.specs[v], st, columns[v], groups, mask)
                for v in k.variables
                if v in columns and (st := status[v]) is not None and (mask := bad[v]) is not None
            ]

    every = np.ones(count, dtype=bool) if unusable else None
    for code in unusable:
        bad[code] = every
    indicators: list[IndicatorColumns] = []
    given = targets.given
    rules_of = dict(zip(plan.codes, every_rules, strict=True))
    with np.errstate(all="ignore"):  # divisions by zero and overflows are found, not warned
        # with by, the rows are checked before the sum: a block is sized by the input rows
        for ks in _blocks(plan.kernels, n if inputs is not None else count):
            specs = [given.get(k.code) if given is not None else None for k in ks]
            sources = [variable_sources(k) for k in ks]
            for k, listed in zip(ks, sources, strict=True):
                assert every is not None or not unusable
                if not any(v in unusable for v in k.variables):
                    continue
                listed += [SharedSource(unusable[v], every) for v in k.variables if v in unusable]  # type: ignore[arg-type]
                # in formula order, as one unit lists them (a missing column among bad values)
                listed.sort(key=lambda source: k.variables.index(_variable_of(source)))
            own = [rules_of[k.code] for k in ks]
            given_of = [realisasi.get(k.code) for k in ks]
            found_block = _block(
                ks, env, count, bad, sources, specs, periods, targets, inputs, own, given_of
            )
            indicators += found_block
    if unusable and realisasi:
        table_issues = _still_needed(table_issues, unusable, indicators)
    input_period: KeyColumn | None = periods.column
    if by is None:
        input_keys = keys
    elif any(name not in key_names for name in others):
        input_keys = [table.key(name) for name in others]
        input_period = table.key("period") if has_period else None
    else:  # no key says more than the group's: an input row is named by its position
        input_keys, input_period = [], None
    output = TableOutput(
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
    if has_period:
        _flag_bad_periods(output, table.key("period"), n)
    periods.release()
    return output


def _flag_bad_periods(output: TableOutput, column: KeyColumn, n: int) -> None:
    """Add a ``bad_period`` issue for each input row whose period is text that is no period
    (``"TW V 2025"``), naming the row and its place; numbers (years) are left as they are."""
    codes, _, distinct = factorize([column], n)
    values = distinct[0].python().tolist()
    bad = [u for u, value in enumerate(values) if isinstance(value, str) and _unreadable(value)]
    if not bad:
        return
    found: list[Issue] = []
    for i in np.flatnonzero(np.isin(codes, bad)).tolist():
        found.append(
            make_issue(
                IssueCode.BAD_PERIOD,
                row=output.input_row(i),
                place=output.place(i, "period"),
                value=repr(values[codes[i]]),
            )
        )
    output.table_issues = [*output.table_issues, *found]
    output.has_errors = output.has_errors or any(
        issue.severity is Severity.ERROR for issue in found
    )


def _unreadable(text: str) -> bool:
    """True for text that is no period (blank text is a missing period, not a bad one)."""
    return bool(text.strip()) and as_period(text) is None


def _variable_of(source: IssueSource) -> str:
    """The variable a source of step 1 is about."""
    if isinstance(source, SharedSource):
        return str(source.issue.variable)
    return str(source.spec.code)  # type: ignore[attr-defined]


def _still_needed(
    table_issues: list[Issue], unusable: Mapping[str, Issue], indicators: Sequence[IndicatorColumns]
) -> list[Issue]:
    """The data's issues without a missing column that no row needs any more: every indicator
    using it has its realisasi given directly wherever it would have been needed."""
    needed = {
        id(source.issue)
        for ind in indicators
        for source in ind.sources
        if isinstance(source, SharedSource) and source.mask is not None and source.mask.any()
    }
    dropped = {id(issue) for issue in unusable.values()} - needed
    return [issue for issue in table_issues if id(issue) not in dropped]


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
