"""Issues found in input data, and the checks of each value.

Checks return :class:`Issue` values; they never print or log. The codes, their severities and
what each applies to are one table, :data:`iku.checks.CHECKS`; the messages, in Indonesian and
English, are the ``issue.<code>`` entries of :mod:`iku.messages`. The codes are the same
whichever backend found them (scalar, numpy, frames or SQL).

A value is checked in a fixed order, and gets at most one of these codes, the first that applies:
``missing_value``, ``not_a_number``, ``not_finite``, ``negative_value`` (counts and amounts),
``not_integer`` (counts), ``out_of_scale`` (scores with a range). :func:`check_value` does it for
one value, :func:`check_values` for a whole column at once; both give the same answers. NaN is
a missing value wherever it comes from (pandas, polars, numpy, a float in a mapping): every
data library writes a blank cell as NaN; only an infinity is ``not_finite``.

>>> check_value(12, "count")
(12.0, None)
>>> check_value("12", "count")[1]
<IssueCode.NOT_A_NUMBER: 'not_a_number'>
>>> check_value(2.5, "count")[1]
<IssueCode.NOT_INTEGER: 'not_integer'>
>>> check_value(float("nan"), "count")[1]
<IssueCode.MISSING_VALUE: 'missing_value'>
"""

from __future__ import annotations

import math
import numbers
import sys
import warnings
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final, NoReturn

import attrs

from iku.checks import STATUS, STATUS_CODES, IssueCode, Severity
from iku.errors import ArgumentError
from iku.messages import CATALOGUE

if TYPE_CHECKING:  # numpy is imported by the functions that take arrays
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "STATUS_CODES",
    "Issue",
    "IssueCode",
    "RowKeys",
    "Severity",
    "check_value",
    "check_values",
    "make_issue",
    "message",
    "show_value",
]


def __getattr__(name: str) -> Any:
    # The first version's message tables, now entries of iku.messages (one release of warning).
    if name in ("MESSAGES", "VARIANTS"):
        warnings.warn(
            f"iku.validation.{name} is deprecated: the messages are the issue.<code> entries of "
            "iku.messages.CATALOGUE",
            DeprecationWarning,
            stacklevel=2,
        )
        if name == "MESSAGES":
            return {code: CATALOGUE[f"issue.{code}"] for code in IssueCode}
        return {
            (IssueCode(key.split(".")[1]), key.split(".")[2]): entry
            for key, entry in CATALOGUE.items()
            if key.startswith("issue.") and key.count(".") == 2
        }
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def message(
    code: IssueCode | str, lang: str = "id", *, variant: str | None = None, **fields: Any
) -> str:
    """The message for ``code`` in ``lang`` ("id" or "en"), filled with ``fields`` (a field not
    given shows as ``?``): the catalogue entry ``issue.<code>``, or ``issue.<code>.<variant>``
    when ``variant`` names one.

    >>> message("denominator_zero", variable="psks")
    'penyebut psks bernilai nol, sehingga nilai tidak dapat dihitung'
    >>> message("missing_target", "en", period=2025)
    'no target for period 2025'
    >>> message("not_a_number", "en", variant="target", period=2025, value="'80%'")
    "the target for period 2025 is not a number ('80%')"
    """
    code = IssueCode(code)
    entry = CATALOGUE[f"issue.{code}"]
    if variant is not None:
        entry = CATALOGUE.get(f"issue.{code}.{variant}", entry)
    return entry.get(lang, entry["id"]).format_map(_Blank(fields))


class RowKeys(dict[Any, Any]):
    """A row's keys (key column to value) that cannot change: a dict to read, compare and write
    as JSON, hashable where its values are, so that an :class:`Issue` or a Result can be a set
    member or a dict key.

    >>> keys = RowKeys({"kelurahan": "Kuncen", "period": 2025})
    >>> keys == {"kelurahan": "Kuncen", "period": 2025}, hash(keys) == hash(RowKeys(keys))
    (True, True)
    """

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(self.items()))

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        msg = "a row's keys cannot be changed"
        raise TypeError(msg)

    __setitem__ = __delitem__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse
    __ior__ = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        return (RowKeys, (dict(self),))

    def __repr__(self) -> str:
        return dict.__repr__(self)


def _row(row: object) -> object:
    """``Issue.row`` as kept: a mapping of keys becomes :class:`RowKeys`."""
    if isinstance(row, Mapping) and not isinstance(row, RowKeys):
        return RowKeys(row)
    return row


@attrs.frozen
class Issue:
    """One problem found in the input: what (``code``), how bad, where (indicator, variable,
    row, place), and a message in Indonesian; ``message_en`` holds the English one.

    ``row`` is the row's position in a table, or its keys (a read-only mapping of key column to
    value) when it has keys; ``None`` for a mapping of one unit or the data as a whole.
    ``place`` says where the input came from, in text that needs no translation: a file and
    line (``"data.csv:12"``), a sheet and cell (``"targets!C7"``); None when not from a file.
    """

    code: IssueCode = attrs.field(converter=IssueCode)
    severity: Severity = attrs.field(converter=Severity)
    message: str
    indicator: str | None = None
    variable: str | None = None
    row: Any = attrs.field(default=None, converter=_row)
    message_en: str | None = attrs.field(default=None, kw_only=True, eq=False)
    place: str | None = attrs.field(default=None, kw_only=True)

    def describe(self, lang: str = "id") -> str:
        """The message in ``lang`` ("id" or "en")."""
        return (self.message_en or self.message) if lang == "en" else self.message

    def __str__(self) -> str:
        where = [
            f"{k} {v}"
            for k, v in (("indikator", self.indicator), ("baris", self.row), ("di", self.place))
            if v is not None and v != {}
        ]
        prefix = f"[{self.code}] " + (", ".join(where) + ": " if where else "")
        return prefix + self.message


# Status of a checked value (see iku.checks.STATUS_CODES): a value gets the first that applies.
OK: Final = 0
MISSING: Final = STATUS[IssueCode.MISSING_VALUE]
NOT_A_NUMBER: Final = STATUS[IssueCode.NOT_A_NUMBER]
NOT_FINITE: Final = STATUS[IssueCode.NOT_FINITE]
NEGATIVE: Final = STATUS[IssueCode.NEGATIVE_VALUE]
NOT_INTEGER: Final = STATUS[IssueCode.NOT_INTEGER]
OUT_OF_SCALE: Final = STATUS[IssueCode.OUT_OF_SCALE]

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
        raise ArgumentError(msg)
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
    >>> check_value(float("nan"), "real")
    (nan, <IssueCode.MISSING_VALUE: 'missing_value'>)
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
        if value - value != 0.0:  # NaN (a blank cell) or infinite
            return value, MISSING if value != value else NOT_FINITE
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
            return _NAN, MISSING if isinstance(raw, Decimal) else NOT_A_NUMBER
        if value - value != 0.0:
            return value, MISSING if value != value else NOT_FINITE
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
    integral: bool = False,
) -> npt.NDArray[np.int8] | None:
    """Vectorised :func:`check_value`: the status number of each value, or None if all are clean.

    ``values`` are float64; ``status`` holds what was already known when the column was read
    (missing or not a number: those rows hold NaN in ``values``). A NaN is ``missing_value``,
    an infinity ``not_finite``. ``integral`` says the values came from an integer column (so
    they are whole and finite).
    Turn the numbers into codes with :data:`STATUS_CODES`.

    >>> import numpy as np
    >>> status = check_values(np.array([3.0, -1.0, 2.5, np.nan]), "count")
    >>> [STATUS_CODES[s] for s in status]  # doctest: +NORMALIZE_WHITESPACE
    [None, <IssueCode.NEGATIVE_VALUE: 'negative_value'>, <IssueCode.NOT_INTEGER: 'not_integer'>,
     <IssueCode.MISSING_VALUE: 'missing_value'>]
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
            out[np.isinf(x)] = NOT_FINITE
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
        lo = x.min()
        if kind in (_COUNT, _AMOUNT) and not lo >= 0:  # NaN or negative: no need of the max
            return False
        hi = x.max()
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
    severity: Severity | None = None,
    place: str | None = None,
    **fields: Any,
) -> Issue:
    """An :class:`Issue` with its message in Indonesian and English; ``fields`` fill the
    templates (``variable`` and ``indicator`` default to the issue's own). ``severity`` is the
    code's (its row of :data:`iku.checks.CHECKS`) unless given.

    >>> make_issue(IssueCode.MISSING_VALUE, indicator="IKU-2", variable="psks").message_en
    'psks has no value'
    """
    fields.setdefault("variable", variable)
    fields.setdefault("indicator", indicator)
    return Issue(
        code,
        code.severity if severity is None else severity,
        message(code, "id", variant=variant, **fields),
        indicator,
        variable,
        row,
        message_en=message(code, "en", variant=variant, **fields),
        place=place,
    )
