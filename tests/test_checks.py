"""The one table of checks: every issue code has one row, a message in both languages, a line in
the docs, and the status numbers and severities every backend uses come from it."""

from __future__ import annotations

from pathlib import Path

from iku.checks import APPLIES_TO, CHECKS, STATUS, STATUS_CODES, VALUE_CODES, IssueCode, Severity
from iku.messages import CATALOGUE
from iku.validation import MISSING, NOT_A_NUMBER, NOT_FINITE, OUT_OF_SCALE, check_value

DOCS = Path(__file__).parent.parent / "docs" / "evaluation.md"


def test_every_issue_code_has_exactly_one_row() -> None:
    assert sorted(check.code for check in CHECKS) == sorted(IssueCode)


def test_every_check_has_its_message_in_both_languages_with_the_same_fields() -> None:
    import string

    for check in CHECKS:
        entry = CATALOGUE[check.message]
        fields = [
            {name for _, name, _, _ in string.Formatter().parse(entry[lang]) if name}
            for lang in ("id", "en")
        ]
        assert fields[0] == fields[1], check.code


def test_every_check_says_what_it_applies_to() -> None:
    for check in CHECKS:
        assert check.applies_to, check.code
        assert set(check.applies_to) <= set(APPLIES_TO), check.code


def test_every_code_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [str(code) for code in IssueCode if f"`{code}`" not in text]
    assert missing == []


def test_status_numbers_follow_the_value_checks_in_order() -> None:
    assert VALUE_CODES[0] is IssueCode.MISSING_VALUE
    assert STATUS_CODES[1:] == VALUE_CODES
    assert (
        STATUS[IssueCode.MISSING_VALUE],
        STATUS[IssueCode.NOT_A_NUMBER],
        STATUS[IssueCode.NOT_FINITE],
        STATUS[IssueCode.OUT_OF_SCALE],
    ) == (MISSING, NOT_A_NUMBER, NOT_FINITE, OUT_OF_SCALE)
    # the first check that applies wins: a text is not a number before it is negative
    assert check_value("-1", "count")[1] is IssueCode.NOT_A_NUMBER


def test_severities_come_from_the_table() -> None:
    warnings = {check.code for check in CHECKS if check.severity is Severity.WARNING}
    assert warnings == {
        IssueCode.MISSING_TARGET,
        IssueCode.ZERO_TARGET,
        IssueCode.UNKNOWN_VARIABLE,
        IssueCode.INCONSISTENT_TARGETS,
        IssueCode.ACCUMULATION_ASSUMED,
        IssueCode.UNSUPPORTED,
        IssueCode.ORPHAN,
        IssueCode.ZERO_VALUE,
        IssueCode.REALISASI_MISMATCH,
        IssueCode.REALISASI_NOT_SUMMED,
        IssueCode.LEFT_OUT,
    }
    for check in CHECKS:
        assert check.code.severity is check.severity
        assert check.code.check is check
    # in a sum, a row's zero denominator is a warning: its numbers can still be summed
    assert IssueCode.DENOMINATOR_ZERO.check.in_sum is Severity.WARNING
    assert IssueCode.NUMERATOR_EXCEEDS_DENOMINATOR.check.in_sum is Severity.ERROR


def test_the_codes_of_the_second_version_exist_with_their_severity() -> None:
    for name in (
        "ambiguous_number",
        "duplicate_column",
        "duplicate_target",
        "unknown_indicator",
        "unreadable_cell",
    ):
        assert IssueCode(name).severity is Severity.ERROR


def test_the_docs_say_exactly_which_warnings_strict_lets_through() -> None:
    text = DOCS.read_text(encoding="utf-8")
    start = text.index("`strict=True` raises on every error")
    paragraph = text[start : text.index("\n\n", start)]
    evaluated = {"value", "ratio", "result", "target", "data", "file"}
    warnings = {
        str(check.code)
        for check in CHECKS
        if (check.severity is Severity.WARNING and set(check.applies_to) <= evaluated)
        or check.in_sum is Severity.WARNING
    }
    named = {str(code) for code in IssueCode if f"`{code}`" in paragraph}
    assert named == warnings
