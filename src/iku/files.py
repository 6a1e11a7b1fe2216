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
import json as jsonlib
import math
import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Final, cast, overload

import sympy

from iku.errors import ArgumentError, DefinitionError
from iku.formula import formula_to_text
from iku.model import Index, Indicator, IndicatorSet, Ratio, Source, Variable
from iku.scales import PREDIKAT, Scale
from iku.setreader import BUILTIN_SCALES, FORMAT, compact_number, read_set

__all__ = [
    "FORMAT",
    "dump_set",
    "json_schema",
    "load_set",
    "set_from_data",
    "set_from_text",
    "set_to_data",
]

_TEXT_NAME: Final = "<set text>"


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
        raise ArgumentError(msg)
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
        fields["scale"] = [compact_number(x) for x in ind.scale]
        fields["grades"] = None if ind.grades is None else ind.grades.name
    fields["polarity"] = None if ind.polarity == "higher" else str(ind.polarity)
    fields["decimals"] = None if ind.decimals == 2 else ind.decimals
    fields["categories"] = None if ind.categories == PREDIKAT else ind.categories.name
    fields["source_data"] = ind.source_data
    fields["notes"] = ind.notes
    return _prune(fields)


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
    raise DefinitionError(msg)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of set files (format 1), as shipped in ``iku/schema/``."""
    text = resources.files("iku").joinpath("schema", "iku-set-1.schema.json").read_text("utf-8")
    schema: dict[str, Any] = jsonlib.loads(text)
    return schema
