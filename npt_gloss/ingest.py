"""Number the paragraphs of a Chinese text that has no paragraph numbers, by its indentation.

``npt-gloss ingest`` reads documents with :mod:`npt_gloss.documents.layout`, which finds the
masthead, page furniture and footnotes and uses a document's own paragraph numbers; when a
document has none (the shipped paper), it numbers the body with ``build_paragraphs`` here.
``ingest_raw`` is the older whole-text entry point for such papers, kept for its callers.

PDF extraction (the seed ``paper.zh.raw.txt`` is an example) gives one line per printed line,
often with blank lines between them, a few short header lines (date and place, title,
"XXX提交的工作文件"), and no paragraph numbers. What marks a new paragraph is the printed
indent: a line that starts with whitespace. The rules, in order:

* Blank (whitespace-only) lines carry no meaning and are dropped; trailing spaces too.
* Header: the leading non-blank lines up to and including the first line of the form
  ``<author>提交的<document type>`` among the first ``MAX_HEADER_LINES`` lines; failing that,
  a leading date line (``2022 年 8 月 1 日至 26 日，纽约``) and the line after it (the title);
  failing that, no header. ``header_lines=`` overrides this with an exact count of
  non-blank lines. The title is the header without its date and author lines; date, place,
  author and document type are read from those lines when present.
* Body: a dash line (``– `` or ``- ``) starts an item of the current paragraph. An indented
  line starts a new paragraph, unless the previous line did not end a sentence (。！？；：”
  …): a page break can leave a stray leading space on a line that continues the sentence
  above (seed lines 193–194). Any other line continues the current item or paragraph; the
  pieces are joined with no space next to CJK characters (``corpus.join_wrapped``).
* Paragraphs are numbered 1..N in order.

Running headers, footers and page numbers are not removed here: ``documents.layout`` does
that before it calls ``build_paragraphs``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from npt_gloss.corpus import ParagraphBuilder, is_document_id, item_text, join_wrapped
from npt_gloss.errors import DataError, UsageError
from npt_gloss.models import Bilingual, Document, DocumentMeta, Paragraph

MAX_HEADER_LINES = 6
# Characters that end a sentence (or a clause that a new paragraph may follow).
SENTENCE_END = frozenset("。！？；：…!?;:.”’")
# Closing brackets and quotes that may follow the sentence end: "……。）".
_CLOSERS = ")）]】》〉」』\"'”’"
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")

_AUTHOR_LINE_RE = re.compile(
    r"(?P<author>[^。，；：,;:]{1,60}?)提交的(?P<type>[^。，；：,;:]{1,20})"
)
_DATE_LINE_RE = re.compile(
    r"(?P<y>[0-9]{4})\s*年\s*(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*日"
    r"(?:\s*[至–—-]\s*(?:(?P<y2>[0-9]{4})\s*年\s*)?(?:(?P<m2>[0-9]{1,2})\s*月\s*)?"
    r"(?P<d2>[0-9]{1,2})\s*日)?"
    r"\s*(?:[，,]\s*(?P<place>.+))?"
)


@dataclass(frozen=True)
class RawLine:
    """A non-blank line of the raw text."""

    number: int  # 1-based line number in the raw text
    text: str  # without leading and trailing whitespace
    indented: bool  # the printed line started with whitespace (a paragraph indent)


@dataclass(frozen=True)
class Header:
    """What the header lines say; empty strings where they say nothing."""

    title: str = ""
    author: str = ""
    doc_type: str = ""
    place: str = ""
    date_start: str = ""
    date_end: str = ""
    year: int | None = None


def ingest_raw(
    raw: str,
    *,
    doc_id: str,
    header_lines: int | None = None,
    title_zh: str | None = None,
    author_zh: str | None = None,
    source: str = "<raw>",
    **overrides: Any,
) -> Document:
    """Build a Document from PDF-extracted text (see the module docstring for the rules).

    ``title_zh`` and ``author_zh`` replace the Chinese title and author read from the
    header; ``overrides`` are DocumentMeta fields (``title=Bilingual(...)``, ``symbol=…``)
    and replace the derived values wholesale. ``source`` names the raw text in messages.
    Each paragraph's ``line`` is where it starts in the raw text; ``path`` is empty.
    """
    if not is_document_id(doc_id):
        # Checked first: the id becomes the file name, and a document the loader would
        # reject (or a path such as ../x) must never be written.
        raise UsageError(
            f"invalid document id {doc_id!r}",
            hint="use letters, digits, '-', '_' and '.', starting with a letter or digit",
        )
    for what, given in (("title", title_zh), ("author", author_zh)):
        if given is not None and _SURROGATE_RE.search(given):  # undecodable argument bytes
            raise UsageError(f"the {what} is not valid text", hint="give it in UTF-8")
    lines = raw_lines(raw)
    count = detect_header(lines) if header_lines is None else header_lines
    if not 0 <= count <= len(lines):
        raise DataError(f"header_lines={count} is outside 0..{len(lines)}", path=source)
    header = read_header([line.text for line in lines[:count]])
    meta = _meta(doc_id, header, title_zh, author_zh, overrides)
    if not meta.title.zh:
        raise DataError(
            "no title found in the header",
            path=source,
            hint="pass the title explicitly",
        )
    return Document(meta, build_paragraphs(lines[count:], source))


def raw_lines(raw: str) -> list[RawLine]:
    """The non-blank lines of ``raw``, stripped, each marked indented or not."""
    out = []
    for number, line in enumerate(raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        line = line.lstrip("\f")  # a form feed is a page break, not an indent
        text = line.strip()
        if text:
            out.append(RawLine(number, text, indented=line[:1].isspace()))
    return out


def detect_header(lines: Sequence[RawLine]) -> int:
    """How many leading non-blank lines are header lines (see the module docstring)."""
    for index, line in enumerate(lines[:MAX_HEADER_LINES]):
        if _AUTHOR_LINE_RE.fullmatch(line.text):
            return index + 1
    if lines and _DATE_LINE_RE.fullmatch(lines[0].text):
        return min(2, len(lines))
    return 0


def read_header(texts: Sequence[str]) -> Header:
    """Title, author, type, place and dates from the header lines."""
    values: dict[str, Any] = {}
    title = ""
    for text in texts:
        author = _AUTHOR_LINE_RE.fullmatch(text)
        date = _DATE_LINE_RE.fullmatch(text)
        if author and "author" not in values:
            values["author"] = author.group("author").strip()
            values["doc_type"] = author.group("type").strip()
        elif date and "date_start" not in values:
            values.update(_dates(date))
        else:
            title = join_wrapped(title, text)  # a long title may wrap over lines
    return Header(title=title, **values)


def _dates(match: re.Match[str]) -> dict[str, Any]:
    year, month = int(match["y"]), int(match["m"])
    try:
        start = dt.date(year, month, int(match["d"]))
        end = start
        if match["d2"]:
            end = dt.date(int(match["y2"] or year), int(match["m2"] or month), int(match["d2"]))
    except ValueError:  # 2022 年 13 月: not a date after all; keep only the place
        return {"place": (match["place"] or "").strip()}
    return {
        "date_start": start.isoformat(),
        "date_end": end.isoformat(),
        "year": start.year,
        "place": (match["place"] or "").strip(),
    }


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence, allowing closing brackets after the stop."""
    if text and text[-1] in SENTENCE_END:
        return True
    core = text.rstrip(_CLOSERS)
    return bool(core) and core != text and core[-1] in SENTENCE_END


def build_paragraphs(lines: Sequence[RawLine], source: str = "<raw>") -> tuple[Paragraph, ...]:
    """Group body lines into numbered paragraphs with their dash items."""
    done: list[Paragraph] = []
    current: ParagraphBuilder | None = None
    previous = ""
    for line in lines:
        item = item_text(line.text)
        if item is not None:
            if current is None:
                raise DataError(
                    "a dash item comes before any paragraph",
                    path=source,
                    line=line.number,
                )
            current.items.append(item)  # an empty item is kept so no text is lost
        elif current is None or (line.indented and ends_sentence(previous)):
            if current is not None:
                done.append(current.finish(source))
            current = ParagraphBuilder(len(done) + 1, line.number)
            current.add_text(line.text)
        else:
            current.add_text(line.text)
        previous = line.text
    if current is not None:
        done.append(current.finish(source))
    if not done:
        raise DataError("no paragraphs found after the header", path=source)
    return tuple(done)


def _meta(
    doc_id: str,
    header: Header,
    title_zh: str | None,
    author_zh: str | None,
    overrides: dict[str, Any],
) -> DocumentMeta:
    meta = DocumentMeta(
        id=doc_id,
        title=Bilingual(zh=header.title),
        author=Bilingual(zh=header.author),
        doc_type=Bilingual(zh=header.doc_type),
        place=Bilingual(zh=header.place),
        date_start=header.date_start,
        date_end=header.date_end,
        year=header.year,
    )
    meta = dataclasses.replace(meta, **overrides)
    if title_zh is not None:
        meta = dataclasses.replace(meta, title=dataclasses.replace(meta.title, zh=title_zh))
    if author_zh is not None:
        meta = dataclasses.replace(meta, author=dataclasses.replace(meta.author, zh=author_zh))
    return meta
