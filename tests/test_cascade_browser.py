"""The cascade's HTML page in a real headless Chromium: it loads without console messages, the
drawing has a box per indicator and a path per link, the weakest supporters are framed, the
predikat colours show in a screenshot, and hostile text is shown and runs nothing.

Skipped with its reason when Chromium is absent, unless ``IKU_REQUIRE_SERVICES=1``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from services import require_chromium
from test_cascade_report import HOSTILE, Page
from test_html_browser import chromium

import iku
from iku import IndicatorSet, Ratio, Sasaran, Variable, cascade
from iku.examples import example_files
from iku.pemda import evaluate_source
from iku.report.html import PALETTE

pytestmark = pytest.mark.browser

RPJMD = "kota-madiun.rpjmd.2025-2029"
MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    binary = require_chromium()
    evaluations = {}
    for set_id in (RPJMD, MADIUN):
        example = example_files(set_id)
        evaluations[set_id] = evaluate_source(
            iku.get_set(set_id), example.data, targets=example.targets
        )
    path = tmp_path_factory.mktemp("cascade") / "pohon.html"
    path.write_text(cascade([RPJMD, MADIUN], evaluations=evaluations).to_html(), "utf-8")
    return binary, path


def dom(binary: str, profile: Path, path: Path) -> tuple[Page, list[str]]:
    done = chromium(
        binary, profile, "--enable-logging=stderr", "--v=0", "--dump-dom", path.as_uri()
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rendered = Page()
    rendered.feed(done.stdout)
    return rendered, [line for line in done.stderr.splitlines() if ":CONSOLE" in line]


def test_the_tree_loads_without_console_messages(page: tuple[str, Path], tmp_path: Path) -> None:
    binary, path = page
    rendered, console = dom(binary, tmp_path / "profile", path)
    assert console == []
    assert len(rendered.nodes) == 12  # 5 RPJMD indicators, 7 IKU
    assert rendered.paths == ["link"] * 7
    words = " ".join(" ".join(rendered.text).split())
    assert "pendukung terlemah" in words


def test_a_screenshot_shows_the_predikat_colours_and_the_red_frames(
    page: tuple[str, Path], tmp_path: Path
) -> None:
    import matplotlib.image

    binary, path = page
    shot = tmp_path / "pohon.png"
    done = chromium(
        binary,
        tmp_path / "profile",
        f"--screenshot={shot}",
        "--window-size=1600,900",
        path.as_uri(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    pixels = (matplotlib.image.imread(shot)[:, :, :3] * 255).round().astype(int)
    for colour in (PALETTE[0], PALETTE[1], "#d73027"):  # Sangat Tinggi, Tinggi, weakest frames
        rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)])
        close = np.abs(pixels - rgb).sum(axis=2) <= 6
        assert close.sum() > 200, colour


def test_hostile_text_is_shown_and_nothing_runs(tmp_path: Path) -> None:
    binary = require_chromium()
    a, b = Variable("a", "A"), Variable("b", "B")
    top = [Ratio(f"T{n}{text}", text, a, b) for n, text in enumerate(HOSTILE)]
    low = [
        Ratio(f"L{n}", text, a, b, supports=[f"kota-x.top.2025:T{n}{text}", ":nothing"])
        for n, text in enumerate(HOSTILE)
    ]
    sets = [
        IndicatorSet(
            "kota-x.top.2025", HOSTILE[1], HOSTILE[0], 2025, [Sasaran("S", "s", top)], [a, b]
        ),
        IndicatorSet(
            "kota-x.low.2025", HOSTILE[0], HOSTILE[1], 2025, [Sasaran("S", "s", low)], [a, b]
        ),
    ]
    path = tmp_path / "hostile.html"
    path.write_text(cascade(sets).to_html(), "utf-8")
    rendered, console = dom(binary, tmp_path / "profile", path)
    assert console == []
    assert not {"script", "img", "iframe", "object", "embed"} & set(rendered.tags)
    assert not [name for name in rendered.attrs if name.startswith("on")]
    assert len(rendered.nodes) == 2 * len(HOSTILE) + 1  # and one box for the link to nothing
    assert rendered.paths.count("missing") == len(HOSTILE)
    words = " ".join(rendered.text)
    assert "<script>alert(1)</script>" in words
