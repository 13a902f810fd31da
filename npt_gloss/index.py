"""The cached index: everything a query needs, computed once per version of the data.

Building (slow; imports OpenCC, pypinyin and the Aho–Corasick scanner) happens only when the
glossary or a document changed. The result is one binary image (see :mod:`npt_gloss.store`)
that a query maps into memory and reads lazily: a lookup in a 100,000-concept glossary
decodes a few hash buckets and records, never the whole index. A freshly built index is
read through the very same image, so cached and uncached answers cannot differ.

The cache file name is a hash of the inputs' paths, sizes and modification times (every
glossary file loaded, the user glossary included, and every document), of the
program and Python versions and of the modules that build the index (their sizes and
modification times, for a checkout), so any change to an input or to that code selects a
new file; the newest few files are kept and older ones removed. Writes are atomic
(temporary file and rename), so two commands starting at once at worst both build; an
unwritable cache folder costs only speed (and a warning).
"""

from __future__ import annotations

import os
import sys
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from npt_gloss import __version__
from npt_gloss.errors import DataError
from npt_gloss.models import Concept, Document, DocumentMeta, Paragraph
from npt_gloss.store import CorruptImage, Image, Records

SCHEMA = 9  # 8: language versions (texts per document, doc_langs); 9: glossary layers too
_BUILD_MODULES = (
    "build.py", "corpus.py", "glossary.py", "index.py", "mentions.py", "models.py",
    "normalize.py", "store.py", "textio.py",
)  # fmt: skip
# Libraries whose data decides the index (character table, pinyin, occurrences): an upgrade
# rewrites their files, so their paths and mtimes join the signature (found without import).
_BUILD_LIBRARIES = ("opencc", "pypinyin", "ahocorasick_rs", "rjieba")
CACHE_PREFIX = "index-"
CACHE_SUFFIX = ".npti"
KEEP_CACHE_FILES = 4  # newest cache files kept per folder (several data sets in turn)
# Form kinds, stored as small ints in the cache.
KIND_NAMES = ("en", "zh", "en_variant", "zh_variant", "abbr", "en_deprecated", "zh_deprecated")
KIND = {name: code for code, name in enumerate(KIND_NAMES)}
CONCEPT_FIELDS = (
    "id", "en", "zh", "en_variants", "zh_variants", "abbr", "en_deprecated", "zh_deprecated",
    "pinyin", "domain", "definition", "note", "source", "see", "line", "everyday",
)  # fmt: skip
_TUPLE_FIELDS = (
    "en_variants", "zh_variants", "abbr", "en_deprecated", "zh_deprecated", "see", "everyday",
)  # fmt: skip


class Occurrence(NamedTuple):
    """One occurrence of a concept's form in a paragraph; offsets index ``Paragraph.text``."""

    concept: int  # index into Index.concepts
    doc: int  # index into Index.documents (a document or one of its language versions)
    paragraph: int  # paragraph number
    start: int
    end: int
    form: str  # the text as it stands in the paragraph
    within: int = -1  # for a mention inside a longer term: that term's concept; else -1


class Index:
    """The loaded index: read-only views over one image; the query modules read it.

    ``concepts``, ``forms``, ``documents`` and ``occurrences`` are sequences decoded item by
    item (``occurrences[c]`` lists (doc, paragraph, start, end, form) for concept ``c`` in
    text order, ``form`` as the text has it); ``keys`` and ``pinyin_keys`` are read-only
    dicts; ``en_keys`` and ``zh_keys`` are the distinct lookup keys of Latin and of Chinese
    forms, sorted by length, with
    ``en_starts[n]`` / ``zh_starts[n]`` the position of the first key longer than ``n - 1``
    characters; ``en_grams`` (trigrams) and ``zh_grams`` (characters and character pairs)
    map a gram to the sorted positions (``array('I')`` bytes) of the keys containing it.
    """

    def __init__(self, image: Image) -> None:
        self.image = image
        info = image.value("info")
        self.t2s: dict[str, str] = image.value("t2s")
        # Per text (a document, then each of its language versions): its id and language.
        self.doc_ids: list[str] = info["doc_ids"]
        self.doc_langs: list[str] = info["doc_langs"]
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
        self.documents = Documents(
            image.records("documents"),
            image.records("paragraphs", remember=False),
            info["paragraph_starts"],
        )
        # per concept: [(doc, paragraph, start, end, form)], in the order of the text: the
        # direct mentions, and apart from them the mentions inside a longer term (with
        # that term's concept as a sixth field; see npt_gloss.mentions)
        patterns_of = image.records("patterns_of")
        spellings = image.lines("spellings")
        self.occurrences = ConceptOccurrences(
            patterns_of, image.records("pattern_occurrences", remember=False), spellings
        )
        self.nested = NestedOccurrences(
            patterns_of,
            image.records("pattern_occurrences", remember=False),
            image.records("nested_patterns", remember=False),
            spellings,
            self.t2s,
        )
        # The names of the glossary files, earliest first, as open_index was given them
        # (not stored in the image: a relative path names another file elsewhere).
        self.glossaries: tuple[str, ...] = ()
        self._layer_data: tuple[array[int], list[int]] | None = None
        self._concept_cache: dict[int, Concept] = {}
        self._everyday_keys: dict[int, frozenset[str]] = {}
        self._doc_positions: dict[str, int] | None = None
        self._versions: dict[str, dict[str, int]] | None = None

    def concept(self, index: int) -> Concept:
        if index not in self._concept_cache:
            record = dict(zip(CONCEPT_FIELDS, self.concepts[index], strict=True))
            for key in _TUPLE_FIELDS:
                record[key] = tuple(record[key])
            self._concept_cache[index] = Concept(**record)
        return self._concept_cache[index]

    def _layers(self) -> tuple[array[int], list[int]]:
        """(per concept, its file's number; per file, its overrides); both empty for one
        file. Decoded on first use: only answers that name their file need it."""
        if self._layer_data is None:
            layers = self.image.value("glossary_layers")
            origins = array("H")
            origins.frombytes(layers["origins"])
            self._layer_data = origins, layers["overrides"]
        return self._layer_data

    def glossary_of(self, index: int) -> str:
        """The name of the glossary file the concept was read from ("" when unnamed)."""
        origins, _ = self._layers()
        number = origins[index] if index < len(origins) else 0
        return self.glossaries[number] if number < len(self.glossaries) else ""

    def glossary_counts(self) -> list[dict[str, Any]]:
        """Per glossary file, earliest first: its name, how many concepts are answered from
        it, and how many of those replace a concept of an earlier file."""
        origins, overrides = self._layers()
        answered = [0] * max(len(self.glossaries), 1)
        if origins:
            for number in origins:
                answered[number] += 1
        else:
            answered[0] = len(self.concepts)
        return [
            {
                "file": name,
                "concepts": answered[number],
                "overrides": overrides[number] if number < len(overrides) else 0,
            }
            for number, name in enumerate(self.glossaries or ("",))
        ]

    def concept_occurrences(self, index: int, *, direct: bool = False) -> Iterator[Occurrence]:
        """The concept's mentions in text order; ``direct`` leaves out those inside a
        longer term of another concept."""
        rows = [(*row, -1) for row in self.occurrences[index]]
        if not direct:
            rows.extend(self.nested[index])
            rows.sort()
        for doc, para, start, end, form, within in rows:
            yield Occurrence(index, doc, para, start, end, form, within)

    def all_occurrences(self, index: int) -> list[tuple[int, int, int, int, str]]:
        """(doc, paragraph, start, end, form) of every mention, direct or nested."""
        return sorted([*self.occurrences[index], *(row[:5] for row in self.nested[index])])

    def is_everyday(self, index: int, form: str) -> bool:
        """Whether ``form``, as the text spells it, is one of the concept's forms marked as
        also an everyday word (决定 "decide"): such a mention is only a possible one."""
        from npt_gloss.normalize import term_key  # not on show's and cite's start-up path

        keys = self._everyday_keys.get(index)
        if keys is None:
            everyday = self.concept(index).everyday
            keys = self._everyday_keys[index] = frozenset(term_key(f, self.t2s) for f in everyday)
        return bool(keys) and term_key(form, self.t2s) in keys

    def mentions(self, index: int) -> list[tuple[int, int, int, int, str]]:
        """(doc, paragraph, start, end, form) of the mentions that count, as ``find`` counts
        them by default: direct or inside a longer term, in any text (a document or one of
        its language versions), but not through a form that is also an everyday word (决定),
        which is only a possible mention. This is what "the concept occurs in a document"
        means for lookup's paragraphs and for glossary stats, coverage and export --doc."""
        return [row for row in self.all_occurrences(index) if not self.is_everyday(index, row[4])]

    def paragraphs_by_doc(self, index: int) -> dict[str, list[int]]:
        """{doc id: sorted paragraph numbers} of the concept's :meth:`mentions`."""
        found: dict[str, set[int]] = {}
        for doc, para, *_ in self.mentions(index):
            # Versions share paragraph numbers: a mention in any of them counts.
            found.setdefault(self.doc_ids[doc], set()).add(para)
        return {doc: sorted(paras) for doc, paras in found.items()}

    def doc_id(self, doc: int) -> str:
        return self.doc_ids[doc]

    def doc_lang(self, doc: int) -> str:
        """The language of text ``doc`` (a document or a language version)."""
        return self.doc_langs[doc]

    def document_ids(self) -> list[str]:
        """The documents' ids, once each (their language versions share them)."""
        return list(dict.fromkeys(self.doc_ids))

    def doc_index(self, doc_id: str, lang: str | None = None) -> int | None:
        """The position of the document with this id (of its version in ``lang`` when
        given), or None."""
        if lang is not None:
            return self.versions(doc_id).get(lang)
        if self._doc_positions is None:
            positions: dict[str, int] = {}
            for i, d in enumerate(self.doc_ids):
                positions.setdefault(d, i)  # the document itself comes before its versions
            self._doc_positions = positions
        return self._doc_positions.get(doc_id)

    def versions(self, doc_id: str) -> dict[str, int]:
        """{language: position} of the document and its versions, the document first."""
        if self._versions is None:  # built once: find asks for each hit's text
            found: dict[str, dict[str, int]] = {}
            for i, (d, lang) in enumerate(zip(self.doc_ids, self.doc_langs, strict=True)):
                found.setdefault(d, {}).setdefault(lang, i)
            self._versions = found
        return dict(self._versions.get(doc_id, {}))

    def languages(self) -> list[str]:
        """Every language the texts are in, in order of first appearance."""
        return list(dict.fromkeys(self.doc_langs))

    def document(self, doc: int) -> Document:
        data = self.documents[doc]
        paragraphs = tuple(
            Paragraph(n, text, tuple(items)) for n, text, items in data["paragraphs"]
        )
        return Document(meta_from_dict(data["meta"]), paragraphs, data["path"])

    def paragraph_text(self, doc: int, number: int) -> str:
        """The text of paragraph ``number`` of document ``doc`` (decoding only that one)."""
        return self.documents.paragraph(doc, number)[1]


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


def en_grams(key: str) -> set[str]:
    """The trigrams of a Latin key, with a space at each end (so short words have some)."""
    padded = f" {key} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def zh_grams(key: str) -> set[str]:
    """The characters and character pairs of a Chinese key."""
    return set(key) | {key[i : i + 2] for i in range(len(key) - 1)}


def all_forms(concept: Concept) -> Iterator[tuple[str, str]]:
    """(kind, form) for every form of a concept, preferred terms first."""
    yield "en", concept.en
    yield "zh", concept.zh
    for kind in ("en_variants", "zh_variants", "abbr", "en_deprecated", "zh_deprecated"):
        name = kind[:-1] if kind.endswith("variants") else kind
        for form in getattr(concept, kind):
            yield name, form


class Documents(Sequence[dict[str, Any]]):
    """Per document {"meta": …, "path": …, "paragraphs": [[number, text, [items]], …]};
    the paragraphs are a sequence read one by one, so a document's metadata or one of its
    paragraphs costs one small record, not the whole document."""

    def __init__(self, heads: Records, paragraphs: Records, starts: list[int]) -> None:
        self._heads = heads
        self._paragraphs = paragraphs
        self._starts = starts
        self._cache: dict[int, dict[str, Any]] = {}

    def __len__(self) -> int:
        return len(self._heads)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        position = index + len(self) if index < 0 else index
        found = self._cache.get(position)
        if found is None:
            head = self._heads[position]  # raises IndexError out of range
            span = _Span(self._paragraphs, self._starts[position], self._starts[position + 1])
            found = self._cache[position] = {**head, "paragraphs": span}
        return found

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for index in range(len(self)):
            yield self[index]

    def paragraph(self, doc: int, number: int) -> list[Any]:
        """[number, text, items] of paragraph ``number`` of document ``doc``."""
        span = self[doc]["paragraphs"]
        if 0 < number <= len(span):
            paragraph = span[number - 1]
            if paragraph[0] == number:  # numbers run 1, 2, 3 …: the usual case
                return paragraph  # type: ignore[no-any-return]
        for paragraph in span:
            if paragraph[0] == number:
                return paragraph
        raise KeyError(f"{self[doc]['meta']['id']} has no paragraph {number}")


class _Span(Sequence[Any]):
    """Records ``start`` to ``stop`` of a Records sequence, as a sequence of its own."""

    def __init__(self, records: Records, start: int, stop: int) -> None:
        self._records = records
        self._start = start
        self._stop = stop

    def __len__(self) -> int:
        return self._stop - self._start

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        position = index + len(self) if index < 0 else index
        if not 0 <= position < len(self):
            raise IndexError("paragraph index out of range")
        return self._records[self._start + position]

    def __iter__(self) -> Iterator[Any]:
        for position in range(self._start, self._stop):
            yield self._records[position]


class ConceptOccurrences(Sequence[list[tuple[int, int, int, int, str]]]):
    """Per concept, its occurrences: the matches of each pattern that stands for it (kept
    once per pattern however many concepts share it), merged in text order."""

    def __init__(self, patterns_of: Records, matches: Records, spellings: Records) -> None:
        self._patterns_of = patterns_of
        self._matches = matches
        self._spellings = spellings

    def __len__(self) -> int:
        return len(self._patterns_of)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        spellings = self._spellings
        found: list[tuple[int, int, int, int, str]] = []
        for pattern in self._patterns_of[index]:
            record = self._matches[pattern]
            found.extend(
                (doc, para, start, end, spellings[spelling])
                for doc, para, start, end, spelling in unpack_occurrences(record)
            )
        if len(self._patterns_of[index]) > 1:
            found.sort()
        return found

    def __iter__(self) -> Iterator[list[tuple[int, int, int, int, str]]]:
        for index in range(len(self)):
            yield self[index]


class NestedOccurrences(ConceptOccurrences):
    """Per concept, its mentions inside longer terms of other concepts, in text order, as
    (doc, paragraph, start, end, form, concept of the longer term).

    The image keeps, per pattern, the longer patterns it counts inside (and where inside
    them); each of their occurrences gives a mention. The offsets inside a longer pattern are
    offsets into its folded form, so they are mapped onto the spelling the text has there.
    """

    def __init__(
        self,
        patterns_of: Records,
        matches: Records,
        nested: Records,
        spellings: Records,
        t2s: dict[str, str],
    ) -> None:
        super().__init__(patterns_of, matches, spellings)
        self._nested = nested
        self._t2s = t2s

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        found: list[tuple[Any, ...]] = []
        for pattern in self._patterns_of[index]:
            record = self._nested[pattern]
            if record is None:
                continue
            numbers = array("I")
            numbers.frombytes(record)
            field = iter(numbers)
            for outer, start, end, within in zip(field, field, field, field, strict=True):
                for doc, para, o_start, _o_end, spelling in unpack_occurrences(
                    self._matches[outer]
                ):
                    form = self._spellings[spelling]
                    first, stop = _inner_span(form, start, end, self._t2s)
                    found.append(
                        (doc, para, o_start + first, o_start + stop, form[first:stop], within)
                    )
        found.sort()
        return found


def _inner_span(form: str, start: int, end: int, t2s: dict[str, str]) -> tuple[int, int]:
    """[start, end) in the folded ``form`` as offsets into ``form`` itself."""
    from npt_gloss.normalize import fold_with_offsets

    if form.isascii() or len(form) == end - start:
        return start, end
    _folded, offsets = fold_with_offsets(form, t2s)
    return offsets[start], offsets[end - 1] + 1


def unpack_occurrences(record: Any) -> Iterator[tuple[int, int, int, int, int]]:
    """(doc, paragraph, start, end, spelling number) for each match of a packed record."""
    if record is None:
        return iter(())
    code_places, places, code_spelled, spelled = record
    numbers = array(code_places)
    numbers.frombytes(places)
    spelling = array(code_spelled)
    spelling.frombytes(spelled)
    field = iter(numbers)
    return zip(field, field, field, field, spelling, strict=False)


# ---------------------------------------------------------------- building


def build_index(concepts: Sequence[Concept], documents: Sequence[Document]) -> Index:
    """Build the index in memory (read through the same image a cache file holds)."""
    import io

    from npt_gloss.build import write_image

    out = io.BytesIO()
    write_image(out, concepts, documents, _header(""))
    return Index(Image(out.getbuffer()))


def _header(signature: str) -> dict[str, Any]:
    return {"schema": SCHEMA, "signature": signature}


# ---------------------------------------------------------------- caching


def _library_stamps() -> list[str]:
    import importlib.util

    stamps = []
    for name in _BUILD_LIBRARIES:
        try:
            spec = importlib.util.find_spec(name)
            origin = spec.origin if spec else None
            stamps.append(f"{origin}|{os.stat(origin).st_mtime_ns}" if origin else name)
        except (ImportError, OSError, ValueError):
            stamps.append(name)
    return stamps


def _input_signature(glossaries: Sequence[Path], text_dir: Path) -> str:
    """Hash of what the index depends on: inputs' paths, sizes, mtimes; code version."""
    parts = [f"{SCHEMA}", __version__, sys.version.split()[0], sys.byteorder]
    # The code that decides what the index holds: an edit to it (in a checkout) is a change.
    here = Path(__file__).parent
    for name in _BUILD_MODULES:
        try:
            stat = (here / name).stat()
            parts.append(f"{name}|{stat.st_size}|{stat.st_mtime_ns}")
        except OSError:
            parts.append(name)
    parts.extend(_library_stamps())
    # Every glossary file, in order (the order decides which file wins an id).
    for glossary in glossaries:
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


def _write_cache(
    path: Path, concepts: Any, documents: Any, header: dict[str, Any], layers: Any = ((), ())
) -> bool:
    """Build straight into the cache file, atomically; False (and a warning) on failure.

    The image is streamed to a temporary file beside the cache file, flushed to disk and
    renamed over it: a reader sees no file or a whole one, and two commands building at once
    each rename a whole file over the other's.
    """
    import tempfile

    from npt_gloss.build import write_image

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        _cache_warning(exc, path.parent)
        return False
    try:
        with os.fdopen(fd, "wb") as out:
            write_image(out, concepts, documents, header, layers)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, _file_mode())
        os.replace(temporary, path)
    except OSError as exc:
        _remove(Path(temporary))
        _cache_warning(exc, path.parent)
        return False
    except BaseException:
        _remove(Path(temporary))
        raise
    prune_cache(path.parent, keep=path)
    return True


def _build_anonymous(
    concepts: Any, documents: Any, header: dict[str, Any], layers: Any = ((), ())
) -> Index:
    """Build into an unnamed temporary file (mapped, so memory stays low), else into memory."""
    import io
    import mmap
    import tempfile

    from npt_gloss.build import write_image

    try:
        with tempfile.TemporaryFile() as out:
            write_image(out, concepts, documents, header, layers)
            out.flush()
            return Index(Image(mmap.mmap(out.fileno(), 0, access=mmap.ACCESS_READ)))
    except OSError:
        buffer = io.BytesIO()
        write_image(buffer, concepts, documents, header, layers)
        return Index(Image(buffer.getbuffer()))


def _cache_warning(exc: OSError, folder: Path) -> None:
    reason = exc.strerror or str(exc)
    print(f"npt-gloss: warning: cache not written ({reason}): {folder}", file=sys.stderr)


def _file_mode() -> int:
    """The mode a new file gets under the current umask (mkstemp's is 0600)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


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
        if name.startswith(CACHE_PREFIX) and name.endswith(CACHE_SUFFIX):
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
        image = Image(buffer, path)
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


def open_index(
    glossary: Path | Sequence[Path],
    text_dir: Path,
    cache_folder: Path | None,
    labels: Sequence[str] | None = None,
) -> Index:
    """The index for these inputs, from the cache when it is current, else built (and saved).

    ``glossary`` is one file or several, earliest first (a later file's concept replaces an
    earlier one's with the same id); ``labels`` name them in answers (default: the paths).
    """
    glossaries = (glossary,) if isinstance(glossary, str | os.PathLike) else tuple(glossary)
    glossaries = tuple(Path(path) for path in glossaries)
    for path in glossaries:
        if not _exists(path):
            raise DataError("glossary file not found", path, hint="pass --glossary PATH")
        if path.is_dir():
            raise DataError("is a directory, not a glossary file", path)
    index = _open(glossaries, text_dir, cache_folder)
    index.glossaries = tuple(labels) if labels is not None else tuple(map(str, glossaries))
    return index


def _open(glossaries: tuple[Path, ...], text_dir: Path, cache_folder: Path | None) -> Index:
    if not _exists(text_dir):
        raise DataError("text folder not found", text_dir, hint="pass --text DIR")
    if not text_dir.is_dir():
        raise DataError("is a file, not a folder of documents", text_dir)
    signature = _input_signature(glossaries, text_dir)
    cache_file = None
    if cache_folder is not None:
        cache_file = cache_folder / f"{CACHE_PREFIX}{signature}{CACHE_SUFFIX}"
        cached = load_cached(cache_file, signature)
        if cached is not None:
            return cached
    import gc

    from npt_gloss.corpus import load_corpus
    from npt_gloss.glossary import load_glossaries

    # Nothing built here is cyclic: the collector's passes over millions of new objects
    # would only cost time (the build pauses it too).
    enabled = gc.isenabled()
    gc.disable()
    try:
        merged, documents = load_glossaries(glossaries), load_corpus(text_dir)
    finally:
        if enabled:
            gc.enable()
    header = _header(signature)
    concepts = merged.concepts
    layers = (merged.origins, merged.overrides) if len(glossaries) > 1 else ((), ())
    if cache_file is not None and os.environ.get("NPT_GLOSS_NO_CACHE_WRITE") != "1":
        if _write_cache(cache_file, concepts, documents, header, layers):
            index = load_cached(cache_file, signature)
            if index is not None:
                return index
    return _build_anonymous(concepts, documents, header, layers)
