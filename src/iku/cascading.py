"""The performance tree (pohon kinerja) of a Pemda: the links between sets, checked.

A Pemda's RPJMD indicators are supported by its OPDs' IKU, which may be supported by program
indicators in turn. Each indicator names the ones it supports in :attr:`iku.Indicator.supports`
(``"<set-id>:<code>"``, see :mod:`iku.links`). :func:`cascade` takes the sets of a tree and
checks every link:

- ``unresolved_link`` (error): a link names a set not among those given, or an indicator its
  set does not have;
- ``cycle`` (error): links that go round (A supports B supports A), one issue per circle;
- ``unsupported`` (warning): an indicator at the top that no indicator supports;
- ``orphan`` (warning): an indicator of a lower set that supports nothing.

**Top and lower.** A set is *lower* when one of its indicators links to another set (an OPD's
IKU linking to the RPJMD); a set that links to no other set (the RPJMD) is a *top* set, unless
``top=`` names the top sets. The *top indicators* are the indicators of a top set that support
nothing themselves (a top set may link inside itself, from its sasaran's indicators to its
tujuan's); each of them should be supported. Every indicator of a lower set should support
something. An indicator in the middle (a Renstra supported by programs) is not required to be
supported: only the top is.

With an :class:`~iku.Evaluation` per set (``evaluations={set_id: ev}``), each indicator shows its
capaian and predikat of one period, and among the indicators that support one indicator, the one
with the lowest capaian is marked as its *weakest supporter*: the OPD that holds it back.

The module is called ``cascading`` rather than ``cascade``: a submodule becomes an attribute of
its package when imported, and ``iku.cascade`` is the function.

>>> import iku
>>> c = iku.cascade(["kota-madiun.rpjmd.2025-2029", "kota-madiun.dinsosppa.2025-2026"])
>>> len(c.links), [str(issue.code) for issue in c.issues]
(7, ['unsupported'])
>>> print(c.issues[0].message_en)
kota-madiun.rpjmd.2025-2029:IKD-5 (a top indicator) is supported by no indicator
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeAlias, cast

import attrs

from iku.checks import IssueCode
from iku.errors import ArgumentError
from iku.links import join_link, resolve_link
from iku.messages import both
from iku.model import Indicator, IndicatorSet
from iku.validation import Issue

if TYPE_CHECKING:
    from iku.evaluation import Evaluation, Result

__all__ = ["Cascade", "Link", "NodeFigure", "SetLike", "as_set", "cascade"]

SetLike: TypeAlias = "IndicatorSet | str | os.PathLike[str]"
"""A set as :func:`cascade` takes it: an IndicatorSet, a set id (see ``iku list``) or the path
of a set file."""

Node: TypeAlias = "tuple[str, str]"
"""An indicator of the tree: (set id, indicator code)."""

_ARROW: Final = " → "


def as_set(item: object) -> IndicatorSet:
    """``item`` as an IndicatorSet: itself, the set of a set file's path, or the set of an id.

    A text is a path when it ends in ``.toml`` or ``.json``, holds a path separator or names a
    file that exists; otherwise it is a set id (:func:`iku.get_set`).
    """
    if isinstance(item, IndicatorSet):
        return item
    if isinstance(item, os.PathLike) or (isinstance(item, str) and _is_path(item)):
        from iku.files import load_set

        return load_set(os.fspath(item))
    if isinstance(item, str):
        from iku.registry import get_set

        return get_set(item)
    msg = f"a set is an IndicatorSet, a set id or the path of a set file, not {type(item).__name__}"
    raise ArgumentError(msg)


def _is_path(text: str) -> bool:
    path = Path(text)
    return path.suffix.lower() in (".toml", ".json") or os.sep in text or path.is_file()


@attrs.frozen
class Link:
    """One link of the tree: the indicator ``source`` supports ``target`` (both ``(set id,
    code)``), as written in ``text``. ``resolved`` is False when ``target`` is not among the
    sets given; ``in_cycle`` is True when the link is part of a circle of links."""

    source: tuple[str, str]
    target: tuple[str, str]
    text: str
    resolved: bool
    in_cycle: bool = False


@attrs.frozen
class NodeFigure:
    """An indicator's figures of one period from its set's evaluation: realisasi (``value``),
    ``target``, capaian (``achievement``) and predikat (``category``), each None when there is
    none."""

    period: Any
    value: float | None
    target: Any
    achievement: float | None
    category: str | None


class Cascade:
    """The checked tree of :func:`cascade`: its sets, links, issues and, with evaluations, each
    indicator's figures. Reports: :meth:`to_frame`, :meth:`to_records`, :meth:`to_markdown`,
    :meth:`to_mermaid`, :meth:`to_html`."""

    __slots__ = (
        "_figures",
        "_incoming",
        "_index",
        "_outgoing",
        "issues",
        "links",
        "period",
        "sets",
        "top",
    )

    def __init__(
        self,
        sets: Sequence[IndicatorSet],
        links: Sequence[Link],
        issues: Sequence[Issue],
        top: Sequence[str],
        figures: Mapping[Node, NodeFigure] | None,
        period: Any,
    ) -> None:
        self.sets: tuple[IndicatorSet, ...] = tuple(sets)
        """The sets of the tree, in the order given."""
        self.links: tuple[Link, ...] = tuple(links)
        """Every link, set by set, indicator by indicator, in the order written."""
        self.issues: tuple[Issue, ...] = tuple(issues)
        """Every issue: unresolved links, cycles, unsupported top indicators, orphans."""
        self.top: tuple[str, ...] = tuple(top)
        """The ids of the top sets."""
        self.period = period
        """The period of the figures (None without evaluations)."""
        self._figures = dict(figures) if figures is not None else None
        self._index = {s.id: s for s in self.sets}
        self._incoming: dict[Node, list[Link]] = {}
        self._outgoing: dict[Node, list[Link]] = {}
        for link in self.links:
            self._outgoing.setdefault(link.source, []).append(link)
            if link.resolved:
                self._incoming.setdefault(link.target, []).append(link)

    @property
    def ok(self) -> bool:
        """True when no issue is an error (unsupported and orphan indicators are warnings)."""
        return not any(issue.severity == "error" for issue in self.issues)

    @property
    def evaluated(self) -> bool:
        """Whether the tree has figures (``cascade(..., evaluations=...)``)."""
        return self._figures is not None

    def set_of(self, set_id: str) -> IndicatorSet:
        """The set ``set_id`` of the tree."""
        if set_id in self._index:
            return self._index[set_id]
        msg = f"the cascade has no set {set_id!r} (it has {', '.join(s.id for s in self.sets)})"
        raise ArgumentError(msg)

    def indicator(self, node: Node) -> Indicator | None:
        """The indicator of ``node`` (None when the node names nothing given)."""
        set_id, code = node
        s = self._index.get(set_id)
        return s[code] if s is not None and code in s else None

    def nodes(self) -> tuple[Node, ...]:
        """Every indicator of every set, in the order given."""
        return tuple((s.id, ind.code) for s in self.sets for ind in s)

    def roots(self) -> tuple[Node, ...]:
        """The top indicators: those of a top set that support nothing."""
        return tuple(
            (s.id, ind.code)
            for s in self.sets
            if s.id in self.top
            for ind in s
            if not self._outgoing.get((s.id, ind.code))
        )

    def supporters(self, node: Node) -> tuple[Link, ...]:
        """The resolved links into ``node``: the indicators that support it."""
        return tuple(self._incoming.get(node, ()))

    def supported(self, node: Node) -> tuple[Link, ...]:
        """The links out of ``node``: what it supports (resolved or not)."""
        return tuple(self._outgoing.get(node, ()))

    def figure(self, node: Node) -> NodeFigure | None:
        """The figures of ``node`` (None without evaluations, or when its set has none)."""
        return None if self._figures is None else self._figures.get(node)

    def weakest(self, node: Node) -> Node | None:
        """Of the indicators supporting ``node``, the one with the lowest capaian (the first in
        link order on a tie; the only one when one supporter has a capaian); None when no
        supporter has one."""
        found = [
            (figure.achievement, n, link.source)
            for n, link in enumerate(self.supporters(node))
            if (figure := self.figure(link.source)) is not None and figure.achievement is not None
        ]
        if not found:
            return None
        return min(found, key=lambda item: (item[0], item[1]))[2]

    def unlinked(self) -> tuple[Node, ...]:
        """The indicators not reached from any top indicator by links of support (orphans,
        indicators whose links name nothing, a circle of links beside the tree)."""
        reached: set[Node] = set()
        stack = list(self.roots())
        while stack:
            node = stack.pop()
            if node in reached:
                continue
            reached.add(node)
            stack += [link.source for link in self.supporters(node)]
        return tuple(node for node in self.nodes() if node not in reached)

    def to_records(self, lang: str = "id") -> list[dict[str, Any]]:
        """One dict per link (as :meth:`to_frame`'s rows), plain Python values."""
        rows = []
        for link in self.links:
            (from_set, from_code), (to_set, to_code) = link.source, link.target
            source, target = self.indicator(link.source), self.indicator(link.target)
            row: dict[str, Any] = {
                "from_set": from_set,
                "from_code": from_code,
                "from_name": source.label(lang) if source else None,
                "to_set": to_set,
                "to_code": to_code,
                "to_name": target.label(lang) if target else None,
                "resolved": link.resolved,
                "in_cycle": link.in_cycle,
            }
            if self.evaluated:
                low, high = self.figure(link.source), self.figure(link.target)
                row["period"] = self.period
                row["from_achievement"] = low.achievement if low else None
                row["from_category"] = low.category if low else None
                row["to_achievement"] = high.achievement if high else None
                row["to_category"] = high.category if high else None
                row["weakest"] = link.resolved and self.weakest(link.target) == link.source
            rows.append(row)
        return rows

    def to_frame(self, library: str = "pandas", lang: str = "id") -> Any:
        """One row per link: ``from_set``, ``from_code``, ``from_name``, ``to_set``, ``to_code``,
        ``to_name``, ``resolved``, ``in_cycle``; with evaluations also ``period``, the capaian
        and predikat of both ends (``from_achievement``, ``from_category``, ``to_achievement``,
        ``to_category``) and ``weakest`` (the link from the weakest supporter of its target).
        ``library`` is "pandas" or "polars"."""
        rows = self.to_records(lang)
        columns = list(rows[0]) if rows else _COLUMNS + (_FIGURE_COLUMNS if self.evaluated else [])
        if library == "polars":
            from iku.optional import require

            pl = require("polars", "polars")
            return pl.DataFrame(rows, schema=columns) if rows else pl.DataFrame(schema=columns)
        if library != "pandas":
            msg = f"library is 'pandas' or 'polars', not {library!r}"
            raise ArgumentError(msg)
        from iku.optional import require

        pd = require("pandas", "pandas")
        return pd.DataFrame(rows, columns=columns)

    def to_markdown(self, lang: str = "id") -> str:
        """The tree as Markdown: the issues, each top indicator with its supporters below it
        (capaian and predikat with evaluations; the weakest supporter marked), then every link
        in a table."""
        from iku.report.cascade import cascade_markdown

        return cascade_markdown(self, lang)

    def to_mermaid(self, lang: str = "id") -> str:
        """The tree as a Mermaid flowchart (GitHub and many documentation tools draw it): one box
        per indicator, grouped by set, an arrow from each supporter up to what it supports."""
        from iku.report.cascade import cascade_mermaid

        return cascade_mermaid(self, lang)

    def to_html(self, lang: str = "id") -> str:
        """The tree as one self-contained HTML page: the tree drawn as an inline SVG, the issues
        and the table of links; no scripts, nothing fetched."""
        from iku.report.cascade_svg import cascade_page

        return cascade_page(self, lang)

    def __repr__(self) -> str:
        errors = sum(1 for issue in self.issues if issue.severity == "error")
        warnings = len(self.issues) - errors
        return (
            f"<Cascade of {len(self.sets)} set(s): {len(self.links)} link(s), "
            f"{errors} error(s), {warnings} warning(s)>"
        )


_COLUMNS: Final = [
    "from_set",
    "from_code",
    "from_name",
    "to_set",
    "to_code",
    "to_name",
    "resolved",
    "in_cycle",
]
_FIGURE_COLUMNS: Final = [
    "period",
    "from_achievement",
    "from_category",
    "to_achievement",
    "to_category",
    "weakest",
]


def cascade(
    sets: SetLike | Iterable[SetLike],
    *,
    evaluations: Mapping[str, Evaluation] | None = None,
    period: Any = None,
    top: Iterable[str] | None = None,
) -> Cascade:
    """Check the tree of links between ``sets`` (IndicatorSets, set ids or paths of set files).

    ``evaluations`` maps set ids to an :class:`~iku.Evaluation` of that set with one figure per
    indicator and period (evaluate a table of units with ``by=[]``); each indicator then shows
    its capaian and predikat of ``period`` (default: the latest period every evaluation has).
    ``top`` names the top sets (default: the sets that link to no other set). See the module's
    documentation for the checks and what top means.
    """
    given = _sets(sets)
    index = {s.id: s for s in given}
    links = []
    for s in given:
        for ind in s:
            for text in ind.supports:
                target = resolve_link(text, s.id)
                found = target[0] in index and target[1] in index[target[0]]
                links.append(Link((s.id, ind.code), target, text, found))
    tops = _top(given, links, top)
    in_cycle, cycles = _cycles([(s.id, i.code) for s in given for i in s], links)
    links = [
        attrs.evolve(link, in_cycle=True) if n in in_cycle else link for n, link in enumerate(links)
    ]
    issues = [_unresolved(link, index) for link in links if not link.resolved]
    issues += [_cycle_issue(path) for path in cycles]
    outgoing = {link.source for link in links}
    incoming = {link.target for link in links if link.resolved}
    for s in given:
        for ind in s:
            node = (s.id, ind.code)
            if s.id in tops and node not in outgoing and node not in incoming:
                issues.append(_issue(IssueCode.UNSUPPORTED, None, node, None, target=_text(node)))
            elif s.id not in tops and node not in outgoing:
                issues.append(_issue(IssueCode.ORPHAN, None, node, None, source=_text(node)))
    figures, chosen = _figures(index, evaluations, period)
    return Cascade(given, links, issues, tops, figures, chosen)


def _sets(sets: object) -> list[IndicatorSet]:
    if isinstance(sets, IndicatorSet | str | os.PathLike):
        items: list[object] = [sets]
    elif isinstance(sets, Iterable):
        items = list(sets)
    else:
        msg = f"cascade takes sets (IndicatorSets, set ids or paths), not {type(sets).__name__}"
        raise ArgumentError(msg)
    made = [as_set(item) for item in items]
    seen: set[str] = set()
    for s in made:
        if s.id in seen:
            msg = f"the set {s.id!r} is given twice"
            raise ArgumentError(msg)
        seen.add(s.id)
    return made


def _top(
    sets: Sequence[IndicatorSet], links: Sequence[Link], top: Iterable[str] | None
) -> list[str]:
    ids = [s.id for s in sets]
    if top is not None:
        named = [top] if isinstance(top, str) else list(top)
        for set_id in named:
            if set_id not in ids:
                msg = (
                    f"top names the set {set_id!r}, which is not among the sets ({', '.join(ids)})"
                )
                raise ArgumentError(msg)
        return [set_id for set_id in ids if set_id in named]
    lower = {link.source[0] for link in links if link.target[0] != link.source[0]}
    return [set_id for set_id in ids if set_id not in lower]


def _text(node: Node) -> str:
    return join_link(*node)


def _issue(
    kind: IssueCode, variant: str | None, node: Node, other: str | None, **fields: Any
) -> Issue:
    key = f"issue.{kind}" + (f".{variant}" if variant else "")
    indonesian, english = both(key, **fields)
    return Issue(kind, kind.severity, indonesian, _text(node), other, message_en=english)


def _unresolved(link: Link, index: Mapping[str, IndicatorSet]) -> Issue:
    set_id, code = link.target
    fields = {"source": _text(link.source), "target": _text(link.target), "set": set_id}
    if set_id not in index:
        return _issue(IssueCode.UNRESOLVED_LINK, None, link.source, _text(link.target), **fields)
    close = difflib.get_close_matches(code, index[set_id].codes, n=1)
    variant = "hint" if close else "code"
    extra = {"match": close[0]} if close else {}
    return _issue(
        IssueCode.UNRESOLVED_LINK,
        variant,
        link.source,
        _text(link.target),
        code=code,
        **fields,
        **extra,
    )


def _cycle_issue(path: Sequence[Node]) -> Issue:
    shown = _ARROW.join(_text(node) for node in (*path, path[0]))
    return _issue(
        IssueCode.CYCLE,
        None,
        path[0],
        _text(path[1 % len(path)]),
        source=_text(path[0]),
        path=shown,
    )


def _cycles(nodes: Sequence[Node], links: Sequence[Link]) -> tuple[set[int], list[list[Node]]]:
    """The links that lie on a circle (by position) and one circle per strongly connected group
    of indicators (Tarjan's algorithm, without recursion: a tree may be deep), each starting at
    the group's first indicator in the order given."""
    order = {node: n for n, node in enumerate(nodes)}
    edges: dict[Node, list[Node]] = {}
    for link in links:
        if link.resolved:
            edges.setdefault(link.source, []).append(link.target)
    groups = _strongly_connected(nodes, edges)
    group_of = {node: g for g, members in enumerate(groups) for node in members}
    on_cycle: set[int] = set()
    for n, link in enumerate(links):
        if not link.resolved:
            continue
        same = group_of[link.source] == group_of[link.target]
        if same and (link.source == link.target or len(groups[group_of[link.source]]) > 1):
            on_cycle.add(n)
    circles = []
    for members in groups:
        start = min(members, key=order.__getitem__)
        if len(members) == 1 and start not in edges.get(start, ()):
            continue
        circles.append(_circle(start, set(members), edges))
    circles.sort(key=lambda path: order[path[0]])
    return on_cycle, circles


def _strongly_connected(
    nodes: Sequence[Node], edges: Mapping[Node, list[Node]]
) -> list[list[Node]]:
    index: dict[Node, int] = {}
    low: dict[Node, int] = {}
    stack: list[Node] = []
    on_stack: set[Node] = set()
    groups: list[list[Node]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[Node, Iterator[Node]]] = [(root, iter(edges.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, ()))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(group)
    return groups


def _circle(start: Node, members: set[Node], edges: Mapping[Node, list[Node]]) -> list[Node]:
    """A shortest circle of links from ``start`` back to it, inside its group (breadth first)."""
    previous: dict[Node, Node] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for child in edges.get(node, ()):
                if child not in members:
                    continue
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return path[::-1]
                if child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    return [start]  # unreachable for a group with a circle


def _figures(
    index: Mapping[str, IndicatorSet], evaluations: Mapping[str, Evaluation] | None, period: Any
) -> tuple[dict[Node, NodeFigure] | None, Any]:
    if evaluations is None:
        return None, None
    if not isinstance(cast(object, evaluations), Mapping):
        msg = f"evaluations maps set ids to evaluations, not {type(evaluations).__name__}"
        raise ArgumentError(msg)
    per_set: dict[str, dict[Any, dict[str, Result]]] = {}
    for set_id, ev in evaluations.items():
        if set_id not in index:
            msg = f"evaluations names the set {set_id!r}, which is not among the sets"
            raise ArgumentError(msg)
        subject = getattr(ev, "set", None)
        if not isinstance(subject, IndicatorSet) or subject.id != set_id:
            msg = f"evaluations[{set_id!r}] is not an evaluation of the set {set_id!r}"
            raise ArgumentError(msg)
        per_set[set_id] = _by_period(set_id, ev)
    chosen = _period(per_set, period)
    figures: dict[Node, NodeFigure] = {}
    for set_id, periods in per_set.items():
        for code, result in periods.get(_period_key(chosen), {}).items():
            figures[(set_id, code)] = NodeFigure(
                result.period, result.value, result.target, result.achievement, result.category
            )
    return figures, chosen


def _by_period(set_id: str, ev: Evaluation) -> dict[Any, dict[str, Result]]:
    found: dict[Any, dict[str, Result]] = {}
    for result in ev.results:
        keys = [k for k in dict(result.keys or {}) if k != "period"]
        codes = found.setdefault(_period_key(result.period), {})
        if keys or result.code in codes:
            msg = (
                f"the evaluation of {set_id} has several rows per period (units): the cascade "
                "needs one figure per indicator and period; evaluate the units summed, by=[]"
            )
            raise ArgumentError(msg)
        codes[result.code] = result
    return found


def _period_key(period: Any) -> Any:
    from iku.periods import as_period

    parsed = as_period(period)
    return str(parsed) if parsed is not None else period


def _period(per_set: Mapping[str, Mapping[Any, Any]], period: Any) -> Any:
    """``period``, or the latest period every evaluation has (a year as an int)."""
    from iku.periods import as_period

    if period is not None:
        return period
    common: set[Any] | None = None
    for periods in per_set.values():
        common = set(periods) if common is None else common & set(periods)
    if common is None:
        return None
    if not common:
        msg = "the evaluations share no period: name one with period="
        raise ArgumentError(msg)
    known = [(parsed, p) for p in common if (parsed := as_period(p)) is not None]
    if not known:
        return max(common, key=str)
    latest = max(known, key=lambda item: item[0])[0]
    return latest.year if latest.is_year else str(latest)
