"""Numbers are shown rounded with the language's separators, and formulas read in the decree's
words."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import indicator_sets

from iku import PREDIKAT, Index, Indicator, Polarity, Ratio, Variable, get_set
from iku.report.text import (
    MISSING,
    category_label,
    check_lang,
    format_number,
    formula_words,
    label,
    polarity_words,
)

MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "shown"),
    [
        (1234.5, 2, "id", "1.234,50"),
        (1234.5, 2, "en", "1,234.50"),
        (1234567.891, 1, "id", "1.234.567,9"),
        (0.125, 2, "en", "0.12"),  # round half to even, as Python formats
        (90, 0, "id", "90"),
        (-12.5, 2, "id", "-12,50"),
        (-0.001, 2, "id", "0,00"),
        (None, 2, "id", MISSING),
        (math.nan, 2, "id", MISSING),
        (math.inf, 2, "id", "∞"),
    ],
)
def test_format_number_rounds_for_display_with_the_language_separators(
    value: float | None, decimals: int, lang: str, shown: str
) -> None:
    assert format_number(value, decimals, lang) == shown


@given(st.floats(-1e12, 1e12, allow_nan=False), st.integers(0, 6))
def test_format_number_in_indonesian_reads_back_to_the_rounded_value(
    value: float, decimals: int
) -> None:
    text = format_number(value, decimals, "id")
    back = float(text.replace(".", "").replace(",", "."))
    assert back == pytest.approx(round(value, decimals), abs=10**-decimals)


@given(st.floats(-1e9, 1e9, allow_nan=False), st.integers(0, 4))
def test_format_number_languages_differ_only_in_separators(value: float, decimals: int) -> None:
    swapped = format_number(value, decimals, "en").translate(str.maketrans(",.", ".,"))
    assert swapped == format_number(value, decimals, "id")


def test_formula_words_writes_a_ratio_in_the_labels_of_its_variables() -> None:
    s = get_set(MADIUN)
    assert formula_words(s["IKU-6"], s) == (
        "(Jumlah kasus pengaduan yang diselesaikan) / (Jumlah kasus pengaduan) × 100"
    )
    assert formula_words(s["IKU-6"], s, "en") == (
        "(Number of complaint cases resolved) / (Number of complaint cases) × 100"
    )


def test_formula_words_of_a_single_variable_index_is_its_label() -> None:
    s = get_set(MADIUN)
    assert formula_words(s["IKU-7"], s) == s.variable("ipp").label


def test_formula_words_without_labels_keeps_the_codes_and_spells_the_operators() -> None:
    a, b, c = Variable("a", "A"), Variable("b", "B"), Variable("c", "C")
    ind = Indicator("X", "x", "(a + b) * 2 / c ** 2")
    assert formula_words(ind) == "(a + b) × 2 / c^2"
    assert formula_words(ind, {"a": "satu", "c": "tiga"}) == "((satu) + b) × 2 / (tiga)^2"
    assert formula_words(Ratio("R", "r", a, b + c, factor=1)) == "a / (b + c)"


def test_formula_words_does_not_touch_operators_inside_labels() -> None:
    ind = Index("I", "i", "a * 2", bounds=(0, 10))
    assert formula_words(ind, {"a": "skor * bobot"}) == "skor * bobot × 2"


@given(indicator_sets())
def test_formula_words_names_every_variable_by_its_label(s: object) -> None:
    from iku import IndicatorSet

    assert isinstance(s, IndicatorSet)
    for ind in s:
        words = formula_words(ind, s)
        for code in ind.variables:
            assert s.variable(code).label in words


def test_labels_exist_in_both_languages_and_an_unknown_language_is_refused() -> None:
    assert label("category") == "Predikat"
    assert label("category", "en") == "Category"
    with pytest.raises(ValueError, match="lang must be 'id' or 'en'"):
        check_lang("fr")


def test_polarity_and_categories_are_translated() -> None:
    assert polarity_words(Polarity.LOWER_IS_BETTER, "en") == "lower is better"
    assert category_label(PREDIKAT, "Sangat Rendah", "en") == "Very low"
    assert category_label(PREDIKAT, "Sangat Rendah", "id") == "Sangat Rendah"
    assert category_label(PREDIKAT, None) == MISSING
    assert category_label(PREDIKAT, "no such band", "en") == "no such band"
