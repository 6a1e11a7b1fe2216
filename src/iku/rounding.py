"""Rounding a number as an agency prints it: half up, half even, or truncated, in decimals.

Floats cannot hold most decimals exactly (``139.73`` is ``139.729999...`` inside), so the
rounding is decided in :mod:`decimal` arithmetic, on the number as printed: the shortest
decimal that reads back as the float (``repr``, what SQL engines print for a DOUBLE too) is
first rounded to 9 decimals (half away from zero), which clears the noise of the arithmetic that
made it (``0.29 * 100`` is ``28.999999999999996``), and that decimal is then rounded to
``decimals`` places by ``mode``. The result is the float nearest to that decimal.

>>> round_number(0.125, 2, "half_up"), round_number(0.125, 2, "half_even")
(0.13, 0.12)
>>> round_number(139.737, 2, "truncate"), round_number(186.9, 0, "truncate")
(139.73, 186.0)
>>> round_number(0.29 * 100, 0, "truncate")  # 28.999999999999996 is 29 to 9 decimals
29.0
>>> round_number(-2.5, 0, "half_up")  # half up is half away from zero, as printed
-3.0

A number whose rounding a float cannot hold (``abs(value) * 10**decimals`` at least ``2**53``:
``9.0e12`` to 3 decimals) is left as it is, here as in the SQL backend. :func:`round_array`
does the same to a whole column and gives the same floats.
"""

from __future__ import annotations

import enum
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # numpy is imported by round_array only
    import numpy as np
    import numpy.typing as npt

__all__ = ["NOISE_DECIMALS", "Rounding", "limit", "round_array", "round_number"]


class Rounding(enum.StrEnum):
    """How a number is rounded to its decimals."""

    HALF_UP = "half_up"
    """To the nearest, a half away from zero (0.125 -> 0.13, -0.125 -> -0.13): the school rule."""
    HALF_EVEN = "half_even"
    """To the nearest, a half to the even digit (0.125 -> 0.12, 0.135 -> 0.14): banker's rule."""
    TRUNCATE = "truncate"
    """Cut off toward zero (139.737 -> 139.73, 186.9 -> 186)."""


NOISE_DECIMALS: Final = 9
"""Decimals a float is first rounded to (half away from zero), to clear the noise of float
arithmetic."""


def limit(decimals: int) -> float:
    """Numbers at least this large (in magnitude) are not rounded to ``decimals`` places: the
    rounded number, times ``10**decimals``, would be no whole float.

    >>> limit(0), limit(2)
    (9007199254740992.0, 90071992547409.92)
    """
    return float(2**53 / 10**decimals)


_MODES: Final = {
    Rounding.HALF_UP: ROUND_HALF_UP,
    Rounding.HALF_EVEN: ROUND_HALF_EVEN,
    Rounding.TRUNCATE: ROUND_DOWN,
}
_NOISE: Final = Decimal(1).scaleb(-NOISE_DECIMALS)
_STEPS: Final = tuple(Decimal(1).scaleb(-n) for n in range(NOISE_DECIMALS + 1))


def round_number(value: float, decimals: int, mode: Rounding | str = Rounding.HALF_UP) -> float:
    """``value`` rounded to ``decimals`` places (0 to 9) by ``mode``, decided in decimals.

    NaN and infinities are returned as they are.
    """
    if not abs(value) < limit(decimals):  # NaN too
        return value
    exact = Decimal(repr(value)).quantize(_NOISE, ROUND_HALF_UP)
    return float(exact.quantize(_STEPS[decimals], _MODES[Rounding(mode)]))


def round_array(
    values: npt.NDArray[np.float64], decimals: int, mode: Rounding | str = Rounding.HALF_UP
) -> npt.NDArray[np.float64]:
    """:func:`round_number` on every value of a float64 array (a new array).

    Most values are rounded with numpy on the scaled value ``x * 10**decimals``; a value whose
    scaled value lies so near a boundary (a whole number when truncating, a half otherwise)
    that float noise or the first rounding to 9 decimals could move it across goes through
    :func:`round_number`, so both give the same floats.
    """
    import numpy as np

    mode = Rounding(mode)
    given = np.asarray(values, dtype=np.float64)
    x = given.ravel()  # any shape: a block of indicators is a 2-D array
    out = x.copy()
    with np.errstate(invalid="ignore", over="ignore"):
        step = 10.0**decimals
        scaled = x * step
        size = np.abs(scaled)
        whole = np.floor(size)
        part = size - whole
        # how far the scaled value may move: the first rounding, and float noise below 1e-6
        margin = 10.0 ** (decimals - NOISE_DECIMALS) + 1e-6
        boundary = 0.0 if mode is Rounding.TRUNCATE else 0.5
        near = np.abs(part - boundary) <= margin
        if mode is Rounding.TRUNCATE:
            near |= (1.0 - part) <= margin
            # a scaled value that is a whole float is that whole number: its error is far
            # below the first rounding for values under a million
            near &= ~((part == 0.0) & (np.abs(x) < 1e6))
        fast = (size < 1e9) & ~near
        # no value of the fast path is a half
        rounded = whole if mode is Rounding.TRUNCATE else whole + (part > 0.5)
        rounded = np.copysign(rounded, x) / step
    np.copyto(out, rounded, where=fast)
    slow = np.flatnonzero(~fast & (np.abs(x) < limit(decimals)))
    for i in slow.tolist():
        out[i] = round_number(float(x[i]), decimals, mode)
    return out.reshape(given.shape)
