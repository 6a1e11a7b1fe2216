"""The ``iku`` command line: every command and format end to end on real files, the exit codes
(0 clean, 1 data errors with the report still written, 2 usage or unreadable file) and one-line
errors without a traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest

from iku import dump_set, evaluate, get_set
from iku.cli import main
from iku.io import read_data, read_targets
from iku.report import records, result_records

MADIUN = "kota-madiun.dinsosppa.2025-2026"
VALUES = {
    "pmks_dilindungi": 850,
    "pmks_perlu_perlindungan": 1000,
    "psks_diberdayakan": 45,
    "psks": 50,
    "pmks_direhabilitasi": 300,
    "pmks_perlu_rehabilitasi": 400,
    "perempuan_pengambil_keputusan": 1200,
    "perempuan_usia_produktif": 60000,
    "keluarga_berkualitas": 700,
    "keluarga_disurvei": 1000,
    "pengaduan_diselesaikan": 38,
    "pengaduan": 40,
    "ipp": 4.2,
}
TARGETS = {"IKU-1": 80, "IKU-2": 85, "IKU-3": 70, "IKU-4": 2, "IKU-5": 75, "IKU-6": 95, "IKU-7": 4}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def filled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The set's template, made by ``iku template`` and filled in for 2025 (2026 left empty)."""
    path = tmp_path / "isian.xlsx"
    assert run(capsys, "template", MADIUN, "--output", str(path))[0] == 0
    wb = openpyxl.load_workbook(path)
    ws = wb["data"]
    for n, cell in enumerate(ws[1], start=1):
        if cell.value in VALUES:
            ws.cell(3, n).value = VALUES[cell.value]
    targets = wb["targets"]
    for row in range(2, targets.max_row + 1):
        code, year = targets.cell(row, 1).value, targets.cell(row, 2).value
        if year == 2025:
            targets.cell(row, 3).value = TARGETS[code]
    wb.save(path)
    return path


def test_list_prints_every_set_id_and_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith(MADIUN))
    assert "Dinas Sosial" in line


def test_show_writes_each_formula_in_words_and_symbols(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", MADIUN)
    assert code == 0
    for n in range(1, 8):
        assert f"IKU-{n}" in out
    assert "(PSKS yang diberdayakan) / (Jumlah PSKS) × 100" in out
    assert "psks_diberdayakan / psks * 100" in out
    assert "semakin tinggi semakin baik" in out
    assert "Laporan PSKS" in out
    assert "IPP_GRADES" in out
    code, out, _ = run(capsys, "show", MADIUN, "--lang", "en")
    assert "(Number of complaint cases resolved) / (Number of complaint cases) × 100" in out
    assert "higher is better" in out


def test_show_reads_a_set_file_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "madiun.toml"
    dump_set(get_set(MADIUN), path)
    code, out, _ = run(capsys, "show", str(path))
    assert code == 0
    assert "IKU-7" in out


def test_an_unknown_set_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "kota-nowhere.dinas.2025")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "kota-nowhere.dinas.2025" in err
    assert "Traceback" not in err


def test_check_accepts_a_valid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "madiun.toml"
    dump_set(get_set(MADIUN), path)
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0
    assert f"valid: set {MADIUN} dengan 7 indikator" in out


def test_check_lists_every_problem_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = dump_set(get_set(MADIUN))
    text = text.replace('numerator = "psks_diberdayakan"', 'numerator = "psks_aktif"')
    text = text.replace('code = "IKU-3"', 'code = "IKU-2"')
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--lang", "en")
    assert code == 1
    assert "not valid" in out
    assert "psks_aktif" in out
    assert "IKU-2" in out
    assert "twice" in out
    assert len([line for line in out.splitlines() if line.startswith("- ")]) >= 2


def test_check_of_a_missing_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / "none.toml"))
    assert code == 2
    assert "berkas tidak ada" in err


def test_template_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.xlsx"
    assert run(capsys, "template", MADIUN, "-o", str(path))[0] == 0
    code, _, err = run(capsys, "template", MADIUN, "-o", str(path))
    assert code == 2
    assert "--force" in err
    assert run(capsys, "template", MADIUN, "-o", str(path), "--force")[0] == 0
    code, _, err = run(capsys, "template", MADIUN, "-o", str(tmp_path / "t.csv"))
    assert code == 2
    assert "*.xlsx" in err


def test_evaluate_the_filled_template_prints_the_lkjip_table(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "evaluate", MADIUN, "--data", str(filled))
    assert code == 0, err
    assert "Tahun 2025" in out
    assert "Tahun 2026" not in out  # the empty year is skipped
    assert "| Predikat" in out
    assert "90,00 |" in out  # IKU-2: 45 / 50 * 100
    assert "4,20 (A-)" in out  # IKU-7 with its grade
    assert "targets" in err  # the template's own targets sheet was used


def test_every_format_reads_back(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    s = get_set(MADIUN)
    expected = evaluate(s, read_data(filled, s), targets=read_targets(filled, s))

    code, out, _ = run(capsys, "evaluate", MADIUN, "-d", str(filled), "-f", "json")
    assert code == 0
    document = json.loads(out)
    assert document["illustrative"] is False
    rows = document["results"]
    assert rows == result_records(expected)
    assert [r["indicator"] for r in rows] == list(s.codes)
    assert rows[1]["value"] == pytest.approx(90.0)
    assert rows[1]["achievement"] == pytest.approx(90 / 85 * 100)
    assert rows[1]["issues"] == []
    assert set(rows[0]) == set(records(expected.to_frame())[0])  # the fields of to_frame()

    code, out, _ = run(capsys, "evaluate", MADIUN, "-d", str(filled), "-f", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert [r["indicator"] for r in table] == list(s.codes)
    assert float(table[1]["value"]) == pytest.approx(90.0)

    code, out, _ = run(capsys, "evaluate", MADIUN, "-d", str(filled), "-f", "markdown")
    assert "## Tahun 2025" in out
    assert "| 2 | meningkatkan pemberdayaan sosial PSKS |" in out

    page = tmp_path / "laporan.html"
    code, out, _ = run(capsys, "evaluate", MADIUN, "-d", str(filled), "-o", str(page))
    assert code == 0
    assert out == ""
    html = page.read_text(encoding="utf-8")
    assert html.count('<tr class="indicator') == 7
    assert html.count('<g class="bar"') == 7

    book = tmp_path / "laporan.xlsx"
    code, _, _ = run(capsys, "evaluate", MADIUN, "-d", str(filled), "-o", str(book))
    assert code == 0
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["laporan", "hasil", "masalah", "indikator"]
    report = [r for r in wb["laporan"].iter_rows(values_only=True) if r[2] and "IKU-" in r[2]]
    assert len(report) == 7
    assert report[1][5] == pytest.approx(90.0)  # realisasi stays a number
    assert report[1][7] == "Sangat Tinggi"
    results = list(wb["hasil"].iter_rows(values_only=True))
    assert results[0][:3] == ("indikator", "periode", "realisasi")  # in the report's language
    assert len(results) == 8


def test_english_headings_and_messages(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "evaluate", MADIUN, "-d", str(filled), "--lang", "en")
    assert code == 0
    assert "Year 2025" in out
    assert "Achievement (%)" in out
    assert "90.00" in out
    assert "Very high" in out


def test_text_in_a_number_cell_exits_1_and_still_writes_the_report(
    filled: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = openpyxl.load_workbook(filled)
    ws = wb["data"]
    column = [c.value for c in ws[1]].index("psks") + 1
    ws.cell(3, column).value = "lima puluh"
    wb.save(filled)
    out_path = tmp_path / "laporan.md"
    code, out, err = run(capsys, "evaluate", MADIUN, "-d", str(filled), "-o", str(out_path))
    assert code == 1
    assert out == ""  # the report went to the file
    assert "1 masalah data" in err
    report = out_path.read_text(encoding="utf-8")
    cell = f"data!{openpyxl.utils.get_column_letter(column)}3"  # the issue names its cell
    assert f"IKU-2: nilai psks bukan angka ('lima puluh') ({cell})" in report
    assert "| 2 | meningkatkan pemberdayaan sosial PSKS |" in report
    assert "| 1 | meningkatkan perlindungan" in report  # the other indicators are kept


def test_a_missing_column_exits_1_and_names_the_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data.csv"
    data.write_text("period,psks_diberdayakan\n2025,45\n", encoding="utf-8")
    code, out, err = run(capsys, "evaluate", MADIUN, "-d", str(data), "--lang", "en")
    assert code == 1
    assert "has no column" in err
    assert "psks" in err
    assert "the data has no column psks, so no row has a value for it" in out  # once, not per row


def test_units_are_summed_per_period_unless_by_is_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data.csv"
    data.write_text(
        "kecamatan,period,psks_diberdayakan,psks\n"
        "Taman,2025,40,50\nKartoharjo,2025,5,50\nTaman,2026,45,50\nKartoharjo,2026,50,50\n",
        encoding="utf-8",
    )
    targets = tmp_path / "targets.csv"
    targets.write_text("indicator,period,target\nIKU-2,2025,80\nIKU-2,2026,80\n", encoding="utf-8")
    base = ["evaluate", MADIUN, "-d", str(data), "-t", str(targets), "-f", "json"]
    code, out, err = run(capsys, *base)
    rows = [r for r in json.loads(out)["results"] if r["indicator"] == "IKU-2"]
    assert [(r["period"], r["value"]) for r in rows] == [(2025, 45.0), (2026, 95.0)]
    assert code == 1  # the set's other variables are absent
    assert "--by kecamatan" in err
    code, out, _ = run(capsys, *base, "--by", "kecamatan")
    rows = [r for r in json.loads(out)["results"] if r["indicator"] == "IKU-2"]
    assert {(r["kecamatan"], r["period"]): r["value"] for r in rows} == {
        ("Taman", 2025): 80.0,
        ("Kartoharjo", 2025): 10.0,
        ("Taman", 2026): 90.0,
        ("Kartoharjo", 2026): 100.0,
    }
    code, out, _ = run(capsys, *base[:-2], "--by", "kecamatan", "--period", "2026")
    assert code == 1
    assert "Tahun 2026 · kecamatan Taman" in out
    assert "Tahun 2025 ·" not in out  # 2025 is not reported on its own...
    assert "Realisasi 2025" in out  # ...only beside 2026, in the comparison across years


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["evaluate", MADIUN], "perlu --data"),
        (["evaluate", "kota-nowhere.dinas.2025", "--data", "x.csv"], "kota-nowhere"),
        (["evaluate", MADIUN, "--data", "{tmp}/none.csv"], "none.csv: berkas tidak ada"),
        (["evaluate", MADIUN, "--data", "{tmp}/broken.xlsx"], "bukan buku kerja Excel"),
        (["evaluate", MADIUN, "-d", "{tmp}/broken.xlsx", "--lang", "en"], "not a readable Excel"),
        (["evaluate", MADIUN, "--data", "{tmp}/ok.csv", "-f", "xlsx"], "xlsx perlu --output"),
        (["evaluate", MADIUN, "--data", "{tmp}/ok.csv", "--by", "rt"], "tidak ada kolom rt"),
        (["evaluate", MADIUN, "--data", "{tmp}/ok.csv", "--period", "20x5"], "harus tahun"),
        (["evaluate", MADIUN, "--data", "{tmp}/ok.csv", "--period", "2030"], "periode 2030"),
        (["evaluate", MADIUN, "--data", "{tmp}/ok.csv", "-f", "pdf"], "pilihan tidak sah: 'pdf'"),
        (["evaluate", MADIUN, "-d", "{tmp}/ok.csv", "-f", "pdf", "--lang", "en"], "choice: 'pdf'"),
        (["evaluate", MADIUN, "-d", "{tmp}/ok.csv", "-o", "{tmp}/laporan.pdf"], "berkas .pdf"),
        (["evaluate", MADIUN, "-d", "{tmp}/ok.csv", "-o", "{tmp}/l.PNG", "--lang", "en"], ".png"),
        (["evaluate", MADIUN, "-d", "{tmp}/ok.csv", "-f", "csv", "-o", "{tmp}/l.xlsx"], ".xlsx"),
        (["evaluate", "--lang", "en"], "give SET, or --all FOLDER for every agency"),
        (["evaluate"], "berikan SET, atau --all FOLDER"),
        (["list", "extra"], "argumen tidak dikenal: extra"),
        (["evaluate", MADIUN, "--data"], "argumen --data/-d: perlu satu nilai"),
        (["evaluate", MADIUN, "--data", "{tmp}/ok.csv", "-t", "{tmp}/bad_t.csv"], "'kode' (2)"),
        (["frobnicate"], "pilihan tidak sah: 'frobnicate'"),
        (["frobnicate", "--lang", "en"], "invalid choice: 'frobnicate'"),
    ],
)
def test_usage_errors_and_unreadable_files_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    (tmp_path / "broken.xlsx").write_bytes(b"this is no workbook")
    (tmp_path / "ok.csv").write_text("period,psks\n2025,5\n", encoding="utf-8")
    (tmp_path / "bad_t.csv").write_text("indicator,kode\nIKU-1,5\n", encoding="utf-8")
    code, out, err = run(capsys, *(a.replace("{tmp}", str(tmp_path)) for a in argv))
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert out == ""


def test_an_unexpected_error_is_one_line_with_a_hint_and_debug_shows_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import iku.cli

    def broken(args: object) -> int:
        raise RuntimeError("something broke")

    monkeypatch.setitem(iku.cli._COMMANDS, "list", broken)
    code, _, err = run(capsys, "list")
    assert code == 2
    assert err == (
        "iku: kesalahan tak terduga: RuntimeError: something broke "
        "(jalankan dengan --debug untuk traceback)\n"
    )
    with pytest.raises(RuntimeError, match="something broke"):
        main(["list", "--debug"])


def test_sql_prints_a_query_that_runs_in_duckdb(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("sql", MADIUN, "--dialect", "duckdb", "--table", "isian", "--key", "kecamatan")
    code, out, _ = run(capsys, *args)
    assert code == 0
    con = duckdb.connect()
    frame = pd.DataFrame({"kecamatan": ["Taman"]} | {k: [v] for k, v in VALUES.items()})
    con.register("isian", frame)
    result = con.execute(out).fetchdf()
    row = result[result["indicator"] == "IKU-2"].iloc[0]
    assert row["kecamatan"] == "Taman"
    assert row["value"] == pytest.approx(90.0)


def test_sql_without_keys_or_by_asks_for_them(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "sql", MADIUN, "--dialect", "duckdb", "--table", "isian")
    assert (code, out) == (2, "")
    assert "--key KOLOM" in err
    assert "--by KOLOM" in err


def test_sql_by_keeps_years_apart_as_evaluate_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``iku sql --by kecamatan`` added 2025 and 2026 together and turned per-year targets
    into missing_target: the period stays a key, and the query agrees with evaluate()."""
    targets = tmp_path / "targets.csv"
    targets.write_text("indicator,period,target\nIKU-2,2025,80\nIKU-2,2026,95\n", "utf-8")
    code, out, _ = run(
        capsys, "sql", MADIUN, "--dialect", "duckdb", "--table", "isian", "--by", "kecamatan",
        "-t", str(targets),
    )  # fmt: skip
    assert code == 0
    rows = {k: [v, v, v] for k, v in VALUES.items()}
    frame = pd.DataFrame({"kecamatan": ["Taman"] * 3, "period": [2025, 2026, 2026]} | rows)
    con = duckdb.connect()
    con.register("isian", frame)
    result = con.execute(out).fetchdf()
    iku2 = result[result["indicator"] == "IKU-2"]
    assert iku2[["kecamatan", "period", "target"]].values.tolist() == [
        ["Taman", 2025, 80.0],
        ["Taman", 2026, 95.0],
    ]
    assert [list(codes) for codes in iku2["issues"]] == [[], []]
    want = evaluate(
        get_set(MADIUN), frame, by="kecamatan", targets={"IKU-2": {2025: 80, 2026: 95}}
    ).to_frame()
    want_iku2 = want[want["indicator"] == "IKU-2"]
    assert iku2["value"].tolist() == pytest.approx(want_iku2["value"].tolist())
    assert iku2["numerator"].tolist() == pytest.approx(want_iku2["numerator"].tolist())


def test_help_and_version_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "evaluate" in out
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.startswith("iku ")


def _iku(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("iku")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "iku"]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*command, *argv], cwd=cwd, capture_output=True, text=True, env=env, timeout=120
    )


def test_the_installed_entry_point_runs_and_stays_quiet_when_piped(
    filled: Path, tmp_path: Path
) -> None:
    done = _iku("evaluate", MADIUN, "--data", str(filled), "--format", "markdown", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "## Tahun 2025" in done.stdout
    assert "\r" not in done.stderr  # no progress bar when stderr is not a terminal
    assert "membaca" not in done.stderr


def test_python_dash_m_iku_gives_exit_2_and_no_traceback_for_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "data.parquet"
    bad.write_bytes(b"PAR1 but not really")
    done = subprocess.run(
        [sys.executable, "-m", "iku", "evaluate", MADIUN, "--data", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "bukan berkas Parquet yang dapat dibaca" in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("command", [["show", MADIUN], ["evaluate", MADIUN, "--example"]])
def test_a_reader_that_goes_away_ends_the_command_quietly(command: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader has gone before iku writes its first line (as `| head` does)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "iku", *command],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write)
    assert "Errno" not in done.stderr
    assert "Broken pipe" not in done.stderr
    assert "Traceback" not in done.stderr
    assert done.returncode == 141  # 128 + SIGPIPE, as a Unix tool reports it


def test_a_refused_output_suffix_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "laporan.pdf"
    code, _, err = run(capsys, "evaluate", MADIUN, "--example", "-o", str(output))
    assert code == 2
    assert ".md" in err
    assert ".xlsx" in err
    assert not output.exists()


def test_check_in_indonesian_says_when_the_problems_are_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = dump_set(get_set(MADIUN)).replace('code = "IKU-3"', 'code = "IKU-2"')
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert "tidak valid" in out
    assert "hanya tersedia dalam bahasa Inggris" in out
    code, out, _ = run(capsys, "check", str(path), "--lang", "en")
    assert "English only" not in out
    assert "bahasa" not in out


def test_an_unfilled_template_has_no_rows_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kosong.xlsx"
    assert run(capsys, "template", MADIUN, "-o", str(path))[0] == 0
    code, out, err = run(capsys, "evaluate", MADIUN, "--data", str(path), "--lang", "en")
    assert code == 2
    assert out == ""
    assert err == f"iku: {path}: no rows of data (every row is empty)\n"


def test_the_bundled_example_is_the_quick_start(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "evaluate", MADIUN, "--example")
    assert code == 0, err
    assert "Tahun 2025" in out
    assert "Tahun 2026" in out
    assert "kecamatan, kelurahan" in out  # the units summed per period, said in the report
    assert "Sangat Tinggi" in out


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_a_report_of_the_example_says_its_figures_are_illustrative(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    code, out, err = run(capsys, "evaluate", MADIUN, "--example", "-f", fmt)
    assert code == 0, err
    assert "Data ilustrasi, bukan data resmi" in out
    code, out, _ = run(capsys, "evaluate", MADIUN, "--example", "-f", fmt, "--lang", "en")
    assert "Illustrative data, not official figures" in out


def test_a_report_of_real_data_does_not_say_illustrative(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "evaluate", MADIUN, "--data", str(filled))
    assert code == 0
    assert "ilustrasi" not in out


def test_the_example_with_problems_exits_1_and_names_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys, "evaluate", MADIUN, "--example", "problems", "--by", "kelurahan", "-f", "json"
    )
    assert code == 1
    rows = json.loads(out)["results"]
    found = {
        (r["kelurahan"], r["period"], r["indicator"]): r["issues"] for r in rows if r["issues"]
    }
    assert found == {
        ("Kuncen", 2025, "IKU-6"): ["denominator_zero"],
        ("Klegen", 2025, "IKU-2"): ["numerator_exceeds_denominator"],
        ("Winongo", 2026, "IKU-5"): ["missing_value"],
    }
    code, _, err = run(capsys, "evaluate", MADIUN, "--example", "nope")
    assert code == 2
    assert "'nope'" in err
