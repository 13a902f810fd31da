"""Lookup details that mutation testing found unpinned (issue 16): the value of every kind of
article numeral, the scores of each kind of match, and what the cheap bounds let through.
Each expected value is worked out by hand from the rule in match.py's docstrings.
"""

from __future__ import annotations

import pytest

from npt_gloss.index import Index
from npt_gloss.match import article_number, article_reference, chinese_numeral, lookup


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
