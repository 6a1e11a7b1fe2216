"""The quick-start notebook runs from top to bottom in a real kernel and shows what it promises;
the objects display themselves richly in a notebook."""

from __future__ import annotations

from pathlib import Path

import nbformat
import openpyxl
import pytest
from nbclient import NotebookClient

from iku import evaluate, get_set
from iku.report import indicator_html, indicator_latex, set_html

NOTEBOOK = Path(__file__).parent.parent / "examples" / "quickstart.ipynb"
MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.mark.slow
@pytest.mark.notebook
def test_the_quickstart_notebook_runs_and_exports_the_report(tmp_path: Path) -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any(h.count('<tr class="indicator"') == 7 for h in html)  # the set
    assert any('class="iku-report"' in h and h.count('<g class="bar"') == 14 for h in html)
    assert any("text/latex" in o.get("data", {}) for o in outputs)
    assert any("image/png" in o.get("data", {}) for o in outputs)  # ev.plot()
    page = (tmp_path / "laporan.html").read_text(encoding="utf-8")
    assert page.count('<tr class="indicator') == 14
    assert openpyxl.load_workbook(tmp_path / "laporan.xlsx").sheetnames[0] == "laporan"
    assert "## Tahun 2026" in (tmp_path / "laporan.md").read_text(encoding="utf-8")


def test_a_set_and_an_indicator_display_as_html() -> None:
    s = get_set(MADIUN)
    assert s._repr_html_() == set_html(s)
    assert s._repr_html_().count('<tr class="indicator"') == len(s)
    assert s["IKU-7"]._repr_html_() == indicator_html(s["IKU-7"])
    assert "IPP_GRADES" in s["IKU-7"]._repr_html_()


def test_an_indicator_formula_displays_as_latex_with_codes_or_labels() -> None:
    s = get_set(MADIUN)
    assert s["IKU-6"]._repr_latex_() == (
        r"$\displaystyle \frac{\mathit{pengaduan\_diselesaikan}}{\mathit{pengaduan}} \times 100$"
    )
    labelled = indicator_latex(s["IKU-4"], s)
    assert r"\text{Jumlah Perempuan Usia Produktif (15-64 Tahun)}" in labelled
    assert indicator_latex(s["IKU-7"], {"ipp": "skor 100% & lebih_baik"}) == (
        r"$\displaystyle \text{skor 100\% \& lebih\_baik}$"
    )


def test_an_evaluation_displays_its_tables_scoped_inside_its_own_div() -> None:
    s = get_set(MADIUN)
    ev = evaluate(s["IKU-2"], {"psks_diberdayakan": 45, "psks": 50}, targets={"IKU-2": 80})
    page = ev._repr_html_()
    assert page.startswith("<style>")
    assert '<div class="iku-report">' in page
    assert "<body" not in page
    assert page.count('<g class="bar"') == 1


def test_evaluation_plot_returns_the_axes() -> None:
    s = get_set(MADIUN)
    ev = evaluate(s, {"psks_diberdayakan": 45, "psks": 50, "ipp": 4.0}, targets={"IKU-2": 80})
    ax = ev.plot()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == list(s.codes)
    assert len(ax.patches) == 1  # only IKU-2 has a capaian (the others have no target)
    assert ax.lines[0].get_xdata()[0] == 100  # the 100 % line


def test_a_notebook_shows_a_dozen_tables_at_most_and_counts_the_rest() -> None:
    s = get_set(MADIUN)
    units = [f"u{n}" for n in range(20)]
    data = {"unit": units, "psks_diberdayakan": [1] * 20, "psks": [2] * 20}
    page = evaluate(s["IKU-2"], data, by="unit")._repr_html_()
    assert page.count('<section class="period"') == 12
    assert "dan 8 tabel lain tidak ditampilkan" in page
