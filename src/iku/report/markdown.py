"""The LKjIP report as Markdown: a heading and a table per year, the data issues under each
table, and the indicators' definitions (formula in words and symbols, sumber data) at the end.

Every text from the set or the data is escaped (:func:`iku.report.safety.markdown_text`): raw
HTML, links, emphasis and pipes print as written, and a newline cannot start a line of its own.
"""

from __future__ import annotations

from typing import Any

from iku.report.acrossyears import comparison_markdown
from iku.report.efficiency import efficiency_markdown
from iku.report.safety import markdown_code, markdown_text
from iku.report.table import Report, ReportTable, SummaryRow, as_report
from iku.report.text import label

__all__ = ["to_markdown"]


def to_markdown(evaluation: Any, subject: Any = None, *, lang: str = "id") -> str:
    """The LKjIP report of ``evaluation`` (or of a built :class:`~iku.report.Report`) as Markdown.

    >>> import iku
    >>> s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
    >>> ev = iku.evaluate(s["IKU-2"], {"psks_diberdayakan": 45, "psks": 50}, targets={"IKU-2": 80})
    >>> row = "| IKU-2 · Persentase PSKS yang diberdayakan | % | 80,00 | 90,00 | 112,50 |"
    >>> row + " Sangat Tinggi |" in to_markdown(ev, s)
    True
    """
    report = as_report(evaluation, subject, lang=lang)
    md = markdown_text
    lines = [f"# {md(label('report', report.lang))}", ""]
    if report.illustrative:
        banner = md(report.illustrative_text())
        lines += [f"> **{banner}.** {md(label('illustrative_note', report.lang))}", ""]
    lines += [f"**{md(report.title)}**", "", md(report.subtitle, start=True), ""]
    if report.source:
        lines += [f"{md(label('source', report.lang))}: {md(report.source)}", ""]
    lines += [x for note in report.notes for x in (f"_{md(note)}_", "")]
    for table in report.tables:
        lines += _table(report, table)
    general = report.general_issue_lines()
    if general:
        lines += [f"## {md(label('general_issues', report.lang))}", ""]
        lines += [f"- {md(line, start=True)}" for line in general] + [""]
    lines += [f"## {md(label('definitions', report.lang))}", ""]
    symbols = label("formula_symbols", report.lang)
    for row in report.definitions:
        lines += [f"### {md(row.code)} · {md(row.name)}", ""]
        for name, text in report.definition_lines(row):
            shown = markdown_code(text) if name == symbols else md(text)
            lines.append(f"- **{md(name)}**: {shown}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _table(report: Report, table: ReportTable) -> list[str]:
    md = markdown_text
    lines = [f"## {md(table.title())}", ""]
    lines.append("| " + " | ".join(md(h) for h in report.headers()) + " |")
    aligns = ["---:", "---", "---", "---", "---:", "---:", "---:", "---"]
    lines.append("| " + " | ".join(aligns) + " |")
    for row in table.lines():  # indicators, each sasaran's RATA-RATA, the mean of all
        cells = row.cells()
        if isinstance(row, SummaryRow):
            cells = [md(c) for c in cells]
            cells[2] = f"**{cells[2]}**"
            lines.append("| " + " | ".join(cells) + " |")
            continue
        cells[2] = f"{row.code} · {row.name}"  # the code, as the issues name it
        if not row.first_of_sasaran:
            cells[0] = cells[1] = ""  # the sasaran's cell spans its indicators, as in the decree
        lines.append("| " + " | ".join(md(c) for c in cells) + " |")
    lines.append("")
    lines += comparison_markdown(report, table)
    lines += efficiency_markdown(report, table)
    issues = table.issue_lines()
    lines += [f"**{md(label('issues', report.lang))}**", ""]
    if issues:
        lines += [f"- {md(line, start=True)}" for line in issues]
    else:
        lines.append(md(label("no_issues", report.lang)))
    lines.append("")
    return lines
