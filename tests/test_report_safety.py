"""Hostile text cannot act through any report format.

The same hostile strings go, as set name, organization, sasaran and indicator names and codes,
units, sumber data, the decree's title and number, a variable's label, a key value (a ``by``
column), a data column's name and a data value (quoted by an issue), through every format: the
terminal table, Markdown, HTML, the Excel report, CSV and JSON, the notebook displays and the
plot. None becomes a formula, a command, a tag or a line of its own; none is lost.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.pyplot as plt
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from iku import Evaluation, IndicatorSet, Ratio, Sasaran, Variable, evaluate
from iku.model import Source
from iku.report import (
    build_report,
    evaluation_html,
    indicator_html,
    indicator_latex,
    plot_evaluation,
    set_html,
    to_html,
    to_markdown,
    to_text,
    write_excel,
)
from iku.report.export import records_csv, records_json
from iku.report.safety import (
    EXCEL_CELL_LIMIT,
    FORMULA_START,
    csv_cell,
    excel_text,
    json_text,
    markdown_code,
    markdown_text,
    one_line,
    plot_text,
    visible,
)

matplotlib.use("Agg")

HOSTILE = (
    '=HYPERLINK("http://x","y")',
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "<script>alert(1)</script>",
    "| a | b |",
    "line\nbreak",
    "\x1b[31m",
    "\x07",
    "\x00",
    "\u202e",
    "[click](javascript:alert(1))",
    "x" * 40_000,  # longer than an Excel cell holds
)
IDS = [repr(text[:20]) for text in HOSTILE]

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What must never reach a file or a terminal raw: C0 but tab and newline, DEL, C1, the
bidirectional overrides."""


def hostile_set(text: str) -> IndicatorSet:
    """A set whose every text (names, codes, units, sumber data, source) is ``text``."""
    a = Variable("a", text, unit=text)
    b = Variable("b", "B")
    hostile = Ratio(text, text, a, b, unit=text, source_data=text)
    plain = Ratio("K-2", "plain", a, b, unit="%")
    return IndicatorSet(
        "hostile.set.x",
        text,
        text,
        2025,
        [Sasaran(text, text, [hostile]), Sasaran("S-2", "s", [plain])],
        [a, b],
        source=Source(text, numbers=[text]),
    )


def hostile_evaluation(text: str) -> Evaluation:
    """``text`` as a key value, a data column's name and a value (quoted by an issue)."""
    s = hostile_set(text)
    data = {"kecamatan": [text, "Taman"], "period": [2025, 2025], "a": [text, 1], "b": [2, 2]}
    data[text if text not in data else text + "!"] = [1, 2]
    ev = evaluate(s, data, targets={text: 50, "K-2": 50}, by=["kecamatan"])
    assert ev.issues  # not_a_number quoting the value, unknown_variable naming the column
    return ev


def shown(text: str) -> str:
    """What a one-line format shows of ``text``."""
    return one_line(text)


# ----- the terminal ---------------------------------------------------------------------------


def check_terminal(text: str, ev: Evaluation) -> None:
    out = to_text(build_report(ev, illustrative=True), width=120)
    assert not RAW_CONTROL.search(out)
    assert "\t" not in out
    lines = out.splitlines()
    borders = [n for n, line in enumerate(lines) if re.fullmatch(r"\+(-+\+)+", line)]
    assert len(borders) == 3 * 2  # two tables (one per key), each with three borders
    for top, _, bottom in zip(*[iter(borders)] * 3, strict=True):
        grid = lines[top : bottom + 1]
        assert len({len(line) for line in grid}) == 1  # no text breaks a row or a border
        assert all(line.count("|") == 9 for line in grid if not line.startswith("+"))
    assert f"kecamatan {shown(text)}".strip() in out  # the key value is shown, on its line


@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_the_terminal_shows_hostile_text_without_acting_on_it(text: str) -> None:
    check_terminal(text, hostile_evaluation(text))


def test_an_escape_sequence_reaches_the_terminal_as_a_symbol() -> None:
    out = to_text(hostile_evaluation("\x1b[2J\x1b[31mred"), width=120)
    assert "\x1b" not in out
    assert "␛[2J␛[31mred" in out


# ----- Markdown -------------------------------------------------------------------------------

MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
MARKDOWN_TAGS = {
    "h1",
    "h2",
    "h3",
    "p",
    "strong",
    "em",
    "code",
    "ul",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
"""Every element iku's Markdown makes: a raw tag, a link or an image from text would add one."""


class Elements(HTMLParser):
    """The elements of a page, its text, and its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.rows: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs
        if tag == "tr":
            self.rows.append(0)
        if tag in ("td", "th") and self.rows:
            self.rows[-1] += 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


def parse(page: str) -> Elements:
    parser = Elements()
    parser.feed(page)
    parser.close()
    return parser


def check_markdown(text: str, ev: Evaluation) -> None:
    out = to_markdown(build_report(ev, illustrative=True))
    assert not RAW_CONTROL.search(out)
    rendered = parse(MARKDOWN.render(out))
    assert set(rendered.tags) <= MARKDOWN_TAGS, set(rendered.tags) - MARKDOWN_TAGS
    assert set(rendered.rows) == {8}  # every table row keeps its eight cells
    table = [line for line in out.splitlines() if line.startswith("| ")]
    # per key: header, alignment, two indicators, a RATA-RATA per sasaran (two) and of all IKU
    assert len(table) == 2 * 7
    assert shown(text) in rendered.words()  # the text is shown, as written


@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_markdown_shows_hostile_text_as_text(text: str) -> None:
    ev = hostile_evaluation(text)
    check_markdown(text, ev)


def test_a_newline_in_a_code_cannot_inject_a_line() -> None:
    ev = hostile_evaluation("K-1\n## Injected\n<img src=x onerror=alert(1)>")
    out = to_markdown(ev)
    assert "\n## Injected" not in out
    assert not re.search(r"(?<!\\)<img", out)  # only escaped: \<img
    rendered = parse(MARKDOWN.render(out))
    assert "img" not in rendered.tags
    assert "K-1 ## Injected <img src=x onerror=alert(1)>" in rendered.words()


# ----- HTML and the notebook ------------------------------------------------------------------


def check_html(text: str, page: str) -> None:
    assert not RAW_CONTROL.search(page)
    elements = parse(page)
    assert "script" not in elements.tags
    assert not [name for name, _ in elements.attrs if name.startswith("on")]
    assert shown(text) in elements.words()


@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_html_escapes_every_text(text: str) -> None:
    ev = hostile_evaluation(text)
    report = build_report(ev, illustrative=True)
    check_html(text, to_html(report))
    check_html(text, evaluation_html(report))
    s = hostile_set(text)
    check_html(text, set_html(s))
    check_html(text, indicator_html(s[text], s))


@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_the_latex_of_a_formula_holds_no_control_character(text: str) -> None:
    s = hostile_set(text)
    assert not RAW_CONTROL.search(indicator_latex(s[text], s))


# ----- Excel ----------------------------------------------------------------------------------


def check_excel(text: str, ev: Evaluation, path: Path) -> None:
    write_excel(ev, path, report=build_report(ev, illustrative=True))
    wb = openpyxl.load_workbook(path)
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not RAW_CONTROL.search(cell.value), (ws.title, cell.coordinate)
                    assert len(cell.value) <= EXCEL_CELL_LIMIT
                    if cell.value.startswith(FORMULA_START):
                        assert cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
                    texts.append(cell.value)
    assert excel_text(text) in texts  # as a whole cell: a name, a unit, a key


@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_excel_writes_hostile_text_as_text_cells(text: str, tmp_path: Path) -> None:
    check_excel(text, hostile_evaluation(text), tmp_path / "laporan.xlsx")


def test_a_formula_from_a_key_is_a_text_cell_with_the_quote_prefix(tmp_path: Path) -> None:
    text = '=HYPERLINK("http://x","y")'
    path = tmp_path / "laporan.xlsx"
    write_excel(hostile_evaluation(text), path)
    cells = [
        cell
        for ws in openpyxl.load_workbook(path).worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value == text
    ]
    assert cells  # the name, the unit, the key value, the column name...
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in cells)


def test_a_control_character_no_longer_makes_excel_fail(tmp_path: Path) -> None:
    path = tmp_path / "laporan.xlsx"
    write_excel(hostile_evaluation("Taman\x00\x1b[31m"), path)  # was IllegalCharacterError
    ws = openpyxl.load_workbook(path)["laporan"]
    assert any(
        "Taman␀␛[31m" in str(cell.value) for row in ws.iter_rows() for cell in row if cell.value
    )


def test_the_template_writes_hostile_names_as_text(tmp_path: Path) -> None:
    from iku.report import write_template

    text = '=HYPERLINK("http://x","y")\x1b'
    path = tmp_path / "template.xlsx"
    write_template(hostile_set(text), path)
    for ws in openpyxl.load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)
                assert not RAW_CONTROL.search(str(cell.value or ""))


# ----- CSV and JSON ---------------------------------------------------------------------------


def check_csv(text: str, ev: Evaluation) -> None:
    out = records_csv(ev, illustrative=True)
    rows = list(csv.reader(io.StringIO(out, newline="")))
    cells = [cell for row in rows for cell in row]
    for cell in cells:
        assert not cell.startswith(FORMULA_START), cell
        assert not RAW_CONTROL.search(cell), cell
    assert csv_cell(text) in cells  # the key value, neutralised as OWASP says
    assert rows[0][0] == "kecamatan"
    assert rows[0][-1] == "illustrative"


def check_json(text: str, ev: Evaluation) -> None:
    out = records_json(ev, illustrative=True)
    assert not RAW_CONTROL.search(out)
    document = json.loads(out)
    assert document["illustrative"] is True
    assert text in {r["kecamatan"] for r in document["results"]}  # kept exactly


@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_csv_neutralises_formulas_and_json_keeps_the_text_exactly(text: str) -> None:
    ev = hostile_evaluation(text)
    check_csv(text, ev)
    check_json(text, ev)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'␍=1"),
        ("Taman", "Taman"),
        ("a=1", "a=1"),
        (-1.5, -1.5),  # a number is a number
        (None, None),
    ],
)
def test_csv_cell_prefixes_what_a_spreadsheet_would_run(value: Any, cell: Any) -> None:
    assert csv_cell(value) == cell


def test_csv_through_the_command_line_is_neutralised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from iku.cli import main

    # a key written as a formula (=...) is refused by the reader (unreadable_cell); one that
    # only starts like one (@, +, -) is a key, and the CSV written must not run it
    data = tmp_path / "data.csv"
    data.write_text(
        "kecamatan,period,psks_diberdayakan,psks\n@SUM(A1),2025,40,50\n-Taman,2025,1,2\n",
        encoding="utf-8",
    )
    code = main(["evaluate", "kota-madiun.dinsosppa.2025-2026", "-d", str(data), "--by",
                 "kecamatan", "-f", "csv"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 1  # the set's other variables are absent
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert {row["kecamatan"] for row in rows} == {"'@SUM(A1)", "'-Taman"}


# ----- the plot -------------------------------------------------------------------------------


def check_plot(text: str, ev: Evaluation) -> None:
    ax = plot_evaluation(build_report(ev, illustrative=True))
    try:
        ax.figure.canvas.draw()  # mathtext is parsed when drawn
        labels = [t.get_text() for t in (*ax.texts, *ax.get_yticklabels(), ax.title)]
        for label in labels:
            assert not RAW_CONTROL.search(label)
            assert "\n" not in label or label == ax.title.get_text()
    finally:
        plt.close(ax.figure)


@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_the_plot_draws_hostile_text(text: str) -> None:
    check_plot(text, hostile_evaluation(text))


def test_a_dollar_in_a_key_does_not_start_mathtext() -> None:
    """Drawn as mathtext, ``$x^$`` raises a ParseException."""
    data = {"kecamatan": ["$x^$", "$\\frac{$"], "period": [2025, 2025], "a": [1, 1], "b": [2, 2]}
    ev = evaluate(hostile_set("$x^$"), data, by=["kecamatan"])
    check_plot("$x^$", ev)


# ----- the helpers ----------------------------------------------------------------------------


def test_visible_shows_each_control_character_as_a_symbol() -> None:
    assert visible("\x00\x07\x1b\x7f\x85\u202e\t\n") == "␀␇␛␡\ufffd\ufffd\t\n"
    assert one_line("a\nb\r\nc\td\u2028e") == "a b c d e"


def test_markdown_text_escapes_what_markdown_would_read() -> None:
    assert markdown_text("<b>x</b> [l](u) `c` *e* _f_ ~s~ $m$ & | #") == (
        r"\<b\>x\</b\> \[l\](u) \`c\` \*e\* \_f\_ \~s\~ \$m\$ \& \| \#"
    )
    assert markdown_text("psks_diberdayakan") == "psks_diberdayakan"  # no emphasis inside a word
    assert markdown_text("+ x", start=True) == r"\+ x"
    assert markdown_text("12) x", start=True) == r"12\) x"
    assert markdown_code("a``b") == "```a``b```"


def test_excel_text_cuts_what_a_cell_cannot_hold() -> None:
    cut = excel_text("x" * 40_000)
    assert len(cut) == EXCEL_CELL_LIMIT
    assert cut.endswith("…")


def test_json_text_escapes_what_json_lets_through_raw() -> None:
    out = json_text({"k": "\x85\u202e\u2028\x1b"}, indent=None)
    assert out == '{"k": "\\u0085\\u202e\\u2028\\u001b"}'
    assert json.loads(out) == {"k": "\x85\u202e\u2028\x1b"}


def test_plot_text_escapes_the_dollar() -> None:
    assert plot_text("$5 \x1b") == "\\$5 \ufffd"


# ----- random text through every format -------------------------------------------------------


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.text(min_size=1, max_size=40).filter(lambda t: t.strip() and t.strip() != "K-2"))
def test_random_text_through_every_format(tmp_path: Path, text: str) -> None:
    ev = hostile_evaluation(text)
    check_terminal(text, ev)
    out = to_markdown(build_report(ev, illustrative=True))
    assert not RAW_CONTROL.search(out)
    rendered = parse(MARKDOWN.render(out))
    assert set(rendered.tags) <= MARKDOWN_TAGS
    assert set(rendered.rows) == {8}
    page = to_html(build_report(ev, illustrative=True))
    assert not RAW_CONTROL.search(page)
    elements = parse(page)
    assert "script" not in elements.tags
    assert not [name for name, _ in elements.attrs if name.startswith("on")]
    check_excel(text, ev, tmp_path / "laporan.xlsx")
    check_csv(text, ev)
    check_json(text, ev)
    check_plot(text, ev)


# ----- the monitoring report (through the year) ------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE, ids=IDS)
def test_the_monitoring_report_shows_hostile_text_without_acting_on_it(
    text: str, tmp_path: Path
) -> None:
    from iku import monitor

    s = hostile_set(text)
    data = {
        "kecamatan": [text, text],
        "period": ["2025-Q1", "2025-Q2"],
        "a": [1, text],
        "b": [2, 2],
    }
    m = monitor(s, data, year=2025, targets={text: 50}, by=["kecamatan"])
    for out in (m.to_text(), m.to_markdown(), m.to_html()):
        assert not RAW_CONTROL.search(out)
    rendered = parse(MARKDOWN.render(m.to_markdown()))
    assert set(rendered.tags) <= MARKDOWN_TAGS, set(rendered.tags) - MARKDOWN_TAGS
    elements = parse(m.to_html())
    assert "script" not in elements.tags
    assert not [name for name, _ in elements.attrs if name.startswith("on")]
    path = tmp_path / "pemantauan.xlsx"
    m.to_excel(path)
    for ws in openpyxl.load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                assert not RAW_CONTROL.search(str(cell.value or ""))
