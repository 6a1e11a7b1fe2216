"""The year to date: how each variable's parts of a year (quarters, months) add up, and where the
year will end at the present pace.

A variable states its :class:`~iku.model.Accumulation`. When it does not, :func:`accumulation_of`
applies one documented rule, chosen so that a wrong guess shows rather than hides:

- a score or a real (an index, a survey result) takes its **last** value: a score never adds up;
- a count or amount used in the **denominator** of a ratio takes its **last** value: a
  denominator is usually a stock (the PMKS on the register, the women of working age). Were it a
  flow after all (complaints received), the year-to-date numerator, added up, outgrows the
  quarter's denominator and the ratio's own check (``numerator_exceeds_denominator``) says so;
  adding up a stock instead would quietly multiply the denominator by the number of parts and
  shrink every capaian, with nothing to see;
- any other count or amount is a flow and adds up (**sum**).

:func:`iku.monitor` applies the rule and reports each variable it was applied to
(``accumulation_assumed``, a warning), so that a set states it once and for all.

The projection to the year end (:func:`project`): a flow continues at its run rate (the year to
date times parts-per-year over parts passed), a stock stays at its last value, a mean, a maximum
and a minimum stay as they are. It is exact for a flow that grows by the same amount each part
and for a stock that no longer moves.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

import sympy

from iku.model import Accumulation, Index, Indicator, IndicatorSet, Ratio, Variable, VariableKind

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["RULE", "accumulate", "accumulation_of", "accumulations", "project"]

RULE: Final = (
    "unstated: a score or real takes its last value; a count or amount in a ratio's denominator "
    "takes its last value (a stock); any other count or amount adds up (a flow)"
)
"""The rule for a variable that states no accumulation, in one line (for docs and reports)."""


def _denominator_codes(indicators: list[Indicator]) -> set[str]:
    found: set[str] = set()
    for ind in indicators:
        if isinstance(ind, Ratio):
            found |= {str(s) for s in ind.denominator.free_symbols if isinstance(s, sympy.Symbol)}
    return found


def accumulation_of(variable: Variable, *, denominator: bool) -> tuple[Accumulation, str | None]:
    """The accumulation of ``variable`` and, when it was not stated, why the rule chose it
    (``"score"``, ``"denominator"`` or ``"flow"``; None when stated).

    >>> accumulation_of(Variable("psks", "Jumlah PSKS"), denominator=True)
    (<Accumulation.LAST: 'last'>, 'denominator')
    >>> accumulation_of(Variable("kasus", "Kasus", accumulation="sum"), denominator=True)
    (<Accumulation.SUM: 'sum'>, None)
    """
    if variable.accumulation is not None:
        return variable.accumulation, None
    if variable.kind in (VariableKind.SCORE, VariableKind.REAL):
        return Accumulation.LAST, "score"
    if denominator:
        return Accumulation.LAST, "denominator"
    return Accumulation.SUM, "flow"


def variables_of(subject: Indicator | IndicatorSet) -> list[Variable]:
    """The variables the subject's indicators use, in order of first use. A lone indicator's
    variables are made as the evaluation sees them: amounts (reals for an index)."""
    if isinstance(subject, IndicatorSet):
        used = dict.fromkeys(code for ind in subject for code in ind.variables)
        return [subject.variable(code) for code in used]
    kind = VariableKind.REAL if isinstance(subject, Index) else VariableKind.AMOUNT
    return [Variable(code, code, kind=kind) for code in subject.variables]


def accumulations(
    subject: Indicator | IndicatorSet,
) -> dict[str, tuple[Accumulation, str | None]]:
    """:func:`accumulation_of` for every variable the subject's indicators use."""
    indicators = list(subject) if isinstance(subject, IndicatorSet) else [subject]
    denominators = _denominator_codes(indicators)
    return {
        v.code: accumulation_of(v, denominator=v.code in denominators)
        for v in variables_of(subject)
    }


def accumulate(parts: npt.NDArray[np.float64], how: Accumulation) -> npt.NDArray[np.float64]:
    """The year to date of every unit (a row of ``parts``) at every part (a column), from each
    part's own value; NaN (a missing or bad part) makes every later year to date NaN, except
    for ``last``, which needs only its own part.

    >>> import numpy as np
    >>> accumulate(np.array([[1.0, 2.0, 3.0]]), Accumulation.SUM).tolist()
    [[1.0, 3.0, 6.0]]
    >>> accumulate(np.array([[5.0, np.nan, 7.0]]), Accumulation.MEAN).tolist()
    [[5.0, nan, nan]]
    """
    import numpy as np

    if how is Accumulation.LAST:
        return parts
    if how is Accumulation.SUM:
        out: npt.NDArray[np.float64] = np.cumsum(parts, axis=1)
        return out
    if how is Accumulation.MEAN:
        count = np.arange(1, parts.shape[1] + 1, dtype=np.float64)
        mean: npt.NDArray[np.float64] = np.cumsum(parts, axis=1) / count
        return mean
    ufunc = np.maximum if how is Accumulation.MAX else np.minimum
    extreme: npt.NDArray[np.float64] = ufunc.accumulate(parts, axis=1)
    return extreme


def project(
    to_date: npt.NDArray[np.float64], part: npt.NDArray[np.intp], parts: int, how: Accumulation
) -> npt.NDArray[np.float64]:
    """The year-end value of a variable from its year to date at ``part`` (1-based) of
    ``parts``: a flow (``sum``) at its run rate, anything else as it stands.

    >>> import numpy as np
    >>> project(np.array([30.0, 60.0]), np.array([1, 2]), 4, Accumulation.SUM).tolist()
    [120.0, 120.0]
    """
    if how is not Accumulation.SUM:
        return to_date
    # times the parts, then divided by the part: exact when the year to date is a whole
    # multiple of the part (a flow that grows by the same each part)
    projected: npt.NDArray[np.float64] = to_date * parts / part
    return projected


def reasons(found: Mapping[str, tuple[Accumulation, str | None]]) -> dict[str, str]:
    """The variables whose accumulation the rule chose, with the reason."""
    return {code: reason for code, (_, reason) in found.items() if reason is not None}
