"""Comparing result frames from different engines, cell by cell."""

from __future__ import annotations

import math

import pandas as pd
import pytest


def assert_same_frames(left: pd.DataFrame, right: pd.DataFrame) -> None:
    """Same columns, rows and cells; floats equal to 1e-12, missing equal to missing."""
    assert list(left.columns) == list(right.columns)
    assert len(left) == len(right)
    for name in left.columns:
        for a, b in zip(left[name], right[name], strict=True):
            if isinstance(a, float) and isinstance(b, float):
                assert (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-12), name
            else:
                assert (a == b) or (pd.isna(a) and pd.isna(b)), (name, a, b)
