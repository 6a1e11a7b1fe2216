"""What kind of data a value is, found without importing numpy, pandas or polars.

A pandas DataFrame can only exist if pandas was imported, so looking in ``sys.modules`` first
keeps a one-unit evaluation (a plain mapping) from paying for libraries it does not use.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

__all__ = ["is_pandas_frame", "is_polars_frame", "is_series", "sequence_length"]


def is_pandas_frame(data: object) -> bool:
    """True for a pandas DataFrame."""
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(data, pandas.DataFrame)


def is_polars_frame(data: object) -> bool:
    """True for a polars DataFrame or LazyFrame."""
    polars = sys.modules.get("polars")
    return polars is not None and isinstance(data, polars.DataFrame | polars.LazyFrame)


def is_series(value: object) -> bool:
    """True for a pandas Series or Index, or a polars Series."""
    pandas, polars = sys.modules.get("pandas"), sys.modules.get("polars")
    return (pandas is not None and isinstance(value, pandas.Series | pandas.Index)) or (
        polars is not None and isinstance(value, polars.Series)
    )


def sequence_length(value: object) -> int | None:
    """The length of a column-like value (a 1-D array, a list, a tuple, a Series...); None for
    anything else, text included.

    >>> sequence_length([1, 2, 3]), sequence_length("abc"), sequence_length(5)
    (3, None, None)
    """
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(value, numpy.ndarray):
        return len(value) if value.ndim == 1 else None
    if isinstance(value, str | bytes | bytearray | Mapping):
        return None
    if isinstance(value, Sequence) or is_series(value):
        return len(value)  # type: ignore[arg-type]
    return None
