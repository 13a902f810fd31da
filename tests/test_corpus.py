"""Tests for npt_gloss.corpus: document files parsed, validated, written back, shown as JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from npt_gloss.corpus import (
    document_to_json,
    format_document,
    join_wrapped,
    load_corpus,
    parse_document,
    read_document,
)
from npt_gloss.errors import DataError
from npt_gloss.models import Bilingual, Document, DocumentMeta, Paragraph

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "text" / "ru-wp-shared-responsibility.txt"

FRONT = """+++
id = "doc"
lang = "zh"
symbol = ""
title.zh = "核裁军"
title.en = "Nuclear disarmament"
+++
"""

VALID = (
    FRONT
    + """
1. 第一段。

2. 第二段，
分两行写。

3. 总体而言，即：
– 第一项；
– 第二项很长，
  续行；
- 第三项。
"""
)


def parse(text: str, name: str = "doc.txt") -> Document:
    return parse_document(text, f"text/{name}")


# --------------------------------------------------------------------------- parsing


def test_parse_valid_document() -> None:
    doc = parse(VALID)
    assert doc.id == "doc"
    assert doc.path == "text/doc.txt"
    assert doc.meta.title == Bilingual("核裁军", "Nuclear disarmament")
    assert [p.number for p in doc.paragraphs] == [1, 2, 3]
    assert [p.line for p in doc.paragraphs] == [9, 11, 14]
    assert doc.paragraph(2).text == "第二段，分两行写。"
    assert doc.paragraph(3).items == ("第一项；", "第二项很长，续行；", "第三项。")
    assert doc.paragraph(3).text == "总体而言，即：\n– 第一项；\n– 第二项很长，续行；\n– 第三项。"


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("核裁", "军", "核裁军"),
        ("the Treaty on the", "Non-Proliferation", "the Treaty on the Non-Proliferation"),
        ("NPT", "缔约国", "NPT缔约国"),
        ("缔约国", "2022", "缔约国2022"),
        ("2022", "年", "2022年"),
        ("article", "6", "article 6"),
        ("“规则”", "的基础", "“规则”的基础"),
        ("弗拉基米尔·", "泽连斯基", "弗拉基米尔·泽连斯基"),
        ("(核武", "器)", "(核武器)"),
        ("", "x", "x"),
    ],
)
def test_join_wrapped(left: str, right: str, joined: str) -> None:
    assert join_wrapped(left, right) == joined


def test_parse_wrapped_latin_lines_get_one_space() -> None:
    doc = parse(FRONT + "\n1. The Treaty on the\nNon-Proliferation of Nuclear Weapons\n")
    assert doc.paragraph(1).text == "The Treaty on the Non-Proliferation of Nuclear Weapons"


def test_parse_bare_number_line_then_text() -> None:
    assert parse(FRONT + "\n1.\n第一段。\n").paragraph(1).text == "第一段。"


def test_parse_accepts_crlf_bom_and_trailing_spaces() -> None:
    text = "\ufeff" + VALID.replace("\n", "  \r\n")
    assert parse(text).paragraphs == parse(VALID).paragraphs


def test_front_matter_maps_to_meta() -> None:
    text = """+++
id = "doc"
lang = "zh"
symbol = "NPT/CONF.2020/WP.1"
title.zh = "标题"
title.en = "Title"
title_en_official = true
author.zh = "俄罗斯联邦"
author.en = "Russian Federation"
type.zh = "工作文件"
type.en = "working paper"
conference.zh = "审议大会"
conference.en = "Review Conference"
conference_name.en = "2020 Review Conference"
place.zh = "纽约"
place.en = "New York"
date_start = "2022-08-01"
date_end = 2022-08-26
year = 2022
url = "https://example.org/"
reviewed_by = "someone"
title.fr = "Titre"
+++

1. 文。
"""
    meta = parse(text).meta
    assert meta == DocumentMeta(
        id="doc",
        lang="zh",
        symbol="NPT/CONF.2020/WP.1",
        title=Bilingual("标题", "Title"),
        title_en_official=True,
        author=Bilingual("俄罗斯联邦", "Russian Federation"),
        doc_type=Bilingual("工作文件", "working paper"),
        conference=Bilingual("审议大会", "Review Conference"),
        conference_name=Bilingual("", "2020 Review Conference"),
        place=Bilingual("纽约", "New York"),
        date_start="2022-08-01",
        date_end="2022-08-26",  # a TOML date becomes the same ISO string
        year=2022,
        url="https://example.org/",
    )
    assert meta.extra == {"reviewed_by": "someone", "title": {"fr": "Titre"}}


@pytest.mark.parametrize("path", ["", "<stdin>"])
def test_id_not_checked_without_a_file_name(path: str) -> None:
    assert parse_document(VALID, path).id == "doc"


# --------------------------------------------------------------------------- errors

BODY = "\n1. 一。\n"
# name, text, words the message must contain, line
MALFORMED = [
    ("no front matter", "1. 一。\n", "missing front matter", 1),
    ("front matter after a blank line", "\n" + FRONT + BODY, "missing front matter", 1),
    ("empty file", "", "missing front matter", 1),
    (
        "unterminated front matter",
        '+++\nid = "doc"\ntitle.zh = "x"\n\n1. 一。\n',
        "unterminated",
        1,
    ),
    ("toml error", '+++\nid = "doc"\nlang = zh\ntitle.zh = "x"\n+++\n' + BODY, "not valid TOML", 3),
    ("toml error at end", '+++\nid = "doc"\ntitle.zh = "x\n+++\n' + BODY, "not valid TOML", 3),
    ("toml duplicate key", '+++\nid = "doc"\nid = "doc"\n+++\n' + BODY, "not valid TOML", 3),
    ("missing id", '+++\ntitle.zh = "x"\n+++\n' + BODY, "required key 'id'", 1),
    ("missing title.zh", '+++\nid = "doc"\ntitle.en = "x"\n+++\n' + BODY, "'title.zh'", 3),
    ("missing title", '+++\nid = "doc"\n+++\n' + BODY, "'title.zh'", 1),
    (
        "id mismatch",
        '+++\ntitle.zh = "x"\nid = "other"\n+++\n' + BODY,
        "differs from the file name",
        3,
    ),
    ("id not a string", '+++\nid = 5\ntitle.zh = "x"\n+++\n' + BODY, "id must be a string", 2),
    ("bad id", '+++\nid = "a b"\ntitle.zh = "x"\n+++\n' + BODY, "not a valid document id", 2),
    ("title not a table", '+++\nid = "doc"\ntitle = "x"\n+++\n' + BODY, "title must have", 3),
    ("title.zh not a string", '+++\nid = "doc"\ntitle.zh = 1\n+++\n' + BODY, "title.zh must be", 3),
    (
        "official not bool",
        FRONT[:-4] + 'title_en_official = "no"\n+++\n' + BODY,
        "true or false",
        7,
    ),
    ("year a string", FRONT[:-4] + 'year = "2022"\n+++\n' + BODY, "year must be", 7),
    ("bad date", FRONT[:-4] + 'date_start = "1 Aug 2022"\n+++\n' + BODY, "date_start must be", 7),
    (
        "impossible date",
        FRONT[:-4] + 'date_end = "2022-02-30"\n+++\n' + BODY,
        "date_end must be",
        7,
    ),
    (
        "datetime",
        FRONT[:-4] + "date_end = 2022-08-01T10:00:00\n+++\n" + BODY,
        "date_end must be",
        7,
    ),
    ("no paragraphs", FRONT, "no numbered paragraphs", 7),
    ("gap", FRONT + "\n1. 一。\n\n3. 三。\n", "expected paragraph 2", 11),
    ("repeat", FRONT + "\n1. 一。\n\n2. 二。\n\n2. 二。\n", "expected paragraph 3", 13),
    ("starts at 2", FRONT + "\n2. 二。\n", "expected paragraph 1", 9),
    ("zero", FRONT + "\n0. 零。\n", "expected paragraph 1", 9),
    ("empty paragraph", FRONT + "\n1. 一。\n\n2.\n\n3. 三。\n", "paragraph 2 is empty", 11),
    ("items without lead", FRONT + "\n1.\n– 项。\n", "no text before them", 9),
    ("empty item", FRONT + "\n1. 一：\n–\n", "empty item", 10),
    ("text before first paragraph", FRONT + "\n前言\n\n1. 一。\n", "before the first numbered", 9),
    ("missing space after number", FRONT + "\n1.一。\n", "before the first numbered", 9),
    ("item before first paragraph", FRONT + "\n– 项\n\n1. 一。\n", "item line outside", 9),
    ("item after blank line", FRONT + "\n1. 一：\n\n– 项。\n", "item line outside", 11),
    ("unnumbered text", FRONT + "\n1. 一。\n\n又一段。\n", "unnumbered text after paragraph 1", 11),
    ("number inside paragraph", FRONT + "\n1. 一。\n2. 二。\n", "starts inside paragraph 1", 10),
]


@pytest.mark.parametrize(
    ("text", "words", "line"), [c[1:] for c in MALFORMED], ids=[c[0] for c in MALFORMED]
)
def test_malformed_documents(text: str, words: str, line: int) -> None:
    with pytest.raises(DataError) as info:
        parse(text)
    err = info.value
    assert words in err.message
    assert err.line == line
    assert str(err).startswith(f"text/doc.txt:{line}")


def test_toml_error_column_is_kept() -> None:
    with pytest.raises(DataError) as info:
        parse('+++\nid = "doc"\nlang = zh\n+++\n' + BODY)
    assert (info.value.line, info.value.column) == (3, 8)


# name, bytes on disk, words in the message, line (None: no line)
FILES = [
    ("gbk", (FRONT + BODY).encode("gbk"), "GBK/GB18030", 5),
    ("utf-16", (FRONT + BODY).encode("utf-16"), "UTF-16", 1),
    ("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", 1),
]


@pytest.mark.parametrize(
    ("data", "words", "line"), [c[1:] for c in FILES], ids=[c[0] for c in FILES]
)
def test_read_document_bad_encodings(tmp_path: Path, data: bytes, words: str, line: int) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    with pytest.raises(DataError) as info:
        read_document(path)
    assert words in str(info.value)
    assert str(info.value).startswith(f"{path}:{line}:")


def test_read_document_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.replace("\n", "\r\n").encode())
    doc = read_document(path)
    assert doc.path == str(path)
    assert doc.paragraphs == parse(VALID).paragraphs


def test_read_document_error_line_after_crlf(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes((FRONT + "\n1. 一。\n\n3. 三。\n").replace("\n", "\r\n").encode())
    with pytest.raises(DataError) as info:
        read_document(path)
    assert str(info.value).startswith(f"{path}:11: gap")


# --------------------------------------------------------------------------- corpus


def write_doc(directory: Path, doc_id: str) -> None:
    (directory / f"{doc_id}.txt").write_text(
        VALID.replace('"doc"', f'"{doc_id}"'), encoding="utf-8"
    )


def test_load_corpus_sorted_by_id(tmp_path: Path) -> None:
    for doc_id in ("zeta", "alpha", "mid-1"):
        write_doc(tmp_path, doc_id)
    (tmp_path / "notes.md").write_text("not a document")
    (tmp_path / ".alpha.txt.x1y2.tmp").write_text("temporary")
    (tmp_path / ".hidden.txt").write_text("editor backup")
    assert [d.id for d in load_corpus(tmp_path)] == ["alpha", "mid-1", "zeta"]


def test_load_corpus_reports_the_bad_file(tmp_path: Path) -> None:
    write_doc(tmp_path, "good")
    (tmp_path / "bad.txt").write_text(FRONT.replace('"doc"', '"bad"') + "\n2. 二。\n")
    with pytest.raises(DataError) as info:
        load_corpus(tmp_path)
    assert str(info.value).startswith(f"{tmp_path / 'bad.txt'}:9:")


@pytest.mark.parametrize(
    ("setup", "words"),
    [
        (lambda d: d / "missing", "not found"),
        (lambda d: (d / "file.txt").write_text("x") and d / "file.txt", "not a directory"),
        (lambda d: d, "no documents"),
        (lambda d: (d / "readme.md").write_text("x") and d, "no documents"),
    ],
    ids=["missing", "a file", "empty", "no txt"],
)
def test_load_corpus_errors(tmp_path: Path, setup, words: str) -> None:
    directory = setup(tmp_path)
    with pytest.raises(DataError) as info:
        load_corpus(directory)
    assert words in str(info.value)
    assert str(info.value).startswith(str(directory))


def test_shipped_corpus_loads() -> None:
    (doc,) = load_corpus(REPO / "text")
    assert doc.id == "ru-wp-shared-responsibility"
    assert len(doc.paragraphs) == 23
    assert len(doc.paragraph(17).items) == 5
    assert doc.meta.symbol == ""


# --------------------------------------------------------------------------- writing


def test_round_trip_of_canonical_text() -> None:
    canonical = format_document(parse(VALID))
    assert format_document(parse(canonical)) == canonical


def test_round_trip_of_shipped_file() -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    assert format_document(parse_document(text, str(SHIPPED))) == text


def test_format_normalises_hyphen_items_and_wraps() -> None:
    formatted = format_document(parse(VALID))
    assert formatted.endswith("\n3. 总体而言，即：\n– 第一项；\n– 第二项很长，续行；\n– 第三项。\n")
    assert "\n2. 第二段，分两行写。\n" in formatted


def test_format_writes_the_symbol_comment_only_when_unknown() -> None:
    doc = parse(VALID)
    assert "never guess it" in format_document(doc)
    known = Document(
        DocumentMeta(id="doc", symbol="NPT/CONF.2020/WP.1", title=Bilingual("x")), doc.paragraphs
    )
    assert "never guess" not in format_document(known)


def test_format_keeps_extra_keys() -> None:
    text = FRONT[:-4] + (
        'reviewed_by = "someone"\ntitle.fr = "Titre"\n'
        '[sources]\npdf = "a.pdf"\npages = [1, 2]\nchecked = 2023-01-02\n+++\n' + BODY
    )
    doc = parse(text)
    again = parse(format_document(doc))
    assert (
        again.meta.extra
        == doc.meta.extra
        == {
            "reviewed_by": "someone",
            "title": {"fr": "Titre"},
            "sources": {"pdf": "a.pdf", "pages": [1, 2], "checked": dt.date(2023, 1, 2)},
        }
    )


# --------------------------------------------------------------------------- JSON


def test_document_to_json_shape() -> None:
    doc = parse(VALID)
    out = document_to_json(doc)
    assert list(out) == ["document", "paragraphs"]
    assert list(out["document"]) == [
        "id", "symbol", "lang", "title", "title_en_official", "author", "type", "conference",
        "conference_name", "place", "date_start", "date_end", "year", "url",
    ]  # fmt: skip
    assert out["document"]["title"] == {"zh": "核裁军", "en": "Nuclear disarmament"}
    assert out["document"]["type"] == {"zh": "", "en": ""}
    assert out["document"]["year"] is None
    assert out["paragraphs"][2] == {
        "number": 3,
        "text": "总体而言，即：\n– 第一项；\n– 第二项很长，续行；\n– 第三项。",
        "items": ["第一项；", "第二项很长，续行；", "第三项。"],
    }
    json.dumps(out)  # serialisable as is


def test_document_to_json_selected_paragraphs() -> None:
    doc = parse(VALID)
    out = document_to_json(doc, [doc.paragraph(3), doc.paragraph(1)])
    assert [p["number"] for p in out["paragraphs"]] == [3, 1]


def test_document_to_json_shipped_metadata() -> None:
    out = document_to_json(read_document(SHIPPED))["document"]
    assert out["title"] == {
        "zh": "核裁军：分担责任的领域",
        "en": "Nuclear disarmament: areas of shared responsibility",
    }
    assert out["symbol"] == ""
    assert out["conference_name"]["zh"] == "不扩散核武器条约缔约国2020年审议大会"
    assert (out["date_start"], out["date_end"], out["year"]) == ("2022-08-01", "2022-08-26", 2022)


# --------------------------------------------------------------------------- properties

LINES = st.sampled_from(
    [
        "+++", "", "1. 一。", "2. 二。", "3.", "– 项", "- item", "–", "id = \"doc\"",
        'title.zh = "x"', "title = 1", "year = 2022", "[title]", "a = [", 'id = "other"',
        "   ", "0. x", "99999999999. big", "1.x", "date_start = 2022-13-01",
    ]
)  # fmt: skip
RANDOM_LINE = st.one_of(LINES, st.text(max_size=20))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(["", FRONT, "+++\n", FRONT.replace("+++\n", "", 1)]),
    lines=st.lists(RANDOM_LINE, max_size=15),
)
def test_parse_document_raises_only_data_error(prefix: str, lines: list[str]) -> None:
    text = prefix + "\n".join(lines)
    try:
        doc = parse(text)
    except DataError as err:
        assert err.path == "text/doc.txt"
        assert err.line is not None and err.line >= 1
    else:
        assert [p.number for p in doc.paragraphs] == list(range(1, len(doc.paragraphs) + 1))


def _clean(text: str) -> bool:
    return text == text.strip() and "\n" not in text and "\r" not in text


PIECE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(
    _clean
)
ANY_STRING = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    lead = draw(PIECE.filter(lambda s: not s.startswith(("–", "-"))))
    meta = DocumentMeta(
        id=draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True)),
        symbol=draw(ANY_STRING),
        title=Bilingual(lead, draw(ANY_STRING)),
        author=Bilingual(draw(ANY_STRING), draw(ANY_STRING)),
        year=draw(st.none() | st.integers(1, 9999)),
        title_en_official=draw(st.booleans()),
    )
    paragraphs = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        items = tuple(draw(st.lists(PIECE, max_size=3)))
        text = lead + "".join(f"\n– {item}" for item in items)
        paragraphs.append(Paragraph(number, text, items))
    return Document(meta, tuple(paragraphs))


@settings(max_examples=200)
@given(doc=documents())
def test_format_then_parse_round_trips(doc: Document) -> None:
    text = format_document(doc)
    path = f"text/{doc.id}.txt"
    again = parse_document(text, path)
    assert again.meta == doc.meta
    assert [(p.number, p.text, p.items) for p in again.paragraphs] == [
        (p.number, p.text, p.items) for p in doc.paragraphs
    ]
    assert format_document(again) == text


# ---------------------------------------------------------------- exact (mutation testing)

from npt_gloss.corpus import _toml_key, toml_value  # noqa: E402


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (True, "true"), (False, "false"), (0, "0"), (12, "12"), (1.5, "1.5"),
        (float("nan"), "nan"), (float("inf"), "inf"), (float("-inf"), "-inf"),
        ("a\"b\\c\nd\te\rf", '"a\\"b\\\\c\\nd\\te\\rf"'),
        ("\x1b\x7f\x9f", '"\\u001B\\u007F\\u009F"'),
        (dt.date(2022, 8, 1), "2022-08-01"), (dt.time(9, 30), "09:30:00"),
        ([1, "x", [True]], '[1, "x", [true]]'), ({"a": 1, "b c": "d"}, '{a = 1, "b c" = "d"}'),
        ([], "[]"), ({}, "{}"),
    ],
)  # fmt: skip
def test_toml_values_are_written_exactly(value: object, written: str) -> None:
    assert toml_value(value) == written


def test_toml_keys_are_bare_or_quoted() -> None:
    assert _toml_key("title_en-2") == "title_en-2"
    assert _toml_key("a b") == '"a b"'


def test_an_unwritable_value_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="cannot write object as TOML"):
        toml_value(object())


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "– an item\n",
            "doc.txt:9: item line outside a paragraph (items follow their paragraph's text "
            "directly, with no blank line before them)",
        ),
        (
            "stray text\n",
            "doc.txt:9: text before the first numbered paragraph (paragraphs start with their "
            "number, e.g. '1. ')",
        ),
        (
            "1. One.\n\nstray text\n",
            "doc.txt:11: unnumbered text after paragraph 1 (a paragraph runs to the next blank "
            "line: remove the blank line or number the text)",
        ),
    ],
)
def test_text_outside_paragraphs_is_named_exactly(body: str, message: str) -> None:
    front = '+++\nid = "doc"\ntitle.zh = "测试"\ntitle.en = "Test"\n'
    front += 'author.zh = "某国"\nauthor.en = "X"\n+++\n\n'
    with pytest.raises(DataError) as caught:
        parse_document(front + body, "doc.txt")
    assert str(caught.value) == message
