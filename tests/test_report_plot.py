"""The capaian chart: one bar per indicator and period, coloured by predikat, the 100 % line,
and nothing dropped when a capaian is missing."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import pytest

from iku import evaluate, get_set
from iku.report import plot_evaluation
from iku.report.html import PALETTE

matplotlib.use("Agg")

MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.fixture(scope="module")
def ev():  # type: ignore[no-untyped-def]
    s = get_set(MADIUN)
    data = {"period": [2025, 2026], "psks_diberdayakan": [45, 20], "psks": [50, 0], "ipp": [4, 4]}
    return evaluate(s, data, targets={"IKU-2": 80, "IKU-7": 4})


def test_one_bar_per_capaian_coloured_by_predikat(ev) -> None:  # type: ignore[no-untyped-def]
    ax = plot_evaluation(ev)
    colours = sorted(matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches)
    # IKU-2 2025 (112.5 %), IKU-7 in both years (100 %); IKU-2 2026 divides by zero
    assert colours == [PALETTE[0]] * 3
    widths = sorted(round(p.get_width(), 2) for p in ax.patches)
    assert widths == [100.0, 100.0, 112.5]
    texts = [t.get_text() for t in ax.texts]
    assert "Tahun 2026 –" in texts  # the missing capaian keeps its label
    plt.close(ax.figure)


def test_draws_on_a_given_axes_in_english(ev) -> None:  # type: ignore[no-untyped-def]
    fig, given = plt.subplots()
    ax = plot_evaluation(ev, ax=given, lang="en")
    assert ax is given
    assert ax.get_xlabel() == "Achievement (%)"
    assert [t.get_text() for t in ax.get_legend().get_texts()][:2] == ["Very high", "High"]
    plt.close(fig)
