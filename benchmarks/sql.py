"""Benchmark: the query of ``iku.to_sql`` against a hand-written query doing the same work.

Both run in DuckDB on one generated table (10,000,000 rows by default) of the Kota Madiun set's
variables, with a few NULLs, zeros, negatives and numerators above their denominators. "The same
work" is what ``evaluate`` does: the value checks of every variable (missing, not finite,
negative, not whole), each indicator's value with zero denominators and proportions checked, the
index's scale, the target, capaian, predikat and grade, and the list of issue codes, in the long
format, ordered by unit then indicator. Each query is materialised (``CREATE TEMP TABLE AS``) so
nothing is skipped; the queries take turns and the best of ``--repeat`` runs of each is kept.
The two results are compared first.

    python benchmarks/sql.py                 # 10,000,000 rows
    python benchmarks/sql.py --rows 1000000 --repeat 3 --by

The goal is a ratio (to_sql / hand-written) of at most 1.2.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

import duckdb

import iku

SET_ID = "kota-madiun.dinsosppa.2025-2026"
TABLE = "iku_bench"
TARGET = 80.0


def make_table(con: duckdb.DuckDBPyConnection, rows: int) -> None:
    """``rows`` units of every variable of the set, in 1,000 kecamatan."""
    s = iku.get_set(SET_ID)
    parts = []
    for variable in s.variables:
        name = variable.code
        if variable.kind == "score":
            parts.append(f"round(random() * 5.2, 2) AS {name}")
        else:
            parts.append(
                f"CASE WHEN random() < 0.001 THEN NULL WHEN random() < 0.001 THEN -1 "
                f"ELSE floor(random() * 100) END::DOUBLE AS {name}"
            )
    con.execute("SELECT setseed(0.42)")
    con.execute(
        f"CREATE OR REPLACE TABLE {TABLE} AS SELECT i AS unit, i % 1000 AS kecamatan, "
        f"{', '.join(parts)} FROM range({rows}) AS t(i)"
    )


def generated(con: duckdb.DuckDBPyConnection, by: bool) -> str:
    s = iku.get_set(SET_ID)
    relation = con.table(TABLE)
    columns = {name: str(kind) for name, kind in zip(relation.columns, relation.types, strict=True)}
    if by:
        columns.pop("unit")
    return iku.to_sql(
        s,
        TABLE,
        targets=dict.fromkeys(s.codes, TARGET),
        columns=columns,
        by="kecamatan" if by else None,
        keys=None if by else ["unit", "kecamatan"],
    )


PREDIKAT = """CASE WHEN {a} >= 91 THEN 'Sangat Tinggi' WHEN {a} >= 76 THEN 'Tinggi'
    WHEN {a} >= 66 THEN 'Sedang' WHEN {a} >= 51 THEN 'Rendah'
    WHEN {a} IS NOT NULL THEN 'Sangat Rendah' END"""

GRADE = """CASE WHEN {v} >= 4.51 THEN 'A' WHEN {v} >= 4.01 THEN 'A-' WHEN {v} >= 3.51 THEN 'B'
    WHEN {v} >= 3.01 THEN 'B-' WHEN {v} >= 2.51 THEN 'C' WHEN {v} >= 2.01 THEN 'C-'
    WHEN {v} >= 1.51 THEN 'D' WHEN {v} >= 1.01 THEN 'E' WHEN {v} IS NOT NULL THEN 'F' END"""


def count_check(column: str) -> str:
    return f"""CASE WHEN {column} IS NULL THEN 'missing_value'
        WHEN NOT isfinite({column}) THEN 'not_finite'
        WHEN {column} < 0 THEN 'negative_value'
        WHEN {column} <> floor({column}) THEN 'not_integer' END"""


def ratio_branch(order: int, code: str, num: str, den: str, keys: str) -> str:
    return f"""
    SELECT {keys}, '{code}' AS indicator, {order} AS ord, value, {TARGET}::DOUBLE AS target,
        achievement, {PREDIKAT.format(a="achievement")} AS category,
        NULL::VARCHAR AS grade, numerator, denominator,
        list_filter([{num}_issue, {den}_issue, zero, over, infinite],
            lambda c: c IS NOT NULL) AS issues
    FROM (
        SELECT *, CASE WHEN isfinite(value / {TARGET} * 100) THEN value / {TARGET} * 100 END
            AS achievement
        FROM (
            SELECT *,
                CASE WHEN ok AND zero IS NULL AND over IS NULL AND NOT isfinite(raw)
                     THEN 'not_finite' END AS infinite,
                CASE WHEN ok AND zero IS NULL AND over IS NULL AND isfinite(raw)
                     THEN raw END AS value
            FROM (
                SELECT {keys}, {num}_issue, {den}_issue, ok,
                    CASE WHEN {num}_issue IS NULL THEN {num} END AS numerator,
                    CASE WHEN {den}_issue IS NULL THEN {den} END AS denominator,
                    CASE WHEN ok AND {den} = 0 THEN 'denominator_zero' END AS zero,
                    CASE WHEN ok AND {den} <> 0 AND {num} > {den}
                         THEN 'numerator_exceeds_denominator' END AS over,
                    {num} / NULLIF({den}, 0) * 100 AS raw
                FROM (SELECT *, {num}_issue IS NULL AND {den}_issue IS NULL AS ok FROM checked)
            )
        )
    )"""


def index_branch(order: int, code: str, keys: str) -> str:
    return f"""
    SELECT {keys}, '{code}' AS indicator, {order} AS ord, value, {TARGET}::DOUBLE AS target,
        achievement, {PREDIKAT.format(a="achievement")} AS category,
        {GRADE.format(v="value")} AS grade, NULL::DOUBLE AS numerator, NULL::DOUBLE AS denominator,
        list_filter([ipp_issue, outside], lambda c: c IS NOT NULL) AS issues
    FROM (
        SELECT *, CASE WHEN isfinite(value / {TARGET} * 100) THEN value / {TARGET} * 100 END
            AS achievement
        FROM (
            SELECT *, CASE WHEN outside IS NULL THEN raw END AS value
            FROM (
                SELECT {keys}, ipp_issue, CASE WHEN ipp_issue IS NULL THEN ipp END AS raw,
                    CASE WHEN ipp_issue IS NULL AND NOT ipp BETWEEN 0 AND 5
                         THEN 'out_of_scale' END AS outside
                FROM checked
            )
        )
    )"""


def hand_written(by: bool) -> str:
    """What a person would write for the Madiun set: one branch per indicator, UNION ALL."""
    s = iku.get_set(SET_ID)
    counts = [v.code for v in s.variables if v.kind == "count"]
    checks = ",\n        ".join(f"{count_check(c)} AS {c}_issue" for c in counts)
    ipp_check = """CASE WHEN ipp IS NULL THEN 'missing_value' WHEN NOT isfinite(ipp)
        THEN 'not_finite' WHEN ipp < 0 OR ipp > 5 THEN 'out_of_scale' END AS ipp_issue"""
    keys = "kecamatan" if by else "unit, kecamatan"
    branches = []
    for order, indicator in enumerate(s.indicators):
        if isinstance(indicator, iku.Ratio):
            num, den = indicator.variables
            branches.append(ratio_branch(order, indicator.code, num, den, keys))
        else:
            branches.append(index_branch(order, indicator.code, keys))
    if by:
        sums = ", ".join(f"SUM({c}) AS {c}" for c in counts)
        flags = ", ".join(
            f"string_agg(DISTINCT {c}_issue, ',') AS {c}_issue" for c in [*counts, "ipp"]
        )
        source = f"""rows AS (SELECT kecamatan, {", ".join(counts)}, ipp, {checks}, {ipp_check}
            FROM {TABLE}),
        checked AS (SELECT kecamatan, {sums}, AVG(ipp) AS ipp, {flags}
            FROM rows GROUP BY kecamatan)"""
    else:
        source = f"""checked AS (SELECT unit, kecamatan, {", ".join(counts)}, ipp, {checks},
            {ipp_check} FROM {TABLE})"""
    union = "\n    UNION ALL".join(branches)
    return f"""WITH {source}
SELECT {keys}, indicator, NULL::BIGINT AS period, value, target, achievement, category, grade,
    numerator, denominator, issues
FROM ({union}
) ORDER BY {keys}, ord"""


def timings(
    con: duckdb.DuckDBPyConnection, queries: dict[str, str], repeat: int
) -> dict[str, float]:
    """Best time of each query over ``repeat`` rounds, the queries taking turns in each round
    so that a busy moment of the machine does not fall on one of them only."""
    best = dict.fromkeys(queries, float("inf"))
    for _ in range(repeat):
        for name, query in queries.items():
            start = time.perf_counter()
            con.execute(f"CREATE OR REPLACE TEMP TABLE bench_out AS {query}")
            best[name] = min(best[name], time.perf_counter() - start)
            con.execute("DROP TABLE bench_out")
    return best


def checksum(con: duckdb.DuckDBPyConnection, query: str) -> tuple[Any, ...]:
    row = con.execute(
        f"""SELECT count(*), round(sum(value), 3), round(sum(achievement), 3), count(category),
        count(grade), round(sum(numerator), 3), sum(len(issues)) FROM ({query})"""
    ).fetchone()
    assert row is not None
    return tuple(row)


def run(rows: int, repeat: int, by: bool) -> dict[str, Any]:
    con = duckdb.connect()
    make_table(con, rows)
    ours, theirs = generated(con, by), hand_written(by)
    same = checksum(con, ours) == checksum(con, theirs) if not by else None
    best = timings(con, {"to_sql": ours, "hand": theirs}, repeat)
    t_ours, t_hand = best["to_sql"], best["hand"]
    return {
        "rows": rows,
        "by": "kecamatan" if by else None,
        "to_sql_s": round(t_ours, 3),
        "hand_written_s": round(t_hand, 3),
        "ratio": round(t_ours / t_hand, 3),
        "same_result": same,
        "duckdb": duckdb.__version__,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--by", action="store_true", help="group by kecamatan (1,000 groups)")
    options = parser.parse_args(argv)
    result = run(options.rows, options.repeat, options.by)
    print(json.dumps(result))
    return 0 if result["same_result"] is not False else 1


if __name__ == "__main__":
    sys.exit(main())
