"""Reading a Parquet file (``pip install 'iku[parquet]'``): its columns keep their types.

A numeric column is read as it is (a null or a NaN is a missing value); a column of text is read
as a CSV's is (one convention per column); a date or timestamp ``period`` column gives its year,
so that per-year targets find it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from iku.io.datafile import (
    Column,
    DataFile,
    Found,
    Layout,
    assemble,
    python_keys,
    python_periods,
)
from iku.io.numbers import Cells, DecimalMark, classify_objects
from iku.io.paths import check_file, error
from iku.model import Indicator, IndicatorSet
from iku.optional import require

__all__ = ["read_parquet"]


class ParquetColumn(Column):
    """A typed column of a Parquet file."""

    def __init__(self, column: Any) -> None:
        import pyarrow as pa

        kind = column.type
        if pa.types.is_dictionary(kind):
            column = column.cast(kind.value_type)
            kind = column.type
        if pa.types.is_large_string(kind) or pa.types.is_string_view(kind):
            column = column.cast(pa.string())
            kind = column.type
        self.column = column
        self.kind = kind
        self.n = len(column)

    def _is(self, test: str) -> bool:
        import pyarrow as pa

        return bool(getattr(pa.types, test)(self.kind))

    def cells(self) -> list[Cells]:
        from iku.io.arrow import classify_arrow

        if self._is("is_integer") or self._is("is_floating") or self._is("is_decimal"):
            import pyarrow as pa

            values = np.array(
                self.column.cast(pa.float64()).to_numpy(), dtype=np.float64, copy=True
            )
            missing = np.isnan(values)  # a null, or a NaN: no value (as the text nan is)
            return [Cells(values, None, missing if missing.any() else None)]
        if self._is("is_string"):
            return [classify_arrow(chunk) for chunk in self.column.chunks]
        return [classify_objects(self.column.to_pylist())]

    def text(self, row: int) -> str:
        value = self.column[row].as_py()
        return value if isinstance(value, str) else str(value)

    def values(self) -> Sequence[Any]:
        return list(self.column.to_pylist())

    def keys(self) -> Found:
        from iku.io.arrow import key_values

        if self._is("is_string"):
            array, present, bad, count = key_values(self.column)
            return Found(array, present, bad, count)
        if self._is("is_integer") and not self.column.null_count:
            values = self.column.to_numpy()
            return Found(np.asarray(values), np.ones(self.n, dtype=bool))
        return python_keys(self.values())

    def periods(self) -> Found:
        if self._is("is_date") or self._is("is_timestamp"):
            return python_periods(self.column.to_pylist())  # years, or months (iku.periods)
        if self._is("is_integer") and not self.column.null_count:
            values = np.asarray(self.column.to_numpy(), dtype=np.int64)
            return Found(values, np.ones(self.n, dtype=bool))
        return python_periods(self.values())


def read_parquet(
    path: Path, subject: IndicatorSet | Indicator | None, *, decimal: DecimalMark | None
) -> DataFile:
    """The data of the Parquet file ``path``."""
    check_file(path)
    pq = require("pyarrow.parquet", "parquet")
    try:
        table = pq.read_table(path)
    except Exception as cause:  # pyarrow raises many kinds for a broken file
        raise error("bad_parquet", path=path, error=f"{type(cause).__name__}: {cause}") from None
    header = [str(name) for name in table.column_names]
    columns = [ParquetColumn(table.column(n)) for n in range(table.num_columns)]
    return assemble(
        Layout(path, None),
        header,
        columns,
        subject,
        asked=decimal,
        stated=None,
        no_heading=lambda n: error("no_heading", path=path, column=n),
    )
