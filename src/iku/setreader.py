"""Reading set-file content into an :class:`~iku.IndicatorSet`, collecting every problem.

:func:`iku.load_set` decodes a TOML or JSON file and hands the data here. Each table of the file
is read field by field: a refused field is recorded with the entry it belongs to (``sasaran S-2 >
indicator IKU-3: numerator: unknown variable 'psk' at column 1 of 'psk'``) and reading goes on,
so that one bad indicator never hides another's problems. Objects are built only from entries
without problems, so a problem is reported once and not again by the model.

>>> s, problems, deprecated = read_set({"iku_format": 1, "set": {"id": "x", "period": "2025"}})
>>> s is None
True
>>> for problem in problems:
...     print(problem)
set: missing required field 'name'
set: missing required field 'organization'
set: period: must be a list of years such as [2025, 2026], not text ('2025')
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Final, TypeVar

import attrs
import sympy

from iku.errors import DefinitionError, FormulaError
from iku.formula import parse
from iku.links import link_problem
from iku.model import (
    Accumulation,
    Aggregation,
    Index,
    Indicator,
    IndicatorSet,
    Ratio,
    Sasaran,
    Source,
    Variable,
    VariableKind,
)
from iku.scales import NAMED_SCALES, PREDIKAT, Band, Rules, Scale

__all__ = ["BUILTIN_SCALES", "FORMAT", "AmbiguousNumber", "compact_number", "read_set"]

FORMAT: Final = 1
"""The set-file format this version reads and writes (``iku_format = 1``)."""

BUILTIN_SCALES: Final[Mapping[str, Scale]] = NAMED_SCALES
"""Scales every set file may name without defining them: PREDIKAT, IPP_GRADES and the
published variants (``iku.scales.NAMED_SCALES``)."""

T = TypeVar("T")


def compact_number(value: float) -> int | float:
    """``value`` as an int when it is whole (``5`` rather than ``5.0``), for files and messages."""
    return int(value) if math.isfinite(value) and value == int(value) else value


_TOP: Final = ("iku_format", "set", "source", "rules", "variables", "scales", "sasaran")
_SET: Final = ("id", "name", "name_en", "organization", "organization_en", "period")
_SOURCE: Final = ("title", "numbers", "date", "signer", "url", "notes")
_VARIABLE: Final = (
    "code",
    "label",
    "label_en",
    "unit",
    "kind",
    "range",
    "source",
    "aggregation",
    "accumulation",
)
_SCALE: Final = ("name", "name_en", "description", "inclusive", "bands")
_BAND: Final = ("label", "lower", "label_en", "description", "description_en", "inclusive")
_SASARAN: Final = ("code", "name", "name_en", "notes", "indicators")
_BY_TYPE: Final[Mapping[str, tuple[str, ...]]] = {
    "ratio": ("numerator", "denominator", "factor", "proportion"),
    "index": ("formula", "bounds", "scale", "grades"),
    "formula": ("formula",),
}
_REQUIRED_BY_TYPE: Final[Mapping[str, tuple[str, ...]]] = {
    "ratio": ("numerator", "denominator"),
    "index": ("formula",),
    "formula": ("formula",),
}
_RENAMED: Final[Mapping[str, str]] = {"scale": "bounds"}
"""Fields of an indicator read under a former name (with a DeprecationWarning): old -> new."""
_KINDS: Final = tuple(str(kind) for kind in VariableKind)
_AGGREGATIONS: Final = tuple(str(a) for a in Aggregation)
_ACCUMULATIONS: Final = tuple(str(a) for a in Accumulation)


class _BadValueError(Exception):
    """A field's value is refused; the message says why."""


@attrs.frozen
class AmbiguousNumber:
    """A number of a file written so that it reads two ways: ``1.500`` is 1.5 to TOML and JSON
    but 1500 to an Indonesian reader (who writes thousands with dots). The file decoder gives
    one in place of the float, and every field refuses it, quoting the text as written."""

    text: str

    def readings(self) -> tuple[str, str]:
        """The two readings: as a decimal point and as thousands separators."""
        decimal = str(compact_number(float(self.text)))
        return decimal, self.text.replace(".", "")


def _ambiguous(value: AmbiguousNumber) -> str:
    decimal, thousands = value.readings()
    return (
        f"{value.text} could be read as {decimal} or as {thousands} (dots for thousands): "
        f"write {decimal}, or {thousands} without dots"
    )


def _describe(value: object) -> str:
    if isinstance(value, AmbiguousNumber):
        return f"a number ({value.text})"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value!r})"
    if isinstance(value, str):
        return f"text ({value!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, dt.date):
        return f"a date-time ({value})" if isinstance(value, dt.datetime) else f"a date ({value})"
    return "null" if value is None else type(value).__name__


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise _BadValueError(f"must be text, not {_describe(value)}")
    return value


def _name(value: object) -> str:
    text = _text(value)
    if not text.strip():
        raise _BadValueError("must not be empty")
    return text


def _texts(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _BadValueError(f"must be text or a list of texts, not {_describe(value)}")
    return tuple(value)


def _refuse_ambiguous(value: object) -> None:
    if isinstance(value, AmbiguousNumber):
        raise _BadValueError(_ambiguous(value))
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value.strip()):
        raise _BadValueError(
            f"must be a number, not text ({value!r}): write a number without quotes"
            + (
                f"; {_ambiguous(AmbiguousNumber(value.strip()))}"
                if _AMBIGUOUS_TEXT.fullmatch(value.strip())
                else ""
            )
        )


_NUMBER_TEXT: Final = re.compile(r"[+-]?(?:[0-9][0-9_.,]*)(?:[eE][+-]?[0-9]+)?")
"""Text that a person meant as a number (digits with separators)."""
_AMBIGUOUS_TEXT: Final = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+")


def _whole(value: object) -> int:
    _refuse_ambiguous(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _BadValueError(f"must be a whole number, not {_describe(value)}")
    return value


def _real(value: object) -> float:
    _refuse_ambiguous(value)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _BadValueError(f"must be a number, not {_describe(value)}")
    try:
        return float(value)
    except OverflowError:
        raise _BadValueError(f"{value} is too large a number") from None


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise _BadValueError(f"must be true or false, not {_describe(value)}")
    return value


def _pair(value: object) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise _BadValueError(f"must be a pair [lo, hi] of numbers, not {_describe(value)}")
    lo, hi = (_real(item) for item in value)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        shown = ", ".join(str(compact_number(x)) for x in (lo, hi))
        raise _BadValueError(f"needs two finite numbers, not [{shown}]")
    if not lo < hi:
        raise _BadValueError(f"needs lo < hi, got [{compact_number(lo)}, {compact_number(hi)}]")
    return lo, hi


def _years(value: object) -> tuple[int, ...]:
    items = value if isinstance(value, list) else [value]
    try:
        years = tuple(_whole(item) for item in items)
    except _BadValueError:
        raise _BadValueError(
            f"must be a list of years such as [2025, 2026], not {_describe(value)}"
        ) from None
    if not years:
        raise _BadValueError("needs at least one year")
    return years


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        raise _BadValueError(f"must be a date without a time, such as 2024-12-31, not {value}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _BadValueError(f"must be a date such as 2024-12-31, not {_describe(value)}")


def _choice(*choices: str) -> Callable[[object], str]:
    def check(value: object) -> str:
        if value not in choices:
            listed = ", ".join(repr(c) for c in choices)
            raise _BadValueError(f"must be one of {listed}, not {_describe(value)}")
        return str(value)

    return check


def _links(value: object) -> tuple[str, ...]:
    """The links of ``supports``: a list of texts, each ``"<set-id>:<code>"`` or ``":<code>"``."""
    if not isinstance(value, list):
        raise _BadValueError(f'must be a list of links such as [":IKU-1"], not {_describe(value)}')
    for item in value:
        problem = link_problem(item) if isinstance(item, str) else None
        if not isinstance(item, str):
            problem = f'a link is text such as ":IKU-1", not {_describe(item)}'
        if problem is not None:
            raise _BadValueError(problem)
    return tuple(value)


def _decimals(value: object) -> int:
    number = _whole(value)
    if not 0 <= number <= 10:
        raise _BadValueError(f"must be a whole number from 0 to 10, not {number}")
    return number


def _weight(value: object) -> float:
    number = _real(value)
    if not (math.isfinite(number) and number > 0):
        raise _BadValueError(f"must be a positive number, not {_describe(value)}")
    return number


_SHARED: Final[Mapping[str, Callable[[object], object]]] = {
    "name_en": _text,
    "polarity": _choice("higher", "lower"),
    "decimals": _decimals,
    "source_data": _text,
    "notes": _text,
    "supports": _links,
    "weight": _weight,
}
"""The keyword fields every indicator takes and how each is read; a field left out takes the
model's default (:class:`~iku.model.IndicatorOptions`). ``unit`` and ``categories`` are read
apart: an empty unit means none on a ratio, and a scale is named."""

_COMMON: Final = ("code", "type", "name", "unit", "categories", "rules", *_SHARED)


class _Entry:
    """One table of the file: typed access to its fields that records problems, never raises.

    ``ok`` turns false when a field is refused, so that the object is not built from it (which
    would only repeat the problem); the problems of every other entry are still found.
    """

    def __init__(
        self,
        reader: _Reader,
        where: str,
        data: object,
        allowed: Sequence[str],
        required: Sequence[str] = (),
        elsewhere: Mapping[str, str] | None = None,
    ) -> None:
        self.reader = reader
        self.where = where
        self.ok = True
        if not isinstance(data, dict):
            self.problem(f"must be a table of fields, not {_describe(data)}")
            data = {}
        self.data: dict[str, Any] = data
        for key in data:
            if key in allowed:
                continue
            if elsewhere and key in elsewhere:
                self.reader.add(where, f"field {key!r} {elsewhere[key]}")
            else:
                self.reader.add(where, f"unknown field {key!r}{_suggest(key, allowed)}")
        for key in required:
            if key not in data:
                self.problem(f"missing required field {key!r}")

    def problem(self, message: str) -> None:
        self.reader.add(self.where, message)
        self.ok = False

    def get(self, key: str, check: Callable[[object], T], default: T | None = None) -> T | None:
        """The checked value of ``key``, or ``default`` when absent or refused."""
        if key not in self.data:
            return default
        try:
            return check(self.data[key])
        except _BadValueError as error:
            self.problem(f"{key}: {error}")
            return default

    def items(self, key: str, what: str) -> list[tuple[int, object]]:
        """The entries of the list ``key`` (an array of tables), numbered from 1."""
        value = self.data.get(key, [])
        if not isinstance(value, list):
            self.problem(f"{key}: must be a list of {what} tables, not {_describe(value)}")
            return []
        return list(enumerate(value, start=1))


def _label(data: object, key: str, fallback: str) -> str:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) and value.strip() else fallback


class _Reader:
    """Reads decoded file content into an :class:`IndicatorSet`, collecting every problem."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.deprecated: list[str] = []
        self.declared: set[str] = set()
        self.scales: dict[str, Scale] = dict(BUILTIN_SCALES)

    def add(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}" if where else message)

    def read(self, data: object) -> IndicatorSet | None:
        if not isinstance(data, dict):
            self.add("", f"a set file holds a table of fields, not {_describe(data)}")
            return None
        top = _Entry(self, "", data, _TOP, ("iku_format", "set"))
        self.check_format(data.get("iku_format"))
        head = self.head(data["set"]) if "set" in data else None
        source = self.source(data["source"]) if "source" in data else None
        rules = self.rules(top, "rules")
        variables = self.variables(top)
        self.read_scales(top)
        sasaran = self.sasaran(top)
        if self.problems or head is None:
            return None
        try:
            return IndicatorSet(
                **head,
                sasaran=sasaran,
                variables=variables,
                source=source,
                rules=rules or Rules(),
            )
        except DefinitionError as error:
            self.problems += error.problems
            return None

    def check_format(self, value: object) -> None:
        if value is None:
            return  # reported as a missing required field
        if value != FORMAT or isinstance(value, bool):
            self.add(
                "iku_format",
                f"{_describe(value)} is not a format this version reads "
                f"(write iku_format = {FORMAT})",
            )

    def head(self, data: object) -> dict[str, Any] | None:
        entry = _Entry(self, "set", data, _SET, ("id", "name", "organization", "period"))
        head: dict[str, Any] = {k: entry.get(k, _name) for k in ("id", "name", "organization")}
        head["name_en"] = entry.get("name_en", _text)
        head["organization_en"] = entry.get("organization_en", _text)
        head["period"] = entry.get("period", _years)
        if not entry.ok:
            return None
        # The model checks the id and the period; an empty set is enough to ask it.
        for probe in ({**head, "period": (2000,)}, {**head, "id": "a.b.c"}):
            try:
                IndicatorSet(**probe, sasaran=(), variables=())
            except DefinitionError as error:
                for problem in error.problems:
                    entry.problem(problem)
        return head if entry.ok else None

    def rules(self, entry: _Entry, key: str) -> Rules | None:
        """The rules table ``key`` of ``entry`` (None when absent or refused)."""
        if key not in entry.data:
            return None
        value = entry.data[key]
        if not isinstance(value, dict):
            entry.problem(f"{key}: must be a table of rules, not {_describe(value)}")
            return None
        try:
            return Rules.from_mapping(value)
        except DefinitionError as error:
            for problem in error.problems:
                entry.problem(f"{key}: {problem.removeprefix('rules: ')}")
            return None

    def source(self, data: object) -> Source | None:
        entry = _Entry(self, "source", data, _SOURCE, ("title",))
        fields: dict[str, Any] = {
            "numbers": entry.get("numbers", _texts, ()),
            "date": entry.get("date", _date),
            "signer": entry.get("signer", _text),
            "url": entry.get("url", _text),
            "notes": entry.get("notes", _texts, ()),
        }
        title = entry.get("title", _name)
        if not entry.ok or title is None:
            return None
        return Source(title, **fields)

    def variables(self, top: _Entry) -> list[Variable]:
        made: list[Variable] = []
        seen: set[str] = set()
        for number, data in top.items("variables", "variable"):
            code = _label(data, "code", "")
            entry = _Entry(
                self,
                f"variable {code}" if code else f"variables[{number}]",
                data,
                _VARIABLE,
                ("code", "label"),
            )
            if code in seen:
                entry.problem(f"code {code!r} is declared twice")
            if code:
                seen.add(code)
                self.declared.add(code)
            kind = entry.get("kind", _choice(*_KINDS)) or "count"
            fields: dict[str, Any] = {
                "label_en": entry.get("label_en", _text),
                "unit": entry.get("unit", _text),
                "range": entry.get("range", _pair),
                "source": entry.get("source", _text),
                "accumulation": entry.get("accumulation", _choice(*_ACCUMULATIONS)),
            }
            if "aggregation" in entry.data:
                fields["aggregation"] = entry.get("aggregation", _choice(*_AGGREGATIONS), "sum")
            label = entry.get("label", _name)
            code_value = entry.get("code", _text)
            if entry.ok and code_value is not None and label is not None:
                try:
                    made.append(Variable(code_value, label, kind=kind, **fields))
                except DefinitionError as error:
                    entry.problem(str(error))
        return made

    def read_scales(self, top: _Entry) -> None:
        own: set[str] = set()
        for number, data in top.items("scales", "scale"):
            name = _label(data, "name", "")
            where = f"scale {name}" if name else f"scales[{number}]"
            entry = _Entry(self, where, data, _SCALE, ("name", "bands"))
            if name in own:
                entry.problem(f"name {name!r} is defined twice")
            fields: dict[str, Any] = {
                "name_en": entry.get("name_en", _text),
                "description": entry.get("description", _text),
                "inclusive": entry.get("inclusive", _flag, True),
            }
            bands = [
                self.band(f"{where} > band {n}", band) for n, band in entry.items("bands", "band")
            ]
            if "bands" in entry.data and not bands:
                entry.problem("bands: a scale needs at least one band")
            if sum(1 for band in bands if band is not None and band.lower == -math.inf) > 1:
                entry.problem("bands: only the lowest band may leave out 'lower'")
            scale_name = entry.get("name", _name)
            if scale_name:
                own.add(scale_name)
            if not entry.ok or scale_name is None or None in bands:
                continue
            try:
                self.scales[scale_name] = Scale(scale_name, [b for b in bands if b], **fields)
            except DefinitionError as error:
                for problem in error.problems:
                    entry.problem(problem)

    def band(self, where: str, data: object) -> Band | None:
        entry = _Entry(self, where, data, _BAND, ("label",))
        label = entry.get("label", _name)
        lower = entry.get("lower", _lower, -math.inf)
        fields: dict[str, Any] = {
            key: entry.get(key, _text) for key in ("label_en", "description", "description_en")
        }
        fields["inclusive"] = entry.get("inclusive", _flag)
        if not entry.ok or label is None or lower is None:
            return None
        return Band(label, lower, **fields)

    def sasaran(self, top: _Entry) -> list[Sasaran]:
        made: list[Sasaran] = []
        seen_sasaran: set[str] = set()
        seen_indicator: dict[str, str] = {}
        for number, data in top.items("sasaran", "sasaran"):
            code = _label(data, "code", "")
            where = f"sasaran {code}" if code else f"sasaran[{number}]"
            entry = _Entry(self, where, data, _SASARAN, ("code", "name"))
            if code in seen_sasaran:
                entry.problem(f"code {code!r} is used twice")
            seen_sasaran.add(code)
            indicators: list[Indicator | None] = []
            for n, item in entry.items("indicators", "indicator"):
                icode = _label(item, "code", "")
                inner = f"{where} > indicator {icode}" if icode else f"{where} > indicators[{n}]"
                if icode in seen_indicator:
                    self.add(
                        inner, f"code {icode!r} is used twice (also in {seen_indicator[icode]})"
                    )
                elif icode:
                    seen_indicator[icode] = where
                indicators.append(self.indicator(inner, item))
            code_value = entry.get("code", _name)
            name = entry.get("name", _name)
            fields = {"name_en": entry.get("name_en", _text), "notes": entry.get("notes", _text)}
            if not entry.ok or code_value is None or name is None or None in indicators:
                continue
            made.append(
                Sasaran(code_value, name, [i for i in indicators if i is not None], **fields)
            )
        return made

    def indicator(self, where: str, data: object) -> Indicator | None:
        kind = data.get("type", "formula") if isinstance(data, dict) else "formula"
        known = isinstance(kind, str) and kind in _BY_TYPE
        own = _BY_TYPE[kind] if known else tuple(f for fs in _BY_TYPE.values() for f in fs)
        elsewhere = {
            field: f"is for {other} indicators, not {kind} ones"
            for other, fields in _BY_TYPE.items()
            for field in fields
            if field not in own
        }
        required = ("code", "name", *(_REQUIRED_BY_TYPE[kind] if known else ()))
        entry = _Entry(self, where, data, (*_COMMON, *own), required, elsewhere)
        if not known:
            entry.problem(
                f"type: must be one of 'ratio', 'index', 'formula', not {_describe(kind)}"
            )
        code = entry.get("code", _name)
        name = entry.get("name", _name)
        fields: dict[str, Any] = {
            key: entry.get(key, check) for key, check in _SHARED.items() if key in entry.data
        }
        fields["categories"] = self.scale_named(entry, "categories", PREDIKAT)
        fields["rules"] = self.rules(entry, "rules")
        if "unit" in entry.data:
            unit = entry.get("unit", _text)
            fields["unit"] = None if unit == "" and kind == "ratio" else unit
        texts = {
            part: self.formula(entry, part)
            for part in ("numerator", "denominator", "formula")
            if part in own
        }
        if kind == "ratio":
            fields["factor"] = entry.get("factor", _factor_value, sympy.Integer(100))
            fields["proportion"] = entry.get("proportion", _flag, True)
        elif kind == "index":
            fields["bounds"] = self.renamed(entry, "bounds", _pair, (0.0, 100.0))
            fields["grades"] = self.scale_named(entry, "grades", None)
        if not entry.ok or code is None or name is None:
            return None
        try:
            if kind == "ratio":
                return Ratio(code, name, texts["numerator"], texts["denominator"], **fields)
            made = Index if kind == "index" else Indicator
            return made(code, name, texts["formula"], **fields)
        except DefinitionError as error:
            entry.problem(str(error).removeprefix(f"indicator {code}: "))
            return None

    def formula(self, entry: _Entry, part: str) -> str | None:
        """The formula text of ``part``, once it is known to parse over the declared variables
        (parsed without the list of them first: the parse is cached and the model's is the same
        call, and copying thousands of codes for every formula would make reading quadratic)."""
        text = entry.get(part, _text)
        if text is None:
            return None
        try:
            names = parse(text).names
            if not self.declared.issuperset(names):
                parse(text, self.declared)  # raises, naming the unknown variable and its column
        except FormulaError as error:
            entry.problem(f"{part}: {error}")
            return None
        return text

    def renamed(
        self, entry: _Entry, key: str, check: Callable[[object], T], default: T
    ) -> T | None:
        """The field ``key``, also read under its former name (which is noted as deprecated)."""
        old = next(o for o, new in _RENAMED.items() if new == key)
        if old not in entry.data:
            return entry.get(key, check, default)
        if key in entry.data:
            entry.problem(f"{old}: is the former name of {key!r}; give {key!r} alone")
            return default
        self.deprecated.append(
            f"{entry.where}: {old!r} is the former name of {key!r}: write {key} = ..."
        )
        return entry.get(old, check, default)

    def scale_named(self, entry: _Entry, key: str, default: Scale | None) -> Scale | None:
        name = entry.get(key, _name)
        if name is None:
            return default
        if name not in self.scales:
            known = ", ".join(self.scales)
            entry.problem(
                f"{key}: unknown scale {name!r}{_suggest(name, self.scales)} (known: {known})"
            )
            return default
        return self.scales[name]


def _lower(value: object) -> float:
    """A band's lower cut: a finite number, or ``-inf`` (the same as leaving it out)."""
    number = _real(value)
    if math.isnan(number) or number == math.inf:
        raise _BadValueError(f"must be a finite number (or -inf), not {_describe(value)}")
    return number


_FRACTION: Final = re.compile(r"\s*([0-9]{1,30})\s*/\s*([0-9]{1,30})\s*")


def _factor_value(value: object) -> sympy.Expr:
    if isinstance(value, str):
        fraction = _FRACTION.fullmatch(value)
        if fraction is None:
            _refuse_ambiguous(value)
            raise _BadValueError(
                f"must be a number, or a fraction as text such as '1/3', not {_describe(value)}"
            )
        top, bottom = (int(part) for part in fraction.groups())
        if bottom == 0:
            raise _BadValueError(f"{value!r} divides by zero")
        number: sympy.Expr = sympy.Rational(top, bottom)
    else:
        real = _real(value)
        if not math.isfinite(real):
            raise _BadValueError(f"must be a positive number, not {_describe(value)}")
        number = sympy.Rational(repr(real))
    if not number.is_Rational or not number > 0:
        raise _BadValueError(f"must be a positive number, not {_describe(value)}")
    return number


def read_set(data: object) -> tuple[IndicatorSet | None, list[str], list[str]]:
    """Build a set from decoded file content: the set (or ``None``), every problem found, and
    every deprecated spelling met (a field under its former name), each naming its entry."""
    reader = _Reader()
    result = reader.read(data)
    return result, reader.problems, reader.deprecated
