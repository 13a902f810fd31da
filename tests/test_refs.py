"""Paragraph references: the forms users type in either language, and the ones we refuse."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from npt_gloss.cite import _loc, _loc_zh
from npt_gloss.errors import BadReference
from npt_gloss.refs import compress, parse_refs

COUNT = 23  # paragraphs in the shipped paper

GOOD = [
    (["12"], (12,)),
    (["5-7"], (5, 6, 7)),
    (["5–7"], (5, 6, 7)),  # en dash
    (["5—7"], (5, 6, 7)),  # em dash
    (["5 - 7"], (5, 6, 7)),
    (["3,5-7"], (3, 5, 6, 7)),
    (["3, 5-7"], (3, 5, 6, 7)),
    (["3;5"], (3, 5)),
    (["para. 12"], (12,)),
    (["para.12"], (12,)),
    (["paras 3-5 and 9"], (3, 4, 5, 9)),
    (["paras. 3, 5–7 and 17"], (3, 5, 6, 7, 17)),
    (["Paragraphs 3 to 5"], (3, 4, 5)),
    (["paragraph 3 through 5"], (3, 4, 5)),
    (["pars. 3-5"], (3, 4, 5)),
    (["¶ 12"], (12,)),
    (["¶¶ 3–5"], (3, 4, 5)),
    (["¶¶3–5"], (3, 4, 5)),
    (["3 & 9"], (3, 9)),
    (["第12段"], (12,)),
    (["第3至5段"], (3, 4, 5)),
    (["第3到5段"], (3, 4, 5)),
    (["第3段至第5段"], (3, 4, 5)),
    (["第3和第5段"], (3, 5)),
    (["第3、第5至7和第17段"], (3, 5, 6, 7, 17)),
    (["第3、5至7段"], (3, 5, 6, 7)),
    (["第3~5段"], (3, 4, 5)),
    (["１２"], (12,)),  # full-width digits
    (["第１２段"], (12,)),
    (["第３至５段"], (3, 4, 5)),
    (["３，５－７"], (3, 5, 6, 7)),  # full-width comma and hyphen
    (["3", "5-7", "17"], (3, 5, 6, 7, 17)),  # several arguments combine
    (["7", "3", "5-7", "3"], (3, 5, 6, 7)),  # sorted, deduplicated
    (["1-23"], tuple(range(1, 24))),
    (["23"], (23,)),
    (["3 5"], (3, 5)),
    ([], ()),
]


@pytest.mark.parametrize(("args", "expected"), GOOD)
def test_good(args: list[str], expected: tuple[int, ...]) -> None:
    assert parse_refs(args, COUNT) == expected


BAD = [
    ("0", "0"),
    ("24", "24"),
    ("para. 99", "99"),
    ("5-30", "30"),
    ("7-5", "7-5"),  # reversed
    ("第7至5段", "7至5"),
    ("9 to 3", "9 to 3"),
    ("5-", "5-"),
    ("-5", "-"),
    ("abc", "abc"),
    ("12a", "a"),
    ("p. 12", "p"),
    ("para.", "no paragraph number"),
    ("", "no paragraph number"),
    ("第段", "no paragraph number"),
    ("12.5", "."),
    ("99999999999999999999999", "99999999999999999999999"),
    ("3 ½", "½"),
    ("5²", "²"),
]


@pytest.mark.parametrize(("arg", "named"), BAD)
def test_bad(arg: str, named: str) -> None:
    with pytest.raises(BadReference) as info:
        parse_refs([arg], COUNT)
    message = str(info.value)
    assert named in message
    assert "1–23" in message  # the valid range


def test_bad_names_the_offending_number_among_several() -> None:
    with pytest.raises(BadReference, match="paragraph 40 does not exist"):
        parse_refs(["3", "40", "5"], COUNT)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["para.", "12"], (12,)),
        (["paras", "3-5", "and", "9"], (3, 4, 5, 9)),
        (["¶¶", "3", "–", "5"], (3, 4, 5)),
        (["3", "5-7", "17"], (3, 5, 6, 7, 17)),
    ],
)
def test_words_typed_unquoted_read_as_one_reference(
    args: list[str], expected: tuple[int, ...]
) -> None:
    assert parse_refs(args, COUNT) == expected


def test_empty_document() -> None:
    with pytest.raises(BadReference, match="no paragraphs"):
        parse_refs(["1"], 0)


@pytest.mark.parametrize(
    ("nums", "runs"),
    [
        ([], []),
        ([12], [(12, 12)]),
        ([3, 4, 5], [(3, 5)]),
        ([3, 5, 6, 7, 17], [(3, 3), (5, 7), (17, 17)]),
        ([5, 3, 4, 4], [(3, 5)]),
    ],
)
def test_compress(nums: list[int], runs: list[tuple[int, int]]) -> None:
    assert compress(nums) == runs


@given(st.lists(st.text(), max_size=4), st.integers(min_value=0, max_value=40))
def test_random_text_raises_only_bad_reference(args: list[str], count: int) -> None:
    try:
        result = parse_refs(args, count)
    except BadReference:
        return
    assert list(result) == sorted(set(result))
    assert all(1 <= n <= count for n in result)


@given(st.text(alphabet="0123456789-–—,;、 paràsgtohnd¶第至到和段１２３", max_size=20))
def test_reference_like_text_raises_only_bad_reference(arg: str) -> None:
    try:
        parse_refs([arg], COUNT)
    except BadReference:
        pass


@given(st.sets(st.integers(1, COUNT), min_size=1))
def test_our_own_locators_read_back(refs: set[int]) -> None:
    """What the citation styles print as a locator, parse_refs reads back."""
    expected = tuple(sorted(refs))
    assert parse_refs([_loc(sorted(refs), "para. ", "paras. ", last=" and ")], COUNT) == expected
    assert parse_refs([_loc(sorted(refs), "¶ ", "¶¶ ")], COUNT) == expected
    assert parse_refs([_loc_zh(sorted(refs))], COUNT) == expected


# ---------------------------------------------------------------- exact messages and edges
# (mutation testing, issue 16: each line below failed to be caught before)

from npt_gloss.refs import _halfwidth, _tokens  # noqa: E402


@pytest.mark.parametrize(
    ("args", "count", "message"),
    [
        (["0"], 23, "there is no paragraph 0 in reference '0' (valid paragraphs: 1–23)"),
        (["24"], 23, "paragraph 24 does not exist in reference '24' (valid paragraphs: 1–23)"),
        (["2"], 1, "paragraph 2 does not exist in reference '2' (valid paragraphs: 1–1)"),
        (["1"], 0, "paragraph 1 does not exist in reference '1' (the document has no paragraphs)"),
        (["3", "x"], 23, "cannot read 'x' in reference '3 x' (valid paragraphs: 1–23)"),
        (["-5"], 23, "'-' has no number before it in reference '-5' (valid paragraphs: 1–23)"),
        (["5-"], 23, "the range '5-' has no end in reference '5-' (valid paragraphs: 1–23)"),
        (["7-5"], 23, "the range '7-5' runs backwards in reference '7-5' (valid paragraphs: 1–23)"),
        (
            ["7 to 5"],
            23,
            "the range '7 to 5' runs backwards in reference '7 to 5' (valid paragraphs: 1–23)",
        ),
        (["para."], 23, "no paragraph number in reference 'para.' (valid paragraphs: 1–23)"),
        (["1234567890"], 23, "paragraph 1234567890 does not exist in reference '1234567890'"),
    ],
)
def test_bad_references_say_exactly_what_and_where(
    args: list[str], count: int, message: str
) -> None:
    with pytest.raises(BadReference) as caught:
        parse_refs(args, count)
    assert str(caught.value).startswith(message)


def test_full_width_forms_map_to_ascii_at_both_ends_of_the_block() -> None:
    assert _halfwidth("！～\u3000Ａ") == "!~ A"
    assert _halfwidth("\uff00\uff5f") == "\uff00\uff5f"  # just outside the block: unchanged
    assert parse_refs(["３～５"], 23) == (3, 4, 5)  # ～ (U+FF5E) is the tilde, a range


def test_tokens_keep_what_the_user_typed() -> None:
    tokens = _tokens("第３、５段 and 7")
    assert [(t.kind, t.text) for t in tokens] == [
        ("label", "第"),
        ("num", "３"),
        ("sep", "、"),
        ("num", "５"),
        ("label", "段"),
        ("sep", "and"),
        ("num", "7"),
    ]
    assert [t.value for t in tokens if t.kind == "num"] == [3, 5, 7]
