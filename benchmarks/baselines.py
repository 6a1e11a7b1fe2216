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
from typing import Any

import numpy as np
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


# --- grouped: pandas groupby().sum() plus numpy ----------------------------------------------


def grouped(frame: pd.DataFrame, targets: dict[str, dict[int, float]], by: str) -> dict[str, Any]:
    """Rows checked, then summed per (by, period) with pandas, then every indicator per group."""
    status = {name: _count_status(frame[name].to_numpy(dtype=np.float64)) for name in COUNTS}
    ipp = frame["ipp"].to_numpy(dtype=np.float64)
    with np.errstate(invalid="ignore"):
        ipp_bad = ~np.isfinite(ipp) | (ipp < 0) | (ipp > 5)
    flags = {f"_bad_{code}": (status[n] != 0) | (status[d] != 0) for code, n, d in RATIOS}
    flags["_bad_IKU-7"] = ipp_bad
    work = frame.assign(**flags)
    groups = work.groupby([by, "period"], sort=True)
    sums = groups[list(COUNTS) + list(flags)].sum()
    ipp_mean = groups["ipp"].mean().to_numpy()
    first = sums.index.get_level_values("period").to_numpy() == 2025
    out: dict[str, Any] = {}
    for code, num_name, den_name in RATIOS:
        num, den = sums[num_name].to_numpy(), sums[den_name].to_numpy()
        bad = sums[f"_bad_{code}"].to_numpy() > 0
        zero = (den == 0) & ~bad
        error = bad | zero
        over = (num > den) & ~error
        error |= over
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            value = num / den * 100.0
        error |= ~np.isfinite(value)
        value = np.where(error, np.nan, value)
        target = np.where(first, targets[code][2025], targets[code][2026])
        capaian, predikat = _capaian(value, target)
        out[code] = (value, capaian, predikat, num, den, bad, zero, over)
    bad = sums["_bad_IKU-7"].to_numpy() > 0
    value = np.where(bad, np.nan, ipp_mean)
    target = np.where(first, targets["IKU-7"][2025], targets["IKU-7"][2026])
    out["IKU-7"] = (value, *_capaian(value, target))
    return out
