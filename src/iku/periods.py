"""Periods: a year, or a part of one (a quarter or a month), read from the ways people write them.

An LKjIP is written per year, but realisasi is entered per triwulan (quarter) or per month.
:func:`parse_period` reads every common spelling into one :class:`Period` value, so that data and
targets keyed ``"2025-Q1"``, ``"2025Q1"``, ``"2025-TW1"``, ``"TW I 2025"`` or ``"Triwulan I 2025"``
meet on the same key:

>>> parse_period("TW I 2025") == parse_period("2025-Q1") == parse_period("2025q1")
True
>>> [str(parse_period(v)) for v in ("Triwulan III Tahun 2025", "2025-03", 2025)]
['2025-Q3', '2025-03', '2025']

A year's parts are ordered by time, never as text (``"2025-10" < "2025-9"`` as text):

>>> sorted([parse_period("2025-10"), parse_period("2025-9"), parse_period("2024-12")])
[Period(2024, 'month', 12), Period(2025, 'month', 9), Period(2025, 'month', 10)]

Text that is no period is an error naming it (:func:`as_period` gives None instead):

>>> as_period("2025-Q5") is None
True

Dates: a single date is the month it falls in (``date(2025, 3, 31)`` is ``2025-03``). A column of
dates read with :func:`parse_periods` is a column of years when every date is the 1st of January (a
Parquet or Excel column of years stored as dates), else every date is its month.
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
import re
from collections.abc import Iterable, Sequence
from typing import Any, Final, Literal

import attrs

from iku.errors import PeriodError
from iku.messages import both

__all__ = [
    "KINDS",
    "Period",
    "PeriodKind",
    "ReadPeriods",
    "as_period",
    "parse_period",
    "parse_periods",
]

PeriodKind = Literal["year", "quarter", "month"]
"""What part of a year a period is: the whole year, a quarter (triwulan) or a month."""

KINDS: Final[dict[str, int]] = {"year": 1, "quarter": 4, "month": 12}
"""Each kind of period and how many of it make a year."""

_FIRST_YEAR: Final = 1000
_LAST_YEAR: Final = 9999
_RANK: Final = {"month": 0, "quarter": 1, "year": 2}


def _check_kind(instance: Period, attribute: attrs.Attribute[str], value: str) -> None:
    if value not in KINDS:
        msg = f"a period's kind is one of {', '.join(KINDS)}, not {value!r}"
        raise PeriodError(msg, value=value)


def _whole(value: Any) -> Any:
    """numpy's and other whole numbers as ``int`` (a bool stays itself, to be refused)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    return value


def _check_year(instance: Period, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or not _FIRST_YEAR <= value <= _LAST_YEAR:
        message_id, message = both("period.bad_year", value=value)
        raise PeriodError(message, message=message_id, value=value)


@attrs.frozen(order=False, repr=False)
class Period:
    """A year (``Period(2025)``) or a part of one: ``Period(2025, "quarter", 1)`` is the first
    triwulan, ``Period(2025, "month", 3)`` is March.

    ``index`` counts the parts of the year from 1 (a year's own index is 1). Periods order by time:
    by the month they end in, a part before the longer period that ends with it (March, then Q1;
    December, then Q4, then the year).
    """

    year: int = attrs.field(converter=_whole, validator=_check_year)
    kind: PeriodKind = attrs.field(default="year", validator=_check_kind)
    index: int = attrs.field(default=1, converter=_whole)

    @index.validator
    def _check_index(self, attribute: attrs.Attribute[int], value: int) -> None:
        parts = KINDS.get(self.kind, 1)
        if type(value) is not int or not 1 <= value <= parts:
            msg = f"a {self.kind} of a year is numbered 1 to {parts}, not {value!r}"
            raise PeriodError(msg, value=value)

    # -- what it is ---------------------------------------------------------------------------

    @property
    def parts(self) -> int:
        """How many periods of this kind make a year (1, 4 or 12)."""
        return KINDS[self.kind]

    @property
    def is_year(self) -> bool:
        """True for a whole year."""
        return self.kind == "year"

    @property
    def months(self) -> tuple[int, int]:
        """The first and last month (1 to 12) the period covers.

        >>> Period(2025, "quarter", 2).months
        (4, 6)
        """
        span = 12 // self.parts
        return ((self.index - 1) * span + 1, self.index * span)

    @property
    def fraction(self) -> float:
        """The share of its year that has passed at the period's end (Q1: 0.25, March: 0.25)."""
        return self.index / self.parts

    def year_period(self) -> Period:
        """The year this period belongs to, as a period.

        >>> Period(2025, "quarter", 3).year_period()
        Period(2025)
        """
        return Period(self.year)

    def preceding(self) -> tuple[Period, ...]:
        """The parts of the same kind before this one in its year, in order.

        >>> [str(p) for p in Period(2025, "quarter", 3).preceding()]
        ['2025-Q1', '2025-Q2']
        """
        return tuple(Period(self.year, self.kind, i) for i in range(1, self.index))

    def to_date(self) -> tuple[Period, ...]:
        """The parts of the same kind from the start of the year up to and including this one."""
        return (*self.preceding(), self)

    @classmethod
    def of_year(cls, year: int, kind: PeriodKind) -> tuple[Period, ...]:
        """Every part of ``kind`` of ``year``, in order.

        >>> [str(p) for p in Period.of_year(2025, "quarter")]
        ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']
        """
        return tuple(cls(year, kind, i) for i in range(1, KINDS[kind] + 1))

    # -- order and text -----------------------------------------------------------------------

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """``(year, last month, rank)``: time order, a shorter part before a longer one that
        ends with it."""
        return (self.year, self.months[1], _RANK[self.kind])

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key < other.sort_key

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key <= other.sort_key

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key > other.sort_key

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self.sort_key >= other.sort_key

    def __str__(self) -> str:
        if self.kind == "quarter":
            return f"{self.year}-Q{self.index}"
        if self.kind == "month":
            return f"{self.year}-{self.index:02d}"
        return str(self.year)

    def __repr__(self) -> str:
        if self.kind == "year":
            return f"Period({self.year})"
        return f"Period({self.year}, {self.kind!r}, {self.index})"

    def label(self, lang: str = "id") -> str:
        """The period as a report names it: ``"TW I 2025"`` / ``"Q1 2025"``, ``"Maret 2025"`` /
        ``"March 2025"``, ``"2025"``."""
        if self.kind == "quarter":
            roman = _ROMAN[self.index - 1]
            return f"TW {roman} {self.year}" if lang == "id" else f"Q{self.index} {self.year}"
        if self.kind == "month":
            names = _MONTHS_ID if lang == "id" else _MONTHS_EN
            return f"{names[self.index - 1]} {self.year}"
        return str(self.year)


# -- reading ------------------------------------------------------------------------------------

_ROMAN: Final = ("I", "II", "III", "IV")
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
_MONTHS_EN: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# every name and common abbreviation of a month, Indonesian and English, to its number
_MONTH_NAMES: Final[dict[str, int]] = {
    **{name.lower(): i for i, name in enumerate(_MONTHS_ID, 1)},
    **{name.lower(): i for i, name in enumerate(_MONTHS_EN, 1)},
    **{name[:3].lower(): i for i, name in enumerate(_MONTHS_ID, 1)},
    **{name[:3].lower(): i for i, name in enumerate(_MONTHS_EN, 1)},
    "agt": 8,
    "sept": 9,
    "nop": 11,
    "nopember": 11,
}
_QUARTER_NUMBER: Final = {"1": 1, "2": 2, "3": 3, "4": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}

_YEAR = r"(?P<year>\d{4})"
_TAHUN = r"(?:(?:tahun|thn|th|year|ta)\.?\s*)?"
_QWORD = r"(?:q|tw|triwulan|trw|quarter|kuartal)"
_QNUM = r"(?P<q>[1-4]|iv|iii|ii|i)"
_QUARTER_PATTERNS: Final = (
    # 2025-Q1, 2025Q1, 2025 TW 1, 2025/TW.I, 2025 triwulan I
    re.compile(rf"{_YEAR}\s*[-/_. ]?\s*{_QWORD}\s*[-._ ]?\s*{_QNUM}"),
    # Q1 2025, TW I 2025, Triwulan I Tahun 2025, TW1-2025, TW.I/2025
    re.compile(rf"{_QWORD}\s*[-._ ]?\s*{_QNUM}\s*[-/_., ]?\s*{_TAHUN}{_YEAR}"),
)
_MONTH_NUMBER_PATTERNS: Final = (
    # no dot: "2025.5" is a number mistyped, not May
    re.compile(rf"{_YEAR}\s*[-/]\s*(?P<m>\d{{1,2}})"),  # 2025-03, 2025/3
    re.compile(rf"(?P<m>\d{{1,2}})\s*[-/]\s*{_YEAR}"),  # 03/2025, 3-2025
    re.compile(rf"{_YEAR}(?P<m>\d{{2}})"),  # 202503
)
_MONTH_NAME_PATTERNS: Final = (
    re.compile(rf"(?P<name>[a-z]+)\.?\s*[-/ ]?\s*{_TAHUN}{_YEAR}"),  # Maret 2025, Mar-2025
    re.compile(rf"{_YEAR}\s*[-/ ]?\s*(?P<name>[a-z]+)"),  # 2025 Maret
)
_YEAR_PATTERN: Final = re.compile(rf"{_TAHUN}{_YEAR}")
_DATE_PATTERN: Final = re.compile(r"(?P<year>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[ T][\d:.]*)?")


def _from_text(text: str) -> Period | None:
    s = " ".join(text.strip().lower().split())
    if not s:
        return None
    match = _YEAR_PATTERN.fullmatch(s)
    if match:
        return _make(int(match["year"]))
    for pattern in _QUARTER_PATTERNS:
        match = pattern.fullmatch(s)
        if match:
            return _make(int(match["year"]), "quarter", _QUARTER_NUMBER[match["q"]])
    match = _DATE_PATTERN.fullmatch(s)
    if match:
        return _make(int(match["year"]), "month", int(match["m"]))
    for pattern in _MONTH_NUMBER_PATTERNS:
        match = pattern.fullmatch(s)
        if match:
            return _make(int(match["year"]), "month", int(match["m"]))
    for pattern in _MONTH_NAME_PATTERNS:
        match = pattern.fullmatch(s)
        if match and match["name"] in _MONTH_NAMES:
            return _make(int(match["year"]), "month", _MONTH_NAMES[match["name"]])
    return None


def _make(year: int, kind: PeriodKind = "year", index: int = 1) -> Period | None:
    if not _FIRST_YEAR <= year <= _LAST_YEAR or not 1 <= index <= KINDS[kind]:
        return None
    return Period(year, kind, index)


def _missing(value: object) -> bool:
    """None, NaN, NaT, pandas' NA or blank text: no period given (which is not a bad one)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    try:
        result = value != value  # NaN, NaT; pandas.NA gives NA, whose truth is ambiguous
        return bool(result)
    except (TypeError, ValueError):
        return True


def _from_value(value: object) -> Period | None:
    if isinstance(value, Period):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return _from_text(value)
    if isinstance(value, numbers.Integral):
        return _make(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        return _make(int(number)) if math.isfinite(number) and number.is_integer() else None
    pandas_period = _from_pandas_period(value)
    if pandas_period is not None:
        return pandas_period
    day = _as_date(value)
    if day is not None:
        return _make(day.year, "month", day.month)
    if isinstance(value, bytes):
        try:
            return _from_text(value.decode("utf-8"))
        except UnicodeDecodeError:
            return None
    return None


def _from_pandas_period(value: object) -> Period | None:
    """A ``pandas.Period`` (a Period dtype column holds them) read by its frequency."""
    freq = getattr(value, "freqstr", None)
    year = getattr(value, "year", None)
    if not isinstance(freq, str) or not isinstance(year, int):
        return None
    base = freq.upper().split("-")[0].lstrip("0123456789")
    if base in ("Y", "A", "YE", "AS", "YS"):
        return _make(year)
    if base.startswith("Q"):
        return _make(year, "quarter", int(getattr(value, "quarter", 0)))
    if base in ("M", "ME", "MS"):
        return _make(year, "month", int(getattr(value, "month", 0)))
    return None


def _as_date(value: object) -> _dt.date | None:
    """A date from a ``datetime.date``/``datetime``, a ``numpy.datetime64`` or a pandas
    ``Timestamp`` (a ``datetime`` subclass)."""
    if isinstance(value, _dt.date):
        return value
    if type(value).__name__ == "datetime64":
        import numpy as np

        day = np.asarray(value).astype("datetime64[D]").item()
        return day if isinstance(day, _dt.date) else None
    return None


def as_period(value: object) -> Period | None:
    """The period ``value`` reads as, or None when it is none (or missing).

    >>> as_period("Triwulan IV 2025"), as_period("2025-13"), as_period(None)
    (Period(2025, 'quarter', 4), None, None)
    """
    if _missing(value):
        return None
    return _from_value(value)


def parse_period(value: object) -> Period:
    """The period ``value`` reads as.

    Read: a year (``2025``, ``"2025"``, ``2025.0``, ``"Tahun 2025"``); a quarter (``"2025-Q1"``,
    ``"2025Q1"``, ``"2025-TW1"``, ``"TW I 2025"``, ``"TW1 2025"``, ``"Triwulan I 2025"``,
    ``"Q1 2025"``, any case); a month (``"2025-03"``, ``"2025/3"``, ``"03/2025"``, ``"202503"``,
    ``"Maret 2025"``, ``"Mar 2025"``, ``"March 2025"``); a date (its month); a
    ``pandas.Period`` (by its frequency); a :class:`Period`. Years run from 1000 to 9999.

    Raises :class:`~iku.errors.PeriodError` (a ``ValueError``) naming the value otherwise,
    missing values (None, NaN, blank text) included.

    >>> parse_period("2025-TW2")
    Period(2025, 'quarter', 2)
    >>> parse_period("TW V 2025")
    Traceback (most recent call last):
    ...
    iku.errors.PeriodError: 'TW V 2025' is not a period: write a year (2025), a quarter ...
    """
    period = None if _missing(value) else _from_value(value)
    if period is None:
        message_id, message = both("period.not_a_period", value=_shown(value))
        raise PeriodError(message, message=message_id, value=value)
    return period


def _shown(value: object) -> str:
    return repr(value) if isinstance(value, str) else str(value)


@attrs.frozen
class ReadPeriods:
    """A column of periods as read by :func:`parse_periods`.

    ``periods`` has one entry per value: its :class:`Period`, or None where the value was missing
    or unreadable; ``unreadable`` lists ``(position, value)`` of every value given that is no
    period, so that a reader can name each one.
    """

    periods: tuple[Period | None, ...]
    unreadable: tuple[tuple[int, object], ...] = ()


def parse_periods(values: Iterable[object] | Sequence[object]) -> ReadPeriods:
    """Read a column of periods at once: like :func:`as_period` per value, except that a column
    of dates that are all the 1st of January is a column of years (a year stored as a date).

    >>> from datetime import date
    >>> [str(p) for p in parse_periods([date(2024, 1, 1), date(2025, 1, 1)]).periods]
    ['2024', '2025']
    >>> [str(p) for p in parse_periods([date(2025, 1, 1), date(2025, 2, 1)]).periods]
    ['2025-01', '2025-02']
    >>> parse_periods(["2025-Q1", "Q5", None]).unreadable
    ((1, 'Q5'),)
    """
    items = _as_list(values)
    dates = [_as_date(v) if not _missing(v) else None for v in items]
    given = [d for d in dates if d is not None]
    years_as_dates = (
        bool(given)
        and len(given) == sum(not _missing(v) for v in items)
        and all(d.month == 1 and d.day == 1 for d in given)
    )
    periods: list[Period | None] = []
    unreadable: list[tuple[int, object]] = []
    for position, (value, day) in enumerate(zip(items, dates, strict=True)):
        if years_as_dates and day is not None:
            periods.append(_make(day.year))
            continue
        if _missing(value):
            periods.append(None)
            continue
        period = _from_value(value)
        periods.append(period)
        if period is None:
            unreadable.append((position, value))
    return ReadPeriods(tuple(periods), tuple(unreadable))


def _as_list(values: Iterable[object]) -> list[object]:
    tolist = getattr(values, "tolist", None)
    if callable(tolist):
        kind = getattr(getattr(values, "dtype", None), "kind", "")
        if kind == "M":  # numpy datetime64 to Python dates (a nanosecond unit gives ints)
            import numpy as np

            listed = np.asarray(values).astype("datetime64[D]").tolist()
            return list(listed)
        if kind != "O":
            return list(tolist())
    return list(values)
