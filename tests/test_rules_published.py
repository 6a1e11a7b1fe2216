"""Published LKjIP figures reproduce, through Python, the command line and SQL, each under the
rules its agency follows; and the Madiun set, under the default rules, is reported as before.

- LKjIP Kab. Manggarai Timur 2019 (p. 41, sasaran "Menurunnya Kematian Ibu Baru Melahirkan dan
  Anak Baru Lahir"): AKI 10 deaths in 5.350 live births = 186,9 per 100.000, printed 186
  (truncated), target 162, capaian 162 / 186 x 100 = 87,10; AKB 51 deaths = 9,53 per 1.000,
  target 9,20, capaian 9,20 / 9,53 x 100 = 96,54 (the capaian rounded half up: truncated it
  would read 87,09 and 96,53).
- SPKT Polda Jawa Tengah 2018: tingkat kepuasan masyarakat 90,83 % (31.991 satisfied of 35.221)
  against a target of 65 %: 139,738... printed 139,73 (truncated; rounded it would be 139,74).
- LKj-IP DP3AP2KB Kab. Lombok Tengah 2020: three capaian 100; 111,11; 77,78, RATA-RATA 96,30.
  The report's targets and realisasi are not in our sources: the inputs below are made to give
  those three capaian (100 of 100, 100 of 90, 70 of 90), which is all the mean depends on.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest

import iku
from iku import Rules, evaluate, get_set, loads_set
from iku.cli import main
from iku.report import build_report, to_html, to_markdown, to_text, write_excel

MANGGARAI_TIMUR = """
iku_format = 1

[set]
id = "kab-manggarai-timur.kesehatan.2019"
name = "Kutipan LKjIP Kabupaten Manggarai Timur 2019: kematian ibu dan bayi"
organization = "Pemerintah Kabupaten Manggarai Timur"
period = [2019]

[source]
title = "LKjIP Kabupaten Manggarai Timur Tahun 2019, halaman 41"

[rules]
lower = "inverse"
value_rounding = "truncate"
achievement_decimals = 2

[[variables]]
code = "kematian_ibu"
label = "Jumlah kematian ibu"

[[variables]]
code = "kematian_bayi"
label = "Jumlah kematian bayi"

[[variables]]
code = "kelahiran_hidup"
label = "Jumlah kelahiran hidup"

[[sasaran]]
code = "S-5"
name = "Menurunnya Kematian Ibu Baru Melahirkan dan Anak Baru Lahir"

[[sasaran.indicators]]
code = "AKI"
type = "ratio"
name = "Angka Kematian Ibu"
numerator = "kematian_ibu"
denominator = "kelahiran_hidup"
factor = 100000
unit = "per 100.000 KH"
polarity = "lower"
rules = { value_decimals = 0 }

[[sasaran.indicators]]
code = "AKB"
type = "ratio"
name = "Angka Kematian Bayi"
numerator = "kematian_bayi"
denominator = "kelahiran_hidup"
factor = 1000
unit = "per 1.000 KH"
polarity = "lower"
rules = { value_decimals = 2 }
"""
MANGGARAI_DATA = {"kematian_ibu": 10, "kematian_bayi": 51, "kelahiran_hidup": 5350}
MANGGARAI_TARGETS = {"AKI": 162, "AKB": 9.2}

SPKT = """
iku_format = 1

[set]
id = "polda-jateng.spkt.2018"
name = "Kutipan LKjIP SPKT Polda Jawa Tengah 2018"
organization = "SPKT Polda Jawa Tengah"
period = [2018]

[rules]
achievement_decimals = 2
achievement_rounding = "truncate"

[[variables]]
code = "puas"
label = "Jumlah responden yang puas"

[[variables]]
code = "responden"
label = "Jumlah responden"

[[sasaran]]
code = "S-1"
name = "Meningkatnya kepuasan masyarakat terhadap pelayanan Polri"

[[sasaran.indicators]]
code = "IKU-1"
type = "ratio"
name = "Tingkat kepuasan masyarakat terhadap Polri"
numerator = "puas"
denominator = "responden"
"""

LOMBOK_TENGAH = """
iku_format = 1

[set]
id = "kab-lombok-tengah.dp3ap2kb.2020"
name = "Ilustrasi satu sasaran LKj-IP DP3AP2KB Kabupaten Lombok Tengah 2020"
organization = "DP3AP2KB Kabupaten Lombok Tengah"
period = [2020]

[rules]
achievement_decimals = 2

[[variables]]
code = "a"
label = "a"
[[variables]]
code = "a_total"
label = "a (seluruhnya)"
[[variables]]
code = "b"
label = "b"
[[variables]]
code = "b_total"
label = "b (seluruhnya)"
[[variables]]
code = "c"
label = "c"
[[variables]]
code = "c_total"
label = "c (seluruhnya)"

[[sasaran]]
code = "S-1"
name = "Sasaran ilustrasi"

[[sasaran.indicators]]
code = "IKU-1"
type = "ratio"
name = "Indikator pertama"
numerator = "a"
denominator = "a_total"

[[sasaran.indicators]]
code = "IKU-2"
type = "ratio"
name = "Indikator kedua"
numerator = "b"
denominator = "b_total"

[[sasaran.indicators]]
code = "IKU-3"
type = "ratio"
name = "Indikator ketiga"
numerator = "c"
denominator = "c_total"
"""
LOMBOK_DATA = {"a": 50, "a_total": 50, "b": 100, "b_total": 100, "c": 70, "c_total": 100}
LOMBOK_TARGETS = {"IKU-1": 100, "IKU-2": 90, "IKU-3": 90}


# --- Python -------------------------------------------------------------------------------


def test_manggarai_timur_2019_aki_and_akb_reproduce_under_inverse_with_truncated_realisasi() -> (
    None
):
    ev = evaluate(loads_set(MANGGARAI_TIMUR), MANGGARAI_DATA, targets=MANGGARAI_TARGETS)
    assert (ev["AKI"].value, ev["AKI"].achievement) == (186.0, 87.1)
    assert (ev["AKB"].value, ev["AKB"].achievement) == (9.53, 96.54)
    assert ev.ok
    assert not ev.issues
    # the default rule (reflected) would say 85,19: the rule is what makes the figure
    s = loads_set(MANGGARAI_TIMUR)
    default = evaluate(s, MANGGARAI_DATA, targets=MANGGARAI_TARGETS, rules=Rules(lower="reflect"))
    assert default["AKI"].achievement == 85.19


def test_spkt_polda_jateng_2018_reproduces_truncated_from_the_counts_and_as_given() -> None:
    s = loads_set(SPKT)
    counts = evaluate(s, {"puas": 31991, "responden": 35221}, targets={"IKU-1": 65})
    given = evaluate(s, {"IKU-1": 90.83}, targets={"IKU-1": 65})
    both = evaluate(s, {"puas": 31991, "responden": 35221, "iku-1": 90.83}, targets={"IKU-1": 65})
    for ev in (counts, given, both):
        assert ev["IKU-1"].achievement == 139.73
        assert not ev.issues  # the counts agree with the percentage as printed
    assert given["IKU-1"].given
    assert both["IKU-1"].given
    assert not counts["IKU-1"].given
    rounded = evaluate(s, {"IKU-1": 90.83}, targets={"IKU-1": 65}, rules=Rules(
        achievement_rounding="half_up"))  # fmt: skip
    assert rounded["IKU-1"].achievement == 139.74


def test_lombok_tengah_2020_rata_rata_reproduces() -> None:
    ev = evaluate(loads_set(LOMBOK_TENGAH), LOMBOK_DATA, targets=LOMBOK_TARGETS)
    assert [ev[c].achievement for c in ("IKU-1", "IKU-2", "IKU-3")] == [100.0, 111.11, 77.78]
    (sasaran,) = ev.sasaran()
    assert sasaran.achievement == 96.3
    assert sasaran.category == "Sangat Tinggi"
    assert "| **RATA-RATA** |  |  |  | 96,30 | Sangat Tinggi |" in to_markdown(ev)


def test_published_figures_reproduce_in_sql_too() -> None:
    con = duckdb.connect()
    con.register("mt", pd.DataFrame([MANGGARAI_DATA]))
    found = iku.evaluate_sql(
        loads_set(MANGGARAI_TIMUR), con, "mt", targets=MANGGARAI_TARGETS
    ).set_index("indicator")
    assert found.loc["AKI", "achievement"] == 87.1
    assert found.loc["AKB", "achievement"] == 96.54
    assert found.loc["AKI", "value"] == 186.0
    con.register("spkt", pd.DataFrame([{"puas": 31991, "responden": 35221}]))
    found = iku.evaluate_sql(loads_set(SPKT), con, "spkt", targets={"IKU-1": 65})
    assert found["achievement"].tolist() == [139.73]


# --- the command line ---------------------------------------------------------------------


def _files(
    tmp: Path, text: str, data: dict[str, float], targets: dict[str, float], year: int
) -> list[str]:
    (tmp / "set.toml").write_text(text, encoding="utf-8")
    pd.DataFrame([{"period": year, **data}]).to_csv(tmp / "data.csv", index=False)
    rows = [{"indicator": c, "period": year, "target": t} for c, t in targets.items()]
    pd.DataFrame(rows).to_csv(tmp / "targets.csv", index=False)
    return [
        str(tmp / "set.toml"),
        "--data",
        str(tmp / "data.csv"),
        "--targets",
        str(tmp / "targets.csv"),
    ]


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "data", "targets", "year", "expected"),
    [
        (MANGGARAI_TIMUR, MANGGARAI_DATA, MANGGARAI_TARGETS, 2019, {"AKI": 87.1, "AKB": 96.54}),
        (SPKT, {"puas": 31991, "responden": 35221}, {"IKU-1": 65}, 2018, {"IKU-1": 139.73}),
        (LOMBOK_TENGAH, LOMBOK_DATA, LOMBOK_TARGETS, 2020,
         {"IKU-1": 100.0, "IKU-2": 111.11, "IKU-3": 77.78}),
    ],
)  # fmt: skip
def test_published_figures_reproduce_through_the_command_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    text: str,
    data: dict[str, float],
    targets: dict[str, float],
    year: int,
    expected: dict[str, float],
) -> None:
    args = _files(tmp_path, text, data, targets, year)
    records = json.loads(_cli(capsys, "evaluate", *args, "--format", "json"))["results"]
    assert {r["indicator"]: r["achievement"] for r in records} == expected


def test_the_terminal_report_shows_the_figures_the_rules_and_the_rata_rata(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = _files(tmp_path, MANGGARAI_TIMUR, MANGGARAI_DATA, MANGGARAI_TARGETS, 2019)
    out = _cli(capsys, "evaluate", *args, "--format", "table")
    assert "87,10" in out
    assert "96,54" in out
    assert re.search(r"\|\s+186\s+\|", out)  # the realisasi as printed: truncated
    assert (
        "Aturan capaian: capaian indikator semakin rendah semakin baik = target / realisasi" in out
    )
    assert "Aturan capaian AKI: " in out
    assert "dipotong menjadi 0 desimal" in out
    assert "RATA-RATA" in out
    assert "91,82" in out
    args = _files(tmp_path, LOMBOK_TENGAH, LOMBOK_DATA, LOMBOK_TARGETS, 2020)
    out = _cli(capsys, "evaluate", *args, "--format", "table")
    assert [line for line in out.splitlines() if "RATA-RATA " in line or "RATA-RATA|" in line]
    assert "96,30" in out


def test_iku_show_states_the_rules_always(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "set.toml"
    path.write_text(MANGGARAI_TIMUR, encoding="utf-8")
    out = _cli(capsys, "show", str(path))
    assert (
        "Aturan capaian: capaian indikator semakin rendah semakin baik = target / realisasi" in out
    )
    assert "realisasi dipotong menjadi 0 desimal sebelum capaian dihitung" in out  # AKI's own
    out = _cli(capsys, "show", "kota-madiun.dinsosppa.2025-2026")
    assert "Aturan capaian: PermenPANRB 8/2021 (bawaan)" in out
    out = _cli(capsys, "--lang", "en", "show", str(path))
    assert "Capaian rules: the capaian of a lower-is-better indicator is target / realisasi" in out


# --- the reports state the rules ----------------------------------------------------------


def test_every_report_format_states_the_rules_and_marks_a_given_realisasi(tmp_path: Path) -> None:
    ev = evaluate(loads_set(SPKT), {"IKU-1": 90.83}, targets={"IKU-1": 65})
    report = build_report(ev)
    rule = "Aturan capaian: capaian dipotong menjadi 2 desimal."
    assert rule in report.notes
    assert "* realisasi diisi langsung, tidak dihitung dari komponennya" in report.notes
    assert rule in to_text(report)
    assert "90,83*" in to_text(report)
    assert rule in to_markdown(report)
    assert "90,83\\*" in to_markdown(report)
    assert rule in to_html(report)
    assert "90,83*" in to_html(report)
    import openpyxl

    write_excel(ev, tmp_path / "r.xlsx", report=report)
    cells = [
        c for row in openpyxl.load_workbook(tmp_path / "r.xlsx")["laporan"].iter_rows() for c in row
    ]
    assert rule in [c.value for c in cells]
    assert any(c.value == 90.83 and c.number_format.endswith('"*"') for c in cells)


def test_a_capped_capaian_says_why_it_is_100_and_not_111() -> None:
    s = loads_set(LOMBOK_TENGAH.replace("achievement_decimals = 2", "cap = 100"))
    ev = evaluate(s, LOMBOK_DATA, targets=LOMBOK_TARGETS)
    assert ev["IKU-2"].achievement == 100.0
    assert "Aturan capaian: capaian paling tinggi 100 %." in to_text(ev)


# --- the Madiun set under the default rules -----------------------------------------------


def test_madiun_is_evaluated_exactly_as_before_under_the_default_rules() -> None:
    from iku.examples import example_files  # the example the command line reports

    s = get_set("kota-madiun.dinsosppa.2025-2026")
    assert s.rules == Rules()
    assert all(ind.rules is None and ind.weight == 1 for ind in s)
    example = example_files(s.id, "data")
    assert example.targets is not None
    data = pd.read_csv(example.data).drop(columns=["kecamatan", "kelurahan"])
    targets = pd.read_csv(example.targets)
    plain = evaluate(s, data, targets=targets, by=[])
    explicit = evaluate(s, data, targets=targets, by=[], rules=Rules(lower="reflect"))
    pd.testing.assert_frame_equal(plain.to_frame(), explicit.to_frame())


def test_the_madiun_report_only_gains_its_rata_rata_rows() -> None:
    import attrs

    s = get_set("kota-madiun.dinsosppa.2025-2026")
    data = {"period": [2025, 2026], **{v.code: [40, 41] for v in s.variables}}
    data["ipp"] = [4.1, 4.2]
    ev = evaluate(s, data, targets=dict.fromkeys(s.codes, 50))
    report = build_report(ev)
    assert report.notes == ()  # the default rules add no line
    without = attrs.evolve(
        report, tables=tuple(attrs.evolve(t, summaries=(), total=None) for t in report.tables)
    )
    for render in (to_text, to_markdown):
        lines = [line for line in render(report).splitlines() if "RATA-RATA" not in line]
        assert lines == render(without).splitlines()
    assert [row.label() for row in report.tables[0].summaries] == ["RATA-RATA"] * 6
    assert report.tables[0].total is not None
    assert report.tables[0].total.label() == ("RATA-RATA SELURUH IKU")


@pytest.mark.parametrize("header", ["IKU-1", "iku-1"])
def test_a_published_percentage_reproduces_through_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], header: str
) -> None:
    args = _files(tmp_path, SPKT, {"puas": 31991, "responden": 35221}, {"IKU-1": 65}, 2018)
    (tmp_path / "data.csv").write_text(f"period;{header}\n2018;90,83\n", encoding="utf-8")
    records = json.loads(_cli(capsys, "evaluate", *args, "--format", "json"))["results"]
    assert [(r["indicator"], r["value"], r["achievement"]) for r in records] == [
        ("IKU-1", 90.83, 139.73)
    ]
    out = _cli(capsys, "evaluate", *args, "--format", "markdown")
    assert "90,83\\*" in out
    assert "realisasi diisi langsung" in out
