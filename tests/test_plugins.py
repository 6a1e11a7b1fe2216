"""Installed packages add sets through the ``iku.sets`` entry points; a broken one is a warning
that names it and hides nothing else."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import attrs
import pytest

from iku import DefinitionError, Polarity, Ratio
from iku.registry import PluginWarning, Registry

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "plugin-kabupaten-contoh"
MADIUN = "kota-madiun.dinsosppa.2025-2026"
CONTOH = "kabupaten-contoh.dinkes.2025-2026"


def bundled_ids() -> list[str]:
    """The ids of the set files shipped in the package (the Madiun set among them)."""
    ids = sorted(
        path.stem for path in (ROOT / "src" / "iku" / "sets").glob("*.toml") if path.is_file()
    )
    assert MADIUN in ids
    return ids


def fake_distribution(site: Path, name: str, entry_points: dict[str, str]) -> None:
    """An installed distribution as ``pip`` leaves it: a dist-info with entry points."""
    info = site / f"{name.replace('-', '_')}-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n")
    lines = ["[iku.sets]", *(f"{key} = {value}" for key, value in entry_points.items())]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n")


def test_an_installed_plugin_package_is_found_through_its_entry_point(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--target",
            str(site),
            str(EXAMPLE),
        ],
        check=True,
        capture_output=True,
    )
    assert not Registry(bundled=False).ids()  # nothing installed before
    monkeypatch.syspath_prepend(str(site))
    registry = Registry()
    with warnings.catch_warnings():
        warnings.simplefilter("error", PluginWarning)
        assert registry.ids() == sorted([CONTOH, *bundled_ids()])
    s = registry.get(CONTOH)
    assert registry.origin(CONTOH).startswith(
        "plugin 'kabupaten-contoh-dinkes' (iku_kabupaten_contoh:set_file) "
        "from iku-kabupaten-contoh 0.1.0"
    )
    iku1 = s["IKU-1"]
    assert isinstance(iku1, Ratio)
    assert iku1.polarity is Polarity.LOWER_IS_BETTER
    assert s["IKU-3"].kind == "formula"
    assert s["IKU-4"].grades is not None
    assert s["IKU-4"].grades.name == "MUTU_IKM"  # type: ignore[attr-defined]


def test_broken_plugins_are_warned_about_and_hide_no_other_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "bad.toml").write_text('iku_format = 1\n[set]\nid = "x"\n')
    (site / "contoh_plugins.py").write_text(
        "from pathlib import Path\n"
        "import iku\n"
        "HERE = Path(__file__).parent\n"
        "MADIUN = Path(iku.__file__).parent / 'sets' / 'kota-madiun.dinsosppa.2025-2026.toml'\n"
        "def bad_file():\n    return HERE / 'bad.toml'\n"
        "def good():\n"
        "    s = iku.load_set(MADIUN)\n"
        "    return iku.loads_set(iku.dump_set(s).replace('kota-madiun.dinsosppa', 'kota-x.y'))\n"
        "def raises():\n    raise RuntimeError('database is down')\n"
    )
    fake_distribution(
        site,
        "contoh-plugins",
        {
            "missing": "iku_no_such_module:iku_set",
            "wrong-type": "math:pi",
            "bad-file": "contoh_plugins:bad_file",
            "taken": "contoh_plugins:MADIUN",
            "raises": "contoh_plugins:raises",
            "good": "contoh_plugins:good",
        },
    )
    monkeypatch.syspath_prepend(str(site))
    with pytest.warns(PluginWarning) as caught:
        ids = Registry().ids()
    assert ids == sorted([*bundled_ids(), "kota-x.y.2025-2026"])
    messages = sorted(str(w.message) for w in caught)
    assert len(messages) == 5
    expected = [
        ("bad-file", "DefinitionError: set file", "set: missing required field 'name'"),
        ("missing", "ModuleNotFoundError: No module named 'iku_no_such_module'"),
        ("raises", "RuntimeError: database is down"),
        ("taken", f"set id {MADIUN!r} is already taken by bundled"),
        ("wrong-type", "DefinitionError: an iku.sets entry point must give", "gave float"),
    ]
    for message, (name, *parts) in zip(messages, expected, strict=True):
        assert message.startswith(f"iku: plugin {name!r} (")
        assert "from contoh-plugins 0.1 is skipped" in message
        for part in parts:
            assert part in message


def test_plugins_can_be_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    fake_distribution(site, "broken", {"missing": "iku_no_such_module:x"})
    monkeypatch.syspath_prepend(str(site))
    with warnings.catch_warnings():
        warnings.simplefilter("error", PluginWarning)
        assert Registry(plugins=False).ids() == bundled_ids()


def test_a_plugin_that_exits_is_a_warning_not_the_end_of_the_host(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plugin calling ``sys.exit()`` (when imported or when called), or raising any other
    BaseException, exited the host from ``list_sets()``: it is skipped with a warning."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "exits_on_import.py").write_text("import sys\nsys.exit('no database')\n")
    (site / "exiting_plugins.py").write_text(
        "import sys\n"
        "class Stop(BaseException):\n    pass\n"
        "def exits():\n    sys.exit(3)\n"
        "def stops():\n    raise Stop('stopped')\n"
    )
    fake_distribution(
        site,
        "exiting-plugins",
        {
            "on-import": "exits_on_import:iku_set",
            "exits": "exiting_plugins:exits",
            "stops": "exiting_plugins:stops",
        },
    )
    monkeypatch.syspath_prepend(str(site))
    with pytest.warns(PluginWarning) as caught:
        ids = Registry().ids()
    assert ids == bundled_ids()
    messages = sorted(str(w.message) for w in caught)
    assert len(messages) == 3
    assert messages[0].startswith("iku: plugin 'exits' (exiting_plugins:exits) from exiting-")
    assert messages[0].endswith("is skipped: SystemExit: 3")
    assert messages[1].endswith("is skipped: SystemExit: no database")
    assert messages[2].endswith("is skipped: Stop: stopped")


def test_a_keyboard_interrupt_in_a_plugin_still_stops_the_host(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "interrupted.py").write_text("def iku_set():\n    raise KeyboardInterrupt\n")
    fake_distribution(site, "interrupted", {"interrupted": "interrupted:iku_set"})
    monkeypatch.syspath_prepend(str(site))
    registry = Registry()
    with pytest.raises(KeyboardInterrupt):
        registry.ids()
    with pytest.raises(KeyboardInterrupt):  # nothing was half-discovered: it is tried again
        registry.ids()


def test_no_plugin_replaces_a_bundled_set_but_register_set_may(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "impostor.py").write_text(
        "import iku\n"
        "from importlib import resources\n"
        "def iku_set():\n"
        "    path = resources.files('iku') / 'sets' / 'kota-madiun.dinsosppa.2025-2026.toml'\n"
        "    text = path.read_text('utf-8').replace('Dinas Sosial,', 'Dinas Palsu,')\n"
        "    return iku.loads_set(text)\n"
    )
    fake_distribution(site, "impostor", {"impostor": "impostor:iku_set"})
    monkeypatch.syspath_prepend(str(site))
    registry = Registry()
    with pytest.warns(PluginWarning, match=f"set id {MADIUN!r} is already taken by bundled"):
        bundled = registry.get(MADIUN)
    assert registry.origin(MADIUN).startswith("bundled")
    assert "Palsu" not in bundled.organization
    replacement = attrs.evolve(bundled, organization="Dinas Baru")
    with pytest.raises(DefinitionError, match="pass replace=True to replace it"):
        registry.register(replacement)
    registry.register(replacement, replace=True)
    assert registry.get(MADIUN).organization == "Dinas Baru"
    assert registry.origin(MADIUN) == "registered"
