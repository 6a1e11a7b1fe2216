"""Placeholder: set files are being written (issue 2)."""

from __future__ import annotations

from typing import Any

__all__ = ["dump_set", "load_set"]


def load_set(path: Any) -> Any:
    """Placeholder."""
    raise NotImplementedError


def dump_set(s: Any, path: Any = None) -> Any:
    """Placeholder."""
    raise NotImplementedError
