"""Glossary coverage of the documents: which concepts occur where, and what is missing.

Candidate terms are frequent Chinese character n-grams (3–8 characters) of the documents
that no glossary form covers; an n-gram is dropped when a longer candidate with the same count
contains it, so "战略稳定" does not crowd out "战略稳定性".
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from npt_gloss.index import Index
from npt_gloss.normalize import is_cjk

MIN_COUNT = 2
# Function characters: a term seldom starts or ends with one, so n-grams that do
# ("的国际", "基础上", "必须在") are fragments of phrasing, not candidate terms.
_EDGE_STOP = frozenset(
    "的了在和与及是对为把被从向其这那也都就而并或之以于中上下不要能会将已等们他她它我你使一"
)
MIN_LEN, MAX_LEN = 3, 8


def coverage_report(index: Index, doc: int | None, candidates: int) -> dict[str, Any]:
    concepts = []
    for c_index, rows in enumerate(index.occurrences):
        chosen = [r for r in rows if doc is None or r[0] == doc]
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
    return {"concepts": concepts, "candidates": missing_terms(index, doc, candidates)}


def _covered_spans(index: Index, doc: int | None) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """(doc, paragraph) → spans covered by a glossary form, in one pass over the occurrences."""
    spans: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for rows in index.occurrences:
        for d, para, start, end, _form in rows:
            if doc is None or d == doc:
                spans.setdefault((d, para), []).append((start, end))
    return spans


def _mask(length: int, spans: list[tuple[int, int]]) -> list[bool]:
    mask = [False] * length
    for start, end in spans:
        mask[start : min(end, length)] = [True] * (min(end, length) - start)
    return mask


def missing_terms(index: Index, doc: int | None, limit: int) -> list[dict[str, Any]]:
    """The ``limit`` most frequent uncovered Chinese n-grams, longest first among equals."""
    if limit == 0:
        return []
    counts: Counter[str] = Counter()
    covered = _covered_spans(index, doc)
    for d_index, data in enumerate(index.documents):
        if doc is not None and d_index != doc:
            continue
        for number, text, _items in data["paragraphs"]:
            mask = _mask(len(text), covered.get((d_index, number), []))
            for run in _uncovered_runs(text, mask):
                counts.update(_ngrams(run))
    frequent = {
        gram: n
        for gram, n in counts.items()
        if n >= MIN_COUNT and gram[0] not in _EDGE_STOP and gram[-1] not in _EDGE_STOP
    }
    kept = [
        gram
        for gram, n in frequent.items()
        if not any(
            len(other) > len(gram) and gram in other and frequent[other] == n for other in frequent
        )
    ]
    kept.sort(key=lambda g: (-frequent[g], -len(g), g))
    return [{"text": gram, "count": frequent[gram]} for gram in kept[:limit]]


def _uncovered_runs(text: str, mask: list[bool]) -> list[str]:
    runs, current = [], []
    for ch, covered in zip(text, mask, strict=True):
        if is_cjk(ch) and not covered:
            current.append(ch)
        else:
            if len(current) >= MIN_LEN:
                runs.append("".join(current))
            current = []
    if len(current) >= MIN_LEN:
        runs.append("".join(current))
    return runs


def _ngrams(run: str) -> set[str]:
    return {run[i : i + n] for n in range(MIN_LEN, MAX_LEN + 1) for i in range(len(run) - n + 1)}
