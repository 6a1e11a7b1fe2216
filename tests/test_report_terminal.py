"""The terminal table fits the width it is given, wraps long names and keeps every number."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iku import evaluate, get_set
from iku.report import to_text
from iku.testing import sample_data

MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.fixture(scope="module")
def ev():  # type: ignore[no-untyped-def]
    s = get_set(MADIUN)
    targets = dict.fromkeys(s.codes, 50)
    return evaluate(s, sample_data(s), targets=targets)


@settings(max_examples=20, deadline=None)
@given(st.integers(110, 240))
def test_the_table_fits_the_width(ev, width: int) -> None:  # type: ignore[no-untyped-def]
    text = to_text(ev, width=width)
    grid = [line for line in text.splitlines() if line.startswith(("|", "+"))]
    assert grid
    assert max(len(line) for line in grid) <= width
    assert len({len(line) for line in grid}) == 1  # every line of the grid lines up


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
        if line.startswith("|")
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
