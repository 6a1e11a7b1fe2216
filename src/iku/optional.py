"""Optional dependencies, imported when a function first needs them.

``import iku`` needs only attrs, sympy and numpy. A function that needs more (pandas for a frame,
openpyxl for a workbook, matplotlib for a plot) imports it with :func:`require`, which turns an
absent package into a :class:`~iku.errors.MissingDependencyError` naming the extra to install.

>>> require("math", "plot").floor(2.5)
2
>>> require("iku_has_no_such_module", "plot")
Traceback (most recent call last):
...
iku.errors.MissingDependencyError: iku_has_no_such_module is not installed: pip install 'iku[plot]'
"""

from __future__ import annotations

import importlib
from types import ModuleType

from iku.errors import MissingDependencyError

__all__ = ["require"]


def require(module: str, extra: str) -> ModuleType:
    """The module ``module``, imported; if it is not installed, a MissingDependencyError that
    says to install iku's extra ``extra`` (``pip install 'iku[extra]'``)."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        package = module.partition(".")[0]
        missing = MissingDependencyError.from_key("optional.missing", package=package, extra=extra)
        missing.package, missing.extra = package, extra
        raise missing from error
