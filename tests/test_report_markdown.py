"""The Markdown report: a table per year with the eight LKjIP columns, the data issues under it,
and each indicator's formula and sumber data."""

from __future__ import annotations

import pytest

from iku import IndicatorSet, evaluate, get_set
from iku.report import to_markdown
from iku.testing import sample_data

MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.fixture(scope="module")
def madiun() -> IndicatorSet:
    return get_set(MADIUN)


def table_rows(text: str) -> list[list[str]]:
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    return [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows]


def test_each_year_has_a_table_with_one_row_per_indicator(madiun: IndicatorSet) -> None:
    data = {**{k: [v, v] for k, v in sample_data(madiun).items()}, "period": [2025, 2026]}
    text = to_markdown(evaluate(madiun, data, targets={"IKU-2": 50}))
    assert text.count("## Tahun 2025") == 1
    assert text.count("## Tahun 2026") == 1
    rows = table_rows(text)
    assert rows[0] == [
        "No",
        "Sasaran",
        "Indikator Kinerja",
        "Satuan",
        "Target",
        "Realisasi",
        "Capaian (%)",
        "Predikat",
    ]
    # the LKjIP tables, without the comparison across years under the second year's
    body = [r for r in rows if r[0] not in ("No", "---:") and len(r) == 8]
    indicators = [r for r in body if not r[2].startswith("**RATA-RATA")]
    assert len(indicators) == 2 * len(madiun)
    assert [r[0] for r in indicators[:7]] == ["1", "2", "3", "4", "", "5", "6"]  # S-4: 2 rows
    # each sasaran ends with its RATA-RATA row, each year with the mean of every IKU
    means = [r[2] for r in body if r[2].startswith("**RATA-RATA")]
    assert len(means) == 2 * (len(madiun.sasaran) + 1)
    assert means[1] == "**RATA-RATA**"  # S-2: IKU-2 has a target, so a capaian
    assert means[0] == "**RATA-RATA (0 dari 1 indikator)**"  # S-1: no target, no capaian
    assert means[len(madiun.sasaran)] == "**RATA-RATA SELURUH IKU (1 dari 7 indikator)**"


def test_definitions_give_formula_in_words_and_symbols_and_sumber_data(madiun) -> None:
    text = to_markdown(evaluate(madiun, sample_data(madiun)))
    assert "### IKU-6 · Persentase pengaduan tindak kekerasan yang diselesaikan" in text
    assert (
        "- **Rumus (uraian)**: (Jumlah kasus pengaduan yang diselesaikan) / "
        "(Jumlah kasus pengaduan) × 100" in text
    )
    assert "- **Rumus (simbol)**: `pengaduan_diselesaikan / pengaduan * 100`" in text
    assert "- **Sumber data**: Laporan Pusat Pelayanan Terpadu" in text


def test_issues_are_listed_under_their_table_in_plain_words(madiun) -> None:
    data = {"period": [2025], "psks_diberdayakan": ["banyak"], "psks": [50]}
    text = to_markdown(evaluate(madiun["IKU-2"], data), madiun, lang="en")
    section = text.split("## Year 2025")[1].split("## Indicator definitions")[0]
    assert "**Data issues**" in section
    assert "- IKU-2: psks_diberdayakan is not a number ('banyak')" in section


def test_a_clean_table_says_there_are_no_issues(madiun) -> None:
    ev = evaluate(madiun["IKU-2"], {"psks_diberdayakan": 4, "psks": 5}, targets={"IKU-2": 80})
    assert "Tidak ada masalah data." in to_markdown(ev, madiun)


def test_a_pipe_in_a_name_cannot_break_the_table() -> None:
    from iku import Ratio, Variable

    ind = Ratio("X|1", "a | b", Variable("a", "A"), Variable("b", "B"))
    text = to_markdown(evaluate(ind, {"a": 1, "b": 2}))
    row = next(line for line in text.splitlines() if line.startswith("| 1 |"))
    assert row.count(" | ") == 7
