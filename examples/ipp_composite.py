"""The Indeks Pelayanan Publik (IPP) as a composite index of its six aspects.

KemenPANRB's evaluation of public service (PEKPPP, PermenPANRB 29/2022) scores six aspects, each
on 0 to 5, and weighs them into the IPP:

    Kebijakan Pelayanan 24 %, Profesionalisme SDM 25 %, Sarana Prasarana 18 %,
    Sistem Informasi Pelayanan Publik 11 %, Konsultasi dan Pengaduan 10 %, Inovasi 12 %.

The built-in Madiun set takes the IPP as one published score (variable ``ipp``); an agency that
keeps the six aspect scores can compute it instead, as below. The result is graded by
``IPP_GRADES`` (A >= 4.51 ... F below 1.01).

Run it: ``python examples/ipp_composite.py``.
"""

from __future__ import annotations

from fractions import Fraction

import iku
from iku import IPP_GRADES, Index, IndicatorSet, Sasaran, Source, Variable

ASPECTS = [
    # code, label, English label, weight
    ("kebijakan", "Kebijakan Pelayanan", "Service policy", "0.24"),
    ("sdm", "Profesionalisme SDM", "Professionalism of staff", "0.25"),
    ("sarpras", "Sarana Prasarana", "Facilities", "0.18"),
    ("sipp", "Sistem Informasi Pelayanan Publik", "Public service information system", "0.11"),
    ("konsultasi", "Konsultasi dan Pengaduan", "Consultation and complaints", "0.10"),
    ("inovasi", "Inovasi", "Innovation", "0.12"),
]

assert sum(Fraction(weight) for *_, weight in ASPECTS) == 1, "the weights must sum to 100 %"

aspects = [
    Variable(
        code,
        f"Nilai aspek {label}",
        label_en=f"Score of the aspect {label_en}",
        kind="score",
        range=(0, 5),
        source="Evaluasi Pelayanan Publik (KemenPANRB)",
    )
    for code, label, label_en, _ in ASPECTS
]

# The formula as text keeps the weights as written (0.24, not 6/25); text is parsed safely.
formula = " + ".join(f"{weight}*{code}" for code, _, _, weight in ASPECTS)

ipp = Index(
    "IKU-1",
    "Indeks Pelayanan Publik Perangkat Daerah",
    formula,
    name_en="Public service index of the agency",
    bounds=(0, 5),
    grades=IPP_GRADES,
    unit="indeks",
    source_data="Evaluasi Pelayanan Publik (PEKPPP), PermenPANRB 29/2022",
)

IPP_SET = IndicatorSet(
    "contoh.ipp.2025",
    "Indeks Pelayanan Publik sebagai komposit enam aspek (contoh)",
    "Perangkat Daerah Contoh",
    (2025,),
    [Sasaran("S-1", "meningkatkan kualitas pelayanan publik", [ipp])],
    aspects,
    source=Source(
        "Peraturan Menteri PANRB Nomor 29 Tahun 2022 tentang Pemantauan dan Evaluasi Kinerja "
        "Penyelenggaraan Pelayanan Publik",
        notes=["Bobot aspek / aspect weights: " + ", ".join(f"{c} {w}" for c, *_, w in ASPECTS)],
    ),
)

EXAMPLE_SCORES = {
    "kebijakan": 4.5,
    "sdm": 4.2,
    "sarpras": 3.9,
    "sipp": 4.0,
    "konsultasi": 4.6,
    "inovasi": 3.5,
}
"""Illustrative aspect scores, not any agency's figures."""


def main() -> None:
    """Print the indicator, its weights and the grade of the example scores."""
    print(f"{ipp.code}  {ipp.name}  [{ipp.bounds[0]:g}..{ipp.bounds[1]:g}]")
    print(f"  rumus / formula: {ipp.formula_text}")
    for variable, (*_, weight) in zip(aspects, ASPECTS, strict=True):
        print(f"  {float(weight):5.0%}  {variable.code:<11} {variable.label}")
    result = iku.evaluate(IPP_SET, EXAMPLE_SCORES, targets={"IKU-1": 4.0})["IKU-1"]
    print(
        f"  contoh / example: IPP = {result.value:.2f}, kategori {result.grade}, "
        f"capaian {result.achievement:.2f} % ({result.category})"
    )
    print()
    print(iku.dump_set(IPP_SET))


if __name__ == "__main__":
    main()
