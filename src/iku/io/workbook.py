"""Writing Excel workbooks with openpyxl: the pieces the report and the template share.

openpyxl is imported when a workbook is written (``pip install 'iku[excel]'``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from iku.optional import require

__all__ = [
    "HEADER_FILL",
    "LABEL_FILL",
    "NOTE_COLOUR",
    "Sheet",
    "append_row",
    "border",
    "fill",
    "openpyxl",
]

HEADER_FILL: Final = "E8E8E8"
LABEL_FILL: Final = "F5F5F5"
NOTE_COLOUR: Final = "555555"
MAX_ROW_HEIGHT: Final = 409
"""The tallest row Excel allows, in points."""


def openpyxl() -> Any:
    """The openpyxl module (a :class:`~iku.errors.MissingDependencyError` without it)."""
    return require("openpyxl", "excel")


def border() -> Any:
    """A thin grey border on every side of a cell."""
    styles = openpyxl().styles
    side = styles.Side(style="thin", color="888888")
    return styles.Border(left=side, right=side, top=side, bottom=side)


def fill(colour: str) -> Any:
    """A solid fill of ``colour`` (``"E8E8E8"`` or ``"#e8e8e8"``)."""
    return openpyxl().styles.PatternFill("solid", start_color="FF" + colour.lstrip("#").upper())


def append_row(ws: Any, values: Sequence[Any]) -> list[Any]:
    """Append ``values`` to ``ws`` as one row with every text made safe: control characters
    shown, cut to what a cell holds, and a text starting like a formula written as a text cell
    with the quote prefix (openpyxl would write ``=...`` as a formula). Returns those cells.

    Every workbook iku writes appends its rows through here (the report, the template, the
    monitoring workbook), so no text from a file can become a formula or break the file."""
    from iku.report.safety import FORMULA_START, excel_text  # a leaf: no circle through iku.report

    row: list[Any] = []
    texts: list[Any] = []
    for value in values:
        if isinstance(value, str):
            value = excel_text(value)
            if value.startswith(FORMULA_START):
                value = _text_cell(ws, value)
                texts.append(value)
        row.append(value)
    ws.append(row)
    return texts


def _text_cell(ws: Any, text: str) -> Any:
    cell = openpyxl().cell.Cell(ws)
    cell.value = text
    cell.data_type = "s"  # openpyxl made "=..." a formula ("f")
    cell.quotePrefix = True
    return cell


class Sheet:
    """Appends rows to a worksheet and knows the number of the last one (asking openpyxl for
    ``max_row`` scans every cell, which makes a long sheet quadratic)."""

    def __init__(self, ws: Any, width: int = 10, widths: Sequence[float] = ()) -> None:
        self.ws = ws
        self.row = 0
        self.width = width
        """Columns a :meth:`line` spans."""
        self.widths = tuple(widths)
        """The columns' widths in characters, for :meth:`line`."""
        self.texts: list[Any] = []
        """The cells of texts that start like a formula (see :meth:`finish`)."""

    def finish(self) -> None:
        """Give the quote prefix back to the texts that start like a formula, once the sheet is
        styled (a named style resets it)."""
        for cell in self.texts:
            cell.quotePrefix = True

    def add(self, values: Sequence[Any] = (), style: str | None = None) -> int:
        """Append a row (texts made safe: see :func:`append_row`), each of its cells in the
        named ``style``; its number."""
        self.texts += append_row(self.ws, values)
        self.row += 1
        if style is not None:
            for n in range(1, max(len(values), 1) + 1):
                self.ws.cell(self.row, n).style = style
        return self.row

    def line(self, text: str, style: str | None = None) -> int:
        """A line of text across the table's width, wrapped, its row as tall as it needs."""
        r = self.add([text], style or "iku-line")
        self.ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=self.width)
        self.fit(r, {1: (text, sum(self.widths) or 80)})
        return r

    def fit(self, r: int, texts: dict[int, tuple[str, float]]) -> None:
        """Make row ``r`` tall enough for wrapped ``texts`` (column -> (text, column width)):
        Excel and LibreOffice do not size a row to wrapped text written by a program."""
        lines = 1
        for text, width in texts.values():
            chars = max(int(width * 1.1), 1)
            lines = max(lines, sum(-(-max(len(part), 1) // chars) for part in text.split("\n")))
        if lines > 1:
            self.ws.row_dimensions[r].height = min(15 * lines, MAX_ROW_HEIGHT)
