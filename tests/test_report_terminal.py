"""The terminal table fits the width it is given, wraps long names and keeps every number: each
indicator's row holds its sasaran, code and name, unit, target, realisasi, capaian and predikat,
exactly."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iku import Evaluation, IndicatorSet, evaluate, get_set
from iku.report import build_report, to_text
from iku.testing import sample_data

MADIUN = "kota-madiun.dinsosppa.2025-2026"

EXPECTED = [
    # code, realisasi, capaian, predikat: sample_data against a target of 50 for each
    ("IKU-1", "79,38", "158,76", "Sangat Tinggi"),  # 77 / 97 * 100
    ("IKU-2", "79,28", "158,56", "Sangat Tinggi"),  # 88 / 111 * 100
    ("IKU-3", "80,00", "160,00", "Sangat Tinggi"),  # 100 / 125 * 100
    ("IKU-4", "79,86", "159,71", "Sangat Tinggi"),  # 111 / 139 * 100
    ("IKU-5", "79,74", "159,48", "Sangat Tinggi"),  # 122 / 153 * 100
    ("IKU-6", "79,64", "159,28", "Sangat Tinggi"),  # 133 / 167 * 100
    ("IKU-7", "2,50 (C-)", "5,00", "Sangat Rendah"),  # an index: 2.5 of 50, graded C-
]


@pytest.fixture(scope="module")
def madiun() -> IndicatorSet:
    return get_set(MADIUN)


@pytest.fixture(scope="module")
def ev(madiun: IndicatorSet) -> Evaluation:
    return evaluate(madiun, sample_data(madiun), targets=dict.fromkeys(madiun.codes, 50))


def grid_rows(text: str) -> list[list[str]]:
    """The rows of every table of a terminal report, each cell's wrapped lines joined: a row
    starts where the indicator column starts a code."""
    lines = text.splitlines()
    borders = [n for n, line in enumerate(lines) if re.fullmatch(r"\+(-+\+)+", line)]
    rows: list[list[str]] = []
    for top, header, bottom in zip(*[iter(borders)] * 3, strict=True):
        assert top + 2 == header  # one line of headings (at this width)
        if lines[top + 1].split("|")[1].strip() not in ("No",):
            continue  # not an LKjIP table: the comparison across years under one
        summary = False  # in a RATA-RATA row (the capaian of a sasaran, or of every IKU)
        for line in lines[header + 1 : bottom]:
            cells = [cell.strip() for cell in line[1:-1].split("|")]
            if re.match(r"IKU-\d", cells[2]):
                rows.append(cells)
                summary = False
            elif cells[2].startswith(("RATA-RATA", "AVERAGE")):
                summary = True
            elif not summary:  # a wrapped line of the row above
                rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
    return rows


def test_each_indicator_row_shows_exactly_its_numbers(ev: Evaluation, madiun) -> None:  # type: ignore[no-untyped-def]
    rows = grid_rows(to_text(ev, width=160))
    assert [row[2].split(" · ")[0] for row in rows] == list(madiun.codes)
    for row, (code, value, achievement, category) in zip(rows, EXPECTED, strict=True):
        ind = madiun[code]
        assert row[2] == f"{code} · {ind.name}"
        assert row[3:] == [ind.unit, "50,00", value, achievement, category]
    numbers = [row[0] for row in rows]
    assert numbers == ["1", "2", "3", "4", "", "5", "6"]  # S-4 spans IKU-4 and IKU-5
    assert rows[1][1] == "meningkatkan pemberdayaan sosial PSKS"
    assert rows[4][1] == ""


def test_the_head_of_the_report_and_the_table(ev: Evaluation, madiun) -> None:  # type: ignore[no-untyped-def]
    lines = to_text(ev, width=160).splitlines()
    assert lines[:5] == [
        "Laporan Capaian Kinerja",
        madiun.name,
        f"{madiun.organization} · {madiun.id}",
        "",
        "Periode tidak disebut",
    ]
    heads = [cell.strip() for cell in lines[6][1:-1].split("|")]
    assert heads == [
        "No",
        "Sasaran",
        "Indikator Kinerja",
        "Satuan",
        "Target",
        "Realisasi",
        "Capaian (%)",
        "Predikat",
    ]


def test_english_rows_heads_and_predikat(ev: Evaluation, madiun) -> None:  # type: ignore[no-untyped-def]
    text = to_text(ev, width=160, lang="en")
    rows = grid_rows(text)
    assert rows[0][3:] == ["%", "50.00", "79.38", "158.76", "Very high"]
    assert rows[6][2] == f"IKU-7 · {madiun['IKU-7'].name_en}"
    assert rows[6][3:] == ["index", "50.00", "2.50 (C-)", "5.00", "Very low"]
    assert "| No | Objective (sasaran)" in text
    assert "| Achievement (%) | Category" in text


def test_issues_are_listed_under_their_table_exactly(madiun: IndicatorSet) -> None:
    data = {"period": [2025, 2026], "psks_diberdayakan": [45, "lima"], "psks": [50, 0]}
    ev = evaluate(madiun["IKU-2"], data, targets={"IKU-2": {2025: 80, 2026: 85}})
    lines = {2025: 2, 2026: 3}  # the rows' lines in the data file, as the command line knows
    report = build_report(ev, madiun, row_names=lambda row: lines[row["period"]])
    text = to_text(report, width=120)
    rows = grid_rows(text)
    name = "IKU-2 · Persentase PSKS yang diberdayakan"
    assert [row[2:] for row in rows] == [
        [name, "%", "80,00", "90,00", "112,50", "Sangat Tinggi"],
        [name, "%", "85,00", "–", "–", "–"],  # not computed: a dash, never 0
    ]
    first, second = text.split("Tahun 2026")
    assert [line for line in first.splitlines() if line.startswith("- ")] == []
    assert "Catatan data" not in first
    assert [line for line in second.splitlines() if line.startswith("- ")] == [
        "- IKU-2: nilai psks_diberdayakan bukan angka ('lima') (baris 3)",
    ]


def test_illustrative_figures_say_so_first_and_last(ev: Evaluation) -> None:
    lines = to_text(build_report(ev, illustrative=True), width=160).splitlines()
    banner = "*** Data ilustrasi, bukan data resmi ***"
    assert lines[1] == banner
    assert lines[-1] == banner
    assert banner not in to_text(ev, width=160)


@settings(max_examples=20, deadline=None)
@given(st.integers(110, 240))
def test_the_table_fits_the_width(ev, width: int) -> None:  # type: ignore[no-untyped-def]
    text = to_text(ev, width=width)
    grid = [line for line in text.splitlines() if line.startswith(("|", "+"))]
    assert grid
    assert max(len(line) for line in grid) <= width
    assert len({len(line) for line in grid}) == 1  # every line of the grid lines up
    assert [row[2].split(" · ")[0] for row in grid_rows(text)] == list(ev.subject.codes)


CAPAIAN = {
    "IKU-1": 95.0,
    "IKU-2": 80.0,
    "IKU-3": 70.0,
    "IKU-4": 55.0,
    "IKU-5": 40.0,
    "IKU-6": 91.0,
    "IKU-7": 76.0,
}
"""A capaian per indicator that puts the seven rows in every predikat band, edges included."""


def test_each_row_shows_its_own_capaian_and_predikat() -> None:
    s = get_set(MADIUN)
    data = sample_data(s)
    values = {r.code: r.value for r in evaluate(s, data).results}
    targets = {code: values[code] * 100 / capaian for code, capaian in CAPAIAN.items()}
    ev = evaluate(s, data, targets=targets)
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in to_text(ev, width=160).splitlines()
        if line.startswith("|") and "RATA-RATA" not in line  # the indicators' rows
    ]
    categories = set()
    for result in ev.results:
        assert result.achievement is not None
        assert result.category is not None
        shown = f"{result.achievement:.2f}".replace(".", ",")
        assert shown == f"{CAPAIAN[result.code]:.2f}".replace(".", ",")
        found = [cells[-1] for cells in rows if cells[-2] == shown]
        assert found == [result.category], f"{result.code}: capaian {shown}"
        categories.add(result.category)
    assert categories == {"Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"}


def test_english_uses_english_headings(ev) -> None:  # type: ignore[no-untyped-def]
    text = to_text(ev, width=160, lang="en")
    assert "Performance indicator" in text
    assert "Achievement (%)" in text
