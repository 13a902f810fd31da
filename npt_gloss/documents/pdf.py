"""A PDF's text as positioned lines (page, left edge, baseline, font size), with pypdfium2.

Why pypdfium2 and not pdfminer.six/pdfplumber: measured on UN-style PDFs printed in the tests'
way (tests/unpdf.py; Chinese in the CID font STSong-Light, English in Times), both map every
character back to the right Unicode text and give the same font sizes, but pypdfium2 (PDFium,
the engine of Chrome's viewer, as a self-contained wheel) read a 32-page Chinese PDF in 1.2 s
and a 34-page English one in 2.2 s where pdfminer.six took 3.1 s and 5.8 s on the same shared
machine; the latter alone is over the 5 s budget for a 30-page document. PDFium also says
plainly why a file cannot be opened (wrong password, damaged data), which the error messages
below use. It is imported lazily: only ``ingest`` of a PDF needs it.

Characters are grouped into lines by baseline, and a line is cut into segments where a gap is
wider than a few characters (the masthead's left and right columns share baselines). Small
raised characters inside a line are footnote references: they leave the text and are kept in
``Line.marks``; at the start of a line (a footnote's own number) they stay as text.
"""

from __future__ import annotations

import ctypes
import dataclasses
import os
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from npt_gloss.corpus import is_wide
from npt_gloss.documents.lines import Line
from npt_gloss.errors import DataError

# A gap wider than this many font sizes separates two segments of one baseline.
SEGMENT_GAP = 2.5
# A gap wider than this (in font sizes) between two characters is a space between words.
SPACE_GAP = 0.2
_SPACES = frozenset((0x20, 0x0D, 0x0A, 0xA0, 0x3000, 0xFFFE, 0))
# Smaller than this share of the line's size and raised: a footnote reference.
SUPERSCRIPT_SIZE = 0.8


class _Char(NamedTuple):  # a tuple: tens of thousands are made per document
    text: str
    left: float
    right: float
    baseline: float  # from the bottom of the page, as PDF coordinates go
    size: float
    space_before: bool  # a space (printed, or one PDFium judged a gap to be) came before it


def read_pdf(path: str | os.PathLike[str]) -> tuple[list[Line], int]:
    """The positioned lines of the PDF at ``path`` and its page count.

    Raises :class:`DataError` naming the file for a file that is not a PDF, a damaged or
    truncated PDF, an encrypted one, and one with no text at all (a scan needs OCR first).
    """
    path = Path(path)
    data = _read_bytes(path)
    pdfium = _open(data, path)
    try:
        lines: list[Line] = []
        for index in range(len(pdfium)):
            lines += _page_lines(pdfium, index, len(lines))
        if not lines:
            raise DataError(
                "the PDF has no text layer (a scanned image?)",
                path=path,
                hint="run OCR on it first (e.g. ocrmypdf), then ingest the result",
            )
        return lines, len(pdfium)
    finally:
        pdfium.close()


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refused with one line when they cannot be a whole PDF."""
    from npt_gloss.textio import read_bytes

    data = read_bytes(path)
    if not data.lstrip()[:5] == b"%PDF-":
        raise DataError(
            "not a PDF (it does not start with %PDF-)",
            path=path,
            hint="give a PDF, or the document's extracted text as a .txt file",
        )
    if b"%%EOF" not in data[-2048:]:
        raise DataError(
            "the PDF is truncated (no end-of-file marker)",
            path=path,
            hint="download it again",
        )
    return data


def _open(data: bytes, path: Path):  # -> pypdfium2.PdfDocument
    import pypdfium2
    import pypdfium2.raw as raw

    try:
        return pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise DataError(
                "the PDF is encrypted with a password",
                path=path,
                hint="save an unprotected copy (e.g. qpdf --decrypt) and ingest that",
            ) from None
        if code == raw.FPDF_ERR_SECURITY:
            raise DataError(
                "the PDF uses an unsupported security handler",
                path=path,
                hint="save an unprotected copy and ingest that",
            ) from None
        raise DataError(
            "the PDF is damaged and cannot be read",
            path=path,
            hint="download it again, or ingest its extracted text instead",
        ) from None


def _page_lines(pdfium, index: int, first_number: int) -> list[Line]:
    page = pdfium[index]
    try:
        height = page.get_height()
        textpage = page.get_textpage()
        try:
            chars = _chars(textpage)
        finally:
            textpage.close()
    finally:
        page.close()
    found = [
        line
        for group in _baseline_groups(chars)
        for segment in _segments(group)
        if (line := _line(segment, index + 1, height)) is not None
    ]
    # Reading order is top to bottom, then left to right: a running header drawn last in the
    # content stream still comes first.
    found.sort(key=lambda line: (round(line.top or 0.0), line.x or 0.0))
    return [dataclasses.replace(line, number=first_number + n) for n, line in enumerate(found, 1)]


def _chars(textpage) -> list[_Char]:
    import pypdfium2.raw as raw

    handle = textpage.raw
    count = raw.FPDFText_CountChars(handle)
    # All the text in one call: one UTF-16 unit per character index.
    buffer = (ctypes.c_ushort * (count + 1))()
    raw.FPDFText_GetText(handle, 0, count, buffer)
    box = raw.FS_RECTF()  # the loose box spans the glyph's advance, so touching glyphs touch
    x, y = ctypes.c_double(), ctypes.c_double()
    get_box, get_origin = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharOrigin
    get_size = raw.FPDFText_GetFontSize
    out: list[_Char] = []
    space = False
    for i in range(count):
        code = buffer[i]
        if code in _SPACES:  # printed or PDFium's own: a hint for the next character
            space = space or (code != 0x0D and code != 0x0A)
            continue
        if 0xD800 <= code <= 0xDFFF:
            code = raw.FPDFText_GetUnicode(handle, i)
            if 0xD800 <= code <= 0xDFFF:  # the second half of a pair already read
                continue
        get_box(handle, i, box)
        get_origin(handle, i, x, y)
        out.append(_Char(chr(code), box.left, box.right, y.value, get_size(handle, i), space))
        space = False
    return out


def _baseline_groups(chars: list[_Char]) -> list[list[_Char]]:
    """Characters in content order cut where the baseline moves by more than half a line."""
    groups: list[list[_Char]] = []
    base, size = None, 0.0
    for char in chars:
        if base is None or abs(char.baseline - base) > 0.5 * max(size, char.size):
            groups.append([])
            base, size = char.baseline, char.size
        elif char.size > size:  # a raised small mark must not move the line's baseline
            base, size = char.baseline, char.size
        groups[-1].append(char)
    return groups


def _segments(group: list[_Char]) -> list[list[_Char]]:
    ordered = sorted(group, key=lambda c: c.left)
    out: list[list[_Char]] = [[]]
    for char in ordered:
        previous = out[-1][-1] if out[-1] else None
        if previous and char.left - previous.right > SEGMENT_GAP * max(char.size, previous.size):
            out.append([])
        out[-1].append(char)
    return out


def _line(chars: list[_Char], page: int, height: float) -> Line | None:
    size = Counter(c.size for c in chars).most_common(1)[0][0]
    base = next(c.baseline for c in chars if c.size == size)
    pieces: list[str] = []
    marks: list[str] = []
    previous: _Char | None = None
    for char in chars:
        raised = char.size < SUPERSCRIPT_SIZE * size and char.baseline - base > 0.15 * size
        if raised and pieces:
            marks.append(char.text)  # a reference mark inside the text leaves it
            continue
        if previous is not None and _spaced(previous, char):
            pieces.append(" ")
        pieces.append(char.text)
        if raised:
            pieces.append(" ")  # a footnote's own number, raised at the start of its line
        previous = char
    text = " ".join("".join(pieces).split())
    if not text:
        return None
    return Line(
        text=text,
        number=0,  # set once the page's lines are in reading order
        page=page,
        x=chars[0].left,
        top=height - base,
        size=size,
        page_height=height,
        marks=_joined_marks(marks),
    )


def _spaced(previous: _Char, char: _Char) -> bool:
    if not (char.space_before or char.left - previous.right > SPACE_GAP * char.size):
        return False
    # None between two Chinese characters; one between a figure and Chinese stays for now
    # ("1 见…" is how a footnote starts): typography takes it out of Chinese paragraphs.
    return not (is_wide(previous.text) and is_wide(char.text))


def _joined_marks(marks: list[str]) -> tuple[str, ...]:
    """Adjacent mark characters form one mark: "1", "2" raised side by side are "12"."""
    return ("".join(marks),) if marks else ()
