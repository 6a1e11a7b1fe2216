"""The Excel report: a formatted LKjIP sheet where numbers stay numbers, the raw results, the
issues and the definitions."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from iku import IndicatorSet, evaluate, get_set
from iku.report import result_records, write_excel
from iku.report.html import band_colour
from iku.testing import sample_data

MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.fixture(scope="module")
def madiun() -> IndicatorSet:
    return get_set(MADIUN)


@pytest.fixture
def book(tmp_path: Path, madiun: IndicatorSet) -> tuple[Path, object]:
    data = {**{k: [v, v] for k, v in sample_data(madiun).items()}, "period": [2025, 2026]}
    data["psks"] = [111, 0]  # 2026: IKU-2 cannot be computed
    ev = evaluate(madiun, data, targets=dict.fromkeys(madiun.codes, 40))
    path = tmp_path / "laporan.xlsx"
    write_excel(ev, path)
    return path, ev


def test_the_workbook_has_report_results_issues_and_indicators(book) -> None:  # type: ignore[no-untyped-def]
    wb = openpyxl.load_workbook(book[0])
    assert wb.sheetnames == ["laporan", "hasil", "masalah", "indikator"]


def test_the_report_sheet_is_an_lkjip_table_per_year(book, madiun) -> None:  # type: ignore[no-untyped-def]
    ws = openpyxl.load_workbook(book[0])["laporan"]
    values = list(ws.iter_rows(values_only=True))
    headers = [n for n, row in enumerate(values) if row[0] == "No"]
    assert len(headers) == 2
    assert values[headers[0]][:8] == (
        "No",
        "Sasaran",
        "Indikator Kinerja",
        "Satuan",
        "Target",
        "Realisasi",
        "Capaian (%)",
        "Predikat",
    )
    assert values[headers[0] - 1][0] == "Tahun 2025"
    table = values[headers[0] + 1 : headers[1] - 2]
    first = [row for row in table if row[2] and not row[2].startswith("RATA-RATA")]
    assert [row[2].split(" · ")[0] for row in first] == list(madiun.codes)
    # each sasaran ends with its RATA-RATA row, the table with the mean of every IKU
    means = [row[2] for row in table if row[2] and row[2].startswith("RATA-RATA")]
    assert means == ["RATA-RATA"] * len(madiun.sasaran) + ["RATA-RATA SELURUH IKU"]
    assert isinstance(first[1][5], float)  # realisasi is a number, rounded by its format only
    row_of = {
        row[2].split(" · ")[0]: headers[0] + 2 + n  # 1-based sheet row
        for n, row in enumerate(table)
        if row[2]
    }
    cell = ws.cell(row_of["IKU-2"], 6)
    assert cell.number_format == "#,##0.00"
    ipp = ws.cell(row_of["IKU-7"], 6)
    assert ipp.number_format == '#,##0.00" (C-)"'  # the IPP's grade beside its value
    merged = {str(r) for r in ws.merged_cells.ranges}
    s4 = row_of["IKU-4"]
    assert f"A{s4}:A{s4 + 1}" in merged
    assert f"B{s4}:B{s4 + 1}" in merged


def test_predikat_cells_are_coloured_and_issues_listed_under_their_table(book) -> None:  # type: ignore[no-untyped-def]
    path, ev = book
    ws = openpyxl.load_workbook(path)["laporan"]
    rows = list(ws.iter_rows())
    cell = next(r[7] for r in rows if r[7].value == "Sangat Tinggi")
    assert cell.fill.start_color.rgb.endswith(
        band_colour(ev.subject["IKU-1"].categories, "Sangat Tinggi")[1:].upper()
    )
    texts = [r[0].value for r in rows if isinstance(r[0].value, str)]
    assert "- IKU-2: penyebut psks bernilai nol, sehingga nilai tidak dapat dihitung" in texts
    assert "Tidak ada masalah data." in texts  # 2025 is clean


def test_the_results_sheet_holds_the_raw_results(book) -> None:  # type: ignore[no-untyped-def]
    path, ev = book
    rows = list(openpyxl.load_workbook(path)["hasil"].iter_rows(values_only=True))
    expected = result_records(ev)
    assert list(expected[0])[:4] == ["indicator", "period", "value", "target"]
    assert list(rows[0]) == [  # the columns of to_frame(), headed in the report's language
        "indikator",
        "periode",
        "realisasi",
        "target",
        "capaian (%)",
        "predikat",
        "kategori nilai",
        "pembilang",
        "penyebut",
        "masalah",
    ]
    assert len(rows) == len(expected) + 1
    iku2_2026 = next(r for r in rows[1:] if r[0] == "IKU-2" and r[1] == 2026)
    assert iku2_2026[2] is None  # a value that could not be computed is empty, never 0
    assert iku2_2026[-1] == "denominator_zero"


def test_the_issues_sheet_lists_every_issue(book) -> None:  # type: ignore[no-untyped-def]
    path, ev = book
    rows = list(openpyxl.load_workbook(path)["masalah"].iter_rows(values_only=True))
    assert rows[0] == ("Kode", "Tingkat", "Indikator Kinerja", "Variabel", "Letak", "Pesan")
    assert len(rows) - 1 == len(ev.issues)
    assert rows[1] == (
        "denominator_zero",
        "kesalahan",
        "IKU-2",
        "psks",
        "periode 2026",  # the row by its keys, in words, not "period=2026"
        "penyebut psks bernilai nol, sehingga nilai tidak dapat dihitung",
    )


def test_english_sheet_names_and_headings(tmp_path: Path, madiun) -> None:
    path = tmp_path / "report.xlsx"
    write_excel(evaluate(madiun, sample_data(madiun)), path, lang="en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["report", "results", "issues", "indicators"]
    assert any(
        row[:2] == ("No", "Objective (sasaran)") for row in wb["report"].iter_rows(values_only=True)
    )


def test_two_years_show_the_comparison_across_years_under_the_later_table(
    tmp_path: Path, madiun: IndicatorSet
) -> None:
    from iku.examples import example_files
    from iku.io import read_data, read_targets
    from iku.messages import text

    example = example_files(MADIUN)
    assert example.targets is not None
    ev = evaluate(
        madiun,
        read_data(example.data, madiun),
        targets=read_targets(example.targets, madiun),
        by=[],
    )
    path = tmp_path / "laporan.xlsx"
    write_excel(ev, path)
    values = list(openpyxl.load_workbook(path)["laporan"].iter_rows(values_only=True))
    titles = [n for n, row in enumerate(values) if row[0] == text("years.title", end=2026)]
    assert len(titles) == 1  # under 2026 only: 2025 has no earlier year
    assert titles[0] > next(n for n, row in enumerate(values) if row[0] == "Tahun 2026")
    headings = values[titles[0] + 1]
    assert headings[1:5] == (
        "Indikator Kinerja",
        text("years.value", year=2025),
        text("years.value", year=2026),
        text("years.trend"),
    )
    iku1 = values[titles[0] + 2]
    assert str(iku1[1]).startswith("IKU-1 ")
    earlier = next(r for r in ev.results if r.code == "IKU-1" and r.period == 2025)
    assert earlier.value is not None
    assert iku1[2] == f"{earlier.value:.2f}".replace(".", ",")
    assert iku1[4] in {text(f"years.{t}") for t in ("better", "worse", "same")}
