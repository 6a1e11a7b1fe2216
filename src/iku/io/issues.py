"""Issues found while reading a file, each naming its place (``data.csv:12``, ``data!C7``).

The codes are the evaluation's own (:class:`~iku.validation.IssueCode`); the messages are the
``io.*`` entries of :mod:`iku.messages`, in Indonesian and English.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import attrs

from iku.messages import LANGS, text
from iku.validation import Issue, IssueCode, Severity

__all__ = ["Word", "reader_issue"]

T = TypeVar("T")


@attrs.frozen
class Word:
    """A field of a message that is itself a message (a word in each language)."""

    key: str
    fields: dict[str, Any] = attrs.field(factory=dict)


def _fill(key: str, lang: str, fields: dict[str, Any]) -> str:
    filled = {
        name: text(value.key, lang, **value.fields) if isinstance(value, Word) else value
        for name, value in fields.items()
    }
    return text(key, lang, **filled)


def reader_issue(
    code: IssueCode,
    key: str,
    /,
    *,
    place: str | None,
    variable: str | None = None,
    indicator: str | None = None,
    row: Any = None,
    **fields: Any,
) -> Issue:
    """An error issue with the message ``io.<key>`` in both languages, naming its ``place``."""
    indonesian, english = (_fill(f"io.{key}", lang, fields) for lang in LANGS)
    return Issue(
        code, Severity.ERROR, indonesian, indicator, variable, row, message_en=english, place=place
    )


def capped(
    found: Sequence[Any], count: int, make: Callable[[Any], T], more: Callable[[int], T]
) -> list[T]:
    """An issue per item of ``found`` (the first of ``count`` items), and one issue counting
    the rest."""
    out = [make(item) for item in found]
    if count > len(found):
        out.append(more(count - len(found)))
    return out
