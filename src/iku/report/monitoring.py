"""Reports of a :class:`~iku.Monitoring`: the table per part of the year with its early warnings,
as a data frame, plain text, Markdown, one HTML page (with an inline SVG chart per indicator:
the year to date against the target path, the projection dashed), an Excel workbook and a
matplotlib chart.

Every format states how the year to date and the projection are formed and which accumulation
each variable took. A report shows the first :data:`MAX_KEYS` keys (units); ``to_frame()`` has
them all.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from iku.messages import text
from iku.model import Indicator
from iku.periods import Period
from iku.report.html import band_colour, style, text_colour
from iku.report.safety import html_text, markdown_text, one_line, visible
from iku.report.text import MISSING, category_label, check_lang, format_number
from iku.scales import TargetRange

if TYPE_CHECKING:
    from iku.monitoring import Monitoring, MonitoringRow

__all__ = [
    "COLUMNS",
    "MAX_KEYS",
    "monitoring_excel",
    "monitoring_frame",
    "monitoring_html",
    "monitoring_markdown",
    "monitoring_text",
    "plot_monitoring",
    "trajectory_svg",
]

COLUMNS: Final = (
    "indicator",
    "period",
    "value",
    "target",
    "achievement",
    "category",
    "period_target",
    "period_achievement",
    "projected_value",
    "projected_achievement",
    "projected_category",
    "needed",
    "warning",
    "numerator",
    "denominator",
    "issues",
)
"""The columns of ``Monitoring.to_frame()`` after the key columns (``target_hi`` and
``period_target_hi`` follow their targets when one is a range)."""

MAX_KEYS: Final = 20
"""How many keys (units) a report shows; the rest are counted (``to_frame()`` has them all)."""
_MAX_ISSUES: Final = 200

_HEADINGS: Final = (
    "period",
    "indicator",
    "unit",
    "target",
    "value",
    "achievement",
    "period_target",
    "period_achievement",
    "projected_value",
    "projected_achievement",
    "projected_category",
    "needed",
    "warning",
)


# --- the frame --------------------------------------------------------------------------------


def monitoring_frame(m: Monitoring) -> Any:
    """``m.to_frame()``: one row per key, part of the year and indicator."""
    import numpy as np

    from iku.backends.columns import take
    from iku.backends.frames import frame_of

    s = m._s
    n, k = len(s.part), s.k
    repeat = np.repeat(np.arange(n, dtype=np.intp), k)
    columns: dict[Any, Any] = {key.name: take(key.native, repeat) for key in s.keys}
    codes = np.array([ind.code for ind in s.indicators], dtype=object)
    columns["indicator"] = np.tile(codes, n)
    texts = np.array(
        [str(Period(s.year, s.kind, i)) for i in range(1, max(s.parts_per_year, 1) + 1)],
        dtype=object,
    )
    columns["period"] = texts[s.part - 1].repeat(k) if n else np.empty(0, dtype=object)

    def stack(name: str) -> Any:
        block = np.empty((n, k), dtype=np.float64)
        for j in range(k):
            column = s.columns[name][j]
            if hasattr(column, "get") and not isinstance(column, np.ndarray):
                column = s.columns[name][j] = column.get()  # taken from the engine now
            block[:, j] = np.nan if column is None else column
        return block.ravel()

    def labels(name: str) -> Any:
        block = np.empty((n, k), dtype=object)
        for j, ind in enumerate(s.indicators):
            names = np.array([*ind.categories.labels, None], dtype=object)
            block[:, j] = names[s.columns[name][j]]
        return block.ravel()

    def warnings() -> Any:
        block = np.empty((n, k), dtype=object)
        for j in range(k):
            flags = s.columns["warning"][j]
            block[:, j] = np.array([True, False, None], dtype=object)[
                np.where(flags < 0, 2, 1 - flags)
            ]
        return block.ravel()

    ranged = {
        "target": any(isinstance(t.year, TargetRange) for t in s.targets),
        "period_target": any(
            isinstance(v, TargetRange) for t in s.targets for v in t.parts.values()
        ),
    }
    for name in COLUMNS[2:]:
        if name in ("category", "projected_category"):
            columns[name] = labels(name)
        elif name == "warning":
            columns[name] = warnings()
        elif name == "issues":
            column = np.empty(n * k, dtype=object)
            for i in range(n * k):
                column[i] = []
            for (i, j), found in s.codes.items():
                column[i * k + j] = list(found)
            columns[name] = column
        else:
            columns[name] = stack(name)
        if ranged.get(name):
            columns[f"{name}_hi"] = stack(f"{name}_hi")
    return frame_of(columns, s.flavour)


# --- what every format lays out -----------------------------------------------------------------


def _units(m: Monitoring) -> Iterator[tuple[dict[str, Any], list[list[MonitoringRow]]]]:
    """Each shown key's values and its rows: per part, one row per indicator."""
    s = m._s
    shown = 0
    i, n = 0, len(s.part)
    while i < n and shown < MAX_KEYS:
        unit = int(s.unit[i])
        parts: list[list[MonitoringRow]] = []
        keys: dict[str, Any] = {}
        while i < n and int(s.unit[i]) == unit:
            row = [s.row(i, j) for j in range(s.k)]
            keys = dict(row[0].keys) if row else {}
            parts.append(row)
            i += 1
        shown += 1
        yield keys, parts


def _more_units(m: Monitoring) -> int:
    s = m._s
    units = int(s.unit.max()) + 1 if len(s.unit) else 0
    return max(units - MAX_KEYS, 0)


def _indicator(m: Monitoring, code: str) -> Indicator:
    return next(ind for ind in m._s.indicators if ind.code == code)


def _target(value: Any, decimals: int, lang: str) -> str:
    if value is None:
        return MISSING
    if isinstance(value, TargetRange):
        lo, hi = format_number(value.lo, decimals, lang), format_number(value.hi, decimals, lang)
        return f"{lo} – {hi}"
    return format_number(value, decimals, lang)


def _warning(row: MonitoringRow, ind: Indicator, lang: str) -> str:
    if row.warning is None:
        return MISSING
    if not row.warning:
        return text("monitor.warning_no", lang)
    labels = ind.categories.labels
    band = category_label(ind.categories, labels[1] if len(labels) > 1 else labels[0], lang)
    return text("monitor.warning_yes", lang, band=band)


def _cells(m: Monitoring, row: MonitoringRow, lang: str, *, names: bool = True) -> list[str]:
    ind = _indicator(m, row.indicator)
    d = ind.decimals
    period = _period_label(m, row.period, lang)
    return [
        period,
        f"{ind.code} {ind.label(lang)}" if names else ind.code,
        ind.unit or MISSING,
        _target(row.target, d, lang),
        format_number(row.value, d, lang),
        format_number(row.achievement, 2, lang),
        _target(row.period_target, d, lang),
        format_number(row.period_achievement, 2, lang),
        format_number(row.projected_value, d, lang),
        format_number(row.projected_achievement, 2, lang),
        category_label(ind.categories, row.projected_category, lang),
        format_number(row.needed, d, lang),
        _warning(row, ind, lang),
    ]


def _period_label(m: Monitoring, canonical: str, lang: str) -> str:
    from iku.periods import parse_period

    return parse_period(canonical).label(lang)


def _headings(lang: str) -> list[str]:
    return [text(f"monitor.{name}", lang) for name in _HEADINGS]


def _subtitle(m: Monitoring, lang: str) -> str:
    parts = m.parts
    last = parts[-1].label(lang) if parts else MISSING
    return text(
        "monitor.subtitle",
        lang,
        year=m.year,
        parts=text(f"monitor.parts_{m.kind}", lang),
        last=last,
    )


def _name(m: Monitoring, lang: str) -> str:
    subject = m.subject
    if hasattr(subject, "organization"):
        return f"{subject.label(lang)}"
    return f"{subject.code} {subject.label(lang)}"


def _method_lines(m: Monitoring, lang: str) -> list[str]:
    return [
        text("monitor.ytd_rule", lang),
        text("monitor.projection", lang),
        text("monitor.needed_rule", lang),
    ]


def _accumulation_lines(m: Monitoring, lang: str) -> list[str]:
    out = []
    for code, (how, reason) in m._s.accumulations.items():
        key = "monitor.accumulation_line" if reason is None else "monitor.accumulation_assumed"
        out.append(text(key, lang, variable=code, how=text(f"monitor.how_{how}", lang)))
    return out


def _issue_lines(m: Monitoring, lang: str) -> list[str]:
    """One line per distinct issue; the same message on many rows (a target missing for an
    indicator) is one line naming the first row and how many there are."""
    groups: dict[tuple[str, str | None, str], list[Any]] = {}
    for issue in m.issues:
        key = (str(issue.code), issue.indicator, issue.describe(lang))
        groups.setdefault(key, []).append(issue.row)
    lines = []
    for (code, indicator, message), rows in list(groups.items())[:_MAX_ISSUES]:
        where = [indicator] if indicator else []
        first = rows[0]
        if isinstance(first, dict):
            where.append(", ".join(f"{k}={v}" for k, v in first.items()))
        elif first is not None:
            where.append(f"#{first}")
        if len(rows) > 1:
            where.append(text("monitor.rows_more", lang, n=len(rows) - 1))
        prefix = f"[{code}] " + (" · ".join(where) + ": " if where else "")
        lines.append(prefix + message)
    if len(groups) > _MAX_ISSUES:
        lines.append(text("monitor.more_issues", lang, n=len(groups) - _MAX_ISSUES))
    return lines


def _key_line(keys: dict[str, Any], lang: str) -> str | None:
    if not keys:
        return None
    return text("monitor.key", lang, keys=", ".join(f"{k} {v}" for k, v in keys.items()))


# --- plain text ---------------------------------------------------------------------------------


def monitoring_text(m: Monitoring, lang: str = "id", *, width: int | None = 160) -> str:
    """The monitoring table as plain text (indicator codes only, to fit a terminal)."""
    lang = check_lang(lang)
    out = [text("monitor.title", lang), _name(m, lang), _subtitle(m, lang), ""]
    headings = _headings(lang)
    keep = [i for i, name in enumerate(_HEADINGS) if name != "unit"]
    if not len(m):
        out += [text("monitor.no_rows", lang, year=m.year), ""]
    for keys, parts in _units(m):
        line = _key_line(keys, lang)
        if line:
            out += [line, ""]
        rows = [[_cells(m, r, lang, names=False)[i] for i in keep] for part in parts for r in part]
        out += _grid([headings[i] for i in keep], rows, width)
        out.append("")
    more = _more_units(m)
    if more:
        out += [text("monitor.more_keys", lang, n=more), ""]
    out += [text("monitor.method", lang), *(f"- {x}" for x in _method_lines(m, lang)), ""]
    out += [text("monitor.accumulation", lang)]
    out += [f"- {x}" for x in _accumulation_lines(m, lang)] + [""]
    out += [text("monitor.issues", lang)]
    issues = _issue_lines(m, lang)
    out += [f"- {x}" for x in issues] if issues else [text("monitor.no_issues", lang)]
    return visible("\n".join(out).rstrip("\n") + "\n")  # no escape sequence reaches a terminal


def _grid(headings: Sequence[str], rows: Sequence[Sequence[str]], width: int | None) -> list[str]:
    headings = [one_line(h) for h in headings]  # no control character reaches the terminal
    rows = [[one_line(c) for c in row] for row in rows]
    widths = [len(h) for h in headings]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    del width  # the table is as wide as it needs; a pager folds it

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.rjust(w) if i >= 2 and i != 9 and i != 11 else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return [line(headings), rule, *(line(r) for r in rows)]


# --- Markdown -----------------------------------------------------------------------------------


def _md(cell: str) -> str:
    return markdown_text(cell)


def monitoring_markdown(m: Monitoring, lang: str = "id") -> str:
    """The monitoring table in Markdown: a table per key, a row per part and indicator."""
    lang = check_lang(lang)
    out = [f"# {text('monitor.title', lang)}", "", f"**{_md(_name(m, lang))}**", ""]
    out += [_md(_subtitle(m, lang)), ""]
    if not len(m):
        out += [text("monitor.no_rows", lang, year=m.year), ""]
    headings = _headings(lang)
    for keys, parts in _units(m):
        line = _key_line(keys, lang)
        if line:
            out += [f"## {_md(line)}", ""]
        out.append("| " + " | ".join(_md(h) for h in headings) + " |")
        aligns = ["---", "---", "---", *["---:"] * 7, "---", "---:", "---"]
        out.append("| " + " | ".join(aligns) + " |")
        for part in parts:
            for row in part:
                out.append("| " + " | ".join(_md(c) for c in _cells(m, row, lang)) + " |")
        out.append("")
    more = _more_units(m)
    if more:
        out += [_md(text("monitor.more_keys", lang, n=more)), ""]
    out += [f"## {text('monitor.method', lang)}", ""]
    out += [f"- {_md(x)}" for x in _method_lines(m, lang)] + [""]
    out += [f"## {text('monitor.accumulation', lang)}", ""]
    out += [f"- {_md(x)}" for x in _accumulation_lines(m, lang)] + [""]
    out += [f"## {text('monitor.issues', lang)}", ""]
    issues = _issue_lines(m, lang)
    out += [f"- {_md(x)}" for x in issues] if issues else [text("monitor.no_issues", lang)]
    return "\n".join(out).rstrip("\n") + "\n"


# --- HTML ---------------------------------------------------------------------------------------

_EXTRA_STYLE: Final = (
    "table.lkjip tr.warning td.warning{background:#fde0dc;font-weight:600}"
    "table.lkjip tr.part th{background:#f4f4f4;text-align:left}"
    "div.charts{display:flex;flex-wrap:wrap;gap:1rem}"
)


def monitoring_html(m: Monitoring, lang: str = "id", *, page: bool = True) -> str:
    """One self-contained HTML page (no scripts, nothing fetched): per key an SVG chart per
    indicator and the table per part of the year with its early warnings; the method, the
    accumulations and the issues. ``page=False`` gives the body alone (for a notebook)."""
    lang = check_lang(lang)
    e = html_text
    body = [
        f"<h1>{e(text('monitor.title', lang))}</h1>",
        f'<p class="meta"><strong>{e(_name(m, lang))}</strong></p>',
        f'<p class="meta">{e(_subtitle(m, lang))}</p>',
    ]
    if not len(m):
        body.append(f"<p>{e(text('monitor.no_rows', lang, year=m.year))}</p>")
    headings = _headings(lang)
    for keys, parts in _units(m):
        line = _key_line(keys, lang)
        if line:
            body.append(f"<h2>{e(line)}</h2>")
        body.append('<div class="charts">')
        for j, ind in enumerate(m._s.indicators):
            series = [part[j] for part in parts]
            body.append(trajectory_svg(ind, series, m.kind, m._s.parts_per_year, lang=lang))
        body.append("</div>")
        body.append('<table class="lkjip monitoring"><thead><tr>')
        body += [f"<th>{e(h)}</th>" for h in headings[1:]]
        body.append("</tr></thead><tbody>")
        for part in parts:
            if not part:
                continue
            label = _period_label(m, part[0].period, lang)
            body.append(
                f'<tr class="part" data-period="{e(part[0].period)}">'
                f'<th colspan="{len(headings) - 1}">{e(label)}</th></tr>'
            )
            for row in part:
                body.append(_html_row(m, row, lang))
        body.append("</tbody></table>")
    more = _more_units(m)
    if more:
        body.append(f"<p>{e(text('monitor.more_keys', lang, n=more))}</p>")
    body.append(f"<h2>{e(text('monitor.method', lang))}</h2>")
    body.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in _method_lines(m, lang)) + "</ul>")
    body.append(f"<h3>{e(text('monitor.accumulation', lang))}</h3>")
    body.append(
        "<ul>" + "".join(f"<li>{e(x)}</li>" for x in _accumulation_lines(m, lang)) + "</ul>"
    )
    body.append(f"<h2>{e(text('monitor.issues', lang))}</h2>")
    issues = _issue_lines(m, lang)
    if issues:
        body.append('<ul class="issues">' + "".join(f"<li>{e(x)}</li>" for x in issues) + "</ul>")
    else:
        body.append(f"<p>{e(text('monitor.no_issues', lang))}</p>")
    content = "\n".join(body)
    if not page:
        css = style(".iku-report") + _EXTRA_STYLE.replace("table.", ".iku-report table.")
        return f'<div class="iku-report"><style>{css}</style>{content}</div>'
    title = e(f"{text('monitor.title', lang)} · {_name(m, lang)} · {m.year}")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{style()}{_EXTRA_STYLE}</style>\n</head>\n<body>\n"
        f"{content}\n</body>\n</html>\n"
    )


def _html_row(m: Monitoring, row: MonitoringRow, lang: str) -> str:
    e = html_text
    ind = _indicator(m, row.indicator)
    cells = _cells(m, row, lang)
    css = ["indicator"]
    if row.warning:
        css.append("warning")
    if any(code for code in row.issues):
        css.append("error" if row.value is None else "issue")
    out = [
        f'<tr class="{" ".join(css)}" data-indicator="{e(ind.code)}" '
        f'data-period="{e(row.period)}">',
        f'<td><span class="code">{e(ind.code)}</span>{e(ind.label(lang))}</td>',
        f"<td>{e(cells[2])}</td>",
    ]
    out += [f'<td class="num">{e(c)}</td>' for c in cells[3:10]]
    colour = band_colour(ind.categories, row.projected_category)
    out.append(
        f'<td class="category" style="background:{colour};color:{text_colour(colour)}">'
        f"{e(cells[10])}</td>"
    )
    out.append(f'<td class="num">{e(cells[11])}</td>')
    out.append(f'<td class="warning">{e(cells[12])}</td>')
    out.append("</tr>")
    return "".join(out)


def _path(rows: Sequence[MonitoringRow], parts: int) -> list[tuple[int, float]]:
    """The target path: each part's cumulative target where given, the year's at the end."""
    path: list[tuple[int, float]] = []
    for i, row in enumerate(rows, start=1):
        t = row.period_target
        if t is not None:
            path.append((i, t.lo if isinstance(t, TargetRange) else float(t)))
    year = rows[-1].target if rows else None
    if year is not None:
        value = year.lo if isinstance(year, TargetRange) else float(year)
        if not path or path[-1][0] != parts:
            path.append((parts, value))
    return path


def trajectory_svg(
    ind: Indicator, rows: Sequence[MonitoringRow], kind: str, parts: int, *, lang: str = "id"
) -> str:
    """An inline SVG of one indicator through the year: the year to date (a solid line with
    points), the target path (grey: the parts' cumulative targets and the year's at the end)
    and the projection to the year end (dashed), against the parts of the year."""
    e = html_text
    w, h, left, right, top, bottom = 320, 200, 46, 12, 30, 34
    values = [(i, r.value) for i, r in enumerate(rows, start=1) if r.value is not None]
    path = _path(rows, parts)
    last = rows[-1] if rows else None
    projection = []
    if last is not None and last.value is not None and last.projected_value is not None:
        projection = [(len(rows), last.value), (parts, last.projected_value)]
    numbers = [v for _, v in values] + [v for _, v in path] + [v for _, v in projection]
    finite = [v for v in numbers if math.isfinite(v)]
    lo = min([0.0, *finite])
    hi = max([1.0, *finite]) * 1.1

    def x(i: float) -> float:
        return left + (i - 0.5) / parts * (w - left - right)

    def y(v: float) -> float:
        return top + (1 - (v - lo) / (hi - lo)) * (h - top - bottom)

    name = f"{ind.code} {ind.label(lang)}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trajectory" role="img" width="{w}" '
        f'height="{h}" viewBox="0 0 {w} {h}" data-indicator="{e(ind.code)}" '
        f'aria-label="{e(name)}">',
        f"<title>{e(name)}: {e(text('monitor.chart', lang))}</title>",
        f'<text x="4" y="14" font-size="12" font-weight="600">{e(ind.code)}</text>',
        f'<text x="{w - right}" y="14" font-size="10" text-anchor="end">'
        f"{e(_short(ind.label(lang), 40))}</text>",
        f'<line x1="{left}" y1="{y(lo):.1f}" x2="{w - right}" y2="{y(lo):.1f}" stroke="#888"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{h - bottom}" stroke="#888"/>',
    ]
    for tick in (lo, (lo + hi) / 2, hi / 1.1):
        out.append(
            f'<text x="{left - 4}" y="{y(tick) + 3:.1f}" font-size="9" text-anchor="end">'
            f"{e(format_number(tick, 0 if abs(tick) >= 10 else 1, lang))}</text>"
        )
    for i in range(1, parts + 1):
        part = Period(2000, kind, i).label(lang).replace(" 2000", "")  # type: ignore[arg-type]
        out.append(
            f'<text x="{x(i):.1f}" y="{h - bottom + 14}" font-size="9" text-anchor="middle">'
            f"{e(part)}</text>"
        )
    if path:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in path)
        out.append(
            f'<polyline class="target-path" points="{points}" fill="none" stroke="#9e9e9e" '
            f'stroke-width="2"/>'
        )
        out += [
            f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.5" fill="#9e9e9e"/>' for i, v in path
        ]
    if projection:
        colour = band_colour(ind.categories, last.projected_category if last else None)
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in projection)
        out.append(
            f'<polyline class="projection" points="{points}" fill="none" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="5 4"/>'
        )
        end = projection[-1]
        out.append(
            f'<circle class="projection-end" cx="{x(end[0]):.1f}" cy="{y(end[1]):.1f}" r="3.5" '
            f'fill="#ffffff" stroke="{colour}" stroke-width="2"/>'
        )
    if values:
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in values)
        out.append(
            f'<polyline class="value" points="{points}" fill="none" stroke="#1f4e79" '
            f'stroke-width="2.5"/>'
        )
        for i, v in values:
            tip = f"{rows[i - 1].period}: {format_number(v, ind.decimals, lang)}"
            out.append(
                f'<circle class="value-point" cx="{x(i):.1f}" cy="{y(v):.1f}" r="3.5" '
                f'fill="#1f4e79"><title>{e(tip)}</title></circle>'
            )
    legend_y = h - 6
    legend = (
        ("#1f4e79", "", text("monitor.legend_value", lang)),
        ("#9e9e9e", "", text("monitor.legend_target", lang)),
        ("#555555", ' stroke-dasharray="4 3"', text("monitor.legend_projection", lang)),
    )
    lx = 4
    for colour, dash, words in legend:
        out.append(
            f'<line x1="{lx}" y1="{legend_y - 3}" x2="{lx + 14}" y2="{legend_y - 3}" '
            f'stroke="{colour}" stroke-width="2"{dash}/>'
        )
        out.append(f'<text x="{lx + 17}" y="{legend_y}" font-size="9">{e(words)}</text>')
        lx += 24 + int(5.2 * len(words))
    out.append("</svg>")
    return "\n".join(out)


def _short(words: str, n: int) -> str:
    return words if len(words) <= n else words[: n - 1] + "…"


# --- Excel --------------------------------------------------------------------------------------


def monitoring_excel(m: Monitoring, path: str | os.PathLike[str], lang: str = "id") -> Path:
    """An ``.xlsx`` with the monitoring table (sheet ``pemantauan``/``monitoring``), every row
    as data (``data``) and the issues (``issues``)."""
    from iku.io.workbook import append_row
    from iku.io.workbook import openpyxl as _openpyxl

    lang = check_lang(lang)
    openpyxl = _openpyxl()
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "pemantauan" if lang == "id" else "monitoring"
    bold = Font(bold=True)
    append_row(ws, [text("monitor.title", lang)])
    ws["A1"].font = Font(bold=True, size=14)
    append_row(ws, [_name(m, lang)])
    append_row(ws, [_subtitle(m, lang)])
    append_row(ws, [])
    headings = _headings(lang)
    warn_fill = PatternFill("solid", fgColor="FDE0DC")
    for keys, parts in _units(m):
        line = _key_line(keys, lang)
        if line:
            append_row(ws, [line])
            ws.cell(ws.max_row, 1).font = bold
        append_row(ws, headings)
        for cell in ws[ws.max_row]:
            cell.font = bold
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for part in parts:
            for row in part:
                ind = _indicator(m, row.indicator)
                append_row(
                    ws,
                    [
                        _period_label(m, row.period, lang),
                        f"{ind.code} {ind.label(lang)}",
                        ind.unit,
                        _excel_target(row.target),
                        row.value,
                        row.achievement,
                        _excel_target(row.period_target),
                        row.period_achievement,
                        row.projected_value,
                        row.projected_achievement,
                        category_label(ind.categories, row.projected_category, lang)
                        if row.projected_category
                        else None,
                        row.needed,
                        _warning(row, ind, lang) if row.warning is not None else None,
                    ],
                )
                if row.warning:
                    ws.cell(ws.max_row, len(headings)).fill = warn_fill
                for column in (4, 5, 7, 9, 12):
                    ws.cell(ws.max_row, column).number_format = "#,##0.00"
                for column in (6, 8, 10):
                    ws.cell(ws.max_row, column).number_format = "0.00"
        append_row(ws, [])
    more = _more_units(m)
    if more:
        append_row(ws, [text("monitor.more_keys", lang, n=more)])
    append_row(ws, [text("monitor.method", lang)])
    ws.cell(ws.max_row, 1).font = bold
    for line in [*_method_lines(m, lang), *_accumulation_lines(m, lang)]:
        append_row(ws, [line])
    for letter, width in zip(
        "ABCDEFGHIJKLM", (12, 48, 10, 12, 14, 12, 14, 14, 14, 14, 16, 14, 18), strict=True
    ):
        ws.column_dimensions[letter].width = width
    data = wb.create_sheet("data")
    records = m.to_records()[:1_048_000]
    if records:
        names = list(records[0])
        append_row(data, names)
        for record in records:
            append_row(data, [_excel_value(record[name]) for name in names])
    issues = wb.create_sheet("issues")
    append_row(issues, ["code", "severity", "indicator", "variable", "row", "message"])
    for issue in m.issues[:1_048_000]:
        append_row(
            issues,
            [
                str(issue.code),
                str(issue.severity),
                issue.indicator,
                issue.variable,
                _excel_value(issue.row),
                issue.describe(lang),
            ],
        )
    out = Path(path)
    wb.save(out)
    return out


def _excel_target(value: Any) -> Any:
    if isinstance(value, TargetRange):
        return f"{value.lo} – {value.hi}"
    return value


def _excel_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


# --- matplotlib ---------------------------------------------------------------------------------


def plot_monitoring(
    m: Monitoring,
    *,
    key: int = 0,
    indicators: Sequence[str] | None = None,
    lang: str = "id",
) -> Any:
    """A matplotlib figure, one panel per indicator of the ``key``-th key (unit): the year to
    date (solid, with points), the target path (grey) and the projection to the year end
    (dashed). Returns the figure."""
    lang = check_lang(lang)
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        from iku.errors import MissingDependencyError

        msg = "plotting needs matplotlib: pip install 'iku[plot]'"
        raise MissingDependencyError(msg) from None
    units = list(_units(m))
    if not units:
        fig, ax = plt.subplots()
        ax.set_title(text("monitor.no_rows", lang, year=m.year))
        return fig
    keys, parts = units[min(key, len(units) - 1)]
    chosen = [
        (j, ind)
        for j, ind in enumerate(m._s.indicators)
        if indicators is None or ind.code in indicators
    ]
    count = max(len(chosen), 1)
    columns = min(count, 3)
    rows_n = math.ceil(count / columns)
    fig, axes = plt.subplots(rows_n, columns, figsize=(4.2 * columns, 3.2 * rows_n), squeeze=False)
    total = m._s.parts_per_year
    ticks = [Period(2000, m.kind, i).label(lang).replace(" 2000", "") for i in range(1, total + 1)]
    for n, (j, ind) in enumerate(chosen):
        ax = axes[n // columns][n % columns]
        series = [part[j] for part in parts]
        values = [(i, r.value) for i, r in enumerate(series, start=1) if r.value is not None]
        path = _path(series, total)
        if path:
            ax.plot(
                *zip(*path, strict=True),
                color="#9e9e9e",
                marker="o",
                markersize=3,
                label=text("monitor.legend_target", lang),
            )
        if values:
            ax.plot(
                *zip(*values, strict=True),
                color="#1f4e79",
                marker="o",
                linewidth=2.5,
                label=text("monitor.legend_value", lang),
            )
        last = series[-1] if series else None
        if last is not None and last.value is not None and last.projected_value is not None:
            colour = band_colour(ind.categories, last.projected_category)
            ax.plot(
                [len(series), total],
                [last.value, last.projected_value],
                color=colour,
                linestyle="--",
                linewidth=2,
                label=text("monitor.legend_projection", lang),
            )
        ax.set_xticks(range(1, total + 1), ticks, fontsize=8)
        ax.set_xlim(0.5, total + 0.5)
        ax.set_title(f"{ind.code} {_short(ind.label(lang), 45)}", fontsize=9)
        ax.grid(alpha=0.3)
    for n in range(len(chosen), rows_n * columns):
        axes[n // columns][n % columns].set_visible(False)
    axes[0][0].legend(fontsize=7)
    title = f"{text('monitor.title', lang)} {m.year}"
    if keys:
        title += " · " + ", ".join(f"{k} {v}" for k, v in keys.items())
    fig.suptitle(title)
    fig.tight_layout()
    return fig
