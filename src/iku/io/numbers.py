"""How numbers are written in files: one convention per column, and a word for every doubt.

Two conventions write numbers in the files iku reads:

- the **decimal point** (English, and what programs write): ``1234.5``, ``1,234.5``;
- the **decimal comma** (Indonesian, as Excel writes it on an Indonesian Windows): ``1234,5``,
  ``1.234,5``.

Most texts read the same either way (``12``, ``-3``, ``1e5``); some fit one convention only
(``1.5``, ``0.250`` and ``1,234.5`` the point; ``3,85`` and ``1.234.567`` the comma); and some
read as two different numbers: ``1.500`` is 1.5 with a point and 1500 with a comma. Each column
of a file is read with one convention:

1. the one asked for (``decimal="."`` or ``","``; ``--decimal`` on the command line);
2. else the file's own, when the file states one (a CSV separated by ``;``, as Excel writes it
   where the comma is the decimal mark, and a template iku wrote in Indonesian, use the comma),
   as long as the column agrees with it;
3. else the column's own: texts that fit only one convention decide it.

A text that does not fit its column's convention, or reads as two numbers when nothing decides
(no convention asked for or stated, no text of the column fitting one convention only; or a
column whose texts, or whose file, point both ways), is an ``ambiguous_number``: the cell gets no
value (it is missing) and the issue quotes the text as written. Never a guess.

Digits are ASCII only (``٤٥`` is no number) and Python's ``4_5`` is no number either: both are
text, which the evaluation reports as ``not_a_number``. Spaces may group thousands (``1 234``).

>>> classify("1.500"), classify("1.5"), classify("3,85"), classify("12")
((3, 1.5, 1500.0), (1, 1.5, nan), (2, nan, 3.85), (0, 12.0, 12.0))
>>> decide(None, None, point=False, comma=False), decide(None, ",", point=False, comma=False)
(None, ',')
>>> decide(None, ",", point=True, comma=False) is None  # the column says otherwise: doubt
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import Any, Final, Literal

import attrs
import numpy as np
import numpy.typing as npt

from iku.io.cells import unreadable

__all__ = [
    "BOTH",
    "COMMA",
    "MISSING",
    "NEUTRAL",
    "POINT",
    "TEXT",
    "UNREADABLE",
    "Cells",
    "DecimalMark",
    "Gathering",
    "cells_of",
    "classify",
    "classify_objects",
    "classify_texts",
    "decide",
    "file_cell",
    "parse_number",
    "read_numbers",
    "tighten",
]

DecimalMark = Literal[".", ","]
"""The decimal mark of a convention: ``"."`` (English) or ``","`` (Indonesian)."""

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Classes = npt.NDArray[np.int8]

# What a cell holds, as far as numbers go (an int8 per cell).
NEUTRAL: Final = 0
"""The same number under both conventions: ``12``, ``-3``, ``1e5``."""
POINT: Final = 1
"""A number with the decimal point only: ``1.5``, ``0.250``, ``1,234.5``."""
COMMA: Final = 2
"""A number with the decimal comma only: ``3,85``, ``1.234.567``, ``1.234,5``."""
BOTH: Final = 3
"""Two different numbers, one per convention: ``1.500``, ``1,500``."""
TEXT: Final = 4
"""No number: ``12 orang``, ``4_5``, ``٤٥`` (and, from a workbook, a date or a boolean)."""
MISSING: Final = 5
"""No value: an empty cell, ``NA``, ``nan``, a dash."""
UNREADABLE: Final = 6
"""A cell iku does not take in: a control character, a formula, a spreadsheet error value."""

_POINT: Final = re.compile(
    r"[+-]?(?:(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
    r"|[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?)"
)
_COMMA: Final = re.compile(
    r"[+-]?(?:(?:[0-9]+(?:,[0-9]*)?|,[0-9]+)(?:[eE][+-]?[0-9]+)?"
    r"|[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?)"
)
_SPACED: Final = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:[ \u00a0\u202f][0-9]{3})+(?:[.,][0-9]+)?")
POINT_PATTERN: Final = f"^(?:{_POINT.pattern})$"
"""The texts of the decimal point, for a vectorised regular expression."""
COMMA_PATTERN: Final = f"^(?:{_COMMA.pattern})$"
"""The texts of the decimal comma, for a vectorised regular expression."""
_NAN: Final = math.nan
ISSUES_PER_COLUMN: Final = 100
"""Cells of a column given an issue each; the rest of them are counted in one more issue."""


def classify(text: str, *, formulas: bool = False) -> tuple[int, float, float]:
    """What ``text`` holds: its class (:data:`NEUTRAL`, :data:`POINT`, ...) and its number with
    a decimal point and with a decimal comma (NaN where it has none); ``formulas``: a formula
    written as text is :data:`UNREADABLE` (a workbook's cell)."""
    stripped = text.strip()
    if stripped.lower() in ("", "na", "n/a", "nan", "null", "none", "-", "–", "—"):
        return MISSING, _NAN, _NAN
    if unreadable(text, formulas=formulas) is not None:
        return UNREADABLE, _NAN, _NAN
    if _SPACED.fullmatch(stripped):
        stripped = stripped.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    point = _POINT.fullmatch(stripped) is not None
    comma = _COMMA.fullmatch(stripped) is not None
    with_point = float(stripped.replace(",", "")) if point else _NAN
    with_comma = float(stripped.replace(".", "").replace(",", ".")) if comma else _NAN
    if point and comma:
        return (NEUTRAL if with_point == with_comma else BOTH), with_point, with_comma
    if point:
        return POINT, with_point, _NAN
    if comma:
        return COMMA, _NAN, with_comma
    return TEXT, _NAN, _NAN


def parse_number(text: str, *, decimal_comma: bool = False) -> int | float | None:
    """``text`` as a number written with a decimal point (or, with ``decimal_comma``, a decimal
    comma), or None when it is not one. A whole number written without a decimal part is an int.

    >>> parse_number("1.234,5", decimal_comma=True), parse_number("12"), parse_number("12 orang")
    (1234.5, 12, None)
    >>> parse_number("1.500"), parse_number("1.500", decimal_comma=True), parse_number("4_5")
    (1.5, 1500, None)
    """
    kind, with_point, with_comma = classify(text)
    if kind in (TEXT, MISSING, UNREADABLE):
        return None
    value = with_comma if decimal_comma else with_point
    if math.isnan(value):
        return None
    mark = "," if decimal_comma else "."
    digits = text.strip().lower()
    if mark not in digits and "e" not in digits and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def decide(
    asked: DecimalMark | None, stated: DecimalMark | None, *, point: bool, comma: bool
) -> DecimalMark | None:
    """The convention of a column: the one ``asked`` for, else the file's (``stated``) unless
    the column's texts fit the other only, else the column's own (``point``: some text fits the
    decimal point only, ``comma``: the comma only); None when nothing decides or the evidence
    points both ways."""
    if asked is not None:
        return asked
    if point and comma:
        return None
    own: DecimalMark | None = "." if point else "," if comma else None
    if stated is None or own is None or own == stated:
        return stated if stated is not None else own
    return None


@attrs.define
class Cells:
    """A column's cells looked at for numbers (the result of :func:`classify_texts` and its
    siblings): the number of each cell with a decimal point (or with a comma, for a cell that
    has only that one), with a comma where it differs, and what each cell holds."""

    values: Floats
    """The number with a decimal point, or with a comma for :data:`COMMA` cells; NaN else."""
    classes: Classes | None
    """The class of each cell, or None when every cell is :data:`NEUTRAL`, :data:`POINT`,
    :data:`MISSING` or :data:`BOTH` and ``points`` tells the point cells apart."""
    missing: Bools | None
    """True where a cell has no value (None: no cell is missing)."""
    both: dict[int, float] = attrs.field(factory=dict)
    """The :data:`BOTH` cells and their number with a comma."""
    special: dict[int, tuple[int, Any]] = attrs.field(factory=dict)
    """Cells of class :data:`TEXT` or :data:`UNREADABLE`, with their class and content (the
    stripped text, or the workbook's value, such as a date)."""
    point: bool = False
    """Some cell fits the decimal point only."""
    comma: bool = False
    """Some cell fits the decimal comma only."""
    points: Bools | None = None
    """Where ``classes`` is None and some cell fits the decimal point only: those cells."""
    texts: dict[int, str] = attrs.field(factory=dict)
    """The texts of the first cells of each class that may be in doubt (for messages, once
    the cells' own text is gone)."""

    def __len__(self) -> int:
        return len(self.values)

    def kinds(self) -> Classes:
        """The class of every cell."""
        if self.classes is not None:
            return self.classes
        out = np.zeros(len(self.values), dtype=np.int8)
        if self.points is not None:
            out[self.points] = POINT
        if self.missing is not None:
            out[self.missing] = MISSING
        for i in self.both:
            out[i] = BOTH
        for i, (kind, _) in self.special.items():
            out[i] = kind
        return out


class Gathering:
    """The :class:`Cells` of a column gathered part by part (as a file is read in chunks) into
    arrays that grow: one allocation per column rather than one per chunk, so that memory freed
    is memory the process gives back."""

    def __init__(self, capacity: int = 1 << 16) -> None:
        self.n = 0
        self.values = np.empty(max(capacity, 16))
        self.missing: Bools | None = None
        self.classes: Classes | None = None
        self.both: dict[int, float] = {}
        self.special: dict[int, tuple[int, Any]] = {}
        self.texts: dict[int, str] = {}
        self.point = self.comma = False

    def _room(self, more: int) -> None:
        need = self.n + more
        if need <= len(self.values):
            return
        size = max(need, len(self.values) * 3 // 2)
        self.values = _grown(self.values, size)
        if self.missing is not None:
            self.missing = _grown(self.missing, size)
        if self.classes is not None:
            self.classes = _grown(self.classes, size)

    def add(self, cells: Cells) -> None:
        """Append the cells of the next rows."""
        k, at = len(cells), self.n
        self._room(k)
        self.values[at : at + k] = cells.values
        if cells.missing is not None and self.missing is None:
            self.missing = np.zeros(len(self.values), dtype=bool)
        if self.missing is not None:
            self.missing[at : at + k] = False if cells.missing is None else cells.missing
        if self.classes is None and (cells.classes is not None or cells.points is not None):
            self.classes = np.zeros(len(self.values), dtype=np.int8)
            self.classes[:at] = self._cells(at).kinds()
        if self.classes is not None:
            self.classes[at : at + k] = cells.kinds()
        self.both.update((at + i, v) for i, v in cells.both.items())
        self.special.update((at + i, v) for i, v in cells.special.items())
        self.texts.update((at + i, v) for i, v in cells.texts.items())
        self.point = self.point or cells.point
        self.comma = self.comma or cells.comma
        self.n += k

    def _cells(self, n: int) -> Cells:
        return Cells(
            self.values[:n],
            None if self.classes is None else self.classes[:n],
            None if self.missing is None else self.missing[:n],
            self.both,
            self.special,
            point=self.point,
            comma=self.comma,
            texts=self.texts,
        )

    def finish(self) -> Cells:
        """The cells of the whole column (arrays trimmed to it)."""
        if len(self.values) > self.n:  # the room left over is given back
            self.values = self.values[: self.n].copy()
            if self.missing is not None:
                self.missing = self.missing[: self.n].copy()
            if self.classes is not None:
                self.classes = self.classes[: self.n].copy()
        return self._cells(self.n)


def _grown(array: Any, size: int) -> Any:
    out = np.empty(size, dtype=array.dtype)
    out[: len(array)] = array
    return out


_WHOLE_COLUMN: Final = re.compile(r"[0-9]*(?:\n[0-9]*)*")
"""A column of whole numbers (or empty cells), its texts joined by line breaks."""


def classify_texts(texts: Sequence[str | None]) -> Cells:
    """:func:`classify` for a column of texts (None: a missing cell)."""
    n = len(texts)
    if n and None not in texts:
        found = _whole_column(texts)  # type: ignore[arg-type]
        if found is not None:
            return found
    values = np.full(n, _NAN)
    classes = np.zeros(n, dtype=np.int8)
    both: dict[int, float] = {}
    special: dict[int, tuple[int, Any]] = {}
    for i, text in enumerate(texts):
        if text is None:
            classes[i] = MISSING
            continue
        if text.isdigit() and text.isascii():  # the usual cell, quickly
            values[i] = float(text)
            continue
        kind, with_point, with_comma = classify(text)
        classes[i] = kind
        file_cell(i, text, kind, with_point, with_comma, values, both, special)
    return cells_of(values, classes, both, special)


def _whole_column(texts: Sequence[str]) -> Cells | None:
    """The usual column of a CSV read by Python, looked at at once: every cell ASCII digits or
    empty (one regular expression over the whole column, then numpy); None for any other."""
    joined = "\n".join(texts)
    if not joined.isascii() or not _WHOLE_COLUMN.fullmatch(joined):
        return None
    raw = np.array(texts)
    empty = raw == ""
    values = np.where(empty, "nan", raw).astype(np.float64)
    classes = np.where(empty, MISSING, NEUTRAL).astype(np.int8)
    return cells_of(values, classes, {}, {})


def classify_objects(items: Sequence[Any]) -> Cells:
    """:func:`classify` for a column of a workbook: numbers are numbers (a NaN is missing, as the
    text ``nan`` is), texts are classified, None is missing, a date or a boolean is text."""
    n = len(items)
    values = np.full(n, _NAN)
    classes = np.zeros(n, dtype=np.int8)
    both: dict[int, float] = {}
    special: dict[int, tuple[int, Any]] = {}
    for i, item in enumerate(items):
        if item is None:
            classes[i] = MISSING
        elif isinstance(item, int | float) and not isinstance(item, bool):
            number = float(item)
            if math.isnan(number):
                classes[i] = MISSING
            else:
                values[i] = number
        elif isinstance(item, str):
            kind, with_point, with_comma = classify(item, formulas=True)
            classes[i] = kind
            file_cell(i, item, kind, with_point, with_comma, values, both, special)
        else:
            classes[i] = TEXT
            special[i] = (TEXT, item)
    return cells_of(values, classes, both, special)


def file_cell(
    i: int,
    text: str,
    kind: int,
    with_point: float,
    with_comma: float,
    values: Floats,
    both: dict[int, float],
    special: dict[int, tuple[int, Any]],
) -> None:
    """File cell ``i`` (its ``text`` of class ``kind``, read both ways by :func:`classify`)
    where :class:`Cells` keeps it: its number in ``values``, the comma reading of a text read
    two ways in ``both``, a text that is no number in ``special``."""
    if kind in (NEUTRAL, POINT, BOTH):
        values[i] = with_point
        if kind == BOTH:
            both[i] = with_comma
    elif kind == COMMA:
        values[i] = with_comma
    elif kind in (TEXT, UNREADABLE):
        special[i] = (kind, text.strip() if kind == TEXT else text)


def cells_of(
    values: Floats,
    classes: Classes,
    both: dict[int, float],
    special: dict[int, tuple[int, Any]],
    texts: dict[int, str] | None = None,
) -> Cells:
    """The :class:`Cells` of a column classified cell by cell (its missing mask and which
    conventions its texts fit worked out from ``classes``)."""
    missing = classes == MISSING
    return Cells(
        values,
        classes,
        missing if missing.any() else None,
        both,
        special,
        point=bool((classes == POINT).any()),
        comma=bool((classes == COMMA).any()),
        texts={} if texts is None else texts,
    )


@attrs.frozen
class Doubt:
    """A cell whose number is in doubt: its row, its text as written, and why."""

    row: int
    text: str
    reason: str
    """``"two_ways"`` (reads as two numbers, nothing decides), ``"mixed"`` (its column or file
    points both ways), ``"point"`` or ``"comma"`` (it fits only that convention, the column is
    read with the other)."""
    with_point: float
    with_comma: float


@attrs.frozen
class Numbers:
    """A column read as numbers under its convention."""

    array: Any
    """int64 (every cell a whole number), float64 (NaN where a cell has no value, as pandas
    has it), or an object array holding text where a cell is no number (None: no value)."""
    convention: DecimalMark | None
    doubts: tuple[Doubt, ...]
    """The first :data:`ISSUES_PER_COLUMN` cells in doubt."""
    doubt_count: int
    unreadable: tuple[tuple[int, str, str], ...]
    """The first cells not taken in: row, text, reason (see :func:`iku.io.cells.unreadable`)."""
    unreadable_count: int
    present: Bools
    """True where the file's cell holds something (a number, text, or a cell in doubt)."""


def read_numbers(
    parts: Sequence[Cells],
    *,
    asked: DecimalMark | None,
    stated: DecimalMark | None,
    text: Callable[[int], str],
) -> Numbers:
    """One column from the :class:`Cells` of its parts (chunks of rows, in order), read with
    the convention :func:`decide` gives; ``text(row)`` is a cell's text as written, for
    messages."""
    point = any(p.point for p in parts)
    comma = any(p.comma for p in parts)
    convention = decide(asked, stated, point=point, comma=comma)
    mixed = convention is None and (point or comma)
    arrays = []
    present = []
    doubts: list[Doubt] = []
    unread: list[tuple[int, str, str]] = []
    counts = [0, 0]
    special: dict[int, Any] = {}
    offset = 0
    for part in parts:
        values, missing, doubt_rows = _apply(part, convention)
        n = len(part)
        for i in doubt_rows.tolist():
            counts[0] += 1
            if len(doubts) < ISSUES_PER_COLUMN:
                written = part.texts[i] if i in part.texts else text(offset + i)
                kind, with_point, with_comma = classify(written)
                reason = "mixed" if mixed else _reason(kind, convention)
                doubts.append(Doubt(offset + i, written, reason, with_point, with_comma))
        for i, (kind, content) in part.special.items():
            if kind == UNREADABLE:
                counts[1] += 1
                missing[i] = True
                if len(unread) < ISSUES_PER_COLUMN:
                    reason = unreadable(content, formulas=True) or "control"
                    unread.append((offset + i, content, reason))
            else:
                special[offset + i] = content
        arrays.append((values, missing))
        given = np.ones(n, dtype=bool) if part.missing is None else ~part.missing
        present.append(given)
        offset += n
    if len(arrays) == 1:  # the usual case: one part, used as it is
        values, missing = arrays[0]
    else:
        values = np.concatenate([v for v, _ in arrays]) if arrays else np.zeros(0)
        missing = np.concatenate([m for _, m in arrays]) if arrays else np.zeros(0, dtype=bool)
    return Numbers(
        _array(values, missing, special),
        convention,
        tuple(doubts),
        counts[0],
        tuple(unread),
        counts[1],
        present[0] if len(present) == 1 else np.concatenate(present or [np.zeros(0, bool)]),
    )


def _reason(kind: int, convention: DecimalMark | None) -> str:
    if convention is None:
        return "two_ways"
    return "point" if kind == POINT else "comma" if kind == COMMA else "two_ways"


def _apply(part: Cells, convention: DecimalMark | None) -> tuple[Floats, Bools, Any]:
    """The numbers of a part under ``convention`` (its arrays are used up, not copied), where
    they are missing (including cells in doubt and cells that are no number), and the rows in
    doubt."""
    values = part.values
    missing = np.zeros(len(values), dtype=bool) if part.missing is None else part.missing
    for i in part.special:
        missing[i] = True
    doubt = np.zeros(len(values), dtype=bool)
    if convention == "," and part.both:
        index = np.fromiter(part.both, dtype=np.intp, count=len(part.both))
        values[index] = np.fromiter(part.both.values(), dtype=np.float64, count=len(part.both))
    elif convention is None and part.both:
        doubt[np.fromiter(part.both, dtype=np.intp, count=len(part.both))] = True
    against = (POINT,) if convention == "," else (COMMA,) if convention == "." else (POINT, COMMA)
    if (POINT in against and part.point) or (COMMA in against and part.comma):
        kinds = part.kinds()
        doubt |= np.isin(kinds, against)
    doubt &= ~missing
    missing |= doubt
    values[missing] = _NAN
    return values, missing, np.flatnonzero(doubt)


def _array(values: Floats, missing: Bools, special: dict[int, Any]) -> Any:
    """The column as an array for :func:`iku.evaluate` (see :attr:`Numbers.array`)."""
    if special:
        out = np.empty(len(values), dtype=object)
        whole = np.isfinite(values) & (values == np.round(values)) & (np.abs(values) < 2**53)
        out[:] = [
            (int(v) if w else v) for v, w in zip(values.tolist(), whole.tolist(), strict=True)
        ]
        out[missing] = None
        for i, content in special.items():
            out[i] = content
        return out
    if missing.any():  # NaN where a cell has no value, as pandas has it: evaluate() reads it so
        return values
    return values.astype(np.int64) if len(values) and _whole(values) else values


def _whole(values: Floats) -> bool:
    """Whether every value is a whole number an int64 holds exactly (looked at a block at a
    time, so that no temporary array is as large as the column)."""
    step = 1 << 20
    with np.errstate(invalid="ignore"):
        for start in range(0, len(values), step):
            block = values[start : start + step]
            if not (np.all(block == np.round(block)) and np.all(np.abs(block) < 2**53)):
                return False
    return True


def tighten(array: Any) -> Any:
    """A float64 column with no cell missing (after rows were left out) as int64 when every
    value is whole."""
    if array.dtype == np.float64 and not np.isnan(array).any():
        return _array(array, np.zeros(len(array), dtype=bool), {})
    return array
