"""The rules of capaian as data: Rules checked and merged, rounding decided in decimals, the
capaian by each rule, scales read ">=" or ">", rules and scales in set files."""

from __future__ import annotations

import math
from decimal import Decimal

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import indicator_sets, rules

import iku
from iku import (
    PREDIKAT,
    PREDIKAT_BERHASIL,
    PREDIKAT_MALUKU_TENGAH_2021,
    PREDIKAT_SAMPANG_2019,
    DefinitionError,
    Indicator,
    IndicatorSet,
    Rules,
    Sasaran,
    Scale,
    TargetRange,
    Variable,
    achievement,
    evaluate,
)
from iku.errors import ArgumentError
from iku.files import dump_set, loads_set
from iku.rounding import limit, round_array, round_number
from iku.scales import achievement_array

# --- Rules --------------------------------------------------------------------------------


def test_the_default_rules_are_permenpanrb_and_nothing_is_given() -> None:
    r = Rules()
    assert (r.lower, r.cap, r.floor, r.value_decimals, r.achievement_decimals, r.sasaran) == (
        "reflect",
        None,
        None,
        None,
        None,
        "mean",
    )
    assert r.given == frozenset()
    assert r.is_default
    assert r.plain
    assert repr(r) == "Rules()"


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"lower": "invers"}, r"rules: lower must be one of 'reflect', 'inverse', not 'invers'"),
        ({"cap": "100"}, r"rules: cap must be a number, not '100'"),
        ({"cap": True}, r"rules: cap must be a number, not True"),
        ({"floor": math.nan}, r"rules: floor must be a number, not NaN"),
        ({"floor": math.inf}, r"rules: floor must be below infinity"),
        ({"value_decimals": 10}, r"rules: value_decimals must be a whole number from 0 to 9"),
        ({"achievement_decimals": 2.0}, r"rules: achievement_decimals must be a whole number"),
        ({"value_rounding": "down"}, r"rules: value_rounding must be one of 'half_up'"),
        ({"sasaran": "median"}, r"rules: sasaran must be one of 'mean', 'weighted'"),
        ({"cap": 90, "floor": 100}, r"rules: floor \(100\) is above cap \(90\)"),
    ],
)
def test_a_bad_rule_is_a_definition_error_naming_the_field(
    fields: dict[str, object], named: str
) -> None:
    with pytest.raises(DefinitionError, match=named):
        Rules(**fields)  # type: ignore[arg-type]


def test_every_bad_field_is_reported_together() -> None:
    with pytest.raises(DefinitionError, match="cap") as caught:
        Rules(cap="x", value_decimals=-1, sasaran="mode")  # type: ignore[arg-type]
    assert [p.split()[1] for p in caught.value.problems] == ["cap", "value_decimals", "sasaran"]


def test_a_field_not_given_is_inherited_and_a_given_one_overrides() -> None:
    set_rules = Rules(lower="inverse", cap=100, achievement_decimals=2)
    own = Rules(cap=120, value_decimals=0, value_rounding="truncate")
    merged = set_rules.merge(own)
    assert merged.lower == "inverse"  # inherited
    assert merged.cap == 120  # overridden
    assert merged.achievement_decimals == 2
    assert merged.value_decimals == 0
    assert set_rules.merge(None) is set_rules
    assert set_rules.merge(Rules()) is set_rules
    # a field given with its default value still overrides an inherited one
    assert set_rules.merge(Rules(lower="reflect")).lower == "reflect"
    assert Rules(lower="reflect") != Rules()
    assert Rules(lower="reflect").values == Rules().values


def test_a_rounding_mode_without_its_decimals_changes_nothing() -> None:
    assert Rules(value_rounding="truncate").is_default
    assert Rules(value_rounding="truncate", value_decimals=0).changed == (
        "value_decimals",
        "value_rounding",
    )


@given(rules())
def test_rules_read_back_from_their_mapping(r: Rules) -> None:
    assert Rules.from_mapping(r.as_mapping()) == r


def test_an_unknown_rule_field_is_refused() -> None:
    with pytest.raises(DefinitionError, match="unknown field 'kap'"):
        Rules.from_mapping({"kap": 100})


# --- rounding -----------------------------------------------------------------------------


def test_rounding_is_decided_in_decimals() -> None:
    assert round_number(0.125, 2, "half_up") == 0.13
    assert round_number(0.125, 2, "half_even") == 0.12
    assert round_number(0.135, 2, "half_even") == 0.14
    assert round_number(2.675, 2, "half_up") == 2.68  # the float is 2.67499999...
    assert round_number(139.737, 2, "truncate") == 139.73
    assert repr(round_number(139.7399999, 2, "truncate")) == "139.73"  # not 139.72999...
    assert round_number(0.29 * 100, 0, "truncate") == 29.0  # 28.999999999999996
    assert round_number(-2.5, 0, "half_up") == -3.0
    assert round_number(-186.9, 0, "truncate") == -186.0


def test_a_number_too_large_to_hold_its_rounding_is_left_as_it_is() -> None:
    big = limit(2) * 1.5
    assert round_number(big, 2, "truncate") == big
    assert math.isnan(round_number(math.nan, 2, "half_up"))
    assert round_number(math.inf, 0, "truncate") == math.inf


_floats = st.one_of(
    st.floats(-1e7, 1e7, allow_nan=False),
    st.integers(-(10**6), 10**6).map(lambda n: n / 1000),
    st.integers(-(10**5), 10**5).map(lambda n: n / 8),
    st.sampled_from([0.125, 2.675, 139.737, 0.29 * 100, 1e15, -0.0, math.nan, math.inf]),
)


@given(
    st.lists(_floats, max_size=30), st.integers(0, 9), st.sampled_from(list(iku.rounding.Rounding))
)
def test_a_column_is_rounded_as_each_of_its_numbers(
    values: list[float], decimals: int, mode: str
) -> None:
    column = np.array(values, dtype=np.float64)
    expected = [round_number(v, decimals, mode) for v in values]
    np.testing.assert_array_equal(round_array(column, decimals, mode), expected)


@given(st.floats(-1e6, 1e6, allow_nan=False), st.integers(0, 6))
def test_a_rounded_number_is_the_decimal_of_the_printed_one(value: float, decimals: int) -> None:
    step = Decimal(1).scaleb(-decimals)
    printed = Decimal(repr(value)).quantize(Decimal("1e-9"), "ROUND_HALF_UP")
    truncated = round_number(value, decimals, "truncate")
    assert Decimal(repr(truncated)) == printed.quantize(step, "ROUND_DOWN")
    assert abs(truncated) <= abs(value) + 1e-9


# --- capaian by the rules -----------------------------------------------------------------


def test_lower_is_better_reflected_by_default_and_inverse_when_the_rules_say() -> None:
    assert achievement(186, 162, "lower") == pytest.approx((2 * 162 - 186) / 162 * 100)
    assert achievement(186, 162, "lower", Rules(lower="inverse")) == 162 / 186 * 100
    # higher is better is the same under either rule
    assert achievement(90, 80, "higher", Rules(lower="inverse")) == 112.5


def test_no_capaian_for_a_zero_target_or_an_inverse_zero_realisasi() -> None:
    inverse = Rules(lower="inverse")
    assert achievement(0, 162, "lower", inverse) is None  # never inf, never a made-up 100
    assert achievement(10, 0, "lower", inverse) is None
    assert achievement(10, 0, "higher", inverse) is None
    assert achievement(0, 162, "lower") == 200.0  # the default rule has one
    values = achievement_array([0.0, 186.0, 5.0], [162.0, 162.0, 0.0], "lower", rules=inverse)
    assert np.isnan(values[0])
    assert values[1] == 162 / 186 * 100
    assert np.isnan(values[2])


def test_a_cap_and_a_floor_bound_the_capaian_after_its_rounding() -> None:
    capped = Rules(cap=100, floor=0, achievement_decimals=2)
    assert achievement(111.11, 100, rules=capped) == 100.0
    assert achievement(-20, 100, rules=capped) == 0.0
    assert achievement(99.995, 100, rules=capped) == 100.0  # 99,995 rounds up to 100
    assert achievement(60, TargetRange(50, 70), rules=Rules(cap=90)) == 90.0  # a range too


def test_the_realisasi_is_rounded_before_the_capaian_is_computed() -> None:
    r = Rules(lower="inverse", value_decimals=0, value_rounding="truncate")
    assert achievement(186.9, 162, "lower", r) == 162 / 186 * 100
    assert achievement(186.9, 162, "lower", attrs.evolve(r)) == achievement(186, 162, "lower", r)


def test_achievement_refuses_rules_that_are_no_rules() -> None:
    with pytest.raises(ArgumentError, match="rules"):
        achievement(1, 2, rules={"cap": 100})  # type: ignore[arg-type]


# --- rules of the set, of an indicator, of a run ------------------------------------------


def _set(**rules: object) -> IndicatorSet:
    x, y = Variable("x", "x", kind="real"), Variable("y", "y", kind="real")
    a = Indicator("A", "a", x, polarity="lower")
    b = Indicator("B", "b", y, polarity="lower", rules=Rules(cap=120))
    return IndicatorSet(
        "kab-contoh.dinas.2020",
        "IKU",
        "Dinas",
        [2020],
        [Sasaran("S-1", "s", [a, b])],
        [x, y],
        rules=Rules(**rules),  # type: ignore[arg-type]
    )


def test_an_indicator_inherits_the_set_rules_and_a_run_overrides_both() -> None:
    s = _set(lower="inverse", cap=100)
    data, targets = {"x": 50.0, "y": 50.0}, {"A": 80, "B": 80}
    ev = evaluate(s, data, targets=targets)
    assert ev["A"].achievement == 100.0  # 80 / 50 = 160, capped by the set at 100
    assert ev["B"].achievement == 120.0  # its own cap
    assert ev.rules_of("B") == Rules(lower="inverse", cap=120)
    run = evaluate(s, data, targets=targets, rules=Rules(cap=150))
    assert run["A"].achievement == 150.0
    assert run["B"].achievement == 150.0
    assert run.rules == Rules(lower="inverse", cap=150)
    with pytest.raises(ArgumentError, match="rules"):
        evaluate(s, data, rules={"cap": 100})


def test_a_zero_realisasi_under_inverse_is_a_named_warning_in_a_unit_and_a_table() -> None:
    s = _set(lower="inverse")
    unit = evaluate(s, {"x": 0, "y": 10}, targets={"A": 80, "B": 80})
    assert unit["A"].achievement is None
    assert unit["A"].value == 0
    assert [i.code for i in unit["A"].issues] == ["zero_value"]
    assert "target / realisasi" in unit["A"].issues[0].message_en
    table = evaluate(s, {"x": [0.0, 40.0], "y": [10.0, 0.0]}, targets={"A": 80, "B": 0})
    assert [i.code for i in table["A", 0].issues] == ["zero_value"]
    assert table["A", 1].achievement == 200.0
    assert [i.code for i in table["B", 1].issues] == ["zero_target"]  # a zero target first


# --- scales read as published -------------------------------------------------------------


def test_a_scale_says_whether_its_cuts_are_included() -> None:
    strict = Scale("s", [("Baik", 85), ("Kurang", None)], inclusive=False)
    assert strict.classify(85) == "Kurang"
    assert strict.classify(85.01) == "Baik"
    mixed = Scale("m", [iku.Band("Baik", 85, inclusive=True), ("Kurang", None)], inclusive=False)
    assert mixed.classify(85) == "Baik"
    np.testing.assert_array_equal(strict.codes(np.array([85.0, 85.01, np.nan])), [1, 0, -1])


@pytest.mark.parametrize(
    ("scale", "cases"),
    [
        (
            PREDIKAT,
            [(91, "Sangat Tinggi"), (90.99, "Tinggi"), (51, "Rendah"), (50.99, "Sangat Rendah")],
        ),
        (
            PREDIKAT_SAMPANG_2019,
            [(91, "Sangat Tinggi"), (90.5, "Sangat Tinggi"), (90, "Tinggi"), (50, "Sangat Rendah")],
        ),
        (
            PREDIKAT_MALUKU_TENGAH_2021,
            [(85, "Sangat Baik"), (85.01, "Memuaskan"), (30, "Kurang"), (30.5, "Agak Kurang")],
        ),
        (
            PREDIKAT_BERHASIL,
            [
                (100, "Sangat Berhasil"),
                (99.9, "Berhasil"),
                (55, "Cukup Berhasil"),
                (54, "Kurang Berhasil"),
            ],
        ),
    ],
)
def test_the_published_scales_read_their_boundaries_as_published(
    scale: Scale, cases: list[tuple[float, str]]
) -> None:
    assert [scale.classify(x) for x, _ in cases] == [label for _, label in cases]
    assert scale.description  # its source
    s = _set()
    ind = attrs.evolve(s["A"], polarity="higher", categories=scale)
    for x, label in cases:  # the backends read the same boundaries
        ev = evaluate(ind, {"x": [float(x)]}, targets={"A": 100})
        assert ev["A", 0].category == label


def test_a_set_file_picks_a_published_scale_by_name() -> None:
    text = SET_FILE.replace('polarity = "lower"', 'categories = "PREDIKAT_MALUKU_TENGAH_2021"')
    s = loads_set(text)
    assert s["A"].categories is PREDIKAT_MALUKU_TENGAH_2021


# --- set files ----------------------------------------------------------------------------

SET_FILE = """
iku_format = 1
[set]
id = "kab-contoh.dinas.2020"
name = "IKU Dinas Contoh"
organization = "Dinas Contoh"
period = [2020]
[rules]
lower = "inverse"
value_rounding = "truncate"
achievement_decimals = 2
[[variables]]
code = "x"
label = "x"
kind = "real"
[[sasaran]]
code = "S-1"
name = "s"
[[sasaran.indicators]]
code = "A"
name = "a"
formula = "x"
polarity = "lower"
rules = { value_decimals = 0, cap = 100 }
weight = 2
"""


def test_a_set_file_holds_set_rules_and_an_indicator_s_own() -> None:
    s = loads_set(SET_FILE)
    assert s.rules == Rules(lower="inverse", value_rounding="truncate", achievement_decimals=2)
    assert s["A"].rules == Rules(value_decimals=0, cap=100)
    assert s["A"].weight == 2
    ev = evaluate(s, {"x": 186.9}, targets={"A": 162})
    assert ev["A"].value == 186
    assert ev["A"].achievement == 87.1
    assert loads_set(dump_set(s)) == s


def test_bad_rules_in_a_set_file_name_their_entry() -> None:
    text = SET_FILE.replace("cap = 100", 'cap = "100"').replace('lower = "inverse"', 'lower = "x"')
    with pytest.raises(DefinitionError, match="rules: lower") as caught:
        loads_set(text)
    assert caught.value.problems == (
        "rules: lower must be one of 'reflect', 'inverse', not 'x'",
        "sasaran S-1 > indicator A: rules: cap must be a number, not '100'",
    )


@given(indicator_sets(), rules())
def test_any_set_with_any_rules_round_trips_through_its_file(s: IndicatorSet, r: Rules) -> None:
    s = attrs.evolve(s, rules=r)
    assert loads_set(dump_set(s)) == s


def test_a_block_of_indicators_is_rounded_as_each_of_its_numbers() -> None:
    block = np.array([[1.005, 2.675, 100.0], [0.125, -3.5, math.nan]])
    expected = [[round_number(v, 2, "half_up") for v in row] for row in block.tolist()]
    np.testing.assert_array_equal(round_array(block, 2, "half_up"), expected)
