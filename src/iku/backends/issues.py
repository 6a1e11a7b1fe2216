"""Where the issues of a table evaluation come from: one source per step and indicator.

A source keeps what it found as a mask over the output rows (rows, or groups with ``by``) and
makes :class:`~iku.Issue` values, messages and all, only for the rows someone asks about. The
sources of an indicator are kept in the order of the steps, so a row's issues come out in the
order the rules give them. Sources are plain objects (no closures), so an evaluation pickles.

A source is asked for the issues of output row ``i`` with ``row`` (what they give as
``Issue.row``) and a :class:`Where`, which names input rows: their keys and their place in a
file. A *shared* source holds one issue about the data as a whole (a column the data lacks or
has twice): every row it marks carries that same issue, and ``Evaluation.issues`` lists it once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt

from iku.backends.columns import Column
from iku.backends.layout import code_number
from iku.backends.plan import VariableSpec
from iku.checks import STATUS_CODES, IssueCode, Severity, check_of
from iku.validation import Issue, make_issue, show_value

if TYPE_CHECKING:
    from iku.backends.targets import Problem

__all__ = [
    "GroupedVariableSource",
    "IssueSource",
    "OverSource",
    "RowSumSource",
    "SharedSource",
    "TargetSource",
    "ValueSource",
    "VariableSource",
    "Where",
    "ZeroSource",
    "ZeroTargetSource",
]

Floats = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]
Codes = npt.NDArray[np.intp]
Numbers = npt.NDArray[np.int8]

_STATUS_NUMBERS = np.array([-1] + [code_number(c) for c in STATUS_CODES[1:] if c], dtype=np.int8)


class Where(Protocol):
    """What names an input row: its ``Issue.row`` and its place in a file."""

    def input_row(self, position: int) -> Any:
        """``Issue.row`` of input row ``position``: its keys with the period, else itself."""
        ...

    def place(self, position: int, column: str | None = None) -> str | None:
        """The place of input row ``position`` (its cell in ``column``), None when unknown."""
        ...


class IssueSource:
    """The issues of one step for one indicator: ``mask`` marks the output rows that have one;
    ``has_error`` says whether any of them is an error.

    (Not :class:`iku.Source`, a set's provenance: this is where a table's issues come from.)
    """

    mask: Mask | None
    shared: bool = False
    has_error: bool = True

    def issues(self, i: int, row: Any, where: Where) -> list[Issue]:
        """The issues of output row ``i`` (``row`` is what they give as ``Issue.row``)."""
        raise NotImplementedError

    def codes(self, i: int) -> list[IssueCode]:
        """The codes of those issues, without making them."""
        raise NotImplementedError

    def code_rows(self) -> tuple[Codes, Codes, Numbers]:
        """Every row's codes at once, for the columnar results (``iku.backends.columnar``):
        the rows that have issues (ascending), how many each has, and their codes as numbers
        in ``IssueCode`` order, row after row, each row's in the order of :meth:`codes`.

        This default asks :meth:`codes` row by row; a source overrides it with array work."""
        rows = np.flatnonzero(self.mask) if self.mask is not None else np.zeros(0, np.intp)
        lists = [self.codes(i) for i in rows.tolist()]
        sizes = np.array([len(codes) for codes in lists], dtype=np.intp)
        numbers = np.array([code_number(c) for codes in lists for c in codes], dtype=np.int8)
        return rows, sizes, numbers


class SharedSource(IssueSource):
    """One issue about the data as a whole, carried by every row it marks: a variable whose
    column the data lacks (``missing_value``) or has twice (``duplicate_column``)."""

    shared = True

    def __init__(self, issue: Issue, mask: Mask) -> None:
        self.issue, self.mask = issue, mask
        self.has_error = issue.severity is Severity.ERROR

    def issues(self, i: int, row: Any, where: Where) -> list[Issue]:
        return [self.issue]

    def codes(self, i: int) -> list[IssueCode]:
        return [self.issue.code]

    def code_rows(self) -> tuple[Codes, Codes, Numbers]:
        return _one_each(self.mask, code_number(self.issue.code))


class VariableSource(IssueSource):
    """Bad values of one variable, one per row (a table without ``by``)."""

    def __init__(
        self,
        code: str,
        spec: VariableSpec,
        status: npt.NDArray[np.int8],
        column: Column,
        mask: Mask | None = None,
    ) -> None:
        self.code, self.spec, self.status, self.column = code, spec, status, column
        self.mask = status != 0 if mask is None else mask
        """``status != 0``; given when the caller has it already (one mask per variable, shared
        by every indicator that uses the variable)."""

    def issues(self, i: int, row: Any, where: Where) -> list[Issue]:
        status = int(self.status[i])
        place = where.place(i, self.spec.code)
        return [_variable_issue(self.code, self.spec, status, self.column, i, row, place)]

    def codes(self, i: int) -> list[IssueCode]:
        return [STATUS_CODES[int(self.status[i])]]  # type: ignore[list-item]

    def code_rows(self) -> tuple[Codes, Codes, Numbers]:
        rows = np.flatnonzero(self.status)
        return rows, np.ones(len(rows), dtype=np.intp), _STATUS_NUMBERS[self.status[rows]]


def _one_each(mask: Mask | None, number: int) -> tuple[Codes, Codes, Numbers]:
    """``code_rows`` of a source with one issue of one code on each row it marks."""
    rows = np.flatnonzero(mask) if mask is not None else np.zeros(0, dtype=np.intp)
    return rows, np.ones(len(rows), dtype=np.intp), np.full(len(rows), number, dtype=np.int8)


class _ByGroup:
    """Input rows of interest (``rows``, in the order their issues are listed) by group."""

    def __init__(self, rows: Codes, groups: Codes, count: int) -> None:
        self.rows, self.groups = rows, groups
        self.mask = np.zeros(count, dtype=bool)
        self.mask[groups] = True
        self._by_group: dict[int, list[int]] | None = None

    def in_order(self) -> tuple[Codes, Codes, Codes]:
        """The groups that have rows (ascending), how many each has, and the rows, group
        after group, each group's in the order :meth:`of` lists them."""
        order = np.argsort(self.groups, kind="stable")
        groups, sizes = np.unique(self.groups[order], return_counts=True)
        return groups, sizes.astype(np.intp), self.rows[order]

    def of(self, i: int) -> list[int]:
        if self._by_group is None:
            by_group: dict[int, list[int]] = {}
            for group, position in zip(self.groups.tolist(), self.rows.tolist(), strict=True):
                by_group.setdefault(group, []).append(position)
            self._by_group = by_group
        return self._by_group.get(i, [])


class GroupedVariableSource(IssueSource):
    """Bad values of one variable in the input rows of each group (a table with ``by``): each
    issue names its input row (its keys, else its position) and place."""

    def __init__(
        self,
        code: str,
        spec: VariableSpec,
        status: npt.NDArray[np.int8],
        column: Column,
        groups: Codes,
        mask: Mask,
    ) -> None:
        """``mask`` marks the groups holding a row whose ``status`` is not 0 (worked out once
        per variable by the caller, shared by the indicators that use it); the rows are
        sorted out only when their issues are asked for."""
        self.code, self.spec, self.status, self.column = code, spec, status, column
        self.groups, self.mask, self._count = groups, mask, len(mask)
        self._by_group: _ByGroup | None = None

    @property
    def _rows(self) -> _ByGroup:
        if self._by_group is None:
            status, groups = self.status, self.groups
            rows = np.flatnonzero(status)
            # listed by issue code (in the order of the checks), then by position, as SQL does
            order = np.lexsort((rows, status[rows], groups[rows]))
            self._by_group = _ByGroup(rows[order], groups[rows[order]], self._count)
        return self._by_group

    def issues(self, i: int, row: Any, where: Where) -> list[Issue]:
        return [
            _variable_issue(
                self.code,
                self.spec,
                int(self.status[p]),
                self.column,
                p,
                where.input_row(p),
                where.place(p, self.spec.code),
            )
            for p in self._rows.of(i)
        ]

    def codes(self, i: int) -> list[IssueCode]:
        return [STATUS_CODES[int(self.status[p])] for p in self._rows.of(i)]  # type: ignore[misc]

    def code_rows(self) -> tuple[Codes, Codes, Numbers]:
        groups, sizes, rows = self._rows.in_order()
        return groups, sizes, _STATUS_NUMBERS[self.status[rows]]


def _variable_issue(
    code: str,
    spec: VariableSpec,
    status: int,
    column: Column,
    position: int,
    row: Any,
    place: str | None,
) -> Issue:
    lo, hi = spec.range or (None, None)
    return make_issue(
        STATUS_CODES[status],  # type: ignore[arg-type]
        indicator=code,
        variable=spec.code,
        row=row,
        place=place,
        value=show_value(column.raw(position)),
        lo=show_value(lo),
        hi=show_value(hi),
    )


class RowSumSource(IssueSource):
    """A ratio checked in each input row before the rows are summed (``by``): a row whose
    denominator is 0 (``denominator_zero``) or whose numerator exceeds its denominator
    (``numerator_exceeds_denominator``), with the severity :data:`~iku.checks.CHECKS` gives
    it in a sum. Each issue names its input row and place."""

    def __init__(
        self,
        code: str,
        issue: IssueCode,
        rows: Codes,
        groups: Codes,
        count: int,
        *,
        text: str | None = None,
        parts: tuple[Floats, Floats] | None = None,
    ) -> None:
        self.code, self.issue, self.text, self.parts = code, issue, text, parts
        self.severity = check_of(issue).in_sum or check_of(issue).severity
        self.has_error = self.severity is Severity.ERROR
        self._rows = _ByGroup(rows, groups, count)
        self.mask = self._rows.mask

    def issues(self, i: int, row: Any, where: Where) -> list[Issue]:
        out = []
        for p in self._rows.of(i):
            fields: dict[str, Any] = {}
            if self.parts is not None:
                fields = {
                    "numerator": show_value(float(self.parts[0][p])),
                    "denominator": show_value(float(self.parts[1][p])),
                }
            out.append(
                make_issue(
                    self.issue,
                    indicator=self.code,
                    variable=self.text,
                    row=where.input_row(p),
                    variant="in_sum",
                    severity=self.severity,
                    place=where.place(p, self.text),
                    **fields,
                )
            )
        return out

    def codes(self, i: int) -> list[IssueCode]:
        return [self.issue] * len(self._rows.of(i))

    def code_rows(self) -> tuple[Codes, Codes, Numbers]:
        groups, sizes, rows = self._rows.in_order()
        return groups, sizes, np.full(len(rows), code_number(self.issue), dtype=np.int8)


class _RowSource(IssueSource):
    """One issue per marked output row. Without ``by`` an output row is an input row, so the
    issue has that row's place; a group has none."""

    issue: IssueCode

    def __init__(self, code: str, mask: Mask, grouped: bool) -> None:
        self.code, self.mask, self.grouped = code, mask, grouped
        self.has_error = self.issue.severity is Severity.ERROR

    def place(self, i: int, where: Where, column: str | None) -> str | None:
        return None if self.grouped else where.place(i, column)

    def codes(self, i: int) -> list[IssueCode]:
        return [self.issue]

    def code_rows(self) -> tuple[Codes, Codes, Numbers]:
        return _one_each(self.mask, code_number(self.issue))


class ZeroSource(_RowSource):
    """``denominator_zero`` of the denominator written ``text``."""

    issue = IssueCode.DENOMINATOR_ZERO

    def __init__(self, code: str, mask: Mask, grouped: bool, text: str) -> None:
        super().__init__(code, mask, grouped)
        self.text = text

    def issues(self, i: int, row: Any, where: Where) -> list[Issue]:
        place = self.place(i, where, self.text)
        return [
            make_issue(self.issue, indicator=self.code, variable=self.text, row=row, place=place)
        ]


class OverSource(_RowSource):
    """``numerator_exceeds_denominator``, showing the row's two parts."""

    issue = IssueCode.NUMERATOR_EXCEEDS_DENOMINATOR

    def __init__(
        self, code: str, mask: Mask, grouped: bool, numerator: Floats, denominator: Floats
    ) -> None:
        super().__init__(code, mask, grouped)
        self.numerator, self.denominator = numerator, denominator

    def issues(self, i: int, row: Any, where: Where) -> list[Issue]:
        return [
            make_issue(
                self.issue,
                indicator=self.code,
                row=row,
                place=self.place(i, where, None),
                numerator=show_value(float(self.numerator[i])),
                denominator=show_value(float(self.denominator[i])),
            )
        ]


class ValueSource(_RowSource):
    """``not_finite`` or ``out_of_scale`` of the computed value (``raw``)."""

    def __init__(
        self,
        code: str,
        mask: Mask,
        grouped: bool,
        issue: IssueCode,
        raw: Floats,
        fields: Mapping[str, Any],
    ) -> None:
        self.issue = issue
        super().__init__(code, mask, grouped)
        self.raw, self.fields = raw, dict(fields)

    def issues(self, i: int, row: Any, where: Where) -> list[Issue]:
        value = show_value(float(self.raw[i]))
        return [
            make_issue(
                self.issue,
                indicator=self.code,
                row=row,
                variant="value",
                place=self.place(i, where, None),
                value=value,
                **self.fields,
            )
        ]


class _TargetsOf(Protocol):
    """What a :class:`TargetSource` asks of an indicator's targets."""

    def problem(self, i: int) -> Problem: ...

    def code_at(self, i: int) -> IssueCode: ...

    def code_numbers(self, rows: Codes) -> Numbers: ...

    def place(self, i: int) -> str | None: ...


class TargetSource(IssueSource):
    """A target that is missing (``missing_target``, a warning) or not a number
    (``not_a_number``, an error), saying why for the row's period."""

    def __init__(self, code: str, mask: Mask, targets: _TargetsOf, has_error: bool) -> None:
        self.code, self.mask, self.targets, self.has_error = code, mask, targets, has_error

    def issues(self, i: int, row: Any, where: Where) -> list[Issue]:
        code, variant, fields = self.targets.problem(i)
        place = self.targets.place(i)
        return [
            make_issue(code, indicator=self.code, row=row, variant=variant, place=place, **fields)
        ]

    def codes(self, i: int) -> list[IssueCode]:
        return [self.targets.code_at(i)]

    def code_rows(self) -> tuple[Codes, Codes, Numbers]:
        rows, sizes, _ = _one_each(self.mask, 0)
        return rows, sizes, self.targets.code_numbers(rows)


class ZeroTargetSource(_RowSource):
    """``zero_target``."""

    issue = IssueCode.ZERO_TARGET

    def __init__(self, code: str, mask: Mask, targets: _TargetsOf) -> None:
        super().__init__(code, mask, grouped=True)
        self.targets = targets

    def issues(self, i: int, row: Any, where: Where) -> list[Issue]:
        place = self.targets.place(i)
        return [make_issue(self.issue, indicator=self.code, row=row, place=place)]
