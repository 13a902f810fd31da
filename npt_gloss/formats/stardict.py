"""StarDict: the glossary as a dictionary that GoldenDict, sdcv and other StarDict readers open.

The format (StarDict's own ``doc/StarDictFileFormat``) is small, so it is written here rather
than through a converter library: four files sharing one base name.

* ``.ifo``: a text header (version, book name, word and synonym counts, the .idx size);
* ``.dict``: the entry texts one after another (plain UTF-8 text, ``sametypesequence=m``,
  so no type byte and no terminating NUL);
* ``.idx``: per entry, its headword (UTF-8, NUL-terminated, under 256 bytes) and the entry's
  offset and size in .dict as 32-bit big-endian numbers;
* ``.syn``: per further form, the form (NUL-terminated) and the number of its entry in .idx.

.idx and .syn are sorted as StarDict binary-searches them: ``g_ascii_strcasecmp`` (ASCII
letters folded, bytes compared unsigned), ties broken by ``strcmp``.

Each concept is two entries, one per direction: its English preferred term leads to the
Chinese rendering, its Chinese preferred term to the English one; variants, abbreviations
and forms to avoid in either language are synonyms of the entry of their language.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from npt_gloss.models import Concept
from npt_gloss.normalize import has_cjk

MAX_WORD = 255  # bytes of a headword or synonym (StarDict: strlen(word) < 256)
BOOKNAME = "npt-gloss: arms-control terms, English ⇄ Chinese"
SUFFIXES = (".ifo", ".idx", ".dict", ".syn")


@dataclass(frozen=True)
class Entry:
    """One dictionary entry: its headword, the other forms that lead to it, its text."""

    headword: str
    synonyms: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class StarDict:
    """The files of a dictionary (suffix → bytes) and the forms left out as too long."""

    files: dict[str, bytes]
    entries: int
    synonyms: int
    too_long: tuple[str, ...] = ()


# ---------------------------------------------------------------- entries


def entries(concepts: Sequence[Concept]) -> list[Entry]:
    """Two entries per concept: English forms → the Chinese entry, Chinese forms → the
    English entry."""
    names = {c.id: f"{c.en} / {c.zh}" for c in concepts}
    found = []
    for concept in concepts:
        latin = tuple(a for a in concept.abbr if not has_cjk(a))
        chinese = tuple(a for a in concept.abbr if has_cjk(a))
        en_forms = (*concept.en_variants, *latin, *concept.en_deprecated)
        zh_forms = (*concept.zh_variants, *chinese, *concept.zh_deprecated)
        found.append(
            Entry(concept.en, _distinct(en_forms, concept.en), _text(concept, "en", names))
        )
        found.append(
            Entry(concept.zh, _distinct(zh_forms, concept.zh), _text(concept, "zh", names))
        )
    return found


def _distinct(forms: Iterable[str], headword: str) -> tuple[str, ...]:
    return tuple(f for f in dict.fromkeys(forms) if f and f != headword)


def _text(concept: Concept, looked_up: str, names: dict[str, str]) -> str:
    """The entry text: the rendering in the other language first (with its variants, so the
    translator sees the answer at once), then the forms of the looked-up language, then what
    the concept is and where its terms come from."""
    latin = [a for a in concept.abbr if not has_cjk(a)]
    chinese = [a for a in concept.abbr if has_cjk(a)]
    zh_block = [
        concept.zh,
        *_field("pinyin", [concept.pinyin] if concept.pinyin else []),
        *_field("variants", concept.zh_variants),
        *_field("abbreviations", chinese),
        *_field("avoid", concept.zh_deprecated),
    ]
    en_block = [
        concept.en,
        *_field("variants", concept.en_variants),
        *_field("abbreviations", latin),
        *_field("avoid", concept.en_deprecated),
    ]
    first, second = (zh_block, en_block) if looked_up == "en" else (en_block, zh_block)
    about = [
        *_field("domain", [concept.domain] if concept.domain else []),
        *_field("definition", [concept.definition] if concept.definition else []),
        *_field("note", [concept.note] if concept.note else []),
        *_field("source", [concept.source] if concept.source else []),
        *_field("see", [names.get(ref, ref) for ref in concept.see]),
        f"id: {concept.id}",
    ]
    return "\n".join([*first, "", *second, "", *about])


def _field(label: str, values: Sequence[str]) -> list[str]:
    return [f"{label}: {'; '.join(values)}"] if values else []


# ---------------------------------------------------------------- writing


def to_stardict(concepts: Sequence[Concept], description: str = "") -> StarDict:
    """The dictionary's files for ``concepts``; forms too long for a StarDict headword
    (over 255 bytes of UTF-8) are left out of the word lists (their entry text keeps them)."""
    too_long: list[str] = []
    words: list[tuple[bytes, bytes]] = []  # (headword, text)
    synonyms: list[tuple[bytes, int]] = []  # (form, position in ``words`` before sorting)
    for entry in entries(concepts):
        headword = _word(entry.headword, too_long)
        if headword is None:
            continue
        words.append((headword, entry.text.encode("utf-8")))
        for form in entry.synonyms:
            encoded = _word(form, too_long)
            if encoded is not None:
                synonyms.append((encoded, len(words) - 1))
    order = sorted(range(len(words)), key=lambda i: sort_key(words[i][0]))
    rank = {old: new for new, old in enumerate(order)}
    dict_parts, idx_parts, offset = [], [], 0
    for position in order:
        headword, text = words[position]
        dict_parts.append(text)
        idx_parts.append(headword + b"\0" + struct.pack(">II", offset, len(text)))
        offset += len(text)
    synonyms.sort(key=lambda s: sort_key(s[0]))
    syn = b"".join(form + b"\0" + struct.pack(">I", rank[target]) for form, target in synonyms)
    idx = b"".join(idx_parts)
    files = {
        ".ifo": _ifo(len(words), len(synonyms), len(idx), description),
        ".idx": idx,
        ".dict": b"".join(dict_parts),
    }
    if synonyms:
        files[".syn"] = syn
    return StarDict(files, len(words), len(synonyms), tuple(dict.fromkeys(too_long)))


def sort_key(word: bytes) -> tuple[bytes, bytes]:
    """StarDict's order: ``g_ascii_strcasecmp``, then ``strcmp`` (``bytes.lower`` folds
    ASCII letters only, and bytes compare unsigned, as both C functions do)."""
    return word.lower(), word


def _word(form: str, too_long: list[str]) -> bytes | None:
    # A headword is one line of text without NUL: the glossary's forms are (its checks
    # refuse control characters), and collapsing whitespace keeps a stray tab harmless.
    encoded = " ".join(form.split()).encode("utf-8")
    if len(encoded) > MAX_WORD:
        too_long.append(form)
        return None
    return encoded


def _ifo(words: int, synonyms: int, idx_size: int, description: str) -> bytes:
    lines = [
        "StarDict's dict ifo file",
        "version=3.0.0",
        f"bookname={BOOKNAME}",
        f"wordcount={words}",
        *([f"synwordcount={synonyms}"] if synonyms else []),
        f"idxfilesize={idx_size}",
        "idxoffsetbits=32",
        "sametypesequence=m",
        # One line: the .ifo is read line by line (StarDict writes <br> for line breaks).
        *([f"description={' '.join(description.split())}"] if description else []),
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class ReadBack:
    """A StarDict dictionary as read: its header, entries in file order, synonyms."""

    info: dict[str, str]
    entries: list[tuple[str, str]]  # (headword, text), in .idx order
    synonyms: list[tuple[str, int]]  # (form, entry number), in .syn order


def from_stardict(files: dict[str, bytes]) -> ReadBack:
    """Read the files written by :func:`to_stardict` (or any plain-text StarDict with
    32-bit offsets and ``sametypesequence=m``); a malformed file raises ValueError."""
    header = files[".ifo"].decode("utf-8").split("\n")
    if header[0] != "StarDict's dict ifo file":
        raise ValueError("not a StarDict .ifo file")
    info = dict(line.split("=", 1) for line in header[1:] if "=" in line)
    idx, data = files[".idx"], files[".dict"]
    if int(info["idxfilesize"]) != len(idx):
        raise ValueError("idxfilesize does not match the .idx file")
    found = []
    for word, (offset, size) in _records(idx, 8):
        found.append((word, data[offset : offset + size].decode("utf-8")))
    if len(found) != int(info["wordcount"]):
        raise ValueError("wordcount does not match the .idx file")
    synonyms = [(w, struct.unpack(">I", tail)[0]) for w, tail in _raw(files.get(".syn", b""), 4)]
    if len(synonyms) != int(info.get("synwordcount", "0")):
        raise ValueError("synwordcount does not match the .syn file")
    return ReadBack(info, found, synonyms)


def _records(data: bytes, tail: int) -> Iterable[tuple[str, tuple[int, int]]]:
    for word, raw in _raw(data, tail):
        yield word, struct.unpack(">II", raw)


def _raw(data: bytes, tail: int) -> Iterable[tuple[str, bytes]]:
    position = 0
    while position < len(data):
        end = data.find(b"\0", position)
        raw = data[end + 1 : end + 1 + tail]
        if end == -1 or len(raw) != tail:
            raise ValueError(f"a record cut short at byte {position}")
        yield data[position:end].decode("utf-8"), raw
        position = end + 1 + tail
