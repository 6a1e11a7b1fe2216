"""evaluate() through the public names: one unit, tables of every kind, grouping, targets, every
issue code, strict mode, argument errors, frames."""

from __future__ import annotations

import math
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest

import iku
from iku import (
    Index,
    Indicator,
    IssueCode,
    Ratio,
    Severity,
    TargetRange,
    ValidationError,
    Variable,
    evaluate,
)
from iku.errors import ArgumentError, ColumnNotFoundError, IkuError, ResultNotFoundError

SET_ID = "kota-madiun.dinsosppa.2025-2026"

CLEAN: dict[str, Any] = {
    "pmks_dilindungi": 40,
    "pmks_perlu_perlindungan": 50,
    "psks_diberdayakan": 45,
    "psks": 50,
    "pmks_direhabilitasi": 30,
    "pmks_perlu_rehabilitasi": 40,
    "perempuan_pengambil_keputusan": 120,
    "perempuan_usia_produktif": 1000,
    "keluarga_berkualitas": 800,
    "keluarga_disurvei": 1000,
    "pengaduan_diselesaikan": 20,
    "pengaduan": 25,
    "ipp": 4.2,
}
TARGETS: dict[str, Any] = {
    "IKU-1": 80,
    "IKU-2": 85,
    "IKU-3": 75,
    "IKU-4": 15,
    "IKU-5": 70,
    "IKU-6": 90,
    "IKU-7": 4.0,
}


@pytest.fixture(scope="module")
def madiun() -> iku.IndicatorSet:
    return iku.get_set(SET_ID)


def codes_of(result: iku.Result) -> list[str]:
    return [str(issue.code) for issue in result.issues]


def errors_of(result: iku.Result) -> list[str]:
    return [str(issue.code) for issue in result.issues if issue.severity is Severity.ERROR]


# --- one unit --------------------------------------------------------------------------------


def test_one_unit_gives_value_achievement_and_predikat_per_indicator(madiun: Any) -> None:
    ev = evaluate(madiun, CLEAN, targets=TARGETS, period=2025)
    assert [r.code for r in ev.results] == list(madiun.codes)
    r = ev["IKU-1"]
    assert (r.value, r.target, r.achievement, r.category) == (80.0, 80.0, 100.0, "Sangat Tinggi")
    assert (r.numerator, r.denominator, r.period, r.keys) == (40.0, 50.0, 2025, {})
    assert ev["IKU-4"].value == 12.0
    assert ev["IKU-4"].achievement == 80.0
    assert ev["IKU-4"].category == "Tinggi"
    ipp = ev["IKU-7"]
    assert (ipp.value, ipp.grade, ipp.numerator, ipp.denominator) == (4.2, "A-", None, None)
    assert ev.ok
    assert ev.issues == ()
    assert len(ev) == 1
    assert ev.periods == (2025,)
    assert ev.key_columns == ()
    assert ev.set is madiun
    assert ev.subject is madiun


def test_a_unit_s_period_key_is_its_period_not_an_unknown_variable(madiun: Any) -> None:
    ev = evaluate(madiun, {**CLEAN, "period": 2026}, targets={"IKU-1": {2025: 50, 2026: 100}})
    assert ev["IKU-1"].period == 2026
    assert ev["IKU-1"].target == 100.0
    assert not [i for i in ev.issues if i.code is IssueCode.UNKNOWN_VARIABLE]


def test_results_are_none_never_zero_or_inf_when_a_value_cannot_be_computed(madiun: Any) -> None:
    ev = evaluate(madiun, {**CLEAN, "psks": 0}, targets=TARGETS)
    r = ev["IKU-2"]
    assert (r.value, r.achievement, r.category) == (None, None, None)
    assert (r.numerator, r.denominator) == (45.0, 0.0)
    assert r.target == 85.0  # the target is still reported beside the missing value
    assert codes_of(r) == ["denominator_zero"]
    assert not ev.ok
    assert not r.ok
    assert ev["IKU-1"].value == 80.0  # every other indicator still evaluated


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (None, "missing_value"),
        (pd.NA, "missing_value"),
        (pd.NaT, "missing_value"),
        ("12", "not_a_number"),
        ("abc", "not_a_number"),
        (b"12", "not_a_number"),
        (True, "not_a_number"),
        (np.bool_(False), "not_a_number"),
        ([1, 2], "not_a_number"),
        ((1,), "not_a_number"),
        ({"a": 1}, "not_a_number"),
        ({1}, "not_a_number"),
        (1 + 2j, "not_a_number"),
        (object(), "not_a_number"),
        (float("nan"), "missing_value"),
        (float("inf"), "not_finite"),
        (-math.inf, "not_finite"),
        (10**400, "not_finite"),
        (-(10**400), "not_finite"),
        (Decimal("NaN"), "missing_value"),
        (Decimal("sNaN"), "missing_value"),
        (Decimal("1e400"), "not_finite"),
        (np.float64("nan"), "missing_value"),
        (-3, "negative_value"),
        (np.int64(-3), "negative_value"),
        (Decimal("-0.5"), "negative_value"),
        (2.5, "not_integer"),
        (Fraction(5, 2), "not_integer"),
        (np.float32(2.5), "not_integer"),
    ],
)
def test_each_bad_value_of_a_count_gets_its_code(madiun: Any, raw: object, code: str) -> None:
    ev = evaluate(madiun, {**CLEAN, "psks": raw}, targets=TARGETS)
    r = ev["IKU-2"]
    assert codes_of(r) == [code]
    assert r.issues[0].variable == "psks"
    assert r.issues[0].indicator == "IKU-2"
    assert r.issues[0].row is None
    assert r.issues[0].severity is Severity.ERROR
    assert r.value is None
    assert r.numerator == 45.0
    assert r.denominator is None


@pytest.mark.parametrize("raw", [50, 50.0, Decimal(50), Fraction(50), np.int32(50), np.float64(50)])
def test_every_kind_of_number_is_a_number(madiun: Any, raw: object) -> None:
    assert evaluate(madiun, {**CLEAN, "psks": raw})["IKU-2"].value == 90.0


def test_an_absent_variable_is_missing(madiun: Any) -> None:
    data = {k: v for k, v in CLEAN.items() if k != "pengaduan"}
    r = evaluate(madiun, data, targets=TARGETS)["IKU-6"]
    assert codes_of(r) == ["missing_value"]
    assert r.issues[0].message == "nilai pengaduan tidak ada"
    assert r.issues[0].message_en == "pengaduan has no value"


def test_a_score_outside_its_range_is_out_of_scale(madiun: Any) -> None:
    r = evaluate(madiun, {**CLEAN, "ipp": 5.5}, targets=TARGETS)["IKU-7"]
    assert codes_of(r) == ["out_of_scale"]
    assert r.issues[0].variable == "ipp"
    assert r.issues[0].message_en == "ipp (5.5) is outside its scale 0 to 5"
    assert r.grade is None
    assert r.value is None


def test_a_score_may_be_fractional_but_not_negative_beyond_its_range(madiun: Any) -> None:
    assert evaluate(madiun, {**CLEAN, "ipp": 0.0})["IKU-7"].grade == "F"
    assert codes_of(evaluate(madiun, {**CLEAN, "ipp": -0.1})["IKU-7"]) == ["out_of_scale"]


def test_numerator_over_denominator_is_refused_for_a_proportion(madiun: Any) -> None:
    r = evaluate(madiun, {**CLEAN, "pengaduan_diselesaikan": 30}, targets=TARGETS)["IKU-6"]
    assert codes_of(r) == ["numerator_exceeds_denominator"]
    assert r.issues[0].variable is None
    assert r.issues[0].message_en == "the numerator (30) is larger than the denominator (25)"
    assert (r.value, r.numerator, r.denominator) == (None, 30.0, 25.0)


def test_issues_follow_the_order_of_the_steps_and_of_the_formula(madiun: Any) -> None:
    data = {**CLEAN, "pmks_dilindungi": "x", "pmks_perlu_perlindungan": -1}
    r = evaluate(madiun, data)["IKU-1"]
    assert codes_of(r) == ["not_a_number", "negative_value"]
    assert [i.variable for i in r.issues] == ["pmks_dilindungi", "pmks_perlu_perlindungan"]


def test_unknown_columns_of_a_unit_are_warned_once_each(madiun: Any) -> None:
    ev = evaluate(madiun, {**CLEAN, "kelurahan": "Taman", "catatan": 1}, targets=TARGETS)
    unknown = [i for i in ev.issues if i.code is IssueCode.UNKNOWN_VARIABLE]
    assert [i.variable for i in unknown] == ["kelurahan", "catatan"]
    assert all(i.severity is Severity.WARNING and i.indicator is None for i in unknown)
    assert ev.issues[:2] == tuple(unknown)  # table-level issues come first
    assert ev.ok


def test_a_lone_indicator_warns_of_no_unknown_column(madiun: Any) -> None:
    ev = evaluate(madiun["IKU-2"], {**CLEAN, "anything": 1}, targets=TARGETS)
    assert ev.issues == ()
    assert ev.set is None
    assert ev.codes == ("IKU-2",)


def test_a_lone_indicator_takes_its_variables_as_amounts() -> None:
    ratio = Ratio("R", "r", Variable("a", "a"), Variable("b", "b"))
    assert evaluate(ratio, {"a": 1.5, "b": 3})["R"].value == 50.0  # no not_integer
    assert codes_of(evaluate(ratio, {"a": -1, "b": 3})["R"]) == ["negative_value"]


def test_a_lone_index_takes_its_variables_as_reals_and_checks_its_scale() -> None:
    index = Index("X", "x", Indicator("t", "t", "a - b").formula, bounds=(-10, 10))
    assert evaluate(index, {"a": -3, "b": 2})["X"].value == -5.0
    r = evaluate(index, {"a": 30, "b": 2})["X"]
    assert codes_of(r) == ["out_of_scale"]
    assert r.issues[0].variable is None


def test_every_denominator_of_a_general_formula_is_checked() -> None:
    ind = Indicator("G", "g", "a / (b - c) + a / d")
    ev = evaluate(ind, {"a": 1, "b": 2, "c": 2, "d": 0})
    r = ev["G"]
    assert codes_of(r) == ["denominator_zero", "denominator_zero"]
    assert [i.variable for i in r.issues] == ["b - c", "d"]
    assert r.value is None


def test_a_denominator_sympy_cancels_is_still_checked() -> None:
    ind = Indicator("C", "c", "a * b / (a * c)")
    assert codes_of(evaluate(ind, {"a": 0, "b": 1, "c": 2})["C"]) == ["denominator_zero"]
    assert evaluate(ind, {"a": 3, "b": 1, "c": 2})["C"].value == 0.5


def test_an_overflowing_value_is_not_finite() -> None:
    ind = Indicator("P", "p", "a * b")
    r = evaluate(ind, {"a": 1e300, "b": 1e300})["P"]
    assert codes_of(r) == ["not_finite"]
    assert r.issues[0].variable is None
    assert r.value is None


def test_lower_is_better_gives_100_at_target_and_0_at_twice_it() -> None:
    ind = Indicator("L", "l", "a", polarity="lower")
    assert evaluate(ind, {"a": 10}, targets={"L": 10})["L"].achievement == 100.0
    assert evaluate(ind, {"a": 20}, targets={"L": 10})["L"].achievement == 0.0
    assert evaluate(ind, {"a": 5}, targets={"L": 10})["L"].achievement == 150.0


# --- targets ---------------------------------------------------------------------------------


def test_range_targets_give_100_inside_and_use_the_nearer_bound_outside(madiun: Any) -> None:
    ind = madiun["IKU-2"]
    for psks_d, expected in ((40, 100.0), (45, 90 / 85 * 100), (30, 60 / 70 * 100)):
        data = {"psks_diberdayakan": psks_d, "psks": 50}
        for target in ((70, 85), [70, 85], TargetRange(70, 85)):
            r = evaluate(ind, data, targets={"IKU-2": target})["IKU-2"]
            assert r.achievement == pytest.approx(expected)
            assert r.target == TargetRange(70, 85)


def test_per_year_targets_follow_the_period(madiun: Any) -> None:
    targets = {"IKU-2": {2025: 80, "2026": 100}}
    assert evaluate(madiun, CLEAN, targets=targets, period=2026)["IKU-2"].achievement == 90.0
    assert evaluate(madiun, CLEAN, targets=targets, period="2025")["IKU-2"].target == 80.0
    one_year = evaluate(madiun, CLEAN, targets={"IKU-2": {2025: 90}})["IKU-2"]
    assert one_year.achievement == 100.0  # one year given and no period: that year


@pytest.mark.parametrize(
    ("targets", "period", "message_en"),
    [
        (None, None, "no target was given for this indicator"),
        ({}, 2025, "no target for period 2025"),
        ({"IKU-2": {2026: 90}}, 2025, "no target for period 2025"),
        ({"IKU-2": {2025: 80, 2026: 90}}, None, "targets are given per year (2025, 2026)"),
        ({"IKU-2": float("nan")}, None, "no target was given for this indicator"),
        ({"IKU-2": {2025: math.nan}}, 2025, "no target for period 2025"),
    ],
)
def test_a_missing_target_is_a_warning_that_says_why(
    madiun: Any, targets: Any, period: Any, message_en: str
) -> None:
    r = evaluate(madiun, CLEAN, targets=targets, period=period)["IKU-2"]
    assert codes_of(r) == ["missing_target"]
    assert r.issues[0].severity is Severity.WARNING
    assert r.issues[0].message_en.startswith(message_en)
    assert r.value == 90.0
    assert r.achievement is None
    assert r.category is None


@pytest.mark.parametrize(
    ("targets", "period", "message_en"),
    [
        ({"IKU-2": "80%"}, 2025, "the target for period 2025 is not a number ('80%')"),
        ({"IKU-2": "sembilan puluh"}, None, "the target is not a number ('sembilan puluh')"),
        ({"IKU-2": (90, 80)}, None, "the target is not a number ((90, 80))"),
        ({"IKU-2": True}, None, "the target is not a number (True)"),
    ],
)
def test_a_target_that_is_not_a_number_is_an_error_that_says_why(
    madiun: Any, targets: Any, period: Any, message_en: str
) -> None:
    ev = evaluate(madiun, CLEAN, targets=targets, period=period)
    r = ev["IKU-2"]
    assert codes_of(r) == ["not_a_number"]
    assert r.issues[0].severity is Severity.ERROR
    assert r.issues[0].message_en.startswith(message_en)
    assert (r.value, r.achievement, r.category) == (90.0, None, None)
    assert not ev.ok
    with pytest.raises(ValidationError, match="not_a_number"):
        evaluate(madiun, CLEAN, targets=targets, period=period, strict=True)
    table = {k: [v, v] for k, v in CLEAN.items()}
    assert not evaluate(madiun, table, targets=targets, period=period).ok


def test_a_zero_target_keeps_the_value_and_gives_no_achievement(madiun: Any) -> None:
    r = evaluate(madiun, CLEAN, targets={"IKU-2": 0})["IKU-2"]
    assert codes_of(r) == ["zero_target"]
    assert (r.value, r.target, r.achievement) == (90.0, 0.0, None)
    ranged = evaluate(madiun, {**CLEAN, "psks_diberdayakan": 0}, targets={"IKU-2": (0, 50)})
    assert ranged["IKU-2"].achievement == 100.0  # inside the range: no division


def test_no_target_issue_when_there_is_no_value(madiun: Any) -> None:
    r = evaluate(madiun, {**CLEAN, "psks": None})["IKU-2"]
    assert codes_of(r) == ["missing_value"]


def test_targets_may_be_a_data_frame(madiun: Any) -> None:
    frame = pd.DataFrame(
        {"indicator": ["IKU-2", "IKU-2"], "period": [2025, 2026], "target": [80.0, 100.0]}
    )
    ev = evaluate(madiun, CLEAN, targets=frame, period=2026)
    assert ev["IKU-2"].achievement == 90.0
    polars_frame = pl.DataFrame({"indicator": ["IKU-2"], "target": [70], "target_hi": [95]})
    assert evaluate(madiun, CLEAN, targets=polars_frame)["IKU-2"].target == TargetRange(70, 95)
    with pytest.raises(ColumnNotFoundError, match="needs columns indicator and target"):
        evaluate(madiun, CLEAN, targets=pd.DataFrame({"code": ["IKU-2"]}))


# --- strict ----------------------------------------------------------------------------------


def test_strict_raises_one_error_carrying_every_issue(madiun: Any) -> None:
    data = {**CLEAN, "psks": 0, "ipp": "baik", "extra": 1}
    with pytest.raises(ValidationError, match="masalah data") as caught:
        evaluate(madiun, data, targets=TARGETS, strict=True)
    found = [str(i.code) for i in caught.value.issues]
    assert found == ["unknown_variable", "denominator_zero", "not_a_number"]


def test_strict_accepts_warnings(madiun: Any) -> None:
    ev = evaluate(madiun, CLEAN, strict=True)
    assert ev.ok
    assert {str(i.code) for i in ev.issues} == {"missing_target"}


# --- arguments -------------------------------------------------------------------------------


@pytest.mark.parametrize("subject", ["kota-madiun.dinsosppa.2025-2026", None, 42, [1]])
def test_a_subject_that_is_no_indicator_nor_set_is_an_argument_error(subject: Any) -> None:
    with pytest.raises(ArgumentError, match="takes an IndicatorSet or an Indicator"):
        evaluate(subject, CLEAN)
    with pytest.raises(TypeError, match="as its subject"):
        evaluate(subject, CLEAN)


@pytest.mark.parametrize("data", [None, "psks=5", 5, [1, 2], (1,), {1, 2}])
def test_data_that_is_neither_a_mapping_nor_a_table_is_an_argument_error(
    madiun: Any, data: Any
) -> None:
    with pytest.raises(ArgumentError, match="evaluate\\(\\) takes as data"):
        evaluate(madiun, data)


def test_by_naming_a_missing_column_is_a_key_error(madiun: Any) -> None:
    table = {k: [v, v] for k, v in CLEAN.items()}
    with pytest.raises(ColumnNotFoundError, match="'kecamatan', which the data does not have"):
        evaluate(madiun, table, by="kecamatan")
    with pytest.raises(KeyError, match="kecamatan"):
        evaluate(madiun, table, by=["kecamatan"])


@pytest.mark.parametrize("by", [5, {"a": 1}, [["a"]]])
def test_by_of_the_wrong_type_is_an_argument_error(madiun: Any, by: Any) -> None:
    with pytest.raises(ArgumentError, match="by is a column name or a list"):
        evaluate(madiun, CLEAN, by=by)


@pytest.mark.parametrize("targets", [80, "80", [80]])
def test_targets_of_the_wrong_type_are_an_argument_error(madiun: Any, targets: Any) -> None:
    with pytest.raises(ArgumentError, match="targets is a mapping"):
        evaluate(madiun, CLEAN, targets=targets)


def test_argument_errors_are_iku_errors() -> None:
    assert issubclass(ArgumentError, IkuError)
    assert issubclass(ArgumentError, TypeError)
    assert issubclass(ColumnNotFoundError, IkuError)
    assert issubclass(ColumnNotFoundError, KeyError)
    assert issubclass(ResultNotFoundError, IkuError)
    assert issubclass(ResultNotFoundError, KeyError)


def test_looking_up_results(madiun: Any) -> None:
    table = {k: [v, v] for k, v in CLEAN.items()}
    ev = evaluate(madiun, table)
    with pytest.raises(ResultNotFoundError, match=r"has 2 rows: use ev\['IKU-1', i\]"):
        ev["IKU-1"]
    assert ev["IKU-1", 1].value == 80.0
    assert ev["IKU-1", -1] == ev["IKU-1", 1]
    with pytest.raises(ResultNotFoundError, match="row 2 is out of range"):
        ev["IKU-1", 2]
    with pytest.raises(ResultNotFoundError, match="no indicator 'IKU-9'"):
        ev["IKU-9", 0]
    with pytest.raises(TypeError, match="not iterable"):
        iter(ev)


# --- tables ----------------------------------------------------------------------------------

KELURAHAN = ["Kartoharjo", "Oro-oro Ombo", "Taman"]


def table_rows() -> list[dict[str, Any]]:
    rows = []
    for i, name in enumerate(KELURAHAN):
        for year in (2025, 2026):
            row = {"kelurahan": name, "period": year, **CLEAN}
            row["psks_diberdayakan"] = 30 + i + (year - 2025) * 5
            rows.append(row)
    return rows


def as_columns(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    return {name: [row[name] for row in rows] for name in rows[0]}


def as_input(rows: list[dict[str, Any]], kind: str) -> Any:
    columns = as_columns(rows)
    if kind == "lists":
        return columns
    if kind == "numpy":
        return {k: np.array(v) for k, v in columns.items()}
    if kind == "pandas":
        return pd.DataFrame(columns)
    return pl.DataFrame(columns)


TABLE_KINDS = ["lists", "numpy", "pandas", "polars"]
PER_YEAR = {code: {2025: 80, 2026: 90} for code in TARGETS}


@pytest.mark.parametrize("kind", TABLE_KINDS)
def test_a_table_evaluates_each_row_like_one_unit(madiun: Any, kind: str) -> None:
    rows = table_rows()
    ev = evaluate(madiun, as_input(rows, kind), targets=PER_YEAR)
    assert len(ev) == len(rows)
    assert ev.key_columns == ("kelurahan",)
    assert ev.periods == (2025, 2026)
    assert len(ev.results) == len(rows) * len(madiun)
    for i, row in enumerate(rows):
        unit = evaluate(
            madiun, {k: v for k, v in row.items() if k != "kelurahan"}, targets=PER_YEAR
        )
        for code in madiun.codes:
            got, want = ev[code, i], unit[code]
            assert got.keys == {"kelurahan": row["kelurahan"]}
            assert (got.value, got.achievement, got.category, got.target, got.period) == (
                want.value,
                want.achievement,
                want.category,
                want.target,
                want.period,
            )


@pytest.mark.parametrize("kind", TABLE_KINDS)
def test_a_table_row_s_issues_name_its_keys(madiun: Any, kind: str) -> None:
    rows = table_rows()
    rows[3]["psks"] = 0
    ev = evaluate(madiun, as_input(rows, kind), targets=PER_YEAR)
    assert not ev.ok
    [issue] = [i for i in ev.issues if i.severity is Severity.ERROR]
    assert issue.code is IssueCode.DENOMINATOR_ZERO
    assert issue.row == {"kelurahan": "Oro-oro Ombo", "period": 2026}
    assert str(issue).startswith("[denominator_zero] indikator IKU-2, baris {")


def test_a_table_without_keys_names_rows_by_position(madiun: Any) -> None:
    columns = {k: [v, v, v] for k, v in CLEAN.items()}
    columns["psks"] = [50, None, 50]
    ev = evaluate(madiun, columns)
    [issue] = [i for i in ev.issues if i.severity is Severity.ERROR]
    assert issue.row == 1
    assert ev.key_columns == ()


def test_a_column_absent_from_a_table_is_missing_on_every_row(madiun: Any) -> None:
    columns = {k: [v, v] for k, v in CLEAN.items() if k != "ipp"}
    ev = evaluate(madiun, columns)
    assert [errors_of(ev["IKU-7", i]) for i in range(2)] == [["missing_value"]] * 2


def test_nan_is_a_missing_value_in_every_kind_of_input(madiun: Any) -> None:
    values = [50.0, float("nan"), 50.0]
    columns = {k: [v] * 3 for k, v in CLEAN.items()}
    frame = pd.DataFrame({**columns, "psks": values})
    assert errors_of(evaluate(madiun, frame)["IKU-2", 1]) == ["missing_value"]
    mixed = pd.DataFrame({**columns, "psks": pd.Series([50, None, "x"], dtype=object)})
    ev = evaluate(madiun, mixed)
    assert [errors_of(ev["IKU-2", i]) for i in range(3)] == [
        [],
        ["missing_value"],
        ["not_a_number"],
    ]
    arrays = {**{k: np.array(v) for k, v in columns.items()}, "psks": np.array(values)}
    assert errors_of(evaluate(madiun, arrays)["IKU-2", 1]) == ["missing_value"]
    lazy = pl.DataFrame({**columns, "psks": values}).lazy()
    assert errors_of(evaluate(madiun, lazy)["IKU-2", 1]) == ["missing_value"]
    lists = {**columns, "psks": values}
    assert errors_of(evaluate(madiun, lists)["IKU-2", 1]) == ["missing_value"]
    assert errors_of(evaluate(madiun, {**CLEAN, "psks": math.nan})["IKU-2"]) == ["missing_value"]
    infinite = {**columns, "psks": [50.0, math.inf, 50.0]}
    for data in (infinite, pd.DataFrame(infinite), pl.DataFrame(infinite)):
        assert errors_of(evaluate(madiun, data)["IKU-2", 1]) == ["not_finite"]
    nulls = pl.DataFrame({**columns, "psks": [50.0, None, 50.0]})
    assert errors_of(evaluate(madiun, nulls)["IKU-2", 1]) == ["missing_value"]


@pytest.mark.parametrize(
    ("series", "expected"),
    [
        (pd.Series([50, None, 7], dtype="Int64"), [[], ["missing_value"], []]),
        (pd.Series([50.0, None, 2.5], dtype="Float64"), [[], ["missing_value"], ["not_integer"]]),
        (
            pd.Series(["50", None, "7"], dtype="string"),
            [["not_a_number"], ["missing_value"]] * 1 + [["not_a_number"]],
        ),
        (
            pd.Series([True, False, None], dtype="boolean"),
            [["not_a_number"], ["not_a_number"], ["missing_value"]],
        ),
        (pd.Series([50, 60, 50]).astype("category"), [[], [], []]),
        (
            pd.Series(pd.to_datetime(["2025-01-01", None, "2025-01-02"])),
            [["not_a_number"], ["missing_value"], ["not_a_number"]],
        ),
        (
            pd.Series([Decimal(50), Fraction(1, 2), np.int64(3)], dtype=object),
            [[], ["not_integer"], []],
        ),
        (pd.Series([10**400, -1, 50], dtype=object), [["not_finite"], ["negative_value"], []]),
    ],
)
def test_pandas_column_types(madiun: Any, series: pd.Series, expected: list[list[str]]) -> None:
    frame = pd.DataFrame({k: [v] * 3 for k, v in CLEAN.items()})
    frame["psks"] = series
    frame["psks_diberdayakan"] = 0
    ev = evaluate(madiun, frame)
    assert [errors_of(ev["IKU-2", i]) for i in range(3)] == expected


@pytest.mark.parametrize(
    ("series", "expected"),
    [
        (pl.Series([50, None, 7], dtype=pl.Int32), [[], ["missing_value"], []]),
        (pl.Series([50.0, float("inf"), 2.5]), [[], ["not_finite"], ["not_integer"]]),
        (pl.Series(["50", None, "7"]), [["not_a_number"], ["missing_value"], ["not_a_number"]]),
        (pl.Series([True, None, False]), [["not_a_number"], ["missing_value"], ["not_a_number"]]),
        (
            pl.Series([Decimal("50"), None, Decimal("-2")]),
            [[], ["missing_value"], ["negative_value"]],
        ),
        (pl.Series([None, None, None], dtype=pl.Null), [["missing_value"]] * 3),
        (pl.Series([[1], [2], [3]]), [["not_a_number"]] * 3),
    ],
)
def test_polars_column_types(madiun: Any, series: pl.Series, expected: list[list[str]]) -> None:
    frame = pl.DataFrame({k: [v] * 3 for k, v in CLEAN.items()}).with_columns(
        series.alias("psks"), pl.lit(0).alias("psks_diberdayakan")
    )
    ev = evaluate(madiun, frame)
    assert [errors_of(ev["IKU-2", i]) for i in range(3)] == expected


def test_numpy_columns_of_every_dtype(madiun: Any) -> None:
    base = {k: np.array([v] * 3) for k, v in CLEAN.items()}
    cases = {
        "int8": (np.array([50, -1, 7], dtype=np.int8), [[], ["negative_value"], []]),
        "uint64": (np.array([50, 2**63, 7], dtype=np.uint64), [[], [], []]),
        "bool": (np.array([True, False, True]), [["not_a_number"]] * 3),
        "text": (np.array(["50", "x", "7"]), [["not_a_number"]] * 3),
        "object": (
            np.array([50, None, "7"], dtype=object),
            [[], ["missing_value"], ["not_a_number"]],
        ),
        "masked": (
            np.ma.array([50.0, 1.0, 7.0], mask=[False, True, False]),
            [[], ["missing_value"], []],
        ),
        "complex": (np.array([1j, 2j, 3j]), [["not_a_number"]] * 3),
    }
    for name, (column, expected) in cases.items():
        ev = evaluate(madiun, {**base, "psks": column, "psks_diberdayakan": np.zeros(3)})
        assert [errors_of(ev["IKU-2", i]) for i in range(3)] == expected, name


def test_a_mapping_with_a_scalar_is_one_unit_and_its_sequences_are_not_numbers(
    madiun: Any,
) -> None:
    ev = evaluate(madiun, {**CLEAN, "psks": [50, 50]})
    assert len(ev) == 1
    assert codes_of(ev["IKU-2"]) == ["not_a_number"]
    uneven = {k: [v, v] for k, v in CLEAN.items()}
    uneven["psks"] = [50, 50, 50]
    ev = evaluate(madiun, uneven)  # lengths differ: one unit whose values are all lists
    assert len(ev) == 1
    assert not ev.ok


def test_an_empty_table_has_no_results(madiun: Any) -> None:
    ev = evaluate(madiun, {k: [] for k in CLEAN})
    assert len(ev) == 0
    assert ev.results == ()
    assert ev.issues == ()
    assert ev.ok
    assert len(ev.to_frame()) == 0


# --- grouping --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", TABLE_KINDS)
def test_by_gives_a_ratio_of_sums_never_a_mean_of_ratios(madiun: Any, kind: str) -> None:
    rows = [
        {"kecamatan": "Taman", "kelurahan": "A", **CLEAN, "psks_diberdayakan": 1, "psks": 10},
        {"kecamatan": "Taman", "kelurahan": "B", **CLEAN, "psks_diberdayakan": 89, "psks": 90},
        {"kecamatan": "Manguharjo", "kelurahan": "C", **CLEAN, "ipp": 3.0},
    ]
    ev = evaluate(madiun, as_input(rows, kind), targets=TARGETS, by="kecamatan")
    assert len(ev) == 2
    assert ev.key_columns == ("kecamatan",)
    taman = ev["IKU-2", 1]  # groups are sorted by their keys
    assert taman.keys == {"kecamatan": "Taman"}
    assert (taman.numerator, taman.denominator, taman.value) == (90.0, 100.0, 90.0)
    assert ev["IKU-2", 0].value == 90.0
    assert ev["IKU-7", 1].value == 4.2  # a score is averaged
    assert ev["IKU-7", 0].value == 3.0
    unknown = [i for i in ev.issues if i.code is IssueCode.UNKNOWN_VARIABLE]
    assert [i.variable for i in unknown] == ["kelurahan"]


def test_a_group_with_a_bad_row_gets_no_value_and_carries_the_row_s_issues(madiun: Any) -> None:
    rows = [
        {"kecamatan": "Taman", **CLEAN, "psks": "lima puluh"},
        {"kecamatan": "Taman", **CLEAN, "psks": None},
        {"kecamatan": "Taman", **CLEAN},
        {"kecamatan": "Kartoharjo", **CLEAN},
    ]
    ev = evaluate(madiun, pd.DataFrame(rows), targets=TARGETS, by=["kecamatan"])
    taman = ev["IKU-2", 1]
    assert taman.value is None
    assert codes_of(taman) == ["missing_value", "not_a_number"]  # by code, then by row
    assert [i.row for i in taman.issues] == [1, 0]  # the input rows
    assert ev["IKU-2", 0].value == 90.0
    assert ev["IKU-1", 1].value == 80.0
    frame = ev.issues_frame("en")
    assert list(frame["kecamatan"]) == ["Taman", "Taman"]
    assert list(frame["row"]) == [1, 0]


def test_group_level_checks_run_on_the_sums(madiun: Any) -> None:
    rows = [
        {"kecamatan": "Taman", **CLEAN, "pengaduan_diselesaikan": 5, "pengaduan": 0},
        {"kecamatan": "Taman", **CLEAN, "pengaduan_diselesaikan": 5, "pengaduan": 10},
        {"kecamatan": "Kartoharjo", **CLEAN, "psks": 0, "psks_diberdayakan": 0},
    ]
    ev = evaluate(madiun, as_columns(rows), targets=TARGETS, by="kecamatan")
    taman = ev["IKU-6", 1]
    assert taman.value == 100.0  # 10 / 10: the zero row is summed, with a warning naming it
    assert [(str(i.code), i.severity, i.row) for i in taman.issues] == [
        ("denominator_zero", Severity.WARNING, 0)
    ]
    kartoharjo = ev["IKU-2", 0]
    assert codes_of(kartoharjo) == [
        "denominator_zero"
    ]  # the sum's says it: the row's is not repeated
    assert kartoharjo.issues[0].severity is Severity.ERROR
    assert kartoharjo.issues[0].row == {"kecamatan": "Kartoharjo"}


def test_by_with_a_period_column_groups_per_period(madiun: Any) -> None:
    rows = table_rows()
    ev = evaluate(madiun, as_input(rows, "polars"), targets=PER_YEAR, by=[])
    assert len(ev) == 2
    assert ev.key_columns == ()
    assert ev.periods == (2025, 2026)
    r2025, r2026 = ev["IKU-2", 0], ev["IKU-2", 1]
    assert (r2025.numerator, r2026.numerator) == (30 + 31 + 32, 35 + 36 + 37)
    assert (r2025.target, r2026.target) == (80.0, 90.0)
    assert ev.to_frame()["period"].to_list() == [2025] * 7 + [2026] * 7


def test_by_several_columns_sorts_groups_by_each_key(madiun: Any) -> None:
    rows = [
        {"kec": "b", "jenis": 2, **CLEAN},
        {"kec": "a", "jenis": 2, **CLEAN},
        {"kec": "b", "jenis": 1, **CLEAN},
        {"kec": "a", "jenis": 2, **CLEAN},
    ]
    ev = evaluate(madiun["IKU-2"], pd.DataFrame(rows), by=["kec", "jenis"])
    assert [r.keys for r in ev.results] == [
        {"kec": "a", "jenis": 2},
        {"kec": "b", "jenis": 1},
        {"kec": "b", "jenis": 2},
    ]
    assert ev.results[0].denominator == 100.0


def test_by_on_one_unit_groups_that_unit(madiun: Any) -> None:
    ev = evaluate(madiun, {**CLEAN, "kecamatan": "Taman"}, by="kecamatan")
    assert len(ev) == 1
    assert ev["IKU-2"].keys == {"kecamatan": "Taman"}


def test_keys_that_cannot_be_sorted_keep_their_first_appearance(madiun: Any) -> None:
    columns = {k: [v] * 3 for k, v in CLEAN.items()}
    columns["kunci"] = [[1], "b", [1]]
    ev = evaluate(madiun["IKU-2"], columns, by="kunci")
    assert len(ev) == 2
    assert ev.results[0].keys == {"kunci": [1]}


# --- frames ----------------------------------------------------------------------------------


def test_to_frame_is_long_with_keys_first(madiun: Any) -> None:
    rows = table_rows()
    rows[0]["psks"] = 0
    frame = evaluate(madiun, pd.DataFrame(rows), targets=PER_YEAR).to_frame()
    assert list(frame.columns) == [
        "kelurahan",
        "indicator",
        "period",
        "value",
        "target",
        "achievement",
        "category",
        "grade",
        "numerator",
        "denominator",
        "issues",
    ]
    assert len(frame) == len(rows) * 7
    assert list(frame["indicator"][:7]) == list(madiun.codes)
    first = frame.iloc[1]
    assert math.isnan(first["value"])
    assert first["issues"] == ["denominator_zero"]
    assert frame["category"].dtype == "category"
    assert list(frame["category"].cat.categories) == [
        "Sangat Rendah",
        "Rendah",
        "Sedang",
        "Tinggi",
        "Sangat Tinggi",
    ]
    assert frame.iloc[6]["grade"] == "A-"


def test_to_frame_of_polars_is_polars_with_nulls(madiun: Any) -> None:
    rows = table_rows()
    rows[0]["psks"] = 0
    frame = evaluate(madiun, pl.DataFrame(rows), targets={"IKU-2": (70, 90)}).to_frame()
    assert isinstance(frame, pl.DataFrame)
    assert frame["value"][1] is None
    assert frame["issues"][1].to_list() == ["denominator_zero"]
    assert "target_hi" in frame.columns
    assert frame["target"][8] == 70.0
    assert frame["target_hi"][8] == 90.0
    assert frame["target_hi"][0] is None


def test_to_frame_of_one_unit_has_a_row_per_indicator(madiun: Any) -> None:
    frame = evaluate(madiun, CLEAN, targets=TARGETS, period=2025).to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame["indicator"]) == list(madiun.codes)
    assert list(frame["value"])[:2] == [80.0, 90.0]
    assert "kelurahan" not in frame.columns


def test_issues_frame_can_be_filtered_and_speaks_both_languages(madiun: Any) -> None:
    rows = table_rows()
    rows[2]["pengaduan"] = "dua puluh"
    ev = evaluate(madiun, pd.DataFrame(rows), targets=PER_YEAR)
    frame = ev.issues_frame()
    errors = frame[frame["severity"] == "error"]
    assert list(errors["code"]) == ["not_a_number"]
    assert list(errors["kelurahan"]) == ["Oro-oro Ombo"]
    assert list(errors["period"]) == [2025]
    assert errors["message"].iloc[0] == "nilai pengaduan bukan angka ('dua puluh')"
    assert ev.issues_frame("en")["message"].iloc[0] == "pengaduan is not a number ('dua puluh')"
    polars_frame = evaluate(madiun, pl.DataFrame(rows)).issues_frame()
    assert isinstance(polars_frame, pl.DataFrame)


def test_import_iku_loads_no_optional_extra() -> None:
    extras = ["pandas", "polars", "pyarrow", "sqlglot", "duckdb", "matplotlib", "openpyxl"]
    code = f"import sys, iku; print([m for m in {extras!r} if m in sys.modules])"
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "[]"


def test_a_unit_evaluation_needs_no_numpy() -> None:
    code = (
        "import sys, iku\n"
        "s = iku.get_set('kota-madiun.dinsosppa.2025-2026')\n"
        "ev = iku.evaluate(s['IKU-2'], {'psks_diberdayakan': 45, 'psks': 50})\n"
        "print(ev['IKU-2'].value, 'numpy' in sys.modules)"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert found.split() == ["90.0", "False"]


def test_repr_says_what_was_evaluated(madiun: Any) -> None:
    ev = evaluate(madiun, {**CLEAN, "psks": 0})
    assert repr(ev) == f"<Evaluation of {SET_ID}: 1 row(s) x 7 indicator(s), with errors>"


# --- the bundled example data ----------------------------------------------------------------

EXAMPLES = Path(iku.__file__).parent / "data" / "examples"


def test_the_example_data_covers_every_kelurahan_and_evaluates_cleanly(madiun: Any) -> None:
    data = pd.read_csv(EXAMPLES / f"{SET_ID}.data.csv")
    targets = pd.read_csv(EXAMPLES / f"{SET_ID}.targets.csv")
    assert len(data) == 54
    assert data["kelurahan"].nunique() == 27
    assert sorted(data["kecamatan"].unique()) == ["Kartoharjo", "Manguharjo", "Taman"]
    ev = evaluate(madiun, data, targets=targets, by="kecamatan")
    assert ev.ok
    assert len(ev) == 6
    assert [i.variable for i in ev.issues] == ["kelurahan"]  # the one unknown column
    city = evaluate(madiun, data.drop(columns=["kecamatan", "kelurahan"]), targets=targets, by=[])
    assert city.issues == ()
    assert {r.category for r in city.results} == {"Sangat Tinggi", "Tinggi"}


def test_the_example_problems_are_the_three_documented(madiun: Any) -> None:
    data = pd.read_csv(EXAMPLES / f"{SET_ID}.problems.csv")
    targets = pd.read_csv(EXAMPLES / f"{SET_ID}.targets.csv")
    ev = evaluate(madiun, data, targets=targets)
    errors = [
        (str(i.code), i.indicator, i.row["kelurahan"], i.row["period"])
        for i in ev.issues
        if i.severity is Severity.ERROR
    ]
    assert errors == [
        ("numerator_exceeds_denominator", "IKU-2", "Klegen", 2025),
        ("denominator_zero", "IKU-6", "Kuncen", 2025),
        ("missing_value", "IKU-5", "Winongo", 2026),
    ]
    assert (
        (Path(__file__).parents[1] / "examples" / "data" / "README.md")
        .read_text()
        .count("src/iku/data/examples")
    )


def test_categories_are_ordered_from_the_lowest_band(madiun: Any) -> None:
    frame = evaluate(madiun, pd.DataFrame(table_rows()), targets=PER_YEAR).to_frame()
    assert frame["category"].cat.ordered
    assert frame["grade"].cat.ordered
    assert list(frame["grade"].cat.categories)[-1] == "A"


def test_a_pandas_named_index_gives_keys(madiun: Any) -> None:
    frame = pd.DataFrame(table_rows()).set_index(["kelurahan", "period"])
    ev = evaluate(madiun, frame, targets=PER_YEAR)
    assert ev.key_columns == ("kelurahan",)
    assert ev.periods == (2025, 2026)
    assert ev["IKU-2", 1].keys == {"kelurahan": "Kartoharjo"}
    assert ev["IKU-2", 1].target == 90.0


def test_a_repeated_pandas_column_is_a_duplicate_column_error(madiun: Any) -> None:
    frame = pd.DataFrame([[45, 50, 0]], columns=["psks_diberdayakan", "psks", "psks"])
    ev = evaluate(madiun["IKU-2"], frame)
    assert [(str(i.code), i.variable) for i in ev.issues] == [("duplicate_column", "psks")]
    assert ev.issues[0].message_en == "column psks appears 2 times, so which one to use is unclear"
    assert ev["IKU-2"].value is None
    assert ev["IKU-2"].issues == ev.issues  # the row carries the one issue about the data
    assert not ev.ok


def test_notebook_display_and_plot_are_the_report_s(madiun: Any) -> None:
    import matplotlib

    matplotlib.use("Agg")
    ev = evaluate(madiun, CLEAN, targets=TARGETS, period=2025)
    assert "IKU-2" in ev._repr_html_()
    assert ev.plot() is not None


def test_a_plain_zero_target_beside_a_range_of_another_year_is_a_zero_target() -> None:
    ratio = iku.Ratio("R", "r", iku.Variable("a", "A"), iku.Variable("b", "B"))
    data = {"period": [2025, 2026], "a": [0, 0], "b": [10, 10]}
    ev = iku.evaluate(ratio, data, targets={"R": {2025: (0, 5), 2026: 0}})
    in_range, zero = ev["R", 0], ev["R", 1]
    assert in_range.achievement == 100.0
    assert zero.achievement is None
    assert [issue.code for issue in zero.issues] == ["zero_target"]
    unit = iku.evaluate(ratio, {"a": 0, "b": 10}, targets={"R": 0})
    assert [issue.code for issue in unit["R"].issues] == ["zero_target"]


def test_a_period_of_digits_that_are_not_ascii_is_no_year() -> None:
    # "¹" is a digit to str.isdigit() but no number to int(): it is a period, not year 1
    from iku.backends.targets import period_key

    assert period_key("¹") == "¹"
    s = iku.get_set(SET_ID)
    data = {"period": "¹", "psks": 1, "psks_diberdayakan": 1}
    ev = evaluate(s["IKU-2"], data, targets={"IKU-2": {1: 50}})
    assert ev["IKU-2"].target is None  # not the target of year 1
    assert [str(i.code) for i in ev.issues] == ["bad_period", "missing_target"]
