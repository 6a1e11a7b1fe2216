"""The rules of capaian in SQL: rounding as :mod:`iku.rounding` decides it, caps and floors.

Rounding is decided in decimals, as in Python: the DOUBLE is printed (every engine prints the
shortest text that reads back as it, as Python's ``repr``) and that text cast to
``DECIMAL(24, 9)`` (rounded half away from zero, which clears the noise of float arithmetic, as
:func:`iku.rounding.round_number` does first), scaled by ``10^decimals`` (exact in decimals),
rounded to a whole number with ``FLOOR``/``CEIL`` (truncate: toward zero; half up: a half away
from zero; half even: a half to the even neighbour), and divided back in DOUBLE. Only standard
functions are used, so DuckDB, PostgreSQL and Spark give the same numbers as ``evaluate``.
A value whose rounding a DOUBLE cannot hold (``|x| * 10^decimals >= 2^53``) is left as it is,
as in Python.

>>> from sqlglot import exp
>>> round_sql(exp.column("x"), 2, "truncate").sql("duckdb")[:60]
'CASE WHEN ABS(x) < CAST(90071992547409.92 AS DOUBLE) THEN CA'
"""

from __future__ import annotations

import math

from sqlglot import exp

from iku.backends.sql_printer import number, paren
from iku.rounding import NOISE_DECIMALS, Rounding, limit
from iku.scales import Rules

__all__ = ["bound_sql", "round_sql"]

_PRECISION = 16 + NOISE_DECIMALS
"""Digits of the decimal a value is rounded in: 16 before the point (2^53 has 16), 9 after."""


def _decimal(value: exp.Expr) -> exp.Expr:
    """The DOUBLE as printed (its shortest text), as a decimal of 9 places."""
    kind = exp.DataType.build(f"DECIMAL({_PRECISION}, {NOISE_DECIMALS})")
    return exp.Cast(this=exp.Cast(this=value, to=exp.DataType.build("text")), to=kind)


def _half() -> exp.Expr:
    return exp.Literal.number("0.5")


def round_sql(value: exp.Expr, decimals: int, mode: Rounding | str) -> exp.Expr:
    """``value`` (a DOUBLE, possibly NULL) rounded to ``decimals`` places by ``mode``, as
    :func:`iku.rounding.round_number` rounds it."""
    mode = Rounding(mode)
    scaled = _decimal(value.copy())
    if decimals:
        scaled = exp.Mul(this=paren(scaled), expression=exp.Literal.number(10**decimals))

    def s() -> exp.Expr:
        return paren(scaled.copy())

    def floor(x: exp.Expr) -> exp.Expr:
        return exp.Floor(this=x)

    def ceil(x: exp.Expr) -> exp.Expr:
        return exp.Ceil(this=x)

    positive = exp.GTE(this=s(), expression=exp.Literal.number(0))
    if mode is Rounding.TRUNCATE:
        whole: exp.Expr = exp.Case(ifs=[exp.If(this=positive, true=floor(s()))], default=ceil(s()))
    elif mode is Rounding.HALF_UP:
        up = floor(exp.Add(this=s(), expression=_half()))
        down = ceil(exp.Sub(this=s(), expression=_half()))
        whole = exp.Case(ifs=[exp.If(this=positive, true=up)], default=down)
    else:
        below = floor(s())
        part = exp.Sub(this=s(), expression=below.copy())
        even = exp.EQ(
            this=exp.Mod(this=below.copy(), expression=exp.Literal.number(2)),
            expression=exp.Literal.number(0),
        )
        plus_one = exp.Add(this=below.copy(), expression=exp.Literal.number(1))
        whole = exp.Case(
            ifs=[
                exp.If(this=exp.GT(this=part.copy(), expression=_half()), true=plus_one.copy()),
                exp.If(this=exp.LT(this=part.copy(), expression=_half()), true=below.copy()),
                exp.If(this=even, true=below.copy()),
            ],
            default=plus_one,
        )
    double = exp.DataType.build("double")
    result: exp.Expr = exp.Cast(this=whole, to=double)
    if decimals:
        result = exp.Div(this=result, expression=number(float(10**decimals)))
    small = exp.LT(this=exp.Abs(this=value.copy()), expression=number(limit(decimals)))
    return exp.Case(ifs=[exp.If(this=small, true=result)], default=value.copy())


def bound_sql(value: exp.Expr, rules: Rules) -> exp.Expr:
    """``value`` within ``rules.floor`` .. ``rules.cap`` (NULL stays NULL)."""
    ifs = []
    if rules.cap is not None and rules.cap != math.inf:
        above = exp.GT(this=value.copy(), expression=number(rules.cap))
        ifs.append(exp.If(this=above, true=number(rules.cap)))
    if rules.floor is not None and rules.floor != -math.inf:
        below = exp.LT(this=value.copy(), expression=number(rules.floor))
        ifs.append(exp.If(this=below, true=number(rules.floor)))
    if not ifs:
        return value
    return exp.Case(ifs=ifs, default=value.copy())


def finish_sql(value: exp.Expr, rules: Rules) -> exp.Expr:
    """The capaian ``value`` rounded and bounded as ``rules`` say (:meth:`Rules.finish`)."""
    if rules.achievement_decimals is not None:
        value = round_sql(value, rules.achievement_decimals, rules.achievement_rounding)
    return bound_sql(value, rules)
