"""The capaian of each sasaran: the RATA-RATA row that ends each sasaran of an LKjIP table.

A sasaran's capaian is formed from the capaian of its indicators, per period (and per key with
``by``), by the rules' ``sasaran`` method: "mean" (the plain mean, as LKjIP tables print it) or
"weighted" (by ``Indicator.weight``). Only indicators that have a capaian take part; each one
left out is named in the result's issues (``left_out``) with the reason it has none. The
capaian is then rounded and bounded as the set's rules say, and named by the scale of the
sasaran's first indicator.

>>> import iku
>>> from iku import Indicator, IndicatorSet, Sasaran, Variable
>>> x, y, z = (Variable(c, c, kind="real") for c in "xyz")
>>> s = IndicatorSet("kab-contoh.dinas.2020", "IKU", "Dinas", [2020],
...     [Sasaran("S-1", "sasaran", [Indicator(c.upper(), c, v) for c, v in zip("abc", (x, y, z))])],
...     [x, y, z], rules=iku.Rules(achievement_decimals=2))
>>> ev = iku.evaluate(s, {"x": 100, "y": 111.11, "z": 77.78},
...                   targets={"A": 100, "B": 100, "C": 100})
>>> [(r.code, r.achievement, r.category, r.indicators) for r in ev.sasaran()]
[('S-1', 96.3, 'Sangat Tinggi', ('A', 'B', 'C'))]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from iku.model import Indicator, IndicatorSet, Sasaran
from iku.scales import Rules, SasaranMethod, Scale
from iku.validation import Issue, IssueCode, Severity, message

__all__ = ["SasaranResult", "mean_capaian", "overall_results", "sasaran_results"]


@attrs.frozen
class SasaranResult:
    """The capaian of one sasaran on one period (and unit, with ``by``).

    ``achievement`` is the mean (or weighted mean) of the capaian of ``indicators``, the codes
    of the indicators that have one (None when none has); ``category`` its predikat;
    ``issues`` name every indicator left out and why (``left_out`` warnings). ``keys`` are the
    row's key columns, as in :class:`~iku.Result`. For the mean over every indicator of the
    set (:func:`overall_results`), ``code`` is empty.
    """

    code: str
    period: Any
    keys: Mapping[str, Any]
    achievement: float | None
    category: str | None
    indicators: tuple[str, ...]
    issues: tuple[Issue, ...] = ()


def mean_capaian(pairs: Sequence[tuple[float, float]], rules: Rules) -> float | None:
    """The capaian of a group from ``(capaian, weight)`` pairs by ``rules``: their mean (or
    weighted mean), rounded and bounded as the rules say; None for no pairs.

    >>> mean_capaian([(100.0, 1.0), (111.11, 1.0), (77.78, 1.0)], Rules(achievement_decimals=2))
    96.3
    >>> mean_capaian([(100.0, 3.0), (50.0, 1.0)], Rules(sasaran="weighted"))
    87.5
    """
    if not pairs:
        return None
    if rules.sasaran is SasaranMethod.WEIGHTED:
        total = sum(weight for _, weight in pairs)
        mean = sum(value * weight for value, weight in pairs) / total
    else:
        mean = sum(value for value, _ in pairs) / len(pairs)
    if mean - mean != 0.0:
        return None
    return rules.finish(mean)


def _rows(evaluation: Any) -> list[dict[str, Any]]:
    """The evaluation's results, row by row: each a mapping of indicator code to Result."""
    codes = evaluation.codes
    results = evaluation.results
    width = len(codes)
    return [
        {r.code: r for r in results[start : start + width]}
        for start in range(0, len(results), width)
    ]


def _left_out(result: Any, sasaran: str) -> Issue:
    """``left_out``: the indicator of ``result`` has no capaian; the reason is its first issue."""
    first = result.issues[0] if result.issues else None
    fields = {"which": result.code, "sasaran": sasaran}
    reason_id = first.describe("id") if first else message_no_capaian("id")
    reason_en = first.describe("en") if first else message_no_capaian("en")
    return Issue(
        IssueCode.LEFT_OUT,
        Severity.WARNING,
        message(IssueCode.LEFT_OUT, "id", reason=reason_id, **fields),
        result.code,
        None,
        first.row if first else None,
        message_en=message(IssueCode.LEFT_OUT, "en", reason=reason_en, **fields),
    )


def message_no_capaian(lang: str) -> str:
    """The reason given when an indicator has no capaian and no issue says why."""
    return "tidak ada capaian" if lang == "id" else "it has no capaian"


def _group(
    code: str,
    indicators: Sequence[Indicator],
    row: Mapping[str, Any],
    rules: Rules,
    scale: Scale,
) -> SasaranResult | None:
    results = [row[ind.code] for ind in indicators if ind.code in row]
    if not results:
        return None
    pairs: list[tuple[float, float]] = []
    used: list[str] = []
    issues: list[Issue] = []
    weights = {ind.code: ind.weight for ind in indicators}
    for result in results:
        if result.achievement is None:
            issues.append(_left_out(result, code or "IKU"))
        else:
            pairs.append((result.achievement, weights[result.code]))
            used.append(result.code)
    achievement = mean_capaian(pairs, rules)
    first = results[0]
    keys = {k: v for k, v in dict(first.keys or {}).items() if k != "period"}
    return SasaranResult(
        code,
        first.period,
        keys,
        achievement,
        scale.classify(achievement),
        tuple(used),
        tuple(issues),
    )


def sasaran_results(evaluation: Any) -> tuple[SasaranResult, ...]:
    """The capaian of every sasaran of the evaluated set, row by row (a unit, a table's row, a
    group with ``by``), sasaran in the set's order; empty when a lone indicator was evaluated.

    Made from ``evaluation.results``, so it costs what they cost.
    """
    subject = evaluation.set
    if not isinstance(subject, IndicatorSet):
        return ()
    rules = evaluation.rules
    out: list[SasaranResult] = []
    for row in _rows(evaluation):
        for sas in subject.sasaran:
            found = _group(sas.code, sas.indicators, row, rules, _scale_of(sas))
            if found is not None:
                out.append(found)
    return tuple(out)


def overall_results(evaluation: Any) -> tuple[SasaranResult, ...]:
    """The mean capaian over every indicator of the evaluated set (not over the sasaran), row
    by row, by the rules' method: the last row of an LKjIP table. ``code`` is empty; empty
    for a lone indicator."""
    subject = evaluation.set
    if not isinstance(subject, IndicatorSet):
        return ()
    rules = evaluation.rules
    scale = _scale_of(subject.sasaran[0]) if subject.sasaran else None
    out: list[SasaranResult] = []
    for row in _rows(evaluation):
        found = _group("", subject.indicators, row, rules, scale or _default_scale())
        if found is not None:
            out.append(found)
    return tuple(out)


def _scale_of(sas: Sasaran) -> Scale:
    return sas.indicators[0].categories if sas.indicators else _default_scale()


def _default_scale() -> Scale:
    from iku.scales import PREDIKAT

    return PREDIKAT
