"""The cascade's reports: text, Markdown, Mermaid (parsed by its structure), HTML; every text
from a set file escaped, so hostile names and codes stay text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import iku
from iku import IndicatorSet, Ratio, Sasaran, Variable, cascade
from iku.cascading import Cascade
from iku.examples import example_files
from iku.pemda import evaluate_source
from iku.report.cascade import cascade_text, mermaid_text, tree_lines

RPJMD = "kota-madiun.rpjmd.2025-2029"
MADIUN = "kota-madiun.dinsosppa.2025-2026"
A, B = Variable("a", "A"), Variable("b", "B")


@pytest.fixture(scope="module")
def evaluated() -> Cascade:
    evaluations = {}
    for set_id in (RPJMD, MADIUN):
        example = example_files(set_id)
        evaluations[set_id] = evaluate_source(
            iku.get_set(set_id), example.data, targets=example.targets
        )
    return cascade([RPJMD, MADIUN], evaluations=evaluations)


HOSTILE = (
    '"]; click n0 "javascript:alert(1)"',
    "<script>alert(1)</script>",
    "end",
    "a --> b",
    "#quot; & ; | `x` [y] {z}",
    "line\nbreak\x1b[31m\u202e",
    "x" * 300,
)


@pytest.fixture(scope="module")
def hostile() -> Cascade:
    """A tree whose names and codes are hostile text, with a link to nothing and a circle."""
    top = [Ratio(f"T{n}{text}", text, A, B) for n, text in enumerate(HOSTILE)]
    low = [
        Ratio(f"L{n}{text}", text, A, B, supports=[f"kota-x.top.2025:T{n}{text}"])
        for n, text in enumerate(HOSTILE)
    ]
    low.append(Ratio("L-missing", "missing", A, B, supports=['kota-x.top.2025:"]<b>']))
    low.append(Ratio("L-self", HOSTILE[1], A, B, supports=[":L-self"]))
    sets = [
        IndicatorSet(
            "kota-x.top.2025", HOSTILE[1], HOSTILE[0], 2025, [Sasaran("S", "s", top)], [A, B]
        ),
        IndicatorSet(
            "kota-x.low.2025", HOSTILE[0], HOSTILE[1], 2025, [Sasaran("S", "s", low)], [A, B]
        ),
    ]
    return cascade(sets)


def test_the_tree_lists_each_top_indicator_with_its_supporters(evaluated: Cascade) -> None:
    lines = tree_lines(evaluated)
    assert [(line.depth, line.node[1]) for line in lines[:6]] == [
        (0, "IKD-1"),
        (1, "IKU-1"),
        (1, "IKU-2"),
        (1, "IKU-3"),
        (1, "IKU-5"),
        (0, "IKD-2"),
    ]
    assert len(lines) == 12  # 5 top indicators, 7 supporters


def test_the_text_report_says_capaian_weakest_and_unsupported(evaluated: Cascade) -> None:
    text = cascade_text(evaluated)
    assert "Capaian periode 2026" in text
    assert (
        "    - IKU-3 · Persentase PMKS yang mendapatkan rehabilitasi sosial "
        f"[{MADIUN}] — capaian 93,01 % · Sangat Tinggi <pendukung terlemah>"
    ) in text
    assert (
        f"- IKD-5 · Indeks Pembangunan Manusia (IPM) [{RPJMD}] — capaian 99,65 % · "
        "Sangat Tinggi <tidak didukung>" in text
    )
    english = cascade_text(evaluated, "en")
    assert "achievement 93.01 % · Very high <weakest supporter>" in english


def test_markdown_nests_supporters_and_tabulates_the_links(evaluated: Cascade) -> None:
    md = evaluated.to_markdown()
    assert md.startswith("# Pohon Kinerja\n")
    assert "\n  - IKU-4 · Persentase Perempuan sebagai pengambil Keputusan" in md
    assert "**(pendukung terlemah)**" in md
    assert f"| {MADIUN}:IKU-3 | {RPJMD}:IKD-1 | ya | 93,01 (pendukung terlemah) | 98,04 |" in md
    assert "\\[unsupported\\]" in md


def test_without_evaluations_only_the_links_are_shown() -> None:
    c = cascade([RPJMD, MADIUN])
    md = c.to_markdown("en")
    assert "_No evaluations: only the links are checked._" in md
    assert "Supporter's achievement" not in md


MERMAID_LINE = [
    re.compile(r"flowchart BT"),
    re.compile(r"    %% .*"),
    re.compile(r'    subgraph (?P<sub>s\d+)\["(?P<label>[^"]*)"\]'),
    re.compile(r'        (?P<node>n\d+)\["(?P<label>[^"]*)"\]'),
    re.compile(r'    (?P<node>m\d+)\["(?P<label>[^"]*)"\]'),
    re.compile(r"    end"),
    re.compile(r"    (?P<a>[nm]\d+) (?P<arrow>-->|-\.->) (?P<b>[nm]\d+)"),
    re.compile(r"    linkStyle (?P<link>\d+) stroke:#[0-9a-f]{6},stroke-width:\dpx"),
    re.compile(r"    classDef \w+ [a-z:#0-9,\- ]+"),
    re.compile(r"    style (?P<styled>n\d+) fill:#[0-9a-f]{6},color:#[0-9a-f]{6}"),
    re.compile(r"    class (?P<classed>[nm]\d+(?:,[nm]\d+)*) \w+"),
]
LABEL = re.compile(r"(?:[\w .,:/%'()·+?!–…-]|#\d+;|<br/>)*")


def parse_mermaid(text: str) -> dict[str, object]:
    """Check every line against Mermaid's flowchart grammar as iku writes it, and return what
    it declares: node ids, labels, edges, the edges styled, subgraphs balanced."""
    lines = text.rstrip("\n").split("\n")
    assert lines[0] == "flowchart BT"
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    styled: list[int] = []
    used: list[str] = []
    depth = 0
    for line in lines:
        match = next((m for p in MERMAID_LINE if (m := p.fullmatch(line))), None)
        assert match is not None, f"not a line of the grammar: {line!r}"
        found = match.groupdict()
        if found.get("sub"):
            depth += 1
            assert LABEL.fullmatch(found["label"]), found["label"]
        elif line == "    end":
            depth -= 1
            assert depth >= 0
        if found.get("node"):
            assert LABEL.fullmatch(found["label"]), found["label"]
            assert found["node"] not in nodes
            nodes[found["node"]] = found["label"]
        if found.get("arrow"):
            edges.append((found["a"], found["arrow"], found["b"]))
        if found.get("link"):
            styled.append(int(found["link"]))
        used += (found.get("styled") or "").split(",") + (found.get("classed") or "").split(",")
    assert depth == 0
    for a, _, b in edges:
        assert a in nodes, a
        assert b in nodes, b
    assert all(n < len(edges) for n in styled)
    assert {u for u in used if u} <= set(nodes)
    return {"nodes": nodes, "edges": edges, "styled": styled}


def test_mermaid_parses_by_structure_and_draws_every_link(evaluated: Cascade) -> None:
    parsed = parse_mermaid(evaluated.to_mermaid())
    assert len(parsed["nodes"]) == 12  # type: ignore[arg-type]
    assert len(parsed["edges"]) == 7  # type: ignore[arg-type]
    text = evaluated.to_mermaid()
    assert "class n7,n10,n8,n11 weakest" in text  # IKU-3, IKU-6, IKU-4, IKU-7
    assert "style n8 fill:#91cf60" in text  # IKU-4 is Tinggi


def test_hostile_text_in_mermaid_stays_inside_its_labels(hostile: Cascade) -> None:
    text = hostile.to_mermaid()
    parsed = parse_mermaid(text)
    edges = parsed["edges"]
    assert len(edges) == len(HOSTILE) + 2  # type: ignore[arg-type]
    assert ("n" + str(2 * len(HOSTILE) + 1), "-->", "n" + str(2 * len(HOSTILE) + 1)) in edges  # type: ignore[operator]
    assert any(arrow == "-.->" for _, arrow, _ in edges)  # type: ignore[attr-defined]
    assert "<script" not in text
    assert "javascript" in text  # shown as text, inside a label
    assert "click" not in re.sub(r'\["[^"]*"\]', "", text)  # never a statement of its own


def test_mermaid_text_escapes_what_mermaid_or_html_would_read() -> None:
    assert mermaid_text('a"b') == "a#34;b"
    assert mermaid_text("<br>") == "#60;br#62;"
    assert mermaid_text("x" * 100, 10) == "x" * 9 + "…"
    assert LABEL.fullmatch(mermaid_text("".join(chr(c) for c in range(32, 700))))


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.nodes: list[str] = []
        self.paths: list[str] = []
        self.text: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]
        if tag == "g" and "node" in (found.get("class") or "").split():
            self.nodes.append(str(found.get("data-node")))
        if tag == "path" and found.get("data-from"):
            self.paths.append(str(found.get("class")))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_the_html_page_draws_a_box_per_indicator_and_a_path_per_link(evaluated: Cascade) -> None:
    page = Page()
    page.feed(evaluated.to_html())
    assert len(page.nodes) == 12
    assert page.paths == ["link"] * 7
    assert "script" not in page.tags
    words = " ".join(" ".join(page.text).split())
    assert "pendukung terlemah" in words
    assert "Capaian periode 2026" in words


def test_the_html_page_shows_hostile_text_as_text(hostile: Cascade) -> None:
    page = Page()
    html = hostile.to_html("en")
    page.feed(html)
    assert not {"script", "img", "iframe", "object", "embed"} & set(page.tags)
    assert not [name for name in page.attrs if name.startswith("on")]
    assert page.paths.count("missing") == 1
    assert page.paths.count("cycle") == 1
    words = " ".join(page.text)
    assert "<script>alert(1)</script>" in words  # escaped in the source, text on the page
    assert "\x1b" not in html
    assert "\u202e" not in html
