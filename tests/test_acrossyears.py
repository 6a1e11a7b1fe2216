"""Across years: each indicator beside its earlier years, the target at the end of the set's
period and the capaian against it, with a trend mark (PermenPANRB 53/2014, LKjIP chapter III)."""

from __future__ import annotations

import math

import pandas as pd
import polars as pl
import pytest

from iku import Indicator, IndicatorSet, Sasaran, Variable, evaluate, get_set
from iku.acrossyears import compare_years, trend
from iku.report import to_html, to_markdown, to_text

MADIUN = "kota-madiun.dinsosppa.2025-2026"


def _three_years() -> tuple[IndicatorSet, dict, dict]:
    cases = Variable("cases", "Cases")
    low = Indicator("L", "Violence cases", cases.symbol, polarity="lower")
    high = Indicator("H", "Cases handled", cases.symbol)
    s = IndicatorSet(
        "x.y.2024-2026", "S", "D", (2024, 2025, 2026), [Sasaran("S", "S", [low, high])], [cases]
    )
    data = {
        "unit": ["a", "a", "a", "b", "b"],
        "period": [2024, 2025, 2026, 2025, 2026],
        "cases": [10, 12, 9, 5, 5],
    }
    targets = {"L": {2024: 10, 2025: 10, 2026: 8}, "H": {2026: (8, 12)}}
    return s, data, targets


def test_each_year_is_beside_its_earlier_years_and_the_plans_end() -> None:
    s, data, targets = _three_years()
    found = compare_years(evaluate(s, data, targets=targets))
    a26 = found[((("unit", "a"),), 2026, "L")]
    assert a26.earlier == ((2024, 10.0), (2025, 12.0))
    assert a26.previous == 12.0
    assert (a26.end_year, a26.end_target) == (2026, 8.0)
    assert a26.end_achievement == pytest.approx((2 * 8 - 9) / 8 * 100)
    assert a26.trend == "better"  # fewer cases of violence
    assert found[((("unit", "a"),), 2025, "L")].trend == "worse"
    assert found[((("unit", "b"),), 2025, "L")].trend is None  # no 2024 for b
    assert found[((("unit", "b"),), 2026, "H")].trend == "same"


def test_trend_follows_the_polarity() -> None:
    assert trend(3, 2, "higher") == "better"
    assert trend(3, 2, "lower") == "worse"
    assert trend(2, 2, "lower") == "same"
    assert trend(2, math.nan, "higher") is None


@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_to_frame_adds_the_columns_across_years(library: str) -> None:
    s, data, targets = _three_years()
    table = pd.DataFrame(data) if library == "pandas" else pl.DataFrame(data)
    frame = evaluate(s, table, targets=targets, by="unit").to_frame(across_years=True)
    if library == "polars":
        assert isinstance(frame, pl.DataFrame)
        frame = frame.to_pandas()
    columns = list(frame.columns)
    at = columns.index("denominator")
    assert columns[at + 1 : at + 6] == [
        "previous_value",
        "end_target",
        "end_achievement",
        "trend",
        "end_target_hi",
    ]
    assert columns[-1] == "issues"
    low = frame[(frame.indicator == "L") & (frame.unit == "a")]
    assert low["previous_value"].isna().tolist() == [True, False, False]
    assert low["previous_value"].tolist()[1:] == [10, 12]
    assert [None if pd.isna(x) else x for x in low["trend"]] == [None, "worse", "better"]
    high = frame[(frame.indicator == "H") & (frame.unit == "b")]
    assert high["end_target"].tolist() == [8, 8]
    assert high["end_target_hi"].tolist() == [12, 12]
    assert high["end_achievement"].tolist() == [62.5, 62.5]  # 5 below the range 8..12


def test_without_across_years_the_frame_is_unchanged() -> None:
    s, data, targets = _three_years()
    frame = evaluate(s, data, targets=targets).to_frame()
    assert "previous_value" not in frame.columns


def test_the_reports_compare_a_year_with_the_earlier_ones() -> None:
    s = get_set(MADIUN)
    folder = "src/iku/data/examples/"
    data = pd.read_csv(folder + f"{MADIUN}.data.csv")
    targets = pd.read_csv(folder + f"{MADIUN}.targets.csv")
    ev = evaluate(s, data, targets=targets, by=[])
    markdown = to_markdown(ev)
    assert markdown.count("Perbandingan dengan tahun sebelumnya dan target akhir Renstra") == 1
    assert "| Indikator Kinerja | Realisasi 2025 | Realisasi 2026 | Tren |" in markdown
    assert "▲ membaik" in markdown
    text = to_text(ev, lang="en", width=160)
    assert "Compared with earlier years" in text
    assert 'class="lkjip across-years"' in to_html(ev)
    one_year = evaluate(s, data[data.period == 2025], targets=targets, by=[])
    assert "Perbandingan" not in to_markdown(one_year)
