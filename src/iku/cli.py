"""Placeholder: the command line is being written (issue 2, issue 4)."""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    """Placeholder."""
    raise NotImplementedError
