"""The budget behind the capaian: pagu and realisasi anggaran per sasaran, and their efficiency.

An LKjIP analyses the efficiency of the resources used for each sasaran (chapter III, "efisiensi
penggunaan sumber daya"): the budget ceiling (*pagu*) and the spending (*realisasi anggaran*)
give the absorption (*serapan*, percent), which is compared with the capaian of the sasaran.
``evaluate(..., budget=TABLE)`` reads the table here (:func:`read_budget`), and
``Evaluation.efficiency()`` gives the comparison (:func:`efficiency_records`).

**The table.** One row per sasaran (column ``sasaran``, its code) or per indicator (column
``indicator``, when the budget is kept per indicator), ``period`` and the amounts ``pagu`` and
``realisasi`` in rupiah. Rows of the same sasaran and period are added up (a sasaran's budget is
the sum of its programs' and kegiatan's); other columns (program, kegiatan) are left as they are.
Amounts may be numbers or text as people write rupiah: ``Rp 1.250.000.000``, ``1.250.000.000,00``,
``Rp1.250.000,-``. Each column is read with one convention for the decimal mark (as the readers
do, :mod:`iku.io`): a bare ``1.500`` where nothing in the column says which is meant is an
``ambiguous_number``, never a guess; ``Rp 1.500`` is 1500 (the rupiah sign says the number is
written the Indonesian way, with the decimal comma).

**The checks** (issues, never exceptions): an amount missing (``missing_value``), no number
(``not_a_number``, ``ambiguous_number``), infinite (``not_finite``) or negative
(``negative_value``); a realisasi above its pagu (``budget_over_ceiling``: the amount budgeted is
the upper limit of spending); a sasaran the set does not have (``unknown_sasaran``; an unknown
indicator is ``unknown_indicator``); a period that cannot be read (``bad_period``). A sasaran
whose rows have an error gets no sum (its amounts are None), never a partial one.

**Efficiency** (DOMAIN.md, "Budget efficiency"). ``absorption = realisasi / pagu * 100``; by the
difference method (the default), ``efficiency = capaian - absorption`` in points, named by
:data:`EFISIENSI`: *Efisien* above 5 points (``> 5``), *Cukup Efisien* from -5 to 5 (``>= -5``),
*Tidak Efisien* below -5. By the ratio method, ``efficiency = capaian / absorption``, named by
:data:`EFISIENSI_RASIO`: *Efisien* from 1 (``>= 1``: at least as much capaian as serapan),
*Tidak Efisien* below. Both scales are replaceable (``efficiency(scale=...)``).

>>> import iku
>>> done, cases = iku.Variable("selesai", "Kasus selesai"), iku.Variable("kasus", "Kasus")
>>> iku1 = iku.Ratio("IKU-1", "Persentase kasus selesai", done, cases)
>>> s = iku.IndicatorSet("kota-x.dinas.2025", "IKU Dinas X", "Dinas X", [2025],
...                      [iku.Sasaran("S-1", "Kasus terselesaikan", [iku1])], [done, cases])
>>> budget = {"sasaran": ["S-1"], "period": [2025], "pagu": ["Rp 100.000.000"],
...           "realisasi": [95_000_000]}
>>> ev = iku.evaluate(s, {"selesai": 45, "kasus": 50}, targets={"IKU-1": 80}, period=2025,
...                   budget=budget)
>>> row = efficiency_records(ev)[0]
>>> row["achievement"], row["absorption"], row["efficiency"], row["category"]
(112.5, 95.0, 17.5, 'Efisien')
>>> row["cost_per_unit"], row["cost_unit"]
(2111111.111111111, 'selesai')
"""

from __future__ import annotations

import difflib
import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal, cast

import attrs

from iku.checks import IssueCode
from iku.errors import ArgumentError, IkuError
from iku.io.template import BUDGET_COLUMNS, BUDGET_SHEET
from iku.model import Indicator, IndicatorSet, Ratio, VariableKind
from iku.scales import Band, Scale
from iku.validation import Issue, Severity, message

if TYPE_CHECKING:
    from iku.evaluation import Evaluation

__all__ = [
    "BUDGET_COLUMNS",
    "BUDGET_SHEET",
    "EFISIENSI",
    "EFISIENSI_RASIO",
    "Budget",
    "BudgetRow",
    "Method",
    "efficiency_frame",
    "efficiency_records",
    "read_budget",
]

EFISIENSI: Final = Scale(
    "EFISIENSI",
    [
        Band("Efisien", 5.0, label_en="Efficient", inclusive=False),
        Band("Cukup Efisien", -5.0, label_en="Fairly efficient"),
        Band("Tidak Efisien", -math.inf, label_en="Not efficient"),
    ],
    name_en="Budget efficiency",
    description=(
        "Efisiensi anggaran: capaian sasaran dikurangi serapan anggaran, dalam poin. Efisien di "
        "atas 5 poin (> 5), Cukup Efisien dari -5 sampai 5 (>= -5), Tidak Efisien di bawah -5."
    ),
)
"""The category of ``capaian - serapan`` (points): Efisien above 5 (``> 5``: its band's cut is
not inclusive), Cukup Efisien from -5 (``>= -5``) up to 5, Tidak Efisien below -5. The rule in
use in LKjIPs (DOMAIN.md, "Budget efficiency")."""

EFISIENSI_RASIO: Final = Scale(
    "EFISIENSI_RASIO",
    [
        Band("Efisien", 1.0, label_en="Efficient"),
        Band("Tidak Efisien", -math.inf, label_en="Not efficient"),
    ],
    name_en="Budget efficiency (ratio)",
    description=(
        "Efisiensi anggaran sebagai rasio capaian / serapan: Efisien dari 1 (>= 1), "
        "Tidak Efisien di bawah 1."
    ),
)
"""The category of ``capaian / serapan``: Efisien from 1 (``>= 1``), Tidak Efisien below."""

# The template owns its sheets' names and columns (iku.io.template): the budget sheet's are
# BUDGET_SHEET ("anggaran") and BUDGET_COLUMNS (``program`` is free text, not read).

Method = Literal["difference", "ratio"]
"""How capaian and serapan are compared: ``"difference"`` (points) or ``"ratio"``."""

_COLUMNS: Final[Mapping[str, tuple[str, ...]]] = {
    "sasaran": ("sasaran", "kode_sasaran"),
    "indicator": ("indicator", "indikator"),
    "period": ("period", "periode", "tahun", "year"),
    "pagu": ("pagu", "pagu_anggaran"),
    "realisasi": ("realisasi", "realisasi_anggaran"),
}
"""The columns of a budget table and the headers each is found under (in any case)."""


@attrs.frozen
class BudgetRow:
    """The budget of one sasaran (or indicator, ``by``) and period: the sums of its rows.

    ``pagu`` and ``realisasi`` are None when a row of the group has an error in that amount;
    ``rows`` are the positions of the table's rows summed; ``issues`` theirs."""

    key: str
    by: str
    period: Any
    pagu: float | None
    realisasi: float | None
    rows: tuple[int, ...]
    issues: tuple[Issue, ...] = ()

    @property
    def absorption(self) -> float | None:
        """Serapan: realisasi / pagu * 100; None without both, or with a pagu of 0."""
        if self.pagu is None or self.realisasi is None or self.pagu == 0:
            return None
        return self.realisasi / self.pagu * 100.0


@attrs.frozen
class Budget:
    """A budget table read and checked: ``rows`` (one per sasaran or indicator and period, in
    order of first appearance), ``issues`` (every one, row by row; those of rows naming no
    sasaran of the set too), ``by`` ("sasaran" or "indicator")."""

    rows: tuple[BudgetRow, ...]
    issues: tuple[Issue, ...]
    by: str

    @property
    def ok(self) -> bool:
        """True when no issue is an error."""
        return not any(issue.severity is Severity.ERROR for issue in self.issues)


# --- reading ----------------------------------------------------------------------------------


class _Table:
    """A budget table as columns of Python values, with a place for each row when known."""

    def __init__(
        self, columns: Mapping[str, list[Any]], issues: Sequence[Issue], place: Any
    ) -> None:
        self.columns = columns
        self.issues = tuple(issues)
        self._place = place

    def place(self, row: int, column: str | None) -> str | None:
        return self._place(row, column) if self._place is not None else None


def _as_table(table: object) -> _Table:
    from iku.backends.shapes import is_pandas_frame, is_polars_frame
    from iku.backends.sources import is_data_source

    if isinstance(table, str | os.PathLike):
        return _read_file(table)
    if is_pandas_frame(table):
        frame: Any = table
        return _Table({str(c): frame[c].tolist() for c in frame.columns}, (), None)
    if is_polars_frame(table):
        frame = table
        return _Table({str(c): frame[c].to_list() for c in frame.columns}, (), None)
    if is_data_source(table):
        source: Any = table
        columns = {str(k): _list(v) for k, v in source.columns.items()}
        return _Table(columns, tuple(source.issues), source.place)
    if isinstance(table, Mapping):
        columns = {str(k): _list(v) for k, v in table.items()}
        lengths = {len(v) for v in columns.values()}
        if len(lengths) > 1:
            msg = f"the budget's columns have different lengths ({sorted(lengths)})"
            raise ArgumentError(msg)
        return _Table(columns, (), None)
    if isinstance(table, Sequence) and all(isinstance(row, Mapping) for row in table):
        names = list(dict.fromkeys(str(k) for row in table for k in row))
        return _Table({n: [row.get(n) for row in table] for n in names}, (), None)
    msg = (
        "budget is a table of sasaran (or indicator), period, pagu and realisasi: a mapping of "
        "column to list, a pandas or polars frame, a list of rows or a file, "
        f"not {type(table).__name__}"
    )
    raise ArgumentError(msg)


def _list(values: Any) -> list[Any]:
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        msg = f"a budget column is a sequence of values, not {type(values).__name__}"
        raise ArgumentError(msg)
    return values.tolist() if hasattr(values, "tolist") else list(values)


def _read_file(path: str | os.PathLike[str]) -> _Table:
    from pathlib import Path

    from iku.io import load_data

    if Path(os.fspath(path)).suffix.lower() in (".xlsx", ".xlsm"):
        return _read_workbook(Path(os.fspath(path)))

    data: Any = load_data(path)
    columns = {str(k): _list(v) for k, v in data.columns.items()}
    place = getattr(data, "place", None)
    if not callable(place):
        lines = data.rows
        name = Path(os.fspath(path)).name

        def place(row: int, column: str | None = None) -> str | None:
            return f"{name}:{lines[row]}" if lines is not None and row < len(lines) else None

    return _Table(columns, tuple(getattr(data, "issues", ())), place)


def _read_workbook(path: Any) -> _Table:
    """The budget sheet of a workbook (``anggaran``, or its only sheet), read by the readers
    (:func:`iku.io.excel.read_sheet`: the workbook's limits checked): the first row holds the
    column names; each cell's place is ``sheet!C7``. Cells are taken as Excel stores them
    (numbers as numbers, text as text, read by the rupiah rules)."""
    from iku.arguments import path as checked
    from iku.io.excel import has_sheet, letter, read_sheet
    from iku.io.template import DATA_SHEET

    found = checked(path)
    sheet = read_sheet(found, BUDGET_SHEET if has_sheet(found, BUDGET_SHEET) else DATA_SHEET)
    rows, numbers = sheet.rows, sheet.numbers
    header = [str(cell).strip() if cell is not None else "" for cell in (rows[0] if rows else ())]
    body, lines = rows[1:], numbers[1:]
    columns = {
        title: [row[k] if k < len(row) else None for row in body]
        for k, title in enumerate(header)
        if title
    }
    letters = {title: letter(k + 1) for k, title in enumerate(header) if title}

    def place(row: int, column: str | None = None) -> str | None:
        if row >= len(lines):
            return None
        if column in letters:
            return f"{sheet.sheet}!{letters[column]}{lines[row]}"
        return f"{sheet.sheet}:{lines[row]}"

    return _Table(columns, (), place)


def has_budget(path: str | os.PathLike[str]) -> bool:
    """Whether the workbook ``path`` has a sheet ``anggaran`` with an amount filled in (a
    template whose budget sheet was left empty has none)."""
    from pathlib import Path

    from iku.io.excel import has_sheet

    found = Path(os.fspath(path))
    if found.suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    try:
        if not has_sheet(found, BUDGET_SHEET):
            return False
        table = _read_workbook(found)
    except IkuError:  # no workbook to speak of: no budget (reading the data says why)
        return False
    amounts = [
        value
        for name in ("pagu", "realisasi")
        if (column := _column(table.columns, name)) is not None
        for value in table.columns[column]
    ]
    return any(value not in (None, "") for value in amounts)


def _column(columns: Mapping[str, list[Any]], name: str) -> str | None:
    lowered = {c.strip().lower(): c for c in columns}
    for alias in _COLUMNS[name]:
        if alias in lowered:
            return lowered[alias]
    return None


_RUPIAH: Final = re.compile(r"^\s*(?:rp\.?|idr)\s*", re.IGNORECASE)
_POINT: Final = re.compile(
    r"[+-]?(?:[0-9]+(?:\.[0-9]+)?|[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?)"
)
_COMMA: Final = re.compile(
    r"[+-]?(?:[0-9]+(?:,[0-9]+)?|[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?)"
)
_MISSING_TEXT: Final = frozenset({"", "na", "n/a", "nan", "null", "none", "-", "–", "—"})

_NUMBER, _POINT_ONLY, _COMMA_ONLY, _BOTH, _TEXT, _ABSENT = range(6)


def _classify(text: str) -> tuple[int, float, float]:
    """A rupiah text's class and its number with a decimal point and with a decimal comma."""
    stripped = _RUPIAH.sub("", text.strip()).replace(" ", "").replace("\u00a0", "")
    stripped = stripped.removesuffix(",-").removesuffix(",00-")
    if stripped.lower() in _MISSING_TEXT:
        return _ABSENT, math.nan, math.nan
    point = _POINT.fullmatch(stripped) is not None
    comma = _COMMA.fullmatch(stripped) is not None
    with_point = float(stripped.replace(",", "")) if point else math.nan
    with_comma = float(stripped.replace(".", "").replace(",", ".")) if comma else math.nan
    if point and comma:
        return (_NUMBER if with_point == with_comma else _BOTH), with_point, with_comma
    if point:
        return _POINT_ONLY, with_point, math.nan
    if comma:
        return _COMMA_ONLY, math.nan, with_comma
    return _TEXT, math.nan, math.nan


def _convention(texts: Iterable[str], asked: str | None) -> str | None:
    """The decimal mark of a column of texts: the one asked for, else the one its texts fit
    (None when none decides, or they point both ways)."""
    if asked is not None:
        return asked
    kinds = {_classify(t)[0] for t in texts}
    point, comma = _POINT_ONLY in kinds, _COMMA_ONLY in kinds
    if point == comma:
        return None
    return "." if point else ","


def _amount(value: Any, convention: str | None) -> tuple[float | None, IssueCode | None, str]:
    """An amount cell as a number, or the code of what is wrong with it and the text shown."""
    from iku.validation import check_value

    if isinstance(value, str):
        kind, with_point, with_comma = _classify(value)
        if kind == _ABSENT:
            return None, IssueCode.MISSING_VALUE, repr(value)
        if kind == _TEXT:
            return None, IssueCode.NOT_A_NUMBER, repr(value)
        if kind == _NUMBER or (convention == "." and kind != _COMMA_ONLY):
            number = with_point
        elif kind == _BOTH and convention is None and _RUPIAH.match(value):
            number = with_comma  # "Rp 1.500": the rupiah sign says it is written the Indonesian way
        elif convention == "," and kind != _POINT_ONLY:
            number = with_comma
        else:
            return None, IssueCode.AMBIGUOUS_NUMBER, value.strip()
        value = number
    number, code = check_value(value, VariableKind.AMOUNT)
    return (None if code is not None else number), code, repr(value)


def read_budget(table: object, subject: IndicatorSet, *, decimal: str | None = None) -> Budget:
    """Read and check a budget table for ``subject`` (see the module's documentation).

    ``table`` is a mapping of column to values, a pandas or polars frame, a list of row
    mappings, data read by :mod:`iku.io`, or the path of a CSV, Excel or Parquet file.
    ``decimal`` (``"."`` or ``","``) says how the amounts written as text mark decimals; by
    default each column's own texts say it.
    """
    if not isinstance(cast(object, subject), IndicatorSet):
        msg = "a budget belongs to an indicator set: evaluate an IndicatorSet with budget="
        raise ArgumentError(msg)
    if decimal not in (None, ".", ","):
        msg = f"decimal is '.' or ',' (or None: by each column), not {decimal!r}"
        raise ArgumentError(msg)
    source = _as_table(table)
    columns = source.columns
    found = {name: _column(columns, name) for name in _COLUMNS}
    by = "indicator" if found["indicator"] is not None else "sasaran"
    issues: list[Issue] = list(source.issues)
    length = max((len(v) for v in columns.values()), default=0)
    for name in (by, "pagu", "realisasi"):
        if found[name] is None:
            issues.append(_missing_column(name))
    if any(found[name] is None for name in (by, "pagu", "realisasi")):
        return Budget((), tuple(issues), by)
    key_column, pagu_column, spent_column = found[by], found["pagu"], found["realisasi"]
    assert key_column is not None
    assert pagu_column is not None
    assert spent_column is not None
    conventions = {
        column: _convention((v for v in columns[column] if isinstance(v, str)), decimal)
        for column in (pagu_column, spent_column)
    }
    known = subject.codes if by == "indicator" else tuple(s.code for s in subject.sasaran)
    groups: dict[tuple[str, Any], list[int]] = {}
    per_row: list[list[Issue]] = []
    amounts: list[tuple[float | None, float | None]] = []
    for i in range(length):
        row_issues: list[Issue] = []
        place = source.place
        key = _key(columns[key_column][i])
        period, period_issue = _period(columns, found["period"], i)
        if period_issue is not None:
            row_issues.append(_with(period_issue, i, place(i, found["period"])))
        values: list[float | None] = []
        for column, what in ((pagu_column, "pagu"), (spent_column, "realisasi")):
            number, code, shown = _amount(columns[column][i], conventions[column])
            values.append(number)
            if code is not None:
                row_issues.append(_value_issue(code, what, shown, key, i, place(i, column), by))
        pagu, spent = values
        if pagu is not None and spent is not None and spent > pagu:
            row_issues.append(_over(key, pagu, spent, i, place(i, spent_column), by))
        if key is None:
            row_issues.append(
                _value_issue(IssueCode.MISSING_VALUE, by, "None", None, i, place(i, key_column), by)
            )
        elif key not in known:
            row_issues.append(_unknown(key, known, i, place(i, key_column), by))
        per_row.append(row_issues)
        amounts.append((pagu, spent))
        issues += row_issues
        if key is not None and key in known and period_issue is None:
            groups.setdefault((key, period), []).append(i)
    rows = []
    for (key, period), members in groups.items():
        group_issues = tuple(issue for i in members for issue in per_row[i])
        errors = {issue.variable for issue in group_issues if issue.severity is Severity.ERROR}
        pagu_sum = None if errors & {"pagu", None} else _sum(amounts[i][0] for i in members)
        spent_sum = None if errors & {"realisasi", None} else _sum(amounts[i][1] for i in members)
        if any(issue.code is IssueCode.BUDGET_OVER_CEILING for issue in group_issues):
            pagu_sum = spent_sum = None
        if pagu_sum == 0:
            zero = _issue(
                IssueCode.DENOMINATOR_ZERO, "pagu", (_on(key, by), "pagu"), None, None, sasaran=key
            )
            group_issues += (zero,)
            issues.append(zero)
        rows.append(BudgetRow(key, by, period, pagu_sum, spent_sum, tuple(members), group_issues))
    return Budget(tuple(rows), tuple(issues), by)


def _on(key: str, by: str) -> str | None:
    return key if by == "indicator" else None


def _sum(values: Iterable[float | None]) -> float | None:
    total = 0.0
    for value in values:
        if value is None:
            return None
        total += value
    return total


def _key(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _period(
    columns: Mapping[str, list[Any]], column: str | None, i: int
) -> tuple[Any, Issue | None]:
    from iku.periods import as_period

    if column is None:
        return None, None
    value = columns[column][i]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None, _issue(IssueCode.BAD_PERIOD, "missing", (None, "period"), i, None)
    parsed = as_period(value)
    if parsed is None:
        return None, _issue(
            IssueCode.BAD_PERIOD, None, (None, "period"), i, None, value=repr(value)
        )
    return (parsed.year if parsed.is_year else str(parsed)), None


def _issue(
    kind: IssueCode,
    variant: str | None,
    on: tuple[str | None, str | None],
    row: int | None,
    place: str | None,
    **fields: Any,
) -> Issue:
    """An issue of ``kind`` about ``on`` (its indicator and variable), with its messages."""
    indicator, column = on
    return Issue(
        kind,
        kind.severity,
        message(kind, "id", variant=variant, **fields),
        indicator,
        column,
        row,
        message_en=message(kind, "en", variant=variant, **fields),
        place=place,
    )


def _with(issue: Issue, row: int, place: str | None) -> Issue:
    return attrs.evolve(issue, row=row, place=place)


def _missing_column(name: str) -> Issue:
    return _issue(IssueCode.MISSING_VALUE, "column", (None, name), None, None, variable=name)


def _value_issue(
    code: IssueCode, what: str, shown: str, key: str | None, row: int, place: str | None, by: str
) -> Issue:
    indicator = key if by == "indicator" else None
    if code is IssueCode.AMBIGUOUS_NUMBER:
        _, with_point, with_comma = _classify(shown)
        if math.isnan(with_point) or math.isnan(with_comma):  # it fits the other mark only
            mark = "," if math.isnan(with_point) else "."  # the mark the text is written with
            return _issue(
                code,
                "against",
                (indicator, what),
                row,
                place,
                value=shown,
                variable=what,
                mark=mark,
            )
        one, other = _plain(with_point), _plain(with_comma)
        return _issue(code, None, (indicator, what), row, place, value=shown, one=one, other=other)
    return _issue(code, None, (indicator, what), row, place, variable=what, value=shown)


def _plain(number: float) -> str:
    return str(int(number)) if number == int(number) else repr(number)


def _rupiah(amount: float, lang: str) -> str:
    """An amount as a reader writes rupiah: ``Rp 1.250.000.000`` (``Rp 1,250,000,000`` in
    English), with decimals only when it has some."""
    text = f"{amount:,.2f}".removesuffix(".00")
    if lang == "id":
        text = text.translate(str.maketrans(",.", ".,"))
    return f"Rp {text}"


def _over(
    key: str | None, pagu: float, spent: float, row: int, place: str | None, by: str
) -> Issue:
    code = IssueCode.BUDGET_OVER_CEILING
    indonesian, english = (
        message(code, lang, sasaran=key, pagu=_rupiah(pagu, lang), realisasi=_rupiah(spent, lang))
        for lang in ("id", "en")
    )
    indicator = key if by == "indicator" else None
    return Issue(
        code,
        code.severity,
        indonesian,
        indicator,
        "realisasi",
        row,
        message_en=english,
        place=place,
    )


def _unknown(key: str, known: Sequence[str], row: int, place: str | None, by: str) -> Issue:
    code = IssueCode.UNKNOWN_INDICATOR if by == "indicator" else IssueCode.UNKNOWN_SASARAN
    close = difflib.get_close_matches(key, known, n=1)
    variant = "hint" if close else None
    fields: dict[str, Any] = {"indicator": key, "sasaran": key}
    if close:
        fields["match"] = close[0]
    if by == "indicator":
        variant = "budget_hint" if close else "budget"
    return _issue(code, variant, (_on(key, by), by), row, place, **fields)


# --- efficiency -------------------------------------------------------------------------------


def efficiency_records(
    evaluation: Evaluation, *, method: Method = "difference", scale: Scale | None = None
) -> list[dict[str, Any]]:
    """One dict per budget row of ``evaluation`` (see :meth:`iku.Evaluation.efficiency`)."""
    budget: Budget | None = getattr(evaluation, "budget", None)
    if budget is None:
        msg = "this evaluation has no budget: evaluate(..., budget=TABLE)"
        raise ArgumentError(msg)
    if method not in ("difference", "ratio"):
        msg = f"method is 'difference' or 'ratio', not {method!r}"
        raise ArgumentError(msg)
    chosen = (
        scale if scale is not None else (EFISIENSI if method == "difference" else EFISIENSI_RASIO)
    )
    if not isinstance(cast(object, chosen), Scale):
        msg = f"scale is a Scale, not {type(chosen).__name__}"
        raise ArgumentError(msg)
    subject = evaluation.set
    assert subject is not None
    figures = _figures(evaluation)
    sasaran = _sasaran_figures(evaluation)
    periods = {_period_key(p) for (_, p) in figures} or {None}
    out = []
    for row in budget.rows:
        period = row.period
        codes = [str(issue.code) for issue in row.issues]
        if period is None and len(periods) == 1:
            period = next(iter(periods))
        elif period is None:
            codes.append(str(IssueCode.MISSING_VALUE))
        achievement, count, unit = _achievement(subject, figures, sasaran, row, period)
        absorption = row.absorption
        value: float | None = None
        if achievement is not None and absorption is not None:
            if method == "difference":
                value = achievement - absorption
            elif absorption > 0:
                value = achievement / absorption
        cost = row.realisasi / count if row.realisasi is not None and count else None
        record: dict[str, Any] = {
            "sasaran": row.key if row.by == "sasaran" else _sasaran_of(subject, row.key)
        }
        if row.by == "indicator":
            record["indicator"] = row.key
        record.update(
            {
                "period": period,
                "pagu": row.pagu,
                "realisasi": row.realisasi,
                "achievement": achievement,
                "absorption": absorption,
                "efficiency": value,
                "category": chosen.classify(value) if value is not None else None,
                "cost_per_unit": cost,
                "cost_unit": unit if cost is not None else None,
                "issues": codes,
            }
        )
        out.append(record)
    return out


def efficiency_frame(
    evaluation: Evaluation, *, method: Method = "difference", scale: Scale | None = None
) -> Any:
    """:func:`efficiency_records` as a frame: polars when the evaluation's data was polars,
    pandas otherwise."""
    from iku.optional import require

    records = efficiency_records(evaluation, method=method, scale=scale)
    columns = list(records[0]) if records else list(_FRAME_COLUMNS)
    if _polars_input(evaluation):
        pl = require("polars", "polars")
        return (
            pl.DataFrame(records, schema=columns, strict=False)
            if records
            else pl.DataFrame(schema=columns)
        )
    pd = require("pandas", "pandas")
    return pd.DataFrame(records, columns=columns)


_FRAME_COLUMNS: Final = (
    "sasaran",
    "period",
    "pagu",
    "realisasi",
    "achievement",
    "absorption",
    "efficiency",
    "category",
    "cost_per_unit",
    "cost_unit",
    "issues",
)


def _polars_input(evaluation: Any) -> bool:
    table = getattr(evaluation, "table_output", None)
    return getattr(table, "flavour", None) == "polars"


def _period_key(period: Any) -> Any:
    from iku.periods import as_period

    parsed = as_period(period)
    if parsed is None:
        return period
    return parsed.year if parsed.is_year else str(parsed)


def _figures(evaluation: Any) -> dict[tuple[str, Any], Any]:
    """The evaluation's results by (indicator code, period); an ArgumentError when it has
    several rows per period (units), as a budget is the whole agency's."""
    found: dict[tuple[str, Any], Any] = {}
    for result in evaluation.results:
        keys = [k for k in dict(result.keys or {}) if k != "period"]
        key = (result.code, _period_key(result.period))
        if keys or key in found:
            msg = (
                "efficiency compares the whole agency's budget with its capaian: evaluate the "
                "units summed (by=[]), one row per period"
            )
            raise ArgumentError(msg)
        found[key] = result
    return found


def _sasaran_of(subject: IndicatorSet, code: str) -> str:
    return subject.sasaran_of(code).code


def _sasaran_figures(evaluation: Any) -> dict[tuple[str, Any], float | None]:
    """The capaian of each sasaran by (code, period): :meth:`iku.Evaluation.sasaran`, by the
    set's rules (the mean of its indicators' capaian, or the weighted mean)."""
    return {
        (found.code, _period_key(found.period)): found.achievement
        for found in evaluation.sasaran()
        if not found.keys
    }


def _achievement(
    subject: IndicatorSet,
    figures: Mapping[tuple[str, Any], Any],
    sasaran: Mapping[tuple[str, Any], float | None],
    row: BudgetRow,
    period: Any,
) -> tuple[float | None, float | None, str | None]:
    """The capaian the row's money bought, and what it bought counted (for the cost per unit):
    the indicator's (by indicator) or the sasaran's (by sasaran)."""
    key = _period_key(period)
    if row.by == "indicator":
        indicators: Sequence[Indicator] = [subject[row.key]]
        found = figures.get((row.key, key))
        achievement = found.achievement if found is not None else None
    else:
        indicators = next(s.indicators for s in subject.sasaran if s.code == row.key)
        achievement = sasaran.get((row.key, key))
    results = [figures.get((ind.code, key)) for ind in indicators]
    count, unit = None, None
    if len(indicators) == 1 and results[0] is not None:
        count, unit = _count(subject, indicators[0], results[0])
    return achievement, count, unit


def _count(subject: IndicatorSet, ind: Indicator, result: Any) -> tuple[float | None, str | None]:
    """What the indicator counts, for a cost per unit: a count variable it is (its value), or
    the count variable a ratio's numerator is (the numerator's sum)."""
    if isinstance(ind, Ratio):
        names, value = [str(s) for s in ind.numerator.free_symbols], result.numerator
        if len(names) != 1 or ind.numerator != subject.variable(names[0]).symbol:
            return None, None
    else:
        names, value = list(ind.variables), result.value
        if len(names) != 1 or ind.formula != subject.variable(names[0]).symbol:
            return None, None
    variable = subject.variable(names[0])
    if variable.kind is not VariableKind.COUNT or value is None or value <= 0:
        return None, None
    return float(value), variable.code
