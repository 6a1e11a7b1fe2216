"""Set files read back exactly what was written, and a bad file reports every problem at once."""

from __future__ import annotations

import datetime as dt
import json
import math
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import indicator_sets, scales

from iku import (
    IPP_GRADES,
    Aggregation,
    Band,
    DefinitionError,
    Index,
    Indicator,
    IndicatorSet,
    Ratio,
    Sasaran,
    Scale,
    Source,
    Variable,
    dump_set,
    get_set,
    load_set,
)
from iku.files import json_schema, set_from_data, set_to_data

MADIUN = "kota-madiun.dinsosppa.2025-2026"

GOOD = """\
iku_format = 1

[set]
id = "kabupaten-contoh.dinkes.2025"
name = "IKU Dinas Kesehatan Kabupaten Contoh"
organization = "Dinas Kesehatan Kabupaten Contoh"
period = [2025]

[[variables]]
code = "balita_stunting"
label = "Jumlah balita stunting"

[[variables]]
code = "balita"
label = "Jumlah balita diukur"

[[sasaran]]
code = "S-1"
name = "menurunkan stunting"

[[sasaran.indicators]]
code = "IKU-1"
type = "ratio"
name = "Prevalensi stunting"
numerator = "balita_stunting"
denominator = "balita"
polarity = "lower"
"""


def problems_of(source: str | Path) -> tuple[str, ...]:
    with pytest.raises(DefinitionError) as caught:
        load_set(source)
    return caught.value.problems


# --- round trips ---------------------------------------------------------------------------


@given(indicator_sets())
def test_toml_text_round_trips_any_valid_set(s: IndicatorSet) -> None:
    text = dump_set(s)
    tomllib.loads(text)  # valid TOML by the standard library's own reader
    assert load_set(text) == s


@given(s=indicator_sets())
def test_json_file_round_trips_any_valid_set(
    tmp_path_factory: pytest.TempPathFactory, s: IndicatorSet
) -> None:
    path = dump_set(s, tmp_path_factory.mktemp("json") / "set.json")
    assert path.suffix == ".json"
    json.loads(path.read_text(encoding="utf-8"))
    assert load_set(path) == s


@given(indicator_sets())
def test_dumped_files_satisfy_the_shipped_json_schema(s: IndicatorSet) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = json.loads(json.dumps(set_to_data(s), default=str))
    jsonschema.validate(data, json_schema())


def test_toml_file_round_trips_and_path_is_returned(tmp_path: Path) -> None:
    s = get_set(MADIUN)
    path = dump_set(s, tmp_path / "madiun.toml")
    assert path == tmp_path / "madiun.toml"
    assert load_set(path) == s
    assert load_set(str(path)) == s


def test_dumped_file_heads_each_sasaran_with_a_comment() -> None:
    text = dump_set(get_set(MADIUN))
    assert "# Sasaran S-3: meningkatkan sosial PMKS\n[[sasaran]]" in text
    assert text.startswith("# Indikator Kinerja Utama Dinas Sosial")


def test_fields_at_their_default_are_left_out() -> None:
    data = set_to_data(get_set(MADIUN))
    iku1 = data["sasaran"][0]["indicators"][0]
    assert set(iku1) == {"code", "type", "name", "name_en", "numerator", "denominator"} | {
        "source_data",
        "notes",
    }
    assert "kind" not in data["variables"][0]
    assert data["variables"][-1]["kind"] == "score"
    assert "aggregation" not in data["variables"][-1]


def test_a_ratio_without_unit_is_written_as_an_empty_unit() -> None:
    s = load_set(GOOD.replace('polarity = "lower"', 'unit = ""'))
    assert s["IKU-1"].unit is None
    assert 'unit = ""' in dump_set(s)
    assert load_set(dump_set(s)) == s


def test_own_scale_and_general_formula_round_trip(tmp_path: Path) -> None:
    a = Variable("a", "A", kind="amount", aggregation="max")
    b = Variable("b", "B", kind="score", range=(-1.5, 2.25))
    stars = Scale(
        "BINTANG",
        [Band("tiga", 2.5, label_en="three"), Band("dua", 1), Band("satu", -math.inf)],
        description="bintang",
    )
    s = IndicatorSet(
        "kota-contoh.dinas.2025",
        "IKU",
        "Dinas",
        (2025,),
        [
            Sasaran(
                "S-1",
                "x",
                [
                    Indicator("IKU-1", "Umum", "max(a - b, 0) / (a + 1)", categories=stars),
                    Ratio("IKU-2", "R", a, b, factor=0.5, proportion=False, unit=None),
                    Index("IKU-3", "I", "b", scale=(-1.5, 2.25), grades=stars),
                ],
            )
        ],
        [a, b],
        source=Source("Keputusan", date=dt.date(2025, 1, 2)),
    )
    text = dump_set(s)
    assert "[[scales]]" in text
    assert 'name = "BINTANG"' in text
    assert load_set(text) == s
    assert load_set(dump_set(s, tmp_path / "s.json")) == s
    assert load_set(text)["IKU-1"].formula_text == "max(a - b, 0) / (a + 1)"


def test_authored_formula_text_is_kept() -> None:
    text = GOOD.replace('numerator = "balita_stunting"', 'numerator = "( balita_stunting )"')
    s = load_set(text)
    assert s["IKU-1"].numerator_text == "( balita_stunting )"
    assert load_set(dump_set(s)) == s


def test_json_text_is_recognised_by_its_brace() -> None:
    s = get_set(MADIUN)
    data = json.loads(json.dumps(set_to_data(s), default=str))
    assert load_set(json.dumps(data)) == s


def test_a_fraction_factor_is_written_as_text() -> None:
    s = load_set(GOOD.replace('polarity = "lower"', 'factor = "1/3"'))
    assert 'factor = "1/3"' in dump_set(s)
    assert load_set(dump_set(s)) == s


def test_two_different_scales_with_one_name_cannot_be_written() -> None:
    a = Variable("a", "A")
    one = Scale("S", [("x", None)])
    two = Scale("S", [("y", None)])
    s = IndicatorSet(
        "kota-contoh.dinas.2025",
        "IKU",
        "Dinas",
        (2025,),
        [
            Sasaran(
                "S-1",
                "x",
                [
                    Indicator("IKU-1", "a", a, categories=one),
                    Indicator("IKU-2", "b", a, categories=two),
                ],
            )
        ],
        [a],
    )
    with pytest.raises(DefinitionError, match="two different scales named 'S'"):
        dump_set(s)


@given(scales(name="PREDIKAT"))
def test_a_scale_may_take_a_builtin_name_within_its_file(own: Scale) -> None:
    s = load_set(GOOD)
    ind = s["IKU-1"]
    assert isinstance(ind, Ratio)
    changed = IndicatorSet(
        s.id,
        s.name,
        s.organization,
        s.period,
        [
            Sasaran(
                "S-1", "x", [Ratio("IKU-1", "r", ind.numerator, ind.denominator, categories=own)]
            )
        ],
        s.variables,
    )
    assert load_set(dump_set(changed)) == changed


# --- what a good file gives --------------------------------------------------------------


def test_defaults_apply_to_left_out_fields() -> None:
    s = load_set(GOOD)
    iku1 = s["IKU-1"]
    assert isinstance(iku1, Ratio)
    assert (iku1.unit, iku1.factor, iku1.proportion, iku1.decimals) == ("%", 100, True, 2)
    assert iku1.polarity == "lower"
    assert s.variable("balita").aggregation is Aggregation.SUM


def test_the_format_needs_no_type_for_a_general_formula() -> None:
    text = GOOD.replace('type = "ratio"\n', "").replace(
        'numerator = "balita_stunting"\ndenominator = "balita"',
        'formula = "balita_stunting / balita * 1000"',
    )
    assert load_set(text)["IKU-1"].kind == "formula"


def test_a_date_may_be_written_as_text_in_toml() -> None:
    text = GOOD + '\n[source]\ntitle = "Keputusan"\ndate = "2024-12-31"\n'
    source = load_set(text).source
    assert source is not None
    assert source.date == dt.date(2024, 12, 31)


def test_a_single_year_period_may_be_a_number() -> None:
    assert load_set(GOOD.replace("period = [2025]", "period = 2025")).period == (2025,)


# --- every problem, together ---------------------------------------------------------------


def test_five_different_problems_are_all_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        GOOD.replace('numerator = "balita_stunting"', 'numerator = "balita_stunted"')
        .replace('label = "Jumlah balita diukur"', 'label = "Jumlah balita diukur"\nlable = "x"')
        .replace("period = [2025]", 'period = "2025"')
        .replace('polarity = "lower"', 'polarity = "lower"\ncategories = "PREDIKATT"')
        + '\n[[sasaran]]\ncode = "S-1"\nname = "lagi"\n',
        encoding="utf-8",
    )
    with pytest.raises(DefinitionError, match=r"bad\.toml: 5 masalah / 5 problems") as caught:
        load_set(path)
    assert caught.value.problems == (
        "set: period: must be a list of years such as [2025, 2026], not text ('2025')",
        "variable balita: unknown field 'lable' (did you mean 'label'?)",
        "sasaran S-1 > indicator IKU-1: categories: unknown scale 'PREDIKATT' "
        "(did you mean 'PREDIKAT'?) (known: PREDIKAT, IPP_GRADES)",
        "sasaran S-1 > indicator IKU-1: numerator: unknown variable 'balita_stunted' "
        "at column 1 of 'balita_stunted'",
        "sasaran S-1: code 'S-1' is used twice",
    )
    assert all(problem in str(caught.value) for problem in caught.value.problems)


def test_one_bad_indicator_never_hides_the_others() -> None:
    text = GOOD.replace('denominator = "balita"', 'denominator = "balita +"') + (
        '\n[[sasaran.indicators]]\ncode = "IKU-2"\ntype = "index"\nname = "I"\n'
        'formula = "psks"\nscale = [5, 0]\n'
    )
    problems = problems_of(text)
    assert len(problems) == 3
    assert problems[0].startswith("sasaran S-1 > indicator IKU-1: denominator: not a formula")
    assert problems[1:] == (
        "sasaran S-1 > indicator IKU-2: formula: unknown variable 'psks' at column 1 of 'psks'",
        "sasaran S-1 > indicator IKU-2: scale: needs lo < hi, got [5, 0]",
    )


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("iku_format = 1", "iku_format = 2"), "iku_format: a number (2) is not a format"),
        (("iku_format = 1\n", ""), "missing required field 'iku_format'"),
        (
            ('[set]\nid = "kabupaten-contoh.dinkes.2025"', "[set]"),
            "set: missing required field 'id'",
        ),
        (("kabupaten-contoh.dinkes.2025", "Contoh"), "set: id 'Contoh' must read"),
        (
            ('code = "balita"\n', 'code = "balita"\nkind = "cnt"\n'),
            "variable balita: kind: must be one of",
        ),
        (
            ('code = "balita"\n', 'code = "balita"\nrange = [1]\n'),
            "variable balita: range: must be a pair",
        ),
        (
            ('code = "balita"\n', 'code = "balita_stunting"\n'),
            "variable balita_stunting: code 'balita_stunting' is declared twice",
        ),
        (
            ('code = "balita"\n', 'code = "2balita"\n'),
            "variable 2balita: variable code '2balita' is not valid",
        ),
        (('type = "ratio"', 'type = "rasio"'), "type: must be one of 'ratio', 'index', 'formula'"),
        (
            ('type = "ratio"', 'type = "index"'),
            "field 'numerator' is for ratio indicators, not index ones",
        ),
        (
            ('polarity = "lower"', "polarity = true"),
            "IKU-1: polarity: must be one of 'higher', 'lower', not true/false (true)",
        ),
        (
            ('polarity = "lower"', "decimals = 11"),
            "IKU-1: decimals: must be a whole number from 0 to 10, not 11",
        ),
        (('polarity = "lower"', "factor = -1"), "IKU-1: factor: must be a positive number"),
        (('polarity = "lower"', "proportion = 1"), "IKU-1: proportion: must be true or false"),
        (
            ('polarity = "lower"', 'grades = "IPP_GRADES"'),
            "field 'grades' is for index indicators, not ratio ones",
        ),
        (('name = "menurunkan stunting"\n', ""), "sasaran S-1: missing required field 'name'"),
        (
            ('denominator = "balita"', 'denominator = "0"'),
            "IKU-1: the denominator is the constant 0",
        ),
        (
            ('denominator = "balita"', 'denominator = "__import__(1)"'),
            "denominator: function '__import__' is not allowed",
        ),
        (("[[sasaran]]", "[[sasaran]]\n[[sasaran]]"), "sasaran[1]: missing required field 'code'"),
        (("[set]", "[set]\n[set]"), "not valid TOML: Cannot declare ('set',) twice (at line 4"),
    ],
)
def test_each_problem_names_its_entry(change: tuple[str, str], problem: str) -> None:
    old, new = change
    assert old in GOOD
    problems = problems_of(GOOD.replace(old, new, 1))
    assert any(problem in p for p in problems), problems


def test_a_toml_syntax_error_gives_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(GOOD.replace('name = "Prevalensi stunting"', "name = Prevalensi"), "utf-8")
    with pytest.raises(DefinitionError, match=r"(?s)broken\.toml: 1 masalah.*at line 24, column 8"):
        load_set(path)


def test_a_json_syntax_error_gives_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "iku_format": 1,\n  "set": }\n', "utf-8")
    with pytest.raises(DefinitionError, match=r"line 3, column 10"):
        load_set(path)


def test_a_json_key_given_twice_is_refused() -> None:
    with pytest.raises(DefinitionError, match="key 'set' appears twice"):
        load_set('{"iku_format": 1, "set": {}, "set": {}}')


def test_a_json_date_that_is_not_a_date_is_refused() -> None:
    data = json.loads(json.dumps(set_to_data(get_set(MADIUN)), default=str))
    data["source"]["date"] = "31-12-2024"
    data["source"]["numbers"] = [440]
    problems = problems_of(json.dumps(data))
    assert problems == (
        "source: numbers: must be text or a list of texts, not a list",
        "source: date: must be a date such as 2024-12-31, not text ('31-12-2024')",
    )


def test_a_date_time_is_not_a_date() -> None:
    text = GOOD + '\n[source]\ntitle = "K"\ndate = 2024-12-31T10:00:00\n'
    assert problems_of(text) == (
        "source: date: must be a date without a time, such as 2024-12-31, not 2024-12-31 10:00:00",
    )


def test_own_scale_problems_are_reported() -> None:
    text = GOOD + (
        '\n[[scales]]\nname = "BINTANG"\nbands = [{ label = "a" }, { label = "b" }, '
        '{ label = "c", lower = "x" }, { lower = 1 }]\n'
        '[[scales]]\nname = "BINTANG"\nbands = []\n'
    )
    assert problems_of(text) == (
        "scale BINTANG > band 3: lower: must be a number, not text ('x')",
        "scale BINTANG > band 4: missing required field 'label'",
        "scale BINTANG: bands: only the lowest band may leave out 'lower'",
        "scale BINTANG: name 'BINTANG' is defined twice",
        "scale BINTANG: bands: a scale needs at least one band",
    )


def test_a_file_that_is_not_a_table_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[1, 2]", "utf-8")
    with pytest.raises(DefinitionError, match="a set file holds a table of fields, not a list"):
        load_set(path)


def test_a_missing_file_is_a_definition_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(DefinitionError, match=r"nothing\.toml' cannot be read"):
        load_set(tmp_path / "nothing.toml")


def test_load_set_refuses_what_is_neither_path_nor_text() -> None:
    with pytest.raises(TypeError, match="a path or the text of a set file, not int"):
        load_set(3)  # type: ignore[arg-type]


def test_dump_set_refuses_what_is_not_a_set() -> None:
    with pytest.raises(TypeError, match="takes an IndicatorSet, not dict"):
        dump_set({})  # type: ignore[arg-type]


def test_the_schema_accepts_the_bundled_file_and_refuses_an_unknown_field() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    path = Path(__file__).parents[1] / "src/iku/sets" / f"{MADIUN}.toml"
    data = tomllib.loads(path.read_text("utf-8"))
    data["source"]["date"] = data["source"]["date"].isoformat()
    jsonschema.validate(data, json_schema())
    data["sasaran"][0]["indicators"][0]["lable"] = "x"
    with pytest.raises(jsonschema.ValidationError, match="lable"):
        jsonschema.validate(data, json_schema())


def test_ipp_grades_are_known_without_definition() -> None:
    text = GOOD.replace('type = "ratio"', 'type = "index"\nscale = [0, 5]\ngrades = "IPP_GRADES"')
    text = text.replace(
        'numerator = "balita_stunting"\ndenominator = "balita"', 'formula = "balita"'
    )
    ind = load_set(text)["IKU-1"]
    assert isinstance(ind, Index)
    assert ind.grades is IPP_GRADES


# --- whatever the content, only a DefinitionError ------------------------------------------

_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**400), 10**400)
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["ratio", "index", "formula", "PREDIKAT", "psks", "lower", "score", "a / 0"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    items = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else []
    )
    for key, value in items:
        found += _paths(value, (*prefix, key))
    return found


@st.composite
def _damaged_documents(draw: st.DrawFn) -> Any:
    """The Madiun set's content with a few fields replaced by arbitrary values or removed."""
    data = json.loads(json.dumps(set_to_data(get_set(MADIUN)), default=str))
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        if not path:
            return draw(_json_values)
        holder = data
        for key in path[:-1]:
            holder = holder[key]
        if isinstance(holder, dict) and draw(st.booleans()):
            del holder[path[-1]]
        else:
            holder[path[-1]] = draw(_json_values)
    return data


@given(_damaged_documents())
def test_damaged_content_is_refused_with_every_problem_or_read_as_a_set_that_reads_back(
    data: Any,
) -> None:
    """Nothing but a DefinitionError comes out of damaged content (``_outcome`` lets any other
    exception fail the test); when the damage left a valid set (a field removed that has a
    default), that set is whole: written out and read back, it is the same set."""
    result = _outcome(data)
    if isinstance(result, DefinitionError):
        assert result.problems
        assert all(isinstance(p, str) and p for p in result.problems)
        assert all(" ".join(p.split()) in " ".join(str(result).split()) for p in result.problems)
    else:
        assert set_from_data(set_to_data(result)) == result


def _outcome(data: Any) -> IndicatorSet | DefinitionError:
    try:
        return set_from_data(data)
    except DefinitionError as error:
        return error


@given(st.text(max_size=200))
def test_any_text_gives_a_definition_error(text: str) -> None:
    with pytest.raises(DefinitionError, match="set file <set text>"):
        load_set("iku_format = 1\n" + text)
