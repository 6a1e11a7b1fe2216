"""Text from a file made harmless in every output format.

A report prints text that came from outside: the names of a set file, the key values of a data
file, the text of a cell quoted in an issue. A government app runs iku on files uploaded by many
offices, so that text may be hostile. Each format has its own way to turn text into something
live, and this module neutralises each, in one place:

- **control characters** (C0, DEL, C1: ``ESC`` starts a terminal escape sequence, ``NUL`` makes
  an Excel file unwritable) and the **bidirectional overrides** (``U+202E`` reverses what follows,
  "Trojan Source") are shown, never passed on: a C0 character as its symbol from Unicode's
  Control Pictures (``\\x1b`` as ``␛``), the others as ``U+FFFD`` (``�``). Tab and newline stay
  where a format can hold them (:func:`visible`), and become spaces where it cannot
  (:func:`one_line`);
- **CSV**: a cell starting with ``= + - @``, a tab or a carriage return is a formula to a
  spreadsheet that opens the file; it gets a leading ``'`` as OWASP's CSV-injection guidance
  says (:func:`csv_cell`);
- **Excel**: a text starting with ``=`` would be written as a formula: it is written as a text
  cell, with Excel's quote prefix so that editing the cell keeps it text (``report/excel.py``,
  with :data:`FORMULA_START` and :func:`excel_text`);
- **Markdown**: raw HTML, links, emphasis, code spans and table pipes are escaped, and a newline
  cannot start a line of its own (:func:`markdown_text`, :func:`markdown_code`);
- **HTML**: every text is escaped (:func:`html_text`);
- **JSON**: the characters JSON lets through raw (C1, DEL, bidirectional overrides, line and
  paragraph separators) are written as ``\\u`` escapes, so the data is kept exactly
  (:func:`json_text`);
- **matplotlib**: a ``$`` would start mathtext (a parse error when drawing): it is escaped
  (:func:`plot_text`).

>>> visible("red \\x1b[31m alert\\x07")
'red ␛[31m alert␇'
>>> csv_cell('=HYPERLINK("http://x","y")')
'\\'=HYPERLINK("http://x","y")'
>>> markdown_text("<script>| a |")
'\\\\<script\\\\>\\\\| a \\\\|'
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from typing import Any, Final

__all__ = [
    "CSV_FORMULA_START",
    "CSV_PATTERN",
    "CSV_PREFIX",
    "CSV_TRIGGERS",
    "EXCEL_CELL_LIMIT",
    "FORMULA_START",
    "PLOT_LABEL_LIMIT",
    "csv_cell",
    "excel_text",
    "html_text",
    "json_text",
    "markdown_code",
    "markdown_text",
    "one_line",
    "plot_text",
    "visible",
]

FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula (OWASP)."""
CSV_FORMULA_START: Final = FORMULA_START
"""Alias of :data:`FORMULA_START`, for the CSV writers."""
CSV_TRIGGERS: Final = FORMULA_START
"""Alias of :data:`FORMULA_START` (the columnar CSV writer's name)."""
CSV_PREFIX: Final = "'"
"""What is put before a CSV cell that starts like a formula."""
CSV_PATTERN: Final = "^[" + "".join(re.escape(c) for c in FORMULA_START) + "]"
"""A regular expression matching a text that needs :data:`CSV_PREFIX` (for column-wise use,
as in ``pyarrow.compute.match_substring_regex`` or polars' ``str.contains``)."""
PLOT_LABEL_LIMIT: Final = 80
"""The most characters of a label a plot shows."""
EXCEL_CELL_LIMIT: Final = 32_767
"""The most characters an Excel cell holds; a longer text makes Excel "repair" the file."""

_BIDI: Final = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Embeddings, overrides and isolates: they reorder how the text around them is shown."""
_HIDDEN: Final = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_SPACES: Final = re.compile("[\t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")
"""What :func:`one_line` turns into a space: the whitespace controls and line separators."""
_JSON_RAW: Final = re.compile(f"[\x7f-\x9f{_BIDI}\u2028\u2029]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # Control Pictures: ␀ ␇ ␛ ...
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def visible(text: Any) -> str:
    """``text`` with every control character but tab and newline shown as a symbol, and the
    bidirectional overrides as ``U+FFFD``: nothing reaches a terminal or a file that acts.

    >>> visible("a\\x00b\\tc\\nd\\u202e")
    'a␀b\\tc\\nd�'
    """
    return _HIDDEN.sub(_picture, str(text))


def one_line(text: Any) -> str:
    """``text`` on one line: :func:`visible`, with every run of whitespace (newlines and tabs
    too) as one space.

    >>> one_line("line\\nbreak\\t\\x1b[0m ")
    'line break ␛[0m'
    """
    spaced = _SPACES.sub(" ", str(text))
    return re.sub(r" {2,}", " ", _HIDDEN.sub(_picture, spaced)).strip()


def csv_cell(value: Any) -> Any:
    """A value ready for a CSV cell: a text is made :func:`visible` and, when it starts like a
    formula (``= + - @``, tab, carriage return), gets a leading ``'`` (OWASP's guidance against
    CSV injection); numbers and other values are returned as they are.

    >>> csv_cell("-1"), csv_cell(-1), csv_cell("Taman")
    ("'-1", -1, 'Taman')
    """
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_START):
        return CSV_PREFIX + visible(value)
    return visible(value)


def excel_text(text: Any) -> str:
    """A text fit for an Excel cell: :func:`visible` (openpyxl refuses control characters) and
    cut to :data:`EXCEL_CELL_LIMIT` characters, ending in ``…`` when cut."""
    shown = visible(text)
    if len(shown) > EXCEL_CELL_LIMIT:
        shown = shown[: EXCEL_CELL_LIMIT - 1] + "…"
    return shown


def html_text(text: Any) -> str:
    """``text`` escaped for HTML (element content and quoted attributes), made :func:`visible`.

    >>> html_text('<script>"x"</script>')
    '&lt;script&gt;&quot;x&quot;&lt;/script&gt;'
    """
    return html.escape(visible(text), quote=True)


_MARKDOWN: Final = re.compile(r"([\\`*\[\]<>#|~$&])")
_UNDERSCORES: Final = re.compile(r"_+")
_BLOCK_START: Final = re.compile(r"^([-+=]|\d+(?=[.)]))")


def markdown_text(text: Any, *, start: bool = False) -> str:
    r"""``text`` as literal Markdown on one line: HTML, links, emphasis, code spans, math and
    table pipes escaped with a backslash. Safe in a table cell, a heading or after a list
    marker; with ``start=True`` (text that begins a line or a list item) a leading ``-``, ``+``,
    ``=`` or ``1.``, which would start a list or a rule, is escaped too.

    >>> markdown_text("a | b\n# c _d_ e_f")
    'a \\| b \\# c \\_d\\_ e_f'
    >>> markdown_text("- x", start=True), markdown_text("1. x", start=True)
    ('\\- x', '1\\. x')
    """
    escaped = _UNDERSCORES.sub(_underscores, _MARKDOWN.sub(r"\\\1", one_line(text)))
    match = _BLOCK_START.match(escaped) if start else None
    if match is None:
        return escaped
    if match.group(1)[0].isdigit():
        end = match.end()
        return escaped[:end] + "\\" + escaped[end:]
    return "\\" + escaped


def _underscores(match: re.Match[str]) -> str:
    """A run of ``_`` escaped unless it sits inside a word (``psks_diberdayakan``), where
    Markdown never reads it as emphasis."""
    text, start, end = match.string, match.start(), match.end()
    inside = start > 0 and end < len(text) and text[start - 1].isalnum() and text[end].isalnum()
    return match.group() if inside else match.group().replace("_", "\\_")


def markdown_code(text: Any) -> str:
    """``text`` as a Markdown code span on one line, fenced by more backticks than it holds
    (shown exactly, nothing inside is Markdown).

    >>> markdown_code("a * b_c")
    '`a * b_c`'
    >>> markdown_code("x`y")
    '``x`y``'
    """
    shown = one_line(text)
    runs = [len(run) for run in re.findall(r"`+", shown)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def json_text(
    value: Any, *, indent: int | None = 2, default: Callable[[Any], Any] | None = None
) -> str:
    """``value`` as JSON text (UTF-8, not ASCII-escaped) in which the characters JSON allows raw
    but a terminal or an editor may act on (C1 controls, DEL, bidirectional overrides, line and
    paragraph separators) are ``\\u`` escapes: the data reads back exactly. ``default`` is
    :func:`json.dumps`'s (what to write for a value JSON has no type for).

    >>> json_text({"key": "a\\u202eb\\x1b"}, indent=None)
    '{"key": "a\\\\u202eb\\\\u001b"}'
    """
    dumped = json.dumps(value, ensure_ascii=False, indent=indent, default=default)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def plot_text(text: Any, limit: int = PLOT_LABEL_LIMIT) -> str:
    """``text`` for a matplotlib label: on one line, each control character as ``U+FFFD`` (the
    fonts matplotlib ships have no Control Pictures), ``$`` escaped (it would start mathtext),
    cut to ``limit`` characters with ``…`` (matplotlib takes a minute to lay out 40,000).

    >>> plot_text("$x^$ \x1b")
    '\\\\$x^\\\\$ �'
    """
    spaced = _SPACES.sub(" ", str(text))
    shown = _HIDDEN.sub("\ufffd", spaced)
    shown = re.sub(r" {2,}", " ", shown).strip()
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return shown.replace("$", r"\$")
