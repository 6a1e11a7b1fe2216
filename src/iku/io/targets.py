"""Reading a targets file: :func:`load_targets` (targets, issues, places) and :func:`read_targets`.

A targets file (a CSV, or the ``targets`` sheet of a workbook such as the template) has the
columns ``indicator`` (also ``indikator``, ``kode``, ``code``), ``period`` (optional: also
``periode``, ``tahun``, ``year``; an empty period is a target for any period), ``target`` and
optionally ``target_hi`` (a range). Targets are numbers read as data is (one convention per
column, a trailing ``%`` allowed). Each problem is an error issue naming its place
(``targets.csv:7``, ``targets!C7``), and only that row's target is left out:

- a target that is no number (``"sembilan puluh"``), or one in doubt (``1.500``);
- an (indicator, period) pair given twice (``duplicate_target``: neither target is used);
- a target for an indicator the set lacks (``unknown_indicator``, with the close code if any).

A file whose columns could file targets under the wrong indicator (``indicator`` and ``kode``
both, or two ``target`` columns) is refused as a whole, naming the columns.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import attrs
import numpy as np

from iku import arguments
from iku.errors import InputError
from iku.io.cells import shown
from iku.io.data import check_decimal
from iku.io.datafile import python_periods
from iku.io.excel import letter
from iku.io.issues import Word, reader_issue
from iku.io.numbers import TEXT, UNREADABLE, DecimalMark, classify_objects, read_numbers
from iku.io.paths import error, kind
from iku.io.template import TARGETS_SHEET
from iku.model import Indicator, IndicatorSet
from iku.validation import Issue, IssueCode, Severity

__all__ = ["TargetsFile", "load_targets", "read_targets"]

ALIASES: Final = {
    "indicator": "indicator",
    "indikator": "indicator",
    "kode": "indicator",
    "code": "indicator",
    "period": "period",
    "periode": "period",
    "tahun": "period",
    "year": "period",
    "target": "target",
    "target_hi": "target_hi",
}
"""Column names of a targets file, and the role of each."""


@attrs.frozen(eq=False)
class TargetsFile:
    """Targets read from a file: what :func:`iku.evaluate` takes as ``targets``, the issues
    found while reading them, and where each target is in the file."""

    targets: dict[str, Any]
    """Indicator code to a number (any period) or to ``{period: number}``; a ``(lo, hi)``
    pair for a range."""
    issues: tuple[Issue, ...] = ()
    path: Path = attrs.field(factory=Path, converter=Path)
    places: Mapping[tuple[str, Any], str] = attrs.field(factory=dict)

    def place(self, code: str, period: Any = None) -> str | None:
        """Where the target of ``code`` for ``period`` is (``targets.csv:7``, ``targets!C7``);
        the target for any period when there is none for ``period``."""
        return self.places.get((code, period)) or self.places.get((code, None))

    def __len__(self) -> int:
        return len(self.targets)


def read_targets(
    path: str | os.PathLike[str],
    subject: IndicatorSet | Indicator,
    *,
    decimal: DecimalMark | None = None,
    encoding: str | None = None,
) -> dict[str, Any]:
    """The targets in ``path`` as :func:`iku.evaluate` takes them: indicator code to a number,
    or to ``{year: number}``; a ``(lo, hi)`` range when a ``target_hi`` column is filled.

    A file with a problem (see :func:`load_targets`) is refused with an
    :class:`~iku.errors.InputError` naming every problem and its place: a mapping has no room
    for issues, and a target left out silently would be a silent error.
    """
    found = load_targets(path, subject, decimal=decimal, encoding=encoding)
    errors = [i for i in found.issues if i.severity is Severity.ERROR]
    if errors:
        english = "\n".join(_line(i, "en") for i in errors)
        raise InputError(english, message="\n".join(_line(i, "id") for i in errors))
    return dict(found.targets)


def _line(issue: Issue, lang: str) -> str:
    """An issue as one line naming its place."""
    place = getattr(issue, "place", None)
    text = issue.describe(lang)
    return f"{place}: {text}" if place and not text.startswith(place) else text


def load_targets(
    path: str | os.PathLike[str],
    subject: IndicatorSet | Indicator,
    *,
    decimal: DecimalMark | None = None,
    encoding: str | None = None,
) -> TargetsFile:
    """The targets in ``path`` (a CSV, or a workbook's sheet ``targets``) as a
    :class:`TargetsFile`: every problem is an issue with its place, and only its row is left
    out."""
    path = arguments.path(path)
    arguments.instance(subject, (IndicatorSet, Indicator), "subject", "argument.subject")
    decimal = check_decimal(decimal)
    found = kind(path)
    if found == "csv":
        from iku.io.csv import read_csv

        table = read_csv(path, encoding=encoding)
        header = table.header
        columns: list[list[Any]] = [
            [v for chunk in c for v in chunk.to_pylist()] if table.arrow else list(c)
            for c in table.columns
        ]
        numbers = [int(line) for line in table.lines]
        stated: DecimalMark | None = "," if table.delimiter == ";" else None
        sheet = None
    elif found == "xlsx":
        from iku.io.excel import read_sheet, sheet_table

        rows = read_sheet(path, TARGETS_SHEET)
        table_ = sheet_table(rows, frozenset(ALIASES))
        header, columns, numbers = table_.header, table_.columns, table_.numbers
        stated, sheet = rows.convention, rows.sheet
    else:
        raise error("targets_type", path=path)
    roles = _roles(path, header, sheet)
    return _Reader(path, subject, roles, columns, numbers, sheet, decimal, stated).read()


def _roles(path: Path, header: Sequence[str], sheet: str | None) -> dict[str, int]:
    """The column of each role; an error for a role that two columns claim, or a column
    ``indicator`` or ``target`` missing."""
    claimed: dict[str, list[int]] = {}
    for n, name in enumerate(header):
        role = ALIASES.get(name.strip().lower())
        if role is not None:
            claimed.setdefault(role, []).append(n)
    for role, found in claimed.items():
        if len(found) > 1:
            columns = ", ".join(
                f"{header[n]!r} ({letter(n + 1) if sheet is not None else n + 1})" for n in found
            )
            raise error("targets_twice", path=path, columns=columns, name=role)
    for role in ("indicator", "target"):
        if role not in claimed:
            raise error("targets_column", path=path, name=role)
    return {role: found[0] for role, found in claimed.items()}


@attrs.define
class _Reader:
    path: Path
    subject: IndicatorSet | Indicator
    roles: dict[str, int]
    columns: list[list[Any]]
    numbers: list[int]
    sheet: str | None
    decimal: DecimalMark | None
    stated: DecimalMark | None
    issues: list[Issue] = attrs.field(factory=list)

    def place(self, row: int, role: str) -> str:
        if self.sheet is None:
            return f"{self.path.name}:{self.numbers[row]}"
        return f"{self.sheet}!{letter(self.roles[role] + 1)}{self.numbers[row]}"

    def column(self, role: str) -> list[Any]:
        n = self.roles.get(role)
        return self.columns[n] if n is not None else [None] * len(self.numbers)

    def amounts(self, role: str) -> tuple[list[Any], list[str | None]]:
        """The numbers of a target column (None where there is none), and for each cell whose
        number was refused, why (else None), with an issue said for it."""
        raw = self.column(role)
        cells = [v.strip().removesuffix("%").strip() if isinstance(v, str) else v for v in raw]
        parts = [classify_objects(cells)]
        read = read_numbers(
            parts, asked=self.decimal, stated=self.stated, text=lambda i: str(raw[i])
        )
        values = [None if isinstance(v, float) and v != v else v for v in read.array.tolist()]
        refused: list[str | None] = [None] * len(values)
        kinds = parts[0].kinds()
        for doubt in read.doubts:
            refused[doubt.row] = "ambiguous"
        for row, _, _ in read.unreadable:
            refused[row] = "unreadable"
        for row in np.flatnonzero((kinds == TEXT) | (kinds == UNREADABLE)).tolist():
            refused[row] = refused[row] or "text"
        for row in np.flatnonzero(np.asarray([r is not None for r in refused])).tolist():
            values[row] = None
        self._say_numbers(role, raw, read)
        return values, refused

    def _say_numbers(self, role: str, raw: list[Any], read: Any) -> None:
        codes = self.column("indicator")
        for doubt in read.doubts:
            fields: dict[str, Any] = {"column": role, "text": shown(doubt.text)}
            if doubt.reason in ("point", "comma"):
                key = "ambiguous.against"
                fields["written"] = Word(f"io.{doubt.reason}")
                fields["used"] = Word("io.comma" if doubt.reason == "point" else "io.point")
            else:
                key = f"ambiguous.{doubt.reason}"
                fields["point"] = _number(doubt.with_point)
                fields["comma"] = _number(doubt.with_comma)
            self.issues.append(
                reader_issue(
                    IssueCode.AMBIGUOUS_NUMBER,
                    key,
                    place=self.place(doubt.row, role),
                    indicator=_code(codes[doubt.row]),
                    **fields,
                )
            )
        for row, text, reason in read.unreadable:
            self.issues.append(
                reader_issue(
                    IssueCode.UNREADABLE_CELL,
                    f"unreadable.{reason}",
                    place=self.place(row, role),
                    indicator=_code(codes[row]),
                    column=role,
                    text=shown(text),
                )
            )
        del raw

    def read(self) -> TargetsFile:
        codes = [_code(c) for c in self.column("indicator")]
        periods = python_periods(self.column("period")).array.tolist()
        targets, refused = self.amounts("target")
        highs, high_refused = self.amounts("target_hi")
        known = (
            self.subject.codes if isinstance(self.subject, IndicatorSet) else (self.subject.code,)
        )
        raw = self.column("target")
        found: dict[str, dict[Any, tuple[Any, int]]] = {}
        twice: set[tuple[str, Any]] = set()
        for row, code in enumerate(codes):
            target, why = targets[row], refused[row]
            if code is None and target is None and why is None:
                continue
            if code not in known:
                self._unknown(row, code, known)
                continue
            period = periods[row]
            if why == "text":
                self._text(row, code, period, raw[row])
            if target is None or high_refused[row] is not None:
                continue
            if highs[row] is not None:
                target = (target, highs[row])
            per_code = found.setdefault(code, {})
            if period in per_code:
                first = per_code[period][1]
                self._twice(code, period, first, row)
                twice.add((code, period))
                continue
            per_code[period] = (target, row)
        out: dict[str, Any] = {}
        places: dict[tuple[str, Any], str] = {}
        for code, by_period in found.items():
            usable = {p: t for p, t in by_period.items() if (code, p) not in twice}
            if None in usable and len(by_period) > 1:
                others = [row for p, (_, row) in by_period.items() if p is not None]
                self._any_and_each(code, usable[None][1], others[0])
                continue
            if not usable:
                continue
            for period, (_, row) in usable.items():
                places[(code, period)] = self.place(row, "target")
            out[code] = (
                usable[None][0] if None in usable else {p: t for p, (t, _) in usable.items()}
            )
        return TargetsFile(out, tuple(self.issues), self.path, places)

    def _unknown(self, row: int, code: str | None, known: Sequence[str]) -> None:
        close = difflib.get_close_matches(code or "", list(known), n=1, cutoff=0.6)
        hint: Any = Word("io.did_you_mean", {"code": close[0]}) if close else ""
        self.issues.append(
            reader_issue(
                IssueCode.UNKNOWN_INDICATOR,
                "unknown_indicator",
                place=self.place(row, "indicator"),
                indicator=code,
                code=code or "",
                hint=hint,
            )
        )

    def _text(self, row: int, code: str, period: Any, text: Any) -> None:
        key = "target_text" if period is not None else "target_text_any"
        self.issues.append(
            reader_issue(
                IssueCode.NOT_A_NUMBER,
                key,
                place=self.place(row, "target"),
                indicator=code,
                code=code,
                period=period,
                text=shown(str(text)),
            )
        )

    def _twice(self, code: str, period: Any, first: int, second: int) -> None:
        self.issues.append(
            reader_issue(
                IssueCode.DUPLICATE_TARGET,
                "duplicate_target",
                place=self.place(second, "target"),
                indicator=code,
                code=code,
                period=period if period is not None else "-",
                first=self.place(first, "target"),
                second=self.place(second, "target"),
            )
        )

    def _any_and_each(self, code: str, first: int, second: int) -> None:
        self.issues.append(
            reader_issue(
                IssueCode.DUPLICATE_TARGET,
                "duplicate_target_any",
                place=self.place(first, "target"),
                indicator=code,
                code=code,
                first=self.place(first, "target"),
                second=self.place(second, "target"),
            )
        )


def _code(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _number(value: float) -> str:
    if np.isfinite(value) and float(value).is_integer():
        return str(int(value))
    return repr(float(value))
