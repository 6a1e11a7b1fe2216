"""What kind of file a path is, and the errors a reader raises.

>>> kind(Path("data.CSV")), kind(Path("data.xlsx")), kind(Path("d.parquet"))
('csv', 'xlsx', 'parquet')
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final, Literal

from iku.errors import InputError

__all__ = ["FileKind", "check_file", "error", "kind"]

FileKind = Literal["csv", "xlsx", "parquet"]

_SUFFIXES: Final[dict[str, FileKind]] = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
}


def error(key: str, /, **fields: Any) -> InputError:
    """The :class:`~iku.errors.InputError` of the message ``io.<key>`` in both languages."""
    return InputError.from_key(f"io.{key}", **fields)


def kind(path: Path) -> FileKind:
    """The kind of a data file, by its suffix; an error names a suffix that is none."""
    suffix = path.suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if suffix == ".xls":
        raise error("old_xls", path=path)
    raise error("file_type", path=path, suffix=suffix or "(none)")


def check_file(path: Path) -> None:
    """An error unless ``path`` is a file."""
    if not path.exists():
        raise error("no_file", path=path)
    if path.is_dir():
        raise error("folder", path=path)
