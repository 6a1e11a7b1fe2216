"""The layout of an evaluation's results: their columns, in order, and the number of each issue
code in the columnar form. Plain Python (no numpy), so that whatever only needs the names (the
SQL builder) imports nothing heavy.

>>> result_columns()[:3]
('indicator', 'period', 'value')
"""

from __future__ import annotations

from typing import Final

from iku.checks import IssueCode

__all__ = ["CODES", "NUMBER_COLUMNS", "RESULT_COLUMNS", "code_number", "result_columns"]

RESULT_COLUMNS: Final = (
    "indicator",
    "period",
    "value",
    "target",
    "achievement",
    "category",
    "grade",
    "numerator",
    "denominator",
    "issues",
)
"""The columns of every result output after the key columns, in order (``target_hi`` follows
``target`` when a target is a range: see :func:`result_columns`)."""

NUMBER_COLUMNS: Final = ("value", "target", "target_hi", "achievement", "numerator", "denominator")
"""The result columns that hold numbers (float64, None where there is none)."""

CODES: Final[tuple[IssueCode, ...]] = tuple(IssueCode)
"""Issue codes by the number the columnar results hold for them (``Results.issue_codes``): the
order of :class:`IssueCode`."""

_NUMBER: Final = {code: i for i, code in enumerate(CODES)}


def code_number(code: IssueCode | str) -> int:
    """The number of an issue code in :data:`CODES`.

    >>> code_number("missing_value"), CODES[code_number("denominator_zero")]
    (0, <IssueCode.DENOMINATOR_ZERO: 'denominator_zero'>)
    """
    return _NUMBER[IssueCode(code)]


def result_columns(ranged: bool = False) -> tuple[str, ...]:
    """:data:`RESULT_COLUMNS`, with ``target_hi`` after ``target`` when ``ranged``.

    >>> result_columns(True)[2:5]
    ('value', 'target', 'target_hi')
    """
    if not ranged:
        return RESULT_COLUMNS
    at = RESULT_COLUMNS.index("target") + 1
    return (*RESULT_COLUMNS[:at], "target_hi", *RESULT_COLUMNS[at:])
