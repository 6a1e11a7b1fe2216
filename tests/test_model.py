"""The nouns are valid by construction, read naturally, and behave as immutable values."""

from __future__ import annotations

import datetime as dt
import inspect
import math

import attrs
import pytest
import sympy
from hypothesis import given
from strategies import indicator_sets, variables

from iku import (
    IPP_GRADES,
    PREDIKAT,
    Aggregation,
    DefinitionError,
    FormulaError,
    Index,
    Indicator,
    IndicatorSet,
    Polarity,
    Ratio,
    Sasaran,
    Scale,
    Source,
    Variable,
    VariableKind,
)
from iku.errors import ArgumentError

dilindungi = Variable("pmks_dilindungi", "Jumlah PMKS yang mendapatkan perlindungan")
perlu = Variable("pmks_perlu", "Jumlah PMKS yang memerlukan perlindungan")
ipp = Variable("ipp", "Indeks Pelayanan Publik", kind="score", range=(0, 5))


def small_set(
    *indicators: Indicator, variables: tuple[Variable, ...] = (dilindungi, perlu)
) -> IndicatorSet:
    return IndicatorSet(
        "kota-contoh.dinsos.2025-2026",
        "IKU Dinas Sosial",
        "Dinas Sosial Kota Contoh",
        (2025, 2026),
        [Sasaran("S-1", "meningkatkan perlindungan sosial", indicators)],
        variables,
    )


def test_arithmetic_on_variables_builds_sympy_expressions() -> None:
    expr = dilindungi / perlu * 100
    assert isinstance(expr, sympy.Expr)
    assert expr == 100 * dilindungi.symbol / perlu.symbol
    assert 1 - dilindungi == 1 - dilindungi.symbol
    assert -dilindungi == -dilindungi.symbol
    assert dilindungi**2 == dilindungi.symbol**2
    assert sympy.Max(dilindungi, perlu) == sympy.Max(dilindungi.symbol, perlu.symbol)


def test_variable_aggregation_follows_its_kind_unless_told() -> None:
    assert Variable("a", "A").aggregation is Aggregation.SUM
    assert Variable("a", "A", kind="amount").aggregation is Aggregation.SUM
    assert Variable("a", "A", kind="score").aggregation is Aggregation.MEAN
    assert Variable("a", "A", kind="real").aggregation is Aggregation.MEAN
    assert Variable("a", "A", aggregation="max").aggregation is Aggregation.MAX


@pytest.mark.parametrize("code", ["", "1abc", "has space", "min", "lambda", "a-b"])
def test_variable_code_must_be_an_identifier(code: str) -> None:
    with pytest.raises(DefinitionError, match="is not valid"):
        Variable(code, "label")


def test_variable_kind_and_range_are_checked() -> None:
    with pytest.raises(ValueError, match="'ratio' is not a valid VariableKind"):
        Variable("a", "A", kind="ratio")
    with pytest.raises(DefinitionError, match="lo < hi"):
        Variable("a", "A", kind="score", range=(5, 0))


def test_ratio_keeps_numerator_and_denominator_apart() -> None:
    ratio = Ratio("IKU-1", "Persentase PMKS terlindungi", dilindungi, perlu)
    assert ratio.numerator == dilindungi.symbol
    assert ratio.denominator == perlu.symbol
    assert ratio.formula == 100 * dilindungi.symbol / perlu.symbol
    assert ratio.formula_text == "pmks_dilindungi / pmks_perlu * 100"
    assert ratio.variables == ("pmks_dilindungi", "pmks_perlu")
    assert ratio.denominators == (perlu.symbol,)
    assert (ratio.unit, ratio.factor, ratio.proportion) == ("%", 100, True)
    assert ratio.kind == "ratio"


def test_a_ratio_of_a_variable_to_itself_still_has_its_denominator() -> None:
    same = Ratio("R", "sama", dilindungi, dilindungi)
    assert same.formula == 100
    assert same.denominators == (dilindungi.symbol,)
    assert same.variables == ("pmks_dilindungi",)


def test_ratio_refuses_a_zero_denominator_and_a_bad_factor() -> None:
    with pytest.raises(DefinitionError, match="IKU-9: the denominator is the constant 0"):
        Ratio("IKU-9", "x", dilindungi, 0)
    with pytest.raises(DefinitionError, match="factor must be a positive number"):
        Ratio("IKU-9", "x", dilindungi, perlu, factor=-1)


def test_indicator_takes_text_and_keeps_it_as_written() -> None:
    ind = Indicator("X", "x", "pmks_dilindungi / pmks_dilindungi")
    assert ind.formula == 1
    assert ind.formula_text == "pmks_dilindungi / pmks_dilindungi"
    assert ind.denominators == (dilindungi.symbol,)
    assert ind.variables == ("pmks_dilindungi",)


def test_indicator_formula_errors_name_the_indicator() -> None:
    with pytest.raises(FormulaError, match=r"indicator X: formula: .*not allowed"):
        Indicator("X", "x", "a.b")
    with pytest.raises(FormulaError, match=r"indicator X: formula: .*uses sin"):
        Indicator("X", "x", sympy.sin(dilindungi.symbol))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": ""}, "code must be non-empty"),
        ({"name": " "}, "a name is required"),
        ({"decimals": -1}, "decimals must be a whole number"),
        ({"decimals": True}, "decimals must be a whole number"),
        ({"polarity": "up"}, "polarity must be 'higher' or 'lower'"),
        ({"categories": "PREDIKAT"}, "a scale must be a Scale"),
    ],
)
def test_indicator_fields_are_checked(changes: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {"code": "X", "name": "x", "formula": dilindungi, **changes}
    with pytest.raises(DefinitionError, match=message):
        Indicator(**arguments)  # type: ignore[arg-type]


def test_index_bounds_must_run_upwards_between_finite_numbers() -> None:
    index = Index("IKU-7", "IPP", ipp, bounds=(0, 5), grades=IPP_GRADES)
    assert (index.bounds, index.grades, index.kind) == ((0.0, 5.0), IPP_GRADES, "index")
    with pytest.raises(DefinitionError, match="IKU-7: bounds: a range needs lo < hi"):
        Index("IKU-7", "IPP", ipp, bounds=(5, 0))
    with pytest.raises(DefinitionError, match="IKU-7: bounds: a range needs two finite numbers"):
        Index("IKU-7", "IPP", ipp, bounds=(0, math.inf))


def test_a_score_range_is_two_finite_numbers() -> None:
    with pytest.raises(DefinitionError, match="a range needs two finite numbers"):
        Variable("ipp", "IPP", kind="score", range=(0, math.inf))
    with pytest.raises(DefinitionError, match="a range needs two finite numbers"):
        Variable("ipp", "IPP", kind="score", range=(math.nan, 5))


def test_index_scale_is_the_deprecated_name_of_its_bounds() -> None:
    with pytest.warns(DeprecationWarning, match=r"Index\(scale=...\) is deprecated"):
        index = Index("IKU-7", "IPP", ipp, scale=(0, 5))
    assert index == Index("IKU-7", "IPP", ipp, bounds=(0, 5))
    with pytest.warns(DeprecationWarning, match="Index.scale is deprecated"):
        assert index.scale == (0.0, 5.0)


def test_variable_codes_name_the_codes_and_variables_stays_their_alias() -> None:
    ratio = Ratio("IKU-1", "x", "pmks_dilindungi", "pmks_perlu + pmks_dilindungi")
    assert ratio.variable_codes == ("pmks_dilindungi", "pmks_perlu")
    assert ratio.variables == ratio.variable_codes
    s = small_set(ratio)
    assert s.variables_of("IKU-1") == (dilindungi, perlu)


def test_the_constructors_show_their_whole_signature_in_the_design_order() -> None:
    shared = ["name_en", "unit", "polarity", "decimals", "source_data", "notes", "categories"]
    shared.append("supports")
    shared += ["rules", "weight"]  # the rules of capaian (iku.rules)
    assert list(inspect.signature(Indicator).parameters) == [
        "code", "name", "formula", "formula_text", *shared
    ]  # fmt: skip
    ratio = inspect.signature(Ratio).parameters
    assert list(ratio)[:6] == ["code", "name", "numerator", "denominator", "factor", "proportion"]
    assert ratio["unit"].default == "%"
    assert ratio["factor"].default == 100
    assert list(inspect.signature(Index).parameters)[:5] == [
        "code", "name", "formula", "bounds", "grades"
    ]  # fmt: skip
    for cls in (Indicator, Ratio, Index):
        assert set(shared) <= set(inspect.signature(cls).parameters)


@pytest.mark.parametrize("cls", [Indicator, Index])
def test_the_shared_fields_are_checked_alike_by_every_constructor(cls: type[Indicator]) -> None:
    with pytest.raises(DefinitionError, match="IKU-9: decimals must be a whole number"):
        cls("IKU-9", "x", dilindungi, decimals=11)
    with pytest.raises(DefinitionError, match="IKU-9: polarity must be 'higher' or 'lower'"):
        cls("IKU-9", "x", dilindungi, polarity="up")
    with pytest.raises(DefinitionError, match="IKU-9: notes must be text"):
        cls("IKU-9", "x", dilindungi, notes=3)  # type: ignore[arg-type]
    with pytest.raises(
        ArgumentError, match=r"unknown keyword 'decimal' \(did you mean 'decimals'\?\)"
    ):
        cls("IKU-9", "x", dilindungi, decimal=1)  # type: ignore[call-arg]


def test_a_ratio_checks_the_shared_fields_too() -> None:
    with pytest.raises(DefinitionError, match="IKU-9: decimals must be a whole number"):
        Ratio("IKU-9", "x", dilindungi, perlu, decimals=11)
    with pytest.raises(ArgumentError, match="unknown keyword 'scale'"):
        Ratio("IKU-9", "x", dilindungi, perlu, scale=(0, 1))  # type: ignore[call-arg]


def test_a_weighted_index_keeps_its_weights_as_decimals() -> None:
    a, b = Variable("kebijakan", "Kebijakan"), Variable("inovasi", "Inovasi")
    index = Index("IPP", "Indeks", 0.24 * a + 0.76 * b, bounds=(0, 5))
    assert index.formula_text == "0.24*kebijakan + 0.76*inovasi"


def test_evolve_rebuilds_derived_fields() -> None:
    ratio = Ratio("IKU-1", "x", dilindungi, perlu)
    swapped = attrs.evolve(ratio, numerator=perlu, denominator=dilindungi)
    assert swapped.formula_text == "pmks_perlu / pmks_dilindungi * 100"
    assert swapped.denominators == (dilindungi.symbol,)
    assert attrs.evolve(ratio, polarity="lower").polarity is Polarity.LOWER_IS_BETTER


def test_nouns_are_frozen_and_hashable() -> None:
    ratio = Ratio("IKU-1", "x", dilindungi, perlu)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ratio.code = "IKU-2"  # type: ignore[misc]
    assert hash(ratio) == hash(Ratio("IKU-1", "x", dilindungi, perlu))
    assert ratio == Ratio("IKU-1", "x", dilindungi, perlu)
    assert ratio != Ratio("IKU-1", "x", dilindungi, perlu, proportion=False)
    assert repr(ratio) == "Ratio('IKU-1', 'x', 'pmks_dilindungi / pmks_perlu * 100')"


def test_indicator_set_reads_like_a_mapping_in_decree_order() -> None:
    one = Ratio("IKU-1", "satu", dilindungi, perlu)
    two = Indicator("IKU-2", "dua", perlu - dilindungi, polarity="lower", unit="orang")
    s = small_set(one, two)
    assert s["IKU-2"] is two
    assert list(s) == [one, two]
    assert len(s) == 2
    assert "IKU-1" in s
    assert "IKU-3" not in s
    assert s.indicators == (one, two)
    assert s.codes == ("IKU-1", "IKU-2")
    assert s.variable("pmks_perlu") is perlu
    assert s.variables_of("IKU-1") == (dilindungi, perlu)
    assert s.sasaran_of("IKU-2").code == "S-1"
    with pytest.raises(KeyError, match="has no indicator 'IKU-3'"):
        s["IKU-3"]


def test_indicator_set_lists_every_problem_at_once() -> None:
    with pytest.raises(DefinitionError) as info:
        IndicatorSet(
            "Not An Id",
            "n",
            "o",
            (2025,),
            [
                Sasaran("S-1", "s", [Ratio("IKU-1", "x", dilindungi, perlu)]),
                Sasaran("S-1", "t", [Indicator("IKU-1", "y", "pmks_dilindungi + lain")]),
            ],
            [dilindungi, dilindungi],
        )
    problems = info.value.problems
    assert any("id 'Not An Id' must read <region>.<agency>.<period>" in p for p in problems)
    assert "sasaran code 'S-1' is defined twice" in problems
    assert "indicator code 'IKU-1' is defined twice" in problems
    assert "variable code 'pmks_dilindungi' is defined twice" in problems
    assert "indicator IKU-1 uses undefined variable 'pmks_perlu'" in problems
    assert "indicator IKU-1 uses undefined variable 'lain'" in problems


@pytest.mark.parametrize("period", [(), (2025, 2025), ("2025",), (1800,), 2025.0])
def test_period_must_be_distinct_years(period: object) -> None:
    with pytest.raises(DefinitionError, match="period"):
        IndicatorSet("a.b.c", "n", "o", period, [], [])  # type: ignore[arg-type]


def test_sasaran_and_set_refuse_things_of_the_wrong_type() -> None:
    with pytest.raises(DefinitionError, match="a sasaran holds Indicator values, not str"):
        Sasaran("S-1", "s", ["IKU-1"])  # type: ignore[list-item]
    with pytest.raises(DefinitionError, match="holds Variable values, not str"):
        IndicatorSet("a.b.c", "n", "o", (2025,), [], ["psks"])  # type: ignore[list-item]


def test_source_shows_its_numbers_and_date() -> None:
    source = Source(
        "Keputusan Kepala Dinas",
        numbers=["440-401.104/189/2024", "050-401.104/189/2024"],
        date="2024-12-31",
    )
    assert source.date == dt.date(2024, 12, 31)
    assert source.number == "440-401.104/189/2024"
    assert str(source) == (
        "Keputusan Kepala Dinas, Nomor 440-401.104/189/2024 (juga tertulis 050-401.104/189/2024), "
        "tanggal 31 Desember 2024 (2024-12-31)"
    )
    with pytest.raises(DefinitionError, match="YYYY-MM-DD"):
        Source("x", date="31/12/2024")


def test_default_categories_are_predikat() -> None:
    assert Ratio("R", "r", dilindungi, perlu).categories is PREDIKAT
    custom = Scale("LULUS", [("lulus", 60), ("tidak", None)])
    assert Ratio("R", "r", dilindungi, perlu, categories=custom).categories is custom


@given(variables())
def test_any_variable_is_a_hashable_value(variable: Variable) -> None:
    assert attrs.evolve(variable) == variable
    assert hash(attrs.evolve(variable)) == hash(variable)
    assert variable.kind in VariableKind


@given(indicator_sets())
def test_every_indicator_of_a_set_uses_only_declared_variables(s: IndicatorSet) -> None:
    declared = {v.code for v in s.variables}
    for indicator in s:
        assert set(indicator.variables) <= declared
        assert {sym.name for sym in indicator.formula.free_symbols} <= set(indicator.variables)
