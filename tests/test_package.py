"""The public face: every name of the contract is importable from ``iku`` and nothing more is
needed to use it."""

from __future__ import annotations

import importlib.metadata
import pathlib

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


@pytest.mark.parametrize("name", CONTRACT)
def test_every_contract_name_is_public(name: str) -> None:
    assert hasattr(iku, name)
    assert name in iku.__all__


def test_all_is_sorted_and_complete() -> None:
    assert iku.__all__ == sorted(iku.__all__, key=lambda n: (not n.isupper(), n))  # consts first
    assert all(hasattr(iku, name) for name in iku.__all__)


def test_errors_are_also_the_builtins_they_resemble() -> None:
    assert issubclass(iku.DefinitionError, iku.IkuError)
    assert issubclass(iku.DefinitionError, ValueError)
    assert issubclass(iku.FormulaError, ValueError)
    assert issubclass(iku.ValidationError, ValueError)
    assert issubclass(iku.UnknownSetError, KeyError)


def test_version_comes_from_the_installed_metadata() -> None:
    assert iku.__version__ == importlib.metadata.version("iku")


def test_package_ships_its_type_marker() -> None:
    assert (pathlib.Path(iku.__file__).parent / "py.typed").exists()
