"""The Excel input template holds every variable and indicator of its set, and a filled template
reads back exactly, as it is."""

from __future__ import annotations

import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import indicator_sets

from iku import IndicatorSet, get_set
from iku.io import load_data, load_targets, read_data, read_targets
from iku.io.template import DATA_SHEET, LABEL_ROW, TARGETS_SHEET, TEMPLATE_KEYWORD
from iku.report import write_template


def listed(column) -> list:  # type: ignore[no-untyped-def,type-arg]
    """A column's cells as Python values, None where a cell has no value (NaN in the array)."""
    return [None if isinstance(v, float) and v != v else v for v in column.tolist()]


MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.fixture(scope="module")
def madiun() -> IndicatorSet:
    return get_set(MADIUN)


@pytest.fixture
def template(tmp_path: Path, madiun: IndicatorSet) -> Path:
    path = tmp_path / "template.xlsx"
    write_template(madiun, path)
    return path


def test_the_template_has_instructions_data_targets_and_indicator_sheets(
    template: Path, madiun: IndicatorSet
) -> None:
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == ["petunjuk", DATA_SHEET, TARGETS_SHEET, "anggaran", "indikator"]
    assert madiun.id in wb.properties.keywords
    assert TEMPLATE_KEYWORD in wb.properties.keywords
    assert any(madiun.id in str(row[0]) for row in wb["petunjuk"].iter_rows(values_only=True))


def test_the_data_sheet_has_one_column_per_variable_headed_by_its_code_and_labelled(
    template: Path, madiun: IndicatorSet
) -> None:
    ws = openpyxl.load_workbook(template)[DATA_SHEET]
    header = [c.value for c in ws[1]]
    labels = [c.value for c in ws[LABEL_ROW]]
    assert header == ["period", *(v.code for v in madiun.variables)]
    for variable, text in zip(madiun.variables, labels[1:], strict=True):
        assert variable.label in text
    assert ws.cell(1, 2).comment is not None
    assert "IKU-1" in ws.cell(1, 2).comment.text  # which indicators use the variable
    years = [ws.cell(r, 1).value for r in range(LABEL_ROW + 1, LABEL_ROW + 1 + 2)]
    assert years == list(madiun.period)


def test_excel_checks_each_cell_by_the_variables_kind(template: Path) -> None:
    ws = openpyxl.load_workbook(template)[DATA_SHEET]
    rules = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    assert rules["B3"].type == "whole"  # pmks_dilindungi: a count
    ipp = rules["N3"]  # the score on 0 to 5
    assert (ipp.type, ipp.operator, ipp.formula1, ipp.formula2) == (
        "decimal",
        "between",
        "0.0",
        "5.0",
    )


def test_the_targets_sheet_lists_every_indicator_for_every_year(
    template: Path, madiun: IndicatorSet
) -> None:
    ws = openpyxl.load_workbook(template)[TARGETS_SHEET]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("indicator", "period", "target")
    pairs = [(r[0], r[1]) for r in rows[1:]]
    assert pairs == [(code, year) for year in madiun.period for code in madiun.codes]
    assert all(r[2] is None for r in rows[1:])


def test_the_indicator_sheet_explains_formulas_in_words(template: Path, madiun) -> None:
    rows = list(openpyxl.load_workbook(template)["indikator"].iter_rows(values_only=True))
    iku2 = next(r for r in rows if r[0] == "IKU-2")
    assert iku2[3] == "(PSKS yang diberdayakan) / (Jumlah PSKS) × 100"
    assert iku2[4] == "psks_diberdayakan / psks * 100"


def test_an_unfilled_template_reads_as_no_data_and_no_targets(template: Path, madiun) -> None:
    data = load_data(template, madiun)
    assert len(data) == 0
    assert read_targets(template, madiun) == {}


def test_a_filled_template_reads_back_as_it_is(template: Path, madiun: IndicatorSet) -> None:
    wb = openpyxl.load_workbook(template)
    ws = wb[DATA_SHEET]
    codes = [c.value for c in ws[1]]
    for n, code in enumerate(codes[1:], start=2):
        ws.cell(3, n).value = 3.5 if code == "ipp" else 10 * n
    ws.cell(4, codes.index("psks") + 1).value = 77
    targets = wb[TARGETS_SHEET]
    targets.cell(2, 3).value = 90
    targets.cell(3, 3).value = "85,5"
    wb.save(template)

    data = load_data(template, madiun)
    assert listed(data.columns["period"]) == [2025, 2026]
    assert listed(data.columns["ipp"]) == [3.5, None]
    assert listed(data.columns["psks"]) == [10 * (codes.index("psks") + 1), 77]
    assert listed(data.columns["pmks_dilindungi"]) == [20, None]
    assert data.rows == (3, 4)  # their rows in the sheet, for messages
    assert data.missing == ()
    assert read_targets(template, madiun) == {"IKU-1": {2025: 90}, "IKU-2": {2025: 85.5}}


def test_the_template_speaks_english_with_lang_en(tmp_path: Path, madiun) -> None:
    path = tmp_path / "t.xlsx"
    write_template(madiun, path, lang="en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["instructions", DATA_SHEET, TARGETS_SHEET, "anggaran", "indicators"]
    labels = [c.value for c in wb[DATA_SHEET][LABEL_ROW]]
    assert madiun.variable("psks").label_en in labels


@settings(max_examples=20, deadline=None)
@given(indicator_sets(), st.data())
def test_any_set_template_round_trips_filled_values(s: IndicatorSet, data: st.DataObject) -> None:
    values = {
        v.code: data.draw(st.integers(0, 10**9) | st.floats(0, 1e6, allow_nan=False))
        for v in s.variables
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.xlsx"
        write_template(s, path)
        wb = openpyxl.load_workbook(path)
        ws = wb[DATA_SHEET]
        assert [c.value for c in ws[1]] == ["period", *(v.code for v in s.variables)]
        for n, v in enumerate(s.variables, start=2):
            ws.cell(LABEL_ROW + 1, n).value = values[v.code]
        wb.save(path)
        columns = read_data(path, s)
        assert listed(columns["period"]) == [s.period[0]]
        for v in s.variables:
            assert columns[v.code].tolist() == [pytest.approx(values[v.code])]
        assert read_targets(path, s) == {}


def test_the_template_says_its_language_and_text_typed_into_it_reads_that_way(
    template: Path, madiun: IndicatorSet
) -> None:
    wb = openpyxl.load_workbook(template)
    assert "lang=id" in wb.properties.keywords.split(";")
    ws = wb[DATA_SHEET]
    codes = [c.value for c in ws[1]]
    ws.cell(3, codes.index("psks") + 1).value = "1.050"  # typed as text, the Indonesian way
    wb[TARGETS_SHEET].cell(2, 3).value = "sembilan puluh"
    wb.save(template)
    data = load_data(template, madiun)
    assert listed(data.columns["psks"]) == [1050]
    column = openpyxl.utils.get_column_letter(codes.index("psks") + 1)
    assert data.place(0, "psks") == f"{DATA_SHEET}!{column}3"
    targets = load_targets(template, madiun)
    (issue,) = targets.issues
    assert (getattr(issue, "place", None) or issue.message).startswith(f"{TARGETS_SHEET}!C2")
