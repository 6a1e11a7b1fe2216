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

_RULES: Final[dict[str, Entry]] = {
    "rules.heading": {"id": "Aturan capaian: {clauses}.", "en": "Capaian rules: {clauses}."},
    "rules.default": {
        "id": "Aturan capaian: PermenPANRB 8/2021 (bawaan)",
        "en": "Capaian rules: PermenPANRB 8/2021 (the default)",
    },
    "rules.indicator": {"id": "Aturan capaian", "en": "Capaian rules"},
    "rules.lower_inverse": {
        "id": "capaian indikator semakin rendah semakin baik = target / realisasi × 100",
        "en": "the capaian of a lower-is-better indicator is target / realisasi × 100",
    },
    "rules.lower_reflect": {
        "id": (
            "capaian indikator semakin rendah semakin baik = "
            "(2 × target − realisasi) / target × 100"
        ),
        "en": (
            "the capaian of a lower-is-better indicator is (2 × target − realisasi) / target × 100"
        ),
    },
    "rules.cap": {
        "id": "capaian paling tinggi {value} %",
        "en": "capaian is capped at {value} %",
    },
    "rules.floor": {
        "id": "capaian paling rendah {value} %",
        "en": "capaian is floored at {value} %",
    },
    "rules.value_decimals": {
        "id": "realisasi {mode} menjadi {value} desimal sebelum capaian dihitung",
        "en": "realisasi is {mode} to {value} decimals before the capaian is computed",
    },
    "rules.achievement_decimals": {
        "id": "capaian {mode} menjadi {value} desimal",
        "en": "capaian is {mode} to {value} decimals",
    },
    "rules.mode_half_up": {"id": "dibulatkan (setengah ke atas)", "en": "rounded (half up)"},
    "rules.mode_half_even": {
        "id": "dibulatkan (setengah ke genap)",
        "en": "rounded (half to even)",
    },
    "rules.mode_truncate": {"id": "dipotong", "en": "truncated"},
    "rules.sasaran_mean": {
        "id": "capaian sasaran = rata-rata capaian indikatornya",
        "en": "a sasaran's capaian is the mean of its indicators' capaian",
    },
    "rules.sasaran_weighted": {
        "id": "capaian sasaran = rata-rata tertimbang (bobot indikator)",
        "en": "a sasaran's capaian is the mean weighted by the indicators' weights",
    },
    "rules.given": {
        "id": "* realisasi diisi langsung, tidak dihitung dari komponennya",
        "en": "* realisasi given directly, not computed from its parts",
    },
    "rules.sasaran_row": {"id": "RATA-RATA", "en": "AVERAGE"},
    "rules.total_row": {"id": "RATA-RATA SELURUH IKU", "en": "AVERAGE OF ALL IKU"},
}

CATALOGUE: Final[Mapping[str, Entry]] = {
    **_DEMO,
    **_RULES,
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
