"""Checks of the arguments of public functions, so that a wrong one is an
:class:`~iku.errors.ArgumentError` naming the argument, never a TypeError from deep inside.

>>> number("abc", "target")
Traceback (most recent call last):
...
iku.errors.ArgumentError: target must be a number, not str ('abc')
>>> path(None, "path").__class__.__name__
Traceback (most recent call last):
...
iku.errors.ArgumentError: path must be a path (str or os.PathLike), not NoneType (None)
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from iku.errors import ArgumentError
from iku.messages import CATALOGUE, both, text

__all__ = ["instance", "iterable", "number", "path", "wrong"]

T = TypeVar("T")


def wrong(what: str, expected: str, value: object) -> ArgumentError:
    """The error for the argument ``what`` that should be ``expected`` and is ``value``.

    ``expected`` is a catalogue key (``"argument.number"``) or a text that reads the same in
    both languages (a class name such as ``"IndicatorSet"``).
    """
    shown = repr(value)
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    kind = type(value).__name__
    id_expected, en_expected = both(expected) if expected in CATALOGUE else (expected, expected)
    fields = {"what": what, "type": kind, "value": shown}
    message = text("argument.wrong", "id", expected=id_expected, **fields)
    return ArgumentError(
        text("argument.wrong", "en", expected=en_expected, **fields), message=message
    )


def instance(value: Any, kinds: type[T] | tuple[type[T], ...], what: str, expected: str) -> T:
    """``value`` if it is one of ``kinds``, else an ArgumentError."""
    if not isinstance(value, kinds):
        raise wrong(what, expected, value)
    return value


def number(value: Any, what: str) -> float:
    """``value`` as a float if it is a number (an int, float, Decimal, numpy number; not a bool,
    not text)."""
    if isinstance(value, bool | str | bytes):
        raise wrong(what, "argument.number", value)
    try:
        return float(value)
    except (TypeError, ValueError):
        raise wrong(what, "argument.number", value) from None


def path(value: Any, what: str = "path") -> Path:
    """``value`` as a Path if it is a str or an os.PathLike."""
    if not isinstance(value, str | os.PathLike):
        raise wrong(what, "argument.path", value)
    return Path(value)


def iterable(value: Any, what: str, expected: str) -> list[Any]:
    """``value`` as a list if it is an iterable that is not text."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise wrong(what, expected, value)
    return list(value)
