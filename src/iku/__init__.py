"""iku: key performance indicators (Indikator Kinerja Utama) of Indonesian government agencies.

An agency's indicator set is data: defined once, checked, evaluated on data against targets and
reported the same way every time.

>>> import iku
>>> s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
>>> ev = iku.evaluate(s["IKU-2"], {"psks_diberdayakan": 45, "psks": 50}, targets={"IKU-2": 80})
>>> ev["IKU-2"].value, ev["IKU-2"].category
(90.0, 'Sangat Tinggi')
"""

from typing import TYPE_CHECKING, Any

from iku.errors import (
    ArgumentError,
    ColumnNotFoundError,
    DefinitionError,
    FormulaError,
    IkuError,
    InputError,
    MissingDependencyError,
    PeriodError,
    ResultNotFoundError,
    SqlError,
    SqlFormulaError,
    UnknownCodeError,
    UnknownSetError,
    UsageError,
    ValidationError,
)
from iku.evaluation import Evaluation, Result, evaluate
from iku.formula import parse_formula
from iku.model import (
    Accumulation,
    Aggregation,
    Index,
    Indicator,
    IndicatorSet,
    Polarity,
    Ratio,
    Sasaran,
    Source,
    Variable,
    VariableKind,
)
from iku.scales import (
    IPP_GRADES,
    PREDIKAT,
    PREDIKAT_BERHASIL,
    PREDIKAT_MALUKU_TENGAH_2021,
    PREDIKAT_SAMPANG_2019,
    Band,
    Rules,
    Scale,
    TargetRange,
    achievement,
)
from iku.validation import Issue, IssueCode, Severity

if TYPE_CHECKING:
    from iku.budget import EFISIENSI, EFISIENSI_RASIO
    from iku.cascading import Cascade, cascade
    from iku.files import dump_set, load_set, loads_set
    from iku.monitoring import Monitoring, monitor
    from iku.pemda import Pemda, evaluate_all, evaluate_folder
    from iku.periods import Period, parse_period
    from iku.registry import get_set, list_sets, register_set
    from iku.sasaran import SasaranResult
    from iku.sql import evaluate_sql, to_sql
    from iku.sqlmany import to_sql_all

# Names whose modules are imported on first use (PEP 562), to keep ``import iku`` light: the
# set-file reader, the registry and the SQL builder are not needed to evaluate a formula.
_LAZY = {
    "to_sql_all": "iku.sqlmany",
    "evaluate_all": "iku.pemda",
    "evaluate_folder": "iku.pemda",
    "Pemda": "iku.pemda",
    "EFISIENSI": "iku.budget",
    "EFISIENSI_RASIO": "iku.budget",
    "cascade": "iku.cascading",
    "Cascade": "iku.cascading",
    "dump_set": "iku.files",
    "load_set": "iku.files",
    "loads_set": "iku.files",
    "get_set": "iku.registry",
    "list_sets": "iku.registry",
    "register_set": "iku.registry",
    "SasaranResult": "iku.sasaran",
    "evaluate_sql": "iku.sql",
    "monitor": "iku.monitoring",
    "Monitoring": "iku.monitoring",
    "Period": "iku.periods",
    "parse_period": "iku.periods",
    "to_sql": "iku.sql",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    # __version__ is read from the installed metadata on first use: importlib.metadata costs as
    # much to import as the rest of iku's own modules together.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("iku")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            return "0.0.0+unknown"
    msg = f"module 'iku' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    """Every public name, the lazily loaded ones too, so that tab completion sees them."""
    return sorted({*globals(), *__all__})


__all__ = [
    "EFISIENSI",
    "EFISIENSI_RASIO",
    "IPP_GRADES",
    "PREDIKAT",
    "PREDIKAT_BERHASIL",
    "PREDIKAT_MALUKU_TENGAH_2021",
    "PREDIKAT_SAMPANG_2019",
    "Accumulation",
    "Aggregation",
    "ArgumentError",
    "Band",
    "Cascade",
    "ColumnNotFoundError",
    "DefinitionError",
    "Evaluation",
    "FormulaError",
    "IkuError",
    "Index",
    "Indicator",
    "IndicatorSet",
    "InputError",
    "Issue",
    "IssueCode",
    "MissingDependencyError",
    "Monitoring",
    "Pemda",
    "Period",
    "PeriodError",
    "Polarity",
    "Ratio",
    "Result",
    "ResultNotFoundError",
    "Rules",
    "Sasaran",
    "SasaranResult",
    "Scale",
    "Severity",
    "Source",
    "SqlError",
    "SqlFormulaError",
    "TargetRange",
    "UnknownCodeError",
    "UnknownSetError",
    "UsageError",
    "ValidationError",
    "Variable",
    "VariableKind",
    "__version__",
    "achievement",
    "cascade",
    "dump_set",
    "evaluate",
    "evaluate_all",
    "evaluate_folder",
    "evaluate_sql",
    "get_set",
    "list_sets",
    "load_set",
    "loads_set",
    "monitor",
    "parse_formula",
    "parse_period",
    "register_set",
    "to_sql",
    "to_sql_all",
]
