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

_PERIOD: Final[dict[str, Entry]] = {
    "period.not_a_period": {
        "id": "{value} bukan periode: tulis tahun (2025), triwulan (2025-Q1, TW I 2025) "
        "atau bulan (2025-03)",
        "en": "{value} is not a period: write a year (2025), a quarter (2025-Q1, TW I 2025) "
        "or a month (2025-03)",
    },
    "period.bad_year": {
        "id": "tahun periode harus bilangan bulat 1000 sampai 9999, bukan {value!r}",
        "en": "a period's year is a whole number from 1000 to 9999, not {value!r}",
    },
}

CATALOGUE: Final[Mapping[str, Entry]] = {
    **_DEMO,
    **_PERIOD,
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
