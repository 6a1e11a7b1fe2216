"""Targets inside the query: constants when every row has the same one, a CASE on the period
column for targets per year; capaian and the missing and zero target warnings.

Targets are read exactly as ``evaluate`` reads them (``iku.backends.targets``): a number, a
range ``(lo, hi)`` or :class:`~iku.TargetRange`, or ``{year: target}`` with the year matched
the way :func:`~iku.backends.targets.period_key` reads it.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

import attrs
from sqlglot import exp

from iku.backends.sql_printer import (
    SqlError,
    aliased,
    col,
    divide,
    is_null,
    not_null,
    number,
    paren,
    string,
    typed_null,
    when,
)
from iku.backends.targets import period_key
from iku.model import Indicator
from iku.scales import Polarity, TargetRange
from iku.validation import IssueCode

__all__ = ["TargetPlan", "achievement_columns", "read_targets", "target_plan"]


@attrs.frozen
class _Target:
    """A target read from ``targets``: ``lo`` alone is a number, with ``hi`` a range; no
    ``lo`` means there is none (``missing_target``)."""

    lo: float | None
    hi: float | None = None


_MISSING: Final = _Target(None)


def _target_of(spec: object) -> _Target:
    """A number, a range or a pair as a target; anything else (or a non-finite number) missing.

    The same reading as ``evaluate`` (``iku.backends.targets``).
    """
    if isinstance(spec, TargetRange):
        return _Target(spec.lo, spec.hi)
    if isinstance(spec, list | tuple):
        if len(spec) != 2:
            return _MISSING
        lo, hi = (_target_of(part).lo for part in spec)
        if lo is None or hi is None or lo > hi or isinstance(spec[0], list | tuple):
            return _MISSING
        return _Target(lo, hi)
    if isinstance(spec, bool) or not isinstance(spec, numbers.Real | Decimal):
        return _MISSING
    try:
        value = float(spec)
    except (OverflowError, ValueError, TypeError, ArithmeticError):
        return _MISSING
    return _Target(value) if math.isfinite(value) else _MISSING


def _targets_of(
    code: str, targets: Mapping[str, Any] | None, period: object, by_column: bool
) -> tuple[_Target, list[tuple[Any, _Target]] | None]:
    """The target for rows with no period, and the targets per year (the year as
    ``period_key`` reads it, in the order given) when they depend on a period column
    (else None: every row has the first)."""
    spec = None if targets is None else targets.get(code)
    if not isinstance(spec, Mapping):
        return _target_of(spec), None
    years = [(period_key(year), _target_of(value)) for year, value in spec.items()]
    single = years[0][1] if len(years) == 1 else _MISSING
    if by_column:
        return single, years
    if period is None:
        return single, None
    key = period_key(period)
    return next((target for year, target in years if year == key), _MISSING), None


def _period_is(key: object, kind: str) -> exp.Expr | None:
    """The condition "the row's period is ``key``", for a period column of type class ``kind``;
    None when no value of such a column can be that year."""
    period = col("_p")
    if kind in ("integer", "number"):
        if not isinstance(key, int):
            return None
        return exp.EQ(this=period, expression=exp.Literal.number(key))
    if isinstance(key, int):
        text = exp.Trim(this=exp.Cast(this=period, to=exp.DataType.build("text")))
        return exp.EQ(this=text, expression=string(str(key)))
    return exp.EQ(
        this=exp.Cast(this=period, to=exp.DataType.build("text")), expression=string(str(key))
    )


@attrs.frozen
class TargetPlan:
    """An indicator's target in SQL: ``static`` when every row has the same one, else a CASE
    on the period column for its low (``lo``) and high (``hi``, NULL unless a range) bound."""

    static: _Target | None
    lo: exp.Expr
    hi: exp.Expr
    ranged: bool


def target_plan(
    code: str, targets: Mapping[str, Any] | None, period: object, period_type: str | None
) -> TargetPlan:
    """How the query gets ``code``'s target. ``period_type`` is the type class of the table's
    period column ("integer", "number" or "other"), None when it has none."""
    fallback, years = _targets_of(code, targets, period, period_type is not None)

    def literal(value: float | None) -> exp.Expr:
        return typed_null() if value is None else number(value)

    if years is None:
        lo, hi = literal(fallback.lo), literal(fallback.hi)
        return TargetPlan(fallback, lo, hi, fallback.hi is not None)
    kind = period_type or "other"

    def pick(field: str) -> exp.Expr:
        ifs = [exp.If(this=is_null(col("_p")), true=literal(getattr(fallback, field)))]
        for year, target in years:  # the first year that matches wins, as in evaluate()
            condition = _period_is(year, kind)
            if condition is not None:
                ifs.append(exp.If(this=condition, true=literal(getattr(target, field))))
        return exp.Case(ifs=ifs, default=typed_null())

    ranged = any(t.hi is not None for _, t in years) or fallback.hi is not None
    return TargetPlan(None, pick("lo"), pick("hi"), ranged)


def achievement_columns(indicator: Indicator, plan: TargetPlan) -> tuple[list[exp.Expr], list[str]]:
    """The columns ``_target``, ``_target_hi`` and ``_cap`` (capaian) from the row's
    ``_value`` (and ``_tlo``/``_thi`` for per-year targets), and the names of the warning
    columns it adds (``_mt`` missing target, ``_zt`` zero target).

    A target known before the query runs (no per-year target on a period column) is written
    as constants, so the engine has no range or zero test to make on every row.
    """
    value = col("_value")
    has_value = not_null(value.copy())
    static = plan.static
    if static is not None and static.lo is None:
        missing = when(has_value, string(IssueCode.MISSING_TARGET.value))
        found = [aliased(typed_null(), "_target"), aliased(typed_null(), "_target_hi")]  # no target
        found += [aliased(typed_null(), "_cap"), aliased(missing, "_mt")]
        return found, ["_mt"]
    if static is None:
        lo: exp.Expr = col("_tlo")
        hi: exp.Expr = col("_thi")
    else:
        lo, hi = plan.lo, plan.hi
    ranged = static is None or static.hi is not None
    used: exp.Expr = lo.copy()
    inside: exp.Expr = exp.false()
    if ranged:
        hi_known = [] if static is not None else [not_null(hi.copy())]
        inside = exp.and_(
            *hi_known,
            exp.GTE(this=value.copy(), expression=lo.copy()),
            exp.LTE(this=value.copy(), expression=hi.copy()),
        )
        above = exp.and_(*hi_known, exp.GT(this=value.copy(), expression=hi.copy()))
        used = exp.Case(ifs=[exp.If(this=above, true=hi.copy())], default=lo.copy())
    if indicator.polarity is Polarity.HIGHER_IS_BETTER:
        ratio = divide(value.copy(), used.copy())
    else:
        twice = exp.Mul(this=number(2), expression=used.copy())
        ratio = divide(exp.Sub(this=twice, expression=value.copy()), used.copy())
    capaian: exp.Expr = exp.Mul(this=paren(ratio), expression=number(100))
    if ranged:
        capaian = exp.Case(ifs=[exp.If(this=inside.copy(), true=number(100))], default=capaian)
    found = [
        aliased(lo.copy(), "_target"),
        aliased(hi.copy() if ranged else typed_null(), "_target_hi"),
        aliased(when(has_value.copy(), capaian), "_cap"),
    ]
    warnings: list[str] = []
    if static is None:
        absent = exp.and_(has_value.copy(), is_null(lo.copy()))
        found.append(aliased(when(absent, string(IssueCode.MISSING_TARGET.value)), "_mt"))
        warnings.append("_mt")
    if static is None or 0.0 in (static.lo, static.hi):
        zero = exp.and_(
            has_value.copy(),
            exp.Not(this=paren(inside.copy())),
            exp.EQ(this=used.copy(), expression=number(0)),
        )
        found.append(aliased(when(zero, string(IssueCode.ZERO_TARGET.value)), "_zt"))
        warnings.append("_zt")
    return found, warnings


def read_targets(targets: object) -> Mapping[str, Any] | None:
    """``targets`` as a mapping; a pandas or polars table of indicator, period, target (and
    target_hi) is read as ``evaluate`` reads it."""
    if targets is None or isinstance(targets, Mapping):
        return targets
    from iku.backends.shapes import is_pandas_frame, is_polars_frame

    if is_pandas_frame(targets) or is_polars_frame(targets):
        from iku.backends.targets import targets_mapping  # the one reading of a targets table

        return targets_mapping(targets)
    msg = (
        "targets maps indicator codes to targets (or is a table of indicator, period, "
        f"target), not {type(targets).__name__}"
    )
    raise SqlError(msg)
