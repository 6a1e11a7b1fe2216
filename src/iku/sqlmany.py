"""Many sets in one query: every OPD of a Pemda evaluated inside a database at once.

:func:`to_sql_all` writes one ``SELECT`` that evaluates several indicator sets, as
:func:`iku.to_sql` does one: each set's own query (its checks, values and predikat, exactly as
``to_sql`` writes them) becomes one branch of a ``UNION ALL``, and every row says which set it
is of (``set_id``, first). The data may be one table holding every OPD's rows, told apart by a
column (``set_column``, default ``set_id``), or a table per set. By default each OPD is
evaluated whole, its units summed per period (``by=[]``), as :func:`iku.evaluate_all` does; the
rows come set by set, in the order the sets are given, then by their keys and period.

>>> import duckdb
>>> from iku import IndicatorSet, Ratio, Sasaran, Variable
>>> def one(set_id, code):
...     a, b = Variable("a", "A"), Variable("b", "B")
...     sasaran = [Sasaran("S-1", "s", [Ratio(code, "r", a, b)])]
...     return IndicatorSet(set_id, "IKU", "Dinas", 2025, sasaran, [a, b])
>>> con = duckdb.connect()
>>> _ = con.execute("CREATE TABLE opd AS SELECT * FROM (VALUES ('kota-x.a.2025', 2025, 4, 5),"
...                 " ('kota-x.b.2025', 2025, 1, 2)) AS t(set_id, period, a, b)")
>>> query = to_sql_all([one("kota-x.a.2025", "A-1"), one("kota-x.b.2025", "B-1")], "opd")
>>> con.execute(query).fetchall()[0][:5]
('kota-x.a.2025', 'A-1', 2025, 80.0, None)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from iku.errors import ArgumentError, MissingDependencyError
from iku.model import IndicatorSet

__all__ = ["to_sql_all"]

SET_COLUMN: Final = "set_id"
"""The column of the output (and, by default, of a shared input table) naming each row's set."""


_WITH: Final = "with_"
"""The key of a query's WITH clause among a sqlglot node's arguments."""


def _sqlglot() -> tuple[Any, Any]:
    try:
        from sqlglot import exp

        from iku.backends import sql
    except ImportError as error:  # pragma: no cover - depends on what is installed
        msg = f"writing SQL needs sqlglot: pip install 'iku[sql]' ({error})"
        raise MissingDependencyError(msg) from None
    return exp, sql


def to_sql_all(
    sets: Iterable[Any],
    tables: str | Sequence[str] | Mapping[str, str | Sequence[str]],
    *,
    dialect: str = "duckdb",
    targets: Mapping[str, Any] | None = None,
    period: object = None,
    by: str | Iterable[str] | None = (),
    keys: str | Iterable[str] | None = None,
    columns: Mapping[str, Mapping[str, str | None] | Iterable[str]] | None = None,
    set_column: str = SET_COLUMN,
    pretty: bool = True,
) -> str:
    """One SELECT over ``tables`` that evaluates every set of ``sets`` (IndicatorSets, set ids
    or set files) as :func:`iku.to_sql` evaluates one, with a first column ``set_id``.

    ``tables`` is one table (a name, or ``(schema, name)``) holding every set's rows, told apart
    by its column ``set_column``; or a mapping of set id to the table of that set. ``targets``
    and ``columns`` map set ids to each set's targets and table columns (see
    :func:`iku.to_sql`); ``period``, ``by`` (default ``[]``: each OPD summed per period) and
    ``keys`` apply to every set. The output's columns are the same for every set: ``set_id``,
    the keys, ``indicator``, ``period``, ``value``, ``target`` (``target_hi`` when a target of
    any set is a range), ``achievement``, ``category``, ``grade``, ``numerator``,
    ``denominator``, ``issues``.
    """
    from iku.cascading import as_set

    exp, backend = _sqlglot()
    made = [as_set(item) for item in (sets if not isinstance(sets, IndicatorSet | str) else [sets])]
    if not made:
        msg = "to_sql_all needs at least one set"
        raise ArgumentError(msg)
    ids = [s.id for s in made]
    if len(set(ids)) != len(ids):
        msg = f"a set is given twice among {', '.join(ids)}"
        raise ArgumentError(msg)
    per_set: Mapping[str, str | Sequence[str]] = tables if isinstance(tables, Mapping) else {}
    shared = not isinstance(tables, Mapping)
    if not shared:
        missing = [set_id for set_id in ids if set_id not in per_set]
        if missing:
            msg = f"tables names no table for {', '.join(missing)}"
            raise ArgumentError(msg)
    ctes: list[Any] = []
    branches: list[tuple[Any, list[str]]] = []
    for k, s in enumerate(made):
        if shared:
            name = f"_iku_t{k}"
            source: str | Sequence[str] = name
            where = exp.EQ(
                this=exp.column(set_column, quoted=True), expression=exp.Literal.string(s.id)
            )
            rows = exp.select("*").from_(backend.table_expression(tables, dialect)).where(where)
            ctes.append(exp.CTE(this=rows, alias=exp.TableAlias(this=exp.to_identifier(name))))
        else:
            source = per_set[s.id]
        query = backend.build_query(
            s,
            source,
            dialect=dialect,
            targets=(targets or {}).get(s.id),
            period=period,
            by=by,
            keys=keys,
            columns=(columns or {}).get(s.id),
        )
        own = query.args.get(_WITH)
        query.set(_WITH, None)
        renamed = {}
        for cte in own.expressions if own is not None else ():
            renamed[cte.alias] = f"_iku_{k}{cte.alias}"
        for table in query.find_all(exp.Table):
            if table.name in renamed and not table.args.get("db"):
                table.set("this", exp.to_identifier(renamed[table.name]))
        for cte in own.expressions if own is not None else ():
            for table in cte.find_all(exp.Table):
                if table.name in renamed and not table.args.get("db"):
                    table.set("this", exp.to_identifier(renamed[table.name]))
            cte.set("alias", exp.TableAlias(this=exp.to_identifier(renamed[cte.alias])))
            ctes.append(cte)
        branches.append((query, list(query.named_selects)))
    keys_of = [names[: names.index("indicator")] for _, names in branches]
    if any(found != keys_of[0] for found in keys_of):
        shown = "; ".join(
            f"{s.id}: {', '.join(found) or '-'}" for s, found in zip(made, keys_of, strict=True)
        )
        msg = f"the sets' queries have different key columns ({shown}): give by= or keys="
        raise ArgumentError(msg)
    ranged = any("target_hi" in names for _, names in branches)
    wanted = [*keys_of[0], *backend.OUTPUT_COLUMNS[:4]]
    wanted += ["target_hi"] if ranged else []
    wanted += list(backend.OUTPUT_COLUMNS[4:])
    union: Any = None
    for k, ((query, names), s) in enumerate(zip(branches, made, strict=True)):
        selects = [
            exp.alias_(exp.Literal.number(k), "_iku_n", quoted=True),
            exp.alias_(exp.Literal.string(s.id), set_column, quoted=True),
        ]
        for name in wanted:
            if name in names:
                selects.append(exp.column(name, table=f"_iku_r{k}", quoted=True))
            else:
                null = exp.Cast(this=exp.Null(), to=exp.DataType.build("DOUBLE"))
                selects.append(exp.alias_(null, name, quoted=True))
        branch = exp.select(*selects).from_(
            exp.Subquery(this=query, alias=exp.TableAlias(this=exp.to_identifier(f"_iku_r{k}")))
        )
        union = branch if union is None else exp.union(union, branch, distinct=False)
    order = [
        exp.Ordered(this=exp.column(name, quoted=True), nulls_first=False)
        for name in ("_iku_n", *keys_of[0], "period")
    ]
    final = (
        exp.select(*(exp.column(name, quoted=True) for name in (set_column, *wanted)))
        .from_(exp.Subquery(this=union, alias=exp.TableAlias(this=exp.to_identifier("_iku_all"))))
        .order_by(*order)
    )
    if ctes:
        final.set(_WITH, exp.With(expressions=ctes))
    text: str = final.sql(dialect=dialect, pretty=pretty)
    return text
