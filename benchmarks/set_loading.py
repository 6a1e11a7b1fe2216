"""Reading a set file takes time in proportion to its size (issue 8).

The first version took 12.6 s for a file of 5,000 variables and 5,000 indicators (0.7 MB): every
formula copied the list of every declared variable, so reading was quadratic. This script writes
set files of 1,000, 5,000 and 20,000 indicators (``--sizes``), each with as many variables, a
third of the indicators ratios (``v1 / v2``), a third indexes (``0.25 * v1 + 0.75 * v2``) and a
third general formulas (``(v1 - v2) / v2 * 100``), and reads each with ``iku.load_set`` in a
fresh interpreter (no cache carried from one reading to the next), ``--repeat`` times.

    python benchmarks/set_loading.py
    python benchmarks/set_loading.py --sizes 1000 5000 --repeat 1

It prints, per size, the file's size, the median wall and CPU time of ``load_set`` and the time
per indicator: linear reading keeps the time per indicator flat as the file grows.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_READ = """
import json, sys, time
import iku
wall, cpu = time.perf_counter(), time.process_time()
s = iku.load_set(sys.argv[1])
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
                  "indicators": len(s), "variables": len(s.variables)}))
"""


def set_text(n: int) -> str:
    """A set file of ``n`` variables and ``n`` indicators in one sasaran."""
    lines = [
        "iku_format = 1",
        "",
        "[set]",
        'id = "kota-besar.dinas.2025"',
        'name = "Indikator Kinerja Utama Dinas Besar"',
        'organization = "Dinas Besar Kota Besar"',
        "period = [2025, 2026]",
    ]
    for i in range(n):
        lines += ["", "[[variables]]", f'code = "v{i}"', f'label = "Jumlah data ke-{i}"']
    lines += ["", "[[sasaran]]", 'code = "S-1"', 'name = "meningkatkan kinerja"']
    for i in range(n):
        a, b = f"v{i}", f"v{(i + 1) % n}"
        lines += ["", "[[sasaran.indicators]]", f'code = "IKU-{i + 1}"']
        lines.append(f'name = "Indikator ke-{i + 1}"')
        if i % 3 == 0:
            lines += ['type = "ratio"', f'numerator = "{a}"', f'denominator = "{b}"']
        elif i % 3 == 1:
            lines += ['type = "index"', f'formula = "0.25 * {a} + 0.75 * {b}"', "bounds = [0, 5]"]
        else:
            lines.append(f'formula = "({a} - {b}) / {b} * 100"')
    return "\n".join(lines) + "\n"


def read_once(path: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _READ, str(path)], capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 5_000, 20_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| indicators | file | load_set (wall) | CPU | per indicator (wall) | (CPU) |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory(prefix="iku-sets-") as folder:
        for n in args.sizes:
            path = Path(folder) / f"set-{n}.toml"
            path.write_text(set_text(n), encoding="utf-8")
            runs = [read_once(path) for _ in range(args.repeat)]
            assert all(run["indicators"] == n for run in runs)
            wall = statistics.median(run["wall"] for run in runs)
            cpu = statistics.median(run["cpu"] for run in runs)
            size = path.stat().st_size / 1e6
            print(
                f"| {n:,} | {size:.1f} MB | {wall:.2f} s | {cpu:.2f} s "
                f"| {wall / n * 1e3:.3f} ms | {cpu / n * 1e3:.3f} ms |",
                flush=True,
            )


if __name__ == "__main__":
    main()
