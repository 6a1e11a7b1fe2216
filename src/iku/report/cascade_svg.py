"""The performance tree of :func:`iku.cascade` as one self-contained HTML page with the tree drawn
in inline SVG.

The drawing puts the top indicators in the first row and each indicator's supporters in the rows
below, an arrow going up from each supporter to what it supports. A box holds the indicator's
code and set, its name (cut short; the full name is its tooltip), and with evaluations its capaian
and predikat, filled with the predikat's colour; the weakest supporter of an indicator has a thick
red frame, a link to an indicator not found ends dashed at a box saying so, links in a circle are
red. The indicators not reached from the top come last. Rows wrap after :data:`ROW_LIMIT` boxes.

The page has no scripts and fetches nothing; every text is escaped
(:func:`iku.report.safety.html_text`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from iku.links import join_link
from iku.messages import text
from iku.report.cascade import (
    _figure_words,
    _issue_words,
    _line_words,
    _link_rows,
    _period_words,
    _set_words,
    tree_lines,
)
from iku.report.html import band_colour, style, text_colour
from iku.report.safety import html_text, one_line

if TYPE_CHECKING:
    from iku.cascading import Cascade

__all__ = ["ROW_LIMIT", "cascade_page", "cascade_svg"]

Node = tuple[str, str]

ROW_LIMIT: Final = 6
"""The most boxes in one row of the drawing; a longer row wraps."""
_BOX_W: Final = 230
_BOX_H: Final = 70
_GAP_X: Final = 24
_GAP_Y: Final = 60
_MARGIN: Final = 16
_NAME: Final = 34
"""Characters of a name shown in a box."""
_RED: Final = "#d73027"
_PLAIN_FILL: Final = "#f4f4f4"

_EXTRA_RULES: Final = """
div.drawing { overflow-x: auto; }
svg.cascade { border: 1px solid #ccc; background: #ffffff; }
ul.tree, ul.tree ul { list-style: none; padding-left: 1.2rem; }
ul.tree li { margin: .15rem 0; }
span.mark { color: #b2182b; font-weight: 700; }
table.links { border-collapse: collapse; font-size: .85rem; }
table.links th, table.links td { border: 1px solid #888; padding: .25rem .4rem; }
table.links th { background: #e8e8e8; }
"""


def _say(key: str, lang: str, **fields: Any) -> str:
    return text(f"pemda.{key}", lang, **fields)


def _short(value: str, limit: int) -> str:
    shown = one_line(value)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _rows(cascade: Cascade) -> tuple[list[list[Node]], list[Node]]:
    """The rows of the drawing (top indicators first, then each level of supporters, then the
    indicators not reached) and the boxes of links to nothing (drawn after the top row)."""
    level: dict[Node, int] = {}
    frontier = list(cascade.roots())
    for node in frontier:
        level[node] = 0
    depth = 0
    while frontier:
        following = []
        for node in frontier:
            for link in cascade.supporters(node):
                if link.source not in level:
                    level[link.source] = depth + 1
                    following.append(link.source)
        frontier, depth = following, depth + 1
    rows: list[list[Node]] = [[] for _ in range(max(level.values(), default=-1) + 1)]
    order = {node: n for n, node in enumerate(cascade.nodes())}
    placed: dict[Node, float] = {}
    for n, row in enumerate(rows):
        members = [node for node in order if level.get(node) == n]
        if n > 0:

            def centre(node: Node) -> tuple[float, int]:
                above = [
                    placed[link.target] for link in cascade.supported(node) if link.target in placed
                ]
                return (sum(above) / len(above) if above else 1e9, order[node])

            members.sort(key=centre)
        row.extend(members)
        for k, node in enumerate(members):
            placed[node] = k
    unlinked = [node for node in cascade.nodes() if node not in level]
    if unlinked:
        rows.append(unlinked)
    missing = list(dict.fromkeys(link.target for link in cascade.links if not link.resolved))
    return rows, missing


def cascade_svg(cascade: Cascade, lang: str = "id") -> str:
    """The tree drawn as an SVG element (see the module's documentation)."""
    e = html_text
    rows, missing = _rows(cascade)
    if missing:
        rows = [rows[0] + missing if rows else list(missing), *rows[1:]] if rows else [missing]
    wrapped: list[list[Node]] = []
    for row in rows:
        wrapped += [row[i : i + ROW_LIMIT] for i in range(0, len(row), ROW_LIMIT)] or [[]]
    position: dict[Node, tuple[float, float]] = {}
    widest = max((len(row) for row in wrapped), default=1)
    width = 2 * _MARGIN + widest * _BOX_W + (widest - 1) * _GAP_X
    height = 2 * _MARGIN + len(wrapped) * _BOX_H + (len(wrapped) - 1) * _GAP_Y + 24
    for r, row in enumerate(wrapped):
        left = _MARGIN + (width - 2 * _MARGIN - (len(row) * _BOX_W + (len(row) - 1) * _GAP_X)) / 2
        for k, node in enumerate(row):
            position[node] = (left + k * (_BOX_W + _GAP_X), _MARGIN + r * (_BOX_H + _GAP_Y))
    title = e(_say("chart", lang))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cascade" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" aria-label="{title}">',
        f"<title>{title}</title>",
        "<defs>",
        '<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
        'fill="#444"/></marker>',
        f'<marker id="arrow-red" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
        f'fill="{_RED}"/></marker>',
        "</defs>",
    ]
    for link in cascade.links:
        if link.source not in position or link.target not in position:
            continue
        (sx, sy), (tx, ty) = position[link.source], position[link.target]
        x1, y1 = sx + _BOX_W / 2, sy
        x2, y2 = tx + _BOX_W / 2, ty + _BOX_H
        if y1 <= y2:  # the target is not above (same row, or a circle back down): go around
            y1, y2 = sy + _BOX_H, ty + _BOX_H
            path = _curve(x1, y1, x2, y2, max(y1, y2) + _GAP_Y / 2)
        else:
            path = _curve(x1, y1, x2, y2, (y1 + y2) / 2)
        red = not link.resolved or link.in_cycle
        colour = _RED if red else "#444"
        dash = ' stroke-dasharray="6 4"' if not link.resolved else ""
        marker = "arrow-red" if red else "arrow"
        kind = "missing" if not link.resolved else ("cycle" if link.in_cycle else "link")
        out.append(
            f'<path class="{kind}" data-from="{e(join_link(*link.source))}" '
            f'data-to="{e(join_link(*link.target))}" d="{path}" fill="none" stroke="{colour}" '
            f'stroke-width="{2 if red else 1.3}"{dash} marker-end="url(#{marker})"/>'
        )
    weakest = {w for node in cascade.nodes() if (w := cascade.weakest(node)) is not None}
    lacking = {node for node, n in _flags(cascade).items() if n}
    for node, (x, y) in position.items():
        out += _box(cascade, node, x, y, node in weakest, node in lacking, node in missing, lang)
    legend_y = height - _MARGIN
    out.append(
        f'<text x="{_MARGIN}" y="{legend_y}" font-size="11">{e(_say("legend_weakest", lang))}; '
        f"{e(_say('legend_missing', lang))}</text>"
    )
    out.append("</svg>")
    return "\n".join(out)


def _curve(x1: float, y1: float, x2: float, y2: float, bend: float) -> str:
    """An S-shaped path from (x1, y1) to (x2, y2) whose control points sit at height ``bend``."""
    return f"M {x1:.1f} {y1:.1f} C {x1:.1f} {bend:.1f} {x2:.1f} {bend:.1f} {x2:.1f} {y2:.1f}"


def _flags(cascade: Cascade) -> dict[Node, bool]:
    """Which indicators an issue is about (unsupported or orphan)."""
    named = {
        issue.indicator for issue in cascade.issues if str(issue.code) in ("unsupported", "orphan")
    }
    return {node: join_link(*node) in named for node in cascade.nodes()}


def _box(
    cascade: Cascade,
    node: Node,
    x: float,
    y: float,
    weakest: bool,
    lacking: bool,
    missing: bool,
    lang: str,
) -> list[str]:
    e = html_text
    ind = cascade.indicator(node)
    figure = cascade.figure(node)
    fill = _PLAIN_FILL
    if figure is not None and ind is not None and figure.category is not None:
        fill = band_colour(ind.categories, figure.category)
    if missing:
        fill = "#ffffff"
    ink = text_colour(fill)
    stroke, stroke_width, dash = "#555", 1, ""
    if weakest:
        stroke, stroke_width = _RED, 4
    if missing or lacking:
        dash = ' stroke-dasharray="5 3"'
        stroke = _RED if missing else "#b35806"
        stroke_width = max(stroke_width, 2)
    full = join_link(*node) + (f" · {ind.label(lang)}" if ind is not None else "")
    figure_words = _figure_words(cascade, node, lang)
    tip = " — ".join(part for part in (full, figure_words) if part)
    if weakest:
        tip += f" ({_say('weakest', lang)})"
    classes = ["node"] + (["weakest"] if weakest else []) + (["missing"] if missing else [])
    achievement = (
        ""
        if figure is None or figure.achievement is None
        else f' data-achievement="{figure.achievement!r}"'
    )
    lines = [
        f"{node[1]} · {node[0].split('.')[1] if node[0].count('.') >= 2 else node[0]}",
        _short(ind.label(lang), _NAME) if ind is not None else _say("missing", lang),
        figure_words if ind is not None else _short(node[0], _NAME),
    ]
    out = [
        f'<g class="{" ".join(classes)}" data-node="{e(join_link(*node))}"{achievement}>',
        f"<title>{e(tip)}</title>",
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{_BOX_W}" height="{_BOX_H}" rx="6" fill="{fill}" '
        f'stroke="{stroke}" stroke-width="{stroke_width}"{dash}/>',
    ]
    for k, line in enumerate(lines):
        if not line:
            continue
        weight = ' font-weight="700"' if k == 0 else ""
        out.append(
            f'<text x="{x + 8:.1f}" y="{y + 18 + k * 20:.1f}" font-size="12" fill="{ink}"{weight}>'
            f"{e(_short(line, _NAME + 6))}</text>"
        )
    out.append("</g>")
    return out


def cascade_page(cascade: Cascade, lang: str = "id") -> str:
    """The whole page: title, sets, period, the drawing, the issues, the tree as a list and the
    table of links."""
    e = html_text
    title = _say("cascade_title", lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<link rel="icon" href="data:,">',
        f"<title>{e(title)}</title>",
        f"<style>\n{style()}\n{_EXTRA_RULES}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{e(title)}</h1>",
        f'<p class="meta"><strong>{e(_say("sets", lang))}</strong></p>',
        "<ul>",
        *(
            f"<li><code>{e(set_id)}</code> {e(words)}</li>"
            for set_id, words in _set_words(cascade, lang)
        ),
        "</ul>",
        f'<p class="meta">{e(_period_words(cascade, lang))}</p>',
        "</header>",
        "<figure>",
        '<div class="drawing">',
        cascade_svg(cascade, lang),
        "</div>",
        f"<figcaption>{e(_say('chart', lang))}</figcaption>",
        "</figure>",
        f'<section class="issues"><h2>{e(_say("issues", lang))}</h2>',
    ]
    issues = _issue_words(cascade, lang)
    if issues:
        parts.append(
            '<ul class="issues">' + "".join(f"<li>{e(line)}</li>" for line in issues) + "</ul>"
        )
    else:
        parts.append(f"<p>{e(_say('no_issues', lang))}</p>")
    parts.append("</section>")
    parts.append(f'<section class="tree"><h2>{e(_say("tree", lang))}</h2>')
    parts += _tree_list(cascade, lang)
    parts.append("</section>")
    unlinked = cascade.unlinked()
    if unlinked:
        parts.append(f'<section class="unlinked"><h2>{e(_say("unlinked", lang))}</h2><ul>')
        for node in unlinked:
            words = f"{join_link(*node)}"
            ind = cascade.indicator(node)
            if ind is not None:
                words += f" · {ind.label(lang)}"
            figure = _figure_words(cascade, node, lang)
            parts.append(f"<li>{e(words)}{' — ' + e(figure) if figure else ''}</li>")
        parts.append("</ul></section>")
    headers, rows = _link_rows(cascade, lang)
    parts.append(f'<section class="links"><h2>{e(_say("links", lang))}</h2>')
    if rows:
        parts.append('<table class="links"><thead><tr>')
        parts.append("".join(f"<th>{e(h)}</th>" for h in headers))
        parts.append("</tr></thead><tbody>")
        parts += ["<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>" for row in rows]
        parts.append("</tbody></table>")
    else:
        parts.append(f"<p>{e(_say('no_links', lang))}</p>")
    parts += ["</section>", "</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _tree_list(cascade: Cascade, lang: str) -> list[str]:
    """The tree as nested lists: each supporter's ``<ul>`` inside the item it supports."""
    e = html_text
    out = ['<ul class="tree">']
    depth = -1
    for line in tree_lines(cascade):
        if line.depth > depth:
            out += ["<ul>"] * (line.depth - max(depth, 0))
        else:
            out.append("</li>")
            out += ["</ul></li>"] * (depth - line.depth)
        depth = line.depth
        words, figure, marks = _line_words(cascade, line, lang)
        shown = e(words) + (f" — {e(figure)}" if figure else "")
        shown += "".join(f' <span class="mark">({e(mark)})</span>' for mark in marks)
        out.append(f'<li data-node="{e(join_link(*line.node))}">{shown}')
    if depth >= 0:
        out.append("</li>")
        out += ["</ul></li>"] * depth
    out.append("</ul>")
    return out
