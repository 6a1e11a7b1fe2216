"""Evaluations as Arrow tables, Parquet files and CSV files, from the columnar results.

:func:`arrow_table` lays :class:`~iku.backends.columnar.Results` out as a ``pyarrow.Table``
without a Python object per row: numbers become float64 with a validity bitmap (null where
there is none, never 0), the indicator, predikat and grade dictionary-encoded text, the issue
codes a ``list<string>`` column over the offsets. :func:`write_parquet` and :func:`write_csv`
hand that table to polars' writers when polars is installed (the fastest here) and to pyarrow's
otherwise. In CSV the issue codes are joined by ``;`` and every text cell that a spreadsheet
would run as a formula is neutralised (:mod:`iku.report.safety`).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy as np
import numpy.typing as npt

from iku.backends.columnar import Labels, Results, result_columns
from iku.errors import ArgumentError, MissingDependencyError

__all__ = ["arrow_table", "issue_lists", "pyarrow_module", "write_csv", "write_parquet"]


def pyarrow_module(what: str = "this") -> Any:
    """pyarrow, or a :class:`MissingDependencyError` naming the extra that installs it."""
    try:
        import pyarrow
    except ImportError:
        msg = f"{what} needs pyarrow: pip install 'iku[parquet]'"
        raise MissingDependencyError(msg) from None
    return pyarrow


def issue_lists(results: Results, *, large: bool = False) -> Any:
    """The issue codes of every entry as an Arrow list array of text (``large_list`` with
    ``large``, as polars holds lists)."""
    pa = pyarrow_module()
    text = pa.large_string() if large else pa.string()
    names = pa.array(results.issue_names(), text)  # one text per issue: few
    if large:
        return pa.LargeListArray.from_arrays(pa.array(results.issue_offsets), names)
    offsets = results.issue_offsets.astype(np.int32)
    return pa.ListArray.from_arrays(pa.array(offsets), names)


def arrow_table(results: Results, *, csv: bool = False) -> Any:
    """The results as a ``pyarrow.Table`` with the columns of ``to_frame()``.

    With ``csv``, text cells are neutralised for spreadsheets and the issue codes joined by
    ``;`` (what :func:`write_csv` writes)."""
    return _Layout(results, csv).table(results)


class _Layout:
    """Lays results out as Arrow tables of one schema, slice after slice: the key columns are
    turned into Arrow arrays once, then taken for each slice's rows."""

    def __init__(self, results: Results, csv: bool) -> None:
        self.pa = pa = pyarrow_module("writing results with Arrow")
        results.check_keys()
        self.csv = csv
        self.keys = [
            (str(key.name), _key_array(pa, key.native, key.name, csv)) for key in results.keys
        ]
        self.period = None
        if results.period is not None:
            self.period = _key_array(pa, results.period.native, "period", csv)
        elif results.period_single is not None:
            self.period = _key_array(pa, [results.period_single], "period", csv)
        self.single = results.period is None

    def table(self, results: Results) -> Any:
        pa, csv = self.pa, self.csv
        rows = pa.array(results.row_index())
        names = [name for name, _ in self.keys]
        arrays = [array.take(rows) for _, array in self.keys]
        names.append("indicator")
        arrays.append(_dictionary(pa, results.indicator_index(), results.codes, csv))
        names.append("period")
        if self.period is None:
            arrays.append(pa.nulls(results.size))
        elif self.single:
            arrays.append(self.period.take(pa.array(np.zeros(results.size, dtype=np.int32))))
        else:
            arrays.append(self.period.take(rows))
        for name in result_columns(results.ranged)[2:]:
            names.append(name)
            if name in ("category", "grade"):
                labels = results.category if name == "category" else results.grade
                arrays.append(_labels(pa, labels, csv))
            elif name == "issues":
                lists = issue_lists(results)
                arrays.append(pa.compute.binary_join(lists, ";") if csv else lists)
            else:
                arrays.append(_floats(pa, results.numbers[name]))
        return pa.Table.from_arrays(arrays, names=names)


def _floats(pa: Any, x: npt.NDArray[np.float64]) -> Any:
    """float64 without a copy, null where NaN."""
    missing = np.isnan(x)
    count = int(np.count_nonzero(missing))
    if not count:
        return pa.array(x)
    bitmap = pa.py_buffer(np.packbits(~missing, bitorder="little"))
    return pa.Array.from_buffers(pa.float64(), len(x), [bitmap, pa.py_buffer(x)], count)


def _dictionary(pa: Any, index: npt.NDArray[Any], names: tuple[str, ...], csv: bool) -> Any:
    values = [_safe(name) for name in names] if csv else list(names)
    return pa.DictionaryArray.from_arrays(pa.array(index), pa.array(values, pa.string()))


def _labels(pa: Any, labels: Labels, csv: bool) -> Any:
    codes = labels.codes
    missing = codes < 0
    index = pa.array(codes, mask=missing) if missing.any() else pa.array(codes)
    values = [_safe(name) for name in labels.labels] if csv else list(labels.labels)
    return pa.DictionaryArray.from_arrays(
        index, pa.array(values, pa.string()), ordered=labels.ordered
    )


def _safe(text: str) -> str:
    """``text`` as it is, with the prefix a cell that starts like a formula needs (a data
    export keeps its text; :func:`iku.report.safety.csv_cell` also shows control characters)."""
    from iku.report.safety import CSV_PREFIX, FORMULA_START

    return CSV_PREFIX + text if text.startswith(FORMULA_START) else text


def _key_array(pa: Any, native: Any, name: Any, csv: bool) -> Any:
    """A key column as an Arrow array (text neutralised for CSV with ``csv``)."""
    pandas, polars = sys.modules.get("pandas"), sys.modules.get("polars")
    try:
        if pandas is not None and isinstance(native, pandas.Series):
            array = pa.Array.from_pandas(native)
        elif polars is not None and isinstance(native, polars.Series):
            array = native.to_arrow()
        elif isinstance(native, np.ndarray) and native.dtype != object:
            array = pa.array(native)
        else:
            array = pa.array(list(native))
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as error:
        msg = (
            f"key column {name!r} holds values that Arrow cannot store in one column "
            f"({error}); give it one type (say, text) to write it"
        )
        raise ArgumentError(msg) from None
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    return _safe_text(pa, array) if csv else array


def _safe_text(pa: Any, array: Any) -> Any:
    """Text cells that a spreadsheet would run as formulas, neutralised."""
    from iku.report.safety import CSV_PATTERN, CSV_PREFIX

    kind = array.type
    if pa.types.is_dictionary(kind):
        values = _safe_text(pa, array.dictionary)
        return pa.DictionaryArray.from_arrays(array.indices, values, ordered=kind.ordered)
    if not (
        pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind)
    ):
        return array
    pc = pa.compute
    risky = pc.match_substring_regex(array, CSV_PATTERN)
    if not pc.any(risky).as_py():
        return array
    prefixed = pc.binary_join_element_wise(pa.scalar(CSV_PREFIX, kind), array, pa.scalar("", kind))
    return pc.if_else(risky, prefixed, array)


def write_parquet(slices: Callable[[], Iterable[Results]], path: str | os.PathLike[str]) -> None:
    """Write results to a Parquet file at ``path`` (zstd-compressed); ``slices()`` gives them
    in slices of rows (:func:`iku.backends.columnar.batches`), and may be called twice. With
    polars installed, the slices stream into polars' writer (about twice as fast as pyarrow's,
    which writes one column at a time); where that cannot be done (a polars without IO
    sources, or whose sink refuses), pyarrow writes a row group per slice. Either way one slice
    is laid out at a time."""
    pa = pyarrow_module("to_parquet")
    polars = _polars()
    if polars is not None and _sink_parquet(polars, slices(), path):
        return
    import pyarrow.parquet as pq

    layout = writer = None
    try:
        for results in slices():
            layout = layout or _Layout(results, csv=False)
            table = layout.table(results)
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema, compression="zstd")
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()
    del pa


def write_csv(parts: Iterable[Results], path: str | os.PathLike[str]) -> None:
    """Write results, given in slices of rows, to a CSV file at ``path`` (UTF-8, a header row,
    ``,`` between cells, an empty cell for a missing number, the issue codes joined by ``;``,
    text that a spreadsheet would run as a formula neutralised). polars' writer is used when
    polars is installed (several times faster), else pyarrow's."""
    pa = pyarrow_module("to_csv")
    polars = _polars()
    layout: _Layout | None = None
    if polars is not None:
        with open(path, "wb") as file:
            for results in parts:
                header = layout is None
                layout = layout or _Layout(results, csv=True)
                polars.from_arrow(layout.table(results)).write_csv(file, include_header=header)
        return
    import pyarrow.csv as pcsv

    writer = None
    try:
        for results in parts:
            layout = layout or _Layout(results, csv=True)
            table = layout.table(results)
            writer = writer or pcsv.CSVWriter(path, table.schema)
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()
    del pa


def _sink_parquet(polars: Any, parts: Iterable[Results], path: str | os.PathLike[str]) -> bool:
    """Stream the slices into polars' Parquet writer through an IO source (a LazyFrame whose
    batches are the slices); False, with no file left behind, where this polars has no IO
    sources or its sink fails (``polars.io.plugins`` is young and marked unstable)."""
    try:
        from polars.io.plugins import register_io_source
    except ImportError:
        return False
    slices = iter(parts)
    first = next(slices)  # batches() yields at least one slice
    layout = _Layout(first, csv=False)
    head = polars.from_arrow(layout.table(first))

    def source(columns: Any, predicate: Any, n_rows: Any, batch_size: Any) -> Iterator[Any]:
        # a sink reads every column and row: nothing is pushed down, yet honour it if asked
        later = (polars.from_arrow(layout.table(results)) for results in slices)
        left = n_rows
        for frame in itertools.chain([head], later):
            if columns is not None:
                frame = frame.select(columns)
            if predicate is not None:
                frame = frame.filter(predicate)
            if left is not None:
                frame, left = frame.head(left), left - min(left, frame.height)
            yield frame
            if left == 0:
                return

    try:
        frames = register_io_source(source, schema=head.schema)
        frames.sink_parquet(os.fspath(path), compression="zstd", maintain_order=True)
    except (MemoryError, KeyboardInterrupt):
        raise
    except Exception:  # an IO source is unstable in polars: pyarrow's writer does it instead
        with contextlib.suppress(OSError):
            os.remove(path)
        return False
    return True


def _polars() -> Any | None:
    try:
        import polars
    except ImportError:
        return None
    return polars
