"""One unit, one period: the evaluation of a mapping of variable code to value, in plain Python.

No numpy here: for a handful of numbers, floats and compiled closures are faster than arrays of
one element. The steps and their order are those of ``docs/evaluation.md``; the numpy backend
(:mod:`iku.backends.table`) follows the same steps on whole columns and gives the same floats.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, NamedTuple

from iku.backends.plan import Plan, VariableSpec
from iku.backends.targets import GivenTargets, Problem, Target, lookup, period_key
from iku.checks import STATUS_CODES, IssueCode
from iku.scales import TargetRange
from iku.validation import MISSING, NEGATIVE, Issue, check_status, make_issue, show_value

__all__ = ["ResultFields", "Row", "achievement_of", "evaluate_unit", "target_issue"]


class ResultFields(NamedTuple):
    """The fields of one Result, in Result's order, as a backend gives them."""

    code: str
    period: Any
    value: float | None
    target: Target | None
    achievement: float | None
    category: str | None
    grade: str | None
    numerator: float | None
    denominator: float | None
    issues: tuple[Issue, ...]
    keys: Mapping[str, Any]


Row = ResultFields
"""The first name of :class:`ResultFields`."""

_ABSENT: Final = object()
_NAN: Final = float("nan")
_HUGE: Final = 2**1000  # ints of fewer bits than this are floats without overflow
_SIGNED: Final = frozenset({"count", "amount"})


def evaluate_unit(
    plan: Plan,
    data: Mapping[Any, Any],
    targets: GivenTargets,
    period: Any,
) -> tuple[list[ResultFields], list[Issue]]:
    """Results (as rows of fields) of every indicator of ``plan`` on one unit, and the issues
    about the data as a whole (unknown variables)."""
    given_targets = targets.given
    declared = plan.declared
    if "period" in data and "period" not in declared:
        period = data["period"]
    table_issues: list[Issue] = []
    if plan.set is not None:
        table_issues = [
            make_issue(IssueCode.UNKNOWN_VARIABLE, variable=str(name))
            for name in data
            if name not in declared and name != "period"
        ]
    values: dict[str, float] = {}
    status: dict[str, int] = {}
    any_bad = False
    get = data.get
    for code, spec in plan.specs.items():
        raw = get(code, _ABSENT)
        if type(raw) is int and spec.kind in _SIGNED and -_HUGE < raw < _HUGE:
            values[code] = float(raw)  # the usual count, checked here without a call
            found = NEGATIVE if raw < 0 else 0
        elif raw is _ABSENT:
            values[code], found = _NAN, MISSING
        else:
            values[code], found = check_status(raw, spec.kind, spec.range)
        status[code] = found
        if found:
            any_bad = True
    key = period_key(period)
    rows: list[ResultFields] = []
    for k in plan.kernels:
        code = k.code
        issues: list[Issue] = []
        bad = any_bad and any(status[name] for name in k.variables)
        if bad:
            issues += [
                _variable_issue(code, plan.specs[name], status[name], get(name))
                for name in k.variables
                if status[name]
            ]
        numerator: float | None = None
        denominator: float | None = None
        value: float | None = None
        top, bottom = k.numerator, k.denominator
        if top is not None and bottom is not None:
            if not bad or not any(status[v] for v in top.variables):
                numerator = top.scalar(values)
            if not bad or not any(status[v] for v in bottom.variables):
                denominator = bottom.scalar(values)
            if not bad and denominator == 0 and k.checks_denominator:
                bad = True
                issues.append(_zero_issue(code, bottom.text))
        if not bad:
            for part in k.other_denominators:
                if part.scalar(values) == 0:
                    bad = True
                    issues.append(_zero_issue(code, part.text))
        if (
            not bad
            and k.proportion
            and numerator is not None
            and denominator is not None
            and numerator > denominator
        ):
            bad = True
            issues.append(
                make_issue(
                    IssueCode.NUMERATOR_EXCEEDS_DENOMINATOR,
                    indicator=code,
                    numerator=show_value(numerator),
                    denominator=show_value(denominator),
                )
            )
        if not bad:
            if numerator is not None and denominator is not None:
                result = numerator / denominator * k.factor
            else:
                result = k.formula.scalar(values)
            if result - result != 0.0:
                issues.append(_value_issue(code, IssueCode.NOT_FINITE, result))
            elif k.scale is not None and not k.scale[0] <= result <= k.scale[1]:
                issues.append(
                    _value_issue(code, IssueCode.OUT_OF_SCALE, result, lo=k.scale[0], hi=k.scale[1])
                )
            else:
                value = result
        achievement = category = grade = None
        given = given_targets.get(code) if given_targets is not None else None
        fast = given
        if type(given) is dict and type(key) is int:  # {year: number}: the usual targets
            fast = given.get(key)
        if (type(fast) is float and fast - fast == 0.0) or (
            type(fast) is int and -_HUGE < fast < _HUGE
        ):
            target: Target | None = float(fast)
            problem = None
        else:
            target, problem = lookup(given, period)
        if value is not None:
            if problem is not None:
                place = targets.place_of(code, period)
                issues.append(target_issue(code, problem, place=place))
            elif type(target) is float and target != 0.0 and k.higher:
                achievement = value / target * 100.0  # the usual case, as achievement_of
                if achievement - achievement != 0.0:
                    achievement = None
                category = k.classify(achievement)
            elif target is not None:
                achievement, zero = achievement_of(value, target, k.higher)
                if zero:
                    place = targets.place_of(code, period)
                    issues.append(make_issue(IssueCode.ZERO_TARGET, indicator=code, place=place))
                category = k.classify(achievement)
            if k.grades is not None:
                grade = k.grades.classify(value)
        rows.append(
            ResultFields(
                code,
                period,
                value,
                target,
                achievement,
                category,
                grade,
                numerator if numerator is None or numerator - numerator == 0.0 else None,
                denominator if denominator is None or denominator - denominator == 0.0 else None,
                tuple(issues),
                {},
            )
        )
    return rows, table_issues


def _zero_issue(code: str, text: str) -> Issue:
    return make_issue(IssueCode.DENOMINATOR_ZERO, indicator=code, variable=text)


def _variable_issue(code: str, spec: VariableSpec, status: int, raw: object) -> Issue:
    lo, hi = spec.range or (None, None)
    return make_issue(
        STATUS_CODES[status],  # type: ignore[arg-type]
        indicator=code,
        variable=spec.code,
        value=show_value(raw),
        lo=show_value(lo),
        hi=show_value(hi),
    )


def _value_issue(code: str, issue: IssueCode, value: float, **bounds: float) -> Issue:
    shown: dict[str, Any] = {name: show_value(bound) for name, bound in bounds.items()}
    return make_issue(issue, indicator=code, variant="value", value=show_value(value), **shown)


def achievement_of(value: float, target: Target, higher: bool) -> tuple[float | None, bool]:
    """Capaian of ``value`` (same floats as :func:`iku.scales.achievement_array`), None when it
    is not finite; and whether the target used (a range's bound) is 0, which gives none."""
    if isinstance(target, TargetRange):
        if target.lo <= value <= target.hi:
            return 100.0, False
        target = target.hi if value > target.hi else target.lo
    if target == 0:
        return None, True
    result = value / target * 100.0 if higher else (2.0 * target - value) / target * 100.0
    return (result if result - result == 0.0 else None), False


def target_issue(code: str, problem: Problem, row: Any = None, place: str | None = None) -> Issue:
    """The issue of one of :func:`~iku.backends.targets.lookup`'s reasons: ``missing_target``
    (a warning) or ``not_a_number`` (an error: a target given as text)."""
    issue, variant, fields = problem
    return make_issue(issue, indicator=code, row=row, variant=variant, place=place, **fields)
