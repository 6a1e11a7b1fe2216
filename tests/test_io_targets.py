"""Targets are read from CSV and the template's sheet; each problem is an error issue naming its
place, and only that row is left out; columns that could file targets under the wrong indicator
refuse the file."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from iku import TargetRange, evaluate, get_set
from iku.io import InputError, load_targets, read_targets

MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.fixture(scope="module")
def madiun():  # type: ignore[no-untyped-def]
    return get_set(MADIUN)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def place(issue) -> str:  # type: ignore[no-untyped-def]
    return getattr(issue, "place", None) or issue.message.split(": ")[0]


def test_targets_read_per_year_for_any_period_and_as_ranges(tmp_path: Path, madiun) -> None:
    path = write(
        tmp_path / "t.csv",
        "indicator,period,target,target_hi\n"
        "IKU-1,2025,80,\nIKU-1,2026,85%,\nIKU-2,,90,\nIKU-7,2025,3.5,4.5\nIKU-3,2025,,\n",
    )
    targets = read_targets(path, madiun)
    assert targets == {"IKU-1": {2025: 80, 2026: 85}, "IKU-2": 90, "IKU-7": {2025: (3.5, 4.5)}}
    assert TargetRange(*targets["IKU-7"][2025]) == TargetRange(3.5, 4.5)
    found = load_targets(path, madiun)
    assert found.place("IKU-1", 2026) == "t.csv:3"
    assert found.place("IKU-2", 2025) == "t.csv:4"  # the target for any period
    assert found.issues == ()


def test_a_target_given_as_text_is_an_error_naming_its_cell_and_the_rest_is_read(
    tmp_path: Path, madiun
) -> None:
    # the first version passed it on, and the evaluation made it a warning: exit 0
    wb = openpyxl.Workbook()
    wb.active.title = "data"
    ws = wb.create_sheet("targets")
    ws.append(["indicator", "period", "target"])
    ws.append(["IKU-1", 2025, 85])
    ws.append(["IKU-2", 2025, "sembilan puluh"])
    path = tmp_path / "t.xlsx"
    wb.save(path)
    found = load_targets(path, madiun)
    assert found.targets == {"IKU-1": {2025: 85}}
    (issue,) = found.issues
    assert (issue.code, issue.severity, issue.indicator) == ("not_a_number", "error", "IKU-2")
    assert place(issue) == "targets!C3"
    assert "'sembilan puluh'" in issue.describe("en")
    with pytest.raises(InputError, match=r"targets!C3: the target of IKU-2 for period 2025"):
        read_targets(path, madiun)


def test_a_pair_given_twice_is_a_duplicate_target_naming_both_places_and_neither_is_used(
    tmp_path: Path, madiun
) -> None:
    # the first version kept the last row silently (and a later one refused the whole file)
    path = write(
        tmp_path / "t.csv",
        "indicator,period,target\nIKU-1,2025,80\nIKU-2,2025,70\nIKU-1,2025,90\n",
    )
    found = load_targets(path, madiun)
    assert found.targets == {"IKU-2": {2025: 70}}
    (issue,) = found.issues
    assert (issue.code, issue.severity, issue.indicator) == ("duplicate_target", "error", "IKU-1")
    assert "t.csv:2 and t.csv:4" in issue.describe("en")


def test_a_target_for_any_period_beside_targets_per_period_is_a_duplicate_target(
    tmp_path: Path, madiun
) -> None:
    path = write(tmp_path / "t.csv", "indicator,period,target\nIKU-1,,1\nIKU-1,2025,2\n")
    found = load_targets(path, madiun)
    assert found.targets == {}
    assert [str(i.code) for i in found.issues] == ["duplicate_target"]


def test_a_target_for_an_indicator_the_set_lacks_is_an_error_with_the_close_code(
    tmp_path: Path, madiun
) -> None:
    # the first version refused the whole file; an evaluate() mapping ignored it, even strict
    path = write(tmp_path / "t.csv", "indicator,period,target\nIKU2,2025,80\nIKU-1,2025,85\n")
    found = load_targets(path, madiun)
    assert found.targets == {"IKU-1": {2025: 85}}
    (issue,) = found.issues
    assert (issue.code, issue.severity, issue.indicator) == ("unknown_indicator", "error", "IKU2")
    assert place(issue) == "t.csv:2"
    assert "did you mean IKU-2?" in issue.describe("en")
    assert "maksudnya IKU-2?" in issue.describe("id")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("indicator,kode,period,target", r"'indicator' \(1\), 'kode' \(2\) all mean 'indicator'"),
        ("indicator,period,target,Target", r"'target' \(3\), 'Target' \(4\) all mean 'target'"),
    ],
)
def test_columns_that_could_file_targets_under_the_wrong_indicator_refuse_the_file(
    tmp_path: Path, madiun, header: str, message: str
) -> None:
    path = write(tmp_path / "t.csv", f"{header}\nIKU-1,IKU-2,2025,80\n")
    with pytest.raises(InputError, match=message):
        load_targets(path, madiun)


def test_a_targets_file_without_its_columns_is_refused(tmp_path: Path, madiun) -> None:
    path = write(tmp_path / "t.csv", "kode_indikator,target\nIKU-1,1\n")
    with pytest.raises(InputError, match="no column 'indicator'"):
        read_targets(path, madiun)


def test_a_target_in_doubt_is_not_used(tmp_path: Path, madiun) -> None:
    path = write(tmp_path / "t.csv", 'indicator,period,target\nIKU-1,2025,"1.500"\nIKU-2,2025,70\n')
    found = load_targets(path, madiun)
    assert found.targets == {"IKU-2": {2025: 70}}
    assert [str(i.code) for i in found.issues] == ["ambiguous_number"]
    assert load_targets(path, madiun, decimal=",").targets == {
        "IKU-1": {2025: 1500},
        "IKU-2": {2025: 70},
    }


def test_targets_come_from_a_workbook_sheet_named_targets(tmp_path: Path, madiun) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "data"
    ws = wb.create_sheet("targets")
    ws.append(["indicator", "period", "target", "keterangan"])
    ws.append(["IKU-2", 2025, 80, "Persentase PSKS"])
    path = tmp_path / "t.xlsx"
    wb.save(path)
    assert read_targets(path, madiun) == {"IKU-2": {2025: 80}}
    assert load_targets(path, madiun).place("IKU-2", 2025) == "targets!C2"
    wb.remove(wb["targets"])
    wb.save(path)
    with pytest.raises(InputError, match="no sheet named 'targets'"):
        read_targets(path, madiun)


def test_the_targets_of_a_file_evaluate(tmp_path: Path, madiun) -> None:
    path = write(tmp_path / "t.csv", "indicator,period,target\nIKU-2,2025,80\n")
    found = load_targets(path, madiun)
    data = {"period": [2025], "psks_diberdayakan": [45], "psks": [50]}
    assert evaluate(madiun["IKU-2"], data, targets=found.targets)["IKU-2"].achievement == 112.5
