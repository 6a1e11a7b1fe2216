"""Achievement (capaian) by polarity, and scales that name a number: predikat and grades.

The rules and their sources are in ``docs/concepts.md``:

- higher is better: ``capaian = realisasi / target * 100``;
- lower is better: ``capaian = (2 * target - realisasi) / target * 100`` (PermenPANRB 8/2021);
- a target range ``(lo, hi)``: the upper bound when realisasi is above it, the lower bound when
  below it, and 100 % inside it;
- never capped, never clipped; a zero target gives no capaian.

>>> achievement(45, 50, Polarity.HIGHER_IS_BETTER)
90.0
>>> achievement(45, 50, "lower")  # (2 * 50 - 45) / 50 * 100, in floats
110.00000000000001
>>> PREDIKAT.classify(90.5)
'Tinggi'
>>> IPP_GRADES.classify(4.51)
'A'
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from iku import arguments
from iku.errors import DefinitionError, UnknownCodeError

if TYPE_CHECKING:  # numpy is imported where arrays are used: `import iku` stays light
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "IPP_GRADES",
    "PREDIKAT",
    "Band",
    "Polarity",
    "Scale",
    "TargetRange",
    "achievement",
]


class Polarity(enum.StrEnum):
    """Which direction of an indicator is good."""

    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"


@attrs.frozen
class TargetRange:
    """A target given as a range ``lo .. hi`` (both inclusive)."""

    lo: float = attrs.field(converter=float)
    hi: float = attrs.field(converter=float)

    def __attrs_post_init__(self) -> None:
        if not (math.isfinite(self.lo) and math.isfinite(self.hi)) or self.lo > self.hi:
            msg = f"a target range needs finite lo <= hi, got {self.lo} .. {self.hi}"
            raise DefinitionError(msg)


def _polarity(polarity: Polarity | str) -> Polarity:
    try:
        return Polarity(polarity)
    except ValueError:
        raise arguments.wrong("polarity", "argument.polarity", polarity) from None


def achievement(
    value: float, target: float | TargetRange, polarity: Polarity | str = Polarity.HIGHER_IS_BETTER
) -> float | None:
    """Capaian in percent of ``value`` against ``target``; ``None`` when the target is 0.

    Not capped: 150 % and -20 % are reported as they are.

    >>> achievement(60, TargetRange(50, 70))
    100.0
    >>> achievement(80, TargetRange(50, 70))
    114.28571428571428
    >>> achievement(1, 0) is None
    True
    """
    polarity = _polarity(polarity)
    value = arguments.number(value, "value")
    if isinstance(target, TargetRange):
        if target.lo <= value <= target.hi:
            return 100.0
        target = target.hi if value > target.hi else target.lo
    target = arguments.number(target, "target")
    if target == 0:
        return None
    if polarity is Polarity.HIGHER_IS_BETTER:
        return value / target * 100.0
    return (2.0 * target - value) / target * 100.0


def achievement_array(
    value: npt.ArrayLike,
    target: npt.ArrayLike,
    polarity: Polarity | str = Polarity.HIGHER_IS_BETTER,
    target_hi: npt.ArrayLike | None = None,
) -> npt.NDArray[np.float64]:
    """Vectorised :func:`achievement`: NaN where value or target is missing, where the target
    used is 0, and where the capaian is not finite.

    ``target`` is one number for every row or an array of them; ``target_hi``, when given, makes
    each row's target the range ``target .. target_hi``. The floats are those of
    :func:`achievement`, operation for operation.

    >>> achievement_array([45.0, 60.0, float("nan")], 50.0)
    array([ 90., 120.,  nan])
    >>> achievement_array([60.0, 80.0], [50.0, 50.0], "higher", target_hi=[70.0, 70.0])
    array([100.        , 114.28571429])
    """
    import numpy as np

    values = np.atleast_1d(np.asarray(value, dtype=np.float64))
    targets = np.asarray(target, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        inside = None
        if target_hi is not None:
            hi = np.asarray(target_hi, dtype=np.float64)
            inside = (values >= targets) & (values <= hi)
            targets = np.where(values > hi, hi, targets)
        if Polarity(polarity) is Polarity.HIGHER_IS_BETTER:
            result = np.divide(values, targets)
        else:
            result = np.subtract(2.0 * targets, values)
            result /= targets
        result *= 100.0
        if targets.ndim == 0:
            if targets == 0:
                result[:] = np.nan
        else:
            zero = targets == 0
            if zero.any():
                result[zero] = np.nan
        overflow = np.isinf(result)
        if overflow.any():
            result[overflow] = np.nan
        if inside is not None:  # last: inside a range is 100 even when a bound is 0
            result[inside] = 100.0
    return result.reshape(np.shape(value)) if np.ndim(value) == 0 else result


@attrs.frozen
class Band:
    """One band of a :class:`Scale`: every number from ``lower`` up to the next band's lower cut."""

    label: str
    lower: float = attrs.field(converter=float)
    label_en: str | None = attrs.field(default=None, kw_only=True)
    description: str | None = attrs.field(default=None, kw_only=True)
    description_en: str | None = attrs.field(default=None, kw_only=True)


def _bands(value: Iterable[Band | Sequence[object]]) -> tuple[Band, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        msg = f"a scale's bands are a sequence of bands, not {type(value).__name__}"
        raise DefinitionError(msg)
    bands: list[Band] = []
    for item in value:
        if isinstance(item, Band):
            bands.append(item)
        elif isinstance(item, Sequence) and not isinstance(item, str) and len(item) == 2:
            label, lower = item
            bands.append(Band(str(label), -math.inf if lower is None else lower))  # type: ignore[arg-type]
        else:
            msg = f"a band is a Band or a (label, lower) pair, not {item!r}"
            raise DefinitionError(msg)
    return tuple(sorted(bands, key=lambda band: band.lower, reverse=True))


@attrs.frozen
class Scale:
    """Names a number by half-open bands on their lower cuts; the top band runs on without end.

    ``bands`` are :class:`Band` values or ``(label, lower)`` pairs, in any order; the lowest band
    should start at ``-inf`` (or ``None``), or numbers below it have no label.

    >>> s = Scale("lulus", [("lulus", 60), ("tidak lulus", None)])
    >>> s.classify(59.99), s.classify(60)
    ('tidak lulus', 'lulus')
    """

    name: str
    bands: tuple[Band, ...] = attrs.field(converter=_bands)
    name_en: str | None = attrs.field(default=None, kw_only=True)
    description: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        problems: list[str] = []
        if not self.name:
            problems.append("a scale needs a name")
        if not self.bands:
            problems.append(f"scale {self.name!r} has no bands")
        labels = [band.label for band in self.bands]
        problems += [f"scale {self.name!r} has label {x!r} twice" for x in _repeated(labels)]
        cuts = [band.lower for band in self.bands]
        problems += [f"scale {self.name!r} has cut {x} twice" for x in _repeated(cuts)]
        problems += [f"scale {self.name!r} has a NaN cut" for cut in cuts if math.isnan(cut)]
        if problems:
            raise DefinitionError("; ".join(problems), problems)

    @property
    def labels(self) -> tuple[str, ...]:
        """Labels from the highest band to the lowest."""
        return tuple(band.label for band in self.bands)

    def classify(self, value: float | None) -> str | None:
        """The label of the band holding ``value``; ``None`` for a missing or NaN value or one
        below the lowest cut."""
        if value is None or value != value:
            return None
        for band in self.bands:
            if value >= band.lower:
                return band.label
        return None

    def band(self, label: str) -> Band:
        """The band named ``label``."""
        for band in self.bands:
            if label in (band.label, band.label_en):
                return band
        msg = f"scale {self.name!r} has no band {label!r}"
        raise UnknownCodeError(msg)

    def codes(self, values: npt.ArrayLike) -> npt.NDArray[np.int8]:
        """Vectorised :meth:`classify`: the index into :attr:`bands` per value, -1 for none."""
        import numpy as np

        values = np.asarray(values, dtype=np.float64)
        cuts = np.array([band.lower for band in reversed(self.bands)])
        position = np.searchsorted(cuts, values, side="right") - 1  # ascending cut index
        codes = np.where(position >= 0, len(self.bands) - 1 - position, -1)
        codes[np.isnan(values)] = -1
        return codes.astype(np.int8)


def _repeated(items: Iterable[object]) -> list[object]:
    seen: list[object] = []
    twice: list[object] = []
    for item in items:
        if item in seen and item not in twice:
            twice.append(item)
        seen.append(item)
    return twice


PREDIKAT: Final = Scale(
    "PREDIKAT",
    [
        Band("Sangat Tinggi", 91, label_en="Very high", description="Sangat Baik"),
        Band("Tinggi", 76, label_en="High", description="Baik"),
        Band("Sedang", 66, label_en="Medium", description="Cukup"),
        Band("Rendah", 51, label_en="Low", description="Kurang"),
        Band("Sangat Rendah", -math.inf, label_en="Very low", description="Sangat Kurang"),
    ],
    name_en="Achievement category",
    description=(
        "Predikat capaian kinerja (lazim dirujuk ke Permendagri 86/2017); pita setengah terbuka "
        "pada batas bawah, pita teratas tanpa batas atas."
    ),
)
"""The five predikat of capaian used in LKjIP and Renstra evaluation (see DOMAIN notes)."""

IPP_GRADES: Final = Scale(
    "IPP_GRADES",
    [
        Band("A", 4.51, description="Pelayanan Prima", description_en="Excellent service"),
        Band("A-", 4.01, description="Sangat Baik", description_en="Very good"),
        Band("B", 3.51, description="Baik", description_en="Good"),
        Band("B-", 3.01, description="Baik (dengan catatan)", description_en="Good, with notes"),
        Band("C", 2.51, description="Cukup", description_en="Fair"),
        Band("C-", 2.01, description="Cukup (dengan catatan)", description_en="Fair, with notes"),
        Band("D", 1.51, description="Buruk", description_en="Poor"),
        Band("E", 1.01, description="Sangat Buruk", description_en="Very poor"),
        Band("F", -math.inf, description="Gagal", description_en="Failed"),
    ],
    name_en="Public service index grades",
    description="Kategori Indeks Pelayanan Publik (KemenPANRB), skala 0-5.",
)
"""Grades of the Indeks Pelayanan Publik (KemenPANRB), on its 0 to 5 scale."""
