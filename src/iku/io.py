"""Reading data and targets from files: CSV, Excel (the filled template as it is) and Parquet.

A data file has one column per variable, headed by the variable's code; every other column is a
key (a unit such as ``kecamatan``), and an optional ``period`` column holds the year. A targets
file has the columns ``indicator``, ``period`` and ``target`` (and optionally ``target_hi`` for a
range). Both come back as what :func:`iku.evaluate` takes: the data as a mapping of column name
to numpy array (``pandas.DataFrame(data)`` makes a frame of it), the targets as a mapping of
indicator code to a number or ``{year: number}``.

CSV needs nothing beyond the core; Excel needs ``openpyxl`` (``iku[excel]``), Parquet
``pyarrow`` (``iku[parquet]``).

Files written by hand are forgiving where it costs nothing and strict where a guess could be
wrong:

- a number typed as text (``"12"``) is a number; text that is not a number (``"12 orang"``,
  ``"abc"``) is kept as it is, so the evaluation reports it as ``not_a_number`` on its row;
- a CSV separated by ``;`` (as Excel writes it in Indonesian) reads ``1.234,5`` as 1234.5;
- an empty cell (or ``NA``, ``-``) is a missing value (``None``); a row with no value at all is
  skipped (the template's years prefilled but not filled in);
- key columns keep their text: ``0101`` stays ``"0101"``;
- headers match variable codes whatever their case; ``tahun`` and ``year`` mean ``period``;
- in the template, the row of labels under the codes is recognised and skipped.

>>> import iku, tempfile, pathlib
>>> s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
>>> path = pathlib.Path(tempfile.mkdtemp()) / "data.csv"
>>> _ = path.write_text("tahun;psks_diberdayakan;PSKS\\n2025;45;1.050\\n2026;;\\n")
>>> data = read_data(path, s)
>>> {name: column.tolist() for name, column in data.items()}
{'period': [2025], 'psks_diberdayakan': [45], 'psks': [1050]}
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import math
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import attrs
import numpy as np

from iku import arguments
from iku.errors import InputError
from iku.model import Indicator, IndicatorSet
from iku.optional import require

__all__ = ["InputError", "load_data", "parse_number", "read_data", "read_targets"]

PERIOD: Final = "period"
_PERIOD_ALIASES: Final = frozenset({"period", "periode", "tahun", "year"})
_MISSING_TEXT: Final = frozenset({"", "na", "n/a", "nan", "null", "none", "-", "–", "—"})
_NUMBER: Final = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\Z")
_ID_NUMBER: Final = re.compile(r"[+-]?\d{1,3}(\.\d{3})*(,\d+)?\Z|[+-]?\d+(,\d+)?\Z")
_PROGRESS_ROWS: Final = 100_000
TEMPLATE_PERIOD_LABELS: Final = {
    "id": "Tahun (periode), misalnya 2025",
    "en": "Year (period), for example 2025",
}
"""What the template writes under ``period`` in its row of labels, by which it is recognised."""

Progress = Callable[[float], None]
"""Called with the fraction of a file read so far (0 to 1)."""

Columns = dict[str, Any]
"""Column name to a numpy array: int64 or float64 when every cell is a number, else an object
array holding numbers, text and ``None`` for a missing cell."""


_MESSAGES: Final[dict[str, dict[str, str]]] = {
    "old_xls": {
        "en": "{path}: old .xls workbooks are not read; save it as .xlsx (Excel Workbook)",
        "id": "{path}: berkas .xls lama tidak dibaca; simpan ulang sebagai .xlsx (Excel Workbook)",
    },
    "file_type": {
        "en": "{path}: unknown file type {suffix!r}; use .csv, .xlsx or .parquet",
        "id": "{path}: jenis berkas {suffix!r} tidak dikenal; pakai .csv, .xlsx atau .parquet",
    },
    "no_file": {"en": "{path}: no such file", "id": "{path}: berkas tidak ada"},
    "folder": {"en": "{path}: is a folder, not a file", "id": "{path}: ini folder, bukan berkas"},
    "not_text": {
        "en": "{path}: this is not a text (CSV) file",
        "id": "{path}: ini bukan berkas teks (CSV)",
    },
    "empty_file": {"en": "{path}: the file is empty", "id": "{path}: berkas kosong"},
    "bad_csv": {
        "en": "{path}, line {line}: not readable as CSV ({error})",
        "id": "{path}, baris {line}: tidak terbaca sebagai CSV ({error})",
    },
    "long_row": {
        "en": "{path}, line {line}: {cells} cells but the header has {width} columns",
        "id": "{path}, baris {line}: {cells} sel, padahal judul kolom hanya {width}",
    },
    "bad_xlsx": {
        "en": "{path}: not a readable Excel workbook ({error})",
        "id": "{path}: bukan buku kerja Excel yang dapat dibaca ({error})",
    },
    "no_sheet": {
        "en": "{path}: no sheet named {sheet!r} (sheets: {sheets})",
        "id": "{path}: tidak ada lembar bernama {sheet!r} (lembar: {sheets})",
    },
    "empty_sheet": {
        "en": "{path}: sheet {sheet!r} is empty",
        "id": "{path}: lembar {sheet!r} kosong",
    },
    "bad_parquet": {
        "en": "{path}: not a readable Parquet file ({error})",
        "id": "{path}: bukan berkas Parquet yang dapat dibaca ({error})",
    },
    "twice": {
        "en": "{path}: columns {first} and {second} are both {name!r}; a column comes once",
        "id": "{path}: kolom {first} dan {second} sama-sama {name!r}; tiap kolom hanya sekali",
    },
    "no_heading": {
        "en": "{path}: column {column} has values but no heading",
        "id": "{path}: kolom {column} berisi nilai tetapi tanpa judul kolom",
    },
    "not_year": {
        "en": "{path}, row {line}: period {value!r} is not a year",
        "id": "{path}, baris {line}: periode {value!r} bukan tahun",
    },
    "targets_type": {
        "en": "{path}: targets are read from a .csv or .xlsx file",
        "id": "{path}: target dibaca dari berkas .csv atau .xlsx",
    },
    "targets_column": {
        "en": "{path}: no column {name!r} (the columns are indicator, period, target)",
        "id": "{path}: tidak ada kolom {name!r} (kolomnya indicator, period, target)",
    },
    "unknown_indicator": {
        "en": "{path}, row {line}: indicator {code!r} is not in the set (it has {known})",
        "id": "{path}, baris {line}: indikator {code!r} tidak ada di set ini (yang ada: {known})",
    },
    "second_target": {
        "en": "{path}, row {line}: a second target for {code} in period {period}",
        "id": "{path}, baris {line}: target kedua untuk {code} pada periode {period}",
    },
    "second_target_any": {
        "en": "{path}, row {line}: a second target for {code} in any period",
        "id": "{path}, baris {line}: target kedua untuk {code} tanpa periode",
    },
    "both_targets": {
        "en": "{path}: {code} has both a target for any period and targets per year",
        "id": "{path}: {code} punya target tanpa periode sekaligus target per tahun",
    },
}
"""Messages of :class:`InputError` per key and language."""


def _error(key: str, **fields: Any) -> InputError:
    texts = _MESSAGES[key]
    return InputError(texts["en"].format(**fields), message_id=texts["id"].format(**fields))


@attrs.frozen
class DataFile:
    """A data table read from a file, with what to call each of its rows in messages."""

    columns: Columns
    """The data: column name to numpy array, in the file's order."""
    rows: tuple[int, ...] | None
    """For each row, its line (CSV) or row number (Excel) in the file; None for Parquet."""
    path: Path
    missing: tuple[str, ...] = ()
    """Variables of the subject that the file has no column for."""

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0


def read_data(
    path: str | os.PathLike[str], subject: IndicatorSet | Indicator | None = None
) -> Columns:
    """The data in ``path`` (``.csv``, ``.xlsx``, ``.parquet``) as a mapping of column name to
    numpy array, ready for :func:`iku.evaluate`; ``subject`` (the set) lets headers and the
    template's label row be recognised, and tells variables (read as numbers) from keys (read as
    text)."""
    return load_data(path, subject).columns


def load_data(
    path: str | os.PathLike[str],
    subject: IndicatorSet | Indicator | None = None,
    *,
    progress: Progress | None = None,
) -> DataFile:
    """Like :func:`read_data`, keeping each row's place in the file for messages."""
    path = arguments.path(path)
    kind = _kind(path)
    if kind == "parquet":
        return _read_parquet(path, subject)
    reading = None if progress is None else (lambda done: progress(0.6 * done))
    if kind == "csv":
        header, raw, numbers, convert = _read_csv(path, reading)
    else:
        header, raw, numbers, convert = _read_xlsx(path, subject, "data")
    return _table(path, header, raw, numbers, convert, subject, progress)


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return "csv"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    if suffix == ".xls":
        raise _error("old_xls", path=path)
    raise _error("file_type", path=path, suffix=suffix or "(none)")


def _check_exists(path: Path) -> None:
    if not path.exists():
        raise _error("no_file", path=path)
    if path.is_dir():
        raise _error("folder", path=path)


Convert = Callable[[list[Any], bool], Any]
"""Turns a raw column of a file into a numpy array: numbers where ``numeric`` (a variable's or
the period's column), else text (a key's column, where ``"0101"`` must stay ``"0101"``)."""


def _read_csv(
    path: Path, progress: Progress | None
) -> tuple[list[str], list[list[Any]], list[int], Convert]:
    """Header, raw columns (lists of text), line numbers and the converter of a CSV file."""
    _check_exists(path)
    raw = path.read_bytes()
    if b"\x00" in raw[:65536]:
        raise _error("not_text", path=path)
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if not text.strip():
        raise _error("empty_file", path=path)
    delimiter = _delimiter(text[:65536], path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip() for h in next(reader)]
    width = len(header)
    columns: list[list[Any]] = [[] for _ in header]
    numbers: list[int] = []
    total = text.count("\n") + 1
    try:
        while chunk := list(itertools.islice(reader, _PROGRESS_ROWS)):
            last = reader.line_num
            regular = all(len(row) == width for row in chunk)
            if regular and last - len(chunk) == (numbers[-1] if numbers else 1):
                # the usual case, one line per row: transposed in C
                for column, cells in zip(columns, zip(*chunk, strict=True), strict=True):
                    column.extend(cells)
                numbers.extend(range(last - len(chunk) + 1, last + 1))
            else:
                _slow_rows(path, chunk, last, width, columns, numbers)
            if progress is not None:
                progress(last / total)
    except csv.Error as error:
        raise _error("bad_csv", path=path, line=reader.line_num, error=error) from None
    if progress is not None:
        progress(1.0)
    comma = delimiter == ";"

    def convert(cells: list[Any], numeric: bool) -> Any:
        return _number_column(cells, comma) if numeric else _text_column(cells)

    return header, columns, numbers, convert


def _slow_rows(
    path: Path,
    chunk: list[list[str]],
    last: int,
    width: int,
    columns: list[list[Any]],
    numbers: list[int],
) -> None:
    """Rows of irregular width, or holding line breaks inside quotes: checked one by one.

    Their line numbers are counted from the end of the chunk, back over the line breaks inside
    their cells."""
    lines = []
    line = last
    for row in reversed(chunk):
        lines.append(line - sum(cell.count("\n") for cell in row))
        line = lines[-1] - 1
    for row, start in zip(chunk, reversed(lines), strict=True):
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            raise _error("long_row", path=path, line=start, cells=len(row), width=width)
        padded = row[:width] + [""] * (width - len(row))
        for column, cell in zip(columns, padded, strict=True):
            column.append(cell)
        numbers.append(start)


def _delimiter(sample: str, path: Path) -> str:
    if path.suffix.lower() == ".tsv":
        return "\t"
    first = sample.splitlines()[0] if sample.strip() else ""
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _text_column(cells: Sequence[Any]) -> Any:
    """A key column: stripped text, ``None`` where empty."""
    out = np.empty(len(cells), dtype=object)
    for n, cell in enumerate(cells):
        text = cell.strip() if isinstance(cell, str) else cell
        out[n] = None if isinstance(text, str) and text.lower() in _MISSING_TEXT else text
    return out


def _number_column(cells: Sequence[str], decimal_comma: bool) -> Any:
    """A variable's column of CSV text: numbers, ``None`` where empty, the text of the rest."""
    if not decimal_comma and len(cells):
        raw = np.array(cells, dtype=str)
        empty = raw == ""
        try:  # the fast way: every cell a number (in English notation) or empty
            values = np.where(empty, "nan", raw).astype(np.float64)
        except ValueError:
            pass
        else:
            return _typed(values, empty)
    texts = [cell.strip() for cell in cells]
    missing = [text.lower() in _MISSING_TEXT for text in texts]
    if decimal_comma:
        texts = [_english(text) for text in texts]
    try:  # every cell a number once cleaned (or empty)
        numbers = np.array(["nan" if m else t for t, m in zip(texts, missing, strict=True)])
        values = numbers.astype(np.float64) if len(texts) else np.zeros(0)
    except ValueError:
        pass
    else:
        return _typed(values, np.array(missing, dtype=bool))
    parsed = [
        None if m else _or_text(parse_number(t), cells[n].strip())
        for n, (t, m) in enumerate(zip(texts, missing, strict=True))
    ]
    return _cells(parsed)


def _english(text: str) -> str:
    """Indonesian notation (``1.234,5``) as English (``1234.5``); other text unchanged."""
    if _ID_NUMBER.match(text.replace(" ", "")):
        return text.replace(" ", "").replace(".", "").replace(",", ".")
    return text


def _or_text(number: float | None, text: str) -> Any:
    return text if number is None else number


def _typed(values: Any, missing: Any) -> Any:
    """A float64 array as int64 when every value is whole, or as an object array with ``None``
    where a cell was empty (a NaN would read as an invalid number, not a missing one)."""
    finite = values[~missing]
    whole = bool(np.all(np.isfinite(finite)) and np.all(finite == np.round(finite)))
    whole = whole and bool(np.all(np.abs(finite) < 2**53))
    if not missing.any():
        return values.astype(np.int64) if whole else values
    out = np.empty(len(values), dtype=object)
    for n, value in enumerate(values.tolist()):
        out[n] = None if missing[n] else (int(value) if whole else value)
    return out


def _cells(values: Sequence[Any]) -> Any:
    """Python values as the tightest array: int64, float64, or object (``None`` kept)."""
    present = [v for v in values if v is not None]
    numeric = all(isinstance(v, int | float) and not isinstance(v, bool) for v in present)
    if numeric and len(present) == len(values):
        if all(isinstance(v, int) and -(2**63) <= v < 2**63 for v in values):
            return np.array(values, dtype=np.int64)
        if all(isinstance(v, float) or abs(v) < 2**53 for v in values):
            return np.array(values, dtype=np.float64)
    out = np.empty(len(values), dtype=object)
    for n, value in enumerate(values):
        out[n] = value
    return out


def parse_number(text: str, *, decimal_comma: bool = False) -> int | float | None:
    """``text`` as a number, or None when it is not one.

    With ``decimal_comma`` (Indonesian), ``1.234,5`` is 1234.5; without, ``1234.5`` is.
    Spaces inside are ignored.

    >>> parse_number("1.234,5", decimal_comma=True), parse_number("12"), parse_number("12 orang")
    (1234.5, 12, None)
    """
    text = text.replace(" ", "").replace("\u00a0", "")
    if decimal_comma:
        if not _ID_NUMBER.match(text):
            return None
        text = text.replace(".", "").replace(",", ".")
    if not _NUMBER.match(text):
        return None
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    return float(text)


def _read_xlsx(
    path: Path, subject: IndicatorSet | Indicator | None, sheet: str
) -> tuple[list[str], list[list[Any]], list[int], Convert]:
    """Header, raw columns, row numbers and the converter of a workbook's sheet."""
    _check_exists(path)
    openpyxl = require("openpyxl", "excel")
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        reason = f"{type(error).__name__}: {error}"
        raise _error("bad_xlsx", path=path, error=reason) from None
    try:
        names = {name.lower(): name for name in wb.sheetnames}
        if sheet in names:
            ws = wb[names[sheet]]
        elif sheet == "data" and len(wb.worksheets) == 1:
            ws = wb.worksheets[0]
        else:
            raise _error("no_sheet", path=path, sheet=sheet, sheets=", ".join(wb.sheetnames))
        values = [list(row) for row in ws.iter_rows(values_only=True)]
    finally:
        wb.close()
    start = _header_row(values, subject)
    if start is None:
        raise _error("empty_sheet", path=path, sheet=ws.title)
    header = ["" if h is None else str(h).strip() for h in values[start]]
    body = values[start + 1 :]
    numbers = list(range(start + 2, start + 2 + len(body)))
    if body and _is_label_row(header, body[0], subject):
        body, numbers = body[1:], numbers[1:]
    width = len(header)
    columns = [[row[n] if n < len(row) else None for row in body] for n in range(width)]

    def convert(cells: list[Any], numeric: bool) -> Any:
        return _cells([_excel_cell(v) if numeric else _excel_key(v) for v in cells])

    return header, columns, numbers, convert


def _header_row(values: Sequence[Sequence[Any]], subject: Any) -> int | None:
    known = _codes(subject) | _PERIOD_ALIASES | {"indicator", "target"}
    first = None
    for n, row in enumerate(values[:20]):
        cells = [str(v).strip().lower() for v in row if v is not None and str(v).strip()]
        if cells and first is None:
            first = n
        if any(c in known for c in cells):
            return n
    return first


def _codes(subject: Any) -> set[str]:
    return {code.lower() for code in _original_codes(subject)}


def _is_label_row(header: Sequence[str], row: Sequence[Any], subject: Any) -> bool:
    """True for the template's row of labels under the codes: its ``period`` cell holds the
    template's words for the period, or it is text only and holds a variable's label."""
    for name, cell in zip(header, row, strict=False):
        if name.strip().lower() in _PERIOD_ALIASES and cell in TEMPLATE_PERIOD_LABELS.values():
            return True
    if not isinstance(subject, IndicatorSet):
        return False
    if any(isinstance(v, int | float) and not isinstance(v, bool) for v in row):
        return False
    texts = {str(v).strip() for v in row if v is not None and str(v).strip()}
    labels = set()
    for v in subject.variables:
        for words in (v.label, v.label_en):
            if words:
                labels |= {words.strip(), f"{words} ({v.unit})".strip() if v.unit else ""}
    return bool(texts & labels)


def _excel_key(value: Any) -> Any:
    if isinstance(value, str):
        stripped = value.strip()
        return None if stripped.lower() in _MISSING_TEXT else stripped
    return _excel_cell(value)


def _excel_cell(value: Any) -> Any:
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.lower() in _MISSING_TEXT:
            return None
        number = parse_number(stripped)
        if number is None and re.fullmatch(r"[+-]?\d+(,\d+)?", stripped.replace(" ", "")):
            number = parse_number(stripped, decimal_comma=True)
        return stripped if number is None else number
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _read_parquet(path: Path, subject: Any) -> DataFile:
    _check_exists(path)
    pq = require("pyarrow.parquet", "parquet")
    try:
        table = pq.read_table(path)
    except Exception as error:  # pyarrow raises many kinds for a broken file
        reason = f"{type(error).__name__}: {error}"
        raise _error("bad_parquet", path=path, error=reason) from None
    header = _rename(path, [str(c) for c in table.column_names], subject)
    columns: Columns = {}
    for name, column in zip(header, table.columns, strict=True):
        if column.null_count == 0 and _numeric_arrow(column.type):
            columns[name] = column.to_numpy()
        else:
            columns[name] = _cells(column.to_pylist())
    return DataFile(columns, None, path, _missing(header, subject))


def _numeric_arrow(kind: Any) -> bool:
    import pyarrow as pa

    return bool(pa.types.is_integer(kind) or pa.types.is_floating(kind))


def _rename(path: Path, header: Sequence[str], subject: Any) -> list[str]:
    """Headers matched to the subject's codes whatever their case; aliases of ``period``."""
    codes = {c.lower(): c for c in _original_codes(subject)}
    out: list[str] = []
    for name in header:
        low = name.strip().lower()
        if low in _PERIOD_ALIASES:
            out.append(PERIOD)
        elif low in codes:
            out.append(codes[low])
        else:
            out.append(name.strip())
    seen: dict[str, int] = {}
    for n, name in enumerate(out):
        if name in seen:
            raise _error("twice", path=path, first=seen[name] + 1, second=n + 1, name=name)
        seen[name] = n
    return out


def _original_codes(subject: Any) -> list[str]:
    if isinstance(subject, IndicatorSet):
        return [v.code for v in subject.variables]
    if isinstance(subject, Indicator):
        return list(subject.variables)
    return []


def _missing(header: Sequence[str], subject: Any) -> tuple[str, ...]:
    used = (
        [c for ind in subject for c in ind.variables]
        if isinstance(subject, IndicatorSet)
        else _original_codes(subject)
    )
    return tuple(c for c in dict.fromkeys(used) if c not in header)


def _table(
    path: Path,
    header: list[str],
    raw: list[list[Any]],
    numbers: list[int],
    convert: Convert,
    subject: Any,
    progress: Progress | None = None,
) -> DataFile:
    codes = set(_original_codes(subject))
    names = _rename(path, [h or f"#{n}" for n, h in enumerate(header)], subject)
    converted = []
    for n, (name, cells) in enumerate(zip(names, raw, strict=True)):
        converted.append(convert(cells, name in codes or name == PERIOD))
        if progress is not None:
            progress(0.6 + 0.4 * (n + 1) / len(names))
    present = [_present(column) for column in converted]
    keep = [n for n, h in enumerate(header) if h or present[n].any()]
    for n in keep:
        if not header[n]:
            raise _error("no_heading", path=path, column=n + 1)
    columns: Columns = {names[n]: converted[n] for n in keep}
    if codes and numbers:
        # a row with no value and no key is a line left empty (say, a template year not filled)
        cells = [present[n] for n in keep if names[n] != PERIOD]
        filled = np.logical_or.reduce(cells) if cells else np.ones(len(numbers), dtype=bool)
        if not filled.all():
            columns = {name: column[filled] for name, column in columns.items()}
            numbers = [line for line, keep_row in zip(numbers, filled, strict=True) if keep_row]
    if PERIOD in columns:
        pairs_ = zip(columns[PERIOD].tolist(), numbers, strict=True)
        columns[PERIOD] = _cells([_year(path, value, line) for value, line in pairs_])
    return DataFile(columns, tuple(numbers), path, _missing(list(columns), subject))


def _present(column: Any) -> Any:
    """True where a cell holds a value."""
    if column.dtype == object:
        return np.array([v is not None for v in column.tolist()], dtype=bool)
    return np.ones(len(column), dtype=bool)


def _year(path: Path, value: Any, line: int) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, dt.date):
        return value.year
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return int(value) if value.isdigit() else value
    raise _error("not_year", path=path, line=line, value=value)


def read_targets(path: str | os.PathLike[str], subject: IndicatorSet | Indicator) -> dict[str, Any]:
    """The targets in ``path`` as :func:`iku.evaluate` takes them: indicator code to a number,
    or to ``{year: number}``; a ``(lo, hi)`` range when a ``target_hi`` column is filled.

    ``path`` is a CSV or a workbook with a sheet ``targets`` (the template's). Columns:
    ``indicator``, ``period`` (optional: a target for any period), ``target``, and optionally
    ``target_hi``. An empty target is skipped (the indicator then has no target that year).
    """
    path = arguments.path(path)
    arguments.instance(subject, (IndicatorSet, Indicator), "subject", "argument.subject")
    kind = _kind(path)
    if kind == "csv":
        header, raw, numbers, convert = _read_csv(path, None)
    elif kind == "xlsx":
        header, raw, numbers, convert = _read_xlsx(path, None, "targets")
    else:
        raise _error("targets_type", path=path)
    cells = [convert(column, True).tolist() for column in raw]
    rows = [list(row) for row in zip(*cells, strict=True)] if cells else []
    return _targets(path, header, rows, numbers, subject)


_TARGET_ALIASES: Final = {
    "indicator": "indicator",
    "indikator": "indicator",
    "kode": "indicator",
    "code": "indicator",
    "period": "period",
    "periode": "period",
    "tahun": "period",
    "year": "period",
    "target": "target",
    "target_hi": "target_hi",
}


def _targets(
    path: Path,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    numbers: Sequence[int],
    subject: IndicatorSet | Indicator,
) -> dict[str, Any]:
    columns = {_TARGET_ALIASES.get(h.strip().lower(), ""): n for n, h in enumerate(header)}
    for name in ("indicator", "target"):
        if name not in columns:
            raise _error("targets_column", path=path, name=name)
    known = subject.codes if isinstance(subject, IndicatorSet) else (subject.code,)
    found: dict[str, dict[Any, Any]] = {}
    for row, line in zip(rows, numbers, strict=True):
        cells = {name: row[n] for name, n in columns.items() if name}
        code, target = cells.get("indicator"), cells.get("target")
        if code is None and target is None:
            continue
        code = str(code).strip() if code is not None else ""
        if code not in known:
            raise _error(
                "unknown_indicator", path=path, line=line, code=code, known=", ".join(known)
            )
        if target is None:
            continue
        target = _target_number(target)
        hi = cells.get("target_hi")
        if hi is not None:
            target = (target, _target_number(hi))
        period = _year(path, cells.get("period"), line)
        per_code = found.setdefault(code, {})
        if period in per_code:
            key = "second_target" if period is not None else "second_target_any"
            raise _error(key, path=path, line=line, code=code, period=period)
        per_code[period] = target
    out: dict[str, Any] = {}
    for code, by_period in found.items():
        if None in by_period and len(by_period) > 1:
            raise _error("both_targets", path=path, code=code)
        out[code] = by_period.get(None, by_period)
    return out


def _target_number(value: Any) -> Any:
    """A target cell as a number; text that is no number is passed on, so the evaluation says
    the target is not a number. A trailing ``%`` is allowed (``80%``)."""
    if isinstance(value, str):
        text = value.rstrip("%").strip()
        number = parse_number(text)
        if number is None:
            number = parse_number(text, decimal_comma=True)
        return value if number is None else number
    return value
