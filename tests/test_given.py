"""A realisasi given directly (a column or key named like an indicator's code, any case): used
as the value, checked, cross-checked against its parts, the same in a unit and a table."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from iku import Index, IndicatorSet, Ratio, Sasaran, Variable, evaluate

PUAS, RESPONDEN = Variable("puas", "puas"), Variable("responden", "responden")
SKOR = Variable("skor", "skor", kind="score", range=(0, 5))
S = IndicatorSet(
    "polda-contoh.spkt.2018",
    "IKU",
    "SPKT",
    [2018],
    [
        Sasaran(
            "S-1",
            "kepuasan",
            [
                Ratio("IKU-1", "kepuasan", PUAS, RESPONDEN),
                Index("IKU-2", "indeks", SKOR, bounds=(0, 5)),
            ],
        )
    ],
    [PUAS, RESPONDEN, SKOR],
)
TARGETS = {"IKU-1": 65, "IKU-2": 4}


def test_a_given_percentage_is_the_value_without_its_counts() -> None:
    ev = evaluate(S, {"IKU-1": 90.83, "iku-2": 4.2}, targets=TARGETS)
    assert ev["IKU-1"].value == 90.83
    assert ev["IKU-1"].given
    assert ev["IKU-2"].value == 4.2  # any case of the code
    assert ev.ok
    assert not ev.issues  # the counts are not needed, so not missing
    table = evaluate(S, {"IKU-1": [90.83, 50.0], "IKU-2": [4.2, 3.0]}, targets=TARGETS)
    assert table.ok
    assert not table.issues
    assert [table["IKU-1", i].value for i in (0, 1)] == [90.83, 50.0]
    assert table.key_columns == ()  # a realisasi column is no key


@pytest.mark.parametrize(
    ("given", "code", "message"),
    [
        (120.0, "out_of_scale", "IKU-1 (120) is outside its scale 0 to 100"),
        (-1.0, "out_of_scale", "IKU-1 (-1) is outside its scale 0 to 100"),
        (math.inf, "not_finite", "IKU-1 is not a finite number (inf)"),
        ("90%", "not_a_number", "IKU-1 is not a number ('90%')"),
    ],
)
def test_a_bad_given_realisasi_is_refused_naming_its_column(
    given: object, code: str, message: str
) -> None:
    for ev, result in (
        (u := evaluate(S, {"IKU-1": given}, targets=TARGETS), u["IKU-1"]),
        (t := evaluate(S, {"IKU-1": [given, 50.0]}, targets=TARGETS), t["IKU-1", 0]),
    ):
        assert result.value is None
        assert [(i.code, i.variable, i.message_en) for i in result.issues] == [
            (code, "IKU-1", message)
        ]
        assert not ev.ok


def test_an_index_given_beyond_its_bounds_is_refused() -> None:
    ev = evaluate(S, {"IKU-2": 5.5}, targets=TARGETS)
    assert [i.code for i in ev["IKU-2"].issues] == ["out_of_scale"]


def test_counts_that_disagree_beyond_rounding_are_a_warning() -> None:
    agree = {"puas": 31991, "responden": 35221, "IKU-1": 90.83}  # 90.829...
    truncated = {"puas": 2, "responden": 3, "IKU-1": 66.66}  # 66.666... cut
    disagree = {"puas": 30000, "responden": 35221, "IKU-1": 90.83}  # 85.18
    for data in (agree, truncated):
        assert not evaluate(S, data, targets=TARGETS)["IKU-1"].issues
    result = evaluate(S, disagree, targets=TARGETS)["IKU-1"]
    assert result.value == 90.83
    (issue,) = result.issues
    assert issue.code == "realisasi_mismatch"
    assert issue.severity == "warning"
    assert issue.message_en.startswith(
        "the realisasi given in column IKU-1 (90.83) differs from the one computed from its parts"
    )
    frame = pd.DataFrame([agree, truncated, disagree])
    table = evaluate(S, frame, targets=TARGETS)
    assert [[i.code for i in table["IKU-1", n].issues] for n in range(3)] == [
        [],
        [],
        ["realisasi_mismatch"],
    ]


def test_an_empty_given_cell_falls_back_to_the_counts() -> None:
    data = {"puas": [45.0, 10.0], "responden": [50.0, 20.0], "IKU-1": [None, 70.0]}
    ev = evaluate(S, data, targets=TARGETS)
    assert ev["IKU-1", 0].value == 90.0
    assert not ev["IKU-1", 0].given
    assert ev["IKU-1", 1].value == 70.0
    assert ev["IKU-1", 1].given


def test_with_by_a_group_of_one_row_takes_it_and_a_larger_one_cannot_sum_it() -> None:
    data = {
        "unit": ["a", "b", "b"],
        "puas": [1.0, 10.0, 20.0],
        "responden": [2.0, 20.0, 20.0],
        "IKU-1": [80.0, 50.0, 100.0],
    }
    ev = evaluate(S, data, targets=TARGETS, by="unit")
    assert ev["IKU-1", 0].value == 80.0  # its own, with a warning: its counts say 50
    assert [i.code for i in ev["IKU-1", 0].issues] == ["realisasi_mismatch"]
    assert ev["IKU-1", 1].value == 75.0  # 30 / 40: the counts, summed
    assert not ev["IKU-1", 1].given
    assert [i.code for i in ev["IKU-1", 1].issues] == ["realisasi_not_summed"]
