"""Hand-written code doing the work of ``iku.evaluate`` on the Kota Madiun set, for comparison.

Each baseline is what a careful programmer would write for this one set without iku: the same
checks in the same order (missing, not a number, not finite, negative, not whole, zero
denominator, numerator above denominator, the index's scale, a value that is not finite), the
value, the target of the row's year, the capaian and the predikat (and the IPP's grade). They
keep masks and codes where iku keeps them, and make no messages: iku's messages are made only
when asked for, except for one unit, where they are part of the Result.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

RATIOS = (
    ("IKU-1", "pmks_dilindungi", "pmks_perlu_perlindungan"),
    ("IKU-2", "psks_diberdayakan", "psks"),
    ("IKU-3", "pmks_direhabilitasi", "pmks_perlu_rehabilitasi"),
    ("IKU-4", "perempuan_pengambil_keputusan", "perempuan_usia_produktif"),
    ("IKU-5", "keluarga_berkualitas", "keluarga_disurvei"),
    ("IKU-6", "pengaduan_diselesaikan", "pengaduan"),
)
COUNTS = tuple(name for _, num, den in RATIOS for name in (num, den))
PREDIKAT_CUTS = np.array([-math.inf, 51.0, 66.0, 76.0, 91.0])
IPP_CUTS = np.array([-math.inf, 1.01, 1.51, 2.01, 2.51, 3.01, 3.51, 4.01, 4.51])


TARGETS = {code: {2025: 80.0, 2026: 85.0} for code in [r[0] for r in RATIOS]}
TARGETS["IKU-7"] = {2025: 4.0, 2026: 4.2}


# --- the data of the benchmarks ---------------------------------------------------------------


def table_data(rows: int, units: int, seed: int = 2025) -> dict[str, np.ndarray]:
    """``rows`` rows of every variable, a ``unit`` key (``units`` of them) and a period."""
    rng = np.random.default_rng(seed)
    columns: dict[str, np.ndarray] = {
        "unit": rng.integers(0, units, rows),
        "period": rng.choice(np.array([2025, 2026]), rows),
    }
    for _, num, den in RATIOS:
        denominator = rng.integers(50, 1000, rows).astype(np.float64)
        numerator = np.floor(denominator * rng.random(rows))
        columns[num], columns[den] = numerator, denominator
    columns["ipp"] = np.round(rng.random(rows) * 5, 2)
    for name in COUNTS:  # a few problems: 0.1 % missing, negative, zero, over
        column = columns[name]
        picked = rng.random(rows)
        column[picked < 0.001] = np.nan
        column[(picked >= 0.001) & (picked < 0.002)] = -1
        if name.startswith(("psks", "pengaduan")):
            column[(picked >= 0.002) & (picked < 0.003)] = 0 if name == "psks" else 10_000
    return columns


def polars_frame(rows: int, units: int = 1000) -> Any:
    """The table of :func:`table_data` as a polars frame, missing cells as nulls."""
    import polars as pl

    return pl.DataFrame(table_data(rows, units), nan_to_null=True)


# --- one unit, pure Python -------------------------------------------------------------------


def _predikat(capaian: float) -> str:
    if capaian >= 91:
        return "Sangat Tinggi"
    if capaian >= 76:
        return "Tinggi"
    if capaian >= 66:
        return "Sedang"
    if capaian >= 51:
        return "Rendah"
    return "Sangat Rendah"


def _grade(ipp: float) -> str:
    for cut, grade in ((4.51, "A"), (4.01, "A-"), (3.51, "B"), (3.01, "B-"), (2.51, "C")):
        if ipp >= cut:
            return grade
    for cut, grade in ((2.01, "C-"), (1.51, "D"), (1.01, "E")):
        if ipp >= cut:
            return grade
    return "F"


def _count(value: Any) -> tuple[float | None, str | None]:
    if value is None:
        return None, "missing_value"
    if type(value) not in (int, float):
        return None, "not_a_number"
    try:
        number = float(value)
    except OverflowError:
        return None, "not_finite"
    if not math.isfinite(number):
        return None, "not_finite"
    if number < 0:
        return None, "negative_value"
    if not number.is_integer():
        return None, "not_integer"
    return number, None


def unit(data: dict[str, Any], targets: dict[str, dict[int, float]], period: int) -> list[Any]:
    """One unit: a tuple (code, value, target, capaian, predikat, grade, num, den, issues)
    per indicator."""
    out = []
    for code, num_name, den_name in RATIOS:
        issues = []
        num, problem = _count(data.get(num_name))
        if problem:
            issues.append((problem, num_name))
        den, problem = _count(data.get(den_name))
        if problem:
            issues.append((problem, den_name))
        value = capaian = predikat = None
        if num is not None and den is not None:
            if den == 0:
                issues.append(("denominator_zero", den_name))
            elif num > den:
                issues.append(("numerator_exceeds_denominator", None))
            else:
                value = num / den * 100.0
        target = targets[code][period]
        if value is not None:
            capaian = value / target * 100.0
            predikat = _predikat(capaian)
        out.append((code, value, target, capaian, predikat, None, num, den, issues))
    ipp = data.get("ipp")
    issues = []
    value = capaian = predikat = grade = None
    if ipp is None:
        issues.append(("missing_value", "ipp"))
    elif type(ipp) not in (int, float):
        issues.append(("not_a_number", "ipp"))
    elif not math.isfinite(ipp):
        issues.append(("not_finite", "ipp"))
    elif not 0 <= ipp <= 5:
        issues.append(("out_of_scale", "ipp"))
    else:
        value = float(ipp)
        target = targets["IKU-7"][period]
        capaian = value / target * 100.0
        predikat, grade = _predikat(capaian), _grade(value)
    out.append(
        ("IKU-7", value, targets["IKU-7"][period], capaian, predikat, grade, None, None, issues)
    )
    return out


# --- a table, numpy --------------------------------------------------------------------------


def _count_status(x: np.ndarray) -> np.ndarray:
    """0 for a good count, else 3 not finite, 4 negative, 5 not whole (the first that applies)."""
    status = np.zeros(len(x), dtype=np.int8)
    with np.errstate(invalid="ignore"):
        status[np.floor(x) != x] = 5
        status[x < 0] = 4
        status[~np.isfinite(x)] = 3
    return status


def _bands(x: np.ndarray, cuts: np.ndarray) -> np.ndarray:
    """Band number of each value, lowest band 0, -1 for NaN: one comparison per cut (much
    faster than ``np.searchsorted`` or ``np.digitize`` for a handful of cuts)."""
    band = np.zeros(len(x), dtype=np.int8)
    for cut in cuts[1:]:
        band += x >= cut
    band[np.isnan(x)] = -1
    return band


def _capaian(value: np.ndarray, target: np.ndarray | float) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(invalid="ignore", divide="ignore"):
        capaian = value / target * 100.0
    return capaian, _bands(capaian, PREDIKAT_CUTS)


def table(columns: dict[str, np.ndarray], targets: dict[str, dict[int, float]]) -> dict[str, Any]:
    """Every indicator on every row: values, every check's mask, capaian, predikat codes."""
    period = columns["period"]
    first = period == 2025
    status = {name: _count_status(columns[name]) for name in COUNTS}
    out: dict[str, Any] = {}
    for code, num_name, den_name in RATIOS:
        num, den = columns[num_name], columns[den_name]
        bad = (status[num_name] != 0) | (status[den_name] != 0)
        zero = (den == 0) & ~bad
        error = bad | zero
        over = (num > den) & ~error
        error |= over
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            value = num / den * 100.0
        infinite = ~np.isfinite(value) & ~error
        error |= infinite
        value = np.where(error, np.nan, value)
        target = np.where(first, targets[code][2025], targets[code][2026])
        capaian, predikat = _capaian(value, target)
        out[code] = (value, capaian, predikat, status[num_name], status[den_name], zero, over)
    ipp = columns["ipp"]
    with np.errstate(invalid="ignore"):
        outside = (ipp < 0) | (ipp > 5)
    ipp_status = np.where(~np.isfinite(ipp), 3, np.where(outside, 6, 0)).astype(np.int8)
    value = np.where(ipp_status != 0, np.nan, ipp)
    target = np.where(first, targets["IKU-7"][2025], targets["IKU-7"][2026])
    capaian, predikat = _capaian(value, target)
    grade = _bands(value, IPP_CUTS)
    out["IKU-7"] = (value, capaian, predikat, grade, ipp_status)
    return out


def pandas_table(frame: pd.DataFrame, targets: dict[str, dict[int, float]]) -> dict[str, Any]:
    """:func:`table` on a pandas DataFrame (its columns taken as numpy arrays)."""
    columns = {name: frame[name].to_numpy(dtype=np.float64) for name in (*COUNTS, "ipp")}
    columns["period"] = frame["period"].to_numpy()
    return table(columns, targets)


# --- grouped: numpy only, as lean as a skilled user writes it ---------------------------------


def grouped_bincount(
    frame: pd.DataFrame, targets: dict[str, dict[int, float]], by: str
) -> dict[str, Any]:
    """Rows checked one by one (the values, then each row's zero denominator and numerator
    above its denominator), then summed per (by, period) with ``numpy.bincount`` over one group
    id made from the two integer keys, then every indicator per group; a group with a bad row
    gets no value. Keeps the rows' statuses and masks (where iku keeps them for its issues)."""
    unit = frame[by].to_numpy()
    period = frame["period"].to_numpy()
    key = unit.astype(np.int64) * 2 + (period == 2026)
    present = np.bincount(key) > 0
    groups = (np.cumsum(present) - 1)[key]  # dense ids, in key order (unit, then period)
    count = int(present.sum())
    first = (np.flatnonzero(present) % 2) == 0

    def total(x: np.ndarray) -> np.ndarray:
        return np.bincount(groups, weights=x, minlength=count)

    def groups_of(rows: np.ndarray) -> np.ndarray:
        found = np.zeros(count, dtype=bool)
        found[groups[rows]] = True
        return found

    out: dict[str, Any] = {}
    for code, num_name, den_name in RATIOS:
        num, den = frame[num_name].to_numpy(np.float64), frame[den_name].to_numpy(np.float64)
        s_num, s_den = _count_status(num), _count_status(den)
        row_bad = (s_num != 0) | (s_den != 0)
        row_zero = (den == 0) & ~row_bad  # a warning: the row is still summed
        row_over = (num > den) & ~row_bad & ~row_zero  # an error: the group gets no value
        bad = groups_of(row_bad | row_over)
        num_sum, den_sum = total(num), total(den)
        zero = (den_sum == 0) & ~bad
        error = bad | zero
        over = (num_sum > den_sum) & ~error
        error |= over
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            value = num_sum / den_sum * 100.0
        error |= ~np.isfinite(value)
        value = np.where(error, np.nan, value)
        target = np.where(first, targets[code][2025], targets[code][2026])
        capaian, predikat = _capaian(value, target)
        out[code] = (value, capaian, predikat, num_sum, den_sum, s_num, s_den, row_zero, row_over)
    ipp = frame["ipp"].to_numpy(np.float64)
    with np.errstate(invalid="ignore"):
        row_bad = ~np.isfinite(ipp) | (ipp < 0) | (ipp > 5)
    bad = groups_of(row_bad)
    with np.errstate(invalid="ignore"):
        mean = total(ipp) / np.bincount(groups, minlength=count)
    value = np.where(bad, np.nan, mean)
    target = np.where(first, targets["IKU-7"][2025], targets["IKU-7"][2026])
    out["IKU-7"] = (value, *_capaian(value, target), _bands(value, IPP_CUTS), row_bad)
    return out


# --- end to end: polars, from a frame to a long frame to a file --------------------------------

PREDIKAT_LABELS = ("Sangat Rendah", "Rendah", "Sedang", "Tinggi", "Sangat Tinggi")
GRADE_LABELS = ("F", "E", "D", "C-", "C", "B-", "B", "A-", "A")


def _pl_status(name: str, scale: tuple[float, float] | None = None) -> Any:
    """The issue code of one variable's value (null when it is good), the first that applies:
    a number per check, then its text (``replace_strict`` is four times faster than a chain of
    ``when(...).then(text)`` in polars 2.1)."""
    import polars as pl

    x = pl.col(name)
    number = pl.when(x.is_null()).then(1).when(~x.is_finite()).then(2)
    if scale is None:
        number = number.when(x < 0).then(3).when(x.floor() != x).then(4)
        codes = ["missing_value", "not_finite", "negative_value", "not_integer"]
    else:
        number = number.when((x < scale[0]) | (x > scale[1])).then(3)
        codes = ["missing_value", "not_finite", "out_of_scale"]
    steps = list(range(1, len(codes) + 1))
    return number.replace_strict(steps, codes, default=None, return_dtype=pl.String)


def _pl_bands(x: Any, cuts: tuple[float, ...], labels: tuple[str, ...]) -> Any:
    """The band of each value as an Enum: the number of cuts it reaches, then its label."""
    import polars as pl

    reached = pl.sum_horizontal([(x >= cut).cast(pl.UInt8) for cut in cuts])
    band = pl.when(x.is_not_null()).then(reached)
    return band.replace_strict(list(range(len(labels))), list(labels), return_dtype=pl.Enum(labels))


def _pl_issues(codes: list[Any], joined: bool) -> Any:
    """The codes that are not null, joined by ``;`` (``joined``) or as a list. Made by joining
    text and splitting the rows that have any (``pl.concat_list(...).list.drop_nulls()`` is
    ten times slower in polars 2.1)."""
    import polars as pl

    text = pl.concat_str(codes, separator=";", ignore_nulls=True)
    if joined:
        return text
    found = pl.any_horizontal([code.is_not_null() for code in codes])
    return pl.when(found).then(text).str.split(";").fill_null(pl.lit([], pl.List(pl.String)))


def polars_long(
    frame: Any, targets: dict[str, dict[int, float]], key: str, *, joined: bool = False
) -> Any:
    """What ``evaluate(set, frame, targets=...).to_frame()`` gives, hand-written in polars: the
    same checks (missing, not finite, negative, not whole; zero denominator; numerator above
    denominator; the index's scale), value, target of the row's year, capaian, predikat, the
    IPP's grade, and the issue codes as a list column (joined by ``;`` with ``joined``), one
    row per input row and indicator (indicator after indicator, where iku goes row after row).
    """
    import polars as pl

    statuses = [_pl_status(name).alias(f"_{name}") for name in COUNTS]
    statuses.append(_pl_status("ipp", (0.0, 5.0)).alias("_ipp"))
    checked = frame.with_columns(statuses).lazy()  # once, not once per indicator
    first = pl.col("period") == 2025
    parts = []
    for code, num_name, den_name in RATIOS:
        num, den = pl.col(num_name), pl.col(den_name)
        s_num, s_den = pl.col(f"_{num_name}"), pl.col(f"_{den_name}")
        bad = s_num.is_not_null() | s_den.is_not_null()
        zero = ~bad & (den == 0)
        over = ~bad & ~zero & (num > den)
        value = pl.when(~(bad | zero | over)).then(num / den * 100.0)
        target = pl.when(first).then(targets[code][2025]).otherwise(targets[code][2026])
        achievement = value / target * 100.0
        issues = [
            s_num,
            s_den,
            pl.when(zero).then(pl.lit("denominator_zero")),
            pl.when(over).then(pl.lit("numerator_exceeds_denominator")),
        ]
        parts.append(
            checked.select(
                pl.col(key),
                pl.lit(code).alias("indicator"),
                pl.col("period"),
                value.alias("value"),
                target.alias("target"),
                achievement.alias("achievement"),
                _pl_bands(achievement, tuple(PREDIKAT_CUTS[1:]), PREDIKAT_LABELS).alias("category"),
                pl.lit(None, dtype=pl.Enum(GRADE_LABELS)).alias("grade"),
                pl.when(s_num.is_null()).then(num).alias("numerator"),
                pl.when(s_den.is_null()).then(den).alias("denominator"),
                _pl_issues(issues, joined).alias("issues"),
            )
        )
    ipp, s_ipp = pl.col("ipp"), pl.col("_ipp")
    value = pl.when(s_ipp.is_null()).then(ipp)
    target = pl.when(first).then(targets["IKU-7"][2025]).otherwise(targets["IKU-7"][2026])
    achievement = value / target * 100.0
    parts.append(
        checked.select(
            pl.col(key),
            pl.lit("IKU-7").alias("indicator"),
            pl.col("period"),
            value.alias("value"),
            target.alias("target"),
            achievement.alias("achievement"),
            _pl_bands(achievement, tuple(PREDIKAT_CUTS[1:]), PREDIKAT_LABELS).alias("category"),
            _pl_bands(value, tuple(IPP_CUTS[1:]), GRADE_LABELS).alias("grade"),
            pl.lit(None, dtype=pl.Float64).alias("numerator"),
            pl.lit(None, dtype=pl.Float64).alias("denominator"),
            _pl_issues([s_ipp], joined).alias("issues"),
        )
    )
    return pl.concat(parts).collect()


def polars_parquet(frame: Any, targets: dict[str, dict[int, float]], key: str, path: Any) -> None:
    """:func:`polars_long` written to a Parquet file."""
    polars_long(frame, targets, key).write_parquet(path)


def polars_csv(frame: Any, targets: dict[str, dict[int, float]], key: str, path: Any) -> None:
    """:func:`polars_long` written to a CSV file, the issue codes joined by ``;``."""
    polars_long(frame, targets, key, joined=True).write_csv(path)
