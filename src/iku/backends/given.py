"""A realisasi given directly: a column named like an indicator's code, on whole columns.

Many reports publish an indicator's realisasi as a percentage without its counts. A data column
named like the indicator's code (``IKU-2``, any case) gives it: where a row holds a number, that
number is the indicator's value (checked: finite, within 0 to the factor for a proportion,
within the scale for an index) and the indicator's parts, where present, only cross-check it
(``realisasi_mismatch`` when they disagree by more than the given number's last printed
decimal); where the cell is empty, the value is computed from the parts as usual. The one-unit
backend does the same (``iku.backends.scalar``), value for value.

With ``by``, a group of one row takes its row's given realisasi; a group of several rows cannot
sum percentages: it is computed from its parts, with ``realisasi_not_summed``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from iku.backends.columns import Column
from iku.backends.issues import MaskSource, Source
from iku.backends.kernels import Kernel
from iku.backends.scalar import given_bounds, mismatch_issue
from iku.validation import (
    MISSING,
    OK,
    STATUS_CODES,
    Issue,
    IssueCode,
    check_values,
    make_issue,
    show_value,
)

__all__ = ["GivenColumn", "apply_given", "given_column"]

Floats = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]
Codes = npt.NDArray[np.intp]


class GivenColumn:
    """One indicator's given realisasi per output row: ``values``, ``status`` (``MISSING``
    where none is given; None when every row gives a number), the raw cell of an output row,
    and, with ``by``, the groups whose several rows give one (``not_summed``)."""

    __slots__ = ("name", "not_summed", "raw", "status", "values")

    def __init__(
        self,
        name: Any,
        values: Floats,
        status: npt.NDArray[np.int8] | None,
        raw: Callable[[int], object],
        not_summed: Mask | None = None,
    ) -> None:
        self.name, self.values, self.status, self.raw = name, values, status, raw
        self.not_summed = not_summed


def given_column(
    name: Any, column: Column, groups: Codes | None = None, count: int = 0
) -> GivenColumn:
    """The given realisasi of the data column ``name``, per input row, or per group of ``groups``
    (``count`` groups) with ``by``."""
    status = check_values(
        column.values,
        "real",
        None,
        status=column.status,
        nan_is_missing=column.nan_is_missing,
        integral=column.integral,
    )
    if groups is None:
        return GivenColumn(name, column.values, status, column.raw)
    n = len(column.values)
    sizes = np.bincount(groups, minlength=count)
    first = np.zeros(count, dtype=np.intp)
    first[groups[::-1]] = np.arange(n - 1, -1, -1)  # each group's first row
    present = np.ones(n, dtype=bool) if status is None else status != MISSING
    several = (np.bincount(groups, weights=present, minlength=count) > 0) & (sizes > 1)
    grouped = np.full(count, MISSING, dtype=np.int8)
    if status is None:
        grouped[sizes == 1] = OK
    else:
        grouped[sizes == 1] = status[first[sizes == 1]]
    values = column.values[first] if count else np.empty(0)
    return GivenColumn(
        name,
        values,
        grouped,
        lambda i: column.raw(int(first[i])),
        several if several.any() else None,
    )


class _StatusSource(Source):
    """A given realisasi that is no finite number: its check's code, row by row."""

    def __init__(self, code: str, given: GivenColumn, status: npt.NDArray[np.int8]) -> None:
        self.code, self.given, self.status = code, given, status
        self.mask = status != OK

    def issues(self, i: int, row: Any) -> list[Issue]:
        return [
            make_issue(
                STATUS_CODES[int(self.status[i])],  # type: ignore[arg-type]
                indicator=self.code,
                variable=str(self.given.name),
                row=row,
                value=show_value(self.given.raw(i)),
            )
        ]

    def codes(self, i: int) -> list[IssueCode]:
        return [STATUS_CODES[int(self.status[i])]]  # type: ignore[list-item]


def _tolerance(given: Floats, computed: Floats) -> Floats:
    """:func:`iku.backends.scalar.mismatch_tolerance` on columns."""
    size = np.maximum(1.0, np.abs(given))
    places = np.full(len(given), 9.0)
    for p in range(8, -1, -1):
        places[np.abs(np.round(given, p) - given) <= 1e-9 * size] = p
    return 10.0**-places + 1e-9 * np.maximum(size, np.abs(computed))


def apply_given(
    k: Kernel,
    given: GivenColumn,
    value: Floats,
    error: Mask | None,
    sources: list[Source],
) -> tuple[Floats, Mask | None, Mask | None]:
    """The indicator's values and error rows once its given realisasi is taken where present,
    and the rows that took it. The issues of the parts are withdrawn from those rows (the parts
    are not used there); the given value's own issues are added to ``sources``."""
    code = k.code
    n = len(value)
    status = given.status
    present = np.ones(n, dtype=bool) if status is None else status != MISSING
    if given.not_summed is not None:
        make = _not_summed_issue(code, given.name)
        sources.append(MaskSource(IssueCode.REALISASI_NOT_SUMMED, given.not_summed, make))
    if not present.any():
        return value, error, None
    bad = np.zeros(n, dtype=bool) if status is None else (status != OK) & present
    values = given.values
    bounds = given_bounds(k)
    outside = np.zeros(n, dtype=bool)
    if bounds is not None:
        with np.errstate(invalid="ignore"):
            outside = present & ~bad & ((values < bounds[0]) | (values > bounds[1]))
    use = present & ~bad & ~outside
    for source in sources:  # every issue so far is about the parts
        if source.mask is not None:
            source.mask = source.mask & ~present
    clean = np.ones(n, dtype=bool) if error is None else ~error
    if bad.any():
        assert status is not None
        sources.append(_StatusSource(code, given, np.where(bad, status, OK).astype(np.int8)))
    if outside.any():
        assert bounds is not None
        make = _outside_issue(code, given, bounds)
        sources.append(MaskSource(IssueCode.OUT_OF_SCALE, outside, make))
    with np.errstate(invalid="ignore"):
        compared = use & clean
        if compared.any():
            far = np.abs(values - value) > _tolerance(values, value)
            mismatch = compared & far
            if mismatch.any():
                make = _mismatch_issue(code, given.name, values, value)
                sources.append(MaskSource(IssueCode.REALISASI_MISMATCH, mismatch, make))
    refused = present & ~use
    new_error = refused if error is None else (error & ~present) | refused
    return np.where(use, values, value), (new_error if new_error.any() else None), use


def _not_summed_issue(code: str, name: Any) -> Callable[[int, Any], Issue]:
    return lambda i, row: make_issue(
        IssueCode.REALISASI_NOT_SUMMED, indicator=code, variable=str(name), row=row
    )


def _outside_issue(
    code: str, given: GivenColumn, bounds: tuple[float, float]
) -> Callable[[int, Any], Issue]:
    return lambda i, row: make_issue(
        IssueCode.OUT_OF_SCALE,
        indicator=code,
        variable=str(given.name),
        row=row,
        value=show_value(given.raw(i)),
        lo=show_value(bounds[0]),
        hi=show_value(bounds[1]),
    )


def _mismatch_issue(
    code: str, name: Any, given: Floats, computed: Floats
) -> Callable[[int, Any], Issue]:
    return lambda i, row: mismatch_issue(code, name, float(given[i]), float(computed[i]), row)
