"""Every text iku shows a person, in Indonesian and English: one catalogue.

A message is one entry: a dotted key (``"<area>.<name>"``) mapped to its text in each language,
with ``{fields}`` filled in by :func:`text`. Indonesian (``"id"``) is the default language and
English (``"en"``) is always available; ``tests/test_messages.py`` checks that every key has
both and that both name the same fields.

>>> text("cli.template_written", path="iku.xlsx")
'templat ditulis ke iku.xlsx'
>>> text("cli.template_written", "en", path="iku.xlsx")
'template written to iku.xlsx'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

__all__ = ["CATALOGUE", "LANGS", "both", "text"]

LANGS: Final = ("id", "en")
"""The languages of every message: Indonesian first (the default), then English."""

Entry = Mapping[str, str]
"""One message: its text per language."""

# Each area of the library keeps its messages in its own block below, keyed "<area>.<name>".

# cli.py: the command line's messages and the headings of `iku show`.
_CLI: Final[dict[str, Entry]] = {
    "cli.usage": {
        "id": "penggunaan salah: {error}",
        "en": "usage error: {error}",
    },
    "cli.see_help": {
        "id": "lihat: iku {command} --help",
        "en": "see: iku {command} --help",
    },
    "cli.internal": {
        "id": "kesalahan tak terduga: {error} (jalankan dengan --debug untuk traceback)",
        "en": "unexpected error: {error} (run with --debug for the traceback)",
    },
    "cli.warning": {
        "id": "peringatan: {warning}",
        "en": "warning: {warning}",
    },
    "cli.valid": {
        "id": "{path}: valid: set {id} dengan {n} indikator",
        "en": "{path}: valid: set {id} with {n} indicators",
    },
    "cli.invalid": {
        "id": "{path}: tidak valid ({n} masalah):",
        "en": "{path}: not valid ({n} problems):",
    },
    "cli.no_file": {
        "id": "{path}: berkas tidak ada",
        "en": "{path}: no such file",
    },
    "cli.no_set_file": {
        "id": "{path}: berkas set tidak ada",
        "en": "{path}: no such set file",
    },
    "cli.exists": {
        "id": "{path} sudah ada; pakai --force untuk menimpanya",
        "en": "{path} exists already; use --force to overwrite it",
    },
    "cli.template_written": {
        "id": "templat ditulis ke {path}",
        "en": "template written to {path}",
    },
    "cli.report_written": {
        "id": "laporan ditulis ke {path}",
        "en": "report written to {path}",
    },
    "cli.xlsx_needs_output": {
        "id": "format xlsx perlu --output BERKAS.xlsx",
        "en": "the xlsx format needs --output FILE.xlsx",
    },
    "cli.data_needed": {
        "id": "perlu --data BERKAS (atau --example untuk data contoh set ini)",
        "en": "--data FILE is needed (or --example for the set's example data)",
    },
    "cli.no_example": {
        "id": "set {id} tidak punya data contoh {name!r}; berikan --data BERKAS",
        "en": "set {id} has no example data {name!r}; give --data FILE",
    },
    "cli.no_column": {
        "id": "--by {column}: tidak ada kolom {column} di {path} (kolom: {columns})",
        "en": "--by {column}: {path} has no column {column} (columns: {columns})",
    },
    "cli.no_period_rows": {
        "id": "{path}: tidak ada baris untuk periode {period}",
        "en": "{path}: no rows for period {period}",
    },
    "cli.no_rows": {
        "id": "{path}: tidak ada baris data (semua baris kosong)",
        "en": "{path}: no rows of data (every row is empty)",
    },
    "cli.missing_columns": {
        "id": "catatan: {path} tidak punya kolom {columns}",
        "en": "note: {path} has no column {columns}",
    },
    "cli.typo": {
        "id": "catatan: kolom {column!r} mirip variabel {code!r}; salah ketik?",
        "en": "note: column {column!r} looks like variable {code!r}; a typo?",
    },
    "cli.summed": {
        "id": (
            "catatan: baris dijumlahkan per periode atas kolom {columns} (pakai --by {first} "
            "untuk laporan per unit)"
        ),
        "en": (
            "note: rows are summed per period over the columns {columns} (use --by {first} "
            "for a report per unit)"
        ),
    },
    "cli.aggregate_note": {
        "id": (
            "Data {rows} baris dijumlahkan per periode atas kolom {columns} (rasio dari "
            "jumlah, bukan rata-rata rasio)."
        ),
        "en": (
            "The {rows} rows of data are summed per period over the columns {columns} (a "
            "ratio of sums, not a mean of ratios)."
        ),
    },
    "cli.errors": {
        "id": "{n} masalah data (error); nilai yang terdampak kosong, lihat catatan laporan",
        "en": "{n} data issue(s) (errors); the values affected are empty, see the report",
    },
    "cli.reading": {
        "id": "membaca {path}",
        "en": "reading {path}",
    },
    "cli.evaluating": {
        "id": "menghitung",
        "en": "evaluating",
    },
    "cli.writing": {
        "id": "menulis laporan",
        "en": "writing the report",
    },
    "cli.sql_unavailable": {
        "id": "perintah sql belum tersedia di versi ini",
        "en": "the sql command is not available in this version",
    },
    "cli.period_not_year": {
        "id": "--period harus tahun, misalnya 2025, bukan {value!r}",
        "en": "--period must be a year such as 2025, not {value!r}",
    },
    "cli.targets_from": {
        "id": "target dibaca dari lembar targets di {path}",
        "en": "targets read from the targets sheet of {path}",
    },
    "cli.period": {
        "id": "Periode",
        "en": "Period",
    },
    "cli.notes": {
        "id": "Catatan",
        "en": "Notes",
    },
    "cli.bad_suffix": {
        "id": "--output {path}: format {format} tidak ditulis ke berkas {suffix}; pakai {suffixes}",
        "en": "--output {path}: the {format} format is not written to a {suffix} file; "
        "use {suffixes}",
    },
    "cli.unknown_suffix": {
        "id": "--output {path}: iku tidak dapat menulis berkas {suffix}; yang dapat: {suffixes}",
        "en": "--output {path}: iku cannot write a {suffix} file; it writes {suffixes}",
    },
    "cli.problems_in_english": {
        "id": "(uraian masalah di bawah hanya tersedia dalam bahasa Inggris)",
        "en": "(the problems below are in English only)",
    },
    "cli.argument": {
        "id": "argumen {argument}: {error}",
        "en": "argument {argument}: {error}",
    },
    "cli.invalid_choice": {
        "id": "pilihan tidak sah: {value} (pilih dari {choices})",
        "en": "invalid choice: {value} (choose from {choices})",
    },
    "cli.required": {
        "id": "argumen berikut wajib diberikan: {names}",
        "en": "the following arguments are required: {names}",
    },
    "cli.unrecognized": {
        "id": "argumen tidak dikenal: {names}",
        "en": "unrecognized arguments: {names}",
    },
    "cli.expected_one": {
        "id": "perlu satu nilai",
        "en": "expected one argument",
    },
    "cli.expected_at_most_one": {
        "id": "paling banyak satu nilai",
        "en": "expected at most one argument",
    },
    "cli.ambiguous": {
        "id": "opsi ambigu: {option} cocok dengan {matches}",
        "en": "ambiguous option: {option} could match {matches}",
    },
    "cli.template_suffix": {
        "id": "--output {path}: templat adalah buku kerja Excel, beri nama *.xlsx",
        "en": "--output {path}: the template is an Excel workbook, name it *.xlsx",
    },
}

# examples.py: the bundled example data.
_EXAMPLES: Final[dict[str, Entry]] = {
    "examples.unknown": {
        "id": "set {id} tidak punya data contoh {name!r} (yang ada: {names})",
        "en": "set {id} has no example data {name!r} (there are: {names})",
    },
    "examples.illustrative": {
        "id": "Data ilustrasi, bukan data resmi: angka contoh ini dibuat untuk memperagakan iku.",
        "en": "Illustrative data, not official figures: these example numbers are made up to "
        "show how iku works.",
    },
}

# optional.py and errors.py: the library's errors.
_ERROR: Final[dict[str, Entry]] = {
    "argument.wrong": {
        "id": "{what} harus {expected}, bukan {type} ({value})",
        "en": "{what} must be {expected}, not {type} ({value})",
    },
    "argument.number": {"id": "angka", "en": "a number"},
    "argument.path": {"id": "path (str atau os.PathLike)", "en": "a path (str or os.PathLike)"},
    "argument.mapping": {
        "id": "pemetaan nama kolom ke larik (dict)",
        "en": "a mapping of column name to array (a dict)",
    },
    "argument.iterable": {"id": "kumpulan (list atau tuple)", "en": "a list or tuple"},
    "argument.polarity": {"id": "polaritas 'higher' atau 'lower'", "en": "'higher' or 'lower'"},
    "argument.evaluation": {
        "id": "hasil iku.evaluate (Evaluation)",
        "en": "what iku.evaluate returns (an Evaluation)",
    },
    "argument.subject": {
        "id": "IndicatorSet atau Indicator",
        "en": "an IndicatorSet or an Indicator",
    },
    "optional.missing": {
        "id": "{package} belum terpasang: pip install 'iku[{extra}]'",
        "en": "{package} is not installed: pip install 'iku[{extra}]'",
    },
}

# report/: the headings and fixed words of every report.
_REPORT: Final[dict[str, Entry]] = {
    "report.no": {
        "id": "No",
        "en": "No",
    },
    "report.sasaran": {
        "id": "Sasaran",
        "en": "Objective (sasaran)",
    },
    "report.indicator": {
        "id": "Indikator Kinerja",
        "en": "Performance indicator",
    },
    "report.unit": {
        "id": "Satuan",
        "en": "Unit",
    },
    "report.target": {
        "id": "Target",
        "en": "Target",
    },
    "report.value": {
        "id": "Realisasi",
        "en": "Actual",
    },
    "report.achievement": {
        "id": "Capaian (%)",
        "en": "Achievement (%)",
    },
    "report.category": {
        "id": "Predikat",
        "en": "Category",
    },
    "report.code": {
        "id": "Kode",
        "en": "Code",
    },
    "report.formula": {
        "id": "Rumus",
        "en": "Formula",
    },
    "report.formula_words": {
        "id": "Rumus (uraian)",
        "en": "Formula (in words)",
    },
    "report.formula_symbols": {
        "id": "Rumus (simbol)",
        "en": "Formula (symbols)",
    },
    "report.source_data": {
        "id": "Sumber data",
        "en": "Data source",
    },
    "report.polarity": {
        "id": "Polaritas",
        "en": "Polarity",
    },
    "report.scale": {
        "id": "Skala",
        "en": "Scale",
    },
    "report.grades": {
        "id": "Kategori nilai",
        "en": "Grades",
    },
    "report.period": {
        "id": "Tahun",
        "en": "Year",
    },
    "report.no_period": {
        "id": "Periode tidak disebut",
        "en": "Period not given",
    },
    "report.report": {
        "id": "Laporan Capaian Kinerja",
        "en": "Performance report",
    },
    "report.issues": {
        "id": "Catatan data",
        "en": "Data issues",
    },
    "report.no_issues": {
        "id": "Tidak ada masalah data.",
        "en": "No data issues.",
    },
    "report.general_issues": {
        "id": "Catatan atas tabel data",
        "en": "Notes on the data table",
    },
    "report.definitions": {
        "id": "Definisi indikator",
        "en": "Indicator definitions",
    },
    "report.results": {
        "id": "hasil",
        "en": "results",
    },
    "report.report_sheet": {
        "id": "laporan",
        "en": "report",
    },
    "report.issues_sheet": {
        "id": "masalah",
        "en": "issues",
    },
    "report.indicators_sheet": {
        "id": "indikator",
        "en": "indicators",
    },
    "report.chart": {
        "id": "Capaian per indikator",
        "en": "Achievement per indicator",
    },
    "report.target_line": {
        "id": "target 100 %",
        "en": "target 100 %",
    },
    "report.aggregate": {
        "id": (
            "Data dari beberapa unit dijumlahkan per periode (rasio dari jumlah, bukan "
            "rata-rata rasio)."
        ),
        "en": (
            "Data of several units are summed per period (a ratio of sums, not a mean of ratios)."
        ),
    },
    "report.by": {
        "id": "Per",
        "en": "By",
    },
    "report.row": {
        "id": "baris",
        "en": "row",
    },
    "report.rows": {
        "id": "baris",
        "en": "rows",
    },
    "report.more": {
        "id": "dan {n} catatan lain",
        "en": "and {n} more",
    },
    "report.more_short": {
        "id": "dan {n} lainnya",
        "en": "and {n} more",
    },
    "report.source": {
        "id": "Dasar",
        "en": "Basis",
    },
    "report.organization": {
        "id": "Perangkat Daerah",
        "en": "Agency",
    },
    "report.variables": {
        "id": "Variabel",
        "en": "Variables",
    },
    "report.kind": {
        "id": "Jenis",
        "en": "Kind",
    },
    "report.label": {
        "id": "Uraian",
        "en": "Description",
    },
    "report.more_rows": {
        "id": "… dan {n} baris lain",
        "en": "… and {n} more rows",
    },
    "report.more_tables": {
        "id": "… dan {n} tabel lain tidak ditampilkan: lihat ev.to_frame().",
        "en": "… and {n} more tables not shown: see ev.to_frame().",
    },
    "report.polarity_higher": {
        "id": "semakin tinggi semakin baik",
        "en": "higher is better",
    },
    "report.polarity_lower": {
        "id": "semakin rendah semakin baik",
        "en": "lower is better",
    },
}

_PERIOD: Final[dict[str, Entry]] = {
    "period.not_a_period": {
        "id": "{value} bukan periode: tulis tahun (2025), triwulan (2025-Q1, TW I 2025) "
        "atau bulan (2025-03)",
        "en": "{value} is not a period: write a year (2025), a quarter (2025-Q1, TW I 2025) "
        "or a month (2025-03)",
    },
    "period.bad_year": {
        "id": "tahun periode harus bilangan bulat 1000 sampai 9999, bukan {value!r}",
        "en": "a period's year is a whole number from 1000 to 9999, not {value!r}",
    },
}

_RULES: Final[dict[str, Entry]] = {
    "rules.heading": {"id": "Aturan capaian: {clauses}.", "en": "Capaian rules: {clauses}."},
    "rules.default": {
        "id": "Aturan capaian: PermenPANRB 8/2021 (bawaan)",
        "en": "Capaian rules: PermenPANRB 8/2021 (the default)",
    },
    "rules.indicator": {"id": "Aturan capaian", "en": "Capaian rules"},
    "rules.weight": {"id": "Bobot", "en": "Weight"},
    "rules.heading_of": {
        "id": "Aturan capaian {code}: {clauses}.",
        "en": "Capaian rules of {code}: {clauses}.",
    },
    "rules.default_short": {
        "id": "PermenPANRB 8/2021 (bawaan)",
        "en": "PermenPANRB 8/2021 (the default)",
    },
    "rules.of_indicators": {
        "id": "({n} dari {total} indikator)",
        "en": "({n} of {total} indicators)",
    },
    "rules.lower_inverse": {
        "id": "capaian indikator semakin rendah semakin baik = target / realisasi × 100",
        "en": "the capaian of a lower-is-better indicator is target / realisasi × 100",
    },
    "rules.lower_reflect": {
        "id": (
            "capaian indikator semakin rendah semakin baik = "
            "(2 × target − realisasi) / target × 100"
        ),
        "en": (
            "the capaian of a lower-is-better indicator is (2 × target − realisasi) / target × 100"
        ),
    },
    "rules.cap": {
        "id": "capaian paling tinggi {value} %",
        "en": "capaian is capped at {value} %",
    },
    "rules.floor": {
        "id": "capaian paling rendah {value} %",
        "en": "capaian is floored at {value} %",
    },
    "rules.value_decimals": {
        "id": "realisasi {mode} menjadi {value} desimal sebelum capaian dihitung",
        "en": "realisasi is {mode} to {value} decimals before the capaian is computed",
    },
    "rules.achievement_decimals": {
        "id": "capaian {mode} menjadi {value} desimal",
        "en": "capaian is {mode} to {value} decimals",
    },
    "rules.mode_half_up": {"id": "dibulatkan (setengah ke atas)", "en": "rounded (half up)"},
    "rules.mode_half_even": {
        "id": "dibulatkan (setengah ke genap)",
        "en": "rounded (half to even)",
    },
    "rules.mode_truncate": {"id": "dipotong", "en": "truncated"},
    "rules.sasaran_mean": {
        "id": "capaian sasaran = rata-rata capaian indikatornya",
        "en": "a sasaran's capaian is the mean of its indicators' capaian",
    },
    "rules.sasaran_weighted": {
        "id": "capaian sasaran = rata-rata tertimbang (bobot indikator)",
        "en": "a sasaran's capaian is the mean weighted by the indicators' weights",
    },
    "rules.given": {
        "id": "* realisasi diisi langsung, tidak dihitung dari komponennya",
        "en": "* realisasi given directly, not computed from its parts",
    },
    "rules.sasaran_row": {"id": "RATA-RATA", "en": "AVERAGE"},
    "rules.total_row": {"id": "RATA-RATA SELURUH IKU", "en": "AVERAGE OF ALL IKU"},
}

CATALOGUE: Final[Mapping[str, Entry]] = {
    **_CLI,
    **_EXAMPLES,
    **_ERROR,
    **_REPORT,
    **_PERIOD,
    **_RULES,
}
"""Every message of iku: key to ``{"id": ..., "en": ...}``."""


def text(key: str, lang: str = "id", /, **fields: Any) -> str:
    """The message ``key`` in ``lang`` ("id" or "en"; anything else falls back to "id"), with
    ``fields`` filled in."""
    entry = CATALOGUE[key]
    return entry.get(lang, entry["id"]).format(**fields)


def both(key: str, /, **fields: Any) -> tuple[str, str]:
    """The message ``key`` in Indonesian and in English, as ``(id, en)``."""
    entry = CATALOGUE[key]
    return entry["id"].format(**fields), entry["en"].format(**fields)
