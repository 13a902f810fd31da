"""The cached index: everything a query needs, computed once per version of the data.

Building (slow; imports OpenCC, pypinyin and the Aho–Corasick scanner) happens only when the
glossary or a document changed. The result is one binary image (see :mod:`npt_gloss.store`)
that a query maps into memory and reads lazily: a lookup in a 100,000-concept glossary
decodes a few hash buckets and records, never the whole index. A freshly built index is
read through the very same image, so cached and uncached answers cannot differ.

The cache file name is a hash of the inputs' paths, sizes and modification times and of the
program and Python versions, so any change to an input or to the code selects a new file;
the newest few files are kept and older ones removed. Writes are atomic (temporary file and
rename), so two commands starting at once at worst both build; an unwritable cache folder
costs only speed (and a warning).
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from npt_gloss import __version__
from npt_gloss.errors import DataError
from npt_gloss.models import Concept, Document, DocumentMeta, Paragraph
from npt_gloss.normalize import fold, fold_char, fold_with_offsets, has_cjk, term_key
from npt_gloss.store import CorruptImage, Image, ImageWriter

SCHEMA = 2
CACHE_PREFIX = "index-"
CACHE_SUFFIX = ".npti"
KEEP_CACHE_FILES = 4  # newest cache files kept per folder (several data sets in turn)
# Form kinds, stored as small ints in the cache.
KIND_NAMES = ("en", "zh", "en_variant", "zh_variant", "abbr", "en_deprecated", "zh_deprecated")
KIND = {name: code for code, name in enumerate(KIND_NAMES)}
CONCEPT_FIELDS = (
    "id", "en", "zh", "en_variants", "zh_variants", "abbr", "en_deprecated", "zh_deprecated",
    "pinyin", "domain", "definition", "note", "source", "see", "line",
)  # fmt: skip
_TUPLE_FIELDS = ("en_variants", "zh_variants", "abbr", "en_deprecated", "zh_deprecated", "see")


class Occurrence(NamedTuple):
    """One occurrence of a concept's form in a paragraph; offsets index ``Paragraph.text``."""

    concept: int  # index into Index.concepts
    doc: int  # index into Index.documents
    paragraph: int  # paragraph number
    start: int
    end: int
    form: str  # the text as it stands in the paragraph


class Index:
    """The loaded index: read-only views over one image; the query modules read it.

    ``concepts``, ``forms``, ``documents`` and ``occurrences`` are sequences decoded item by
    item; ``keys`` and ``pinyin_keys`` are read-only dicts; ``en_keys`` and ``zh_keys`` are
    the distinct lookup keys of Latin and of Chinese forms, sorted by length, with
    ``en_starts[n]`` / ``zh_starts[n]`` the position of the first key longer than ``n - 1``
    characters; ``en_grams`` (trigrams) and ``zh_grams`` (characters and character pairs)
    map a gram to the sorted positions (``array('I')`` bytes) of the keys containing it.
    """

    def __init__(self, image: Image) -> None:
        self.image = image
        info = image.value("info")
        self.t2s: dict[str, str] = image.value("t2s")
        self.doc_ids: list[str] = info["doc_ids"]
        self.en_starts: list[int] = info["en_starts"]
        self.zh_starts: list[int] = info["zh_starts"]
        self.concepts = image.records("concepts")  # CONCEPT_FIELDS order, lists as lists
        self.forms = image.records("forms")  # (concept, kind, form)
        self.keys = image.table("keys")  # term_key(form) -> form indices
        self.pinyin_keys = image.table("pinyin_keys")  # pinyin key of a Chinese form -> forms
        self.en_keys = image.lines("en_keys")
        self.zh_keys = image.lines("zh_keys")
        self.en_grams = image.table("en_grams")
        self.zh_grams = image.table("zh_grams")
        # {"meta": {...}, "path": str, "paragraphs": [[n, text, [items]]]}
        self.documents = image.records("documents")
        # per document: [[paragraph position, folded text]] where folding changes the text
        self.folded = image.records("folded")
        # per concept: [(doc, paragraph, start, end, form)]
        self.occurrences = image.records("occurrences")
        self._concept_cache: dict[int, Concept] = {}
        self._doc_positions: dict[str, int] | None = None

    def concept(self, index: int) -> Concept:
        if index not in self._concept_cache:
            record = dict(zip(CONCEPT_FIELDS, self.concepts[index], strict=True))
            for key in _TUPLE_FIELDS:
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
        found: dict[int, set[int]] = {}
        for doc, para, *_ in self.occurrences[index]:
            found.setdefault(doc, set()).add(para)
        return {self.doc_ids[doc]: sorted(paras) for doc, paras in found.items()}

    def doc_id(self, doc: int) -> str:
        return self.doc_ids[doc]

    def doc_index(self, doc_id: str) -> int | None:
        """The position of the document with this id, or None."""
        if self._doc_positions is None:
            self._doc_positions = {d: i for i, d in enumerate(self.doc_ids)}
        return self._doc_positions.get(doc_id)

    def document(self, doc: int) -> Document:
        data = self.documents[doc]
        paragraphs = tuple(Paragraph(n, text, tuple(items)) for n, text, items in data["paragraphs"])
        return Document(meta_from_dict(data["meta"]), paragraphs, data["path"])

    def paragraph_text(self, doc: int, number: int) -> str:
        """The text of paragraph ``number`` of document ``doc`` (numbers run 1, 2, 3 …)."""
        paragraphs = self.documents[doc]["paragraphs"]
        if 0 < number <= len(paragraphs) and paragraphs[number - 1][0] == number:
            return paragraphs[number - 1][1]
        for n, text, _items in paragraphs:
            if n == number:
                return text
        raise KeyError(f"{self.doc_ids[doc]} has no paragraph {number}")


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
    from npt_gloss.normalize import pinyin_key

    hanzi = "".join(ch for ch in text if has_cjk(ch))
    marked = " ".join(_pinyin_syllables(hanzi))
    return marked, pinyin_key(marked)


def _pinyin_syllables(hanzi: str) -> list[str]:
    """pypinyin's ``lazy_pinyin(hanzi, style=TONE)``, without its per-call overhead.

    The same segmentation (forward maximum matching over pypinyin's phrase dictionary) and
    the same readings (the phrase's, else each character's first); anything unusual is
    handed to pypinyin itself.
    """
    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS
    from pypinyin.seg.mmseg import seg

    if not hanzi or not RE_HANS.match(hanzi) or not PHRASES_DICT:
        return lazy_pinyin(hanzi, style=Style.TONE)
    out: list[str] = []
    for word in seg.cut(hanzi):
        phrase = PHRASES_DICT.get(word)
        if phrase is not None and len(phrase) == len(word):
            out.extend(readings[0] for readings in phrase)
            continue
        for ch in word:
            readings = PINYIN_DICT.get(ord(ch))
            if readings is None:
                return lazy_pinyin(hanzi, style=Style.TONE)
            out.append(readings.split(",", 1)[0])
    return out


def _scan_pattern(form: str, t2s: dict[str, str]) -> str:
    """The folded form to look for in running text (book-title marks dropped)."""
    return fold(form, t2s).replace("《", "").replace("》", "").strip()


class _Folder:
    """``fold_with_offsets`` for running text, fast when every character folds to one.

    Then the folded text is one ``str.translate`` and the offsets are the identity (None);
    text with a character that folds to more or fewer characters (ß, ligatures, some
    compatibility forms) takes the general path.
    """

    def __init__(self, t2s: dict[str, str]) -> None:
        self.t2s = t2s
        self.known: set[str] = set()
        self.table: dict[int, str] = {}
        self.uneven: set[str] = set()

    def __call__(self, text: str) -> tuple[str, list[int] | None]:
        for ch in set(text) - self.known:
            folded = fold_char(ch, self.t2s)
            self.known.add(ch)
            if len(folded) != 1:
                self.uneven.add(ch)
            elif folded != ch:
                self.table[ord(ch)] = folded
        if self.uneven and not self.uneven.isdisjoint(text):
            return fold_with_offsets(text, self.t2s)
        return text.translate(self.table), None


def build_index(concepts: Sequence[Concept], documents: Sequence[Document]) -> Index:
    """Build the index in memory (read through the same image a cache file holds)."""
    return Index(Image(build_image(concepts, documents, signature="")))


def build_image(concepts: Sequence[Concept], documents: Sequence[Document], signature: str) -> bytes:
    t2s = build_t2s()
    writer = ImageWriter()
    forms: list[tuple[int, int, str]] = []
    keys: dict[str, list[int]] = {}
    pinyin_keys: dict[str, list[int]] = {}
    concept_rows = []
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
    writer.records("concepts", concept_rows)
    del concept_rows
    writer.records("forms", forms)
    writer.table("keys", {k: tuple(v) for k, v in keys.items()})
    writer.table("pinyin_keys", {k: tuple(v) for k, v in pinyin_keys.items()})
    del pinyin_keys
    en_keys = sorted((k for k in keys if not has_cjk(k)), key=lambda k: (len(k), k))
    zh_keys = sorted((k for k in keys if has_cjk(k)), key=lambda k: (len(k), k))
    del keys
    writer.lines("en_keys", en_keys)
    writer.lines("zh_keys", zh_keys)
    writer.table("en_grams", _postings(en_keys, en_grams))
    writer.table("zh_grams", _postings(zh_keys, zh_grams))
    occurrences, folded = scan_occurrences(forms, len(concepts), documents, t2s)
    del forms
    writer.records("occurrences", occurrences)
    del occurrences
    writer.records("folded", folded)
    writer.records(
        "documents",
        (
            {
                "meta": meta_to_dict(doc.meta),
                "path": doc.path,
                "paragraphs": [[p.number, p.text, list(p.items)] for p in doc.paragraphs],
            }
            for doc in documents
        ),
    )
    writer.value("t2s", t2s)
    writer.value(
        "info",
        {
            "doc_ids": [doc.id for doc in documents],
            "en_starts": _length_starts(en_keys),
            "zh_starts": _length_starts(zh_keys),
        },
    )
    return writer.finish({"schema": SCHEMA, "signature": signature})


def _all_forms(concept: Concept) -> Iterator[tuple[str, str]]:
    yield "en", concept.en
    yield "zh", concept.zh
    for kind in ("en_variants", "zh_variants", "abbr", "en_deprecated", "zh_deprecated"):
        name = kind[:-1] if kind.endswith("variants") else kind
        for form in getattr(concept, kind):
            yield name, form


def en_grams(key: str) -> set[str]:
    """The trigrams of a Latin key, with a space at each end (so short words have some)."""
    padded = f" {key} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def zh_grams(key: str) -> set[str]:
    """The characters and character pairs of a Chinese key."""
    return set(key) | {key[i : i + 2] for i in range(len(key) - 1)}


def _postings(keys: Sequence[str], grams: Any) -> dict[str, bytes]:
    from array import array

    found: dict[str, list[int]] = {}
    for position, key in enumerate(keys):
        for gram in grams(key):
            found.setdefault(gram, []).append(position)
    return {gram: array("I", positions).tobytes() for gram, positions in found.items()}


def _length_starts(keys: Sequence[str]) -> list[int]:
    """starts[n] = position of the first key of at least n characters (keys sorted by length)."""
    longest = len(keys[-1]) if keys else 0
    starts = [0] * (longest + 2)
    position = 0
    for length in range(longest + 2):
        while position < len(keys) and len(keys[position]) < length:
            position += 1
        starts[length] = position
    return starts


def scan_occurrences(
    forms: Sequence[tuple[int, int, str]],
    concept_count: int,
    documents: Sequence[Document],
    t2s: dict[str, str],
) -> tuple[list[list[tuple[int, int, int, int, str]]], list[list[tuple[int, str]]]]:
    """Every occurrence of every (non-deprecated) form, longest match first at each place.

    One Aho–Corasick pass per paragraph over the folded text, in leftmost-longest mode, so
    无核武器国家 is one occurrence of its own concept and never also one of 核武器国家.
    Also returns, per document, the folded text of each paragraph that folding changes
    (for literal search; other paragraphs are their own folded text).
    """
    import ahocorasick_rs

    owners: dict[str, set[int]] = {}
    scannable = (KIND["en"], KIND["zh"], KIND["en_variant"], KIND["zh_variant"], KIND["abbr"])
    for concept, kind, form in forms:
        pattern = _scan_pattern(form, t2s)
        if kind in scannable and len(pattern) >= 2:
            owners.setdefault(pattern, set()).add(concept)
    patterns = sorted(owners)
    owner_lists = [sorted(owners[p]) for p in patterns]
    del owners
    result: list[list[tuple[int, int, int, int, str]]] = [[] for _ in range(concept_count)]
    automaton = (
        ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        if patterns
        else None
    )
    folder = _Folder(t2s)
    folded_texts: list[list[tuple[int, str]]] = []
    for d_index, doc in enumerate(documents):
        changed: list[tuple[int, str]] = []
        for p_position, paragraph in enumerate(doc.paragraphs):
            text = paragraph.text
            folded, offsets = folder(text)
            if folded != text:
                changed.append((p_position, folded))
            if automaton is None:
                continue
            for p_index, start, end in automaton.find_matches_as_indexes(folded):
                if not _at_word_boundary(folded, start, end):
                    continue
                s, e = (start, end) if offsets is None else (offsets[start], offsets[end])
                for concept in owner_lists[p_index]:
                    result[concept].append((d_index, paragraph.number, s, e, text[s:e]))
        folded_texts.append(changed)
    return result, folded_texts


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
    parts = [f"{SCHEMA}", __version__, sys.version.split()[0], sys.byteorder]
    try:
        stat = glossary.stat()
        parts.append(f"{glossary.resolve()}|{stat.st_size}|{stat.st_mtime_ns}")
    except OSError:
        parts.append(str(glossary))
    # The same files load_corpus reads: *.txt, not hidden. One scandir, no per-file resolve.
    folder = text_dir.resolve()
    entries = []
    try:
        with os.scandir(folder) as found:
            for entry in found:
                if entry.name.endswith(".txt") and not entry.name.startswith("."):
                    try:
                        stat = entry.stat()
                    except OSError:
                        continue
                    entries.append(f"{entry.name}|{stat.st_size}|{stat.st_mtime_ns}")
    except OSError:
        pass
    parts.append(str(folder))
    parts.extend(sorted(entries))
    return _digest("\n".join(parts))


def _digest(text: str) -> str:
    try:  # blake2b without hashlib: hashlib loads OpenSSL, which costs a query ~3 ms
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - other Pythons
        from hashlib import blake2b
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def save_image(image: bytes, path: Path) -> bool:
    """Write the cache atomically; False (and a warning) when the folder is not writable."""
    from npt_gloss.textio import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, image)
    except (OSError, DataError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else exc.message
        print(f"npt-gloss: warning: cache not written ({reason}): {path.parent}", file=sys.stderr)
        return False
    prune_cache(path.parent, keep=path)
    return True


def prune_cache(folder: Path, keep: Path | None = None, newest: int = KEEP_CACHE_FILES) -> None:
    """Remove all but the ``newest`` cache files (and temporary files over an hour old)."""
    import time

    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    caches = []
    for entry in entries:
        name = entry.name
        try:
            mtime = entry.stat().st_mtime
        except OSError:
            continue
        if name.startswith(CACHE_PREFIX) and name.endswith((CACHE_SUFFIX, ".marshal")):
            if keep is None or name != keep.name:
                caches.append((mtime, name))
        elif name.startswith(f".{CACHE_PREFIX}") and name.endswith(".tmp"):
            if time.time() - mtime > 3600:  # left by a killed writer
                _remove(folder / name)
    caches.sort(reverse=True)
    for _, name in caches[newest - (keep is not None) :]:
        _remove(folder / name)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def load_cached(path: Path, signature: str | None = None) -> Index | None:
    """The index in ``path``, or None when it is missing, unreadable, stale or corrupt."""
    import mmap

    try:
        with open(path, "rb") as handle:
            buffer: Any = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing, unreadable, or empty (mmap refuses size 0)
        return None
    try:
        image = Image(buffer)
        header = image.header
        if header.get("schema") != SCHEMA:
            return None
        if signature is not None and header.get("signature") != signature:
            return None
        return Index(image)
    except (CorruptImage, KeyError, TypeError, ValueError, EOFError, IndexError):
        return None


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError as exc:  # e.g. a name too long for the file system
        raise DataError(f"cannot open: {exc.strerror or exc}", path) from None


def open_index(glossary: Path, text_dir: Path, cache_folder: Path | None) -> Index:
    """The index for these inputs, from the cache when it is current, else built (and saved)."""
    if not _exists(glossary):
        raise DataError("glossary file not found", glossary, hint="pass --glossary PATH")
    if glossary.is_dir():
        raise DataError("is a directory, not a glossary file", glossary)
    if not _exists(text_dir):
        raise DataError("text folder not found", text_dir, hint="pass --text DIR")
    if not text_dir.is_dir():
        raise DataError("is a file, not a folder of documents", text_dir)
    signature = _input_signature(glossary, text_dir)
    cache_file = None
    if cache_folder is not None:
        cache_file = cache_folder / f"{CACHE_PREFIX}{signature}{CACHE_SUFFIX}"
        cached = load_cached(cache_file, signature)
        if cached is not None:
            return cached
    from npt_gloss.corpus import load_corpus
    from npt_gloss.glossary import load_glossary

    image = build_image(load_glossary(glossary), load_corpus(text_dir), signature)
    if cache_file is not None and os.environ.get("NPT_GLOSS_NO_CACHE_WRITE") != "1":
        save_image(image, cache_file)
    return Index(Image(image))

