"""Property: for random sets, tables, targets and rules, the SQL engines agree with evaluate().

Tables hold zeros, NULLs, NaN, infinities, negatives, fractions, text and numerators above
their denominators. Rules are random at every level (the set's, an indicator's own, the run's):
inverse capaian, caps, floors, every rounding to 0 to 9 decimals. DuckDB runs every example;
PostgreSQL (when a server is given) and Spark (when Java is there) run fewer, as each query
costs them more.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Iterator
from typing import Any

import duckdb
import pandas as pd
import polars as pl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from services import require_postgres, spark_session
from strategies import indicator_sets, indicators, rules, variables

import iku
from iku import Indicator, IndicatorSet, TargetRange
from iku.backends.frames import RESULT_COLUMNS

MISSING = object()
"""A column left out of the table altogether."""

_values = st.one_of(
    st.integers(-2, 30).map(float),
    st.sampled_from([0.0, 0.0, 0.5, 2.25, 7.5, 100.0]),
    st.none(),
    st.sampled_from([math.nan, math.inf, -math.inf]),
)


@st.composite
def subjects(draw: st.DrawFn) -> IndicatorSet | Indicator:
    """Mostly a set; sometimes one indicator, whose variables are amounts (reals for an index)."""
    if draw(st.integers(0, 4)) > 0:
        return draw(indicator_sets(max_indicators=4))
    pool = draw(st.lists(variables(), min_size=1, max_size=3, unique_by=lambda v: v.code))
    return draw(indicators(pool))


def _variables(subject: IndicatorSet | Indicator) -> list[str]:
    """Every variable a set declares (used or not), or those of one indicator."""
    if isinstance(subject, IndicatorSet):
        return [v.code for v in subject.variables]
    return list(subject.variables)


@st.composite
def target_specs(draw: st.DrawFn, years: list[int]) -> Any:
    number = st.sampled_from([0, 50, 80, 100, 2.5, -10]).map(float)
    ranged = st.sampled_from([(40.0, 90.0), (0.0, 5.0), (2.0, 2.0)])
    one = st.one_of(number, ranged, st.just(math.nan), ranged.map(lambda r: TargetRange(*r)))
    per_year = st.dictionaries(st.sampled_from(years), one, max_size=2)
    spec = draw(st.one_of(st.just(MISSING), one, per_year))
    if isinstance(spec, dict) and draw(st.booleans()):
        spec = {str(year): value for year, value in spec.items()}  # years written as text
    return spec


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    """A subject, a polars table, targets, and how to evaluate (``by``, ``period``)."""
    subject = draw(subjects())
    names = _variables(subject)
    assume("period" not in names)  # a variable named period would be the period column
    rows = draw(st.integers(1, 8))
    years = [2025, 2026]
    # key columns in capitals: no variable code can take their names
    data: dict[str, Any] = {"Unit": list(range(rows))}
    grouped = draw(st.booleans())
    if grouped:
        data["Grup"] = draw(st.lists(st.sampled_from(["x", "y"]), min_size=rows, max_size=rows))
    with_period = draw(st.booleans())
    if with_period:
        data["period"] = draw(
            st.lists(st.sampled_from([*years, None]), min_size=rows, max_size=rows)
        )
    for name in names:
        shape = draw(st.sampled_from(["number"] * 8 + ["text", "absent"]))
        if shape == "absent":
            continue
        values = draw(st.lists(_values, min_size=rows, max_size=rows))
        if shape == "text":
            data[name] = [None if v is None else str(v) for v in values]
        else:
            data[name] = pl.Series(name, values, dtype=pl.Float64, nan_to_null=False)
    codes = subject.codes if isinstance(subject, IndicatorSet) else (subject.code,)
    targets = {}
    for code in codes:
        spec = draw(target_specs(years))
        if spec is not MISSING:
            targets[code] = spec
    frame = pl.DataFrame(
        {
            name: values if isinstance(values, pl.Series) else pl.Series(name, values)
            for name, values in data.items()
        }
    )
    return {
        "subject": subject,
        "frame": frame,
        "targets": targets,
        "by": "Grup" if grouped else None,
        "period": None if with_period else draw(st.sampled_from([None, 2025, 2026])),
        "rules": draw(st.none() | rules()),
    }


def expected(case: dict[str, Any]) -> pd.DataFrame:
    frame = case["frame"]
    if case["by"] is not None:
        frame = frame.drop("Unit")
    ev = iku.evaluate(
        case["subject"],
        frame,
        targets=case["targets"],
        by=case["by"],
        period=case["period"],
        rules=case["rules"],
    )
    result = ev.to_frame()
    return result.to_pandas() if isinstance(result, pl.DataFrame) else result


def _close(a: Any, b: Any) -> bool:
    if _missing(a) or _missing(b):
        return _missing(a) and _missing(b)
    if isinstance(a, float) or isinstance(b, float):
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    return bool(a == b)


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, list) and bool(pd.isna(value)))


def assert_agree(case: dict[str, Any], actual: pd.DataFrame) -> None:
    """Same rows in the same order: keys, periods, values to 1e-9, categories, issue codes.

    With ``by``, a group lists the codes of its bad rows; evaluate() in the rows' order, SQL
    (whose rows have no order) in the order of the checks: the same codes, as many times.
    Where a division by zero hides inside ``min``/``max`` of a ratio's part (a row that has
    ``denominator_zero`` and so no value), numpy's infinity and SQL's NULL can pick differently:
    the parts of such rows are not compared.
    """
    want = expected(case)
    assert list(actual.columns) == list(want.columns)
    assert len(actual) == len(want)
    for name in want.columns:
        for i, (a, b) in enumerate(zip(actual[name], want[name], strict=True)):
            if name == "issues":
                same = Counter(a) == Counter(b) if case["by"] else list(a) == list(b)
            elif name in ("numerator", "denominator") and "denominator_zero" in want["issues"][i]:
                continue
            else:
                same = _close(a, b)
            assert same, (name, i, a, b, want.iloc[i].to_dict(), actual.iloc[i].to_dict())


def _duckdb_table(con: Any, frame: pl.DataFrame) -> None:
    con.register("iku_input", frame.to_arrow())
    con.execute("CREATE OR REPLACE TABLE iku_cases AS SELECT * FROM iku_input")
    con.unregister("iku_input")


def _run(case: dict[str, Any], connection: Any, table: str = "iku_cases") -> pd.DataFrame:
    frame = iku.evaluate_sql(
        case["subject"],
        connection,
        table,
        targets=case["targets"],
        by=case["by"],
        period=case["period"],
        rules=case["rules"],
    )
    assert isinstance(frame, pd.DataFrame)
    return frame


@given(cases())
@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_duckdb_agrees_with_evaluate(case: dict[str, Any]) -> None:
    con = duckdb.connect()
    _duckdb_table(con, case["frame"])
    assert_agree(case, _run(case, con))
    con.close()


def _numeric_only(case: dict[str, Any]) -> dict[str, Any]:
    """The case with every variable a numeric column (absent or text ones become NULLs): what
    a query written without seeing the table takes the table to hold."""
    frame: pl.DataFrame = case["frame"]
    for name in _variables(case["subject"]):
        if name not in frame.columns or frame.schema[name] != pl.Float64:
            frame = frame.with_columns(pl.lit(None, dtype=pl.Float64).alias(name))
    return {**case, "frame": frame}


def _named_keys(case: dict[str, Any]) -> dict[str, Any]:
    """How a user names the rows to ``to_sql`` when it cannot see the table: ``keys`` without
    ``by`` (with ``period`` for a period column); with ``by``, the period is taken to be a column
    unless ``period=`` is given, and a table with neither is described by ``columns=``."""
    has_period = "period" in case["frame"].columns
    if case["by"] is None:
        keys = ["Unit", *(["Grup"] if "Grup" in case["frame"].columns else [])]
        return {"keys": keys + (["period"] if has_period else [])}
    if has_period or case["period"] is not None:
        return {}
    return {"columns": [c for c in case["frame"].columns if c != "Unit"]}


@pytest.mark.slow  # a long property run: the full suite (IKU_FULL=1, .ci/run) runs it
@given(cases())
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
def test_to_sql_keeps_the_keys_and_period_of_evaluate_without_seeing_the_table(
    case: dict[str, Any],
) -> None:
    """The query of ``to_sql`` alone (no ``columns``: as ``iku sql`` prints it) gives every row
    the keys and period ``evaluate`` gives it, in the same order, with the same values."""
    case = _numeric_only(case)
    con = duckdb.connect()
    _duckdb_table(con, case["frame"])
    query = iku.to_sql(
        case["subject"],
        "iku_cases",
        targets=case["targets"],
        by=case["by"],
        period=case["period"],
        rules=case["rules"],
        **_named_keys(case),
    )
    actual = con.sql(query).df()
    con.close()
    want = expected(case)
    keys = [c for c in want.columns if c not in RESULT_COLUMNS and c != "target_hi"]
    assert list(actual.columns[: len(keys) + 2]) == [*keys, "indicator", "period"]
    assert len(actual) == len(want)
    for name in [*keys, "indicator", "period", "value"]:
        for i, (a, b) in enumerate(zip(actual[name], want[name], strict=True)):
            assert _close(a, b), (name, i, a, b, want.iloc[i].to_dict())
    for i, (a, b) in enumerate(zip(actual["issues"], want["issues"], strict=True)):
        assert Counter(a) == Counter(b) if case["by"] else list(a) == list(b), (i, a, b)


# --- PostgreSQL ----------------------------------------------------------------------------

_PG_TYPES = {pl.Float64: "DOUBLE PRECISION", pl.Int64: "BIGINT", pl.String: "TEXT"}


@pytest.fixture(scope="module")
def postgres() -> Iterator[Any]:
    import psycopg

    dsn = require_postgres()
    with psycopg.connect(dsn, autocommit=True) as connection:
        yield connection


_tables = itertools.count()


def _postgres_table(connection: Any, frame: pl.DataFrame) -> str:
    """A new temporary table holding ``frame`` (a new name each time: psycopg prepares
    statements it sees often, and a prepared INSERT would not fit a table of other types)."""
    table = f"iku_cases_{next(_tables)}"
    columns = ", ".join(
        f'"{name}" {_PG_TYPES.get(kind.base_type(), "TEXT")}' for name, kind in frame.schema.items()
    )
    connection.execute(f"CREATE TEMP TABLE {table} ({columns})")
    marks = ", ".join(["%s"] * frame.width)
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} VALUES ({marks})", frame.rows())
    return table


@pytest.mark.postgres
def test_postgres_agrees_with_evaluate(postgres: Any) -> None:
    @given(cases())
    @settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow], deadline=None)
    def check(case: dict[str, Any]) -> None:
        table = _postgres_table(postgres, case["frame"])
        assert_agree(case, _run(case, postgres, table))
        postgres.execute(f"DROP TABLE {table}")

    check()


# --- Spark ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = spark_session()
    yield session
    session.stop()


_SPARK_TYPES = {pl.Float64: "DOUBLE", pl.Int64: "BIGINT", pl.String: "STRING"}


@pytest.mark.spark
@pytest.mark.slow
def test_spark_agrees_with_evaluate(spark: Any) -> None:
    @given(cases())
    @settings(max_examples=5, suppress_health_check=[HealthCheck.too_slow], deadline=None)
    def check(case: dict[str, Any]) -> None:
        frame = case["frame"]
        schema = ", ".join(
            f"`{name}` {_SPARK_TYPES.get(kind.base_type(), 'STRING')}"
            for name, kind in frame.schema.items()
        )
        spark.createDataFrame(frame.rows(), schema).createOrReplaceTempView("iku_cases")
        assert_agree(case, _run(case, spark))

    check()
