"""Targets: what the caller gave, read once per evaluation and looked up per indicator and period.

``targets`` maps an indicator code to a number, a :class:`~iku.TargetRange` or a pair
``(lo, hi)``, or to a mapping ``{year: number-or-range}`` (years as int or text). A table
(pandas or polars) of ``indicator``, ``period``, ``target`` (and ``target_hi``) is read into
such a mapping by :func:`read_targets`, which also says what is wrong with the targets as a
whole: a target given twice for one indicator and period (``duplicate_target``), a target for
an indicator the set does not have (``unknown_indicator``). A target that is not a finite
number is no target: the lookup says why (text is ``not_a_number``, an error; nothing is
``missing_target``, a warning) rather than giving a wrong capaian.

>>> t = {"IKU-1": {2025: 80, "2026": (85, 90)}, "IKU-2": "80%"}
>>> lookup(t["IKU-1"], 2026)
(TargetRange(lo=85.0, hi=90.0), None)
>>> lookup(t["IKU-1"], None)[1][1:]
('no_period', {'years': '2025, 2026'})
>>> lookup(t["IKU-2"], 2025)[1].code
<IssueCode.NOT_A_NUMBER: 'not_a_number'>
"""

from __future__ import annotations

import difflib
import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, NamedTuple, TypeAlias

import attrs

from iku.backends.shapes import is_pandas_frame, is_polars_frame
from iku.backends.sources import is_targets_source
from iku.checks import IssueCode
from iku.errors import ArgumentError, ColumnNotFoundError
from iku.periods import as_period
from iku.scales import TargetRange
from iku.validation import Issue, make_issue, show_value

__all__ = [
    "TARGET_COLUMNS",
    "GivenTargets",
    "Problem",
    "Target",
    "lookup",
    "period_key",
    "read_targets",
    "targets_mapping",
]

Target: TypeAlias = "float | TargetRange"
"""A usable target: a finite number or a range."""


class Problem(NamedTuple):
    """Why there is no usable target: the issue code, the message variant and its fields."""

    code: IssueCode
    variant: str | None
    fields: dict[str, Any]


TARGET_COLUMNS: Final[Mapping[str, str]] = {
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
"""The column names a targets table may use (compared stripped and in lower case), and the
column each one means. Two columns meaning the same one are refused."""


class _Bad:
    """A target value that is not a number (kept to say so in the message)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Bad, (self.text,))


class Duplicate:
    """A target given more than once for one indicator and period: none of them is used.

    ``values`` are the targets given, in order. :func:`read_targets` puts one where the table
    repeats a row; its ``duplicate_target`` issue says so once.
    """

    __slots__ = ("values",)

    def __init__(self, values: Sequence[Any]) -> None:
        self.values = tuple(values)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Duplicate, (self.values,))

    def __repr__(self) -> str:
        return f"Duplicate({self.values!r})"


def _target(value: object) -> float | TargetRange | _Bad:
    kind = type(value)
    if kind is float or kind is int:
        number = _finite(value)
        return _Bad(show_value(value)) if number is None else number
    if isinstance(value, TargetRange):
        return value
    if isinstance(value, list | tuple) and len(value) == 2:
        lo, hi = (_finite(x) for x in value)
        if lo is not None and hi is not None and lo <= hi:
            return TargetRange(lo, hi)
        return _Bad(show_value(value))
    number = _finite(value)
    return _Bad(show_value(value)) if number is None else number


def _finite(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal | Fraction):
        return None  # numpy.bool_ is no Real; numpy's numbers are
    try:
        number = float(value)
    except (OverflowError, ValueError, TypeError, ArithmeticError):
        return None
    return number if math.isfinite(number) else None


def _is_nothing(value: object) -> bool:
    """None or NaN: no target at all (an empty cell), as opposed to a bad one."""
    if value is None:
        return True
    if isinstance(value, Decimal):
        return value.is_nan()  # sNaN too, which cannot even be compared
    if isinstance(value, float) or type(value).__module__ == "numpy":
        try:
            return bool(value != value)
        except (TypeError, ValueError, ArithmeticError):
            return False
    return type(value).__name__ in ("NAType", "NaTType")


def period_key(period: object) -> Any:
    """The period as it is looked up in a per-year mapping: a whole number as ``int``
    (``"2025"``, ``2025.0`` and ``numpy.int64(2025)`` are all ``2025``), anything else as is."""
    if type(period) is int:
        return period
    if isinstance(period, bool):
        return period
    if isinstance(period, numbers.Integral):
        return int(period)
    if isinstance(period, str):
        text = period.strip()
        return int(text) if text.isascii() and text.isdigit() else period
    if isinstance(period, numbers.Real):
        try:
            number = float(period)
        except (OverflowError, ValueError, TypeError):
            return period
        return int(number) if number.is_integer() else period
    return period


def lookup(given: object, period: object) -> tuple[Target | None, Problem | None]:
    """The target for ``period`` from what was given for an indicator (None when nothing was),
    or None and why there is none."""
    kind = type(given)
    if kind is float:
        if given - given == 0.0:  # type: ignore[operator]
            return given, None  # type: ignore[return-value]
    elif kind is int:
        try:
            return float(given), None  # type: ignore[arg-type]
        except OverflowError:
            pass
    if given is None:
        if period is None:
            return None, Problem(IssueCode.MISSING_TARGET, "none", {})
        return None, Problem(IssueCode.MISSING_TARGET, None, {"period": period})
    if kind is dict or isinstance(given, Mapping):
        years: Mapping[Any, Any] = given  # type: ignore[assignment]
        if period is None:
            if len(years) != 1:
                listed = ", ".join(str(year) for year in years)
                return None, Problem(IssueCode.MISSING_TARGET, "no_period", {"years": listed})
            given = next(iter(years.values()))
        else:
            given = _year(years, period_key(period))
            if given is _ABSENT:
                return None, Problem(IssueCode.MISSING_TARGET, None, {"period": period})
            if type(given) is float and given - given == 0.0:
                return given, None
        if given is None:
            if period is None:
                return None, Problem(IssueCode.MISSING_TARGET, "none", {})
            return None, Problem(IssueCode.MISSING_TARGET, None, {"period": period})
    if _is_nothing(given):  # NaN, as an empty cell of a frame: no target, as for data
        if period is None:
            return None, Problem(IssueCode.MISSING_TARGET, "none", {})
        return None, Problem(IssueCode.MISSING_TARGET, None, {"period": period})
    if isinstance(given, Duplicate):
        return None, Problem(IssueCode.MISSING_TARGET, "duplicate", {"period": period})
    found = _target(given)
    if isinstance(found, _Bad):
        variant = "target" if period is not None else "target_no_period"
        return None, Problem(
            IssueCode.NOT_A_NUMBER, variant, {"period": period, "value": found.text}
        )
    return found, None


_ABSENT: Final = object()


def _year(given: Mapping[Any, Any], key: Any) -> Any:
    """The entry of ``key`` (a :func:`period_key`): exact first, else any year that reads the
    same (``"2025"`` for ``2025``), else the entry without a period (None: any period);
    ``_ABSENT`` when there is none."""
    try:
        found = given.get(key, _ABSENT)
    except TypeError:  # an unhashable period
        found = _ABSENT
    if found is _ABSENT:
        for year, value in given.items():
            if year is not None and _same(period_key(year), key):
                return value
        # the same period written another way: "TW I 2025" for "2025-Q1"
        period = _as_period(key)
        if period is not None:
            for year, value in given.items():
                if _as_period(year) == period:
                    return value
        if None in given:
            return given[None]
    return found


def _as_period(value: object) -> Any:
    """:func:`iku.periods.as_period`, or None for a value that cannot even be looked at (a
    period is never worth an exception: a bad one is no period)."""
    try:
        return as_period(value)
    except Exception:  # Decimal("sNaN") refuses to be compared with itself
        return None


def _same(a: object, b: object) -> bool:
    try:
        return bool(a == b)
    except Exception:  # a period such as pandas' NA cannot be compared: it is no year
        return False


# --- reading what the caller gave ------------------------------------------------------------


@attrs.frozen
class GivenTargets:
    """Targets as an evaluation uses them: ``given`` (indicator code to what was given, or
    None), ``issues`` about the targets as a whole (a reader's first, then duplicates and
    unknown indicators), and ``place(code, period)`` when they came from a file."""

    given: Mapping[Any, Any] | None
    issues: tuple[Issue, ...] = ()
    place: Callable[[str, object], str | None] | None = None

    def place_of(self, code: str, period: object) -> str | None:
        """The place of the target of ``code`` for ``period``, None when unknown."""
        if self.place is None:
            return None
        return self.place(code, period)


def read_targets(
    targets: object, codes: Sequence[str] | frozenset[str] | None = None
) -> GivenTargets:
    """Read ``targets`` as ``evaluate`` takes them (None, a mapping, a pandas or polars table,
    or a :class:`~iku.backends.sources.TargetsSource`); with ``codes`` (the set's indicators),
    a target for any other code is an ``unknown_indicator`` error.

    Raises :class:`~iku.errors.ArgumentError` for targets of another kind or a table with two
    columns of one meaning (``indicator`` and ``kode``, two ``target`` columns), and
    :class:`~iku.errors.ColumnNotFoundError` for a table without ``indicator`` or ``target``.

    >>> found = read_targets({"IKU-1": 80, "IKU2": 85}, codes=["IKU-1", "IKU-2"])
    >>> [issue.message_en for issue in found.issues]
    ['a target is given for IKU2, which is not an indicator of this set (did you mean IKU-2?)']
    """
    issues: list[Issue] = []
    given: Mapping[Any, Any]
    place: Callable[[str, object], str | None] | None = None
    if targets is None:
        return _NONE
    if type(targets) is dict or isinstance(targets, Mapping):  # no frame is a Mapping
        given, issues = _from_mapping(targets)
    elif is_pandas_frame(targets) or is_polars_frame(targets):
        given, issues = _from_table(targets)
    elif is_targets_source(targets):
        source: Any = targets
        place = source.place
        given, found = _from_mapping(source.targets, place)
        issues = [*source.issues, *found]
    else:
        msg = (
            "targets is a mapping of indicator code to target (a number, a range (lo, hi) or "
            "{year: target}), a DataFrame of indicator, period, target, or targets read by "
            f"iku.io; not {type(targets).__name__}"
        )
        raise ArgumentError(msg)
    if codes is not None and given:
        known = codes if isinstance(codes, frozenset | set) else set(codes)
        if not known.issuperset(given):  # one C-level pass in the usual case of none unknown
            for code in given:
                if code not in known:
                    where = None if place is None else place(code, None)
                    issues.append(_unknown(code, codes, where))
    return GivenTargets(given, tuple(issues), place)


_NONE: Final = GivenTargets(None)


def targets_mapping(targets: object) -> Mapping[Any, Any] | None:
    """``targets`` as a plain mapping of indicator code to target (what the SQL backend reads):
    a table read as :func:`read_targets` reads it, a target given twice as a
    :class:`Duplicate` (which is no target)."""
    return read_targets(targets).given


def _unknown(code: object, codes: Sequence[str] | frozenset[str], place: str | None) -> Issue:
    text = str(code)
    match = difflib.get_close_matches(text, sorted(codes), n=1, cutoff=0.6)
    variant = "hint" if match else None
    return make_issue(
        IssueCode.UNKNOWN_INDICATOR,
        variant=variant,
        indicator=text,
        match=match[0] if match else None,
        place=place,
    )


def _duplicate(code: str, period: object, values: Sequence[Any], place: str | None = None) -> Issue:
    shown = ", ".join(show_value(v) for v in values)
    return make_issue(
        IssueCode.DUPLICATE_TARGET,
        indicator=code,
        period="-" if period is None else period,
        values=shown,
        place=place,
    )


def _from_mapping(
    targets: Mapping[Any, Any], place: Callable[[str, object], str | None] | None = None
) -> tuple[Mapping[Any, Any], list[Issue]]:
    """The mapping as given, unless a per-year mapping names one year twice (``2025`` and
    ``"2025"``): that year becomes a :class:`Duplicate`, with its issue."""
    issues: list[Issue] = []
    out: dict[Any, Any] | None = None
    for code, spec in targets.items():
        if type(spec) is dict:
            # keys a dict holds apart but a period reads alike: text beside a number
            # ("2025" and 2025); 2025, 2025.0 and numpy's 2025 are one key of a dict already
            if len(spec) < 2:
                continue
            for year in spec:
                if type(year) is str:
                    break
            else:
                continue
        elif not isinstance(spec, Mapping) or len(spec) < 2:
            continue
        seen: dict[Any, list[Any]] = {}
        for year in spec:
            try:
                seen.setdefault(period_key(year), []).append(year)
            except TypeError:  # an unhashable year is no year: the lookup ignores it
                continue
        twice = {key: years for key, years in seen.items() if len(years) > 1}
        if not twice:
            continue
        fixed = dict(spec)
        for key, years in twice.items():
            values = [spec[year] for year in years]
            for year in years:
                del fixed[year]
            fixed[key] = Duplicate(values)
            issues.append(_duplicate(str(code), key, values, place and place(str(code), key)))
        if out is None:
            out = dict(targets)
        out[code] = fixed
    return (targets if out is None else out), issues


def _from_table(frame: Any) -> tuple[dict[Any, Any], list[Issue]]:
    """A targets table as a mapping; its repeated rows as issues."""
    from iku.backends.columns import Table

    table = Table(frame)
    meaning: dict[str, list[Any]] = {}
    for name in table.names:
        canonical = TARGET_COLUMNS.get(str(name).strip().lower())
        if canonical is not None:
            meaning.setdefault(canonical, []).append(name)
            meaning[canonical] += [name] * (table.duplicates.get(name, 1) - 1)
    for canonical, names in meaning.items():
        if len(names) > 1:
            listed = ", ".join(repr(str(name)) for name in names)
            msg = (
                f"a targets table has {len(names)} columns that mean {canonical!r} ({listed}): "
                "keep one, so that no target is filed under the wrong indicator or period"
            )
            raise ArgumentError(msg)
    for name in ("indicator", "target"):
        if name not in meaning:
            columns = ", ".join(str(c) for c in table.names)
            msg = (
                "a targets table needs columns indicator and target (and may have period, "
                f"target_hi); it has {columns}"
            )
            raise ColumnNotFoundError(msg)
    column = {canonical: names[0] for canonical, names in meaning.items()}
    codes = table.key(column["indicator"]).python().tolist()
    values = table.key(column["target"]).python().tolist()
    periods = table.key(column["period"]).python().tolist() if "period" in column else None
    highs = table.key(column["target_hi"]).python().tolist() if "target_hi" in column else None
    found: dict[Any, dict[Any, list[Any]]] = {}
    for i, code in enumerate(codes):
        value = values[i]
        if _is_nothing(code) and _is_nothing(value):
            continue  # an empty row
        if highs is not None and not _is_nothing(highs[i]):
            value = (value, highs[i])
        period = None
        if periods is not None and not _is_nothing(periods[i]):
            period = periods[i]
        key = code.strip() if isinstance(code, str) else code
        found.setdefault(key, {}).setdefault(period_key(period), []).append(value)
    out: dict[Any, Any] = {}
    issues: list[Issue] = []
    for code, by_period in found.items():
        years: dict[Any, Any] = {}
        for period, given in by_period.items():
            if len(given) > 1:
                years[period] = Duplicate(given)
                issues.append(_duplicate(str(code), period, given))
            else:
                years[period] = given[0]
        if periods is None:
            out[code] = years[None]
        else:
            out[code] = years
    return out, issues
