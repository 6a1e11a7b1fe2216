"""Words and numbers of the reports: headings in Indonesian and English, numbers for display,
formulas written out in the decree's words.

Numbers are rounded for display only; results keep full precision. Indonesian uses the decimal
comma and the thousands dot, English the other way round:

>>> format_number(1234.5, 2)
'1.234,50'
>>> format_number(1234.5, 2, "en")
'1,234.50'
>>> format_number(None)
'–'
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any, Final

from iku.errors import ArgumentError
from iku.formula import formula_to_text
from iku.messages import CATALOGUE, LANGS, text
from iku.model import Index, Indicator, IndicatorSet, Ratio
from iku.scales import Polarity, Scale

__all__ = [
    "LABELS",
    "MISSING",
    "category_label",
    "check_lang",
    "format_number",
    "formula_words",
    "label",
    "polarity_words",
    "severity_text",
    "source_text",
    "unit_text",
]

MISSING: Final = "–"
"""What a report prints where there is no number."""

LABELS: Final[Mapping[str, Mapping[str, str]]] = {
    lang: {
        key.removeprefix("report."): entry[lang]
        for key, entry in CATALOGUE.items()
        if key.startswith("report.")
    }
    for lang in LANGS
}
"""Headings and fixed words of every report, per language: a view of the ``report.*`` entries
of :data:`iku.messages.CATALOGUE`, where they are written."""


def check_lang(lang: str) -> str:
    """``lang`` if it is a language the reports speak ("id" or "en"), else a ``ValueError``."""
    if lang not in LANGS:
        msg = f"lang must be 'id' or 'en', not {lang!r}"
        raise ArgumentError(msg)
    return lang


def label(key: str, lang: str = "id") -> str:
    """The heading ``key`` in ``lang``.

    >>> label("achievement", "en")
    'Achievement (%)'
    """
    return LABELS[check_lang(lang)][key]


def format_number(value: Any, decimals: int = 2, lang: str = "id") -> str:
    """``value`` rounded to ``decimals`` for display, with the language's separators.

    ``None`` and NaN print as a dash; infinities as ``∞``.

    >>> format_number(90, 2)
    '90,00'
    >>> format_number(-0.001, 2)
    '0,00'
    """
    if value is None:
        return MISSING
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(number):
        return MISSING
    if math.isinf(number):
        return "∞" if number > 0 else "-∞"
    text = f"{number:,.{decimals}f}"
    if text.lstrip("-").strip("0.,") == "":
        text = text.lstrip("-")  # no "-0,00"
    if lang == "id":
        text = text.translate(str.maketrans(",.", ".,"))
    return text


def polarity_words(polarity: Polarity | str, lang: str = "id") -> str:
    """How a polarity reads in a report.

    >>> polarity_words("lower")
    'semakin rendah semakin baik'
    """
    return text(f"report.polarity_{Polarity(polarity).value}", check_lang(lang))


def category_label(scale: Scale, category: str | None, lang: str = "id") -> str:
    """A predikat (or grade) for display: the scale's English label when ``lang="en"``."""
    if category is None:
        return MISSING
    if lang == "en":
        try:
            band = scale.band(category)
        except KeyError:
            return category
        return band.label_en or category
    return category


_TOKEN: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|\s*\*\*\s*|\s*\*\s*|.", re.DOTALL)


def formula_words(
    indicator: Indicator,
    labels: IndicatorSet | Mapping[str, str] | None = None,
    lang: str = "id",
) -> str:
    """The indicator's formula with each variable written as its label (the decree's words).

    ``labels`` is the indicator's set or a mapping of variable code to label; variables without
    one keep their code.

    >>> from iku import get_set
    >>> s = get_set("kota-madiun.dinsosppa.2025-2026")
    >>> formula_words(s["IKU-2"], s)
    '(PSKS yang diberdayakan) / (Jumlah PSKS) × 100'
    """
    words = _labels(labels, lang)
    if isinstance(indicator, Ratio):
        numerator = _part(indicator.numerator_text, words)
        text = f"{numerator} / {_part(indicator.denominator_text, words)}"
        if indicator.factor != 1:
            text += f" × {formula_to_text(indicator.factor)}"
        return text
    if isinstance(indicator, Index) and indicator.formula_text in words:
        return words[indicator.formula_text]
    return _words(indicator.formula_text, words, bracket=len(indicator.variables) > 1)


def _labels(labels: IndicatorSet | Mapping[str, str] | None, lang: str) -> dict[str, str]:
    if labels is None:
        return {}
    if isinstance(labels, IndicatorSet):
        if lang == "en":
            return {v.code: v.label_en or v.label for v in labels.variables}
        return {v.code: v.label for v in labels.variables}
    return dict(labels)


def _part(text: str, words: Mapping[str, str]) -> str:
    """One side of a ratio, bracketed unless it is a single name or number."""
    out = _words(text, words)
    return out if re.fullmatch(r"[\w.]+", text.strip()) else f"({out})"


def _words(text: str, words: Mapping[str, str], *, bracket: bool = True) -> str:
    out: list[str] = []
    for token in _TOKEN.findall(text):
        if token in words:
            out.append(f"({words[token]})" if bracket else words[token])
        elif token.strip() == "**":
            out.append("^")
        elif token.strip() == "*":
            out.append(" × ")
        else:
            out.append(token)
    return "".join(out)


def unit_text(unit: str | None, lang: str = "id") -> str:
    """An indicator's unit in the report's language: the common Indonesian units of an LKjIP
    (``report.unit_*`` in :data:`iku.messages.CATALOGUE`) in English when ``lang="en"``, any
    other unit as written ("" for none).

    >>> unit_text("indeks", "en"), unit_text("%", "en"), unit_text("indeks")
    ('index', '%', 'indeks')
    """
    if not unit:
        return ""
    key = f"report.unit_{unit.strip().lower()}"
    if lang == "en" and key in CATALOGUE:
        return text(key, "en")
    return unit


def severity_text(severity: Any, lang: str = "id") -> str:
    """An issue's severity in words: ``kesalahan``/``peringatan`` (``error``/``warning``).

    >>> severity_text("error"), severity_text("warning", "en")
    ('kesalahan', 'warning')
    """
    key = str(getattr(severity, "value", severity))
    return label(key, lang) if key in ("error", "warning") else key


def source_text(source: Any, lang: str = "id") -> str:
    """A set's source (its decree: title, number(s), date) in the report's language.

    >>> import datetime as dt
    >>> from iku.model import Source
    >>> src = Source("Keputusan Kepala Dinas", numbers=["1/2025", "01/2025"],
    ...              date=dt.date(2025, 1, 2))
    >>> source_text(src, "en")
    'Keputusan Kepala Dinas, No. 1/2025 (also written 01/2025), dated 2 January 2025 (2025-01-02)'
    """
    numbers = tuple(getattr(source, "numbers", ()) or ())
    date = getattr(source, "date", None)
    parts = [str(getattr(source, "title", source))]
    if numbers:
        also = "".join(f" ({label('also_written', lang)} {n})" for n in numbers[1:])
        parts.append(f"{label('number', lang)} {numbers[0]}{also}")
    if date is not None:
        month = text(f"report.month_{date.month}", check_lang(lang))
        parts.append(f"{label('dated', lang)} {date.day} {month} {date.year} ({date})")
    return ", ".join(parts)
