"""Shared fixtures, hypothesis profiles, and the quick run a newcomer gets by default.

``python -m pytest`` runs the quick suite: tests marked ``slow`` (long property runs) and those
needing a service (``postgres``, ``spark``, ``browser``, ``notebook``) are skipped with the
reason, and hypothesis tries fewer examples. The full suite runs when ``IKU_FULL=1`` is set,
or ``IKU_REQUIRE_SERVICES=1`` (as ``.ci/run`` sets both), or pytest is given ``--full``, or a
``-m`` expression names what to run (``-m slow``, ``-m postgres``, ``-m ""`` for everything).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

FULL_MARKERS = ("slow", "postgres", "spark", "browser", "notebook")
"""Markers of the tests that only the full run runs."""


def _on(name: str) -> bool:
    return os.environ.get(name, "") not in ("", "0", "false", "no")


settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "quick", deadline=None, max_examples=25, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    deadline=None,
    max_examples=200,
    suppress_health_check=[HealthCheck.too_slow],
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--full",
        action="store_true",
        default=False,
        help="run the slow and service tests too (as IKU_FULL=1 does)",
    )


def full_run(config: pytest.Config) -> bool:
    """Whether this run is the full suite (see the module's docstring)."""
    marks_named = bool(config.getoption("markexpr", "")) or any(
        arg.startswith("-m") for arg in config.invocation_params.args
    )
    return (
        bool(config.getoption("--full"))
        or _on("IKU_FULL")
        or _on("IKU_REQUIRE_SERVICES")
        or marks_named
    )


_FULL = pytest.StashKey[bool]()


def pytest_configure(config: pytest.Config) -> None:
    full = full_run(config)
    config.stash[_FULL] = full
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default" if full else "quick"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.stash[_FULL]:
        return
    skip = pytest.mark.skip(reason="quick run: IKU_FULL=1 or --full runs the slow/service tests")
    for item in items:
        if any(item.get_closest_marker(name) for name in FULL_MARKERS):
            item.add_marker(skip)
