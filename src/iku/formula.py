"""Safe formulas: text to sympy and back, and the denominators a formula divides by.

A formula in a set file is text written by a person, so it is parsed without ``eval``: the text
is read by :mod:`ast` and only a small whitelist of nodes is turned into sympy objects, numbers,
declared variable names, ``+ - * / **``, unary minus, parentheses and the functions ``min``,
``max`` and ``abs``. Everything else is a :class:`~iku.errors.FormulaError` naming the part and
its column.

sympy simplifies as it builds (``x / x`` is ``1``), which would hide a denominator. So the
denominators are collected from the formula *as written* and kept beside the expression: each of
them is checked for zero before anything is divided.

>>> parse_formula("psks_diberdayakan / psks * 100", ["psks_diberdayakan", "psks"])
100*psks_diberdayakan/psks
>>> parse_formula("a / a", ["a"])
1
>>> denominators("a / a", ["a"])
(a,)
"""

from __future__ import annotations

import ast
import decimal
import functools
import keyword
import math
import re
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, cast

import attrs
import sympy
from sympy.printing.precedence import precedence
from sympy.printing.str import StrPrinter

from iku.errors import FormulaError

if TYPE_CHECKING:
    from iku.model import Variable

__all__ = [
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "Formula",
    "check_expression",
    "denominators",
    "formula_to_text",
    "is_identifier",
    "parse_formula",
    "split_fraction",
]

MAX_LENGTH: Final = 2_000
"""Longest formula text accepted, in characters."""
MAX_DEPTH: Final = 40
"""Deepest nesting of operations accepted."""
MAX_EXPONENT: Final = 16
"""Largest absolute exponent accepted after ``**``."""
_MAX_MAGNITUDE: Final = 15
"""A number literal must lie within 1e-15 .. 1e15 (or be zero)."""
MAX_DIGITS: Final = 300
"""Largest number a formula may compute with, in decimal digits (of its numerator or its
denominator): a float holds no more than about 1e308. A power of numbers is refused *before*
it is computed when its result would be larger, so ``(((10**15)**16)**16)**16`` costs nothing."""
_LOG10_2: Final = math.log10(2)
_AMBIGUOUS: Final = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
"""A literal that reads as thousands to an Indonesian reader: ``1.500`` is 1.5 or 1500."""

FUNCTIONS: Final[dict[str, tuple[Callable[..., sympy.Expr], int, int | None]]] = {
    "min": (sympy.Min, 2, None),
    "max": (sympy.Max, 2, None),
    "abs": (sympy.Abs, 1, 1),
}
"""Functions a formula may call: name -> (sympy function, least and most arguments)."""

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def is_identifier(code: str) -> bool:
    """True when ``code`` can name a variable in a formula (a Python identifier, not a keyword
    nor a function name)."""
    return bool(_IDENTIFIER.match(code)) and not keyword.iskeyword(code) and code not in FUNCTIONS


@attrs.frozen
class Formula:
    """A parsed formula: the sympy expression, the authored text and the denominators as written."""

    expr: sympy.Expr
    text: str
    denominators: tuple[sympy.Expr, ...]
    names: tuple[str, ...]
    """Variable names in the order they first appear in the text."""


def parse_formula(text: str, variables: Iterable[Variable | str] | None) -> sympy.Expr:
    """Parse formula text into a sympy expression, accepting only declared variables.

    ``variables`` is an iterable of :class:`~iku.Variable` or of variable codes; ``None``
    accepts any identifier (used before a set declares its variables).

    >>> parse_formula("max(a - b, 0) ** 2", ["a", "b"])
    Max(0, a - b)**2
    >>> parse_formula("a + c", ["a", "b"])
    Traceback (most recent call last):
    ...
    iku.errors.FormulaError: unknown variable 'c' at column 5 of 'a + c'
    """
    return parse(text, variables).expr


def denominators(
    formula: str | sympy.Expr, variables: Iterable[Variable | str] | None = None
) -> tuple[sympy.Expr, ...]:
    """Every non-constant expression that ``formula`` divides by, as written.

    For text, the denominators are those of the text; for an expression, those sympy kept
    (``Pow`` with a negative exponent).
    """
    if isinstance(formula, str):
        return parse(formula, variables).denominators
    found: list[sympy.Expr] = []
    for node in sympy.preorder_traversal(formula):
        if isinstance(node, sympy.Pow) and node.exp.is_number and node.exp.is_negative:
            base = node.base if node.exp == -1 else node.base ** (-node.exp)
            if not base.is_number and base not in found:
                found.append(base)
    return tuple(found)


def parse(text: str, variables: Iterable[Variable | str] | None = None) -> Formula:
    """Parse ``text`` into a :class:`Formula`; see :func:`parse_formula`."""
    if not isinstance(cast(object, text), str):
        msg = f"a formula must be text, not {type(text).__name__}"
        raise FormulaError(msg, text=repr(text))
    if isinstance(variables, str) or not isinstance(variables, Iterable | None):
        msg = f"variables must be a list of Variables or codes, not {type(variables).__name__}"
        raise FormulaError(msg, text=text)
    allowed = None if variables is None else frozenset(_code(v) for v in variables)
    return _parse_cached(text, allowed)


def _code(variable: Variable | str) -> str:
    if isinstance(variable, str):
        return variable
    code = getattr(variable, "code", None)
    if not isinstance(code, str):
        msg = f"variables must be Variables or codes, not {type(variable).__name__}"
        raise FormulaError(msg, text=repr(variable))
    return code


@functools.lru_cache(maxsize=1024)
def _parse_cached(text: str, allowed: frozenset[str] | None) -> Formula:
    if len(text) > MAX_LENGTH:
        msg = f"formula is {len(text)} characters long, more than the limit of {MAX_LENGTH}"
        raise FormulaError(msg, text=text[:80] + "...", part=text[MAX_LENGTH:][:20], column=0)
    if not text.strip():
        raise FormulaError("formula is empty", text=text)
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as error:
        stripped = text.strip()
        column = error.offset or len(stripped) + 1  # Python gives 0 when the text ends too soon
        where = f"column {column}" if error.offset else "the end"
        msg = f"not a formula: {error.msg} at {where} of {text!r}"
        raise FormulaError(
            msg, text=text, part=text[max(column - 1, 0) :][:20], column=column
        ) from None
    except (ValueError, RecursionError, MemoryError) as error:
        msg = f"not a formula: {error} in {text!r}"
        raise FormulaError(msg, text=text) from None
    builder = _Builder(text.strip(), allowed)
    expr = builder.build(tree.body, depth=0)
    if builder.digits > MAX_DIGITS and _digits(expr) > MAX_DIGITS:  # many large numbers
        msg = (
            f"a number of {text.strip()!r} has more than {MAX_DIGITS} digits, more than a "
            "formula may compute with"
        )
        raise FormulaError(msg, text=text)
    return Formula(expr, text.strip(), tuple(builder.denominators), tuple(builder.names))


def _digits(expr: sympy.Expr) -> float:
    """The most decimal digits of any rational number in ``expr`` (numerator or denominator),
    from bit lengths: cheap, whatever the size of the numbers."""
    most = 0
    for number in expr.atoms(sympy.Rational):
        bits = max(int(number.p).bit_length(), int(number.q).bit_length())
        most = max(most, bits)
    return most * _LOG10_2


def _powers(expr: sympy.Expr) -> list[sympy.Pow]:
    """The powers of ``expr`` with a numeric exponent."""
    return [p for p in expr.atoms(sympy.Pow) if p.exp.is_Number]


class _Builder:
    """Walks a Python ``ast`` and builds the sympy expression, refusing anything not whitelisted."""

    def __init__(self, text: str, allowed: frozenset[str] | None) -> None:
        self.text = text
        self.allowed = allowed
        self.denominators: list[sympy.Expr] = []
        self.names: list[str] = []
        self.line = None if "\n" in text else text.encode()  # ast's offsets count UTF-8 bytes
        self.digits = 0.0
        """Most digits the numbers of the result can have: the sum over literals (a product
        of them has no more), or more once a power of numbers was computed."""

    def segment(self, node: ast.AST) -> str | None:
        """The text of ``node`` (``ast.get_source_segment`` splits the text into lines on
        every call; a formula of one line is sliced)."""
        if self.line is None:
            return ast.get_source_segment(self.text, node)
        start, end = getattr(node, "col_offset", None), getattr(node, "end_col_offset", None)
        return None if start is None or end is None else self.line[start:end].decode()

    def fail(self, node: ast.AST, what: str) -> FormulaError:
        column = getattr(node, "col_offset", -1) + 1
        part = ast.get_source_segment(self.text, node) or ""
        msg = f"{what} at column {column} of {self.text!r}"
        return FormulaError(msg, text=self.text, part=part, column=column)

    def build(self, node: ast.expr, depth: int) -> sympy.Expr:
        if depth > MAX_DEPTH:
            raise self.fail(node, f"formula nests deeper than {MAX_DEPTH} levels")
        match node:
            case ast.Constant(value=bool() | None | str() | bytes() | complex()):
                raise self.fail(node, f"{node.value!r} is not a number")
            case ast.Constant(value=int() | float()):
                return self.number(node)
            case ast.Name(id=name):
                return self.name(node, name)
            case ast.UnaryOp(op=ast.USub(), operand=operand):
                return -self.build(operand, depth + 1)
            case ast.UnaryOp(op=ast.UAdd(), operand=operand):
                return self.build(operand, depth + 1)
            case ast.BinOp(left=left, op=op, right=right):
                return self.binary(node, left, op, right, depth)
            case ast.Call(func=ast.Name(id=name), args=args, keywords=[]) if name in FUNCTIONS:
                return self.call(node, name, args, depth)
            case ast.Call(func=ast.Name(id=name)):
                known = ", ".join(FUNCTIONS)
                raise self.fail(node, f"function {name!r} is not allowed (only {known})")
            case _:
                part = ast.get_source_segment(self.text, node) or type(node).__name__
                raise self.fail(node, f"{part!r} is not allowed in a formula")

    def number(self, node: ast.Constant) -> sympy.Expr:
        literal = self.segment(node) or repr(node.value)
        if _AMBIGUOUS.fullmatch(literal):
            decimal_reading = literal.rstrip("0").rstrip(".")
            thousands = literal.replace(".", "")
            raise self.fail(
                node,
                f"number {literal} could be read as {decimal_reading} or as {thousands} "
                f"(dots for thousands): write {decimal_reading}, or {thousands} without dots",
            )
        try:
            value = decimal.Decimal(literal.replace("_", ""))
        except decimal.InvalidOperation:
            raise self.fail(node, f"{literal!r} is not a decimal number") from None
        if not value.is_finite() or (value and abs(value.adjusted()) > _MAX_MAGNITUDE):
            raise self.fail(node, f"number {literal!r} is too large or too small")
        fraction = Fraction(value)
        self.digits += 1 + max(abs(value.adjusted()), len(value.as_tuple().digits))
        return sympy.Rational(fraction.numerator, fraction.denominator)

    def name(self, node: ast.Name, name: str) -> sympy.Expr:
        if name in FUNCTIONS:
            raise self.fail(node, f"{name!r} is a function and needs arguments")
        if self.allowed is not None and name not in self.allowed:
            raise self.fail(node, f"unknown variable {name!r}")
        if name not in self.names:
            self.names.append(name)
        return sympy.Symbol(name)

    def binary(
        self, node: ast.BinOp, left: ast.expr, op: ast.operator, right: ast.expr, depth: int
    ) -> sympy.Expr:
        a = self.build(left, depth + 1)
        if isinstance(op, ast.Pow):
            return self.power(node, a, right, depth)
        b = self.build(right, depth + 1)
        match op:
            case ast.Add():
                return a + b
            case ast.Sub():
                return a - b
            case ast.Mult():
                return a * b
            case ast.Div():
                if b.is_number:
                    if b == 0:
                        raise self.fail(right, "division by zero")
                elif b not in self.denominators:
                    self.denominators.append(b)
                return a / b
        symbol = ast.get_source_segment(self.text, node) or type(op).__name__
        raise self.fail(node, f"operator in {symbol!r} is not allowed (only + - * / **)")

    def power(self, node: ast.BinOp, base: sympy.Expr, right: ast.expr, depth: int) -> sympy.Expr:
        exponent = self.build(right, depth + 1)
        if not exponent.is_number:
            raise self.fail(right, "an exponent must be a number, not a variable")
        if abs(exponent) > MAX_EXPONENT:
            raise self.fail(right, f"exponent {exponent} is larger than {MAX_EXPONENT}")
        if base.is_number and base == 0 and exponent.is_negative:
            raise self.fail(node, "division by zero")
        if base.is_number and base.is_negative and not exponent.is_Integer:
            raise self.fail(node, "a negative number to a fractional power is not a real number")
        # sympy computes a power of numbers at once, and multiplies nested exponents: bound the
        # size of the result before it exists, not only each exponent.
        digits = _digits(base) * float(abs(exponent))
        if digits > MAX_DIGITS:
            raise self.fail(
                node,
                f"the result would have about {digits:,.0f} digits, more than the "
                f"{MAX_DIGITS} a number of a formula may have",
            )
        if exponent.is_negative and not base.is_number and base not in self.denominators:
            self.denominators.append(base)
        if base.is_number:
            self.digits = math.inf  # the next check counts the digits the power gave
        result = base**exponent
        for power in _powers(result):
            if abs(power.exp) > MAX_EXPONENT:
                raise self.fail(
                    node,
                    f"{formula_to_text(power.base)} is raised to {power.exp} in all, more than "
                    f"{MAX_EXPONENT}",
                )
        return result

    def call(self, node: ast.Call, name: str, args: list[ast.expr], depth: int) -> sympy.Expr:
        function, least, most = FUNCTIONS[name]
        if any(isinstance(arg, ast.Starred) for arg in args):
            raise self.fail(node, f"{name}() takes plain arguments")
        if len(args) < least or (most is not None and len(args) > most):
            count = f"{least}" if least == most else f"at least {least}"
            raise self.fail(node, f"{name}() takes {count} argument(s), not {len(args)}")
        return function(*(self.build(arg, depth + 1) for arg in args))


_SUPPORTED: Final = (sympy.Symbol, sympy.Add, sympy.Mul, sympy.Pow, sympy.Min, sympy.Max, sympy.Abs)


def check_expression(expr: Any, what: str = "formula") -> sympy.Expr:
    """Return ``expr`` as a sympy expression of supported parts, or raise :class:`FormulaError`.

    Accepts a sympy expression, a :class:`~iku.Variable`, an int or float (a float becomes the
    exact rational of its 15-digit decimal, so printing and parsing again give it back).
    """
    symbol = getattr(expr, "symbol", None)  # a Variable (the model imports this module)
    if isinstance(symbol, sympy.Symbol) and not isinstance(expr, sympy.Basic):
        return symbol
    if isinstance(expr, bool) or not isinstance(expr, int | float | sympy.Basic):
        msg = (
            f"{what} must be a sympy expression, a Variable or a number, not {type(expr).__name__}"
        )
        raise FormulaError(msg, text=repr(expr))
    if isinstance(expr, int | float):
        expr = sympy.Float(expr) if isinstance(expr, float) else sympy.Integer(expr)
    if not isinstance(expr, sympy.Expr):
        msg = f"{what} must be an expression, not {type(expr).__name__}"
        raise FormulaError(msg, text=str(expr))
    floats = {f: _rational(f, what) for f in expr.atoms(sympy.Float)}
    if floats:
        expr = expr.xreplace(floats)
    for node in sympy.preorder_traversal(expr):
        if isinstance(node, sympy.Number):
            if not (node.is_Rational and node.is_finite):
                msg = f"{what} contains {node}, which is not a finite number"
                raise FormulaError(msg, text=str(expr), part=str(node))
        elif not isinstance(node, _SUPPORTED):
            msg = f"{what} uses {type(node).__name__}, which iku cannot evaluate"
            raise FormulaError(msg, text=str(expr), part=str(node))
        elif isinstance(node, sympy.Symbol) and not is_identifier(node.name):
            msg = f"{what} uses the symbol {node.name!r}, which is not a valid variable code"
            raise FormulaError(msg, text=str(expr), part=node.name)
        elif isinstance(node, sympy.Pow) and not node.exp.is_Rational:
            msg = f"{what} raises to {node.exp}: an exponent must be a number"
            raise FormulaError(msg, text=str(expr), part=str(node))
    # sympy's automatic evaluation depends on the order things were built in (Abs(Abs(2*a)) stays
    # nested, abs(abs(a)) does not): reading the printed text back gives the canonical form, the
    # one a set file would give.
    return parse(formula_to_text(expr)).expr


def _rational(number: sympy.Float, what: str) -> sympy.Rational:
    value = float(number)
    if value != value or value in (float("inf"), float("-inf")):
        msg = f"{what} contains {value}, which is not a finite number"
        raise FormulaError(msg, text=str(number))
    return sympy.Rational(repr(value))


def split_fraction(expr: sympy.Expr) -> tuple[list[sympy.Expr], list[sympy.Expr]]:
    """The factors of a product above and below the line, as iku divides: the numpy kernels and
    the SQL printer both compute ``(product of the top) / (product of the bottom)``, in this
    order, so that both round the same way. A rational coefficient ``p/q`` puts ``p`` on top
    and ``q`` first below; a negative power goes below as its positive power.

    >>> a, b, c = sympy.symbols("a b c")
    >>> split_fraction(3 * a / (4 * b * c**2))
    ([3, a], [4, b, c**2])
    >>> split_fraction(a + b)
    ([a + b], [])
    """
    top: list[sympy.Expr] = []
    bottom: list[sympy.Expr] = []
    for factor in expr.args if isinstance(expr, sympy.Mul) else (expr,):
        if isinstance(factor, sympy.Pow) and factor.exp.is_negative:
            bottom.append(factor.base if factor.exp == -1 else factor.base ** (-factor.exp))
        elif factor.is_Rational and factor.q != 1:
            if factor.p != 1:
                top.append(sympy.Integer(factor.p))
            bottom.insert(0, sympy.Integer(factor.q))
        else:
            top.append(factor)
    return top, bottom


class _FormulaPrinter(StrPrinter):  # type: ignore[misc]
    """Prints an expression as text that :func:`parse_formula` reads back to the same expression."""

    def _print_Min(self, expr: sympy.Min) -> str:
        return "min({})".format(", ".join(self._print(a) for a in expr.args))

    def _print_Max(self, expr: sympy.Max) -> str:
        return "max({})".format(", ".join(self._print(a) for a in expr.args))

    def _print_Abs(self, expr: sympy.Abs) -> str:
        return f"abs({self._print(expr.args[0])})"

    def _print_Pow(self, expr: sympy.Pow, rational: bool = False) -> str:
        if expr.exp.is_Rational and not expr.exp.is_Integer:
            base = self.parenthesize(expr.base, 1000)  # always bracket a non-atom base
            return f"{base}**({self._print(expr.exp)})"
        return str(super()._print_Pow(expr, rational=rational))

    def _print_Rational(self, expr: sympy.Rational) -> str:
        if expr.q == 1:
            return str(expr.p)
        return _decimal(expr) or f"{expr.p}/{expr.q}"

    def _print_Mul(self, expr: sympy.Mul) -> str:
        coeff, rest = expr.as_coeff_Mul()
        if coeff.is_Rational and coeff.q != 1 and rest != 1 and (text := _decimal(abs(coeff))):
            sign = "-" if coeff < 0 else ""
            return f"{sign}{text}*{self.parenthesize(rest, precedence(expr))}"
        return str(super()._print_Mul(expr))


def _decimal(number: sympy.Rational) -> str | None:
    """``number`` as a short decimal (``0.24``) when it has one, else ``None``."""
    q = int(number.q)
    for prime in (2, 5):
        while q % prime == 0:
            q //= prime
    if q != 1:
        return None
    text = format(decimal.Decimal(int(number.p)) / decimal.Decimal(int(number.q)), "f")
    # 2.125 would read as thousands to an Indonesian reader, and the parser refuses it: 17/8
    return text if len(text) <= 20 and not _AMBIGUOUS.fullmatch(text.lstrip("-")) else None


_PRINTER = _FormulaPrinter({"order": "none"})


def formula_to_text(expr: sympy.Expr) -> str:
    """Print ``expr`` as formula text; :func:`parse_formula` reads it back to an equal expression.

    >>> a, b = sympy.symbols("a b")
    >>> formula_to_text(a / b * 100)
    '100*a/b'
    >>> formula_to_text(sympy.Max(a - b, 0) / 2)
    '0.5*max(0, a - b)'
    """
    return str(_PRINTER.doprint(expr))
