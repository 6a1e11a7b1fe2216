"""Benchmarks of iku.evaluate against hand-written code doing the same work (baselines.py).

    python benchmarks/run.py            # 1,000,000 rows
    python benchmarks/run.py --quick    # 100,000 rows, fewer repeats: a smoke run

Measured in one run, each as the ratio iku / hand-written (lower is better):

- one unit, the whole Madiun set, a mapping: ``evaluate(...).results`` against a pure-Python
  function (goal: at most 5);
- a table of N rows (dict of numpy arrays, and a pandas DataFrame), the whole set, a period
  column with per-year targets: ``evaluate`` against hand-written numpy (goal: at most 1.5);
- the same rows grouped into 1,000 units (``by="unit"``, per period) against pandas
  ``groupby().sum()`` plus numpy (goal: at most 1.2);
- ``import iku`` against ``import sympy``, each in fresh interpreters (goal: at most 1.3).

Timings are the best of several runs (the least disturbed by the machine), after a warm-up run
that also compiles iku's kernels. The data has a few problems in it (0.1 % of cells missing,
negative, zero or with a numerator above its denominator), so the checks find something.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

import baselines

import iku

SET_ID = "kota-madiun.dinsosppa.2025-2026"
TARGETS = {code: {2025: 80.0, 2026: 85.0} for code in [r[0] for r in baselines.RATIOS]}
TARGETS["IKU-7"] = {2025: 4.0, 2026: 4.2}
UNIT = {
    "pmks_dilindungi": 412,
    "pmks_perlu_perlindungan": 515,
    "psks_diberdayakan": 45,
    "psks": 50,
    "pmks_direhabilitasi": 30,
    "pmks_perlu_rehabilitasi": 40,
    "perempuan_pengambil_keputusan": 1210,
    "perempuan_usia_produktif": 61034,
    "keluarga_berkualitas": 25012,
    "keluarga_disurvei": 31005,
    "pengaduan_diselesaikan": 47,
    "pengaduan": 52,
    "ipp": 4.12,
}


def table_data(rows: int, units: int, seed: int = 2025) -> dict[str, np.ndarray]:
    """``rows`` rows of every variable, a ``unit`` key (``units`` of them) and a period."""
    rng = np.random.default_rng(seed)
    columns: dict[str, np.ndarray] = {
        "unit": rng.integers(0, units, rows),
        "period": rng.choice(np.array([2025, 2026]), rows),
    }
    for _, num, den in baselines.RATIOS:
        denominator = rng.integers(50, 1000, rows).astype(np.float64)
        numerator = np.floor(denominator * rng.random(rows))
        columns[num], columns[den] = numerator, denominator
    columns["ipp"] = np.round(rng.random(rows) * 5, 2)
    for name in baselines.COUNTS:  # a few problems: 0.1 % missing, negative, zero, over
        column = columns[name]
        picked = rng.random(rows)
        column[picked < 0.001] = np.nan
        column[(picked >= 0.001) & (picked < 0.002)] = -1
        if name.startswith(("psks", "pengaduan")):
            column[(picked >= 0.002) & (picked < 0.003)] = 0 if name == "psks" else 10_000
    return columns


def best(fn: Callable[[], Any], repeat: int, number: int = 1) -> float:
    """Best time of ``repeat`` runs of ``number`` calls, in seconds per call."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def import_times(modules: tuple[str, ...], repeat: int) -> list[float]:
    """Median wall time of ``python -c "import <module>"`` in fresh interpreters, per module.

    The modules take turns, so a change in the machine's load weighs on each alike.
    """
    times: dict[str, list[float]] = {module: [] for module in modules}
    for _ in range(repeat):
        for module in modules:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
            times[module].append(time.perf_counter() - start)
    return [statistics.median(times[module]) for module in modules]


def check_agreement(s: iku.IndicatorSet, columns: dict[str, np.ndarray]) -> None:
    """iku and the baselines give the same values (so both do the same work)."""
    ev = iku.evaluate(s, columns, targets=TARGETS)
    hand = baselines.table(columns, TARGETS)
    for code, parts in hand.items():
        ours = ev._table.indicators[s.codes.index(code)]  # the columns behind ev.to_frame()
        np.testing.assert_array_equal(ours.value, parts[0])
        ascending = np.where(ours.category >= 0, 4 - ours.category, -1)  # iku: highest first
        np.testing.assert_array_equal(ascending, parts[2])
    grouped = iku.evaluate(s, pd.DataFrame(columns), targets=TARGETS, by="unit")
    hand = baselines.grouped(pd.DataFrame(columns), TARGETS, "unit")
    for code, parts in hand.items():
        ours = grouped._table.indicators[s.codes.index(code)]
        np.testing.assert_allclose(ours.value, parts[0], rtol=1e-12, equal_nan=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="100,000 rows, fewer repeats")
    parser.add_argument("--rows", type=int, help="rows of the table benchmarks")
    args = parser.parse_args(argv)
    rows = args.rows or (100_000 if args.quick else 1_000_000)
    repeat = 3 if args.quick else 7
    s = iku.get_set(SET_ID)
    columns = table_data(rows, 1000)
    frame = pd.DataFrame(columns)
    check_agreement(s, table_data(20_000, 100, seed=7))

    lines: list[tuple[str, float, float, float]] = []

    def measure(
        name: str, ours: Callable[[], Any], theirs: Callable[[], Any], goal: float, number: int = 1
    ) -> None:
        a, b = best(ours, repeat, number), best(theirs, repeat, number)
        lines.append((name, a, b, goal))

    measure(
        "one unit, whole set (mapping)",
        lambda: iku.evaluate(s, UNIT, targets=TARGETS, period=2025).results,
        lambda: baselines.unit(UNIT, TARGETS, 2025),
        5.0,
        number=2000,
    )
    measure(
        f"{rows:,} rows, whole set (dict of numpy)",
        lambda: iku.evaluate(s, columns, targets=TARGETS),
        lambda: baselines.table(columns, TARGETS),
        1.5,
    )
    measure(
        f"{rows:,} rows, whole set (pandas)",
        lambda: iku.evaluate(s, frame, targets=TARGETS),
        lambda: baselines.pandas_table(frame, TARGETS),
        1.5,
    )
    measure(
        f"{rows:,} rows by 1,000 units x 2 periods (pandas)",
        lambda: iku.evaluate(s, frame, targets=TARGETS, by="unit"),
        lambda: baselines.grouped(frame, TARGETS, "unit"),
        1.2,
    )
    runs = 5 if args.quick else 15
    lines.append(("import iku vs import sympy", *import_times(("iku", "sympy"), runs), 1.3))

    print(
        f"iku {iku.__version__}, Python {platform.python_version()}, numpy {np.__version__}, "
        f"pandas {pd.__version__}, {platform.machine()} ({platform.system()})"
    )
    header = f"{'benchmark':<52} {'iku':>10} {'hand-written':>13} {'ratio':>6} {'goal':>7}"
    print(header)
    print("-" * len(header))
    for name, a, b, goal in lines:
        mark = "ok" if a / b <= goal else "MISSED"
        ratio = f"{a / b:.2f}"
        print(f"{name:<52} {_time(a):>10} {_time(b):>13} {ratio:>6} {'<= ' + str(goal):>7} {mark}")
    return 0


def _time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} us"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


if __name__ == "__main__":
    sys.exit(main())
