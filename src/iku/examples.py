"""The example data that ships with iku: illustrative figures, never official ones.

A set may have bundled example data in ``iku/data/examples/``: ``<set id>.<name>.csv`` (or
``.xlsx``, ``.parquet``) for each example ``name`` (``data``, ``problems``...), and the targets of
them all in ``<set id>.targets.csv``, and the budget (pagu and realisasi per sasaran, for
``evaluate(..., budget=...)``) in ``<set id>.budget.csv``. Every number there is made up to show
how iku works; ``Example.illustrative`` says so, and a report of one must say so too.

>>> example = example_files("kota-madiun.dinsosppa.2025-2026")
>>> example.data.name, example.targets.name, example.illustrative
('kota-madiun.dinsosppa.2025-2026.data.csv', 'kota-madiun.dinsosppa.2025-2026.targets.csv', True)
>>> [e.name for e in list_examples("kota-madiun.dinsosppa.2025-2026")]
['data', 'problems', 'quarters']
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Final

import attrs

from iku.errors import ArgumentError

__all__ = ["Example", "example_files", "list_examples"]

_SUFFIXES: Final = (".csv", ".xlsx", ".parquet")
_TARGETS: Final = "targets"
_BUDGET: Final = "budget"
_NOT_DATA: Final = (_TARGETS, _BUDGET)


@attrs.frozen
class Example:
    """One bundled example of a set: its data file and the targets and budget files of the set's
    examples (None when it has none). ``illustrative`` is True for every bundled example: the
    figures are made up, not official."""

    set_id: str
    name: str
    data: Path
    targets: Path | None
    illustrative: bool = True
    budget: Path | None = None


def _files() -> dict[str, Path]:
    folder = resources.files("iku") / "data" / "examples"
    if not folder.is_dir():
        return {}
    return {entry.name: Path(str(entry)) for entry in folder.iterdir()}


def list_examples(set_id: str | None = None) -> tuple[Example, ...]:
    """Every bundled example (of the set ``set_id``, or of every set), by set id and name."""
    files = _files()
    found: dict[tuple[str, str], Example] = {}
    for filename in sorted(files):
        stem, suffix = filename.rsplit(".", 1) if "." in filename else (filename, "")
        if f".{suffix}" not in _SUFFIXES or "." not in stem:
            continue
        owner, name = stem.rsplit(".", 1)
        if name in _NOT_DATA or (set_id is not None and owner != set_id):
            continue
        if (owner, name) not in found:  # the first suffix in _SUFFIXES' order wins
            found[owner, name] = _example(owner, name, files)
    return tuple(found[key] for key in sorted(found))


def example_files(set_id: str, name: str = "data") -> Example:
    """The bundled example ``name`` of the set ``set_id``.

    An unknown example is an :class:`~iku.errors.ArgumentError` naming the ones there are.
    """
    files = _files()
    if name not in _NOT_DATA and any(f"{set_id}.{name}{suffix}" in files for suffix in _SUFFIXES):
        return _example(set_id, name, files)
    names = ", ".join(e.name for e in list_examples(set_id)) or "-"
    raise ArgumentError.from_key("examples.unknown", id=set_id, name=name, names=names)


def _example(set_id: str, name: str, files: dict[str, Path]) -> Example:
    data = next(files[f] for f in (f"{set_id}.{name}{s}" for s in _SUFFIXES) if f in files)
    targets, budget = (files.get(f"{set_id}.{kind}.csv") for kind in _NOT_DATA)
    return Example(set_id, name, data, targets, budget=budget)
