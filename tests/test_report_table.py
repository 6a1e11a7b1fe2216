"""The LKjIP rows: one table per period (and unit), one row per indicator in decree order, the
sasaran spanning its indicators, full precision kept, issues told in plain words."""

from __future__ import annotations

import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from strategies import indicator_sets

from iku import IndicatorSet, Issue, TargetRange, evaluate, get_set
from iku.report import build_report, records, result_records
from iku.report.table import issue_lines, unique_issues
from iku.testing import sample_data

MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.fixture(scope="module")
def madiun() -> IndicatorSet:
    return get_set(MADIUN)


def frame(**columns: list[object]) -> pd.DataFrame:
    return pd.DataFrame(columns)


def test_one_table_per_period_with_one_row_per_indicator_in_decree_order(madiun) -> None:
    data = {**{k: [v, v] for k, v in sample_data(madiun).items()}, "period": [2025, 2026]}
    report = build_report(evaluate(madiun, data, targets={"IKU-1": 50}))
    assert [t.period for t in report.tables] == [2025, 2026]
    for table in report.tables:
        assert [row.code for row in table.rows] == list(madiun.codes)
        assert [row.number for row in table.rows] == [1, 2, 3, 4, 4, 5, 6]
    assert report.title == madiun.name
    assert "440-401.104/189/2024" in report.source


def test_a_sasaran_with_two_indicators_spans_both_rows(madiun) -> None:
    report = build_report(evaluate(madiun, sample_data(madiun)))
    rows = {row.code: row for row in report.tables[0].rows}
    assert (rows["IKU-4"].first_of_sasaran, rows["IKU-4"].sasaran_size) == (True, 2)
    assert (rows["IKU-5"].first_of_sasaran, rows["IKU-5"].sasaran_size) == (False, 2)
    assert (rows["IKU-6"].first_of_sasaran, rows["IKU-6"].sasaran_size) == (True, 1)


def test_rows_keep_full_precision_and_round_only_in_their_cells(madiun) -> None:
    ev = evaluate(madiun["IKU-2"], {"psks_diberdayakan": 2, "psks": 3}, targets={"IKU-2": 70})
    row = build_report(ev, madiun).tables[0].rows[0]
    assert row.value == pytest.approx(200 / 3)
    assert row.achievement == pytest.approx(200 / 3 / 70 * 100)
    assert row.cells()[4:] == ["70,00", "66,67", "95,24", "Sangat Tinggi"]
    english = build_report(ev, madiun, lang="en").tables[0].rows[0]
    assert english.cells()[4:] == ["70.00", "66.67", "95.24", "Very high"]


def test_an_index_shows_its_grade_beside_its_value(madiun) -> None:
    ev = evaluate(madiun["IKU-7"], {"ipp": 3.2}, targets={"IKU-7": 4})
    row = build_report(ev, madiun).tables[0].rows[0]
    assert row.grade == "B-"
    assert row.value_text() == "3,20 (B-)"


def test_a_range_target_shows_both_bounds(madiun) -> None:
    ev = evaluate(
        madiun["IKU-2"], {"psks_diberdayakan": 45, "psks": 50}, targets={"IKU-2": (80, 95)}
    )
    row = build_report(ev, madiun).tables[0].rows[0]
    assert row.target_text() == "80,00 – 95,00"
    assert row.achievement == pytest.approx(100.0)


def test_a_value_that_could_not_be_computed_is_a_dash_never_zero(madiun) -> None:
    ev = evaluate(madiun["IKU-2"], {"psks_diberdayakan": 1, "psks": 0}, targets={"IKU-2": 80})
    row = build_report(ev, madiun).tables[0].rows[0]
    assert row.value is None
    assert row.cells()[5:] == ["–", "–", "–"]
    assert not row.ok
    assert build_report(ev, madiun).tables[0].issue_lines() == [
        "IKU-2: penyebut psks bernilai nol, sehingga nilai tidak dapat dihitung"
    ]


def test_units_by_key_give_one_table_per_unit_and_period(madiun) -> None:
    data = frame(
        kecamatan=["Taman", "Taman", "Kartoharjo"],
        period=[2025, 2026, 2025],
        psks_diberdayakan=[40, 41, 5],
        psks=[50, 50, 50],
    )
    report = build_report(evaluate(madiun["IKU-2"], data, by="kecamatan"), madiun)
    assert [(t.keys, t.period) for t in report.tables] == [
        ((("kecamatan", "Kartoharjo"),), 2025),
        ((("kecamatan", "Taman"),), 2025),
        ((("kecamatan", "Taman"),), 2026),
    ]  # in the order of the evaluation's groups
    assert report.tables[1].title() == "Tahun 2025 · kecamatan Taman"


def test_unknown_columns_are_issues_of_the_data_as_a_whole(madiun) -> None:
    data = frame(period=[2025], psks_diberdayakan=[4], psks=[5], catatan=["x"])
    report = build_report(evaluate(madiun["IKU-2"], data, by=[]), madiun)
    assert report.general_issues == ()  # a lone indicator does not know the set's columns
    report = build_report(evaluate(madiun, data, by=[]), lang="en")
    lines = report.general_issue_lines(limit=20)
    assert lines[-1] == "column catatan is not a variable of this set"
    assert lines[0] == "the data has no column pmks_dilindungi, so no row has a value for it"


def test_issue_lines_group_rows_and_count_what_they_do_not_show() -> None:
    issues = [
        Issue("not_a_number", "error", f"nilai psks bukan angka ('x{n}')", "IKU-2", "psks", n)
        for n in range(8)
    ]
    issues += [
        Issue("missing_value", "error", "nilai ipp tidak ada", "IKU-7", "ipp", n) for n in (4, 9)
    ]
    lines = issue_lines(issues, row_names=list(range(2, 12)))
    assert lines == [
        "IKU-2: nilai psks bukan angka ('x0') (baris 2)",
        "IKU-2: nilai psks bukan angka ('x1') (baris 3)",
        "IKU-2: nilai psks bukan angka ('x2') (baris 4)",
        "IKU-2: nilai psks bukan angka ('x3') (baris 5)",
        "IKU-2: nilai psks bukan angka ('x4') (baris 6)",
        "IKU-7: nilai ipp tidak ada (baris 6, 11)",
        "IKU-2 [not_a_number]: dan 3 catatan lain",
    ]
    assert len(issue_lines(issues, limit=None)) == 9


def test_issues_with_dict_rows_are_deduplicated_in_order() -> None:
    one = Issue("missing_value", "error", "m", "IKU-1", "a", {"kecamatan": "Taman"})
    two = Issue("missing_value", "error", "m", "IKU-1", "a", {"kecamatan": "Taman"})
    three = Issue("missing_value", "error", "m", "IKU-1", "a", {"kecamatan": "Oro"})
    assert unique_issues([one, two, three]) == (one, three)


@pytest.mark.parametrize("kind", ["pandas", "polars", "mapping"])
def test_result_records_are_the_rows_of_to_frame(madiun, kind: str) -> None:
    columns = {
        "kecamatan": ["Taman", "Oro", "Oro"],
        "period": [2025, 2025, 2026],
        "psks_diberdayakan": [40, None, 7],
        "psks": [50, 50, 0],
        "ipp": [4.1, 3.0, 2.0],
    }
    data = {"pandas": pd.DataFrame, "polars": pl.DataFrame, "mapping": dict}[kind](columns)
    targets = {"IKU-2": {2025: 80, 2026: (70, 90)}, "IKU-7": 4}
    ev = evaluate(madiun, data, targets=targets, by="kecamatan")
    mine = result_records(ev)
    theirs = records(ev.to_frame())
    assert [list(row) for row in mine] == [list(row) for row in theirs]
    assert mine == theirs


def test_records_turn_missing_markers_into_none() -> None:
    rows = records(pd.DataFrame({"a": [1.5, float("nan")], "b": [pd.NA, "x"]}))
    assert rows == [{"a": 1.5, "b": None}, {"a": None, "b": "x"}]


@settings(max_examples=25, deadline=None)
@given(indicator_sets())
def test_any_set_gives_one_row_per_indicator(s: IndicatorSet) -> None:
    report = build_report(evaluate(s, sample_data(s)))
    assert len(report.tables) == 1
    assert [row.code for row in report.tables[0].rows] == list(s.codes)
    assert [row.code for row in report.definitions] == list(s.codes)
    assert all(len(row.cells()) == 8 for row in report.tables[0].rows)


def test_a_target_range_is_kept_out_of_records_but_its_bounds_are_there(madiun) -> None:
    ev = evaluate(
        madiun["IKU-2"], {"psks_diberdayakan": 4, "psks": 5}, targets={"IKU-2": TargetRange(1, 2)}
    )
    (row,) = result_records(ev)
    assert (row["target"], row["target_hi"]) == (1.0, 2.0)
