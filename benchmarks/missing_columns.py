"""Issues and memory of a table missing most of its columns (issue 8).

The built-in set reads thirteen variables; the table here has only two of them, on 200,000 rows
(``--rows``). A missing column is one issue about the data, not one per row, so the evaluation
should report 11 issues and take memory proportional to the input, however many rows there are.
The first version made 2.2 million Issue objects (about 2 GB) for this table.

    python benchmarks/missing_columns.py
    python benchmarks/missing_columns.py --rows 1000000

It prints the number of issues, the time of ``evaluate`` + ``ev.issues`` (and of ``to_frame()``),
and the peak of memory allocated by Python and numpy while doing it (``tracemalloc``) next to the
size of the input table.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc

import numpy as np
import pandas as pd

import iku

SET_ID = "kota-madiun.dinsosppa.2025-2026"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    args = parser.parse_args()
    s = iku.get_set(SET_ID)
    rng = np.random.default_rng(1)
    n = args.rows
    data = pd.DataFrame(
        {
            "kelurahan": rng.choice(["Taman", "Kuncen", "Klegen"], n),
            "period": rng.choice([2025, 2026], n),
            "psks": rng.integers(40, 60, n),
            "psks_diberdayakan": rng.integers(0, 40, n),
        }
    )
    size = int(data.memory_usage(deep=True).sum())
    targets = {code: {2025: 80, 2026: 85} for code in s.codes}
    iku.evaluate(s, data.head(10), targets=targets)  # compile the kernels
    tracemalloc.start()
    start = time.perf_counter()
    ev = iku.evaluate(s, data, targets=targets)
    issues = ev.issues
    evaluated = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    start = time.perf_counter()
    frame = ev.to_frame()
    framed = time.perf_counter() - start
    _, frame_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    variables = len(s.variables)
    print(f"{n:,} rows with 2 of the set's {variables} variables; input {size / 1e6:.1f} MB")
    print(f"  issues: {len(issues)} ({', '.join(sorted({str(i.code) for i in issues}))})")
    print(
        f"  evaluate + ev.issues: {evaluated:.3f} s, peak {peak / 1e6:.1f} MB "
        f"({peak / size:.1f}x the input)"
    )
    print(
        f"  to_frame ({len(frame):,} rows): {framed:.3f} s, peak {frame_peak / 1e6:.1f} MB "
        f"({frame_peak / size:.1f}x the input)"
    )


if __name__ == "__main__":
    main()
