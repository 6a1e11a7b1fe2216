"""Helpers for agencies testing their own indicator sets, with pytest or any test runner.

Each helper raises :class:`AssertionError` with every problem in its message, so a failing test
says what is wrong with the set, not only that something is::

    # tests/test_my_set.py
    from iku.testing import assert_set_evaluates, assert_set_file_valid

    def test_the_set_file_is_valid():
        assert_set_file_valid("sets/kabupaten-contoh.dinkes.2025-2026.toml")

    def test_iku_1_on_last_years_figures():
        s = assert_set_file_valid("sets/kabupaten-contoh.dinkes.2025-2026.toml")
        assert_set_evaluates(
            s["IKU-1"], {"balita_stunting": 120, "balita_diukur": 1000}, expected={"IKU-1": 12.0}
        )

>>> bundled = resources.files("iku") / "sets" / "kota-madiun.dinsosppa.2025-2026.toml"
>>> s = assert_set_file_valid(bundled)
>>> data = sample_data(s)
>>> data["psks_diberdayakan"], data["psks"], data["ipp"]
(88, 111, 2.5)
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import sympy

from iku.errors import DefinitionError
from iku.evaluation import Evaluation, evaluate
from iku.files import dump_set, load_set, loads_set
from iku.model import Indicator, IndicatorSet, Ratio, VariableKind
from iku.registry import get_set, list_sets

__all__ = ["assert_set_evaluates", "assert_set_file_valid", "sample_data"]

_SHOWN = 20
"""Issues listed in a failure message; the rest are counted."""

__doctest_globals__ = {"resources": resources}


def assert_set_file_valid(path: str | os.PathLike[str] | Any) -> IndicatorSet:
    """Assert that the set file at ``path`` loads and reads back unchanged as TOML and as JSON.

    Returns the set, so a test can go on with it. Every problem of the file is in the message.
    ``path`` may also be a package resource (an ``importlib.resources`` file).
    """
    try:
        if isinstance(path, str | os.PathLike):
            s = load_set(path)
        else:  # a package resource
            s = loads_set(path.read_text("utf-8"), name=str(getattr(path, "name", path)))
    except DefinitionError as error:
        raise AssertionError(str(error)) from None
    with tempfile.TemporaryDirectory(prefix="iku-") as folder:
        for suffix in (".toml", ".json"):
            again = load_set(dump_set(s, Path(folder) / f"set{suffix}"))
            if again != s:
                msg = f"set {s.id!r} does not read back unchanged from {suffix[1:].upper()}"
                raise AssertionError(msg)
    return s


def assert_set_evaluates(
    subject: IndicatorSet | Indicator | str,
    data: Any,
    targets: Mapping[str, Any] | None = None,
    *,
    period: int | None = None,
    expected: Mapping[str, float] | None = None,
    rel_tol: float = 1e-9,
) -> Evaluation:
    """Assert that ``subject`` evaluates on ``data`` with no error and every value computed.

    ``subject`` is a set, one indicator, a set id or the path of a set file. ``data`` and
    ``targets`` are as for :func:`iku.evaluate`. ``expected`` maps indicator codes to the
    values they must have (within ``rel_tol``). Returns the :class:`~iku.Evaluation`.
    """
    if isinstance(subject, str) and subject in list_sets():
        subject = get_set(subject)
    elif isinstance(subject, str | os.PathLike):
        subject = assert_set_file_valid(subject)
    evaluation = evaluate(subject, data, targets=targets, period=period)
    errors = [issue for issue in evaluation.issues if issue.severity == "error"]
    problems = [f"- {issue}" for issue in errors[:_SHOWN]]
    if len(errors) > _SHOWN:
        problems.append(f"- ... and {len(errors) - _SHOWN} more issue(s)")
    missing = sorted({r.code for r in evaluation.results if r.value is None})
    if missing:
        problems.append(f"- no value computed for {', '.join(missing)}")
    for code, value in (expected or {}).items():
        found = [r.value for r in evaluation.results if r.code == code]
        if not found:
            problems.append(f"- {code}: expected {value}, but it was not evaluated")
        for got in found:
            if got is None or not math.isclose(got, value, rel_tol=rel_tol):
                problems.append(f"- {code}: expected {value}, got {got}")
    if problems:
        raise AssertionError("evaluation failed:\n" + "\n".join(problems))
    return evaluation


def sample_data(s: IndicatorSet | Indicator) -> dict[str, int | float]:
    """Plausible values for every variable ``s`` uses, for smoke tests: not real figures.

    Counts are whole numbers; the numerator of a proportion stays below its denominator; a score
    sits in the middle of its range. A general formula may still divide by zero on them (for
    example ``a - b``): give such a set data of your own.
    """
    indicators = [s] if isinstance(s, Indicator) else list(s)
    variables = {v.code: v for v in s.variables} if isinstance(s, IndicatorSet) else {}
    data: dict[str, int | float] = {}
    for number, code in enumerate(dict.fromkeys(c for ind in indicators for c in ind.variables)):
        v = variables.get(code)
        if v is not None and v.kind is VariableKind.SCORE and v.range is not None:
            data[code] = (v.range[0] + v.range[1]) / 2
        elif v is not None and v.kind in (VariableKind.AMOUNT, VariableKind.REAL):
            data[code] = 1000.5 + number
        else:
            data[code] = 90 + 7 * number
    for ind in indicators:
        if isinstance(ind, Ratio) and ind.proportion:
            top, bottom = ind.numerator, ind.denominator
            if isinstance(top, sympy.Symbol) and isinstance(bottom, sympy.Symbol):
                data[top.name] = int(data[bottom.name] * 0.8)
    return data
