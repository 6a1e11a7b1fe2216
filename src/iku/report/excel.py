"""The LKjIP report as an Excel workbook.

The report workbook has a formatted sheet laid out as an LKjIP table per year (numbers stay
numbers, rounded by their cell format only), the raw results (``ev.to_frame()``), the issues
and the indicators' definitions.

The input template a person fills in by hand is written and read by :mod:`iku.io.template`
(``write_template`` is re-exported here).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Final

from iku import arguments
from iku.io.template import (
    DATA_SHEET,
    LABEL_ROW,
    TARGETS_SHEET,
    TEMPLATE_KEYWORD,
    write_template,
)
from iku.io.workbook import HEADER_FILL, NOTE_COLOUR, Sheet, border, fill, openpyxl
from iku.report.html import band_colour
from iku.report.table import Report, ReportRow, as_report, plain, result_records
from iku.report.text import label

__all__ = [
    "DATA_SHEET",
    "LABEL_ROW",
    "TARGETS_SHEET",
    "TEMPLATE_KEYWORD",
    "write_excel",
    "write_template",
]

_WIDTHS: Final = (5, 34, 42, 10, 13, 13, 13, 15, 48, 24)
"""Column widths of the report sheet, in characters."""


def write_excel(
    evaluation: Any,
    path: str | os.PathLike[str],
    subject: Any = None,
    *,
    lang: str = "id",
    report: Report | None = None,
) -> None:
    """Write the LKjIP report of ``evaluation`` to the Excel workbook ``path``.

    ``report`` is the report already built from it (:func:`iku.report.build_report`), if any.

    Sheets: the formatted report (``laporan``/``report``), the raw results of
    ``ev.to_frame()`` (``hasil``/``results``), the issues (``masalah``/``issues``) and the
    indicators' definitions (``indikator``/``indicators``).
    """
    xl = openpyxl()
    path = arguments.path(path)
    report = report if report is not None else as_report(evaluation, subject, lang=lang)
    wb = xl.Workbook()
    ws = wb.active
    ws.title = label("report_sheet", report.lang)
    _report_sheet(ws, report)
    _records_sheet(wb.create_sheet(label("results", report.lang)), result_records(evaluation))
    issues = getattr(evaluation, "issues", ())
    _issues_sheet(wb.create_sheet(label("issues_sheet", report.lang)), issues, report.lang)
    _definitions_sheet(wb.create_sheet(label("indicators_sheet", report.lang)), report)
    wb.save(os.fspath(path))


def _styles() -> Any:
    return openpyxl().styles


def _named_styles(wb: Any) -> None:
    """The report's cell styles, registered once and then applied by name (fast)."""
    styles = _styles()
    wrap = styles.Alignment(wrap_text=True, vertical="top")
    looks = {
        "iku-title": {"font": styles.Font(bold=True, size=14)},
        "iku-strong": {"font": styles.Font(bold=True), "alignment": wrap},
        "iku-heading": {"font": styles.Font(bold=True, size=12)},
        "iku-header": {
            "font": styles.Font(bold=True),
            "fill": fill(HEADER_FILL),
            "border": border(),
            "alignment": styles.Alignment(wrap_text=True, horizontal="center"),
        },
        "iku-cell": {"border": border(), "alignment": wrap},
        "iku-line": {"alignment": wrap},
        "iku-note": {
            "border": border(),
            "alignment": wrap,
            "font": styles.Font(color=NOTE_COLOUR, size=9),
        },
    }
    for name, parts in looks.items():
        wb.add_named_style(styles.NamedStyle(name=name, **parts))


def _report_sheet(ws: Any, report: Report) -> None:
    lang = report.lang
    _named_styles(ws.parent)
    sheet = Sheet(ws, len(_WIDTHS), _WIDTHS)
    sheet.add([label("report", lang)], "iku-title")
    sheet.line(report.title, "iku-strong")
    sheet.line(report.subtitle)
    if report.source:
        sheet.line(f"{label('source', lang)}: {report.source}")
    for note in report.notes:
        sheet.line(note)
    headers = [*report.headers(), label("formula", lang), label("source_data", lang)]
    for n, width in enumerate(_WIDTHS, start=1):
        ws.column_dimensions[openpyxl().utils.get_column_letter(n)].width = width
    fills: dict[str, Any] = {}
    for table in report.tables:
        sheet.add()
        sheet.add([table.title()], "iku-heading")
        first = sheet.add(headers, "iku-header") + 1
        sheet.fit(first - 1, {n: (h, _WIDTHS[n]) for n, h in enumerate(headers)})
        for row in table.rows:
            _report_row(sheet, row, fills)
        for row in table.rows:  # the sasaran's cells span its indicators, as in the decree
            if row.first_of_sasaran and row.sasaran_size > 1:
                last = first + row.sasaran_size - 1
                ws.merge_cells(start_row=first, start_column=1, end_row=last, end_column=1)
                ws.merge_cells(start_row=first, start_column=2, end_row=last, end_column=2)
            first += 1
        issues = table.issue_lines()
        if issues:
            sheet.line(f"{label('issues', lang)}:", "iku-strong")
        else:
            sheet.line(label("no_issues", lang))
        for line in issues:
            sheet.line(f"- {line}")
    general = report.general_issue_lines()
    if general:
        sheet.add()
        sheet.line(label("general_issues", lang), "iku-strong")
        for line in general:
            sheet.line(f"- {line}")
    ws.print_area = f"A1:J{sheet.row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _report_row(sheet: Sheet, row: ReportRow, fills: dict[str, Any]) -> None:
    number_format = "#,##0" + ("." + "0" * row.decimals if row.decimals else "")
    if row.target_hi is not None and row.target_hi != row.target:
        target: Any = row.target_text()
    else:
        target = row.target
    first = row.first_of_sasaran
    values = [
        row.number if first else None,
        row.sasaran_name if first else None,
        f"{row.code} · {row.name}",
        row.unit,
        target,
        row.value,
        row.achievement,
        row.category_text() if row.category else None,
        f"{row.formula_words}\n{row.indicator.formula_text}",
        row.source_data,
    ]
    r = sheet.add(values, "iku-cell")
    sheet.fit(r, {n: (str(v), _WIDTHS[n]) for n, v in enumerate(values) if isinstance(v, str)})
    ws = sheet.ws
    ws.cell(r, 5).number_format = number_format
    grade = f'" ({row.grade})"' if row.grade else ""
    ws.cell(r, 6).number_format = number_format + grade
    ws.cell(r, 7).number_format = "#,##0.00"
    for n in (9, 10):
        ws.cell(r, n).style = "iku-note"
    colour = band_colour(row.indicator.categories, row.category)
    if colour not in fills:
        fills[colour] = fill(colour)
    ws.cell(r, 8).fill = fills[colour]


def _records_sheet(ws: Any, rows: Sequence[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    ws.append(columns)
    for n in range(1, len(columns) + 1):
        ws.cell(1, n).font = _styles().Font(bold=True)
    for row in rows:
        ws.append([_cell_value(row.get(c)) for c in columns])
    ws.freeze_panes = "A2"


def _cell_value(value: Any) -> Any:
    value = plain(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    return value


def _issues_sheet(ws: Any, issues: Sequence[Any], lang: str) -> None:
    heads = ["code", "severity", "indicator", "variable", "row", "message"]
    ws.append(heads)
    for n in range(1, len(heads) + 1):
        ws.cell(1, n).font = _styles().Font(bold=True)
    for issue in issues:
        ws.append(
            [
                str(issue.code),
                str(issue.severity),
                issue.indicator,
                issue.variable,
                _cell_value(issue.row),
                issue.describe(lang),
            ]
        )
    ws.column_dimensions["F"].width = 80
    ws.freeze_panes = "A2"


def _definitions_sheet(ws: Any, report: Report) -> None:
    lang = report.lang
    heads = [label("code", lang), label("indicator", lang)]
    first = report.definitions[0] if report.definitions else None
    names = [name for name, _ in report.definition_lines(first)] if first else []
    ws.append(heads + names)
    for n in range(1, len(heads) + len(names) + 1):
        ws.cell(1, n).font = _styles().Font(bold=True)
    for row in report.definitions:
        texts = dict(report.definition_lines(row))
        ws.append([row.code, row.name, *(texts.get(n, "") for n in names)])
    for letter, width in zip("ABCDEFGH", (10, 45, 60, 40, 10, 26, 30, 12), strict=False):
        ws.column_dimensions[letter].width = width
