"""Rich display in notebooks: HTML for sets, indicators and evaluations, LaTeX for formulas.

Jupyter calls ``_repr_html_`` and ``_repr_latex_`` on the objects; these functions are what they
return, and can be called directly too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import sympy

from iku.model import Index, Indicator, IndicatorSet, Ratio
from iku.report.html import evaluation_html
from iku.report.safety import html_text, one_line
from iku.report.text import (
    MISSING,
    format_number,
    formula_words,
    label,
    polarity_words,
    unit_text,
)

__all__ = ["evaluation_html", "indicator_html", "indicator_latex", "set_html"]

_STYLE: Final = (
    "<style>.iku-table th{text-align:left}.iku-table td{vertical-align:top}"
    ".iku-table code{font-size:.85em}</style>"
)


def set_html(s: IndicatorSet, *, lang: str = "id") -> str:
    """An HTML table of the set: each sasaran and its indicators, with formula, unit, polarity
    and sumber data.

    >>> import iku
    >>> page = set_html(iku.get_set("kota-madiun.dinsosppa.2025-2026"))
    >>> page.count('<tr class="indicator"')
    7
    """
    e = html_text
    heads = ["no", "sasaran", "code", "indicator", "formula", "unit", "polarity", "source_data"]
    out = [
        _STYLE,
        f"<p><strong>{e(s.label(lang))}</strong><br>{e(s.id)} · "
        f"{e(', '.join(str(y) for y in s.period))}</p>",
        '<table class="iku-table"><thead><tr>'
        + "".join(f"<th>{e(label(h, lang))}</th>" for h in heads)
        + "</tr></thead><tbody>",
    ]
    for number, sas in enumerate(s.sasaran, start=1):
        for n, ind in enumerate(sas.indicators):
            span = len(sas.indicators)
            cells = ""
            if n == 0:
                cells = f'<td rowspan="{span}">{number}</td><td rowspan="{span}">'
                cells += f"{e(sas.label(lang))}</td>"
            out.append(f'<tr class="indicator">{cells}{_indicator_cells(ind, s, lang)}</tr>')
    out.append("</tbody></table>")
    return "".join(out)


def _indicator_cells(ind: Indicator, s: IndicatorSet | None, lang: str) -> str:
    e = html_text
    return (
        f"<td>{e(ind.code)}</td><td>{e(ind.label(lang))}</td>"
        f"<td>{e(formula_words(ind, s, lang))}<br><code>{e(ind.formula_text)}</code></td>"
        f"<td>{e(unit_text(ind.unit, lang) or MISSING)}</td>"
        f"<td>{e(polarity_words(ind.polarity, lang))}</td>"
        f"<td>{e(ind.source_data or MISSING)}</td>"
    )


def indicator_html(ind: Indicator, s: IndicatorSet | None = None, *, lang: str = "id") -> str:
    """One indicator as a small HTML table: code, name, formula (in the set's words when ``s``
    is given), unit, polarity, sumber data and, for an index, its scale.

    >>> import iku
    >>> s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
    >>> "PSKS yang diberdayakan" in indicator_html(s["IKU-2"], s)
    True
    """
    e = html_text
    rows = [
        (label("code", lang), ind.code),
        (label("indicator", lang), ind.label(lang)),
        (label("formula_words", lang), formula_words(ind, s, lang)),
        (label("formula_symbols", lang), ind.formula_text),
        (label("unit", lang), unit_text(ind.unit, lang) or MISSING),
        (label("polarity", lang), polarity_words(ind.polarity, lang)),
        (label("source_data", lang), ind.source_data or MISSING),
    ]
    if isinstance(ind, Index):
        lo, hi = ind.bounds
        rows.append(
            (label("scale", lang), f"{format_number(lo, 2, lang)} – {format_number(hi, 2, lang)}")
        )
        if ind.grades is not None:
            rows.append((label("grades", lang), ind.grades.name))
    body = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in rows)
    return f'{_STYLE}<table class="iku-table">{body}</table>'


_LATEX_SPECIAL: Final = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\^{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\~{}",
}


def _latex_text(text: str) -> str:
    return r"\text{" + "".join(_LATEX_SPECIAL.get(c, c) for c in one_line(text)) + "}"


def indicator_latex(ind: Indicator, labels: IndicatorSet | Mapping[str, str] | None = None) -> str:
    r"""The indicator's formula in LaTeX, ``$...$`` for notebooks; each variable written as its
    code, or as its label (the decree's words) when ``labels`` is the set or a mapping of code
    to label.

    >>> import iku
    >>> s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
    >>> indicator_latex(s["IKU-2"])
    '$\\displaystyle \\frac{\\mathit{psks\\_diberdayakan}}{\\mathit{psks}} \\times 100$'
    >>> indicator_latex(s["IKU-2"], s)
    '$\\displaystyle \\frac{\\text{PSKS yang diberdayakan}}{\\text{Jumlah PSKS}} \\times 100$'
    """
    if isinstance(labels, IndicatorSet):
        words = {v.code: v.label for v in labels.variables}
    else:
        words = dict(labels or {})
    names = {
        sympy.Symbol(code): (
            _latex_text(words[code])
            if code in words
            else r"\mathit{" + code.replace("_", r"\_") + "}"
        )
        for code in ind.variables
    }
    if isinstance(ind, Ratio):
        num = sympy.latex(ind.numerator, symbol_names=names)
        den = sympy.latex(ind.denominator, symbol_names=names)
        body = rf"\frac{{{num}}}{{{den}}}"
        if ind.factor != 1:
            body += rf" \times {sympy.latex(ind.factor)}"
    else:
        body = sympy.latex(ind.formula, symbol_names=names)
    return rf"$\displaystyle {body}$"
