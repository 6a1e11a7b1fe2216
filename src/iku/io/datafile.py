"""A data file read into columns, with the issues found while reading and the place of each row.

A data file has one column per variable, headed by the variable's code (in any case); every
other column is a key (a unit such as ``kecamatan``), and an optional ``period`` column (also
``periode``, ``tahun``, ``year``) holds the period. Variables are read as numbers (one
convention per column: :mod:`iku.io.numbers`), keys as text (``0101`` stays ``"0101"``).

What the reader does not take in becomes an issue with its place, and the cell gets no value:
a number in doubt (``ambiguous_number``), a control character, a formula or a spreadsheet error
(``unreadable_cell``), a column that comes twice (``duplicate_column``: neither copy is used,
unless only one of them holds values). A row with no value at all is skipped (the template's
years prefilled but not filled in).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs
import numpy as np
import numpy.typing as npt

from iku.io.cells import MISSING_TEXT, unreadable
from iku.io.excel import letter
from iku.io.issues import Word, capped, reader_issue
from iku.io.numbers import (
    ISSUES_PER_COLUMN,
    Cells,
    DecimalMark,
    Numbers,
    classify_objects,
    classify_texts,
    read_numbers,
    tighten,
)
from iku.model import Indicator, IndicatorSet
from iku.validation import Issue, IssueCode

__all__ = [
    "PERIOD",
    "PERIOD_ALIASES",
    "Column",
    "DataFile",
    "Found",
    "Layout",
    "assemble",
    "number_codes",
    "python_keys",
    "python_periods",
    "rename",
    "subject_codes",
]

PERIOD: Final = "period"
PERIOD_ALIASES: Final = frozenset({"period", "periode", "tahun", "year"})

Columns = dict[str, Any]
"""Column name to a numpy array: int64 or float64 when every cell is a number (NaN where a cell
has no value, as pandas has it), else an object array holding numbers, text and ``None``."""


@attrs.frozen(eq=False)
class DataFile:
    """A data table read from a file: its columns, the issues found while reading it, and the
    place of each row in the file.

    ``columns`` is what :func:`iku.evaluate` takes (``pandas.DataFrame(data.columns)`` makes a
    frame of it); ``evaluate`` also takes the DataFile itself, and then keeps its issues and
    names each row by its place.
    """

    columns: Columns
    """The data: column name to numpy array, in the file's order."""
    issues: tuple[Issue, ...] = ()
    """What the reader did not take in, each with its place."""
    path: Path = attrs.field(factory=Path, converter=Path)
    lines: npt.NDArray[np.int64] | range | None = None
    """For each row, its line (CSV) or row number (Excel) in the file (a range where each line
    is a row: nothing per row is held); None for Parquet."""
    sheet: str | None = None
    """The sheet of a workbook the data comes from."""
    letters: Mapping[str, str] = attrs.field(factory=dict)
    """A workbook's column letter of each column."""
    missing: tuple[str, ...] = ()
    """Variables of the subject that the file has no column for."""

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0

    @property
    def rows(self) -> tuple[int, ...] | None:
        """For each row, its line (CSV) or row number (Excel) in the file; None for Parquet."""
        return None if self.lines is None else tuple(int(line) for line in self.lines)

    def place(self, row: int, column: str | None = None) -> str | None:
        """Where row ``row`` (from 0, as in ``columns``) is in the file: ``data.csv:12`` (a CSV
        line), ``data!C7`` (a workbook's cell of ``column``; ``data!7:7`` the whole row),
        ``data.parquet:row 12``; None for a row that is not there."""
        if not 0 <= row < len(self):
            return None
        if self.lines is None:
            return f"{self.path.name}:row {row + 1}"
        line = int(self.lines[row])
        if self.sheet is None:
            return f"{self.path.name}:{line}"
        found = self.letters.get(column) if column is not None else None
        return f"{self.sheet}!{found}{line}" if found else f"{self.sheet}!{line}:{line}"

    def take(self, keep: Any) -> DataFile:
        """The rows where ``keep`` (a boolean mask, or positions) is true, each keeping its
        place; the issues of the rows left out are left out too."""
        index = np.arange(len(self))[keep]
        renumber = dict(zip(index.tolist(), range(len(index)), strict=True))
        issues = []
        for issue in self.issues:
            if isinstance(issue.row, int):
                if issue.row not in renumber:
                    continue
                issue = attrs.evolve(issue, row=renumber[issue.row])
            issues.append(issue)
        return attrs.evolve(
            self,
            columns={name: column[index] for name, column in self.columns.items()},
            issues=tuple(issues),
            lines=None if self.lines is None else np.asarray(self.lines)[index],
        )


def subject_codes(subject: IndicatorSet | Indicator | None) -> list[str]:
    """The variable codes of a set or an indicator, in order."""
    if isinstance(subject, IndicatorSet):
        return [v.code for v in subject.variables]
    if isinstance(subject, Indicator):
        return list(subject.variables)
    return []


def number_codes(subject: IndicatorSet | Indicator | None) -> list[str]:
    """The columns read as numbers: the variables, then the indicators' codes (a column named
    like an indicator gives its realisasi directly, see ``docs/rules.md``)."""
    variables = subject_codes(subject)
    if isinstance(subject, IndicatorSet):
        indicators = list(subject.codes)
    elif isinstance(subject, Indicator):
        indicators = [subject.code]
    else:
        indicators = []
    return [*variables, *(c for c in indicators if c not in variables)]


def _used(subject: IndicatorSet | Indicator | None) -> list[str]:
    if isinstance(subject, IndicatorSet):
        return list(dict.fromkeys(c for ind in subject for c in ind.variables))
    return subject_codes(subject)


class Column:
    """One column of a file as its reader found it, read as numbers, periods or keys."""

    n: int

    def cells(self) -> list[Cells]:
        """Its cells looked at for numbers, part by part."""
        raise NotImplementedError

    def text(self, row: int) -> str:
        """A cell as written, for messages."""
        raise NotImplementedError

    def values(self) -> Sequence[Any]:
        """Its cells as Python values (None where missing)."""
        raise NotImplementedError

    def keys(self) -> Found:
        """Its cells as keys."""
        return python_keys(self.values())

    def periods(self) -> Found:
        """Its cells as periods."""
        return python_periods(self.values())

    def release(self) -> None:
        """Let go of the cells once read (a large file's text is freed column by column)."""


class TextColumn(Column):
    """Texts of a CSV file read by Python's csv module (``""``: an empty cell)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.n = len(texts)

    def cells(self) -> list[Cells]:
        return [classify_texts(self.texts)]

    def text(self, row: int) -> str:
        return self.texts[row]

    def release(self) -> None:
        self.texts = []

    def values(self) -> Sequence[Any]:
        return self.texts


class ObjectColumn(Column):
    """Values of a workbook's column: numbers, texts, dates, booleans, None."""

    def __init__(self, items: Sequence[Any]) -> None:
        self.items = items
        self.n = len(items)

    def cells(self) -> list[Cells]:
        return [classify_objects(self.items)]

    def text(self, row: int) -> str:
        item = self.items[row]
        return item if isinstance(item, str) else str(item)

    def values(self) -> Sequence[Any]:
        return self.items

    def keys(self) -> Found:
        return python_keys(self.items, formulas=True)

    def periods(self) -> Found:
        return python_periods(self.items, formulas=True)


class ArrowColumn(Column):
    """A column of text read by pyarrow, in chunks of rows (null: an empty or missing cell);
    a variable's chunks may already be looked at for numbers (:class:`~iku.io.numbers.Cells`)."""

    def __init__(self, chunks: Sequence[Any]) -> None:
        self.chunks = list(chunks)
        self.starts = np.cumsum([0, *(len(c) for c in self.chunks)])
        self.n = int(self.starts[-1])

    def cells(self) -> list[Cells]:
        from iku.io.arrow import classify_arrow

        return [c if isinstance(c, Cells) else classify_arrow(c) for c in self.chunks]

    def text(self, row: int) -> str:
        part = int(np.searchsorted(self.starts, row, side="right")) - 1
        chunk, at = self.chunks[part], row - int(self.starts[part])
        if isinstance(chunk, Cells):
            found: Any = chunk.texts.get(at, chunk.special.get(at, (None, ""))[1])
        else:
            found = chunk[at].as_py()
        return "" if found is None else str(found)

    def values(self) -> Sequence[Any]:
        return [v for chunk in self.chunks for v in chunk.tolist()]

    def release(self) -> None:
        self.chunks = []

    def keys(self) -> Found:
        import pyarrow as pa

        from iku.io.arrow import key_values

        if not self.chunks:
            return Found(np.empty(0, dtype=object), np.zeros(0, dtype=bool))
        array, present, bad, count = key_values(
            pa.chunked_array(self.chunks, type=self.chunks[0].type)
        )
        return Found(array, present, bad, count)

    def periods(self) -> Found:
        from iku.io.arrow import ArrowYears

        if not all(isinstance(c, np.ndarray) for c in self.chunks):
            years = ArrowYears()
            for chunk in self.chunks:
                if isinstance(chunk, np.ndarray):
                    years.parts.append(chunk)
                else:
                    years.add(chunk)
            self.chunks = years.done()
        if all(isinstance(c, np.ndarray) for c in self.chunks):
            found = np.concatenate(self.chunks) if len(self.chunks) != 1 else self.chunks[0]
            return Found(found.astype(np.int64), np.ones(len(found), dtype=bool))
        return python_periods(self.values())


@attrs.frozen
class Found:
    """A column read as keys or periods: its array, where it holds something, and the first
    cells not taken in (row, text, reason) with their count."""

    array: Any
    present: npt.NDArray[np.bool_]
    bad: list[tuple[int, str, str]] = attrs.field(factory=list)
    count: int = 0


def python_keys(items: Sequence[Any], *, formulas: bool = False) -> Found:
    out = np.empty(len(items), dtype=object)
    present = np.ones(len(items), dtype=bool)
    seen: dict[str, tuple[Any, str | None]] = {}
    found: list[tuple[int, str, str]] = []
    count = 0
    for i, item in enumerate(items):
        if isinstance(item, str):
            if item not in seen:
                stripped = item.strip()
                missing = stripped.lower() in MISSING_TEXT
                reason = None if missing else unreadable(item, formulas=formulas)
                seen[item] = (None if missing or reason else stripped, reason)
            value, reason = seen[item]
            if reason is not None:
                count += 1
                if len(found) < ISSUES_PER_COLUMN:
                    found.append((i, item, reason))
            else:
                present[i] = value is not None
            out[i] = value
        elif item is None or (isinstance(item, float) and math.isnan(item)):
            out[i] = None
            present[i] = False
        elif isinstance(item, float) and item.is_integer() and abs(item) < 2**53:
            out[i] = int(item)
        else:
            out[i] = item
    return Found(out, present, found, count)


def python_periods(items: Sequence[Any], *, formulas: bool = False) -> Found:
    """A column of periods (:mod:`iku.periods`): a year as an int (``2025``), a part of a year
    as its usual text (``"2025-Q1"``, ``"2025-03"``: ``TW I 2025`` and ``2025Q1`` meet on it),
    None where missing; a text that is no period is kept as it is, for the evaluation to report;
    a cell not taken in (a control character, a formula) is None, with its issue."""
    from iku.periods import parse_periods

    given: list[Any] = []
    found: list[tuple[int, str, str]] = []
    count = 0
    for i, item in enumerate(items):
        if isinstance(item, str):
            stripped = item.strip()
            reason = (
                None if stripped.lower() in MISSING_TEXT else unreadable(item, formulas=formulas)
            )
            if reason is not None:
                count += 1
                if len(found) < ISSUES_PER_COLUMN:
                    found.append((i, item, reason))
            given.append(None if reason or stripped.lower() in MISSING_TEXT else stripped)
        elif isinstance(item, float) and math.isnan(item):
            given.append(None)
        else:
            given.append(item)
    # a column of periods holds few of them: each distinct value is read once (a column of
    # dates keeps its meaning: its distinct dates are all the 1st of January when all are)
    keys: list[Any]
    try:
        keys = [(type(value), value) for value in given]
        distinct = list(dict.fromkeys(keys))
        values = [value for _, value in distinct]
    except TypeError:  # a value that cannot be hashed: each is read on its own
        keys = list(range(len(given)))
        distinct, values = keys, list(given)
    read = parse_periods(values)
    meaning: dict[Any, Any] = {
        key: None if period is None else period.year if period.is_year else str(period)
        for key, period in zip(distinct, read.periods, strict=True)
    }
    for i, value in read.unreadable:
        meaning[distinct[i]] = value
    out: list[Any] = [meaning[key] for key in keys]
    present = np.array([v is not None for v in out], dtype=bool)
    if found:
        present[[row for row, _, _ in found]] = True
    if out and all(type(v) is int for v in out):
        return Found(np.array(out, dtype=np.int64), present, found, count)
    array = np.empty(len(out), dtype=object)
    array[:] = out
    return Found(array, present, found, count)


def rename(header: Sequence[str], subject: IndicatorSet | Indicator | None) -> list[str]:
    """Headers matched to the subject's codes whatever their case; aliases of ``period``."""
    codes = {c.lower(): c for c in number_codes(subject)}
    out: list[str] = []
    for name in header:
        low = name.strip().lower()
        if low in PERIOD_ALIASES:
            out.append(PERIOD)
        elif low in codes:
            out.append(codes[low])
        else:
            out.append(name.strip())
    return out


@attrs.frozen
class Layout:
    """Where a table is in its file: what to call its columns and rows in messages."""

    path: Path
    lines: npt.NDArray[np.int64] | range | None
    """The line or row number of each row; None: rows are numbered (Parquet)."""
    header_line: int = 1
    sheet: str | None = None

    def column_name(self, n: int) -> str:
        """Column ``n`` (from 0): its letter in a sheet, its number in a file."""
        return letter(n + 1) if self.sheet is not None else str(n + 1)

    def header_place(self, n: int) -> str:
        """The place of column ``n``'s heading."""
        if self.lines is None:
            return self.path.name
        if self.sheet is not None:
            return f"{self.sheet}!{letter(n + 1)}{self.header_line}"
        return f"{self.path.name}:{self.header_line}"


def assemble(
    layout: Layout,
    header: Sequence[str],
    columns: Sequence[Column],
    subject: IndicatorSet | Indicator | None,
    *,
    asked: DecimalMark | None,
    stated: DecimalMark | None,
    no_heading: Callable[[int], Exception],
) -> DataFile:
    """A :class:`DataFile` from a file's header and columns: headers renamed, each column read
    as numbers (a variable), periods or keys, empty rows skipped, every issue placed."""
    codes = set(number_codes(subject))
    names = rename([h or f"#{n}" for n, h in enumerate(header)], subject)
    n_rows = columns[0].n if columns else 0
    read: dict[int, tuple[Any, Any, bool, list[_Found]]] = {}
    for n, (name, column) in enumerate(zip(names, columns, strict=True)):
        array, present, said = _read(name, column, codes, asked, stated)
        # where each column holds something, in bits: kept for every column until the empty
        # rows are known (a byte per cell would weigh as much as a column of counts)
        read[n] = (array, np.packbits(present), bool(present.any()), said)
        del array, present
        column.release()
    for n, head in enumerate(header):
        if not head and read[n][2]:
            raise no_heading(n + 1)
    keep = [n for n, head in enumerate(header) if head]
    issues: list[_Found] = []
    chosen: dict[str, int] = {}
    by_name: dict[str, list[int]] = {}
    for n in keep:
        by_name.setdefault(names[n], []).append(n)
    for name, copies in by_name.items():
        filled = [n for n in copies if read[n][2]]
        if len(filled) > 1:
            issues.append(_duplicate(layout, name, filled))
        else:
            chosen[name] = (filled or copies)[0]
    order = sorted(chosen.values())
    out: Columns = {names[n]: read[n][0] for n in order}
    filled_rows = np.ones(n_rows, dtype=bool)
    if codes and n_rows:
        bits = [read[n][1] for n in order if names[n] != PERIOD]
        if bits:
            either = bits[0].copy()
            for more in bits[1:]:
                either |= more
            filled_rows = np.unpackbits(either, count=n_rows).astype(bool)
    for n in order:
        issues.extend(read[n][3])
    del read
    lines = layout.lines
    position = None
    if not filled_rows.all():
        out = {name: tighten(column[filled_rows]) for name, column in out.items()}
        lines = None if lines is None else np.asarray(lines)[filled_rows]
        position = np.cumsum(filled_rows) - 1
    data = DataFile(
        out,
        (),
        layout.path,
        lines,
        layout.sheet,
        {names[n]: letter(n + 1) for n in order} if layout.sheet is not None else {},
        tuple(c for c in _used(subject) if c not in out),
    )
    placed = [found.issue(data, position) for found in issues]
    return attrs.evolve(data, issues=tuple(placed))


@attrs.frozen
class _Found:
    """An issue found in a column, before its row's place in the data is known."""

    code: IssueCode
    key: str
    column: str | None
    row: int | None
    """The row in the file's table (before empty rows are skipped); None: no row."""
    fields: dict[str, Any]
    place: str | None = None

    def issue(self, data: DataFile, position: npt.NDArray[np.intp] | None) -> Issue:
        """The issue, its row numbered among the rows kept (``position``: the new number of
        each row of the file's table; None: every row was kept)."""
        row = (
            None if self.row is None else self.row if position is None else int(position[self.row])
        )
        place = self.place if self.row is None or row is None else data.place(row, self.column)
        return reader_issue(
            self.code, self.key, place=place, variable=self.column, row=row, **self.fields
        )


def _duplicate(layout: Layout, name: str, found: Sequence[int]) -> _Found:
    columns = ", ".join(layout.column_name(n) for n in found)
    return _Found(
        IssueCode.DUPLICATE_COLUMN,
        "duplicate_column",
        name,
        None,
        {"columns": columns, "name": name},
        layout.header_place(found[0]),
    )


def _read(
    name: str,
    column: Column,
    codes: set[str],
    asked: DecimalMark | None,
    stated: DecimalMark | None,
) -> tuple[Any, npt.NDArray[np.bool_], list[_Found]]:
    """A column read as numbers, periods or keys; where it holds something; its issues."""
    if name in codes:
        numbers = read_numbers(column.cells(), asked=asked, stated=stated, text=column.text)
        return numbers.array, numbers.present, _number_issues(name, numbers)
    read = column.periods() if name == PERIOD else column.keys()
    found = capped(
        read.bad,
        read.count,
        lambda cell: _Found(
            IssueCode.UNREADABLE_CELL,
            f"unreadable.{cell[2]}",
            name,
            cell[0],
            {"column": name, "text": _shown(cell[1])},
        ),
        lambda rest: _Found(
            IssueCode.UNREADABLE_CELL, "more", name, None, {"column": name, "count": rest}
        ),
    )
    return read.array, read.present, found


def _shown(text: str) -> str:
    from iku.io.cells import shown

    return shown(text)


def _number_issues(name: str, numbers: Numbers) -> list[_Found]:
    found: list[_Found] = []
    for doubt in numbers.doubts:
        fields: dict[str, Any] = {"column": name, "text": _shown(doubt.text)}
        if doubt.reason in ("point", "comma"):
            key = "ambiguous.against"
            fields["written"] = Word(f"io.{doubt.reason}")
            fields["used"] = Word("io.comma" if doubt.reason == "point" else "io.point")
        else:
            key = f"ambiguous.{doubt.reason}"
            if doubt.reason == "two_ways":
                fields["point"] = _number(doubt.with_point)
                fields["comma"] = _number(doubt.with_comma)
        found.append(_Found(IssueCode.AMBIGUOUS_NUMBER, key, name, doubt.row, fields))
    if numbers.doubt_count > len(numbers.doubts):
        rest = numbers.doubt_count - len(numbers.doubts)
        fields = {"column": name, "count": rest}
        found.append(_Found(IssueCode.AMBIGUOUS_NUMBER, "more", name, None, fields))
    for row, text, reason in numbers.unreadable:
        fields = {"column": name, "text": _shown(text)}
        found.append(_Found(IssueCode.UNREADABLE_CELL, f"unreadable.{reason}", name, row, fields))
    if numbers.unreadable_count > len(numbers.unreadable):
        rest = numbers.unreadable_count - len(numbers.unreadable)
        fields = {"column": name, "count": rest}
        found.append(_Found(IssueCode.UNREADABLE_CELL, "more", name, None, fields))
    return found


def _number(value: float) -> str:
    """A number as a person reads it in a message: ``1500`` or ``1.5``, never ``1500.0``."""
    if math.isfinite(value) and value.is_integer():
        return str(int(value))
    return repr(value)
