"""An illustrative iku plugin: the IKU set of the Dinas Kesehatan of an invented Kabupaten Contoh.

The package only ships a set file and tells iku where it is, through the entry point
``iku.sets`` declared in its ``pyproject.toml``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["SET_ID", "set_file"]

SET_ID = "kabupaten-contoh.dinkes.2025-2026"


def set_file() -> Path:
    """The path of this package's set file; iku reads it with ``iku.load_set``."""
    return Path(__file__).with_name(f"{SET_ID}.toml")
