"""How formulas run, apart from what they are (:mod:`iku.model`).

- :mod:`~iku.backends.kernels`: each indicator compiled once into closures, for one value or for
  numpy columns; :mod:`~iku.backends.plan`: what an evaluation needs to know of its subject.
- :mod:`~iku.backends.scalar`: one unit in plain Python.
- :mod:`~iku.backends.columns`, :mod:`~iku.backends.table`, :mod:`~iku.backends.issues`: tables
  read into float64 columns and evaluated with numpy, issues kept as masks.
- :mod:`~iku.backends.frames`: results and issues as pandas or polars frames, on demand.
- :mod:`~iku.backends.targets`: targets read (mappings, tables, files) and looked up by
  indicator and period.
- :mod:`~iku.backends.sources`: what ``evaluate`` asks of data and targets read from files.
- :mod:`~iku.backends.sql`: the same evaluation written as one SQL query (``iku.to_sql``).

The checks themselves (codes, severities, what each applies to, message keys) are one table,
:data:`iku.checks.CHECKS`; their messages are the ``issue.<code>`` entries of
:mod:`iku.messages`.

Nothing here is imported by ``import iku`` beyond what a one-unit evaluation needs: numpy comes
with the first table, pandas and polars only with their frames.

Where to make a change
----------------------

To add **an input type** (a new kind of table):
  ``shapes.py`` (recognise it without importing its library), ``columns.py`` (``Table``: its
  column names, row count, repeated columns, and ``read_column``: float64 values and the status
  of values that are no number), and ``evaluation.evaluate`` if it is neither a mapping nor a
  frame. A new *file* format is a reader in ``iku.io`` returning a
  :class:`~iku.backends.sources.DataSource`; nothing here changes.

To add **a check**:
  a member of :class:`iku.checks.IssueCode` and its row in :data:`iku.checks.CHECKS`
  (severity, what it applies to); its messages ``issue.<code>`` in :mod:`iku.messages`, in
  Indonesian and English; the code that finds it: ``scalar.py`` (one unit), ``table.py`` with a
  source in ``issues.py`` (tables; a value check goes in ``iku.validation.check_status`` and
  ``check_values``, which both backends call), ``sql.py`` (the query); a line in
  ``docs/evaluation.md``. ``tests/test_checks.py`` fails until the table, the messages and the
  docs agree.

To add **a report format**:
  a module in ``iku.report`` built on ``iku.report.table.build_report`` (the rows and issues in
  words, in one language), exported from ``iku.report`` and named in the command line's
  ``--format``; nothing here changes. A new *data* output of an evaluation (a frame library, an
  Arrow form) reads :attr:`iku.Evaluation.table_output` in ``columnar.py``/``frames.py``.
"""
