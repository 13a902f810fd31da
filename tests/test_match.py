"""Lookup: ranking, match kinds, and a table of forgiving queries on the shipped glossary."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from npt_gloss.index import Index
from npt_gloss.match import lookup, suggestions


def top(index: Index, query: str) -> tuple[str, str]:
    results = lookup(index, query)
    assert results, f"nothing for {query!r}"
    return index.concepts[results[0].concept][0], results[0].how


@pytest.mark.parametrize(
    ("query", "concept", "how"),
    [
        ("nuclear-weapon States", "nws", "exact"),
        ("Nuclear Weapon State", "nws", "exact"),
        ("non-nuclear-weapon States", "nnws", "exact"),
        ("NNWS", "nnws", "abbreviation"),
        ("nws", "nws", "abbreviation"),
        ("核国家", "nws", "variant"),
        ("核國家", "nws", "traditional"),
        ("ＮＰＴ", "npt", "abbreviation"),
        ("missile defense", "missile-defence", "exact"),
        ("misile defence", "missile-defence", "fuzzy"),
        ("strategic stabilty", "stability", "fuzzy"),
        ("zhanlüè wěndìngxìng", "stability", "pinyin"),
        ("zhanlue wendingxing", "stability", "pinyin"),
        ("稳定性", "stability", "partial"),
        ("大规模杀伤性武器", "wmd", "deprecated"),
    ],
)
def test_mini_queries(mini_index: Index, query: str, concept: str, how: str) -> None:
    assert top(mini_index, query) == (concept, how)


def test_exact_outranks_fuzzy_for_the_nws_trap(mini_index: Index) -> None:
    results = lookup(mini_index, "non-nuclear-weapon States")
    ids = [mini_index.concepts[r.concept][0] for r in results]
    assert ids[0] == "nnws"
    if "nws" in ids:
        assert results[ids.index("nws")].score < results[0].score


def test_scores_are_banded_and_sorted(mini_index: Index) -> None:
    results = lookup(mini_index, "strategic stability")
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 100 for s in scores)
    assert results[0].score == 100


def test_suggestions_for_nonsense(mini_index: Index) -> None:
    assert (
        lookup(mini_index, "qqqqqqqq zzzz") == []
        or lookup(mini_index, "qqqqqqqq zzzz")[0].score < 60
    )
    assert suggestions(mini_index, "stratgic") != []


# The shipped glossary: at least a dozen queries of each kind the issue names.
SHIPPED = [
    # exact and case / spacing
    ("strategic stability", "战略稳定性"),
    ("STRATEGIC   STABILITY", "战略稳定性"),
    ("arms control", "军备控制"),
    ("nuclear disarmament", "核裁军"),
    ("general and complete disarmament", "全面彻底裁军"),
    # typos
    ("strategic stabilty", "战略稳定性"),
    ("arms controll", "军备控制"),
    ("misile defence", "导弹防御"),
    ("nuclear disarmanent", "核裁军"),
    ("non-proliferaton", "核不扩散"),
    # British / American, hyphens, plurals
    ("missile defense", "导弹防御"),
    ("nuclear weapon state", "核武器国家"),
    ("non nuclear weapon states", "无核武器国家"),
    ("nuclear–weapon States", "核武器国家"),
    # abbreviations, both languages
    ("NPT", "不扩散核武器条约"),
    ("CTBT", "全面禁止核试验条约"),
    ("NWS", "核武器国家"),
    ("NNWS", "无核武器国家"),
    ("裁谈会", "裁军谈判会议"),
    ("北约", "北大西洋公约组织"),
    # full width
    ("ＮＰＴ", "不扩散核武器条约"),
    ("ＣＴＢＴ", "全面禁止核试验条约"),
    # pinyin, with and without tones and spaces
    ("quanmian chedi caijun", "全面彻底裁军"),
    ("zhànlüè wěndìngxìng", "战略稳定性"),
    ("hecaijun", "核裁军"),
    ("daodan fangyu", "导弹防御"),
    # traditional characters
    ("戰略穩定性", "战略稳定性"),
    ("核裁軍", "核裁军"),
    ("導彈防禦", "导弹防御"),
    # the paper's own wordings
    ("核国家", "核武器国家"),
    ("拥有核武器的国家", "核武器国家"),
    ("和平发展核能", "和平利用核能"),
    ("相互核威慑", "相互核威慑"),
]


@pytest.mark.parametrize(("query", "zh"), SHIPPED)
def test_shipped_queries(shipped_index: Index, query: str, zh: str) -> None:
    results = lookup(shipped_index, query)
    assert results, query
    assert shipped_index.concepts[results[0].concept][2] == zh


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_random_unicode_never_crashes(mini_index: Index, query: str) -> None:
    for result in lookup(mini_index, query):
        assert 0 <= result.score <= 100


def test_very_long_query_is_capped(mini_index: Index) -> None:
    assert isinstance(lookup(mini_index, "核" * 100_000), list)


def test_suggestions_are_preferred_terms_never_the_query(shipped_index: Index) -> None:
    names = suggestions(shipped_index, "不扩散条约x")
    assert "核不扩散条约" not in names  # a form to avoid is never suggested
    assert all(name != "不扩散条约x" for name in names)


# ---------------------------------------------------------------- article numbers

import re  # noqa: E402

from npt_gloss.match import (  # noqa: E402
    FILLER_WORDS,
    article_reference,
    chinese_numeral,
    lookup_counted,
    word_matches,
    words_agree,
)
from npt_gloss.normalize import term_key  # noqa: E402


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("article 4", "article IV"),
        ("Article 4", "article IV"),
        ("art. IV", "article IV"),
        ("art 6", "article VI"),
        ("arts. 6", "article VI"),
        ("Article IV of the NPT", "article IV"),
        ("article 6 of the Treaty", "article VI"),
        ("article 14 conference", "article XIV conference"),
        ("第4条", "第四条"),
        ("第 10 条", "第十条"),
        ("第十四条", "第十四条"),
        ("条约第6条", "条约第六条"),
        ("articles", "articles"),
        ("art of war", "art of war"),
        ("arms control", "arms control"),
    ],
)
def test_article_reference(query: str, expected: str) -> None:
    assert article_reference(query) == expected


@pytest.mark.parametrize(
    ("number", "numeral"),
    [
        (1, "一"),
        (4, "四"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (21, "二十一"),
        (101, "一百零一"),
    ],
)
def test_chinese_numeral(number: int, numeral: str) -> None:
    assert chinese_numeral(number) == numeral


@pytest.mark.parametrize(
    "query", ["article 4", "art. IV", "Article IV of the NPT", "第四条", "第4条", "ARTICLE iv"]
)
def test_articles_reach_the_npt_article(shipped_index: Index, query: str) -> None:
    assert top(shipped_index, query)[0] == "npt-article-iv"


# ---------------------------------------------------------------- no confident wrong answers


@pytest.mark.parametrize(
    ("query", "candidate", "expected"),
    [
        ("strategic stabilty", "strategic stability", True),
        ("arms controll", "arms control", True),
        ("non prolifration", "non proliferation", True),
        ("stability strategic", "strategic stability", True),
        ("verification", "ratification", False),
        ("united states", "united nations", False),
        ("iv", "vi", False),
        ("nuke states", "nuclear weapon states", False),
        ("compliance", "non compliance", False),
        ("proliferation", "non proliferation", False),
        ("non proliferation", "non proliferation treaty", True),
    ],
)
def test_words_agree(query: str, candidate: str, expected: bool) -> None:
    assert words_agree(query, candidate) is expected


@pytest.mark.parametrize(
    ("query", "wrong"),
    [("verification", "ratification"), ("United Stats", "united-nations")],
)
def test_a_near_miss_in_other_words_is_no_answer(
    shipped_index: Index, query: str, wrong: str
) -> None:
    found = [shipped_index.concepts[m.concept][0] for m in lookup(shipped_index, query)]
    assert wrong not in found


@pytest.mark.parametrize(
    ("query", "concept"),
    [("strategic stabilty", "strategic-stability"), ("arms controll", "arms-control")],
)
def test_typos_still_answer(shipped_index: Index, query: str, concept: str) -> None:
    assert top(shipped_index, query) == (concept, "fuzzy")


# ---------------------------------------------------------------- words of English terms


def test_a_word_finds_the_terms_that_contain_it(shipped_index: Index) -> None:
    matches = word_matches(shipped_index, term_key("inspection", shipped_index.t2s))
    forms = [m.form.lower() for m in matches]
    words = [set(re.split(r"[ -]", f)) for f in forms]
    assert forms and all({"inspection", "inspections"} & w for w in words)
    assert all(m.how == "partial" and 70 <= m.score <= 85 for m in matches)
    lengths = [len(term_key(m.form, shipped_index.t2s)) for m in matches]
    assert lengths == sorted(lengths)  # shortest term first
    ranked = lookup(shipped_index, "inspection", limit=50)
    assert [m.score for m in ranked] == sorted((m.score for m in ranked), reverse=True)


def test_the_leading_words_of_a_long_title_find_it(shipped_index: Index) -> None:
    concept, how = top(shipped_index, "Middle East zone free of nuclear weapons")
    assert (concept, how) == ("middle-east-wmd-free-zone", "partial")


def test_limit_counts_the_rest(shipped_index: Index) -> None:
    shown, total = lookup_counted(shipped_index, "missile", 3)
    assert len(shown) == 3 and total > 3
    assert all(m.how == "partial" for m in shown)


# ---------------------------------------------------------------- open-ended input, new paths

_QUERY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(list("核武器国家条约第四六十条裁军 article art. IV vi 6 of the NPT -")),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(query=_QUERY_TEXT, limit=st.integers(1, 5))
def test_lookup_counted_respects_the_limit(shipped_index: Index, query: str, limit: int) -> None:
    shown, total = lookup_counted(shipped_index, query, limit)
    assert len(shown) <= limit and total >= len(shown)
    assert len(shown) == min(limit, total)
    assert [m.score for m in shown] == sorted((m.score for m in shown), reverse=True)


@settings(max_examples=200, deadline=None)
@given(query=_QUERY_TEXT)
def test_article_reference_is_idempotent(query: str) -> None:
    once = article_reference(query)
    assert article_reference(once) == once


@settings(max_examples=150, deadline=None)
@given(query=_QUERY_TEXT)
def test_word_matches_hold_every_query_word(shipped_index: Index, query: str) -> None:
    key = term_key(query, shipped_index.t2s)
    words = [w for w in key.split() if w not in FILLER_WORDS]
    for match in word_matches(shipped_index, key):
        form_words = set(term_key(match.form, shipped_index.t2s).split())
        assert set(words) <= form_words


@pytest.mark.parametrize(
    ("query", "concept"),
    [("strategic stab", "strategic-stability"), ("nuclear disarm", "nuclear-disarmament")],
)
def test_the_start_of_the_last_word_is_enough_for_lookup(
    shipped_index: Index, query: str, concept: str
) -> None:
    assert top(shipped_index, query) == (concept, "partial")


def test_a_start_of_two_letters_is_not(shipped_index: Index) -> None:
    assert lookup(shipped_index, "st") == []
    assert word_matches(shipped_index, "st", prefix=True) == word_matches(shipped_index, "st")


def test_a_word_negated_in_a_term_does_not_find_it(shipped_index: Index) -> None:
    forms = [m.form for m in word_matches(shipped_index, "compliance")]
    assert all(not f.lower().startswith("non") for f in forms)
    assert "non-compliance" not in [f.lower() for f in forms]


# ---------------------------------------------------------------- cutting work, not answers


@given(st.lists(st.integers(0, 60), max_size=300), st.integers(1, 40))
def test_most_common_is_counters_own(items: list[int], n: int) -> None:
    from collections import Counter

    from npt_gloss.match import most_common

    counts = Counter(items)
    assert most_common(counts, n) == [item for item, _ in counts.most_common(n)]


@pytest.mark.parametrize(
    "typed", ["tre", "treat", "nuclear w", "nuclear weapon sta", "inspec", "arms con", "missile"]
)
@pytest.mark.parametrize("limit", [1, 5, 15])
def test_a_limited_lookup_keeps_the_best_answers(shipped_index, typed: str, limit: int) -> None:
    """lookup stops the word search once ``limit`` concepts are out of reach, and ranks only
    those; the answers are the ones a full ranking gives."""
    from npt_gloss.match import lookup_counted

    full, total = lookup_counted(shipped_index, typed, limit)
    assert lookup(shipped_index, typed, limit) == full
    assert total >= len(full)


def test_the_word_search_stops_early_with_a_limit(shipped_index) -> None:
    from npt_gloss.match import word_matches

    every = word_matches(shipped_index, "treat", prefix=True)
    some = word_matches(shipped_index, "treat", prefix=True, limit=5)
    assert len(every) > 100 > 5 <= len(some) < 10
    assert {m.concept for m in some} <= {m.concept for m in every}
