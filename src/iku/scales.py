"""Achievement (capaian) by polarity and by the rules of an agency, and scales that name a
number: predikat and grades.

The default rules and their sources are in ``docs/concepts.md``, the others in
``docs/rules.md``:

- higher is better: ``capaian = realisasi / target * 100``;
- lower is better: ``capaian = (2 * target - realisasi) / target * 100`` (PermenPANRB 8/2021),
  or, under ``Rules(lower="inverse")``, ``target / realisasi * 100``;
- a target range ``(lo, hi)``: the upper bound when realisasi is above it, the lower bound when
  below it, and 100 % inside it;
- by default never capped, never clipped, never rounded (:class:`Rules` says otherwise); a
  zero target (and, under "inverse", a zero realisasi) gives no capaian.

>>> achievement(45, 50, Polarity.HIGHER_IS_BETTER)
90.0
>>> achievement(45, 50, "lower")  # (2 * 50 - 45) / 50 * 100, in floats
110.00000000000001
>>> PREDIKAT.classify(90.5)
'Tinggi'
>>> IPP_GRADES.classify(4.51)
'A'
>>> achievement(186.9, 162, "lower", Rules(lower="inverse", value_decimals=0,
...                                        value_rounding="truncate", achievement_decimals=2))
87.1
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from iku import arguments
from iku.duplicates import repeated
from iku.errors import DefinitionError, UnknownCodeError
from iku.rounding import Rounding
from iku.rules import DEFAULT_RULES, Lower, Rules, SasaranMethod

if TYPE_CHECKING:  # numpy is imported where arrays are used: `import iku` stays light
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "IPP_GRADES",
    "NAMED_SCALES",
    "PREDIKAT",
    "PREDIKAT_BERHASIL",
    "PREDIKAT_MALUKU_TENGAH_2021",
    "PREDIKAT_SAMPANG_2019",
    "Band",
    "Lower",
    "Polarity",
    "Rounding",
    "Rules",
    "SasaranMethod",
    "Scale",
    "TargetRange",
    "achievement",
    "achievement_array",
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
    value: float,
    target: float | TargetRange,
    polarity: Polarity | str = Polarity.HIGHER_IS_BETTER,
    rules: Rules | None = None,
) -> float | None:
    """Capaian in percent of ``value`` against ``target`` by ``rules`` (default: PermenPANRB
    8/2021, see :class:`Rules`); ``None`` when the target used is 0, when ``rules`` say
    "inverse" and the realisasi is 0, and when the capaian is not a finite number.

    With the default rules, not capped: 150 % and -20 % are reported as they are.

    >>> achievement(60, TargetRange(50, 70))
    100.0
    >>> achievement(80, TargetRange(50, 70))
    114.28571428571428
    >>> achievement(1, 0) is None
    True
    >>> achievement(111.11, 100, rules=Rules(cap=100))
    100.0
    """
    polarity = _polarity(polarity)
    rules = DEFAULT_RULES if rules is None else arguments.instance(rules, Rules, "rules", "Rules")
    value = rules.round_value(arguments.number(value, "value"))
    if not isinstance(target, TargetRange):
        target = arguments.number(target, "target")
    return capaian(value, target, polarity is Polarity.HIGHER_IS_BETTER, rules)[0]


ZERO_TARGET: Final = "zero_target"
ZERO_VALUE: Final = "zero_value"


def capaian(
    value: float, target: float | TargetRange, higher: bool, rules: Rules
) -> tuple[float | None, str | None]:
    """The capaian of an already rounded ``value`` (the one-unit backend's step), and why there
    is none: :data:`ZERO_TARGET` when the target used is 0, :data:`ZERO_VALUE` when ``rules``
    say "inverse" and the realisasi is 0 (``None`` otherwise, also for a capaian that is not
    finite). The floats are those of :func:`capaian_array`, operation for operation."""
    if isinstance(target, TargetRange):
        if target.lo <= value <= target.hi:
            return rules.finish(100.0), None
        target = target.hi if value > target.hi else target.lo
    target = float(target)
    if target == 0:
        return None, ZERO_TARGET
    if higher:
        result = value / target * 100.0
    elif rules.lower is Lower.REFLECT:
        result = (2.0 * target - value) / target * 100.0
    elif value == 0:
        return None, ZERO_VALUE
    else:
        result = target / value * 100.0
    if result - result != 0.0:
        return None, None
    return (result if rules.plain else rules.finish(result)), None


def achievement_array(
    value: npt.ArrayLike,
    target: npt.ArrayLike,
    polarity: Polarity | str = Polarity.HIGHER_IS_BETTER,
    target_hi: npt.ArrayLike | None = None,
    rules: Rules | None = None,
) -> npt.NDArray[np.float64]:
    """Vectorised :func:`achievement`: NaN where value or target is missing, where the target
    used is 0, where ``rules`` say "inverse" and the realisasi is 0, and where the capaian is
    not finite.

    ``target`` is one number for every row or an array of them; ``target_hi``, when given, makes
    each row's target the range ``target .. target_hi``. The floats are those of
    :func:`achievement`, operation for operation.

    >>> achievement_array([45.0, 60.0, float("nan")], 50.0)
    array([ 90., 120.,  nan])
    >>> achievement_array([60.0, 80.0], [50.0, 50.0], "higher", target_hi=[70.0, 70.0])
    array([100.        , 114.28571429])
    """
    import numpy as np

    rules = DEFAULT_RULES if rules is None else rules
    values = np.atleast_1d(np.asarray(value, dtype=np.float64))
    values = rules.round_values(values)
    higher = _polarity(polarity) is Polarity.HIGHER_IS_BETTER
    result = capaian_array(values, target, higher, target_hi, rules)
    return result.reshape(np.shape(value)) if np.ndim(value) == 0 else result


def capaian_array(
    values: npt.NDArray[np.float64],
    target: npt.ArrayLike,
    higher: bool,
    target_hi: npt.ArrayLike | None,
    rules: Rules,
) -> npt.NDArray[np.float64]:
    """:func:`capaian` on a column of already rounded values (the table backend's step): NaN
    where there is none."""
    import numpy as np

    targets = np.asarray(target, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        inside = None
        if target_hi is not None:
            hi = np.asarray(target_hi, dtype=np.float64)
            inside = (values >= targets) & (values <= hi)
            targets = np.where(values > hi, hi, targets)
        # np.where, not masked assignment: the value and target columns may differ in shape
        # (one target for a block of rows) and either may be a 0-d array
        if higher:
            result = np.divide(values, targets)
        elif rules.lower is Lower.REFLECT:
            result = np.divide(np.subtract(2.0 * targets, values), targets)
        else:
            result = np.where(values == 0, np.nan, np.divide(targets, values))
        result = np.multiply(result, 100.0)
        result = np.where((targets == 0) | np.isinf(result), np.nan, result)
        if inside is not None:  # last: inside a range is 100 even when a bound is 0
            result = np.where(inside, 100.0, result)
    result = np.asarray(result, dtype=np.float64)
    return result if rules.plain else rules.finish_array(result)


@attrs.frozen
class Band:
    """One band of a :class:`Scale`: every number from ``lower`` up to the next band's lower cut.

    ``inclusive`` says whether ``lower`` itself belongs to the band (``>=``, true) or not
    (``>``, false); None takes the scale's own ``inclusive``.
    """

    label: str
    lower: float = attrs.field(converter=float)
    label_en: str | None = attrs.field(default=None, kw_only=True)
    description: str | None = attrs.field(default=None, kw_only=True)
    description_en: str | None = attrs.field(default=None, kw_only=True)
    inclusive: bool | None = attrs.field(default=None, kw_only=True)


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
    should start at ``-inf`` (or ``None``), or numbers below it have no label. ``inclusive``
    says how a cut is read: ``>=`` (true, the default: 60 is "lulus" below) or ``>`` (false: a
    published "> 85" band); a band may say otherwise for its own cut.

    >>> s = Scale("lulus", [("lulus", 60), ("tidak lulus", None)])
    >>> s.classify(59.99), s.classify(60)
    ('tidak lulus', 'lulus')
    >>> strict = Scale("lulus", [("lulus", 60), ("tidak lulus", None)], inclusive=False)
    >>> strict.classify(60), strict.classify(60.01)
    ('tidak lulus', 'lulus')
    """

    name: str
    bands: tuple[Band, ...] = attrs.field(converter=_bands)
    name_en: str | None = attrs.field(default=None, kw_only=True)
    description: str | None = attrs.field(default=None, kw_only=True)
    inclusive: bool = attrs.field(default=True, kw_only=True)

    def __attrs_post_init__(self) -> None:
        problems: list[str] = []
        if not self.name:
            problems.append("a scale needs a name")
        if not self.bands:
            problems.append(f"scale {self.name!r} has no bands")
        labels = [band.label for band in self.bands]
        problems += [f"scale {self.name!r} has label {x!r} twice" for x in repeated(labels)]
        cuts = [band.lower for band in self.bands]
        problems += [f"scale {self.name!r} has cut {x} twice" for x in repeated(cuts)]
        problems += [f"scale {self.name!r} has a NaN cut" for cut in cuts if math.isnan(cut)]
        flags: list[object] = [self.inclusive, *(band.inclusive for band in self.bands)]
        if any(flag is not None and not isinstance(flag, bool) for flag in flags):
            problems.append(f"scale {self.name!r}: inclusive must be true or false")
        if problems:
            raise DefinitionError("; ".join(problems), problems)

    @property
    def labels(self) -> tuple[str, ...]:
        """Labels from the highest band to the lowest."""
        return tuple(band.label for band in self.bands)

    def includes(self, band: Band) -> bool:
        """Whether ``band``'s lower cut belongs to it (``>=``) or not (``>``)."""
        return self.inclusive if band.inclusive is None else band.inclusive

    @property
    def cuts(self) -> tuple[tuple[float, bool, str], ...]:
        """``(lower, inclusive, label)`` of each band, from the highest band to the lowest."""
        return tuple((band.lower, self.includes(band), band.label) for band in self.bands)

    def classify(self, value: float | None) -> str | None:
        """The label of the band holding ``value``; ``None`` for a missing or NaN value or one
        below the lowest cut."""
        if value is None or value != value:
            return None
        for band in self.bands:
            lower = band.lower
            if value > lower:
                return band.label
            if value == lower and (self.inclusive if band.inclusive is None else band.inclusive):
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
        codes = np.full(values.shape, -1, dtype=np.int8)
        with np.errstate(invalid="ignore"):
            for position in range(len(self.bands) - 1, -1, -1):  # lowest band first
                lower, inclusive, _ = self.cuts[position]
                reached = values >= lower if inclusive else values > lower
                codes[reached] = position
        return codes


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

PREDIKAT_SAMPANG_2019: Final = Scale(
    "PREDIKAT_SAMPANG_2019",
    [
        Band("Sangat Tinggi", 90, label_en="Very high"),
        Band("Tinggi", 75, label_en="High"),
        Band("Sedang", 65, label_en="Medium"),
        Band("Rendah", 50, label_en="Low"),
        Band("Sangat Rendah", -math.inf, label_en="Very low"),
    ],
    name_en="Achievement category (Kab. Sampang 2019)",
    inclusive=False,
    description=(
        "Predikat capaian LKjIP Kab. Sampang 2019: 91-100 / 76-90 / 66-75 / 51-65 / <= 50. "
        "Dibaca > 90, > 75, > 65, > 50 ('<= 50' yang tertulis menjadikan batas atas tiap pita "
        "termasuk di dalamnya, sehingga celah 90-91 dst. tertutup); label pita mengikuti "
        "PREDIKAT (label dalam laporan itu belum dikonfirmasi)."
    ),
)
"""The predikat bands of LKjIP Kab. Sampang 2019 (91-100 / 76-90 / 66-75 / 51-65 / <= 50), read
as ``> 90``, ``> 75``, ``> 65``, ``> 50``: its "<= 50" makes each band's upper end inclusive."""

PREDIKAT_MALUKU_TENGAH_2021: Final = Scale(
    "PREDIKAT_MALUKU_TENGAH_2021",
    [
        Band("Memuaskan", 85, label_en="Satisfactory"),
        Band("Sangat Baik", 75, label_en="Very good"),
        Band("Baik", 65, label_en="Good"),
        Band("Cukup Baik", 50, label_en="Fairly good"),
        Band("Agak Kurang", 30, label_en="Somewhat poor"),
        Band("Kurang", -math.inf, label_en="Poor"),
    ],
    name_en="Achievement category (Kab. Maluku Tengah 2021)",
    inclusive=False,
    description=(
        "Predikat capaian LKjIP Kab. Maluku Tengah 2021, enam pita: > 85 Memuaskan, > 75 "
        "Sangat Baik, > 65 Baik, > 50 Cukup Baik, > 30 Agak Kurang, <= 30 Kurang."
    ),
)
"""The six bands of LKjIP Kab. Maluku Tengah 2021: > 85, > 75, > 65, > 50, > 30 (strict cuts)."""

PREDIKAT_BERHASIL: Final = Scale(
    "PREDIKAT_BERHASIL",
    [
        Band("Sangat Berhasil", 100, label_en="Very successful"),
        Band("Berhasil", 75, label_en="Successful"),
        Band("Cukup Berhasil", 55, label_en="Fairly successful"),
        Band("Kurang Berhasil", -math.inf, label_en="Less successful"),
    ],
    name_en="Achievement category (berhasil)",
    description=(
        "Predikat keberhasilan yang dipakai beberapa aplikasi e-SAKIP: >= 100 Sangat Berhasil, "
        ">= 75 Berhasil, >= 55 Cukup Berhasil; label pita terbawah (Kurang Berhasil) belum "
        "dikonfirmasi."
    ),
)
"""Sangat Berhasil >= 100, Berhasil >= 75, Cukup Berhasil >= 55 (e-SAKIP systems); the label of
the lowest band is not confirmed."""

NAMED_SCALES: Final = {
    scale.name: scale
    for scale in (
        PREDIKAT,
        IPP_GRADES,
        PREDIKAT_SAMPANG_2019,
        PREDIKAT_MALUKU_TENGAH_2021,
        PREDIKAT_BERHASIL,
    )
}
"""Every built-in scale by name: what a set file may name without defining it."""
