"""Figures from example data say so in every format, at the top, so that a report made with
``--example`` cannot pass for an agency's official one; a report of real data says nothing."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import openpyxl
import pytest

from iku import Evaluation, IndicatorSet, evaluate, get_set
from iku.cli import main
from iku.report import (
    Report,
    build_report,
    evaluation_html,
    plot_evaluation,
    to_html,
    to_markdown,
    to_text,
    write_excel,
)
from iku.report.export import records_csv, records_json
from iku.testing import sample_data

matplotlib.use("Agg")

MADIUN = "kota-madiun.dinsosppa.2025-2026"
NOTICE = {"id": "Data ilustrasi, bukan data resmi", "en": "Illustrative data, not official figures"}


@pytest.fixture(scope="module")
def madiun() -> IndicatorSet:
    return get_set(MADIUN)


@pytest.fixture(scope="module")
def ev(madiun: IndicatorSet) -> Evaluation:
    return evaluate(madiun, sample_data(madiun), targets=dict.fromkeys(madiun.codes, 50))


def report(ev: Evaluation, lang: str = "id", *, illustrative: bool = True) -> Report:
    return build_report(ev, lang=lang, illustrative=illustrative)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_report_model_carries_the_flag(ev: Evaluation, lang: str) -> None:
    assert report(ev, lang).illustrative is True
    assert report(ev, lang).illustrative_text() == NOTICE[lang]
    assert build_report(ev).illustrative is False
    assert build_report(ev).illustrative_text() == ""


@pytest.mark.parametrize("lang", ["id", "en"])
def test_markdown_opens_with_a_notice(ev: Evaluation, lang: str) -> None:
    lines = to_markdown(report(ev, lang)).splitlines()
    assert lines[2].startswith(f"> **{NOTICE[lang]}.** ")
    assert NOTICE[lang] not in to_markdown(report(ev, lang, illustrative=False))


class Banner(HTMLParser):
    """The text of the page's title and of its ``p.illustrative`` banner, and where it is."""

    def __init__(self) -> None:
        super().__init__()
        self.inside: str | None = None
        self.title = ""
        self.banner = ""
        self.before_banner: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" and not self.title:
            self.inside = "title"
        elif tag == "p" and ("class", "illustrative") in attrs:
            self.inside = "banner"
        elif not self.banner and self.inside is None:
            self.before_banner.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("title", "p"):
            self.inside = None

    def handle_data(self, data: str) -> None:
        if self.inside == "title":
            self.title += data
        elif self.inside == "banner":
            self.banner += data


@pytest.mark.parametrize("lang", ["id", "en"])
def test_html_shows_a_banner_before_the_title_of_the_report(ev: Evaluation, lang: str) -> None:
    page = Banner()
    page.feed(to_html(report(ev, lang)))
    assert page.banner.startswith(f"{NOTICE[lang]}. ")
    assert page.title.endswith(f"({NOTICE[lang]})")
    assert page.before_banner[-2:] == ["header", "h1"]  # under the heading, above the tables
    assert "p.illustrative {" in to_html(report(ev, lang))  # styled to stand out
    assert 'class="illustrative"' in evaluation_html(report(ev, lang))  # and in a notebook
    assert 'class="illustrative"' not in to_html(report(ev, lang, illustrative=False))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_excel_says_so_on_top_on_every_printed_page_and_beside_every_result(
    ev: Evaluation, lang: str, tmp_path: Path
) -> None:
    path = tmp_path / "laporan.xlsx"
    write_excel(ev, path, report=report(ev, lang))
    wb = openpyxl.load_workbook(path)
    first = wb.worksheets[0]
    assert str(first["A1"].value).startswith(f"{NOTICE[lang]}. ")
    assert first["A1"].fill.start_color.rgb.endswith("FEE0B6")
    for ws in wb.worksheets:
        assert ws.oddHeader.center.text == NOTICE[lang], ws.title
    assert wb.properties.subject == NOTICE[lang]
    results = list(wb.worksheets[1].iter_rows(values_only=True))
    assert results[0][-1] == {"id": "ilustrasi", "en": "illustrative"}[lang]
    assert {row[-1] for row in results[1:]} == {NOTICE[lang]}


def test_an_official_workbook_says_nothing_of_it(ev: Evaluation, tmp_path: Path) -> None:
    path = tmp_path / "laporan.xlsx"
    write_excel(ev, path)
    wb = openpyxl.load_workbook(path)
    assert wb.worksheets[0]["A1"].value == "Laporan Capaian Kinerja"
    assert not wb.worksheets[0].oddHeader.center.text
    assert next(wb.worksheets[1].iter_rows(values_only=True))[-1] == "masalah"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_csv_and_json_carry_it_with_the_data(ev: Evaluation, lang: str) -> None:
    rows = list(csv.DictReader(io.StringIO(records_csv(ev, lang=lang, illustrative=True))))
    assert {row["illustrative"] for row in rows} == {NOTICE[lang]}
    assert "illustrative" not in next(csv.DictReader(io.StringIO(records_csv(ev))))
    document = json.loads(records_json(ev, lang=lang, illustrative=True))
    assert list(document)[:2] == ["illustrative", "notice"]  # before the results
    assert document["illustrative"] is True
    assert document["notice"] == NOTICE[lang]
    assert json.loads(records_json(ev)) == {"illustrative": False, "results": document["results"]}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_plot_says_so_under_its_title(ev: Evaluation, lang: str) -> None:
    ax = plot_evaluation(report(ev, lang))
    assert ax.get_title().splitlines()[-1] == NOTICE[lang]
    plt.close(ax.figure)
    ax = plot_evaluation(report(ev, lang, illustrative=False))
    assert NOTICE[lang] not in ax.get_title()
    plt.close(ax.figure)


def test_the_command_line_marks_the_example_and_only_the_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["evaluate", MADIUN, "--example"])
    out = capsys.readouterr().out
    assert out.splitlines()[1] == f"*** {NOTICE['id']} ***"
    main(["evaluate", MADIUN, "--example", "-f", "json", "--lang", "en"])
    assert json.loads(capsys.readouterr().out)["notice"] == NOTICE["en"]
    main(["evaluate", MADIUN, "--example", "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {row["illustrative"] for row in rows} == {NOTICE["id"]}
    page = tmp_path / "laporan.html"
    main(["evaluate", MADIUN, "--example", "-o", str(page)])
    assert 'class="illustrative"' in page.read_text(encoding="utf-8")

    data = tmp_path / "data.csv"
    data.write_text("period,psks_diberdayakan,psks\n2025,45,50\n", encoding="utf-8")
    main(["evaluate", MADIUN, "-d", str(data)])
    assert NOTICE["id"] not in capsys.readouterr().out
    main(["evaluate", MADIUN, "-d", str(data), "-f", "json"])
    assert json.loads(capsys.readouterr().out)["illustrative"] is False


def test_the_terminal_says_so_first_and_last(ev: Evaluation) -> None:
    lines = to_text(report(ev, "en"), width=160).splitlines()
    assert lines[1] == lines[-1] == f"*** {NOTICE['en']} ***"
