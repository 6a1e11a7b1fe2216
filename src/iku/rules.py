"""The rules of capaian an agency follows, as data: :class:`Rules`.

PermenPANRB 8/2021 is the default: lower-is-better capaian reflected around the target
(``(2T - R) / T * 100``), no cap, no floor, no rounding, the capaian of a sasaran the plain mean
of its indicators'. Agencies differ (``docs/rules.md`` lists who does what): Kab. Manggarai Timur
divides the target by the realisasi, many systems cap capaian at 100 or floor it at 0, many
reports compute capaian from the realisasi as printed (truncated) and truncate the capaian.

A field left out (``None``) is *not given*: it takes the default, and, when the rules override
others (an indicator's own rules over its set's, a run's over both), the field is inherited.

>>> set_rules = Rules(lower="inverse", cap=100)
>>> own = Rules(cap=120, achievement_decimals=2)
>>> set_rules.merge(own)
Rules(lower='inverse', cap=120.0, achievement_decimals=2)
>>> str(Rules().lower), Rules().is_default, set_rules.is_default
('reflect', True, False)
>>> Rules(cap=-5, floor=0)
Traceback (most recent call last):
...
iku.errors.DefinitionError: rules: floor (0) is above cap (-5)
"""

from __future__ import annotations

import enum
import math
import numbers
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

import attrs

from iku.errors import DefinitionError
from iku.messages import text
from iku.rounding import Rounding, round_array, round_number

if TYPE_CHECKING:  # numpy is imported by the array methods only
    import numpy as np
    import numpy.typing as npt

__all__ = ["DEFAULT_RULES", "FIELDS", "Lower", "Rules", "SasaranMethod"]


class Lower(enum.StrEnum):
    """How the capaian of a lower-is-better indicator is computed."""

    REFLECT = "reflect"
    """``(2 * target - realisasi) / target * 100`` (PermenPANRB 8/2021): the default."""
    INVERSE = "inverse"
    """``target / realisasi * 100`` (LKjIP Kab. Manggarai Timur 2019, e-SAKIP quarterly modules)."""


class SasaranMethod(enum.StrEnum):
    """How the capaian of a sasaran is formed from its indicators' capaian."""

    MEAN = "mean"
    """The plain mean (RATA-RATA of the LKjIP table): the default."""
    WEIGHTED = "weighted"
    """The mean weighted by each indicator's ``weight``."""


FIELDS: Final = (
    "lower",
    "cap",
    "floor",
    "value_decimals",
    "value_rounding",
    "achievement_decimals",
    "achievement_rounding",
    "sasaran",
)
"""The fields of :class:`Rules`, in order."""

_DEFAULTS: Final[Mapping[str, Any]] = {
    "lower": Lower.REFLECT,
    "cap": None,
    "floor": None,
    "value_decimals": None,
    "value_rounding": Rounding.HALF_UP,
    "achievement_decimals": None,
    "achievement_rounding": Rounding.HALF_UP,
    "sasaran": SasaranMethod.MEAN,
}

_BOUNDS_AND_DECIMALS: Final = ("cap", "floor", "value_decimals", "achievement_decimals")

MAX_DECIMALS: Final = 9
"""The most decimals a rule may round to."""


class _BadValueError(Exception):
    pass


def _show(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, str) else str(value)


def _choice(kind: type[enum.StrEnum]) -> Any:
    def check(value: object) -> enum.StrEnum:
        if isinstance(value, str) and value in tuple(kind):
            return kind(value)
        listed = ", ".join(repr(str(item)) for item in kind)
        raise _BadValueError(f"must be one of {listed}, not {value!r}")

    return check


def _bound(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real | Decimal | Fraction):
        raise _BadValueError(f"must be a number, not {value!r}")
    try:
        number = float(value)
    except (OverflowError, ValueError, ArithmeticError):
        raise _BadValueError(f"must be a number, not {value!r}") from None
    if math.isnan(number):
        raise _BadValueError("must be a number, not NaN")
    return number


def _decimals(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _BadValueError(f"must be a whole number from 0 to {MAX_DECIMALS}, not {value!r}")
    if not 0 <= value <= MAX_DECIMALS:
        raise _BadValueError(f"must be a whole number from 0 to {MAX_DECIMALS}, not {value}")
    return value


_CHECKS: Final[Mapping[str, Any]] = {
    "lower": _choice(Lower),
    "cap": _bound,
    "floor": _bound,
    "value_decimals": _decimals,
    "value_rounding": _choice(Rounding),
    "achievement_decimals": _decimals,
    "achievement_rounding": _choice(Rounding),
    "sasaran": _choice(SasaranMethod),
}


@attrs.frozen(init=False, repr=False)
class Rules:
    """How capaian is computed, rounded and bounded, and how a sasaran's capaian is formed.

    - ``lower``: "reflect" (``(2T - R) / T * 100``, PermenPANRB 8/2021, the default) or
      "inverse" (``T / R * 100``) for lower-is-better indicators;
    - ``cap``, ``floor``: bounds of the capaian (None: unbounded; ``inf`` lifts an inherited cap);
    - ``value_decimals`` with ``value_rounding``: the realisasi is rounded so (0 to 9 decimals;
      "half_up", "half_even" or "truncate") before the capaian is computed from it, as an agency
      computes from the realisasi it prints; the result's value is the rounded one;
    - ``achievement_decimals`` with ``achievement_rounding``: the capaian is rounded so, then
      bounded by ``cap`` and ``floor``; its predikat is that of the final number;
    - ``sasaran``: "mean" or "weighted" (by ``Indicator.weight``), for the capaian of a sasaran.

    Every field defaults to None, *not given*: the default applies, and when these rules
    override others (:meth:`merge`), the other rules' field is kept. ``given`` names the fields
    that were given (``attrs.evolve`` keeps them). A bad value is a
    :class:`~iku.DefinitionError` naming every bad field.
    """

    # What was given (None: not given), kept as given so that attrs.evolve keeps it too; the
    # properties of the same names below give the value that applies.
    _lower: Lower | None = attrs.field(alias="lower")
    _cap: float | None = attrs.field(alias="cap")
    _floor: float | None = attrs.field(alias="floor")
    _value_decimals: int | None = attrs.field(alias="value_decimals")
    _value_rounding: Rounding | None = attrs.field(alias="value_rounding")
    _achievement_decimals: int | None = attrs.field(alias="achievement_decimals")
    _achievement_rounding: Rounding | None = attrs.field(alias="achievement_rounding")
    _sasaran: SasaranMethod | None = attrs.field(alias="sasaran")
    plain: bool = attrs.field(init=False, eq=False, hash=False, repr=False)
    """True when a capaian needs nothing beyond the default formula: no cap, floor or
    rounding (the backends' fast path; ``lower`` and the sasaran method aside)."""

    def __init__(
        self,
        *,
        lower: Lower | str | None = None,
        cap: float | None = None,
        floor: float | None = None,
        value_decimals: int | None = None,
        value_rounding: Rounding | str | None = None,
        achievement_decimals: int | None = None,
        achievement_rounding: Rounding | str | None = None,
        sasaran: SasaranMethod | str | None = None,
    ) -> None:
        raw: dict[str, object] = {
            "lower": lower,
            "cap": cap,
            "floor": floor,
            "value_decimals": value_decimals,
            "value_rounding": value_rounding,
            "achievement_decimals": achievement_decimals,
            "achievement_rounding": achievement_rounding,
            "sasaran": sasaran,
        }
        fields: dict[str, Any] = {}
        problems: list[str] = []
        for name, value in raw.items():
            if value is None:
                fields[name] = None
                continue
            try:
                fields[name] = _CHECKS[name](value)
            except _BadValueError as error:
                problems.append(f"rules: {name} {error}")
                fields[name] = None
        low, high = fields["floor"], fields["cap"]
        if low is not None and low == math.inf:
            problems.append("rules: floor must be below infinity")
        if high is not None and high == -math.inf:
            problems.append("rules: cap must be above minus infinity")
        if low is not None and high is not None and low > high and not problems:
            problems.append(f"rules: floor ({_show(low)}) is above cap ({_show(high)})")
        if problems:
            raise DefinitionError("; ".join(problems), problems)
        self.__attrs_init__(**fields)
        plain = all(fields[name] is None for name in _BOUNDS_AND_DECIMALS)
        object.__setattr__(self, "plain", plain)  # read once per indicator and row: kept

    @property
    def lower(self) -> Lower:
        """How a lower-is-better capaian is computed: "reflect" (the default) or "inverse"."""
        return Lower.REFLECT if self._lower is None else self._lower

    @property
    def cap(self) -> float | None:
        """The highest capaian (None: none)."""
        return self._cap

    @property
    def floor(self) -> float | None:
        """The lowest capaian (None: none)."""
        return self._floor

    @property
    def value_decimals(self) -> int | None:
        """Decimals the realisasi is rounded to before the capaian (None: not rounded)."""
        return self._value_decimals

    @property
    def value_rounding(self) -> Rounding:
        """How the realisasi is rounded (default "half_up")."""
        return Rounding.HALF_UP if self._value_rounding is None else self._value_rounding

    @property
    def achievement_decimals(self) -> int | None:
        """Decimals the capaian is rounded to (None: not rounded)."""
        return self._achievement_decimals

    @property
    def achievement_rounding(self) -> Rounding:
        """How the capaian is rounded (default "half_up")."""
        return (
            Rounding.HALF_UP if self._achievement_rounding is None else self._achievement_rounding
        )

    @property
    def sasaran(self) -> SasaranMethod:
        """How a sasaran's capaian is formed: "mean" (the default) or "weighted"."""
        return SasaranMethod.MEAN if self._sasaran is None else self._sasaran

    @property
    def given(self) -> frozenset[str]:
        """The names of the fields that were given."""
        return frozenset(name for name in FIELDS if getattr(self, f"_{name}") is not None)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={self._plain(name)!r}" for name in FIELDS if name in self.given)
        return f"Rules({shown})"

    def _plain(self, name: str) -> Any:
        value = getattr(self, name)
        return str(value) if isinstance(value, enum.Enum) else value

    @classmethod
    def from_mapping(cls, fields: Mapping[str, Any]) -> Rules:
        """Rules from a mapping of field name to value (a set file's ``[rules]`` table); an
        unknown field is a :class:`~iku.DefinitionError`."""
        unknown = [str(name) for name in fields if name not in FIELDS]
        if unknown:
            problems = [f"rules: unknown field {name!r}" for name in unknown]
            raise DefinitionError("; ".join(problems), problems)
        return cls(**fields)

    def as_mapping(self) -> dict[str, Any]:
        """The fields that were given, as plain values (text, numbers): what a set file holds."""
        return {name: self._plain(name) for name in FIELDS if name in self.given}

    @property
    def values(self) -> tuple[Any, ...]:
        """The value of every field, given or not, in :data:`FIELDS` order: two rules that
        compute alike have the same ``values`` (``Rules() != Rules(lower="reflect")``, as the
        second overrides an inherited "inverse", but their values are the same)."""
        return tuple(getattr(self, name) for name in FIELDS)

    def merge(self, other: Rules | None) -> Rules:
        """These rules with every field that ``other`` gives taken from ``other``."""
        if other is None or not other.given:
            return self
        if not self.given:
            return other
        fields = self.as_mapping() | other.as_mapping()
        return Rules(**fields)

    @property
    def changed(self) -> tuple[str, ...]:
        """The fields whose value differs from the default (PermenPANRB 8/2021), in order; a
        rounding mode counts only when its decimals are given."""
        found = []
        for name in FIELDS:
            if (
                name.endswith("_rounding")
                and getattr(self, name.replace("rounding", "decimals")) is None
            ):
                continue
            if getattr(self, name) != _DEFAULTS[name]:
                found.append(name)
        return tuple(found)

    @property
    def is_default(self) -> bool:
        """True when these rules compute exactly as the default ones."""
        return not self.changed

    def round_value(self, value: float) -> float:
        """The realisasi as these rules round it before the capaian is computed."""
        if self.value_decimals is None:
            return value
        return round_number(value, self.value_decimals, self.value_rounding)

    def finish(self, capaian: float) -> float:
        """The capaian rounded (``achievement_decimals``), then bounded by ``floor`` and
        ``cap``."""
        if self.achievement_decimals is not None:
            capaian = round_number(capaian, self.achievement_decimals, self.achievement_rounding)
        if self.cap is not None and capaian > self.cap:
            capaian = self.cap
        if self.floor is not None and capaian < self.floor:
            capaian = self.floor
        return capaian

    def round_values(self, values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """:meth:`round_value` on a float64 column (the same array when nothing is rounded)."""
        if self.value_decimals is None:
            return values
        return round_array(values, self.value_decimals, self.value_rounding)

    def finish_array(self, capaian: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """:meth:`finish` on a float64 column; NaN stays NaN."""
        import numpy as np

        if self.achievement_decimals is not None:
            capaian = round_array(capaian, self.achievement_decimals, self.achievement_rounding)
        with np.errstate(invalid="ignore"):
            if self.cap is not None:
                capaian = np.minimum(capaian, self.cap)
            if self.floor is not None:
                capaian = np.maximum(capaian, self.floor)
        return capaian

    def describe(self, lang: str = "id", *, lower_used: bool = True) -> list[str]:
        """These rules in words, one clause per field that differs from the default (empty for
        the default rules). ``lower_used=False`` leaves out ``lower`` (no indicator of the
        subject is lower-is-better)."""
        clauses = []
        for name in self.changed:
            if name == "lower" and not lower_used:
                continue
            value = self._plain(name)
            fields: dict[str, Any] = {
                "value": _show(value) if not isinstance(value, str) else value
            }
            if name.endswith("_decimals"):
                mode = getattr(self, name.replace("decimals", "rounding"))
                fields["mode"] = text(f"rules.mode_{mode}", lang)
                key = f"rules.{name}"
            elif name.endswith("_rounding"):
                continue  # said with its decimals
            else:
                key = f"rules.{name}_{value}" if name in ("lower", "sasaran") else f"rules.{name}"
            clauses.append(text(key, lang, **fields))
        return clauses


DEFAULT_RULES: Final = Rules()
"""The default rules (PermenPANRB 8/2021): nothing given."""
