"""Tests for npt_gloss.documents.layout and .typography on extracted texts made by hand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from npt_gloss.corpus import format_document, parse_document
from npt_gloss.documents.layout import read_layout, text_lines
from npt_gloss.documents.typography import restore_chinese
from npt_gloss.errors import DataError


def read(raw: str, **options: str):
    return read_layout(text_lines(raw), doc_id="t", source="t.txt", **options)


def shape(raw: str, **options: str) -> list[tuple[int, str, tuple[str, ...]]]:
    return [(p.number, p.text, p.items) for p in read(raw, **options).document.paragraphs]


MASTHEAD = "NPT/CONF.2020/WP.1\n\n2022年8月1日至26日，纽约\n\n标题\n\n某国提出的工作文件\n\n"

# name, body after MASTHEAD, expected paragraphs
BODIES = [
    ("number alone on its line", "1.\n\n第一段。\n\n2.\n\n第二段。\n",
     [(1, "第一段。", ()), (2, "第二段。", ())]),
    ("number before the text", "1. 第一段\n接着。\n2. 第二段。\n",
     [(1, "第一段接着。", ()), (2, "第二段。", ())]),
    ("full-width numbers", "１．第一段。\n２．第二段。\n",
     [(1, "第一段。", ()), (2, "第二段。", ())]),
    ("a number out of sequence is text", "1. 见第\n3. 段。\n2. 下一段。\n",
     [(1, "见第3.段。", ()), (2, "下一段。", ())]),
    ("decimal is not a number", "1. 增长了\n1.5 倍。\n",
     [(1, "增长了1.5倍。", ())]),
    ("page furniture anywhere", "1. 第一段的\n22-11345 (C)\n*2211345*\n\f"
     "NPT/CONF.2020/WP.1\n后半。\n2\nGE.22-11345\n2. 第二段。\n",
     [(1, "第一段的后半。", ()), (2, "第二段。", ())]),
    ("heading by pattern and before a number", "一、导言\n1. 甲。\n导言之后\n2. 乙。\n"
     "（一）小节\n3. 丙。\n",
     [(1, "甲。", ()), (2, "乙。", ()), (3, "丙。", ())]),
    ("unfinished sentence: not a heading", "1. 所有国家\n安全\n2. 乙。\n",
     [(1, "所有国家安全", ()), (2, "乙。", ())]),
    ("items: en dash, bullet, hyphen; a 破折号 line continues", "1. 即：\n– 甲；\n• 乙；\n"
     "- 丙。\n——不是项目。\n",
     [(1, "即：\n– 甲；\n– 乙；\n– 丙。——不是项目。", ("甲；", "乙；", "丙。——不是项目。"))]),
    ("typography restored", "1. 在 2015 年和 2020 年,缔约国:\n– 第 6 条;\n",
     [(1, "在2015年和2020年，缔约国：\n– 第6条；", ("第6条；",))]),
    ("footnote at a page foot, its mark out of the text", "1. 分阶段实施1，而且\n"
     "* 本文件未经编辑。\n1 见第一号文件。\n22-11345 (C)\n\f继续。\n",
     [(1, "分阶段实施，而且继续。", ())]),
]  # fmt: skip


@pytest.mark.parametrize(("body", "expected"), [c[1:] for c in BODIES], ids=[c[0] for c in BODIES])
def test_bodies(body: str, expected: list) -> None:
    assert shape(MASTHEAD + body) == expected
    document = read(MASTHEAD + body).document
    again = parse_document(format_document(document), "t.txt")
    assert [(p.number, p.text) for p in again.paragraphs] == [(n, t) for n, t, _ in expected]


def test_what_the_reading_found() -> None:
    raw = MASTHEAD + (
        "一、导言\n1. 分阶段实施1，而且\n* 本文件未经编辑。\n1 见第一号文件。\n"
        "22-11345 (C)\n*2211345*\n\fNPT/CONF.2020/WP.1\n继续。\n二、\n结论\n2. 乙。\n3\n"
    )
    reading = read(raw)
    assert reading.headings == ("一、导言", "二、结论")  # a wrapped heading is joined
    assert reading.footnotes == ("* 本文件未经编辑。", "1 见第一号文件。")
    assert reading.furniture == 4
    assert reading.document.meta.symbol == "NPT/CONF.2020/WP.1"
    assert reading.document.meta.extra["footnotes"] == ["* 本文件未经编辑。", "1 见第一号文件。"]


def test_text_before_paragraph_one_is_reported() -> None:
    reading = read(MASTHEAD + "这是前言，没有编号。\n1. 甲。\n")
    assert reading.left_out == ("这是前言，没有编号。",)
    assert [p.text for p in reading.document.paragraphs] == ["甲。"]


def test_without_numbers_indentation_numbers_them() -> None:
    reading = read(MASTHEAD + " 第一段开\n始了。\n 第二段。\n")
    assert reading.numbering == "indentation"
    assert [p.text for p in reading.document.paragraphs] == ["第一段开始了。", "第二段。"]


def test_english_is_not_given_chinese_typography() -> None:
    raw = "Working paper submitted by Chile\n1. In 2015 , the States: yes.\n"
    reading = read(raw)
    assert reading.document.meta.lang == "en"
    assert reading.document.paragraphs[0].text == "In 2015 , the States: yes."


def test_lang_option_wins() -> None:
    reading = read("Document de travail présenté par le Chili\n1. Texte.\n", lang="fr")
    meta = reading.document.meta
    assert meta.lang == "fr" and meta.title.zh == meta.title.en == ""


@pytest.mark.parametrize(
    ("text", "restored"),
    [
        ("在 2015 年和 2020 年", "在2015年和2020年"),
        ("条约,以及;是否?", "条约，以及；是否？"),
        ("第 6 条", "第6条"),
        ("NPT/CONF.2015/50 号文件", "NPT/CONF.2015/50号文件"),
        ("核 裁军", "核裁军"),
        ("“规则”. 下", "“规则”。下"),
        ("支柱(核裁军、核不扩散)以及", "支柱(核裁军、核不扩散)以及"),  # brackets as printed
        ("the Treaty, on 1.5 tonnes", "the Treaty, on 1.5 tonnes"),
        ("1.5 亿", "1.5亿"),
    ],
)
def test_restore_chinese(text: str, restored: str) -> None:
    assert restore_chinese(text) == restored


@given(st.text(st.sampled_from("核裁军条约 ,.;:?!12ab（）《》“”。，")))
def test_restore_chinese_is_idempotent_and_keeps_every_letter(text: str) -> None:
    once = restore_chinese(text)
    assert restore_chinese(once) == once
    kept = [c for c in once if c.isalnum()]
    assert kept == [c for c in text if c.isalnum()]


@given(st.text(st.sampled_from("The Treaty, 2015: yes; no? 1.5 ab")))
def test_restore_chinese_leaves_text_without_chinese_alone(text: str) -> None:
    assert restore_chinese(text) == text


LINE = st.one_of(
    st.sampled_from(["1.", "2.", "3.", "１．", "一、导言", "I. Intro", "– 项；", "• item",
                     "*2211345*", "22-11345 (C)", "2", "NPT/CONF.2020/WP.1", "* 注。",
                     "1 见某文件。", "某国提出的工作文件", "2022年8月1日至26日，纽约", "\f", ""]),
    st.text(st.sampled_from("核裁军条约。，；：12 ab.-–*"), min_size=1, max_size=12),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["", " "]), LINE), max_size=25))
def test_any_text_is_a_document_or_one_data_error(lines: list[tuple[str, str]]) -> None:
    raw = "\n".join(indent + text for indent, text in lines)
    try:
        reading = read(raw, title="题", lang="zh")
    except DataError as exc:
        assert exc.path == "t.txt" and "\n" not in str(exc)
        return
    document = reading.document
    assert [p.number for p in document.paragraphs] == list(range(1, len(document.paragraphs) + 1))
    again = parse_document(format_document(document), "t.txt")
    assert [(p.number, p.text) for p in again.paragraphs] == [
        (p.number, p.text) for p in document.paragraphs
    ]


def test_the_issue_example_three_numbered_paragraphs() -> None:
    # What the issue tried: a UN working paper's extracted text, masthead in both scripts,
    # numbers on lines of their own. It used to stop with "no title found".
    raw = (
        "NPT/CONF.2020/WP.30\n\n2022年7月29日\n\nChinese\n\nOriginal: English\n\n"
        "不扩散核武器条约缔约国2020年审议大会\n\n2022年8月1日至26日，纽约\n\n"
        "临时议程项目16\n\n审议条约的执行情况\n\n无核武器区\n\n新西兰提出的工作文件*\n\n"
        "1.\n\n第一段的开头，\n\n第一段的结尾。\n\n2.\n\n第二段。\n\n3.\n\n第三段。\n\n"
        "* 本文件未经正式编辑。\n\n22-11999 (C)\n\n*2211999*\n"
    )
    reading = read(raw)
    meta = reading.document.meta
    assert [(p.number, p.text) for p in reading.document.paragraphs] == [
        (1, "第一段的开头，第一段的结尾。"), (2, "第二段。"), (3, "第三段。"),
    ]  # fmt: skip
    assert (meta.symbol, meta.lang, meta.title.zh, meta.author.zh) == (
        "NPT/CONF.2020/WP.30", "zh", "无核武器区", "新西兰",
    )  # fmt: skip
    assert meta.extra["distributed"] == "2022-07-29" and meta.extra["original"] == "en"
    assert reading.footnotes == ("* 本文件未经正式编辑。",) and reading.furniture == 2


def test_a_compound_broken_at_a_line_end_stays_one_word() -> None:
    raw = (
        "Working paper submitted by Chile\n1. the Treaty on the Non-\nProliferation of "
        "Nuclear Weapons and non-\nproliferation, a -\nb.\n"
    )
    assert shape(raw) == [
        (1, "the Treaty on the Non-Proliferation of Nuclear Weapons and non-proliferation, a - b.",
         ()),
    ]  # fmt: skip
