"""Parquet files keep their types; a date period becomes its year; NaN is a missing value; a
column of text is read as a CSV's is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from iku import evaluate, get_set
from iku.io import load_data, read_data


def listed(column) -> list:  # type: ignore[no-untyped-def,type-arg]
    """A column's cells as Python values, None where a cell has no value (NaN in the array)."""
    return [None if isinstance(v, float) and v != v else v for v in column.tolist()]


MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.fixture(scope="module")
def madiun():  # type: ignore[no-untyped-def]
    return get_set(MADIUN)


def test_parquet_keeps_its_types_and_renames_headers(tmp_path: Path, madiun) -> None:
    path = tmp_path / "d.parquet"
    pd.DataFrame({"Tahun": [2025], "PSKS": [50], "psks_diberdayakan": [45.0]}).to_parquet(path)
    frame = read_data(path, madiun)
    assert list(frame) == ["period", "psks", "psks_diberdayakan"]
    assert frame["psks"].dtype == "int64"
    assert listed(frame["psks"]) == [50]
    keys = tmp_path / "k.parquet"
    pd.DataFrame({"Tahun": [2025, 2026], "x": ["a", None], "psks": [1, 2]}).to_parquet(keys)
    assert listed(read_data(keys, madiun)["x"]) == ["a", None]


@pytest.mark.parametrize(
    "periods",
    [
        pa.array([dt.date(2025, 1, 1), dt.date(2026, 1, 1)], pa.date32()),
        pa.array([dt.datetime(2025, 1, 1), dt.datetime(2026, 1, 1)], pa.timestamp("us")),
    ],
)
def test_a_column_of_years_stored_as_dates_is_a_column_of_years_so_per_year_targets_find_it(
    tmp_path: Path, madiun, periods: pa.Array
) -> None:
    # the first version kept the dates, so {2025: 80} found no target
    path = tmp_path / "d.parquet"
    table = pa.table({"period": periods, "psks_diberdayakan": [40, 45], "psks": [50, 50]})
    pq.write_table(table, path)
    data = load_data(path, madiun)
    assert listed(data.columns["period"]) == [2025, 2026]
    ev = evaluate(madiun["IKU-2"], data.columns, targets={"IKU-2": {2025: 80, 2026: 90}})
    assert [r.target for r in ev.results] == [80, 90]


def test_other_dates_are_the_months_they_fall_in_as_iku_periods_reads_them(
    tmp_path: Path, madiun
) -> None:
    path = tmp_path / "d.parquet"
    periods = pa.array([dt.datetime(2025, 3, 31, 12), dt.datetime(2025, 6, 30)], pa.timestamp("us"))
    pq.write_table(pa.table({"period": periods, "psks": [50, 50]}), path)
    assert listed(load_data(path, madiun).columns["period"]) == ["2025-03", "2025-06"]


def test_nan_in_a_parquet_file_is_a_missing_value_as_the_text_nan_is(
    tmp_path: Path, madiun
) -> None:
    # the first version made it not_finite here and missing_value in a CSV
    path = tmp_path / "d.parquet"
    pq.write_table(
        pa.table(
            {"psks_diberdayakan": pa.array([np.nan, 45.0], from_pandas=False), "psks": [50, 50]}
        ),
        path,
    )
    data = load_data(path, madiun)
    assert listed(data.columns["psks_diberdayakan"]) == [None, 45]
    ev = evaluate(madiun["IKU-2"], data.columns, targets={"IKU-2": 80})
    assert [str(i.code) for i in ev.issues] == ["missing_value"]


def test_text_numbers_in_a_parquet_file_follow_the_same_rule_as_a_csv(
    tmp_path: Path, madiun
) -> None:
    path = tmp_path / "d.parquet"
    pq.write_table(pa.table({"kode": ["a", "b"], "ipp": ["1.500", "4"]}), path)
    data = load_data(path, madiun)
    assert listed(data.columns["ipp"]) == [None, 4]
    assert [str(i.code) for i in data.issues] == ["ambiguous_number"]
    assert data.place(0) == "d.parquet:row 1"


def test_a_column_twice_in_a_parquet_file_is_not_read(tmp_path: Path, madiun) -> None:
    path = tmp_path / "d.parquet"
    table = pa.Table.from_arrays(
        [pa.array([1, 2]), pa.array([3, 4]), pa.array([5, 6])], names=["psks", "kode", "PSKS"]
    )
    pq.write_table(table, path)
    data = load_data(path, madiun)
    assert "psks" not in data.columns
    assert [str(i.code) for i in data.issues] == ["duplicate_column"]
