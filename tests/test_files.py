"""Set files read back exactly what was written, and a bad file reports every problem at once."""

from __future__ import annotations

import datetime as dt
import json
import math
import tomllib
from pathlib import Path
from typing import Any

import pytest
import sympy
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
    loads_set,
)
from iku.errors import ArgumentError
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
    """The problems of a file (a Path) or of a file's text (a string)."""
    read = load_set if isinstance(source, Path) else loads_set
    with pytest.raises(DefinitionError) as caught:
        read(source)  # type: ignore[operator]
    return caught.value.problems


# --- round trips ---------------------------------------------------------------------------


@given(indicator_sets())
def test_toml_text_round_trips_any_valid_set(s: IndicatorSet) -> None:
    text = dump_set(s)
    tomllib.loads(text)  # valid TOML by the standard library's own reader
    assert loads_set(text) == s


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
        "supports",
    }
    assert "kind" not in data["variables"][0]
    assert data["variables"][-1]["kind"] == "score"
    assert "aggregation" not in data["variables"][-1]


def test_a_ratio_without_unit_is_written_as_an_empty_unit() -> None:
    s = loads_set(GOOD.replace('polarity = "lower"', 'unit = ""'))
    assert s["IKU-1"].unit is None
    assert 'unit = ""' in dump_set(s)
    assert loads_set(dump_set(s)) == s


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
                    Index("IKU-3", "I", "b", bounds=(-1.5, 2.25), grades=stars),
                ],
            )
        ],
        [a, b],
        source=Source("Keputusan", date=dt.date(2025, 1, 2)),
    )
    text = dump_set(s)
    assert "[[scales]]" in text
    assert 'name = "BINTANG"' in text
    assert loads_set(text) == s
    assert load_set(dump_set(s, tmp_path / "s.json")) == s
    assert loads_set(text)["IKU-1"].formula_text == "max(a - b, 0) / (a + 1)"


def test_authored_formula_text_is_kept() -> None:
    text = GOOD.replace('numerator = "balita_stunting"', 'numerator = "( balita_stunting )"')
    s = loads_set(text)
    assert s["IKU-1"].numerator_text == "( balita_stunting )"
    assert loads_set(dump_set(s)) == s


def test_json_text_is_recognised_by_its_brace() -> None:
    s = get_set(MADIUN)
    data = json.loads(json.dumps(set_to_data(s), default=str))
    assert loads_set(json.dumps(data)) == s


def test_a_fraction_factor_is_written_as_text() -> None:
    s = loads_set(GOOD.replace('polarity = "lower"', 'factor = "1/3"'))
    assert 'factor = "1/3"' in dump_set(s)
    assert loads_set(dump_set(s)) == s


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
    s = loads_set(GOOD)
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
    assert loads_set(dump_set(changed)) == changed


# --- what a good file gives --------------------------------------------------------------


def test_defaults_apply_to_left_out_fields() -> None:
    s = loads_set(GOOD)
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
    assert loads_set(text)["IKU-1"].kind == "formula"


def test_a_date_may_be_written_as_text_in_toml() -> None:
    text = GOOD + '\n[source]\ntitle = "Keputusan"\ndate = "2024-12-31"\n'
    source = loads_set(text).source
    assert source is not None
    assert source.date == dt.date(2024, 12, 31)


def test_a_single_year_period_may_be_a_number() -> None:
    assert loads_set(GOOD.replace("period = [2025]", "period = 2025")).period == (2025,)


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
        "(did you mean 'PREDIKAT'?) (known: PREDIKAT, IPP_GRADES, PREDIKAT_SAMPANG_2019, "
        "PREDIKAT_MALUKU_TENGAH_2021, PREDIKAT_BERHASIL)",
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
        loads_set('{"iku_format": 1, "set": {}, "set": {}}')


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


def test_load_set_refuses_what_is_neither_path_nor_file() -> None:
    with pytest.raises(ArgumentError, match="the path of a set file or a file opened for reading"):
        load_set(3)  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match="loads_set takes the text of a set file, not int"):
        loads_set(3)  # type: ignore[arg-type]


def test_dump_set_refuses_what_is_not_a_set() -> None:
    with pytest.raises(ArgumentError, match="takes an IndicatorSet, not dict"):
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
    text = GOOD.replace('type = "ratio"', 'type = "index"\nbounds = [0, 5]\ngrades = "IPP_GRADES"')
    text = text.replace(
        'numerator = "balita_stunting"\ndenominator = "balita"', 'formula = "balita"'
    )
    ind = loads_set(text)["IKU-1"]
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
        loads_set("iku_format = 1\n" + text)


# --- load and loads: a string is a path, text is never opened ------------------------------


def test_a_string_given_to_load_set_is_always_a_path(tmp_path: Path) -> None:
    """``load_set("/etc/hostname")`` read any file as a set when the string had no newline,
    and text holding a newline was read as a set: a string is now a path, and only a path."""
    other = tmp_path / "hostname"
    other.write_text("buildbox\n", "utf-8")
    with pytest.raises(DefinitionError, match=r"hostname: 1 masalah .*\n- not valid TOML"):
        load_set(str(other))  # read as the file it is, and refused as no set file
    with pytest.raises(DefinitionError, match=r"cannot be read: .*use iku\.loads_set\(text\)"):
        load_set(GOOD)  # text is never taken for a set: it is a path that does not exist


def test_a_path_that_looks_like_json_text_gets_the_same_hint() -> None:
    with pytest.raises(DefinitionError, match=r"use iku\.loads_set\(text\)"):
        load_set('{"iku_format": 1}')


def test_load_set_reads_an_open_file_in_text_or_binary_mode(tmp_path: Path) -> None:
    path = tmp_path / "contoh.toml"
    path.write_text(GOOD, "utf-8")
    with path.open("rb") as binary, path.open(encoding="utf-8") as text:
        assert load_set(binary) == load_set(text) == loads_set(GOOD)


def test_loads_set_takes_toml_or_json_text_and_says_which() -> None:
    s = loads_set(GOOD)
    as_json = json.dumps(json.loads(json.dumps(set_to_data(s), default=str)))
    assert loads_set(as_json) == loads_set(as_json, format="json") == s
    assert loads_set(GOOD.encode("utf-8"), format="toml") == s
    with pytest.raises(DefinitionError, match="not valid TOML"):
        loads_set(as_json, format="toml")
    with pytest.raises(ArgumentError, match="format must be 'toml' or 'json'"):
        loads_set(GOOD, format="yaml")  # type: ignore[arg-type]


def test_a_byte_order_mark_is_read_and_bad_bytes_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    assert load_set(path) == loads_set(GOOD)
    path.write_bytes(GOOD.encode("utf-8").replace(b"Prevalensi", b"Preval\xe9nsi"))
    with pytest.raises(
        DefinitionError, match=r"(?s)bom\.toml: .*not UTF-8 text: byte 0xe9 on line 24\b"
    ):
        load_set(path)


def test_dump_set_returns_text_and_writes_a_path(tmp_path: Path) -> None:
    s = loads_set(GOOD)
    text = dump_set(s)
    assert isinstance(text, str)
    written = dump_set(s, tmp_path / "s.toml")
    assert written.read_text("utf-8") == text


def test_loads_set_is_public_and_lazy() -> None:
    import iku

    assert "loads_set" in iku.__all__
    assert iku.loads_set is loads_set


# --- hostile files: refused cheaply, and always as a DefinitionError ---------------------------


def test_a_five_thousand_digit_number_is_a_definition_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_text(GOOD.replace("decimals", "x") + "\n" + f"x = {'9' * 5000}\n", "utf-8")
    refused = r"(?s)big\.toml: .*not valid TOML: Exceeds the limit.* \(at line 29\)"
    with pytest.raises(DefinitionError, match=refused):
        load_set(path)
    with pytest.raises(
        DefinitionError, match=r"(?s)<set text>: .*not valid JSON: Exceeds the limit"
    ):
        loads_set('{"iku_format": ' + "9" * 5000 + "}")


@pytest.mark.parametrize("text", ["x = " + "[" * 100_000 + "]" * 100_000, "[" * 100_000])
def test_a_deeply_nested_toml_file_is_a_definition_error(text: str) -> None:
    with pytest.raises(
        DefinitionError, match=r"(?s)<set text>: .*(nested too deeply|not valid TOML)"
    ):
        loads_set("iku_format = 1\n" + text)


def test_a_deeply_nested_json_file_is_a_definition_error() -> None:
    text = '{"iku_format": 1, "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    with pytest.raises(DefinitionError, match="its JSON is nested too deeply"):
        loads_set(text)


def test_deeply_nested_decoded_content_is_a_definition_error() -> None:
    data: object = []
    for _ in range(100_000):
        data = [data]
    with pytest.raises(DefinitionError, match="a set file holds a table of fields, not a list"):
        set_from_data(data)
    with pytest.raises(DefinitionError, match="variables: must be a list of variable tables"):
        set_from_data({"iku_format": 1, "variables": {"a": data}})


def test_a_file_larger_than_any_set_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    from iku.files import MAX_FILE_SIZE

    path = tmp_path / "huge.toml"
    with path.open("wb") as file:
        file.truncate(MAX_FILE_SIZE + 10)  # a sparse file: nothing is written
    with pytest.raises(DefinitionError, match=r"(?s)huge\.toml: .*is larger than"):
        load_set(path)


# --- careless numbers: refused where they could be read two ways ---------------------------


@pytest.mark.parametrize(
    ("field", "problem"),
    [
        (
            'factor = "100.000"',
            "IKU-1: factor: must be a number, not text ('100.000'): write a number without "
            "quotes; 100.000 could be read as 100 or as 100000 (dots for thousands)",
        ),
        ('factor = "100"', "IKU-1: factor: must be a number, not text ('100')"),
        ('factor = "0.5"', "IKU-1: factor: must be a number, not text ('0.5')"),
        ('factor = "1,5"', "IKU-1: factor: must be a number, not text ('1,5')"),
        (
            "factor = 1.000",
            "IKU-1: factor: 1.000 could be read as 1 or as 1000 (dots for thousands): "
            "write 1, or 1000 without dots",
        ),
        ('factor = "a / 3"', "IKU-1: factor: must be a number, or a fraction as text"),
        ('factor = "1/0"', "IKU-1: factor: '1/0' divides by zero"),
        ('decimals = "2"', "IKU-1: decimals: must be a number, not text ('2')"),
    ],
)
def test_an_ambiguous_or_quoted_number_is_refused_naming_entry_and_key(
    field: str, problem: str
) -> None:
    problems = problems_of(GOOD.replace('polarity = "lower"', field))
    assert len(problems) == 1
    assert problems[0].startswith(f"sasaran S-1 > indicator {problem}")


def test_ambiguous_numbers_are_refused_in_every_numeric_field() -> None:
    text = GOOD.replace('label = "Jumlah balita diukur"', 'label = "x"\nkind = "score"\n'
                        "range = [0, 1.500]")  # fmt: skip
    text += '\n[[scales]]\nname = "S"\nbands = [{ label = "a", lower = 2.500 }, { label = "b" }]\n'
    problems = problems_of(text)
    assert problems == (
        "variable balita: range: 1.500 could be read as 1.5 or as 1500 (dots for thousands): "
        "write 1.5, or 1500 without dots",
        "scale S > band 1: lower: 2.500 could be read as 2.5 or as 2500 (dots for thousands): "
        "write 2.5, or 2500 without dots",
    )


def test_ambiguous_numbers_are_refused_in_json_too() -> None:
    data = json.loads(json.dumps(set_to_data(loads_set(GOOD)), default=str))
    text = json.dumps(data).replace('"polarity": "lower"', '"polarity": "lower", "factor": 1.000')
    assert problems_of(text) == (
        "sasaran S-1 > indicator IKU-1: factor: 1.000 could be read as 1 or as 1000 "
        "(dots for thousands): write 1, or 1000 without dots",
    )


def test_a_fraction_factor_too_fine_for_a_float_is_written_as_a_fraction() -> None:
    s = loads_set(GOOD.replace('polarity = "lower"', 'factor = "1/3"'))
    ind = s["IKU-1"]
    assert isinstance(ind, Ratio)
    assert ind.factor == sympy.Rational(1, 3)
    assert 'factor = "1/3"' in dump_set(s)


def test_numbers_that_would_look_like_thousands_are_written_unambiguously(tmp_path: Path) -> None:
    a = Variable("a", "A", kind="score", range=(0, 2.125))
    s = IndicatorSet(
        "kota-contoh.dinas.2025",
        "IKU",
        "Dinas",
        (2025,),
        [Sasaran("S-1", "x", [Ratio("IKU-1", "R", a, a, factor=1.125)])],
        [a],
    )
    text = dump_set(s)
    assert "range = [0, 2.1250]" in text
    assert "factor = 1.1250" in text
    assert loads_set(text) == s
    path = dump_set(s, tmp_path / "s.json")
    assert "2.1250" in path.read_text("utf-8")
    assert load_set(path) == s


# --- infinities: a bounded range is stated with finite numbers ---------------------------


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            'label = "Jumlah balita diukur"',
            'label = "x"\nkind = "score"\nrange = [0, inf]',
            "variable balita: range: needs two finite numbers, not [0, inf]",
        ),
        (
            'label = "Jumlah balita diukur"',
            'label = "x"\nkind = "score"\nrange = [nan, 5]',
            "variable balita: range: needs two finite numbers, not [nan, 5]",
        ),
        (
            'numerator = "balita_stunting"\ndenominator = "balita"',
            'formula = "balita"\nbounds = [-inf, 100]',
            "sasaran S-1 > indicator IKU-1: bounds: needs two finite numbers, not [-inf, 100]",
        ),
    ],
)
def test_infinite_bounds_are_refused(old: str, new: str, problem: str) -> None:
    text = GOOD.replace(old, new).replace('type = "ratio"', 'type = "index"')
    if "range" in new:
        text = GOOD.replace(old, new)
    assert problems_of(text) == (problem,)


def test_a_band_may_start_at_minus_infinity_but_not_at_infinity_or_nan() -> None:
    scale = '\n[[scales]]\nname = "S"\nbands = [{{ label = "a", lower = {} }}, {{ label = "b" }}]\n'
    assert problems_of(GOOD + scale.format("inf")) == (
        "scale S > band 1: lower: must be a finite number (or -inf), not a number (inf)",
    )
    assert problems_of(GOOD + scale.format("nan")) == (
        "scale S > band 1: lower: must be a finite number (or -inf), not a number (nan)",
    )
    text = GOOD + '\n[[scales]]\nname = "S"\nbands = [{ label = "a", lower = -inf }]\n'
    assert loads_set(text.replace('polarity = "lower"', 'categories = "S"'))


# --- a renamed field ------------------------------------------------------------------------


def test_an_index_scale_in_a_file_is_read_as_its_bounds_with_a_warning() -> None:
    text = GOOD.replace('type = "ratio"', 'type = "index"\nscale = [0, 5]').replace(
        'numerator = "balita_stunting"\ndenominator = "balita"', 'formula = "balita"'
    )
    with pytest.warns(DeprecationWarning, match=r"IKU-1: 'scale' is the former name of 'bounds'"):
        ind = loads_set(text)["IKU-1"]
    assert isinstance(ind, Index)
    assert ind.bounds == (0.0, 5.0)
    both = text.replace("scale = [0, 5]", "scale = [0, 5]\nbounds = [0, 5]")
    assert problems_of(both) == (
        "sasaran S-1 > indicator IKU-1: scale: is the former name of 'bounds'; give 'bounds' alone",
    )


def test_a_formula_whose_result_is_astronomical_is_a_problem_of_its_entry() -> None:
    """Bounded before sympy computes it (tests/test_formula.py guards against a hang)."""
    text = GOOD.replace('type = "ratio"\n', "").replace(
        'numerator = "balita_stunting"\ndenominator = "balita"',
        'formula = "(((((10**15)**16)**16)**16)**16)**16 * balita"',
    )
    (problem,) = problems_of(text)
    assert problem.startswith("sasaran S-1 > indicator IKU-1: formula: the result would have")
