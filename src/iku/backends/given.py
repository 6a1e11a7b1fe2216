"""The rules of capaian on whole columns: a realisasi given directly, and the zero realisasi of
an inverse capaian.

Many reports publish an indicator's realisasi as a percentage without its counts. A data column
named like the indicator's code (``IKU-2``, any case) gives it: where a row holds a number, that
number is the indicator's value (checked: finite, within 0 to the factor for a proportion,
within the bounds for an index) and the indicator's parts, where present, only cross-check it
(``realisasi_mismatch`` when they disagree by more than the given number's last printed
decimal); where the cell is empty, the value is computed from the parts as usual. The one-unit
backend does the same (``iku.backends.scalar``), value for value.

With ``by``, a group of one row takes its row's given realisasi; a group of several rows cannot
sum percentages: it is computed from its parts, with ``realisasi_not_summed``.

Like every source of issues (:mod:`iku.backends.issues`), these are plain objects: an
evaluation pickles.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from iku.backends.columns import Column
from iku.backends.issues import IssueSource, Where
from iku.backends.kernels import Kernel
from iku.backends.scalar import given_bounds, mismatch_issue
from iku.checks import STATUS_CODES, IssueCode, Severity
from iku.validation import MISSING, OK, Issue, check_values, make_issue, show_value

__all__ = ["GivenColumn", "ZeroValueSource", "apply_given", "given_column"]

Floats = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]
Codes = npt.NDArray[np.intp]


class GivenColumn:
    """One indicator's given realisasi per output row: ``values``, ``status`` (``MISSING``
    where none is given; None when every row gives a number), ``rows`` (the input row of each
    output row, for its raw cell and its place), and, with ``by``, the groups whose several
    rows give one (``not_summed``)."""

    __slots__ = ("column", "grouped", "name", "not_summed", "rows", "status", "values")

    def __init__(
        self,
        name: Any,
        column: Column,
        values: Floats,
        status: npt.NDArray[np.int8] | None,
        rows: Codes | None = None,
        not_summed: Mask | None = None,
    ) -> None:
        self.name, self.column, self.values, self.status = name, column, values, status
        self.rows, self.not_summed = rows, not_summed
        self.grouped = rows is not None

    def input_row(self, i: int) -> int:
        """The input row of output row ``i``."""
        return i if self.rows is None else int(self.rows[i])

    def raw(self, i: int) -> object:
        """The cell of output row ``i`` as it was given."""
        return self.column.raw(self.input_row(i))


def given_column(
    name: Any, column: Column, groups: Codes | None = None, count: int = 0
) -> GivenColumn:
    """The given realisasi of the data column ``name``, per input row, or per group of ``groups``
    (``count`` groups) with ``by``."""
    status = check_values(
        column.values, "real", None, status=column.status, integral=column.integral
    )
    if groups is None:
        return GivenColumn(name, column, column.values, status)
    n = len(column.values)
    sizes = np.bincount(groups, minlength=count)
    first = np.zeros(count, dtype=np.intp)
    first[groups[::-1]] = np.arange(n - 1, -1, -1)  # each group's first row
    present = np.ones(n, dtype=bool) if status is None else status != MISSING
    several = (np.bincount(groups, weights=present, minlength=count) > 0) & (sizes > 1)
    single = sizes == 1
    grouped = np.full(count, MISSING, dtype=np.int8)
    grouped[single] = OK if status is None else status[first[single]]
    values = column.values[first] if count else np.empty(0)
    return GivenColumn(name, column, values, grouped, first, several if several.any() else None)


class _GivenSource(IssueSource):
    """Issues about the given realisasi of one indicator, one per marked output row."""

    issue: IssueCode

    def __init__(self, code: str, mask: Mask, given: GivenColumn) -> None:
        self.code, self.mask, self.given = code, mask, given
        self.has_error = self.issue.severity is Severity.ERROR

    def place(self, i: int, where: Where) -> str | None:
        return None if self.given.grouped else where.place(i, str(self.given.name))

    def codes(self, i: int) -> list[IssueCode]:
        return [self.issue]


class _StatusSource(_GivenSource):
    """A given realisasi that is no finite number: its check's code, row by row."""

    def __init__(
        self, code: str, mask: Mask, given: GivenColumn, status: npt.NDArray[np.int8]
    ) -> None:
        self.issue = IssueCode.NOT_A_NUMBER
        super().__init__(code, mask, given)
        self.status = status

    def issues(self, i: int, row: Any, where: Where) -> list[Issue]:
        return [
            make_issue(
                STATUS_CODES[int(self.status[i])],  # type: ignore[arg-type]
                indicator=self.code,
                variable=str(self.given.name),
                row=row,
                place=self.place(i, where),
                value=show_value(self.given.raw(i)),
            )
        ]

    def codes(self, i: int) -> list[IssueCode]:
        return [STATUS_CODES[int(self.status[i])]]  # type: ignore[list-item]


class _OutsideSource(_GivenSource):
    """A given realisasi outside 0 to the factor of a proportion, or the bounds of an index."""

    issue = IssueCode.OUT_OF_SCALE

    def __init__(
        self, code: str, mask: Mask, given: GivenColumn, bounds: tuple[float, float]
    ) -> None:
        super().__init__(code, mask, given)
        self.bounds = bounds

    def issues(self, i: int, row: Any, where: Where) -> list[Issue]:
        return [
            make_issue(
                self.issue,
                indicator=self.code,
                variable=str(self.given.name),
                row=row,
                place=self.place(i, where),
                value=show_value(self.given.raw(i)),
                lo=show_value(self.bounds[0]),
                hi=show_value(self.bounds[1]),
            )
        ]


class _MismatchSource(_GivenSource):
    """``realisasi_mismatch``: the given realisasi and the one computed from the parts."""

    issue = IssueCode.REALISASI_MISMATCH

    def __init__(self, code: str, mask: Mask, given: GivenColumn, computed: Floats) -> None:
        super().__init__(code, mask, given)
        self.computed = computed

    def issues(self, i: int, row: Any, where: Where) -> list[Issue]:
        given, computed = float(self.given.values[i]), float(self.computed[i])
        found = mismatch_issue(self.code, self.given.name, given, computed, row)
        place = self.place(i, where)
        return [found if place is None else _placed(found, place)]


class _NotSummedSource(_GivenSource):
    """``realisasi_not_summed``: several rows of a group give a realisasi."""

    issue = IssueCode.REALISASI_NOT_SUMMED

    def issues(self, i: int, row: Any, where: Where) -> list[Issue]:
        return [make_issue(self.issue, indicator=self.code, variable=str(self.given.name), row=row)]


class ZeroValueSource(IssueSource):
    """``zero_value``: under "inverse" rules, a realisasi of 0 has no capaian."""

    def __init__(self, code: str, mask: Mask) -> None:
        self.code, self.mask = code, mask
        self.has_error = IssueCode.ZERO_VALUE.severity is Severity.ERROR

    def issues(self, i: int, row: Any, where: Where) -> list[Issue]:
        return [make_issue(IssueCode.ZERO_VALUE, indicator=self.code, row=row)]

    def codes(self, i: int) -> list[IssueCode]:
        return [IssueCode.ZERO_VALUE]


def _placed(issue: Issue, place: str) -> Issue:
    import attrs

    return attrs.evolve(issue, place=place)


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
    sources: list[IssueSource],
) -> tuple[Floats, Mask | None, Mask | None]:
    """The indicator's values and error rows once its given realisasi is taken where present,
    and the rows that took it. The issues of the parts are withdrawn from those rows (the parts
    are not used there); the given value's own issues are added to ``sources``. Call under
    ``numpy.errstate(all="ignore")``."""
    code = k.code
    n = len(value)
    status = given.status
    present = np.ones(n, dtype=bool) if status is None else status != MISSING
    if given.not_summed is not None:
        sources.append(_NotSummedSource(code, given.not_summed, given))
    if not present.any():
        return value, error, None
    bad = np.zeros(n, dtype=bool) if status is None else (status != OK) & present
    values = given.values
    bounds = given_bounds(k)
    outside = np.zeros(n, dtype=bool)
    if bounds is not None:
        outside = present & ~bad & ((values < bounds[0]) | (values > bounds[1]))
    use = present & ~bad & ~outside
    for source in sources:  # every issue so far is about the parts, unused where given
        if source.mask is not None:
            source.mask = source.mask & ~present
    if bad.any():
        assert status is not None
        shown = np.where(bad, status, OK).astype(np.int8)
        sources.append(_StatusSource(code, bad, given, shown))
    if outside.any():
        assert bounds is not None
        sources.append(_OutsideSource(code, outside, given, bounds))
    compared = use if error is None else use & ~error
    if compared.any():
        mismatch = compared & (np.abs(values - value) > _tolerance(values, value))
        if mismatch.any():
            sources.append(_MismatchSource(code, mismatch, given, value.copy()))
    refused = present & ~use
    new_error = refused if error is None else (error & ~present) | refused
    return np.where(use, values, value), (new_error if new_error.any() else None), use
