"""Across years: each indicator beside its earlier years and the target at the end of the plan.

The LKjIP's chapter III (PermenPANRB 53/2014) compares each indicator's realisasi with that of
earlier years and with the target at the end of the Renstra period (the capaian against it),
and marks the trend. When an evaluation holds several years, :func:`compare_years` gives these
for each key, year and indicator, and :func:`years_frame` adds them to ``Evaluation.to_frame()``
as columns (``ev.to_frame(across_years=True)``):

- ``previous_value``: the realisasi of the year before (None when the data have none);
- ``end_target``: the target of the last year of the set's period (target akhir Renstra), and
  ``end_achievement``, the capaian of the year's realisasi against it;
- ``trend``: ``"better"``, ``"worse"`` or ``"same"`` against the year before, by the indicator's
  polarity (a rise of a lower-is-better indicator is worse).

>>> import iku
>>> s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
>>> data = {"period": [2025, 2026], "psks_diberdayakan": [40, 45], "psks": [50, 50]}
>>> ev = iku.evaluate(s["IKU-2"], data, targets={"IKU-2": {2025: 80, 2026: 85}})
>>> c = compare_years(ev, end_year=2026)[((), 2026, "IKU-2")]
>>> c.earlier, c.end_target, round(c.end_achievement, 2), c.trend
(((2025, 80.0),), 85.0, 105.88, 'better')
"""

from __future__ import annotations

import math
from typing import Any, Final

import attrs

from iku.model import Indicator, IndicatorSet
from iku.periods import as_period
from iku.scales import Polarity, TargetRange, achievement

__all__ = ["COLUMNS", "YearComparison", "compare_years", "trend", "years_frame"]

COLUMNS: Final = ("previous_value", "end_target", "end_achievement", "trend")
"""The columns ``to_frame(across_years=True)`` adds after ``denominator``."""

Key = tuple[tuple[tuple[str, Any], ...], int, str]
"""``(keys, year, indicator code)``, ``keys`` as ``((name, value), ...)``."""


@attrs.frozen
class YearComparison:
    """One indicator of one key in one year, beside its earlier years and the plan's end."""

    code: str
    period: int
    value: float | None
    earlier: tuple[tuple[int, float | None], ...]
    """``(year, realisasi)`` of every earlier year the evaluation holds, oldest first."""
    end_year: int | None
    end_target: float | TargetRange | None
    end_achievement: float | None
    trend: str | None

    @property
    def previous(self) -> float | None:
        """The realisasi of the year before, or None."""
        for year, value in self.earlier:
            if year == self.period - 1:
                return value
        return None


def trend(value: float | None, previous: float | None, polarity: Polarity | str) -> str | None:
    """``"better"``, ``"worse"`` or ``"same"`` from ``previous`` to ``value``.

    >>> trend(80, 75, "higher"), trend(80, 75, "lower"), trend(5, 5, "higher")
    ('better', 'worse', 'same')
    >>> trend(None, 5, "lower") is None
    True
    """
    if value is None or previous is None or math.isnan(value) or math.isnan(previous):
        return None
    if value == previous:
        return "same"
    rising = value > previous
    higher = Polarity(polarity) is Polarity.HIGHER_IS_BETTER
    return "better" if rising == higher else "worse"


def _year(period: Any) -> int | None:
    found = as_period(period)
    return found.year if found is not None and found.is_year else None


def _end_year(ev: Any, end_year: int | None) -> int | None:
    if end_year is not None:
        return end_year
    s = getattr(ev, "set", None)
    return s.period[-1] if isinstance(s, IndicatorSet) and s.period else None


def _specs(ev: Any) -> dict[str, Any]:
    """Each indicator's targets as they were given to the evaluation."""
    out = ev.table_output
    if out is None:
        return {}
    return {c.code: c.targets.spec for c in out.indicators}


def _indicators(ev: Any) -> dict[str, Indicator]:
    subject = ev.subject
    return {ind.code: ind for ind in (subject if isinstance(subject, IndicatorSet) else [subject])}


def end_targets(ev: Any, end_year: int | None = None) -> dict[str, Any]:
    """The target of each indicator for the last year of the set's period (or ``end_year``)."""
    from iku.backends.targets import lookup

    year = _end_year(ev, end_year)
    if year is None:
        return {}
    return {code: lookup(spec, year)[0] for code, spec in _specs(ev).items()}


def compare_years(
    ev: Any, *, end_year: int | None = None, rules: Any = None
) -> dict[Key, YearComparison]:
    """Every result of ``ev`` whose period is a year, beside the earlier years of the same key
    and indicator, keyed by ``(keys, year, code)`` (``keys`` as ``((name, value), ...)``)."""
    year_end = _end_year(ev, end_year)
    ends = end_targets(ev, year_end)
    indicators = _indicators(ev)
    by_key: dict[tuple[Any, str], dict[int, float | None]] = {}
    rows: list[tuple[Any, int, str, float | None]] = []
    for result in ev.results:
        year = _year(result.period)
        if year is None:
            continue
        keys = tuple((str(k), v) for k, v in dict(result.keys or {}).items() if k != "period")
        by_key.setdefault((keys, result.code), {})[year] = result.value
        rows.append((keys, year, result.code, result.value))
    out: dict[Key, YearComparison] = {}
    for keys, year, code, value in rows:
        history = by_key[(keys, code)]
        earlier = tuple((y, history[y]) for y in sorted(history) if y < year)
        ind = indicators[code]
        end = ends.get(code)
        end_achievement = None
        if end is not None and value is not None:
            options = {} if rules is None else {"rules": rules}
            end_achievement = achievement(value, end, ind.polarity, **options)
        previous = history.get(year - 1)
        out[(keys, year, code)] = YearComparison(
            code=code,
            period=year,
            value=value,
            earlier=earlier,
            end_year=year_end,
            end_target=end,
            end_achievement=end_achievement,
            trend=trend(value, previous, ind.polarity),
        )
    return out


def years_frame(ev: Any, frame: Any) -> Any:
    """``frame`` (``ev.to_frame()``) with the columns :data:`COLUMNS` added, computed on whole
    columns: the realisasi of the year before for the same keys and indicator, the target at the
    end of the set's period and the capaian against it, the trend."""
    import numpy as np
    import pandas as pd

    from iku.scales import achievement_array

    polars = type(frame).__module__.startswith("polars")
    table = frame.to_pandas() if polars else frame
    keys = list(ev.key_columns)
    codes, uniques = pd.factorize(table["period"], use_na_sentinel=True)
    years = np.array([_year(u) if _year(u) is not None else -1 for u in uniques] + [-1])
    year = years[codes]
    values = table["value"].to_numpy(dtype=np.float64)
    lookup = pd.DataFrame({**{k: table[k] for k in keys}, "indicator": table["indicator"]})
    lookup["__year"] = year + 1  # a row is the previous year of the row one year later
    lookup["__value"] = values
    lookup = lookup[year >= 0].drop_duplicates([*keys, "indicator", "__year"])
    left = pd.DataFrame({**{k: table[k] for k in keys}, "indicator": table["indicator"]})
    left["__year"] = year
    merged = left.merge(lookup, on=[*keys, "indicator", "__year"], how="left", sort=False)
    previous = merged["__value"].to_numpy(dtype=np.float64)
    ends = end_targets(ev)
    indicators = _indicators(ev)
    end_lo = np.full(len(table), np.nan)
    end_hi = np.full(len(table), np.nan)
    end_achievement = np.full(len(table), np.nan)
    direction = np.zeros(len(table))
    code_column = table["indicator"].to_numpy()
    for code, ind in indicators.items():
        rows = code_column == code
        if not rows.any():
            continue
        higher = ind.polarity is Polarity.HIGHER_IS_BETTER
        target = ends.get(code)
        if target is not None:
            lo, hi = (target.lo, target.hi) if isinstance(target, TargetRange) else (target, None)
            end_lo[rows] = lo
            end_hi[rows] = np.nan if hi is None else hi
            end_achievement[rows] = achievement_array(
                values[rows], float(lo), ind.polarity, None if hi is None else float(hi)
            )
        with np.errstate(invalid="ignore"):
            direction[rows] = np.sign(values[rows] - previous[rows]) * (1 if higher else -1)
    words = np.array(["worse", "same", "better", None], dtype=object)
    known = ~(np.isnan(values) | np.isnan(previous))
    steps = np.where(known, direction, 2.0).astype(np.int64)  # 2 + 1: no trend
    trend_column = words[steps + 1]
    added: dict[str, Any] = {
        "previous_value": previous,
        "end_target": end_lo,
        "end_achievement": end_achievement,
        "trend": trend_column,
    }
    if np.isfinite(end_hi).any():
        added["end_target_hi"] = end_hi
    table = table.copy()
    at = list(table.columns).index("issues") if "issues" in table.columns else len(table.columns)
    for offset, (name, column) in enumerate(added.items()):
        table.insert(at + offset, name, column)
    if polars:
        import polars as pl

        return pl.from_pandas(table)
    return table
