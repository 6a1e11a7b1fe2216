"""iku monitor: the same formats and exit codes as iku evaluate, on a year's quarters."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from iku.cli import main

MADIUN = "kota-madiun.dinsosppa.2025-2026"
HEADER = (
    "kecamatan,kelurahan,period,pmks_dilindungi,pmks_perlu_perlindungan,psks_diberdayakan,psks,"
    "pmks_direhabilitasi,pmks_perlu_rehabilitasi,perempuan_pengambil_keputusan,"
    "perempuan_usia_produktif,keluarga_berkualitas,keluarga_disurvei,pengaduan_diselesaikan,"
    "pengaduan,ipp"
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_example_quarters_give_the_table_with_early_warnings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(capsys, "monitor", MADIUN, "--example", "--year", "2025")
    assert code == 0, err
    assert "Data ilustrasi" in out
    assert "s.d. TW III 2025" in out
    assert "⚠ di bawah Tinggi" in out
    assert "Proyeksi akhir tahun" in out


@pytest.mark.parametrize("fmt", ["markdown", "html", "json", "csv"])
def test_every_text_format_is_written(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, err = _run(
        capsys, "monitor", MADIUN, "--example", "--year", "2025", "--format", fmt, "--lang", "en"
    )
    assert code == 0, err
    if fmt == "json":
        records = json.loads(out)
        assert {r["period"] for r in records} == {"2025-Q1", "2025-Q2", "2025-Q3"}
        assert "projected_category" in records[0]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert len(rows) == 3 * 7
        assert rows[0]["needed"] != ""
    elif fmt == "html":
        assert out.startswith("<!DOCTYPE html>")
        assert 'class="trajectory"' in out
    else:
        assert "| Q1 2025 |" in out
        assert "Year-end projection" in out


def test_excel_needs_an_output_and_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = _run(capsys, "monitor", MADIUN, "--example", "--year", "2025", "-f", "xlsx")
    assert code == 2
    assert "--output" in err
    target = tmp_path / "pantau.xlsx"
    code, _, err = _run(capsys, "monitor", MADIUN, "--example", "--year", "2025", "-o", str(target))
    assert code == 0, err
    assert target.stat().st_size > 0


def test_a_year_that_is_no_year_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "monitor", MADIUN, "--example", "--year", "2025-Q1")
    assert code == 2
    assert "2025-Q1" in err


def test_a_gap_in_the_quarters_gives_exit_code_1_and_names_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = [
        "Taman,Banjarejo,2025-Q1,10,100,5,50,3,40,300,1000,20,30,4,5,4.0",
        "Taman,Banjarejo,2025-Q3,10,100,5,50,3,40,300,1000,20,30,4,5,4.0",
    ]
    data = tmp_path / "data.csv"
    data.write_text("\n".join([HEADER, *rows]) + "\n", "utf-8")
    code, out, err = _run(capsys, "monitor", MADIUN, "--data", str(data), "--year", "2025")
    assert code == 1
    assert "period_gap" in out
    assert "2025-Q2" in out
    assert "iku:" in err


def test_by_follows_each_unit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(
        capsys, "monitor", MADIUN, "--example", "--year", "2025", "--by", "kecamatan"
    )
    assert code == 0, err
    assert out.count("Unit: kecamatan") == 3


def test_a_quarterly_template_filled_in_is_monitored(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = tmp_path / "isian.xlsx"
    code, _, err = _run(capsys, "template", MADIUN, "-o", str(book), "--parts", "quarter")
    assert code == 0, err
    wb = openpyxl.load_workbook(book)
    data, targets = wb["data"], wb["targets"]
    periods = [data.cell(r, 1).value for r in range(3, data.max_row + 1)]
    assert periods[:5] == ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]
    target_periods = [targets.cell(r, 2).value for r in range(2, targets.max_row + 1)]
    assert target_periods[:8] == [2025] * 7 + ["2025-Q1"]
    # a Dinas fills in two quarters and the year's target of IKU-6
    for row, values in (
        (3, [10, 100, 5, 50, 3, 40, 300, 1000, 20, 30, 4, 5, 4.0]),
        (4, [12, 100, 6, 50, 4, 40, 300, 1000, 25, 30, 6, 8, 4.1]),
    ):
        for n, value in enumerate(values, start=2):
            data.cell(row, n).value = value
    for r in range(2, targets.max_row + 1):
        if targets.cell(r, 1).value == "IKU-6" and targets.cell(r, 2).value == 2025:
            targets.cell(r, 3).value = 90
    wb.save(book)
    code, out, err = _run(
        capsys, "monitor", MADIUN, "--data", str(book), "--year", "2025", "-f", "json"
    )
    records = [r for r in json.loads(out) if r["indicator"] == "IKU-6"]
    assert [(r["period"], r["value"], r["target"]) for r in records] == [
        ("2025-Q1", 80.0, 90.0),
        ("2025-Q2", 10 / 13 * 100, 90.0),
    ]
