"""Benchmarks of iku's file readers against pandas, as the command line uses them (issue 12).

    python benchmarks/readers.py                  # 1,000,000 rows
    python benchmarks/readers.py --rows 200000    # a smoke run
    python benchmarks/readers.py --big            # and a 10,000,000-row CSV through `iku`

A CSV of N rows is written once (a ``unit`` key of 1,000 kelurahan, a ``period`` of 2025 or
2026, twelve whole-number count columns with 0.1 % of their cells blank, the IPP score with two
decimals), then two sides read it, evaluate the Madiun set summed per period (``by=[]``: the
command line's default report) and lay out the same LKjIP report as text:

- **iku**: the command line's library path: ``iku.io.load_data`` (pyarrow's C reader, one number
  convention per column, every cell checked), ``iku.tables.default_grouping``, ``evaluate`` of
  the DataFile (its issues first, each row named by its place), ``build_report`` + ``to_text``;
- **pandas**: ``pandas.read_csv``, ``evaluate(frame without its key, by=[])``, the same report.

Times are medians of ``--repeat`` runs with the two sides taking turns (a busy machine weighs on
both alike); peak memory is each side's maximum resident size in a fresh interpreter (median of
three, taking turns). Goals: time within 1.5x of pandas, memory within 2x.

``--big`` also writes a 10,000,000-row CSV and runs ``iku evaluate`` on it in a fresh process:
its time and peak memory against the file's size (goal: peak memory at most 3x the file size).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SET_ID = "kota-madiun.dinsosppa.2025-2026"
COUNTS = (
    "pmks_dilindungi",
    "pmks_perlu_perlindungan",
    "psks_diberdayakan",
    "psks",
    "pmks_direhabilitasi",
    "pmks_perlu_rehabilitasi",
    "perempuan_pengambil_keputusan",
    "perempuan_usia_produktif",
    "keluarga_berkualitas",
    "keluarga_disurvei",
    "pengaduan_diselesaikan",
    "pengaduan",
)


def targets() -> dict[str, Any]:
    codes = [f"IKU-{n}" for n in range(1, 8)]
    out: dict[str, Any] = {code: {2025: 80.0, 2026: 85.0} for code in codes}
    out["IKU-7"] = {2025: 4.0, 2026: 4.2}
    return out


def _schema() -> Any:
    import pyarrow as pa

    fields = [pa.field("unit", pa.string()), pa.field("period", pa.int64())]
    fields += [pa.field(name, pa.int64()) for name in COUNTS]
    return pa.schema([*fields, pa.field("ipp", pa.float64())])


def make_csv(path: Path, rows: int, seed: int = 2025) -> Path:
    """The benchmark's CSV of ``rows`` rows (written once, by pyarrow's C writer)."""
    if path.exists():
        return path
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pacsv

    rng = np.random.default_rng(seed)
    step = 1_000_000
    part = path.with_suffix(".part")
    with pacsv.CSVWriter(part, _schema()) as writer:
        for start in range(0, rows, step):
            n = min(step, rows - start)
            units = np.char.add("kel-", rng.integers(0, 1000, n).astype(str))
            columns: dict[str, Any] = {
                "unit": pa.array(units),
                "period": pa.array(rng.choice(np.array([2025, 2026]), n)),
            }
            for pair in range(0, len(COUNTS), 2):
                denominator = rng.integers(50, 1000, n)
                numerator = np.floor(denominator * rng.random(n)).astype(np.int64)
                for name, values in zip(
                    COUNTS[pair : pair + 2], (numerator, denominator), strict=True
                ):
                    columns[name] = pa.array(values, mask=rng.random(n) < 0.001)
            columns["ipp"] = pa.array(np.round(rng.random(n) * 5, 2))
            writer.write_table(pa.table(columns, schema=_schema()))
    part.rename(path)
    return path


def run_iku(path: Path) -> str:
    """The command line's library path, reading with iku."""
    import attrs

    import iku
    from iku.io import load_data
    from iku.report import build_report, to_text
    from iku.tables import default_grouping

    s = iku.get_set(SET_ID)
    data = load_data(path, s)
    grouping = default_grouping(s, data.columns)
    data = attrs.evolve(data, columns=grouping.columns(data.columns))
    by = list(grouping.by) if grouping.by is not None else None
    ev = iku.evaluate(s, data, targets=targets(), by=by)
    return str(to_text(build_report(ev, s, lang="id"), width=120))


def run_pandas(path: Path) -> str:
    """pandas.read_csv, then the same evaluation and report."""
    import pandas as pd

    import iku
    from iku.report import build_report, to_text

    s = iku.get_set(SET_ID)
    frame = pd.read_csv(path).drop(columns=["unit"])
    ev = iku.evaluate(s, frame, targets=targets(), by=[])
    return str(to_text(build_report(ev, s, lang="id"), width=120))


SIDES = {"iku": run_iku, "pandas": run_pandas}


def _peak() -> float:
    """This process's peak resident memory in MB: VmHWM, which (unlike ``ru_maxrss``) does not
    count the parent's memory a fresh interpreter was forked from."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_memory(side: str, path: Path) -> float:
    """The peak resident memory (MB) of a fresh interpreter running one side once."""
    found = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--side", side, "--file", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(found.stdout.strip().splitlines()[-1])


def cli_run(path: Path) -> tuple[float, float]:
    """Seconds and peak memory (MB) of ``iku evaluate`` on ``path`` in a fresh process."""
    out = path.with_suffix(".report.txt")
    script = (
        "import runpy, sys\n"
        f"sys.argv = ['iku', 'evaluate', {SET_ID!r}, '--data', {str(path)!r}, '-o', {str(out)!r}]\n"
        "try:\n    runpy.run_module('iku', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        f"exec({_PEAK!r})\n"
    )
    start = time.perf_counter()
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    return seconds, float(found.stdout.strip().splitlines()[-1])


_PEAK = (
    "for line in open('/proc/self/status'):\n"
    "    if line.startswith('VmHWM:'):\n"
    "        print(int(line.split()[1]) / 1024)\n"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="iku's readers against pandas")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--big", action="store_true", help="also 10,000,000 rows through the CLI")
    parser.add_argument("--folder", default=os.path.join(tempfile.gettempdir(), "iku-bench"))
    parser.add_argument("--side", choices=sorted(SIDES), help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.side:  # one side in a fresh interpreter: print its peak memory
        SIDES[args.side](Path(args.file))
        print(_peak())
        return 0
    folder = Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = make_csv(folder / f"data-{args.rows}.csv", args.rows)
    size = path.stat().st_size / 2**20
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    print(f"{args.rows:,} rows, {size:.0f} MB: {path}")
    # the same figures (the notes differ only in naming rows: iku by their lines in the file)
    figures = [side(path).split("Catatan data:")[0] for side in (run_iku, run_pandas)]
    assert figures[0] == figures[1], "the two sides' reports differ"
    times: dict[str, list[float]] = {side: [] for side in SIDES}
    for n in range(args.repeat):
        for side in list(SIDES)[:: 1 if n % 2 == 0 else -1]:
            gc.collect()
            start = time.perf_counter()
            SIDES[side](path)
            times[side].append(time.perf_counter() - start)
    memory: dict[str, list[float]] = {side: [] for side in SIDES}
    for n in range(3):
        for side in list(SIDES)[:: 1 if n % 2 == 0 else -1]:
            memory[side].append(peak_memory(side, path))
    t = {side: statistics.median(found) for side, found in times.items()}
    m = {side: statistics.median(found) for side, found in memory.items()}
    print(
        f"time:   iku {t['iku']:.2f} s, pandas {t['pandas']:.2f} s: {t['iku'] / t['pandas']:.2f}x"
    )
    ratio = m["iku"] / m["pandas"]
    print(f"memory: iku {m['iku']:.0f} MB, pandas {m['pandas']:.0f} MB: {ratio:.2f}x")
    if args.big:
        big = make_csv(folder / "data-10000000.csv", 10_000_000)
        size = big.stat().st_size / 2**20
        seconds, peak = cli_run(big)
        print(
            f"iku evaluate, 10,000,000 rows ({size:.0f} MB): {seconds:.1f} s, "
            f"peak {peak:.0f} MB = {peak / size:.2f}x the file"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
