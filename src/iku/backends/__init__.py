"""How formulas run, apart from what they are (:mod:`iku.model`).

- :mod:`~iku.backends.kernels`: each indicator compiled once into closures, for one value or for
  numpy columns; :mod:`~iku.backends.plan`: what an evaluation needs to know of its subject.
- :mod:`~iku.backends.scalar`: one unit in plain Python.
- :mod:`~iku.backends.columns`, :mod:`~iku.backends.table`, :mod:`~iku.backends.issues`: tables
  read into float64 columns and evaluated with numpy, issues kept as masks.
- :mod:`~iku.backends.frames`: results and issues as pandas or polars frames, on demand.
- :mod:`~iku.backends.targets`: targets looked up by indicator and period.
- :mod:`~iku.backends.sql`: the same evaluation written as one SQL query (``iku.to_sql``).

Nothing here is imported by ``import iku`` beyond what a one-unit evaluation needs: numpy comes
with the first table, pandas and polars only with their frames.
"""
