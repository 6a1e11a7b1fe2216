"""The LKjIP's analysis of budget efficiency, under each year's table: per sasaran, the pagu, the
realisasi anggaran, the serapan, the capaian of the sasaran, the efficiency (capaian minus
serapan, in points) and its category by :data:`iku.EFISIENSI`, and the cost per unit where the
sasaran counts something. Shown when the evaluation has a budget (``evaluate(..., budget=)``)
and one row per period (the agency's whole figures).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from iku.messages import text
from iku.periods import as_period
from iku.report.safety import html_text, markdown_text, one_line
from iku.report.text import MISSING, format_number

if TYPE_CHECKING:
    from iku.report.table import Report, ReportTable
    from iku.scales import Scale

__all__ = [
    "efficiency_html",
    "efficiency_markdown",
    "efficiency_of",
    "efficiency_rows",
    "efficiency_sheet",
    "efficiency_text",
]


def _say(key: str, lang: str, **fields: Any) -> str:
    return text(f"pemda.{key}", lang, **fields)


def efficiency_of(evaluation: Any) -> tuple[Mapping[str, Any], ...]:
    """The efficiency records of an evaluation with a budget
    (:func:`iku.budget.efficiency_records`), or none: without a budget, or when the evaluation
    is by unit (a budget is the agency's)."""
    from iku.budget import efficiency_records
    from iku.errors import ArgumentError

    if getattr(evaluation, "budget", None) is None:
        return ()
    try:
        return tuple(efficiency_records(evaluation))
    except ArgumentError:
        return ()


def _same(a: Any, b: Any) -> bool:
    pa, pb = as_period(a), as_period(b)
    return pa == pb if pa is not None and pb is not None else a == b


def _rupiah(value: Any, lang: str) -> str:
    return MISSING if value is None else f"Rp {format_number(value, 0, lang)}"


def efficiency_rows(report: Report, table: ReportTable) -> tuple[list[str], list[list[str]]]:
    """The headings and rows of ``table``'s efficiency analysis, or ``([], [])`` when there is
    none for its period (or the table is a unit's)."""
    lang = report.lang
    records = [
        r
        for r in getattr(report, "efficiency", ())
        if not table.keys and _same(r["period"], table.period)
    ]
    if not records:
        return [], []
    names = {}
    subject = report.subject
    for sas in getattr(subject, "sasaran", ()):
        names[sas.code] = sas.label(lang)
    headings = [
        _say("eff_sasaran", lang),
        _say("eff_pagu", lang),
        _say("eff_realisasi", lang),
        _say("eff_absorption", lang),
        _say("eff_achievement", lang),
        _say("eff_efficiency", lang),
        _say("eff_category", lang),
        _say("eff_cost", lang),
    ]
    rows = []
    for r in records:
        what = f"{r['sasaran']} · {names.get(r['sasaran'], '')}".rstrip(" ·")
        if r.get("indicator"):
            what += f" ({r['indicator']})"
        cost = MISSING
        if r["cost_per_unit"] is not None:
            cost = f"{_rupiah(r['cost_per_unit'], lang)} / {r['cost_unit']}"
        rows.append(
            [
                what,
                _rupiah(r["pagu"], lang),
                _rupiah(r["realisasi"], lang),
                format_number(r["absorption"], 2, lang),
                format_number(r["achievement"], 2, lang),
                format_number(r["efficiency"], 2, lang),
                _category(r["category"], lang),
                cost,
            ]
        )
    return headings, rows


def _category(category: str | None, lang: str) -> str:
    from iku.budget import EFISIENSI, EFISIENSI_RASIO
    from iku.report.text import category_label

    if category is None:
        return MISSING
    for scale in (EFISIENSI, EFISIENSI_RASIO):
        if category in scale.labels:
            return category_label(scale, category, lang)
    return category


def _method(lang: str) -> str:
    return _say("eff_method", lang)


def efficiency_text(report: Report, table: ReportTable) -> list[str]:
    """The efficiency analysis as lines of plain text (none when there is none)."""
    headings, rows = efficiency_rows(report, table)
    if not rows:
        return []
    out = [f"{_say('eff_title', report.lang)}:"]
    for row in rows:
        cells = [one_line(cell) for cell in row]
        pairs = ", ".join(f"{h}: {c}" for h, c in zip(headings[1:], cells[1:], strict=True))
        out.append(f"- {cells[0]}: {pairs}")
    out.append(one_line(_method(report.lang)))
    return out


def efficiency_markdown(report: Report, table: ReportTable) -> list[str]:
    """The efficiency analysis as Markdown lines: a heading and a table."""
    headings, rows = efficiency_rows(report, table)
    if not rows:
        return []
    md = markdown_text
    lines = [f"**{md(_say('eff_title', report.lang))}**", ""]
    lines.append("| " + " | ".join(md(h) for h in headings) + " |")
    lines.append("| " + " | ".join(["---", *(["---:"] * 5), "---", "---:"]) + " |")
    lines += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
    lines += ["", f"_{md(_method(report.lang))}_", ""]
    return lines


def efficiency_html(
    report: Report, table: ReportTable, colours: Callable[[Scale, str], str]
) -> list[str]:
    """The efficiency analysis as HTML elements (none when there is none); ``colours`` gives the
    inline style of a category's cell (the HTML report's band colours)."""
    from iku.budget import EFISIENSI

    headings, rows = efficiency_rows(report, table)
    if not rows:
        return []
    e = html_text
    out = [
        f"<h3>{e(_say('eff_title', report.lang))}</h3>",
        '<table class="lkjip efficiency">',
        "<thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in headings) + "</tr></thead>",
        "<tbody>",
    ]
    records = [r for r in report.efficiency if not table.keys and _same(r["period"], table.period)]
    for row, record in zip(rows, records, strict=True):
        cells = [f"<td>{e(row[0])}</td>"]
        cells += [f'<td class="num">{e(c)}</td>' for c in row[1:6]]
        category = record["category"]
        style = ""
        if category in EFISIENSI.labels:
            style = f' style="{colours(EFISIENSI, category)}"'
        cells.append(f'<td class="category"{style}>{e(row[6])}</td>')
        cells.append(f'<td class="num">{e(row[7])}</td>')
        out.append(f'<tr data-sasaran="{e(record["sasaran"])}">' + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>", f'<p class="note">{e(_method(report.lang))}</p>']
    return out


def efficiency_sheet(wb: Any, report: Report, append_row: Callable[[Any, list[Any]], Any]) -> None:
    """A sheet of the efficiency analysis (numbers stay numbers), when there is one;
    ``append_row`` is the workbook writer's (every text made safe)."""
    records = list(getattr(report, "efficiency", ()))
    if not records:
        return
    lang = report.lang
    ws = wb.create_sheet(_say("eff_sheet", lang))
    append_row(ws, [_say("eff_title", lang)])
    append_row(ws, [_method(lang)])
    append_row(
        ws,
        [
            _say("eff_sasaran", lang),
            _say("eff_period", lang),
            _say("eff_pagu", lang),
            _say("eff_realisasi", lang),
            _say("eff_absorption", lang),
            _say("eff_achievement", lang),
            _say("eff_efficiency", lang),
            _say("eff_category", lang),
            _say("eff_cost", lang),
            _say("eff_cost_unit", lang),
        ],
    )
    for r in records:
        append_row(
            ws,
            [
                r["sasaran"],
                str(r["period"]) if r["period"] is not None else None,
                r["pagu"],
                r["realisasi"],
                r["absorption"],
                r["achievement"],
                r["efficiency"],
                _category(r["category"], lang) if r["category"] else None,
                r["cost_per_unit"],
                r["cost_unit"],
            ],
        )
    for column in "CDI":
        for cell in ws[column][3:]:
            cell.number_format = "#,##0"
    for column in "EFG":
        for cell in ws[column][3:]:
            cell.number_format = "0.00"
