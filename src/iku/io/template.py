"""The Excel input template: its layout, written here and read back by :mod:`iku.io`.

The template has a sheet ``data`` (one column per variable, headed by its code in row 1 with
the decree's words under it in row 2, the data from row 3), a sheet ``targets`` (``indicator,
period, target`` prefilled with every indicator and year of the set), a sheet explaining each
indicator and a sheet of instructions. Its keywords (``iku-template;format=1;set=...;lang=id``)
say that iku wrote it and in which language, so a reader knows the layout and how the person who
filled it writes numbers. A filled template is read back by :func:`iku.io.load_data` and
:func:`iku.io.load_targets` as it is.

>>> template_convention("iku-template;format=1;set=x;lang=id"), template_convention("notes")
(',', None)
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from iku.errors import ArgumentError
from iku.io.workbook import (
    HEADER_FILL,
    LABEL_FILL,
    NOTE_COLOUR,
    Sheet,
    append_row,
    border,
    fill,
    openpyxl,
)
from iku.messages import text
from iku.model import IndicatorSet, VariableKind

if TYPE_CHECKING:
    from iku.io.numbers import DecimalMark

__all__ = [
    "BUDGET_COLUMNS",
    "BUDGET_SHEET",
    "DATA_SHEET",
    "FIRST_ROW",
    "LABEL_ROW",
    "PERIOD_COLUMN",
    "PERIOD_LABELS",
    "TARGETS_SHEET",
    "TARGET_COLUMNS",
    "TEMPLATE_KEYWORD",
    "header_row",
    "is_label_row",
    "is_period_label",
    "label_texts",
    "template_convention",
    "write_template",
]

DATA_SHEET: Final = "data"
"""The sheet of data, one column per variable (and per key a person adds)."""
TARGETS_SHEET: Final = "targets"
"""The sheet of targets: ``indicator, period, target``."""
BUDGET_SHEET: Final = "anggaran"
"""The sheet of the budget: a row per sasaran and year (read by :mod:`iku.budget`)."""
BUDGET_COLUMNS: Final = ("sasaran", "period", "pagu", "realisasi", "program")
"""The columns of the budget sheet, in order."""
PERIOD_COLUMN: Final = "period"
TARGET_COLUMNS: Final = ("indicator", "period", "target")
HEADER_ROW: Final = 1
"""The row of codes in the data sheet (what a reader keys on)."""
LABEL_ROW: Final = 2
"""The template's row of labels under the codes of the ``data`` sheet (skipped when read)."""
FIRST_ROW: Final = 3
"""The first row of data."""
TEMPLATE_KEYWORD: Final = "iku-template"
"""Written into a template's keywords, so a reader knows the layout."""
PERIOD_LABELS: Final = {lang: text("io.template.period_label", lang) for lang in ("id", "en")}
"""What the template writes under ``period`` in its row of labels, by which it is recognised."""
_PERIOD_NAMES: Final = frozenset({"period", "periode", "tahun", "year"})
_TEMPLATE_ROWS: Final = 500
"""Rows of the data sheet that get input validation."""
_KINDS: Final = {
    VariableKind.COUNT: "io.template.count",
    VariableKind.AMOUNT: "io.template.amount",
    VariableKind.SCORE: "io.template.score",
    VariableKind.REAL: "io.template.real",
}


def is_period_label(value: object) -> bool:
    """True for the words the template writes under ``period`` (in either language)."""
    return isinstance(value, str) and value in PERIOD_LABELS.values()


def template_convention(keywords: str | None) -> DecimalMark | None:
    """How the person who filled a template writes numbers typed as text: a template written in
    Indonesian (``lang=id`` in its keywords) is filled with the decimal comma; else None (the
    file does not say)."""
    parts = (keywords or "").split(";")
    if TEMPLATE_KEYWORD in parts and "lang=id" in parts:
        return ","
    return None


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
    Sheet ``targets``: ``indicator, period, target`` for every indicator and year. Sheet
    ``anggaran``: ``sasaran, period, pagu, realisasi, program`` for every sasaran and year (the
    budget, read by :func:`iku.budget.read_budget`; it may stay empty). Sheets
    ``petunjuk`` (how to fill it) and ``indikator`` (each indicator explained).
    """
    from iku.report.safety import excel_text
    from iku.report.text import check_lang, label

    xl = openpyxl()
    check_lang(lang)
    periods = _template_periods(s, parts)
    wb = xl.Workbook()
    info = wb.active
    info.title = text("io.template.instructions", lang)
    _instructions(info, s, lang)
    _data_sheet(wb.create_sheet(DATA_SHEET), s, lang, periods)
    _targets_sheet(wb.create_sheet(TARGETS_SHEET), s, lang, _target_periods(s, periods))
    _budget_sheet(wb.create_sheet(BUDGET_SHEET), s, lang)
    _definitions(wb.create_sheet(label("indicators_sheet", lang)), s, lang)
    wb.properties.title = excel_text(f"iku template: {s.id}")
    wb.properties.subject = s.id
    wb.properties.keywords = f"{TEMPLATE_KEYWORD};format=1;set={s.id};lang={lang}"
    wb.active = 0
    wb.save(os.fspath(path))


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


def _instructions(ws: Any, s: IndicatorSet, lang: str) -> None:
    from iku.report.text import label, source_text

    styles = openpyxl().styles
    keys = ["step1", "step2", "step3", "step4", "step_budget", "step5", "step6"]
    steps = [text(f"io.template.{key}", lang, set_id=s.id) for key in keys]
    sheet = Sheet(ws)
    ws.column_dimensions["A"].width = 110
    sheet.add([text("io.template.title", lang)])
    ws.cell(1, 1).font = styles.Font(bold=True, size=14)
    lines = [s.label(lang)]
    if s.source:
        lines.append(f"{label('source', lang)}: {source_text(s.source, lang)}")
    for line in [*lines, "", *steps]:
        r = sheet.add([line])
        ws.cell(r, 1).alignment = styles.Alignment(wrap_text=True, vertical="top")
        sheet.fit(r, {1: (line, 110)})
    sheet.finish()


def _data_sheet(ws: Any, s: IndicatorSet, lang: str, periods: list[Any]) -> None:
    from iku.report.safety import excel_text

    xl = openpyxl()
    styles = xl.styles
    variables = s.variables
    append_row(ws, [PERIOD_COLUMN, *(v.code for v in variables)])
    append_row(ws, [PERIOD_LABELS[lang], *(_variable_label(v, lang) for v in variables)])
    for period in periods:
        ws.append([period])
    wrap = styles.Alignment(wrap_text=True, vertical="top")
    users = {v.code: [i.code for i in s if v.code in i.variables] for v in variables}
    for n in range(1, len(variables) + 2):
        letter = xl.utils.get_column_letter(n)
        head = ws.cell(HEADER_ROW, n)
        head.font = styles.Font(bold=True)
        head.fill = fill(HEADER_FILL)
        head.border = border()
        note = ws.cell(LABEL_ROW, n)
        note.font = styles.Font(italic=True, color=NOTE_COLOUR, size=9)
        note.fill = fill(LABEL_FILL)
        note.alignment = wrap
        ws.column_dimensions[letter].width = 12 if n == 1 else 24
        if n == 1:
            continue
        variable = variables[n - 2]
        comment = f"{_variable_label(variable, lang)}\n{text(_KINDS[variable.kind], lang)}"
        comment += f"\n{text('io.template.used_by', lang)} {', '.join(users[variable.code])}"
        head.comment = xl.comments.Comment(excel_text(comment), "iku", width=300, height=120)
        rule = _validation(variable, lang)
        if rule is not None:
            rule.add(f"{letter}{FIRST_ROW}:{letter}{LABEL_ROW + _TEMPLATE_ROWS}")
            ws.add_data_validation(rule)
    ws.row_dimensions[LABEL_ROW].height = 60
    ws.freeze_panes = ws.cell(FIRST_ROW, 2)


def _variable_label(variable: Any, lang: str) -> str:
    words = (variable.label_en or variable.label) if lang == "en" else variable.label
    return f"{words} ({variable.unit})" if variable.unit else str(words)


def _validation(variable: Any, lang: str) -> Any:
    dv = openpyxl().worksheet.datavalidation.DataValidation
    rule_text = text(_KINDS[variable.kind], lang)
    message = text("io.template.bad_input", lang, rule=rule_text)
    if variable.kind is VariableKind.COUNT:
        rule = dv(type="whole", operator="greaterThanOrEqual", formula1="0")
    elif variable.kind is VariableKind.AMOUNT:
        rule = dv(type="decimal", operator="greaterThanOrEqual", formula1="0")
    elif variable.range is not None:
        lo, hi = variable.range
        rule = dv(type="decimal", operator="between", formula1=repr(lo), formula2=repr(hi))
        message = text("io.template.bad_input", lang, rule=f"{rule_text} {lo:g} .. {hi:g}")
    else:
        rule = dv(type="decimal", operator="between", formula1="-1E+300", formula2="1E+300")
    rule.error = message
    rule.errorTitle = variable.code
    rule.prompt = message
    rule.showErrorMessage = True
    rule.allow_blank = True
    return rule


def _targets_sheet(ws: Any, s: IndicatorSet, lang: str, periods: list[Any]) -> None:
    from iku.report.text import unit_text

    styles = openpyxl().styles
    hints = [text("io.template.name_hint", lang), text("io.template.unit_hint", lang)]
    ws.append([*TARGET_COLUMNS, *hints])
    rows = 1
    for period in periods:
        for ind in s:
            append_row(ws, [ind.code, period, None, ind.label(lang), unit_text(ind.unit, lang)])
            rows += 1
    for n in range(1, 6):
        ws.cell(1, n).font = styles.Font(bold=True)
        ws.cell(1, n).fill = fill(HEADER_FILL)
    for r in range(2, rows + 1):
        for n in (4, 5):
            ws.cell(r, n).font = styles.Font(color=NOTE_COLOUR)
    for letter, width in zip("ABCDE", (12, 10, 12, 60, 10), strict=True):
        ws.column_dimensions[letter].width = width
    rule = openpyxl().worksheet.datavalidation.DataValidation(
        type="decimal", operator="between", formula1="-1E+300", formula2="1E+300"
    )
    rule.error = text("io.template.bad_input", lang, rule=text("io.template.real", lang))
    rule.showErrorMessage = True
    rule.allow_blank = True
    rule.add(f"C2:C{max(rows, 2)}")
    ws.add_data_validation(rule)
    ws.freeze_panes = "A2"


def _budget_sheet(ws: Any, s: IndicatorSet, lang: str) -> None:
    """The budget: a row per sasaran and year to fill with pagu and realisasi (rupiah)."""
    styles = openpyxl().styles
    ws.append([*BUDGET_COLUMNS, text("io.template.name_hint", lang)])
    for year in s.period:
        for sas in s.sasaran:
            append_row(ws, [sas.code, year, None, None, None, sas.label(lang)])
    for n in range(1, len(BUDGET_COLUMNS) + 2):
        ws.cell(1, n).font = styles.Font(bold=True)
        ws.cell(1, n).fill = fill(HEADER_FILL)
    for r in range(2, ws.max_row + 1):
        ws.cell(r, len(BUDGET_COLUMNS) + 1).font = styles.Font(color=NOTE_COLOUR)
    for letter, width in zip("ABCDEF", (12, 10, 18, 18, 40, 60), strict=True):
        ws.column_dimensions[letter].width = width
    rule = openpyxl().worksheet.datavalidation.DataValidation(
        type="decimal", operator="between", formula1="0", formula2="1E+300"
    )
    rule.error = text("io.template.bad_input", lang, rule=text("io.template.amount", lang))
    rule.showErrorMessage = True
    rule.allow_blank = True
    rule.add(f"C2:D{max(ws.max_row, 2)}")
    ws.add_data_validation(rule)
    for row in ws.iter_rows(min_row=2, min_col=3, max_col=4):
        for cell in row:
            cell.number_format = "#,##0"
    ws.freeze_panes = "A2"


def _definitions(ws: Any, s: IndicatorSet, lang: str) -> None:
    from iku.report.text import formula_words, label, polarity_words, unit_text

    styles = openpyxl().styles
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
    sheet = Sheet(ws)
    sheet.add(heads)
    for ind in s:
        sheet.add(
            [
                ind.code,
                s.sasaran_of(ind).label(lang),
                ind.label(lang),
                formula_words(ind, s, lang),
                ind.formula_text,
                unit_text(ind.unit, lang),
                polarity_words(ind.polarity, lang),
                ind.source_data or "",
            ]
        )
    wrap = styles.Alignment(wrap_text=True, vertical="top")
    edge = border()
    for row in ws.iter_rows(min_row=1, max_row=sheet.row):
        for cell in row:
            cell.alignment = wrap
            cell.border = edge
    for n in range(1, len(heads) + 1):
        ws.cell(1, n).font = styles.Font(bold=True)
        ws.cell(1, n).fill = fill(HEADER_FILL)
    for letter, width in zip("ABCDEFGH", (9, 30, 40, 60, 40, 9, 22, 24), strict=True):
        ws.column_dimensions[letter].width = width
    sheet.add()
    r = sheet.add([label("variables", lang)])
    ws.cell(r, 1).font = styles.Font(bold=True)
    sheet.add([label("code", lang), label("label", lang), label("kind", lang), label("unit", lang)])
    for v in s.variables:
        kind = text(_KINDS[v.kind], lang)
        if v.range is not None:
            kind += f" {v.range[0]:g} .. {v.range[1]:g}"
        sheet.add([v.code, _variable_label(v, lang), kind, v.unit or ""])
    sheet.finish()
    ws.freeze_panes = "A2"


def label_texts(s: IndicatorSet) -> frozenset[str]:
    """Every text the template's row of labels may hold for the set ``s`` (either language)."""
    out: set[str] = set(PERIOD_LABELS.values())
    for v in s.variables:
        for words in (v.label, v.label_en):
            if words:
                out.add(words.strip())
                if v.unit:
                    out.add(f"{words} ({v.unit})".strip())
    return frozenset(out)


def is_label_row(header: Sequence[str], row: Sequence[Any], labels: frozenset[str]) -> bool:
    """True for the template's row of labels under the codes: its ``period`` cell holds the
    template's words for the period, or it is text only and holds a variable's label
    (``labels``: :func:`label_texts` of the set)."""
    for name, cell in zip(header, row, strict=False):
        if name.strip().lower() in _PERIOD_NAMES and is_period_label(cell):
            return True
    if not labels or any(isinstance(v, int | float) and not isinstance(v, bool) for v in row):
        return False
    texts = {str(v).strip() for v in row if v is not None and str(v).strip()}
    return bool(texts & labels)


def header_row(rows: Sequence[Sequence[Any]], known: frozenset[str]) -> int | None:
    """The row of a sheet that holds its column names: the first of its first 20 rows naming
    a known column (``known``, lower case), else its first row with text; None when empty."""
    first = None
    for n, row in enumerate(rows[:20]):
        cells = [str(v).strip().lower() for v in row if v is not None and str(v).strip()]
        if cells and first is None:
            first = n
        if any(c in known for c in cells):
            return n
    return first
