"""The LKjIP report as Markdown: a heading and a table per year, the data issues under each
table, and the indicators' definitions (formula in words and symbols, sumber data) at the end."""

from __future__ import annotations

from typing import Any

from iku.report.table import Report, ReportTable, SummaryRow, as_report
from iku.report.text import label

__all__ = ["to_markdown"]


def to_markdown(evaluation: Any, subject: Any = None, *, lang: str = "id") -> str:
    """The LKjIP report of ``evaluation`` (or of a built :class:`~iku.report.Report`) as Markdown.

    >>> import iku
    >>> s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
    >>> ev = iku.evaluate(s["IKU-2"], {"psks_diberdayakan": 45, "psks": 50}, targets={"IKU-2": 80})
    >>> row = "| Persentase PSKS yang diberdayakan | % | 80,00 | 90,00 | 112,50 | Sangat Tinggi |"
    >>> row in to_markdown(ev, s)
    True
    """
    report = as_report(evaluation, subject, lang=lang)
    lines = [f"# {label('report', report.lang)}", "", f"**{_cell(report.title)}**", ""]
    lines += [f"{_cell(report.subtitle)}", ""]
    if report.source:
        lines += [f"{label('source', report.lang)}: {_cell(report.source)}", ""]
    lines += [x for note in report.notes for x in (f"_{_cell(note)}_", "")]
    for table in report.tables:
        lines += _table(report, table)
    general = report.general_issue_lines()
    if general:
        lines += [f"## {label('general_issues', report.lang)}", ""]
        lines += [f"- {_cell(line)}" for line in general] + [""]
    lines += [f"## {label('definitions', report.lang)}", ""]
    for row in report.definitions:
        lines += [f"### {row.code} · {_cell(row.name)}", ""]
        lines += [f"- **{name}**: {_cell(text)}" for name, text in report.definition_lines(row)]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _table(report: Report, table: ReportTable) -> list[str]:
    headers = report.headers()
    lines = [f"## {_cell(table.title())}", ""]
    lines.append("| " + " | ".join(headers) + " |")
    aligns = ["---:", "---", "---", "---", "---:", "---:", "---:", "---"]
    lines.append("| " + " | ".join(aligns) + " |")
    for row in table.lines():  # indicators, each sasaran's RATA-RATA, the mean of all
        cells = row.cells()
        if isinstance(row, SummaryRow):
            cells = [_cell(c) for c in cells]
            cells[2] = f"**{cells[2]}**"
            lines.append("| " + " | ".join(cells) + " |")
            continue
        if not row.first_of_sasaran:
            cells[0] = cells[1] = ""  # the sasaran's cell spans its indicators, as in the decree
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    lines.append("")
    issues = table.issue_lines()
    lines += [f"**{label('issues', report.lang)}**", ""]
    if issues:
        lines += [f"- {_cell(line)}" for line in issues]
    else:
        lines.append(label("no_issues", report.lang))
    lines.append("")
    return lines


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell or list item."""
    return " ".join(str(text).split()).replace("|", "\\|")
