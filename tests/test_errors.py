"""The error contract: whatever wrong argument a public function is given, what comes out is an
:class:`iku.IkuError` (also the builtin it resembles), never a bare TypeError, KeyError,
ValueError, AttributeError or ImportError from deep inside."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import iku
from iku import errors, examples, io, report, tables
from iku.errors import IkuError
from iku.registry import Registry

MADIUN = "kota-madiun.dinsosppa.2025-2026"
S = iku.get_set(MADIUN)
EV = iku.evaluate(S, {"psks_diberdayakan": 45, "psks": 50})
WRONG: list[Any] = [None, 5, -1.5, "IKU-99", b"bytes", object(), [], {}, ("a", 1), S, EV]
"""Arguments of a kind (or a value) nothing public takes in every slot."""


def _calls(tmp: Path) -> list[tuple[str, Callable[..., Any], list[Any], dict[str, Any]]]:
    """Each public function with arguments that work: the test puts a wrong one in each slot."""
    return [
        ("evaluate", iku.evaluate, [S, {"psks": 5}], {}),
        ("evaluate by", iku.evaluate, [S, {"psks": [5]}], {"by": "psks"}),
        ("evaluate targets", iku.evaluate, [S, {"psks": 5}], {"targets": {"IKU-2": 80}}),
        ("achievement", iku.achievement, [90, 80, "higher"], {}),
        ("parse_formula", iku.parse_formula, ["a / b", ["a", "b"]], {}),
        ("load_set", iku.load_set, [tmp / "set.toml"], {}),
        ("dump_set", iku.dump_set, [S], {}),
        ("get_set", iku.get_set, [MADIUN], {}),
        ("Registry.register", Registry().register, [S], {"replace": True}),
        ("to_sql", iku.to_sql, [S, "data"], {"keys": []}),
        ("Variable", iku.Variable, ["a", "A"], {}),
        ("Ratio", iku.Ratio, ["R-1", "r", "a", "b"], {}),
        ("Indicator", iku.Indicator, ["I-1", "i", "a + b"], {}),
        ("Index", iku.Index, ["X-1", "x", "a"], {"bounds": (0, 5)}),
        ("Sasaran", iku.Sasaran, ["S-1", "s", [S["IKU-2"]]], {}),
        ("Scale", iku.Scale, ["s", [("A", 1)]], {}),
        ("S[]", S.__getitem__, ["IKU-2"], {}),
        ("S.variable", S.variable, ["psks"], {}),
        ("S.sasaran_of", S.sasaran_of, ["IKU-2"], {}),
        ("PREDIKAT.band", iku.PREDIKAT.band, ["Tinggi"], {}),
        ("ev[]", EV.__getitem__, ["IKU-2"], {}),
        ("to_frame", EV.to_frame, [], {}),
        ("build_report", report.build_report, [EV, S], {}),
        ("to_text", report.to_text, [EV, S], {}),
        ("to_markdown", report.to_markdown, [EV, S], {}),
        ("to_html", report.to_html, [EV, S], {}),
        ("write_excel", report.write_excel, [EV, tmp / "out.xlsx", S], {}),
        ("read_data", io.read_data, [tmp / "data.csv", S], {}),
        ("read_targets", io.read_targets, [tmp / "targets.csv", S], {}),
        ("example_files", examples.example_files, [MADIUN, "data"], {}),
        ("default_grouping", tables.default_grouping, [S, {"psks": [1]}], {}),
        ("misspelt_columns", tables.misspelt_columns, [S, ["psk"]], {}),
    ]


def _files(tmp: Path) -> None:
    iku.dump_set(S, tmp / "set.toml")
    (tmp / "data.csv").write_text("period,psks\n2025,5\n", encoding="utf-8")
    (tmp / "targets.csv").write_text("indicator,period,target\nIKU-2,2025,80\n", encoding="utf-8")


def test_the_calls_work_as_given(tmp_path: Path) -> None:
    _files(tmp_path)
    for name, function, args, kwargs in _calls(tmp_path):
        try:
            function(*args, **kwargs)
        except Exception as error:  # pragma: no cover - says which call is wrong
            pytest.fail(f"{name}: {type(error).__name__}: {error}")


def _escapes(tmp: Path, slot: str) -> list[str]:
    found = []
    for name, function, args, kwargs in _calls(tmp):
        places = range(len(args)) if slot == "positional" else list(kwargs)
        for place in places:
            for wrong in WRONG:
                a, k = list(args), dict(kwargs)
                if isinstance(place, int):
                    a[place] = wrong
                else:
                    k[place] = wrong
                try:
                    function(*a, **k)
                except IkuError:
                    pass
                except Exception as error:
                    found.append(f"{name}[{place}]={wrong!r:.30}: {type(error).__name__}: {error}")
    return found


@pytest.mark.parametrize("slot", ["positional", "keyword"])
def test_a_wrong_argument_gives_an_iku_error_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, slot: str
) -> None:
    monkeypatch.chdir(tmp_path)  # a wrong text may well be a fine file name to write
    _files(tmp_path)
    escapes = _escapes(tmp_path, slot)
    assert not escapes, "\n".join(escapes[:40])


@pytest.mark.parametrize(
    ("module", "extra", "call"),
    [
        ("openpyxl", "excel", lambda tmp: report.write_excel(EV, tmp / "r.xlsx", S)),
        ("matplotlib", "plot", lambda tmp: report.plot_evaluation(EV, S)),
        ("pyarrow", "parquet", lambda tmp: io.read_data(tmp / "d.parquet", S)),
        ("openpyxl", "excel", lambda tmp: io.read_data(tmp / "d.xlsx", S)),
    ],
)
def test_a_missing_optional_dependency_names_the_extra_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str, extra: str, call: Any
) -> None:
    (tmp_path / "d.parquet").write_bytes(b"PAR1")
    (tmp_path / "d.xlsx").write_bytes(b"PK")
    for name in list(sys.modules):
        if name == module or name.startswith(f"{module}."):
            monkeypatch.setitem(sys.modules, name, None)  # None: "not installed" to import
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(errors.MissingDependencyError, match=rf"pip install 'iku\[{extra}\]'") as e:
        call(tmp_path)
    assert e.value.extra == extra
    assert "belum terpasang" in e.value.message


def test_every_error_speaks_both_languages_as_an_issue_does() -> None:
    error = errors.UsageError.from_key("cli.data_needed")
    assert error.message == error.describe("id") == error.describe()
    assert error.message.startswith("perlu --data")
    assert error.message_en == error.describe("en") == str(error)
    assert error.message_en.startswith("--data FILE is needed")
    assert error.translated
    english_only = errors.DefinitionError("set file x.toml: bad")
    assert english_only.message == english_only.message_en == "set file x.toml: bad"
    assert not english_only.translated
    assert english_only.problems_in("en") == ("set file x.toml: bad",)
    assert english_only.problems_in("id") is None


def test_a_strict_evaluation_error_lists_the_issues_in_each_language() -> None:
    with pytest.raises(errors.ValidationError, match=r"1 masalah data / data issue") as caught:
        iku.evaluate(S["IKU-2"], {"psks_diberdayakan": 1, "psks": 0}, strict=True)
    error = caught.value
    assert "penyebut psks bernilai nol" in error.message
    assert "the denominator psks is zero" in error.message_en
    assert "penyebut" not in error.message_en


def test_an_error_keeps_both_messages_through_pickle() -> None:
    import pickle

    error = errors.InputError("no rows", message="tidak ada baris")
    again = pickle.loads(pickle.dumps(error))
    assert (again.message, again.message_en, str(again)) == (
        "tidak ada baris",
        "no rows",
        "no rows",
    )
