"""Benchmark of iku.monitor against a hand-written pandas groupby/cumsum doing the same work.

    python benchmarks/monitor.py            # 250,000 units x 4 quarters = 1,000,000 rows
    python benchmarks/monitor.py --quick    # 25,000 units, fewer repeats: a smoke run

Both sides take the same pandas DataFrame (a ``unit`` key, a ``period`` column of quarters as
text, ``"2025-Q1"`` ... ``"2025-Q4"``, the Madiun set's twelve counts and the IPP) and do the same
work: read the periods; check every cell (missing, not finite, negative, not whole, the IPP's
scale) before it is added; check that no unit skips a quarter; form each unit's year to date
per quarter (flows added up, stocks and the IPP at their last value, a bad cell spoiling a flow
from its quarter on); the ratios with their zero-denominator and numerator-above-denominator
checks; the capaian and predikat against the year's target, the capaian against the quarter's
cumulative target (IKU-1), the year-end projection (flows at their run rate) with its capaian and
predikat, and the realisasi still needed. Neither side makes messages (iku makes them when they
are asked for).

The two sides run interleaved (iku, hand-written, iku, ...) after a warm-up, and the medians are
compared, of the wall-clock time and of the process's CPU time (the fairer one on a machine
shared with other work); before timing, both are checked to give the same values on 20,000
units.
"""

from __future__ import annotations

import argparse
import math
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

import baselines

import iku

SET_ID = "kota-madiun.dinsosppa.2025-2026"
FLOWS = (
    "pmks_dilindungi",
    "psks_diberdayakan",
    "pmks_direhabilitasi",
    "keluarga_berkualitas",
    "keluarga_disurvei",
    "pengaduan_diselesaikan",
    "pengaduan",
)
STOCKS = (
    "pmks_perlu_perlindungan",
    "psks",
    "pmks_perlu_rehabilitasi",
    "perempuan_pengambil_keputusan",
    "perempuan_usia_produktif",
)
TARGETS: dict[str, Any] = {code: 80.0 for code, _, _ in baselines.RATIOS}
TARGETS["IKU-7"] = 4.0
TARGETS["IKU-1"] = {2025: 80.0, "2025-Q1": 20.0, "2025-Q2": 40.0, "2025-Q3": 60.0, "2025-Q4": 80.0}
PART_TARGETS = np.array([math.nan, 20.0, 40.0, 60.0, 80.0])  # IKU-1, by quarter


def data(units: int, seed: int = 2025) -> pd.DataFrame:
    """``units`` units with four quarters each; 0.1 % of the count cells missing or negative."""
    rng = np.random.default_rng(seed)
    n = units * 4
    columns: dict[str, Any] = {
        "unit": np.repeat(np.arange(units), 4),
        "period": np.tile(np.array(["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]), units),
    }
    for _, num, den in baselines.RATIOS:
        stock = np.repeat(rng.integers(200, 2000, units), 4).astype(np.float64)
        if den in STOCKS:
            columns[den] = stock
            columns[num] = np.floor(stock * rng.random(n) / 5)  # a flow: a share each quarter
        else:  # two flows
            columns[den] = np.floor(stock / 4)
            columns[num] = np.floor(columns[den] * rng.random(n))
    columns["ipp"] = np.round(rng.random(n) * 5, 2)
    for name in baselines.COUNTS:
        column = columns[name]
        picked = rng.random(n)
        column[picked < 0.001] = np.nan
        column[(picked >= 0.001) & (picked < 0.002)] = -1
    return pd.DataFrame(columns)


def run_iku(frame: pd.DataFrame, s: iku.IndicatorSet) -> Any:
    m = iku.monitor(s, frame, year=2025, targets=TARGETS)
    return m, m.ok


def _bands(x: np.ndarray) -> np.ndarray:
    """The predikat band (0 Sangat Tinggi ... 4 Sangat Rendah), -1 where x is NaN."""
    band = 4 - (np.searchsorted(baselines.PREDIKAT_CUTS, x, side="right") - 1)
    return np.where(np.isnan(x), -1, band)


def run_pandas(frame: pd.DataFrame) -> dict[str, dict[str, np.ndarray]]:
    """The hand-written monitoring: pandas groupby/cumsum and numpy."""
    codes, uniques = pd.factorize(frame["period"])
    index = {"2025-Q1": 1, "2025-Q2": 2, "2025-Q3": 3, "2025-Q4": 4}
    part = np.array([index.get(u, 0) for u in uniques])[codes]
    keep = part > 0
    work = frame.loc[keep, ["unit"]].copy()
    work["part"] = part[keep]
    order = np.lexsort((work["part"].to_numpy(), work["unit"].to_numpy()))
    work = work.iloc[order]
    rows = frame.index.to_numpy()[keep][order]
    grouped = work.groupby("unit", sort=False)
    gap = work["part"].to_numpy() != grouped.cumcount().to_numpy() + 1
    spoiled_by_gap = pd.Series(gap, index=work.index).groupby(work["unit"]).cummax().to_numpy()
    ytd: dict[str, np.ndarray] = {}
    projected: dict[str, np.ndarray] = {}
    part_of = work["part"].to_numpy().astype(np.float64)
    for name in (*FLOWS, *STOCKS, "ipp"):
        raw = frame[name].to_numpy(dtype=np.float64)[rows]
        with np.errstate(invalid="ignore"):
            bad = ~np.isfinite(raw) | (raw < 0)
            if name == "ipp":
                bad |= raw > 5
            else:
                bad |= raw != np.floor(raw)
        if name in FLOWS:
            clean = pd.Series(np.where(bad, 0.0, raw), index=work.index)
            total = clean.groupby(work["unit"]).cumsum().to_numpy()
            spoiled = pd.Series(bad, index=work.index).groupby(work["unit"]).cummax().to_numpy()
            value = np.where(spoiled | spoiled_by_gap, np.nan, total)
            ytd[name] = value
            projected[name] = value * 4 / part_of
        else:
            value = np.where(bad | gap, np.nan, raw)
            ytd[name] = value
            projected[name] = value
    out: dict[str, dict[str, np.ndarray]] = {}
    for code, num, den in baselines.RATIOS:
        target = 80.0
        n, d = ytd[num], ytd[den]
        with np.errstate(divide="ignore", invalid="ignore"):
            error = np.isnan(n) | np.isnan(d) | (d == 0) | (n > d)
            value = np.where(error, np.nan, n / d * 100)
            achievement = value / target * 100
            pn, pd_ = projected[num], projected[den]
            perror = np.isnan(pn) | np.isnan(pd_) | (pd_ == 0) | (pn > pd_)
            pvalue = np.where(perror, np.nan, pn / pd_ * 100)
            pach = pvalue / target * 100
            still = np.ceil(target * pd_ / 100 - n - 1e-9)
            needed = np.where(np.isnan(still) | np.isnan(value), np.nan, np.maximum(still, 0))
        result = {
            "value": value,
            "achievement": achievement,
            "category": _bands(achievement),
            "projected_value": pvalue,
            "projected_achievement": pach,
            "projected_category": _bands(pach),
            "needed": needed,
        }
        if code == "IKU-1":
            result["period_achievement"] = value / PART_TARGETS[work["part"].to_numpy()] * 100
        out[code] = result
    ipp = ytd["ipp"]
    out["IKU-7"] = {
        "value": ipp,
        "achievement": ipp / 4.0 * 100,
        "category": _bands(ipp / 4.0 * 100),
        "needed": np.where(np.isnan(ipp), np.nan, np.maximum(4.0 - ipp, 0)),
    }
    return out


def check(units: int, s: iku.IndicatorSet) -> None:
    """iku and the hand-written code agree on ``units`` units."""
    frame = data(units, seed=7)
    m, _ = run_iku(frame, s)
    mine = m.to_frame()
    theirs = run_pandas(frame)
    labels = ["Sangat Tinggi", "Tinggi", "Sedang", "Rendah", "Sangat Rendah"]
    for code, columns in theirs.items():
        rows = mine[mine["indicator"] == code]
        for name, expected in columns.items():
            got = rows[name].to_numpy()
            if name.endswith("category"):
                got_bands = np.array([labels.index(x) if isinstance(x, str) else -1 for x in got])
                assert (got_bands == expected).all(), (code, name)
            else:
                assert np.allclose(got.astype(np.float64), expected, rtol=1e-12, equal_nan=True), (
                    code,
                    name,
                )


def measure(units: int, repeats: int) -> None:
    s = iku.get_set(SET_ID)
    frame = data(units)
    run_iku(frame, s)  # warm-up: kernels compiled
    run_pandas(frame)
    mine: list[tuple[float, float]] = []
    theirs: list[tuple[float, float]] = []
    for _ in range(repeats):
        for side, run in ((mine, lambda: run_iku(frame, s)), (theirs, lambda: run_pandas(frame))):
            wall, cpu = time.perf_counter(), time.process_time()
            run()
            side.append((time.perf_counter() - wall, time.process_time() - cpu))
    print(f"rows: {len(frame):,} ({units:,} units x 4 quarters)")
    for what, index in (("wall", 0), ("cpu", 1)):
        a = statistics.median(x[index] for x in mine)
        b = statistics.median(x[index] for x in theirs)
        print(f"{what:>4}: iku.monitor median {a:.3f} s, pandas by hand median {b:.3f} s")
        print(f"      ratio iku / hand-written: {a / b:.2f} (goal: at most 1.5)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="25,000 units, 3 repeats")
    parser.add_argument("--units", type=int, default=None, help="units (each with 4 quarters)")
    args = parser.parse_args()
    units = args.units or (25_000 if args.quick else 250_000)
    repeats = 3 if args.quick else 5
    print(f"python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}")
    check(5_000 if args.quick else 20_000, iku.get_set(SET_ID))
    print("check: iku and the hand-written code agree")
    measure(units, repeats)


if __name__ == "__main__":
    main()
