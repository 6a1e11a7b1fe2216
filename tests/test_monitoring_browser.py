"""The monitoring page in a real headless Chromium: it loads without console messages, it has a
table row per indicator and part and a trajectory per indicator, and a screenshot shows the
year-to-date line and the early-warning colour.

Skipped with its reason when Chromium is absent, unless ``IKU_REQUIRE_SERVICES=1``.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from services import require_chromium
from test_html_browser import chromium

from iku import get_set, monitor

pytestmark = pytest.mark.browser

MADIUN = "kota-madiun.dinsosppa.2025-2026"


class Rendered(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, str]] = []
        self.charts: list[str] = []
        self.projections = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "tr" and found.get("data-indicator"):
            self.rows.append((str(found["data-period"]), str(found["data-indicator"])))
        if tag == "svg" and found.get("class") == "trajectory":
            self.charts.append(str(found["data-indicator"]))
        if tag == "polyline" and found.get("class") == "projection":
            self.projections += 1


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    binary = require_chromium()
    folder = tmp_path_factory.mktemp("monitor-browser")
    s = get_set(MADIUN)
    data = {
        "period": ["TW I 2025", "TW II 2025"],
        "pmks_dilindungi": [150, 160],
        "pmks_perlu_perlindungan": [1000, 1000],
        "psks_diberdayakan": [10, 12],
        "psks": [50, 50],
        "pmks_direhabilitasi": [80, 90],
        "pmks_perlu_rehabilitasi": [400, 400],
        "perempuan_pengambil_keputusan": [1200, 1250],
        "perempuan_usia_produktif": [60000, 60000],
        "keluarga_berkualitas": [150, 160],
        "keluarga_disurvei": [250, 250],
        "pengaduan_diselesaikan": [9, 10],
        "pengaduan": [10, 11],
        "ipp": [4.1, 4.2],
    }
    targets = {
        "IKU-1": {2025: 80, "TW I 2025": 20, "TW II 2025": 40},
        "IKU-2": 85,
        "IKU-3": 70,
        "IKU-4": 2,
        "IKU-5": 75,
        "IKU-6": 95,
        "IKU-7": 4,
    }
    path = folder / "pemantauan.html"
    path.write_text(monitor(s, data, year=2025, targets=targets).to_html(), "utf-8")
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
    assert [line for line in done.stderr.splitlines() if ":CONSOLE" in line] == []
    rendered = Rendered()
    rendered.feed(done.stdout)
    codes = list(get_set(MADIUN).codes)
    assert rendered.rows == [(p, c) for p in ("2025-Q1", "2025-Q2") for c in codes]
    assert rendered.charts == codes
    assert rendered.projections == len(codes)


def test_a_screenshot_shows_the_line_and_the_early_warning(
    page: tuple[str, Path], tmp_path: Path
) -> None:
    import matplotlib.image

    binary, path = page
    shot = tmp_path / "pemantauan.png"
    done = chromium(
        binary,
        tmp_path / "profile",
        f"--screenshot={shot}",
        "--window-size=1280,2200",
        path.as_uri(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    pixels = (matplotlib.image.imread(shot)[:, :, :3] * 255).round().astype(int)
    assert pixels.std() > 10
    for colour in ("#1f4e79", "#fde0dc"):  # the year-to-date line, the early-warning cells
        rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
        close = np.abs(pixels - rgb).sum(axis=2) <= 6
        assert close.sum() > 300, colour
