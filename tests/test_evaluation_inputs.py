"""What evaluate() refuses or reports rather than reading silently: data and targets read from
files (their issues and places), rows checked before they are summed, a missing or repeated
column, targets repeated, ambiguous or for no indicator, NaN, and evaluations that pickle."""

from __future__ import annotations

import pickle
import subprocess
import sys
import tracemalloc
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pandas as pd
import polars as pl
import pytest

import iku
from iku import IssueCode, Severity, ValidationError, evaluate
from iku.errors import ArgumentError, ColumnNotFoundError
from iku.validation import Issue, make_issue

SET_ID = "kota-madiun.dinsosppa.2025-2026"
EXAMPLES = Path(iku.__file__).parent / "data" / "examples"


@pytest.fixture(scope="module")
def madiun() -> iku.IndicatorSet:
    return iku.get_set(SET_ID)


@pytest.fixture(scope="module")
def problems() -> pd.DataFrame:
    return pd.read_csv(EXAMPLES / f"{SET_ID}.problems.csv")


@pytest.fixture(scope="module")
def example_targets() -> pd.DataFrame:
    return pd.read_csv(EXAMPLES / f"{SET_ID}.targets.csv")


def codes(issues: Sequence[Issue]) -> list[str]:
    return [str(issue.code) for issue in issues]


# --- data and targets read from files (shared decision 3) -----------------------------------


@attrs.frozen
class DataFile:
    """What a reader returns, as the protocol of ``iku.backends.sources`` asks: written here as
    a user would write their own."""

    columns: Mapping[str, Any]
    issues: tuple[Issue, ...] = ()
    name: str = "data.csv"

    def place(self, row: int, column: str | None = None) -> str | None:
        return f"{self.name}:{row + 2}"  # a header line, then one line per row


@attrs.frozen
class TargetsFile:
    targets: Mapping[str, Any]
    issues: tuple[Issue, ...] = ()

    def place(self, code: str, period: object = None) -> str | None:
        return f"targets!C{7 if period == 2025 else 8}"


def test_data_read_from_a_file_keeps_its_issues_first_and_names_each_row_s_place(
    madiun: Any,
) -> None:
    read = make_issue(IssueCode.AMBIGUOUS_NUMBER, place="data.csv:3", value="'1.500'")
    data = DataFile(
        {
            "kelurahan": np.array(["Taman", "Kuncen"], dtype=object),
            "psks_diberdayakan": np.array([45.0, 3.0]),
            "psks": np.array([50.0, 0.0]),
        },
        (read,),
    )
    ev = evaluate(madiun["IKU-2"], data, targets={"IKU-2": 80})
    assert ev.issues[0] is read
    zero = ev["IKU-2", 1].issues[0]
    assert (zero.code, zero.row, zero.place) == (
        IssueCode.DENOMINATOR_ZERO,
        {"kelurahan": "Kuncen"},
        "data.csv:3",
    )
    assert ev["IKU-2", 0].value == 90.0
    assert not ev.ok


def test_rows_summed_from_a_file_name_their_place(madiun: Any) -> None:
    data = DataFile({"psks_diberdayakan": [45, "x", 27], "psks": [50, 40, 23]})
    ev = evaluate(madiun["IKU-2"], data, by=[])
    found = [(str(i.code), i.row, i.place) for i in ev.issues]
    assert found == [
        ("not_a_number", 1, "data.csv:3"),
        ("numerator_exceeds_denominator", 2, "data.csv:4"),
    ]


def test_targets_read_from_a_file_keep_their_issues_and_places(madiun: Any) -> None:
    read = make_issue(IssueCode.DUPLICATE_TARGET, indicator="IKU-1", place="targets!C9")
    targets = TargetsFile({"IKU-2": {2025: "sembilan puluh"}, "IKU2": 80}, (read,))
    ev = evaluate(
        madiun["IKU-2"], {"psks_diberdayakan": 45, "psks": 50}, targets=targets, period=2025
    )
    assert ev.issues[0] is read
    wrong = ev["IKU-2"].issues[0]
    assert (wrong.code, wrong.severity, wrong.place) == (
        IssueCode.NOT_A_NUMBER,
        Severity.ERROR,
        "targets!C7",
    )
    table = evaluate(madiun, pd.DataFrame({"period": [2025], "psks": [50]}), targets=targets)
    unknown = [i for i in table.issues if i.code is IssueCode.UNKNOWN_INDICATOR]
    assert [(i.indicator, i.place) for i in unknown] == [("IKU2", "targets!C8")]


# --- nothing lost in a sum (issue 8, shared decision 4) --------------------------------------


def test_summing_units_keeps_every_planted_problem_naming_its_unit(
    madiun: Any, problems: pd.DataFrame, example_targets: pd.DataFrame
) -> None:
    ev = evaluate(madiun, problems, targets=example_targets, by=[])
    found = {
        (str(i.code), i.indicator, i.row["kelurahan"], i.row["period"])
        for i in ev.issues
        if i.code is not IssueCode.UNKNOWN_VARIABLE
    }
    assert found == {
        ("denominator_zero", "IKU-6", "Kuncen", 2025),
        ("numerator_exceeds_denominator", "IKU-2", "Klegen", 2025),
        ("missing_value", "IKU-5", "Winongo", 2026),
    }
    assert ev["IKU-2", 0].value is None  # 27 of 23 cannot be summed into the city's figure
    assert ev["IKU-2", 1].value is not None
    assert ev["IKU-6", 0].value is not None  # Kuncen's 0 of 0 complaints is summed
    assert not ev.ok


def test_a_row_s_zero_denominator_in_a_sum_is_a_warning_and_its_numbers_are_summed(
    madiun: Any,
) -> None:
    data = {"kel": ["A", "B"], "pengaduan_diselesaikan": [0, 4], "pengaduan": [0, 5]}
    ev = evaluate(madiun["IKU-6"], data, targets={"IKU-6": 90}, by=[])
    (issue,) = ev.issues
    assert (issue.code, issue.severity, issue.row) == (
        IssueCode.DENOMINATOR_ZERO,
        Severity.WARNING,
        {"kel": "A"},
    )
    assert issue.message_en.startswith("the denominator pengaduan of this row is zero")
    assert ev["IKU-6"].value == 80.0
    assert ev.ok
    evaluate(madiun["IKU-6"], data, by=[], strict=True)  # warnings do not raise


@pytest.mark.slow
def test_the_command_line_sum_lists_all_three_planted_problems() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "iku", "evaluate", SET_ID, "--example", "problems", "-f", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    import json

    rows = json.loads(done.stdout)["results"]
    found = sorted((r["indicator"], code) for r in rows for code in r["issues"])
    assert found == [
        ("IKU-2", "numerator_exceeds_denominator"),
        ("IKU-5", "missing_value"),
        ("IKU-6", "denominator_zero"),
    ]


# --- a missing column is one issue (issue 8) -------------------------------------------------


def test_a_missing_column_is_one_issue_not_one_per_row(madiun: Any) -> None:
    n = 20_000
    data = pd.DataFrame({"psks_diberdayakan": np.full(n, 45), "psks": np.full(n, 50)})
    tracemalloc.start()
    ev = evaluate(madiun, data, targets=dict.fromkeys(madiun.codes, 50))
    issues = ev.issues
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert codes(issues) == ["missing_value"] * 11
    assert [i.variable for i in issues][:2] == ["pmks_dilindungi", "pmks_perlu_perlindungan"]
    assert issues[0].row is None
    assert ev["IKU-1", 7].issues == (issues[0], issues[1])  # every row carries the same issues
    assert ev["IKU-2", 7].value == 90.0
    assert peak < 100 * data.memory_usage().sum()  # proportional to the input, not rows x issues
    frame = ev.to_frame()
    assert frame["issues"].iloc[0] == ["missing_value", "missing_value"]


# --- duplicated columns (issue 8) ------------------------------------------------------------


def test_a_duplicated_column_is_reported_in_pandas_and_polars(madiun: Any) -> None:
    frame = pd.DataFrame([[45, 50, 60, "A"]], columns=["psks_diberdayakan", "psks", "psks", "kel"])
    renamed = pl.DataFrame(
        {"psks_diberdayakan": [45], "psks": [50], "psks_duplicated_0": [60], "kel": ["A"]}
    )
    for data in (frame, renamed):
        ev = evaluate(madiun["IKU-2"], data)
        assert codes(ev.issues) == ["duplicate_column"]
        assert ev.issues[0].severity is Severity.ERROR
        assert ev["IKU-2"].value is None
        with pytest.raises(ValidationError, match="duplicate_column"):
            evaluate(madiun["IKU-2"], data, strict=True)


def test_a_duplicated_key_column_is_reported_and_the_values_are_kept(madiun: Any) -> None:
    frame = pd.DataFrame([["A", "B", 45, 50]], columns=["kel", "kel", "psks_diberdayakan", "psks"])
    ev = evaluate(madiun["IKU-2"], frame, targets={"IKU-2": 80})
    assert [(str(i.code), i.variable) for i in ev.issues] == [("duplicate_column", "kel")]
    assert ev["IKU-2"].value == 90.0
    assert not ev.ok


# --- targets (issue 8) -----------------------------------------------------------------------


@pytest.mark.parametrize("frame", [pd.DataFrame, pl.DataFrame])
def test_a_targets_table_repeating_a_row_is_a_duplicate_target_error(
    madiun: Any, frame: Any
) -> None:
    targets = frame(
        {
            "indicator": ["IKU-2", "IKU-2", "IKU-2"],
            "period": [2025, 2025, 2026],
            "target": [80, 85, 90],
        }
    )
    data = {"period": [2025, 2026], "psks_diberdayakan": [45, 45], "psks": [50, 50]}
    ev = evaluate(madiun["IKU-2"], data, targets=targets)
    first = ev.issues[0]
    assert (first.code, first.severity, first.indicator) == (
        IssueCode.DUPLICATE_TARGET,
        Severity.ERROR,
        "IKU-2",
    )
    assert first.message_en == "the target for period 2025 is given more than once (80, 85)"
    assert ev["IKU-2", 0].target is None  # neither 80 nor 85 is guessed
    assert ev["IKU-2", 0].achievement is None
    assert ev["IKU-2", 1].target == 90.0
    with pytest.raises(ValidationError, match="duplicate_target"):
        evaluate(madiun["IKU-2"], data, targets=targets, strict=True)


def test_a_year_given_twice_in_a_mapping_is_a_duplicate_target(madiun: Any) -> None:
    ev = evaluate(
        madiun["IKU-2"],
        {"psks_diberdayakan": 45, "psks": 50},
        targets={"IKU-2": {2025: 80, "2025": 85}},
        period=2025,
    )
    assert codes(ev.issues) == ["duplicate_target", "missing_target"]
    assert ev["IKU-2"].achievement is None


def test_a_targets_table_with_two_columns_of_one_meaning_is_refused(madiun: Any) -> None:
    both = pd.DataFrame({"indicator": ["IKU-1"], "kode": ["IKU-2"], "target": [80]})
    with pytest.raises(
        ArgumentError, match="2 columns that mean 'indicator' \\('indicator', 'kode'\\)"
    ):
        evaluate(madiun, {"psks": 1}, targets=both)
    twice = pd.DataFrame([["IKU-2", 80, 90]], columns=["indicator", "target", "target"])
    with pytest.raises(ArgumentError, match="mean 'target' \\('target', 'target'\\)"):
        evaluate(madiun, {"psks": 1}, targets=twice)
    with pytest.raises(ColumnNotFoundError, match="needs columns indicator and target"):
        evaluate(madiun, {"psks": 1}, targets=pd.DataFrame({"indicator": ["IKU-2"]}))


def test_a_targets_table_may_name_its_columns_in_indonesian(madiun: Any) -> None:
    targets = pl.DataFrame({"Kode": ["IKU-2"], "tahun": [2025], "target": [80]})
    ev = evaluate(
        madiun["IKU-2"], {"psks_diberdayakan": 45, "psks": 50}, targets=targets, period=2025
    )
    assert ev["IKU-2"].achievement == 112.5


@pytest.mark.parametrize(
    "targets", [{"IKU2": 80}, pd.DataFrame({"indicator": ["IKU2"], "target": [80]})]
)
def test_a_target_for_an_indicator_the_set_lacks_is_an_error_with_a_hint(
    madiun: Any, targets: Any
) -> None:
    data = {"psks_diberdayakan": 45, "psks": 50}
    ev = evaluate(madiun, data, targets=targets)
    (unknown,) = [i for i in ev.issues if i.code is IssueCode.UNKNOWN_INDICATOR]
    assert unknown.severity is Severity.ERROR
    assert unknown.message_en.endswith("(did you mean IKU-2?)")
    assert "mungkin maksudnya IKU-2?" in unknown.message
    with pytest.raises(ValidationError, match="unknown_indicator"):
        evaluate(madiun, data, targets=targets, strict=True)


def test_strict_lets_exactly_the_documented_warnings_through(madiun: Any) -> None:
    data = {
        "kel": ["A", "B"],
        "period": [2025, 2025],
        "pengaduan_diselesaikan": [0, 4],
        "pengaduan": [0, 5],
        "psks_diberdayakan": [0, 4],
        "psks": [4, 5],
    }
    ev = evaluate(
        madiun["IKU-6"], data, targets={"IKU-6": 0}, by=[]
    )  # zero target, a row's zero denominator
    assert {str(i.code) for i in ev.issues} == {"zero_target", "denominator_zero"}
    assert ev.ok
    ev = evaluate(madiun, {**data, "psks_baru": [1, 1]}, targets={"IKU-2": 80}, by=[])
    warnings = {str(i.code) for i in ev.issues if i.severity is Severity.WARNING}
    assert warnings >= {"missing_target", "unknown_variable"}


# --- NaN: one meaning everywhere (issue 8) ---------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda v: {"psks_diberdayakan": [45.0, 45.0], "psks": v},
        lambda v: {"psks_diberdayakan": np.array([45.0, 45.0]), "psks": np.array(v)},
        lambda v: pd.DataFrame({"psks_diberdayakan": [45.0, 45.0], "psks": v}),
        lambda v: pd.DataFrame(
            {"psks_diberdayakan": [45.0, 45.0], "psks": pd.Series(v, dtype=object)}
        ),
        lambda v: pl.DataFrame(
            {"psks_diberdayakan": [45.0, 45.0], "psks": pl.Series(v, nan_to_null=False)}
        ),
    ],
    ids=["lists", "numpy", "pandas", "pandas-object", "polars"],
)
def test_nan_is_a_missing_value_and_infinity_not_finite_in_every_input(
    madiun: Any, make: Any
) -> None:
    nan = evaluate(madiun["IKU-2"], make([50.0, float("nan")]))
    assert codes(nan["IKU-2", 1].issues) == ["missing_value"]
    inf = evaluate(madiun["IKU-2"], make([50.0, float("inf")]))
    assert codes(inf["IKU-2", 1].issues) == ["not_finite"]


def test_nan_in_one_unit_is_a_missing_value(madiun: Any) -> None:
    for nan in (float("nan"), np.float64("nan"), np.float32("nan")):
        ev = evaluate(madiun["IKU-2"], {"psks_diberdayakan": 45, "psks": nan})
        assert codes(ev.issues) == ["missing_value"]


# --- pickling (issue 8) ----------------------------------------------------------------------


def test_a_unit_evaluation_pickles(madiun: Any) -> None:
    ev = evaluate(madiun, {"psks_diberdayakan": 45, "psks": 0, "ipp": 4.1}, targets={"IKU-7": 4})
    again = pickle.loads(pickle.dumps(ev))
    assert again.results == ev.results
    assert again.issues == ev.issues
    assert again.ok is ev.ok is False


@pytest.mark.parametrize("kind", ["pandas", "polars", "lists"])
@pytest.mark.parametrize("by", [None, []])
def test_a_table_evaluation_pickles(
    madiun: Any, problems: pd.DataFrame, example_targets: pd.DataFrame, kind: str, by: Any
) -> None:
    data: Any = problems
    if kind == "polars":
        data = pl.from_pandas(problems)
    elif kind == "lists":
        data = {name: problems[name].tolist() for name in problems.columns}
    ev = evaluate(madiun, data, targets=example_targets, by=by)
    again = pickle.loads(pickle.dumps(ev))
    assert again.results == ev.results
    assert again.issues == ev.issues
    assert again.to_frame().equals(ev.to_frame())


# --- typing (issue 12) -----------------------------------------------------------------------


@pytest.mark.slow
def test_mypy_refuses_data_of_the_wrong_type(tmp_path: Path) -> None:
    snippet = tmp_path / "snippet.py"
    snippet.write_text(
        "import iku\n"
        "s = iku.get_set('x')\n"
        "iku.evaluate(s, {'a': 1}, targets={'IKU-1': 80}, period=2025, by=['kel'])\n"
        "iku.evaluate(s, 5)\n"
        "iku.evaluate(s, {'a': 1}, targets=80)\n"
        "iku.evaluate(s, {'a': 1}, by=3)\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(tmp_path / "cache"),
            "--follow-imports",
            "silent",
            str(snippet),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert [line.split(":")[1] for line in lines] == ["4", "5", "6"], done.stdout


# --- hashable results, the table's parts for frames (issue 12) -------------------------------


def test_results_and_issues_with_keys_are_hashable(madiun: Any, problems: pd.DataFrame) -> None:
    ev = evaluate(madiun, problems, by="kecamatan")
    results = set(ev.results)
    assert len(results) == len(ev.results)
    assert len(set(ev.issues)) == len(ev.issues)
    with pytest.raises(TypeError, match="cannot be changed"):
        ev.results[0].keys["kecamatan"] = "x"  # type: ignore[index]


def test_a_table_evaluation_hands_its_columns_to_the_frame_builders(madiun: Any) -> None:
    unit = evaluate(madiun["IKU-2"], {"psks_diberdayakan": 45, "psks": 50})
    assert unit.table_output is None
    table = evaluate(madiun["IKU-2"], {"psks_diberdayakan": [45, 1], "psks": [50, 2]})
    out = table.table_output
    assert out is not None
    assert out.n == 2
    assert [ind.code for ind in out.indicators] == ["IKU-2"]
    assert out.indicators[0].value.tolist() == [90.0, 50.0]
