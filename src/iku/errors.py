"""The errors iku raises.

Every error is an :class:`IkuError` and also the builtin it resembles, so a caller can catch
either: ``except iku.DefinitionError`` or ``except ValueError``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iku.validation import Issue

__all__ = [
    "ArgumentError",
    "ColumnNotFoundError",
    "DefinitionError",
    "FormulaError",
    "IkuError",
    "MissingDependencyError",
    "PeriodError",
    "ResultNotFoundError",
    "UnknownSetError",
    "ValidationError",
]


class IkuError(Exception):
    """Base class of every error raised by iku."""


class DefinitionError(IkuError, ValueError):
    """An indicator, set or set file is not a valid definition.

    ``problems`` lists every problem found, one line each; ``str(error)`` shows them all.
    """

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems: tuple[str, ...] = tuple(problems) or (message,)


class FormulaError(DefinitionError):
    """A formula text was refused by :func:`iku.parse_formula`.

    ``part`` is the offending piece of text and ``column`` its 1-based column in the formula.
    """

    def __init__(self, message: str, *, text: str = "", part: str = "", column: int = 0) -> None:
        super().__init__(message)
        self.text = text
        self.part = part
        self.column = column


class ValidationError(IkuError, ValueError):
    """Raised by ``evaluate(..., strict=True)``: carries every issue found, not only the first."""

    def __init__(self, issues: Iterable[Issue]) -> None:
        self.issues: tuple[Issue, ...] = tuple(issues)
        lines = [f"{len(self.issues)} masalah data / data issue(s):"]
        lines += [f"- {issue}" for issue in self.issues[:50]]
        if len(self.issues) > 50:
            lines.append(
                f"- ... dan {len(self.issues) - 50} lainnya / and {len(self.issues) - 50} more"
            )
        super().__init__("\n".join(lines))


class UnknownSetError(IkuError, KeyError):
    """No indicator set is known by that id."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ArgumentError(IkuError, TypeError):
    """An argument of a kind iku does not take: a subject that is not an Indicator or an
    IndicatorSet, data that is neither a mapping nor a table, targets that are not a mapping.

    Bad *values* inside the data are never an error: they become issues of the evaluation.
    """


class ColumnNotFoundError(IkuError, KeyError):
    """A column the caller named (``by=``, a targets table's columns) is not in the data."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class ResultNotFoundError(IkuError, KeyError):
    """An evaluation has no such result: an unknown indicator, a row out of range, or
    ``ev[code]`` on a table of many rows (use ``ev[code, row]`` or ``ev.to_frame()``)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class MissingDependencyError(IkuError, ImportError):
    """An optional dependency (an extra of iku, such as pandas) is needed and not installed."""


class InputError(IkuError, ValueError):
    """A data or targets file cannot be read as one: it names the file and what is wrong.

    ``str(error)`` is English, as every error of iku; :meth:`describe` gives the message in
    Indonesian (the default) or English, as the command line prints it.
    """

    def __init__(self, message: str, *, message_id: str | None = None) -> None:
        super().__init__(message)
        self.message_id = message_id

    def describe(self, lang: str = "id") -> str:
        """The message in ``lang`` ("id" or "en")."""
        return (self.message_id or str(self)) if lang == "id" else str(self)


class PeriodError(InputError):
    """A value is no period (a year, a quarter or a month): ``value`` is what was given."""

    def __init__(
        self, message: str, *, message_id: str | None = None, value: object = None
    ) -> None:
        super().__init__(message, message_id=message_id)
        self.value = value


class UsageError(IkuError, ValueError):
    """The command line was used wrongly (exit code 2)."""


class SqlError(IkuError, ValueError):
    """A query cannot be written: an unknown dialect, a bad table name or option."""


class SqlFormulaError(SqlError):
    """A formula holds something the SQL printer cannot write."""
