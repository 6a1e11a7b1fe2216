"""Placeholder: the registry is being written (issue 2)."""

from __future__ import annotations

from typing import Any

__all__ = ["get_set", "list_sets", "register_set"]


def list_sets() -> list[str]:
    """Placeholder."""
    raise NotImplementedError


def get_set(set_id: str) -> Any:
    """Placeholder."""
    raise NotImplementedError


def register_set(s: Any, *, replace: bool = False) -> None:
    """Placeholder."""
    raise NotImplementedError
