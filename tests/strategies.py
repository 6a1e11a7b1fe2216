"""Hypothesis strategies for iku's nouns.

Every parameter can be fixed or left random (``None``), so a test states exactly what it varies:
``indicator_sets(kind="ratio")`` gives sets of ratios only.
"""

from __future__ import annotations

import datetime
import keyword
import string
from collections.abc import Sequence

import sympy
from hypothesis import strategies as st

from iku import (
    IPP_GRADES,
    PREDIKAT,
    Accumulation,
    Band,
    Index,
    Indicator,
    IndicatorSet,
    Polarity,
    Ratio,
    Rules,
    Sasaran,
    Scale,
    Source,
    Variable,
    VariableKind,
)
from iku.formula import FUNCTIONS
from iku.periods import Period

__all__ = [
    "cell_texts",
    "codes",
    "data_values",
    "formulas",
    "indicator_sets",
    "indicators",
    "links",
    "messy_values",
    "period_spellings",
    "periods",
    "rules",
    "scales",
    "tables_for",
    "targets_for",
    "texts",
    "unit_data",
    "variables",
    "written_numbers",
]

_RESERVED = set(keyword.kwlist) | set(FUNCTIONS)

codes = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True).filter(
    lambda code: code not in _RESERVED
)
"""Variable codes: identifiers that are not Python keywords nor formula functions."""

texts = st.text(
    alphabet=st.sampled_from(string.ascii_letters + string.digits + " ,.-()%/'\"\\éàñ–"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")
"""Labels and names, with the characters a decree uses (quotes and backslashes included)."""

_optional_texts = st.none() | texts

set_ids = st.from_regex(r"[a-z][a-z0-9-]{0,8}\.[a-z][a-z0-9]{0,8}\.20[0-9]{2}", fullmatch=True)
"""Set ids: ``<region>.<agency>.<period>``."""

_link_codes = st.from_regex(r"IKU-[1-9][0-9]?", fullmatch=True) | texts.map(str.strip).filter(bool)


@st.composite
def links(draw: st.DrawFn, set_id: str | None = None, same_set: bool | None = None) -> str:
    """A link of ``Indicator.supports``: ``"<set-id>:<code>"`` or, into the same set,
    ``":<code>"`` (``same_set`` fixes which; ``set_id`` fixes the set named)."""
    own = draw(st.booleans()) if same_set is None else same_set
    target = "" if own else (set_id or draw(set_ids))
    return f"{target}:{draw(_link_codes)}"


@st.composite
def variables(
    draw: st.DrawFn, kind: VariableKind | str | None = None, code: str | None = None
) -> Variable:
    """A Variable; a score gets a range."""
    chosen = VariableKind(kind) if kind is not None else draw(st.sampled_from(VariableKind))
    bounds = None
    if chosen is VariableKind.SCORE:
        lo = draw(st.integers(-10, 10))
        bounds = (lo, lo + draw(st.integers(1, 100)))
    return Variable(
        code if code is not None else draw(codes),
        draw(texts),
        label_en=draw(_optional_texts),
        unit=draw(st.none() | st.sampled_from(["orang", "keluarga", "kasus", "Rp", "poin"])),
        kind=chosen,
        range=bounds,
        source=draw(_optional_texts),
        accumulation=draw(st.none() | st.sampled_from(Accumulation)),
    )


_numbers = st.one_of(
    st.integers(1, 1000).map(sympy.Integer),
    st.sampled_from(["0.5", "0.24", "1.5", "2.25", "100"]).map(sympy.Rational),
    st.fractions(min_value=-50, max_value=50, max_denominator=12)
    .filter(lambda f: f != 0)
    .map(lambda f: sympy.Rational(f.numerator, f.denominator)),
)


def formulas(names: Sequence[str], max_leaves: int = 8) -> st.SearchStrategy[sympy.Expr]:
    """sympy expressions over the symbols ``names`` using every construct a formula allows."""
    leaves = st.sampled_from([sympy.Symbol(n) for n in names]) | _numbers

    def extend(children: st.SearchStrategy[sympy.Expr]) -> st.SearchStrategy[sympy.Expr]:
        pairs = st.tuples(children, children)
        return st.one_of(
            pairs.map(lambda p: p[0] + p[1]),
            pairs.map(lambda p: p[0] - p[1]),
            pairs.map(lambda p: p[0] * p[1]),
            pairs.filter(lambda p: not (p[1].is_number and p[1] == 0)).map(lambda p: p[0] / p[1]),
            st.tuples(children, st.integers(-3, 3)).map(
                lambda p: p[0] ** p[1] if not (p[0].is_number and p[0] == 0) else p[0]
            ),
            pairs.map(lambda p: sympy.Min(*p)),
            pairs.map(lambda p: sympy.Max(*p)),
            children.map(sympy.Abs),
            children.map(lambda c: -c),
        )

    return st.recursive(leaves, extend, max_leaves=max_leaves).filter(
        lambda e: bool(e.free_symbols) and e.is_finite is not False and not e.has(sympy.zoo)
    )


@st.composite
def scales(draw: st.DrawFn, name: str | None = None) -> Scale:
    """A user-defined Scale with 2 to 6 bands, the lowest open below; cuts read ``>=`` or
    ``>`` (for the scale, and sometimes otherwise for a band)."""
    cuts = draw(st.lists(st.integers(-100, 200), min_size=1, max_size=5, unique=True))
    labels = draw(st.lists(texts, min_size=len(cuts) + 1, max_size=len(cuts) + 1, unique=True))
    inclusive = st.sampled_from([None, None, True, False])
    bands = [Band(labels[0], float("-inf"), label_en=draw(_optional_texts))]
    bands += [
        Band(label, cut, inclusive=draw(inclusive))
        for label, cut in zip(labels[1:], sorted(cuts), strict=True)
    ]
    return Scale(
        name or draw(codes.map(str.upper)),
        bands,
        name_en=draw(_optional_texts),
        inclusive=draw(st.booleans()),
    )


_RULE_VALUES = {
    "lower": st.sampled_from(["reflect", "inverse"]),
    "cap": st.one_of(st.integers(50, 250), st.sampled_from([100.0, 120.5, float("inf")])),
    "floor": st.one_of(st.integers(-50, 50), st.sampled_from([0.0, 12.5, float("-inf")])),
    "value_decimals": st.integers(0, 9),
    "value_rounding": st.sampled_from(["half_up", "half_even", "truncate"]),
    "achievement_decimals": st.integers(0, 9),
    "achievement_rounding": st.sampled_from(["half_up", "half_even", "truncate"]),
    "sasaran": st.sampled_from(["mean", "weighted"]),
}


@st.composite
def rules(draw: st.DrawFn, **fixed: object) -> Rules:
    """Rules with each field given or not (at random), unless fixed by keyword
    (``rules(lower="inverse")``; ``None`` fixes a field as not given)."""
    fields: dict[str, object] = {}
    for name, values in _RULE_VALUES.items():
        if name in fixed:
            fields[name] = fixed[name]
        elif draw(st.booleans()):
            fields[name] = draw(values)
    cap, floor = fields.get("cap"), fields.get("floor")
    if isinstance(cap, int | float) and isinstance(floor, int | float) and floor > cap:
        fields["cap"], fields["floor"] = floor, cap
    return Rules(**fields)  # type: ignore[arg-type]


@st.composite
def indicators(
    draw: st.DrawFn,
    pool: Sequence[Variable],
    kind: str | None = None,
    code: str | None = None,
    categories: Scale | None = None,
    with_rules: bool = True,
) -> Indicator:
    """An Indicator of ``kind`` ("formula", "ratio", "index") over variables from ``pool``;
    with ``with_rules``, sometimes with rules of its own and a weight other than 1."""
    names = [v.code for v in pool]
    chosen = kind or draw(st.sampled_from(["formula", "ratio", "index"]))
    common = {
        "name_en": draw(_optional_texts),
        "unit": draw(st.none() | st.sampled_from(["%", "poin", "orang"])),
        "polarity": draw(st.sampled_from(Polarity)),
        "decimals": draw(st.integers(0, 4)),
        "source_data": draw(_optional_texts),
        "notes": draw(_optional_texts),
        "categories": categories or PREDIKAT,
        "supports": draw(st.lists(links(), max_size=3, unique=True)),
        "rules": draw(st.none() | rules()) if with_rules else None,
        "weight": draw(st.sampled_from([1, 1, 2, 0.5, 3.25])) if with_rules else 1,
    }
    code = code or draw(st.from_regex(r"IKU-[1-9][0-9]?", fullmatch=True))
    name = draw(texts)
    if chosen == "ratio":
        numerator = draw(st.sampled_from(names).map(sympy.Symbol) | formulas(names, 3))
        denominator = draw(st.sampled_from(names).map(sympy.Symbol) | formulas(names, 3))
        factor = draw(st.sampled_from([100, 1, 1000, 100000]))
        return Ratio(
            code,
            name,
            numerator,
            denominator,
            factor=factor,
            proportion=draw(st.booleans()),
            **common,
        )
    if chosen == "index":
        lo = draw(st.integers(0, 10))
        return Index(
            code,
            name,
            draw(st.sampled_from(names).map(sympy.Symbol) | formulas(names, 4)),
            bounds=(lo, lo + draw(st.integers(1, 100))),
            grades=draw(st.sampled_from([None, IPP_GRADES])),
            **common,
        )
    return Indicator(code, name, draw(formulas(names)), **common)


@st.composite
def indicator_sets(
    draw: st.DrawFn, kind: str | None = None, max_indicators: int = 6, with_rules: bool = True
) -> IndicatorSet:
    """A valid IndicatorSet whose indicators are all of ``kind`` (or of mixed kinds); with
    ``with_rules``, sometimes with rules (the set's, an indicator's own) and weights."""
    pool_codes = draw(st.lists(codes, min_size=1, max_size=6, unique=True))
    pool = [draw(variables(code=c)) for c in pool_codes]
    count = draw(st.integers(1, max_indicators))
    own_scale = draw(st.none() | scales())
    made = [
        draw(
            indicators(
                pool,
                kind=kind,
                code=f"IKU-{i + 1}",
                categories=own_scale if own_scale and i == 0 else None,
                with_rules=with_rules,
            )
        )
        for i in range(count)
    ]
    cuts = sorted(draw(st.sets(st.integers(1, count - 1), max_size=3))) if count > 1 else []
    groups = [made[a:b] for a, b in zip([0, *cuts], [*cuts, count], strict=True)]
    sasaran = [
        Sasaran(f"S-{i + 1}", draw(texts), group, name_en=draw(_optional_texts))
        for i, group in enumerate(groups)
    ]
    used = {name for ind in made for name in ind.variables}
    declared = [v for v in pool if v.code in used or draw(st.booleans())]
    first = draw(st.integers(2000, 2030))
    source = draw(
        st.none()
        | st.builds(
            Source,
            texts,
            numbers=st.lists(texts, max_size=2),
            date=st.none() | st.dates(),
            signer=_optional_texts,
            url=st.none() | st.just("https://example.go.id/keputusan.pdf"),
            notes=st.lists(texts, max_size=2),
        )
    )
    return IndicatorSet(
        draw(set_ids),
        draw(texts),
        draw(texts),
        tuple(range(first, first + draw(st.integers(1, 5)))),
        sasaran,
        declared,
        source=source,
        name_en=draw(_optional_texts),
        organization_en=draw(_optional_texts),
        rules=draw(rules()) if with_rules else Rules(),
    )


# --- data for evaluate() ---------------------------------------------------------------------


def messy_values() -> st.SearchStrategy[object]:
    """Anything a data cell can hold: numbers of every type and size, text (numbers as text
    too), None, NaN, infinities, bools, Decimals, Fractions, numpy scalars, pandas NA and NaT,
    lists, complex numbers, bytes, arbitrary objects."""
    import decimal
    from fractions import Fraction

    import numpy as np
    import pandas as pd

    return st.one_of(
        st.integers(-(10**6), 10**6),
        st.integers(),
        st.sampled_from([10**400, -(10**400), 2**63, 2**64]),
        st.floats(),
        st.text(max_size=5),
        st.sampled_from(["12", "1,5", " 3 ", ""]),
        st.none(),
        st.booleans(),
        st.decimals(allow_nan=True, allow_infinity=True),
        st.sampled_from([decimal.Decimal("sNaN"), decimal.Decimal("1e400")]),
        st.fractions().map(Fraction),
        st.integers(-100, 100).map(np.int64),
        st.floats(width=32).map(np.float32),
        st.booleans().map(np.bool_),
        st.sampled_from([pd.NA, pd.NaT, np.datetime64("NaT")]),
        st.lists(st.integers(), max_size=2),
        st.complex_numbers(max_magnitude=10),
        st.binary(max_size=3),
        st.builds(object),
    )


def data_values(messy: bool = True) -> st.SearchStrategy[object]:
    """A value for a variable: mostly plausible counts, and, when ``messy``, anything at all."""
    clean = st.integers(0, 1000) | st.floats(0, 1000, allow_nan=False)
    return st.one_of(clean, clean, messy_values()) if messy else clean


@st.composite
def unit_data(
    draw: st.DrawFn, names: Sequence[str], values: st.SearchStrategy[object] | None = None
) -> dict[str, object]:
    """One unit's mapping of variable code to value: some variables may be absent, and an
    extra column may be present."""
    chosen = values if values is not None else data_values()
    data = {name: draw(chosen) for name in names if draw(st.integers(0, 9)) > 0}
    if draw(st.booleans()):
        data[draw(codes)] = draw(chosen)
    return data


@st.composite
def targets_for(
    draw: st.DrawFn, indicator_codes: Sequence[str], years: Sequence[int] = (2025, 2026)
) -> dict[str, object]:
    """Targets as users give them: numbers, ranges, per-year mappings (keys as int or text),
    zero, and values that are no target at all."""
    number = st.floats(0, 200, allow_nan=False) | st.integers(0, 200)
    ranged = st.tuples(number, number).map(lambda p: (min(p), max(p)))
    target = st.one_of(number, ranged, st.just(0), messy_values())
    year_key = st.sampled_from([*years, *(str(y) for y in years)])
    one = target | st.dictionaries(year_key, target, max_size=len(years))
    return {code: draw(one) for code in indicator_codes if draw(st.booleans())}


@st.composite
def tables_for(
    draw: st.DrawFn,
    names: Sequence[str],
    rows: int | None = None,
    values: st.SearchStrategy[object] | None = None,
    keys: bool | None = None,
    periods: bool | None = None,
) -> dict[str, list[object]]:
    """A table as a mapping of column to list: some of the variables ``names`` (values from
    ``values``, by default :func:`data_values`), maybe a text key column ``kecamatan`` and a
    ``period`` column (2025, 2026 or none), ``rows`` rows (1 to 6 if not given)."""
    count = rows if rows is not None else draw(st.integers(1, 6))
    chosen = values if values is not None else data_values()
    columns: dict[str, list[object]] = {}
    if keys if keys is not None else draw(st.booleans()):
        key = st.sampled_from(["Taman", "Oro-oro Ombo", "=1+1", "Kartoharjo"])
        columns["kecamatan"] = [draw(key) for _ in range(count)]
    if periods if periods is not None else draw(st.booleans()):
        columns["period"] = [draw(st.sampled_from([2025, 2026, None])) for _ in range(count)]
    for name in draw(st.lists(st.sampled_from(list(names)), unique=True)) if names else []:
        columns[name] = [draw(chosen) for _ in range(count)]
    return columns


@st.composite
def written_numbers(
    draw: st.DrawFn, mark: str | None = None, grouped: bool | None = None
) -> tuple[float, str, str]:
    """A number and its text as a person writes it: ``(value, text, mark)``, ``mark`` the
    decimal mark (``"."`` or ``","``), the thousands grouped with the other mark where
    ``grouped`` (``1.234.567,25`` or ``1,234,567.25``), decimals or none, a sign or none."""
    mark = mark if mark is not None else draw(st.sampled_from([".", ","]))
    grouped = grouped if grouped is not None else draw(st.booleans())
    whole = draw(st.integers(0, 10**12))
    decimals = draw(st.integers(0, 4))
    fraction = draw(st.integers(0, 10**decimals - 1)) if decimals else 0
    negative = draw(st.booleans())
    digits = f"{whole:,}" if grouped else str(whole)
    separator = "." if mark == "," else ","
    digits = digits.replace(",", separator)
    text = digits + (f"{mark}{fraction:0{decimals}d}" if decimals else "")
    value = whole + (fraction / 10**decimals if decimals else 0)
    if negative and value:
        text, value = "-" + text, -value
    return float(value), text, mark


def cell_texts() -> st.SearchStrategy[str]:
    """Texts a cell may hold: numbers written every way, odd spellings of them, and words."""
    alphabet = st.sampled_from([*"0123456789.,-+eE _%", "\u0665", "\u00a0", "x"])
    return st.one_of(
        written_numbers().map(lambda found: found[1]),
        st.text(alphabet, min_size=1, max_size=12),
        st.sampled_from(["nan", "NaN", "inf", "-Infinity", "NA", "-", "12 orang", "4_5", "٤٥"]),
    )


# -- periods ------------------------------------------------------------------------------------

_ROMAN = ("I", "II", "III", "IV")
_MONTHS = (
    ("Januari", "January"),
    ("Februari", "February"),
    ("Maret", "March"),
    ("April", "April"),
    ("Mei", "May"),
    ("Juni", "June"),
    ("Juli", "July"),
    ("Agustus", "August"),
    ("September", "September"),
    ("Oktober", "October"),
    ("November", "November"),
    ("Desember", "December"),
)


@st.composite
def periods(draw: st.DrawFn, kind: str | None = None, year: int | None = None) -> Period:
    """A year, quarter or month (``kind`` fixes which, ``year`` fixes the year)."""
    kind = draw(st.sampled_from(("year", "quarter", "month"))) if kind is None else kind
    year = draw(st.integers(1000, 9999)) if year is None else year
    parts = {"year": 1, "quarter": 4, "month": 12}[kind]
    return Period(year, kind, draw(st.integers(1, parts)))  # type: ignore[arg-type]


def _cased(draw: st.DrawFn, word: str) -> str:
    return draw(st.sampled_from((word, word.lower(), word.upper(), word.title())))


@st.composite
def period_spellings(draw: st.DrawFn, period: Period) -> object:
    """One of the ways people write ``period``: text in any case and spacing, or a number."""
    y = period.year
    sep = draw(st.sampled_from(("", " ", "-", "  ")))
    if period.kind == "year":
        return draw(
            st.sampled_from((y, str(y), f" {y} ", float(y), f"Tahun {y}", f"TA {y}", f"tahun  {y}"))
        )
    if period.kind == "quarter":
        i = period.index
        number = draw(st.sampled_from((str(i), _ROMAN[i - 1])))
        word = _cased(draw, draw(st.sampled_from(("Q", "TW", "Triwulan", "Kuartal"))))
        if word.lower() == "q" and not number.isdigit():
            number = str(i)
        if word.lower() != "q" and len(word) > 2 and sep == "":
            sep = " "
        inner = draw(st.sampled_from(("", " ", ".", "-"))) if len(word) <= 2 else " "
        if inner == "" and not number.isdigit():
            inner = " "
        part = f"{word}{inner}{_cased(draw, number)}"
        tahun = draw(st.sampled_from(("", "Tahun ", "tahun ")))
        return draw(st.sampled_from((f"{y}{sep}{part}", f"{part}{sep or ' '}{tahun}{y}")))
    m = period.index
    name_id, name_en = _MONTHS[m - 1]
    return draw(
        st.sampled_from(
            (
                f"{y}-{m:02d}",
                f"{y}-{m}",
                f"{y}/{m:02d}",
                f"{m:02d}/{y}",
                f"{y}{m:02d}",
                f"{_cased(draw, name_id)} {y}",
                f"{_cased(draw, name_en)} {y}",
                f"{name_en[:3]} {y}",
                f"{y}-{m:02d}-{draw(st.integers(1, 28)):02d}",
                datetime.date(y, m, draw(st.integers(1, 28))),
            )
        )
    )
