"""iku: key performance indicators (Indikator Kinerja Utama) of Indonesian government agencies.

An agency's indicator set is data: defined once, checked, evaluated on data against targets and
reported the same way every time.

>>> import iku
>>> s = iku.get_set("kota-madiun.dinsosppa.2025-2026")
>>> ev = iku.evaluate(s["IKU-2"], {"psks_diberdayakan": 45, "psks": 50}, targets={"IKU-2": 80})
>>> ev["IKU-2"].value, ev["IKU-2"].category
(90.0, 'Sangat Tinggi')
"""

from importlib.metadata import PackageNotFoundError, version

from iku.errors import DefinitionError, FormulaError, IkuError, UnknownSetError, ValidationError
from iku.evaluation import Evaluation, Result, evaluate
from iku.files import dump_set, load_set
from iku.formula import parse_formula
from iku.model import (
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
from iku.registry import get_set, list_sets, register_set
from iku.scales import IPP_GRADES, PREDIKAT, Band, Scale, TargetRange, achievement
from iku.sql import evaluate_sql, to_sql
from iku.validation import Issue, IssueCode, Severity

try:
    __version__ = version("iku")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = [
    "IPP_GRADES",
    "PREDIKAT",
    "Aggregation",
    "Band",
    "DefinitionError",
    "Evaluation",
    "FormulaError",
    "IkuError",
    "Index",
    "Indicator",
    "IndicatorSet",
    "Issue",
    "IssueCode",
    "Polarity",
    "Ratio",
    "Result",
    "Sasaran",
    "Scale",
    "Severity",
    "Source",
    "TargetRange",
    "UnknownSetError",
    "ValidationError",
    "Variable",
    "VariableKind",
    "__version__",
    "achievement",
    "dump_set",
    "evaluate",
    "evaluate_sql",
    "get_set",
    "list_sets",
    "load_set",
    "parse_formula",
    "register_set",
    "to_sql",
]
