"""Glossary coverage of the documents: which concepts occur where, and what is missing.

Candidate terms come from a Chinese word segmenter with part-of-speech tags (rjieba, jieba's
dictionary), run over the text no glossary form covers: a run of nouns ("地缘/政治") is a
candidate term, and so is a single noun-like word of three characters or more unless it is
a generic word ("情况", "问题"). Counting whole words and noun phrases, not raw character
n-grams, keeps fragments such as "斯和美利坚合众国" out of the list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator
from typing import Any

from npt_gloss.index import Index
from npt_gloss.normalize import is_cjk

MIN_COUNT = 2
MAX_LEN = 10  # characters: longer noun runs are phrases, not terms
MIN_WORD = 3  # a lone two-character noun (安全, 条约) is general vocabulary, not a new term
# jieba's tags for nouns and noun-like words (names, organizations, nominal verbs, idioms,
# abbreviations); anything else ends a noun phrase.
_NOUN_TAGS = frozenset({"n", "nr", "ns", "nt", "nz", "vn", "an", "l", "j", "ng"})
# Nouns too general to be a term on their own (they may still end a longer candidate).
_GENERIC = frozenset(
    "情况 问题 方面 方式 过程 做法 工作 国家 时候 领域 基础 结果 目标 原则 因素 条件 能力 作用 "
    "方法 办法 措施 行动 进程 水平 程度 范围 部分 形势 背景 性质 规模 现实 观念 概念 意义 "
    "立场 态度 责任 义务 利益 关系 途径 手段 步骤 阶段 内容 主题 事项 问题上".split()
)


def coverage_report(index: Index, texts: Collection[int] | None, candidates: int) -> dict[str, Any]:
    """The concepts mentioned in ``texts`` (positions of a document and its language
    versions; None: every text), each with its count of :meth:`Index.mentions` and their
    paragraphs, most mentioned first; and the ``candidates`` most frequent candidate terms."""
    concepts = []
    for c_index in range(len(index.concepts)):
        chosen = [r for r in index.mentions(c_index) if texts is None or r[0] in texts]
        if not chosen:
            continue
        record = index.concepts[c_index]
        concepts.append(
            {
                "id": record[0],
                "en": record[1],
                "zh": record[2],
                "count": len(chosen),
                "paragraphs": sorted({r[1] for r in chosen}),
            }
        )
    concepts.sort(key=lambda row: (-row["count"], row["id"]))
    return {"concepts": concepts, "candidates": missing_terms(index, texts, candidates)}


def _covered_spans(
    index: Index, texts: Collection[int] | None
) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """(text, paragraph) → spans covered by a glossary form, in one pass over the occurrences
    (an everyday form covers its words too: they are no candidate for a new term)."""
    spans: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for rows in index.occurrences:
        for d, para, start, end, _form in rows:
            if texts is None or d in texts:
                spans.setdefault((d, para), []).append((start, end))
    return spans


def _mask(length: int, spans: list[tuple[int, int]]) -> list[bool]:
    mask = [False] * length
    for start, end in spans:
        mask[start : min(end, length)] = [True] * (min(end, length) - start)
    return mask


def missing_terms(index: Index, texts: Collection[int] | None, limit: int) -> list[dict[str, Any]]:
    """The ``limit`` most frequent candidate terms of the uncovered text of ``texts`` (None:
    every text), longest first among equals."""
    if limit == 0:
        return []
    counts: Counter[str] = Counter()
    covered = _covered_spans(index, texts)
    for d_index, data in enumerate(index.documents):
        if texts is not None and d_index not in texts:
            continue
        for number, text, _items in data["paragraphs"]:
            mask = _mask(len(text), covered.get((d_index, number), []))
            for run in _uncovered_runs(text, mask):
                counts.update(candidate_terms(run))
    frequent = [(term, n) for term, n in counts.items() if n >= MIN_COUNT]
    frequent.sort(key=lambda item: (-item[1], -len(item[0]), item[0]))
    return [{"text": term, "count": n} for term, n in frequent[:limit]]


def candidate_terms(run: str) -> Iterator[str]:
    """The candidate terms of a run of Chinese text: each noun phrase (a run of noun-like
    words) and each non-generic noun-like word of ``MIN_WORD`` characters or more in it."""
    import rjieba

    phrase: list[str] = []
    for word, tag in [*rjieba.tag(run), ("", "x")]:
        if tag in _NOUN_TAGS and word and all(is_cjk(ch) for ch in word):
            phrase.append(word)
            continue
        yield from _phrase_terms(phrase)
        phrase = []


def _phrase_terms(words: list[str]) -> Iterator[str]:
    joined = "".join(words)
    if len(words) > 1 and 2 <= len(joined) <= MAX_LEN:
        yield joined
    for word in words:
        if len(word) >= MIN_WORD and word not in _GENERIC:
            yield word


def _uncovered_runs(text: str, mask: list[bool]) -> list[str]:
    """The stretches of Chinese characters that no glossary form covers."""
    runs, current = [], []
    for ch, covered in zip(text, mask, strict=True):
        if is_cjk(ch) and not covered:
            current.append(ch)
        else:
            if len(current) >= 2:
                runs.append("".join(current))
            current = []
    if len(current) >= 2:
        runs.append("".join(current))
    return runs
