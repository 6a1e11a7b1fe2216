"""The bundled example data: found by set id and name, and always marked illustrative."""

from __future__ import annotations

import pytest

from iku.errors import ArgumentError
from iku.examples import Example, example_files, list_examples

MADIUN = "kota-madiun.dinsosppa.2025-2026"


def test_every_example_of_a_set_is_listed_with_its_files() -> None:
    examples = list_examples(MADIUN)
    assert [e.name for e in examples] == ["data", "problems", "quarters"]
    for example in examples:
        assert example.data.is_file()
        assert example.data.name == f"{MADIUN}.{example.name}.csv"
        assert example.targets is not None
        assert example.targets.name == f"{MADIUN}.targets.csv"
        assert example.budget is not None
        assert example.budget.name == f"{MADIUN}.budget.csv"
    rpjmd = list_examples("kota-madiun.rpjmd.2025-2029")  # the illustrative RPJMD it supports
    assert [e.name for e in rpjmd] == ["data"]
    assert rpjmd[0].budget is None
    assert list_examples() == (*examples, *rpjmd)  # the bundled ones, by set id
    assert list_examples("kota-nowhere.dinas.2025") == ()


def test_an_example_is_found_by_set_and_name_and_is_illustrative() -> None:
    example = example_files(MADIUN, "problems")
    assert isinstance(example, Example)
    assert example.illustrative
    assert example == example_files(MADIUN, "problems")
    assert example_files(MADIUN).name == "data"


@pytest.mark.parametrize("name", ["nope", "targets"])
def test_an_unknown_example_names_the_ones_there_are(name: str) -> None:
    with pytest.raises(
        ArgumentError, match=rf"'{name}' \(there are: data, problems, quarters\)"
    ) as caught:
        example_files(MADIUN, name)
    assert "tidak punya data contoh" in caught.value.message
