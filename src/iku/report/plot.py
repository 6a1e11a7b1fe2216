"""Capaian per indicator as a matplotlib bar chart, for notebooks and scripts.

Every label is put on one line with its control characters shown and its ``$`` escaped
(:func:`iku.report.safety.plot_text`), so no name or key can start mathtext; illustrative
figures say so under the title.
"""

from __future__ import annotations

from typing import Any

from iku.optional import require
from iku.report.html import band_colour
from iku.report.safety import plot_text
from iku.report.table import as_report
from iku.report.text import category_label, format_number, label

__all__ = ["plot_evaluation"]


def plot_evaluation(
    evaluation: Any, subject: Any = None, *, ax: Any = None, lang: str = "id"
) -> Any:
    """Draw the capaian of every indicator as horizontal bars and return the matplotlib Axes.

    One group of bars per indicator, one bar per table of the report (per period, and per unit
    when evaluated by unit), coloured by predikat, with a dashed line at 100 %. A missing capaian
    has no bar but keeps its label, so nothing silently disappears.

    >>> import iku
    >>> s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
    >>> ev = iku.evaluate(s["IKU-2"], {"psks_diberdayakan": 45, "psks": 50}, targets={"IKU-2": 80})
    >>> ax = plot_evaluation(ev, s)
    >>> len(ax.patches), ax.get_yticklabels()[0].get_text()
    (1, 'IKU-2')
    """
    plt = require("matplotlib.pyplot", "plot")
    patch = require("matplotlib.patches", "plot").Patch
    report = as_report(evaluation, subject, lang=lang)
    tables = report.tables
    codes = [row.code for row in report.definitions]
    ticks = [plot_text(code) for code in codes]
    if ax is None:
        height = 1.0 + 0.35 * max(len(codes), 1) * max(len(tables), 1)
        _, ax = plt.subplots(figsize=(9, min(height, 30)))
    step = 0.8 / max(len(tables), 1)
    for t, table in enumerate(tables):
        for row in table.rows:
            y = codes.index(row.code) + (t - (len(tables) - 1) / 2) * step
            tag = plot_text(table.title()) if len(tables) > 1 else ""
            if row.achievement is None:
                ax.text(0, y, f" {tag} –".strip(), va="center", fontsize=8, color="#555")
                continue
            colour = band_colour(row.indicator.categories, row.category)
            ax.barh(y, row.achievement, height=step * 0.9, color=colour, edgecolor="#555")
            text = f"{format_number(row.achievement, 2, report.lang)} %"
            ax.text(
                max(row.achievement, 0),
                y,
                f"  {text} {tag}".rstrip(),
                va="center",
                fontsize=8,
            )
    ax.axvline(100, color="#1b1b1b", linestyle="--", linewidth=1)
    ax.set_yticks(range(len(codes)), ticks)
    ax.invert_yaxis()
    ax.set_xlabel(label("achievement", report.lang))
    if report.illustrative:
        title = f"{label('chart', report.lang)}\n{report.illustrative_text()}"
        ax.set_title(title, color="#b35806", fontweight="bold")
    else:
        ax.set_title(label("chart", report.lang))
    scale = report.definitions[0].indicator.categories if report.definitions else None
    if scale is not None:
        handles = [
            patch(
                facecolor=band_colour(scale, band.label),
                edgecolor="#555",
                label=plot_text(category_label(scale, band.label, report.lang)),
            )
            for band in scale.bands
        ]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    ax.margins(x=0.15)
    return ax
