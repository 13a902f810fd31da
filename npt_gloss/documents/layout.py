"""A UN document's layout: masthead, page furniture, footnotes, headings and paragraphs.

The same rules serve a PDF (lines with their place on the page, from ``pdf``) and an
extracted text (lines in order; form feeds separate pages), in this order:

1. **Page furniture** is dropped: job numbers ("22-11345 (C)", "GE.22-11345"), barcode lines
   ("*2211345*"), page numbers ("2", "2/5"; in a PDF only in the top or bottom tenth of the
   page) and the symbol repeated at the top of later pages.
2. **Footnotes** leave the text. In a PDF they are the lines set smaller than the body, below
   the page's last body line; their reference marks were raised small figures, already out
   of the text. In an extracted text they are lines that start with a mark ("*", "1 ") just
   before a page's furniture or end; their marks ("实施1，") are taken out of the paragraph
   they follow. They are kept in the front matter as ``footnotes = [...]``.
3. **Masthead**: the lines up to the author line ("…提交的工作文件", "Working paper
   submitted by …"), else up to the first paragraph number; ``masthead`` reads them.
4. **Paragraphs**: when the body has its own numbers ("1." alone on a line or before the
   text, full-width "１．"), a paragraph starts at each next number in sequence (in a PDF,
   only a number standing where the first one stood); lines starting with "–", "—", "-" or
   "•" are its items; everything else continues it, across page breaks. A heading ("一、…",
   "（一）…", "I. …", "A. …", or a short line that does not end a sentence, stands at the
   number column in a PDF or comes just before the next number) ends the paragraph and is
   not one. Without numbers, the indentation rules of :mod:`npt_gloss.ingest` number them.
5. **Chinese typography** is restored in a Chinese document (``typography``).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from npt_gloss.corpus import ParagraphBuilder, join_wrapped
from npt_gloss.documents.lines import Line
from npt_gloss.documents.masthead import SYMBOL_RE, Masthead, is_author_line, read_masthead
from npt_gloss.documents.typography import restore_chinese
from npt_gloss.errors import DataError
from npt_gloss.ingest import RawLine, build_paragraphs, detect_header, ends_sentence
from npt_gloss.models import Bilingual, Document, DocumentMeta, Paragraph

MAX_MASTHEAD_LINES = 40
# Share of the page height at its top and bottom where running heads and page numbers sit.
MARGIN_ZONE = 0.1
SMALLER = 0.9  # footnotes are set at most this share of the body's size
MAX_FOOTNOTE_LINES = 6  # lines one footnote block may take at the foot of a text page

_JOB_RE = re.compile(r"(?:GE\.)?[0-9]{2}-[0-9]{5}(?:\s*\([A-Z]\))?(?:\s+[0-9]{6}){0,2}\s*")
_BARCODE_RE = re.compile(r"\*[0-9]{6,}\*")
_PAGE_RE = re.compile(r"[0-9]{1,3}(?:\s*/\s*[0-9]{1,3})?|Page\s+[0-9]{1,3}|第\s*[0-9]{1,3}\s*页")
_RECYCLE_RE = re.compile(r"Please recycle|请回收|Merci de recycler", re.IGNORECASE)
_NUMBER_RE = re.compile(r"(?P<n>[0-9０-９]{1,3})[.．](?![0-9０-９])\s*(?P<rest>.*)")
_ITEM_RE = re.compile(r"(?:[–•·]\s*|—(?!—)\s*|-\s+)(?P<text>\S.*)")
_HEADING_RE = re.compile(
    r"(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[IVX]{1,5}\.\s|[A-H]\.\s)(?:\S|$)"
)
# "* text" (the mark may touch the text) or "1 text" (a figure needs the space: "2015年…" is
# no footnote).
_FOOTNOTE_RE = re.compile(r"(?:(?P<mark>\*{1,3}|[†‡])\s*|(?P<number>[0-9]{1,2})\s+)\S.*")
_CJK_RE = re.compile(r"[\u3400-\u9fff]")
_BROKEN_WORD_RE = re.compile(r"[A-Za-z]-$")
_HEADING_MAX = 80  # characters: longer unnumbered lines are text, not headings


@dataclass(frozen=True)
class Reading:
    """A document read from a UN layout, with what the reading found (for the report)."""

    document: Document
    masthead: Masthead
    numbering: str  # "own" (the document's numbers) or "indentation"
    headings: tuple[str, ...]
    footnotes: tuple[str, ...]
    furniture: int  # lines dropped as page furniture
    left_out: tuple[str, ...]  # unnumbered lines outside any paragraph (before 1, say)


def text_lines(raw: str) -> list[Line]:
    """An extracted text's non-blank lines; a form feed starts a new page."""
    out, page = [], 1
    for number, line in enumerate(raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        for index, piece in enumerate(line.split("\f")):
            page += index > 0  # what follows a form feed is on the next page
            text = piece.strip()
            if text:
                out.append(Line(text, number, page=page, indented=piece[:1].isspace()))
    return out


def read_layout(
    lines: Sequence[Line],
    *,
    doc_id: str,
    source: str,
    lang: str | None = None,
    title: str | None = None,
    author: str | None = None,
) -> Reading:
    """Read a document from ``lines`` (see the module docstring); ``source`` names it in
    errors, ``lang`` overrides the language found, ``title``/``author`` the masthead's."""
    if not lines:
        raise DataError("no text found", path=source, hint="is it the right file?")
    symbol = _symbol(lines)
    furniture = [_is_furniture(line, index, symbol, lines) for index, line in enumerate(lines)]
    notes = _footnote_flags(lines, furniture)
    kept = [line for i, line in enumerate(lines) if not furniture[i] and not notes[i]]
    footnotes = _footnote_texts(lines, notes)
    count = _masthead_count(kept)
    masthead = read_masthead(kept[:count])
    body = kept[count:]
    lang = lang or masthead.version_lang or _script_language(body)
    if _has_own_numbers(body):
        paragraphs, headings, left_out = _numbered(body, source)
        numbering = "own"
    else:
        raws = _indentation(body)
        if not raws:
            raise DataError(
                "no paragraphs found after the masthead",
                path=source,
                hint="paragraphs start with their number ('1.') or an indent; "
                "is the whole document there?",
            )
        paragraphs, headings, left_out = build_paragraphs(raws, source), (), ()
        numbering = "indentation"
    if lines[0].x is None:
        paragraphs = _without_marks(paragraphs, footnotes, lang)
    if lang == "zh":
        paragraphs = tuple(_restored(p) for p in paragraphs)
        masthead = _restored_masthead(masthead)
    meta = _meta(doc_id, lang, masthead, title, author, footnotes)
    return Reading(
        Document(meta, paragraphs),
        masthead,
        numbering,
        headings,
        footnotes,
        sum(furniture),
        left_out,
    )


# --------------------------------------------------------------------------- furniture


def _symbol(lines: Sequence[Line]) -> str:
    """The symbol as the masthead prints it (top of the first page), else ""."""
    for line in lines[:MAX_MASTHEAD_LINES]:
        if line.page != 1:
            break
        words = line.text.split()
        if words and SYMBOL_RE.fullmatch(words[-1]):
            return words[-1]
    return ""


def _is_furniture(line: Line, index: int, symbol: str, lines: Sequence[Line]) -> bool:
    text = line.text
    if _JOB_RE.fullmatch(text) or _BARCODE_RE.fullmatch(text) or _RECYCLE_RE.fullmatch(text):
        return True
    if _PAGE_RE.fullmatch(text):
        return _in_margin(line)
    if symbol and symbol in text.split() and _repeated(line, index, symbol, lines):
        return True
    return False


def _in_margin(line: Line) -> bool:
    if line.top is None or not line.page_height:
        return True  # an extracted text: a line that is only a page number is one
    share = line.top / line.page_height
    return share < MARGIN_ZONE or share > 1 - MARGIN_ZONE


def _repeated(line: Line, index: int, symbol: str, lines: Sequence[Line]) -> bool:
    """The symbol (with a page number at most) again after the masthead printed it."""
    rest = line.text.replace(symbol, "").strip()
    if rest and not _PAGE_RE.fullmatch(rest):
        return False
    return any(symbol in earlier.text.split() for earlier in lines[:index])


# --------------------------------------------------------------------------- footnotes


def _footnote_flags(lines: Sequence[Line], furniture: Sequence[bool]) -> list[bool]:
    if lines and lines[0].size is not None:
        return _small_print(lines, furniture)
    return _text_footnotes(lines, furniture)


def _small_print(lines: Sequence[Line], furniture: Sequence[bool]) -> list[bool]:
    """PDF: lines set smaller than the body, below the last body line of their page."""
    body = _body_size(lines, furniture)
    lowest: dict[int, float] = {}
    for line, dropped in zip(lines, furniture, strict=True):
        if not dropped and line.size and line.size >= SMALLER * body:
            lowest[line.page] = max(lowest.get(line.page, 0.0), line.top or 0.0)
    return [
        not dropped
        and bool(line.size)
        and line.size < SMALLER * body  # type: ignore[operator]
        and (line.top or 0.0) > lowest.get(line.page, 0.0)
        for line, dropped in zip(lines, furniture, strict=True)
    ]


def _body_size(lines: Sequence[Line], furniture: Sequence[bool]) -> float:
    weights: dict[float, int] = {}
    for line, dropped in zip(lines, furniture, strict=True):
        if not dropped and line.size:
            weights[round(line.size, 1)] = weights.get(round(line.size, 1), 0) + len(line.text)
    return max(weights, key=lambda size: weights[size]) if weights else 0.0


def _text_footnotes(lines: Sequence[Line], furniture: Sequence[bool]) -> list[bool]:
    """Extracted text: blocks starting with a mark just before furniture or a page's end."""
    flags = [False] * len(lines)
    for end in range(len(lines)):
        last_of_page = end + 1 == len(lines) or lines[end + 1].page != lines[end].page
        if furniture[end] or not (last_of_page or furniture[end + 1]):
            continue
        _mark_block_above(lines, furniture, flags, end)
    return flags


def _mark_block_above(
    lines: Sequence[Line], furniture: Sequence[bool], flags: list[bool], end: int
) -> None:
    """Flag the footnote blocks that end at ``end`` (inclusive), stacked upwards."""
    while end > 0 and not furniture[end]:
        start = None
        for i in range(end, max(end - MAX_FOOTNOTE_LINES, 0), -1):
            if furniture[i]:
                break  # a block never runs across furniture
            if _starts_footnote(lines[i].text):
                start = i
                break
        if start is None:
            return
        for i in range(start, end + 1):
            flags[i] = True
        end = start - 1


def _starts_footnote(text: str) -> bool:
    return bool(
        _FOOTNOTE_RE.fullmatch(text) and not _NUMBER_RE.fullmatch(text) and not is_author_line(text)
    )


def _footnote_texts(lines: Sequence[Line], flags: Sequence[bool]) -> tuple[str, ...]:
    notes: list[str] = []
    for line, flag in zip(lines, flags, strict=True):
        if not flag:
            continue
        if _FOOTNOTE_RE.fullmatch(line.text) or not notes:
            notes.append(line.text)
        else:
            notes[-1] = join_wrapped(notes[-1], line.text)
    return tuple(notes)


def _without_marks(
    paragraphs: tuple[Paragraph, ...], footnotes: Sequence[str], lang: str
) -> tuple[Paragraph, ...]:
    """Extracted text: take each numbered footnote's mark out of the first paragraph that
    has it right after a word or a clause ("实施1，", "stages,1 and")."""
    out = list(paragraphs)
    for note in footnotes:
        match = _FOOTNOTE_RE.fullmatch(note)
        if match is None or not match["number"]:
            continue
        mark = match["number"]
        pattern = re.compile(
            rf"(?<=[\u3400-\u9fff》”）)])({mark})(?=[，。；：、）)])"
            if lang == "zh"
            else rf"(?<=[A-Za-z.,;:)”\"])({mark})(?=\s|$)"
        )
        for index, paragraph in enumerate(out):
            if pattern.search(paragraph.text):
                out[index] = _map_text(paragraph, lambda text, p=pattern: p.sub("", text, 1))
                break
    return tuple(out)


# --------------------------------------------------------------------------- masthead


def _masthead_count(lines: Sequence[Line]) -> int:
    """How many leading lines are the masthead (see the module docstring)."""
    first_number = None
    for index, line in enumerate(lines[:MAX_MASTHEAD_LINES]):
        if line.page != 1:
            break
        if is_author_line(line.text):
            return index + 1
        match = _NUMBER_RE.fullmatch(line.text)
        if match and _digit(match["n"]) == 1:
            first_number = index
            break
    if first_number is not None:
        while first_number > 0 and _HEADING_RE.match(lines[first_number - 1].text):
            first_number -= 1  # a heading before paragraph 1 belongs to the body
        return first_number
    return detect_header([RawLine(line.number, line.text, line.indented) for line in lines])


# --------------------------------------------------------------------------- paragraphs


def _digit(text: str) -> int:
    return int(unicodedata.normalize("NFKC", text))


def _has_own_numbers(body: Sequence[Line]) -> bool:
    for line in body:
        match = _NUMBER_RE.fullmatch(line.text)
        if match:
            return _digit(match["n"]) == 1
    return False


def _numbered(
    body: Sequence[Line], source: str
) -> tuple[tuple[Paragraph, ...], tuple[str, ...], tuple[str, ...]]:
    done: list[Paragraph] = []
    headings: list[str] = []
    left_out: list[str] = []
    current: ParagraphBuilder | None = None
    number_x: float | None = None
    previous = ""  # the last text line read, for "did it end a sentence?"
    after_heading = False
    for index, line in enumerate(body):
        expected = len(done) + (current is not None) + 1
        match = _NUMBER_RE.fullmatch(line.text)
        if match and _digit(match["n"]) == expected and _at_number_column(line, number_x):
            if current is not None:
                done.append(current.finish(source))
            number_x = line.x if number_x is None else number_x
            current = ParagraphBuilder(expected, line.number)
            current.add_text(match["rest"])
            previous, after_heading = match["rest"], False
            continue
        item = _ITEM_RE.fullmatch(line.text)
        if item and current is not None:
            current.items.append(item["text"])
            previous, after_heading = line.text, False
            continue
        if after_heading and current is None and not ends_sentence(headings[-1]):
            headings[-1] = join_wrapped(headings[-1], line.text)  # a heading wrapped
            continue
        if _is_heading(body, index, previous, current, number_x, expected):
            if current is not None:
                done.append(current.finish(source))
                current = None
            headings.append(line.text)
            previous, after_heading = line.text, True
            continue
        if current is None:
            left_out.append(line.text)
        else:
            _continue(current, line.text)
        previous, after_heading = line.text, False
    if current is not None:
        done.append(current.finish(source))
    return tuple(done), tuple(headings), tuple(left_out)


def _continue(current: ParagraphBuilder, text: str) -> None:
    """Add a wrapped line; "non-" at a line end and "proliferation" after it make one word."""
    last = current.items[-1] if current.items else current.lead
    if _BROKEN_WORD_RE.search(last) and text[:1].isalpha():
        if current.items:
            current.items[-1] += text
        else:
            current.lead += text
        return
    current.add_text(text)


def _at_number_column(line: Line, number_x: float | None) -> bool:
    if number_x is None or line.x is None or line.size is None:
        return True
    return abs(line.x - number_x) < line.size


def _is_heading(
    body: Sequence[Line],
    index: int,
    previous: str,
    current: ParagraphBuilder | None,
    number_x: float | None,
    expected: int,
) -> bool:
    line = body[index]
    text = line.text
    if len(text) > _HEADING_MAX or ends_sentence(text) or _ITEM_RE.fullmatch(text):
        return False
    if current is not None and not ends_sentence(previous):
        return False  # the paragraph's sentence runs on: this line continues it
    if _HEADING_RE.match(text):
        return True
    if line.x is not None and number_x is not None and line.size is not None:
        at_margin = abs(line.x - number_x) < line.size
        if at_margin and (current is None or _starts_next(body, index + 1, expected)):
            return True
    return _starts_next(body, index + 1, expected)


def _starts_next(body: Sequence[Line], index: int, expected: int) -> bool:
    if index >= len(body):
        return False
    match = _NUMBER_RE.fullmatch(body[index].text)
    return bool(match) and _digit(match["n"]) == expected  # type: ignore[index]


def _indentation(body: Sequence[Line]) -> list[RawLine]:
    """Body lines for the indentation rules; in a PDF, indented means right of the margin."""
    xs = [line.x for line in body if line.x is not None]
    margin = min(xs) if xs else None
    return [
        RawLine(
            line.number,
            line.text,
            indented=line.indented
            if margin is None or line.x is None
            else line.x - margin > 0.5 * (line.size or 10.0),
        )
        for line in body
    ]


# --------------------------------------------------------------------------- the document


def _script_language(body: Sequence[Line]) -> str:
    text = "".join(line.text for line in body[:200])
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "zh"
    if len(_CJK_RE.findall(text)) > 0.2 * len(letters):
        return "zh"
    if sum("\u0400" <= c <= "\u04ff" for c in letters) > 0.5 * len(letters):
        return "ru"
    if sum("\u0600" <= c <= "\u06ff" for c in letters) > 0.5 * len(letters):
        return "ar"
    return "en"


def _map_text(paragraph: Paragraph, change: Any) -> Paragraph:
    items = tuple(change(item) for item in paragraph.items)
    lead = paragraph.text.split("\n– ")[0] if paragraph.items else paragraph.text
    text = change(lead) + "".join(f"\n– {item}" for item in items)
    return dataclasses.replace(paragraph, text=text, items=items)


def _restored(paragraph: Paragraph) -> Paragraph:
    return _map_text(paragraph, restore_chinese)


def _restored_masthead(masthead: Masthead) -> Masthead:
    fields = ("body", "session", "place", "agenda", "title", "author", "doc_type")
    return dataclasses.replace(
        masthead, **{name: restore_chinese(getattr(masthead, name)) for name in fields}
    )


def _meta(
    doc_id: str,
    lang: str,
    masthead: Masthead,
    title: str | None,
    author: str | None,
    footnotes: Sequence[str],
) -> DocumentMeta:
    named = {
        "title": title if title is not None else masthead.title,
        "author": author if author is not None else masthead.author,
        "doc_type": masthead.doc_type,
        "conference_name": masthead.body,
        "place": masthead.place,
    }
    extra: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for name, text in named.items():
        if lang in ("zh", "en"):
            values[name] = Bilingual(**{lang: text})
        elif text:  # another UN language: kept beside zh/en, as title.fr = "…"
            key = "type" if name == "doc_type" else name
            extra[key] = {lang: text}
    for key in ("distributed", "original", "session", "agenda_item"):
        if getattr(masthead, key):
            extra[key] = getattr(masthead, key)
    if masthead.agenda:
        extra["agenda"] = {lang: masthead.agenda}
    if footnotes:
        extra["footnotes"] = list(footnotes)
    return DocumentMeta(
        id=doc_id,
        lang=lang,
        symbol=masthead.symbol,
        title_en_official=lang == "en" and bool(named["title"]),
        date_start=masthead.date_start,
        date_end=masthead.date_end,
        year=masthead.year,
        extra=extra,
        **values,
    )
