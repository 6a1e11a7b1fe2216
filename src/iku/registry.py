"""Where indicator sets come from: the bundled files, run-time registration and plugins.

A :class:`Registry` only collects sets and looks them up; the sets never refer to it. It finds:

- the set files bundled in the package (``iku/sets/*.toml``), read by :func:`iku.load_set`;
- sets given to :meth:`Registry.register`;
- installed packages declaring an entry point in the group ``iku.sets``, which resolves to an
  :class:`~iku.IndicatorSet`, to the path of a set file, or to a callable taking no argument
  and returning either.

Bundled files and plugins are read on first use. A plugin that fails in any way (an exception,
even ``sys.exit()``; only ``KeyboardInterrupt`` goes through) is reported by a
:class:`PluginWarning` naming it and its distribution; it never hides the other sets, and never
replaces a set whose id is taken (a bundled set is replaced only by
``register_set(s, replace=True)``).

>>> "kota-madiun.dinsosppa.2025-2026" in list_sets()
True
>>> get_set("kota-madiun.dinsosppa.2025-2026").organization
'Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak Kota Madiun'
>>> get_set("kota-madiun.dinsos.2025-2026")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
iku.errors.UnknownSetError: unknown indicator set 'kota-madiun.dinsos.2025-2026'; did you mean ...
"""

from __future__ import annotations

import difflib
import functools
import os
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from typing import TYPE_CHECKING, Final, cast

from iku.errors import ArgumentError, DefinitionError, UnknownSetError

if TYPE_CHECKING:
    from importlib import metadata
    from importlib.resources.abc import Traversable
from iku.files import load_set, set_from_text
from iku.model import IndicatorSet

__all__ = [
    "ENTRY_POINT_GROUP",
    "PluginWarning",
    "Registry",
    "default_registry",
    "get_set",
    "list_sets",
    "register_set",
    "unregister_set",
]

ENTRY_POINT_GROUP: Final = "iku.sets"
"""The entry-point group in which installed packages declare their sets."""

BUNDLED: Final = "bundled"
REGISTERED: Final = "registered"


class PluginWarning(UserWarning):
    """A plugin's set could not be loaded, or its id was already taken; it was skipped."""


def _read_bundled(entry: Traversable) -> IndicatorSet:
    return set_from_text(entry.read_text("utf-8"), name=f"iku/sets/{entry.name}")


def _bundled() -> list[tuple[str, Callable[[], IndicatorSet]]]:
    """The set files shipped in ``iku/sets``, each with a function that reads it."""
    found: list[tuple[str, Callable[[], IndicatorSet]]] = []
    for entry in sorted(resources.files("iku").joinpath("sets").iterdir(), key=lambda e: e.name):
        if entry.is_file() and entry.name.endswith(".toml"):
            found.append((entry.name, functools.partial(_read_bundled, entry)))
    return found


class _Found:
    """The sets found while discovering: the bundled files first, then each plugin, which never
    takes an id already taken (a bundled set is replaced only by ``register_set(...,
    replace=True)``)."""

    def __init__(self, sets: dict[str, IndicatorSet], origins: dict[str, str]) -> None:
        self.sets, self.origins = sets, origins

    def add(self, s: IndicatorSet, origin: str) -> None:
        self.sets[s.id] = s
        self.origins[s.id] = origin

    def add_plugin(self, entry_point: metadata.EntryPoint) -> None:
        dist = entry_point.dist
        who = f"{dist.name} {dist.version}" if dist is not None else "an unknown distribution"
        name = f"plugin {entry_point.name!r} ({entry_point.value}) from {who}"
        try:
            s = _resolve(entry_point.load())
        except KeyboardInterrupt:
            raise
        except BaseException as error:  # a plugin may fail in any way, even by sys.exit():
            # it must not stop the host nor hide the other sets
            reason = f"{type(error).__name__}: {error}"
            warnings.warn(f"iku: {name} is skipped: {reason}", PluginWarning, stacklevel=5)
            return
        if s.id in self.sets:
            taken = self.origins[s.id]
            msg = f"iku: {name} is skipped: set id {s.id!r} is already taken by {taken}"
            warnings.warn(msg, PluginWarning, stacklevel=5)
            return
        self.add(s, name)


class Registry:
    """A collection of indicator sets by id, filled lazily from bundled files and plugins.

    ``bundled`` and ``plugins`` say whether to look at the package's own set files and at the
    installed entry points; a registry with both off holds only what is registered into it.
    """

    def __init__(self, *, bundled: bool = True, plugins: bool = True) -> None:
        self._want_bundled = bundled
        self._want_plugins = plugins
        self._sets: dict[str, IndicatorSet] = {}
        self._origins: dict[str, str] = {}
        self._discovered = False
        self._lock = threading.RLock()

    def __repr__(self) -> str:
        state = f"{len(self._sets)} sets" if self._discovered else "not yet loaded"
        return f"<Registry: {state}>"

    def _discover(self) -> None:
        with self._lock:
            if self._discovered:
                return
            # filled aside and kept only once complete: a KeyboardInterrupt in a plugin leaves
            # the registry as it was, to be discovered again
            found = _Found(dict(self._sets), dict(self._origins))
            if self._want_bundled:
                for name, read in _bundled():
                    found.add(read(), f"{BUNDLED} ({name})")
            if self._want_plugins:
                from importlib import metadata  # costly to import; only needed here

                for entry_point in metadata.entry_points(group=ENTRY_POINT_GROUP):
                    found.add_plugin(entry_point)
            self._sets, self._origins = found.sets, found.origins
            self._discovered = True

    def _add(self, s: IndicatorSet, origin: str) -> None:
        self._sets[s.id] = s
        self._origins[s.id] = origin

    def ids(self) -> list[str]:
        """Every set id, sorted."""
        self._discover()
        return sorted(self._sets)

    def get(self, set_id: str) -> IndicatorSet:
        """The set ``set_id``; :class:`~iku.UnknownSetError` names the known ones if absent."""
        self._discover()
        try:
            return self._sets[set_id]
        except (KeyError, TypeError):
            raise UnknownSetError(_unknown(set_id, self._sets)) from None

    def origin(self, set_id: str) -> str:
        """Where the set came from: a bundled file, registration, or a plugin and its package."""
        self.get(set_id)
        return self._origins[set_id]

    def register(self, s: IndicatorSet, *, replace: bool = False) -> None:
        """Add ``s``; an id already taken is refused unless ``replace`` is true."""
        if not isinstance(cast(object, s), IndicatorSet):
            msg = f"register_set takes an IndicatorSet, not {type(s).__name__}"
            raise ArgumentError(msg)
        self._discover()
        with self._lock:
            if s.id in self._sets and not replace:
                msg = (
                    f"set id {s.id!r} is already taken by {self._origins[s.id]}; "
                    "pass replace=True to replace it"
                )
                raise DefinitionError(msg)
            self._add(s, REGISTERED)

    def unregister(self, set_id: str) -> IndicatorSet:
        """Remove the set ``set_id`` and return it."""
        s = self.get(set_id)
        with self._lock:
            del self._sets[set_id]
            del self._origins[set_id]
        return s

    def __contains__(self, set_id: object) -> bool:
        self._discover()
        return set_id in self._sets

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids())

    def __len__(self) -> int:
        self._discover()
        return len(self._sets)


def _resolve(value: object, *, called: bool = False) -> IndicatorSet:
    """A plugin's set from what its entry point gave."""
    if isinstance(value, IndicatorSet):
        return value
    if isinstance(value, str | os.PathLike):
        return load_set(os.fspath(value))
    if callable(value) and not called:
        return _resolve(value(), called=True)
    msg = (
        "an iku.sets entry point must give an IndicatorSet, the path of a set file, "
        f"or a function returning one; this one gave {type(value).__name__}"
    )
    raise DefinitionError(msg)


def _unknown(set_id: object, known: Iterable[str]) -> str:
    ids = sorted(known)
    msg = f"unknown indicator set {set_id!r}"
    close = difflib.get_close_matches(set_id, ids, n=3) if isinstance(set_id, str) else []
    if close:
        msg += "; did you mean " + " or ".join(repr(c) for c in close) + "?"
    msg += f" Known sets: {', '.join(ids)}." if ids else " No sets are known."
    return msg


_DEFAULT: Final = Registry()


def default_registry() -> Registry:
    """The registry behind :func:`list_sets`, :func:`get_set` and :func:`register_set`."""
    return _DEFAULT


def list_sets() -> list[str]:
    """The ids of every set available: bundled, registered and from plugins, sorted."""
    return _DEFAULT.ids()


def get_set(set_id: str) -> IndicatorSet:
    """The indicator set ``set_id``, such as ``"kota-madiun.dinsosppa.2025-2026"``."""
    return _DEFAULT.get(set_id)


def register_set(s: IndicatorSet, *, replace: bool = False) -> None:
    """Make ``s`` available to :func:`get_set`; an id already taken is refused unless
    ``replace`` is true."""
    _DEFAULT.register(s, replace=replace)


def unregister_set(set_id: str) -> IndicatorSet:
    """Remove a set from the default registry and return it."""
    return _DEFAULT.unregister(set_id)
