"""CSV files are read as a person writes them, nothing in them is read silently wrong, and
every problem names its line; pyarrow's reader and Python's give the same answers."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iku import Ratio, Variable, evaluate, get_set
from iku.io import InputError, load_data, read_data


def listed(column) -> list:  # type: ignore[no-untyped-def,type-arg]
    """A column's cells as Python values, None where a cell has no value (NaN in the array)."""
    return [None if isinstance(v, float) and v != v else v for v in column.tolist()]


MADIUN = "kota-madiun.dinsosppa.2025-2026"
BUDGET = Ratio(
    "R-1",
    "Serapan anggaran",
    Variable("realisasi", "Realisasi anggaran", kind="amount", unit="Rp"),
    Variable("pagu", "Pagu anggaran", kind="amount", unit="Rp"),
)


@pytest.fixture(scope="module")
def madiun():  # type: ignore[no-untyped-def]
    return get_set(MADIUN)


@pytest.fixture(params=["pyarrow", "python"])
def reader(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each test runs with pyarrow's reader and with Python's (as without ``iku[parquet]``)."""
    if request.param == "python":
        saved = sys.modules.get("pyarrow")
        sys.modules["pyarrow"] = None  # type: ignore[assignment]  # import pyarrow fails
        try:
            yield "python"
        finally:
            if saved is not None:
                sys.modules["pyarrow"] = saved
            else:
                del sys.modules["pyarrow"]
    else:
        yield "pyarrow"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def codes(data) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(issue.code) for issue in data.issues]


def test_numbers_become_numbers_and_text_stays_text_on_its_own_row(
    tmp_path: Path, madiun, reader: str
) -> None:
    path = write(
        tmp_path / "d.csv",
        "kecamatan,period,psks_diberdayakan,psks\nTaman,2025,45,50\nKartoharjo,2025,abc,60\n",
    )
    frame = read_data(path, madiun)
    assert list(frame) == ["kecamatan", "period", "psks_diberdayakan", "psks"]
    assert listed(frame["psks"]) == [50, 60]
    assert frame["psks"].dtype == "int64"
    assert listed(frame["psks_diberdayakan"]) == [45, "abc"]
    assert listed(frame["period"]) == [2025, 2025]


def test_key_columns_keep_their_text_so_leading_zeros_survive(
    tmp_path: Path, madiun, reader: str
) -> None:
    path = write(tmp_path / "d.csv", "kode,psks\n0101,5\n 0102 ,6\n")
    assert listed(read_data(path, madiun)["kode"]) == ["0101", "0102"]


def test_a_semicolon_csv_reads_indonesian_numbers(tmp_path: Path, madiun, reader: str) -> None:
    path = write(tmp_path / "d.csv", "tahun;psks;ipp\n2025;1.050;3,85\n2026;12;4\n")
    data = load_data(path, madiun)
    assert listed(data.columns["period"]) == [2025, 2026]
    assert listed(data.columns["psks"]) == [1050, 12]
    assert listed(data.columns["ipp"]) == [3.85, 4.0]
    assert data.issues == ()


def test_a_quoted_1500_in_a_comma_csv_is_in_doubt_not_one_and_a_half(
    tmp_path: Path, reader: str
) -> None:
    # the first version read it as 1.5: a silent x1000 error on an amount
    path = write(tmp_path / "d.csv", 'unit,realisasi,pagu\nA,"1.500",2000\nB,700,"2.000"\n')
    data = load_data(path, BUDGET)
    assert listed(data.columns["realisasi"]) == [None, 700]
    assert listed(data.columns["pagu"]) == [2000, None]
    doubt = data.issues[0]
    assert (doubt.code, doubt.severity, doubt.variable, doubt.row) == (
        "ambiguous_number",
        "error",
        "realisasi",
        0,
    )
    assert "'1.500'" in doubt.describe("en")
    assert "1.5" in doubt.describe("en")
    assert "1500" in doubt.describe("en")
    assert "d.csv:2" in (getattr(doubt, "place", None) or doubt.message)
    assert codes(data) == ["ambiguous_number", "ambiguous_number"]
    ev = evaluate(BUDGET, data.columns)
    assert ev["R-1", 0].value is None  # no guess reaches the result


def test_decimal_comma_asked_for_reads_1500_as_fifteen_hundred(tmp_path: Path, reader: str) -> None:
    path = write(tmp_path / "d.csv", 'unit,realisasi,pagu\nA,"1.500","2.000,5"\n')
    data = load_data(path, BUDGET, decimal=",")
    assert listed(data.columns["realisasi"]) == [1500]
    assert listed(data.columns["pagu"]) == [2000.5]
    assert data.issues == ()


def test_a_semicolon_csv_mixing_conventions_in_a_column_reads_no_doubtful_cell(
    tmp_path: Path, reader: str
) -> None:
    # the first version read 1.5 as 1.5, 1.500 as 1500 and 0.250 as 250, silently
    path = write(
        tmp_path / "d.csv", "unit;realisasi;pagu\nA;1.5;10\nB;1.500;10\nC;0.250;10\nD;7;10\n"
    )
    data = load_data(path, BUDGET)
    assert listed(data.columns["realisasi"]) == [None, None, None, 7]
    assert codes(data) == ["ambiguous_number"] * 3
    assert [i.row for i in data.issues] == [0, 1, 2]
    assert data.place(2) == "d.csv:4"


@pytest.mark.parametrize("text", ["nan", "NaN", " NA ", "-", "", "null"])
def test_nan_and_the_other_words_for_no_value_are_a_missing_value(
    tmp_path: Path, madiun, reader: str, text: str
) -> None:
    path = write(tmp_path / "d.csv", f"kode,psks,psks_diberdayakan\na,{text},1\nb,2,2\n")
    data = load_data(path, madiun)
    assert listed(data.columns["psks"]) == [None, 2]
    ev = evaluate(madiun["IKU-2"], data.columns, targets={"IKU-2": 80})
    assert [i.code for i in ev.issues] == ["missing_value"]


@pytest.mark.parametrize("text", ["4_5", "\u0664\u0665", "inf", "1.2.3", "12 orang"])
def test_underscores_and_non_ascii_digits_are_no_number(
    tmp_path: Path, madiun, reader: str, text: str
) -> None:
    path = write(tmp_path / "d.csv", f"kode,psks,psks_diberdayakan\na,{text},1\nb,2,1\n")
    data = load_data(path, madiun)
    assert listed(data.columns["psks"]) == [text, 2]
    ev = evaluate(madiun["IKU-2"], data.columns, targets={"IKU-2": 80})
    assert [i.code for i in ev.issues] == ["not_a_number"]


def test_whole_numbers_with_blanks_are_float64_with_nan_where_missing_not_objects(
    tmp_path: Path, madiun, reader: str
) -> None:
    path = write(tmp_path / "d.csv", "kode,psks\na,1\nb,\nc,3\n")
    psks = load_data(path, madiun).columns["psks"]
    assert psks.dtype == np.float64
    assert np.isnan(psks).tolist() == [False, True, False]
    ev = evaluate(madiun["IKU-2"], {"psks_diberdayakan": [1, 1, 1], "psks": psks})
    assert [(str(i.code), i.row) for i in ev.issues if i.severity == "error"] == [
        ("missing_value", 1)
    ]


def test_empty_cells_are_missing_and_empty_rows_are_skipped_keeping_their_lines(
    tmp_path: Path, madiun, reader: str
) -> None:
    path = write(
        tmp_path / "d.csv",
        "period,psks_diberdayakan,psks\n2025,45,NA\n2026,,\n,,\n2027,-,7\n",
    )
    data = load_data(path, madiun)
    assert listed(data.columns["period"]) == [2025, 2027]
    assert listed(data.columns["psks"]) == [None, 7]
    assert listed(data.columns["psks_diberdayakan"]) == [45, None]
    assert data.rows == (2, 5)
    assert [data.place(0), data.place(1), data.place(2)] == ["d.csv:2", "d.csv:5", None]


def test_headers_match_codes_whatever_their_case_and_absent_variables_are_named(
    tmp_path: Path, madiun, reader: str
) -> None:
    path = write(tmp_path / "d.csv", "Year,PSKS,Psks_Diberdayakan\n2025,50,45\n")
    data = load_data(path, madiun)
    assert list(data.columns) == ["period", "psks", "psks_diberdayakan"]
    assert "ipp" in data.missing
    assert "psks" not in data.missing


def test_a_column_twice_is_not_read_from_either_copy_and_both_are_named(
    tmp_path: Path, madiun, reader: str
) -> None:
    # the first version read the first copy (and a later one refused the whole file)
    path = write(tmp_path / "d.csv", "kode,psks,psks_diberdayakan,PSKS\na,10,5,20\nb,11,6,21\n")
    data = load_data(path, madiun)
    assert "psks" not in data.columns
    assert listed(data.columns["psks_diberdayakan"]) == [5, 6]
    (issue,) = data.issues
    assert (issue.code, issue.severity, issue.variable) == ("duplicate_column", "error", "psks")
    assert "2, 4" in issue.describe("en")
    assert "psks" in data.missing or "psks" not in data.columns


def test_a_second_copy_of_a_column_without_values_is_no_doubt(
    tmp_path: Path, madiun, reader: str
) -> None:
    path = write(tmp_path / "d.csv", "kode,psks,PSKS\na,10,\nb,11,\n")
    data = load_data(path, madiun)
    assert listed(data.columns["psks"]) == [10, 11]
    assert data.issues == ()


@settings(max_examples=25)
@given(
    st.lists(st.integers(0, 10**6), min_size=1, max_size=8),
    st.integers(1, 3),
    st.sampled_from(["psks", "PSKS", "Psks"]),
)
def test_random_tables_with_a_duplicated_column_read_every_other_column_exactly(
    values: list[int], copies: int, spelling: str
) -> None:
    s = get_set(MADIUN)
    header = ["kode", "psks_diberdayakan", *([spelling] * (copies + 1))]
    lines = [",".join(header)]
    lines += [
        f"u{n},{v}," + ",".join(str(v + c) for c in range(copies + 1)) for n, v in enumerate(values)
    ]
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "d.csv", "\n".join(lines) + "\n")
        data = load_data(path, s)
    assert "psks" not in data.columns
    assert listed(data.columns["psks_diberdayakan"]) == values
    assert [str(i.code) for i in data.issues] == ["duplicate_column"]


def test_a_column_with_values_but_no_heading_is_refused(
    tmp_path: Path, madiun, reader: str
) -> None:
    path = write(tmp_path / "d.csv", "psks,\n1,2\n")
    with pytest.raises(InputError, match="column 2 has values but no heading"):
        read_data(path, madiun)


def test_a_row_with_more_cells_than_the_header_names_its_line(
    tmp_path: Path, madiun, reader: str
) -> None:
    path = write(tmp_path / "d.csv", "psks,ipp\n1,2\n3,4,5\n")
    with pytest.raises(InputError, match=r"d\.csv, line 3: 3 cells but the header has 2 columns"):
        read_data(path, madiun)


def test_short_rows_are_padded_with_empty_cells(tmp_path: Path, madiun, reader: str) -> None:
    path = write(tmp_path / "d.csv", "period,psks,ipp\n2025,5\n2026,6,4.5\n")
    assert listed(read_data(path, madiun)["ipp"]) == [None, 4.5]


def test_line_numbers_count_line_breaks_inside_quoted_cells_and_blank_lines(
    tmp_path: Path, madiun, reader: str
) -> None:
    path = write(
        tmp_path / "d.csv",
        'catatan,psks\n"satu\nbaris dua",5\n\nbiasa,6\n"a\nb\nc",x\n',
    )
    data = load_data(path, madiun)
    assert data.rows == (2, 5, 6)
    assert listed(data.columns["psks"]) == [5, 6, "x"]
    assert listed(data.columns["catatan"]) == ["satu\nbaris dua", "biasa", "a\nb\nc"]


def test_a_utf8_file_with_one_bad_byte_is_refused_naming_its_line_never_mojibake(
    tmp_path: Path, madiun, reader: str
) -> None:
    # the first version decoded the whole file as cp1252: every "ù" became "Ã¹"
    path = tmp_path / "d.csv"
    path.write_bytes("kecamatan,psks\nMangù,5\nTaman,6\n".encode() + b"Kartoharjo\xff,7\n")
    with pytest.raises(InputError, match=r"d\.csv, line 4: not UTF-8 text \(byte 0xff\)") as caught:
        read_data(path, madiun)
    assert "baris 4" in caught.value.describe("id")


def test_a_windows_1252_file_is_read_when_its_encoding_is_named(
    tmp_path: Path, madiun, reader: str
) -> None:
    path = write(tmp_path / "d.csv", "kecamatan,psks\nMangù,5\n", encoding="cp1252")
    with pytest.raises(InputError, match="line 2: not UTF-8"):
        read_data(path, madiun)
    assert listed(read_data(path, madiun, encoding="cp1252")["kecamatan"]) == ["Mangù"]


def test_a_byte_order_mark_is_no_part_of_the_first_header(
    tmp_path: Path, madiun, reader: str
) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(b"\xef\xbb\xbfperiod,psks\n2025,5\n")
    assert list(read_data(path, madiun)) == ["period", "psks"]


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("Taman\x1b[2J", "control character"),
        ("Taman\u202e", "control character"),
        ("#DIV/0!", "spreadsheet error"),
    ],
)
def test_a_cell_iku_does_not_take_in_is_an_unreadable_cell_with_its_line(
    tmp_path: Path, madiun, reader: str, cell: str, reason: str
) -> None:
    path = write(tmp_path / "d.csv", f"kecamatan,psks,ipp\nKejuron,4,4\n{cell},5,{cell}\n")
    data = load_data(path, madiun)
    assert listed(data.columns["kecamatan"]) == ["Kejuron", None]
    assert listed(data.columns["psks"]) == [4, 5]
    assert listed(data.columns["ipp"]) == [4, None]
    assert codes(data) == ["unreadable_cell", "unreadable_cell"]
    assert all(reason in i.describe("en") for i in data.issues)
    assert all("d.csv:3" in (getattr(i, "place", None) or i.message) for i in data.issues)
    assert all("\x1b" not in i.describe(lang) for i in data.issues for lang in ("id", "en"))


def test_a_formula_in_a_csv_is_text_which_every_report_neutralises(
    tmp_path: Path, madiun, reader: str
) -> None:
    # a CSV holds no formulas; a workbook's text cell "=..." is refused (test_io_excel.py)
    path = write(tmp_path / "d.csv", 'kecamatan,psks\n"=HYPERLINK(""http://x"",""y"")",5\n')
    data = load_data(path, madiun)
    assert listed(data.columns["kecamatan"]) == ['=HYPERLINK("http://x","y")']
    assert data.issues == ()


def test_take_keeps_the_places_and_the_issues_of_the_rows_kept(tmp_path: Path, reader: str) -> None:
    path = write(
        tmp_path / "d.csv", 'period,realisasi,pagu\n2025,"1.500",9\n2026,5,9\n2026,6,"2.000"\n'
    )
    data = load_data(path, BUDGET)
    later = data.take(data.columns["period"] == 2026)
    assert later.rows == (3, 4)
    assert later.place(1) == "d.csv:4"
    assert [(i.code, i.row) for i in later.issues] == [("ambiguous_number", 1)]


@settings(max_examples=40)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Taman", "Kejuron", " Taman ", "NA", "0101", "é"]),
            st.sampled_from(["12", "1.500", "3,5", "", "x", "nan", "1e3", "-4", "1,234.5"]),
        ),
        min_size=1,
        max_size=10,
    ),
    st.sampled_from([",", ";"]),
)
def test_pyarrow_and_python_read_any_file_alike(
    rows: list[tuple[str, str]], separator: str
) -> None:
    s = get_set(MADIUN)
    text = f"kecamatan{separator}ipp\n" + "".join(f'"{k}"{separator}"{v}"\n' for k, v in rows)
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "d.csv", text)
        fast = load_data(path, s)
        saved = sys.modules.get("pyarrow")
        sys.modules["pyarrow"] = None  # type: ignore[assignment]
        try:
            slow = load_data(path, s)
        finally:
            sys.modules["pyarrow"] = saved  # type: ignore[assignment]
    assert {k: listed(v) for k, v in fast.columns.items()} == {
        k: listed(v) for k, v in slow.columns.items()
    }
    assert [i.describe("en") for i in fast.issues] == [i.describe("en") for i in slow.issues]
    assert fast.rows == slow.rows


@settings(max_examples=30)
@given(st.lists(st.integers(0, 10**6) | st.none(), min_size=1, max_size=20))
def test_csv_counts_read_back_exactly(values: list[int | None]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        lines = ["kode,psks"] + [f"u{n},{'' if v is None else v}" for n, v in enumerate(values)]
        path = write(Path(folder) / "d.csv", "\n".join(lines) + "\n")
        frame = read_data(path, get_set(MADIUN))
        assert listed(frame["psks"]) == values
