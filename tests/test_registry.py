"""The registry finds the bundled set, takes sets at run time, refuses a taken id and suggests
close ids for an unknown one."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources

import attrs
import pytest

import iku
from iku import DefinitionError, IkuError, IndicatorSet, UnknownSetError, get_set, list_sets
from iku.registry import Registry, default_registry, register_set, unregister_set

MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.fixture
def contoh() -> Iterator[IndicatorSet]:
    """A copy of the Madiun set under another id, removed from the default registry after."""
    s = attrs.evolve(get_set(MADIUN), id="kota-contoh.dinsos.2025-2026")
    yield s
    if s.id in default_registry():
        unregister_set(s.id)


def test_the_built_in_set_is_listed_and_found() -> None:
    assert MADIUN in list_sets()
    assert get_set(MADIUN).id == MADIUN
    assert get_set(MADIUN) is get_set(MADIUN)  # read once, on first use


def test_list_sets_is_sorted() -> None:
    ids = list_sets()
    assert ids == sorted(ids)


def test_an_unknown_id_suggests_a_close_one_and_lists_the_known() -> None:
    with pytest.raises(UnknownSetError, match=r"did you mean 'kota-madiun\.dinsosppa\.2025-2026'"):
        get_set("kota-madiun.dinsospa.2025-2026")
    with pytest.raises(KeyError, match=r"Known sets: .*kota-madiun\.dinsosppa\.2025-2026"):
        get_set("nowhere")
    with pytest.raises(IkuError, match="unknown indicator set 3"):
        get_set(3)  # type: ignore[arg-type]


def test_registered_sets_are_found_and_can_be_removed(contoh: IndicatorSet) -> None:
    register_set(contoh)
    assert contoh.id in list_sets()
    assert get_set(contoh.id) is contoh
    assert default_registry().origin(contoh.id) == "registered"
    assert unregister_set(contoh.id) is contoh
    with pytest.raises(UnknownSetError, match="unknown indicator set"):
        get_set(contoh.id)


def test_an_id_already_taken_is_refused_unless_replacing(contoh: IndicatorSet) -> None:
    register_set(contoh)
    other = attrs.evolve(contoh, name="Lain")
    with pytest.raises(DefinitionError, match=r"already taken by registered; pass replace=True"):
        register_set(other)
    assert get_set(contoh.id) is contoh
    register_set(other, replace=True)
    assert get_set(contoh.id) is other


def test_the_bundled_set_cannot_be_silently_replaced() -> None:
    with pytest.raises(DefinitionError, match=r"already taken by bundled \(kota-madiun"):
        register_set(attrs.evolve(get_set(MADIUN), name="Palsu"))


def test_only_indicator_sets_are_registered() -> None:
    with pytest.raises(TypeError, match="takes an IndicatorSet, not str"):
        register_set(MADIUN)  # type: ignore[arg-type]


def test_a_registry_of_its_own_is_independent_of_the_default(contoh: IndicatorSet) -> None:
    own = Registry(bundled=False, plugins=False)
    assert own.ids() == []
    own.register(contoh)
    assert own.ids() == [contoh.id]
    assert contoh.id in own
    assert len(own) == 1
    assert list(own) == [contoh.id]
    assert contoh.id not in list_sets()
    with pytest.raises(UnknownSetError, match="No sets are known"):
        Registry(bundled=False, plugins=False).get(MADIUN)


def test_a_fresh_registry_reads_the_bundled_files_lazily() -> None:
    fresh = Registry(plugins=False)
    assert "not yet loaded" in repr(fresh)
    assert fresh.get(MADIUN) == get_set(MADIUN)
    assert fresh.origin(MADIUN) == f"bundled ({MADIUN}.toml)"
    bundled = resources.files("iku").joinpath("sets")
    count = sum(1 for entry in bundled.iterdir() if entry.name.endswith(".toml"))
    assert count >= 2  # the Madiun Dinsos PPPA set and the illustrative RPJMD it supports
    assert f"{count} sets" in repr(fresh)


def test_the_public_names_are_the_registrys() -> None:
    assert iku.get_set is get_set
    assert iku.register_set is register_set
