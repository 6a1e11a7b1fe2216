"""Reading a data file of any kind: :func:`load_data` and :func:`read_data`."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

import numpy as np

from iku import arguments
from iku.errors import ArgumentError
from iku.io.datafile import (
    PERIOD,
    PERIOD_ALIASES,
    ArrowColumn,
    Column,
    Columns,
    DataFile,
    Layout,
    ObjectColumn,
    TextColumn,
    assemble,
    number_codes,
    rename,
)
from iku.io.numbers import DecimalMark
from iku.io.paths import error, kind
from iku.io.template import DATA_SHEET, label_texts
from iku.messages import both
from iku.model import Indicator, IndicatorSet

__all__ = ["Progress", "check_decimal", "load_data", "read_data"]

Progress = Callable[[float], None]
"""Called with the fraction of a file read so far (0 to 1)."""


def check_decimal(decimal: object) -> DecimalMark | None:
    """``decimal`` as a decimal mark, or an :class:`~iku.errors.ArgumentError`."""
    if decimal is None:
        return None
    if decimal == ".":
        return "."
    if decimal == ",":
        return ","
    indonesian, english = both("io.bad_decimal", value=decimal)
    raise ArgumentError(english, message=indonesian)


def read_data(
    path: str | os.PathLike[str],
    subject: IndicatorSet | Indicator | None = None,
    *,
    decimal: DecimalMark | None = None,
    encoding: str | None = None,
) -> Columns:
    """The data in ``path`` (``.csv``, ``.xlsx``, ``.parquet``) as a mapping of column name to
    numpy array, ready for :func:`iku.evaluate`; ``subject`` (the set) lets headers and the
    template's label row be recognised, and tells variables (read as numbers) from keys (read as
    text). The issues found while reading are left out: :func:`load_data` keeps them."""
    return load_data(path, subject, decimal=decimal, encoding=encoding).columns


def load_data(
    path: str | os.PathLike[str],
    subject: IndicatorSet | Indicator | None = None,
    *,
    decimal: DecimalMark | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
) -> DataFile:
    """The data in ``path`` as a :class:`~iku.io.DataFile`: its columns, the issues found
    while reading it, and the place of each row (``data.csv:12``, ``data!C7``).

    ``decimal`` (``"."`` or ``","``) says how numbers are written, for every column; by default
    a file says it (a ``;`` CSV and a template iku wrote in Indonesian use the decimal comma)
    or each column does (see :mod:`iku.io.numbers`). ``encoding`` names a CSV's encoding when it
    is not UTF-8. ``progress`` is called with the fraction read so far.
    """
    path = arguments.path(path)
    if subject is not None:
        arguments.instance(subject, (IndicatorSet, Indicator), "subject", "argument.subject")
    decimal = check_decimal(decimal)
    found = kind(path)
    if found == "parquet":
        from iku.io.parquet import read_parquet

        return read_parquet(path, subject, decimal=decimal)

    def no_heading(column: int) -> Exception:
        return error("no_heading", path=path, column=column)

    if found == "csv":
        from iku.io.arrow import ArrowKeys, ArrowNumbers, ArrowYears
        from iku.io.csv import read_csv

        codes = set(number_codes(subject))

        def converters(header: list[str], rows: int) -> list[Any]:
            # a variable's text is looked at for numbers as it is read, then let go
            names = rename(header, subject)
            return [
                ArrowNumbers(rows)
                if name in codes
                else ArrowYears()
                if name == PERIOD
                else ArrowKeys()
                for name in names
            ]

        reading = None if progress is None else (lambda done: progress(0.8 * done))
        table = read_csv(path, encoding=encoding, progress=reading, converters=converters)
        columns: list[Column] = [
            ArrowColumn(c) if table.arrow else TextColumn(c) for c in table.columns
        ]
        table.columns.clear()  # each column's text is freed once it is read
        stated: DecimalMark | None = "," if table.delimiter == ";" else None
        data = assemble(
            Layout(path, table.lines),
            table.header,
            columns,
            subject,
            asked=decimal,
            stated=stated,
            no_heading=no_heading,
        )
    else:
        from iku.io.excel import letter, read_sheet, sheet_table

        sheet = read_sheet(path, DATA_SHEET)
        known = frozenset(c.lower() for c in number_codes(subject)) | PERIOD_ALIASES
        labels = label_texts(subject) if isinstance(subject, IndicatorSet) else frozenset()
        table_ = sheet_table(sheet, known | {"indicator", "target"}, labels)
        lines = np.array(table_.numbers, dtype=np.int64)
        data = assemble(
            Layout(path, lines, table_.header_line, sheet.sheet),
            table_.header,
            [ObjectColumn(c) for c in table_.columns],
            subject,
            asked=decimal,
            stated=sheet.convention,
            no_heading=lambda n: error("no_heading", path=path, column=letter(n)),
        )
    if "pyarrow" in sys.modules and sys.modules["pyarrow"] is not None:
        sys.modules["pyarrow"].default_memory_pool().release_unused()  # what reading needed
    if progress is not None:
        progress(1.0)
    return data
