"""Lookup details that mutation testing found unpinned (issue 16): the value of every kind of
article numeral, the scores of each kind of match, and what the cheap bounds let through.
Each expected value is worked out by hand from the rule in match.py's docstrings.

The last part covers the paths a small glossary never takes on its own: the n-gram shortlist
of a large glossary, checked against its definition (the keys sharing the most grams with the
query, within a budget of postings, rarest first) worked out by brute force over every key;
and the cheap bound that spares rapidfuzz's import in a single command, checked against the
batch path, which must give the same answers.
"""

from __future__ import annotations

import sys
from collections import Counter

import pytest
from conftest import concept
from hypothesis import given
from hypothesis import strategies as st

from npt_gloss import match
from npt_gloss.index import Index, build_index, en_grams, zh_grams
from npt_gloss.match import (
    article_number,
    article_reference,
    chinese_numeral,
    lookup,
    most_common,
    word_matches,
)
from npt_gloss.normalize import has_cjk, term_key


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4", 4),
        ("014", 14),
        ("iv", 4),
        ("IX", 9),
        ("xiv", 14),
        ("xl", 40),
        ("c", 100),
        ("ii", 2),
        ("xx", 20),
        ("cxlvi", 146),  # every roman letter
        ("iiii", 0),  # not a canonical roman numeral
        ("vx", 0),
        ("十", 10),
        ("十四", 14),
        ("二十", 20),
        ("二十一", 21),
        ("百", 100),
        ("一百", 100),
        ("两百", 200),
        ("三百", 300),
        ("一百零一", 101),
        ("一百二十", 120),
        ("二百三十四", 234),
        ("〇", 0),
        ("", 0),
        ("abc", 0),
        ("十x", 0),
    ],
)
def test_article_number(text: str, value: int) -> None:
    assert article_number(text) == value


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("第十条", "第十条"),
        ("第一百二十条", "第一百二十条"),
        ("第120条", "第一百二十条"),
        ("第101条", "第一百零一条"),
        ("第百条", "第一百条"),
        ("article xl", "article XL"),
        ("art 9", "article IX"),
        ("arts. 3", "article III"),
    ],
)
def test_article_reference_reaches_the_glossary_form(query: str, expected: str) -> None:
    assert article_reference(query) == expected


@pytest.mark.parametrize(
    ("number", "numeral"), [(100, "一百"), (110, "一百一十"), (230, "二百三十")]
)
def test_chinese_numeral_of_hundreds(number: int, numeral: str) -> None:
    assert chinese_numeral(number) == numeral


def test_prepare_query_caps_then_trims() -> None:
    from npt_gloss.match import MAX_QUERY, prepare_query

    assert MAX_QUERY == 200
    assert prepare_query("  arms control \n") == "arms control"
    assert prepare_query("a" * 300) == "a" * 200
    assert prepare_query(" " + "a" * 199 + "bc") == "a" * 199  # cut first, then trimmed


@pytest.mark.parametrize(
    ("word", "allowed"),
    [("ab", 0), ("abc", 0), ("abcd", 1), ("a" * 9, 1), ("a" * 10, 2), ("a" * 30, 2)],
)
def test_typos_allowed_by_word_length(word: str, allowed: int) -> None:
    from npt_gloss.match import _typos_allowed

    assert _typos_allowed(word) == allowed


@pytest.mark.parametrize(
    ("length", "cutoff", "bounds"), [(10, 72.0, (5, 18)), (20, 85.0, (14, 28)), (4, 100.0, (4, 5))]
)
def test_length_bounds(length: int, cutoff: float, bounds: tuple[int, int]) -> None:
    from npt_gloss.match import _length_bounds

    assert _length_bounds(length, cutoff) == bounds


@pytest.mark.parametrize(
    ("key", "candidate", "bound"),
    [
        ("abc", "abd", 200 * 2 / 6),
        ("abc", "xyz", 0.0),
        ("ab", "aaaa", 200 * 2 / 6),
        ("ab", "ab", 100.0),
    ],
)
def test_ratio_bound(
    key: str, candidate: str, bound: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rapidfuzz import fuzz

    from npt_gloss import match
    from npt_gloss.match import _ratio_bound

    monkeypatch.setattr(match, "_ABSENT", {})  # from a cold cache, then from the warm one
    assert _ratio_bound(key, candidate) == pytest.approx(bound)
    assert _ratio_bound(key, candidate) == pytest.approx(bound)
    assert fuzz.ratio(key, candidate) <= bound + 1e-9  # it is a bound


@pytest.mark.parametrize(
    ("padded", "word", "held"),
    [
        (" non compliance ", " compliance ", False),
        (" compliance ", " compliance ", True),
        (" non compliance and compliance ", " compliance ", True),  # the second stands alone
        (" anon compliance ", " compliance ", True),  # "anon" is not the prefix "non"
        (" compliance and non compliance ", " compliance ", True),  # the first stands alone
        (" non compliance compliance non compliance ", " compliance ", True),  # the middle one
        (" non compliance and non compliance ", " compliance ", False),
    ],
)
def test_holds(padded: str, word: str, held: bool) -> None:
    from npt_gloss.match import _holds

    assert _holds(padded, word) is held


@pytest.mark.parametrize(
    ("query", "how", "score"),
    [
        ("nuclear-weapon States", "exact", 100.0),
        ("核武器国家", "exact", 100.0),
        ("nuclear States", "variant", 98.0),
        ("核国家", "variant", 98.0),
        ("NNWS", "abbreviation", 97.0),
        ("大规模杀伤性武器", "deprecated", 90.0),
        ("核武器國家", "traditional", 99.0),  # one less than the simplified form's score
        ("核國家", "traditional", 97.0),
        ("zhanlue wendingxing", "pinyin", 95.0),
        ("misile defence", "fuzzy", 90.8),  # ratio 2·14/29 = 96.55, scaled by 0.94
    ],
)
def test_each_kind_of_match_has_its_score(
    mini_index: Index, query: str, how: str, score: float
) -> None:
    best = lookup(mini_index, query)[0]
    assert (best.how, best.score) == (how, score)


def test_could_change(mini_index: Index) -> None:
    from npt_gloss.match import FUZZY_CEILING, Match, _could_change
    from npt_gloss.normalize import term_key

    key = term_key("misile defence", mini_index.t2s)
    candidate = term_key("missile defence", mini_index.t2s)
    concept = mini_index.forms[mini_index.keys[candidate][0]][0]
    assert _could_change(mini_index, key, key, {}) is False  # the query's own key
    assert _could_change(mini_index, candidate, key, {}) is True  # a concept not yet found
    for score, changes in ((100.0, False), (FUZZY_CEILING + 0.1, False), (FUZZY_CEILING, True)):
        best = {concept: Match(concept, score, "exact", "missile defence")}
        assert _could_change(mini_index, candidate, key, best) is changes, score


NUCLEAR = [
    "nuclear-weapon States",
    "non-nuclear-weapon States",
    "Treaty on the Non-Proliferation of Nuclear Weapons",
    "weapons of mass destruction",
]


@pytest.mark.parametrize(
    ("query", "limit", "expected"),
    [
        ("nuclear weapon", 5, NUCLEAR),
        ("nuclear weapon", 2, NUCLEAR[:2]),
        ("nuclear weapon", 1, NUCLEAR[:1]),
        # in the query's script
        ("核武器", 5, ["核武器国家", "无核武器国家", "不扩散核武器条约", "大规模毁灭性武器"]),
        ("核武器", 2, ["核武器国家", "无核武器国家"]),
        # the query's own key is passed over, not the end of the list
        ("missile defence", 5, ["missile defence"]),
        # the preferred term, never the form to avoid that was typed
        ("大规模杀伤性武器", 5, ["大规模毁灭性武器"]),
    ],
)
def test_suggestions_exactly(mini_index: Index, query: str, limit: int, expected: list) -> None:
    from npt_gloss.match import suggestions

    assert suggestions(mini_index, query, limit) == expected
    if limit == 5:
        assert suggestions(mini_index, query) == expected  # 5 is the default


def test_five_suggestions_by_default(shipped_index: Index) -> None:
    from npt_gloss.match import suggestions

    assert len(suggestions(shipped_index, "nuclear")) == 5
    assert len(suggestions(shipped_index, "nuclear", 8)) == 8


def test_fuzzy_cannot_change() -> None:
    from npt_gloss.match import FUZZY_CEILING, Match, _fuzzy_cannot_change

    exact, fuzzy = Match(0, 100.0, "exact", "a"), Match(1, 80.0, "fuzzy", "b")
    edge = Match(2, FUZZY_CEILING, "deprecated", "c")
    assert _fuzzy_cannot_change({}, {"exact"}) is False  # nothing found yet
    assert _fuzzy_cannot_change({0: exact, 1: fuzzy}, {"exact"}) is True
    assert _fuzzy_cannot_change({1: fuzzy}, {"exact"}) is False
    assert _fuzzy_cannot_change({2: edge}, {"deprecated"}) is False  # a fuzzy score may tie


def test_two_chinese_characters_find_the_longer_terms(mini_index: Index) -> None:
    best = lookup(mini_index, "战略")[0]
    assert (mini_index.concepts[best.concept][0], best.how, best.score) == (
        "stability",
        "partial",
        75.0,  # 60 + 30 · 2/4 (战略 in 战略稳定)
    )


@pytest.mark.parametrize(
    ("query", "inside"),
    [
        ("无核武器国家们", ["无核武器国家", "核武器国家"]),  # 5 to 7 characters, longest first
        ("战略稳定性是", ["战略稳定性", "战略稳定"]),
        ("核武器国家的", ["核武器国家"]),
        ("核国家", ["核国家"]),
        ("国家", []),
        ("全面彻底裁军和导弹防御", []),  # 导弹防御 is shorter than 11 - 2 characters
        ("组织们", ["组织"]),  # two characters at least
        ("核武器国家的立场", []),  # 5 characters are fewer than 8 - 2
        ("的的的组织", []),  # 2 characters are fewer than 5 - 2, even at the end
    ],
)
def test_contained_keys(mini_index: Index, query: str, inside: list) -> None:
    from npt_gloss.match import _contained_keys

    assert _contained_keys(mini_index, query) == inside


def test_partial_candidates_and_the_limit(mini_index: Index) -> None:
    from npt_gloss.match import _partial_candidates, _partial_matches

    # 60 + 30 · (shorter / longer): 国家 in 核国家 2/3, in 核武器国家 2/5 …
    assert list(_partial_candidates(mini_index, "国家")) == [
        (80.0, "核国家"),
        (72.0, "核武器国家"),
        (70.0, "无核武器国家"),
        (67.5, "拥有核武器的国家"),
    ]
    assert list(_partial_candidates(mini_index, "无核武器国家们")) == [
        (85.7, "无核武器国家"),
        (81.4, "核武器国家"),
    ]

    def found(limit: int) -> list[tuple[str, float]]:
        matches = _partial_matches(mini_index, "国家", limit)
        return [(mini_index.concepts[m.concept][0], m.score) for m in matches]

    assert found(1) == [("nws", 80.0)]  # once a concept is found, only as good ones
    assert [m.form for m in _partial_matches(mini_index, "国家", 1)] == ["核国家"]
    assert found(2) == [("nws", 80.0), ("nws", 72.0), ("nnws", 70.0)]
    assert found(10) == [("nws", 80.0), ("nws", 72.0), ("nnws", 70.0), ("nws", 67.5)]
    assert _partial_matches(mini_index, "国", 10) == []  # one character is too little


# --- paths of a large glossary and of a single command ----------------------------------


@given(st.lists(st.integers(0, 30), max_size=200), st.integers(1, 40))
def test_most_common_is_counters_most_common(items: list[int], n: int) -> None:
    counts = Counter(items)
    assert most_common(counts, n) == [item for item, _ in counts.most_common(n)]


def test_most_common_keeps_ties_in_first_seen_order() -> None:
    counts = Counter([5, 3, 3, 9, 9, 1, 7, 7, 7])
    assert most_common(counts, 1) == [7]
    assert most_common(counts, 2) == [7, 3]
    assert most_common(counts, 3) == [7, 3, 9]
    assert most_common(counts, 4) == [7, 3, 9, 5]


# --- the shortlist -------------------------------------------------------------------


def _keys_in(index: Index, key: str, low: int, high: int) -> list[str]:
    keys = index.zh_keys if has_cjk(key) else index.en_keys
    return [k for k in (keys[i] for i in range(len(keys))) if low <= len(k) <= high]


def _grams(key: str) -> set[str]:
    return zh_grams(key) if has_cjk(key) else en_grams(key)


def _shared(index: Index, key: str, low: int, high: int) -> dict[str, int]:
    """Each key of a length in [low, high] that shares a gram with ``key``: how many."""
    wanted = _grams(key)
    shared = {k: len(wanted & _grams(k)) for k in _keys_in(index, key, low, high)}
    return {k: n for k, n in shared.items() if n}


QUERIES = [
    "strategic stabilty",
    "nuclear wepon states",
    "verifcation",
    "safegaurds agreement",
    "missile defense",
    "tst ban",
    "战略稳定",
    "核武器国家",
    "全面禁止核试验",
    "不扩散",
]


@pytest.fixture
def shortlisting(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Every fuzzy lookup goes through the shortlist, however few keys there are."""
    monkeypatch.setattr(match, "EXHAUSTIVE", 0)
    return monkeypatch


@pytest.mark.parametrize("query", QUERIES)
def test_an_unlimited_shortlist_is_every_key_sharing_a_gram(
    shipped_index: Index, shortlisting: pytest.MonkeyPatch, query: str
) -> None:
    shortlisting.setattr(match, "SHORTLIST", 1_000_000)
    key = term_key(query, shipped_index.t2s)
    low, high = match._length_bounds(len(key), match.FUZZY_CUTOFF)
    shortlist = match._candidates(shipped_index, key, low, high)
    expected = _shared(shipped_index, key, low, high)
    assert expected  # the query shares grams with some keys: the check is not empty
    assert sorted(shortlist) == sorted(expected)


@pytest.mark.parametrize("size", [1, 7, 40])
@pytest.mark.parametrize("query", QUERIES)
def test_a_shortlist_holds_the_keys_sharing_most_grams(
    shipped_index: Index, shortlisting: pytest.MonkeyPatch, query: str, size: int
) -> None:
    shortlisting.setattr(match, "SHORTLIST", size)
    key = term_key(query, shipped_index.t2s)
    low, high = match._length_bounds(len(key), match.FUZZY_CUTOFF)
    shortlist = match._candidates(shipped_index, key, low, high)
    shared = _shared(shipped_index, key, low, high)
    assert len(shortlist) == min(size, len(shared))
    assert len(set(shortlist)) == len(shortlist)
    left_out = [n for k, n in shared.items() if k not in shortlist]
    assert all(k in shared for k in shortlist)
    assert [shared[k] for k in shortlist] == sorted((shared[k] for k in shortlist), reverse=True)
    assert min(shared[k] for k in shortlist) >= max(left_out, default=0)


@pytest.mark.parametrize("budget", [1, 60, 400])
@pytest.mark.parametrize("query", ["nuclear wepon states", "全面禁止核试验"])
def test_the_budget_counts_the_rarest_grams_first(
    shipped_index: Index, shortlisting: pytest.MonkeyPatch, query: str, budget: int
) -> None:
    shortlisting.setattr(match, "SHORTLIST", 1_000_000)
    shortlisting.setattr(match, "GRAM_BUDGET", budget)
    key = term_key(query, shipped_index.t2s)
    low, high = match._length_bounds(len(key), match.FUZZY_CUTOFF)
    in_range = _keys_in(shipped_index, key, low, high)
    holders = sorted(([k for k in in_range if gram in _grams(k)] for gram in _grams(key)), key=len)
    holders = [h for h in holders if h]
    counted: set[str] = set(holders[0])  # the rarest gram's keys are always counted
    spent = len(holders[0])
    for keys in holders[1:]:
        if spent + len(keys) > budget:
            break
        counted.update(keys)
        spent += len(keys)
    shortlist = match._candidates(shipped_index, key, low, high)
    assert sorted(shortlist) == sorted(counted)
    if budget == 1:
        assert len(counted) == len(holders[0]) < len(_shared(shipped_index, key, low, high))


def test_every_key_is_scored_up_to_the_exhaustive_limit(
    shipped_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = term_key("nuclear wepon states", shipped_index.t2s)
    low, high = match._length_bounds(len(key), match.FUZZY_CUTOFF)
    in_range = _keys_in(shipped_index, key, low, high)
    sharing = _shared(shipped_index, key, low, high)
    assert len(sharing) < len(in_range)  # some keys share no gram: the two paths differ
    monkeypatch.setattr(match, "SHORTLIST", 1_000_000)
    monkeypatch.setattr(match, "EXHAUSTIVE", len(in_range))
    assert list(match._candidates(shipped_index, key, low, high)) == in_range
    monkeypatch.setattr(match, "EXHAUSTIVE", len(in_range) - 1)
    assert sorted(match._candidates(shipped_index, key, low, high)) == sorted(sharing)


TYPOS = [
    ("strategic stabilty", "strategic-stability"),
    ("nuclear wepon states", "nuclear-weapon-states"),
    ("verifcation", "verification"),
    ("safegaurds", "safeguards"),
    ("comprehensiv nuclear test ban treaty", "ctbt"),
    ("战略稳订性", "strategic-stability"),
]


@pytest.mark.parametrize(("query", "expected"), TYPOS)
def test_the_shortlist_finds_the_typos_exhaustive_scoring_finds(
    shipped_index: Index, shortlisting: pytest.MonkeyPatch, query: str, expected: str
) -> None:
    found = lookup(shipped_index, query, 3)
    assert shipped_index.concepts[found[0].concept][0] == expected
    assert found[0].how == "fuzzy"
    shortlisting.undo()
    assert lookup(shipped_index, query, 3) == found


# --- a single command: the bound that spares rapidfuzz's import ----------------------


@pytest.mark.parametrize(
    "query",
    [query for query, _ in TYPOS]
    + ["missile defence sytem", "non-nuclear wepon states", "nucler", "xyzzy", "核武器国"],
)
def test_a_single_command_gets_the_answers_of_a_batch(
    shipped_index: Index, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    batch = lookup(shipped_index, query, 10)
    # As in a fresh process before the first fuzzy lookup: rapidfuzz.process not imported.
    monkeypatch.delitem(sys.modules, "rapidfuzz.process")
    assert lookup(shipped_index, query, 10) == batch


def test_the_bound_lets_a_fuzzy_answer_through_in_a_single_command(
    shipped_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(sys.modules, "rapidfuzz.process")
    found = lookup(shipped_index, "strategic stabilty", 1)
    assert [(m.how, m.score, m.form) for m in found] == [("fuzzy", 91.5, "strategic stability")]


# --- strict fuzzy scoring beside an exact match --------------------------------------


@pytest.fixture(scope="module")
def near_index() -> Index:
    return build_index(
        (
            concept("test", "nuclear test", "核试验"),
            concept("tests", "nuclear tests site", "核试验场"),
        ),
        (),
    )


def test_beside_an_exact_match_only_close_fuzzy_matches_count(near_index: Index) -> None:
    from rapidfuzz import fuzz

    # between the usual cutoff and the strict one: a fuzzy answer only when nothing exact is
    assert match.FUZZY_CUTOFF <= fuzz.ratio("nuclear test", "nuclear tests site") < 85
    assert [(m.form, m.how) for m in lookup(near_index, "nuclear test", 5)] == [
        ("nuclear test", "exact")
    ]
    # with nothing exact, the usual cutoff: both near-misses are answers
    assert fuzz.ratio("nuclear tesst", "nuclear tests site") < 85
    assert [(m.form, m.how) for m in lookup(near_index, "nuclear tesst", 5)] == [
        ("nuclear test", "fuzzy"),
        ("nuclear tests site", "fuzzy"),
    ]


# --- word matches: exact scores -------------------------------------------------------


@pytest.fixture(scope="module")
def word_index() -> Index:
    return build_index(
        (
            concept("test", "nuclear test", "核试验"),
            concept("ban", "nuclear test ban", "禁止核试验"),
            concept("site", "test site for nuclear explosions", "核爆炸试验场"),
            concept("stability", "strategic stability", "战略稳定性"),
            concept("stab", "strategic stab wound", "战略刺伤"),
        ),
        (),
    )


def _scored(found: list[match.Match]) -> list[tuple[str, float]]:
    return [(m.form, m.score) for m in found]


def test_word_matches_score_by_length_with_a_bonus_for_the_phrase(word_index: Index) -> None:
    # 70 + 10 × len(query) / len(key), + 5 where the query stands in the key as typed; the
    # key of "… explosions" is singular, 31 characters
    assert _scored(word_matches(word_index, "nuclear test")) == [
        ("nuclear test ban", 82.5),  # 70 + 120/16 + 5
        ("test site for nuclear explosions", 73.9),  # 70 + 120/31, words not in order
    ]
    assert _scored(word_matches(word_index, "test")) == [
        ("nuclear test", 78.3),  # 70 + 40/12 + 5, rounded to one decimal
        ("nuclear test ban", 77.5),
        ("test site for nuclear explosions", 76.3),  # 70 + 40/31 + 5 = 76.29
    ]


def test_a_prefix_of_three_letters_is_the_start_of_a_word(word_index: Index) -> None:
    assert _scored(word_matches(word_index, "strategic sta", prefix=True)) == [
        ("strategic stability", 81.8),  # 70 + 130/19 + 5 = 81.84
        ("strategic stab wound", 81.5),  # 70 + 130/20 + 5
    ]
    # two letters are too few to be a start: the words must be whole
    assert word_matches(word_index, "strategic st", prefix=True) == []
    assert _scored(word_matches(word_index, "strategic stab", prefix=False)) == [
        ("strategic stab wound", 82.0),
    ]


def test_word_matches_never_answer_a_chinese_query(word_index: Index) -> None:
    assert word_matches(word_index, "核试验") == []
    assert word_matches(word_index, "the of") == []  # filler words only


def test_lookup_gives_ten_results_unless_told(shipped_index: Index) -> None:
    assert len(lookup(shipped_index, "nuclear")) == 10


def test_a_deprecated_form_in_traditional_characters_stays_deprecated(
    shipped_index: Index,
) -> None:
    found = lookup(shipped_index, "大規模殺傷性武器", 1)
    assert [(m.how, m.score, m.form) for m in found] == [("deprecated", 90.0, "大规模杀伤性武器")]


def test_pinyin_of_four_letters_is_enough(shipped_index: Index) -> None:
    # four letters of pinyin (two syllables) are the shortest that name a term
    found = lookup(shipped_index, "baxi", 1)
    assert [(m.how, m.score, m.form) for m in found] == [("pinyin", 95.0, "巴西")]


def test_the_budget_edge_counts_a_list_that_just_fits(
    shipped_index: Index, shortlisting: pytest.MonkeyPatch
) -> None:
    shortlisting.setattr(match, "SHORTLIST", 1_000_000)
    key = term_key("nuclear wepon states", shipped_index.t2s)
    low, high = match._length_bounds(len(key), match.FUZZY_CUTOFF)
    in_range = _keys_in(shipped_index, key, low, high)
    holders = sorted(
        (h for gram in _grams(key) if (h := [k for k in in_range if gram in _grams(k)])), key=len
    )
    shortlisting.setattr(match, "GRAM_BUDGET", len(holders[0]) + len(holders[1]))
    shortlist = set(match._candidates(shipped_index, key, low, high))
    assert shortlist == set(holders[0]) | set(holders[1])


@pytest.fixture(scope="module")
def typo_index() -> Index:
    return build_index(
        (
            concept("test", "nuclear test", "核试验"),
            concept("text", "nuclear text", "核文本"),
            concept("tests", "nuclear tests site", "核试验场"),
            concept("non", "non-nuclear tesst", "非核试验"),
        ),
        (),
    )


def test_fuzzy_matches_go_on_past_the_query_s_own_key(typo_index: Index) -> None:
    # "nuclear test" is a key itself (answered by the tables); the near-misses after it in
    # score order are still fuzzy answers when close enough (≥ 85 beside an exact match)
    found = lookup(typo_index, "nuclear test", 5)
    assert [(m.form, m.how, m.score) for m in found] == [
        ("nuclear test", "exact", 100.0),
        ("nuclear text", "fuzzy", 86.2),  # ratio 91.7 × 0.94
    ]


def test_fuzzy_matches_go_on_past_a_candidate_in_other_words(typo_index: Index) -> None:
    from rapidfuzz import fuzz

    # in score order: "nuclear test" 96, "non-nuclear tesst" 86.7 (refused: the opposite),
    # then "nuclear tests site" 83.9, still an answer
    assert fuzz.ratio("nuclear tesst", "non-nuclear tesst") > fuzz.ratio(
        "nuclear tesst", "nuclear tests site"
    )
    found = lookup(typo_index, "nuclear tesst", 5)
    assert [(m.form, m.how) for m in found] == [
        ("nuclear test", "fuzzy"),
        ("nuclear tests site", "fuzzy"),  # not "nuclear text": "tesst" is two edits from "text"
    ]
