"""monitor(): the year to date part by part, its capaian, the year-end projection, what is still
needed, and every problem of a year's data said (gaps, unreadable periods, targets that do not
reach the year's)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iku import (
    Accumulation,
    Indicator,
    IndicatorSet,
    Monitoring,
    Ratio,
    Sasaran,
    Variable,
    evaluate,
    get_set,
    monitor,
)
from iku.errors import ArgumentError, ColumnNotFoundError

MADIUN = "kota-madiun.dinsosppa.2025-2026"


def _set(
    num: str = "sum", den: str = "last", *, proportion: bool = False, kind: str = "count"
) -> IndicatorSet:
    handled = Variable("handled", "Cases handled", accumulation=num, kind=kind)
    people = Variable("people", "People registered", accumulation=den, kind=kind)
    score = Variable("score", "Score", kind="score", range=(0, 5), accumulation="last")
    return IndicatorSet(
        "x.y.2025",
        "Set",
        "Dinas",
        (2025,),
        [
            Sasaran(
                "S-1",
                "Sasaran",
                [
                    Ratio("R", "Share handled", handled, people, proportion=proportion),
                    Indicator("C", "Cases", handled.symbol),
                    Indicator("S", "Score", score.symbol, unit="indeks"),
                ],
            )
        ],
        [handled, people, score],
    )


def _quarters(unit: str, handled: list[Any], people: list[Any], score: list[Any]) -> dict:
    n = len(handled)
    return {
        "unit": [unit] * n,
        "period": [f"2025-Q{q}" for q in range(1, n + 1)],
        "handled": handled,
        "people": people,
        "score": score,
    }


def _row(m: Monitoring, code: str, period: str, unit: Any = None) -> Any:
    found = [
        r
        for r in m.rows
        if r.indicator == code and r.period == period and (unit is None or r.keys["unit"] == unit)
    ]
    assert len(found) == 1
    return found[0]


def test_the_year_to_date_adds_flows_and_takes_the_last_stock() -> None:
    data = _quarters("A", [10, 20, 30], [200, 210, 220], [3.0, 3.5, 4.0])
    m = monitor(_set(), data, year=2025, targets={"R": 50, "C": 100, "S": 4})
    assert [_row(m, "C", f"2025-Q{q}").value for q in (1, 2, 3)] == [10, 30, 60]
    q3 = _row(m, "R", "2025-Q3")
    assert (q3.numerator, q3.denominator) == (60, 220)
    assert q3.value == 60 / 220 * 100
    assert _row(m, "S", "2025-Q2").value == 3.5
    assert m.ok


def test_the_projection_runs_flows_at_their_pace_and_keeps_stocks() -> None:
    data = _quarters("A", [10, 20], [200, 200], [3.0, 3.2])
    m = monitor(_set(), data, year=2025, targets={"R": 50, "C": 100, "S": 4})
    q2 = _row(m, "C", "2025-Q2")
    assert q2.projected_value == 60  # 30 in two quarters: 60 in four
    assert q2.projected_achievement == 60
    assert q2.projected_category == "Rendah"
    assert q2.warning is True
    r = _row(m, "R", "2025-Q2")
    assert r.projected_value == 60 / 200 * 100  # the stock stays at 200
    assert _row(m, "S", "2025-Q2").projected_value == 3.2


def test_needed_is_the_numerator_still_to_add_for_the_years_target() -> None:
    data = _quarters("A", [10, 20], [200, 200], [3.0, 3.2])
    m = monitor(_set(), data, year=2025, targets={"R": 50, "C": 100, "S": 4})
    assert _row(m, "R", "2025-Q2").needed == 50 / 100 * 200 - 30  # 70 more cases
    assert _row(m, "C", "2025-Q2").needed == 70
    assert _row(m, "S", "2025-Q2").needed == pytest.approx(0.8)
    reached = monitor(_set(), data, year=2025, targets={"C": 20})
    assert _row(reached, "C", "2025-Q2").needed == 0


def test_the_parts_own_cumulative_target_gives_the_period_achievement() -> None:
    data = _quarters("A", [10, 20], [200, 200], [3.0, 3.2])
    targets = {"C": {2025: 100, "TW I 2025": 20, "2025Q2": 40, "2025-Q4": 100}}
    m = monitor(_set(), data, year=2025, targets=targets)
    q1, q2 = _row(m, "C", "2025-Q1"), _row(m, "C", "2025-Q2")
    assert (q1.period_target, q1.period_achievement) == (20, 50)
    assert (q2.period_target, q2.period_achievement) == (40, 75)
    assert (q2.target, q2.achievement) == (100, 30)
    assert not [i for i in m.issues if i.code == "inconsistent_targets"]


def test_quarterly_targets_that_do_not_reach_the_year_are_inconsistent() -> None:
    data = _quarters("A", [10], [200], [3.0])
    m = monitor(_set(), data, year=2025, targets={"C": {2025: 100, "2025-Q4": 90}})
    found = [i for i in m.issues if i.code == "inconsistent_targets"]
    assert len(found) == 1
    assert found[0].indicator == "C"
    assert "2025-Q4 (90)" in found[0].message_en
    assert "(100)" in found[0].message_en
    assert found[0].severity == "warning"


def test_a_lower_is_better_indicator_is_inconsistent_when_its_last_quarter_is_above() -> None:
    v = Variable("cases", "Cases", accumulation="sum")
    ind = Indicator("L", "Cases of violence", v.symbol, polarity="lower")
    s = IndicatorSet("x.y.2025", "S", "D", (2025,), [Sasaran("S", "S", [ind])], [v])
    data = {"period": ["2025-Q1"], "cases": [3]}
    ok = monitor(s, data, year=2025, targets={"L": {2025: 10, "2025-Q4": 10}})
    assert not [i for i in ok.issues if i.code == "inconsistent_targets"]
    bad = monitor(s, data, year=2025, targets={"L": {2025: 10, "2025-Q4": 12}})
    assert [i.indicator for i in bad.issues if i.code == "inconsistent_targets"] == ["L"]


def test_a_gap_in_the_quarters_is_an_issue_never_a_silent_zero() -> None:
    data = {
        "unit": ["A", "A"],
        "period": ["2025-Q1", "2025-Q3"],
        "handled": [10, 30],
        "people": [200, 220],
        "score": [3.0, 4.0],
    }
    m = monitor(_set(), data, year=2025, targets={"C": 100})
    gaps = [i for i in m.issues if i.code == "period_gap"]
    assert len(gaps) == 1
    assert gaps[0].row == {"unit": "A", "period": "2025-Q2"}
    assert "2025-Q3" in gaps[0].message_en
    assert _row(m, "C", "2025-Q2").value is None
    q3 = _row(m, "C", "2025-Q3")
    assert q3.value is None  # never 40 (a missing Q2 taken as zero)
    assert q3.projected_value is None
    assert "period_gap" in q3.issues
    # a stock's year to date is its last value: Q3 stands on its own
    assert _row(m, "S", "2025-Q3").value == 4.0
    assert not m.ok


def test_a_bad_row_spoils_the_year_to_date_of_a_flow_from_its_part_on() -> None:
    data = _quarters("A", [10, -5, 30], [200, 210, 220], [3.0, 3.5, 4.0])
    m = monitor(_set(), data, year=2025)
    negative = [i for i in m.issues if i.code == "negative_value"]
    assert len(negative) == 1
    assert negative[0].row == {"unit": "A", "period": "2025-Q2"}
    assert negative[0].variable == "handled"
    assert _row(m, "C", "2025-Q1").value == 10
    assert _row(m, "C", "2025-Q2").value is None
    assert _row(m, "C", "2025-Q3").value is None
    assert "negative_value" in _row(m, "C", "2025-Q3").issues
    assert _row(m, "S", "2025-Q3").value == 4.0  # the score is not touched


def test_a_period_that_cannot_be_read_is_an_issue_naming_it_and_its_row() -> None:
    data = {
        "period": ["2025-Q1", "2025-Q5", None, "2025-02", "2024-Q4"],
        "handled": [10, 20, 30, 40, 50],
        "people": [100] * 5,
        "score": [3.0] * 5,
    }
    m = monitor(_set(), data, year=2025)
    bad = [i for i in m.issues if i.code == "bad_period"]
    assert [i.row for i in bad] == [1, 2, 3]
    assert "'2025-Q5'" in bad[0].message_en
    assert "without a period" in bad[1].message_en
    assert "is a month" in bad[2].message_en
    assert [r.period for r in m.rows if r.indicator == "C"] == ["2025-Q1"]
    assert _row(m, "C", "2025-Q1").value == 10  # 2024's row is another year: left out


def test_months_are_parts_of_the_year_too() -> None:
    data = {
        "period": ["2025-01", "Februari 2025", "2025/3"],
        "handled": [1, 2, 3],
        "people": [10, 10, 10],
        "score": [1.0, 1.0, 1.0],
    }
    m = monitor(_set(), data, year="2025", targets={"C": 24})
    assert m.kind == "month"
    assert [str(p) for p in m.parts] == ["2025-01", "2025-02", "2025-03"]
    march = _row(m, "C", "2025-03")
    assert (march.value, march.projected_value) == (6, 24)
    assert march.projected_achievement == 100


def test_an_unstated_accumulation_follows_the_rule_and_says_so() -> None:
    handled, people = Variable("handled", "Handled"), Variable("people", "People")
    s = IndicatorSet(
        "x.y.2025",
        "S",
        "D",
        (2025,),
        [Sasaran("S", "S", [Ratio("R", "Share", handled, people, proportion=False)])],
        [handled, people],
    )
    data = {"period": ["2025-Q1", "2025-Q2"], "handled": [10, 20], "people": [100, 100]}
    m = monitor(s, data, year=2025)
    assert m.accumulations == {"handled": Accumulation.SUM, "people": Accumulation.LAST}
    assumed = [i for i in m.issues if i.code == "accumulation_assumed"]
    assert [(i.variable, i.severity) for i in assumed] == [
        ("handled", "warning"),
        ("people", "warning"),
    ]
    assert "denominator" in assumed[1].message_en
    assert _row(m, "R", "2025-Q2").value == 30  # 30 of 100, not 30 of 200


def test_units_of_a_key_are_combined_per_part_as_evaluate_does() -> None:
    data = {
        "kecamatan": ["K", "K", "K", "K"],
        "kelurahan": ["a", "b", "a", "b"],
        "period": ["2025-Q1", "2025-Q1", "2025-Q2", "2025-Q2"],
        "handled": [1, 2, 3, 4],
        "people": [10, 20, 10, 20],
        "score": [3.0, 4.0, 3.0, 4.0],
    }
    m = monitor(_set(), data, year=2025, by="kecamatan")
    assert m.keys == ("kecamatan",)
    r = [x for x in m.rows if x.indicator == "R"]
    assert [(x.keys["kecamatan"], x.period, x.numerator, x.denominator) for x in r] == [
        ("K", "2025-Q1", 3, 30),
        ("K", "2025-Q2", 10, 30),
    ]
    assert _row(m, "S", "2025-Q2").value == 3.5  # a score's units: their mean


def test_to_frame_has_the_contract_columns_in_pandas_and_polars() -> None:
    data = _quarters("A", [10, 20], [200, 200], [3.0, 3.2])
    m = monitor(_set(), pd.DataFrame(data), year=2025, targets={"R": (10, 20), "C": 100})
    frame = m.to_frame()
    assert isinstance(frame, pd.DataFrame)
    expected = [
        "unit",
        "indicator",
        "period",
        "value",
        "target",
        "target_hi",
        "achievement",
        "category",
        "period_target",
        "period_achievement",
        "projected_value",
        "projected_achievement",
        "projected_category",
        "needed",
        "warning",
        "numerator",
        "denominator",
        "issues",
    ]
    assert list(frame.columns) == expected
    assert len(frame) == 2 * 3
    assert frame.loc[frame.indicator == "C", "value"].tolist() == [10, 30]
    assert frame.loc[frame.indicator == "R", "target_hi"].tolist() == [20, 20]
    polars_frame = monitor(_set(), pl.DataFrame(data), year=2025).to_frame()
    assert isinstance(polars_frame, pl.DataFrame)
    assert polars_frame.filter(pl.col("indicator") == "C")["value"].to_list() == [10, 30]
    records = m.to_records()
    assert records[0]["unit"] == "A"
    assert records[0]["indicator"] == "R"
    assert records[0]["target"] == [10, 20]


def test_wrong_arguments_are_errors_saying_what_is_needed() -> None:
    with pytest.raises(ColumnNotFoundError, match="needs a period column"):
        monitor(_set(), {"handled": [1]}, year=2025)
    with pytest.raises(ArgumentError, match="year is a year such as 2025"):
        monitor(_set(), {"period": ["2025-Q1"], "handled": [1]}, year="2025-Q1")
    with pytest.raises(ArgumentError, match="takes an IndicatorSet or an Indicator"):
        monitor("IKU-1", {"period": ["2025-Q1"]}, year=2025)  # type: ignore[arg-type]
    with pytest.raises(ColumnNotFoundError, match="by names column 'kota'"):
        monitor(_set(), {"period": ["2025-Q1"], "handled": [1]}, year=2025, by="kota")


def test_a_year_without_rows_gives_an_empty_monitoring() -> None:
    m = monitor(_set(), {"period": ["2024-Q1"], "handled": [1]}, year=2025)
    assert len(m) == 0
    assert m.rows == ()
    assert "2025" in m.to_text()


def test_the_madiun_set_is_monitored_from_its_example_quarters() -> None:
    s = get_set(MADIUN)
    frame = pd.DataFrame(_madiun_quarters())
    m = monitor(s, frame, year=2025, targets={"IKU-6": {2025: 90, "2025-Q2": 45}})
    assert m.accumulations["psks"] is Accumulation.LAST
    assert not [i for i in m.issues if i.code == "accumulation_assumed"]
    r = _row(m, "IKU-6", "2025-Q2")
    assert (r.numerator, r.denominator) == (4 + 6, 5 + 7)


def _madiun_quarters() -> dict[str, list[Any]]:
    base = {
        "pmks_dilindungi": [30, 40],
        "pmks_perlu_perlindungan": [400, 410],
        "psks_diberdayakan": [5, 6],
        "psks": [120, 121],
        "pmks_direhabilitasi": [10, 12],
        "pmks_perlu_rehabilitasi": [90, 95],
        "perempuan_pengambil_keputusan": [300, 305],
        "perempuan_usia_produktif": [60000, 60000],
        "keluarga_berkualitas": [100, 120],
        "keluarga_disurvei": [150, 160],
        "pengaduan_diselesaikan": [4, 6],
        "pengaduan": [5, 7],
        "ipp": [3.9, 4.0],
    }
    return {"period": ["TW I 2025", "TW II 2025"], **base}


# --- properties -------------------------------------------------------------------------------

_ACCUMULATIONS = st.sampled_from(["sum", "last", "mean", "max", "min"])


def _annual(values: list[int], how: str) -> float:
    if how == "sum":
        return float(sum(values))
    if how == "last":
        return float(values[-1])
    if how == "mean":
        return sum(values) / len(values)
    return float(max(values) if how == "max" else min(values))


@settings(max_examples=60)
@given(
    num=_ACCUMULATIONS,
    den=_ACCUMULATIONS,
    units=st.lists(
        st.tuples(
            st.lists(st.integers(0, 500), min_size=4, max_size=4),
            st.lists(st.integers(0, 500), min_size=4, max_size=4),
        ),
        min_size=1,
        max_size=4,
    ),
    target=st.integers(1, 200),
)
def test_the_year_to_date_at_the_last_quarter_is_the_annual_evaluation(
    num: str, den: str, units: list[tuple[list[int], list[int]]], target: int
) -> None:
    s = _set(num, den, kind="amount")  # a mean of counts need not be whole
    data: dict[str, list[Any]] = {k: [] for k in ("unit", "period", "handled", "people", "score")}
    annual: dict[str, list[Any]] = {"unit": [], "handled": [], "people": [], "score": []}
    for n, (handled, people) in enumerate(units):
        for q in range(4):
            data["unit"].append(f"u{n}")
            data["period"].append(f"TW {['I', 'II', 'III', 'IV'][q]} 2025")
            data["handled"].append(handled[q])
            data["people"].append(people[q])
            data["score"].append(2.5)
        annual["unit"].append(f"u{n}")
        annual["handled"].append(_annual(handled, num))
        annual["people"].append(_annual(people, den))
        annual["score"].append(2.5)
    targets = {"R": target, "C": target, "S": 4}
    m = monitor(s, data, year=2025, targets=targets)
    ev = evaluate(s, annual, targets=targets, period=2025)
    year_end = {(r.keys["unit"], r.indicator): r for r in m.rows if r.period == "2025-Q4"}
    for i in range(len(units)):
        for code in ("R", "C", "S"):
            expected, got = ev[code, i], year_end[(f"u{i}", code)]
            assert got.value == expected.value
            assert got.achievement == expected.achievement
            assert got.category == expected.category
            assert (got.value is None) == (not expected.ok)
            # at the year end the projection is the year itself
            assert got.projected_value == expected.value


@settings(max_examples=60)
@given(
    step=st.integers(0, 1000),
    stock=st.integers(1, 10_000),
    parts=st.integers(1, 4),
    target=st.integers(1, 300),
)
def test_projections_are_exact_on_linear_data(
    step: int, stock: int, parts: int, target: int
) -> None:
    data = _quarters("A", [step] * parts, [stock] * parts, [3.0] * parts)
    targets = {"R": target, "C": target}
    m = monitor(_set(), data, year=2025, targets=targets)
    year = {"unit": ["A"], "handled": [4 * step], "people": [stock], "score": [3.0]}
    ev = evaluate(_set(), year, targets=targets, period=2025)
    for q in range(1, parts + 1):
        for code in ("R", "C"):
            row = _row(m, code, f"2025-Q{q}")
            assert row.projected_value == ev[code].value
            assert row.projected_achievement == ev[code].achievement
            assert row.projected_category == ev[code].category


def test_needed_at_the_target_pace_reaches_the_target_exactly() -> None:
    # half the year done at a pace that would give 60 of a target of 100: 70 still needed
    data = _quarters("A", [15, 15], [10, 10], [1.0, 1.0])
    m = monitor(_set(), data, year=2025, targets={"C": 100})
    row = _row(m, "C", "2025-Q2")
    assert row.value + row.needed == 100
    assert math.isclose(row.projected_value, 60)


def test_the_reports_show_the_early_warning_and_the_method() -> None:
    data = _quarters("A", [10, 20], [200, 200], [3.0, 3.2])
    m = monitor(_set(), data, year=2025, targets={"R": 50, "C": 100, "S": 4})
    text = m.to_text()
    assert "⚠ di bawah Tinggi" in text
    assert "Proyeksi akhir tahun: variabel arus" in text
    assert "handled: dijumlahkan (arus)" in text
    markdown = m.to_markdown("en")
    assert "| Q2 2025 | C Cases |" in markdown
    assert "⚠ below High" in markdown or "⚠ below Tinggi" in markdown
    assert "Year-end projection: flows" in markdown
    page = m.to_html()
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="trajectory"') == 3
    assert 'class="projection"' in page
    assert "<script" not in page


def test_the_excel_report_and_the_plot(tmp_path: Any) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    data = _quarters("A", [10, 20], [200, 200], [3.0, 3.2])
    m = monitor(_set(), data, year=2025, targets={"R": 50, "C": 100, "S": 4})
    path = m.to_excel(tmp_path / "pantau.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["pemantauan", "data", "issues"]
    cells = [c.value for row in wb["pemantauan"].iter_rows() for c in row]
    assert "⚠ di bawah Tinggi" in cells
    fig = m.plot()
    lines = [line for ax in fig.axes for line in ax.get_lines()]
    assert any(line.get_linestyle() == "--" for line in lines)


def test_an_indicator_with_many_units_reports_the_first_and_counts_the_rest() -> None:
    from iku.report.monitoring import MAX_KEYS

    units = MAX_KEYS + 3
    data = {
        "unit": [f"u{i:02d}" for i in range(units)],
        "period": ["2025-Q1"] * units,
        "handled": list(range(units)),
        "people": [100] * units,
        "score": [1.0] * units,
    }
    m = monitor(_set(), data, year=2025)
    assert len(m) == units
    assert "... dan 3 unit lainnya" in m.to_text()
    assert np.isnan(m.to_frame()["target"]).all()


def test_a_variable_the_data_lack_is_said_and_spoils_only_its_indicators() -> None:
    data = {
        "unit": ["A", "A"],
        "period": ["2025-Q1", "2025-Q2"],
        "handled": [1, 2],
        "people": [9, 9],
    }
    m = monitor(_set(), data, year=2025)
    assert not m.ok
    missing = [i for i in m.issues if i.code == "missing_value"]
    assert missing
    assert {i.variable for i in missing} == {"score"}
    assert _row(m, "S", "2025-Q2").value is None
    assert _row(m, "C", "2025-Q2").value == 3


def test_the_order_of_the_rows_does_not_matter() -> None:
    ordered = {
        "unit": ["A"] * 4 + ["B"] * 4,
        "period": [f"2025-Q{q}" for q in (1, 2, 3, 4)] * 2,
        "handled": [1, 2, 3, 4, 10, 20, 30, 40],
        "people": [100] * 4 + [200] * 4,
        "score": [1.0, 2.0, 3.0, 4.0] * 2,
    }
    shuffled = {
        name: [column[i] for i in (7, 2, 0, 5, 3, 6, 1, 4)] for name, column in ordered.items()
    }
    a, b = monitor(_set(), ordered, year=2025), monitor(_set(), shuffled, year=2025)
    assert a.rows == b.rows
    assert _row(a, "C", "2025-Q3", "B").value == 60
