"""The one normalisation that index and query share.

Two levels, both pure and both parametrised by a traditional→simplified character table
(built once with OpenCC when the index is built, then read from the cache, so a query never
imports OpenCC):

* :func:`fold` / :func:`fold_with_offsets` work character by character — full-width and
  compatibility forms (NFKC), case, traditional characters, dash and quote variants — and are
  used to scan running text; the offsets map every folded character back to the original so
  spans can be reported in the original text.
* :func:`term_key` turns a term into a lookup key: it folds, then drops book-title marks and
  punctuation, treats hyphens, slashes and "&" as the words they stand for, unifies British
  and American spelling and reduces English plurals, so "Nuclear-Weapon States",
  "nuclear weapon state" and "ＮＵＣＬＥＡＲ－ＷＥＡＰＯＮ　STATES" share one key.
* :func:`pinyin_key` turns pinyin (with or without tone marks, numbers, spaces) into a key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

T2S = Mapping[str, str]

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_CHAR_MAP = {
    **{d: "-" for d in _DASHES},
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u3000": " ",
    "\u00a0": " ",
    "\u00b7": "·",
    "\u30fb": "·",
    # Book-title marks never change what a name means, and texts use them inconsistently
    # (《条约》第六条 vs 条约第六条), so they fold away.
    "《": "",
    "》": "",
}


def is_cjk(ch: str) -> bool:
    """True for a Han character (the blocks that Chinese terms use)."""
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FA1F
    )


# The blocks of is_cjk as one character class: has_cjk runs for every key a lookup looks at,
# and a regex scans in C (as does the isascii fast path) where a generator would not.
# A Han character, as Chinese terms use them (the index build searches with it too).
CJK_CHAR = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002fa1f]")
_CJK = CJK_CHAR


def has_cjk(text: str) -> bool:
    return not text.isascii() and _CJK.search(text) is not None


def fold_char(ch: str, t2s: T2S) -> str:
    """Fold one character; the result may be empty or longer than one character."""
    if ch.isascii():
        return ch.lower()
    folded = unicodedata.normalize("NFKC", ch).casefold()
    return "".join(_CHAR_MAP.get(c, t2s.get(c, c)) for c in folded)


def fold(text: str, t2s: T2S) -> str:
    """Fold running text (see module docstring)."""
    if text.isascii():
        return text.lower()
    return fold_with_offsets(text, t2s)[0]


def fold_with_offsets(text: str, t2s: T2S) -> tuple[str, list[int]]:
    """Fold ``text`` and return, for each folded character, its index in ``text``.

    White space between two Chinese characters (or a Chinese character and a digit, as in
    "1995 年") is dropped: Chinese has no word spaces, and those a PDF leaves would split
    terms. The offsets list has one extra entry, ``len(text)``; a folded span ``[a, b)``
    maps back to ``[offsets[a], offsets[b - 1] + 1)``.
    """
    out: list[str] = []
    offsets: list[int] = []
    index, length = 0, len(text)
    while index < length:
        if text[index].isspace():
            end = index
            while end < length and text[end].isspace():
                end += 1
            if index > 0 and end < length and _joins_chinese(text[index - 1], text[end]):
                index = end  # the whole run of white space goes
                continue
            chars = range(index, end)
            index = end
        else:
            chars = range(index, index + 1)
            index += 1
        for position in chars:
            folded = fold_char(text[position], t2s)
            out.append(folded)
            offsets.extend([position] * len(folded))
    offsets.append(length)
    return "".join(out), offsets


def _joins_chinese(left: str, right: str) -> bool:
    """Whether white space between these two characters is no word space (Chinese text)."""
    if is_cjk(left) and is_cjk(right):
        return True
    return (is_cjk(left) and right.isdigit()) or (left.isdigit() and is_cjk(right))


# British spellings are the UN's; the key maps both spellings to one form, so which one is
# chosen here does not matter as long as index and query agree.
_SPELLING = {
    "defense": "defence",
    "offense": "offence",
    "license": "licence",
    "program": "programme",
    "center": "centre",
    "catalog": "catalogue",
    "judgment": "judgement",
    "fulfill": "fulfil",
    "armor": "armour",
    "behavior": "behaviour",
    "favor": "favour",
    "labor": "labour",
    "honor": "honour",
    "counselor": "counsellor",
    "modeling": "modelling",
    "canceled": "cancelled",
    "analyze": "analyse",
    "paralyze": "paralyse",
}
_WORD = re.compile(r"[a-z0-9\u00c0-\u024f']+")
_KEY_DROP = re.compile(r"[《》〈〉「」『』\"“”‘’«»,.;:!?()\[\]{}（）【】、，。；：！？]")
_SEPARATORS = re.compile(r"[-/_+·\\|]")


def _singular(word: str) -> str:
    """A light plural reduction, applied identically to index and query."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _spelling(word: str) -> str:
    word = _SPELLING.get(word, word)
    # -isation/-ization and -ise/-ize (organisation, organization): one key for both.
    for british, american in _ISE:
        if word.endswith(british):
            return word[: -len(british)] + american
    return word


_AMERICAN = {british: american for american, british in _SPELLING.items()}


def american_spelling(word: str) -> str:
    """The American spelling of a British word (lower case) that :func:`term_key` unifies
    with it ("defence" -> "defense", "organisation" -> "organization", plurals too), or the
    word itself: running text is scanned for both, as lookup takes both."""
    plural = word.endswith("s") and word[:-1] in _AMERICAN
    base = word[:-1] if plural else word
    if base in _AMERICAN:
        return _AMERICAN[base] + ("s" if plural else "")
    for british, american in (("isations", "izations"), *_ISE):
        if word.endswith(british):
            return word[: -len(british)] + american
    return word


_ISE = (("isation", "ization"), ("ising", "izing"), ("ised", "ized"))


def english_word_key(word: str) -> str:
    return _singular(_spelling(word))


def term_key(text: str, t2s: T2S) -> str:
    """The lookup key of a term or query (see module docstring)."""
    folded = fold(text, t2s).replace("&", " and ")
    folded = _KEY_DROP.sub(" ", folded)
    folded = _SEPARATORS.sub(" ", folded)
    parts: list[str] = []
    for chunk in folded.split():
        parts.append(_WORD.sub(lambda m: english_word_key(m.group(0)), chunk))
    return _join_tokens(parts)


def _join_tokens(parts: list[str]) -> str:
    """Join with single spaces, but glue Chinese to Chinese or to a digit, as folding does
    ("核-3" and "核 3" key as "核3"), so that a key is its own key."""
    out = ""
    for part in parts:
        if out and not _joins_chinese(out[-1], part[0]):
            out += " "
        out += part
    return out


_TONE_NUMBERS = re.compile(r"(?<=[a-z])[1-5]")


def pinyin_key(text: str) -> str:
    """Key for pinyin: no tone marks or numbers, ü/v as u, no spaces or apostrophes."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).lower())
    # Dropping the combining marks turns ü into u, as v (the keyboard's ü) is turned below.
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    stripped = _TONE_NUMBERS.sub("", stripped).replace("v", "u")
    return re.sub(r"[^a-z]", "", stripped)


def at_word_boundary(text: str, start: int, end: int) -> bool:
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
