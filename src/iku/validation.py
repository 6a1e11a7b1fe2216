"""Issues found in input data: reason codes, severities and messages in Indonesian and English.

Checks return :class:`Issue` values; they never print or log. The codes are stable and are the
same whichever backend found them (scalar, numpy, frames or SQL).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any, Final

import attrs

__all__ = ["MESSAGES", "Issue", "IssueCode", "Severity", "message"]


class Severity(enum.StrEnum):
    """How bad an issue is: an error leaves a value uncomputed, a warning does not."""

    ERROR = "error"
    WARNING = "warning"


class IssueCode(enum.StrEnum):
    """Why an input was refused or doubted. Grouped by kind: the value, the ratio, the target,
    the table."""

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

    @property
    def severity(self) -> Severity:
        """The default severity of this code."""
        return _SEVERITY.get(self, Severity.ERROR)


_SEVERITY: Final = {
    IssueCode.MISSING_TARGET: Severity.WARNING,
    IssueCode.ZERO_TARGET: Severity.WARNING,
    IssueCode.UNKNOWN_VARIABLE: Severity.WARNING,
}

MESSAGES: Final[Mapping[IssueCode, Mapping[str, str]]] = {
    IssueCode.MISSING_VALUE: {
        "id": "nilai {variable} tidak ada",
        "en": "{variable} has no value",
    },
    IssueCode.NOT_FINITE: {
        "id": "nilai {variable} bukan bilangan terhingga ({value})",
        "en": "{variable} is not a finite number ({value})",
    },
    IssueCode.NOT_A_NUMBER: {
        "id": "nilai {variable} bukan angka ({value})",
        "en": "{variable} is not a number ({value})",
    },
    IssueCode.NEGATIVE_VALUE: {
        "id": "nilai {variable} negatif ({value}), padahal jumlah tidak boleh kurang dari nol",
        "en": "{variable} is negative ({value}); a count or amount cannot be below zero",
    },
    IssueCode.NOT_INTEGER: {
        "id": "nilai {variable} harus bilangan bulat, bukan {value}",
        "en": "{variable} is a count and must be a whole number, not {value}",
    },
    IssueCode.OUT_OF_SCALE: {
        "id": "nilai {variable} ({value}) di luar skala {lo} sampai {hi}",
        "en": "{variable} ({value}) is outside its scale {lo} to {hi}",
    },
    IssueCode.DENOMINATOR_ZERO: {
        "id": "penyebut {variable} bernilai nol, sehingga nilai tidak dapat dihitung",
        "en": "the denominator {variable} is zero, so no value can be computed",
    },
    IssueCode.NUMERATOR_EXCEEDS_DENOMINATOR: {
        "id": "pembilang ({numerator}) lebih besar dari penyebut ({denominator})",
        "en": "the numerator ({numerator}) is larger than the denominator ({denominator})",
    },
    IssueCode.MISSING_TARGET: {
        "id": "tidak ada target untuk periode {period}",
        "en": "no target for period {period}",
    },
    IssueCode.ZERO_TARGET: {
        "id": "target bernilai nol, sehingga capaian tidak dapat dihitung",
        "en": "the target is zero, so no achievement can be computed",
    },
    IssueCode.UNKNOWN_VARIABLE: {
        "id": "kolom {variable} bukan variabel dari set ini",
        "en": "column {variable} is not a variable of this set",
    },
}
"""Message templates per code and language ("id", "en"); fields are filled by :func:`message`."""


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def message(code: IssueCode | str, lang: str = "id", **fields: Any) -> str:
    """The message for ``code`` in ``lang`` ("id" or "en"), filled with ``fields``.

    >>> message("denominator_zero", variable="psks")
    'penyebut psks bernilai nol, sehingga nilai tidak dapat dihitung'
    >>> message("missing_target", "en", period=2025)
    'no target for period 2025'
    """
    templates = MESSAGES[IssueCode(code)]
    return templates.get(lang, templates["id"]).format_map(_Blank(fields))


@attrs.frozen
class Issue:
    """One problem found in the input: what (``code``), how bad, where (indicator, variable,
    row), and a message in Indonesian; ``message_en`` holds the English one.

    ``row`` is the row's position in a table, or its keys (a mapping of key column to value)
    when it has keys; ``None`` for a mapping of one unit.
    """

    code: IssueCode = attrs.field(converter=IssueCode)
    severity: Severity = attrs.field(converter=Severity)
    message: str
    indicator: str | None = None
    variable: str | None = None
    row: Any = None
    message_en: str | None = attrs.field(default=None, kw_only=True, eq=False)

    def describe(self, lang: str = "id") -> str:
        """The message in ``lang`` ("id" or "en")."""
        return (self.message_en or self.message) if lang == "en" else self.message

    def __str__(self) -> str:
        where = [f"{k} {v}" for k, v in (("indikator", self.indicator), ("baris", self.row)) if v]
        prefix = f"[{self.code}] " + (", ".join(where) + ": " if where else "")
        return prefix + self.message
