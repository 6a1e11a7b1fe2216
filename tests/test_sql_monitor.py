"""Property: the year to date written in SQL (``to_sql(..., year=2025)``, window functions)
gives what ``iku.monitor`` gives, on DuckDB, PostgreSQL and Spark, for every accumulation, with
gaps in the quarters, bad rows and several rows per key and quarter."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from typing import Any

import duckdb
import pandas as pd
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from services import require_postgres, spark_session

import iku
from iku import Index, Indicator, IndicatorSet, Ratio, Sasaran, Variable
from iku.errors import SqlError

_ACCUMULATIONS = st.sampled_from(["sum", "last", "mean", "max", "min"])
_counts = st.one_of(st.integers(0, 40).map(float), st.just(-1.0), st.none())


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    num = Variable("num", "N", accumulation=draw(_ACCUMULATIONS))
    den = Variable("den", "D", accumulation=draw(_ACCUMULATIONS))
    score = Variable("score", "S", kind="score", range=(0, 5), accumulation=draw(_ACCUMULATIONS))
    indicators = [
        Ratio("R", "Share", num, den, proportion=draw(st.booleans())),
        Indicator("C", "Count", num.symbol, polarity=draw(st.sampled_from(["higher", "lower"]))),
        Index("I", "Index", score.symbol, bounds=(0, 5)),
    ]
    s = IndicatorSet(
        "x.y.2025", "S", "D", (2025,), [Sasaran("S", "S", indicators)], [num, den, score]
    )
    rows: dict[str, list[Any]] = {"Unit": [], "period": [], "num": [], "den": [], "score": []}
    for unit in range(draw(st.integers(1, 3))):
        quarters = draw(st.lists(st.integers(1, 4), min_size=1, max_size=5))  # repeats, gaps
        for q in quarters:
            rows["Unit"].append(unit)
            rows["period"].append(f"2025-Q{q}")
            rows["num"].append(draw(_counts))
            rows["den"].append(draw(_counts))
            rows["score"].append(draw(st.sampled_from([0.0, 2.5, 4.0, 5.0, 6.0])))
    target = st.one_of(st.sampled_from([0.0, 50.0, 80.0, 2.5]), st.just((20.0, 60.0)), st.none())
    targets = {}
    for code in ("R", "C", "I"):
        chosen = draw(target)
        if chosen is not None:
            targets[code] = draw(st.sampled_from([chosen, {2025: chosen, "2025-Q4": chosen}]))
    return {"subject": s, "frame": pl.DataFrame(rows, strict=False), "targets": targets}


_COMPARED = ("value", "achievement", "numerator", "denominator")


def _same(a: Any, b: Any) -> bool:
    a_missing = a is None or (isinstance(a, float) and math.isnan(a))
    b_missing = b is None or (isinstance(b, float) and math.isnan(b))
    if a_missing or b_missing:
        return a_missing and b_missing
    return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)


def _label(value: Any) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def assert_agree(case: dict[str, Any], actual: pd.DataFrame) -> None:
    m = iku.monitor(case["subject"], case["frame"].to_pandas(), year=2025, targets=case["targets"])
    expected = m.to_frame()
    frame = case["frame"]
    present = set(zip(frame["Unit"].to_list(), frame["period"].to_list(), strict=True))
    rows = [r for r in expected.to_dict("records") if (r["Unit"], r["period"]) in present]
    got = {(r["Unit"], r["period"], r["indicator"]): r for r in actual.to_dict("records")}
    assert len(got) == len(rows)
    for row in rows:
        other = got[(row["Unit"], row["period"], row["indicator"])]
        for name in _COMPARED:
            assert _same(row[name], other[name]), (row, name, other[name])
        assert _label(row["category"]) == _label(other["category"]), (row, other)


def _run(case: dict[str, Any], connection: Any, table: str) -> pd.DataFrame:
    frame = iku.evaluate_sql(
        case["subject"], connection, table, targets=case["targets"], keys=["Unit"], year=2025
    )
    assert isinstance(frame, pd.DataFrame)
    return frame


@given(cases())
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_duckdb_year_to_date_agrees_with_monitor(case: dict[str, Any]) -> None:
    con = duckdb.connect()
    con.register("iku_input", case["frame"].to_arrow())
    con.execute("CREATE OR REPLACE TABLE iku_parts AS SELECT * FROM iku_input")
    assert_agree(case, _run(case, con, "iku_parts"))
    con.close()


def test_the_query_uses_windows_and_refuses_by() -> None:
    s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
    sql = iku.to_sql(s, "realisasi", year=2025, keys=["kecamatan"], dialect="postgres")
    assert "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW" in sql
    assert "'2025-Q4'" in sql
    months = iku.to_sql(s, "realisasi", year=2025, parts="month", keys=["kecamatan"])
    assert "'2025-12'" in months


def _monitor_rows(case: dict[str, Any], names: list[str]) -> list[dict[str, Any]]:
    """``monitor(..., by=names)``'s rows for the keys and parts the data hold (SQL has no row
    for a part a key lacks; ``monitor`` reports it as a ``period_gap``)."""
    frame = case["frame"].to_pandas()
    m = iku.monitor(case["subject"], frame, year=2025, targets=case["targets"], by=names)
    present = {(*(row[n] for n in names), row["period"]) for _, row in frame.iterrows()}
    records = m.to_frame().to_dict("records")
    return [r for r in records if (*(r[n] for n in names), r["period"]) in present]


@given(cases(), st.sampled_from(["Unit", ["Unit"], []]))
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_duckdb_year_to_date_by_groups_as_monitor_by(case: dict[str, Any], by: Any) -> None:
    """``by=`` with ``year=`` groups the rows of a key and part before the year to date, as
    ``monitor(by=)`` does; ``by=[]`` is one group per part (every unit summed)."""
    con = duckdb.connect()
    con.register("iku_input", case["frame"].to_arrow())
    con.execute("CREATE OR REPLACE TABLE iku_parts AS SELECT * FROM iku_input")
    actual = iku.evaluate_sql(
        case["subject"], con, "iku_parts", targets=case["targets"], by=by, year=2025
    )
    con.close()
    names = [by] if isinstance(by, str) else by
    want = _monitor_rows(case, names)
    got = {
        (*(r[n] for n in names), r["period"], r["indicator"]): r for r in actual.to_dict("records")
    }
    assert len(got) == len(want)
    for row in want:
        other = got[(*(row[n] for n in names), row["period"], row["indicator"])]
        for name in _COMPARED:
            assert _same(row[name], other[name]), (row, name, other[name])
        assert _label(row["category"]) == _label(other["category"]), (row, other)


def test_the_year_to_date_takes_by_or_keys_not_both_and_no_period() -> None:
    s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
    grouped = iku.to_sql(s, "realisasi", year=2025, by="kecamatan")
    assert grouped == iku.to_sql(s, "realisasi", year=2025, keys=["kecamatan"])
    with pytest.raises(SqlError, match="by= or keys=, not both") as caught:
        iku.to_sql(s, "realisasi", year=2025, by="kecamatan", keys=["kecamatan"])
    assert "tidak keduanya" in caught.value.message  # Indonesian too
    with pytest.raises(SqlError, match="takes no period="):
        iku.to_sql(s, "realisasi", year=2025, period=2025, keys=["kecamatan"])


# --- PostgreSQL ----------------------------------------------------------------------------

_tables = itertools.count()


@pytest.fixture(scope="module")
def postgres() -> Iterator[Any]:
    import psycopg

    dsn = require_postgres()
    with psycopg.connect(dsn, autocommit=True) as connection:
        yield connection


@pytest.mark.postgres
def test_postgres_year_to_date_agrees_with_monitor(postgres: Any) -> None:
    @given(cases())
    @settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow], deadline=None)
    def check(case: dict[str, Any]) -> None:
        table = f"iku_parts_{next(_tables)}"
        postgres.execute(
            f"CREATE TEMP TABLE {table} "
            '("Unit" BIGINT, period TEXT, num DOUBLE PRECISION, den DOUBLE PRECISION, '
            "score DOUBLE PRECISION)"
        )
        with postgres.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} VALUES (%s, %s, %s, %s, %s)", case["frame"].rows()
            )
        assert_agree(case, _run(case, postgres, table))
        postgres.execute(f"DROP TABLE {table}")

    check()


# --- Spark ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = spark_session()
    yield session
    session.stop()


@pytest.mark.spark
@pytest.mark.slow
def test_spark_year_to_date_agrees_with_monitor(spark: Any) -> None:
    @given(cases())
    @settings(max_examples=5, suppress_health_check=[HealthCheck.too_slow], deadline=None)
    def check(case: dict[str, Any]) -> None:
        schema = "`Unit` BIGINT, `period` STRING, `num` DOUBLE, `den` DOUBLE, `score` DOUBLE"
        spark.createDataFrame(case["frame"].rows(), schema).createOrReplaceTempView("iku_parts")
        assert_agree(case, _run(case, spark, "iku_parts"))

    check()
