"""evaluate(..., budget=...): the budget table read in every form (rupiah as people write it),
every row checked, rows of a sasaran summed; Evaluation.efficiency(): serapan, efficiency and
its category by EFISIENSI (boundaries stated), the ratio method, cost per unit."""

from __future__ import annotations

import math
from pathlib import Path

import attrs
import pandas as pd
import polars as pl
import pytest

import iku
from iku import EFISIENSI, EFISIENSI_RASIO, ArgumentError, Scale, ValidationError
from iku.budget import read_budget
from iku.examples import example_files
from iku.pemda import evaluate_source

MADIUN = "kota-madiun.dinsosppa.2025-2026"
done, cases = iku.Variable("selesai", "Kasus selesai"), iku.Variable("kasus", "Kasus")
score = iku.Variable("skor", "Skor", kind="score", range=(0, 5))
SET = iku.IndicatorSet(
    "kota-x.dinas.2025",
    "IKU Dinas X",
    "Dinas X",
    [2025, 2026],
    [
        iku.Sasaran(
            "S-1", "Kasus terselesaikan", [iku.Ratio("IKU-1", "Kasus selesai", done, cases)]
        ),
        iku.Sasaran("S-2", "Pelayanan", [iku.Index("IKU-2", "Indeks", score, bounds=(0, 5))]),
    ],
    [done, cases, score],
)
DATA = {"period": [2025, 2026], "selesai": [45, 40], "kasus": [50, 50], "skor": [4.0, 3.0]}
TARGETS = {"IKU-1": 80, "IKU-2": 4}  # capaian 2025: 112.5 and 100; 2026: 100 and 75


def evaluate(budget: object, **options: object) -> iku.Evaluation:
    return iku.evaluate(SET, DATA, targets=TARGETS, budget=budget, **options)  # type: ignore[arg-type]


def codes(ev: iku.Evaluation) -> list[str]:
    return [str(issue.code) for issue in ev.budget.issues]  # type: ignore[union-attr]


BUDGET = {
    "sasaran": ["S-1", "S-1", "S-2", "S-1"],
    "program": ["A", "B", "C", "A"],
    "period": [2025, 2025, 2025, 2026],
    "pagu": ["Rp 60.000.000", "Rp 40.000.000", "Rp 200.000.000", "100.000.000,00"],
    "realisasi": [57_000_000, 38_000_000, "Rp 150.000.000", "Rp 99.000.000,-"],
}


def test_rows_of_a_sasaran_are_summed_and_compared_with_its_capaian() -> None:
    ev = evaluate(BUDGET)
    assert ev.ok
    frame = ev.efficiency()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == [
        "sasaran", "period", "pagu", "realisasi", "achievement", "absorption", "efficiency",
        "category", "cost_per_unit", "cost_unit", "issues",
    ]  # fmt: skip
    rows = frame.to_dict(orient="records")
    assert [(r["sasaran"], r["period"], r["pagu"], r["realisasi"]) for r in rows] == [
        ("S-1", 2025, 100_000_000, 95_000_000),
        ("S-2", 2025, 200_000_000, 150_000_000),
        ("S-1", 2026, 100_000_000, 99_000_000),
    ]
    assert [r["absorption"] for r in rows] == [95.0, 75.0, 99.0]
    assert [r["achievement"] for r in rows] == [112.5, 100.0, 100.0]
    assert [r["efficiency"] for r in rows] == [17.5, 25.0, 1.0]
    assert [r["category"] for r in rows] == ["Efisien", "Efisien", "Cukup Efisien"]
    assert rows[0]["cost_per_unit"] == 95_000_000 / 45  # rupiah per case resolved
    assert rows[0]["cost_unit"] == "selesai"
    assert math.isnan(rows[1]["cost_per_unit"])  # an index counts nothing


@pytest.mark.parametrize(
    ("points", "category"),
    [
        (5.000001, "Efisien"),
        (5.0, "Cukup Efisien"),  # above 5 is Efisien: 5 itself is not
        (0.0, "Cukup Efisien"),
        (-5.0, "Cukup Efisien"),  # from -5 is Cukup Efisien: -5 itself is
        (-5.000001, "Tidak Efisien"),
    ],
)
def test_the_boundaries_of_efisiensi_are_as_stated(points: float, category: str) -> None:
    assert EFISIENSI.classify(points) == category


def test_the_ratio_method_compares_capaian_over_serapan_with_one() -> None:
    ev = evaluate(BUDGET)
    frame = ev.efficiency(method="ratio")
    assert frame["efficiency"].tolist() == pytest.approx([112.5 / 95, 100 / 75, 100 / 99])
    assert frame["category"].tolist() == ["Efisien"] * 3
    assert EFISIENSI_RASIO.classify(1.0) == "Efisien"
    assert EFISIENSI_RASIO.classify(0.999) == "Tidak Efisien"


def test_a_scale_of_ones_own_replaces_efisiensi() -> None:
    strict = Scale("KETAT", [("Efisien", 20), ("Kurang", None)])
    assert evaluate(BUDGET).efficiency(scale=strict)["category"].tolist() == [
        "Kurang",
        "Efisien",
        "Kurang",
    ]
    with pytest.raises(ArgumentError, match="method is 'difference' or 'ratio'"):
        evaluate(BUDGET).efficiency(method="points")  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match="scale is a Scale"):
        evaluate(BUDGET).efficiency(scale="EFISIENSI")  # type: ignore[arg-type]


def test_the_budget_may_be_a_frame_a_list_of_rows_or_a_file(tmp_path: Path) -> None:
    expected = evaluate(BUDGET).efficiency()
    as_pandas = evaluate(pd.DataFrame(BUDGET)).efficiency()
    as_rows = evaluate(
        [dict(zip(BUDGET, row, strict=True)) for row in zip(*BUDGET.values(), strict=True)]
    ).efficiency()
    pd.testing.assert_frame_equal(as_pandas, expected)
    pd.testing.assert_frame_equal(as_rows, expected)
    as_polars = evaluate(pl.DataFrame({k: [str(v) for v in vs] for k, vs in BUDGET.items()}))
    assert as_polars.efficiency()["efficiency"].tolist() == expected["efficiency"].tolist()
    path = tmp_path / "anggaran.csv"
    path.write_text(
        "Sasaran;Tahun;Pagu;Realisasi\n"
        "S-1;2025;Rp 60.000.000;Rp 57.000.000\n"
        "S-1;2025;40.000.000;38.000.000\n"
        "S-2;2025;Rp 200.000.000,00;Rp 150.000.000,00\n"
        "S-1;2026;100.000.000;99.000.000\n",
        encoding="utf-8",
    )
    from_file = evaluate(path).efficiency()
    assert from_file["efficiency"].tolist() == expected["efficiency"].tolist()
    assert evaluate(str(path)).ok


def test_polars_data_gives_a_polars_efficiency_frame() -> None:
    ev = iku.evaluate(SET, pl.DataFrame(DATA), targets=TARGETS, budget=BUDGET)
    frame = ev.efficiency()
    assert isinstance(frame, pl.DataFrame)
    assert frame["category"].to_list() == ["Efisien", "Efisien", "Cukup Efisien"]


def test_realisasi_above_pagu_is_an_error_and_leaves_the_sasaran_without_sums() -> None:
    ev = evaluate({"sasaran": ["S-1"], "period": [2025], "pagu": [100], "realisasi": [120]})
    assert codes(ev) == ["budget_over_ceiling"]
    issue = ev.budget.issues[0]  # type: ignore[union-attr]
    assert issue.severity == "error"
    assert issue.row == 0
    assert issue.message == "realisasi anggaran S-1 (Rp 120) melebihi pagu (Rp 100)"
    assert issue.message_en == "the spending of S-1 (Rp 120) is above its ceiling (Rp 100)"
    assert not ev.ok
    assert issue in ev.issues  # the evaluation's issues hold the budget's, last
    row = ev.efficiency().to_dict(orient="records")[0]
    assert row["absorption"] is None or math.isnan(row["absorption"])
    assert row["issues"] == ["budget_over_ceiling"]
    with pytest.raises(ValidationError):
        evaluate(
            {"sasaran": ["S-1"], "period": [2025], "pagu": [100], "realisasi": [120]}, strict=True
        )


def test_bad_amounts_are_issues_naming_their_row_and_the_others_are_kept() -> None:
    ev = evaluate(
        {
            "sasaran": ["S-1", "S-2", "S-1", "S-2", None],
            "period": [2025, 2025, 2026, 2026, 2025],
            "pagu": ["Rp -5", None, "1.500", "sejuta", 10],
            "realisasi": [1, 2, 3, float("inf"), 1],
        }
    )
    found = [(str(i.code), i.variable, i.row) for i in ev.budget.issues]  # type: ignore[union-attr]
    assert found == [
        ("negative_value", "pagu", 0),
        ("missing_value", "pagu", 1),
        ("ambiguous_number", "pagu", 2),  # 1.5 or 1500: nothing in the column says which
        ("not_a_number", "pagu", 3),
        ("not_finite", "realisasi", 3),
        ("missing_value", "sasaran", 4),
    ]
    assert ev.budget.rows[0].pagu is None  # type: ignore[union-attr]


def test_a_column_says_how_its_texts_mark_decimals() -> None:
    table = {
        "sasaran": ["S-1", "S-2"],
        "period": [2025] * 2,
        "pagu": ["1.500", "2.000.000"],
        "realisasi": [1, 1],
    }
    ev = evaluate(table)
    assert codes(ev) == []  # "2.000.000" can only be thousands: the column uses the comma
    assert [row.pagu for row in ev.budget.rows] == [1500.0, 2_000_000.0]  # type: ignore[union-attr]
    told = read_budget({**table, "pagu": ["1.500", "2.5"]}, SET, decimal=",")
    assert [str(i.code) for i in told.issues] == ["ambiguous_number"]  # "2.5" is no comma number
    assert told.issues[0].message_en == (
        '2.5 is written with the decimal mark ".", but the column pagu uses the other one: '
        "the cell is not used"
    )


def test_a_sasaran_the_set_lacks_is_an_issue_with_a_hint() -> None:
    ev = evaluate(
        {"sasaran": ["S-11", "XYZ"], "period": [2025, 2025], "pagu": [10, 10], "realisasi": [1, 1]}
    )
    assert codes(ev) == ["unknown_sasaran", "unknown_sasaran"]
    assert ev.budget.issues[0].message_en == (  # type: ignore[union-attr]
        "a budget is given for sasaran S-11, which is not a sasaran of this set (did you mean S-1?)"
    )
    assert ev.efficiency().empty


def test_a_budget_per_indicator_names_its_sasaran_and_unknown_indicators() -> None:
    ev = evaluate(
        {
            "indicator": ["IKU-1", "XYZ"],
            "period": [2025, 2025],
            "pagu": [10, 10],
            "realisasi": [5, 5],
        }
    )
    assert codes(ev) == ["unknown_indicator"]
    assert (
        ev.budget.issues[0].message_en
        == "a budget is given for XYZ, which is not an indicator of this set"
    )  # type: ignore[union-attr]
    row = ev.efficiency().to_dict(orient="records")[0]
    assert (row["sasaran"], row["indicator"], row["achievement"], row["absorption"]) == (
        "S-1",
        "IKU-1",
        112.5,
        50.0,
    )


def test_a_zero_pagu_a_bad_period_and_missing_columns_are_issues() -> None:
    zero = evaluate({"sasaran": ["S-1"], "period": [2025], "pagu": [0], "realisasi": [0]})
    assert codes(zero) == ["denominator_zero"]
    assert "serapan anggaran tidak dapat dihitung" in zero.budget.issues[0].message  # type: ignore[union-attr]
    period = evaluate({"sasaran": ["S-1"], "period": ["TW V 2025"], "pagu": [1], "realisasi": [1]})
    assert codes(period) == ["bad_period"]
    columns = evaluate({"sasaran": ["S-1"], "anggaran": [1]})
    assert codes(columns) == ["missing_value", "missing_value"]
    assert [i.variable for i in columns.budget.issues] == ["pagu", "realisasi"]  # type: ignore[union-attr]


def test_a_budget_without_periods_is_the_single_periods() -> None:
    ev = iku.evaluate(
        SET,
        {"selesai": 45, "kasus": 50, "skor": 4},
        targets=TARGETS,
        period=2025,
        budget={"sasaran": ["S-1"], "pagu": [100], "realisasi": [90]},
    )
    row = ev.efficiency().to_dict(orient="records")[0]
    assert (row["period"], row["efficiency"]) == (2025, 112.5 - 90)
    two_years = evaluate({"sasaran": ["S-1"], "pagu": [100], "realisasi": [90]})
    assert two_years.efficiency()["issues"].tolist() == [["missing_value"]]


def test_wrong_arguments_are_refused_clearly() -> None:
    with pytest.raises(ArgumentError, match="a budget belongs to an indicator set"):
        iku.evaluate(SET["IKU-1"], {"selesai": 1, "kasus": 2}, budget=BUDGET)
    with pytest.raises(ArgumentError, match="budget is a table of sasaran"):
        evaluate(42)
    with pytest.raises(ArgumentError, match="different lengths"):
        evaluate({"sasaran": ["S-1"], "pagu": [1, 2], "realisasi": [1]})
    with pytest.raises(ArgumentError, match="this evaluation has no budget"):
        iku.evaluate(SET, DATA, targets=TARGETS).efficiency()
    units = iku.evaluate(
        SET, {**DATA, "unit": ["a", "b"]}, targets=TARGETS, by="unit", budget=BUDGET
    )
    with pytest.raises(ArgumentError, match="evaluate the units summed"):
        units.efficiency()


def test_the_bundled_example_budget_reads_clean_and_gives_every_category() -> None:
    example = example_files(MADIUN)
    assert example.budget is not None
    ev = evaluate_source(
        iku.get_set(MADIUN), example.data, targets=example.targets, budget=example.budget
    )
    assert ev.ok
    frame = ev.efficiency()
    assert len(frame) == 12  # six sasaran, two years
    assert set(frame["category"]) == {"Efisien", "Cukup Efisien", "Tidak Efisien"}
    s3 = frame[(frame["sasaran"] == "S-3") & (frame["period"] == 2025)].iloc[0]
    assert s3["absorption"] == pytest.approx(98.4)
    assert s3["category"] == "Tidak Efisien"


def test_the_links_added_to_the_bundled_set_change_none_of_its_results() -> None:
    s = iku.get_set(MADIUN)
    bare = attrs.evolve(
        s,
        sasaran=[
            attrs.evolve(sas, indicators=[attrs.evolve(i, supports=()) for i in sas.indicators])
            for sas in s.sasaran
        ],
    )
    assert any(i.supports for i in s)
    assert not any(i.supports for i in bare)
    example = example_files(MADIUN)
    with_links = evaluate_source(s, example.data, targets=example.targets).to_frame()
    without = evaluate_source(bare, example.data, targets=example.targets).to_frame()
    pd.testing.assert_frame_equal(with_links, without)


def test_the_template_has_a_budget_sheet_that_reads_back_when_filled(tmp_path: Path) -> None:
    import openpyxl

    from iku.budget import has_budget
    from iku.report import write_template

    s = iku.get_set(MADIUN)
    path = tmp_path / "isian.xlsx"
    write_template(s, path)
    assert not has_budget(path)  # left empty: no budget
    wb = openpyxl.load_workbook(path)
    sheet = wb["anggaran"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][:5] == ["sasaran", "period", "pagu", "realisasi", "program"]
    assert [row[:2] for row in rows[1:3]] == [["S-1", 2025], ["S-2", 2025]]
    assert len(rows) == 1 + len(s.sasaran) * len(s.period)
    sheet["C2"], sheet["D2"] = 1_000_000, "Rp 900.000"
    sheet["C3"], sheet["D3"] = 500_000, 600_000  # above its pagu
    wb.save(path)
    assert has_budget(path)
    budget = read_budget(path, s)
    assert [(r.key, r.period, r.pagu, r.realisasi) for r in budget.rows[:1]] == [
        ("S-1", 2025, 1_000_000, 900_000)
    ]
    over = [i for i in budget.issues if str(i.code) == "budget_over_ceiling"]
    assert [i.place for i in over] == ["anggaran!D3"]


def test_a_filled_template_gives_its_own_budget(tmp_path: Path) -> None:
    import openpyxl

    from iku.report import write_template

    s = iku.get_set(MADIUN)
    path = tmp_path / "isian.xlsx"
    write_template(s, path)
    wb = openpyxl.load_workbook(path)
    data = wb["data"]
    for column in range(2, data.max_column + 1):
        data.cell(3, column).value = 4 if data.cell(1, column).value == "ipp" else 10
    wb["anggaran"]["C2"], wb["anggaran"]["D2"] = 100, 95
    wb.save(path)
    ev = evaluate_source(s, path)
    assert ev.budget is not None
    assert ev.efficiency()["absorption"].tolist()[0] == 95.0


def test_a_rupiah_sign_says_dots_are_thousands() -> None:
    budget = read_budget(
        {
            "sasaran": ["S-1", "S-2"],
            "period": [2025, 2025],
            "pagu": ["Rp 1.500", "1.500"],
            "realisasi": [1, 1],
        },
        SET,
    )
    assert budget.rows[0].pagu == 1500.0
    assert [(str(i.code), i.row) for i in budget.issues] == [("ambiguous_number", 1)]


def test_the_capaian_of_a_sasaran_follows_the_sets_rules() -> None:
    a, b = iku.Variable("a", "A", kind="real"), iku.Variable("b", "B", kind="real")
    weighted = iku.IndicatorSet(
        "kota-x.dinas.2025",
        "IKU",
        "Dinas X",
        2025,
        [
            iku.Sasaran(
                "S-1",
                "s",
                [iku.Indicator("IKU-1", "satu", a, weight=3), iku.Indicator("IKU-2", "dua", b)],
            )
        ],
        [a, b],
        rules=iku.Rules(sasaran="weighted"),
    )
    budget = {"sasaran": ["S-1"], "period": [2025], "pagu": [100], "realisasi": [80]}
    ev = iku.evaluate(
        weighted,
        {"a": 100, "b": 50},
        targets={"IKU-1": 100, "IKU-2": 100},
        period=2025,
        budget=budget,
    )
    row = ev.efficiency().to_dict(orient="records")[0]
    assert row["achievement"] == ev.sasaran()[0].achievement == (3 * 100 + 50) / 4
    assert row["efficiency"] == 87.5 - 80
