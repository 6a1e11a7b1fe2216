"""The built-in Kota Madiun Dinsos PPPA 2025-2026 set is the decree, read row by row."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest

from iku import (
    IPP_GRADES,
    PREDIKAT,
    Index,
    IndicatorSet,
    Polarity,
    Ratio,
    VariableKind,
    dump_set,
    get_set,
    load_set,
    loads_set,
)

MADIUN = "kota-madiun.dinsosppa.2025-2026"

RATIOS = {
    "IKU-1": ("pmks_dilindungi", "pmks_perlu_perlindungan"),
    "IKU-2": ("psks_diberdayakan", "psks"),
    "IKU-3": ("pmks_direhabilitasi", "pmks_perlu_rehabilitasi"),
    "IKU-4": ("perempuan_pengambil_keputusan", "perempuan_usia_produktif"),
    "IKU-5": ("keluarga_berkualitas", "keluarga_disurvei"),
    "IKU-6": ("pengaduan_diselesaikan", "pengaduan"),
}

NAMES = {
    "IKU-1": "Persentase PMKS yang mendapatkan perlindungan dan jaminan sosial",
    "IKU-2": "Persentase PSKS yang diberdayakan",
    "IKU-3": "Persentase PMKS yang mendapatkan rehabilitasi sosial",
    "IKU-4": "Persentase Perempuan sebagai pengambil Keputusan",
    "IKU-5": "Persentase keluarga yang berkualitas",
    "IKU-6": "Persentase pengaduan tindak kekerasan yang diselesaikan",
    "IKU-7": "Indeks Pelayanan Publik Perangkat Daerah",
}

SASARAN = {
    "S-1": ("meningkatkan perlindungan dan jaminan sosial PMKS", ["IKU-1"]),
    "S-2": ("meningkatkan pemberdayaan sosial PSKS", ["IKU-2"]),
    "S-3": ("meningkatkan sosial PMKS", ["IKU-3"]),
    "S-4": ("meningkatkan tata kelola pengarusutamaan gender", ["IKU-4", "IKU-5"]),
    "S-5": (
        "meningkatkan penyelesaian pengaduan tindak kekerasan terhadap perempuan dan anak",
        ["IKU-6"],
    ),
    "S-6": ("meningkatkan Kualitas Tata Kelola Perangkat Daerah", ["IKU-7"]),
}

SUMBER_DATA = {
    "IKU-1": "Laporan PMKS",
    "IKU-2": "Laporan PSKS",
    "IKU-3": "Laporan PMKS",
    "IKU-4": "Instansi terkait",
    "IKU-5": "Survey di tingkat Rukun Tetangga",
    "IKU-6": "Laporan Pusat Pelayanan Terpadu",
    "IKU-7": "Dinsos PPPA dan Instansi terkait",
}


@pytest.fixture(scope="module")
def madiun() -> IndicatorSet:
    return get_set(MADIUN)


def test_the_set_is_found_by_its_id_and_covers_2025_and_2026(madiun: IndicatorSet) -> None:
    assert madiun.id == MADIUN
    assert madiun.period == (2025, 2026)
    assert madiun.organization == (
        "Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak Kota Madiun"
    )
    assert madiun.organization_en
    assert madiun.name_en


def test_indicators_come_in_the_decrees_order(madiun: IndicatorSet) -> None:
    assert madiun.codes == tuple(f"IKU-{n}" for n in range(1, 8))
    assert [ind.name for ind in madiun] == list(NAMES.values())
    assert all(ind.name_en for ind in madiun)


def test_sasaran_are_the_decrees_in_its_own_words(madiun: IndicatorSet) -> None:
    assert [s.code for s in madiun.sasaran] == list(SASARAN)
    for sas in madiun.sasaran:
        name, codes = SASARAN[sas.code]
        assert sas.name == name
        assert [ind.code for ind in sas.indicators] == codes
        assert sas.name_en


def test_sasaran_3_records_its_missing_word(madiun: IndicatorSet) -> None:
    notes = madiun.sasaran[2].notes
    assert notes is not None
    assert "satu kata hilang" in notes
    assert "a word is missing" in notes


def test_sumber_data_are_as_printed(madiun: IndicatorSet) -> None:
    assert {ind.code: ind.source_data for ind in madiun} == SUMBER_DATA


@pytest.mark.parametrize(("code", "parts"), RATIOS.items())
def test_iku_1_to_6_are_percent_proportions_higher_is_better(
    madiun: IndicatorSet,
    code: str,
    parts: tuple[str, str],
) -> None:
    ind = madiun[code]
    assert isinstance(ind, Ratio)
    assert (ind.numerator_text, ind.denominator_text) == parts
    assert ind.variables == parts
    assert ind.factor == 100
    assert ind.proportion is True
    assert ind.unit == "%"
    assert ind.polarity is Polarity.HIGHER_IS_BETTER
    assert ind.categories is PREDIKAT
    assert ind.formula_text == f"{parts[0]} / {parts[1]} * 100"


def test_iku_7_is_the_public_service_index_graded_by_ipp_grades(madiun: IndicatorSet) -> None:
    ind = madiun["IKU-7"]
    assert isinstance(ind, Index)
    assert ind.formula_text == "ipp"
    assert ind.bounds == (0.0, 5.0)
    assert ind.grades is IPP_GRADES
    assert ind.polarity is Polarity.HIGHER_IS_BETTER
    ipp = madiun.variable("ipp")
    assert ipp.kind is VariableKind.SCORE
    assert ipp.range == (0.0, 5.0)


def test_variables_are_exactly_the_decrees_counts_and_the_ipp(madiun: IndicatorSet) -> None:
    expected = [code for pair in RATIOS.values() for code in pair] + ["ipp"]
    assert [v.code for v in madiun.variables] == expected
    for v in madiun.variables[:-1]:
        assert v.kind is VariableKind.COUNT
        assert v.label_en
        assert v.source
    assert madiun.variable("pmks_dilindungi").label == (
        "Jumlah PMKS yang mendapatkan perlindungan dan jaminan sosial"
    )
    assert madiun.variable("pengaduan").label == "Jumlah kasus pengaduan"


def test_provenance_records_both_numbers_the_date_and_the_signer(madiun: IndicatorSet) -> None:
    source = madiun.source
    assert source is not None
    assert source.signer is not None
    assert source.numbers == ("440-401.104/189/2024", "050-401.104/189/2024")
    assert source.number == "440-401.104/189/2024"
    assert source.date == dt.date(2024, 12, 31)
    assert source.signer.startswith("HERI SUWARTONO, S.Sos, M.Si")
    assert source.title.startswith("Keputusan Kepala Dinas Sosial")
    assert "Penetapan Indikator Kinerja Utama" in source.title
    text = str(source)
    assert "440-401.104/189/2024" in text
    assert "31 Desember 2024" in text


def test_provenance_notes_record_how_the_decree_was_read(madiun: IndicatorSet) -> None:
    assert madiun.source is not None
    notes = " ".join(madiun.source.notes)
    assert "Suwartomo" in notes
    assert "garbled" in notes
    assert "all PMKS" in notes  # the alternative reading of IKU-1's denominator
    assert "sets no targets" in notes
    assert "bacaan lain" in (madiun["IKU-1"].notes or "")


def test_the_bundled_file_is_read_by_the_same_loader_as_user_files(madiun: IndicatorSet) -> None:
    bundled = resources.files("iku").joinpath("sets", f"{MADIUN}.toml")
    with bundled.open("rb") as file:
        assert load_set(file) == madiun
    assert loads_set(dump_set(madiun)) == madiun


def test_the_bundled_file_explains_its_own_format() -> None:
    text = resources.files("iku").joinpath("sets", f"{MADIUN}.toml").read_text("utf-8")
    header = text.split("iku_format = 1\n", 1)[0]
    for word in ("[[sasaran.indicators]]", "numerator", "docs/set-format.md", "garbled"):
        assert word in header
