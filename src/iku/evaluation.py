"""Placeholder: evaluate() is being written (issue 3)."""

from __future__ import annotations

from typing import Any

__all__ = ["Evaluation", "Result", "evaluate"]


class Result:
    """Placeholder."""


class Evaluation:
    """Placeholder."""


def evaluate(subject: Any, data: Any, **options: Any) -> Evaluation:
    """Placeholder."""
    raise NotImplementedError
