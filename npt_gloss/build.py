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
  its passes over millions of new objects cost a fifth to a quarter of the time).
"""

from __future__ import annotations

import gc
import re
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from typing import Any, BinaryIO, NamedTuple

from npt_gloss.models import VERSION_LANGS, Concept, Document, Paragraph
from npt_gloss.normalize import (
    CJK_CHAR,
    _joins_chinese,
    american_spelling,
    at_word_boundary,
    fold_char,
    fold_with_offsets,
    is_cjk,
    pinyin_key,
    term_key,
)
from npt_gloss.store import ImageWriter

_CJK = CJK_CHAR
_HANZI_ONLY = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]+")


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
    return _PINYIN.derive(text)


def pinyin_syllables(hanzi: str) -> list[str]:
    """pypinyin's ``lazy_pinyin(hanzi, style=Style.TONE)``, several times faster."""
    return _PINYIN.syllables(hanzi)


class _Pinyin:
    """pypinyin without its per-call machinery, for a hundred thousand terms.

    The same segmentation as pypinyin's (a port of ``pypinyin.seg.mmseg.Seg.cut`` over the
    same prefix set) and the same readings (a phrase's, else each character's first); text
    it would treat specially (no reading, characters outside its ranges) goes to pypinyin
    itself. Keys are made per syllable and remembered: ``pinyin_key`` of the joined
    syllables is the join of their keys.
    """

    def __init__(self) -> None:
        self.loaded = False
        self.syllable_keys: dict[str, str] = {}

    def _load(self) -> None:
        from pypinyin.constants import PHRASES_DICT, PINYIN_DICT, RE_HANS
        from pypinyin.seg.mmseg import seg

        self.phrases = PHRASES_DICT
        self.readings = PINYIN_DICT
        self.hans = RE_HANS
        prefix_set = getattr(seg, "_prefix_set", None)
        self.prefixes = getattr(prefix_set, "_set", None)
        self.strict = bool(getattr(seg, "_no_non_phrases", False))
        self.loaded = True

    def derive(self, text: str) -> tuple[str, str]:
        syllables = self.syllables("".join(_CJK.findall(text)))
        keys = self.syllable_keys
        key = []
        for syllable in syllables:
            part = keys.get(syllable)
            if part is None:
                part = keys[syllable] = pinyin_key(syllable)
            key.append(part)
        return " ".join(syllables), "".join(key)

    def syllables(self, hanzi: str) -> list[str]:
        if not self.loaded:
            self._load()
        if not hanzi or not self.hans.match(hanzi) or not self.phrases or self.prefixes is None:
            return self._pypinyin(hanzi)
        out: list[str] = []
        phrases, readings = self.phrases, self.readings
        for word in self._cut(hanzi):
            phrase = phrases.get(word)
            if phrase is not None and len(phrase) == len(word):
                out.extend(choices[0] for choices in phrase)
                continue
            for ch in word:
                choices = readings.get(ord(ch))
                if choices is None:
                    return self._pypinyin(hanzi)
                out.append(choices.split(",", 1)[0])
        return out

    def _cut(self, text: str) -> list[str]:
        """``pypinyin.seg.mmseg.Seg.cut``, line for line, as a loop over a plain set."""
        prefixes, phrases, strict = self.prefixes, self.phrases, self.strict
        words: list[str] = []
        remain = text
        while remain:
            matched = last_valid_word = ""
            last_valid_index = 0
            for index in range(len(remain)):
                word = remain[: index + 1]
                if word in prefixes:
                    matched = word
                    if not strict or word in phrases:
                        last_valid_word, last_valid_index = word, index + 1
                    continue
                if last_valid_word:
                    words.append(last_valid_word)
                    remain = remain[last_valid_index:]
                elif strict or not matched:
                    words.append(remain[0])
                    remain = remain[1:]
                else:
                    words.append(matched)
                    remain = remain[len(matched) :]
                break
            else:
                if last_valid_word:
                    words.append(last_valid_word)
                    remain = remain[last_valid_index:]
                    continue
                if strict and remain not in phrases:
                    words.extend(remain)
                else:
                    words.append(remain)
                break
        return words

    @staticmethod
    def _pypinyin(hanzi: str) -> list[str]:
        from pypinyin import Style, lazy_pinyin

        return lazy_pinyin(hanzi, style=Style.TONE)


_PINYIN = _Pinyin()


# ---------------------------------------------------------------- folding


class Folder:
    """``normalize.fold_with_offsets`` for many texts, by ``str.translate``.

    :meth:`learn` folds each distinct character once; then a text whose characters each
    fold to one character or to none is one ``translate`` (offsets None, the identity, when
    nothing was dropped). Text with a character that folds to several characters (ß,
    ligatures) or lies beyond the BMP, or with white space that folding drops (between
    Chinese characters), takes ``fold_with_offsets``.
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
        if self.slow.search(text) or _dropped_space(text):
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


_SPACE_RUN = re.compile(r"\s+")


def _dropped_space(text: str) -> bool:
    """Whether folding drops white space in ``text`` (between Chinese characters, say):
    folding then depends on context, which a translation table cannot do."""
    if not _CJK.search(text):
        return False  # a dropped space has a Chinese character on one side
    for run in _SPACE_RUN.finditer(text):
        start, end = run.span()
        if 0 < start and end < len(text) and _joins_chinese(text[start - 1], text[end]):
            return True
    return False


# ---------------------------------------------------------------- the image


def write_image(
    out: BinaryIO,
    concepts: Sequence[Concept],
    documents: Sequence[Document],
    header: dict[str, Any],
    layers: tuple[Sequence[int], Sequence[int]] = ((), ()),
) -> None:
    """Build the index and stream its image to ``out``. ``layers`` is (per concept, the
    number of the glossary file it comes from; per file, how many concepts it overrides),
    empty for one file.

    Every language version is a text of its own in the image, right after its document
    (see :func:`texts_of`), scanned for the glossary's forms in its own language.
    """
    from npt_gloss import index as ix

    enabled = gc.isenabled()
    gc.disable()
    try:
        writer = ImageWriter(out)
        origins, overrides = layers
        # Only file numbers are stored: the files' names are the caller's (a relative path
        # names another file elsewhere), and the cache key covers which files they are.
        writer.value(
            "glossary_layers",
            {"origins": array("H", origins).tobytes(), "overrides": list(overrides)},
        )
        _write(writer, concepts, texts_of(documents), header, ix)
    finally:
        if enabled:
            gc.enable()


def _write(
    writer: ImageWriter,
    concepts: Sequence[Concept],
    documents: Sequence[Document],
    header: dict,
    ix: Any,
) -> None:
    t2s = build_t2s()
    folder = Folder(t2s)
    forms = _Forms(folder, ix)
    patterns = forms.find_patterns(concepts)
    writer.records("patterns_of", forms.patterns_of)
    owners = _pattern_owners(forms.patterns_of, len(patterns))
    forms.patterns_of = []
    names = {number for number, concept in enumerate(concepts) if concept.domain == NAME_DOMAIN}
    writer.records("forms", forms.scan(concepts))
    writer.records("concepts", map(forms.row, concepts, forms.pinyin))
    writer.table("pinyin_keys", forms.pinyin_keys, _as_tuple)
    forms.pinyin_keys = {}
    keys = forms.keys
    del forms
    en_keys = sorted((k for k in keys if not _CJK.search(k)), key=lambda k: (len(k), k))
    zh_keys = sorted((k for k in keys if _CJK.search(k)), key=lambda k: (len(k), k))
    writer.table("keys", keys, _as_tuple)
    del keys
    writer.lines("en_keys", en_keys)
    writer.lines("zh_keys", zh_keys)
    info = {
        "doc_ids": [doc.id for doc in documents],
        "doc_langs": [doc.meta.lang for doc in documents],
        "en_starts": _length_starts(en_keys),
        "zh_starts": _length_starts(zh_keys),
    }
    writer.table("en_grams", _postings(en_keys, ix.en_grams))
    del en_keys
    writer.table("zh_grams", _postings(zh_keys, ix.zh_grams))
    del zh_keys
    # Built only now, when the key tables are written and freed (peak memory at scale).
    pattern_number = {pattern: number for number, pattern in enumerate(patterns)}
    everyday = _everyday_patterns(concepts, pattern_number, folder)
    owned = _Owners(owners, names, everyday, _capitals_only(concepts, pattern_number, folder, ix))
    _scan(writer, patterns, pattern_number, documents, folder, owned)
    del owners, pattern_number
    writer.records(
        "documents", ({"meta": ix.meta_to_dict(d.meta), "path": d.path} for d in documents)
    )
    writer.records(
        "paragraphs", ([p.number, p.text, list(p.items)] for d in documents for p in d.paragraphs)
    )
    starts = [0]
    for doc in documents:
        starts.append(starts[-1] + len(doc.paragraphs))
    info["paragraph_starts"] = starts
    writer.value("t2s", t2s)
    writer.value("info", info)
    writer.finish(header)


NAME_DOMAIN = "states"  # concepts that are names: see npt_gloss.mentions


def texts_of(documents: Sequence[Document]) -> list[Document]:
    """Each document, then its language versions: the texts the index holds, in its order."""
    return [text for doc in documents for text in (doc, *doc.versions)]


def scanned_in(lang: str) -> str:
    """Which of the glossary's forms a text in ``lang`` is scanned for: "latin" for English
    (its English forms and Latin abbreviations), "none" for the UN languages the glossary
    has no forms in (French, Russian, Spanish, Arabic: reached by literal search only), and
    "all" for Chinese, and for any other language as before versions existed (Chinese text
    quotes Latin abbreviations such as NPT)."""
    if lang == "en":
        return "latin"
    if lang != "zh" and lang in VERSION_LANGS:
        return "none"
    return "all"


def _pattern_owners(patterns_of: Sequence[tuple[int, ...]], count: int) -> list[Any]:
    """Pattern -> the concept that owns it (an int), or the tuple of them when shared."""
    owners: list[Any] = [()] * count
    for concept, mine in enumerate(patterns_of):
        for pattern in mine:
            held = owners[pattern]
            owners[pattern] = concept if held == () else (*_as_tuple(held), concept)
    return owners


def _everyday_patterns(
    concepts: Sequence[Concept], pattern_number: dict[str, int], folder: Folder
) -> set[int]:
    """The patterns of the forms marked as everyday words (in every spelling scanned)."""
    found: set[int] = set()
    for concept in concepts:
        for form in concept.everyday:
            pattern = folder.fold(form).strip()
            for spelling in (pattern, *latin_spellings(pattern)):
                number = pattern_number.get(spelling)
                if number is not None:
                    found.add(number)
    return found


def _capitals_only(
    concepts: Sequence[Concept], pattern_number: dict[str, int], folder: Folder, ix: Any
) -> set[int]:
    """The patterns that only capitalised forms give ("US", "CD", "NPT"): running text must
    have them in capitals too, or "us" and "cd" in an English sentence would be mentions."""
    capitals: set[int] = set()
    lower: set[int] = set()
    for concept in concepts:
        for _kind, form in ix.all_forms(concept):
            if form.isascii():
                folded = form.lower()  # what folding does to ASCII
            elif _CJK.search(form):
                continue  # its pattern has Chinese in it: never one of capitals alone
            else:
                folded = folder.fold(form)
            pattern = pattern_number.get(folded.strip())
            if pattern is None:
                continue
            if form.isascii() and form.upper() == form and folded != form:
                capitals.add(pattern)
            else:
                lower.add(pattern)
    return capitals - lower


class _Owners:
    """What the scan asks of a pattern beyond its text: which concepts it stands for, whether
    it is a State's name, whether it is an everyday word, whether it must be in capitals."""

    def __init__(
        self, owners: list[Any], names: set[int], everyday: set[int], capitals: set[int]
    ) -> None:
        self.owners = owners
        self.names = names
        self.everyday = everyday
        self.capitals = capitals

    def of(self, pattern: int) -> tuple[int, ...]:
        return _as_tuple(self.owners[pattern])

    def first(self, pattern: int) -> int:
        return self.of(pattern)[0]

    def shares_concept(self, one: int, other: int) -> bool:
        return not set(self.of(one)).isdisjoint(self.of(other))

    def is_name(self, pattern: int) -> bool:
        return any(concept in self.names for concept in self.of(pattern))

    def both_names(self, one: int, other: int) -> bool:
        return self.is_name(one) and self.is_name(other)

    def not_a_mention(self, inner: int, outer: int) -> bool:
        """Whether ``inner`` inside ``outer`` is no mention whatever the words around it: a
        form of the same concept, a State's name inside another, or an everyday word (大会 in
        审议大会: the longer term says what it is)."""
        return (
            inner in self.everyday
            or self.shares_concept(inner, outer)
            or self.both_names(inner, outer)
        )


def _as_tuple(value: int | list[int]) -> tuple[int, ...]:
    return (value,) if isinstance(value, int) else tuple(value)


_LATIN_TERM = re.compile(r"[a-z][a-z0-9]*(?:[ -][a-z0-9]+)+")


def latin_spellings(pattern: str) -> list[str]:
    """Other ways running text writes a multi-word Latin term that lookup already treats as
    the same (hyphen or space; singular or plural of the last word; American spelling), so
    that find agrees: "nuclear-weapon states" is also found as "nuclear weapon state(s)",
    "nuclear-weapon state"; "missile defence" as "missile defense(s)". With up to
    MIXED_HYPHENS hyphens, every mix of hyphens and spaces is a spelling too ("non-nuclear
    weapon states"); beyond, only all hyphens or all spaces.
    """
    if not _LATIN_TERM.fullmatch(pattern):
        return []
    found: list[str] = []
    american = _WORD_RUN.sub(lambda m: american_spelling(m.group()), pattern)
    for spelled in dict.fromkeys((pattern, american)):
        for joined in _hyphen_spellings(spelled):
            found.append(joined)
            head, last = _LAST_WORD.match(joined).groups()  # type: ignore[union-attr]
            other = _other_number(last)
            if other:
                found.append(head + other)
    return [spelling for spelling in dict.fromkeys(found) if spelling != pattern]


_WORD_RUN = re.compile("[a-z]+")


_LAST_WORD = re.compile(r"(.*[ -])([a-z0-9]+)$")
MIXED_HYPHENS = 3  # 2**3 spellings at most; long titles with more keep two


def _hyphen_spellings(pattern: str) -> list[str]:
    """The pattern with its hyphens written as hyphens or spaces (the pattern first)."""
    parts = pattern.split("-")
    if len(parts) - 1 > MIXED_HYPHENS:
        return list(dict.fromkeys((pattern, pattern.replace("-", " "))))
    spellings = [parts[0]]
    for part in parts[1:]:
        spellings = [f"{head}{joint}{part}" for head in spellings for joint in ("-", " ")]
    return spellings


def _other_number(word: str) -> str:
    """The plural of a singular English word or the singular of a plural ("" when unsure)."""
    if len(word) < 4 or not word.isalpha():
        return ""
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    if word.endswith("is"):
        return word[:-2] + "es"  # crisis, crises; analysis, analyses
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


class _Forms:
    """Two passes over every form of every concept: :meth:`find_patterns` (the patterns to
    scan the documents for), then :meth:`scan`, which yields the ``forms`` records and
    collects on the way the lookup keys and pinyin keys (-> form numbers: an int, or a list
    when several forms share a key) and each concept's pinyin (derived when not given)."""

    def __init__(self, folder: Folder, ix: Any) -> None:
        self.folder = folder
        self.ix = ix
        self.word_keys: dict[str, str] = {}
        self.keys: dict[str, int | list[int]] = {}
        self.pinyin_keys: dict[str, int | list[int]] = {}
        self.pinyin: list[str] = []
        self.patterns_of: list[tuple[int, ...]] = []

    def find_patterns(self, concepts: Sequence[Concept]) -> list[str]:
        """The patterns (folded forms of two characters or more, book-title marks dropped),
        numbered in order of appearance; fills ``patterns_of``."""
        number: dict[str, int] = {}
        fold = self.folder.fold
        for concept in concepts:
            mine: list[int] = []
            for _kind, form in self.ix.all_forms(concept):
                pattern = fold(form).strip()
                if len(pattern) < 2:
                    continue
                for spelling in (pattern, *latin_spellings(pattern)):
                    p_index = number.setdefault(spelling, len(number))
                    if p_index not in mine:
                        mine.append(p_index)
            self.patterns_of.append(tuple(sorted(mine)))
        return list(number)

    def scan(self, concepts: Sequence[Concept]) -> Iterator[tuple[int, int, str]]:
        kind_code = self.ix.KIND
        zh, zh_variant = kind_code["zh"], kind_code["zh_variant"]
        t2s, fold = self.folder.t2s, self.folder.fold
        f_index = 0
        for c_index, concept in enumerate(concepts):
            pinyin = concept.pinyin
            for kind, form in self.ix.all_forms(concept):
                code = kind_code[kind]
                yield c_index, code, form
                folded = ""
                if form.isascii():
                    key = self.ascii_key(form)
                elif _HANZI_ONLY.fullmatch(form):
                    # term_key of Han characters alone is their folding (checked to stay so)
                    folded = fold(form)
                    key = folded if _HANZI_ONLY.fullmatch(folded) else term_key(form, t2s)
                else:
                    key = term_key(form, t2s)
                _add(self.keys, key, f_index)
                if (code == zh or code == zh_variant) and _CJK.search(form):
                    marked, key = derive_pinyin(folded or fold(form))
                    if key:
                        _add(self.pinyin_keys, key, f_index)
                    if code == zh and not pinyin:
                        pinyin = marked
                f_index += 1
            self.pinyin.append(pinyin)

    def ascii_key(self, form: str) -> str:
        """``term_key`` of an ASCII form, word by word: the key of a Latin term is the keys
        of its whitespace-separated words joined by spaces (nothing joins across a space,
        and ASCII never folds to Chinese), and the words of a glossary repeat endlessly."""
        keys = self.word_keys
        parts = []
        for word in form.split():
            key = keys.get(word)
            if key is None:
                key = keys[word] = term_key(word, self.folder.t2s)
            if key:
                parts.append(key)
        return " ".join(parts)

    def row(self, concept: Concept, pinyin: str) -> tuple[Any, ...]:
        """The ``concepts`` record: CONCEPT_FIELDS in order, lists as lists."""
        values = [getattr(concept, name) for name in self.ix.CONCEPT_FIELDS]
        values[self.ix.CONCEPT_FIELDS.index("pinyin")] = pinyin
        return tuple(list(v) if isinstance(v, tuple) else v for v in values)


def _add(table: dict[str, int | list[int]], key: str, number: int) -> None:
    found = table.get(key)
    if found is None:
        table[key] = number
    elif isinstance(found, int):
        table[key] = [found, number]
    else:
        found.append(number)


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


def _scan(
    writer: ImageWriter,
    patterns: list[str],
    pattern_number: dict[str, int],
    documents: Sequence[Document],
    folder: Folder,
    owners: _Owners,
) -> None:
    """Every occurrence of every pattern (folded form), longest match first at each place.

    One Aho–Corasick pass per paragraph over the folded text, in leftmost-longest mode, so
    无核武器国家 is one occurrence of its own concept and never also one of 核武器国家.
    Deprecated forms are scanned too: 无核国家 is still a mention of the non-nuclear-weapon
    States, and matching it whole keeps its 核国家 from counting as the nuclear-weapon States.
    The shorter terms inside a match that still count as mentions (核试验 inside
    全面禁止核试验条约) depend on the matched pattern alone, so they are worked out once per
    pattern that occurs (:mod:`npt_gloss.mentions`) and stored per pattern, never per
    occurrence: a query adds them to the occurrences of the longer pattern.

    Writes ``pattern_occurrences`` (per pattern, its matches as packed (doc, paragraph,
    start, end) and spelling numbers), ``nested_patterns`` (per pattern, the longer patterns
    it counts inside, as packed (longer pattern, start, end, concept of the longer term),
    offsets into the longer pattern) and ``spellings`` (the texts as they stand in the
    paragraphs, which folding may have changed: case, full-width, traditional characters).
    """

    chars: set[str] = set()
    for doc in documents:
        for paragraph in doc.paragraphs:
            chars.update(paragraph.text)
    folder.learn(chars)
    del chars
    scan = _Scan(patterns, pattern_number, owners)
    # One automaton per set of forms scanned for (Chinese texts: all; English: the Latin).
    groups: dict[str, list[int]] = {}
    for d_index, doc in enumerate(documents):
        groups.setdefault(scanned_in(doc.meta.lang), []).append(d_index)
    groups.pop("none", None)
    for group, numbers in groups.items():
        texts = {d: [folder(p.text) for p in documents[d].paragraphs] for d in numbers}
        candidates = (
            patterns if group == "all" else [p if not _CJK.search(p) else "" for p in patterns]
        )
        wanted = [p for p in _occurring(candidates, list(texts.values())) if candidates[p]]
        if not wanted:
            continue
        find = _finder(patterns, wanted)
        for d_index, folded_texts in texts.items():
            doc = documents[d_index]
            for paragraph, (folded, offsets) in zip(doc.paragraphs, folded_texts, strict=True):
                place = _Place(
                    d_index, paragraph.number, paragraph.text, folded, offsets, group == "latin"
                )
                scan.paragraph(place, find)
        del find, texts
    writer.records("pattern_occurrences", scan.direct.packed())
    writer.records("nested_patterns", scan.nested_patterns())
    writer.lines("spellings", scan.spellings)


class PatternTable(NamedTuple):
    """What finding the glossary's mentions in new text needs (see :func:`find_mentions`):
    the scanned patterns (folded forms and their other Latin spellings), the concept or
    concepts each stands for (an int, or a tuple when shared), the concepts that are names
    of States, the patterns of everyday words, and, per pattern with Chinese in it, the
    shorter patterns inside it that count as mentions (:func:`mentions.nested_mentions`:
    worked out here, once per glossary, because Chinese ones need the word segmenter, whose
    import would cost a draft's scan about 0.3 s). Plain data, so it can be cached."""

    patterns: list[str]
    owners: list[Any]
    names: frozenset[int]
    everyday: frozenset[int]
    nested: dict[int, list[tuple[int, int, int]]]


def pattern_table(concepts: Sequence[Concept], t2s: dict[str, str]) -> PatternTable:
    """The patterns of ``concepts`` exactly as the index scans the documents for them."""
    from npt_gloss import index as ix
    from npt_gloss import mentions

    folder = Folder(t2s)
    forms = _Forms(folder, ix)
    patterns = forms.find_patterns(concepts)
    owners = _pattern_owners(forms.patterns_of, len(patterns))
    names = {number for number, concept in enumerate(concepts) if concept.domain == NAME_DOMAIN}
    pattern_number = {pattern: number for number, pattern in enumerate(patterns)}
    everyday = _everyday_patterns(concepts, pattern_number, folder)
    # As find_mentions asks (no capitals test), for the patterns whose nested terms may
    # need the segmenter; Latin ones never do, and are worked out when met.
    not_a_mention = _Owners(owners, names, everyday, set()).not_a_mention
    nested = {
        number: mentions.nested_mentions(pattern, number, pattern_number, not_a_mention)
        for number, pattern in enumerate(patterns)
        if any(map(is_cjk, pattern))
    }
    return PatternTable(patterns, owners, frozenset(names), frozenset(everyday), nested)


def find_mentions(
    table: PatternTable,
    paragraphs: Sequence[Paragraph],
    t2s: dict[str, str],
    pattern_number: dict[str, int] | None = None,
) -> list[tuple[int, int, int, int, str, int]]:
    """(paragraph, concept, start, end, form, within) of every mention of a glossary concept
    in ``paragraphs``, as the index finds them in a document: the same folding, longest
    match, word and name tests, and the mentions inside longer terms (``within`` the longer
    term's concept, else -1). Offsets index the paragraph's text; ``form`` is its wording."""
    from npt_gloss import mentions
    from npt_gloss.index import _inner_span

    if pattern_number is None:
        pattern_number = {pattern: number for number, pattern in enumerate(table.patterns)}
    folder = Folder(t2s)
    folder.learn({ch for paragraph in paragraphs for ch in paragraph.text})
    texts = [folder(paragraph.text) for paragraph in paragraphs]
    wanted = _occurring(table.patterns, [texts])
    # No capitals test: drafts are scanned as before, without the English-text checks.
    owners = _Owners(table.owners, set(table.names), set(table.everyday), set())
    scan = _Scan(table.patterns, pattern_number, owners)
    if wanted:
        find = _finder(table.patterns, wanted)
        for paragraph, (folded, offsets) in zip(paragraphs, texts, strict=True):
            scan.paragraph(_Place(0, paragraph.number, paragraph.text, folded, offsets), find)
    spelled = list(scan.spellings)
    found: list[tuple[int, int, int, int, str, int]] = []
    for pattern, places in enumerate(scan.direct.places):
        if places is None:
            continue
        matches = [
            (places[i + 1], places[i + 2], places[i + 3], spelled[number])
            for i, number in zip(
                range(0, len(places), 4), scan.direct.spelled[pattern] or (), strict=True
            )
        ]
        for concept in owners.of(pattern):
            found.extend(
                (para, concept, start, end, form, -1) for para, start, end, form in matches
            )
        within = owners.first(pattern)
        inner = table.nested.get(pattern)
        if inner is None:  # no Chinese in it: no segmenter needed
            inner = mentions.nested_mentions(
                table.patterns[pattern], pattern, pattern_number, owners.not_a_mention
            )
        for inside, i_start, i_end in inner:
            for para, start, _end, form in matches:
                first, stop = _inner_span(form, i_start, i_end, t2s)
                for concept in owners.of(inside):
                    found.append(
                        (para, concept, start + first, start + stop, form[first:stop], within)
                    )
    found.sort()
    return found


def _finder(patterns: list[str], wanted: list[int]) -> Callable[[str], list[Any]]:
    """(pattern number, start, end) of the leftmost-longest matches in a folded text, by one
    Aho–Corasick automaton over the ``wanted`` patterns."""
    import ahocorasick_rs

    automaton = ahocorasick_rs.AhoCorasick(
        [patterns[p] for p in wanted], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
    )
    matches = automaton.find_matches_as_indexes

    def find(text: str) -> list[Any]:
        return [(wanted[p], start, end) for p, start, end in matches(text)]

    return find


class _Place(NamedTuple):
    """The paragraph being scanned: where it is, its text, and its folded text."""

    doc: int
    number: int
    text: str
    folded: str
    offsets: list[int] | None  # folded index -> text index; None when the same
    english: bool = False  # English running text: Latin matches get the checks of English


class _Scan:
    """What the scan keeps: the matches it accepts, the patterns matched, and the distinct
    spellings; then, per pattern, the matched longer patterns it counts inside."""

    def __init__(
        self, patterns: list[str], pattern_number: dict[str, int], owners: _Owners
    ) -> None:
        self.patterns = patterns
        self.owners = owners
        # Latin ends must be whole words ("NPT" not in "UNPTX"): note which patterns to check.
        self.edges = [_latin_edge(p[0]) or _latin_edge(p[-1]) for p in patterns]
        self.pattern_number = pattern_number
        self.direct = _Matches(len(patterns))  # (doc, paragraph, start, end)
        self.spellings: dict[str, int] = {}

    def match(self, place: _Place, p_index: int, start: int, end: int) -> int:
        """Record a match if it stands; where the recorded match ends, or -1 for none."""
        from npt_gloss import mentions

        folded = place.folded
        if self.edges[p_index] and not at_word_boundary(folded, start, end):
            # "NPT Review Conferences": the longest match fails the word test, but a
            # shorter pattern at the same place ("NPT") may pass it.
            shorter = _shorter_whole_word(folded, start, end, self.pattern_number)
            if shorter is None:
                return -1
            p_index, end = shorter
        if (
            place.english
            and self.edges[p_index]
            and not self._english_mention(place, p_index, start, end)
        ):
            return -1
        if self.owners.is_name(p_index) and not mentions.name_stands_alone(folded, start, end):
            return -1
        self.direct.add(p_index, (place.doc, place.number), self._span(place, start, end))
        return end

    def paragraph(self, place: _Place, find: Callable[[str], Any]) -> None:
        """Every match in the paragraph, leftmost-longest. A match refused whole (a word
        cut: "conventional arm" in "conventional armed conflicts") or cut short gives its
        place back: the scan resumes where the accepted part ends, or one character on,
        so "armed conflicts" is still found."""
        folded, position = place.folded, 0
        while position < len(folded):
            resume = None
            for p_index, start, end in find(folded[position:] if position else folded):
                start, end = start + position, end + position
                taken = self.match(place, p_index, start, end)
                if taken != end:
                    resume = taken if taken > start else start + 1
                    break
            if resume is None:
                return
            position = resume

    def _english_mention(self, place: _Place, p_index: int, start: int, end: int) -> bool:
        """In English text a Latin match is no mention when negated ("non-" before it,
        "-free" after it: "non-nuclear weapon States", "nuclear-weapon-free zone"), or when
        it is a capitalised abbreviation that the text writes in lower case ("us", "cd")."""
        folded = place.folded
        if _NON_BEFORE.search(folded, max(0, start - 4), start) or _FREE_AFTER.match(folded, end):
            return False
        if p_index in self.owners.capitals:
            if place.offsets is not None:
                start, end = place.offsets[start], place.offsets[end - 1] + 1
            if any(ch.islower() for ch in place.text[start:end]):
                return False
        return True

    def nested_patterns(self) -> list[Any]:
        """Per pattern: None, or the packed (longer pattern, start, end, its concept) of
        each matched longer pattern inside which it counts as a mention."""
        from npt_gloss import mentions

        owners = self.owners
        inside: list[array[int] | None] = [None] * len(self.patterns)
        for outer, places in enumerate(self.direct.places):
            if places is None:
                continue
            within = owners.first(outer)
            for inner, start, end in mentions.nested_mentions(
                self.patterns[outer], outer, self.pattern_number, owners.not_a_mention
            ):
                found = inside[inner]
                if found is None:
                    inside[inner] = found = array("I")
                found.extend((outer, start, end, within))
        return [None if found is None else found.tobytes() for found in inside]

    def _span(self, place: _Place, start: int, end: int) -> tuple[int, int, int]:
        """(start, end) in the paragraph's text, and the number of the spelling there."""
        if place.offsets is not None:
            start, end = place.offsets[start], place.offsets[end - 1] + 1
        spelling = place.text[start:end]
        number = self.spellings.get(spelling)
        if number is None:
            number = self.spellings[spelling] = len(self.spellings)
        return start, end, number


class _Matches:
    """Per pattern, its matches as flat integer arrays (doc, paragraph, start, end) and the
    numbers of their spellings; arrays only for the patterns that occur."""

    def __init__(self, count: int) -> None:
        self.places: list[array[int] | None] = [None] * count
        self.spelled: list[array[int] | None] = [None] * count

    def add(self, pattern: int, where: tuple[int, int], span: tuple[int, int, int]) -> None:
        """Record a match: ``where`` (doc, paragraph), ``span`` (start, end, spelling)."""
        found = self.places[pattern]
        if found is None:
            self.places[pattern] = found = array("I")
            self.spelled[pattern] = array("I")
        found.extend((*where, span[0], span[1]))
        self.spelled[pattern].append(span[2])  # type: ignore[union-attr]

    def packed(self) -> Iterator[Any]:
        return map(_pack, self.places, self.spelled)


def _shorter_whole_word(
    folded: str, start: int, end: int, pattern_number: dict[str, int]
) -> tuple[int, int] | None:
    """The longest pattern starting at ``start``, shorter than ``end``, that is whole words."""
    for stop in range(end - 1, start, -1):
        number = pattern_number.get(folded[start:stop])
        if number is not None and at_word_boundary(folded, start, stop):
            return number, stop
    return None


_ASCII_RUN = re.compile("[a-z0-9]+")
# Negation in running text, for Latin matches (a longer glossary form such as
# "non-nuclear-weapon States" wins by longest match; these catch the spellings it lacks).
# "free of" is no negation here: "a world free of nuclear weapons" speaks of them.
_NON_BEFORE = re.compile(r"(?<![a-z0-9])non[- ]?$")
_FREE_AFTER = re.compile(r"-free(?![a-z0-9])")


def _occurring(patterns: list[str], texts: list[list[tuple[str, Any]]]) -> list[int]:
    """The numbers of the patterns that can occur in the folded texts at all.

    The others are left out of the automaton (much of a termbase is English, much of a
    corpus Chinese). Leaving out a pattern that cannot occur changes no match, whereas one
    that occurs could win a place and then fail the word-boundary test, so only certain
    impossibility counts: a character the texts lack, or a run of ASCII letters and digits
    that no run of the texts can supply (an inner run must be a whole word of the texts; a
    leading one the end of one; a trailing one the start of one).
    """
    present: set[str] = set()
    words: set[str] = set()
    for paragraphs in texts:
        for folded, _ in paragraphs:
            present.update(folded)
            words.update(_ASCII_RUN.findall(folded))
    forward = sorted(words)
    backward = sorted(word[::-1] for word in words)

    def begins_some(part: str, ordered: list[str]) -> bool:
        at = bisect_left(ordered, part)
        return at < len(ordered) and ordered[at].startswith(part)

    wanted = []
    for number, pattern in enumerate(patterns):
        if not present.issuperset(pattern):
            continue
        for run in _ASCII_RUN.finditer(pattern):
            first, last = run.start() == 0, run.end() == len(pattern)
            if first and last:
                continue  # inside some word, anywhere: not worth checking
            part = run.group()
            if first and not begins_some(part[::-1], backward):
                break
            if last and not begins_some(part, forward):
                break
            if not first and not last and part not in words:
                break
        else:
            wanted.append(number)
    return wanted


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
