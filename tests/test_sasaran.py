"""Evaluation.sasaran(): the capaian of each sasaran from its indicators' capaian, per period and
key, by the rules' method; the indicators left out are named with the reason."""

from __future__ import annotations

import pytest

from iku import (
    Indicator,
    IndicatorSet,
    Rules,
    Sasaran,
    SasaranResult,
    Variable,
    evaluate,
)

X, Y, Z = (Variable(c, c, kind="real") for c in "xyz")


def _set(weights: tuple[float, float, float] = (1, 1, 1), **rules: object) -> IndicatorSet:
    a = Indicator("A", "a", X, weight=weights[0])
    b = Indicator("B", "b", Y, weight=weights[1])
    c = Indicator("C", "c", Z, weight=weights[2])
    return IndicatorSet(
        "kab-contoh.dinas.2020",
        "IKU",
        "Dinas",
        [2020],
        [Sasaran("S-1", "dua", [a, b]), Sasaran("S-2", "satu", [c])],
        [X, Y, Z],
        rules=Rules(**rules),  # type: ignore[arg-type]
    )


TARGETS = {"A": 100, "B": 100, "C": 100}


def test_a_sasaran_s_capaian_is_the_mean_of_its_indicators() -> None:
    ev = evaluate(_set(), {"x": 100, "y": 80, "z": 50}, targets=TARGETS)
    first, second = ev.sasaran()
    assert first == SasaranResult("S-1", None, {}, 90.0, "Tinggi", ("A", "B"), ())
    assert (second.code, second.achievement, second.category) == ("S-2", 50.0, "Sangat Rendah")


def test_weighted_by_the_indicators_weights_when_the_rules_say() -> None:
    s = _set(weights=(3, 1, 1), sasaran="weighted")
    (first, _) = evaluate(s, {"x": 100, "y": 60, "z": 50}, targets=TARGETS).sasaran()
    assert first.achievement == 90.0  # (3 * 100 + 60) / 4
    # the same set read with the plain mean
    plain = evaluate(s, {"x": 100, "y": 60, "z": 50}, targets=TARGETS, rules=Rules(sasaran="mean"))
    assert plain.sasaran()[0].achievement == 80.0


def test_an_indicator_without_capaian_is_left_out_with_its_reason() -> None:
    ev = evaluate(_set(), {"x": 100, "y": 80}, targets={"A": 100, "C": 100})
    first, second = ev.sasaran()
    assert first.achievement == 100.0
    assert first.indicators == ("A",)
    (issue,) = first.issues
    assert issue.code == "left_out"
    assert issue.indicator == "B"
    assert issue.severity == "warning"
    assert issue.message_en == (
        "B is left out of the capaian of sasaran S-1: no target was given for this indicator"
    )
    assert second.achievement is None  # z has no value: no capaian at all
    assert second.category is None
    assert "z has no value" in second.issues[0].message_en


def test_one_result_per_sasaran_period_and_key() -> None:
    data = {"unit": ["a", "a", "b"], "period": [2020, 2021, 2020], "x": [100.0, 50.0, 80.0]}
    data |= {"y": [100.0, 100.0, 100.0], "z": [10.0, 20.0, 30.0]}
    ev = evaluate(_set(), data, targets=TARGETS, by="unit")
    found = [(r.code, r.period, dict(r.keys), r.achievement) for r in ev.sasaran()]
    assert found == [
        ("S-1", 2020, {"unit": "a"}, 100.0),
        ("S-2", 2020, {"unit": "a"}, 10.0),
        ("S-1", 2021, {"unit": "a"}, 75.0),
        ("S-2", 2021, {"unit": "a"}, 20.0),
        ("S-1", 2020, {"unit": "b"}, 90.0),
        ("S-2", 2020, {"unit": "b"}, 30.0),
    ]


def test_the_sasaran_capaian_is_rounded_and_bounded_by_the_set_rules() -> None:
    s = _set(achievement_decimals=2, cap=100)
    (first, _) = evaluate(s, {"x": 100, "y": 111.11, "z": 1}, targets=TARGETS).sasaran()
    assert first.achievement == 100.0  # B capped at 100 first


def test_a_lone_indicator_has_no_sasaran() -> None:
    assert evaluate(_set()["A"], {"x": 1}, targets={"A": 1}).sasaran() == ()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_left_out_message_exists_in_both_languages(lang: str) -> None:
    ev = evaluate(_set(), {"x": 1, "y": 1, "z": 1}, targets={"A": 1})
    issue = ev.sasaran()[0].issues[0]
    assert "B" in issue.describe(lang)
