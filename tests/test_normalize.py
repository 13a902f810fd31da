"""The shared normalisation: folding, term keys, pinyin keys."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from npt_gloss.normalize import fold, fold_with_offsets, pinyin_key, term_key

T2S = {"戰": "战", "穩": "稳", "軍": "军", "國": "国"}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nuclear-Weapon States", "nuclear weapon state"),
        ("nuclear–weapon States", "nuclear-weapon states"),  # en dash
        ("ＮＵＣＬＥＡＲ－ＷＥＡＰＯＮ　ＳＴＡＴＥＳ", "nuclear-weapon States"),  # full width
        ("missile defense", "missile defence"),
        ("arms  control", "arms control"),
        ("research & development", "research and development"),
        ("organisation", "organization"),
        ("weapons", "weapon"),
        ("《不扩散核武器条约》", "不扩散核武器条约"),
        ("戰略穩定性", "战略稳定性"),
        ("战略 稳定性", "战略稳定性"),
        ("ＣＴＢＴ", "CTBT"),
    ],
)
def test_equivalent_forms_share_a_key(a: str, b: str) -> None:
    assert term_key(a, T2S) == term_key(b, T2S)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("non-nuclear-weapon States", "nuclear-weapon States"),
        ("无核武器国家", "核武器国家"),
        ("arms control", "arms controls verification"),
    ],
)
def test_different_terms_keep_different_keys(a: str, b: str) -> None:
    assert term_key(a, T2S) != term_key(b, T2S)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("zhànlüè wěndìngxìng", "zhanluewendingxing"),
        ("zhanlve wendingxing", "zhanluewendingxing"),
        ("zhan4 lve4", "zhanlue"),
        ("Quánmiàn chèdǐ cáijūn", "quanmianchedicaijun"),
        ("he'caijun", "hecaijun"),
    ],
)
def test_pinyin_key(text: str, key: str) -> None:
    assert pinyin_key(text) == key


def test_fold_maps_traditional_and_full_width() -> None:
    assert fold("核裁軍ＡＢ", T2S) == "核裁军ab"


@given(st.text(max_size=200))
def test_offsets_map_back_into_the_original(text: str) -> None:
    folded, offsets = fold_with_offsets(text, T2S)
    assert len(offsets) == len(folded) + 1
    assert offsets[-1] == len(text)
    assert offsets == sorted(offsets)
    assert all(0 <= o <= len(text) for o in offsets)


_MIXED = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(list("核武器國家条约《》-–— 3０ＮＰＴ")),
    ),
    max_size=300,
)


@given(_MIXED)
def test_term_key_never_fails_and_is_idempotent(text: str) -> None:
    key = term_key(text, T2S)
    assert term_key(key, T2S) == key  # keys are stable under re-keying, Chinese included


@pytest.mark.parametrize(
    ("text", "key"), [("核-3", "核3"), ("核 3", "核3"), ("3 核", "3核"), ("核 a", "核 a")]
)
def test_chinese_next_to_a_digit_keys_as_folding_joins_it(text: str, key: str) -> None:
    assert term_key(text, T2S) == key


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("战略 稳定性", "战略稳定性"),
        ("1995 年", "1995年"),
        ("第 6 条", "第6条"),
        ("NPT review  conference", "npt review  conference"),
        ("核 NPT", "核 npt"),
    ],
)
def test_spaces_inside_chinese_fold_away(text: str, folded: str) -> None:
    assert fold(text, T2S) == folded


# ---------------------------------------------------------------- edges (mutation testing)

from npt_gloss.normalize import english_word_key, has_cjk, is_cjk  # noqa: E402


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (0x4E00, True), (0x9FFF, True), (0x3400, True), (0x4DBF, True), (0xF900, True),
        (0xFAFF, True), (0x20000, True), (0x2FA1F, True), (0x4DFF, False), (0x33FF, False),
        (0xA000, False), (0xF8FF, False), (0xFB00, False), (0x1FFFF, False), (0x2FA20, False),
        (0x4DC0, False), (0x4DFF + 1, True),
    ],
)  # fmt: skip
def test_is_cjk_at_the_edges_of_each_block(code: int, expected: bool) -> None:
    assert is_cjk(chr(code)) is expected
    assert has_cjk(f"ab{chr(code)}c") is expected


@given(st.text())
def test_has_cjk_is_is_cjk_of_any_character(text: str) -> None:
    assert has_cjk(text) is any(is_cjk(ch) for ch in text)


@pytest.mark.parametrize(
    ("word", "key"),
    [
        ("bus", "bus"), ("gas", "gas"), ("cats", "cat"), ("dogs", "dog"), ("parties", "party"),
        ("ties", "tie"), ("classes", "class"), ("boxes", "box"), ("churches", "church"),
        ("wishes", "wish"), ("glass", "glass"), ("status", "status"), ("analysis", "analysis"),
        ("abc1s", "abc1s"), ("states", "state"), ("weapons", "weapon"),
        ("organisation", "organization"), ("organising", "organizing"),
        ("organised", "organized"), ("defense", "defence"), ("program", "programme"),
        ("organizations", "organization"),
    ],
)  # fmt: skip
def test_english_word_key(word: str, key: str) -> None:
    assert english_word_key(word) == key
