"""The LKjIP report's efficiency analysis: under each year's table in every format (terminal,
Markdown, HTML, Excel) when the evaluation has a budget; absent without one, and for an
evaluation by unit."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

import iku
from iku.examples import example_files
from iku.pemda import evaluate_source
from iku.report import build_report, to_html, to_markdown, to_text, write_excel

MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.fixture(scope="module")
def evaluation() -> iku.Evaluation:
    example = example_files(MADIUN)
    return evaluate_source(
        iku.get_set(MADIUN), example.data, targets=example.targets, budget=example.budget
    )


def test_the_report_model_holds_the_efficiency_of_every_sasaran_and_year(
    evaluation: iku.Evaluation,
) -> None:
    report = build_report(evaluation)
    assert len(report.efficiency) == 12
    assert report.efficiency[2]["category"] == "Tidak Efisien"


def test_markdown_has_a_table_under_each_year(evaluation: iku.Evaluation) -> None:
    md = to_markdown(evaluation)
    assert md.count("**Analisis efisiensi penggunaan anggaran**") == 2
    assert (
        "| S-3 · meningkatkan sosial PMKS | Rp 860.000.000 | Rp 846.240.000 | 98,40 | 90,24 | "
        "-8,16 | Tidak Efisien | Rp 1.345.374 / pmks_direhabilitasi |"
    ) in md
    assert "(\\> 5)" in md  # the boundary is stated


def test_the_terminal_html_and_excel_reports_show_it_too(
    evaluation: iku.Evaluation, tmp_path: Path
) -> None:
    text = to_text(evaluation, width=120)
    assert text.count("Analisis efisiensi penggunaan anggaran:") == 2
    english = to_text(build_report(evaluation, lang="en"), width=120)
    assert "Category: Not efficient" in english
    html = to_html(evaluation)
    assert html.count('<table class="lkjip efficiency">') == 2
    assert html.count('<tr data-sasaran="S-1">') == 2
    path = tmp_path / "laporan.xlsx"
    write_excel(evaluation, path)
    sheet = openpyxl.load_workbook(path)["efisiensi"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=4)]
    assert len(rows) == 12
    assert rows[0][:4] == ["S-1", "2025", 1_250_000_000, 1_162_500_000]


def test_no_budget_or_an_evaluation_by_unit_shows_no_efficiency(tmp_path: Path) -> None:
    example = example_files(MADIUN)
    plain = evaluate_source(iku.get_set(MADIUN), example.data, targets=example.targets)
    assert "Analisis efisiensi" not in to_markdown(plain)
    data = iku.io.read_data(example.data, iku.get_set(MADIUN))
    by_unit = iku.evaluate(iku.get_set(MADIUN), data, by="kecamatan", budget=example.budget)
    assert build_report(by_unit).efficiency == ()
    path = tmp_path / "laporan.xlsx"
    write_excel(plain, path)
    assert "efisiensi" not in openpyxl.load_workbook(path).sheetnames
