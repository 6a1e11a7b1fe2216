"""A table of units before it is evaluated: which rows, which columns are keys, how units sum.

A data file usually holds one row per unit (a kelurahan, a school) and period. These functions
hold the choices the command line makes about such a table, so an application can make the
same ones:

- :func:`select_period` keeps the rows of one period;
- :func:`key_columns` names the columns that are neither a variable nor the period (the units'
  keys), and :func:`misspelt_columns` those among them that look like a variable mistyped;
- :func:`default_grouping` says how to evaluate the table when no ``by`` is given: row by row
  when there is one row per period, else the units summed per period (``by=[]``: a ratio of
  sums, never a mean of ratios).

>>> import numpy as np
>>> from iku import get_set
>>> s = get_set("kota-madiun.dinsosppa.2025-2026")
>>> table = {
...     "kecamatan": np.array(["Taman", "Taman"]),
...     "period": np.array([2025, 2026]),
...     "psks": np.array([50, 55]),
...     "psks_diberdaya": np.array([40, 45]),
... }
>>> key_columns(s, table)
('kecamatan', 'psks_diberdaya')
>>> misspelt_columns(s, table)
{'psks_diberdaya': 'psks_diberdayakan'}
>>> default_grouping(s, table)
Grouping(by=(), keys=('kecamatan', 'psks_diberdaya'))
>>> select_period(table, 2026)["psks"]
array([55])
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any, Final, cast

import attrs
import numpy as np

from iku import arguments
from iku.model import Indicator, IndicatorSet

__all__ = [
    "Grouping",
    "default_grouping",
    "key_columns",
    "misspelt_columns",
    "period_mask",
    "select_period",
]

PERIOD: Final = "period"
"""The column that holds each row's period."""


@attrs.frozen
class Grouping:
    """How to evaluate a table when no ``by`` is given.

    ``by`` is what to pass to :func:`iku.evaluate`: None (row by row) or ``()`` (the units
    summed per period). ``keys`` are the key columns that the sum goes over.
    """

    by: tuple[str, ...] | None
    keys: tuple[str, ...] = ()

    @property
    def summed(self) -> bool:
        """Whether rows of several units are summed into one per period."""
        return self.by is not None

    def columns(self, table: Mapping[str, Any]) -> dict[str, Any]:
        """``table`` without the key columns that the sum goes over."""
        return {name: column for name, column in table.items() if name not in self.keys}


def _codes(subject: IndicatorSet | Indicator) -> set[str]:
    arguments.instance(subject, (IndicatorSet, Indicator), "subject", "argument.subject")
    if isinstance(subject, IndicatorSet):
        return {v.code for v in subject.variables}
    return set(subject.variables)


def key_columns(subject: IndicatorSet | Indicator, columns: Iterable[str]) -> tuple[str, ...]:
    """The columns that are neither a variable of ``subject`` nor ``period`` nor named like one
    of its indicators (a realisasi given directly), in their order."""
    codes = _codes(subject)
    given = {c.casefold() for c in (subject.codes if isinstance(subject, IndicatorSet) else ())}
    if isinstance(subject, Indicator):
        given = {subject.code.casefold()}
    names = arguments.iterable(columns, "columns", "argument.iterable")
    return tuple(
        c
        for c in names
        if c not in codes and c != PERIOD and not (isinstance(c, str) and c.casefold() in given)
    )


def misspelt_columns(
    subject: IndicatorSet | Indicator, columns: Iterable[str], *, cutoff: float = 0.8
) -> dict[str, str]:
    """The key columns that look like a variable of ``subject`` mistyped, and that variable.

    ``cutoff`` is the least similarity (0 to 1) of :func:`difflib.get_close_matches`.
    """
    codes = sorted(_codes(subject))
    hints = {}
    for column in key_columns(subject, columns):
        if not isinstance(cast(object, column), str):
            continue
        close = difflib.get_close_matches(column, codes, n=1, cutoff=cutoff)
        if close:
            hints[column] = close[0]
    return hints


def select_period(table: Mapping[str, Any], period: Any) -> dict[str, Any]:
    """The rows of ``table`` (a mapping of column to numpy array) whose ``period`` is ``period``;
    the whole table when it has no period column. :func:`period_mask` gives the rows kept."""
    keep = period_mask(table, period)
    return {name: column[keep] for name, column in table.items()}


def period_mask(table: Mapping[str, Any], period: Any) -> Any:
    """A boolean numpy array: True for each row of ``table`` whose ``period`` is ``period``."""
    if PERIOD not in table:
        length = len(next(iter(table.values()))) if table else 0
        return np.ones(length, dtype=bool)
    return np.array([p == period for p in np.asarray(table[PERIOD]).tolist()], dtype=bool)


def default_grouping(subject: IndicatorSet | Indicator, table: Mapping[str, Any]) -> Grouping:
    """How the command line evaluates ``table`` when no ``by`` is given: row by row when the
    table has no key column and one row per period, else summed per period over its keys."""
    arguments.instance(table, Mapping, "table", "argument.mapping")
    keys = key_columns(subject, table)
    if keys:  # units to sum (no need to look at the periods of millions of rows)
        return Grouping(by=(), keys=keys)
    length = len(next(iter(table.values()))) if table else 0
    periods = np.asarray(table[PERIOD]).tolist() if PERIOD in table else [None] * length
    if len(set(periods)) == len(periods):
        return Grouping(by=None)
    return Grouping(by=(), keys=keys)
