"""Indicator.supports: the cascading links an indicator names, checked when it is made, read and
written by set files (and their JSON Schema), shown by ``iku show``."""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import indicator_sets, links

from iku import DefinitionError, Ratio, Variable, dump_set, get_set, loads_set
from iku.cli import main
from iku.files import json_schema, set_to_data
from iku.links import join_link, link_problem, resolve_link, split_link

A, B = Variable("a", "A"), Variable("b", "B")
RPJMD = "kota-madiun.rpjmd.2025-2029"


def test_an_indicator_keeps_its_links_in_order() -> None:
    ind = Ratio("IKU-1", "Satu", A, B, supports=[f"{RPJMD}:IKD-1", ":IKU-2"])
    assert ind.supports == (f"{RPJMD}:IKD-1", ":IKU-2")
    assert Ratio("IKU-1", "Satu", A, B).supports == ()


def test_one_text_is_one_link() -> None:
    assert Ratio("IKU-1", "Satu", A, B, supports=":IKU-2").supports == (":IKU-2",)


@pytest.mark.parametrize(
    ("link", "problem"),
    [
        ("IKD-1", "must read '<set-id>:<code>'"),
        ("Kota Madiun:IKD-1", "names the set 'Kota Madiun', which is not a set id"),
        (f"{RPJMD}:", "names no indicator after the colon"),
        (":  ", "names no indicator after the colon"),
        (": IKD-1", "has spaces around the indicator's code"),
        (7, "a link is text"),
    ],
)
def test_a_malformed_link_is_refused_naming_the_indicator(link: object, problem: str) -> None:
    with pytest.raises(DefinitionError, match=f"indicator IKU-3: supports: .*{problem}"):
        Ratio("IKU-3", "Tiga", A, B, supports=[link])  # type: ignore[list-item]


def test_a_link_given_twice_is_refused() -> None:
    with pytest.raises(DefinitionError, match="IKU-3: supports: link ':IKU-1' is given twice"):
        Ratio("IKU-3", "Tiga", A, B, supports=[":IKU-1", ":IKU-1"])


def test_supports_that_is_no_list_is_refused() -> None:
    with pytest.raises(DefinitionError, match="IKU-3: supports is a list of links, not int"):
        Ratio("IKU-3", "Tiga", A, B, supports=5)  # type: ignore[arg-type]


def test_the_parts_of_a_link() -> None:
    assert split_link(f"{RPJMD}:IKD-1") == (RPJMD, "IKD-1")
    assert split_link(":a:b") == (None, "a:b")  # a code may hold a colon: the first one splits
    assert resolve_link(":IKU-2", "x.y.z") == ("x.y.z", "IKU-2")
    assert resolve_link(f"{RPJMD}:IKD-1", "x.y.z") == (RPJMD, "IKD-1")
    assert join_link(None, "a:b") == ":a:b"


@given(links())
def test_every_drawn_link_is_good_and_splits_back(link: str) -> None:
    assert link_problem(link) is None
    set_id, code = split_link(link)
    assert join_link(set_id, code) == link


SET_FILE = """
iku_format = 1
[set]
id = "kota-x.dinas.2025"
name = "IKU Dinas X"
organization = "Dinas X"
period = [2025]
[[variables]]
code = "a"
label = "A"
[[variables]]
code = "b"
label = "B"
[[sasaran]]
code = "S-1"
name = "Sasaran satu"
[[sasaran.indicators]]
code = "IKU-1"
type = "ratio"
name = "Satu"
numerator = "a"
denominator = "b"
supports = [{links}]
[[sasaran.indicators]]
code = "IKU-2"
type = "ratio"
name = "Dua"
numerator = "a"
denominator = "b"
"""


def test_a_set_file_reads_supports_and_writes_them_back() -> None:
    s = loads_set(SET_FILE.format(links=f'"{RPJMD}:IKD-1", ":IKU-2"'))
    assert s["IKU-1"].supports == (f"{RPJMD}:IKD-1", ":IKU-2")
    assert s["IKU-2"].supports == ()
    text = dump_set(s)
    assert f'supports = ["{RPJMD}:IKD-1", ":IKU-2"]' in text
    assert loads_set(text) == s
    assert "supports" not in set_to_data(s)["sasaran"][0]["indicators"][1]


def test_a_bad_link_in_a_file_names_the_entry_and_every_other_problem_too() -> None:
    bad = SET_FILE.format(links='"IKD-1", 3').replace('denominator = "b"\n"""', "")
    bad = bad.replace('name = "Dua"', 'name = ""')
    with pytest.raises(DefinitionError, match="2 masalah") as caught:
        loads_set(bad)
    problems = caught.value.problems
    assert any(
        p.startswith("sasaran S-1 > indicator IKU-1: supports: link 'IKD-1' must read")
        for p in problems
    )
    assert any("indicator IKU-2: name" in p for p in problems)


def test_supports_that_is_text_in_a_file_is_refused() -> None:
    bad = SET_FILE.replace("supports = [{links}]", 'supports = ":IKU-2"')
    with pytest.raises(DefinitionError, match="supports: must be a list of links"):
        loads_set(bad)


def test_a_duplicate_link_in_a_file_is_refused() -> None:
    with pytest.raises(DefinitionError, match="IKU-1: supports: link ':IKU-2' is given twice"):
        loads_set(SET_FILE.format(links='":IKU-2", ":IKU-2"'))


def test_the_schema_accepts_good_links_and_refuses_a_malformed_one() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    s = loads_set(SET_FILE.format(links=f'"{RPJMD}:IKD-1", ":IKU-2"'))
    data = set_to_data(s)
    jsonschema.validate(data, json_schema())
    data["sasaran"][0]["indicators"][0]["supports"] = ["IKD-1"]
    with pytest.raises(jsonschema.ValidationError, match="IKD-1"):
        jsonschema.validate(data, json_schema())


@given(indicator_sets())
def test_supports_round_trip_through_a_set_file(s: object) -> None:
    assert loads_set(dump_set(s)) == s  # type: ignore[arg-type]


@given(st.lists(links(), min_size=1, max_size=4, unique=True))
def test_any_good_links_round_trip_on_the_bundled_set(drawn: list[str]) -> None:
    s = get_set("kota-madiun.dinsosppa.2025-2026")
    first = attrs.evolve(s.sasaran[0], indicators=[attrs.evolve(s["IKU-1"], supports=drawn)])
    changed = attrs.evolve(s, sasaran=[first, *s.sasaran[1:]])
    again = loads_set(dump_set(changed))
    assert again["IKU-1"].supports == tuple(drawn)
    assert again == changed


def test_iku_show_prints_the_links(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "kota-madiun.dinsosppa.2025-2026"]) == 0
    out = capsys.readouterr().out
    assert re.search(rf"\n      Mendukung +{RPJMD}:IKD-1\n", out)
    assert main(["show", "kota-madiun.dinsosppa.2025-2026", "--lang", "en"]) == 0
    assert re.search(rf"\n      Supports +{RPJMD}:IKD-4\n", capsys.readouterr().out)
