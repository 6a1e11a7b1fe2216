"""One language per output: what iku writes in a report (headings, sheet names and headers,
predikat, severities, places, the decree's number and date, units it knows, notices, issue
messages) is all Indonesian in an Indonesian report and all English in an English one.

The set used here has names that are words of neither language, so that every word found is
one iku wrote.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import openpyxl
import pytest

from iku import IPP_GRADES, Evaluation, Index, IndicatorSet, Ratio, Sasaran, Variable, evaluate
from iku.model import Source
from iku.report import (
    Report,
    build_report,
    plot_evaluation,
    to_html,
    to_markdown,
    to_text,
    write_excel,
)
from iku.report.table import issue_place
from iku.report.text import source_text, unit_text

matplotlib.use("Agg")

INDONESIAN = (
    "tahun",
    "periode",
    "baris",
    "capaian",
    "realisasi",
    "predikat",
    "satuan",
    "rumus",
    "uraian",
    "simbol",
    "sumber",
    "masalah",
    "hasil",
    "laporan",
    "indikator",
    "kinerja",
    "tanggal",
    "juga",
    "tertulis",
    "nomor",
    "januari",
    "indeks",
    "dan",
    "lainnya",
    "sangat",
    "tinggi",
    "rendah",
    "sedang",
    "ilustrasi",
    "bukan",
    "resmi",
    "semakin",
    "baik",
    "catatan",
    "tidak",
    "ada",
    "nilai",
    "angka",
    "penyebut",
    "pembilang",
    "kesalahan",
    "peringatan",
    "letak",
    "pesan",
    "tingkat",
    "variabel",
    "kode",
    "polaritas",
    "skala",
    "kategori",
    "definisi",
    "dasar",
    "kolom",
    "nol",
    "disebut",
)
"""Words iku writes in Indonesian reports, which an English one must not hold."""

ENGLISH = (
    "year",
    "period",
    "row",
    "rows",
    "achievement",
    "actual",
    "category",
    "unit",
    "formula",
    "words",
    "symbols",
    "source",
    "issues",
    "results",
    "report",
    "indicator",
    "indicators",
    "performance",
    "dated",
    "also",
    "written",
    "january",
    "index",
    "and",
    "more",
    "very",
    "high",
    "low",
    "illustrative",
    "official",
    "figures",
    "not",
    "is",
    "the",
    "of",
    "higher",
    "lower",
    "better",
    "notes",
    "error",
    "warning",
    "place",
    "message",
    "severity",
    "variable",
    "code",
    "polarity",
    "scale",
    "grades",
    "definitions",
    "basis",
    "column",
    "number",
    "zero",
    "given",
)
"""Words iku writes in English reports, which an Indonesian one must not hold."""


def neutral_set() -> IndicatorSet:
    """A set whose own text is no word of either language (and a unit iku translates)."""
    xa, xb, xc = Variable("xa", "Qa"), Variable("xb", "Qb"), Variable("xc", "Qc")
    index = Index("Q-4", "Qidx", xc, bounds=(0, 5), grades=IPP_GRADES, unit="indeks")
    return IndicatorSet(
        "qz.qz.qz",
        "Qzset",
        "Qzorg",
        2025,
        [
            Sasaran("Q-1", "Qsas", [Ratio("Q-2", "Qrat", xa, xb, unit="%")]),
            Sasaran("Q-3", "Qsbs", [index]),
        ],
        [xa, xb, xc],
        source=Source("Qkep", numbers=["7/2025", "07/2025"], date=dt.date(2025, 1, 2)),
    )


@pytest.fixture(scope="module")
def ev() -> Evaluation:
    """Issues of every kind: a value that is no number, a zero denominator, a missing target,
    a column that is no variable, a missing column; by a key, in two years."""
    data = {
        "qkey": ["Qk1", "Qk1", "Qk2"],
        "period": [2025, 2026, 2025],
        "xa": [4, "qq", 3],
        "xb": [5, 5, 0],
        "qcol": [1, 2, 3],
    }
    return evaluate(neutral_set(), data, targets={"Q-2": {2025: 80}}, by=["qkey"])


def words(text: str, vocabulary: tuple[str, ...]) -> set[str]:
    """The words of ``vocabulary`` in ``text``; an identifier (``IPP_GRADES``, an issue code
    such as ``not_a_number``) is no word."""
    found = {w.lower() for w in re.findall(r"[^\W\d]+", text)}
    return found & set(vocabulary)


class Text(HTMLParser):
    """The text of a page: its data and its human-readable attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip = tag == "style"
        self.parts += [str(v) for k, v in attrs if k in ("aria-label", "title", "alt")]

    def handle_endtag(self, tag: str) -> None:
        self.skip = False

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def page_text(page: str) -> str:
    parser = Text()
    parser.feed(page)
    return " ".join(parser.parts)


def workbook_text(report: Report, ev: Evaluation, path: Path) -> str:
    write_excel(ev, path, report=report)
    wb = openpyxl.load_workbook(path)
    parts = [wb.properties.title or "", wb.properties.subject or ""]
    for ws in wb.worksheets:
        parts += [ws.title, ws.oddHeader.center.text or ""]
        parts += [str(c) for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    return "\n".join(parts)


def plot_text(report: Report) -> str:
    ax = plot_evaluation(report)
    legend = ax.get_legend()
    parts = [ax.get_title(), ax.get_xlabel(), *(t.get_text() for t in ax.texts)]
    parts += [t.get_text() for t in legend.get_texts()] if legend else []
    plt.close(ax.figure)
    return "\n".join(parts)


def every_format(lang: str, ev: Evaluation, tmp_path: Path) -> dict[str, str]:
    report = build_report(ev, lang=lang, illustrative=True)
    return {
        "terminal": to_text(report, width=160),
        "markdown": to_markdown(report),
        "html": page_text(to_html(report)),
        "excel": workbook_text(report, ev, tmp_path / f"{lang}.xlsx"),
        "plot": plot_text(report),
    }


def test_an_english_report_holds_no_indonesian_word_of_iku(ev: Evaluation, tmp_path: Path) -> None:
    for name, text in every_format("en", ev, tmp_path).items():
        assert words(text, INDONESIAN) == set(), name


def test_an_indonesian_report_holds_no_english_word_of_iku(ev: Evaluation, tmp_path: Path) -> None:
    for name, text in every_format("id", ev, tmp_path).items():
        assert words(text, ENGLISH) == set(), name


def test_the_word_lists_do_find_the_other_language(ev: Evaluation, tmp_path: Path) -> None:
    """The two tests above can fail: each list finds its words in a report of its language."""
    en, id_ = every_format("en", ev, tmp_path), every_format("id", ev, tmp_path)
    for name in en:
        assert len(words(en[name], ENGLISH)) >= 3, name
        assert len(words(id_[name], INDONESIAN)) >= 3, name


def test_the_decree_is_cited_in_the_report_language() -> None:
    source = neutral_set().source
    assert source_text(source, "id") == (
        "Qkep, Nomor 7/2025 (juga tertulis 07/2025), tanggal 2 Januari 2025 (2025-01-02)"
    )
    assert source_text(source, "en") == (
        "Qkep, No. 7/2025 (also written 07/2025), dated 2 January 2025 (2025-01-02)"
    )


def test_units_iku_knows_are_translated_and_others_kept() -> None:
    assert [unit_text(u, "en") for u in ("indeks", "Orang", "%", "Qunit", None)] == [
        "index",
        "persons",
        "%",
        "Qunit",
        "",
    ]
    assert unit_text("indeks", "id") == "indeks"


def test_the_issues_sheet_names_each_row_by_its_place_in_words(tmp_path: Path) -> None:
    """Not ``period=2025``: the place in the file when it is known, else the row's keys."""
    from iku import Issue

    keyed = Issue("missing_value", "error", "m", "Q-2", "xa", {"period": 2025, "qkey": "Qk1"})
    placed = Issue("not_a_number", "error", "m", "Q-2", "xa", 3, place="data.csv:4")
    assert issue_place(keyed, "id") == "periode 2025, qkey Qk1"
    assert issue_place(keyed, "en") == "period 2025, qkey Qk1"
    assert issue_place(placed, "id") == "data.csv:4"
    assert issue_place(Issue("missing_value", "error", "m", "Q-2", "xa", 3), "en") == "row 3"
    ev = evaluate(neutral_set(), {"period": [2025], "xa": ["qq"], "xb": [5], "xc": [1]})
    path = tmp_path / "laporan.xlsx"
    write_excel(ev, path, lang="en")
    rows = list(openpyxl.load_workbook(path)["issues"].iter_rows(values_only=True))
    assert rows[0] == ("Code", "Severity", "Performance indicator", "Variable", "Place", "Message")
    assert rows[1][:5] == ("not_a_number", "error", "Q-2", "xa", "period 2025")
