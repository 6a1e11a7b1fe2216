"""iku.evaluate_sql on a local Spark session: the same frame as DuckDB gives.

One small session (``local[1]``, one shuffle partition, no UI) serves the whole module. Without
Java these tests skip, unless ``IKU_REQUIRE_SERVICES=1`` makes that a failure.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import duckdb
import pandas as pd
import pytest
from frames import assert_same_frames
from services import spark_session

import iku
from iku import IPP_GRADES, Index, IndicatorSet, Ratio, Sasaran, Variable

pytestmark = [pytest.mark.spark, pytest.mark.slow]

SCHEMA = "unit STRING, period INT, kecamatan STRING, selesai DOUBLE, kasus INT, skor DOUBLE"
ROWS: Sequence[tuple[Any, ...]] = (
    ("a", 2025, "x", 45.0, 50, 4.6),
    ("b", 2025, "x", 60.0, 50, 3.2),
    ("c", 2025, "x", None, 0, None),
    ("d", 2026, "y", float("nan"), 10, float("inf")),
    ("e", 2026, "y", -1.0, 10, 5.5),
    ("f", 2026, "y", 1.5, 4, 2.0),
    ("g", 2026, "z", 0.0, 0, 0.0),
    ("h", 2026, "z", 3.0, 4, 1.0),
)
TARGETS = {"IKU-1": {2025: 80, 2026: (85, 95)}, "IKU-2": 4}


def indicator_set() -> IndicatorSet:
    done, cases = Variable("selesai", "Selesai"), Variable("kasus", "Kasus")
    score = Variable("skor", "Skor", kind="score", range=(0, 5))
    return IndicatorSet(
        "kota-x.dinas.2025",
        "Set uji",
        "Dinas X",
        (2025, 2026),
        [
            Sasaran("S-1", "Pengaduan", [Ratio("IKU-1", "Pengaduan selesai", done, cases)]),
            Sasaran("S-2", "Pelayanan", [Index("IKU-2", "Indeks", score, grades=IPP_GRADES)]),
        ],
        [done, cases, score],
    )


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = spark_session()
    session.createDataFrame(list(ROWS), SCHEMA).createOrReplaceTempView("iku_cases")
    yield session
    session.stop()


def duckdb_frame(**options: Any) -> pd.DataFrame:
    con = duckdb.connect()
    types = SCHEMA.replace("STRING", "TEXT")
    con.execute(f"CREATE TABLE iku_cases ({types})")
    con.executemany("INSERT INTO iku_cases VALUES (?, ?, ?, ?, ?, ?)", ROWS)
    frame = iku.evaluate_sql(indicator_set(), con, "iku_cases", **options)
    con.close()
    assert isinstance(frame, pd.DataFrame)
    return frame


def test_spark_gives_the_duckdb_frame_row_by_row(spark: Any) -> None:
    frame = iku.evaluate_sql(indicator_set(), spark, "iku_cases", targets=TARGETS)
    assert_same_frames(frame, duckdb_frame(targets=TARGETS))
    issues = {(u, i): codes for u, i, codes in frame[["unit", "indicator", "issues"]].values}
    assert issues["d", "IKU-1"] == ["missing_value"]  # NaN is an empty cell, as in evaluate()
    assert issues["d", "IKU-2"] == ["not_finite"]
    assert issues["g", "IKU-1"] == ["denominator_zero"]
    assert issues["b", "IKU-1"] == ["numerator_exceeds_denominator"]
    assert issues["f", "IKU-1"] == ["not_integer"]


def test_spark_grouped_by_kecamatan_matches_duckdb(spark: Any) -> None:
    options: dict[str, Any] = {"targets": TARGETS, "by": "kecamatan"}
    frame = iku.evaluate_sql(indicator_set(), spark, "iku_cases", **options)
    assert_same_frames(frame, duckdb_frame(**options))
    x = frame[(frame["kecamatan"] == "x") & (frame["indicator"] == "IKU-1")].iloc[0]
    # row c is missing; row b (60 of 50) is checked before it is summed, as evaluate() does
    assert x["issues"] == ["missing_value", "numerator_exceeds_denominator"]
    assert x["denominator"] == 100.0  # the sum of the group, reported though no value


def test_spark_can_keep_the_result_in_spark(spark: Any) -> None:
    result = iku.evaluate_sql(
        indicator_set(), spark, "iku_cases", targets=TARGETS, by="kecamatan", as_spark=True
    )
    assert type(result).__name__ == "DataFrame"
    assert result.columns[:2] == ["kecamatan", "indicator"]
    values = {(r["kecamatan"], r["indicator"]): r["value"] for r in result.collect()}
    assert values["z", "IKU-1"] == 75.0
