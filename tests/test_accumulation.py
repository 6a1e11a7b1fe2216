"""Variable.accumulation: how the parts of a year form the year to date, in the model, the set
file, the schema and the bundled Madiun set."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from iku import Accumulation, DefinitionError, Variable, dump_set, get_set
from iku.files import json_schema
from iku.files import set_from_text as loads_set

MADIUN = "kota-madiun.dinsosppa.2025-2026"

SET = """
iku_format = 1
[set]
id = "x.y.2025"
name = "Set"
organization = "Dinas"
period = [2025]
[[variables]]
code = "handled"
label = "Cases handled"
accumulation = "sum"
[[variables]]
code = "registered"
label = "People registered"
accumulation = "{accumulation}"
[[sasaran]]
code = "S-1"
name = "Sasaran"
[[sasaran.indicators]]
code = "IKU-1"
type = "ratio"
name = "Share handled"
numerator = "handled"
denominator = "registered"
"""


def test_accumulation_is_unstated_by_default_and_takes_its_five_values() -> None:
    assert Variable("x", "X").accumulation is None
    for name in ("sum", "last", "mean", "max", "min"):
        assert Variable("x", "X", accumulation=name).accumulation is Accumulation(name)


def test_an_unknown_accumulation_is_a_definition_error_listing_the_choices() -> None:
    with pytest.raises(DefinitionError, match="accumulation must be one of 'sum', 'last'"):
        Variable("x", "X", accumulation="cumsum")


def test_the_set_file_field_is_read_and_written_back() -> None:
    s = loads_set(SET.format(accumulation="last"))
    assert s.variable("handled").accumulation is Accumulation.SUM
    assert s.variable("registered").accumulation is Accumulation.LAST
    text = dump_set(s)
    assert 'accumulation = "last"' in text
    assert loads_set(text) == s


def test_a_bad_accumulation_in_a_file_names_the_variable_and_the_choices() -> None:
    with pytest.raises(DefinitionError, match=r"variable registered.*accumulation.*'last'"):
        loads_set(SET.format(accumulation="stock"))


def test_an_unstated_accumulation_is_left_out_of_the_file() -> None:
    s = loads_set(SET.format(accumulation="last").replace('accumulation = "sum"\n', ""))
    assert s.variable("handled").accumulation is None
    assert "handled" in dump_set(s)
    assert dump_set(s).count("accumulation") == 1


def test_the_schema_knows_the_field() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = tomllib.loads(SET.format(accumulation="last"))
    jsonschema.validate(data, json_schema())
    data["variables"][1]["accumulation"] = "stock"
    with pytest.raises(jsonschema.ValidationError, match="stock"):
        jsonschema.validate(data, json_schema())


def test_every_madiun_variable_states_its_accumulation_with_a_reason() -> None:
    s = get_set(MADIUN)
    stated = {v.code: v.accumulation for v in s.variables}
    assert None not in stated.values()
    # flows add up, stocks take the last value, the index its latest evaluation
    assert stated["pengaduan_diselesaikan"] is Accumulation.SUM
    assert stated["pengaduan"] is Accumulation.SUM
    assert stated["psks"] is Accumulation.LAST
    assert stated["pmks_perlu_perlindungan"] is Accumulation.LAST
    assert stated["perempuan_usia_produktif"] is Accumulation.LAST
    assert stated["ipp"] is Accumulation.LAST
    text = (Path(__file__).parents[1] / "src/iku/sets" / f"{MADIUN}.toml").read_text("utf-8")
    for v in s.variables:
        block = text.split(f'code = "{v.code}"')[0].rsplit("[[variables]]", 1)[0]
        assert block.rstrip().splitlines()[-1].startswith("#"), v.code
        assert f'# accumulation = "{v.accumulation}"' in block.rsplit("\n\n", 1)[-1], v.code
