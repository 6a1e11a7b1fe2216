"""Issues found in input data: reason codes, severities and messages in Indonesian and English.

Checks return :class:`Issue` values; they never print or log. The codes are stable and are the
same whichever backend found them (scalar, numpy, frames or SQL).

A value is checked in a fixed order, and gets at most one of these codes, the first that applies:
``missing_value``, ``not_a_number``, ``not_finite``, ``negative_value`` (counts and amounts),
``not_integer`` (counts), ``out_of_scale`` (scores with a range). :func:`check_value` does it for
one value, :func:`check_values` for a whole column at once; both give the same answers.

>>> check_value(12, "count")
(12.0, None)
>>> check_value("12", "count")[1]
<IssueCode.NOT_A_NUMBER: 'not_a_number'>
>>> check_value(2.5, "count")[1]
<IssueCode.NOT_INTEGER: 'not_integer'>
"""

from __future__ import annotations

import enum
import math
import numbers
import sys
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

import attrs

if TYPE_CHECKING:  # numpy is imported by the functions that take arrays
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "MESSAGES",
    "STATUS_CODES",
    "VARIANTS",
    "Issue",
    "IssueCode",
    "Severity",
    "check_value",
    "check_values",
    "make_issue",
    "message",
    "show_value",
]


class Severity(enum.StrEnum):
    """How bad an issue is: an error leaves a value uncomputed, a warning does not."""

    ERROR = "error"
    WARNING = "warning"


class IssueCode(enum.StrEnum):
    """Why an input was refused or doubted. Grouped by kind: the value, the ratio, the target,
    the table."""

    # a variable's value
    MISSING_VALUE = "missing_value"
    NOT_FINITE = "not_finite"
    NOT_A_NUMBER = "not_a_number"
    NEGATIVE_VALUE = "negative_value"
    NOT_INTEGER = "not_integer"
    OUT_OF_SCALE = "out_of_scale"
    # a ratio or division
    DENOMINATOR_ZERO = "denominator_zero"
    NUMERATOR_EXCEEDS_DENOMINATOR = "numerator_exceeds_denominator"
    # the target
    MISSING_TARGET = "missing_target"
    ZERO_TARGET = "zero_target"
    # the table
    UNKNOWN_VARIABLE = "unknown_variable"
    # a file (found by the readers of iku.io)
    AMBIGUOUS_NUMBER = "ambiguous_number"
    DUPLICATE_COLUMN = "duplicate_column"
    DUPLICATE_TARGET = "duplicate_target"
    UNKNOWN_INDICATOR = "unknown_indicator"
    UNREADABLE_CELL = "unreadable_cell"

    @property
    def severity(self) -> Severity:
        """The default severity of this code."""
        return _SEVERITY.get(self, Severity.ERROR)


_SEVERITY: Final = {
    IssueCode.MISSING_TARGET: Severity.WARNING,
    IssueCode.ZERO_TARGET: Severity.WARNING,
    IssueCode.UNKNOWN_VARIABLE: Severity.WARNING,
}

MESSAGES: Final[Mapping[IssueCode, Mapping[str, str]]] = {
    IssueCode.MISSING_VALUE: {
        "id": "nilai {variable} tidak ada",
        "en": "{variable} has no value",
    },
    IssueCode.NOT_FINITE: {
        "id": "nilai {variable} bukan bilangan terhingga ({value})",
        "en": "{variable} is not a finite number ({value})",
    },
    IssueCode.NOT_A_NUMBER: {
        "id": "nilai {variable} bukan angka ({value})",
        "en": "{variable} is not a number ({value})",
    },
    IssueCode.NEGATIVE_VALUE: {
        "id": "nilai {variable} negatif ({value}), padahal jumlah tidak boleh kurang dari nol",
        "en": "{variable} is negative ({value}); a count or amount cannot be below zero",
    },
    IssueCode.NOT_INTEGER: {
        "id": "nilai {variable} harus bilangan bulat, bukan {value}",
        "en": "{variable} is a count and must be a whole number, not {value}",
    },
    IssueCode.OUT_OF_SCALE: {
        "id": "nilai {variable} ({value}) di luar skala {lo} sampai {hi}",
        "en": "{variable} ({value}) is outside its scale {lo} to {hi}",
    },
    IssueCode.DENOMINATOR_ZERO: {
        "id": "penyebut {variable} bernilai nol, sehingga nilai tidak dapat dihitung",
        "en": "the denominator {variable} is zero, so no value can be computed",
    },
    IssueCode.NUMERATOR_EXCEEDS_DENOMINATOR: {
        "id": "pembilang ({numerator}) lebih besar dari penyebut ({denominator})",
        "en": "the numerator ({numerator}) is larger than the denominator ({denominator})",
    },
    IssueCode.MISSING_TARGET: {
        "id": "tidak ada target untuk periode {period}",
        "en": "no target for period {period}",
    },
    IssueCode.ZERO_TARGET: {
        "id": "target bernilai nol, sehingga capaian tidak dapat dihitung",
        "en": "the target is zero, so no achievement can be computed",
    },
    IssueCode.UNKNOWN_VARIABLE: {
        "id": "kolom {variable} bukan variabel dari set ini",
        "en": "column {variable} is not a variable of this set",
    },
    IssueCode.AMBIGUOUS_NUMBER: {
        "id": "nilai {variable} dapat dibaca sebagai dua angka ({value})",
        "en": "{variable} reads as two different numbers ({value})",
    },
    IssueCode.DUPLICATE_COLUMN: {
        "id": "kolom {variable} muncul lebih dari sekali",
        "en": "column {variable} comes more than once",
    },
    IssueCode.DUPLICATE_TARGET: {
        "id": "target untuk periode {period} tertulis dua kali",
        "en": "the target for period {period} is given twice",
    },
    IssueCode.UNKNOWN_INDICATOR: {
        "id": "indikator {indicator} tidak ada di set ini",
        "en": "indicator {indicator} is not in the set",
    },
    IssueCode.UNREADABLE_CELL: {
        "id": "sel {variable} tidak dapat dibaca ({value})",
        "en": "the cell of {variable} cannot be read ({value})",
    },
}
"""Message templates per code and language ("id", "en"); fields are filled by :func:`message`."""

VARIANTS: Final[Mapping[tuple[IssueCode, str], Mapping[str, str]]] = {
    (IssueCode.MISSING_TARGET, "none"): {
        "id": "tidak ada target untuk indikator ini",
        "en": "no target was given for this indicator",
    },
    (IssueCode.MISSING_TARGET, "not_a_number"): {
        "id": "target untuk periode {period} bukan angka ({value})",
        "en": "the target for period {period} is not a number ({value})",
    },
    (IssueCode.MISSING_TARGET, "not_a_number_no_period"): {
        "id": "target bukan angka ({value})",
        "en": "the target is not a number ({value})",
    },
    (IssueCode.MISSING_TARGET, "no_period"): {
        "id": (
            "target ditetapkan per tahun ({years}), tetapi periode data tidak diketahui: "
            "beri kolom period atau argumen period"
        ),
        "en": (
            "targets are given per year ({years}) but the data has no period: "
            "add a period column or pass period="
        ),
    },
    (IssueCode.NOT_FINITE, "value"): {
        "id": "nilai indikator tidak terhingga ({value}), sehingga tidak dapat dipakai",
        "en": "the indicator's value is not finite ({value}), so it cannot be used",
    },
    (IssueCode.OUT_OF_SCALE, "value"): {
        "id": "nilai indikator ({value}) di luar skala {lo} sampai {hi}",
        "en": "the indicator's value ({value}) is outside its scale {lo} to {hi}",
    },
}
"""Templates for a code in a particular situation (``message(code, variant=...)``): a target that
is not a number, targets per year with no period known, a computed value out of bounds."""


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def message(
    code: IssueCode | str, lang: str = "id", *, variant: str | None = None, **fields: Any
) -> str:
    """The message for ``code`` in ``lang`` ("id" or "en"), filled with ``fields``.

    ``variant`` picks a more precise template from :data:`VARIANTS` when there is one.

    >>> message("denominator_zero", variable="psks")
    'penyebut psks bernilai nol, sehingga nilai tidak dapat dihitung'
    >>> message("missing_target", "en", period=2025)
    'no target for period 2025'
    >>> message("missing_target", "en", variant="not_a_number", period=2025, value="'80%'")
    "the target for period 2025 is not a number ('80%')"
    """
    code = IssueCode(code)
    templates = MESSAGES[code]
    if variant is not None:
        templates = VARIANTS.get((code, variant), templates)
    return templates.get(lang, templates["id"]).format_map(_Blank(fields))


@attrs.frozen
class Issue:
    """One problem found in the input: what (``code``), how bad, where (indicator, variable,
    row), and a message in Indonesian; ``message_en`` holds the English one.

    ``row`` is the row's position in a table, or its keys (a mapping of key column to value)
    when it has keys; ``None`` for a mapping of one unit.
    """

    code: IssueCode = attrs.field(converter=IssueCode)
    severity: Severity = attrs.field(converter=Severity)
    message: str
    indicator: str | None = None
    variable: str | None = None
    row: Any = None
    message_en: str | None = attrs.field(default=None, kw_only=True, eq=False)

    def describe(self, lang: str = "id") -> str:
        """The message in ``lang`` ("id" or "en")."""
        return (self.message_en or self.message) if lang == "en" else self.message

    def __str__(self) -> str:
        where = [
            f"{k} {v}"
            for k, v in (("indikator", self.indicator), ("baris", self.row))
            if v is not None and v != {}
        ]
        prefix = f"[{self.code}] " + (", ".join(where) + ": " if where else "")
        return prefix + self.message


# Status of a checked value, in the order the checks run: a value gets the first that applies.
OK: Final = 0
MISSING: Final = 1
NOT_A_NUMBER: Final = 2
NOT_FINITE: Final = 3
NEGATIVE: Final = 4
NOT_INTEGER: Final = 5
OUT_OF_SCALE: Final = 6

STATUS_CODES: Final[tuple[IssueCode | None, ...]] = (
    None,
    IssueCode.MISSING_VALUE,
    IssueCode.NOT_A_NUMBER,
    IssueCode.NOT_FINITE,
    IssueCode.NEGATIVE_VALUE,
    IssueCode.NOT_INTEGER,
    IssueCode.OUT_OF_SCALE,
)
"""The issue code of each status number that :func:`check_values` puts in its array (0: none)."""

# Kinds as plain strings so that this module needs nothing from the model; ``VariableKind`` is a
# ``StrEnum`` and compares equal to them.
_COUNT: Final = "count"
_AMOUNT: Final = "amount"
_SCORE: Final = "score"
_KINDS: Final = frozenset({"count", "amount", "score", "real"})
_NAN: Final = math.nan


def _kind(kind: str) -> str:
    if kind not in _KINDS:
        msg = f"a variable kind is one of count, amount, score, real; not {kind!r}"
        raise ValueError(msg)
    return str(kind)


def check_value(
    raw: object, kind: str = "real", scale_range: tuple[float, float] | None = None
) -> tuple[float, IssueCode | None]:
    """Check one input value of a variable of ``kind``: its float and its issue code (or None).

    The float is NaN when the value is not a number at all.

    >>> check_value(None, "count")
    (nan, <IssueCode.MISSING_VALUE: 'missing_value'>)
    >>> check_value(-1, "amount")
    (-1.0, <IssueCode.NEGATIVE_VALUE: 'negative_value'>)
    >>> check_value(5.5, "score", (0, 5))
    (5.5, <IssueCode.OUT_OF_SCALE: 'out_of_scale'>)
    >>> check_value(10**400, "real")
    (nan, <IssueCode.NOT_FINITE: 'not_finite'>)
    """
    value, status = check_status(raw, _kind(kind), scale_range)
    return value, STATUS_CODES[status]


def check_status(
    raw: object, kind: str, scale_range: tuple[float, float] | None
) -> tuple[float, int]:
    """:func:`check_value` giving the status number; the fast path of the one-unit evaluation."""
    kind_free = type(raw)
    if kind_free is float:
        value: float = raw  # type: ignore[assignment]
        if value - value != 0.0:  # NaN or infinite
            return value, NOT_FINITE
    elif kind_free is int:
        try:
            value = float(raw)  # type: ignore[arg-type]
        except OverflowError:
            return _NAN, NOT_FINITE
    else:
        value, status = _number(raw)
        if status:
            return value, status
    if kind == _COUNT:
        if value < 0:
            return value, NEGATIVE
        if not value.is_integer():
            return value, NOT_INTEGER
    elif kind == _AMOUNT and value < 0:
        return value, NEGATIVE
    elif (
        kind == _SCORE and scale_range is not None and not scale_range[0] <= value <= scale_range[1]
    ):
        return value, OUT_OF_SCALE
    return value, OK


def _number(raw: object) -> tuple[float, int]:
    """The float of anything that is not a plain int or float, or why it has none."""
    if raw is None or is_pandas_missing(raw):
        return _NAN, MISSING
    if isinstance(raw, bool | str | bytes | bytearray):  # numpy.bool_ is no Real: see below
        return _NAN, NOT_A_NUMBER
    if isinstance(raw, numbers.Real | Decimal | Fraction):
        try:
            value = float(raw)
        except OverflowError:
            return _NAN, NOT_FINITE
        except (ValueError, TypeError, ArithmeticError):  # Decimal("sNaN") cannot be a float
            return _NAN, NOT_FINITE if isinstance(raw, Decimal) else NOT_A_NUMBER
        if value - value != 0.0:
            return value, NOT_FINITE
        return value, OK
    return _NAN, NOT_A_NUMBER


def is_pandas_missing(raw: object) -> bool:
    """True for pandas' ``NA`` and ``NaT`` (found without importing pandas)."""
    kind = type(raw)
    return kind.__name__ in ("NAType", "NaTType") and kind.__module__.startswith("pandas")


def check_values(
    values: npt.NDArray[np.float64],
    kind: str = "real",
    scale_range: tuple[float, float] | None = None,
    *,
    status: npt.NDArray[np.int8] | None = None,
    nan_is_missing: bool = False,
    integral: bool = False,
) -> npt.NDArray[np.int8] | None:
    """Vectorised :func:`check_value`: the status number of each value, or None if all are clean.

    ``values`` are float64; ``status`` holds what was already known when the column was read
    (missing or not a number: those rows hold NaN in ``values``). ``nan_is_missing`` makes a
    NaN ``missing_value`` rather than ``not_finite`` (pandas marks a missing float with NaN).
    ``integral`` says the values came from an integer column (so they are whole and finite).
    Turn the numbers into codes with :data:`STATUS_CODES`.

    >>> import numpy as np
    >>> status = check_values(np.array([3.0, -1.0, 2.5, np.nan]), "count")
    >>> [STATUS_CODES[s] for s in status]  # doctest: +NORMALIZE_WHITESPACE
    [None, <IssueCode.NEGATIVE_VALUE: 'negative_value'>, <IssueCode.NOT_INTEGER: 'not_integer'>,
     <IssueCode.NOT_FINITE: 'not_finite'>]
    """
    import numpy as np

    kind = _kind(kind)
    if status is None and _clean(values, kind, scale_range, integral):
        return None
    x = values
    out = np.zeros(len(x), dtype=np.int8)
    with np.errstate(invalid="ignore"):
        if kind == _SCORE and scale_range is not None:
            out[(x < scale_range[0]) | (x > scale_range[1])] = OUT_OF_SCALE
        if kind == _COUNT and not integral:
            out[np.floor(x) != x] = NOT_INTEGER
        if kind in (_COUNT, _AMOUNT):
            out[x < 0] = NEGATIVE
        if not integral:
            bad = ~np.isfinite(x)
            out[bad] = NOT_FINITE
            if nan_is_missing:
                out[np.isnan(x)] = MISSING
    if status is not None:
        np.copyto(out, status, where=status != OK)
    return out if out.any() else None


def _clean(
    x: npt.NDArray[np.float64], kind: str, scale_range: tuple[float, float] | None, integral: bool
) -> bool:
    """True when every value passes, found with a few reductions (NaN fails every comparison)."""
    import numpy as np

    if len(x) == 0:
        return True
    with np.errstate(invalid="ignore"):
        lo, hi = x.min(), x.max()
    if kind in (_COUNT, _AMOUNT):
        if not (lo >= 0 and hi < math.inf):
            return False
        if kind == _COUNT and not integral:
            return bool(np.equal(np.floor(x), x).all())
        return True
    if kind == _SCORE and scale_range is not None:
        return bool(lo >= scale_range[0] and hi <= scale_range[1])
    return bool(lo > -math.inf and hi < math.inf)


def show_value(raw: object, limit: int = 40) -> str:
    """A short text of an input value for a message: ``'abc'``, ``12.5``, ``inf``; a float
    that is a whole number shows as one (``30``, not ``30.0``).

    >>> show_value("abc"), show_value(30.0), show_value(0.25), show_value(float("inf"))
    ("'abc'", '30', '0.25', 'inf')
    """
    numpy = sys.modules.get("numpy")  # a numpy scalar exists only if numpy was imported
    if numpy is not None and isinstance(raw, numpy.generic):
        raw = raw.item()
    if type(raw) is float and raw.is_integer() and abs(raw) < 1e15:
        return str(int(raw))
    if isinstance(raw, int) and not isinstance(raw, bool) and raw.bit_length() > 100:
        # str() of a huge int is slow, and refused past 4300 digits
        sign = "-" if raw < 0 else ""
        text = f"\u2248{sign}10^{int(raw.bit_length() * math.log10(2))}"
    else:
        try:
            text = repr(raw)
        except Exception:  # a value whose repr fails is still reported
            text = f"<{type(raw).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def make_issue(
    code: IssueCode,
    *,
    indicator: str | None = None,
    variable: str | None = None,
    row: Any = None,
    variant: str | None = None,
    **fields: Any,
) -> Issue:
    """An :class:`Issue` with its message in Indonesian and English; ``fields`` fill the
    templates (``variable`` defaults to the issue's variable).

    >>> make_issue(IssueCode.MISSING_VALUE, indicator="IKU-2", variable="psks").message_en
    'psks has no value'
    """
    fields.setdefault("variable", variable)
    return Issue(
        code,
        code.severity,
        message(code, "id", variant=variant, **fields),
        indicator,
        variable,
        row,
        message_en=message(code, "en", variant=variant, **fields),
    )
