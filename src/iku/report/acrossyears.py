"""The LKjIP's comparison across years, under each year's table: every indicator's realisasi in
the earlier years the data hold (up to three), the year's, its trend, the target at the end of
the set's period (target akhir Renstra) and the capaian against it (PermenPANRB 53/2014,
chapter III). Shown only when the evaluation holds an earlier year of the table's key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

from iku.messages import text
from iku.periods import as_period
from iku.report.safety import html_text, markdown_text, one_line
from iku.report.text import MISSING, format_number
from iku.scales import TargetRange

if TYPE_CHECKING:
    from iku.acrossyears import Key, YearComparison
    from iku.report.table import Report, ReportTable

__all__ = [
    "comparison_html",
    "comparison_markdown",
    "comparison_rows",
    "comparison_text",
    "comparison_title",
    "comparisons_of",
]

EARLIER: Final = 3
"""How many earlier years a comparison shows at most."""


def comparisons_of(evaluation: Any) -> Mapping[Key, YearComparison]:
    """The comparisons of an evaluation that holds more than one year (else none)."""
    from iku.acrossyears import compare_years

    table = getattr(evaluation, "table_output", None)
    if table is None or not hasattr(evaluation, "periods"):
        return {}
    if len(evaluation.periods) < 2:
        return {}
    return compare_years(evaluation)


def comparison_rows(report: Report, table: ReportTable) -> tuple[list[str], list[list[str]]]:
    """The headings and rows of ``table``'s comparison, or ``([], [])`` when its key has no
    earlier year in the evaluation."""
    lang = report.lang
    period = as_period(table.period)
    if not report.comparisons or period is None or not period.is_year:
        return [], []
    found = [report.comparisons.get((table.keys, period.year, row.code)) for row in table.rows]
    years = sorted({y for c in found if c is not None for y, _ in c.earlier})[-EARLIER:]
    if not years:
        return [], []
    end_year = next((c.end_year for c in found if c is not None and c.end_year), None)
    headings = [
        text("report.indicator", lang),
        *(text("years.value", lang, year=y) for y in years),
        text("years.value", lang, year=table.period),
        text("years.trend", lang),
        text("years.end_target", lang, year=end_year if end_year is not None else MISSING),
        text("years.end_achievement", lang),
    ]
    rows = []
    for row, comparison in zip(table.rows, found, strict=True):
        d = row.decimals
        earlier = dict(comparison.earlier) if comparison is not None else {}
        trend = comparison.trend if comparison is not None else None
        end = comparison.end_target if comparison is not None else None
        end_achievement = comparison.end_achievement if comparison is not None else None
        rows.append(
            [
                f"{row.code} {row.name}",
                *(format_number(earlier.get(y), d, lang) for y in years),
                format_number(row.value, d, lang),
                text(f"years.{trend}", lang) if trend else MISSING,
                _target(end, d, lang),
                format_number(end_achievement, 2, lang),
            ]
        )
    return headings, rows


def _target(value: Any, decimals: int, lang: str) -> str:
    if isinstance(value, TargetRange):
        lo, hi = format_number(value.lo, decimals, lang), format_number(value.hi, decimals, lang)
        return f"{lo} – {hi}"
    return format_number(value, decimals, lang)


def comparison_title(report: Report, table: ReportTable) -> str:
    """The comparison's title (the end of the set's period in it)."""
    end = next((c.end_year for c in report.comparisons.values() if c.end_year is not None), MISSING)
    return text("years.title", report.lang, end=end)


def comparison_markdown(report: Report, table: ReportTable) -> list[str]:
    """The comparison as Markdown lines (none when there is nothing to compare)."""
    headings, rows = comparison_rows(report, table)
    if not rows:
        return []

    def cell(value: str) -> str:
        return markdown_text(value)

    lines = [f"**{cell(comparison_title(report, table))}**", ""]
    lines.append("| " + " | ".join(cell(h) for h in headings) + " |")
    aligns = ["---", *["---:"] * (len(headings) - 4), "---", "---:", "---:"]
    lines.append("| " + " | ".join(aligns) + " |")
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def comparison_text(report: Report, table: ReportTable) -> list[str]:
    """The comparison as plain-text lines with ASCII rules (none when nothing to compare)."""
    headings, rows = comparison_rows(report, table)
    if not rows:
        return []
    headings = [one_line(h) for h in headings]  # no control character reaches the terminal
    rows = [[one_line(row[0].split(" ", 1)[0]), *(one_line(c) for c in row[1:])] for row in rows]
    widths = [max(len(r[i]) for r in [headings, *rows]) for i in range(len(headings))]

    def line(cells: Sequence[str]) -> str:
        return (
            "| "
            + " | ".join(
                c.ljust(w) if i in (0, len(cells) - 3) else c.rjust(w)
                for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            )
            + " |"
        )

    rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    title = one_line(comparison_title(report, table))
    return [title, rule, line(headings), rule, *(line(r) for r in rows), rule]


def comparison_html(report: Report, table: ReportTable) -> list[str]:
    """The comparison as an HTML table (none when nothing to compare)."""
    headings, rows = comparison_rows(report, table)
    if not rows:
        return []
    e = html_text
    out = [
        f"<h3>{e(comparison_title(report, table))}</h3>",
        '<table class="lkjip across-years">',
        "<thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in headings) + "</tr></thead><tbody>",
    ]
    trend_at = len(headings) - 3
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            css = "" if i == 0 else ' class="num"'
            if i == trend_at:
                colour = "#1a9850" if value.startswith("▲") else "#d73027"
                colour = colour if value[:1] in "▲▼" else "#1b1b1b"
                css = f' class="trend" style="color:{colour}"'
            cells.append(f"<td{css}>{e(value)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return out
