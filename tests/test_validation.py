"""Value checks (one value and whole columns), messages in both languages, issues."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction

import attrs
import numpy as np
import pandas as pd
import pytest

from iku import Issue, IssueCode, Severity
from iku.messages import CATALOGUE
from iku.validation import (
    STATUS_CODES,
    RowKeys,
    check_value,
    check_values,
    make_issue,
    message,
    show_value,
)


@pytest.mark.parametrize(
    ("raw", "kind", "code"),
    [
        (3, "count", None),
        (3.0, "count", None),
        (-0.0, "count", None),
        (3.5, "amount", None),
        (-3.5, "real", None),
        (None, "real", IssueCode.MISSING_VALUE),
        (pd.NA, "real", IssueCode.MISSING_VALUE),
        ("3", "real", IssueCode.NOT_A_NUMBER),
        (False, "real", IssueCode.NOT_A_NUMBER),
        (np.bool_(True), "real", IssueCode.NOT_A_NUMBER),
        ([3], "real", IssueCode.NOT_A_NUMBER),
        (3j, "real", IssueCode.NOT_A_NUMBER),
        (math.nan, "real", IssueCode.MISSING_VALUE),  # NaN: a blank cell, in every library
        (math.inf, "count", IssueCode.NOT_FINITE),
        (-math.inf, "count", IssueCode.NOT_FINITE),  # not finite comes before negative
        (10**309, "real", IssueCode.NOT_FINITE),
        (Fraction(10**400, 3), "real", IssueCode.NOT_FINITE),
        (Decimal("Infinity"), "real", IssueCode.NOT_FINITE),
        (-1, "count", IssueCode.NEGATIVE_VALUE),
        (-1, "amount", IssueCode.NEGATIVE_VALUE),
        (-1.5, "count", IssueCode.NEGATIVE_VALUE),  # negative comes before not integer
        (1.5, "count", IssueCode.NOT_INTEGER),
        (-1, "score", None),
    ],
)
def test_check_value_gives_the_first_problem_in_check_order(
    raw: object, kind: str, code: IssueCode | None
) -> None:
    assert check_value(raw, kind)[1] == code


def test_a_score_range_is_inclusive() -> None:
    assert check_value(0, "score", (0, 5))[1] is None
    assert check_value(5, "score", (0, 5))[1] is None
    assert check_value(5.0001, "score", (0, 5))[1] is IssueCode.OUT_OF_SCALE
    assert check_value(-1, "score", None)[1] is None


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="a variable kind is one of"):
        check_value(1, "integer")


def test_check_values_agrees_with_check_value_on_every_case() -> None:
    raws = [3.0, -1.0, 2.5, math.nan, math.inf, -math.inf, 0.0, 5.5, -0.0, 1e300]
    for kind, bounds in (("count", None), ("amount", None), ("real", None), ("score", (0, 5))):
        status = check_values(np.array(raws), kind, bounds)
        found = [None] * len(raws) if status is None else [STATUS_CODES[s] for s in status]
        assert found == [check_value(x, kind, bounds)[1] for x in raws], kind


def test_check_values_of_clean_columns_is_none() -> None:
    assert check_values(np.array([0.0, 1.0, 2.0]), "count") is None
    assert check_values(np.array([0.5, 1e9]), "amount") is None
    assert check_values(np.array([0.0, 5.0]), "score", (0, 5)) is None
    assert check_values(np.array([-1e300, 1e300]), "real") is None
    assert check_values(np.array([], dtype=float), "count") is None


def test_check_values_keeps_what_reading_found_and_calls_nan_missing() -> None:
    known = np.array([0, 2, 0], dtype=np.int8)
    values = np.array([math.nan, math.nan, -1.0])
    status = check_values(values, "count", status=known)
    assert status is not None
    assert [STATUS_CODES[s] for s in status] == [
        IssueCode.MISSING_VALUE,
        IssueCode.NOT_A_NUMBER,
        IssueCode.NEGATIVE_VALUE,
    ]


def test_integral_columns_are_only_checked_for_sign() -> None:
    assert check_values(np.array([1.0, 2.0]), "count", integral=True) is None
    status = check_values(np.array([1.0, -2.0]), "count", integral=True)
    assert status is not None
    assert list(status) == [0, 4]


def test_every_code_and_variant_has_both_languages_in_the_catalogue() -> None:
    for code in IssueCode:
        assert set(CATALOGUE[f"issue.{code}"]) == {"id", "en"}
    variants = [key for key in CATALOGUE if key.startswith("issue.") and key.count(".") == 2]
    assert variants
    for key in variants:
        assert key.split(".")[1] in set(IssueCode), key
        assert set(CATALOGUE[key]) == {"id", "en"}


def test_the_first_version_s_message_tables_still_work_with_a_warning() -> None:
    import iku.validation

    with pytest.warns(DeprecationWarning, match="iku.messages.CATALOGUE"):
        messages = iku.validation.MESSAGES
    assert messages[IssueCode.ZERO_TARGET]["en"].startswith("the target is zero")
    with pytest.warns(DeprecationWarning, match="iku.messages.CATALOGUE"):
        variants = iku.validation.VARIANTS
    assert (IssueCode.MISSING_TARGET, "none") in variants


def test_message_fills_fields_and_marks_missing_ones() -> None:
    assert message("not_a_number", variable="psks", value="'x'") == "nilai psks bukan angka ('x')"
    assert message("not_a_number", "en") == "? is not a number (?)"
    assert (
        message("missing_target", "en", variant="none") == "no target was given for this indicator"
    )
    assert message("missing_target", "en", variant="no such variant", period=2025) == (
        "no target for period 2025"
    )


def test_make_issue_names_its_place_and_speaks_both_languages() -> None:
    issue = make_issue(
        IssueCode.NEGATIVE_VALUE, indicator="IKU-2", variable="psks", row={"kel": "A"}, value="-1"
    )
    assert issue.severity is Severity.ERROR
    assert (issue.indicator, issue.variable, issue.row) == ("IKU-2", "psks", {"kel": "A"})
    assert issue.describe("en").startswith("psks is negative (-1)")
    assert issue.describe() == issue.message
    assert issue.message.startswith("nilai psks negatif")
    warning = make_issue(IssueCode.ZERO_TARGET, indicator="IKU-2")
    assert warning.severity is Severity.WARNING


def test_issue_str_shows_row_zero() -> None:
    issue = Issue("missing_value", "error", "nilai a tidak ada", "IKU-1", "a", 0)
    assert str(issue) == "[missing_value] indikator IKU-1, baris 0: nilai a tidak ada"


def test_an_issue_names_its_place_and_shows_it() -> None:
    issue = make_issue(IssueCode.MISSING_VALUE, variable="psks", row=11, place="data.csv:13")
    assert issue.place == "data.csv:13"
    assert str(issue) == "[missing_value] baris 11, di data.csv:13: nilai psks tidak ada"
    assert issue != attrs.evolve(issue, place="data.csv:14")


def test_an_issue_with_keys_is_hashable_and_its_keys_cannot_change() -> None:
    issue = make_issue(IssueCode.MISSING_VALUE, variable="psks", row={"kel": "A", "period": 2025})
    assert isinstance(issue.row, RowKeys)
    assert issue.row == {"kel": "A", "period": 2025}
    assert {issue, attrs.evolve(issue)} == {issue}
    with pytest.raises(TypeError, match="cannot be changed"):
        issue.row["kel"] = "B"
    with pytest.raises(TypeError, match="cannot be changed"):
        issue.row.update(kel="B")
    assert json.dumps(issue.row) == '{"kel": "A", "period": 2025}'
    assert repr(issue.row) == "{'kel': 'A', 'period': 2025}"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("abc", "'abc'"),
        (30.0, "30"),
        (2.5, "2.5"),
        (np.float64(1.5), "1.5"),
        (np.int64(7), "7"),
        (math.inf, "inf"),
        (10**400, "\u224810^400"),
        (-(2**200), "\u2248-10^60"),
        ("x" * 100, "'" + "x" * 36 + "..."),
        (Decimal("1.5"), "Decimal('1.5')"),
    ],
)
def test_show_value_is_short_and_readable(raw: object, shown: str) -> None:
    assert show_value(raw) == shown


def test_show_value_survives_a_broken_repr() -> None:
    class Broken:
        def __repr__(self) -> str:
            raise RuntimeError("no")

    assert show_value(Broken()) == "<Broken>"
