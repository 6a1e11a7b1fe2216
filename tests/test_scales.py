"""Achievement by polarity and range, predikat and grade scales, as values and as columns."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import scales

from iku import IPP_GRADES, PREDIKAT, Polarity, Scale, TargetRange, achievement
from iku.errors import DefinitionError
from iku.scales import achievement_array

targets = st.floats(min_value=1e-6, max_value=1e12, allow_nan=False, allow_infinity=False)
values = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(targets, st.sampled_from(Polarity))
def test_achievement_at_the_target_is_100_for_both_polarities(t: float, polarity: Polarity) -> None:
    assert achievement(t, t, polarity) == 100.0


@given(targets)
def test_lower_is_better_gives_0_at_twice_the_target(t: float) -> None:
    assert achievement(2 * t, t, Polarity.LOWER_IS_BETTER) == 0.0


@given(values, targets, st.sampled_from(Polarity))
def test_achievement_array_gives_the_same_floats_as_achievement(
    v: float, t: float, polarity: Polarity
) -> None:
    assert achievement_array(np.array([v]), t, polarity)[0] == achievement(v, t, polarity)


@given(values, targets, targets)
def test_range_targets_agree_between_value_and_array(v: float, a: float, b: float) -> None:
    lo, hi = min(a, b), max(a, b)
    expected = achievement(v, TargetRange(lo, hi))
    got = achievement_array(np.array([v]), np.array([lo]), "higher", np.array([hi]))[0]
    assert got == expected


def test_achievement_is_not_capped_nor_clipped() -> None:
    assert achievement(190, 100) == 190.0
    assert achievement(250, 100, "lower") == -50.0


def test_a_zero_target_gives_no_achievement() -> None:
    assert achievement(5, 0) is None
    assert math.isnan(achievement_array(np.array([5.0]), 0.0)[0])
    assert achievement(5, TargetRange(0, 10)) == 100.0
    assert achievement(-1, TargetRange(0, 10)) is None


def test_achievement_array_marks_missing_values_and_targets() -> None:
    got = achievement_array(np.array([45.0, math.nan, 45.0]), np.array([50.0, 50.0, math.nan]))
    assert got[0] == 90.0
    assert math.isnan(got[1])
    assert math.isnan(got[2])
    assert achievement_array(45.0, 50.0).shape == ()


def test_an_invalid_range_is_a_definition_error() -> None:
    with pytest.raises(DefinitionError, match="finite lo <= hi"):
        TargetRange(90, 80)


@pytest.mark.parametrize(
    ("capaian", "predikat"),
    [
        (-20, "Sangat Rendah"),
        (50.999, "Sangat Rendah"),
        (51, "Rendah"),
        (65.99, "Rendah"),
        (66, "Sedang"),
        (76, "Tinggi"),
        (90.99, "Tinggi"),
        (91, "Sangat Tinggi"),
        (250, "Sangat Tinggi"),
    ],
)
def test_predikat_bands_are_half_open_on_the_lower_cut(capaian: float, predikat: str) -> None:
    assert PREDIKAT.classify(capaian) == predikat


@pytest.mark.parametrize(
    ("ipp", "grade"),
    [
        (0, "F"),
        (1.0, "F"),
        (1.01, "E"),
        (2.5, "C-"),
        (3.51, "B"),
        (4.5, "A-"),
        (4.51, "A"),
        (5, "A"),
    ],
)
def test_ipp_grades(ipp: float, grade: str) -> None:
    assert IPP_GRADES.classify(ipp) == grade


def test_classify_of_nothing_is_nothing() -> None:
    assert PREDIKAT.classify(None) is None
    assert PREDIKAT.classify(math.nan) is None
    assert Scale("s", [("ok", 0)]).classify(-1) is None


@given(scales(), st.lists(values, min_size=2, max_size=20))
def test_classify_is_monotone(scale: Scale, xs: list[float]) -> None:
    rank = {label: i for i, label in enumerate(reversed(scale.labels))}
    ordered = [rank[label] for label in map(scale.classify, sorted(xs)) if label is not None]
    assert ordered == sorted(ordered)


@given(scales(), st.lists(values | st.just(math.nan), max_size=20))
def test_codes_agree_with_classify(scale: Scale, xs: list[float]) -> None:
    codes = scale.codes(np.array(xs, dtype=float))
    labels = [scale.labels[c] if c >= 0 else None for c in codes]
    assert labels == [scale.classify(x) for x in xs]
