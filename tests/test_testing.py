"""iku.testing helps an agency test its own set: a bad file or a failing evaluation is an
AssertionError that says everything that is wrong."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from strategies import indicator_sets

from iku import Evaluation, IndicatorSet, Ratio, VariableKind, dump_set, evaluate, get_set
from iku.testing import assert_set_evaluates, assert_set_file_valid, sample_data

ROOT = Path(__file__).parents[1]
MADIUN = "kota-madiun.dinsosppa.2025-2026"
MADIUN_FILE = ROOT / "src" / "iku" / "sets" / f"{MADIUN}.toml"
CONTOH_FILE = (
    ROOT
    / "examples/plugin-kabupaten-contoh/src/iku_kabupaten_contoh"
    / "kabupaten-contoh.dinkes.2025-2026.toml"
)


@pytest.mark.parametrize("path", [MADIUN_FILE, CONTOH_FILE], ids=["madiun", "contoh"])
def test_shipped_set_files_are_valid(path: Path) -> None:
    s = assert_set_file_valid(path)
    assert isinstance(s, IndicatorSet)
    assert assert_set_file_valid(str(path)) == s


def test_a_bad_set_file_fails_with_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    text = MADIUN_FILE.read_text("utf-8")
    path.write_text(
        text.replace('denominator = "psks"', 'denominator = "psk"').replace(
            'numerator = "pengaduan_diselesaikan"', 'numerator = "pengaduan_selesai"'
        ),
        "utf-8",
    )
    pattern = r"(?s)2 masalah.*IKU-2: denominator: unknown variable 'psk'.*IKU-6: numerator"
    with pytest.raises(AssertionError, match=pattern):
        assert_set_file_valid(path)


@given(indicator_sets())
def test_any_valid_set_written_to_a_file_passes(s: IndicatorSet) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert assert_set_file_valid(dump_set(s, Path(folder) / "s.toml")) == s


def test_sample_data_keeps_proportions_below_their_denominators() -> None:
    s = get_set(MADIUN)
    data = sample_data(s)
    assert set(data) == {v.code for v in s.variables}
    for ind in s:
        if isinstance(ind, Ratio):
            top, bottom = ind.variables
            assert 0 < data[top] < data[bottom]
    for v in s.variables:
        if v.kind is VariableKind.COUNT:
            assert isinstance(data[v.code], int)
    assert data["ipp"] == 2.5


def test_sample_data_of_one_indicator_names_only_its_variables() -> None:
    assert set(sample_data(get_set(MADIUN)["IKU-6"])) == {"pengaduan_diselesaikan", "pengaduan"}


def test_a_set_that_evaluates_passes_and_gives_its_evaluation() -> None:
    s = get_set(MADIUN)
    data = sample_data(s)
    ev = assert_set_evaluates(s, data)
    assert isinstance(ev, Evaluation)
    assert ev.ok
    assert [r.code for r in ev.results] == list(s.codes)  # every indicator, in decree order
    assert all(r.value is not None for r in ev.results)
    assert [r.value for r in ev.results] == [r.value for r in evaluate(s, data).results]
    assert ev["IKU-2"].value == pytest.approx(data["psks_diberdayakan"] / data["psks"] * 100)


def test_expected_values_are_checked() -> None:
    data = {"psks_diberdayakan": 45, "psks": 50}
    assert_set_evaluates(get_set(MADIUN)["IKU-2"], data, expected={"IKU-2": 90.0})
    with pytest.raises(AssertionError, match=r"IKU-2: expected 91\.0, got 90\.0"):
        assert_set_evaluates(get_set(MADIUN)["IKU-2"], data, expected={"IKU-2": 91.0})


def test_a_zero_denominator_fails_naming_the_indicator() -> None:
    data = {"psks_diberdayakan": 0, "psks": 0}
    with pytest.raises(AssertionError, match=r"(?s)denominator.*no value computed for IKU-2"):
        assert_set_evaluates(get_set(MADIUN)["IKU-2"], data)


def test_a_set_may_be_named_by_its_id_or_its_file() -> None:
    s = get_set(MADIUN)
    data = sample_data(s)
    by_id = assert_set_evaluates(MADIUN, data)
    by_file = assert_set_evaluates(MADIUN_FILE, data)
    assert by_id.subject is s
    assert by_file.subject == s
    assert [r.value for r in by_file.results] == [r.value for r in by_id.results]


def test_a_table_with_one_bad_row_fails_and_says_how_many_issues() -> None:
    table = {"psks_diberdayakan": [45, 0, *range(30)], "psks": [50, 0, *range(1, 31)]}
    with pytest.raises(AssertionError, match=r"(?s)denominator.*no value computed for IKU-2"):
        assert_set_evaluates(get_set(MADIUN)["IKU-2"], table)
    table["psks"][1] = 10
    ev = assert_set_evaluates(get_set(MADIUN)["IKU-2"], table)
    assert len(ev.results) == 32


def test_many_issues_are_listed_up_to_a_limit() -> None:
    table = {"psks_diberdayakan": [-1] * 40, "psks": [10] * 40}
    with pytest.raises(AssertionError, match=r"and 20 more issue"):
        assert_set_evaluates(get_set(MADIUN)["IKU-2"], table)
