"""The HTML report is one self-contained page: the table and a bar chart per year, the issues,
nothing loaded from elsewhere."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from iku import PREDIKAT, IndicatorSet, Scale, evaluate, get_set
from iku.report import to_html
from iku.report.html import PALETTE, band_colour, bar_chart_svg, style, text_colour
from iku.report.table import build_report
from iku.testing import sample_data

MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.fixture(scope="module")
def madiun() -> IndicatorSet:
    return get_set(MADIUN)


class Elements(HTMLParser):
    """Every start tag with its attributes, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def elements(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(page)
    return parser.tags


def test_the_page_loads_nothing_from_elsewhere_and_runs_no_script(madiun) -> None:
    page = to_html(evaluate(madiun, sample_data(madiun)))
    tags = elements(page)
    assert not [t for t, _ in tags if t in ("script", "iframe", "object", "img")]
    for _, attrs in tags:
        for name in ("src", "href"):
            value = attrs.get(name)
            assert value is None or value.startswith(("data:", "#")), (name, value)
    assert "@import" not in page
    assert "url(" not in page
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page


def test_one_table_row_and_one_bar_per_indicator_per_year(madiun) -> None:
    data = {**{k: [v, v] for k, v in sample_data(madiun).items()}, "period": [2025, 2026]}
    page = to_html(evaluate(madiun, data, targets=dict.fromkeys(madiun.codes, 60)))
    tags = elements(page)
    rows = [a["data-indicator"] for t, a in tags if t == "tr" and a.get("data-indicator")]
    bars = [a["data-indicator"] for t, a in tags if t == "g" and a.get("class") == "bar"]
    assert rows == list(madiun.codes) * 2
    assert bars == list(madiun.codes) * 2
    assert [a["data-period"] for t, a in tags if t == "section" and "data-period" in a] == [
        "2025",
        "2026",
    ]


def test_bars_are_as_long_as_their_capaian_and_coloured_by_predikat(madiun) -> None:
    data = {"psks_diberdayakan": 45, "psks": 50}
    ev = evaluate(madiun["IKU-2"], data, targets={"IKU-2": 90})  # capaian 100 %
    svg = bar_chart_svg(build_report(ev, madiun).tables[0].rows)
    rect = re.search(r'<rect x="([\d.]+)" y="\d+" width="([\d.]+)"[^>]*fill="(#\w+)"', svg)
    assert rect is not None
    line = re.search(r'<line class="target" x1="([\d.]+)"', svg)
    assert line is not None
    x0, width, colour = float(rect.group(1)), float(rect.group(2)), rect.group(3)
    assert x0 + width == pytest.approx(float(line.group(1)), abs=0.2)  # ends on the 100 % line
    assert colour == band_colour(PREDIKAT, "Sangat Tinggi")
    assert 'data-achievement="100.0"' in svg


def test_a_missing_capaian_keeps_its_bar_slot_with_a_dash(madiun) -> None:
    ev = evaluate(madiun["IKU-2"], {"psks_diberdayakan": 45, "psks": 0})
    svg = bar_chart_svg(build_report(ev, madiun).tables[0].rows)
    assert svg.count('<g class="bar"') == 1
    assert 'width="0.0"' in svg
    assert "–" in svg


def test_issues_and_definitions_are_on_the_page(madiun) -> None:
    ev = evaluate(madiun["IKU-2"], {"psks_diberdayakan": 45, "psks": -1})
    page = to_html(ev, madiun, lang="en")
    assert "<h3>Data issues</h3>" in page
    assert "psks is negative (-1)" in page
    assert '<tr class="indicator error" data-indicator="IKU-2">' in page
    assert "Formula (in words)" in page
    assert '<html lang="en">' in page


def test_text_is_escaped() -> None:
    from iku import Ratio, Variable

    ind = Ratio("X", "<b>nama</b> & co", Variable("a", "A"), Variable("b", "B"))
    page = to_html(evaluate(ind, {"a": 1, "b": 2}))
    assert "<b>nama</b>" not in page
    assert "&lt;b&gt;nama&lt;/b&gt; &amp; co" in page


def test_band_colours_run_from_green_to_red_over_any_scale() -> None:
    assert [band_colour(PREDIKAT, label) for label in PREDIKAT.labels] == list(PALETTE)
    three = Scale("tiga", [("baik", 70), ("cukup", 40), ("kurang", None)])
    assert [band_colour(three, label) for label in three.labels] == [
        PALETTE[0],
        PALETTE[2],
        PALETTE[4],
    ]
    assert band_colour(three, "tidak ada") == "#bdbdbd"


def test_cell_text_is_readable_on_every_band_colour() -> None:
    def luminance(colour: str) -> float:
        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * r**2.2 + 0.7152 * g**2.2 + 0.0722 * b**2.2

    for colour in PALETTE:
        lo, hi = sorted([luminance(colour), luminance(text_colour(colour))])
        assert (hi + 0.05) / (lo + 0.05) >= 4.5  # WCAG AA


def test_the_style_can_be_scoped_to_a_notebook_div() -> None:
    scoped = style(".iku-report")
    rules = [line.split(" {")[0] for line in scoped.splitlines()]
    assert all(part.strip().startswith(".iku-report") for r in rules for part in r.split(","))
