"""The LKjIP report as an Excel workbook.

The report workbook has a formatted sheet laid out as an LKjIP table per year (numbers stay
numbers, rounded by their cell format only), the raw results (``ev.to_frame()``), the issues
and the indicators' definitions.

The input template a person fills in by hand is written and read by :mod:`iku.io.template`
(``write_template`` is re-exported here).

No text becomes a formula: every text cell is written as text, and one starting like a formula
(``=``, ``+``, ``-``, ``@``, a tab) carries Excel's quote prefix, so that editing it keeps it
text; control characters are shown as symbols (openpyxl refuses them) and a text longer than
an Excel cell holds is cut with ``…`` (:mod:`iku.report.safety`).
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
from iku.io.workbook import (
    HEADER_FILL,
    NOTE_COLOUR,
    Sheet,
    append_row,
    border,
    fill,
    openpyxl,
)
from iku.report.acrossyears import comparison_rows, comparison_title
from iku.report.efficiency import efficiency_sheet
from iku.report.html import band_colour
from iku.report.safety import excel_text
from iku.report.table import (
    Report,
    ReportRow,
    ReportTable,
    SummaryRow,
    as_report,
    issue_place,
    plain,
    result_records,
)
from iku.report.text import (
    category_label,
    label,
    severity_text,
)

__all__ = [
    "DATA_SHEET",
    "LABEL_ROW",
    "TARGETS_SHEET",
    "TEMPLATE_KEYWORD",
    "append_row",
    "write_excel",
    "write_template",
]

_WIDTHS: Final = (5, 34, 42, 10, 13, 13, 13, 15, 48, 24)
"""Column widths of the report sheet, in characters."""
_ILLUSTRATIVE_FILL: Final = "FEE0B6"


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
    records = result_records(evaluation)
    _records_sheet(wb.create_sheet(label("results", report.lang)), records, report)
    issues = getattr(evaluation, "issues", ())
    _issues_sheet(wb.create_sheet(label("issues_sheet", report.lang)), issues, report)
    _definitions_sheet(wb.create_sheet(label("indicators_sheet", report.lang)), report)
    efficiency_sheet(wb, report, append_row)
    title = f"{label('report', report.lang)} · {report.title}"
    wb.properties.title = excel_text(title)[:255]
    if report.illustrative:
        notice = report.illustrative_text()
        wb.properties.subject = notice
        wb.properties.keywords = notice
        for sheet in wb.worksheets:  # printed at the top of every page
            sheet.oddHeader.center.text = notice
            sheet.oddHeader.center.color = "B35806"
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
    if report.illustrative:
        notice = f"{report.illustrative_text()}. {label('illustrative_note', lang)}"
        r = sheet.line(notice, "iku-strong")
        ws.cell(r, 1).fill = fill(_ILLUSTRATIVE_FILL)
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
        for row in table.lines():  # indicators, each sasaran's RATA-RATA, the mean of all
            if isinstance(row, SummaryRow):
                _summary_row(sheet, row, fills)
                continue
            r = _report_row(sheet, row, fills)
            if row.first_of_sasaran and row.sasaran_size > 1:  # spans its indicators
                last = r + row.sasaran_size - 1
                ws.merge_cells(start_row=r, start_column=1, end_row=last, end_column=1)
                ws.merge_cells(start_row=r, start_column=2, end_row=last, end_column=2)
        _comparison(sheet, report, table)
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
    sheet.finish()
    ws.print_area = f"A1:J{sheet.row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _comparison(sheet: Sheet, report: Report, table: ReportTable) -> None:
    """The comparison across years under ``table`` (LKjIP chapter III), as the other reports
    show it; nothing when the evaluation holds no earlier year of the table's key."""
    headings, rows = comparison_rows(report, table)
    if not rows:
        return
    sheet.line(comparison_title(report, table), "iku-strong")
    for cells, style in [(headings, "iku-header"), *((row, "iku-cell") for row in rows)]:
        r = sheet.add([None, *cells])  # from column B: column A (No.) is too narrow
        for n in range(2, len(cells) + 2):
            sheet.ws.cell(r, n).style = style
        sheet.fit(r, {n: (c, _WIDTHS[n]) for n, c in enumerate(cells, start=1)})


def _report_row(sheet: Sheet, row: ReportRow, fills: dict[str, Any]) -> int:
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
    grade = _format_literal(f" ({row.grade})") if row.grade else ""
    given = _format_literal("*") if row.given else ""
    ws.cell(r, 6).number_format = number_format + given + grade
    ws.cell(r, 7).number_format = _capaian_format(row.achievement_decimals)
    for n in (9, 10):
        ws.cell(r, n).style = "iku-note"
    colour = band_colour(row.indicator.categories, row.category)
    if colour not in fills:
        fills[colour] = fill(colour)
    ws.cell(r, 8).fill = fills[colour]
    return r


def _capaian_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _summary_row(sheet: Sheet, row: SummaryRow, fills: dict[str, Any]) -> None:
    """A RATA-RATA row: its label under the indicator's column, the capaian, the predikat."""
    values = [
        None,
        None,
        row.label(),
        None,
        None,
        None,
        row.achievement,
        row.category_text() if row.category else None,
        None,
        None,
    ]
    r = sheet.add(values, "iku-cell")
    ws = sheet.ws
    ws.cell(r, 3).font = _styles().Font(bold=True)
    ws.cell(r, 7).number_format = _capaian_format(row.decimals)
    colour = band_colour(row.scale, row.category)
    if colour not in fills:
        fills[colour] = fill(colour)
    ws.cell(r, 8).fill = fills[colour]


def _format_literal(text: str) -> str:
    """``text`` as literal characters of an Excel number format: quoted, or each character
    escaped with a backslash when it holds a quote.

    >>> _format_literal(" (A-)"), _format_literal('"')
    ('" (A-)"', '\\\\"')
    """
    if '"' not in text:
        return f'"{text}"'
    return "".join("\\" + c for c in excel_text(text))


def _records_sheet(ws: Any, rows: Sequence[dict[str, Any]], report: Report) -> None:
    """The raw results, one row per ``ev.to_frame()`` row, headed in the report's language
    (the data's own key columns keep their names), the predikat in the report's language."""
    if not rows:
        return
    lang = report.lang
    columns = list(rows[0])
    heads = [_column_label(c, lang) for c in columns]
    notice = report.illustrative_text()
    if notice:
        heads.append(label("col_illustrative", lang))
    sheet = Sheet(ws)
    sheet.add(heads)
    for n in range(1, len(heads) + 1):
        ws.cell(1, n).font = _styles().Font(bold=True)
    scales = {row.code: row.indicator.categories for row in report.definitions}
    for row in rows:
        values = [_cell_value(row.get(c)) for c in columns]
        if lang != "id" and "category" in row and row["category"] is not None:
            scale = scales.get(str(row.get("indicator")))
            if scale is not None:
                values[columns.index("category")] = category_label(scale, row["category"], lang)
        sheet.add([*values, notice] if notice else values)
    ws.freeze_panes = "A2"


def _column_label(column: str, lang: str) -> str:
    """A results column's heading in ``lang``: iku's own columns translated, the data's keys
    as they are."""
    key = f"col_{column}"
    try:
        return label(key, lang)
    except KeyError:
        return column


def _cell_value(value: Any) -> Any:
    value = plain(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    return value


def _issues_sheet(ws: Any, issues: Sequence[Any], report: Report) -> None:
    """Every issue: its code, severity, indicator, variable, place (the file's line or cell, or
    the row's keys, in words) and message, in the report's language."""
    lang = report.lang
    keys = ("code", "severity", "indicator", "variable", "place", "message")
    heads = [label(key, lang) for key in keys]
    sheet = Sheet(ws)
    sheet.add(heads)
    for n in range(1, len(heads) + 1):
        ws.cell(1, n).font = _styles().Font(bold=True)
    for issue in issues:
        sheet.add(
            [
                str(issue.code),
                severity_text(issue.severity, lang),
                issue.indicator,
                issue.variable,
                issue_place(issue, lang, report.row_names) or None,
                issue.describe(lang),
            ]
        )
    for letter, width in zip("ABCDEF", (26, 12, 12, 24, 24, 80), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"


def _definitions_sheet(ws: Any, report: Report) -> None:
    lang = report.lang
    heads = [label("code", lang), label("indicator", lang)]
    first = report.definitions[0] if report.definitions else None
    names = [name for name, _ in report.definition_lines(first)] if first else []
    sheet = Sheet(ws)
    sheet.add(heads + names)
    for n in range(1, len(heads) + len(names) + 1):
        ws.cell(1, n).font = _styles().Font(bold=True)
    for row in report.definitions:
        texts = dict(report.definition_lines(row))
        sheet.add([row.code, row.name, *(texts.get(n, "") for n in names)])
    for letter, width in zip("ABCDEFGH", (10, 45, 60, 40, 10, 26, 30, 12), strict=False):
        ws.column_dimensions[letter].width = width
