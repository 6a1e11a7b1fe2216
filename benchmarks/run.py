"""Benchmarks of iku against hand-written code doing the same work (baselines.py).

    python benchmarks/run.py                 # 1,000,000 rows
    python benchmarks/run.py --quick         # 100,000 rows, fewer repeats: a smoke run
    python benchmarks/run.py --end-to-end-rows 10000000 --only end-to-end --only memory

Measured in one run, each as the ratio iku / hand-written (lower is better):

- one unit, the whole Madiun set, a mapping: ``evaluate(...).results`` against a pure-Python
  function (goal: at most 5);
- a table of N rows (dict of numpy arrays, and a pandas DataFrame), the whole set, a period
  column with per-year targets: ``evaluate`` against hand-written numpy (goal: at most 1.5);
- the same rows grouped into 1,000 units (``by="unit"``, per period) against hand-written
  numpy that checks each row, then sums with ``numpy.bincount`` (goal: at most 1.2);
- end to end, a polars frame of N rows to a file: ``evaluate`` then ``to_frame()`` and
  polars' ``write_parquet`` (goal 1.2), ``to_parquet()`` (goal 1.2) and ``to_csv()`` (goal 1.5)
  against a hand-written polars pipeline with the same checks and the same long output (issue
  codes as a list column; joined by ``;`` in CSV);
- the peak memory of the Parquet pipelines, each side in a fresh interpreter (goal 1.5);
- ``import iku`` against ``import sympy``, each in fresh interpreters (goal: at most 1.3).

The two sides take turns, run after run (which goes first alternating), after a warm-up run
of each that also compiles iku's kernels; each line reports the median time of each side and
the median of the paired ratios, so that a busy moment of the machine weighs on both alike.
The data has a few problems in it (0.1 % of cells missing, negative, zero or with a numerator
above its denominator), so the checks find something. Before timing, the script checks on
20,000 rows that iku and the hand-written code give the same results.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
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
TARGETS = baselines.TARGETS
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


table_data = baselines.table_data
polars_frame = baselines.polars_frame


def interleaved(
    ours: Callable[[], Any], theirs: Callable[[], Any], repeat: int, number: int = 1
) -> tuple[float, float, float]:
    """Median times (seconds per call) of ``repeat`` runs of ``number`` calls of each, and the
    median of the ratios of the runs paired in turn. The two take turns (which goes first
    alternating), after one warm-up call of each, so a change in the machine's load weighs on
    both alike, and the median of paired ratios is what a busy moment disturbs least."""
    ours()
    theirs()
    times: tuple[list[float], list[float]] = ([], [])
    for round_ in range(repeat):
        pair = ((0, ours), (1, theirs)) if round_ % 2 == 0 else ((1, theirs), (0, ours))
        for side, fn in pair:
            start = time.perf_counter()
            for _ in range(number):
                fn()
            times[side].append((time.perf_counter() - start) / number)
    ratios = [a / b for a, b in zip(*times, strict=True)]
    return statistics.median(times[0]), statistics.median(times[1]), statistics.median(ratios)


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
    hand = baselines.grouped_bincount(pd.DataFrame(columns), TARGETS, "unit")
    for code, parts in hand.items():
        ours = grouped._table.indicators[s.codes.index(code)]
        np.testing.assert_allclose(ours.value, parts[0], rtol=1e-12, equal_nan=True)


def check_long_agreement(s: iku.IndicatorSet, frame: Any) -> None:
    """``evaluate(...).to_frame()`` equals the hand-written polars frame, row for row (once
    the baseline's rows, indicator after indicator, are put row after row)."""
    from polars.testing import assert_frame_equal

    ours = iku.evaluate(s, frame, targets=TARGETS).to_frame()
    theirs = baselines.polars_long(frame, TARGETS, "unit")
    n, k = frame.height, len(s.codes)
    position = np.arange(n * k)
    theirs = theirs[(position % k) * n + position // k]
    assert_frame_equal(ours, theirs)


def end_to_end(s: iku.IndicatorSet, frame: Any, folder: Path, which: str) -> None:
    """One run of an end-to-end pipeline: ``frame`` evaluated and written to a file."""
    ours, _, kind = which.partition("-")
    path = folder / f"{which}.{'csv' if kind == 'csv' else 'parquet'}"
    if ours == "iku":
        ev = iku.evaluate(s, frame, targets=TARGETS)
        if kind == "to_frame":
            ev.to_frame().write_parquet(path)
        elif kind == "parquet":
            ev.to_parquet(path)
        else:
            ev.to_csv(path)
    elif kind == "csv":
        baselines.polars_csv(frame, TARGETS, "unit", path)
    else:
        baselines.polars_parquet(frame, TARGETS, "unit", path)


def peak_memory(which: str, rows: int) -> int:
    """Peak resident memory (bytes) of a fresh interpreter that makes the table of ``rows``
    rows as a polars frame and runs the pipeline ``which`` on it once, importing only what
    that side needs (the hand-written side imports neither iku nor pandas)."""
    here = str(Path(__file__).resolve().parent)
    if which.startswith("iku"):
        write = (
            "ev.to_frame().write_parquet(path)"
            if which == "iku-to_frame"
            else "ev.to_parquet(path)"
        )
        work = (
            "import iku\n"
            f"ev = iku.evaluate(iku.get_set({SET_ID!r}), frame, targets=baselines.TARGETS)\n"
            f"{write}\n"
        )
    else:
        work = "baselines.polars_parquet(frame, baselines.TARGETS, 'unit', path)\n"
    code = (
        "import os, sys, tempfile\n"
        f"sys.path.insert(0, {here!r})\n"
        "import baselines\n"
        f"frame = baselines.polars_frame({rows})\n"
        "folder = tempfile.mkdtemp()\n"
        "path = os.path.join(folder, 'out.parquet')\n"
        f"{work}"
        "os.remove(path)\n"
        "os.rmdir(folder)\n"
        # VmHWM: the high-water mark of this program's memory (ru_maxrss would count the
        # parent's, which fork and exec carry over)
        "print([line for line in open('/proc/self/status') if line.startswith('VmHWM')][0])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return int(done.stdout.split()[-2]) * 1024  # "VmHWM:  123456 kB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="100,000 rows, fewer repeats")
    parser.add_argument("--rows", type=int, help="rows of the table benchmarks")
    parser.add_argument(
        "--end-to-end-rows", type=int, help="rows of the end-to-end benchmarks (default: --rows)"
    )
    parser.add_argument(
        "--only",
        choices=["evaluate", "end-to-end", "memory", "import"],
        action="append",
        help="run only these parts (repeatable)",
    )
    args = parser.parse_args(argv)
    rows = args.rows or (100_000 if args.quick else 1_000_000)
    long_rows = args.end_to_end_rows or rows
    repeat = 5 if args.quick else 11
    parts = set(args.only or ["evaluate", "end-to-end", "memory", "import"])
    s = iku.get_set(SET_ID)

    lines: list[tuple[str, float, float, float, float, str]] = []

    def measure(
        name: str,
        ours: Callable[[], Any],
        theirs: Callable[[], Any],
        goal: float,
        number: int = 1,
        runs: int = repeat,
    ) -> None:
        a, b, ratio = interleaved(ours, theirs, runs, number)
        lines.append((name, a, b, ratio, goal, "time"))

    if "evaluate" in parts:
        columns = table_data(rows, 1000)
        frame = pd.DataFrame(columns)
        check_agreement(s, table_data(20_000, 100, seed=7))
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
            lambda: baselines.grouped_bincount(frame, TARGETS, "unit"),
            1.2,
        )
        del columns, frame
    if "end-to-end" in parts:
        check_long_agreement(s, polars_frame(20_000))
        frame = polars_frame(long_rows)
        runs = 3 if args.quick else 5
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)

            def run(which: str) -> Callable[[], None]:
                return lambda: end_to_end(s, frame, folder, which)

            label = f"{long_rows:,} rows to"
            measure(
                f"{label} to_frame + Parquet",
                run("iku-to_frame"),
                run("polars-parquet"),
                1.2,
                runs=runs,
            )
            measure(
                f"{label} to_parquet", run("iku-parquet"), run("polars-parquet"), 1.2, runs=runs
            )
            measure(f"{label} to_csv", run("iku-csv"), run("polars-csv"), 1.5, runs=runs)
        del frame
    if "memory" in parts:
        for label, which in (("to_parquet", "iku-parquet"), ("to_frame + Parquet", "iku-to_frame")):
            ours, theirs = [], []
            for _ in range(1 if args.quick else 3):
                ours.append(peak_memory(which, long_rows))
                theirs.append(peak_memory("polars-parquet", long_rows))
            a, b = statistics.median(ours), statistics.median(theirs)
            name = f"{long_rows:,} rows {label}, peak memory"
            lines.append((name, a, b, a / b, 1.5, "bytes"))
    if "import" in parts:
        runs = 5 if args.quick else 15
        a, b = import_times(("iku", "sympy"), runs)
        lines.append(("import iku vs import sympy", a, b, a / b, 1.3, "time"))

    print(
        f"iku {iku.__version__}, Python {platform.python_version()}, numpy {np.__version__}, "
        f"pandas {pd.__version__}, {_versions()}{platform.machine()} ({platform.system()})"
    )
    header = f"{'benchmark':<52} {'iku':>10} {'hand-written':>13} {'ratio':>6} {'goal':>7}"
    print(header)
    print("-" * len(header))
    for name, a, b, ratio, goal, unit in lines:
        mark = "ok" if ratio <= goal else "MISSED"
        shown = (_time(a), _time(b)) if unit == "time" else (_bytes(a), _bytes(b))
        print(
            f"{name:<52} {shown[0]:>10} {shown[1]:>13} {ratio:>6.2f} {'<= ' + str(goal):>7} {mark}"
        )
    return 0


def _versions() -> str:
    found = ""
    for name in ("polars", "pyarrow"):
        try:
            module = __import__(name)
        except ImportError:
            continue
        found += f"{name} {module.__version__}, "
    return found


def _time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} us"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def _bytes(size: float) -> str:
    return f"{size / 2**20:,.0f} MiB"


if __name__ == "__main__":
    sys.exit(main())
