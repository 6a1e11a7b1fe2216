"""The performance tree of :func:`iku.cascade` as text, Markdown, Mermaid and an HTML page.

Every format shows the same things: the sets checked (which are top), the issues of the links,
the tree from each top indicator down to its supporters (with their capaian and predikat when the
cascade has evaluations, the weakest supporter of each indicator marked), the indicators not
connected to the top, and the links one by one. Text from set files is escaped for each format
(:mod:`iku.report.safety`, and :func:`mermaid_text` for Mermaid labels).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final

import attrs

from iku.links import join_link
from iku.messages import text
from iku.report.safety import markdown_code, markdown_text, one_line
from iku.report.text import category_label, check_lang, format_number

if TYPE_CHECKING:
    from iku.cascading import Cascade, Link

__all__ = [
    "TreeLine",
    "cascade_markdown",
    "cascade_mermaid",
    "cascade_text",
    "mermaid_text",
    "tree_lines",
]

Node = tuple[str, str]

NAME_LIMIT: Final = 60
"""The most characters of an indicator's name a Mermaid or SVG box shows (the rest is cut with
``…``; the full name is in the HTML page's tooltip and tables)."""


def _say(key: str, lang: str, **fields: Any) -> str:
    return text(f"pemda.{key}", lang, **fields)


@attrs.frozen
class TreeLine:
    """One line of the tree: an indicator at ``depth`` (0 for a top indicator), the ``link`` by
    which it supports the line above (None at the top), whether it is shown already above
    (``seen``: its supporters are not repeated) or closes a circle of links (``circle``)."""

    depth: int
    node: Node
    link: Link | None
    seen: bool = False
    circle: bool = False


def tree_lines(cascade: Cascade) -> list[TreeLine]:
    """The tree, depth first from each top indicator, supporters in link order. An indicator
    that supports several is listed under each, its own supporters only the first time."""
    lines: list[TreeLine] = []
    shown: set[Node] = set()
    for root in cascade.roots():
        stack: list[tuple[Node, int, Any, tuple[Node, ...]]] = [(root, 0, None, ())]
        while stack:
            node, depth, link, path = stack.pop()
            if node in path:
                lines.append(TreeLine(depth, node, link, circle=True))
                continue
            if node in shown:
                lines.append(TreeLine(depth, node, link, seen=True))
                continue
            shown.add(node)
            lines.append(TreeLine(depth, node, link))
            children = cascade.supporters(node)
            stack += [(c.source, depth + 1, c, (*path, node)) for c in reversed(children)]
    return lines


def _node_words(cascade: Cascade, node: Node, lang: str, *, with_set: bool = True) -> str:
    ind = cascade.indicator(node)
    name = f"{node[1]} · {ind.label(lang)}" if ind is not None else join_link(*node)
    return f"{name} [{node[0]}]" if with_set else name


def _figure_words(cascade: Cascade, node: Node, lang: str) -> str:
    figure = cascade.figure(node)
    ind = cascade.indicator(node)
    if figure is None or ind is None:
        return ""
    achieved = _say("achievement", lang, value=format_number(figure.achievement, 2, lang))
    return f"{achieved} · {category_label(ind.categories, figure.category, lang)}"


def _marks(cascade: Cascade, line: TreeLine, lang: str) -> list[str]:
    marks = []
    link = line.link
    if link is not None and cascade.weakest(link.target) == line.node:
        marks.append(_say("weakest", lang))
    if line.circle:
        marks.append(_say("circle", lang))
    elif line.seen:
        marks.append(_say("seen", lang))
    if line.depth == 0 and not cascade.supporters(line.node):
        marks.append(_say("unsupported", lang))
    return marks


def _line_words(cascade: Cascade, line: TreeLine, lang: str) -> tuple[str, str, list[str]]:
    return (
        _node_words(cascade, line.node, lang),
        _figure_words(cascade, line.node, lang),
        _marks(cascade, line, lang),
    )


def _period_words(cascade: Cascade, lang: str) -> str:
    if not cascade.evaluated:
        return _say("no_figures", lang)
    return _say("period", lang, period=cascade.period)


def _set_words(cascade: Cascade, lang: str) -> list[tuple[str, str]]:
    rows = []
    for s in cascade.sets:
        top = f" ({_say('top_set', lang)})" if s.id in cascade.top else ""
        rows.append((s.id, f"{s.label(lang)}{top}"))
    return rows


def _issue_words(cascade: Cascade, lang: str) -> list[str]:
    return [f"[{issue.code}] {issue.describe(lang)}" for issue in cascade.issues]


def _link_rows(cascade: Cascade, lang: str) -> tuple[list[str], list[list[str]]]:
    headers = [_say("from", lang), _say("to", lang), _say("resolved", lang)]
    if cascade.evaluated:
        headers += [_say("from_achievement", lang), _say("to_achievement", lang)]
    rows = []
    for link in cascade.links:
        found = _say("yes" if link.resolved else "no", lang)
        if link.in_cycle:
            found += f" ({_say('circle', lang)})"
        row = [join_link(*link.source), join_link(*link.target), found]
        if cascade.evaluated:
            low, high = cascade.figure(link.source), cascade.figure(link.target)
            row.append(format_number(low.achievement if low else None, 2, lang))
            row.append(format_number(high.achievement if high else None, 2, lang))
            if cascade.weakest(link.target) == link.source:
                row[-2] += f" ({_say('weakest', lang)})"
        rows.append(row)
    return headers, rows


# --- text -----------------------------------------------------------------------------------


def cascade_text(cascade: Cascade, lang: str = "id") -> str:
    """The tree as plain text for a terminal: every text on one line, control characters shown
    as symbols."""
    check_lang(lang)
    out = [_say("cascade_title", lang), f"{_say('sets', lang)}:"]
    out += [
        f"- {one_line(set_id)}: {one_line(words)}" for set_id, words in _set_words(cascade, lang)
    ]
    out += [one_line(_period_words(cascade, lang)), "", f"{_say('issues', lang)}:"]
    issues = _issue_words(cascade, lang)
    out += [f"- {one_line(line)}" for line in issues] or [_say("no_issues", lang)]
    out += ["", f"{_say('tree', lang)}:"]
    for line in tree_lines(cascade):
        words, figure, marks = _line_words(cascade, line, lang)
        shown = one_line(f"{words} — {figure}" if figure else words)
        shown += "".join(f" <{one_line(mark)}>" for mark in marks)
        out.append(f"{'    ' * line.depth}- {shown}")
    unlinked = cascade.unlinked()
    if unlinked:
        out += ["", f"{_say('unlinked', lang)}:"]
        for lone in unlinked:
            figure = _figure_words(cascade, lone, lang)
            words = _node_words(cascade, lone, lang)
            out.append(f"- {one_line(f'{words} — {figure}' if figure else words)}")
    out += ["", f"{_say('links', lang)}:"]
    headers, rows = _link_rows(cascade, lang)
    if rows:
        out += [" | ".join(headers)]
        out += [" | ".join(one_line(cell) for cell in row) for row in rows]
    else:
        out.append(_say("no_links", lang))
    return "\n".join(out) + "\n"


# --- Markdown -------------------------------------------------------------------------------


def cascade_markdown(cascade: Cascade, lang: str = "id") -> str:
    """The tree as Markdown: a nested list from each top indicator down, and a table of links."""
    check_lang(lang)
    md = markdown_text
    lines = [f"# {md(_say('cascade_title', lang))}", "", f"**{md(_say('sets', lang))}**", ""]
    lines += [
        f"- {markdown_code(set_id)} {md(words)}" for set_id, words in _set_words(cascade, lang)
    ]
    lines += ["", f"_{md(_period_words(cascade, lang))}_", ""]
    lines += [f"## {md(_say('issues', lang))}", ""]
    issues = _issue_words(cascade, lang)
    lines += [f"- {md(line, start=True)}" for line in issues] or [md(_say("no_issues", lang))]
    lines += ["", f"## {md(_say('tree', lang))}", ""]
    for line in tree_lines(cascade):
        words, figure, marks = _line_words(cascade, line, lang)
        shown = f"**{md(words)}**" if line.depth == 0 else md(words, start=True)
        if figure:
            shown += f" — {md(figure)}"
        shown += "".join(f" **({md(mark)})**" for mark in marks)
        lines.append(f"{'  ' * line.depth}- {shown}")
    unlinked = cascade.unlinked()
    if unlinked:
        lines += ["", f"## {md(_say('unlinked', lang))}", ""]
        for lone in unlinked:
            figure = _figure_words(cascade, lone, lang)
            words = md(_node_words(cascade, lone, lang), start=True)
            lines.append(f"- {words} — {md(figure)}" if figure else f"- {words}")
    lines += ["", f"## {md(_say('links', lang))}", ""]
    headers, rows = _link_rows(cascade, lang)
    if rows:
        lines.append("| " + " | ".join(md(h) for h in headers) + " |")
        lines.append("| " + " | ".join("---" for _ in headers) + " |")
        lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in rows]
    else:
        lines.append(md(_say("no_links", lang)))
    return "\n".join(lines) + "\n"


# --- Mermaid --------------------------------------------------------------------------------

_MERMAID_PLAIN: Final = re.compile(r"[\w .,:/%'()·+?!–…-]")


def mermaid_text(value: Any, limit: int | None = None) -> str:
    """``value`` for a quoted Mermaid label: on one line, cut to ``limit`` characters, and every
    character that Mermaid or HTML could read as syntax (quotes, ``#``, ``<``, ``>``, ``&``,
    brackets, pipes, backticks, semicolons...) written as Mermaid's entity code ``#<number>;``.

    >>> mermaid_text('IKU "1" <b>#2</b>')
    'IKU #34;1#34; #60;b#62;#35;2#60;/b#62;'
    """
    shown = one_line(value)
    if limit is not None and len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return "".join(ch if _MERMAID_PLAIN.fullmatch(ch) else f"#{ord(ch)};" for ch in shown)


def cascade_mermaid(cascade: Cascade, lang: str = "id") -> str:
    """The tree as a Mermaid flowchart, drawn bottom to top: a subgraph per set, a box per
    indicator (code, name, capaian and predikat), an arrow from each supporter to what it
    supports; a link to nothing goes, dashed, to a box saying so. Node ids are ``n0``, ``n1``...
    (never text from a file); every label is escaped by :func:`mermaid_text`."""
    from iku.report.html import band_colour, text_colour

    check_lang(lang)
    ids: dict[Node, str] = {}
    out = ["flowchart BT"]
    for k, s in enumerate(cascade.sets):
        title = f"{mermaid_text(s.label(lang), NAME_LIMIT)} #91;{mermaid_text(s.id)}#93;"
        out.append(f'    subgraph s{k}["{title}"]')
        for ind in s:
            node = (s.id, ind.code)
            ids[node] = f"n{len(ids)}"
            code = mermaid_text(ind.code, NAME_LIMIT)
            words = f"{code} · {mermaid_text(ind.label(lang), NAME_LIMIT)}"
            figure = _figure_words(cascade, node, lang)
            if figure:
                words += f"<br/>{mermaid_text(figure)}"
            out.append(f'        {ids[node]}["{words}"]')
        out.append("    end")
    missing: dict[Node, str] = {}
    edges: list[tuple[str, str, str]] = []
    for link in cascade.links:
        if link.resolved:
            edges.append((ids[link.source], ids[link.target], "cycle" if link.in_cycle else ""))
            continue
        if link.target not in missing:
            missing[link.target] = f"m{len(missing)}"
            words = (
                f"{mermaid_text(join_link(*link.target))}<br/>{mermaid_text(_say('missing', lang))}"
            )
            out.append(f'    {missing[link.target]}["{words}"]')
        edges.append((ids[link.source], missing[link.target], "missing"))
    styles: list[str] = []
    for n, (source, target, kind) in enumerate(edges):
        if kind == "missing":
            out.append(f"    {source} -.-> {target}")
            styles.append(f"    linkStyle {n} stroke:#d73027,stroke-width:2px")
        else:
            out.append(f"    {source} --> {target}")
            if kind == "cycle":
                styles.append(f"    linkStyle {n} stroke:#d73027,stroke-width:3px")
    out += styles
    out.append("    classDef weakest stroke:#d73027,stroke-width:4px")
    out.append("    classDef missing stroke:#d73027,stroke-dasharray:5 3,fill:#ffffff")
    for node, node_id in ids.items():
        found = cascade.figure(node)
        shown_ind = cascade.indicator(node)
        if found is not None and found.category is not None and shown_ind is not None:
            fill = band_colour(shown_ind.categories, found.category)
            out.append(f"    style {node_id} fill:{fill},color:{text_colour(fill)}")
    weakest = [ids[w] for node in ids if (w := cascade.weakest(node)) is not None]
    if weakest:
        out.append(f"    class {','.join(dict.fromkeys(weakest))} weakest")
    if missing:
        out.append(f"    class {','.join(missing.values())} missing")
    return "\n".join(out) + "\n"
