"""Every OPD at once: many sets evaluated in one call, summed up in one table for the Pemda.

A Pemda (its Bappeda, its Inspektorat) reads all its OPDs together. :func:`evaluate_all` takes a
mapping of set id to each OPD's data (and, the same way, targets and budget), evaluates every
set, and gives a :class:`Pemda`: each OPD's :class:`~iku.Evaluation`, and a summary with one row
per OPD (:meth:`Pemda.summary`): its mean capaian, how many indicators fall in each predikat, its
data issues (errors and warnings). :func:`evaluate_folder` does the same for a folder of files
named by set id, as ``iku evaluate --all DIR`` does.

**One OPD's broken file never stops the others**: whatever goes wrong for one OPD (a file that
cannot be read, an unknown set, a column missing) is caught and its row says why
(``status="failed"``, ``reason``); the others are evaluated as usual.

**What is summed up.** Data of many units (a row per kelurahan) is summed per period before the
formulas are applied (``by=[]``, a ratio of sums), as the command line does; the summary is of
one period (``period=``, by default the latest period any OPD has). The mean capaian of an OPD is
the mean of its indicators' capaian in that period by its set's rules (the plain mean, the
roll-up e-SAKIP systems use, unless the set says ``sasaran = "weighted"``; rounded and capped as
its rules say); an indicator without capaian is left out and counted under ``no_achievement``.

**Order: worst first.** OPDs that failed come first, then those with no capaian at all, then the
others by mean capaian from the lowest up (ties by set id): the top of the table is where the
Pemda's attention is needed.

>>> import iku
>>> from iku.examples import example_files
>>> files = {sid: example_files(sid) for sid in ("kota-madiun.dinsosppa.2025-2026",
...                                            "kota-madiun.rpjmd.2025-2029")}
>>> pemda = evaluate_all({sid: f.data for sid, f in files.items()},
...                      targets={sid: f.targets for sid, f in files.items()}, period=2025)
>>> [(row.set_id, round(row.mean_achievement, 2)) for row in pemda.summary()]
[('kota-madiun.dinsosppa.2025-2026', 95.48), ('kota-madiun.rpjmd.2025-2029', 98.61)]
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from iku.errors import ArgumentError, IkuError, InputError
from iku.model import IndicatorSet
from iku.scales import PREDIKAT

if TYPE_CHECKING:
    from iku.evaluation import Evaluation

__all__ = [
    "DATA_SUFFIXES",
    "OpdSummary",
    "Pemda",
    "evaluate_all",
    "evaluate_folder",
    "evaluate_source",
]

DATA_SUFFIXES: Final = (".csv", ".xlsx", ".parquet")
"""The files :func:`evaluate_folder` reads as an OPD's data, in this order of preference."""
_ROLES: Final = ("targets", "budget")


@attrs.frozen
class OpdSummary:
    """One OPD's row of the Pemda summary (see :meth:`Pemda.summary`).

    ``counts`` maps each predikat of :data:`iku.PREDIKAT` (and any other label a set's own scale
    gives) to the number of indicators in it; ``no_achievement`` counts those without capaian.
    ``status`` is "ok" or "failed"; ``reason`` says why it failed (Indonesian), ``reason_en``
    in English."""

    set_id: str
    organization: str | None
    period: Any
    indicators: int
    mean_achievement: float | None
    counts: Mapping[str, int]
    no_achievement: int
    errors: int
    warnings: int
    status: str = "ok"
    reason: str | None = None
    reason_en: str | None = None

    @property
    def ok(self) -> bool:
        """True when the OPD was evaluated (its data may still have issues)."""
        return self.status == "ok"

    def describe(self, lang: str = "id") -> str | None:
        """Why the OPD failed, in ``lang``; None when it did not."""
        return self.reason_en if lang == "en" and self.reason_en else self.reason


class Pemda:
    """Every OPD evaluated by :func:`evaluate_all`: ``evaluations`` (set id to Evaluation, for
    those evaluated), ``failures`` (set id to the error that stopped it), the summary and its
    reports."""

    __slots__ = ("_summary", "evaluations", "failures", "illustrative", "period", "sets")

    def __init__(
        self,
        sets: Mapping[str, IndicatorSet],
        evaluations: Mapping[str, Evaluation],
        failures: Mapping[str, BaseException],
        period: Any = None,
        illustrative: bool = False,
    ) -> None:
        self.sets = dict(sets)
        """The sets found, by id (a set that could not be found is not here)."""
        self.evaluations = dict(evaluations)
        """Each OPD's evaluation, by set id."""
        self.failures = dict(failures)
        """The error that stopped each OPD that failed, by set id."""
        self.illustrative = illustrative
        """True when the figures are illustrative (bundled example data), not official."""
        self.period = period if period is not None else _latest(self.evaluations.values())
        """The period the summary is of."""
        self._summary: tuple[OpdSummary, ...] | None = None

    @property
    def ok(self) -> bool:
        """True when every OPD was evaluated and no data has an error."""
        return not self.failures and all(ev.ok for ev in self.evaluations.values())

    def summary(self) -> tuple[OpdSummary, ...]:
        """One row per OPD, worst first (see the module's documentation)."""
        if self._summary is not None:
            return self._summary
        rows = [
            _row(set_id, self.sets.get(set_id), ev, self.period)
            for set_id, ev in self.evaluations.items()
        ]
        rows += [
            _failed(set_id, self.sets.get(set_id), error, self.period)
            for set_id, error in self.failures.items()
        ]
        self._summary = tuple(sorted(rows, key=_worst_first))
        return self._summary

    def labels(self) -> tuple[str, ...]:
        """The predikat labels the summary counts: PREDIKAT's, then any other a set uses."""
        found = list(PREDIKAT.labels)
        for row in self.summary():
            found += [label for label in row.counts if label not in found]
        return tuple(found)

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per OPD (as :meth:`to_frame`'s rows), plain Python values."""
        labels = self.labels()
        out = []
        for row in self.summary():
            record: dict[str, Any] = {
                "set_id": row.set_id,
                "organization": row.organization,
                "period": row.period,
                "indicators": row.indicators,
                "mean_achievement": row.mean_achievement,
            }
            record.update({label: row.counts.get(label, 0) for label in labels})
            record.update(
                {
                    "no_achievement": row.no_achievement,
                    "errors": row.errors,
                    "warnings": row.warnings,
                    "status": row.status,
                    "reason": row.reason,
                }
            )
            out.append(record)
        return out

    def to_frame(self, library: str = "pandas") -> Any:
        """The summary as a frame: ``set_id``, ``organization``, ``period``, ``indicators``,
        ``mean_achievement``, one column per predikat (its count of indicators),
        ``no_achievement``, ``errors``, ``warnings``, ``status``, ``reason``; worst first.
        ``library`` is "pandas" or "polars"."""
        from iku.optional import require

        records = self.to_records()
        if library == "polars":
            pl = require("polars", "polars")
            return pl.DataFrame(records, strict=False)
        if library != "pandas":
            msg = f"library is 'pandas' or 'polars', not {library!r}"
            raise ArgumentError(msg)
        pd = require("pandas", "pandas")
        return pd.DataFrame(records)

    def to_text(self, lang: str = "id", width: int | None = None) -> str:
        """The summary as a plain-text table for a terminal."""
        from iku.report.pemda import pemda_text

        return pemda_text(self, lang, width)

    def to_markdown(self, lang: str = "id") -> str:
        """The summary as Markdown."""
        from iku.report.pemda import pemda_markdown

        return pemda_markdown(self, lang)

    def to_html(self, lang: str = "id", *, links: Mapping[str, str] | None = None) -> str:
        """The summary as one self-contained HTML page; ``links`` maps set ids to the address
        of each OPD's own report (as :meth:`write_site` writes them)."""
        from iku.report.pemda import pemda_html

        return pemda_html(self, lang, links=links)

    def to_excel(self, path: str | os.PathLike[str], lang: str = "id") -> Path:
        """The summary as an ``.xlsx`` workbook (one sheet), written to ``path``."""
        from iku.report.pemda import pemda_excel

        return pemda_excel(self, Path(path), lang)

    def write_site(self, folder: str | os.PathLike[str], lang: str = "id") -> Path:
        """Write ``index.html`` (the summary, each OPD linking to its report) and one LKjIP
        report page per OPD evaluated (``<set id>.html``) into ``folder``; returns the index."""
        from iku.report.pemda import write_site

        return write_site(self, Path(folder), lang)

    def __repr__(self) -> str:
        return (
            f"<Pemda: {len(self.evaluations)} OPD(s) evaluated, {len(self.failures)} failed, "
            f"period {self.period}>"
        )


def _latest(evaluations: Iterable[Evaluation]) -> Any:
    from iku.periods import as_period

    found = [(parsed, p) for ev in evaluations for p in ev.periods if (parsed := as_period(p))]
    if not found:
        return None
    latest = max(found, key=lambda item: item[0])[0]
    return latest.year if latest.is_year else str(latest)


def _period_key(value: Any) -> Any:
    """A period as compared: its :class:`~iku.Period` when it reads as one, else itself."""
    from iku.periods import as_period

    parsed = as_period(value) if value is not None else None
    return parsed if parsed is not None else value


def _row(set_id: str, s: IndicatorSet | None, ev: Evaluation, period: Any) -> OpdSummary:
    wanted = _period_key(period)
    keys: dict[Any, Any] = {}

    def same(value: Any) -> bool:
        if value not in keys:
            keys[value] = _period_key(value) == wanted
        return bool(keys[value])

    from iku.sasaran import mean_capaian

    results = [r for r in ev.results if period is None or same(r.period)]
    weights = {ind.code: ind.weight for ind in s} if s is not None else {}
    pairs = [
        (r.achievement, weights.get(r.code, 1.0)) for r in results if r.achievement is not None
    ]
    counts: dict[str, int] = {}
    for r in results:
        if r.category is not None and r.achievement is not None:
            counts[r.category] = counts.get(r.category, 0) + 1
    errors = sum(1 for issue in ev.issues if issue.severity == "error")
    return OpdSummary(
        set_id,
        s.organization if s is not None else None,
        period,
        len(results),
        mean_capaian(pairs, ev.rules),
        counts,
        len(results) - len(pairs),
        errors,
        len(ev.issues) - errors,
    )


def _failed(set_id: str, s: IndicatorSet | None, error: BaseException, period: Any) -> OpdSummary:
    indonesian, english = _reason(error)
    return OpdSummary(
        set_id,
        s.organization if s is not None else None,
        period,
        0,
        None,
        {},
        0,
        0,
        0,
        status="failed",
        reason=indonesian,
        reason_en=english,
    )


def _reason(error: BaseException) -> tuple[str, str]:
    if isinstance(error, IkuError):
        return " ".join(error.describe("id").split()), " ".join(error.describe("en").split())
    text = " ".join(f"{type(error).__name__}: {error}".split())
    return text, text


def _worst_first(row: OpdSummary) -> tuple[int, float, str]:
    if not row.ok:
        return (0, 0.0, row.set_id)
    if row.mean_achievement is None:
        return (1, 0.0, row.set_id)
    return (2, row.mean_achievement, row.set_id)


def evaluate_source(
    s: IndicatorSet, data: Any, *, targets: Any = None, budget: Any = None
) -> Evaluation:
    """Evaluate one OPD as the command line does: ``data`` (a path, a frame, a mapping of
    columns, data read by :mod:`iku.io`) with its units summed per period (by=[]; key columns
    such as ``kelurahan`` are left out), ``targets`` and ``budget`` (each a path or what
    :func:`iku.evaluate` takes). A workbook (the filled template) gives its own targets and
    budget (its ``anggaran`` sheet, when filled) when none are given."""
    from iku.evaluation import evaluate

    table: Any = data
    if isinstance(data, str | os.PathLike):
        table = _load(s, data)
        if targets is None and Path(os.fspath(data)).suffix.lower() == ".xlsx":
            targets = _workbook_targets(s, Path(os.fspath(data)))
        if budget is None:
            from iku.budget import has_budget

            budget = data if has_budget(data) else None
    if isinstance(targets, str | os.PathLike):
        from iku.io import read_targets

        targets = read_targets(targets, s)
    return evaluate(s, _summed(s, table), targets=targets, by=[], budget=budget)


def _load(s: IndicatorSet, path: str | os.PathLike[str]) -> Any:
    from iku.io import load_data

    data = load_data(path, s)
    if len(data) == 0:
        raise InputError.from_key("cli.no_rows", path=path)
    return data


def _workbook_targets(s: IndicatorSet, path: Path) -> Any:
    from iku.io import read_targets

    try:
        return read_targets(path, s) or None
    except IkuError:
        return None


class _Source:
    """A data source with some of its columns left out (the keys summed over)."""

    def __init__(self, columns: Mapping[str, Any], issues: Any, place: Any) -> None:
        self.columns = columns
        self.issues = issues
        self._place = place

    def place(self, row: int, column: str | None = None) -> str | None:
        return self._place(row, column) if self._place is not None else None


def _summed(s: IndicatorSet, table: Any) -> Any:
    """``table`` without its key columns (they are summed over)."""
    from iku.backends.shapes import is_pandas_frame, is_polars_frame
    from iku.tables import key_columns

    if is_pandas_frame(table):  # the columns kept, as numpy arrays (no copy of the data)
        keys = set(key_columns(s, [str(c) for c in table.columns]))
        return {c: table[c].to_numpy() for c in table.columns if str(c) not in keys}
    if is_polars_frame(table):
        return table.drop(list(key_columns(s, table.columns)))
    columns = getattr(table, "columns", None)
    if isinstance(columns, Mapping) and not isinstance(table, Mapping):
        keys = set(key_columns(s, [str(c) for c in columns]))
        kept = {name: column for name, column in columns.items() if name not in keys}
        place = getattr(table, "place", None)
        if place is None:
            lines = getattr(table, "rows", None)
            name = getattr(getattr(table, "path", None), "name", "data")

            def place(row: int, column: str | None = None) -> str | None:
                return f"{name}:{lines[row]}" if lines is not None and row < len(lines) else None

        return _Source(kept, tuple(getattr(table, "issues", ())), place)
    if isinstance(table, Mapping):
        keys = set(key_columns(s, [str(c) for c in table]))
        return {name: column for name, column in table.items() if name not in keys}
    return table


def evaluate_all(
    data: Mapping[str, Any],
    *,
    targets: Mapping[str, Any] | None = None,
    budget: Mapping[str, Any] | None = None,
    sets: Iterable[Any] | None = None,
    period: Any = None,
    illustrative: bool = False,
) -> Pemda:
    """Evaluate every OPD of ``data`` (set id to its data: a path or what :func:`iku.evaluate`
    takes) with its ``targets`` and ``budget`` (set id to each), and sum them up (see the
    module's documentation). A set id is looked up among ``sets`` (IndicatorSets or set files,
    for sets of your own), then in the registry. ``period`` is the period of the summary
    (default: the latest one). ``illustrative`` marks figures that are not official (the
    bundled examples): every report of the Pemda then says so.
    """
    if not isinstance(cast(object, data), Mapping):
        msg = f"evaluate_all takes a mapping of set id to data, not {type(data).__name__}"
        raise ArgumentError(msg)
    for name, given in (("targets", targets), ("budget", budget)):
        if given is not None and not isinstance(cast(object, given), Mapping):
            msg = f"{name} is a mapping of set id to {name}, not {type(given).__name__}"
            raise ArgumentError(msg)
    own = _own_sets(sets)
    found: dict[str, IndicatorSet] = {}
    evaluations: dict[str, Evaluation] = {}
    failures: dict[str, BaseException] = {}
    for set_id, source in data.items():
        try:
            s = own.get(str(set_id)) or _registered(str(set_id))
            found[str(set_id)] = s
            evaluations[str(set_id)] = evaluate_source(
                s,
                source,
                targets=(targets or {}).get(set_id),
                budget=(budget or {}).get(set_id),
            )
        except Exception as error:  # one OPD's failure never stops the others
            failures[str(set_id)] = error
    return Pemda(found, evaluations, failures, period, illustrative)


def _registered(set_id: str) -> IndicatorSet:
    from iku.registry import get_set

    return get_set(set_id)


def _own_sets(sets: Iterable[Any] | None) -> dict[str, IndicatorSet]:
    from iku.cascading import as_set

    if sets is None:
        return {}
    made = [as_set(item) for item in ([sets] if isinstance(sets, str | IndicatorSet) else sets)]
    return {s.id: s for s in made}


def evaluate_folder(
    folder: str | os.PathLike[str],
    *,
    period: Any = None,
    illustrative: bool = False,
    sets: Iterable[Any] | None = None,
) -> Pemda:
    """Evaluate every OPD whose data is in ``folder``, each file named by its set id:
    ``<set id>.csv`` (or ``.xlsx``, the filled template, or ``.parquet``), with
    ``<set id>.targets.csv`` (or ``.xlsx``) and ``<set id>.budget.csv`` (or ``.xlsx``) beside
    it where there are some, and ``<set id>.toml`` (or ``.json``) for a set of your own (or give
    such sets as ``sets=``). Other files are left alone. See :func:`evaluate_all`."""
    root = Path(folder)
    if not root.is_dir():
        msg = f"{root}: not a folder"
        raise InputError(msg, message=f"{root}: bukan folder")
    files = sorted(p for p in root.iterdir() if p.is_file())
    names = {p.name: p for p in files}
    data: dict[str, Path] = {}
    extra: dict[str, dict[str, Path]] = {role: {} for role in _ROLES}
    own: list[Path] = []
    for path in files:
        stem, suffix = path.stem, path.suffix.lower()
        if suffix in (".toml", ".json"):
            own.append(path)
            continue
        if suffix not in DATA_SUFFIXES:
            continue
        set_id, _, role = stem.rpartition(".")
        if role in _ROLES and set_id.count(".") == 2:
            extra[role].setdefault(set_id, path)
        elif stem.count(".") == 2 and stem not in data:
            data[stem] = path
    del names
    own_sets: list[IndicatorSet] = list(_own_sets(sets).values())
    failures: dict[str, BaseException] = {}
    for path in own:
        try:
            from iku.files import load_set

            own_sets.append(load_set(path))
        except Exception as error:  # a broken set file is that OPD's failure
            failures[path.stem] = error
    pemda = evaluate_all(
        {k: v for k, v in data.items() if k not in failures},
        targets=extra["targets"],
        budget=extra["budget"],
        sets=own_sets,
        period=period,
        illustrative=illustrative,
    )
    pemda.failures.update(failures)
    return pemda
