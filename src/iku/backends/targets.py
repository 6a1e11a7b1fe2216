"""Targets: what the caller gave, read once per evaluation and looked up per indicator and period.

``targets`` maps an indicator code to a number, a :class:`~iku.TargetRange` or a pair
``(lo, hi)``, or to a mapping ``{year: number-or-range}`` (years as int or text). A target that
is not a finite number is no target: the lookup says why, and the indicator gets a
``missing_target`` warning rather than a wrong capaian.

>>> t = {"IKU-1": {2025: 80, "2026": (85, 90)}, "IKU-2": "80%"}
>>> lookup(t["IKU-1"], 2026)
(TargetRange(lo=85.0, hi=90.0), None)
>>> lookup(t["IKU-1"], None)[1]
('no_period', {'years': '2025, 2026'})
>>> lookup(t["IKU-2"], 2025)[1]
('not_a_number', {'period': 2025, 'value': "'80%'"})
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, TypeAlias

from iku.periods import as_period
from iku.scales import TargetRange
from iku.validation import show_value

__all__ = ["Target", "lookup", "period_key"]

Target: TypeAlias = "float | TargetRange"
"""A usable target: a finite number or a range."""
Problem: TypeAlias = "tuple[str, dict[str, Any]] | None"
"""Why there is no target: a message variant of ``missing_target`` and its fields."""


class _Bad:
    """A target value that is not a number (kept to say so in the message)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _target(value: object) -> float | TargetRange | _Bad:
    kind = type(value)
    if kind is float or kind is int:
        number = _finite(value)
        return _Bad(show_value(value)) if number is None else number
    if isinstance(value, TargetRange):
        return value
    if isinstance(value, list | tuple) and len(value) == 2:
        lo, hi = (_finite(x) for x in value)
        if lo is not None and hi is not None and lo <= hi:
            return TargetRange(lo, hi)
        return _Bad(show_value(value))
    number = _finite(value)
    return _Bad(show_value(value)) if number is None else number


def _finite(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal | Fraction):
        return None  # numpy.bool_ is no Real; numpy's numbers are
    try:
        number = float(value)
    except (OverflowError, ValueError, TypeError, ArithmeticError):
        return None
    return number if math.isfinite(number) else None


def period_key(period: object) -> Any:
    """The period as it is looked up in a per-year mapping: a whole number as ``int``
    (``"2025"``, ``2025.0`` and ``numpy.int64(2025)`` are all ``2025``), anything else as is."""
    if type(period) is int:
        return period
    if isinstance(period, bool):
        return period
    if isinstance(period, numbers.Integral):
        return int(period)
    if isinstance(period, str):
        text = period.strip()
        return int(text) if text.isdigit() else period
    if isinstance(period, numbers.Real):
        try:
            number = float(period)
        except (OverflowError, ValueError, TypeError):
            return period
        return int(number) if number.is_integer() else period
    return period


def lookup(given: object, period: object) -> tuple[Target | None, Problem]:
    """The target for ``period`` from what was given for an indicator (None when nothing was),
    or None and why there is none."""
    kind = type(given)
    if kind is float:
        if given - given == 0.0:  # type: ignore[operator]
            return given, None  # type: ignore[return-value]
    elif kind is int:
        try:
            return float(given), None  # type: ignore[arg-type]
        except OverflowError:
            pass
    if given is None:
        if period is None:
            return None, ("none", {})
        return None, ("period", {"period": period})
    if kind is dict or isinstance(given, Mapping):
        years: Mapping[Any, Any] = given  # type: ignore[assignment]
        if period is None:
            if len(years) != 1:
                listed = ", ".join(str(year) for year in years)
                return None, ("no_period", {"years": listed})
            given = next(iter(years.values()))
        else:
            given = _year(years, period_key(period))
            if given is _ABSENT:
                return None, ("period", {"period": period})
            if type(given) is float and given - given == 0.0:
                return given, None
        if given is None:
            return None, ("period", {"period": period}) if period is not None else ("none", {})
    found = _target(given)
    if isinstance(found, _Bad):
        variant = "not_a_number" if period is not None else "not_a_number_no_period"
        return None, (variant, {"period": period, "value": found.text})
    return found, None


_ABSENT: Final = object()


def _year(given: Mapping[Any, Any], key: Any) -> Any:
    """The entry of ``key`` (a :func:`period_key`): exact first, else any year that reads the
    same (``"2025"`` for ``2025``); ``_ABSENT`` when there is none."""
    try:
        found = given.get(key, _ABSENT)
    except TypeError:  # an unhashable period
        found = _ABSENT
    if found is _ABSENT:
        for year, value in given.items():
            if _same(period_key(year), key):
                return value
        # the same period written another way: "TW I 2025" for "2025-Q1"
        period = as_period(key)
        if period is not None:
            for year, value in given.items():
                if as_period(year) == period:
                    return value
    return found


def _same(a: object, b: object) -> bool:
    try:
        return bool(a == b)
    except Exception:  # a period such as pandas' NA cannot be compared: it is no year
        return False
