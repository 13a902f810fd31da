"""Lookup: from whatever the user typed to ranked glossary concepts.

Candidates come from cheap tables first — exact keys (which already absorb case, spacing,
hyphens, full-width forms, British/American spelling and plurals), abbreviations, traditional
characters, pinyin — and only then from fuzzy scoring with rapidfuzz over keys of a plausible
length (in a large glossary, over a shortlist of the keys that share most n-grams with the
query: see :func:`_candidates`). Scores are banded so that any table match outranks any
fuzzy one: an exact "non-nuclear-weapon States" (100) can never lose to a fuzzy
"nuclear-weapon States".
"""

from __future__ import annotations

import bisect
import heapq
import re
import sys
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any

from npt_gloss.index import KIND, Index, en_grams, zh_grams
from npt_gloss.normalize import fold, has_cjk, pinyin_key, term_key

MAX_QUERY = 200  # characters matched; longer input is cut (a term is never this long)
FUZZY_CUTOFF = 72.0
FUZZY_CEILING = 94.0
GOOD_ENOUGH = 60.0  # below this a result is a suggestion, not an answer
# Fuzzy candidates: up to EXHAUSTIVE keys of a plausible length are all scored; beyond that,
# the SHORTLIST keys sharing most grams with the query, counted within GRAM_BUDGET postings.
EXHAUSTIVE = 20_000
GRAM_BUDGET = 40_000
SHORTLIST = 400

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


def lookup(
    index: Index, query: str, limit: int = 10, *, resolving: Collection[str] | None = None
) -> list[Match]:
    """Concepts matching ``query``, best first (at most ``limit``).

    With ``resolving`` (a set of match kinds), only the matches of those kinds are wanted:
    fuzzy scoring is then skipped when it cannot change them, which spares a ``find`` for a
    glossary term the fuzzy matcher (and its import). Fuzzy scoring is skipped too when
    ``limit`` table matches already outrank any fuzzy one (a batch of exact terms).
    """
    return lookup_counted(index, query, limit, resolving=resolving, count_all=False)[0]


def lookup_counted(
    index: Index,
    query: str,
    limit: int = 10,
    *,
    resolving: Collection[str] | None = None,
    count_all: bool = True,
) -> tuple[list[Match], int]:
    """:func:`lookup`, and how many concepts matched in all (a word shared by hundreds of
    terms matches hundreds: the caller can say how many more there are). Without
    ``count_all`` the count may leave out fuzzy matches that rank below the first ``limit``."""
    query = article_reference(prepare_query(query))
    key = term_key(query, index.t2s)
    if not key:
        return [], 0
    best: dict[int, Match] = {}
    traditional = fold(query, index.t2s) != fold(query, {})
    for match in _table_matches(index, key, traditional):
        _keep(best, match)
    if has_cjk(key):
        for match in _partial_matches(index, key, limit):
            _keep(best, match)
    else:
        for match in _pinyin_matches(index, query):
            _keep(best, match)
        if not best:
            for match in word_matches(index, key, prefix=True, limit=None if count_all else limit):
                _keep(best, match)
    exact_found = any(m.score >= 95 for m in best.values())
    settled = not count_all and sum(m.score > FUZZY_CEILING for m in best.values()) >= limit
    if not settled and not (resolving is not None and _fuzzy_cannot_change(best, resolving)):
        for match in _fuzzy_matches(index, key, exact_found, best):
            _keep(best, match)
    order = lambda m: (-m.score, _preference(index, m))  # noqa: E731
    if count_all:
        return sorted(best.values(), key=order)[:limit], len(best)
    # The first ``limit`` only: a prefix typed into the live lookup can match thousands.
    return heapq.nsmallest(limit, best.values(), key=order), len(best)


_ARTICLE_EN = re.compile(r"(?i)^(?:article|arts?\.?|art)\s*([0-9]{1,3}|[ivxlc]+)\b\s*(.*)$")
_OF_THE_NPT = re.compile(r"(?i)(?:(?:of\s+)?(?:the\s+)?(?:npt|treaty|non-proliferation treaty))?")
_ARTICLE_ZH = re.compile(r"第\s*([0-9]{1,3}|[〇零一二三四五六七八九十百两]+)\s*条")


def article_reference(query: str) -> str:
    """An article reference in the glossary's own form: "art. 4", "Article 4 of the NPT" →
    "article IV …"; 第4条 → 第四条. Anything else comes back unchanged."""
    found = _ARTICLE_EN.match(query)
    if found:
        number = article_number(found.group(1))
        if number:
            # The glossary's bare "article IV" is the NPT's, as in the NPT's own texts.
            rest = "" if _OF_THE_NPT.fullmatch(found.group(2)) else f" {found.group(2)}"
            return f"article {roman(number)}{rest}"
        return query
    return _ARTICLE_ZH.sub(lambda m: f"第{chinese_numeral(article_number(m.group(1)))}条", query)


_ROMAN = (
    (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"),
    (1, "I"),
)  # fmt: skip
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ZH_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}  # fmt: skip


def article_number(text: str) -> int:
    """The number written in arabic, roman or Chinese numerals (0 when it is none of them)."""
    if text.isdigit():
        return int(text)
    lowered = text.lower()
    if lowered and set(lowered) <= set(_ROMAN_VALUES):
        total = 0
        for ch, nxt in zip(lowered, lowered[1:] + " ", strict=True):
            value = _ROMAN_VALUES[ch]
            total += -value if nxt != " " and _ROMAN_VALUES[nxt] > value else value
        return total if roman(total).lower() == lowered else 0
    return _chinese_value(text)


def _chinese_value(text: str) -> int:
    total, digit = 0, 0
    for ch in text:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
        elif ch == "十":
            total += (digit or 1) * 10
            digit = 0
        elif ch == "百":
            total += (digit or 1) * 100
            digit = 0
        else:
            return 0
    return total + digit


def roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 14 → 十四, 21 → 二十一, 101 → 一百零一 (article numbers, 1–999)."""
    digits = "零一二三四五六七八九"
    hundreds, rest = divmod(number, 100)
    tens, ones = divmod(rest, 10)
    out = f"{digits[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (digits[ones] if ones else "")


# ---------------------------------------------------------------- words of English terms

# "partial" scores: 70–85, by the share of the term the query covers, and 5 more when the
# query's words stand in the term together and in order (the leading words of a title).
WORD_SCORE_FLOOR, WORD_SCORE_SPAN, WORD_PHRASE_BONUS = 70.0, 10.0, 5.0
# Words that say nothing about which term is meant; every other word of the query must occur.
MIN_PREFIX = 3  # letters: a shorter start of a word ("st") begins too many terms to mean one
FILLER_WORDS = frozenset("a an and at by for in of on or the to with".split())


def word_matches(
    index: Index, key: str, *, prefix: bool = False, limit: int | None = None
) -> list[Match]:
    """English forms that contain every word of the query as a whole word ("inspection" →
    "on-site inspection", "challenge inspection" …; the leading words of a long title → the
    title), as ``partial`` matches scored below any table match, shortest form first.

    With ``prefix``, the last word may be the start of a word ("strategic stab" → "strategic
    stability"): what a user has typed so far.

    With ``limit``, the search stops once ``limit`` concepts score above anything a longer
    form could (the score falls with the form's length, and forms come shortest first): the
    best ``limit`` are the same, but not every match is returned."""
    words = [w for w in key.split() if w not in FILLER_WORDS]
    if not words or has_cjk(key):
        return []
    if prefix and len(words[-1]) >= MIN_PREFIX:
        whole, start = words[:-1], words[-1]
    else:
        whole, start, prefix = words, "", False
    found = []
    phrase = f" {key}" if prefix else f" {key} "
    scores: dict[int, float] = {}  # concept -> its best score so far (with ``limit``)
    length = 0
    for candidate in _keys_with_words(index, whole, start):
        if candidate == key:
            continue
        if limit and len(candidate) > length:
            length = len(candidate)
            if _out_of_reach(scores, limit, _word_score(key, length, WORD_PHRASE_BONUS)):
                break
        bonus = WORD_PHRASE_BONUS if phrase in f" {candidate} " else 0.0
        score = _word_score(key, len(candidate), bonus)
        for f_index in index.keys[candidate]:
            concept, _, form = index.forms[f_index]
            found.append(Match(concept, score, "partial", form))
            if limit and score > scores.get(concept, 0.0):
                scores[concept] = score
    return found


def _word_score(key: str, length: int, bonus: float) -> float:
    return round(WORD_SCORE_FLOOR + WORD_SCORE_SPAN * len(key) / length + bonus, 1)


def _out_of_reach(scores: dict[int, float], limit: int, most: float) -> bool:
    """Whether ``limit`` concepts already score above ``most`` (ties could still change
    the order, so only a higher score settles it)."""
    return len(scores) >= limit and heapq.nlargest(limit, scores.values())[-1] > most


def _keys_with_words(index: Index, words: list[str], start: str = "") -> Iterator[str]:
    """Latin keys holding each of ``words`` whole (and a word beginning with ``start``),
    shortest first: every such key holds all the trigrams of " word " (keys pad with a
    space) and of " start", so the rarest one's keys suffice."""
    grams = [gram for word in words for gram in en_grams(word)]
    if start:
        padded_start = f" {start}"
        grams += [padded_start[i : i + 3] for i in range(len(padded_start) - 2)]
    rarest = None
    for gram in grams:
        postings = _postings(index.en_grams, gram, 0, len(index.en_keys))
        if not postings:
            return
        if rarest is None or len(postings) < len(rarest):
            rarest = postings
    wanted = [f" {word} " for word in words] + ([f" {start}"] if start else [])
    for position in rarest or ():
        candidate = index.en_keys[position]
        padded = f" {candidate} "
        if all(_holds(padded, word) for word in wanted):
            yield candidate


def _holds(padded: str, word: str) -> bool:
    """Whether ``word`` (space-delimited) stands in ``padded`` other than negated: the
    "compliance" of "non-compliance" is not a mention of compliance."""
    at = padded.find(word)
    while at != -1:
        if not padded[:at].endswith(" non"):
            return True
        at = padded.find(word, at + 1)
    return False


def words_agree(key: str, candidate: str) -> bool:
    """Whether a fuzzy candidate is an answer rather than a guess: every word of the query
    matches its own word of the candidate at typo level ("stabilty" ~ "stability", never
    "verification" ~ "ratification"). Chinese keys are judged by the fuzzy score alone."""
    if has_cjk(key) or has_cjk(candidate):
        return True
    from rapidfuzz.distance import OSA

    left = candidate.split()
    if "non" in left and "non" not in key.split():
        return False  # "compliance" is not a typo of "non-compliance": the opposite
    for word in key.split():
        allowed = _typos_allowed(word)
        for position, other in enumerate(left):
            if OSA.distance(word, other, score_cutoff=allowed) <= allowed:
                del left[position]
                break
        else:
            return False
    return True


def _typos_allowed(word: str) -> int:
    """Edits (insertions, deletions, substitutions, swaps) a word may differ by and still be
    a typo of another: none in a short word, one in a word of 4–9 letters, two beyond."""
    if len(word) <= 3:
        return 0
    return 1 if len(word) <= 9 else 2


def _fuzzy_cannot_change(best: dict[int, Match], kinds: Collection[str]) -> bool:
    """True when there are matches of ``kinds`` and all outscore any fuzzy match: fuzzy
    matches would then rank below them and never replace them."""
    wanted = [m for m in best.values() if m.how in kinds]
    return bool(wanted) and all(m.score > FUZZY_CEILING for m in wanted)


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


def _partial_matches(index: Index, key: str, limit: int) -> list[Match]:
    """Chinese forms that contain the query, or that the query contains (at least 2 chars).

    The score falls with the length difference, so once ``limit`` concepts are found only
    candidates as good as the last one can still count: the rest are not looked at.
    """
    if len(key) < 2:
        return []
    found: list[Match] = []
    concepts: set[int] = set()
    floor = None
    for score, candidate in _partial_candidates(index, key):
        if floor is not None and score < floor:
            break
        for f_index in index.keys[candidate]:
            concept, _, form = index.forms[f_index]
            found.append(Match(concept, score, "partial", form))
            concepts.add(concept)
        if floor is None and len(concepts) >= limit:
            floor = score
    return found


def _partial_candidates(index: Index, key: str) -> Iterator[tuple[float, str]]:
    """(score, key) for the partial matches, best first (ties: shorter key, then by key)."""

    def scored(candidate: str) -> tuple[float, str]:
        share = min(len(key), len(candidate)) / max(len(key), len(candidate))
        return round(60.0 + 30.0 * share, 1), candidate

    inside = [scored(c) for c in _contained_keys(index, key)]
    for outside in map(scored, _containing_keys(index, key)):
        while inside and inside[0][0] >= outside[0]:
            yield inside.pop(0)
        yield outside
    yield from inside


def _contained_keys(index: Index, key: str) -> list[str]:
    """Chinese keys inside the query of at least max(2, len - 2) characters, longest first."""
    found = set()
    for length in range(len(key), max(2, len(key) - 2) - 1, -1):
        for start in range(len(key) - length + 1):
            part = key[start : start + length]
            if part not in found and has_cjk(part) and part in index.keys:
                found.add(part)
    return sorted(found, key=lambda k: (-len(k), k))


def _containing_keys(index: Index, key: str) -> Iterator[str]:
    """Chinese keys longer than the query that contain it, shortest first.

    Every such key holds each of the query's character pairs, so the rarest pair's keys
    are the only ones to check.
    """
    first = _start(index.zh_starts, len(key) + 1)
    rarest = None
    for pair in {key[i : i + 2] for i in range(len(key) - 1)}:
        postings = _postings(index.zh_grams, pair, first, len(index.zh_keys))
        if not postings:
            return
        if rarest is None or len(postings) < len(rarest):
            rarest = postings
    for position in rarest or ():
        candidate = index.zh_keys[position]
        if key in candidate:
            yield candidate


def _start(starts: Sequence[int], length: int) -> int:
    """Position of the first key of at least ``length`` characters."""
    return starts[length] if length < len(starts) else starts[-1]


def _postings(table: Any, gram: str, low: int, high: int) -> Sequence[int]:
    """Positions in [low, high) of the keys containing ``gram`` (ascending)."""
    raw = table.get(gram)
    if raw is None:
        return ()
    positions = memoryview(raw).cast("I")
    return positions[bisect.bisect_left(positions, low) : bisect.bisect_left(positions, high)]


def _length_bounds(length: int, cutoff: float) -> tuple[int, int]:
    """Key lengths that allow a ratio of at least ``cutoff`` (inclusive)."""
    ratio = cutoff / 100.0
    return int(length * ratio / (2 - ratio)), int(length * (2 - ratio) / ratio) + 1


def _candidates(index: Index, key: str, low: int, high: int) -> Sequence[str]:
    """The keys of lengths ``low``..``high`` worth scoring against ``key``.

    All of them when there are few; otherwise a shortlist: the keys that share the most
    grams (trigrams of Latin keys, characters and character pairs of Chinese ones) with the
    query, counted over the rarest grams first within a fixed budget of postings, so the
    cost stays flat as the glossary grows. This is a heuristic: scoring the shortlist can
    miss a far-fetched match that scoring everything would find (benchmarks/bench.py
    reports how often the best match differs: on its typo queries, never).
    """
    cjk = has_cjk(key)
    keys = index.zh_keys if cjk else index.en_keys
    starts = index.zh_starts if cjk else index.en_starts
    first, last = _start(starts, low), _start(starts, high + 1)
    if last - first <= EXHAUSTIVE:
        return keys.run(first, last)
    table = index.zh_grams if cjk else index.en_grams
    grams = zh_grams(key) if cjk else en_grams(key)
    postings = sorted((p for g in grams if (p := _postings(table, g, first, last))), key=len)
    counts: Counter[int] = Counter()
    spent = 0
    for positions in postings:
        if spent and spent + len(positions) > GRAM_BUDGET:
            break
        counts.update(positions)
        spent += len(positions)
    return [keys[position] for position in most_common(counts, SHORTLIST)]


def most_common(counts: Counter[int], n: int) -> list[int]:
    """``[item for item, _ in counts.most_common(n)]``, in the same order (ties in first-seen
    order), without a Python-level heap over tens of thousands of items: the count that
    admits ``n`` items is found from a histogram of the counts, and only the items counted
    that often are sorted."""
    if len(counts) <= n:
        return [item for item, _ in counts.most_common()]
    histogram = Counter(counts.values())
    admitted = 0
    for least in sorted(histogram, reverse=True):
        admitted += histogram[least]
        if admitted >= n:
            break
    kept = list(compress(counts.keys(), map(least.__le__, counts.values())))
    return sorted(kept, key=counts.__getitem__, reverse=True)[:n]  # stable: ties stay in order


def _fuzzy_matches(index: Index, key: str, strict: bool, best: dict[int, Match]) -> list[Match]:
    cutoff = 85.0 if strict else FUZZY_CUTOFF
    choices = _candidates(index, key, *_length_bounds(len(key), cutoff))
    if "rapidfuzz.process" not in sys.modules:
        # A single command spares rapidfuzz's import when a cheap bound shows that nothing
        # it could find would change the answer; once it is loaded (a batch), its own C loop
        # with the cutoff is faster than this Python one, and gives the same matches.
        choices = [c for c in choices if _ratio_bound(key, c) >= cutoff - 0.01]
        if not any(_could_change(index, c, key, best) for c in choices):
            return []
    from rapidfuzz import fuzz, process

    found = []
    for candidate, score, _ in process.extract(
        key, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=25
    ):
        if candidate == key:  # already answered by the tables, with its proper kind
            continue
        if not words_agree(key, candidate):
            continue  # a near-miss in other words is a suggestion, not an answer
        scaled = round(min(FUZZY_CEILING, score * FUZZY_CEILING / 100.0), 1)
        for f_index in index.keys[candidate]:
            concept, _, form = index.forms[f_index]
            found.append(Match(concept, scaled, "fuzzy", form))
    return found


def _ratio_bound(key: str, candidate: str) -> float:
    """An upper bound of ``fuzz.ratio(key, candidate)``, cheaply.

    The ratio is 200·LCS / (total length); the characters of the candidate that do not
    occur in the key cannot be in a common subsequence (one ``str.translate`` counts them).
    """
    table = _ABSENT.get(key)
    if table is None:
        if len(_ABSENT) > 64:
            _ABSENT.clear()
        table = _ABSENT[key] = dict.fromkeys(map(ord, set(key)))
    common = len(candidate) - len(candidate.translate(table))
    return 200.0 * min(common, len(key)) / (len(key) + len(candidate))


_ABSENT: dict[str, dict[int, None]] = {}  # key -> a translate table deleting its characters


def _could_change(index: Index, candidate: str, key: str, best: dict[int, Match]) -> bool:
    """Whether a fuzzy match through ``candidate`` could change the answer: it is not the
    query's own key, and names a concept not already matched above any fuzzy score."""
    if candidate == key:
        return False
    for f_index in index.keys[candidate]:
        current = best.get(index.forms[f_index][0])
        if current is None or current.score <= FUZZY_CEILING:
            return True
    return False


def suggestions(index: Index, query: str, limit: int = 5) -> list[str]:
    """Preferred terms close to ``query``, for a 'did you mean' line when nothing matched."""
    from rapidfuzz import fuzz, process

    key = term_key(prepare_query(query), index.t2s)
    if not key:
        return []
    # Two- and three-letter abbreviations resemble anything under partial scoring.
    shortest = min(4, len(key))
    keys = _candidates(index, key, shortest, MAX_QUERY * 4)
    names: list[str] = []
    for candidate, _, _ in process.extract(
        key, keys, scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=55
    ):
        if candidate == key:  # the query itself is no use as a suggestion
            continue
        # Suggest the concept's preferred term (never a form to avoid), in the query's script.
        concept = index.concept(index.forms[index.keys[candidate][0]][0])
        form = concept.zh if has_cjk(key) else concept.en
        if form not in names:
            names.append(form)
        if len(names) == limit:
            break
    return names
