"""The results as data files: CSV and JSON text, as the command line writes them.

Both hold the rows of ``ev.to_frame()`` (:func:`iku.report.result_records`), with the column
names of ``to_frame()``. Text from the data is made harmless (:mod:`iku.report.safety`): a CSV
cell starting like a formula gets a leading ``'`` (OWASP), control characters are shown; JSON
keeps the text exactly, escaping what a terminal could act on.

Illustrative figures (example data) say so: the JSON document's top-level ``"illustrative"`` is
true and ``"notice"`` says it in words; a CSV gains a last column ``illustrative`` whose every
cell says it in words, so that the warning stays with any row copied out of the file.

>>> import iku
>>> s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
>>> ev = iku.evaluate(s["IKU-2"], {"psks_diberdayakan": 45, "psks": 50}, targets={"IKU-2": 80})
>>> print(records_csv(ev, illustrative=True).splitlines()[0])
indicator,period,value,target,achievement,category,grade,numerator,denominator,issues,illustrative
>>> import json
>>> doc = json.loads(records_json(ev, illustrative=True, lang="en"))
>>> doc["illustrative"], doc["notice"], doc["results"][0]["achievement"]
(True, 'Illustrative data, not official figures', 112.5)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from iku.report.safety import csv_cell, json_text
from iku.report.table import result_records
from iku.report.text import check_lang, label

__all__ = ["csv_text", "records_csv", "records_json"]


def records_json(evaluation: Any, *, lang: str = "id", illustrative: bool = False) -> str:
    """The results as a JSON document: ``{"illustrative": bool, "notice": str (when
    illustrative), "results": [row, ...]}``."""
    check_lang(lang)
    doc: dict[str, Any] = {"illustrative": bool(illustrative)}
    if illustrative:
        doc["notice"] = label("illustrative", lang)
    doc["results"] = result_records(evaluation)
    return json_text(doc) + "\n"


def records_csv(evaluation: Any, *, lang: str = "id", illustrative: bool = False) -> str:
    """The results as CSV text (issue codes joined by ``;``), with a last column
    ``illustrative`` saying so in words when the figures are illustrative."""
    check_lang(lang)
    rows = result_records(evaluation)
    if illustrative:
        notice = label("illustrative", lang)
        rows = [{**row, "illustrative": notice} for row in rows]
    return csv_text(rows)


def csv_text(rows: Sequence[dict[str, Any]]) -> str:
    """``rows`` (dicts with the same keys) as CSV text with a header, every cell made safe by
    :func:`iku.report.safety.csv_cell`; a list is joined by ``;``, None is empty."""
    if not rows:
        return ""
    out = io.StringIO()
    columns = list(rows[0])
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([csv_cell(str(c)) for c in columns])
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = json_text(value, indent=None)
    return csv_cell(value)
