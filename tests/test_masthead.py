"""Tests for npt_gloss.documents.masthead: front matter from UN mastheads, line by line."""

from __future__ import annotations

import pytest

from npt_gloss.documents.lines import Line
from npt_gloss.documents.masthead import Masthead, is_author_line, read_masthead


def lines(*texts: str) -> list[Line]:
    return [Line(text, number) for number, text in enumerate(texts, 1)]


# name, masthead lines, expected Masthead (without ``found``)
MASTHEADS = [
    (
        "NPT working paper, Chinese",
        lines("联合国", "NPT/CONF.2020/WP.12", "分发：普遍", "2022年8月1日", "中文",
              "原文：英文", "不扩散核武器条约缔约国2020年审议大会", "2022年8月1日至26日，纽约",
              "临时议程项目16", "审议条约的执行情况", "核裁军：分担责任的领域",
              "俄罗斯联邦提出的工作文件*"),
        Masthead(symbol="NPT/CONF.2020/WP.12", distributed="2022-08-01", version_lang="zh",
                 original="en", body="不扩散核武器条约缔约国2020年审议大会", place="纽约",
                 date_start="2022-08-01", date_end="2022-08-26", year=2022, agenda_item="16",
                 agenda="审议条约的执行情况", title="核裁军：分担责任的领域",
                 author="俄罗斯联邦", doc_type="工作文件"),
    ),
    (
        "General Assembly report, English, banner and symbol on one line",
        lines("United Nations A/77/123", "General Assembly", "Distr.: General",
              "4 July 2022", "Original: English", "Seventy-seventh session",
              "Item 98 of the provisional agenda*", "General and complete disarmament",
              "Nuclear disarmament verification", "Report of the Secretary-General"),
        Masthead(symbol="A/77/123", distributed="2022-07-04", original="en",
                 body="General Assembly", session="Seventy-seventh session", agenda_item="98",
                 agenda="General and complete disarmament",
                 title="Nuclear disarmament verification", author="Secretary-General",
                 doc_type="report"),
    ),
    (
        "First Committee draft, dates over two months",
        lines("A/C.1/77/L.5", "New York, 26 September-3 November 2022",
              "Working paper submitted by Austria, Brazil and Mexico"),
        Masthead(symbol="A/C.1/77/L.5", place="New York", date_start="2022-09-26",
                 date_end="2022-11-03", year=2022, author="Austria, Brazil and Mexico",
                 doc_type="working paper"),
    ),
    (
        "IAEA symbol, Chinese author with 提交的",
        lines("GC(66)/INF/5", "2022年9月26日至30日，维也纳", "关于核安保的说明",
              "日本提交的资料"),
        Masthead(symbol="GC(66)/INF/5", place="维也纳", date_start="2022-09-26",
                 date_end="2022-09-30", year=2022, title="关于核安保的说明", author="日本",
                 doc_type="资料"),
    ),
    (
        "the shipped paper's three lines",
        lines("2022 年 8 月 1 日至 26 日，纽约", "核裁军：分担责任的领域",
              "俄罗斯联邦提交的工作文件"),
        Masthead(place="纽约", date_start="2022-08-01", date_end="2022-08-26", year=2022,
                 title="核裁军：分担责任的领域", author="俄罗斯联邦", doc_type="工作文件"),
    ),
    (
        "no anchor: every free line is title, nothing is guessed",
        lines("CD/2230", "长", "标题", "中国提出的工作文件"),
        Masthead(symbol="CD/2230", title="长标题", author="中国", doc_type="工作文件"),
    ),
    (
        "an impossible date is not a date",
        lines("2022年13月1日至2日，纽约", "题目"),
        Masthead(title="2022年13月1日至2日，纽约题目"),
    ),
    ("empty", [], Masthead()),
]  # fmt: skip


@pytest.mark.parametrize(
    ("given", "expected"), [c[1:] for c in MASTHEADS], ids=[c[0] for c in MASTHEADS]
)
def test_read_masthead(given: list[Line], expected: Masthead) -> None:
    found = read_masthead(given)
    assert found == Masthead(**{**expected.__dict__, "found": found.found})
    assert found.found == tuple(name for name, value in expected.__dict__.items() if value)


def test_agenda_title_in_a_pdf_runs_while_the_size_holds() -> None:
    sized = [
        Line("Item 16 of the provisional agenda", 1, size=10.0),
        Line("Review of the operation of the Treaty, as provided for", 2, size=10.0),
        Line("in its article VIII", 3, size=10.0),
        Line("Nuclear disarmament", 4, size=14.0),
    ]
    masthead = read_masthead(sized)
    assert masthead.agenda == (
        "Review of the operation of the Treaty, as provided for in its article VIII"
    )
    assert masthead.title == "Nuclear disarmament"


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("俄罗斯联邦提交的工作文件", True),
        ("中国提出的工作文件*", True),
        ("Working paper submitted by the Russian Federation*", True),
        ("Note by the Secretariat", True),
        ("Document de travail présenté par le Chili", True),
        ("Documento de trabajo presentado por la India", True),
        ("核裁军：分担责任的领域", False),
        ("The working paper was submitted late", False),
    ],
)
def test_is_author_line(text: str, author: bool) -> None:
    assert is_author_line(text) is author


@pytest.mark.parametrize(
    ("text", "author", "kind"),
    [
        ("Working paper submitted by the Russian Federation*", "Russian Federation",
         "working paper"),
        ("Working paper submitted by Theodoria", "Theodoria", "working paper"),
        ("Document de travail présenté par l'Autriche", "Autriche", "document de travail"),
        ("Documento de trabajo presentado por la India", "India", "documento de trabajo"),
        ("Note by the Secretariat", "Secretariat", "note"),
    ],
)  # fmt: skip
def test_author_and_type(text: str, author: str, kind: str) -> None:
    masthead = read_masthead(lines(text))
    assert (masthead.author, masthead.doc_type) == (author, kind)
