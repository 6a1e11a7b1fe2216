"""Reading data and targets from files: CSV, Excel (the filled template as it is) and Parquet.

A data file has one column per variable, headed by the variable's code; every other column is a
key (a unit such as ``kecamatan``), and an optional ``period`` column holds the year. A targets
file has the columns ``indicator``, ``period`` and ``target`` (and optionally ``target_hi`` for a
range). Both are what :func:`iku.evaluate` takes once read.

Files written by hand are forgiving where it costs nothing and strict where a guess could be
wrong:

- a number typed as text (``"12"``) is a number; text that is not a number (``"12 orang"``,
  ``"abc"``) is kept as it is, so the evaluation reports it as ``not_a_number`` on its row;
- a CSV separated by ``;`` (as Excel writes it in Indonesian) reads ``1.234,5`` as 1234.5;
- an empty cell (or ``NA``, ``-``) is a missing value; a row with no number at all is skipped
  (the template's years prefilled but not filled in);
- headers match variable codes whatever their case; ``tahun`` and ``year`` mean ``period``;
- in the template, the row of labels under the codes is recognised and skipped.

>>> import iku, tempfile, pathlib
>>> s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
>>> path = pathlib.Path(tempfile.mkdtemp()) / "data.csv"
>>> _ = path.write_text("tahun;psks_diberdayakan;PSKS\\n2025;45;1.050\\n2026;;\\n")
>>> read_data(path, s)
   period  psks_diberdayakan  psks
0    2025                 45  1050
"""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from iku.errors import IkuError
from iku.model import Indicator, IndicatorSet

__all__ = ["InputError", "read_data", "read_targets"]

PERIOD: Final = "period"
_PERIOD_ALIASES: Final = frozenset({"period", "periode", "tahun", "year"})
_MISSING_TEXT: Final = frozenset({"", "na", "n/a", "nan", "null", "none", "-", "–", "—"})
_NUMBER: Final = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\Z")
_ID_NUMBER: Final = re.compile(r"[+-]?\d{1,3}(\.\d{3})*(,\d+)?\Z|[+-]?\d+(,\d+)?\Z")
_CHUNK_ROWS: Final = 200_000

Progress = Callable[[float], None]
"""Called with the fraction of a file read so far (0 to 1)."""


class InputError(IkuError, ValueError):
    """A data or targets file cannot be read as one: it names the file and what is wrong."""


@attrs.frozen
class DataFile:
    """A data table read from a file, with what to call each of its rows in messages."""

    frame: Any
    """The data as a pandas DataFrame."""
    rows: tuple[int, ...] | None
    """For each row of ``frame``, its line (CSV) or row number (Excel) in the file."""
    path: Path
    missing: tuple[str, ...] = ()
    """Variables of the subject that the file has no column for."""


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError as error:  # pragma: no cover - depends on the environment
        msg = "reading files needs pandas: pip install 'iku[pandas]'"
        raise ImportError(msg) from error
    return pd


def read_data(path: str | os.PathLike[str], subject: IndicatorSet | Indicator | None = None) -> Any:
    """The data in ``path`` (``.csv``, ``.xlsx``, ``.parquet``) as a pandas DataFrame ready for
    :func:`iku.evaluate`; ``subject`` (the set) lets headers and the template's label row be
    recognised."""
    return load_data(path, subject).frame


def load_data(
    path: str | os.PathLike[str],
    subject: IndicatorSet | Indicator | None = None,
    *,
    progress: Progress | None = None,
) -> DataFile:
    """Like :func:`read_data`, keeping each row's place in the file for messages."""
    path = Path(path)
    kind = _kind(path)
    if kind == "parquet":
        return _read_parquet(path, subject)
    if kind == "csv":
        header, columns, numbers, convert = _read_csv(path, progress)
    else:
        header, columns, numbers, convert = _read_xlsx(path, subject, "data")
    return _table(path, header, columns, numbers, convert, subject)


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        return "csv"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    if suffix == ".xls":
        msg = f"{path}: old .xls workbooks are not read; save it as .xlsx (Excel Workbook)"
        raise InputError(msg)
    msg = f"{path}: unknown file type {suffix or '(none)'!r}; use .csv, .xlsx or .parquet"
    raise InputError(msg)


def _check_exists(path: Path) -> None:
    if not path.exists():
        msg = f"{path}: no such file"
        raise InputError(msg)
    if path.is_dir():
        msg = f"{path}: is a folder, not a file"
        raise InputError(msg)


Convert = Callable[[Any, bool], Any]
"""Turns a raw column of a file into values: numbers where ``numeric`` (a variable's column),
else text (a key's column, where ``"0101"`` must stay ``"0101"``)."""


def _read_csv(
    path: Path, progress: Progress | None
) -> tuple[list[str], list[Any], list[int], Convert]:
    """Header, raw columns (pandas Series of text), line numbers and the converter of a CSV."""
    _check_exists(path)
    pd = _pandas()
    with path.open("rb") as handle:
        sample = handle.read(65536)
    if b"\x00" in sample:
        msg = f"{path}: this is not a text (CSV) file"
        raise InputError(msg)
    if not sample.strip():
        msg = f"{path}: the file is empty"
        raise InputError(msg)
    delimiter = _delimiter(sample.decode("latin-1"), path)
    size = max(path.stat().st_size, 1)
    for encoding in ("utf-8-sig", "cp1252"):
        chunks = []
        try:
            with path.open("rb") as handle:
                reader = pd.read_csv(
                    handle,
                    sep=delimiter,
                    dtype=str,
                    keep_default_na=False,
                    na_filter=False,
                    encoding=encoding,
                    chunksize=_CHUNK_ROWS,
                    skip_blank_lines=False,
                )
                for chunk in reader:
                    chunks.append(chunk)
                    if progress is not None:
                        progress(min(handle.tell() / size, 1.0))
            break
        except UnicodeDecodeError:
            continue
        except pd.errors.ParserError as error:
            msg = f"{path}: not readable as CSV ({' '.join(str(error).split())})"
            raise InputError(msg) from None
    else:  # pragma: no cover - cp1252 decodes nearly anything
        msg = f"{path}: cannot decode the file as UTF-8 or Windows-1252 text"
        raise InputError(msg)
    frame = pd.concat(chunks, ignore_index=True) if chunks else pd.DataFrame(columns=[])
    header = [str(h).strip() for h in frame.columns]
    header = ["" if h.startswith("Unnamed: ") else h for h in header]
    comma = delimiter == ";"
    columns = [frame.iloc[:, n] for n in range(frame.shape[1])]
    numbers = list(range(2, 2 + len(frame)))

    def convert(texts: Any, numeric: bool) -> Any:
        if numeric:
            return _text_column(pd, texts, comma)
        stripped = texts.str.strip()
        return stripped.where(~stripped.str.lower().isin(_MISSING_TEXT), None).astype(object)

    return header, columns, numbers, convert


def _text_column(pd: Any, texts: Any, decimal_comma: bool) -> Any:
    """A column of CSV cells as values: None for empty, numbers, and the text of the rest."""
    stripped = texts.str.strip()
    missing = stripped.str.lower().isin(_MISSING_TEXT)
    candidate = stripped.str.replace(" ", "", regex=False).str.replace("\u00a0", "", regex=False)
    if decimal_comma:
        id_form = candidate.str.fullmatch(_ID_NUMBER.pattern)
        candidate = candidate.where(
            ~id_form, candidate.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
        )
        candidate = candidate.where(id_form | missing, "x")
    numbers = pd.to_numeric(candidate.where(~missing, None), errors="coerce")
    bad = numbers.isna() & ~missing
    if not bad.any():
        if missing.any():
            return numbers.astype("float64")
        return numbers
    out = numbers.astype(object).where(~numbers.isna(), None)
    out = out.where(~bad, stripped)
    return out.astype(object)


def _delimiter(sample: str, path: Path) -> str:
    first = sample.splitlines()[0] if sample.strip() else ""
    if path.suffix.lower() == ".tsv":
        return "\t"
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


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
) -> tuple[list[str], list[Any], list[int], Convert]:
    """Header, raw columns, row numbers and the converter of a workbook's sheet."""
    _check_exists(path)
    try:
        import openpyxl
    except ImportError as error:  # pragma: no cover - depends on the environment
        msg = "Excel files need openpyxl: pip install 'iku[excel]'"
        raise ImportError(msg) from error
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        msg = f"{path}: not a readable Excel workbook ({type(error).__name__}: {error})"
        raise InputError(msg) from None
    try:
        names = {name.lower(): name for name in wb.sheetnames}
        if sheet in names:
            ws = wb[names[sheet]]
        elif sheet == "data":
            ws = wb.worksheets[0] if len(wb.worksheets) == 1 else None
            if ws is None:
                msg = f"{path}: no sheet named 'data' (sheets: {', '.join(wb.sheetnames)})"
                raise InputError(msg)
        else:
            msg = f"{path}: no sheet named {sheet!r} (sheets: {', '.join(wb.sheetnames)})"
            raise InputError(msg)
        values = [list(row) for row in ws.iter_rows(values_only=True)]
    finally:
        wb.close()
    start = _header_row(values, subject)
    if start is None:
        msg = f"{path}: sheet {ws.title!r} is empty"
        raise InputError(msg)
    header = ["" if h is None else str(h).strip() for h in values[start]]
    body = values[start + 1 :]
    numbers = list(range(start + 2, start + 2 + len(body)))
    if body and _is_label_row(header, body[0], subject):
        body, numbers = body[1:], numbers[1:]
    width = len(header)
    rows = [list(row[:width]) + [None] * (width - len(row)) for row in body]
    pd = _pandas()
    columns = [pd.Series([row[n] for row in rows], dtype=object) for n in range(width)]

    def convert(cells: Any, numeric: bool) -> Any:
        if numeric:
            return _column(pd, [_excel_cell(v) for v in cells])
        return _column(pd, [_excel_key(v) for v in cells])

    return header, columns, numbers, convert


def _header_row(values: Sequence[Sequence[Any]], subject: Any) -> int | None:
    known = _codes(subject) | _PERIOD_ALIASES
    first = None
    for n, row in enumerate(values[:20]):
        cells = [str(v).strip().lower() for v in row if v is not None and str(v).strip()]
        if cells and first is None:
            first = n
        if any(c in known for c in cells):
            return n
    return first


def _codes(subject: Any) -> set[str]:
    if isinstance(subject, IndicatorSet):
        return {v.code.lower() for v in subject.variables}
    if isinstance(subject, Indicator):
        return {v.lower() for v in subject.variables}
    return set()


def _is_label_row(header: Sequence[str], row: Sequence[Any], subject: Any) -> bool:
    """True for the template's row of labels: text only, equal to the variables' labels."""
    if any(isinstance(v, int | float) and not isinstance(v, bool) for v in row):
        return False
    texts = [str(v).strip() for v in row if v is not None and str(v).strip()]
    if not texts:
        return False
    if not isinstance(subject, IndicatorSet):
        return False
    labels = set()
    for v in subject.variables:
        for words in (v.label, v.label_en):
            if words:
                labels |= {words, f"{words} ({v.unit})" if v.unit else words}
    return any(t in labels for t in texts)


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
    pd = _pandas()
    try:
        frame = pd.read_parquet(path)
    except ImportError:
        raise
    except Exception as error:  # pyarrow raises many kinds for a broken file
        msg = f"{path}: not a readable Parquet file ({type(error).__name__}: {error})"
        raise InputError(msg) from None
    header = _rename(path, [str(c) for c in frame.columns], subject)
    frame.columns = header
    return DataFile(frame, None, path, _missing(header, subject))


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
            msg = (
                f"{path}: columns {seen[name] + 1} and {n + 1} are both {name!r}; "
                "each column must appear once"
            )
            raise InputError(msg)
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
    raw: list[Any],
    numbers: list[int],
    convert: Convert,
    subject: Any,
) -> DataFile:
    pd = _pandas()
    codes = set(_original_codes(subject))
    names = _rename(path, [h or f"#{n}" for n, h in enumerate(header)], subject)
    pairs = zip(names, raw, strict=True)
    columns = [convert(col, name in codes or name == PERIOD) for name, col in pairs]
    keep = [n for n, h in enumerate(header) if h or columns[n].notna().any()]
    for n in keep:
        if not header[n]:
            msg = f"{path}: column {n + 1} has values but no heading"
            raise InputError(msg)
    header = [names[n] for n in keep]
    frame = pd.DataFrame({n: columns[k] for n, k in enumerate(keep)})
    frame.columns = header
    if codes:
        # a row with no value and no key is a line left empty (say, a template year not filled)
        cells = [name for name in header if name != PERIOD]
        filled = frame[cells].notna().any(axis=1).to_numpy() if cells else None
        if filled is not None and not filled.all():
            frame = frame[filled].reset_index(drop=True)
            numbers = [line for line, keep_row in zip(numbers, filled, strict=True) if keep_row]
    if PERIOD in frame.columns:
        pairs = zip(frame[PERIOD], numbers, strict=True)
        years = [_year(path, value, line) for value, line in pairs]
        frame[PERIOD] = _column(pd, years)
    return DataFile(frame, tuple(numbers), path, _missing(header, subject))


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
    if hasattr(value, "is_integer") and value.is_integer():  # numpy scalars
        return int(value)
    msg = f"{path}, row {line}: period {value!r} is not a year"
    raise InputError(msg)


def _column(pd: Any, cells: list[Any]) -> Any:
    """A column typed as tightly as its cells allow: int64, float64 (None as NaN) or object."""
    present = [c for c in cells if c is not None]
    numeric = all(isinstance(c, int | float) and not isinstance(c, bool) for c in present)
    if present and numeric:
        whole = len(present) == len(cells) and all(isinstance(c, int) for c in present)
        if whole and all(-(2**63) <= c < 2**63 for c in present):
            return pd.Series(cells, dtype="int64")
        if all((isinstance(c, int) and abs(c) < 2**53) or isinstance(c, float) for c in present):
            return pd.Series([math.nan if c is None else c for c in cells], dtype="float64")
    return pd.Series(cells, dtype="object")


def read_targets(path: str | os.PathLike[str], subject: IndicatorSet | Indicator) -> dict[str, Any]:
    """The targets in ``path`` as :func:`iku.evaluate` takes them: indicator code to a number,
    or to ``{year: number}``; a range when a ``target_hi`` column is filled.

    ``path`` is a CSV or a workbook with a sheet ``targets`` (the template's). Columns:
    ``indicator``, ``period`` (optional: a target for any period), ``target``, and optionally
    ``target_hi``. An empty target is skipped (the indicator then has no target that year).
    """
    path = Path(path)
    kind = _kind(path)
    if kind == "csv":
        header, columns, numbers, convert = _read_csv(path, None)
    elif kind == "xlsx":
        header, columns, numbers, convert = _read_xlsx(path, None, "targets")
    else:
        msg = f"{path}: targets are read from a .csv or .xlsx file"
        raise InputError(msg)
    cells = [[_none(v) for v in convert(column, True).tolist()] for column in columns]
    rows = [list(row) for row in zip(*cells, strict=True)]
    return _targets(path, header, rows, numbers, subject)


def _none(value: Any) -> Any:
    return None if isinstance(value, float) and math.isnan(value) else value


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
            msg = f"{path}: no column {name!r} (the columns are indicator, period, target)"
            raise InputError(msg)
    known = subject.codes if isinstance(subject, IndicatorSet) else (subject.code,)
    found: dict[str, dict[Any, Any]] = {}
    for row, line in zip(rows, numbers, strict=True):
        cells = {name: row[n] if n < len(row) else None for name, n in columns.items() if name}
        code, target = cells.get("indicator"), cells.get("target")
        if code is None and target is None:
            continue
        code = str(code).strip() if code is not None else ""
        if code not in known:
            msg = (
                f"{path}, row {line}: indicator {code!r} is not in the set "
                f"(it has {', '.join(known)})"
            )
            raise InputError(msg)
        if target is None:
            continue
        target = _target_number(target)
        hi = cells.get("target_hi")
        if hi is not None:
            target = (target, _target_number(hi))
        period = cells.get("period")
        period = _year(path, period, line)
        if isinstance(period, str) and period.isdigit():
            period = int(period)
        per_code = found.setdefault(code, {})
        if period in per_code:
            when = f"period {period}" if period is not None else "any period"
            msg = f"{path}, row {line}: a second target for {code} in {when}"
            raise InputError(msg)
        per_code[period] = target
    out: dict[str, Any] = {}
    for code, by_period in found.items():
        if None in by_period and len(by_period) > 1:
            msg = f"{path}: {code} has both a target for any period and targets per year"
            raise InputError(msg)
        out[code] = by_period.get(None, by_period)
    return out


def _target_number(value: Any) -> Any:
    """A target cell as a number; text that is no number is passed on, so the evaluation says
    the target is not a number. A trailing ``%`` is allowed (``80%``)."""
    if isinstance(value, str):
        number = parse_number(value.rstrip("%").strip())
        if number is None:
            number = parse_number(value.rstrip("%").strip(), decimal_comma=True)
        return value if number is None else number
    return value
