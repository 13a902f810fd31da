"""Two-column TSV drafts: source, tab, target (a CAT tool's or a spreadsheet's export).

A row whose source opens with "N. " is paragraph N (an "N. " opening the target is dropped
too). Otherwise, against a document, the row belongs to the paragraph whose text holds its
source, compared without case, width or white space, looking from the previous row's
paragraph on (a sentence-per-row file follows the document); without a document, it is
paragraph "row number". A first row naming the columns (source/target, or two language
codes) is a header; its second code is the draft's language. Further columns are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from npt_gloss.drafts import Draft, checked_language, joined
from npt_gloss.errors import DataError
from npt_gloss.models import Document

_LEADING = re.compile(r"^\s*(\d{1,4})\.\s+")
_HEADER_WORDS = {"source", "target", "src", "tgt", "trg", "original", "translation"}
_LANGUAGE = re.compile(r"(?i)(?:zh|en|fr|ru|es|ar)(?:[-_][a-z0-9]{2,8})*")  # UN languages


def read(data: bytes, path: str, document: Document | None, lang: str | None) -> Draft:
    from npt_gloss.textio import decode_text

    rows = decode_text(data, path).replace("\r\n", "\n").split("\n")
    declared = None
    pieces: list[tuple[int, str, int]] = []
    paragraphs = list(document.paragraphs) if document is not None else []
    keys = [_key(p.text) for p in paragraphs]
    at, row_number = 0, 0
    for line, row in enumerate(rows, start=1):
        if not row.strip():
            continue
        fields = row.split("\t")
        if len(fields) < 2:
            raise DataError(
                "expected two tab-separated columns (source, target)", path=path, line=line
            )
        source, target = fields[0].strip(), fields[1].strip()
        if not pieces and row_number == 0 and _is_header(source, target):
            declared = _declared(target, path, line)
            row_number = -1  # the header is no row of text
            continue
        row_number = max(row_number, 0) + 1
        leading = _LEADING.match(source)
        if leading:
            number = int(leading.group(1))
        elif document is not None:
            at = _paragraph_of(source, keys, at, path, line, document.meta.id)
            number = paragraphs[at].number
        else:
            number = row_number
        pieces.append((number, _LEADING.sub("", target, count=1), line))
    return Draft(joined(pieces), declared, "tsv")


def _key(text: str) -> str:
    from npt_gloss.normalize import fold

    return re.sub(r"\s+", "", fold(text, {}))


def _paragraph_of(
    source: str, keys: Sequence[str], at: int, path: str, line: int, doc_id: str
) -> int:
    """The position of the paragraph that holds ``source``: the first from ``at`` on, else
    the first of all."""
    key = _key(source)
    if key:
        for position in [*range(at, len(keys)), *range(at)]:
            if key in keys[position]:
                return position
    raise DataError(
        f"the source text of this row is in no paragraph of document '{doc_id}'",
        path=path,
        line=line,
        hint='start it with the paragraph number ("14. …")',
    )


def _is_header(source: str, target: str) -> bool:
    names = {source.lower(), target.lower()}
    return names <= _HEADER_WORDS or all(_LANGUAGE.fullmatch(name) for name in (source, target))


def _declared(target: str, path: str, line: int) -> str | None:
    if target.lower() in _HEADER_WORDS:
        return None
    return checked_language(target, path, line)
