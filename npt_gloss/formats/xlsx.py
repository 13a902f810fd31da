"""XLSX: the glossary as an Excel workbook in the layout that CAT tools' Excel imports take.

What the tools expect (from their documentation):

* memoQ imports an Excel sheet straight into a term base: each row becomes one entry, each
  column one field; with "first row contains field names" it maps the columns by their
  headers, a column may hold several alternative terms split by a character the user names
  ("Split alternatives in field by"), and any column can be mapped or left out by hand.
* Trados (MultiTerm Convert, the Glossary Converter, the cloud termbases) likewise takes one
  entry per row with a header row; each header is declared a *language field* (with its
  locale) or a *descriptive field*; synonyms sit in the same cell, separated by "|" by
  default. A "Concept ID" column must hold integers, so our slug ids are not offered as one.

So the layout chosen, one sheet "Glossary", one row per concept, header row first:

=====================  ==============================================================
``ID``                 the concept id (a descriptive field to the tools)
``English``            every admitted English form, the preferred term first, "|"
                       between them (variants, then Latin abbreviations)
``Chinese``            the same for Chinese (Chinese abbreviations last)
``Abbreviations``      which of those forms are abbreviations, "|" between them
``English deprecated`` forms to avoid, kept out of the language columns so that a plain
``Chinese deprecated`` import does not make them admitted terms (map them to memoQ's
                       "forbidden" or a Trados status field if wanted)
``Definition``         ``Domain``  ``Note``  ``Source``  ``Pinyin``: as in the glossary
``See also``           related concept ids, "|" between them
``Everyday forms``     forms that are also everyday words, "|" between them
``Paragraphs``         only in a document's termlist (``--doc``)
=====================  ==============================================================

The language columns are named by language ("English", "Chinese"), which both tools
recognise as language fields; the preferred term comes first because both tools take the
first term of a cell as the entry's main term. Reading takes this layout back without loss;
it also takes a colleague's simpler sheet: only "English" and "Chinese" are required
(headers compared without case; "en", "zh", "zh-CN" … also do), and a missing id is made
from the English term.

openpyxl is an optional dependency (the ``xlsx`` extra), imported only here.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from npt_gloss.errors import DataError, UsageError
from npt_gloss.models import Concept

SHEET = "Glossary"
SEPARATOR = "|"
# (header, field): the columns in order; the language columns are assembled apart.
TEXT_COLUMNS = (
    ("Definition", "definition"),
    ("Domain", "domain"),
    ("Note", "note"),
    ("Source", "source"),
    ("Pinyin", "pinyin"),
)
LIST_COLUMNS = (
    ("English deprecated", "en_deprecated"),
    ("Chinese deprecated", "zh_deprecated"),
    ("See also", "see"),
    ("Everyday forms", "everyday"),
)
HEADERS = (
    "ID",
    "English",
    "Chinese",
    "Abbreviations",
    "English deprecated",
    "Chinese deprecated",
    *(header for header, _ in TEXT_COLUMNS),
    "See also",
    "Everyday forms",
)
_ENGLISH = {"english", "en", "en-us", "en-gb", "eng"}
_CHINESE = {
    "chinese",
    "zh",
    "zh-cn",
    "zh-hans",
    "zho",
    "chi",
    "chinese (simplified)",
    "chinese (prc)",
    "chinese (china)",
}
INSTALL_HINT = "pip install 'npt-gloss[xlsx]'"


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise UsageError(f"XLSX needs openpyxl, the 'xlsx' extra: {INSTALL_HINT}") from None
    return openpyxl


# ---------------------------------------------------------------- writing


def to_xlsx(concepts: Iterable[Concept], paragraphs: dict[str, str] | None = None) -> bytes:
    """The concepts as an XLSX workbook (bytes); ``paragraphs`` adds that column."""
    openpyxl = _openpyxl()
    from openpyxl.cell import WriteOnlyCell

    # Rows first, so that a form the layout cannot hold is refused before a workbook is
    # half written.
    rows = [_row(concept) for concept in concepts]
    if paragraphs is not None:
        for row in rows:
            row.append(paragraphs.get(row[0], ""))
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    sheet.append([*HEADERS, *(["Paragraphs"] if paragraphs is not None else [])])
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value or None)
            if value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _row(concept: Concept) -> list[str]:
    english = [a for a in concept.abbr if a.isascii()]
    chinese = [a for a in concept.abbr if not a.isascii()]
    row = [
        concept.id,
        _join(concept.id, [concept.en, *concept.en_variants, *english]),
        _join(concept.id, [concept.zh, *concept.zh_variants, *chinese]),
        _join(concept.id, concept.abbr),
        _join(concept.id, concept.en_deprecated),
        _join(concept.id, concept.zh_deprecated),
    ]
    row += [getattr(concept, name) for _, name in TEXT_COLUMNS]
    row += [_join(concept.id, concept.see), _join(concept.id, concept.everyday)]
    return row


def _join(concept_id: str, forms: Sequence[str]) -> str:
    for form in forms:
        if SEPARATOR in form:
            raise DataError(
                f"concept '{concept_id}': form '{form}' contains '{SEPARATOR}', the XLSX "
                "separator between forms"
            )
    return SEPARATOR.join(dict.fromkeys(forms))


# ---------------------------------------------------------------- reading


def from_xlsx(path: str) -> list[Concept]:
    """Concepts from the first sheet of a workbook (the layout above, or any sheet with
    "English" and "Chinese" columns); errors name the file and the row."""
    openpyxl = _openpyxl()
    from zipfile import BadZipFile

    from openpyxl.utils.exceptions import InvalidFileException

    from npt_gloss.textio import read_bytes

    data = read_bytes(path)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise DataError(f"not a readable XLSX workbook ({exc})", path=path) from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None or not any(_cell(v) for v in header):
            raise DataError(f"sheet '{sheet.title}' is empty (row 1 has no headers)", path=path)
        columns = _columns(header, path, sheet.title)
        concepts = []
        for number, values in enumerate(rows, start=2):
            cells = [_cell(v) for v in values]
            if any(cells):
                concepts.append(_concept(cells, columns, number, path))
    finally:
        book.close()
    if not concepts:
        raise DataError(f"sheet '{sheet.title}' has headers but no rows of terms", path=path)
    return _with_ids(concepts)


def _cell(value: object) -> str:
    return "" if value is None else str(value).strip()


def _columns(header: Sequence[object], path: str, title: str) -> dict[str, int]:
    """Field name → column index, from the header row."""
    found: dict[str, int] = {}
    by_header = {h.lower(): name for h, name in [*TEXT_COLUMNS, *LIST_COLUMNS]}
    by_header.update({"id": "id", "abbreviations": "abbr", "paragraphs": "paragraphs"})
    for index, raw in enumerate(header):
        text = _cell(raw).lower()
        name = "en" if text in _ENGLISH else "zh" if text in _CHINESE else by_header.get(text)
        if name and name not in found:
            found[name] = index
    missing = [label for label, name in (("English", "en"), ("Chinese", "zh")) if name not in found]
    if missing:
        raise DataError(
            f"sheet '{title}' row 1: no {' or '.join(missing)} column "
            f"(headers: {', '.join(_cell(h) for h in header if _cell(h)) or 'none'})",
            path=path,
        )
    return found


def _concept(cells: list[str], columns: dict[str, int], number: int, path: str) -> Concept:
    def get(name: str) -> str:
        index = columns.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    english, chinese = _split(get("en")), _split(get("zh"))
    if not (english and chinese):
        raise DataError(f"row {number}: an English and a Chinese term are needed", path=path)
    abbr = _split(get("abbr"))
    return Concept(
        id=get("id"),
        en=english[0],
        zh=chinese[0],
        en_variants=tuple(f for f in english[1:] if f not in abbr),
        zh_variants=tuple(f for f in chinese[1:] if f not in abbr),
        abbr=tuple(abbr),
        **{name: get(name) for _, name in TEXT_COLUMNS},
        **{name: tuple(_split(get(name))) for _, name in LIST_COLUMNS},
        line=number,
    )


def _split(cell: str) -> list[str]:
    return list(dict.fromkeys(part.strip() for part in cell.split(SEPARATOR) if part.strip()))


def _with_ids(concepts: list[Concept]) -> list[Concept]:
    """Give a concept without an id one made from its English term (unique in the file)."""
    from dataclasses import replace

    taken = {c.id for c in concepts if c.id}
    out = []
    for concept in concepts:
        if not concept.id:
            base = re.sub(r"[^a-z0-9]+", "-", concept.en.lower()).strip("-") or "term"
            made, n = base, 1
            while made in taken:
                n += 1
                made = f"{base}-{n}"
            taken.add(made)
            concept = replace(concept, id=made)
        out.append(concept)
    return out
