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


def test_every_indicator_and_its_capaian_is_shown(ev) -> None:  # type: ignore[no-untyped-def]
    text = to_text(ev, width=160)
    for result in ev.results:
        assert f"{result.achievement:.2f}".replace(".", ",") in text
    assert text.count("| Sangat") + text.count("| Tinggi") + text.count("| Sedang") >= 1


def test_english_uses_english_headings(ev) -> None:  # type: ignore[no-untyped-def]
    text = to_text(ev, width=160, lang="en")
    assert "Performance indicator" in text
    assert "Achievement (%)" in text
