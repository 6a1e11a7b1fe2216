"""Where the issues of a table evaluation come from: one source per step and indicator.

A source keeps what it found as a mask over the output rows (rows, or groups with ``by``) and
makes :class:`~iku.Issue` values, messages and all, only for the rows someone asks about. The
sources of an indicator are kept in the order of the steps, so a row's issues come out in the
order the rules give them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from iku.backends.columns import Column
from iku.backends.plan import VariableSpec
from iku.backends.scalar import target_issue
from iku.validation import STATUS_CODES, Issue, IssueCode, make_issue, show_value

__all__ = [
    "GroupedVariableSource",
    "IssueSource",
    "MaskSource",
    "Source",
    "VariableSource",
    "over_issue",
    "target_issue_of",
    "value_issue",
    "zero_issue",
    "zero_target_issue",
]

Floats = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]
Codes = npt.NDArray[np.intp]


class IssueSource:
    """The issues of one step for one indicator: ``mask`` marks the output rows that have one.

    (Not :class:`iku.Source`, a set's provenance: this is where a table's issues come from.)
    """

    mask: Mask | None

    def issues(self, i: int, row: Any) -> list[Issue]:
        """The issues of output row ``i`` (``row`` is what they give as ``Issue.row``)."""
        raise NotImplementedError

    def codes(self, i: int) -> list[IssueCode]:
        """The codes of those issues, without making them."""
        raise NotImplementedError


Source = IssueSource
"""The former name of :class:`IssueSource` (internal; kept while the table backend moves)."""


class VariableSource(IssueSource):
    """Bad values of one variable, one per row (a table without ``by``)."""

    def __init__(
        self, code: str, spec: VariableSpec, status: npt.NDArray[np.int8], column: Column
    ) -> None:
        self.code, self.spec, self.status, self.column = code, spec, status, column
        self.mask = status != 0

    def issues(self, i: int, row: Any) -> list[Issue]:
        return [_variable_issue(self.code, self.spec, int(self.status[i]), self.column, i, row)]

    def codes(self, i: int) -> list[IssueCode]:
        return [STATUS_CODES[int(self.status[i])]]  # type: ignore[list-item]


class GroupedVariableSource(IssueSource):
    """Bad values of one variable in the input rows of each group (a table with ``by``): each
    issue names its input row by position."""

    def __init__(
        self,
        code: str,
        spec: VariableSpec,
        status: npt.NDArray[np.int8],
        column: Column,
        groups: Codes,
        count: int,
    ) -> None:
        self.code, self.spec, self.status, self.column = code, spec, status, column
        self.rows = np.flatnonzero(status)
        self.groups = groups[self.rows]
        self.mask = np.zeros(count, dtype=bool)
        self.mask[self.groups] = True
        self._by_group: dict[int, list[int]] | None = None

    def _rows(self, i: int) -> list[int]:
        """The bad input rows of group ``i``, by issue code (in the order of the checks), then
        by position, as the SQL backend lists them."""
        if self._by_group is None:
            order = np.lexsort((self.rows, self.status[self.rows], self.groups))
            by_group: dict[int, list[int]] = {}
            for group, position in zip(
                self.groups[order].tolist(), self.rows[order].tolist(), strict=True
            ):
                by_group.setdefault(group, []).append(position)
            self._by_group = by_group
        return self._by_group.get(i, [])

    def issues(self, i: int, row: Any) -> list[Issue]:
        return [
            _variable_issue(self.code, self.spec, int(self.status[p]), self.column, p, p)
            for p in self._rows(i)
        ]

    def codes(self, i: int) -> list[IssueCode]:
        return [STATUS_CODES[int(self.status[p])] for p in self._rows(i)]  # type: ignore[misc]


def _variable_issue(
    code: str, spec: VariableSpec, status: int, column: Column, position: int, row: Any
) -> Issue:
    lo, hi = spec.range or (None, None)
    return make_issue(
        STATUS_CODES[status],  # type: ignore[arg-type]
        indicator=code,
        variable=spec.code,
        row=row,
        value=show_value(column.raw(position)),
        lo=show_value(lo),
        hi=show_value(hi),
    )


class MaskSource(IssueSource):
    """One issue per marked row, its fields computed for that row."""

    def __init__(self, code: IssueCode, mask: Mask, make: Callable[[int, Any], Issue]) -> None:
        self.code, self.mask, self.make = code, mask, make

    def issues(self, i: int, row: Any) -> list[Issue]:
        return [self.make(i, row)]

    def codes(self, i: int) -> list[IssueCode]:
        return [self.code]


# Makers of one kind of issue for a MaskSource: (row position, Issue.row) -> Issue.


def zero_issue(code: str, text: str) -> Callable[[int, Any], Issue]:
    """``denominator_zero`` of the denominator written ``text``."""
    return lambda i, row: make_issue(
        IssueCode.DENOMINATOR_ZERO, indicator=code, variable=text, row=row
    )


def over_issue(code: str, numerator: Floats, denominator: Floats) -> Callable[[int, Any], Issue]:
    """``numerator_exceeds_denominator``, showing the row's two parts."""
    return lambda i, row: make_issue(
        IssueCode.NUMERATOR_EXCEEDS_DENOMINATOR,
        indicator=code,
        row=row,
        numerator=show_value(float(numerator[i])),
        denominator=show_value(float(denominator[i])),
    )


def value_issue(
    code: str, issue: IssueCode, raw: Floats, **fields: Any
) -> Callable[[int, Any], Issue]:
    """``not_finite`` or ``out_of_scale`` of the computed value (``raw``)."""
    return lambda i, row: make_issue(
        issue, indicator=code, row=row, variant="value", value=show_value(float(raw[i])), **fields
    )


def target_issue_of(
    code: str, problem: Callable[[int], tuple[str, dict[str, Any]]]
) -> Callable[[int, Any], Issue]:
    """``missing_target``, saying why for the row's period."""
    return lambda i, row: target_issue(code, problem(i), row)


def zero_target_issue(code: str) -> Callable[[int, Any], Issue]:
    """``zero_target``."""
    return lambda i, row: make_issue(IssueCode.ZERO_TARGET, indicator=code, row=row)
