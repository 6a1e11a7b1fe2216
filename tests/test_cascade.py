"""iku.cascade: the links between sets checked (unresolved, cycles, unsupported, orphans), each
issue naming both ends; which sets are top; the figures of evaluations and the weakest
supporter; random link graphs: every circle found, no false one."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import iku
from iku import ArgumentError, IndicatorSet, IssueCode, Ratio, Sasaran, Variable, cascade
from iku.cascading import Cascade, as_set

RPJMD = "kota-madiun.rpjmd.2025-2029"
MADIUN = "kota-madiun.dinsosppa.2025-2026"
A, B = Variable("a", "A"), Variable("b", "B")


def make_set(set_id: str, links: dict[str, Sequence[str]]) -> IndicatorSet:
    """A set whose indicators are the keys of ``links``, each supporting its links."""
    indicators = [
        Ratio(code, f"Indikator {code}", A, B, supports=list(to)) for code, to in links.items()
    ]
    return IndicatorSet(
        set_id, f"Set {set_id}", f"Dinas {set_id}", 2025, [Sasaran("S-1", "s", indicators)], [A, B]
    )


def codes(c: Cascade) -> list[str]:
    return [str(issue.code) for issue in c.issues]


def test_the_bundled_tree_has_seven_links_and_one_unsupported_pemda_indicator() -> None:
    c = cascade([RPJMD, MADIUN])
    assert len(c.links) == 7
    assert all(link.resolved for link in c.links)
    assert c.top == (RPJMD,)
    assert codes(c) == ["unsupported"]
    issue = c.issues[0]
    assert issue.indicator == f"{RPJMD}:IKD-5"
    assert issue.severity == "warning"
    assert (
        issue.message == f"{RPJMD}:IKD-5 (indikator teratas) tidak didukung oleh indikator mana pun"
    )
    assert c.ok


def test_sets_may_be_given_as_ids_paths_or_sets(tmp_path: Path) -> None:
    path = tmp_path / "rpjmd.toml"
    iku.dump_set(iku.get_set(RPJMD), path)
    by_path = cascade([path, MADIUN])
    by_text = cascade([str(path), iku.get_set(MADIUN)])
    assert by_path.to_records() == by_text.to_records() == cascade([RPJMD, MADIUN]).to_records()
    assert as_set(MADIUN) is iku.get_set(MADIUN)


def test_one_set_alone_is_a_set_not_an_iterable_of_indicators() -> None:
    alone = cascade(RPJMD)
    assert alone.top == (RPJMD,)
    assert codes(alone) == ["unsupported"] * 5  # nothing supports the RPJMD's indicators
    assert codes(cascade(iku.get_set(RPJMD))) == codes(alone)


def test_a_set_given_twice_or_a_wrong_argument_is_refused() -> None:
    twice = r"the set 'kota-madiun\.rpjmd\.2025-2029' is given twice"
    with pytest.raises(ArgumentError, match=twice):
        cascade([RPJMD, RPJMD])
    with pytest.raises(ArgumentError, match="cascade takes sets"):
        cascade(7)  # type: ignore[arg-type]
    with pytest.raises(ArgumentError, match="a set is an IndicatorSet, a set id or the path"):
        cascade([RPJMD, 3])  # type: ignore[list-item]


def test_a_link_to_a_set_not_given_names_both_ends() -> None:
    c = cascade([MADIUN])  # the RPJMD it supports is not given
    assert codes(c) == ["unresolved_link"] * 7
    first = c.issues[0]
    assert first.indicator == f"{MADIUN}:IKU-1"
    assert first.variable == f"{RPJMD}:IKD-1"
    assert first.message_en == (
        f"{MADIUN}:IKU-1 supports {RPJMD}:IKD-1, but the set {RPJMD} is not among the sets checked"
    )
    assert first.severity == "error"
    assert not c.ok
    assert c.top == ()  # the set links to another: it is lower, and no top is given


def test_a_link_to_a_code_the_set_lacks_suggests_the_closest() -> None:
    top = make_set("kota-x.rpjmd.2025", {"IKD-1": []})
    low = make_set(
        "kota-x.dinas.2025",
        {"IKU-1": ["kota-x.rpjmd.2025:IKD-l"], "IKU-2": ["kota-x.rpjmd.2025:ZZZ"]},
    )
    c = cascade([top, low])
    unresolved = [issue for issue in c.issues if issue.code is IssueCode.UNRESOLVED_LINK]
    assert [issue.message_en for issue in unresolved] == [
        "kota-x.dinas.2025:IKU-1 supports kota-x.rpjmd.2025:IKD-l, but the set kota-x.rpjmd.2025 "
        "has no indicator IKD-l (did you mean IKD-1?)",
        "kota-x.dinas.2025:IKU-2 supports kota-x.rpjmd.2025:ZZZ, but the set kota-x.rpjmd.2025 "
        "has no indicator ZZZ",
    ]
    assert "unsupported" in codes(c)  # IKD-1: both links miss it


def test_orphans_are_lower_indicators_supporting_nothing() -> None:
    top = make_set("kota-x.rpjmd.2025", {"IKD-1": []})
    low = make_set("kota-x.dinas.2025", {"IKU-1": ["kota-x.rpjmd.2025:IKD-1"], "IKU-2": []})
    c = cascade([top, low])
    assert codes(c) == ["orphan"]
    assert c.issues[0].indicator == "kota-x.dinas.2025:IKU-2"
    assert (
        c.issues[0].message
        == "kota-x.dinas.2025:IKU-2 tidak mendukung indikator mana pun di atasnya"
    )
    assert c.unlinked() == (("kota-x.dinas.2025", "IKU-2"),)


def test_a_top_set_may_link_inside_itself_and_only_its_highest_indicators_are_top() -> None:
    top = make_set("kota-x.rpjmd.2025", {"T-1": [], "S-1": [":T-1"], "S-2": [":T-1"]})
    low = make_set("kota-x.dinas.2025", {"IKU-1": ["kota-x.rpjmd.2025:S-1"]})
    c = cascade([top, low])
    assert c.top == ("kota-x.rpjmd.2025",)
    assert c.roots() == (("kota-x.rpjmd.2025", "T-1"),)
    assert codes(c) == []  # S-2 supports T-1; a middle indicator need not be supported


def test_top_names_the_top_sets_when_asked() -> None:
    top = make_set("kota-x.rpjmd.2025", {"IKD-1": []})
    mid = make_set("kota-x.renstra.2025", {"R-1": ["kota-x.rpjmd.2025:IKD-1"]})
    low = make_set("kota-x.program.2025", {"P-1": ["kota-x.renstra.2025:R-1"], "P-2": []})
    assert cascade([top, mid, low]).top == ("kota-x.rpjmd.2025",)
    assert codes(cascade([top, mid, low])) == ["orphan"]
    alone = cascade([mid, low], top=["kota-x.renstra.2025"])  # the RPJMD left out on purpose
    assert alone.top == ("kota-x.renstra.2025",)
    assert codes(alone) == ["unresolved_link", "orphan"]  # the Renstra's link names nothing given
    with pytest.raises(ArgumentError, match=r"top names the set 'kota-x\.nothing\.2025'"):
        cascade([top], top=["kota-x.nothing.2025"])


def test_a_circle_of_links_is_one_issue_naming_its_path() -> None:
    x = make_set("kota-x.a.2025", {"A-1": ["kota-x.b.2025:B-1"]})
    y = make_set("kota-x.b.2025", {"B-1": ["kota-x.a.2025:A-1"]})
    c = cascade([x, y])
    cycles = [issue for issue in c.issues if issue.code is IssueCode.CYCLE]
    assert len(cycles) == 1
    assert cycles[0].message_en == (
        "the links of support go round back to kota-x.a.2025:A-1: "
        "kota-x.a.2025:A-1 → kota-x.b.2025:B-1 → kota-x.a.2025:A-1"
    )
    assert all(link.in_cycle for link in c.links)
    assert not c.ok


def test_an_indicator_supporting_itself_is_a_circle() -> None:
    c = cascade([make_set("kota-x.a.2025", {"A-1": [":A-1"]})])
    assert codes(c) == ["cycle"]
    assert "kota-x.a.2025:A-1 → kota-x.a.2025:A-1" in c.issues[0].message


def evaluated(set_id: str, achievements: dict[str, float], period: int = 2025) -> iku.Evaluation:
    """An evaluation of ``make_set``'s set whose capaian are ``achievements`` (targets 100)."""
    s = make_set(set_id, {code: [] for code in achievements})
    data = {"a": [80.0], "b": [100.0], "period": [period]}
    targets = {code: 80 / value * 100 for code, value in achievements.items()}
    return iku.evaluate(s, data, targets=targets)


def linked(set_id: str, links: dict[str, Sequence[str]]) -> IndicatorSet:
    return make_set(set_id, links)


def test_figures_and_the_weakest_supporter_show_which_opd_holds_a_pemda_indicator_back() -> None:
    top = linked("kota-x.rpjmd.2025", {"IKD-1": []})
    one = linked("kota-x.dinas.2025", {"IKU-1": ["kota-x.rpjmd.2025:IKD-1"]})
    two = linked("kota-x.badan.2025", {"IKU-1": ["kota-x.rpjmd.2025:IKD-1"]})
    evaluations = {
        "kota-x.rpjmd.2025": iku.evaluate(
            top, {"a": 80, "b": 100, "period": 2025}, targets={"IKD-1": 80}
        ),
        "kota-x.dinas.2025": iku.evaluate(
            one, {"a": 60, "b": 100, "period": 2025}, targets={"IKU-1": 80}
        ),
        "kota-x.badan.2025": iku.evaluate(
            two, {"a": 90, "b": 100, "period": 2025}, targets={"IKU-1": 80}
        ),
    }
    c = cascade([top, one, two], evaluations=evaluations)
    assert c.period == 2025
    assert c.figure(("kota-x.dinas.2025", "IKU-1")).achievement == 75.0
    assert c.weakest(("kota-x.rpjmd.2025", "IKD-1")) == ("kota-x.dinas.2025", "IKU-1")
    frame = c.to_frame()
    assert list(frame.columns) == [
        "from_set", "from_code", "from_name", "to_set", "to_code", "to_name", "resolved",
        "in_cycle", "period", "from_achievement", "from_category", "to_achievement",
        "to_category", "weakest",
    ]  # fmt: skip
    assert frame["weakest"].tolist() == [True, False]
    assert frame["from_category"].tolist() == ["Sedang", "Sangat Tinggi"]
    assert frame["to_achievement"].tolist() == [100.0, 100.0]


def test_the_bundled_examples_evaluated_mark_a_weakest_supporter_per_pemda_indicator() -> None:
    from iku.examples import example_files
    from iku.pemda import evaluate_source

    evaluations = {}
    for set_id in (RPJMD, MADIUN):
        example = example_files(set_id)
        evaluations[set_id] = evaluate_source(
            iku.get_set(set_id), example.data, targets=example.targets
        )
    c = cascade([RPJMD, MADIUN], evaluations=evaluations)
    assert c.period == 2026  # the latest both have
    assert c.weakest((RPJMD, "IKD-1")) == (MADIUN, "IKU-3")
    assert c.weakest((RPJMD, "IKD-5")) is None  # nothing supports it
    early = cascade([RPJMD, MADIUN], evaluations=evaluations, period=2025)
    assert early.figure((MADIUN, "IKU-3")).achievement == pytest.approx(90.2439, abs=1e-4)


def test_evaluations_must_be_of_the_sets_and_of_one_figure_per_period() -> None:
    s = iku.get_set(MADIUN)
    by_unit = iku.evaluate(
        s["IKU-2"],
        {"psks_diberdayakan": [1, 2], "psks": [3, 4], "kecamatan": ["x", "y"]},
        by="kecamatan",
    )
    with pytest.raises(ArgumentError, match="is not an evaluation of the set"):
        cascade([MADIUN], evaluations={MADIUN: by_unit})
    units = iku.evaluate(s, {"psks": [3, 4], "kecamatan": ["x", "y"]}, by="kecamatan")
    with pytest.raises(ArgumentError, match=r"several rows per period .* by=\[\]"):
        cascade([MADIUN], evaluations={MADIUN: units})
    with pytest.raises(ArgumentError, match=r"names the set 'kota-x\.a\.2025'"):
        cascade([MADIUN], evaluations={"kota-x.a.2025": units})


def test_evaluations_without_a_common_period_need_one_named() -> None:
    one = evaluated("kota-x.a.2025", {"IKU-1": 100.0}, period=2025)
    two = evaluated("kota-x.b.2025", {"IKU-1": 100.0}, period=2026)
    sets = [one.set, two.set]
    with pytest.raises(ArgumentError, match="share no period: name one with period="):
        cascade(sets, evaluations={"kota-x.a.2025": one, "kota-x.b.2025": two})
    named = cascade(sets, evaluations={"kota-x.a.2025": one, "kota-x.b.2025": two}, period=2026)
    assert named.figure(("kota-x.a.2025", "IKU-1")) is None
    assert named.figure(("kota-x.b.2025", "IKU-1")) is not None


def test_to_frame_is_pandas_or_polars_and_has_its_columns_even_when_empty() -> None:
    c = cascade([RPJMD, MADIUN])
    assert isinstance(c.to_frame(), pd.DataFrame)
    frame = c.to_frame("polars")
    assert isinstance(frame, pl.DataFrame)
    assert frame.height == 7
    assert frame["to_code"].to_list()[0] == "IKD-1"
    empty = cascade(RPJMD).to_frame()
    assert list(empty.columns)[:3] == ["from_set", "from_code", "from_name"]
    assert len(empty) == 0
    with pytest.raises(ArgumentError, match="library is 'pandas' or 'polars'"):
        c.to_frame("arrow")


# --- random link graphs ----------------------------------------------------------------------


@st.composite
def graphs(
    draw: st.DrawFn,
) -> tuple[list[IndicatorSet], dict[tuple[str, str], list[tuple[str, str]]]]:
    """A few sets of a few indicators each, with random links between them (some to nothing),
    and the links as a plain graph of the resolved ones."""
    n_sets = draw(st.integers(1, 4))
    ids = [f"kota-x.s{k}.2025" for k in range(n_sets)]
    sizes = [draw(st.integers(1, 4)) for _ in ids]
    nodes = [
        (set_id, f"I-{n}") for set_id, size in zip(ids, sizes, strict=True) for n in range(size)
    ]
    missing = [("kota-x.s9.2025", "I-0"), (ids[0], "I-99")]
    edges: dict[tuple[str, str], list[tuple[str, str]]] = {node: [] for node in nodes}
    written: dict[tuple[str, str], list[str]] = {node: [] for node in nodes}
    for node in nodes:
        targets = draw(st.lists(st.sampled_from(nodes + missing), max_size=3, unique=True))
        for target in targets:
            same = target[0] == node[0] and draw(st.booleans())
            written[node].append(f":{target[1]}" if same else f"{target[0]}:{target[1]}")
            if target in edges:
                edges[node].append(target)
    sets = [
        make_set(set_id, {code: written[(set_id, code)] for (s, code) in nodes if s == set_id})
        for set_id in ids
    ]
    return sets, edges


def on_a_cycle(edges: dict[tuple[str, str], list[tuple[str, str]]]) -> set[tuple[str, str]]:
    """The nodes that reach themselves, by brute force."""
    found = set()
    for start in edges:
        seen, stack = set(), list(edges[start])
        while stack:
            node = stack.pop()
            if node == start:
                found.add(start)
                break
            if node not in seen:
                seen.add(node)
                stack += edges[node]
    return found


@given(graphs())
def test_every_circle_is_found_and_no_false_one(graph: tuple[list[IndicatorSet], dict]) -> None:
    sets, edges = graph
    c = cascade(sets)
    cyclic = on_a_cycle(edges)
    flagged = {link.source for link in c.links if link.in_cycle}
    assert flagged == cyclic  # every link on a circle starts at a node on one, and vice versa
    cycles = [issue for issue in c.issues if issue.code is IssueCode.CYCLE]
    named: set[tuple[str, str]] = set()
    for issue in cycles:
        path = [
            tuple(part.split(":", 1)) for part in issue.message_en.split(": ", 1)[1].split(" → ")
        ]
        assert path[0] == path[-1]
        for here, there in itertools.pairwise(path):
            assert there in edges[here]  # every step of a circle shown is a real link
        named |= set(path)
    assert named <= cyclic
    # one issue per group of indicators that reach each other
    groups = {
        frozenset(n for n in cyclic if n in reach(edges, m) and m in reach(edges, n))
        for m in cyclic
    }
    assert len(cycles) == len(groups)


def reach(
    edges: dict[tuple[str, str], list[tuple[str, str]]], start: tuple[str, str]
) -> set[tuple[str, str]]:
    seen, stack = {start}, [start]
    while stack:
        for child in edges[stack.pop()]:
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


@given(graphs())
def test_every_unresolved_link_and_nothing_else_is_unresolved(
    graph: tuple[list[IndicatorSet], dict],
) -> None:
    sets, edges = graph
    c = cascade(sets)
    resolved = sum(len(targets) for targets in edges.values())
    written = sum(len(ind.supports) for s in sets for ind in s)
    assert sum(link.resolved for link in c.links) == resolved
    assert codes(c).count("unresolved_link") == written - resolved
    for issue in c.issues:
        assert issue.indicator is not None
        assert issue.message
        assert issue.message_en
    # the top sets are those that link to no other set
    lower = {
        s.id
        for s in sets
        for ind in s
        for link in ind.supports
        if link.split(":")[0] not in ("", s.id)
    }
    assert set(c.top) == {s.id for s in sets} - lower
