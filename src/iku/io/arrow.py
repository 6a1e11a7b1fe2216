"""Columns of text read by pyarrow's C reader, looked at with vectorised operations.

The same answers as :func:`iku.io.numbers.classify_texts` on the same texts (a property test
holds them together), without a Python loop over the usual cells: a column of plain numbers
is parsed by one cast; texts with a comma or a thousands separator by two regular expressions;
only what is left (text, spaces, odd spellings) goes through :func:`iku.io.numbers.classify`
one cell at a time.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

from iku.io.cells import MISSING_TEXT, unreadable
from iku.io.numbers import (
    BOTH,
    COMMA,
    COMMA_PATTERN,
    ISSUES_PER_COLUMN,
    MISSING,
    NEUTRAL,
    POINT,
    POINT_PATTERN,
    TEXT,
    UNREADABLE,
    Bools,
    Cells,
    Gathering,
    cells_of,
    classify,
    file_cell,
)

__all__ = ["ArrowKeys", "ArrowNumbers", "ArrowYears", "classify_arrow", "key_values"]

_DOT = ord(".")


def classify_arrow(chunk: Any) -> Cells:
    """The :class:`~iku.io.numbers.Cells` of a pyarrow string array (null: a missing cell)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    missing = _nulls(chunk)
    if missing is not None:
        missing = missing.copy()
    try:
        values = pc.cast(chunk, pa.float64()).to_numpy(zero_copy_only=False, writable=True)
    except pa.ArrowInvalid:
        return _regular_expressions(chunk, missing)
    odd = ~np.isfinite(values)
    if missing is not None:
        odd &= ~missing
    offsets, data = _buffers(chunk)
    dots = int(np.count_nonzero(data[offsets[0] : offsets[-1]] == _DOT)) if len(chunk) else 0
    rows = set(np.flatnonzero(odd).tolist())
    if dots:
        rows.update(_two_way_candidates(offsets, data, missing).tolist())
    both: dict[int, float] = {}
    special: dict[int, tuple[int, Any]] = {}
    looked: dict[int, int] = {}
    point = comma = False
    dots_looked = 0
    for i in sorted(rows):
        text = chunk[i].as_py()
        kind, with_point, with_comma = classify(text)
        looked[i] = kind
        dots_looked += text.count(".")
        values[i] = math.nan
        if kind in (NEUTRAL, POINT, BOTH):
            values[i] = with_point
            point = point or kind == POINT
            if kind == BOTH:
                both[i] = with_comma
        elif kind == COMMA:  # pragma: no cover - a text the float cast took has no comma
            values[i] = with_comma
            comma = True
        elif kind in (TEXT, UNREADABLE):
            special[i] = (kind, text.strip() if kind == TEXT else text)
        elif kind == MISSING:
            if missing is None:
                missing = np.zeros(len(values), dtype=bool)
            missing[i] = True
    if not point:
        # every other cell took the float cast: it has a decimal point only if it has a dot
        point = dots - dots_looked > 0
    points = None
    if point:
        points = _mask(pc.match_substring(chunk, "."))
        if missing is not None:
            points &= ~missing
        for i, kind in looked.items():
            points[i] = kind == POINT
    return Cells(
        values,
        None,
        missing,
        both,
        special,
        point=point,
        comma=comma,
        points=points,
        texts=_texts(chunk, points, both),
    )


def _texts(chunk: Any, *found: Any) -> dict[int, str]:
    """The texts of the first cells of each class in doubt (a mask, or a dict by row)."""
    rows: set[int] = set()
    for cells in found:
        if cells is None:
            continue
        first = (
            np.flatnonzero(cells)[:ISSUES_PER_COLUMN]
            if isinstance(cells, np.ndarray)
            else (sorted(cells)[:ISSUES_PER_COLUMN])
        )
        rows.update(int(i) for i in first)
    return {i: chunk[i].as_py() for i in sorted(rows)}


class ArrowNumbers:
    """A variable's column looked at for numbers chunk by chunk as a file is read, its text let
    go of at once (:meth:`add` each chunk, then :meth:`done`)."""

    def __init__(self, capacity: int = 1 << 16) -> None:
        self.gathering = Gathering(capacity)

    def add(self, chunk: Any) -> None:
        """Look at the next chunk of rows."""
        self.gathering.add(classify_arrow(chunk))

    def done(self) -> Cells:
        """The column's cells."""
        return self.gathering.finish()


class ArrowKeys:
    """A key column read chunk by chunk, each chunk kept as its distinct texts and a small
    integer per row (the texts of a key repeat: a kelurahan's name on every row of it)."""

    def __init__(self, capacity: int = 0) -> None:
        del capacity
        self.parts: list[Any] = []

    def add(self, chunk: Any) -> None:
        """Keep the next chunk of rows, encoded."""
        import pyarrow.compute as pc

        self.parts.append(pc.dictionary_encode(chunk, null_encoding="encode"))

    def done(self) -> list[Any]:
        """The chunks, as dictionary arrays."""
        return self.parts


class ArrowYears:
    """A period column read chunk by chunk: a chunk of years (the usual column) is kept as an
    int64 array, any other chunk as its text, read by :mod:`iku.periods` afterwards."""

    def __init__(self, capacity: int = 0) -> None:
        del capacity
        self.parts: list[Any] = []

    def add(self, chunk: Any) -> None:
        """Keep the next chunk of rows, as years where it is years."""
        import pyarrow as pa
        import pyarrow.compute as pc

        if not chunk.null_count:
            try:
                found = pc.cast(chunk, pa.float64()).to_numpy(zero_copy_only=False)
            except pa.ArrowInvalid:
                pass
            else:
                if np.all((found >= 1000) & (found <= 9999) & (found == np.round(found))):
                    self.parts.append(found.astype(np.int64))
                    return
        self.parts.append(chunk)

    def done(self) -> list[Any]:
        """The chunks, each an int64 array of years or the text as read."""
        return self.parts


def _regular_expressions(chunk: Any, missing: Bools | None) -> Cells:
    """The cells of a column that the float cast refused (a comma, a separator, some text)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(chunk)
    is_point = _mask(pc.match_substring_regex(chunk, POINT_PATTERN))
    is_comma = _mask(pc.match_substring_regex(chunk, COMMA_PATTERN))
    nothing = pa.scalar(None, pa.string())
    with_point = pc.cast(
        pc.replace_substring(pc.if_else(pa.array(is_point), chunk, nothing), ",", ""),
        pa.float64(),
    ).to_numpy(zero_copy_only=False)
    comma_text = pc.replace_substring(pc.if_else(pa.array(is_comma), chunk, nothing), ".", "")
    with_comma = pc.cast(pc.replace_substring(comma_text, ",", "."), pa.float64()).to_numpy(
        zero_copy_only=False
    )
    classes = np.zeros(n, dtype=np.int8)
    same = is_point & is_comma
    with np.errstate(invalid="ignore"):
        two = same & (with_point != with_comma)
    classes[is_point & ~is_comma] = POINT
    classes[is_comma & ~is_point] = COMMA
    classes[two] = BOTH
    values = np.where(is_comma & ~is_point, with_comma, with_point).astype(np.float64)
    both = {int(i): float(with_comma[i]) for i in np.flatnonzero(two)}
    rest = ~is_point & ~is_comma
    if missing is not None:
        classes[missing] = MISSING
        rest &= ~missing
    special: dict[int, tuple[int, Any]] = {}
    for i in np.flatnonzero(rest).tolist():
        text = chunk[i].as_py()
        kind, point_value, comma_value = classify(text)
        classes[i] = kind
        values[i] = math.nan
        file_cell(i, text, kind, point_value, comma_value, values, both, special)
    texts = _texts(chunk, classes == POINT, classes == COMMA, both)
    return cells_of(values, classes, both, special, texts)


def _mask(array: Any) -> npt.NDArray[np.bool_]:
    """A pyarrow boolean array as numpy, null as False."""
    import pyarrow.compute as pc

    return np.asarray(pc.fill_null(array, False).to_numpy(zero_copy_only=False), dtype=bool)


def _nulls(chunk: Any) -> Bools | None:
    if not chunk.null_count:
        return None
    return np.asarray(chunk.is_null().to_numpy(zero_copy_only=False), dtype=bool)


def _buffers(chunk: Any) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.uint8]]:
    """The offsets (n + 1) and bytes of a string array."""
    import pyarrow as pa

    kind = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    buffers = chunk.buffers()
    offsets = np.frombuffer(buffers[1], dtype=kind)[chunk.offset : chunk.offset + len(chunk) + 1]
    data = (
        np.frombuffer(buffers[2], dtype=np.uint8)
        if buffers[2] is not None
        else np.zeros(0, np.uint8)
    )
    return offsets.astype(np.int64), data


def _two_way_candidates(
    offsets: npt.NDArray[np.int64], data: npt.NDArray[np.uint8], missing: Bools | None
) -> npt.NDArray[np.intp]:
    """Rows whose text may read as two numbers: five to eight characters with a dot fourth from
    the end (``1.500``, ``-123.456``); :func:`classify` then looks at each."""
    if len(offsets) < 2:
        return np.zeros(0, dtype=np.intp)
    ends = offsets[1:]
    lengths = ends - offsets[:-1]
    found = (lengths >= 5) & (lengths <= 8)
    if len(data):
        found &= data[np.clip(ends - 4, 0, len(data) - 1)] == _DOT
    else:
        found[:] = False
    if missing is not None:
        found &= ~missing
    return np.flatnonzero(found)


def key_values(
    chunk: Any,
) -> tuple[npt.NDArray[np.object_], Bools, list[tuple[int, str, str]], int]:
    """A key column: its texts (stripped; None where missing) as an object array, found by
    hashing (each distinct text is one Python string, shared by its rows); where a cell holds
    something; the first cells not taken in (row, text, reason), which are None, and how many
    there are."""
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = chunk.type
    encoded = (
        chunk
        if pa.types.is_dictionary(kind)
        else pc.dictionary_encode(chunk, null_encoding="encode")
    )
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.unify_dictionaries().combine_chunks() if encoded.num_chunks else None
    if encoded is None:
        return np.empty(0, dtype=object), np.zeros(0, dtype=bool), [], 0
    words = encoded.dictionary.to_pylist()
    bad: dict[int, str] = {}
    table = np.empty(len(words), dtype=object)
    holds = np.zeros(len(words), dtype=bool)
    for code, word in enumerate(words):
        if word is None:  # the null of the missing cells
            continue
        stripped = word.strip()
        empty = stripped.lower() in MISSING_TEXT
        reason = None if empty else unreadable(word)
        if reason is not None:
            bad[code] = reason
        table[code] = None if empty or reason else stripped
        holds[code] = not empty
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    found: list[tuple[int, str, str]] = []
    count = 0
    if bad:
        rows = np.flatnonzero(np.isin(codes, list(bad)))
        count = len(rows)
        for i in rows[:ISSUES_PER_COLUMN].tolist():
            found.append((i, words[codes[i]], bad[int(codes[i])]))
    return table[codes], holds[codes], found, count
