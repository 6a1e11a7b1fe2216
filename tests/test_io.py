"""What every reader shares: a file that cannot be read is one InputError naming it, in both
languages; the number conventions are an argument; a DataFile names each row's place."""

from __future__ import annotations

from pathlib import Path

import pytest

from iku import IkuError, get_set
from iku.errors import ArgumentError
from iku.io import DataFile, InputError, load_data, read_data

MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.fixture(scope="module")
def madiun():  # type: ignore[no-untyped-def]
    return get_set(MADIUN)


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


def test_input_errors_speak_indonesian_and_english(tmp_path: Path, madiun) -> None:
    with pytest.raises(InputError, match="no such file") as caught:
        read_data(tmp_path / "tidak-ada.csv", madiun)
    assert caught.value.describe("id").endswith("tidak-ada.csv: berkas tidak ada")
    assert caught.value.describe("en") == str(caught.value)


def test_a_decimal_mark_is_a_point_or_a_comma(tmp_path: Path, madiun) -> None:
    path = tmp_path / "d.csv"
    path.write_text("psks\n1\n", encoding="utf-8")
    with pytest.raises(ArgumentError, match="decimal must be"):
        load_data(path, madiun, decimal=";")  # type: ignore[arg-type]


def test_an_unknown_encoding_is_named(tmp_path: Path, madiun) -> None:
    path = tmp_path / "d.csv"
    path.write_text("psks\n1\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        load_data(path, madiun, encoding="klingon")


def test_a_data_file_names_the_place_of_each_row(tmp_path: Path, madiun) -> None:
    path = tmp_path / "data.csv"
    path.write_text("period,psks\n2025,1\n2026,2\n", encoding="utf-8")
    data = load_data(path, madiun)
    assert isinstance(data, DataFile)
    assert len(data) == 2
    assert [data.place(0, "psks"), data.place(1), data.place(2)] == [
        "data.csv:2",
        "data.csv:3",
        None,
    ]
