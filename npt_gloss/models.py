"""Plain records shared by every module: documents, paragraphs, glossary concepts.

Frozen dataclasses over plain data; parsing and validation live in ``corpus`` and
``glossary``, never here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The UN's six official languages: those a document's language versions can be in
# (``text/<id>.<lang>.txt``), in the order they are listed and shown.
VERSION_LANGS = ("zh", "en", "fr", "ru", "es", "ar")
# Their names, as English and as Chinese text write them.
LANG_NAMES = {
    "zh": "Chinese",
    "en": "English",
    "fr": "French",
    "ru": "Russian",
    "es": "Spanish",
    "ar": "Arabic",
}
LANG_NAMES_ZH = {
    "zh": "中文",
    "en": "英文",
    "fr": "法文",
    "ru": "俄文",
    "es": "西班牙文",
    "ar": "阿拉伯文",
}


@dataclass(frozen=True)
class Paragraph:
    """One numbered paragraph.

    ``text`` is the whole paragraph as one string: the lead text, then each dash item on a
    line of its own as ``"\\n– item"``. ``items`` repeats the items without their dash, so a
    reader can use either; offsets reported by ``find`` index ``text``.
    """

    number: int
    text: str
    items: tuple[str, ...] = ()
    line: int = 0  # line in the document file where the paragraph starts (for messages)


@dataclass(frozen=True)
class Bilingual:
    """A name given in Chinese and English (either may be empty when unknown)."""

    zh: str = ""
    en: str = ""


@dataclass(frozen=True)
class DocumentMeta:
    """What a citation needs to know about a document, from its front matter."""

    id: str
    lang: str = "zh"
    symbol: str = ""
    title: Bilingual = Bilingual()
    title_en_official: bool = False
    author: Bilingual = Bilingual()
    doc_type: Bilingual = Bilingual()  # e.g. 工作文件 / working paper
    conference: Bilingual = Bilingual()  # the meeting the document was submitted to
    conference_name: Bilingual = Bilingual()  # its formal name, e.g. "2020 Review Conference …"
    place: Bilingual = Bilingual()
    date_start: str = ""  # ISO dates of the meeting, "" when unknown
    date_end: str = ""
    year: int | None = None
    url: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Document:
    """A document: its metadata, its numbered paragraphs, where it was read from, and its
    versions in other languages (read from ``<id>.<lang>.txt`` by ``corpus.load_corpus``)."""

    meta: DocumentMeta
    paragraphs: tuple[Paragraph, ...]
    path: str = ""
    # The document's other language versions (``<id>.<lang>.txt``), same paragraph numbers.
    versions: tuple[Document, ...] = ()

    @property
    def id(self) -> str:
        return self.meta.id

    def paragraph(self, number: int) -> Paragraph:
        return self.paragraphs[number - 1]


@dataclass(frozen=True)
class Concept:
    """One glossary concept: its preferred terms in both languages and everything else known."""

    id: str
    en: str
    zh: str
    en_variants: tuple[str, ...] = ()
    zh_variants: tuple[str, ...] = ()
    abbr: tuple[str, ...] = ()
    en_deprecated: tuple[str, ...] = ()
    zh_deprecated: tuple[str, ...] = ()
    pinyin: str = ""
    domain: str = ""
    definition: str = ""
    note: str = ""
    source: str = ""
    see: tuple[str, ...] = ()
    # Forms (of this concept, either language) that are also everyday words (决定 "decide",
    # "session"): find counts them only as possible mentions unless asked.
    everyday: tuple[str, ...] = ()
    line: int = 0  # line of its [[term]] header in the glossary file
