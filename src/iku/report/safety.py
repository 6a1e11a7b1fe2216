"""Text made safe for the files a spreadsheet opens: one rule, used by every CSV iku writes.

A spreadsheet program reads a CSV cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula, so a key or label such as ``=HYPERLINK(...)`` taken from an
uploaded file would run when the file is opened. Following OWASP's guidance on CSV injection,
such a text cell is written with a leading apostrophe, which the spreadsheet shows as text.
Numbers are left alone (``-5`` is a number, not a formula).

>>> csv_cell("=1+1"), csv_cell("Taman"), csv_cell("-"), csv_cell("")
("'=1+1", 'Taman', "'-", '')
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["CSV_PATTERN", "CSV_PREFIX", "CSV_TRIGGERS", "csv_cell"]

CSV_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula."""

CSV_PREFIX: Final = "'"
"""What is put before such a cell."""

CSV_PATTERN: Final = "^[" + "".join(re.escape(c) for c in CSV_TRIGGERS) + "]"
"""A regular expression matching a text that needs :data:`CSV_PREFIX` (for column-wise use,
as in ``pyarrow.compute.match_substring_regex`` or polars' ``str.contains``)."""


def csv_cell(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet shows as text, never runs as a formula."""
    return CSV_PREFIX + text if text.startswith(CSV_TRIGGERS) else text
