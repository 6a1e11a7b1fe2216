"""Excel workbooks: the LKjIP report, and the input template a person fills in by hand.

The report workbook has a formatted sheet laid out as an LKjIP table per year (numbers stay
numbers, rounded by their cell format only), the raw results (``ev.to_frame()``), the issues
and the indicators' definitions.

The template has a sheet ``data`` (one column per variable, headed by its code with the decree's
words under it), a sheet ``targets`` (``indicator, period, target`` prefilled with every indicator
and year of the set), a sheet explaining each indicator and a sheet of instructions. A filled
template is read back by :func:`iku.io.read_data` and :func:`iku.io.read_targets` as it is.

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
from iku.errors import ArgumentError
from iku.io import TEMPLATE_PERIOD_LABELS
from iku.model import IndicatorSet, VariableKind
from iku.optional import require
from iku.report.acrossyears import comparison_rows, comparison_title
from iku.report.efficiency import efficiency_sheet
from iku.report.html import band_colour
from iku.report.safety import FORMULA_START, excel_text
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
    check_lang,
    formula_words,
    label,
    polarity_words,
    severity_text,
    source_text,
    unit_text,
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

DATA_SHEET: Final = "data"
TARGETS_SHEET: Final = "targets"
LABEL_ROW: Final = 2
"""The template's row of labels under the codes of the ``data`` sheet (skipped when read)."""
TEMPLATE_KEYWORD: Final = "iku-template"
"""Written into a template's keywords, so a reader knows the layout."""
_TEMPLATE_ROWS: Final = 500
"""Rows of the data sheet that get input validation."""

_BOLD: Final = {"bold": True}
_HEADER_FILL: Final = "E8E8E8"
_LABEL_FILL: Final = "F5F5F5"
_NOTE_COLOUR: Final = "555555"
_WIDTHS: Final = (5, 34, 42, 10, 13, 13, 13, 15, 48, 24)
"""Column widths of the report sheet, in characters."""
_ILLUSTRATIVE_FILL: Final = "FEE0B6"
_MAX_ROW_HEIGHT: Final = 409
"""The tallest row Excel allows, in points."""

_TEXT: Final[dict[str, dict[str, Any]]] = {
    "id": {
        "instructions": "petunjuk",
        "name_hint": "keterangan (tidak dibaca)",
        "unit_hint": "satuan",
        "steps": [
            "Templat isian Indikator Kinerja Utama",
            "1. Buka lembar 'data'. Baris 1 memuat kode variabel (jangan diubah); baris 2 memuat "
            "uraiannya dari keputusan.",
            "2. Isi satu baris per tahun (kolom 'period') mulai baris 3. Jika data per unit "
            "(misalnya kecamatan), tambahkan kolom kunci sendiri, misalnya 'kecamatan', dan isi "
            "satu baris per unit per tahun.",
            "3. Isi angka saja (tanpa satuan atau teks). Sel kosong berarti data tidak ada. "
            "Baris yang seluruh angkanya kosong diabaikan.",
            "4. Buka lembar 'targets' dan isi kolom 'target' tiap indikator per tahun "
            "(dari Renstra / Perjanjian Kinerja).",
            "5. Simpan, lalu jalankan: iku evaluate {set_id} --data NAMA-BERKAS.xlsx "
            "--format xlsx --output laporan.xlsx",
            "Penjelasan tiap indikator ada di lembar 'indikator'.",
        ],
        "kinds": {
            VariableKind.COUNT: "bilangan bulat >= 0",
            VariableKind.AMOUNT: "bilangan >= 0",
            VariableKind.SCORE: "nilai skor",
            VariableKind.REAL: "bilangan",
        },
        "used_by": "dipakai oleh",
        "bad_input": "Isi dengan angka: {rule}.",
    },
    "en": {
        "instructions": "instructions",
        "name_hint": "description (not read)",
        "unit_hint": "unit",
        "steps": [
            "Input template of the key performance indicators",
            "1. Open the sheet 'data'. Row 1 holds the variable codes (do not change them); row 2 "
            "their descriptions from the decree.",
            "2. Fill one row per year (column 'period') from row 3. For data per unit (say, per "
            "district), add a key column of your own such as 'kecamatan' and fill one row per "
            "unit and year.",
            "3. Type numbers only (no units or words). An empty cell means no data. A row whose "
            "numbers are all empty is ignored.",
            "4. Open the sheet 'targets' and fill the column 'target' of each indicator and year "
            "(from the Renstra / Perjanjian Kinerja).",
            "5. Save, then run: iku evaluate {set_id} --data FILE-NAME.xlsx --format xlsx "
            "--output report.xlsx",
            "Each indicator is explained in the sheet 'indicators'.",
        ],
        "kinds": {
            VariableKind.COUNT: "whole number >= 0",
            VariableKind.AMOUNT: "number >= 0",
            VariableKind.SCORE: "score",
            VariableKind.REAL: "number",
        },
        "used_by": "used by",
        "bad_input": "Type a number: {rule}.",
    },
}


def _openpyxl() -> Any:
    return require("openpyxl", "excel")


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
    openpyxl = _openpyxl()
    path = arguments.path(path)
    report = report if report is not None else as_report(evaluation, subject, lang=lang)
    wb = openpyxl.Workbook()
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
    return _openpyxl().styles


def _border() -> Any:
    styles = _styles()
    side = styles.Side(style="thin", color="888888")
    return styles.Border(left=side, right=side, top=side, bottom=side)


def _fill(colour: str) -> Any:
    return _styles().PatternFill("solid", start_color="FF" + colour.lstrip("#").upper())


class _Sheet:
    """Appends rows to a worksheet and knows the number of the last one (asking openpyxl for
    ``max_row`` scans every cell, which makes a long report quadratic)."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.row = 0
        self.texts: list[Any] = []
        """The cells of texts that start like a formula (see :meth:`finish`)."""

    def add(self, values: Sequence[Any] = (), style: str | None = None) -> int:
        """Append ``values`` as a row (texts made safe: see :func:`append_row`); its number."""
        self.texts += append_row(self.ws, values)
        self.row += 1
        if style is not None:
            for n in range(1, max(len(values), 1) + 1):
                self.ws.cell(self.row, n).style = style
        return self.row

    def finish(self) -> None:
        """Give the quote prefix back to the texts that start like a formula, once the sheet is
        styled (a named style resets it)."""
        for cell in self.texts:
            cell.quotePrefix = True

    def line(self, text: str, style: str | None = None) -> int:
        """A line of text across the table's width, wrapped, its row as tall as it needs."""
        r = self.add([text], style or "iku-line")
        self.ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(_WIDTHS))
        self.fit(r, {1: (text, sum(_WIDTHS))})
        return r

    def fit(self, r: int, texts: dict[int, tuple[str, float]]) -> None:
        """Make row ``r`` tall enough for wrapped ``texts`` (column -> (text, column width)):
        Excel and LibreOffice do not size a row to wrapped text written by a program."""
        lines = 1
        for text, width in texts.values():
            chars = max(int(width * 1.1), 1)
            lines = max(lines, sum(-(-max(len(part), 1) // chars) for part in text.split("\n")))
        if lines > 1:
            self.ws.row_dimensions[r].height = min(15 * lines, _MAX_ROW_HEIGHT)


def append_row(ws: Any, values: Sequence[Any]) -> list[Any]:
    """Append ``values`` to ``ws`` as one row with every text made safe: control characters
    shown, cut to what a cell holds, and a text starting like a formula written as a text cell
    with the quote prefix (openpyxl would write ``=...`` as a formula). Returns those cells.

    Every workbook iku writes appends its rows through here (the report, the template, the
    monitoring workbook), so no text from a file can become a formula or break the file."""
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
    cell = _openpyxl().cell.Cell(ws)
    cell.value = text
    cell.data_type = "s"  # openpyxl made "=..." a formula ("f")
    cell.quotePrefix = True
    return cell


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
            "fill": _fill(_HEADER_FILL),
            "border": _border(),
            "alignment": styles.Alignment(wrap_text=True, horizontal="center"),
        },
        "iku-cell": {"border": _border(), "alignment": wrap},
        "iku-line": {"alignment": wrap},
        "iku-note": {
            "border": _border(),
            "alignment": wrap,
            "font": styles.Font(color=_NOTE_COLOUR, size=9),
        },
    }
    for name, parts in looks.items():
        wb.add_named_style(styles.NamedStyle(name=name, **parts))


def _report_sheet(ws: Any, report: Report) -> None:
    lang = report.lang
    _named_styles(ws.parent)
    sheet = _Sheet(ws)
    if report.illustrative:
        notice = f"{report.illustrative_text()}. {label('illustrative_note', lang)}"
        r = sheet.line(notice, "iku-strong")
        ws.cell(r, 1).fill = _fill(_ILLUSTRATIVE_FILL)
    sheet.add([label("report", lang)], "iku-title")
    sheet.line(report.title, "iku-strong")
    sheet.line(report.subtitle)
    if report.source:
        sheet.line(f"{label('source', lang)}: {report.source}")
    for note in report.notes:
        sheet.line(note)
    headers = [*report.headers(), label("formula", lang), label("source_data", lang)]
    for n, width in enumerate(_WIDTHS, start=1):
        ws.column_dimensions[_openpyxl().utils.get_column_letter(n)].width = width
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


def _comparison(sheet: _Sheet, report: Report, table: ReportTable) -> None:
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


def _report_row(sheet: _Sheet, row: ReportRow, fills: dict[str, Any]) -> int:
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
        fills[colour] = _fill(colour)
    ws.cell(r, 8).fill = fills[colour]
    return r


def _capaian_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _summary_row(sheet: _Sheet, row: SummaryRow, fills: dict[str, Any]) -> None:
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
        fills[colour] = _fill(colour)
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
    sheet = _Sheet(ws)
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
    sheet = _Sheet(ws)
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
    sheet = _Sheet(ws)
    sheet.add(heads + names)
    for n in range(1, len(heads) + len(names) + 1):
        ws.cell(1, n).font = _styles().Font(bold=True)
    for row in report.definitions:
        texts = dict(report.definition_lines(row))
        sheet.add([row.code, row.name, *(texts.get(n, "") for n in names)])
    for letter, width in zip("ABCDEFGH", (10, 45, 60, 40, 10, 26, 30, 12), strict=False):
        ws.column_dimensions[letter].width = width


def write_template(
    s: IndicatorSet, path: str | os.PathLike[str], *, lang: str = "id", parts: str = "year"
) -> None:
    """Write an input workbook for the set ``s`` to ``path``, for a person to fill in Excel.

    ``parts="quarter"`` (or ``"month"``) lays the data out by the parts of each year, for
    :func:`iku.monitor`: the ``period`` column is prefilled ``2025-Q1``, ``2025-Q2``, ...; the
    targets sheet holds each year's target and each part's cumulative target (Rencana Aksi).

    Sheet ``data``: row 1 holds ``period`` and every variable's code (what a reader keys on),
    row 2 the decree's words for each (skipped when read back), rows from 3 the data, with the
    set's years prefilled and each cell checked by Excel as a number of the variable's kind.
    Sheet ``targets``: ``indicator, period, target`` for every indicator and year. Sheets
    ``petunjuk`` (how to fill it) and ``indikator`` (each indicator explained).
    """
    openpyxl = _openpyxl()
    check_lang(lang)
    text = _TEXT[lang]
    wb = openpyxl.Workbook()
    info = wb.active
    info.title = text["instructions"]
    _instructions(info, s, lang)
    periods = _template_periods(s, parts)
    _data_sheet(wb.create_sheet(DATA_SHEET), s, lang, periods)
    _targets_sheet(wb.create_sheet(TARGETS_SHEET), s, lang, _target_periods(s, periods))
    definitions = wb.create_sheet(label("indicators_sheet", lang))
    _template_definitions(definitions, s, lang)
    wb.properties.title = excel_text(f"iku template: {s.id}")
    wb.properties.subject = s.id
    wb.properties.keywords = f"{TEMPLATE_KEYWORD};format=1;set={s.id}"
    wb.active = 0
    wb.save(os.fspath(path))


def _instructions(ws: Any, s: IndicatorSet, lang: str) -> None:
    styles = _styles()
    steps = [line.format(set_id=s.id) for line in _TEXT[lang]["steps"]]
    sheet = _Sheet(ws)
    ws.column_dimensions["A"].width = 110
    sheet.add([steps[0]])
    ws.cell(1, 1).font = styles.Font(bold=True, size=14)
    lines = [s.label(lang)]
    if s.source:
        lines.append(f"{label('source', lang)}: {source_text(s.source, lang)}")
    for line in [*lines, "", *steps[1:]]:
        r = sheet.add([line])
        ws.cell(r, 1).alignment = styles.Alignment(wrap_text=True, vertical="top")
        sheet.fit(r, {1: (line, 110)})


def _template_periods(s: IndicatorSet, parts: str) -> list[Any]:
    """The periods the data sheet is prefilled with: the set's years, or their parts."""
    from iku.periods import Period

    if parts == "year":
        return list(s.period)
    if parts not in ("quarter", "month"):
        msg = f"parts is 'year', 'quarter' or 'month', not {parts!r}"
        raise ArgumentError(msg)
    return [str(p) for year in s.period for p in Period.of_year(year, parts)]  # type: ignore[arg-type]


def _target_periods(s: IndicatorSet, periods: list[Any]) -> list[Any]:
    """Each year, then its parts (when the data are by part): the year's target and the parts'
    cumulative ones."""
    out: list[Any] = []
    for year in s.period:
        out.append(year)
        out += [p for p in periods if isinstance(p, str) and p.startswith(f"{year}-")]
    return out


def _data_sheet(ws: Any, s: IndicatorSet, lang: str, periods: list[Any]) -> None:
    openpyxl = _openpyxl()
    styles = openpyxl.styles
    text = _TEXT[lang]
    variables = s.variables
    append_row(ws, ["period", *(v.code for v in variables)])
    append_row(ws, [TEMPLATE_PERIOD_LABELS[lang], *(_variable_label(v, lang) for v in variables)])
    for period in periods:
        ws.append([period])
    wrap = styles.Alignment(wrap_text=True, vertical="top")
    users = {v.code: [i.code for i in s if v.code in i.variables] for v in variables}
    for n in range(1, len(variables) + 2):
        letter = openpyxl.utils.get_column_letter(n)
        head = ws.cell(1, n)
        head.font = styles.Font(bold=True)
        head.fill = _fill(_HEADER_FILL)
        head.border = _border()
        note = ws.cell(LABEL_ROW, n)
        note.font = styles.Font(italic=True, color=_NOTE_COLOUR, size=9)
        note.fill = _fill(_LABEL_FILL)
        note.alignment = wrap
        ws.column_dimensions[letter].width = 12 if n == 1 else 24
        if n == 1:
            continue
        variable = variables[n - 2]
        comment = f"{_variable_label(variable, lang)}\n{text['kinds'][variable.kind]}"
        comment += f"\n{text['used_by']} {', '.join(users[variable.code])}"
        head.comment = openpyxl.comments.Comment(excel_text(comment), "iku", width=300, height=120)
        rule = _validation(variable, lang)
        if rule is not None:
            rule.add(f"{letter}{LABEL_ROW + 1}:{letter}{LABEL_ROW + _TEMPLATE_ROWS}")
            ws.add_data_validation(rule)
    ws.row_dimensions[LABEL_ROW].height = 60
    ws.freeze_panes = ws.cell(LABEL_ROW + 1, 2)


def _variable_label(variable: Any, lang: str) -> str:
    words = (variable.label_en or variable.label) if lang == "en" else variable.label
    return f"{words} ({variable.unit})" if variable.unit else words


def _validation(variable: Any, lang: str) -> Any:
    dv = _openpyxl().worksheet.datavalidation.DataValidation
    rule_text = _TEXT[lang]["kinds"][variable.kind]
    message = _TEXT[lang]["bad_input"].format(rule=rule_text)
    if variable.kind is VariableKind.COUNT:
        rule = dv(type="whole", operator="greaterThanOrEqual", formula1="0")
    elif variable.kind is VariableKind.AMOUNT:
        rule = dv(type="decimal", operator="greaterThanOrEqual", formula1="0")
    elif variable.range is not None:
        lo, hi = variable.range
        rule = dv(type="decimal", operator="between", formula1=repr(lo), formula2=repr(hi))
        message = _TEXT[lang]["bad_input"].format(rule=f"{rule_text} {lo:g} .. {hi:g}")
    else:
        rule = dv(type="decimal", operator="between", formula1="-1E+300", formula2="1E+300")
    rule.error = message
    rule.errorTitle = variable.code
    rule.prompt = message
    rule.showErrorMessage = True
    rule.allow_blank = True
    return rule


def _targets_sheet(ws: Any, s: IndicatorSet, lang: str, periods: list[Any]) -> None:
    styles = _styles()
    text = _TEXT[lang]
    ws.append(["indicator", "period", "target", text["name_hint"], text["unit_hint"]])
    for period in periods:
        for ind in s:
            append_row(ws, [ind.code, period, None, ind.label(lang), unit_text(ind.unit, lang)])
    for n in range(1, 6):
        ws.cell(1, n).font = styles.Font(bold=True)
        ws.cell(1, n).fill = _fill(_HEADER_FILL)
    for r in range(2, ws.max_row + 1):
        for n in (4, 5):
            ws.cell(r, n).font = styles.Font(color=_NOTE_COLOUR)
    for letter, width in zip("ABCDE", (12, 10, 12, 60, 10), strict=True):
        ws.column_dimensions[letter].width = width
    rule = _openpyxl().worksheet.datavalidation.DataValidation(
        type="decimal", operator="between", formula1="-1E+300", formula2="1E+300"
    )
    rule.error = _TEXT[lang]["bad_input"].format(rule=text["kinds"][VariableKind.REAL])
    rule.showErrorMessage = True
    rule.allow_blank = True
    rule.add(f"C2:C{max(ws.max_row, 2)}")
    ws.add_data_validation(rule)
    ws.freeze_panes = "A2"


def _template_definitions(ws: Any, s: IndicatorSet, lang: str) -> None:
    styles = _styles()
    heads = [
        label("code", lang),
        label("sasaran", lang),
        label("indicator", lang),
        label("formula_words", lang),
        label("formula_symbols", lang),
        label("unit", lang),
        label("polarity", lang),
        label("source_data", lang),
    ]
    ws.append(heads)
    for ind in s:
        append_row(
            ws,
            [
                ind.code,
                s.sasaran_of(ind).label(lang),
                ind.label(lang),
                formula_words(ind, s, lang),
                ind.formula_text,
                unit_text(ind.unit, lang),
                polarity_words(ind.polarity, lang),
                ind.source_data or "",
            ],
        )
    wrap = styles.Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        for cell in row:
            cell.alignment = wrap
            cell.border = _border()
    for n in range(1, len(heads) + 1):
        ws.cell(1, n).font = styles.Font(bold=True)
        ws.cell(1, n).fill = _fill(_HEADER_FILL)
    for letter, width in zip("ABCDEFGH", (9, 30, 40, 60, 40, 9, 22, 24), strict=True):
        ws.column_dimensions[letter].width = width
    ws.append([])
    ws.append([label("variables", lang)])
    ws.cell(ws.max_row, 1).font = styles.Font(bold=True)
    ws.append([label("code", lang), label("label", lang), label("kind", lang), label("unit", lang)])
    for v in s.variables:
        kind = _TEXT[lang]["kinds"][v.kind]
        if v.range is not None:
            kind += f" {v.range[0]:g} .. {v.range[1]:g}"
        append_row(ws, [v.code, _variable_label(v, lang), kind, v.unit or ""])
    ws.freeze_panes = "A2"
