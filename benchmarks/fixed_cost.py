"""The fixed cost of evaluating an indicator: many indicators on a few rows.

A table evaluation costs a little per row and a little per indicator. On a few rows only the
second is left: this script evaluates a set of 1,000 ratio indicators (over a handful of shared
variables) on 10 rows, and reports the time per indicator per call (goal: under 10 µs). The
one-unit path (a mapping) is timed too, for comparison.

    python benchmarks/fixed_cost.py                # 1,000 indicators, 10 rows
    python benchmarks/fixed_cost.py --indicators 200 --rows 100

Times are the median of the repeats, after a warm-up call that compiles the kernels (once per
indicator per process), both as wall-clock time and as the CPU time of the calling thread: on a
shared machine the second is what the code costs, the first adds the waits for a core.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np

import iku
from iku import IndicatorSet, Ratio, Sasaran, Variable

GOAL_US = 10.0


def indicator_set(count: int) -> IndicatorSet:
    """``count`` ratio indicators, each over two of eight count variables."""
    variables = [
        Variable(f"v{i}", f"variabel {i}", kind="count", aggregation="sum") for i in range(8)
    ]
    indicators = [
        Ratio(f"IKU-{i + 1}", f"indikator {i + 1}", variables[i % 8], variables[(i + 1) % 8])
        for i in range(count)
    ]
    sasaran = Sasaran("S-1", "sasaran", indicators)
    return IndicatorSet(
        "kota-contoh.dinas.2025-2026", "set", "dinas", (2025, 2026), [sasaran], variables
    )


def timed(call: Callable[[], Any], repeats: int) -> tuple[float, float]:
    """The median wall-clock and CPU time of ``repeats`` calls, in seconds."""
    wall, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.thread_time()
        call()
        cpu.append(time.thread_time() - start_cpu)
        wall.append(time.perf_counter() - start)
    return statistics.median(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indicators", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    s = indicator_set(args.indicators)
    rng = np.random.default_rng(1)
    table = {f"v{i}": rng.integers(50, 100, args.rows).astype(np.float64) for i in range(8)}
    table["period"] = np.full(args.rows, 2025)
    targets = dict.fromkeys(s.codes, 80.0)
    unit = {f"v{i}": 60 + i for i in range(8)}
    iku.evaluate(s, table, targets=targets)  # compile the kernels
    iku.evaluate(s, unit, targets=targets, period=2025)
    cases = {
        "table": lambda: iku.evaluate(s, table, targets=targets),
        "table by=[]": lambda: iku.evaluate(s, table, targets=targets, by=[]),
        "one unit": lambda: iku.evaluate(s, unit, targets=targets, period=2025).results,
    }
    print(f"{args.indicators} indicators x {args.rows} rows (median of {args.repeats})")
    for name, call in cases.items():
        call()
        wall, cpu = timed(call, args.repeats)
        per_wall, per_cpu = (t / args.indicators * 1e6 for t in (wall, cpu))
        print(
            f"  {name:12} {wall * 1e3:8.2f} ms per call: {per_wall:6.2f} µs per indicator "
            f"({per_cpu:6.2f} µs of CPU)"
        )
        if name == "table":
            verdict = "ok" if per_cpu < GOAL_US else "over"
            table_line = f"  goal: under {GOAL_US:.0f} µs of CPU per indicator (table): {verdict}"
    print(table_line)


if __name__ == "__main__":
    main()
