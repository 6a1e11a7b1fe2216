"""The formula parser accepts only the whitelist, keeps denominators as written, and prints back."""

from __future__ import annotations

import pathlib
import re
import time

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st
from strategies import formulas

from iku import FormulaError, Variable, parse_formula
from iku.formula import (
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_LENGTH,
    check_expression,
    denominators,
    formula_to_text,
    parse,
)

a, b, c = sympy.symbols("a b c")
NAMES = ["a", "b", "c"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a / b * 100", 100 * a / b),
        ("(a + b) / c", (a + b) / c),
        ("a - -b", a + b),
        ("+a", a),
        ("a ** 2", a**2),
        ("a ** -1", 1 / a),
        ("min(a, b, 3)", sympy.Min(a, b, 3)),
        ("max(a - b, 0)", sympy.Max(a - b, 0)),
        ("abs(a - b)", sympy.Abs(a - b)),
        ("0.24 * a + 0.76 * b", sympy.Rational(6, 25) * a + sympy.Rational(19, 25) * b),
        ("1_000 * a", 1000 * a),
        ("1e3 * a", 1000 * a),
    ],
)
def test_parse_formula_builds_the_expression_written(text: str, expected: sympy.Expr) -> None:
    assert parse_formula(text, NAMES) == expected


def test_parse_formula_accepts_variables_as_well_as_codes() -> None:
    psks = Variable("psks", "Jumlah PSKS")
    assert parse_formula("psks * 2", [psks]) == 2 * sympy.Symbol("psks")


def test_decimal_literals_are_exact_rationals() -> None:
    assert parse_formula("0.1 * a", NAMES) == sympy.Rational(1, 10) * a


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("a + d", r"unknown variable 'd' at column 5", 5),
        ("__import__('os')", r"function '__import__' is not allowed", 1),
        ("a.real", r"'a.real' is not allowed", 1),
        ("a[0]", r"'a\[0\]' is not allowed", 1),
        ("a if b else c", r"is not allowed", 1),
        ("lambda: a", r"is not allowed", 1),
        ("a // b", r"operator in 'a // b' is not allowed", 1),
        ("a % b", r"operator in 'a % b' is not allowed", 1),
        ("a < b", r"is not allowed", 1),
        ("'text'", r"'text' is not a number", 1),
        ("True * a", r"True is not a number", 1),
        ("1j * a", r"1j is not a number", 1),
        ("a ** b", r"exponent must be a number", 6),
        ("a ** 17", r"exponent 17 is larger than 16", 6),
        ("a / 0", r"division by zero at column 5", 5),
        ("a / (1 - 1)", r"division by zero", 6),
        ("min(a)", r"min\(\) takes at least 2 argument", 1),
        ("abs(a, b)", r"abs\(\) takes 1 argument", 1),
        ("min(*a)", r"min\(\) takes plain arguments", 1),
        ("max(a, key=b)", r"function 'max' is not allowed", 1),
        ("min + a", r"'min' is a function", 1),
        ("1e999 * a", r"too large", 1),
        ("1e-40 * a", r"too large or too small", 1),
        ("a +", r"not a formula: invalid syntax at the end", 4),
        ("", r"formula is empty", 0),
    ],
)
def test_parse_formula_refuses_with_the_part_and_column(
    text: str, message: str, column: int
) -> None:
    with pytest.raises(FormulaError, match=message) as info:
        parse_formula(text, NAMES)
    assert info.value.column == column
    assert isinstance(info.value, ValueError)


def test_a_refusal_names_the_offending_part() -> None:
    with pytest.raises(FormulaError, match="unknown variable") as info:
        parse_formula("a + psks_typo * 2", NAMES)
    assert info.value.part == "psks_typo"


def test_formula_text_has_a_length_limit() -> None:
    with pytest.raises(FormulaError, match=f"more than the limit of {MAX_LENGTH}"):
        parse_formula("a + " * MAX_LENGTH + "a", NAMES)


def test_formula_nesting_has_a_depth_limit() -> None:
    with pytest.raises(FormulaError, match="deeper than"):
        parse_formula("a + (" * (MAX_DEPTH + 5) + "a" + ")" * (MAX_DEPTH + 5), NAMES)
    with pytest.raises(FormulaError, match="deeper than"):
        parse_formula("-" * (MAX_DEPTH + 5) + "a", NAMES)


def test_exponent_limit_is_inclusive() -> None:
    assert parse_formula(f"a ** {MAX_EXPONENT}", NAMES) == a**MAX_EXPONENT


def test_denominators_are_found_as_written_even_when_sympy_cancels() -> None:
    assert parse_formula("a / a", NAMES) == 1
    assert denominators("a / a", NAMES) == (a,)
    assert denominators("a * b / (a * c)", NAMES) == (a * c,)
    assert denominators("a / (b - c) + 1 / b ** 2", NAMES) == (b - c, b**2)
    assert denominators("a / 4", NAMES) == ()


def test_denominators_of_an_expression_come_from_negative_powers() -> None:
    assert denominators(a / b + c / (a + b)) == (b, a + b)


def test_formula_to_text_prints_decimal_weights_readably() -> None:
    assert formula_to_text(sympy.Rational(6, 25) * a + sympy.Rational(19, 25) * b) == (
        "0.24*a + 0.76*b"
    )
    assert formula_to_text(a / 3) == "a/3"
    assert formula_to_text(sympy.sqrt(a + b)) == "(a + b)**(0.5)"


def test_check_expression_refuses_functions_iku_cannot_evaluate() -> None:
    with pytest.raises(FormulaError, match="uses sin"):
        check_expression(sympy.sin(a))
    with pytest.raises(FormulaError, match="not a finite number"):
        check_expression(a * sympy.oo)
    with pytest.raises(FormulaError, match="not a valid variable code"):
        check_expression(sympy.Symbol("not valid"))
    with pytest.raises(FormulaError, match="must be a sympy expression"):
        check_expression("a + b")


def test_check_expression_turns_floats_into_their_exact_decimal() -> None:
    assert check_expression(0.24 * a) == sympy.Rational(6, 25) * a


@given(formulas(NAMES))
def test_printing_then_parsing_gives_the_same_expression(expr: sympy.Expr) -> None:
    expr = check_expression(expr)
    assert parse_formula(formula_to_text(expr), NAMES) == expr


@given(formulas(NAMES))
def test_parsing_printed_text_twice_is_stable(expr: sympy.Expr) -> None:
    first = parse_formula(formula_to_text(expr), NAMES)
    assert parse_formula(formula_to_text(first), NAMES) == first


_formula_alphabet = st.sampled_from([*"abc0123456789+-*/(). ,_ej", "**", "min", "max", "abs"])


@given(st.text() | st.lists(_formula_alphabet, max_size=60).map("".join))
def test_any_text_gives_an_expression_or_a_formula_error_quickly(text: str) -> None:
    start = time.perf_counter()
    try:
        result = parse(text, NAMES)
    except FormulaError:
        pass
    else:
        assert isinstance(result.expr, sympy.Expr)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(
    "text",
    [
        "9" * 5000,
        "(" * 300 + "a" + ")" * 300,
        "a" + " ** 2" * 500,
        "1e999999999 * a",
        "a ** 16 ** 16",
        "\x00",
        "a +\n b",
    ],
)
def test_hostile_text_is_refused_quickly(text: str) -> None:
    start = time.perf_counter()
    with pytest.raises(FormulaError, match=r"\w"):
        parse_formula(text, NAMES)
    assert time.perf_counter() - start < 1.0


def test_the_package_never_evaluates_text() -> None:
    source = pathlib.Path(__file__).parent.parent / "src" / "iku"
    forbidden = re.compile(r"\b(eval|exec|sympify|parse_expr|lambdify)\s*\(")
    offenders = [
        f"{path.relative_to(source)}:{number}: {line.strip()}"
        for path in sorted(source.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if forbidden.search(line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []
