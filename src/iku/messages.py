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

CATALOGUE: Final[Mapping[str, Entry]] = {
    **_DEMO,
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
