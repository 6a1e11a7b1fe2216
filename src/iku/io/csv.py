"""Reading a CSV file: pyarrow's C reader where pyarrow is installed, Python's csv module else.

Every cell is read as text (numbers are read from it afterwards, by :mod:`iku.io.numbers`, one
convention per column); the separator is the one the header uses most (``,``, ``;``, tab or
``|``). The text is UTF-8 (a byte order mark is allowed); a file in another encoding is refused
with the line of its first byte that is not UTF-8, unless ``encoding`` names it: iku never
guesses an encoding, since a wrong guess changes every accented letter silently.

Each row keeps its line in the file, for messages (a quoted cell may span lines). A row shorter
than the header is padded with empty cells; a row longer than the header, with something in the
extra cells, is an error naming its line. pyarrow reads regular files; a file it refuses (rows of
uneven length, say) is read again by the csv module, which says what is wrong and where.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, Protocol

import attrs
import numpy as np
import numpy.typing as npt

from iku.io.cells import MISSING_VARIANTS
from iku.io.paths import check_file, error

__all__ = ["CsvTable", "read_csv"]

Progress = Callable[[float], None]
Lines = npt.NDArray[np.int64] | range
"""The line of each row: an array, or a range where each line is one row."""
_HEAD: Final = 1 << 16
_BATCH: Final = 100_000
"""Rows per step of the csv module (a step reports progress)."""


@attrs.frozen
class CsvTable:
    """A CSV file's header and cells, as text."""

    path: Path
    header: list[str]
    columns: list[Any]
    """Per column: a list of pyarrow string arrays (chunks of rows, null where the cell is
    empty or says "no value") or of what the converters made of them, or a list of Python
    strings."""
    arrow: bool
    lines: Lines
    """The line of each row in the file (from 1, the header's line included)."""
    delimiter: str


class Sink(Protocol):
    """What takes a column's chunks of text as they are read, and keeps what it needs of them."""

    def add(self, chunk: Any) -> None: ...

    def done(self) -> Any: ...


Converters = Callable[[list[str], int], Sequence[Sink | None]]
"""Given a file's header and an estimate of its rows, a sink for each column (None: keep the
text), so that a large file's text is never all held at once."""


def read_csv(
    path: Path,
    *,
    encoding: str | None = None,
    progress: Progress | None = None,
    converters: Converters | None = None,
) -> CsvTable:
    """The header and cells of the CSV file ``path``; with pyarrow, ``converters`` turn each
    column's chunks of text into what the caller keeps of them."""
    check_file(path)
    encoding = _encoding(encoding)
    with path.open("rb") as file:
        head = file.read(_HEAD)
        more = bool(file.read(1))
    if not head.strip() and not more:
        raise error("empty_file", path=path)
    if b"\x00" in head and encoding in ("utf-8", "utf-8-sig"):
        raise error("not_text", path=path)
    sample = head.decode(encoding, errors="replace").lstrip("\ufeff")
    delimiter = _delimiter(sample, path)
    reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error):
        header = []
    if not header:
        raise error("empty_file", path=path)
    if reader.line_num == 1:
        rows = int(path.stat().st_size / max(len(head), 1) * max(head.count(b"\n"), 1) * 1.05)
        convert = converters(header, rows) if converters is not None else [None] * len(header)
        found = _arrow(path, header, delimiter, encoding, progress, convert)
        if found is not None:
            return found
    return _python(path, delimiter, encoding, progress)


def _encoding(name: str | None) -> str:
    if name is None:
        return "utf-8-sig"
    try:
        found = codecs.lookup(name).name
    except LookupError:
        raise error("bad_encoding", encoding=name) from None
    return "utf-8-sig" if found == "utf-8" else found


def _delimiter(sample: str, path: Path) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    first = sample.splitlines()[0] if sample.strip() else ""
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _arrow(
    path: Path,
    header: list[str],
    delimiter: str,
    encoding: str,
    progress: Progress | None,
    convert: Sequence[Sink | None],
) -> CsvTable | None:
    """The file read by pyarrow, or None (no pyarrow, or a file it refuses)."""
    try:
        import pyarrow as pa
        import pyarrow.csv as pacsv
    except ImportError:
        return None
    names = [f"c{n}" for n in range(len(header))]
    try:
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(
                column_names=names,
                skip_rows=1,
                encoding="utf8" if encoding.startswith("utf-8") else encoding,
                block_size=1 << 24,
            ),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in names},
                null_values=list(MISSING_VARIANTS),
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )
        columns: list[list[Any]] = [[] for _ in names]
        rows = 0
        size = max(path.stat().st_size, 1)
        for batch in reader:
            for chunks, column, sink in zip(columns, batch.columns, convert, strict=True):
                if sink is None:
                    chunks.append(column)
                else:
                    sink.add(column)
            rows += batch.num_rows
            if progress is not None:
                progress(min(rows * _bytes_per_row(path) / size, 1.0))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError, OSError):
        return None
    lines = _lines(path, rows)
    if lines is None:
        return None  # blank lines or cells over several lines: the csv module counts them
    for n, sink in enumerate(convert):
        if sink is not None:
            done = sink.done()
            columns[n] = done if isinstance(done, list) else [done]
    pa.default_memory_pool().release_unused()  # the text read is let go of
    if progress is not None:
        progress(1.0)
    return CsvTable(path, header, columns, True, lines, delimiter)


def _bytes_per_row(path: Path) -> float:
    with path.open("rb") as file:
        head = file.read(_HEAD)
    return len(head) / max(head.count(b"\n"), 1)


def _lines(path: Path, rows: int) -> Lines | None:
    """The lines of ``rows`` rows under a one-line header, when every line is one row (no
    blank line, no cell over several lines); else None."""
    newlines = 0
    last = b""
    with path.open("rb") as file:
        while block := file.read(1 << 24):
            newlines += block.count(b"\n")
            last = (last + block)[-_HEAD:]
    trailing = last[len(last.rstrip(b"\r\n \t")) :]
    content = newlines - trailing.count(b"\n") + 1  # lines up to the last one with text
    if content != rows + 1:
        return None
    return range(2, rows + 2)  # nothing per row to hold


def _python(path: Path, delimiter: str, encoding: str, progress: Progress | None) -> CsvTable:
    """The file read by Python's csv module: slower, and says exactly what is wrong, where."""
    raw = path.read_bytes()
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as cause:
        line = raw.count(b"\n", 0, cause.start) + 1
        byte = f"0x{raw[cause.start]:02x}"
        raise error("not_utf8", path=path, line=line, byte=byte) from None
    del raw
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise error("empty_file", path=path) from None
    width = len(header)
    columns: list[list[str]] = [[] for _ in header]
    numbers: list[int] = []
    total = text.count("\n") + 1
    before = reader.line_num
    try:
        while chunk := list(itertools.islice(reader, _BATCH)):
            last = reader.line_num
            regular = all(len(row) == width for row in chunk)
            if regular and last - len(chunk) == before:
                # the usual case, one line per row: transposed in C
                for column, cells in zip(columns, zip(*chunk, strict=True), strict=True):
                    column.extend(cells)
                numbers.extend(range(last - len(chunk) + 1, last + 1))
            else:
                _slow_rows(path, chunk, last, width, columns, numbers)
            before = last
            if progress is not None:
                progress(last / total)
    except csv.Error as cause:
        raise error("bad_csv", path=path, line=reader.line_num, error=cause) from None
    if progress is not None:
        progress(1.0)
    lines = np.array(numbers, dtype=np.int64)
    return CsvTable(path, header, list(columns), False, lines, delimiter)


def _slow_rows(
    path: Path,
    chunk: list[list[str]],
    last: int,
    width: int,
    columns: list[list[str]],
    numbers: list[int],
) -> None:
    """Rows of irregular width, blank, or holding line breaks inside quotes: one by one.

    Their line numbers are counted from the end of the chunk, back over the line breaks inside
    their cells. A blank line is no row."""
    lines = []
    line = last
    for row in reversed(chunk):
        lines.append(line - sum(cell.count("\n") for cell in row))
        line = lines[-1] - 1
    for row, start in zip(chunk, reversed(lines), strict=True):
        if not row:
            continue
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            raise error("long_row", path=path, line=start, cells=len(row), width=width)
        padded = row[:width] + [""] * (width - len(row))
        for column, cell in zip(columns, padded, strict=True):
            column.append(cell)
        numbers.append(start)
