"""Tests for npt_gloss.ingest: PDF-extracted Chinese text to numbered paragraphs."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from npt_gloss.corpus import format_document, parse_document, read_document
from npt_gloss.errors import DataError
from npt_gloss.ingest import (
    Header,
    detect_header,
    ends_sentence,
    ingest_raw,
    raw_lines,
    read_header,
)
from npt_gloss.models import Bilingual, Document

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "text" / "sources" / "paper.zh.raw.txt"  # in the repository: no test skips
SHIPPED = REPO / "text" / "ru-wp-shared-responsibility.txt"


def squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


def shape(doc: Document) -> list[tuple[int, str, tuple[str, ...]]]:
    return [(p.number, p.text, p.items) for p in doc.paragraphs]


def load_make_text() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_text", REPO / "scripts" / "make_text.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_doc(seed: str) -> Document:
    return ingest_raw(seed, doc_id="ru-wp-shared-responsibility")


# --------------------------------------------------------------------------- the seed


def test_seed_has_23_paragraphs_and_17_has_five_items(seed_doc: Document) -> None:
    assert [p.number for p in seed_doc.paragraphs] == list(range(1, 24))
    assert [len(p.items) for p in seed_doc.paragraphs] == [0] * 16 + [5] + [0] * 6


def test_seed_text_is_kept_whole(seed: str, seed_doc: Document) -> None:
    body = seed.split("\n")[5:]  # the three header lines and their blank lines
    assert squeeze("".join(p.text for p in seed_doc.paragraphs)) == squeeze("\n".join(body))


def test_seed_paragraph_starts(seed_doc: Document) -> None:
    # Raw lines where the indented first lines sit (50 and 123 follow a line with no blank).
    starts = [7, 15, 19, 25, 33, 37, 43, 50, 54, 62, 70, 90, 110, 123, 129, 139, 145, 169]
    starts += [181, 191, 198, 218, 230]
    assert [p.line for p in seed_doc.paragraphs] == starts


def test_seed_page_break_continuation(seed_doc: Document) -> None:
    # Raw lines 193-194: "…只有在广泛的国" then " 际战线上…" is one sentence.
    assert "只有在广泛的国际战线上在这一领域取得进展" in seed_doc.paragraph(20).text
    assert seed_doc.paragraph(7).text.endswith("这一看似显而易见的公理常常受到质疑。")
    assert seed_doc.paragraph(8).text.startswith("对整体裁军问题")


def test_seed_items(seed_doc: Document) -> None:
    items = seed_doc.paragraph(17).items
    assert items[0] == "战略稳定性是进行切实对话的基本先决条件，包括核问题对话；"
    assert items[2] == (
        "在区域和双边基础上，在现有多边论坛(裁军谈判会议)上就裁军问题的关键方面开展谈判，而不是讨论；"
    )
    assert items[4].endswith("一项制止化学和生物恐怖主义行为的国际公约)。")
    assert seed_doc.paragraph(17).text.startswith("总体而言，")
    assert seed_doc.paragraph(17).text.count("\n– ") == 5


def test_seed_header_metadata(seed_doc: Document) -> None:
    meta = seed_doc.meta
    assert meta.title.zh == "核裁军：分担责任的领域"
    assert meta.author.zh == "俄罗斯联邦"
    assert meta.doc_type.zh == "工作文件"
    assert meta.place.zh == "纽约"
    assert (meta.date_start, meta.date_end, meta.year) == ("2022-08-01", "2022-08-26", 2022)
    assert meta.symbol == ""


def test_seed_reproduces_shipped_paragraphs(seed_doc: Document) -> None:
    assert shape(read_document(SHIPPED)) == shape(seed_doc)


def test_make_text_reproduces_shipped_file(seed: str) -> None:
    make_text = load_make_text()
    assert make_text.build(seed) == SHIPPED.read_text(encoding="utf-8")
    assert make_text.main(["--check", "--seed", str(SEED), "--output", str(SHIPPED)]) == 0


def test_make_text_check_detects_drift(tmp_path: Path) -> None:
    raw = " 2022 年 8 月 1 日至 26 日，纽约\n  核裁军\n  俄罗斯联邦提交的工作文件\n 第一段。\n"
    seed_path = tmp_path / "seed.txt"
    seed_path.write_text(raw, encoding="utf-8")
    out = tmp_path / "ru-wp-shared-responsibility.txt"
    make_text = load_make_text()
    assert make_text.main(["--check", "--seed", str(seed_path), "--output", str(out)]) == 1
    assert make_text.main(["--seed", str(seed_path), "--output", str(out)]) == 0
    assert make_text.main(["--check", "--seed", str(seed_path), "--output", str(out)]) == 0
    assert read_document(out).paragraph(1).text == "第一段。"


# --------------------------------------------------------------------------- hand-made raw text

HEADER = " 2022 年 8 月 1 日至 26 日，纽约 \n\n  标题 \n\n  某国提交的工作文件 \n\n"

# name, raw body (after HEADER), expected [(text, items)]
BODIES = [
    (
        "blank lines between wraps",
        " 第一段开\n\n始了。 \n\n 第二段。 \n",
        [("第一段开始了。", ()), ("第二段。", ())],
    ),
    (
        "page break: leading space continues an unfinished sentence",
        " 只有在广泛的国\n 际战线上取得进展。\n\n 下一段。\n",
        [("只有在广泛的国际战线上取得进展。", ()), ("下一段。", ())],
    ),
    (
        "new paragraph without a blank line after a full stop",
        " 受到质疑。 \n  对整体裁军问题。\n",
        [("受到质疑。", ()), ("对整体裁军问题。", ())],
    ),
    (
        "unindented line after a full stop continues",
        " 也是有价值的。\n\n不具备能力的国家。\n",
        [("也是有价值的。不具备能力的国家。", ())],
    ),
    (
        "wrapped dash item",
        " 即： \n\n– 第一项的\n\n关键方面； \n\n– 第二项。 \n\n 下一段。\n",
        [
            ("即：\n– 第一项的关键方面；\n– 第二项。", ("第一项的关键方面；", "第二项。")),
            ("下一段。", ()),
        ],
    ),
    (
        "item wrapped over three lines",
        " 即：\n– 在《关于禁\n止发展、生产和储存\n细菌(生物)武器的公约》下；\n",
        [("即：\n– 在《关于禁止发展、生产和储存细菌(生物)武器的公约》下；",
          ("在《关于禁止发展、生产和储存细菌(生物)武器的公约》下；",))],
    ),
    (
        "hyphen items become en-dash items",
        " 即：\n- 甲；\n- 乙。\n",
        [("即：\n– 甲；\n– 乙。", ("甲；", "乙。"))],
    ),
    (
        "indented line after an item that ends a sentence starts a paragraph",
        " 即：\n– 甲。\n 新段。\n",
        [("即：\n– 甲。", ("甲。",)), ("新段。", ())],
    ),
    (
        "indented line after an unfinished item continues it",
        " 即：\n– 甲的\n 乙。\n",
        [("即：\n– 甲的乙。", ("甲的乙。",))],
    ),
    (
        "form feed is a page break, not an indent",
        " 第一段的\n\f后半。\n",
        [("第一段的后半。", ())],
    ),
    (
        "full-width space indent",
        "\u3000\u3000第一段。\n\u3000\u3000第二段。\n",
        [("第一段。", ()), ("第二段。", ())],
    ),
    (
        "sentence end inside closing bracket",
        " 见附件。)\n 新段。\n",
        [("见附件。)", ()), ("新段。", ())],
    ),
    (
        "closing quote ends a sentence",
        " 他说“是的。”\n 新段。\n",
        [("他说“是的。”", ()), ("新段。", ())],
    ),
    (
        "latin wraps keep one space",
        " the Treaty on the\nNon-Proliferation of Nuclear Weapons.\n",
        [("the Treaty on the Non-Proliferation of Nuclear Weapons.", ())],
    ),
    (
        "crlf",
        " 第一\r\n\r\n段。\r\n 第二段。\r\n",
        [("第一段。", ()), ("第二段。", ())],
    ),
    (
        "trailing whitespace-only lines",
        " 一段。 \n\n \n\n",
        [("一段。", ())],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("body", "expected"), [c[1:] for c in BODIES], ids=[c[0] for c in BODIES])
def test_ingest_hand_made(body: str, expected: list[tuple[str, tuple[str, ...]]]) -> None:
    doc = ingest_raw(HEADER + body, doc_id="t")
    assert [(p.text, p.items) for p in doc.paragraphs] == expected
    assert [p.number for p in doc.paragraphs] == list(range(1, len(expected) + 1))
    # Whatever ingest makes is a valid document file that reads back the same.
    again = parse_document(format_document(doc), "t.txt")
    assert shape(again) == shape(doc)


# --------------------------------------------------------------------------- header

# name, raw, header line count
HEADERS = [
    ("seed-like", HEADER + " 正文。\n", 3),
    ("author line only", "  某国提交的工作文件\n 正文。\n", 1),
    ("date and title, no author line", " 2022 年 8 月 1 日，纽约\n  标题\n 正文。\n", 2),
    ("no header", " 正文第一段。\n 正文第二段。\n", 0),
    (
        "author line too far down",
        "".join(f" 第{i}段。\n" for i in range(8)) + " 某国提交的报告\n",
        0,
    ),
    ("wrapped title", " 2022 年 8 月 1 日，纽约\n 长标\n 题\n 某国提交的工作文件\n 正文。\n", 4),
]


@pytest.mark.parametrize(("raw", "count"), [c[1:] for c in HEADERS], ids=[c[0] for c in HEADERS])
def test_detect_header(raw: str, count: int) -> None:
    assert detect_header(raw_lines(raw)) == count


@pytest.mark.parametrize(
    ("texts", "header"),
    [
        (
            ["2022 年 8 月 1 日至 26 日，纽约", "核裁军：分担责任的领域",
             "俄罗斯联邦提交的工作文件"],
            Header(
                "核裁军：分担责任的领域", "俄罗斯联邦", "工作文件", "纽约",
                "2022-08-01", "2022-08-26", 2022,
            ),
        ),
        (
            ["2021 年 12 月 30 日至 2022 年 1 月 2 日，日内瓦", "标题"],
            Header("标题", "", "", "日内瓦", "2021-12-30", "2022-01-02", 2021),
        ),
        (["2022 年 13 月 1 日，纽约", "标题"], Header("标题", place="纽约")),
        (["长标", "题", "某国提交的报告"], Header("长标题", "某国", "报告")),
        ([], Header()),
    ],
    ids=["seed", "across years", "impossible date", "wrapped title", "empty"],
)  # fmt: skip
def test_read_header(texts: list[str], header: Header) -> None:
    assert read_header(texts) == header


def test_explicit_header_lines() -> None:
    raw = "  题目\n 第一段。\n 第二段。\n"
    doc = ingest_raw(raw, doc_id="t", header_lines=1)
    assert doc.meta.title.zh == "题目"
    assert [p.text for p in doc.paragraphs] == ["第一段。", "第二段。"]
    doc = ingest_raw(raw, doc_id="t", header_lines=0, title_zh="给定标题")
    # Without a header the title is body text, and it does not end a sentence.
    assert [p.text for p in doc.paragraphs] == ["题目第一段。", "第二段。"]
    assert doc.meta.title.zh == "给定标题"


def test_overrides() -> None:
    doc = ingest_raw(
        HEADER + " 正文。\n",
        doc_id="t",
        title_zh="新标题",
        author_zh="另一国",
        symbol="NPT/CONF.2020/WP.1",
        title=Bilingual("被替换", "English title"),
    )
    assert doc.meta.title == Bilingual("新标题", "English title")
    assert doc.meta.author == Bilingual("另一国", "")
    assert doc.meta.symbol == "NPT/CONF.2020/WP.1"
    assert doc.meta.place.zh == "纽约"


def test_unknown_override_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        ingest_raw(HEADER + " 正文。\n", doc_id="t", colour="red")


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("受到质疑。", True),
        ("即：", True),
        ("对话；", True),
        ("是否？", True),
        ("“规则”", True),
        ("见附件。)", True),
        ("见附件。）", True),
        ("只有在广泛的国", False),
        ("(核武", False),
        ("核武器)", False),
        ("", False),
    ],
)
def test_ends_sentence(text: str, ends: bool) -> None:
    assert ends_sentence(text) is ends


# --------------------------------------------------------------------------- errors

ERRORS = [
    ("item before any paragraph", HEADER + "– 项。\n 段。\n", "dash item comes before", 7),
    ("nothing after the header", HEADER, "no paragraphs found", None),
    ("empty item never filled", HEADER + " 即：\n–\n", "empty item", 7),
    ("no title", " 正文。\n", "no title found", None),
]


@pytest.mark.parametrize(
    ("raw", "words", "line"), [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS]
)
def test_ingest_errors(raw: str, words: str, line: int | None) -> None:
    with pytest.raises(DataError) as info:
        ingest_raw(raw, doc_id="t", source="paper.zh.raw.txt")
    assert words in info.value.message
    assert info.value.path == "paper.zh.raw.txt"
    assert info.value.line == line


def test_header_lines_out_of_range() -> None:
    with pytest.raises(DataError, match="header_lines"):
        ingest_raw(" 一。\n", doc_id="t", header_lines=5)


# --------------------------------------------------------------------------- property

CJK_LINE = st.text(st.sampled_from("核裁军条约。，；：“”()（）·—abc 12"), min_size=1, max_size=15)


@settings(max_examples=300)
@given(lines=st.lists(st.tuples(st.sampled_from(["", " ", "  ", "\u3000"]), CJK_LINE), min_size=1))
def test_ingest_keeps_every_character(lines: list[tuple[str, str]]) -> None:
    raw = "\n\n".join(indent + text for indent, text in lines)
    if not squeeze(raw):
        return
    doc = ingest_raw(raw, doc_id="t", header_lines=0, title_zh="题")
    assert squeeze("".join(p.text for p in doc.paragraphs)) == squeeze(raw)
    assert shape(parse_document(format_document(doc), "t.txt")) == shape(doc)
