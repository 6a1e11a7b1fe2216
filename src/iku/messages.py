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
    # reports: safety, illustrative figures, one language per output (the reports engineer)
    "report.illustrative": {
        "id": "Data ilustrasi, bukan data resmi",
        "en": "Illustrative data, not official figures",
    },
    "report.illustrative_note": {
        "id": "Angka dalam laporan ini berasal dari data contoh iku (--example), bukan dari "
        "data resmi perangkat daerah.",
        "en": "The figures of this report come from iku's example data (--example), not from "
        "the agency's official data.",
    },
    "report.period_key": {
        "id": "periode",
        "en": "period",
    },
    "report.place": {
        "id": "Letak",
        "en": "Place",
    },
    "report.severity": {
        "id": "Tingkat",
        "en": "Severity",
    },
    "report.variable": {
        "id": "Variabel",
        "en": "Variable",
    },
    "report.message": {
        "id": "Pesan",
        "en": "Message",
    },
    "report.error": {
        "id": "kesalahan",
        "en": "error",
    },
    "report.warning": {
        "id": "peringatan",
        "en": "warning",
    },
    "report.number": {
        "id": "Nomor",
        "en": "No.",
    },
    "report.also_written": {
        "id": "juga tertulis",
        "en": "also written",
    },
    "report.dated": {
        "id": "tanggal",
        "en": "dated",
    },
    "report.col_indicator": {
        "id": "indikator",
        "en": "indicator",
    },
    "report.col_name": {
        "id": "nama indikator",
        "en": "indicator name",
    },
    "report.col_unit": {
        "id": "satuan",
        "en": "unit",
    },
    "report.col_period": {
        "id": "periode",
        "en": "period",
    },
    "report.col_value": {
        "id": "realisasi",
        "en": "actual",
    },
    "report.col_target": {
        "id": "target",
        "en": "target",
    },
    "report.col_target_hi": {
        "id": "target (batas atas)",
        "en": "target (upper bound)",
    },
    "report.col_achievement": {
        "id": "capaian (%)",
        "en": "achievement (%)",
    },
    "report.col_category": {
        "id": "predikat",
        "en": "category",
    },
    "report.col_grade": {
        "id": "kategori nilai",
        "en": "grade",
    },
    "report.col_numerator": {
        "id": "pembilang",
        "en": "numerator",
    },
    "report.col_denominator": {
        "id": "penyebut",
        "en": "denominator",
    },
    "report.col_issues": {
        "id": "masalah",
        "en": "issues",
    },
    "report.col_illustrative": {
        "id": "ilustrasi",
        "en": "illustrative",
    },
    "report.month_1": {
        "id": "Januari",
        "en": "January",
    },
    "report.month_2": {
        "id": "Februari",
        "en": "February",
    },
    "report.month_3": {
        "id": "Maret",
        "en": "March",
    },
    "report.month_4": {
        "id": "April",
        "en": "April",
    },
    "report.month_5": {
        "id": "Mei",
        "en": "May",
    },
    "report.month_6": {
        "id": "Juni",
        "en": "June",
    },
    "report.month_7": {
        "id": "Juli",
        "en": "July",
    },
    "report.month_8": {
        "id": "Agustus",
        "en": "August",
    },
    "report.month_9": {
        "id": "September",
        "en": "September",
    },
    "report.month_10": {
        "id": "Oktober",
        "en": "October",
    },
    "report.month_11": {
        "id": "November",
        "en": "November",
    },
    "report.month_12": {
        "id": "Desember",
        "en": "December",
    },
    "report.unit_indeks": {
        "id": "indeks",
        "en": "index",
    },
    "report.unit_persen": {
        "id": "persen",
        "en": "percent",
    },
    "report.unit_orang": {
        "id": "orang",
        "en": "persons",
    },
    "report.unit_jiwa": {
        "id": "jiwa",
        "en": "persons",
    },
    "report.unit_kasus": {
        "id": "kasus",
        "en": "cases",
    },
    "report.unit_keluarga": {
        "id": "keluarga",
        "en": "families",
    },
    "report.unit_dokumen": {
        "id": "dokumen",
        "en": "documents",
    },
    "report.unit_kegiatan": {
        "id": "kegiatan",
        "en": "activities",
    },
    "report.unit_lembaga": {
        "id": "lembaga",
        "en": "institutions",
    },
    "report.unit_nilai": {
        "id": "nilai",
        "en": "score",
    },
    "report.unit_poin": {
        "id": "poin",
        "en": "points",
    },
    "report.unit_hari": {
        "id": "hari",
        "en": "days",
    },
    "report.unit_bulan": {
        "id": "bulan",
        "en": "months",
    },
    "report.unit_tahun": {
        "id": "tahun",
        "en": "years",
    },
}

# io/: reading data and targets files, and the Excel template.
_IO: Final[dict[str, Entry]] = {
    "io.old_xls": {
        "id": "{path}: berkas .xls lama tidak dibaca; simpan ulang sebagai .xlsx (Excel Workbook)",
        "en": "{path}: old .xls workbooks are not read; save it as .xlsx (Excel Workbook)",
    },
    "io.file_type": {
        "id": "{path}: jenis berkas {suffix!r} tidak dikenal; pakai .csv, .xlsx atau .parquet",
        "en": "{path}: unknown file type {suffix!r}; use .csv, .xlsx or .parquet",
    },
    "io.no_file": {"id": "{path}: berkas tidak ada", "en": "{path}: no such file"},
    "io.folder": {
        "id": "{path}: ini folder, bukan berkas",
        "en": "{path}: is a folder, not a file",
    },
    "io.not_text": {
        "id": "{path}: ini bukan berkas teks (CSV)",
        "en": "{path}: this is not a text (CSV) file",
    },
    "io.empty_file": {"id": "{path}: berkas kosong", "en": "{path}: the file is empty"},
    "io.not_utf8": {
        "id": (
            '{path}, baris {line}: bukan teks UTF-8 (bita {byte}); simpan sebagai "CSV UTF-8", '
            'atau sebutkan pengodeannya (--encoding cp1252, encoding="cp1252")'
        ),
        "en": (
            '{path}, line {line}: not UTF-8 text (byte {byte}); save it as "CSV UTF-8", '
            'or name its encoding (--encoding cp1252, encoding="cp1252")'
        ),
    },
    "io.bad_encoding": {
        "id": "pengodean {encoding!r} tidak dikenal",
        "en": "unknown encoding {encoding!r}",
    },
    "io.bad_csv": {
        "id": "{path}, baris {line}: tidak terbaca sebagai CSV ({error})",
        "en": "{path}, line {line}: not readable as CSV ({error})",
    },
    "io.long_row": {
        "id": "{path}, baris {line}: {cells} sel, padahal judul kolom hanya {width}",
        "en": "{path}, line {line}: {cells} cells but the header has {width} columns",
    },
    "io.bad_xlsx": {
        "id": "{path}: bukan buku kerja Excel yang dapat dibaca ({error})",
        "en": "{path}: not a readable Excel workbook ({error})",
    },
    "io.xlsx_too_big": {
        "id": (
            "{path}: bagian {part} buku kerja ini berukuran {size} bita setelah dibuka (batas "
            "{limit}); berkas ini tidak dibaca"
        ),
        "en": (
            "{path}: the part {part} of this workbook is {size} bytes once unpacked (the limit "
            "is {limit}); the file is not read"
        ),
    },
    "io.too_many_rows": {
        "id": "{path}: lembar {sheet!r} punya lebih dari {limit} baris; berkas ini tidak dibaca",
        "en": "{path}: sheet {sheet!r} has more than {limit} rows; the file is not read",
    },
    "io.too_many_columns": {
        "id": (
            "{path}: lembar {sheet!r} punya sel di kolom {column} (batas {limit} kolom), "
            "baris {row}; berkas ini tidak dibaca"
        ),
        "en": (
            "{path}: sheet {sheet!r} has a cell in column {column} (the limit is {limit} "
            "columns), row {row}; the file is not read"
        ),
    },
    "io.too_many_cells": {
        "id": "{path}: lembar {sheet!r} punya lebih dari {limit} sel; berkas ini tidak dibaca",
        "en": "{path}: sheet {sheet!r} has more than {limit} cells; the file is not read",
    },
    "io.cell_too_long": {
        "id": "{path}: sel {place} berisi {size} karakter (batas {limit}); berkas ini tidak dibaca",
        "en": "{path}: cell {place} holds {size} characters (the limit is {limit}); the file is "
        "not read",
    },
    "io.no_sheet": {
        "id": "{path}: tidak ada lembar bernama {sheet!r} (lembar: {sheets})",
        "en": "{path}: no sheet named {sheet!r} (sheets: {sheets})",
    },
    "io.empty_sheet": {
        "id": "{path}: lembar {sheet!r} kosong",
        "en": "{path}: sheet {sheet!r} is empty",
    },
    "io.bad_parquet": {
        "id": "{path}: bukan berkas Parquet yang dapat dibaca ({error})",
        "en": "{path}: not a readable Parquet file ({error})",
    },
    "io.no_heading": {
        "id": "{path}: kolom {column} berisi nilai tetapi tanpa judul kolom",
        "en": "{path}: column {column} has values but no heading",
    },
    "io.not_year": {
        "id": "{path}, baris {line}: periode {value!r} bukan tahun",
        "en": "{path}, row {line}: period {value!r} is not a year",
    },
    "io.targets_type": {
        "id": "{path}: target dibaca dari berkas .csv atau .xlsx",
        "en": "{path}: targets are read from a .csv or .xlsx file",
    },
    "io.targets_column": {
        "id": "{path}: tidak ada kolom {name!r} (kolomnya indicator, period, target)",
        "en": "{path}: no column {name!r} (the columns are indicator, period, target)",
    },
    "io.targets_twice": {
        "id": (
            "{path}: kolom {columns} sama-sama berarti {name!r}; target bisa tercatat di "
            "indikator yang salah, jadi berkas ini tidak dibaca (sisakan satu kolom)"
        ),
        "en": (
            "{path}: the columns {columns} all mean {name!r}; targets could be filed under the "
            "wrong indicator, so the file is not read (keep one of them)"
        ),
    },
    "io.bad_decimal": {
        "id": 'decimal harus "." atau "," (atau None: dari berkasnya), bukan {value!r}',
        "en": 'decimal must be "." or "," (or None: from the file), not {value!r}',
    },
    "io.point": {"id": "titik desimal", "en": "a decimal point"},
    "io.comma": {"id": "koma desimal", "en": "a decimal comma"},
    "io.ambiguous.two_ways": {
        "id": (
            "{column} ditulis {text}: terbaca {point} dengan titik desimal atau {comma} dengan "
            "koma desimal, dan berkas ini tidak menentukan yang mana; sel ini tidak dipakai "
            "(tentukan dengan --decimal atau decimal=)"
        ),
        "en": (
            "{column} is written {text}: it reads as {point} with a decimal point or {comma} "
            "with a decimal comma, and the file does not say which; the cell is not used "
            "(choose with --decimal or decimal=)"
        ),
    },
    "io.ambiguous.mixed": {
        "id": (
            "{column} ditulis {text}: kolom ini (atau berkasnya) memakai titik desimal dan koma "
            "desimal sekaligus, jadi angka ini tidak terbaca dengan pasti; sel ini tidak dipakai "
            "(tentukan dengan --decimal atau decimal=)"
        ),
        "en": (
            "{column} is written {text}: its column (or file) uses both a decimal point and a "
            "decimal comma, so the number cannot be read with certainty; the cell is not used "
            "(choose with --decimal or decimal=)"
        ),
    },
    "io.ambiguous.against": {
        "id": (
            "{column} ditulis {text}: hanya terbaca dengan {written}, padahal kolom ini dibaca "
            "dengan {used}; sel ini tidak dipakai"
        ),
        "en": (
            "{column} is written {text}: it reads only with {written}, but this column is "
            "read with {used}; the cell is not used"
        ),
    },
    "io.more": {
        "id": "{column}: {count} sel lain lagi seperti ini di kolom ini",
        "en": "{column}: {count} more cells like this in the column",
    },
    "io.unreadable.control": {
        "id": "{column} berisi karakter kendali ({text}); sel ini tidak dipakai",
        "en": "{column} holds a control character ({text}); the cell is not used",
    },
    "io.unreadable.formula": {
        "id": "{column} berisi rumus sebagai teks ({text}); sel ini tidak dipakai",
        "en": "{column} holds a formula as text ({text}); the cell is not used",
    },
    "io.unreadable.error": {
        "id": "{column} berisi nilai galat lembar kerja ({text}); sel ini tidak dipakai",
        "en": "{column} holds a spreadsheet error ({text}); the cell is not used",
    },
    "io.duplicate_column": {
        "id": (
            "kolom {columns} sama-sama {name!r}; nilainya tidak dipakai, karena tidak jelas "
            "kolom mana yang benar (tiap kolom hanya sekali)"
        ),
        "en": (
            "the columns {columns} are all {name!r}; their values are not used, since it is "
            "not clear which one is right (a column comes once)"
        ),
    },
    "io.target_text": {
        "id": "target {code} untuk periode {period} bukan angka ({text}); target ini tidak dipakai",
        "en": "the target of {code} for period {period} is not a number ({text}); it is not used",
    },
    "io.target_text_any": {
        "id": "target {code} bukan angka ({text}); target ini tidak dipakai",
        "en": "the target of {code} is not a number ({text}); it is not used",
    },
    "io.duplicate_target": {
        "id": (
            "target {code} untuk periode {period} tertulis dua kali ({first} dan {second}); "
            "tidak ada yang dipakai"
        ),
        "en": (
            "the target of {code} for period {period} is given twice ({first} and {second}); "
            "neither is used"
        ),
    },
    "io.duplicate_target_any": {
        "id": (
            "{code} punya target tanpa periode ({first}) sekaligus target per periode "
            "({second}); tidak ada yang dipakai"
        ),
        "en": (
            "{code} has a target for any period ({first}) and targets per period ({second}); "
            "none is used"
        ),
    },
    "io.unknown_indicator": {
        "id": "indikator {code!r} tidak ada di set ini; targetnya tidak dipakai{hint}",
        "en": "indicator {code!r} is not in the set; its target is not used{hint}",
    },
    "io.did_you_mean": {"id": " (maksudnya {code}?)", "en": " (did you mean {code}?)"},
    "io.template.instructions": {"id": "petunjuk", "en": "instructions"},
    "io.template.name_hint": {"id": "keterangan (tidak dibaca)", "en": "description (not read)"},
    "io.template.unit_hint": {"id": "satuan", "en": "unit"},
    "io.template.period_label": {
        "id": "Tahun (periode), misalnya 2025",
        "en": "Year (period), for example 2025",
    },
    "io.template.title": {
        "id": "Templat isian Indikator Kinerja Utama",
        "en": "Input template of the key performance indicators",
    },
    "io.template.step1": {
        "id": (
            "1. Buka lembar 'data'. Baris 1 memuat kode variabel (jangan diubah); baris 2 memuat "
            "uraiannya dari keputusan."
        ),
        "en": (
            "1. Open the sheet 'data'. Row 1 holds the variable codes (do not change them); row "
            "2 their descriptions from the decree."
        ),
    },
    "io.template.step2": {
        "id": (
            "2. Isi satu baris per tahun (kolom 'period') mulai baris 3. Jika data per unit "
            "(misalnya kecamatan), tambahkan kolom kunci sendiri, misalnya 'kecamatan', dan isi "
            "satu baris per unit per tahun."
        ),
        "en": (
            "2. Fill one row per year (column 'period') from row 3. For data per unit (say, per "
            "district), add a key column of your own such as 'kecamatan' and fill one row per "
            "unit and year."
        ),
    },
    "io.template.step3": {
        "id": (
            "3. Isi angka saja (tanpa satuan atau teks). Sel kosong berarti data tidak ada. "
            "Baris yang seluruh angkanya kosong diabaikan."
        ),
        "en": (
            "3. Type numbers only (no units or words). An empty cell means no data. A row whose "
            "numbers are all empty is ignored."
        ),
    },
    "io.template.step4": {
        "id": (
            "4. Buka lembar 'targets' dan isi kolom 'target' tiap indikator per tahun "
            "(dari Renstra / Perjanjian Kinerja)."
        ),
        "en": (
            "4. Open the sheet 'targets' and fill the column 'target' of each indicator and year "
            "(from the Renstra / Perjanjian Kinerja)."
        ),
    },
    "io.template.step_budget": {
        "id": (
            "   Lembar 'anggaran' (boleh dikosongkan): isi pagu dan realisasi anggaran tiap "
            "sasaran per tahun, dalam rupiah, untuk analisis efisiensi."
        ),
        "en": (
            "   The sheet 'anggaran' (may stay empty): the budget ceiling (pagu) and spending "
            "(realisasi) of each sasaran and year, in rupiah, for the efficiency analysis."
        ),
    },
    "io.template.step5": {
        "id": (
            "5. Simpan, lalu jalankan: iku evaluate {set_id} --data NAMA-BERKAS.xlsx "
            "--format xlsx --output laporan.xlsx"
        ),
        "en": (
            "5. Save, then run: iku evaluate {set_id} --data FILE-NAME.xlsx --format xlsx "
            "--output report.xlsx"
        ),
    },
    "io.template.step6": {
        "id": "Penjelasan tiap indikator ada di lembar 'indikator'.",
        "en": "Each indicator is explained in the sheet 'indicators'.",
    },
    "io.template.count": {"id": "bilangan bulat >= 0", "en": "whole number >= 0"},
    "io.template.amount": {"id": "bilangan >= 0", "en": "number >= 0"},
    "io.template.score": {"id": "nilai skor", "en": "score"},
    "io.template.real": {"id": "bilangan", "en": "number"},
    "io.template.used_by": {"id": "dipakai oleh", "en": "used by"},
    "io.template.bad_input": {"id": "Isi dengan angka: {rule}.", "en": "Type a number: {rule}."},
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

_ISSUE: Final[dict[str, Entry]] = {
    # issue.<code>: the message of an issue code; issue.<code>.<variant>: a more precise one
    "issue.missing_value": {
        "id": "nilai {variable} tidak ada",
        "en": "{variable} has no value",
    },
    "issue.missing_value.column": {
        "id": "kolom {variable} tidak ada dalam data, sehingga tidak ada baris yang bernilai",
        "en": "the data has no column {variable}, so no row has a value for it",
    },
    "issue.not_finite": {
        "id": "nilai {variable} bukan bilangan terhingga ({value})",
        "en": "{variable} is not a finite number ({value})",
    },
    "issue.not_finite.value": {
        "id": "nilai indikator tidak terhingga ({value}), sehingga tidak dapat dipakai",
        "en": "the indicator's value is not finite ({value}), so it cannot be used",
    },
    "issue.not_a_number": {
        "id": "nilai {variable} bukan angka ({value})",
        "en": "{variable} is not a number ({value})",
    },
    "issue.not_a_number.target": {
        "id": "target untuk periode {period} bukan angka ({value})",
        "en": "the target for period {period} is not a number ({value})",
    },
    "issue.not_a_number.target_no_period": {
        "id": "target bukan angka ({value})",
        "en": "the target is not a number ({value})",
    },
    "issue.negative_value": {
        "id": "nilai {variable} negatif ({value}), padahal jumlah tidak boleh kurang dari nol",
        "en": "{variable} is negative ({value}); a count or amount cannot be below zero",
    },
    "issue.not_integer": {
        "id": "nilai {variable} harus bilangan bulat, bukan {value}",
        "en": "{variable} is a count and must be a whole number, not {value}",
    },
    "issue.out_of_scale": {
        "id": "nilai {variable} ({value}) di luar skala {lo} sampai {hi}",
        "en": "{variable} ({value}) is outside its scale {lo} to {hi}",
    },
    "issue.out_of_scale.value": {
        "id": "nilai indikator ({value}) di luar skala {lo} sampai {hi}",
        "en": "the indicator's value ({value}) is outside its scale {lo} to {hi}",
    },
    "issue.denominator_zero": {
        "id": "penyebut {variable} bernilai nol, sehingga nilai tidak dapat dihitung",
        "en": "the denominator {variable} is zero, so no value can be computed",
    },
    "issue.denominator_zero.in_sum": {
        "id": (
            "penyebut {variable} pada baris ini bernilai nol: rasio baris ini tidak dapat "
            "dihitung, tetapi angkanya tetap dijumlahkan"
        ),
        "en": (
            "the denominator {variable} of this row is zero: the row's own ratio cannot be "
            "computed, but its numbers are still summed"
        ),
    },
    "issue.numerator_exceeds_denominator": {
        "id": "pembilang ({numerator}) lebih besar dari penyebut ({denominator})",
        "en": "the numerator ({numerator}) is larger than the denominator ({denominator})",
    },
    "issue.numerator_exceeds_denominator.in_sum": {
        "id": (
            "pembilang ({numerator}) lebih besar dari penyebut ({denominator}) pada baris ini, "
            "sehingga jumlahnya tidak dapat dipakai"
        ),
        "en": (
            "the numerator ({numerator}) is larger than the denominator ({denominator}) in "
            "this row, so the sum cannot be used"
        ),
    },
    "issue.missing_target": {
        "id": "tidak ada target untuk periode {period}",
        "en": "no target for period {period}",
    },
    "issue.missing_target.none": {
        "id": "tidak ada target untuk indikator ini",
        "en": "no target was given for this indicator",
    },
    "issue.missing_target.no_period": {
        "id": (
            "target ditetapkan per tahun ({years}), tetapi periode data tidak diketahui: "
            "beri kolom period atau argumen period"
        ),
        "en": (
            "targets are given per year ({years}) but the data has no period: "
            "add a period column or pass period="
        ),
    },
    "issue.missing_target.duplicate": {
        "id": "target untuk periode {period} diberikan lebih dari sekali, sehingga tidak dipakai",
        "en": "the target for period {period} is given more than once, so none is used",
    },
    "issue.zero_target": {
        "id": "target bernilai nol, sehingga capaian tidak dapat dihitung",
        "en": "the target is zero, so no achievement can be computed",
    },
    "issue.duplicate_target": {
        "id": "target untuk periode {period} diberikan lebih dari sekali ({values})",
        "en": "the target for period {period} is given more than once ({values})",
    },
    "issue.unknown_indicator": {
        "id": "target diberikan untuk {indicator}, yang bukan indikator dari set ini",
        "en": "a target is given for {indicator}, which is not an indicator of this set",
    },
    "issue.unknown_indicator.hint": {
        "id": (
            "target diberikan untuk {indicator}, yang bukan indikator dari set ini "
            "(mungkin maksudnya {match}?)"
        ),
        "en": (
            "a target is given for {indicator}, which is not an indicator of this set "
            "(did you mean {match}?)"
        ),
    },
    "issue.unknown_variable": {
        "id": "kolom {variable} bukan variabel dari set ini",
        "en": "column {variable} is not a variable of this set",
    },
    "issue.duplicate_column": {
        "id": "kolom {variable} muncul {count} kali, sehingga tidak jelas mana yang dipakai",
        "en": "column {variable} appears {count} times, so which one to use is unclear",
    },
    "issue.ambiguous_number": {
        "id": "{value} dapat dibaca sebagai {one} atau {other}: tulis angka tanpa keraguan",
        "en": "{value} reads as {one} or as {other}: write the number unambiguously",
    },
    "issue.unreadable_cell": {
        "id": "sel tidak dapat dibaca ({value})",
        "en": "the cell cannot be read ({value})",
    },
    "issue.bad_period": {
        "id": "periode {value} tidak terbaca: tulis tahun (2025), triwulan (2025-Q1, TW I 2025) "
        "atau bulan (2025-03)",
        "en": "period {value} cannot be read: write a year (2025), a quarter (2025-Q1, "
        "TW I 2025) or a month (2025-03)",
    },
    "issue.bad_period.missing": {
        "id": "baris tanpa periode: tidak dipakai",
        "en": "a row without a period: not used",
    },
    "issue.bad_period.kind": {
        "id": "periode {value} adalah {kind}, padahal data tahun {year} per {parts}: tidak dipakai",
        "en": "period {value} is a {kind}, while the data of {year} are by {parts}: not used",
    },
    "issue.bad_period.target": {
        "id": "target dengan periode {value} tidak terbaca: tulis 2025, 2025-Q1 atau 2025-03",
        "en": "a target's period {value} cannot be read: write 2025, 2025-Q1 or 2025-03",
    },
    "issue.period_gap": {
        "id": "tidak ada data untuk {period}, padahal ada data {later}: nilai s.d. periode "
        "itu tidak dihitung (bukan nol)",
        "en": "no data for {period} though there are data for {later}: the year to date from "
        "it on is not computed (it is not zero)",
    },
    "issue.inconsistent_targets": {
        "id": "target {period} ({part_target}) tidak mencapai target tahun {year} ({target})",
        "en": "the target of {period} ({part_target}) does not reach the target of {year} "
        "({target})",
    },
    "issue.accumulation_assumed": {
        "id": "cara akumulasi {variable} tidak dinyatakan: dipakai {accumulation} ({reason})",
        "en": "the accumulation of {variable} is not stated: {accumulation} is used ({reason})",
    },
    "issue.accumulation_assumed.denominator": {
        "id": "cara akumulasi {variable} tidak dinyatakan: dipakai nilai terakhir (last), karena "
        "penyebut biasanya stok (jumlah penduduk, terdaftar); nyatakan accumulation di set",
        "en": "the accumulation of {variable} is not stated: its last value is used, as a "
        "denominator is usually a stock (a population, a register); state accumulation in the set",
    },
    "issue.accumulation_assumed.flow": {
        "id": "cara akumulasi {variable} tidak dinyatakan: nilai per periode dijumlahkan (sum), "
        "sebagai arus (jumlah kasus, layanan); nyatakan accumulation di set",
        "en": "the accumulation of {variable} is not stated: the parts are added up (sum), as a "
        "flow (cases, services); state accumulation in the set",
    },
    "issue.accumulation_assumed.score": {
        "id": "cara akumulasi {variable} tidak dinyatakan: dipakai nilai terakhir (last), karena "
        "skor tidak dijumlahkan; nyatakan accumulation di set",
        "en": "the accumulation of {variable} is not stated: its last value is used, as a score "
        "does not add up; state accumulation in the set",
    },
    "issue.zero_value": {
        "id": (
            "realisasi bernilai nol, sehingga capaian (target / realisasi) tidak dapat dihitung"
        ),
        "en": "the realisasi is zero, so no capaian (target / realisasi) can be computed",
    },
    "issue.realisasi_mismatch": {
        "id": (
            "realisasi yang diisi langsung di kolom {variable} ({given}) berbeda dengan hasil "
            "hitung dari komponennya ({computed})"
        ),
        "en": (
            "the realisasi given in column {variable} ({given}) differs from the one computed "
            "from its parts ({computed})"
        ),
    },
    "issue.realisasi_not_summed": {
        "id": (
            "realisasi di kolom {variable} diisi langsung pada beberapa baris kelompok ini dan "
            "tidak dapat dijumlahkan; realisasi dihitung dari komponennya"
        ),
        "en": (
            "the realisasi in column {variable} is given on several rows of this group and "
            "cannot be summed; it is computed from its parts"
        ),
    },
    "issue.left_out": {
        "id": "{which} tidak ikut dalam capaian sasaran {sasaran}: {reason}",
        "en": "{which} is left out of the capaian of sasaran {sasaran}: {reason}",
    },
}

_ISSUE_PEMDA: Final[dict[str, Entry]] = {
    # issue.<code> of the Pemda view: links between sets (cascading.py) and the budget (budget.py)
    "issue.unresolved_link": {
        "id": (
            "{source} mendukung {target}, tetapi set {set} tidak ada di antara set yang diperiksa"
        ),
        "en": "{source} supports {target}, but the set {set} is not among the sets checked",
    },
    "issue.unresolved_link.code": {
        "id": "{source} mendukung {target}, tetapi set {set} tidak punya indikator {code}",
        "en": "{source} supports {target}, but the set {set} has no indicator {code}",
    },
    "issue.unresolved_link.hint": {
        "id": (
            "{source} mendukung {target}, tetapi set {set} tidak punya indikator {code} "
            "(mungkin maksudnya {match}?)"
        ),
        "en": (
            "{source} supports {target}, but the set {set} has no indicator {code} "
            "(did you mean {match}?)"
        ),
    },
    "issue.cycle": {
        "id": "tautan dukungan berputar kembali ke {source}: {path}",
        "en": "the links of support go round back to {source}: {path}",
    },
    "issue.unsupported": {
        "id": "{target} (indikator teratas) tidak didukung oleh indikator mana pun",
        "en": "{target} (a top indicator) is supported by no indicator",
    },
    "issue.orphan": {
        "id": "{source} tidak mendukung indikator mana pun di atasnya",
        "en": "{source} supports no higher indicator",
    },
    "issue.budget_over_ceiling": {
        "id": "realisasi anggaran {sasaran} ({realisasi}) melebihi pagu ({pagu})",
        "en": "the spending of {sasaran} ({realisasi}) is above its ceiling ({pagu})",
    },
    "issue.unknown_indicator.budget": {
        "id": "anggaran diberikan untuk {indicator}, yang bukan indikator dari set ini",
        "en": "a budget is given for {indicator}, which is not an indicator of this set",
    },
    "issue.unknown_indicator.budget_hint": {
        "id": (
            "anggaran diberikan untuk {indicator}, yang bukan indikator dari set ini "
            "(mungkin maksudnya {match}?)"
        ),
        "en": (
            "a budget is given for {indicator}, which is not an indicator of this set "
            "(did you mean {match}?)"
        ),
    },
    "issue.ambiguous_number.against": {
        "id": (
            '{value} ditulis dengan tanda desimal "{mark}", padahal kolom {variable} memakai '
            "tanda yang lain: sel ini tidak dipakai"
        ),
        "en": (
            '{value} is written with the decimal mark "{mark}", but the column {variable} uses '
            "the other one: the cell is not used"
        ),
    },
    "issue.denominator_zero.pagu": {
        "id": "pagu {sasaran} bernilai nol, sehingga serapan anggaran tidak dapat dihitung",
        "en": "the ceiling (pagu) of {sasaran} is zero, so no absorption can be computed",
    },
    "issue.unknown_sasaran": {
        "id": "anggaran diberikan untuk sasaran {sasaran}, yang bukan sasaran dari set ini",
        "en": "a budget is given for sasaran {sasaran}, which is not a sasaran of this set",
    },
    "issue.unknown_sasaran.hint": {
        "id": (
            "anggaran diberikan untuk sasaran {sasaran}, yang bukan sasaran dari set ini "
            "(mungkin maksudnya {match}?)"
        ),
        "en": (
            "a budget is given for sasaran {sasaran}, which is not a sasaran of this set "
            "(did you mean {match}?)"
        ),
    },
}

_MONITOR: Final[dict[str, Entry]] = {
    "monitor.title": {"id": "Pemantauan Capaian Kinerja", "en": "Performance monitoring"},
    "monitor.subtitle": {
        "id": "Tahun {year}, per {parts}, s.d. {last}",
        "en": "Year {year}, by {parts}, up to {last}",
    },
    "monitor.parts_quarter": {"id": "triwulan", "en": "quarter"},
    "monitor.parts_month": {"id": "bulan", "en": "month"},
    "monitor.parts_year": {"id": "tahun", "en": "year"},
    "monitor.period": {"id": "Periode", "en": "Period"},
    "monitor.indicator": {"id": "Indikator Kinerja", "en": "Performance indicator"},
    "monitor.unit": {"id": "Satuan", "en": "Unit"},
    "monitor.target": {"id": "Target tahun", "en": "Year's target"},
    "monitor.value": {"id": "Realisasi s.d. periode", "en": "Actual to date"},
    "monitor.achievement": {"id": "Capaian (%)", "en": "Achievement (%)"},
    "monitor.period_target": {"id": "Target periode (RA)", "en": "Target to date (plan)"},
    "monitor.period_achievement": {
        "id": "Capaian thd target periode (%)",
        "en": "Achievement to date vs plan (%)",
    },
    "monitor.projected_value": {"id": "Proyeksi akhir tahun", "en": "Year-end projection"},
    "monitor.projected_achievement": {
        "id": "Capaian proyeksi (%)",
        "en": "Projected achievement (%)",
    },
    "monitor.projected_category": {"id": "Predikat proyeksi", "en": "Projected category"},
    "monitor.needed": {"id": "Masih diperlukan", "en": "Still needed"},
    "monitor.warning": {"id": "Peringatan dini", "en": "Early warning"},
    "monitor.warning_yes": {
        "id": "⚠ di bawah {band}",
        "en": "⚠ below {band}",
    },
    "monitor.warning_no": {"id": "aman", "en": "on track"},
    "monitor.key": {"id": "Unit: {keys}", "en": "Unit: {keys}"},
    "monitor.more_keys": {
        "id": "... dan {n} unit lainnya (lihat to_frame() atau --format csv)",
        "en": "... and {n} more units (see to_frame() or --format csv)",
    },
    "monitor.issues": {"id": "Masalah data", "en": "Data issues"},
    "monitor.rows_more": {"id": "dan {n} baris lain", "en": "and {n} more rows"},
    "monitor.no_issues": {"id": "Tidak ada masalah data.", "en": "No data issues."},
    "monitor.more_issues": {
        "id": "... dan {n} masalah lainnya",
        "en": "... and {n} more issues",
    },
    "monitor.method": {"id": "Cara perhitungan", "en": "Method"},
    "monitor.ytd_rule": {
        "id": "Realisasi s.d. periode dibentuk dari nilai tiap periode menurut cara akumulasi "
        "tiap variabel; rasio dihitung dari pembilang dan penyebut s.d. periode.",
        "en": "The actual to date is formed from each part's values by each variable's "
        "accumulation; a ratio is formed from the numerator and denominator to date.",
    },
    "monitor.needed_rule": {
        "id": "Masih diperlukan: tambahan pembilang (untuk rasio, dengan penyebut pada "
        "proyeksi akhir tahun) atau tambahan nilai (indikator satu variabel) agar target tahun "
        "tercapai; 0 berarti target sudah tercapai.",
        "en": "Still needed: the numerator to add (for a ratio, with the denominator at its "
        "year-end projection) or the value to add (an indicator of one variable) to reach the "
        "year's target; 0 means the target is reached.",
    },
    "monitor.accumulation": {"id": "Cara akumulasi", "en": "Accumulation"},
    "monitor.accumulation_line": {"id": "{variable}: {how}", "en": "{variable}: {how}"},
    "monitor.accumulation_assumed": {
        "id": "{variable}: {how} (tidak dinyatakan di set; dipilih aturan bawaan)",
        "en": "{variable}: {how} (not stated in the set; chosen by the default rule)",
    },
    "monitor.how_sum": {"id": "dijumlahkan (arus)", "en": "added up (a flow)"},
    "monitor.how_last": {"id": "nilai terakhir (stok)", "en": "last value (a stock)"},
    "monitor.how_mean": {"id": "rata-rata", "en": "mean"},
    "monitor.how_max": {"id": "nilai tertinggi", "en": "maximum"},
    "monitor.how_min": {"id": "nilai terendah", "en": "minimum"},
    "monitor.chart": {
        "id": "Realisasi s.d. periode (garis), jalur target (abu-abu) dan proyeksi (putus-putus)",
        "en": "Actual to date (line), target path (grey) and projection (dashed)",
    },
    "monitor.legend_value": {"id": "realisasi s.d. periode", "en": "actual to date"},
    "monitor.legend_target": {"id": "jalur target", "en": "target path"},
    "monitor.legend_projection": {"id": "proyeksi", "en": "projection"},
    "monitor.no_rows": {
        "id": "Tidak ada data untuk tahun {year}.",
        "en": "No data for the year {year}.",
    },
    "monitor.projection": {
        "id": "Proyeksi akhir tahun: variabel arus (dijumlahkan) diteruskan dengan laju "
        "rata-rata per periode sejauh ini; variabel stok dan skor tetap pada nilai terakhirnya.",
        "en": "Year-end projection: flows (added up) continue at their average pace so far; "
        "stocks and scores stay at their last value.",
    },
}

# cascading.py, budget.py, pemda.py: the Pemda view (links between sets, budget, every OPD).
_PEMDA: Final[dict[str, Entry]] = {
    "pemda.supports": {"id": "Mendukung", "en": "Supports"},
    "pemda.cascade_title": {"id": "Pohon Kinerja", "en": "Performance tree"},
    "pemda.sets": {"id": "Set yang diperiksa", "en": "Sets checked"},
    "pemda.top_set": {"id": "set teratas", "en": "top set"},
    "pemda.period": {"id": "Capaian periode {period}", "en": "Achievement of {period}"},
    "pemda.no_figures": {
        "id": "Tanpa evaluasi: hanya tautan yang diperiksa.",
        "en": "No evaluations: only the links are checked.",
    },
    "pemda.issues": {"id": "Masalah tautan", "en": "Link issues"},
    "pemda.no_issues": {"id": "Tidak ada masalah tautan.", "en": "No link issues."},
    "pemda.tree": {"id": "Pohon", "en": "Tree"},
    "pemda.links": {"id": "Tautan", "en": "Links"},
    "pemda.no_links": {"id": "Tidak ada tautan.", "en": "No links."},
    "pemda.unlinked": {
        "id": "Tidak terhubung ke indikator teratas",
        "en": "Not connected to a top indicator",
    },
    "pemda.weakest": {"id": "pendukung terlemah", "en": "weakest supporter"},
    "pemda.unsupported": {"id": "tidak didukung", "en": "not supported"},
    "pemda.orphan": {"id": "tidak mendukung apa pun", "en": "supports nothing"},
    "pemda.missing": {"id": "tidak ditemukan", "en": "not found"},
    "pemda.circle": {"id": "berputar", "en": "in a circle"},
    "pemda.seen": {"id": "lihat di atas", "en": "see above"},
    "pemda.achievement": {"id": "capaian {value} %", "en": "achievement {value} %"},
    "pemda.from": {"id": "Indikator pendukung", "en": "Supporting indicator"},
    "pemda.to": {"id": "Indikator yang didukung", "en": "Supported indicator"},
    "pemda.resolved": {"id": "Ditemukan", "en": "Found"},
    "pemda.from_achievement": {"id": "Capaian pendukung (%)", "en": "Supporter's achievement (%)"},
    "pemda.to_achievement": {"id": "Capaian yang didukung (%)", "en": "Supported achievement (%)"},
    "pemda.yes": {"id": "ya", "en": "yes"},
    "pemda.no": {"id": "tidak", "en": "no"},
    "pemda.chart": {
        "id": "Pohon kinerja: panah dari indikator pendukung ke indikator yang didukungnya",
        "en": "Performance tree: arrows from each supporting indicator to what it supports",
    },
    "pemda.legend_weakest": {
        "id": "bingkai merah tebal: pendukung terlemah",
        "en": "thick red frame: weakest supporter",
    },
    "pemda.summary_title": {
        "id": "Ringkasan Capaian Kinerja Perangkat Daerah",
        "en": "Performance summary of the regional agencies (OPD)",
    },
    "pemda.summary_period": {
        "id": "Periode {period} · {n} perangkat daerah",
        "en": "Period {period} · {n} agencies",
    },
    "pemda.summary_order": {
        "id": (
            "Urutan: yang gagal dievaluasi lebih dulu, lalu menurut rata-rata capaian dari yang "
            "terendah. Rata-rata capaian: rata-rata capaian indikatornya pada periode ini, menurut "
            "aturan set-nya (rata-rata biasa, kecuali set menyatakan rata-rata tertimbang)."
        ),
        "en": (
            "Order: those that could not be evaluated first, then by mean achievement from the "
            "lowest. Mean achievement: the mean of its indicators' achievement in the period, by "
            "its set's rules (the plain mean, unless the set says weighted)."
        ),
    },
    "pemda.budget_from": {
        "id": "anggaran dibaca dari lembar anggaran di {path}",
        "en": "budget read from the anggaran sheet of {path}",
    },
    "pemda.site_needs_html": {
        "id": "--output {path} adalah folder: laporan per perangkat daerah ditulis sebagai html",
        "en": "--output {path} is a folder: the reports per agency are written as html",
    },
    "pemda.all_or_set": {
        "id": "berikan SET, atau --all FOLDER untuk semua perangkat daerah, tidak keduanya",
        "en": "give SET, or --all FOLDER for every agency, not both",
    },
    "pemda.summary_sheet": {"id": "ringkasan", "en": "summary"},
    "pemda.opd": {"id": "Perangkat Daerah", "en": "Agency"},
    "pemda.set": {"id": "Set", "en": "Set"},
    "pemda.indicators": {"id": "Indikator", "en": "Indicators"},
    "pemda.mean": {"id": "Rata-rata capaian (%)", "en": "Mean achievement (%)"},
    "pemda.no_achievement": {"id": "Tanpa capaian", "en": "No achievement"},
    "pemda.errors": {"id": "Kesalahan data", "en": "Data errors"},
    "pemda.warnings": {"id": "Peringatan", "en": "Warnings"},
    "pemda.status": {"id": "Status", "en": "Status"},
    "pemda.status_ok": {"id": "dievaluasi", "en": "evaluated"},
    "pemda.status_failed": {"id": "gagal", "en": "failed"},
    "pemda.failures": {"id": "Gagal dievaluasi", "en": "Not evaluated"},
    "pemda.eff_title": {
        "id": "Analisis efisiensi penggunaan anggaran",
        "en": "Analysis of the efficiency of the budget",
    },
    "pemda.eff_method": {
        "id": (
            "Serapan = realisasi anggaran / pagu x 100. Efisiensi = capaian sasaran - serapan "
            "(poin): Efisien di atas 5 poin (> 5), Cukup Efisien dari -5 sampai 5 (>= -5), Tidak "
            "Efisien di bawah -5 (skala EFISIENSI). Biaya per unit: realisasi anggaran dibagi "
            "jumlah yang dihitung indikatornya."
        ),
        "en": (
            "Absorption = spending / ceiling x 100. Efficiency = achievement of the sasaran - "
            "absorption (points): Efficient above 5 points (> 5), Fairly efficient from -5 to 5 "
            "(>= -5), Not efficient below -5 (the EFISIENSI scale). Cost per unit: spending "
            "divided by what the indicator counts."
        ),
    },
    "pemda.eff_sheet": {"id": "efisiensi", "en": "efficiency"},
    "pemda.eff_sasaran": {"id": "Sasaran", "en": "Sasaran"},
    "pemda.eff_period": {"id": "Periode", "en": "Period"},
    "pemda.eff_pagu": {"id": "Pagu", "en": "Ceiling (pagu)"},
    "pemda.eff_realisasi": {"id": "Realisasi anggaran", "en": "Spending"},
    "pemda.eff_absorption": {"id": "Serapan (%)", "en": "Absorption (%)"},
    "pemda.eff_achievement": {"id": "Capaian sasaran (%)", "en": "Achievement (%)"},
    "pemda.eff_efficiency": {"id": "Efisiensi (poin)", "en": "Efficiency (points)"},
    "pemda.eff_category": {"id": "Kategori", "en": "Category"},
    "pemda.eff_cost": {"id": "Biaya per unit", "en": "Cost per unit"},
    "pemda.eff_cost_unit": {"id": "Unit yang dihitung", "en": "Unit counted"},
    "pemda.legend_missing": {
        "id": "garis putus-putus: tautan ke indikator yang tidak ditemukan",
        "en": "dashed line: a link to an indicator not found",
    },
}


# sql.py and backends/sql*.py: what a query needs to be told.
_SQL: Final[dict[str, Entry]] = {
    "sql.keys_needed": {
        "id": "to_sql tidak melihat tabel {table}, jadi tidak tahu kolom mana yang mengenali "
        "setiap baris: sebutkan dengan keys=[...] (sertakan 'period' bila ada kolom periode; "
        "keys=[] bila tidak ada), atau berikan kolom tabel dengan columns=, atau kelompokkan "
        "dengan by=; evaluate_sql membaca kolom dari basis data sendiri",
        "en": "to_sql does not see the table {table}, so it cannot tell which columns identify "
        "a row: name them with keys=[...] (with 'period' for a period column; keys=[] for "
        "none), or give the table's columns with columns=, or group with by=; evaluate_sql "
        "reads the columns from the database itself",
    },
    "sql.keys_with_by": {
        "id": "keys= menyebut kolom kunci kueri tanpa pengelompokan; dengan by=, kolom by "
        "adalah kuncinya (dan 'period', bila ada)",
        "en": "keys= names the key columns of an ungrouped query; with by=, the by columns "
        "are the keys (and 'period', where there is one)",
    },
    "sql.cli_keys_needed": {
        "id": "iku sql tidak melihat tabel {table}: sebutkan kolom yang mengenali setiap baris "
        "dengan --key KOLOM (juga --key period bila ada kolom periode), atau kelompokkan "
        "dengan --by KOLOM",
        "en": "iku sql does not see the table {table}: name the columns that identify a row "
        "with --key COLUMN (and --key period for a period column), or group with --by COLUMN",
    },
    "sql.not_finite": {
        "id": "{value} bukan bilangan terhingga dan tidak ditulis ke SQL ({where})",
        "en": "{value} is not a finite number and is not written into SQL ({where})",
    },
    "sql.year_by_and_keys": {
        "id": "year= (to_sql, evaluate_sql) menghitung nilai s.d. periode per kelompok kunci: "
        "sebutkan kolomnya dengan by= atau keys=, tidak keduanya",
        "en": "year= (to_sql, evaluate_sql) forms the year to date per group of key columns: "
        "name them with by= or keys=, not both",
    },
    "sql.year_with_period": {
        "id": "year= (to_sql, evaluate_sql) tidak memakai period=: setiap baris membawa "
        "periodenya (2025-Q1 atau 2025-03) di kolom 'period'",
        "en": "year= (to_sql, evaluate_sql) takes no period=: each row gives its own period "
        "(2025-Q1 or 2025-03) in its 'period' column",
    },
}

_YEARS: Final[dict[str, Entry]] = {
    "years.title": {
        "id": "Perbandingan dengan tahun sebelumnya dan target akhir Renstra ({end})",
        "en": "Compared with earlier years and the target at the end of the plan ({end})",
    },
    "years.value": {"id": "Realisasi {year}", "en": "Actual {year}"},
    "years.trend": {"id": "Tren", "en": "Trend"},
    "years.end_target": {
        "id": "Target akhir Renstra ({year})",
        "en": "Target at the end of the plan ({year})",
    },
    "years.end_achievement": {
        "id": "Capaian thd target akhir Renstra (%)",
        "en": "Achievement vs the plan's end target (%)",
    },
    "years.better": {"id": "▲ membaik", "en": "▲ better"},
    "years.worse": {"id": "▼ memburuk", "en": "▼ worse"},
    "years.same": {"id": "= tetap", "en": "= same"},
}

CATALOGUE: Final[Mapping[str, Entry]] = {
    **_CLI,
    **_SQL,
    **_EXAMPLES,
    **_ERROR,
    **_IO,
    **_REPORT,
    **_PERIOD,
    **_ISSUE,
    **_ISSUE_PEMDA,
    **_MONITOR,
    **_YEARS,
    **_PEMDA,
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
