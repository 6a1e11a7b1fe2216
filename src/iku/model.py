"""The nouns: variables, indicators (general, ratio, index), sasaran and indicator sets.

Every noun is a frozen :mod:`attrs` value, checked when it is made: an invalid indicator or set
cannot exist. Arithmetic on a :class:`Variable` builds a sympy expression, so formulas read as
they are written in a decree:

>>> dilindungi = Variable("pmks_dilindungi", "Jumlah PMKS yang mendapatkan perlindungan")
>>> perlu = Variable("pmks_perlu_perlindungan", "Jumlah PMKS yang memerlukan perlindungan")
>>> iku1 = Ratio("IKU-1", "Persentase PMKS terlindungi", dilindungi, perlu)
>>> iku1.formula
100*pmks_dilindungi/pmks_perlu_perlindungan
>>> iku1.variables
('pmks_dilindungi', 'pmks_perlu_perlindungan')
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import inspect
import math
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Final, TypeAlias, TypedDict, TypeVar, Unpack, cast

import attrs
import sympy

from iku.duplicates import repeated
from iku.errors import ArgumentError, DefinitionError, FormulaError, UnknownCodeError
from iku.formula import Formula, check_expression, formula_to_text, is_identifier, parse
from iku.links import SET_ID, link_problem
from iku.scales import PREDIKAT, Polarity, Rules, Scale

T = TypeVar("T")

__all__ = [
    "Accumulation",
    "Aggregation",
    "Index",
    "Indicator",
    "IndicatorOptions",
    "IndicatorSet",
    "Polarity",
    "Ratio",
    "Sasaran",
    "Source",
    "Variable",
    "VariableKind",
]


class VariableKind(enum.StrEnum):
    """What values a variable holds."""

    COUNT = "count"
    """A non-negative whole number (people, cases, families)."""
    AMOUNT = "amount"
    """A non-negative real number (rupiah, hectares)."""
    SCORE = "score"
    """A real number within a stated range (an index, a survey score)."""
    REAL = "real"
    """Any real number."""


class Aggregation(enum.StrEnum):
    """How a variable combines across units when rows are grouped."""

    SUM = "sum"
    MEAN = "mean"
    MIN = "min"
    MAX = "max"


class Accumulation(enum.StrEnum):
    """How a variable's year-to-date value is formed from the parts of a year (quarters, months).

    A flow (cases handled, families served) adds up: ``SUM``. A stock (people registered, PSKS
    on the books) is what it is at the end: ``LAST``. A score may take the ``LAST`` value or the
    ``MEAN``; ``MAX`` and ``MIN`` are there for the rest. Unstated (``None`` on a
    :class:`Variable`), :func:`iku.yeartodate.accumulation_of` chooses by a documented rule and
    :func:`iku.monitor` says so in an issue.
    """

    SUM = "sum"
    LAST = "last"
    MEAN = "mean"
    MAX = "max"
    MIN = "min"


def _accumulation(value: object) -> Accumulation | None:
    if value is None or isinstance(value, Accumulation):
        return value
    if isinstance(value, str) and value in Accumulation.__members__.values():
        return Accumulation(value)
    listed = ", ".join(repr(str(a)) for a in Accumulation)
    msg = f"accumulation must be one of {listed} (or None: unstated), not {value!r}"
    raise DefinitionError(msg)


def _check_code(kind: str) -> Any:
    def check(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or not value.strip():
            msg = f"{kind} code must be non-empty text, got {value!r}"
            raise DefinitionError(msg)

    return check


def _check_variable_code(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not is_identifier(value):
        msg = (
            f"variable code {value!r} is not valid: use letters, digits and underscores, "
            "starting with a letter (for example 'pmks_dilindungi')"
        )
        raise DefinitionError(msg)


def _range(value: Sequence[float] | None) -> tuple[float, float] | None:
    if value is None:
        return None
    try:
        lo, hi = (float(x) for x in value)
    except (TypeError, ValueError):
        msg = f"a range is a pair (lo, hi) of numbers, not {value!r}"
        raise DefinitionError(msg) from None
    if not (math.isfinite(lo) and math.isfinite(hi)):
        msg = f"a range needs two finite numbers, got ({lo}, {hi})"
        raise DefinitionError(msg)
    if not lo < hi:
        msg = f"a range needs lo < hi, got ({lo}, {hi})"
        raise DefinitionError(msg)
    return (lo, hi)


@attrs.frozen
class Variable:
    """One data element an indicator is computed from: a column of a table, a key of a mapping.

    ``kind`` says which values are valid (see :class:`VariableKind`); ``range`` bounds a score;
    ``aggregation`` says how units combine when rows are grouped (sum for counts and amounts,
    mean for scores and reals, unless told otherwise). ``accumulation`` says how the parts of a
    year (quarters, months) form the year to date (see :class:`Accumulation`); None, the
    default, leaves it unstated, and :func:`iku.monitor` then applies its documented rule and
    says so.
    """

    code: str = attrs.field(validator=_check_variable_code)
    label: str
    label_en: str | None = attrs.field(default=None, kw_only=True)
    unit: str | None = attrs.field(default=None, kw_only=True)
    kind: VariableKind = attrs.field(
        default=VariableKind.COUNT, converter=VariableKind, kw_only=True
    )
    range: tuple[float, float] | None = attrs.field(default=None, converter=_range, kw_only=True)
    source: str | None = attrs.field(default=None, kw_only=True)
    aggregation: Aggregation = attrs.field(converter=Aggregation, kw_only=True)
    accumulation: Accumulation | None = attrs.field(
        default=None, converter=_accumulation, kw_only=True
    )

    @aggregation.default
    def _default_aggregation(self) -> Aggregation:
        if self.kind in (VariableKind.COUNT, VariableKind.AMOUNT):
            return Aggregation.SUM
        return Aggregation.MEAN

    @property
    def symbol(self) -> sympy.Symbol:
        """The sympy symbol that stands for this variable in formulas."""
        return sympy.Symbol(self.code)

    def _sympy_(self) -> sympy.Symbol:
        return self.symbol

    def __add__(self, other: Any) -> sympy.Expr:
        return self.symbol + _operand(other)

    def __radd__(self, other: Any) -> sympy.Expr:
        return _operand(other) + self.symbol

    def __sub__(self, other: Any) -> sympy.Expr:
        return self.symbol - _operand(other)

    def __rsub__(self, other: Any) -> sympy.Expr:
        return _operand(other) - self.symbol

    def __mul__(self, other: Any) -> sympy.Expr:
        return self.symbol * _operand(other)

    def __rmul__(self, other: Any) -> sympy.Expr:
        return _operand(other) * self.symbol

    def __truediv__(self, other: Any) -> sympy.Expr:
        return self.symbol / _operand(other)

    def __rtruediv__(self, other: Any) -> sympy.Expr:
        return _operand(other) / self.symbol

    def __pow__(self, other: Any) -> sympy.Expr:
        return self.symbol ** _operand(other)

    def __neg__(self) -> sympy.Expr:
        return -self.symbol

    def __pos__(self) -> sympy.Expr:
        return self.symbol


def _operand(value: Any) -> Any:
    if isinstance(value, Variable):
        return value.symbol
    if isinstance(value, float):
        return sympy.Rational(repr(value)) if math.isfinite(value) else value
    return value


FormulaLike: TypeAlias = "sympy.Expr | Variable | int | float | str"
"""What a formula may be given as: a sympy expression, a Variable, a number or formula text."""


def _as_formula(value: Any, what: str, text: str | None = None) -> Formula:
    """A formula (expression, authored text, names and denominators as written) from whatever
    the user gave: text, or an expression with, optionally, the text it was written as."""
    if isinstance(value, str):
        parsed = parse(value)
        if text is not None and text != parsed.text and text.strip() == parsed.text:
            return attrs.evolve(parsed, text=text)  # the authored text, spaces and all
        return parsed
    expr = check_expression(value, what)
    if text is not None:
        try:
            given = parse(text)
        except FormulaError:
            pass
        else:
            if given.expr == expr:
                return attrs.evolve(given, text=text)
    return parse(formula_to_text(expr))


def _formula_or_error(code: str, value: Any, what: str, text: str | None) -> Formula:
    try:
        return _as_formula(value, what, text)
    except FormulaError as error:
        msg = f"indicator {code}: {what}: {error}"
        raise FormulaError(msg, text=error.text, part=error.part, column=error.column) from None


# --- the fields every indicator has -------------------------------------------------------
#
# Indicator, Ratio and Index share the keyword fields below: each is declared once, as an attrs
# field with its default and its check, and once in IndicatorOptions for the type checker. To
# add a keyword field to every indicator, add it in both places (and to the set reader, the
# writer and the JSON schema); the constructors pass every option through unchanged.


def _indicator_code(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        msg = f"indicator code must be non-empty text, got {value!r}"
        raise DefinitionError(msg)


def _fail(instance: Any, message: str) -> DefinitionError:
    return DefinitionError(f"indicator {instance.code}: {message}")


def _indicator_name(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise _fail(instance, "a name is required")


def _optional_text(instance: Any, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise _fail(instance, f"{attribute.name} must be text, got {type(value).__name__}")


def _polarity(value: Polarity | str) -> Polarity:
    """``value`` as a Polarity when it names one; anything else is left for the check."""
    return Polarity(value) if value in tuple(Polarity) else cast(Polarity, value)


def _check_polarity(instance: Any, attribute: attrs.Attribute[Polarity], value: object) -> None:
    if not isinstance(value, Polarity):
        raise _fail(instance, f"polarity must be 'higher' or 'lower', got {value!r}")


def _check_decimals(instance: Any, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise _fail(instance, f"decimals must be a whole number from 0 to 10, got {value!r}")


def _check_scale(instance: Any, attribute: attrs.Attribute[Scale], value: object) -> None:
    if not isinstance(value, Scale):
        raise _fail(instance, f"a scale must be a Scale, not {type(value).__name__}")


def _links(value: object) -> object:
    """``supports`` as a tuple (one text is one link); anything else is left for the check."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(value)
    return value


def _check_links(instance: Any, attribute: attrs.Attribute[tuple[str, ...]], value: object) -> None:
    if not isinstance(value, tuple):
        raise _fail(instance, f"supports is a list of links, not {type(value).__name__}")
    for link in value:
        problem = link_problem(link)
        if problem is not None:
            raise _fail(instance, f"supports: {problem}")
    twice = repeated(value)
    if twice:
        raise _fail(instance, f"supports: link {twice[0]!r} is given twice")


def _check_rules(instance: Any, attribute: attrs.Attribute[Rules | None], value: object) -> None:
    if value is not None and not isinstance(value, Rules):
        raise _fail(instance, f"rules must be Rules or None, not {type(value).__name__}")


def _weight(value: object) -> float:
    """A weight as a float (a bool or text is left for the check to refuse)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return cast(float, value)


def _check_weight(instance: Any, attribute: attrs.Attribute[float], value: object) -> None:
    if not (isinstance(value, float) and math.isfinite(value) and value > 0):
        raise _fail(instance, f"weight must be a positive number, not {value!r}")


class IndicatorOptions(TypedDict, total=False):
    """The keyword fields every kind of indicator takes, for the type checker (their defaults
    and checks are the fields of :class:`Indicator`)."""

    name_en: str | None
    unit: str | None
    polarity: Polarity | str
    decimals: int
    source_data: str | None
    notes: str | None
    categories: Scale
    supports: Sequence[str] | str
    rules: Rules | None
    weight: float


def _known_options(cls: type, given: Mapping[str, object]) -> None:
    """Refuse a keyword no indicator field has, naming the closest one."""
    known = {field.alias for field in attrs.fields(cls) if field.init}
    for key in given:
        if key not in known:
            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            msg = f"{cls.__name__}() got an unknown keyword {key!r}{hint}"
            raise ArgumentError(msg)


def _signature(cls: type, leading: Sequence[str], own: Mapping[str, object]) -> inspect.Signature:
    """The constructor's signature as ``help()`` shows it: ``leading`` positionally, then the
    class's own keywords (with their defaults) and every shared option."""
    positional = inspect.Parameter.POSITIONAL_OR_KEYWORD
    keyword = inspect.Parameter.KEYWORD_ONLY
    parameters = [inspect.Parameter(name, positional) for name in leading]
    parameters += [inspect.Parameter(n, keyword, default=d) for n, d in own.items()]
    for field in attrs.fields(Indicator):
        if field.alias in IndicatorOptions.__annotations__:
            default = "%" if cls is Ratio and field.alias == "unit" else field.default
            parameters.append(inspect.Parameter(field.alias, keyword, default=default))
    return inspect.Signature(parameters)


@attrs.frozen(init=False, repr=False)
class Indicator:
    """An indicator computed by a general formula over variables.

    ``formula`` is a sympy expression, a :class:`Variable`, a number, or formula text (parsed
    safely, see :func:`iku.parse_formula`). ``formula_text`` keeps the authored text, which is
    what is displayed and where denominators are found (sympy may cancel ``x / x``).
    ``categories`` names the capaian (default :data:`iku.PREDIKAT`). ``supports`` names the
    higher indicators (RPJMD, Renstra) this one supports, each as ``"<set-id>:<code>"`` or, in
    the same set, ``":<code>"`` (see :mod:`iku.links` and :func:`iku.cascade`). ``rules`` are
    the indicator's own :class:`~iku.Rules` (a field they do not give is the set's; None: all
    of them), ``weight`` its weight in its sasaran's weighted capaian (default 1).

    The keyword fields ``name_en``, ``unit``, ``polarity``, ``decimals``, ``source_data``,
    ``notes``, ``categories``, ``supports``, ``rules`` and ``weight`` are shared by
    :class:`Ratio` and :class:`Index` (see :class:`IndicatorOptions`).
    """

    code: str = attrs.field(validator=_indicator_code)
    name: str = attrs.field(validator=_indicator_name)
    formula: sympy.Expr
    name_en: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    unit: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    polarity: Polarity = attrs.field(
        default=Polarity.HIGHER_IS_BETTER,
        kw_only=True,
        converter=_polarity,
        validator=_check_polarity,
    )
    decimals: int = attrs.field(default=2, kw_only=True, validator=_check_decimals)
    source_data: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    notes: str | None = attrs.field(default=None, kw_only=True, validator=_optional_text)
    categories: Scale = attrs.field(default=PREDIKAT, kw_only=True, validator=_check_scale)
    supports: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_links, validator=_check_links
    )
    rules: Rules | None = attrs.field(default=None, kw_only=True, validator=_check_rules)
    weight: float = attrs.field(
        default=1.0, kw_only=True, converter=_weight, validator=_check_weight
    )
    formula_text: str = attrs.field(kw_only=True)
    variable_codes: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    """Codes of the variables the formula uses, in the order they first appear."""
    denominators: tuple[sympy.Expr, ...] = attrs.field(init=False, eq=False, repr=False)
    """Every non-constant expression the formula divides by, as written."""

    def __init__(
        self,
        code: str,
        name: str,
        formula: FormulaLike,
        *,
        formula_text: str | None = None,
        **options: Unpack[IndicatorOptions],
    ) -> None:
        _known_options(Indicator, options)
        parsed = _formula_or_error(code, formula, "formula", formula_text)
        self.__attrs_init__(code, name, parsed.expr, formula_text=parsed.text, **options)
        self._derived(parsed.names, parsed.denominators)

    def _derived(self, names: Iterable[str], denominators: Iterable[sympy.Expr]) -> None:
        object.__setattr__(self, "variable_codes", tuple(names))
        object.__setattr__(self, "denominators", tuple(denominators))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.name!r}, {self.formula_text!r})"

    @property
    def variables(self) -> tuple[str, ...]:
        """Codes of the variables the formula uses, in the order they appear: the same as
        :attr:`variable_codes`, the clearer name (``IndicatorSet.variables`` holds
        :class:`Variable` objects; :meth:`IndicatorSet.variables_of` gives an indicator's)."""
        return self.variable_codes

    @property
    def kind(self) -> str:
        """``"formula"``, ``"ratio"`` or ``"index"``."""
        return "formula"

    def label(self, lang: str = "id") -> str:
        """The name in ``lang`` ("id" or "en"), falling back to the Indonesian name."""
        return (self.name_en or self.name) if lang == "en" else self.name

    def _repr_html_(self) -> str:
        """The indicator as a small table in a notebook (see :mod:`iku.report.display`)."""
        from iku.report.display import indicator_html

        return indicator_html(self)

    def _repr_latex_(self) -> str:
        """The formula in LaTeX for a notebook; :func:`iku.report.indicator_latex` writes it in
        the variables' labels."""
        from iku.report.display import indicator_latex

        return indicator_latex(self)


@attrs.frozen(init=False, repr=False)
class Ratio(Indicator):  # type: ignore[override]  # __attrs_init__ gains the ratio's fields
    """``numerator / denominator * factor``, with the two parts kept apart.

    Keeping them apart lets every input be checked (a zero denominator, a numerator above its
    denominator when ``proportion`` says it counts a subset) and lets grouped data be summed
    part by part: a ratio of sums, never a mean of ratios. ``unit`` defaults to ``"%"``.
    """

    numerator: sympy.Expr = attrs.field(kw_only=True)
    denominator: sympy.Expr = attrs.field(kw_only=True)
    factor: sympy.Rational = attrs.field(kw_only=True)
    proportion: bool = attrs.field(kw_only=True)
    numerator_text: str = attrs.field(kw_only=True)
    denominator_text: str = attrs.field(kw_only=True)

    def __init__(
        self,
        code: str,
        name: str,
        numerator: FormulaLike,
        denominator: FormulaLike,
        *,
        factor: float | sympy.Rational = 100,
        proportion: bool = True,
        numerator_text: str | None = None,
        denominator_text: str | None = None,
        formula: object = None,
        formula_text: object = None,
        **options: Unpack[IndicatorOptions],
    ) -> None:
        # ``formula`` and ``formula_text`` are derived from the parts; they are accepted only so
        # that ``attrs.evolve`` works.
        _known_options(Ratio, options)
        options.setdefault("unit", "%")
        num = _formula_or_error(code, numerator, "numerator", numerator_text)
        den = _formula_or_error(code, denominator, "denominator", denominator_text)
        if den.expr.is_number and den.expr == 0:
            msg = f"indicator {code}: the denominator is the constant 0"
            raise DefinitionError(msg)
        if isinstance(proportion, bool) is False:
            msg = f"indicator {code}: proportion must be true or false, got {proportion!r}"
            raise DefinitionError(msg)
        number = check_expression(factor, "factor") if not isinstance(factor, str) else None
        if number is None or not number.is_Rational or not number > 0:
            msg = f"indicator {code}: factor must be a positive number, got {factor!r}"
            raise DefinitionError(msg)
        text = f"{_bracket(num.text)} / {_bracket(den.text)}"
        if number != 1:
            text += f" * {formula_to_text(number)}"
        self.__attrs_init__(
            code,
            name,
            sympy.Mul(number, num.expr, sympy.Pow(den.expr, -1)),  # num / den * factor, at once
            formula_text=text,
            numerator=num.expr,
            denominator=den.expr,
            factor=number,
            proportion=proportion,
            numerator_text=num.text,
            denominator_text=den.text,
            **options,
        )
        found = [] if den.expr.is_number else [den.expr]
        self._derived(
            dict.fromkeys(num.names + den.names),
            dict.fromkeys([*found, *num.denominators, *den.denominators]),
        )

    @property
    def kind(self) -> str:
        return "ratio"


def _bracket(text: str) -> str:
    return text if re.fullmatch(r"[\w.]+", text) else f"({text})"


def _bounds(code: str, value: object) -> tuple[float, float]:
    try:
        bounds = _range(cast(Sequence[float], value))
    except DefinitionError as error:
        msg = f"indicator {code}: bounds: {error}"
        raise DefinitionError(msg) from None
    if bounds is None:
        msg = f"indicator {code}: an index needs bounds (lo, hi)"
        raise DefinitionError(msg)
    return bounds


@attrs.frozen(init=False, repr=False)
class Index(Indicator):  # type: ignore[override]  # __attrs_init__ gains the index's fields
    """A score within ``bounds`` ``(lo, hi)``, optionally graded (for example by ``IPP_GRADES``).

    ``formula`` may be one variable or a weighted composite (sum of weight * component). A value
    outside the bounds is ``out_of_scale``. ``bounds`` was called ``scale`` before (a name that
    read like :class:`~iku.Scale`, which ``grades`` is); ``scale=`` and ``Index.scale`` still work
    and warn.
    """

    bounds: tuple[float, float] = attrs.field(kw_only=True)
    grades: Scale | None = attrs.field(kw_only=True)

    def __init__(
        self,
        code: str,
        name: str,
        formula: FormulaLike,
        *,
        bounds: Sequence[float] = (0, 100),
        grades: Scale | None = None,
        formula_text: str | None = None,
        scale: Sequence[float] | None = None,
        **options: Unpack[IndicatorOptions],
    ) -> None:
        _known_options(Index, options)
        if scale is not None:
            warnings.warn(
                "Index(scale=...) is deprecated: the bounds of an index are Index(bounds=...)",
                DeprecationWarning,
                stacklevel=2,
            )
            bounds = scale
        parsed = _formula_or_error(code, formula, "formula", formula_text)
        graded: object = grades
        if graded is not None and not isinstance(graded, Scale):
            msg = f"indicator {code}: grades must be a Scale, not {type(graded).__name__}"
            raise DefinitionError(msg)
        self.__attrs_init__(
            code,
            name,
            parsed.expr,
            formula_text=parsed.text,
            bounds=_bounds(code, bounds),
            grades=grades,
            **options,
        )
        self._derived(parsed.names, parsed.denominators)

    @property
    def scale(self) -> tuple[float, float]:
        """Deprecated: :attr:`bounds`."""
        warnings.warn(
            "Index.scale is deprecated: the bounds of an index are Index.bounds",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.bounds

    @property
    def kind(self) -> str:
        return "index"


Indicator.__signature__ = _signature(  # type: ignore[attr-defined]
    Indicator, ("code", "name", "formula"), {"formula_text": None}
)
Ratio.__signature__ = _signature(  # type: ignore[attr-defined]
    Ratio,
    ("code", "name", "numerator", "denominator"),
    {"factor": 100, "proportion": True, "numerator_text": None, "denominator_text": None},
)
Index.__signature__ = _signature(  # type: ignore[attr-defined]
    Index, ("code", "name", "formula"), {"bounds": (0, 100), "grades": None, "formula_text": None}
)


def _tuple_of(cls: type[T], holder: str, value: Iterable[T]) -> tuple[T, ...]:
    """``value`` as a tuple, refusing any item that is not a ``cls``."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        msg = f"{holder} holds a sequence of {cls.__name__} values, not {type(value).__name__}"
        raise DefinitionError(msg)
    items: tuple[object, ...] = tuple(value)
    for item in items:
        if not isinstance(item, cls):
            msg = f"{holder} holds {cls.__name__} values, not {type(item).__name__}"
            raise DefinitionError(msg)
    return cast(tuple[T, ...], items)


def _indicators(value: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return _tuple_of(Indicator, "a sasaran", value)


def _sasaran(value: Iterable[Sasaran]) -> tuple[Sasaran, ...]:
    return _tuple_of(Sasaran, "an indicator set", value)


def _variables(value: Iterable[Variable]) -> tuple[Variable, ...]:
    return _tuple_of(Variable, "an indicator set", value)


@attrs.frozen
class Sasaran:
    """A strategic objective (sasaran) of the Renstra and the indicators that measure it."""

    code: str = attrs.field(validator=_check_code("sasaran"))
    name: str
    indicators: tuple[Indicator, ...] = attrs.field(converter=_indicators)
    name_en: str | None = attrs.field(default=None, kw_only=True)
    notes: str | None = attrs.field(default=None, kw_only=True)

    def label(self, lang: str = "id") -> str:
        """The name in ``lang`` ("id" or "en"), falling back to the Indonesian name."""
        return (self.name_en or self.name) if lang == "en" else self.name


_MONTHS_ID: Final = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def _date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        msg = f"a date is written YYYY-MM-DD, not {value!r}"
        raise DefinitionError(msg) from None


def _texts(value: str | Iterable[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@attrs.frozen
class Source:
    """Where a set comes from: the decree's title, number(s) as printed, date, signer, notes."""

    title: str
    numbers: tuple[str, ...] = attrs.field(default=(), converter=_texts, kw_only=True)
    date: dt.date | None = attrs.field(default=None, converter=_date, kw_only=True)
    signer: str | None = attrs.field(default=None, kw_only=True)
    url: str | None = attrs.field(default=None, kw_only=True)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_texts, kw_only=True)

    @property
    def number(self) -> str | None:
        """The decree's number as printed on its first page."""
        return self.numbers[0] if self.numbers else None

    def __str__(self) -> str:
        parts = [self.title]
        if self.numbers:
            also = "".join(f" (juga tertulis {n})" for n in self.numbers[1:])
            parts.append(f"Nomor {self.numbers[0]}{also}")
        if self.date:
            month = _MONTHS_ID[self.date.month - 1]
            parts.append(f"tanggal {self.date.day} {month} {self.date.year} ({self.date})")
        return ", ".join(parts)


def _period(value: int | Iterable[int]) -> tuple[int, ...]:
    raw: object = value
    if isinstance(raw, str) or not isinstance(raw, int | Iterable):
        msg = f"a period is a sequence of years such as (2025, 2026), got {value!r}"
        raise DefinitionError(msg)
    years: tuple[object, ...] = (raw,) if isinstance(raw, int) else tuple(raw)
    for year in years:
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
            msg = f"a period is a sequence of years such as (2025, 2026), got {value!r}"
            raise DefinitionError(msg)
    if not years or len(set(years)) != len(years):
        msg = f"a period needs one or more distinct years, got {value!r}"
        raise DefinitionError(msg)
    return cast(tuple[int, ...], years)


_SET_ID: Final = SET_ID


@attrs.frozen
class IndicatorSet:
    """An agency's indicators for a plan period: its sasaran, their indicators and the variables.

    It reads like a mapping of indicator code to indicator, in decree order:

    >>> from iku import get_set
    >>> s = get_set("kota-madiun.dinsosppa.2025-2026")
    >>> len(s), s["IKU-7"].name
    (7, 'Indeks Pelayanan Publik Perangkat Daerah')
    """

    id: str
    name: str
    organization: str
    period: tuple[int, ...] = attrs.field(converter=_period)
    sasaran: tuple[Sasaran, ...] = attrs.field(converter=_sasaran)
    variables: tuple[Variable, ...] = attrs.field(converter=_variables)
    source: Source | None = attrs.field(default=None, kw_only=True)
    name_en: str | None = attrs.field(default=None, kw_only=True)
    organization_en: str | None = attrs.field(default=None, kw_only=True)
    rules: Rules = attrs.field(factory=Rules, kw_only=True)
    """How capaian is computed for every indicator (an indicator's own rules override it)."""
    _by_code: dict[str, Indicator] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _by_variable: dict[str, Variable] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        problems = self._problems()
        if problems:
            msg = f"indicator set {self.id!r} is not valid:\n" + "\n".join(
                f"- {p}" for p in problems
            )
            raise DefinitionError(msg, problems)
        by_code = {ind.code: ind for sas in self.sasaran for ind in sas.indicators}
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_by_variable", {v.code: v for v in self.variables})

    def _problems(self) -> list[str]:
        problems: list[str] = []
        rules: object = self.rules
        if not isinstance(rules, Rules):
            problems.append(f"rules must be Rules, not {type(rules).__name__}")
        if not isinstance(self.id, str) or not _SET_ID.match(self.id):
            problems.append(
                f"id {self.id!r} must read <region>.<agency>.<period> in lower case, "
                "for example 'kota-madiun.dinsosppa.2025-2026'"
            )
        for what, codes in (
            ("sasaran", [s.code for s in self.sasaran]),
            ("indicator", [i.code for s in self.sasaran for i in s.indicators]),
            ("variable", [v.code for v in self.variables]),
        ):
            problems += [f"{what} code {code!r} is defined twice" for code in repeated(codes)]
        declared = {v.code for v in self.variables}
        for sas in self.sasaran:
            for ind in sas.indicators:
                problems += [
                    f"indicator {ind.code} uses undefined variable {name!r}"
                    for name in ind.variables
                    if name not in declared
                ]
        return problems

    def __getitem__(self, code: str) -> Indicator:
        try:
            return self._by_code[code]
        except (KeyError, TypeError):
            known = ", ".join(self._by_code)
            msg = f"set {self.id!r} has no indicator {code!r} (it has {known})"
            raise UnknownCodeError(msg) from None

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator, in decree order."""
        return tuple(self._by_code.values())

    @property
    def codes(self) -> tuple[str, ...]:
        """Every indicator code, in decree order."""
        return tuple(self._by_code)

    def variable(self, code: str) -> Variable:
        """The declared variable ``code``."""
        try:
            return self._by_variable[code]
        except (KeyError, TypeError):
            msg = f"set {self.id!r} declares no variable {code!r}"
            raise UnknownCodeError(msg) from None

    def variables_of(self, indicator: Indicator | str) -> tuple[Variable, ...]:
        """The variables one indicator uses, in the order its formula names them."""
        ind = self[indicator] if isinstance(indicator, str) else indicator
        return tuple(self._by_variable[name] for name in ind.variables)

    def sasaran_of(self, indicator: Indicator | str) -> Sasaran:
        """The sasaran an indicator belongs to."""
        code = indicator if isinstance(indicator, str) else getattr(indicator, "code", indicator)
        for sas in self.sasaran:
            if any(ind.code == code for ind in sas.indicators):
                return sas
        msg = f"set {self.id!r} has no indicator {code!r}"
        raise UnknownCodeError(msg)

    def label(self, lang: str = "id") -> str:
        """The name in ``lang`` ("id" or "en"), falling back to the Indonesian name."""
        return (self.name_en or self.name) if lang == "en" else self.name

    def __repr__(self) -> str:
        """Short, as a notebook shows it: the id and how many sasaran, indicators and variables
        (the full field-by-field form runs to pages).

        >>> from iku import get_set
        >>> get_set("kota-madiun.dinsosppa.2025-2026")
        <IndicatorSet 'kota-madiun.dinsosppa.2025-2026': 6 sasaran, 7 indicators, 13 variables>
        """
        return (
            f"<IndicatorSet {self.id!r}: {len(self.sasaran)} sasaran, {len(self)} indicators, "
            f"{len(self.variables)} variables>"
        )

    def _repr_html_(self) -> str:
        """The set as a table of sasaran and indicators in a notebook."""
        from iku.report.display import set_html

        return set_html(self)


def as_mapping(variables: Iterable[Variable]) -> Mapping[str, Variable]:
    """Variables by code."""
    return {v.code: v for v in variables}
