"""Set files: an agency's indicator set written as TOML (or JSON), read back exactly.

A set file reads like the decree it comes from: the set, the decree's provenance, the variables
in the decree's words, optional scales of your own, and each sasaran with its indicators. The
format is described in ``docs/set-format.md``; a JSON Schema ships beside this module
(:func:`json_schema`). Formulas are text, parsed by :func:`iku.parse_formula`, never evaluated.

>>> s = loads_set('''
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
>>> loads_set(dump_set(s)) == s
True

:func:`load_set` reads a path or an open file, :func:`loads_set` text, as :func:`tomllib.load`
and :func:`tomllib.loads` do: a string given to ``load_set`` is always a path.
A bad file gives one :class:`~iku.DefinitionError` listing every problem, each naming its entry.
"""

from __future__ import annotations

import datetime as dt
import json as jsonlib
import math
import os
import re
import sys
import tomllib
import warnings
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, Final, Literal, Protocol, cast, overload

import sympy

from iku.errors import ArgumentError, DefinitionError
from iku.model import Index, Indicator, IndicatorSet, Ratio, Source, Variable
from iku.scales import PREDIKAT, Rules, Scale
from iku.setreader import BUILTIN_SCALES, FORMAT, AmbiguousNumber, compact_number, read_set

__all__ = [
    "FORMAT",
    "MAX_FILE_SIZE",
    "dump_set",
    "json_schema",
    "load_set",
    "loads_set",
    "set_from_data",
    "set_from_text",
    "set_to_data",
]

_TEXT_NAME: Final = "<set text>"

MAX_FILE_SIZE: Final = 64 * 1024 * 1024
"""Largest set file read, in bytes (a set of 20,000 indicators takes about 3 MB)."""

SetFormat = Literal["toml", "json"]
"""The two ways a set file is written."""


class _Readable(Protocol):
    def read(self, size: int = ..., /) -> str | bytes: ...


def load_set(source: str | os.PathLike[str] | os.PathLike[bytes] | _Readable) -> IndicatorSet:
    """Read an indicator set from a TOML or JSON set file: a path, or a file opened for reading.

    As :func:`tomllib.load` and :func:`json.load`, a string is always a path, never the text of
    a file: text goes to :func:`loads_set`. A path ending in ``.json`` (or a file whose text
    starts with ``{``) is read as JSON, anything else as TOML. A file object may be opened in
    text or binary mode; bytes are read as UTF-8.

    Every problem in the file is collected and raised together as one
    :class:`~iku.DefinitionError` whose message names the file; ``error.problems`` lists them.
    """
    if isinstance(source, str | os.PathLike):
        return _load_path(source)
    read = getattr(source, "read", None)
    if not callable(read):
        msg = (
            "load_set takes the path of a set file or a file opened for reading, "
            f"not {type(source).__name__} (the text of a set file goes to loads_set)"
        )
        raise ArgumentError(msg)
    name = str(getattr(source, "name", "<file>"))
    content = _read_limited(name, lambda: read(MAX_FILE_SIZE + 1))
    text = _text_of(name, content)
    return loads_set(text, format=_format_of(name, text), name=name)


def loads_set(
    text: str | bytes, *, format: SetFormat | None = None, name: str = _TEXT_NAME
) -> IndicatorSet:
    """Read an indicator set from the text of a set file.

    ``format`` is ``"toml"`` or ``"json"``; left out, text starting with ``{`` is JSON and any
    other TOML. ``name`` is what error messages call the text (a file name, a resource).

    >>> s = loads_set('{"iku_format": 1, "set": {"id": "kota-x.dinas.2025", "name": "IKU", '
    ...               '"organization": "Dinas", "period": [2025]}}')
    >>> s.id, len(s)
    ('kota-x.dinas.2025', 0)
    """
    if isinstance(text, bytes | bytearray):
        text = _text_of(name, bytes(text))
    if not isinstance(cast(object, text), str):
        msg = f"loads_set takes the text of a set file, not {type(text).__name__}"
        raise ArgumentError(msg)
    if format is None:
        format = "json" if text.lstrip().startswith("{") else "toml"
    elif format not in ("toml", "json"):
        msg = f"format must be 'toml' or 'json' (or None: by the text), not {format!r}"
        raise ArgumentError(msg)
    if len(text) > MAX_FILE_SIZE:
        raise _error(name, [f"the text is longer than {MAX_FILE_SIZE:,} characters"])
    return set_from_data(_decode(name, text, format == "json"), name=name)


def set_from_text(text: str, *, name: str = _TEXT_NAME, json: bool = False) -> IndicatorSet:
    """Read a set from the text of a TOML (or, with ``json=True``, JSON) set file; ``name``
    is what error messages call it (a file name, a package resource)."""
    return loads_set(text, format="json" if json else "toml", name=name)


def set_from_data(data: object, *, name: str = "<data>") -> IndicatorSet:
    """Build a set from already decoded file content (a TOML or JSON document as Python data)."""
    try:
        result, problems, deprecated = read_set(data)
    except RecursionError:
        result, problems, deprecated = None, ["the content is nested too deeply"], []
    if problems or result is None:
        raise _error(name, problems or ["the set could not be built"])
    for note in deprecated:
        _warn_caller(f"set file {name}: {note}")
    return result


def _warn_caller(message: str) -> None:
    """A DeprecationWarning attributed to the first caller outside iku (a set file is read
    through several of iku's functions, and the warning is for whoever asked for it)."""
    level, frame = 1, sys._getframe(0)
    while frame.f_back is not None and frame.f_globals.get("__name__", "").startswith("iku."):
        frame, level = frame.f_back, level + 1
    warnings.warn(message, DeprecationWarning, stacklevel=level)


def _load_path(source: str | os.PathLike[str] | os.PathLike[bytes]) -> IndicatorSet:
    raw = os.fsdecode(os.fspath(source))  # a PathLike may give bytes
    name = _shown(raw)
    path = Path(raw)

    def read() -> bytes:
        with path.open("rb") as file:
            return file.read(MAX_FILE_SIZE + 1)

    try:
        content = _read_limited(name, read)
    except DefinitionError as error:
        if _looks_like_text(raw):
            hint = " (this is the text of a set file, not a path: use iku.loads_set(text))"
            raise DefinitionError(str(error) + hint, [p + hint for p in error.problems]) from None
        raise
    text = _text_of(name, content)
    is_json = path.suffix.lower() == ".json"
    return loads_set(text, format="json" if is_json else "toml", name=name)


def _shown(path: str) -> str:
    """A path as error messages show it, cut short when very long."""
    return path if len(path) <= 200 else path[:200] + "..."


def _looks_like_text(path: str) -> bool:
    start = path.lstrip()
    return "\n" in path or start.startswith(("{", "[", "#", "iku_format"))


def _read_limited(name: str, read: Callable[[], str | bytes]) -> str | bytes:
    try:
        content = read()
    except OSError as error:
        reason = error.strerror or str(error)
    except ValueError as error:  # a NUL in a path, undecodable text in a file opened as text
        reason = str(error)
    else:
        if len(content) > MAX_FILE_SIZE:
            problem = f"is larger than {MAX_FILE_SIZE:,} bytes, more than any set file needs"
            raise _error(name, [problem])
        return content
    msg = f"set file {name!r} cannot be read: {reason}"
    raise DefinitionError(msg)


def _text_of(name: str, content: str | bytes) -> str:
    if isinstance(content, str):
        return content
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        problem = f"not UTF-8 text: byte {content[error.start]:#04x} on line {line}"
        raise _error(name, [problem]) from None


def _format_of(name: str, text: str) -> SetFormat:
    if name.lower().endswith(".json") or text.lstrip().startswith("{"):
        return "json"
    return "toml"


_AMBIGUOUS: Final = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
"""A decimal number that Indonesian writing reads as thousands: ``1.500`` is 1.5 or 1500."""


def _float(text: str) -> float | AmbiguousNumber:
    """A float of a TOML or JSON file, or an :class:`AmbiguousNumber` the reader refuses."""
    return AmbiguousNumber(text) if _AMBIGUOUS.fullmatch(text) else float(text)


_LONG_NUMBER: Final = re.compile(r"[0-9_]{4000,}")
"""A number longer than Python converts from text (4,300 digits)."""


def _decode(name: str, text: str, is_json: bool) -> object:
    try:
        if is_json:
            return jsonlib.loads(text, object_pairs_hook=_no_duplicate_keys, parse_float=_float)
        return tomllib.loads(text, parse_float=_float)
    except jsonlib.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise _error(name, [f"not valid JSON: {error.msg} (at {where})"]) from None
    except tomllib.TOMLDecodeError as error:
        raise _error(name, [f"not valid TOML: {error}"]) from None
    except _DuplicateKeyError as error:
        raise _error(name, [str(error)]) from None
    except RecursionError:
        kind = "JSON" if is_json else "TOML"
        raise _error(name, [f"not a set file: its {kind} is nested too deeply"]) from None
    except ValueError as error:  # a number of more digits than Python converts
        kind = "JSON" if is_json else "TOML"
        long = _LONG_NUMBER.search(text)
        where = "" if long is None else f" (at line {text.count(chr(10), 0, long.start()) + 1})"
        raise _error(name, [f"not valid {kind}: {error}{where}"]) from None


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


# --- writing ---------------------------------------------------------------------------------


@overload
def dump_set(s: IndicatorSet, path: None = None) -> str: ...


@overload
def dump_set(s: IndicatorSet, path: str | os.PathLike[str]) -> Path: ...


def dump_set(s: IndicatorSet, path: str | os.PathLike[str] | None = None) -> str | Path:
    """Write ``s`` as a set file; ``load_set`` reads it back equal to ``s``.

    With ``path`` the file is written (``.json`` as JSON, anything else as TOML) and its
    :class:`~pathlib.Path` returned; without, the TOML text is returned.
    """
    data = set_to_data(s)
    if path is None:
        return _toml(data, s)
    target = Path(path)
    text = _json(data) + "\n" if target.suffix.lower() == ".json" else _toml(data, s)
    target.write_text(text, encoding="utf-8")
    return target


def set_to_data(s: IndicatorSet) -> dict[str, Any]:
    """The content of a set file for ``s`` as plain data, fields at their default left out."""
    if not isinstance(cast(object, s), IndicatorSet):
        msg = f"dump_set takes an IndicatorSet, not {type(s).__name__}"
        raise ArgumentError(msg)
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
    if s.rules.given:
        data["rules"] = _rules(s.rules)
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


def _rules(rules: Rules) -> dict[str, Any]:
    return {
        name: compact_number(value) if isinstance(value, float) else value
        for name, value in rules.as_mapping().items()
    }


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
            "range": None if v.range is None else [compact_number(x) for x in v.range],
            "source": v.source,
            "aggregation": None if v.aggregation == default else str(v.aggregation),
            "accumulation": None if v.accumulation is None else str(v.accumulation),
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
                "lower": None if band.lower == -math.inf else compact_number(band.lower),
                "label_en": band.label_en,
                "description": band.description,
                "description_en": band.description_en,
                "inclusive": band.inclusive,
            }
        )
        for band in scale.bands
    ]
    return _prune(
        {
            "name": scale.name,
            "name_en": scale.name_en,
            "description": scale.description,
            "inclusive": None if scale.inclusive else False,
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
        fields["bounds"] = [compact_number(x) for x in ind.bounds]
        fields["grades"] = None if ind.grades is None else ind.grades.name
    fields["polarity"] = None if ind.polarity == "higher" else str(ind.polarity)
    fields["decimals"] = None if ind.decimals == 2 else ind.decimals
    fields["categories"] = None if ind.categories == PREDIKAT else ind.categories.name
    fields["rules"] = None if ind.rules is None else _rules(ind.rules)
    fields["weight"] = None if ind.weight == 1 else compact_number(ind.weight)
    fields["source_data"] = ind.source_data
    fields["notes"] = ind.notes
    fields["supports"] = list(ind.supports) or None
    return _prune(fields)


def _factor(factor: sympy.Rational) -> int | float | str:
    if factor.q == 1:
        return int(factor.p)
    as_float = float(factor)
    if sympy.Rational(repr(as_float)) == factor:
        return as_float
    return f"{factor.p}/{factor.q}"


def _json(value: Any, indent: str = "") -> str:
    """``value`` as JSON indented by two spaces, as ``json.dumps(..., indent=2)`` writes it,
    but with floats written so that they never read as thousands (``2.1250``, not ``2.125``)."""
    inner = indent + "  "
    if isinstance(value, dict):
        items = [f"{inner}{_json(str(k))}: {_json(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}" if items else "{}"
    if isinstance(value, list):
        items = [f"{inner}{_json(item, inner)}" for item in value]
        return "[\n" + ",\n".join(items) + f"\n{indent}]" if items else "[]"
    if isinstance(value, float):
        return _float_text(value, "NaN", "Infinity")
    if isinstance(value, dt.date):
        value = value.isoformat()
    return jsonlib.dumps(value, ensure_ascii=False)


def _float_text(value: float, nan: str, infinity: str) -> str:
    """A float as a file writes it: its shortest text, with a last ``0`` when that text would
    read as thousands to an Indonesian reader (``2.125`` is written ``2.1250``)."""
    if math.isnan(value):
        return nan
    if math.isinf(value):
        return infinity if value > 0 else f"-{infinity}"
    text = repr(value)
    return f"{text}0" if _AMBIGUOUS.fullmatch(text) else text


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
    if "rules" in data:
        out += ["", "[rules]", *_pairs(data["rules"])]
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
        return _float_text(value, "nan", "inf")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_value(v)}" for k, v in value.items()) + " }"
    msg = f"cannot write {type(value).__name__} to a set file"
    raise DefinitionError(msg)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of set files (format 1), as shipped in ``iku/schema/``."""
    text = resources.files("iku").joinpath("schema", "iku-set-1.schema.json").read_text("utf-8")
    schema: dict[str, Any] = jsonlib.loads(text)
    return schema
