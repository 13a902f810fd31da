"""The cached index: everything a query needs, computed once per version of the data.

Building (slow, imports OpenCC, pypinyin and the Aho–Corasick scanner) happens only when the
glossary or a document changed; a query loads one ``marshal`` file of plain lists and dicts.
The cache file name is a hash of the inputs' paths, sizes and modification times and of the
program version, so any change to an input or to the code selects a new file. Writes are
atomic (temp file and rename), so two commands starting at once at worst both build; an
unwritable cache folder costs only speed.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from npt_gloss import __version__
from npt_gloss.errors import DataError
from npt_gloss.models import Concept, Document, DocumentMeta, Paragraph
from npt_gloss.normalize import fold, fold_with_offsets, has_cjk, term_key

SCHEMA = 1
# Form kinds, stored as small ints in the cache.
KIND_NAMES = ("en", "zh", "en_variant", "zh_variant", "abbr", "en_deprecated", "zh_deprecated")
KIND = {name: code for code, name in enumerate(KIND_NAMES)}
CONCEPT_FIELDS = (
    "id", "en", "zh", "en_variants", "zh_variants", "abbr", "en_deprecated", "zh_deprecated",
    "pinyin", "domain", "definition", "note", "source", "see", "line",
)  # fmt: skip


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of a concept's form in a paragraph; offsets index ``Paragraph.text``."""

    concept: int  # index into Index.concepts
    doc: int  # index into Index.documents
    paragraph: int  # paragraph number
    start: int
    end: int
    form: str  # the text as it stands in the paragraph


@dataclass
class Index:
    """The loaded index. Plain data; the query modules read it, nothing writes it."""

    t2s: dict[str, str]
    concepts: list[tuple[Any, ...]]  # CONCEPT_FIELDS order, lists as lists
    forms: list[tuple[int, int, str]]  # (concept, kind, form)
    keys: dict[str, list[int]]  # term_key(form) -> form indices
    pinyin_keys: dict[str, list[int]]  # pinyin key of a Chinese form -> form indices
    en_keys: list[str]  # distinct keys of Latin forms, for fuzzy matching
    zh_keys: list[str]  # distinct keys of Chinese forms
    documents: list[dict[str, Any]]  # {"meta": {...}, "paragraphs": [[n, text, [items]]]}
    occurrences: list[list[tuple[int, int, int, int, str]]]  # per concept: (doc, para, s, e, form)
    _concept_cache: dict[int, Concept] = field(default_factory=dict)

    def concept(self, index: int) -> Concept:
        if index not in self._concept_cache:
            record = dict(zip(CONCEPT_FIELDS, self.concepts[index], strict=True))
            for key in ("en_variants", "zh_variants", "abbr", "en_deprecated", "zh_deprecated", "see"):
                record[key] = tuple(record[key])
            self._concept_cache[index] = Concept(**record)
        return self._concept_cache[index]

    def concept_index(self, concept_id: str) -> int | None:
        for index, record in enumerate(self.concepts):
            if record[0] == concept_id:
                return index
        return None

    def concept_occurrences(self, index: int) -> Iterator[Occurrence]:
        for doc, para, start, end, form in self.occurrences[index]:
            yield Occurrence(index, doc, para, start, end, form)

    def paragraphs_by_doc(self, index: int) -> dict[str, list[int]]:
        """{doc id: sorted paragraph numbers} where the concept occurs."""
        found: dict[str, set[int]] = {}
        for doc, para, *_ in self.occurrences[index]:
            found.setdefault(self.doc_id(doc), set()).add(para)
        return {doc: sorted(paras) for doc, paras in found.items()}

    def doc_id(self, doc: int) -> str:
        return self.documents[doc]["meta"]["id"]

    def document(self, doc: int) -> Document:
        data = self.documents[doc]
        paragraphs = tuple(Paragraph(n, text, tuple(items)) for n, text, items in data["paragraphs"])
        return Document(meta_from_dict(data["meta"]), paragraphs, data["path"])


def meta_to_dict(meta: DocumentMeta) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in vars(meta).items():
        if hasattr(value, "zh"):
            out[name] = {"zh": value.zh, "en": value.en}
        else:
            out[name] = value
    return out


def meta_from_dict(data: dict[str, Any]) -> DocumentMeta:
    from npt_gloss.models import Bilingual

    values = {
        key: Bilingual(**value) if isinstance(value, dict) and set(value) == {"zh", "en"} else value
        for key, value in data.items()
    }
    return DocumentMeta(**values)


# ---------------------------------------------------------------- building


def build_t2s() -> dict[str, str]:
    """Traditional→simplified table for every Han character that OpenCC changes."""
    import opencc

    converter = opencc.OpenCC("t2s")
    ranges = [(0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)]
    chars = [chr(code) for start, stop in ranges for code in range(start, stop)]
    converted = converter.convert("\n".join(chars)).split("\n")
    return {
        trad: simp
        for trad, simp in zip(chars, converted, strict=True)
        if trad != simp and len(simp) == 1
    }


def derive_pinyin(text: str) -> tuple[str, str]:
    """(display pinyin with tone marks, key without tones) for a Chinese term."""
    from pypinyin import Style, lazy_pinyin

    from npt_gloss.normalize import pinyin_key

    hanzi = "".join(ch for ch in text if has_cjk(ch))
    marked = " ".join(lazy_pinyin(hanzi, style=Style.TONE))
    return marked, pinyin_key(marked)


def _scan_pattern(form: str, t2s: dict[str, str]) -> str:
    """The folded form to look for in running text (book-title marks dropped)."""
    return fold(form, t2s).replace("《", "").replace("》", "").strip()


def build_index(concepts: Sequence[Concept], documents: Sequence[Document]) -> Index:
    t2s = build_t2s()
    concept_rows: list[tuple[Any, ...]] = []
    forms: list[tuple[int, int, str]] = []
    keys: dict[str, list[int]] = {}
    pinyin_keys: dict[str, list[int]] = {}
    for c_index, concept in enumerate(concepts):
        pinyin = concept.pinyin
        for kind, form in _all_forms(concept):
            f_index = len(forms)
            forms.append((c_index, KIND[kind], form))
            keys.setdefault(term_key(form, t2s), []).append(f_index)
            if kind in ("zh", "zh_variant") and has_cjk(form):
                marked, key = derive_pinyin(fold(form, t2s))
                if key:
                    pinyin_keys.setdefault(key, []).append(f_index)
                if kind == "zh" and not pinyin:
                    pinyin = marked
        row = [getattr(concept, name) for name in CONCEPT_FIELDS]
        row[CONCEPT_FIELDS.index("pinyin")] = pinyin
        concept_rows.append(tuple(list(v) if isinstance(v, tuple) else v for v in row))
    en_keys = sorted({k for k in keys if not has_cjk(k)}, key=lambda k: (len(k), k))
    zh_keys = sorted({k for k in keys if has_cjk(k)}, key=lambda k: (len(k), k))
    doc_rows = [
        {
            "meta": meta_to_dict(doc.meta),
            "path": doc.path,
            "paragraphs": [[p.number, p.text, list(p.items)] for p in doc.paragraphs],
        }
        for doc in documents
    ]
    occurrences = scan_occurrences(forms, len(concepts), documents, t2s)
    return Index(t2s, concept_rows, forms, keys, pinyin_keys, en_keys, zh_keys, doc_rows, occurrences)


def _all_forms(concept: Concept) -> Iterator[tuple[str, str]]:
    yield "en", concept.en
    yield "zh", concept.zh
    for kind in ("en_variants", "zh_variants", "abbr", "en_deprecated", "zh_deprecated"):
        name = kind[:-1] if kind.endswith("variants") else kind
        for form in getattr(concept, kind):
            yield name, form


def scan_occurrences(
    forms: Sequence[tuple[int, int, str]],
    concept_count: int,
    documents: Sequence[Document],
    t2s: dict[str, str],
) -> list[list[tuple[int, int, int, int, str]]]:
    """Every occurrence of every form, longest match first at each place.

    One Aho–Corasick pass per paragraph over the folded text, in leftmost-longest mode, so
    无核武器国家 is one occurrence of its own concept and never also one of 核武器国家.
    """
    import ahocorasick_rs

    owners: dict[str, set[int]] = {}
    # Deprecated forms are scanned too: 无核国家 is still a mention of the non-nuclear-weapon
    # States, and matching it whole keeps its 核国家 from counting as the nuclear-weapon States.
    for concept, _kind, form in forms:
        pattern = _scan_pattern(form, t2s)
        if len(pattern) >= 2:
            owners.setdefault(pattern, set()).add(concept)
    patterns = sorted(owners)
    result: list[list[tuple[int, int, int, int, str]]] = [[] for _ in range(concept_count)]
    if not patterns:
        return result
    automaton = ahocorasick_rs.AhoCorasick(
        patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    )
    for d_index, doc in enumerate(documents):
        for paragraph in doc.paragraphs:
            folded, offsets = fold_with_offsets(paragraph.text, t2s)
            for p_index, start, end in automaton.find_matches_as_indexes(folded):
                if not _at_word_boundary(folded, start, end):
                    continue
                s, e = offsets[start], offsets[end - 1] + 1
                for concept in sorted(owners[patterns[p_index]]):
                    result[concept].append((d_index, paragraph.number, s, e, paragraph.text[s:e]))
    return result


def _at_word_boundary(text: str, start: int, end: int) -> bool:
    """Latin forms must stand as whole words ("NPT" not inside "UNPTX"); Chinese need not."""
    first, last = text[start], text[end - 1]
    if first.isascii() and first.isalnum() and start > 0:
        before = text[start - 1]
        if before.isascii() and before.isalnum():
            return False
    if last.isascii() and last.isalnum() and end < len(text):
        after = text[end]
        if after.isascii() and after.isalnum():
            return False
    return True


# ---------------------------------------------------------------- caching


def _input_signature(glossary: Path, text_dir: Path) -> str:
    """Hash of what the index depends on: inputs' paths, sizes, mtimes; code version."""
    parts = [f"{SCHEMA}", __version__, sys.version.split()[0]]
    for path in [glossary, *sorted(text_dir.glob("*.txt"))] if text_dir.is_dir() else [glossary]:
        try:
            stat = path.stat()
        except OSError:
            continue
        parts.append(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def _to_plain(index: Index) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "t2s": index.t2s,
        "concepts": index.concepts,
        "forms": index.forms,
        "keys": index.keys,
        "pinyin_keys": index.pinyin_keys,
        "en_keys": index.en_keys,
        "zh_keys": index.zh_keys,
        "documents": index.documents,
        "occurrences": index.occurrences,
    }


def _from_plain(data: dict[str, Any]) -> Index:
    data = dict(data)
    data.pop("schema")
    return Index(**data)


def save_index(index: Index, path: Path) -> bool:
    """Write the cache atomically; False (and a warning) when the folder is not writable."""
    from npt_gloss.textio import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, marshal.dumps(_to_plain(index)))
    except (OSError, DataError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else exc.message
        print(f"npt-gloss: warning: cache not written ({reason}): {path.parent}", file=sys.stderr)
        return False
    return True


def load_cached(path: Path) -> Index | None:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        return None
    try:
        return _from_plain(data)
    except TypeError:
        return None


def open_index(glossary: Path, text_dir: Path, cache_folder: Path | None) -> Index:
    """The index for these inputs, from the cache when it is current, else built (and saved)."""
    if not glossary.exists():
        raise DataError("glossary file not found", glossary, hint="pass --glossary PATH")
    if glossary.is_dir():
        raise DataError("is a directory, not a glossary file", glossary)
    if not text_dir.exists():
        raise DataError("text folder not found", text_dir, hint="pass --text DIR")
    if not text_dir.is_dir():
        raise DataError("is a file, not a folder of documents", text_dir)
    cache_file = None
    if cache_folder is not None:
        cache_file = cache_folder / f"index-{_input_signature(glossary, text_dir)}.marshal"
        cached = load_cached(cache_file)
        if cached is not None:
            return cached
    from npt_gloss.corpus import load_corpus
    from npt_gloss.glossary import load_glossary

    index = build_index(load_glossary(glossary), load_corpus(text_dir))
    if cache_file is not None and os.environ.get("NPT_GLOSS_NO_CACHE_WRITE") != "1":
        save_index(index, cache_file)
    return index
