"""The year to date inside a database: window functions over the parts of a year, then the
query of :func:`iku.to_sql` on them (``to_sql(..., year=2025)``).

Three common table expressions come before ``to_sql``'s own:

1. ``_iku_parts``: the rows of the year (a ``period`` written ``2025-Q1`` ... or ``2025-01`` ...),
   each with its part number, and each variable's value where it passes the checks of
   ``evaluate`` (NULL where it does not: a bad row is never added);
2. ``_iku_cells``: one row per key and part, the units combined by each variable's aggregation,
   NULL when any of their rows was bad;
3. ``_iku_ytd``: each variable's year to date by its accumulation, with windows ordered by the
   part: ``SUM`` for a flow, the part's own value for a stock, ``SUM / part`` for a mean,
   ``MAX`` and ``MIN``. A year to date that needs an earlier part that is missing or bad (the
   window holds fewer values than the part's number) is NULL, never a sum with a hole in it.

The indicators are then evaluated on ``_iku_ytd`` against the year's targets, as
:func:`iku.monitor` evaluates them: the same values, capaian and predikat for every key and part
that has data (``monitor`` also reports the missing parts themselves, as ``period_gap``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from sqlglot import exp

from iku.backends.sql import (
    _AGGREGATES,
    _value_issue,
    _variable_columns,
    build_query,
    layout,
    subject_parts,
    table_expression,
)
from iku.backends.sql_printer import aliased, col, double, is_null, number, string
from iku.errors import SqlError
from iku.model import Accumulation, Indicator, IndicatorSet
from iku.periods import Period, PeriodKind
from iku.scales import TargetRange

__all__ = ["build_year_to_date_query"]

_CTES: Final = ("_iku_parts", "_iku_cells", "_iku_ytd")


def _window(node: exp.Expr, keys: Sequence[str]) -> exp.Window:
    """``node OVER (PARTITION BY keys ORDER BY part ROWS UNBOUNDED PRECEDING .. CURRENT ROW)``."""
    return exp.Window(
        this=node,
        partition_by=[col(key) for key in keys] or None,
        order=exp.Order(expressions=[exp.Ordered(this=col("_part"), nulls_first=False)]),
        spec=exp.WindowSpec(
            kind="ROWS", start="UNBOUNDED", start_side="PRECEDING", end="CURRENT ROW"
        ),
    )


def _case(subject: exp.Expr, pairs: Iterable[tuple[exp.Expr, exp.Expr]]) -> exp.Case:
    return exp.Case(
        ifs=[exp.If(this=exp.EQ(this=subject.copy(), expression=a), true=b) for a, b in pairs]
    )


def build_year_to_date_query(
    subject: IndicatorSet | Indicator,
    table: str | Sequence[str],
    *,
    year: int,
    kind: PeriodKind = "quarter",
    dialect: str = "duckdb",
    targets: Any = None,
    keys: str | Iterable[str] | None = None,
    columns: Mapping[str, str | None] | Iterable[str] | None = None,
) -> exp.Select:
    """The query of ``to_sql(subject, table, year=year)``: one row per key, part of the year
    and indicator, with the year to date (see the module's docstring)."""
    from iku.monitoring import _relaxed, _split_targets
    from iku.yeartodate import accumulations

    if kind not in ("quarter", "month"):
        msg = f"the parts of a year are quarters or months, not {kind!r}"
        raise SqlError(msg)
    indicators, variables = subject_parts(subject)
    declared = subject.variables if isinstance(subject, IndicatorSet) else variables.values()
    lay = layout([v.code for v in declared], keys=keys, columns=columns)
    if lay.period_column is None and lay.known:
        msg = "the year to date needs a period column (2025-Q1, ... or 2025-01, ...)"
        raise SqlError(msg)
    var_columns = _variable_columns(variables, lay, dialect)
    parts = Period.of_year(year, kind)
    found = accumulations(subject)
    key_aliases = [f"_k{i}" for i in range(len(lay.keys))]

    # 1. the rows of the year, their part, each value where it passes the checks
    period = col("period")
    rows: list[exp.Expr] = [aliased(col(k), a) for k, a in zip(lay.keys, key_aliases, strict=True)]
    rows.append(aliased(_case(period, ((string(str(p)), number(p.index)) for p in parts)), "_part"))
    for var in var_columns.values():
        issue = _value_issue(var, dialect)
        ok = is_null(issue.copy())
        if var.present:
            read = exp.Cast(this=col(var.variable.code), to=double())
            rows.append(aliased(exp.Case(ifs=[exp.If(this=ok, true=read)]), var.value))
        else:
            rows.append(aliased(number(0), var.value))
        rows.append(
            aliased(exp.Case(ifs=[exp.If(this=ok, true=number(0))], default=number(1)), var.issue)
        )
    within = exp.In(this=period.copy(), expressions=[string(str(p)) for p in parts])
    source = exp.select(*rows).from_(table_expression(table, dialect)).where(within)

    # 2. one row per key and part: the units combined, NULL when any of their rows was bad
    group = [col(a) for a in key_aliases] + [col("_part")]
    cells: list[exp.Expr] = [c.copy() for c in group]
    for var in var_columns.values():
        aggregate = _AGGREGATES[var.variable.aggregation.value](this=col(var.value))
        clean = exp.EQ(this=exp.Sum(this=col(var.issue)), expression=number(0))
        cells.append(aliased(exp.Case(ifs=[exp.If(this=clean, true=aggregate)]), var.value))
    combined = exp.select(*cells).from_(exp.to_table("_iku_parts")).group_by(*group)

    # 3. the year to date of each variable, by its accumulation
    ytd: list[exp.Expr] = [aliased(col(a), k) for a, k in zip(key_aliases, lay.keys, strict=True)]
    ytd.append(
        aliased(_case(col("_part"), ((number(p.index), string(str(p))) for p in parts)), "period")
    )
    for var in var_columns.values():
        how = found[var.variable.code][0]
        value: exp.Column = col(var.value)
        if how is Accumulation.LAST:
            ytd.append(aliased(value, var.variable.code))
            continue
        complete = exp.EQ(
            this=_window(exp.Count(this=value.copy()), key_aliases),
            expression=col("_part"),
        )
        if how is Accumulation.SUM:
            formed: exp.Expr = _window(exp.Sum(this=value.copy()), key_aliases)
        elif how is Accumulation.MEAN:
            formed = exp.Div(
                this=_window(exp.Sum(this=value.copy()), key_aliases),
                expression=exp.Cast(this=col("_part"), to=double()),
            )
        else:
            ufunc = exp.Max if how is Accumulation.MAX else exp.Min
            formed = _window(ufunc(this=value.copy()), key_aliases)
        ytd.append(aliased(exp.Case(ifs=[exp.If(this=complete, true=formed)]), var.variable.code))
    to_date = exp.select(*ytd).from_(exp.to_table("_iku_cells"))

    # the indicators on the year to date, against the year's targets
    given = targets
    if targets is not None:
        from iku.backends.targets import lookup, read_targets

        mapping = read_targets(targets).given or {}
        given = {}
        for ind in indicators:
            annual, _ = _split_targets(mapping.get(ind.code), ind.code, year, kind, [])
            target, _ = lookup(annual, year)
            if isinstance(target, TargetRange):
                given[ind.code] = (target.lo, target.hi)
            elif target is not None:
                given[ind.code] = target
    types: dict[str, str | None] = {k: lay.types.get(k) for k in lay.keys}
    types["period"] = "TEXT"
    types.update(dict.fromkeys(variables, "DOUBLE"))
    query = build_query(
        _relaxed(subject),
        "_iku_ytd",
        dialect=dialect,
        targets=given,
        keys=list(lay.keys),
        columns=types,
    )
    ours = [
        exp.CTE(this=select, alias=exp.TableAlias(this=exp.to_identifier(name)))
        for name, select in zip(_CTES, (source, combined, to_date), strict=True)
    ]
    with_ = query.args.get("with_")
    if with_ is None:
        query.set("with_", exp.With(expressions=ours))
    else:
        with_.set("expressions", [*ours, *with_.expressions])
    return query
