"""Numbers in files: one convention per column, and a number that could be read two ways is
never read as either (``ambiguous_number``), whatever the reader (pyarrow's or Python's)."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import cell_texts, written_numbers

from iku import get_set
from iku.io import load_data, parse_number
from iku.io.arrow import classify_arrow
from iku.io.numbers import (
    BOTH,
    COMMA,
    MISSING,
    NEUTRAL,
    POINT,
    TEXT,
    UNREADABLE,
    classify,
    classify_texts,
    decide,
    read_numbers,
)


def listed(column) -> list:  # type: ignore[no-untyped-def,type-arg]
    """A column's cells as Python values, None where a cell has no value (NaN in the array)."""
    return [None if isinstance(v, float) and v != v else v for v in column.tolist()]


MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.mark.parametrize(
    ("text", "kind", "with_point", "with_comma"),
    [
        ("12", NEUTRAL, 12, 12),
        ("-3", NEUTRAL, -3, -3),
        ("1e5", NEUTRAL, 1e5, 1e5),
        ("1.5", POINT, 1.5, None),
        ("0.250", POINT, 0.25, None),  # no thousands group starts with 0
        ("1,234.5", POINT, 1234.5, None),
        ("1234.567", POINT, 1234.567, None),
        ("3,85", COMMA, None, 3.85),
        ("1.234.567", COMMA, None, 1234567),
        ("1.234,5", COMMA, None, 1234.5),
        ("1.500", BOTH, 1.5, 1500),
        ("1,500", BOTH, 1500, 1.5),
        ("-12.345", BOTH, -12.345, -12345),
        ("1 234,5", COMMA, None, 1234.5),
        ("4_5", TEXT, None, None),  # Python's underscores are no digits of a file
        ("\u0664\u0665", TEXT, None, None),  # Arabic-Indic digits
        ("12 orang", TEXT, None, None),
        ("inf", TEXT, None, None),
        ("nan", MISSING, None, None),
        (" N/A ", MISSING, None, None),
        ("#DIV/0!", UNREADABLE, None, None),
        ("=1+2", TEXT, None, None),  # a formula is refused in a workbook only
    ],
)
def test_each_text_is_classified_by_the_conventions_it_fits(
    text: str, kind: int, with_point: float | None, with_comma: float | None
) -> None:
    found = classify(text)
    assert found[0] == kind
    assert (None if math.isnan(found[1]) else found[1]) == with_point
    assert (None if math.isnan(found[2]) else found[2]) == with_comma


def test_parse_number_refuses_underscores_and_non_ascii_digits() -> None:
    assert parse_number("4_5") is None
    assert parse_number("\u0664\u0665") is None
    assert parse_number("1.500") == 1.5
    assert parse_number("1.500", decimal_comma=True) == 1500


@pytest.mark.parametrize(
    ("asked", "stated", "point", "comma", "convention"),
    [
        (",", ".", True, False, ","),  # asked for: always
        (None, ",", False, False, ","),  # the file says so and the column does not object
        (None, ",", True, False, None),  # the column's texts say otherwise: doubt
        (None, None, True, False, "."),  # the column's own texts decide
        (None, None, False, True, ","),
        (None, None, True, True, None),  # the column points both ways
        (None, None, False, False, None),  # nothing decides
    ],
)
def test_one_convention_per_column(
    asked: str | None, stated: str | None, point: bool, comma: bool, convention: str | None
) -> None:
    assert decide(asked, stated, point=point, comma=comma) == convention  # type: ignore[arg-type]


def _read(texts: list[str | None], asked: str | None = None, stated: str | None = None):  # type: ignore[no-untyped-def]
    return read_numbers(
        [classify_texts(texts)],
        asked=asked,  # type: ignore[arg-type]
        stated=stated,  # type: ignore[arg-type]
        text=lambda i: texts[i] or "",
    )


def test_a_semicolon_file_column_mixing_conventions_reads_none_of_its_doubtful_cells() -> None:
    # the first version read 1.5 as 1.5, 1.500 as 1500 and 0.250 as 250 in the same column
    found = _read(["1.5", "1.500", "0.250", "12"], stated=",")
    assert listed(found.array) == [None, None, None, 12]
    assert [(d.row, d.text, d.reason) for d in found.doubts] == [
        (0, "1.5", "mixed"),
        (1, "1.500", "mixed"),
        (2, "0.250", "mixed"),
    ]


def test_a_column_that_says_nothing_reads_1500_as_neither_number() -> None:
    found = _read(["1.500", "12"])
    assert listed(found.array) == [None, 12]
    assert found.doubts[0].reason == "two_ways"
    assert (found.doubts[0].with_point, found.doubts[0].with_comma) == (1.5, 1500)


def test_a_column_that_uses_the_decimal_point_elsewhere_reads_1500_as_one_and_a_half() -> None:
    found = _read(["1.500", "2.25"])
    assert found.convention == "."
    assert listed(found.array) == [1.5, 2.25]
    assert found.doubts == ()


def test_the_convention_asked_for_refuses_the_texts_of_the_other() -> None:
    found = _read(["1.500", "1.5", "3,5"], asked=",")
    assert listed(found.array) == [1500, None, 3.5]
    assert [(d.text, d.reason) for d in found.doubts] == [("1.5", "point")]


def test_whole_numbers_with_blanks_stay_float64_with_nan_where_missing() -> None:
    found = _read(["1", None, "3"])
    assert found.array.dtype == np.float64
    assert listed(found.array) == [1, None, 3]


@settings(max_examples=300)
@given(st.lists(cell_texts() | st.none(), min_size=1, max_size=30))
def test_pyarrow_and_python_classify_every_text_alike(texts: list[str | None]) -> None:
    python = classify_texts(texts)
    arrow = classify_arrow(pa.array(texts, type=pa.string()))
    assert arrow.kinds().tolist() == python.kinds().tolist()
    np.testing.assert_array_equal(arrow.values, python.values)
    assert arrow.both == python.both
    assert arrow.special == python.special
    assert (arrow.point, arrow.comma) == (python.point, python.comma)


@st.composite
def _columns(draw: st.DrawFn) -> tuple[list[tuple[float, str, str]], str, str | None]:
    """A column of numbers written by one person (one decimal mark), the file's separator (a
    ``;`` file is written with the decimal comma, as Excel writes it) and the decimal mark
    asked for (none, or the right one)."""
    mark = draw(st.sampled_from([".", ","]))
    written = draw(st.lists(written_numbers(mark=mark), min_size=1, max_size=12))
    separator = draw(st.sampled_from([",", ";"] if mark == "," else [","]))
    return written, separator, draw(st.sampled_from([None, mark]))


@settings(max_examples=80)
@given(_columns())
def test_numbers_written_either_way_read_back_or_are_in_doubt_never_wrong(
    column: tuple[list[tuple[float, str, str]], str, str | None],
) -> None:
    """Random numbers written in either convention (grouped or not, with decimals or not) read
    back as themselves, or give ``ambiguous_number`` and no value: never another number."""
    written, separator, decimal = column
    s = get_set(MADIUN)
    lines = ["kode" + separator + "ipp"]
    for n, (_, text, _) in enumerate(written):
        lines.append(f'u{n}{separator}"{text}"')
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "d.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        data = load_data(path, s, decimal=decimal)  # type: ignore[arg-type]
    read = listed(data.columns["ipp"])
    doubtful = {i.row for i in data.issues if i.code == "ambiguous_number"}
    for n, ((value, text, _), got) in enumerate(zip(written, read, strict=True)):
        if n in doubtful:
            assert got is None, text
        elif got is None:
            pytest.fail(f"{text!r} has no value and no issue")
        else:
            assert got == pytest.approx(value, rel=1e-12), (text, got)
