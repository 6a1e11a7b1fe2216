"""The composite-IPP example runs as a script and its index weighs the six aspects as
PermenPANRB 29/2022 does."""

from __future__ import annotations

import runpy
import subprocess
import sys
from pathlib import Path

import sympy

from iku import IPP_GRADES, Index, loads_set

EXAMPLE = Path(__file__).parents[1] / "examples" / "ipp_composite.py"


def test_the_example_runs_and_prints_the_grade_and_the_set_file() -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLE)], check=True, capture_output=True, text=True
    )
    assert "IKU-1  Indeks Pelayanan Publik Perangkat Daerah  [0..5]" in done.stdout
    assert "IPP = 4.15, kategori A-, capaian 103.80 % (Sangat Tinggi)" in done.stdout
    assert "iku_format = 1" in done.stdout


def test_the_weights_are_those_of_permenpanrb_29_2022() -> None:
    example = runpy.run_path(str(EXAMPLE))
    ipp = example["ipp"]
    assert isinstance(ipp, Index)
    assert ipp.grades is IPP_GRADES
    weights = {
        "kebijakan": "0.24",
        "sdm": "0.25",
        "sarpras": "0.18",
        "sipp": "0.11",
        "konsultasi": "0.10",
        "inovasi": "0.12",
    }
    assert ipp.formula == sum(sympy.Rational(w) * sympy.Symbol(code) for code, w in weights.items())
    all_fives = float(ipp.formula.subs(dict.fromkeys(weights, 5)))
    assert all_fives == 5.0


def test_the_example_set_reads_back_from_its_file() -> None:
    example = runpy.run_path(str(EXAMPLE))
    s = example["IPP_SET"]
    assert loads_set(example["iku"].dump_set(s)) == s
