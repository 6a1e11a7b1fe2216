"""Result: one indicator on one unit (or row, or group) and period, as :func:`iku.evaluate`
gives it.

Its own module so that the backends that make Results (:mod:`iku.backends.scalar` for one
unit) and :mod:`iku.evaluation`, which hands them out, both import it without a circle.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from iku.scales import TargetRange
from iku.validation import NO_KEYS, Issue, Severity

__all__ = ["Result"]


@attrs.frozen
class Result:
    """One indicator on one unit (or row, or group) and period.

    ``value`` is the realisasi (None when it cannot be computed: see ``issues``), ``target`` the
    number or :class:`~iku.TargetRange` it was compared with, ``achievement`` the capaian in
    percent, ``category`` its predikat, ``grade`` an index's grade of its own value.
    ``numerator`` and ``denominator`` are a ratio's parts (a group's sums with ``by``);
    ``keys`` are the row's key columns (empty for one unit); ``given`` is true when the value
    is a realisasi given directly in the data (a column named like the indicator's code), not
    computed from its parts.
    """

    code: str
    period: Any
    value: float | None
    target: float | TargetRange | None
    achievement: float | None
    category: str | None
    grade: str | None
    numerator: float | None = None
    denominator: float | None = None
    issues: tuple[Issue, ...] = ()
    keys: Mapping[str, Any] = attrs.field(default=NO_KEYS, hash=False)
    given: bool = False

    @property
    def ok(self) -> bool:
        """True when no issue is an error (warnings allowed)."""
        return not any(issue.severity is Severity.ERROR for issue in self.issues)
