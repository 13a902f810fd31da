"""Lookup: from whatever the user typed to ranked glossary concepts.

Candidates come from cheap tables first — exact keys (which already absorb case, spacing,
hyphens, full-width forms, British/American spelling and plurals), abbreviations, traditional
characters, pinyin — and only then from fuzzy scoring with rapidfuzz over keys of a plausible
length. Scores are banded so that any table match outranks any fuzzy one: an exact
"non-nuclear-weapon States" (100) can never lose to a fuzzy "nuclear-weapon States".
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from npt_gloss.index import KIND, Index
from npt_gloss.normalize import fold, has_cjk, pinyin_key, term_key

MAX_QUERY = 200  # characters matched; longer input is cut (a term is never this long)
FUZZY_CUTOFF = 72.0
FUZZY_CEILING = 94.0
GOOD_ENOUGH = 60.0  # below this a result is a suggestion, not an answer

# Score for a key match, by the kind of form matched.
_TABLE_SCORES = {
    KIND["en"]: ("exact", 100.0),
    KIND["zh"]: ("exact", 100.0),
    KIND["en_variant"]: ("variant", 98.0),
    KIND["zh_variant"]: ("variant", 98.0),
    KIND["abbr"]: ("abbreviation", 97.0),
    KIND["en_deprecated"]: ("deprecated", 90.0),
    KIND["zh_deprecated"]: ("deprecated", 90.0),
}


@dataclass(frozen=True)
class Match:
    """One ranked answer: which concept, how it matched, through which form, how well."""

    concept: int
    score: float
    how: str  # exact, variant, abbreviation, deprecated, traditional, pinyin, partial, fuzzy
    form: str


def prepare_query(query: str) -> str:
    """Cap and trim a query; very long input is cut rather than scored."""
    return query[:MAX_QUERY].strip()


def lookup(index: Index, query: str, limit: int = 10) -> list[Match]:
    """Concepts matching ``query``, best first (at most ``limit``)."""
    query = prepare_query(query)
    key = term_key(query, index.t2s)
    if not key:
        return []
    best: dict[int, Match] = {}
    traditional = fold(query, index.t2s) != fold(query, {})
    for match in _table_matches(index, key, traditional):
        _keep(best, match)
    if not has_cjk(query):
        for match in _pinyin_matches(index, query):
            _keep(best, match)
    if has_cjk(key):
        for match in _partial_matches(index, key):
            _keep(best, match)
    exact_found = any(m.score >= 95 for m in best.values())
    for match in _fuzzy_matches(index, key, strict=exact_found):
        _keep(best, match)
    ranked = sorted(best.values(), key=lambda m: (-m.score, _preference(index, m)))
    return ranked[:limit]


def _preference(index: Index, match: Match) -> tuple[int, str]:
    # Ties: a shorter preferred term is usually the more general concept.
    concept = index.concepts[match.concept]
    return (len(concept[1]), concept[0])


def _keep(best: dict[int, Match], match: Match) -> None:
    current = best.get(match.concept)
    if current is None or match.score > current.score:
        best[match.concept] = match


def _table_matches(index: Index, key: str, traditional: bool) -> list[Match]:
    found = []
    for f_index in index.keys.get(key, ()):
        concept, kind, form = index.forms[f_index]
        how, score = _TABLE_SCORES[kind]
        if traditional and how != "deprecated":
            how, score = "traditional", score - 1
        found.append(Match(concept, score, how, form))
    return found


def _pinyin_matches(index: Index, query: str) -> list[Match]:
    key = pinyin_key(query)
    if len(key) < 4:  # "he" or "an" is any of a hundred characters
        return []
    return [
        Match(index.forms[f][0], 95.0, "pinyin", index.forms[f][2])
        for f in index.pinyin_keys.get(key, ())
    ]


def _partial_matches(index: Index, key: str) -> list[Match]:
    """Chinese forms that contain the query, or that the query contains (at least 2 chars)."""
    if len(key) < 2:
        return []
    found = []
    for candidate in index.zh_keys:
        if len(candidate) <= len(key):
            inside = candidate in key and len(candidate) >= max(2, len(key) - 2)
        else:
            inside = key in candidate
        if not inside:
            continue
        share = min(len(key), len(candidate)) / max(len(key), len(candidate))
        score = round(60.0 + 30.0 * share, 1)
        for f_index in index.keys[candidate]:
            found.append(Match(index.forms[f_index][0], score, "partial", index.forms[f_index][2]))
    return found


def _length_window(keys: Sequence[str], length: int, cutoff: float) -> Sequence[str]:
    """Keys whose length allows a ratio of at least ``cutoff`` (keys are sorted by length)."""
    ratio = cutoff / 100.0
    low = int(length * ratio / (2 - ratio))
    high = int(length * (2 - ratio) / ratio) + 1
    lengths = _lengths(keys)
    return keys[bisect.bisect_left(lengths, low) : bisect.bisect_right(lengths, high)]


_LENGTHS: dict[int, list[int]] = {}


def _lengths(keys: Sequence[str]) -> list[int]:
    cached = _LENGTHS.get(id(keys))
    if cached is None or len(cached) != len(keys):
        cached = [len(k) for k in keys]
        _LENGTHS[id(keys)] = cached
    return cached


def _fuzzy_matches(index: Index, key: str, strict: bool) -> list[Match]:
    from rapidfuzz import fuzz, process

    keys = index.zh_keys if has_cjk(key) else index.en_keys
    cutoff = 85.0 if strict else FUZZY_CUTOFF
    window = _length_window(keys, len(key), cutoff)
    found = []
    for candidate, score, _ in process.extract(
        key, window, scorer=fuzz.ratio, score_cutoff=cutoff, limit=25
    ):
        if candidate == key:  # already answered by the tables, with its proper kind
            continue
        scaled = round(min(FUZZY_CEILING, score * FUZZY_CEILING / 100.0), 1)
        for f_index in index.keys[candidate]:
            concept, _, form = index.forms[f_index]
            found.append(Match(concept, scaled, "fuzzy", form))
    return found


def suggestions(index: Index, query: str, limit: int = 5) -> list[str]:
    """Preferred terms close to ``query``, for a 'did you mean' line when nothing matched."""
    from rapidfuzz import fuzz, process

    key = term_key(prepare_query(query), index.t2s)
    if not key:
        return []
    keys = index.zh_keys if has_cjk(key) else index.en_keys
    # Two- and three-letter abbreviations resemble anything under partial scoring.
    shortest = min(4, len(key))
    keys = [k for k in keys if len(k) >= shortest]
    names: list[str] = []
    for candidate, _, _ in process.extract(
        key, keys, scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=55
    ):
        concept, _, form = index.forms[index.keys[candidate][0]]
        if form not in names:
            names.append(form)
        if len(names) == limit:
            break
    return names
