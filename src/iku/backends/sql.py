"""An indicator set as one SQL query: the checks, values, targets and predikat of ``evaluate``.

:func:`build_query` returns a sqlglot ``SELECT`` whose rows are the long format of
``Evaluation.to_frame()``: the key columns, ``indicator``, ``period``, ``value``, ``target``,
``achievement``, ``category``, ``grade``, ``numerator``, ``denominator`` and ``issues`` (an array
of issue codes). Its shape::

    WITH _iku_src AS (   -- one row per input row: each variable as DOUBLE, its value issue
      SELECT keys, period, CAST(x AS DOUBLE) AS _v0,
             CASE WHEN x IS NULL THEN 'missing_value' ... END AS _i0
      FROM table)
    [, _iku_grp AS (     -- with ``by``: SUM/AVG/MIN/MAX per variable, the issues a group holds
      SELECT keys, period, SUM(_v0) AS _v0, SUM(CASE WHEN _i0 = 'missing_value' ...) AS ...
      FROM _iku_src GROUP BY keys, period)]
    SELECT keys, indicator, period, value, ... FROM (
      SELECT ... FROM (SELECT ... FROM _iku_src)    -- one chain of small SELECTs per indicator:
      UNION ALL ...                             -- parts, checks, value, target, capaian, predikat
    ) ORDER BY keys, indicator

The rules are those of ``evaluate`` (``docs/evaluation.md``), step by step, so that every engine
gives the same values, issue codes and categories.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, cast

import attrs
import sympy
from sqlglot import exp

from iku.backends.layout import RESULT_COLUMNS
from iku.backends.sql_printer import (
    DIALECTS,
    SqlError,
    SqlPrinter,
    aliased,
    all_of,
    classify,
    col,
    compact,
    concat,
    divide,
    double,
    is_finite,
    is_nan,
    is_null,
    number,
    paren,
    period_literal,
    repeat,
    string,
    typed_null,
    when,
)
from iku.backends.sql_rules import finish_sql, round_sql
from iku.backends.sql_targets import achievement_columns, read_targets, target_plan
from iku.checks import VALUE_CODES, IssueCode
from iku.model import Index, Indicator, IndicatorSet, Ratio, Variable, VariableKind
from iku.scales import Rules

__all__ = [
    "OUTPUT_COLUMNS",
    "Layout",
    "SqlError",
    "build_query",
    "check_dialect",
    "layout",
    "probe",
    "table_expression",
]

OUTPUT_COLUMNS: Final = RESULT_COLUMNS
"""The columns after the keys, as in ``Evaluation.to_frame()``."""

PERIOD: Final = "period"


@attrs.frozen
class Layout:
    """Which columns of the table play which part: keys, period, variables and their types.

    ``types`` maps a column to its SQL type text (``None`` when unknown); ``known`` says whether
    the table's columns are known at all (else every variable is taken to be a numeric column).
    """

    keys: tuple[str, ...]
    period_column: str | None
    grouped: bool
    types: Mapping[str, str | None]
    known: bool

    @property
    def positional(self) -> bool:
        """No keys and no grouping: rows are told apart only by their place in the table."""
        return not self.grouped and not self.keys


def subject_parts(
    subject: IndicatorSet | Indicator,
) -> tuple[tuple[Indicator, ...], dict[str, Variable]]:
    """The indicators to evaluate and every variable they use, by code.

    A lone indicator declares no variables: each is taken as an amount (an Index's as reals).
    """
    if isinstance(subject, IndicatorSet):
        used = {name for ind in subject.indicators for name in ind.variables}
        return subject.indicators, {v.code: v for v in subject.variables if v.code in used}
    if not isinstance(cast(object, subject), Indicator):
        msg = f"an indicator set or an indicator is needed, not {type(subject).__name__}"
        raise SqlError(msg)
    kind = VariableKind.REAL if isinstance(subject, Index) else VariableKind.AMOUNT
    return (subject,), {name: Variable(name, name, kind=kind) for name in subject.variables}


def _names(value: str | Iterable[str] | None, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    raw: object = value
    if not isinstance(raw, str | Iterable) or isinstance(raw, bytes):
        msg = f"{what} names columns (a name or a list of names), not {type(raw).__name__}"
        raise SqlError(msg)
    names = (value,) if isinstance(value, str) else tuple(value)
    for name in names:
        if not isinstance(name, str) or not name:
            msg = f"{what} names columns, not {name!r}"
            raise SqlError(msg)
    return names


def layout(
    variables: Iterable[str],
    *,
    by: str | Iterable[str] | None = None,
    keys: str | Iterable[str] | None = None,
    columns: Mapping[str, str | None] | Iterable[str] | None = None,
    period: object = None,
    table: str = "the table",
) -> Layout:
    """Decide the keys and the period column, following the rules of ``evaluate``.

    ``variables`` are the codes of every variable the subject declares. With ``by``, the keys
    are the ``by`` columns; without, ``keys`` if given, else every column of ``columns`` that is
    not a variable. A column named ``period`` is the period, never a key, and stays a key of the
    output with ``by``: years are never added together.

    When the table's columns are not known (no ``columns``), the query cannot look: ``keys``
    must name the key columns (with ``period`` among them for a period column), or ``by`` the
    groups; with ``by``, the table is taken to have a ``period`` column unless ``period`` (the
    period of every row) is given.
    """
    used = set(variables)
    if columns is None:
        types: dict[str, str | None] = {}
    elif isinstance(columns, Mapping):
        types = {str(name): (None if kind is None else str(kind)) for name, kind in columns.items()}
    else:
        types = dict.fromkeys(_names(columns, "columns"))
    known = columns is not None
    grouped = by is not None
    if grouped and keys is not None:
        raise SqlError.from_key("sql.keys_with_by")
    if grouped:
        chosen = _names(by, "by")  # by=[]: one group (per period), as for evaluate()
    elif keys is not None:
        chosen = _names(keys, "keys")
    elif known:
        chosen = tuple(name for name in types if name not in used)
    else:
        raise SqlError.from_key("sql.keys_needed", table=table)
    clash = [name for name in chosen if name in used]
    if clash:
        msg = f"{', '.join(map(repr, clash))} is a variable of the set and cannot be a key"
        raise SqlError(msg)
    missing = [name for name in chosen if known and name not in types]
    if missing:
        msg = f"the table has no column {', '.join(map(repr, missing))}"
        raise SqlError(msg)
    if known:
        has_period = PERIOD in chosen or PERIOD in types
    elif grouped:  # a period column is taken to be there, unless every row's period is given
        has_period = PERIOD in chosen or period is None
    else:
        has_period = PERIOD in chosen
    return Layout(
        keys=tuple(name for name in dict.fromkeys(chosen) if name != PERIOD),
        period_column=PERIOD if has_period else None,
        grouped=grouped,
        types=types,
        known=known,
    )


def table_expression(table: str | Sequence[str], dialect: str) -> exp.Table:
    """The table to read, quoted; ``"schema.table"`` or ``("schema", "table")`` name a schema."""
    given: object = table
    if isinstance(given, str):
        parts: tuple[str, ...] = tuple(given.split("."))
    elif isinstance(given, Sequence) and all(isinstance(p, str) for p in given):
        parts = tuple(given)
    else:
        parts = ()
    if not 1 <= len(parts) <= 3 or not all(parts):
        msg = f"a table is named 'table', 'schema.table' or 'catalog.schema.table', not {table!r}"
        raise SqlError(msg)
    names = [exp.to_identifier(part, quoted=True) for part in parts]
    catalog, db, name = ([None] * (3 - len(names)) + names)[-3:]
    return exp.Table(this=name, db=db, catalog=catalog)


def probe(table: exp.Table) -> exp.Select:
    """``SELECT * FROM table LIMIT 0``: asks a database for the table's columns and types."""
    return exp.select("*").from_(table.copy()).limit(0)


_NUMERIC: Final = exp.DataType.NUMERIC_TYPES
_INTEGER: Final = exp.DataType.INTEGER_TYPES


def _type_class(kind: str | None, dialect: str) -> str:
    """``"integer"``, ``"number"`` (may hold fractions, NaN or infinity) or ``"other"``."""
    if kind is None:
        return "number"
    try:
        parsed = exp.DataType.build(kind, dialect=dialect)
    except Exception:  # an exotic type name: let the database cast it
        return "number"
    if parsed.is_type(*_INTEGER):
        return "integer"
    if parsed.is_type(*_NUMERIC):
        return "number"
    if parsed.is_type(exp.DataType.Type.UNKNOWN, exp.DataType.Type.USERDEFINED):
        return "number"
    return "other"


@attrs.frozen
class _VariableColumn:
    """One variable as the query reads it."""

    index: int
    variable: Variable
    present: bool
    type_class: str

    @property
    def value(self) -> str:
        return f"_v{self.index}"

    @property
    def issue(self) -> str:
        return f"_i{self.index}"

    def codes(self) -> tuple[IssueCode, ...]:
        """The value issues this column can have, in the order they are checked (the value
        checks of :data:`iku.checks.CHECKS`)."""
        if not self.present:
            return (IssueCode.MISSING_VALUE,)
        kind, number, other = self.variable.kind, self.type_class == "number", False
        if self.type_class == "other":  # text: no number at all, so no other check applies
            number, other = False, True
        applies = {
            IssueCode.MISSING_VALUE: True,
            IssueCode.NOT_A_NUMBER: other,
            IssueCode.NOT_FINITE: number,
            IssueCode.NEGATIVE_VALUE: not other
            and kind in (VariableKind.COUNT, VariableKind.AMOUNT),
            IssueCode.NOT_INTEGER: number and kind is VariableKind.COUNT,
            IssueCode.OUT_OF_SCALE: not other
            and kind is VariableKind.SCORE
            and self.variable.range is not None,
        }
        return tuple(code for code in VALUE_CODES if applies[code])

    def flag(self, code: IssueCode) -> str:
        return f"_i{self.index}_{code.value}"


def _value_issue(var: _VariableColumn, dialect: str) -> exp.Expr:
    """The first value issue of one input row's variable, or NULL."""
    if not var.present:
        return string(IssueCode.MISSING_VALUE.value)
    raw = col(var.variable.code)
    value = exp.Cast(this=raw.copy(), to=double())
    missing = is_null(raw.copy())
    if var.type_class == "number":  # NaN is an empty cell, as evaluate() reads it
        missing = exp.or_(missing, is_nan(value.copy(), dialect))
    checks: list[tuple[exp.Expr, IssueCode]] = [(missing, IssueCode.MISSING_VALUE)]
    if var.type_class == "other":
        checks.append((exp.true(), IssueCode.NOT_A_NUMBER))
    for code in var.codes()[1:]:
        test: exp.Expr
        if code is IssueCode.NOT_FINITE:
            test = exp.Not(this=paren(is_finite(value.copy(), dialect)))
        elif code is IssueCode.NEGATIVE_VALUE:
            test = exp.LT(this=value.copy(), expression=number(0))
        elif code is IssueCode.NOT_INTEGER:
            test = exp.NEQ(this=value.copy(), expression=exp.Floor(this=value.copy()))
        elif code is IssueCode.OUT_OF_SCALE:
            lo, hi = var.variable.range or (-math.inf, math.inf)
            test = exp.or_(
                exp.LT(this=value.copy(), expression=number(lo)),
                exp.GT(this=value.copy(), expression=number(hi)),
            )
        else:
            continue
        checks.append((test, code))
    return exp.Case(ifs=[exp.If(this=test, true=string(code.value)) for test, code in checks])


def _variable_columns(
    variables: Mapping[str, Variable], lay: Layout, dialect: str
) -> dict[str, _VariableColumn]:
    found: dict[str, _VariableColumn] = {}
    for index, (code, variable) in enumerate(variables.items()):
        present = not lay.known or code in lay.types
        kind = lay.types.get(code) if present else None
        found[code] = _VariableColumn(index, variable, present, _type_class(kind, dialect))
    return found


def _source(
    table: exp.Table, lay: Layout, columns: Mapping[str, _VariableColumn], dialect: str
) -> exp.Select:
    """One row per input row: keys, period, each variable as DOUBLE and its value issue."""
    projections: list[exp.Expr] = [aliased(col(key), f"_k{i}") for i, key in enumerate(lay.keys)]
    if lay.period_column is not None:
        projections.append(aliased(col(lay.period_column), "_p"))
    if lay.positional:  # the table's own order, as far as the engine keeps it
        projections.append(aliased(exp.Window(this=exp.RowNumber()), "_row"))
    for var in columns.values():
        if var.present and var.type_class != "other":
            value: exp.Expr = exp.Cast(this=col(var.variable.code), to=double())
        else:
            value = typed_null()
        projections.append(aliased(value, var.value))
        projections.append(aliased(_value_issue(var, dialect), var.issue))
    return exp.select(*projections).from_(table)


_AGGREGATES: Final = {"sum": exp.Sum, "mean": exp.Avg, "min": exp.Min, "max": exp.Max}


def _grouped(
    lay: Layout, columns: Mapping[str, _VariableColumn], row_checks: Sequence[exp.Expr] = ()
) -> exp.Select:
    """With ``by``: each variable aggregated per group, how many of the group's rows have
    each issue code, and the ``row_checks`` counts (rows with a zero denominator or a numerator
    above their denominator, found before the sum)."""
    group = [col(f"_k{i}") for i in range(len(lay.keys))]
    if lay.period_column is not None:
        group.append(col("_p"))
    projections: list[exp.Expr] = [column.copy() for column in group]
    for var in columns.values():
        aggregate = _AGGREGATES[var.variable.aggregation.value]
        projections.append(aliased(aggregate(this=col(var.value)), var.value))
        for code in var.codes():
            hit = exp.EQ(this=col(var.issue), expression=string(code.value))
            rows = exp.Sum(
                this=exp.If(this=hit, true=exp.Literal.number(1), false=exp.Literal.number(0))
            )
            projections.append(aliased(rows, var.flag(code)))
    projections += row_checks
    select = exp.select(*projections).from_(exp.to_table("_iku_src"))
    return select.group_by(*group) if group else select


def _count(condition: exp.Expr) -> exp.Expr:
    """``SUM(CASE WHEN condition THEN 1 ELSE 0 END)``: how many rows of a group meet it."""
    one, nought = exp.Literal.number(1), exp.Literal.number(0)
    return exp.Sum(this=exp.Case(ifs=[exp.If(this=condition, true=one)], default=nought))


def _chain(select: exp.Select, alias: str) -> exp.Select:
    """``SELECT * FROM (select) AS alias`` to add the next layer of columns."""
    return exp.select("*").from_(select.subquery(alias, copy=False))


class _Builder:
    def __init__(
        self,
        indicators: Sequence[Indicator],
        columns: Mapping[str, _VariableColumn],
        lay: Layout,
        dialect: str,
        targets: Mapping[str, Any] | None,
        period: object,
        rules: Mapping[str, Rules] | None = None,
    ) -> None:
        self.indicators = indicators
        self.rules = rules or {}
        self.columns = columns
        self.lay = lay
        self.dialect = dialect
        self.targets = targets
        self.period = period
        if lay.period_column is None:
            self.period_type: str | None = None
        else:
            self.period_type = _type_class(lay.types.get(PERIOD), dialect) if lay.known else "other"
        self.plans = {
            ind.code: target_plan(ind.code, targets, period, self.period_type) for ind in indicators
        }
        self.ranged = any(plan.ranged for plan in self.plans.values())

    def keys(self) -> list[exp.Expr]:
        found: list[exp.Expr] = [col(f"_k{i}") for i in range(len(self.lay.keys))]
        if self.lay.positional:
            found.append(col("_row"))
        if self.lay.period_column is not None:
            found.append(col("_p"))
        return found

    def value_issues(self, indicator: Indicator) -> list[exp.Expr]:
        """The value issues of one indicator's variables, in formula order: a column per
        variable, or with ``by`` an array per variable and code holding the code once for each
        bad row of the group."""
        items: list[exp.Expr] = []
        for name in indicator.variables:
            var = self.columns[name]
            if not self.lay.grouped:
                items.append(col(var.issue))
                continue
            if not var.present:  # a column the table lacks is one issue per group, not per row
                items.append(repeat(string(IssueCode.MISSING_VALUE.value), number(1), self.dialect))
                continue
            for code in var.codes():
                items.append(repeat(string(code.value), col(var.flag(code)), self.dialect))
        return items

    def no_error(self, errors: Sequence[str]) -> list[exp.Expr]:
        """Conditions: the variables passed and none of the ``errors`` columns holds a code."""
        return [col("_ok"), *(is_null(col(name)) for name in errors)]

    def part(self, name: str, formula: sympy.Expr) -> exp.Expr:
        """A ratio's part for the output: NULL where it is not a finite number (a lone
        variable was checked already)."""
        if isinstance(formula, sympy.Symbol):
            return col(name)
        return when(is_finite(col(name), self.dialect), col(name))

    def passed(self, names: Iterable[str]) -> exp.Expr:
        """The condition "every one of these variables passed its value checks"."""
        conditions: list[exp.Expr] = []
        for name in names:
            var = self.columns[name]
            if not self.lay.grouped:
                conditions.append(is_null(col(var.issue)))
                continue
            for code in var.codes():
                flag = col(var.flag(code))
                conditions.append(exp.EQ(this=flag, expression=exp.Literal.number(0)))
        return all_of(conditions)

    # --- with by: every input row is checked before it is summed, as evaluate() does ----------

    def row_checks(self, position: int, indicator: Indicator) -> list[exp.Expr]:
        """Counts, per group, of the input rows whose variables passed and whose own
        denominator (each one as written, ``_rz<i>_<d>``) is 0, a warning: their numbers are
        summed; and, for a proportion, whose numerator exceeds their denominator (``_ro<i>``),
        an error of the group. Each row is judged as if it stood alone, as evaluate() does."""
        proportion = isinstance(indicator, Ratio) and indicator.proportion
        if not indicator.denominators and not proportion:
            return []
        printer = SqlPrinter({name: col(var.value) for name, var in self.columns.items()})
        passed = all_of([is_null(col(self.columns[n].issue)) for n in indicator.variables])
        zeros = [
            exp.EQ(this=paren(printer.doprint(d)), expression=number(0))
            for d in indicator.denominators
        ]
        found = [
            aliased(_count(exp.and_(passed.copy(), zero)), f"_rz{position}_{d}")
            for d, zero in enumerate(zeros)
        ]
        if isinstance(indicator, Ratio) and indicator.proportion:
            above = exp.GT(
                this=paren(printer.doprint(indicator.numerator)),
                expression=paren(printer.doprint(indicator.denominator)),
            )
            any_zero = exp.or_(exp.false(), *(z.copy() for z in zeros))
            not_zero = exp.Not(
                this=paren(exp.Coalesce(this=paren(any_zero), expressions=[exp.false()]))
            )
            over_row = exp.and_(passed.copy(), not_zero, above)
            found.append(aliased(_count(over_row), f"_ro{position}"))
        return found

    def reported_rows(
        self, position: int, indicator: Indicator, printer: SqlPrinter
    ) -> tuple[exp.Expr | None, exp.Expr | None]:
        """How many input rows of a group report a zero denominator and a numerator above
        their denominator: none where the group, all of whose rows passed, shows the same
        problem in its sums (its own issue says it), as evaluate() reports them."""
        if not self.lay.grouped:
            return None, None
        passed = self.passed(indicator.variables)
        zero_count: exp.Expr | None = None
        over_count: exp.Expr | None = None
        counts: list[exp.Expr] = []
        for d, part in enumerate(indicator.denominators):
            same = exp.and_(
                passed.copy(), exp.EQ(this=paren(printer.doprint(part)), expression=number(0))
            )
            counts.append(
                exp.Case(
                    ifs=[exp.If(this=same, true=exp.Literal.number(0))],
                    default=col(f"_rz{position}_{d}"),
                )
            )
        if counts:
            zero_count = counts[0]
            for count in counts[1:]:
                zero_count = exp.Add(this=zero_count, expression=count)
        if isinstance(indicator, Ratio) and indicator.proportion:
            over_group = exp.and_(
                passed.copy(),
                exp.GT(
                    this=paren(printer.doprint(indicator.numerator)),
                    expression=paren(printer.doprint(indicator.denominator)),
                ),
            )
            over_count = exp.Case(
                ifs=[exp.If(this=over_group, true=exp.Literal.number(0))],
                default=col(f"_ro{position}"),
            )
        return zero_count, over_count

    def computed_once(self, layer: exp.Select) -> exp.Select:
        """``layer`` kept as a subquery of its own, its columns computed once per row.

        A rounding refers to its input several times, and each later step to the rounded
        value several times; PostgreSQL's planner would pull the layers up into one SELECT and
        copy every expression into every place it is used, a tree too big to plan. ``OFFSET
        0`` keeps the layer apart there (other engines share the expressions themselves).
        """
        return layer.offset(0) if self.dialect == "postgres" else layer

    def branch(self, position: int, indicator: Indicator, source: str) -> exp.Select:
        printer = SqlPrinter({name: col(var.value) for name, var in self.columns.items()})
        items = self.value_issues(indicator)
        passed = self.passed(indicator.variables)
        keys = self.keys()
        zero_rows, over_rows = self.reported_rows(position, indicator, printer)
        if zero_rows is not None:
            items.append(repeat(string(IssueCode.DENOMINATOR_ZERO.value), zero_rows, self.dialect))
        if over_rows is not None:
            code = IssueCode.NUMERATOR_EXCEEDS_DENOMINATOR.value
            items.append(repeat(string(code), over_rows.copy(), self.dialect))
            # a row above its denominator is an error of its group: no value, no further check
            passed = exp.and_(
                passed, exp.EQ(this=paren(over_rows), expression=exp.Literal.number(0))
            )
        # 1. parts and denominators, computed only when every variable passed
        first: list[exp.Expr] = [key.copy() for key in keys]
        first += [aliased(item, f"_e{i}") for i, item in enumerate(items)]
        first.append(aliased(passed.copy(), "_ok"))
        if isinstance(indicator, Ratio):
            # each part is filled whenever its own variables passed, as evaluate() does
            for part, name in ((indicator.numerator, "_num"), (indicator.denominator, "_den")):
                own = self.passed(sorted(symbol.name for symbol in part.free_symbols))
                first.append(aliased(when(own, printer.doprint(part)), name))
        else:
            first.append(aliased(when(passed.copy(), printer.doprint(indicator.formula)), "_raw"))
        errors: list[str] = []  # the columns of steps 2 to 5: an issue code or NULL
        for i, den in enumerate(indicator.denominators):
            zero = exp.and_(
                passed.copy(), exp.EQ(this=paren(printer.doprint(den)), expression=number(0))
            )
            first.append(aliased(when(zero, string(IssueCode.DENOMINATOR_ZERO.value)), f"_z{i}"))
            errors.append(f"_z{i}")
        layer = exp.select(*first).from_(exp.to_table(source))
        # 2. the value before the checks on it; a proportion's numerator against its denominator
        second: list[exp.Expr] = []
        if isinstance(indicator, Ratio):
            raw = exp.Mul(
                this=paren(divide(col("_num"), col("_den"))),
                expression=number(float(indicator.factor)),
            )
            second.append(aliased(raw, "_raw"))
            if indicator.proportion:
                over = exp.and_(
                    *self.no_error(errors),
                    exp.GT(this=col("_num"), expression=col("_den")),
                    exp.NEQ(this=col("_den"), expression=number(0)),
                )
                code = IssueCode.NUMERATOR_EXCEEDS_DENOMINATOR.value
                second.append(aliased(when(over, string(code)), "_x"))
                errors.append("_x")
        if second:
            layer = _chain(layer, "_a").select(*second, copy=False)
        # 3. a non-finite value, an index outside its scale
        # (each check only where no earlier step found an error, as evaluate() does)
        finite = is_finite(col("_raw"), self.dialect)
        infinite = exp.and_(*self.no_error(errors), exp.Not(this=paren(finite.copy())))
        third = [aliased(when(infinite, string(IssueCode.NOT_FINITE.value)), "_f")]
        if isinstance(indicator, Index):
            lo, hi = indicator.bounds
            outside = exp.and_(
                *self.no_error(errors),
                paren(finite.copy()),
                exp.or_(
                    exp.LT(this=col("_raw"), expression=number(lo)),
                    exp.GT(this=col("_raw"), expression=number(hi)),
                ),
            )
            third.append(aliased(when(outside, string(IssueCode.OUT_OF_SCALE.value)), "_s"))
            errors.append("_s")
        errors.insert(len(errors) - 1 if isinstance(indicator, Index) else len(errors), "_f")
        layer = _chain(layer, "_b").select(*third, copy=False)
        # 4. the value when nothing went wrong (rounded as the rules say), and its target
        clean = all_of([col("_ok"), *(is_null(col(name)) for name in errors)])
        plan = self.plans[indicator.code]
        rules = self.rules.get(indicator.code, Rules())
        rounded = rules.value_decimals is not None
        fourth = [aliased(when(clean, col("_raw")), "_v0" if rounded else "_value")]
        if plan.static is None:
            fourth += [aliased(plan.lo.copy(), "_tlo"), aliased(plan.hi.copy(), "_thi")]
            fourth.append(aliased(plan.problem.copy(), "_tpr"))
        layer = _chain(layer, "_c").select(*fourth, copy=False)
        if rules.value_decimals is not None:
            value_rounded = round_sql(col("_v0"), rules.value_decimals, rules.value_rounding)
            layer = _chain(layer, "_cr").select(aliased(value_rounded, "_value"), copy=False)
            layer = self.computed_once(layer)
        # 5. the target used, capaian (rounded and bounded as the rules say), target warnings
        fifth, warnings = achievement_columns(indicator, plan, rules)
        layer = _chain(layer, "_d").select(*fifth, copy=False)
        finite_capaian = when(is_finite(col("_cap"), self.dialect), col("_cap"))
        name = "_ach" if rules.plain else "_a0"
        layer = _chain(layer, "_g").select(aliased(finite_capaian, name), copy=False)
        if not rules.plain:
            layer = self.computed_once(layer)
            finished = finish_sql(col("_a0"), rules)
            layer = _chain(layer, "_h").select(aliased(finished, "_ach"), copy=False)
            layer = self.computed_once(layer)
        # 6. predikat, grade and the list of issue codes
        value = col("_value")
        category = classify(indicator.categories, col("_ach"))
        grade = (
            classify(indicator.grades, value.copy())
            if isinstance(indicator, Index) and indicator.grades is not None
            else typed_null("text")
        )
        found = [col(f"_e{i}") for i in range(len(items))]
        singles = [col(name) for name in [*errors, *warnings]]
        if self.lay.grouped:  # one array per variable and code, then the other issues
            issues = concat([*found, compact(singles, self.dialect)])
        else:
            issues = compact([*found, *singles], self.dialect)
        outputs: list[exp.Expr] = [key.copy() for key in keys]
        outputs += [
            aliased(string(indicator.code), "indicator"),
            aliased(exp.Literal.number(position), "_ord"),
            aliased(value.copy(), "value"),
            aliased(col("_target"), "target"),
        ]
        if self.ranged:
            outputs.append(aliased(col("_target_hi"), "target_hi"))
        outputs += [
            aliased(col("_ach"), "achievement"),
            aliased(category, "category"),
            aliased(grade, "grade"),
        ]
        if isinstance(indicator, Ratio):
            outputs.append(aliased(self.part("_num", indicator.numerator), "numerator"))
            outputs.append(aliased(self.part("_den", indicator.denominator), "denominator"))
        else:
            outputs += [aliased(typed_null(), "numerator"), aliased(typed_null(), "denominator")]
        outputs += [
            aliased(issues, "issues"),
        ]
        return exp.select(*outputs).from_(layer.subquery("_e", copy=False))


def check_dialect(dialect: str) -> str:
    """``dialect`` if iku writes SQL for it, else a :class:`SqlError` naming those it does."""
    if dialect not in DIALECTS:
        msg = f"unknown SQL dialect {dialect!r}: iku writes {', '.join(DIALECTS)}"
        raise SqlError(msg)
    return dialect


def build_query(
    subject: IndicatorSet | Indicator,
    table: str | Sequence[str],
    *,
    dialect: str = "duckdb",
    targets: Mapping[str, Any] | None = None,
    period: object = None,
    by: str | Iterable[str] | None = None,
    keys: str | Iterable[str] | None = None,
    columns: Mapping[str, str | None] | Iterable[str] | None = None,
    rules: Rules | None = None,
) -> exp.Select:
    """The query of :func:`iku.to_sql`, as a sqlglot expression; ``rules`` override the
    set's and the indicators' own rules for this query, field by field, as in ``evaluate``."""
    check_dialect(dialect)
    indicators, variables = subject_parts(subject)
    codes = subject.codes if isinstance(subject, IndicatorSet) else None
    targets = read_targets(targets, codes)
    declared = subject.variables if isinstance(subject, IndicatorSet) else variables.values()
    read = table_expression(table, dialect)
    lay = layout(
        [v.code for v in declared],
        by=by,
        keys=keys,
        columns=columns,
        period=period,
        table=".".join(part for part in (read.catalog, read.db, read.name) if part),
    )
    columns_used = _variable_columns(variables, lay, dialect)
    source = _source(read, lay, columns_used, dialect)
    base = subject.rules if isinstance(subject, IndicatorSet) else Rules()
    own = {ind.code: base.merge(ind.rules).merge(rules) for ind in indicators}
    builder = _Builder(indicators, columns_used, lay, dialect, targets, period, own)
    branches = [
        builder.branch(i, ind, "_iku_grp" if lay.grouped else "_iku_src")
        for i, ind in enumerate(indicators)
    ]
    union: exp.Expr = branches[0]
    for branch in branches[1:]:
        union = exp.union(union, branch, distinct=False)
    names = [
        *lay.keys,
        *OUTPUT_COLUMNS[:4],
        *(["target_hi"] if builder.ranged else []),
        *OUTPUT_COLUMNS[4:],
    ]
    internal = [f"_k{i}" for i in range(len(lay.keys))] + [
        "_p" if name == PERIOD else name for name in names[len(lay.keys) :]
    ]
    # the period argument is the same on every row: added after the sort, not carried through it
    outer = exp.select(
        *(
            aliased(
                period_literal(period)
                if inner == "_p" and lay.period_column is None
                else col(inner),
                name,
            )
            for inner, name in zip(internal, names, strict=True)
        )
    ).from_(exp.Subquery(this=union, alias=exp.TableAlias(this=exp.to_identifier("_r"))))
    order = [col(f"_k{i}") for i in range(len(lay.keys))]
    if lay.positional:
        order.append(col("_row"))
    if lay.period_column is not None:
        order.append(col("_p"))
    # NULLs last everywhere (Spark would put them first), as evaluate() orders its groups
    ordered = [exp.Ordered(this=column, nulls_first=False) for column in [*order, col("_ord")]]
    outer = outer.order_by(*ordered)
    outer = outer.with_("_iku_src", as_=source)
    if lay.grouped:
        row_checks = [c for i, ind in enumerate(indicators) for c in builder.row_checks(i, ind)]
        outer = outer.with_("_iku_grp", as_=_grouped(lay, columns_used, row_checks))
    return outer
