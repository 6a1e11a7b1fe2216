"""The LKjIP report as plain text for a terminal: a table per year that fits the terminal's
width (long names wrap inside their cells), the data issues under it.

Only ASCII borders are drawn, so the table survives any console encoding. Every text is put
on one line with its control characters shown as symbols (:func:`iku.report.safety.one_line`),
so no key or name from a file can send an escape sequence to the terminal, and a ``|`` inside a
cell is shown as ``¦``, so that it cannot pass for a border.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Sequence
from typing import Any

from iku.report.acrossyears import comparison_text
from iku.report.efficiency import efficiency_text
from iku.report.safety import one_line
from iku.report.table import ReportTable, SummaryRow, as_report
from iku.report.text import label

__all__ = ["to_text"]

_RIGHT = {0, 4, 5, 6}
"""Columns aligned right: No, Target, Realisasi, Capaian."""
_WRAPPED = (1, 2)
"""The long columns, narrowed first: Sasaran, Indikator Kinerja."""
_TEXT = (1, 2, 3, 7)
"""The columns of words (Sasaran, Indikator Kinerja, Satuan, Predikat), which may wrap."""


def to_text(
    evaluation: Any, subject: Any = None, *, lang: str = "id", width: int | None = None
) -> str:
    """The LKjIP report of ``evaluation`` as text no wider than ``width`` columns (default:
    the terminal's width, or 120 when there is no terminal).

    >>> import iku
    >>> s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
    >>> ev = iku.evaluate(s["IKU-2"], {"psks_diberdayakan": 45, "psks": 50}, targets={"IKU-2": 80})
    >>> text = to_text(ev, s, width=100)
    >>> max(len(line) for line in text.splitlines() if line.startswith(("|", "+")))
    100
    >>> "|  80,00 |     90,00 |      112,50 | Sangat Tinggi |" in text
    True
    """
    report = as_report(evaluation, subject, lang=lang)
    width = width or shutil.get_terminal_size((120, 24)).columns
    banner = f"*** {report.illustrative_text()} ***" if report.illustrative else ""
    out = [label("report", report.lang), *([banner] if banner else [])]
    out += [one_line(text) for text in (report.title, report.subtitle, *report.notes)]
    for table in report.tables:
        out += ["", one_line(table.title())]
        out += _grid(report.headers(), _rows(table), width)
        out += comparison_text(report, table)
        out += efficiency_text(report, table)
        issues = table.issue_lines()
        if issues:
            out.append(f"{label('issues', report.lang)}:")
            out += [_wrap_item(line, width) for line in issues]
    general = report.general_issue_lines()
    if general:
        out += ["", f"{label('general_issues', report.lang)}:"]
        out += [_wrap_item(line, width) for line in general]
    if banner:
        out += ["", banner]
    return "\n".join(out) + "\n"


def _rows(table: ReportTable) -> list[list[str]]:
    rows = []
    for row in table.lines():  # indicators, each sasaran's RATA-RATA, the mean of all
        cells = [_cell(cell) for cell in row.cells()]
        if isinstance(row, SummaryRow):
            rows.append(cells)
            continue
        cells[2] = _cell(f"{row.code} · {row.name}")  # the code, as the issues name it
        if not row.first_of_sasaran:
            cells[0] = cells[1] = ""
        rows.append(cells)
    return rows


def _cell(text: str) -> str:
    """A cell's text on one line, a ``|`` in it shown as ``¦`` so that it cannot pass for a
    border of the table."""
    return one_line(text).replace("|", "¦")


def _wrap_item(line: str, width: int) -> str:
    return textwrap.fill(
        one_line(line), width=max(width, 20), initial_indent="- ", subsequent_indent="  "
    )


def _grid(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int) -> list[str]:
    columns = [[h, *(r[i] for r in rows)] for i, h in enumerate(headers)]
    widths = [max(len(text) for text in column) for column in columns]
    # a column can narrow down to its longest word (to 12 for the names, which wrap anyway)
    floors = [
        max(len(word) for text in column for word in text.split() or [""]) for column in columns
    ]
    for i in _TEXT:  # a word longer than that is broken (a hostile file's 5,000 characters)
        floors[i] = min(floors[i], 12)
    room = width - 3 * len(headers) - 1
    for i in _TEXT:  # no text column is wider than the room (a 40,000-character name)
        widths[i] = max(min(widths[i], room), floors[i])
    while sum(widths) > room:
        # the names first, down to 14; then whichever column has the most room to give
        slack = [
            (i in _WRAPPED and w > 14, w - f, i)
            for i, (w, f) in enumerate(zip(widths, floors, strict=True))
        ]
        _, spare, widest = max(slack)
        if spare <= 0:
            break  # as narrow as it gets: the terminal wraps what is left
        widths[widest] -= 1
    border = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    lines = [border, *_line(headers, widths), border]
    for row in rows:
        lines += _line(row, widths)
    lines.append(border)
    return lines


def _line(cells: Sequence[str], widths: Sequence[int]) -> list[str]:
    wrapped = [textwrap.wrap(c, w) or [""] for c, w in zip(cells, widths, strict=True)]
    height = max(len(w) for w in wrapped)
    lines = []
    for n in range(height):
        parts = []
        for i, (chunk, w) in enumerate(zip(wrapped, widths, strict=True)):
            text = chunk[n] if n < len(chunk) else ""
            parts.append(text.rjust(w) if i in _RIGHT else text.ljust(w))
        lines.append("| " + " | ".join(parts) + " |")
    return lines
