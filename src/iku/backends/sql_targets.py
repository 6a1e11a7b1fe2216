"""Targets inside the query: constants when every row has the same one, a CASE on the period
column for targets per year; capaian and the missing and zero target warnings.

Targets are read exactly as ``evaluate`` reads them (``iku.backends.targets``): a number, a
range ``(lo, hi)`` or :class:`~iku.TargetRange`, or ``{year: target}`` with the year matched
the way :func:`~iku.backends.targets.period_key` reads it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
from iku.backends.targets import lookup, period_key
from iku.backends.targets import read_targets as read_given
from iku.errors import ArgumentError
from iku.model import Indicator
from iku.scales import Lower, Polarity, Rules, TargetRange
from iku.validation import IssueCode, Severity

__all__ = ["TargetPlan", "achievement_columns", "read_targets", "target_plan"]


@attrs.frozen
class _Target:
    """A target read from ``targets``: ``lo`` alone is a number, with ``hi`` a range; no
    ``lo`` means there is none, and ``problem`` says why (``missing_target``, or
    ``not_a_number`` for a target given as text)."""

    lo: float | None
    hi: float | None = None
    problem: IssueCode = IssueCode.MISSING_TARGET


_MISSING: Final = _Target(None)


def _target_of(spec: object, period: object = None) -> _Target:
    """What ``evaluate`` reads from ``spec`` for ``period`` (:func:`~iku.backends.targets.lookup`,
    the one reading of targets): a number, a range, or none and why."""
    found, problem = lookup(spec, period)
    if problem is not None or found is None:
        return _Target(None, problem=IssueCode.MISSING_TARGET if problem is None else problem.code)
    if isinstance(found, TargetRange):
        return _Target(found.lo, found.hi)
    return _Target(float(found))


def _targets_of(
    code: str, targets: Mapping[str, Any] | None, period: object, by_column: bool
) -> tuple[_Target, list[tuple[Any, _Target]] | None, _Target]:
    """The target for rows with no period, the targets per year (the year as ``period_key``
    reads it, in the order given) when they depend on a period column (else None: every row
    has the first), and the target of a period no year names (the entry without a year)."""
    spec = None if targets is None else targets.get(code)
    if not isinstance(spec, Mapping) or not by_column:
        return _target_of(spec, period), None, _MISSING
    years = [(period_key(year), _target_of(value)) for year, value in spec.items()]
    other = _target_of(spec[None]) if None in spec else _MISSING
    return _target_of(spec, None), [(y, t) for y, t in years if y is not None], other


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
    problem: exp.Expr
    """The code of a row without a target: ``missing_target``, or ``not_a_number`` for a
    target given as text (NULL where there is a target)."""


def target_plan(
    code: str, targets: Mapping[str, Any] | None, period: object, period_type: str | None
) -> TargetPlan:
    """How the query gets ``code``'s target. ``period_type`` is the type class of the table's
    period column ("integer", "number" or "other"), None when it has none."""
    fallback, years, other = _targets_of(code, targets, period, period_type is not None)

    def literal(target: _Target, field: str) -> exp.Expr:
        if field == "problem":
            return typed_null("text") if target.lo is not None else string(target.problem.value)
        value = getattr(target, field)
        return typed_null() if value is None else number(value)

    if years is None:
        lo, hi = literal(fallback, "lo"), literal(fallback, "hi")
        return TargetPlan(fallback, lo, hi, fallback.hi is not None, literal(fallback, "problem"))
    kind = period_type or "other"

    def pick(field: str) -> exp.Expr:
        ifs = [exp.If(this=is_null(col("_p")), true=literal(fallback, field))]
        for year, target in years:  # the first year that matches wins, as in evaluate()
            condition = _period_is(year, kind)
            if condition is not None:
                ifs.append(exp.If(this=condition, true=literal(target, field)))
        return exp.Case(ifs=ifs, default=literal(other, field))

    ranged = any(t.hi is not None for _, t in [*years, (None, fallback), (None, other)])
    return TargetPlan(None, pick("lo"), pick("hi"), ranged, pick("problem"))


def achievement_columns(
    indicator: Indicator, plan: TargetPlan, rules: Rules | None = None
) -> tuple[list[exp.Expr], list[str]]:
    """The columns ``_target``, ``_target_hi`` and ``_cap`` (capaian) from the row's
    ``_value`` (and ``_tlo``/``_thi`` for per-year targets), and the names of the warning
    columns it adds (``_mt`` missing target, ``_zt`` zero target, ``_zv`` zero realisasi under
    ``rules`` that say "inverse"). The capaian is not yet rounded nor bounded.

    A target known before the query runs (no per-year target on a period column) is written
    as constants, so the engine has no range or zero test to make on every row.
    """
    value = col("_value")
    has_value = not_null(value.copy())
    static = plan.static
    if static is not None and static.lo is None:
        missing = when(has_value, string(static.problem.value))
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
    inverse = (
        indicator.polarity is Polarity.LOWER_IS_BETTER
        and rules is not None
        and rules.lower is Lower.INVERSE
    )
    if indicator.polarity is Polarity.HIGHER_IS_BETTER:
        ratio = divide(value.copy(), used.copy())
    elif inverse:
        ratio = exp.Case(
            ifs=[exp.If(this=exp.EQ(this=used.copy(), expression=number(0)), true=typed_null())],
            default=divide(used.copy(), value.copy()),
        )
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
        found.append(aliased(when(absent, col("_tpr")), "_mt"))
        warnings.append("_mt")
    if static is None or 0.0 in (static.lo, static.hi):
        zero = exp.and_(
            has_value.copy(),
            exp.Not(this=paren(inside.copy())),
            exp.EQ(this=used.copy(), expression=number(0)),
        )
        found.append(aliased(when(zero, string(IssueCode.ZERO_TARGET.value)), "_zt"))
        warnings.append("_zt")
    if inverse:
        zero_value = exp.and_(
            has_value.copy(),
            not_null(lo.copy()),
            exp.Not(this=paren(inside.copy())),
            exp.NEQ(this=used.copy(), expression=number(0)),
            exp.EQ(this=value.copy(), expression=number(0)),
        )
        found.append(aliased(when(zero_value, string(IssueCode.ZERO_VALUE.value)), "_zv"))
        warnings.append("_zv")
    return found, warnings


def read_targets(targets: object, codes: Sequence[str] | None = None) -> Mapping[str, Any] | None:
    """``targets`` read as ``evaluate`` reads them (:func:`iku.backends.targets.read_targets`):
    a mapping, a pandas or polars table of indicator, period, target (and target_hi), or
    targets read from a file.

    A query carries its targets as constants and has no place for a problem of the targets as
    a whole, so the errors ``evaluate`` lists apart from the rows (a target given twice, a
    target for an indicator the set does not have, ``codes``) are refused here, every one named,
    rather than lost.
    """
    if targets is None:
        return None
    try:
        found = read_given(targets, codes)
    except ArgumentError as error:
        raise SqlError(str(error), message=error.message) from None
    errors = [issue for issue in found.issues if issue.severity is Severity.ERROR]
    if errors:
        head_en = f"the targets have {len(errors)} error(s) a query cannot carry:"
        head_id = f"target memuat {len(errors)} kesalahan yang tidak dapat dibawa kueri:"
        lines_en = [head_en, *(f"- {issue.describe('en')}" for issue in errors)]
        lines_id = [head_id, *(f"- {issue.describe('id')}" for issue in errors)]
        raise SqlError("\n".join(lines_en), message="\n".join(lines_id))
    return found.given
