"""One entry point for ``ingest``: a PDF or an extracted text in, a reading and its report out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from npt_gloss.corpus import is_document_id
from npt_gloss.documents.layout import Reading, read_layout, text_lines
from npt_gloss.errors import DataError, UsageError

# Masthead field -> the name the report gives it.
_FIELD_NAMES = {
    "symbol": "symbol",
    "distributed": "distribution date",
    "version_lang": "language",
    "original": "original language",
    "body": "conference",
    "session": "session",
    "place": "place",
    "date_start": "dates",
    "agenda_item": "agenda item",
    "agenda": "agenda title",
    "title": "title",
    "author": "author",
    "doc_type": "type",
}
_WANTED = ("symbol", "title", "author", "date_start")


@dataclass(frozen=True)
class Source:
    """What was read, from where: the reading, the kind of file and its page count."""

    reading: Reading
    kind: str  # "PDF" or "text"
    pages: int
    path: str


def is_pdf(path: Path) -> bool:
    """A PDF by its name or its first bytes (an extracted text may be named anything)."""
    if path.suffix.lower() == ".pdf":
        return True
    try:
        if not path.is_file():  # a FIFO would block here; read_text names a directory
            return False
        with path.open("rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:  # a name too long, no permission …: read_text says what is wrong
        return False


def read_source(
    path: Path,
    *,
    doc_id: str,
    lang: str | None = None,
    title: str | None = None,
    author: str | None = None,
) -> Source:
    """Read the PDF or extracted text at ``path`` as document ``doc_id``."""
    if not is_document_id(doc_id):
        raise UsageError(
            f"invalid document id {doc_id!r}",
            hint="use letters, digits, '-', '_' and '.', starting with a letter or digit",
        )
    if is_pdf(path):
        from npt_gloss.documents.pdf import read_pdf

        lines, pages, kind = *read_pdf(path), "PDF"
    else:
        from npt_gloss.textio import read_text

        lines = text_lines(read_text(path))
        pages, kind = (lines[-1].page if lines else 1), "text"
    reading = read_layout(
        lines, doc_id=doc_id, source=str(path), lang=lang, title=title, author=author
    )
    meta = reading.document.meta
    if not (meta.title.zh or meta.title.en or meta.extra.get("title")):
        raise DataError(
            "no title found in the masthead",
            path=path,
            hint="pass it with --title",
        )
    return Source(reading, kind, pages, str(path))


def report(source: Source) -> str:
    """A few lines saying what was read (the fields found, the counts, what was dropped)."""
    reading = source.reading
    document = reading.document
    found = [_FIELD_NAMES[name] for name in _FIELD_NAMES if name in reading.masthead.found]
    missing = [_FIELD_NAMES[name] for name in _WANTED if name not in reading.masthead.found]
    items = sum(len(p.items) for p in document.paragraphs)
    numbering = "own numbers" if reading.numbering == "own" else "numbered by indentation"
    pages = f"{source.pages} page{'s' if source.pages != 1 else ''}"
    lines = [
        f"read {source.path} ({source.kind}, {pages}, {document.meta.lang})",
        f"  masthead: {', '.join(found) or 'nothing recognised'}"
        + (f"; not found: {', '.join(missing)}" if missing else ""),
        f"  {len(document.paragraphs)} paragraphs ({numbering}), {items} items, "
        f"{len(reading.headings)} headings, {len(reading.footnotes)} footnotes, "
        f"{reading.furniture} lines of page furniture dropped",
    ]
    if reading.left_out:
        lines.append(
            f"  {len(reading.left_out)} unnumbered lines outside any paragraph left out, "
            f"the first: {reading.left_out[0][:60]}"
        )
    return "\n".join(lines)
