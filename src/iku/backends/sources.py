"""What ``evaluate`` takes from a file reader: data and targets that know where each value was.

A reader (``iku.io``) returns a data file and a targets file; ``evaluate`` takes them as they are,
by what they have rather than by their class (the two protocols below), so that this module needs
nothing from the readers and a user may write their own:

- :class:`DataSource`: ``columns`` (a mapping of column name to a column: a numpy array, a list,
  a Series), ``issues`` (found while reading: each with its place) and ``place(row, column)``,
  the place of a cell as text (``"data.csv:12"``, ``"data!C7"``), None when unknown.
- :class:`TargetsSource`: ``targets`` (a mapping as ``evaluate``'s ``targets`` takes it),
  ``issues`` and ``place(code, period)``.

``evaluate`` evaluates their contents, keeps their issues first in ``Evaluation.issues``, and
gives every issue about input row ``i`` and variable ``v`` the place ``data.place(i, v)``.

>>> class Data:
...     columns = {"a": [1, 2]}
...     issues = ()
...     def place(self, row, column=None):
...         return f"mine.csv:{row + 2}"
>>> is_data_source(Data()), is_data_source({"a": [1, 2]})
(True, False)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from iku.backends.shapes import is_pandas_frame, is_polars_frame

if TYPE_CHECKING:
    from iku.validation import Issue

__all__ = ["DataSource", "TargetsSource", "is_data_source", "is_targets_source"]


class DataSource(Protocol):
    """Data read from a file: its columns, what reading found, and where each cell was."""

    @property
    def columns(self) -> Mapping[Any, Any]:
        """Column name to column (a numpy array, a list, a pandas or polars Series)."""
        ...

    @property
    def issues(self) -> Sequence[Issue]:
        """Issues found while reading (``ambiguous_number``, ``unreadable_cell``,
        ``duplicate_column``...), each with its place."""
        ...

    def place(self, row: int, column: str | None = None) -> str | None:
        """The place of row ``row`` (from 0, as in ``columns``), or of its cell in ``column``:
        ``"data.csv:12"``, ``"data!C7"``; None when unknown."""
        ...


class TargetsSource(Protocol):
    """Targets read from a file: the targets, what reading found, and where each target was."""

    @property
    def targets(self) -> Mapping[Any, Any]:
        """Indicator code to a target, a range or ``{period: target}``, as ``evaluate`` takes
        them."""
        ...

    @property
    def issues(self) -> Sequence[Issue]:
        """Issues found while reading (``duplicate_target``, ``unknown_indicator``, a target
        that is no number...), each with its place."""
        ...

    def place(self, code: str, period: object = None) -> str | None:
        """The place of the target of ``code`` for ``period`` (None: the row without one)."""
        ...


def _has(value: object, *names: str) -> bool:
    return all(hasattr(value, name) for name in names)


def is_data_source(value: object) -> bool:
    """True for a :class:`DataSource` (a data frame, which has ``columns`` too, is not one)."""
    if is_pandas_frame(value) or is_polars_frame(value) or isinstance(value, Mapping):
        return False
    return _has(value, "columns", "issues") and callable(getattr(value, "place", None))


def is_targets_source(value: object) -> bool:
    """True for a :class:`TargetsSource`."""
    if is_pandas_frame(value) or is_polars_frame(value) or isinstance(value, Mapping):
        return False
    return _has(value, "targets", "issues") and callable(getattr(value, "place", None))
