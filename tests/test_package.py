"""The public face: every name of the contract is importable from ``iku`` and nothing more is
needed to use it."""

from __future__ import annotations

import importlib
import importlib.metadata
import inspect
import pathlib
import subprocess
import sys
import warnings

import pytest

import iku

CONTRACT = [
    "Variable",
    "Indicator",
    "Ratio",
    "Index",
    "Sasaran",
    "IndicatorSet",
    "Polarity",
    "Scale",
    "PREDIKAT",
    "IPP_GRADES",
    "achievement",
    "parse_formula",
    "load_set",
    "dump_set",
    "list_sets",
    "get_set",
    "register_set",
    "evaluate",
    "Evaluation",
    "Result",
    "Issue",
    "IssueCode",
    "Severity",
    "IkuError",
    "DefinitionError",
    "FormulaError",
    "ValidationError",
    "UnknownSetError",
    "__version__",
]


HOMES = {
    "load_set": "iku.files",
    "dump_set": "iku.files",
    "list_sets": "iku.registry",
    "get_set": "iku.registry",
    "register_set": "iku.registry",
    "evaluate": "iku.evaluation",
    "Evaluation": "iku.evaluation",
    "Result": "iku.evaluation",
    "parse_formula": "iku.formula",
    "achievement": "iku.scales",
    "Scale": "iku.scales",
    "PREDIKAT": "iku.scales",
    "IPP_GRADES": "iku.scales",
    "Issue": "iku.validation",
    "IssueCode": "iku.validation",
    "Severity": "iku.validation",
}
"""Where a contract name is defined, where that is not ``iku.model`` or ``iku.errors``."""


@pytest.mark.parametrize("name", [n for n in CONTRACT if n != "__version__"])
def test_every_contract_name_is_the_object_its_module_defines(name: str) -> None:
    assert name in iku.__all__
    home = HOMES.get(name, "iku.errors" if name.endswith("Error") else "iku.model")
    assert getattr(iku, name) is getattr(importlib.import_module(home), name)


def test_every_error_class_is_exported_and_is_an_iku_error() -> None:
    from iku import errors

    classes = {
        name
        for name, value in vars(errors).items()
        if inspect.isclass(value) and value.__module__ == "iku.errors"
    }
    assert classes == set(errors.__all__)
    for name in classes:
        assert getattr(iku, name) is getattr(errors, name)
        assert issubclass(getattr(iku, name), iku.IkuError)
        assert name in iku.__all__


def test_all_is_sorted_and_every_name_resolves() -> None:
    assert iku.__all__ == sorted(iku.__all__, key=lambda n: (not n.isupper(), n))  # consts first
    for name in iku.__all__:
        assert getattr(iku, name) is not None


def test_dir_lists_the_lazily_loaded_names_before_they_are_loaded() -> None:
    code = (
        "import iku, sys; names = dir(iku); "
        "assert 'iku.registry' not in sys.modules and 'iku.sql' not in sys.modules; "
        "print(' '.join(names))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    names = set(done.stdout.split())
    assert {"get_set", "load_set", "to_sql", "__version__", "evaluate_sql"} <= names
    assert set(iku.__all__) <= names


def test_an_unknown_name_is_an_attribute_error_naming_it() -> None:
    with pytest.raises(AttributeError, match="module 'iku' has no attribute 'nothing_here'"):
        _ = iku.nothing_here  # type: ignore[attr-defined]


def test_old_names_warn_for_one_release() -> None:
    ev = iku.evaluate(
        iku.get_set("kota-madiun.dinsosppa.2025-2026")["IKU-2"],
        {"kecamatan": ["Taman"], "psks_diberdayakan": [45], "psks": [50]},
    )
    with pytest.warns(DeprecationWarning, match="use Evaluation.key_columns"):
        assert ev.keys == ("kecamatan",)  # type: ignore[comparison-overlap]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ev.key_columns == ("kecamatan",)
        assert ev.results[0].keys == {"kecamatan": "Taman"}
    error = iku.InputError("no rows", message="tidak ada baris")
    with pytest.warns(DeprecationWarning, match="use InputError.message"):
        assert error.message_id == "tidak ada baris"


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (iku.DefinitionError, ValueError),
        (iku.FormulaError, ValueError),
        (iku.ValidationError, ValueError),
        (iku.InputError, ValueError),
        (iku.UsageError, ValueError),
        (iku.SqlError, ValueError),
        (iku.ArgumentError, TypeError),
        (iku.ArgumentError, ValueError),
        (iku.UnknownSetError, KeyError),
        (iku.UnknownCodeError, KeyError),
        (iku.ColumnNotFoundError, KeyError),
        (iku.ResultNotFoundError, KeyError),
        (iku.MissingDependencyError, ImportError),
    ],
)
def test_errors_are_also_the_builtins_they_resemble(error: type, builtin: type) -> None:
    assert issubclass(error, iku.IkuError)
    assert issubclass(error, builtin)


def test_version_comes_from_the_installed_metadata() -> None:
    assert iku.__version__ == importlib.metadata.version("iku")


def test_package_ships_its_type_marker() -> None:
    assert (pathlib.Path(iku.__file__).parent / "py.typed").exists()
