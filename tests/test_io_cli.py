"""The command line reads files as the library does: ``--decimal`` and ``--encoding`` choose how,
and every problem found while reading is named with its place and makes the exit code 1."""

from __future__ import annotations

from pathlib import Path

import pytest

from iku.cli import main

MADIUN = "kota-madiun.dinsosppa.2025-2026"
HEADER = "kecamatan,period,psks_diberdayakan,psks,ipp"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_number_in_doubt_exits_1_naming_its_line_and_the_report_is_still_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the first version read "1.500" as 1.5: capaian 0.09 %, "Sangat Rendah", exit 0
    data = tmp_path / "d.csv"
    data.write_text(f'{HEADER}\nTaman,2025,45,50,"4.000"\nKejuron,2025,40,"1.500",4\n', "utf-8")
    code, out, _ = run(capsys, "evaluate", MADIUN, "--data", str(data), "--lang", "en")
    assert code == 1
    assert "psks is written '1.500'" in out
    assert "(d.csv:3)" in out  # its line in the file
    assert "IKU-2" in out


def test_decimal_comma_reads_the_same_file_as_its_writer_meant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "d.csv"
    data.write_text(f'{HEADER}\nTaman,2025,"1.045","1.050","4,05"\n', "utf-8")
    _, out, err = run(
        capsys, "evaluate", MADIUN, "--data", str(data), "--decimal", ",", "--format", "json"
    )
    assert "ambiguous_number" not in out + err
    assert '"numerator": 1045' in out.replace(".0,", ",")


def test_a_targets_file_with_a_bad_row_reads_the_rest_and_exits_1_naming_the_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "d.csv"
    data.write_text(f"{HEADER}\nTaman,2025,45,50,4\n", "utf-8")
    targets = tmp_path / "t.csv"
    targets.write_text(
        "indicator,period,target\nIKU-2,2025,80\nIKU2,2025,80\nIKU-7,2025,sembilan\n", "utf-8"
    )
    code, out, _ = run(
        capsys, "evaluate", MADIUN, "-d", str(data), "-t", str(targets), "--lang", "en"
    )
    assert code == 1
    assert "indicator 'IKU2' is not in the set; its target is not used (did you mean IKU-2?)" in out
    assert "112.50" in out  # IKU-2 still has its target


def test_an_encoding_is_named_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "d.csv"
    data.write_bytes(f"{HEADER}\nMangù,2025,45,50,4\n".encode("cp1252"))
    code, _, err = run(capsys, "evaluate", MADIUN, "-d", str(data), "--lang", "en")
    assert code == 2
    assert "line 2: not UTF-8" in err
    code, out, _ = run(
        capsys,
        "evaluate",
        MADIUN,
        "-d",
        str(data),
        "--encoding",
        "cp1252",
        "--by",
        "kecamatan",
        "--format",
        "json",
    )
    assert '"kecamatan": "Mangù"' in out


def test_a_target_given_as_text_alone_is_in_the_report_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the first version made it a warning and exited 0; later it was left out of the report
    from iku.examples import example_files

    data = example_files(MADIUN, "data").data
    targets = tmp_path / "t.csv"
    targets.write_text("indicator,period,target\nIKU-2,2025,sembilan puluh\n", "utf-8")
    code, out, _ = run(
        capsys, "evaluate", MADIUN, "-d", str(data), "-t", str(targets), "--lang", "en"
    )
    assert code == 1
    assert "is not a number ('sembilan puluh'); it is not used (t.csv:2)" in out
