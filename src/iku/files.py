"""Set files: an agency's indicator set written as TOML (or JSON), read back exactly.

A set file reads like the decree it comes from: the set, the decree's provenance, the variables
in the decree's words, optional scales of your own, and each sasaran with its indicators. The
format is described in ``docs/set-format.md``; a JSON Schema ships beside this module
(:func:`json_schema`). Formulas are text, parsed by :func:`iku.parse_formula`, never evaluated.

>>> s = load_set('''
... iku_format = 1
... [set]
... id = "kota-contoh.dinas.2025"
... name = "IKU Dinas Contoh"
... organization = "Dinas Contoh"
... period = [2025]
... [[variables]]
... code = "selesai"
... label = "Jumlah kasus selesai"
... [[variables]]
... code = "kasus"
... label = "Jumlah kasus"
... [[sasaran]]
... code = "S-1"
... name = "meningkatkan penyelesaian kasus"
... [[sasaran.indicators]]
... code = "IKU-1"
... type = "ratio"
... name = "Persentase kasus selesai"
... numerator = "selesai"
... denominator = "kasus"
... ''')
>>> s["IKU-1"].formula
100*selesai/kasus
>>> load_set(dump_set(s)) == s
True

A bad file gives one :class:`~iku.DefinitionError` listing every problem, each naming its entry.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json as jsonlib
import math
import os
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Final, TypeVar, cast

import sympy

from iku.errors import DefinitionError, FormulaError
from iku.formula import formula_to_text, parse
from iku.model import (
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
from iku.scales import IPP_GRADES, PREDIKAT, Band, Scale

__all__ = [
    "FORMAT",
    "dump_set",
    "json_schema",
    "load_set",
    "set_from_data",
    "set_from_text",
    "set_to_data",
]

BUILTIN_SCALES: Final[Mapping[str, Scale]] = {PREDIKAT.name: PREDIKAT, IPP_GRADES.name: IPP_GRADES}
"""Scales every set file may name without defining them."""

FORMAT: Final = 1
"""The set-file format this version reads and writes (``iku_format = 1``)."""

_TEXT_NAME: Final = "<set text>"

T = TypeVar("T")


def load_set(source: str | os.PathLike[str]) -> IndicatorSet:
    """Read an indicator set from a TOML or JSON file, or from the text of one.

    ``source`` is a path (``.json`` is read as JSON, anything else as TOML) or the text of a
    set file: a string holding a newline, or starting with ``{``, is text.
    Every problem in the file is collected and raised together as one
    :class:`~iku.DefinitionError` whose message names the file; ``error.problems`` lists them.
    """
    name, text, is_json = _read(source)
    return set_from_text(text, name=name, json=is_json)


def set_from_text(text: str, *, name: str = _TEXT_NAME, json: bool = False) -> IndicatorSet:
    """Read a set from the text of a TOML (or, with ``json=True``, JSON) set file; ``name``
    is what error messages call it (a file name, a package resource)."""
    return set_from_data(_decode(name, text, json), name=name)


def set_from_data(data: object, *, name: str = "<data>") -> IndicatorSet:
    """Build a set from already decoded file content (a TOML or JSON document as Python data)."""
    result, problems = read_set(data)
    if problems or result is None:
        raise _error(name, problems or ["the set could not be built"])
    return result


def _read(source: str | os.PathLike[str]) -> tuple[str, str, bool]:
    if isinstance(source, str) and ("\n" in source or source.lstrip().startswith("{")):
        return _TEXT_NAME, source, source.lstrip().startswith("{")
    if not isinstance(cast(object, source), str | os.PathLike):
        msg = f"load_set takes a path or the text of a set file, not {type(source).__name__}"
        raise TypeError(msg)
    path = Path(source)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        msg = f"set file {str(path)!r} cannot be read: {reason}"
        raise DefinitionError(msg) from None
    return str(path), text, path.suffix.lower() == ".json"


def _decode(name: str, text: str, is_json: bool) -> object:
    if is_json:
        try:
            return jsonlib.loads(text, object_pairs_hook=_no_duplicate_keys)
        except jsonlib.JSONDecodeError as error:
            where = f"line {error.lineno}, column {error.colno}"
            raise _error(name, [f"not valid JSON: {error.msg} (at {where})"]) from None
        except _DuplicateKeyError as error:
            raise _error(name, [str(error)]) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _error(name, [f"not valid TOML: {error}"]) from None


class _DuplicateKeyError(ValueError):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            msg = f"not valid JSON: key {key!r} appears twice in one object"
            raise _DuplicateKeyError(msg)
        result[key] = value
    return result


def _error(name: str, problems: list[str]) -> DefinitionError:
    count = len(problems)
    lines = [f"set file {name}: {count} masalah / {count} problem{'s' if count > 1 else ''}:"]
    lines += [f"- {problem}" for problem in problems]
    return DefinitionError("\n".join(lines), problems)


# --- reading: every problem is collected, none stops the others ------------------------------

_TOP: Final = ("iku_format", "set", "source", "variables", "scales", "sasaran")
_SET: Final = ("id", "name", "name_en", "organization", "organization_en", "period")
_SOURCE: Final = ("title", "numbers", "date", "signer", "url", "notes")
_VARIABLE: Final = ("code", "label", "label_en", "unit", "kind", "range", "source", "aggregation")
_SCALE: Final = ("name", "name_en", "description", "bands")
_BAND: Final = ("label", "lower", "label_en", "description", "description_en")
_SASARAN: Final = ("code", "name", "name_en", "notes", "indicators")
_COMMON: Final = (
    "code",
    "type",
    "name",
    "name_en",
    "unit",
    "polarity",
    "decimals",
    "categories",
    "source_data",
    "notes",
)
_BY_TYPE: Final[Mapping[str, tuple[str, ...]]] = {
    "ratio": ("numerator", "denominator", "factor", "proportion"),
    "index": ("formula", "scale", "grades"),
    "formula": ("formula",),
}
_REQUIRED_BY_TYPE: Final[Mapping[str, tuple[str, ...]]] = {
    "ratio": ("numerator", "denominator"),
    "index": ("formula",),
    "formula": ("formula",),
}
_KINDS: Final = tuple(str(kind) for kind in VariableKind)
_AGGREGATIONS: Final = tuple(str(a) for a in Aggregation)


class _BadValueError(Exception):
    """A field's value is refused; the message says why."""


def _describe(value: object) -> str:
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


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _BadValueError(f"must be a whole number, not {_describe(value)}")
    return value


def _real(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _BadValueError(f"must be a number, not {_describe(value)}")
    return float(value)


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise _BadValueError(f"must be true or false, not {_describe(value)}")
    return value


def _pair(value: object) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise _BadValueError(f"must be a pair [lo, hi] of numbers, not {_describe(value)}")
    lo, hi = (_real(item) for item in value)
    if not lo < hi:
        raise _BadValueError(f"needs lo < hi, got [{_number(lo)}, {_number(hi)}]")
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


def _decimals(value: object) -> int:
    number = _whole(value)
    if not 0 <= number <= 10:
        raise _BadValueError(f"must be a whole number from 0 to 10, not {number}")
    return number


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
        variables = self.variables(top)
        self.read_scales(top)
        sasaran = self.sasaran(top)
        if self.problems or head is None:
            return None
        try:
            return IndicatorSet(**head, sasaran=sasaran, variables=variables, source=source)
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
            fields = {
                "name_en": entry.get("name_en", _text),
                "description": entry.get("description", _text),
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
        lower = entry.get("lower", _real, -math.inf)
        fields = {
            key: entry.get(key, _text) for key in ("label_en", "description", "description_en")
        }
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
            name = entry.get("name", _name)
            fields = {"name_en": entry.get("name_en", _text), "notes": entry.get("notes", _text)}
            if not entry.ok or code is None or name is None or None in indicators:
                continue
            made.append(Sasaran(code, name, [i for i in indicators if i is not None], **fields))
        return made

    def indicator(self, where: str, data: object) -> Indicator | None:
        kind = data.get("type", "formula") if isinstance(data, dict) else "formula"
        known = kind in _BY_TYPE
        own = _BY_TYPE[kind] if known else tuple(f for fs in _BY_TYPE.values() for f in fs)
        elsewhere = {
            field: f"is for {other} indicators, not {kind} ones"
            for other, fields in _BY_TYPE.items()
            for field in fields
            if field not in own
        }
        required = ("code", "name", *_REQUIRED_BY_TYPE.get(kind, ()))
        entry = _Entry(
            self, where, data, (*_COMMON, *own), required if known else ("code", "name"), elsewhere
        )
        if not known:
            entry.problem(
                f"type: must be one of 'ratio', 'index', 'formula', not {_describe(kind)}"
            )
        code = entry.get("code", _name)
        name = entry.get("name", _name)
        fields: dict[str, Any] = {
            "name_en": entry.get("name_en", _text),
            "polarity": entry.get("polarity", _choice("higher", "lower"), "higher"),
            "decimals": entry.get("decimals", _decimals, 2),
            "source_data": entry.get("source_data", _text),
            "notes": entry.get("notes", _text),
            "categories": self.scale_named(entry, "categories", PREDIKAT),
        }
        if "unit" in entry.data:
            unit = entry.get("unit", _text)
            fields["unit"] = None if unit == "" and kind == "ratio" else unit
        texts = {
            part: entry.get(part, _text)
            for part in ("numerator", "denominator", "formula")
            if part in own
        }
        exprs = {part: self.formula(entry, part, text) for part, text in texts.items()}
        if kind == "ratio":
            fields["factor"] = entry.get("factor", _factor_value, sympy.Integer(100))
            fields["proportion"] = entry.get("proportion", _flag, True)
        elif kind == "index":
            fields["scale"] = entry.get("scale", _pair, (0.0, 100.0))
            fields["grades"] = self.scale_named(entry, "grades", None)
        if not entry.ok or code is None or name is None:
            return None
        try:
            if kind == "ratio":
                return Ratio(
                    code,
                    name,
                    exprs["numerator"],
                    exprs["denominator"],
                    numerator_text=texts["numerator"],
                    denominator_text=texts["denominator"],
                    **fields,
                )
            made = Index if kind == "index" else Indicator
            return made(code, name, exprs["formula"], formula_text=texts["formula"], **fields)
        except DefinitionError as error:
            entry.problem(str(error).removeprefix(f"indicator {code}: "))
            return None

    def formula(self, entry: _Entry, part: str, text: str | None) -> sympy.Expr | None:
        if text is None:
            return None
        try:
            return parse(text, self.declared).expr
        except FormulaError as error:
            entry.problem(f"{part}: {error}")
            return None

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


def _factor_value(value: object) -> sympy.Expr:
    if isinstance(value, str):
        try:
            number = parse(value, ()).expr
        except FormulaError as error:
            raise _BadValueError(str(error)) from None
    else:
        number = sympy.Rational(repr(_real(value)))
    if not number.is_Rational or not number > 0:
        raise _BadValueError(f"must be a positive number, not {_describe(value)}")
    return number


def read_set(data: object) -> tuple[IndicatorSet | None, list[str]]:
    """Build a set from decoded file content: the set (or ``None``) and every problem found."""
    reader = _Reader()
    result = reader.read(data)
    return result, reader.problems


# --- writing ---------------------------------------------------------------------------------


def dump_set(s: IndicatorSet, path: str | os.PathLike[str] | None = None) -> Any:
    """Write ``s`` as a set file; ``load_set`` reads it back equal to ``s``.

    With ``path`` the file is written (``.json`` as JSON, anything else as TOML) and its
    :class:`~pathlib.Path` returned; without, the TOML text is returned.
    """
    data = set_to_data(s)
    if path is None:
        return _toml(data, s)
    target = Path(path)
    if target.suffix.lower() == ".json":
        text = jsonlib.dumps(_jsonable(data), ensure_ascii=False, indent=2) + "\n"
    else:
        text = _toml(data, s)
    target.write_text(text, encoding="utf-8")
    return target


def set_to_data(s: IndicatorSet) -> dict[str, Any]:
    """The content of a set file for ``s`` as plain data, fields at their default left out."""
    if not isinstance(cast(object, s), IndicatorSet):
        msg = f"dump_set takes an IndicatorSet, not {type(s).__name__}"
        raise TypeError(msg)
    data: dict[str, Any] = {"iku_format": FORMAT}
    data["set"] = _prune(
        {
            "id": s.id,
            "name": s.name,
            "name_en": s.name_en,
            "organization": s.organization,
            "organization_en": s.organization_en,
            "period": list(s.period),
        }
    )
    if s.source is not None:
        data["source"] = _source(s.source)
    data["variables"] = [_variable(v) for v in s.variables]
    own = _own_scales(s)
    if own:
        data["scales"] = [_scale(scale) for scale in own]
    data["sasaran"] = [
        _prune(
            {
                "code": sas.code,
                "name": sas.name,
                "name_en": sas.name_en,
                "notes": sas.notes,
                "indicators": [_indicator(ind) for ind in sas.indicators],
            }
        )
        for sas in s.sasaran
    ]
    return data


def _prune(fields: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value is not None}


def _source(source: Source) -> dict[str, Any]:
    return _prune(
        {
            "title": source.title,
            "numbers": list(source.numbers) or None,
            "date": source.date,
            "signer": source.signer,
            "url": source.url,
            "notes": list(source.notes) or None,
        }
    )


def _variable(v: Variable) -> dict[str, Any]:
    default = Variable(v.code, v.label, kind=v.kind).aggregation
    return _prune(
        {
            "code": v.code,
            "label": v.label,
            "label_en": v.label_en,
            "unit": v.unit,
            "kind": None if v.kind == "count" else str(v.kind),
            "range": None if v.range is None else [_number(x) for x in v.range],
            "source": v.source,
            "aggregation": None if v.aggregation == default else str(v.aggregation),
        }
    )


def _own_scales(s: IndicatorSet) -> list[Scale]:
    """Scales the set's indicators use that are not the built-in ones, in order of first use."""
    found: dict[str, Scale] = {}
    for ind in s:
        used = [ind.categories] + ([ind.grades] if isinstance(ind, Index) and ind.grades else [])
        for scale in used:
            if BUILTIN_SCALES.get(scale.name) == scale:
                continue
            if scale.name in found and found[scale.name] != scale:
                msg = (
                    f"set {s.id!r} uses two different scales named {scale.name!r}: "
                    "a set file names scales, so give them different names"
                )
                raise DefinitionError(msg)
            found[scale.name] = scale
    return list(found.values())


def _scale(scale: Scale) -> dict[str, Any]:
    bands = [
        _prune(
            {
                "label": band.label,
                "lower": None if band.lower == -math.inf else _number(band.lower),
                "label_en": band.label_en,
                "description": band.description,
                "description_en": band.description_en,
            }
        )
        for band in scale.bands
    ]
    return _prune(
        {
            "name": scale.name,
            "name_en": scale.name_en,
            "description": scale.description,
            "bands": bands,
        }
    )


def _indicator(ind: Indicator) -> dict[str, Any]:
    fields: dict[str, Any] = {"code": ind.code, "type": ind.kind, "name": ind.name}
    fields["name_en"] = ind.name_en
    default_unit = "%" if isinstance(ind, Ratio) else None
    if ind.unit != default_unit:
        # A ratio without a unit is written as an empty unit: TOML has no null.
        fields["unit"] = "" if ind.unit is None else ind.unit
    if isinstance(ind, Ratio):
        fields["numerator"] = ind.numerator_text
        fields["denominator"] = ind.denominator_text
        fields["factor"] = None if ind.factor == 100 else _factor(ind.factor)
        fields["proportion"] = None if ind.proportion else False
    else:
        fields["formula"] = ind.formula_text
    if isinstance(ind, Index):
        fields["scale"] = [_number(x) for x in ind.scale]
        fields["grades"] = None if ind.grades is None else ind.grades.name
    fields["polarity"] = None if ind.polarity == "higher" else str(ind.polarity)
    fields["decimals"] = None if ind.decimals == 2 else ind.decimals
    fields["categories"] = None if ind.categories == PREDIKAT else ind.categories.name
    fields["source_data"] = ind.source_data
    fields["notes"] = ind.notes
    return _prune(fields)


def _number(value: float) -> int | float:
    return int(value) if math.isfinite(value) and value == int(value) else value


def _factor(factor: sympy.Rational) -> int | float | str:
    if factor.q == 1:
        return int(factor.p)
    as_float = float(factor)
    if sympy.Rational(repr(as_float)) == factor:
        return as_float
    return formula_to_text(factor)


def _jsonable(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _jsonable(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_jsonable(item) for item in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


# --- a small TOML emitter for this fixed structure -------------------------------------------


def _toml(data: dict[str, Any], s: IndicatorSet) -> str:
    out = [
        f"# {s.name}",
        "# iku set file (iku_format = 1); the format is described in docs/set-format.md.",
        "",
        f"iku_format = {data['iku_format']}",
        "",
        "[set]",
        *_pairs(data["set"]),
    ]
    if "source" in data:
        out += ["", "[source]", *_pairs(data["source"])]
    for variable in data["variables"]:
        out += ["", "[[variables]]", *_pairs(variable)]
    for scale in data.get("scales", []):
        out += ["", "[[scales]]", *_pairs(scale)]
    for sas in data["sasaran"]:
        indicators = sas["indicators"]
        heading = f"# Sasaran {sas['code']}: {sas['name']}"
        out += ["", _comment(heading), "[[sasaran]]", *_pairs(sas, skip="indicators")]
        for ind in indicators:
            out += ["", "[[sasaran.indicators]]", *_pairs(ind)]
    return "\n".join(out) + "\n"


def _comment(text: str) -> str:
    return " ".join(text.split())


def _pairs(table: dict[str, Any], skip: str = "") -> list[str]:
    lines: list[str] = []
    for key, value in table.items():
        if key == skip:
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict | str):
            items = [_value(item) for item in value]
            if isinstance(value[0], dict) or sum(len(item) for item in items) > 60:
                lines += [f"{key} = [", *(f"    {item}," for item in items), "]"]
                continue
        lines.append(f"{key} = {_value(value)}")
    return lines


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        # A JSON string is a TOML basic string, except that TOML wants DEL escaped too.
        return jsonlib.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    msg = f"cannot write {type(value).__name__} to a set file"
    raise TypeError(msg)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of set files (format 1), as shipped in ``iku/schema/``."""
    text = resources.files("iku").joinpath("schema", "iku-set-1.schema.json").read_text("utf-8")
    schema: dict[str, Any] = jsonlib.loads(text)
    return schema
