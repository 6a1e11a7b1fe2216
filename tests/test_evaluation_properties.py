"""Properties of evaluate() on generated sets and data: tables agree with units, groups are
ratios of sums, proportions stay in bounds, and no data at all makes it raise."""

from __future__ import annotations

import math
from typing import Any

import attrs
import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import (
    data_values,
    indicator_sets,
    messy_values,
    targets_for,
    unit_data,
)

import iku
from iku import IndicatorSet, IssueCode, Ratio, Result, Variable, evaluate
from iku.backends.shapes import sequence_length

MADIUN = iku.get_set("kota-madiun.dinsosppa.2025-2026")
RATIO_CODES = [ind.code for ind in MADIUN if ind.kind == "ratio"]


def comparable(result: Result) -> tuple[Any, ...]:
    """A Result without where it sits (keys and rows differ between a table and a unit).

    A variable missing from a table is one issue about the data (no indicator, "the data has no
    column a") where a unit says "a has no value": the same code, severity and variable. A
    table lists such issues about the data first, a unit in formula order: the issues are
    compared as a sorted list."""
    issues = sorted(
        (
            (
                (i.code, i.severity, i.variable)
                if i.code is IssueCode.MISSING_VALUE
                else (i.code, i.severity, i.indicator, i.variable, i.message, i.message_en)
            )
            for i in result.issues
        ),
        key=repr,
    )
    return (
        result.code,
        result.period,
        result.value,
        result.target,
        result.achievement,
        result.category,
        result.grade,
        result.numerator,
        result.denominator,
        issues,
    )


@st.composite
def sets_and_tables(draw: st.DrawFn) -> tuple[IndicatorSet, list[dict[str, Any]], dict[str, Any]]:
    s = draw(indicator_sets())
    names = [v.code for v in s.variables]
    columns = draw(st.lists(st.sampled_from(names), unique=True)) if names else []
    count = draw(st.integers(1, 5))
    values = data_values()
    rows = [{name: draw(values) for name in columns} for _ in range(count)]
    if draw(st.booleans()):
        for row in rows:
            row["period"] = draw(st.sampled_from([2025, 2026]))
    targets = draw(targets_for(s.codes))
    return s, rows, targets


@pytest.mark.slow  # a long property run: the full suite (IKU_FULL=1, .ci/run) runs it
@settings(max_examples=150)
@given(sets_and_tables())
def test_a_table_evaluates_row_by_row_exactly_as_the_mapping_form(
    case: tuple[IndicatorSet, list[dict[str, Any]], dict[str, Any]],
) -> None:
    s, rows, targets = case
    table = {name: [row[name] for row in rows] for name in rows[0]} if rows[0] else None
    if table is None:
        return
    ev = evaluate(s, table, targets=targets, period=2025)
    assert len(ev) == len(rows)
    for i, row in enumerate(rows):
        if all(sequence_length(value) is not None for value in row.values()):
            continue  # a mapping of sequences only is a table, not this row as one unit
        unit = evaluate(s, row, targets=targets, period=2025)
        for code in s.codes:
            assert comparable(ev[code, i]) == comparable(unit[code])


@st.composite
def grouped_counts(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 12))
    rows = []
    for _ in range(count):
        row: dict[str, Any] = {"kecamatan": draw(st.sampled_from(["Kartoharjo", "Taman", "X"]))}
        for v in MADIUN.variables:
            row[v.code] = draw(st.floats(0, 5) if v.kind == "score" else st.integers(0, 50))
        rows.append(row)
    return rows


_IN_A_ROW = (
    "of this row is zero: the row's own ratio cannot be computed, but its numbers are still summed",
    "in this row, so the sum cannot be used",
)


def _sum(xs: list[float]) -> float:
    total = 0.0
    for x in xs:  # left to right, as numpy's bincount adds
        total += x
    return total


@given(grouped_counts(), st.sampled_from(["lists", "pandas", "polars"]))
def test_grouped_results_equal_the_unit_of_the_group_s_sums(
    rows: list[dict[str, Any]], kind: str
) -> None:
    columns = {name: [row[name] for row in rows] for name in rows[0]}
    data: Any = columns
    if kind == "pandas":
        data = pd.DataFrame(columns)
    elif kind == "polars":
        data = pl.DataFrame(columns)
    targets = dict.fromkeys(MADIUN.codes, 80)
    ev = evaluate(MADIUN, data, targets=targets, by="kecamatan")
    groups = sorted({row["kecamatan"] for row in rows})
    assert len(ev) == len(groups)
    for g, name in enumerate(groups):
        members = [row for row in rows if row["kecamatan"] == name]
        unit: dict[str, Any] = {}
        for v in MADIUN.variables:
            total = _sum([float(row[v.code]) for row in members])
            unit[v.code] = total / len(members) if v.code == "ipp" else total
        expected = evaluate(MADIUN, unit, targets=targets)
        for code in MADIUN.codes:
            got = ev[code, g]
            assert got.keys == {"kecamatan": name}
            own = [i for i in got.issues if i.message_en.endswith(_IN_A_ROW)]
            want = expected[code]
            if code in RATIO_CODES:
                ind = MADIUN[code]
                top, bottom = ind.numerator.name, ind.denominator.name
                zero = [r for r in members if r[bottom] == 0] if unit[bottom] else []
                over = [r for r in members if 0 != r[bottom] < r[top]]
                if unit[top] > unit[bottom]:
                    over = []  # the sum's own issue says it
                assert [str(i.code) for i in own] == ["denominator_zero"] * len(zero) + [
                    "numerator_exceeds_denominator"
                ] * len(over)
                if over:  # a row's count above its total cannot be summed: no value
                    assert got.value is None
                    assert (got.numerator, got.denominator) == (unit[top], unit[bottom])
                    continue
            got = attrs.evolve(got, issues=tuple(i for i in got.issues if i not in own))
            assert comparable(got) == comparable(want)
        for code in RATIO_CODES:
            ind = MADIUN[code]
            assert ev[code, g].numerator == _sum([row[ind.numerator.name] for row in members])
            assert ev[code, g].denominator == _sum([row[ind.denominator.name] for row in members])


@given(
    st.integers(0, 10**9),
    st.integers(0, 10**9),
    st.sampled_from([1, 100, 1000, 100000]),
)
def test_a_valid_proportion_lies_between_0_and_its_factor(a: int, b: int, factor: int) -> None:
    ratio = Ratio("P", "p", Variable("a", "a"), Variable("b", "b"), factor=factor)
    r = evaluate(ratio, {"a": a, "b": b})["P"]
    if r.value is None:
        assert r.issues[0].code in {"denominator_zero", "numerator_exceeds_denominator"}
    else:
        assert 0 <= r.value <= factor


@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)), min_size=1, max_size=30))
def test_valid_proportions_in_a_table_lie_between_0_and_100(pairs: list[tuple[int, int]]) -> None:
    data = {"psks_diberdayakan": [a for a, _ in pairs], "psks": [b for _, b in pairs]}
    values = evaluate(MADIUN["IKU-2"], data).to_frame()["value"].dropna()
    assert ((values >= 0) & (values <= 100)).all()


def _exercise(ev: iku.Evaluation) -> None:
    """Everything a user may ask of an evaluation: none of it may raise either."""
    ev.results  # noqa: B018
    assert all(isinstance(issue.message, str) for issue in ev.issues)
    ev.ok  # noqa: B018
    ev.periods  # noqa: B018
    ev.to_frame()
    ev.issues_frame("en")
    for result in ev.results:
        for x in (result.value, result.achievement, result.numerator, result.denominator):
            assert x is None or (isinstance(x, float) and math.isfinite(x))


anything = messy_values()


@settings(max_examples=200)
@given(
    unit_data([v.code for v in MADIUN.variables] + ["period"], anything),
    targets_for(MADIUN.codes),
    anything,
)
def test_no_unit_at_all_makes_evaluate_raise(
    data: dict[str, Any], targets: dict[str, Any], period: Any
) -> None:
    _exercise(evaluate(MADIUN, data, targets=targets, period=period))
    _exercise(evaluate(MADIUN["IKU-7"], data, targets=targets, period=period))


@st.composite
def messy_tables(draw: st.DrawFn) -> dict[str, list[Any]]:
    count = draw(st.integers(0, 6))
    names = draw(st.lists(st.sampled_from([v.code for v in MADIUN.variables]), unique=True))
    names += draw(st.sampled_from([[], ["period"], ["kecamatan"], ["period", "kecamatan"]]))
    return {name: [draw(anything) for _ in range(count)] for name in names}


@settings(max_examples=200)
@given(messy_tables(), targets_for(MADIUN.codes), st.sampled_from([None, "kecamatan", []]))
def test_no_table_at_all_makes_evaluate_raise(
    table: dict[str, list[Any]], targets: dict[str, Any], by: Any
) -> None:
    if not table or (by == "kecamatan" and "kecamatan" not in table):
        return
    _exercise(evaluate(MADIUN, table, targets=targets, by=by))
    frame = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in table.items()})
    _exercise(evaluate(MADIUN, frame, targets=targets, by=by))
    arrays = {name: np.array(values, dtype=object) for name, values in table.items()}
    _exercise(evaluate(MADIUN, arrays, targets=targets, by=by))


@given(
    st.lists(st.floats() | st.none(), min_size=1, max_size=8),
    st.lists(st.integers() | st.none(), min_size=1, max_size=8),
)
def test_no_polars_column_makes_evaluate_raise(floats: list[Any], ints: list[Any]) -> None:
    size = min(len(floats), len(ints))
    frame = pl.DataFrame(
        {
            "psks": pl.Series(floats[:size], dtype=pl.Float64),
            "psks_diberdayakan": pl.Series([None if x is None else str(x) for x in ints[:size]]),
            "ipp": pl.Series(
                [x if x is None or abs(x) < 2**63 else None for x in ints[:size]], dtype=pl.Int64
            ),
        }
    )
    ev = evaluate(MADIUN, frame, targets={"IKU-2": 80})
    _exercise(ev)
    if any(x is not None for x in ints[:size]):  # text is never a number, even "12"
        assert IssueCode.NOT_A_NUMBER in {i.code for i in ev.issues}
