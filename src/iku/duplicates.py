"""What a definition names twice: codes of a set, labels and cuts of a scale.

>>> repeated(["IKU-1", "IKU-2", "IKU-1", "IKU-1", "IKU-3", "IKU-2"])
['IKU-1', 'IKU-2']
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

__all__ = ["repeated"]

H = TypeVar("H", bound=Hashable)


def repeated(items: Iterable[H]) -> list[H]:
    """The items that occur more than once, each once, in the order of their second occurrence.

    Linear in the number of items (a set of 20,000 codes is checked at once).
    """
    seen: set[H] = set()
    twice: dict[H, None] = {}
    for item in items:
        if item in seen:
            twice[item] = None
        else:
            seen.add(item)
    return list(twice)
