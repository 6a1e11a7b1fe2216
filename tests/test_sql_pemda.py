"""to_sql_all: every OPD of a Pemda in one query, on DuckDB and on Spark, giving each set's
figures as evaluate() gives them (units summed per period); one shared table told apart by
``set_id``, or a table per set."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import pytest

import iku
from iku import ArgumentError
from iku.examples import example_files
from iku.pemda import evaluate_source
from iku.sqlmany import to_sql_all

RPJMD = "kota-madiun.rpjmd.2025-2029"
MADIUN = "kota-madiun.dinsosppa.2025-2026"
SETS = (MADIUN, RPJMD)


def shared_table() -> pd.DataFrame:
    """Both bundled examples in one wide table, told apart by ``set_id`` (a variable of the
    other set is NULL)."""
    frames = []
    for set_id in SETS:
        frame = pd.read_csv(example_files(set_id).data)
        frame.insert(0, "set_id", set_id)
        frames.append(frame)
    table = pd.concat(frames, ignore_index=True)
    for column in table.columns:
        if column not in ("set_id", "kecamatan", "kelurahan"):
            table[column] = table[column].astype("float64")
    table["period"] = table["period"].astype("int64")
    return table


def targets() -> dict[str, Any]:
    return {set_id: pd.read_csv(example_files(set_id).targets) for set_id in SETS}


def expected() -> pd.DataFrame:
    rows = []
    for set_id in SETS:
        example = example_files(set_id)
        ev = evaluate_source(iku.get_set(set_id), example.data, targets=example.targets)
        frame = ev.to_frame()
        frame.insert(0, "set_id", set_id)
        rows.append(frame)
    return pd.concat(rows, ignore_index=True)


def same(got: pd.DataFrame) -> None:
    want = expected()
    key = ["set_id", "period", "indicator"]
    got = got.sort_values(key).reset_index(drop=True)
    want = want.sort_values(key).reset_index(drop=True)
    assert len(got) == len(want) == 24
    for name in ("set_id", "indicator", "period", "category"):
        assert got[name].tolist() == want[name].tolist(), name
    for name in ("value", "target", "achievement", "numerator", "denominator"):
        for a, b in zip(got[name], want[name], strict=True):
            if a is None or b is None or (isinstance(a, float) and math.isnan(a)):
                assert pd.isna(a), name
                assert pd.isna(b), name
            else:
                assert a == pytest.approx(b, rel=1e-12), name
    assert [list(x) for x in got["issues"]] == [list(x) for x in want["issues"]]


def test_one_shared_table_on_duckdb_gives_each_sets_figures() -> None:
    con = duckdb.connect()
    con.register("opd_view", shared_table())
    con.execute("CREATE TABLE opd AS SELECT * FROM opd_view")
    query = to_sql_all(SETS, "opd", targets=targets())
    got = con.execute(query).df()
    assert list(got.columns) == [
        "set_id", "indicator", "period", "value", "target", "achievement", "category", "grade",
        "numerator", "denominator", "issues",
    ]  # fmt: skip
    assert got["set_id"].tolist() == [MADIUN] * 14 + [RPJMD] * 10  # set by set, as given
    same(got)


def test_a_table_per_set_on_duckdb() -> None:
    con = duckdb.connect()
    table = shared_table()
    for n, set_id in enumerate(SETS):
        con.register(f"v{n}", table[table["set_id"] == set_id].drop(columns=["set_id"]))
        con.execute(f"CREATE TABLE opd_{n} AS SELECT * FROM v{n}")
    query = to_sql_all(
        [iku.get_set(s) for s in SETS], {MADIUN: "opd_0", RPJMD: "opd_1"}, targets=targets()
    )
    same(con.execute(query).df())


def test_a_range_target_of_one_set_gives_every_set_a_target_hi() -> None:
    con = duckdb.connect()
    con.register("opd_view", shared_table())
    con.execute("CREATE TABLE opd AS SELECT * FROM opd_view")
    ranged = {MADIUN: {"IKU-1": (80, 90)}, RPJMD: {}}
    got = con.execute(to_sql_all(SETS, "opd", targets=ranged)).df()
    assert "target_hi" in got.columns
    rpjmd = got[got["set_id"] == RPJMD]
    assert rpjmd["target_hi"].isna().all()
    assert got[(got["set_id"] == MADIUN) & (got["indicator"] == "IKU-1")]["target_hi"].tolist() == [
        90.0,
        90.0,
    ]


def test_wrong_arguments_are_refused() -> None:
    with pytest.raises(ArgumentError, match="at least one set"):
        to_sql_all([], "opd")
    with pytest.raises(ArgumentError, match="given twice"):
        to_sql_all([MADIUN, MADIUN], "opd")
    with pytest.raises(ArgumentError, match=f"tables names no table for {RPJMD}"):
        to_sql_all(SETS, {MADIUN: "t"})
    with pytest.raises(ArgumentError, match="different key columns"):
        to_sql_all(
            SETS, "opd", by=None, columns={MADIUN: ["kecamatan", "period"], RPJMD: ["period"]}
        )


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from services import spark_session

    session = spark_session()
    table = shared_table()
    table = table.replace({np.nan: None})
    session.createDataFrame(table).createOrReplaceTempView("opd")
    yield session
    session.stop()


@pytest.mark.spark
@pytest.mark.slow
def test_one_shared_table_on_spark_gives_each_sets_figures(spark: Any) -> None:
    query = to_sql_all(SETS, "opd", targets=targets(), dialect="spark")
    got = spark.sql(query).toPandas()
    got["issues"] = got["issues"].map(list)
    same(got)
