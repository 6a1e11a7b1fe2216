"""The Pemda summary of :func:`iku.evaluate_all` in every format, and a site of reports.

Every format lays out the same table (:func:`summary_table`): per OPD, worst first, its set, its
organization, its count of indicators, its mean capaian, its count of indicators per predikat,
those without capaian, its data errors and warnings, and, for an OPD that failed, why.
:func:`write_site` writes ``index.html`` (the summary, each OPD linking to its page) and the
LKjIP report of each OPD (``<set id>.html``).

Every text from a set or a file is escaped for its format (:mod:`iku.report.safety`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final
from urllib.parse import quote

from iku.messages import text
from iku.optional import require
from iku.report.html import band_colour, style, text_colour
from iku.report.safety import html_text, markdown_text, one_line
from iku.report.text import check_lang, format_number, label
from iku.scales import PREDIKAT

if TYPE_CHECKING:
    from iku.pemda import Pemda

__all__ = [
    "failure_lines",
    "pemda_excel",
    "pemda_html",
    "pemda_markdown",
    "pemda_text",
    "summary_table",
    "write_site",
]

_NUMERIC: Final = frozenset({2, 3})
"""Columns (after the first two) holding numbers: indicators, mean capaian."""


def _say(key: str, lang: str, **fields: Any) -> str:
    return text(f"pemda.{key}", lang, **fields)


def summary_table(
    pemda: Pemda, lang: str = "id", *, reasons: bool = True
) -> tuple[list[str], list[list[str]]]:
    """The summary's headings and rows as text in ``lang`` (numbers formatted for display);
    ``reasons=False`` leaves why an OPD failed out of its status (see :func:`failure_lines`)."""
    check_lang(lang)
    labels = pemda.labels()
    headers = [
        _say("opd", lang),
        _say("set", lang),
        _say("indicators", lang),
        _say("mean", lang),
        *(_band(label_, lang) for label_ in labels),
        _say("no_achievement", lang),
        _say("errors", lang),
        _say("warnings", lang),
        _say("status", lang),
    ]
    rows = []
    for row in pemda.summary():
        status = (
            _say("status_ok", lang)
            if row.ok
            else f"{_say('status_failed', lang)}: {row.describe(lang)}"
        )
        rows.append(
            [
                row.organization or "–",
                row.set_id,
                str(row.indicators) if row.ok else "–",
                format_number(row.mean_achievement, 2, lang),
                *((str(row.counts.get(label_, 0)) if row.ok else "–") for label_ in labels),
                str(row.no_achievement) if row.ok else "–",
                str(row.errors) if row.ok else "–",
                str(row.warnings) if row.ok else "–",
                status,
            ]
        )
    return headers, rows


def failure_lines(pemda: Pemda, lang: str = "id") -> list[str]:
    """Why each OPD that failed did, one line each: ``<set id>: <reason>``."""
    return [f"{row.set_id}: {row.describe(lang)}" for row in pemda.summary() if not row.ok]


def _band(name: str, lang: str) -> str:
    if lang == "en":
        try:
            return PREDIKAT.band(name).label_en or name
        except KeyError:
            return name
    return name


def _head(pemda: Pemda, lang: str) -> list[str]:
    lines = [_say("summary_title", lang)]
    if pemda.illustrative:
        lines.append(label("illustrative", lang))
    lines.append(_say("summary_period", lang, period=pemda.period, n=len(pemda.summary())))
    lines.append(_say("summary_order", lang))
    return lines


def pemda_text(pemda: Pemda, lang: str = "id", width: int | None = None) -> str:
    """The summary as a plain-text table (ASCII borders) for a terminal."""
    headers, rows = summary_table(pemda, lang, reasons=False)
    head = _head(pemda, lang)
    out = [one_line(head[0])]
    if pemda.illustrative:
        out.append(f"*** {one_line(head[1])} ***")
    out += [one_line(line) for line in head[-2:]]
    cells = [[one_line(cell).replace("|", "¦") for cell in row] for row in rows]
    widths = [
        max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)
    ]
    border = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out += [
        "",
        border,
        "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |",
        border,
    ]
    for row in cells:
        parts = [
            cell.rjust(w) if 2 <= i < len(headers) - 1 else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        out.append("| " + " | ".join(parts) + " |")
    out.append(border)
    failures = failure_lines(pemda, lang)
    if failures:
        out += ["", f"{_say('failures', lang)}:", *(f"- {one_line(line)}" for line in failures)]
    return "\n".join(out) + "\n"


def pemda_markdown(pemda: Pemda, lang: str = "id") -> str:
    """The summary as Markdown: a heading, notes and one table."""
    md = markdown_text
    headers, rows = summary_table(pemda, lang, reasons=False)
    head = _head(pemda, lang)
    lines = [f"# {md(head[0])}", ""]
    if pemda.illustrative:
        lines += [f"> **{md(head[1])}.** {md(label('illustrative_note', lang))}", ""]
    lines += [md(head[-2], start=True), "", f"_{md(head[-1])}_", ""]
    lines.append("| " + " | ".join(md(h) for h in headers) + " |")
    aligns = ["---", "---", *(["---:"] * (len(headers) - 3)), "---"]
    lines.append("| " + " | ".join(aligns) + " |")
    lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in rows]
    failures = failure_lines(pemda, lang)
    if failures:
        lines += ["", f"**{md(_say('failures', lang))}**", ""]
        lines += [f"- {md(line, start=True)}" for line in failures]
    return "\n".join(lines) + "\n"


def pemda_html(pemda: Pemda, lang: str = "id", *, links: Mapping[str, str] | None = None) -> str:
    """The summary as one self-contained HTML page; ``links`` maps set ids to the address of
    each OPD's report (its row then links to it)."""
    e = html_text
    headers, rows = summary_table(pemda, lang)
    head = _head(pemda, lang)
    links = links or {}
    summary = pemda.summary()
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="data:,">',
        f"<title>{e(head[0])}</title>",
        f"<style>\n{style()}\n{_RULES}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{e(head[0])}</h1>",
    ]
    if pemda.illustrative:
        parts.append(
            f'<p class="illustrative" role="note"><strong>{e(head[1])}.</strong> '
            f"{e(label('illustrative_note', lang))}</p>"
        )
    parts += [
        f'<p class="meta">{e(head[-2])}</p>',
        f'<p class="note">{e(head[-1])}</p>',
        "</header>",
    ]
    parts.append('<table class="lkjip pemda">')
    parts.append("<thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in headers) + "</tr></thead>")
    parts.append("<tbody>")
    for row, cells in zip(summary, rows, strict=True):
        css = "opd" if row.ok and not row.errors else "opd error"
        out = [f'<tr class="{css}" data-set="{e(row.set_id)}">']
        name = e(cells[0])
        if row.set_id in links:
            name = f'<a href="{e(links[row.set_id])}">{name}</a>'
        out.append(f"<td>{name}</td><td><code>{e(cells[1])}</code></td>")
        for n, cell in enumerate(cells[2:-1], start=2):
            attrs = ' class="num"'
            if n == 3 and row.mean_achievement is not None:
                colour = band_colour(PREDIKAT, PREDIKAT.classify(row.mean_achievement))
                attrs += f' style="background:{colour};color:{text_colour(colour)}"'
            out.append(f"<td{attrs}>{e(cell)}</td>")
        out.append(f"<td>{e(cells[-1])}</td></tr>")
        parts.append("".join(out))
    parts += ["</tbody>", "</table>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


_RULES: Final = "table.pemda td a { color: inherit; }\n"


def pemda_excel(pemda: Pemda, path: Path, lang: str = "id") -> Path:
    """The summary as a workbook of one sheet (numbers stay numbers)."""
    from iku.report.excel import append_row

    openpyxl = require("openpyxl", "excel")
    check_lang(lang)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = _say("summary_sheet", lang)
    head = _head(pemda, lang)
    for line in head:
        append_row(ws, [line])
    append_row(ws, [])
    headers, _ = summary_table(pemda, lang)
    append_row(ws, headers)
    labels = pemda.labels()
    for row in pemda.summary():
        values: list[Any] = [row.organization or "", row.set_id]
        if row.ok:
            values += [row.indicators, row.mean_achievement]
            values += [row.counts.get(label_, 0) for label_ in labels]
            values += [row.no_achievement, row.errors, row.warnings, _say("status_ok", lang)]
        else:
            values += [None, None, *([None] * len(labels)), None, None, None]
            values.append(f"{_say('status_failed', lang)}: {row.describe(lang)}")
        append_row(ws, values)
    for cell in ws["D"][len(head) + 2 :]:
        cell.number_format = "0.00"
    if pemda.illustrative:
        wb.properties.subject = wb.properties.keywords = label("illustrative", lang)
    wb.save(path)
    return path


def _page_name(set_id: str) -> str:
    """The file name of an OPD's page: its set id (lower case letters, digits, ``.``, ``-``,
    ``_`` only, so never a path) and ``.html``."""
    return f"{set_id}.html"


def write_site(pemda: Pemda, folder: Path, lang: str = "id") -> Path:
    """Write the summary (``index.html``) and each evaluated OPD's LKjIP report page into
    ``folder`` (made if absent); returns the index's path."""
    from iku.report import build_report, to_html

    check_lang(lang)
    folder.mkdir(parents=True, exist_ok=True)
    links: dict[str, str] = {}
    for set_id, ev in pemda.evaluations.items():
        name = _page_name(set_id)
        if Path(name).name != name or name.startswith("."):  # pragma: no cover - ids are checked
            continue
        report = build_report(
            ev, pemda.sets.get(set_id), lang=lang, illustrative=pemda.illustrative
        )
        (folder / name).write_text(to_html(report), encoding="utf-8")
        links[set_id] = quote(name)
    index = folder / "index.html"
    index.write_text(pemda_html(pemda, lang, links=links), encoding="utf-8")
    return index
