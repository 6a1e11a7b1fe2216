"""One unit, one period: the evaluation of a mapping of variable code to value, in plain Python.

No numpy here: for a handful of numbers, floats and compiled closures are faster than arrays of
one element. The steps and their order are those of ``docs/evaluation.md``; the numpy backend
(:mod:`iku.backends.table`) follows the same steps on whole columns and gives the same floats.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final, NamedTuple

from iku.backends.plan import Plan, VariableSpec
from iku.backends.targets import GivenTargets, Problem, Target, lookup, period_key
from iku.checks import STATUS_CODES, IssueCode
from iku.periods import as_period
from iku.results import Result
from iku.scales import ZERO_TARGET, ZERO_VALUE, Rules, capaian
from iku.validation import (
    MISSING,
    NEGATIVE,
    NO_KEYS,
    Issue,
    check_status,
    make_issue,
    show_value,
)

__all__ = [
    "ResultFields",
    "Row",
    "achievement_of",
    "evaluate_unit",
    "given_bounds",
    "mismatch_issue",
    "mismatch_tolerance",
    "target_issue",
]


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
    given: bool = False
    """True when the value is a realisasi given directly in the data, not computed."""


Row = ResultFields
"""The first name of :class:`ResultFields`."""

_ABSENT: Final = object()
_NAN: Final = float("nan")
_HUGE: Final = 2**1000  # ints of fewer bits than this are floats without overflow


def evaluate_unit(
    plan: Plan,
    data: Mapping[Any, Any],
    targets: GivenTargets,
    period: Any,
    rules: Sequence[Rules] | None = None,
) -> tuple[list[Result], list[Issue]]:
    """The Results of every indicator of ``plan`` on one unit (made here: one unit wants them
    all at once), and the issues about the data as a whole (unknown variables). ``rules`` are
    each kernel's rules (:meth:`Plan.rules`; default: the subject's own). A key named like an
    indicator's code gives its realisasi directly (see :mod:`iku.backends.given`)."""
    given_targets = targets.given
    declared = plan.declared
    if "period" in data and "period" not in declared:
        period = data["period"]
    table_issues: list[Issue] = []
    given: dict[str, Any] = {}  # indicator code -> the key giving its realisasi
    for name in data:
        if name not in declared and name != "period":
            found_code = plan.given_code(name)
            if found_code is not None:
                given.setdefault(found_code, name)
            elif plan.set is not None:
                table_issues.append(make_issue(IssueCode.UNKNOWN_VARIABLE, variable=str(name)))
    every_rules = plan.rules() if rules is None else rules
    if isinstance(period, str) and period.strip() and as_period(period) is None:
        table_issues.append(make_issue(IssueCode.BAD_PERIOD, value=repr(period)))
    values: dict[str, float] = {}
    status: dict[str, int] = {}  # the variables with a problem only
    get = data.get
    for code, spec in plan.specs.items():
        raw = get(code, _ABSENT)
        if type(raw) is int and spec.signed and -_HUGE < raw < _HUGE:
            values[code] = float(raw)  # the usual count, checked here without a call
            if raw < 0:
                status[code] = NEGATIVE
        elif raw is _ABSENT:
            values[code] = _NAN
            status[code] = MISSING
        else:
            values[code], found = check_status(raw, spec.kind, spec.range)
            if found:
                status[code] = found
    any_bad = bool(status)
    key = period_key(period)
    rows: list[Result] = []
    flags = plan.rule_flags(tuple(every_rules))
    for k, own, (plain, rounded) in zip(plan.kernels, every_rules, flags, strict=True):
        code = k.code
        issues: list[Issue] = []
        bad = any_bad and any(name in status for name in k.variables)
        if bad:
            issues += [
                _variable_issue(code, plan.specs[name], status[name], get(name))
                for name in k.variables
                if name in status
            ]
        numerator: float | None = None
        denominator: float | None = None
        value: float | None = None
        top, bottom = k.numerator, k.denominator
        if top is not None and bottom is not None:
            if not bad or not any(v in status for v in top.variables):
                numerator = top.scalar(values)
            if not bad or not any(v in status for v in bottom.variables):
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
        used = False
        if code in given:
            value, issues, used = _given_value(k, given[code], get(given[code]), value, issues)
        if value is not None and rounded:
            value = own.round_value(value)
        achievement = category = grade = None
        wanted = given_targets.get(code) if given_targets is not None else None
        fast = wanted
        if type(wanted) is dict and type(key) is int:  # {year: number}: the usual targets
            fast = wanted.get(key)
        if (type(fast) is float and fast - fast == 0.0) or (
            type(fast) is int and -_HUGE < fast < _HUGE
        ):
            target: Target | None = float(fast)
            problem = None
        else:
            target, problem = lookup(wanted, period)
        if value is not None:
            if problem is not None:
                place = targets.place_of(code, period)
                issues.append(target_issue(code, problem, place=place))
            elif type(target) is float and target != 0.0 and k.higher and plain:
                achievement = value / target * 100.0  # the usual case, as capaian()
                if achievement - achievement != 0.0:
                    achievement = None
                category = k.classify(achievement)
            elif target is not None:
                achievement, why = capaian(value, target, k.higher, own)
                if why == ZERO_TARGET:
                    place = targets.place_of(code, period)
                    issues.append(make_issue(IssueCode.ZERO_TARGET, indicator=code, place=place))
                elif why == ZERO_VALUE:
                    issues.append(make_issue(IssueCode.ZERO_VALUE, indicator=code))
                category = k.classify(achievement)
            if k.classify_grade is not None:
                grade = k.classify_grade(value)
        rows.append(
            Result(
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
                NO_KEYS,
                used,
            )
        )
    return rows, table_issues


def given_bounds(k: Any) -> tuple[float, float] | None:
    """The range a realisasi given directly must lie in: 0 to the factor for a proportion,
    the bounds for an index; None when any finite number will do."""
    if k.scale is not None:
        lo, hi = k.scale
        return float(lo), float(hi)
    if k.proportion:
        return 0.0, float(k.factor)
    return None


def mismatch_tolerance(given: float, computed: float) -> float:
    """How far a realisasi given as printed may lie from the one computed from its parts:
    one unit of its last printed decimal (it may have been rounded or truncated to it)."""
    for places in range(10):
        if abs(round(given, places) - given) <= 1e-9 * max(1.0, abs(given)):
            break
    return 10.0**-places + 1e-9 * max(1.0, abs(given), abs(computed))


def _given_value(
    k: Any, name: Any, raw: object, computed: float | None, issues: list[Issue]
) -> tuple[float | None, list[Issue], bool]:
    """The value of an indicator whose realisasi is given in the data under ``name``: the given
    number when it is a valid one (its parts then only cross-check it), None with the reason
    when it is not, and the computed value when it is missing. Also: was the given one used."""
    value, status = check_status(raw, "real", None)
    if status == MISSING:
        return computed, issues, False
    code = k.code
    if status:
        issue = make_issue(
            STATUS_CODES[status],  # type: ignore[arg-type]
            indicator=code,
            variable=str(name),
            value=show_value(raw),
        )
        return None, [issue], False
    bounds = given_bounds(k)
    if bounds is not None and not bounds[0] <= value <= bounds[1]:
        issue = make_issue(
            IssueCode.OUT_OF_SCALE,
            indicator=code,
            variable=str(name),
            value=show_value(raw),
            lo=show_value(bounds[0]),
            hi=show_value(bounds[1]),
        )
        return None, [issue], False
    found: list[Issue] = []
    if computed is not None and abs(value - computed) > mismatch_tolerance(value, computed):
        found.append(mismatch_issue(code, name, value, computed))
    return value, found, True


def mismatch_issue(code: str, name: Any, given: float, computed: float, row: Any = None) -> Issue:
    """``realisasi_mismatch``: the realisasi given under ``name`` and the one computed from the
    indicator's parts differ by more than rounding."""
    return make_issue(
        IssueCode.REALISASI_MISMATCH,
        indicator=code,
        variable=str(name),
        row=row,
        given=show_value(given),
        computed=show_value(computed),
    )


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


def achievement_of(
    value: float, target: Target, higher: bool, rules: Rules | None = None
) -> tuple[float | None, bool]:
    """Capaian of ``value`` (same floats as :func:`iku.scales.achievement_array`), None when it
    is not finite; and whether the target used (a range's bound) is 0, which gives none."""
    found, why = capaian(value, target, higher, Rules() if rules is None else rules)
    return found, why == ZERO_TARGET


def target_issue(code: str, problem: Problem, row: Any = None, place: str | None = None) -> Issue:
    """The issue of one of :func:`~iku.backends.targets.lookup`'s reasons: ``missing_target``
    (a warning) or ``not_a_number`` (an error: a target given as text)."""
    issue, variant, fields = problem
    return make_issue(issue, indicator=code, row=row, variant=variant, place=place, **fields)
