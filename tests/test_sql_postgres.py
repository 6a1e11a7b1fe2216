"""iku.evaluate_sql on a real PostgreSQL server (psycopg 3): the same frame as DuckDB gives.

The server comes from ``IKU_TEST_POSTGRES_DSN`` (``.ci/services/postgres.sh`` starts one);
without it these tests skip, unless ``IKU_REQUIRE_SERVICES=1`` makes that a failure.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import duckdb
import pandas as pd
import pytest
from frames import assert_same_frames
from services import require_postgres

import iku
from iku import IPP_GRADES, Index, Indicator, IndicatorSet, Ratio, Sasaran, Variable

pytestmark = pytest.mark.postgres

COLUMNS = (
    ("unit", "TEXT"),
    ("period", "INTEGER"),
    ("kecamatan", "TEXT"),
    ("selesai", "DOUBLE PRECISION"),
    ("kasus", "INTEGER"),
    ("skor", "DOUBLE PRECISION"),
    ("catatan", "TEXT"),
)
ROWS: Sequence[tuple[Any, ...]] = (
    ("a", 2025, "x", 45.0, 50, 4.6, None),
    ("b", 2025, "x", 60.0, 50, 3.2, None),
    ("c", 2025, "x", None, 0, None, None),
    ("d", 2026, "y", float("nan"), 10, float("inf"), None),
    ("e", 2026, "y", -1.0, 10, 5.5, None),
    ("f", 2026, "y", 1.5, 4, 2.0, None),
    ("g", 2026, "z", 0.0, 0, 0.0, None),
    ("h", 2026, "z", 3.0, 4, 1.0, "12"),
)
TARGETS = {"IKU-1": {2025: 80, 2026: (85, 95)}, "IKU-2": 4, "IKU-3": 0}


def indicator_set() -> IndicatorSet:
    done, cases = Variable("selesai", "Selesai"), Variable("kasus", "Kasus")
    score = Variable("skor", "Skor", kind="score", range=(0, 5))
    note = Variable("catatan", "Catatan", kind="real")
    return IndicatorSet(
        "kota-x.dinas.2025",
        "Set uji",
        "Dinas X",
        (2025, 2026),
        [
            Sasaran("S-1", "Pengaduan", [Ratio("IKU-1", "Pengaduan selesai", done, cases)]),
            Sasaran(
                "S-2",
                "Pelayanan",
                [
                    Index("IKU-2", "Indeks", score, bounds=(0, 5), grades=IPP_GRADES),
                    Indicator("IKU-3", "Catatan", "catatan + skor"),
                ],
            ),
        ],
        [done, cases, score, note],
    )


@pytest.fixture(scope="module")
def postgres() -> Iterator[Any]:
    import psycopg

    dsn = require_postgres()
    with psycopg.connect(dsn, autocommit=True) as connection:
        yield connection


@pytest.fixture
def table(postgres: Any) -> str:
    types = ", ".join(f"{name} {kind}" for name, kind in COLUMNS)
    postgres.execute("DROP TABLE IF EXISTS pg_temp.iku_cases")
    postgres.execute(f"CREATE TEMP TABLE iku_cases ({types})")
    marks = ", ".join(["%s"] * len(COLUMNS))
    with postgres.cursor() as cursor:
        cursor.executemany(f"INSERT INTO iku_cases VALUES ({marks})", ROWS)
    return "iku_cases"


def duckdb_frame(**options: Any) -> pd.DataFrame:
    con = duckdb.connect()
    types = ", ".join(
        f"{name} {kind.replace('DOUBLE PRECISION', 'DOUBLE')}" for name, kind in COLUMNS
    )
    con.execute(f"CREATE TABLE iku_cases ({types})")
    con.executemany(f"INSERT INTO iku_cases VALUES ({', '.join(['?'] * len(COLUMNS))})", ROWS)
    frame = iku.evaluate_sql(indicator_set(), con, "iku_cases", **options)
    con.close()
    assert isinstance(frame, pd.DataFrame)
    return frame


def test_postgres_gives_the_duckdb_frame_row_by_row(postgres: Any, table: str) -> None:
    frame = iku.evaluate_sql(indicator_set(), postgres, table, targets=TARGETS)
    assert_same_frames(frame, duckdb_frame(targets=TARGETS))
    by_unit = {(u, i): issues for u, i, issues in frame[["unit", "indicator", "issues"]].values}
    assert by_unit["a", "IKU-1"] == []
    assert by_unit["c", "IKU-1"] == ["missing_value"]  # no zero check without every value
    assert by_unit["d", "IKU-1"] == ["missing_value"]  # NaN is an empty cell, as in evaluate()
    assert by_unit["d", "IKU-2"] == ["not_finite"]
    assert by_unit["e", "IKU-2"] == ["out_of_scale"]
    assert by_unit["f", "IKU-1"] == ["not_integer"]
    assert by_unit["g", "IKU-1"] == ["denominator_zero"]
    assert by_unit["b", "IKU-1"] == ["numerator_exceeds_denominator"]
    assert by_unit["h", "IKU-3"] == ["not_a_number"]
    assert by_unit["a", "IKU-3"] == ["missing_value"]


def test_postgres_grouped_by_kecamatan_matches_duckdb(postgres: Any, table: str) -> None:
    options: dict[str, Any] = {"targets": TARGETS, "by": "kecamatan"}
    frame = iku.evaluate_sql(indicator_set(), postgres, table, **options)
    assert_same_frames(frame, duckdb_frame(**options))
    z = frame[(frame["kecamatan"] == "z") & (frame["indicator"] == "IKU-1")].iloc[0]
    assert z["value"] == 75.0  # (0 + 3) / (0 + 4): a ratio of sums
    assert z["target"] == 85.0
    assert z["target_hi"] == 95.0


def test_postgres_values_targets_and_predikat(postgres: Any, table: str) -> None:
    frame = iku.evaluate_sql(indicator_set(), postgres, table, targets=TARGETS)
    a = frame[frame["unit"] == "a"].set_index("indicator")
    assert a.loc["IKU-1", "value"] == 90.0
    assert a.loc["IKU-1", "achievement"] == 112.5
    assert a.loc["IKU-1", "category"] == "Sangat Tinggi"
    assert a.loc["IKU-2", "grade"] == "A"
    assert a.loc["IKU-2", "achievement"] == pytest.approx(115.0)
    f = frame[frame["unit"] == "f"].set_index("indicator")
    assert f.loc["IKU-2", "grade"] == "D"
    assert f.loc["IKU-2", "category"] == "Sangat Rendah"  # 2 / 4: 50 %


def test_postgres_reads_a_schema_qualified_table(postgres: Any) -> None:
    postgres.execute("DROP SCHEMA IF EXISTS iku_laporan CASCADE")
    postgres.execute("CREATE SCHEMA iku_laporan")
    postgres.execute('CREATE TABLE iku_laporan."Data" (a INTEGER, b NUMERIC(10, 2))')
    postgres.execute('INSERT INTO iku_laporan."Data" VALUES (1, 4), (2, 0)')
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    frame = iku.evaluate_sql(ratio, postgres, "iku_laporan.Data", targets={"IKU-1": 25})
    postgres.execute("DROP SCHEMA iku_laporan CASCADE")
    assert frame["value"].tolist()[0] == 25.0
    assert frame["category"].tolist()[0] == "Sangat Tinggi"
    assert frame["issues"].tolist() == [[], ["denominator_zero"]]


def test_postgres_text_query_runs_as_printed(postgres: Any, table: str) -> None:
    sql = iku.to_sql(indicator_set(), table, dialect="postgres", keys=["unit"])
    with postgres.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
        names = [column.name for column in cursor.description]
    assert names[:2] == ["unit", "indicator"]
    assert len(rows) == len(ROWS) * 3
