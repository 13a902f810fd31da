#!/usr/bin/env python3
"""Regenerate npt_gloss/segmenter_edges.txt, which lets a draft's scan skip the word segmenter.

usage: python scripts/segmenter_edges.py --dict PATH/TO/dict.txt [--output PATH] [--check]

``npt_gloss.mentions.name_stands_alone`` asks the segmenter (rjieba, jieba-rs) whether a
Chinese State name found in running text is a word there (印度 in 印度洋 is not). Importing
the segmenter costs about 0.3 s, most of a Chinese draft's ``check``. The answer is certain
without it when two things hold, and this script writes down what is needed to tell:

* **the name**: segmented alone, the best route through the name's characters (jieba picks
  the most probable path through the dictionary words it contains) begins and ends with a
  word of two characters or more, and beats every other path by a clear margin (far above
  the rounding of the segmenter's floating-point sums). Then a word of several characters
  stands at each edge, and jieba's HMM, which only merges runs of single characters, cannot
  join across the edges. Only names of Han characters alone are listed (jieba splits text
  at other characters);
* **the text around it**: no dictionary word found there crosses one of the name's edges.
  Then every path of the segmenter passes through both edges, the route inside the name is
  the one worked out alone, and the name is one or more whole words of the text.

The file lists the names that pass the first test, and every dictionary word that could
cross an edge of one of them (a word of which a part overlapping the name would match it,
beginning before the name or ending after it), grouped by the part of the name it overlaps
so that a scan reads only the groups of the names it meets. A name not listed, or a window
holding a listed word at a crossing place, goes to the segmenter as before.

The dictionary is jieba-rs's ``jieba/src/data/dict.txt`` (MIT), which rjieba compiles in:
the lines of jieba 0.42.1's ``jieba/dict.txt`` (MIT too) sorted, so ``LC_ALL=C sort -u`` of
that file gives the same bytes (git blob 8a9837551ef4f0833835565b5ca654bd6d786a42).
tests/test_mentions_edges.py checks the table against the installed rjieba. The names are
the Chinese State names of the shipped glossary, as the scan folds them: run this again when
they change (a name the file lacks goes to the segmenter: slower, never wrong). ``--check``
exits 1 when the shipped file differs from what the dictionary and glossary give.
"""

from __future__ import annotations

import argparse
import itertools
import math
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run from a checkout without installing the package
    sys.path.insert(0, str(REPO))

from npt_gloss.mentions import EDGES_FILE, is_segmenter_han  # noqa: E402

MARGIN = 1e-6  # natural-log units; the segmenter's rounding over ~20 sums is below 1e-11

HEADER = """\
# Which Chinese State names the draft scan can judge without the word segmenter, and the
# dictionary words that could cross their edges (see npt_gloss/mentions.py and
# scripts/segmenter_edges.py, which writes this file; do not edit it by hand).
#
# Derived from the dictionary of jieba-rs (https://github.com/messense/jieba-rs,
# jieba/src/data/dict.txt), which is the dictionary of jieba 0.42.1 (Sun Junyi,
# https://github.com/fxsjy/jieba, MIT licence) with its lines sorted. jieba-rs's licence:
#
# MIT License
#
# Copyright (c) 2018 - 2019 messense
# Copyright (c) 2019 Paul Meng
#
# Permission is hereby granted, free of charge, to any person obtaining a copy
# of this software and associated documentation files (the "Software"), to deal
# in the Software without restriction, including without limitation the rights
# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
# copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
# LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
# SOFTWARE.
"""


def read_dictionary(path: Path) -> dict[str, int]:
    """word -> frequency, as jieba-rs loads its dictionary (a later line wins)."""
    freq: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ")
        if len(parts) >= 2 and parts[0]:
            freq[parts[0]] = int(parts[1])
    return freq


def chinese_names() -> list[str]:
    """The folded Chinese State-name patterns of the shipped glossary, as the scan has them."""
    from npt_gloss.build import NAME_DOMAIN, pattern_table
    from npt_gloss.index import open_index
    from npt_gloss.normalize import is_cjk

    index = open_index(REPO / "glossary.toml", REPO / "text", None)
    concepts = [index.concept(number) for number in range(len(index.concepts))]
    table = pattern_table(concepts, index.t2s)
    names = {n for n, concept in enumerate(concepts) if concept.domain == NAME_DOMAIN}
    found = set()
    for pattern, owner in zip(table.patterns, table.owners, strict=True):
        owned = (owner,) if isinstance(owner, int) else tuple(owner)
        if any(concept in names for concept in owned) and any(map(is_cjk, pattern)):
            found.add(pattern)
    return sorted(found)


def clear_route(name: str, freq: dict[str, int], total: int) -> bool:
    """Whether the segmenter, given ``name`` alone, surely cuts it with a word of two
    characters or more at each end: the best path through it does, and beats every other
    path by MARGIN. Paths are over a superset of the segmenter's own (every single character
    counted, at least at frequency 1), so the margin can only be underestimated; the best
    path must be of dictionary words, so it is one the segmenter has."""
    if len(name) < 2 or not all(map(is_segmenter_han, name)):
        return False
    log_total = math.log(total)

    def weight(word: str) -> float:
        return math.log(max(freq.get(word, 0), 1)) - log_total

    scored = []
    for cuts in itertools.product((False, True), repeat=len(name) - 1):
        words, start = [], 0
        for at, cut in enumerate(cuts, 1):
            if cut:
                words.append(name[start:at])
                start = at
        words.append(name[start:])
        if all(len(word) == 1 or word in freq for word in words):
            scored.append((sum(map(weight, words)), words))
    scored.sort(key=lambda item: item[0], reverse=True)
    best_score, best = scored[0]
    if len(best[0]) < 2 or len(best[-1]) < 2 or not all(word in freq for word in best):
        return False
    return len(scored) == 1 or best_score - scored[1][0] > MARGIN


def crossing_groups(names: list[str], freq: dict[str, int]) -> dict[str, set[str]]:
    """The dictionary words that, placed over one of ``names``, match it where they overlap
    and cross one of its edges, grouped by what the scan will look for:

    * ``<P``: words ending in P, longer than P, for P a name's first characters, not all;
    * ``<<N``: words holding the name N after one character or more (crossing its start,
      and its end when they go on after it);
    * ``>Q``: words beginning with Q, longer than Q, for Q a name's last characters (or all
      of them: a word beginning with the name and going on).
    """
    by_char: dict[str, list[str]] = defaultdict(list)
    for word in freq:
        if len(word) > 1:  # a single character crosses nothing
            for ch in set(word):
                by_char[ch].append(word)
    groups: dict[str, set[str]] = defaultdict(set)
    for name in names:
        size = len(name)
        candidates = {word for ch in set(name) for word in by_char.get(ch, ())}
        for word in candidates:
            for shift in range(1 - len(word), size):  # the word begins at name offset `shift`
                key = _group(name, word, shift)
                if key is not None:
                    groups[key].add(word)
    return groups


def _group(name: str, word: str, shift: int) -> str | None:
    """The group of ``word`` placed at ``shift`` over ``name``, or None when it does not
    match the name there or crosses neither edge."""
    size, length = len(name), len(word)
    inner = word[max(0, -shift) : min(length, size - shift)]
    if inner != name[max(0, shift) : min(size, shift + length)]:
        return None
    if shift < 0:
        if shift + length >= size:
            return "<<" + name
        return "<" + name[: shift + length] if shift + length > 0 else None
    return ">" + name[shift:] if shift + length > size else None


def render(freq: dict[str, int]) -> str:
    total = sum(freq.values())
    names = [name for name in chinese_names() if clear_route(name, freq, total)]
    groups = crossing_groups(names, freq)
    lines = [HEADER, "[names]\n", *(f"{name}\n" for name in names), "[words]\n"]
    lines.extend(f"{key}\t{' '.join(sorted(groups[key]))}\n" for key in sorted(groups))
    return "".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dict", required=True, type=Path, help="jieba-rs's dict.txt")
    parser.add_argument("--output", type=Path, default=EDGES_FILE)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file differs")
    args = parser.parse_args()
    text = render(read_dictionary(args.dict))
    if args.check:
        same = args.output.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{args.output} differs: run without --check")
        return 0 if same else 1
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
