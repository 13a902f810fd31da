"""Drafts as "N. text" paragraphs, the document format of text/ (front matter optional)."""

from __future__ import annotations

import re

from npt_gloss.drafts import Draft
from npt_gloss.errors import DataError
from npt_gloss.models import Document, Paragraph

_NUMBERED = re.compile(r"^\s*(\d{1,4})\.\s+(.*)$")


def read(data: bytes, path: str, document: Document | None, lang: str | None) -> Draft:
    from npt_gloss.textio import decode_text

    paragraphs = parse_draft(decode_text(data, path))
    if not paragraphs:
        raise DataError("no numbered paragraph ('1. …') found", path=path)
    return Draft(tuple(paragraphs), None, "text")


def parse_draft(text: str) -> list[Paragraph]:
    """The numbered paragraphs of a draft (front matter between ``+++`` lines skipped; a
    paragraph runs to the next blank line; numbers may skip, as a draft may be partial)."""
    lines = text.replace("\r\n", "\n").removeprefix("\ufeff").split("\n")
    offset = 0
    if lines and lines[0].strip() == "+++":
        closing = next((i for i in range(1, len(lines)) if lines[i].strip() == "+++"), None)
        if closing is not None:
            lines, offset = lines[closing + 1 :], closing + 1
    paragraphs: list[Paragraph] = []
    number, start, parts = 0, 0, []
    for lineno, line in enumerate([*lines, ""], start=1 + offset):
        found = _NUMBERED.match(line)
        if found and not parts:
            number, start, parts = int(found.group(1)), lineno, [found.group(2).strip()]
        elif line.strip() and parts:
            parts.append(line.strip())
        elif not line.strip() and parts:
            paragraphs.append(Paragraph(number, "\n".join(parts), line=start))
            parts = []
    return paragraphs
