"""Every OPD at once: evaluate_all and evaluate_folder, one OPD's broken file never stopping the
others, the summary worst first in every format, a site of reports; and the command line:
``iku evaluate --all DIR`` and ``iku cascade``."""

from __future__ import annotations

import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pandas as pd
import polars as pl
import pytest

import iku
from iku import ArgumentError, Pemda, evaluate_all, evaluate_folder
from iku.cli import main
from iku.examples import example_files

RPJMD = "kota-madiun.rpjmd.2025-2029"
MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of OPD files named by set id, as a Bappeda would collect them: the two bundled
    examples, a set of one's own with its data, and two broken OPDs."""
    root = tmp_path / "opd"
    root.mkdir()
    for set_id in (RPJMD, MADIUN):
        example = example_files(set_id)
        shutil.copy(example.data, root / f"{set_id}.csv")
        assert example.targets is not None
        shutil.copy(example.targets, root / f"{set_id}.targets.csv")
        if example.budget is not None:
            shutil.copy(example.budget, root / f"{set_id}.budget.csv")
    own = iku.IndicatorSet(
        "kota-madiun.dinkes.2025",
        "IKU Dinas Kesehatan (contoh)",
        "Dinas Kesehatan",
        2025,
        [
            iku.Sasaran(
                "S-1", "s", [iku.Ratio("IKU-1", "Persalinan di faskes", "faskes", "persalinan")]
            )
        ],
        [
            iku.Variable("faskes", "Persalinan di fasilitas kesehatan"),
            iku.Variable("persalinan", "Persalinan"),
        ],
    )
    iku.dump_set(own, root / "kota-madiun.dinkes.2025.toml")
    (root / "kota-madiun.dinkes.2025.csv").write_text("period,faskes,persalinan\n2025,30,100\n")
    (root / "kota-madiun.dinkes.2025.targets.csv").write_text(
        "indicator,period,target\nIKU-1,2025,95\n"
    )
    (root / "kota-madiun.dispendik.2025.csv").write_text("period,x\n2025,1\n")  # no such set
    (root / "kota-madiun.bappeda.2025.toml").write_text("iku_format = 1\n[set]\n")  # broken
    (root / "kota-madiun.bappeda.2025.csv").write_text("period,x\n2025,1\n")
    (root / "catatan.txt").write_text("not an OPD file")
    return root


def test_a_folder_evaluates_every_opd_and_a_broken_one_stops_none(folder: Path) -> None:
    pemda = evaluate_folder(folder, period=2025)
    assert set(pemda.evaluations) == {RPJMD, MADIUN, "kota-madiun.dinkes.2025"}
    assert set(pemda.failures) == {"kota-madiun.dispendik.2025", "kota-madiun.bappeda.2025"}
    rows = pemda.summary()
    assert [row.set_id for row in rows] == [
        "kota-madiun.bappeda.2025",  # failed first
        "kota-madiun.dispendik.2025",
        "kota-madiun.dinkes.2025",  # then by mean capaian, lowest first
        MADIUN,
        RPJMD,
    ]
    assert "unknown indicator set" in (rows[1].describe("en") or "")
    assert "set file" in (rows[0].describe("en") or "")
    dinkes = rows[2]
    assert dinkes.mean_achievement == pytest.approx(30 / 95 * 100)
    assert dinkes.counts == {"Sangat Rendah": 1}
    assert dinkes.organization == "Dinas Kesehatan"
    madiun = rows[3]
    assert (madiun.indicators, madiun.errors, madiun.no_achievement) == (7, 0, 0)
    assert sum(madiun.counts.values()) == 7
    assert not pemda.ok
    assert pemda.evaluations[MADIUN].budget is not None  # the budget beside the data was read


def test_the_summary_is_of_the_latest_period_by_default(folder: Path) -> None:
    pemda = evaluate_folder(folder)
    assert pemda.period == 2026
    dinkes = next(row for row in pemda.summary() if row.set_id == "kota-madiun.dinkes.2025")
    assert dinkes.indicators == 0  # no data for 2026
    assert dinkes.mean_achievement is None
    assert [row.status for row in pemda.summary()][:3] == ["failed", "failed", "ok"]


def test_evaluate_all_takes_data_in_memory_and_says_why_one_failed() -> None:
    example = example_files(MADIUN)
    frame = pd.read_csv(example.data)
    targets = pd.read_csv(example.targets)
    pemda = evaluate_all(
        {MADIUN: frame, RPJMD: pl.read_csv(example_files(RPJMD).data), "kota-x.y.2025": {}},
        targets={MADIUN: targets, RPJMD: example_files(RPJMD).targets},
        budget={MADIUN: example.budget},
        period=2025,
        illustrative=True,
    )
    assert set(pemda.failures) == {"kota-x.y.2025"}
    assert pemda.evaluations[MADIUN].efficiency()["category"].notna().all()
    # the units (kelurahan) are summed per period: one row per year, no unknown_variable
    assert len(pemda.evaluations[MADIUN]) == 2
    assert pemda.evaluations[MADIUN].issues == ()
    assert repr(pemda) == "<Pemda: 2 OPD(s) evaluated, 1 failed, period 2025>"
    with pytest.raises(ArgumentError, match="mapping of set id to data"):
        evaluate_all([MADIUN])  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match="targets is a mapping of set id"):
        evaluate_all({MADIUN: frame}, targets=[targets])  # type: ignore[arg-type]


def test_the_summary_frame_has_a_column_per_predikat(folder: Path) -> None:
    pemda = evaluate_folder(folder, period=2025)
    frame = pemda.to_frame()
    assert list(frame.columns) == [
        "set_id", "organization", "period", "indicators", "mean_achievement", "Sangat Tinggi",
        "Tinggi", "Sedang", "Rendah", "Sangat Rendah", "no_achievement", "errors", "warnings",
        "status", "reason",
    ]  # fmt: skip
    assert frame["set_id"].tolist()[2:] == ["kota-madiun.dinkes.2025", MADIUN, RPJMD]
    assert pemda.to_frame("polars").height == 5


def test_every_format_shows_the_summary_and_the_failures(folder: Path, tmp_path: Path) -> None:
    pemda = evaluate_folder(folder, period=2025)
    text = pemda.to_text()
    assert "Ringkasan Capaian Kinerja Perangkat Daerah" in text
    assert "| Dinas Kesehatan" in text
    assert "Gagal dievaluasi:\n- kota-madiun.bappeda.2025:" in text
    md = pemda.to_markdown("en")
    assert "| Agency | Set | Indicators | Mean achievement (%) | Very high |" in md
    assert "**Not evaluated**" in md
    html = pemda.to_html()
    assert html.count('<tr class="opd') == 5
    workbook = openpyxl.load_workbook(pemda.to_excel(tmp_path / "ringkasan.xlsx"))
    sheet = workbook["ringkasan"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = values.index(next(v for v in values if v and v[0] == "Perangkat Daerah"))
    assert values[header + 3][1] == "kota-madiun.dinkes.2025"
    assert values[header + 3][3] == pytest.approx(30 / 95 * 100)


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.append(str(dict(attrs)["href"]))


def test_a_site_links_each_opd_to_its_own_report(folder: Path, tmp_path: Path) -> None:
    pemda = evaluate_folder(folder, period=2025, illustrative=True)
    index = pemda.write_site(tmp_path / "situs")
    assert index.name == "index.html"
    links = Links()
    links.feed(index.read_text("utf-8"))
    assert sorted(links.hrefs) == sorted(f"{s}.html" for s in pemda.evaluations)
    for href in links.hrefs:
        page = (index.parent / href).read_text("utf-8")
        assert "Data ilustrasi, bukan data resmi" in page
    assert "Data ilustrasi, bukan data resmi" in index.read_text("utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_iku_evaluate_all_prints_the_summary_and_exits_1_when_an_opd_failed(
    folder: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "evaluate", "--all", str(folder), "--period", "2025")
    assert code == 1
    assert "Ringkasan Capaian Kinerja Perangkat Daerah" in out
    assert "kota-madiun.dispendik.2025: unknown indicator set" in err
    code, out, _ = run(capsys, "evaluate", "--all", str(folder), "-f", "json", "--lang", "en")
    assert [row["set_id"] for row in json.loads(out)["opd"]][-1] == RPJMD
    site = tmp_path / "situs"
    code, _, err = run(capsys, "evaluate", "--all", str(folder), "-o", str(site))
    assert (site / "index.html").is_file()
    assert (site / f"{MADIUN}.html").is_file()
    for name in ("kota-madiun.bappeda.2025", "kota-madiun.dispendik.2025"):
        (folder / f"{name}.csv").unlink()
    (folder / "kota-madiun.bappeda.2025.toml").unlink()
    code, out, _ = run(capsys, "evaluate", "--all", str(folder), "-o", str(tmp_path / "r.md"))
    assert code == 0
    assert (tmp_path / "r.md").read_text("utf-8").startswith("# Ringkasan")


def test_iku_evaluate_takes_a_set_or_all_not_both(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "evaluate", MADIUN, "--all", str(folder))
    assert code == 2
    assert "berikan SET, atau --all FOLDER" in err
    code, _, err = run(capsys, "evaluate", "--all", str(folder / "nothing"))
    assert code == 2
    assert "bukan folder" in err


def test_iku_evaluate_with_a_budget_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = example_files(MADIUN)
    budget = tmp_path / "anggaran.csv"
    budget.write_text("sasaran,period,pagu,realisasi\nS-1,2025,100,120\n")
    code, _, err = run(
        capsys, "evaluate", MADIUN, "--data", str(example.data), "--budget", str(budget)
    )
    assert code == 1  # realisasi above pagu is an error
    assert "1 masalah data" in err


def test_iku_cascade_checks_the_bundled_tree(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "cascade", RPJMD, MADIUN)
    assert code == 0  # an unsupported top indicator is a warning
    assert "[unsupported]" in out
    code, out, _ = run(capsys, "cascade", RPJMD, MADIUN, "--example", "--lang", "en")
    assert out.startswith("*** Illustrative data")
    assert "achievement 93.01 % · Very high <weakest supporter>" in out
    code, out, _ = run(
        capsys, "cascade", RPJMD, MADIUN, "--example", "--period", "2025", "-f", "markdown"
    )
    assert "capaian 90,24 %" in out
    path = tmp_path / "pohon.html"
    code, _, _err = run(capsys, "cascade", RPJMD, MADIUN, "--example", "-o", str(path))
    assert code == 0
    assert "<svg" in path.read_text("utf-8")
    code, out, _ = run(capsys, "cascade", RPJMD, MADIUN, "-f", "mermaid")
    assert out.startswith("flowchart BT\n")
    code, out, _ = run(capsys, "cascade", RPJMD, MADIUN, "-f", "json")
    assert json.loads(out)["issues"][0]["code"] == "unsupported"


def test_iku_cascade_exits_1_on_a_broken_link_and_2_on_a_bad_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "cascade", MADIUN)
    assert code == 1
    assert "[unresolved_link]" in out
    code, _, err = run(capsys, "cascade", MADIUN, "-o", str(tmp_path / "pohon.pdf"))
    assert code == 2
    assert ".pdf" in err
    code, _, err = run(capsys, "cascade", MADIUN, "-f", "markdown", "-o", str(tmp_path / "p.html"))
    assert code == 2


def test_iku_cascade_with_a_folder_of_data(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(
        capsys, "cascade", RPJMD, MADIUN, "--data", str(folder), "--period", "2025"
    )
    assert code == 1  # two OPDs of the folder failed
    assert "kota-madiun.dispendik.2025" in err
    assert "capaian 90,24 %" in out


def test_pemda_is_exported() -> None:
    assert iku.Pemda is Pemda
    assert {"Pemda", "evaluate_all", "evaluate_folder", "cascade", "Cascade", "EFISIENSI"} <= set(
        iku.__all__
    )


def test_iku_cascade_of_set_files_with_their_data_in_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = iku.Variable("a", "A"), iku.Variable("b", "B")
    top = iku.IndicatorSet(
        "kota-x.top.2025",
        "Atas",
        "Pemda X",
        2025,
        [iku.Sasaran("S", "s", [iku.Ratio("T-1", "t", a, b)])],
        [a, b],
    )
    low_ind = iku.Ratio("L-1", "l", a, b, supports=["kota-x.top.2025:T-1"])
    low = iku.IndicatorSet(
        "kota-x.low.2025", "Bawah", "Dinas X", 2025, [iku.Sasaran("S", "s", [low_ind])], [a, b]
    )
    files = [iku.dump_set(s, tmp_path / f"{s.id.split('.')[1]}.toml") for s in (top, low)]
    data = tmp_path / "data"
    data.mkdir()
    for s, value in ((top, 90), (low, 45)):
        (data / f"{s.id}.csv").write_text(f"period,a,b\n2025,{value},100\n")
        code = s.codes[0]
        (data / f"{s.id}.targets.csv").write_text(f"indicator,period,target\n{code},2025,90\n")
    code, out, err = run(capsys, "cascade", *map(str, files), "--data", str(data))
    assert code == 0, err
    assert "capaian 50,00 % · Sangat Rendah <pendukung terlemah>" in out
