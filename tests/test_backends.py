"""The backends under evaluate(): compiled kernels, reading columns, factorising keys, plans."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pytest
import sympy
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import formulas

import iku
from iku import Index, Indicator, Ratio, Variable
from iku.backends.columns import KeyColumn, Table, factorize, read_column
from iku.backends.kernels import bands, compile_array, compile_scalar, kernel
from iku.backends.plan import plan_for
from iku.backends.shapes import sequence_length
from iku.validation import MISSING, NOT_A_NUMBER

NAMES = ["a", "b", "c"]
numbers = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)


@given(formulas(NAMES), st.tuples(numbers, numbers, numbers))
def test_compiled_formulas_agree_with_sympy(expr: sympy.Expr, xs: tuple[float, ...]) -> None:
    env = dict(zip(NAMES, xs, strict=True))
    try:
        exact = complex(expr.subs({sympy.Symbol(k): sympy.Float(v, 30) for k, v in env.items()}))
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return  # sympy cannot compare an undefined part (Min of zoo): no exact value to test
    assume(exact.imag == 0 and math.isfinite(exact.real) and abs(exact.real) < 1e100)
    got = compile_scalar(expr)(env)
    if math.isfinite(got):
        assert got == pytest.approx(exact.real, rel=1e-6, abs=1e-6)


@given(formulas(NAMES), st.tuples(numbers, numbers, numbers))
def test_scalar_and_array_closures_give_the_same_floats(
    expr: sympy.Expr, xs: tuple[float, ...]
) -> None:
    env = dict(zip(NAMES, xs, strict=True))
    scalar = compile_scalar(expr)(env)
    with np.errstate(all="ignore"):
        array = np.broadcast_to(compile_array(expr)({k: np.array([v]) for k, v in env.items()}), 1)
    if math.isnan(scalar):
        assert math.isnan(array[0]) or math.isinf(array[0])
    elif math.isinf(scalar):
        assert not math.isfinite(array[0])
    else:
        assert array[0] == scalar


def test_a_fraction_is_computed_as_written_top_over_bottom() -> None:
    a, b = sympy.symbols("a b")
    assert compile_scalar(a / 3)({"a": 1.0}) == 1 / 3
    assert compile_scalar(2 * a / (3 * b))({"a": 1.0, "b": 1.0}) == 2 / 3
    assert compile_scalar(1 / a)({"a": 0.0}) == math.inf  # as numpy, never an exception
    assert compile_scalar(-1 / a)({"a": 0.0}) == -math.inf
    assert math.isnan(compile_scalar(a / b)({"a": 0.0, "b": 0.0}))


def test_scalar_min_and_max_propagate_nan_like_numpy() -> None:
    a, b = sympy.symbols("a b")
    assert math.isnan(compile_scalar(sympy.Max(a, b))({"a": 0.0, "b": math.nan}))
    assert math.isnan(compile_scalar(sympy.Min(a, b))({"a": math.nan, "b": 0.0}))
    assert compile_scalar(sympy.Abs(a - b))({"a": 1.0, "b": 3.0}) == 2.0
    assert math.isnan(compile_scalar(a ** sympy.Rational(1, 2))({"a": -4.0}))
    assert compile_scalar(a**3)({"a": 1e200}) == math.inf


def test_each_indicator_is_compiled_once() -> None:
    ind = Ratio("R", "r", Variable("a", "a"), Variable("b", "b"))
    again = Ratio("R", "r", Variable("a", "a"), Variable("b", "b"))
    assert kernel(ind) is kernel(ind)
    assert kernel(again) is kernel(ind)  # equal definitions share their kernel


def test_a_kernel_knows_its_parts() -> None:
    s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
    k = kernel(s["IKU-1"])
    assert k.kind == "ratio"
    assert k.factor == 100.0
    assert k.proportion
    assert k.numerator is not None
    assert k.numerator.symbol == "pmks_dilindungi"
    assert k.denominators == (k.denominator,)
    ipp = kernel(s["IKU-7"])
    assert ipp.scale == (0.0, 5.0)
    assert ipp.grades is iku.IPP_GRADES
    assert ipp.numerator is None


def test_a_plan_is_cached_per_subject_and_lists_the_variables() -> None:
    s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
    plan = plan_for(s)
    assert plan_for(s) is plan
    assert plan.codes == s.codes
    assert plan.set is s
    assert plan.specs["ipp"].kind == "score"
    assert plan.specs["ipp"].aggregation == "mean"
    assert plan.specs["psks"].kind == "count"
    assert plan.specs["psks"].aggregation == "sum"
    index = Index("X", "x", Indicator("t", "t", "a + b").formula, bounds=(0, 10))
    assert {spec.kind for spec in plan_for(index).specs.values()} == {"real"}
    assert plan_for(index).set is None


def test_bands_codes_match_classify() -> None:
    x = np.array([-5.0, 50.99, 51.0, 66.0, 90.99, 91.0, 1e9, math.nan])
    prepared = bands(iku.PREDIKAT)
    assert [prepared.label(int(c)) for c in prepared.codes(x)] == [
        iku.PREDIKAT.classify(v) for v in x
    ]


def test_sequence_length_knows_columns_from_scalars() -> None:
    assert sequence_length(np.arange(3)) == 3
    assert sequence_length(np.zeros((2, 2))) is None
    assert sequence_length(pd.Series([1, 2])) == 2
    assert sequence_length(pl.Series([1])) == 1
    assert sequence_length((1, 2)) == 2
    assert sequence_length(range(4)) == 4
    assert sequence_length(b"ab") is None
    assert sequence_length({"a": 1}) is None
    assert sequence_length({1, 2}) is None


@pytest.mark.parametrize(
    ("column", "values", "status"),
    [
        ([1, 2.5, None, "x"], [1.0, 2.5, math.nan, math.nan], [0, 0, MISSING, NOT_A_NUMBER]),
        (np.array([1, 2], dtype=np.int16), [1.0, 2.0], None),
        (pd.Series([1.0, None]), [1.0, math.nan], None),
        (pd.Index([3, 4]), [3.0, 4.0], None),
        (pl.Series([1, None]), [1.0, math.nan], [0, MISSING]),
        ((True, 1), [math.nan, 1.0], [NOT_A_NUMBER, 0]),
    ],
)
def test_read_column(column: Any, values: list[float], status: list[int] | None) -> None:
    read = read_column(column)
    np.testing.assert_array_equal(read.values, np.array(values))
    assert (None if read.status is None else read.status.tolist()) == status


def test_a_float64_pandas_column_is_read_without_copying() -> None:
    frame = pd.DataFrame({"a": np.arange(5, dtype=np.float64)})
    assert np.shares_memory(Table(frame).column("a").values, frame["a"].to_numpy())


def test_raw_values_are_kept_for_messages() -> None:
    assert read_column(pd.Series([1, "x"], dtype=object)).raw(1) == "x"
    assert read_column(pl.Series(["a", "b"])).raw(0) == "a"


@pytest.mark.parametrize(
    "column",
    [
        np.array([30, 10, 20, 10]),
        np.array([3e9, 1e9, 2e9, 1e9]),
        np.array(["c", "a", "b", "a"]),
        np.array(["c", "a", "b", "a"], dtype=object),
        pd.Series(["c", "a", "b", "a"]),
        pd.Series(pd.Categorical(["c", "a", "b", "a"])),
        pl.Series(["c", "a", "b", "a"]),
        pl.Series([3, 1, 2, 1]),
    ],
)
def test_factorize_sorts_groups_by_key(column: Any) -> None:
    codes, count, keys = factorize([KeyColumn("k", column)], 4)
    assert count == 3
    assert codes.tolist() == [2, 0, 1, 0]
    assert len(keys[0].python()) == 3


def test_factorize_keeps_missing_keys_as_a_group() -> None:
    codes, count, _keys = factorize([KeyColumn("k", pd.Series(["b", None, "a", None]))], 4)
    assert count == 3
    assert codes[1] == codes[3]
    codes, count, _ = factorize([KeyColumn("k", pl.Series(["b", None, "a"]))], 3)
    assert count == 3
    assert codes.tolist() == [1, 2, 0]


def test_factorize_several_columns() -> None:
    a = KeyColumn("a", np.array(["x", "y", "x", "x"]))
    b = KeyColumn("b", np.array([2, 1, 1, 2]))
    codes, count, keys = factorize([a, b], 4)
    assert count == 3
    assert codes.tolist() == [1, 2, 0, 1]
    assert [k.python().tolist() for k in keys] == [["x", "x", "y"], [1, 2, 1]]


def test_factorize_without_keys_is_one_group() -> None:
    codes, count, keys = factorize([], 3)
    assert count == 1
    assert codes.tolist() == [0, 0, 0]
    assert keys == []
    assert factorize([], 0)[1] == 0


@given(st.lists(st.integers(-5, 5) | st.text(max_size=2) | st.none(), min_size=1, max_size=30))
def test_factorize_groups_equal_keys_together(items: list[Any]) -> None:
    column = np.empty(len(items), dtype=object)
    column[:] = items
    codes, count, keys = factorize([KeyColumn("k", column)], len(items))
    values = keys[0].python()
    assert count == len(values)
    for item, code in zip(items, codes.tolist(), strict=True):
        assert values[code] == item or (values[code] is None and item is None)


@pytest.mark.parametrize("exponent", [2, 3, 0.5, 1.5, 0.25])
def test_powers_give_the_same_floats_for_one_value_and_for_an_array(exponent: float) -> None:
    expr = sympy.Symbol("a") ** sympy.Rational(str(exponent))
    values = np.linspace(1.0, 1e6, 5001)
    array = compile_array(expr)({"a": values})
    one_by_one = [compile_scalar(expr)({"a": float(x)}) for x in values]
    assert np.array_equal(array, np.array(one_by_one))
