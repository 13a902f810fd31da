"""Where an ingested document goes: ``text/<id>.txt``, or beside it as a language version.

CONTRACT.md: ``text/<id>.txt`` is a document in one language; ``text/<id>.<lang>.txt`` is a
version of it in another UN language, with the same paragraph numbers. A version takes what
its own masthead does not say (the Chinese title the loader needs, the symbol, the dates)
from the document it sits beside.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from npt_gloss.corpus import read_document
from npt_gloss.errors import DataError, UsageError
from npt_gloss.models import Bilingual, Document, DocumentMeta

UN_LANGUAGES = ("zh", "en", "fr", "ru", "es", "ar")


def place(
    document: Document, text_dir: Path, source: str, *, force: bool = False
) -> tuple[Path, Document]:
    """The file ``document`` is written to under ``text_dir``, and the document to write.

    Raises :class:`DataError` naming ``source`` when a version's paragraph numbers differ
    from those of the document it joins. An existing ``<id>.txt`` that cannot be read is
    replaced only with ``force``.
    """
    doc_id, lang = document.meta.id, document.meta.lang
    base = text_dir / f"{doc_id}.txt"
    if not base.exists():
        return base, document
    try:
        existing = read_document(base)
    except DataError as exc:
        if force:
            return base, document
        raise UsageError(
            f"{base} exists and is not a readable document ({exc.message})",
            hint="use --force to overwrite it, or -o to write elsewhere",
        ) from None
    if existing.meta.lang == lang:
        return base, document  # the same document again: --force decides
    check_numbers(document, existing, source, str(base))
    merged = dataclasses.replace(document, meta=merge_meta(document.meta, existing.meta))
    return text_dir / f"{doc_id}.{lang}.txt", merged


def check_numbers(document: Document, existing: Document, source: str, other: str) -> None:
    """Raise unless both documents number their paragraphs alike."""
    ours = [p.number for p in document.paragraphs]
    theirs = [p.number for p in existing.paragraphs]
    if ours != theirs:
        raise DataError(
            f"its paragraphs 1–{len(ours)} differ from the {len(theirs)} paragraphs of {other}",
            path=source,
            hint="a language version has the same numbered paragraphs; check the source, "
            "or ingest it under another --id",
        )


def merge_meta(version: DocumentMeta, existing: DocumentMeta) -> DocumentMeta:
    """``version``'s front matter, with what it lacks taken from ``existing``."""
    changes: dict[str, object] = {}
    for field in dataclasses.fields(DocumentMeta):
        ours, theirs = getattr(version, field.name), getattr(existing, field.name)
        if isinstance(ours, Bilingual):
            changes[field.name] = Bilingual(zh=ours.zh or theirs.zh, en=ours.en or theirs.en)
        elif field.name in ("symbol", "date_start", "date_end", "url") and not ours:
            changes[field.name] = theirs
        elif field.name == "year" and ours is None:
            changes[field.name] = theirs
    return dataclasses.replace(version, **changes)


def check_loadable(document: Document, source: str) -> None:
    """Raise unless the corpus can load ``document`` (it needs a Chinese title)."""
    if not document.meta.title.zh:
        raise UsageError(
            f"{source}: a {document.meta.lang} document needs the Chinese document of the same "
            "id first",
            hint="ingest the Chinese version as ID, then this file as its version",
        )
