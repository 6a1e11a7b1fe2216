"""The command line's choices about a table of units, as library functions: the rows of one
period, the key columns, hints for misspelt columns and the default grouping."""

from __future__ import annotations

import numpy as np

from iku import evaluate, get_set
from iku.tables import (
    Grouping,
    default_grouping,
    key_columns,
    misspelt_columns,
    period_mask,
    select_period,
)

MADIUN = "kota-madiun.dinsosppa.2025-2026"


def table(**columns: list[object]) -> dict[str, np.ndarray]:
    return {name: np.array(values) for name, values in columns.items()}


def test_key_columns_are_neither_variables_nor_the_period() -> None:
    s = get_set(MADIUN)
    names = ["kecamatan", "period", "psks", "kelurahan", "ipp"]
    assert key_columns(s, names) == ("kecamatan", "kelurahan")
    assert key_columns(s["IKU-2"], names) == ("kecamatan", "kelurahan", "ipp")


def test_a_column_close_to_a_variable_is_named_as_a_likely_typo() -> None:
    s = get_set(MADIUN)
    names = ["kecamatan", "psks_diberdaya", "pengadun", "psks"]
    assert misspelt_columns(s, names) == {
        "psks_diberdaya": "psks_diberdayakan",
        "pengadun": "pengaduan",
    }
    assert misspelt_columns(s, names, cutoff=0.99) == {}


def test_select_period_keeps_only_the_rows_of_that_period() -> None:
    data = table(period=[2025, 2026, 2025], psks=[1, 2, 3])
    assert period_mask(data, 2025).tolist() == [True, False, True]
    assert select_period(data, 2025)["psks"].tolist() == [1, 3]
    assert select_period(data, 2030)["psks"].tolist() == []


def test_without_a_period_column_every_row_is_kept() -> None:
    data = table(psks=[1, 2, 3])
    assert period_mask(data, 2025).tolist() == [True, True, True]


def test_one_row_per_period_and_no_keys_is_evaluated_row_by_row() -> None:
    data = table(period=[2025, 2026], psks=[50, 50], psks_diberdayakan=[40, 45])
    grouping = default_grouping(get_set(MADIUN), data)
    assert grouping == Grouping(by=None)
    assert not grouping.summed
    assert grouping.columns(data).keys() == data.keys()


def test_units_are_summed_per_period_over_their_keys() -> None:
    s = get_set(MADIUN)
    data = table(
        kecamatan=["Taman", "Kartoharjo", "Taman", "Kartoharjo"],
        period=[2025, 2025, 2026, 2026],
        psks_diberdayakan=[40, 5, 45, 50],
        psks=[50, 50, 50, 50],
    )
    grouping = default_grouping(s, data)
    assert grouping == Grouping(by=(), keys=("kecamatan",))
    assert grouping.summed
    columns = grouping.columns(data)
    assert "kecamatan" not in columns
    ev = evaluate(s["IKU-2"], columns, by=list(grouping.by or ()))
    assert [(r.period, r.value) for r in ev.results] == [(2025, 45.0), (2026, 95.0)]


def test_two_rows_of_one_period_without_keys_are_summed_too() -> None:
    data = table(period=[2025, 2025], psks=[50, 50], psks_diberdayakan=[40, 45])
    assert default_grouping(get_set(MADIUN), data) == Grouping(by=(), keys=())
