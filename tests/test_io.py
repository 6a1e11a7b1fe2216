"""Data and targets are read from CSV, Excel and Parquet as a person writes them, and a file that
cannot be read says which file and what is wrong."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iku import IkuError, TargetRange, get_set
from iku.io import InputError, load_data, parse_number, read_data, read_targets

MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.fixture(scope="module")
def madiun():  # type: ignore[no-untyped-def]
    return get_set(MADIUN)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_numbers_become_numbers_and_text_stays_text_on_its_own_row(
    tmp_path: Path, madiun
) -> None:
    path = write(
        tmp_path / "d.csv",
        "kecamatan,period,psks_diberdayakan,psks\nTaman,2025,45,50\nKartoharjo,2025,abc,60\n",
    )
    frame = read_data(path, madiun)
    assert list(frame) == ["kecamatan", "period", "psks_diberdayakan", "psks"]
    assert frame["psks"].tolist() == [50, 60]
    assert frame["psks"].dtype == "int64"
    assert frame["psks_diberdayakan"].tolist() == [45, "abc"]
    assert frame["period"].tolist() == [2025, 2025]


def test_key_columns_keep_their_text_so_leading_zeros_survive(tmp_path: Path, madiun) -> None:
    path = write(tmp_path / "d.csv", "kode,psks\n0101,5\n0102,6\n")
    assert read_data(path, madiun)["kode"].tolist() == ["0101", "0102"]


def test_a_semicolon_csv_reads_indonesian_numbers(tmp_path: Path, madiun) -> None:
    path = write(tmp_path / "d.csv", "tahun;psks;ipp\n2025;1.050;3,85\n2026;12;4\n")
    frame = read_data(path, madiun)
    assert frame["period"].tolist() == [2025, 2026]
    assert frame["psks"].tolist() == [1050, 12]
    assert frame["ipp"].tolist() == [3.85, 4.0]


def test_a_windows_1252_csv_with_a_bom_free_header_is_read(tmp_path: Path, madiun) -> None:
    path = write(tmp_path / "d.csv", "kecamatan,psks\nMangù,5\n", encoding="cp1252")
    assert read_data(path, madiun)["kecamatan"].tolist() == ["Mangù"]


def test_empty_cells_are_missing_and_empty_rows_are_skipped(tmp_path: Path, madiun) -> None:
    path = write(
        tmp_path / "d.csv",
        "period,psks_diberdayakan,psks\n2025,45,NA\n2026,,\n,,\n2027,-,7\n",
    )
    data = load_data(path, madiun)
    assert data.columns["period"].tolist() == [2025, 2027]
    assert data.columns["psks"].tolist() == [None, 7]  # missing, not NaN (which is invalid)
    assert data.columns["psks_diberdayakan"].tolist() == [45, None]
    assert data.rows == (2, 5)  # their lines in the file


def test_headers_match_codes_whatever_their_case_and_absent_variables_are_named(
    tmp_path: Path, madiun
) -> None:
    path = write(tmp_path / "d.csv", "Year,PSKS,Psks_Diberdayakan\n2025,50,45\n")
    data = load_data(path, madiun)
    assert list(data.columns) == ["period", "psks", "psks_diberdayakan"]
    assert "ipp" in data.missing
    assert "psks" not in data.missing


def test_a_column_twice_is_refused(tmp_path: Path, madiun) -> None:
    path = write(tmp_path / "d.csv", "psks,PSKS\n1,2\n")
    with pytest.raises(InputError, match=r"columns 1 and 2 are both 'psks'"):
        read_data(path, madiun)


def test_a_column_with_values_but_no_heading_is_refused(tmp_path: Path, madiun) -> None:
    path = write(tmp_path / "d.csv", "psks,\n1,2\n")
    with pytest.raises(InputError, match="column 2 has values but no heading"):
        read_data(path, madiun)


def test_a_row_with_more_cells_than_the_header_names_its_line(tmp_path: Path, madiun) -> None:
    path = write(tmp_path / "d.csv", "psks,ipp\n1,2\n3,4,5\n")
    with pytest.raises(InputError, match=r"d\.csv, line 3: 3 cells but the header has 2 columns"):
        read_data(path, madiun)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.csv", None, "no such file"),
        ("d.xls", b"x", r"old \.xls workbooks are not read"),
        ("d.ods", b"x", "unknown file type '.ods'"),
        ("d.xlsx", b"not a zip", "not a readable Excel workbook"),
        ("d.parquet", b"not parquet", "not a readable Parquet file"),
        ("d.csv", b"", "the file is empty"),
        ("d.csv", b"\x00\x01\x02PK", r"not a text \(CSV\) file"),
    ],
)
def test_an_unreadable_file_is_one_input_error_naming_it(
    tmp_path: Path, madiun, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        read_data(path, madiun)
    assert isinstance(caught.value, IkuError)
    assert str(path) in str(caught.value)


def test_parquet_keeps_its_types_and_renames_headers(tmp_path: Path, madiun) -> None:
    path = tmp_path / "d.parquet"
    pd.DataFrame({"Tahun": [2025], "PSKS": [50], "psks_diberdayakan": [45.0]}).to_parquet(path)
    pd.DataFrame({"Tahun": [2025, 2026], "x": ["a", None]}).to_parquet(tmp_path / "k.parquet")
    frame = read_data(path, madiun)
    assert list(frame) == ["period", "psks", "psks_diberdayakan"]
    assert frame["psks"].dtype == "int64"
    assert frame["psks"].tolist() == [50]
    assert read_data(tmp_path / "k.parquet", madiun)["x"].tolist() == ["a", None]


def test_a_workbook_sheet_is_found_below_a_title_row(tmp_path: Path, madiun) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append(["Data PSKS Kota Madiun"])
    ws.append(["period", "psks", "psks_diberdayakan"])
    ws.append([2025, "50", 45.0])
    ws.append([2026.0, " 12,5 ", None])
    path = tmp_path / "d.xlsx"
    wb.save(path)
    data = load_data(path, madiun)
    assert data.columns["period"].tolist() == [2025, 2026]
    assert data.columns["psks"].tolist() == [50, 12.5]  # numbers typed as text are numbers
    assert data.rows == (3, 4)


def test_a_workbook_without_a_data_sheet_is_refused(tmp_path: Path, madiun) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "satu"
    wb.create_sheet("dua")
    path = tmp_path / "d.xlsx"
    wb.save(path)
    with pytest.raises(InputError, match=r"no sheet named 'data' \(sheets: satu, dua\)"):
        read_data(path, madiun)


def test_targets_read_per_year_for_any_period_and_as_ranges(tmp_path: Path, madiun) -> None:
    path = write(
        tmp_path / "t.csv",
        "indicator,period,target,target_hi\n"
        "IKU-1,2025,80,\nIKU-1,2026,85%,\nIKU-2,,90,\nIKU-7,2025,3.5,4.5\nIKU-3,2025,,\n",
    )
    targets = read_targets(path, madiun)
    assert targets == {"IKU-1": {2025: 80, 2026: 85}, "IKU-2": 90, "IKU-7": {2025: (3.5, 4.5)}}
    assert TargetRange(*targets["IKU-7"][2025]) == TargetRange(3.5, 4.5)


def test_a_target_that_is_no_number_is_passed_on_for_the_evaluation_to_report(
    tmp_path: Path, madiun
) -> None:
    path = write(tmp_path / "t.csv", "indicator,period,target\nIKU-1,2025,tinggi\n")
    assert read_targets(path, madiun) == {"IKU-1": {2025: "tinggi"}}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("indicator,period,target\nIKU-9,2025,1\n", r"row 2: indicator 'IKU-9' is not in the set"),
        ("indicator,period,target\nIKU-1,2025,1\nIKU-1,2025,2\n", "a second target for IKU-1"),
        ("indicator,period,target\nIKU-1,,1\nIKU-1,2025,2\n", "both a target for any period"),
        ("kode_indikator,target\nIKU-1,1\n", "no column 'indicator'"),
    ],
)
def test_a_bad_targets_file_is_refused_with_its_row(
    tmp_path: Path, madiun, text: str, message: str
) -> None:
    with pytest.raises(InputError, match=message):
        read_targets(write(tmp_path / "t.csv", text), madiun)


def test_targets_come_from_a_workbook_sheet_named_targets(tmp_path: Path, madiun) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "data"
    ws = wb.create_sheet("targets")
    ws.append(["indicator", "period", "target", "keterangan"])
    ws.append(["IKU-2", 2025, 80, "Persentase PSKS"])
    path = tmp_path / "t.xlsx"
    wb.save(path)
    assert read_targets(path, madiun) == {"IKU-2": {2025: 80}}
    wb.remove(wb["targets"])
    wb.save(path)
    with pytest.raises(InputError, match="no sheet named 'targets'"):
        read_targets(path, madiun)


@given(st.floats(-1e9, 1e9, allow_nan=False).map(lambda x: round(x, 3)))
def test_parse_number_reads_both_notations(value: float) -> None:
    english = f"{value:,.3f}".replace(",", "")
    indonesian = f"{value:,.3f}".translate(str.maketrans(",.", ".,"))
    assert parse_number(english) == pytest.approx(value)
    assert parse_number(indonesian, decimal_comma=True) == pytest.approx(value)


@settings(max_examples=30)
@given(st.lists(st.integers(0, 10**6) | st.none(), min_size=1, max_size=20))
def test_csv_counts_read_back_exactly(values: list[int | None]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        lines = ["kode,psks"] + [f"u{n},{'' if v is None else v}" for n, v in enumerate(values)]
        path = write(Path(folder) / "d.csv", "\n".join(lines) + "\n")
        frame = read_data(path, get_set(MADIUN))
        assert frame["psks"].tolist() == values


def test_line_numbers_count_line_breaks_inside_quoted_cells(tmp_path: Path, madiun) -> None:
    path = write(
        tmp_path / "d.csv",
        'catatan,psks\n"satu\nbaris dua",5\nbiasa,6\n"a\nb\nc",x\n',
    )
    data = load_data(path, madiun)
    assert data.rows == (2, 4, 5)
    assert data.columns["psks"].tolist() == [5, 6, "x"]
    assert data.columns["catatan"].tolist() == ["satu\nbaris dua", "biasa", "a\nb\nc"]


def test_short_rows_are_padded_with_empty_cells(tmp_path: Path, madiun) -> None:
    path = write(tmp_path / "d.csv", "period,psks,ipp\n2025,5\n2026,6,4.5\n")
    data = read_data(path, madiun)
    assert data["ipp"].tolist() == [None, 4.5]


def test_input_errors_speak_indonesian_and_english(tmp_path: Path, madiun) -> None:
    with pytest.raises(InputError, match="no such file") as caught:
        read_data(tmp_path / "tidak-ada.csv", madiun)
    assert caught.value.describe("id").endswith("tidak-ada.csv: berkas tidak ada")
    assert caught.value.describe("en") == str(caught.value)
