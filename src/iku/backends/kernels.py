"""Formulas compiled into Python closures: one for a single value (floats), one for columns (numpy).

Each indicator is compiled once, by walking its sympy tree (no ``lambdify``, no generated source):
a symbol becomes an item lookup, a sum a chain of ``+``, a product a chain of ``*`` over its
numerator divided by the chain over its denominator, and so on. The same walk builds both
closures with the same operations in the same order, so a value computed from one mapping and
the same value computed in a column of a million rows are the same float, bit for bit.

>>> from iku import Ratio, Variable
>>> k = kernel(Ratio("R", "r", Variable("a", "a"), Variable("b", "b")))
>>> k.numerator.scalar({"a": 3.0, "b": 4.0}), k.factor
(3.0, 100.0)
>>> import numpy as np
>>> k.denominator.array({"a": np.array([1.0]), "b": np.array([2.0])})
array([2.])
"""

from __future__ import annotations

import bisect
import functools
import math
import operator
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

import sympy

from iku.errors import FormulaError
from iku.formula import formula_to_text, split_fraction
from iku.model import Index, Indicator, Ratio
from iku.scales import Polarity, Scale

if TYPE_CHECKING:  # numpy is imported on first use of an array closure: `import iku` stays light
    import numpy as np
    import numpy.typing as npt

__all__ = ["Bands", "Kernel", "Part", "bands", "compile_array", "compile_scalar", "kernel"]

Env = Mapping[str, Any]
"""Variable code -> a float (scalar closures) or a float64 array (array closures)."""
Fn = Callable[[Env], Any]
"""A compiled expression: takes an environment, gives a float or an array."""


def _sdiv(a: float, b: float) -> float:
    try:
        return a / b
    except ZeroDivisionError:  # what numpy gives: a signed infinity, or NaN for 0 / 0
        if a != a or a == 0:
            return math.nan
        return math.copysign(math.inf, a) * math.copysign(1.0, b)


def _spow(base: float, exponent: float) -> float:
    # Only fractional exponents come here (whole ones are products). numpy's power and libm's pow
    # differ in the last bit for about one value in twenty, so a single value goes through numpy
    # too: the one-unit and the table kernels must give the same floats.
    import numpy as np

    with np.errstate(all="ignore"):
        return float(np.power(base, exponent))


def _smin(a: float, b: float) -> float:
    if a != a or b != b:  # NaN propagates, as numpy.minimum does
        return math.nan
    return a if a <= b else b


def _smax(a: float, b: float) -> float:
    if a != a or b != b:
        return math.nan
    return a if a >= b else b


class _Ops:
    """How the closures divide, raise to a power, take min, max and abs: for floats or arrays."""

    __slots__ = ("abs", "div", "max", "min", "pow")

    def __init__(
        self,
        div: Callable[[Any, Any], Any],
        power: Callable[[Any, float], Any],
        low: Callable[[Any, Any], Any],
        high: Callable[[Any, Any], Any],
        absolute: Callable[[Any], Any],
    ) -> None:
        self.div, self.pow, self.min, self.max, self.abs = div, power, low, high, absolute


_SCALAR: Final = _Ops(_sdiv, _spow, _smin, _smax, abs)


@functools.cache
def _array_ops() -> _Ops:
    import numpy as np

    return _Ops(operator.truediv, np.power, np.minimum, np.maximum, np.abs)


def compile_scalar(expr: sympy.Expr) -> Fn:
    """A closure computing ``expr`` from a mapping of variable code to float."""
    return _compile(expr, _SCALAR)


def compile_array(expr: sympy.Expr) -> Fn:
    """A closure computing ``expr`` from a mapping of variable code to float64 array.

    Call it under ``numpy.errstate(divide="ignore", invalid="ignore", over="ignore")``: a
    division by zero is found beforehand by the caller and an overflow afterwards.
    """
    return _compile(expr, _array_ops())


def _constant(value: float) -> Fn:
    return lambda env: value


def _chain(parts: Sequence[Fn], op: Callable[[Any, Any], Any]) -> Fn:
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        first, second = parts
        return lambda env: op(first(env), second(env))

    def chained(env: Env) -> Any:
        acc = parts[0](env)
        for part in parts[1:]:
            acc = op(acc, part(env))
        return acc

    return chained


def _compile(expr: sympy.Expr, ops: _Ops) -> Fn:
    if isinstance(expr, sympy.Symbol):
        return operator.itemgetter(expr.name)
    if expr.is_Number:
        return _constant(float(expr))
    if isinstance(expr, sympy.Add):
        return _chain([_compile(arg, ops) for arg in expr.args], operator.add)
    if isinstance(expr, sympy.Mul | sympy.Pow):
        top, bottom = split_fraction(expr)
        if bottom:
            return _fraction(top, bottom, ops)
    if isinstance(expr, sympy.Mul):
        return _chain([_compile(arg, ops) for arg in expr.args], operator.mul)
    if isinstance(expr, sympy.Pow) and expr.exp.is_Integer and expr.exp > 0:
        # Repeated products: numpy's power and libm's pow may differ in the last bit, and
        # the scalar and array kernels must give the same floats.
        return _chain([_compile(expr.base, ops)] * int(expr.exp), operator.mul)
    if isinstance(expr, sympy.Pow):
        base, exponent, power = _compile(expr.base, ops), float(expr.exp), ops.pow
        return lambda env: power(base(env), exponent)
    if isinstance(expr, sympy.Min | sympy.Max):
        op = ops.min if isinstance(expr, sympy.Min) else ops.max
        return _chain([_compile(arg, ops) for arg in expr.args], op)
    if isinstance(expr, sympy.Abs):
        inner, absolute = _compile(expr.args[0], ops), ops.abs
        return lambda env: absolute(inner(env))
    msg = f"cannot compute {type(expr).__name__} in {expr}"
    raise FormulaError(msg, text=str(expr))


def _fraction(top: Sequence[sympy.Expr], bottom: Sequence[sympy.Expr], ops: _Ops) -> Fn:
    """A product with divisors (see :func:`iku.formula.split_fraction`), computed as
    (product of the top) / (product of the bottom)."""
    numerator = _chain([_compile(f, ops) for f in top], operator.mul) if top else _constant(1.0)
    denominator = _chain([_compile(f, ops) for f in bottom], operator.mul)
    divide = ops.div
    return lambda env: divide(numerator(env), denominator(env))


class Part:
    """One compiled expression of an indicator: a numerator, a denominator, the formula.

    ``scalar`` is compiled at once; ``array`` on first use (it needs numpy).
    """

    __slots__ = ("_array", "expr", "scalar", "symbol", "text", "variables")

    def __init__(self, expr: sympy.Expr, text: str | None = None) -> None:
        self.expr = expr
        self.text: str = text if text is not None else formula_to_text(expr)
        """The expression as formula text (what messages show)."""
        self.variables: tuple[str, ...] = tuple(sorted(s.name for s in expr.free_symbols))
        self.symbol: str | None = expr.name if isinstance(expr, sympy.Symbol) else None
        """The variable code when the expression is a single variable."""
        self.scalar: Fn = compile_scalar(expr)
        self._array: Fn | None = None

    @classmethod
    def of(cls, expr: sympy.Expr, text: str | None = None) -> Part:
        """Compile ``expr`` (its text defaults to the printed expression)."""
        return cls(expr, text)

    @property
    def array(self) -> Fn:
        """The closure over columns."""
        if self._array is None:
            self._array = compile_array(self.expr)
        return self._array

    def __repr__(self) -> str:
        return f"Part({self.text!r})"


class Bands:
    """A :class:`~iku.Scale` ready for columns: ``codes(x)`` is the band index of each number
    (the position in ``scale.bands``, highest band first), -1 where there is none."""

    __slots__ = ("cuts", "inclusive", "lut", "scale")

    def __init__(
        self, scale: Scale, cuts: npt.NDArray[np.float64], lut: npt.NDArray[np.int8]
    ) -> None:
        self.scale, self.cuts, self.lut = scale, cuts, lut
        self.inclusive = tuple(inclusive for _, inclusive, _ in reversed(scale.cuts))
        """Per cut (ascending): whether it is read ``>=`` (true) or ``>``."""

    @classmethod
    def of(cls, scale: Scale) -> Bands:
        """Prepare ``scale``."""
        import numpy as np

        cuts = np.array([band.lower for band in reversed(scale.bands)], dtype=np.float64)
        count = len(scale.bands)
        lut = np.array([-1, *range(count - 1, -1, -1)], dtype=np.int8)
        return cls(scale, cuts, lut)

    def codes(self, x: npt.NDArray[np.float64]) -> npt.NDArray[np.int8]:
        """Band index of each value of ``x``; -1 for NaN and for values below the lowest cut."""
        import numpy as np

        count = len(self.scale.bands)
        if count > 100 and all(self.inclusive):  # many bands: a binary search per value
            codes: npt.NDArray[np.int8] = self.lut[np.searchsorted(self.cuts, x, side="right")]
        else:  # few bands: count the cuts each value reaches, one comparison per cut
            finite = [
                (cut, inclusive)
                for cut, inclusive in zip(self.cuts.tolist(), self.inclusive, strict=True)
                if cut > -math.inf
            ]
            reached = np.zeros(len(x), dtype=np.int16)
            for cut, inclusive in finite:
                reach = np.greater_equal if inclusive else np.greater
                reached += reach(x, cut).view(np.int8)
            floor = len(finite) < count  # the lowest band runs down to -inf
            codes = (count - int(floor) - reached).astype(np.int8)
            if not floor:
                codes[codes == count] = -1  # below the lowest cut
        if len(x) and np.isnan(x.max()):  # NaN reaches no cut, yet has no band
            codes[np.isnan(x)] = -1
        return codes

    def label(self, code: int) -> str | None:
        """The label of one band index (None for -1)."""
        return self.scale.bands[code].label if code >= 0 else None

    def __reduce__(self) -> tuple[Any, ...]:
        return (bands, (self.scale,))


class Kernel:
    """Everything needed to compute one indicator, compiled once (see :func:`kernel`).

    ``denominators`` holds every denominator of the formula as written (each is checked for
    zero before dividing); ``other_denominators`` those besides a ratio's own, which is
    computed anyway; ``checks_denominator`` says whether a ratio's own is among them (it is not
    when it is a constant). ``classify`` is ``categories.classify``, made faster.
    """

    __slots__ = (
        "_bands",
        "categories",
        "checks_denominator",
        "classify",
        "classify_grade",
        "code",
        "denominator",
        "denominators",
        "factor",
        "formula",
        "grades",
        "higher",
        "indicator",
        "kind",
        "numerator",
        "other_denominators",
        "proportion",
        "scale",
        "variables",
    )

    def __init__(
        self,
        indicator: Indicator,
        *,
        formula: Part,
        numerator: Part | None,
        denominator: Part | None,
        factor: float,
        proportion: bool,
        denominators: tuple[Part, ...],
    ) -> None:
        self.indicator = indicator
        self.code: str = indicator.code
        self.kind: str = indicator.kind
        self.variables: tuple[str, ...] = indicator.variables
        self.formula, self.numerator, self.denominator = formula, numerator, denominator
        self.factor, self.proportion, self.denominators = factor, proportion, denominators
        self.scale: tuple[float, float] | None = (
            indicator.bounds if isinstance(indicator, Index) else None
        )
        self.higher: bool = indicator.polarity is Polarity.HIGHER_IS_BETTER
        self.categories: Scale = indicator.categories
        self.grades: Scale | None = indicator.grades if isinstance(indicator, Index) else None
        self.other_denominators = tuple(p for p in denominators if p is not denominator)
        self.checks_denominator = any(p is denominator for p in denominators)
        self.classify = _classifier(self.categories)
        self.classify_grade = None if self.grades is None else _classifier(self.grades)
        self._bands: tuple[Bands, Bands | None] | None = None

    def prepared_bands(self) -> tuple[Bands, Bands | None]:
        """``categories`` and ``grades`` (None when there are none) prepared for columns, once
        per kernel: hashing a scale on every use would cost more than classifying a few rows."""
        if self._bands is None:  # needs numpy: made on first use by a table
            grades = None if self.grades is None else bands(self.grades)
            self._bands = (bands(self.categories), grades)
        return self._bands

    @property
    def category_bands(self) -> Bands:
        """``categories`` prepared for columns."""
        return self.prepared_bands()[0]

    @property
    def grade_bands(self) -> Bands | None:
        """``grades`` prepared for columns, None when the indicator has none."""
        return self.prepared_bands()[1]

    def __repr__(self) -> str:
        return f"Kernel({self.code!r}, {self.formula.text!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # compiled closures do not pickle: a kernel is compiled again from its indicator
        return (kernel, (self.indicator,))


def _classifier(scale: Scale) -> Callable[[float | None], str | None]:
    """:meth:`Scale.classify` as one binary search over the cuts in ascending order: the number
    of cuts a value reaches (``>=`` or ``>``, as the scale reads them) names its band."""
    inclusive = {cut_inclusive for _, cut_inclusive, _ in scale.cuts}
    if len(inclusive) > 1:
        return scale.classify  # cuts read both ways: the scale's own, a little slower
    ascending = tuple(lower for lower, _, _ in reversed(scale.cuts))
    labels = (None, *(label for _, _, label in reversed(scale.cuts)))
    reached = bisect.bisect_right if inclusive == {True} else bisect.bisect_left

    def classify(value: float | None) -> str | None:
        if value is None or value != value:
            return None
        return labels[reached(ascending, value)]

    return classify


@functools.lru_cache(maxsize=1024)
def kernel(indicator: Indicator) -> Kernel:
    """The compiled kernel of ``indicator``: cached, so each indicator is compiled once."""
    numerator = denominator = None
    factor, proportion = 1.0, False
    if isinstance(indicator, Ratio):
        numerator = Part.of(indicator.numerator, indicator.numerator_text)
        denominator = Part.of(indicator.denominator, indicator.denominator_text)
        factor, proportion = float(indicator.factor), indicator.proportion
    parts = []
    for expr in indicator.denominators:
        if denominator is not None and expr == indicator.denominator:  # type: ignore[attr-defined]
            parts.append(denominator)
        else:
            parts.append(Part.of(expr))
    return Kernel(
        indicator,
        formula=Part.of(indicator.formula, indicator.formula_text),
        numerator=numerator,
        denominator=denominator,
        factor=factor,
        proportion=proportion,
        denominators=tuple(parts),
    )


@functools.lru_cache(maxsize=64)
def bands(scale: Scale) -> Bands:
    """``scale`` prepared for columns (cached)."""
    return Bands.of(scale)
