"""The LKjIP table as rows: what every report format prints, computed once.

An LKjIP (Laporan Kinerja Instansi Pemerintah) prints, for each year, one row per indicator:
No, Sasaran, Indikator Kinerja, Satuan, Target, Realisasi, Capaian (%), Predikat. This module
turns an :class:`~iku.Evaluation` into :class:`Report` values holding those rows (one
:class:`ReportTable` per period, or per period and key when the evaluation is by unit), with each
indicator's formula, sumber data and data issues beside them. The Markdown, HTML, Excel,
terminal and plot faces only lay these rows out.

>>> import iku
>>> from iku.report import build_report
>>> s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
>>> data = {"psks_diberdayakan": 45, "psks": 50}
>>> report = build_report(iku.evaluate(s["IKU-2"], data, targets={"IKU-2": 80}), s)
>>> report.tables[0].rows[0].cells()[2:]
['Persentase PSKS yang diberdayakan', '%', '80,00', '90,00', '112,50', 'Sangat Tinggi']
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final, TypeAlias

import attrs

from iku import arguments
from iku.errors import ArgumentError
from iku.messages import text as say
from iku.model import Index, Indicator, IndicatorSet, Sasaran
from iku.report.acrossyears import comparisons_of
from iku.report.efficiency import efficiency_of
from iku.report.text import (
    MISSING,
    category_label,
    check_lang,
    format_number,
    formula_words,
    label,
    polarity_words,
    source_text,
    unit_text,
)
from iku.scales import Rules, Scale, TargetRange
from iku.validation import Issue

__all__ = [
    "COLUMNS",
    "ISSUE_LIMIT",
    "Report",
    "ReportRow",
    "ReportTable",
    "SummaryRow",
    "as_report",
    "build_report",
    "issue_lines",
    "issue_place",
    "plain",
    "records",
    "result_records",
    "unique_issues",
]

COLUMNS: Final = (
    "no",
    "sasaran",
    "indicator",
    "unit",
    "target",
    "value",
    "achievement",
    "category",
)
"""The columns of the LKjIP table, as keys of :data:`iku.report.text.LABELS`."""

RowNames: TypeAlias = "Sequence[Any] | Callable[[Any], Any]"
"""What to call the row of an issue: a sequence giving a name per 0-based row position, or a
function of the issue's row (a position or a dict of keys) returning a name, or None to leave
it as it is."""

ISSUE_LIMIT: Final = 5
"""How many issues of one kind (indicator and code) a report lists before it counts the rest."""


def _float(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


@attrs.frozen
class ReportRow:
    """One indicator's line of the LKjIP table, with the numbers kept at full precision."""

    number: int
    """The sasaran's number in the set (the table's "No")."""
    sasaran: Sasaran | None
    indicator: Indicator
    first_of_sasaran: bool
    """True on the sasaran's first indicator (where a merged "Sasaran" cell starts)."""
    sasaran_size: int
    """How many indicators the sasaran has in this table (how many rows its cell spans)."""
    target: float | None
    target_hi: float | None
    value: float | None
    achievement: float | None
    category: str | None
    grade: str | None
    issues: tuple[Issue, ...]
    formula_words: str
    lang: str = "id"
    given: bool = False
    """True when the realisasi was given directly, not computed (marked ``*``)."""
    rules: Rules | None = None
    """The rules the capaian was computed by (None: the default ones)."""

    @property
    def code(self) -> str:
        """The indicator's code."""
        return self.indicator.code

    @property
    def name(self) -> str:
        """The indicator's name in the report's language."""
        return self.indicator.label(self.lang)

    @property
    def sasaran_name(self) -> str:
        """The sasaran's name in the report's language ("" for a lone indicator)."""
        return self.sasaran.label(self.lang) if self.sasaran else ""

    @property
    def unit(self) -> str:
        """The indicator's unit in the report's language ("" when it has none)."""
        return unit_text(self.indicator.unit, self.lang)

    @property
    def decimals(self) -> int:
        """Decimals shown for target and realisasi: the indicator's own, or those the rules
        round the realisasi to."""
        if self.rules is not None and self.rules.value_decimals is not None:
            return self.rules.value_decimals
        return self.indicator.decimals

    @property
    def achievement_decimals(self) -> int:
        """Decimals shown for the capaian: 2, or those the rules round it to."""
        if self.rules is not None and self.rules.achievement_decimals is not None:
            return self.rules.achievement_decimals
        return 2

    @property
    def source_data(self) -> str:
        """The indicator's sumber data ("" when none is recorded)."""
        return self.indicator.source_data or ""

    @property
    def ok(self) -> bool:
        """True when no issue of this row is an error."""
        return not any(issue.severity == "error" for issue in self.issues)

    def target_text(self) -> str:
        """The target for display: a number, or ``lo – hi`` for a range."""
        text = format_number(self.target, self.decimals, self.lang)
        if self.target_hi is not None and self.target_hi != self.target:
            text += f" – {format_number(self.target_hi, self.decimals, self.lang)}"
        return text

    def value_text(self) -> str:
        """The realisasi for display, with an index's grade beside it: ``3,85 (B)``."""
        shown = format_number(self.value, self.decimals, self.lang)
        if self.given and self.value is not None:
            shown += "*"
        if self.grade is not None:
            shown += f" ({self.grade})"
        return shown

    def achievement_text(self) -> str:
        """The capaian in percent for display, two decimals (or as the rules round it)."""
        return format_number(self.achievement, self.achievement_decimals, self.lang)

    def category_text(self) -> str:
        """The predikat in the report's language."""
        return category_label(self.indicator.categories, self.category, self.lang)

    def cells(self) -> list[str]:
        """The row's eight cells as text, in the order of :data:`COLUMNS`."""
        return [
            str(self.number),
            self.sasaran_name,
            self.name,
            self.unit,
            self.target_text(),
            self.value_text(),
            self.achievement_text(),
            self.category_text(),
        ]


@attrs.frozen
class SummaryRow:
    """A RATA-RATA row: the capaian of a sasaran (``number`` its "No"), or with ``number`` None
    the mean over every indicator of the table, as the last row."""

    number: int | None
    code: str
    achievement: float | None
    category: str | None
    scale: Scale
    used: int
    """How many indicators have a capaian and were averaged."""
    size: int
    """How many indicators the sasaran (or table) has."""
    decimals: int = 2
    lang: str = "id"

    def label(self) -> str:
        """``RATA-RATA`` (or ``RATA-RATA SELURUH IKU``), with how many indicators were
        averaged when some had no capaian: ``RATA-RATA (2 dari 3 indikator)``."""
        key = "rules.sasaran_row" if self.number is not None else "rules.total_row"
        shown = say(key, self.lang)
        if self.used != self.size:
            shown += " " + say("rules.of_indicators", self.lang, n=self.used, total=self.size)
        return shown

    def achievement_text(self) -> str:
        """The capaian for display."""
        return format_number(self.achievement, self.decimals, self.lang)

    def category_text(self) -> str:
        """The predikat in the report's language."""
        return category_label(self.scale, self.category, self.lang)

    def cells(self) -> list[str]:
        """Eight cells as text, in the order of :data:`COLUMNS`: the label under "Indikator
        Kinerja", the capaian and its predikat."""
        return ["", "", self.label(), "", "", "", self.achievement_text(), self.category_text()]


@attrs.frozen
class ReportTable:
    """The LKjIP table of one period (and one unit, when the evaluation is by unit)."""

    period: Any
    keys: tuple[tuple[str, Any], ...]
    rows: tuple[ReportRow, ...]
    lang: str = "id"
    row_names: RowNames | None = attrs.field(default=None, eq=False, repr=False)
    """What to call an issue's row (say, its line in the file); see :data:`RowNames`."""
    summaries: tuple[SummaryRow, ...] = ()
    """The RATA-RATA row of each sasaran, by ``number``."""
    total: SummaryRow | None = None
    """The mean over every indicator, the table's last row (None for a lone indicator)."""

    def lines(self) -> list[ReportRow | SummaryRow]:
        """The rows in print order: each sasaran's indicators, then its RATA-RATA row; the
        mean over every indicator last."""
        by_number = {row.number: row for row in self.summaries}
        out: list[ReportRow | SummaryRow] = []
        for n, row in enumerate(self.rows):
            out.append(row)
            last = n + 1 == len(self.rows) or self.rows[n + 1].number != row.number
            if last and row.number in by_number:
                out.append(by_number[row.number])
        if self.total is not None:
            out.append(self.total)
        return out

    def title(self) -> str:
        """``Tahun 2025`` (``Year 2025``), with the unit's keys when there are any."""
        if self.period is None:
            text = label("no_period", self.lang)
        else:
            text = f"{label('period', self.lang)} {self.period}"
        if self.keys:
            text += " · " + ", ".join(f"{k} {v}" for k, v in self.keys)
        return text

    @property
    def issues(self) -> tuple[Issue, ...]:
        """Every issue of the table's rows, once each, in row order; an issue of no indicator
        (a column missing from the whole table) is the report's, listed once after the tables."""
        return unique_issues(
            issue for row in self.rows for issue in row.issues if issue.indicator is not None
        )

    def issue_lines(self, limit: int | None = ISSUE_LIMIT) -> list[str]:
        """The table's issues in plain words, one line each."""
        shown = ("period", *(key for key, _ in self.keys))  # the title names them already
        return issue_lines(
            self.issues, self.lang, limit=limit, skip_keys=shown, row_names=self.row_names
        )


@attrs.frozen
class Report:
    """Everything an LKjIP report shows: a title, one table per period (and unit), the issues
    of the data table as a whole, and the indicators' definitions."""

    title: str
    subtitle: str
    source: str
    tables: tuple[ReportTable, ...]
    general_issues: tuple[Issue, ...]
    definitions: tuple[ReportRow, ...]
    """One row per indicator, for the definitions (formula, sumber data) of every table."""
    subject: IndicatorSet | Indicator
    lang: str = "id"
    ok: bool = True
    row_names: RowNames | None = attrs.field(default=None, eq=False, repr=False)
    notes: tuple[str, ...] = ()
    """Sentences printed under the title (say, that units were summed per period)."""
    illustrative: bool = False
    """True when the figures are illustrative (the command line's ``--example`` data), not an
    agency's official data: every format then says so, at the top."""
    comparisons: Mapping[Any, Any] = attrs.field(factory=dict, eq=False, repr=False)
    efficiency: tuple[Mapping[str, Any], ...] = attrs.field(default=(), eq=False, repr=False)
    """The efficiency of the budget per sasaran and period (:func:`iku.budget.efficiency_records`),
    when the evaluation has a budget; shown under each year's table."""
    """Each indicator beside its earlier years and the plan's end target, by ``(keys, year,
    code)`` (:func:`iku.acrossyears.compare_years`); empty when the evaluation holds one year."""

    def illustrative_text(self) -> str:
        """``Data ilustrasi, bukan data resmi`` (in the report's language), or "" when the
        figures are not illustrative."""
        return label("illustrative", self.lang) if self.illustrative else ""

    def general_issue_lines(self, limit: int | None = ISSUE_LIMIT) -> list[str]:
        """The issues that belong to no indicator (unknown columns), in plain words."""
        return issue_lines(self.general_issues, self.lang, limit=limit, row_names=self.row_names)

    def headers(self) -> list[str]:
        """The table's eight headings in the report's language."""
        return [label(key, self.lang) for key in COLUMNS]

    def definition_lines(self, row: ReportRow) -> list[tuple[str, str]]:
        """(heading, text) pairs describing one indicator: formula in words and symbols, unit,
        polarity, sumber data, and an index's scale."""
        ind = row.indicator
        lines = [
            (label("formula_words", self.lang), row.formula_words),
            (label("formula_symbols", self.lang), ind.formula_text),
            (label("unit", self.lang), unit_text(ind.unit, self.lang) or MISSING),
            (label("polarity", self.lang), polarity_words(ind.polarity, self.lang)),
            (label("source_data", self.lang), ind.source_data or MISSING),
        ]
        if isinstance(ind, Index):
            lo, hi = ind.bounds
            scale = f"{format_number(lo, 2, self.lang)} – {format_number(hi, 2, self.lang)}"
            lines.append((label("scale", self.lang), scale))
            if ind.grades is not None:
                lines.append((label("grades", self.lang), ind.grades.name))
        return lines


def build_report(
    evaluation: Any,
    subject: IndicatorSet | Indicator | None = None,
    *,
    lang: str = "id",
    row_names: RowNames | None = None,
    notes: Sequence[str] = (),
    illustrative: bool = False,
) -> Report:
    """The LKjIP report of ``evaluation``: one :class:`ReportTable` per period (and unit).

    ``subject`` is the set (or lone indicator) that was evaluated; it defaults to the
    evaluation's own ``subject``. Rows keep full precision; formats round for display only.
    ``row_names`` says what to call the rows of issues (the command line passes the rows' line
    numbers in the file); by default, the position or the keys.
    ``notes`` are sentences shown under the title. ``illustrative=True`` marks figures that are
    not an agency's official data (example data): every format says so at the top.
    """
    check_lang(lang)
    evaluation = _evaluation(evaluation)
    subject = subject if subject is not None else getattr(evaluation, "subject", None)
    if not isinstance(subject, IndicatorSet | Indicator):
        msg = "build_report needs the evaluated IndicatorSet or Indicator as subject="
        raise ArgumentError(msg)
    evaluated = getattr(evaluation, "codes", None) or {r.code: None for r in evaluation.results}
    indicators = tuple(ind for ind in _indicators(subject) if ind.code in evaluated)
    groups: dict[tuple[tuple[tuple[str, Any], ...], Any], dict[str, Any]] = {}
    for result in evaluation.results:
        keys = tuple((str(k), v) for k, v in dict(getattr(result, "keys", {}) or {}).items())
        keys = tuple((k, v) for k, v in keys if k != "period")
        groups.setdefault((keys, result.period), {})[result.code] = result
    rules = _rules(evaluation, subject, indicators)
    summaries = _summaries(evaluation, subject, lang)
    tables = tuple(
        attrs.evolve(
            _table(subject, indicators, period, keys, results, lang, rules),
            row_names=row_names,
            summaries=summaries.get((keys, period), ((), None))[0],
            total=summaries.get((keys, period), ((), None))[1],
        )
        for (keys, period), results in groups.items()
    )
    notes = [*notes, *_rules_notes(evaluation, subject, indicators, rules, lang)]
    if any(row.given for table in tables for row in table.rows):
        notes.append(say("rules.given", lang))
    per_indicator = {i.code for i in indicators}
    # an issue of an indicator that no table shows (a target file's row, say) is general: none
    # is left out of the report
    shown = {_shown_key(issue) for table in tables for issue in table.issues}
    general = tuple(
        issue
        for issue in unique_issues(evaluation.issues)
        if issue.indicator is None
        or issue.indicator not in per_indicator
        or _shown_key(issue) not in shown
    )
    definitions = tuple(_row(subject, ind, None, lang, rules.get(ind.code)) for ind in indicators)
    return Report(
        title=subject.label(lang),
        subtitle=_subtitle(subject, lang),
        source=(
            source_text(subject.source, lang)
            if isinstance(subject, IndicatorSet) and subject.source
            else ""
        ),
        tables=tables,
        general_issues=general,
        definitions=definitions,
        subject=subject,
        lang=lang,
        ok=bool(getattr(evaluation, "ok", True)),
        row_names=row_names,
        notes=tuple(notes),
        illustrative=bool(illustrative),
        comparisons=comparisons_of(evaluation),
        efficiency=efficiency_of(evaluation),
    )


def as_report(evaluation: Any, subject: Any = None, *, lang: str = "id") -> Report:
    """``evaluation`` itself when it is already a :class:`Report`, else its report."""
    if isinstance(evaluation, Report):
        return evaluation
    return build_report(evaluation, subject, lang=lang)


def _evaluation(evaluation: Any) -> Any:
    """``evaluation`` if it has results and issues (an Evaluation, or one of the same shape)."""
    if not (hasattr(evaluation, "results") and hasattr(evaluation, "issues")):
        raise arguments.wrong("evaluation", "argument.evaluation", evaluation)
    return evaluation


def _subtitle(subject: IndicatorSet | Indicator, lang: str) -> str:
    if isinstance(subject, IndicatorSet):
        org = (subject.organization_en or subject.organization) if lang == "en" else None
        return f"{org or subject.organization} · {subject.id}"
    return subject.code


def _indicators(subject: IndicatorSet | Indicator) -> tuple[Indicator, ...]:
    return subject.indicators if isinstance(subject, IndicatorSet) else (subject,)


def _sasaran_of(subject: IndicatorSet | Indicator, ind: Indicator) -> tuple[int, Sasaran | None]:
    if isinstance(subject, IndicatorSet):
        for number, sas in enumerate(subject.sasaran, start=1):
            if any(i.code == ind.code for i in sas.indicators):
                return number, sas
    return 1, None


def _table(
    subject: IndicatorSet | Indicator,
    indicators: Sequence[Indicator],
    period: Any,
    keys: tuple[tuple[str, Any], ...],
    results: Mapping[str, Any],
    lang: str,
    rules: Mapping[str, Rules] | None = None,
) -> ReportTable:
    rules = rules or {}
    rows = [
        _row(subject, ind, results.get(ind.code), lang, rules.get(ind.code)) for ind in indicators
    ]
    rows = [row for row in rows if row.code in results]
    sizes: dict[int, int] = {}
    for row in rows:
        sizes[row.number] = sizes.get(row.number, 0) + 1
    seen: set[int] = set()
    placed = []
    for row in rows:
        first = row.number not in seen
        seen.add(row.number)
        placed.append(attrs.evolve(row, first_of_sasaran=first, sasaran_size=sizes[row.number]))
    return ReportTable(period=period, keys=keys, rows=tuple(placed), lang=lang)


def _row(
    subject: IndicatorSet | Indicator,
    ind: Indicator,
    result: Any,
    lang: str,
    rules: Rules | None = None,
) -> ReportRow:
    number, sas = _sasaran_of(subject, ind)
    target = getattr(result, "target", None)
    lo, hi = (target.lo, target.hi) if isinstance(target, TargetRange) else (target, None)
    hi = getattr(result, "target_hi", hi)
    labels = subject if isinstance(subject, IndicatorSet) else None
    return ReportRow(
        number=number,
        sasaran=sas,
        indicator=ind,
        first_of_sasaran=True,
        sasaran_size=1,
        target=_float(lo),
        target_hi=_float(hi),
        value=_float(getattr(result, "value", None)),
        achievement=_float(getattr(result, "achievement", None)),
        category=getattr(result, "category", None),
        grade=getattr(result, "grade", None),
        issues=tuple(getattr(result, "issues", ()) or ()),
        formula_words=formula_words(ind, labels, lang),
        lang=lang,
        given=bool(getattr(result, "given", False)),
        rules=rules,
    )


def _rules(
    evaluation: Any, subject: IndicatorSet | Indicator, indicators: Sequence[Indicator]
) -> dict[str, Rules]:
    """The rules each indicator was evaluated by (from the evaluation when it says, else the
    subject's own)."""
    found = getattr(evaluation, "rules_of", None)
    if callable(found):
        return {ind.code: found(ind.code) for ind in indicators}
    base = subject.rules if isinstance(subject, IndicatorSet) else Rules()
    return {ind.code: base.merge(ind.rules) for ind in indicators}


def _rules_notes(
    evaluation: Any,
    subject: IndicatorSet | Indicator,
    indicators: Sequence[Indicator],
    rules: Mapping[str, Rules],
    lang: str,
) -> list[str]:
    """The rules in words, when they differ from the default: the set's (what every indicator
    follows), then each indicator's whose own differ from the set's."""
    shared = getattr(evaluation, "rules", None)
    if not isinstance(shared, Rules):
        shared = subject.rules if isinstance(subject, IndicatorSet) else Rules()
    lower = any(ind.polarity == "lower" for ind in indicators)
    out = []
    clauses = shared.describe(lang, lower_used=lower)
    if isinstance(subject, IndicatorSet) and clauses:
        out.append(say("rules.heading", lang, clauses="; ".join(clauses)))
    for ind in indicators:
        own = rules.get(ind.code, shared)
        differs = own.values != shared.values
        if isinstance(subject, IndicatorSet) and not differs:
            continue
        said = own.describe(lang, lower_used=ind.polarity == "lower")
        if said or differs:
            which = "; ".join(said) or say("rules.default_short", lang)
            out.append(say("rules.heading_of", lang, code=ind.code, clauses=which))
    return out


def _summaries(
    evaluation: Any, subject: IndicatorSet | Indicator, lang: str
) -> dict[tuple[tuple[tuple[str, Any], ...], Any], tuple[tuple[SummaryRow, ...], SummaryRow]]:
    """The RATA-RATA rows of each table (by its keys and period): one per sasaran, and the
    mean over every indicator."""
    if not isinstance(subject, IndicatorSet) or not callable(getattr(evaluation, "sasaran", None)):
        return {}
    from iku.sasaran import overall_results

    numbers = {sas.code: (n, sas) for n, sas in enumerate(subject.sasaran, start=1)}
    decimals = 2
    shared = getattr(evaluation, "rules", None)
    if isinstance(shared, Rules) and shared.achievement_decimals is not None:
        decimals = shared.achievement_decimals
    found: dict[Any, list[SummaryRow]] = {}
    for result in evaluation.sasaran():
        n, sas = numbers[result.code]
        scale = sas.indicators[0].categories
        row = SummaryRow(
            n,
            result.code,
            result.achievement,
            result.category,
            scale,
            len(result.indicators),
            len(sas.indicators),
            decimals,
            lang,
        )
        found.setdefault(_place(result), []).append(row)
    out = {}
    for result in overall_results(evaluation):
        scale = subject.indicators[0].categories
        total = SummaryRow(
            None,
            "",
            result.achievement,
            result.category,
            scale,
            len(result.indicators),
            len(subject),
            decimals,
            lang,
        )
        out[_place(result)] = (tuple(found.get(_place(result), ())), total)
    return out


def _place(result: Any) -> tuple[tuple[tuple[str, Any], ...], Any]:
    keys = tuple((str(k), v) for k, v in dict(result.keys or {}).items() if k != "period")
    return keys, result.period


def _shown_key(issue: Issue) -> tuple[str, ...]:
    """What tells an issue from another (its row may be a dict, so not hashable)."""
    place = getattr(issue, "place", None)
    return (str(issue.code), str(issue.indicator), str(issue.variable), repr(issue.row), str(place))


def unique_issues(issues: Iterable[Issue]) -> tuple[Issue, ...]:
    """``issues`` without repeats, in order (an issue's row may be a dict, so not hashable)."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for issue in issues:
        key = (str(issue.code), str(issue.indicator), str(issue.variable), repr(issue.row))
        if key not in seen:
            seen.add(key)
            out.append(issue)
    return tuple(out)


def issue_lines(
    issues: Iterable[Issue],
    lang: str = "id",
    *,
    limit: int | None = ISSUE_LIMIT,
    skip_keys: Sequence[str] = (),
    row_names: RowNames | None = None,
) -> list[str]:
    """``issues`` in plain words, one line per indicator and message, with the rows it holds
    for: ``IKU-2: nilai psks tidak ada (baris 3, 7)``.

    A line names at most ``limit`` rows and counts the rest; at most ``limit`` lines are given
    per indicator and issue code, and the rest are counted on one more line, so a file with a
    million bad rows still gives a readable report.

    >>> from iku import Issue
    >>> lines = issue_lines(
    ...     [Issue("missing_value", "error", "nilai psks tidak ada", "IKU-2", "psks", n)
    ...      for n in range(8)]
    ... )
    >>> lines
    ['IKU-2: nilai psks tidak ada (baris 0, 1, 2, 3, 4, dan 3 lainnya)']
    """
    grouped: dict[tuple[str | None, str, str], list[str]] = {}
    for issue in unique_issues(issues):
        key = (issue.indicator, str(issue.code), issue.describe(lang))
        grouped.setdefault(key, []).append(issue_place(issue, lang, row_names, skip_keys))
    lines: list[str] = []
    per_kind: dict[tuple[str | None, str], int] = {}
    for (indicator, code, text), places in grouped.items():
        kind = (indicator, code)
        per_kind[kind] = per_kind.get(kind, 0) + 1
        if limit is not None and per_kind[kind] > limit:
            continue
        lines.append(_line(indicator, text, [p for p in places if p], lang, limit))
    for (indicator, code), count in per_kind.items():
        if limit is not None and count > limit:
            more = label("more", lang).format(n=count - limit)
            lines.append(f"{indicator or ''} [{code}]: {more}".strip())
    return lines


def _line(indicator: str | None, text: str, places: list[str], lang: str, limit: int | None) -> str:
    line = f"{indicator}: {text}" if indicator else text
    if not places:
        return line
    shown = places if limit is None else places[:limit]
    rest = len(places) - len(shown)
    rows = all(p.startswith(label("row", lang) + " ") for p in shown)
    if rows:  # "baris 2, 3, 4" rather than "baris 2, baris 3, baris 4"
        cut = len(label("row", lang)) + 1
        head = label("rows", lang) if len(places) > 1 else label("row", lang)
        shown = [f"{head} {shown[0][cut:]}", *(p[cut:] for p in shown[1:])]
    tail = f", {label('more_short', lang).format(n=rest)}" if rest else ""
    return f"{line} ({', '.join(shown)}{tail})"


def issue_place(
    issue: Issue,
    lang: str = "id",
    row_names: RowNames | None = None,
    skip_keys: Sequence[str] = (),
) -> str:
    """Where an issue is, in words of ``lang``: its place in the file when it has one
    (``data.csv:12``, ``data!C7``), else its row (``baris 3``, by ``row_names`` when given) or
    the keys of its row (``periode 2025, kecamatan Taman``, leaving out ``skip_keys``); "" when
    it concerns no row.

    >>> from iku import Issue
    >>> issue_place(Issue("missing_value", "error", "m", "IKU-2", "psks", {"period": 2025}), "en")
    'period 2025'
    """
    place = getattr(issue, "place", None)
    if place:
        return str(place)
    row = issue.row
    if row is None:
        return ""
    if callable(row_names):
        name = row_names(row)
        if name is not None:
            return f"{label('row', lang)} {name}"
    elif row_names is not None and isinstance(row, int) and 0 <= row < len(row_names):
        row = row_names[row]
    if isinstance(row, Mapping):
        return ", ".join(
            f"{_key_word(str(k), lang)} {plain(v)}" for k, v in row.items() if k not in skip_keys
        )
    return f"{label('row', lang)} {row}"


def _key_word(key: str, lang: str) -> str:
    """A key column's name for a sentence: iku's own ``period`` in the report's language,
    another key (the data's own column) as it is."""
    return label("period_key", lang) if key == "period" else key


def records(frame: Any) -> list[dict[str, Any]]:
    """The rows of a pandas or polars frame (say, ``ev.to_frame()``) as dicts of plain Python
    values: NaN and NA become ``None``, numpy scalars Python numbers, arrays lists."""
    rows = frame.to_dicts() if hasattr(frame, "to_dicts") else frame.to_dict(orient="records")
    return [{str(k): plain(v) for k, v in row.items()} for row in rows]


def plain(value: Any) -> Any:
    """``value`` as a plain Python value fit for JSON: None for any missing marker.

    >>> import numpy as np
    >>> plain(np.float64("nan")), plain(np.int64(3)), plain(("a", "b"))
    (None, 3, ['a', 'b'])
    """
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if hasattr(value, "tolist") and not hasattr(value, "isoformat"):
        return plain(value.tolist())  # numpy scalars and arrays, polars series
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return None if math.isnan(number) else number


def result_records(evaluation: Any) -> list[dict[str, Any]]:
    """The rows of ``evaluation.to_frame()`` as dicts of plain Python values, without pandas:
    :meth:`~iku.Evaluation.to_records` with the issues as their codes, and without the
    indicator's name and unit.

    >>> import iku
    >>> s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
    >>> ev = iku.evaluate(s["IKU-2"], {"psks_diberdayakan": 45, "psks": 50}, targets={"IKU-2": 80})
    >>> result_records(ev)[0]["achievement"]
    112.5
    """
    out = []
    for record in evaluation.to_records():
        del record["name"], record["unit"]
        record["issues"] = [issue["code"] for issue in record["issues"]]
        out.append(record)
    return out
