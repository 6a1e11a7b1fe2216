"""Reading data and targets from files: CSV, Excel (the filled template as it is) and Parquet.

A data file has one column per variable, headed by the variable's code; every other column is a
key (a unit such as ``kecamatan``), and an optional ``period`` column holds the period. A targets
file has the columns ``indicator``, ``period`` and ``target`` (and optionally ``target_hi`` for a
range). :func:`load_data` gives a :class:`DataFile` (the columns, the issues found while reading,
each row's place in the file) and :func:`load_targets` a :class:`TargetsFile`; both are what
:func:`iku.evaluate` takes. :func:`read_data` and :func:`read_targets` give the plain mappings.

CSV needs nothing beyond the core (pyarrow, where installed, reads it faster); Excel needs
``openpyxl`` (``iku[excel]``), Parquet ``pyarrow`` (``iku[parquet]``).

Files written by hand are read as they are where that is certain, and never guessed at:

- a number typed as text (``"12"``) is a number; text that is not a number (``"12 orang"``,
  ``"4_5"``, Arabic-Indic digits) is kept as it is, and the evaluation reports it as
  ``not_a_number`` on its row;
- each column is read with one convention for numbers (:mod:`iku.io.numbers`): a CSV separated by
  ``;`` reads ``1.234,5`` as 1234.5; ``1.500`` where nothing says which convention is meant is an
  ``ambiguous_number`` issue, and the cell has no value;
- an empty cell (or ``NA``, ``nan``, ``-``) is a missing value; a row with no value at all is
  skipped (the template's years prefilled but not filled in);
- key columns keep their text: ``0101`` stays ``"0101"``;
- headers match variable codes whatever their case; ``tahun`` and ``year`` mean ``period``;
- in the template, the row of labels under the codes is recognised and skipped;
- a cell with a control character or a spreadsheet's error value (in a workbook, also a formula
  written as text) is not taken in (``unreadable_cell``); a column that comes twice is not used
  (``duplicate_column``);
- a CSV is UTF-8, or its encoding is named; a workbook is read at the cost of its real cells.

>>> import iku, tempfile, pathlib
>>> s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
>>> path = pathlib.Path(tempfile.mkdtemp()) / "data.csv"
>>> _ = path.write_text("tahun;psks_diberdayakan;PSKS\\n2025;45;1.050\\n2026;;\\n")
>>> data = load_data(path, s)
>>> {name: column.tolist() for name, column in data.columns.items()}
{'period': [2025], 'psks_diberdayakan': [45], 'psks': [1050]}
>>> data.place(0, "psks")
'data.csv:2'
"""

from __future__ import annotations

from iku.errors import InputError
from iku.io.data import Progress, load_data, read_data
from iku.io.datafile import DataFile
from iku.io.numbers import DecimalMark, parse_number
from iku.io.targets import TargetsFile, load_targets, read_targets
from iku.io.template import PERIOD_LABELS as TEMPLATE_PERIOD_LABELS

__all__ = [
    "TEMPLATE_PERIOD_LABELS",
    "DataFile",
    "DecimalMark",
    "InputError",
    "Progress",
    "TargetsFile",
    "load_data",
    "load_targets",
    "parse_number",
    "read_data",
    "read_targets",
]
