"""What a cell's text says before any number is read from it: nothing (a missing value), or
something iku will not take in (a control character, a formula, a spreadsheet's error value).

>>> is_missing_text(" N/A "), is_missing_text("0")
(True, False)
>>> unreadable("=HYPERLINK(\\"http://x\\")", formulas=True), unreadable("#DIV/0!")
('formula', 'error')
>>> unreadable("Taman\\x1b[2J"), unreadable("=1+1") is None  # a CSV has no formulas
('control', True)
>>> unreadable("Taman") is None
True
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "EXCEL_ERRORS",
    "MISSING_TEXT",
    "MISSING_VARIANTS",
    "is_missing_text",
    "shown",
    "unreadable",
]

MISSING_TEXT: Final = frozenset({"", "na", "n/a", "nan", "null", "none", "-", "–", "—"})
"""Texts (stripped, in any case) that mean "no value": an empty cell, ``NA``, ``NaN``, a dash.
``nan`` is among them on purpose: in a file, the text ``nan`` is what a program wrote for a
value it did not have, so it is a missing value, never the number NaN."""

MISSING_VARIANTS: Final = tuple(
    sorted({form for word in MISSING_TEXT for form in (word, word.upper(), word.title())} | {"NaN"})
)
"""The usual spellings of :data:`MISSING_TEXT`, for readers that compare texts exactly (the
others are caught when the text is looked at one by one)."""

EXCEL_ERRORS: Final = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
    }
)
"""The values a spreadsheet shows for a formula that failed."""

_CONTROL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters no cell of data holds: C0 and C1 controls (escape sequences reach a terminal
through them) and the bidirectional overrides that make text read in another order than it is.
Tab and line breaks are allowed: a cell may hold several lines."""

CONTROL_PATTERN: Final = _CONTROL.pattern
"""The same characters, for a vectorised regular expression (RE2 takes the same class)."""


def is_missing_text(text: str) -> bool:
    """True when ``text`` means "no value" (see :data:`MISSING_TEXT`)."""
    return text.strip().lower() in MISSING_TEXT


def unreadable(text: str, *, formulas: bool = False) -> str | None:
    """Why iku will not take the text of a cell in: ``"control"`` (a control character),
    ``"error"`` (a spreadsheet's error value), and with ``formulas`` (a workbook's cell)
    ``"formula"`` (a formula written as text, which the spreadsheet runs once the cell is
    edited); None when the text is fine. A CSV has no formulas: its ``=...`` is text, which
    every report iku writes neutralises."""
    stripped = text.strip()
    if formulas and stripped.startswith("="):
        return "formula"
    if stripped in EXCEL_ERRORS:
        return "error"
    if _CONTROL.search(text):
        return "control"
    return None


def shown(text: str, limit: int = 40) -> str:
    """``text`` quoted for a message: control characters escaped, at most ``limit`` characters.

    >>> shown("1.500"), shown("a\\x1bb"), len(shown("x" * 50))
    ("'1.500'", "'a\\\\x1bb'", 42)
    """
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(text)
