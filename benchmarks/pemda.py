"""Every OPD at once: ``iku.evaluate_all`` against a loop of single-set evaluations.

A Pemda of 40 OPDs, each with 10 IKU (ratios over 20 count variables), 5 years and 100 units
(500 rows per OPD, the units summed per period as the summary does), must evaluate in seconds.
This script times, for 10, 20 and 40 OPDs:

- ``evaluate_all``: ``iku.evaluate_all({set id: frame}, targets=..., sets=...)`` (the frames
  with their ``unit`` column: it leaves the keys out itself);
- the loop: ``{s.id: iku.evaluate(s, frame_without_units, targets=..., by=[]) for s in sets}``,
  the same work written by hand (what a user would do without ``evaluate_all``);
- ``summary()``: the Pemda summary of the evaluations (mean capaian, predikat counts, issues),
  which the loop does not make.

Goals: ``evaluate_all`` no slower than the loop (ratio <= 1.1: it is the loop plus the checks that
keep one OPD's failure from stopping the others), and linear in OPDs (the time per OPD the same
at 10, 20 and 40); the whole, with the summary, in seconds. They run interleaved (evaluate_all,
loop, summary, then the other way round, ...) after a warm-up that compiles every set's
kernels, and each figure is the median of the repeats, in wall-clock and in CPU time of the
calling thread (on a shared machine the second is what the code costs).

    python benchmarks/pemda.py              # 10, 20, 40 OPDs, 7 repeats
    python benchmarks/pemda.py --quick      # 10 and 20 OPDs, 3 repeats: a smoke run
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

import iku
from iku import IndicatorSet, Ratio, Sasaran, Variable

INDICATORS = 10
VARIABLES = 20
YEARS = (2025, 2026, 2027, 2028, 2029)
UNITS = 100


def opd_set(k: int) -> IndicatorSet:
    """OPD ``k``'s set: 10 ratios over 20 count variables, in 5 sasaran."""
    variables = [Variable(f"v{i}", f"variabel {i}") for i in range(VARIABLES)]
    indicators = [
        Ratio(f"IKU-{i + 1}", f"indikator {i + 1}", variables[2 * i], variables[2 * i + 1])
        for i in range(INDICATORS)
    ]
    sasaran = [
        Sasaran(f"S-{n + 1}", f"sasaran {n + 1}", indicators[2 * n : 2 * n + 2]) for n in range(5)
    ]
    return IndicatorSet(
        f"kota-x.opd{k}.2025-2029", f"IKU OPD {k}", f"OPD {k}", YEARS, sasaran, variables
    )


def opd_data(k: int) -> pd.DataFrame:
    """500 rows: 100 units x 5 years; each numerator below its denominator."""
    rng = np.random.default_rng(k)
    rows = UNITS * len(YEARS)
    frame: dict[str, Any] = {
        "unit": np.repeat([f"u{u}" for u in range(UNITS)], len(YEARS)),
        "period": np.tile(YEARS, UNITS),
    }
    for i in range(INDICATORS):
        den = rng.integers(50, 200, rows).astype(np.float64)
        frame[f"v{2 * i}"] = np.floor(den * rng.uniform(0.5, 1.0, rows))
        frame[f"v{2 * i + 1}"] = den
    return pd.DataFrame(frame)


def targets() -> dict[str, dict[int, float]]:
    return {f"IKU-{i + 1}": dict.fromkeys(YEARS, 75.0) for i in range(INDICATORS)}


def timed(calls: dict[str, Callable[[], Any]], repeats: int) -> dict[str, tuple[float, float]]:
    """The median wall-clock and CPU seconds of each call, run interleaved (the order flips
    every repeat, so neither always runs on a warmer cache)."""
    wall: dict[str, list[float]] = {name: [] for name in calls}
    cpu: dict[str, list[float]] = {name: [] for name in calls}
    names = list(calls)
    for n in range(repeats):
        for name in names if n % 2 == 0 else reversed(names):
            start, start_cpu = time.perf_counter(), time.thread_time()
            calls[name]()
            cpu[name].append(time.thread_time() - start_cpu)
            wall[name].append(time.perf_counter() - start)
    return {name: (statistics.median(wall[name]), statistics.median(cpu[name])) for name in calls}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeats", type=int, default=None)
    args = parser.parse_args()
    counts = (10, 20) if args.quick else (10, 20, 40)
    repeats = args.repeats or (3 if args.quick else 7)
    everything = max(counts)
    sets = [opd_set(k) for k in range(everything)]
    frames = [opd_data(k) for k in range(everything)]
    bare = [frame.drop(columns=["unit"]) for frame in frames]
    goal = targets()
    for s, frame in zip(sets, bare, strict=True):  # compile every set's kernels once
        iku.evaluate(s, frame, targets=goal, by=[])
    rows = INDICATORS * len(YEARS) * UNITS
    print(
        f"{INDICATORS} IKU x {len(YEARS)} years x {UNITS} units per OPD "
        f"({UNITS * len(YEARS)} rows, {rows} indicator-rows); median of {repeats}, interleaved"
    )
    heads = ("OPDs", "evaluate_all", "loop", "ratio", "per OPD", "CPU ratio", "CPU/OPD", "summary")
    widths = (5, 14, 10, 6, 9, 9, 9, 11)
    print(" ".join(h.rjust(w) for h, w in zip(heads, widths, strict=True)))
    per_opd = []
    for count in counts:
        chosen = sets[:count]

        def everyone(chosen: list[IndicatorSet] = chosen) -> Any:
            pemda = iku.evaluate_all(
                {s.id: frames[k] for k, s in enumerate(chosen)},
                targets={s.id: goal for s in chosen},
                sets=chosen,
            )
            assert not pemda.failures
            return pemda

        def loop(chosen: list[IndicatorSet] = chosen) -> Any:
            return {
                s.id: iku.evaluate(s, bare[k], targets=goal, by=[]) for k, s in enumerate(chosen)
            }

        everyone()  # the first call imports the modules of evaluate_all
        made = everyone()
        found = timed(
            {
                "evaluate_all": everyone,
                "loop": loop,
                "summary": lambda made=made: iku.Pemda(made.sets, made.evaluations, {}).summary(),
            },
            repeats,
        )
        (all_wall, all_cpu), (loop_wall, loop_cpu) = found["evaluate_all"], found["loop"]
        summary_wall = found["summary"][0]
        per_opd.append(all_cpu / count)
        print(
            f"{count:>5} {all_wall * 1000:>11.1f} ms {loop_wall * 1000:>7.1f} ms "
            f"{all_wall / loop_wall:>6.2f} {all_wall / count * 1000:>6.2f} ms "
            f"{all_cpu / loop_cpu:>9.2f} {all_cpu / count * 1000:>6.2f} ms "
            f"{summary_wall * 1000:>8.1f} ms"
        )
    spread = max(per_opd) / min(per_opd)
    print(f"CPU time per OPD, largest / smallest: {spread:.2f} (linear: close to 1)")


if __name__ == "__main__":
    main()
