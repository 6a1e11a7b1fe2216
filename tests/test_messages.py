"""The one catalogue of messages: every key speaks both languages with the same fields, and no
module outside ``iku.messages`` keeps a table of texts of its own."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from iku import messages
from iku.messages import CATALOGUE, LANGS, both, text

SRC = Path(messages.__file__).parent

# Modules whose texts still wait to be moved into the catalogue by their owners (issue 12).
# Remove a module from here in the commit that moves its table.
NOT_YET_MOVED: set[str] = set()


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_both_languages_with_the_same_fields(key: str) -> None:
    entry = CATALOGUE[key]
    assert set(entry) == set(LANGS), f"{key}: languages {sorted(entry)}"
    assert all(entry[lang].strip() for lang in LANGS), f"{key}: an empty text"
    assert _fields(entry["id"]) == _fields(entry["en"]), f"{key}: fields differ"


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_is_dotted_by_its_area(key: str) -> None:
    area, _, name = key.partition(".")
    assert area.isidentifier(), key
    assert name, key


def test_text_fills_fields_and_falls_back_to_indonesian() -> None:
    assert text("cli.report_written", path="a.md") == "laporan ditulis ke a.md"
    assert text("cli.report_written", "en", path="a.md") == "report written to a.md"
    assert text("cli.report_written", "fr", path="a.md") == "laporan ditulis ke a.md"
    assert both("cli.report_written", path="a.md") == (
        "laporan ditulis ke a.md",
        "report written to a.md",
    )


def test_an_unknown_key_names_itself() -> None:
    with pytest.raises(KeyError, match=r"cli\.no_such_key"):
        text("cli.no_such_key")


def _text_tables(path: Path) -> list[int]:
    """Lines of dict literals keyed by both language codes: a table of texts."""
    tree = ast.parse(path.read_text("utf-8"))
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if {"id", "en"} <= keys:
                lines.append(node.lineno)
    return lines


def test_no_module_but_messages_keeps_a_table_of_texts() -> None:
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        name = str(path.relative_to(SRC))
        if name == "messages.py" or name in NOT_YET_MOVED:
            continue
        lines = _text_tables(path)
        if lines:
            found[name] = lines
    assert not found, f"texts belong in iku/messages.py, not in {found}"


def test_the_table_finder_finds_the_catalogue_itself() -> None:
    assert _text_tables(SRC / "messages.py")
