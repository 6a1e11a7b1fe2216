"""Reading a sheet of an Excel workbook at the cost of its real cells.

A workbook is a zip of XML parts, and both can lie: a 1.7 KB file may declare its sheet spans
``A1:XFD1048576`` (17 billion cells), and a zip may unpack to gigabytes. So the reader

- checks the unpacked size of every part in the zip before anything is opened (the zip's own
  sizes bound what is unpacked: Python's zipfile stops at them);
- opens the workbook read-only (openpyxl streams the sheet's rows), ignores the sheet's claimed
  dimensions, and reads the rows that are there;
- refuses a sheet with more than :data:`MAX_ROWS` rows, a cell beyond column :data:`MAX_COLUMNS`,
  more than :data:`MAX_CELLS` cells or a text longer than :data:`MAX_TEXT` characters (Excel's
  own limit), with an :class:`~iku.errors.InputError` that says which.

Values are read as Excel last computed them (``data_only``); a formula is never run.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from iku.errors import InputError
from iku.io.paths import check_file, error
from iku.io.template import DATA_SHEET, template_convention
from iku.optional import require

if TYPE_CHECKING:
    from iku.io.numbers import DecimalMark

__all__ = [
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MAX_TEXT",
    "SheetRows",
    "SheetTable",
    "columns_of",
    "has_sheet",
    "letter",
    "read_sheet",
    "sheet_table",
]

MAX_ROWS: Final = 1_048_576
"""Rows of a sheet (Excel's own limit)."""
MAX_COLUMNS: Final = 16_384
"""Columns of a sheet (Excel's own limit, XFD)."""
MAX_CELLS: Final = 40_000_000
"""Cells of a sheet, counting the empty ones before the last of each row."""
MAX_TEXT: Final = 32_767
"""Characters of a cell (Excel's own limit)."""
MAX_PART: Final = 1 << 30
"""Unpacked bytes of one sheet's XML (a sheet is streamed, so only time grows with it)."""
MAX_STRINGS: Final = 256 << 20
"""Unpacked bytes of the shared strings (kept in memory while a sheet is read)."""
MAX_OTHER: Final = 64 << 20
"""Unpacked bytes of any other part (styles, the workbook, its properties)."""
MAX_TOTAL: Final = 2 << 30
"""Unpacked bytes of the whole workbook."""


@attrs.frozen
class SheetRows:
    """The rows of a sheet as they are: Python values (numbers, text, dates, booleans, None)."""

    path: Path
    sheet: str
    """The sheet's name, as the workbook spells it."""
    rows: list[tuple[Any, ...]]
    """The rows holding a value, top first; a row is as long as its last cell."""
    numbers: list[int]
    """The number of each row in the sheet (from 1)."""
    convention: DecimalMark | None
    """How the person who filled it writes numbers as text, where the workbook says so."""


def letter(column: int) -> str:
    """The letters of a column numbered from 1: ``letter(1) == "A"``, ``letter(28) == "AB"``.

    >>> letter(1), letter(26), letter(27), letter(16384)
    ('A', 'Z', 'AA', 'XFD')
    """
    out = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as cause:
        raise error("bad_xlsx", path=path, error=f"{type(cause).__name__}: {cause}") from None
    total = 0
    for part in parts:
        name = part.filename.lower()
        if name.startswith("xl/worksheets/"):
            limit = MAX_PART
        elif name.endswith("sharedstrings.xml"):
            limit = MAX_STRINGS
        else:
            limit = MAX_OTHER
        if part.file_size > limit:
            raise error(
                "xlsx_too_big", path=path, part=part.filename, size=part.file_size, limit=limit
            )
        total += part.file_size
    if total > MAX_TOTAL:
        raise error("xlsx_too_big", path=path, part="*", size=total, limit=MAX_TOTAL)


def has_sheet(path: Path, sheet: str) -> bool:
    """Whether the workbook ``path`` has a sheet named ``sheet`` (in any case)."""
    check_file(path)
    require("openpyxl", "excel")
    _check_zip(path)
    workbook = _open(path)
    try:
        return sheet.lower() in {name.lower() for name in workbook.sheetnames}
    finally:
        workbook.close()


def _open(path: Path) -> Any:
    openpyxl = require("openpyxl", "excel")
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as cause:  # openpyxl raises many kinds for a broken file
        raise error("bad_xlsx", path=path, error=f"{type(cause).__name__}: {cause}") from None


def read_sheet(path: Path, sheet: str) -> SheetRows:
    """The rows of the sheet named ``sheet`` (in any case) of the workbook ``path``; the data
    sheet may also be the only sheet of a workbook, whatever its name."""
    check_file(path)
    require("openpyxl", "excel")  # before the file is looked at: say what to install first
    _check_zip(path)
    workbook = _open(path)
    try:
        names = {name.lower(): name for name in workbook.sheetnames}
        if sheet.lower() in names:
            ws = workbook[names[sheet.lower()]]
        elif sheet == DATA_SHEET and len(workbook.sheetnames) == 1:
            ws = workbook[workbook.sheetnames[0]]
        else:
            shown = ", ".join(workbook.sheetnames)
            raise error("no_sheet", path=path, sheet=sheet, sheets=shown)
        keywords = getattr(workbook.properties, "keywords", None)
        rows, numbers = _rows(path, ws)
        return SheetRows(path, ws.title, rows, numbers, template_convention(keywords))
    except (InputError, MemoryError):
        raise
    except Exception as cause:  # a broken part of the workbook: openpyxl raises many kinds
        raise error("bad_xlsx", path=path, error=f"{type(cause).__name__}: {cause}") from None
    finally:
        workbook.close()


def _rows(path: Path, ws: Any) -> tuple[list[tuple[Any, ...]], list[int]]:
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # never trust the sheet's <dimension>: read the rows that are there
    rows: list[tuple[Any, ...]] = []
    numbers: list[int] = []
    cells = 0
    for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS:
            raise error("too_many_rows", path=path, sheet=ws.title, limit=MAX_ROWS)
        width = len(row)
        if width > MAX_COLUMNS:
            raise error(
                "too_many_columns",
                path=path,
                sheet=ws.title,
                column=letter(width),
                limit=MAX_COLUMNS,
                row=number,
            )
        cells += width
        if cells > MAX_CELLS:
            raise error("too_many_cells", path=path, sheet=ws.title, limit=MAX_CELLS)
        for n, value in enumerate(row):
            if type(value) is str and len(value) > MAX_TEXT:
                place = f"{ws.title}!{letter(n + 1)}{number}"
                size = len(value)
                raise error("cell_too_long", path=path, place=place, size=size, limit=MAX_TEXT)
        if any(value is not None for value in row):
            rows.append(tuple(row))
            numbers.append(number)
    return rows, numbers


@attrs.frozen
class SheetTable:
    """A sheet's table: its header, its columns (lists of values) and each row's number."""

    header: list[str]
    columns: list[list[Any]]
    numbers: list[int]
    header_line: int


def sheet_table(
    sheet: SheetRows, known: frozenset[str], labels: frozenset[str] = frozenset()
) -> SheetTable:
    """The table of a sheet: the header is the first row naming a ``known`` column (a title
    above it is skipped), and the template's row of labels under it is skipped."""
    from iku.io.template import header_row, is_label_row

    start = header_row(sheet.rows, known)
    if start is None:
        raise error("empty_sheet", path=sheet.path, sheet=sheet.sheet)
    header = ["" if h is None else str(h).strip() for h in sheet.rows[start]]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    body = sheet.rows[start + 1 :]
    numbers = sheet.numbers[start + 1 :]
    for row in body:
        if len(row) > width:  # a value right of the last heading has no heading
            for n in range(width, len(row)):
                if row[n] is not None and not (isinstance(row[n], str) and not row[n].strip()):
                    raise error("no_heading", path=sheet.path, column=letter(n + 1))
    if body and is_label_row(header, body[0], labels):
        body, numbers = body[1:], numbers[1:]
    return SheetTable(header, columns_of(body, width), numbers, sheet.numbers[start])


def columns_of(rows: Sequence[Sequence[Any]], width: int) -> list[list[Any]]:
    """Rows turned into ``width`` columns, a short row padded with None."""
    out: list[list[Any]] = [[] for _ in range(width)]
    for row in rows:
        for n in range(width):
            out[n].append(row[n] if n < len(row) else None)
    return out
