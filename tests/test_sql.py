"""iku.to_sql and iku.evaluate_sql on DuckDB: the query, its checks and its numbers.

Every expectation here is computed by hand from the rules of docs/evaluation.md; the comparison
with evaluate() on random tables is in test_sql_properties.py.
"""

from __future__ import annotations

import math
import subprocess
import sys
from typing import Any

import duckdb
import pandas as pd
import pytest
import sqlglot
import sympy
from sqlglot import exp

import iku
from iku import (
    IPP_GRADES,
    Band,
    Index,
    Indicator,
    IndicatorSet,
    Ratio,
    Sasaran,
    Scale,
    TargetRange,
    Variable,
)
from iku.backends.sql import SqlError
from iku.backends.sql_printer import DIALECTS, SqlFormulaError, SqlPrinter

MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.fixture(scope="module")
def madiun() -> IndicatorSet:
    return iku.get_set(MADIUN)


@pytest.fixture
def con() -> Any:
    connection = duckdb.connect()
    yield connection
    connection.close()


def small_set() -> IndicatorSet:
    """A ratio of counts, a score index graded by IPP_GRADES, a lower-is-better formula."""
    done, cases = Variable("selesai", "Selesai"), Variable("kasus", "Kasus")
    score = Variable("skor", "Skor", kind="score", range=(0, 5))
    cost, budget = (
        Variable("biaya", "Biaya", kind="amount"),
        Variable("pagu", "Pagu", kind="amount"),
    )
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
                    Indicator("IKU-3", "Serapan", "biaya / pagu * 100", polarity="lower"),
                ],
            ),
        ],
        [done, cases, score, cost, budget],
    )


def load(con: Any, sql: str) -> None:
    con.execute(sql)


def run(con: Any, subject: Any, table: str = "data", **options: Any) -> pd.DataFrame:
    frame = iku.evaluate_sql(subject, con, table, **options)
    assert isinstance(frame, pd.DataFrame)
    return frame


def row(frame: pd.DataFrame, indicator: str, **keys: Any) -> pd.Series:
    mask = frame["indicator"] == indicator
    for name, value in keys.items():
        mask &= frame[name] == value
    found = frame[mask]
    assert len(found) == 1, found
    return found.iloc[0]


# --- the query itself ----------------------------------------------------------------------


@pytest.mark.parametrize("dialect", DIALECTS)
def test_query_parses_back_in_every_dialect(madiun: IndicatorSet, dialect: str) -> None:
    targets = {"IKU-1": 80, "IKU-2": {2025: 75, 2026: (80, 90)}, "IKU-7": TargetRange(3.5, 4.5)}
    for by, keys in ((None, ["kecamatan", "period"]), (["kecamatan", "period"], None)):
        sql = iku.to_sql(
            madiun, "laporan.iku_data", dialect=dialect, targets=targets, by=by, keys=keys
        )
        tree = sqlglot.parse_one(sql, read=dialect)
        assert isinstance(tree, exp.Select)
        assert "IKU-7" in sql


def test_unknown_dialect_is_refused_with_the_known_ones(madiun: IndicatorSet) -> None:
    with pytest.raises(SqlError, match=r"unknown SQL dialect 'mysql'.*duckdb.*postgres"):
        iku.to_sql(madiun, "data", dialect="mysql")


def test_sql_errors_are_iku_errors_and_value_errors() -> None:
    assert issubclass(SqlError, iku.IkuError)
    assert issubclass(SqlError, ValueError)


def test_every_denominator_is_guarded_and_every_variable_cast_to_double(
    madiun: IndicatorSet,
) -> None:
    tree = sqlglot.parse_one(iku.to_sql(madiun, "data", keys=[]), read="duckdb")
    divisions = list(tree.find_all(exp.Div))
    assert divisions
    for division in divisions:
        divisor = division.expression.unnest()
        constant = isinstance(divisor, exp.Cast) and isinstance(divisor.this, exp.Literal)
        assert isinstance(divisor, exp.Nullif) or constant, division.sql()
    casts = {
        cast.this.name
        for cast in tree.find_all(exp.Cast)
        if cast.to.is_type("double") and isinstance(cast.this, exp.Column)
    }
    assert {v.code for v in madiun.variables} <= casts


def test_identifiers_are_quoted_so_odd_names_work(con: Any) -> None:
    odd = Variable("select_", "kata kunci SQL")
    ratio = Ratio("IKU-1", "r", odd, Variable("Jumlah", "huruf besar"))
    load(con, 'CREATE TABLE "data tahun ini" ("select_" INT, "Jumlah" INT, "unit kerja" TEXT)')
    load(con, """INSERT INTO "data tahun ini" VALUES (1, 4, 'a')""")
    frame = run(con, ratio, "data tahun ini")
    assert list(frame["unit kerja"]) == ["a"]
    assert frame["value"].tolist() == [25.0]


def test_a_schema_qualified_table_is_read(con: Any) -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    load(con, "CREATE SCHEMA laporan")
    load(con, "CREATE TABLE laporan.data AS SELECT 1 AS a, 2 AS b")
    assert run(con, ratio, "laporan.data")["value"].tolist() == [50.0]
    assert run(con, ratio, ("laporan", "data"))["value"].tolist() == [50.0]


@pytest.mark.parametrize(
    ("table", "message"),
    [("", "a table is named"), ("a.b.c.d", "a table is named"), ("a..b", "a table is named")],
)
def test_a_bad_table_name_is_refused(table: str, message: str) -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    with pytest.raises(SqlError, match=message):
        iku.to_sql(ratio, table, keys=[])


def test_a_variable_cannot_be_a_key(madiun: IndicatorSet) -> None:
    with pytest.raises(SqlError, match="'psks' is a variable of the set and cannot be a key"):
        iku.to_sql(madiun, "data", by="psks")


def test_a_by_column_missing_from_the_table_is_named(madiun: IndicatorSet) -> None:
    with pytest.raises(SqlError, match="the table has no column 'kecamatan'"):
        iku.to_sql(madiun, "data", by="kecamatan", columns=["psks", "psks_diberdayakan"])


def test_targets_must_be_a_mapping(madiun: IndicatorSet) -> None:
    with pytest.raises(SqlError, match=r"targets is a mapping of indicator code to target .*list"):
        iku.to_sql(madiun, "data", keys=[], targets=[80])  # type: ignore[arg-type]


def test_subject_must_be_a_set_or_an_indicator() -> None:
    with pytest.raises(SqlError, match="an indicator set or an indicator is needed, not str"):
        iku.to_sql("IKU-1", "data")  # type: ignore[arg-type]


def test_importing_iku_imports_no_sql_engine() -> None:
    code = "import sys, iku; print(sorted(m for m in ('sqlglot', 'duckdb') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_writing_a_query_imports_no_numpy() -> None:
    """``to_sql`` writes text from the set alone: numpy (and with it pandas) is never loaded."""
    code = (
        "import sys, iku\n"
        "iku.to_sql(iku.get_set('kota-madiun.dinsosppa.2025-2026'), 't', keys=['k'])\n"
        "print(sorted(m for m in ('numpy', 'pandas', 'polars') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- the printer ---------------------------------------------------------------------------


def test_printer_builds_sqlglot_trees_not_text() -> None:
    a, b = sympy.symbols("a b")
    printer = SqlPrinter({"a": exp.column("a"), "b": exp.column("b")})
    tree = printer.doprint(sympy.Max(a - b, 0) / b * 100 + sympy.Abs(a) ** 2)
    assert isinstance(tree, exp.Expr)
    assert tree.find(exp.Greatest) is not None
    assert tree.find(exp.Abs) is not None
    assert tree.find(exp.Pow) is not None
    nullif = tree.find(exp.Nullif)
    assert nullif is not None
    assert nullif.this.sql() == "b"


def test_printer_refuses_what_a_formula_cannot_hold() -> None:
    printer = SqlPrinter({"a": exp.column("a")})
    with pytest.raises(SqlFormulaError, match="cannot write sin"):
        printer.doprint(sympy.sin(sympy.Symbol("a")))
    with pytest.raises(SqlFormulaError, match="'b', which has no column"):
        printer.doprint(sympy.Symbol("b"))


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("a / b * 100", 40.0),
        ("(a - b) / 3", -1.0),
        ("max(a - b, 0) + min(a, b) ** 2", 4.0),
        ("abs(a - b) / (a + b)", 3 / 7),
        ("a ** -2", 0.25),
        ("0.24 * a + 1.5 * b", 7.98),
    ],
)
def test_formulas_compute_in_duckdb(con: Any, formula: str, expected: float) -> None:
    ind = Indicator("X", "x", formula)
    load(con, "CREATE TABLE data AS SELECT 2 AS a, 5 AS b")
    value = run(con, ind)["value"].tolist()[0]
    assert value == pytest.approx(expected, rel=1e-12)


# --- the checks, each code once ------------------------------------------------------------


def test_each_value_issue_is_found_in_duckdb(con: Any) -> None:
    s = small_set()
    load(
        con,
        """CREATE TABLE data (unit TEXT, selesai DOUBLE, kasus DOUBLE, skor DOUBLE,
        biaya DOUBLE, pagu DOUBLE)""",
    )
    load(
        con,
        """INSERT INTO data VALUES
        ('ok', 45, 50, 4.6, 80, 100),
        ('null', NULL, 50, NULL, 80, 100),
        ('nan', 'NaN', 50, 'Infinity', 80, '-Infinity'),
        ('negative', -1, 50, 4, -80, 100),
        ('fraction', 1.5, 50, 4, 80.5, 100),
        ('outside', 1, 50, 5.5, 80, 100)""",
    )
    frame = run(con, s, targets={"IKU-1": 80, "IKU-2": 4, "IKU-3": 90})
    assert list(frame.columns[:2]) == ["unit", "indicator"]
    expected = {
        ("ok", "IKU-1"): [],
        ("ok", "IKU-2"): [],
        ("ok", "IKU-3"): [],
        ("null", "IKU-1"): ["missing_value"],
        ("null", "IKU-2"): ["missing_value"],
        ("nan", "IKU-1"): ["missing_value"],  # NaN is an empty cell, as for evaluate()
        ("nan", "IKU-2"): ["not_finite"],
        ("nan", "IKU-3"): ["not_finite"],
        ("negative", "IKU-1"): ["negative_value"],
        ("negative", "IKU-3"): ["negative_value"],
        ("fraction", "IKU-1"): ["not_integer"],
        ("fraction", "IKU-3"): [],  # an amount may hold fractions
        ("outside", "IKU-2"): ["out_of_scale"],
    }
    for (unit, code), issues in expected.items():
        found = row(frame, code, unit=unit)
        assert found["issues"] == issues, (unit, code)
        if any(issue != "missing_target" for issue in issues):
            assert math.isnan(found["value"])
            assert pd.isna(found["category"])
    ok = row(frame, "IKU-1", unit="ok")
    assert (ok["value"], ok["achievement"], ok["category"]) == (90.0, 112.5, "Sangat Tinggi")
    index = row(frame, "IKU-2", unit="ok")
    assert (index["value"], index["grade"]) == (4.6, "A")
    assert index["achievement"] == pytest.approx(115.0)
    lower = row(frame, "IKU-3", unit="ok")  # (2 * 90 - 80) / 90 * 100
    assert lower["achievement"] == pytest.approx(100 / 90 * 100)


def test_text_and_boolean_columns_are_not_numbers(con: Any) -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    load(con, "CREATE TABLE data (a TEXT, b BOOLEAN)")
    load(con, "INSERT INTO data VALUES ('12', true), (NULL, NULL)")
    frame = run(con, ratio, targets={"IKU-1": 80})
    assert frame["issues"].tolist() == [
        ["not_a_number", "not_a_number"],
        ["missing_value", "missing_value"],
    ]


def test_a_variable_absent_from_the_table_is_missing_on_every_row(con: Any) -> None:
    s = small_set()
    load(con, "CREATE TABLE data AS SELECT * FROM (VALUES (1, 2), (3, 4)) t(selesai, kasus)")
    frame = run(con, s, targets={"IKU-1": 50})
    assert (
        frame["issues"].tolist()
        == [
            [],
            ["missing_value"],
            ["missing_value", "missing_value"],
        ]
        * 2
    )
    assert frame["value"].tolist()[0] == 50.0


def test_ratio_checks_zero_denominator_and_numerator_above_it(con: Any) -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    load(con, "CREATE TABLE data AS SELECT * FROM (VALUES (1, 0), (5, 4), (0, 0)) t(a, b)")
    frame = run(con, ratio, targets={"IKU-1": 80})
    assert frame["issues"].tolist() == [
        ["denominator_zero"],
        ["numerator_exceeds_denominator"],
        ["denominator_zero"],
    ]
    assert frame["value"].isna().all()
    # the parts are still reported, so a reader sees why
    assert frame["numerator"].tolist() == [1.0, 5.0, 0.0]
    assert frame["denominator"].tolist() == [0.0, 4.0, 0.0]


def test_each_denominator_of_a_formula_is_checked_as_written(con: Any) -> None:
    ind = Indicator("X", "x", "a / b + a / c")
    load(con, "CREATE TABLE data AS SELECT * FROM (VALUES (1, 0, 0), (1, 2, 0)) t(a, b, c)")
    frame = run(con, ind, targets={"X": 1})
    assert frame["issues"].tolist() == [["denominator_zero"] * 2, ["denominator_zero"]]


def test_a_proportion_false_ratio_may_exceed_one(con: Any) -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"), proportion=False)
    load(con, "CREATE TABLE data AS SELECT 5 AS a, 4 AS b")
    frame = run(con, ratio, targets={"IKU-1": 100})
    assert frame["value"].tolist() == [125.0]
    assert frame["issues"].tolist() == [[]]


def test_an_index_outside_its_scale_has_no_value(con: Any) -> None:
    w = Variable("w", "w", kind="real")
    ind = Index("IKU-7", "i", "w * 2", bounds=(0, 5), grades=IPP_GRADES)
    load(con, "CREATE TABLE data AS SELECT * FROM (VALUES (1.0), (3.0)) t(w)")
    frame = run(con, ind, targets={"IKU-7": 4})
    assert frame["value"].tolist()[0] == 2.0
    assert frame["grade"].tolist()[0] == "D"
    assert frame["issues"].tolist()[1] == ["out_of_scale"]
    assert w.kind == "real"


# --- targets -------------------------------------------------------------------------------


def test_missing_and_zero_targets_warn_and_keep_the_value(con: Any) -> None:
    s = small_set()
    load(
        con,
        "CREATE TABLE data AS SELECT 45 AS selesai, 50 AS kasus, 4 AS skor, 1 AS biaya, 2 AS pagu",
    )
    frame = run(con, s, targets={"IKU-1": 0, "IKU-3": float("nan")})
    assert frame["issues"].tolist() == [["zero_target"], ["missing_target"], ["missing_target"]]
    assert frame["value"].tolist() == [90.0, 4.0, 50.0]
    assert frame["achievement"].isna().all()
    assert frame["target"].tolist()[0] == 0.0


def test_per_year_targets_follow_the_period_column(con: Any) -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    load(
        con,
        "CREATE TABLE data AS SELECT * FROM (VALUES (2025, 45, 50), (2026, 45, 50), "
        "(2027, 45, 50)) t(period, a, b)",
    )
    frame = run(con, ratio, targets={"IKU-1": {2025: 90, "2026": 100}})
    assert frame["period"].tolist() == [2025, 2026, 2027]
    assert frame["target"].tolist()[:2] == [90.0, 100.0]
    assert frame["achievement"].tolist()[:2] == [100.0, 90.0]
    assert frame["issues"].tolist() == [[], [], ["missing_target"]]
    assert "period" not in frame.columns[: list(frame.columns).index("indicator")]


def test_the_period_argument_picks_the_year(con: Any) -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    load(con, "CREATE TABLE data AS SELECT 45 AS a, 50 AS b")
    frame = run(con, ratio, targets={"IKU-1": {2025: 90, 2026: 100}}, period=2026)
    assert frame["period"].tolist() == [2026]
    assert frame["target"].tolist() == [100.0]
    single = run(con, ratio, targets={"IKU-1": {2025: 90}})
    assert single["target"].tolist() == [90.0]
    several = run(con, ratio, targets={"IKU-1": {2025: 90, 2026: 100}})
    assert several["issues"].tolist() == [["missing_target"]]


def test_a_target_range_gives_100_inside_and_its_bounds_outside(con: Any) -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    load(
        con,
        "CREATE TABLE data AS SELECT * FROM "
        "(VALUES (1, 60, 100), (2, 80, 100), (3, 40, 100)) t(u, a, b)",
    )
    frame = run(con, ratio, targets={"IKU-1": (50, 70)})
    assert frame["target"].tolist() == [50.0] * 3
    assert frame["target_hi"].tolist() == [70.0] * 3
    assert frame["achievement"].tolist() == pytest.approx([100.0, 80 / 70 * 100, 80.0])


def test_lower_is_better_achievement(con: Any) -> None:
    ind = Indicator("X", "x", "a", polarity="lower")
    load(con, "CREATE TABLE data AS SELECT * FROM (VALUES (1, 8), (2, 12)) t(u, a)")
    frame = run(con, ind, targets={"X": 10})
    assert frame["achievement"].tolist() == pytest.approx([120.0, 80.0])
    assert frame["category"].tolist() == ["Sangat Tinggi", "Tinggi"]


def test_a_band_whose_cut_is_exclusive_is_read_greater_than_in_sql(con: Any) -> None:
    """A scale with ``inclusive=False`` reads each cut as ``>``: a capaian exactly on a cut
    falls in the band below, in SQL as in evaluate() (the query once used ``>=`` for all)."""
    strict = Scale("lulus", [("lulus", 50), ("tidak lulus", None)], inclusive=False)
    mixed = Scale(
        "campur", [Band("tinggi", 80, inclusive=True), Band("rendah", 0)], inclusive=False
    )
    values = [25, 26, 40, 0]  # capaian 50 (on a cut), 52, 80 (on a cut), 0 (on a cut)
    load(
        con, "CREATE TABLE data AS SELECT * FROM (VALUES (1, 25), (2, 26), (3, 40), (4, 0)) t(u, a)"
    )

    def labels(column: pd.Series) -> list[str | None]:
        return [label if isinstance(label, str) else None for label in column]

    for scale, expected in [
        (strict, ["tidak lulus", "lulus", "lulus", "tidak lulus"]),
        (mixed, ["rendah", "rendah", "tinggi", None]),
    ]:
        ind = Indicator("X", "x", "a", categories=scale)
        in_sql = labels(run(con, ind, targets={"X": 50})["category"])
        table = pd.DataFrame({"u": [1, 2, 3, 4], "a": values})
        in_python = labels(iku.evaluate(ind, table, targets={"X": 50}).to_frame()["category"])
        assert in_sql == in_python == expected


# --- grouping ------------------------------------------------------------------------------


def test_by_gives_a_ratio_of_sums_not_a_mean_of_ratios(con: Any) -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    load(
        con,
        "CREATE TABLE data AS SELECT * FROM (VALUES ('x', 1, 1), ('x', 1, 9), ('y', 3, 4)) "
        "t(kecamatan, a, b)",
    )
    frame = run(con, ratio, by="kecamatan", targets={"IKU-1": 80})
    assert list(frame.columns[:2]) == ["kecamatan", "indicator"]
    assert frame["kecamatan"].tolist() == ["x", "y"]
    assert frame["value"].tolist() == [20.0, 75.0]  # (1 + 1) / (1 + 9), not (100 + 10) / 2
    assert frame["numerator"].tolist() == [2.0, 3.0]
    assert frame["denominator"].tolist() == [10.0, 4.0]


def test_by_averages_scores_and_reports_every_bad_row(con: Any) -> None:
    s = small_set()
    load(
        con,
        """CREATE TABLE data AS SELECT * FROM (VALUES
        ('x', 2025, 1, 2, 4.0, 1, 2), ('x', 2025, NULL, 2, 5.0, 1, 2),
        ('x', 2025, NULL, -2, 3.0, 1, 2), ('y', 2025, 3, 4, 2.0, 1, 2))
        t(kecamatan, period, selesai, kasus, skor, biaya, pagu)""",
    )
    frame = run(con, s, by="kecamatan", targets={"IKU-2": 4})
    x1 = row(frame, "IKU-1", kecamatan="x")
    assert x1["issues"] == ["missing_value", "missing_value", "negative_value"]
    assert math.isnan(x1["value"])
    assert row(frame, "IKU-2", kecamatan="x")["value"] == 4.0  # the mean of 4, 5 and 3
    assert row(frame, "IKU-2", kecamatan="x")["period"] == 2025
    assert row(frame, "IKU-1", kecamatan="y")["value"] == 75.0


def test_by_several_columns_and_period(con: Any) -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    load(
        con,
        "CREATE TABLE data AS SELECT * FROM (VALUES ('k', 'd', 2025, 1, 2), "
        "('k', 'd', 2025, 1, 2), ('k', 'd', 2026, 3, 4), ('k', 'e', 2025, 1, 4)) "
        "t(kota, desa, period, a, b)",
    )
    frame = run(con, ratio, by=["kota", "desa"], targets={"IKU-1": {2025: 50, 2026: 75}})
    assert list(frame.columns[:3]) == ["kota", "desa", "indicator"]
    assert frame[["desa", "period", "value"]].values.tolist() == [
        ["d", 2025, 50.0],
        ["d", 2026, 75.0],
        ["e", 2025, 25.0],
    ]
    assert frame["category"].tolist() == ["Sangat Tinggi", "Sangat Tinggi", "Sangat Rendah"]


def test_by_an_empty_list_is_one_group_per_period(con: Any) -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    load(
        con,
        "CREATE TABLE data AS SELECT * FROM (VALUES (2025, 1, 2), (2025, 3, 4), (2026, 1, 4)) "
        "t(period, a, b)",
    )
    frame = run(con, ratio, by=[])
    assert list(frame.columns[:2]) == ["indicator", "period"]
    assert frame[["period", "value"]].values.tolist() == [[2025, 4 / 6 * 100], [2026, 25.0]]


def test_targets_may_be_a_table_as_for_evaluate(con: Any) -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    load(
        con,
        "CREATE TABLE data AS SELECT * FROM (VALUES (2025, 1, 2), (2026, 3, 4)) t(period, a, b)",
    )
    table = pd.DataFrame(
        {"indicator": ["IKU-1", "IKU-1"], "period": [2025, 2026], "target": [50, 100]}
    )
    frame = run(con, ratio, targets=table)
    assert frame["target"].tolist() == [50.0, 100.0]
    assert frame["achievement"].tolist() == [100.0, 75.0]


# --- keys and options ----------------------------------------------------------------------


def test_without_by_every_other_column_is_a_key(con: Any, madiun: IndicatorSet) -> None:
    names = [v.code for v in madiun.variables]
    load(
        con,
        f"CREATE TABLE data AS SELECT 'Taman' AS kecamatan, 'Kejuron' AS kelurahan, "
        f"{', '.join(f'10 AS {n}' for n in names)}",
    )
    frame = run(con, madiun)
    assert list(frame.columns[:3]) == ["kecamatan", "kelurahan", "indicator"]
    assert frame["indicator"].tolist() == list(madiun.codes)
    assert frame["value"].tolist()[:6] == [100.0] * 6
    assert frame["issues"].tolist()[:6] == [["missing_target"]] * 6
    assert frame["issues"].tolist()[6] == ["out_of_scale"]  # no value, so no target needed


def test_a_declared_variable_no_indicator_uses_is_no_key(con: Any) -> None:
    a, b, c = Variable("a", "a"), Variable("b", "b"), Variable("c", "tidak dipakai")
    s = IndicatorSet(
        "kota-x.dinas.2025",
        "x",
        "Dinas X",
        (2025,),
        [Sasaran("S-1", "s", [Ratio("I-1", "r", a, b)])],
        [a, b, c],
    )
    load(con, "CREATE TABLE data AS SELECT 'Taman' AS unit, 1 AS a, 2 AS b, 9 AS c")
    frame = run(con, s)
    assert list(frame.columns[:2]) == ["unit", "indicator"]


def test_keys_choose_the_key_columns(con: Any) -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    load(
        con,
        "CREATE TABLE data AS SELECT * FROM "
        "(VALUES (2, 'x', 1, 2), (1, 'y', 1, 4)) t(id, note, a, b)",
    )
    frame = run(con, ratio, keys=["id"])
    assert list(frame.columns[:2]) == ["id", "indicator"]
    assert frame["id"].tolist() == [1, 2]  # ordered by the keys
    assert frame["value"].tolist() == [25.0, 50.0]


def test_to_sql_with_column_types_skips_needless_checks(madiun: IndicatorSet) -> None:
    typed = iku.to_sql(madiun, "data", columns={v.code: "INTEGER" for v in madiun.variables})
    untyped = iku.to_sql(madiun, "data", keys=[])
    assert 'ISFINITE(CAST("psks"' in untyped
    assert 'ISFINITE(CAST("psks"' not in typed
    assert "FLOOR" not in typed.split("ipp")[0]


def test_an_unknown_connection_is_refused(madiun: IndicatorSet) -> None:
    with pytest.raises(iku.IkuError, match="connection must be a DuckDB connection"):
        iku.evaluate_sql(madiun, object(), "data")


def test_as_spark_needs_a_spark_session(con: Any) -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    load(con, "CREATE TABLE data AS SELECT 1 AS a, 2 AS b")
    with pytest.raises(iku.IkuError, match="as_spark=True needs a SparkSession"):
        iku.evaluate_sql(ratio, con, "data", as_spark=True)


def test_a_lone_indicator_takes_its_variables_as_amounts(con: Any) -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    load(con, "CREATE TABLE data AS SELECT * FROM (VALUES (1.5, 3), (-1, 3)) t(a, b)")
    frame = run(con, ratio, targets={"IKU-1": 50})
    assert frame["value"].tolist()[0] == 50.0  # 1.5 is fine for an amount
    assert frame["issues"].tolist()[1] == ["negative_value"]


def test_the_madiun_set_end_to_end(con: Any, madiun: IndicatorSet) -> None:
    load(
        con,
        """CREATE TABLE data AS SELECT * FROM (VALUES
        ('Kartoharjo', 2025, 120, 150, 40, 50, 30, 40, 900, 2000, 700, 1000, 45, 50, 4.2),
        ('Taman', 2025, 80, 100, 10, 0, 20, 40, 800, 2000, 600, 1000, 55, 50, 3.2))
        t(kecamatan, period, pmks_dilindungi, pmks_perlu_perlindungan, psks_diberdayakan,
          psks, pmks_direhabilitasi, pmks_perlu_rehabilitasi, perempuan_pengambil_keputusan,
          perempuan_usia_produktif, keluarga_berkualitas, keluarga_disurvei,
          pengaduan_diselesaikan, pengaduan, ipp)""",
    )
    targets = {code: {2025: 80} for code in madiun.codes} | {"IKU-7": {2025: 4.0}}
    frame = run(con, madiun, targets=targets)
    k = frame[frame["kecamatan"] == "Kartoharjo"]
    assert k["value"].tolist() == pytest.approx([80.0, 80.0, 75.0, 45.0, 70.0, 90.0, 4.2])
    assert k["category"].tolist() == [
        "Sangat Tinggi",
        "Sangat Tinggi",
        "Sangat Tinggi",
        "Rendah",
        "Tinggi",
        "Sangat Tinggi",
        "Sangat Tinggi",
    ]
    assert k["grade"].tolist()[6] == "A-"
    t = frame[frame["kecamatan"] == "Taman"]
    assert t["issues"].tolist()[1] == ["denominator_zero"]
    assert t["issues"].tolist()[5] == ["numerator_exceeds_denominator"]
    assert t["grade"].tolist()[6] == "B-"
    grouped = run(con, madiun, by="period", targets=targets)
    assert grouped["value"].tolist()[0] == pytest.approx(200 / 250 * 100)
    assert grouped["value"].tolist()[1] == 100.0  # (40 + 10) / (50 + 0): the sum is not zero


# --- keys and period: every output row can be traced back -----------------------------------

TWO_YEARS = """CREATE TABLE data AS SELECT * FROM (VALUES
    ('Taman', 2025, 1, 2), ('Taman', 2025, 1, 2), ('Taman', 2026, 3, 4),
    ('Kartoharjo', 2025, 1, 4), ('Kartoharjo', 2026, 2, 4))
    t(kecamatan, period, a, b)"""


def _evaluate_like(con: Any, subject: Any, **options: Any) -> pd.DataFrame:
    """What evaluate() gives for the table ``data``, as evaluate_sql's frame is compared."""
    frame = iku.evaluate(subject, con.sql("SELECT * FROM data").df(), **options).to_frame()
    assert isinstance(frame, pd.DataFrame)
    return frame


def test_to_sql_without_columns_keeps_years_apart_when_grouping(con: Any) -> None:
    """``iku sql --by kecamatan`` added 2025 and 2026 together and turned per-year targets into
    missing_target: with by, the period stays a key of the query as it does in evaluate()."""
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    load(con, TWO_YEARS)
    targets = {"IKU-1": {2025: 50, 2026: 75}}
    frame = con.sql(iku.to_sql(ratio, "data", by="kecamatan", targets=targets)).df()
    assert list(frame.columns[:3]) == ["kecamatan", "indicator", "period"]
    assert frame[["kecamatan", "period", "value", "target"]].values.tolist() == [
        ["Kartoharjo", 2025, 25.0, 50.0],
        ["Kartoharjo", 2026, 50.0, 75.0],
        ["Taman", 2025, 50.0, 50.0],
        ["Taman", 2026, 75.0, 75.0],
    ]
    assert [list(codes) for codes in frame["issues"]] == [[]] * 4
    want = _evaluate_like(con, ratio, by="kecamatan", targets=targets)
    assert frame["value"].tolist() == want["value"].tolist()
    assert frame["period"].tolist() == want["period"].tolist()


def test_to_sql_without_columns_needs_the_keys_named(con: Any) -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    with pytest.raises(SqlError, match=r"to_sql does not see the table data, .* keys=\[\.\.\.\]"):
        iku.to_sql(ratio, "data")
    load(con, TWO_YEARS)
    frame = con.sql(iku.to_sql(ratio, "data", keys=["kecamatan", "period"])).df()
    assert list(frame.columns[:3]) == ["kecamatan", "indicator", "period"]
    want = _evaluate_like(con, ratio)
    ordered = want.sort_values(["kecamatan", "period"], kind="stable")
    assert frame[["kecamatan", "period", "value"]].values.tolist() == (
        ordered[["kecamatan", "period", "value"]].values.tolist()
    )


def test_a_period_argument_stands_for_a_table_without_a_period_column(con: Any) -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    load(con, "CREATE TABLE data AS SELECT * FROM (VALUES ('x', 1, 2), ('x', 1, 2)) t(unit, a, b)")
    query = iku.to_sql(ratio, "data", by="unit", period=2025, targets={"IKU-1": {2025: 40}})
    frame = con.sql(query).df()
    assert frame[["unit", "period", "value", "target"]].values.tolist() == [["x", 2025, 50.0, 40.0]]


def test_keys_and_by_are_not_given_together() -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    with pytest.raises(SqlError, match="with by=, the by columns are the keys"):
        iku.to_sql(ratio, "data", by="unit", keys=["unit"])


def test_evaluate_sql_keeps_keys_and_period_as_evaluate_does(con: Any) -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    load(con, TWO_YEARS)
    targets = {"IKU-1": {2025: 50, 2026: 75}}
    for by in (None, "kecamatan", []):
        frame = run(con, ratio, by=by, targets=targets)
        want = _evaluate_like(con, ratio, by=by, targets=targets)
        if by is None:  # SQL orders rows by their keys; evaluate keeps the table's order
            want = want.sort_values(["kecamatan", "period"], kind="stable").reset_index(drop=True)
        assert list(frame.columns) == list(want.columns)
        for name in ("kecamatan", "period", "value", "target"):
            if name in want:
                assert frame[name].tolist() == want[name].tolist(), (by, name)


# --- infinities never reach a query ------------------------------------------------------------


def test_a_non_finite_number_is_never_written_into_a_query() -> None:
    from iku.backends.sql_printer import number

    for value in (math.inf, -math.inf, math.nan):
        with pytest.raises(SqlError, match="is not a finite number and is not written into SQL"):
            number(value)


def test_a_band_from_infinity_is_left_out_of_the_query(con: Any) -> None:
    """A Python scale may hold a band starting at +inf (a set file refuses it): no finite value
    falls in it, and the query leaves it out rather than compare with a column named inf."""
    odd = Scale("ODD", [("tak hingga", math.inf), ("tinggi", 50), ("rendah", None)])
    ind = Indicator("X", "x", "a", categories=odd)
    load(con, "CREATE TABLE data AS SELECT * FROM (VALUES (1, 60), (2, 40)) t(u, a)")
    sql = iku.to_sql(ind, "data", keys=["u"], targets={"X": 100})
    assert "inf" not in sql.lower().replace("information", "")
    frame = con.sql(sql).df()
    assert frame["category"].tolist() == ["tinggi", "rendah"]
    assert frame["category"].tolist() == run(con, ind, targets={"X": 100})["category"].tolist()


def test_by_checks_every_row_before_it_is_summed(con: Any) -> None:
    """As evaluate() does: a row whose numerator exceeds its denominator (27 of 23) leaves its
    group without a value; a row whose denominator is 0 is a warning (its numbers are summed);
    neither is reported again where the group's own sums show it."""
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    load(
        con,
        """CREATE TABLE data AS SELECT * FROM (VALUES
        ('over', 27, 23), ('over', 1, 100),
        ('zero', 0, 0), ('zero', 5, 10),
        ('both', 0, 0), ('both', 0, 0))
        t(kecamatan, a, b)""",
    )
    frame = run(con, ratio, by="kecamatan", targets={"IKU-1": 50})
    table = con.sql("SELECT * FROM data").df()
    want = iku.evaluate(ratio, table, by="kecamatan", targets={"IKU-1": 50}).to_frame()
    assert frame["kecamatan"].tolist() == ["both", "over", "zero"]
    assert [list(codes) for codes in frame["issues"]] == [
        ["denominator_zero"],  # the group's own: its rows are not listed again
        ["numerator_exceeds_denominator"],  # 27 of 23, although 28 of 123 is fine
        ["denominator_zero"],  # one row of 0 of 0: a warning, the group has its value
    ]
    assert frame["value"].tolist()[1:] == [pytest.approx(math.nan, nan_ok=True), 50.0]
    assert [list(codes) for codes in want["issues"]] == [list(c) for c in frame["issues"]]


# --- targets: read as evaluate reads them; what a query cannot carry is refused --------------


def test_a_target_given_twice_or_for_no_indicator_is_refused_by_name(
    madiun: IndicatorSet,
) -> None:
    table = pd.DataFrame(
        {
            "indicator": ["IKU-1", "IKU-1", "IKU2"],
            "period": [2025, 2025, 2025],
            "target": [80, 85, 70],
        }
    )
    refused = "(?s)2 error.*more than once.*IKU2.*did you mean IKU-2"
    with pytest.raises(SqlError, match=refused) as info:
        iku.to_sql(madiun, "data", keys=[], targets=table)
    assert "lebih dari sekali" in info.value.message or info.value.message != str(info.value)


def test_a_target_given_as_text_is_not_a_number_on_its_rows_as_in_evaluate(con: Any) -> None:
    ratio = Ratio("IKU-1", "r", Variable("a", "a"), Variable("b", "b"))
    load(con, TWO_YEARS)
    targets = {"IKU-1": {2025: "sembilan puluh", None: 60}}
    frame = run(con, ratio, targets=targets)
    want = _evaluate_like(con, ratio, targets=targets)
    want = want.sort_values(["kecamatan", "period"], kind="stable").reset_index(drop=True)
    assert [list(c) for c in frame["issues"]] == [list(c) for c in want["issues"]]
    assert frame["target"].tolist() == pytest.approx(want["target"].tolist(), nan_ok=True)
    assert ["not_a_number"] in [list(c) for c in frame["issues"]]
    assert 60.0 in frame["target"].tolist()  # the target without a year serves 2026
