"""Results out of an evaluation: to_frame (pandas, polars), to_records, to_arrow, to_parquet and
to_csv all read one columnar form, so they hold the same rows; files read back equal; a missing
number is null, never 0; CSV text never runs as a spreadsheet formula."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import indicator_sets, tables_for

import iku
from iku import IndicatorSet, evaluate
from iku.backends.columnar import (
    CODES,
    RESULT_COLUMNS,
    batches,
    code_number,
    columnar,
    result_columns,
)
from iku.errors import ArgumentError
from iku.report import records, result_records
from iku.report.safety import CSV_PREFIX, FORMULA_START

MADIUN = iku.get_set("kota-madiun.dinsosppa.2025-2026")
CLEAN = {
    "pmks_dilindungi": 40,
    "pmks_perlu_perlindungan": 50,
    "psks_diberdayakan": 45,
    "psks": 50,
    "pmks_direhabilitasi": 30,
    "pmks_perlu_rehabilitasi": 40,
    "perempuan_pengambil_keputusan": 12,
    "perempuan_usia_produktif": 100,
    "keluarga_berkualitas": 70,
    "keluarga_disurvei": 100,
    "pengaduan_diselesaikan": 47,
    "pengaduan": 52,
    "ipp": 4.12,
}
TARGETS = {"IKU-1": {2025: 80, 2026: (70, 90)}, "IKU-2": 80, "IKU-7": 4}


def messy_rows() -> list[dict[str, Any]]:
    """Four rows of two kecamatan and two years, with a zero denominator, a missing value,
    text where a number should be and a numerator above its denominator."""
    return [
        {"kecamatan": "Taman", "period": 2025, **CLEAN, "psks": 0},
        {"kecamatan": "Oro-oro Ombo", "period": 2025, **CLEAN, "ipp": None},
        {"kecamatan": "Taman", "period": 2026, **CLEAN, "pengaduan": "dua puluh"},
        {"kecamatan": "Oro-oro Ombo", "period": 2026, **CLEAN, "psks_diberdayakan": 60},
    ]


def as_input(rows: list[dict[str, Any]], kind: str) -> Any:
    columns = {name: [row[name] for row in rows] for name in rows[0]}
    if kind == "pandas":
        return pd.DataFrame(columns)
    if kind == "polars":
        return pl.DataFrame(columns, strict=False)
    return columns


def frame_rows(frame: Any) -> list[dict[str, Any]]:
    """A frame's rows as plain dicts (issue lists as lists of text)."""
    return records(frame)


def plain_records(ev: iku.Evaluation) -> list[dict[str, Any]]:
    """``to_records()`` shaped as a frame's rows: issues as their codes, no name or unit."""
    out = []
    for record in ev.to_records():
        del record["name"], record["unit"]
        record["issues"] = [issue["code"] for issue in record["issues"]]
        out.append(record)
    return out


# --- one form, every output ------------------------------------------------------------------


def test_the_result_columns_are_listed_once() -> None:
    from iku.backends import frames, sql

    assert frames.RESULT_COLUMNS is RESULT_COLUMNS
    assert tuple(sql.OUTPUT_COLUMNS) == RESULT_COLUMNS
    assert result_columns(True) == (*RESULT_COLUMNS[:4], "target_hi", *RESULT_COLUMNS[4:])
    assert [CODES[code_number(code)] for code in iku.IssueCode] == list(iku.IssueCode)


@pytest.mark.parametrize("kind", ["pandas", "polars", "mapping"])
@pytest.mark.parametrize("by", [None, "kecamatan"])
def test_to_frame_to_records_and_to_arrow_hold_the_same_rows(kind: str, by: str | None) -> None:
    ev = evaluate(MADIUN, as_input(messy_rows(), kind), targets=TARGETS, by=by)
    frame = ev.to_frame()
    assert isinstance(frame, pl.DataFrame if kind == "polars" else pd.DataFrame)
    rows = frame_rows(frame)
    assert list(rows[0]) == ["kecamatan", *result_columns(True)]
    assert rows == plain_records(ev)
    assert rows == result_records(ev)
    assert records(pl.from_arrow(ev.to_arrow())) == rows
    if by is None:
        assert rows[1]["issues"] == ["denominator_zero"]
        assert rows[1]["value"] is None  # never 0
        assert rows[14]["target"] == 70.0  # IKU-1 in 2026: a range (70, 90), on the third row
        assert rows[14]["target_hi"] == 90.0
        assert rows[7]["target_hi"] is None  # 2025: a plain target
    else:
        taman = [row for row in rows if row["kecamatan"] == "Taman"]
        assert taman[1]["issues"] == ["denominator_zero"]  # 2025: the only psks is 0
        assert taman[12]["issues"] == ["not_a_number"]  # 2026: the row's text, in the sum


def test_the_issue_codes_of_every_entry_are_those_of_the_results() -> None:
    ev = evaluate(MADIUN, pd.DataFrame(messy_rows()), targets=TARGETS, by="kecamatan")
    results = columnar(ev._plan, table=ev._table, rows=())
    assert results.code_lists() == [[str(i.code) for i in r.issues] for r in ev.results]


def test_a_pandas_frame_holds_the_issues_as_an_arrow_list_column() -> None:
    frame = evaluate(MADIUN, pd.DataFrame(messy_rows()), targets=TARGETS).to_frame()
    assert isinstance(frame["issues"].dtype, pd.ArrowDtype)
    assert frame["issues"].iloc[1] == ["denominator_zero"]
    assert frame["issues"].iloc[0] == []
    assert frame["issues"].explode().dropna().tolist().count("denominator_zero") == 1
    assert frame["category"].dtype == "category"
    assert frame["value"].dtype == np.float64


def test_a_polars_frame_holds_enums_and_a_list_of_text() -> None:
    ev = evaluate(MADIUN, pl.DataFrame(messy_rows(), strict=False), targets=TARGETS)
    frame = ev.to_frame()
    assert frame.schema["issues"] == pl.List(pl.String)
    assert frame.schema["indicator"] == pl.String
    assert frame.schema["category"] == pl.Enum(
        ["Sangat Rendah", "Rendah", "Sedang", "Tinggi", "Sangat Tinggi"]
    )
    assert frame["value"][1] is None
    assert not frame["value"].is_nan().any()  # missing is null, never NaN nor 0
    assert frame["value"].null_count() == sum(r.value is None for r in ev.results)


def test_writing_in_slices_gives_the_rows_of_the_whole() -> None:
    ev = evaluate(MADIUN, pd.DataFrame(messy_rows() * 3), targets=TARGETS)
    whole = columnar(ev._plan, table=ev._table, rows=()).records(details=True)
    parts = list(batches(ev._plan, table=ev._table, rows=(), size=10))
    assert len(parts) == 12  # 10 entries a slice: one row (7 entries) at a time, whole rows
    assert [r for part in parts for r in part.records(details=True)] == whole


def test_a_polars_frame_built_in_slices_holds_the_rows_of_the_whole() -> None:
    """A polars ``to_frame()`` is built slice by slice (so that one slice's columns are alive
    at a time) and its chunks are the slices: it holds exactly the rows of the whole, the rows
    on either side of a slice's edge included."""
    rows = messy_rows() * 40_000  # 160,000 rows of 7 indicators: two slices of about 2**20
    ev = evaluate(MADIUN, pl.DataFrame(rows, strict=False), targets=TARGETS)
    frame = ev.to_frame()
    assert frame.n_chunks() > 1
    assert frame.height == len(rows) * 7
    whole = pl.from_arrow(ev.to_arrow())
    assert isinstance(whole, pl.DataFrame)
    text = ["kecamatan", "indicator", "category", "grade"]
    assert frame.with_columns(pl.col(text).cast(pl.String)).equals(
        whole.with_columns(pl.col(text).cast(pl.String))
    )
    edge = 2**20 // 7  # the first input row of the second slice
    first = frame.slice(edge * 7, 7)
    assert first["indicator"].to_list() == list(MADIUN.codes)
    assert first["kecamatan"].to_list() == [rows[edge]["kecamatan"]] * 7


# --- to_records ------------------------------------------------------------------------------


def test_to_records_is_plain_json_with_names_units_and_both_messages() -> None:
    ev = evaluate(MADIUN, pd.DataFrame(messy_rows()), targets=TARGETS)
    found = ev.to_records()
    assert json.loads(json.dumps(found)) == found
    first = found[0]
    assert list(first)[:4] == ["kecamatan", "indicator", "name", "unit"]
    assert first["name"] == MADIUN["IKU-1"].name
    assert first["unit"] == MADIUN["IKU-1"].unit
    (issue,) = found[1]["issues"]
    assert issue == {
        "code": "denominator_zero",
        "severity": "error",
        "message": issue["message"],
        "message_en": "the denominator psks is zero, so no value can be computed",
        "indicator": "IKU-2",
        "variable": "psks",
        "row": {"kecamatan": "Taman", "period": 2025},
        "place": None,  # the data came from no file
    }
    assert "psks" in issue["message"]
    for record in found:  # Python numbers only: no numpy scalar, no NaN
        for name in ("value", "target", "achievement", "numerator", "denominator"):
            assert record[name] is None or type(record[name]) is float
        assert type(record["period"]) is int


def test_to_records_of_one_unit() -> None:
    (first, *rest) = evaluate(MADIUN, CLEAN, targets={"IKU-1": 80}, period=2025).to_records()
    assert len(rest) == 6
    assert first["value"] == 80.0
    assert first["period"] == 2025
    assert first["issues"] == []
    assert rest[0]["issues"][0]["code"] == "missing_target"
    assert json.dumps([first, *rest])


def test_a_key_column_named_like_a_result_column_is_refused() -> None:
    ev = evaluate(MADIUN, {"unit": ["a", "b"], **{k: [v, v] for k, v in CLEAN.items()}})
    assert len(ev.to_frame()) == 14  # to_frame has no "unit" column
    with pytest.raises(ArgumentError, match="key column 'unit' has the name of a column"):
        ev.to_records()
    ev = evaluate(MADIUN, {"value": ["a"], **{k: [v] for k, v in CLEAN.items()}})
    with pytest.raises(ArgumentError, match="key column 'value'"):
        ev.to_frame()


# --- files -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["pandas", "polars", "mapping"])
def test_parquet_reads_back_as_the_frame(tmp_path: Path, kind: str) -> None:
    ev = evaluate(MADIUN, as_input(messy_rows(), kind), targets=TARGETS)
    path = tmp_path / "hasil.parquet"
    ev.to_parquet(path)
    expected = frame_rows(ev.to_frame())
    assert records(pd.read_parquet(path)) == expected
    assert records(pl.read_parquet(path)) == expected
    back = pl.read_parquet(path)
    assert back["value"][1] is None
    assert back["value"].fill_nan(None).null_count() == back["value"].null_count()


@pytest.mark.parametrize("writer", ["polars", "pyarrow", "polars refusing"])
def test_parquet_is_the_same_from_either_writer(
    tmp_path: Path, writer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With polars, ``to_parquet`` streams its slices into polars' writer; without it, or when
    polars' (unstable) IO source refuses, pyarrow writes a row group per slice: the file reads
    back as the same rows either way, across several slices."""
    import polars.io.plugins

    import iku.backends.arrow as arrow

    if writer == "pyarrow":
        monkeypatch.setattr(arrow, "_polars", lambda: None)
    if writer == "polars refusing":

        def refuse(*args: Any, **kwargs: Any) -> Any:
            raise TypeError("io_source() takes 3 positional arguments but 4 were given")

        monkeypatch.setattr(polars.io.plugins, "register_io_source", refuse)
    rows = messy_rows() * 3
    ev = evaluate(MADIUN, pl.DataFrame(rows, strict=False), targets=TARGETS)
    path = tmp_path / "hasil.parquet"
    arrow.write_parquet(lambda: batches(ev._plan, table=ev._table, rows=(), size=10), path)
    assert records(pl.read_parquet(path)) == frame_rows(ev.to_frame())


@pytest.mark.parametrize("kind", ["pandas", "polars"])
def test_csv_reads_back_as_the_frame(tmp_path: Path, kind: str) -> None:
    ev = evaluate(MADIUN, as_input(messy_rows(), kind), targets=TARGETS)
    path = tmp_path / "hasil.csv"
    ev.to_csv(path)
    expected = frame_rows(ev.to_frame())
    for row in expected:
        row["issues"] = ";".join(row["issues"])
    back = pl.read_csv(path)
    assert back.columns == list(expected[0])
    read = records(back.with_columns(pl.col("issues").fill_null("")))
    assert read == expected
    with_pandas = records(pd.read_csv(path, keep_default_na=False, na_values=[""]))
    assert [row["value"] for row in with_pandas] == [row["value"] for row in expected]
    assert with_pandas[1]["value"] is None  # an empty cell, not 0


def test_csv_joins_several_issue_codes_with_semicolons(tmp_path: Path) -> None:
    rows = [{**CLEAN, "psks": -1, "psks_diberdayakan": None}]
    ev = evaluate(MADIUN, as_input(rows, "pandas"), targets=TARGETS)
    ev.to_csv(tmp_path / "hasil.csv")
    back = pl.read_csv(tmp_path / "hasil.csv")
    assert back["issues"][1] == "missing_value;negative_value"


HOSTILE = ['=HYPERLINK("http://x","klik")', "+1", "-2+3", "@SUM(A1)", "\tx", "\ry", "Taman"]


def test_csv_text_never_runs_as_a_spreadsheet_formula(tmp_path: Path) -> None:
    rows = [{"kecamatan": text, **CLEAN} for text in HOSTILE]
    ev = evaluate(MADIUN, pd.DataFrame(rows), by="kecamatan")
    path = tmp_path / "hasil.csv"
    ev.to_csv(path)
    back = pl.read_csv(path)
    keys = set(back["kecamatan"].to_list())
    # a data export keeps the text as it was (control characters too), a formula made text
    assert keys == {CSV_PREFIX + t if t.startswith(FORMULA_START) else t for t in HOSTILE}
    assert "Taman" in keys
    assert '\'=HYPERLINK("http://x","klik")' in keys
    for cell in keys:
        assert not cell.startswith(FORMULA_START)


def test_csv_keeps_negative_numbers_as_numbers(tmp_path: Path) -> None:
    a = iku.Variable("a", "a")
    lone = iku.Indicator("X-1", "selisih", a - 10)
    ev = evaluate(lone, {"a": [4.5, 12.0]}, targets={"X-1": -2})
    ev.to_csv(tmp_path / "hasil.csv")
    back = pl.read_csv(tmp_path / "hasil.csv")
    assert back["value"].to_list() == [-5.5, 2.0]
    assert back["target"].to_list() == [-2.0, -2.0]


def test_a_key_arrow_cannot_hold_is_refused_by_name(tmp_path: Path) -> None:
    ev = evaluate(
        MADIUN["IKU-2"], {"kunci": [[1], "b"], "psks_diberdayakan": [1, 2], "psks": [3, 4]}
    )
    with pytest.raises(ArgumentError, match="key column 'kunci' holds values that Arrow"):
        ev.to_parquet(tmp_path / "hasil.parquet")
    assert not (tmp_path / "hasil.parquet").exists()


@pytest.mark.parametrize("data", [CLEAN, {k: [] for k in CLEAN}], ids=["one unit", "no rows"])
def test_every_output_works_for_one_unit_and_for_no_rows(tmp_path: Path, data: Any) -> None:
    ev = evaluate(MADIUN, data, targets=TARGETS, period=2025)
    size = 7 * len(ev)
    assert len(ev.to_frame()) == size
    assert len(ev.to_records()) == size
    assert ev.to_arrow().num_rows == size
    ev.to_parquet(tmp_path / "hasil.parquet")
    ev.to_csv(tmp_path / "hasil.csv")
    assert pl.read_parquet(tmp_path / "hasil.parquet").height == size
    columns = list(ev.to_frame().columns)
    assert columns == list(result_columns())
    assert pd.read_parquet(tmp_path / "hasil.parquet").columns.tolist() == columns
    if size:
        assert pl.read_csv(tmp_path / "hasil.csv").height == size


def test_without_pyarrow_frames_still_work_and_files_name_the_extra(tmp_path: Path) -> None:
    code = f"""
import sys
sys.modules["pyarrow"] = None  # as if it were not installed
import iku
s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
ev = iku.evaluate(s["IKU-2"], {{"psks_diberdayakan": [1, 2], "psks": [0, 4]}})
frame = ev.to_frame()
print(type(frame["issues"].iloc[0]).__name__, frame["issues"].iloc[0])
for write in (ev.to_parquet, ev.to_csv):
    try:
        write({str(tmp_path / "x")!r})
    except iku.errors.MissingDependencyError as error:
        print(error)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = out.stdout.splitlines()
    assert lines[0] == "list ['denominator_zero']"
    assert lines[1] == "to_parquet needs pyarrow: pip install 'iku[parquet]'"
    assert lines[2] == "to_csv needs pyarrow: pip install 'iku[parquet]'"


# --- properties ------------------------------------------------------------------------------


@st.composite
def evaluations(draw: st.DrawFn) -> iku.Evaluation:
    s: IndicatorSet = draw(indicator_sets())
    columns = draw(tables_for([v.code for v in s.variables]))
    if not columns:
        columns = {"kecamatan": ["Taman"]}
    by = draw(st.sampled_from([None, "kecamatan", []])) if "kecamatan" in columns else None
    kind = draw(st.sampled_from(["mapping", "pandas"]))
    data: Any = pd.DataFrame(columns, dtype=object) if kind == "pandas" else columns
    # plain targets: the engine's handling of hostile ones is tested in test_evaluation*
    number = st.floats(0, 200, allow_nan=False) | st.integers(0, 200)
    target = st.one_of(
        number,
        st.tuples(number, number).map(lambda pair: (min(pair), max(pair))),
        st.dictionaries(st.sampled_from([2025, 2026]), number),
    )
    targets = draw(st.dictionaries(st.sampled_from(list(s.codes)), target))
    return evaluate(s, data, targets=targets, period=2025, by=by)


@pytest.mark.slow
@settings(max_examples=50)
@given(evaluations())
def test_to_records_are_the_rows_of_to_frame(ev: iku.Evaluation) -> None:
    assert plain_records(ev) == frame_rows(ev.to_frame())
    found = ev.to_records()
    assert json.loads(json.dumps(found)) == found
    for record in found:
        for name in ("value", "target", "achievement", "numerator", "denominator"):
            assert record[name] is None or (
                type(record[name]) is float and math.isfinite(record[name])
            )
    results = columnar(ev._plan, table=ev._table, rows=ev._rows)
    assert results.code_lists() == [[str(i.code) for i in r.issues] for r in ev.results]
