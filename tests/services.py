"""Finding the system services some tests need, and skipping cleanly when they are absent.

On a bare machine a missing service skips its tests with the reason. CI installs and starts the
services and sets ``IKU_REQUIRE_SERVICES=1``, which turns every such skip into a failure, so
nothing real is skipped there.
"""

from __future__ import annotations

import os
import shutil
from typing import Any

import pytest

REQUIRED = os.environ.get("IKU_REQUIRE_SERVICES", "") not in ("", "0", "false", "no")


def _missing(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"IKU_REQUIRE_SERVICES is set but {reason}", pytrace=False)
    pytest.skip(reason)


def require_postgres() -> str:
    """The DSN of a test PostgreSQL server, from ``IKU_TEST_POSTGRES_DSN``."""
    dsn = os.environ.get("IKU_TEST_POSTGRES_DSN", "")
    if not dsn:
        _missing("no PostgreSQL server: set IKU_TEST_POSTGRES_DSN (.ci/services/postgres.sh)")
    return dsn


def require_chromium() -> str:
    """The path of a headless-capable Chromium."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    _missing("no Chromium on PATH (apt-get install chromium)")
    raise AssertionError  # unreachable: _missing skips or fails


def require_java() -> str:
    """The path of a Java runtime, as PySpark needs one."""
    path = shutil.which("java") or (
        os.path.join(os.environ["JAVA_HOME"], "bin", "java") if "JAVA_HOME" in os.environ else ""
    )
    if not path or not os.path.exists(path):
        _missing("no Java runtime (Spark needs Java 17)")
    return path


def spark_session() -> Any:
    """A small local Spark session for tests (one core, one shuffle partition, no UI, UTC)."""
    require_java()
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[1]")
        .appName("iku-tests")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.default.parallelism", "1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session
