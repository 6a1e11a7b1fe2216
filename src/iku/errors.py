"""The errors iku raises.

Every error is an :class:`IkuError` and also the builtin it resembles, so a caller can catch
either: ``except iku.DefinitionError`` or ``except ValueError``.

Errors speak both languages the way issues do: ``error.message`` is Indonesian, ``error.message_en``
English, and ``error.describe(lang)`` picks one. ``str(error)`` is the English message, as in a
traceback. An error raised with an English text only has that text as its ``message`` too.

>>> error = InputError("data.csv: no rows of data", message="data.csv: tidak ada baris data")
>>> error.describe("id"), error.describe("en"), str(error)
('data.csv: tidak ada baris data', 'data.csv: no rows of data', 'data.csv: no rows of data')
>>> UsageError.from_key("cli.data_needed").message
'perlu --data BERKAS (atau --example untuk data contoh set ini)'
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Self

from iku.messages import both

if TYPE_CHECKING:
    from iku.validation import Issue

__all__ = [
    "ArgumentError",
    "ColumnNotFoundError",
    "DefinitionError",
    "FormulaError",
    "IkuError",
    "InputError",
    "MissingDependencyError",
    "PeriodError",
    "ResultNotFoundError",
    "SqlError",
    "SqlFormulaError",
    "UnknownCodeError",
    "UnknownSetError",
    "UsageError",
    "ValidationError",
]


class IkuError(Exception):
    """Base class of every error raised by iku.

    ``message`` is the Indonesian message (the English one where no Indonesian was written),
    ``message_en`` the English one; :meth:`describe` gives either.
    """

    message: str
    message_en: str

    def __init__(self, *args: Any, message: str | None = None) -> None:
        super().__init__(*args)
        english = str(args[0]) if args else ""
        self.message_en = english
        self.message = message if message is not None else english

    @classmethod
    def from_key(cls, key: str, /, **fields: Any) -> Self:
        """The error whose messages are the catalogue's entry ``key`` (:mod:`iku.messages`)."""
        indonesian, english = both(key, **fields)
        return cls(english, message=indonesian)

    @property
    def translated(self) -> bool:
        """Whether the error has an Indonesian message of its own (not only the English)."""
        return self.message != self.message_en

    def describe(self, lang: str = "id") -> str:
        """The message in ``lang`` ("id" or "en"; anything else: Indonesian)."""
        return self.message_en if lang == "en" else self.message


class DefinitionError(IkuError, ValueError):
    """An indicator, set or set file is not a valid definition.

    ``problems`` lists every problem found, one line each, in English; ``str(error)`` shows them
    all. ``problems_id`` holds them in Indonesian where the reader wrote them so (else None);
    :meth:`problems_in` picks a language.
    """

    def __init__(
        self,
        message_en: str,
        problems: Sequence[str] = (),
        *,
        message: str | None = None,
        problems_id: Sequence[str] | None = None,
    ) -> None:
        super().__init__(message_en, message=message)
        self.problems: tuple[str, ...] = tuple(problems) or (message_en,)
        if problems_id is None and not problems and message is not None:
            problems_id = (message,)
        self.problems_id: tuple[str, ...] | None = (
            None if problems_id is None else tuple(problems_id)
        )

    def problems_in(self, lang: str = "id") -> tuple[str, ...] | None:
        """The problems in ``lang``, or None when they were written in English only."""
        return self.problems if lang == "en" else self.problems_id


class FormulaError(DefinitionError):
    """A formula text was refused by :func:`iku.parse_formula`.

    ``part`` is the offending piece of text and ``column`` its 1-based column in the formula.
    """

    def __init__(
        self,
        message_en: str,
        *,
        text: str = "",
        part: str = "",
        column: int = 0,
        message: str | None = None,
    ) -> None:
        super().__init__(message_en, message=message)
        self.text = text
        self.part = part
        self.column = column


class ValidationError(IkuError, ValueError):
    """Raised by ``evaluate(..., strict=True)``: carries every issue found, not only the first."""

    def __init__(self, issues: Iterable[Issue]) -> None:
        self.issues: tuple[Issue, ...] = tuple(issues)
        n, shown = len(self.issues), self.issues[:50]
        lines = [f"{n} masalah data / data issue(s):", *(f"- {issue}" for issue in shown)]
        if n > 50:
            lines.append(f"- ... dan {n - 50} lainnya / and {n - 50} more")
        super().__init__("\n".join(lines))
        self.message = "\n".join(
            [f"{n} masalah data:", *(f"- {issue}" for issue in shown)]
            + ([f"- ... dan {n - 50} lainnya"] if n > 50 else [])
        )
        self.message_en = "\n".join(
            [f"{n} data issue(s):", *(f"- [{i.code}] {i.describe('en')}" for i in shown)]
            + ([f"- ... and {n - 50} more"] if n > 50 else [])
        )


class UnknownSetError(IkuError, KeyError):
    """No indicator set is known by that id."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ArgumentError(IkuError, TypeError, ValueError):
    """An argument iku does not take: a subject that is not an Indicator or an IndicatorSet,
    data that is neither a mapping nor a table, targets that are not a mapping, an option with
    a value it does not know (``lang="fr"``). It is both a ``TypeError`` and a ``ValueError``.

    Bad *values* inside the data are never an error: they become issues of the evaluation.
    """


class UnknownCodeError(IkuError, KeyError):
    """A set has no indicator, variable or sasaran by that code (``s["IKU-99"]``), or a scale
    no band by that label."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


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
    """An optional dependency (an extra of iku, such as pandas) is needed and not installed.

    ``package`` names it and ``extra`` the extra of iku that installs it, where known.
    """

    package: str | None = None
    extra: str | None = None


class InputError(IkuError, ValueError):
    """A data or targets file cannot be read as one: it names the file and what is wrong.

    ``str(error)`` is English, as every error of iku; :meth:`describe` gives the message in
    Indonesian (the default) or English, as the command line prints it. The keyword
    ``message_id=`` is the former name of ``message=`` (kept for one release).
    """

    def __init__(
        self, message_en: str, *, message: str | None = None, message_id: str | None = None
    ) -> None:
        super().__init__(message_en, message=message if message is not None else message_id)

    @property
    def message_id(self) -> str:
        """Deprecated: the Indonesian message, now ``message`` as on every error and issue."""
        warnings.warn(
            "InputError.message_id is deprecated: use InputError.message",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.message


class PeriodError(InputError):
    """A value is no period (a year, a quarter or a month): ``value`` is what was given."""

    def __init__(
        self, message_en: str, *, message: str | None = None, value: object = None
    ) -> None:
        super().__init__(message_en, message=message)
        self.value = value


class UsageError(IkuError, ValueError):
    """The command line was used wrongly (exit code 2)."""


class SqlError(IkuError, ValueError):
    """A query cannot be written: an unknown dialect, a bad table name or option."""


class SqlFormulaError(SqlError):
    """A formula holds something the SQL printer cannot write."""
