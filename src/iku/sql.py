"""Indicator sets inside databases: :func:`to_sql` writes the query, :func:`evaluate_sql` runs it.

The query is one ``SELECT`` that gives the long format of ``Evaluation.to_frame()``: the key
columns, ``indicator``, ``period``, ``value``, ``target``, ``achievement``, ``category``,
``grade``, ``numerator``, ``denominator`` and ``issues`` (an array of issue codes), with the same
checks, values and predikat as :func:`iku.evaluate`. It is built as a sqlglot tree (formulas by
a sympy printer, never by pasting text) and written in the dialect asked for: ``duckdb``,
``postgres``, ``spark``, ``bigquery``, ``trino`` or ``snowflake``.

>>> import duckdb
>>> from iku import Indicator, Ratio, Variable
>>> done, cases = Variable("selesai", "Selesai"), Variable("kasus", "Kasus")
>>> iku6 = Ratio("IKU-6", "Persentase pengaduan diselesaikan", done, cases)
>>> con = duckdb.connect()
>>> _ = con.execute(
...     "CREATE TABLE pengaduan AS SELECT * FROM (VALUES ('Kartoharjo', 45, 50), "
...     "('Taman', 10, 0)) AS t(kecamatan, selesai, kasus)")
>>> frame = evaluate_sql(iku6, con, "pengaduan", targets={"IKU-6": 80})
>>> print(frame[["kecamatan", "value", "category", "issues"]].to_string(index=False))
 kecamatan  value      category             issues
Kartoharjo   90.0 Sangat Tinggi                 []
     Taman    NaN           NaN [denominator_zero]

sqlglot, duckdb, psycopg and pyspark are optional (``iku[sql]``, ``iku[postgres]``,
``iku[spark]``): each is imported inside the function that needs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from iku.errors import IkuError, MissingDependencyError, SqlError

if TYPE_CHECKING:
    import pandas as pd

    from iku.model import Indicator, IndicatorSet
    from iku.scales import Rules, Scale

__all__ = ["evaluate_sql", "to_sql"]

_FLOATS = ("value", "target", "target_hi", "achievement", "numerator", "denominator")


def _backend() -> Any:
    try:
        from iku.backends import sql
    except ImportError as error:  # pragma: no cover - depends on what is installed
        msg = f"writing SQL needs sqlglot: pip install 'iku[sql]' ({error})"
        raise MissingDependencyError(msg) from None
    return sql


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:  # pragma: no cover - depends on what is installed
        msg = "evaluate_sql returns a pandas frame: pip install 'iku[pandas]'"
        raise MissingDependencyError(msg) from None
    return pandas


def to_sql(
    subject: IndicatorSet | Indicator,
    table: str | Sequence[str],
    *,
    dialect: str = "duckdb",
    targets: Any = None,
    period: object = None,
    by: str | Iterable[str] | None = None,
    keys: str | Iterable[str] | None = None,
    columns: Mapping[str, str | None] | Iterable[str] | None = None,
    pretty: bool = True,
    year: int | None = None,
    parts: str = "quarter",
    rules: Rules | None = None,
) -> str:
    """One SELECT over ``table`` that evaluates ``subject`` as :func:`iku.evaluate` does.

    ``targets`` (a mapping or a table of indicator, period, target), ``period`` and ``by``
    (``by=[]``: one group per period) mean what they mean for :func:`iku.evaluate`; the targets
    are written into the query. ``dialect`` is one of ``duckdb``, ``postgres``, ``spark``,
    ``bigquery``, ``trino``, ``snowflake`` (another is a ``ValueError`` naming them). A query is
    written without looking at the table, so say what it holds when it matters:

    - ``columns``: the table's column names, or a mapping of name to SQL type. A variable absent
      from it is ``missing_value`` on every row; a text, boolean or date column is
      ``not_a_number`` wherever it is not NULL; an integer column needs no NaN check. Without
      ``columns``, every variable must be a numeric column of the table.
    - ``keys`` (without ``by``): the columns that identify a row, in the output before
      ``indicator``; by default every column of ``columns`` that is not a variable, else none.
      A key (or column) named ``period`` is the period of the row.

    ``year`` (with ``parts``, ``"quarter"`` or ``"month"``) evaluates the year to date instead,
    as :func:`iku.monitor` forms it: each row's ``period`` is a part of that year written as
    ``2025-Q1`` or ``2025-03``, each variable's parts are accumulated with window functions by
    its accumulation, and the output has one row per key (``keys``), part and indicator (see
    :mod:`iku.backends.sql_monitor`). The rows of a key and part are summed (each variable by its
    aggregation) before the year to date, so ``by`` here is another name for ``keys``, as in
    ``iku.monitor(..., by=)`` (``by=[]``: one group per part).

    ``table`` may name a schema: ``"schema.table"`` or ``("schema", "table")``. Rows come
    ordered by the keys, the period, then the indicators in decree order. The query follows
    the set's and each indicator's :class:`~iku.Rules` (inverse capaian, rounding in decimals,
    cap, floor); ``rules`` override them as in :func:`iku.evaluate`. A column named like an
    indicator's code is a key here, not a realisasi given directly.

    >>> from iku import Ratio, Variable
    >>> aktif, psks = Variable("aktif", "PSKS aktif"), Variable("psks", "Jumlah PSKS")
    >>> iku2 = Ratio("IKU-2", "PSKS diberdayakan", aktif, psks)
    >>> sql = to_sql(iku2, "psks", dialect="postgres", keys=["kecamatan"])
    >>> print(sql.splitlines()[2])
        "kecamatan" AS "_k0",
    >>> 'CAST("aktif" AS DOUBLE PRECISION)' in sql, 'NULLIF("_den", 0)' in sql
    (True, True)
    """
    query = _query(subject, table, dialect, targets, period, by, keys, columns, year, parts, rules)
    text: str = query.sql(dialect=dialect, pretty=pretty)
    return text


def _query(
    subject: IndicatorSet | Indicator,
    table: str | Sequence[str],
    dialect: str,
    targets: Any,
    period: object,
    by: str | Iterable[str] | None,
    keys: str | Iterable[str] | None,
    columns: Mapping[str, str | None] | Iterable[str] | None,
    year: int | None,
    parts: str,
    rules: Rules | None = None,
) -> Any:
    if year is None:
        return _backend().build_query(
            subject,
            table,
            dialect=dialect,
            targets=targets,
            period=period,
            by=by,
            keys=keys,
            columns=columns,
            rules=rules,
        )
    _backend()  # sqlglot is there
    from iku.backends.sql_monitor import build_year_to_date_query

    if by is not None:  # the year to date is formed per key: by= names the keys
        if keys is not None:
            raise SqlError.from_key("sql.year_by_and_keys")
        keys = [by] if isinstance(by, str) else list(by)
    if period is not None:
        raise SqlError.from_key("sql.year_with_period")
    if rules is not None:
        msg = "the year to date in SQL (year=) follows the set's own rules; rules= is not taken"
        raise IkuError(msg)
    return build_year_to_date_query(
        subject,
        table,
        year=year,
        kind=parts,  # type: ignore[arg-type]
        dialect=dialect,
        targets=targets,
        keys=keys,
        columns=columns,
    )


def evaluate_sql(
    subject: IndicatorSet | Indicator,
    connection: Any,
    table: str | Sequence[str],
    *,
    targets: Any = None,
    period: object = None,
    by: str | Iterable[str] | None = None,
    keys: str | Iterable[str] | None = None,
    dialect: str | None = None,
    as_spark: bool = False,
    year: int | None = None,
    parts: str = "quarter",
    rules: Rules | None = None,
) -> pd.DataFrame | Any:
    """Evaluate ``subject`` on ``table`` inside the database behind ``connection``.

    ``connection`` is a DuckDB connection, a DB-API connection to PostgreSQL (psycopg 3), or a
    SparkSession; ``dialect`` overrides the dialect guessed from it (a DB-API connection is taken
    to be PostgreSQL). ``targets``, ``period``, ``by``, ``keys`` and ``rules`` are those of
    :func:`to_sql`.
    The table's columns and types are read from the database first, so keys, absent variables
    and text columns are handled as :func:`iku.evaluate` handles them. The
    result is a pandas frame shaped like ``evaluate(...).to_frame()`` of a pandas table: float
    columns hold NaN where there is no value, ``category`` and ``grade`` are ordered
    categoricals of the scales' labels, ``issues`` holds lists of codes. Rows come ordered by
    the keys, the period, then the indicators in decree order. With ``as_spark=True`` a
    SparkSession's result stays a Spark DataFrame (the query, unrun) for data too big to
    collect.
    """
    engine = _engine(connection, dialect)
    backend = _backend()
    table_sql = backend.table_expression(table, engine.dialect)
    columns = engine.columns(backend.probe(table_sql).sql(dialect=engine.dialect))
    query = _query(
        subject, table, engine.dialect, targets, period, by, keys, columns, year, parts, rules
    )
    text = query.sql(dialect=engine.dialect)
    if as_spark:
        if engine.dialect != "spark":
            msg = "as_spark=True needs a SparkSession as the connection"
            raise IkuError(msg)
        return connection.sql(text)
    frame = engine.run(text)
    indicators, _ = backend.subject_parts(subject)
    return _tidy(frame, indicators, None if "period" in columns else (period,))


class _Engine:
    """How to ask one kind of connection for columns and rows."""

    dialect = "postgres"

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def columns(self, probe: str) -> dict[str, str | None]:
        cursor = self.connection.cursor()
        try:
            _execute(cursor, probe)
            found: dict[str, str | None] = {}
            for item in cursor.description:
                found[item[0]] = self._type_name(item[1])
            return found
        finally:
            cursor.close()

    def _type_name(self, code: object) -> str | None:
        adapters = getattr(self.connection, "adapters", None)
        info = adapters.types.get(code) if adapters is not None else None
        return None if info is None else str(info.name)

    def run(self, query: str) -> pd.DataFrame:
        pandas = _pandas()
        cursor = self.connection.cursor()
        try:
            _execute(cursor, query)
            names = [item[0] for item in cursor.description]
            rows = cursor.fetchall()
        finally:
            cursor.close()
        frame: pd.DataFrame = pandas.DataFrame.from_records(rows, columns=names)
        return frame


def _execute(cursor: Any, query: str) -> None:
    """Run ``query``; psycopg is told not to prepare it, since a prepared plan breaks when the
    table is made again with other columns under the same name."""
    if type(cursor).__module__.startswith("psycopg"):
        cursor.execute(query, prepare=False)
    else:
        cursor.execute(query)


class _DuckDB(_Engine):
    dialect = "duckdb"

    def columns(self, probe: str) -> dict[str, str | None]:
        relation = self.connection.sql(probe)
        return {
            name: str(kind) for name, kind in zip(relation.columns, relation.types, strict=True)
        }

    def run(self, query: str) -> pd.DataFrame:
        frame: pd.DataFrame = self.connection.sql(query).df()
        return frame


class _Spark(_Engine):
    dialect = "spark"

    def columns(self, probe: str) -> dict[str, str | None]:
        return dict(self.connection.sql(probe).dtypes)

    def run(self, query: str) -> pd.DataFrame:
        frame: pd.DataFrame = self.connection.sql(query).toPandas()
        return frame


def _engine(connection: Any, dialect: str | None) -> _Engine:
    module = type(connection).__module__.lstrip("_")
    if module.startswith("duckdb"):
        engine: _Engine = _DuckDB(connection)
    elif module.startswith("pyspark") and hasattr(connection, "sql"):
        engine = _Spark(connection)
    elif hasattr(connection, "cursor"):
        engine = _Engine(connection)
    else:
        msg = (
            "connection must be a DuckDB connection, a DB-API connection (psycopg) or a "
            f"SparkSession, not {type(connection).__name__}"
        )
        raise IkuError(msg)
    if dialect is not None:
        engine.dialect = _backend().check_dialect(dialect)
    return engine


def _tidy(
    frame: pd.DataFrame, indicators: Sequence[Indicator], period: tuple[object] | None
) -> pd.DataFrame:
    """The engine's frame in the shape of ``Evaluation.to_frame()`` for a pandas input: floats
    with NaN, ``category`` and ``grade`` as categoricals of the scales' labels (lowest band
    first), ``issues`` as lists, ``period`` as given when the table has no period column."""
    pd = _pandas()

    frame = frame.copy()
    if "target_hi" in frame and frame["target_hi"].isna().all():
        # evaluate() adds target_hi only when some row's target is a range; the query cannot
        # know which years the table holds, so it always has the column when a range may come
        frame = frame.drop(columns="target_hi")
    for name in _FLOATS:
        if name in frame:
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
    scales: dict[str, list[Scale | None]] = {
        "category": [ind.categories for ind in indicators],
        "grade": [getattr(ind, "grades", None) for ind in indicators],
    }
    for name, found in scales.items():
        labels = list(
            dict.fromkeys(x for scale in found if scale is not None for x in scale.labels)
        )
        values = [None if _missing(x) else str(x) for x in frame[name]]
        frame[name] = pd.Categorical(values, categories=labels[::-1], ordered=True)
    if period is None:
        frame["period"] = [None if _missing(p) else p for p in frame["period"]]
    else:
        frame["period"] = pd.Series([period[0]] * len(frame), dtype=object)
    frame["issues"] = [[str(code) for code in codes] for codes in frame["issues"]]
    return frame


def _missing(value: object) -> bool:
    pd = _pandas()
    return value is None or (not isinstance(value, list | tuple) and bool(pd.isna(value)))
