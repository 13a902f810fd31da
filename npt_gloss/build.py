"""Building the index image from concepts and documents (see :mod:`npt_gloss.index`).

Only a changed glossary or document brings a command here, but a 100,000-concept termbase
and a 1,000-document corpus must still build in seconds, in bounded memory:

* every section is streamed to its file as soon as it is ready (:class:`ImageWriter`);
* running text is folded with one ``str.translate`` per paragraph (:class:`Folder`);
* pinyin is derived with pypinyin's own segmentation and dictionaries, without its
  per-call machinery (:func:`pinyin_syllables`);
* occurrences are found by one Aho–Corasick pass and stored per scanned pattern, once
  however many concepts share the pattern, as packed integer arrays;
* Python's cyclic garbage collector is paused meanwhile (nothing built here is cyclic, and
  its passes over millions of young objects cost a third of the time).
"""

from __future__ import annotations

import gc
import re
from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import Any, BinaryIO

from npt_gloss.models import Concept, Document
from npt_gloss.normalize import fold_char, fold_with_offsets, pinyin_key, term_key
from npt_gloss.store import ImageWriter

_CJK = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002fa1f]")


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


# ---------------------------------------------------------------- pinyin


def derive_pinyin(text: str) -> tuple[str, str]:
    """(display pinyin with tone marks, key without tones) for a (folded) Chinese term."""
    marked = " ".join(pinyin_syllables("".join(_CJK.findall(text))))
    return marked, pinyin_key(marked)


def pinyin_syllables(hanzi: str) -> list[str]:
    """pypinyin's ``lazy_pinyin(hanzi, style=Style.TONE)``, about three times faster.

    pypinyin's own segmentation and dictionaries (a phrase's readings, else each character's
    first), without its per-word converter machinery; text it would treat specially (no
    reading, characters outside its ranges) goes to pypinyin itself.
    """
    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS
    from pypinyin.seg.mmseg import seg

    if not hanzi or not RE_HANS.match(hanzi):
        return lazy_pinyin(hanzi, style=Style.TONE)
    out: list[str] = []
    for word in seg.cut(hanzi) if PHRASES_DICT else hanzi:
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


# ---------------------------------------------------------------- folding


class Folder:
    """``normalize.fold_with_offsets`` for many texts, by ``str.translate``.

    :meth:`learn` folds each distinct character once; then a text whose characters each
    fold to one character or to none is one ``translate`` (offsets None, the identity, when
    nothing was dropped). Text with a character that folds to several characters (ß,
    ligatures) or lies beyond the BMP takes ``fold_with_offsets``.
    """

    def __init__(self, t2s: dict[str, str]) -> None:
        self.t2s = t2s
        self.table: list[Any] = list(range(0x10000))  # code point -> itself, str, or None
        self.known: set[str] = set()
        self.dropped: set[str] = set()
        self._slow_chars = ""
        self.slow = re.compile("[\U00010000-\U0010ffff]")

    def learn(self, chars: set[str]) -> None:
        """Fold every character of ``chars`` not yet seen (call before folding text)."""
        slow = []
        for ch in chars - self.known:
            self.known.add(ch)
            code = ord(ch)
            if code > 0xFFFF:
                continue
            folded = fold_char(ch, self.t2s)
            if len(folded) > 1:
                slow.append(ch)
            elif not folded:
                self.table[code] = None
                self.dropped.add(ch)
            elif folded != ch:
                self.table[code] = folded
        if slow:
            self._slow_chars += "".join(slow)
            self.slow = re.compile(f"[{re.escape(self._slow_chars)}\U00010000-\U0010ffff]")

    def __call__(self, text: str) -> tuple[str, list[int] | None]:
        if self.slow.search(text):
            return fold_with_offsets(text, self.t2s)
        folded = text.translate(self.table)
        if len(folded) == len(text):
            return folded, None
        dropped = self.dropped
        offsets = [i for i, ch in enumerate(text) if ch not in dropped]
        offsets.append(len(text))
        return folded, offsets

    def fold(self, text: str) -> str:
        self.learn(set(text))
        return self(text)[0]


# ---------------------------------------------------------------- the image


def write_image(
    out: BinaryIO,
    concepts: Sequence[Concept],
    documents: Sequence[Document],
    header: dict[str, Any],
) -> None:
    """Build the index and stream its image to ``out``."""
    from npt_gloss import index as ix

    enabled = gc.isenabled()
    gc.disable()
    try:
        _write(ImageWriter(out), concepts, documents, header, ix)
    finally:
        if enabled:
            gc.enable()


def _write(
    writer: ImageWriter, concepts: Sequence[Concept], documents: Sequence[Document], header: dict, ix: Any
) -> None:
    t2s = build_t2s()
    folder = Folder(t2s)
    forms, keys, pinyin_keys, rows = _forms(concepts, t2s, folder, ix)
    writer.records("concepts", rows)
    del rows
    writer.records("forms", forms)
    writer.table("pinyin_keys", {k: tuple(v) for k, v in pinyin_keys.items()})
    del pinyin_keys
    writer.table("keys", {k: tuple(v) for k, v in keys.items()})
    en_keys = sorted((k for k in keys if not _CJK.search(k)), key=lambda k: (len(k), k))
    zh_keys = sorted((k for k in keys if _CJK.search(k)), key=lambda k: (len(k), k))
    del keys
    writer.lines("en_keys", en_keys)
    writer.lines("zh_keys", zh_keys)
    writer.table("en_grams", _postings(en_keys, ix.en_grams))
    writer.table("zh_grams", _postings(zh_keys, ix.zh_grams))
    _occurrences(writer, forms, len(concepts), documents, folder)
    del forms
    writer.records(
        "documents",
        (
            {
                "meta": ix.meta_to_dict(doc.meta),
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
    writer.finish(header)


def _forms(
    concepts: Sequence[Concept], t2s: dict[str, str], folder: Folder, ix: Any
) -> tuple[list[tuple[int, int, str]], dict[str, list[int]], dict[str, list[int]], list[tuple]]:
    """Every form as (concept, kind, form); lookup keys and pinyin keys to form indices;
    the concept rows (pinyin derived where the glossary gives none)."""
    kind_code = ix.KIND
    chinese = (kind_code["zh"], kind_code["zh_variant"])
    pinyin_field = ix.CONCEPT_FIELDS.index("pinyin")
    forms: list[tuple[int, int, str]] = []
    keys: dict[str, list[int]] = {}
    pinyin_keys: dict[str, list[int]] = {}
    rows = []
    for c_index, concept in enumerate(concepts):
        pinyin = concept.pinyin
        for kind, form in ix.all_forms(concept):
            f_index = len(forms)
            code = kind_code[kind]
            forms.append((c_index, code, form))
            keys.setdefault(term_key(form, t2s), []).append(f_index)
            if code in chinese and _CJK.search(form):
                marked, key = derive_pinyin(folder.fold(form))
                if key:
                    pinyin_keys.setdefault(key, []).append(f_index)
                if code == kind_code["zh"] and not pinyin:
                    pinyin = marked
        row = [getattr(concept, name) for name in ix.CONCEPT_FIELDS]
        row[pinyin_field] = pinyin
        rows.append(tuple(list(v) if isinstance(v, tuple) else v for v in row))
    return forms, keys, pinyin_keys, rows


def _postings(keys: Sequence[str], grams: Callable[[str], set[str]]) -> dict[str, bytes]:
    """Gram -> the ascending positions (``array('I')`` bytes) of the keys containing it."""
    found: dict[str, array[int]] = {}
    for position, key in enumerate(keys):
        for gram in grams(key):
            positions = found.get(gram)
            if positions is None:
                found[gram] = positions = array("I")
            positions.append(position)
    return {gram: positions.tobytes() for gram, positions in found.items()}


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


# ---------------------------------------------------------------- occurrences


def _occurrences(
    writer: ImageWriter,
    forms: Sequence[tuple[int, int, str]],
    concept_count: int,
    documents: Sequence[Document],
    folder: Folder,
) -> None:
    """Every occurrence of every form, longest match first at each place.

    One Aho–Corasick pass per paragraph over the folded text, in leftmost-longest mode, so
    无核武器国家 is one occurrence of its own concept and never also one of 核武器国家.
    Deprecated forms are scanned too: 无核国家 is still a mention of the non-nuclear-weapon
    States, and matching it whole keeps its 核国家 from counting as the nuclear-weapon States.

    Writes three sections: ``patterns_of`` (per concept, the patterns that stand for it),
    ``pattern_occurrences`` (per pattern, its matches as packed (doc, paragraph, start, end)
    and spelling numbers) and ``spellings`` (the texts as they stand in the paragraphs).
    """
    import ahocorasick_rs

    number: dict[str, int] = {}
    patterns_of: list[list[int]] = [[] for _ in range(concept_count)]
    for concept, _kind, form in forms:
        pattern = folder.fold(form).replace("《", "").replace("》", "").strip()
        if len(pattern) >= 2:
            p_index = number.setdefault(pattern, len(number))
            if p_index not in patterns_of[concept]:
                patterns_of[concept].append(p_index)
    patterns = list(number)
    del number
    writer.records("patterns_of", (tuple(sorted(p)) for p in patterns_of))
    del patterns_of
    # Latin ends must be whole words ("NPT" not inside "UNPTX"): note which patterns to check.
    edges = [_latin_edge(p[0]) or _latin_edge(p[-1]) for p in patterns]
    places: list[array[int] | None] = [None] * len(patterns)  # (doc, paragraph, start, end)…
    spelled: list[array[int] | None] = [None] * len(patterns)  # …and the spelling's number
    spellings: dict[str, int] = {}
    chars: set[str] = set()
    for doc in documents:
        for paragraph in doc.paragraphs:
            chars.update(paragraph.text)
    folder.learn(chars)
    if patterns:
        automaton = ahocorasick_rs.AhoCorasick(
            patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        )
        for d_index, doc in enumerate(documents):
            for paragraph in doc.paragraphs:
                text = paragraph.text
                folded, offsets = folder(text)
                for p_index, start, end in automaton.find_matches_as_indexes(folded):
                    if edges[p_index] and not _at_word_boundary(folded, start, end):
                        continue
                    if offsets is not None:
                        start, end = offsets[start], offsets[end - 1] + 1
                    spelling = spellings.setdefault(text[start:end], len(spellings))
                    found = places[p_index]
                    if found is None:
                        places[p_index] = found = array("I")
                        spelled[p_index] = array("I")
                    found.extend((d_index, paragraph.number, start, end))
                    spelled[p_index].append(spelling)  # type: ignore[union-attr]
    writer.records("pattern_occurrences", map(_pack, places, spelled))
    writer.lines("spellings", spellings)


def _latin_edge(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _pack(places: array[int] | None, spelled: array[int] | None) -> Any:
    """(code, places, code, spellings) of one pattern's matches: (doc, paragraph, start, end)
    per match and the spelling numbers, each in the smallest array type that holds them."""
    if places is None or spelled is None:
        return None
    code_places = "H" if max(places) < 1 << 16 else "I"
    code_spelled = "H" if max(spelled) < 1 << 16 else "I"
    return (
        code_places,
        array(code_places, places).tobytes(),
        code_spelled,
        array(code_spelled, spelled).tobytes(),
    )


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
    return zip(field, field, field, field, spelling)


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

