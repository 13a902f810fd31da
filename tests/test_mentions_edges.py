"""The segmenter-free path of ``name_stands_alone`` (npt_gloss.mentions.cut_at_both_edges,
npt_gloss/segmenter_edges.txt): wherever it answers, the segmenter must agree.

The reference is the segmenter itself (``is_word`` on the same window, as name_stands_alone
judged every name before). The windows: every Chinese State name of the shipped glossary
where the shipped paper has it, and between neighbours drawn from the paper's characters,
function words, other names and the words of the table itself (the ones that must send a
name to the segmenter); and the dictionary words the segmenter itself finds in a window
(``rjieba.cut_all``) must never cross a name's edge when the fast path answers.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
import rjieba
from hypothesis import given, settings
from hypothesis import strategies as st

from npt_gloss import mentions, paths
from npt_gloss.build import NAME_DOMAIN, Folder
from npt_gloss.corpus import load_corpus
from npt_gloss.index import Index, all_forms, open_index
from npt_gloss.mentions import (
    NAME_WINDOW,
    cut_at_both_edges,
    is_segmenter_han,
    is_word,
    name_stands_alone,
    segmenter_edges,
    word_boundaries,
)
from npt_gloss.normalize import is_cjk

FUNCTION = list("的和在与对是中国家洋岛人民")


def reference(folded: str, start: int, end: int) -> bool:
    """name_stands_alone as it was: the segmenter on the window, always."""
    low = max(0, start - NAME_WINDOW)
    window = folded[low : end + NAME_WINDOW]
    return is_word(window, start - low, end - low)


def crossing_dictionary_word(window: str, start: int, end: int) -> str | None:
    """A word of the segmenter's dictionary (as its full mode lists them) standing across
    ``start`` or ``end`` in ``window``, or None."""
    for word in set(rjieba.cut_all(window)):
        for found in re.finditer(f"(?={re.escape(word)})", window):
            first, stop = found.start(), found.start() + len(word)
            if first < start < stop or first < end < stop:
                return word
    return None


def compare(text: str, start: int, end: int) -> bool:
    """Assert the fast answer agrees with the segmenter; True when the fast path answered."""
    low = max(0, start - NAME_WINDOW)
    window = text[low : end + NAME_WINDOW]
    fast = cut_at_both_edges(window, start - low, end - low)
    assert name_stands_alone(text, start, end) == reference(text, start, end), (text, start)
    if fast:
        cuts = word_boundaries(window)
        assert {start - low, end - low} <= cuts, (window, text[start:end])
        assert crossing_dictionary_word(window, start - low, end - low) is None, window
    return fast


@cache
def glossary_names(index: Index) -> tuple[str, ...]:
    """Every folded Chinese form of a State name in the shipped glossary."""
    folder = Folder(index.t2s)
    found = set()
    for number in range(len(index.concepts)):
        concept = index.concept(number)
        if concept.domain != NAME_DOMAIN:
            continue
        for _kind, form in all_forms(concept):
            folded = folder.fold(form).strip()
            if any(map(is_cjk, folded)):
                found.add(folded)
    return tuple(sorted(found))


@cache
def paper_paragraphs(index: Index) -> tuple[str, ...]:
    folder = Folder(index.t2s)
    texts = [p.text for doc in load_corpus(paths.shipped("text")) for p in doc.paragraphs]
    folder.learn({ch for text in texts for ch in text})
    return tuple(folder.fold(text) for text in texts)


def neighbours(index: Index) -> list[str]:
    """Realistic and awkward neighbours: function words, other names, pieces of the paper,
    and words of the table (which must send the name to the segmenter)."""
    rng = random.Random(7)
    paper = "".join(paper_paragraphs(index))
    pieces = [paper[i : i + rng.randint(1, 4)] for i in rng.sample(range(len(paper) - 4), 60)]
    names = rng.sample(glossary_names(index), 20)
    table = segmenter_edges()
    keys = sorted(table._raw)
    words = [
        w for key in rng.sample(keys, 40) for w in rng.sample(sorted(table.group(key).words), 1)
    ]
    return [*FUNCTION, *names, *pieces, *words, "", "NPT", "2015", "，", " "]


def test_the_table_lists_most_names_of_the_glossary_and_only_clear_ones(
    shipped_index: Index,
) -> None:
    names = segmenter_edges().names
    # Most of the glossary's Chinese names skip the segmenter (a name added later is only
    # slower until scripts/segmenter_edges.py is run again).
    assert len(names & set(glossary_names(shipped_index))) > 300
    for name in names:
        words = rjieba.cut(name, hmm=False)
        assert all(map(is_segmenter_han, name))
        assert len(words[0]) > 1 and len(words[-1]) > 1, (name, words)


def _one_more_character(key: str, ch: str) -> str:
    """The word of a group's shape made with one more character: before the name's part
    (``<`` and ``<<`` groups) or after it (``>``)."""
    part = key.lstrip("<>")
    return part + ch if key.startswith(">") else ch + part


def test_the_table_has_the_segmenters_own_words() -> None:
    """The table comes from a copy of the dictionary, not from rjieba itself: for a sample of
    its groups, the words of one more character than the name's part that rjieba knows
    (every character of the CJK block tried) must be exactly the group's words of that
    length (scripts/segmenter_edges.py's words come from the same dictionary)."""
    table = segmenter_edges()
    rng = random.Random(3)
    common = ["<中", ">国", ">中国", "<印", ">度"]
    for key in [*rng.sample(sorted(table._raw), 25), *common]:
        part = key.lstrip("<>")
        known = {
            word
            for code in range(0x4E00, 0xA000)
            if rjieba.has_word(word := _one_more_character(key, chr(code)))
        }
        mine = {
            word
            for word in table.group(key).words
            if len(word) == len(part) + 1 and all(map(is_segmenter_han, word))  # not 大S
        }
        assert mine == known, key
        assert known or key not in common


@pytest.mark.parametrize(
    ("text", "name", "fast", "alone"),
    [
        ("中国和美国", "中国", True, True),
        ("发展中国家", "中国", False, False),  # 国家 crosses the end of 中国
        ("印度洋", "印度", False, False),
        ("在印度的", "印度", True, True),
        ("印度尼西亚", "印度", False, False),
        ("中国人民", "中国", False, True),  # 中国人 crosses it; the segmenter still cuts
        ("刚果(金)", "刚果(金)", False, True),  # not Han only: not listed
    ],
)
def test_known_windows(text: str, name: str, fast: bool, alone: bool) -> None:
    start = text.index(name)
    assert cut_at_both_edges(text, start, start + len(name)) is fast
    assert name_stands_alone(text, start, start + len(name)) is alone


def test_every_name_where_the_paper_has_it(shipped_index: Index) -> None:
    names = glossary_names(shipped_index)
    compared = answered = 0
    for text in paper_paragraphs(shipped_index):
        for name in names:
            for found in re.finditer(re.escape(name), text):
                answered += compare(text, found.start(), found.end())
                compared += 1
    assert compared >= 8 and answered >= 4  # the paper names few States


def test_every_name_set_into_the_papers_sentences(shipped_index: Index) -> None:
    rng = random.Random(5)
    paragraphs = paper_paragraphs(shipped_index)
    compared = answered = 0
    for name in glossary_names(shipped_index):
        for _ in range(10):
            text = rng.choice(paragraphs)
            at = rng.randrange(len(text) + 1)
            answered += compare(text[:at] + name + text[at:], at, at + len(name))
            compared += 1
    assert answered > compared // 2


def test_every_name_between_neighbours(shipped_index: Index) -> None:
    rng = random.Random(11)
    pool = neighbours(shipped_index)
    compared = answered = 0
    for name in glossary_names(shipped_index):
        for _ in range(12):
            left, right = rng.choice(pool) + rng.choice(pool), rng.choice(pool)
            text = left + name + right
            answered += compare(text, len(left), len(left) + len(name))
            compared += 1
    assert answered > compared // 4


@st.composite
def windows(draw: st.DrawFn) -> tuple[str, int, int]:
    names, alphabet = _alphabet()
    side = st.lists(st.one_of(st.sampled_from(alphabet), st.sampled_from(names)), max_size=5)
    name = draw(st.sampled_from(names))
    left, right = "".join(draw(side)), "".join(draw(side))
    return left + name + right, len(left), len(left) + len(name)


@cache
def _alphabet() -> tuple[tuple[str, ...], list[str]]:
    """The names, and the characters of the paper with function words and a few Latin."""
    index = open_index(paths.shipped("glossary.toml"), paths.shipped("text"), None)
    paper = "".join(paper_paragraphs(index))
    return glossary_names(index), sorted(set(paper)) + FUNCTION + list("ab1-.")


@settings(max_examples=400, deadline=None)
@given(windows())
def test_random_windows(window: tuple[str, int, int]) -> None:
    compare(*window)


def test_a_missing_table_sends_every_name_to_the_segmenter(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    monkeypatch.setattr(mentions, "EDGES_FILE", tmp_path / "none.txt")
    segmenter_edges.cache_clear()
    try:
        assert not cut_at_both_edges("中国和美国", 0, 2)
        assert name_stands_alone("中国和美国", 0, 2)
    finally:
        segmenter_edges.cache_clear()


def _check_imports(tmp_path: Path, text: str) -> tuple[str, str]:
    """(output, -X importtime report) of a second `npt-gloss check` of a Chinese draft
    (the first writes the index and the scan table to the cache)."""
    draft = tmp_path / "draft-zh.txt"
    draft.write_text(text, encoding="utf-8")
    env = dict(os.environ, NPT_GLOSS_CACHE=str(tmp_path / "cache"), NO_COLOR="1")
    env["NPT_GLOSS_TEXT"] = str(paths.shipped("text"))
    command = [sys.executable, "-X", "importtime", "-m", "npt_gloss", "check", str(draft)]
    subprocess.run(command, env=env, capture_output=True, check=False, timeout=300, cwd=tmp_path)
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    return done.stdout, done.stderr


def test_a_chinese_draft_is_checked_without_importing_the_segmenter(tmp_path: Path) -> None:
    plain = "1. 中国和美国都是条约的缔约国。\n\n2. 俄罗斯联邦、法国与英国支持这一决定。\n"
    output, imports = _check_imports(tmp_path, plain)
    assert "npt_gloss.mentions" in imports  # the report is there, and the scan ran
    assert "rjieba" not in imports
    assert "finding(s)" in output
    # A name the table cannot settle (印度 in 印度洋) still needs the segmenter.
    output, imports = _check_imports(tmp_path, "1. 印度洋的航行自由。\n")
    assert "rjieba" in imports
