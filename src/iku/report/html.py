"""The LKjIP report as one self-contained HTML page that works offline.

The page holds the table of each year, an inline SVG bar chart of capaian per indicator (with
the 100 % line and the predikat colours) and the data issues, then the indicators' definitions.
It has no scripts, no external fonts, styles or images: it can be mailed, archived or opened
from a USB stick and reads the same everywhere. Every text is escaped, its control characters
shown as symbols (:func:`iku.report.safety.html_text`); illustrative figures get a banner.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import attrs

from iku.model import Indicator
from iku.report.acrossyears import comparison_html
from iku.report.efficiency import efficiency_html
from iku.report.safety import html_text
from iku.report.table import Report, ReportRow, ReportTable, SummaryRow, as_report
from iku.report.text import MISSING, category_label, format_number, label
from iku.scales import Scale

__all__ = [
    "PALETTE",
    "band_colour",
    "bar_chart_svg",
    "evaluation_html",
    "report_body",
    "style",
    "text_colour",
    "to_html",
]

PALETTE: Final = ("#1a9850", "#91cf60", "#fee08b", "#fc8d59", "#d73027")
"""Colours of a scale's bands from the best to the worst (green to red)."""
_NO_COLOUR: Final = "#bdbdbd"
NOTEBOOK_TABLES: Final = 12
"""How many tables a notebook shows of an evaluation; the rest are counted (see to_frame)."""

_RULES: Final = (
    (
        "body",
        'font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; '
        "margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1b1b1b; line-height: 1.4",
    ),
    ("h1", "font-size: 1.5rem; margin-bottom: .25rem"),
    ("h2", "font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #1b1b1b"),
    ("h3", "font-size: 1rem"),
    ("p.meta", "margin: .1rem 0; color: #444"),
    (
        "p.illustrative",
        "margin: .5rem 0 1rem; padding: .6rem .9rem; border: 3px solid #b35806; "
        "background: #fee0b6; color: #1b1b1b; font-weight: 700; font-size: 1.05rem",
    ),
    ("table.lkjip", "border-collapse: collapse; width: 100%; font-size: .9rem"),
    (
        "table.lkjip th, table.lkjip td",
        "border: 1px solid #888; padding: .3rem .5rem; vertical-align: top",
    ),
    ("table.lkjip th", "background: #e8e8e8; text-align: center"),
    (
        "table.lkjip td.num",
        "text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums",
    ),
    ("table.lkjip td.category", "text-align: center; white-space: nowrap"),
    ("table.lkjip tr.error td", "background: #fff4f2"),
    ("table.lkjip tr.summary td", "font-weight: 600; background: #f4f4f4"),
    ("span.code", "color: #555; font-size: .8rem; display: block"),
    ("details", "font-size: .8rem; color: #333; margin-top: .25rem"),
    ("figure", "margin: 1rem 0"),
    ("figcaption", "font-size: .85rem; color: #444"),
    ("svg text", "font-family: inherit"),
    ("ul.issues li", "margin: .15rem 0"),
    ("dl.definition dt", "font-weight: 600"),
    ("dl.definition dd", "margin: 0 0 .3rem 1rem"),
)
"""The page's style as (selector, declarations) pairs, so it can be scoped inside a notebook."""


def style(scope: str = "") -> str:
    """The report's CSS; with ``scope`` (a selector such as ``.iku-report``) every rule applies
    only inside it, so a notebook's own styles are left alone."""
    rules = []
    for selector, body in _RULES:
        if scope:
            parts = [
                scope if s.strip() == "body" else f"{scope} {s.strip()}"
                for s in selector.split(",")
            ]
            selector = ", ".join(parts)
        rules.append(f"{selector} {{ {body}; }}")
    if not scope:
        rules.append("@media print { section.period { break-inside: avoid; } }")
    return "\n".join(rules)


def to_html(evaluation: Any, subject: Any = None, *, lang: str = "id") -> str:
    """The LKjIP report of ``evaluation`` (or of a built :class:`~iku.report.Report`) as a
    self-contained HTML page.

    >>> import iku
    >>> s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
    >>> ev = iku.evaluate(s["IKU-2"], {"psks_diberdayakan": 45, "psks": 50}, targets={"IKU-2": 80})
    >>> page = to_html(ev, s)
    >>> page.count('<tr class="indicator'), page.count('<g class="bar"'), "<script" in page
    (1, 1, False)
    """
    report = as_report(evaluation, subject, lang=lang)
    e = html_text
    head = [
        "<!DOCTYPE html>",
        f'<html lang="{report.lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="data:,">',
        f"<title>{e(_page_title(report))}</title>",
        f"<style>\n{style()}\n</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, report_body(report), "</body>", "</html>"]) + "\n"


def _page_title(report: Report) -> str:
    title = f"{label('report', report.lang)} · {report.title}"
    return f"{title} ({report.illustrative_text()})" if report.illustrative else title


def evaluation_html(evaluation: Any, subject: Any = None, *, lang: str = "id") -> str:
    """The LKjIP tables of an evaluation as an HTML fragment for a notebook: each year's table,
    its chart and its issues, styled only inside its own ``div``."""
    report = as_report(evaluation, subject, lang=lang)
    hidden = len(report.tables) - NOTEBOOK_TABLES
    if hidden > 0:
        more = label("more_tables", report.lang).format(n=hidden)
        report = attrs.evolve(
            report, tables=report.tables[:NOTEBOOK_TABLES], notes=(*report.notes, more)
        )
    body = report_body(report)
    return f'<style>{style(".iku-report")}</style><div class="iku-report">{body}</div>'


def report_body(report: Report) -> str:
    """The report's content (header, tables, charts, issues, definitions) as HTML elements,
    without the page around them."""
    e = html_text
    parts = [
        "<header>",
        f"<h1>{e(label('report', report.lang))}</h1>",
        *(
            [
                f'<p class="illustrative" role="note"><strong>{e(report.illustrative_text())}.'
                f"</strong> {e(label('illustrative_note', report.lang))}</p>"
            ]
            if report.illustrative
            else []
        ),
        f'<p class="meta"><strong>{e(report.title)}</strong></p>',
        f'<p class="meta">{e(report.subtitle)}</p>',
    ]
    if report.source:
        parts.append(f'<p class="meta">{e(label("source", report.lang))}: {e(report.source)}</p>')
    parts += [f'<p class="note">{e(note)}</p>' for note in report.notes]
    parts.append("</header>")
    for table in report.tables:
        parts += _section(report, table)
    general = report.general_issue_lines()
    if general:
        parts.append(f'<section class="general"><h2>{e(label("general_issues", report.lang))}</h2>')
        parts.append(_list(general))
        parts.append("</section>")
    parts.append(f'<section class="definitions"><h2>{e(label("definitions", report.lang))}</h2>')
    for row in report.definitions:
        parts.append(f'<h3 id="def-{e(row.code)}">{e(row.code)} · {e(row.name)}</h3>')
        parts.append('<dl class="definition">')
        for name, text in report.definition_lines(row):
            parts.append(f"<dt>{e(name)}</dt><dd>{e(text)}</dd>")
        parts.append("</dl>")
    parts.append("</section>")
    return "\n".join(parts)


def _section(report: Report, table: ReportTable) -> list[str]:
    e = html_text
    period = "" if table.period is None else str(table.period)
    parts = [
        f'<section class="period" data-period="{e(period)}">',
        f"<h2>{e(table.title())}</h2>",
        '<table class="lkjip">',
        "<thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in report.headers()) + "</tr></thead>",
        "<tbody>",
    ]
    # indicators, each sasaran's RATA-RATA, the mean of all
    parts += [
        _summary(row) if isinstance(row, SummaryRow) else _row(report, row) for row in table.lines()
    ]
    parts += ["</tbody>", "</table>"]
    parts += comparison_html(report, table)
    parts += efficiency_html(report, table, _cell_colours)
    parts.append("<figure>")
    parts.append(bar_chart_svg(table.rows, lang=report.lang))
    parts.append(f"<figcaption>{e(label('chart', report.lang))}</figcaption>")
    parts.append("</figure>")
    parts.append(f"<h3>{e(label('issues', report.lang))}</h3>")
    issues = table.issue_lines()
    parts.append(_list(issues) if issues else f"<p>{e(label('no_issues', report.lang))}</p>")
    parts.append("</section>")
    return parts


def _row(report: Report, row: ReportRow) -> str:
    e = html_text
    cells = row.cells()
    css = "indicator" if row.ok else "indicator error"
    out = [f'<tr class="{css}" data-indicator="{e(row.code)}">']
    if row.first_of_sasaran:
        span = f' rowspan="{row.sasaran_size}"' if row.sasaran_size > 1 else ""
        out.append(f'<td class="num"{span}>{e(cells[0])}</td><td{span}>{e(cells[1])}</td>')
    formula = e(label("formula", report.lang))
    source = e(label("source_data", report.lang))
    out.append(
        f'<td><span class="code">{e(row.code)}</span>{e(cells[2])}'
        f"<details><summary>{formula}</summary>{e(row.formula_words)}"
        f"<br><code>{e(row.indicator.formula_text)}</code>"
        f"<br>{source}: {e(row.source_data or MISSING)}</details></td>"
    )
    out.append(f"<td>{e(cells[3])}</td>")
    out += [f'<td class="num">{e(c)}</td>' for c in cells[4:7]]
    colour = band_colour(row.indicator.categories, row.category)
    style = f"background:{colour};color:{text_colour(colour)}"
    out.append(f'<td class="category" style="{style}">{e(cells[7])}</td>')
    out.append("</tr>")
    return "".join(out)


def _summary(row: SummaryRow) -> str:
    """A RATA-RATA row: its label across the first six columns, the capaian, the predikat."""
    e = html_text
    cells = row.cells()
    colour = band_colour(row.scale, row.category)
    style = f"background:{colour};color:{text_colour(colour)}"
    which = f' data-sasaran="{e(row.code)}"' if row.number is not None else ""
    return (
        f'<tr class="summary"{which}><td colspan="6">{e(cells[2])}</td>'
        f'<td class="num">{e(cells[6])}</td>'
        f'<td class="category" style="{style}">{e(cells[7])}</td></tr>'
    )


def _list(lines: Sequence[str]) -> str:
    return '<ul class="issues">' + "".join(f"<li>{html_text(x)}</li>" for x in lines) + "</ul>"


def band_colour(scale: Scale, category: str | None) -> str:
    """The colour of ``category``'s band in ``scale``: green for the best band to red for the
    worst, grey when there is no category.

    >>> from iku import PREDIKAT
    >>> band_colour(PREDIKAT, "Sangat Tinggi"), band_colour(PREDIKAT, None)
    ('#1a9850', '#bdbdbd')
    """
    if category is None or category not in scale.labels:
        return _NO_COLOUR
    n = len(scale.bands)
    i = scale.labels.index(category)
    return PALETTE[round(i * (len(PALETTE) - 1) / (n - 1))] if n > 1 else PALETTE[0]


def _cell_colours(scale: Scale, category: str) -> str:
    colour = band_colour(scale, category)
    return f"background:{colour};color:{text_colour(colour)}"


def text_colour(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (a ``#rrggbb`` colour).

    >>> text_colour("#1a9850"), text_colour("#d73027")
    ('#1b1b1b', '#ffffff')
    """
    r, g, b = (int(background.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    luminance = 0.2126 * r**2.2 + 0.7152 * g**2.2 + 0.0722 * b**2.2
    return "#1b1b1b" if luminance > 0.179 else "#ffffff"  # the larger WCAG contrast


def bar_chart_svg(rows: Sequence[ReportRow], *, lang: str = "id") -> str:
    """An inline SVG bar chart of capaian per indicator: one bar per row, coloured by predikat,
    with a dashed line at 100 % and a legend of the predikat."""
    e = html_text
    left, right, bar_h, gap, top = 70, 200, 22, 10, 28
    plot_w = 520
    values = [r.achievement for r in rows if r.achievement is not None]
    lo = max(min([0.0, *values]), -100.0)
    hi = min(max([110.0, *(v * 1.05 for v in values)]), 250.0)

    def x(v: float) -> float:
        return left + (min(max(v, lo), hi) - lo) / (hi - lo) * plot_w

    height = top + len(rows) * (bar_h + gap) + 40
    width = left + plot_w + right
    title = e(label("chart", lang))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" aria-label="{title}">',
        f"<title>{title}</title>",
    ]
    for n, row in enumerate(rows):
        y = top + n * (bar_h + gap)
        ach = row.achievement
        colour = band_colour(row.indicator.categories, row.category)
        start, end = (x(min(0.0, ach)), x(max(0.0, ach))) if ach is not None else (x(0), x(0))
        text = MISSING if ach is None else f"{format_number(ach, 2, lang)} %"
        cat = category_label(row.indicator.categories, row.category, lang)
        tip = f"{row.code}: {text} ({cat})" if ach is not None else f"{row.code}: {MISSING}"
        data = "" if ach is None else f' data-achievement="{ach!r}"'
        out.append(f'<g class="bar" data-indicator="{e(row.code)}"{data}>')
        out.append(f"<title>{e(tip)}</title>")
        out.append(
            f'<text x="{left - 8}" y="{y + bar_h * 0.7:.1f}" text-anchor="end" '
            f'font-size="12">{e(row.code)}</text>'
        )
        out.append(
            f'<rect x="{start:.1f}" y="{y}" width="{end - start:.1f}" height="{bar_h}" '
            f'fill="{colour}" stroke="#555" stroke-width="0.5"/>'
        )
        out.append(
            f'<text x="{max(end, x(0)) + 6:.1f}" y="{y + bar_h * 0.7:.1f}" font-size="12" '
            f'stroke="#ffffff" stroke-width="3" paint-order="stroke">'
            f"{e(text)} {e(cat) if ach is not None else ''}</text>"
        )
        out.append("</g>")
    bottom = top + len(rows) * (bar_h + gap)
    hundred = x(100.0)
    out.append(
        f'<line class="target" x1="{hundred:.1f}" y1="{top - 8}" x2="{hundred:.1f}" '
        f'y2="{bottom}" stroke="#1b1b1b" stroke-width="1.5" stroke-dasharray="5 3"/>'
    )
    out.append(
        f'<text x="{hundred:.1f}" y="{top - 12}" text-anchor="middle" font-size="11">'
        f"{e(label('target_line', lang))}</text>"
    )
    out.append(
        f'<line x1="{x(0):.1f}" y1="{top - 4}" x2="{x(0):.1f}" y2="{bottom}" stroke="#555"/>'
    )
    out += _legend(_scales([r.indicator for r in rows]), left, bottom + 16, lang)
    out.append("</svg>")
    return "\n".join(out)


def _scales(indicators: Sequence[Indicator]) -> list[Scale]:
    seen: list[Scale] = []
    for ind in indicators:
        if ind.categories not in seen:
            seen.append(ind.categories)
    return seen


def _legend(scales: Sequence[Scale], x0: int, y: int, lang: str) -> list[str]:
    out = []
    x = x0
    for scale in scales[:1]:
        for band in scale.bands:
            name = category_label(scale, band.label, lang)
            colour = band_colour(scale, band.label)
            out.append(
                f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour}" '
                f'stroke="#555" stroke-width="0.5"/>'
            )
            out.append(f'<text x="{x + 16}" y="{y}" font-size="11">{html_text(name)}</text>')
            x += 22 + 7 * len(name)
    return out
