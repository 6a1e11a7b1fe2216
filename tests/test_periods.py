"""Periods: every spelling of a year, quarter or month reads as one value, ordered by time."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import period_spellings, periods

from iku.errors import InputError, PeriodError
from iku.periods import Period, as_period, parse_period, parse_periods


@pytest.mark.parametrize(
    "value",
    [
        "2025-Q1",
        "2025Q1",
        "2025-TW1",
        "TW I 2025",
        "TW1 2025",
        "Triwulan I 2025",
        "q1 2025",
        "Triwulan I Tahun 2025",
        "2025 triwulan 1",
        "TW.I/2025",
        " 2025-q1 ",
        "Kuartal 1 2025",
    ],
)
def test_the_spellings_of_the_issue_read_as_the_first_quarter(value: str) -> None:
    assert parse_period(value) == Period(2025, "quarter", 1)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2025, Period(2025)),
        ("2025", Period(2025)),
        (2025.0, Period(2025)),
        (np.int64(2025), Period(2025)),
        (np.float64(2025.0), Period(2025)),
        ("Tahun 2025", Period(2025)),
        ("2025-03", Period(2025, "month", 3)),
        ("2025/3", Period(2025, "month", 3)),
        ("03/2025", Period(2025, "month", 3)),
        ("202503", Period(2025, "month", 3)),
        ("Maret 2025", Period(2025, "month", 3)),
        ("Agustus 2025", Period(2025, "month", 8)),
        ("Agt 2025", Period(2025, "month", 8)),
        ("Dec 2025", Period(2025, "month", 12)),
        ("2025-03-31", Period(2025, "month", 3)),
        (datetime.date(2025, 3, 31), Period(2025, "month", 3)),
        (datetime.datetime(2025, 11, 2, 10, 30), Period(2025, "month", 11)),
        (np.datetime64("2025-06-15"), Period(2025, "month", 6)),
        (pd.Timestamp("2025-06-15"), Period(2025, "month", 6)),
        (pd.Period("2025Q3", freq="Q"), Period(2025, "quarter", 3)),
        (pd.Period("2025-07", freq="M"), Period(2025, "month", 7)),
        (pd.Period("2025", freq="Y"), Period(2025)),
        (Period(2025, "quarter", 2), Period(2025, "quarter", 2)),
    ],
)
def test_values_of_every_kind_read_as_their_period(value: object, expected: Period) -> None:
    assert parse_period(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "2025-Q5",
        "TW V 2025",
        "2025-13",
        "2025-00",
        "25",
        "Q1",
        "pertama",
        "2025.5",
        2025.5,
        True,
        "Semester I 2025",
        "12345",
        999,
        "Maretan 2025",
        b"\xff",
        [2025],
    ],
)
def test_what_is_no_period_is_an_error_naming_it(value: object) -> None:
    with pytest.raises(PeriodError, match="is not a period") as info:
        parse_period(value)
    assert info.value.value is value or info.value.value == value
    assert "bukan periode" in info.value.describe("id")
    assert as_period(value) is None


def test_a_period_error_is_an_input_error_and_a_value_error() -> None:
    with pytest.raises(InputError, match="not a period"):
        parse_period("x")
    with pytest.raises(ValueError, match="not a period"):
        parse_period("x")


@pytest.mark.parametrize(
    "value", [None, float("nan"), "", "  ", pd.NA, pd.NaT, np.datetime64("NaT")]
)
def test_a_missing_value_is_no_period_given(value: object) -> None:
    assert as_period(value) is None
    with pytest.raises(PeriodError, match="is not a period"):
        parse_period(value)


def test_a_period_cannot_be_built_wrong() -> None:
    with pytest.raises(PeriodError, match="numbered 1 to 4"):
        Period(2025, "quarter", 5)
    with pytest.raises(PeriodError, match="kind is one of"):
        Period(2025, "week", 1)  # type: ignore[arg-type]
    with pytest.raises(PeriodError, match="1000 to 9999"):
        Period(25)


def test_the_canonical_text_and_labels() -> None:
    assert [
        str(p) for p in (Period(2025), Period(2025, "quarter", 4), Period(2025, "month", 3))
    ] == [
        "2025",
        "2025-Q4",
        "2025-03",
    ]
    assert Period(2025, "quarter", 2).label() == "TW II 2025"
    assert Period(2025, "quarter", 2).label("en") == "Q2 2025"
    assert Period(2025, "month", 5).label() == "Mei 2025"
    assert Period(2025, "month", 5).label("en") == "May 2025"


def test_a_part_knows_its_year_and_the_parts_before_it() -> None:
    q3 = Period(2025, "quarter", 3)
    assert q3.year_period() == Period(2025)
    assert q3.preceding() == (Period(2025, "quarter", 1), Period(2025, "quarter", 2))
    assert q3.to_date()[-1] == q3
    assert q3.fraction == 0.75
    assert Period(2025, "month", 9).months == (9, 9)
    assert Period(2025).preceding() == ()


def test_months_sort_by_time_not_as_text() -> None:
    months = [Period(2025, "month", m) for m in (10, 9, 1, 12, 2)]
    assert [p.index for p in sorted(months)] == [1, 2, 9, 10, 12]
    assert "2025-9" > "2025-10"
    assert parse_period("2025-9") < parse_period("2025-10")
    assert Period(2024, "month", 12) < Period(2025, "month", 1)


@given(st.data(), periods())
def test_random_spellings_of_a_period_read_as_that_period(
    data: st.DataObject, period: Period
) -> None:
    spelling = data.draw(period_spellings(period))
    assert parse_period(spelling) == period
    assert parse_period(str(period)) == period


@given(periods(), periods())
def test_periods_of_one_kind_order_as_year_then_index(a: Period, b: Period) -> None:
    if a.kind == b.kind:
        assert (a < b) == ((a.year, a.index) < (b.year, b.index))
        assert (a == b) == ((a.year, a.index) == (b.year, b.index))
    assert (a < b) + (a == b) + (a > b) == 1


@given(periods())
def test_a_period_ends_no_earlier_than_the_parts_before_it(period: Period) -> None:
    assert all(p < period for p in period.preceding())
    assert period <= period.year_period()


def test_a_column_of_first_of_january_dates_is_a_column_of_years() -> None:
    column = pd.Series(pd.to_datetime(["2024-01-01", "2025-01-01", None]))
    read = parse_periods(column)
    assert read.periods == (Period(2024), Period(2025), None)
    assert read.unreadable == ()
    array = np.array(["2024-01-01", "2025-01-01"], dtype="datetime64[ns]")
    assert parse_periods(array).periods == (Period(2024), Period(2025))


def test_a_column_of_other_dates_is_a_column_of_months() -> None:
    column = [datetime.date(2025, 1, 1), datetime.date(2025, 4, 1)]
    assert parse_periods(column).periods == (Period(2025, "month", 1), Period(2025, "month", 4))


def test_a_column_names_the_positions_of_what_is_no_period() -> None:
    read = parse_periods(np.array(["2025-Q1", "TW 9", "", "Triwulan II 2025"], dtype=object))
    assert read.periods == (Period(2025, "quarter", 1), None, None, Period(2025, "quarter", 2))
    assert read.unreadable == ((1, "TW 9"),)


def test_a_target_keyed_by_another_spelling_of_the_quarter_matches_the_data() -> None:
    from iku import Ratio, Variable, evaluate

    ratio = Ratio("R", "Share", Variable("a", "A"), Variable("b", "B"))
    data = {"period": ["2025-Q1", "2025Q2"], "a": [5, 8], "b": [10, 10]}
    ev = evaluate(ratio, data, targets={"R": {"TW I 2025": 50, "Triwulan II 2025": 40}})
    assert [ev["R", i].target for i in range(2)] == [50, 40]
    assert [ev["R", i].achievement for i in range(2)] == [100, 200]
