"""Translation drafts that ``check`` reads: one module per format behind one interface.

Every module has ``read(data, path, document, lang) -> Draft``: ``data`` the file's bytes,
``document`` the source when ``--doc`` names one (None otherwise), ``lang`` the draft's
language when ``--lang`` gives it. :func:`read_draft` picks the module by the file's name and
content (:func:`detect`). A new format is one new module and one line in ``READERS``.

How a draft's pieces find their paragraphs:

* ``text`` ("N. text" paragraphs, as in text/): the number that opens each paragraph;
* ``xliff`` (1.2 and 2.x) and ``tmx``: the unit's name, else its id — XLIFF 1.2
  ``trans-unit`` ``resname``, else ``id``; XLIFF 2.x ``unit`` ``name``, else ``id``; TMX
  ``tu`` ``tuid`` — must carry the paragraph number (:func:`paragraph_number`): ``14``,
  ``p14``, ``para-14``, ``¶14``, and with a segment number after it ``14.2`` or ``p14-2``.
  Several units of one paragraph are joined in file order;
* ``tsv`` (source, tab, target): a row whose source opens with "N. " is paragraph N;
  otherwise, against a document, the paragraph whose text holds the row's source (after
  normalisation; the first one from the previous row's paragraph on), and without a
  document, the row's own number.

A piece without a paragraph number, malformed XML, or a row that fits no paragraph is bad
input (:class:`DataError` naming the file and line). A unit without a translation counts as
untranslated.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from npt_gloss.errors import DataError
from npt_gloss.models import Document, Paragraph

READERS = {
    "text": "npt_gloss.drafts.text",
    "xliff": "npt_gloss.drafts.xliff",
    "tmx": "npt_gloss.drafts.tmx",
    "tsv": "npt_gloss.drafts.tsv",
}
_EXTENSIONS = {
    ".xlf": "xliff", ".xliff": "xliff", ".sdlxliff": "xliff", ".mqxliff": "xliff",
    ".tmx": "tmx", ".tsv": "tsv", ".tab": "tsv", ".txt": "text", ".md": "text",
}  # fmt: skip
LANGUAGES = ("en", "zh")  # the glossary's languages: what a draft can be checked in


@dataclass(frozen=True)
class Draft:
    """A draft's translated paragraphs (``line``: where each starts in the file), the
    language the file declares for them (None when it does not), and its format."""

    paragraphs: tuple[Paragraph, ...]
    lang: str | None
    format: str


def read_draft(path: str, document: Document | None = None, lang: str | None = None) -> Draft:
    """The draft in the file at ``path``, whatever its format. A file that cannot be read
    (missing, a directory, no permission, an impossible name) is one :class:`DataError`
    naming it, worded as for every other file (:func:`npt_gloss.textio.read_bytes`)."""
    from npt_gloss.textio import read_bytes

    data = read_bytes(path)
    kind = detect(path, data)
    module = importlib.import_module(READERS[kind])
    draft: Draft = module.read(data, path, document, lang)
    if not draft.paragraphs:
        raise DataError(f"no translated paragraph found in this {kind} draft", path=path)
    return draft


_XML_ROOT = re.compile(r"<(?:[\w.-]+:)?(xliff|tmx)[\s>/]")


def detect(path: str, data: bytes) -> str:
    """The draft's format: XML content by its root element (XLIFF or TMX), else by the
    file's extension, else ``tsv`` when most lines hold a tab and none opens a numbered
    paragraph, else ``text``."""
    head = _head(data)
    by_name = _EXTENSIONS.get(Path(path).suffix.lower())
    if head.lstrip().startswith("<"):
        found = _XML_ROOT.search(head)
        if found:
            return found.group(1)
        if by_name in ("xliff", "tmx"):
            return by_name  # its reader says what is wrong with it
        raise DataError("an XML file that is neither XLIFF nor TMX", path=path)
    if by_name is not None:
        return by_name
    lines = [line for line in head.splitlines() if line.strip()]
    numbered = any(re.match(r"\s*\d{1,4}\.\s", line) for line in lines)
    tabbed = sum("\t" in line for line in lines)
    return "tsv" if lines and not numbered and tabbed * 2 > len(lines) else "text"


def _head(data: bytes) -> str:
    """The first few kilobytes as text, enough to tell a format (UTF-16 XML included)."""
    start = data[:4096]
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        return start.decode("utf-16", errors="ignore")
    return start.decode("utf-8", errors="ignore").lstrip("\ufeff")


_NUMBER = re.compile(r"(?i)(?:¶|§|p|para|paragraph)?[\s._-]?(\d{1,4})(?:[.:_-]\d+)*")


def paragraph_number(value: str | None) -> int | None:
    """The paragraph number an id or name carries ("14", "p14", "para-14", "¶14", "14.2",
    "p14-2"), or None."""
    found = _NUMBER.fullmatch((value or "").strip())
    if found is None or int(found.group(1)) == 0:
        return None
    return int(found.group(1))


def joined(pieces: Iterable[tuple[int, str, int]]) -> tuple[Paragraph, ...]:
    """Paragraphs from (number, text, line) pieces: one paragraph's pieces joined in file
    order, each paragraph at its first piece's line, in the order numbers first appear;
    pieces with no text count as untranslated."""
    texts: dict[int, list[str]] = {}
    lines: dict[int, int] = {}
    for number, text, line in pieces:
        text = text.strip()
        if not text:
            continue
        texts.setdefault(number, []).append(text)
        lines.setdefault(number, line)
    return tuple(Paragraph(n, "\n".join(parts), line=lines[n]) for n, parts in texts.items())


def language_code(value: str | None) -> str | None:
    """ "en-US" -> "en", "zh_Hans_CN" -> "zh"; None for nothing."""
    if not value:
        return None
    return re.split(r"[-_]", value.strip(), maxsplit=1)[0].lower() or None


def checked_language(value: str | None, path: str, line: int | None = None) -> str | None:
    """A declared language the glossary has (en, zh), None when none is declared; another
    one is bad input, since there would be nothing to check it against."""
    code = language_code(value)
    if code is None or code in LANGUAGES:
        return code
    raise DataError(
        f"the draft is in '{value}', but the glossary has only English and Chinese",
        path=path,
        line=line,
    )


def guess_language(paragraphs: Sequence[Paragraph]) -> str:
    """zh when at least a third of the draft's characters are Chinese, else en."""
    text = "".join(p.text for p in paragraphs)
    chinese = len(_HAN.findall(text))  # one regex pass: a draft is tens of thousands of chars
    return "zh" if chinese > len(text) / 3 else "en"


_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
