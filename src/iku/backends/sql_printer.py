"""Formulas as sqlglot expressions, and the few SQL pieces that differ between dialects.

:class:`SqlPrinter` is a sympy printer whose ``_print_*`` methods return :mod:`sqlglot`
expression nodes instead of text, so a formula becomes a tree that sqlglot writes out in any
dialect. Every constant is cast to ``DOUBLE`` and every division goes through ``NULLIF(den, 0)``,
so integer columns never divide as integers and a zero denominator gives NULL, never an error or
an infinity.

>>> import sympy
>>> from sqlglot import exp
>>> a, b = sympy.symbols("a b")
>>> printer = SqlPrinter({"a": exp.column("a"), "b": exp.column("b")})
>>> printer.doprint(sympy.Max(a - b, 0) / b).sql("duckdb")
'GREATEST(CAST(0 AS DOUBLE), a - b) / NULLIF(b, 0)'

sqlglot is an optional dependency (``iku[sql]``): this module imports it, so it is imported only
by the functions that build queries, never by ``import iku``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any, Final

import sympy
from sqlglot import exp
from sympy.printing.printer import Printer

from iku.errors import SqlError, SqlFormulaError
from iku.formula import split_fraction
from iku.scales import Scale

__all__ = [
    "DIALECTS",
    "SqlError",
    "SqlFormulaError",
    "SqlPrinter",
    "aliased",
    "all_of",
    "classify",
    "col",
    "compact",
    "concat",
    "divide",
    "double",
    "is_finite",
    "is_nan",
    "is_null",
    "not_null",
    "number",
    "paren",
    "period_literal",
    "repeat",
    "string",
    "typed_null",
    "when",
]

DIALECTS: Final = ("bigquery", "duckdb", "postgres", "snowflake", "spark", "trino")
"""The SQL dialects a query can be written in (sqlglot's names)."""


def double() -> exp.DataType:
    """The 64-bit float type (DOUBLE, DOUBLE PRECISION, FLOAT64 depending on the dialect)."""
    return exp.DataType.build("double")


def number(value: float | int) -> exp.Expr:
    """A numeric constant, cast to DOUBLE so that no engine reads it as an integer or decimal.

    An infinity or NaN is refused: written bare, ``inf`` is a column name to DuckDB, and the
    dialects spell these values differently. iku never needs one (set files hold finite numbers,
    a band from infinity is left out, a non-finite target is a missing one).
    """
    if isinstance(value, float) and not math.isfinite(value):
        raise SqlError.from_key("sql.not_finite", value=value, where="number")
    literal = exp.Literal.number(repr(float(value)) if isinstance(value, float) else str(value))
    return exp.Cast(this=literal, to=double())


def paren(node: exp.Expr) -> exp.Expr:
    """``node`` in brackets when it is an operation, so that nesting never depends on precedence."""
    if isinstance(node, exp.Binary | exp.Neg | exp.Not):
        return exp.Paren(this=node)
    return node


def divide(numerator: exp.Expr, denominator: exp.Expr, *, guard: bool = True) -> exp.Expr:
    """``numerator / NULLIF(denominator, 0)``: NULL, not an error, when the denominator is 0.

    ``guard=False`` is for a constant denominator, which is never 0.
    """
    if guard:
        denominator = exp.Nullif(this=denominator, expression=exp.Literal.number(0))
    return exp.Div(this=paren(numerator), expression=paren(denominator))


class SqlPrinter(Printer):  # type: ignore[misc]
    """Prints a sympy expression as a sqlglot expression.

    ``symbols`` maps each variable code to the SQL expression that holds its value (usually a
    column of DOUBLE). Only the nodes :func:`iku.parse_formula` can produce are printed: symbols,
    rational numbers, ``+ * **``, ``Min``, ``Max`` and ``Abs``; anything else is an error.
    """

    printmethod = "_sqlglot"

    def __init__(self, symbols: Mapping[str, exp.Expr]) -> None:
        super().__init__()
        self.symbols = dict(symbols)

    def doprint(self, expr: sympy.Expr) -> exp.Expr:
        return self.node(expr)

    def node(self, expr: sympy.Expr) -> exp.Expr:
        """``expr`` printed: sympy's ``_print`` is untyped, this is its typed face."""
        result: exp.Expr = self._print(expr)
        return result

    def emptyPrinter(self, expr: Any) -> exp.Expr:  # noqa: N802 - sympy's name
        msg = f"cannot write {type(expr).__name__} ({expr}) in SQL"
        raise SqlFormulaError(msg)

    def _print_Symbol(self, expr: sympy.Symbol) -> exp.Expr:
        try:
            return self.symbols[expr.name].copy()
        except KeyError:
            msg = f"the formula uses {expr.name!r}, which has no column"
            raise SqlFormulaError(msg) from None

    def _print_Rational(self, expr: sympy.Rational) -> exp.Expr:
        if expr.q == 1:
            return number(int(expr.p))
        return number(float(expr))

    def _print_Float(self, expr: sympy.Float) -> exp.Expr:
        return number(float(expr))

    # Sums and products keep sympy's argument order and a product with divisors is computed as
    # (product of the top) / NULLIF(product of the bottom, 0), as iku's numpy kernels do, so
    # that both round the same way.

    def _print_Add(self, expr: sympy.Add) -> exp.Expr:
        terms: Sequence[sympy.Expr] = expr.args
        result = self.node(terms[0])
        for term in terms[1:]:
            if term.could_extract_minus_sign():
                result = exp.Sub(this=result, expression=paren(self.node(-term)))
            else:
                result = exp.Add(this=result, expression=paren(self.node(term)))
        return result

    def _print_Mul(self, expr: sympy.Mul) -> exp.Expr:
        if expr.could_extract_minus_sign():
            return exp.Neg(this=paren(self.node(-expr)))
        top, bottom = split_fraction(expr)
        above = self._product(top) if top else number(1)
        if not bottom:
            return above
        constant = all(factor.is_number for factor in bottom)
        return divide(above, self._product(bottom), guard=not constant)

    def _product(self, factors: Sequence[sympy.Expr]) -> exp.Expr:
        result = self.node(factors[0])
        for factor in factors[1:]:
            result = exp.Mul(this=paren(result), expression=paren(self.node(factor)))
        return result

    def _print_Pow(self, expr: sympy.Pow) -> exp.Expr:
        base, power = expr.base, expr.exp
        if power.is_negative:
            return divide(number(1), self.node(base ** (-power)))
        if power == 1:
            return self.node(base)
        return exp.Pow(this=self._print(base), expression=self._print(power))

    def _print_Min(self, expr: sympy.Min) -> exp.Expr:
        first, *rest = (self._print(arg) for arg in expr.args)
        return exp.Least(this=first, expressions=rest, ignore_nulls=True)

    def _print_Max(self, expr: sympy.Max) -> exp.Expr:
        first, *rest = (self._print(arg) for arg in expr.args)
        return exp.Greatest(this=first, expressions=rest, ignore_nulls=True)

    def _print_Abs(self, expr: sympy.Abs) -> exp.Expr:
        return exp.Abs(this=self._print(expr.args[0]))


def _call(name: str, *args: exp.Expr) -> exp.Expr:
    return exp.Anonymous(this=name, expressions=list(args))


def _special(text: str) -> exp.Expr:
    return exp.Cast(this=exp.Literal.string(text), to=double())


def is_nan(value: exp.Expr, dialect: str) -> exp.Expr:
    """A condition that holds when the DOUBLE ``value`` is NaN (an empty cell to every data
    library, so ``missing_value`` as in ``evaluate``): DuckDB and Spark ``isnan``, BigQuery
    ``IS_NAN``, Trino ``is_nan``; PostgreSQL and Snowflake compare with ``'NaN'`` (both treat
    ``NaN = NaN`` as true)."""
    if dialect in ("postgres", "snowflake"):
        return exp.EQ(this=value, expression=_special("NaN"))
    name = {"bigquery": "IS_NAN", "trino": "is_nan"}.get(dialect, "isnan")
    return _call(name, value)


def is_finite(value: exp.Expr, dialect: str) -> exp.Expr:
    """A condition that holds when the DOUBLE ``value`` is neither NaN nor infinite.

    Written per dialect, as engines name these tests differently: DuckDB ``isfinite``;
    PostgreSQL and Snowflake compare with their special values (both treat ``NaN = NaN`` as
    true); Spark ``isnan`` and ``abs(x) = Infinity``; BigQuery ``IS_NAN``/``IS_INF``; Trino
    ``is_nan``/``is_infinite``.
    """
    if dialect == "duckdb":
        return _call("isfinite", value)
    if dialect in ("postgres", "snowflake"):
        names = (
            ("NaN", "inf", "-inf") if dialect == "snowflake" else ("NaN", "Infinity", "-Infinity")
        )
        specials = [_special(text) for text in names]
        return exp.Not(this=exp.In(this=value, expressions=specials))
    if dialect == "spark":
        bad = exp.or_(
            _call("isnan", value.copy()),
            exp.EQ(this=exp.Abs(this=value.copy()), expression=_special("Infinity")),
        )
    elif dialect == "bigquery":
        bad = exp.or_(_call("IS_NAN", value.copy()), _call("IS_INF", value.copy()))
    else:
        bad = exp.or_(_call("is_nan", value.copy()), _call("is_infinite", value.copy()))
    return exp.Not(this=exp.Paren(this=bad))


_BIGQUERY_COMPACT: Final = (
    "ARRAY(SELECT _c FROM UNNEST(_codes) AS _c WITH OFFSET AS _o WHERE NOT _c IS NULL ORDER BY _o)"
)


def compact(items: Sequence[exp.Expr], dialect: str) -> exp.Expr:
    """An array of the non-NULL ``items``, in order: a row's issue codes.

    PostgreSQL ``array_remove(ARRAY[...], NULL)``; DuckDB ``list_filter``; Spark and Snowflake
    ``array_compact``; Trino ``filter``; BigQuery, whose arrays may not hold NULL at all,
    ``ARRAY(SELECT ... FROM UNNEST(...) WHERE ... IS NOT NULL)`` in the items' order.
    """
    array = exp.Array(expressions=list(items))
    if dialect == "postgres":
        return exp.ArrayRemove(this=array, expression=exp.Null())
    if dialect in ("duckdb", "spark", "snowflake"):
        return exp.ArrayCompact(this=array)
    if dialect == "trino":
        code = exp.to_identifier("_c")
        test = exp.Not(this=exp.Is(this=exp.column(code.copy()), expression=exp.Null()))
        return _call("filter", array, exp.Lambda(this=test, expressions=[code]))
    template = _bigquery_compact()
    for column in template.find_all(exp.Column):
        if column.name == "_codes":
            column.replace(array)
            break
    return template


def _bigquery_compact() -> exp.Expr:
    import sqlglot

    return sqlglot.parse_one(_BIGQUERY_COMPACT, read="bigquery")


def repeat(item: exp.Expr, count: exp.Expr, dialect: str) -> exp.Expr:
    """An array holding ``item`` ``count`` times (empty for 0): one issue code per bad row."""
    times = exp.Cast(this=count, to=exp.DataType.build("int"))
    if dialect == "duckdb":
        return _call("repeat", exp.Array(expressions=[item]), times)
    if dialect == "postgres":
        text = exp.Cast(this=item, to=exp.DataType.build("text"))
        return _call("array_fill", text, exp.Array(expressions=[times]))
    if dialect == "spark":
        return _call("array_repeat", item, times)
    if dialect == "trino":
        return _call("repeat", item, times)
    index = exp.to_identifier("_n")
    if dialect == "snowflake":
        every = _call("ARRAY_GENERATE_RANGE", exp.Literal.number(0), times)
        return _call("TRANSFORM", every, exp.Lambda(this=item, expressions=[index]))
    numbers = _call("GENERATE_ARRAY", exp.Literal.number(1), times)
    rows = exp.select(item).from_(exp.Unnest(expressions=[numbers]))
    return exp.Array(expressions=[rows])


def concat(arrays: Sequence[exp.Expr]) -> exp.Expr:
    """The arrays one after the other (sqlglot writes it per dialect)."""
    if len(arrays) == 1:
        return arrays[0]
    return exp.ArrayConcat(this=arrays[0], expressions=list(arrays[1:]))


# --- small pieces of queries ---------------------------------------------------------------


def col(name: str) -> exp.Column:
    """A column, quoted."""
    return exp.column(name, quoted=True)


def string(value: str) -> exp.Literal:
    """A text literal."""
    return exp.Literal.string(value)


def typed_null(kind: str = "double") -> exp.Expr:
    """NULL of a type, so that every branch of a UNION agrees on it."""
    return exp.Cast(this=exp.Null(), to=exp.DataType.build(kind))


def when(condition: exp.Expr, then: exp.Expr) -> exp.Case:
    """``CASE WHEN condition THEN then END`` (NULL otherwise)."""
    return exp.Case(ifs=[exp.If(this=condition, true=then)])


def is_null(node: exp.Expr) -> exp.Expr:
    return exp.Is(this=node, expression=exp.Null())


def not_null(node: exp.Expr) -> exp.Expr:
    return exp.Not(this=is_null(node))


def all_of(conditions: Sequence[exp.Expr]) -> exp.Expr:
    """Every condition (TRUE for none)."""
    return exp.and_(*conditions) if conditions else exp.true()


def aliased(node: exp.Expr, name: str) -> exp.Expr:
    """``node AS "name"``."""
    return exp.alias_(node, name, quoted=True)


def classify(scale: Scale, value: exp.Expr) -> exp.Expr:
    """The label of the band ``value`` falls in, NULL if none: each lower cut is read ``>=`` or
    ``>`` as the scale says (:meth:`~iku.Scale.includes`)."""
    ifs = []
    default: exp.Expr = typed_null("text")
    for lower, inclusive, label in scale.cuts:
        if lower == math.inf:  # holds no finite value: no value of a query falls in it
            continue
        if lower == -math.inf:
            default = exp.Case(
                ifs=[exp.If(this=not_null(value.copy()), true=string(label))],
                default=typed_null("text"),
            )
            break
        reached = exp.GTE if inclusive else exp.GT
        ifs.append(
            exp.If(this=reached(this=value.copy(), expression=number(lower)), true=string(label))
        )
    if not ifs:
        return default
    return exp.Case(ifs=ifs, default=default)


def period_literal(period: object) -> exp.Expr:
    """The ``period=`` argument as a constant of the query."""
    if period is None:
        return typed_null("bigint")
    if isinstance(period, bool):
        return string(str(period))
    if isinstance(period, int):
        return exp.Literal.number(period)
    return string(str(period))
