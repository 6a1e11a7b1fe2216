"""Cascading links (pohon kinerja): how an indicator names the higher indicator it supports.

An OPD's IKU supports one or more indicators of a higher plan: the Pemda's RPJMD, a Renstra, a
program. :attr:`iku.Indicator.supports` lists them, each written as one text:

- ``"<set-id>:<code>"``, the indicator ``code`` of the set ``set-id``:
  ``"kota-madiun.rpjmd.2025-2029:IKD-1"``;
- ``":<code>"``, the indicator ``code`` of the indicator's own set: ``":IKU-1"``. The leading
  colon is kept so that every link has one and a code is never mistaken for a set id.

The set id is everything before the first colon (a set id holds no colon), the code everything
after it. :func:`link_problem` says what is wrong with a text, :func:`split_link` takes a good
one apart, :func:`resolve_link` names both parts.

>>> split_link("kota-madiun.rpjmd.2025-2029:IKD-1")
('kota-madiun.rpjmd.2025-2029', 'IKD-1')
>>> split_link(":IKU-1")
(None, 'IKU-1')
>>> resolve_link(":IKU-1", "kota-madiun.dinsosppa.2025-2026")
('kota-madiun.dinsosppa.2025-2026', 'IKU-1')
>>> link_problem("IKU-1")
"link 'IKU-1' must read '<set-id>:<code>', or ':<code>' for an indicator of the same set"
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["SET_ID", "join_link", "link_problem", "resolve_link", "split_link"]

SET_ID: Final = re.compile(r"[a-z0-9][a-z0-9_-]*\.[a-z0-9][a-z0-9_-]*\.[a-z0-9][a-z0-9_-]*\Z")
"""A set id: ``<region>.<agency>.<period>`` in lower case (``kota-madiun.dinsosppa.2025-2026``)."""

_SHAPE: Final = "must read '<set-id>:<code>', or ':<code>' for an indicator of the same set"


def link_problem(text: object) -> str | None:
    """What is wrong with ``text`` as a link (in English, as the set reader's problems are), or
    None when it is a good one.

    >>> link_problem("kota-x.dinas.2025:IKU-1") is None
    True
    >>> print(link_problem("Kota X:IKU-1"))  # doctest: +NORMALIZE_WHITESPACE
    link 'Kota X:IKU-1' names the set 'Kota X', which is not a set id
    (<region>.<agency>.<period> in lower case)
    """
    if not isinstance(text, str):
        return f"a link is text such as ':IKU-1', not {type(text).__name__}"
    if ":" not in text:
        return f"link {text!r} {_SHAPE}"
    set_id, code = text.split(":", 1)
    if set_id and not SET_ID.match(set_id):
        return (
            f"link {text!r} names the set {set_id!r}, which is not a set id "
            "(<region>.<agency>.<period> in lower case)"
        )
    if not code.strip():
        return f"link {text!r} names no indicator after the colon"
    if code != code.strip():
        return f"link {text!r} has spaces around the indicator's code"
    return None


def split_link(text: str) -> tuple[str | None, str]:
    """The set id (None for the indicator's own set) and the code of a good link."""
    set_id, code = text.split(":", 1)
    return (set_id or None), code


def resolve_link(text: str, own: str) -> tuple[str, str]:
    """The set id and code of a good link written in the set ``own``."""
    set_id, code = split_link(text)
    return (set_id or own), code


def join_link(set_id: str | None, code: str) -> str:
    """A link's text: ``"<set-id>:<code>"``, or ``":<code>"`` when ``set_id`` is None.

    >>> join_link(None, "IKU-2"), join_link("kota-x.dinas.2025", "IKU-2")
    (':IKU-2', 'kota-x.dinas.2025:IKU-2')
    """
    return f"{set_id or ''}:{code}"
