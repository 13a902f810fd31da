"""Mentions inside longer terms: the rule (npt_gloss.mentions) and its effect on find, over the
full shipped glossary and a document written to hold the traps."""

from __future__ import annotations

import pytest
from conftest import index_of_texts

from npt_gloss.find import find
from npt_gloss.index import Index
from npt_gloss.mentions import is_word, leftmost_longest, negated, nested_mentions


@pytest.mark.parametrize(
    ("outer", "inner", "expected"),
    [
        ("无核武器国家", "核武器国家", True),
        ("非核武器国家", "核武器国家", True),
        ("不扩散核武器条约", "扩散", True),
        ("non-nuclear-weapon states", "nuclear-weapon states", True),
        ("non nuclear-weapon states", "nuclear-weapon states", True),
        ("nuclear-weapon-free zone", "nuclear-weapon", True),
        ("zone free of nuclear weapons", "nuclear weapons", True),
        ("全面禁止核试验条约", "核试验", False),
        ("verification regime", "verification", False),
        ("nonproliferation regime", "regime", False),
    ],
)
def test_negated(outer: str, inner: str, expected: bool) -> None:
    start = outer.index(inner)
    assert negated(outer, start, start + len(inner)) is expected


@pytest.mark.parametrize(
    ("text", "inner", "expected"),
    [
        ("全面禁止核试验条约", "核试验", True),
        ("防止在外层空间放置武器的条约", "外层空间", True),
        ("核查制度", "核查", True),
        ("无核武器国家", "核武器国家", False),
        ("印度洋", "印度", False),
        ("印度尼西亚", "印度", False),
        ("索马里", "马里", False),
        ("朝鲜半岛", "朝鲜", False),
        ("nigeria", "niger", False),
        ("verification regime", "verification", True),
        ("unpt", "npt", False),
    ],
)
def test_is_word(text: str, inner: str, expected: bool) -> None:
    start = text.index(inner)
    assert is_word(text, start, start + len(inner)) is expected


def test_leftmost_longest_keeps_the_longer_of_two_at_one_place() -> None:
    assert leftmost_longest([(1, 0, 2), (2, 0, 4), (3, 2, 5), (4, 4, 6)]) == [(2, 0, 4), (4, 4, 6)]


def test_nested_mentions_skip_same_concept_and_names() -> None:
    numbers = {"苏丹": 0, "南苏丹": 1, "核试验": 2, "全面禁止核试验条约": 3}
    names = {0, 1}

    def both_names(one: int, other: int) -> bool:
        return one in names and other in names

    def never(one: int, other: int) -> bool:
        return False

    assert nested_mentions("南苏丹", 1, numbers, both_names) == []
    assert nested_mentions("南苏丹", 1, numbers, never) == [(0, 1, 3)]
    assert nested_mentions("全面禁止核试验条约", 3, numbers, both_names) == [(2, 4, 7)]
    assert nested_mentions("全面禁止核试验条约", 3, numbers, lambda a, b: True) == []


TRAPS = (
    # 1: mentions inside longer terms that count
    "《全面禁止核试验条约》尚未生效，《防止在外层空间放置武器的条约》草案也未谈判。",
    # 2: negated: never a mention of the shorter term
    "无核武器国家和非核武器国家支持建立无核武器区。",
    # 3: names inside other names
    "印度尼西亚、索马里、赤道几内亚和南苏丹的代表谈到了印度洋和朝鲜半岛。",
    # 4: the same names standing alone
    "印度、马里、几内亚、苏丹和朝鲜的代表发了言。",
    # 5: English: negation and names
    "The non-nuclear-weapon States of Equatorial Guinea and Nigeria spoke.",
    # 6: English: the bare names
    "Guinea and the Niger spoke for the nuclear-weapon States.",
)


@pytest.fixture(scope="module")
def trap_index(shipped_concepts: tuple) -> Index:
    return index_of_texts(shipped_concepts, "traps", TRAPS)


def _paragraphs(index: Index, query: str, **options: bool) -> list[int]:
    return [hit.paragraph for hit in find(index, [query], **options).hits]


@pytest.mark.parametrize(
    ("query", "within"),
    [("核试验", "ctbt"), ("outer space", "ppwt"), ("nuclear test", "ctbt")],
)
def test_counted_inside_a_longer_term(trap_index: Index, query: str, within: str) -> None:
    result = find(trap_index, [query])
    assert [h.paragraph for h in result.hits] == [1]
    assert [s.within for s in result.hits[0].spans] == [within]
    assert _paragraphs(trap_index, query, direct=True) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("核武器国家", [6]),  # never inside 无核武器国家 / 非核武器国家
        ("nuclear-weapon States", [6]),  # never inside "non-nuclear-weapon States"
        ("核武器", []),  # never inside 无核武器国家, 非核武器国家 or 无核武器区
        ("印度", [4]),
        ("India", [4]),
        ("马里", [4]),
        ("几内亚", [4, 6]),
        ("Guinea", [4, 6]),
        ("苏丹", [4]),
        ("朝鲜", [4]),
        ("Niger", [6]),
        ("Indonesia", [3]),
        ("South Sudan", [3]),
        ("Equatorial Guinea", [3, 5]),
    ],
)
def test_never_counted_where_the_longer_term_is_something_else(
    trap_index: Index, query: str, expected: list[int]
) -> None:
    assert _paragraphs(trap_index, query) == expected


def test_verification_inside_the_verification_regime(shipped_concepts: tuple) -> None:
    texts = ("需要强有力的核查制度。", "建立核查机制。", "An effective verification regime.")
    index = index_of_texts(shipped_concepts, "verif", texts)
    for query in ("verification", "核查"):
        hits = find(index, [query]).hits
        assert [h.paragraph for h in hits] == [1, 2, 3]
        assert {s.within for h in hits for s in h.spans} == {"verification-mechanism"}
        assert find(index, [query], direct=True).hits == ()
