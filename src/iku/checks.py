"""Every check iku runs, in one table: its code, its severity, what it applies to, its message.

A row of :data:`CHECKS` is all there is to know about a check apart from the code that finds it:
the scalar backend (:mod:`iku.backends.scalar`), the numpy backend (:mod:`iku.backends.table`),
the SQL backend (:mod:`iku.backends.sql`), the readers and ``docs/evaluation.md`` read it. The
rows are in the order the checks run; the value checks (``applies_to`` holding ``"value"``) give
each value at most one code, the first that applies, and their position among the value checks
is the small status number a column of statuses holds (:data:`STATUS_CODES`).

>>> check_of("numerator_exceeds_denominator").severity
<Severity.ERROR: 'error'>
>>> check_of("denominator_zero").in_sum
<Severity.WARNING: 'warning'>
>>> [str(code) for code in VALUE_CODES]  # doctest: +NORMALIZE_WHITESPACE
['missing_value', 'not_a_number', 'not_finite', 'negative_value', 'not_integer', 'out_of_scale']
>>> STATUS[IssueCode.NOT_FINITE], STATUS_CODES[3]
(3, <IssueCode.NOT_FINITE: 'not_finite'>)

To add a check: a member of :class:`IssueCode`, a row here, its messages ``issue.<code>`` in
:mod:`iku.messages` (both languages), the code that finds it in each backend, a line in
``docs/evaluation.md``; ``tests/test_checks.py`` says which of these is missing.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Final

import attrs

__all__ = [
    "CHECKS",
    "STATUS",
    "STATUS_CODES",
    "VALUE_CODES",
    "Check",
    "IssueCode",
    "Severity",
    "check_of",
]


class Severity(enum.StrEnum):
    """How bad an issue is: an error leaves a value uncomputed, a warning does not."""

    ERROR = "error"
    WARNING = "warning"


class IssueCode(enum.StrEnum):
    """Why an input was refused or doubted. Grouped by kind: the value, the ratio, the target,
    the table, the file. The codes never change; their order is that of :data:`CHECKS` for
    the ones that were first (new codes come last, so small-int codes stay stable)."""

    # a variable's value
    MISSING_VALUE = "missing_value"
    NOT_FINITE = "not_finite"
    NOT_A_NUMBER = "not_a_number"
    NEGATIVE_VALUE = "negative_value"
    NOT_INTEGER = "not_integer"
    OUT_OF_SCALE = "out_of_scale"
    # a ratio or division
    DENOMINATOR_ZERO = "denominator_zero"
    NUMERATOR_EXCEEDS_DENOMINATOR = "numerator_exceeds_denominator"
    # the target
    MISSING_TARGET = "missing_target"
    ZERO_TARGET = "zero_target"
    # the table
    UNKNOWN_VARIABLE = "unknown_variable"
    # the second version: files, tables and targets
    AMBIGUOUS_NUMBER = "ambiguous_number"
    DUPLICATE_COLUMN = "duplicate_column"
    DUPLICATE_TARGET = "duplicate_target"
    UNKNOWN_INDICATOR = "unknown_indicator"
    UNREADABLE_CELL = "unreadable_cell"
    # through the year (iku.monitor)
    BAD_PERIOD = "bad_period"
    PERIOD_GAP = "period_gap"
    INCONSISTENT_TARGETS = "inconsistent_targets"
    ACCUMULATION_ASSUMED = "accumulation_assumed"
    # the Pemda view: links between sets (iku.cascade) and the budget (evaluate(..., budget=))
    UNRESOLVED_LINK = "unresolved_link"
    CYCLE = "cycle"
    UNSUPPORTED = "unsupported"
    ORPHAN = "orphan"
    BUDGET_OVER_CEILING = "budget_over_ceiling"
    UNKNOWN_SASARAN = "unknown_sasaran"
    # the rules of capaian, a realisasi given directly, the capaian of a sasaran (iku.rules)
    ZERO_VALUE = "zero_value"
    REALISASI_MISMATCH = "realisasi_mismatch"
    REALISASI_NOT_SUMMED = "realisasi_not_summed"
    LEFT_OUT = "left_out"

    @property
    def severity(self) -> Severity:
        """The severity of this code (its row of :data:`CHECKS`)."""
        return _BY_CODE[self].severity

    @property
    def check(self) -> Check:
        """The row of :data:`CHECKS` of this code."""
        return _BY_CODE[self]


APPLIES_TO: Final = {
    "value": "each input value of a variable (a cell, a key of one unit)",
    "ratio": "a ratio's parts or a formula's denominators, before dividing",
    "result": "an indicator's computed value",
    "target": "the target given for an indicator and period",
    "data": "the data as a whole: its columns",
    "file": "a cell or line of a file being read",
    "period": "the periods of the data and targets through a year (iku.monitor)",
    "link": "the cascading links between the indicators of sets (iku.cascade)",
    "budget": "a row of the budget table: pagu and realisasi of a sasaran (evaluate(budget=))",
    "sasaran": "the capaian of a sasaran, from its indicators' (Evaluation.sasaran)",
}
"""What a check can apply to (``Check.applies_to`` holds some of these)."""


@attrs.frozen
class Check:
    """One check: ``code``, ``severity``, what it ``applies_to`` (keys of :data:`APPLIES_TO`),
    the key of its message in :mod:`iku.messages` (``issue.<code>``; ``issue.<code>.<variant>``
    for a more precise wording), and ``in_sum``: the severity it has when found in one input row
    of a sum (``evaluate(..., by=...)`` checks every row before summing), None when it is not
    checked row by row."""

    code: IssueCode
    severity: Severity
    applies_to: tuple[str, ...]
    in_sum: Severity | None = None

    @property
    def message(self) -> str:
        """The key of this check's message: ``issue.<code>``."""
        return f"issue.{self.code}"


_E, _W = Severity.ERROR, Severity.WARNING

CHECKS: Final[tuple[Check, ...]] = (
    # each value, in this order; a value gets the first that applies
    Check(IssueCode.MISSING_VALUE, _E, ("value", "data"), _E),
    Check(IssueCode.NOT_A_NUMBER, _E, ("value", "target"), _E),
    Check(IssueCode.NOT_FINITE, _E, ("value", "result"), _E),
    Check(IssueCode.NEGATIVE_VALUE, _E, ("value",), _E),
    Check(IssueCode.NOT_INTEGER, _E, ("value",), _E),
    Check(IssueCode.OUT_OF_SCALE, _E, ("value", "result"), _E),
    # then each ratio and division, before dividing (in a sum: each row's own parts too)
    Check(IssueCode.DENOMINATOR_ZERO, _E, ("ratio",), _W),
    Check(IssueCode.NUMERATOR_EXCEEDS_DENOMINATOR, _E, ("ratio",), _E),
    # then the target of a value
    Check(IssueCode.MISSING_TARGET, _W, ("target",)),
    Check(IssueCode.ZERO_TARGET, _W, ("target",)),
    Check(IssueCode.DUPLICATE_TARGET, _E, ("target",)),
    Check(IssueCode.UNKNOWN_INDICATOR, _E, ("target", "data")),
    # the data as a whole, and the files it was read from
    Check(IssueCode.UNKNOWN_VARIABLE, _W, ("data",)),
    Check(IssueCode.DUPLICATE_COLUMN, _E, ("data",)),
    Check(IssueCode.AMBIGUOUS_NUMBER, _E, ("file",)),
    Check(IssueCode.UNREADABLE_CELL, _E, ("file",)),
    # through the year: the parts of a year and how they add up (iku.monitor)
    Check(IssueCode.BAD_PERIOD, _E, ("period",)),
    Check(IssueCode.PERIOD_GAP, _E, ("period",)),
    Check(IssueCode.INCONSISTENT_TARGETS, _W, ("target", "period")),
    Check(IssueCode.ACCUMULATION_ASSUMED, _W, ("period",)),
    # the Pemda view: the links of a performance tree (iku.cascade)
    Check(IssueCode.UNRESOLVED_LINK, _E, ("link",)),
    Check(IssueCode.CYCLE, _E, ("link",)),
    Check(IssueCode.UNSUPPORTED, _W, ("link",)),
    Check(IssueCode.ORPHAN, _W, ("link",)),
    # the budget behind the capaian (evaluate(..., budget=...))
    Check(IssueCode.BUDGET_OVER_CEILING, _E, ("budget",)),
    Check(IssueCode.UNKNOWN_SASARAN, _E, ("budget",)),
    # the rules of capaian: an inverse capaian of a zero realisasi; a realisasi given directly
    # that its parts contradict, or that several rows of a group give; a sasaran's capaian
    # without an indicator that has none
    Check(IssueCode.ZERO_VALUE, _W, ("result",)),
    Check(IssueCode.REALISASI_MISMATCH, _W, ("result",)),
    Check(IssueCode.REALISASI_NOT_SUMMED, _W, ("data",)),
    Check(IssueCode.LEFT_OUT, _W, ("sasaran",)),
)
"""Every check, in the order they run."""

_BY_CODE: Final[Mapping[IssueCode, Check]] = {check.code: check for check in CHECKS}

VALUE_CODES: Final[tuple[IssueCode, ...]] = tuple(
    check.code for check in CHECKS if "value" in check.applies_to
)
"""The value checks, in the order they run: a value gets the first that applies."""

STATUS_CODES: Final[tuple[IssueCode | None, ...]] = (None, *VALUE_CODES)
"""The issue code of each status number of a checked column (0: none)."""

STATUS: Final[Mapping[IssueCode, int]] = {code: i for i, code in enumerate(VALUE_CODES, 1)}
"""The status number of each value check."""


def check_of(code: IssueCode | str) -> Check:
    """The row of :data:`CHECKS` of ``code``."""
    return _BY_CODE[IssueCode(code)]
