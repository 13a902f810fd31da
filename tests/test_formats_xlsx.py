"""XLSX export and import: the memoQ/Trados layout, the round trip, and bad workbooks."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINI_CONCEPTS, concept, shipped_concept_count

from npt_gloss.cli import cli
from npt_gloss.errors import DataError, UsageError
from npt_gloss.formats.xlsx import HEADERS, from_xlsx, to_xlsx

openpyxl = pytest.importorskip("openpyxl")


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def cells(path: Path) -> list[list[object]]:
    # Not read-only: every row then runs to the last column, trailing empty cells included.
    book = openpyxl.load_workbook(path)
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def workbook(path: Path, rows: list[list[object]], title: str = "Sheet") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def without_line(c: object) -> dict:
    record = dataclasses.asdict(c)  # type: ignore[call-overload]
    record.pop("line")
    return record


def test_round_trip_of_the_shipped_glossary_loses_no_field(tmp_path, shipped_concepts) -> None:
    path = tmp_path / "g.xlsx"
    path.write_bytes(to_xlsx(shipped_concepts))
    back = from_xlsx(str(path))
    assert [without_line(c) for c in back] == [without_line(c) for c in shipped_concepts]
    assert [c.line for c in back[:3]] == [2, 3, 4]  # the sheet's rows, for messages


def test_layout_language_columns_hold_every_admitted_form_preferred_first(tmp_path) -> None:
    path = tmp_path / "mini.xlsx"
    path.write_bytes(to_xlsx(MINI_CONCEPTS))
    rows = cells(path)
    assert tuple(rows[0]) == HEADERS
    header = {name: i for i, name in enumerate(HEADERS)}
    nws, npt, wmd = rows[1], rows[6], rows[8]
    assert nws[header["English"]] == "nuclear-weapon States|nuclear States|NWS"
    assert nws[header["Chinese"]] == "核武器国家|核国家|拥有核武器的国家"
    assert nws[header["Abbreviations"]] == "NWS"
    assert npt[header["Chinese"]] == "不扩散核武器条约|不扩散条约"
    assert npt[header["Abbreviations"]] == "NPT|不扩散条约"
    assert wmd[header["Chinese"]] == "大规模毁灭性武器"  # the deprecated form is kept apart
    assert wmd[header["Chinese deprecated"]] == "大规模杀伤性武器"
    assert nws[header["Definition"]] is None  # an empty field is an empty cell


def test_a_text_that_looks_like_a_formula_stays_text(tmp_path) -> None:
    path = tmp_path / "f.xlsx"
    odd = concept("odd", "odd", "奇", note="=SUM(A1:A2)")
    path.write_bytes(to_xlsx([odd]))
    book = openpyxl.load_workbook(path)
    note = book.worksheets[0].cell(2, HEADERS.index("Note") + 1)
    assert (note.value, note.data_type) == ("=SUM(A1:A2)", "s")
    assert from_xlsx(str(path))[0].note == "=SUM(A1:A2)"


def test_a_form_holding_the_separator_is_refused() -> None:
    with pytest.raises(DataError, match=r"concept 'x': form 'a\|b' contains '\|'"):
        to_xlsx([concept("x", "a|b", "乙")])


def test_export_needs_a_file_for_a_binary_format() -> None:
    result = run("glossary", "export", "--format", "xlsx")
    assert result.exit_code == 2
    assert result.stderr == (
        "npt-gloss: error: --format xlsx writes a binary workbook, not text: give a file "
        "with -o, e.g. -o glossary.xlsx\n"
    )
    assert result.stdout == ""


def test_export_import_export_through_the_cli(tmp_path) -> None:
    first = tmp_path / "first.xlsx"
    assert run("glossary", "export", "--format", "xlsx", "-o", str(first)).exit_code == 0
    toml = tmp_path / "back.toml"
    result = run("glossary", "import", str(first), "-o", str(toml))
    assert result.exit_code == 0 and result.stderr == ""
    second = tmp_path / "second.xlsx"
    again = run(
        "--glossary", str(toml), "glossary", "export", "--format", "xlsx", "-o", str(second)
    )
    assert again.exit_code == 0
    assert cells(second) == cells(first)
    assert len(cells(first)) == 1 + shipped_concept_count()


def test_termlist_adds_the_paragraphs(tmp_path) -> None:
    path = tmp_path / "termlist.xlsx"
    doc = "ru-wp-shared-responsibility"
    assert (
        run("glossary", "export", "--format", "xlsx", "--doc", doc, "-o", str(path)).exit_code == 0
    )
    rows = cells(path)
    assert rows[0][-1] == "Paragraphs"
    by_id = {row[0]: row for row in rows[1:]}
    assert len(by_id) == 70
    assert by_id["strategic-stability"][-1] == "14, 15, 17, 20, 21"


def test_a_colleagues_plain_sheet_is_taken(tmp_path) -> None:
    path = workbook(
        tmp_path / "colleague.xlsx",
        [
            ["english", "Chinese (Simplified)", "Note", "Client"],
            ["Missile defence", "导弹防御", "their note", "X"],
            ["missile-defence", "反导", None, None],
            [None, None, None, None],  # a blank row is skipped
            ["verification regime|verification system", "核查制度", None, None],
        ],
    )
    got = from_xlsx(str(path))
    assert [(c.id, c.en, c.zh, c.en_variants, c.note) for c in got] == [
        ("missile-defence", "Missile defence", "导弹防御", (), "their note"),
        ("missile-defence-2", "missile-defence", "反导", (), ""),
        ("verification-regime", "verification regime", "核查制度", ("verification system",), ""),
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([], "bad.xlsx: sheet 'Sheet' is empty (row 1 has no headers)"),
        (
            [["English", "Note"], ["a", "b"]],
            "bad.xlsx: sheet 'Sheet' row 1: no Chinese column (headers: English, Note)",
        ),
        (
            [["ID", "Definition"]],
            "bad.xlsx: sheet 'Sheet' row 1: no English or Chinese column (headers: ID, Definition)",
        ),
        ([["English", "Chinese"]], "bad.xlsx: sheet 'Sheet' has headers but no rows of terms"),
        (
            [["English", "Chinese"], ["a", "甲"], ["b", None]],
            "bad.xlsx: row 3: an English and a Chinese term are needed",
        ),
        (
            [["ID", "English", "Chinese"], ["Bad Id", "a", "甲"]],
            "bad.xlsx: row 2: id 'Bad Id' is not lower-case ASCII words joined by hyphens",
        ),
        (
            [["ID", "English", "Chinese"], ["x", "a", "甲"], ["x", "b", "乙"]],
            "bad.xlsx: row 3: id 'x' is given twice (first at row 2)",
        ),
    ],
)
def test_bad_workbooks_exit_2_naming_file_and_row(tmp_path, rows, message) -> None:
    workbook(tmp_path / "bad.xlsx", rows)
    result = CliRunner().invoke(cli, ["glossary", "import", str(tmp_path / "bad.xlsx")])
    assert result.exit_code == 2
    assert result.stderr == f"npt-gloss: error: {tmp_path / message}\n"


def test_a_file_that_is_no_workbook(tmp_path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("id,en,zh\n", encoding="utf-8")
    result = run("glossary", "import", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"npt-gloss: error: {path}: not a readable XLSX workbook (")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_without_openpyxl_the_extra_is_named(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl now fails
    with pytest.raises(UsageError, match=r"pip install 'npt-gloss\[xlsx\]'"):
        to_xlsx(MINI_CONCEPTS)


def test_a_missing_workbook_is_named(tmp_path) -> None:
    result = run("glossary", "import", str(tmp_path / "nope.xlsx"))
    assert result.exit_code == 2
    assert result.stderr == f"npt-gloss: error: {tmp_path / 'nope.xlsx'}: file not found\n"
