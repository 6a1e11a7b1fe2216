"""Workbooks are read at the cost of their real cells, whatever they claim; a cell's text is
read as carefully as a CSV's; every problem names its sheet and cell (``data!C7``)."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from iku import get_set
from iku.io import InputError, load_data, read_data
from iku.io.excel import MAX_COLUMNS, MAX_ROWS


def listed(column) -> list:  # type: ignore[no-untyped-def,type-arg]
    """A column's cells as Python values, None where a cell has no value (NaN in the array)."""
    return [None if isinstance(v, float) and v != v else v for v in column.tolist()]


MADIUN = "kota-madiun.dinsosppa.2025-2026"


@pytest.fixture(scope="module")
def madiun():  # type: ignore[no-untyped-def]
    return get_set(MADIUN)


def workbook(
    path: Path, rows: list[list[object]], *, title: str = "data", keywords: str = ""
) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    if keywords:
        wb.properties.keywords = keywords
    wb.save(path)
    return path


def place(issue) -> str:  # type: ignore[no-untyped-def]
    """The place an issue names (its field, or the start of its message before it had one)."""
    return getattr(issue, "place", None) or issue.message.split(": ")[0]


def test_a_sheet_is_found_below_a_title_row(tmp_path: Path, madiun) -> None:
    path = workbook(
        tmp_path / "d.xlsx",
        [
            ["Data PSKS Kota Madiun"],
            ["period", "psks", "psks_diberdayakan"],
            [2025, "50", 45.0],
            [2026.0, " 12,5 ", None],
        ],
    )
    data = load_data(path, madiun)
    assert listed(data.columns["period"]) == [2025, 2026]
    assert listed(data.columns["psks"]) == [50, 12.5]  # numbers typed as text are numbers
    assert data.rows == (3, 4)
    assert data.place(1, "psks") == "data!B4"
    assert data.place(1) == "data!4:4"


def test_a_workbook_without_a_data_sheet_is_refused(tmp_path: Path, madiun) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "satu"
    wb.create_sheet("dua")
    path = tmp_path / "d.xlsx"
    wb.save(path)
    with pytest.raises(InputError, match=r"no sheet named 'data' \(sheets: satu, dua\)"):
        read_data(path, madiun)


def test_1500_typed_as_text_is_in_doubt_and_names_its_cell(tmp_path: Path, madiun) -> None:
    # the first version read it as 1.5, silently
    path = workbook(
        tmp_path / "d.xlsx", [["kode", "psks", "ipp"], ["a", 10, "1.500"], ["b", 11, 3.5]]
    )
    data = load_data(path, madiun)
    assert listed(data.columns["ipp"]) == [None, 3.5]
    (issue,) = data.issues
    assert issue.code == "ambiguous_number"
    assert place(issue) == "data!C2"
    assert "'1.500'" in issue.describe("en")


def test_a_template_written_in_indonesian_reads_text_with_the_decimal_comma(
    tmp_path: Path, madiun
) -> None:
    keywords = f"iku-template;format=1;set={MADIUN};lang=id"
    path = workbook(
        tmp_path / "d.xlsx",
        [["kode", "psks", "ipp"], ["a", "1.500", "3,5"]],
        keywords=keywords,
    )
    data = load_data(path, madiun)
    assert listed(data.columns["psks"]) == [1500]
    assert listed(data.columns["ipp"]) == [3.5]
    assert data.issues == ()


def test_a_column_twice_in_a_sheet_names_both_letters(tmp_path: Path, madiun) -> None:
    path = workbook(tmp_path / "d.xlsx", [["kode", "psks", "x", "PSKS"], ["a", 1, 2, 3]])
    data = load_data(path, madiun)
    assert "psks" not in data.columns
    (issue,) = data.issues
    assert issue.code == "duplicate_column"
    assert "B, D" in issue.describe("en")
    assert place(issue) == "data!B1"


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("Taman\x9b2J", "control character"),  # C1 CSI: a terminal's escape sequence
        ("Taman\u202e", "control character"),  # a right-to-left override
        ('=HYPERLINK("http://x","klik")', "formula"),
        ("#DIV/0!", "spreadsheet error"),
    ],
)
def test_a_cell_iku_does_not_take_in_is_an_unreadable_cell_with_its_sheet_and_cell(
    tmp_path: Path, madiun, cell: str, reason: str
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append(["kecamatan", "psks", "ipp"])
    ws.append(["Kejuron", 4, 4])
    ws.append([None, 5, None])
    for ref in ("A3", "C3"):
        ws[ref].value = cell
        ws[ref].data_type = "s"  # text, as a file uploaded by an office holds it
    path = tmp_path / "d.xlsx"
    wb.save(path)
    data = load_data(path, madiun)
    assert listed(data.columns["kecamatan"]) == ["Kejuron", None]
    assert listed(data.columns["ipp"]) == [4, None]
    assert [(i.code, place(i)) for i in data.issues] == [
        ("unreadable_cell", "data!C3"),
        ("unreadable_cell", "data!A3"),
    ] or sorted(place(i) for i in data.issues) == ["data!A3", "data!C3"]
    assert all(reason in i.describe("en") for i in data.issues)


def _patched(path: Path, rows: list[list[object]], edit: Callable[[str], str]) -> Path:
    """A workbook of ``rows`` whose sheet's XML is then edited, as a hand-made file could be."""
    source = path.with_suffix(".source.xlsx")
    workbook(source, rows)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = edit(data.decode()).encode()
            new.writestr(item, data)
    return path


def _claiming(path: Path, dimension: str, corner: str = "") -> Path:
    """A small workbook whose sheet claims to span ``dimension``, with ``corner`` (a cell's
    XML) in its last row, as formatting applied to a whole sheet leaves it."""

    def edit(xml: str) -> str:
        xml = re.sub(r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{dimension}"/>', xml)
        return xml.replace("</sheetData>", f'<row r="1048576">{corner}</row></sheetData>')

    return _patched(path, [["period", "psks"], [2025, 5]], edit)


def test_a_workbook_claiming_every_cell_of_a_sheet_reads_its_real_cells_in_little_memory(
    tmp_path: Path,
) -> None:
    # the first version built the claimed 17 billion cells: MemoryError under a 2 GB cap
    path = _claiming(tmp_path / "claims.xlsx", "A1:XFD1048576", '<c r="XFD1048576" s="0"/>')
    assert path.stat().st_size < 10_000
    with zipfile.ZipFile(path) as archive:
        assert b'<dimension ref="A1:XFD1048576"/>' in archive.read("xl/worksheets/sheet1.xml")
    script = textwrap.dedent(
        f"""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
        from iku import get_set
        from iku.io import read_data
        data = read_data({str(path)!r}, get_set({MADIUN!r}))
        print({{k: v.tolist() for k, v in data.items()}})
        """
    )
    env = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"}
    env["PYTHONPATH"] = ":".join(p for p in sys.path if p)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "{'period': [2025], 'psks': [5]}"


def test_a_value_in_the_last_cell_of_a_sheet_is_refused_cheaply_as_a_column_without_heading(
    tmp_path: Path,
) -> None:
    path = _claiming(tmp_path / "claims.xlsx", "A1:XFD1048576", '<c r="XFD1048576"><v>1</v></c>')
    with pytest.raises(InputError, match="column XFD has values but no heading"):
        read_data(path, get_set(MADIUN))


def test_a_zip_that_unpacks_to_too_much_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    source = tmp_path / "source.xlsx"
    workbook(source, [["period", "psks"], [2025, 5]])
    path = tmp_path / "bomb.xlsx"
    block = b"<!-- " + b"0" * (1 << 20) + b" -->"
    with (
        zipfile.ZipFile(source) as old,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as new,
    ):
        for item in old.infolist():
            new.writestr(item, old.read(item.filename))
        with new.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            for _ in range(260):
                part.write(block)
    assert path.stat().st_size < 2_000_000
    with pytest.raises(InputError, match=r"the part xl/sharedStrings\.xml of this workbook is"):
        read_data(path, get_set(MADIUN))


def test_a_cell_beyond_the_last_column_is_refused(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append(["period", "psks"])
    ws.cell(2, MAX_COLUMNS + 1).value = 1
    path = tmp_path / "d.xlsx"
    wb.save(path)
    with pytest.raises(InputError, match=r"has a cell in column XFE .* row 2"):
        read_data(path, get_set(MADIUN))


def test_a_row_beyond_the_last_row_is_refused(tmp_path: Path) -> None:
    beyond = MAX_ROWS + 1
    path = _patched(
        tmp_path / "d.xlsx",
        [["period", "psks"], [2025, 5]],
        lambda xml: xml.replace('r="2"', f'r="{beyond}"').replace('2"', f'{beyond}"'),
    )
    with pytest.raises(InputError, match=f"more than {MAX_ROWS} rows"):
        read_data(path, get_set(MADIUN))


@pytest.mark.slow
def test_a_sheet_of_too_many_cells_is_refused(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "data"
    ws.append(["period", "psks"])
    for row in range(2, 2_500):
        ws.cell(row, MAX_COLUMNS).value = 1
    path = tmp_path / "d.xlsx"
    wb.save(path)
    with pytest.raises(InputError, match="more than 40000000 cells"):
        read_data(path, get_set(MADIUN))


def test_a_cell_longer_than_excel_allows_is_refused_naming_it(tmp_path: Path) -> None:
    path = _patched(
        tmp_path / "d.xlsx",
        [["kecamatan", "psks"], ["x" * 10, 1]],
        lambda xml: xml.replace("x" * 10, "x" * 40_000),
    )
    with pytest.raises(InputError, match=r"cell data!A2 holds 40000 characters"):
        read_data(path, get_set(MADIUN))
