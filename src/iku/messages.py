"""Every text iku shows a person, in Indonesian and English: one catalogue.

A message is one entry: a dotted key (``"<area>.<name>"``) mapped to its text in each language,
with ``{fields}`` filled in by :func:`text`. Indonesian (``"id"``) is the default language and
English (``"en"``) is always available; ``tests/test_messages.py`` checks that every key has
both and that both name the same fields.

>>> text("demo.greeting", name="Madiun")
'Selamat datang, Madiun'
>>> text("demo.greeting", "en", name="Madiun")
'Welcome, Madiun'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

__all__ = ["CATALOGUE", "LANGS", "both", "text"]

LANGS: Final = ("id", "en")
"""The languages of every message: Indonesian first (the default), then English."""

Entry = Mapping[str, str]
"""One message: its text per language."""

# Each area of the library keeps its messages in its own block below, keyed "<area>.<name>".

_DEMO: Final[dict[str, Entry]] = {
    "demo.greeting": {"id": "Selamat datang, {name}", "en": "Welcome, {name}"},
}

_ISSUE: Final[dict[str, Entry]] = {
    # issue.<code>: the message of an issue code; issue.<code>.<variant>: a more precise one
    "issue.missing_value": {
        "id": "nilai {variable} tidak ada",
        "en": "{variable} has no value",
    },
    "issue.missing_value.column": {
        "id": "kolom {variable} tidak ada dalam data, sehingga tidak ada baris yang bernilai",
        "en": "the data has no column {variable}, so no row has a value for it",
    },
    "issue.not_finite": {
        "id": "nilai {variable} bukan bilangan terhingga ({value})",
        "en": "{variable} is not a finite number ({value})",
    },
    "issue.not_finite.value": {
        "id": "nilai indikator tidak terhingga ({value}), sehingga tidak dapat dipakai",
        "en": "the indicator's value is not finite ({value}), so it cannot be used",
    },
    "issue.not_a_number": {
        "id": "nilai {variable} bukan angka ({value})",
        "en": "{variable} is not a number ({value})",
    },
    "issue.not_a_number.target": {
        "id": "target untuk periode {period} bukan angka ({value})",
        "en": "the target for period {period} is not a number ({value})",
    },
    "issue.not_a_number.target_no_period": {
        "id": "target bukan angka ({value})",
        "en": "the target is not a number ({value})",
    },
    "issue.negative_value": {
        "id": "nilai {variable} negatif ({value}), padahal jumlah tidak boleh kurang dari nol",
        "en": "{variable} is negative ({value}); a count or amount cannot be below zero",
    },
    "issue.not_integer": {
        "id": "nilai {variable} harus bilangan bulat, bukan {value}",
        "en": "{variable} is a count and must be a whole number, not {value}",
    },
    "issue.out_of_scale": {
        "id": "nilai {variable} ({value}) di luar skala {lo} sampai {hi}",
        "en": "{variable} ({value}) is outside its scale {lo} to {hi}",
    },
    "issue.out_of_scale.value": {
        "id": "nilai indikator ({value}) di luar skala {lo} sampai {hi}",
        "en": "the indicator's value ({value}) is outside its scale {lo} to {hi}",
    },
    "issue.denominator_zero": {
        "id": "penyebut {variable} bernilai nol, sehingga nilai tidak dapat dihitung",
        "en": "the denominator {variable} is zero, so no value can be computed",
    },
    "issue.denominator_zero.in_sum": {
        "id": (
            "penyebut {variable} pada baris ini bernilai nol: rasio baris ini tidak dapat "
            "dihitung, tetapi angkanya tetap dijumlahkan"
        ),
        "en": (
            "the denominator {variable} of this row is zero: the row's own ratio cannot be "
            "computed, but its numbers are still summed"
        ),
    },
    "issue.numerator_exceeds_denominator": {
        "id": "pembilang ({numerator}) lebih besar dari penyebut ({denominator})",
        "en": "the numerator ({numerator}) is larger than the denominator ({denominator})",
    },
    "issue.numerator_exceeds_denominator.in_sum": {
        "id": (
            "pembilang ({numerator}) lebih besar dari penyebut ({denominator}) pada baris ini, "
            "sehingga jumlahnya tidak dapat dipakai"
        ),
        "en": (
            "the numerator ({numerator}) is larger than the denominator ({denominator}) in "
            "this row, so the sum cannot be used"
        ),
    },
    "issue.missing_target": {
        "id": "tidak ada target untuk periode {period}",
        "en": "no target for period {period}",
    },
    "issue.missing_target.none": {
        "id": "tidak ada target untuk indikator ini",
        "en": "no target was given for this indicator",
    },
    "issue.missing_target.no_period": {
        "id": (
            "target ditetapkan per tahun ({years}), tetapi periode data tidak diketahui: "
            "beri kolom period atau argumen period"
        ),
        "en": (
            "targets are given per year ({years}) but the data has no period: "
            "add a period column or pass period="
        ),
    },
    "issue.missing_target.duplicate": {
        "id": "target untuk periode {period} diberikan lebih dari sekali, sehingga tidak dipakai",
        "en": "the target for period {period} is given more than once, so none is used",
    },
    "issue.zero_target": {
        "id": "target bernilai nol, sehingga capaian tidak dapat dihitung",
        "en": "the target is zero, so no achievement can be computed",
    },
    "issue.duplicate_target": {
        "id": "target untuk periode {period} diberikan lebih dari sekali ({values})",
        "en": "the target for period {period} is given more than once ({values})",
    },
    "issue.unknown_indicator": {
        "id": "target diberikan untuk {indicator}, yang bukan indikator dari set ini",
        "en": "a target is given for {indicator}, which is not an indicator of this set",
    },
    "issue.unknown_indicator.hint": {
        "id": (
            "target diberikan untuk {indicator}, yang bukan indikator dari set ini "
            "(mungkin maksudnya {match}?)"
        ),
        "en": (
            "a target is given for {indicator}, which is not an indicator of this set "
            "(did you mean {match}?)"
        ),
    },
    "issue.unknown_variable": {
        "id": "kolom {variable} bukan variabel dari set ini",
        "en": "column {variable} is not a variable of this set",
    },
    "issue.duplicate_column": {
        "id": "kolom {variable} muncul {count} kali, sehingga tidak jelas mana yang dipakai",
        "en": "column {variable} appears {count} times, so which one to use is unclear",
    },
    "issue.ambiguous_number": {
        "id": "{value} dapat dibaca sebagai {one} atau {other}: tulis angka tanpa keraguan",
        "en": "{value} reads as {one} or as {other}: write the number unambiguously",
    },
    "issue.unreadable_cell": {
        "id": "sel tidak dapat dibaca ({value})",
        "en": "the cell cannot be read ({value})",
    },
}

CATALOGUE: Final[Mapping[str, Entry]] = {
    **_DEMO,
    **_ISSUE,
}
"""Every message of iku: key to ``{"id": ..., "en": ...}``."""


def text(key: str, lang: str = "id", /, **fields: Any) -> str:
    """The message ``key`` in ``lang`` ("id" or "en"; anything else falls back to "id"), with
    ``fields`` filled in."""
    entry = CATALOGUE[key]
    return entry.get(lang, entry["id"]).format(**fields)


def both(key: str, /, **fields: Any) -> tuple[str, str]:
    """The message ``key`` in Indonesian and in English, as ``(id, en)``."""
    entry = CATALOGUE[key]
    return entry["id"].format(**fields), entry["en"].format(**fields)
