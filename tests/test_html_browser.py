"""The HTML report in a real headless Chromium: it loads without console messages, the rendered
page has one table row and one chart bar per indicator, and a screenshot shows it in colour. A
report of a set and data full of hostile text shows that text and runs nothing.

Skipped with its reason when Chromium is absent, unless ``IKU_REQUIRE_SERVICES=1``.
"""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from services import require_chromium

from iku import IndicatorSet, Ratio, Sasaran, Variable, evaluate, get_set
from iku.model import Source
from iku.report import build_report, to_html
from iku.report.html import PALETTE

pytestmark = pytest.mark.browser

MADIUN = "kota-madiun.dinsosppa.2025-2026"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [binary, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


class Rendered(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[str] = []
        self.bars: list[str] = []
        self.sections: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]
        if tag == "tr" and found.get("data-indicator"):
            self.rows.append(str(found["data-indicator"]))
        if tag == "g" and found.get("class") == "bar":
            self.bars.append(str(found["data-indicator"]))
        if tag == "section" and found.get("data-period"):
            self.sections.append(str(found["data-period"]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def words(self) -> str:
        return " ".join(" ".join(self.text).split())


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    binary = require_chromium()
    folder = tmp_path_factory.mktemp("browser")
    s = get_set(MADIUN)
    data = {
        "period": [2025, 2026],
        "pmks_dilindungi": [850, 900],
        "pmks_perlu_perlindungan": [1000, 1000],
        "psks_diberdayakan": [45, 20],
        "psks": [50, 50],
        "pmks_direhabilitasi": [300, 320],
        "pmks_perlu_rehabilitasi": [400, 400],
        "perempuan_pengambil_keputusan": [1200, 1300],
        "perempuan_usia_produktif": [60000, 60000],
        "keluarga_berkualitas": [700, 650],
        "keluarga_disurvei": [1000, 1000],
        "pengaduan_diselesaikan": [38, 0],
        "pengaduan": [40, 0],  # 2026: no complaints, so IKU-6 cannot be computed
        "ipp": [4.2, 3.4],
    }
    targets = {"IKU-1": 80, "IKU-2": 85, "IKU-3": 70, "IKU-4": 2, "IKU-5": 75, "IKU-6": 95}
    path = folder / "laporan.html"
    path.write_text(to_html(evaluate(s, data, targets={**targets, "IKU-7": 4})), "utf-8")
    return binary, path


def test_the_page_loads_without_console_messages(page: tuple[str, Path], tmp_path: Path) -> None:
    binary, path = page
    done = chromium(
        binary,
        tmp_path / "profile",
        "--enable-logging=stderr",
        "--v=0",
        "--dump-dom",
        path.as_uri(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []
    rendered = Rendered()
    rendered.feed(done.stdout)
    codes = list(get_set(MADIUN).codes)
    assert rendered.sections == ["2025", "2026"]
    assert rendered.rows == codes * 2  # one table row per indicator and year
    assert rendered.bars == codes * 2  # one chart bar per indicator and year


def test_a_console_error_would_be_seen(page: tuple[str, Path], tmp_path: Path) -> None:
    """The check above can fail: a page that logs an error is caught by the same reading."""
    binary, _ = page
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><script>console.error('boom')</script>", "utf-8")
    done = chromium(
        binary, tmp_path / "profile", "--enable-logging=stderr", "--v=0", "--dump-dom", bad.as_uri()
    )
    assert any(":CONSOLE" in line and "boom" in line for line in done.stderr.splitlines())


def test_a_screenshot_is_a_png_showing_the_predikat_colours(
    page: tuple[str, Path], tmp_path: Path
) -> None:
    import matplotlib.image

    binary, path = page
    shot = tmp_path / "laporan.png"
    done = chromium(
        binary,
        tmp_path / "profile",
        f"--screenshot={shot}",
        "--window-size=1280,2600",
        path.as_uri(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    raw = shot.read_bytes()
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(raw[16:20], "big"), int.from_bytes(raw[20:24], "big")
    assert (width, height) == (1280, 2600)
    pixels = (matplotlib.image.imread(shot)[:, :, :3] * 255).round().astype(int)
    assert pixels.std() > 10  # not a blank page
    for colour in (PALETTE[0], PALETTE[4]):  # Sangat Tinggi cells and bars, Sangat Rendah
        rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
        close = np.abs(pixels - rgb).sum(axis=2) <= 6
        assert close.sum() > 500, colour


HOSTILE = (
    '=HYPERLINK("http://x","y")',
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=2",
    "\r=3",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    '"><svg onload=alert(3)>',
    "| a | b |",
    "line\nbreak",
    "\x1b[31m",
    "\x07",
    "\x00",
    "\u202e",
    "x" * 5_000,
)
SHOWN = {
    "\t=2": "=2",
    "\r=3": "␍=3",
    "line\nbreak": "line break",
    "\x1b[31m": "␛[31m",
    "\x07": "␇",
    "\x00": "␀",
    "\u202e": "\ufffd",
}
"""How the page shows a text that holds a control character (as a symbol) or whitespace."""


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """A report whose set names, codes, units, sumber data and key values are hostile text,
    and whose issues quote it."""
    binary = require_chromium()
    a, b = Variable("a", "A"), Variable("b", "B")
    indicators = [Ratio(text, text, a, b, unit=text, source_data=text) for text in HOSTILE]
    s = IndicatorSet(
        "hostile.set.x",
        HOSTILE[6],
        HOSTILE[0],
        2025,
        [Sasaran(f"S{n}", ind.name, [ind]) for n, ind in enumerate(indicators)],
        [a, b],
        source=Source(HOSTILE[7], numbers=[HOSTILE[8]]),
    )
    data = {
        "kecamatan": list(HOSTILE),
        "period": [2025] * len(HOSTILE),
        "a": list(HOSTILE),  # each is no number: an issue quotes it
        "b": [2] * len(HOSTILE),
    }
    ev = evaluate(s, data, by=["kecamatan"])
    path = tmp_path_factory.mktemp("hostile") / "laporan.html"
    path.write_text(to_html(build_report(ev, illustrative=True)), "utf-8")
    return binary, path


def test_hostile_text_is_shown_and_nothing_runs(
    hostile_page: tuple[str, Path], tmp_path: Path
) -> None:
    binary, path = hostile_page
    done = chromium(
        binary,
        tmp_path / "profile",
        "--enable-logging=stderr",
        "--v=0",
        "--dump-dom",
        path.as_uri(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert [line for line in done.stderr.splitlines() if ":CONSOLE" in line] == []
    rendered = Rendered()
    rendered.feed(done.stdout)
    assert not {"script", "img", "iframe", "object", "embed"} & set(rendered.tags)
    assert not [name for name in rendered.attrs if name.startswith("on")]
    assert "svg" in rendered.tags  # the chart, and no other
    assert len(rendered.rows) == len(HOSTILE) ** 2  # a table per key, a row per indicator
    text = rendered.words()
    for hostile in HOSTILE:
        assert SHOWN.get(hostile, hostile) in text, repr(hostile[:20])
    assert "Data ilustrasi, bukan data resmi" in text
