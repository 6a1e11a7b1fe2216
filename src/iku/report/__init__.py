"""Reports of an evaluation the way an LKjIP prints them, and displays for notebooks.

Every format lays out the same rows (:func:`build_report`): per year, No, Sasaran, Indikator
Kinerja, Satuan, Target, Realisasi, Capaian (%), Predikat, with each indicator's formula and
sumber data, and the data issues in plain words under the table. Numbers are rounded for display
only. Indonesian by default, English with ``lang="en"``.

- :func:`to_markdown`: Markdown text;
- :func:`to_html`: one self-contained HTML page (tables, an SVG chart, issues), offline;
- :func:`write_excel`: an ``.xlsx`` with the formatted report and the raw results;
- :func:`to_text`: a plain-text table for a terminal;
- :func:`plot_evaluation`: a matplotlib chart of capaian per indicator;
- :func:`write_template`: an Excel input template for a set, to fill in by hand;
- :mod:`iku.report.export`: the results as CSV or JSON text (``--format csv``/``json``).

Text from a set or a data file is made harmless in each format (:mod:`iku.report.safety`): no
formula in Excel or CSV, no markup in Markdown or HTML, no control character anywhere; and a
report of example data says so (``build_report(..., illustrative=True)``).

>>> import iku
>>> from iku.report import to_markdown
>>> s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
>>> ev = iku.evaluate(s["IKU-2"], {"psks_diberdayakan": 45, "psks": 50}, targets={"IKU-2": 80})
>>> row = "| IKU-2 · Persentase PSKS yang diberdayakan | % | 80,00 | 90,00 | 112,50 |"
>>> row in to_markdown(ev, s)
True

matplotlib and openpyxl are imported only by the functions that need them.
"""

from __future__ import annotations

from iku.report.display import evaluation_html, indicator_html, indicator_latex, set_html
from iku.report.excel import write_excel, write_template
from iku.report.html import to_html
from iku.report.markdown import to_markdown
from iku.report.plot import plot_evaluation
from iku.report.table import (
    Report,
    ReportRow,
    ReportTable,
    build_report,
    records,
    result_records,
)
from iku.report.terminal import to_text
from iku.report.text import format_number, formula_words

__all__ = [
    "Report",
    "ReportRow",
    "ReportTable",
    "build_report",
    "evaluation_html",
    "format_number",
    "formula_words",
    "indicator_html",
    "indicator_latex",
    "plot_evaluation",
    "records",
    "result_records",
    "set_html",
    "to_html",
    "to_markdown",
    "to_text",
    "write_excel",
    "write_template",
]
