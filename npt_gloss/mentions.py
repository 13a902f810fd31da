"""Which shorter glossary terms inside a longer matched term count as mentions.

The occurrence scan is leftmost-longest, so 全面禁止核试验条约 is one occurrence of the CTBT.
The shorter terms inside it are then weighed here, once per distinct longer term (the answer
depends only on the term's own text, never on the sentence around it):

* **words**: a nested Chinese term must start and end on word boundaries of the longer term
  as a Chinese word segmenter (rjieba, jieba's dictionary) cuts it: 全面禁止/核试验/条约 lets
  核试验 count, 无核武器/国家 keeps 核武器国家 out, 印度洋 and 朝鲜半岛 are single words, so
  印度 and 朝鲜 are not in them. Latin terms must be whole words;
* **negation**: a term preceded in the longer term by 无, 非 or 不, by "non-" or "free of",
  or followed by "-free", is negated there, never mentioned (非核武器国家,
  "nuclear-weapon-free zone");
* **names**: a State's name inside another State's name (苏丹 in 南苏丹, "Guinea" in
  "Equatorial Guinea") is part of that name;
* **same concept**: a form inside another form of the same concept (俄罗斯 in 俄罗斯联邦) adds
  nothing;
* **everyday words**: a form the glossary marks as also an everyday word (大会, 决定) is never
  a mention inside a longer term (大会 in 审议大会): the longer term says what it is.

Among the nested terms that pass, the leftmost-longest ones are kept, as in the main scan.
A Chinese State name is also checked where it stands on its own in running text (印度 before
洋 when 印度洋 is no glossary term): names are short and hide inside other words. Most of
the time the answer is certain without the segmenter (whose import costs about 0.3 s): when
the name, segmented alone, surely begins and ends with words of several characters, and no
dictionary word in the text around it crosses its edges, every segmentation of the text
cuts at both edges. ``segmenter_edges.txt`` (written by scripts/segmenter_edges.py from
jieba-rs's dictionary) lists those names and the words that could cross them; anything
else still goes to the segmenter.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from npt_gloss.normalize import is_cjk

_NEGATING_BEFORE_ZH = ("无", "非", "不")
_NEGATING_BEFORE_LATIN = re.compile(r"(?:\bnon|\bfree of)[- ]?$")
_NEGATING_AFTER_LATIN = re.compile(r"^[- ]?free\b")
NAME_WINDOW = 6  # characters of context each side when a State name is checked in the text
EDGES_FILE = Path(__file__).with_name("segmenter_edges.txt")


def negated(outer: str, start: int, end: int) -> bool:
    """Whether ``outer[start:end]`` is negated by what surrounds it inside ``outer``."""
    before, after = outer[:start], outer[end:]
    if before.endswith(_NEGATING_BEFORE_ZH):
        return True
    return bool(_NEGATING_BEFORE_LATIN.search(before) or _NEGATING_AFTER_LATIN.match(after))


@lru_cache(maxsize=65536)
def word_boundaries(text: str) -> frozenset[int]:
    """Offsets in ``text`` where the segmenter puts a word boundary (both ends included)."""
    import rjieba

    cuts = {0}
    position = 0
    for word in rjieba.cut(text):
        position += len(word)
        cuts.add(position)
    return frozenset(cuts)


COMMON_WORD_FREQUENCY = 2000  # jieba's dictionary count above which a word is everyday usage


def is_common_word(word: str) -> bool:
    """Whether the segmenter's dictionary ranks a Chinese word as common (决定 32,771, 保留
    2,446; 核查 317, 核武器 1,552): a candidate for the glossary's ``everyday`` marking."""
    import rjieba

    return rjieba.suggest_freq(word) >= COMMON_WORD_FREQUENCY


def _splits_word(text: str, at: int) -> bool:
    """Whether a boundary at ``at`` would fall inside a Chinese word of ``text``."""
    return _between_han(text, at) and at not in word_boundaries(text)


def _splits_latin_word(text: str, at: int) -> bool:
    if at <= 0 or at >= len(text):
        return False
    left, right = text[at - 1], text[at]
    return left.isascii() and left.isalnum() and right.isascii() and right.isalnum()


def is_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` starts and ends on word boundaries (Chinese or Latin)."""
    return not (
        _splits_word(text, start)
        or _splits_word(text, end)
        or _splits_latin_word(text, start)
        or _splits_latin_word(text, end)
    )


def name_stands_alone(folded: str, start: int, end: int) -> bool:
    """Whether a Chinese name found at ``folded[start:end]`` is a word of the running text,
    judged on a window around it (印度 in 印度洋 is not)."""
    low = max(0, start - NAME_WINDOW)
    window = folded[low : end + NAME_WINDOW]
    first, stop = start - low, end - low
    if (_between_han(window, first) or _between_han(window, stop)) and cut_at_both_edges(
        window, first, stop
    ):
        return True  # the name is Han characters only, so no Latin word is split either
    return is_word(window, first, stop)


def _between_han(text: str, at: int) -> bool:
    """Whether ``at`` lies between two Chinese characters: the only place where
    :func:`is_word` asks the segmenter."""
    return 0 < at < len(text) and is_cjk(text[at - 1]) and is_cjk(text[at])


class _Group(NamedTuple):
    words: frozenset[str]
    longest: int  # characters in the longest of them


class SegmenterEdges:
    """The names whose edges the segmenter surely cuts when no word crosses them, and the
    dictionary words that could cross those edges, by group (see segmenter_edges.txt): a
    group's words are split out only when a name that needs them is met."""

    def __init__(self, names: frozenset[str], groups: dict[str, str]) -> None:
        self.names = names
        self._raw = groups  # key -> its words, joined by spaces
        self._groups: dict[str, _Group] = {}

    def group(self, key: str) -> _Group:
        found = self._groups.get(key)
        if found is None:
            words = frozenset(self._raw.get(key, "").split())
            found = self._groups[key] = _Group(words, max(map(len, words), default=0))
        return found


@lru_cache(maxsize=1)
def segmenter_edges() -> SegmenterEdges:
    """The shipped table (a missing or unreadable file only sends every name to the
    segmenter, as before)."""
    try:
        lines = EDGES_FILE.read_text(encoding="utf-8").splitlines()
        names_at, words_at = lines.index("[names]"), lines.index("[words]")
    except (OSError, UnicodeDecodeError, ValueError):
        return SegmenterEdges(frozenset(), {})
    groups = dict(line.split("\t", 1) for line in lines[words_at + 1 :] if "\t" in line)
    return SegmenterEdges(frozenset(lines[names_at + 1 : words_at]), groups)


def cut_at_both_edges(window: str, start: int, end: int) -> bool:
    """Whether the segmenter surely cuts ``window`` at ``start`` and at ``end``, known
    without running it: the name there is listed, and no dictionary word stands across one
    of its edges. False means only: ask the segmenter."""
    edges = segmenter_edges()
    name = window[start:end]
    if name not in edges.names:
        return False
    size = len(window)
    # Words ending inside the name, begun before it: "<" and the name's first characters.
    for stop in range(start + 1, end):
        group = edges.group("<" + window[start:stop])
        for first in range(max(0, stop - group.longest), start):
            if window[first:stop] in group.words:
                return False
    # Words holding the whole name, begun before it.
    group = edges.group("<<" + name)
    for first in range(max(0, end - group.longest), start):
        for stop in range(end, min(size, first + group.longest) + 1):
            if window[first:stop] in group.words:
                return False
    # Words begun at or inside the name, ending after it: ">" and its last characters.
    for first in range(start, end):
        group = edges.group(">" + window[first:end])
        for stop in range(end + 1, min(size, first + group.longest) + 1):
            if window[first:stop] in group.words:
                return False
    return True


def is_segmenter_han(ch: str) -> bool:
    """A character of the CJK Unified Ideographs block, which the segmenter always keeps
    in one run with its neighbours (the names of the table are made of these only)."""
    return "\u4e00" <= ch <= "\u9fff"


def nested_mentions(
    outer: str,
    outer_pattern: int,
    pattern_number: Mapping[str, int],
    not_a_mention: Callable[[int, int], bool],
) -> list[tuple[int, int, int]]:
    """(pattern, start, end) of the shorter patterns inside ``outer`` that count as mentions.

    ``not_a_mention(p, q)`` tells whether pattern ``p`` inside pattern ``q`` is excluded
    whatever the words around it (same concept, a name inside a name, an everyday word).
    """
    found: list[tuple[int, int, int]] = []
    # Most terms hold no other term: find the ones inside first (a dictionary probe per
    # span), and only then ask the segmenter, which costs more.
    for start, end in _spans(len(outer)):
        pattern = pattern_number.get(outer[start:end])
        if pattern is None or pattern == outer_pattern:
            continue
        if not_a_mention(pattern, outer_pattern):
            continue
        if not is_word(outer, start, end) or negated(outer, start, end):
            continue
        found.append((pattern, start, end))
    return leftmost_longest(found)


@lru_cache(maxsize=256)
def _spans(length: int) -> tuple[tuple[int, int], ...]:
    """Every span of two characters or more of a string of ``length``, but the whole."""
    return tuple(
        (i, j) for i in range(length) for j in range(i + 2, length + 1) if (i, j) != (0, length)
    )


def leftmost_longest(spans: Sequence[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The non-overlapping spans a leftmost-longest scan keeps, in text order."""
    ordered = sorted(spans, key=lambda s: (s[1], -(s[2] - s[1])))
    kept: list[tuple[int, int, int]] = []
    reach = 0
    for span in ordered:
        if span[1] >= reach:
            kept.append(span)
            reach = span[2]
    return kept
