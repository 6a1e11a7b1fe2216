"""A period that cannot be read is flagged: a table's ``period`` text that is no period gives a
``bad_period`` issue naming its row (and its place in a file); other rows evaluate as before."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import pandas as pd
import pytest

import iku
from iku import IssueCode, evaluate

SET_ID = "kota-madiun.dinsosppa.2025-2026"
ROW: dict[str, Any] = {
    "pmks_dilindungi": 40,
    "pmks_perlu_perlindungan": 50,
}
TARGETS = {"IKU-1": {2025: 80, "2025-Q1": 70, "2025-03": 60}}


@pytest.fixture(scope="module")
def madiun() -> iku.IndicatorSet:
    return iku.get_set(SET_ID)


def _frame(periods: list[Any]) -> pd.DataFrame:
    return pd.DataFrame(
        {"unit": [f"u{i}" for i in range(len(periods))], "period": periods}
        | {name: [value] * len(periods) for name, value in ROW.items()}
    )


def test_a_period_that_is_no_period_gives_bad_period_naming_its_row(madiun: Any) -> None:
    ev = evaluate(
        madiun["IKU-1"], _frame([2025, "TW V 2025", "2025-Q1", "abc", "2025-03"]), targets=TARGETS
    )
    bad = [i for i in ev.issues if i.code is IssueCode.BAD_PERIOD]
    assert [dict(i.row) for i in bad] == [
        {"unit": "u1", "period": "TW V 2025"},
        {"unit": "u3", "period": "abc"},
    ]
    assert "'TW V 2025'" in bad[0].message_en
    assert "cannot be read" in bad[0].message_en
    good = {r.keys["unit"]: r.achievement for r in ev.results}
    assert good["u0"] == pytest.approx(100.0)
    assert good["u2"] == pytest.approx(80 / 70 * 100)
    assert good["u4"] == pytest.approx(80 / 60 * 100)


def test_valid_periods_give_no_bad_period(madiun: Any) -> None:
    ev = evaluate(madiun["IKU-1"], _frame([2025, "2025", "2025-Q1", "2025-03"]), targets=TARGETS)
    assert not [i for i in ev.issues if i.code is IssueCode.BAD_PERIOD]


@attrs.frozen
class DataFile:
    """A data source as ``iku.backends.sources`` asks (what a reader returns)."""

    columns: Mapping[str, Any]
    issues: tuple[Any, ...] = ()

    def place(self, row: int, column: str | None = None) -> str | None:
        return f"data.csv:{row + 2}"  # a header line, then one line per row


def test_a_bad_period_read_from_a_file_names_its_place(madiun: Any) -> None:
    frame = _frame([2025, "TW V 2025", "2025-Q1"])
    data = DataFile({name: frame[name].to_numpy() for name in frame.columns})
    ev = evaluate(madiun["IKU-1"], data, targets=TARGETS)
    bad = [i for i in ev.issues if i.code is IssueCode.BAD_PERIOD]
    assert [(i.row["unit"], i.place) for i in bad] == [("u1", "data.csv:3")]
    assert [r.keys["unit"] for r in ev.results if r.achievement is not None] == ["u0", "u2"]


def test_one_unit_with_a_period_that_is_no_period_gives_bad_period(madiun: Any) -> None:
    ev = evaluate(madiun["IKU-1"], ROW, targets={"IKU-1": 80}, period="abc")
    bad = [i for i in ev.issues if i.code is IssueCode.BAD_PERIOD]
    assert len(bad) == 1
    assert "'abc'" in bad[0].message_en
